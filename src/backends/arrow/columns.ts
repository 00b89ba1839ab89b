// Arrow columns built from canonical values (CONTRACTS.md), one column at a time: what SQLite's
// chunks become, and the DuckDB columns that have no fixed-width layout to copy (lists, structs,
// intervals). Values are exact: int64 as BigInt64, decimals as 128-bit scaled integers.

import { makeData, RecordBatch, Struct, type Data, type DataType as ArrowType, type Schema as ArrowSchema } from 'apache-arrow';
import { assertNever, internal, parseDateText, parseTimestampText, type DataType, type Schema } from '../../ir/index.ts';
import { parseScaled } from '../decimal.ts';
import type { CanonicalValue, IntervalValue } from '../values.ts';
import { arrowType } from './schema.ts';

/** makeData for a type known only at run time (its overloads need the static type). */
export const arrowData = makeData as unknown as (props: Record<string, unknown>) => Data;

/** A validity bitmap (bit i set: row i is not NULL), Arrow's layout (LSB first). */
export class Validity {
  readonly bits: Uint8Array;
  nulls = 0;
  constructor(length: number) {
    this.bits = new Uint8Array((length + 7) >> 3).fill(0xff);
  }
  setNull(i: number): void {
    this.bits[i >> 3]! &= ~(1 << (i & 7));
    this.nulls++;
  }
  /** The props of a column with these NULLs (no bitmap when there are none). */
  props(): { nullCount: number; nullBitmap?: Uint8Array } {
    return this.nulls === 0 ? { nullCount: 0 } : { nullCount: this.nulls, nullBitmap: this.bits };
  }
}

/** Writes a signed 128-bit integer as Arrow's Decimal128 stores it: two's complement, little-endian 64-bit halves. */
export function writeInt128(words: BigUint64Array, i: number, v: bigint): void {
  words[2 * i] = BigInt.asUintN(64, v);
  words[2 * i + 1] = BigInt.asUintN(64, v >> 64n);
}

/** UTF-8 bytes of strings (or bytes as they are) with Arrow's int32 offsets. */
function varBinary(values: readonly CanonicalValue[], valid: Validity, text: boolean): { valueOffsets: Int32Array; data: Uint8Array } {
  const offsets = new Int32Array(values.length + 1);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null) total += text ? Buffer.byteLength(v as string, 'utf8') : (v as Uint8Array).length;
    offsets[i + 1] = total;
  }
  const data = Buffer.allocUnsafe(total);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) {
      valid.setNull(i);
      continue;
    }
    if (text) data.write(v as string, offsets[i]!, 'utf8');
    else data.set(v as Uint8Array, offsets[i]!);
  }
  return { valueOffsets: offsets, data: new Uint8Array(data.buffer, data.byteOffset, total) };
}

/** One Arrow column of `type` holding `values` (canonical values of that type, NULL as null). */
export function canonicalColumn(type: DataType, values: readonly CanonicalValue[], at: ArrowType = arrowType(type)): Data {
  const n = values.length;
  const valid = new Validity(n);
  const each = <T>(out: T, put: (out: T, i: number, v: CanonicalValue) => void): T => {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v === null) valid.setNull(i);
      else put(out, i, v);
    }
    return out;
  };
  switch (type.kind) {
    case 'null':
      return arrowData({ type: at, length: n, nullCount: n });
    case 'bool': {
      const bits = each(new Uint8Array((n + 7) >> 3), (b, i, v) => {
        if (v === true) b[i >> 3]! |= 1 << (i & 7);
      });
      return arrowData({ type: at, length: n, data: bits, ...valid.props() });
    }
    case 'int32':
      return arrowData({ type: at, length: n, data: each(new Int32Array(n), (a, i, v) => (a[i] = v as number)), ...valid.props() });
    case 'int64':
      return arrowData({ type: at, length: n, data: each(new BigInt64Array(n), (a, i, v) => (a[i] = v as bigint)), ...valid.props() });
    case 'float64':
      return arrowData({ type: at, length: n, data: each(new Float64Array(n), (a, i, v) => (a[i] = v as number)), ...valid.props() });
    case 'decimal': {
      const words = each(new BigUint64Array(2 * n), (w, i, v) => {
        const scaled = parseScaled(v as string, type.scale);
        if (scaled === undefined) throw internal(`not a canonical decimal: ${String(v)}`);
        writeInt128(w, i, scaled);
      });
      return arrowData({ type: at, length: n, data: new Uint32Array(words.buffer), ...valid.props() });
    }
    case 'utf8':
    case 'binary': {
      const { valueOffsets, data } = varBinary(values, valid, type.kind === 'utf8');
      return arrowData({ type: at, length: n, valueOffsets, data, ...valid.props() });
    }
    case 'date':
      return arrowData({ type: at, length: n, data: each(new Int32Array(n), (a, i, v) => (a[i] = parseDateText(v as string) ?? notCanonical(type, v))), ...valid.props() });
    case 'timestamp':
      return arrowData({ type: at, length: n, data: each(new BigInt64Array(n), (a, i, v) => (a[i] = parseTimestampText(v as string) ?? notCanonical(type, v))), ...valid.props() });
    case 'interval': {
      // MonthDayNano: int32 months, int32 days, int64 nanoseconds per value.
      const buf = new ArrayBuffer(16 * n);
      const i32 = new Int32Array(buf);
      const i64 = new BigInt64Array(buf);
      each(null, (_, i, v) => {
        const x = v as IntervalValue;
        i32[4 * i] = x.months;
        i32[4 * i + 1] = x.days;
        i64[2 * i + 1] = BigInt(x.micros) * 1000n;
      });
      return arrowData({ type: at, length: n, data: i32, ...valid.props() });
    }
    case 'list': {
      const offsets = new Int32Array(n + 1);
      const flat: CanonicalValue[] = [];
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === null) valid.setNull(i);
        else for (const e of v as readonly CanonicalValue[]) flat.push(e);
        offsets[i + 1] = flat.length;
      }
      const child = canonicalColumn(type.element, flat, at.children[0]!.type);
      return arrowData({ type: at, length: n, valueOffsets: offsets, child, ...valid.props() });
    }
    case 'struct': {
      for (let i = 0; i < n; i++) if (values[i] === null) valid.setNull(i);
      const children = type.fields.map((f, k) =>
        canonicalColumn(f.type, values.map((v) => (v === null ? null : (v as { readonly [field: string]: CanonicalValue })[f.name] ?? null)), at.children[k]!.type),
      );
      return arrowData({ type: at, length: n, children, ...valid.props() });
    }
    default:
      return assertNever(type);
  }
}

function notCanonical(type: DataType, v: CanonicalValue): never {
  throw internal(`not a canonical ${type.kind} value: ${String(v)}`);
}

/** A record batch of `n` rows from its columns' data. */
export function batchOf(arrow: ArrowSchema, n: number, children: Data[]): RecordBatch {
  return new RecordBatch(arrow, arrowData({ type: new Struct(arrow.fields), length: n, nullCount: 0, children }) as Data<Struct>);
}

/** A record batch of canonical rows of `schema` (= the relc schema of `arrow`), built column by column. */
export function canonicalBatch(schema: Schema, arrow: ArrowSchema, rows: readonly (readonly CanonicalValue[])[]): RecordBatch {
  const children = schema.map((f, c) => canonicalColumn(f.type, rows.map((r) => r[c]!), arrow.fields[c]!.type));
  return batchOf(arrow, rows.length, children);
}
