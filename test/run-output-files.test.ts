import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { T, field, type InputDecl, type OutputFormat, type Schema } from '../src/ir/index.ts';
import { openBackend, openParquetWriter, type CanonicalRow } from '../src/backends/index.ts';
import { csvCell, writeOutputFile } from '../src/run/execute/output-files.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'relc-output-files-'));

const schema: Schema = [
  field('id', T.int32), field('ok', T.bool, true), field('big', T.int64, true), field('f', T.float64, true),
  field('price', T.decimal(12, 3), true), field('s', T.utf8, true), field('raw', T.binary, true),
  field('day', T.date, true), field('at', T.timestamp, true), field('tags', T.list(T.int64), true),
];

const rows: CanonicalRow[] = [
  [1, true, -9223372036854775808n, 0.1, '-0.005', 'comma, "quote"\nnewline \\ backslash', new Uint8Array([0, 92, 120, 255]), '1999-12-31', '2000-02-29 23:59:59.000001', [1n, null, 9007199254740993n]],
  [2, null, null, null, null, null, null, null, null, null],
  [3, false, 9223372036854775807n, Number.POSITIVE_INFINITY, '123456789.123', '', new Uint8Array([]), '0001-01-01', '1970-01-01 00:00:00.000000', []],
  [4, true, 0n, Number.NaN, '0.000', ' edge spaces ', new Uint8Array([65]), '9999-12-31', '1969-07-20 20:17:40.500000', [0n]],
  [5, false, 1n, -1.7976931348623157e308, '1.000', 'héllo 🦆', null, '2024-02-29', '2024-02-29 12:00:00.000000', null],
];

const inputFormat: Record<OutputFormat, InputDecl['format']> = { csv: 'csv', json: 'jsonl', parquet: 'parquet' };

test('every output format reads back as an input with exactly the rows written (DuckDB)', async () => {
  const writer = await openParquetWriter();
  const b = await openBackend('duckdb');
  try {
    for (const format of ['csv', 'json', 'parquet'] as const) {
      const file = path.join(dir, `all.${format}`);
      await writeOutputFile(writer, file, format, schema, rows);
      await b.loadInput({ name: `t_${format}`, path: file, format: inputFormat[format], schema }, file);
      const back = await b.query(`SELECT * FROM "t_${format}" ORDER BY id`, [], schema);
      // NaN compares unequal to itself: compare its position and the rest separately.
      assert.ok(Number.isNaN(back[3]![3]), format);
      assert.equal(back.map((r) => r.map((v, j) => (j === 3 && Number.isNaN(v) ? 'NaN' : v))), rows.map((r) => r.map((v, j) => (j === 3 && Number.isNaN(v) ? 'NaN' : v))), format);
    }
  } finally {
    writer.close();
    await b.close();
  }
});

test('SQLite reads the same files back identically, and refuses NaN rather than storing NULL', async () => {
  const b = await openBackend('sqlite');
  try {
    for (const format of ['csv', 'json'] as const) {
      const file = path.join(dir, `all.${format}`);
      const e = await b.loadInput({ name: `nan_${format}`, path: file, format: inputFormat[format], schema }, file).then(() => undefined, (x) => x);
      assert.is(e?.code, 'BACKEND_UNSUPPORTED', format);
      assert.match(e.message, /NaN/);
      const finite = rows.filter((r) => !Number.isNaN(r[3]));
      const w = await openParquetWriter();
      await writeOutputFile(w, path.join(dir, `finite.${format}`), format, schema, finite);
      w.close();
      await b.loadInput({ name: `t_${format}`, path: `finite.${format}`, format: inputFormat[format], schema }, path.join(dir, `finite.${format}`));
      assert.equal(await b.query(`SELECT * FROM "t_${format}" ORDER BY id`, [], schema), finite, format);
    }
  } finally {
    await b.close();
  }
});

test('CSV text: NULL is an empty field, the empty string is "", binary is \\xHH escapes', () => {
  assert.is(csvCell(T.utf8, null), '');
  assert.is(csvCell(T.utf8, ''), '""');
  assert.is(csvCell(T.utf8, 'a"b'), '"a""b"');
  assert.is(csvCell(T.binary, new Uint8Array([0, 255])), '\\x00\\xFF');
  assert.is(csvCell(T.list(T.int64), [1n, null]), '"[1,null]"');
  const file = path.join(dir, 'small.csv');
  writeFileSync(file, '');
  return openParquetWriter().then(async (w) => {
    await writeOutputFile(w, file, 'csv', [field('a b', T.utf8, true), field('n', T.decimal(5, 2))], [[null, '1.50'], ['', '-2.00']]);
    w.close();
    assert.is(readFileSync(file, 'utf8'), 'a b,n\n,1.50\n"",-2.00\n');
  });
});

test('JSON Lines text: int64 exact, decimals as strings, binary hex, NaN and Infinity as strings', async () => {
  const w = await openParquetWriter();
  const file = path.join(dir, 'small.json');
  await writeOutputFile(w, file, 'json', [field('big', T.int64), field('d', T.decimal(5, 2)), field('raw', T.binary), field('f', T.float64)], [[9007199254740993n, '1.50', new Uint8Array([1, 171]), Number.NaN]]);
  w.close();
  assert.is(readFileSync(file, 'utf8'), '{"big":9007199254740993,"d":"1.50","raw":"01ab","f":"NaN"}\n');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
