import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { T, field, type InputDecl, type Schema } from '../src/ir/index.ts';
import { openBackend, typed, writeParquet, BACKEND_KINDS, type Backend } from '../src/backends/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'relc-backend-inputs-'));
const at = (name: string) => join(dir, name);

const schema: Schema = [
  field('id', T.int64), field('ok', T.bool, true), field('small', T.int32, true), field('big', T.int64, true),
  field('score', T.float64, true), field('price', T.decimal(10, 2), true), field('name', T.utf8, true),
  field('raw', T.binary, true), field('day', T.date, true), field('at', T.timestamp, true),
];

// Every type, NULL in every nullable column, and strings that need quoting.
const expected = [
  [1n, true, -7, 9007199254740993n, 1.5, '12.50', 'a, "quoted"\nline', new Uint8Array([1, 255]), '2024-02-29', '2024-01-02 03:04:05.123456'],
  [2n, null, null, null, null, null, null, null, null, null],
  [3n, false, 2147483647, -9223372036854775808n, -0.25, '-0.05', '', new Uint8Array([]), '1969-12-31', '1900-01-01 00:00:00.000000'],
  [4n, true, 0, 0n, 1e-300, '99999999.99', 'héllo 🦆', new Uint8Array([0x5c, 0x78]), '0001-01-01', '1969-12-31 23:59:59.999999'],
];

writeFileSync(at('all.csv'), [
  'id,ok,small,big,score,price,name,raw,day,at',
  '1,true,-7,9007199254740993,1.5,12.5,"a, ""quoted""\nline",\\x01\\xFF,2024-02-29,2024-01-02 03:04:05.123456',
  '2,,,,,,,,,',
  '3,false,2147483647,-9223372036854775808,-0.25,-0.05,"",,1969-12-31,1900-01-01 00:00:00',
  '4,true,0,0,1e-300,99999999.99,héllo 🦆,\\x5C\\x78,0001-01-01,1969-12-31 23:59:59.999999',
].join('\n') + '\n');
// Row 3's raw is NULL in CSV (empty field); the JSON and parquet copies say the same.
const expectedCsv = expected.map((r, i) => (i === 2 ? r.map((v, j) => (j === 7 ? null : v)) : r));

writeFileSync(at('all.jsonl'), [
  '{"id":1,"ok":true,"small":-7,"big":9007199254740993,"score":1.5,"price":12.5,"name":"a, \\"quoted\\"\\nline","raw":"01ff","day":"2024-02-29","at":"2024-01-02 03:04:05.123456"}',
  '{"id":2}',
  '{"id":3,"ok":false,"small":2147483647,"big":-9223372036854775808,"score":-0.25,"price":"-0.05","name":"","raw":null,"day":"1969-12-31","at":"1900-01-01 00:00:00"}',
  '{"id":4,"ok":true,"small":0,"big":0,"score":1e-300,"price":99999999.99,"name":"héllo 🦆","raw":"5c78","day":"0001-01-01","at":"1969-12-31 23:59:59.999999"}',
].join('\n') + '\n');

// The same records as one JSON array (format json: an array or newline-delimited objects).
writeFileSync(at('all.json'), `[\n${readFileSync(at('all.jsonl'), 'utf8').trim().split('\n').join(',\n')}\n]\n`);

const decl = (name: string, file: string, format: InputDecl['format'], s: Schema = schema): InputDecl => ({ name, path: file, format, schema: s });

async function withBackend<R>(kind: (typeof BACKEND_KINDS)[number], f: (b: Backend) => Promise<R>): Promise<R> {
  const b = await openBackend(kind, { threads: 2 });
  try {
    return await f(b);
  } finally {
    await b.close();
  }
}

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; message: string; details: Record<string, unknown> };
    return { code: err.code, message: err.message, details: err.details ?? {} };
  }
  throw new Error('expected an error');
}

test('every type, with NULLs, loads identically from csv, jsonl, a json array and parquet on both backends', async () => {
  await writeParquet(at('all.parquet'), schema, expectedCsv);
  for (const kind of BACKEND_KINDS) {
    await withBackend(kind, async (b) => {
      for (const [name, file, format] of [['c', 'all.csv', 'csv'], ['j', 'all.jsonl', 'jsonl'], ['a', 'all.json', 'json'], ['p', 'all.parquet', 'parquet']] as const) {
        assert.is(await b.loadInput(decl(name, file, format), at(file)), 4, `${kind} ${format} row count`);
        const rows = await b.query(`SELECT * FROM "${name}" ORDER BY id`, [], schema);
        assert.equal(rows, expectedCsv, `${kind} ${format}`);
      }
    });
  }
});

test('a column order different from the declaration matches by name', async () => {
  writeFileSync(at('swapped.csv'), 'b,a\nx,1\n');
  const s: Schema = [field('a', T.int32), field('b', T.utf8)];
  for (const kind of BACKEND_KINDS) {
    await withBackend(kind, async (b) => {
      await b.loadInput(decl('t', 'swapped.csv', 'csv', s), at('swapped.csv'));
      assert.equal(await b.query('SELECT * FROM t', [], s), [[1, 'x']]);
    });
  }
});

test('a missing file is INPUT_NOT_FOUND with its path', async () => {
  for (const kind of BACKEND_KINDS) {
    const e = await withBackend(kind, (b) => codeOf(b.loadInput(decl('t', 'nope.csv', 'csv'), at('nope.csv'))));
    assert.is(e.code, 'INPUT_NOT_FOUND');
    assert.is(e.details['path'], at('nope.csv'));
    assert.is(e.message, `input t: no file at ${at('nope.csv')}`);
  }
});

test('missing and extra columns are INPUT_SCHEMA_MISMATCH naming the column', async () => {
  writeFileSync(at('cols.csv'), 'id,Name,extra\n1,x,y\n');
  const s: Schema = [field('id', T.int64), field('name', T.utf8)];
  const missing = await withBackend('duckdb', (b) => codeOf(b.loadInput(decl('t', 'cols.csv', 'csv', s), at('cols.csv'))));
  assert.is(missing.code, 'INPUT_SCHEMA_MISMATCH');
  assert.is(missing.message, 'input t (cols.csv): declared column name is missing from the file (file columns: id, Name, extra); did you mean Name?');
  const s2: Schema = [field('id', T.int64), field('Name', T.utf8)];
  const extra = await withBackend('sqlite', (b) => codeOf(b.loadInput(decl('t', 'cols.csv', 'csv', s2), at('cols.csv'))));
  assert.is(extra.code, 'INPUT_SCHEMA_MISMATCH');
  assert.is(extra.details['column'], 'extra');
  assert.match(extra.message, /the file has column extra, which is not declared/);
  writeFileSync(at('cols.jsonl'), '{"id":1,"name":"x"}\n{"id":2,"nam":"y"}\n');
  const json = await withBackend('duckdb', (b) => codeOf(b.loadInput(decl('t', 'cols.jsonl', 'jsonl', s), at('cols.jsonl'))));
  assert.is(json.details['column'], 'nam');
});

test('an unparsable value names the column, the row and the value, on both backends', async () => {
  writeFileSync(at('bad.csv'), 'id,price\n1,2.50\n2,abc\n');
  const s: Schema = [field('id', T.int64), field('price', T.decimal(10, 2))];
  for (const kind of BACKEND_KINDS) {
    const e = await withBackend(kind, (b) => codeOf(b.loadInput(decl('t', 'bad.csv', 'csv', s), at('bad.csv'))));
    assert.is(e.code, 'INPUT_SCHEMA_MISMATCH');
    assert.is(e.message, 'input t (bad.csv): column price, row 2: "abc" is not a valid decimal(10,2)');
    assert.equal([e.details['column'], e.details['row'], e.details['value']], ['price', 2, 'abc']);
  }
  writeFileSync(at('bad.jsonl'), '{"id":1,"day":"2024-01-01"}\n{"id":2,"day":"yesterday"}\n');
  const j = await withBackend('duckdb', (b) => codeOf(b.loadInput(decl('t', 'bad.jsonl', 'jsonl', [field('id', T.int64), field('day', T.date)]), at('bad.jsonl'))));
  assert.is(j.message, 'input t (bad.jsonl): column day, row 2: "yesterday" is not a valid date');
});

test('NULL in a non-nullable column and a wrong parquet type are mismatches', async () => {
  writeFileSync(at('nulls.csv'), 'id,name\n1,a\n2,\n3,\n');
  const s: Schema = [field('id', T.int64), field('name', T.utf8)];
  const e = await withBackend('sqlite', (b) => codeOf(b.loadInput(decl('t', 'nulls.csv', 'csv', s), at('nulls.csv'))));
  assert.is(e.code, 'INPUT_SCHEMA_MISMATCH');
  assert.is(e.message, 'input t (nulls.csv): column name is declared non-nullable but has 2 NULL values (first at row 2); declare it as utf8? to allow them');
  await writeParquet(at('typed.parquet'), [field('id', T.utf8)], [['1']]);
  const p = await withBackend('duckdb', (b) => codeOf(b.loadInput(decl('t', 'typed.parquet', 'parquet', [field('id', T.int64)]), at('typed.parquet'))));
  assert.is(p.message, 'input t (typed.parquet): column id has type VARCHAR in the file, declared int64');
});

test('engine errors are EXECUTION_FAILED with the engine message and the view, never raw', async () => {
  for (const kind of BACKEND_KINDS) {
    const e = await withBackend(kind, (b) => codeOf(b.materialize('v1', 'SELECT no_such_column FROM (SELECT 1 AS x) s', [])));
    assert.is(e.code, 'EXECUTION_FAILED');
    assert.is(e.details['view'], 'v1');
    assert.is(e.details['engine'], kind);
    assert.match(e.message, new RegExp(`^view v1: ${kind} failed: .*no_such_column`));
  }
});

test('materialize with a schema stores exactly the declared types; typed params bind on both', async () => {
  const s: Schema = [field('n', T.int64), field('d', T.decimal(6, 2)), field('day', T.date), field('f', T.float64)];
  for (const kind of BACKEND_KINDS) {
    await withBackend(kind, async (b) => {
      const p = b.caps.placeholderPrefix;
      const params = [typed(T.int64, 41n), typed(T.decimal(6, 2), '1.25'), typed(T.date, '2024-03-01')];
      const n = await b.materialize('t', `SELECT ${p}1 + 1 AS n, ${p}2 AS d, ${p}3 AS day, 2 AS f`, params, s);
      assert.is(n, 1);
      assert.equal(await b.query('SELECT * FROM t', [], s), [[42n, '1.25', '2024-03-01', 2]], kind);
      const plan = await b.explain(`SELECT * FROM t WHERE n > ${p}1`, [typed(T.int64, 0n)]);
      assert.ok(plan.length > 0);
    });
  }
});

test('SQLite binds numbered ?1 placeholders by number and anonymous ? ones by occurrence', async () => {
  const s: Schema = [field('a', T.int64), field('b', T.utf8), field('c', T.int64)];
  await withBackend('sqlite', async (b) => {
    assert.equal(await b.query("SELECT ?2 + 1, '?1 -- ?', ?1", [typed(T.int64, 5n), typed(T.int64, 10n)], s), [[11n, '?1 -- ?', 5n]]);
    assert.equal(await b.query("SELECT ? + 1, '?1', ?", [typed(T.int64, 5n), typed(T.int64, 10n)], s), [[6n, '?1', 10n]]);
  });
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
