// WITH RECURSIVE end to end: a corpus of recursive queries (closure, shortest hop count, bill of
// materials, cycles ended by UNION, series, tree ancestors, …) runs on a real PostgreSQL as
// written (the oracle) and through relc (optimized and not) on DuckDB, SQLite and PostgreSQL;
// the rows must be equal. The max_iterations guard is exact on every engine: the smallest
// sufficient limit gives PostgreSQL's rows, one less raises relc_error[RECURSION_LIMIT].

import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { RelcError, T, schemaOf, transformUp, validateRel, type Rel, type Schema } from '../src/ir/index.ts';
import { lowerRel } from '../src/lower/sql/index.ts';
import { optimizeRel } from '../src/optimize/index.ts';
import { parseSelect, type Catalog } from '../src/sql/index.ts';
import { openEngines, type Engine, type Table } from './lower-engines.ts';
import { failure } from './support/failure.ts';

const i64 = (name: string, nullable = false) => ({ name, type: T.int64, nullable });
const utf8 = (name: string, nullable = false) => ({ name, type: T.utf8, nullable });

// A graph with a cycle (1→2→3→1), a chain off it, a diamond and an isolated edge.
const TABLES: Table[] = [
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

const catalog: Catalog = {
  resolve: (n) => {
    const t = TABLES.find((x) => x.name === n);
    return t ? { kind: 'scan', table: t.name, schema: t.schema } : undefined;
  },
  names: () => TABLES.map((t) => t.name),
};

interface Case {
  readonly name: string;
  readonly sql: string;
  /** Step iterations that add rows (the smallest max_iterations that is enough), when pinned. */
  readonly iterations?: number;
}

const CORPUS: Case[] = [
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

let engines: Engine[] = [];
let pg: Engine | undefined;
test.before(async () => {
  engines = await openEngines(TABLES);
  pg = engines.find((e) => e.dialect === 'postgres');
});
test.after(async () => {
  for (const e of engines) await e.close();
});

const key = (rows: readonly unknown[][]) => rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v))).sort();

async function oracle(sql: string, schema: Schema) {
  return key((await pg!.run({ sql, params: [] }, schema)).rows);
}

function withLimit(rel: Rel, n: number): Rel {
  return transformUp(rel, (r) => (r.kind === 'recursive' ? { ...r, maxIterations: n } : r));
}

for (const c of CORPUS) {
  test(`${c.name}: relc equals PostgreSQL on DuckDB, SQLite and PostgreSQL`, async () => {
    const parsed = parseSelect(c.sql, { dialect: 'postgres', catalog });
    validateRel(parsed, { lowered: true });
    const schema = schemaOf(parsed);
    const expected = await oracle(c.sql, schema);
    assert.ok(expected.length > 0, 'the oracle returns rows');
    for (const optimize of [false, true]) {
      const rel = optimize ? optimizeRel(parsed).rel : parsed;
      for (const e of engines) {
        const got = key((await e.run(lowerRel(rel, e.dialect), schema)).rows);
        assert.equal(got, expected, `${e.dialect}${optimize ? '' : ' (unoptimized)'}`);
        if (c.iterations !== undefined) {
          const enough = key((await e.run(lowerRel(withLimit(rel, c.iterations), e.dialect), schema)).rows);
          assert.equal(enough, expected, `${e.dialect}: max_iterations=${c.iterations} is enough`);
          const err = await failure(e.run(lowerRel(withLimit(rel, c.iterations - 1), e.dialect), schema)).catch((x: unknown) => x);
          const message = err instanceof Error ? err.message : String(err);
          assert.match(message, `relc_error[RECURSION_LIMIT]: recursion`, `${e.dialect}: max_iterations=${c.iterations - 1} raises`);
        }
      }
    }
  });
}

test('the guard is not lost under an outer filter that rejects every row, nor under count(*)', async () => {
  const sql = 'with recursive s(i) as (select 1 union all select i + 1 from s where i < 100) select i from s';
  const rel = withLimit(parseSelect(sql, { dialect: 'postgres', catalog }), 50);
  const filtered: Rel = { kind: 'filter', input: rel, condition: { kind: 'call', fn: 'equal', args: [{ kind: 'col', index: 0 }, { kind: 'lit', type: T.int32, value: 1000 }], type: T.bool } };
  const counted: Rel = { kind: 'aggregate', input: rel, groupBy: [], measures: [{ fn: 'count', args: [], distinct: false, type: T.int64 }], names: ['n'] };
  for (const e of engines) {
    for (const r of [filtered, counted]) {
      const err = await e.run(lowerRel(r, e.dialect), schemaOf(r)).then(() => null, (x: unknown) => x);
      assert.ok(err !== null, `${e.dialect}: raises`);
      assert.match(err instanceof Error ? err.message : String(err), 'relc_error[RECURSION_LIMIT]', e.dialect);
    }
  }
});

const rejects: [string, string, string][] = [
  ['with recursive t(n) as (select 1 from t union all select n + 1 from t) select * from t', 'must not appear within its non-recursive term', 't union all'],
  ['with recursive t(n) as (select 1 union all select a.n + 1 from t a, t b) select * from t', 'must not appear more than once', 't b)'],
  ['with recursive t(n) as (select 1 union all select n + 1 from t where n < (select max(n) from t)) select * from t', 'must not appear more than once', 't)) select'],
  ['with recursive t(n) as (select 1 union all select 2 from edges where exists (select 1 from t)) select * from t', 'inside a subquery', 't)) select'],
  ['with recursive t(n) as (select 1 union all select max(n) + 1 from t) select * from t', 'under an aggregate', 't) select * from t'],
  ['with recursive t(n) as (select 1 union all select y.x from (select 1 as x) y left join t on true) select * from t', 'right side of a left join', 't on true'],
  ['with recursive t(n) as (select 1 union all select n + 1 from t where n < 3 order by 1) select * from t', 'ORDER BY in a recursive query', '1) select'],
  ['with recursive t(n) as (select 1 intersect select n + 1 from t) select * from t', 'does not have the form', 't(n) as'],
  ['with recursive t(n) as (select 1 union all select cast(n + 1 as bigint) from t where n < 3) select * from t', 'has type int32 in non-recursive term but type int64', 'select cast(n + 1'],
  ['with recursive t(n) as (select 1 union all select n + 1, 2 from t) select * from t', 'same number of columns', 'select n + 1, 2'],
  ['with recursive t(n) as (select 1 union all select cast(row_number() over (order by n) as int) from t where n < 3) select * from t', 'under a window', 't where n < 3)'],
];

for (const [sql, message, at] of rejects) {
  test(`rejected with a location: ${message}`, async () => {
    const err = await failure(() => parseSelect(sql, { dialect: 'postgres', catalog }));
    assert.instance(err, RelcError);
    assert.ok(['UNSUPPORTED_CONSTRUCT', 'TYPE_MISMATCH'].includes(err.code), err.code);
    assert.match(err.message, message);
    assert.ok(err.location, 'located');
    assert.is(sql.slice(err.location!.col - 1, err.location!.col - 1 + at.length), at, `column ${err.location!.col}`);
  });
}

test.run();
