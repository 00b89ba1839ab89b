// Expression helpers shared by the passes: conjunct splitting, column sets, remapping and
// substitution of column references, movability (determinism), and structural equality.
// Every rewrite here preserves object identity when nothing changes, so passes can report
// `changed` honestly without printing plans.

import { assertNever, E, lookupFunction, mapRelExprs, mapSortKeys, T, type Expr, type Literal, type Rel, type SortKey } from '../ir/index.ts';

export const TRUE: Literal = E.lit(T.bool, true);
export const FALSE: Literal = E.lit(T.bool, false);

export const isTrue = (e: Expr): boolean => e.kind === 'lit' && e.value === true;
export const isFalse = (e: Expr): boolean => e.kind === 'lit' && e.value === false;
export const isNullLit = (e: Expr): boolean => e.kind === 'lit' && e.value === null;

/** Flattens nested `and` calls into their conjuncts (a non-`and` is its own single conjunct). */
export function conjuncts(e: Expr): Expr[] {
  if (e.kind === 'call' && e.fn === 'and') return e.args.flatMap(conjuncts);
  return [e];
}

/** Flattens nested `or` calls into their disjuncts. */
export function disjuncts(e: Expr): Expr[] {
  if (e.kind === 'call' && e.fn === 'or') return e.args.flatMap(disjuncts);
  return [e];
}

/** `and` of the expressions; `true` for none, the expression itself for one. */
export function conjoin(es: readonly Expr[]): Expr {
  if (es.length === 0) return TRUE;
  if (es.length === 1) return es[0]!;
  return E.call('and', es, T.bool);
}

/** `or` of the expressions; `false` for none, the expression itself for one. */
export function disjoin(es: readonly Expr[]): Expr {
  if (es.length === 0) return FALSE;
  if (es.length === 1) return es[0]!;
  return E.call('or', es, T.bool);
}

/**
 * Rewrites an expression bottom-up, keeping the identity of every node `f` leaves alone (the
 * IR's `mapExpr` always rebuilds). Does not descend into subquery relations.
 */
export function rewriteExpr(e: Expr, f: (x: Expr) => Expr): Expr {
  const rec = (x: Expr) => rewriteExpr(x, f);
  const list = (xs: readonly Expr[]) => {
    const next = xs.map(rec);
    return next.every((x, i) => x === xs[i]) ? xs : next;
  };
  let next: Expr = e;
  switch (e.kind) {
    case 'col':
    case 'outer':
    case 'lit':
    case 'param':
      break;
    case 'call': {
      const args = list(e.args);
      if (args !== e.args) next = { ...e, args };
      break;
    }
    case 'case': {
      const whens = e.whens.map((w) => {
        const when = rec(w.when);
        const then = rec(w.then);
        return when === w.when && then === w.then ? w : { when, then };
      });
      const els = e.else ? rec(e.else) : null;
      if (whens.some((w, i) => w !== e.whens[i]) || els !== e.else) next = { ...e, whens, else: els };
      break;
    }
    case 'cast':
    case 'isnull': {
      const x = rec(e.expr);
      if (x !== e.expr) next = { ...e, expr: x };
      break;
    }
    case 'in': {
      const x = rec(e.expr);
      const l = list(e.list);
      if (x !== e.expr || l !== e.list) next = { ...e, expr: x, list: l };
      break;
    }
    case 'like': {
      const x = rec(e.expr);
      const p = rec(e.pattern);
      if (x !== e.expr || p !== e.pattern) next = { ...e, expr: x, pattern: p };
      break;
    }
    case 'subquery': {
      const x = e.expr ? rec(e.expr) : null;
      if (x !== e.expr) next = { ...e, expr: x };
      break;
    }
    default:
      return assertNever(e, 'expression');
  }
  return f(next);
}

/** Column positions an expression reads (not looking into subquery relations). */
export function colsOf(e: Expr, into: Set<number> = new Set()): Set<number> {
  rewriteExpr(e, (x) => {
    if (x.kind === 'col') into.add(x.index);
    return x;
  });
  return into;
}

/** Column positions read by a list of expressions. */
export function colsOfAll(es: readonly Expr[]): Set<number> {
  const out = new Set<number>();
  for (const e of es) colsOf(e, out);
  return out;
}

/**
 * Whether an expression may be moved, duplicated, merged or dropped freely: every call is
 * deterministic and it holds no subquery or outer reference (whose meaning depends on where
 * the expression sits).
 */
export function isMovable(e: Expr): boolean {
  let ok = true;
  rewriteExpr(e, (x) => {
    if (x.kind === 'subquery' || x.kind === 'outer') ok = false;
    if (x.kind === 'call' && lookupFunction(x.fn)?.deterministic !== true) ok = false;
    return x;
  });
  return ok;
}

/** Replaces every column reference `i` by `f(i)`. */
export function remapCols(e: Expr, f: (i: number) => number): Expr {
  return rewriteExpr(e, (x) => {
    if (x.kind !== 'col') return x;
    const j = f(x.index);
    return j === x.index ? x : E.col(j);
  });
}

/** Shifts every column reference by `delta` (moving a predicate to a join's right input). */
export function shiftCols(e: Expr, delta: number): Expr {
  return delta === 0 ? e : remapCols(e, (i) => i + delta);
}

/** Replaces column `i` by `exprs[i]` (inlining a projection into an expression above it). */
export function substituteCols(e: Expr, exprs: readonly Expr[]): Expr {
  return rewriteExpr(e, (x) => (x.kind === 'col' ? exprs[x.index]! : x));
}

/** Remaps the expression of every sort key (the IR's walker). */
export const remapKeys = mapSortKeys;

/** Deep structural equality of plain IR data (short-circuits on shared identity). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export const exprEquals = (a: Expr, b: Expr): boolean => deepEqual(a, b);

/** The pass result for a rewrite: unchanged (and the original identity) when structurally equal. */
export function result(before: Rel, after: Rel): { changed: boolean; rel: Rel } {
  return deepEqual(before, after) ? { changed: false, rel: before } : { changed: true, rel: after };
}

/** Removes structurally equal duplicates, keeping the first occurrence. */
export function dedupe(es: readonly Expr[]): Expr[] {
  const out: Expr[] = [];
  for (const e of es) if (!out.some((o) => exprEquals(o, e))) out.push(e);
  return out;
}

/** Remaps every column reference a node evaluates (its expressions, not its inputs). */
export function remapNodeCols(rel: Rel, f: (i: number) => number): Rel {
  return mapRelExprs(rel, (e) => remapCols(e, f));
}
