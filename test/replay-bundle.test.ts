// `relc replay`: a fresh bundle replays clean (recorded params, engine and threads); an altered
// input file or rule fails with REPLAY_MISMATCH naming exactly what differs.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { runSpecFile } from '../src/run/execute/execute.ts';
import { replayBundle, replayMismatch, type ReplayReport } from '../src/run/gate/replay.ts';
import { PLAIN_ENV } from './support/plain-env.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A private copy of the quickstart example (spec and data) and a run bundle of it. */
async function freshRun(opts: { backend?: 'duckdb' | 'sqlite'; threads?: number; params?: Record<string, string> } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-replay-'));
  cpSync(path.join(ROOT, 'examples/quickstart'), dir, { recursive: true });
  const spec = path.join(dir, 'relc.yaml');
  const bundle = path.join(dir, 'run');
  const result = await runSpecFile(spec, { backend: opts.backend ?? 'duckdb', threads: opts.threads ?? 2, outDir: bundle, params: opts.params ?? {}, optimize: true, disable: [] });
  return { dir, spec, bundle, result };
}

const kinds = (r: ReplayReport) => r.mismatches.map((m) => `${m.kind}:${m.name}`);

/** One bundle shared by the tests below; each alteration is undone before the next test. */
let shared: Awaited<ReturnType<typeof freshRun>>;

/** Runs `f` with a file of the shared copy altered, then restores it. */
async function altered(rel: string, change: (text: string) => string | undefined, f: () => Promise<void>): Promise<void> {
  const file = path.join(shared.dir, rel);
  const original = readFileSync(file, 'utf8');
  const next = change(original);
  if (next === undefined) rmSync(file);
  else {
    assert.is.not(next, original, `the alteration of ${rel} changes it`);
    writeFileSync(file, next);
  }
  try {
    await f();
  } finally {
    writeFileSync(file, original);
  }
}

test('a fresh run replays clean, with the recorded params rather than the defaults', async () => {
  shared = await freshRun({ params: { min_score: '0.6' } });
  const { bundle, result } = shared;
  assert.equal(result.manifest.params['min_score'], 0.6);
  const r = await replayBundle(bundle);
  assert.equal(r.mismatches, []);
  assert.ok(r.ok);
  assert.equal(r.checked, { inputs: 4, views: result.manifest.views.length, outputs: 9 });
  assert.equal(r.notes, []);
});

test('an altered input file is reported as such, with the outputs it changed', async () => {
  const { bundle } = shared;
  await altered('data/people.csv', (t) => t.replace('4,Barbara,20,0.77,2021-11-30', '4,Barbara,20,0.97,2021-11-30'), async () => {
    const r = await replayBundle(bundle);
    assert.not.ok(r.ok);
    assert.equal(kinds(r), ['input:people', 'output:team_sizes', 'output:best_member', 'output:badges', 'output:big_teams']);
    assert.match(r.mismatches[0]!.message, /^input people \(data\/people\.csv\) changed since the run: 247 → 247 bytes, blake3 [0-9a-f]{16} → [0-9a-f]{16}$/);
    assert.match(r.mismatches[2]!.message, /^output best_member: content_hash [0-9a-f]{16} → [0-9a-f]{16} \(3 rows both\)$/);
    const err = replayMismatch(r);
    assert.is(err.code, 'REPLAY_MISMATCH');
    assert.ok(err.message.startsWith(`replay of ${bundle} does not match the recorded run (5 differences):\n  input people (data/people.csv) changed since the run: `), err.message);
  });
});

test('an altered rule names the spec change, the changed view signatures and outputs', async () => {
  const { bundle } = shared;
  await altered('relc.yaml', (t) => t.replace('where: "score >= :min_score and joined >= :hired_since"', 'where: "score > :min_score and joined >= :hired_since"'), async () => {
    const r = await replayBundle(bundle);
    assert.equal(kinds(r), ['spec:', 'view:strong_recent', 'view:badges']);
    assert.match(r.mismatches[0]!.message, /^rule pack .*relc\.yaml changed since the run: spec_hash [0-9a-f]{16} → [0-9a-f]{16} \(definition changed: strong_recent; downstream impacted: badges\)$/);
    assert.match(r.mismatches[1]!.message, /^view strong_recent: signature [0-9a-f]{16} → [0-9a-f]{16}$/);
    // `>` and `>=` select the same rows of this data: the outputs still match, and say so by their absence.
  });
});

test('a rule change that changes results fails on the outputs too', async () => {
  const { bundle } = shared;
  await altered('relc.yaml', (t) => t.replace('order_by: ["score desc", "person asc", "person_id asc", "source asc"]', 'order_by: ["score asc", "person asc", "person_id asc", "source asc"]'), async () => {
    const r = await replayBundle(bundle);
    assert.equal(kinds(r), ['spec:', 'view:best_member', 'view:big_teams', 'output:best_member', 'output:big_teams']);
    assert.match(r.mismatches[0]!.message, /\(definition changed: best_member; downstream impacted: big_teams\)$/);
  });
});

/** The shared bundle's manifest with its envelope changed by `change` (envelope_hash recomputed as a run would). */
function envelopeAltered(change: (envelope: Record<string, any>) => void): (text: string) => string {
  return (text) => {
    const m = JSON.parse(text);
    change(m.envelope);
    return `${JSON.stringify(m, null, 2)}\n`;
  };
}

test('a changed envelope (engine version, an engine setting, a shim definition) is a mismatch per field, unless allowEnvelopeChange', async () => {
  const { bundle } = shared;
  const change = envelopeAltered((e) => {
    e.engine_version = '0.9.0';
    e.engine_settings = ["SET TimeZone = 'UTC'"];
    e.functions.engine.relc_substring = '0'.repeat(64);
  });
  await altered('run/manifest.json', change, async () => {
    const r = await replayBundle(bundle);
    assert.not.ok(r.ok);
    const now = (await replayBundle(bundle, { allowEnvelopeChange: true }));
    assert.equal(r.mismatches.map((m) => m.message), [
      `envelope engine_settings: ["SET TimeZone = 'UTC'"] in the run, ["SET TimeZone = 'UTC'","SET disabled_optimizers = 'join_filter_pushdown'"] now`,
      'envelope engine_version: "0.9.0" in the run, "1.5.5" now',
      `envelope functions.engine.relc_substring: "${'0'.repeat(64)}" in the run, ${JSON.stringify(shared.result.manifest.envelope['functions'] && (shared.result.manifest.envelope['functions'] as { engine: Record<string, string> }).engine['relc_substring'])} now`,
    ]);
    assert.is(replayMismatch(r).code, 'REPLAY_MISMATCH');
    assert.ok(now.ok, 'results still match: under allowEnvelopeChange the differences are notes');
    assert.equal(now.notes.map((n) => n.name), ['engine_settings', 'engine_version', 'functions.engine.relc_substring']);
    assert.equal(now.mismatches, []);
    const refused = cli([bundle]);
    assert.is(refused.status, 1);
    assert.match(refused.stderr, /\(3 differences\):\n {2}envelope engine_settings: /);
    const allowed = cli([bundle, '--allow-envelope-change']);
    assert.is(allowed.status, 0, allowed.stderr);
  });
});

test('a deleted input file: reported missing, and the failed re-run says why', async () => {
  const { bundle } = shared;
  await altered('data/teams.csv', () => undefined, async () => {
    const r = await replayBundle(bundle);
    assert.equal(kinds(r), ['input:teams', 'run:']);
    assert.is(r.mismatches[0]!.message, 'input teams: data/teams.csv no longer exists');
    assert.match(r.mismatches[1]!.message, /^the replay failed: error\[INPUT_NOT_FOUND\]: /);
  });
});

test('a run with a pass disabled, or unoptimized, replays with the same pass list', async () => {
  for (const choice of [{ optimize: true, disable: ['prune_columns', 'merge_projects'] }, { optimize: false, disable: [] }]) {
    const dir = mkdtempSync(path.join(tmpdir(), 'relc-replay-'));
    cpSync(path.join(ROOT, 'examples/quickstart'), dir, { recursive: true });
    const bundle = path.join(dir, 'run');
    const run = await runSpecFile(path.join(dir, 'relc.yaml'), { backend: 'duckdb', threads: 1, outDir: bundle, ...choice });
    const passes = run.manifest.envelope['passes'] as string[];
    assert.is(passes.includes('prune_columns'), false);
    const r = await replayBundle(bundle);
    assert.equal(r.mismatches, []);
    assert.equal(r.notes, [], 'the replayed envelope, pass list included, equals the recorded one');
    rmSync(dir, { recursive: true });
  }
});

test('a SQLite bundle replays on SQLite', async () => {
  const { dir, bundle, result } = await freshRun({ backend: 'sqlite' });
  assert.is(result.manifest.envelope['engine'], 'sqlite');
  const r = await replayBundle(bundle);
  assert.equal(r.mismatches, []);
  rmSync(dir, { recursive: true });
});

test('a moved bundle: its spec_path no longer resolves (INPUT_NOT_FOUND naming --spec); --spec replays it', async () => {
  const { dir, spec, bundle, result } = shared;
  assert.is(result.manifest.spec_path, '../relc.yaml');
  const moved = path.join(dir, 'archive', 'deeper', 'run');
  cpSync(bundle, moved, { recursive: true });
  try {
    await replayBundle(moved);
    assert.unreachable();
  } catch (e) {
    assert.is((e as { code: string }).code, 'INPUT_NOT_FOUND');
    assert.match((e as Error).message, /^the rule pack of .*run is not at .*relc\.yaml \(its manifest's spec_path, relative to the bundle\); pass --spec FILE$/);
  }
  const r = await replayBundle(moved, { spec });
  assert.equal(r.mismatches, []);
});

test('not a bundle: INPUT_NOT_FOUND; a manifest without its fields: REPLAY_MISMATCH', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-replay-'));
  const codeOf = async () => {
    try {
      await replayBundle(dir, { spec: path.join(dir, 'x.yaml') });
    } catch (e) {
      return `${(e as { code: string }).code}: ${(e as Error).message}`;
    }
    return 'no error';
  };
  assert.match(await codeOf(), /^INPUT_NOT_FOUND: no run bundle at .*: cannot read .*manifest\.json: ENOENT$/);
  writeFileSync(path.join(dir, 'manifest.json'), '{"spec_hash": "x"}');
  assert.match(await codeOf(), /^REPLAY_MISMATCH: .* is not a replayable run bundle: manifest\.json lacks spec_hash, envelope, inputs, views or outputs$/);
  rmSync(dir, { recursive: true });
});

/** Runs the replay command class in a fresh process, as the relc binary does. */
function cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const script = [
    "const { register } = await import('tsx/esm/api'); register();",
    "const { handle, flush } = await import('@oclif/core');",
    `const { default: C } = await import(${JSON.stringify(path.join(ROOT, 'src/cli/commands/replay.ts'))});`,
    `try { await C.run(process.argv.slice(1), ${JSON.stringify(path.join(ROOT, 'package.json'))}); await flush(); } catch (e) { await handle(e); }`,
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { cwd: ROOT, encoding: 'utf8', env: PLAIN_ENV });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI: replay exits 0 on a fresh run and 1 with REPLAY_MISMATCH after an input changed', async () => {
  const { dir, bundle } = shared;
  const ok = cli([bundle]);
  assert.is(ok.status, 0, ok.stderr);
  assert.is(ok.stdout, `replay ok: ${bundle}: spec_hash, 4 input fingerprints, 12 view signatures and 9 output content hashes match\n`);
  await altered('data/contractors.csv', (t) => `${t}\n`, async () => {
    const bad = cli([bundle]);
    assert.is(bad.status, 1);
    assert.match(bad.stderr, /^error\[REPLAY_MISMATCH\]: replay of .* does not match the recorded run \(1 difference\):\n {2}input contractors \(data\/contractors\.csv\) changed since the run: 141 → 142 bytes, blake3 /);
  });
  rmSync(dir, { recursive: true });
});

test.run();
