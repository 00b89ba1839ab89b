// Expression helpers shared by the passes: conjunct splitting, column sets, remapping and
// substitution of column references, movability (determinism), and structural equality.
// Every rewrite here preserves object identity when nothing changes, so passes can report
// `changed` honestly without printing plans.

import { assertNever, E, exprChildren, lookupFunction, mapRelExprs, mapSortKeys, T, type Expr, type Literal, type Rel } from '../ir/index.ts';
import { planHash } from './structure.ts';

export const TRUE: Literal = E.lit(T.bool, true);
export const FALSE: Literal = E.lit(T.bool, false);

export const isTrue = (e: Expr): boolean => e.kind === 'lit' && e.value === true;
export const isFalse = (e: Expr): boolean => e.kind === 'lit' && e.value === false;
export const isNullLit = (e: Expr): boolean => e.kind === 'lit' && e.value === null;

/** Flattens nested `and` calls into their conjuncts (a non-`and` is its own single conjunct). */
export function conjuncts(e: Expr): Expr[] {
  return flatten(e, 'and', []);
}

/** Flattens nested `or` calls into their disjuncts. */
export function disjuncts(e: Expr): Expr[] {
  return flatten(e, 'or', []);
}

function flatten(e: Expr, fn: 'and' | 'or', into: Expr[]): Expr[] {
  if (e.kind === 'call' && e.fn === fn) for (const a of e.args) flatten(a, fn, into);
  else into.push(e);
  return into;
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
  return f(rewriteChildren(e, (x) => rewriteExpr(x, f)));
}

/**
 * `e` with each direct sub-expression replaced by `g` of it: `e` itself when `g` changed none
 * (subquery relations are not entered).
 */
export function rewriteChildren(e: Expr, g: (x: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'col':
    case 'outer':
    case 'lit':
    case 'param':
      return e;
    case 'call': {
      const args = rewriteList(e.args, g);
      return args !== e.args ? { ...e, args } : e;
    }
    case 'case': {
      let whens: { when: Expr; then: Expr }[] | undefined;
      for (let i = 0; i < e.whens.length; i++) {
        const w = e.whens[i]!;
        const when = g(w.when);
        const then = g(w.then);
        const same = when === w.when && then === w.then;
        if (!same && !whens) whens = e.whens.slice(0, i);
        if (whens) whens.push(same ? w : { when, then });
      }
      const els = e.else ? g(e.else) : null;
      return whens || els !== e.else ? { ...e, whens: whens ?? e.whens, else: els } : e;
    }
    case 'cast':
    case 'isnull': {
      const x = g(e.expr);
      return x !== e.expr ? { ...e, expr: x } : e;
    }
    case 'in': {
      const x = g(e.expr);
      const l = rewriteList(e.list, g);
      return x !== e.expr || l !== e.list ? { ...e, expr: x, list: l } : e;
    }
    case 'like': {
      const x = g(e.expr);
      const p = g(e.pattern);
      return x !== e.expr || p !== e.pattern ? { ...e, expr: x, pattern: p } : e;
    }
    case 'subquery': {
      const x = e.expr ? g(e.expr) : null;
      return x !== e.expr ? { ...e, expr: x } : e;
    }
    default:
      return assertNever(e, 'expression');
  }
}

/** `g` over a list: the same array when no element changed. */
function rewriteList(xs: readonly Expr[], g: (x: Expr) => Expr): readonly Expr[] {
  let out: Expr[] | undefined;
  for (let i = 0; i < xs.length; i++) {
    const y = g(xs[i]!);
    if (y !== xs[i] && !out) out = xs.slice(0, i);
    if (out) out.push(y);
  }
  return out ?? xs;
}

/** Column positions an expression reads (not looking into subquery relations). */
export function colsOf(e: Expr, into: Set<number> = new Set()): Set<number> {
  if (e.kind === 'col') into.add(e.index);
  else for (const x of exprChildren(e)) colsOf(x, into);
  return into;
}

/**
 * Whether every column position `e` reads satisfies `ok` (true when it reads none): the
 * question `[...colsOf(e)].every(ok)` asks, without building the set.
 */
export function everyCol(e: Expr, ok: (i: number) => boolean): boolean {
  if (e.kind === 'col') return ok(e.index);
  for (const x of exprChildren(e)) if (!everyCol(x, ok)) return false;
  return true;
}

const NO_COLUMN = (): boolean => false;

/** Whether `e` reads no column (not looking into subquery relations). */
export const readsNoColumn = (e: Expr): boolean => everyCol(e, NO_COLUMN);

/** Column positions read by a list of expressions. */
export function colsOfAll(es: readonly Expr[]): Set<number> {
  const out = new Set<number>();
  for (const e of es) colsOf(e, out);
  return out;
}

const movable = new WeakMap<Expr, boolean>();

const isLeaf = (e: Expr): boolean => e.kind === 'col' || e.kind === 'lit' || e.kind === 'param';

/**
 * Whether an expression may be moved, duplicated, merged or dropped freely: every call is
 * deterministic and it holds no subquery or outer reference (whose meaning depends on where
 * the expression sits). Memoized per inner node.
 */
export function isMovable(e: Expr): boolean {
  if (isLeaf(e)) return true;
  // A call of columns and constants (most predicates) is answered without the memo: a lookup
  // in it costs more, and predicates pushed through projections are new objects at every level.
  if (e.kind === 'call' && e.args.every(isLeaf)) return lookupFunction(e.fn)?.deterministic === true;
  let ok = movable.get(e);
  if (ok === undefined) {
    ok = movableTree(e);
    movable.set(e, ok);
  }
  return ok;
}

function movableTree(e: Expr): boolean {
  if (e.kind === 'subquery' || e.kind === 'outer') return false;
  if (e.kind === 'call' && lookupFunction(e.fn)?.deterministic !== true) return false;
  for (const x of exprChildren(e)) if (!isMovable(x)) return false;
  return true;
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
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Members holding undefined count as absent.
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    if (!Object.prototype.hasOwnProperty.call(ra, k) || ra[k] === undefined) continue;
    n++;
    if (!deepEqual(ra[k], rb[k])) return false;
  }
  for (const k in rb) if (Object.prototype.hasOwnProperty.call(rb, k) && rb[k] !== undefined) n--;
  return n === 0;
}

export const exprEquals = (a: Expr, b: Expr): boolean => deepEqual(a, b);

/** The pass result for a rewrite: unchanged (and the original identity) when structurally equal. */
export function result(before: Rel, after: Rel): { changed: boolean; rel: Rel } {
  return deepEqual(before, after) ? { changed: false, rel: before } : { changed: true, rel: after };
}

/**
 * Numbers expressions by structural equality (`exprEquals`), classes in first-seen order:
 * pairwise comparison while there are few classes, then buckets by structural hash, so
 * deduplicating or intersecting n expressions costs about n, not n².
 */
export class ExprClasses {
  private readonly reps: Expr[] = [];
  private buckets: Map<number, number[]> | undefined;

  /** The class of `e`, or -1 when no expression seen so far equals it. */
  find(e: Expr): number {
    if (!this.buckets) {
      for (let i = 0; i < this.reps.length; i++) if (exprEquals(this.reps[i]!, e)) return i;
      return -1;
    }
    const b = this.buckets.get(planHash(e));
    if (b) for (const i of b) if (exprEquals(this.reps[i]!, e)) return i;
    return -1;
  }

  /** The class of `e`, a new one (numbered `size`) when it equals nothing seen so far. */
  classOf(e: Expr): number {
    const found = this.find(e);
    if (found >= 0) return found;
    const id = this.reps.length;
    this.reps.push(e);
    if (this.buckets) this.index(id);
    else if (this.reps.length > PAIRWISE_LIMIT) {
      this.buckets = new Map();
      for (let i = 0; i < this.reps.length; i++) this.index(i);
    }
    return id;
  }

  get size(): number {
    return this.reps.length;
  }

  private index(id: number): void {
    const h = planHash(this.reps[id]!);
    const b = this.buckets!.get(h);
    if (b) b.push(id);
    else this.buckets!.set(h, [id]);
  }
}

const PAIRWISE_LIMIT = 8;

/** Removes structurally equal duplicates, keeping the first occurrence. */
export function dedupe(es: readonly Expr[]): Expr[] {
  const classes = new ExprClasses();
  const out: Expr[] = [];
  for (const e of es) {
    const before = classes.size;
    if (classes.classOf(e) === before) out.push(e);
  }
  return out;
}

/** Remaps every column reference a node evaluates (its expressions, not its inputs). */
export function remapNodeCols(rel: Rel, f: (i: number) => number): Rel {
  return mapRelExprs(rel, (e) => remapCols(e, f));
}
