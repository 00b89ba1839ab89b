// Source-dialect semantics of arithmetic (`relc transpile --from X` keeps X's meaning): `/` of
// integers truncates (PostgreSQL, SQLite) or divides as float64 (DuckDB, MySQL, BigQuery);
// DuckDB's `//` and MySQL's DIV; SQLite's `%` of integer parts; 64-bit integer arithmetic and
// REAL `1.5` literals where the dialect has them. Oracles: the original SQL on the source engine
// itself (DuckDB without integer_division, SQLite, PostgreSQL); MySQL and BigQuery are not
// installed, so their documented results stand in.

import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { relSexpr, RelcError, schemaOf, T, type LiteralValue, type Schema } from '../src/ir/index.ts';
import { lowerRel } from '../src/lower/sql/index.ts';
import { parseSelect, type Catalog, type SourceDialect } from '../src/sql/index.ts';
import { loadStatements, openDuckDB, openPostgres, openSQLite, type Engine, type Table } from './lower-engines.ts';

const N: Table = {
  name: 'n',
  schema: [
    { name: 'a', type: T.int32, nullable: false },
    { name: 'b', type: T.int32, nullable: false },
    { name: 'z', type: T.int32, nullable: false },
    { name: 'x', type: T.decimal(4, 1), nullable: false },
  ],
  rows: [
    [7, 2, 0, '7.5'],
    [-7, 2, 0, '-5.5'],
    [2147483647, -3, 0, '0.5'],
    [5, 4, 0, '2.5'],
  ] as LiteralValue[][],
};
const catalog: Catalog = { resolve: (name) => (name === 'n' ? { kind: 'scan', table: 'n', schema: N.schema } : undefined), names: () => ['n'] };

const parse = (sql: string, dialect: SourceDialect) => parseSelect(sql, { dialect, catalog });
const text = (rows: readonly (readonly unknown[])[]) => rows.map((r) => r.map(String).join(', ')).sort();

let duckdb: Engine;
let sqlite: Engine;
let postgres: Engine;

test.before(async () => {
  duckdb = await openDuckDB();
  sqlite = await openSQLite();
  postgres = await openPostgres();
  for (const e of [duckdb, sqlite, postgres]) for (const s of loadStatements(N, e.dialect)) await e.exec(s);
});
test.after(async () => {
  for (const e of [duckdb, sqlite, postgres]) await e.close();
});

/** relc's translation, run on DuckDB and SQLite: the rows of each, as text. */
async function translated(sql: string, dialect: SourceDialect): Promise<{ schema: Schema; duckdb: string[]; sqlite: string[] }> {
  const rel = parse(sql, dialect);
  const schema = schemaOf(rel);
  return { schema, duckdb: text((await duckdb.run(lowerRel(rel, 'duckdb'), schema)).rows), sqlite: text((await sqlite.run(lowerRel(rel, 'sqlite'), schema)).rows) };
}

/** The SQL as written, on the source engine (read with relc's types of the same columns). */
async function original(sql: string, engine: Engine, schema: Schema): Promise<string[]> {
  return text((await engine.run({ sql, params: [] }, schema)).rows);
}

const ORACLES: readonly { dialect: SourceDialect; engine: () => Engine; sql: string }[] = [
  { dialect: 'postgres', engine: () => postgres, sql: 'select 7 / 2 as p, -7 / 2 as q, a / b as r, a % b as s, x / 2 as t from n' }, // PostgreSQL needs distinct names
  { dialect: 'sqlite', engine: () => sqlite, sql: 'select 7 / 2, -7 / 2, a / b, a % b, x % 2, a % x, 5.5 % 2, 0.1 + 0.2, a + 2147483647, 2147483647 + 1 from n' },
  { dialect: 'duckdb', engine: () => duckdb, sql: 'select 7 / 2, -7 / 2, a / b, a // b, -7 // 2, a // z, x // 2, x / 2, a % b, 1.5 + 1 from n' },
];

for (const o of ORACLES) {
  test(`${o.dialect}: the translation equals the original on ${o.dialect} (on DuckDB and SQLite)`, async () => {
    const t = await translated(o.sql, o.dialect);
    const expected = await original(o.sql, o.engine(), t.schema);
    assert.equal(t.duckdb, expected, `${o.sql} on DuckDB`);
    assert.equal(t.sqlite, expected, `${o.sql} on SQLite`);
  });
}

test('select 7 / 2 per source dialect: 3 where `/` truncates integers, 3.5 where it divides', async () => {
  const results: Record<string, string> = {};
  for (const d of ['postgres', 'sqlite', 'duckdb', 'mysql', 'bigquery'] as const) {
    const t = await translated('select 7 / 2 from n where a = 7', d);
    assert.equal(t.duckdb, t.sqlite, d);
    results[d] = `${t.duckdb[0]} ${t.schema[0]!.type.kind}`;
  }
  // MySQL documents 7 / 2 = 3.5000 (DECIMAL, div_precision_increment = 4); BigQuery INT64 / INT64 is FLOAT64.
  assert.equal(results, { postgres: '3 int32', sqlite: '3 int64', duckdb: '3.5 float64', mysql: '3.5 float64', bigquery: '3.5 float64' });
  // The oracle engines agree on their own.
  assert.equal(await original('select 7 / 2', postgres, [{ name: 'q', type: T.float64, nullable: true }]), ['3']);
  assert.equal(await original('select 7 / 2', sqlite, [{ name: 'q', type: T.float64, nullable: true }]), ['3']);
  assert.equal(await original('select 7 / 2', duckdb, [{ name: 'q', type: T.float64, nullable: true }]), ['3.5']);
});

test('the plan: float-division dialects cast integer operands to float64; others keep the integer division', () => {
  assert.is(relSexpr(parse('select a / b from n', 'duckdb')), '(project [?column? := (divide (cast a#0 float64) (cast b#1 float64))] (scan n))');
  assert.is(relSexpr(parse('select a / b from n', 'postgres')), '(project [?column? := (divide a#0 b#1)] (scan n))');
  assert.is(relSexpr(parse('select a / b from n', 'sqlite')), '(project [?column? := (divide (cast a#0 int64) (cast b#1 int64))] (scan n))');
  // Decimal operands already divide as float64 everywhere; DuckDB's `//` of integers is the truncating division.
  assert.is(relSexpr(parse('select x / 2, a // b from n', 'duckdb')), "(project [?column? := (divide x#3 '2.0'::decimal(11,1)), ?column?_1 := (divide a#0 b#1)] (scan n))");
});

test('MySQL: DIV is integer division (the quotient\'s integer part for decimals), integer arithmetic is BIGINT', async () => {
  // MySQL manual: 5 DIV 2 = 2, -5 DIV 2 = -2, 5.5 DIV 2 → 2 (operands become DECIMAL, the result BIGINT); N DIV 0 is NULL.
  const t = await translated('select 5 DIV 2, -5 DIV 2, 5.5 DIV 2, -7.5 DIV 2, a div 0, 2147483647 + 1, a * 2 from n where a = 2147483647', 'mysql');
  assert.equal(t.duckdb, ['2, -2, 2, -3, null, 2147483648, 4294967294']);
  assert.equal(t.sqlite, t.duckdb);
  assert.equal(t.schema.map((f) => f.type.kind), ['int64', 'int64', 'int64', 'int64', 'int64', 'int64', 'int64']);
});

test('BigQuery: INT64 arithmetic and FLOAT64 literals with a decimal point', async () => {
  const t = await translated('select 2147483647 + 1, 0.1 + 0.2, 7 / 2 from n where a = 7', 'bigquery');
  assert.equal(t.duckdb, ['2147483648, 0.30000000000000004, 3.5']);
  assert.equal(t.sqlite, t.duckdb);
});

test('DuckDB `//` and MySQL DIV parse only in their dialects; elsewhere DIV is an alias', () => {
  try {
    parse('select 7 // 2', 'postgres');
    assert.unreachable('postgres accepted //');
  } catch (e) {
    assert.instance(e, RelcError);
    assert.is((e as RelcError).code, 'SQL_PARSE_ERROR');
    assert.equal((e as RelcError).location, { file: '<sql>', line: 1, col: 10 });
  }
  assert.equal(schemaOf(parse('select 7 div', 'postgres')).map((f) => f.name), ['div']);
  assert.equal(schemaOf(parse('select 7 div', 'duckdb')).map((f) => f.name), ['div']);
});

test('documented difference: division by zero is NULL in relc; DuckDB gives ±Infinity for `/`', async () => {
  const sql = 'select a / z from n where a = 7';
  const t = await translated(sql, 'duckdb');
  assert.equal(t.duckdb, ['null']);
  assert.equal(t.sqlite, ['null']);
  assert.equal(await original(sql, duckdb, t.schema), ['Infinity']);
});

test.run();
