// SQLite engine shims: JS functions registered on every connection so that the SQL lowered for
// SQLite (src/lower/sql) has PostgreSQL's semantics where SQLite's built-ins differ. Registered
// with safeIntegers, so integers arrive as bigint; a returned bigint is stored as INTEGER, a
// number as REAL. Dates and timestamps are TEXT 'YYYY-MM-DD' / 'YYYY-MM-DD HH:MM:SS.ffffff',
// intervals JSON text {"months","days","micros"} (CONTRACTS.md). Every function is deterministic.

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { BYTEA_SHIMS } from './bytea-functions.ts';
import { def, fail, str, strict, type Sql, type SqliteFunction } from './shim.ts';
import { decodeUnistr, addInterval as addIntervalMicros, civilFromDays, dateBin, divideInterval, justifyDays, justifyHours, justifyInterval, makeInterval, multiplyInterval, timestampOfEpoch, truncInterval, type IntervalParts, dateText as dayText, daysFromCivil, daysInMonth, parseBoolText, readDateInput, readTimestampInput, timestampText as tsText, jsonArrayLength, jsonbConcat, jsonbContains, jsonbDelete, jsonbEqual, jsonbExists, jsonbPretty, jsonbSet, jsonbStripNulls, jsonbText, jsonGet, jsonTypeof, jsonValueText, parseJson, quoteJson } from '../../ir/index.ts';
import { quoteLongIntegers } from '../values.ts';

export type { SqliteFunction } from './shim.ts';

const num = (v: Sql): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v));
/** Code points, as SQLite and PostgreSQL count characters (JS strings count UTF-16 units). */
const chars = (s: string): string[] => [...s];

// ---- LIKE / ILIKE (PostgreSQL: case-sensitive, `_` one character, `%` any run, escape char) ----

const likeCache = new Map<string, RegExp>();

function likeRegex(pattern: string, escape: string): RegExp {
  const key = `${escape}\u0000${pattern}`;
  let re = likeCache.get(key);
  if (re) return re;
  let src = '';
  const cs = chars(pattern);
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (escape !== '' && c === escape) {
      const next = cs[++i];
      if (next === undefined) fail('LIKE pattern must not end with escape character');
      src += next!.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
    } else if (c === '%') src += '.*';
    else if (c === '_') src += '.';
    else src += c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  re = new RegExp(`^${src}$`, 'su');
  if (likeCache.size >= 512) likeCache.clear();
  likeCache.set(key, re);
  return re;
}

function like(value: Sql, pattern: Sql, escape: Sql): bigint | null {
  if (value === null || pattern === null || escape === null) return null;
  return likeRegex(str(pattern), str(escape)).test(str(value)) ? 1n : 0n;
}

// ---- Regular expressions (PostgreSQL's ARE as JS RegExp) ----

// POSIX bracket classes, which JS lacks, inside a bracket expression.
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: '\\p{L}', digit: '0-9', alnum: '\\p{L}\\p{N}', upper: '\\p{Lu}', lower: '\\p{Ll}', space: '\\s', punct: '\\p{P}',
  xdigit: '0-9A-Fa-f', word: '\\w', blank: ' \\t', cntrl: '\\p{Cc}', print: '\\P{C}', graph: '\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}',
};
const regexCache = new Map<string, RegExp>();

/** A `]` first in a bracket expression (after `[` or `[^`) is a literal in PostgreSQL (and RE2); JS needs it escaped. */
function literalLeadingBrackets(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '\\') {
      out += ch + (p[i + 1] ?? '');
      i++;
    } else if (!inClass && ch === '[') {
      inClass = true;
      out += ch;
      if (p[i + 1] === '^') out += p[++i];
      if (p[i + 1] === ']') {
        out += '\\]';
        i++;
      }
    } else if (inClass && ch === '[' && p[i + 1] === ':' && p.indexOf(':]', i + 2) >= 0) {
      const end = p.indexOf(':]', i + 2) + 2;
      out += p.slice(i, end);
      i = end - 1;
    } else {
      if (inClass && ch === ']') inClass = false;
      out += ch;
    }
  }
  return out;
}

/** `pattern` as a JS RegExp: `.` matches a newline (PostgreSQL's default), `i` ignores case, `g` finds every match. */
function regexOf(pattern: string, flags: string): RegExp {
  const key = `${flags}\u0000${pattern}`;
  let re = regexCache.get(key);
  if (re) return re;
  const src = literalLeadingBrackets(pattern).replace(/\[:([a-z]+):\]/g, (m, name: string) => POSIX_CLASSES[name] ?? m).replace(/\\[mM]|\\y/g, '\\b');
  try {
    re = new RegExp(src, `su${flags}`);
  } catch {
    try {
      re = new RegExp(src, `s${flags}`); // identity escapes (`\-`) a Unicode-mode RegExp refuses
    } catch (e) {
      fail(`invalid regular expression: ${(e as Error).message}`);
    }
  }
  if (regexCache.size >= 512) regexCache.clear();
  regexCache.set(key, re!);
  return re!;
}

/**
 * Up to `limit` non-overlapping matches of `pattern` in `text`, searching from character `start`
 * (1 by default; `^` matches only at the text's start, as in PostgreSQL), with group indices.
 * After an empty match the search moves on one character.
 */
function matchesFrom(text: string, pattern: string, start: Sql | undefined, flags: Sql | undefined, limit: number): RegExpExecArray[] {
  const base = regexOf(pattern, str(flags ?? '').includes('i') ? 'i' : '');
  const re = new RegExp(base.source, `${base.flags}gd`);
  re.lastIndex = chars(text).slice(0, Math.max(num(start ?? 1n) - 1, 0)).join('').length;
  const out: RegExpExecArray[] = [];
  if (num(start ?? 1n) - 1 > chars(text).length) return out;
  while (out.length < limit) {
    const m = re.exec(text);
    if (!m) break;
    out.push(m);
    if (m[0] === '') re.lastIndex += (text.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
  return out;
}

/**
 * PostgreSQL's regexp_split_to_array: the text between matches, where a zero-length match at
 * either end of the string or right after the previous match does not split.
 */
function regexpSplit(s: string, re: RegExp): string[] {
  const out: string[] = [];
  let start = 0;
  let prevEnd = -1;
  for (const m of s.matchAll(re)) {
    const at = m.index;
    if (m[0] === '' && (at === 0 || at === s.length || at === prevEnd)) continue;
    out.push(s.slice(start, at));
    start = prevEnd = at + m[0].length;
  }
  out.push(s.slice(start));
  return out;
}

/** PostgreSQL's replacement text: \1…\9 a group, \& the match, \\ a backslash. */
function expandReplacement(replacement: string, match: readonly (string | undefined)[]): string {
  return replacement.replace(/\\([0-9&\\])/g, (_, c: string) => (c === '\\' ? '\\' : c === '&' ? match[0]! : match[Number(c)] ?? ''));
}

// ---- Case mapping, one code point at a time (PostgreSQL's towlower/towupper; no 'ß' → 'SS') ----

function mapChars(s: string, f: (c: string) => string, simple: ReadonlyMap<string, string>): string {
  return chars(s).map((c) => {
    const m = f(c);
    return chars(m).length === 1 ? m : simple.get(c) ?? c;
  }).join('');
}
// Where JS's full mapping is several characters but the simple one (what towupper/towlower apply)
// is another single character: 'İ' lowers to 'i'; Greek vowels with ypogegrammeni upper to their
// prosgegrammeni forms (ᾀ → ᾈ, ᾳ → ᾼ). Checked code point by code point against PostgreSQL.
const SIMPLE_LOWER: ReadonlyMap<string, string> = new Map([['\u0130', 'i']]);
const SIMPLE_UPPER: ReadonlyMap<string, string> = new Map([
  ...[0x1f80, 0x1f90, 0x1fa0].flatMap((base) => Array.from({ length: 8 }, (_, i): [string, string] => [String.fromCodePoint(base + i), String.fromCodePoint(base + i + 8)])),
  ['\u1fb3', '\u1fbc'], ['\u1fc3', '\u1fcc'], ['\u1ff3', '\u1ffc'],
]);
const lower = (s: string) => mapChars(s, (c) => c.toLowerCase(), SIMPLE_LOWER);
const upper = (s: string) => mapChars(s, (c) => c.toUpperCase(), SIMPLE_UPPER);

// ---- Numbers ----

/** Round half to even (PostgreSQL's rint for double precision). */
function roundEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
}

/** Round half away from zero at `n` decimal digits of the shortest decimal text of x (as PostgreSQL's numeric). */
function roundDigits(x: number, n: number, truncate = false): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const [mant, exp] = String(Math.abs(x)).split('e') as [string, string | undefined];
  const [ip, fp = ''] = mant.split('.') as [string, string | undefined];
  const digits = ip + fp;
  const point = ip.length + (exp === undefined ? 0 : Number(exp));
  const keep = point + n;
  if (keep < 0) return 0;
  if (keep >= digits.length) return x;
  let kept = BigInt(digits.slice(0, keep) || '0');
  if (!truncate && digits[keep]! >= '5') kept += 1n;
  const v = Number(`${kept}e${-n}`);
  return x < 0 ? -v : v;
}

function roundIntDigits(x: bigint, n: number): bigint {
  if (n >= 0) return x;
  const m = 10n ** BigInt(-n);
  const q = x / m;
  const r = x % m;
  const away = (r < 0n ? -r : r) * 2n >= m ? (x < 0n ? -1n : 1n) : 0n;
  return (q + away) * m;
}

const INT_RANGE = { 32: [-(2n ** 31n), 2n ** 31n - 1n], 64: [-(2n ** 63n), 2n ** 63n - 1n] } as const;

function inRange(v: bigint, bits: Sql, what: string): bigint {
  const [lo, hi] = INT_RANGE[num(bits) === 32 ? 32 : 64];
  return v < lo || v > hi ? fail(`${num(bits) === 32 ? 'integer' : 'bigint'} out of range: ${what}`) : v;
}

function toInt(x: number, bits: Sql): bigint {
  if (!Number.isFinite(x)) fail(`cannot convert ${x} to integer`);
  if (Math.abs(x) >= 2 ** 63) fail(`bigint out of range: ${x}`);
  return inRange(BigInt(x), bits, String(x));
}

// ---- Checked integer arithmetic (PostgreSQL raises where SQLite would widen to 64 bits or to REAL) ----

const OUT_OF_RANGE = { 32: 'integer out of range', 64: 'bigint out of range' } as const;

/** An integer argument. Integers arrive as bigint (safeIntegers); a REAL here is never an exact integer of the type. */
function intArg(v: bigint | number | string | Uint8Array, bits: 32 | 64): bigint {
  if (typeof v === 'bigint') return v;
  return typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : fail(OUT_OF_RANGE[bits]);
}

/** A two-argument integer operator whose result must fit `bits`; NULL in, NULL out; `op` may return NULL (x / 0). */
function checked2(bits: 32 | 64, op: (a: bigint, b: bigint) => bigint | null): (a: Sql, b: Sql) => Sql {
  const [lo, hi] = INT_RANGE[bits];
  return (a: Sql, b: Sql): Sql => {
    if (a === null || b === null) return null;
    const r = op(intArg(a, bits), intArg(b, bits));
    return r === null || (r >= lo && r <= hi) ? r : fail(OUT_OF_RANGE[bits]);
  };
}

function checked1(bits: 32 | 64, op: (a: bigint) => bigint): (a: Sql) => Sql {
  const [lo, hi] = INT_RANGE[bits];
  return (a: Sql): Sql => {
    if (a === null) return null;
    const r = op(intArg(a, bits));
    return r >= lo && r <= hi ? r : fail(OUT_OF_RANGE[bits]);
  };
}

// BigInt division truncates toward zero, as PostgreSQL's; x / 0 is NULL (relc's rule on every backend).
const INT_OPS: readonly [string, (a: bigint, b: bigint) => bigint | null][] = [
  ['add', (a, b) => a + b],
  ['sub', (a, b) => a - b],
  ['mul', (a, b) => a * b],
  ['div', (a, b) => (b === 0n ? null : a / b)],
];
const INT_UNARY: readonly [string, (a: bigint) => bigint][] = [
  ['neg', (a) => -a],
  ['abs', (a) => (a < 0n ? -a : a)],
];

// ---- Exact integer decimals past int64 (sum(int64) is decimal(38,0)) ----

/**
 * An integer-valued decimal: an INTEGER while it fits int64, else its exact decimal TEXT (SQLite
 * has nothing wider; values.ts reads both; arithmetic converts the text to REAL; comparisons and
 * sort keys of decimals go through CAST(… AS NUMERIC) so the text never orders as text).
 */
function exactInteger(v: bigint): bigint | string {
  return v >= INT_RANGE[64][0] && v <= INT_RANGE[64][1] ? v : v.toString();
}

const INT_TEXT_EXACT = /^-?\d+$/;

/** relc_sum_i64's accumulator: the BigInt sum and how many non-NULL values are in it (none: NULL). */
interface SumState {
  sum: bigint;
  n: number;
}

/** PostgreSQL's float8out: shortest round-trip digits, exponent form below 1e-4 and from 1e15. */
function floatText(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [m, e] = Math.abs(x).toExponential().split('e') as [string, string];
  const exp = Number(e);
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 15) return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(x);
}

// PostgreSQL's isspace: space, \t, \n, \v, \f, \r.
const WS = '[ \\t\\n\\v\\f\\r]*';
const INT_TEXT = new RegExp(`^${WS}([+-]?\\d+)${WS}$`);
const FLOAT_TEXT = new RegExp(`^${WS}([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?(?:inf|infinity))${WS}$`, 'i');

function textToFloat(s: string): number {
  const m = FLOAT_TEXT.exec(s);
  if (!m) {
    if (/^\s*nan\s*$/i.test(s)) fail('NaN cannot be stored by SQLite');
    fail(`invalid input syntax for type double precision: "${s}"`);
  }
  const t = m![1]!.toLowerCase();
  const v = t.endsWith('inf') || t.endsWith('infinity') ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
  return Number.isFinite(v) || t.includes('inf') ? v : fail(`"${s}" is out of range for type double precision`);
}


// ---- Trigonometry in degrees, PostgreSQL's way: the argument reduced to the first quadrant, then
// sin/cos scaled so that 30, 45, 60 and 90 degrees are exact (src/ir/functions/math.ts).

const RAD = Math.PI / 180;
const sind0to30 = (x: number) => Math.sin(x * RAD) / Math.sin(30 * RAD) / 2;
const cosd0to60 = (x: number) => 1 - (1 - Math.cos(x * RAD)) / (1 - Math.cos(60 * RAD)) / 2;
const sindQ1 = (x: number) => (x <= 30 ? sind0to30(x) : cosd0to60(90 - x));
const cosdQ1 = (x: number) => (x <= 60 ? cosd0to60(x) : sind0to30(90 - x));
const asindQ1 = (x: number) => (x <= 0.5 ? (Math.asin(x) / Math.asin(0.5)) * 30 : 90 - (Math.acos(x) / Math.acos(0.5)) * 60);
const acosdQ1 = (x: number) => (x <= 0.5 ? 90 - (Math.asin(x) / Math.asin(0.5)) * 30 : (Math.acos(x) / Math.acos(0.5)) * 60);

/**
 * An angle in degrees as [sign, angle in [0, 90]] for an odd function of period 360 (sin, tan,
 * cot); `signPast90` is how its value at 180 - a relates to its value at a.
 */
function firstQuadrant(x: number, signPast90: 1 | -1): [number, number] {
  if (!Number.isFinite(x)) fail('input is out of range');
  let a = x % 360;
  let sign = 1;
  if (a < 0) [a, sign] = [-a, -sign];
  if (a > 180) [a, sign] = [360 - a, -sign];
  if (a > 90) [a, sign] = [180 - a, sign * signPast90];
  return [sign, a];
}

const inUnitRange = (x: number): number => (x < -1 || x > 1 ? fail('input is out of range') : x);
const noNegativeZero = (x: number): number => x + 0;

const DEGREE_TRIG: Readonly<Record<string, (x: number) => number>> = {
  sind: (x) => (Number.isNaN(x) ? x : ((s, a) => s * sindQ1(a))(...firstQuadrant(x, 1))),
  cosd: (x) => {
    if (Number.isNaN(x)) return x;
    if (!Number.isFinite(x)) fail('input is out of range');
    const a = Math.abs(x % 360) > 180 ? 360 - Math.abs(x % 360) : Math.abs(x % 360); // even: no sign past 180
    return a > 90 ? -cosdQ1(180 - a) : cosdQ1(a);
  },
  tand: (x) => (Number.isNaN(x) ? x : noNegativeZero(((s, a) => (s * (sindQ1(a) / cosdQ1(a))) / (sindQ1(45) / cosdQ1(45)))(...firstQuadrant(x, -1)))),
  cotd: (x) => (Number.isNaN(x) ? x : noNegativeZero(((s, a) => (s * (cosdQ1(a) / sindQ1(a))) / (cosdQ1(45) / sindQ1(45)))(...firstQuadrant(x, -1)))),
  asind: (x) => (Number.isNaN(x) ? x : inUnitRange(x) >= 0 ? asindQ1(x) : -asindQ1(-x)),
  acosd: (x) => (Number.isNaN(x) ? x : inUnitRange(x) >= 0 ? acosdQ1(x) : 90 + asindQ1(-x)),
  atand: (x) => (Math.atan(x) / Math.atan(1)) * 45,
};

// ---- Math with PostgreSQL's domain errors (SQLite's math functions return NULL there) ----

const outOfDomain = (): never => fail('input is out of range');
const logOf = (f: (x: number) => number) => (x: number): number => (x === 0 ? fail('cannot take logarithm of zero') : x < 0 ? fail('cannot take logarithm of a negative number') : f(x));
const CHECKED_MATH: Readonly<Record<string, (x: number) => number>> = {
  sqrt: (x) => (x < 0 ? fail('cannot take square root of a negative number') : Math.sqrt(x)),
  ln: logOf(Math.log),
  log10: logOf(Math.log10),
  asin: (x) => (x < -1 || x > 1 ? outOfDomain() : Math.asin(x)),
  acos: (x) => (x < -1 || x > 1 ? outOfDomain() : Math.acos(x)),
  acosh: (x) => (x < 1 ? outOfDomain() : Math.acosh(x)),
  atanh: (x) => (x < -1 || x > 1 ? outOfDomain() : Math.atanh(x)),
  cot: (x) => 1 / Math.tan(x),
};

function power(x: number, y: number): number {
  if (x === 0 && y < 0) fail('zero raised to a negative power is undefined');
  if (x < 0 && y !== Math.floor(y)) fail('a negative number raised to a non-integer power yields a complex result');
  return Math.pow(x, y);
}

// ---- Dates and timestamps (proleptic Gregorian, micros since 1970-01-01) ----

const DAY = 86_400_000_000n;

/** civilFromDays as a [year, month, day] tuple (src/ir/temporal.ts is the one calendar). */
function civilTuple(days: number): [number, number, number] {
  const { year, month, day } = civilFromDays(days);
  return [year, month, day];
}

function needTs(v: Sql): bigint {
  const s = str(v);
  return readTimestampInput(s) ?? fail(`invalid timestamp text: "${s}"`);
}

interface Interval {
  months: number;
  days: number;
  micros: bigint;
}

function parseInterval(v: Sql): Interval {
  const o = JSON.parse(str(v)) as { months: number; days: number; micros: string | number };
  return { months: o.months, days: o.days, micros: BigInt(o.micros) };
}

/**
 * An interval's order as text: PostgreSQL's span (months of 30 days, days of 24 hours, in
 * microseconds) offset by 10^30 and zero-padded, so that text order (SQLite's BINARY collation)
 * is interval order and equal spans ('1 mon', '30 days') are equal.
 */
function intervalKey(v: Sql): string {
  const iv = parseInterval(v);
  const span = (BigInt(iv.months) * 30n + BigInt(iv.days)) * DAY + iv.micros;
  return (span + 10n ** 30n).toString().padStart(31, '0');
}

/** The interval of greatest (sign 1) or least span, NULLs skipped; the first of equal ones. */
function pickInterval(values: readonly Sql[], sign: 1 | -1): Sql {
  let best: Sql = null;
  let bestKey = '';
  for (const v of values) {
    if (v === null) continue;
    const k = intervalKey(v);
    if (best === null || (sign === 1 ? k > bestKey : k < bestKey)) [best, bestKey] = [v, k];
  }
  return best;
}

/** An interval as the JSON text SQLite keeps (CONTRACTS.md). */
const ivText = (iv: IntervalParts): string => JSON.stringify({ months: iv.months, days: iv.days, micros: String(iv.micros) });

/** PostgreSQL's timestamp ± interval (src/ir/temporal.ts). */
function addInterval(ts: bigint, iv: Interval, sign: 1 | -1): string {
  return tsText(addIntervalMicros(ts, sign * iv.months, sign * iv.days, BigInt(sign) * iv.micros));
}

/** A timestamp's civil fields: date, and the time of day as hour, minute, second, microsecond. */
function fieldsOf(ts: bigint) {
  const days = ts >= 0n ? ts / DAY : (ts - DAY + 1n) / DAY;
  const rest = ts - days * DAY;
  const { year, month, day } = civilFromDays(Number(days));
  const secs = Number(rest / 1_000_000n);
  return { year, month, day, hour: Math.floor(secs / 3600), minute: Math.floor(secs / 60) % 60, second: secs % 60, micro: Number(rest % 1_000_000n) };
}

/**
 * PostgreSQL's age(a, b): the fields of the later minus those of the earlier, each negative
 * field borrowing from the next larger one (a day borrows the length of the earlier timestamp's
 * month), with the sign of a - b.
 */
function age(a: bigint, b: bigint): { months: number; days: number; micros: string } {
  const negative = a < b;
  const [later, earlier] = negative ? [fieldsOf(b), fieldsOf(a)] : [fieldsOf(a), fieldsOf(b)];
  let micro = later.micro - earlier.micro;
  let second = later.second - earlier.second;
  let minute = later.minute - earlier.minute;
  let hour = later.hour - earlier.hour;
  let day = later.day - earlier.day;
  let month = later.month - earlier.month;
  let year = later.year - earlier.year;
  if (micro < 0) [micro, second] = [micro + 1_000_000, second - 1];
  if (second < 0) [second, minute] = [second + 60, minute - 1];
  if (minute < 0) [minute, hour] = [minute + 60, hour - 1];
  if (hour < 0) [hour, day] = [hour + 24, day - 1];
  if (day < 0) [day, month] = [day + daysInMonth(earlier.year, earlier.month), month - 1];
  if (month < 0) [month, year] = [month + 12, year - 1];
  const sign = negative ? -1 : 1;
  const micros = BigInt(((hour * 60 + minute) * 60 + second) * 1_000_000 + micro) * BigInt(sign);
  return { months: sign * (year * 12 + month) || 0, days: sign * day || 0, micros: String(micros) };
}

const TRUNC_UNITS: Readonly<Record<string, (y: number, m: number, d: number, dow: number) => [number, number, number]>> = {
  day: (y, m, d) => [y, m, d],
  week: (y, m, d, dow) => civilTuple(daysFromCivil(y, m, d) - ((dow + 6) % 7)), // ISO weeks start on Monday
  month: (y, m) => [y, m, 1],
  quarter: (y, m) => [y, m - ((m - 1) % 3), 1],
  year: (y) => [y, 1, 1],
  decade: (y) => [y - (((y % 10) + 10) % 10), 1, 1],
  century: (y) => [y - (((y - 1) % 100) + 100) % 100, 1, 1],
  millennium: (y) => [y - (((y - 1) % 1000) + 1000) % 1000, 1, 1],
};

function dateTrunc(unit: string, ts: bigint): string {
  const u = unit.toLowerCase();
  const sub: Record<string, bigint> = { microseconds: 1n, milliseconds: 1000n, second: 1_000_000n, minute: 60_000_000n, hour: 3_600_000_000n };
  const step = sub[u];
  if (step !== undefined) return tsText(ts - (((ts % step) + step) % step));
  const f = TRUNC_UNITS[u] ?? fail(`unit "${unit}" not recognized for date_trunc`);
  const days = Number((ts - (((ts % DAY) + DAY) % DAY)) / DAY);
  const [y, m, d] = civilTuple(days);
  const dow = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; Sunday = 0
  const [ty, tm, td] = f(y, m, d, dow);
  return tsText(BigInt(daysFromCivil(ty, tm, td)) * DAY);
}

// ---- greatest / least: NULLs skipped (PostgreSQL), SQLite's ordering (numbers < text < blob) ----

function classOf(v: Sql): number {
  return typeof v === 'bigint' || typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2;
}

function compare(a: Sql, b: Sql): number {
  const ca = classOf(a);
  const cb = classOf(b);
  if (ca !== cb) return ca - cb;
  if (ca === 0) return (a as number | bigint) < (b as number | bigint) ? -1 : (a as number | bigint) > (b as number | bigint) ? 1 : 0;
  // Text compares by UTF-8 bytes (SQLite's BINARY collation), which is code point order.
  const x = Buffer.from(str(a), 'utf8');
  const y = Buffer.from(str(b), 'utf8');
  return Buffer.compare(x, y);
}

function pick(args: readonly Sql[], sign: 1 | -1): Sql {
  let best: Sql = null;
  for (const a of args) if (a !== null && (best === null || sign * compare(a, best) > 0)) best = a;
  return best;
}

// ---- Strings with PostgreSQL's positions ----

function substring(s: string, from: number, count: number | null): string {
  if (count !== null && count < 0) fail('negative substring length not allowed');
  const cs = chars(s);
  const start = Math.max(from, 1);
  const end = count === null ? cs.length + 1 : Math.min(from + count, cs.length + 1);
  return end <= start ? '' : cs.slice(start - 1, end - 1).join('');
}

function padText(s: string, len: number, fill: string, left: boolean): string {
  const cs = chars(s);
  if (len <= 0) return '';
  if (cs.length >= len || fill === '') return cs.slice(0, len).join('');
  const fc = chars(fill);
  const padding = Array.from({ length: len - cs.length }, (_, i) => fc[i % fc.length]).join('');
  return left ? padding + s : s + padding;
}

/** NULL in, NULL out. The wrapper keeps f's arity: better-sqlite3 registers a function with `fn.length` arguments. */
/** The greatest common divisor, never negative. */
function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * PostgreSQL's width_bucket over doubles, in float.c's order of operations: the share of the
 * range below x times the count, truncated, at most count - 1, plus one.
 */
function widthBucket(x: number, lo: number, hi: number, n: number): number {
  if (n <= 0) fail('count must be greater than zero');
  if (Number.isNaN(x) || Number.isNaN(lo) || Number.isNaN(hi)) fail('operand, lower bound, and upper bound cannot be NaN');
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) fail('lower and upper bounds must be finite');
  if (lo === hi) fail('lower bound cannot equal upper bound');
  if (lo < hi ? x < lo : x > lo) return 0;
  if (lo < hi ? x >= hi : x <= hi) return n === 2147483647 ? fail('integer out of range') : n + 1;
  const share = Number.isFinite(hi - lo) ? (x - lo) / (hi - lo) : (x / 2 - lo / 2) / (hi / 2 - lo / 2);
  return Math.min(Math.trunc(n * share), n - 1) + 1;
}

// ---- Arrays: JSON text on SQLite (CONTRACTS.md storage) ----

/** The elements of a list's JSON text, integers past 2^53 kept as their digits. */
function listElements(json: Sql): unknown[] {
  const v: unknown = JSON.parse(quoteLongIntegers(str(json)));
  return Array.isArray(v) ? v : fail(`not a JSON array: ${str(json)}`);
}

/** PostgreSQL's array_to_string(a, sep [, null_text]) over text and integer elements. */
function arrayToString(a: Sql, sep: Sql, nullText: Sql = null): Sql {
  if (a === null || sep === null) return null;
  const parts = listElements(a).flatMap((x) => (x === null ? (nullText === null ? [] : [str(nullText)]) : [typeof x === 'string' ? x : String(x)]));
  return parts.join(str(sep));
}

/** PostgreSQL's string_to_array(s, sep [, null_text]) as JSON text. */
function stringToArray(s: Sql, sep: Sql, nullText: Sql = null): Sql {
  if (s === null) return null;
  const text = str(s);
  const fields = text === '' ? [] : sep === null ? chars(text) : str(sep) === '' ? [text] : text.split(str(sep));
  return JSON.stringify(fields.map((f) => (nullText !== null && f === str(nullText) ? null : f)));
}

/** array_cat(a, b) of JSON texts: a NULL array is the empty one. */
function arrayCat(a: Sql, b: Sql): Sql {
  if (a === null || b === null) return a ?? b;
  const [x, y] = [str(a).trim(), str(b).trim()];
  if (listElements(x).length === 0) return y;
  if (listElements(y).length === 0) return x;
  return `${x.slice(0, -1)},${y.slice(1)}`;
}

// ---- JSON: text, json as written and jsonb in PostgreSQL's output form (./json.ts) ----

const jsonStep = (step: Sql): string | number => (typeof step === 'bigint' || typeof step === 'number' ? Number(step) : str(step));
const jsonRaw = (j: Sql, step: Sql, textIndexes: boolean): Sql => parseJsonValue(j, step, textIndexes)?.raw ?? null;
const parseJsonValue = (j: Sql, step: Sql, textIndexes: boolean) => jsonGet(parseJson(str(j)), jsonStep(step), textIndexes);

export const SQLITE_FUNCTIONS: readonly SqliteFunction[] = [
  ...BYTEA_SHIMS,
  def('relc_json_quote', strict((s: Sql) => quoteJson(str(s)))),
  def('relc_json_in', strict((s: Sql) => (parseJson(str(s)), str(s)))),
  def('relc_jsonb_in', strict((s: Sql) => jsonbText(parseJson(str(s))))),
  def('relc_json_get', strict((j: Sql, k: Sql) => jsonRaw(j, k, false))),
  def('relc_json_get_text', strict((j: Sql, k: Sql) => jsonValueText(parseJsonValue(j, k, false)))),
  def('relc_json_path_get', strict((j: Sql, k: Sql) => jsonRaw(j, k, true))),
  def('relc_json_path_get_text', strict((j: Sql, k: Sql) => jsonValueText(parseJsonValue(j, k, true)))),
  def('relc_json_typeof', strict((j: Sql) => jsonTypeof(parseJson(str(j))))),
  def('relc_json_array_length', strict((j: Sql) => BigInt(jsonArrayLength(parseJson(str(j)))))),
  def('relc_jsonb_contains', strict((a: Sql, b: Sql) => (jsonbContains(parseJson(str(a)), parseJson(str(b))) ? 1n : 0n))),
  def('relc_jsonb_concat', strict((a: Sql, b: Sql) => jsonbText(jsonbConcat(parseJson(str(a)), parseJson(str(b)))))),
  def('relc_jsonb_delete', strict((j: Sql, k: Sql) => jsonbText(jsonbDelete(parseJson(str(j)), jsonStep(k))))),
  def('relc_jsonb_equal', strict((a: Sql, b: Sql) => (jsonbEqual(parseJson(str(a)), parseJson(str(b))) ? 1n : 0n))),
  def('relc_jsonb_pretty', strict((j: Sql) => jsonbPretty(parseJson(str(j))))),
  def('relc_jsonb_strip_nulls', strict((j: Sql) => jsonbText(jsonbStripNulls(parseJson(str(j)))))),
  def('relc_jsonb_set', strict((j: Sql, path: Sql, v: Sql, create: Sql) => {
    const steps = listElements(path).map((x) => (x === null ? fail('path element must not be null') : String(x)));
    return jsonbText(jsonbSet(parseJson(str(j)), steps, parseJson(str(v)), create !== 0n && create !== 0));
  })),
  def('relc_jsonb_exists', strict((j: Sql, k: Sql) => (jsonbExists(parseJson(str(j)), str(k)) ? 1n : 0n))),
  def('relc_array_to_string', (...a: Sql[]) => arrayToString(a[0] ?? null, a[1] ?? null, a[2] ?? null), true),
  def('relc_string_to_array', (...a: Sql[]) => stringToArray(a[0] ?? null, a[1] ?? null, a[2] ?? null), true),
  def('relc_array_cat', (a: Sql, b: Sql) => arrayCat(a, b)),
  def('relc_like', (v: Sql, p: Sql, e: Sql) => like(v, p, e)),
  def('relc_ilike', (v: Sql, p: Sql, e: Sql) => (v === null || p === null || e === null ? null : like(lower(str(v)), lower(str(p)), e))),
  def('relc_lower', strict((s: Sql) => lower(str(s)))),
  def('relc_initcap', strict((s: Sql) => chars(str(s)).map((c, i, cs) => (i > 0 && /[\p{L}\p{N}]/u.test(cs[i - 1]!) ? lower(c) : upper(c))).join(''))),
  def('relc_upper', strict((s: Sql) => upper(str(s)))),
  def('relc_nfc_normalize', strict((s: Sql) => str(s).normalize('NFC'))),
  def('relc_unistr', strict((s: Sql) => decodeUnistr(str(s)) ?? fail('invalid Unicode escape'))),
  def('relc_nfd_normalize', strict((s: Sql) => str(s).normalize('NFD'))),
  def('relc_nfkc_normalize', strict((s: Sql) => str(s).normalize('NFKC'))),
  def('relc_nfkd_normalize', strict((s: Sql) => str(s).normalize('NFKD'))),
  // stable_id: the first 16 bytes of SHA-256 over the UTF-8 text, as lowercase hex.
  def('relc_sha256_128', strict((s: Sql) => createHash('sha256').update(str(s), 'utf8').digest('hex').slice(0, 32))),
  def('relc_make_date', strict((y: Sql, m: Sql, d: Sql) => {
    const [yy, mm, dd] = [num(y), num(m), num(d)];
    if (yy < 1 || yy > 9999 || mm < 1 || mm > 12 || dd < 1 || dd > daysInMonth(yy, mm)) fail(`date field value out of range: ${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`);
    return dayText(daysFromCivil(yy, mm, dd));
  })),
  def('relc_make_timestamp', strict((year: Sql, month: Sql, day: Sql, hour: Sql, minute: Sql, seconds: Sql) => {
    const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, seconds].map(num) as [number, number, number, number, number, number];
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) fail(`date field value out of range: ${y}-${mo}-${d}`);
    if (!(h >= 0 && h <= 24 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60) || (h === 24 && (mi > 0 || s > 0))) fail(`time field value out of range: ${h}:${mi}:${s}`);
    const micros = BigInt(((h * 60 + mi) * 60) * 1_000_000) + BigInt(roundEven(s * 1_000_000));
    return tsText(BigInt(daysFromCivil(y, mo, d)) * DAY + micros);
  })),
  def('relc_regexp_like', strict((v: Sql, p: Sql, flags: Sql) => (regexOf(str(p), str(flags)).test(str(v)) ? 1n : 0n))),
  def('relc_regexp_replace', strict((v: Sql, p: Sql, r: Sql, flags: Sql) => {
    const replacement = str(r);
    // The callback gets the match, its groups, then the offset (a number).
    return str(v).replace(regexOf(str(p), str(flags)), (...m: unknown[]) => expandReplacement(replacement, m.slice(0, m.findIndex((x) => typeof x === 'number')) as (string | undefined)[]));
  })),
  // regexp_count / regexp_instr / regexp_substr with PostgreSQL 15's optional arguments (src/ir/functions/string.ts).
  def('relc_regexp_count', strict((v: Sql, p: Sql, start?: Sql, flags?: Sql) => BigInt(matchesFrom(str(v), str(p), start, flags, Infinity).length)), true),
  def('relc_regexp_instr', strict((v: Sql, p: Sql, start?: Sql, n?: Sql, endoption?: Sql, flags?: Sql, subexpr?: Sql) => {
    const text = str(v);
    const m = matchesFrom(text, str(p), start, flags, num(n ?? 1n))[num(n ?? 1n) - 1];
    const span = m?.indices?.[num(subexpr ?? 0n)];
    if (!span) return 0n;
    return BigInt(chars(text.slice(0, num(endoption ?? 0n) === 1 ? span[1] : span[0])).length + 1);
  }), true),
  def('relc_regexp_substr', strict((v: Sql, p: Sql, start?: Sql, n?: Sql, flags?: Sql, subexpr?: Sql) => matchesFrom(str(v), str(p), start, flags, num(n ?? 1n))[num(n ?? 1n) - 1]?.[num(subexpr ?? 0n)] ?? null), true),
  def('relc_substring_regex', strict((v: Sql, p: Sql) => regexOf(str(p), '').exec(str(v))?.[1] ?? null)),
  def('relc_regexp_split_to_array', strict((v: Sql, p: Sql, f: Sql) => JSON.stringify(regexpSplit(str(v), regexOf(str(p), `g${str(f)}`))))),
  def('relc_regexp_match', strict((v: Sql, p: Sql, f: Sql) => {
    const m = regexOf(str(p), str(f)).exec(str(v));
    return m === null ? null : JSON.stringify((m.length > 1 ? m.slice(1) : [m[0]]).map((g) => g ?? null));
  })),
  def('relc_regexp_substr', strict((v: Sql, p: Sql) => regexOf(str(p), '').exec(str(v))?.[0] ?? null)),
  def('relc_reverse', strict((s: Sql) => Array.from(str(s)).reverse().join(''))),
  def('relc_split_part', strict((s: Sql, d: Sql, n: Sql) => {
    const k = num(n);
    if (k === 0) fail('field position must not be zero');
    const fields = str(d) === '' ? [str(s)] : str(s).split(str(d));
    return fields[k > 0 ? k - 1 : fields.length + k] ?? '';
  })),
  def('relc_translate', strict((s: Sql, from: Sql, to: Sql) => {
    const [f, t] = [Array.from(str(from)), Array.from(str(to))];
    return Array.from(str(s)).map((ch) => {
      const i = f.indexOf(ch);
      return i < 0 ? ch : (t[i] ?? '');
    }).join('');
  })),
  def('relc_cbrt', strict((x: Sql) => Math.cbrt(num(x)))),
  ...Object.entries(CHECKED_MATH).map(([name, f]) => def(`relc_${name}`, strict((x: Sql) => f(num(x))))),
  def('relc_power', strict((x: Sql, y: Sql) => power(num(x), num(y)))),
  ...Object.entries(DEGREE_TRIG).map(([name, f]) => def(`relc_${name}`, strict((x: Sql) => f(num(x))))),
  def('relc_atan2d', strict((y: Sql, x: Sql) => (Math.atan2(num(y), num(x)) / Math.atan(1)) * 45)),
  def('relc_width_bucket', strict((x: Sql, lo: Sql, hi: Sql, n: Sql) => BigInt(widthBucket(num(x), num(lo), num(hi), num(n))))),
  def('relc_bitwise_xor', strict((a: Sql, b: Sql) => BigInt(a as number | bigint) ^ BigInt(b as number | bigint))),
  def('relc_gcd', strict((a: Sql, b: Sql) => gcd(BigInt(a as number | bigint), BigInt(b as number | bigint)))),
  def('relc_lcm', strict((a: Sql, b: Sql) => {
    const [x, y] = [BigInt(a as number | bigint), BigInt(b as number | bigint)];
    if (x === 0n || y === 0n) return 0n;
    const l = (x < 0n ? -x : x) / gcd(x, y) * (y < 0n ? -y : y);
    return inRange(l, 64, String(l));
  })),
  def('relc_md5', strict((s: Sql) => (s instanceof Uint8Array ? createHash('md5').update(s) : createHash('md5').update(str(s), 'utf8')).digest('hex'))),
  def('relc_repeat', strict((s: Sql, n: Sql) => (num(n) < 1 ? '' : str(s).repeat(num(n))))),
  def('relc_substring', (...a: Sql[]) => (a.some((x) => x === null) ? null : substring(str(a[0]!), num(a[1]!), a.length > 2 ? num(a[2]!) : null)), true),
  def('relc_left', strict((s: Sql, n: Sql) => {
    const cs = chars(str(s));
    const k = num(n);
    return cs.slice(0, k >= 0 ? k : Math.max(cs.length + k, 0)).join('');
  })),
  def('relc_right', strict((s: Sql, n: Sql) => {
    const cs = chars(str(s));
    const k = num(n);
    return cs.slice(k >= 0 ? Math.max(cs.length - k, 0) : Math.min(-k, cs.length)).join('');
  })),
  def('relc_lpad', (...a: Sql[]) => (a.some((x) => x === null) ? null : padText(str(a[0]!), num(a[1]!), a.length > 2 ? str(a[2]!) : ' ', true)), true),
  def('relc_rpad', (...a: Sql[]) => (a.some((x) => x === null) ? null : padText(str(a[0]!), num(a[1]!), a.length > 2 ? str(a[2]!) : ' ', false)), true),
  def('relc_greatest', (...a: Sql[]) => pick(a, 1), true),
  def('relc_least', (...a: Sql[]) => pick(a, -1), true),
  def('relc_round_even', strict((x: Sql) => (typeof x === 'bigint' ? x : roundEven(num(x))))),
  def('relc_round_digits', strict((x: Sql, n: Sql) => {
    if (typeof x === 'bigint') return roundIntDigits(x, num(n));
    // The exact text of a sum past int64 (relc_sum_i64) stays exact.
    if (typeof x === 'string' && INT_TEXT_EXACT.test(x)) return exactInteger(roundIntDigits(BigInt(x), num(n)));
    return roundDigits(num(x), num(n));
  })),
  // trunc(x, n): toward zero at n digits; integers only change left of the point.
  def('relc_trunc_digits', strict((x: Sql, n: Sql) => {
    const digits = num(n);
    if (typeof x === 'bigint') return digits >= 0 ? x : x - (x % 10n ** BigInt(-digits));
    return roundDigits(num(x), digits, true);
  })),
  def('relc_float_to_int', strict((x: Sql, bits: Sql) => (typeof x === 'bigint' ? inRange(x, bits, String(x)) : toInt(roundEven(num(x)), bits)))),
  def('relc_decimal_to_int', strict((x: Sql, bits: Sql) => {
    if (typeof x === 'bigint') return inRange(x, bits, String(x));
    const v = num(x);
    return toInt(Math.sign(v) * Math.round(Math.abs(v)), bits);
  })),
  def('relc_int_range', strict((x: Sql, bits: Sql) => inRange(typeof x === 'bigint' ? x : BigInt(num(x)), bits, String(x)))),
  def('relc_float_text', strict((x: Sql) => floatText(num(x)))),
  // A decimal (stored as REAL) printed with its declared scale, as PostgreSQL's numeric_out.
  def('relc_decimal_text', strict((x: Sql, scale: Sql) => (typeof x === 'bigint' || (typeof x === 'string' && INT_TEXT_EXACT.test(x)) ? `${x}${num(scale) > 0 ? `.${'0'.repeat(num(scale))}` : ''}` : num(x).toFixed(num(scale))))),
  def('relc_text_to_int', strict((s: Sql, bits: Sql) => {
    const m = INT_TEXT.exec(str(s));
    if (!m) fail(`invalid input syntax for type ${num(bits) === 32 ? 'integer' : 'bigint'}: "${str(s)}"`);
    return inRange(BigInt(m![1]!), bits, str(s));
  })),
  def('relc_text_to_float', strict((s: Sql) => textToFloat(str(s)))),
  def('relc_text_to_bool', strict((s: Sql) => {
    const b = parseBoolText(str(s));
    return b === undefined ? fail(`invalid input syntax for type boolean: "${str(s)}"`) : b ? 1n : 0n;
  })),
  def('relc_text_to_date', strict((s: Sql) => dayText(readDateInput(str(s)) ?? fail(`invalid input syntax for type date: "${str(s)}"`)))),
  def('relc_text_to_timestamp', strict((s: Sql) => tsText(readTimestampInput(str(s)) ?? fail(`invalid input syntax for type timestamp: "${str(s)}"`)))),
  def('relc_ts_add', strict((t: Sql, iv: Sql) => addInterval(needTs(t), parseInterval(iv), 1))),
  def('relc_ts_sub', strict((t: Sql, iv: Sql) => addInterval(needTs(t), parseInterval(iv), -1))),
  // timestamp - timestamp: whole days and the rest in micros, both with the difference's sign (PostgreSQL, DuckDB).
  def('relc_ts_diff', strict((a: Sql, b: Sql) => {
    const diff = needTs(a) - needTs(b);
    return JSON.stringify({ months: 0, days: Number(diff / DAY), micros: String(diff % DAY) });
  })),
  def('relc_age', strict((a: Sql, b: Sql) => JSON.stringify(age(needTs(a), needTs(b))))),
  // Interval arithmetic and date_bin as PostgreSQL computes them (src/ir/interval.ts).
  def('relc_interval_add', strict((a: Sql, b: Sql) => ivText(((x, y) => ({ months: x.months + y.months, days: x.days + y.days, micros: x.micros + y.micros }))(parseInterval(a), parseInterval(b))))),
  def('relc_interval_sub', strict((a: Sql, b: Sql) => ivText(((x, y) => ({ months: x.months - y.months, days: x.days - y.days, micros: x.micros - y.micros }))(parseInterval(a), parseInterval(b))))),
  def('relc_interval_neg', strict((a: Sql) => ivText(((x) => ({ months: -x.months, days: -x.days, micros: -x.micros }))(parseInterval(a))))),
  def('relc_interval_mul', strict((a: Sql, f: Sql) => ivText(multiplyInterval(parseInterval(a), num(f))))),
  def('relc_interval_div', strict((a: Sql, f: Sql) => (num(f) === 0 ? null : ivText(divideInterval(parseInterval(a), num(f)))))),
  def('relc_justify_days', strict((a: Sql) => ivText(justifyDays(parseInterval(a))))),
  def('relc_justify_hours', strict((a: Sql) => ivText(justifyHours(parseInterval(a))))),
  def('relc_justify_interval', strict((a: Sql) => ivText(justifyInterval(parseInterval(a))))),
  def('relc_make_interval', strict((y: Sql, mo: Sql, w: Sql, d: Sql, h: Sql, mi: Sql, s: Sql) => ivText(makeInterval(intArg(y!, 64), intArg(mo!, 64), intArg(w!, 64), intArg(d!, 64), intArg(h!, 64), intArg(mi!, 64), num(s))))),
  def('relc_interval_epoch', strict((a: Sql) => {
    const iv = parseInterval(a);
    return Math.trunc(iv.months / 12) * 31_557_600 + (iv.months % 12) * 2_592_000 + iv.days * 86_400 + Number(iv.micros) / 1e6;
  })),
  def('relc_interval_key', strict((a: Sql) => intervalKey(a))),
  def('relc_interval_greatest', (...a: Sql[]) => pickInterval(a, 1), true),
  def('relc_interval_least', (...a: Sql[]) => pickInterval(a, -1), true),
  def('relc_interval_trunc', strict((unit: Sql, a: Sql) => ivText(truncInterval(str(unit), parseInterval(a))))),
  def('relc_date_bin', strict((s: Sql, t: Sql, o: Sql) => tsText(dateBin(parseInterval(s), needTs(t), needTs(o))))),
  def('relc_to_timestamp', strict((x: Sql) => tsText(timestampOfEpoch(num(x))))),
  // factorial(n) as decimal(38,0): an INTEGER while it fits int64, else exact TEXT (as relc_sum_i64).
  def('relc_factorial', strict((n: Sql) => {
    const k = intArg(n!, 64);
    if (k < 0n) fail('factorial of a negative number is undefined');
    let f = 1n;
    for (let i = 2n; i <= k; i++) {
      f *= i;
      if (f >= 10n ** 38n) fail('numeric field overflow');
    }
    return exactInteger(f);
  })),
  def('relc_date_trunc', strict((unit: Sql, t: Sql) => dateTrunc(str(unit), needTs(t)))),
  // The failing branch of the inline overflow checks (src/ir/registry.ts); the operand keeps the call non-constant.
  def('relc_out_of_range', (_value: Sql, bits: Sql) => fail(OUT_OF_RANGE[num(bits) === 32 ? 32 : 64])),
  // The dialect's `raise` (a recursion's max_iterations guard): fails with the message it is given.
  def('relc_raise', (message: Sql) => fail(String(message))),
  // relc_add_i32, relc_add_i64, relc_sub_i32, …: integer arithmetic raising PostgreSQL's overflow errors.
  ...([32, 64] as const).flatMap((bits) => [
    ...INT_OPS.map(([op, f]) => def(`relc_${op}_i${bits}`, checked2(bits, f))),
    ...INT_UNARY.map(([op, f]) => def(`relc_${op}_i${bits}`, checked1(bits, f))),
  ]),
];

export interface SqliteAggregate {
  readonly name: string;
  readonly start: () => unknown;
  /** Updates the accumulator in place (returns nothing). */
  readonly step: (acc: never, ...args: never[]) => void;
  /** Undoes a step (window frames sliding). */
  readonly inverse: (acc: never, ...args: never[]) => void;
  readonly result: (acc: never) => unknown;
  readonly deterministic: true;
}

/** Welford's running count, mean and sum of squared deviations (stddev/variance). */
interface MomentState {
  n: number;
  mean: number;
  m2: number;
}

/** stddev_samp, stddev_pop, var_samp, var_pop: steps add or remove a value; NULLs are skipped. */
function moments(name: string, result: (s: MomentState) => number | null): SqliteAggregate {
  return {
    name,
    start: (): MomentState => ({ n: 0, mean: 0, m2: 0 }),
    step: (s: MomentState, x: Sql) => {
      if (x === null) return;
      const v = num(x);
      s.n++;
      const d = v - s.mean;
      s.mean += d / s.n;
      s.m2 += d * (v - s.mean);
    },
    inverse: (s: MomentState, x: Sql) => {
      if (x === null) return;
      const v = num(x);
      if (s.n <= 1) {
        Object.assign(s, { n: 0, mean: 0, m2: 0 });
        return;
      }
      s.n--;
      const d = v - s.mean;
      s.mean -= d / s.n;
      s.m2 -= d * (v - s.mean);
    },
    result: (s: MomentState) => (s.n === 0 ? null : result(s)),
    deterministic: true,
  };
}

/** Running moments of (y, x) pairs (Welford's update for the co-moment): count, means, sums of squared deviations and cross products. */
interface PairState {
  n: number;
  mx: number;
  my: number;
  sxx: number;
  syy: number;
  sxy: number;
}

function pairs(name: string, result: (s: PairState) => Sql): SqliteAggregate {
  const update = (s: PairState, y: Sql, x: Sql, sign: 1 | -1) => {
    if (y === null || x === null) return;
    const [vy, vx] = [num(y), num(x)];
    if (sign === -1 && s.n <= 1) {
      Object.assign(s, { n: 0, mx: 0, my: 0, sxx: 0, syy: 0, sxy: 0 });
      return;
    }
    s.n += sign;
    const dx = vx - s.mx;
    const dy = vy - s.my;
    s.mx += (sign * dx) / s.n;
    s.my += (sign * dy) / s.n;
    s.sxx += sign * dx * (vx - s.mx);
    s.syy += sign * dy * (vy - s.my);
    s.sxy += sign * dx * (vy - s.my);
  };
  return {
    name,
    start: (): PairState => ({ n: 0, mx: 0, my: 0, sxx: 0, syy: 0, sxy: 0 }),
    step: (s: PairState, y: Sql, x: Sql) => update(s, y, x, 1),
    inverse: (s: PairState, y: Sql, x: Sql) => update(s, y, x, -1),
    result: (s: PairState) => (s.n === 0 && name !== 'relc_regr_count' ? null : result(s)),
    deterministic: true,
  };
}

/** bit_and / bit_or / bit_xor: a count of the values per bit, so that steps can be undone. */
function bits(name: string, combine: (ones: number, n: number) => boolean): SqliteAggregate {
  return {
    name,
    start: () => ({ n: 0, ones: new Array<number>(64).fill(0) }),
    step: (s: { n: number; ones: number[] }, x: Sql) => {
      if (x === null) return;
      const v = BigInt.asUintN(64, BigInt(x as number | bigint));
      s.n++;
      for (let b = 0; b < 64; b++) if ((v >> BigInt(b)) & 1n) s.ones[b]!++;
    },
    inverse: (s: { n: number; ones: number[] }, x: Sql) => {
      if (x === null) return;
      const v = BigInt.asUintN(64, BigInt(x as number | bigint));
      s.n--;
      for (let b = 0; b < 64; b++) if ((v >> BigInt(b)) & 1n) s.ones[b]!--;
    },
    result: (s: { n: number; ones: number[] }) => {
      if (s.n === 0) return null;
      let v = 0n;
      for (let b = 0; b < 64; b++) if (combine(s.ones[b]!, s.n)) v |= 1n << BigInt(b);
      return BigInt.asIntN(64, v);
    },
    deterministic: true,
  };
}

const sd = (x: number) => Math.max(x, 0);

/**
 * mode(x): the most frequent non-NULL value, the first in relc's order among equally frequent
 * ones (PostgreSQL's mode() WITHIN GROUP (ORDER BY x)); the values are kept so steps can be undone.
 */
const MODE: SqliteAggregate = {
  name: 'relc_mode',
  start: () => ({ values: [] as Sql[] }),
  step: (s: { values: Sql[] }, x: Sql) => {
    if (x !== null) s.values.push(x);
  },
  inverse: (s: { values: Sql[] }, x: Sql) => {
    if (x === null) return;
    const i = s.values.findIndex((v) => compareValues(v, x) === 0);
    if (i >= 0) s.values.splice(i, 1);
  },
  result: (s: { values: Sql[] }) => {
    const sorted = [...s.values].sort(compareValues);
    let best: Sql = null;
    let bestRun = 0;
    for (let i = 0; i < sorted.length;) {
      let j = i + 1;
      while (j < sorted.length && compareValues(sorted[j]!, sorted[i]!) === 0) j++;
      if (j - i > bestRun) [best, bestRun] = [sorted[i]!, j - i];
      i = j;
    }
    return best;
  },
  deterministic: true,
};

/** Orders SQLite values as relc does: numbers by value, text and dates by their bytes. */
function compareValues(a: Sql, b: Sql): number {
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  const [x, y] = [a as number | bigint, b as number | bigint];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** percentile_cont / percentile_disc(x, fraction): the non-NULL values kept, sorted at the end. */
function percentile(name: string, pick: (sorted: readonly Sql[], fraction: number) => Sql): SqliteAggregate {
  return {
    name,
    start: () => ({ values: [] as Sql[], fraction: 0 }),
    step: (s: { values: Sql[]; fraction: number }, x: Sql, f: Sql) => {
      if (x === null) return;
      s.values.push(x);
      s.fraction = num(f);
    },
    inverse: (s: { values: Sql[]; fraction: number }, x: Sql) => {
      if (x === null) return;
      const i = s.values.findIndex((v) => compareValues(v, x) === 0);
      if (i >= 0) s.values.splice(i, 1);
    },
    result: (s: { values: Sql[]; fraction: number }) => (s.values.length === 0 ? null : pick([...s.values].sort(compareValues), s.fraction)),
    deterministic: true,
  };
}

/** Running component sums of intervals (sum, avg); `n` counts the non-NULL values. */
interface IntervalSum {
  months: number;
  days: number;
  micros: bigint;
  n: number;
}

function intervalSums(name: string, result: (s: IntervalSum) => IntervalParts): SqliteAggregate {
  const update = (s: IntervalSum, x: Sql, sign: 1 | -1) => {
    if (x === null) return;
    const iv = parseInterval(x);
    s.months += sign * iv.months;
    s.days += sign * iv.days;
    s.micros += BigInt(sign) * iv.micros;
    s.n += sign;
  };
  return {
    name,
    start: (): IntervalSum => ({ months: 0, days: 0, micros: 0n, n: 0 }),
    step: (s: IntervalSum, x: Sql) => update(s, x, 1),
    inverse: (s: IntervalSum, x: Sql) => update(s, x, -1),
    result: (s: IntervalSum) => (s.n === 0 ? null : ivText(result(s))),
    deterministic: true,
  };
}

/** min / max of intervals by span: the values kept, so that window frames can drop them again. */
function intervalExtreme(name: string, sign: 1 | -1): SqliteAggregate {
  return {
    name,
    start: () => ({ values: [] as Sql[] }),
    step: (s: { values: Sql[] }, x: Sql) => {
      if (x !== null) s.values.push(x);
    },
    inverse: (s: { values: Sql[] }, x: Sql) => {
      if (x === null) return;
      const i = s.values.indexOf(x);
      if (i >= 0) s.values.splice(i, 1);
    },
    result: (s: { values: Sql[] }) => pickInterval(s.values, sign),
    deterministic: true,
  };
}

/** Aggregates registered with better-sqlite3 `db.aggregate` (safeIntegers), usable as window functions. */
export const SQLITE_AGGREGATES: readonly SqliteAggregate[] = [
  percentile('relc_percentile_cont', (v, f) => {
    const pos = f * (v.length - 1);
    const [lo, hi] = [Math.floor(pos), Math.ceil(pos)];
    return num(v[lo]!) + (pos - lo) * (num(v[hi]!) - num(v[lo]!));
  }),
  percentile('relc_percentile_disc', (v, f) => v[Math.max(Math.ceil(f * v.length), 1) - 1]!),
  MODE,
  intervalSums('relc_sum_interval', (s) => s),
  intervalExtreme('relc_interval_min', -1),
  intervalExtreme('relc_interval_max', 1),
  intervalSums('relc_avg_interval', (s) => divideInterval(s, s.n)),
  pairs('relc_corr', (s) => (s.sxx <= 0 || s.syy <= 0 ? null : s.sxy / Math.sqrt(sd(s.sxx) * sd(s.syy)))),
  pairs('relc_covar_pop', (s) => s.sxy / s.n),
  pairs('relc_covar_samp', (s) => (s.n < 2 ? null : s.sxy / (s.n - 1))),
  pairs('relc_regr_slope', (s) => (s.sxx <= 0 ? null : s.sxy / s.sxx)),
  pairs('relc_regr_intercept', (s) => (s.sxx <= 0 ? null : s.my - (s.sxy / s.sxx) * s.mx)),
  pairs('relc_regr_r2', (s) => (s.sxx <= 0 ? null : s.syy <= 0 ? 1 : (s.sxy * s.sxy) / (s.sxx * s.syy))),
  pairs('relc_regr_avgx', (s) => s.mx),
  pairs('relc_regr_avgy', (s) => s.my),
  pairs('relc_regr_sxx', (s) => sd(s.sxx)),
  pairs('relc_regr_syy', (s) => sd(s.syy)),
  pairs('relc_regr_sxy', (s) => s.sxy),
  pairs('relc_regr_count', (s) => BigInt(s.n)),
  bits('relc_bit_and', (ones, n) => ones === n),
  bits('relc_bit_or', (ones) => ones > 0),
  bits('relc_bit_xor', (ones) => ones % 2 === 1),
  moments('relc_var_pop', (s) => Math.max(s.m2, 0) / s.n),
  moments('relc_var_samp', (s) => (s.n < 2 ? null : Math.max(s.m2, 0) / (s.n - 1))),
  moments('relc_stddev_pop', (s) => Math.sqrt(Math.max(s.m2, 0) / s.n)),
  moments('relc_stddev_samp', (s) => (s.n < 2 ? null : Math.sqrt(Math.max(s.m2, 0) / (s.n - 1)))),
  // sum(int64) as decimal(38,0), exact with BigInt (SQLite's sum raises "integer overflow" past int64).
  {
    name: 'relc_sum_i64',
    start: (): SumState => ({ sum: 0n, n: 0 }),
    step: (acc: SumState, x: Sql) => {
      if (x === null) return;
      acc.sum += intArg(x, 64);
      acc.n++;
    },
    inverse: (acc: SumState, x: Sql) => {
      if (x === null) return;
      acc.sum -= intArg(x, 64);
      acc.n--;
    },
    result: (acc: SumState) => (acc.n === 0 ? null : exactInteger(acc.sum)),
    deterministic: true,
  },
];

/**
 * Registers the functions relc's SQLite text may call (`relc_*`: PostgreSQL semantics SQLite's
 * SQL cannot express, named in the text's header) on a better-sqlite3 connection. Returns their names, sorted.
 */
export function registerSqliteFunctions(db: Database.Database): string[] {
  for (const s of SQLITE_FUNCTIONS) db.function(s.name, { deterministic: true, varargs: s.varargs ?? false, safeIntegers: true }, s.impl as (...args: unknown[]) => unknown);
  for (const a of SQLITE_AGGREGATES) {
    db.aggregate(a.name, { deterministic: true, safeIntegers: true, start: a.start, step: a.step as (...args: unknown[]) => unknown, inverse: a.inverse as (...args: unknown[]) => unknown, result: a.result as (acc: unknown) => unknown });
  }
  return [...SQLITE_FUNCTIONS, ...SQLITE_AGGREGATES].map((s) => s.name).sort();
}

/**
 * Each shim `registerSqliteFunctions` registers, with its definition as the run envelope records
 * it. The definitions are relc's own JS code, whose text differs between the source and the
 * bundled CLI: a shim is described by its kind and arity, and the envelope's relc_version names
 * its code.
 */
export function sqliteShimDefinitions(): Record<string, string> {
  const fns = SQLITE_FUNCTIONS.map((s): [string, string] => [s.name, `relc JS scalar function, ${s.varargs ? 'variadic' : `${s.impl.length} arguments`}`]);
  const aggs = SQLITE_AGGREGATES.map((a): [string, string] => [a.name, `relc JS aggregate function, ${a.step.length - 1} arguments, with inverse`]);
  return Object.fromEntries([...fns, ...aggs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
