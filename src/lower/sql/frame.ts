// A Frame is one SELECT under construction: FROM items plus the clauses filled so far, and one
// SQL expression per output position. Operators merge into the frame while SQL's clause order
// allows (FROM → WHERE → GROUP BY → HAVING → windows → QUALIFY → DISTINCT → ORDER BY → LIMIT);
// otherwise the frame is wrapped as a subquery under a fresh alias.

import { assertNever, PRECEDENCE, type Schema } from '../../ir/index.ts';
import type { Compound, FromItem, OrderItem, Select, SqlExpr } from './ast.ts';

export interface Frame {
  readonly from: FromItem;
  readonly where: readonly SqlExpr[];
  readonly groupBy: readonly SqlExpr[] | null;
  readonly having: readonly SqlExpr[];
  readonly qualify: readonly SqlExpr[];
  readonly distinct: boolean;
  readonly orderBy: readonly OrderItem[];
  readonly limit: number | null;
  readonly offset: number;
  /** One expression per output field, valid in this frame's FROM scope. */
  readonly columns: readonly SqlExpr[];
  /** The IR schema of the output (names, types, nullability). */
  readonly schema: Schema;
}

/** A set operation not yet wrapped: printed as is at the top, wrapped as soon as anything reads it. */
export interface CompoundFrame {
  readonly kind: 'compound';
  readonly compound: Compound;
  readonly schema: Schema;
}

/** Lowering state of one statement: the alias counter, advanced in a fixed traversal order. */
export interface Scope {
  nextAlias(): string;
}

export function newScope(): Scope {
  let n = 0;
  return { nextAlias: () => `t${++n}` };
}

export function frameOf(from: FromItem, columns: readonly SqlExpr[], schema: Schema): Frame {
  return { from, where: [], groupBy: null, having: [], qualify: [], distinct: false, orderBy: [], limit: null, offset: 0, columns, schema };
}

export const col = (qualifier: string, name: string): SqlExpr => ({ kind: 'column', qualifier, name });

/**
 * Output names made unique case-insensitively (DuckDB and SQLite fold identifier case even when
 * quoted): a repeated `id` becomes `id_2`, then `id_3`, skipping names already taken.
 */
export function uniqueNames(names: readonly string[]): string[] {
  const lower = (n: string) => n.toLowerCase();
  const reserved = new Set(names.map(lower));
  const used = new Set<string>();
  return names.map((n) => {
    let out = n;
    if (used.has(lower(out))) {
      let k = 2;
      while (used.has(lower(`${n}_${k}`)) || reserved.has(lower(`${n}_${k}`))) k++;
      out = `${n}_${k}`;
    }
    used.add(lower(out));
    return out;
  });
}

/** A name not among `names` (case-insensitively), for helper columns like row numbers. */
export function freshName(base: string, names: readonly string[]): string {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  let out = base;
  for (let k = 2; taken.has(out.toLowerCase()); k++) out = `${base}_${k}`;
  return out;
}

export function conjunction(parts: readonly SqlExpr[]): SqlExpr | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  return { kind: 'infix', op: 'AND', precedence: PRECEDENCE.and, args: parts };
}

export function toSelect(f: Frame, names: readonly string[]): Select {
  return {
    kind: 'select',
    distinct: f.distinct,
    // SQL has no SELECT without columns: a relation of no columns carries a placeholder one.
    items: f.columns.length ? f.columns.map((expr, i) => ({ expr, alias: names[i]! })) : [{ expr: { kind: 'lit', type: { kind: 'int32' }, value: 1 }, alias: 'relc_unit' }],
    from: f.from,
    where: conjunction(f.where),
    groupBy: f.groupBy,
    having: conjunction(f.having),
    qualify: conjunction(f.qualify),
    orderBy: f.orderBy,
    limit: f.limit,
    offset: f.offset,
  };
}

/** The frame as a subquery under a fresh alias; its columns become plain column references. */
export function wrap(f: Frame | CompoundFrame, scope: Scope): Frame {
  const names = uniqueNames(f.schema.map((x) => x.name));
  const query = 'kind' in f ? f.compound : toSelect(f, names);
  const alias = scope.nextAlias();
  return frameOf({ kind: 'subquery', query, alias }, names.map((n) => col(alias, n)), f.schema);
}

export function asFrame(f: Frame | CompoundFrame, scope: Scope): Frame {
  return 'kind' in f ? wrap(f, scope) : f;
}

/** Whether `e` or any expression inside it (not descending into subqueries) satisfies `p`. */
export function someNode(e: SqlExpr, p: (x: SqlExpr) => boolean): boolean {
  if (p(e)) return true;
  const any = (xs: readonly SqlExpr[]) => xs.some((x) => someNode(x, p));
  switch (e.kind) {
    case 'fn':
      return any(e.args) || (e.filter !== null && someNode(e.filter, p)) || (e.over !== null && any([...e.over.partitionBy, ...e.over.orderBy.map((o) => o.expr)]));
    case 'infix':
    case 'template':
      return any(e.args);
    case 'prefix':
      return someNode(e.arg, p);
    case 'case':
      return any(e.whens.flatMap((w) => [w.when, w.then])) || (e.else !== null && someNode(e.else, p));
    case 'cast':
    case 'isnull':
      return someNode(e.expr, p);
    case 'in':
      return any([e.expr, ...e.list]);
    case 'in_query': // its keys, not the subquery
      return any(e.exprs);
    case 'like':
      return any([e.expr, e.pattern]);
    case 'column':
    case 'lit':
    case 'param':
    case 'bool':
    case 'star':
    case 'exists': // not descending into subqueries
      return false;
    default:
      return assertNever(e, 'SQL expression');
  }
}

/**
 * Whether an expression has one value for the whole statement: no column, subquery, aggregate
 * or window inside (parameters are constants). Engines reject or misread such ORDER BY / GROUP
 * BY keys (`ORDER BY 'a'` is an error in DuckDB, `GROUP BY 2` a column position everywhere).
 */
export function isConstant(e: SqlExpr): boolean {
  return !someNode(e, (x) => x.kind === 'column' || x.kind === 'exists' || x.kind === 'in_query' || x.kind === 'star' || (x.kind === 'fn' && (x.over !== null || x.aggregate === true)));
}

/** Whether an expression computes an aggregate (outside any window). */
export function hasAggregate(e: SqlExpr): boolean {
  return someNode(e, (x) => x.kind === 'fn' && x.aggregate === true && x.over === null);
}

/** Whether an expression computes a window function (directly or inside). */
export function hasWindow(e: SqlExpr): boolean {
  return someNode(e, (x) => x.kind === 'fn' && x.over !== null);
}

export function windowed(f: Frame): boolean {
  return f.columns.some(hasWindow);
}

/** Nothing after FROM/WHERE yet: aggregates, joins and windows may still be added. */
export function isPlain(f: Frame): boolean {
  return f.groupBy === null && f.qualify.length === 0 && !f.distinct && f.orderBy.length === 0 && f.limit === null && f.offset === 0 && !windowed(f);
}

export function hasLimit(f: Frame): boolean {
  return f.limit !== null || f.offset > 0;
}

/** Whether window functions reading `inputs` can be added to `f` without changing what they see. */
export function canAddWindows(f: Frame, inputs: readonly SqlExpr[]): boolean {
  return !hasLimit(f) && !f.distinct && f.qualify.length === 0 && !inputs.some(hasWindow);
}
