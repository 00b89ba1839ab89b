// extract_join_keys: a filter over a cross join whose conjuncts compare both sides becomes an
// inner join on those conjuncts; in every join condition the equi keys (`l = r` with one side
// reading only left columns and the other only right ones) come first, left operand on the
// left, then the residual conjuncts. Engines pick hash joins from equi keys; the lowering and
// the Substrait producer read them off the front of the condition.
//
//   before: filter (and (equal id#4 team_id#2) (gt score#3 1))
//             join cross
//               scan people / scan teams
//   after:  filter (gt score#3 1)
//             join inner (equal team_id#2 id#4)
//               scan people / scan teams
//
// Join order is kept as written: only conditions move, never inputs.

import { schemaOf, transformUp, type Expr, type Join, type Rel } from '../ir/index.ts';
import { conjoin, conjuncts, everyCol, isMovable, readsNoColumn, result } from './exprs.ts';
import type { RelPass } from './pass.ts';

export const extractJoinKeys: RelPass = {
  name: 'extract_join_keys',
  scope: 'rel',
  run(rel) {
    return result(rel, transformUp(rel, (r) => orderKeys(crossToInner(r))));
  },
};

type Side = 'left' | 'right' | 'both' | 'none';

function sideOf(e: Expr, nl: number): Side {
  if (readsNoColumn(e)) return 'none';
  if (everyCol(e, (i) => i < nl)) return 'left';
  if (everyCol(e, (i) => i >= nl)) return 'right';
  return 'both';
}

function crossToInner(r: Rel): Rel {
  if (r.kind !== 'filter' || r.input.kind !== 'join' || r.input.type !== 'cross') return r;
  const j = r.input;
  const nl = schemaOf(j.left).length;
  const parts = conjuncts(r.condition);
  const keys = parts.filter((p) => isMovable(p) && sideOf(p, nl) === 'both');
  if (keys.length === 0) return r;
  const rest = parts.filter((p) => !keys.includes(p));
  const join: Join = { ...j, type: 'inner', condition: conjoin(keys) };
  return rest.length ? { kind: 'filter', input: join, condition: conjoin(rest) } : join;
}

/** The oriented equi key for a conjunct, or undefined when it is not one. */
function equiKey(e: Expr, nl: number): Expr | undefined {
  if (e.kind !== 'call' || (e.fn !== 'equal' && e.fn !== 'is_not_distinct_from') || !isMovable(e)) return undefined;
  const [a, b] = e.args as [Expr, Expr];
  const sa = sideOf(a, nl);
  const sb = sideOf(b, nl);
  if (sa === 'left' && sb === 'right') return e;
  if (sa === 'right' && sb === 'left') return { ...e, args: [b, a] };
  return undefined;
}

function orderKeys(r: Rel): Rel {
  if (r.kind !== 'join' || r.condition === null) return r;
  const nl = schemaOf(r.left).length;
  const parts = conjuncts(r.condition);
  const keys: Expr[] = [];
  const rest: Expr[] = [];
  for (const p of parts) {
    const k = equiKey(p, nl);
    if (k) keys.push(k);
    else rest.push(p);
  }
  const next = [...keys, ...rest];
  if (next.every((x, i) => x === parts[i])) return r;
  return { ...r, condition: conjoin(next) };
}
