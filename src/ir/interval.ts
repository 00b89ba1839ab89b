// PostgreSQL's interval arithmetic on the canonical {months, days, micros} value (CONTRACTS.md):
// justify_days / justify_hours / justify_interval, interval * and / a number, make_interval, and
// the timestamp functions built on microsecond counts (date_bin, to_timestamp of epoch seconds).
// The one definition of these rules in relc: SQLite's shims call it, DuckDB's macros and the
// probes against PostgreSQL (test/pg-oracle/probes-numdate.sql) check the same arithmetic.

import { RelcError } from './errors.ts';

export interface IntervalParts {
  readonly months: number;
  readonly days: number;
  readonly micros: bigint;
}

const DAYS_PER_MONTH = 30;
const MICROS_PER_DAY = 86_400_000_000n;
const SECS_PER_DAY = 86_400;
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

const outOfRange = (): never => {
  throw new RelcError('EXECUTION_FAILED', 'interval out of range');
};
/** C's conversion of a double to int32 (toward zero), with PostgreSQL's range check. */
const int32Of = (x: number): number => (Number.isNaN(x) || x > INT32.max || x < INT32.min ? outOfRange() : Math.trunc(x) + 0);
/** PostgreSQL's TSROUND: a double rounded half-even to microsecond precision (rint(x * 1e6) / 1e6). */
const tsRound = (x: number): number => rint(x * 1e6) / 1e6;
/** C's rint: to the nearest integer, ties to even. */
export function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
/** `x` modulo `m` truncated toward zero (C's / and %): [quotient, remainder]. */
function tmodulo(x: bigint, m: bigint): [bigint, bigint] {
  const q = x / m;
  return [q, x - q * m];
}

/** justify_days: each 30 days become a month; days take the months' sign. */
export function justifyDays(iv: IntervalParts): IntervalParts {
  let { months, days } = iv;
  const whole = Math.trunc(days / DAYS_PER_MONTH);
  days -= whole * DAYS_PER_MONTH;
  months += whole;
  if (months > 0 && days < 0) [days, months] = [days + DAYS_PER_MONTH, months - 1];
  else if (months < 0 && days > 0) [days, months] = [days - DAYS_PER_MONTH, months + 1];
  return { months, days: days + 0, micros: iv.micros };
}

/** justify_hours: each 24 hours become a day; the time takes the days' sign. */
export function justifyHours(iv: IntervalParts): IntervalParts {
  const [wholeDays, rest] = tmodulo(iv.micros, MICROS_PER_DAY);
  let days = iv.days + Number(wholeDays);
  let micros = rest;
  if (days > 0 && micros < 0n) [micros, days] = [micros + MICROS_PER_DAY, days - 1];
  else if (days < 0 && micros > 0n) [micros, days] = [micros - MICROS_PER_DAY, days + 1];
  return { months: iv.months, days: days + 0, micros };
}

/** justify_interval: hours into days, days into months, every field with one sign. */
export function justifyInterval(iv: IntervalParts): IntervalParts {
  let { months, days, micros } = iv;
  const monthsOfDays = () => {
    const whole = Math.trunc(days / DAYS_PER_MONTH);
    days -= whole * DAYS_PER_MONTH;
    months += whole;
  };
  // PostgreSQL moves days into months first when days and time share a sign (against overflow).
  if ((days > 0 && micros > 0n) || (days < 0 && micros < 0n)) monthsOfDays();
  const [wholeDays, rest] = tmodulo(micros, MICROS_PER_DAY);
  days += Number(wholeDays);
  micros = rest;
  monthsOfDays();
  if (months > 0 && (days < 0 || (days === 0 && micros < 0n))) [days, months] = [days + DAYS_PER_MONTH, months - 1];
  else if (months < 0 && (days > 0 || (days === 0 && micros > 0n))) [days, months] = [days - DAYS_PER_MONTH, months + 1];
  if (days > 0 && micros < 0n) [micros, days] = [micros + MICROS_PER_DAY, days - 1];
  else if (days < 0 && micros > 0n) [micros, days] = [micros - MICROS_PER_DAY, days + 1];
  return { months: months + 0, days: days + 0, micros };
}

/**
 * interval * factor (and / factor, as * 1/factor is not: PostgreSQL divides each field): whole
 * months and days truncated toward zero, their fractions cascading down (a month is 30 days, a
 * day 24 hours) rounded to microseconds, the time rounded half-even.
 */
function scale(iv: IntervalParts, by: (x: number) => number): IntervalParts {
  const months = int32Of(by(iv.months));
  let days = int32Of(by(iv.days));
  const monthRemainderDays = tsRound((by(iv.months) - months) * DAYS_PER_MONTH);
  let secRemainder = tsRound((by(iv.days) - days + monthRemainderDays - Math.trunc(monthRemainderDays)) * SECS_PER_DAY);
  if (Math.abs(secRemainder) >= SECS_PER_DAY) {
    const whole = Math.trunc(secRemainder / SECS_PER_DAY);
    days += whole;
    secRemainder -= whole * SECS_PER_DAY;
  }
  days += Math.trunc(monthRemainderDays);
  const time = rint(by(Number(iv.micros)) + secRemainder * 1e6);
  if (!Number.isFinite(time) || Math.abs(time) >= 2 ** 63) outOfRange();
  return { months, days: days + 0, micros: BigInt(time) };
}

export const multiplyInterval = (iv: IntervalParts, factor: number): IntervalParts => scale(iv, (x) => x * factor);
export const divideInterval = (iv: IntervalParts, divisor: number): IntervalParts => scale(iv, (x) => x / divisor);

/** make_interval(years, months, weeks, days, hours, mins, secs): seconds rounded half-even to microseconds. */
export function makeInterval(years: bigint, months: bigint, weeks: bigint, days: bigint, hours: bigint, mins: bigint, secs: number): IntervalParts {
  if (!Number.isFinite(secs)) outOfRange();
  const m = years * 12n + months;
  const d = weeks * 7n + days;
  if (m < BigInt(INT32.min) || m > BigInt(INT32.max) || d < BigInt(INT32.min) || d > BigInt(INT32.max)) outOfRange();
  return { months: Number(m), days: Number(d), micros: hours * 3_600_000_000n + mins * 60_000_000n + BigInt(rint(secs * 1e6)) };
}

/**
 * date_bin(stride, source, origin) on microseconds since the epoch: the start of the bin of
 * width `stride` (no months; days count 24 hours) that holds `source`, bins aligned on `origin`.
 */
export function dateBin(stride: IntervalParts, source: bigint, origin: bigint): bigint {
  if (stride.months !== 0) throw new RelcError('EXECUTION_FAILED', 'timestamps cannot be binned into intervals containing months or years');
  const width = BigInt(stride.days) * MICROS_PER_DAY + stride.micros;
  if (width <= 0n) throw new RelcError('EXECUTION_FAILED', 'stride must be greater than zero');
  const diff = source - origin;
  const modulo = diff % width;
  return origin + diff - modulo - (modulo < 0n ? width : 0n);
}

/**
 * to_timestamp(epoch seconds) as microseconds since the epoch, PostgreSQL's way: the seconds
 * moved to PostgreSQL's epoch (2000-01-01) in double precision, then rounded half-even to
 * microseconds. NaN and values outside relc's timestamps (years 1–9999; PostgreSQL's infinities
 * among them) are errors.
 */
export const EPOCH_2000_SECONDS = 946_684_800;
export const TIMESTAMP_SECONDS = { min: -62_135_596_800, end: 253_402_300_800 } as const;
export function timestampOfEpoch(seconds: number): bigint {
  if (Number.isNaN(seconds)) throw new RelcError('EXECUTION_FAILED', 'timestamp cannot be NaN');
  if (!(seconds >= TIMESTAMP_SECONDS.min && seconds < TIMESTAMP_SECONDS.end)) throw new RelcError('EXECUTION_FAILED', `timestamp out of range: "${seconds}"`);
  return BigInt(rint((seconds - EPOCH_2000_SECONDS) * 1e6)) + BigInt(EPOCH_2000_SECONDS) * 1_000_000n;
}

const TRUNC_UNIT_OF: Readonly<Record<string, string>> = {
  microsecond: 'microsecond', microseconds: 'microsecond', millisecond: 'millisecond', milliseconds: 'millisecond',
  second: 'second', seconds: 'second', minute: 'minute', minutes: 'minute', hour: 'hour', hours: 'hour', day: 'day', days: 'day',
  week: 'week', weeks: 'week', month: 'month', months: 'month', quarter: 'quarter', year: 'year', years: 'year',
  decade: 'decade', decades: 'decade', century: 'century', centuries: 'century', millennium: 'millennium', millennia: 'millennium',
};

/**
 * date_trunc(unit, interval): the fields below `unit` zeroed, PostgreSQL's way — years, months,
 * days, then the time's hours, minutes, seconds, each toward zero; decades, centuries and millennia
 * keep whole multiples of 10, 100, 1000 years (no calendar offset), a quarter three months. Weeks
 * are an error (a month has no whole number of them).
 */
export function truncInterval(unit: string, iv: IntervalParts): IntervalParts {
  const u = TRUNC_UNIT_OF[unit.toLowerCase()];
  if (u === undefined) throw new RelcError('EXECUTION_FAILED', `unit "${unit}" not recognized for type interval`);
  if (u === 'week') throw new RelcError('EXECUTION_FAILED', `unit "${unit}" not supported for type interval`);
  const years = Math.trunc(iv.months / 12);
  const months = (n: number): IntervalParts => ({ months: n + 0, days: 0, micros: 0n });
  const time = (step: bigint): IntervalParts => ({ months: iv.months, days: iv.days, micros: iv.micros - (iv.micros % step) });
  switch (u) {
    case 'millennium': return months(Math.trunc(years / 1000) * 12000);
    case 'century': return months(Math.trunc(years / 100) * 1200);
    case 'decade': return months(Math.trunc(years / 10) * 120);
    case 'year': return months(years * 12);
    case 'quarter': return months(years * 12 + Math.trunc((iv.months % 12) / 3) * 3);
    case 'month': return months(iv.months);
    case 'day': return { months: iv.months, days: iv.days, micros: 0n };
    case 'hour': return time(3_600_000_000n);
    case 'minute': return time(60_000_000n);
    case 'second': return time(1_000_000n);
    case 'millisecond': return time(1000n);
    default: return iv;
  }
}
