// DuckDB SQL names relc writes itself: quoted identifiers and type names of IR types. Shared by
// the input-file reader (which both backends load through) and the DuckDB backend.

import { assertNever } from '../../ir/errors.ts';
import type { DataType } from '../../ir/types.ts';

/** Identifier quoting for text relc itself writes (table and column names of inputs). */
export function quoteDuckIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** DuckDB SQL type text of an IR type (CREATE TABLE, CAST, read_csv column types). */
export function duckdbTypeName(t: DataType): string {
  switch (t.kind) {
    case 'bool':
      return 'BOOLEAN';
    case 'int32':
      return 'INTEGER';
    case 'int64':
      return 'BIGINT';
    case 'float64':
      return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${t.precision},${t.scale})`;
    case 'utf8':
      return 'VARCHAR';
    case 'binary':
      return 'BLOB';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'interval':
      return 'INTERVAL';
    case 'list':
      return `${duckdbTypeName(t.element)}[]`;
    case 'struct':
      return `STRUCT(${t.fields.map((f) => `${quoteDuckIdent(f.name)} ${duckdbTypeName(f.type)}`).join(', ')})`;
    case 'null':
      return 'INTEGER'; // an all-NULL column; DuckDB has no storable NULL type
    default:
      return assertNever(t, 'type');
  }
}
