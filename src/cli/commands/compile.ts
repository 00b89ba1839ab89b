// `relc compile <spec> --target …`: per-view SQL for a dialect, the IR, the plan, or a Substrait plan (targets.ts, emit.ts).
import { writeFile } from 'node:fs/promises';
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { RelcError } from '../../ir/errors.ts';
import type { CompileTarget } from '../../run/compose/compile.ts';
import { RelcCommand } from '../base.ts';
import { optimizeFlags, substraitConsumerFlag, viewFlag } from '../flags.ts';
import type { SubstraitConsumerName } from '../../lower/substrait/index.ts';
import { COMPILE_TARGETS } from '../../run/compose/targets.ts';

export default class Compile extends RelcCommand {
  static override description = 'Compile a rule pack: one self-contained statement per view (dependencies as CTEs) for a SQL dialect, the IR as JSON, the plan as text, or a Substrait plan.';
  static override args = { spec: Args.string({ description: 'The rule pack (YAML or JSON).', required: true }) };
  static override flags = {
    target: Flags.string({ description: 'What to emit.', options: [...COMPILE_TARGETS], default: 'duckdb' }),
    view: viewFlag,
    out: Flags.string({ description: 'Write to this file instead of stdout (binary for --target substrait).' }),
    'substrait-consumer': substraitConsumerFlag,
    'no-prelude': Flags.boolean({ description: "Fail instead of prepending the definitions of relc's shims (DuckDB macros) the SQL calls." }),
    ...optimizeFlags,
  };
  static override examples = [
    '<%= config.bin %> compile examples/quickstart/relc.yaml --target sqlite --view team_sizes',
    '<%= config.bin %> compile examples/quickstart/relc.yaml --target substrait --out plan.bin',
  ];

  async run(): Promise<void> {
    const { loadSpecFile, prepareProgram } = await import('../../run/compose/compile.ts');
    const { emit } = await import('../../run/compose/emit.ts');
    const { args, flags } = await this.parse(Compile);
    const compiled = await loadSpecFile(args.spec);
    const prepared = await prepareProgram(compiled.program, { optimize: !flags['no-optimize'], disable: flags['disable-pass'] }, compiled);
    const target = flags.target as CompileTarget;
    const source = { kind: 'pack', prepared, ...(flags.view === undefined ? {} : { view: flags.view }) } as const;
    const output = await emit(target, source, { consumer: flags['substrait-consumer'] as SubstraitConsumerName, prelude: !flags['no-prelude'] });
    if (flags.out) {
      try {
        await writeFile(flags.out, output);
      } catch (e) {
        throw new RelcError('OUTPUT_WRITE_FAILED', `cannot write ${flags.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
      if (flags.json) this.printJson({ ok: true, target, out: flags.out, bytes: output.length });
      return;
    }
    if (output instanceof Uint8Array) {
      if (process.stdout.isTTY) throw new RelcError('OUTPUT_WRITE_FAILED', 'a binary Substrait plan is not printed to a terminal: use --out FILE or --target substrait-json');
      process.stdout.write(output);
      return;
    }
    const listed = prepared.written.views.filter((v) => flags.view === undefined || v.name === flags.view); // --view: that view only
    if (flags.json) this.printJson({ target, views: listed.map((v) => ({ name: v.name, signature: prepared.signatures.get(v.name) })), text: output });
    else process.stdout.write(output);
  }
}
