// The view DAG as the semantic-regression tools see it: a canonical view order, what each
// view reads, per-view "own" hashes, and the classification of signature changes into views
// whose definition changed and the downstream views impacted through them.

import { blake3Hex, canonicalJson, mapExpr, mapRelExprs, refsOf, transformUp, type Program, type Rel } from '../../ir/index.ts';

/**
 * The views in a canonical topological order: among the views whose inputs are all placed,
 * the smallest name (UTF-16 order) goes first. Independent of the order rules are written in,
 * so moving a rule in its file changes no golden text.
 */
export function canonicalViewOrder(program: Program): Program {
  const names = new Set(program.views.map((v) => v.name));
  const reads = new Map(program.views.map((v) => [v.name, refsOf(v.rel).filter((r) => names.has(r))]));
  const placed = new Set<string>();
  const order: typeof program.views[number][] = [];
  const byName = new Map(program.views.map((v) => [v.name, v]));
  const sorted = [...names].sort(byCodeUnits);
  while (order.length < sorted.length) {
    const next = sorted.find((n) => !placed.has(n) && reads.get(n)!.every((r) => placed.has(r)));
    // A program is acyclic (the front ends reject cycles); keep the written order if not.
    if (next === undefined) return program;
    placed.add(next);
    order.push(byName.get(next)!);
  }
  return { ...program, views: order };
}

export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** view → the views it reads directly (program views only). */
export function viewReads(program: Program): Map<string, string[]> {
  const names = new Set(program.views.map((v) => v.name));
  return new Map(program.views.map((v) => [v.name, refsOf(v.rel).filter((r) => names.has(r))]));
}

/** Every view that reads one of `roots`, directly or transitively (roots excluded), in program order. */
export function downstreamOf(program: Program, roots: Iterable<string>): string[] {
  const reads = viewReads(program);
  const hit = new Set(roots);
  const out: string[] = [];
  // Views are topologically ordered, so one pass sees every upstream before its readers.
  for (const v of program.views) {
    if (hit.has(v.name)) continue;
    if (reads.get(v.name)!.some((r) => hit.has(r))) {
      hit.add(v.name);
      out.push(v.name);
    }
  }
  return out;
}

/**
 * A view's own hash: BLAKE3 over its canonical IR with each ref reduced to the view name it
 * reads. Unlike the signature it does not change when only an upstream view changes, which
 * tells "this rule changed" apart from "this rule reads something that changed".
 * Call `initHashing()` first.
 */
export function ownHash(rel: Rel): string {
  const bare = (r: Rel): Rel => (r.kind === 'ref' ? { kind: 'ref', name: r.name, schema: [] } : r);
  const inSubqueries = (r: Rel): Rel =>
    mapRelExprs(r, (e) => mapExpr(e, (x) => (x.kind === 'subquery' ? { ...x, rel: transformUp(x.rel, (y) => inSubqueries(bare(y))) } : x)));
  return blake3Hex(canonicalJson(transformUp(rel, (r) => inSubqueries(bare(r)))));
}

/** What identifies a view for change detection. */
export interface ViewIdentity {
  readonly signature: string;
  /** `ownHash`, possibly shortened (compared by prefix). */
  readonly own: string;
}

export interface SignatureChanges {
  /** Views whose own definition changed (their signature changed too). */
  readonly changed: readonly string[];
  /** Views whose definition is the same but whose signature changed through an upstream view. */
  readonly impacted: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
}

function sameOwn(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

/**
 * Classifies every view of `before` and `after` (each in its own order; `after` first, then
 * views only `before` has).
 */
export function classifyChanges(before: ReadonlyMap<string, ViewIdentity>, after: ReadonlyMap<string, ViewIdentity>): SignatureChanges {
  const changed: string[] = [];
  const impacted: string[] = [];
  const added: string[] = [];
  const unchanged: string[] = [];
  for (const [name, now] of after) {
    const was = before.get(name);
    if (!was) added.push(name);
    else if (was.signature === now.signature) unchanged.push(name);
    else if (sameOwn(was.own, now.own)) impacted.push(name);
    else changed.push(name);
  }
  const removed = [...before.keys()].filter((n) => !after.has(n));
  return { changed, impacted, added, removed, unchanged };
}
