// SQL type names of every source dialect → IR data types (`numeric(12,2)` → decimal(12,2)).

import { suggestion, T, type DataType } from '../ir/index.ts';
import type { TypeName } from './ast.ts';
import type { SqlSource } from './source.ts';

// Unconstrained DECIMAL/NUMERIC of a value whose digits are not known at compile time (a double,
// text): DuckDB's default width. PostgreSQL keeps every digit; relc's decimals have a fixed scale.
// Exact sources keep their own precision and scale (see `unconstrainedNumeric`).
const DEFAULT_DECIMAL = T.decimal(18, 3);

const FIXED: Readonly<Record<string, DataType>> = {
  BOOLEAN: T.bool, BOOL: T.bool, LOGICAL: T.bool,
  SMALLINT: T.int32, INT2: T.int32, TINYINT: T.int32, MEDIUMINT: T.int32, INT: T.int32, INTEGER: T.int32, INT4: T.int32,
  BIGINT: T.int64, INT8: T.int64, INT64: T.int64, LONG: T.int64, SIGNED: T.int64, 'SIGNED INTEGER': T.int64,
  REAL: T.float64, FLOAT: T.float64, FLOAT4: T.float64, FLOAT8: T.float64, DOUBLE: T.float64, 'DOUBLE PRECISION': T.float64, FLOAT64: T.float64,
  TEXT: T.utf8, VARCHAR: T.utf8, CHAR: T.utf8, CHARACTER: T.utf8, 'CHARACTER VARYING': T.utf8, 'CHAR VARYING': T.utf8,
  STRING: T.utf8, NVARCHAR: T.utf8, NCHAR: T.utf8, CLOB: T.utf8, BPCHAR: T.utf8,
  BYTEA: T.binary, BLOB: T.binary, BINARY: T.binary, VARBINARY: T.binary, BYTES: T.binary,
  DATE: T.date,
  TIMESTAMP: T.timestamp, DATETIME: T.timestamp, 'TIMESTAMP WITHOUT TIME ZONE': T.timestamp,
  INTERVAL: T.interval,
};

// Types whose modifiers are lengths relc does not model (varchar(10) is utf8).
const LENGTH_MODIFIED = new Set(['VARCHAR', 'CHAR', 'CHARACTER', 'CHARACTER VARYING', 'CHAR VARYING', 'NVARCHAR', 'NCHAR', 'STRING', 'BPCHAR', 'BINARY', 'VARBINARY', 'BYTES', 'TIMESTAMP', 'FLOAT', 'BIT']);

export function resolveTypeName(src: SqlSource, t: TypeName): DataType {
  if (t.name === 'DECIMAL' || t.name === 'NUMERIC' || t.name === 'DEC') {
    if (t.args.length === 0) return DEFAULT_DECIMAL;
    const precision = t.args[0]!;
    const scale = t.args[1] ?? 0;
    if (t.args.length > 2 || precision < 1 || precision > 38 || scale > precision) {
      throw src.error('TYPE_MISMATCH', `invalid decimal type ${src.slice(t.span)}: precision must be 1..38 and scale 0..precision`, t.span, { type: src.slice(t.span) });
    }
    return T.decimal(precision, scale);
  }
  const fixed = FIXED[t.name];
  if (fixed && (t.args.length === 0 || LENGTH_MODIFIED.has(t.name))) return fixed;
  const hint = suggestion(t.name, [...Object.keys(FIXED), 'DECIMAL', 'NUMERIC']);
  throw src.error('UNSUPPORTED_CONSTRUCT', `type ${src.slice(t.span)} is not supported${hint.text} (relc types: bool, int32, int64, float64, decimal(p,s), utf8, binary, date, timestamp)`, t.span, { type: src.slice(t.span), ...hint.details });
}

/** Whether `t` is DECIMAL/NUMERIC without precision (PostgreSQL: any precision and scale). */
export function isUnconstrainedNumeric(t: TypeName): boolean {
  return (t.name === 'DECIMAL' || t.name === 'NUMERIC' || t.name === 'DEC') && t.args.length === 0;
}

/**
 * The decimal an unconstrained NUMERIC cast of a value of type `from` gives: the value's own
 * digits when they are known (integers, decimals, a numeric literal's text), else DuckDB's default.
 */
export function unconstrainedNumeric(from: DataType, literalDigits?: DataType): DataType {
  if (from.kind === 'decimal') return from;
  if (from.kind === 'int32') return T.decimal(10, 0);
  if (from.kind === 'int64') return T.decimal(19, 0);
  return literalDigits?.kind === 'decimal' ? literalDigits : DEFAULT_DECIMAL;
}

// Character types whose length modifier an explicit cast enforces by cutting the text.
const CUT_TO_LENGTH = new Set(['VARCHAR', 'CHAR', 'CHARACTER', 'CHARACTER VARYING', 'CHAR VARYING', 'NVARCHAR', 'NCHAR', 'BPCHAR']);

/**
 * The length an explicit cast to `t` cuts text to (PostgreSQL: `'abcdef'::varchar(3)` is 'abc'),
 * or null. char(n) is not padded: relc has no blank-padded type, and PostgreSQL ignores the
 * padding in comparisons, length() and concatenation anyway.
 */
export function castLength(t: TypeName): number | null {
  return CUT_TO_LENGTH.has(t.name) && t.args.length === 1 ? t.args[0]! : null;
}
