// Optimizer benchmark: execution time of optimized vs unoptimized plans on DuckDB and SQLite
// for rule shapes where relc's own optimizer matters (filters written above joins and
// winners, wide unused columns, top-n over unions, outer joins under null-rejecting filters,
// a subplan two views share), over ~1M generated rows; and the optimizer's own time per plan.
//
//   import { benchOptimizer } from './optimizer.ts';
//   const figures = await benchOptimizer({ rows: 1_000_000 });   // or: npx tsx bench/optimizer.ts
//
// Each query runs unoptimized and optimized once untimed, then alternating `repeat` times; the
// median counts. Results of both must be equal (checked), else the benchmark throws. Weights
// are exact binary fractions so that sums do not depend on the order of addition.

import { canonicalRowKey, openBackend, type Backend, type BackendKind, type CanonicalValue } from '../src/backends/index.ts';
import { E, field, schemaOf, T, type AggCall, type Expr, type Program, type Rel, type Schema } from '../src/ir/index.ts';
import { lowerRel, lowerViewForExecution, quoteIdent } from '../src/lower/sql/index.ts';
import { optimizeProgram, optimizeRel } from '../src/optimize/index.ts';
import { generatePlans } from '../test/support/random-plans.ts';

export interface QueryFigure {
  readonly query: string;
  readonly engine: BackendKind;
  readonly unoptimizedMs: number;
  readonly optimizedMs: number;
  /** unoptimized / optimized: above 1, the optimizer made it faster. */
  readonly ratio: number;
}

export interface OptimizerBenchFigures {
  readonly rows: number;
  readonly queries: readonly QueryFigure[];
  /** Geometric mean of the ratios per engine. */
  readonly geomeanRatio: Readonly<Record<BackendKind, number>>;
  /** Mean optimizer time per plan (optimizeRel / optimizeProgram), in milliseconds. */
  readonly optimizerMsPerPlan: { readonly workload: number; readonly randomPlans: number };
}

export interface BenchOptions {
  /** Rows of the `events` table (users: rows / 10, teams: 1000). Default 1,000,000. */
  readonly rows?: number;
  /** Timed runs per query and variant, after one untimed warm-up each (median). Default 7. */
  readonly repeat?: number;
  readonly log?: (line: string) => void;
}

// ---- data, generated inside each engine -----------------------------------------------------

const events = { kind: 'scan', table: 'events', schema: [field('id', T.int64), field('user_id', T.int64), field('kind', T.utf8), field('payload', T.utf8), field('weight', T.float64), field('at', T.int64), field('note', T.utf8)] } as const satisfies Rel;
const users = { kind: 'scan', table: 'users', schema: [field('id', T.int64), field('name', T.utf8), field('team_id', T.int64), field('score', T.float64), field('bio', T.utf8)] } as const satisfies Rel;
const teams = { kind: 'scan', table: 'teams', schema: [field('id', T.int64), field('name', T.utf8), field('region', T.utf8)] } as const satisfies Rel;

/** Per-engine table generators (benchmark data, not relc SQL: each engine's own idiom). */
const GENERATE: Record<BackendKind, (rows: number) => string[]> = {
  duckdb: (rows) => [
    `CREATE TABLE teams AS SELECT i::BIGINT AS id, 'team ' || i AS name, ['eu', 'us', 'apac', 'latam'][1 + i % 4] AS region FROM range(1000) t(i)`,
    `CREATE TABLE users AS SELECT i::BIGINT AS id, 'user ' || i AS name, (i % 1000)::BIGINT AS team_id, (((i * 7919) % 1000) / 1000.0)::DOUBLE AS score, repeat('b', 200) || i AS bio FROM range(${Math.max(1, Math.floor(rows / 10))}) t(i)`,
    `CREATE TABLE events AS SELECT i::BIGINT AS id, (i * 7 % ${Math.max(1, Math.floor(rows / 10))})::BIGINT AS user_id, ['click', 'view', 'buy', 'share', 'like'][1 + i % 5] AS kind, repeat('p', 120) || i AS payload, (((i * 31) % 997) / 4.0)::DOUBLE AS weight, (i * 13 % 100000)::BIGINT AS at, repeat('n', 80) AS note FROM range(${rows}) t(i)`,
  ],
  sqlite: (rows) => {
    const seq = (n: number) => `WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < ${n - 1})`;
    const users = Math.max(1, Math.floor(rows / 10));
    return [
      'CREATE TABLE teams (id INTEGER, name TEXT, region TEXT)',
      `${seq(1000)} INSERT INTO teams SELECT i, 'team ' || i, CASE i % 4 WHEN 0 THEN 'eu' WHEN 1 THEN 'us' WHEN 2 THEN 'apac' ELSE 'latam' END FROM r`,
      'CREATE TABLE users (id INTEGER, name TEXT, team_id INTEGER, score REAL, bio TEXT)',
      `${seq(users)} INSERT INTO users SELECT i, 'user ' || i, i % 1000, ((i * 7919) % 1000) / 1000.0, hex(zeroblob(100)) || i FROM r`,
      'CREATE TABLE events (id INTEGER, user_id INTEGER, kind TEXT, payload TEXT, weight REAL, at INTEGER, note TEXT)',
      `${seq(rows)} INSERT INTO events SELECT i, i * 7 % ${users}, CASE i % 5 WHEN 0 THEN 'click' WHEN 1 THEN 'view' WHEN 2 THEN 'buy' WHEN 3 THEN 'share' ELSE 'like' END, hex(zeroblob(60)) || i, ((i * 31) % 997) / 4.0, i * 13 % 100000, hex(zeroblob(40)) FROM r`,
    ];
  },
};

// ---- the workload, as rule packs compile it (filters where the author wrote them) ------------

const c = E.col;
const cmp = (fn: string, a: Expr, b: Expr): Expr => E.call(fn, [a, b], T.bool);
const and = (...xs: Expr[]): Expr => E.call('and', xs, T.bool);
const str = (s: string) => E.lit(T.utf8, s);
const f64 = (v: number) => E.lit(T.float64, v);
const i64 = (v: number) => E.lit(T.int64, String(v));
const count: AggCall = { fn: 'count', args: [], distinct: false, type: T.int64 };
const sum = (e: Expr): AggCall => ({ fn: 'sum', args: [e], distinct: false, type: T.float64 });
const join = (type: 'inner' | 'left', left: Rel, right: Rel, condition: Expr): Rel => ({ kind: 'join', type, left, right, condition });
const filter = (input: Rel, condition: Expr): Rel => ({ kind: 'filter', input, condition });
const project = (input: Rel, cols: Record<string, Expr>): Rel => ({ kind: 'project', input, exprs: Object.values(cols), names: Object.keys(cols) });
const aggregate = (input: Rel, keys: Record<string, Expr>, measures: Record<string, AggCall>): Rel => ({
  kind: 'aggregate', input, groupBy: Object.values(keys), measures: Object.values(measures), names: [...Object.keys(keys), ...Object.keys(measures)],
});

// events ⋈ users ⋈ teams: events 0–6, users 7–11, teams 12–14.
const enriched = join('inner', join('inner', events, users, cmp('equal', c(1), c(7))), teams, cmp('equal', c(9), c(12)));

export const WORKLOAD: readonly { name: string; rel: Rel }[] = [
  {
    name: 'filters above a 3-way join, wide columns',
    rel: aggregate(filter(enriched, and(cmp('equal', c(2), str('click')), cmp('gt', c(10), f64(0.9)), cmp('equal', c(14), str('eu')))), { region: c(14) }, { n: count, w: sum(c(4)) }),
  },
  {
    name: 'filter above a winner (latest event per user), wide rows',
    rel: project(
      filter({ kind: 'winner', input: events, partitionBy: [c(1)], orderBy: [E.desc(c(5)), E.desc(c(0))], keep: 1 }, cmp('lt', c(1), i64(500))),
      { user_id: c(1), kind: c(2), weight: c(4) },
    ),
  },
  {
    name: 'top-10 over a union all of two filtered scans',
    rel: {
      kind: 'limit', limit: 10, offset: 0,
      input: {
        kind: 'sort', keys: [E.desc(c(1)), E.asc(c(0))],
        input: { kind: 'setop', op: 'union', all: true, inputs: [
          project(filter(events, cmp('equal', c(2), str('click'))), { id: c(0), weight: c(4), payload: c(3) }),
          project(filter(events, cmp('equal', c(2), str('buy'))), { id: c(0), weight: c(4), payload: c(3) }),
        ] },
      },
    },
  },
  {
    name: 'null-rejecting filter above a left join, then aggregate',
    rel: aggregate(filter(join('left', events, users, cmp('equal', c(1), c(7))), cmp('gt', c(10), f64(0.95))), { kind: c(2) }, { n: count }),
  },
  {
    // A relate rule written as alternatives sharing the key: factored, the key becomes an equi
    // join (hash join / automatic index); as written, SQLite runs a nested loop.
    name: 'join on (key and p) or (key and q), 20k x 1k',
    rel: aggregate(
      join('inner', filter(users, cmp('lt', c(0), i64(20000))), teams, E.call('or', [
        and(cmp('equal', c(2), c(5)), cmp('gt', c(3), f64(0.5))),
        and(cmp('equal', c(2), c(5)), cmp('equal', c(7), str('eu'))),
      ], T.bool)),
      { region: c(7) }, { n: count },
    ),
  },
  {
    name: 'filter on a group key above an aggregate',
    rel: filter(aggregate(events, { user_id: c(1) }, { n: count, w: sum(c(4)) }), cmp('lt', c(0), i64(100))),
  },
];

/** Two views repeating one expensive aggregate (common_subplan computes it once). */
export function sharedProgram(): Program {
  const perUser = aggregate(join('inner', events, users, cmp('equal', c(1), c(7))), { user_id: c(1), team_id: c(9) }, { n: count, w: sum(c(4)) });
  const views = [
    { name: 'busy_users', rel: filter(perUser, cmp('gt', c(3), f64(1250))) },
    { name: 'team_weight', rel: aggregate(filter(perUser, cmp('gt', c(2), i64(0))), { team_id: c(1) }, { w: sum(c(3)) }) },
  ];
  return { name: 'shared', profile: 'default', params: [], inputs: [], views, outputs: views.map((v) => ({ name: v.name, from: v.name, orderBy: [], format: 'parquet' as const })) };
}

// ---- timing ---------------------------------------------------------------------------------

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeQuery(b: Backend, rel: Rel): Promise<{ ms: number; rows: string[] }> {
  const { sql } = lowerRel(rel, b.caps.dialect);
  const t0 = performance.now();
  const rows = await b.query(sql, [], schemaOf(rel));
  return { ms: performance.now() - t0, rows: rows.map((r) => canonicalRowKey(r as CanonicalValue[])).sort() };
}

async function timeProgram(b: Backend, p: Program, tag: string): Promise<{ ms: number; rows: string[] }> {
  const names = new Map(p.views.map((v) => [v.name, `${tag}_${v.name}`]));
  const t0 = performance.now();
  for (const v of p.views) {
    // Materialize every view in order, as the runner does (views read earlier ones as tables).
    const renamed = renameRefs(p, names);
    const { sql } = lowerViewForExecution(renamed, names.get(v.name)!, b.caps.dialect);
    await b.materialize(names.get(v.name)!, sql, [], schemaOf(v.rel));
  }
  const ms = performance.now() - t0;
  const rows: string[] = [];
  for (const o of p.outputs) {
    const s: Schema = schemaOf(p.views.find((v) => v.name === o.from)!.rel);
    const got = await b.query(`SELECT * FROM ${quoteIdent(names.get(o.from)!, b.caps.dialect)}`, [], s);
    rows.push(...got.map((r) => `${o.name}:${canonicalRowKey(r as CanonicalValue[])}`));
  }
  for (const n of [...names.values()].reverse()) await b.exec(`DROP TABLE IF EXISTS ${quoteIdent(n, b.caps.dialect)}`);
  return { ms, rows: rows.sort() };
}

/** The program with views (and refs to them) renamed, so two variants can live side by side. */
function renameRefs(p: Program, names: ReadonlyMap<string, string>): Program {
  const rename = (r: Rel): Rel => {
    if (r.kind === 'ref') return { ...r, name: names.get(r.name) ?? r.name };
    switch (r.kind) {
      case 'scan':
      case 'values':
      case 'recursive_ref':
        return r;
      case 'recursive':
        return { ...r, base: rename(r.base), step: rename(r.step) };
      case 'join':
        return { ...r, left: rename(r.left), right: rename(r.right) };
      case 'setop':
        return { ...r, inputs: r.inputs.map(rename) };
      default:
        return { ...r, input: rename(r.input) };
    }
  };
  return { ...p, views: p.views.map((v) => ({ name: names.get(v.name)!, rel: rename(v.rel) })) };
}

function sameRows(a: string[], b: string[], what: string): void {
  if (a.length !== b.length || a.some((x, i) => x !== b[i])) throw new Error(`benchmark ${what}: optimized and unoptimized results differ (${a.length} vs ${b.length} rows)`);
}

export async function benchOptimizer(opts: BenchOptions = {}): Promise<OptimizerBenchFigures> {
  const rows = opts.rows ?? 1_000_000;
  const repeat = opts.repeat ?? 7;
  const log = opts.log ?? (() => undefined);
  const queries: QueryFigure[] = [];

  // The optimizer's own time.
  const t0 = performance.now();
  const reps = 50;
  for (let i = 0; i < reps; i++) {
    for (const w of WORKLOAD) optimizeRel(w.rel);
    optimizeProgram(sharedProgram());
  }
  const workloadMs = (performance.now() - t0) / (reps * (WORKLOAD.length + 1));
  const { plans } = generatePlans(7, 2000);
  const t1 = performance.now();
  for (const p of plans) optimizeRel(p);
  const randomMs = (performance.now() - t1) / plans.length;
  log(`optimizer time: ${workloadMs.toFixed(3)} ms per workload plan, ${randomMs.toFixed(3)} ms per random plan (2000 plans)`);

  const optimized = WORKLOAD.map((w) => optimizeRel(w.rel).rel);
  const program = sharedProgram();
  const programOpt = optimizeProgram(program).program;

  for (const engine of ['duckdb', 'sqlite'] as const) {
    const b = await openBackend(engine, engine === 'duckdb' ? { threads: 2 } : {});
    try {
      const g0 = performance.now();
      for (const stmt of GENERATE[engine](rows)) await b.exec(stmt);
      log(`${engine} ${b.version}: generated ${rows} events in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
      const cases: { name: string; run: (optimized: boolean) => Promise<{ ms: number; rows: string[] }> }[] = [
        ...WORKLOAD.map((w, i) => ({ name: w.name, run: (opt: boolean) => timeQuery(b, opt ? optimized[i]! : w.rel) })),
        { name: 'two views sharing an aggregate (materialized)', run: (opt: boolean) => timeProgram(b, opt ? programOpt : program, opt ? 'o' : 'u') },
      ];
      for (const k of cases) {
        const u: number[] = [];
        const o: number[] = [];
        // Warm-up (caches, lazily built statistics), then alternate so drift hits both alike.
        let ur = (await k.run(false)).rows;
        let or = (await k.run(true)).rows;
        for (let i = 0; i < repeat; i++) {
          const a = await k.run(false);
          const z = await k.run(true);
          u.push(a.ms);
          o.push(z.ms);
          ur = a.rows;
          or = z.rows;
        }
        sameRows(ur, or, `${engine} / ${k.name}`);
        const f: QueryFigure = { query: k.name, engine, unoptimizedMs: median(u), optimizedMs: median(o), ratio: median(u) / median(o) };
        queries.push(f);
        log(`${engine.padEnd(6)} ${k.name.padEnd(58)} unoptimized ${f.unoptimizedMs.toFixed(1).padStart(9)} ms  optimized ${f.optimizedMs.toFixed(1).padStart(9)} ms  ratio ${f.ratio.toFixed(2)}`);
      }
    } finally {
      await b.close();
    }
  }
  const geo = (engine: BackendKind) => {
    const rs = queries.filter((q) => q.engine === engine).map((q) => Math.log(q.ratio));
    return Math.exp(rs.reduce((a, b) => a + b, 0) / rs.length);
  };
  const geomeanRatio = { duckdb: geo('duckdb'), sqlite: geo('sqlite') };
  log(`geometric mean ratio (unoptimized / optimized): duckdb ${geomeanRatio.duckdb.toFixed(2)}, sqlite ${geomeanRatio.sqlite.toFixed(2)}`);
  return { rows, queries, geomeanRatio, optimizerMsPerPlan: { workload: workloadMs, randomPlans: randomMs } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.env.RELC_BENCH_ROWS ?? 1_000_000);
  await benchOptimizer({ rows, log: (l) => console.log(l) });
}
