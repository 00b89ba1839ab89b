// Set-returning functions in FROM. generate_series(start, stop [, step]) over integers, numerics
// or timestamps (dates count as timestamps at midnight) becomes the IR recursion of
// src/ir/series.ts; its arguments are constants (literals, folded), so that the step's sign,
// which decides the direction, is known. unnest(constant array) becomes VALUES.

import {
  coerceLiteralValue, commonSuperType, E, RelcError, seriesRecursion, stepSign, T, typeToString,
  type DataType, type Literal, type Rel,
} from '../../ir/index.ts';
import type { FromItem } from '../ast.ts';
import type { Typed } from '../coerce.ts';
import { translateExpr } from '../scalar.ts';
import type { QueryEnv } from './env.ts';

type FunctionItem = Extract<FromItem, { k: 'function' }>;

/** A constant argument as a literal: a literal, a negated number, or a literal under a cast (folded). */
function literalOf(t: Typed): Literal | undefined {
  const e = t.expr;
  if (e.kind === 'lit') return e;
  if (e.kind === 'call' && e.fn === 'negate' && e.args[0]?.kind === 'lit' && typeof e.args[0].value === 'number') return E.lit(e.type, -e.args[0].value);
  if (e.kind === 'call' && e.fn === 'negate' && e.args[0]?.kind === 'lit' && typeof e.args[0].value === 'string' && e.type.kind === 'decimal') {
    const v = e.args[0].value;
    return E.lit(e.type, v.startsWith('-') ? v.slice(1) : `-${v}`);
  }
  if (e.kind === 'cast' && e.expr.kind === 'lit') return as(e.expr, e.type);
  return undefined;
}

/** `lit` as a literal of `type` (a widening: int to bigint or numeric, date to timestamp). */
function as(lit: Literal, type: DataType): Literal | undefined {
  if (typeToString(lit.type) === typeToString(type)) return lit;
  if (lit.value === null) return E.lit(type, null);
  if (typeof lit.value === 'object') return undefined;
  const value = coerceLiteralValue(type, lit.type.kind === 'date' ? `${String(lit.value)} 00:00:00` : (lit.value as string | number | boolean));
  return value === undefined ? undefined : E.lit(type, value);
}

/** -1, 0 or 1 as `a` is below, at or above `b` (two non-NULL literals of one type: numbers, numerics, timestamps). */
function compareLiterals(a: Literal, b: Literal): number {
  if (a.type.kind === 'int32' || a.type.kind === 'int64') {
    const [x, y] = [BigInt(String(a.value)), BigInt(String(b.value))];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.type.kind === 'decimal') {
    const scale = a.type.scale;
    const scaled = (v: string) => {
      const [whole, fraction = ''] = v.split('.');
      return BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
    };
    const [x, y] = [scaled(String(a.value)), scaled(String(b.value))];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const [x, y] = [String(a.value), String(b.value)]; // timestamps: fixed-width text orders as time does
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * unnest(array) in FROM over a constant array (ARRAY[…] of literals, a '{…}' literal): its
 * elements as VALUES rows, in order; a correlated unnest would be LATERAL.
 */
function unnestValues(item: FunctionItem, env: QueryEnv): { rel: Rel; column: string } {
  const { src } = env;
  if (item.args.length !== 1) throw src.error('UNSUPPORTED_CONSTRUCT', `unnest of ${item.args.length} arrays is not supported (one is)`, item.span, { function: 'unnest' });
  const column = item.alias?.columns[0]?.value ?? item.alias?.name.value ?? 'unnest';
  const ctx = { src, dialect: env.dialect, scope: { columns: [], input: [], qualifiers: [], outer: null }, params: env.params, clause: 'unnest', hooks: {} };
  let array: Typed;
  try {
    array = translateExpr(item.args[0]!, ctx);
  } catch (e) {
    if (!(e instanceof RelcError) || e.code !== 'UNKNOWN_COLUMN') throw e;
    throw src.error('UNSUPPORTED_CONSTRUCT', 'unnest in FROM cannot read columns (that would be a LATERAL call, which relc does not support)', item.args[0]!.span, { function: 'unnest', construct: 'LATERAL' });
  }
  const e = array.expr;
  const items = e.kind === 'call' && e.fn === 'array_construct' && array.type.kind === 'list' ? e.args.map((a) => literalOf({ expr: a, type: array.type, nullable: true })) : undefined;
  if (!items || items.some((l) => l === undefined) || array.type.kind !== 'list') {
    throw src.error('UNSUPPORTED_CONSTRUCT', "unnest in FROM needs a constant array (ARRAY[…] of literals or a '{…}' literal)", item.args[0]!.span, { function: 'unnest' });
  }
  const element = array.type.element;
  const rows = (items as Literal[]).map((l) => [as(l, element) ?? l]);
  return { rel: { kind: 'values', schema: [{ name: column, type: element, nullable: rows.some(([l]) => l!.value === null) }], rows }, column };
}

export function translateTableFunction(item: FunctionItem, env: QueryEnv): { rel: Rel; column: string } {
  const { src } = env;
  const name = item.name.map((n) => n.value).join('.');
  if (item.name.length === 1 && name.toLowerCase() === 'unnest') return unnestValues(item, env);
  if (item.name.length !== 1 || name.toLowerCase() !== 'generate_series') {
    throw src.error('UNSUPPORTED_CONSTRUCT', `table function ${name}(…) is not supported (generate_series and unnest are)`, item.span, { construct: 'table function', function: name });
  }
  if (item.args.length < 2 || item.args.length > 3) throw src.error('TYPE_MISMATCH', `generate_series takes (start, stop [, step]), got ${item.args.length} arguments`, item.span, { function: 'generate_series', args: item.args.length });
  const column = item.alias?.columns[0]?.value ?? item.alias?.name.value ?? 'generate_series';
  // The arguments see no columns: a correlated generate_series would be LATERAL.
  const ctx = { src, dialect: env.dialect, scope: { columns: [], input: [], qualifiers: [], outer: null }, params: env.params, clause: 'generate_series', hooks: {} };
  const args = item.args.map((a) => {
    try {
      return translateExpr(a, ctx);
    } catch (e) {
      if (!(e instanceof RelcError) || e.code !== 'UNKNOWN_COLUMN') throw e;
      throw src.error('UNSUPPORTED_CONSTRUCT', 'the arguments of generate_series in FROM cannot read columns (that would be a LATERAL call, which relc does not support)', a.span, { function: 'generate_series', construct: 'LATERAL' });
    }
  });
  const lits = args.map((a, i) => {
    const l = literalOf(a);
    if (!l) throw src.error('UNSUPPORTED_CONSTRUCT', 'generate_series needs constant arguments (literals)', item.args[i]!.span, { function: 'generate_series' });
    return l;
  });
  const [start, stop] = lits as [Literal, Literal];
  const temporal = (t: DataType) => t.kind === 'date' || t.kind === 'timestamp';
  let type: DataType;
  let step: Literal;
  if (temporal(start.type) || temporal(stop.type)) {
    type = T.timestamp;
    const s = lits[2];
    if (!s || s.type.kind !== 'interval') throw src.error('TYPE_MISMATCH', 'generate_series of timestamps needs an interval step', item.args[2]?.span ?? item.span, { function: 'generate_series' });
    step = s;
  } else {
    const numeric = (t: DataType) => t.kind === 'int32' || t.kind === 'int64' || t.kind === 'decimal' || t.kind === 'null';
    const given = lits.length === 3 ? lits[2]! : E.lit(T.int32, 1);
    const common = [start.type, stop.type, given.type].every(numeric) ? [start.type, stop.type, given.type].reduce<DataType | undefined>((a, t) => (a ? commonSuperType(a, t) : undefined), T.null) : undefined;
    if (!common || common.kind === 'null') {
      throw src.error('TYPE_MISMATCH', `generate_series cannot take (${lits.map((l) => typeToString(l.type)).join(', ')}); it takes integers, numerics, or timestamps with an interval step`, item.span, { function: 'generate_series', args: lits.map((l) => typeToString(l.type)) });
    }
    type = common;
    step = as(given, type)!;
  }
  const [from, to] = [as(start, type), as(stop, type)];
  if (!from || !to) throw src.error('TYPE_MISMATCH', 'generate_series arguments do not fit one type', item.span, { function: 'generate_series' });
  // PostgreSQL: NULL arguments give no rows, and so does a start past the stop.
  const none: Rel = { kind: 'values', schema: [{ name: column, type, nullable: false }], rows: [] };
  if (from.value === null || to.value === null || step.value === null) return { rel: none, column };
  const sign = stepSign(step);
  if (sign === 0) throw src.error('UNSUPPORTED_CONSTRUCT', 'generate_series: step size cannot equal zero (nor an interval with parts of both signs)', item.args[2]!.span, { function: 'generate_series' });
  if (compareLiterals(from, to) === sign) return { rel: none, column };
  return { rel: seriesRecursion({ start: from, stop: to, step, column }, 'relc_series'), column };
}

