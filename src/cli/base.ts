// The base of every relc command: shared flags (--json, --debug) and the error contract
// (RelcError → `file:line:col: error[CODE]` + excerpt, exit 1; anything else is internal, exit 70).

import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import { isRelcError, RelcError } from '../ir/errors.ts';
import { renderError } from './render-error.ts';

/** An oclif parse error (bad flag, missing argument) as a RelcError. */
export function usageError(err: Error): RelcError {
  const message = err.message.split('\n').map((l) => l.trim()).filter((l) => l && !/^(See more help|Note:|Alternatively)/.test(l)).join(' ').replace(/:\s+/g, ': ');
  return new RelcError('USAGE_ERROR', `${message} (see --help)`);
}

export abstract class RelcCommand extends Command {
  static override baseFlags = {
    json: Flags.boolean({ description: 'Print machine-readable JSON.' }),
    debug: Flags.boolean({ description: 'Show stack traces.' }),
  };

  /** Text of a source that is not a file (an argument, stdin), for error excerpts. */
  protected inlineSource?: { readonly file: string; readonly text: string };

  protected wantsJson(): boolean {
    return this.argv.includes('--json');
  }

  protected printJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
  }

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (err.oclif?.exit !== undefined && err.oclif.exit !== 2) throw err; // this.exit()
    const debug = this.argv.includes('--debug');
    // oclif's flag and argument errors (its exit 2) are usage errors under relc's contract: exit 1.
    if (err.oclif?.exit === 2) err = usageError(err);
    if (isRelcError(err) && err.code !== 'INTERNAL') {
      if (this.wantsJson()) this.printJson({ error: err.toJSON() });
      else {
        const inline = this.inlineSource && err.location?.file === this.inlineSource.file ? this.inlineSource.text : undefined;
        process.stderr.write(`${renderError(err, inline)}\n${debug && err.stack ? `${err.stack}\n` : ''}`);
      }
      process.exitCode = 1;
      return this.exit(1);
    }
    const internal = isRelcError(err) ? err : new RelcError('INTERNAL', err.message ?? String(err), { cause: err });
    if (this.wantsJson()) this.printJson({ error: internal.toJSON() });
    process.stderr.write(`internal error: ${internal.message}\n${err.stack ?? ''}\nThis is a bug in relc; please report it with the input that caused it.\n`);
    process.exitCode = 70;
    return this.exit(70);
  }
}
