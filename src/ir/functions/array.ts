// Array (list) functions with PostgreSQL's semantics on every dialect: 1-based positions, NULL
// out of range, NULL elements kept. One-dimensional only: the element types are `comparable`
// (never a list), so PostgreSQL's multi-dimensional arrays cannot arise. On SQLite a list is
// JSON text (CONTRACTS.md storage), read with SQLite's built-in JSON functions or relc's shims.

import { T } from '../types.ts';
import type { FunctionDef } from './def.ts';
import { agg, byType, collectSorted, fn, no, PRECEDENCE, relc, scalar, tpl, wrapResult } from './build.ts';

// A SQLite interval is JSON text itself: a list of them would hold strings, not intervals.
const NO_SQLITE_INTERVALS = no('SQLite keeps intervals as JSON text, which a JSON array would hold as a string');

// Spark has arrays natively (https://spark.apache.org/docs/latest/api/sql/): its higher-order
// functions (transform, filter, exists, forall) take lambdas over the elements; `<=>` compares NULL
// as a value. Arguments a template reads twice go through transform(array(named_struct(…)), v -> …)[0],
// which reads each once.
const sparkOnce = (body: string): string => `transform(array(named_struct('a', {0}, 'b', {1})), relc_v -> ${body})[0]`;

export const ARRAY_FUNCTIONS: readonly FunctionDef[] = [
  // array_agg(x [ORDER BY …]): every row's value, NULLs included; NULL over no rows. Without an
  // ORDER BY the values are in their own order (src/sql/aggregate.ts), as for string_agg.
  {
    ...agg('array_agg', [{ args: ['comparable'], returns: 'list_of_arg0' }], 'always', relc('array_agg')),
    render: { default: fn('array_agg'), spark: byType([{ args: ['interval'], render: no('intervals are not expressed on Spark') }], collectSorted('collect_list')), sqlite: byType([{ args: ['interval'], render: NO_SQLITE_INTERVALS }], wrapResult("nullif({0}, '[]')", fn('json_group_array'))) },
  },
  // ARRAY[a, b, …] (the front end widens the elements to their common type).
  scalar('array_construct', [{ args: [], variadic: 'comparable', returns: 'list_of_common' }], { default: tpl('ARRAY[{*}]'), duckdb: tpl('list_value({*})'), sqlite: tpl('json_array({*})'), spark: tpl('array({*})') }, relc('array_construct'), 'never'),
  // a[i]: 1-based; NULL for a position out of range (DuckDB counts negative ones from the end, so they are mapped to NULL).
  scalar('array_element', [{ args: ['list', 'integer'], returns: 'element_of_arg0' }], {
    default: tpl('({0})[{1}]'),
    postgres: byType([{ args: ['list', 'int64'], render: tpl('({0})[CAST({1} AS INTEGER)]') }], tpl('({0})[{1}]')),
    duckdb: tpl('list_extract({0}, nullif(greatest({1}, 0), 0))'),
    spark: tpl('get({0}, greatest({1}, 0) - 1)'), // 0-based, NULL outside (greatest skips a NULL position: get(a, -1) is NULL)
    // A SQLite list of binary holds hex text (CONTRACTS.md), which json_extract cannot turn back into a BLOB.
    sqlite: byType([{ result: 'binary', render: no('a SQLite list keeps binary elements as hex text') }], tpl("json_extract({0}, '$[' || (nullif(max({1}, 0), 0) - 1) || ']')")),
  }, relc('array_element'), 'always'),
  // cardinality(a): the number of elements (0 for an empty array).
  scalar('cardinality', [{ args: ['list'], returns: T.int32 }], { default: fn('cardinality'), duckdb: tpl('CAST(len({0}) AS INTEGER)'), sqlite: fn('json_array_length'), spark: fn('size') }, relc('cardinality')),
  // array_length(a, dimension): NULL for an empty array and for any dimension but 1.
  scalar('array_length', [{ args: ['list', 'integer'], returns: T.int32 }], {
    default: fn('array_length'),
    postgres: byType([{ args: ['list', 'int64'], render: tpl('array_length({0}, CAST({1} AS INTEGER))') }], fn('array_length')),
    duckdb: tpl('(CAST(nullif(len({0}), 0) AS INTEGER) * CASE WHEN {1} = 1 THEN 1 END)'),
    sqlite: tpl('(nullif(json_array_length({0}), 0) * CASE WHEN {1} = 1 THEN 1 END)'),
    spark: tpl('(nullif(size({0}), 0) * CASE WHEN {1} = 1 THEN 1 END)'),
  }, relc('array_length'), 'always'),
  // array_to_string(a, sep [, null_text]): the non-NULL elements joined by sep; NULL elements as
  // null_text when it is given and not NULL. NULL when a or sep is. Elements are text or integers
  // (src/sql/functions.ts), whose text is the same on every engine.
  scalar('array_to_string', [{ args: ['list', 'string'], returns: T.utf8 }, { args: ['list', 'string', 'string'], returns: T.utf8 }], {
    default: fn('array_to_string'),
    duckdb: fn('relc_array_to_string'),
    sqlite: fn('relc_array_to_string'),
    // array_join skips NULL elements, so a NULL null_text (coalesce's NULL) skips them too.
    spark: byType([{ args: ['list', 'string', 'string'], render: tpl('array_join(transform({0}, relc_e -> coalesce(CAST(relc_e AS STRING), {2})), {1})') }], fn('array_join')),
  }, relc('array_to_string'), 'always'),
  // string_to_array(s, sep [, null_text]): '' is the empty array, a NULL sep splits into
  // characters, an empty sep leaves s whole; fields equal to null_text are NULL.
  scalar('string_to_array', [{ args: ['string', 'string'], returns: T.list(T.utf8) }, { args: ['string', 'string', 'string'], returns: T.list(T.utf8) }], {
    default: fn('string_to_array'), duckdb: fn('relc_string_to_array'), sqlite: fn('relc_string_to_array'), spark: no("string_to_array is not expressed on Spark (its split reads the separator as a regular expression)"),
  }, relc('string_to_array'), 'always'),
  // array_position(a, x): the first position holding x, NULL compared as a value (IS NOT DISTINCT FROM); NULL when absent.
  scalar('array_position', [{ args: ['list', 'comparable'], returns: T.int32 }], {
    default: fn('array_position'),
    duckdb: tpl('CAST(list_position({0}, {1}) AS INTEGER)'),
    spark: tpl('CAST(nullif(array_position(transform({0}, relc_e -> relc_e <=> {1}), TRUE), 0) AS INT)'),
    sqlite: tpl('(SELECT CAST(min(relc_j.key) + 1 AS INTEGER) FROM json_each({0}) AS relc_j WHERE relc_j.value IS {1})'),
  }, relc('array_position'), 'always'),
  // array_cat(a, b) and a || b: a NULL array is the empty one; NULL only when both are.
  scalar('array_cat', [{ args: ['list', 'list'], returns: 'common_list' }], {
    default: fn('array_cat'), duckdb: fn('relc_array_cat'), sqlite: fn('relc_array_cat'),
    spark: tpl(sparkOnce('CASE WHEN relc_v.a IS NULL THEN relc_v.b WHEN relc_v.b IS NULL THEN relc_v.a ELSE concat(relc_v.a, relc_v.b) END')),
  }, relc('array_cat'), 'all'),
  // regexp_split_to_array(s, pattern, flags): the text between matches (zero-length matches at
  // either end or right after a match do not split); regexp_match(s, pattern, flags): the first
  // match's groups (the whole match without groups; NULL for a group that took no part), NULL when
  // nothing matches. Flags: a literal '' or 'i' (src/sql/functions.ts).
  scalar('regexp_split_to_array', [{ args: ['string', 'string', 'string'], returns: T.list(T.utf8) }], {
    default: fn('regexp_split_to_array'), duckdb: tpl("string_split_regex({0}, {1}, 's' || {2})"), sqlite: fn('relc_regexp_split_to_array'), spark: no('regexp_split_to_array is not expressed on Spark'),
  }, relc('regexp_split_to_array')),
  scalar('regexp_match', [{ args: ['string', 'string', 'string'], returns: T.list(T.utf8) }], {
    default: fn('regexp_match'), duckdb: no("DuckDB's regexp_extract gives '' for a group that took no part, where PostgreSQL gives NULL"), sqlite: fn('relc_regexp_match'), spark: no('regexp_match is not expressed on Spark'),
  }, relc('regexp_match'), 'always'),
  // array_remove(a, x): the elements not x; array_replace(a, x, y): x replaced by y — NULL compared as a value in both.
  scalar('array_remove', [{ args: ['list', 'comparable'], returns: 'arg0' }], {
    default: fn('array_remove'), duckdb: fn('relc_array_remove'), spark: tpl('filter({0}, relc_e -> NOT (relc_e <=> {1}))'),
    sqlite: tpl('(SELECT CASE WHEN relc_r.a IS NULL THEN NULL ELSE (SELECT json_group_array(relc_j.value ORDER BY relc_j.key) FROM json_each(relc_r.a) AS relc_j WHERE relc_j.value IS NOT relc_r.x) END FROM (SELECT {0} AS a, {1} AS x) AS relc_r)'),
  }, relc('array_remove'), 'always'),
  scalar('array_replace', [{ args: ['list', 'comparable', 'comparable'], returns: 'arg0' }], {
    default: fn('array_replace'), duckdb: fn('relc_array_replace'), spark: tpl('transform({0}, relc_e -> CASE WHEN relc_e <=> {1} THEN {2} ELSE relc_e END)'),
    sqlite: tpl('(SELECT CASE WHEN relc_r.a IS NULL THEN NULL ELSE (SELECT json_group_array(CASE WHEN relc_j.value IS relc_r.x THEN relc_r.y ELSE relc_j.value END ORDER BY relc_j.key) FROM json_each(relc_r.a) AS relc_j) END FROM (SELECT {0} AS a, {1} AS x, {2} AS y) AS relc_r)'),
  }, relc('array_replace'), 'always'),
  // a @> b: every element of b is in a (a NULL element is in nothing); a && b: an element in both. NULL when an array is.
  scalar('array_contains', [{ args: ['list', 'list'], returns: T.bool }], {
    default: tpl('({0} @> {1})'), duckdb: fn('relc_array_contains'),
    spark: tpl(sparkOnce('CASE WHEN relc_v.a IS NULL OR relc_v.b IS NULL THEN NULL ELSE forall(relc_v.b, relc_y -> relc_y IS NOT NULL AND exists(relc_v.a, relc_x -> coalesce(relc_x = relc_y, FALSE))) END')),
    sqlite: tpl('(SELECT CASE WHEN relc_r.a IS NULL OR relc_r.b IS NULL THEN NULL ELSE NOT EXISTS (SELECT 1 FROM json_each(relc_r.b) AS relc_y WHERE relc_y.value IS NULL OR NOT EXISTS (SELECT 1 FROM json_each(relc_r.a) AS relc_x WHERE relc_x.value = relc_y.value)) END FROM (SELECT {0} AS a, {1} AS b) AS relc_r)'),
  }, relc('array_contains')),
  scalar('array_overlap', [{ args: ['list', 'list'], returns: T.bool }], {
    default: tpl('({0} && {1})'), duckdb: fn('list_has_any'),
    spark: tpl(sparkOnce('CASE WHEN relc_v.a IS NULL OR relc_v.b IS NULL THEN NULL ELSE exists(relc_v.a, relc_x -> relc_x IS NOT NULL AND exists(relc_v.b, relc_y -> coalesce(relc_x = relc_y, FALSE))) END')),
    sqlite: tpl('(SELECT CASE WHEN relc_r.a IS NULL OR relc_r.b IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM json_each(relc_r.a) AS relc_x JOIN json_each(relc_r.b) AS relc_y ON relc_x.value = relc_y.value) END FROM (SELECT {0} AS a, {1} AS b) AS relc_r)'),
  }, relc('array_overlap')),
  // x = ANY(a): true when an element equals x; else NULL when x or an element is NULL; false for
  // an empty array; NULL for a NULL array.
  scalar('any_equal', [{ args: ['comparable', 'list'], returns: T.bool }], {
    default: tpl('{0} = ANY({1})', PRECEDENCE.compare),
    duckdb: fn('relc_any_equal'),
    spark: tpl('exists({1}, relc_e -> relc_e = {0})'), // three-valued: NULL when no element is equal and a comparison is NULL
    sqlite: tpl('(SELECT CASE WHEN relc_r.l IS NULL THEN NULL WHEN sum(relc_j.value = relc_r.x) > 0 THEN 1 WHEN count(relc_j.key) = count(relc_j.value = relc_r.x) THEN 0 END FROM (SELECT {0} AS x, {1} AS l) AS relc_r LEFT JOIN json_each(relc_r.l) AS relc_j)'),
  }, relc('any_equal'), 'always'),
];
