// Read-only walks over the SQL syntax tree: sub-expressions of a node, aggregate detection,
// and the table names a query reads (for recursive-CTE detection).

import { lookupFunction } from '../ir/index.ts';
import type { FromItem, Query, SetBody, SqlExpr } from './ast.ts';
import type { SourceDialectDef } from './dialects.ts';
import type { Span } from './source.ts';
import { JSON_AGGREGATES } from './json.ts';

/** Direct sub-expressions, not descending into subqueries. */
export function exprKids(e: SqlExpr): SqlExpr[] {
  switch (e.k) {
    case 'column':
    case 'number':
    case 'string':
    case 'bool':
    case 'null':
    case 'typed':
    case 'param':
    case 'subquery':
    case 'exists':
      return [];
    case 'unary':
    case 'prefix_math':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'logical':
      return [...e.args];
    case 'is':
      return typeof e.test === 'string' ? [e.arg] : [e.arg, e.test];
    case 'between':
      return [e.arg, e.low, e.high];
    case 'overlaps':
      return [...e.left, ...e.right];
    case 'in':
      return [e.arg, ...e.list];
    case 'in_query':
    case 'quantified':
      return [e.arg];
    case 'array':
      return [...e.elements];
    case 'subscript':
      return [e.arg, e.index];
    case 'quantified_array':
      return [e.arg, e.array];
    case 'like':
      return [e.arg, e.pattern, ...(e.escape ? [e.escape] : [])];
    case 'case':
      return [...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'cast':
    case 'extract':
      return [e.arg];
    case 'func':
      return [...e.args, ...(e.filter ? [e.filter] : []), ...(e.orderBy ?? []).map((o) => o.expr), ...(e.withinGroup ?? []).map((o) => o.expr), ...(e.over ? [...e.over.partitionBy, ...e.over.orderBy.map((o) => o.expr)] : [])];
  }
}

/** Whether an expression calls an aggregate outside any subquery (window calls are not aggregates, their arguments may hold some). */
export function containsAggregate(e: SqlExpr, dialect: SourceDialectDef): boolean {
  if (e.k === 'func' && !e.over) {
    const name = e.name.value.toLowerCase();
    const def = lookupFunction(dialect.functionAliases[name] ?? name);
    if (def?.kind === 'aggregate' || Object.hasOwn(JSON_AGGREGATES, name)) return true;
  }
  if (e.k === 'func' && e.over) return e.args.some((a) => containsAggregate(a, dialect));
  return exprKids(e).some((k) => containsAggregate(k, dialect));
}

/** Calls `f` for each table name a query reads (FROM items, at any depth, subqueries included), with its span. */
export function forEachTableName(q: Query, f: (name: string, span: Span) => void): void {
  const query = (x: Query) => {
    x.with?.ctes.forEach((c) => query(c.query));
    body(x.body);
    x.orderBy.forEach((o) => expr(o.expr));
  };
  const body = (b: SetBody): void => {
    switch (b.k) {
      case 'select':
        b.from.forEach(from);
        b.items.forEach((i) => i.k === 'expr' && expr(i.expr));
        [b.where, b.having, b.qualify, ...b.groupBy].forEach((e) => e && expr(e));
        return;
      case 'values':
        b.rows.flat().forEach(expr);
        return;
      case 'setop':
        body(b.left);
        body(b.right);
        return;
      case 'nested':
        query(b.query);
        return;
    }
  };
  const from = (i: FromItem): void => {
    if (i.k === 'table') f(i.name[i.name.length - 1]!.value, i.span);
    else if (i.k === 'derived') query(i.query);
    else if (i.k === 'function') i.args.forEach(expr);
    else {
      from(i.left);
      from(i.right);
      if (i.on) expr(i.on);
    }
  };
  const expr = (e: SqlExpr): void => {
    if (e.k === 'subquery' || e.k === 'exists' || e.k === 'in_query' || e.k === 'quantified') query(e.query);
    exprKids(e).forEach(expr);
  };
  query(q);
}

/** The same walk over one set-operation operand. */
export function forEachTableNameIn(b: SetBody, f: (name: string, span: Span) => void): void {
  forEachTableName({ with: null, body: b, orderBy: [], orderByAll: null, limit: null, offset: null, limitSpan: null, span: { start: 0, end: 0 } }, f);
}
