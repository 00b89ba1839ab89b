// Joins: left-deep FROM chains (`a JOIN b ON … JOIN c ON …`), semi/anti joins as SEMI/ANTI JOIN
// where the dialect has them (DuckDB) else as [NOT] EXISTS (or an uncorrelated IN: caps.semiJoinIn),
// an inner join's non-equality residual as a filter above it where the engine probes it slowly,
// FULL JOIN as LEFT JOIN UNION ALL padded anti join where the dialect cannot run it.
// Columns stay qualified by their FROM item's alias, so equal names on both sides never clash.

import { E, PRECEDENCE, T, exprChildren, inputSchemaOf, mapExpr, schemaOf, typeOf, type Call, type Expr, type Join, type JoinType, type Rel, type SetOp } from '../../ir/index.ts';
import type { FromItem, Select, SqlExpr } from './ast.ts';
import type { SqlDialect } from './dialect.ts';
import { conjunction, isPlain, wrap, type CompoundFrame, type Frame } from './frame.ts';
import { lowerExpr } from './lower-expr.ts';
import { lowerFrame, type Lowering } from './lower-rel.ts';
import { lowerSetOp } from './lower-setop.ts';

/** Join types after which a WHERE on the left input still means the same (left rows are never null-extended). */
const LEFT_SURVIVES: Readonly<Record<JoinType, boolean>> = { inner: true, left: true, cross: true, semi: true, anti: true, right: false, full: false };

export function lowerJoin(rel: Join, L: Lowering): Frame | CompoundFrame {
  if (rel.type === 'full' && !fullJoinRuns(rel, L.d)) return lowerSetOp(fullAsUnion(rel), L);
  let left = lowerFrame(rel.left, L);
  let right = lowerFrame(rel.right, L);
  const semi = rel.type === 'semi' || rel.type === 'anti';
  if (semi && !L.d.caps.semiJoin) return semiJoin(rel, left, right, L);
  const swap = rel.type === 'right' && !L.d.caps.rightJoin;
  // A computed left column must not be re-evaluated over null-extended rows (coalesce(x, 0) would
  // turn them into 0), and a swapped left side must be one FROM item.
  const leftOk = isPlain(left) && (LEFT_SURVIVES[rel.type] || (left.where.length === 0 && left.columns.every((c) => c.kind === 'column')));
  if (!leftOk || (swap && left.from.kind === 'join')) left = wrap(left, L.scope);
  // The right side joins as one FROM item read by plain columns.
  const bare = isPlain(right) && right.where.length === 0 && right.from.kind !== 'join' && right.columns.every((c) => c.kind === 'column');
  if (!bare) right = wrap(right, L.scope);
  const ctx = { cols: [...left.columns, ...right.columns], schema: inputSchemaOf(rel), d: L.d };
  const split = rel.type === 'inner' && L.d.caps.joinResidualFilter && rel.condition ? residualOf(rel, rel.condition) : null;
  const condition = split ? split.keys : rel.condition && !L.d.caps.outerJoinSideFilter ? guardKeys(rel, rel.condition) : rel.condition;
  const on = condition ? lowerExpr(condition, ctx) : null;
  const from: FromItem = swap
    ? { kind: 'join', type: 'left', left: right.from, right: left.from, on }
    : { kind: 'join', type: rel.type, left: left.from, right: right.from, on };
  // The left frame's WHERE stays above an inner join; the residual joins it there.
  const residual = (split?.residual ?? []).map((c): SqlExpr => ({ kind: 'template', template: '{0} IS TRUE', precedence: PRECEDENCE.is, args: [lowerExpr(c, ctx)] }));
  return { ...left, from, where: [...left.where, ...residual], columns: semi ? left.columns : [...left.columns, ...right.columns], schema: schemaOf(rel) };
}

/** `WHERE [NOT] EXISTS (SELECT 1 FROM <right> WHERE <right filters> AND <condition>)`: PostgreSQL's semi/anti semantics (a NULL condition is no match). */
function semiJoin(rel: Join, left: Frame, right: Frame, L: Lowering): Frame {
  if (!isPlain(left)) left = wrap(left, L.scope);
  if (!isPlain(right)) right = wrap(right, L.scope);
  const ctx = { cols: [...left.columns, ...right.columns], schema: inputSchemaOf(rel), d: L.d };
  const keys = rel.type === 'semi' && L.d.caps.semiJoinIn && right.from.kind !== 'table' ? inKeys(rel) : null;
  if (keys) {
    const query: Select = {
      kind: 'select', distinct: false, items: keys.map((k, i) => ({ expr: lowerExpr(k.right, ctx), alias: `k${i + 1}` })),
      from: right.from, where: conjunction(right.where), groupBy: null, having: null, qualify: null, orderBy: [], limit: null, offset: 0,
    };
    return { ...left, where: [...left.where, { kind: 'in_query', exprs: keys.map((k) => lowerExpr(k.left, ctx)), query }], schema: schemaOf(rel) };
  }
  const cond = lowerExpr(rel.condition!, ctx);
  const query: Select = {
    kind: 'select', distinct: false, items: [{ expr: { kind: 'lit', type: { kind: 'int32' }, value: 1 }, alias: 'one' }],
    from: right.from, where: conjunction([...right.where, cond]), groupBy: null, having: null, qualify: null, orderBy: [], limit: null, offset: 0,
  };
  return { ...left, where: [...left.where, { kind: 'exists', query, negated: rel.type === 'anti' }], schema: schemaOf(rel) };
}

/**
 * An inner join's condition split into its equalities between the sides (kept in ON) and its
 * other comparisons of a left with a right expression (`l < r`, `l <> r`: the residual, filtered
 * above the join); null when either part is empty (a pure theta join keeps its condition:
 * engines have range joins for it). Anything else stays in ON: from an OR of per-side terms
 * (TPC-H q07's nation pairs) DuckDB derives filters for each side's scan, which it does not
 * from a filter above the join (q07 ×3 slower so).
 */
function residualOf(rel: Join, cond: Expr): { keys: Expr; residual: Expr[] } | null {
  const leftWidth = schemaOf(rel.left).length;
  const parts = conjuncts(cond);
  const moved = parts.filter((c) => c.kind === 'call' && RANGE_COMPARISONS.has(c.fn) && comparesSides(c, leftWidth));
  const kept = parts.filter((c) => !moved.includes(c));
  if (moved.length === 0 || !kept.some((c) => isEquiJoin(c, leftWidth))) return null;
  return { keys: kept.length === 1 ? kept[0]! : E.call('and', kept, T.bool), residual: moved };
}

const RANGE_COMPARISONS: ReadonlySet<string> = new Set(['lt', 'lte', 'gt', 'gte', 'not_equal']);

/** Key types an IN compares as `=` does on SQLite (no decimal text, interval JSON or float rounding). */
const IN_KEY_KINDS: ReadonlySet<string> = new Set(['int32', 'int64', 'utf8', 'date']);

/**
 * The key pairs of a semi join whose condition is only `left expression = right expression`
 * conjuncts over integer, text or date keys (integers of both widths compare alike), else null.
 * In a WHERE, `(l1, l2) IN (SELECT r1, r2 …)` then keeps exactly the rows EXISTS keeps: a NULL
 * key makes both no match.
 */
function inKeys(rel: Join): { left: Expr; right: Expr }[] | null {
  const leftWidth = schemaOf(rel.left).length;
  const schema = inputSchemaOf(rel);
  const integer = (k: string) => k === 'int32' || k === 'int64';
  const keys: { left: Expr; right: Expr }[] = [];
  for (const c of conjuncts(rel.condition!)) {
    if (c.kind !== 'call' || c.fn !== 'equal') return null;
    const [a, b] = c.args as [Expr, Expr];
    const sides = [sideOf(a, leftWidth), sideOf(b, leftWidth)];
    const pair = sides[0] === 'l' && sides[1] === 'r' ? { left: a, right: b } : sides[0] === 'r' && sides[1] === 'l' ? { left: b, right: a } : null;
    if (!pair) return null;
    const [l, r] = [typeOf(pair.left, schema).type.kind, typeOf(pair.right, schema).type.kind];
    if (!IN_KEY_KINDS.has(l) || !(l === r || (integer(l) && integer(r)))) return null;
    keys.push(pair);
  }
  return keys;
}

function columnsOf(e: Expr): number[] {
  return e.kind === 'col' ? [e.index] : exprChildren(e).flatMap(columnsOf);
}

const conjuncts = (e: Expr): Expr[] => (e.kind === 'call' && e.fn === 'and' ? e.args.flatMap(conjuncts) : [e]);

/** Which input of a join an expression reads: only the left, only the right, neither or both (null). */
function sideOf(e: Expr, leftWidth: number): 'l' | 'r' | null {
  const cols = columnsOf(e);
  if (cols.length === 0) return null;
  if (cols.every((i) => i < leftWidth)) return 'l';
  return cols.every((i) => i >= leftWidth) ? 'r' : null;
}

/** A binary call with one argument over the left side only and the other over the right side only. */
function comparesSides(c: Call, leftWidth: number): boolean {
  if (c.args.length !== 2) return false;
  const [a, b] = c.args.map((x) => sideOf(x, leftWidth));
  return (a === 'l' && b === 'r') || (a === 'r' && b === 'l');
}

/** Every conjunct is `left-side expression = right-side expression`. */
function isEquiJoin(cond: Expr, leftWidth: number): boolean {
  return conjuncts(cond).every((c) => c.kind === 'call' && c.fn === 'equal' && comparesSides(c, leftWidth));
}

/**
 * A LEFT (RIGHT) join's conjuncts over the left (right) side alone, folded into the first
 * equality between the sides: `p AND l = r AND c` becomes `CASE WHEN p THEN l END = r AND c`.
 * Both match a row pair exactly when p is true and l = r (a false or NULL p makes the key NULL,
 * which equals nothing), so the preserved side's unmatched rows are the same. Unchanged when
 * there is no such conjunct or no equality to carry it.
 */
function guardKeys(rel: Join, cond: Expr): Expr {
  if (rel.type !== 'left' && rel.type !== 'right') return cond;
  const leftWidth = schemaOf(rel.left).length;
  const kept = rel.type === 'left' ? 'l' : 'r';
  const parts = conjuncts(cond);
  const guards = parts.filter((c) => sideOf(c, leftWidth) === kept);
  const keyAt = parts.findIndex((c) => c.kind === 'call' && c.fn === 'equal' && comparesSides(c, leftWidth));
  if (guards.length === 0 || keyAt < 0) return cond;
  const key = parts[keyAt] as Call;
  const k = sideOf(key.args[0]!, leftWidth) === kept ? 0 : 1;
  const keyed = key.args[k]!;
  const when = guards.length === 1 ? guards[0]! : E.call('and', guards, T.bool);
  const guarded: Expr = { kind: 'case', whens: [{ when, then: keyed }], else: null, type: typeOf(keyed, inputSchemaOf(rel)).type };
  const args = key.args.map((a, i) => (i === k ? guarded : a));
  const rest = parts.flatMap((c, i) => (i === keyAt ? [E.call('equal', args, key.type)] : guards.includes(c) ? [] : [c]));
  return rest.length === 1 ? rest[0]! : E.call('and', rest, T.bool);
}

function fullJoinRuns(rel: Join, d: SqlDialect): boolean {
  if (d.caps.fullJoin === 'any') return true;
  return d.caps.fullJoin === 'equi' && isEquiJoin(rel.condition!, schemaOf(rel.left).length);
}

/**
 * a FULL JOIN b ON c  ≡  (a LEFT JOIN b ON c) UNION ALL (NULLs for a, then the b rows with no
 * match: b ANTI JOIN a ON c, with c's columns renumbered for the swapped sides).
 */
function fullAsUnion(rel: Join): SetOp {
  const left = schemaOf(rel.left);
  const right = schemaOf(rel.right);
  const swapped = mapExpr(rel.condition!, (e) => (e.kind === 'col' ? E.col(e.index < left.length ? e.index + right.length : e.index - left.length) : e));
  const unmatched: Rel = { kind: 'join', type: 'anti', left: rel.right, right: rel.left, condition: swapped };
  const padded: Rel = {
    kind: 'project', input: unmatched,
    exprs: [...left.map((f) => E.lit(f.type, null)), ...right.map((_, j) => E.col(j))],
    names: schemaOf(rel).map((f) => f.name),
  };
  return { kind: 'setop', op: 'union', all: true, inputs: [{ ...rel, type: 'left' }, padded] };
}
