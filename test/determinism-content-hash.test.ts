// Same spec + same inputs → same content hashes, same rows in the same order, on DuckDB with
// threads=1, 2 and 4 and on SQLite, optimized or not (CONTRACTS.md, canonical values).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { canonicalRowKey, contentHash } from '../src/backends/index.ts';
import { initHashing } from '../src/ir/index.ts';
import { runSpecFile } from '../src/run/execute/execute.ts';
import type { RunResult } from '../src/run/execute/run-program.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = readdirSync(path.join(ROOT, 'examples'))
  .filter((d) => readdirSync(path.join(ROOT, 'examples', d)).includes('relc.yaml'))
  .sort();

interface Variant {
  readonly label: string;
  readonly backend: 'duckdb' | 'sqlite';
  readonly threads?: number;
  readonly optimize: boolean;
}

const VARIANTS: readonly Variant[] = [
  { label: 'duckdb threads=1', backend: 'duckdb', threads: 1, optimize: true },
  { label: 'duckdb threads=2', backend: 'duckdb', threads: 2, optimize: true },
  { label: 'duckdb threads=4', backend: 'duckdb', threads: 4, optimize: true },
  { label: 'sqlite', backend: 'sqlite', optimize: true },
  { label: 'duckdb threads=4, unoptimized', backend: 'duckdb', threads: 4, optimize: false },
];

function fingerprint(r: RunResult): { hashes: Record<string, string>; rows: Record<string, string[]>; views: Record<string, string> } {
  return {
    hashes: Object.fromEntries(r.manifest.outputs.map((o) => [o.name, o.content_hash])),
    // Rows in output order, doubles at the digits the hash uses: the order must agree too.
    rows: Object.fromEntries(r.outputs.map((o) => [o.name, o.data.map(canonicalRowKey)])),
    views: Object.fromEntries(r.manifest.views.filter((v) => v.signature !== '').map((v) => [v.name, v.signature])),
  };
}

for (const example of EXAMPLES) {
  test(`examples/${example}: identical content_hash and row order on DuckDB threads=1/2/4, SQLite, and unoptimized`, async () => {
    const spec = path.join(ROOT, 'examples', example, 'relc.yaml');
    const runs: { v: Variant; r: RunResult }[] = [];
    for (const v of VARIANTS) runs.push({ v, r: await runSpecFile(spec, { backend: v.backend, threads: v.threads, optimize: v.optimize, disable: [] }) });
    const first = fingerprint(runs[0]!.r);
    assert.ok(Object.keys(first.hashes).length > 0, 'the example declares outputs');
    assert.ok(Object.values(first.rows).some((rows) => rows.length > 1), 'some output has several rows');
    for (const { v, r } of runs.slice(1)) {
      const f = fingerprint(r);
      assert.equal(f.hashes, first.hashes, `content_hash on ${v.label}`);
      assert.equal(f.rows, first.rows, `rows and their order on ${v.label}`);
      assert.equal(f.views, first.views, `view signatures on ${v.label}`);
    }
    // The envelope records what differs between the runs, and only that.
    const env = (i: number) => runs[i]!.r.manifest.envelope;
    assert.equal([env(0)['threads'], env(1)['threads'], env(2)['threads']], [1, 2, 4]);
    assert.is(env(3)['engine'], 'sqlite');
    assert.is.not(runs[0]!.r.manifest.envelope_hash, runs[1]!.r.manifest.envelope_hash);
    assert.equal(env(4)['passes'], []);
  });
}

test('quickstart: outputs come in their declared order, ties broken by every other column', async () => {
  const r = await runSpecFile(path.join(ROOT, 'examples/quickstart/relc.yaml'), { backend: 'sqlite', optimize: true, disable: [] });
  const sizes = r.outputs.find((o) => o.name === 'team_sizes')!;
  const teams = sizes.data.map((row) => row[0] as string);
  assert.equal(teams, [...teams].sort());
  // placement is ordered by [person_id, source]: people and contractors share ids.
  const placement = r.outputs.find((o) => o.name === 'placement')!;
  const keys = placement.data.map((row) => [row[0] as bigint, row[1] as string] as const);
  for (let i = 1; i < keys.length; i++) {
    const [a, b] = [keys[i - 1]!, keys[i]!];
    assert.ok(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]), `placement rows ${i - 1} and ${i} out of order`);
  }
});

test('content_hash covers the canonically ordered rows: any row order hashes the same, any value change does not', async () => {
  await initHashing();
  const r = await runSpecFile(path.join(ROOT, 'examples/quickstart/relc.yaml'), { backend: 'duckdb', threads: 1, optimize: true, disable: [] });
  const out = r.outputs.find((o) => o.name === 'placement')!;
  let seed = 20240611;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < 20; i++) {
    const shuffled = out.data.map((row) => ({ row, k: next() })).sort((a, b) => a.k - b.k).map((x) => x.row);
    assert.is(contentHash(out.schema, shuffled), out.contentHash);
  }
  const changed = out.data.map((row, i) => (i === 3 ? [row[0], 'elsewhere', ...row.slice(2)] : row));
  assert.is.not(contentHash(out.schema, changed), out.contentHash);
  assert.is.not(contentHash(out.schema, out.data.slice(1)), out.contentHash);
});

test.run();
