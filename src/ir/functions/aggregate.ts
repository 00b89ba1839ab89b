// Aggregate functions. PostgreSQL semantics on every dialect (src/ir/registry.ts).

import { T } from '../types.ts';
import type { FunctionDef } from './def.ts';
import { fn, byType, castArgs, castResult, constantArgs, duckdbIntervalPick, no, noIntervals, agg, arith, orderedSet, relc, sortedByArg, wrapResult } from './build.ts';

/** Spark: relc reads no interval results back (src/lower/sql/CONTEXT.md, Spark). */
const SPARK_NO_INTERVALS = no('sum and avg of intervals are not expressed on Spark');
const SPARK_FRACTION = "Spark's percentiles take their fraction as a constant only";

/** DuckDB's statistics that are NaN where PostgreSQL's are NULL (no spread in x or y). */
const DUCKDB_NAN_WHEN_FLAT: ReadonlySet<string> = new Set(['corr', 'regr_slope']);

export const AGGREGATE_FUNCTIONS: readonly FunctionDef[] = [
  // Aggregates.
  agg('count', [{ args: [], returns: T.int64 }, { args: ['any'], returns: T.int64 }], 'never', { extension: 'functions_aggregate_generic', name: 'count' }),
  // sum(int64) is decimal(38,0): DuckDB's HUGEINT is cast; SQLite's sum raises past 2^63, relc_sum_i64 sums exactly.
  // sum and avg of intervals as PostgreSQL: components summed, the average their sum divided by the
  // count with fractions cascading down (src/ir/interval.ts). DuckDB has no sum of intervals: the
  // non-NULL values are listed and added (interval + interval is component-wise).
  {
    ...agg('sum', [{ args: ['numeric'], returns: 'sum' }, { args: ['interval'], returns: T.interval }], 'always', arith('sum')),
    render: {
      default: fn('sum'),
      duckdb: byType([
        { args: ['integer'], render: castResult(fn('sum')) },
        { args: ['interval'], render: wrapResult('CASE WHEN len(list_filter({0}, lambda v: v IS NOT NULL)) = 0 THEN NULL ELSE list_reduce(list_filter({0}, lambda v: v IS NOT NULL), lambda a, b: a + b) END', fn('list')) },
      ], fn('sum')),
      sqlite: byType([{ args: ['int64'], render: fn('relc_sum_i64') }, { args: ['interval'], render: fn('relc_sum_interval') }], fn('sum')),
      // Spark sums bigints as bigint (overflow raises): the argument is cast to decimal(38,0) first.
      spark: byType([{ args: ['int64'], render: castArgs(T.decimal(38, 0), fn('sum')) }, { args: ['interval'], render: SPARK_NO_INTERVALS }], fn('sum')),
    },
  },
  {
    ...agg('avg', [{ args: ['numeric'], returns: 'avg' }, { args: ['interval'], returns: T.interval }], 'always', arith('avg')),
    render: {
      default: fn('avg'),
      // DuckDB's own avg of intervals does not carry a day of seconds up, as its interval / number does.
      duckdb: byType([{ args: ['interval'], render: wrapResult('CASE WHEN len(list_filter({0}, lambda v: v IS NOT NULL)) = 0 THEN NULL ELSE list_reduce(list_filter({0}, lambda v: v IS NOT NULL), lambda a, b: a + b) / CAST(len(list_filter({0}, lambda v: v IS NOT NULL)) AS DOUBLE) END', fn('list')) }], fn('avg')),
      postgres: byType([{ args: ['float64'], render: fn('avg') }, { args: ['interval'], render: fn('avg') }], castResult(fn('avg'))),
      sqlite: byType([{ args: ['interval'], render: fn('relc_avg_interval') }], fn('avg')),
      // Spark's avg of a decimal is a decimal rounded to 6 digits: relc's double average averages doubles.
      spark: byType([{ args: ['float64'], render: fn('avg') }, { args: ['interval'], render: SPARK_NO_INTERVALS }], castArgs(T.float64, fn('avg'))),
    },
  },
  // min/max of intervals by their span, as PostgreSQL orders them (build.ts intervalCmp): SQLite
  // through relc_interval_min/max, DuckDB over the listed values.
  { ...agg('min', [{ args: ['comparable'], returns: 'arg0' }], 'always', arith('min')), render: { default: fn('min'), duckdb: byType([{ args: ['interval'], render: wrapResult(duckdbIntervalPick('{0}', '<'), fn('list')) }], fn('min')), sqlite: byType([{ args: ['interval'], render: fn('relc_interval_min') }], fn('min')) } },
  { ...agg('max', [{ args: ['comparable'], returns: 'arg0' }], 'always', arith('max')), render: { default: fn('max'), duckdb: byType([{ args: ['interval'], render: wrapResult(duckdbIntervalPick('{0}', '>'), fn('list')) }], fn('max')), sqlite: byType([{ args: ['interval'], render: fn('relc_interval_max') }], fn('max')) } },
  // Sample and population standard deviation and variance, in double precision (PostgreSQL
  // computes integers and numerics exactly, then relc's result is its double); a sample of one
  // row has none (NULL), a population of one has 0. SQLite: Welford's running mean in JS.
  ...(['stddev_samp', 'stddev_pop', 'var_samp', 'var_pop'] as const).map((name): FunctionDef => ({
    ...agg(name, [{ args: ['numeric'], returns: T.float64 }], 'always', relc(name)),
    render: { default: fn(name), sqlite: fn(`relc_${name}`), postgres: castResult(fn(name)) },
  })),
  // Statistics of (y, x) pairs with both non-NULL, in double precision, arguments as PostgreSQL's
  // (dependent first). regr_count is the number of such pairs.
  ...(['corr', 'covar_pop', 'covar_samp', 'regr_slope', 'regr_intercept', 'regr_r2', 'regr_avgx', 'regr_avgy', 'regr_sxx', 'regr_syy', 'regr_sxy'] as const).map((name): FunctionDef => ({
    ...agg(name, [{ args: ['numeric', 'numeric'], returns: T.float64 }], 'always', relc(name)),
    render: { default: fn(name), duckdb: DUCKDB_NAN_WHEN_FLAT.has(name) ? wrapResult("nullif({0}, CAST('NaN' AS DOUBLE))", fn(name)) : fn(name), sqlite: fn(`relc_${name}`), spark: castArgs(T.float64, fn(name)) },
  })),
  { ...agg('regr_count', [{ args: ['numeric', 'numeric'], returns: T.int64 }], 'never', relc('regr_count')), render: { default: fn('regr_count'), duckdb: castResult(fn('regr_count')), sqlite: fn('relc_regr_count') } },
  // Bitwise and / or / xor of the non-NULL integers; NULL over none.
  ...(['bit_and', 'bit_or', 'bit_xor'] as const).map((name): FunctionDef => ({
    ...agg(name, [{ args: ['integer'], returns: 'arg0' }], 'always', relc(name)),
    render: { default: fn(name), sqlite: fn(`relc_${name}`) },
  })),
  // Ordered-set aggregates, as PostgreSQL's percentile_cont/disc(fraction) WITHIN GROUP (ORDER BY x),
  // in the IR f(x, fraction): cont interpolates linearly (double), disc is the first value whose
  // cumulative share reaches the fraction. NULLs are skipped; NULL over none.
  { ...agg('percentile_cont', [{ args: ['numeric', 'float64'], returns: T.float64 }], 'always', relc('percentile_cont')), render: { default: orderedSet('percentile_cont'), duckdb: fn('quantile_cont'), sqlite: fn('relc_percentile_cont'), postgres: castResult(orderedSet('percentile_cont')), spark: constantArgs([1], orderedSet('percentile_cont'), SPARK_FRACTION) } },
  { ...agg('percentile_disc', [{ args: ['comparable', 'float64'], returns: 'arg0' }], 'always', relc('percentile_disc')), render: { default: orderedSet('percentile_disc'), duckdb: fn('quantile_disc'), sqlite: fn('relc_percentile_disc'), spark: byType([{ args: ['numeric', 'float64'], render: constantArgs([1], castResult(orderedSet('percentile_disc')), SPARK_FRACTION) }], no('Spark\'s percentile_disc orders numbers only')) } },
  // mode() WITHIN GROUP (ORDER BY x), in the IR mode(x): the most frequent non-NULL value, the
  // first in ascending order among equally frequent ones; NULL over none.
  { ...agg('mode', [{ args: ['comparable'], returns: 'arg0' }], 'always', relc('mode')), render: { default: orderedSet('mode'), duckdb: sortedByArg('mode'), sqlite: noIntervals(fn('relc_mode'), 1) } },
  // string_agg(s, delimiter [ORDER BY …]): the non-NULL strings joined, in the call's order made
  // total by the SQL front end (src/sql/aggregate.ts); NULL over none.
  { ...agg('string_agg', [{ args: ['string', 'string'], returns: T.utf8 }], 'always', { extension: 'functions_string', name: 'string_agg' }), render: { default: fn('string_agg'), spark: constantArgs([1], fn('string_agg'), "Spark's string_agg takes its delimiter as a constant only") } },
  // bool_and/bool_or (and PostgreSQL's `every`): NULLs are skipped, NULL over no rows. SQLite keeps
  // booleans as 0/1, whose min/max are the conjunction and disjunction.
  { ...agg('bool_and', [{ args: ['bool'], returns: T.bool }], 'always', { extension: 'functions_boolean', name: 'bool_and' }), render: { default: fn('bool_and'), sqlite: fn('min') } },
  { ...agg('bool_or', [{ args: ['bool'], returns: T.bool }], 'always', { extension: 'functions_boolean', name: 'bool_or' }), render: { default: fn('bool_or'), sqlite: fn('max') } },
];
