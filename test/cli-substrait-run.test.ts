// Issue 16 through the bundled CLI (bin/relc.js; `npm run build` first): the README's flow —
// compile the quickstart to Substrait, run the plan with only its inputs — gives the pack's
// outputs with the pack's parameter defaults; what is missing is listed at once; a file that is
// no plan names itself and what was expected.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';

const ROOT = path.resolve(import.meta.dirname, '..');
const SPEC = path.join(ROOT, 'examples/quickstart/relc.yaml');
const DATA = path.join(ROOT, 'examples/quickstart/data');
const INPUTS = ['people=people.csv', 'contractors=contractors.csv', 'teams=teams.csv', 'cst_nodes=cst_nodes.jsonl'].flatMap((a) => {
  const [name, file] = a.split('=');
  return ['--input', `${name}=${path.join(DATA, file!)}`];
});
const NOT_A_PLAN = 'not a Substrait plan (expected a binary substrait.Plan protobuf or its JSON form)';

const dir = mkdtempSync(path.join(tmpdir(), 'relc-cli-substrait-'));
const relc = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'relc.js'), ...args], { cwd: dir, encoding: 'utf8' });

interface Manifest {
  params: Record<string, unknown>;
  outputs: { name: string; rows: number; content_hash: string }[];
}
const manifestOf = (r: ReturnType<typeof relc>): Manifest => (JSON.parse(r.stdout) as { manifest: Manifest }).manifest;

test('compile --target substrait, then run the plan with only --input: the pack’s outputs and parameter values', () => {
  const compiled = relc('compile', SPEC, '--target', 'substrait', '--out', 'plan.substrait');
  assert.is(compiled.status, 0, compiled.stderr);
  const plan = relc('run', 'plan.substrait', ...INPUTS, '--json');
  assert.is(plan.status, 0, plan.stderr);
  const pack = relc('run', SPEC, '--json');
  assert.is(pack.status, 0, pack.stderr);
  const got = manifestOf(plan);
  const want = manifestOf(pack);
  assert.equal(got.params, { hired_since: '2019-01-01', min_score: 0.5 });
  assert.equal(got.params, want.params);
  assert.is(want.outputs.length, 9);
  const rows = (m: Manifest) => m.outputs.map((o) => [o.name, o.rows, o.content_hash]);
  assert.equal(rows(got), rows(want));
  // An override by the declared name, as for the pack.
  const strict = relc('run', 'plan.substrait', ...INPUTS, '--param', 'min_score=0.9', '--json');
  assert.is(strict.status, 0, strict.stderr);
  assert.equal(manifestOf(strict).params, { hired_since: '2019-01-01', min_score: 0.9 });
  assert.equal(rows(manifestOf(strict)), rows(manifestOf(relc('run', SPEC, '--param', 'min_score=0.9', '--json'))));
});

test('a plan run without its inputs lists every one of them, with the flag to pass', () => {
  assert.is(relc('compile', SPEC, '--target', 'substrait', '--out', 'plan.substrait').status, 0);
  const r = relc('run', 'plan.substrait', '--input', `teams=${path.join(DATA, 'teams.csv')}`);
  assert.is(r.status, 1);
  const at = (name: string) => path.join(dir, `${name}.parquet`);
  assert.is(r.stderr, `error[INPUT_NOT_FOUND]: missing inputs people (no file at ${at('people')}), contractors (no file at ${at('contractors')}), cst_nodes (no file at ${at('cst_nodes')}); pass --input people=PATH --input contractors=PATH --input cst_nodes=PATH\n`);
});

test('garbage bytes and a text file named .substrait are reported as no plan, naming the file', () => {
  writeFileSync(path.join(dir, 'bad.substrait'), Buffer.from('garbage\x01\x02\xff', 'latin1'));
  let r = relc('run', 'bad.substrait');
  assert.is(r.status, 1);
  assert.is(r.stderr, `error[SUBSTRAIT_DECODE_ERROR]: bad.substrait: ${NOT_A_PLAN}: invalid field tag (field 12, wire type 7) at byte 0\n`);
  writeFileSync(path.join(dir, 'notes.substrait'), 'name: a rule pack?\nrules: []\n');
  r = relc('run', 'notes.substrait');
  assert.is(r.status, 1);
  assert.is(r.stderr, `error[SUBSTRAIT_DECODE_ERROR]: notes.substrait: ${NOT_A_PLAN}: the file is text, and not JSON\n`);
  r = relc('transpile', '--from', 'substrait', '--to', 'duckdb', '-f', 'bad.substrait');
  assert.is(r.status, 1);
  assert.is(r.stderr, `error[SUBSTRAIT_DECODE_ERROR]: bad.substrait: ${NOT_A_PLAN}: invalid field tag (field 12, wire type 7) at byte 0\n`);
  r = relc('run', 'notes.substrait', '--json');
  assert.is(r.status, 1);
  assert.equal(JSON.parse(r.stdout).error, {
    stage: 'spec',
    retryable: false,
    code: 'SUBSTRAIT_DECODE_ERROR',
    message: `notes.substrait: ${NOT_A_PLAN}: the file is text, and not JSON`,
    details: { path: 'plan', file: path.join(dir, 'notes.substrait') },
  });
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
