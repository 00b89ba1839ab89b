// The corpus of recursive queries the WITH RECURSIVE tests run (test/recursive-sql.test.ts on
// DuckDB, SQLite and PostgreSQL; test/spark.test.ts on Spark): closure, shortest hop count, bill
// of materials, cycles ended by UNION, series, tree ancestors, … over three small tables.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { T, transformUp, type InputDecl, type Rel } from '../src/ir/index.ts';
import type { Catalog } from '../src/sql/index.ts';
import type { Table } from './lower-engines.ts';

const i64 = (name: string, nullable = false) => ({ name, type: T.int64, nullable });
const utf8 = (name: string, nullable = false) => ({ name, type: T.utf8, nullable });

// A graph with a cycle (1→2→3→1), a chain off it, a diamond and an isolated edge.
export const TABLES: Table[] = [
  {
    name: 'edges',
    schema: [i64('src'), i64('dst')],
    rows: [[1, 2], [2, 3], [3, 1], [3, 4], [4, 5], [5, 6], [10, 11], [10, 12], [11, 13], [12, 13], [13, 14], [20, 21]].map((r) => r.map(String)),
  },
  {
    name: 'bom',
    schema: [utf8('assembly'), utf8('part'), i64('qty')],
    rows: [['bike', 'wheel', '2'], ['bike', 'frame', '1'], ['wheel', 'spoke', '32'], ['wheel', 'rim', '1'], ['wheel', 'hub', '1'], ['hub', 'bearing', '2'], ['frame', 'tube', '3'], ['frame', 'bearing', '2']],
  },
  {
    name: 'tree',
    schema: [i64('id'), i64('parent', true), utf8('label')],
    rows: [['1', null, 'root'], ['2', '1', 'a'], ['3', '1', 'b'], ['4', '2', 'aa'], ['5', '4', 'aaa'], ['6', '3', 'ba']],
  },
];

export const catalog: Catalog = {
  resolve: (n) => {
    const t = TABLES.find((x) => x.name === n);
    return t ? { kind: 'scan', table: t.name, schema: t.schema } : undefined;
  },
  names: () => TABLES.map((t) => t.name),
};

export interface Case {
  readonly name: string;
  readonly sql: string;
  /** Step iterations that add rows (the smallest max_iterations that is enough), when pinned. */
  readonly iterations?: number;
}

export const CORPUS: Case[] = [
  { name: 'transitive closure (UNION ends the cycle)', sql: 'with recursive r(a, b) as (select src, dst from edges union select r.a, e.dst from r join edges e on r.b = e.src) select a, b from r', iterations: 4 },
  { name: 'closure from one node, filtered outside', sql: 'with recursive r(a, b) as (select src, dst from edges union select r.a, e.dst from r join edges e on r.b = e.src) select b from r where a = 10' },
  {
    name: 'shortest hop count (min over a bounded closure)',
    sql: 'with recursive r(a, b, hops) as (select src, dst, 1 from edges union select r.a, e.dst, r.hops + 1 from r join edges e on r.b = e.src where r.hops < 8) select a, b, min(hops) as hops from r group by a, b',
    iterations: 7,
  },
  {
    name: 'bill of materials (UNION ALL, quantities multiplied)',
    sql: "with recursive b(part, qty) as (select part, qty from bom where assembly = 'bike' union all select c.part, b.qty * c.qty from b join bom c on c.assembly = b.part) select part, sum(qty) as total from b group by part",
    iterations: 2,
  },
  { name: 'cycle ended by UNION', sql: 'with recursive r(n) as (select 1 union select (n % 5) + 1 from r) select n from r', iterations: 4 },
  { name: 'generate series', sql: 'with recursive s(i) as (select 1 union all select i + 1 from s where i < 100) select i from s', iterations: 99 },
  {
    name: 'tree ancestors with depth',
    sql: 'with recursive anc(id, ancestor, depth) as (select id, parent, 1 from tree where parent is not null union all select a.id, t.parent, a.depth + 1 from anc a join tree t on t.id = a.ancestor where t.parent is not null) select id, ancestor, depth from anc',
    iterations: 2,
  },
  {
    name: 'tree paths as text (nullable column widened by the step)',
    sql: "with recursive p(id, path, up) as (select id, label, parent from tree where id = 5 union all select t.id, p.path || '<' || t.label, t.parent from p join tree t on t.id = p.up) select id, path, up from p",
  },
  {
    name: 'working table on the preserved side of a left join',
    sql: 'with recursive r(n, m) as (select 1, cast(null as bigint) union all select r.n + 1, e.dst from r left join edges e on e.src = r.n where r.n < 6) select n, m from r',
  },
  {
    name: 'NOT EXISTS over another table in the step (anti join, working table left)',
    sql: 'with recursive r(a, b) as (select src, dst from edges where src = 1 union select r.a, e.dst from r join edges e on r.b = e.src where not exists (select 1 from edges x where x.src = e.dst and x.dst = 1)) select a, b from r',
  },
  {
    name: 'DISTINCT step and a FROM subquery over the working table',
    sql: 'with recursive r(n) as (select 1 union all select distinct s.n + 1 from (select n from r) s where s.n < 5) select n from r',
  },
  {
    name: 'set semantics over a nullable column (NULLs are equal rows, as in UNION)',
    sql: 'with recursive r(id, up) as (select id, parent from tree union select t.id, r.up from r join tree t on t.parent = r.id) select id, up from r',
    iterations: 3,
  },
  {
    name: 'two recursions joined',
    sql: 'with recursive up(n) as (select 1 union all select n + 1 from up where n < 4), down(n) as (select 10 union all select n - 3 from down where n > 1) select up.n as u, down.n as d from up join down on up.n = down.n',
  },
];

/** Every recursion of `rel` with the max_iterations guard `n`. */
export function withLimit(rel: Rel, n: number): Rel {
  return transformUp(rel, (r) => (r.kind === 'recursive' ? { ...r, maxIterations: n } : r));
}

/** The tables as CSV files (a header, NULL as an empty field) for the engines that load files. */
export function writeRecursionTables(dir: string): InputDecl[] {
  return TABLES.map((t) => {
    const path = join(dir, `${t.name}.csv`);
    const lines = [t.schema.map((f) => f.name).join(','), ...t.rows.map((r) => r.map((v) => v ?? '').join(','))];
    writeFileSync(path, `${lines.join('\n')}\n`);
    return { name: t.name, path, format: 'csv', schema: t.schema };
  });
}
