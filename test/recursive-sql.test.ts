// WITH RECURSIVE end to end: a corpus of recursive queries (closure, shortest hop count, bill of
// materials, cycles ended by UNION, series, tree ancestors, …) runs on a real PostgreSQL as
// written (the oracle) and through relc (optimized and not) on DuckDB, SQLite and PostgreSQL;
// the rows must be equal. The max_iterations guard is exact on every engine: the smallest
// sufficient limit gives PostgreSQL's rows, one less raises relc_error[RECURSION_LIMIT].

import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { RelcError, T, schemaOf, validateRel, type Rel, type Schema } from '../src/ir/index.ts';
import { lowerRel } from '../src/lower/sql/index.ts';
import { optimizeRel } from '../src/optimize/index.ts';
import { parseSelect } from '../src/sql/index.ts';
import { openEngines, type Engine } from './lower-engines.ts';
import { catalog, CORPUS, TABLES, withLimit } from './recursive-corpus.ts';
import { failure } from './support/failure.ts';

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

// SQLite's integers are 64-bit: its literal base and the step's n + 1 (int64) are one type, and
// values past int32 keep counting. The rows are SQLite's own for the original text.
const SQLITE_SOURCE: readonly string[] = [
  'with recursive r(n) as (select 1 union all select n+1 from r where n < 5) select n from r',
  "with recursive r(n, m) as (select 1, 'a' union select n + 1, m || 'b' from r where n < 4) select n, m from r",
  'with recursive r(n, m) as (select 1, 10 union all select n + 1, m * 2 from r where n < 40) select n, m from r',
  'with recursive r(n) as (select 0 union select (n + 3) % 7 from r) select n from r',
];
for (const sql of SQLITE_SOURCE) {
  test(`SQLite source, ${sql}: relc on DuckDB, SQLite and PostgreSQL equals SQLite running the text`, async () => {
    const parsed = parseSelect(sql, { dialect: 'sqlite', catalog });
    validateRel(parsed, { lowered: true });
    const schema = schemaOf(parsed);
    const sqlite = engines.find((e) => e.dialect === 'sqlite')!;
    const expected = key((await sqlite.run({ sql, params: [] }, schema)).rows);
    assert.ok(expected.length > 0, 'SQLite returns rows');
    for (const optimize of [false, true]) {
      const rel = optimize ? optimizeRel(parsed).rel : parsed;
      for (const e of engines) assert.equal(key((await e.run(lowerRel(rel, e.dialect), schema)).rows), expected, `${e.dialect}${optimize ? '' : ' (unoptimized)'}`);
    }
  });
}

test.run();
