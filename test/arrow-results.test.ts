// Arrow results and streamed rows (src/backends/arrow, Backend.queryArrow / arrowBatches /
// rowChunks, RunOptions.arrow, openRun): relc's types as Arrow types, values exact (int64 as
// BigInt64, decimals as 128-bit scaled integers, timestamps in µs), the same bytes from DuckDB and
// SQLite for the same rows, batches of the engine's chunks pulled as the caller iterates.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { Table, tableToIPC, Type, type RecordBatch } from 'apache-arrow';
import { attachBackend, comparableRows, openBackend, type Backend, type CanonicalRow } from '../src/backends/index.ts';
import { arrowRows } from '../src/backends/arrow/rows.ts';
import { parseTypeString, type InputDecl, type Schema } from '../src/ir/index.ts';
import { openSpecFile, runSpecFile } from '../src/run/execute/execute.ts';
import { failure } from './support/failure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUICKSTART = path.join(ROOT, 'examples/quickstart/relc.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'relc-arrow-'));
const ROWS = 5000;

const TEXTS = ['plain', '', 'comma, "quote"\nnew line', 'héllo 🦆', 'e\u0301', 'a string longer than twelve bytes', '\\ backslash'];
const COLUMNS: Record<string, string> = {
  id: 'int64', big: 'int64?', i32: 'int32?', f: 'float64?', d: 'decimal(12,3)?', small: 'decimal(4,1)?', mid: 'decimal(9,2)?', wide: 'decimal(20,2)?',
  s: 'utf8?', b: 'bool?', day: 'date?', at: 'timestamp?', raw: 'binary?', tags: 'list<int64>?',
};
const SCHEMA: Schema = Object.entries(COLUMNS).map(([name, text]) => ({ name, ...parseTypeString(text)! }));

function line(i: number): string {
  const nul = i % 11 === 5;
  const v = (x: unknown) => (nul ? null : x);
  return JSON.stringify({
    id: i,
    big: v(i % 2 === 0 ? `${9007199254740993n + BigInt(i)}` : `${-9223372036854775807n + BigInt(i)}`),
    i32: v((i * 104729) % 2147483647 - 1073741823),
    f: v(i === 1 ? '-0.0' : ((i * 7919) % 1000) / 997 + 1 / (i + 3)),
    d: v(`${((i * 37) % 100000) / 1000 - 50}`),
    small: v(`${((i * 13) % 2000) / 10 - 100}`),
    mid: v(`${((i * 7777) % 1000000) / 100 - 5000}`),
    wide: v(`${(i * 98765432109) % 1000000000000}.${String(i % 100).padStart(2, '0')}`),
    s: v(TEXTS[i % TEXTS.length]),
    b: v(i % 3 === 0),
    day: v(`${String(1 + (i % 9999)).padStart(4, '0')}-0${1 + (i % 9)}-1${i % 9}`),
    at: v(`2024-02-29 12:${String(i % 60).padStart(2, '0')}:00.${String(i * 1001).padStart(6, '0').slice(-6)}`),
    raw: v(Buffer.from([i % 256, 0, 255, 92, 7, 8, 9, 10, 11, 12, 13, 14, 15]).subarray(0, i % 14).toString('hex')),
    tags: v(i % 7 === 0 ? [] : [i, null, 9007199254740993]),
  }).replace('"-0.0"', '-0.0').replace(/"big":"(-?\d+)"/, '"big":$1');
}

const FILE = path.join(dir, 't.jsonl');
writeFileSync(FILE, `${Array.from({ length: ROWS }, (_, i) => line(i)).join('\n')}\n`);
const DECL: InputDecl = { name: 't', path: FILE, format: 'jsonl', schema: SCHEMA };
const SELECT = `SELECT ${SCHEMA.map((f) => `"${f.name}"`).join(', ')} FROM t ORDER BY id`;

async function loaded(kind: 'duckdb' | 'sqlite'): Promise<Backend> {
  const b = await openBackend(kind);
  await b.loadInput(DECL, FILE);
  return b;
}

const ipc = (t: Parameters<typeof tableToIPC>[0]) => Buffer.from(tableToIPC(t)).toString('base64');

test('the schema: relc types as Arrow types, with precision, scale, units and nullability', async () => {
  const b = await loaded('duckdb');
  const t = await b.queryArrow(SELECT, [], SCHEMA);
  await b.close();
  assert.equal(t.schema.fields.map((f) => [f.name, String(f.type), f.nullable]), [
    ['id', 'Int64', false], ['big', 'Int64', true], ['i32', 'Int32', true], ['f', 'Float64', true],
    ['d', 'Decimal[12e+3]', true], ['small', 'Decimal[4e+1]', true], ['mid', 'Decimal[9e+2]', true], ['wide', 'Decimal[20e+2]', true],
    ['s', 'Utf8', true], ['b', 'Bool', true], ['day', 'Date32<DAY>', true], ['at', 'Timestamp<MICROSECOND>', true], ['raw', 'Binary', true],
    ['tags', 'List<Int64>', true],
  ]);
  const types = t.schema.fields.map((f) => f.type);
  assert.equal([types[4]!.typeId, (types[4] as { precision: number }).precision, (types[4] as { scale: number }).scale, (types[4] as { bitWidth: number }).bitWidth], [Type.Decimal, 12, 3, 128]);
  assert.instance(t.getChild('big')!.data[0]!.values, BigInt64Array);
});

test('DuckDB and SQLite: every value exactly the canonical rows, in batches of the engine\'s chunks, the same Arrow bytes', async () => {
  const bytes: string[] = [];
  for (const kind of ['duckdb', 'sqlite'] as const) {
    const b = await loaded(kind);
    const t = await b.queryArrow(SELECT, [], SCHEMA);
    const rows = await b.query(SELECT, [], SCHEMA);
    await b.close();
    assert.is(t.numRows, ROWS, kind);
    assert.ok(t.batches.length >= 3 && t.batches.every((x) => x.numRows <= 2048), `${kind}: ${t.batches.map((x) => x.numRows)}`);
    assert.equal(arrowRows(t, SCHEMA), rows, kind);
    assert.is(t.getChild('big')!.get(2), 9007199254740995n, kind);
    assert.is(t.getChild('big')!.get(1), -9223372036854775806n, kind);
    assert.is(t.getChild('f')!.nullCount, Math.ceil((ROWS - 5) / 11), kind);
    assert.ok(Object.is(t.getChild('f')!.get(1), 0), `${kind}: -0 is 0, as canonical values`);
    bytes.push(ipc(t));
  }
  assert.ok(bytes[0] === bytes[1], 'the IPC bytes of DuckDB\'s and SQLite\'s tables are equal');
});

test('DuckDB: exact values at the edges of every physical decimal width, int64 and timestamps', async () => {
  const b = await openBackend('duckdb');
  const schema = ['a decimal(4,1)', 'c decimal(9,2)', 'e decimal(18,3)', 'g decimal(38,4)', 'h int64', 'i timestamp', 'j date'].map((x) => {
    const [name, type] = x.split(' ');
    return { name: name!, ...parseTypeString(`${type}?`)! };
  });
  const sql = `SELECT * FROM (VALUES
    (-999.9::DECIMAL(4,1), -9999999.99::DECIMAL(9,2), -999999999999999.999::DECIMAL(18,3), -9999999999999999999999999999999999.9999::DECIMAL(38,4), (-9223372036854775807::BIGINT - 1), TIMESTAMP '0001-01-01 00:00:00', DATE '0001-01-01'),
    (999.9, 9999999.99, 999999999999999.999, 9999999999999999999999999999999999.9999, 9223372036854775807, TIMESTAMP '9999-12-31 23:59:59.999999', DATE '9999-12-31'),
    (NULL, NULL, NULL, NULL, NULL, NULL, NULL)) AS v(a, c, e, g, h, i, j)`;
  const t = await b.queryArrow(sql, [], schema);
  assert.equal(arrowRows(t, schema), [
    ['-999.9', '-9999999.99', '-999999999999999.999', '-9999999999999999999999999999999999.9999', -9223372036854775808n, '0001-01-01 00:00:00.000000', '0001-01-01'],
    ['999.9', '9999999.99', '999999999999999.999', '9999999999999999999999999999999999.9999', 9223372036854775807n, '9999-12-31 23:59:59.999999', '9999-12-31'],
    [null, null, null, null, null, null, null],
  ]);
  assert.equal(arrowRows(t, schema), await b.query(sql, [], schema));
  assert.is(String(t.getChild('g')!.get(1)), '99999999999999999999999999999999999999'); // Arrow's own reading: the scaled integer
  assert.is(t.getChild('i')!.data[0]!.values[1], 253402300799999999n);
  // A vector of another type than the column's storage type goes through canonical values.
  const other = [{ name: 'x', ...parseTypeString('int64')! }, { name: 'y', ...parseTypeString('decimal(12,2)')! }, { name: 'z', ...parseTypeString('timestamp?')! }];
  const converted = await b.queryArrow("SELECT 7 AS x, 1.005::DECIMAL(18,3) AS y, DATE '2024-02-29' AS z", [], other);
  assert.equal(arrowRows(converted, other), [[7n, '1.01', '2024-02-29 00:00:00.000000']]);
  await b.close();
});

test('streams are pulled: leaving the loop ends the query, the engine is free, the next stream starts over', async () => {
  for (const kind of ['duckdb', 'sqlite'] as const) {
    const b = await loaded(kind);
    const first: RecordBatch[] = [];
    for await (const batch of b.arrowBatches(SELECT, [], SCHEMA)) {
      first.push(batch);
      break;
    }
    assert.is(first.length, 1);
    assert.is(first[0]!.numRows, 2048, kind);
    await b.exec('CREATE TABLE after_stream AS SELECT 1 AS x'); // SQLite: not busy any more
    let rows = 0;
    let chunks = 0;
    for await (const chunk of b.rowChunks(SELECT, [], SCHEMA)) {
      rows += chunk.length;
      chunks++;
      assert.ok(chunk.length <= 2048);
    }
    assert.equal([rows, chunks >= 3], [ROWS, true], kind);
    const err = await failure(async () => {
      for await (const _ of b.arrowBatches('SELECT no_such_column FROM t', [], SCHEMA, 'v')) void _;
    });
    assert.is(err.code, 'EXECUTION_FAILED', kind);
    assert.is(err.details?.['view'], 'v', kind);
    await b.close();
  }
});

test('nested and interval columns: structs, lists of decimals and of lists, intervals, from either engine\'s forms', async () => {
  const schema: Schema = [
    { name: 's', type: { kind: 'struct', fields: [{ name: 'a', ...parseTypeString('int64?')! }, { name: 'b', ...parseTypeString('utf8?')! }] }, nullable: true },
    { name: 'i', type: { kind: 'interval' }, nullable: true },
    { name: 'l', ...parseTypeString('list<decimal(4,1)?>?')! },
    { name: 'll', type: { kind: 'list', element: parseTypeString('list<utf8>')!.type, elementNullable: true }, nullable: true },
  ];
  const expected = [
    [{ a: 9007199254740993n, b: 'x' }, { months: 1, days: 2, micros: '3' }, ['1.5', null, '-0.5'], [['p', 'q'], [], null]],
    [null, null, null, null],
  ];
  const duck = await openBackend('duckdb');
  const d = await duck.queryArrow(`SELECT * FROM (VALUES ({'a': 9007199254740993::BIGINT, 'b': 'x'}, INTERVAL '1 month 2 days 3 microseconds', [1.5::DECIMAL(4,1), NULL, -0.5], [['p', 'q'], [], NULL]),
    (NULL, NULL, NULL, NULL)) AS v(s, i, l, ll)`, [], schema);
  await duck.close();
  const lite = await openBackend('sqlite');
  const q = await lite.queryArrow(`SELECT '{"a": 9007199254740993, "b": "x"}' AS s, '{"months": 1, "days": 2, "micros": 3}' AS i, '[1.5, null, -0.5]' AS l, '[["p", "q"], [], null]' AS ll
    UNION ALL SELECT NULL, NULL, NULL, NULL`, [], schema);
  await lite.close();
  assert.equal(arrowRows(d, schema), expected);
  assert.equal(arrowRows(q, schema), expected);
  assert.equal(d.schema.fields.map((f) => String(f.type)), ['Struct<{a:Int64, b:Utf8}>', 'Interval<MONTH_DAY_NANO>', 'List<Decimal[4e+1]>', 'List<List<Utf8>>']);
  assert.ok(ipc(d) === ipc(q), 'the same Arrow bytes');
});

test('an empty result: a table of the schema\'s fields and no rows, the same bytes on both engines; no batches', async () => {
  const bytes: string[] = [];
  for (const kind of ['duckdb', 'sqlite'] as const) {
    const b = await loaded(kind);
    const sql = `SELECT ${SCHEMA.map((f) => `"${f.name}"`).join(', ')} FROM t WHERE id < 0`;
    const t = await b.queryArrow(sql, [], SCHEMA);
    assert.equal([t.numRows, t.schema.fields.map((f) => f.name)], [0, SCHEMA.map((f) => f.name)], kind);
    let batches = 0;
    for await (const _ of b.arrowBatches(sql, [], SCHEMA)) batches++;
    assert.is(batches, 0, kind);
    bytes.push(ipc(t));
    await b.close();
  }
  assert.ok(bytes[0] === bytes[1]);
});

test('arrowRows reads slices of a table (offsets into shared buffers) exactly', async () => {
  const b = await loaded('duckdb');
  const t = await b.queryArrow(SELECT, [], SCHEMA);
  const rows = await b.query(SELECT, [], SCHEMA);
  await b.close();
  for (const [from, to] of [[3, 10], [2040, 2060], [4999, 5000], [1, 4097]] as const) assert.equal(arrowRows(t.slice(from, to), SCHEMA), rows.slice(from, to), `${from}..${to}`);
});

test('a value its column type cannot hold fails the query, as in canonical rows (EXECUTION_FAILED naming the column)', async () => {
  const schema = [{ name: 'x', ...parseTypeString('int32')! }];
  for (const [kind, sql] of [['duckdb', 'SELECT 3000000000::BIGINT AS x'], ['sqlite', 'SELECT 3000000000 AS x']] as const) {
    const b = await openBackend(kind);
    const e = await failure(b.queryArrow(sql, [], schema, 'v'));
    assert.is(e.code, 'EXECUTION_FAILED', kind);
    assert.match(e.message, /value out of range for int32 in column x: 3000000000/, kind);
    await b.close();
  }
});

test('runSpecFile with arrow: every output as a table equal to its collected rows; DuckDB and SQLite alike; collect unchanged', async () => {
  const tables: Record<string, string[]> = {};
  const rowsOf: Record<string, CanonicalRow[][]> = {};
  let names: string[] = [];
  for (const backend of ['duckdb', 'sqlite'] as const) {
    const r = await runSpecFile(QUICKSTART, { backend, optimize: true, disable: [], arrow: true, collect: 'all' });
    const two = await runSpecFile(QUICKSTART, { backend, optimize: true, disable: [], collect: 2 });
    assert.equal(r.manifest.outputs, two.manifest.outputs, backend);
    for (const [i, o] of r.outputs.entries()) {
      assert.ok(o.table, `${backend} ${o.name}`);
      assert.is(o.table!.numRows, o.rows);
      assert.equal(arrowRows(o.table!, o.schema), o.data, `${backend} ${o.name}`);
      assert.equal(o.table!.schema.fields.map((f) => f.name), o.schema.map((f) => f.name));
      assert.is(two.outputs[i]!.table, undefined);
      assert.equal(two.outputs[i]!.data, o.data!.slice(0, 2));
    }
    tables[backend] = r.outputs.map((o) => ipc(o.table!));
    rowsOf[backend] = r.outputs.map((o) => arrowRows(o.table!, o.schema));
    names = r.outputs.map((o) => o.name);
  }
  // Byte-equal tables, except team_sizes: its avg and sum of doubles run in engine-dependent
  // orders (equal at 12 significant digits, as canonical rows compare).
  for (const [i, name] of names.entries()) {
    if (name === 'team_sizes') assert.equal(comparableRows(rowsOf.duckdb![i]!), comparableRows(rowsOf.sqlite![i]!));
    else assert.ok(tables['duckdb']![i] === tables['sqlite']![i], `${name}: the same Arrow bytes on DuckDB and SQLite`);
  }
});

test('openSpecFile: outputs streamed after the run, as batches, chunks, rows or a table; closed runs refuse', async () => {
  for (const backend of ['duckdb', 'sqlite'] as const) {
    const run = await openSpecFile(QUICKSTART, { backend, optimize: true, disable: [], collect: 'all' });
    try {
      const placement = run.output('placement');
      const batches: RecordBatch[] = [];
      for await (const batch of placement.batches()) batches.push(batch);
      assert.equal(batches.flatMap((x) => arrowRows(x, placement.schema)), placement.data, backend);
      const rows = [];
      for await (const row of placement.eachRow()) rows.push(row);
      assert.equal(rows, placement.data);
      let n = 0;
      for await (const chunk of run.output('badges').chunks()) n += chunk.length;
      assert.is(n, run.output('badges').rows);
      const t = await run.output('team_report').toTable();
      assert.equal(arrowRows(t, run.output('team_report').schema), run.output('team_report').data);
      const e = await failure(() => run.output('nope'));
      assert.is(e.code, 'USAGE_ERROR');
      assert.match(e.message, /^no output named nope \(outputs: team_sizes, team_report, /);
    } finally {
      await run.close();
    }
    const closed = await failure(() => run.output('placement').batches());
    assert.is(closed.code, 'USAGE_ERROR');
    assert.is(closed.message, 'output placement: the run is closed; read its outputs before close()');
  }
});

test('inside a host\'s engine (attachBackend): the same tables, streamed on the host\'s own connection too; close() leaves the engine open', async () => {
  const own = await runSpecFile(QUICKSTART, { backend: 'duckdb', optimize: true, disable: [], arrow: true });
  const expected = own.outputs.map((o) => ipc(o.table!));
  const host = await DuckDBInstance.create(':memory:');
  for (const duckdb of [host, await host.connect()]) {
    const engine = await attachBackend({ duckdb, schema: 'relc_arrow' });
    const run = await openSpecFile(QUICKSTART, { backend: 'duckdb', optimize: true, disable: [], engine });
    const tables = [];
    for (const o of run.outputs) {
      const batches: RecordBatch[] = [];
      for await (const b of o.batches()) batches.push(b);
      tables.push(ipc(new Table(batches)));
    }
    await run.close();
    assert.equal(tables, expected, duckdb === host ? 'on a connection of relc\'s own' : 'on the host\'s connection');
    assert.equal(await engine.queryArrow('SELECT 42::BIGINT AS x', [], [{ name: 'x', ...parseTypeString('int64')! }]).then((t) => arrowRows(t, [{ name: 'x', ...parseTypeString('int64')! }])), [[42n]]);
    await engine.close();
  }
  host.closeSync();
  const db = new Database(':memory:');
  const engine = await attachBackend({ sqlite: db });
  const r = await runSpecFile(QUICKSTART, { backend: 'sqlite', optimize: true, disable: [], engine, arrow: true });
  assert.equal(r.outputs.filter((o) => o.name !== 'team_sizes').map((o) => ipc(o.table!)), expected.filter((_, i) => own.outputs[i]!.name !== 'team_sizes'));
  await engine.close();
  assert.ok(db.open);
  db.close();
});

test.run();
