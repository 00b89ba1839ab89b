// The optimizer driver: fixed point and its stop reasons, the IR/schema checks after every pass
// (violations are INTERNAL naming the pass), profiles, disabling, the trace and its rendering,
// and pass-level guard rails that the differential test cannot reach (non-deterministic calls).

import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { E, field, RelcError, schemaOf, T, type Expr, type Program, type Rel } from '../src/ir/index.ts';
import { optimizeProgram, optimizeRel, passList, PASSES, PIPELINES, renderTrace, type Pass, type PassTrace } from '../src/optimize/index.ts';
import { isMovable } from '../src/optimize/exprs.ts';
import { generatePlans } from './support/random-plans.ts';

const people: Rel = { kind: 'scan', table: 'people', schema: [field('id', T.int64), field('name', T.utf8), field('team_id', T.int64, true), field('score', T.float64)] };
const teams: Rel = { kind: 'scan', table: 'teams', schema: [field('id', T.int64), field('region', T.utf8)] };
const gt = (a: Expr, b: Expr): Expr => E.call('gt', [a, b], T.bool);
const eq = (a: Expr, b: Expr): Expr => E.call('equal', [a, b], T.bool);
const filter = (input: Rel, condition: Expr): Rel => ({ kind: 'filter', input, condition });

function internalError(f: () => unknown): RelcError {
  try {
    f();
  } catch (e) {
    assert.instance(e, RelcError);
    return e as RelcError;
  }
  throw new Error('expected an error');
}

test('the default pipeline reaches a fixed point and records every pass of every round', () => {
  const rel = filter({ kind: 'join', type: 'inner', left: people, right: teams, condition: eq(E.col(2), E.col(4)) }, gt(E.col(3), E.lit(T.float64, 1)));
  const { trace } = optimizeRel(rel, { view: 'v' });
  const done = trace.find((t) => t.kind === 'done');
  assert.equal(done && { stop: done.stop, iterations: done.iterations }, { stop: 'fixed_point', iterations: 2 });
  const perRound = PIPELINES.default.passes.filter((p) => p.scope === 'rel').length;
  assert.is(trace.filter((t) => t.kind === 'pass').length, 2 * perRound);
});

test('a pass that changes the output schema is an INTERNAL error naming it', () => {
  const renames: Pass = { name: 'bad_rename', scope: 'rel', run: (rel) => ({ changed: true, rel: { kind: 'project', input: rel, exprs: schemaOf(rel).map((_, i) => E.col(i)), names: schemaOf(rel).map((f) => `${f.name}_x`) } }) };
  const e = internalError(() => optimizeRel(people, { passes: [renames], view: 'v' }));
  assert.is(e.code, 'INTERNAL');
  assert.is(e.details?.pass, 'bad_rename');
  assert.match(e.message, "optimizer pass bad_rename changed the output schema of view v: column 1 'id' was renamed to 'id_x'");
});

test('nullability may only become stricter', () => {
  const loosens: Pass = {
    name: 'bad_nullable', scope: 'rel',
    run: (rel) => ({ changed: true, rel: { kind: 'join', type: 'left', left: { kind: 'values', schema: [field('one', T.int32)], rows: [[E.lit(T.int32, 1)]] }, right: rel, condition: E.lit(T.bool, true) } }),
  };
  const widen: Pass = { name: 'bad_nullable', scope: 'rel', run: (rel) => ({ changed: true, rel: { kind: 'project', input: loosens.run(rel, { views: new Map() }).rel, exprs: [1, 2, 3, 4].map(E.col), names: ['id', 'name', 'team_id', 'score'] } }) };
  const e = internalError(() => optimizeRel(people, { passes: [widen] }));
  assert.is(e.code, 'INTERNAL');
  assert.match(e.message, "column 1 'id' became nullable");
  // outer_to_inner makes columns non-nullable: accepted.
  const rel = filter({ kind: 'join', type: 'left', left: people, right: teams, condition: eq(E.col(2), E.col(4)) }, eq(E.col(5), E.lit(T.utf8, 'eu')));
  const out = optimizeRel(rel).rel;
  assert.equal(schemaOf(out).map((f) => f.nullable), [false, false, true, false, false, false]);
});

test('a pass producing invalid IR, or crashing, is an INTERNAL error naming it', () => {
  const invalid: Pass = { name: 'bad_ir', scope: 'rel', run: (rel) => ({ changed: true, rel: filter(rel, eq(E.col(99), E.lit(T.int64, '1'))) }) };
  const e1 = internalError(() => optimizeRel(people, { passes: [invalid] }));
  assert.is(e1.code, 'INTERNAL');
  assert.match(e1.message, 'optimizer pass bad_ir produced an invalid plan');
  const crash: Pass = { name: 'bad_crash', scope: 'rel', run: () => { throw new TypeError('boom'); } };
  const e2 = internalError(() => optimizeRel(people, { passes: [crash] }));
  assert.is(e2.code, 'INTERNAL');
  assert.is(e2.details?.pass, 'bad_crash');
});

test('the driver stops on a repeated plan and at the round limit', () => {
  // Toggles between two equivalent plans forever.
  const toggle: Pass = {
    name: 'toggle', scope: 'rel',
    run: (rel) => ({ changed: true, rel: rel.kind === 'filter' && rel.condition.kind === 'lit' ? rel.input : filter(rel, E.lit(T.bool, true)) }),
  };
  const t1 = optimizeRel(people, { passes: [toggle] }).trace.find((t) => t.kind === 'done');
  assert.is(t1?.kind === 'done' && t1.stop, 'repeated_plan');
  // Grows the plan forever (never repeats).
  const grow: Pass = { name: 'grow', scope: 'rel', run: (rel) => ({ changed: true, rel: filter(rel, E.lit(T.bool, true)) }) };
  const t2 = optimizeRel(people, { passes: [grow], maxIterations: 5 }).trace.find((t) => t.kind === 'done');
  assert.equal(t2?.kind === 'done' && [t2.stop, t2.iterations], ['max_iterations', 5]);
});

test('profiles select pipelines; passes are disabled by name; unknown names are SPEC_BAD_VALUE', () => {
  assert.equal(passList({}), [
    'simplify', 'eliminate_trivial', 'extract_join_keys', 'outer_to_inner', 'push_down_filter', 'merge_filters',
    'semi_join_reduction', 'eliminate_redundant_sort', 'push_down_limit', 'prune_columns', 'merge_projects', 'common_subplan',
  ]);
  // replay is pipeline version 1, frozen: the passes added since are not in it.
  assert.equal(passList({ profile: 'replay' }), passList({ profile: 'default', disable: ['semi_join_reduction'] }));
  assert.equal(passList({ profile: 'low_latency' }), ['simplify', 'eliminate_trivial', 'push_down_filter', 'merge_filters', 'prune_columns', 'merge_projects']);
  assert.ok(!passList({ disable: ['prune_columns'] }).includes('prune_columns'));
  assert.equal(passList({ enabled: false }), []);
  const e1 = internalError(() => passList({ disable: ['push_down_filters'] }));
  assert.is(e1.code, 'SPEC_BAD_VALUE');
  assert.match(e1.message, "unknown optimizer pass 'push_down_filters' (passes: simplify, ");
  const e2 = internalError(() => optimizeRel(people, { profile: 'fast' }));
  assert.is(e2.code, 'SPEC_BAD_VALUE');
  assert.match(e2.message, "unknown profile 'fast' (profiles: default, strict, low_latency, replay)");
  // A disabled pass does not run: without push_down_filter the filter stays above the join.
  const rel = filter({ kind: 'join', type: 'inner', left: people, right: teams, condition: eq(E.col(2), E.col(4)) }, gt(E.col(3), E.lit(T.float64, 1)));
  assert.is(optimizeRel(rel, { disable: ['push_down_filter'] }).rel.kind, 'filter');
  assert.is(optimizeRel(rel).rel.kind, 'join');
  assert.is(optimizeRel(rel, { enabled: false }).rel, rel);
});

test('the observer sees the trace as it happens; renderTrace prints every pass', () => {
  const seen: PassTrace[] = [];
  const rel = filter(people, E.call('and', [gt(E.col(3), E.lit(T.float64, 1)), E.lit(T.bool, true)], T.bool));
  const { trace } = optimizeRel(rel, { view: 'adults', observer: (e) => seen.push(e), profile: 'low_latency' });
  assert.equal(seen, trace);
  assert.fixture(renderTrace(trace), [
    '== view adults',
    '-- input',
    '01)filter (and (gt score#3 1) true)',
    '02)--scan people [id: int64, name: utf8, team_id: int64?, score: float64]',
    '-- round 1',
    '-- simplify:',
    '01)filter (gt score#3 1)',
    '02)--scan people [id: int64, name: utf8, team_id: int64?, score: float64]',
    '-- eliminate_trivial: unchanged',
    '-- push_down_filter: unchanged',
    '-- merge_filters: unchanged',
    '-- prune_columns: unchanged',
    '-- merge_projects: unchanged',
    '-- round 2',
    '-- simplify: unchanged',
    '-- eliminate_trivial: unchanged',
    '-- push_down_filter: unchanged',
    '-- merge_filters: unchanged',
    '-- prune_columns: unchanged',
    '-- merge_projects: unchanged',
    '-- stopped after 2 rounds: fixed point (a round changed nothing)',
  ].join('\n'));
});

test('program passes: shared views are traced; a program pass may not rename a view', () => {
  const agg: Rel = { kind: 'aggregate', input: people, groupBy: [E.col(2)], measures: [{ fn: 'count', args: [], distinct: false, type: T.int64 }], names: ['team', 'n'] };
  const program: Program = {
    name: 'p', profile: 'default', params: [], inputs: [],
    views: [{ name: 'a', rel: filter(agg, gt(E.col(1), E.lit(T.int64, '1'))) }, { name: 'b', rel: { kind: 'project', input: agg, exprs: [E.col(1), E.col(0)], names: ['n', 'team'] } }],
    outputs: [{ name: 'a', from: 'a', orderBy: [], format: 'parquet' }, { name: 'b', from: 'b', orderBy: [], format: 'parquet' }],
  };
  const { program: out, trace } = optimizeProgram(program);
  assert.equal(out.views.map((v) => v.name), ['relc_shared_1', 'a', 'b']);
  const pp = trace.find((t) => t.kind === 'program_pass');
  assert.equal(pp?.kind === 'program_pass' && [pp.pass, pp.changed, pp.added, pp.rewritten], ['common_subplan', true, ['relc_shared_1'], ['a', 'b']]);
  assert.match(renderTrace(trace), '== program pass common_subplan: changed\n-- new view relc_shared_1:\n01)aggregate group [team := team_id#2]');
  const renamer: Pass = { name: 'bad_program', scope: 'program', runProgram: (p) => ({ changed: true, program: { ...p, views: p.views.map((v) => ({ ...v, name: `${v.name}2` })), outputs: [] } }) };
  const e = internalError(() => optimizeProgram(program, { passes: [renamer] }));
  assert.is(e.code, 'INTERNAL');
  assert.is(e.details?.pass, 'bad_program');
});

test('non-deterministic expressions are never moved, merged or folded', () => {
  // No registry function is non-deterministic today; an unregistered one counts as such.
  const rnd: Expr = E.call('random', [], T.float64);
  const nd = gt(rnd, E.lit(T.float64, 0.5));
  assert.not.ok(isMovable(nd));
  assert.ok(isMovable(gt(E.col(0), E.lit(T.int64, '1'))));
  const ctx = { views: new Map() };
  const join: Rel = { kind: 'join', type: 'inner', left: people, right: teams, condition: eq(E.col(2), E.col(4)) };
  // A filter calling random() above a join stays above it (below, it would run per input row).
  const pushed = PASSES.get('push_down_filter')!;
  assert.ok(pushed.scope === 'rel');
  if (pushed.scope !== 'rel') return;
  const r1 = pushed.run(filter(join, E.call('and', [nd, gt(E.col(3), E.lit(T.float64, 1))], T.bool)), ctx).rel;
  assert.is(r1.kind, 'filter');
  assert.equal(r1.kind === 'filter' && r1.condition, nd);
  // Through a project computing random(): a filter on that column stays above.
  const proj: Rel = { kind: 'project', input: people, exprs: [E.col(0), rnd], names: ['id', 'r'] };
  const r2 = pushed.run(filter(proj, gt(E.col(1), E.lit(T.float64, 0.5))), ctx).rel;
  assert.is(r2.kind, 'filter');
  // Two filters, one non-deterministic, are not merged; a project reading random() twice is not merged.
  const mf = PASSES.get('merge_filters')!;
  if (mf.scope === 'rel') assert.not.ok(mf.run(filter(filter(people, nd), gt(E.col(0), E.lit(T.int64, '1'))), ctx).changed);
  const mp = PASSES.get('merge_projects')!;
  const twice: Rel = { kind: 'project', input: proj, exprs: [E.col(1), E.col(1)], names: ['a', 'b'] };
  if (mp.scope === 'rel') assert.not.ok(mp.run(twice, ctx).changed);
  // Duplicate non-deterministic conjuncts are two draws, not one.
  const s = PASSES.get('simplify')!;
  if (s.scope === 'rel') assert.not.ok(s.run(filter(people, E.call('and', [nd, nd], T.bool)), ctx).changed);
});

test('every pipeline converges: 3,000 random plans (unordered limits too) reach a fixed point, not a cycle or the round limit', () => {
  const { plans } = generatePlans(99, 3000, { unorderedLimits: true });
  const stops = new Map<string, number>();
  for (const profile of ['default', 'low_latency'] as const) {
    for (const p of plans) {
      const done = optimizeRel(p, { profile }).trace.find((t) => t.kind === 'done');
      const key = `${profile}:${done?.kind === 'done' ? done.stop : 'none'}`;
      stops.set(key, (stops.get(key) ?? 0) + 1);
    }
  }
  assert.equal(Object.fromEntries(stops), { 'default:fixed_point': 3000, 'low_latency:fixed_point': 3000 });
});

test.run();
