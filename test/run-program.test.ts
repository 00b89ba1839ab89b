import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { blake3Hex, canonicalJson, E, T, field, type AggCall, type Expr, type InputDecl, type Program, type Schema } from '../src/ir/index.ts';
import { normalizeRow } from '../src/backends/index.ts';
import { DIAGNOSTIC_DATASETS, DIAGNOSTIC_SCHEMAS, runProgram, type RunOptions } from '../src/run/index.ts';
import { lowerViewForExecution } from '../src/lower/sql/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'relc-run-'));

const peopleSchema: Schema = [field('id', T.int64), field('name', T.utf8), field('team', T.utf8, true), field('score', T.float64), field('price', T.decimal(10, 2))];
const minScore: Expr = { kind: 'param', name: 'min_score', type: T.float64, nullable: false };
const agg = (fn: string, args: Expr[], type: AggCall['type']): AggCall => ({ fn, args, distinct: false, type });

/** scan → filter (score >= :min_score) → aggregate per team → outputs in three formats. */
function program(input: InputDecl): Program {
  const adultsSchema = peopleSchema;
  return {
    name: 'people_stats',
    profile: 'default',
    params: [{ name: 'min_score', field: field('min_score', T.float64), default: E.lit(T.float64, 0.5) }],
    inputs: [input],
    views: [
      { name: 'adults', rel: { kind: 'filter', input: { kind: 'scan', table: input.name, schema: peopleSchema }, condition: E.call('gte', [E.col(3), minScore], T.bool) } },
      {
        name: 'team_stats',
        rel: {
          kind: 'aggregate',
          input: { kind: 'ref', name: 'adults', schema: adultsSchema },
          groupBy: [E.col(2)],
          measures: [agg('count', [], T.int64), agg('sum', [E.col(3)], T.float64), agg('max', [E.col(3)], T.float64), agg('sum', [E.col(4)], T.decimal(38, 2))],
          names: ['team', 'n', 'total', 'best', 'spend'],
        },
      },
    ],
    outputs: [
      { name: 'team_stats', from: 'team_stats', orderBy: [E.asc(E.col(0))], format: 'parquet' },
      { name: 'adults', from: 'adults', orderBy: [], format: 'csv' },
      { name: 'adults_json', from: 'adults', orderBy: [E.desc(E.col(0))], format: 'json' },
    ],
  };
}

function peopleCsv(n: number): string {
  const lines = ['id,name,team,score,price'];
  for (let i = 0; i < n; i++) {
    const score = ((i * 7919) % 1000) / 1000 + 1 / (i + 3);
    lines.push(`${i},"p, ${i}",${i % 7 === 0 ? '' : `t${i % 5}`},${score},${(((i * 37) % 10000) / 100).toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

writeFileSync(path.join(dir, 'people.csv'), peopleCsv(2000));
const csvInput: InputDecl = { name: 'people', path: 'people.csv', format: 'csv', schema: peopleSchema };
const base: RunOptions = { backend: 'duckdb', specDir: dir, specHash: 'f'.repeat(64), lower: lowerViewForExecution, collect: 'all' };

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the run to fail');
}

test('the same program gives equal content hashes on DuckDB and SQLite', async () => {
  const duck = await runProgram(program(csvInput), { ...base, backend: 'duckdb' });
  const lite = await runProgram(program(csvInput), { ...base, backend: 'sqlite' });
  assert.equal(duck.manifest.outputs, lite.manifest.outputs);
  assert.equal(duck.manifest.views, lite.manifest.views);
  assert.is(duck.manifest.views.find((v) => v.name === 'team_stats')!.rows, 6); // t0..t4 and NULL
  const stats = duck.outputs[0]!;
  assert.equal(stats.data!.map((r) => r[0]), ['t0', 't1', 't2', 't3', 't4', null]); // declared order, NULLs last
  assert.equal(lite.outputs[0]!.data!.map((r) => [r[0], r[1], r[4]]), stats.data!.map((r) => [r[0], r[1], r[4]]));
  assert.is.not(duck.manifest.envelope_hash, lite.manifest.envelope_hash);
  assert.is(duck.bundleDir, null);
});

test('DuckDB with 1, 2 and 4 threads: equal content hashes although the raw double sums differ', async () => {
  const big = path.join(dir, 'big.parquet');
  const g = await DuckDBInstance.create(':memory:');
  const c = await g.connect();
  await c.run(`COPY (SELECT i::BIGINT AS id, 'p' || i AS name, CASE WHEN i % 7 = 0 THEN NULL ELSE 't' || (i % 5) END AS team,
                 ((i * 7919) % 1000) / 1000.0 + 1.0 / (i + 3) AS score, (((i * 37) % 10000) / 100)::DECIMAL(10,2) AS price
               FROM range(300000) r(i)) TO $1 (FORMAT parquet)`, [big]);
  c.closeSync();
  g.closeSync();
  const p = program({ name: 'people', path: 'big.parquet', format: 'parquet', schema: peopleSchema });
  const runs: Awaited<ReturnType<typeof runProgram>>[] = [];
  const one = (threads: number) => runProgram({ ...p, outputs: p.outputs.slice(0, 1) }, { ...base, threads });
  for (const threads of [1, 2, 4]) runs.push(await one(threads));
  const totals = () => runs.map((r) => r.outputs[0]!.data!.map((row) => row[2] as number));
  const differ = () => totals().some((t) => t.some((x, i) => x !== totals()[0]![i]));
  // On a loaded machine the threads may happen to add in one order: a few more parallel runs.
  for (let extra = 0; extra < 6 && !differ(); extra++) runs.push(await one(4));
  assert.ok(differ(), 'premise: thread count changes the last bits of the sums');
  assert.equal(runs.map((r) => r.outputs[0]!.contentHash), Array(runs.length).fill(runs[0]!.outputs[0]!.contentHash));
  assert.equal(runs.slice(0, 3).map((r) => r.manifest.envelope['threads']), [1, 2, 4]);
});

test('the bundle: layout, manifest keys, outputs readable with the exact schema, diagnostics datasets', async () => {
  const out = path.join(dir, 'bundle');
  const abandoned = path.join(dir, '.relc-tmp-bundle-4206649'); // a run killed mid-way (no such pid)
  mkdirSync(abandoned);
  const opts: RunOptions = { ...base, outDir: out, specText: 'relc: 1\n', specPath: path.join(dir, 'relc.yaml'), envelopeExtras: { passes: ['fold'] } };
  const r = await runProgram(program(csvInput), opts);
  assert.not.ok(existsSync(abandoned));
  assert.is(r.bundleDir, out);
  assert.equal(readdirSync(out).sort(), ['diagnostics', 'manifest.json', 'outputs', 'spec.txt']);
  assert.equal(readdirSync(path.join(out, 'outputs')).sort(), ['adults.csv', 'adults_json.json', 'team_stats.parquet']);
  assert.equal(readdirSync(path.join(out, 'diagnostics')).sort(), DIAGNOSTIC_DATASETS.map((d) => `${d}.parquet`).sort());

  const text = readFileSync(path.join(out, 'manifest.json'), 'utf8');
  const m = JSON.parse(text);
  assert.equal(Object.keys(m), ['envelope', 'envelope_hash', 'inputs', 'outputs', 'params', 'relc_version', 'spec_hash', 'spec_path', 'views', 'warnings']);
  assert.equal(m.warnings, []);
  assert.is(m.spec_path, '../relc.yaml');
  assert.equal(Object.keys(m.envelope), ['engine', 'engine_extensions', 'engine_settings', 'engine_version', 'functions', 'inputs', 'memory_limit', 'passes', 'profile', 'relc_version', 'spec_hash', 'threads']);
  assert.equal(m.envelope.passes, ['fold']);
  assert.is(m.envelope.engine, 'duckdb');
  assert.is(m.envelope.spec_hash, m.spec_hash);
  assert.equal(m.envelope.engine_settings, ["SET TimeZone = 'UTC'", "SET disabled_optimizers = 'join_filter_pushdown'"]);
  assert.is(m.envelope.memory_limit, null); // none asked for: the engine's default
  assert.equal(Object.keys(m.envelope.functions.engine), [...Object.keys(m.envelope.functions.engine)].sort());
  assert.ok(Object.values(m.envelope.functions.engine).every((h) => /^[0-9a-f]{64}$/.test(h as string)), 'shims by the BLAKE3 of their definitions');
  assert.equal(m.envelope.inputs, [{ name: 'people', path: 'people.csv', format: 'csv', schema: m.envelope.inputs[0].schema, key: null }]);
  assert.equal(m.envelope.inputs[0].schema[0], ['id', 'int64', false]);
  assert.match(m.envelope_hash, /^[0-9a-f]{64}$/);
  assert.is(m.envelope_hash, blake3Hex(canonicalJson(m.envelope)));
  assert.equal(m.params, { min_score: 0.5 });
  assert.equal(Object.keys(m.inputs[0]), ['blake3', 'bytes', 'name', 'path']);
  assert.equal([m.inputs[0].name, m.inputs[0].path, m.inputs[0].bytes], ['people', 'people.csv', readFileSync(path.join(dir, 'people.csv')).length]);
  assert.equal(m.views.map((v: { name: string }) => v.name), ['adults', 'team_stats']);
  assert.equal(m.outputs.map((o: { path: string }) => o.path), ['outputs/team_stats.parquet', 'outputs/adults.csv', 'outputs/adults_json.json']);
  assert.equal(m.outputs.map((o: { content_hash: string }) => o.content_hash), r.outputs.map((o) => o.contentHash));
  assert.not.match(text, /elapsed|20\d\d-\d\d-\d\dT/); // no timings, no timestamps

  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const described = (await c.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1)', [path.join(out, 'outputs/team_stats.parquet')])).getRows();
  assert.equal(described.map((x) => `${x[0]} ${x[1]}`), ['team VARCHAR', 'n BIGINT', 'total DOUBLE', 'best DOUBLE', 'spend DECIMAL(38,2)']);
  const back = (await c.runAndReadAll('SELECT * FROM read_parquet($1)', [path.join(out, 'outputs/team_stats.parquet')])).getRows();
  assert.equal(back.map((row) => normalizeRow(r.outputs[0]!.schema, row)), r.outputs[0]!.data);
  const csv = readFileSync(path.join(out, 'outputs/adults.csv'), 'utf8').split('\n');
  assert.is(csv[0], 'id,name,team,score,price');
  assert.is(csv.length, r.outputs[1]!.rows + 2); // header + rows + final newline
  const [id, , team, score, price] = r.outputs[1]!.data![0]!;
  assert.is(csv[1], `${id},"p, ${id}",${team ?? ''},${score},${price}`);
  assert.ok(csv.includes(`7,"p, 7",,${r.outputs[1]!.data!.find((x) => x[0] === 7n)![3]},2.59`)); // NULL team: empty field
  const firstJson = JSON.parse(readFileSync(path.join(out, 'outputs/adults_json.json'), 'utf8').split('\n')[0]!);
  assert.equal(Object.keys(firstJson), ['id', 'name', 'team', 'score', 'price']);
  const maxId = r.outputs[1]!.data!.reduce((a, x) => ((x[0] as bigint) > a ? (x[0] as bigint) : a), -1n);
  assert.is(BigInt(firstJson.id), maxId); // adults_json is ordered by id desc
  assert.is(firstJson.price, r.outputs[2]!.data![0]![4]); // decimals as exact strings

  const count = async (d: string) => Number((await c.runAndReadAll(`SELECT count(*) FROM read_parquet($1)`, [path.join(out, 'diagnostics', `${d}.parquet`)])).getRows()[0]![0]);
  assert.is(await count('rule_compile_artifacts'), 2);
  assert.is(await count('engine_explain'), 0); // a diagnostics policy, off by default (RunOptions.explain)
  assert.is(await count('lane_decisions'), 2);
  assert.is(await count('engine_fallbacks'), 0);
  assert.is(await count('rule_exec_events'), 1 + 2 + 3);
  for (const d of DIAGNOSTIC_DATASETS) {
    const cols = (await c.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1)', [path.join(out, 'diagnostics', `${d}.parquet`)])).getRows().map((x) => x[0]);
    assert.equal(cols, DIAGNOSTIC_SCHEMAS[d].map((f) => f.name), d);
  }
  const art = (await c.runAndReadAll(`SELECT view, plan_signature, sql FROM read_parquet($1) ORDER BY ordinal`, [path.join(out, 'diagnostics/rule_compile_artifacts.parquet')])).getRows();
  assert.equal(art.map((x) => [x[0], x[1]]), m.views.map((v: { name: string; signature: string }) => [v.name, v.signature]));
  assert.match(String(art[0]![2]), /FROM "people"[^]*WHERE [^]*\$1/); // the executed SQL, parameter bound
  assert.match(String(art[1]![2]), /FROM "adults"/); // views read earlier views' tables
  c.closeSync();
  db.closeSync();

  // Same inputs and settings: a byte-identical manifest; the previous bundle is replaced.
  await runProgram(program(csvInput), opts);
  assert.is(readFileSync(path.join(out, 'manifest.json'), 'utf8'), text);
});

test('a view failing at execution leaves no bundle; the partial one is kept aside and named in the error', async () => {
  const out = path.join(dir, 'failed', 'bundle');
  const p = program(csvInput);
  const broken: Program = {
    ...p,
    // id + max int64 overflows for every id > 0: an error at execution time, not at planning.
    views: [...p.views, { name: 'broken', rel: { kind: 'project', input: { kind: 'ref', name: 'adults', schema: peopleSchema }, exprs: [E.call('add', [E.col(0), E.lit(T.int64, '9223372036854775807')], T.int64)], names: ['n'] } }],
    outputs: [...p.outputs, { name: 'broken', from: 'broken', orderBy: [], format: 'csv' }],
  };
  const e = await failure(runProgram(broken, { ...base, outDir: out }));
  assert.is(e.code, 'EXECUTION_FAILED');
  assert.is(e.details!['view'], 'broken');
  assert.match(e.message, /^view broken: duckdb failed: Out of Range Error: Overflow/);
  assert.not.ok(existsSync(out));
  const partial = path.join(path.dirname(out), '.relc-failed-bundle');
  assert.is(e.details!['partial_bundle'], partial);
  assert.equal(readdirSync(path.dirname(out)), ['.relc-failed-bundle']);
  assert.equal(readdirSync(partial).sort(), ['diagnostics', 'manifest.json', 'outputs']);
  // The failed run's manifest records the error (stage, retryability) and what had finished; no outputs, no envelope.
  const failed = JSON.parse(readFileSync(path.join(partial, 'manifest.json'), 'utf8'));
  assert.equal(Object.keys(failed).sort(), ['error', 'inputs', 'params', 'relc_version', 'spec_hash', 'status', 'views']);
  assert.is(failed.status, 'failed');
  assert.equal({ ...failed.error, message: undefined, details: undefined }, { stage: 'execute', retryable: false, code: 'EXECUTION_FAILED', message: undefined, details: undefined });
  assert.is(failed.error.message, e.message);
  assert.equal(failed.views.map((v: { name: string }) => v.name), ['adults', 'team_stats']);
  assert.equal(failed.inputs.map((i: { name: string }) => i.name), ['people']);

  // A good bundle, then a failing run into the same target: the good one stays whole.
  await runProgram(p, { ...base, outDir: out });
  const good = readFileSync(path.join(out, 'manifest.json'), 'utf8');
  const again = await failure(runProgram(broken, { ...base, outDir: out }));
  assert.is(again.code, 'EXECUTION_FAILED');
  assert.is(readFileSync(path.join(out, 'manifest.json'), 'utf8'), good);
  assert.equal(readdirSync(path.dirname(out)).sort(), ['.relc-failed-bundle', 'bundle']);
});

test('parameters: override by text, UNKNOWN_PARAM, SPEC_BAD_VALUE; a non-bundle directory is never replaced', async () => {
  const strict = await runProgram(program(csvInput), { ...base, params: { min_score: '0.9' } });
  const loose = await runProgram(program(csvInput), base);
  assert.ok(strict.outputs[1]!.rows < loose.outputs[1]!.rows);
  assert.ok(strict.outputs[1]!.data!.every((r) => (r[3] as number) >= 0.9));
  assert.equal(strict.manifest.params, { min_score: 0.9 });
  const unknown = await failure(runProgram(program(csvInput), { ...base, params: { min_scor: '1' } }));
  assert.is(unknown.code, 'UNKNOWN_PARAM');
  assert.is(unknown.message, 'unknown parameter min_scor (declared: min_score)');
  const bad = await failure(runProgram(program(csvInput), { ...base, params: { min_score: 'high' } }));
  assert.is(bad.code, 'SPEC_BAD_VALUE');
  assert.is(bad.message, 'parameter min_score: "high" is not a valid float64');
  const precious = path.join(dir, 'precious');
  mkdirSync(precious);
  writeFileSync(path.join(precious, 'notes.txt'), 'keep me');
  const refused = await failure(runProgram(program(csvInput), { ...base, outDir: precious }));
  assert.is(refused.code, 'OUTPUT_WRITE_FAILED');
  assert.is(readFileSync(path.join(precious, 'notes.txt'), 'utf8'), 'keep me');
});

test('engine plans for every view under the explain policy; with analyze, DuckDB profiles the executed INSERT and results do not change', async () => {
  assert.equal([...(await runProgram(program(csvInput), base)).explains.keys()], []);
  const out = path.join(dir, 'explained');
  const plain = await runProgram(program(csvInput), { ...base, explain: true, outDir: out });
  const db = await DuckDBInstance.create(':memory:');
  const rows = (await (await db.connect()).runAndReadAll('SELECT * FROM read_parquet($1) ORDER BY 1', [path.join(out, 'diagnostics/engine_explain.parquet')])).getRows();
  db.closeSync();
  assert.equal(rows.map((r) => [r[0], r[3]]), [['adults', false], ['team_stats', false]]);
  const analyzed = await runProgram(program(csvInput), { ...base, analyze: true });
  assert.equal([...plain.explains.keys()], ['adults', 'team_stats']);
  assert.match(plain.explains.get('adults')!, /people/i);
  assert.match(analyzed.explains.get('team_stats')!, /EXPLAIN ANALYZE INSERT INTO "team_stats"[^]*Total Time/);
  assert.equal(analyzed.manifest.outputs, plain.manifest.outputs);
  assert.equal(analyzed.manifest.views, plain.manifest.views);
  const lite = await runProgram(program(csvInput), { ...base, backend: 'sqlite', analyze: true });
  assert.match(lite.explains.get('adults')!, /SCAN/);
  assert.equal(lite.manifest.outputs, plain.manifest.outputs);
});

test('a missing input fails the run with INPUT_NOT_FOUND before any bundle exists', async () => {
  const out = path.join(dir, 'missing-input');
  const e = await failure(runProgram(program({ ...csvInput, path: 'nope.csv' }), { ...base, backend: 'sqlite', outDir: out }));
  assert.is(e.code, 'INPUT_NOT_FOUND');
  assert.not.ok(existsSync(out));
});

test('a view with two columns of one name (a bare join) materializes, is read downstream and written, on both backends', async () => {
  writeFileSync(path.join(dir, 'teams.csv'), 'id,name\nt1,One\nt2,Two\n');
  const teams: InputDecl = { name: 'teams', path: 'teams.csv', format: 'csv', schema: [field('id', T.utf8), field('name', T.utf8)] };
  const p = program(csvInput);
  const joinRel = {
    kind: 'join', type: 'inner',
    left: { kind: 'scan', table: 'people', schema: peopleSchema },
    right: { kind: 'scan', table: 'teams', schema: teams.schema },
    condition: E.call('equal', [E.col(2), E.col(5)], T.bool),
  } as const;
  const joined: Program = {
    ...p,
    inputs: [csvInput, teams],
    views: [
      { name: 'pairs', rel: joinRel },
      { name: 'names', rel: { kind: 'project', input: { kind: 'ref', name: 'pairs', schema: [...peopleSchema, ...teams.schema] }, exprs: [E.col(1), E.col(6)], names: ['person', 'team_name'] } },
    ],
    outputs: [
      { name: 'pairs', from: 'pairs', orderBy: [E.asc(E.col(0))], format: 'csv' },
      { name: 'names', from: 'names', orderBy: [], format: 'json' },
    ],
  };
  const hashes = [];
  for (const backend of ['duckdb', 'sqlite'] as const) {
    const out = path.join(dir, `dup-${backend}`);
    const r = await runProgram(joined, { ...base, backend, outDir: out });
    assert.equal(r.outputs[0]!.schema.map((f) => f.name), ['id', 'name', 'team', 'score', 'price', 'id_2', 'name_2']);
    assert.is(readFileSync(path.join(out, 'outputs/pairs.csv'), 'utf8').split('\n')[0], 'id,name,team,score,price,id_2,name_2');
    // person 'p, i' is in team t(i % 5): t1 → One, t2 → Two (read from the ref by position).
    assert.ok(r.outputs[1]!.data!.every((row) => row[1] === (Number(String(row[0]).slice(3)) % 5 === 1 ? 'One' : 'Two')));
    assert.is(r.outputs[1]!.rows, [...Array(2000).keys()].filter((i) => i % 7 !== 0 && (i % 5 === 1 || i % 5 === 2)).length);
    hashes.push(r.outputs.map((o) => o.contentHash));
  }
  assert.equal(hashes[0], hashes[1]);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
