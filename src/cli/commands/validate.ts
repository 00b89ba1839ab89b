// `relc validate <spec>`: parses, resolves and compiles the whole pack for every SQL dialect
// without reading any input data.
import * as Args from '@oclif/core/args';
import { RelcCommand } from '../base.ts';
import { renderWarning } from '../render-error.ts';
import type { Program } from '../../ir/index.ts';
import type { CompiledSpec, SpecWarning } from '../../spec/index.ts';

/**
 * The pack's policy checked on every engine without data: a view that can run on no engine within
 * it is the error (under on_violation: warn, a warning); one that violates it on some engines is a
 * warning naming the engine. Row limits are checked at run time.
 */
async function policyWarnings(compiled: CompiledSpec, program: Program): Promise<SpecWarning[]> {
  if (!compiled.spec.policy) return [];
  const { staticPolicyFindings } = await import('../../run/execute/lanes.ts');
  const { effectivePolicy } = await import('../../run/execute/policy.ts');
  const { lowerViewForExecution } = await import('../../lower/sql/index.ts');
  const policy = effectivePolicy(compiled.spec.policy, program.profile);
  const { findings, everywhere } = await staticPolicyFindings(program, policy, lowerViewForExecution);
  const at = (view: string) => compiled.locations.get(view);
  if (everywhere.length > 0 && policy.on_violation === 'error') {
    const first = everywhere[0]!;
    const location = at(first.view);
    throw location ? first.error.at(location) : first.error;
  }
  return findings.map((f) => {
    const location = at(f.view);
    return { code: 'POLICY_VIOLATION' as const, message: f.error.message, ...(location ? { location } : {}) };
  });
}

export default class Validate extends RelcCommand {
  static override description = 'Check a rule pack statically: parse, resolve, type-check, optimize and lower every view for every dialect, without reading input data.';
  static override args = { spec: Args.string({ description: 'The rule pack (YAML or JSON).', required: true }) };
  static override examples = ['<%= config.bin %> validate examples/quickstart/relc.yaml'];

  async run(): Promise<void> {
    const { DIALECTS } = await import('../../ir/index.ts');
    const { compileSql, loadSpecFile, prepareProgram } = await import('../../run/compose/compile.ts');
    const { args, flags } = await this.parse(Validate);
    const compiled = await loadSpecFile(args.spec);
    const prepared = await prepareProgram(compiled.program, { optimize: true, disable: [] }, compiled);
    for (const d of DIALECTS) compileSql(prepared, d);
    const p = compiled.program;
    const warnings = [...compiled.warnings, ...(await policyWarnings(compiled, prepared.program))];
    if (flags.json) {
      this.printJson({
        ok: true,
        spec_hash: compiled.specHash,
        inputs: p.inputs.map((i) => i.name),
        views: p.views.map((v) => ({ name: v.name, signature: prepared.signatures.get(v.name) })),
        outputs: p.outputs.map((o) => o.name),
        warnings,
      });
      return;
    }
    for (const w of warnings) process.stderr.write(`${renderWarning(w)}\n`);
    this.log(`ok: ${args.spec}: ${p.inputs.length} inputs, ${p.views.length} views, ${p.outputs.length} outputs; spec_hash ${compiled.specHash}`);
  }
}
