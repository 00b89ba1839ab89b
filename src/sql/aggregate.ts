// Aggregate calls: count(*), count/sum/avg/min/max([DISTINCT] x) [FILTER (WHERE …)] → AggCall,
// with arguments typed in the scope the aggregate reads (no nested aggregates or windows).

import { canonicalJson, RelcError, callNullable, resolveCall, T, typeToString, type AggCall, type FunctionDef, type SortKey } from '../ir/index.ts';
import { castTyped, type Typed } from './coerce.ts';
import { defaultNulls } from './dialects.ts';
import type { ExprContext, FuncExpr } from './scalar.ts';
import { translateExpr } from './scalar.ts';

export interface TypedAgg {
  readonly call: AggCall;
  readonly nullable: boolean;
}

export function buildAggCall(node: FuncExpr, def: FunctionDef, outer: ExprContext): TypedAgg {
  const { src } = outer;
  const shown = node.name.value;
  const ctx: ExprContext = {
    ...outer,
    clause: `the arguments of ${shown}`,
    hooks: { ...outer.hooks, aggregate: undefined, window: undefined },
  };
  if (node.star && def.name !== 'count') throw src.error('TYPE_MISMATCH', `${shown}(*) is not allowed; only count(*)`, node.span, { function: shown });
  if (node.star && node.distinct) throw src.error('SQL_PARSE_ERROR', 'count(DISTINCT *) is not valid SQL', node.span);
  if (ORDERED_SET.has(def.name) !== Boolean(node.withinGroup)) {
    throw src.error('TYPE_MISMATCH', node.withinGroup ? `WITHIN GROUP is only allowed with ordered-set aggregates (${[...ORDERED_SET].join(', ')}), and ${shown} is not one` : `${shown} needs WITHIN GROUP (ORDER BY …)`, node.span, { function: shown });
  }
  const args = node.withinGroup ? orderedSetArgs(node, def.name, ctx) : node.args.map((a) => translateExpr(a, ctx));
  if (def.name === 'count' && !node.star && args.length !== 1) {
    throw src.error('TYPE_MISMATCH', `count takes one argument or *, got ${args.length}`, node.span, { function: shown, args: args.length });
  }
  let resolved;
  try {
    resolved = resolveCall(def.name, args.map((a) => a.type));
  } catch (e) {
    if (!(e instanceof RelcError)) throw e;
    const types = args.map((a) => typeToString(a.type));
    throw src.error('TYPE_MISMATCH', `${shown} cannot take (${types.join(', ')})`, node.span, { function: shown, args: types });
  }
  let filter;
  if (node.filter) {
    const f = translateExpr(node.filter, { ...ctx, clause: 'FILTER' });
    if (f.type.kind !== 'bool' && f.type.kind !== 'null') throw src.error('TYPE_MISMATCH', `FILTER condition must be bool, got ${typeToString(f.type)}`, node.filter.span);
    filter = f.expr;
  }
  // min/max/sum of an untyped NULL have no type to return; PostgreSQL reports the same.
  const type = resolved.returns.kind === 'null' ? T.int64 : resolved.returns;
  const orderBy = aggregateOrder(node, def, args, ctx);
  const call: AggCall = { fn: def.name, args: args.map((a) => a.expr), distinct: node.distinct, ...(filter ? { filter } : {}), ...(orderBy.length ? { orderBy } : {}), type };
  return { call, nullable: callNullable(def, args.map((a) => a.nullable)) };
}

/** Aggregates whose result depends on the order of their input rows. */
const ORDER_SENSITIVE: ReadonlySet<string> = new Set(['string_agg', 'array_agg']);

/**
 * The ORDER BY of `agg(x … ORDER BY k)`, for order-sensitive aggregates, made total: the
 * arguments themselves follow as tiebreaks, so that without an ORDER BY (PostgreSQL: any order)
 * or with ties the result is the same on every engine and every run. Other aggregates do not
 * depend on the order, which is dropped.
 */
function aggregateOrder(node: FuncExpr, def: FunctionDef, args: readonly Typed[], ctx: ExprContext): SortKey[] {
  if (!ORDER_SENSITIVE.has(def.name)) return [];
  const written = (node.orderBy ?? []).map((o): SortKey => {
    const direction = o.direction ?? 'asc';
    return { expr: translateExpr(o.expr, { ...ctx, clause: `the ORDER BY of ${node.name.value}` }).expr, direction, nulls: o.nulls ?? defaultNulls(direction, ctx.dialect) };
  });
  const seen = new Set(written.map((k) => canonicalJson(k.expr)));
  const ties = args.filter((a) => a.expr.kind !== 'lit' && !seen.has(canonicalJson(a.expr))).map((a): SortKey => ({ expr: a.expr, direction: 'asc', nulls: 'last' }));
  return [...written, ...ties];
}

/**
 * Ordered-set aggregates: `f(fraction) WITHIN GROUP (ORDER BY x)`, in the IR `f(x, fraction)`,
 * and `mode() WITHIN GROUP (ORDER BY x)`, in the IR `mode(x)`: how many fractions each takes.
 */
const ORDERED_SET_FRACTIONS: Readonly<Record<string, number>> = { percentile_cont: 1, percentile_disc: 1, mode: 0 };
const ORDERED_SET: ReadonlySet<string> = new Set(Object.keys(ORDERED_SET_FRACTIONS));

/**
 * The arguments of an ordered-set aggregate: the ordered value, then the fraction if it takes
 * one — a constant in [0, 1] read as float64. One ascending sort key (NULLs are skipped, so
 * their place does not matter); a descending one is not supported.
 */
function orderedSetArgs(node: FuncExpr, fn: string, ctx: ExprContext): Typed[] {
  const { src } = ctx;
  const shown = node.name.value;
  const within = node.withinGroup!;
  if (within.length !== 1) throw src.error('TYPE_MISMATCH', `${shown} orders by exactly one expression, got ${within.length}`, within[0]!.span, { function: shown });
  const fractions = ORDERED_SET_FRACTIONS[fn]!;
  if (within[0]!.direction === 'desc') throw src.error('UNSUPPORTED_CONSTRUCT', `${shown} WITHIN GROUP (ORDER BY … DESC) is not supported${fractions === 1 ? '; order ascending and use 1 - fraction' : ''}`, within[0]!.span, { function: shown });
  if (node.args.length !== fractions) throw src.error('TYPE_MISMATCH', `${shown} takes ${fractions === 1 ? 'one fraction' : 'no arguments'}, got ${node.args.length}`, node.span, { function: shown });
  const x = translateExpr(within[0]!.expr, { ...ctx, clause: `the WITHIN GROUP of ${shown}` });
  if (fractions === 0) return [x];
  const fraction = translateExpr(node.args[0]!, ctx);
  const value = fraction.expr.kind === 'lit' ? Number(fraction.expr.value) : NaN;
  if (!(value >= 0 && value <= 1)) throw src.error('TYPE_MISMATCH', `the fraction of ${shown} must be a constant between 0 and 1`, node.args[0]!.span, { function: shown });
  return [x, castTyped(src, fraction, T.float64, node.args[0]!.span)];
}
