// String functions. PostgreSQL semantics on every dialect (src/ir/registry.ts).

import { T } from '../types.ts';
import type { FunctionDef, RenderCase } from './def.ts';
import { PRECEDENCE, infix, fn, tpl, byType, castResult, scalar, str, relc, no } from './build.ts';
import { PG_QUOTED_KEYWORDS } from './pg-keywords.ts';

// substring(s, from [, count]) with a literal from of at least 1 (and count of at least 0): the engine's own substr.
const PLAIN_SUBSTR: RenderCase[] = [
  { args: ['string', 'integer'], literals: [{ arg: 1, atLeast: 1 }], render: fn('substr') },
  { args: ['string', 'integer', 'integer'], literals: [{ arg: 1, atLeast: 1 }, { arg: 2, atLeast: 0 }], render: fn('substr') },
];

// Spark: PostgreSQL's substring start clamped to 1 and the length left of it, NULL kept.
const SPARK_START = 'if(CAST({1} AS INT) < 1, 1, CAST({1} AS INT))';
const SPARK_LENGTH = `if(CAST({1} AS INT) + CAST({2} AS INT) - ${SPARK_START} < 0, 0, CAST({1} AS INT) + CAST({2} AS INT) - ${SPARK_START})`;

// Spark: Java's regular expressions with PostgreSQL's POSIX bracket classes spelled as Java's.
const POSIX_CLASSES: readonly (readonly [string, string])[] = [
  ['alpha', 'Alpha'], ['digit', 'Digit'], ['alnum', 'Alnum'], ['upper', 'Upper'], ['lower', 'Lower'],
  ['space', 'Space'], ['punct', 'Punct'], ['xdigit', 'XDigit'], ['blank', 'Blank'], ['cntrl', 'Cntrl'], ['print', 'Print'], ['graph', 'Graph'],
];
const sparkPattern = (flags: string): string =>
  `concat('(?${flags})', ${POSIX_CLASSES.reduce((p, [posix, java]) => `replace(${p}, '[:${posix}:]', '\\\\p{${java}}')`, '{1}')})`;

const spacesOnly = (name: string) => byType([{ args: ['string'], render: tpl(`${name}({0}, ' ')`) }], fn(name));

const SPARK_NO_REGEX_ARGS = 'the start, N, flags and group arguments of the regexp functions are not expressed on Spark';
const NO_START = 'DuckDB cannot start a regular-expression search past the first character';
const NO_GROUP = 'DuckDB cannot tell a group that took no part in the match from an empty one';

const KEYWORD_LIST = PG_QUOTED_KEYWORDS.map((w) => `'${w}'`).join(', ');

export const STRING_FUNCTIONS: readonly FunctionDef[] = [
  // Strings. `||` with NULL is NULL on every backend.
  scalar('concat', [{ args: ['string', 'string'], variadic: 'string', returns: T.utf8 }], { default: infix('||', PRECEDENCE.concat) }, str('concat')),
  // SQLite's lower/upper fold ASCII only.
  scalar('lower', [{ args: ['string'], returns: T.utf8 }], { default: fn('lower'), sqlite: fn('relc_lower') }, str('lower')),
  scalar('upper', [{ args: ['string'], returns: T.utf8 }], { default: fn('upper'), duckdb: fn('relc_upper'), sqlite: fn('relc_upper') }, str('upper')), // DuckDB: 'ß' → 'ẞ'
  // initcap: the first letter or digit of each run of them in upper case, the rest in lower case.
  // (Spark's initcap starts words at white space only: "O'neil-smith".)
  scalar('initcap', [{ args: ['string'], returns: T.utf8 }], { default: fn('initcap'), duckdb: fn('relc_initcap'), sqlite: fn('relc_initcap'), spark: no('Spark\'s initcap starts words at white space only') }, relc('initcap')),
  // Bytes of the UTF-8 text (PostgreSQL: integer). DuckDB's strlen and SQLite's length of a BLOB count bytes.
  scalar('octet_length', [{ args: ['string'], returns: T.int64 }], { default: fn('octet_length'), duckdb: fn('strlen'), sqlite: tpl('length(CAST({0} AS BLOB))'), postgres: castResult(fn('octet_length')), spark: castResult(fn('octet_length')) }, str('octet_length')),
  scalar('bit_length', [{ args: ['string'], returns: T.int64 }], { default: fn('bit_length'), duckdb: tpl('(strlen({0}) * 8)'), sqlite: tpl('(length(CAST({0} AS BLOB)) * 8)'), postgres: castResult(fn('bit_length')), spark: castResult(fn('bit_length')) }, str('bit_length')),
  // repeat(s, n): an n below 1 gives ''.
  // SQLite: printf('%.*c', n, 'x') is n x's for an n of at least 1.
  scalar('repeat', [{ args: ['string', 'integer'], returns: T.utf8 }], {
    default: fn('repeat'),
    postgres: byType([{ args: ['string', 'int64'], render: tpl('repeat({0}, CAST({1} AS INTEGER))') }], fn('repeat')),
    sqlite: byType([{ literals: [{ arg: 1, atLeast: 1 }], render: tpl("replace(printf('%.*c', {1}, 'x'), 'x', {0})") }], fn('relc_repeat')),
    spark: tpl('repeat({0}, CAST({1} AS INT))'),
  }, str('repeat')),
  // The lowercase hex MD5 of the UTF-8 bytes.
  scalar('md5', [{ args: ['string'], returns: T.utf8 }, { args: ['binary'], returns: T.utf8 }], { default: fn('md5'), sqlite: fn('relc_md5') }, relc('md5')),
  scalar('char_length', [{ args: ['string'], returns: T.int64 }], { default: fn('length'), postgres: castResult(fn('length')), spark: castResult(fn('char_length')) }, str('char_length')), // PostgreSQL, Spark: integer
  // PostgreSQL counts a start below 1 as positions before the string; DuckDB and SQLite count it
  // from the end. Plain SQL where it needs no check the engine cannot raise (a negative length is
  // an error); a start of at least 1 and a length of at least 0 mean the same on every engine.
  scalar('substring', [{ args: ['string', 'integer'], returns: T.utf8 }, { args: ['string', 'integer', 'integer'], returns: T.utf8 }], {
    default: fn('substr'),
    // PostgreSQL's substr takes int4 positions and counts: a bigint one is cast (as for lpad).
    postgres: byType([
      { args: ['string', 'int64'], render: tpl('substr({0}, CAST({1} AS INTEGER))') },
      { args: ['string', 'int64', 'integer'], render: tpl('substr({0}, CAST({1} AS INTEGER), CAST({2} AS INTEGER))') },
      { args: ['string', 'integer', 'int64'], render: tpl('substr({0}, CAST({1} AS INTEGER), CAST({2} AS INTEGER))') },
    ], fn('substr')),
    duckdb: byType(PLAIN_SUBSTR, fn('relc_substring')),
    sqlite: byType([
      ...PLAIN_SUBSTR,
      { args: ['string', 'integer'], simpleArgs: true, render: tpl('substr({0}, max({1}, 1))') },
      { args: ['string', 'integer', 'integer'], simpleArgs: true, literals: [{ arg: 2, atLeast: 0 }], render: tpl('substr({0}, max({1}, 1), max({1} + {2} - max({1}, 1), 0))') },
    ], fn('relc_substring')),
    // Spark counts a start below 1 from the end and a negative length as 0: plain where the start is
    // a literal of at least 1 (and the length one of at least 0), else with the start clamped as
    // PostgreSQL's and a negative length raising as there. Positions are int. (Templates may repeat
    // an argument: Spark evaluates a repeated deterministic expression once; `if` keeps NULLs, greatest would not.)
    spark: byType([
      { args: ['string', 'integer'], literals: [{ arg: 1, atLeast: 1 }], render: tpl('substr({0}, CAST({1} AS INT))') },
      { args: ['string', 'integer', 'integer'], literals: [{ arg: 1, atLeast: 1 }, { arg: 2, atLeast: 0 }], render: tpl('substr({0}, CAST({1} AS INT), CAST({2} AS INT))') },
      { args: ['string', 'integer'], render: tpl(`substr({0}, ${SPARK_START})`) },
      { args: ['string', 'integer', 'integer'], literals: [{ arg: 2, atLeast: 0 }], render: tpl(`substr({0}, ${SPARK_START}, ${SPARK_LENGTH})`) },
    ], tpl(`CASE WHEN {2} < 0 THEN raise_error('negative substring length not allowed') ELSE substr({0}, ${SPARK_START}, ${SPARK_LENGTH}) END`)),
  }, str('substring')),
  // A negative n counts from the other end: left(s, -2) drops the last two characters.
  scalar('left', [{ args: ['string', 'integer'], returns: T.utf8 }], {
    default: fn('left'),
    postgres: byType([{ args: ['string', 'int64'], render: tpl('left({0}, CAST({1} AS INTEGER))') }], fn('left')),
    sqlite: byType([{ simpleArgs: true, render: tpl('substr({0}, 1, CASE WHEN {1} >= 0 THEN {1} ELSE max(length({0}) + {1}, 0) END)') }], fn('relc_left')),
    // Spark's left/right of a negative n are ''.
    spark: tpl('substr({0}, 1, CASE WHEN {1} >= 0 THEN CAST({1} AS INT) WHEN char_length({0}) + CAST({1} AS INT) > 0 THEN char_length({0}) + CAST({1} AS INT) WHEN {1} < 0 THEN 0 END)'),
  }, str('left')),
  scalar('right', [{ args: ['string', 'integer'], returns: T.utf8 }], {
    default: fn('right'),
    postgres: byType([{ args: ['string', 'int64'], render: tpl('right({0}, CAST({1} AS INTEGER))') }], fn('right')),
    sqlite: byType([{ simpleArgs: true, render: tpl('substr({0}, CASE WHEN {1} >= 0 THEN max(length({0}) - {1} + 1, 1) ELSE 1 - {1} END)') }], fn('relc_right')),
    spark: tpl('substr({0}, CASE WHEN {1} < 0 THEN 1 - CAST({1} AS INT) WHEN char_length({0}) - CAST({1} AS INT) + 1 > 1 THEN char_length({0}) - CAST({1} AS INT) + 1 WHEN {1} >= 0 THEN 1 END)'),
  }, str('right')),
  // PostgreSQL pads with spaces by default and returns the string unchanged for an empty fill.
  scalar('lpad', [{ args: ['string', 'integer'], returns: T.utf8 }, { args: ['string', 'integer', 'string'], returns: T.utf8 }], {
    default: fn('lpad'), duckdb: fn('relc_lpad'), sqlite: fn('relc_lpad'),
    // PostgreSQL's length is int4: a bigint one is cast (out of range is an error there too).
    postgres: byType([{ args: ['string', 'int64'], render: tpl('lpad({0}, CAST({1} AS INTEGER))') }, { args: ['string', 'int64', 'string'], render: tpl('lpad({0}, CAST({1} AS INTEGER), {2})') }], fn('lpad')),
    spark: byType([{ args: ['string', 'integer'], render: tpl('lpad({0}, CAST({1} AS INT))') }], tpl('lpad({0}, CAST({1} AS INT), {2})')),
  }, str('lpad')),
  scalar('rpad', [{ args: ['string', 'integer'], returns: T.utf8 }, { args: ['string', 'integer', 'string'], returns: T.utf8 }], {
    default: fn('rpad'), duckdb: fn('relc_rpad'), sqlite: fn('relc_rpad'),
    // PostgreSQL's length is int4: a bigint one is cast (out of range is an error there too).
    postgres: byType([{ args: ['string', 'int64'], render: tpl('rpad({0}, CAST({1} AS INTEGER))') }, { args: ['string', 'int64', 'string'], render: tpl('rpad({0}, CAST({1} AS INTEGER), {2})') }], fn('rpad')),
    spark: byType([{ args: ['string', 'integer'], render: tpl('rpad({0}, CAST({1} AS INT))') }], tpl('rpad({0}, CAST({1} AS INT), {2})')),
  }, str('rpad')),
  scalar('starts_with', [{ args: ['string', 'string'], returns: T.bool }], { default: fn('starts_with'), sqlite: tpl('substr({0}, 1, length({1})) = {1}', PRECEDENCE.compare), spark: fn('startswith') }, str('starts_with')),
  scalar('replace', [{ args: ['string', 'string', 'string'], returns: T.utf8 }], { default: fn('replace') }, str('replace')),
  scalar('strpos', [{ args: ['string', 'string'], returns: T.int64 }], { default: fn('strpos'), sqlite: fn('instr'), postgres: castResult(fn('strpos')), spark: castResult(fn('instr')) }, str('strpos')),
  // Spark's two-argument ltrim/rtrim take the characters first: the standard TRIM form says which is which.
  // Without a set PostgreSQL trims spaces only; DuckDB's one-argument trims also drop other Unicode
  // white space (U+00A0, U+2003, …), so DuckDB is given the space.
  scalar('trim', [{ args: ['string'], returns: T.utf8 }, { args: ['string', 'string'], returns: T.utf8 }], { default: fn('trim'), duckdb: spacesOnly('trim'), postgres: fn('btrim'), spark: byType([{ args: ['string', 'string'], render: tpl('trim(BOTH {1} FROM {0})') }], fn('trim')) }, str('trim')),
  scalar('ltrim', [{ args: ['string'], returns: T.utf8 }, { args: ['string', 'string'], returns: T.utf8 }], { default: fn('ltrim'), duckdb: spacesOnly('ltrim'), spark: byType([{ args: ['string', 'string'], render: tpl('trim(LEADING {1} FROM {0})') }], fn('ltrim')) }, str('ltrim')),
  scalar('rtrim', [{ args: ['string'], returns: T.utf8 }, { args: ['string', 'string'], returns: T.utf8 }], { default: fn('rtrim'), duckdb: spacesOnly('rtrim'), spark: byType([{ args: ['string', 'string'], render: tpl('trim(TRAILING {1} FROM {0})') }], fn('rtrim')) }, str('rtrim')),

  // Code points in reverse order (DuckDB's reverse keeps each grapheme cluster — 'e' and a combining accent — together).
  scalar('reverse', [{ args: ['string'], returns: T.utf8 }], { default: fn('reverse'), duckdb: tpl("array_to_string(list_reverse(string_split({0}, '')), '')"), sqlite: fn('relc_reverse') }, str('reverse')),
  // split_part(s, delimiter, n): field n (from the end when negative; 0 is an error); an empty
  // delimiter leaves s one field; past the last field ''.
  scalar('split_part', [{ args: ['string', 'string', 'integer'], returns: T.utf8 }], {
    default: fn('split_part'), duckdb: fn('relc_split_part'), sqlite: fn('relc_split_part'),
    postgres: byType([{ args: ['string', 'string', 'int64'], render: tpl('split_part({0}, {1}, CAST({2} AS INTEGER))') }], fn('split_part')),
    spark: tpl('split_part({0}, {1}, CAST({2} AS INT))'),
  }, relc('split_part')),
  // translate(s, from, to): each character of from becomes the one at its place in to, or is dropped past to's end.
  scalar('translate', [{ args: ['string', 'string', 'string'], returns: T.utf8 }], { default: fn('translate'), sqlite: fn('relc_translate') }, relc('translate')),
  // The code point of the first character; 0 for ''.
  scalar('ascii', [{ args: ['string'], returns: T.int32 }], { default: fn('ascii'), sqlite: tpl("CASE WHEN {0} = '' THEN 0 ELSE unicode({0}) END") }, relc('ascii')),
  // The character of a code point; 0 is an error (text cannot hold NUL).
  scalar('chr', [{ args: ['integer'], returns: T.utf8 }], {
    default: fn('chr'),
    duckdb: tpl("CASE WHEN {0} = 0 THEN error('null character not permitted') ELSE chr({0}) END"),
    sqlite: tpl("CASE WHEN {0} = 0 THEN relc_raise('null character not permitted') ELSE char({0}) END"),
    spark: no('Spark\'s chr takes the code point modulo 256'),
  }, relc('chr')),
  // Lowercase hex of an integer, a negative one in two's complement of its own width (int32: 8 digits).
  scalar('to_hex', [{ args: ['integer'], returns: T.utf8 }], {
    default: fn('to_hex'),
    duckdb: byType([{ args: ['int32'], render: tpl('lower(to_hex(CAST({0} AS BIGINT) & 4294967295))') }], tpl('lower(to_hex({0}))')),
    sqlite: byType([{ args: ['int32'], render: tpl("printf('%x', {0} & 4294967295)") }], tpl("printf('%x', {0})")),
    spark: byType([{ args: ['int32'], render: tpl('lower(hex(CAST({0} AS BIGINT) & 4294967295))') }], tpl('lower(hex({0}))')),
  }, relc('to_hex')),
  // quote_literal(s): s as a SQL string literal, quotes doubled; with a backslash, an E'…' literal
  // with backslashes doubled too. quote_nullable gives the text NULL for NULL.
  // (Spark's literals read backslash escapes: its templates spell a backslash '\\' and a quote '\''.)
  scalar('quote_literal', [{ args: ['string'], returns: T.utf8 }], {
    default: tpl(String.raw`CASE WHEN instr({0}, '\') > 0 THEN 'E''' || replace(replace({0}, '\', '\\'), '''', '''''') || '''' ELSE '''' || replace({0}, '''', '''''') || '''' END`),
    postgres: fn('quote_literal'),
    spark: tpl(String.raw`CASE WHEN instr({0}, '\\') > 0 THEN 'E\'' || replace(replace({0}, '\\', '\\\\'), '\'', '\'\'') || '\'' ELSE '\'' || replace({0}, '\'', '\'\'') || '\'' END`),
  }, relc('quote_literal')),
  scalar('quote_nullable', [{ args: ['string'], returns: T.utf8 }], {
    default: tpl(String.raw`CASE WHEN {0} IS NULL THEN 'NULL' WHEN instr({0}, '\') > 0 THEN 'E''' || replace(replace({0}, '\', '\\'), '''', '''''') || '''' ELSE '''' || replace({0}, '''', '''''') || '''' END`),
    postgres: fn('quote_nullable'),
    spark: tpl(String.raw`CASE WHEN {0} IS NULL THEN 'NULL' WHEN instr({0}, '\\') > 0 THEN 'E\'' || replace(replace({0}, '\\', '\\\\'), '\'', '\'\'') || '\'' ELSE '\'' || replace({0}, '\'', '\'\'') || '\'' END`),
  }, relc('quote_nullable'), 'never'),
  // concat_ws(sep, s…): the non-NULL strings joined by sep; NULL when sep is (so a NULL string
  // argument does not make the call NULL: 'always', not 'propagate').
  scalar('concat_ws', [{ args: ['string', 'string'], variadic: 'string', returns: T.utf8 }], { default: fn('concat_ws') }, str('concat_ws'), 'always'),

  // Regular expressions: PostgreSQL's syntax, which DuckDB's RE2 and SQLite's JS shim share for
  // classes, quantifiers, groups, anchors and POSIX bracket classes. `.` matches a newline in
  // PostgreSQL's default mode (DuckDB: the 's' option). regexp_ilike is `~*`.
  // Spark: Java's regular expressions, `.` matching a newline with the embedded (?s) flag.
  scalar('regexp_like', [{ args: ['string', 'string'], returns: T.bool }], { default: infix('~', PRECEDENCE.concat), duckdb: tpl("regexp_matches({0}, {1}, 's')"), sqlite: tpl("relc_regexp_like({0}, {1}, '')"), spark: tpl(`regexp_like({0}, ${sparkPattern('s')})`) }, relc('regexp_like')),
  scalar('regexp_ilike', [{ args: ['string', 'string'], returns: T.bool }], { default: infix('~*', PRECEDENCE.concat), duckdb: tpl("regexp_matches({0}, {1}, 'is')"), sqlite: tpl("relc_regexp_like({0}, {1}, 'i')"), spark: tpl(`regexp_like({0}, ${sparkPattern('is')})`) }, relc('regexp_ilike')),
  // regexp_replace(s, pattern, replacement, flags): flags a literal of 'g' (every match) and 'i';
  // \1…\9 in the replacement insert a group, \& the match (DuckDB: \0).
  scalar('regexp_replace', [{ args: ['string', 'string', 'string', 'string'], returns: T.utf8 }], {
    default: fn('regexp_replace'),
    duckdb: tpl("regexp_replace({0}, {1}, replace({2}, '\\&', '\\0'), {3} || 's')"),
    sqlite: fn('relc_regexp_replace'),
    spark: no('Spark\'s regexp_replace replaces every match and reads groups as $1'),
  }, relc('regexp_replace')),
  // regexp_count(s, p [, start, flags]), regexp_instr(s, p [, start, N, endoption, flags, subexpr]),
  // regexp_substr(s, p [, start, N, flags, subexpr]) (PostgreSQL 15): matches are non-overlapping,
  // searched from character `start` (where `^` does not match); N picks the Nth; flags '' or 'i';
  // subexpr a capturing group (0 the whole match). The SQL front end passes every optional
  // argument as a literal, or the two-argument form when all are their defaults. DuckDB (RE2)
  // searches from the first character only, and reports a group that took no part as '' (PostgreSQL:
  // NULL), so a later start, a group, and regexp_instr's Nth match are BACKEND_UNSUPPORTED there.
  // regexp_instr on DuckDB: the length of what precedes the first match — the text with the first
  // match of `(?:pattern)(?s:.*)` (which starts where the pattern's does) removed — plus one.
  scalar('regexp_count', [{ args: ['string', 'string'], returns: T.int32 }, { args: ['string', 'string', 'int32', 'string'], returns: T.int32 }], {
    default: fn('regexp_count'),
    duckdb: byType([
      { args: ['string', 'string', 'int32', 'string'], literals: [{ arg: 2, atLeast: 2 }], render: no(NO_START) },
      { args: ['string', 'string', 'int32', 'string'], render: tpl("CAST(len(regexp_extract_all({0}, {1}, 0, 's' || {3})) AS INTEGER)") },
    ], tpl("CAST(len(regexp_extract_all({0}, {1}, 0, 's')) AS INTEGER)")),
    sqlite: fn('relc_regexp_count'),
    spark: byType([{ args: ['string', 'string'], render: tpl(`regexp_count({0}, ${sparkPattern('s')})`) }], no(SPARK_NO_REGEX_ARGS)),
  }, relc('regexp_count')),
  scalar('regexp_substr', [{ args: ['string', 'string'], returns: T.utf8 }, { args: ['string', 'string', 'int32', 'int32', 'string', 'int32'], returns: T.utf8 }], {
    default: fn('regexp_substr'),
    duckdb: byType([
      { args: ['string', 'string', 'int32', 'int32', 'string', 'int32'], literals: [{ arg: 2, atLeast: 2 }], render: no(NO_START) },
      { args: ['string', 'string', 'int32', 'int32', 'string', 'int32'], literals: [{ arg: 5, atLeast: 1 }], render: no(NO_GROUP) },
      { args: ['string', 'string', 'int32', 'int32', 'string', 'int32'], render: tpl("regexp_extract_all({0}, {1}, 0, 's' || {4})[{3}]") },
    ], tpl("regexp_extract_all({0}, {1}, 0, 's')[1]")),
    sqlite: fn('relc_regexp_substr'),
    spark: byType([{ args: ['string', 'string'], render: tpl(`regexp_substr({0}, ${sparkPattern('s')})`) }], no(SPARK_NO_REGEX_ARGS)),
  }, relc('regexp_substr'), 'always'), // NULL when nothing matches
  scalar('regexp_instr', [{ args: ['string', 'string'], returns: T.int32 }, { args: ['string', 'string', 'int32', 'int32', 'int32', 'string', 'int32'], returns: T.int32 }], {
    default: fn('regexp_instr'),
    duckdb: byType([
      { args: ['string', 'string', 'int32', 'int32', 'int32', 'string', 'int32'], literals: [{ arg: 2, atLeast: 2 }], render: no(NO_START) },
      { args: ['string', 'string', 'int32', 'int32', 'int32', 'string', 'int32'], literals: [{ arg: 3, atLeast: 2 }], render: no("DuckDB cannot find where a regular expression's Nth match starts") },
      { args: ['string', 'string', 'int32', 'int32', 'int32', 'string', 'int32'], literals: [{ arg: 6, atLeast: 1 }], render: no(NO_GROUP) },
      // endoption 1: the position after the match.
      { args: ['string', 'string', 'int32', 'int32', 'int32', 'string', 'int32'], literals: [{ arg: 4, atLeast: 1 }], render: tpl("CASE WHEN NOT regexp_matches({0}, {1}, 's' || {5}) THEN 0 ELSE CAST(length(regexp_replace({0}, '(?:' || {1} || ')(?s:.*)', '', 's' || {5})) + length(regexp_extract_all({0}, {1}, 0, 's' || {5})[1]) + 1 AS INTEGER) END") },
      { args: ['string', 'string', 'int32', 'int32', 'int32', 'string', 'int32'], render: tpl("CASE WHEN NOT regexp_matches({0}, {1}, 's' || {5}) THEN 0 ELSE CAST(length(regexp_replace({0}, '(?:' || {1} || ')(?s:.*)', '', 's' || {5})) + 1 AS INTEGER) END") },
    ], tpl("CASE WHEN NOT regexp_matches({0}, {1}, 's') THEN 0 ELSE CAST(length(regexp_replace({0}, '(?:' || {1} || ')(?s:.*)', '', 's')) + 1 AS INTEGER) END")),
    sqlite: fn('relc_regexp_instr'),
    spark: no('regexp_instr is not expressed on Spark'),
  }, relc('regexp_instr')),

  // substring(s FROM pattern) with a capturing group: what the first group matched; NULL when
  // nothing matches (the SQL front end picks regexp_substr for a pattern without groups, and the
  // _optional row when the group may not take part, which RE2 reports as '', not NULL).
  scalar('substring_regex', [{ args: ['string', 'string'], returns: T.utf8 }], {
    default: tpl('substring({0} from {1})'),
    duckdb: tpl("CASE WHEN regexp_matches({0}, {1}, 's') THEN regexp_extract({0}, {1}, 1, 's') END"),
    sqlite: fn('relc_substring_regex'),
    spark: no('substring of a regular expression is not expressed on Spark'),
  }, relc('substring_regex'), 'always'), // NULL when nothing matches
  scalar('substring_regex_optional', [{ args: ['string', 'string'], returns: T.utf8 }], {
    default: tpl('substring({0} from {1})'),
    duckdb: no(NO_GROUP),
    sqlite: fn('relc_substring_regex'),
    spark: no('substring of a regular expression is not expressed on Spark'),
  }, relc('substring_regex_optional'), 'always'), // NULL when nothing matches

  // Unicode normalization to NFC (normalize rules' text columns) and PostgreSQL's other forms.
  scalar('nfc_normalize', [{ args: ['string'], returns: T.utf8 }], { default: fn('nfc_normalize'), postgres: tpl('normalize({0}, NFC)'), sqlite: fn('relc_nfc_normalize'), spark: no('Spark has no Unicode normalization') }, relc('nfc_normalize')),
  ...(['NFD', 'NFKC', 'NFKD'] as const).map((form) => scalar(`${form.toLowerCase()}_normalize`, [{ args: ['string'], returns: T.utf8 }], {
    default: no(`DuckDB has no ${form} normalization (only nfc_normalize)`), postgres: tpl(`normalize({0}, ${form})`), sqlite: fn(`relc_${form.toLowerCase()}_normalize`), spark: no('Spark has no Unicode normalization'),
  }, relc(`${form.toLowerCase()}_normalize`))),

  // unistr(s): Unicode escapes decoded (src/ir/text-escapes.ts; the SQL front end folds literals).
  scalar('unistr', [{ args: ['string'], returns: T.utf8 }], { default: fn('unistr'), duckdb: fn('relc_unistr'), sqlite: fn('relc_unistr'), spark: no('Spark has no unistr') }, relc('unistr')),

  // quote_ident(s): s as it is when it is a lowercase identifier (a-z or _ first, then a-z, 0-9,
  // _) and no keyword PostgreSQL reserves in any way; else in double quotes, each one doubled.
  scalar('quote_ident', [{ args: ['string'], returns: T.utf8 }], {
    default: fn('quote_ident'),
    duckdb: tpl(`CASE WHEN regexp_full_match({0}, '[a-z_][a-z0-9_]*') AND {0} NOT IN (${KEYWORD_LIST}) THEN {0} ELSE '"' || replace({0}, '"', '""') || '"' END`),
    sqlite: tpl(`CASE WHEN {0} GLOB '[a-z_]*' AND {0} NOT GLOB '*[^a-z0-9_]*' AND {0} NOT IN (${KEYWORD_LIST}) THEN {0} ELSE '"' || replace({0}, '"', '""') || '"' END`),
    spark: no('quote_ident is not expressed on Spark'),
  }, relc('quote_ident')),
];
