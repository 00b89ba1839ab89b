// eliminate_trivial: removes operators that do nothing and propagates empty relations.
//
//   before: filter true / scan t             after: scan t
//   before: join inner (equal a#0 b#2)       after: values [a: int64, b: int64] rows=0
//             filter false / scan s
//             scan t
//   before: union all                        after: project [a := x#0]   (the surviving branch, renamed)
//             values [a: int64] rows=0                 scan t
//             scan t
//
// Empty relations are `values` with no rows. An aggregate without group keys over an empty
// input is not empty: it yields one row (count 0, every other measure NULL). Outer joins
// keep their preserved side, padded with typed NULLs. Also: `limit 0` is empty, a limit with
// neither limit nor offset goes, an identity project goes, `inner join … on true` is a cross
// join, a set operation left with one input becomes that input (DISTINCT kept), constant
// group / partition / order keys (literals, parameters) go, and a project of literals over an
// aggregate without keys (always one row) is that one row. A recursion with an empty base is
// empty; one whose step became empty is its base.

import { E, schemaOf, transformUp, typeEquals, type Aggregate, type Expr, type Join, type Literal, type Recursive, type Rel, type Schema, type SetOp, type Window } from '../ir/index.ts';
import { isFalse, isNullLit, isTrue, result } from './exprs.ts';
import { nullOf, retypeLiteral } from './fold.ts';
import type { RelPass } from './pass.ts';

export const eliminateTrivial: RelPass = {
  name: 'eliminate_trivial',
  scope: 'rel',
  run(rel) {
    return result(rel, transformUp(rel, step));
  },
};

const isEmpty = (r: Rel) => r.kind === 'values' && r.rows.length === 0;
const empty = (schema: Schema): Rel => ({ kind: 'values', schema, rows: [] });

function step(r: Rel): Rel {
  switch (r.kind) {
    case 'filter':
      if (isTrue(r.condition)) return r.input;
      if (isFalse(r.condition) || isNullLit(r.condition) || isEmpty(r.input)) return empty(schemaOf(r));
      return r;
    case 'project': {
      if (isEmpty(r.input)) return empty(schemaOf(r));
      // Literals over an aggregate without group keys (exactly one row): that one row.
      if (r.input.kind === 'aggregate' && r.input.groupBy.length === 0 && r.exprs.every((e) => e.kind === 'lit')) {
        return { kind: 'values', schema: schemaOf(r), rows: [r.exprs as Literal[]] };
      }
      const input = schemaOf(r.input);
      const identity = r.exprs.length === input.length && r.exprs.every((e, i) => e.kind === 'col' && e.index === i && r.names[i] === input[i]!.name);
      return identity ? r.input : r;
    }
    case 'sort':
    case 'distinct':
      return isEmpty(r.input) ? empty(schemaOf(r)) : r;
    case 'window':
      return isEmpty(r.input) ? empty(schemaOf(r)) : windowKeys(r);
    case 'winner': {
      if (isEmpty(r.input)) return empty(schemaOf(r));
      const partitionBy = r.partitionBy.filter((e) => !isConstant(e));
      const varying = r.orderBy.filter((k) => !isConstant(k.expr));
      // A winner keeps a non-empty order (even a constant one): it is its contract.
      const orderBy = varying.length > 0 ? varying : r.orderBy.slice(0, 1);
      return partitionBy.length === r.partitionBy.length && orderBy.length === r.orderBy.length ? r : { ...r, partitionBy, orderBy };
    }
    case 'limit':
      if (r.limit === 0 || isEmpty(r.input)) return empty(schemaOf(r));
      return r.limit === null && r.offset === 0 ? r.input : r;
    case 'aggregate':
      if (!isEmpty(r.input)) return constantGroupKeys(r);
      if (r.groupBy.length > 0) return empty(schemaOf(r));
      return emptyAggregateRow(r.measures.map((m) => m.fn), schemaOf(r)) ?? r;
    case 'join':
      return join(r);
    case 'setop':
      return setop(r);
    case 'recursive':
      return recursive(r);
    case 'scan':
    case 'values':
    case 'ref':
    case 'recursive_ref':
      return r;
  }
}

/**
 * A linear step maps no rows to no rows: an empty base makes the recursion empty; a step made
 * empty (its working table gone with it) leaves the base (deduplicated under set semantics).
 */
function recursive(r: Recursive): Rel {
  if (isEmpty(r.base)) return empty(schemaOf(r));
  if (isEmpty(r.step)) return r.distinct ? { kind: 'distinct', input: r.base } : r.base;
  return r;
}

/** A literal or a parameter: the same value on every row. */
const isConstant = (e: Expr) => e.kind === 'lit' || e.kind === 'param';

/**
 * Constant group keys put every row in the same group for that key: only the varying keys
 * group; the constants come back in a project above. At least one varying key must remain
 * (all-constant keys still mean "no row on empty input", unlike no keys at all).
 */
function constantGroupKeys(a: Aggregate): Rel {
  const varying = a.groupBy.flatMap((e, i) => (isConstant(e) ? [] : [i]));
  if (varying.length === a.groupBy.length || varying.length === 0) return a;
  const k = a.groupBy.length;
  const inner: Aggregate = {
    ...a,
    groupBy: varying.map((i) => a.groupBy[i]!),
    names: [...varying.map((i) => a.names[i]!), ...a.names.slice(k)],
  };
  const exprs = [
    ...a.groupBy.map((e, i) => (isConstant(e) ? e : E.col(varying.indexOf(i)))),
    ...a.measures.map((_, j) => E.col(varying.length + j)),
  ];
  return { kind: 'project', input: inner, exprs, names: a.names };
}

/** Constant partition keys split nothing; constant order keys order nothing (default frames only). */
function windowKeys(w: Window): Rel {
  const functions = w.functions.map((f) => {
    const partitionBy = f.partitionBy.filter((e) => !isConstant(e));
    const orderBy = f.frame ? f.orderBy : f.orderBy.filter((k) => !isConstant(k.expr));
    return partitionBy.length === f.partitionBy.length && orderBy.length === f.orderBy.length ? f : { ...f, partitionBy, orderBy };
  });
  return functions.every((f, i) => f === w.functions[i]) ? w : { ...w, functions };
}

/** The single row an aggregate without keys returns on no input: count → 0, others NULL. */
function emptyAggregateRow(fns: readonly string[], schema: Schema): Rel | undefined {
  const row: Literal[] = [];
  for (const [i, fn] of fns.entries()) {
    const f = schema[i]!;
    if (fn === 'count') {
      const zero = retypeLiteral(E.lit({ kind: 'int64' }, '0'), f.type);
      if (!zero) return undefined;
      row.push(zero);
    } else if (['sum', 'avg', 'min', 'max'].includes(fn)) row.push(nullOf(f.type));
    else return undefined;
  }
  return { kind: 'values', schema, rows: [row] };
}

function join(j: Join): Rel {
  if (j.type === 'inner' && j.condition && isTrue(j.condition)) return { ...j, type: 'cross', condition: null };
  const le = isEmpty(j.left);
  const re = isEmpty(j.right);
  if (!le && !re) return j;
  const out = schemaOf(j);
  switch (j.type) {
    case 'inner':
    case 'cross':
    case 'semi':
      return empty(out);
    case 'anti':
      return le ? empty(out) : j.left;
    case 'left':
      return le ? empty(out) : pad(j, 'left');
    case 'right':
      return re ? empty(out) : pad(j, 'right');
    case 'full':
      return le && re ? empty(out) : pad(j, le ? 'right' : 'left');
  }
}

/** The preserved side with the other side's columns as typed NULLs (an outer join with no matches). */
function pad(j: Join, keep: 'left' | 'right'): Rel {
  const out = schemaOf(j);
  const nl = schemaOf(j.left).length;
  const kept = keep === 'left' ? j.left : j.right;
  const exprs = out.map((f, i) => {
    const inKept = keep === 'left' ? i < nl : i >= nl;
    return inKept ? E.col(keep === 'left' ? i : i - nl) : nullOf(f.type);
  });
  return { kind: 'project', input: kept, exprs, names: out.map((f) => f.name) };
}

function setop(s: SetOp): Rel {
  const out = schemaOf(s);
  const [first, ...rest] = s.inputs as [Rel, ...Rel[]];
  let inputs: Rel[];
  switch (s.op) {
    case 'union':
      inputs = s.inputs.filter((i) => !isEmpty(i));
      break;
    case 'intersect':
      if (s.inputs.some(isEmpty)) return empty(out);
      return s;
    case 'except':
      if (isEmpty(first)) return empty(out);
      inputs = [first, ...rest.filter((i) => !isEmpty(i))];
      break;
  }
  if (inputs.length === s.inputs.length) return s;
  if (inputs.length === 0) return empty(out);
  // The output takes its names and types from the first input: a new first input conforms.
  inputs[0] = conform(inputs[0]!, out);
  if (inputs.length >= 2) return { ...s, inputs };
  return s.all ? inputs[0] : { kind: 'distinct', input: inputs[0] };
}

/** `r` renamed (and widened by casts) to the names and types of `schema`. */
function conform(r: Rel, schema: Schema): Rel {
  const have = schemaOf(r);
  if (have.every((f, i) => f.name === schema[i]!.name && typeEquals(f.type, schema[i]!.type))) return r;
  return {
    kind: 'project',
    input: r,
    exprs: have.map((f, i) => (typeEquals(f.type, schema[i]!.type) ? E.col(i) : E.cast(E.col(i), schema[i]!.type))),
    names: schema.map((f) => f.name),
  };
}
