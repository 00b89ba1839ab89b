// `relc transpile`: SQL (or a Substrait plan) in one dialect → resolved, typed IR → SQL in
// another dialect, the IR, or a Substrait plan.
import { readFile, writeFile } from 'node:fs/promises';
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { RelcError } from '../../ir/errors.ts';
import type { SqlWarning } from '../../sql/index.ts';
import type { TranspileTarget } from '../../run/compose/transpile-cli.ts';
import { RelcCommand } from '../base.ts';
import { renderWarning } from '../render-error.ts';
import { substraitConsumerFlag } from '../flags.ts';
import type { SubstraitConsumerName } from '../../lower/substrait/index.ts';
import { TRANSPILE_TARGETS } from '../../run/compose/targets.ts';
import { SOURCE_DIALECTS } from '../../sql/dialects.ts';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export default class Transpile extends RelcCommand {
  static override description = 'Transpile a SELECT between dialects through the typed IR (semantics preserved), or to/from Substrait.';
  static override args = { sql: Args.string({ description: 'The SQL text (else -f FILE, else stdin).', ignoreStdin: true }) };
  static override flags = {
    file: Flags.string({ char: 'f', description: 'Read the SQL (or Substrait plan) from this file.' }),
    from: Flags.string({ description: 'Source dialect.', options: [...SOURCE_DIALECTS, 'substrait'], default: 'postgres' }),
    to: Flags.string({ description: 'Target.', options: [...TRANSPILE_TARGETS], default: 'duckdb' }),
    schema: Flags.string({ description: 'Catalog: a rule pack (its inputs) or a {table: {column: type}} YAML/JSON map.' }),
    out: Flags.string({ description: 'Write to this file (binary for --to substrait).' }),
    'no-optimize': Flags.boolean({ description: 'Skip the optimizer.' }),
    'substrait-consumer': substraitConsumerFlag,
    'no-prelude': Flags.boolean({ description: "Fail instead of prepending the definitions of relc's shims (DuckDB macros) the SQL calls." }),
    'registered-functions': Flags.boolean({ description: "--to sqlite: the connection running the text registers relc's functions (registerSqliteFunctions(db) from 'relc'), so the text may call them; without it, constructs plain SQLite cannot give PostgreSQL's semantics are refused." }),
    strict: Flags.boolean({ description: 'A LIMIT or window over an order that is not total is an error (default: a warning, and the remaining columns break ties).' }),
  };
  static override examples = [
    `<%= config.bin %> transpile --from postgres --to sqlite --schema examples/quickstart/relc.yaml "select name, score / 2 from people where score > 0.5"`,
    '<%= config.bin %> transpile -f q.sql --from mysql --to duckdb --schema tables.yaml',
  ];

  async run(): Promise<void> {
    const { SOURCE_DIALECTS } = await import('../../sql/index.ts');
    const { catalogOf, loadCatalogFile } = await import('../../run/compose/catalog.ts');
    const { transpileText } = await import('../../run/compose/transpile-cli.ts');
    const { args, flags } = await this.parse(Transpile);
    const bytes = args.sql !== undefined ? Buffer.from(args.sql, 'utf8') : flags.file ? await readFile(flags.file).catch((e: NodeJS.ErrnoException) => {
      throw new RelcError('INPUT_NOT_FOUND', `cannot read ${flags.file}: ${e.code ?? String(e)}`);
    }) : await readStdin();
    const file = flags.file ?? (args.sql !== undefined ? '<argument>' : '<stdin>');
    if (flags.from !== 'substrait') this.inlineSource = { file, text: bytes.toString('utf8') };
    const catalog = flags.schema ? (await loadCatalogFile(flags.schema)).catalog : catalogOf(new Map());
    const warnings: SqlWarning[] = [];
    const output = await transpileText(bytes, {
      from: flags.from as (typeof SOURCE_DIALECTS)[number] | 'substrait',
      to: flags.to as TranspileTarget,
      catalog,
      optimize: !flags['no-optimize'],
      file,
      consumer: flags['substrait-consumer'] as SubstraitConsumerName,
      strict: flags.strict,
      prelude: !flags['no-prelude'],
      registeredFunctions: flags['registered-functions'],
      onWarning: (w) => warnings.push(w),
    });
    if (!flags.json) for (const w of warnings) process.stderr.write(`${renderWarning(w)}\n`);
    if (flags.out) {
      await writeFile(flags.out, output).catch((e: NodeJS.ErrnoException) => {
        throw new RelcError('OUTPUT_WRITE_FAILED', `cannot write ${flags.out}: ${e.code ?? String(e)}`);
      });
      if (flags.json) this.printJson({ ok: true, out: flags.out, bytes: output.length });
      return;
    }
    if (output instanceof Uint8Array) {
      if (process.stdout.isTTY) throw new RelcError('OUTPUT_WRITE_FAILED', 'a binary Substrait plan is not printed to a terminal: use --out FILE or --to substrait-json');
      process.stdout.write(output);
      return;
    }
    if (flags.json) this.printJson({ from: flags.from, to: flags.to, text: output, warnings });
    else process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }
}
