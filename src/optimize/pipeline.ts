// The pass pipelines, one per spec `profile`, and the resolution of profile + disabled passes
// into the ordered list the driver runs (that list is recorded in the run envelope).

import { RelcError } from '../ir/index.ts';
import { commonSubplan } from './common-subplan.ts';
import { eliminateRedundantSort } from './eliminate-redundant-sort.ts';
import { eliminateTrivial } from './eliminate-trivial.ts';
import { extractJoinKeys } from './extract-join-keys.ts';
import { mergeFilters } from './merge-filters.ts';
import { mergeProjects } from './merge-projects.ts';
import { outerToInner } from './outer-to-inner.ts';
import type { Pass } from './pass.ts';
import { pruneColumns } from './prune-columns.ts';
import { pushDownFilter } from './push-down-filter.ts';
import { pushDownLimit } from './push-down-limit.ts';
import { semiJoinReduction } from './semi-join-reduction.ts';
import { simplify } from './simplify.ts';

/**
 * The full pipeline, in order. The driver repeats the per-view passes until the plan stops
 * changing, so an order is never needed for correctness, only for reaching the fixed point in
 * fewer rounds; the comments say which neighbour each pass wants to run before or after.
 */
const FULL: readonly Pass[] = [
  // First: folds constants, normalizes NOT and flattens AND/OR, so every later pass sees plain
  // conjunctions and literal true/false instead of `1 = 1`.
  simplify,
  // After simplify (which produces the `filter false` it removes), before the passes that move
  // things: an empty relation propagated early spares them the work.
  eliminateTrivial,
  // Before push_down_filter: a filter over a cross join becomes a join condition here, so the
  // pushdown then sends only its one-sided conjuncts into the inputs.
  extractJoinKeys,
  // Before push_down_filter: an outer join made inner lets the same round push the filter's
  // conjuncts into both of its sides. Needs the filter directly above the join, which
  // push_down_filter of the previous round arranged.
  outerToInner,
  pushDownFilter,
  // After push_down_filter: pushing stacks filters on filters that were already there.
  mergeFilters,
  // After push_down_filter and merge_filters: the filters that make a side selective are in
  // place; before prune_columns, which narrows the duplicated chain to the key it reads.
  semiJoinReduction,
  // Before push_down_limit: a sort that goes away cannot stand between a limit and a union.
  eliminateRedundantSort,
  pushDownLimit,
  // After push_down_filter: a column read only by a conjunct that moved below a join is no
  // longer needed above it.
  pruneColumns,
  // After prune_columns: user projects and pushed-down limits leave project-over-project chains.
  mergeProjects,
  // Program pass, run once after every view reached its fixed point: only then are equal
  // computations spelled equally (same pushed filters, same pruned columns).
  commonSubplan,
];

/** Every pass relc has, by name. */
export const PASSES: ReadonlyMap<string, Pass> = new Map(FULL.map((p) => [p.name, p]));

export type Profile = 'default' | 'strict' | 'low_latency' | 'replay';
export const PROFILES: readonly Profile[] = ['default', 'strict', 'low_latency', 'replay'];

export interface PipelineSpec {
  readonly passes: readonly Pass[];
  /** Rounds of the per-view passes before the driver gives up on reaching a fixed point. */
  readonly maxIterations: number;
}

const byName = (names: readonly string[]): Pass[] => names.map((n) => PASSES.get(n)!);

/**
 * Pipelines by profile.
 * - default, strict: every pass (strict differs in how warnings are reported, not in rewrites).
 * - low_latency: the cheap local rewrites only, few rounds, and no common_subplan (a shared
 *   view is materialized before its readers start, which delays the first result).
 * - replay: the default pipeline of pipeline version 1, spelled out so that changing the
 *   default never changes how a recorded run replays.
 */
export const PIPELINES: Readonly<Record<Profile, PipelineSpec>> = {
  default: { passes: FULL, maxIterations: 16 },
  strict: { passes: FULL, maxIterations: 16 },
  low_latency: {
    passes: byName(['simplify', 'eliminate_trivial', 'push_down_filter', 'merge_filters', 'prune_columns', 'merge_projects']),
    maxIterations: 4,
  },
  replay: {
    passes: byName([
      'simplify', 'eliminate_trivial', 'extract_join_keys', 'outer_to_inner', 'push_down_filter', 'merge_filters',
      'eliminate_redundant_sort', 'push_down_limit', 'prune_columns', 'merge_projects', 'common_subplan',
    ]),
    maxIterations: 16,
  },
};

export interface PipelineOptions {
  readonly profile?: string;
  readonly disable?: readonly string[];
  readonly enabled?: boolean;
}

/** The passes a run uses, in order (empty when optimization is off). Bad names are SPEC_BAD_VALUE. */
export function resolvePipeline(opts: PipelineOptions): PipelineSpec {
  const profile = opts.profile ?? 'default';
  if (!(PROFILES as readonly string[]).includes(profile)) {
    throw new RelcError('SPEC_BAD_VALUE', `unknown profile '${profile}' (profiles: ${PROFILES.join(', ')})`, { details: { profile, available: PROFILES } });
  }
  const spec = PIPELINES[profile as Profile];
  for (const name of opts.disable ?? []) {
    if (!PASSES.has(name)) {
      throw new RelcError('SPEC_BAD_VALUE', `unknown optimizer pass '${name}' (passes: ${[...PASSES.keys()].join(', ')})`, {
        details: { pass: name, available: [...PASSES.keys()] },
      });
    }
  }
  if (opts.enabled === false) return { passes: [], maxIterations: 0 };
  const off = new Set(opts.disable ?? []);
  return { passes: spec.passes.filter((p) => !off.has(p.name)), maxIterations: spec.maxIterations };
}

/** The names of the passes a run uses, in order: part of the run envelope. */
export function passList(opts: PipelineOptions): string[] {
  return resolvePipeline(opts).passes.map((p) => p.name);
}
