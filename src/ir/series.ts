// generate_series(start, stop, step) as a recursion: the base is `start`, each step adds `step`
// to the last value and keeps it while it has not passed `stop` (≤ for a positive step, ≥ for a
// negative one). Integer
// series test the last value against `stop - step` (computed here) before adding, so that the
// last step never overflows the type. The `series` annotation lets a target print the engine's
// own generate_series instead.

import { RelcError } from './errors.ts';
import { E, type Expr, type Literal } from './expr.ts';
import { resolveCall } from './registry.ts';
import type { Recursive, Rel, Series } from './rel.ts';
import { canonicalJson } from './canonical.ts';
import { T } from './types.ts';

/** The sign of a step literal: 1, -1, or 0 (zero, NULL, or an interval whose parts disagree). */
export function stepSign(step: Literal): number {
  const v = step.value;
  const textSign = (t: string) => (t.startsWith('-') ? -1 : /[1-9]/.test(t) ? 1 : 0);
  if (typeof v === 'number') return Math.sign(v);
  if (typeof v === 'string' && step.type.kind !== 'utf8') return textSign(v);
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'months' in v) {
    const signs = [Math.sign(v.months), Math.sign(v.days), textSign(v.micros)].filter((x) => x !== 0);
    return signs.length > 0 && signs.every((x) => x === signs[0]) ? signs[0]! : 0;
  }
  return 0;
}

const bool = (fn: string, args: readonly Expr[]) => E.call(fn, args, T.bool);

const INTEGER_RANGES: Readonly<Partial<Record<string, readonly [bigint, bigint]>>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
};

/**
 * The recursion `series` stands for, its working table named `name`: the base is the row of
 * `start` (the caller has checked that start and stop are not NULL and that start has not passed
 * stop), the step a filter over the working table under the projection that advances it, a shape
 * the optimizer's passes leave as it is.
 */
export function seriesRecursion(series: Series, name: string): Recursive {
  const { start, stop, step, column } = series;
  const sign = stepSign(step);
  if (sign === 0) throw new RelcError('INVALID_PLAN', 'generate_series needs a non-zero step of one sign');
  const type = start.type;
  const within = sign > 0 ? 'lte' : 'gte';
  const field = { name: column, type, nullable: false };
  const base: Rel = { kind: 'values', schema: [field], rows: [[start]] };
  const sum = E.call('add', [E.col(0), step], resolveCall('add', [type, step.type]).returns);
  const advanced: Expr = canonicalJson(sum.type) === canonicalJson(type) ? sum : E.cast(sum, type);
  const range = INTEGER_RANGES[type.kind];
  let condition: Expr;
  if (range) {
    const bound = BigInt(String(stop.value)) - BigInt(String(step.value));
    const reachable = sign > 0 ? bound >= range[0] : bound <= range[1];
    condition = reachable ? bool(within, [E.col(0), E.lit(type, type.kind === 'int32' ? Number(bound) : bound.toString())]) : E.lit(T.bool, false);
  } else {
    condition = bool(within, [advanced, stop]);
  }
  const ref: Rel = { kind: 'recursive_ref', name, schema: [field] };
  const stepRel: Rel = { kind: 'project', input: { kind: 'filter', input: ref, condition }, exprs: [advanced], names: [column] };
  return { kind: 'recursive', name, base, step: stepRel, distinct: false, maxIterations: null, series };
}

/** Whether `rel` is still exactly the recursion of its `series` (no pass has changed base or step). */
export function isSeriesRecursion(rel: Recursive): rel is Recursive & { readonly series: Series } {
  if (!rel.series || stepSign(rel.series.step) === 0) return false;
  return canonicalJson(seriesRecursion(rel.series, rel.name)) === canonicalJson(rel);
}
