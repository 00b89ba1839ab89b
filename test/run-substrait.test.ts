// Issue 5: `relc run` of a Substrait plan against registered inputs gives the rule pack's
// outputs (same content hashes) on DuckDB and SQLite.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
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

test('an --input naming no input of the plan is UNKNOWN_RELATION', async () => {
  try {
    await runSpecFile(SPEC, { backend: 'duckdb', optimize: true, disable: [], inputs: { peeple: INPUTS.people } });
    assert.unreachable();
  } catch (e) {
    assert.is((e as { code?: string }).code, 'UNKNOWN_RELATION');
  }
});

test.run();
