// simplify: constant folding, three-valued boolean algebra, NULL propagation, CASE/COALESCE
// simplification, in every expression of every node.
//
//   before: filter (and (gt x#0 (add 1 2)) true (not (lt y#1 5)) (is-null id#2))   [id non-null]
//   after:  filter false            — (is-null id#2) is false, so the conjunction is false
//   before: filter (or (and (equal a#0 b#3) (gt c#1 1)) (and (equal a#0 b#3) (lt c#1 0)))
//   after:  filter (and (equal a#0 b#3) (or (gt c#1 1) (lt c#1 0)))   — a factored-out equi key
//
// Rules respect SQL's three-valued logic (Kleene): NOT NULL is NULL, `x AND NULL` is NULL or
// false, so a NULL only becomes `false` where a predicate is consumed (filter, join condition,
// CASE WHEN, aggregate FILTER), never inside a value. Non-deterministic calls and subqueries are
// never folded, deduplicated or dropped.

import { E, inputSchemaOf, lookupFunction, mapRelExprs, type ExprRole, resolveCall, T, transformUp, typeEquals, typeOf, type Case, type Call, type Expr, type InList, type Literal, type Schema } from '../ir/index.ts';
import {
  conjoin, conjuncts, dedupe, deepEqual, disjoin, disjuncts, ExprClasses, exprEquals, FALSE, isFalse, isMovable, isNullLit, isTrue,
  result, rewriteChildren, rewriteExpr, TRUE,
} from './exprs.ts';
import { foldCall, nullOf, retypeLiteral } from './fold.ts';
import { isNullRejecting } from './null-reject.ts';
import type { RelPass } from './pass.ts';

export const simplify: RelPass = {
  name: 'simplify',
  scope: 'rel',
  run(rel) {
    const out = transformUp(rel, (r) => {
      const input = inputSchemaOf(r);
      return mapRelExprs(r, (e, role) => simplifyExpr(e, input, role));
    });
    return result(rel, out);
  },
};

/** Simplifies one expression evaluated over `input`; `role` says whether NULL may act as false. */
export function simplifyExpr(e: Expr, input: Schema, role: ExprRole): Expr {
  const s = simplifyTree(e, input);
  return role === 'predicate' ? asPredicate(s) : s;
}

/** Every node simplified bottom-up (children first), a chain of nested ANDs at once. */
function simplifyTree(e: Expr, input: Schema): Expr {
  if (e.kind === 'call' && e.fn === 'and' && e.args.some(isAnd)) {
    const chain = simplifyAndChain(e, input);
    if (chain !== undefined) return chain;
  }
  return simplifyNode(rewriteChildren(e, (x) => simplifyTree(x, input)), input);
}

const isAnd = (e: Expr): boolean => e.kind === 'call' && e.fn === 'and';

/**
 * The definition `simplifyExpr` implements, without its shortcut for AND chains: each node
 * simplified after its children, every level of a chain on its own (the tests compare them).
 */
export function simplifyLevelByLevel(e: Expr, input: Schema, role: ExprRole): Expr {
  const s = rewriteExpr(e, (x) => simplifyNode(x, input));
  return role === 'predicate' ? asPredicate(s) : s;
}

/**
 * `((p0 AND p1) AND p2) AND …`, as SQL's parser nests a conjunction, simplified as one flat
 * AND of its conjuncts: simplifying each level would flatten and deduplicate the conjuncts
 * below it again (quadratic in the chain's length). The result is the one level by level would
 * give: dropping `true`, stopping at `false` and keeping the first of equal conjuncts come out
 * the same whether applied per level or once; merging several NULL conjuncts into one at the
 * end of the list does not (a level moves its NULL before the conjuncts of the levels above),
 * so with more than one NULL conjunct the chain goes level by level (undefined here).
 */
function simplifyAndChain(e: Call, input: Schema): Expr | undefined {
  const flat = flattenAll(conjuncts(e).map((x) => simplifyTree(x, input)), conjuncts);
  if (flat.filter(isNullLit).length > 1) return undefined;
  return simplifyNode({ ...e, args: flat }, input);
}

const INVERSE: Record<string, string> = {
  equal: 'not_equal', not_equal: 'equal', lt: 'gte', gte: 'lt', gt: 'lte', lte: 'gt',
  is_distinct_from: 'is_not_distinct_from', is_not_distinct_from: 'is_distinct_from',
};

const isLit = (e: Expr): e is Literal => e.kind === 'lit';

/** `args.flatMap(split)`, without flatMap's cost on these short hot lists. */
function flattenAll(args: readonly Expr[], split: (e: Expr) => Expr[]): Expr[] {
  const out: Expr[] = [];
  for (const a of args) for (const x of split(a)) out.push(x);
  return out;
}
const nullable = (e: Expr, input: Schema) => typeOf(e, input).nullable;

/** Returns `next` unless it is structurally the same as `prev` (keeps identity for no-ops). */
const keep = (prev: Expr, next: Expr): Expr => (deepEqual(prev, next) ? prev : next);

function simplifyNode(x: Expr, input: Schema): Expr {
  switch (x.kind) {
    case 'call':
      return simplifyCall(x, input);
    case 'case':
      return simplifyCase(x, input);
    case 'cast': {
      if (isNullLit(x.expr)) return nullOf(x.type);
      if (typeEquals(typeOf(x.expr, input).type, x.type)) return x.expr;
      if (isLit(x.expr)) return retypeLiteral(x.expr, x.type) ?? x; // exact widening of a constant
      return x;
    }
    case 'isnull': {
      if (isLit(x.expr)) return E.lit(T.bool, (x.expr.value === null) !== x.negated);
      // A non-nullable operand is never NULL (its value need not be computed at all).
      if (isMovable(x.expr) && !nullable(x.expr, input)) return E.lit(T.bool, x.negated);
      return x;
    }
    case 'in':
      return simplifyIn(x, input);
    case 'like':
      return isNullLit(x.expr) || isNullLit(x.pattern) ? nullOf(T.bool) : x;
    default:
      return x;
  }
}

function simplifyCall(x: Call, input: Schema): Expr {
  const def = lookupFunction(x.fn);
  if (!def || !def.deterministic) return x;
  switch (x.fn) {
    case 'and':
      return simplifyAnd(x, x.args);
    case 'or':
      return simplifyOr(x, x.args);
    case 'not':
      return simplifyNot(x.args[0]!, x);
    case 'coalesce':
      return simplifyCoalesce(x, input);
    case 'nullif':
      // nullif(a, NULL) compares with NULL, which is never equal: the result is `a`.
      return isNullLit(x.args[1]!) ? x.args[0]! : x;
  }
  if (def.nulls === 'propagate' && x.args.some(isNullLit)) return nullOf(x.type);
  if (x.args.every(isLit)) return foldCall(x.fn, x.args, x.type) ?? x;
  return x;
}

function simplifyAnd(orig: Expr, args: readonly Expr[]): Expr {
  const flat = flattenAll(args, conjuncts);
  if (flat.some(isFalse)) return FALSE;
  let rest = flat.filter((a) => !isTrue(a));
  rest = dedupeMovable(rest);
  // Several NULL conjuncts are one NULL conjunct.
  if (rest.filter(isNullLit).length > 1) rest = [...rest.filter((a) => !isNullLit(a)), nullOf(T.bool)];
  return keep(orig, conjoin(rest));
}

function simplifyOr(orig: Expr, args: readonly Expr[]): Expr {
  const flat = flattenAll(args, disjuncts);
  if (flat.some(isTrue)) return TRUE;
  let rest = dedupeMovable(flat.filter((a) => !isFalse(a)));
  if (rest.filter(isNullLit).length > 1) rest = [...rest.filter((a) => !isNullLit(a)), nullOf(T.bool)];
  if (rest.length >= 2 && rest.every(isMovable)) rest = absorb(rest);
  if (rest.length >= 2 && rest.every(isMovable)) {
    // (A and B) or (A and C)  →  A and (B or C): distributivity holds in Kleene logic, and it
    // exposes A (often an equi-join key) to the passes that split conjunctions.
    const lists = rest.map(conjuncts);
    const classes = new ExprClasses();
    const ids = lists.map((l) => l.map((c) => classes.classOf(c)));
    const sets = ids.map((l) => new Set(l));
    const commonIds = new Set(ids[0]!.filter((id) => sets.every((s) => s.has(id))));
    const common = lists[0]!.filter((_, k) => commonIds.has(ids[0]![k]!));
    if (common.length > 0) {
      const rests = lists.map((l, i) => l.filter((_, k) => !commonIds.has(ids[i]![k]!)));
      return conjoin([...common, simplifyOr(TRUE, rests.map(conjoin))].filter((c) => !isTrue(c)));
    }
  }
  return keep(orig, disjoin(rest));
}

/**
 * Absorption: A or (A and B) is A (also under three-valued logic). Disjunct i goes when a
 * shorter disjunct j has all its conjuncts in i. Each j is indexed under its rarest conjunct,
 * which i must then contain, so only those j are compared with i.
 */
function absorb(ds: Expr[]): Expr[] {
  const classes = new ExprClasses();
  const ids = ds.map((d) => conjuncts(d).map((c) => classes.classOf(c)));
  const sets = ids.map((l) => new Set(l));
  const occurrences = new Map<number, number>();
  for (const s of sets) for (const id of s) occurrences.set(id, (occurrences.get(id) ?? 0) + 1);
  const under = new Map<number, number[]>();
  ids.forEach((l, j) => {
    let rarest = l[0]!;
    for (const id of l) if (occurrences.get(id)! < occurrences.get(rarest)!) rarest = id;
    const js = under.get(rarest);
    if (js) js.push(j);
    else under.set(rarest, [j]);
  });
  const absorbs = (j: number, i: number) => j !== i && ids[j]!.length < ids[i]!.length && ids[j]!.every((id) => sets[i]!.has(id));
  return ds.filter((_, i) => ![...sets[i]!].some((id) => under.get(id)?.some((j) => absorbs(j, i))));
}

/**
 * Drops movable expressions equal to an earlier one (the first occurrence stays in place).
 * An expression object repeated as such stays: it is its own first occurrence.
 */
function dedupeMovable(es: readonly Expr[]): Expr[] {
  const classes = new ExprClasses();
  const first: Expr[] = [];
  const out: Expr[] = [];
  for (const e of es) {
    if (!isMovable(e)) {
      out.push(e);
      continue;
    }
    const id = classes.classOf(e);
    if (id === first.length) first.push(e);
    if (first[id] === e) out.push(e);
  }
  return out;
}

/** NOT pushed inward: comparisons invert, IS NULL / IN / LIKE flip, De Morgan over AND/OR. */
function simplifyNot(a: Expr, orig: Expr): Expr {
  if (isLit(a)) return a.value === null ? nullOf(T.bool) : typeof a.value === 'boolean' ? E.lit(T.bool, !a.value) : orig;
  switch (a.kind) {
    case 'call': {
      if (a.fn === 'not') return a.args[0]!;
      const inv = INVERSE[a.fn];
      if (inv) return { ...a, fn: inv };
      if (a.fn === 'and' || a.fn === 'or') {
        const negated = a.args.map((x) => simplifyNot(x, E.call('not', [x], T.bool)));
        return a.fn === 'and' ? simplifyOr(disjoin(negated), negated) : simplifyAnd(conjoin(negated), negated);
      }
      return orig;
    }
    case 'isnull':
    case 'in':
    case 'like':
      return { ...a, negated: !a.negated };
    default:
      return orig;
  }
}

function simplifyCoalesce(x: Call, input: Schema): Expr {
  const args: Expr[] = [];
  for (const a of x.args) {
    if (isNullLit(a)) continue;
    args.push(a);
    if (!nullable(a, input)) break; // later arguments are never reached
  }
  if (args.length === x.args.length) return x;
  if (args.length === 0) return nullOf(x.type);
  if (args.length === 1) {
    const only = args[0]!;
    if (typeEquals(typeOf(only, input).type, x.type)) return only;
    return isLit(only) ? retypeLiteral(only, x.type) ?? x : x;
  }
  // Dropping arguments must not narrow the common result type.
  const t = resolveCall('coalesce', args.map((a) => typeOf(a, input).type)).returns;
  return typeEquals(t, x.type) ? { ...x, args } : x;
}

function simplifyCase(x: Case, input: Schema): Expr {
  const whens: { when: Expr; then: Expr }[] = [];
  const taken = new ExprClasses(); // the conditions in `whens`
  let els: Expr | null = x.else;
  for (const w of x.whens) {
    const when = asPredicate(w.when);
    if (isFalse(when)) continue;
    if (isMovable(when) && taken.find(when) >= 0) continue; // an earlier branch already took these rows
    if (isTrue(when)) {
      els = w.then;
      break;
    }
    whens.push(when === w.when ? w : { when, then: w.then });
    taken.classOf(when);
  }
  const branches = [...whens.map((w) => w.then), els ?? nullOf(x.type)];
  if (whens.length === 0 || (branches.every((b) => exprEquals(b, branches[0]!)) && whens.every((w) => isMovable(w.when)))) {
    return coerce(branches[0]!, x.type, input) ?? x;
  }
  return keep(x, { ...x, whens, else: els });
}

/** `e` as an expression of exactly `type` (CASE branches are implicitly widened). */
function coerce(e: Expr, type: Case['type'], input: Schema): Expr | undefined {
  const t = typeOf(e, input).type;
  if (typeEquals(t, type)) return e;
  if (isLit(e)) return retypeLiteral(e, type) ?? E.cast(e, type);
  return t.kind === 'null' || (['int32', 'int64', 'decimal', 'float64'].includes(t.kind) && ['int64', 'decimal', 'float64'].includes(type.kind)) ? E.cast(e, type) : undefined;
}

function simplifyIn(x: InList, input: Schema): Expr {
  if (isNullLit(x.expr)) return nullOf(T.bool);
  const list = x.list.every(isMovable) ? dedupe(x.list) : [...x.list];
  if (isLit(x.expr) && list.every(isLit)) {
    const eq = list.map((l) => (l.value === null ? null : foldCall('equal', [x.expr as Literal, l], T.bool)));
    if (eq.every((r) => r === null || r !== undefined)) {
      if (eq.some((r) => r?.value === true)) return E.lit(T.bool, !x.negated);
      if (eq.some((r) => r === null)) return nullOf(T.bool);
      return E.lit(T.bool, x.negated);
    }
  }
  if (list.length === 1) {
    const fn = x.negated ? 'not_equal' : 'equal';
    try {
      resolveCall(fn, [typeOf(x.expr, input).type, typeOf(list[0]!, input).type]);
      return E.call(fn, [x.expr, list[0]!], T.bool);
    } catch {
      return x;
    }
  }
  return list.length === x.list.length ? x : { ...x, list };
}

/**
 * Rules valid only where the value is consumed as a predicate: NULL and false both reject the
 * row, so NULL becomes false, a NULL disjunct disappears, and `x NOT IN (…, NULL, …)` (never
 * true) is false.
 */
function asPredicate(e: Expr): Expr {
  if (isNullLit(e)) return FALSE;
  if (e.kind === 'call' && (e.fn === 'and' || e.fn === 'or')) {
    const args = e.args.map(asPredicate);
    const changed = args.some((a, i) => a !== e.args[i]);
    const next = e.fn === 'and' ? simplifyAnd(e, args) : simplifyOr(e, args);
    if (next.kind === 'call' && next.fn === 'and' && contradicts(next.args)) return FALSE;
    return changed || next !== e ? next : e;
  }
  if (e.kind === 'in' && e.negated && e.list.some(isNullLit) && isMovable(e)) return FALSE;
  // x = x is true unless x is NULL (NaN equals itself in PostgreSQL and DuckDB).
  if (e.kind === 'call' && e.fn === 'equal' && isMovable(e) && exprEquals(e.args[0]!, e.args[1]!)) return E.isNull(e.args[0]!, true);
  return e;
}

/**
 * `c IS NULL AND p` where p is NULL or false whenever c is NULL: no row passes (c NULL fails
 * p; c not NULL fails the first conjunct).
 */
function contradicts(cs: readonly Expr[]): boolean {
  return cs.some((a) =>
    a.kind === 'isnull' && !a.negated && a.expr.kind === 'col' &&
    cs.some((b) => b !== a && isNullRejecting(b, (i) => i === (a.expr as { index: number }).index)),
  );
}
