// IR literals → Substrait literals. Payload conversions follow the Substrait spec: dates are days
// since 1970-01-01, timestamps microseconds since the epoch, decimals a 16-byte little-endian
// two's-complement unscaled integer, binary bytes base64 (proto3 JSON form).

import { internal, parseDateText, parseTimestampText, RelcError, type DataType, type LiteralValue } from '../../ir/index.ts';
import type { SLiteral, SType } from '../../substrait-proto/index.ts';
import { toSubstraitType } from './types.ts';

/** Days since 1970-01-01 of 'YYYY-MM-DD' (proleptic Gregorian, every year including 0–99). */
export function dateToDays(text: string): number {
  const days = parseDateText(text);
  if (days === undefined) throw internal(`bad date literal ${text}`);
  return days;
}

/** Microseconds since the epoch of 'YYYY-MM-DD HH:MM:SS.ffffff'. */
export function timestampToMicros(text: string): bigint {
  const micros = parseTimestampText(text);
  if (micros === undefined) throw internal(`bad timestamp literal ${text}`);
  return micros;
}

/** A decimal literal's unscaled value as 16 little-endian two's-complement bytes, base64. */
export function decimalBytes(text: string, scale: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m || (m[3] ?? '').length !== scale) throw internal(`bad decimal literal ${text} for scale ${scale}`);
  let v = BigInt(`${m[2]}${m[3] ?? ''}`);
  if (m[1] === '-') v = -v;
  let u = BigInt.asUintN(128, v);
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    bytes[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return Buffer.from(bytes).toString('base64');
}

function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

function fp(v: LiteralValue): number | string {
  if (typeof v === 'number') return v;
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return v;
  throw internal(`bad float literal ${JSON.stringify(v)}`);
}

function intervalLiteral(v: { months: number; days: number; micros: string }): SLiteral {
  const micros = BigInt(v.micros);
  const seconds = micros / 1_000_000n;
  const sub = micros % 1_000_000n;
  // Seconds fit int32 only within ±68 years; larger day-time parts go through days.
  const daySeconds = { days: v.days, seconds: Number(seconds), precision: 6, subseconds: sub.toString() };
  if (v.days === 0 && micros === 0n) return { intervalYearToMonth: { years: Math.trunc(v.months / 12), months: v.months % 12 } };
  if (v.months === 0) return { intervalDayToSecond: daySeconds };
  return {
    intervalCompound: {
      intervalYearToMonth: { years: Math.trunc(v.months / 12), months: v.months % 12 },
      intervalDayToSecond: daySeconds,
    },
  };
}

/** The Substrait type of a literal's value (interval literals choose their own kind). */
export function literalType(type: DataType, value: LiteralValue, nullable: boolean): SType {
  if (type.kind === 'interval' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { months: number; days: number; micros: string };
    const n = nullable ? 'NULLABILITY_NULLABLE' : 'NULLABILITY_REQUIRED';
    if (v.days === 0 && v.micros === '0') return { intervalYear: { nullability: n } };
    if (v.months === 0) return { intervalDay: { precision: 6, nullability: n } };
    return { intervalCompound: { precision: 6, nullability: n } };
  }
  return toSubstraitType(type, nullable);
}

/**
 * A literal of `type`; `nullable` marks the literal's type nullable (a NULL always is). An
 * untyped NULL (type `null`) must have been given a type by the caller.
 */
export function toSubstraitLiteral(type: DataType, value: LiteralValue, nullable = false): SLiteral {
  if (value === null) return { null: toSubstraitType(type, true) };
  const flag = nullable ? { nullable: true } : {};
  switch (type.kind) {
    case 'bool':
      return { boolean: value as boolean, ...flag };
    case 'int32':
      return { i32: value as number, ...flag };
    case 'int64':
      return { i64: String(value), ...flag };
    case 'float64':
      return { fp64: fp(value), ...flag };
    case 'decimal':
      return { decimal: { value: decimalBytes(String(value), type.scale), precision: type.precision, scale: type.scale }, ...flag };
    case 'utf8':
      return { string: value as string, ...flag };
    case 'binary':
      return { binary: hexToBase64(value as string), ...flag };
    case 'date':
      return { date: dateToDays(value as string), ...flag };
    case 'timestamp':
      return { precisionTimestamp: { precision: 6, value: timestampToMicros(value as string).toString() }, ...flag };
    case 'interval':
      return { ...intervalLiteral(value as { months: number; days: number; micros: string }), ...flag };
    case 'list': {
      const items = value as readonly LiteralValue[];
      if (items.length === 0) return { emptyList: { type: toSubstraitType(type.element, type.elementNullable), nullability: nullable ? 'NULLABILITY_NULLABLE' : 'NULLABILITY_REQUIRED' } };
      return { list: { values: items.map((x) => toSubstraitLiteral(type.element, x, type.elementNullable)) }, ...flag };
    }
    case 'struct': {
      const items = value as readonly LiteralValue[];
      return { struct: { fields: type.fields.map((f, i) => toSubstraitLiteral(f.type, items[i] ?? null, f.nullable)) }, ...flag };
    }
    case 'null':
      throw new RelcError('BACKEND_UNSUPPORTED', 'an untyped NULL literal needs a type in Substrait');
    default:
      throw internal(`literal of unexpected type ${(type as DataType).kind}`);
  }
}
