// Calendar arithmetic for the canonical date and timestamp texts ('YYYY-MM-DD',
// 'YYYY-MM-DD HH:MM:SS.ffffff') and the day / microsecond counts engines store (proleptic
// Gregorian calendar, days since 1970-01-01, no time zone).

const MICROS_PER_DAY = 86_400_000_000n;

/**
 * Days since 1970-01-01 of a civil date. Works on 400-year eras (146097 days each), inside
 * which the leap-year pattern repeats; months are counted from March so that the leap day
 * falls at the end of the counted year.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468; // 719468 = days from 0000-03-01 to 1970-01-01
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 12 ? 31 : daysFromCivil(year, month + 1, 1) - daysFromCivil(year, month, 1);
}

/** The civil date of a day count (inverse of `daysFromCivil`). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function yearText(year: number): string {
  return year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
}

/** 'YYYY-MM-DD' of a day count. */
export function dateText(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${yearText(year)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The day counts a literal can hold: years 0000–9999, the four-digit years of the canonical
 * texts (and of the input grammar). Engines count further; values beyond stay in the engine.
 */
const LITERAL_DAYS = { min: daysFromCivil(0, 1, 1), max: daysFromCivil(9999, 12, 31) };

/** Whether a day count is a date a literal can hold. */
export function isLiteralDate(days: number): boolean {
  return Number.isInteger(days) && days >= LITERAL_DAYS.min && days <= LITERAL_DAYS.max;
}

/** Whether microseconds since the epoch are a timestamp a literal can hold. */
export function isLiteralTimestamp(micros: bigint): boolean {
  return micros >= BigInt(LITERAL_DAYS.min) * MICROS_PER_DAY && micros < BigInt(LITERAL_DAYS.max + 1) * MICROS_PER_DAY;
}

/** 'YYYY-MM-DD HH:MM:SS.ffffff' of microseconds since the epoch. */
export function timestampText(micros: bigint): string {
  let days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  if (rest < 0n) {
    rest += MICROS_PER_DAY;
    days -= 1n;
  }
  const secondsOfDay = Number(rest / 1_000_000n);
  const fraction = Number(rest % 1_000_000n);
  const hh = Math.floor(secondsOfDay / 3600);
  const mm = Math.floor((secondsOfDay % 3600) / 60);
  const ss = secondsOfDay % 60;
  return `${dateText(Number(days))} ${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}.${pad(fraction, 6)}`;
}

const DATE_RE = /^(-?\d{4,})-(\d{2})-(\d{2})$/;
const TIMESTAMP_RE = /^(-?\d{4,})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

function validCivil(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const back = civilFromDays(daysFromCivil(y, m, d));
  return back.year === y && back.month === m && back.day === d;
}

/** Day count of a 'YYYY-MM-DD' text, or undefined when it is not a valid calendar date. */
export function parseDateText(text: string): number | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return validCivil(y, mo, d) ? daysFromCivil(y, mo, d) : undefined;
}

/**
 * Microseconds since the epoch of a timestamp text: a date, optionally followed (after a
 * space or 'T') by HH:MM[:SS[.fraction]]. Fraction digits beyond microseconds are truncated,
 * as DuckDB's TIMESTAMP (microsecond) cast does. Undefined when the text is not a timestamp.
 */
export function parseTimestampText(text: string): bigint | undefined {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hh, mi, ss] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!validCivil(y, mo, d) || hh > 23 || mi > 59 || ss > 59) return undefined;
  const fraction = BigInt((m[7] ?? '').slice(0, 6).padEnd(6, '0'));
  const seconds = BigInt(hh * 3600 + mi * 60 + ss);
  return BigInt(daysFromCivil(y, mo, d)) * MICROS_PER_DAY + seconds * 1_000_000n + fraction;
}

/**
 * PostgreSQL's timestamp + interval on microseconds since the epoch: months first (the day
 * clamped to the end of the month reached), then days, then microseconds.
 */
export function addInterval(micros: bigint, months: number, days: number, intervalMicros: bigint): bigint {
  let day = micros / MICROS_PER_DAY;
  if (micros % MICROS_PER_DAY < 0n) day -= 1n;
  const timeOfDay = micros - day * MICROS_PER_DAY;
  const { year, month, day: dom } = civilFromDays(Number(day));
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const shifted = daysFromCivil(y, m, Math.min(dom, daysInMonth(y, m))) + days;
  return BigInt(shifted) * MICROS_PER_DAY + timeOfDay + intervalMicros;
}

// ---- Input: the text a cast or a typed literal reads ----
//
// One grammar for every reader (the SQL front end's literals, SQLite's cast functions, DuckDB's
// cast macro): PostgreSQL's ISO forms. ASCII white space around the value, a four-digit year,
// a month and a day, then optionally (after a space or 'T') H:M[:S[.ffffff]]; each field but the
// year has one or two digits.
// PostgreSQL reads more (other orders, month names, time zones, 24:00, leap seconds, more
// fraction digits); relc refuses those with an error rather than read them another way.

/** The white space around an input, as a regular expression character class. */
export const INPUT_SPACE_CLASS = '[ \\t\\n\\r\\f\\v]';
const INPUT_SPACE = `${INPUT_SPACE_CLASS}*`;

/** The input grammar as a regular expression source (JavaScript and RE2 read it alike). */
export const TIMESTAMP_INPUT_PATTERN = `${INPUT_SPACE}(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T]([01]?\\d|2[0-3]):([0-5]?\\d)(?::([0-5]?\\d)(?:\\.(\\d{0,6}))?)?)?${INPUT_SPACE}`;

const TIMESTAMP_INPUT = new RegExp(`^${TIMESTAMP_INPUT_PATTERN}$`);

/** Microseconds since the epoch of a timestamp input text, or undefined when it is none. */
export function readTimestampInput(text: string): bigint | undefined {
  const m = TIMESTAMP_INPUT.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hh, mi, ss] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!validCivil(y, mo, d)) return undefined; // the pattern bounds the time of day
  const fraction = BigInt((m[7] ?? '').padEnd(6, '0'));
  return BigInt(daysFromCivil(y, mo, d)) * MICROS_PER_DAY + BigInt(hh * 3600 + mi * 60 + ss) * 1_000_000n + fraction;
}

/** Day count of a date input text: a timestamp input whose time of day is dropped, as PostgreSQL does. */
export function readDateInput(text: string): number | undefined {
  const micros = readTimestampInput(text);
  if (micros === undefined) return undefined;
  const day = micros / MICROS_PER_DAY;
  return Number(micros % MICROS_PER_DAY < 0n ? day - 1n : day);
}
