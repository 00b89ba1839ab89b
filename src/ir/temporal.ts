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
