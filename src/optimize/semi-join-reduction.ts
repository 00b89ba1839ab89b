// semi_join_reduction: a join with a grouped aggregate on a side it reads only to find matches,
// joined on one of the aggregate's group keys, computes only the groups whose key the other
// side can hold. The aggregate's input keeps the rows whose key value occurs in a filtered
// relation that bounds the other side's key column (a magic set, as DuckDB's DELIM_JOIN builds
// from a correlated subquery), so a decorrelated `x < (select avg(y) from t where t.k = o.k)`
// no longer aggregates all of t.
//
//   before: join inner (equal p_partkey#0 k#1)
//             filter (equal brand#1 'B23')
//               scan part
//             aggregate group [k := partkey#0] measures [avg := (avg qty#1)]
//               scan lineitem
//   after:  join inner (equal p_partkey#0 k#1)
//             filter (equal brand#1 'B23')
//               scan part
//             aggregate group [k := partkey#0] measures [avg := (avg qty#1)]
//               join semi (equal partkey#0 p_partkey#2)
//                 scan lineitem
//                 project [p_partkey := p_partkey#0]
//                   filter (equal brand#1 'B23')
//                     scan part
//
// Why it is exact: the input loses whole groups only (the restriction is on a group key), and
// only groups whose key is outside a superset of the other side's non-NULL key values — groups
// no row of the other side can match under `=`. The side with the aggregate is one the join
// reads only for matches (inner: either; left: the right; right: the left; semi, anti: the
// right), so groups without a match leave no trace in the join's output.
//
// The bounding relation is found by following the other side's key column down: through
// projects that pass it on, filters, sorts, limits, distincts and winners (each a subset), group
// keys of aggregates, either input of a join (a column's values come from its input), and across
// an inner or semi join's equality to the column it equals. The first relation met on that way
// that is a cheap selective chain — projects and filters with at least one filter, over a scan,
// a view or inline rows, every expression movable — is the one duplicated under the aggregate;
// nothing with a join is duplicated, and without a filter there is nothing to gain.

import { schemaOf, transformUp, T, type Aggregate, type Expr, type Join, type Rel } from '../ir/index.ts';
import { conjuncts, deepEqual, isMovable, isTrue, result } from './exprs.ts';
import type { RelPass } from './pass.ts';

export const semiJoinReduction: RelPass = {
  name: 'semi_join_reduction',
  scope: 'rel',
  run(rel) {
    return result(rel, transformUp(rel, (r) => (r.kind === 'join' && r.condition ? reduceJoin(r) : r)));
  },
};

/** The join with the aggregates on its match-only sides reduced (itself when nothing applies). */
function reduceJoin(j: Join): Rel {
  const nl = schemaOf(j.left).length;
  const leftMatchOnly = j.type === 'inner' || j.type === 'right';
  const rightMatchOnly = j.type === 'inner' || j.type === 'left' || j.type === 'semi' || j.type === 'anti';
  // Equalities between a left column and a right column, as (left index, right index).
  const pairs: [number, number][] = [];
  for (const p of conjuncts(j.condition!)) {
    if (p.kind !== 'call' || p.fn !== 'equal') continue;
    const [a, b] = p.args as [Expr, Expr];
    if (a.kind !== 'col' || b.kind !== 'col') continue;
    if (a.index < nl && b.index >= nl) pairs.push([a.index, b.index - nl]);
    else if (b.index < nl && a.index >= nl) pairs.push([b.index, a.index - nl]);
  }
  if (pairs.length === 0) return j;
  const left = leftMatchOnly ? reduceSide(j.left, j.right, pairs.map(([l, r]) => [l, r])) : j.left;
  const right = rightMatchOnly ? reduceSide(j.right, j.left, pairs.map(([l, r]) => [r, l])) : j.right;
  return left === j.left && right === j.right ? j : { ...j, left, right };
}

/**
 * `side` with the grouped aggregate under its projects and filters reduced by the first of
 * `pairs` (side column, other column) whose side column is a group key and whose other column
 * has a selective bounding relation in `other`.
 */
function reduceSide(side: Rel, other: Rel, pairs: readonly (readonly [number, number])[]): Rel {
  for (const [col, otherCol] of pairs) {
    const reduced = reduceAt(side, col, (agg, key) => {
      const bound = boundingChain(other, otherCol);
      if (!bound || alreadyReduced(agg.input, key)) return undefined;
      // The semi join compares the two columns as the join did: only when they have one type.
      if (!deepEqual(schemaOf(agg.input)[key]!.type, schemaOf(bound.rel)[bound.col]!.type)) return undefined;
      const n = schemaOf(agg.input).length;
      const keys: Rel = { kind: 'project', input: bound.rel, exprs: [{ kind: 'col', index: bound.col }], names: [schemaOf(bound.rel)[bound.col]!.name] };
      const condition: Expr = { kind: 'call', fn: 'equal', args: [{ kind: 'col', index: key }, { kind: 'col', index: n }], type: T.bool };
      const input: Rel = { kind: 'join', type: 'semi', left: agg.input, right: keys, condition };
      return { ...agg, input };
    });
    if (reduced) return reduced;
  }
  return side;
}

/**
 * Follows output column `col` of `rel` down through projects (a passed-on column) and filters
 * to a grouped aggregate whose group key it is, a column of the aggregate's input; `f` rewrites
 * that aggregate. The rebuilt `rel`, or undefined when there is no such aggregate or `f` declines.
 */
function reduceAt(rel: Rel, col: number, f: (agg: Aggregate, key: number) => Aggregate | undefined): Rel | undefined {
  switch (rel.kind) {
    case 'project': {
      const e = rel.exprs[col]!;
      if (e.kind !== 'col') return undefined;
      const input = reduceAt(rel.input, e.index, f);
      return input && { ...rel, input };
    }
    case 'filter': {
      const input = reduceAt(rel.input, col, f);
      return input && { ...rel, input };
    }
    case 'aggregate': {
      const key = col < rel.groupBy.length ? rel.groupBy[col]! : undefined;
      return key?.kind === 'col' ? f(rel, key.index) : undefined;
    }
    default:
      return undefined;
  }
}

/** The aggregate's input already has a semi join on `key` (this pass's own, on an earlier round). */
function alreadyReduced(rel: Rel, key: number): boolean {
  for (;;) {
    if (rel.kind === 'filter') rel = rel.input;
    else if (rel.kind === 'project') {
      const e = rel.exprs[key];
      if (e?.kind !== 'col') return false;
      key = e.index;
      rel = rel.input;
    } else if (rel.kind === 'join' && rel.type === 'semi') {
      const c = rel.condition;
      const n = schemaOf(rel.left).length;
      if (c?.kind === 'call' && c.fn === 'equal' && c.args.some((a) => a.kind === 'col' && a.index === key) && c.args.some((a) => a.kind === 'col' && a.index >= n)) return true;
      rel = rel.left;
    } else return false;
  }
}

interface Bound {
  readonly rel: Rel;
  readonly col: number;
}

/** The first cheap selective chain bounding column `col` of `rel` (see the file comment). */
function boundingChain(rel: Rel, col: number, depth = 0): Bound | undefined {
  if (depth > 64) return undefined; // a bounded search: deep plans get no reduction
  if (isSelectiveChain(rel)) return { rel, col };
  const down = (r: Rel, c: number) => boundingChain(r, c, depth + 1);
  switch (rel.kind) {
    case 'project': {
      const e = rel.exprs[col]!;
      return e.kind === 'col' ? down(rel.input, e.index) : undefined;
    }
    case 'filter':
    case 'sort':
    case 'limit':
    case 'distinct':
    case 'winner':
      return down(rel.input, col);
    case 'window':
      return col < schemaOf(rel.input).length ? down(rel.input, col) : undefined;
    case 'aggregate': {
      const key = col < rel.groupBy.length ? rel.groupBy[col]! : undefined;
      return key?.kind === 'col' ? down(rel.input, key.index) : undefined;
    }
    case 'join': {
      const nl = schemaOf(rel.left).length;
      const direct = col < nl ? down(rel.left, col) : down(rel.right, col - nl);
      if (direct || (rel.type !== 'inner' && rel.type !== 'semi') || !rel.condition) return direct;
      // Every row of an inner or semi join satisfies its condition: a column equal to this one
      // bounds it too.
      for (const p of conjuncts(rel.condition)) {
        if (p.kind !== 'call' || p.fn !== 'equal') continue;
        const [a, b] = p.args as [Expr, Expr];
        if (a.kind !== 'col' || b.kind !== 'col') continue;
        const peer = a.index === col ? b.index : b.index === col ? a.index : undefined;
        if (peer === undefined || peer === col) continue;
        const found = peer < nl ? down(rel.left, peer) : down(rel.right, peer - nl);
        if (found) return found;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Projects and filters over inline rows, or over a scan or view with at least one filter that is not `true`; all movable. */
function isSelectiveChain(rel: Rel): boolean {
  let filtered = false;
  for (;;) {
    if (rel.kind === 'filter') {
      if (!isMovable(rel.condition)) return false;
      filtered ||= !isTrue(rel.condition);
      rel = rel.input;
    } else if (rel.kind === 'project') {
      if (!rel.exprs.every(isMovable)) return false;
      rel = rel.input;
    } else return rel.kind === 'values' || (filtered && (rel.kind === 'scan' || rel.kind === 'ref'));
  }
}
