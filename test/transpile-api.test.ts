// The one-call API: transpile / parse / format exported from 'relc', several statements per
// script (split by the lexer, so `;` in strings and comments stays), results run on DuckDB.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { DuckDBInstance } from '@duckdb/node-api';
import { format, parse, transpile, schemaOf, type RelcError } from '../src/index.ts';

const schema = { t: { a: 'int64', s: 'utf8' } };

test('transpile: one text per statement; a ; inside a string or a comment does not split', () => {
  const out = transpile("select 'x;y' as v; -- a comment; still the comment\nselect 7 / 2 as q;;", { from: 'duckdb', to: 'postgres' });
  assert.is(out.length, 2);
  assert.match(out[0]!, /'x;y'/);
  assert.match(out[1]!, /3\.5|7(\.0)? \/ 2/); // DuckDB's / of integers is float division, kept in PostgreSQL
});

test('transpile: the emitted DuckDB SQL runs on a stock DuckDB and equals the source on DuckDB', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run("create table t as select * from (values (1::bigint, 'a'), (2, 'b'), (3, null)) v(a, s)");
  const src = "select a, s || '!' as s2, a / 2 as h from t where a > 1 order by a";
  const [duck] = transpile(src, { from: 'postgres', to: 'duckdb', schema });
  const got = (await c.runAndReadAll(duck!)).getRowsJson();
  assert.equal(got, [['2', 'b!', '1'], ['3', null, '1']]); // PostgreSQL's integer division
  c.closeSync();
  db.closeSync();
});

test('names the source leaves implicit are the target engine\'s: no ?column? or function names leak across dialects', async () => {
  const src = "select a + 1, upper(s), count(*) over (), a + 1 as named, a from t";
  const [duck] = transpile(src, { from: 'postgres', to: 'duckdb', schema });
  assert.not.match(duck!, /\?column\?|"upper"|"count"/);
  assert.match(duck!, /AS "named"/);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run("create table t as select * from (values (1::bigint, 'a')) v(a, s)");
  const names = (await c.runAndReadAll(duck!)).columnNames(); // the prelude's macros, then the query
  // DuckDB's own names for the query as written (test/output-names.test.ts checks them on the engine).
  assert.equal(names, ['(a + 1)', 'upper(s)', 'count() OVER ()', 'named', 'a']);
  c.closeSync();
  db.closeSync();
  // PostgreSQL to PostgreSQL keeps PostgreSQL's own names.
  const [pg] = transpile('select a + 1, upper(s) from t', { from: 'postgres', to: 'postgres', schema });
  assert.match(pg!, /AS "\?column\?", upper\("t1"\."s"\) AS "upper"/);
  // A DuckDB source's ifnull names no SQLite column.
  const [lite] = transpile("select ifnull(s, 'none') from t", { from: 'duckdb', to: 'sqlite', schema });
  assert.not.match(lite!, /"ifnull"/);
});

test('parse: typed IR per statement; format: resolved text in the same dialect', () => {
  const [rel] = parse('select a, s from t where a = 1', { schema });
  assert.equal(schemaOf(rel!).map((f) => [f.name, f.type.kind]), [['a', 'int64'], ['s', 'utf8']]);
  const [text] = format('select a from t', { dialect: 'sqlite', schema });
  assert.is(text, 'SELECT "t1"."a"\nFROM "t" AS "t1"');
});

test('errors point into the right statement of the script', () => {
  let e: RelcError | undefined;
  try {
    transpile('select 1;\nselect nope from t', { schema, file: 'script.sql' });
  } catch (x) {
    e = x as RelcError;
  }
  assert.is(e?.code, 'UNKNOWN_COLUMN');
  assert.equal(e?.location, { file: 'script.sql', line: 2, col: 8 });
});

test.run();
