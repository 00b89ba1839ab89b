// The cost of PostgreSQL's integer overflow semantics on SQLite: relc's lowering (inline checks
// over columns, checked shims relc_add_i32 … over expressions, exact relc_sum_i64) against SQLite's
// native, unchecked operators on the same 1M-row table. Figures only (median of runs); DuckDB,
// which checks natively, for scale.

import { E, T, field, type AggCall, type Expr, type Rel, type Schema } from '../src/ir/index.ts';
import { lowerRel } from '../src/lower/sql/index.ts';
import { openBackend, type Backend } from '../src/backends/index.ts';
import { median } from './median.ts';

export interface OverflowBench {
  readonly rows: number;
  readonly queries: readonly { readonly name: string; readonly sqlite: number; readonly native: number; readonly duckdb: number }[];
}

const SCHEMA: Schema = [field('a', T.int32), field('b', T.int32), field('x', T.int64), field('y', T.int64)];
const scan: Rel = { kind: 'scan', table: 't', schema: SCHEMA };
const sum = (e: Expr, type: AggCall['type']): Rel => ({ kind: 'aggregate', input: scan, groupBy: [], measures: [{ fn: 'sum', args: [e], distinct: false, type }], names: ['s'] });

const QUERIES: readonly { name: string; rel: Rel; native: string }[] = [
  { name: 'sum(a + b), int32', rel: sum(E.call('add', [E.col(0), E.col(1)], T.int32), T.int64), native: 'SELECT sum("a" + "b") FROM "t"' },
  // The outer operand is an expression, not a column: the checked shim (a JS call per row).
  { name: 'sum((a + b) * 2), int32', rel: sum(E.call('multiply', [E.call('add', [E.col(0), E.col(1)], T.int32), E.lit(T.int32, 2)], T.int32), T.int64), native: 'SELECT sum(("a" + "b") * 2) FROM "t"' },
  { name: 'sum(x + y), int64', rel: sum(E.call('add', [E.col(2), E.col(3)], T.int64), T.decimal(38, 0)), native: 'SELECT sum("x" + "y") FROM "t"' },
  { name: 'sum(x), int64', rel: sum(E.col(2), T.decimal(38, 0)), native: 'SELECT sum("x") FROM "t"' },
];


async function load(b: Backend, rows: number): Promise<void> {
  const types = b.kind === 'sqlite' ? ['INTEGER', 'INTEGER', 'INTEGER', 'INTEGER'] : ['INTEGER', 'INTEGER', 'BIGINT', 'BIGINT'];
  await b.exec(`CREATE TABLE "t" ("a" ${types[0]}, "b" ${types[1]}, "x" ${types[2]}, "y" ${types[3]})`);
  const series = b.kind === 'sqlite'
    ? `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${rows}) SELECT i FROM s`
    : `SELECT range AS i FROM range(1, ${rows + 1})`;
  await b.exec(`INSERT INTO "t" SELECT i % 1000, i % 777, i * 1000003, i % 99991 FROM (${series})`);
}

export async function benchOverflow(rows = 1_000_000): Promise<OverflowBench> {
  const sqlite = await openBackend('sqlite');
  const duckdb = await openBackend('duckdb', { threads: 1 });
  try {
    await load(sqlite, rows);
    await load(duckdb, rows);
    const queries = [];
    for (const q of QUERIES) {
      const schema: Schema = [field('s', q.rel.kind === 'aggregate' ? q.rel.measures[0]!.type : T.int64, true)];
      const lite = lowerRel(q.rel, 'sqlite').sql;
      const duck = lowerRel(q.rel, 'duckdb').sql;
      queries.push({
        name: q.name,
        sqlite: await median(() => sqlite.query(lite, [], schema)),
        native: await median(() => sqlite.query(q.native, [], schema)),
        duckdb: await median(() => duckdb.query(duck, [], schema)),
      });
    }
    return { rows, queries };
  } finally {
    await sqlite.close();
    await duckdb.close();
  }
}
