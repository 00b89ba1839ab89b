// Optimizer + lowering cost against plan size (issue 13 item 2): generated plans of about 10,
// 100 and 1,000 IR nodes (relations plus expressions) in five shapes — a filter/project chain,
// a chain of joins, one wide AND, an OR of conjunctions sharing a factor, a long CASE — each
// optimized (default pipeline) and lowered to DuckDB and SQLite; best of N per size, and the
// ratio per 10× more nodes (≈ 10 is linear, ≈ 100 quadratic). Times the compiled pipeline
// (dist/, see compiled.ts); the plans are plain data built here.
//
//   import { benchScaling } from './scaling.ts';
//   const rows = benchScaling();                 // or: npx tsx bench/scaling.ts

import { performance } from 'node:perf_hooks';
import { E, exprChildren, field, relExprs, children, T, type Expr, type Rel } from '../src/ir/index.ts';
import { compiled } from './compiled.ts';

const c = E.col;
const i64 = (v: number) => E.lit(T.int64, String(v));
const cmp = (fn: string, a: Expr, b: Expr): Expr => E.call(fn, [a, b], T.bool);
const and = (xs: Expr[]): Expr => E.call('and', xs, T.bool);
const or = (xs: Expr[]): Expr => E.call('or', xs, T.bool);
const scan = (table: string): Rel => ({
  kind: 'scan',
  table,
  schema: [field('a', T.int64), field('b', T.int64), field('c', T.utf8, true), field('d', T.float64, true)],
});
const project = (input: Rel, exprs: Expr[], names: string[]): Rel => ({ kind: 'project', input, exprs, names });
const filter = (input: Rel, condition: Expr): Rel => ({ kind: 'filter', input, condition });

/** IR nodes of a plan: relations and expressions (subquery plans included). */
export function planNodes(rel: Rel): number {
  const expr = (e: Expr): number => 1 + (e.kind === 'subquery' ? planNodes(e.rel) : 0) + exprChildren(e).reduce((n, x) => n + expr(x), 0);
  return 1 + relExprs(rel).reduce((n, e) => n + expr(e), 0) + children(rel).reduce((n, r) => n + planNodes(r), 0);
}

/** Grows a plan step by step until it has at least `target` nodes. */
function grow(target: number, start: (k: number) => Rel): Rel {
  let k = 1;
  let rel = start(k);
  while (planNodes(rel) < target) rel = start(++k);
  return rel;
}

export const SHAPES: Readonly<Record<string, (target: number) => Rel>> = {
  // filter (a > k) / project (columns swapped) / … / scan: merged and pushed to one filter.
  'filter/project chain': (target) =>
    grow(target, (k) => {
      let r = scan('t');
      for (let i = 0; i < k; i++) {
        r = filter(r, cmp('gt', c(i % 2), i64(i)));
        r = project(r, [c(1), c(0), c(2), c(3)], i % 2 ? ['a', 'b', 'c', 'd'] : ['b', 'a', 'c', 'd']);
      }
      return r;
    }),
  // (((t0 ⋈ t1) → 3 columns) ⋈ t2) …, a filter on the top reading every level's key.
  'join chain': (target) =>
    grow(target, (k) => {
      let r = scan('t0');
      for (let i = 1; i <= k; i++) {
        const j: Rel = { kind: 'join', type: i % 3 === 0 ? 'left' : 'inner', left: r, right: scan(`t${i}`), condition: cmp('equal', c(0), c(4)) };
        r = project(j, [c(0), c(5), c(6), c(7)], ['a', 'b', 'c', 'd']);
      }
      return filter(r, and([cmp('gt', c(1), i64(0)), E.isNull(c(2), true)]));
    }),
  // filter (and (gt a 0) (lt b 1) (gt a 2) …): simplify, pushdown and lowering over one wide AND.
  'wide AND': (target) =>
    grow(target, (k) => filter(scan('t'), and(Array.from({ length: k }, (_, i) => cmp(i % 2 ? 'lt' : 'gt', c(i % 2), i64(i)))))),
  // The same conjuncts as SQL's parser nests them: (((p0 and p1) and p2) and …).
  'nested AND (as parsed)': (target) =>
    grow(target, (k) => filter(scan('t'), Array.from({ length: k }, (_, i) => cmp(i % 2 ? 'lt' : 'gt', c(i % 2), i64(i))).reduce((l, r) => and([l, r])))),
  // filter (or (and (equal a b) (gt c 'i')) …): distributivity factors out (equal a b).
  'OR of ANDs': (target) =>
    grow(target, (k) => filter(scan('t'), or(Array.from({ length: k }, (_, i) => and([cmp('equal', c(0), c(1)), cmp('gt', c(3), E.lit(T.float64, i))]))))),
  // project [case when a = 0 then 'v0' when a = 1 then 'v1' … else c end].
  'long CASE': (target) =>
    grow(target, (k) =>
      project(scan('t'), [{ kind: 'case', whens: Array.from({ length: k }, (_, i) => ({ when: cmp('equal', c(0), i64(i)), then: E.lit(T.utf8, `v${i}`) })), else: c(2), type: T.utf8 }], ['x'])),
};

export interface ScalingRow {
  readonly shape: string;
  /** Per size: actual node count and best time (ms) of optimize + lower to DuckDB and SQLite. */
  readonly points: readonly { readonly target: number; readonly nodes: number; readonly ms: number }[];
}

function bestMs(runs: number, f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export async function benchScaling(sizes: readonly number[] = [10, 100, 1000]): Promise<ScalingRow[]> {
  const { lowerRel } = await compiled<typeof import('../src/lower/sql/index.ts')>('lower/sql/index');
  const { optimizeRel } = await compiled<typeof import('../src/optimize/index.ts')>('optimize/index');
  return Object.entries(SHAPES).map(([shape, make]) => ({
    shape,
    points: sizes.map((target) => {
      const rel = make(target);
      const run = () => {
        const o = optimizeRel(rel).rel;
        lowerRel(o, 'duckdb');
        lowerRel(o, 'sqlite');
      };
      run(); // warm-up
      // Enough runs for small plans to be timed above the clock's resolution.
      const runs = Math.max(5, Math.min(200, Math.round(20000 / target)));
      return { target, nodes: planNodes(rel), ms: bestMs(runs, run) };
    }),
  }));
}

export function renderScaling(rows: readonly ScalingRow[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const cells = r.points.map((p, i) => {
      const prev = r.points[i - 1];
      const ratio = prev ? `  ×${(p.ms / prev.ms).toFixed(1)}/${(p.nodes / prev.nodes).toFixed(1)}× nodes` : '';
      return `${String(p.nodes).padStart(5)} nodes ${p.ms.toFixed(3).padStart(9)} ms${ratio}`;
    });
    out.push(`  ${r.shape.padEnd(22)} ${cells.join('   ')}`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('optimizer + lowering (DuckDB + SQLite) by plan size, best of N; ×t/n = time ratio over node ratio from the previous size');
  for (const line of renderScaling(await benchScaling())) console.log(line);
}
