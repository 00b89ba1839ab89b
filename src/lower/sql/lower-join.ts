// Joins: left-deep FROM chains (`a JOIN b ON … JOIN c ON …`), semi/anti joins as [NOT] EXISTS.
// Columns stay qualified by their FROM item's alias, so equal names on both sides never clash.

import { RelcError, inputSchemaOf, schemaOf, type Join, type JoinType } from '../../ir/index.ts';
import type { FromItem, Select } from './ast.ts';
import { conjunction, isPlain, wrap, type Frame } from './frame.ts';
import { lowerExpr } from './lower-expr.ts';
import { lowerFrame, type Lowering } from './lower-rel.ts';

/** Join types after which a WHERE on the left input still means the same (left rows are never null-extended). */
const LEFT_SURVIVES: Readonly<Record<JoinType, boolean>> = { inner: true, left: true, cross: true, semi: true, anti: true, right: false, full: false };

export function lowerJoin(rel: Join, L: Lowering): Frame {
  let left = lowerFrame(rel.left, L);
  let right = lowerFrame(rel.right, L);
  if (rel.type === 'semi' || rel.type === 'anti') return semiJoin(rel, left, right, L);
  if (rel.type === 'full' && !L.d.caps.fullJoin) throw new RelcError('BACKEND_UNSUPPORTED', `full join is not supported on ${L.d.name}`, { details: { dialect: L.d.name } });
  const swap = rel.type === 'right' && !L.d.caps.rightJoin;
  // A computed left column must not be re-evaluated over null-extended rows (coalesce(x, 0) would
  // turn them into 0), and a swapped left side must be one FROM item.
  const leftOk = isPlain(left) && (LEFT_SURVIVES[rel.type] || (left.where.length === 0 && left.columns.every((c) => c.kind === 'column')));
  if (!leftOk || (swap && left.from.kind === 'join')) left = wrap(left, L.scope);
  // The right side joins as one FROM item read by plain columns.
  const bare = isPlain(right) && right.where.length === 0 && right.from.kind !== 'join' && right.columns.every((c) => c.kind === 'column');
  if (!bare) right = wrap(right, L.scope);
  const on = rel.condition ? lowerExpr(rel.condition, { cols: [...left.columns, ...right.columns], schema: inputSchemaOf(rel), d: L.d }) : null;
  const type = rel.type === 'right' && swap ? 'left' : rel.type;
  const from: FromItem = swap
    ? { kind: 'join', type: 'left', left: right.from, right: left.from, on }
    : { kind: 'join', type, left: left.from, right: right.from, on };
  return { ...left, from, columns: [...left.columns, ...right.columns], schema: schemaOf(rel) };
}

/** `WHERE [NOT] EXISTS (SELECT 1 FROM <right> WHERE <right filters> AND <condition>)`: PostgreSQL's semi/anti semantics (a NULL condition is no match). */
function semiJoin(rel: Join, left: Frame, right: Frame, L: Lowering): Frame {
  if (!isPlain(left)) left = wrap(left, L.scope);
  if (!isPlain(right)) right = wrap(right, L.scope);
  const cond = lowerExpr(rel.condition!, { cols: [...left.columns, ...right.columns], schema: inputSchemaOf(rel), d: L.d });
  const query: Select = {
    kind: 'select', distinct: false, items: [{ expr: { kind: 'lit', type: { kind: 'int32' }, value: 1 }, alias: 'one' }],
    from: right.from, where: conjunction([...right.where, cond]), groupBy: null, having: null, qualify: null, orderBy: [], limit: null, offset: 0,
  };
  return { ...left, where: [...left.where, { kind: 'exists', query, negated: rel.type === 'anti' }], schema: schemaOf(rel) };
}
