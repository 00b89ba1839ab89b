// Set operations: a compound of plain SELECTs, each cast to the output column types. Where the
// dialect lacks INTERSECT ALL / EXCEPT ALL, duplicates are numbered with row_number() per
// distinct row and the set form runs on (row, number): exact multiset semantics.
//   a INTERSECT ALL b  →  SELECT cols FROM (SELECT cols, row_number() OVER (PARTITION BY cols) FROM a
//                                          INTERSECT SELECT … FROM b)

import { T, schemaOf, typeEquals, type Rel, type Schema, type SetOp } from '../../ir/index.ts';
import type { SqlExpr } from './ast.ts';
import { canAddWindows, freshName, hasLimit, toSelect, uniqueNames, wrap, type CompoundFrame, type Frame } from './frame.ts';
import { lowerCast } from './lower-expr.ts';
import { lowerFrame, type Lowering } from './lower-rel.ts';

/** One input as a compound member: no ORDER BY/LIMIT of its own, columns of the output's types. */
export function member(input: Rel, schema: Schema, L: Lowering): Frame {
  let f = lowerFrame(input, L);
  const own = schemaOf(input);
  const casts = own.some((x, i) => !typeEquals(x.type, schema[i]!.type));
  if (hasLimit(f) || f.orderBy.length > 0 || (casts && f.distinct)) f = wrap(f, L.scope);
  if (!casts) return f;
  return { ...f, columns: f.columns.map((c, i) => lowerCast(c, own[i]!.type, schema[i]!.type, L.d)), schema };
}

function numbered(f: Frame, L: Lowering): Frame {
  const g = canAddWindows(f, f.columns) ? f : wrap(f, L.scope);
  const rn: SqlExpr = { kind: 'fn', name: 'row_number', args: [], distinct: false, filter: null, over: { partitionBy: g.columns, orderBy: [], frame: null } };
  const name = freshName('relc_rn', g.schema.map((x) => x.name));
  return { ...g, columns: [...g.columns, rn], schema: [...g.schema, { name, type: T.int64, nullable: false }] };
}

export function lowerSetOp(rel: SetOp, L: Lowering): Frame | CompoundFrame {
  const schema = schemaOf(rel);
  const names = uniqueNames(schema.map((x) => x.name));
  const emulate = rel.all && ((rel.op === 'intersect' && !L.d.caps.intersectAll) || (rel.op === 'except' && !L.d.caps.exceptAll));
  if (!emulate) {
    const inputs = rel.inputs.map((i) => toSelect(member(i, schema, L), names));
    return { kind: 'compound', compound: { kind: 'compound', op: rel.op, all: rel.all, inputs }, schema };
  }
  // Pairwise, left to right: (a EXCEPT ALL b) EXCEPT ALL c subtracts counts one input at a time.
  let acc = member(rel.inputs[0]!, schema, L);
  for (const next of rel.inputs.slice(1)) {
    const a = numbered(acc, L);
    const b = numbered(member(next, schema, L), L);
    const withRn = uniqueNames(a.schema.map((x) => x.name));
    const compound: CompoundFrame = {
      kind: 'compound', schema: a.schema,
      compound: { kind: 'compound', op: rel.op, all: false, inputs: [toSelect(a, withRn), toSelect(b, withRn)] },
    };
    const w = wrap(compound, L.scope);
    acc = { ...w, columns: w.columns.slice(0, -1), schema };
  }
  return acc;
}
