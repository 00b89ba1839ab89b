// Generic traversal helpers: children of a relation, rebuilding with new children, and
// bottom-up expression rewriting. Pure: they return new nodes and never mutate.

import { assertNever } from './errors.ts';
import type { AggCall, Expr, SortKey, WindowCall } from './expr.ts';
import type { Rel } from './rel.ts';

/** Direct relational inputs, in order (left before right). */
export function children(rel: Rel): readonly Rel[] {
  switch (rel.kind) {
    case 'scan':
    case 'values':
    case 'ref':
      return [];
    case 'filter':
    case 'project':
    case 'aggregate':
    case 'sort':
    case 'limit':
    case 'distinct':
    case 'window':
    case 'winner':
      return [rel.input];
    case 'join':
      return [rel.left, rel.right];
    case 'setop':
      return rel.inputs;
    default:
      return assertNever(rel, 'relation');
  }
}

/** The same node with its inputs replaced (same count and order as `children`). */
export function withChildren(rel: Rel, next: readonly Rel[]): Rel {
  switch (rel.kind) {
    case 'scan':
    case 'values':
    case 'ref':
      return rel;
    case 'filter':
    case 'project':
    case 'aggregate':
    case 'sort':
    case 'limit':
    case 'distinct':
    case 'window':
    case 'winner':
      return next[0] === rel.input ? rel : { ...rel, input: next[0]! };
    case 'join':
      return next[0] === rel.left && next[1] === rel.right ? rel : { ...rel, left: next[0]!, right: next[1]! };
    case 'setop':
      return next.every((c, i) => c === rel.inputs[i]) ? rel : { ...rel, inputs: next };
    default:
      return assertNever(rel, 'relation');
  }
}

/** Rewrites every relation bottom-up (children first). Unchanged subtrees keep their identity. */
export function transformUp(rel: Rel, f: (r: Rel) => Rel): Rel {
  const kids = children(rel);
  const next = kids.map((k) => transformUp(k, f));
  return f(withChildren(rel, next));
}

/** Direct sub-expressions (not descending into subquery relations). */
export function exprChildren(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'col':
    case 'outer':
    case 'lit':
    case 'param':
      return [];
    case 'call':
      return e.args;
    case 'case':
      return [...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'cast':
      return [e.expr];
    case 'in':
      return [e.expr, ...e.list];
    case 'isnull':
      return [e.expr];
    case 'like':
      return [e.expr, e.pattern];
    case 'subquery':
      return e.expr ? [e.expr] : [];
    default:
      return assertNever(e, 'expression');
  }
}

/** Rewrites an expression bottom-up. `f` sees each node after its children were rewritten. */
export function mapExpr(e: Expr, f: (x: Expr) => Expr): Expr {
  const rec = (x: Expr) => mapExpr(x, f);
  let next: Expr;
  switch (e.kind) {
    case 'col':
    case 'outer':
    case 'lit':
    case 'param':
      next = e;
      break;
    case 'call':
      next = { ...e, args: e.args.map(rec) };
      break;
    case 'case':
      next = { ...e, whens: e.whens.map((w) => ({ when: rec(w.when), then: rec(w.then) })), else: e.else ? rec(e.else) : null };
      break;
    case 'cast':
    case 'isnull':
      next = { ...e, expr: rec(e.expr) };
      break;
    case 'in':
      next = { ...e, expr: rec(e.expr), list: e.list.map(rec) };
      break;
    case 'like':
      next = { ...e, expr: rec(e.expr), pattern: rec(e.pattern) };
      break;
    case 'subquery':
      next = e.expr ? { ...e, expr: rec(e.expr) } : e;
      break;
    default:
      return assertNever(e, 'expression');
  }
  return f(next);
}

/** Every expression a node evaluates against its input schema, in a fixed order. */
export function relExprs(rel: Rel): readonly Expr[] {
  const keys = (ks: readonly SortKey[]) => ks.map((k) => k.expr);
  const aggs = (ms: readonly AggCall[]) => ms.flatMap((m) => [...m.args, ...(m.filter ? [m.filter] : [])]);
  const wins = (ws: readonly WindowCall[]) => ws.flatMap((w) => [...w.args, ...w.partitionBy, ...keys(w.orderBy)]);
  switch (rel.kind) {
    case 'scan':
    case 'values':
    case 'ref':
    case 'limit':
    case 'distinct':
    case 'setop':
      return [];
    case 'filter':
      return [rel.condition];
    case 'project':
      return rel.exprs;
    case 'join':
      return rel.condition ? [rel.condition] : [];
    case 'aggregate':
      return [...rel.groupBy, ...aggs(rel.measures)];
    case 'sort':
      return keys(rel.keys);
    case 'window':
      return wins(rel.functions);
    case 'winner':
      return [...rel.partitionBy, ...keys(rel.orderBy)];
    default:
      return assertNever(rel, 'relation');
  }
}

/** Applies `f` to every expression a node evaluates (not to its inputs). */
export function mapRelExprs(rel: Rel, f: (e: Expr) => Expr): Rel {
  const key = (k: SortKey): SortKey => ({ ...k, expr: f(k.expr) });
  switch (rel.kind) {
    case 'scan':
    case 'values':
    case 'ref':
    case 'limit':
    case 'distinct':
    case 'setop':
      return rel;
    case 'filter':
      return { ...rel, condition: f(rel.condition) };
    case 'project':
      return { ...rel, exprs: rel.exprs.map(f) };
    case 'join':
      return rel.condition ? { ...rel, condition: f(rel.condition) } : rel;
    case 'aggregate':
      return {
        ...rel,
        groupBy: rel.groupBy.map(f),
        measures: rel.measures.map((m) => ({ ...m, args: m.args.map(f), ...(m.filter ? { filter: f(m.filter) } : {}) })),
      };
    case 'sort':
      return { ...rel, keys: rel.keys.map(key) };
    case 'window':
      return { ...rel, functions: rel.functions.map((w) => ({ ...w, args: w.args.map(f), partitionBy: w.partitionBy.map(f), orderBy: w.orderBy.map(key) })) };
    case 'winner':
      return { ...rel, partitionBy: rel.partitionBy.map(f), orderBy: rel.orderBy.map(key) };
    default:
      return assertNever(rel, 'relation');
  }
}

/** Names of the views a relation reads through `ref`, deduplicated, in first-seen order. */
export function refsOf(rel: Rel): string[] {
  const out: string[] = [];
  const visit = (r: Rel) => {
    if (r.kind === 'ref' && !out.includes(r.name)) out.push(r.name);
    for (const c of children(r)) visit(c);
    for (const e of relExprs(r)) visitExpr(e);
  };
  const visitExpr = (e: Expr) => {
    if (e.kind === 'subquery') visit(e.rel);
    for (const c of exprChildren(e)) visitExpr(c);
  };
  visit(rel);
  return out;
}
