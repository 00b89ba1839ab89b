// Canonical rows (CONTRACTS.md) read back from Arrow columns, exactly: int64 and timestamps from
// their 64-bit integers, decimals from their 128-bit scaled integers (Arrow's own `get` gives a
// timestamp in milliseconds). What tests compare Arrow results with, and a host may use too.

import type { Data, RecordBatch, Table } from 'apache-arrow';
import { assertNever, dateText, timestampText, type DataType, type Schema } from '../../ir/index.ts';
import { scaledToText } from '../decimal.ts';
import type { CanonicalValue } from '../values.ts';

function int128(words: Uint32Array, i: number): bigint {
  const w = new BigUint64Array(words.buffer, words.byteOffset + 16 * i, 2);
  return BigInt.asIntN(128, (w[1]! << 64n) | w[0]!);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The canonical value at row `i` of one Arrow column chunk of relc type `type`. */
export function arrowValue(type: DataType, d: Data, i: number): CanonicalValue {
  if (!d.getValid(i)) return null;
  const values = d.values as unknown;
  switch (type.kind) {
    case 'null':
      return null;
    case 'bool': {
      const bit = d.offset + i;
      return ((values as Uint8Array)[bit >> 3]! & (1 << (bit & 7))) !== 0;
    }
    case 'int32':
    case 'float64':
      return (values as Int32Array | Float64Array)[i]!;
    case 'int64':
      return (values as BigInt64Array)[i]!;
    case 'decimal':
      return scaledToText(int128(values as Uint32Array, i), type.scale);
    case 'utf8':
    case 'binary': {
      const o = d.valueOffsets as Int32Array;
      const bytes = (values as Uint8Array).subarray(o[i]!, o[i + 1]!);
      return type.kind === 'utf8' ? utf8.decode(bytes) : bytes.slice();
    }
    case 'date':
      return dateText((values as Int32Array)[i]!);
    case 'timestamp':
      return timestampText((values as BigInt64Array)[i]!);
    case 'interval': {
      const v = values as Int32Array;
      const nanos = new BigInt64Array(v.buffer, v.byteOffset + 16 * i + 8, 1)[0]!;
      return { months: v[4 * i]!, days: v[4 * i + 1]!, micros: (nanos / 1000n).toString() };
    }
    case 'list': {
      const o = d.valueOffsets as Int32Array;
      const child = d.children[0]!;
      const out: CanonicalValue[] = [];
      for (let k = o[i]!; k < o[i + 1]!; k++) out.push(arrowValue(type.element, child, k));
      return out;
    }
    case 'struct':
      return Object.fromEntries(type.fields.map((f, k) => [f.name, arrowValue(f.type, d.children[k]!, i)]));
    default:
      return assertNever(type);
  }
}

/** The rows of a record batch (or table) as canonical values of `schema`, positionally. */
export function arrowRows(source: RecordBatch | Table, schema: Schema): CanonicalValue[][] {
  const rows: CanonicalValue[][] = [];
  const batches = 'batches' in source ? source.batches : [source];
  for (const batch of batches) {
    const columns = schema.map((_, c) => batch.data.children[c]!);
    for (let i = 0; i < batch.numRows; i++) rows.push(schema.map((f, c) => arrowValue(f.type, columns[c]!, i)));
  }
  return rows;
}
