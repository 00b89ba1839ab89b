// One date/timestamp input grammar (src/ir/temporal.ts) behind every reader: the SQL front end's
// literals, DuckDB's cast macros and SQLite's cast functions read the same strings to the same
// values — PostgreSQL's ISO forms — and refuse the same strings.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { readDateInput, readTimestampInput, dateText, timestampText, T } from '../src/ir/index.ts';
import { openBackend, TypedValue, type Backend } from '../src/backends/index.ts';
import { parseSelect } from '../src/sql/index.ts';
import { catalogOf } from '../src/run/compose/catalog.ts';
import { transpile } from '../src/run/compose/transpile-api.ts';

// What PostgreSQL 15 answers for `'<s>'::date` and `'<s>'::timestamp` (error → undefined).
const READ: ReadonlyArray<readonly [string, string, string]> = [
  ['2024-01-05', '2024-01-05', '2024-01-05 00:00:00.000000'],
  ['2024-1-5', '2024-01-05', '2024-01-05 00:00:00.000000'],
  [' 2024-01-05 ', '2024-01-05', '2024-01-05 00:00:00.000000'],
  ['\t2024-01-05\n', '2024-01-05', '2024-01-05 00:00:00.000000'],
  ['2024-01-05T10:00', '2024-01-05', '2024-01-05 10:00:00.000000'],
  ['2024-01-05 1:02:03', '2024-01-05', '2024-01-05 01:02:03.000000'],
  ['2024-1-5 1:2:3.5', '2024-01-05', '2024-01-05 01:02:03.500000'],
  ['2024-01-05 10:00:00.', '2024-01-05', '2024-01-05 10:00:00.000000'],
  ['2024-01-05 23:59:59.123456', '2024-01-05', '2024-01-05 23:59:59.123456'],
  ['1960-06-01 10:00', '1960-06-01', '1960-06-01 10:00:00.000000'],
  ['0024-02-29', '0024-02-29', '0024-02-29 00:00:00.000000'],
];

// PostgreSQL refuses these too.
const BOTH_REFUSE = ['2023-02-29', '2024-02-30', '2024-13-01', '2024-01-05 10', '2024-01-05 25:00', '', 'now', '\u00a02024-01-05'];

// PostgreSQL reads these; relc's grammar refuses them (an error, never another value).
const RELC_REFUSES = ['2024-01-05 10:00:00.1234567', '2024-01-05 10:00:60', '2024-01-05 24:00:00', '2024-01-05 10:00:00Z', '20240105', 'Jan 5 2024'];

type Read = (s: string) => Promise<string | undefined>;

async function attempt(f: () => Promise<string | undefined> | string | undefined): Promise<string | undefined> {
  try {
    return await f();
  } catch {
    return undefined;
  }
}

function engineReader(backend: Backend, call: (fn: string) => string, type: typeof T.date | typeof T.timestamp): Read {
  const fn = type.kind === 'date' ? 'relc_text_to_date' : 'relc_text_to_timestamp';
  const schema = [{ name: 'v', type, nullable: true }];
  return (s) => attempt(async () => String((await backend.query(`SELECT ${call(fn)} AS v`, [new TypedValue(T.utf8, s)], schema))[0]![0]));
}

function frontEndReader(type: 'date' | 'timestamp'): Read {
  return (s) =>
    attempt(() => {
      const rel = parseSelect(`select cast('${s.replaceAll("'", "''")}' as ${type}) as v`, { dialect: 'postgres', catalog: catalogOf(new Map()) });
      return JSON.stringify(rel).match(new RegExp(`"kind":"lit","type":\\{"kind":"${type}"\\},"value":"([^"]*)"`))?.[1];
    });
}

test('the ir readers give PostgreSQL’s values', () => {
  for (const [s, d, ts] of READ) {
    assert.is(dateText(readDateInput(s)!), d, JSON.stringify(s));
    assert.is(timestampText(readTimestampInput(s)!), ts, JSON.stringify(s));
  }
  for (const s of [...BOTH_REFUSE, ...RELC_REFUSES]) {
    assert.is(readTimestampInput(s), undefined, JSON.stringify(s));
    assert.is(readDateInput(s), undefined, JSON.stringify(s));
  }
});

test('SQL front end, DuckDB and SQLite read and refuse the same strings', async () => {
  const duck = await openBackend('duckdb', { threads: 1 });
  const lite = await openBackend('sqlite', {});
  const readers: Record<string, readonly [Read, Read]> = {
    'front end': [frontEndReader('date'), frontEndReader('timestamp')],
    duckdb: [engineReader(duck, (fn) => `${fn}($1)`, T.date), engineReader(duck, (fn) => `${fn}($1)`, T.timestamp)],
    sqlite: [engineReader(lite, (fn) => `${fn}(?)`, T.date), engineReader(lite, (fn) => `${fn}(?)`, T.timestamp)],
  };
  for (const [name, [date, timestamp]] of Object.entries(readers)) {
    for (const [s, d, ts] of READ) {
      assert.is(await date(s), d, `${name} date ${JSON.stringify(s)}`);
      assert.is(await timestamp(s), ts, `${name} timestamp ${JSON.stringify(s)}`);
    }
    for (const s of [...BOTH_REFUSE, ...RELC_REFUSES]) {
      assert.is(await date(s), undefined, `${name} date ${JSON.stringify(s)}`);
      assert.is(await timestamp(s), undefined, `${name} timestamp ${JSON.stringify(s)}`);
    }
  }
  await duck.close();
  await lite.close();
});

test('date arithmetic past the years a literal holds is left to the engine, which computes it', async () => {
  const duck = await openBackend('duckdb', { threads: 1 });
  const cases: ReadonlyArray<readonly [string, typeof T.date | typeof T.timestamp, string]> = [
    ["DATE '9999-12-31' + 1", T.date, '10000-01-01'],
    ["TIMESTAMP '9999-12-31 23:00:00' + INTERVAL '2 hours'", T.timestamp, '10000-01-01 01:00:00.000000'],
    ["DATE '9999-12-30' + 1", T.date, '9999-12-31'],
  ];
  for (const [expr, type, expected] of cases) {
    const sql = transpile(`SELECT ${expr} AS v`, { from: 'postgres', to: 'duckdb' }).join(';\n');
    const rows = await duck.query(sql, [], [{ name: 'v', type, nullable: true }]);
    assert.is(String(rows[0]![0]), expected, expr);
  }
  await duck.close();
});

test('DuckDB’s own cast reads a time zone and refuses white space: the macro is needed', async () => {
  const duck = await openBackend('duckdb', { threads: 1 });
  const schema = [{ name: 'v', type: T.timestamp, nullable: true }];
  const native = (s: string) => attempt(async () => String((await duck.query('SELECT CAST($1 AS TIMESTAMP) AS v', [new TypedValue(T.utf8, s)], schema))[0]![0]));
  assert.is(await native(' 2024-01-05 '), undefined);
  assert.ok((await native('2024-01-05 10:00:00Z')) !== undefined);
  await duck.close();
});

test.run();
