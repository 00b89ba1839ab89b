// simplify takes a chain of nested ANDs (as SQL's parser nests a conjunction) as one flat AND
// instead of simplifying every level again: the result must be exactly the level-by-level one,
// for chains of every shape holding what makes levels interact (true, false, NULLs, equal
// conjuncts, conjuncts that simplify into ANDs, ones that may not be moved or deduplicated).
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { canonicalJson, E, T, field, type Expr, type Schema } from '../src/ir/index.ts';
import { simplifyExpr, simplifyLevelByLevel } from '../src/optimize/simplify.ts';
import { Rng } from './support/random-plans.ts';

const input: Schema = [field('a', T.int64), field('b', T.int64, true), field('c', T.utf8, true), field('d', T.bool, true)];
const cmp = (fn: string, i: number, v: number): Expr => E.call(fn, [E.col(i), E.lit(T.int64, String(v))], T.bool);
const and = (xs: Expr[]): Expr => E.call('and', xs, T.bool);
const or = (xs: Expr[]): Expr => E.call('or', xs, T.bool);
const not = (x: Expr): Expr => E.call('not', [x], T.bool);
const NULL_BOOL = E.lit(T.bool, null);
// Not movable: its meaning depends on where it sits, so it is never deduplicated.
const outer: Expr = { kind: 'outer', depth: 1, index: 0, type: T.bool, nullable: true };

/** One conjunct; small value ranges so that structurally equal ones recur. */
function conjunct(rng: Rng): Expr {
  return rng.weighted<() => Expr>([
    [6, () => cmp(rng.pick(['gt', 'lt', 'equal']), rng.int(0, 1), rng.int(0, 3))],
    [1, () => E.lit(T.bool, true)],
    [1, () => E.lit(T.bool, false)],
    [2, () => NULL_BOOL],
    [1, () => E.call('equal', [E.col(1), E.lit(T.int64, null)], T.bool)], // NULL once simplified
    [1, () => E.isNull(E.col(0), false)], // false: a is not nullable
    [2, () => not(or([cmp('gt', 0, rng.int(0, 3)), cmp('lt', 1, rng.int(0, 3))]))], // an AND once simplified
    [1, () => or([cmp('gt', 0, rng.int(0, 2)), E.col(3)])],
    [1, () => outer],
    [1, () => E.col(3)],
  ])();
}

/** A random nesting of the conjuncts: left-deep as parsed, right-deep, or split anywhere. */
function nest(rng: Rng, xs: Expr[]): Expr {
  if (xs.length === 1) return xs[0]!;
  const shape = rng.int(0, 3);
  if (shape === 0) return xs.reduce((l, r) => and([l, r]));
  if (shape === 1) return xs.reduceRight((r, l) => and([l, r]));
  const k = rng.int(1, xs.length - 1);
  return and([nest(rng, xs.slice(0, k)), nest(rng, xs.slice(k))]);
}

test('a nested AND chain simplifies to exactly what simplifying it level by level gives', () => {
  const rng = new Rng(1313);
  let chained = 0;
  for (let n = 0; n < 3000; n++) {
    const xs = Array.from({ length: rng.int(2, 14) }, () => conjunct(rng));
    const e = rng.chance(0.2) ? or([nest(rng, xs), cmp('gt', 0, 9)]) : nest(rng, xs);
    for (const role of ['predicate', 'value'] as const) {
      const want = canonicalJson(simplifyLevelByLevel(e, input, role));
      const got = canonicalJson(simplifyExpr(e, input, role));
      if (got !== want) assert.unreachable(`case ${n} (${role}): ${canonicalJson(e)}\n  chain:          ${got}\n  level by level: ${want}`);
    }
    if (e.kind === 'call' && e.fn === 'and' && e.args.some((a) => a.kind === 'call' && a.fn === 'and')) chained++;
  }
  assert.ok(chained > 1500, `only ${chained} cases were nested chains`);
});

test('a left-deep chain of 500 conjuncts, as parsed, gives the flat AND of the distinct ones', () => {
  const xs = Array.from({ length: 500 }, (_, i) => cmp(i % 2 ? 'lt' : 'gt', i % 2, i % 50));
  const out = simplifyExpr(xs.reduce((l, r) => and([l, r])), input, 'predicate');
  assert.equal(out, and(Array.from({ length: 50 }, (_, i) => cmp(i % 2 ? 'lt' : 'gt', i % 2, i))));
});

test('with two NULL conjuncts in the chain, the levels decide where the merged NULL goes', () => {
  // (p AND NULL AND NULL) AND q: the inner level merges its NULLs at its end, before q.
  const p = cmp('gt', 0, 1);
  const q = cmp('lt', 1, 2);
  const e = and([and([and([p, NULL_BOOL]), E.lit(T.bool, null)]), q]);
  const out = simplifyExpr(e, input, 'value');
  assert.is(canonicalJson(out), canonicalJson(simplifyLevelByLevel(e, input, 'value')));
  assert.equal(out, and([p, NULL_BOOL, q]));
});

test.run();
