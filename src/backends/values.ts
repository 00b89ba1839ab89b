// Canonical JS values (CONTRACTS.md): what every engine's results, every bound parameter and every
// content hash are expressed in, whatever representation DuckDB or SQLite handed back.

import {
  DuckDBArrayValue, DuckDBBlobValue, DuckDBDateValue, DuckDBDecimalValue, DuckDBIntervalValue, DuckDBListValue, DuckDBStructValue,
  DuckDBTimestampMillisecondsValue, DuckDBTimestampNanosecondsValue, DuckDBTimestampSecondsValue, DuckDBTimestampTZValue, DuckDBTimestampValue,
} from './duckdb-api.ts';
import { assertNever, internal, RelcError } from '../ir/errors.ts';
import { typeToString, type DataType, type Schema } from '../ir/types.ts';
import type { LiteralValue } from '../ir/index.ts';
import { numberToScaled, parseScaled, rescale, scaledToText } from './decimal.ts';
import { dateText, parseDateText, parseTimestampText, timestampText } from '../ir/temporal.ts';

/** Lowercase hex of bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export interface IntervalValue {
  readonly months: number;
  readonly days: number;
  readonly micros: string;
}

/**
 * bool → boolean; int32, float64 → number; int64 → bigint; decimal(p,s) → string with exactly s
 * fraction digits; utf8 → string; binary → Uint8Array; date → 'YYYY-MM-DD'; timestamp →
 * 'YYYY-MM-DD HH:MM:SS.ffffff'; interval → IntervalValue; list → array; struct → object keyed by
 * field name in field order; NULL → null.
 */
export type CanonicalValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | IntervalValue
  | readonly CanonicalValue[]
  | { readonly [field: string]: CanonicalValue };

export type CanonicalRow = readonly CanonicalValue[];

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function describe(raw: unknown): string {
  if (raw === null || typeof raw !== 'object') return `${typeof raw} ${String(raw)}`;
  return raw.constructor?.name ?? 'object';
}

/** The engine handed back something a value of `type` can never be: a plan/lowering bug. */
function mismatch(type: DataType, raw: unknown): never {
  throw internal(`engine returned ${describe(raw)} for a ${typeToString(type)} value`, { type: typeToString(type) });
}

/**
 * A number the engine computed that the column's integer type cannot hold (an overflow the engine
 * let through, e.g. SQLite widening int32 arithmetic to 64 bits or an int64 one to REAL): the
 * query failed, as it does on PostgreSQL — a runtime error of the user's data, not a relc bug.
 */
function outOfRange(type: DataType, raw: unknown, column: string | undefined): never {
  const where = column === undefined ? '' : ` in column ${column}`;
  throw new RelcError('EXECUTION_FAILED', `value out of range for ${typeToString(type)}${where}: ${String(raw)}`, {
    details: { type: typeToString(type), value: String(raw), ...(column === undefined ? {} : { column }) },
  });
}

/**
 * Quotes integer literals of more than 15 digits in JSON text (outside strings), so that
 * JSON.parse keeps them exact as digit strings instead of rounding them to a double.
 */
const JSON_NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
export function quoteLongIntegers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      JSON_NUMBER.lastIndex = i;
      const m = JSON_NUMBER.exec(text);
      const token = m ? m[0] : ch;
      out += m && !m[1] && !m[2] && token.replace('-', '').length > 15 ? `"${token}"` : token;
      i += token.length;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** SQLite returns lists, structs and intervals as JSON text (it has no such types). */
function fromJsonText(type: DataType, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(quoteLongIntegers(raw));
  } catch {
    return mismatch(type, raw);
  }
}

/** An integer value checked against the type's range; a REAL (never an exact integer of the type past 2^53) is out of range. */
function integral(type: DataType, raw: unknown, lo: bigint, hi: bigint, column: string | undefined): bigint {
  let v: bigint;
  if (typeof raw === 'bigint') v = raw;
  else if (typeof raw === 'number') v = Number.isSafeInteger(raw) ? BigInt(raw) : outOfRange(type, raw, column);
  else if (raw instanceof DuckDBDecimalValue && raw.scale === 0) v = raw.value;
  else return mismatch(type, raw);
  return v >= lo && v <= hi ? v : outOfRange(type, raw, column);
}

function decimalValue(type: Extract<DataType, { kind: 'decimal' }>, raw: unknown): string {
  let scaled: bigint | undefined;
  if (raw instanceof DuckDBDecimalValue) scaled = rescale(raw.value, raw.scale, type.scale);
  else if (typeof raw === 'bigint') scaled = rescale(raw, 0, type.scale);
  else if (typeof raw === 'number') scaled = numberToScaled(raw, type.scale);
  else if (typeof raw === 'string') scaled = parseScaled(raw, type.scale);
  if (scaled === undefined) return mismatch(type, raw);
  return scaledToText(scaled, type.scale);
}

function timestampValue(type: DataType, raw: unknown): string {
  if (raw instanceof DuckDBTimestampValue || raw instanceof DuckDBTimestampTZValue) return timestampText(raw.micros);
  if (raw instanceof DuckDBTimestampSecondsValue) return timestampText(raw.seconds * 1_000_000n);
  if (raw instanceof DuckDBTimestampMillisecondsValue) return timestampText(raw.millis * 1_000n);
  if (raw instanceof DuckDBTimestampNanosecondsValue) return timestampText(raw.nanos / 1_000n - (raw.nanos % 1_000n < 0n ? 1n : 0n));
  if (raw instanceof DuckDBDateValue) return timestampText(BigInt(raw.days) * 86_400_000_000n);
  if (typeof raw === 'string') {
    const micros = parseTimestampText(raw);
    if (micros !== undefined) return timestampText(micros);
  }
  return mismatch(type, raw);
}

function intervalValue(type: DataType, raw: unknown): IntervalValue {
  if (raw instanceof DuckDBIntervalValue) return { months: raw.months, days: raw.days, micros: raw.micros.toString() };
  const v = fromJsonText(type, raw);
  if (v !== null && typeof v === 'object' && 'months' in v && 'days' in v && 'micros' in v) {
    const { months, days, micros } = v as { months: unknown; days: unknown; micros: unknown };
    if (typeof months === 'number' && typeof days === 'number' && (typeof micros === 'string' || typeof micros === 'number' || typeof micros === 'bigint')) {
      return { months, days, micros: BigInt(micros).toString() };
    }
  }
  return mismatch(type, raw);
}

/**
 * Turns one value as an engine returned it into its canonical JS form for `type`. An integer out
 * of its type's range is EXECUTION_FAILED (naming `column` when given); a value of another kind
 * altogether is INTERNAL (a lowering bug).
 */
export function normalizeValue(type: DataType, raw: unknown, column?: string): CanonicalValue {
  if (raw === null || raw === undefined) return null;
  switch (type.kind) {
    case 'null':
      return mismatch(type, raw);
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (raw === 0n || raw === 0) return false;
      if (raw === 1n || raw === 1) return true;
      return mismatch(type, raw);
    case 'int32':
      return Number(integral(type, raw, INT32_MIN, INT32_MAX, column));
    case 'int64':
      return integral(type, raw, INT64_MIN, INT64_MAX, column);
    case 'float64':
      if (typeof raw === 'number') return raw === 0 ? 0 : raw; // -0 → 0
      if (typeof raw === 'bigint') return Number(raw);
      if (raw instanceof DuckDBDecimalValue) return raw.toDouble();
      return mismatch(type, raw);
    case 'decimal':
      return decimalValue(type, raw);
    case 'utf8':
      return typeof raw === 'string' ? raw : mismatch(type, raw);
    case 'binary':
      if (raw instanceof DuckDBBlobValue) return new Uint8Array(raw.bytes);
      if (raw instanceof Uint8Array) return new Uint8Array(raw); // a plain copy, never a Node Buffer
      return mismatch(type, raw);
    case 'date':
      if (raw instanceof DuckDBDateValue) return dateText(raw.days);
      if (typeof raw === 'string' && parseDateText(raw) !== undefined) return raw;
      return mismatch(type, raw);
    case 'timestamp':
      return timestampValue(type, raw);
    case 'interval':
      return intervalValue(type, raw);
    case 'list':
      if (raw instanceof DuckDBListValue || raw instanceof DuckDBArrayValue) return raw.items.map((x) => normalizeValue(type.element, x, column));
      return fromJsonValue(type, fromJsonText(type, raw));
    case 'struct':
      if (raw instanceof DuckDBStructValue) return Object.fromEntries(type.fields.map((f) => [f.name, normalizeValue(f.type, raw.entries[f.name], column)]));
      return fromJsonValue(type, fromJsonText(type, raw));
    default:
      return assertNever(type, 'type');
  }
}

/** Normalizes a row positionally against the schema it was produced with. */
export function normalizeRow(schema: Schema, row: readonly unknown[]): CanonicalValue[] {
  if (row.length !== schema.length) throw internal(`engine returned ${row.length} columns for a schema of ${schema.length}`);
  return schema.map((f, i) => normalizeValue(f.type, row[i], f.name));
}

/** Normalizes column-major engine results (DuckDB reads columns ~10x faster than rows) into rows. */
export function normalizeColumns(schema: Schema, columns: readonly (readonly unknown[])[]): CanonicalValue[][] {
  if (columns.length !== schema.length) throw internal(`engine returned ${columns.length} columns for a schema of ${schema.length}`);
  const n = columns[0]?.length ?? 0;
  const rows: CanonicalValue[][] = Array.from({ length: n }, () => new Array<CanonicalValue>(schema.length));
  schema.forEach((f, j) => {
    const col = columns[j]!;
    for (let i = 0; i < n; i++) rows[i]![j] = normalizeValue(f.type, col[i], f.name);
  });
  return rows;
}

function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The canonical value of an IR literal payload (spec defaults, coerced `--param` values). */
export function literalToCanonical(type: DataType, value: LiteralValue): CanonicalValue {
  if (value === null) return null;
  switch (type.kind) {
    case 'float64':
      if (value === 'NaN') return Number.NaN;
      if (value === 'Infinity') return Number.POSITIVE_INFINITY;
      if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
      return normalizeValue(type, value);
    case 'int64':
      return typeof value === 'string' && /^[+-]?\d+$/.test(value) ? BigInt(value) : normalizeValue(type, value);
    case 'binary':
      if (typeof value === 'string' && /^([0-9a-fA-F]{2})*$/.test(value)) return fromHex(value);
      throw internal(`binary literal is not hex: ${JSON.stringify(value)}`);
    case 'list':
      if (!Array.isArray(value)) throw internal('list literal is not an array');
      return (value as readonly LiteralValue[]).map((x) => literalToCanonical(type.element, x));
    default:
      return normalizeValue(type, value);
  }
}

/**
 * A JSON-compatible form of a canonical value (manifest params, JSON Lines outputs): bigint →
 * decimal string, binary → lowercase hex, non-finite doubles → 'NaN' / 'Infinity' / '-Infinity'.
 */
export function toJsonValue(type: DataType, v: CanonicalValue): unknown {
  if (v === null) return null;
  switch (type.kind) {
    case 'int64':
      return (v as bigint).toString();
    case 'float64':
      return Number.isFinite(v) ? v : String(v);
    case 'binary':
      return bytesToHex(v as Uint8Array);
    case 'list':
      return (v as readonly CanonicalValue[]).map((x) => toJsonValue(type.element, x));
    case 'struct':
      return Object.fromEntries(type.fields.map((f) => [f.name, toJsonValue(f.type, (v as Record<string, CanonicalValue>)[f.name] ?? null)]));
    default:
      return v;
  }
}

/** The canonical value of a parsed JSON value written by `jsonText` (SQLite's nested storage). */
export function fromJsonValue(type: DataType, x: unknown): CanonicalValue {
  if (x === null || x === undefined) return null;
  switch (type.kind) {
    case 'int64':
      return typeof x === 'string' && /^-?\d+$/.test(x) ? BigInt(x) : normalizeValue(type, x);
    case 'float64':
      if (typeof x === 'string' && /^-?\d+$/.test(x)) return Number(x); // a long integer kept as text
      return typeof x === 'string' ? literalToCanonical(type, x) : normalizeValue(type, x);
    case 'binary':
      return typeof x === 'string' && /^([0-9a-f]{2})*$/i.test(x) ? fromHex(x) : mismatch(type, x);
    case 'list':
      return Array.isArray(x) ? x.map((e: unknown) => fromJsonValue(type.element, e)) : mismatch(type, x);
    case 'struct': {
      if (typeof x !== 'object' || Array.isArray(x)) return mismatch(type, x);
      const obj = x as Record<string, unknown>;
      return Object.fromEntries(type.fields.map((f) => [f.name, fromJsonValue(f.type, obj[f.name])]));
    }
    default:
      return normalizeValue(type, x);
  }
}

/**
 * JSON text of a canonical value: int64 as a JSON number with all its digits, decimal as a
 * string with its exact scale, binary as lowercase hex, non-finite doubles as 'NaN' /
 * 'Infinity' / '-Infinity' strings, intervals as {months, days, micros (string)}. Used for
 * JSON Lines outputs and for lists / structs / intervals stored on SQLite.
 */
export function jsonText(type: DataType, v: CanonicalValue): string {
  if (v === null) return 'null';
  switch (type.kind) {
    case 'int64':
      return (v as bigint).toString();
    case 'float64':
      return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
    case 'binary':
      return JSON.stringify(bytesToHex(v as Uint8Array));
    case 'list':
      return `[${(v as readonly CanonicalValue[]).map((x) => jsonText(type.element, x)).join(',')}]`;
    case 'struct': {
      const obj = v as Record<string, CanonicalValue>;
      return `{${type.fields.map((f) => `${JSON.stringify(f.name)}:${jsonText(f.type, obj[f.name] ?? null)}`).join(',')}}`;
    }
    case 'interval': {
      const iv = v as IntervalValue;
      return `{"months":${iv.months},"days":${iv.days},"micros":${JSON.stringify(iv.micros)}}`;
    }
    default:
      return JSON.stringify(v);
  }
}

