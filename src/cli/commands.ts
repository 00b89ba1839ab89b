// The command table oclif dispatches on (package.json `oclif.commands`, explicit strategy).
import Build from './commands/build.ts';
import Compile from './commands/compile.ts';
import Diag from './commands/diag.ts';
import Diff from './commands/diff.ts';
import Explain from './commands/explain.ts';
import Golden from './commands/golden.ts';
import Replay from './commands/replay.ts';
import Run from './commands/run.ts';
import Transpile from './commands/transpile.ts';
import Validate from './commands/validate.ts';
import Why from './commands/why.ts';

export const COMMANDS = {
  validate: Validate,
  compile: Compile,
  explain: Explain,
  run: Run,
  build: Build, // relc build <dir> --out DIR
  why: Why, // relc why <bundle> <edge_id> | --from Q --to Q
  transpile: Transpile,
  golden: Golden, // relc golden <check|update> [DIR]
  diff: Diff,
  replay: Replay,
  diag: Diag, // relc diag <bundle> [SQL]
};
