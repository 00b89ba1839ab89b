// Logical data types and schemas of the IR (Arrow-aligned; nullability lives on the field).

export type DataType =
  | { readonly kind: 'bool' }
  | { readonly kind: 'int32' }
  | { readonly kind: 'int64' }
  | { readonly kind: 'float64' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'utf8' }
  | { readonly kind: 'binary' }
  | { readonly kind: 'date' }
  | { readonly kind: 'timestamp' } // microseconds, no time zone
  | { readonly kind: 'interval' } // months, days, microseconds; expression-only (never an input column)
  | { readonly kind: 'list'; readonly element: DataType; readonly elementNullable: boolean }
  | { readonly kind: 'struct'; readonly fields: readonly Field[] }
  | { readonly kind: 'null' }; // the type of an untyped NULL literal; unifies with every type

export type TypeKind = DataType['kind'];

export interface Field {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

export type Schema = readonly Field[];

export const T = {
  bool: { kind: 'bool' },
  int32: { kind: 'int32' },
  int64: { kind: 'int64' },
  float64: { kind: 'float64' },
  utf8: { kind: 'utf8' },
  binary: { kind: 'binary' },
  date: { kind: 'date' },
  timestamp: { kind: 'timestamp' },
  interval: { kind: 'interval' },
  null: { kind: 'null' },
  decimal: (precision: number, scale: number): DataType => ({ kind: 'decimal', precision, scale }),
  list: (element: DataType, elementNullable = true): DataType => ({ kind: 'list', element, elementNullable }),
  struct: (fields: readonly Field[]): DataType => ({ kind: 'struct', fields }),
} as const satisfies Record<string, DataType | ((...a: never[]) => DataType)>;

export function field(name: string, type: DataType, nullable = false): Field {
  return { name, type, nullable };
}

export function isNumeric(t: DataType): boolean {
  return t.kind === 'int32' || t.kind === 'int64' || t.kind === 'float64' || t.kind === 'decimal';
}

export function isInteger(t: DataType): boolean {
  return t.kind === 'int32' || t.kind === 'int64';
}

export function isTemporal(t: DataType): boolean {
  return t.kind === 'date' || t.kind === 'timestamp';
}

export function typeEquals(a: DataType, b: DataType): boolean {
  return typeToString(a) === typeToString(b);
}

/** Canonical text of a type, as written in rule specs: `int64`, `decimal(12,2)`, `list<utf8>`. */
export function typeToString(t: DataType): string {
  switch (t.kind) {
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'list':
      return `list<${typeToString(t.element)}${t.elementNullable ? '?' : ''}>`;
    case 'struct':
      return `struct<${t.fields.map((f) => `${f.name}: ${typeToString(f.type)}${f.nullable ? '?' : ''}`).join(', ')}>`;
    default:
      return t.kind;
  }
}

/** Numeric rank for implicit widening: int32 < int64 < decimal < float64. */
const NUMERIC_RANK: Partial<Record<TypeKind, number>> = { int32: 1, int64: 2, decimal: 3, float64: 4 };

/** Smallest type both operands widen to, or undefined when they do not unify. */
export function commonSuperType(a: DataType, b: DataType): DataType | undefined {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (typeEquals(a, b)) return a;
  const ra = NUMERIC_RANK[a.kind];
  const rb = NUMERIC_RANK[b.kind];
  if (ra !== undefined && rb !== undefined) {
    if (a.kind === 'decimal' || b.kind === 'decimal') {
      if (a.kind === 'float64' || b.kind === 'float64') return T.float64;
      const da = asDecimal(a);
      const db = asDecimal(b);
      const scale = Math.max(da.scale, db.scale);
      const whole = Math.max(da.precision - da.scale, db.precision - db.scale);
      return T.decimal(Math.min(38, whole + scale), scale);
    }
    return ra >= rb ? a : b;
  }
  if (isTemporal(a) && isTemporal(b)) return T.timestamp;
  return undefined;
}

/** The decimal an integer type widens to without loss. */
export function asDecimal(t: DataType): { precision: number; scale: number } {
  switch (t.kind) {
    case 'decimal':
      return { precision: t.precision, scale: t.scale };
    case 'int32':
      return { precision: 10, scale: 0 };
    case 'int64':
      return { precision: 19, scale: 0 };
    default:
      return { precision: 38, scale: 0 };
  }
}

/**
 * Parses the spec's type notation: `int64`, `utf8?` (nullable), `decimal(12,2)`, `list<int64>`.
 * Returns undefined for anything else (the caller reports SPEC_BAD_VALUE with its location).
 */
export function parseTypeString(text: string): { type: DataType; nullable: boolean } | undefined {
  let s = text.trim();
  let nullable = false;
  if (s.endsWith('?')) {
    nullable = true;
    s = s.slice(0, -1).trim();
  }
  const type = parseBareType(s);
  return type && { type, nullable };
}

const ALIASES: Record<string, DataType> = {
  bool: T.bool, boolean: T.bool,
  int32: T.int32, int: T.int32, integer: T.int32,
  int64: T.int64, bigint: T.int64,
  float64: T.float64, double: T.float64,
  utf8: T.utf8, string: T.utf8, text: T.utf8, varchar: T.utf8,
  binary: T.binary, blob: T.binary,
  date: T.date,
  timestamp: T.timestamp,
};

function parseBareType(s: string): DataType | undefined {
  const lower = s.toLowerCase();
  if (Object.hasOwn(ALIASES, lower)) return ALIASES[lower];
  const dec = /^(?:decimal|numeric)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(lower);
  if (dec) {
    const precision = Number(dec[1]);
    const scale = Number(dec[2] ?? 0);
    if (precision < 1 || precision > 38 || scale > precision) return undefined;
    return T.decimal(precision, scale);
  }
  const list = /^list\s*<(.*)>$/.exec(s);
  if (list) {
    const inner = parseTypeString(list[1]!);
    return inner && T.list(inner.type, inner.nullable);
  }
  return undefined;
}
