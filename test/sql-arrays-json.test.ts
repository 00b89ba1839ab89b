// Arrays and JSON in the SQL front end and the lowering: the constructs relc refuses, each with its
// exact code and location, and the JSON text src/ir/json.ts prints (the values themselves are
// checked against PostgreSQL by test/pg-oracle/probes-json.sql).
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { jsonbText, numericText, parseJson, RelcError } from '../src/ir/index.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { probeCatalog } from './pg-oracle/tables.ts';

type Target = 'duckdb' | 'sqlite' | 'postgres';

function failure(sql: string, to: Target = 'postgres'): RelcError {
  try {
    transpileQuery(sql, { from: 'postgres', to, catalog: probeCatalog, optimize: true });
  } catch (e) {
    if (e instanceof RelcError) return e;
    throw e;
  }
  throw new Error(`compiled: ${sql}`);
}

function refuses(sql: string, code: string, message: RegExp, col?: number, to: Target = 'postgres'): void {
  const e = failure(sql, to);
  assert.is(e.code, code, e.message);
  assert.match(e.message, message);
  if (col !== undefined) assert.is(e.location?.col, col, `column of ${e.message}`);
}

test('array constructs relc does not support are UNSUPPORTED_CONSTRUCT at the construct', () => {
  refuses('select unnest(ARRAY[i]) from p', 'UNSUPPORTED_CONSTRUCT', /unnest is not supported: relc has no set-returning functions/, 8);
  refuses('select x from p, unnest(ARRAY[i]) as u(x)', 'UNSUPPORTED_CONSTRUCT', /unnest in FROM cannot read columns \(that would be a LATERAL call/);
  refuses("select x from unnest(string_to_array('a,b', ',')) as u(x)", 'UNSUPPORTED_CONSTRUCT', /unnest in FROM needs a constant array/);
  refuses('select x from unnest(ARRAY[1], ARRAY[2]) as u(x)', 'UNSUPPORTED_CONSTRUCT', /unnest of 2 arrays is not supported/);
  refuses('select ARRAY[] from p', 'UNSUPPORTED_CONSTRUCT', /an empty ARRAY\[\] has no element type/, 8);
  refuses('select (ARRAY[i, j])[1:2] from p', 'UNSUPPORTED_CONSTRUCT', /array slice/);
  refuses('select ARRAY(select k from q) from p', 'UNSUPPORTED_CONSTRUCT', /ARRAY\(subquery\)/, 8);
  refuses('select i <> ALL(ARRAY[1, 2]) from p', 'UNSUPPORTED_CONSTRUCT', /x <> ALL\(array\) is not supported; x = ANY\(array\) is/, 10);
  refuses('select i > ANY(ARRAY[1, 2]) from p', 'UNSUPPORTED_CONSTRUCT', /x > ANY\(array\) is not supported/, 10);
  refuses('select array_to_string(array_agg(d), \',\') from p', 'UNSUPPORTED_CONSTRUCT', /array_to_string of list<date\?> is not supported \(lists of text and integers are\)/);
});

test("array casts: a '{…}' literal or ARRAY[…] only, each element checked at compile time", () => {
  refuses("select '{}'::int[] from p", 'UNSUPPORTED_CONSTRUCT', /an empty array \(int\[\]: it has no elements to give it its type in relc\) is not supported/, 8);
  refuses('select s::int[] from p', 'UNSUPPORTED_CONSTRUCT', /casting utf8 to int\[\] at run time is not supported/, 8);
  refuses('select NULL::int[] from p', 'UNSUPPORTED_CONSTRUCT', /a NULL array \(int\[\]\) is not supported/, 8);
  refuses("select '{1,x}'::int[] from p", 'TYPE_MISMATCH', /invalid int32 literal: "x"/);
  refuses("select '{1,{2}}'::int[] from p", 'TYPE_MISMATCH', /malformed array literal/);
  refuses("select '{1}'::int[][] from p", 'UNSUPPORTED_CONSTRUCT', /multi-dimensional array types/);
  refuses("select '{1}'::int[3] from p", 'UNSUPPORTED_CONSTRUCT', /array types with a size/);
});

test('arrays of arrays and subscripts of non-arrays are TYPE_MISMATCH', () => {
  refuses('select ARRAY[ARRAY[i]] from p', 'TYPE_MISMATCH', /array_construct|ARRAY\[\]/);
  refuses('select array_agg(ARRAY[i]) from p', 'TYPE_MISMATCH', /array_agg cannot take \(list<int32\?>\)/);
  refuses('select s[1] from p', 'TYPE_MISMATCH', /subscript/);
  refuses('select cardinality(s) from p', 'TYPE_MISMATCH', /cardinality/);
});

test('a SQLite list holds JSON: ordering by a list and array_agg of intervals are BACKEND_UNSUPPORTED there', () => {
  refuses('select x from (select array_agg(i order by i) as x from p group by j) as t order by x', 'BACKEND_UNSUPPORTED', /ordering by a list \(its JSON text would sort as text\) is not supported on sqlite/, undefined, 'sqlite');
  refuses("select array_agg(interval '1 day') from p", 'BACKEND_UNSUPPORTED', /array_agg \(SQLite keeps intervals as JSON text/, undefined, 'sqlite');
});

test('JSON: invalid literals, non-literal paths and non-text casts are refused at compile time', () => {
  refuses(`select '{"a": 1,}'::jsonb from p`, 'TYPE_MISMATCH', /invalid jsonb literal: '\{"a": 1,\}' \(expected a key\)/, 8);
  refuses(`select '[1] x'::json from p`, 'TYPE_MISMATCH', /invalid json literal: '\[1\] x' \(text after the value\)/, 8);
  refuses(`select s::json #> s from p`, 'UNSUPPORTED_CONSTRUCT', /operator #> takes its path as a literal \('\{a,b\}'\) or ARRAY\[…\]/);
  refuses(`select s::json #>> '{}' from p`, 'UNSUPPORTED_CONSTRUCT', /operator #>> with an empty path is not supported/);
  refuses(`select s::json #>> '{a,{b}}' from p`, 'TYPE_MISMATCH', /malformed array literal/);
  refuses('select i::jsonb from p', 'TYPE_MISMATCH', /cannot cast int32 to jsonb/);
  refuses(`select s::jsonb < '1' from p`, 'UNSUPPORTED_CONSTRUCT', /ordering jsonb values \(<\) is not supported/);
  refuses("select to_json(interval '1 day') from p", 'UNSUPPORTED_CONSTRUCT', /to_json of interval is not supported \(numbers, text, bool, date and timestamp are\)/);
  refuses("select json_build_object('a', 1, 'b') from p", 'TYPE_MISMATCH', /json_build_object takes keys and values in pairs, got 3 arguments/);
  refuses('select json_agg(DISTINCT i) from p', 'UNSUPPORTED_CONSTRUCT', /json_agg with DISTINCT is not supported/, 8);
  refuses('select json_agg(i) over () from p', 'UNSUPPORTED_CONSTRUCT', /json_agg as a window function is not supported/, 8);
  refuses('select json_object_agg(s) from p', 'TYPE_MISMATCH', /json_object_agg takes a key and a value, got 1/, 8);
  refuses('select id from p where json_agg(i) is null', 'UNSUPPORTED_CONSTRUCT', /aggregate function json_agg is not allowed in WHERE/);
  refuses('select json_build_array(ARRAY[i]) from p', 'UNSUPPORTED_CONSTRUCT', /json_build_array of list<int32\?> is not supported/);
});

test('JSON on DuckDB: what its functions cannot compute as PostgreSQL is BACKEND_UNSUPPORTED naming the function', () => {
  refuses('select s::jsonb from p', 'BACKEND_UNSUPPORTED', /jsonb_in \(DuckDB cannot print jsonb as PostgreSQL does/, undefined, 'duckdb');
  refuses("select s::json ->> 'a' from p", 'BACKEND_UNSUPPORTED', /json_get_text \(DuckDB's JSON functions print extracted values their own way/, undefined, 'duckdb');
  refuses("select s::jsonb ? 'a' from p", 'BACKEND_UNSUPPORTED', /jsonb_exists \(DuckDB's json_contains and json_exists do not have jsonb's @> and \? semantics\)/, undefined, 'duckdb');
  // jsonb's normal form does not change a type or an array length: those run on DuckDB.
  transpileQuery('select jsonb_typeof(s::jsonb), jsonb_array_length(s::jsonb) from p', { from: 'postgres', to: 'duckdb', catalog: probeCatalog, optimize: true });
});

test('the JSON operators are PostgreSQL syntax only: DuckDB and SQLite source text reads its own ->', () => {
  for (const from of ['duckdb', 'sqlite'] as const) {
    let code = '';
    try {
      transpileQuery("select s -> 'a' from p", { from, to: 'postgres', catalog: probeCatalog, optimize: true });
    } catch (e) {
      code = (e as RelcError).code;
    }
    assert.ok(code !== '', `${from}: -> compiled as PostgreSQL's`);
  }
});

test("jsonb text is PostgreSQL's: unique keys, the last winning, sorted by length then bytes; numbers as numeric", () => {
  assert.is(jsonbText(parseJson('{"bb": 1, "a": {"y": [], "x": {}}, "bb": [1,2], "é": null, "b": "\\u00e9\\t"}')), '{"a": {"x": {}, "y": []}, "b": "é\\t", "bb": [1, 2], "é": null}');
  assert.equal(['1.50e1', '2e2', '-0', '-0.00', '1E-2', '12.300', '0.5e-3', '-1.5e+3', '100e-2'].map(numericText), ['15.0', '200', '0', '0.00', '0.01', '12.300', '0.0005', '-1500', '1.00']);
  for (const bad of ['', '01', '1.', '.5', "{'a': 1}", '[1,]', 'nul', '"\\x"', 'NaN', '{"a" 1}']) assert.throws(() => parseJson(bad), /invalid input syntax for type json/, bad);
});

test.run();
