// Arrow columns from better-sqlite3's raw values (safe integers), a column of a chunk at a time.
// The storage forms of CONTRACTS.md go straight into Arrow's buffers: INTEGER → int32 / int64 /
// bool, REAL → float64 / decimal (rounded to the scale, as normalizeValue does), TEXT dates and
// timestamps parsed once. A value of another shape takes normalizeValue's path, which raises what
// it raises there (EXECUTION_FAILED for an integer out of range, INTERNAL for an impossible
// shape); other types (text, bytes, lists, structs, intervals) go through canonical values.

import type { Data, DataType as ArrowType } from 'apache-arrow';
import { parseDateText, parseTimestampText, type DataType } from '../../ir/index.ts';
import { arrowData, canonicalColumn, Validity, writeInt128 } from '../arrow/columns.ts';
import { numberToScaled, parseScaled } from '../decimal.ts';
import { normalizeValue } from '../values.ts';

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/** Column `c` of raw rows as Arrow data of `type`. */
export function sqliteColumn(type: DataType, name: string, rows: readonly unknown[][], c: number, at: ArrowType): Data {
  const n = rows.length;
  const valid = new Validity(n);
  const fill = <A extends { [i: number]: unknown }>(out: A, put: (raw: unknown, i: number) => void): A => {
    for (let i = 0; i < n; i++) {
      const raw = rows[i]![c];
      if (raw === null || raw === undefined) valid.setNull(i);
      else put(raw, i);
    }
    return out;
  };
  const slow = (raw: unknown) => normalizeValue(type, raw, name);
  switch (type.kind) {
    case 'int32': {
      const a = new Int32Array(n);
      fill(a, (raw, i) => (a[i] = typeof raw === 'bigint' && raw >= INT32_MIN && raw <= INT32_MAX ? Number(raw) : (slow(raw) as number)));
      return arrowData({ type: at, length: n, data: a, ...valid.props() });
    }
    case 'int64': {
      const a = new BigInt64Array(n);
      fill(a, (raw, i) => (a[i] = typeof raw === 'bigint' ? raw : (slow(raw) as bigint)));
      return arrowData({ type: at, length: n, data: a, ...valid.props() });
    }
    case 'float64': {
      const a = new Float64Array(n);
      fill(a, (raw, i) => (a[i] = typeof raw === 'number' ? (raw === 0 ? 0 : raw) : (slow(raw) as number)));
      return arrowData({ type: at, length: n, data: a, ...valid.props() });
    }
    case 'bool': {
      const bits = new Uint8Array((n + 7) >> 3);
      fill(bits, (raw, i) => {
        if (raw === 1n || (raw !== 0n && slow(raw) === true)) bits[i >> 3]! |= 1 << (i & 7);
      });
      return arrowData({ type: at, length: n, data: bits, ...valid.props() });
    }
    case 'decimal': {
      const words = new BigUint64Array(2 * n);
      fill(words, (raw, i) => {
        const scaled = typeof raw === 'number' ? numberToScaled(raw, type.scale) : undefined;
        writeInt128(words, i, scaled ?? parseScaled(slow(raw) as string, type.scale)!);
      });
      return arrowData({ type: at, length: n, data: new Uint32Array(words.buffer), ...valid.props() });
    }
    case 'date': {
      const a = new Int32Array(n);
      fill(a, (raw, i) => (a[i] = (typeof raw === 'string' ? parseDateText(raw) : undefined) ?? parseDateText(slow(raw) as string)!));
      return arrowData({ type: at, length: n, data: a, ...valid.props() });
    }
    case 'timestamp': {
      const a = new BigInt64Array(n);
      fill(a, (raw, i) => (a[i] = (typeof raw === 'string' ? parseTimestampText(raw) : undefined) ?? parseTimestampText(slow(raw) as string)!));
      return arrowData({ type: at, length: n, data: a, ...valid.props() });
    }
    default:
      return canonicalColumn(type, rows.map((r) => normalizeValue(type, r[c], name)), at);
  }
}
