// push_down_filter: moves each conjunct of a filter (and of a join condition) as close to the
// scans as SQL semantics allow, so fewer rows reach joins, aggregates and sorts.
//
//   before: filter (and (gt score#3 0.5) (equal name#5 'x'))
//             join inner (equal team_id#2 id#4)
//               scan people / scan teams
//   after:  join inner (equal team_id#2 id#4)
//             filter (gt score#3 0.5) / scan people
//             filter (equal name#1 'x') / scan teams
//
// Where a conjunct may go:
// - project: through it, with the projected expressions substituted (when those are movable).
// - inner / cross join: to the side whose columns it reads; a conjunct reading both sides of an
//   inner join joins its condition. Outer joins: only to the preserved side (a conjunct on the
//   padded side stays above: it sees the NULLs padding makes — outer_to_inner may help).
//   semi / anti joins output their left rows: every conjunct goes left.
// - join conditions: inner — one-sided conjuncts to that side; left — right-only conjuncts into
//   the right input (they decide matches, not which left rows survive); right — mirrored; semi —
//   both; anti — right only (a failed left-only conjunct keeps the left row!); full — none.
// - aggregate: only conjuncts on group keys, and only with group keys (an aggregate without keys
//   returns one row even on empty input, so a filter below it would change that row).
// - window / winner: only conjuncts on columns every function partitions by.
// - union / intersect / except (ALL or DISTINCT): into every input (equal rows agree on the
//   predicate), when every input has the output's exact types.
// - sort, distinct: through. limit: never (it would change which rows are kept).
// - recursive (without max_iterations): into the base, conjuncts on columns every iteration
//   passes through unchanged (src/ir/recursion.ts invariantColumns: each row keeps its base
//   row's values there); nothing else (a row the filter rejects may derive one it accepts).
//   Inside the step the working table is a leaf like a scan.
// Non-movable conjuncts (non-deterministic calls, subqueries) stay where they are.

import { E, invariantColumns, schemaOf, T, typeEquals, type Expr, type Join, type Rel } from '../ir/index.ts';
import { conjoin, conjuncts, everyCol, isMovable, isTrue, readsNoColumn, result, shiftCols, substituteCols } from './exprs.ts';
import type { RelPass } from './pass.ts';

export const pushDownFilter: RelPass = {
  name: 'push_down_filter',
  scope: 'rel',
  run(rel) {
    return result(rel, push(rel, []));
  },
};

/** `filter(preds, rel)` with the predicates pushed as deep as they may go. */
function push(rel: Rel, preds: readonly Expr[]): Rel {
  switch (rel.kind) {
    case 'filter':
      return push(rel.input, [...conjuncts(rel.condition), ...preds]);
    case 'project': {
      const [down, stay] = split(preds, (p) => everyCol(p, (i) => isMovable(rel.exprs[i]!)));
      const input = push(rel.input, down.map((p) => substituteCols(p, rel.exprs)));
      return above(stay, input === rel.input ? rel : { ...rel, input });
    }
    case 'join':
      return pushJoin(rel, preds);
    case 'aggregate': {
      const keys = rel.groupBy.length;
      const [down, stay] = split(preds, (p) => keys > 0 && everyCol(p, (i) => i < keys && isMovable(rel.groupBy[i]!)));
      const input = push(rel.input, down.map((p) => substituteCols(p, rel.groupBy)));
      return above(stay, input === rel.input ? rel : { ...rel, input });
    }
    case 'window': {
      const width = schemaOf(rel.input).length;
      const shared = intersectAll(rel.functions.map((w) => partitionCols(w.partitionBy)));
      const [down, stay] = split(preds, (p) => everyCol(p, (i) => i < width && shared.has(i)));
      const input = push(rel.input, down);
      return above(stay, input === rel.input ? rel : { ...rel, input });
    }
    case 'winner': {
      const keys = partitionCols(rel.partitionBy);
      const [down, stay] = split(preds, (p) => everyCol(p, (i) => keys.has(i)));
      const input = push(rel.input, down);
      return above(stay, input === rel.input ? rel : { ...rel, input });
    }
    case 'setop': {
      const out = schemaOf(rel);
      const aligned = rel.inputs.every((i) => schemaOf(i).every((f, k) => typeEquals(f.type, out[k]!.type)));
      const [down, stay] = split(preds, () => aligned);
      const inputs = rel.inputs.map((i) => push(i, down));
      const next = inputs.every((x, k) => x === rel.inputs[k]) ? rel : { ...rel, inputs };
      return above(stay, next);
    }
    case 'sort':
    case 'distinct': {
      const [down, stay] = split(preds, () => true);
      const input = push(rel.input, down);
      return above(stay, input === rel.input ? rel : { ...rel, input });
    }
    case 'limit': {
      const input = push(rel.input, []);
      return above(preds, input === rel.input ? rel : { ...rel, input });
    }
    case 'recursive': {
      // A filter above a fixpoint is not a filter of its base in general (it may reject rows
      // that derive accepted ones): only conjuncts on columns every iteration passes through
      // unchanged go into the base, and only without max_iterations (a smaller base may need
      // fewer iterations: the limit error would come and go with the optimizer).
      const invariant = rel.maxIterations === null ? invariantColumns(rel) : new Set<number>();
      const [down, stay] = split(preds, (p) => everyCol(p, (i) => invariant.has(i)));
      const base = push(rel.base, down);
      const step = push(rel.step, []);
      return above(stay, base === rel.base && step === rel.step ? rel : { ...rel, base, step });
    }
    case 'scan':
    case 'values':
    case 'ref':
    case 'recursive_ref':
      return above(preds, rel);
  }
}

type Side = 'left' | 'right' | 'both';

function pushJoin(j: Join, preds: readonly Expr[]): Rel {
  const nl = schemaOf(j.left).length;
  const isLeft = (i: number) => i < nl;
  const isRight = (i: number) => i >= nl;
  const side = (e: Expr): Side => {
    if (everyCol(e, isLeft)) return 'left'; // also constant conjuncts
    if (everyCol(e, isRight)) return 'right';
    return 'both';
  };
  const toLeft: Expr[] = [];
  const toRight: Expr[] = [];
  const stay: Expr[] = [];
  let cond = j.condition ? conjuncts(j.condition) : [];

  // Conjuncts of the filter above the join.
  for (const p of preds) {
    const s = isMovable(p) ? side(p) : 'both';
    if (j.type === 'semi' || j.type === 'anti') (isMovable(p) ? toLeft : stay).push(p);
    else if (s === 'left' && (j.type === 'inner' || j.type === 'cross' || j.type === 'left')) toLeft.push(p);
    else if (s === 'right' && (j.type === 'inner' || j.type === 'cross' || j.type === 'right')) toRight.push(p);
    else if (s === 'both' && j.type === 'inner' && isMovable(p)) cond = [...cond, p];
    else stay.push(p);
  }

  // Conjuncts of the join condition itself.
  const keptCond: Expr[] = [];
  for (const c of cond) {
    const s = isMovable(c) ? side(c) : 'both';
    const constant = readsNoColumn(c);
    const leftOk = j.type === 'inner' || j.type === 'right' || j.type === 'semi';
    const rightOk = j.type === 'inner' || j.type === 'left' || j.type === 'semi' || j.type === 'anti';
    if (isTrue(c)) continue;
    // A constant conjunct goes where it is allowed; for inner joins, left by convention.
    if (constant && s !== 'both') {
      if (j.type === 'inner' || j.type === 'right') toLeft.push(c);
      else if (rightOk) toRight.push(c);
      else keptCond.push(c);
    } else if (s === 'left' && leftOk) toLeft.push(c);
    else if (s === 'right' && rightOk) toRight.push(c);
    else keptCond.push(c);
  }

  const left = push(j.left, toLeft);
  const right = push(j.right, toRight.map((p) => shiftCols(p, -nl)));
  let type = j.type;
  let condition: Expr | null = keptCond.length ? conjoin(keptCond) : null;
  if (condition === null && type !== 'cross') {
    // Everything moved into the inputs: an inner join without a condition is a cross join;
    // the other kinds keep an explicit `true`.
    if (type === 'inner') type = 'cross';
    else condition = E.lit(T.bool, true);
  }
  if (condition !== null && type === 'cross') type = 'inner';
  const same = left === j.left && right === j.right && type === j.type && sameExpr(condition, j.condition);
  return above(stay, same ? j : { ...j, type, left, right, condition });
}

function sameExpr(a: Expr | null, b: Expr | null): boolean {
  if (a === null || b === null) return a === b;
  const ca = conjuncts(a);
  const cb = conjuncts(b);
  return ca.length === cb.length && ca.every((x, i) => x === cb[i]);
}

/** Column positions a list of partition expressions names directly. */
function partitionCols(exprs: readonly Expr[]): Set<number> {
  return new Set(exprs.flatMap((e) => (e.kind === 'col' ? [e.index] : [])));
}

function intersectAll(sets: readonly Set<number>[]): Set<number> {
  if (sets.length === 0) return new Set();
  return new Set([...sets[0]!].filter((i) => sets.every((s) => s.has(i))));
}

/** Movable predicates satisfying `ok` go down; the rest stay. */
function split(preds: readonly Expr[], ok: (p: Expr) => boolean): [Expr[], Expr[]] {
  const down: Expr[] = [];
  const stay: Expr[] = [];
  for (const p of preds) (isMovable(p) && ok(p) ? down : stay).push(p);
  return [down, stay];
}

function above(preds: readonly Expr[], rel: Rel): Rel {
  return preds.length === 0 ? rel : { kind: 'filter', input: rel, condition: conjoin(preds) };
}
