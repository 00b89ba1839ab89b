// IR relations → frames (SELECTs under construction). Each operator merges into its input's
// frame when SQL's clause order keeps the meaning, else wraps the input as a subquery first.
// Traversal is depth-first, inputs left to right, so aliases t1, t2, … are deterministic.

import {
  PRECEDENCE, RelcError, T, assertNever, exprChildren, inputSchemaOf, schemaOf, typeOf,
  type Aggregate, type Expr, type Filter, type Project, type Rel, type Schema, type Values, type Window, type Winner,
} from '../../ir/index.ts';
import type { SqlExpr } from './ast.ts';
import type { SqlDialect } from './dialect.ts';
import {
  asFrame, canAddWindows, col, frameOf, freshName, hasAggregate, hasLimit, hasWindow, isConstant, isPlain, uniqueNames, windowed, wrap,
  type CompoundFrame, type Frame, type Scope,
} from './frame.ts';
import { lowerJoin } from './lower-join.ts';
import { lowerRecursive, type WorkingTable } from './lower-recursive.ts';
import { lowerSetOp } from './lower-setop.ts';
import { lowerAgg, lowerExpr, lowerOrder, lowerWindowCall, type Env } from './lower-expr.ts';

export interface Lowering {
  readonly d: SqlDialect;
  readonly scope: Scope;
  /** The working tables of the recursions being lowered, by recursion name. */
  readonly recursions?: ReadonlyMap<string, WorkingTable>;
}

export const envOf = (f: Frame, d: SqlDialect, schema: Schema = f.schema): Env => ({ cols: f.columns, schema, d });

/** Lowers a relation to a frame ready to be extended (set operations are wrapped). */
export function lowerFrame(rel: Rel, L: Lowering): Frame {
  return asFrame(lowerAny(rel, L), L.scope);
}

/** Lowers a relation; a set operation at the top stays a bare compound. */
export function lowerAny(rel: Rel, L: Lowering): Frame | CompoundFrame {
  switch (rel.kind) {
    case 'scan':
      return tableFrame(rel.table, rel.schema.map((f) => f.name), rel.schema, L);
    case 'ref':
      // Views are produced with unique column names (uniqueNames), so a ref reads those.
      return tableFrame(rel.name, uniqueNames(rel.schema.map((f) => f.name)), rel.schema, L);
    case 'values':
      return valuesFrame(rel, L);
    case 'filter':
      return filterFrame(rel, L);
    case 'project':
      return projectFrame(rel, L);
    case 'join':
      return lowerJoin(rel, L);
    case 'aggregate':
      return aggregateFrame(rel, L);
    case 'setop':
      return lowerSetOp(rel, L);
    case 'sort': {
      let f = lowerFrame(rel.input, L);
      // ORDER BY after LIMIT must be outside it; with DISTINCT, PostgreSQL wants ORDER BY keys in the select list.
      if (hasLimit(f) || f.distinct) f = wrap(f, L.scope);
      let orderBy = lowerOrder(rel.keys, envOf(f, L.d));
      // Where ORDER BY cannot hold a window function (Spark), the key is read from a subquery.
      if (!L.d.caps.windowInOrderBy && orderBy.some((o) => hasWindow(o.expr))) {
        f = wrap(f, L.scope);
        orderBy = lowerOrder(rel.keys, envOf(f, L.d));
      }
      return { ...f, orderBy };
    }
    case 'limit': {
      let f = lowerFrame(rel.input, L);
      if (hasLimit(f)) f = wrap(f, L.scope);
      return { ...f, limit: rel.limit, offset: rel.offset };
    }
    case 'distinct': {
      let f = lowerFrame(rel.input, L);
      if (hasLimit(f) || f.orderBy.length > 0) f = wrap(f, L.scope);
      return { ...f, distinct: true };
    }
    case 'window':
      return windowFrame(rel, L);
    case 'winner':
      return winnerFrame(rel, L);
    case 'recursive':
      return lowerRecursive(rel, L);
    case 'recursive_ref': {
      const w = L.recursions?.get(rel.name);
      if (!w) throw new RelcError('INVALID_PLAN', `recursive_ref ${rel.name} outside its recursion`);
      return tableFrame(w.table, w.names, rel.schema, L);
    }
    default:
      return assertNever(rel, 'relation');
  }
}

function tableFrame(table: string, names: readonly string[], schema: Schema, L: Lowering): Frame {
  const alias = L.scope.nextAlias();
  return frameOf({ kind: 'table', name: table, alias }, names.map((n) => col(alias, n)), schema);
}

/** Columns of intervals, on a dialect whose engine has no interval type of relc's meaning (caps.intervalColumns). */
export function refuseIntervalColumns(schema: Schema, d: SqlDialect, where: string): void {
  const f = d.caps.intervalColumns ? undefined : schema.find((x) => x.type.kind === 'interval');
  if (f) throw new RelcError('BACKEND_UNSUPPORTED', `${where} of intervals (${f.name}) cannot be expressed in ${d.name} SQL, which has no interval column type holding months, days and time together`, { details: { dialect: d.name, column: f.name } });
}

function valuesFrame(rel: Values, L: Lowering): Frame {
  refuseIntervalColumns(rel.schema, L.d, 'a VALUES column');
  const alias = L.scope.nextAlias();
  const names = uniqueNames(rel.schema.map((f) => f.name));
  const columns = names.map((n) => col(alias, n));
  // Every literal carries its type (the dialect casts where bare literals would be typed otherwise).
  const row = (r: Values['rows'][number]): SqlExpr[] => r.map((l, i) => ({ kind: 'lit', type: rel.schema[i]!.type, value: l.value }));
  if (rel.rows.length > 0) return frameOf({ kind: 'values', rows: rel.rows.map(row), columns: names, alias }, columns, rel.schema);
  // No rows: one row of typed NULLs, filtered away.
  const nulls: SqlExpr[] = rel.schema.map((f) => ({ kind: 'lit', type: f.type, value: null }));
  return { ...frameOf({ kind: 'values', rows: [nulls], columns: names, alias }, columns, rel.schema), where: [{ kind: 'bool', value: false }] };
}

function filterFrame(rel: Filter, L: Lowering): Frame {
  let f = lowerFrame(rel.input, L);
  if (hasLimit(f) || f.distinct) f = wrap(f, L.scope);
  // After window functions a filter must not change their input: QUALIFY, or a subquery. DuckDB
  // wants a window function in QUALIFY itself or in the select list, which a later projection
  // may drop: QUALIFY only when the condition (or QUALIFY so far) computes one.
  if (windowed(f) || f.qualify.length > 0) {
    const cond = lowerExpr(rel.condition, envOf(f, L.d));
    if (L.d.caps.qualify && (hasWindow(cond) || f.qualify.some(hasWindow))) return { ...f, qualify: [...f.qualify, cond] };
    f = wrap(f, L.scope);
  }
  const cond = lowerExpr(rel.condition, envOf(f, L.d));
  if (f.groupBy !== null) return { ...f, having: [...f.having, cond] };
  return { ...f, where: [...f.where, cond] };
}

function colRefCounts(exprs: readonly Expr[]): Map<number, number> {
  const counts = new Map<number, number>();
  const visit = (e: Expr): void => {
    if (e.kind === 'col') counts.set(e.index, (counts.get(e.index) ?? 0) + 1);
    for (const c of exprChildren(e)) visit(c);
  };
  exprs.forEach(visit);
  return counts;
}

const simple = (e: SqlExpr): boolean => e.kind === 'column' || e.kind === 'lit' || e.kind === 'param' || e.kind === 'bool';

function projectFrame(rel: Project, L: Lowering): Frame {
  let f = lowerFrame(rel.input, L);
  // Inlining a computed column used twice would repeat its work (and its text); wrap instead.
  const repeated = [...colRefCounts(rel.exprs)].some(([i, n]) => n > 1 && !simple(f.columns[i]!));
  if (f.distinct || repeated) f = wrap(f, L.scope);
  let columns = rel.exprs.map((e) => lowerExpr(e, envOf(f, L.d)));
  // An aggregate without keys is one row only while an aggregate stays in its select list:
  // `SELECT 5 FROM t` would give a row per row of t.
  if (f.groupBy !== null && f.groupBy.length === 0 && !columns.some(hasAggregate)) {
    f = wrap(f, L.scope);
    columns = rel.exprs.map((e) => lowerExpr(e, envOf(f, L.d)));
  }
  return { ...f, columns, schema: schemaOf(rel) };
}

function aggregateFrame(rel: Aggregate, L: Lowering): Frame {
  let f = lowerFrame(rel.input, L);
  if (!isPlain(f)) f = wrap(f, L.scope);
  // Computed group keys become columns of a subquery first: engines match a key re-printed in
  // the select list or HAVING by its syntax tree, and DuckDB flattens nested ANDs, so
  // `GROUP BY a AND b … HAVING x AND (a AND b)` would not match.
  const computed = rel.groupBy.map((g) => {
    const e = lowerExpr(g, envOf(f, L.d));
    return e.kind !== 'column' && !isConstant(e);
  });
  if (computed.some(Boolean)) {
    const keyCols = rel.groupBy.filter((_, i) => computed[i]);
    const names: string[] = f.schema.map((x) => x.name);
    const extra = keyCols.map((g) => {
      const name = freshName('relc_key', names);
      names.push(name);
      return { name, ...typeOf(g, f.schema) };
    });
    const g = wrap({ ...f, columns: [...f.columns, ...keyCols.map((k) => lowerExpr(k, envOf(f, L.d)))], schema: [...f.schema, ...extra] }, L.scope);
    const width = f.schema.length;
    let k = 0;
    const keyExprs = rel.groupBy.map((gk, i) => (computed[i] ? { kind: 'col', index: width + k++ } as const : gk));
    const inner: Frame = { ...g, schema: [...f.schema, ...extra] };
    return groupFrame(rel, inner, keyExprs, L);
  }
  return groupFrame(rel, f, rel.groupBy, L);
}

/** GROUP BY `keys` (expressions over `f`) with the aggregate's measures. */
function groupFrame(rel: Aggregate, f: Frame, groupBy: readonly Expr[], L: Lowering): Frame {
  const env = envOf(f, L.d, f.schema);
  // A bare integer in GROUP BY is a column position (and PostgreSQL rejects other bare
  // constants): constant keys, also columns holding projected literals, are printed as casts.
  const keys = groupBy.map((g): SqlExpr => {
    const e = lowerExpr(g, env);
    const t = typeOf(g, env.schema).type;
    return isConstant(e) && e.kind !== 'cast' ? { kind: 'cast', expr: e, type: t.kind === 'null' ? T.int32 : t } : e;
  });
  const measures = rel.measures.map((m) => lowerAgg(m, env));
  return { ...f, groupBy: keys, columns: [...keys, ...measures], schema: schemaOf(rel) };
}

/** What a window call reads (arguments, partition and order keys), without its own OVER. */
function windowInputs(e: SqlExpr): SqlExpr[] {
  if (e.kind === 'cast') return windowInputs(e.expr);
  if (e.kind !== 'fn' || e.over === null) return [e];
  return [...e.args, ...e.over.partitionBy, ...e.over.orderBy.map((o) => o.expr)];
}

function windowFrame(rel: Window, L: Lowering): Frame {
  let f = lowerFrame(rel.input, L);
  const calls = (g: Frame) => rel.functions.map((w) => lowerWindowCall(w, envOf(g, L.d)));
  // Nested window functions are not SQL: if an argument reads a window result, wrap first.
  if (!canAddWindows(f, calls(f).flatMap(windowInputs))) f = wrap(f, L.scope);
  return { ...f, columns: [...f.columns, ...calls(f)], schema: schemaOf(rel) };
}

/**
 * winner keeps the first `keep` rows of each partition: `QUALIFY row_number() OVER (…) <= keep`
 * where the dialect has QUALIFY, else a row-number column in a subquery, filtered outside.
 */
function winnerFrame(rel: Winner, L: Lowering): Frame {
  let f = lowerFrame(rel.input, L);
  const rowNumber = (g: Frame): SqlExpr =>
    lowerWindowCall({ fn: 'row_number', args: [], distinct: false, partitionBy: rel.partitionBy, orderBy: rel.orderBy, type: T.int64 }, envOf(g, L.d));
  if (!canAddWindows(f, windowInputs(rowNumber(f)))) f = wrap(f, L.scope);
  const keep: SqlExpr = { kind: 'lit', type: T.int32, value: rel.keep };
  const atMost = (x: SqlExpr): SqlExpr => ({ kind: 'infix', op: '<=', precedence: PRECEDENCE.compare, args: [x, keep] });
  if (L.d.caps.qualify) return { ...f, qualify: [atMost(rowNumber(f))] };
  const schema = inputSchemaOf(rel);
  const rn = freshName('relc_rn', schema.map((x) => x.name));
  const numbered: Frame = { ...f, columns: [...f.columns, rowNumber(f)], schema: [...schema, { name: rn, type: T.int64, nullable: false }] };
  const outer = wrap(numbered, L.scope);
  return { ...outer, where: [atMost(outer.columns.at(-1)!)], columns: outer.columns.slice(0, -1), schema };
}
