// merge_filters: a filter directly above another filter becomes one filter with both
// conditions (the lower one first), so the SQL has one WHERE and later passes see one
// conjunction.
//
//   before: filter (gt score#3 0.5)          after: filter (and (not-equal id#0 7) (gt score#3 0.5))
//             filter (not-equal id#0 7)                 scan people
//               scan people
//
// Two filters whose conditions call non-deterministic functions stay apart: the upper one is
// evaluated only on rows the lower one kept, and merging would evaluate it on every row.

import { transformUp } from '../ir/index.ts';
import { conjoin, conjuncts, isMovable, result } from './exprs.ts';
import type { RelPass } from './pass.ts';

export const mergeFilters: RelPass = {
  name: 'merge_filters',
  scope: 'rel',
  run(rel) {
    const out = transformUp(rel, (r) => {
      if (r.kind !== 'filter' || r.input.kind !== 'filter') return r;
      if (!isMovable(r.condition) || !isMovable(r.input.condition)) return r;
      return { kind: 'filter', input: r.input.input, condition: conjoin([...conjuncts(r.input.condition), ...conjuncts(r.condition)]) };
    });
    return result(rel, out);
  },
};
