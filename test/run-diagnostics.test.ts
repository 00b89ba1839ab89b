// The diagnostics datasets of a run bundle (issue 11 item 3) on real DuckDB and SQLite runs:
// compile artifacts per dialect and Substrait (a refusal as null plus its code), exec metrics,
// scan telemetry, the errors of a failed run; deterministic where hashed, the manifest unchanged.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { blake3Hex, canonicalJson, ERROR_CODES, initHashing, RelcError } from '../src/ir/index.ts';
import { lowerViewForExecution } from '../src/lower/sql/index.ts';
import { decodeSubstrait } from '../src/substrait/index.ts';
import { loadSpecFile, prepareProgram } from '../src/run/compose/compile.ts';
import { runSpecFile } from '../src/run/execute/execute.ts';
import { fileBlake3 } from '../src/run/execute/file-hash.ts';
import { replayBundle } from '../src/run/gate/replay.ts';
import { artifactsOffThread, compileArtifact, withSql } from '../src/run/execute/compile-artifacts.ts';
import { DIAGNOSTIC_SCHEMAS } from '../src/run/index.ts';
import { failure } from './support/failure.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'relc-diag-'));
const PACK = `relc: 1
name: diag_test
params:
  min_v: { type: float64, default: 0.5 }
inputs:
  events: { path: events.parquet, schema: { id: int64, at: date, v: float64 }, key: [id] }
  users: { path: users.csv, schema: { id: int64, name: utf8 }, key: [id] }
rules:
  - { name: recent, kind: filter, from: events, where: "v >= :min_v" }
  - { name: named, kind: relate, left: recent, right: users, join: inner, on: "left.id = right.id", select: { id: left.id, name: right.name, v: left.v } }
  - { name: rolling, kind: sql, sql: "select id, sum(v) over (order by at range between interval '1 day' preceding and current row) as s from events" }
outputs:
  - { name: named, from: named, order_by: [id] }
  - { name: rolling, from: rolling, order_by: [id] }
`;
const spec = path.join(dir, 'relc.yaml');
writeFileSync(spec, PACK);
writeFileSync(path.join(dir, 'users.csv'), `id,name\n${Array.from({ length: 20 }, (_, i) => `${i + 1},u${i + 1}`).join('\n')}\n`);

const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
// 5,000 rows in row groups of 2,048 rows: three row groups, as the file's own footer says.
await c.run(`COPY (SELECT i::BIGINT AS id, DATE '2024-01-01' + (i % 3)::INTEGER AS "at", (i % 10) / 10.0 AS v FROM range(1, 5001) t(i)) TO '${path.join(dir, 'events.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
const rowGroups = Number((await c.runAndReadAll('SELECT num_row_groups FROM parquet_file_metadata($1)', [path.join(dir, 'events.parquet')])).getRows()[0]![0]);

async function rows(bundle: string, dataset: string, order: string): Promise<Record<string, unknown>[]> {
  return (await c.runAndReadAll(`SELECT * FROM read_parquet($1) ORDER BY ${order}`, [path.join(bundle, 'diagnostics', `${dataset}.parquet`)])).getRowObjectsJson() as Record<string, unknown>[];
}

await initHashing();
const compiled = await loadSpecFile(spec);
const prepared = await prepareProgram(compiled.program, { optimize: true, disable: [] }, compiled);
const fp = (s: unknown) => blake3Hex(canonicalJson(s));

for (const backend of ['duckdb', 'sqlite'] as const) {
  test(`${backend}: rule_compile_artifacts holds each view's IR, SQL for every dialect, Substrait or its refusal, contract and schema fingerprint`, async () => {
    const out = path.join(dir, `b-${backend}`);
    const r = await runSpecFile(spec, { backend, outDir: out, optimize: true, disable: [] });
    const art = await rows(out, 'rule_compile_artifacts', 'ordinal');
    assert.equal(Object.keys(art[0]!), DIAGNOSTIC_SCHEMAS.rule_compile_artifacts.map((f) => f.name));
    assert.equal(art.map((a) => [a['ordinal'], a['view'], a['rule_name'], a['lane'], a['dialect']]), [
      [1, 'recent', 'recent', `sql:${backend}`, backend], [2, 'named', 'named', `sql:${backend}`, backend], [3, 'rolling', 'rolling', `sql:${backend}`, backend],
    ]);
    assert.equal(art.map((a) => a['plan_signature']), r.manifest.views.map((v) => v.signature));
    for (const a of art) {
      for (const d of ['duckdb', 'postgres', 'sqlite'] as const) assert.is(a[`sql_${d}`], lowerViewForExecution(prepared.program, a['view'] as string, d).sql, `${String(a['view'])} ${d}`);
      assert.is(a['sql'], a[`sql_${backend}`]);
      assert.is(a['ir_json'], canonicalJson(prepared.program.views.find((v) => v.name === a['view'])!.rel));
      assert.equal(a['policy_flags'], []);
    }
    assert.equal(art[0]!['params'], ['min_v']);
    // The view's own plan: `named` reads the table of view `recent` and the input `users`.
    const named = decodeSubstrait(Buffer.from(art[1]!['substrait'] as string, 'base64'));
    assert.equal(named.inputs.map((i) => i.name).sort(), ['recent', 'users']);
    assert.is(art[1]!['substrait_refusal'], null);
    assert.equal(art[1]!['refusals'], []);
    // Substrait's window bounds count integers: a RANGE of an interval is a coded refusal, not a failed run.
    assert.is(art[2]!['substrait'], null);
    assert.is(art[2]!['substrait_refusal'], 'BACKEND_UNSUPPORTED');
    assert.equal(art[2]!['refusals'], ['substrait:BACKEND_UNSUPPORTED']);
    assert.is(art[1]!['schema_fingerprint'], fp([['id', 'int64', false], ['name', 'utf8', false], ['v', 'float64', false]]));
    assert.is(art[1]!['required_contract'], canonicalJson({
      inputs: { users: [['id', 'int64', false], ['name', 'utf8', false]] },
      params: [],
      views: { recent: [['id', 'int64', false], ['at', 'date', false], ['v', 'float64', false]] },
    }));
    assert.is(art[0]!['required_contract'], canonicalJson({ inputs: { events: [['id', 'int64', false], ['at', 'date', false], ['v', 'float64', false]] }, params: ['min_v'], views: {} }));
  });

  test(`${backend}: rule_exec_metrics, scan_telemetry; errors empty in a finished bundle`, async () => {
    const out = path.join(dir, `b-${backend}`);
    const m = await rows(out, 'rule_exec_metrics', 'ordinal');
    assert.equal(m.map((x) => [x['view'], x['rows_out'], x['input_rows']]), [
      ['recent', '2500', '5000'], // v >= 0.5: i % 10 in 5..9
      ['named', '10', '2520'], // recent (2,500) + users (20); ids 5..9 and 15..19 have a user
      ['rolling', '5000', '5000'],
    ]);
    for (const x of m) {
      assert.ok((x['wall_time_ms'] as number) >= 0 && (x['cpu_time_ms'] as number) >= 0);
      assert.ok(Number(x['peak_rss_bytes']) > 10 * 1024 * 1024, 'the process holds more than 10 MiB');
    }
    const scans = await rows(out, 'scan_telemetry', 'input');
    const ev = await fileBlake3(path.join(dir, 'events.parquet'));
    const us = await fileBlake3(path.join(dir, 'users.csv'));
    assert.equal(scans.map((s) => ({ ...s, elapsed_ms: typeof s['elapsed_ms'] })), [
      { input: 'events', path: 'events.parquet', format: 'parquet', bytes: String(ev.bytes), blake3: ev.blake3, rows_read: '5000', row_groups: String(rowGroups), elapsed_ms: 'number' },
      { input: 'users', path: 'users.csv', format: 'csv', bytes: String(us.bytes), blake3: us.blake3, rows_read: '20', row_groups: null, elapsed_ms: 'number' },
    ]);
    assert.is(rowGroups, 3);
    assert.is(ev.bytes, statSync(path.join(dir, 'events.parquet')).size);
    assert.equal(await rows(out, 'errors', 'seq'), []);
  });
}

test('artifacts are deterministic: equal on both backends but for the lane and the executed SQL; the manifest does not depend on diagnostics', async () => {
  const strip = (a: Record<string, unknown>) => ({ ...a, lane: undefined, dialect: undefined, sql: undefined });
  const duck = (await rows(path.join(dir, 'b-duckdb'), 'rule_compile_artifacts', 'ordinal')).map(strip);
  const lite = (await rows(path.join(dir, 'b-sqlite'), 'rule_compile_artifacts', 'ordinal')).map(strip);
  assert.equal(duck, lite);
  const bare = path.join(dir, 'b-bare');
  await runSpecFile(spec, { backend: 'duckdb', outDir: bare, optimize: true, disable: [], diagnostics: false });
  assert.is(readFileSync(path.join(bare, 'manifest.json'), 'utf8'), readFileSync(path.join(dir, 'b-duckdb', 'manifest.json'), 'utf8'));
  assert.equal(readdirSync(path.join(bare, 'diagnostics')), []);
  assert.not.match(readFileSync(path.join(bare, 'manifest.json'), 'utf8'), /elapsed|wall_time|cpu/);
});

for (const backend of ['duckdb', 'sqlite'] as const) {
  test(`${backend}: a failed run's kept bundle: manifest with the error, its stage and retryability; an errors row; what had finished`, async () => {
    const bad = path.join(dir, `bad-${backend}.yaml`);
    // 9223372036854775807 + id overflows for every id ≥ 1: an execution error in view `boom`.
    writeFileSync(bad, PACK.replace('outputs:', '  - { name: boom, kind: project, from: recent, select: { n: "id + 9223372036854775807" } }\noutputs:'));
    const out = path.join(dir, `fail-${backend}`, 'bundle');
    const e = await failure(runSpecFile(bad, { backend, outDir: out, optimize: true, disable: [] }));
    assert.is(e.code, 'EXECUTION_FAILED');
    const kept = path.join(dir, `fail-${backend}`, '.relc-failed-bundle');
    assert.is(e.details!['partial_bundle'], kept);
    const m = JSON.parse(readFileSync(path.join(kept, 'manifest.json'), 'utf8'));
    assert.is(m.status, 'failed');
    assert.equal(m.error.stage, 'execute');
    assert.equal(m.error.retryable, false);
    assert.equal(m.error.code, 'EXECUTION_FAILED');
    assert.equal(m.error.details.view, 'boom');
    assert.equal([m.error.location.file, m.error.location.line], [bad, 12]); // the rule that defines the view
    assert.equal(e.location, m.error.location);
    assert.equal(m.views.map((v: { name: string; rows: number }) => [v.name, v.rows]), [['recent', 2500], ['named', 10], ['rolling', 5000]]);
    const errs = await rows(kept, 'errors', 'seq');
    assert.equal(errs.map((x) => [x['seq'], x['stage'], x['code'], x['retryable'], x['view'], x['message']]), [[1, 'execute', 'EXECUTION_FAILED', false, 'boom', m.error.message]]);
    assert.match(m.error.message, /^view boom: /);
    assert.is(JSON.parse(errs[0]!['details'] as string).view, 'boom');
    assert.equal((await rows(kept, 'rule_exec_metrics', 'ordinal')).map((x) => x['view']), ['recent', 'named', 'rolling']);
    // Nothing of a failed run replays: it says so, with the recorded error.
    const replay = await failure(replayBundle(kept, { spec: bad }));
    assert.is(replay.code, 'REPLAY_MISMATCH');
    assert.is(replay.message, `${kept} is not a replayable run bundle: it is the partial bundle of a failed run (error[EXECUTION_FAILED] at stage execute: ${m.error.message})`);
  });
}

test('a long run (120 views) computes its artifacts on a worker thread: the same rows as computed here, in view order', async () => {
  const many = path.join(dir, 'many.yaml');
  const rules = Array.from({ length: 120 }, (_, i) => `  - { name: r${i}, kind: filter, from: ${i === 0 ? 'events' : `r${i - 1}`}, where: "v >= ${i % 2 === 0 ? ':min_v' : '0.1'} or id = ${i}" }`);
  writeFileSync(many, PACK.replace(/rules:[^]*$/, `rules:\n${rules.join('\n')}\noutputs:\n  - { name: last, from: r119, order_by: [id] }\n`));
  const program = (await prepareProgram((await loadSpecFile(many)).program, { optimize: true, disable: [] })).program;
  // The worker itself (the runner falls back to this thread if it cannot start one).
  const off = await artifactsOffThread(program, 'sqlite').all;
  const mainThread = program.views.map((v) => compileArtifact(program, v.name, { dialect: 'sqlite', sql: lowerViewForExecution(program, v.name, 'sqlite').sql }, lowerViewForExecution));
  assert.equal(off.map((a) => a.substraitBase64), mainThread.map((a) => a.substraitBase64));
  // The run's own dialect the worker leaves to the runner, which printed it.
  assert.equal(off.map((a) => a.sql.sqlite), program.views.map(() => null));
  assert.equal(off.map((a, i) => withSql(a, 'sqlite', mainThread[i]!.sql.sqlite!)), mainThread);
  // Completed before it is done (the views ran faster than it): what it reached, the rest from the other end.
  const early = artifactsOffThread(program, 'sqlite');
  const computedHere: number[] = [];
  const completed = early.complete((i) => {
    computedHere.push(i);
    return mainThread[i]!;
  }, (i, a) => withSql(a, 'sqlite', mainThread[i]!.sql.sqlite!));
  assert.equal(completed, mainThread);
  assert.ok(computedHere.length > 0 && computedHere.every((v, k) => v === program.views.length - 1 - k), 'computed here from the last view down');
  for (const backend of ['duckdb', 'sqlite'] as const) {
    const out = path.join(dir, `many-${backend}`);
    await runSpecFile(many, { backend, outDir: out, optimize: true, disable: [] });
    const art = await rows(out, 'rule_compile_artifacts', 'ordinal');
    assert.equal(art.map((a) => a['view']), program.views.map((v) => v.name));
    for (const [i, v] of program.views.entries()) {
      const lowered = lowerViewForExecution(program, v.name, backend);
      const want = compileArtifact(program, v.name, { dialect: backend, sql: lowered.sql }, lowerViewForExecution);
      const got = art[i]!;
      assert.equal([got['sql'], got['sql_duckdb'], got['sql_postgres'], got['sql_sqlite'], got['substrait'], got['ir_json'], got['required_contract'], got['schema_fingerprint']],
        [lowered.sql, want.sql.duckdb, want.sql.postgres, want.sql.sqlite, want.substraitBase64, want.irJson, want.requiredContract, want.schemaFingerprint], v.name);
    }
  }
});

test('substraitArtifacts: false leaves each view\'s Substrait plan out (null, no refusal); the rest is as before', async () => {
  const out = path.join(dir, 'b-nosubstrait');
  await runSpecFile(spec, { backend: 'duckdb', outDir: out, optimize: true, disable: [], substraitArtifacts: false });
  const art = await rows(out, 'rule_compile_artifacts', 'ordinal');
  assert.equal(art.map((a) => [a['substrait'], a['substrait_refusal'], a['refusals']]), [[null, null, []], [null, null, []], [null, null, []]]);
  const full = await rows(path.join(dir, 'b-duckdb'), 'rule_compile_artifacts', 'ordinal');
  assert.equal(art.map((a) => a['sql_postgres']), full.map((a) => a['sql_postgres']));
});

test('every error code has one stage of the seven and a retryability; RelcError and its JSON carry both', () => {
  const stages = new Set(['spec', 'resolve', 'optimize', 'lower', 'execute', 'io', 'replay']);
  for (const [code, cls] of Object.entries(ERROR_CODES)) {
    assert.ok(stages.has(cls.stage), code);
    assert.type(cls.retryable, 'boolean');
  }
  assert.equal(Object.entries(ERROR_CODES).filter(([, c]) => c.retryable).map(([k]) => k), ['OUTPUT_WRITE_FAILED']);
  const e = new RelcError('OUTPUT_WRITE_FAILED', 'disk full', { details: { path: '/x' } });
  assert.equal(e.toJSON(), { stage: 'io', retryable: true, code: 'OUTPUT_WRITE_FAILED', message: 'disk full', details: { path: '/x' } });
  assert.equal([new RelcError('SPEC_PARSE_ERROR', '').stage, new RelcError('UNKNOWN_COLUMN', '').stage, new RelcError('BACKEND_UNSUPPORTED', '').stage, new RelcError('REPLAY_MISMATCH', '').stage], ['spec', 'resolve', 'lower', 'replay']);
});

test.after(() => {
  c.closeSync();
  db.closeSync();
  rmSync(dir, { recursive: true, force: true });
});
test.run();
