// Typed literals: numeric literal typing (int32 → int64 → decimal), calendar-checked DATE and
// TIMESTAMP text, PostgreSQL interval text, and exact date ± interval arithmetic for folding.

import { addInterval, daysFromCivil, dateText, isLiteralDate, isLiteralTimestamp, readDateInput, readTimestampInput, T, timestampText, type DataType, type LiteralValue } from '../ir/index.ts';
import type { IntervalField } from './ast.ts';
import type { Span, SqlSource } from './source.ts';

export interface IntervalValue {
  readonly months: number;
  readonly days: number;
  readonly micros: string;
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The type and JSON value of a numeric literal, or undefined when it is not a number. */
export function numberLiteral(text: string): { type: DataType; value: LiteralValue } | undefined {
  if (/^-?\d+$/.test(text)) {
    const n = BigInt(text);
    if (n >= INT32_MIN && n <= INT32_MAX) return { type: T.int32, value: Number(n) };
    if (n >= INT64_MIN && n <= INT64_MAX) return { type: T.int64, value: n.toString() };
    const digits = n.toString().replace('-', '').length;
    return digits <= 38 ? { type: T.decimal(digits, 0), value: n.toString() } : { type: T.float64, value: Number(text) };
  }
  const dec = /^(-?)(\d*)\.(\d*)$/.exec(text);
  if (dec) {
    const whole = dec[2]!.replace(/^0+(?=\d)/, '') || '0';
    const frac = dec[3]!;
    const precision = Math.max(1, (whole === '0' ? 0 : whole.length) + frac.length);
    if (precision > 38) return { type: T.float64, value: Number(text) };
    const value = `${dec[1]}${whole}${frac ? `.${frac}` : ''}`;
    return { type: T.decimal(Math.max(precision, frac.length), frac.length), value: isZero(value) ? value.replace('-', '') : value };
  }
  if (/^-?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(text)) return { type: T.float64, value: Number(text) };
  return undefined;
}

function isZero(v: string): boolean {
  return /^-?[0.]+$/.test(v);
}

/** Rescales a canonical decimal/integer string to `scale` fraction digits (half away from zero). */
export function rescaleDecimal(value: string, scale: number): string {
  const neg = value.startsWith('-');
  const [w, f = ''] = (neg ? value.slice(1) : value).split('.');
  let digits = BigInt(`${w}${f}`);
  const have = f.length;
  if (scale >= have) digits *= 10n ** BigInt(scale - have);
  else {
    const div = 10n ** BigInt(have - scale);
    const q = digits / div;
    digits = digits % div >= div / 2n ? q + 1n : q;
  }
  let s = digits.toString().padStart(scale + 1, '0');
  if (scale > 0) s = `${s.slice(0, -scale)}.${s.slice(-scale)}`;
  return neg && digits !== 0n ? `-${s}` : s;
}

/** Number of integer digits of a canonical decimal string (for precision checks). */
export function wholeDigits(value: string): number {
  const w = value.replace('-', '').split('.')[0]!.replace(/^0+/, '');
  return w.length;
}

// ---------------------------------------------------------------- calendar
// The grammar and the calendar are src/ir/temporal.ts's, shared with every backend.

/** 'YYYY-MM-DD' when `text` is a date input (PostgreSQL drops a time of day), else undefined. */
export function parseDate(text: string): string | undefined {
  const days = readDateInput(text);
  return days === undefined ? undefined : dateText(days);
}

/** 'YYYY-MM-DD HH:MM:SS.ffffff' when `text` is a timestamp input (or a date: midnight). */
export function parseTimestamp(text: string): string | undefined {
  const micros = readTimestampInput(text);
  return micros === undefined ? undefined : timestampText(micros);
}

// ---------------------------------------------------------------- intervals

const UNIT_WORDS: Record<string, IntervalField | 'week' | 'millisecond' | 'microsecond' | 'decade' | 'century'> = {
  year: 'year', years: 'year', y: 'year', yr: 'year', yrs: 'year',
  month: 'month', months: 'month', mon: 'month', mons: 'month',
  week: 'week', weeks: 'week', w: 'week',
  day: 'day', days: 'day', d: 'day',
  hour: 'hour', hours: 'hour', h: 'hour', hr: 'hour', hrs: 'hour',
  minute: 'minute', minutes: 'minute', min: 'minute', mins: 'minute', m: 'minute',
  second: 'second', seconds: 'second', sec: 'second', secs: 'second', s: 'second',
  millisecond: 'millisecond', milliseconds: 'millisecond', ms: 'millisecond',
  microsecond: 'microsecond', microseconds: 'microsecond', us: 'microsecond',
  decade: 'decade', decades: 'decade', century: 'century', centuries: 'century',
};

const MICROS: Record<string, bigint> = { hour: 3_600_000_000n, minute: 60_000_000n, second: 1_000_000n, millisecond: 1000n, microsecond: 1n };

/** Micros of a possibly fractional count of a time unit, exactly. */
function microsOf(amount: string, perUnit: bigint): bigint {
  const neg = amount.startsWith('-');
  const [w, f = ''] = amount.replace(/^[-+]/, '').split('.');
  const frac = f.slice(0, 12).padEnd(12, '0');
  const total = BigInt(w || '0') * perUnit + (BigInt(frac) * perUnit) / 10n ** 12n;
  return neg ? -total : total;
}

/**
 * Parses PostgreSQL interval text: `'90' DAY`, `'3 months'`, `'1 year 2 mons 3 days'`,
 * `'04:05:06'`, `'1 day 02:00'`. `unit` is the qualifier after the literal, if any.
 */
export function parseInterval(text: string, unit: IntervalField | null): IntervalValue | undefined {
  let months = 0;
  let days = 0;
  let micros = 0n;
  const src = text.trim().toLowerCase();
  if (src === '') return undefined;
  // A number alone counts the unit of the qualifier (INTERVAL '5' DAY), else seconds (PostgreSQL: '0', '1.5').
  if (/^[-+]?\d+(\.\d+)?$/.test(src)) {
    return add({ months: 0, days: 0, micros: 0n }, src, unit ?? 'second');
  }
  // SQL-standard year-month text: '1-2' is 1 year 2 months (the sign covers both).
  const ym = /^([-+]?)(\d+)-(\d+)$/.exec(src);
  if (ym) {
    const m = Number(ym[2]) * 12 + Number(ym[3]);
    return { months: ym[1] === '-' ? -m : m, days: 0, micros: '0' };
  }
  const parts = src.match(/[-+]?\d+(?:\.\d+)?(?::\d+(?::\d+(?:\.\d+)?)?)?|[a-z]+/g);
  if (!parts || parts.join('').length !== src.replace(/\s+/g, '').length) return undefined;
  let i = 0;
  const acc = { months, days, micros };
  while (i < parts.length) {
    const p = parts[i]!;
    if (p.includes(':')) {
      const neg = p.startsWith('-');
      const [h = '0', mi = '0', s = '0'] = p.replace(/^[-+]/, '').split(':');
      const t = microsOf(h, MICROS.hour!) + microsOf(mi, MICROS.minute!) + microsOf(s, MICROS.second!);
      acc.micros += neg ? -t : t;
      i++;
      continue;
    }
    if (!/^[-+]?\d/.test(p)) return undefined;
    const word = parts[i + 1];
    const u = word ? UNIT_WORDS[word] : unit ?? undefined;
    if (!u) return undefined;
    const next = add(acc, p, u);
    if (!next) return undefined;
    Object.assign(acc, { months: next.months, days: next.days, micros: BigInt(next.micros) });
    i += word ? 2 : 1;
  }
  months = acc.months;
  days = acc.days;
  micros = acc.micros;
  return { months, days, micros: micros.toString() };
}

function add(acc: { months: number; days: number; micros: bigint }, amount: string, unit: string): IntervalValue | undefined {
  const n = Number(amount);
  let { months, days } = acc;
  let micros = acc.micros;
  switch (unit) {
    case 'century':
    case 'decade':
    case 'year': {
      const mul = unit === 'century' ? 1200 : unit === 'decade' ? 120 : 12;
      months += Math.trunc(n * mul);
      break;
    }
    case 'month':
      if (!Number.isInteger(n)) return undefined;
      months += n;
      break;
    case 'week':
      days += Math.trunc(n * 7);
      break;
    case 'day':
      if (!Number.isInteger(n)) micros += microsOf(amount, 86_400_000_000n);
      else days += n;
      break;
    default: {
      const per = MICROS[unit];
      if (per === undefined) return undefined;
      micros += microsOf(amount, per);
    }
  }
  return { months, days, micros: micros.toString() };
}

export function negateInterval(v: IntervalValue): IntervalValue {
  return { months: -v.months || 0, days: -v.days || 0, micros: (-BigInt(v.micros)).toString() };
}

/**
 * A timestamp literal plus an interval, PostgreSQL style: months (clamping the day), days, micros;
 * undefined when the sum leaves the years a literal holds (the engine computes it then).
 */
export function addIntervalToTimestamp(ts: string, iv: IntervalValue): string | undefined {
  const micros = addInterval(readTimestampInput(ts)!, iv.months, iv.days, BigInt(iv.micros));
  return isLiteralTimestamp(micros) ? timestampText(micros) : undefined;
}

export function dateToTimestamp(date: string): string {
  return `${date} 00:00:00.000000`;
}

/** The date of a timestamp literal when it is exactly midnight, else undefined. */
export function midnightDate(ts: string): string | undefined {
  return ts.endsWith(' 00:00:00.000000') ? ts.slice(0, 10) : undefined;
}

/** A date literal plus days; undefined when the sum leaves the years a literal holds. */
export function addDaysToDate(date: string, n: number): string | undefined {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const days = daysFromCivil(y, m, d) + n;
  return isLiteralDate(days) ? dateText(days) : undefined;
}
/**
 * The elements of PostgreSQL's array input text `{a,"b c",NULL}`: unquoted elements trimmed of
 * white space (NULL is NULL), double-quoted ones with backslash escapes. One dimension only.
 */
export function arrayLiteralElements(src: SqlSource, text: string, span: Span): (string | null)[] {
  const bad = (why: string): never => {
    throw src.error('TYPE_MISMATCH', `malformed array literal: "${text}" (${why})`, span, { value: text });
  };
  const body = text.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) bad('it must be enclosed in { }');
  const inner = body.slice(1, -1);
  const out: (string | null)[] = [];
  if (inner.trim() === '') return out;
  let i = 0;
  for (;;) {
    while (/\s/.test(inner[i] ?? '')) i++;
    if (inner[i] === '"') {
      let v = '';
      for (i++; inner[i] !== '"'; i++) {
        if (i >= inner.length) bad('unterminated quote');
        v += inner[i] === '\\' ? inner[++i] ?? '' : inner[i];
      }
      i++;
      while (/\s/.test(inner[i] ?? '')) i++;
      out.push(v);
    } else {
      let v = '';
      while (i < inner.length && inner[i] !== ',') {
        if (inner[i] === '{' || inner[i] === '}' || inner[i] === '"') bad('nested or misplaced brace or quote');
        v += inner[i] === '\\' ? inner[++i] ?? '' : inner[i];
        i++;
      }
      v = v.trim();
      if (v === '') bad('empty element');
      out.push(v.toUpperCase() === 'NULL' ? null : v);
    }
    if (i >= inner.length) return out;
    if (inner[i] !== ',') bad('expected ","');
    i++;
  }
}
