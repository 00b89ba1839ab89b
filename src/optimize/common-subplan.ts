// common_subplan: identical subtrees (same structural signature, computed once per node) that
// occur more than once across the views of a program — or twice in one view — are computed
// once: the subtree becomes a view of its own that every occurrence reads through `ref` (the
// runner materializes it once; compiled SQL shows it as one CTE).
//
//   before: view a := filter (gt n#1 1) / aggregate group [k := k#0] … / scan t
//           view b := project [k := k#0] / aggregate group [k := k#0] … / scan t
//   after:  view relc_shared_1 := aggregate group [k := k#0] … / scan t
//           view a := filter (gt n#1 1) / ref relc_shared_1
//           view b := project [k := k#0] / ref relc_shared_1
//
// Only subtrees worth it are shared: they hold real work (a join, aggregate, set operation,
// distinct, window or winner), and either are a whole earlier view (read again for free) or
// reduce rows (an aggregate, DISTINCT, winner or set operation without ALL at the top): a new
// view is materialized, and materializing a join's output can cost more than recomputing it
// (measured on DuckDB, bench/optimizer.ts). Only deterministic subtrees (two evaluations of a
// non-deterministic subtree may differ, one shared evaluation would not), and only the largest
// shared subtree of each occurrence. When a whole view is the shared subtree and comes first,
// the other occurrences read that view instead of a new one. Existing views keep their names and output
// schemas; the new view is placed right before its first reader.

import { children, E, relExprs, schemaOf, withChildren, type Program, type Rel, type View } from '../ir/index.ts';
import { isMovable } from './exprs.ts';
import { planHash, sameCanonical } from './structure.ts';
import type { ProgramPass } from './pass.ts';

export const SHARED_VIEW_PREFIX = 'relc_shared_';

export const commonSubplan: ProgramPass = {
  name: 'common_subplan',
  scope: 'program',
  runProgram(program) {
    const sig = new Signer();
    let views = [...program.views];
    let changed = false;
    // Each round shares one subtree; sharing can expose another (a subtree occurring inside
    // two copies of the shared one and once elsewhere), so repeat until nothing repeats.
    for (;;) {
      const next = shareOne(views, sig);
      if (!next) break;
      views = next;
      changed = true;
    }
    return changed ? { changed, program: { ...program, views } } : { changed, program };
  },
};

/**
 * Structural signatures by node identity: each node is numbered once, from its own fields and
 * its children's numbers. Two nodes get one number exactly when their canonical IR (children
 * replaced by their numbers) is equal: candidates are found by structural hash, then compared.
 */
class Signer {
  private readonly ids = new WeakMap<Rel, number>();
  private readonly buckets = new Map<number, { readonly key: Rel; readonly id: number }[]>();
  private count = 0;

  id(rel: Rel): number {
    let id = this.ids.get(rel);
    if (id === undefined) {
      const placeholders = children(rel).map((c): Rel => ({ kind: 'ref', name: `\u0000${this.id(c)}`, schema: [] }));
      const key = withChildren(rel, placeholders);
      const h = planHash(key);
      const bucket = this.buckets.get(h);
      id = bucket?.find((e) => sameCanonical(e.key, key))?.id;
      if (id === undefined) {
        id = this.count++;
        if (bucket) bucket.push({ key, id });
        else this.buckets.set(h, [{ key, id }]);
      }
      this.ids.set(rel, id);
    }
    return id;
  }
}

const EXPENSIVE = new Set(['join', 'aggregate', 'setop', 'distinct', 'window', 'winner']);

interface Info {
  count: number;
  worth: boolean;
}

function shareOne(views: View[], sig: Signer): View[] | undefined {
  const info = new Map<number, Info>();
  const facts = new WeakMap<Rel, { expensive: boolean; movable: boolean }>();
  const analyze = (r: Rel): { expensive: boolean; movable: boolean } => {
    let f = facts.get(r);
    if (!f) {
      const kids = children(r).map(analyze);
      f = {
        expensive: EXPENSIVE.has(r.kind) || kids.some((k) => k.expensive),
        // A step's working table exists only inside its recursion: no subtree reading one moves.
        movable: r.kind !== 'recursive_ref' && relExprs(r).every(isMovable) && kids.every((k) => k.movable),
      };
      facts.set(r, f);
    }
    return f;
  };
  const count = (r: Rel) => {
    const id = sig.id(r);
    const f = analyze(r);
    const i = info.get(id) ?? { count: 0, worth: f.expensive && f.movable };
    i.count++;
    info.set(id, i);
    children(r).forEach(count);
  };
  views.forEach((v) => count(v.rel));

  // The first (top-down, view order) subtree that occurs twice and is worth sharing: an
  // existing view is free to read again; a new view costs a materialization, which pays only
  // when it is smaller than its inputs (a join's output may be far larger than recomputing it).
  const firstRootOf = (id: number) => views.find((v) => contains(v.rel, id, sig))?.rel;
  let target: number | undefined;
  const find = (r: Rel): void => {
    if (target !== undefined) return;
    const id = sig.id(r);
    const i = info.get(id)!;
    if (i.count >= 2 && i.worth && (reduces(r) || (firstRootOf(id) !== undefined && sig.id(firstRootOf(id)!) === id))) target = id;
    else children(r).forEach(find);
  };
  views.forEach((v) => find(v.rel));
  if (target === undefined) return undefined;

  const occursIn = views.map((v) => contains(v.rel, target!, sig));
  const first = occursIn.indexOf(true);
  const firstView = views[first]!;
  // A whole view that is the subtree and precedes every other occurrence is shared as it is.
  const reuse = sig.id(firstView.rel) === target && !contains(firstView.rel, target, sig, true);
  const body = reuse ? firstView.rel : find1(firstView.rel, target, sig)!;
  const name = reuse ? firstView.name : freshName(views);
  const shared = reuse ? firstView.rel : uniqueNames(body);
  const ref: Rel = { kind: 'ref', name, schema: schemaOf(shared) };
  // Each occurrence keeps its own column names (they may reach a view's output unchanged).
  const replaced = rename(ref, schemaOf(body).map((f) => f.name));
  const replaceIn = (r: Rel): Rel => (sig.id(r) === target ? replaced : withChildren(r, children(r).map(replaceIn)));

  const out: View[] = [];
  views.forEach((v, i) => {
    if (i === first && !reuse) out.push({ name, rel: shared });
    if (i === first && reuse) {
      out.push(v);
      return;
    }
    if (!occursIn[i]) {
      out.push(v);
      return;
    }
    out.push({ name: v.name, rel: replaceIn(v.rel) });
  });
  return out;
}

/** Whether a subtree returns fewer rows than it reads: an aggregate, DISTINCT, winner or set operation without ALL, under filters, projects, sorts and limits. */
function reduces(r: Rel): boolean {
  while (r.kind === 'filter' || r.kind === 'project' || r.kind === 'sort' || r.kind === 'limit') r = r.input;
  return r.kind === 'aggregate' || r.kind === 'distinct' || r.kind === 'winner' || (r.kind === 'setop' && !r.all);
}

function contains(r: Rel, id: number, sig: Signer, belowRootOnly = false): boolean {
  if (!belowRootOnly && sig.id(r) === id) return true;
  return children(r).some((c) => contains(c, id, sig));
}

function find1(r: Rel, id: number, sig: Signer): Rel | undefined {
  if (sig.id(r) === id) return r;
  for (const c of children(r)) {
    const hit = find1(c, id, sig);
    if (hit) return hit;
  }
  return undefined;
}

function freshName(views: readonly View[]): string {
  const taken = new Set(views.map((v) => v.name.toLowerCase()));
  for (let n = 1; ; n++) if (!taken.has(`${SHARED_VIEW_PREFIX}${n}`)) return `${SHARED_VIEW_PREFIX}${n}`;
}

/** A materialized view needs distinct column names: duplicates (a join's `id`, `id`) get suffixes. */
function uniqueNames(r: Rel): Rel {
  const names = schemaOf(r).map((f) => f.name);
  const seen = new Set<string>();
  const unique = names.map((n) => {
    let m = n;
    for (let k = 1; seen.has(m.toLowerCase()); k++) m = `${n}_${k}`;
    seen.add(m.toLowerCase());
    return m;
  });
  return unique.every((u, i) => u === names[i]) ? r : rename(r, unique);
}

function rename(r: Rel, names: readonly string[]): Rel {
  const have = schemaOf(r).map((f) => f.name);
  if (have.every((n, i) => n === names[i])) return r;
  return { kind: 'project', input: r, exprs: names.map((_, i) => E.col(i)), names };
}
