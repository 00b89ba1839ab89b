// CLI entry: oclif dispatches argv to the command classes listed in commands.ts.
import { run } from '@oclif/core/run';
import { flush } from '@oclif/core/flush';
import { handle } from '@oclif/core/handle';
import { settings } from '@oclif/core/settings';
import { usageError } from './base.ts';
import { renderError } from './render-error.ts';

export async function main(argv: string[]): Promise<void> {
  // The CLI runs its bundle as built: oclif would otherwise, under NODE_ENV=test or development,
  // read tsconfig.json and register tsx to run the TypeScript sources instead (~200 ms).
  settings.enableAutoTranspile = false;
  try {
    await run(argv, import.meta.url);
    await flush();
  } catch (e) {
    const err = e as Error & { oclif?: { exit?: number } };
    // Outside a command (an unknown command): the same usage-error contract as inside one.
    if (err.oclif?.exit === 2) {
      const usage = usageError(err);
      if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: usage.toJSON() }, null, 2)}\n`);
      else process.stderr.write(`${renderError(usage)}\n`);
      process.exitCode = 1;
      return;
    }
    await handle(err);
  }
}
