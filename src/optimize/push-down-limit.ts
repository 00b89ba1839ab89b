// push_down_limit: moves limits toward the inputs where that shrinks work without changing
// which rows come out.
//
//   before: limit 5 offset 3                 after: project [id := id#0]
//             project [id := id#0]                    limit 5 offset 5
//               limit 10 offset 2                       sort [id#0 asc nulls last]
//                 sort [id#0 asc nulls last]              scan people
//                   scan people
//
// Rules: a limit goes below a project (one output row per input row); two limits merge into
// one; a limit over UNION ALL (no order: any rows will do) also caps every branch at
// limit+offset rows, keeping the outer limit; a limit of at least one row with no offset over
// an aggregate without group keys (always one row) goes away. Never through filters, joins,
// aggregates with keys or DISTINCT: those change row counts.
//
// Not done: a top-n (limit over sort) copied into every UNION ALL branch. Measured on 1M rows
// (bench/optimizer.ts) it gained nothing on SQLite and cost DuckDB 10–20%, whose own top-n over
// the union already streams and fetches wide columns late.

import { schemaOf, transformUp, typeEquals, type Limit, type Rel } from '../ir/index.ts';
import { result } from './exprs.ts';
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
      return capBranches(l, input) ?? l;
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

/** The limit with every branch of a UNION ALL under it capped at limit + offset rows. */
function capBranches(l: Limit, u: Rel & { kind: 'setop' }): Rel | undefined {
  if (u.op !== 'union' || !u.all || l.limit === null) return undefined;
  const out = schemaOf(u);
  if (!u.inputs.every((i) => schemaOf(i).every((f, k) => typeEquals(f.type, out[k]!.type)))) return undefined;
  const cap = l.limit + l.offset;
  let changed = false;
  const inputs = u.inputs.map((b) => {
    if (capped(b, cap)) return b;
    changed = true;
    return { kind: 'limit', input: b, limit: cap, offset: 0 } satisfies Limit;
  });
  return changed ? { ...l, input: { ...u, inputs } } : undefined;
}

/** Whether a branch already returns at most `cap` rows (a limit, maybe under projects it went below). */
function capped(b: Rel, cap: number): boolean {
  while (b.kind === 'project') b = b.input;
  return b.kind === 'limit' && b.offset === 0 && b.limit !== null && b.limit <= cap;
}
