// Outputs are written and digested by the engine (DuckDB: COPY and an in-engine digest; SQLite:
// rows streamed in chunks into the DuckDB output writer). For outputs of every type — doubles at
// rounding edges and computed in engine-dependent orders, NULLs, unicode text, an empty output —
// the content hash is equal on DuckDB (threads 1 and 2) and SQLite, optimized or not; it equals
// the digest of the rows read back into JS; and every file holds exactly the query's rows in
// output order.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openBackend, openOutputWriter, rowsContentHash, type CanonicalRow } from '../src/backends/index.ts';
import type { InputDecl } from '../src/ir/index.ts';
import { runSpecFile } from '../src/run/execute/execute.ts';
import type { RunResult } from '../src/run/execute/run-program.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'relc-output-engine-'));

const EDGE_DOUBLES = [0.1, 1 / 3, -0, 0, 5e-324, 2.2250738585072014e-308, 9007199254740993, 1e300, -1.5e300, 1.7976931348623157e308, -1.7976931348623157e308, 123456789012.5, 0.30000000000000004];
const TEXTS = ['plain', '', 'comma, "quote"\nnew line', ' edge spaces ', 'héllo 🦆', 'e\u0301', 'tab\there', '\\ backslash', "it's"];

function inputLines(): string {
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const nul = i % 11 === 5;
    const f = i < EDGE_DOUBLES.length ? EDGE_DOUBLES[i]! : ((i * 7919) % 1000) / 997 + 1 / (i + 3);
    lines.push(JSON.stringify({
      id: i,
      g: i % 4,
      i32: nul ? null : (i * 104729) % 2147483647 - 1073741823,
      f: nul ? null : Object.is(f, -0) ? '-0.0' : f,
      d: nul ? null : `${((i * 37) % 100000) / 1000 - 50}`,
      s: nul ? null : TEXTS[i % TEXTS.length]!,
      b: nul ? null : i % 3 === 0,
      day: nul ? null : `${String(1 + (i % 9999)).padStart(4, '0')}-0${1 + (i % 9)}-1${i % 9}`,
      at: nul ? null : `2024-02-29 12:${String(i % 60).padStart(2, '0')}:00.${String(i * 1001).padStart(6, '0').slice(-6)}`,
      raw: nul ? null : Buffer.from([i % 256, 0, 255, 92]).subarray(0, i % 5).toString('hex'),
      tags: nul ? null : i % 7 === 0 ? [] : [i, null, 9007199254740993],
    }).replace('"-0.0"', '-0.0'));
  }
  return `${lines.join('\n')}\n`;
}

const SCHEMA = '{ id: int64, g: int32, i32: "int32?", f: "float64?", d: "decimal(12,3)?", s: "utf8?", b: "bool?", day: "date?", at: "timestamp?", raw: "binary?", tags: "list<int64>?" }';
const SPEC = `relc: 1
name: output_engine
inputs:
  t:
    path: t.jsonl
    schema: ${SCHEMA}
rules:
  - { name: everything, kind: sql, sql: "select * from t" }
  - name: sums
    kind: aggregate
    from: t
    group_by: [g]
    measures: { n: "count(*)", total: "sum(f)", mean: "avg(f)", third: "sum(f / 3.0)", spend: "sum(d)" }
  - { name: nothing, kind: filter, from: t, where: "id < 0" }
outputs:
  - { name: everything, from: everything, order_by: [id], format: parquet }
  - { name: everything_csv, from: everything, order_by: ["id desc"], format: csv }
  - { name: everything_json, from: everything, order_by: [s, id], format: json }
  - { name: sums, from: sums, order_by: [g], format: csv }
  - { name: sums_json, from: sums, format: json }
  - { name: nothing, from: nothing, format: parquet }
  - { name: nothing_csv, from: nothing, format: csv }
  - { name: nothing_json, from: nothing, format: json }
`;

writeFileSync(path.join(dir, 't.jsonl'), inputLines());
writeFileSync(path.join(dir, 'relc.yaml'), SPEC);

const VARIANTS = [
  { label: 'duckdb threads=1', backend: 'duckdb', threads: 1, optimize: true },
  { label: 'duckdb threads=2', backend: 'duckdb', threads: 2, optimize: true },
  { label: 'duckdb threads=2, unoptimized', backend: 'duckdb', threads: 2, optimize: false },
  { label: 'sqlite', backend: 'sqlite', optimize: true },
  { label: 'sqlite, unoptimized', backend: 'sqlite', optimize: false },
] as const;

const runs: { label: string; out: string; r: RunResult }[] = [];

test('every variant runs; content hashes are equal on DuckDB and SQLite, optimized or not', async () => {
  for (const [i, v] of VARIANTS.entries()) {
    const out = path.join(dir, `out-${i}`);
    const r = await runSpecFile(path.join(dir, 'relc.yaml'), { backend: v.backend, ...('threads' in v ? { threads: v.threads } : {}), optimize: v.optimize, disable: [], outDir: out, collect: 'all' });
    runs.push({ label: v.label, out, r });
  }
  const [first, ...rest] = runs;
  assert.equal(first!.r.manifest.outputs.map((o) => [o.name, o.rows]), [
    ['everything', 600], ['everything_csv', 600], ['everything_json', 600], ['sums', 4], ['sums_json', 4], ['nothing', 0], ['nothing_csv', 0], ['nothing_json', 0],
  ]);
  for (const o of first!.r.manifest.outputs) assert.match(o.content_hash, /^[0-9a-f]{64}$/, o.name);
  for (const x of rest) assert.equal(x.r.manifest.outputs, first!.r.manifest.outputs, x.label);
  // Same rows in different orders, and columns in the same order: the same content hash.
  const hash = (name: string) => first!.r.manifest.outputs.find((o) => o.name === name)!.content_hash;
  assert.is(hash('everything'), hash('everything_csv'));
  assert.is(hash('everything'), hash('everything_json'));
  assert.is(hash('sums'), hash('sums_json'));
  assert.is(hash('nothing'), hash('nothing_json'));
  assert.is.not(hash('everything'), hash('nothing'));
});

test('the content hash is the digest of the rows themselves (read into JS, in any order)', async () => {
  for (const { label, r } of runs) {
    for (const o of r.outputs) {
      assert.is(await rowsContentHash(o.schema, o.data!), o.contentHash, `${label} ${o.name}`);
      assert.is(await rowsContentHash(o.schema, [...o.data!].reverse()), o.contentHash, `${label} ${o.name} reversed`);
    }
    const every = r.outputs.find((o) => o.name === 'everything')!;
    const changed = every.data!.map((row, i) => (i === 7 ? [...row.slice(0, 3), (row[3] as number) * (1 + 1e-9), ...row.slice(4)] : row));
    assert.is.not(await rowsContentHash(every.schema, changed), every.contentHash, label);
    assert.is.not(await rowsContentHash(every.schema, every.data!.slice(1)), every.contentHash, label);
  }
});

const INPUT_FORMAT = { parquet: 'parquet', csv: 'csv', json: 'jsonl' } as const;

/** NaN-free rows compare as they are; -0 reads back as 0 on both sides (canonical values). */
test('every output file holds exactly the query rows, in output order', async () => {
  const b = await openBackend('duckdb', { threads: 1 });
  try {
    let n = 0;
    for (const { label, out, r } of runs) {
      for (const o of r.outputs) {
        const format = o.path.endsWith('.parquet') ? 'parquet' : o.path.endsWith('.csv') ? 'csv' : 'json';
        const file = path.join(out, o.path);
        const name = `back_${n++}`;
        const decl: InputDecl = { name, path: file, format: INPUT_FORMAT[format], schema: o.schema.map((f) => ({ ...f, nullable: true })) };
        await b.loadInput(decl, file);
        const back: CanonicalRow[] = await b.query(`SELECT * FROM "${name}"`, [], decl.schema);
        assert.equal(back, o.data, `${label} ${o.name}`);
      }
    }
  } finally {
    await b.close();
  }
});

test('files of equal rows are byte-identical whichever engine wrote them; empty outputs are empty files', () => {
  const bytes = (x: (typeof runs)[number], name: string) => readFileSync(path.join(x.out, x.r.outputs.find((o) => o.name === name)!.path));
  for (const name of ['everything', 'everything_csv', 'everything_json', 'nothing', 'nothing_csv', 'nothing_json']) {
    for (const x of runs.slice(1)) assert.ok(bytes(x, name).equals(bytes(runs[0]!, name)), `${name}: ${x.label} vs ${runs[0]!.label}`);
  }
  assert.is(bytes(runs[0]!, 'nothing_json').toString('utf8'), '');
  assert.is(bytes(runs[0]!, 'nothing_csv').toString('utf8'), 'id,g,i32,f,d,s,b,day,at,raw,tags\n');
  const csv = bytes(runs[3]!, 'everything_csv').toString('utf8');
  assert.ok(csv.startsWith('id,g,i32,f,d,s,b,day,at,raw,tags\n599,'), csv.slice(0, 80));
  assert.ok(csv.includes(',"comma, ""quote""\nnew line",'), 'quoted text with a line break');
  assert.ok(csv.includes(',"",'), 'the empty string is ""');
  const json = bytes(runs[3]!, 'everything_json').toString('utf8').split('\n');
  assert.is(json.length, 601);
  assert.equal(Object.keys(JSON.parse(json[0]!)), ['id', 'g', 'i32', 'f', 'd', 's', 'b', 'day', 'at', 'raw', 'tags']);
});

test('data is read only when asked: none by default, the first N with collect: N', async () => {
  const none = await runSpecFile(path.join(dir, 'relc.yaml'), { backend: 'sqlite', optimize: true, disable: [] });
  assert.ok(none.outputs.every((o) => o.data === undefined));
  assert.equal(none.manifest.outputs, runs[0]!.r.manifest.outputs);
  for (const backend of ['duckdb', 'sqlite'] as const) {
    const three = await runSpecFile(path.join(dir, 'relc.yaml'), { backend, optimize: true, disable: [], collect: 3 });
    const all = runs.find((x) => x.label.startsWith(backend))!.r;
    for (const o of three.outputs) assert.equal(o.data, all.outputs.find((x) => x.name === o.name)!.data!.slice(0, 3), `${backend} ${o.name}`);
  }
});

test('a file that cannot be written is OUTPUT_WRITE_FAILED naming the path, on either path', async () => {
  const nowhere = path.join(dir, 'no-such-dir', 'x.parquet');
  const schema = runs[0]!.r.outputs[0]!.schema;
  const b = await openBackend('duckdb');
  try {
    await b.exec('CREATE TABLE v AS SELECT 1::BIGINT AS id');
    const e = await b.outputs!.copy('SELECT id FROM v', [], [schema[0]!], { absPath: nowhere, format: 'parquet' }).then(() => undefined, (x: unknown) => x as { code: string; details: Record<string, unknown> });
    assert.is(e?.code, 'OUTPUT_WRITE_FAILED');
    assert.is(e?.details['path'], nowhere);
  } finally {
    await b.close();
  }
  const w = await openOutputWriter();
  try {
    const e = await w.write(nowhere, [schema[0]!], [[1n]], 'csv').then(() => undefined, (x: unknown) => x as { code: string; details: Record<string, unknown> });
    assert.is(e?.code, 'OUTPUT_WRITE_FAILED');
    assert.is(e?.details['path'], nowhere);
  } finally {
    w.close();
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
