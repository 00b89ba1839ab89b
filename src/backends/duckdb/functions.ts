// DuckDB engine shims: static macros run on every connection so that the SQL lowered for DuckDB
// (src/lower/sql) has PostgreSQL's semantics where DuckDB's built-ins differ. Each statement is
// `CREATE OR REPLACE MACRO`; overloads by arity are one statement. DUCKDB_SETTINGS are run on
// every connection too, before any query.

import { BOOL_FALSE_WORDS, BOOL_TEXT_SPACE, BOOL_TRUE_WORDS } from '../../ir/boolean-text.ts';
import { INPUT_SPACE_CLASS, TIMESTAMP_INPUT_PATTERN } from '../../ir/temporal.ts';

const sqlList = (words: readonly string[]): string => words.map((w) => `'${w}'`).join(', ');
/** `s` trimmed of boolin's white space and lower-cased (ASCII letters only, as boolin compares). */
const BOOL_WORD = `lower(trim(s, ${BOOL_TEXT_SPACE.map((c) => (c === ' ' ? "' '" : `chr(${c.charCodeAt(0)})`)).join(' || ')}))`;

/**
 * DuckDB 1.5.x pushes runtime join filters below LIMIT / TOP_N, which changes which rows the
 * limit keeps: `SELECT * FROM (SELECT … ORDER BY … LIMIT 3) t JOIN u ON t.f = u.f WHERE t.f = 0.5`
 * returns a row the limit had discarded (duckdb/duckdb#22924, fixed by duckdb/duckdb#22963 after
 * 1.5.5). Found by test/lower-differential.test.ts; until the fix ships the optimizer is off.
 */
export const DUCKDB_SETTINGS: readonly string[] = ["SET disabled_optimizers = 'join_filter_pushdown'"];

export const DUCKDB_MACROS: readonly string[] = [
  // PostgreSQL's string_to_array: '' is the empty array, a NULL delimiter splits into characters,
  // an empty one leaves the string whole; fields equal to the null text are NULL.
  `CREATE OR REPLACE MACRO relc_string_to_array(s, d) AS CASE
    WHEN s IS NULL THEN NULL
    WHEN s = '' THEN CAST([] AS VARCHAR[])
    WHEN d IS NULL THEN string_split(s, '')
    WHEN d = '' THEN [s]
    ELSE string_split(s, d)
  END,
  (s, d, n) AS list_transform(CASE
    WHEN s IS NULL THEN NULL
    WHEN s = '' THEN CAST([] AS VARCHAR[])
    WHEN d IS NULL THEN string_split(s, '')
    WHEN d = '' THEN [s]
    ELSE string_split(s, d)
  END, relc_e -> CASE WHEN relc_e = n THEN NULL ELSE relc_e END)`,
  // PostgreSQL's array_to_string: NULL elements skipped (or the null text), NULL for a NULL
  // separator; DuckDB's gives NULL for a list of NULLs only and ignores a NULL separator.
  `CREATE OR REPLACE MACRO relc_array_to_string(a, sep) AS CASE
    WHEN sep IS NULL THEN NULL
    ELSE array_to_string(list_filter(a, relc_e -> relc_e IS NOT NULL), sep)
  END,
  (a, sep, n) AS CASE
    WHEN sep IS NULL THEN NULL
    ELSE array_to_string(list_filter(list_transform(a, relc_e -> coalesce(CAST(relc_e AS VARCHAR), n)), relc_e -> relc_e IS NOT NULL), sep)
  END`,
  // PostgreSQL's array_cat: a NULL array is the empty one, NULL only when both are (DuckDB: []).
  `CREATE OR REPLACE MACRO relc_array_cat(a, b) AS CASE WHEN a IS NULL AND b IS NULL THEN NULL ELSE list_concat(a, b) END`,
  // text::json keeps the text, checked to be JSON (relc's JSON values are text, src/ir/json.ts).
  // DuckDB's json_valid also takes trailing commas, NaN and Infinity, which PostgreSQL rejects:
  // with strings, numbers' exponents and true/false/null blanked out, no letter may remain and
  // no comma may close a container.
  String.raw`CREATE OR REPLACE MACRO relc_json_in(s) AS CASE
    WHEN s IS NULL THEN NULL
    WHEN json_valid(s) AND NOT regexp_matches(regexp_replace(regexp_replace(s, '"(\\.|[^"\\])*"', '0', 'g'), '\b(true|false|null)\b|[0-9][eE][+-]?[0-9]', '0', 'g'), '[A-Za-z]|,\s*[\]}]') THEN s
    ELSE error('invalid input syntax for type json')
  END`,
  // PostgreSQL's json_typeof names: object, array, string, number, boolean, null.
  `CREATE OR REPLACE MACRO relc_json_typeof(j) AS CASE json_type(CAST(j AS JSON))
    WHEN 'OBJECT' THEN 'object'
    WHEN 'ARRAY' THEN 'array'
    WHEN 'VARCHAR' THEN 'string'
    WHEN 'BOOLEAN' THEN 'boolean'
    WHEN 'NULL' THEN 'null'
    WHEN 'BIGINT' THEN 'number'
    WHEN 'UBIGINT' THEN 'number'
    WHEN 'HUGEINT' THEN 'number'
    WHEN 'DOUBLE' THEN 'number'
  END`,
  // PostgreSQL's json_array_length: an error for an object or a scalar (DuckDB's gives 0).
  `CREATE OR REPLACE MACRO relc_json_array_length(j) AS CASE
    WHEN j IS NULL THEN NULL
    WHEN json_type(CAST(j AS JSON)) = 'ARRAY' THEN CAST(json_array_length(CAST(j AS JSON)) AS INTEGER)
    WHEN json_type(CAST(j AS JSON)) = 'OBJECT' THEN error('cannot get array length of a non-array')
    ELSE error('cannot get array length of a scalar')
  END`,
  // A string as PostgreSQL's escape_json quotes it: \" \\ \b \f \n \r \t, other control characters as \u00XX.
  String.raw`CREATE OR REPLACE MACRO relc_json_quote(s) AS '"' || array_to_string(list_transform(string_split(s, ''), relc_c -> CASE relc_c
    WHEN '' THEN ''
    WHEN '"' THEN '\"'
    WHEN '\' THEN '\\'
    WHEN chr(8) THEN '\b'
    WHEN chr(12) THEN '\f'
    WHEN chr(10) THEN '\n'
    WHEN chr(13) THEN '\r'
    WHEN chr(9) THEN '\t'
    ELSE CASE WHEN unicode(relc_c) < 32 THEN printf('\u%04x', unicode(relc_c)) ELSE relc_c END
  END), '') || '"'`,
  // PostgreSQL's a @> b: a NULL element of b is in nothing (DuckDB's list_has_all finds NULL in NULL).
  `CREATE OR REPLACE MACRO relc_array_contains(a, b) AS CASE
    WHEN a IS NULL OR b IS NULL THEN NULL
    WHEN list_position(b, NULL) IS NOT NULL THEN false
    ELSE list_has_all(a, b)
  END`,
  // PostgreSQL's array_remove / array_replace: NULL compared as a value.
  `CREATE OR REPLACE MACRO relc_array_remove(a, x) AS list_filter(a, relc_e -> relc_e IS DISTINCT FROM x)`,
  `CREATE OR REPLACE MACRO relc_array_replace(a, x, y) AS list_transform(a, relc_e -> CASE WHEN relc_e IS NOT DISTINCT FROM x THEN y ELSE relc_e END)`,
  // PostgreSQL's x = ANY(a): true on a match, else NULL when x or an element is NULL, false for an
  // empty array, NULL for a NULL one (DuckDB's list_contains never answers NULL).
  `CREATE OR REPLACE MACRO relc_any_equal(x, l) AS CASE
    WHEN l IS NULL THEN NULL
    WHEN len(l) = 0 THEN false
    WHEN x IS NULL THEN NULL
    WHEN list_contains(l, x) THEN true
    WHEN list_position(l, NULL) IS NOT NULL THEN NULL
    ELSE false
  END`,
  // PostgreSQL's substring: a start below 1 counts positions before the string (DuckDB counts from
  // the end); a negative length is an error.
  `CREATE OR REPLACE MACRO relc_substring(s, f) AS CASE WHEN s IS NULL OR f IS NULL THEN NULL ELSE substring(s, greatest(f, 1)) END,
  (s, f, n) AS CASE
    WHEN s IS NULL OR f IS NULL OR n IS NULL THEN NULL
    WHEN n < 0 THEN error('negative substring length not allowed')
    ELSE substring(s, greatest(f, 1), greatest(f + n - greatest(f, 1), 0))
  END`,
  // PostgreSQL's split_part: field 0 is an error, an empty delimiter leaves one field, past the end ''.
  `CREATE OR REPLACE MACRO relc_split_part(s, d, n) AS CASE
    WHEN s IS NULL OR d IS NULL OR n IS NULL THEN NULL
    WHEN n = 0 THEN error('field position must not be zero')
    WHEN d = '' THEN CASE WHEN n = 1 OR n = -1 THEN s ELSE '' END
    ELSE coalesce(string_split(s, d)[n], '')
  END`,
  // PostgreSQL pads with spaces by default and, with an empty fill, only truncates; DuckDB raises.
  // The length is PostgreSQL's int4 (DuckDB's lpad binds INTEGER only, so a bigint is cast).
  `CREATE OR REPLACE MACRO relc_lpad(s, n) AS lpad(s, CAST(n AS INTEGER), ' '),
  (s, n, f) AS CASE WHEN n IS NULL THEN NULL WHEN f = '' THEN left(s, greatest(n, 0)) ELSE lpad(s, CAST(n AS INTEGER), f) END`,
  `CREATE OR REPLACE MACRO relc_rpad(s, n) AS rpad(s, CAST(n AS INTEGER), ' '),
  (s, n, f) AS CASE WHEN n IS NULL THEN NULL WHEN f = '' THEN left(s, greatest(n, 0)) ELSE rpad(s, CAST(n AS INTEGER), f) END`,
  // PostgreSQL's upper maps one code point at a time (towupper) and keeps 'ß', which has no
  // one-character capital; DuckDB's upper turns it into 'ẞ' (U+1E9E). Every other code point agrees.
  `CREATE OR REPLACE MACRO relc_upper(s) AS CASE
    WHEN contains(s, 'ß') THEN array_to_string(list_transform(string_split(s, 'ß'), x -> upper(x)), 'ß')
    ELSE upper(s)
  END`,
  // initcap: each character after a letter or digit in lower case, any other in upper case.
  `CREATE OR REPLACE MACRO relc_initcap(s) AS CASE WHEN s IS NULL THEN NULL ELSE array_to_string(list_transform(range(1, length(s) + 1), lambda i:
    CASE WHEN i > 1 AND regexp_matches(substring(s, i - 1, 1), '[\\pL\\pN]') THEN lower(substring(s, i, 1)) ELSE relc_upper(substring(s, i, 1)) END), '') END`,
  // PostgreSQL's centuries and millennia start at years ending in 1 (2001-01-01 is in the 21st
  // century); DuckDB truncates to years ending in 00/000. Other fields agree (as timestamps).
  `CREATE OR REPLACE MACRO relc_date_trunc(f, x) AS CASE lower(f)
    WHEN 'century' THEN make_timestamp(((year(x) - 1) // 100) * 100 + 1, 1, 1, 0, 0, 0)
    WHEN 'millennium' THEN make_timestamp(((year(x) - 1) // 1000) * 1000 + 1, 1, 1, 0, 0, 0)
    ELSE CAST(date_trunc(f, x) AS TIMESTAMP)
  END`,
  // Text → integer accepts what PostgreSQL's int4in/int8in accept; DuckDB would also round '12.5' and read '1e3'.
  `CREATE OR REPLACE MACRO relc_int_text(s) AS CASE
    WHEN s IS NULL THEN NULL
    WHEN regexp_full_match(s, '[ \\t\\n\\r\\f\\v]*[+-]?[0-9]+[ \\t\\n\\r\\f\\v]*') THEN trim(s, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13))
    ELSE error('invalid input syntax for type integer: "' || s || '"')
  END`,
  // Text → boolean accepts PostgreSQL's boolin words (DuckDB rejects 'on', 'off', 'ye', …).
  // Generated from src/ir/boolean-text.ts, the one definition of these words.
  `CREATE OR REPLACE MACRO relc_bool_text(s) AS CASE
    WHEN s IS NULL THEN NULL
    WHEN ${BOOL_WORD} IN (${sqlList(BOOL_TRUE_WORDS)}) THEN TRUE
    WHEN ${BOOL_WORD} IN (${sqlList(BOOL_FALSE_WORDS)}) THEN FALSE
    ELSE error('invalid input syntax for type boolean: "' || s || '"')
  END`,
  // Text → date/timestamp reads src/ir/temporal.ts's input grammar, as SQLite and the front end do
  // (DuckDB's own cast rejects surrounding white space and reads time zones).
  `CREATE OR REPLACE MACRO relc_text_to_timestamp(s) AS CASE
    WHEN s IS NULL THEN NULL
    WHEN regexp_full_match(s, '${TIMESTAMP_INPUT_PATTERN}') THEN CAST(regexp_replace(s, '^${INPUT_SPACE_CLASS}+|${INPUT_SPACE_CLASS}+$', '', 'g') AS TIMESTAMP)
    ELSE error('invalid input syntax for type timestamp: "' || s || '"')
  END`,
  `CREATE OR REPLACE MACRO relc_text_to_date(s) AS CASE
    WHEN s IS NULL THEN NULL
    WHEN regexp_full_match(s, '${TIMESTAMP_INPUT_PATTERN}') THEN CAST(CAST(regexp_replace(s, '^${INPUT_SPACE_CLASS}+|${INPUT_SPACE_CLASS}+$', '', 'g') AS TIMESTAMP) AS DATE)
    ELSE error('invalid input syntax for type date: "' || s || '"')
  END`,
  // make_timestamp as PostgreSQL checks its fields (DuckDB reads 60.5 seconds and rounds
  // microseconds half away from zero; PostgreSQL refuses the one and rounds half to even).
  `CREATE OR REPLACE MACRO relc_make_timestamp(y, mo, d, h, mi, s) AS CASE
    WHEN y < 1 THEN error('date field value out of range')
    WHEN NOT (h BETWEEN 0 AND 24 AND mi BETWEEN 0 AND 59 AND s >= 0 AND s <= 60 AND NOT isnan(s) AND (h < 24 OR (mi = 0 AND s = 0))) THEN error('time field value out of range')
    ELSE make_timestamp(y, mo, d, h, mi, 0) + to_microseconds(CAST(round_even(s * 1000000.0, 0) AS BIGINT))
  END`,
  // Degree trigonometry as PostgreSQL computes it: the argument reduced to the first quadrant, then
  // sin/cos scaled so that 30, 45, 60 and 90 degrees give exact results.
  `CREATE OR REPLACE MACRO relc_sind_0_30(x) AS (sin(radians(x)) / sin(radians(30.0))) / 2.0`,
  `CREATE OR REPLACE MACRO relc_cosd_0_60(x) AS 1.0 - ((1.0 - cos(radians(x))) / (1.0 - cos(radians(60.0)))) / 2.0`,
  `CREATE OR REPLACE MACRO relc_sind_q1(x) AS CASE WHEN x <= 30 THEN relc_sind_0_30(x) ELSE relc_cosd_0_60(90 - x) END`,
  `CREATE OR REPLACE MACRO relc_cosd_q1(x) AS CASE WHEN x <= 60 THEN relc_cosd_0_60(x) ELSE relc_sind_0_30(90 - x) END`,
  // The argument as [sign, angle in [0, 90]] for sin-like (odd, sign flips past 180) functions.
  `CREATE OR REPLACE MACRO relc_deg_finite(x) AS CASE WHEN isinf(x) THEN error('input is out of range') ELSE x END`,
  `CREATE OR REPLACE MACRO relc_sind_h(a) AS CASE WHEN a > 90 THEN relc_sind_q1(180 - a) ELSE relc_sind_q1(a) END`,
  `CREATE OR REPLACE MACRO relc_sind_p(a) AS CASE WHEN a > 180 THEN -relc_sind_h(360 - a) ELSE relc_sind_h(a) END`,
  `CREATE OR REPLACE MACRO relc_sind(x) AS CASE WHEN isnan(x) THEN x WHEN fmod(relc_deg_finite(x), 360.0) < 0 THEN -relc_sind_p(-fmod(x, 360.0)) ELSE relc_sind_p(fmod(x, 360.0)) END`,
  `CREATE OR REPLACE MACRO relc_cosd_h(a) AS CASE WHEN a > 90 THEN -relc_cosd_q1(180 - a) ELSE relc_cosd_q1(a) END`,
  `CREATE OR REPLACE MACRO relc_cosd(x) AS CASE WHEN isnan(x) THEN x ELSE relc_cosd_h(CASE WHEN abs(fmod(relc_deg_finite(x), 360.0)) > 180 THEN 360 - abs(fmod(x, 360.0)) ELSE abs(fmod(x, 360.0)) END) END`,
  // tand/cotd: the quotient of the first-quadrant sine and cosine, scaled by its value at 45.
  `CREATE OR REPLACE MACRO relc_tan_q1(a) AS CASE WHEN relc_cosd_q1(a) = 0 THEN CAST('Infinity' AS DOUBLE) ELSE (relc_sind_q1(a) / relc_cosd_q1(a)) / (relc_sind_q1(45.0) / relc_cosd_q1(45.0)) END`,
  `CREATE OR REPLACE MACRO relc_cot_q1(a) AS CASE WHEN relc_sind_q1(a) = 0 THEN CAST('Infinity' AS DOUBLE) ELSE (relc_cosd_q1(a) / relc_sind_q1(a)) / (relc_cosd_q1(45.0) / relc_sind_q1(45.0)) END`,
  `CREATE OR REPLACE MACRO relc_tand_h(a) AS CASE WHEN a > 90 THEN -relc_tan_q1(180 - a) ELSE relc_tan_q1(a) END`,
  `CREATE OR REPLACE MACRO relc_cotd_h(a) AS CASE WHEN a > 90 THEN -relc_cot_q1(180 - a) ELSE relc_cot_q1(a) END`,
  `CREATE OR REPLACE MACRO relc_tand_p(a) AS CASE WHEN a > 180 THEN -relc_tand_h(360 - a) ELSE relc_tand_h(a) END`,
  `CREATE OR REPLACE MACRO relc_cotd_p(a) AS CASE WHEN a > 180 THEN -relc_cotd_h(360 - a) ELSE relc_cotd_h(a) END`,
  `CREATE OR REPLACE MACRO relc_tand(x) AS CASE WHEN isnan(x) THEN x WHEN fmod(relc_deg_finite(x), 360.0) < 0 THEN -relc_tand_p(-fmod(x, 360.0)) ELSE relc_tand_p(fmod(x, 360.0)) END + 0.0`,
  `CREATE OR REPLACE MACRO relc_cotd(x) AS CASE WHEN isnan(x) THEN x WHEN fmod(relc_deg_finite(x), 360.0) < 0 THEN -relc_cotd_p(-fmod(x, 360.0)) ELSE relc_cotd_p(fmod(x, 360.0)) END + 0.0`,
  // Inverse functions: asin/acos scaled by their values at 0.5, atan by its value at 1.
  `CREATE OR REPLACE MACRO relc_deg_unit(x) AS CASE WHEN x < -1 OR x > 1 THEN error('input is out of range') ELSE x END`,
  `CREATE OR REPLACE MACRO relc_asind_q1(x) AS CASE WHEN x <= 0.5 THEN (asin(x) / asin(0.5)) * 30.0 ELSE 90.0 - (acos(x) / acos(0.5)) * 60.0 END`,
  `CREATE OR REPLACE MACRO relc_acosd_q1(x) AS CASE WHEN x <= 0.5 THEN 90.0 - (asin(x) / asin(0.5)) * 30.0 ELSE (acos(x) / acos(0.5)) * 60.0 END`,
  `CREATE OR REPLACE MACRO relc_asind(x) AS CASE WHEN isnan(x) THEN x WHEN relc_deg_unit(x) >= 0 THEN relc_asind_q1(x) ELSE -relc_asind_q1(-x) END`,
  `CREATE OR REPLACE MACRO relc_acosd(x) AS CASE WHEN isnan(x) THEN x WHEN relc_deg_unit(x) >= 0 THEN relc_acosd_q1(x) ELSE 90.0 + relc_asind_q1(-x) END`,
  `CREATE OR REPLACE MACRO relc_atand(x) AS (atan(x) / atan(1.0)) * 45.0`,
  `CREATE OR REPLACE MACRO relc_atan2d(y, x) AS (atan2(y, x) / atan(1.0)) * 45.0`,
  // PostgreSQL's float8out: 'NaN', 'Infinity', integral values without '.0', exponent form from
  // 1e15 (DuckDB switches at 1e16). In between, DuckDB's shortest digits are PostgreSQL's.
  `CREATE OR REPLACE MACRO relc_float_e15(a) AS
    left(rtrim(replace(CAST(a AS VARCHAR), '.', ''), '0'), 1)
    || CASE WHEN length(rtrim(replace(CAST(a AS VARCHAR), '.', ''), '0')) > 1 THEN '.' || substr(rtrim(replace(CAST(a AS VARCHAR), '.', ''), '0'), 2) ELSE '' END
    || 'e+15'`,
  `CREATE OR REPLACE MACRO relc_float_text(x) AS CASE
    WHEN x IS NULL THEN NULL
    WHEN isnan(x) THEN 'NaN'
    WHEN isinf(x) THEN CASE WHEN x > 0 THEN 'Infinity' ELSE '-Infinity' END
    WHEN abs(x) >= 1e15 AND abs(x) < 1e16 THEN CASE WHEN x < 0 THEN '-' ELSE '' END || relc_float_e15(abs(x))
    WHEN abs(x) < 1e15 AND x = trunc(x) THEN CASE WHEN x = 0 AND signbit(x) THEN '-0' ELSE CAST(CAST(x AS BIGINT) AS VARCHAR) END
    ELSE CAST(x AS VARCHAR)
  END`,
  // PostgreSQL's width_bucket over doubles (relc_width_bucket in src/backends/sqlite/functions.ts).
  `CREATE OR REPLACE MACRO relc_width_bucket(x, lo, hi, n) AS CASE
    WHEN x IS NULL OR lo IS NULL OR hi IS NULL OR n IS NULL THEN NULL
    WHEN n <= 0 THEN error('count must be greater than zero')
    WHEN isnan(x) OR isnan(lo) OR isnan(hi) THEN error('operand, lower bound, and upper bound cannot be NaN')
    WHEN isinf(lo) OR isinf(hi) THEN error('lower and upper bounds must be finite')
    WHEN lo = hi THEN error('lower bound cannot equal upper bound')
    WHEN CASE WHEN lo < hi THEN x < lo ELSE x > lo END THEN 0
    WHEN CASE WHEN lo < hi THEN x >= hi ELSE x <= hi END THEN n + 1
    ELSE least(CAST(trunc(n * CASE WHEN isinf(hi - lo) THEN (x / 2 - lo / 2) / (hi / 2 - lo / 2) ELSE (x - lo) / (hi - lo) END) AS INTEGER), n - 1) + 1
  END`,
  // Math functions with PostgreSQL's domain errors where DuckDB returns NaN / ±Infinity or words
  // the error otherwise (sqrt, ln and log10 raise PostgreSQL's own messages natively).
  `CREATE OR REPLACE MACRO relc_power(x, y) AS CASE
    WHEN x = 0 AND y < 0 THEN error('zero raised to a negative power is undefined')
    WHEN x < 0 AND y <> floor(y) THEN error('a negative number raised to a non-integer power yields a complex result')
    ELSE power(x, y)
  END`,
  `CREATE OR REPLACE MACRO relc_asin(x) AS CASE WHEN x < -1 OR x > 1 THEN error('input is out of range') ELSE asin(x) END`,
  `CREATE OR REPLACE MACRO relc_acos(x) AS CASE WHEN x < -1 OR x > 1 THEN error('input is out of range') ELSE acos(x) END`,
  `CREATE OR REPLACE MACRO relc_acosh(x) AS CASE WHEN x < 1 THEN error('input is out of range') ELSE acosh(x) END`,
  `CREATE OR REPLACE MACRO relc_atanh(x) AS CASE WHEN x < -1 OR x > 1 THEN error('input is out of range') ELSE atanh(x) END`,
  `CREATE OR REPLACE MACRO relc_cot(x) AS CAST(1 AS DOUBLE) / tan(x)`,
  // Intervals as PostgreSQL's three fields (src/ir/interval.ts): DuckDB's EXTRACT of an interval
  // reads them as PostgreSQL does (years = months / 12, hours = micros / 3600 s, toward zero).
  `CREATE OR REPLACE MACRO relc_iv_months(iv) AS EXTRACT(YEAR FROM iv) * 12 + EXTRACT(MONTH FROM iv)`,
  `CREATE OR REPLACE MACRO relc_iv_micros(iv) AS EXTRACT(HOUR FROM iv) * 3600000000 + EXTRACT(MINUTE FROM iv) * 60000000 + EXTRACT(MICROSECONDS FROM iv)`,
  // PostgreSQL's order of intervals: the span in microseconds, a month 30 days, a day 24 hours.
  `CREATE OR REPLACE MACRO relc_iv_span(iv) AS (CAST(relc_iv_months(iv) AS HUGEINT) * 30 + EXTRACT(DAY FROM iv)) * 86400000000 + relc_iv_micros(iv)`,
  `CREATE OR REPLACE MACRO relc_interval(m, d, us) AS to_months(CAST(m AS INTEGER)) + to_days(CAST(d AS INTEGER)) + to_microseconds(CAST(us AS BIGINT))`,
  // justify_days / justify_hours / justify_interval: whole 30-day months and 24-hour days moved
  // up, toward zero, then the lower field given the sign of the higher (PostgreSQL's order).
  `CREATE OR REPLACE MACRO relc_justify_sign(hi, lo) AS CASE WHEN hi > 0 AND lo < 0 THEN 1 WHEN hi < 0 AND lo > 0 THEN -1 ELSE 0 END`,
  `CREATE OR REPLACE MACRO relc_justify_days_f(m, d, us) AS relc_interval(m + d // 30 - relc_justify_sign(m + d // 30, d % 30), d % 30 + 30 * relc_justify_sign(m + d // 30, d % 30), us)`,
  `CREATE OR REPLACE MACRO relc_justify_days(iv) AS relc_justify_days_f(relc_iv_months(iv), EXTRACT(DAY FROM iv), relc_iv_micros(iv))`,
  `CREATE OR REPLACE MACRO relc_justify_hours_f(m, d, us) AS relc_interval(m, d + us // 86400000000 - relc_justify_sign(d + us // 86400000000, us % 86400000000), us % 86400000000 + 86400000000 * relc_justify_sign(d + us // 86400000000, us % 86400000000))`,
  `CREATE OR REPLACE MACRO relc_justify_hours(iv) AS relc_justify_hours_f(relc_iv_months(iv), EXTRACT(DAY FROM iv), relc_iv_micros(iv))`,
  // justify_interval, step by step: (1) days into months when days and time share a sign,
  // (2) time into days, (3) days into months, (4) months' sign onto days (a zero day count: onto
  // the time), (5) days' sign onto the time.
  `CREATE OR REPLACE MACRO relc_ji_5(m, d, us) AS relc_interval(m, d - relc_justify_sign(d, us), us + 86400000000 * relc_justify_sign(d, us))`,
  `CREATE OR REPLACE MACRO relc_ji_4(m, d, us, s) AS relc_ji_5(m - s, d + 30 * s, us)`,
  `CREATE OR REPLACE MACRO relc_ji_3(m, d, us) AS relc_ji_4(m + d // 30, d % 30, us, CASE WHEN m + d // 30 > 0 AND (d % 30 < 0 OR (d % 30 = 0 AND us < 0)) THEN 1 WHEN m + d // 30 < 0 AND (d % 30 > 0 OR (d % 30 = 0 AND us > 0)) THEN -1 ELSE 0 END)`,
  `CREATE OR REPLACE MACRO relc_ji_2(m, d, us) AS relc_ji_3(m, d + us // 86400000000, us % 86400000000)`,
  `CREATE OR REPLACE MACRO relc_ji_1(m, d, us) AS CASE WHEN (d > 0 AND us > 0) OR (d < 0 AND us < 0) THEN relc_ji_2(m + d // 30, d % 30, us) ELSE relc_ji_2(m, d, us) END`,
  `CREATE OR REPLACE MACRO relc_justify_interval(iv) AS relc_ji_1(relc_iv_months(iv), EXTRACT(DAY FROM iv), relc_iv_micros(iv))`,
  // C's rint (to the nearest integer, ties to even) of a double. DuckDB's round_even(x, 0) sends a
  // tie of large magnitude the wrong way (round_even(-946684800000000.5, 0) is …001); x - floor(x)
  // and x / 2 are exact, so the tie is decided exactly.
  `CREATE OR REPLACE MACRO relc_rint(x) AS CASE WHEN x - floor(x) = 0.5 THEN 2 * round(x / 2) ELSE round(x) END`,
  // make_interval(years, months, weeks, days, hours, mins, secs): seconds rounded half-even to microseconds.
  `CREATE OR REPLACE MACRO relc_make_interval(y, mo, w, d, h, mi, s) AS CASE
    WHEN isinf(s) OR isnan(s) THEN error('interval out of range')
    ELSE relc_interval(y * 12 + mo, w * 7 + d, h * 3600000000 + mi * 60000000 + CAST(relc_rint(s * CAST(1000000 AS DOUBLE)) AS BIGINT))
  END`,
  // The epoch of an interval as PostgreSQL counts it: a year is 365.25 days, a month 30, exactly.
  `CREATE OR REPLACE MACRO relc_interval_epoch(iv) AS CAST(EXTRACT(YEAR FROM iv) * 31557600 + EXTRACT(MONTH FROM iv) * 2592000 + EXTRACT(DAY FROM iv) * 86400 + EXTRACT(HOUR FROM iv) * 3600 + EXTRACT(MINUTE FROM iv) * 60 AS DECIMAL(38, 6))
    + CAST(EXTRACT(MICROSECONDS FROM iv) AS DECIMAL(38, 0)) * CAST(0.000001 AS DECIMAL(7, 6))`,
  // date_trunc of an interval: DuckDB's agrees with PostgreSQL's but for weeks, which PostgreSQL refuses.
  `CREATE OR REPLACE MACRO relc_interval_trunc(f, iv) AS CASE
    WHEN lower(f) IN ('week', 'weeks') THEN error('unit "' || f || '" not supported for type interval')
    ELSE date_trunc(f, iv)
  END`,
  // date_bin(stride, t, origin): the start of t's bin of width stride (no months; a day is 24 hours) aligned on origin.
  `CREATE OR REPLACE MACRO relc_date_bin_us(w, t, o) AS CASE
    WHEN w <= 0 THEN error('stride must be greater than zero')
    ELSE make_timestamp(o + (t - o) - (t - o) % w - CASE WHEN (t - o) % w < 0 THEN w ELSE 0 END)
  END`,
  `CREATE OR REPLACE MACRO relc_date_bin(s, t, o) AS CASE
    WHEN relc_iv_months(s) <> 0 THEN error('timestamps cannot be binned into intervals containing months or years')
    ELSE relc_date_bin_us(EXTRACT(DAY FROM s) * 86400000000 + relc_iv_micros(s), epoch_us(t), epoch_us(o))
  END`,
  // to_timestamp(epoch seconds): moved to PostgreSQL's epoch (2000-01-01) in double precision,
  // then rounded half-even to microseconds; NaN and values outside years 1–9999 are errors.
  `CREATE OR REPLACE MACRO relc_to_timestamp(x) AS CASE
    WHEN isnan(x) THEN error('timestamp cannot be NaN')
    WHEN NOT (x >= -62135596800 AND x < 253402300800) THEN error('timestamp out of range: "' || CAST(x AS VARCHAR) || '"')
    ELSE make_timestamp(CAST(relc_rint((x - 946684800) * CAST(1000000 AS DOUBLE)) AS BIGINT) + 946684800000000)
  END`,
  // Integer modulus with PostgreSQL's edges: x % 0 is NULL (relc's rule) and INT_MIN % -1 is 0
  // (DuckDB raises "Overflow in division"). x % -1 is 0 for every x, so -1 is replaced by 1.
  `CREATE OR REPLACE MACRO relc_int_mod(a, b) AS a % CASE WHEN b = -1 THEN 1 ELSE NULLIF(b, 0) END`,
  // bytea (src/ir/functions/bytea.ts): DuckDB has no byte access on BLOBs, so these cut and
  // read their hex text (two digits a byte, uppercase), with PostgreSQL's index errors.
  `CREATE OR REPLACE MACRO relc_bytea_substr(b, f) AS unhex(relc_substring(hex(b), 2 * f - 1)),
  (b, f, n) AS unhex(relc_substring(hex(b), 2 * f - 1, 2 * n))`,
  `CREATE OR REPLACE MACRO relc_byte_at(b, i) AS CAST(('0x' || substr(hex(b), 2 * i + 1, 2)) AS INTEGER)`,
  `CREATE OR REPLACE MACRO relc_byte_index(b, n, size) AS CASE WHEN n < 0 OR n >= size THEN error('index ' || n || ' out of valid range, 0..' || (size - 1)) ELSE n END`,
  `CREATE OR REPLACE MACRO relc_get_byte(b, n) AS relc_byte_at(b, relc_byte_index(b, n, octet_length(b)))`,
  `CREATE OR REPLACE MACRO relc_set_byte(b, n, v) AS
    unhex(substr(hex(b), 1, 2 * relc_byte_index(b, n, octet_length(b))) || printf('%02X', v & 255) || substr(hex(b), 2 * n + 3))`,
  `CREATE OR REPLACE MACRO relc_get_bit(b, n) AS (relc_byte_at(b, relc_byte_index(b, n, 8 * octet_length(b)) // 8) >> CAST(n % 8 AS INTEGER)) & 1`,
  // PostgreSQL checks the index before the bit.
  `CREATE OR REPLACE MACRO relc_set_bit(b, n, v) AS CASE
    WHEN b IS NULL OR n IS NULL OR v IS NULL THEN NULL
    WHEN v NOT IN (0, 1) THEN CASE WHEN relc_byte_index(b, n, 8 * octet_length(b)) IS NOT NULL THEN error('new bit must be 0 or 1') END
    ELSE relc_set_byte(b, relc_byte_index(b, n, 8 * octet_length(b)) // 8, CASE WHEN v = 1 THEN relc_byte_at(b, n // 8) | (1 << CAST(n % 8 AS INTEGER)) ELSE relc_byte_at(b, n // 8) & ~(1 << CAST(n % 8 AS INTEGER)) END)
  END`,
  // encode(b, 'base64'): a newline after the 76 characters of each whole 57 bytes (after the last too).
  `CREATE OR REPLACE MACRO relc_encode_base64(b) AS CASE WHEN b IS NULL THEN NULL
    ELSE array_to_string(list_transform(range(0, length(to_base64(b)), 76), lambda i: substr(to_base64(b), i + 1, 76)), chr(10))
      || CASE WHEN octet_length(b) > 0 AND octet_length(b) % 57 = 0 THEN chr(10) ELSE '' END END`,
  // decode(s, 'hex'): white space skipped, an odd number of digits an error (unhex would pad).
  `CREATE OR REPLACE MACRO relc_decode_hex(s) AS CASE
    WHEN length(regexp_replace(s, '[ \\t\\r\\n]', '', 'g')) % 2 = 1 THEN error('invalid hexadecimal data: odd number of digits')
    ELSE unhex(regexp_replace(s, '[ \\t\\r\\n]', '', 'g'))
  END`,
  // encode(b, 'escape'): NUL and bytes from 0x80 as \ooo, a backslash doubled, other bytes as they are.
  `CREATE OR REPLACE MACRO relc_escape_byte(x) AS CASE WHEN x = 0 OR x >= 128 THEN '\\' || printf('%03o', x) WHEN x = 92 THEN '\\\\' ELSE chr(x) END`,
  `CREATE OR REPLACE MACRO relc_encode_escape(b) AS CASE WHEN b IS NULL THEN NULL
    ELSE array_to_string(list_transform(range(0, octet_length(b)), lambda i: relc_escape_byte(relc_byte_at(b, i))), '') END`,
  // position(n IN h) of bytea: the hex text of n at an even offset of h's (a lazy run of whole bytes before it).
  `CREATE OR REPLACE MACRO relc_bytea_pos(h, n) AS CASE
    WHEN NOT regexp_matches(hex(h), '^(?:..)*?' || hex(n)) THEN 0
    ELSE CAST(length(regexp_extract(hex(h), '^((?:..)*?)' || hex(n), 1)) // 2 + 1 AS INTEGER)
  END`,
  // ltrim / rtrim / btrim(b, set) of bytea: whole bytes of set (an alternation of its hex pairs)
  // removed from the hex text; a run anchored at either end stays on byte boundaries.
  `CREATE OR REPLACE MACRO relc_bytea_trim_set(set) AS rtrim(regexp_replace(hex(set), '(..)', '\\1|', 'g'), '|')`,
  `CREATE OR REPLACE MACRO relc_bytea_ltrim(b, set) AS CASE WHEN octet_length(set) = 0 THEN b
    ELSE unhex(regexp_replace(hex(b), '^(?:' || relc_bytea_trim_set(set) || ')*', '')) END`,
  `CREATE OR REPLACE MACRO relc_bytea_rtrim(b, set) AS CASE WHEN octet_length(set) = 0 THEN b
    ELSE unhex(regexp_replace(hex(b), '(?:' || relc_bytea_trim_set(set) || ')*$', '')) END`,
  `CREATE OR REPLACE MACRO relc_bytea_btrim(b, set) AS relc_bytea_rtrim(relc_bytea_ltrim(b, set), set)`,
  // decode(s, 'escape'): the text cut into `\ooo`, `\\`, runs without a backslash and lone
  // backslashes (PostgreSQL's error), each made bytes, concatenated.
  `CREATE OR REPLACE MACRO relc_escape_token(t) AS CASE
    WHEN t = '\\\\' THEN unhex('5C')
    WHEN t = '\\' THEN error('invalid input syntax for type bytea')
    WHEN t[1] = '\\' THEN unhex(printf('%02X', (ascii(t[2]) - 48) * 64 + (ascii(t[3]) - 48) * 8 + ascii(t[4]) - 48))
    ELSE encode(t)
  END`,
  `CREATE OR REPLACE MACRO relc_decode_escape(s) AS CASE WHEN s IS NULL THEN NULL WHEN s = '' THEN unhex('')
    ELSE list_reduce(list_transform(regexp_extract_all(s, '\\\\[0-3][0-7]{2}|\\\\\\\\|[^\\\\]+|\\\\', 0), lambda t: relc_escape_token(t)), lambda a, b: a || b) END`,
  // unistr(s): the text cut into escapes (a surrogate pair as one), runs without a backslash and lone
  // backslashes (PostgreSQL's "invalid Unicode escape"), each made text, joined.
  `CREATE OR REPLACE MACRO relc_unistr_cp(cp) AS CASE WHEN cp = 0 OR cp > 1114111 OR cp BETWEEN 55296 AND 57343 THEN error('invalid Unicode escape') ELSE chr(CAST(cp AS INTEGER)) END`,
  `CREATE OR REPLACE MACRO relc_hex4(x) AS CAST(('0x' || right(x, 4)) AS INTEGER)`,
  `CREATE OR REPLACE MACRO relc_unistr_token(t) AS CASE
    WHEN t = '\\\\' THEN '\\'
    WHEN t = '\\' THEN error('invalid Unicode escape')
    WHEN left(t, 1) <> '\\' THEN t
    WHEN strpos(substr(t, 2), '\\') > 0 THEN chr(65536 + (relc_hex4(split_part(t, '\\', 2)) - 55296) * 1024 + relc_hex4(split_part(t, '\\', 3)) - 56320)
    ELSE relc_unistr_cp(CAST(('0x' || regexp_replace(t, '[^0-9a-fA-F]', '', 'g')) AS BIGINT))
  END`,
  `CREATE OR REPLACE MACRO relc_unistr(s) AS CASE WHEN s IS NULL THEN NULL
    ELSE array_to_string(list_transform(regexp_extract_all(s, '\\\\\\\\|\\\\(?:u|\\+00|U0000)?[dD][89abAB][0-9a-fA-F]{2}\\\\(?:u|\\+00|U0000)?[dD][c-fC-F][0-9a-fA-F]{2}|\\\\\\+[0-9a-fA-F]{6}|\\\\u[0-9a-fA-F]{4}|\\\\U[0-9a-fA-F]{8}|\\\\[0-9a-fA-F]{4}|[^\\\\]+|\\\\', 0), lambda t: relc_unistr_token(t)), '') END`,
];

/** The macro a `CREATE OR REPLACE MACRO name…` statement defines. */
function macroName(statement: string): string {
  return /MACRO\s+(?:"((?:[^"]|"")+)"|([\w$]+))/i.exec(statement)?.slice(1).find((x) => x !== undefined) ?? statement;
}

/** relc's macros by name, each with its definition (what the run envelope hashes). */
export function duckdbShimDefinitions(): Record<string, string> {
  return Object.fromEntries(DUCKDB_MACROS.map((m) => [macroName(m), m]));
}
