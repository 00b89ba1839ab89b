// relc's types as Apache Arrow types: one mapping, used by every engine's Arrow results.
//
//   bool → Bool            int32 → Int32          int64 → Int64 (BigInt64Array)
//   float64 → Float64      decimal(p,s) → Decimal128(p, s)     utf8 → Utf8     binary → Binary
//   date → Date32 (days)   timestamp → Timestamp(µs, no zone)  interval → Interval(MonthDayNano)
//   list<T> → List<T>      struct → Struct         null → Null

import {
  Binary, Bool, DateDay, Decimal, Field as ArrowField, Float64, Int32, Int64, IntervalMonthDayNano, List, Null, Schema as ArrowSchema, Struct,
  TimestampMicrosecond, Utf8, type DataType as ArrowType,
} from 'apache-arrow';
import { assertNever, type DataType, type Schema } from '../../ir/index.ts';

/** The Arrow type of values of `t`. */
export function arrowType(t: DataType): ArrowType {
  switch (t.kind) {
    case 'bool':
      return new Bool();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'decimal':
      return new Decimal(t.scale, t.precision, 128);
    case 'utf8':
      return new Utf8();
    case 'binary':
      return new Binary();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new TimestampMicrosecond();
    case 'interval':
      return new IntervalMonthDayNano();
    case 'list':
      return new List(new ArrowField('item', arrowType(t.element), t.elementNullable));
    case 'struct':
      return new Struct(t.fields.map((f) => new ArrowField(f.name, arrowType(f.type), f.nullable)));
    case 'null':
      return new Null();
    default:
      return assertNever(t);
  }
}

/** The Arrow schema of a relc schema: the same names, in order, with their nullability. */
export function arrowSchema(schema: Schema): ArrowSchema {
  return new ArrowSchema(schema.map((f) => new ArrowField(f.name, arrowType(f.type), f.nullable)));
}
