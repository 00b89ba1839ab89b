// eliminate_redundant_sort: drops sorts whose order nobody can observe. A relation's row order
// is observable only at the root of a view and through a limit above it (top-n); joins,
// aggregates, set operations, distinct, windows and winners do not promise to keep the order
// of their inputs (windows and winners carry their own), and a sort directly under another
// sort is overridden by it. Filters and projects pass the observation through.
//
//   before: aggregate group [k := k#0] …        after: aggregate group [k := k#0] …
//             sort [v#1 desc nulls first]                  scan t
//               scan t
//
// Also removes duplicate and constant keys of the sorts that remain. A sort under a limit
// is kept: the pair means "the first n rows in this order".

import { children, withChildren, type Rel, type SortKey } from '../ir/index.ts';
import { ExprClasses, isMovable, result } from './exprs.ts';
import type { RelPass } from './pass.ts';

export const eliminateRedundantSort: RelPass = {
  name: 'eliminate_redundant_sort',
  scope: 'rel',
  run(rel) {
    return result(rel, visit(rel, true));
  },
};

function visit(r: Rel, orderObserved: boolean): Rel {
  switch (r.kind) {
    case 'sort': {
      const input = visit(r.input, false);
      const keys = usefulKeys(r.keys);
      if (!orderObserved || keys.length === 0) return input;
      if (input === r.input && keys.length === r.keys.length) return r;
      return { ...r, input, keys };
    }
    case 'limit':
      return rebuild(r, [visit(r.input, true)]);
    case 'filter':
    case 'project':
      return rebuild(r, [visit(r.input, orderObserved)]);
    default:
      return rebuild(r, children(r).map((c) => visit(c, false)));
  }
}

function rebuild(r: Rel, kids: readonly Rel[]): Rel {
  return withChildren(r, kids);
}

/** Keys without repeats (a repeated key never breaks a tie) and without constants. */
function usefulKeys(keys: readonly SortKey[]): SortKey[] {
  const out: SortKey[] = [];
  const kept = new ExprClasses(); // the expressions of `out`
  for (const k of keys) {
    if (k.expr.kind === 'lit' || k.expr.kind === 'param') continue;
    if (isMovable(k.expr) && kept.find(k.expr) >= 0) continue;
    out.push(k);
    kept.classOf(k.expr);
  }
  return out;
}
