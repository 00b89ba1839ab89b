// Boolean logic, comparison, arithmetic, null handling and stable identifiers. PostgreSQL semantics on every dialect (src/ir/registry.ts).

import { T } from '../types.ts';
import type { FunctionDef } from './def.ts';
import { PRECEDENCE, infix, fn, tpl, byType, castResult, no, intervalCmp, duckdbIntervalPick, sqliteIntervalCmp, sqliteDecimalCmp, sqliteChecked, NUM, CMP, cmp, scalar, arith, relc } from './build.ts';

export const CORE_FUNCTIONS: readonly FunctionDef[] = [
  // Boolean logic (three-valued).
  { name: 'and', kind: 'scalar', signatures: [{ args: ['bool', 'bool'], variadic: 'bool', returns: T.bool }], nulls: 'logical', deterministic: true, render: { default: infix('AND', PRECEDENCE.and) }, substrait: { extension: 'functions_boolean', name: 'and' } },
  { name: 'or', kind: 'scalar', signatures: [{ args: ['bool', 'bool'], variadic: 'bool', returns: T.bool }], nulls: 'logical', deterministic: true, render: { default: infix('OR', PRECEDENCE.or) }, substrait: { extension: 'functions_boolean', name: 'or' } },
  { name: 'not', kind: 'scalar', signatures: [{ args: ['bool'], returns: T.bool }], nulls: 'propagate', deterministic: true, render: { default: { kind: 'prefix', op: 'NOT ', precedence: PRECEDENCE.not } }, substrait: { extension: 'functions_boolean', name: 'not' } },

  // Comparison.
  cmp('equal', '=', 'equal'),
  cmp('not_equal', '<>', 'not_equal'),
  cmp('lt', '<', 'lt'),
  cmp('lte', '<=', 'lte'),
  cmp('gt', '>', 'gt'),
  cmp('gte', '>=', 'gte'),
  { name: 'is_distinct_from', kind: 'scalar', signatures: CMP, nulls: 'never', deterministic: true, render: { default: infix('IS DISTINCT FROM', PRECEDENCE.is), duckdb: intervalCmp('relc_iv_span', 'IS DISTINCT FROM', PRECEDENCE.is, infix('IS DISTINCT FROM', PRECEDENCE.is)), sqlite: sqliteIntervalCmp('IS NOT', PRECEDENCE.is, byType(sqliteDecimalCmp('IS NOT', PRECEDENCE.is), infix('IS NOT', PRECEDENCE.is))) }, substrait: { extension: 'functions_comparison', name: 'is_distinct_from' } },
  { name: 'is_not_distinct_from', kind: 'scalar', signatures: CMP, nulls: 'never', deterministic: true, render: { default: infix('IS NOT DISTINCT FROM', PRECEDENCE.is), duckdb: intervalCmp('relc_iv_span', 'IS NOT DISTINCT FROM', PRECEDENCE.is, infix('IS NOT DISTINCT FROM', PRECEDENCE.is)), sqlite: sqliteIntervalCmp('IS', PRECEDENCE.is, byType(sqliteDecimalCmp('IS', PRECEDENCE.is), infix('IS', PRECEDENCE.is))) }, substrait: { extension: 'functions_comparison', name: 'is_not_distinct_from' } },

  // Arithmetic. PostgreSQL semantics: integer division truncates toward zero.
  scalar('add', [...NUM, { args: ['date', 'integer'], returns: T.date }, { args: ['date', 'interval'], returns: T.timestamp }, { args: ['timestamp', 'interval'], returns: T.timestamp }, { args: ['interval', 'interval'], returns: T.interval }], {
    default: infix('+', PRECEDENCE.add),
    // SQLite keeps dates as 'YYYY-MM-DD' text and timestamps as 'YYYY-MM-DD HH:MM:SS.ffffff' text.
    sqlite: byType([
      { args: ['date', 'integer'], render: tpl('date(julianday({0}) + {1})') },
      { args: ['temporal', 'interval'], render: fn('relc_ts_add') },
      { args: ['interval', 'interval'], render: fn('relc_interval_add') },
      ...sqliteChecked('add', '{0} + {1}'),
    ], infix('+', PRECEDENCE.add)),
    // Spark: date_add takes an int count; date + interval is a date there (relc: a timestamp).
    spark: byType([
      { args: ['date', 'int32'], render: fn('date_add') },
      { args: ['date', 'int64'], render: tpl('date_add({0}, CAST({1} AS INT))') },
      { args: ['date', 'interval'], render: tpl('CAST({0} AS TIMESTAMP_NTZ) + {1}', PRECEDENCE.add) },
    ], infix('+', PRECEDENCE.add)),
  }, arith('add')),
  scalar('subtract', [...NUM, { args: ['date', 'integer'], returns: T.date }, { args: ['date', 'date'], returns: T.int32 }, { args: ['date', 'interval'], returns: T.timestamp }, { args: ['timestamp', 'interval'], returns: T.timestamp }, { args: ['timestamp', 'timestamp'], returns: T.interval }, { args: ['interval', 'interval'], returns: T.interval }], {
    default: infix('-', PRECEDENCE.add),
    duckdb: byType([{ args: ['date', 'date'], render: castResult(infix('-', PRECEDENCE.add)) }], infix('-', PRECEDENCE.add)), // DuckDB: bigint days
    sqlite: byType([
      { args: ['date', 'integer'], render: tpl('date(julianday({0}) - {1})') },
      { args: ['date', 'date'], render: tpl('CAST(julianday({0}) - julianday({1}) AS INTEGER)') },
      { args: ['temporal', 'interval'], render: fn('relc_ts_sub') },
      { args: ['timestamp', 'timestamp'], render: fn('relc_ts_diff') },
      { args: ['interval', 'interval'], render: fn('relc_interval_sub') },
      ...sqliteChecked('sub', '{0} - {1}'),
    ], infix('-', PRECEDENCE.add)),
    // Spark: date - date is an INTERVAL DAY (datediff counts the days); timestamp - timestamp an
    // INTERVAL DAY TO SECOND, which relc does not read back as PostgreSQL's interval.
    spark: byType([
      { args: ['date', 'int32'], render: fn('date_sub') },
      { args: ['date', 'int64'], render: tpl('date_sub({0}, CAST({1} AS INT))') },
      { args: ['date', 'date'], render: fn('datediff') },
      { args: ['date', 'interval'], render: tpl('CAST({0} AS TIMESTAMP_NTZ) - {1}', PRECEDENCE.add) },
      { args: ['timestamp', 'timestamp'], render: no('timestamp - timestamp is an INTERVAL DAY TO SECOND on Spark, not PostgreSQL\'s interval') },
    ], infix('-', PRECEDENCE.add)),
  }, arith('subtract')),
  // interval * number: each field times the number, fractions of months and days cascading down
  // (src/ir/interval.ts), in double precision as PostgreSQL (DuckDB computes it the same way).
  scalar('multiply', [{ args: ['numeric', 'numeric'], returns: 'multiply' }, { args: ['interval', 'numeric'], returns: T.interval }, { args: ['numeric', 'interval'], returns: T.interval }], {
    default: byType([
      { args: ['interval', 'numeric'], render: tpl('{0} * CAST({1} AS DOUBLE PRECISION)', PRECEDENCE.multiply) },
      { args: ['numeric', 'interval'], render: tpl('CAST({0} AS DOUBLE PRECISION) * {1}', PRECEDENCE.multiply) },
    ], infix('*', PRECEDENCE.multiply)),
    duckdb: byType([
      { args: ['interval', 'numeric'], render: tpl('{0} * CAST({1} AS DOUBLE)', PRECEDENCE.multiply) },
      { args: ['numeric', 'interval'], render: tpl('{1} * CAST({0} AS DOUBLE)', PRECEDENCE.multiply) },
    ], infix('*', PRECEDENCE.multiply)),
    sqlite: byType([
      { args: ['interval', 'numeric'], render: fn('relc_interval_mul') },
      { args: ['numeric', 'interval'], render: tpl('relc_interval_mul({1}, {0})') },
      ...sqliteChecked('mul', '{0} * {1}'),
    ], infix('*', PRECEDENCE.multiply)),
    spark: byType([
      { args: ['interval', 'numeric'], render: no('intervals are not expressed on Spark') },
      { args: ['numeric', 'interval'], render: no('intervals are not expressed on Spark') },
    ], infix('*', PRECEDENCE.multiply)),
  }, arith('multiply')),
  // x / 0 and x % 0 are NULL on every backend (DuckDB and SQLite already; PostgreSQL raises, hence NULLIF).
  // DuckDB's `/` on integers yields a double: `//` truncates toward zero like PostgreSQL's `/`.
  // Decimal division is double division (the IR's result type), so PostgreSQL divides doubles too.
  // interval / number divides each field, the fractions cascading as for *; / 0 is NULL too.
  scalar('divide', [{ args: ['numeric', 'numeric'], returns: 'divide' }, { args: ['interval', 'numeric'], returns: T.interval }], {
    default: infix('/', PRECEDENCE.multiply),
    // (DuckDB's double division by zero gives ±inf/NaN, hence NULLIF there too.)
    duckdb: byType([
      { result: 'integer', render: tpl('{0} // {1}', PRECEDENCE.multiply) },
      { args: ['interval', 'numeric'], render: tpl('{0} / NULLIF(CAST({1} AS DOUBLE), 0)', PRECEDENCE.multiply) },
    ], tpl('{0} / NULLIF({1}, 0)', PRECEDENCE.multiply)),
    postgres: byType([
      { args: ['interval', 'numeric'], render: tpl('{0} / NULLIF(CAST({1} AS DOUBLE PRECISION), 0)', PRECEDENCE.multiply) },
      { args: ['decimal', 'numeric'], render: tpl('CAST({0} AS DOUBLE PRECISION) / NULLIF(CAST({1} AS DOUBLE PRECISION), 0)', PRECEDENCE.multiply) },
      { args: ['numeric', 'decimal'], render: tpl('CAST({0} AS DOUBLE PRECISION) / NULLIF(CAST({1} AS DOUBLE PRECISION), 0)', PRECEDENCE.multiply) },
    ], tpl('{0} / NULLIF({1}, 0)', PRECEDENCE.multiply)),
    sqlite: byType([{ args: ['interval', 'numeric'], render: fn('relc_interval_div') }, ...sqliteChecked('div', '{0} / {1}')], infix('/', PRECEDENCE.multiply)), // INT_MIN / -1
    // Spark's `/` is always fractional and raises on a zero divisor (ANSI mode); `div` truncates
    // toward zero and returns a bigint (an int32 quotient is cast back: INT_MIN div -1 then raises).
    spark: byType([
      { args: ['interval', 'numeric'], render: no('intervals are not expressed on Spark') },
      { result: 'int32', render: tpl('CAST({0} div NULLIF({1}, 0) AS INT)') },
      { result: 'int64', render: tpl('{0} div NULLIF({1}, 0)', PRECEDENCE.multiply) },
      { args: ['decimal', 'numeric'], render: tpl('CAST({0} AS DOUBLE) / NULLIF(CAST({1} AS DOUBLE), 0)', PRECEDENCE.multiply) },
      { args: ['numeric', 'decimal'], render: tpl('CAST({0} AS DOUBLE) / NULLIF(CAST({1} AS DOUBLE), 0)', PRECEDENCE.multiply) },
    ], tpl('{0} / NULLIF({1}, 0)', PRECEDENCE.multiply)),
  }, arith('divide'), 'always'),
  // The sign follows the dividend everywhere. SQLite's `%` converts reals to integers first: its mod() does not.
  // PostgreSQL has no double `%`: through numeric.
  scalar('modulus', [{ args: ['integer', 'integer'], returns: 'common' }, { args: ['numeric', 'numeric'], returns: 'arith' }], {
    default: infix('%', PRECEDENCE.multiply),
    // DuckDB gives NaN for a double `% 0`; relc's rule is NULL for every type. INT_MIN % -1 is 0
    // on PostgreSQL (and SQLite); DuckDB raises: relc_int_mod.
    duckdb: byType([{ result: 'integer', render: fn('relc_int_mod') }], tpl('{0} % NULLIF({1}, 0)', PRECEDENCE.multiply)),
    sqlite: byType([{ result: 'integer', render: infix('%', PRECEDENCE.multiply) }], fn('mod')),
    postgres: byType([{ result: 'float64', render: tpl('CAST(mod(CAST({0} AS NUMERIC), NULLIF(CAST({1} AS NUMERIC), 0)) AS DOUBLE PRECISION)') }], tpl('{0} % NULLIF({1}, 0)', PRECEDENCE.multiply)),
    spark: tpl('{0} % NULLIF({1}, 0)', PRECEDENCE.multiply), // Java's remainder: the dividend's sign, INT_MIN % -1 = 0
  }, arith('modulus'), 'always'),
  scalar('negate', [{ args: ['numeric'], returns: 'arg0' }, { args: ['interval'], returns: T.interval }], { default: { kind: 'prefix', op: '-', precedence: PRECEDENCE.unary }, sqlite: byType([{ args: ['interval'], render: fn('relc_interval_neg') }, ...sqliteChecked('neg', '- {0}')], { kind: 'prefix', op: '-', precedence: PRECEDENCE.unary }) }, arith('negate')),
  scalar('abs', [{ args: ['numeric'], returns: 'arg0' }], { default: fn('abs'), sqlite: byType(sqliteChecked('abs', 'abs({0})', '{0} = -9223372036854775808'), fn('abs')) }, arith('abs')),
  // Null handling.
  scalar('coalesce', [{ args: ['any'], variadic: 'any', returns: 'common' }], { default: fn('coalesce') }, { extension: 'functions_comparison', name: 'coalesce' }, 'all'),
  scalar('nullif', [{ args: ['comparable', 'comparable'], returns: 'arg0' }], { default: fn('nullif') }, { extension: 'functions_comparison', name: 'nullif' }, 'always'),
  // greatest/least skip NULLs (PostgreSQL, DuckDB); SQLite's multi-argument max/min return NULL instead.
  // Intervals compare by their span (a month is 30 days; build.ts intervalCmp): DuckDB's
  // greatest/least compare their fields one by one (least('1 day', '25 hours') is '25 hours').
  scalar('greatest', [{ args: ['comparable'], variadic: 'comparable', returns: 'common' }], {
    default: fn('greatest'),
    duckdb: byType([{ result: 'interval', render: tpl(duckdbIntervalPick('[{*}]', '>')) }], fn('greatest')),
    sqlite: byType([{ result: 'interval', render: fn('relc_interval_greatest') }], fn('relc_greatest')),
  }, { extension: 'functions_comparison', name: 'greatest_skip_null' }, 'all'),
  scalar('least', [{ args: ['comparable'], variadic: 'comparable', returns: 'common' }], {
    default: fn('least'),
    duckdb: byType([{ result: 'interval', render: tpl(duckdbIntervalPick('[{*}]', '<')) }], fn('least')),
    sqlite: byType([{ result: 'interval', render: fn('relc_interval_least') }], fn('relc_least')),
  }, { extension: 'functions_comparison', name: 'least_skip_null' }, 'all'),

  // Stable identifiers: lowercase hex of the first 16 bytes of SHA-256 over the arguments'
  // canonical text, each as 'v' || text (NULL as 'n'), joined by U+001F. Same value everywhere.
  // The SQL lowering expands it per argument type (src/lower/sql/lower-expr.ts, dialect `stableIdHash`); this render is not used there.
  scalar('stable_id', [{ args: ['any'], variadic: 'any', returns: T.utf8 }], { default: fn('relc_stable_id') }, relc('stable_id'), 'never'),
];
