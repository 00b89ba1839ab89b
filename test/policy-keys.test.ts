// Declared keys and warnings are contracts: a duplicate key is INPUT_KEY_VIOLATION naming the
// file rows; `policy.input_keys: warn` downgrades it to a warning, and the run stays
// deterministic (the key is then not trusted, so a winner ordered by it breaks ties by every
// column): one content hash on DuckDB threads 1/2/4, run twice each, and on SQLite. Warnings of
// the compilation and of the run land in RunResult, the manifest and the warnings dataset, and
// `relc run` prints them on stderr. policy.ambiguity_columns is checked statically.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSpecFile } from '../src/run/execute/execute.ts';
import { compileSpecText } from '../src/spec/index.ts';
import { failure } from './support/failure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(path.join(tmpdir(), 'relc-policy-keys-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

// 20,000 rows; id repeats every 2,000 rows (10 copies each), names unique and scrambled.
const N = 20_000;
const rows = Array.from({ length: N }, (_, i) => ({ id: i % 2000, name: `n${String((i * 7919) % N).padStart(5, '0')}`, team: i % 7, score: (i % 13) / 4 }));
writeFileSync(path.join(dir, 'people.csv'), `id,name,team,score\n${rows.map((r) => `${r.id},${r.name},${r.team},${r.score}`).join('\n')}\n`);

function pack(name: string, policy: string): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, `relc: 1
name: ${name}
inputs:
  people: { path: people.csv, schema: { id: int64, name: utf8, team: int64, score: float64 }, key: [id] }
rules:
  - { name: best, kind: winner, from: people, partition_by: [team], order_by: ["id asc"] }
outputs:
  - { name: best, from: best, order_by: [team] }
${policy}`);
  return file;
}

const KEY_MESSAGE = 'input people (people.csv): declared key (id) is not unique: (0) ×10 at rows 1 and 2001 of the file, (1) ×10 at rows 2 and 2002 of the file, (2) ×10 at rows 3 and 2003 of the file, …';

test('without a policy a duplicate key stops the run: INPUT_KEY_VIOLATION with the file rows', async () => {
  const e = await failure(runSpecFile(pack('strict_keys', ''), { backend: 'duckdb', optimize: true, disable: [] }));
  assert.is(e.code, 'INPUT_KEY_VIOLATION');
  assert.is(e.message, KEY_MESSAGE);
  assert.equal((e.details?.['duplicates'] as { file_rows: number[] }[]).map((d) => d.file_rows), [[1, 2001], [2, 2002], [3, 2003]]);
});

test('input_keys: warn: a warning, and the winner is the same row on every run, thread count and backend', async () => {
  const file = pack('warn_keys', 'policy: { input_keys: warn }\n');
  // The expected winners: per team the smallest id, ties broken by the remaining columns (name, score).
  const expected = [...new Set(rows.map((r) => r.team))].sort((a, b) => a - b).map((team) => {
    const best = rows.filter((r) => r.team === team).sort((a, b) => a.id - b.id || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.score - b.score)[0]!;
    return [BigInt(best.id), best.name, BigInt(best.team), best.score];
  });
  const hashes = new Set<string>();
  for (const threads of [1, 2, 4, 1, 2, 4]) {
    const r = await runSpecFile(file, { backend: 'duckdb', threads, optimize: true, disable: [], collect: 'all' });
    assert.equal(r.outputs[0]!.data, expected, `threads ${threads}`);
    hashes.add(r.outputs[0]!.contentHash);
  }
  const out = path.join(dir, 'warn-bundle');
  const lite = await runSpecFile(file, { backend: 'sqlite', optimize: true, disable: [], collect: 'all', outDir: out });
  assert.equal(lite.outputs[0]!.data, expected);
  hashes.add(lite.outputs[0]!.contentHash);
  assert.is(hashes.size, 1);
  // the compilation's warning (the key is not trusted: ties possible) and the run's (the duplicates)
  const warnings = [
    { code: 'NONDETERMINISTIC_ORDER', message: "winner rule 'best': order_by does not cover a declared key of people, so ties are possible; breaking ties by name, score" },
    { code: 'INPUT_KEY_VIOLATION', message: `${KEY_MESSAGE} (policy.input_keys: warn; ties are broken by every column)`, subject: 'people' },
  ];
  assert.equal(lite.manifest.warnings, warnings);
  assert.equal(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).warnings, warnings);
});

test('strict ignores input_keys: warn', async () => {
  const e = await failure(runSpecFile(pack('strict_warn', 'profile: strict\npolicy: { input_keys: warn }\n'), { backend: 'sqlite', optimize: true, disable: [] }));
  assert.is(e.code, 'INPUT_KEY_VIOLATION');
});

test('a policy is part of spec_hash; a pack without one hashes as before (no defaults filled in)', async () => {
  const without = await compileSpecText(readFileSync(pack('h', ''), 'utf8'), 'h.yaml');
  const withPolicy = await compileSpecText(readFileSync(pack('h', 'policy: { input_keys: error }\n'), 'utf8'), 'h.yaml');
  assert.not.equal(without.specHash, withPolicy.specHash);
  assert.is('policy' in without.spec, false);
  assert.equal(withPolicy.spec.policy, { input_keys: 'error', shims: 'allow', on_violation: 'error' });
});

const AMBIGUITY = `relc: 1
name: amb
inputs:
  people: { path: people.csv, schema: { id: int64, name: utf8, team: int64, score: float64 } }
  teams: { path: teams.csv, schema: { id: int64, team: int64, label: utf8 }, key: [id] }
rules:
  - { name: by_key, kind: relate, left: people, right: teams, on: "left.team = right.id", select: { id: left.id, label: right.label } }
  - { name: by_team, kind: relate, left: people, right: teams, on: "left.team = right.team", select: { id: left.id, label: right.label } }
  - { name: ranked, kind: project, from: people, select: { id: id, team: team, candidates: "1" } }
  - { name: best, kind: winner, from: ranked, partition_by: [team], order_by: [id] }
`;

test('policy.ambiguity_columns: relate without a key join and winner must output them (validate-time POLICY_VIOLATION or warning)', async () => {
  const e = await failure(compileSpecText(`${AMBIGUITY}policy: { ambiguity_columns: [candidates] }\n`, 'amb.yaml'));
  assert.is(e.code, 'POLICY_VIOLATION');
  assert.is(e.message, "rule 'by_team' (relate) can produce several candidates (its condition does not pin a declared key of teams) but does not output candidates, required by policy.ambiguity_columns; its columns: id, label");
  assert.equal(e.location, { file: 'amb.yaml', line: 8, col: 5 });
  const warned = await compileSpecText(`${AMBIGUITY}policy: { ambiguity_columns: [candidates], on_violation: warn }\n`, 'amb.yaml');
  assert.equal(warned.warnings.filter((w) => w.code === 'POLICY_VIOLATION').map((w) => w.message), [
    "rule 'by_team' (relate) can produce several candidates (its condition does not pin a declared key of teams) but does not output candidates, required by policy.ambiguity_columns; its columns: id, label",
  ]);
  // by_key pins teams' key and the winner outputs `candidates`: both pass
  const keyed = AMBIGUITY.replace(/^.*by_team.*\n/m, '');
  const ok = await compileSpecText(`${keyed}policy: { ambiguity_columns: [candidates] }\n`, 'amb.yaml');
  assert.equal(ok.program.views.map((v) => v.name), ['by_key', 'ranked', 'best']);
  // a winner without it fails, also under on_violation: warn when the profile is strict
  const winner = await failure(compileSpecText(`${keyed.replace('candidates: "1"', 'n: "1"').replace('order_by: [id]', 'order_by: [id, n]')}profile: strict\npolicy: { ambiguity_columns: [candidates], on_violation: warn }\n`, 'amb.yaml'));
  assert.is(winner.code, 'POLICY_VIOLATION');
  assert.is(winner.message, "rule 'best' (winner) can produce several candidates (a winner picks among the rows of each partition) but does not output candidates, required by policy.ambiguity_columns; its columns: id, team, n");
});

const cliBuilt = existsSync(path.join(ROOT, 'dist', 'bin'));
test('relc run prints the warnings on stderr (after npm run build)', () => {
  if (!cliBuilt) throw new Error('dist/bin is missing: run npm run build first');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'relc.js'), 'run', pack('cli', 'policy: { input_keys: warn }\n'), '--rows', '0'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.is(lines.length, 2, r.stderr);
  assert.match(lines[0]!, /cli\.yaml:6:\d+: warning\[NONDETERMINISTIC_ORDER\]: winner rule 'best'/);
  assert.is(lines[1], `warning[INPUT_KEY_VIOLATION]: ${KEY_MESSAGE} (policy.input_keys: warn; ties are broken by every column)`);
});

test('relc explain prints the compilation warnings on stderr; --analyze the run\'s too (after npm run build)', () => {
  const file = pack('cli_explain', 'policy: { input_keys: warn }\n');
  const plain = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'relc.js'), 'explain', file], { cwd: ROOT, encoding: 'utf8' });
  assert.is(plain.status, 0, plain.stderr);
  assert.match(plain.stderr, /^[^\n]*cli_explain\.yaml:6:\d+: warning\[NONDETERMINISTIC_ORDER\]: winner rule 'best'[^\n]*\n$/);
  const analyzed = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'relc.js'), 'explain', file, '--analyze'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(analyzed.status, 0, analyzed.stderr);
  assert.ok(analyzed.stderr.includes(`warning[INPUT_KEY_VIOLATION]: ${KEY_MESSAGE}`), analyzed.stderr);
});

test.run();
