// Output column names of transpiled SQL are the target engine's own: each query of the corpus
// runs as written on DuckDB, SQLite and PostgreSQL (the oracles), and relc's text for that engine
// must give the same column names and the same rows. The corpus covers every naming form (alias,
// column, star, expression) through each subquery the lowering adds (a set operation or DISTINCT
// under ORDER BY, LIMIT over a set operation, computed GROUP BY keys, hidden ORDER BY keys,
// windows under ORDER BY, HAVING), through the query's own derived tables and CTEs (stars, column
// references, column lists, set operations, nesting) and DuckDB's printing of each expression form relc re-creates
// (src/sql/output-names.ts). Sources: the engine's own dialect (names and rows) and PostgreSQL's
// (names: the query text is the same).
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { registerSqliteFunctions } from '../src/index.ts';
import { T, type Dialect } from '../src/ir/index.ts';
import type { InputDecl } from '../src/ir/index.ts';
import { catalogOf, schemaMapTables } from '../src/run/compose/catalog.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { shimsCalled, standalonePrelude } from '../src/run/compose/standalone.ts';
import type { SourceDialect } from '../src/sql/index.ts';
import { DUCKDB_KEYWORDS } from '../src/sql/duckdb-keywords.ts';
import { statementsOf } from './support/stock-engines.ts';
import { compareWithPg, guardedSetup, openPgOracle, requirePostgres, type PgOracle } from './support/pg-oracle.ts';

const ROWS = [
  [1, 'x', 2, '2020-01-01'],
  [2, 'Yy', null, '2021-06-30'],
  [3, null, 5, null],
  [-4, 'x', 7, '2020-02-29'],
  [5, 'zz', 2, '2020-01-01'],
] as const;
const catalog = catalogOf(schemaMapTables({ t: { a: 'int64', b: 'utf8?', c: 'int32?', d: 'date?' } }, '<schema>'));

/** The corpus: every query runs unchanged on DuckDB, SQLite and PostgreSQL. */
const CORPUS: readonly string[] = [
  // Expressions at the top, no subquery.
  'select a + 1 from t',
  'select a  +   1, a+1 from t',
  'select a + 1 /* one */ , c -- two\n from t',
  'select (a + c) * 2 from t',
  'select a * 2 + c, a - (c - 1) from t',
  'select -a, - a from t',
  'select a % 3 from t',
  "select b || '!' from t",
  'select 1, 2.50, \'lit\' from t',
  'select count(*) from t',
  'select count(a), max(c), min(b), count(distinct b) from t',
  'select sum(a) from t having sum(a) > 0',
  'select max(a) - min(a) from t',
  "select coalesce(b, 'none') from t",
  "select case when a > 1 then 'big' else 'small' end from t",
  'select case c when 2 then 1 end from t',
  'select a between 1 and 2, a not between 1 and 2 from t',
  'select a in (1, 2), a not in (1) from t',
  'select b is null, c is not null from t',
  "select b like 'x%', b not like 'x%' from t",
  'select not (a > 1), not a = 1 from t',
  'select a <> 1 and c is not null, a = 1 or c = 2 from t',
  'select cast(a as text), cast(c as bigint) from t',
  'select upper(b), lower(b), length(b) from t',
  'select abs(a) from t group by abs(a)',
  "select string_agg(b, ',' order by b) from t",
  'select a + 1, a + 1 from t',
  // Aliases and columns.
  'select a as X, a + 1 as "Next", c as doubled from t',
  'select A, t.b, T.c from t',
  'select * from t',
  'select t.* from t order by a',
  // Through the subqueries the lowering adds.
  'select a + 1 from t union select c from t order by 1',
  'select a - 1 from t union all select c from t order by 1 limit 3',
  'select a * 2 from t except select c from t order by 1',
  'select a as X from t union select c from t order by 1',
  'select a from t union select c from t order by a',
  'select distinct a * 2 from t order by 1',
  'select distinct c + 1 from t order by 1 desc',
  'select a % 3, count(*) from t group by a % 3',
  'select a + c, sum(a) from t group by a + c having sum(a) > 0',
  'select lower(b), count(*) from t group by lower(b)',
  'select a % 2 = 0, count(*) from t group by a % 2 = 0',
  'select count(*) as n, b from t group by b order by n, b',
  'select a + 1 from t order by b, a',
  'select a * 2 from t where a > 0 order by a * 2 desc limit 2',
  'select upper(b), a from t order by 2 limit 2',
  'select sum(a) over (partition by b), a from t order by a',
  'select row_number() over (order by a), a + 1 from t order by a',
  'select rank() over (order by c desc), a from t order by a',
  'select a * c from (select a, c from t) s order by 1',
  'select x + 1 from (select a as x from t) s order by 1',
  'with w as (select a, b from t) select a - 1 from w order by 1',
  // Through the query's own derived tables and CTEs: each engine names their columns by its rule
  // (PostgreSQL's derived names, SQLite's text, DuckDB's printing) and makes them unique its way
  // (PostgreSQL not at all, DuckDB `x_1`, SQLite `x:1`), and the outer star keeps those names.
  'select * from (select a + 1 from t) s',
  'select * from (select a + 1, a+1, a + 2 from t) s',
  'select * from (select 1, 1 from t) s',
  'select * from (select a, a, b from t) s',
  'select * from (select a as x, a as X, a + 1 from t) s',
  'select * from (select A, T.a, t.B from t) s',
  'select * from (select a, a as a_1, a from t) s',
  'select * from (select a, a, a, a, a from t) s',
  'select * from (select a, a as "a:1", a from t) s',
  'select * from (select a + 1 as "a + 1", a+1 from t) s',
  "select * from (select cast(a as text), b || '!', coalesce(c, 0) from t) s",
  'with c as (select a+1, count(*) from t group by a) select * from c',
  'select s.* from (select a + 1, upper(b) from t) s',
  'select *, a from (select a + 1, a from t) s',
  'select x, s.b from (select a + 1 as X, b from t) s',
  'select * from (select x from (select a + 1 as X from t) u) s',
  'select * from (select * from (select a + 1 from t) s1) s2',
  'with c as (select a+1 from t), e as (select * from c) select * from e',
  'with c as (select a+1 from t) select * from c, c d',
  'select * from (select a + 1 from t) s join (select c * 2 from t) u on true',
  'select * from (select a + 1 from t union select c from t) s',
  'select * from (select c from t union select a+1 from t) s',
  'select * from (select a - 1 from t union all select c from t order by 1 limit 2) s',
  'select distinct * from (select a % 2 from t) s order by 1',
  'select * from (select a + 1, count(*) from t group by a + 1) s order by 1',
  'select * from (select sum(a) over (partition by b), a from t) s order by a',
  'with c(x, Y) as (select a+1, b from t) select * from c',
  'with c(x, x) as (select a, b from t) select * from c',
  'with c(p, q) as (select a + 1, b from t) select q, * from c',
  'select * from (select a + 1 from t) s natural join (select a + 1 from t) u',
  'select * from (select a as X, b from t) s join (select a as x, c from t) u using (x)',
  // VALUES: columns named by position (PostgreSQL and SQLite column1, DuckDB col0).
  'values (1, 2), (3, 4)',
  'select * from (values (1, 2)) s',
  "with v as (values (1, 'x'), (2, 'y')) select * from v",
  // Window frames (DuckDB prints BETWEEN always, the default frame not at all, RANGE over the whole partition as ROWS).
  'select sum(a) over (order by a rows between 1 preceding and current row), a from t order by a',
  'select sum(a) over (order by a rows 2 preceding), count(*) over (order by a rows unbounded preceding), a from t order by a',
  'select sum(a) over (order by a range between unbounded preceding and current row), sum(a) over (range between unbounded preceding and unbounded following), a from t order by a',
  'select sum(a) over (order by a rows between current row and unbounded following), sum(c) over (partition by b order by a rows between 1 following and 2 following), a from t order by a',
  'select max(a) over (order by a range between 2 preceding and 1 following), min(a) over (order by a range current row), a from t order by a',
  'select * from (select sum(a) over (order by a rows between 1 preceding and 1 following), a from t) s order by a',
  // Numbers: DuckDB reads an exponent as a DOUBLE and prints its value.
  'select 1e3, 1.5e2, 2E-3, 1e18, 12e1, 1e-5, .5, 0.10, -1e3 from t',
  'select 1e3 + a, a * 2.5e-1 from t',
  // TRIM and SUBSTRING are keyword syntax (PostgreSQL names TRIM(…) btrim, DuckDB prints main."trim"(…)).
  "select trim(b), trim(b, 'x'), ltrim(b), rtrim(b, 'x'), substring(b, 1, 2), substr(b, 2) from t",
  // Subqueries: PostgreSQL names a scalar one after its column, DuckDB prints the query.
  'select (select max(a) as m from t), (select count(*) from t x where x.a > 0), (select max(a) from t) + 1 from t',
  'select (select a from t where a > 1 order by a desc limit 1), (select b from t order by a nulls first, b desc nulls last limit 1 offset 1) from t',
  'select (select sum(a) from t group by b having count(*) > 1 order by 1 limit 1), (select distinct b from t order by b limit 1) from t',
  'select (select min(u.a) from t as u where u.c = t.c), (select 1), (select max(a) as M from t as "X") from t',
  'select exists (select 1 from t where a > 3), not exists (select 1 from t where a > 9), a in (select c from t), a not in (select c from t where c is not null) from t',
  'select * from (select (select max(a) from t), a from t) s',
];

// Forms SQLite does not read (run on DuckDB and PostgreSQL), each engine's own names of a derived
// table's columns, and DuckDB's own operators.
const NOT_SQLITE: readonly string[] = [
  "select b ilike 'X%', b not ilike 'x%' from t",
  'select a is distinct from c, a is not distinct from c from t',
  'select a::int, c::bigint, cast(a as decimal(10, 2)) from t',
  "select date '2020-01-01', timestamp '2020-01-02 03:04:05', interval '1 day', d + 1 from t",
  "select '1'::int, cast(2 as bigint), 3::numeric, cast('x' as text), cast(null as varchar(3)), 2.5::double precision, (case when a > 1 then 1 end)::int from t",
  'select 2 ^ 3, a from t order by a',
  'select sum(a) filter (where a > 1), count(*) filter (where c > 2) from t',
  'select count(*) over (), a from t order by a',
  'select avg(a) over (order by a desc nulls last), a from t order by a',
  "select a + 1 from t union select c from t order by 1 limit 2",
  // Column lists on derived tables and table aliases (not SQLite syntax) override by position, then the engine's uniqueness rule applies.
  'select * from (select a+1, b from t) s(X, "Y")',
  'select * from (select a, b from t) s(b)',
  'select * from t as u(b)',
  'with c(p, q) as (select a + 1, b from t) select * from c as u(x)',
  'select * from (select a + 1 from t) s(x) order by x',
  'select * from (values (1, 2)) s(x)',
  'values (1, 2), (0, 5) order by 1',
  'with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select * from r',
  'with recursive r as (select a + 0 from t where a = 1 union all select r.* from r where false) select * from r',
  'select * from (select a::int, c::bigint, case when a > 1 then 1 end from t) s',
  "select sum(a) over (order by d range between interval '1 day' preceding and current row), a from t order by a",
  // EXTRACT is DuckDB's main.date_part('field', x).
  'select extract(year from d), extract(month from d), extract(day from d), extract(quarter from d), extract(dow from d), extract(isodow from d) from t',
  'select extract(doy from d), extract(week from d), extract(isoyear from d), extract(epoch from d), EXTRACT(Decade FROM d), extract(century from d), extract(millennium from d) from t',
  "select extract(hour from timestamp '2020-01-02 03:04:05'), extract(minute from timestamp '2020-01-02 03:04:05'), extract(second from timestamp '2020-01-02 03:04:05') from t",
  "select extract(microseconds from timestamp '2020-01-02 03:04:05.5'), extract(milliseconds from timestamp '2020-01-02 03:04:05.5'), extract(year from interval '2 years') from t",
  'select extract(years from d), extract(months from d), extract(days from d), extract(weeks from d), extract(decades from d), extract(centuries from d), extract(millennia from d), extract(millenniums from d) from t',
  "select extract(hours from timestamp '2020-01-02 03:04:05'), extract(minutes from timestamp '2020-01-02 03:04:05'), extract(seconds from timestamp '2020-01-02 03:04:05'), extract(microsecond from timestamp '2020-01-02 03:04:05.5'), extract(millisecond from timestamp '2020-01-02 03:04:05.5') from t",
  'select * from (select extract(year from d), a from t) s',
  // Keyword syntax: TRIM, SUBSTRING and POSITION forms, each the function it means printed with DuckDB's schema.
  "select trim(both 'x' from b), trim(leading 'x' from b), trim(trailing from b), trim(from b), trim('x' from b) from t",
  "select position('x' in b), strpos(b, 'x'), position(b in 'xyz') from t",
  'select substring(b from 1 for 2), substring(b from 2), substring(b for 2), substring(b for c) from t',
  "select * from (select position('x' in b), trim(b), substring(b from 2) from t) s",
  'select (select a from t order by a fetch first 1 rows only), (select max(a) from t offset 0) from t',
  'select (select cast(a as text) from t order by a limit 1), (select 1::int), (select max(a) from t)::text, cast((select min(b) from t) as varchar(3)) from t',
];
// References to a derived table's columns by the names the source engine gave them.
const SQLITE_ONLY: readonly string[] = [
  'select "a + 1", s."upper(b)" from (select a + 1, upper(b) from t) s',
  'select "a:1" + 1 from (select a, a from t) s',
  'with c as (select a + 1, count(*) from t group by a) select "count(*)" from c order by "a + 1"',
];
const DUCKDB_ONLY: readonly string[] = [
  'select "(a + 1)", s."upper(b)" from (select a + 1, upper(b) from t) s',
  'select "(a + 1)" + 1, a_1 from (select a + 1, a, a from t) s',
  'with c as (select a + 1, count(*) from t group by a) select "count_star()" from c order by "(a + 1)"',
  'select "a b" + 1, "1a" * 2 from (select a as "a b", a as "1a" from t) s',
  'select * exclude ("(a + 1)") from (select a + 1, b from t) s',
  'select * from (select a + 1, b from t) s join (select a + 1, c from t) u using ("(a + 1)")',
  'with recursive r as (select a + 0 from t where a = 1 union all select "(a + 0)" + 1 from r where "(a + 0)" < 3) select * from r',
  'select extract(dayofweek from d), extract(dayofyear from d) from t',
  "select extract(us from timestamp '2020-01-02 03:04:05.5'), extract(ms from timestamp '2020-01-02 03:04:05.5') from t",
  'select a // 2 from t',
  'select a // 2 from t union select c from t order by 1',
];

let dir = '';
let duck: DuckDBConnection;
let duckInstance: DuckDBInstance;
let sqlite: Database.Database;
let pg: PgOracle;

const setup = guardedSetup(async () => {
  requirePostgres();
  dir = mkdtempSync(join(tmpdir(), 'relc-names-'));
  const csv = (v: unknown) => (v === null ? '' : String(v));
  writeFileSync(join(dir, 't.csv'), `a,b,c,d\n${ROWS.map((r) => r.map(csv).join(',')).join('\n')}\n`);
  const decl: InputDecl = {
    name: 't',
    path: join(dir, 't.csv'),
    format: 'csv',
    schema: [
      { name: 'a', type: T.int64, nullable: false },
      { name: 'b', type: T.utf8, nullable: true },
      { name: 'c', type: T.int32, nullable: true },
      { name: 'd', type: T.date, nullable: true },
    ],
  };
  pg = openPgOracle([decl]);
  duckInstance = await DuckDBInstance.create(':memory:', { threads: '1' });
  duck = await duckInstance.connect();
  await duck.run('CREATE TABLE t (a BIGINT NOT NULL, b VARCHAR, c INTEGER, d DATE)');
  sqlite = new Database(':memory:');
  sqlite.defaultSafeIntegers(true);
  sqlite.exec('CREATE TABLE t (a INTEGER NOT NULL, b TEXT, c INTEGER, d TEXT)');
  const lit = (v: unknown) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
  const values = ROWS.map((r) => `(${r.map(lit).join(', ')})`).join(', ');
  await duck.run(`INSERT INTO t VALUES ${values}`);
  sqlite.exec(`INSERT INTO t VALUES ${values}`);
});
test.before(setup.run);
test.after(() => {
  duck?.closeSync();
  duckInstance?.closeSync();
  sqlite?.close();
  pg?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  readonly names: readonly string[];
  readonly rows: readonly string[];
}

/** Rows as sorted text lines, numbers at 12 significant digits (engines type decimals apart). */
function lines(rows: readonly (readonly unknown[])[]): string[] {
  const cell = (v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v))) return Number(v).toPrecision(12);
    if (typeof v === 'boolean') return v ? '1' : '0'; // SQLite's booleans are 0/1
    return JSON.stringify(v);
  };
  return rows.map((r) => r.map(cell).join('|')).sort();
}

async function onDuckdb(text: string): Promise<Outcome> {
  const statements = statementsOf(text);
  for (const s of statements.slice(0, -1)) await duck.run(s);
  const reader = await duck.runAndReadAll(statements.at(-1)!);
  return { names: reader.columnNames(), rows: lines(reader.getRowsJson() as unknown[][]) };
}

function onSqlite(text: string): Outcome {
  const statements = statementsOf(text);
  for (const s of statements.slice(0, -1)) sqlite.exec(s);
  const stmt = sqlite.prepare(statements.at(-1)!);
  return { names: stmt.columns().map((c) => c.name), rows: lines(stmt.raw(true).all() as unknown[][]) };
}

function relcText(sql: string, from: SourceDialect, to: Dialect): string {
  const t = transpileQuery(sql, { from, to, catalog });
  return `${standalonePrelude(t.text, to)}${t.text}`;
}

const checked: Record<'duckdb' | 'sqlite' | 'postgres', number> = { duckdb: 0, sqlite: 0, postgres: 0 };

for (const sql of SQLITE_ONLY) {
  test(`SQLite names and rows: ${sql}`, () => {
    setup.check();
    const oracle = onSqlite(sql);
    const text = relcText(sql, 'sqlite', 'sqlite');
    if (shimsCalled(text).length > 0) registerSqliteFunctions(sqlite);
    const got = onSqlite(text);
    assert.equal(got.names, oracle.names, `sqlite → sqlite names:\n${text}`);
    assert.equal(got.rows, oracle.rows, `sqlite → sqlite rows:\n${text}`);
    checked.sqlite++;
  });
}

for (const sql of [...CORPUS, ...NOT_SQLITE, ...DUCKDB_ONLY]) {
  const portable = !DUCKDB_ONLY.includes(sql);
  test(`DuckDB names and rows: ${sql}`, async () => {
    setup.check();
    const oracle = await onDuckdb(sql);
    const same = await onDuckdb(relcText(sql, 'duckdb', 'duckdb'));
    assert.equal(same.names, oracle.names, 'duckdb → duckdb names');
    assert.equal(same.rows, oracle.rows, 'duckdb → duckdb rows');
    checked.duckdb++;
    if (portable) {
      const fromPg = await onDuckdb(relcText(sql, 'postgres', 'duckdb'));
      assert.equal(fromPg.names, oracle.names, 'postgres → duckdb names');
      checked.duckdb++;
    }
  });
  if (!portable) continue;

  if (!NOT_SQLITE.includes(sql)) test(`SQLite names and rows: ${sql}`, () => {
    setup.check();
    const oracle = onSqlite(sql);
    for (const from of ['sqlite', 'postgres'] as const) {
      const text = relcText(sql, from, 'sqlite');
      if (shimsCalled(text).length > 0) registerSqliteFunctions(sqlite);
      const got = onSqlite(text);
      assert.equal(got.names, oracle.names, `${from} → sqlite names:\n${text}`);
      if (from === 'sqlite') assert.equal(got.rows, oracle.rows, `sqlite → sqlite rows:\n${text}`);
      checked.sqlite++;
    }
  });

  test(`PostgreSQL names and rows: ${sql}`, async () => {
    setup.check();
    const oracle = await pg.query(sql);
    const t = transpileQuery(sql, { from: 'postgres', to: 'postgres', catalog });
    const got = await pg.runRelc(t);
    assert.equal(got.names, oracle.names, `postgres → postgres names:\n${t.text}`);
    assert.is(compareWithPg(oracle, got, false), null, t.text);
    checked.postgres++;
  });
}

test('every engine checked the whole corpus', () => {
  setup.check();
  assert.equal(checked, { duckdb: (CORPUS.length + NOT_SQLITE.length) * 2 + DUCKDB_ONLY.length, sqlite: CORPUS.length * 2 + SQLITE_ONLY.length, postgres: CORPUS.length + NOT_SQLITE.length });
  assert.ok(CORPUS.length >= 30);
});

test("the DuckDB keyword list (function names DuckDB quotes when it names a column) is the installed engine's", async () => {
  setup.check();
  const rows = (await duck.runAndReadAll('SELECT keyword_name FROM duckdb_keywords() ORDER BY keyword_name')).getRows().map((r) => String(r[0]));
  assert.equal([...DUCKDB_KEYWORDS].sort(), rows.sort());
});

test.run();
