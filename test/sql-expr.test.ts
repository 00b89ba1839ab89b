import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { T, field, exprText, RelcError, type Expr } from '../src/ir/index.ts';
import { parseAggregate, parseScalar, type ExprScope } from '../src/sql/index.ts';

const people = [field('id', T.int64), field('name', T.utf8), field('team_id', T.int64, true), field('score', T.float64), field('born', T.date), field('price', T.decimal(12, 2))];
const teams = [field('id', T.int64), field('name', T.utf8)];
const input = [...people, ...teams];
const scope: ExprScope = {
  relations: [{ alias: 'left', fields: people, offset: 0 }, { alias: 'right', fields: teams, offset: 6 }],
  params: new Map([['min_score', { type: T.float64, nullable: false }]]),
};
const single: ExprScope = { relations: [{ alias: null, fields: people, offset: 0 }], params: new Map() };
const origin = { file: 'rules.yaml', line: 10, col: 12 };

const sx = (text: string, s: ExprScope = scope) => exprText(parseScalar(text, s, { origin }), input);

function fails(text: string, code: string, line: number, col: number, s: ExprScope = scope, agg = false): RelcError {
  try {
    agg ? parseAggregate(text, s, { origin }) : parseScalar(text, s, { origin });
  } catch (e) {
    assert.instance(e, RelcError);
    const err = e as RelcError;
    assert.is(err.code, code, `${text}: ${err.message}`);
    assert.equal(err.location, { file: 'rules.yaml', line, col }, `${text}: ${err.message}`);
    return err;
  }
  throw new Error(`expected ${code} for ${text}`);
}

test('column references: qualified, unqualified, params', () => {
  assert.is(sx('left.team_id = right.id'), '(equal team_id#2 id#6)');
  assert.is(sx('score >= :min_score'), '(gte score#3 :min_score)');
  assert.is(sx('"score" > 1', single), '(gt score#3 1)');
  assert.is(sx('SCORE > 1', single), '(gt score#3 1)');
});

test('literals are typed: int32/int64/decimal/float, dates, intervals', () => {
  const lit = (t: string) => parseScalar(t, single) as Extract<Expr, { kind: 'lit' }>;
  assert.equal(lit('2147483647').type, T.int32);
  assert.equal(lit('-2147483648').type, T.int32);
  assert.equal(lit('2147483648'), { kind: 'lit', type: T.int64, value: '2147483648' });
  assert.equal(lit('1.50'), { kind: 'lit', type: T.decimal(3, 2), value: '1.50' });
  assert.equal(lit('1e3'), { kind: 'lit', type: T.float64, value: 1000 });
  assert.equal(lit("'it''s'"), { kind: 'lit', type: T.utf8, value: "it's" });
  assert.equal(lit("DATE '1998-12-01'"), { kind: 'lit', type: T.date, value: '1998-12-01' });
  assert.equal(lit("TIMESTAMP '2020-01-02 03:04:05.5'"), { kind: 'lit', type: T.timestamp, value: '2020-01-02 03:04:05.500000' });
  assert.equal(lit("INTERVAL '1 year 2 days'"), { kind: 'lit', type: T.interval, value: { months: 12, days: 2, micros: '0' } });
  assert.equal(lit("INTERVAL '90' DAY (3)"), { kind: 'lit', type: T.interval, value: { months: 0, days: 90, micros: '0' } });
  assert.equal(lit('TRUE'), { kind: 'lit', type: T.bool, value: true });
  assert.equal(lit('NULL'), { kind: 'lit', type: T.null, value: null });
});

test('date arithmetic on literals folds exactly (PostgreSQL month clamping)', () => {
  assert.is(sx("born <= date '1998-12-01' - interval '90' day", single), "(lte born#4 '1998-09-02'::date)");
  assert.is(sx("born < date '2000-01-31' + interval '1' month", single), "(lt born#4 '2000-02-29'::date)");
  assert.is(sx("born >= '1994-01-01'", single), "(gte born#4 '1994-01-01'::date)");
  assert.is(sx("date '2000-02-28' + 2", single), "'2000-03-01'::date");
});

test('operators follow PostgreSQL precedence', () => {
  assert.is(sx('score > 1 AND score < 2 OR id = 3', single), "(or (and (gt score#3 1) (lt score#3 2)) (equal id#0 '3'::int64))");
  assert.is(sx('NOT score > 1 AND id = 2', single), "(and (not (gt score#3 1)) (equal id#0 '2'::int64))");
  assert.is(sx('id - 2 - id * 4', single), "(subtract (subtract id#0 '2'::int64) (multiply id#0 '4'::int64))");
  assert.is(sx("-score::int", single), '(negate (cast score#3 int32))');
});

test('implicit widening becomes explicit casts; literals fold', () => {
  assert.is(sx('left.id = 1.5'), "(equal (cast id#0 decimal(20,1)) '1.5'::decimal(2,1))");
  assert.is(sx('price * (1 - 0.05)', single), "(multiply price#5 '0.95'::decimal(12,2))");
  assert.is(sx('team_id + score', single), '(add (cast team_id#2 float64) score#3)');
  assert.is(sx('team_id IN (1, 2)', single), "(in team_id#2 ['1'::int64 '2'::int64])");
});

test('exact arithmetic on literals folds (REAL-stored decimals would drift); overflow is left to the engine', () => {
  assert.is(sx('price BETWEEN 0.06 - 0.01 AND 0.06 + 0.01', single), "(and (gte price#5 '0.05'::decimal(2,2)) (lte price#5 '0.07'::decimal(2,2)))");
  assert.is(sx('1 + 2 * 3', single), '7');
  assert.is(sx('1.5 * 2.25', single), "'3.375'::decimal(5,3)");
  assert.is(sx('2147483647 + 1', single), '(add 2147483647 1)');
});

test('CASE, CAST, BETWEEN, LIKE, IS [NOT] DISTINCT FROM, COALESCE', () => {
  assert.is(sx("CASE WHEN score > 1 THEN 'hi' ELSE NULL END", single), "(case ((gt score#3 1) 'hi') (else null::utf8))");
  assert.is(sx("CASE team_id WHEN 1 THEN 'a' END", single), "(case ((equal team_id#2 '1'::int64) 'a'))");
  assert.is(sx('CAST(score AS numeric(10,2))', single), '(cast score#3 decimal(10,2))');
  assert.is(sx('score BETWEEN 1 AND 2', single), '(and (gte score#3 1) (lte score#3 2))');
  assert.is(sx('score NOT BETWEEN 1 AND 2', single), '(not (and (gte score#3 1) (lte score#3 2)))');
  assert.is(sx("name NOT ILIKE 'a%'", single), "(not-ilike name#1 'a%')");
  assert.is(sx("name LIKE 'a!%' ESCAPE '!'", single), "(like name#1 'a!%' escape '!')");
  assert.is(sx('left.team_id IS NOT DISTINCT FROM right.id'), '(is_not_distinct_from team_id#2 id#6)');
  assert.is(sx('team_id IS NULL', single), '(is-null team_id#2)');
  assert.is(sx('coalesce(team_id, 0)', single), "(coalesce team_id#2 '0'::int64)");
  assert.is(sx("concat(name, team_id)", single), "(concat name#1 (coalesce (cast team_id#2 utf8) ''))");
});

test('SQL-standard special forms map to registry functions', () => {
  assert.is(sx('extract(year from born)', single), '(extract_year born#4)');
  assert.is(sx("date_part('month', born)", single), '(extract_month born#4)');
  assert.is(sx('substring(name from 2 for 3)', single), '(substring name#1 2 3)');
  assert.is(sx("position('a' in name)", single), "(strpos name#1 'a')");
  assert.is(sx("trim(leading 'x' from name)", single), "(ltrim name#1 'x')");
});

test('aggregates for spec measures', () => {
  assert.equal(parseAggregate('count(*)', single), { fn: 'count', args: [], distinct: false, type: T.int64 });
  assert.equal(parseAggregate('max(score)', single), { fn: 'max', args: [{ kind: 'col', index: 3 }], distinct: false, type: T.float64 });
  const s = parseAggregate('sum(DISTINCT price) FILTER (WHERE score > 0)', single);
  assert.equal(s.type, T.decimal(38, 2));
  assert.is(s.distinct, true);
  assert.ok(s.filter);
  assert.equal(parseAggregate('sum(team_id)', single).type, T.decimal(38, 0));
});

test('errors carry code and file:line:col via origin', () => {
  const unknown = fails('left.idd > 1', 'UNKNOWN_COLUMN', 10, 12);
  assert.match(unknown.message, /available columns: left\.id, left\.name/);
  assert.equal((unknown.details as { available: string[] }).available.slice(0, 2), ['left.id', 'left.name']);
  fails('id = 1', 'AMBIGUOUS_COLUMN', 10, 12);
  fails('score > :nope', 'UNKNOWN_PARAM', 10, 20);
  const tm = fails("upper(score) = 'x'", 'TYPE_MISMATCH', 10, 12);
  assert.match(tm.message, /upper cannot take \(float64\)/);
  fails('foo(1)', 'UNKNOWN_FUNCTION', 10, 12);
  fails('score > ', 'SQL_PARSE_ERROR', 10, 20);
  fails("left.name = 1", 'TYPE_MISMATCH', 10, 22);
  fails("left.born = 'xx'", 'TYPE_MISMATCH', 10, 24);
  fails('sum(score) > 1', 'UNSUPPORTED_CONSTRUCT', 10, 12, single);
  fails("score + 'a'", 'TYPE_MISMATCH', 10, 18, single);
  fails('name LIKE 1', 'TYPE_MISMATCH', 10, 22, single);
  fails('now()', 'UNSUPPORTED_CONSTRUCT', 10, 12, single);
  fails('avg(score) + 1', 'UNSUPPORTED_CONSTRUCT', 10, 12, single, true);
  fails('sum(name)', 'TYPE_MISMATCH', 10, 12, single, true);
  // Second line of a multi-line expression: the column counts from the line start.
  fails('score > 1 AND\n  nope = 2', 'UNKNOWN_COLUMN', 11, 3, single);
});

test.run();
