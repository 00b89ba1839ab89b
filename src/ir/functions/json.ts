// JSON functions and operators with PostgreSQL's semantics. relc has no JSON type: a json value
// is its text as written (validated), a jsonb value its text in PostgreSQL's jsonb output form
// (src/ir/json.ts), so both compare, print and hash as PostgreSQL prints them. PostgreSQL computes
// natively (the text cast to json/jsonb and back); SQLite with relc's shims, which implement
// PostgreSQL's grammar and printing; DuckDB where its functions agree — its JSON functions print
// extracted values and jsonb otherwise than PostgreSQL, so those are BACKEND_UNSUPPORTED there
// (literal casts are folded at compile time and run everywhere).

import { T } from '../types.ts';
import type { FunctionDef, Render } from './def.ts';
import { byType, fn, no, relc, scalar, tpl } from './build.ts';

const DUCKDB_TEXT = no("DuckDB's JSON functions print extracted values their own way (numbers re-serialized, nested values compact), not as PostgreSQL's text");
const DUCKDB_JSONB = no("DuckDB cannot print jsonb as PostgreSQL does (keys sorted by length, '\": \"' and '\", \"' separators, numbers as numeric)");
// Spark has no json/jsonb types with PostgreSQL's grammar and printing (its from_json/to_json are
// Jackson's): every operation on JSON text is refused there; JSON built from literals is folded at compile time.
const SPARK_JSON = no("Spark has no JSON type with PostgreSQL's grammar and printing");
const DUCKDB_CONTAINMENT = no("DuckDB's json_contains and json_exists do not have jsonb's @> and ? semantics");

/** A step `-> k` / `->> k`: a text key or an integer index (PostgreSQL's int4 operand). */
const step = (template: (k: string) => string): Render =>
  byType([{ args: ['string', 'int64'], render: tpl(template('CAST({1} AS INTEGER)')) }], tpl(template('{1}')));

export const JSON_FUNCTIONS: readonly FunctionDef[] = [
  // text::json: the text, checked to be JSON. text::jsonb: PostgreSQL's jsonb text of it.
  scalar('json_in', [{ args: ['string'], returns: T.utf8 }], { default: tpl('CAST(CAST({0} AS JSON) AS TEXT)'), duckdb: fn('relc_json_in'), sqlite: fn('relc_json_in'), spark: SPARK_JSON }, relc('json_in')),
  scalar('jsonb_in', [{ args: ['string'], returns: T.utf8 }], { default: tpl('CAST(CAST({0} AS JSONB) AS TEXT)'), duckdb: DUCKDB_JSONB, sqlite: fn('relc_jsonb_in'), spark: SPARK_JSON }, relc('jsonb_in')),
  // j -> k: the member or element as JSON text (NULL when absent); an integer counts from 0, from the end when negative.
  scalar('json_get', [{ args: ['string', 'string'], returns: T.utf8 }, { args: ['string', 'integer'], returns: T.utf8 }], {
    default: step((k) => `CAST(CAST({0} AS JSON) -> ${k} AS TEXT)`), duckdb: DUCKDB_TEXT, sqlite: fn('relc_json_get'), spark: SPARK_JSON,
  }, relc('json_get'), 'always'),
  // j ->> k: as ->, a string as its value and JSON null as NULL.
  scalar('json_get_text', [{ args: ['string', 'string'], returns: T.utf8 }, { args: ['string', 'integer'], returns: T.utf8 }], {
    default: step((k) => `(CAST({0} AS JSON) ->> ${k})`), duckdb: DUCKDB_TEXT, sqlite: fn('relc_json_get_text'), spark: SPARK_JSON,
  }, relc('json_get_text'), 'always'),
  // One step of a path (#>, #>>, json_extract_path): a key of an object, or an index of an array when the text is an integer.
  scalar('json_path_get', [{ args: ['string', 'string'], returns: T.utf8 }], { default: tpl('CAST(CAST({0} AS JSON) #> ARRAY[{1}] AS TEXT)'), duckdb: DUCKDB_TEXT, sqlite: fn('relc_json_path_get'), spark: SPARK_JSON }, relc('json_path_get'), 'always'),
  scalar('json_path_get_text', [{ args: ['string', 'string'], returns: T.utf8 }], { default: tpl('(CAST({0} AS JSON) #>> ARRAY[{1}])'), duckdb: DUCKDB_TEXT, sqlite: fn('relc_json_path_get_text'), spark: SPARK_JSON }, relc('json_path_get_text'), 'always'),
  // object, array, string, number, boolean or null.
  scalar('json_typeof', [{ args: ['string'], returns: T.utf8 }], { default: tpl('json_typeof(CAST({0} AS JSON))'), duckdb: fn('relc_json_typeof'), sqlite: fn('relc_json_typeof'), spark: SPARK_JSON }, relc('json_typeof')),
  // The number of elements of an array; an error for an object or a scalar.
  scalar('json_array_length', [{ args: ['string'], returns: T.int32 }], { default: tpl('json_array_length(CAST({0} AS JSON))'), duckdb: fn('relc_json_array_length'), sqlite: fn('relc_json_array_length'), spark: SPARK_JSON }, relc('json_array_length')),
  // A string as a JSON string (PostgreSQL's to_json of text): escape_json's escapes.
  scalar('json_quote', [{ args: ['string'], returns: T.utf8 }], { default: tpl('CAST(to_json(CAST({0} AS TEXT)) AS TEXT)'), duckdb: fn('relc_json_quote'), sqlite: fn('relc_json_quote'), spark: SPARK_JSON }, relc('json_quote')),
  // jsonb a || b (objects merge, else arrays concatenate), j - key / j - index, and a = b (numbers by value, keys in any order).
  scalar('jsonb_concat', [{ args: ['string', 'string'], returns: T.utf8 }], { default: tpl('CAST(CAST({0} AS JSONB) || CAST({1} AS JSONB) AS TEXT)'), duckdb: DUCKDB_JSONB, sqlite: fn('relc_jsonb_concat'), spark: SPARK_JSON }, relc('jsonb_concat')),
  scalar('jsonb_delete', [{ args: ['string', 'string'], returns: T.utf8 }, { args: ['string', 'integer'], returns: T.utf8 }], {
    default: step((k) => `CAST(CAST({0} AS JSONB) - ${k} AS TEXT)`), duckdb: DUCKDB_JSONB, sqlite: fn('relc_jsonb_delete'), spark: SPARK_JSON,
  }, relc('jsonb_delete')),
  scalar('jsonb_equal', [{ args: ['string', 'string'], returns: T.bool }], { default: tpl('(CAST({0} AS JSONB) = CAST({1} AS JSONB))'), duckdb: no('DuckDB has no jsonb equality (numbers by value, object keys in any order)'), sqlite: fn('relc_jsonb_equal'), spark: SPARK_JSON }, relc('jsonb_equal')),
  // jsonb_set(target, path, value, create_if_missing): the path a list of text steps (src/sql/json.ts).
  scalar('jsonb_set', [{ args: ['string', 'list', 'string', 'bool'], returns: T.utf8 }], {
    default: tpl('CAST(jsonb_set(CAST({0} AS JSONB), {1}, CAST({2} AS JSONB), {3}) AS TEXT)'), duckdb: DUCKDB_JSONB, sqlite: fn('relc_jsonb_set'), spark: SPARK_JSON,
  }, relc('jsonb_set')),
  // jsonb_pretty(j): PostgreSQL's indented text; jsonb_strip_nulls(j): members with null values removed at every depth.
  scalar('jsonb_pretty', [{ args: ['string'], returns: T.utf8 }], { default: tpl('jsonb_pretty(CAST({0} AS JSONB))'), duckdb: DUCKDB_JSONB, sqlite: fn('relc_jsonb_pretty'), spark: SPARK_JSON }, relc('jsonb_pretty')),
  scalar('jsonb_strip_nulls', [{ args: ['string'], returns: T.utf8 }], { default: tpl('CAST(jsonb_strip_nulls(CAST({0} AS JSONB)) AS TEXT)'), duckdb: DUCKDB_JSONB, sqlite: fn('relc_jsonb_strip_nulls'), spark: SPARK_JSON }, relc('jsonb_strip_nulls')),
  // jsonb a @> b and j ? key.
  scalar('jsonb_contains', [{ args: ['string', 'string'], returns: T.bool }], { default: tpl('(CAST({0} AS JSONB) @> CAST({1} AS JSONB))'), duckdb: DUCKDB_CONTAINMENT, sqlite: fn('relc_jsonb_contains'), spark: SPARK_JSON }, relc('jsonb_contains')),
  scalar('jsonb_exists', [{ args: ['string', 'string'], returns: T.bool }], { default: tpl('jsonb_exists(CAST({0} AS JSONB), {1})'), duckdb: DUCKDB_CONTAINMENT, sqlite: fn('relc_jsonb_exists'), spark: SPARK_JSON }, relc('jsonb_exists')),
];
