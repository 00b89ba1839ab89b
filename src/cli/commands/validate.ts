// `relc validate <spec>`: parses, resolves and compiles the whole pack for DuckDB, SQLite and
// PostgreSQL (the validated targets of src/run/compose/targets.ts) without reading any input data.
import * as Args from '@oclif/core/args';
import { RelcCommand } from '../base.ts';
import { renderWarning } from '../render-error.ts';

export default class Validate extends RelcCommand {
  static override description = 'Check a rule pack statically: parse, resolve, type-check, optimize and lower every view for DuckDB, SQLite and PostgreSQL, without reading input data.';
  static override args = { spec: Args.string({ description: 'The rule pack (YAML or JSON).', required: true }) };
  static override examples = ['<%= config.bin %> validate examples/quickstart/relc.yaml'];

  async run(): Promise<void> {
    const { VALIDATED_DIALECTS } = await import('../../run/compose/targets.ts');
    const { compileSql, loadSpecFile, prepareProgram } = await import('../../run/compose/compile.ts');
    const { args, flags } = await this.parse(Validate);
    const compiled = await loadSpecFile(args.spec);
    const prepared = await prepareProgram(compiled.program, { optimize: true, disable: [] }, compiled);
    for (const d of VALIDATED_DIALECTS) compileSql(prepared, d);
    const p = compiled.program;
    if (flags.json) {
      this.printJson({
        ok: true,
        spec_hash: compiled.specHash,
        inputs: p.inputs.map((i) => i.name),
        views: p.views.map((v) => ({ name: v.name, signature: prepared.signatures.get(v.name) })),
        outputs: p.outputs.map((o) => o.name),
        warnings: compiled.warnings,
      });
      return;
    }
    for (const w of compiled.warnings) process.stderr.write(`${renderWarning(w)}\n`);
    this.log(`ok: ${args.spec}: ${p.inputs.length} inputs, ${p.views.length} views, ${p.outputs.length} outputs; spec_hash ${compiled.specHash}`);
  }
}
