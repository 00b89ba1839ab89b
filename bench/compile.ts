// Compile throughput (issues 2 and 13): a generated rule pack of 1,000 rules, parse → IR →
// optimize → SQL for DuckDB and SQLite; views compiled per second, per stage, and the ratio
// against a floor measured in the same run (parsing the same YAML text with no validation at
// all). Times the compiled pipeline (dist/, see compiled.ts); every stage is its best of `runs`.
// "Compile" is what `relc compile --target duckdb` does in-process: spec → IR → signatures →
// optimize → one self-contained statement per view.

import { performance } from 'node:perf_hooks';
import { parse as parseYaml } from 'yaml';
import { compiled as load } from './compiled.ts';

/**
 * 100 independent pipelines of 10 rules over three shared inputs, cycling through every rule
 * kind, so that each view reads a bounded number of upstream views (as real packs do).
 */
export function generateRulePack(pipelines = 100): string {
  const lines: string[] = [
    'relc: 1',
    'name: bench_pack',
    'params:',
    '  threshold: { type: float64, default: 0.5 }',
    'inputs:',
    '  events: { path: events.parquet, schema: { id: int64, user_id: int64, kind: utf8, score: float64, at: date, note: utf8? }, key: [id] }',
    '  users: { path: users.parquet, schema: { id: int64, name: utf8, team: utf8?, joined: date }, key: [id] }',
    '  archive: { path: archive.parquet, schema: { id: int64, user_id: int64, kind: utf8, score: float64, at: date, note: utf8? }, key: [id] }',
    'rules:',
  ];
  for (let p = 0; p < pipelines; p++) {
    const n = (s: string) => `${s}_${p}`;
    lines.push(
      `  - { name: ${n('recent')}, kind: filter, from: events, where: "score >= :threshold and at >= date '2020-01-0${(p % 9) + 1}' and kind <> 'k${p}'" }`,
      `  - { name: ${n('all_events')}, kind: union, from: [${n('recent')}, archive], tag: origin }`,
      `  - { name: ${n('scored')}, kind: project, from: ${n('all_events')}, select: { id: id, user_id: user_id, kind: "upper(kind)", s: "round(score * ${p + 1}) / 2", day: "extract(day from at)", origin: origin, note: "coalesce(note, '-')" } }`,
      `  - { name: ${n('joined')}, kind: relate, left: ${n('scored')}, right: users, join: left, on: "left.user_id = right.id", select: { id: left.id, user: "coalesce(right.name, 'anon')", team: right.team, s: left.s, kind: left.kind } }`,
      `  - { name: ${n('per_team')}, kind: aggregate, from: ${n('joined')}, group_by: [team, kind], measures: { n: "count(*)", users: "count(distinct user)", best: "max(s)", mean: "avg(s)" } }`,
      `  - { name: ${n('top')}, kind: winner, from: ${n('joined')}, partition_by: [team], order_by: ["s desc", "id asc"], keep: 3 }`,
      `  - { name: ${n('active')}, kind: relate, left: users, right: ${n('recent')}, join: semi, on: "left.id = right.user_id" }`,
      `  - { name: ${n('idle')}, kind: relate, left: users, right: ${n('recent')}, join: anti, on: "left.id = right.user_id" }`,
      `  - { name: ${n('ids')}, kind: normalize, from: ${n('top')}, id: { name: top_id, of: [user, kind, id] }, text: [user] }`,
      `  - { name: ${n('report')}, kind: sql, sql: "select t.team, t.n, t.best, (select count(*) from ${n('idle')}) as idle from ${n('per_team')} t where t.n > 1" }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export interface CompileBenchFigures {
  readonly rules: number;
  readonly views: number;
  readonly yamlFloorMs: number;
  readonly specMs: number;
  readonly optimizeMs: number;
  readonly lowerMs: { readonly duckdb: number; readonly sqlite: number };
  readonly lowerExecMs: { readonly duckdb: number; readonly sqlite: number };
  /** spec + optimize + DuckDB statements: `relc compile --target duckdb` of the pack. */
  readonly compileMs: number;
  /** spec + optimize + both dialects' statements. */
  readonly totalMs: number;
  readonly viewsPerSecond: number;
  readonly ratioToYamlFloor: number;
}

function best<T>(runs: number, f: () => T): { ms: number; value: T } {
  let ms = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = f();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, value };
}

export async function benchCompile(runs = 7): Promise<CompileBenchFigures> {
  const { initHashing, signViews } = await load<typeof import('../src/ir/index.ts')>('ir/index');
  const { lowerView, lowerViewForExecution } = await load<typeof import('../src/lower/sql/index.ts')>('lower/sql/index');
  const { optimizeProgram } = await load<typeof import('../src/optimize/index.ts')>('optimize/index');
  const { compileSpecText } = await load<typeof import('../src/spec/index.ts')>('spec/index');
  await initHashing();
  const text = generateRulePack();
  const floor = best(runs, () => parseYaml(text));
  let specMs = Infinity;
  let compiled!: Awaited<ReturnType<typeof compileSpecText>>;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    compiled = await compileSpecText(text, 'bench.yaml');
    signViews(compiled.program);
    specMs = Math.min(specMs, performance.now() - t0);
  }
  const opt = best(runs, () => optimizeProgram(compiled.program, {}).program);
  const program = opt.value;
  const names = compiled.program.views.map((v) => v.name);
  const lower = (f: typeof lowerView, d: 'duckdb' | 'sqlite') => best(runs, () => names.map((n) => f(program, n, d).sql.length)).ms;
  const lowerMs = { duckdb: lower(lowerView, 'duckdb'), sqlite: lower(lowerView, 'sqlite') };
  const lowerExecMs = { duckdb: lower(lowerViewForExecution, 'duckdb'), sqlite: lower(lowerViewForExecution, 'sqlite') };
  const totalMs = specMs + opt.ms + lowerMs.duckdb + lowerMs.sqlite;
  return {
    rules: compiled.spec.rules.length,
    views: names.length,
    yamlFloorMs: floor.ms,
    specMs,
    optimizeMs: opt.ms,
    lowerMs,
    lowerExecMs,
    compileMs: specMs + opt.ms + lowerMs.duckdb,
    totalMs,
    viewsPerSecond: names.length / (totalMs / 1000),
    ratioToYamlFloor: totalMs / floor.ms,
  };
}

/** The figures as printed by `npm run bench compile`. */
export function renderCompile(c: CompileBenchFigures): string[] {
  const f = (x: number) => x.toFixed(1);
  return [
    `rules ${c.rules}, views ${c.views}; compiled pipeline (dist/), best of runs per stage`,
    `  spec parse+validate+IR+sign  ${f(c.specMs)} ms`,
    `  optimize                     ${f(c.optimizeMs)} ms`,
    `  lower duckdb (CTE form)      ${f(c.lowerMs.duckdb)} ms   (per-view execution form ${f(c.lowerExecMs.duckdb)} ms)`,
    `  lower sqlite (CTE form)      ${f(c.lowerMs.sqlite)} ms   (per-view execution form ${f(c.lowerExecMs.sqlite)} ms)`,
    `  compile (relc compile --target duckdb: spec + optimize + duckdb)  ${f(c.compileMs)} ms   (target < 300 ms)`,
    `  total with both dialects     ${f(c.totalMs)} ms → ${f(c.viewsPerSecond)} views/s`,
    `  baseline: YAML parse only    ${f(c.yamlFloorMs)} ms → pipeline is ${f(c.ratioToYamlFloor)}× the bare YAML parse`,
  ];
}
