import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import { T, field, initHashing, type Schema } from '../src/ir/index.ts';
import { canonicalNumberText, comparableRows, contentHash } from '../src/backends/canonical-rows.ts';
import { literalToCanonical, normalizeRow, normalizeValue, toJsonValue } from '../src/backends/values.ts';
import { parseScaled, rescale, scaledToText } from '../src/backends/decimal.ts';
import { dateText, parseDateText, parseTimestampText, timestampText } from '../src/ir/temporal.ts';

const schema: Schema = [
  field('b', T.bool, true), field('i', T.int32, true), field('l', T.int64, true), field('f', T.float64, true),
  field('d', T.decimal(10, 2), true), field('s', T.utf8, true), field('bin', T.binary, true), field('dt', T.date, true),
  field('ts', T.timestamp, true), field('li', T.list(T.int64), true),
];

const expected = [
  [true, -7, 9007199254740993n, 1.5, '12.50', 'héllo, "x"', new Uint8Array([1, 255]), '2024-02-29', '1969-12-31 23:59:59.500000', [1n, null, 3n]],
  [null, null, null, null, null, null, null, null, null, null],
];

test('DuckDB values of every type normalize to the canonical JS forms', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = await c.runAndReadAll(`
    select true, -7::integer, 9007199254740993::bigint, 1.5::double, 12.5::decimal(10,2), 'héllo, "x"', '\\x01\\xFF'::blob,
           date '2024-02-29', timestamp '1969-12-31 23:59:59.5', [1, null, 3]::bigint[]
    union all select null, null, null, null, null, null, null, null, null, null
    order by 1 nulls last`);
  assert.equal(r.getRows().map((row) => normalizeRow(schema, row)), expected);
  c.closeSync();
  db.closeSync();
});

test('SQLite storage values (safeIntegers) normalize to the same canonical forms', () => {
  const db = new Database(':memory:');
  db.defaultSafeIntegers(true);
  const rows = db.prepare(`
    select 1, -7, 9007199254740993, 1.5, 12.5, 'héllo, "x"', x'01ff', '2024-02-29', '1969-12-31 23:59:59.5', '[1,null,3]'
    union all select null, null, null, null, null, null, null, null, null, null order by 1 desc`).raw().all() as unknown[][];
  assert.equal(rows.map((row) => normalizeRow(schema, row)), expected);
  db.close();
});

test('decimals: rescaling rounds half away from zero; REAL storage reads back as its shortest decimal', () => {
  assert.is(scaledToText(rescale(12345n, 3, 2), 2), '12.35');
  assert.is(scaledToText(rescale(-12345n, 3, 2), 2), '-12.35');
  assert.is(scaledToText(rescale(-12344n, 3, 2), 2), '-12.34');
  assert.is(scaledToText(parseScaled('1.5e-7', 2)!, 2), '0.00');
  assert.is(scaledToText(parseScaled('3E+2', 2)!, 2), '300.00');
  assert.is(normalizeValue(T.decimal(5, 2), 2.675), '2.68');
  assert.is(normalizeValue(T.decimal(5, 2), 0.1 + 0.2), '0.30');
  assert.is(normalizeValue(T.decimal(5, 2), -0.001), '0.00');
  assert.is(normalizeValue(T.decimal(5, 0), 7n), '7');
  assert.is(normalizeValue(T.decimal(38, 0), 123456789012345678901234567890n), '123456789012345678901234567890');
});

test('dates and timestamps agree with DuckDB text over four centuries and before the epoch', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = await c.runAndReadAll(`
    select d::date, d::date::varchar, (d + interval 12345678 microsecond)::timestamp, strftime(d + interval 12345678 microsecond, '%Y-%m-%d %H:%M:%S.%f')
    from generate_series(timestamp '1700-01-01', timestamp '2300-12-31', interval 13 day) g(d)`);
  let n = 0;
  for (const [d, dText, ts, tsText] of r.getRows()) {
    assert.is(normalizeValue(T.date, d), dText);
    assert.is(normalizeValue(T.timestamp, ts), tsText);
    assert.is(parseDateText(dText as string), (d as { days: number }).days);
    n++;
  }
  assert.ok(n > 16000);
  assert.is(dateText(-1), '1969-12-31');
  assert.is(timestampText(-1n), '1969-12-31 23:59:59.999999');
  assert.is(parseTimestampText('2024-01-02T03:04'), parseTimestampText('2024-01-02 03:04:00.000000'));
  assert.is(parseDateText('2023-02-29'), undefined);
  c.closeSync();
  db.closeSync();
});

test('doubles hash at 12 significant digits: sums in different orders are equal', async () => {
  await initHashing();
  const xs = Array.from({ length: 1000 }, (_, i) => 0.1 * (i + 1) + 1 / (i + 3));
  const forward = xs.reduce((a, b) => a + b, 0);
  const backward = [...xs].reverse().reduce((a, b) => a + b, 0);
  assert.is.not(forward, backward); // the premise: the last bits really differ
  const s: Schema = [field('k', T.utf8), field('total', T.float64)];
  assert.is(contentHash(s, [['a', forward]]), contentHash(s, [['a', backward]]));
  assert.is.not(contentHash(s, [['a', forward]]), contentHash(s, [['a', forward * (1 + 1e-9)]]));
  assert.is(canonicalNumberText(-0), canonicalNumberText(0));
  assert.is(canonicalNumberText(2147483647), '2147483647.00'); // every int32 keeps its exact value
  assert.is(canonicalNumberText(0.1 + 0.2), canonicalNumberText(0.3));
  assert.is(canonicalNumberText(Number.NaN), 'NaN');
  assert.equal(comparableRows([['b', forward], ['a', 1]]), comparableRows([['a', 1], ['b', backward]]));
});

test('content hash: independent of row order, sensitive to values, names, types and NULL vs empty', async () => {
  await initHashing();
  const s: Schema = [field('k', T.utf8, true), field('n', T.int64)];
  const h = contentHash(s, [['x', 1n], ['y', 2n], [null, 3n]]);
  assert.is(h, contentHash(s, [[null, 3n], ['y', 2n], ['x', 1n]]));
  assert.is.not(h, contentHash(s, [['x', 1n], ['y', 2n], ['', 3n]]));
  assert.is.not(h, contentHash([field('key', T.utf8), field('n', T.int64)], [['x', 1n], ['y', 2n], [null, 3n]]));
  assert.is.not(h, contentHash([field('k', T.utf8), field('n', T.int32)], [['x', 1], ['y', 2], [null, 3]]));
  assert.is(h, contentHash([field('k', T.utf8, false), field('n', T.int64, true)], [['y', 2n], ['x', 1n], [null, 3n]]));
  assert.match(h, /^[0-9a-f]{64}$/);
  // Quoting is injective: a quote, a backslash or a lone surrogate never merges two strings.
  const one: Schema = [field('s', T.utf8)];
  const distinct = ['a"b', 'a\\"b', 'a\\b', '\ud800', '\ud801', 'a,b', '"a"'];
  assert.is(new Set(distinct.map((x) => contentHash(one, [[x]]))).size, distinct.length);
});

test('a value of the wrong shape is an internal error naming the type, never a silent coercion', () => {
  try {
    normalizeValue(T.utf8, 12n);
    assert.unreachable();
  } catch (e) {
    assert.is((e as { code: string }).code, 'INTERNAL');
    assert.match((e as Error).message, /bigint 12 for a utf8 value/);
  }
  assert.throws(() => normalizeValue(T.int32, 2n ** 40n), /int32/);
  assert.throws(() => normalizeValue(T.date, '2024-13-01'), /date/);
});

test('literals and JSON forms', () => {
  assert.is(literalToCanonical(T.int64, '-12'), -12n);
  assert.equal(literalToCanonical(T.binary, '0aff'), new Uint8Array([10, 255]));
  assert.ok(Number.isNaN(literalToCanonical(T.float64, 'NaN') as number));
  assert.equal(toJsonValue(T.list(T.int64), [1n, null]), ['1', null]);
  assert.is(toJsonValue(T.binary, new Uint8Array([1, 2])), '0102');
});

test.run();
