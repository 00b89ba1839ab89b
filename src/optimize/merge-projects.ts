// merge_projects: a project directly above another project becomes one project, with the
// lower expressions substituted into the upper ones.
//
//   before: project [total := (add a#0 1)]          after: project [total := (add (multiply x#0 2) 1)]
//             project [a := (multiply x#0 2), b := y#1]        scan t
//               scan t
//
// Not merged when an upper expression would duplicate a non-trivial lower one (it would be
// computed twice) or a non-deterministic one (two evaluations may differ).

import { exprChildren, transformUp, type Expr, type Project, type Rel } from '../ir/index.ts';
import { isMovable, result, substituteCols } from './exprs.ts';
import type { RelPass } from './pass.ts';

export const mergeProjects: RelPass = {
  name: 'merge_projects',
  scope: 'rel',
  run(rel) {
    return result(rel, transformUp(rel, (r) => (r.kind === 'project' && r.input.kind === 'project' ? merge(r, r.input) : r)));
  },
};

const trivial = (e: Expr) => e.kind === 'col' || e.kind === 'lit' || e.kind === 'param';

function merge(outer: Project, inner: Project): Rel {
  const uses = new Map<number, number>();
  const count = (e: Expr): void => {
    if (e.kind === 'col') uses.set(e.index, (uses.get(e.index) ?? 0) + 1);
    exprChildren(e).forEach(count);
  };
  outer.exprs.forEach(count);
  for (const [i, n] of uses) {
    const e = inner.exprs[i]!;
    if (n > 1 && !(trivial(e) || (isMovable(e) && e.kind === 'cast' && trivial(e.expr)))) return outer;
    if (!isMovable(e) && (n > 1 || hasSubquery(e))) return outer;
  }
  return { kind: 'project', input: inner.input, exprs: outer.exprs.map((e) => substituteCols(e, inner.exprs)), names: outer.names };
}

function hasSubquery(e: Expr): boolean {
  return e.kind === 'subquery' || exprChildren(e).some(hasSubquery);
}
