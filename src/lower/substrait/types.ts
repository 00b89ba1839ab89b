// IR data types → Substrait types. Timestamps are precision_timestamp<6> (microseconds, no
// zone): the deprecated `timestamp` type has no unit in practice (DataFusion reads it as seconds
// unless a DataFusion-specific type variation says otherwise). An interval-typed expression is
// interval_day<6> (literals pick the narrowest kind that holds their value, see literals.ts).

import { assertNever, RelcError, typeToString, type DataType, type Field, type Schema } from '../../ir/index.ts';
import type { Nullability, NamedStruct, SType } from '../../substrait-proto/index.ts';

export function nullability(nullable: boolean): Nullability {
  return nullable ? 'NULLABILITY_NULLABLE' : 'NULLABILITY_REQUIRED';
}

/** The Substrait type of an IR type with the given nullability. */
export function toSubstraitType(t: DataType, nullable: boolean): SType {
  const n = nullability(nullable);
  switch (t.kind) {
    case 'bool':
      return { bool: { nullability: n } };
    case 'int32':
      return { i32: { nullability: n } };
    case 'int64':
      return { i64: { nullability: n } };
    case 'float64':
      return { fp64: { nullability: n } };
    case 'decimal':
      return { decimal: { scale: t.scale, precision: t.precision, nullability: n } };
    case 'utf8':
      return { string: { nullability: n } };
    case 'binary':
      return { binary: { nullability: n } };
    case 'date':
      return { date: { nullability: n } };
    case 'timestamp':
      return { precisionTimestamp: { precision: 6, nullability: n } };
    case 'interval':
      return { intervalDay: { precision: 6, nullability: n } };
    case 'list':
      return { list: { type: toSubstraitType(t.element, t.elementNullable), nullability: n } };
    case 'struct':
      return { struct: { types: t.fields.map((f) => toSubstraitType(f.type, f.nullable)), nullability: n } };
    case 'null':
      // An untyped NULL has no Substrait type: callers type it from its context first.
      throw new RelcError('BACKEND_UNSUPPORTED', 'an untyped NULL cannot be written to Substrait without a type (cast it)', { details: { type: typeToString(t) } });
    default:
      return assertNever(t, 'data type');
  }
}

/** Field names depth-first, as NamedStruct and RelRoot list them (struct members included). */
export function flatNames(fields: readonly Field[]): string[] {
  const out: string[] = [];
  const visit = (f: Field) => {
    out.push(f.name);
    if (f.type.kind === 'struct') f.type.fields.forEach(visit);
  };
  fields.forEach(visit);
  return out;
}

/** A schema as a NamedStruct (the outer struct itself is never nullable). */
export function namedStruct(schema: Schema): NamedStruct {
  return {
    names: flatNames(schema),
    struct: { types: schema.map((f) => toSubstraitType(f.type, f.nullable)), nullability: 'NULLABILITY_REQUIRED' },
  };
}

/** The short type name used in compound function signatures (`add:i64_i64`). */
export function shortTypeName(t: SType): string {
  const kind = Object.keys(t).find((k) => (t as Record<string, unknown>)[k] !== undefined) ?? '';
  return SHORT[kind] ?? kind;
}

const SHORT: Record<string, string> = {
  bool: 'bool', i8: 'i8', i16: 'i16', i32: 'i32', i64: 'i64', fp32: 'fp32', fp64: 'fp64', string: 'str', binary: 'vbin',
  timestamp: 'ts', timestampTz: 'tstz', date: 'date', time: 'time', intervalYear: 'iyear', intervalDay: 'iday',
  intervalCompound: 'icompound', uuid: 'uuid', fixedChar: 'fchar', varchar: 'vchar', fixedBinary: 'fbin', decimal: 'dec',
  enum: 'req', precisionTime: 'pt', precisionTimestamp: 'pts', precisionTimestampTz: 'ptstz', struct: 'struct', list: 'list', map: 'map',
};
