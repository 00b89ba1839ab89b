// Literal and type-name printing per dialect. Payloads are checked against their canonical form
// before they reach SQL text, so a malformed literal can never splice anything into a statement.

import { PRECEDENCE, RelcError, internal, typeToString, type DataType, type LiteralValue } from '../../ir/index.ts';
import type { SqlDialect } from './dialect.ts';

export interface Printed {
  readonly text: string;
  readonly precedence: number;
}

const atom = (text: string): Printed => ({ text, precedence: PRECEDENCE.atom });
const signed = (text: string): Printed => ({ text, precedence: text.startsWith('-') ? PRECEDENCE.unary : PRECEDENCE.atom });

function unsupported(d: SqlDialect, what: string): never {
  throw new RelcError('BACKEND_UNSUPPORTED', `${what} cannot be expressed in ${d.name} SQL`, { details: { dialect: d.name } });
}

/**
 * `'it''s'` (Spark: `'it\'s'`, its literals reading backslash escapes). NUL cannot appear in SQL
 * text (PostgreSQL rejects it, C APIs truncate at it): bind a parameter instead.
 */
export function quoteString(s: string, d: SqlDialect): string {
  if (s.includes('\0')) unsupported(d, 'a string literal containing NUL');
  if (d.literals.backslashEscapes) return `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  return `'${s.replaceAll("'", "''")}'`;
}

export function quoteIdentifier(name: string, d: SqlDialect): string {
  let byName = quotedNames.get(d.quote);
  if (!byName) quotedNames.set(d.quote, (byName = new Map()));
  let q = byName.get(name);
  if (q === undefined) {
    if (name.includes('\0')) unsupported(d, 'an identifier containing NUL');
    q = `${d.quote}${name.replaceAll(d.quote, d.quote + d.quote)}${d.quote}`;
    if (byName.size >= 1 << 16) byName.clear();
    byName.set(name, q);
  }
  return q;
}

/** Quoted identifiers by quote character (the same names are quoted over and over). */
const quotedNames = new Map<string, Map<string, string>>();

/** The dialect's name for an IR type, as used in CAST. */
export function typeName(t: DataType, d: SqlDialect): string {
  switch (t.kind) {
    case 'decimal':
      return d.typeNames.decimal.replace('{p}', String(t.precision)).replace('{s}', String(t.scale));
    case 'interval':
      return d.typeNames.interval ?? unsupported(d, 'the interval type');
    case 'list':
    case 'struct':
    case 'null':
      return unsupported(d, `the type ${typeToString(t)}`);
    default:
      return d.typeNames[t.kind];
  }
}

function bad(t: DataType, v: LiteralValue): never {
  throw internal(`malformed ${typeToString(t)} literal ${JSON.stringify(v)}`);
}

function text(t: DataType, v: LiteralValue, re: RegExp): string {
  return typeof v === 'string' && re.test(v) ? v : bad(t, v);
}

const INT = /^-?\d+$/;
const DEC = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;
const HEX = /^([0-9a-f]{2})*$/;

/** Shortest round-trip text of a double that every engine reads as a floating-point number. */
function floatText(n: number): string {
  const s = String(n);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** Microseconds (integer text) as seconds with six fraction digits: '-1500000' → '-1.500000'. */
function secondsText(micros: string): string {
  const neg = micros.startsWith('-');
  const digits = (neg ? micros.slice(1) : micros).padStart(7, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/**
 * An ANSI interval literal: months alone as a MONTH interval, whole days as a DAY one, days and
 * microseconds as one DAY TO SECOND (without time zones a day is 24 hours, so days and time add up), both as make_interval.
 */
function ansiInterval(months: number, days: number, micros: string): string {
  if (months !== 0 && (days !== 0 || BigInt(micros) !== 0n)) return `make_interval(0, ${months}, 0, ${days}, 0, 0, ${secondsText(micros)})`;
  if (months !== 0) return `INTERVAL '${months}' MONTH`;
  if (BigInt(micros) === 0n) return `INTERVAL '${days}' DAY`; // whole days: a DATE key's RANGE frame takes only this
  const total = BigInt(days) * 86_400_000_000n + BigInt(micros);
  const abs = total < 0n ? -total : total;
  const two = (n: bigint) => String(n).padStart(2, '0');
  const secs = abs % 60_000_000n;
  const time = `${two((abs / 3_600_000_000n) % 24n)}:${two((abs / 60_000_000n) % 60n)}:${two(secs / 1_000_000n)}.${String(secs % 1_000_000n).padStart(6, '0')}`;
  return `INTERVAL '${total < 0n ? '-' : ''}${abs / 86_400_000_000n} ${time}' DAY TO SECOND`;
}

function cast(inner: string, t: DataType, d: SqlDialect): Printed {
  return atom(`CAST(${inner} AS ${typeName(t, d)})`);
}

export function printLiteral(t: DataType, v: LiteralValue, d: SqlDialect): Printed {
  const typed = d.literals.typed;
  if (v === null) return typed && t.kind !== 'null' ? cast('NULL', t, d) : atom('NULL');
  switch (t.kind) {
    case 'bool':
      if (typeof v !== 'boolean') return bad(t, v);
      return atom(d.literals.booleans[v ? 0 : 1]);
    case 'int32':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) return bad(t, v);
      return signed(String(v));
    case 'int64': {
      const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : text(t, v, INT);
      return typed ? cast(s, t, d) : signed(s);
    }
    case 'float64': {
      if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') {
        if (d.literals.floatSpecials === 'cast_text') return cast(`'${v}'`, t, d);
        if (v === 'NaN') return unsupported(d, 'a NaN literal');
        return signed(v === 'Infinity' ? '9e999' : '-9e999'); // SQLite reads an overflowing literal as ±Inf
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) return bad(t, v);
      return typed ? cast(floatText(v), t, d) : signed(floatText(v));
    }
    case 'decimal': {
      const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : text(t, v, DEC);
      // Always cast where types are real, so that the literal has exactly the declared precision/scale.
      if (typed) return cast(s, t, d);
      return signed(s.includes('.') ? s : `${s}.0`);
    }
    case 'utf8':
      return typeof v === 'string' ? atom(quoteString(v, d)) : bad(t, v);
    case 'binary':
      return atom(d.literals.binary.replace('{0}', `'${text(t, v, HEX)}'`));
    case 'date':
      return atom(`${d.literals.temporalKeywords ? 'DATE ' : ''}'${text(t, v, DATE)}'`);
    case 'timestamp':
      return atom(`${d.literals.temporalKeywords ? `${d.typeNames.timestamp} ` : ''}'${text(t, v, TIMESTAMP)}'`);
    case 'interval': {
      if (typeof v !== 'object' || Array.isArray(v) || !('months' in v)) return bad(t, v);
      const { months, days, micros } = v;
      if (!Number.isInteger(months) || !Number.isInteger(days) || !INT.test(micros)) return bad(t, v);
      if (d.literals.interval === 'json') return atom(quoteString(JSON.stringify({ months, days, micros }), d));
      if (d.literals.interval === 'ansi') return atom(ansiInterval(months, days, micros));
      return atom(`INTERVAL '${months} months ${days} days ${micros} microseconds'`);
    }
    case 'null':
      return atom('NULL');
    case 'list':
    case 'struct':
      return unsupported(d, `a ${typeToString(t)} literal`);
  }
}
