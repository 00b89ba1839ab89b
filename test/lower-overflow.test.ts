// Integer overflow with PostgreSQL's semantics: int32/int64 add, subtract, multiply, divide, negate
// and abs past the type's range are an error on every engine (SQLite would widen to 64 bits or to
// REAL); results at the boundary are exact; sum(int64) is an exact decimal(38,0) beyond 2^63.
// Errors through the real backends (EXECUTION_FAILED), PostgreSQL through a throwaway cluster.

import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { E, RelcError, T, field, schemaOf, type AggCall, type Expr, type Program, type Rel, type WindowCall } from '../src/ir/index.ts';
import { lowerRel, lowerViewForExecution, sqlDialect } from '../src/lower/sql/index.ts';
import { normalizeValue, openBackend, type Backend } from '../src/backends/index.ts';
import { runProgram } from '../src/run/index.ts';
import { loadStatements, openPostgres, type Engine, type Table } from './lower-engines.ts';
import { builders, scanOf } from './lower-fixtures.ts';
import { show } from './lower-compare.ts';

const MAX32 = 2147483647;
const MIN32 = -2147483648;
const MAX64 = '9223372036854775807';
const MIN64 = '-9223372036854775808';

/** One row per situation: 1 at the maxima, 2 at the minima, 3 squares past the range, 4 ordinary values, 5 NULLs. */
const EDGE: Table = {
  name: 'edge',
  schema: [field('id', T.int32), field('a', T.int32, true), field('b', T.int32, true), field('x', T.int64, true), field('y', T.int64, true), field('f', T.float64, true), field('d', T.decimal(10, 2), true)],
  rows: [
    [1, MAX32, 1, MAX64, '1', 1e300, '99999999.99'],
    [2, MIN32, -1, MIN64, '-1', -1e300, '-99999999.99'],
    [3, 46341, 46341, '3037000500', '3037000500', 2.5, '1.50'],
    [4, 100, -7, '100', '-7', 0.5, '0.25'],
    [5, null, null, null, null, null, null],
  ],
};

const { col, call, lit } = builders(EDGE.schema);
const i32 = (v: number) => lit(T.int32, v);
const i64 = (v: string) => lit(T.int64, v);
/**
 * The same call with each column operand behind coalesce(c, c): no longer a plain column, so SQLite
 * takes the checked shim (relc_add_i32 …) instead of the inline check over columns and literals.
 */
function viaShim(e: Expr): Expr {
  if (e.kind !== 'call') throw new Error('a call expected');
  return E.call(e.fn, e.args.map((a) => (a.kind === 'col' ? call('coalesce', a, a) : a)), e.type);
}
const onRow = (id: number, e: Expr): Rel => ({ kind: 'project', input: { kind: 'filter', input: scanOf(EDGE), condition: call('equal', col('id'), i32(id)) }, exprs: [e], names: ['v'] });

type Target = 'duckdb' | 'sqlite';
const backends = {} as Record<Target, Backend>;
let pg: Engine;

test.before(async () => {
  for (const kind of ['duckdb', 'sqlite'] as const) {
    backends[kind] = await openBackend(kind);
    for (const t of [EDGE, BIG]) for (const s of loadStatements(t, kind)) await backends[kind].exec(s);
  }
  pg = await openPostgres();
  for (const t of [EDGE, BIG]) for (const s of loadStatements(t, 'postgres')) await pg.exec(s);
});
test.after(async () => {
  for (const b of Object.values(backends)) await b.close();
  await pg.close();
});

async function rows(target: Target | 'postgres', rel: Rel): Promise<unknown[][]> {
  const lowered = lowerRel(rel, sqlDialect(target));
  if (target === 'postgres') return (await pg.run(lowered, schemaOf(rel))).rows;
  return backends[target].query(lowered.sql, [], schemaOf(rel));
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

// name, expression, the row it overflows on, PostgreSQL's message, DuckDB's.
const OVERFLOWS: [string, Expr, number, RegExp, RegExp][] = [
  ['int32 add', call('add', col('a'), col('b')), 1, /^integer out of range$/, /Overflow in addition of INT32/],
  ['int32 subtract', call('subtract', col('a'), i32(1)), 2, /^integer out of range$/, /Overflow in subtraction of INT32/],
  ['int32 multiply', call('multiply', col('a'), col('b')), 3, /^integer out of range$/, /Overflow in multiplication of INT32/],
  ['int32 divide (INT_MIN / -1)', call('divide', col('a'), col('b')), 2, /^integer out of range$/, /Overflow in division/],
  ['int32 negate', call('negate', col('a')), 2, /^integer out of range$/, /Overflow in negation/],
  ['int32 abs', call('abs', col('a')), 2, /^integer out of range$/, /Overflow on abs/],
  ['int64 add', call('add', col('x'), col('y')), 1, /^bigint out of range$/, /Overflow in addition of INT64/],
  ['int64 subtract', call('subtract', col('x'), i64('1')), 2, /^bigint out of range$/, /Overflow in subtraction of INT64/],
  ['int64 multiply', call('multiply', col('x'), col('y')), 3, /^bigint out of range$/, /Overflow in multiplication of INT64/],
  ['int64 divide (INT_MIN / -1)', call('divide', col('x'), col('y')), 2, /^bigint out of range$/, /Overflow in division/],
  ['int64 negate', call('negate', col('x')), 2, /^bigint out of range$/, /Overflow in negation/],
  ['int64 abs', call('abs', col('x')), 2, /^bigint out of range$/, /Overflow on abs/],
  ['int32 + int64 (int64 result)', call('add', col('b'), col('x')), 1, /^bigint out of range$/, /Overflow in addition of INT64/],
];

for (const [name, direct, row, pgMessage, duckMessage] of OVERFLOWS) {
  test(`${name} overflowing is an error on every engine`, async () => {
    for (const expr of [direct, viaShim(direct)]) await overflows(name, onRow(row, expr), pgMessage, duckMessage);
  });
}

async function overflows(name: string, rel: Rel, pgMessage: RegExp, duckMessage: RegExp): Promise<void> {
  {
    const sqliteMessage = pgMessage.source.includes('bigint') ? /sqlite failed: bigint out of range$/ : /sqlite failed: integer out of range$/;
    for (const [target, message] of [['sqlite', sqliteMessage], ['duckdb', duckMessage]] as const) {
      const e = await failure(rows(target, rel));
      assert.instance(e, RelcError, `${name} on ${target}: ${e.message}`);
      assert.is((e as RelcError).code, 'EXECUTION_FAILED', `${name} on ${target}: ${e.message}`);
      assert.match(e.message, message, `${name} on ${target}`);
    }
    const e = await failure(rows('postgres', rel));
    assert.match(e.message, new RegExp(`ERROR:  ${pgMessage.source.slice(1, -1)}`), `${name} on postgres`);
  }
}

// Values next to and at the boundaries are exact and NULL propagates: [name, expression, rows 1..5].
const EXACT: [string, Expr, unknown[]][] = [
  ['int32 add and negate', call('add', col('a'), call('negate', col('b'))), [MAX32 - 1, MIN32 + 1, 0, 107, null]],
  ['int32 subtract reaching the maximum', call('subtract', col('b'), col('a')), [1 - MAX32, MAX32, 0, -107, null]],
  ['int32 multiply', call('multiply', col('a'), i32(1)), [MAX32, MIN32, 46341, 100, null]],
  ['int32 divide truncates toward zero', call('divide', col('a'), i32(-2)), [-1073741823, 1073741824, -23170, -50, null]],
  ['int32 divide by zero is NULL', call('divide', col('a'), i32(0)), [null, null, null, null, null]],
  ['int32 modulus (INT_MIN % -1 is 0)', call('modulus', col('a'), col('b')), [0, 0, 0, 2, null]],
  ['int32 abs', call('abs', col('b')), [1, 1, 46341, 7, null]],
  ['int64 add and negate', call('add', col('x'), call('negate', col('y'))), [BigInt(MAX64) - 1n, BigInt(MIN64) + 1n, 0n, 107n, null]],
  ['int64 subtract reaching the maximum', call('subtract', col('y'), col('x')), [1n - BigInt(MAX64), BigInt(MAX64), 0n, -107n, null]],
  ['int64 multiply', call('multiply', col('x'), i64('1')), [BigInt(MAX64), BigInt(MIN64), 3037000500n, 100n, null]],
  ['int64 divide truncates toward zero', call('divide', col('x'), i64('-2')), [-4611686018427387903n, 4611686018427387904n, -1518500250n, -50n, null]],
  ['int64 modulus (INT_MIN % -1 is 0)', call('modulus', col('x'), col('y')), [0n, 0n, 0n, 2n, null]],
  ['int64 abs', call('abs', col('y')), [1n, 1n, 3037000500n, 7n, null]],
  ['float64 multiply', call('multiply', col('f'), lit(T.float64, 10)), [1e301, -1e301, 25, 5, null]],
  ['decimal add', call('add', col('d'), col('d')), ['199999999.98', '-199999999.98', '3.00', '0.50', null]],
];

for (const [name, expr, want] of EXACT) {
  test(`${name}: exact on every engine`, async () => {
    const rel: Rel = { kind: 'project', input: scanOf(EDGE), exprs: [col('id'), expr, viaShim(expr)], names: ['id', 'v', 'v_shim'] };
    const expected = want.map((v, i) => [i + 1, v, v]);
    for (const target of ['duckdb', 'sqlite', 'postgres'] as const) {
      const got = (await rows(target, rel)).sort((p, q) => (p[0] as number) - (q[0] as number));
      assert.is(show(got), show(expected), `${name} on ${target}`);
    }
  });
}

test('SQLite: integer arithmetic is checked (inline over columns and literals, else a shim), other numbers stay native', () => {
  const sql = (e: Expr) => lowerRel(onRow(4, e), sqlDialect('sqlite')).sql;
  assert.match(sql(call('add', col('a'), i32(-5))), /CASE WHEN "t\d+"\."a" \+ -5 NOT BETWEEN -2147483648 AND 2147483647 THEN relc_out_of_range\("t\d+"\."a", 32\) ELSE "t\d+"\."a" \+ -5 END/);
  assert.match(sql(call('multiply', col('b'), col('x'))), /CASE WHEN typeof\("t\d+"\."b" \* "t\d+"\."x"\) = 'real' THEN relc_out_of_range\(/);
  assert.match(sql(call('add', call('add', col('a'), col('b')), col('b'))), /relc_add_i32\(CASE WHEN .* END, "t\d+"\."b"\)/);
  assert.match(sql(viaShim(call('negate', col('x')))), /relc_neg_i64\(coalesce\(/);
  for (const e of [call('add', col('f'), col('f')), call('multiply', col('d'), col('d')), call('negate', col('f')), call('abs', col('d'))]) {
    assert.not.match(sql(e), /relc_/);
  }
});

// ---- sum(int64) is decimal(38,0): exact beyond 2^63 ----

const BIG: Table = {
  name: 'big',
  schema: [field('id', T.int32), field('g', T.int32), field('x', T.int64, true)],
  rows: [[1, 1, MAX64], [2, 1, MAX64], [3, 1, '1'], [4, 2, MIN64], [5, 2, MIN64], [6, 3, '5'], [7, 3, null], [8, 4, null]],
};
const bigCol = (name: string) => E.col(BIG.schema.findIndex((f) => f.name === name));
const sumX = (distinct = false): AggCall => ({ fn: 'sum', args: [bigCol('x')], distinct, type: T.decimal(38, 0) });

test('sum(int64) beyond 2^63 is exact per group, over all rows and with DISTINCT, on every engine', async () => {
  const grouped: Rel = { kind: 'aggregate', input: scanOf(BIG), groupBy: [bigCol('g')], measures: [sumX(), sumX(true)], names: ['g', 's', 'sd'] };
  const total: Rel = { kind: 'aggregate', input: scanOf(BIG), groupBy: [], measures: [sumX()], names: ['s'] };
  const none: Rel = { kind: 'aggregate', input: { kind: 'filter', input: scanOf(BIG), condition: E.call('gt', [bigCol('id'), E.lit(T.int32, 100)], T.bool) }, groupBy: [], measures: [sumX()], names: ['s'] };
  for (const target of ['duckdb', 'sqlite', 'postgres'] as const) {
    const got = (await rows(target, grouped)).sort((p, q) => (p[0] as number) - (q[0] as number));
    assert.is(show(got), show([[1, '18446744073709551615', '9223372036854775808'], [2, '-18446744073709551616', MIN64], [3, '5', '5'], [4, null, null]]), target);
    // The running total leaves int64 and comes back: 2^64 - 1 - 2^64 + 5.
    assert.is(show(await rows(target, total)), show([['4']]), target);
    assert.is(show(await rows(target, none)), show([[null]]), target);
  }
});

test('a sum past int64 compares, orders and casts as a number, not as its exact text', async () => {
  const grouped: Rel = { kind: 'aggregate', input: scanOf(BIG), groupBy: [bigCol('g')], measures: [sumX()], names: ['g', 's'] };
  const s = E.col(1);
  const dec = (v: string) => E.lit(T.decimal(38, 0), v);
  const having = (op: string, rhs: Expr): Rel => ({ kind: 'project', input: { kind: 'filter', input: grouped, condition: E.call(op, [s, rhs], T.bool) }, exprs: [E.col(0)], names: ['g'] });
  const ordered: Rel = { kind: 'sort', input: { kind: 'filter', input: grouped, condition: E.isNull(s, true) }, keys: [E.desc(s)] };
  const casts: Rel = { kind: 'project', input: grouped, exprs: [E.col(0), E.cast(s, T.float64), E.cast(s, T.utf8), E.cast(s, T.decimal(38, 2))], names: ['g', 'f', 't', 'd'] };
  for (const target of ['duckdb', 'sqlite', 'postgres'] as const) {
    const ids = async (r: Rel) => (await rows(target, r)).map((x) => x[0]).sort();
    assert.equal(await ids(having('lt', dec('0'))), [2], `${target}: sum < 0`);
    assert.equal(await ids(having('gt', dec('0'))), [1, 3], `${target}: sum > 0`);
    assert.equal(await ids(having('gt', dec('10000000000000000000'))), [1], `${target}: sum > 1e19`);
    assert.equal(await ids(having('lt', E.cast(E.lit(T.int32, 6), T.decimal(38, 0)))), [2, 3], `${target}: sum < 6`);
    assert.equal(await ids(having('is_distinct_from', dec('5'))), [1, 2, 4], `${target}: sum IS DISTINCT FROM 5`);
    assert.is(show(await rows(target, ordered)), show([[1, '18446744073709551615'], [3, '5'], [2, '-18446744073709551616']]), `${target}: ORDER BY sum DESC`);
    const c = (await rows(target, casts)).sort((p, q) => (p[0] as number) - (q[0] as number));
    assert.is(show(c), show([
      [1, 18446744073709551615, '18446744073709551615', '18446744073709551615.00'],
      [2, -18446744073709551616, '-18446744073709551616', '-18446744073709551616.00'],
      [3, 5, '5', '5.00'],
      [4, null, null, null],
    ]), `${target}: casts`);
  }
});

test('sum(int64) as a sliding window is exact (frames that empty give NULL)', async () => {
  const w: WindowCall = {
    fn: 'sum', args: [bigCol('x')], distinct: false, partitionBy: [], orderBy: [E.asc(bigCol('id'))],
    frame: { unit: 'rows', start: { kind: 'preceding', offset: 1 }, end: { kind: 'current_row' } }, type: T.decimal(38, 0),
  };
  const rel: Rel = { kind: 'project', input: { kind: 'window', input: scanOf(BIG), functions: [w], names: ['s'] }, exprs: [bigCol('id'), E.col(3)], names: ['id', 's'] };
  const want = [[1, MAX64], [2, '18446744073709551614'], [3, '9223372036854775808'], [4, '-9223372036854775807'], [5, '-18446744073709551616'], [6, '-9223372036854775803'], [7, '5'], [8, null]];
  for (const target of ['duckdb', 'sqlite', 'postgres'] as const) {
    const got = (await rows(target, rel)).sort((p, q) => (p[0] as number) - (q[0] as number));
    assert.is(show(got), show(want), target);
  }
});

// ---- Reading values back; a chain of views through the runner ----

test('an out-of-range integer read back is EXECUTION_FAILED naming the column, not INTERNAL', async () => {
  const cases: [string, 'int32' | 'int64', RegExp][] = [
    ['SELECT 2147483647 + 1 AS v', 'int32', /value out of range for int32 in column v: 2147483648$/],
    ['SELECT 9223372036854775807 + 1 AS v', 'int64', /value out of range for int64 in column v: 9223372036854776000$/],
    ['SELECT 2.5 AS v', 'int32', /value out of range for int32 in column v: 2\.5$/],
  ];
  for (const [sql, kind, message] of cases) {
    const e = await failure(backends.sqlite.query(sql, [], [field('v', T[kind])]));
    assert.instance(e, RelcError, e.message);
    assert.is((e as RelcError).code, 'EXECUTION_FAILED', e.message);
    assert.match(e.message, message);
  }
  // Something that is no integer at all is still relc's own bug.
  const e = await failure(backends.sqlite.query("SELECT 'x' AS v", [], [field('v', T.int32)]));
  assert.is((e as RelcError).code, 'INTERNAL');
  assert.is(normalizeValue(T.int64, -(2n ** 63n)), -(2n ** 63n));
  assert.throws(() => normalizeValue(T.int64, 2n ** 63n, 'n'), (x: unknown) => x instanceof RelcError && x.code === 'EXECUTION_FAILED' && /column n/.test(x.message));
});

test('an overflow in a view read only by another view fails the run on SQLite and DuckDB (no wrong rows)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-overflow-'));
  try {
    writeFileSync(path.join(dir, 'ids.csv'), `id\n${Array.from({ length: 10 }, (_, i) => i + 1).join('\n')}\n`);
    const schema = [field('id', T.int64)];
    const program = (offset: string): Program => ({
      name: 'overflow_chain',
      profile: 'default',
      params: [],
      inputs: [{ name: 'ids', path: 'ids.csv', format: 'csv', schema }],
      views: [
        { name: 'r1', rel: { kind: 'project', input: { kind: 'scan', table: 'ids', schema }, exprs: [E.col(0), E.call('add', [E.col(0), E.lit(T.int64, offset)], T.int64)], names: ['id', 'a'] } },
        { name: 'r2', rel: { kind: 'project', input: { kind: 'ref', name: 'r1', schema: [field('id', T.int64), field('a', T.int64)] }, exprs: [E.col(0), E.call('gt', [E.col(1), E.lit(T.int64, '0')], T.bool)], names: ['id', 'big'] } },
      ],
      outputs: [{ name: 'r2', from: 'r2', orderBy: [E.asc(E.col(0))], format: 'csv' }],
    });
    const opts = { specDir: dir, specHash: 'f'.repeat(64), lower: lowerViewForExecution };
    for (const [backend, message] of [['sqlite', /^view r1: sqlite failed: bigint out of range$/], ['duckdb', /^view r1: duckdb failed: .*Overflow in addition of INT64/]] as const) {
      const e = await failure(runProgram(program('9223372036854775800'), { ...opts, backend }));
      assert.instance(e, RelcError, e.message);
      assert.is((e as RelcError).code, 'EXECUTION_FAILED', e.message);
      assert.match(e.message, message, backend);
      // Without the overflow the same chain runs, equally on both.
      const ok = await runProgram(program('9223372036854775797'), { ...opts, backend });
      assert.equal(ok.outputs[0]!.data.map((r) => r[1]), Array(10).fill(true), backend);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
