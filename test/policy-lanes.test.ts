// The lane router and the run-time policy, on real DuckDB and SQLite runs: every view's lane
// decision is a lane_decisions row (native ones too), views on relc's shims are engine_fallbacks
// rows, a policy forbidding shims or other lanes is a POLICY_VIOLATION naming the view, the
// function and the lane (or, with on_violation: warn, a warning in the manifest and the
// diagnostics), row-at-a-time JS shims are refused above shim_row_limit, and a view one engine
// cannot run but another could is a coded refusal naming that engine.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { runSpecFile } from '../src/run/execute/execute.ts';
import { compileSpecText } from '../src/spec/index.ts';
import { failure } from './support/failure.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'relc-lanes-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(path.join(dir, 'people.csv'), 'id,name,team,score,doc\n1,ann,1,2.5,"{""a"": 1}"\n2,bob,1,0.5,"{""a"": 2}"\n3,cy,2,3.0,"{""a"": 3}"\n4,dee,2,1.5,"{""a"": 4}"\n5,eve,3,4.0,"{""a"": 5}"\n');

function pack(name: string, policy: string, extraRules = ''): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, `relc: 1
name: ${name}
inputs:
  people: { path: people.csv, schema: { id: int64, name: utf8, team: int64, score: float64, doc: utf8 }, key: [id] }
rules:
  - { name: plain, kind: filter, from: people, where: "score > 1" }
  - { name: shout, kind: project, from: plain, select: { id: id, loud: "upper(name)" } }
${extraRules}outputs:
  - { name: shout, from: shout, order_by: [id] }
${policy}`);
  return file;
}

const run = (file: string, backend: 'duckdb' | 'sqlite', out?: string) => runSpecFile(file, { backend, optimize: true, disable: [], collect: 'all', ...(out ? { outDir: out } : {}) });

async function dataset(bundle: string, name: string): Promise<unknown[][]> {
  const c = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    return (await c.runAndReadAll('SELECT * FROM read_parquet($1)', [path.join(bundle, 'diagnostics', `${name}.parquet`)])).getRows();
  } finally {
    c.closeSync();
  }
}

const SHIMS = { duckdb: 'SQL macros', sqlite: 'JS functions registered with better-sqlite3' } as const;

for (const backend of ['duckdb', 'sqlite'] as const) {
  test(`${backend}: every view has a lane decision; a view calling relc's shims is on the shim lane and an engine_fallbacks row`, async () => {
    const out = path.join(dir, `lanes-${backend}`);
    const r = await run(pack('lanes', ''), backend, out);
    assert.equal(r.outputs[0]!.data, [[1n, 'ANN'], [3n, 'CY'], [4n, 'DEE'], [5n, 'EVE']]);
    assert.equal(await dataset(out, 'lane_decisions'), [
      ['plain', `sql:${backend}`, backend, `native SQL: calls none of relc's ${SHIMS[backend]}`],
      ['shout', `shim:${backend}`, backend, `calls relc's shim relc_upper (${SHIMS[backend]})`],
    ]);
    assert.equal(await dataset(out, 'engine_fallbacks'), [
      ['shout', `sql:${backend}`, `shim:${backend}`, `relc's shim relc_upper (${SHIMS[backend]}) gives PostgreSQL's semantics where ${backend}'s own functions do not`],
    ]);
    assert.equal(await dataset(out, 'warnings'), []);
    assert.equal(r.manifest.warnings, []);
  });

  test(`${backend}: policy.shims: forbid makes a view that needs a shim a POLICY_VIOLATION naming the view, the function and the lane`, async () => {
    const e = await failure(run(pack('noshims', 'policy: { shims: forbid }\n'), backend));
    assert.is(e.code, 'POLICY_VIOLATION');
    assert.is(e.message, `view shout: its SQL on ${backend} calls relc's shim relc_upper (${SHIMS[backend]}), lane shim:${backend}, which the policy forbids (policy.shims: forbid)`);
    assert.equal(e.details?.['functions'], ['relc_upper']);
    assert.is(e.details?.['lane'], `shim:${backend}`);
    assert.ok(e.location, 'located at the rule');
    assert.is(e.location!.line, 7);
  });

  test(`${backend}: policy.lanes without shim: a POLICY_VIOLATION; with on_violation: warn the run goes on and records the warning`, async () => {
    const e = await failure(run(pack('sqlonly', 'policy: { lanes: [sql] }\n'), backend));
    assert.is(e.code, 'POLICY_VIOLATION');
    assert.is(e.message, `view shout: its SQL on ${backend} calls relc's shim relc_upper (${SHIMS[backend]}), lane shim:${backend}, which is not among policy.lanes (sql)`);
    const out = path.join(dir, `warn-${backend}`);
    const r = await run(pack('sqlwarn', 'policy: { lanes: [sql], on_violation: warn }\n'), backend, out);
    assert.is(r.outputs[0]!.rows, 4);
    const message = `view shout: its SQL on ${backend} calls relc's shim relc_upper (${SHIMS[backend]}), lane shim:${backend}, which is not among policy.lanes (sql)`;
    assert.equal(r.warnings.map((w) => [w.code, w.message, w.subject]), [['POLICY_VIOLATION', message, 'shout']]);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    assert.equal(manifest.warnings, [{ code: 'POLICY_VIOLATION', message, subject: 'shout' }]);
    assert.equal(await dataset(out, 'warnings'), [[1, 'POLICY_VIOLATION', message, 'shout']]);
    // the lane the view ran on is still what the router decided
    assert.equal((await dataset(out, 'lane_decisions')).map((row) => row[1]), [`sql:${backend}`, `shim:${backend}`]);
  });

  test(`${backend}: a lane allowed by dialect (lanes: [sql, shim:${backend}]) passes`, async () => {
    const r = await run(pack('bydialect', `policy: { lanes: [sql, "shim:${backend}"] }\n`), backend);
    assert.is(r.outputs[0]!.rows, 4);
  });

  test(`${backend}: strict turns on_violation: warn back into an error`, async () => {
    const file = pack('strictwarn', 'policy: { shims: forbid, on_violation: warn }\nprofile: strict\n');
    const e = await failure(run(file, backend));
    assert.is(e.code, 'POLICY_VIOLATION');
  });
}

test('shim_row_limit refuses row-at-a-time JS shims (SQLite) above the rows a view reads; DuckDB macros are not row-at-a-time', async () => {
  // shout reads plain (4 rows): a limit of 3 is exceeded, 4 is not.
  const e = await failure(run(pack('limit3', 'policy: { shim_row_limit: 3 }\n'), 'sqlite'));
  assert.is(e.code, 'POLICY_VIOLATION');
  assert.is(e.message, "view shout: lane shim:sqlite calls row-at-a-time relc's shim relc_upper (JS functions registered with better-sqlite3) over 4 rows read, above policy.shim_row_limit 3");
  assert.equal([e.details?.['rows'], e.details?.['limit']], [4, 3]);
  assert.is((await run(pack('limit4', 'policy: { shim_row_limit: 4 }\n'), 'sqlite')).outputs[0]!.rows, 4);
  assert.is((await run(pack('limit3d', 'policy: { shim_row_limit: 3 }\n'), 'duckdb')).outputs[0]!.rows, 4);
  const warned = await run(pack('limit3w', 'policy: { shim_row_limit: 3, on_violation: warn }\n'), 'sqlite');
  assert.equal(warned.warnings.map((w) => w.code), ['POLICY_VIOLATION']);
});

const JSONB = '  - { name: field_a, kind: project, from: people, select: { id: id, a: "doc::jsonb -> \'a\'" } }\n';

test('a view DuckDB cannot run but SQLite can: without a policy word a coded refusal naming the other engine and its lane; under fallbacks: forbid a POLICY_VIOLATION', async () => {
  const e = await failure(run(pack('jsonb', '', JSONB), 'duckdb'));
  assert.is(e.code, 'BACKEND_UNSUPPORTED');
  assert.match(e.message, /^view field_a: cannot run on lane sql:duckdb \(jsonb_in \(DuckDB cannot print jsonb as PostgreSQL does/);
  assert.match(e.message, /; it could run on sqlite \(lane shim:sqlite\): run the pack with --backend sqlite, or allow the fallback with policy: \{ fallbacks: allow \}$/);
  assert.equal([e.details?.['fallback_engine'], e.details?.['fallback_lane'], e.details?.['function']], ['sqlite', 'shim:sqlite', 'jsonb_in']);
  const forbidden = await failure(run(pack('jsonbnofb', 'policy: { fallbacks: forbid }\n', JSONB), 'duckdb'));
  assert.is(forbidden.code, 'POLICY_VIOLATION');
  assert.match(forbidden.message, /^view field_a: cannot run on lane sql:duckdb \(.*\); a fallback to sqlite \(lane shim:sqlite\) is forbidden by policy.fallbacks: forbid$/);
  // where it runs, the view is on the shim lane with the functions named
  const out = path.join(dir, 'jsonb-sqlite');
  await run(pack('jsonb2', '', JSONB), 'sqlite', out);
  const lanes = await dataset(out, 'lane_decisions');
  assert.equal(lanes[2], ['field_a', 'shim:sqlite', 'sqlite', "calls relc's shims relc_json_get, relc_jsonb_in (JS functions registered with better-sqlite3)"]);
});

// field_a: DuckDB cannot express jsonb text; top2: SQLite cannot order by a list. Both read earlier views and are read by later ones.
const CROSS = `  - { name: field_a, kind: project, from: plain, select: { id: id, a: "doc::jsonb -> 'a'", s: "score * 2" } }
  - { name: after, kind: filter, from: field_a, where: "id > 1" }
  - { name: top2, kind: sql, sql: "select id, loud from shout order by array[loud, 'x'] desc, id limit 2" }
`;
function crossPack(name: string, policy: string): string {
  const file = pack(name, policy, CROSS);
  writeFileSync(file, readFileSync(file, 'utf8').replace('outputs:\n', 'outputs:\n  - { name: after, from: after }\n  - { name: top2, from: top2 }\n'));
  return file;
}

test('fallbacks: allow runs a view on the engine that can express it, in both directions, with the same content hashes as on that engine', async () => {
  const hashes = new Map<string, Set<string>>();
  for (const backend of ['duckdb', 'sqlite'] as const) {
    const out = path.join(dir, `cross-${backend}`);
    const r = await run(crossPack(`cross_${backend}`, 'policy: { fallbacks: allow }\n'), backend, out);
    for (const o of r.outputs) hashes.set(o.name, (hashes.get(o.name) ?? new Set()).add(o.contentHash));
    const other = backend === 'duckdb' ? 'sqlite' : 'duckdb';
    const fell = backend === 'duckdb' ? 'field_a' : 'top2';
    const lane = backend === 'duckdb' ? 'shim:sqlite' : 'sql:duckdb';
    assert.equal(r.outputs.find((o) => o.name === 'after')!.data, [[3n, '3', 6], [4n, '4', 3], [5n, '5', 8]]);
    assert.equal(r.outputs.find((o) => o.name === 'top2')!.data, [[4n, 'DEE'], [5n, 'EVE']]);
    const decisions = await dataset(out, 'lane_decisions');
    const decided = decisions.find((d) => d[0] === fell)!;
    assert.equal(decided.slice(0, 3), [fell, lane, other]);
    assert.match(String(decided[3]), new RegExp(`^fallback from sql:${backend}, which cannot express it; on ${other}: `));
    const fallbacks = await dataset(out, 'engine_fallbacks');
    assert.equal(fallbacks.filter((f) => f[0] === fell).map((f) => f.slice(0, 3)), [[fell, `sql:${backend}`, lane]]);
    assert.equal(r.warnings.map((w) => [w.code, w.subject]), [['BACKEND_UNSUPPORTED', fell]]);
    assert.match(r.warnings[0]!.message, new RegExp(`^view ${fell}: cannot run on lane sql:${backend} \\(.*\\); runs on ${other} \\(lane ${lane}\\), what it reads copied there and its result back \\(policy.fallbacks: allow\\)$`));
    assert.equal(Object.keys(r.manifest.envelope['fallback_engines'] as object), [other]);
  }
  // the same content on either backend (each computes the views it can, the other engine the rest)
  assert.equal([...hashes].map(([name, h]) => [name, h.size]), [['after', 1], ['top2', 1], ['shout', 1]]);
  // with --explain the fallback view's plan is the other engine's
  const explained = await runSpecFile(crossPack('cross_explain', 'policy: { fallbacks: allow }\n'), { backend: 'sqlite', optimize: true, disable: [], explain: true });
  assert.ok(explained.explains.get('top2'), 'a plan for the fallback view');
  assert.match(explained.explains.get('top2')!, /ORDER_BY|TOP_N|SEQ_SCAN|PROJECTION/); // DuckDB's physical plan, not SQLite's EXPLAIN QUERY PLAN
  const plainRun = await run(pack('noshift', ''), 'duckdb');
  assert.is(plainRun.manifest.envelope['fallback_engines'], undefined); // no fallback, no envelope field
});

test('policy values are validated with the spec: an unknown lane or field is a spec error', async () => {
  const bad = await failure(compileSpecText(readFileSync(pack('badlane', 'policy: { lanes: [gpu] }\n'), 'utf8'), 'badlane.yaml'));
  assert.is(bad.code, 'SPEC_BAD_VALUE');
  assert.match(bad.message, /a lane: sql or shim/);
  const unknown = await failure(compileSpecText(readFileSync(pack('badfield', 'policy: { shim: forbid }\n'), 'utf8'), 'badfield.yaml'));
  assert.is(unknown.code, 'SPEC_UNKNOWN_FIELD');
});

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const validate = (file: string) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'relc.js'), 'validate', file], { cwd: ROOT, encoding: 'utf8' });

test('relc validate checks the policy on every engine (after npm run build): a view no engine runs within it is the error, one some engine runs a warning', () => {
  const forbidden = validate(pack('v_noshims', 'policy: { shims: forbid }\n'));
  assert.is(forbidden.status, 1);
  assert.is(forbidden.stderr.split('\n')[0], `${path.join(dir, 'v_noshims.yaml')}:7:5: error[POLICY_VIOLATION]: view shout: its SQL on duckdb calls relc's shim relc_upper (SQL macros), lane shim:duckdb, which the policy forbids (policy.shims: forbid)`);
  const some = validate(pack('v_some', 'policy: { lanes: [sql, "shim:sqlite"] }\n'));
  assert.is(some.status, 0, some.stderr);
  assert.is(some.stderr, `${path.join(dir, 'v_some.yaml')}:7:5: warning[POLICY_VIOLATION]: view shout: its SQL on duckdb calls relc's shim relc_upper (SQL macros), lane shim:duckdb, which is not among policy.lanes (sql, shim:sqlite)\n`);
  // fallbacks: allow: a view one engine cannot express validates when another can (a warning says where it runs)
  const crossed = validate(pack('v_cross', 'policy: { fallbacks: allow }\n', JSONB));
  assert.is(crossed.status, 0, crossed.stderr);
  assert.match(crossed.stderr, /^\S*v_cross\.yaml:8:5: warning\[BACKEND_UNSUPPORTED\]: view field_a: cannot run on lane sql:duckdb \(.*\); runs on sqlite \(lane shim:sqlite\), what it reads copied there and its result back \(policy.fallbacks: allow\)\n$/);
  assert.is(validate(pack('v_nocross', '', JSONB)).status, 1);
  const warned = validate(pack('v_warn', 'policy: { shims: forbid, on_violation: warn }\n'));
  assert.is(warned.status, 0, warned.stderr);
  assert.is(warned.stderr.trim().split('\n').length, 2); // one warning per engine
});

test.run();
