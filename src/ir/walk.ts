// Generic traversal helpers: children of a relation, rebuilding with new children, and
// bottom-up expression rewriting. Pure: they return new nodes and never mutate.

import { assertNever } from './errors.ts';
import type { AggCall, Expr, SortKey, WindowCall } from './expr.ts';
import { hasSingleInput, type Rel } from './rel.ts';

/** Direct relational inputs, in order (left before right). */
export function children(rel: Rel): readonly Rel[] {
  if (hasSingleInput(rel)) return [rel.input];
  switch (rel.kind) {
    case 'scan':
    case 'values':
    case 'ref':
    case 'recursive_ref':
      return [];
    case 'recursive':
      return [rel.base, rel.step];
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
  if (hasSingleInput(rel)) return next[0] === rel.input ? rel : { ...rel, input: next[0]! };
  switch (rel.kind) {
    case 'scan':
    case 'values':
    case 'ref':
    case 'recursive_ref':
      return rel;
    case 'recursive':
      return next[0] === rel.base && next[1] === rel.step ? rel : { ...rel, base: next[0]!, step: next[1]! };
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
  // Most nodes have one input: no arrays for them (every pass walks every node this way).
  if (hasSingleInput(rel)) {
    const input = transformUp(rel.input, f);
    return f(input === rel.input ? rel : { ...rel, input });
  }
  const kids = children(rel);
  if (kids.length === 0) return f(rel);
  return f(withChildren(rel, kids.map((k) => transformUp(k, f))));
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
  const aggs = (ms: readonly AggCall[]) => ms.flatMap((m) => [...m.args, ...(m.filter ? [m.filter] : []), ...keys(m.orderBy ?? [])]);
  const wins = (ws: readonly WindowCall[]) => ws.flatMap((w) => [...w.args, ...w.partitionBy, ...keys(w.orderBy)]);
  switch (rel.kind) {
    case 'scan':
    case 'values':
    case 'ref':
    case 'recursive_ref':
    case 'recursive':
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

/** Sort keys with `f` applied to their expressions; the same array when nothing changed. */
export function mapSortKeys(keys: readonly SortKey[], f: (e: Expr) => Expr): readonly SortKey[] {
  const next = keys.map((k) => {
    const expr = f(k.expr);
    return expr === k.expr ? k : { ...k, expr };
  });
  return next.every((k, i) => k === keys[i]) ? keys : next;
}

/** How an expression's value is used: as a row predicate (NULL acts like false) or as a value. */
export type ExprRole = 'predicate' | 'value';

/**
 * Applies `f` to every expression a node evaluates (not to its inputs), telling it the role of
 * each; returns the node itself when `f` changed nothing (rewrites keep unchanged subtrees).
 */
export function mapRelExprs(rel: Rel, f: (e: Expr, role: ExprRole) => Expr): Rel {
  const v = (e: Expr) => f(e, 'value');
  const list = (xs: readonly Expr[]) => {
    const next = xs.map(v);
    return next.every((x, i) => x === xs[i]) ? xs : next;
  };
  switch (rel.kind) {
    case 'scan':
    case 'values':
    case 'ref':
    case 'recursive_ref':
    case 'recursive':
    case 'limit':
    case 'distinct':
    case 'setop':
      return rel;
    case 'filter': {
      const c = f(rel.condition, 'predicate');
      return c === rel.condition ? rel : { ...rel, condition: c };
    }
    case 'project': {
      const exprs = list(rel.exprs);
      return exprs === rel.exprs ? rel : { ...rel, exprs };
    }
    case 'join': {
      if (!rel.condition) return rel;
      const c = f(rel.condition, 'predicate');
      return c === rel.condition ? rel : { ...rel, condition: c };
    }
    case 'aggregate': {
      const groupBy = list(rel.groupBy);
      const measures = rel.measures.map((m) => {
        const args = list(m.args);
        const filter = m.filter ? f(m.filter, 'predicate') : undefined;
        const orderBy = m.orderBy ? mapSortKeys(m.orderBy, v) : undefined;
        return args === m.args && filter === m.filter && orderBy === m.orderBy ? m : { ...m, args, ...(filter ? { filter } : {}), ...(orderBy ? { orderBy } : {}) };
      });
      if (groupBy === rel.groupBy && measures.every((m, i) => m === rel.measures[i])) return rel;
      return { ...rel, groupBy, measures };
    }
    case 'sort': {
      const keys = mapSortKeys(rel.keys, v);
      return keys === rel.keys ? rel : { ...rel, keys };
    }
    case 'window': {
      const functions = rel.functions.map((w) => {
        const args = list(w.args);
        const partitionBy = list(w.partitionBy);
        const orderBy = mapSortKeys(w.orderBy, v);
        return args === w.args && partitionBy === w.partitionBy && orderBy === w.orderBy ? w : { ...w, args, partitionBy, orderBy };
      });
      return functions.every((w, i) => w === rel.functions[i]) ? rel : { ...rel, functions };
    }
    case 'winner': {
      const partitionBy = list(rel.partitionBy);
      const orderBy = mapSortKeys(rel.orderBy, v);
      return partitionBy === rel.partitionBy && orderBy === rel.orderBy ? rel : { ...rel, partitionBy, orderBy };
    }
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

/** Whether `rel` reads a `recursive_ref` that no `recursive` inside `rel` binds (it cannot leave its recursion). */
export function hasFreeRecursiveRef(rel: Rel, bound: ReadonlySet<string> = new Set()): boolean {
  if (rel.kind === 'recursive_ref') return !bound.has(rel.name);
  if (rel.kind === 'recursive') return hasFreeRecursiveRef(rel.base, bound) || hasFreeRecursiveRef(rel.step, new Set([...bound, rel.name]));
  const inExprs = (e: Expr): boolean => (e.kind === 'subquery' && hasFreeRecursiveRef(e.rel, bound)) || exprChildren(e).some(inExprs);
  return children(rel).some((c) => hasFreeRecursiveRef(c, bound)) || relExprs(rel).some(inExprs);
}

/** How many times `rel` reads the working table `name` (in subqueries too; an inner recursion of the same name shadows it). */
export function countRecursiveRefs(rel: Rel, name: string): number {
  if (rel.kind === 'recursive_ref') return rel.name === name ? 1 : 0;
  if (rel.kind === 'recursive') return countRecursiveRefs(rel.base, name) + (rel.name === name ? 0 : countRecursiveRefs(rel.step, name));
  const inExprs = (e: Expr): number => (e.kind === 'subquery' ? countRecursiveRefs(e.rel, name) : 0) + exprChildren(e).reduce((n, c) => n + inExprs(c), 0);
  return children(rel).reduce((n, c) => n + countRecursiveRefs(c, name), 0) + relExprs(rel).reduce((n, e) => n + inExprs(e), 0);
}
