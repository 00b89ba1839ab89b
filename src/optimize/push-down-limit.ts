// push_down_limit: moves limits toward the inputs where that shrinks work without changing
// which rows come out.
//
//   before: limit 10                               after: limit 10
//             sort [s#1 desc nulls first]                    sort [s#1 desc nulls first]
//               union all                                      union all
//                 scan a                                         limit 10 / sort [s#1 desc …] / scan a
//                 scan b                                         limit 10 / sort [s#1 desc …] / scan b
//
// Rules: a limit goes below a project (one output row per input row); two limits merge into
// one; a limit over UNION ALL (optionally with a sort between) also caps every branch at
// limit+offset rows (in the same order), keeping the outer limit; a limit of at least one row
// with no offset over an aggregate without group keys (always one row) goes away.
// Never through filters, joins, aggregates with keys or DISTINCT: those change row counts.

import { schemaOf, transformUp, typeEquals, type Limit, type Rel, type SortKey } from '../ir/index.ts';
import { deepEqual, result } from './exprs.ts';
import type { RelPass } from './pass.ts';

export const pushDownLimit: RelPass = {
  name: 'push_down_limit',
  scope: 'rel',
  run(rel) {
    return result(rel, transformUp(rel, (r) => (r.kind === 'limit' ? step(r) : r)));
  },
};

function step(l: Limit): Rel {
  const input = l.input;
  switch (input.kind) {
    case 'project':
      return { ...input, input: { ...l, input: input.input } };
    case 'limit':
      return merge(input, l);
    case 'aggregate':
      return input.groupBy.length === 0 && l.offset === 0 && (l.limit === null || l.limit >= 1) ? input : l;
    case 'setop':
      return capBranches(l, input, null) ?? l;
    case 'sort':
      return input.input.kind === 'setop' ? capBranches(l, input.input, input.keys) ?? l : l;
    default:
      return l;
  }
}

/** limit(outer) over limit(inner): rows [inner.offset + outer.offset, …) of the inner window. */
function merge(inner: Limit, outer: Limit): Limit {
  const offset = inner.offset + outer.offset;
  const remaining = inner.limit === null ? null : Math.max(0, inner.limit - outer.offset);
  const limit = remaining === null ? outer.limit : outer.limit === null ? remaining : Math.min(remaining, outer.limit);
  return { kind: 'limit', input: inner.input, limit, offset };
}

/** The limit with every branch of a UNION ALL under it capped (sorted by `keys` first, if any). */
function capBranches(l: Limit, u: Rel & { kind: 'setop' }, keys: readonly SortKey[] | null): Rel | undefined {
  if (u.op !== 'union' || !u.all || l.limit === null) return undefined;
  const out = schemaOf(u);
  if (!u.inputs.every((i) => schemaOf(i).every((f, k) => typeEquals(f.type, out[k]!.type)))) return undefined;
  const cap = l.limit + l.offset;
  let changed = false;
  const inputs = u.inputs.map((b) => {
    if (capped(b, cap, keys)) return b;
    changed = true;
    const sorted: Rel = keys ? { kind: 'sort', input: b, keys } : b;
    return { kind: 'limit', input: sorted, limit: cap, offset: 0 } satisfies Limit;
  });
  if (!changed) return undefined;
  const union: Rel = { ...u, inputs };
  return keys ? { ...l, input: { kind: 'sort', input: union, keys } } : { ...l, input: union };
}

/** Whether a branch already returns at most `cap` rows (first in the order of `keys`). */
function capped(b: Rel, cap: number, keys: readonly SortKey[] | null): boolean {
  if (b.kind !== 'limit' || b.offset !== 0 || b.limit === null || b.limit > cap) return false;
  if (!keys) return true;
  return b.input.kind === 'sort' && deepEqual(b.input.keys, keys);
}
