// Issue 5: `relc run` of a Substrait plan against registered inputs gives the rule pack's
// outputs (same content hashes) on DuckDB and SQLite.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { compileSubstrait } from '../src/run/compose/substrait.ts';
import { loadSpecFile, prepareProgram } from '../src/run/compose/compile.ts';
import { runSpecFile } from '../src/run/execute/execute.ts';
import { replayBundle } from '../src/run/gate/replay.ts';

const SPEC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../examples/quickstart/relc.yaml');
const DATA = path.join(path.dirname(SPEC), 'data');
const INPUTS = {
  people: path.join(DATA, 'people.csv'),
  contractors: path.join(DATA, 'contractors.csv'),
  teams: path.join(DATA, 'teams.csv'),
  cst_nodes: path.join(DATA, 'cst_nodes.jsonl'),
};
// relc's plans carry the parameters' names and defaults (relc.Parameters); an override by name.
const PARAMS = { min_score: '0.5' };

const hashes = (r: Awaited<ReturnType<typeof runSpecFile>>) => r.manifest.outputs.map((o) => [o.name, o.rows, o.content_hash]);

test('a compiled Substrait plan (binary and JSON) runs with the pack’s results on DuckDB and SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-substrait-run-'));
  try {
    const compiled = await loadSpecFile(SPEC);
    const prepared = await prepareProgram(compiled.program, { optimize: true, disable: [] }, compiled);
    const bin = path.join(dir, 'plan.substrait');
    const json = path.join(dir, 'plan.json');
    writeFileSync(bin, compileSubstrait(prepared, 'binary') as Uint8Array);
    writeFileSync(json, compileSubstrait(prepared, 'json') as string);
    const expected = hashes(await runSpecFile(SPEC, { backend: 'duckdb', optimize: true, disable: [] }));
    assert.is(expected.length, 9);
    for (const backend of ['duckdb', 'sqlite'] as const) {
      for (const plan of [bin, json]) {
        const got = await runSpecFile(plan, { backend, optimize: true, disable: [], inputs: INPUTS, params: PARAMS });
        assert.equal(hashes(got), expected, `${backend} ${path.basename(plan)}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a run of a plan, and a run with --input overrides, replay without differences', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-substrait-replay-'));
  try {
    const compiled = await loadSpecFile(SPEC);
    const prepared = await prepareProgram(compiled.program, { optimize: true, disable: [] }, compiled);
    const plan = path.join(dir, 'plan.json');
    writeFileSync(plan, compileSubstrait(prepared, 'json') as string);
    await runSpecFile(plan, { backend: 'sqlite', optimize: true, disable: [], inputs: INPUTS, params: PARAMS, outDir: path.join(dir, 'b1') });
    const r1 = await replayBundle(path.join(dir, 'b1'));
    assert.equal(r1.mismatches, []);
    const teams = path.join(dir, 'teams.csv');
    writeFileSync(teams, 'id,name,budget\n10,compilers,1.00\n');
    await runSpecFile(SPEC, { backend: 'duckdb', optimize: true, disable: [], inputs: { teams }, outDir: path.join(dir, 'b2') });
    const r2 = await replayBundle(path.join(dir, 'b2'));
    assert.equal(r2.mismatches, []);
    writeFileSync(teams, 'id,name,budget\n10,compilers,2.00\n');
    const r3 = await replayBundle(path.join(dir, 'b2'));
    assert.ok(r3.mismatches.some((m) => m.kind === 'input' && m.name === 'teams'), JSON.stringify(r3.mismatches));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The RelcError a run fails with. */
async function failure(run: Promise<unknown>): Promise<{ code: string; message: string; details?: Record<string, unknown>; location?: { file: string; line: number } }> {
  try {
    await run;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected the run to fail');
}

test('a plan of another producer (no relc.Parameters): every missing input and parameter in one error', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-substrait-missing-'));
  try {
    const compiled = await loadSpecFile(SPEC);
    const prepared = await prepareProgram(compiled.program, { optimize: true, disable: [] }, compiled);
    const foreign = JSON.parse(compileSubstrait(prepared, 'json') as string);
    delete foreign.advancedExtensions;
    delete foreign.expectedTypeUrls;
    const plan = path.join(dir, 'plan.json');
    writeFileSync(plan, JSON.stringify(foreign));
    const opts = { backend: 'duckdb' as const, optimize: true, disable: [] };
    let e = await failure(runSpecFile(plan, { ...opts, inputs: { people: INPUTS.people, teams: INPUTS.teams } }));
    assert.is(e.code, 'INPUT_NOT_FOUND');
    const at = (n: string) => path.join(dir, `${n}.parquet`);
    assert.is(e.message, `missing inputs contractors (no file at ${at('contractors')}), cst_nodes (no file at ${at('cst_nodes')}) and parameters p1 (float64, no default), p2 (date, no default); pass --input contractors=PATH --input cst_nodes=PATH --param p1=<float64> --param p2=<date>`);
    assert.equal(e.details?.['missing_params'], [{ param: 'p1', type: 'float64' }, { param: 'p2', type: 'date' }]);
    e = await failure(runSpecFile(plan, { ...opts, inputs: INPUTS, params: { p2: '2020-01-01' } }));
    assert.is(e.code, 'SPEC_MISSING_FIELD');
    assert.is(e.message, 'missing parameter p1 (float64, no default); pass --param p1=<float64>');
    assert.is(e.details?.['param'], 'p1');
    e = await failure(runSpecFile(plan, { ...opts, inputs: INPUTS, params: { p3: '1' } }));
    assert.is(e.code, 'UNKNOWN_PARAM');
    const got = await runSpecFile(plan, { ...opts, inputs: INPUTS, params: { p1: '0.5', p2: '2019-01-01' } });
    assert.equal(hashes(got), hashes(await runSpecFile(SPEC, opts)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a rule pack whose input file is missing: one error at the input’s path in the pack', async () => {
  const e = await failure(runSpecFile(SPEC, { backend: 'duckdb', optimize: true, disable: [], inputs: { teams: path.join(DATA, 'nope.csv') } }));
  assert.is(e.code, 'INPUT_NOT_FOUND');
  assert.is(e.message, `missing input teams (no file at ${path.join(DATA, 'nope.csv')}); pass --input teams=PATH`);
  assert.is(e.location?.file, SPEC);
});

test('an --input naming no input of the plan is UNKNOWN_RELATION', async () => {
  try {
    await runSpecFile(SPEC, { backend: 'duckdb', optimize: true, disable: [], inputs: { peeple: INPUTS.people } });
    assert.unreachable();
  } catch (e) {
    assert.is((e as { code?: string }).code, 'UNKNOWN_RELATION');
  }
});

test.run();
