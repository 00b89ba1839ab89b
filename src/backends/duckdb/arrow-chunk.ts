// A DuckDB data chunk as an Arrow record batch, column by column. @duckdb/node-api 1.5.5 binds
// none of DuckDB's Arrow C API (duckdb_data_chunk_to_arrow is commented out in its bindings), so
// the columns are built here from the chunk's vectors: fixed-width columns whose layout is
// Arrow's (INTEGER, BIGINT, DOUBLE, DATE as days, TIMESTAMP as µs, DECIMAL as its scaled integer)
// are copied from the vector's memory, strings and blobs from its string_t entries (inline, or
// through their pointer), validity from its 64-bit masks (the same bit order as Arrow's). Other
// types (lists, structs, intervals) and a vector whose type is not the schema's storage type go
// through canonical values (../arrow/columns.ts). Slots of NULLs hold zeros, so that a batch has
// the same bytes as SQLite's for the same rows.

import { createRequire } from 'node:module';
import { DuckDBTypeId, type DuckDBDataChunk, type DuckDBDecimalType } from '../duckdb-api.ts';
import type * as Bindings from '@duckdb/node-bindings';
import type { Data, RecordBatch, Schema as ArrowSchema } from 'apache-arrow';
import type { DataType, Schema } from '../../ir/index.ts';
import { arrowData, batchOf, canonicalColumn, writeInt128 } from '../arrow/columns.ts';
import { normalizeValue } from '../values.ts';

// The bindings @duckdb/node-api itself loads (its own dependency, resolved from its directory).
const requireHere = createRequire(import.meta.url);
const bindings = createRequire(requireHere.resolve('@duckdb/node-api'))('@duckdb/node-bindings') as typeof Bindings;

/** The DuckDB storage type each fixed-layout relc type arrives in, and the typed array of its values (Arrow's layout). */
interface Fixed {
  readonly id: DuckDBTypeId;
  readonly array: Int32ArrayConstructor | BigInt64ArrayConstructor | Float64ArrayConstructor;
}
const FIXED: Partial<Record<DataType['kind'], Fixed>> = {
  int32: { id: DuckDBTypeId.INTEGER, array: Int32Array },
  int64: { id: DuckDBTypeId.BIGINT, array: BigInt64Array },
  float64: { id: DuckDBTypeId.DOUBLE, array: Float64Array },
  date: { id: DuckDBTypeId.DATE, array: Int32Array },
  timestamp: { id: DuckDBTypeId.TIMESTAMP, array: BigInt64Array },
};

/** DECIMAL(p,s)'s physical integer: int16 up to 4 digits, int32 to 9, int64 to 18, int128 beyond. */
function decimalWidth(precision: number): number {
  return precision <= 4 ? 2 : precision <= 9 ? 4 : precision <= 18 ? 8 : 16;
}

interface Nulls {
  readonly count: number;
  readonly bitmap?: Uint8Array;
}

/** The vector's validity as an Arrow bitmap (absent when every row is valid). */
function nullsOf(vector: Bindings.Vector, n: number): Nulls {
  const mask = bindings.vector_get_validity(vector, Math.ceil(n / 64) * 8);
  if (!mask) return { count: 0 };
  const bitmap = mask.slice(0, (n + 7) >> 3);
  if (n & 7) bitmap[bitmap.length - 1]! |= 0xff << (n & 7); // bits past the end set, as in ../arrow/columns.ts's Validity
  let valid = 0;
  for (const byte of bitmap) {
    if (byte === 0xff) valid += 8;
    else for (let b = byte; b !== 0; b &= b - 1) valid++;
  }
  valid -= bitmap.length * 8 - n;
  return valid === n ? { count: 0 } : { count: n - valid, bitmap };
}

function isNull(nulls: Nulls, i: number): boolean {
  return nulls.bitmap !== undefined && ((nulls.bitmap[i >> 3]! >> (i & 7)) & 1) === 0;
}

function props(nulls: Nulls): { nullCount: number; nullBitmap?: Uint8Array } {
  return nulls.bitmap ? { nullCount: nulls.count, nullBitmap: nulls.bitmap } : { nullCount: 0 };
}

/** Zeroes the `width`-byte slots of NULL rows. */
function zeroNulls(bytes: Uint8Array, width: number, nulls: Nulls, n: number): void {
  if (!nulls.bitmap) return;
  for (let i = 0; i < n; i++) if (isNull(nulls, i)) bytes.fill(0, i * width, (i + 1) * width);
}

function fixedColumn(vector: Bindings.Vector, n: number, fixed: Fixed, nulls: Nulls, at: ArrowType): Data {
  const width = fixed.array.BYTES_PER_ELEMENT;
  const bytes = bindings.vector_get_data(vector, n * width).slice();
  zeroNulls(bytes, width, nulls, n);
  const data = new fixed.array(bytes.buffer, 0, n);
  if (data instanceof Float64Array) for (let i = 0; i < n; i++) if (data[i] === 0) data[i] = 0; // -0 → 0, as canonical values
  return arrowData({ type: at, length: n, data, ...props(nulls) });
}

type ArrowType = ArrowSchema['fields'][number]['type'];

function boolColumn(vector: Bindings.Vector, n: number, nulls: Nulls, at: ArrowType): Data {
  const bytes = bindings.vector_get_data(vector, n);
  const bits = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (bytes[i] !== 0 && !isNull(nulls, i)) bits[i >> 3]! |= 1 << (i & 7);
  return arrowData({ type: at, length: n, data: bits, ...props(nulls) });
}

function decimalColumn(vector: Bindings.Vector, n: number, precision: number, nulls: Nulls, at: ArrowType): Data {
  const width = decimalWidth(precision);
  const raw = bindings.vector_get_data(vector, n * width);
  let bytes: Uint8Array;
  if (width === 16) bytes = raw.slice(); // hugeint {lower uint64, upper int64}: Decimal128's layout
  else {
    // Sign-extended into 128 bits.
    const words = new BigUint64Array(2 * n);
    const view = new DataView(raw.buffer, raw.byteOffset, n * width);
    for (let i = 0; i < n; i++) {
      const v = width === 2 ? BigInt(view.getInt16(2 * i, true)) : width === 4 ? BigInt(view.getInt32(4 * i, true)) : view.getBigInt64(8 * i, true);
      writeInt128(words, i, v);
    }
    bytes = new Uint8Array(words.buffer);
  }
  zeroNulls(bytes, 16, nulls, n);
  return arrowData({ type: at, length: n, data: new Uint32Array(bytes.buffer, 0, 4 * n), ...props(nulls) });
}

/** VARCHAR / BLOB: each string_t holds its length, then the bytes inline (≤ 12) or a pointer to them. */
function stringColumn(vector: Bindings.Vector, n: number, nulls: Nulls, at: ArrowType): Data {
  const raw = bindings.vector_get_data(vector, n * 16);
  const view = new DataView(raw.buffer, raw.byteOffset, n * 16);
  const parts: Uint8Array[] = [];
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!isNull(nulls, i)) {
      const length = view.getUint32(16 * i, true);
      const part = length <= 12 ? raw.subarray(16 * i + 4, 16 * i + 4 + length) : bindings.get_data_from_pointer(raw.buffer as ArrayBuffer, raw.byteOffset + 16 * i + 8, length);
      parts.push(part);
      total += length;
    }
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  let at0 = 0;
  for (const p of parts) {
    data.set(p, at0);
    at0 += p.length;
  }
  return arrowData({ type: at, length: n, valueOffsets: offsets, data, ...props(nulls) });
}

/** Column `c` of the chunk as Arrow data of `field`'s relc type. */
function column(chunk: DuckDBDataChunk, c: number, type: DataType, name: string, at: ArrowType, n: number): Data {
  const vectorType = chunk.getColumnVector(c).type;
  const vector = bindings.data_chunk_get_vector(chunk.chunk, c);
  const fixed = FIXED[type.kind];
  if (fixed && vectorType.typeId === fixed.id) return fixedColumn(vector, n, fixed, nullsOf(vector, n), at);
  if (type.kind === 'bool' && vectorType.typeId === DuckDBTypeId.BOOLEAN) return boolColumn(vector, n, nullsOf(vector, n), at);
  if ((type.kind === 'utf8' && vectorType.typeId === DuckDBTypeId.VARCHAR) || (type.kind === 'binary' && vectorType.typeId === DuckDBTypeId.BLOB)) {
    return stringColumn(vector, n, nullsOf(vector, n), at);
  }
  if (type.kind === 'decimal' && vectorType.typeId === DuckDBTypeId.DECIMAL) {
    const d = vectorType as DuckDBDecimalType;
    if (d.width === type.precision && d.scale === type.scale) return decimalColumn(vector, n, d.width, nullsOf(vector, n), at);
  }
  return canonicalColumn(type, chunk.getColumnValues(c).map((v) => normalizeValue(type, v, name)), at);
}

/** The chunk as one record batch of `arrow` (= arrowSchema(schema)). */
export function chunkBatch(schema: Schema, arrow: ArrowSchema, chunk: DuckDBDataChunk): RecordBatch {
  const n = chunk.rowCount;
  const children = schema.map((f, c) => column(chunk, c, f.type, f.name, arrow.fields[c]!.type, n));
  return batchOf(arrow, n, children);
}
