// Differential proof of the optimizer: thousands of seeded random plans, each executed
// unoptimized and optimized on DuckDB AND on SQLite; the results must be equal (as multisets,
// or as ordered lists where the plan's root orders every column). Random programs with
// repeated subplans check common_subplan the same way. Every plan the generator ever caught is
// kept in golden/optimize/regressions/ and re-run here.
//
// RELC_OPT_SEED and RELC_OPT_PLANS override the seed and the plan count (default 2000).

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { openBackend, canonicalRowKey, type Backend, type CanonicalValue } from '../src/backends/index.ts';
import { isRelcError, planText, schemaOf, type Program, type Rel } from '../src/ir/index.ts';
import { lowerRel, lowerView } from '../src/lower/sql/index.ts';
import { optimizeProgram, optimizeRel } from '../src/optimize/index.ts';
import { generatePlans, generatePrograms, rootOrdersTotally, tableFile, type GeneratedTable } from './support/random-plans.ts';

const SEED = Number(process.env.RELC_OPT_SEED ?? 20250101);
const PLANS = Number(process.env.RELC_OPT_PLANS ?? 2000);
const PROGRAMS = Number(process.env.RELC_OPT_PROGRAMS ?? 150);
const REGRESSIONS = join(import.meta.dirname, '..', 'golden', 'optimize', 'regressions');

type Engine = 'duckdb' | 'sqlite';
const ENGINES: readonly Engine[] = ['duckdb', 'sqlite'];

interface Outcome {
  readonly rows?: readonly string[]; // canonical row keys, in result order
  readonly error?: string; // 'unsupported: …' (lowering refused) or 'failed: CODE message'
}

const backends = new Map<Engine, Backend>();
const dirs: string[] = [];

async function setup(tables: readonly GeneratedTable[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'relc-opt-diff-'));
  dirs.push(dir);
  for (const engine of ENGINES) {
    if (!backends.has(engine)) backends.set(engine, await openBackend(engine, { threads: 1 }));
    const b = backends.get(engine)!;
    for (const t of tables) {
      const file = tableFile(t);
      const path = join(dir, `${t.name}.${file.format}`);
      writeFileSync(path, file.text);
      await b.exec(`DROP TABLE IF EXISTS "${t.name}"`);
      await b.loadInput({ name: t.name, path, format: file.format, schema: t.schema }, path);
    }
  }
}

async function run(engine: Engine, sqlOf: () => { sql: string; params: readonly string[] }, rel: Rel): Promise<Outcome> {
  let lowered;
  try {
    lowered = sqlOf();
  } catch (e) {
    if (isRelcError(e) && e.code === 'BACKEND_UNSUPPORTED') return { error: `unsupported: ${e.message}` };
    return { error: `lowering failed: ${isRelcError(e) ? e.code : ''} ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    const rows = await backends.get(engine)!.query(lowered.sql, [], schemaOf(rel));
    return { rows: rows.map((r) => canonicalRowKey(r as CanonicalValue[])) };
  } catch (e) {
    return { error: `failed: ${isRelcError(e) ? e.code : ''} ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * Whether the optimized outcome is acceptable: the same rows (in order when `ordered`). When the
 * unoptimized plan cannot run (lowering refused it, the engine failed) there is nothing to
 * compare with (those plans are counted, not compared); an optimized plan that cannot run
 * while the unoptimized one did is a mismatch.
 */
function agrees(u: Outcome, o: Outcome, ordered: boolean): boolean {
  if (u.error) return true;
  if (o.error) return false;
  const x = ordered ? u.rows! : [...u.rows!].sort();
  const y = ordered ? o.rows! : [...o.rows!].sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

interface Mismatch {
  readonly what: string;
  readonly engine: Engine;
  readonly before: string;
  readonly after: string;
  readonly sqlBefore: string;
  readonly sqlAfter: string;
  readonly unoptimized: Outcome;
  readonly optimized: Outcome;
}

function describe(m: Mismatch): string {
  const show = (o: Outcome) => o.error ?? `${o.rows!.length} rows: ${o.rows!.slice(0, 8).join(' ')}`;
  return [
    `--- ${m.what} on ${m.engine}`,
    'unoptimized:', m.before, m.sqlBefore, `=> ${show(m.unoptimized)}`,
    'optimized:', m.after, m.sqlAfter, `=> ${show(m.optimized)}`,
  ].join('\n');
}

const safeSql = (f: () => { sql: string }) => {
  try {
    return f().sql;
  } catch (e) {
    return `(no SQL: ${e instanceof Error ? e.message : String(e)})`;
  }
};

/** Runs one plan both ways on both engines; returns the mismatches and what ran. */
async function check(what: string, plan: Rel, stats: Stats): Promise<Mismatch[]> {
  const optimized = optimizeRel(plan).rel;
  const ordered = rootOrdersTotally(plan);
  const out: Mismatch[] = [];
  const changed = planText(optimized) !== planText(plan);
  if (changed) stats.changed++;
  for (const engine of ENGINES) {
    const before = () => lowerRel(plan, engine);
    const after = () => lowerRel(optimized, engine);
    const u = await run(engine, before, plan);
    // An unchanged plan lowers to the same statement: running it twice proves nothing more.
    const o = changed ? await run(engine, after, optimized) : u;
    if (u.error?.startsWith('unsupported')) stats.unsupported[engine]++;
    else if (u.error) stats.failedUnoptimized[engine]++;
    else stats.executed[engine]++;
    if (!agrees(u, o, ordered)) {
      out.push({ what, engine, before: planText(plan), after: planText(optimized), sqlBefore: safeSql(before), sqlAfter: safeSql(after), unoptimized: u, optimized: o });
    }
  }
  return out;
}

interface Stats {
  plans: number;
  changed: number;
  executed: Record<Engine, number>;
  unsupported: Record<Engine, number>;
  failedUnoptimized: Record<Engine, number>;
}

const newStats = (): Stats => ({ plans: 0, changed: 0, executed: { duckdb: 0, sqlite: 0 }, unsupported: { duckdb: 0, sqlite: 0 }, failedUnoptimized: { duckdb: 0, sqlite: 0 } });

test.after(async () => {
  for (const b of backends.values()) await b.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test(`${PLANS} random plans: optimized = unoptimized on DuckDB and SQLite`, async () => {
  const { tables, plans } = generatePlans(SEED, PLANS);
  await setup(tables);
  const stats = newStats();
  const mismatches: Mismatch[] = [];
  const started = performance.now();
  for (const [i, plan] of plans.entries()) {
    stats.plans++;
    mismatches.push(...(await check(`plan ${i} of seed ${SEED}`, plan, stats)));
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`optimizer differential: ${stats.plans} plans (seed ${SEED}), ${stats.changed} changed by the optimizer; executed duckdb ${stats.executed.duckdb}, sqlite ${stats.executed.sqlite}; unsupported duckdb ${stats.unsupported.duckdb}, sqlite ${stats.unsupported.sqlite}; unoptimized failed duckdb ${stats.failedUnoptimized.duckdb}, sqlite ${stats.failedUnoptimized.sqlite}; ${mismatches.length} mismatches; ${secs}s`);
  assert.is(mismatches.length, 0, mismatches.slice(0, 5).map(describe).join('\n\n'));
  assert.ok(stats.executed.duckdb >= PLANS * 0.9 && stats.executed.sqlite >= PLANS * 0.8, 'too few plans executed: the comparison would prove little');
});

test(`${PROGRAMS} random programs (shared subplans): every view equal optimized and unoptimized`, async () => {
  const { tables, programs } = generatePrograms(SEED + 1, PROGRAMS);
  await setup(tables);
  const mismatches: Mismatch[] = [];
  let shared = 0;
  let programsSkipped = 0;
  for (const [i, p] of programs.entries()) {
    const r = await checkProgram(`program ${i} of seed ${SEED + 1}`, p);
    if (r.shared) shared++;
    programsSkipped += r.skipped;
    mismatches.push(...r);
  }
  console.log(`optimizer differential: ${programs.length} programs, ${shared} with shared subplans, ${programsSkipped} view runs not comparable (unoptimized failed), ${mismatches.length} mismatches`);
  assert.ok(shared >= programs.length / 10, `only ${shared} programs exercised common_subplan`);
  assert.is(mismatches.length, 0, mismatches.slice(0, 3).map(describe).join('\n\n'));
});

/** Every view of a program, unoptimized and optimized (dependencies inlined as CTEs), on both engines. */
async function checkProgram(what: string, p: Program): Promise<Mismatch[] & { shared: boolean; skipped: number }> {
  const o = optimizeProgram(p).program;
  const out: Mismatch[] = [];
  let skipped = 0;
  for (const v of p.views) {
    const after = o.views.find((x) => x.name === v.name)!.rel;
    for (const engine of ENGINES) {
      const before = () => lowerView(p, v.name, engine);
      const optimized = () => lowerView(o, v.name, engine);
      const u = await run(engine, before, v.rel);
      const r = await run(engine, optimized, after);
      if (u.error) skipped++;
      if (!agrees(u, r, false)) {
        out.push({ what: `${what} view ${v.name}`, engine, before: programText(p), after: programText(o), sqlBefore: safeSql(before), sqlAfter: safeSql(optimized), unoptimized: u, optimized: r });
      }
    }
  }
  return Object.assign(out, { shared: o.views.length > p.views.length, skipped });
}

function programText(p: Program): string {
  return p.views.map((v) => `-- view ${v.name}\n${planText(v.rel)}`).join('\n');
}

interface Regression {
  readonly description: string;
  /** The generator seed that found it. */
  readonly seed: number;
  /** The tables it ran on (int64 as JSON numbers: they are small), so the fixture outlives generator changes. */
  readonly tables: readonly GeneratedTable[];
  readonly plan?: Rel;
  readonly program?: Program;
}

/** Fixture tables back to canonical values (int64 → bigint). */
function fixtureTables(tables: readonly GeneratedTable[]): GeneratedTable[] {
  return tables.map((t) => ({ ...t, rows: t.rows.map((row) => row.map((v, i) => (t.schema[i]!.type.kind === 'int64' && typeof v === 'number' ? BigInt(v) : v))) }));
}

test('regressions: every plan the generator caught stays equal', async () => {
  const files = (existsSync(REGRESSIONS) ? readdirSync(REGRESSIONS) : []).filter((f) => f.endsWith('.json')).sort();
  assert.ok(files.length > 0, `no regression fixtures found in ${REGRESSIONS}`);
  const mismatches: Mismatch[] = [];
  for (const f of files) {
    const fx = JSON.parse(readFileSync(join(REGRESSIONS, f), 'utf8')) as Regression;
    await setup(fixtureTables(fx.tables));
    if (fx.plan) mismatches.push(...(await check(f, fx.plan, newStats())));
    if (fx.program) mismatches.push(...(await checkProgram(f, fx.program)));
  }
  assert.is(mismatches.length, 0, mismatches.map(describe).join('\n\n'));
});

test.run();
