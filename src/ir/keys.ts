// Unique keys a plan proves: declared keys (inputs, views) carried through the operators that
// keep them. A key is a set of column positions on which no two rows are equal, NULL counting
// as equal to NULL (as GROUP BY groups, and as a declared input key is checked): ordering by a
// key's columns leaves no ties. Used by every front end that decides whether an order is total.

import { schemaOf } from './schema.ts';
import type { Expr } from './expr.ts';
import type { JoinType, Rel } from './rel.ts';
import type { Schema } from './types.ts';

/** Column positions whose values identify a row; `[]` = at most one row. */
export type UniqueKey = readonly number[];

/** Declared unique keys (column names) of a table or view, when they are known. */
export type DeclaredKeys = (name: string) => readonly (readonly string[])[];

const MAX_KEYS = 16; // join key products grow multiplicatively; a few candidates are enough

/** Unique keys the plan proves: declared keys carried through the operators that keep them. */
export function uniqueKeys(rel: Rel, declared?: DeclaredKeys): UniqueKey[] {
  const all = (r: Rel): UniqueKey[] => [schemaOf(r).map((_, i) => i)];
  switch (rel.kind) {
    case 'scan':
      return declaredKeys(declared, rel.table, rel.schema);
    case 'ref':
      return declaredKeys(declared, rel.name, rel.schema);
    case 'values':
      return rel.rows.length <= 1 ? [[]] : [];
    case 'filter':
    case 'sort':
    case 'window':
      return uniqueKeys(rel.input, declared);
    case 'limit':
      return rel.limit !== null && rel.limit <= 1 ? [[]] : uniqueKeys(rel.input, declared);
    case 'project':
      return projectKeys(uniqueKeys(rel.input, declared), rel.exprs);
    case 'aggregate':
      return [rel.groupBy.map((_, i) => i)];
    case 'distinct':
      return all(rel);
    case 'setop':
      if (!rel.all) return all(rel);
      // INTERSECT ALL / EXCEPT ALL keep a sub-multiset of the first input.
      return rel.op === 'union' ? [] : uniqueKeys(rel.inputs[0]!, declared);
    case 'winner': {
      const keys = uniqueKeys(rel.input, declared);
      const part = colIndexes(rel.partitionBy);
      return rel.keep === 1 && part.length === rel.partitionBy.length ? [...keys, part] : keys;
    }
    case 'join':
      return joinKeys(rel.type, rel.condition, uniqueKeys(rel.left, declared), uniqueKeys(rel.right, declared), schemaOf(rel.left), schemaOf(rel.right));
    case 'recursive':
      return rel.distinct ? all(rel) : [];
    case 'recursive_ref':
      return [];
  }
}

function declaredKeys(declared: DeclaredKeys | undefined, name: string, schema: Schema): UniqueKey[] {
  return (declared?.(name) ?? []).flatMap((names) => {
    const idx = names.map((n) => schema.findIndex((f) => f.name === n));
    return idx.every((i) => i >= 0) ? [idx] : [];
  });
}

/** Keys that survive a projection: those whose every column passes through as a plain column. */
export function projectKeys(keys: readonly UniqueKey[], exprs: readonly Expr[]): UniqueKey[] {
  const at = (i: number) => exprs.findIndex((e) => e.kind === 'col' && e.index === i);
  return keys.flatMap((k) => {
    const mapped = k.map(at);
    return mapped.every((j) => j >= 0) ? [mapped] : [];
  });
}

/**
 * Keys of a join (positions: left columns, then right columns) from the keys of its sides.
 *
 * - A left key ∪ a right key identifies a (left row, right row) pair, and a left row padded
 *   with NULLs appears only when it has no pair: a key of inner, cross, left and right joins.
 *   In a full join a left row padded on the right and a right row padded on the left agree on
 *   such a key when its columns there are NULL, so it holds only if one of its columns cannot be
 *   NULL on its own side (it is then NULL exactly in the rows the other side pads).
 * - When equality conjuncts pin every column of a right key to left columns, a left row matches
 *   at most one right row (many-to-one): each left key stays a key of an inner or left join;
 *   symmetrically for right keys of inner and right joins. The padded side's keys never survive
 *   alone: its columns are NULL in every padded row.
 * - Semi and anti joins keep left rows as they are.
 */
export function joinKeys(type: JoinType, condition: Expr | null, left: readonly UniqueKey[], right: readonly UniqueKey[], leftSchema: Schema, rightSchema: Schema): UniqueKey[] {
  if (type === 'semi' || type === 'anti') return [...left];
  const width = leftSchema.length;
  const shifted = right.map((k) => k.map((i) => i + width));
  const schema = [...leftSchema, ...rightSchema];
  const required = (k: UniqueKey) => k.some((i) => !schema[i]!.nullable);
  const out: UniqueKey[] = [];
  for (const l of left) {
    for (const r of shifted) {
      if (out.length < MAX_KEYS && (type !== 'full' || required(l) || required(r))) out.push([...new Set([...l, ...r])]);
    }
  }
  const eq = equalities(condition);
  const pinned = (k: UniqueKey, other: (j: number) => boolean) => k.every((i) => eq.some(([a, b]) => (a === i && other(b)) || (b === i && other(a))));
  const onLeft = (i: number) => i < width;
  const onRight = (i: number) => i >= width;
  if ((type === 'inner' || type === 'cross' || type === 'left') && shifted.some((k) => pinned(k, onLeft))) out.push(...left);
  if ((type === 'inner' || type === 'cross' || type === 'right') && left.some((k) => pinned(k, onRight))) out.push(...shifted);
  return out.slice(0, MAX_KEYS * 2);
}

/**
 * Whether a join row's partner is unique, so the join cannot offer several candidates for one
 * row: a left row meets at most one right row when equality conjuncts pin a right key to left
 * columns (inner, left, cross), symmetrically for right joins, both ways for full joins; semi and
 * anti joins keep each left row once. Keys are positions in their own side's schema.
 */
export function joinIsManyToOne(type: JoinType, condition: Expr | null, left: readonly UniqueKey[], right: readonly UniqueKey[], leftWidth: number): boolean {
  if (type === 'semi' || type === 'anti') return true;
  const eq = equalities(condition);
  const pinned = (k: UniqueKey, other: (j: number) => boolean) => k.every((i) => eq.some(([a, b]) => (a === i && other(b)) || (b === i && other(a))));
  const rightPinned = right.some((k) => pinned(k.map((i) => i + leftWidth), (j) => j < leftWidth));
  const leftPinned = left.some((k) => pinned(k, (j) => j >= leftWidth));
  if (type === 'right') return leftPinned;
  if (type === 'full') return leftPinned && rightPinned;
  return rightPinned;
}

/**
 * Column pairs equated by the top-level conjuncts of a join condition. `=` matches no NULL,
 * and IS NOT DISTINCT FROM matches NULL only to NULL, which a key holds at most once: either
 * way a row meets at most one row of a key it pins. A side that is an expression pins nothing.
 */
function equalities(cond: Expr | null): [number, number][] {
  if (!cond || cond.kind !== 'call') return [];
  if (cond.fn === 'and') return cond.args.flatMap(equalities);
  const [a, b] = cond.args;
  const equating = cond.fn === 'equal' || cond.fn === 'is_not_distinct_from';
  return equating && cond.args.length === 2 && a?.kind === 'col' && b?.kind === 'col' ? [[a.index, b.index]] : [];
}

/** The column positions among `exprs` that are plain column references. */
export function colIndexes(exprs: readonly Expr[]): number[] {
  return exprs.flatMap((e) => (e.kind === 'col' ? [e.index] : []));
}
