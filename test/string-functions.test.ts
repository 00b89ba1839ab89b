// Refusals of the text and bytea functions (src/sql/string-calls.ts, src/ir/functions/bytea.ts):
// what relc cannot give PostgreSQL's meaning for is a coded error naming the function (and the
// target, where one engine lacks it), never wrong SQL. Results are checked against PostgreSQL by
// test/pg-oracle/probes-strings2.sql.

import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { RelcError } from '../src/ir/index.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { probeCatalog } from './pg-oracle/tables.ts';

type Target = 'duckdb' | 'sqlite' | 'postgres';
const compile = (sql: string, to: Target) => transpileQuery(sql, { from: 'postgres', to, catalog: probeCatalog, optimize: true }).text;

function fails(sql: string, code: string, message: RegExp, targets: readonly Target[] = ['duckdb', 'sqlite', 'postgres']): void {
  for (const to of targets) {
    let err: unknown;
    try {
      compile(sql, to);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof RelcError, `${sql} on ${to}: ${err === undefined ? 'compiled' : String(err)}`);
    assert.is((err as RelcError).code, code, `${sql} on ${to}: ${(err as Error).message}`);
    assert.match((err as Error).message, message, `${sql} on ${to}`);
  }
}

test('format(): widths from arguments and non-literal formats are UNSUPPORTED_CONSTRUCT; bad specifiers and too few arguments TYPE_MISMATCH', () => {
  fails("select format('%*s', 5, s) from p", 'UNSUPPORTED_CONSTRUCT', /format\(\) widths from an argument \(\*\) are not supported/);
  fails("select format('%9999999999s', s) from p", 'TYPE_MISMATCH', /number is out of range/);
  fails("select format('%-*s', 5, s) from p", 'UNSUPPORTED_CONSTRUCT', /format\(\) widths from an argument/);
  fails('select format(s, 1) from p', 'UNSUPPORTED_CONSTRUCT', /format takes its format string as a string literal/);
  fails("select format('%I', s) from p", 'UNSUPPORTED_CONSTRUCT', /format\('%I'\) of a nullable value/);
  fails("select format('%s %s', s) from p", 'TYPE_MISMATCH', /too few arguments for format\(\)/);
  fails("select format('%x', s) from p", 'TYPE_MISMATCH', /unrecognized format\(\) type specifier "x"/);
  fails("select format('%0$s', s) from p", 'TYPE_MISMATCH', /format specifies argument 0, but arguments are numbered from 1/);
  fails("select format('abc%', s) from p", 'TYPE_MISMATCH', /unterminated format\(\) type specifier/);
});

test('encode/decode take hex, base64 or escape as a literal; convert_to/convert_from only UTF8', () => {
  fails("select encode(convert_to(s, 'UTF8'), 'base32') from p", 'TYPE_MISMATCH', /unrecognized encoding: "base32"/);
  fails("select decode(s, s) from p", 'UNSUPPORTED_CONSTRUCT', /decode takes its format as a string literal/);
  fails("select convert_to(s, 'LATIN1') from p", 'UNSUPPORTED_CONSTRUCT', /convert_to supports only the UTF8 encoding, got "LATIN1"/);
  fails("select convert_from(convert_to(s, 'UTF8'), 'SQL_ASCII') from p", 'UNSUPPORTED_CONSTRUCT', /convert_from supports only the UTF8 encoding/);
});

test('bytea functions take bytea: text is TYPE_MISMATCH, invalid bytea input a checked literal', () => {
  fails('select sha256(s) from p', 'TYPE_MISMATCH', /sha256/);
  fails('select get_byte(s, 0) from p', 'TYPE_MISMATCH', /get_byte/);
  fails(String.raw`select '\q'::bytea as x`, 'TYPE_MISMATCH', /invalid binary literal/);
  fails(String.raw`select '\x4'::bytea as x`, 'TYPE_MISMATCH', /invalid binary literal/);
});

test('unistr: a literal with an invalid escape is TYPE_MISMATCH at compile time; of a column a shim on DuckDB and SQLite', () => {
  fails(String.raw`select unistr('\q') as x`, 'TYPE_MISMATCH', /invalid Unicode escape/);
  fails(String.raw`select unistr('\D83D') as x`, 'TYPE_MISMATCH', /invalid Unicode escape/);
  fails(String.raw`select unistr('\0000') as x`, 'TYPE_MISMATCH', /invalid Unicode escape/);
  assert.match(compile('select unistr(s) from p', 'sqlite'), 'relc_unistr(');
  assert.match(compile('select unistr(s) from p', 'duckdb'), 'relc_unistr(');
});

test('SIMILAR TO takes a literal pattern; an escape of more than one character is TYPE_MISMATCH', () => {
  fails('select s similar to s from p', 'UNSUPPORTED_CONSTRUCT', /similar_to_escape takes its pattern \(SIMILAR TO takes a literal one\) as a string literal/);
  fails("select s similar to 'a%' escape 'ab' from p", 'TYPE_MISMATCH', /invalid escape string/);
  fails(`select s similar to 'a\\"b\\"c' from p`, 'UNSUPPORTED_CONSTRUCT', /escaped double quote/);
  assert.match(compile("select s similar to 'a.%' from p", 'duckdb'), String.raw`regexp_matches("t1"."s", '^(?:a\..*)$', 's')`);
});

test('substring(s FROM pattern): a literal pattern, its first group decides the registry row', () => {
  fails('select substring(s from s) from p', 'UNSUPPORTED_CONSTRUCT', /substring takes its pattern as a string literal/);
  assert.match(compile("select substring(s from 'b.') from p", 'duckdb'), "regexp_extract_all(\"t1\".\"s\", 'b.', 0, 's')[1]");
  assert.match(compile("select substring(s from 'b(.)') from p", 'duckdb'), "regexp_extract(\"t1\".\"s\", 'b(.)', 1, 's')");
  for (const pattern of ['a(x)?', 'a|(b)', '((x)*)?y', '(x){0,1}']) {
    fails(`select substring(s from '${pattern}') from p`, 'BACKEND_UNSUPPORTED', /^substring_regex_optional \(DuckDB cannot tell a group/, ['duckdb']);
  }
  for (const pattern of ['[(]x(y)', String.raw`\(x(y)`, '(?:a)?(b)']) assert.match(compile(`select substring(s from '${pattern}') from p`, 'duckdb'), 'regexp_extract(');
});

test('regexp_count/instr/substr: optional arguments are literals checked as PostgreSQL checks them; DuckDB refuses what RE2 cannot do', () => {
  fails("select regexp_count(s, 'a', 0) from p", 'TYPE_MISMATCH', /invalid value for parameter "start": 0/);
  fails("select regexp_instr(s, 'a', 1, 0) from p", 'TYPE_MISMATCH', /invalid value for parameter "n": 0/);
  fails("select regexp_instr(s, 'a', 1, 1, 2) from p", 'TYPE_MISMATCH', /invalid value for parameter "endoption": 2/);
  fails("select regexp_substr(s, 'a', 1, 1, '', -1) from p", 'TYPE_MISMATCH', /invalid value for parameter "subexpr": -1/);
  fails("select regexp_count(s, 'a', 1, 'g') from p", 'UNSUPPORTED_CONSTRUCT', /regexp_count flag "g" is not supported \(i and c are\)/);
  fails("select regexp_count(s, 'a', i) from p", 'UNSUPPORTED_CONSTRUCT', /regexp_count takes its start as an integer literal/);
  fails("select regexp_substr(s, 'a', 2) from p", 'BACKEND_UNSUPPORTED', /^regexp_substr \(DuckDB cannot start a regular-expression search past the first character\)/, ['duckdb']);
  // All defaults: the two-argument form.
  assert.match(compile("select regexp_count(s, 'a', 1, 'c') from p", 'postgres'), `regexp_count("t1"."s", 'a')`);
  assert.match(compile("select regexp_substr(s, 'a', 1, 2, 'i') from p", 'duckdb'), `regexp_extract_all("t1"."s", 'a', 0, 's' || 'i')[2]`);
});

test('normal forms: an unknown form is a parse error; NFD/NFKC/NFKD are BACKEND_UNSUPPORTED on DuckDB only', () => {
  fails('select normalize(s, NFX) from p', 'SQL_PARSE_ERROR', /NFC, NFD, NFKC or NFKD/);
  fails('select s is nfx normalized from p', 'SQL_PARSE_ERROR', /expected NULL, TRUE, FALSE, UNKNOWN, DISTINCT FROM or \[form\] NORMALIZED, found 'nfx'/);
  for (const [sql, fn] of [['select normalize(s, NFD) from p', 'nfd_normalize'], ['select normalize(s, NFKC) from p', 'nfkc_normalize'], ['select s is nfkd normalized from p', 'nfkd_normalize']] as const) {
    fails(sql, 'BACKEND_UNSUPPORTED', new RegExp(`^${fn} \\(DuckDB has no .* normalization \\(only nfc_normalize\\)\\) is not supported on duckdb`), ['duckdb']);
    for (const to of ['sqlite', 'postgres'] as const) assert.ok(compile(sql, to).length > 0);
  }
});

test('sha224/sha384/sha512 are BACKEND_UNSUPPORTED on DuckDB (it has SHA-256 only), compiled elsewhere', () => {
  for (const bits of [224, 384, 512]) {
    const sql = `select sha${bits}(convert_to(s, 'UTF8')) from p`;
    fails(sql, 'BACKEND_UNSUPPORTED', new RegExp(`^sha${bits} \\(DuckDB has no SHA-${bits} function\\) is not supported on duckdb`), ['duckdb']);
    assert.match(compile(sql, 'sqlite'), `relc_sha${bits}(`);
    assert.match(compile(sql, 'postgres'), `sha${bits}(`);
  }
  assert.match(compile("select sha256(convert_to(s, 'UTF8')) from p", 'duckdb'), 'unhex(sha256(');
});

test.run();
