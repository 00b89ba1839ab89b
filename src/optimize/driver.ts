// The optimizer driver: runs the per-view passes of a pipeline to a fixed point (no pass
// changes anything, a plan repeats, or the round limit is hit), then the program passes once.
// After every pass that changed something it re-validates the IR and checks that the output
// schema kept its names and types (nullability may only become stricter); a violation is an
// INTERNAL error naming the pass — a bug in relc, never silently skipped.

import { canonicalJson, internal, isRelcError, RelcError, schemaOf, typeEquals, typeToString, validateProgram, validateRel, type Program, type Rel, type Schema } from '../ir/index.ts';
import type { Pass, PassContext, ProgramPass, RelPass } from './pass.ts';
import { sameCanonical } from './structure.ts';
import { resolvePipeline, type PipelineOptions, type PipelineSpec } from './pipeline.ts';

export type StopReason = 'fixed_point' | 'repeated_plan' | 'max_iterations' | 'disabled';

/** One step of the optimizer, in the order it happened (also what the observer receives). */
export type PassTrace =
  | { readonly kind: 'input'; readonly view: string; readonly rel: Rel }
  | { readonly kind: 'pass'; readonly view: string; readonly iteration: number; readonly pass: string; readonly changed: boolean; readonly rel?: Rel }
  | { readonly kind: 'done'; readonly view: string; readonly iterations: number; readonly stop: StopReason; readonly rel: Rel }
  | { readonly kind: 'program_pass'; readonly pass: string; readonly changed: boolean; readonly added: readonly string[]; readonly rewritten: readonly string[]; readonly program?: Program };

export interface OptimizeOptions extends PipelineOptions {
  /** Called with every trace entry as it happens (`relc explain --verbose`). */
  readonly observer?: (event: PassTrace) => void;
  /**
   * Runs these passes instead of the profile's (embedders' own passes, tests); `disable` and
   * `enabled` still apply. The driver's checks are the same.
   */
  readonly passes?: readonly Pass[];
  /** Overrides the profile's round limit. */
  readonly maxIterations?: number;
}

export interface OptimizeRelOptions extends OptimizeOptions {
  /** The view's name, for the trace and for error messages. */
  readonly view?: string;
  /** Schemas of the views a `ref` in the plan may name. */
  readonly views?: ReadonlyMap<string, Schema>;
}

/** Optimizes one relation with the per-view passes of the pipeline (program passes need a program). */
export function optimizeRel(rel: Rel, opts: OptimizeRelOptions = {}): { rel: Rel; trace: PassTrace[] } {
  const spec = pipelineFor(opts);
  const trace: PassTrace[] = [];
  const emit = (e: PassTrace) => {
    trace.push(e);
    opts.observer?.(e);
  };
  const ctx: PassContext = { views: opts.views ?? new Map() };
  const out = fixedPoint(rel, spec.passes.filter((p): p is RelPass => p.scope === 'rel'), spec.maxIterations, ctx, opts.view ?? 'query', emit, opts.enabled === false);
  return { rel: out, trace };
}

/** Optimizes every view of a program, then runs the program passes. Outputs are untouched. */
export function optimizeProgram(program: Program, opts: OptimizeOptions = {}): { program: Program; trace: PassTrace[] } {
  const spec = pipelineFor({ ...opts, profile: opts.profile ?? program.profile ?? 'default' });
  const trace: PassTrace[] = [];
  const emit = (e: PassTrace) => {
    trace.push(e);
    opts.observer?.(e);
  };
  if (opts.enabled === false || spec.passes.length === 0) return { program, trace };
  const relPasses = spec.passes.filter((p): p is RelPass => p.scope === 'rel');
  const programPasses = spec.passes.filter((p): p is ProgramPass => p.scope === 'program');
  const views = new Map<string, Schema>();
  const optimized = program.views.map((v) => {
    const rel = fixedPoint(v.rel, relPasses, spec.maxIterations, { views }, v.name, emit, false);
    views.set(v.name, schemaOf(rel));
    return { ...v, rel };
  });
  let current: Program = { ...program, views: optimized };
  for (const pass of programPasses) current = runProgramPass(pass, current, emit);
  return { program: current, trace };
}

function pipelineFor(opts: OptimizeOptions): PipelineSpec {
  // Names of the embedder's own passes are valid in `disable` too.
  const spec = resolvePipeline({ ...opts, disable: (opts.disable ?? []).filter((n) => !opts.passes?.some((p) => p.name === n)) });
  const off = new Set(opts.disable ?? []);
  const passes = opts.passes ? (opts.enabled === false ? [] : opts.passes.filter((p) => !off.has(p.name))) : spec.passes;
  return { passes, maxIterations: opts.maxIterations ?? spec.maxIterations };
}

function fixedPoint(rel: Rel, passes: readonly RelPass[], maxIterations: number, ctx: PassContext, view: string, emit: (e: PassTrace) => void, disabled: boolean): Rel {
  emit({ kind: 'input', view, rel });
  if (disabled || passes.length === 0) {
    emit({ kind: 'done', view, iterations: 0, stop: 'disabled', rel });
    return rel;
  }
  // Plans seen at the end of each round, compared exactly (as their canonical IR would be), so
  // two different plans are never mistaken for one another.
  const seen = new PlanSet();
  seen.add(rel);
  // Subtrees already validated in this run (valid whatever plan they reappear in).
  const validated = new WeakSet<Rel>();
  // Per pass, the plan it last left unchanged. Passes are pure functions of (plan, ctx), and
  // ctx is fixed here, so a pass meeting that same plan object again would leave it unchanged
  // again: the round that confirms the fixed point reruns only the passes that ran before the
  // last change.
  const unchangedBy = new Map<RelPass, Rel>();
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let changed = false;
    for (const pass of passes) {
      const r = unchangedBy.get(pass) === rel ? { changed: false, rel } : runPass(pass, rel, ctx, view);
      if (!r.changed) unchangedBy.set(pass, rel);
      else {
        checkPassOutput(pass.name, view, rel, r.rel, ctx, validated);
        rel = r.rel;
        changed = true;
      }
      emit({ kind: 'pass', view, iteration, pass: pass.name, changed: r.changed, ...(r.changed ? { rel } : {}) });
    }
    if (!changed) {
      emit({ kind: 'done', view, iterations: iteration, stop: 'fixed_point', rel });
      return rel;
    }
    if (seen.has(rel)) {
      emit({ kind: 'done', view, iterations: iteration, stop: 'repeated_plan', rel });
      return rel;
    }
    seen.add(rel);
  }
  emit({ kind: 'done', view, iterations: maxIterations, stop: 'max_iterations', rel });
  return rel;
}

/**
 * Plans seen at the end of rounds, membership by exact canonical equality. At most
 * `maxIterations` plans, each compared from the root down: nodes a round did not rebuild are
 * shared with earlier plans and compare by identity, so a check costs about the rebuilt part.
 */
class PlanSet {
  private readonly plans: Rel[] = [];

  add(rel: Rel): void {
    this.plans.push(rel);
  }

  has(rel: Rel): boolean {
    return this.plans.some((r) => sameCanonical(r, rel));
  }
}

function runPass(pass: RelPass, rel: Rel, ctx: PassContext, view: string) {
  try {
    return pass.run(rel, ctx);
  } catch (e) {
    throw passFailure(pass.name, view, e);
  }
}

function passFailure(pass: string, view: string, e: unknown): RelcError {
  const message = e instanceof Error ? e.message : String(e);
  if (isRelcError(e) && e.code === 'INTERNAL' && e.details?.pass === pass) return e;
  return new RelcError('INTERNAL', `optimizer pass ${pass} failed on view ${view}: ${message}`, { details: { pass, view }, cause: e });
}

/** The IR still validates and the output schema kept names and types; nullability only tightened. */
export function checkPassOutput(pass: string, view: string, before: Rel, after: Rel, ctx: PassContext, validated?: WeakSet<Rel>): void {
  try {
    validateRel(after, { views: ctx.views, ...(validated ? { validated } : {}) });
  } catch (e) {
    throw new RelcError('INTERNAL', `optimizer pass ${pass} produced an invalid plan for view ${view}: ${e instanceof Error ? e.message : String(e)}`, { details: { pass, view }, cause: e });
  }
  const problem = schemaChange(schemaOf(before), schemaOf(after));
  if (problem) throw internal(`optimizer pass ${pass} changed the output schema of view ${view}: ${problem}`, { pass, view });
}

/** Why `after` is not an acceptable replacement for `before`, or undefined when it is. */
export function schemaChange(before: Schema, after: Schema): string | undefined {
  if (before.length !== after.length) return `${before.length} columns became ${after.length}`;
  for (const [i, b] of before.entries()) {
    const a = after[i]!;
    if (a.name !== b.name) return `column ${i + 1} '${b.name}' was renamed to '${a.name}'`;
    if (!typeEquals(a.type, b.type)) return `column ${i + 1} '${b.name}' changed type from ${typeToString(b.type)} to ${typeToString(a.type)}`;
    if (a.nullable && !b.nullable) return `column ${i + 1} '${b.name}' became nullable`;
  }
  return undefined;
}

function runProgramPass(pass: ProgramPass, program: Program, emit: (e: PassTrace) => void): Program {
  let r;
  try {
    r = pass.runProgram(program);
  } catch (e) {
    throw passFailure(pass.name, '*', e);
  }
  if (!r.changed) {
    emit({ kind: 'program_pass', pass: pass.name, changed: false, added: [], rewritten: [] });
    return program;
  }
  const next = r.program;
  try {
    validateProgram(next);
  } catch (e) {
    throw new RelcError('INTERNAL', `optimizer pass ${pass.name} produced an invalid program: ${e instanceof Error ? e.message : String(e)}`, { details: { pass: pass.name }, cause: e });
  }
  const after = new Map(next.views.map((v) => [v.name, v]));
  const rewritten: string[] = [];
  for (const v of program.views) {
    const w = after.get(v.name);
    if (!w) throw internal(`optimizer pass ${pass.name} removed view ${v.name}`, { pass: pass.name, view: v.name });
    const problem = schemaChange(schemaOf(v.rel), schemaOf(w.rel));
    if (problem) throw internal(`optimizer pass ${pass.name} changed the output schema of view ${v.name}: ${problem}`, { pass: pass.name, view: v.name });
    if (w.rel !== v.rel) rewritten.push(v.name);
  }
  if (canonicalJson(next.outputs) !== canonicalJson(program.outputs)) throw internal(`optimizer pass ${pass.name} changed the outputs`, { pass: pass.name });
  const before = new Set(program.views.map((v) => v.name));
  const added = next.views.filter((v) => !before.has(v.name)).map((v) => v.name);
  emit({ kind: 'program_pass', pass: pass.name, changed: true, added, rewritten, program: next });
  return next;
}

export type { Pass };
