// outer_to_inner: an outer join whose padded rows (all NULL on the non-preserved side) are
// rejected anyway by a filter above it — or by the condition of a join that reads it only to
// find matches — becomes the stricter join. A left join under a null-rejecting filter on its
// right columns is an inner join; a full join becomes left, right or inner.
//
//   before: filter (gt name#5 'm')              after: filter (gt name#5 'm')
//             join left (equal team_id#2 id#4)            join inner (equal team_id#2 id#4)
//               scan people / scan teams                    scan people / scan teams
//
// "Null-rejecting" is strict (see null-reject.ts): the predicate must be NULL or false whenever
// every padded column is NULL. `name IS NULL`, `coalesce(name, 'x') = 'x'` and `a OR name > 'm'`
// are not, and leave the join alone. The padded side's columns become non-nullable in the
// output schema — a stricter schema the driver accepts because the filter removed those rows.

import { schemaOf, transformUp, type Expr, type JoinType, type Rel } from '../ir/index.ts';
import { conjuncts, result } from './exprs.ts';
import { isNullRejecting } from './null-reject.ts';
import type { RelPass } from './pass.ts';

export const outerToInner: RelPass = {
  name: 'outer_to_inner',
  scope: 'rel',
  run(rel) {
    const out = transformUp(rel, (r) => {
      if (r.kind === 'filter') {
        const input = strengthen(r.input, conjuncts(r.condition), 0);
        return input === r.input ? r : { ...r, input };
      }
      if (r.kind === 'join' && r.condition) {
        // Which inputs does this join read only to find matches (rows that never match may go)?
        const leftMatchOnly = r.type === 'inner' || r.type === 'semi' || r.type === 'right';
        const rightMatchOnly = r.type === 'inner' || r.type === 'semi' || r.type === 'anti' || r.type === 'left';
        const preds = conjuncts(r.condition);
        const nl = schemaOf(r.left).length;
        const left = leftMatchOnly ? strengthen(r.left, preds, 0) : r.left;
        const right = rightMatchOnly ? strengthen(r.right, preds, nl) : r.right;
        return left === r.left && right === r.right ? r : { ...r, left, right };
      }
      return r;
    });
    return result(rel, out);
  },
};

/**
 * `o` with its outer join made stricter where `preds` (over a schema in which `o`'s output
 * starts at position `offset`) reject the padded rows.
 */
function strengthen(o: Rel, preds: readonly Expr[], offset: number): Rel {
  if (o.kind !== 'join' || (o.type !== 'left' && o.type !== 'right' && o.type !== 'full')) return o;
  const nl = schemaOf(o.left).length;
  const nr = schemaOf(o.right).length;
  const rejects = (from: number, to: number) =>
    preds.some((p) => isNullRejecting(p, (i) => i - offset >= from && i - offset < to));
  const leftPadded = o.type === 'right' || o.type === 'full';
  const rightPadded = o.type === 'left' || o.type === 'full';
  const rejL = leftPadded && rejects(0, nl);
  const rejR = rightPadded && rejects(nl, nl + nr);
  const type: JoinType =
    o.type === 'full' ? (rejL && rejR ? 'inner' : rejL ? 'left' : rejR ? 'right' : 'full')
    : o.type === 'left' ? (rejR ? 'inner' : 'left')
    : rejL ? 'inner' : 'right';
  return type === o.type ? o : { ...o, type };
}
