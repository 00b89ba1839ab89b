// Substrait types and literals → IR types and literals, and the decode error every part of the
// Substrait consumer throws (SUBSTRAIT_DECODE_ERROR with a path into the plan).

import { dateText, isLiteralDate, isLiteralTimestamp, RelcError, T, timestampText, type DataType, type Field, type Literal, type LiteralValue, type Schema } from '../ir/index.ts';
import { decodeRelcDetail, PlanCodecError, type AnyMessage, type NamedStruct, type RelcDetailName, type RelcDetails, type SLiteral, type SType } from '../substrait-proto/index.ts';

export function decodeError(path: string, message: string): RelcError {
  return new RelcError('SUBSTRAIT_DECODE_ERROR', `${path || 'plan'}: ${message}`, { details: { path: path || 'plan' } });
}

/** A relc detail (of an extension relation or the plan's advanced extensions), malformed bytes as SUBSTRAIT_DECODE_ERROR. */
export function relcDetail<K extends RelcDetailName>(name: K, any: AnyMessage | undefined, path: string): RelcDetails[K] | undefined {
  try {
    return decodeRelcDetail(name, any, path);
  } catch (e) {
    if (e instanceof PlanCodecError) throw decodeError(e.path, e.message);
    throw e;
  }
}

/** The one set member of a oneof-shaped object, or undefined. */
export function oneof(obj: object | undefined): [string, unknown] | undefined {
  if (!obj) return undefined;
  return Object.entries(obj).find(([, v]) => v !== undefined);
}

export interface TypedNullable {
  readonly type: DataType;
  readonly nullable: boolean;
}

function nullableOf(body: unknown, path: string): boolean {
  const n = (body as { nullability?: string } | undefined)?.nullability;
  if (n === 'NULLABILITY_NULLABLE') return true;
  if (n === 'NULLABILITY_REQUIRED') return false;
  throw decodeError(path, 'type without nullability');
}

/** An IR type from a Substrait type (names of struct members come from `names` when given). */
export function decodeType(t: SType | undefined, path: string, names?: { next(): string }): TypedNullable {
  const member = oneof(t);
  if (!member) throw decodeError(path, 'missing type');
  const [kind, body] = member;
  const here = `${path}.${kind}`;
  const simple = (type: DataType): TypedNullable => ({ type, nullable: nullableOf(body, here) });
  switch (kind) {
    case 'bool': return simple(T.bool);
    case 'i8': case 'i16': case 'i32': return simple(T.int32);
    case 'i64': return simple(T.int64);
    case 'fp32': case 'fp64': return simple(T.float64);
    case 'string': case 'varchar': case 'fixedChar': return simple(T.utf8);
    case 'binary': case 'fixedBinary': return simple(T.binary);
    case 'date': return simple(T.date);
    case 'timestamp': return simple(T.timestamp);
    case 'precisionTimestamp': return simple(T.timestamp);
    case 'intervalYear': case 'intervalDay': case 'intervalCompound': return simple(T.interval);
    case 'decimal': {
      const d = body as { precision?: number; scale?: number };
      return simple(decimalType(d.precision, d.scale, here));
    }
    case 'list': {
      const inner = decodeType((body as { type?: SType }).type, `${here}.type`, names);
      return simple(T.list(inner.type, inner.nullable));
    }
    case 'struct': {
      const types = (body as { types?: SType[] }).types ?? [];
      const fields: Field[] = types.map((x, i) => {
        const name = names ? names.next() : `f${i}`;
        const inner = decodeType(x, `${here}.types[${i}]`, names);
        return { name, type: inner.type, nullable: inner.nullable };
      });
      return simple(T.struct(fields));
    }
    default:
      throw decodeError(here, `type ${kind} is not supported by relc`);
  }
}

/** A NamedStruct as an IR schema (names depth-first, as the spec lays them out). */
export function decodeNamedStruct(ns: NamedStruct | undefined, path: string): Schema {
  if (!ns?.struct) throw decodeError(path, 'missing base_schema struct');
  const names = ns.names ?? [];
  let i = 0;
  const cursor = {
    next: () => {
      const n = names[i++];
      if (n === undefined) throw decodeError(`${path}.names`, `fewer names (${names.length}) than fields`);
      return n;
    },
  };
  const fields = (ns.struct.types ?? []).map((t, k): Field => {
    const name = cursor.next();
    const d = decodeType(t, `${path}.struct.types[${k}]`, cursor);
    return { name, type: d.type, nullable: d.nullable };
  });
  if (i !== names.length) throw decodeError(`${path}.names`, `${names.length} names for ${i} fields`);
  return fields;
}

/** decimal(p, s) with 1 <= p <= 38 and 0 <= s <= p, as relc's decimals are; anything else is not a plan relc reads. */
function decimalType(precision: number | undefined, scale: number | undefined, path: string): DataType {
  const [p, s] = [precision ?? 0, scale ?? 0];
  if (!Number.isInteger(p) || !Number.isInteger(s) || p < 1 || p > 38 || s < 0 || s > p) throw decodeError(path, `decimal(${p}, ${s}) is not a decimal type (precision 1 to 38, scale 0 to the precision)`);
  return T.decimal(p, s);
}

function decimalText(b64: string, scale: number, path: string): string {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length !== 16) throw decodeError(path, `decimal literal has ${bytes.length} bytes, expected 16`);
  let u = 0n;
  for (let i = 15; i >= 0; i--) u = (u << 8n) | BigInt(bytes[i]!);
  const v = BigInt.asIntN(128, u);
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}` : digits;
  return neg ? `-${text}` : text;
}

function intervalValue(ym: { years?: number; months?: number } | undefined, ds: { days?: number; seconds?: number; subseconds?: string; precision?: number; microseconds?: number } | undefined): LiteralValue {
  const months = (ym?.years ?? 0) * 12 + (ym?.months ?? 0);
  const p = ds?.precision ?? 6;
  const sub = BigInt(ds?.subseconds ?? '0');
  const subMicros = ds?.microseconds !== undefined ? BigInt(ds.microseconds) : p >= 6 ? sub / 10n ** BigInt(p - 6) : sub * 10n ** BigInt(6 - p);
  const micros = BigInt(ds?.seconds ?? 0) * 1_000_000n + subMicros;
  return { months, days: ds?.days ?? 0, micros: micros.toString() };
}

/** Division rounding toward negative infinity: nanoseconds before the epoch fall in the earlier microsecond. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b < 0n ? q - 1n : q;
}

function literalDate(days: number, path: string): number {
  if (!isLiteralDate(days)) throw decodeError(path, `date literal ${days} (days since 1970-01-01) is outside the years 0000–9999 a relc literal holds`);
  return days;
}

function literalTimestamp(micros: bigint, path: string): bigint {
  if (!isLiteralTimestamp(micros)) throw decodeError(path, `timestamp literal ${micros} (microseconds since 1970-01-01) is outside the years 0000–9999 a relc literal holds`);
  return micros;
}

/** An IR literal from a Substrait literal. */
export function decodeLiteral(lit: SLiteral | undefined, path: string): Literal {
  const member = oneof(lit && Object.fromEntries(Object.entries(lit).filter(([k]) => k !== 'nullable' && k !== 'typeVariationReference')));
  if (!member) throw decodeError(path, 'literal without a value');
  const [kind, v] = member;
  const here = `${path}.${kind}`;
  const L = (type: DataType, value: LiteralValue): Literal => ({ kind: 'lit', type, value });
  switch (kind) {
    case 'null': return L(decodeType(v as SType, here).type, null);
    case 'boolean': return L(T.bool, v as boolean);
    case 'i8': case 'i16': case 'i32': return L(T.int32, v as number);
    case 'i64': return L(T.int64, String(v));
    case 'fp32': case 'fp64': {
      const n = v as number | string;
      return L(T.float64, typeof n === 'string' ? n : Object.is(n, -0) ? 0 : n);
    }
    case 'string': case 'fixedChar': return L(T.utf8, v as string);
    case 'varChar': return L(T.utf8, (v as { value?: string }).value ?? '');
    case 'binary': case 'fixedBinary': return L(T.binary, Buffer.from(v as string, 'base64').toString('hex'));
    case 'date': return L(T.date, dateText(literalDate(v as number, here)));
    case 'timestamp': return L(T.timestamp, timestampText(literalTimestamp(BigInt(v as string), here)));
    case 'precisionTimestamp': {
      const pt = v as { precision?: number; value?: string };
      const p = pt.precision ?? 0;
      const raw = BigInt(pt.value ?? '0');
      const micros = p >= 6 ? floorDiv(raw, 10n ** BigInt(p - 6)) : raw * 10n ** BigInt(6 - p);
      return L(T.timestamp, timestampText(literalTimestamp(micros, here)));
    }
    case 'decimal': {
      const d = v as { value?: string; precision?: number; scale?: number };
      const type = decimalType(d.precision, d.scale, here);
      return L(type, decimalText(d.value ?? '', type.kind === 'decimal' ? type.scale : 0, here));
    }
    case 'intervalYearToMonth': return L(T.interval, intervalValue(v as object, undefined));
    case 'intervalDayToSecond': return L(T.interval, intervalValue(undefined, v as object));
    case 'intervalCompound': {
      const c = v as { intervalYearToMonth?: object; intervalDayToSecond?: object };
      return L(T.interval, intervalValue(c.intervalYearToMonth, c.intervalDayToSecond));
    }
    case 'list': {
      const values = ((v as { values?: SLiteral[] }).values ?? []).map((x, i) => decodeLiteral(x, `${here}.values[${i}]`));
      const first = values[0]!;
      return L(T.list(first.type, values.some((x) => x.value === null) || Boolean(((v as { values?: SLiteral[] }).values ?? [])[0]?.nullable)), values.map((x) => x.value));
    }
    case 'emptyList': {
      const inner = decodeType((v as { type?: SType }).type, `${here}.type`);
      return L(T.list(inner.type, inner.nullable), []);
    }
    default:
      throw decodeError(here, `literal of kind ${kind} is not supported by relc`);
  }
}
