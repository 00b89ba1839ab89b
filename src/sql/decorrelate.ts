// Decorrelation: every `subquery` expression becomes a join, so no `subquery` or `outer` node
// survives and every target (SQLite, Substrait consumers) gets a flat plan.
//
//   filter  x IN (sub) ∧ p            → semi join(input, sub', x = r ∧ corr) then filter p
//   filter  NOT EXISTS (sub)          → anti join(input, sub', corr)
//   filter  x NOT IN (sub)            → anti join on corr ∧ (x = r ∨ x IS NULL ∨ r IS NULL)
//   any     (SELECT agg … WHERE o = i) → left join(input, aggregate grouped by i, o = i)
//   any     EXISTS / IN elsewhere      → left "mark" joins against distinct keys + counts
//
// Correlated predicates are pulled up out of the subquery (`pullUp`) through filters,
// projections, inner joins, DISTINCT, and — for equalities — aggregates (they become group keys);
// other correlated predicates under an aggregate are evaluated against the distinct outer values
// they read, which become the group keys (pullUpThroughDomain).
// COUNT over no rows is 0, not NULL: a marker column tells a missing group from a present one.

import {
  E, T, commonSuperType, exprChildren, lookupFunction, mapExpr, relExprs, schemaOf, transformUp, typeEquals, typeOf,
  type AggCall, type Expr, type Rel, type Schema, type Subquery,
} from '../ir/index.ts';
import type { Span, SqlSource } from './source.ts';

interface Ctx {
  readonly src: SqlSource;
  readonly spans: WeakMap<Subquery, Span>;
}

class Unsupported extends Error {}

const width = (r: Rel) => schemaOf(r).length;
const TRUE = E.lit(T.bool, true);

function and(xs: readonly Expr[]): Expr {
  return xs.length === 0 ? TRUE : xs.length === 1 ? xs[0]! : E.call('and', xs, T.bool);
}

function or(xs: readonly Expr[]): Expr {
  return xs.length === 1 ? xs[0]! : E.call('or', xs, T.bool);
}

function conjuncts(e: Expr): Expr[] {
  return e.kind === 'call' && e.fn === 'and' ? e.args.flatMap(conjuncts) : [e];
}

function some(e: Expr, p: (x: Expr) => boolean): boolean {
  return p(e) || exprChildren(e).some((c) => some(c, p));
}

const hasOuter = (e: Expr) => some(e, (x) => x.kind === 'outer');
const hasSubquery = (e: Expr) => some(e, (x) => x.kind === 'subquery');

function relHasOuter(r: Rel): boolean {
  const kids: Rel[] = r.kind === 'join' ? [r.left, r.right] : r.kind === 'setop' ? [...r.inputs] : 'input' in r ? [r.input] : [];
  return relExprs(r).some(hasOuter) || kids.some(relHasOuter);
}

/** Columns `col(j)` of a pulled-up predicate, in first-seen order. */
function colsOf(es: readonly Expr[]): number[] {
  const out: number[] = [];
  const visit = (e: Expr) => {
    if (e.kind === 'col' && !out.includes(e.index)) out.push(e.index);
    exprChildren(e).forEach(visit);
  };
  es.forEach(visit);
  return out;
}

const remapCols = (e: Expr, f: (i: number) => number): Expr => mapExpr(e, (x) => (x.kind === 'col' ? E.col(f(x.index)) : x));

/** Equality of two expressions of possibly different (unifiable) types, the narrower cast. */
function equal(a: Expr, at: Schema, b: Expr, bt: Schema): Expr {
  const ta = typeOf(a, at).type;
  const tb = typeOf(b, bt).type;
  const t = commonSuperType(ta, tb) ?? ta;
  const cast = (x: Expr, tx: typeof ta) => (typeEquals(tx, t) || (tx.kind === 'decimal' && t.kind === 'decimal') ? x : E.cast(x, t));
  return E.call('equal', [cast(a, ta), cast(b, tb)], T.bool);
}

interface Pulled {
  readonly rel: Rel; // uncorrelated; the original output columns first, then carried columns
  readonly preds: readonly Expr[]; // outer(1, i) → the holder's input; col(j) → `rel`'s columns
}

/**
 * Moves correlated conjuncts out of `rel` (depth-1 outer references only). `keylessOk`: an
 * aggregate without GROUP BY right below projections may take the correlation as group keys —
 * only a scalar subquery's caller can, as it restores the value such an aggregate has where no
 * row matches (it has a row there, and the grouped form has none).
 */
function pullUp(rel: Rel, keylessOk = false, domain?: Rel): Pulled {
  if (!relHasOuter(rel)) return { rel, preds: [] };
  switch (rel.kind) {
    case 'filter': {
      const inner = pullUp(rel.input, false, domain);
      const cs = conjuncts(rel.condition);
      const local = cs.filter((c) => !hasOuter(c));
      return { rel: local.length ? { kind: 'filter', input: inner.rel, condition: and(local) } : inner.rel, preds: [...inner.preds, ...cs.filter(hasOuter)] };
    }
    case 'project': {
      if (rel.exprs.some(hasOuter)) throw new Unsupported('a correlated reference in a subquery select list');
      const inner = pullUp(rel.input, keylessOk, domain);
      const needed = colsOf(inner.preds);
      const n = rel.exprs.length;
      return {
        rel: { kind: 'project', input: inner.rel, exprs: [...rel.exprs, ...needed.map(E.col)], names: [...rel.names, ...needed.map((_, k) => `__corr_${k}`)] },
        preds: inner.preds.map((p) => remapCols(p, (j) => n + needed.indexOf(j))),
      };
    }
    case 'distinct': {
      const inner = pullUp(rel.input, false, domain);
      return { rel: { kind: 'distinct', input: inner.rel }, preds: inner.preds };
    }
    case 'sort': {
      // Order inside a subquery without LIMIT means nothing; it is dropped with the correlation.
      return pullUp(rel.input, false, domain);
    }
    case 'join':
      return pullUpJoin(rel, domain);
    case 'aggregate':
      return pullUpAggregate(rel, keylessOk, domain);
    default:
      throw new Unsupported(`a correlated reference under ${rel.kind === 'setop' ? 'a set operation' : rel.kind === 'limit' ? 'LIMIT' : `a ${rel.kind}`}`);
  }
}

function pullUpJoin(rel: Extract<Rel, { kind: 'join' }>, domain?: Rel): Pulled {
  const l = pullUp(rel.left, false, domain);
  const r = pullUp(rel.right, false, domain);
  const lw0 = width(rel.left);
  const rw0 = width(rel.right);
  const lw = width(l.rel);
  const semiAnti = rel.type === 'semi' || rel.type === 'anti';
  if (r.preds.length && (semiAnti || rel.type === 'left' || rel.type === 'full')) throw new Unsupported(`a correlated reference inside the right side of a ${rel.type} join`);
  if (l.preds.length && (rel.type === 'right' || rel.type === 'full')) throw new Unsupported(`a correlated reference inside the left side of a ${rel.type} join`);
  // Join columns move: the left may have grown, so right columns shift by the growth.
  const toNew = (j: number) => (j < lw0 ? j : j - lw0 + lw);
  const cs = rel.condition ? conjuncts(remapCols(rel.condition, toNew)) : [];
  const corr = cs.filter(hasOuter);
  if (corr.length && rel.type !== 'inner' && rel.type !== 'cross') throw new Unsupported(`a correlated reference in a ${rel.type} join condition`);
  const local = cs.filter((c) => !hasOuter(c));
  const type = rel.type === 'cross' && local.length ? 'inner' : rel.type;
  const joined: Rel = { kind: 'join', type, left: l.rel, right: r.rel, condition: type === 'cross' ? null : and(local) };
  const preds = [...l.preds, ...r.preds.map((p) => remapCols(p, (j) => lw + j)), ...corr];
  if (semiAnti) return { rel: joined, preds };
  // Restore the original column order (left, right) and carry the grown columns after them.
  const rw = width(r.rel);
  const order = [...Array.from({ length: lw0 }, (_, i) => i), ...Array.from({ length: rw0 }, (_, i) => lw + i), ...Array.from({ length: lw - lw0 }, (_, i) => lw0 + i), ...Array.from({ length: rw - rw0 }, (_, i) => lw + rw0 + i)];
  const names = schemaOf(joined).map((f) => f.name);
  const project: Rel = { kind: 'project', input: joined, exprs: order.map(E.col), names: order.map((j, k) => (k < lw0 + rw0 ? names[j]! : `__corr_${k}`)) };
  return { rel: project, preds: preds.map((p) => remapCols(p, (j) => order.indexOf(j))) };
}

/** Splits `outer-only = inner-only` equalities; anything else cannot pass an aggregate. */
function equalityParts(p: Expr): [outerSide: Expr, innerSide: Expr] | undefined {
  if (p.kind !== 'call' || p.fn !== 'equal') return undefined;
  const [a, b] = p.args as [Expr, Expr];
  const onlyOuter = (e: Expr) => hasOuter(e) && !some(e, (x) => x.kind === 'col');
  const onlyInner = (e: Expr) => !hasOuter(e);
  if (onlyOuter(a) && onlyInner(b)) return [a, b];
  if (onlyOuter(b) && onlyInner(a)) return [b, a];
  return undefined;
}

function pullUpAggregate(rel: Extract<Rel, { kind: 'aggregate' }>, keylessOk: boolean, domain?: Rel): Pulled {
  if (rel.groupBy.some(hasOuter) || rel.measures.some((m) => m.args.some(hasOuter) || (m.filter && hasOuter(m.filter)) || (m.orderBy ?? []).some((o) => hasOuter(o.expr)))) {
    throw new Unsupported('a correlated reference inside an aggregate');
  }
  const inner = pullUp(rel.input, false, domain);
  if (rel.groupBy.length === 0 && inner.preds.length > 0 && !keylessOk) {
    throw new Unsupported('a correlated reference below an aggregate without GROUP BY that is filtered (HAVING), joined or nested (it has a row even where nothing matches)');
  }
  const parts = inner.preds.map(equalityParts);
  if (parts.some((p) => p === undefined)) {
    if (!domain) throw new Unsupported('a correlated comparison other than equality through an aggregate');
    return pullUpThroughDomain(rel, inner, domain);
  }
  // The correlated inner expressions become extra group keys: one group per outer value.
  const keys = rel.groupBy.length;
  const extra = (parts as [Expr, Expr][]).map(([, i]) => i);
  const agg: Rel = { kind: 'aggregate', input: inner.rel, groupBy: [...rel.groupBy, ...extra], measures: rel.measures, names: [...rel.names.slice(0, keys), ...extra.map((_, k) => `__corr_${k}`), ...rel.names.slice(keys)] };
  const n = rel.groupBy.length + rel.measures.length;
  const order = [...Array.from({ length: keys }, (_, i) => i), ...rel.measures.map((_, m) => keys + extra.length + m), ...extra.map((_, k) => keys + k)];
  const aggNames = schemaOf(agg).map((f) => f.name);
  const project: Rel = { kind: 'project', input: agg, exprs: order.map(E.col), names: order.map((j) => aggNames[j]!) };
  const preds = (parts as [Expr, Expr][]).map(([o], k) => E.call('equal', [o, E.col(n + k)], T.bool));
  return { rel: project, preds };
}

/**
 * An aggregate whose input is correlated by more than equalities (`x.salary > o.salary`): its
 * input is joined with the distinct values of the outer columns the predicates read (the
 * domain: the holder's input), evaluated there, and grouped by those values too — one group per
 * outer value, as DuckDB's DELIM_JOIN does. The outer row then finds its group by IS NOT
 * DISTINCT FROM (a NULL outer value has a group too, or none where nothing matched).
 */
function pullUpThroughDomain(rel: Extract<Rel, { kind: 'aggregate' }>, inner: Pulled, domain: Rel): Pulled {
  const outerCols: Extract<Expr, { kind: 'outer' }>[] = [];
  for (const p of inner.preds) {
    mapExpr(p, (x) => {
      if (x.kind === 'outer' && !outerCols.some((o) => o.index === x.index)) outerCols.push(x);
      return x;
    });
  }
  const values: Rel = { kind: 'distinct', input: { kind: 'project', input: domain, exprs: outerCols.map((o) => E.col(o.index)), names: outerCols.map((_, k) => `__outer_${k}`) } };
  const wi = width(inner.rel);
  const onDomain = (p: Expr) => mapExpr(p, (x) => (x.kind === 'outer' ? E.col(wi + outerCols.findIndex((o) => o.index === x.index)) : x));
  const joined: Rel = { kind: 'join', type: 'inner', left: inner.rel, right: values, condition: and(inner.preds.map(onDomain)) };
  const keys = rel.groupBy.length;
  const extra = outerCols.map((_, k) => E.col(wi + k));
  const agg: Rel = { kind: 'aggregate', input: joined, groupBy: [...rel.groupBy, ...extra], measures: rel.measures, names: [...rel.names.slice(0, keys), ...extra.map((_, k) => `__corr_${k}`), ...rel.names.slice(keys)] };
  const n = rel.groupBy.length + rel.measures.length;
  const order = [...Array.from({ length: keys }, (_, i) => i), ...rel.measures.map((_, m) => keys + extra.length + m), ...extra.map((_, k) => keys + k)];
  const aggNames = schemaOf(agg).map((f) => f.name);
  const project: Rel = { kind: 'project', input: agg, exprs: order.map(E.col), names: order.map((j) => aggNames[j]!) };
  const preds = outerCols.map((o, k) => E.call('is_not_distinct_from', [o, E.col(n + k)], T.bool));
  return { rel: project, preds };
}

/** The subquery's value over no input rows when it is project* over an ungrouped aggregate. */
function valueOnEmpty(rel: Rel): Expr | undefined {
  const chain: Extract<Rel, { kind: 'project' }>[] = [];
  let r = rel;
  while (r.kind === 'project') {
    chain.push(r);
    r = r.input;
  }
  if (r.kind !== 'aggregate' || r.groupBy.length > 0) return undefined;
  const agg = r;
  const emptyMeasure = (m: AggCall): Expr => (m.fn === 'count' ? E.lit(T.int64, '0') : E.lit(m.type, null));
  let e: Expr = E.col(0);
  for (const p of chain) e = mapExpr(e, (x) => (x.kind === 'col' ? p.exprs[x.index]! : x));
  return foldNulls(mapExpr(e, (x) => (x.kind === 'col' ? emptyMeasure(agg.measures[x.index]!) : x)));
}

/** project* over an aggregate without GROUP BY: exactly one row, whatever its input (and correlation) holds. */
function oneRow(rel: Rel): boolean {
  let r = rel;
  while (r.kind === 'project') r = r.input;
  return r.kind === 'aggregate' && r.groupBy.length === 0;
}

/** NULL-propagating calls with a NULL literal argument are NULL. */
function foldNulls(e: Expr): Expr {
  return mapExpr(e, (x) => {
    if (x.kind === 'call' && lookupFunction(x.fn)?.nulls === 'propagate' && x.args.some((a) => a.kind === 'lit' && a.value === null)) return E.lit(x.type, null);
    if (x.kind === 'cast' && x.expr.kind === 'lit' && x.expr.value === null) return E.lit(x.type, null);
    return x;
  });
}

const isNullLit = (e: Expr) => e.kind === 'lit' && e.value === null;

/** Join-level form of a pulled predicate: outer(1, i) → col(i), col(j) → col(left + j). */
function toJoin(p: Expr, left: number): Expr {
  return mapExpr(p, (x) => (x.kind === 'outer' ? E.col(x.index) : x.kind === 'col' ? E.col(left + x.index) : x));
}

/** State of a node being rewritten: its input grows by the joins that replace subqueries. */
class Rewriter {
  input: Rel;
  constructor(
    readonly ctx: Ctx,
    input: Rel,
  ) {
    this.input = input;
  }

  private pulled(sq: Subquery, decorrelated?: Rel, keylessOk = false): Pulled {
    const rel = decorrelated ?? decorrelateRel(sq.rel, this.ctx);
    try {
      return pullUp(rel, keylessOk, this.input);
    } catch (e) {
      if (e instanceof Unsupported) throw this.ctx.src.error('UNSUPPORTED_CONSTRUCT', `this subquery cannot be decorrelated: ${e.message} is not supported`, this.ctx.spans.get(sq), { construct: 'correlated subquery' });
      throw e;
    }
  }

  /** `[NOT] EXISTS` / `[NOT] IN` as a whole conjunct of a filter: a semi or anti join. */
  semiOrAnti(sq: Subquery, anti: boolean): void {
    const { rel, preds } = this.pulled(sq);
    const left = this.input;
    const lw = width(left);
    const conds = preds.map((p) => toJoin(p, lw));
    if (sq.mode === 'in') {
      const ls = schemaOf(left);
      const rs = schemaOf(rel);
      const joined = [...ls, ...rs];
      const r = E.col(lw);
      const eq = equal(sq.expr!, ls, r, joined);
      const nullable = typeOf(sq.expr!, ls).nullable || rs[0]!.nullable;
      // NOT IN is false when the probe or any subquery value is NULL (and the subquery has rows).
      conds.push(anti && nullable ? or([eq, E.isNull(sq.expr!), E.isNull(r)]) : eq);
    }
    this.input = { kind: 'join', type: anti ? 'anti' : 'semi', left, right: rel, condition: and(conds) };
  }

  /** Replaces every subquery inside `e` (evaluated over the original input) by joined columns. */
  replace(e: Expr): Expr {
    return mapExpr(e, (x) => (x.kind === 'subquery' ? this.replaceOne(x) : x));
  }

  private replaceOne(sq: Subquery): Expr {
    switch (sq.mode) {
      case 'scalar':
        return this.scalar(sq);
      case 'exists':
        // EXISTS over an ungrouped aggregate is true: it yields one row even from no input rows.
        return oneRow(sq.rel) ? E.lit(T.bool, !sq.negated) : this.mark(sq);
      case 'in':
        return oneRow(sq.rel) ? this.inOneRow(sq) : this.markIn(sq);
    }
  }

  /** `x IN (one row v)` is `x = v` (NULL when either is); NOT IN is its negation. */
  private inOneRow(sq: Subquery): Expr {
    const scalar: Subquery = { kind: 'subquery', mode: 'scalar', rel: sq.rel, expr: null, negated: false };
    const span = this.ctx.spans.get(sq);
    if (span) this.ctx.spans.set(scalar, span);
    const value = this.scalar(scalar);
    const s = schemaOf(this.input);
    const eq = equal(sq.expr!, s, value, s);
    return sq.negated ? E.call('not', [eq], T.bool) : eq;
  }

  private scalar(sq: Subquery): Expr {
    const decorrelated = decorrelateRel(sq.rel, this.ctx);
    const onEmpty = valueOnEmpty(decorrelated);
    const { rel, preds } = this.pulled(sq, decorrelated, onEmpty !== undefined);
    const lw = width(this.input);
    const empty = preds.length ? onEmpty : undefined;
    let right = rel;
    let marker: number | null = null;
    if (empty && !isNullLit(empty)) {
      marker = width(rel);
      const s = schemaOf(rel);
      right = { kind: 'project', input: rel, exprs: [...s.map((_, i) => E.col(i)), TRUE], names: [...s.map((f) => f.name), '__matched'] };
    }
    this.input = { kind: 'join', type: 'left', left: this.input, right, condition: and(preds.map((p) => toJoin(p, lw))) };
    const value = E.col(lw);
    if (marker === null) return value;
    const type = schemaOf(rel)[0]!.type;
    return { kind: 'case', whens: [{ when: E.isNull(E.col(lw + marker)), then: empty! }], else: value, type };
  }

  /** The equality keys of a correlated subquery: [outer side over the input, inner side over `rel`]. */
  private keys(sq: Subquery, preds: readonly Expr[]): [Expr, Expr][] {
    return preds.map((p) => {
      const parts = equalityParts(p);
      if (!parts) throw this.ctx.src.error('UNSUPPORTED_CONSTRUCT', 'EXISTS / IN outside a WHERE conjunct needs equality correlation', this.ctx.spans.get(sq), { construct: 'correlated subquery' });
      return [toJoin(parts[0], 0), parts[1]];
    });
  }

  /** EXISTS anywhere: left join against the distinct correlation keys, then `marker IS NOT NULL`. */
  private mark(sq: Subquery): Expr {
    const { rel, preds } = this.pulled(sq);
    const keys = this.keys(sq, preds);
    const lw = width(this.input);
    const ls = schemaOf(this.input);
    const distinctKeys: Rel = { kind: 'aggregate', input: rel, groupBy: keys.map(([, i]) => i), measures: [{ fn: 'count', args: [], distinct: false, type: T.int64 }], names: [...keys.map((_, k) => `__key_${k}`), '__n'] };
    const ks = schemaOf(distinctKeys);
    const cond = and(keys.map(([o], k) => equal(o, ls, E.col(lw + k), [...ls, ...ks])));
    this.input = { kind: 'join', type: 'left', left: this.input, right: distinctKeys, condition: cond };
    const n = E.col(lw + keys.length);
    // Uncorrelated: one row with the count; correlated: a row per key present.
    const exists = keys.length ? E.isNull(n, true) : E.call('gt', [n, E.lit(T.int64, '0')], T.bool);
    return sq.negated ? E.call('not', [exists], T.bool) : exists;
  }

  /**
   * `x IN (sub)` anywhere, with SQL's three-valued result: TRUE on a match; else NULL when x is
   * NULL or the subquery holds a NULL (and has rows); else FALSE.
   */
  private markIn(sq: Subquery): Expr {
    const { rel, preds } = this.pulled(sq);
    const keys = this.keys(sq, preds);
    const ls = schemaOf(this.input);
    const x = sq.expr!;
    // Per key: the distinct values, and the counts of all and of non-NULL values.
    const values: Rel = { kind: 'aggregate', input: rel, groupBy: [...keys.map(([, i]) => i), E.col(0)], measures: [], names: [...keys.map((_, k) => `__key_${k}`), '__value'] };
    const counts: Rel = {
      kind: 'aggregate', input: rel, groupBy: keys.map(([, i]) => i),
      measures: [{ fn: 'count', args: [], distinct: false, type: T.int64 }, { fn: 'count', args: [E.col(0)], distinct: false, type: T.int64 }],
      names: [...keys.map((_, k) => `__key_${k}`), '__all', '__nonnull'],
    };
    const lw = width(this.input);
    const vs = schemaOf(values);
    const keyConds = (base: number, rs: Schema) => keys.map(([o], k) => equal(o, ls, E.col(base + k), [...ls, ...rs]));
    const matchCond = and([...keyConds(lw, vs), equal(x, ls, E.col(lw + keys.length), [...ls, ...vs])]);
    this.input = { kind: 'join', type: 'left', left: this.input, right: values, condition: matchCond };
    const cw = width(this.input);
    const cs = schemaOf(counts);
    this.input = { kind: 'join', type: 'left', left: this.input, right: counts, condition: and(keyConds(cw, cs)) };
    const matched = E.isNull(E.col(lw + keys.length), true);
    const all = E.col(cw + keys.length);
    const nonNull = E.col(cw + keys.length + 1);
    const noRows = E.call('or', [E.isNull(all), E.call('equal', [all, E.lit(T.int64, '0')], T.bool)], T.bool);
    const unknown = E.call('or', [E.isNull(x), E.call('gt', [all, nonNull], T.bool)], T.bool);
    const value: Expr = { kind: 'case', whens: [{ when: matched, then: TRUE }, { when: noRows, then: E.lit(T.bool, false) }, { when: unknown, then: E.lit(T.bool, null) }], else: E.lit(T.bool, false), type: T.bool };
    return sq.negated ? E.call('not', [value], T.bool) : value;
  }
}

/** A filter conjunct that is `[NOT] EXISTS (…)` or `x [NOT] IN (…)`: the subquery and whether it is negated. */
function topSubquery(c: Expr): { sq: Subquery; anti: boolean } | undefined {
  let negate = false;
  let e = c;
  if (e.kind === 'call' && e.fn === 'not' && e.args[0]!.kind === 'subquery') {
    negate = true;
    e = e.args[0]!;
  }
  if (e.kind !== 'subquery' || e.mode === 'scalar' || (e.expr && hasSubquery(e.expr))) return undefined;
  return { sq: e, anti: negate !== e.negated };
}

function restore(rel: Rel, original: number): Rel {
  const s = schemaOf(rel);
  if (s.length === original) return rel;
  return { kind: 'project', input: rel, exprs: s.slice(0, original).map((_, i) => E.col(i)), names: s.slice(0, original).map((f) => f.name) };
}

function rewriteNode(rel: Rel, ctx: Ctx): Rel {
  if (!relExprs(rel).some(hasSubquery)) return rel;
  switch (rel.kind) {
    case 'filter': {
      const w = new Rewriter(ctx, rel.input);
      const rest: Expr[] = [];
      for (const c of conjuncts(rel.condition)) {
        const top = topSubquery(c);
        // Over an ungrouped aggregate (one row) the predicate is a comparison, not a join (replace).
        if (top && !oneRow(top.sq.rel)) w.semiOrAnti(top.sq, top.anti);
        else rest.push(c);
      }
      const replaced = rest.map((c) => w.replace(c));
      const filtered: Rel = replaced.length ? { kind: 'filter', input: w.input, condition: and(replaced) } : w.input;
      return restore(filtered, width(rel.input));
    }
    case 'project': {
      const w = new Rewriter(ctx, rel.input);
      const exprs = rel.exprs.map((e) => w.replace(e));
      return { kind: 'project', input: w.input, exprs, names: rel.names };
    }
    default: {
      const sq = relExprs(rel).flatMap(function find(e: Expr): Subquery[] {
        return e.kind === 'subquery' ? [e] : exprChildren(e).flatMap(find);
      })[0]!;
      throw ctx.src.error('UNSUPPORTED_CONSTRUCT', `a subquery inside ${rel.kind === 'join' ? 'a JOIN condition' : rel.kind === 'aggregate' ? 'an aggregate argument' : `a ${rel.kind}`} is not supported`, ctx.spans.get(sq), { construct: 'subquery' });
    }
  }
}

function decorrelateRel(rel: Rel, ctx: Ctx): Rel {
  return transformUp(rel, (r) => rewriteNode(r, ctx));
}

/** Removes every subquery expression from `rel` (throws UNSUPPORTED_CONSTRUCT, located, when it cannot). */
export function decorrelate(rel: Rel, src: SqlSource, spans: WeakMap<Subquery, Span>): Rel {
  return decorrelateRel(rel, { src, spans });
}

