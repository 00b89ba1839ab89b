// Wide expressions: simplify's deduplication, absorption, common factors and CASE branch pruning
// past the size where ExprClasses switches from pairwise comparison to hash buckets (8 classes)
// give exactly the expressions the rules call for.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { E, T, field, type Expr, type Rel } from '../src/ir/index.ts';
import { dedupe, ExprClasses } from '../src/optimize/exprs.ts';
import { simplify } from '../src/optimize/simplify.ts';

const t: Rel = { kind: 'scan', table: 't', schema: [field('a', T.int64), field('b', T.int64), field('c', T.float64, true)] };
const gt = (i: number, v: number): Expr => E.call('gt', [E.col(i), E.lit(T.int64, String(v))], T.bool);
const and = (xs: Expr[]): Expr => E.call('and', xs, T.bool);
const or = (xs: Expr[]): Expr => E.call('or', xs, T.bool);
const run = (rel: Rel) => simplify.run(rel, { views: new Map() }).rel;
const condition = (r: Rel) => (r.kind === 'filter' ? r.condition : assert.unreachable('a filter'));

test('ExprClasses: one class per structurally equal expression, first-seen numbering, past the pairwise limit', () => {
  const c = new ExprClasses();
  const ids = Array.from({ length: 40 }, (_, i) => c.classOf(gt(i % 2, i % 20)));
  assert.equal(ids, [...Array.from({ length: 20 }, (_, i) => i), ...Array.from({ length: 20 }, (_, i) => i)]);
  assert.is(c.find(gt(1, 19)), 19);
  assert.is(c.find(gt(0, 19)), -1);
  assert.equal(dedupe([gt(0, 1), gt(0, 2), gt(0, 1)]), [gt(0, 1), gt(0, 2)]);
});

test('a wide AND keeps the first of each repeated conjunct, in order', () => {
  const parts = Array.from({ length: 30 }, (_, i) => gt(0, i % 12));
  const out = condition(run({ kind: 'filter', input: t, condition: and(parts) }));
  assert.equal(out, and(Array.from({ length: 12 }, (_, i) => gt(0, i))));
});

test('a wide OR: absorption drops every disjunct containing a shorter one, then the common factor comes out', () => {
  const key = E.call('equal', [E.col(0), E.col(1)], T.bool);
  // key and (c > i) for i < 12, plus key and (c > 3) and (b > 5): absorbed by key and (c > 3).
  const cgt = (v: number) => E.call('gt', [E.col(2), E.lit(T.float64, v)], T.bool);
  const ds = [...Array.from({ length: 12 }, (_, i) => and([key, cgt(i)])), and([key, cgt(3), gt(1, 5)])];
  const out = condition(run({ kind: 'filter', input: t, condition: or(ds) }));
  assert.equal(out, and([key, or(Array.from({ length: 12 }, (_, i) => cgt(i)))]));
});

test('a long CASE loses the branches an equal earlier condition already took', () => {
  const whens = Array.from({ length: 24 }, (_, i) => ({ when: gt(0, i % 10), then: E.lit(T.int64, String(i)) }));
  const r = run({ kind: 'project', input: t, exprs: [{ kind: 'case', whens, else: null, type: T.int64 }], names: ['x'] });
  assert.ok(r.kind === 'project');
  const e = r.exprs[0]!;
  assert.ok(e.kind === 'case');
  assert.equal(e.whens.map((w) => w.then), Array.from({ length: 10 }, (_, i) => E.lit(T.int64, String(i))));
});

test.run();
