// Outputs carry their contract and may be partitioned. Every Parquet output file holds relc's
// key-value metadata (contract, spec_hash, view signature, rule, order, key, determinism tier);
// `partition_by` writes a Hive-partitioned dataset (`<col>=<value>/data_0.<ext>`, values escaped
// by the engine, NULL as __HIVE_DEFAULT_PARTITION__, partition columns only in the paths) whose
// files are byte-identical on DuckDB at 1 and 4 threads and on SQLite, and whose content hash is
// the unpartitioned output's. Bad partition columns are coded errors at their place.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileSpecText } from '../src/spec/index.ts';
import { runSpecFile } from '../src/index.ts';
import { failure } from './support/failure.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'relc-partitions-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(path.join(dir, 'sales.csv'), 'region,product,day,amount\nnorth,a,2024-01-01,1\nsouth,b,2024-01-02,2\n,c,2024-01-01,3\nno/rth,d,2024-01-03,4\nnorth,e,2024-01-01,5\n');
const PACK = `relc: 1
name: parts
inputs:
  sales: { path: sales.csv, schema: { region: utf8?, product: utf8, day: date, amount: int64 } }
rules:
  - { name: lines, kind: filter, from: sales, where: "amount > 0" }
outputs:
  - { name: whole, from: lines, order_by: [product], key: [product] }
  - { name: by_region, from: lines, partition_by: [region] }
  - { name: by_day_csv, from: lines, partition_by: [region, day], format: csv }
  - { name: by_region_json, from: lines, partition_by: [region], format: json }
`;
const spec = path.join(dir, 'relc.yaml');
writeFileSync(spec, PACK);

function files(root: string, rel = ''): string[] {
  return readdirSync(path.join(root, rel)).sort().flatMap((n) => (statSync(path.join(root, rel, n)).isDirectory() ? files(root, path.join(rel, n)) : [path.join(rel, n)]));
}

async function duck<T>(f: (run: (sql: string) => Promise<unknown[][]>) => Promise<T>): Promise<T> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    return await f(async (sql) => (await c.runAndReadAll(sql)).getRows());
  } finally {
    c.closeSync();
  }
}

const runs = [
  { name: 'duckdb-1', backend: 'duckdb', threads: 1 },
  { name: 'duckdb-4', backend: 'duckdb', threads: 4 },
  { name: 'sqlite', backend: 'sqlite', threads: undefined },
] as const;

test('partitioned outputs: the Hive layout, byte-identical files on every backend and thread count, the unpartitioned content hash', async () => {
  const results = [];
  for (const r of runs) {
    const out = path.join(dir, r.name);
    results.push({ out, run: await runSpecFile(spec, { backend: r.backend, threads: r.threads, outDir: out, optimize: true, disable: [] }) });
  }
  const [first] = results;
  const layout = files(path.join(first!.out, 'outputs'));
  assert.equal(layout.filter((f) => f.startsWith('by_region/')), [
    'by_region/region=__HIVE_DEFAULT_PARTITION__/data_0.parquet',
    'by_region/region=no%2Frth/data_0.parquet',
    'by_region/region=north/data_0.parquet',
    'by_region/region=south/data_0.parquet',
  ]);
  assert.ok(layout.includes('by_day_csv/region=north/day=2024-01-01/data_0.csv'));
  assert.ok(layout.includes('by_region_json/region=south/data_0.json'));
  assert.is(readFileSync(path.join(first!.out, 'outputs/by_day_csv/region=north/day=2024-01-01/data_0.csv'), 'utf8'), 'product,amount\na,1\ne,5\n');
  assert.is(readFileSync(path.join(first!.out, 'outputs/by_region_json/region=north/data_0.json'), 'utf8'), '{"product":"a","day":"2024-01-01","amount":1}\n{"product":"e","day":"2024-01-01","amount":5}\n');
  for (const { out, run } of results) {
    assert.equal(files(path.join(out, 'outputs')), layout);
    for (const f of layout) assert.ok(readFileSync(path.join(out, 'outputs', f)).equals(readFileSync(path.join(first!.out, 'outputs', f))), `${out}: ${f}`);
    const hashes = new Set(run.outputs.map((o) => o.contentHash));
    assert.is(hashes.size, 1, 'a partitioned output has the content hash of the same rows unpartitioned');
    assert.equal(run.outputs.map((o) => o.path), ['outputs/whole.parquet', 'outputs/by_region', 'outputs/by_day_csv', 'outputs/by_region_json']);
  }
  // Read back as a Hive dataset: the same rows.
  const back = await duck((q) => q(`SELECT product, day::VARCHAR, amount, region FROM read_parquet('${path.join(first!.out, 'outputs/by_region').replaceAll("'", "''")}/**/*.parquet', hive_partitioning = true) ORDER BY product`));
  assert.equal(back.map((r) => r.map((v) => (v === null ? null : String(v)))), [
    ['a', '2024-01-01', '1', 'north'], ['b', '2024-01-02', '2', 'south'], ['c', '2024-01-01', '3', null], ['d', '2024-01-03', '4', 'no/rth'], ['e', '2024-01-01', '5', 'north'],
  ]);
});

test('every Parquet output carries its contract as key-value metadata', async () => {
  const out = path.join(dir, 'duckdb-1');
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { spec_hash: string; views: { name: string; signature: string }[] };
  const signature = manifest.views.find((v) => v.name === 'lines')!.signature;
  const kv = (file: string) => duck((q) => q(`SELECT key::VARCHAR, decode(value) FROM parquet_kv_metadata('${path.join(out, 'outputs', file).replaceAll("'", "''")}') ORDER BY 1`));
  const expected = (name: string, extra: Record<string, string>) => Object.entries({
    'relc.contract': `parts.${name}`, 'relc.contract_version': '1', 'relc.determinism': 'default', ...extra,
    'relc.relc_version': '0.1.0', 'relc.rule': 'lines', 'relc.spec_hash': manifest.spec_hash, 'relc.view_signature': signature,
  }).sort(([a], [b]) => (a < b ? -1 : 1));
  assert.equal(await kv('whole.parquet'), expected('whole', {
    'relc.key': 'product', 'relc.order_by': 'product asc nulls last, region asc nulls last, day asc nulls last, amount asc nulls last',
  }));
  assert.equal(await kv('by_region/region=south/data_0.parquet'), expected('by_region', {
    'relc.order_by': 'region asc nulls last, product asc nulls last, day asc nulls last, amount asc nulls last', 'relc.partition_by': 'region',
  }));
});

test('partition columns the view lacks, repeats or takes whole are coded errors at their place', async () => {
  const bad = async (line: string) => failure(compileSpecText(PACK.replace('  - { name: by_region, from: lines, partition_by: [region] }', line), 'relc.yaml'));
  const unknown = await bad('  - { name: by_region, from: lines, partition_by: [regoin] }');
  assert.is(unknown.code, 'UNKNOWN_COLUMN');
  assert.is(unknown.message, "output 'by_region': partition_by column 'regoin' is not a column of lines (region, product, day, amount)");
  assert.equal(unknown.location, { file: 'relc.yaml', line: 9, col: 52 });
  const twice = await bad('  - { name: by_region, from: lines, partition_by: [region, region] }');
  assert.is(twice.code, 'DUPLICATE_NAME');
  const all = await bad('  - { name: by_region, from: lines, partition_by: [region, product, day, amount] }');
  assert.is(all.code, 'SPEC_BAD_VALUE');
  assert.is(all.message, "output 'by_region': partition_by takes every column of lines, which leaves the files none");
});

test.run();
