// `relc explain <spec>`: per view, the plan as written, the optimized plan and the SQL; with
// --verbose the optimizer's trace after every pass; with --analyze the engine's own plan.
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import type { BackendKind } from '../../backends/index.ts';
import { RelcCommand } from '../base.ts';
import { optimizeFlags, viewFlag } from '../flags.ts';
import { renderWarning } from '../render-error.ts';
import { SQLITE_CAPS } from '../../backends/sqlite/caps.ts';
import { DUCKDB_CAPS } from '../../backends/duckdb/caps.ts';
import { BACKEND_KINDS } from '../../backends/kinds.ts';

const DIALECT_OF = { duckdb: DUCKDB_CAPS.dialect, sqlite: SQLITE_CAPS.dialect } as const;

export default class Explain extends RelcCommand {
  static override description = 'Explain a rule pack: each view as written, optimized, and lowered to SQL; --verbose traces every optimizer pass; --analyze runs it and adds the engine plans.';
  static override args = { spec: Args.string({ description: 'The rule pack (YAML or JSON).', required: true }) };
  static override flags = {
    view: viewFlag,
    verbose: Flags.boolean({ description: 'Print the plan after every optimizer pass (or "unchanged").' }),
    analyze: Flags.boolean({ description: 'Run the pack and print the engine plan of every view.' }),
    backend: Flags.string({ description: 'Engine whose SQL (and plan) to show.', options: [...BACKEND_KINDS], default: 'duckdb' }),
    ...optimizeFlags,
  };

  async run(): Promise<void> {
    const { planText, shortSignature } = await import('../../ir/index.ts');
    const { renderTrace } = await import('../../optimize/index.ts');
    const { compileSql, loadSpecFile, prepareProgram, selectViews } = await import('../../run/compose/compile.ts');
    const { args, flags } = await this.parse(Explain);
    const compiled = await loadSpecFile(args.spec);
    const prepared = await prepareProgram(compiled.program, { optimize: !flags['no-optimize'], disable: flags['disable-pass'] }, compiled);
    const backend = flags.backend as BackendKind;
    const names = selectViews(prepared, flags.view);
    let enginePlans: ReadonlyMap<string, string> | undefined;
    // The compilation's warnings; with --analyze, the run's (which include them).
    let warnings: readonly { code: string; message: string; location?: { file: string; line: number; col: number } }[] = compiled.warnings;
    if (flags.analyze) {
      const { runSpecFile } = await import('../../run/execute/execute.ts'); // --analyze executes: the engine loads here only
      const result = await runSpecFile(args.spec, { backend, analyze: true, optimize: !flags['no-optimize'], disable: flags['disable-pass'] });
      enginePlans = result.explains;
      warnings = result.warnings;
    }
    const views = names.map((name) => ({
      name,
      signature: prepared.signatures.get(name)!,
      plan: planText(prepared.written.views.find((v) => v.name === name)!.rel, { schema: true }),
      optimized: planText(prepared.program.views.find((v) => v.name === name)!.rel, { schema: true }),
      sql: compileSql(prepared, DIALECT_OF[backend], name),
      engine: enginePlans?.get(name),
    }));
    const trace = flags.verbose ? renderTrace(prepared.trace.filter((t) => !('view' in t) || names.includes(t.view) || flags.view === undefined)) : undefined;
    if (flags.json) {
      this.printJson({ views, warnings, ...(trace === undefined ? {} : { trace }) });
      return;
    }
    for (const w of warnings) process.stderr.write(`${renderWarning(w)}\n`);
    for (const v of views) {
      this.log(`== view ${v.name} (signature ${shortSignature(v.signature)})`);
      this.log(`-- plan\n${v.plan}\n-- optimized\n${v.optimized}\n-- sql (${DIALECT_OF[backend]})\n${v.sql.trimEnd()}`);
      if (v.engine) this.log(`-- engine plan (${backend})\n${v.engine.trimEnd()}`);
      this.log('');
    }
    if (trace !== undefined) this.log(`== optimizer trace\n${trace}`);
  }
}
