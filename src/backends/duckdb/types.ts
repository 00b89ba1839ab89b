// IR types as DuckDB types (SQL text and node-api type objects) and canonical values as the
// DuckDB values that bind or append with exactly that type.

import {
  BIGINT, BLOB, BOOLEAN, DATE, DECIMAL, DOUBLE, INTEGER, INTERVAL, LIST, SQLNULL, STRUCT, TIMESTAMP, VARCHAR,
  blobValue, dateValue, decimalValue, intervalValue, listValue, structValue, timestampValue,
  type DuckDBType, type DuckDBValue,
} from '../duckdb-api.ts';
import { assertNever, internal, type DataType } from '../../ir/index.ts';
import { parseScaled } from '../decimal.ts';
import { parseDateText, parseTimestampText } from '../../ir/index.ts';
import type { CanonicalValue, IntervalValue } from '../values.ts';

/** The node-api type object of an IR type (for binding parameters with an exact type). */
export function duckdbType(t: DataType): DuckDBType {
  switch (t.kind) {
    case 'bool':
      return BOOLEAN;
    case 'int32':
      return INTEGER;
    case 'int64':
      return BIGINT;
    case 'float64':
      return DOUBLE;
    case 'decimal':
      return DECIMAL(t.precision, t.scale);
    case 'utf8':
      return VARCHAR;
    case 'binary':
      return BLOB;
    case 'date':
      return DATE;
    case 'timestamp':
      return TIMESTAMP;
    case 'interval':
      return INTERVAL;
    case 'list':
      return LIST(duckdbType(t.element));
    case 'struct':
      return STRUCT(Object.fromEntries(t.fields.map((f) => [f.name, duckdbType(f.type)])));
    case 'null':
      return SQLNULL;
    default:
      return assertNever(t, 'type');
  }
}

function bad(t: DataType, v: unknown): never {
  throw internal(`cannot bind ${typeof v} as ${t.kind}`);
}

/** A canonical value as the DuckDB value of type `t`. */
export function toDuckDBValue(t: DataType, v: CanonicalValue): DuckDBValue {
  if (v === null) return null;
  switch (t.kind) {
    case 'bool':
      return typeof v === 'boolean' ? v : bad(t, v);
    case 'int32':
    case 'float64':
      return typeof v === 'number' ? v : bad(t, v);
    case 'int64':
      return typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : bad(t, v);
    case 'decimal': {
      const scaled = typeof v === 'string' ? parseScaled(v, t.scale) : undefined;
      return scaled === undefined ? bad(t, v) : decimalValue(scaled, t.precision, t.scale);
    }
    case 'utf8':
      return typeof v === 'string' ? v : bad(t, v);
    case 'binary':
      return v instanceof Uint8Array ? blobValue(v) : bad(t, v);
    case 'date': {
      const days = typeof v === 'string' ? parseDateText(v) : undefined;
      return days === undefined ? bad(t, v) : dateValue(days);
    }
    case 'timestamp': {
      const micros = typeof v === 'string' ? parseTimestampText(v) : undefined;
      return micros === undefined ? bad(t, v) : timestampValue(micros);
    }
    case 'interval': {
      const iv = v as IntervalValue;
      return intervalValue(iv.months, iv.days, BigInt(iv.micros));
    }
    case 'list':
      return Array.isArray(v) ? listValue(v.map((x: CanonicalValue) => toDuckDBValue(t.element, x))) : bad(t, v);
    case 'struct': {
      const obj = v as Record<string, CanonicalValue>;
      return structValue(Object.fromEntries(t.fields.map((f) => [f.name, toDuckDBValue(f.type, obj[f.name] ?? null)])));
    }
    case 'null':
      return null;
    default:
      return assertNever(t, 'type');
  }
}
