// The run bundle as a determinism record: the manifest carries the envelope and its hash, the
// params, input fingerprints, per-view signatures and per-output content hashes, each of which
// recomputes from first principles; runs that differ only in threads write identical outputs.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBLAKE3 } from 'hash-wasm';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { canonicalJson, initHashing, signViews } from '../src/ir/index.ts';
import { compileSpecText } from '../src/spec/index.ts';
import { runSpecFile } from '../src/run/execute/execute.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = path.join(ROOT, 'examples/quickstart/relc.yaml');
const DIR = mkdtempSync(path.join(tmpdir(), 'relc-bundle-'));

async function blake3(data: Uint8Array | string): Promise<string> {
  const h = await createBLAKE3();
  h.init();
  h.update(data);
  return h.digest('hex');
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

test('the manifest records envelope, params, inputs, views and outputs, each recomputable', async () => {
  await initHashing();
  const out = path.join(DIR, 'a');
  await runSpecFile(SPEC, { backend: 'duckdb', threads: 2, outDir: out, params: { min_score: '0.7' }, optimize: true, disable: [] });
  const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  const env = m.envelope;
  for (const k of ['relc_version', 'engine', 'engine_version', 'threads', 'memory_limit', 'profile', 'passes', 'functions']) assert.ok(k in env, `envelope.${k}`);
  assert.is(env.engine, 'duckdb');
  assert.is(env.threads, 2);
  assert.is(env.profile, 'default');
  assert.ok(env.passes.length > 0);
  assert.is(m.envelope_hash, await blake3(canonicalJson(env)));
  assert.equal(m.params, { hired_since: '2019-01-01', min_score: 0.7 });
  const compiled = await compileSpecText(readFileSync(SPEC, 'utf8'), SPEC);
  assert.is(m.spec_hash, compiled.specHash);
  assert.is(readFileSync(path.join(out, 'spec.txt'), 'utf8'), readFileSync(SPEC, 'utf8'));
  for (const input of m.inputs) {
    const bytes = readFileSync(path.join(ROOT, 'examples/quickstart', input.path));
    assert.equal({ bytes: input.bytes, blake3: input.blake3 }, { bytes: bytes.length, blake3: await blake3(bytes) }, input.name);
  }
  assert.equal(m.inputs.map((i: { name: string }) => i.name), ['people', 'contractors', 'teams', 'cst_nodes']);
  const sigs = signViews(compiled.program);
  const recorded = Object.fromEntries(m.views.filter((v: { signature: string }) => v.signature !== '').map((v: { name: string; signature: string }) => [v.name, v.signature]));
  assert.equal(recorded, Object.fromEntries(compiled.program.views.map((v) => [v.name, sigs.get(v.name)])));
  assert.equal(m.outputs.map((o: { name: string }) => o.name), compiled.program.outputs.map((o) => o.name));
  for (const o of m.outputs) assert.match(o.content_hash, /^[0-9a-f]{64}$/);
});

test('same inputs and settings: byte-identical manifest; threads 1 vs 4: identical output files', async () => {
  const run = async (name: string, threads: number) => {
    const out = path.join(DIR, name);
    await runSpecFile(SPEC, { backend: 'duckdb', threads, outDir: out, optimize: true, disable: [] });
    return out;
  };
  const [a, b, c] = [await run('t4a', 4), await run('t4b', 4), await run('t1', 1)];
  assert.is(readFileSync(path.join(a, 'manifest.json'), 'utf8'), readFileSync(path.join(b, 'manifest.json'), 'utf8'));
  const outputs = files(path.join(a, 'outputs'));
  assert.is(outputs.length, 9);
  for (const f of outputs) {
    assert.ok(readFileSync(path.join(a, 'outputs', f)).equals(readFileSync(path.join(c, 'outputs', f))), `outputs/${f} on threads=1 vs 4`);
  }
  const ma = JSON.parse(readFileSync(path.join(a, 'manifest.json'), 'utf8'));
  const mc = JSON.parse(readFileSync(path.join(c, 'manifest.json'), 'utf8'));
  const differing = Object.keys(ma).filter((k) => canonicalJson(ma[k]) !== canonicalJson(mc[k]));
  assert.equal(differing, ['envelope', 'envelope_hash']);
  assert.equal(Object.keys(ma.envelope).filter((k) => canonicalJson(ma.envelope[k]) !== canonicalJson(mc.envelope[k])), ['threads']);
});

test.after(() => rmSync(DIR, { recursive: true }));
test.run();
