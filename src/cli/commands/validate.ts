// `relc validate <spec>`: parses, resolves and compiles the whole pack for every SQL dialect
// without reading any input data.
import * as Args from '@oclif/core/args';
import { RelcCommand } from '../base.ts';
import { renderWarning } from '../render-error.ts';
import { isRelcError } from '../../ir/errors.ts';
import type { Dialect, Program } from '../../ir/index.ts';
import { DUCKDB_CAPS } from '../../backends/duckdb/caps.ts';
import { SQLITE_CAPS } from '../../backends/sqlite/caps.ts';
import type { PreparedProgram } from '../../run/compose/compile.ts';
import type { CompiledSpec, SpecWarning } from '../../spec/index.ts';

const ENGINE_DIALECTS: readonly Dialect[] = [DUCKDB_CAPS.dialect, SQLITE_CAPS.dialect];

/** Under `fallbacks: allow` a view need not lower on every engine's dialect, only on one (checked by lowersOnSomeEngine). */
function fallsBack(compiled: CompiledSpec, d: Dialect): boolean {
  return compiled.spec.policy?.fallbacks === 'allow' && ENGINE_DIALECTS.includes(d);
}

/** Every view lowers on at least one engine's dialect; else the first engine's refusal. */
function lowersOnSomeEngine(prepared: PreparedProgram, compile: (p: PreparedProgram, d: Dialect, view: string) => string): void {
  for (const view of prepared.program.views) {
    const refusals: unknown[] = [];
    for (const d of ENGINE_DIALECTS) {
      try {
        compile(prepared, d, view.name);
      } catch (e) {
        if (!isRelcError(e) || e.code !== 'BACKEND_UNSUPPORTED') throw e;
        refusals.push(e);
      }
    }
    if (refusals.length === ENGINE_DIALECTS.length) throw refusals[0];
  }
}

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
  const { findings, everywhere, notes } = await staticPolicyFindings(program, policy, lowerViewForExecution);
  const at = (view: string) => compiled.locations.get(view);
  if (everywhere.length > 0 && policy.on_violation === 'error') {
    const first = everywhere[0]!;
    const location = at(first.view);
    throw location ? first.error.at(location) : first.error;
  }
  const located = (code: SpecWarning['code'], message: string, view: string | undefined): SpecWarning => {
    const location = view === undefined ? undefined : at(view);
    return { code, message, ...(location ? { location } : {}) };
  };
  return [...findings.map((f) => located('POLICY_VIOLATION', f.error.message, f.view)), ...notes.map((n) => located(n.code, n.message, n.subject))];
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
    for (const d of DIALECTS) if (!fallsBack(compiled, d)) compileSql(prepared, d);
    if (compiled.spec.policy?.fallbacks === 'allow') lowersOnSomeEngine(prepared, compileSql);
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
