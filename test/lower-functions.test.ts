// Every scalar function, operator and cast the SQL lowering renders, executed on real DuckDB,
// SQLite (with relc's shims) and PostgreSQL over a table with NULLs and negatives. Each case
// states PostgreSQL's result per row; all three engines must produce it, with the IR's type.

import { createHash } from 'node:crypto';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { T, schemaOf, type DataType, type Expr, type Rel } from '../src/ir/index.ts';
import { lowerRel } from '../src/lower/sql/index.ts';
import type { CanonicalValue } from '../src/backends/values.ts';
import { expectedEngineType, openEngines, type Engine } from './lower-engines.ts';
import { NUMS, builders, scanOf } from './lower-fixtures.ts';
import { sameValue, show } from './lower-compare.ts';

const { col, call, lit, i32, str, cast, like } = builders(NUMS.schema);
const dec3 = (v: string) => lit(T.decimal(10, 3), v);
const f64 = (v: number) => lit(T.float64, v);
const iv = (months: number, days: number, micros: string) => lit(T.interval, { months, days, micros });
const n = null;
const big = (x: string) => BigInt(x);

const days = (a: string, b: string) => (Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
const stableId = (...parts: (string | null)[]) =>
  createHash('sha256').update(parts.map((p) => (p === null ? 'n' : `v${p}`)).join('\u001f'), 'utf8').digest('hex').slice(0, 32);

interface Case {
  readonly name: string;
  readonly expr: Expr;
  readonly expect: readonly CanonicalValue[]; // one per NUMS row
}

const c = (name: string, expr: Expr, expect: readonly CanonicalValue[]): Case => ({ name, expr, expect });
const all = (v: CanonicalValue): CanonicalValue[] => [v, v, v, v];

const CASES: Case[] = [
  // Literals of every type.
  c('binary literal', lit(T.binary, 'deadbeef'), all(new Uint8Array([0xde, 0xad, 0xbe, 0xef]))),
  c('interval literal', iv(1, 2, '-3'), all({ months: 1, days: 2, micros: '-3' })),
  c('infinity literal', lit(T.float64, '-Infinity'), all(-Infinity)),
  c('scale-0 decimal literal', lit(T.decimal(5, 0), '42'), all('42')),
  c('bigint literal beyond 2^53', lit(T.int64, '-9007199254740993'), all(-9007199254740993n)),
  c('timestamp literal', lit(T.timestamp, '1969-12-31 23:59:59.999999'), all('1969-12-31 23:59:59.999999')),
  c('bool literal', lit(T.bool, false), all(false)),
  c("string literal with quotes", str("it's \\ \"q\""), all("it's \\ \"q\"")),

  // Arithmetic with PostgreSQL semantics.
  c('int / int truncates toward zero, / 0 is NULL', call('divide', col('a'), col('b')), [-3, n, n, n]),
  c('int / int (positive over negative)', call('divide', col('b'), col('a')), [0, 0, n, n]),
  c('int % int takes the sign of the dividend', call('modulus', col('a'), col('b')), [-1, n, n, n]),
  c('float / float', call('divide', col('x'), col('y')), [-5, -20, n, 1e20 / 1.5]),
  c('float / 0.0 is NULL', call('divide', col('x'), f64(0)), all(n)),
  c('decimal / decimal is a double', call('divide', col('d'), col('e')), [2.675 / -2.5, n, n, -0.005 / 1.005]),
  c('int / decimal is a double', call('divide', col('a'), col('e')), [-7 / -2.5, n, n, 0]),
  c('float % float', call('modulus', col('x'), col('y')), [0, 0, n, 1]),
  c('decimal % decimal', call('modulus', col('d'), col('e')), ['0.175', n, n, '-0.005']),
  c('int32 + int64', call('add', col('a'), col('big')), [big('9007199254740986'), big('-9223372036854775800'), n, 0n]),
  c('int64 - 1 (beyond 2^53, exact)', call('subtract', col('big'), lit(T.int64, '1')), [big('9007199254740992'), big('-9223372036854775808'), n, -1n]),
  c('int * int', call('multiply', col('a'), col('b')), [-14, 0, n, n]),
  c('decimal * decimal', call('multiply', col('d'), col('e')), ['-6.687500', '0.000000', n, '-0.005025']),
  c('decimal + decimal', call('add', col('d'), col('e')), ['0.175', '-2.675', n, '1.000']),
  c('negate', call('negate', col('a')), [7, -7, n, 0]),
  c('negate a negative literal', call('negate', i32(-5)), all(5)),
  c('minus a negative literal', call('subtract', col('a'), i32(-5)), [-2, 12, n, 5]),
  c('abs int', call('abs', col('a')), [7, 7, n, 0]),
  c('abs decimal', call('abs', col('d')), ['2.675', '2.675', n, '0.005']),

  // Comparison and logic (three-valued).
  c('lt with NULL', call('lt', col('a'), col('b')), [true, false, n, n]),
  c('is distinct from', call('is_distinct_from', col('a'), col('b')), [true, true, true, true]),
  c('is not distinct from NULL', call('is_not_distinct_from', col('a'), lit(T.int32, null)), [false, false, true, false]),
  c('and', call('and', col('flag'), call('lt', col('a'), i32(0))), [true, false, n, false]),
  c('or', call('or', col('flag'), call('gt', col('a'), i32(0))), [true, true, n, false]),
  c('not', call('not', col('flag')), [false, true, n, true]),
  c('string equality is case-sensitive', call('equal', col('s'), str('ABC')), [true, false, n, false]),
  c('date < timestamp (date promoted)', call('lt', col('dt'), col('ts')), [true, false, n, true]),
  c('date = timestamp at midnight', call('equal', lit(T.date, '2024-01-01'), col('ts')), [false, false, n, true]),

  // Strings.
  c('|| with NULL is NULL', call('concat', col('s'), col('t')), ['ABCa%', 'abc\\%', n, 'héllo wörld_é%']),
  c('|| NULL literal', call('concat', str('x'), lit(T.utf8, null)), all(n)),
  c('lower (Unicode)', call('lower', col('s')), ['abc', 'abc', n, 'héllo wörld']),
  c('upper (Unicode)', call('upper', col('s')), ['ABC', 'ABC', n, 'HÉLLO WÖRLD']),
  c('char_length counts characters', call('char_length', col('s')), [3n, 3n, n, 11n]),
  c('substring(s, 2, 2)', call('substring', col('s'), i32(2), i32(2)), ['BC', 'bc', n, 'él']),
  c('substring(s, 0, 2)', call('substring', col('s'), i32(0), i32(2)), ['A', 'a', n, 'h']),
  c('substring(s, -1, 3)', call('substring', col('s'), i32(-1), i32(3)), ['A', 'a', n, 'h']),
  c('substring(s, 3)', call('substring', col('s'), i32(3)), ['C', 'c', n, 'llo wörld']),
  c('substring(s, -5)', call('substring', col('s'), i32(-5)), ['ABC', 'abc', n, 'héllo wörld']),
  c('substring past the end', call('substring', col('s'), i32(10), i32(5)), ['', '', n, 'ld']),
  c('replace', call('replace', col('s'), str('l'), str('L')), ['ABC', 'abc', n, 'héLLo wörLd']),
  c('strpos', call('strpos', col('s'), str('ö')), [0n, 0n, n, 8n]),
  c('strpos of empty', call('strpos', col('s'), str('')), [1n, 1n, n, 1n]),
  c('trim spaces', call('trim', call('concat', str('  '), col('s'), str(' '))), ['ABC', 'abc', n, 'héllo wörld']),
  c('trim characters', call('trim', col('s'), str('Ah')), ['BC', 'abc', n, 'éllo wörld']),
  c('ltrim characters', call('ltrim', col('s'), str('a')), ['ABC', 'bc', n, 'héllo wörld']),
  c('rtrim characters', call('rtrim', col('s'), str('dl')), ['ABC', 'abc', n, 'héllo wör']),
  c('left', call('left', col('s'), i32(2)), ['AB', 'ab', n, 'hé']),
  c('left negative', call('left', col('s'), i32(-2)), ['A', 'a', n, 'héllo wör']),
  c('right', call('right', col('s'), i32(2)), ['BC', 'bc', n, 'ld']),
  c('right negative', call('right', col('s'), i32(-2)), ['C', 'c', n, 'llo wörld']),
  c('lpad with spaces', call('lpad', col('s'), i32(5)), ['  ABC', '  abc', n, 'héllo']),
  c('lpad with a fill', call('lpad', col('s'), i32(6), str('xy')), ['xyxABC', 'xyxabc', n, 'héllo ']),
  c('rpad with a fill', call('rpad', col('s'), i32(5), str('é')), ['ABCéé', 'abcéé', n, 'héllo']),
  c('lpad with an empty fill', call('lpad', col('s'), i32(4), str('')), ['ABC', 'abc', n, 'héll']),
  c('starts_with', call('starts_with', col('s'), str('ab')), [false, true, n, false]),
  c('starts_with empty', call('starts_with', col('s'), str('')), [true, true, n, true]),
  c('nfc_normalize', call('nfc_normalize', str('e\u0301')), all('é')),

  // LIKE: case-sensitive, backslash the default escape.
  c("LIKE 'a%' is case-sensitive", like(col('s'), str('a%')), [false, true, n, false]),
  c("ILIKE 'a%'", like(col('s'), str('a%'), { ci: true }), [true, true, n, false]),
  c('LIKE a pattern column', like(col('s'), col('t')), [false, false, n, true]),
  c('LIKE default escape is backslash', like(str('a%'), str('a\\%')), all(true)),
  c('LIKE escaped % is literal', like(str('ab'), str('a\\%')), all(false)),
  c('LIKE _ is one character', like(col('s'), str('h_llo%')), [false, false, n, true]),
  c('NOT LIKE', like(col('s'), str('%b%'), { negated: true }), [true, false, n, true]),
  c('LIKE custom escape', like(str('10%'), str('10!%'), { escape: '!' }), all(true)),
  c('ILIKE non-ASCII', like(col('s'), str('HÉLLO%'), { ci: true }), [false, false, n, true]),

  // Math.
  c('round(double) ties to even', call('round', col('x')), [2, -2, n, 1e20]),
  c('round(double) more', call('round', col('y')), [0, 0, 4, 2]),
  c('round(decimal) ties away from zero', call('round', col('d')), ['3.000', '-3.000', n, '0.000']),
  c('round(decimal) more', call('round', col('e')), ['-3.000', '0.000', '1.000', '1.000']),
  c('round(decimal, 2)', call('round', col('d'), i32(2)), ['2.680', '-2.680', n, '-0.010']),
  c('round(double, 2)', call('round', col('y'), i32(2)), [-0.5, 0.13, 3.5, 1.5]),
  c('round(int, -1)', call('round', col('a'), i32(-1)), [-10, 10, n, 0]),
  c('round(int)', call('round', col('a')), [-7, 7, n, 0]),
  c('floor double', call('floor', col('y')), [-1, 0, 3, 1]),
  c('ceil double', call('ceil', col('y')), [0, 1, 4, 2]),
  c('floor decimal', call('floor', col('d')), ['2.000', '-3.000', n, '-1.000']),
  c('ceil decimal', call('ceil', col('d')), ['3.000', '-2.000', n, '0.000']),
  c('floor int', call('floor', col('a')), [-7, 7, n, 0]),
  c('sign int', call('sign', col('a')), [-1, 1, n, 0]),
  c('sign double', call('sign', col('y')), [-1, 1, 1, 1]),
  c('sign decimal', call('sign', col('d')), ['1.000', '-1.000', n, '-1.000']),
  c('sqrt', call('sqrt', call('abs', col('y'))), [Math.sqrt(0.5), Math.sqrt(0.125), Math.sqrt(3.5), Math.sqrt(1.5)]),
  c('sqrt of a decimal', call('sqrt', call('abs', col('e'))), [Math.sqrt(2.5), 0, Math.sqrt(0.5), Math.sqrt(1.005)]),
  c('power', call('power', col('b'), i32(2)), [4, 0, 9, n]),
  c('ln', call('ln', call('abs', col('y'))), [Math.log(0.5), Math.log(0.125), Math.log(3.5), Math.log(1.5)]),
  c('exp', call('exp', col('y')), [Math.exp(-0.5), Math.exp(0.125), Math.exp(3.5), Math.exp(1.5)]),
  c('greatest skips NULL', call('greatest', col('a'), col('b')), [2, 7, -3, 0]),
  c('least skips NULL', call('least', col('a'), col('b')), [-7, 0, -3, 0]),
  c('greatest of strings (byte order)', call('greatest', col('s'), col('t')), ['a%', 'abc', '', 'héllo wörld']),
  c('greatest of date and timestamp', call('greatest', col('dt'), col('ts')), ['2024-02-29 10:30:05.500000', '2023-03-31 00:00:00.000000', n, '2024-01-01 00:00:00.000000']),

  // NULL handling, CASE, IN.
  c('coalesce', call('coalesce', col('a'), col('b'), i32(99)), [-7, 7, -3, 0]),
  c('nullif', call('nullif', col('a'), i32(7)), [-7, n, n, 0]),
  c('case without else', { kind: 'case', whens: [{ when: call('gt', col('a'), i32(0)), then: str('pos') }, { when: call('lt', col('a'), i32(0)), then: str('neg') }], else: null, type: T.utf8 }, ['neg', 'pos', n, n]),
  c('case on a NULL condition takes else', { kind: 'case', whens: [{ when: col('flag'), then: col('x') }], else: col('y'), type: T.float64 }, [2.5, 0.125, 3.5, 1.5]),
  c('in', { kind: 'in', expr: col('a'), list: [i32(7), i32(-7)], negated: false }, [true, true, n, false]),
  c('in with NULL in the list', { kind: 'in', expr: col('a'), list: [i32(1), lit(T.int32, null)], negated: false }, all(n)),
  c('not in', { kind: 'in', expr: col('a'), list: [i32(1), i32(2)], negated: true }, [true, true, n, true]),
  c('in ()', { kind: 'in', expr: col('a'), list: [], negated: false }, all(false)),
  c('not in ()', { kind: 'in', expr: col('a'), list: [], negated: true }, all(true)),
  c('is null', { kind: 'isnull', expr: col('a'), negated: false }, [false, false, true, false]),
  c('is not null', { kind: 'isnull', expr: col('s'), negated: true }, [true, true, false, true]),

  // Casts.
  c('double -> int rounds half to even', cast(col('y'), T.int32), [0, 0, 4, 2]),
  c('decimal -> int rounds half away', cast(col('d'), T.int32), [3, -3, n, 0]),
  c('decimal -> bigint', cast(col('e'), T.int64), [-3n, 0n, 1n, 1n]),
  c('int -> text', cast(col('a'), T.utf8), ['-7', '7', n, '0']),
  c('bigint -> text', cast(col('big'), T.utf8), ['9007199254740993', '-9223372036854775807', n, '0']),
  c('bool -> text', cast(col('flag'), T.utf8), ['true', 'false', n, 'false']),
  c('double -> text', cast(col('x'), T.utf8), ['2.5', '-2.5', n, '1e+20']),
  c('double -> text (fixed)', cast(col('y'), T.utf8), ['-0.5', '0.125', '3.5', '1.5']),
  c('double -> text 1.5e15', cast(f64(1.5e15), T.utf8), all('1.5e+15')),
  c('double -> text integral', cast(f64(100), T.utf8), all('100')),
  c('double -> text small', cast(f64(1e-5), T.utf8), all('1e-05')),
  c('double -> text 15 digits', cast(f64(123456789012345), T.utf8), all('123456789012345')),
  c('decimal -> text keeps the scale', cast(col('d'), T.utf8), ['2.675', '-2.675', n, '-0.005']),
  c('date -> text', cast(col('dt'), T.utf8), ['2024-01-31', '2023-03-31', n, '2000-02-29']),
  c('timestamp -> text', cast(col('ts'), T.utf8), ['2024-02-29 10:30:05.5', '1999-12-31 23:59:59.999999', n, '2024-01-01 00:00:00']),
  c('text -> int', cast(str('42'), T.int32), all(42)),
  c('text -> bigint with spaces', cast(str(' -17 '), T.int64), all(-17n)),
  c('text -> double', cast(str('2.5'), T.float64), all(2.5)),
  c('text -> date', cast(str('2024-2-5'), T.date), all('2024-02-05')),
  c('text -> timestamp', cast(str('2024-02-05 01:02:03'), T.timestamp), all('2024-02-05 01:02:03.000000')),
  c('text -> bool yes', cast(str('yes'), T.bool), all(true)),
  c('text -> bool off', cast(str('off'), T.bool), all(false)),
  c('text -> decimal rounds half away', cast(str('12.345'), T.decimal(5, 2)), all('12.35')),
  c('date -> timestamp', cast(col('dt'), T.timestamp), ['2024-01-31 00:00:00.000000', '2023-03-31 00:00:00.000000', n, '2000-02-29 00:00:00.000000']),
  c('timestamp -> date', cast(col('ts'), T.date), ['2024-02-29', '1999-12-31', n, '2024-01-01']),
  c('int -> double', cast(col('a'), T.float64), [-7, 7, n, 0]),
  c('int -> decimal', cast(col('a'), T.decimal(10, 2)), ['-7.00', '7.00', n, '0.00']),
  c('double -> decimal rounds half away', cast(col('y'), T.decimal(10, 2)), ['-0.50', '0.13', '3.50', '1.50']),
  c('decimal -> smaller scale', cast(col('d'), T.decimal(10, 2)), ['2.68', '-2.68', n, '-0.01']),
  c('int -> bool', cast(col('a'), T.bool), [true, true, n, false]),
  c('bool -> int', cast(col('flag'), T.int32), [1, 0, n, 0]),

  // Dates and timestamps.
  c('date + int', call('add', col('dt'), i32(1)), ['2024-02-01', '2023-04-01', n, '2000-03-01']),
  c('date - int column', call('subtract', col('dt'), col('a')), ['2024-02-07', '2023-03-24', n, '2000-02-29']),
  c('date - date is days', call('subtract', col('dt'), lit(T.date, '2000-01-01')), [days('2024-01-31', '2000-01-01'), days('2023-03-31', '2000-01-01'), n, days('2000-02-29', '2000-01-01')]),
  c('date + 1 month clamps to the month end', call('add', col('dt'), iv(1, 0, '0')), ['2024-02-29 00:00:00.000000', '2023-04-30 00:00:00.000000', n, '2000-03-29 00:00:00.000000']),
  c('timestamp + interval', call('add', col('ts'), iv(1, 1, '1500000')), ['2024-03-30 10:30:07.000000', '2000-02-02 00:00:01.499999', n, '2024-02-02 00:00:01.500000']),
  c('timestamp - interval', call('subtract', col('ts'), iv(1, 0, '0')), ['2024-01-29 10:30:05.500000', '1999-11-30 23:59:59.999999', n, '2023-12-01 00:00:00.000000']),
  c('timestamp - timestamp', call('subtract', col('ts'), lit(T.timestamp, '2024-01-01 00:00:00.000000')), [
    { months: 0, days: 59, micros: '37805500000' }, { months: 0, days: -8766, micros: '-1' }, n, { months: 0, days: 0, micros: '0' },
  ]),
  c('extract year', call('extract_year', col('dt')), [2024n, 2023n, n, 2000n]),
  c('extract quarter', call('extract_quarter', col('dt')), [1n, 1n, n, 1n]),
  c('extract month', call('extract_month', col('dt')), [1n, 3n, n, 2n]),
  c('extract day', call('extract_day', col('dt')), [31n, 31n, n, 29n]),
  c('extract dow (Sunday = 0)', call('extract_dow', col('dt')), [3n, 5n, n, 2n]),
  c('extract doy', call('extract_doy', col('dt')), [31n, 90n, n, 60n]),
  c('extract hour', call('extract_hour', col('ts')), [10n, 23n, n, 0n]),
  c('extract minute', call('extract_minute', col('ts')), [30n, 59n, n, 0n]),
  c('extract second (whole)', call('extract_second', col('ts')), [5n, 59n, n, 0n]),
  c('extract hour of a date', call('extract_hour', col('dt')), [0n, 0n, n, 0n]),
  c('date_trunc month', call('date_trunc', str('month'), col('ts')), ['2024-02-01 00:00:00.000000', '1999-12-01 00:00:00.000000', n, '2024-01-01 00:00:00.000000']),
  c('date_trunc week (Monday)', call('date_trunc', str('week'), col('dt')), ['2024-01-29 00:00:00.000000', '2023-03-27 00:00:00.000000', n, '2000-02-28 00:00:00.000000']),
  c('date_trunc quarter', call('date_trunc', str('quarter'), col('dt')), ['2024-01-01 00:00:00.000000', '2023-01-01 00:00:00.000000', n, '2000-01-01 00:00:00.000000']),
  c('date_trunc hour', call('date_trunc', str('hour'), col('ts')), ['2024-02-29 10:00:00.000000', '1999-12-31 23:00:00.000000', n, '2024-01-01 00:00:00.000000']),

  // stable_id (CONTRACTS.md), checked against an independent SHA-256.
  c('stable_id', call('stable_id', col('s'), col('a'), col('dt'), col('flag')), [
    stableId('ABC', '-7', '2024-01-31', 'true'), stableId('abc', '7', '2023-03-31', 'false'), stableId(null, null, null, null), stableId('héllo wörld', '0', '2000-02-29', 'false'),
  ]),
  c('stable_id of a bigint', call('stable_id', col('big')), [stableId('9007199254740993'), stableId('-9223372036854775807'), stableId(null), stableId('0')]),
];

let engines: Engine[] = [];

test.before(async () => {
  engines = await openEngines([NUMS]);
});

test.after(async () => {
  for (const e of engines) await e.close();
});

function projection(cases: readonly Case[]): Rel {
  return { kind: 'project', input: scanOf(NUMS), exprs: cases.map((x) => x.expr), names: cases.map((_, i) => `c${i}`) };
}

async function runCases(engine: Engine, cases: readonly Case[]): Promise<string[]> {
  const rel = projection(cases);
  const schema = schemaOf(rel);
  const { rows, types } = await engine.run(lowerRel(rel, engine.dialect), schema);
  const problems: string[] = [];
  cases.forEach((k, i) => {
    const got = rows.map((r) => r[i]!);
    if (got.length !== k.expect.length || !got.every((v, j) => sameValue(v, k.expect[j]!))) problems.push(`${engine.dialect}: ${k.name}: got ${show(got)}, want ${show(k.expect)}`);
    const t: DataType = schema[i]!.type;
    if (!expectedEngineType(t, engine.dialect).test(types[i]!)) problems.push(`${engine.dialect}: ${k.name}: engine type ${types[i]} for IR ${t.kind}`);
  });
  return problems;
}

test('every function, operator and cast gives PostgreSQL results on DuckDB, SQLite and PostgreSQL', async () => {
  const problems: string[] = [];
  for (const e of engines) {
    try {
      problems.push(...(await runCases(e, CASES)));
    } catch {
      // Pinpoint the failing cases one at a time.
      for (const k of CASES) {
        try {
          problems.push(...(await runCases(e, [k])));
        } catch (err) {
          problems.push(`${e.dialect}: ${k.name}: ${(err as Error).message.split('\n')[0]}`);
        }
      }
    }
  }
  assert.equal(problems, []);
});

/** The engine refused the value: not a bug of the harness or of the lowering (a JS error or a relc error). */
function assertEngineRejected(err: unknown, what: string): void {
  assert.not.instance(err, TypeError, `${what}: ${String(err)}`);
  assert.not.instance(err, ReferenceError, `${what}: ${String(err)}`);
  assert.not.ok((err as { code?: string }).code === 'INVALID_PLAN' || (err as { code?: string }).code === 'BACKEND_UNSUPPORTED' || (err as { code?: string }).code === 'INTERNAL', `${what}: ${String(err)}`);
}

test('invalid text casts raise on every engine (never a made-up value)', async () => {
  for (const [text, type] of [['12.5', T.int32], ['abc', T.int64], ['1e3', T.int32], ['maybe', T.bool], ['2024-13-01', T.date], ['x1', T.float64]] as const) {
    for (const e of engines) {
      let failed: unknown;
      try {
        await runCases(e, [c(`cast ${text}`, cast(str(text), type), all(n))]);
      } catch (err) {
        failed = err;
      }
      assert.ok(failed, `${e.dialect}: CAST('${text}' AS ${type.kind}) must fail`);
      assertEngineRejected(failed, `${e.dialect}: CAST('${text}' AS ${type.kind})`);
    }
  }
});

test('a negative substring length raises on every engine', async () => {
  for (const e of engines) {
    let failed: unknown;
    try {
      await runCases(e, [c('substring negative length', call('substring', col('s'), i32(1), i32(-1)), all(n))]);
    } catch (err) {
      failed = err;
    }
    assert.ok(failed, `${e.dialect}: substring with a negative length must fail`);
    assertEngineRejected(failed, `${e.dialect}: substring with a negative length`);
  }
});

test('degree trigonometry of an infinite angle or an arcsine outside [-1, 1] raises on every engine', async () => {
  const calls = [['sind', Infinity], ['cosd', -Infinity], ['tand', Infinity], ['cotd', -Infinity], ['asind', 2], ['acosd', -1.5]] as const;
  for (const e of engines) {
    for (const [fn, v] of calls) {
      let failed: unknown;
      try {
        await runCases(e, [c(`${fn}(${v})`, call(fn, lit(T.float64, Number.isFinite(v) ? v : v > 0 ? 'Infinity' : '-Infinity')), all(n))]);
      } catch (err) {
        failed = err;
      }
      assert.ok(failed, `${e.dialect}: ${fn}(${v}) must fail`);
      assertEngineRejected(failed, `${e.dialect}: ${fn}(${v})`);
      assert.match(String((failed as Error).message), /input is out of range/, `${e.dialect}: ${fn}(${v})`);
    }
  }
});

test('make_timestamp with a field out of range raises on every engine', async () => {
  const i64 = (v: number) => lit(T.int64, String(v));
  const calls = [[2013, 2, 29, 1, 0, 0, 'date'], [0, 7, 15, 8, 1, 1, 'date'], [2013, 7, 15, 8, 60, 0, 'time'], [2013, 7, 15, 8, 15, 60.5, 'time'], [2013, 7, 15, 24, 0, 0.5, 'time'], [2013, 7, 15, 8, 1, -1, 'time']] as const;
  for (const e of engines) {
    for (const [y, mo, d, h, mi, sec, field] of calls) {
      const what = `${e.dialect}: make_timestamp(${y}, ${mo}, ${d}, ${h}, ${mi}, ${sec})`;
      let failed: unknown;
      try {
        await runCases(e, [c(what, call('make_timestamp', i64(y), i64(mo), i64(d), i64(h), i64(mi), f64(sec)), all(n))]);
      } catch (err) {
        failed = err;
      }
      assert.ok(failed, `${what} must fail`);
      assertEngineRejected(failed, what);
      assert.match(String((failed as Error).message), field === 'date' ? /date field value out of range|Date out of range/ : /time field value out of range/, what);
    }
  }
});

test.run();
