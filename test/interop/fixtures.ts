// Hand-built IR programs covering every relation kind and every IR type, with small
// deterministic input rows: the corpus of the Substrait unit tests and of the interop suite
// (beside TPC-H when test/tpch is present).

import { E, T, field, resolveCall, schemaOf, typeOf, type DataType, type Expr, type InputDecl, type Literal, type Program, type Rel, type Schema, type View } from '../../src/ir/index.ts';

export interface FixtureTable {
  readonly decl: InputDecl;
  /** Rows as canonical JS values (CONTRACTS.md): int64 as bigint, decimal/date/timestamp as strings. */
  readonly rows: readonly (readonly unknown[])[];
}

export interface Fixture {
  readonly program: Program;
  readonly tables: readonly FixtureTable[];
}

const people: Schema = [field('id', T.int64), field('name', T.utf8), field('team_id', T.int64, true), field('score', T.float64), field('age', T.int32, true)];
const teams: Schema = [field('id', T.int64), field('name', T.utf8), field('budget', T.decimal(12, 2), true), field('founded', T.date)];
const events: Schema = [field('id', T.int64), field('person_id', T.int64), field('at', T.timestamp), field('kind', T.utf8, true), field('ok', T.bool, true), field('payload', T.binary, true)];

const scan = (table: string, schema: Schema): Rel => ({ kind: 'scan', table, schema });
const col = E.col;
const lit = (type: DataType, value: Literal['value']): Literal => E.lit(type, value);
const call = (fn: string, args: Expr[], type: DataType): Expr => E.call(fn, args, type);
const ref = (views: readonly View[], name: string): Rel => ({ kind: 'ref', name, schema: schemaOf(views.find((v) => v.name === name)!.rel) });

function buildViews(): View[] {
  const views: View[] = [];
  const add = (name: string, rel: Rel) => views.push({ name, rel });
  const P = scan('people', people);
  const Tm = scan('teams', teams);
  const Ev = scan('events', events);

  add('adults', { kind: 'filter', input: P, condition: call('and', [call('gte', [col(3), lit(T.float64, 0.5)], T.bool), { kind: 'isnull', expr: col(2), negated: true }], T.bool) });
  add('named', {
    kind: 'project', input: ref(views, 'adults'),
    exprs: [col(0), call('upper', [col(1)], T.utf8), call('concat', [col(1), lit(T.utf8, '!')], T.utf8), { kind: 'cast', expr: col(4), type: T.int64 },
      call('multiply', [col(3), lit(T.float64, 2)], T.float64), { kind: 'case', whens: [{ when: call('gt', [col(3), lit(T.float64, 0.8)], T.bool), then: lit(T.utf8, 'high') }], else: lit(T.utf8, 'low'), type: T.utf8 }],
    names: ['id', 'shout', 'bang', 'age64', 'double_score', 'band'],
  });
  add('member_of', {
    kind: 'project',
    input: { kind: 'join', type: 'inner', left: P, right: Tm, condition: call('equal', [col(2), col(5)], T.bool) },
    exprs: [col(0), col(6), col(3), col(7)],
    names: ['person_id', 'team', 'score', 'budget'],
  });
  add('left_join', { kind: 'join', type: 'left', left: Tm, right: P, condition: call('equal', [col(0), col(6)], T.bool) });
  add('right_join', { kind: 'join', type: 'right', left: Tm, right: P, condition: call('equal', [col(0), col(6)], T.bool) });
  add('full_join', { kind: 'join', type: 'full', left: Tm, right: P, condition: call('equal', [col(0), col(6)], T.bool) });
  add('semi_join', { kind: 'join', type: 'semi', left: Tm, right: P, condition: call('equal', [col(0), col(6)], T.bool) });
  add('anti_join', { kind: 'join', type: 'anti', left: Tm, right: P, condition: call('equal', [col(0), col(6)], T.bool) });
  add('cross_join', { kind: 'project', input: { kind: 'join', type: 'cross', left: Tm, right: Tm, condition: null }, exprs: [col(0), col(4)], names: ['a', 'b'] });
  add('team_sizes', {
    kind: 'aggregate', input: ref(views, 'member_of'), groupBy: [col(1)],
    measures: [
      { fn: 'count', args: [], distinct: false, type: T.int64 },
      { fn: 'max', args: [col(2)], distinct: false, type: T.float64 },
      { fn: 'sum', args: [col(3)], distinct: false, type: T.decimal(38, 2) },
      { fn: 'count', args: [col(0)], distinct: true, type: T.int64 },
      { fn: 'avg', args: [col(2)], distinct: false, filter: call('gt', [col(2), lit(T.float64, 0.6)], T.bool), type: T.float64 },
    ],
    names: ['team', 'n', 'best', 'total_budget', 'people', 'avg_good'],
  });
  add('totals', {
    kind: 'aggregate', input: P, groupBy: [],
    measures: [{ fn: 'sum', args: [col(0)], distinct: false, type: T.decimal(38, 0) }, { fn: 'avg', args: [col(4)], distinct: false, type: T.float64 }, { fn: 'min', args: [col(1)], distinct: false, type: T.utf8 }],
    names: ['id_sum', 'avg_age', 'first_name'],
  });
  const ids = (r: Rel): Rel => ({ kind: 'project', input: r, exprs: [col(0)], names: ['id'] });
  add('union_all', { kind: 'setop', op: 'union', all: true, inputs: [ids(P), ids(Tm)] });
  add('union_distinct', { kind: 'setop', op: 'union', all: false, inputs: [ids(P), ids(Tm)] });
  add('intersect', { kind: 'setop', op: 'intersect', all: false, inputs: [ids(P), ids(Tm)] });
  add('except', { kind: 'setop', op: 'except', all: false, inputs: [ids(P), ids(Tm)] });
  add('top3', { kind: 'limit', input: { kind: 'sort', input: P, keys: [E.desc(col(3)), E.asc(col(0))] }, limit: 3, offset: 1 });
  add('teams_distinct', { kind: 'distinct', input: { kind: 'project', input: P, exprs: [col(2)], names: ['team_id'] } });
  add('ranked', {
    kind: 'window', input: P,
    functions: [
      { fn: 'row_number', args: [], distinct: false, partitionBy: [col(2)], orderBy: [E.desc(col(3)), E.asc(col(0))], type: T.int64 },
      { fn: 'sum', args: [col(3)], distinct: false, partitionBy: [col(2)], orderBy: [E.asc(col(0))], type: T.float64 },
      { fn: 'count', args: [], distinct: false, partitionBy: [], orderBy: [], type: T.int64 },
      { fn: 'max', args: [col(3)], distinct: false, partitionBy: [], orderBy: [E.asc(col(0))], frame: { unit: 'rows', start: { kind: 'preceding', offset: 1 }, end: { kind: 'current_row' } }, type: T.float64 },
    ],
    names: ['rn', 'running', 'total', 'moving_max'],
  });
  add('best_team', { kind: 'winner', input: ref(views, 'member_of'), partitionBy: [col(0)], orderBy: [E.desc(col(2)), E.asc(col(1))], keep: 1 });
  add('constants', {
    kind: 'values',
    schema: [field('i', T.int32), field('b', T.int64, true), field('d', T.decimal(10, 3)), field('s', T.utf8), field('day', T.date), field('ts', T.timestamp), field('flag', T.bool, true), field('x', T.float64)],
    rows: [
      [lit(T.int32, 1), lit(T.int64, '9007199254740993'), lit(T.decimal(10, 3), '-12.500'), lit(T.utf8, 'héllo'), lit(T.date, '2024-02-29'), lit(T.timestamp, '2024-02-29 13:45:01.123456'), lit(T.bool, true), lit(T.float64, 1.5)],
      [lit(T.int32, -2), lit(T.int64, null), lit(T.decimal(10, 3), '0.001'), lit(T.utf8, ''), lit(T.date, '1969-12-31'), lit(T.timestamp, '1970-01-01 00:00:00.000000'), lit(T.bool, null), lit(T.float64, -0.25)],
    ],
  });
  add('event_stats', {
    kind: 'project', input: Ev,
    exprs: [col(0), { kind: 'like', expr: col(3), pattern: lit(T.utf8, 'log%'), escape: null, negated: false, caseInsensitive: false },
      { kind: 'in', expr: col(1), list: [lit(T.int64, '1'), lit(T.int64, '2')], negated: true }, { kind: 'isnull', expr: col(4), negated: false },
      call('coalesce', [col(3), lit(T.utf8, 'none')], T.utf8), call('lt', [col(2), lit(T.timestamp, '2024-01-02 00:00:00.000000')], T.bool),
      call('char_length', [col(1 + 2)], T.int64),
      // `||` with a NULL operand (event 102 has no kind) is NULL, whatever the consumer's concat does with NULLs.
      call('concat', [col(3), lit(T.utf8, '!')], T.utf8), call('concat', [lit(T.utf8, '#'), { kind: 'cast', expr: col(0), type: T.utf8 }], T.utf8)],
    names: ['id', 'is_log', 'not_first', 'ok_missing', 'kind', 'early', 'kind_len', 'kind_bang', 'tag'],
  });
  const parts = ['year', 'quarter', 'month', 'day', 'doy', 'dow', 'hour', 'minute', 'second'];
  // Every date part of a timestamp and of a date (times of day of a date are 0).
  add('timestamp_parts', { kind: 'project', input: Ev, exprs: [col(0), ...parts.map((p) => call(`extract_${p}`, [col(2)], T.int64))], names: ['id', ...parts] });
  add('date_parts', { kind: 'project', input: Tm, exprs: [col(0), ...parts.map((p) => call(`extract_${p}`, [col(3)], T.int64))], names: ['id', ...parts] });
  // Division and remainder by zero are NULL (team 10 and scores of 0.75 give zero divisors), by a NULL too.
  const joined: Rel = { kind: 'join', type: 'left', left: P, right: Tm, condition: call('equal', [col(2), col(5)], T.bool) };
  const on = schemaOf(joined);
  const typed = (fn: string, args: Expr[]): Expr => E.call(fn, args, resolveCall(fn, args.map((a) => typeOf(a, on).type)).returns);
  const teamOff = typed('subtract', [col(2), lit(T.int64, '10')]);
  const scoreOff = typed('subtract', [col(3), lit(T.float64, 0.75)]);
  add('division', {
    kind: 'project', input: joined,
    exprs: [col(0), typed('divide', [col(0), teamOff]), typed('divide', [col(3), scoreOff]), typed('modulus', [col(0), teamOff]),
      typed('divide', [col(7), typed('subtract', [col(7), lit(T.decimal(4, 2), '12.00')])]), typed('modulus', [col(7), lit(T.decimal(4, 2), '0.00')]), typed('divide', [col(4), lit(T.int32, 2)])],
    names: ['id', 'int_div', 'float_div', 'int_mod', 'dec_div', 'dec_mod_zero', 'half_age'],
  });
  add('float_modulus', { kind: 'project', input: joined, exprs: [col(0), typed('modulus', [col(3), scoreOff]), typed('modulus', [col(3), lit(T.float64, 0.5)])], names: ['id', 'by_offset', 'by_half'] });
  add('rounding', {
    kind: 'project', input: { kind: 'join', type: 'left', left: P, right: Tm, condition: call('equal', [col(2), col(5)], T.bool) },
    exprs: [col(0), call('round', [call('multiply', [col(3), lit(T.float64, 100)], T.float64)], T.float64), call('round', [col(3), lit(T.int32, 2)], T.float64),
      call('round', [col(7)], T.decimal(12, 2)), call('round', [col(7), lit(T.int32, 1)], T.decimal(12, 2)), call('round', [col(4)], T.int32)],
    names: ['id', 'pct', 'score2', 'budget0', 'budget1', 'age'],
  });
  add('team_report', {
    kind: 'project', input: { kind: 'join', type: 'inner', left: ref(views, 'team_sizes'), right: Tm, condition: call('equal', [col(0), col(7)], T.bool) },
    exprs: [col(0), col(1), call('add', [col(8), lit(T.decimal(12, 2), '1.50')], T.decimal(12, 2)), call('divide', [col(1), lit(T.int64, '2')], T.int64)],
    names: ['team', 'n', 'budget_plus', 'half_n'],
  });
  return views;
}

function decl(name: string, schema: Schema): InputDecl {
  return { name, path: `${name}.parquet`, format: 'parquet', schema };
}

/** The main hand-built fixture: every relation kind, every scalar type. */
export function coverageFixture(): Fixture {
  const views = buildViews();
  const program: Program = {
    name: 'coverage',
    profile: 'default',
    params: [],
    inputs: [decl('people', people), decl('teams', teams), decl('events', events)],
    views,
    outputs: views.map((v) => ({ name: v.name, from: v.name, orderBy: [], format: 'parquet' })),
  };
  return {
    program,
    tables: [
      {
        decl: program.inputs[0]!,
        rows: [
          [1n, 'ada', 10n, 0.9, 36], [2n, 'bob', 10n, 0.4, null], [3n, 'cy', 20n, 0.75, 41], [4n, 'dee', null, 0.95, 29],
          [5n, 'eve', 20n, 0.75, 52], [6n, 'fay', 30n, 0.6, 23], [7n, 'gus', 10n, 0.9, 30],
          // Rounding ties: round(0.125 * 100) = 12 (a double ties to even), round(0.125, 2) = 0.13 (away from zero).
          [8n, 'hal', 40n, 0.125, null], [9n, 'ivy', 40n, 0.135, 61],
        ],
      },
      {
        decl: program.inputs[1]!,
        rows: [[10n, 'red', '1000.50', '2001-05-01'], [20n, 'blue', null, '1999-12-31'], [40n, 'green', '12.00', '2020-02-29'], [1n, 'one', '0.01', '1970-01-01']],
      },
      {
        decl: program.inputs[2]!,
        rows: [
          [100n, 1n, '2024-01-01 08:00:00.000000', 'login', true, null], [101n, 2n, '2024-01-01 09:30:00.500000', 'logout', false, new Uint8Array([1, 2])],
          [102n, 3n, '2024-01-03 10:00:00.000000', null, null, null], [103n, 1n, '2023-12-31 23:59:59.999999', 'LOGIN', true, new Uint8Array([255])],
        ],
      },
    ],
  };
}
