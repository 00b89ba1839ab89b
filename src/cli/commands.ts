// The command table oclif dispatches on (package.json `oclif.commands`, explicit strategy).
import Compile from './commands/compile.ts';
import Explain from './commands/explain.ts';
import Run from './commands/run.ts';
import Transpile from './commands/transpile.ts';
import Validate from './commands/validate.ts';

export const COMMANDS = {
  validate: Validate,
  compile: Compile,
  explain: Explain,
  run: Run,
  transpile: Transpile,
};
