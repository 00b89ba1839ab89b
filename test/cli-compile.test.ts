// The compiled CLI (bin/relc.js → dist/): `compile --view X --json` lists that view only, and
// the commands that never execute do not load a native engine module.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const relc = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'relc.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
const SPEC = 'examples/quickstart/relc.yaml';

test('compile --view X --json lists only X', () => {
  const r = relc('compile', SPEC, '--view', 'team_sizes', '--json');
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).views.map((v: { name: string }) => v.name), ['team_sizes']);
  const all = JSON.parse(relc('compile', SPEC, '--json').stdout).views.length;
  assert.ok(all > 1);
});

// A preload that fails the process if an engine's native module is resolved.
const GUARD = `data:text/javascript,${encodeURIComponent(
  "import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(\"export async function resolve(s, c, n) { if (/@duckdb|better-sqlite3/.test(s)) throw new Error('native engine loaded: ' + s); return n(s, c); }\"));",
)}`;

test('validate, compile, transpile, explain and --help load neither DuckDB nor SQLite', () => {
  const runs: string[][] = [
    ['--help'],
    ['validate', SPEC],
    ['compile', SPEC, '--target', 'sqlite'],
    ['explain', SPEC, '--view', 'team_sizes'],
    ['transpile', '--from', 'duckdb', '--to', 'postgres', 'select 7 / 2'],
  ];
  for (const args of runs) {
    const r = spawnSync(process.execPath, ['--import', GUARD, path.join(ROOT, 'bin', 'relc.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
    assert.is(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  // The guard itself works: run executes, and so loads DuckDB.
  const run = spawnSync(process.execPath, ['--import', GUARD, path.join(ROOT, 'bin', 'relc.js'), 'run', SPEC], { cwd: ROOT, encoding: 'utf8' });
  assert.is.not(run.status, 0);
  assert.match(run.stderr, /native engine loaded: @duckdb\/node-api/);
});

test.run();
