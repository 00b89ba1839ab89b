// Binary-string (bytea) functions. PostgreSQL semantics on every dialect (src/ir/registry.ts):
// byte positions, hex and base64 text forms as PostgreSQL's encode/decode write and read them,
// and PostgreSQL's errors for out-of-range indexes. DuckDB works on blobs through their hex text
// (it has no byte access), SQLite through JS shims (src/backends/sqlite/functions.ts).

import { T } from '../types.ts';
import type { FunctionDef } from './def.ts';
import { byType, fn, infix, no, PRECEDENCE, relc, scalar, tpl } from './build.ts';

const sha = (bits: 224 | 256 | 384 | 512): FunctionDef =>
  scalar(`sha${bits}`, [{ args: ['binary'], returns: T.binary }], {
    default: fn(`sha${bits}`),
    // DuckDB's sha256 returns lowercase hex text and it has no other SHA-2 width.
    duckdb: bits === 256 ? tpl('unhex(sha256({0}))') : no(`DuckDB has no SHA-${bits} function`),
    sqlite: fn(`relc_sha${bits}`),
    // Spark's sha2 returns the lowercase hex text, of any SHA-2 width.
    spark: tpl(`unhex(sha2({0}, ${bits}))`),
  }, relc(`sha${bits}`));

export const BYTEA_FUNCTIONS: readonly FunctionDef[] = [
  sha(224), sha(256), sha(384), sha(512),
  // a || b of two bytea. SQLite's || makes text of its operands' bytes: cast back.
  scalar('byteacat', [{ args: ['binary', 'binary'], returns: T.binary }], { default: infix('||', PRECEDENCE.concat), sqlite: tpl('CAST(({0} || {1}) AS BLOB)') }, relc('byteacat')),
  // length(bytea) / octet_length(bytea): bytes, PostgreSQL's integer.
  scalar('byteaoctetlen', [{ args: ['binary'], returns: T.int32 }], { default: fn('octet_length'), duckdb: tpl('CAST(octet_length({0}) AS INTEGER)'), sqlite: fn('length') }, relc('byteaoctetlen')),
  // substr(bytea, from [, count]): PostgreSQL's positions (as substring of text; int4 ones, the SQL front end
  // casts); DuckDB cuts the hex text.
  scalar('bytea_substr', [{ args: ['binary', 'int32'], returns: T.binary }, { args: ['binary', 'int32', 'int32'], returns: T.binary }], {
    default: fn('substr'),
    // SQLite's substr of an empty BLOB is NULL, not an empty one: always the shim.
    duckdb: fn('relc_bytea_substr'), sqlite: fn('relc_bytea_substr'),
    spark: no('Spark\'s substr of binary counts a start below 1 otherwise than PostgreSQL'),
  }, relc('bytea_substr')),
  // encode(b, 'hex') lowercase; encode(b, 'base64') with a newline after the 76 characters of each whole 57 bytes.
  // SQLite's hex(NULL) is ''.
  scalar('encode_hex', [{ args: ['binary'], returns: T.utf8 }], { default: tpl('lower(hex({0}))'), sqlite: tpl('CASE WHEN {0} IS NOT NULL THEN lower(hex({0})) END'), postgres: tpl("encode({0}, 'hex')") }, relc('encode_hex')),
  scalar('encode_base64', [{ args: ['binary'], returns: T.utf8 }], { default: fn('relc_encode_base64'), postgres: tpl("encode({0}, 'base64')"), spark: no('Spark\'s base64 does not break lines as PostgreSQL\'s encode') }, relc('encode_base64')),
  // encode(b, 'escape'): NUL and bytes from 0x80 as \ooo, a backslash doubled; decode(s, 'escape') reads that form back.
  scalar('encode_escape', [{ args: ['binary'], returns: T.utf8 }], { default: fn('relc_encode_escape'), postgres: tpl("encode({0}, 'escape')"), spark: no('encode(…, \'escape\') is not expressed on Spark') }, relc('encode_escape')),
  scalar('decode_escape', [{ args: ['string'], returns: T.binary }], { default: fn('relc_decode_escape'), postgres: tpl("decode({0}, 'escape')"), spark: no('decode(…, \'escape\') is not expressed on Spark') }, relc('decode_escape')),
  // decode(s, 'hex' | 'base64'): white space between digits (hex pairs, base64 quads) is skipped; anything else invalid is an error.
  scalar('decode_hex', [{ args: ['string'], returns: T.binary }], { default: fn('relc_decode_hex'), postgres: tpl("decode({0}, 'hex')"), spark: no('Spark\'s unhex does not raise on invalid digits as PostgreSQL\'s decode') }, relc('decode_hex')),
  scalar('decode_base64', [{ args: ['string'], returns: T.binary }], {
    default: fn('relc_decode_base64'),
    spark: no('Spark\'s unbase64 does not raise on invalid input as PostgreSQL\'s decode'),
    duckdb: tpl("from_base64(regexp_replace({0}, '[ \\t\\r\\n]', '', 'g'))"),
    postgres: tpl("decode({0}, 'base64')"),
  }, relc('decode_base64')),
  // convert_to(s, 'UTF8') / convert_from(b, 'UTF8') (the SQL front end admits only UTF8): bytes that are not UTF-8 are an error.
  scalar('convert_to', [{ args: ['string'], returns: T.binary }], { default: fn('encode'), sqlite: tpl('CAST({0} AS BLOB)'), postgres: tpl("convert_to({0}, 'UTF8')"), spark: tpl("encode({0}, 'UTF-8')") }, relc('convert_to')),
  // DuckDB's decode accepts NUL, which PostgreSQL's text cannot hold.
  scalar('convert_from', [{ args: ['binary'], returns: T.utf8 }], {
    default: fn('decode'),
    duckdb: tpl(`CASE WHEN strpos(decode({0}), chr(0)) > 0 THEN error('invalid byte sequence for encoding "UTF8": 0x00') ELSE decode({0}) END`),
    sqlite: fn('relc_convert_from'),
    postgres: tpl("convert_from({0}, 'UTF8')"),
    spark: no('convert_from is not expressed on Spark'),
  }, relc('convert_from')),
  // get_byte(b, n) / set_byte(b, n, v): byte n counting from 0 (v's low 8 bits); past the end an error.
  scalar('get_byte', [{ args: ['binary', 'int32'], returns: T.int32 }], { default: fn('get_byte'), duckdb: fn('relc_get_byte'), sqlite: fn('relc_get_byte'), spark: no('get_byte is not expressed on Spark') }, relc('get_byte')),
  scalar('set_byte', [{ args: ['binary', 'int32', 'int32'], returns: T.binary }], { default: fn('set_byte'), duckdb: fn('relc_set_byte'), sqlite: fn('relc_set_byte'), spark: no('set_byte is not expressed on Spark') }, relc('set_byte')),
  // get_bit(b, n) / set_bit(b, n, v): bit n % 8 (0 the lowest) of byte n / 8; v 0 or 1.
  scalar('get_bit', [{ args: ['binary', 'int64'], returns: T.int32 }], { default: fn('get_bit'), duckdb: fn('relc_get_bit'), sqlite: fn('relc_get_bit'), spark: no('get_bit is not expressed on Spark') }, relc('get_bit')),
  scalar('set_bit', [{ args: ['binary', 'int64', 'int32'], returns: T.binary }], { default: fn('set_bit'), duckdb: fn('relc_set_bit'), sqlite: fn('relc_set_bit'), spark: no('set_bit is not expressed on Spark') }, relc('set_bit')),
  // position(needle IN haystack) of bytea: the byte position of the first occurrence, 0 when there is none, 1 for an empty needle.
  // SQLite's instr compares BLOBs bytewise; DuckDB searches the hex text at even offsets only.
  scalar('byteapos', [{ args: ['binary', 'binary'], returns: T.int32 }], { default: tpl('position(({1}) in ({0}))'), duckdb: fn('relc_bytea_pos'), sqlite: fn('instr'), spark: no('position of bytea is not expressed on Spark') }, relc('byteapos')),
  // btrim / ltrim / rtrim(b, set): the bytes of set removed from both ends, the start, the end.
  ...(['btrim', 'ltrim', 'rtrim'] as const).map((side) => scalar(`bytea_${side}`, [{ args: ['binary', 'binary'], returns: T.binary }], {
    default: fn(side), duckdb: fn(`relc_bytea_${side}`), sqlite: fn(`relc_bytea_${side}`), spark: no(`${side} of bytea is not expressed on Spark`),
  }, relc(`bytea_${side}`))),
  // The number of 1 bits.
  scalar('bit_count', [{ args: ['binary'], returns: T.int64 }], {
    default: fn('bit_count'),
    duckdb: tpl('CASE WHEN octet_length({0}) = 0 THEN CAST(0 AS BIGINT) ELSE bit_count(CAST({0} AS BIT)) END'),
    sqlite: fn('relc_bit_count'),
    spark: no('bit_count of bytea is not expressed on Spark'),
  }, relc('bit_count')),
];
