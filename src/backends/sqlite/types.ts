// IR types as SQLite storage (CONTRACTS.md: SQLite has no DATE, BOOLEAN or DECIMAL) and
// canonical values as the values better-sqlite3 binds for that storage.

import { assertNever, internal, RelcError } from '../../ir/errors.ts';
import type { DataType } from '../../ir/types.ts';
import { jsonText, type CanonicalValue } from '../values.ts';

export function quoteSqliteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Declared column type (its affinity makes SQLite keep the storage class: a REAL column turns
 * an integer-valued sum into 3.0, a TEXT column keeps '007' as text).
 */
export function sqliteTypeName(t: DataType): string {
  switch (t.kind) {
    case 'bool':
    case 'int32':
    case 'int64':
      return 'INTEGER';
    case 'float64':
    case 'decimal':
      return 'REAL';
    case 'utf8':
    case 'date':
    case 'timestamp':
      return 'TEXT';
    case 'binary':
      return 'BLOB';
    case 'interval':
    case 'list':
    case 'struct':
      return 'TEXT'; // JSON text
    case 'null':
      return '';
    default:
      return assertNever(t, 'type');
  }
}

export type SqliteValue = null | number | bigint | string | Buffer;

/** A canonical value as the value SQLite stores for type `t`. */
export function toSqliteValue(t: DataType, v: CanonicalValue): SqliteValue {
  if (v === null) return null;
  switch (t.kind) {
    case 'bool':
      return v ? 1 : 0;
    case 'int32':
      if (typeof v !== 'number') break;
      return v;
    case 'float64':
      if (typeof v !== 'number') break;
      // SQLite has no NaN: it would store NULL. Refuse rather than change the data.
      if (Number.isNaN(v)) throw new RelcError('BACKEND_UNSUPPORTED', 'SQLite cannot store a float64 NaN (it would become NULL); run on DuckDB', { details: { engine: 'sqlite', value: 'NaN' } });
      return v;
    case 'int64':
      if (typeof v !== 'bigint') break;
      return v;
    case 'decimal':
      if (typeof v !== 'string') break;
      return Number(v);
    case 'utf8':
    case 'date':
    case 'timestamp':
      if (typeof v !== 'string') break;
      return v;
    case 'binary':
      if (!(v instanceof Uint8Array)) break;
      return Buffer.from(v);
    case 'interval':
    case 'list':
    case 'struct':
      return jsonText(t, v);
    case 'null':
      return null;
    default:
      return assertNever(t, 'type');
  }
  throw internal(`cannot store ${typeof v} as ${t.kind} on SQLite`);
}
