// Numeric functions: rounding, sign, roots, powers, logarithms. PostgreSQL semantics on every dialect (src/ir/registry.ts).

import { T } from '../types.ts';
import type { FunctionDef } from './def.ts';
import { PRECEDENCE, fn, tpl, byType, castResult, constantArgs, no, pgFloat, scalar, arith, relc } from './build.ts';

/** Spark: `name` of the double argument, raising PostgreSQL's "input is out of range" where `outside` (of v) holds (the lambda reads the argument once). */
const sparkGuarded = (name: string, outside: string, message = 'input is out of range', more = '') =>
  tpl(`transform(array(CAST({0} AS DOUBLE)), v -> CASE WHEN ${outside} THEN raise_error('${message}')${more} ELSE ${name}(v) END)[0]`);
const SPARK_LOG = (name: string) => sparkGuarded(name, 'v = 0', 'cannot take logarithm of zero', " WHEN v < 0 THEN raise_error('cannot take logarithm of a negative number')");
/** Spark's power gives Infinity for 0 ^ negative and NaN for negative ^ fraction, where PostgreSQL raises. */
const SPARK_POWER = tpl("transform(array(named_struct('b', CAST({0} AS DOUBLE), 'e', CAST({1} AS DOUBLE))), v -> CASE WHEN v.b = 0 AND v.e < 0 THEN raise_error('zero raised to a negative power is undefined') WHEN v.b < 0 AND v.e <> floor(v.e) THEN raise_error('a negative number raised to a non-integer power yields a complex result') ELSE power(v.b, v.e) END)[0]");

const NO_SPARK_DEGREES = no('Spark has no trigonometry in degrees that is exact where PostgreSQL\'s is');

export const MATH_FUNCTIONS: readonly FunctionDef[] = [
  // PostgreSQL: round(numeric) breaks ties away from zero, round(double) to even (rint); round(x, n)
  // exists for numeric only, so doubles round through numeric. Integers are already round.
  // DuckDB's round_even(x, 0) sends ties of large magnitude the wrong way: relc_rint.
  scalar('round', [{ args: ['numeric'], returns: 'arg0' }, { args: ['numeric', 'integer'], returns: 'arg0' }], {
    default: fn('round'),
    postgres: byType([
      { args: ['integer'], render: tpl('{0}') },
      { args: ['float64', 'integer'], render: castResult(tpl('round(CAST({0} AS NUMERIC), {1})')) },
      { args: ['integer', 'integer'], render: castResult(tpl('round(CAST({0} AS NUMERIC), {1})')) },
    ], fn('round')),
    duckdb: byType([{ args: ['integer'], render: tpl('{0}') }, { args: ['float64'], render: fn('relc_rint') }], fn('round')),
    sqlite: byType([
      { args: ['integer'], render: tpl('{0}') },
      { args: ['float64'], render: fn('relc_round_even') },
      { args: ['numeric', 'integer'], render: fn('relc_round_digits') },
    ], fn('round')),
    // Spark's round is HALF_UP (away from zero) for every type, bround HALF_EVEN; both change a
    // decimal's precision/scale, cast back to the argument's. The digits must be a literal there.
    spark: constantArgs([1], byType([
      { args: ['integer'], render: tpl('{0}') },
      { args: ['float64'], render: tpl('bround({0}, 0)') },
      { args: ['decimal'], render: castResult(fn('round')) },
    ], castResult(fn('round'))), "Spark's round takes its number of digits as a constant only"),
  }, { extension: 'functions_rounding', name: 'round' }),
  // trunc(x [, n]): toward zero, at n digits after the point (left of it when n < 0). PostgreSQL
  // has trunc(x, n) for numeric only: doubles and integers truncate through numeric there.
  scalar('trunc', [{ args: ['numeric'], returns: 'arg0' }, { args: ['numeric', 'integer'], returns: 'arg0' }], {
    default: fn('trunc'),
    postgres: byType([
      { args: ['integer'], render: tpl('{0}') },
      { args: ['decimal'], render: castResult(fn('trunc')) },
      { args: ['float64', 'integer'], render: castResult(tpl('trunc(CAST({0} AS NUMERIC), {1})')) },
      { args: ['integer', 'integer'], render: castResult(tpl('trunc(CAST({0} AS NUMERIC), {1})')) },
      { args: ['decimal', 'integer'], render: castResult(fn('trunc')) },
    ], fn('trunc')),
    duckdb: byType([{ args: ['integer'], render: tpl('{0}') }, { args: ['decimal'], render: castResult(fn('trunc')) }, { args: ['decimal', 'integer'], render: castResult(fn('trunc')) }], fn('trunc')),
    sqlite: byType([{ args: ['integer'], render: tpl('{0}') }, { args: ['numeric', 'integer'], render: fn('relc_trunc_digits') }], fn('trunc')),
    // Spark's trunc truncates dates: toward zero is ceil below zero, floor above (both with a scale, Spark ≥ 3.3).
    spark: constantArgs([1], byType([
      { args: ['integer'], render: tpl('{0}') },
      { args: ['float64'], render: tpl('({0} - {0} % 1)', PRECEDENCE.atom) },
      { args: ['decimal'], render: castResult(tpl('CASE WHEN {0} < 0 THEN ceil({0}) ELSE floor({0}) END')) },
      { args: ['decimal', 'integer'], render: castResult(tpl('CASE WHEN {0} < 0 THEN ceil({0}, {1}) ELSE floor({0}, {1}) END')) },
      { args: ['integer', 'integer'], render: castResult(tpl('CASE WHEN {0} < 0 THEN ceil({0}, {1}) ELSE floor({0}, {1}) END')) },
    ], no('trunc of a double at n digits is not expressed on Spark')), "Spark's ceil and floor take their number of digits as a constant only"),
  }, relc('trunc')),
  // Spark's floor/ceil of a double is a bigint, of a decimal(p, s) a decimal(p - s + 1, 0): cast back.
  scalar('floor', [{ args: ['numeric'], returns: 'arg0' }], { default: byType([{ args: ['integer'], render: tpl('{0}') }], fn('floor')), spark: byType([{ args: ['integer'], render: tpl('{0}') }], castResult(fn('floor'))) }, { extension: 'functions_rounding', name: 'floor' }),
  scalar('ceil', [{ args: ['numeric'], returns: 'arg0' }], { default: byType([{ args: ['integer'], render: tpl('{0}') }], fn('ceil')), spark: byType([{ args: ['integer'], render: tpl('{0}') }], castResult(fn('ceil'))) }, { extension: 'functions_rounding', name: 'ceil' }),
  scalar('sign', [{ args: ['numeric'], returns: 'arg0' }], { default: castResult(fn('sign')) }, arith('sign')),
  // Domain errors raise PostgreSQL's messages everywhere: sqrt(-1) "cannot take square root of a
  // negative number", ln(0) / log10(0) "cannot take logarithm of zero" (of a negative number),
  // power(0, -1) "zero raised to a negative power is undefined", power(-8, 0.5) "a negative number
  // raised to a non-integer power yields a complex result", asin/acos/acosh/atanh outside their
  // domain "input is out of range". DuckDB raises the first two itself (relc_power, relc_asin …
  // where it returns NaN or words it otherwise); SQLite, which returns NULL, calls relc_<name>.
  scalar('sqrt', [{ args: ['numeric'], returns: T.float64 }], { default: fn('sqrt'), postgres: pgFloat('sqrt', 1), sqlite: fn('relc_sqrt'), spark: sparkGuarded('sqrt', 'v < 0', 'cannot take square root of a negative number') }, arith('sqrt')),
  scalar('power', [{ args: ['numeric', 'numeric'], returns: T.float64 }], { default: fn('relc_power'), postgres: pgFloat('power', 2), spark: SPARK_POWER }, arith('power')),
  scalar('ln', [{ args: ['numeric'], returns: T.float64 }], { default: fn('ln'), postgres: pgFloat('ln', 1), sqlite: fn('relc_ln'), spark: SPARK_LOG('ln') }, { extension: 'functions_logarithmic', name: 'ln' }),
  scalar('exp', [{ args: ['numeric'], returns: T.float64 }], { default: fn('exp'), postgres: pgFloat('exp', 1) }, arith('exp')),
  scalar('cbrt', [{ args: ['numeric'], returns: T.float64 }], { default: fn('cbrt'), postgres: pgFloat('cbrt', 1), sqlite: fn('relc_cbrt') }, relc('cbrt')),
  scalar('pi', [{ args: [], returns: T.float64 }], { default: fn('pi') }, relc('pi'), 'never'),
  // Greatest common divisor and least common multiple, never negative; gcd(0, 0) and lcm(x, 0) are 0.
  scalar('gcd', [{ args: ['integer', 'integer'], returns: 'common' }], { default: fn('gcd'), sqlite: fn('relc_gcd'), spark: no('Spark has no gcd') }, relc('gcd')),
  scalar('lcm', [{ args: ['integer', 'integer'], returns: 'common' }], { default: fn('lcm'), sqlite: fn('relc_lcm'), spark: no('Spark has no lcm') }, relc('lcm')),
  // factorial(n) = n!, exact, as decimal(38,0) (PostgreSQL: numeric of any size; relc: up to 33!,
  // beyond is "numeric field overflow" / DuckDB's HUGEINT overflow). A negative n is an error.
  scalar('factorial', [{ args: ['integer'], returns: T.decimal(38, 0) }], {
    default: castResult(fn('factorial')),
    sqlite: fn('relc_factorial'),
    spark: no('Spark\'s factorial stops at 20! and gives NULL past it'),
  }, relc('factorial')),
  // log(x) is the base-10 logarithm in PostgreSQL (the SQL front end maps it to log10).
  scalar('log10', [{ args: ['numeric'], returns: T.float64 }], { default: fn('log10'), postgres: pgFloat('log10', 1), sqlite: fn('relc_log10'), spark: SPARK_LOG('log10') }, { extension: 'functions_logarithmic', name: 'log10' }),
  // Trigonometry in radians, double precision (asin/acos outside [-1, 1]: see sqrt above).
  ...(['sin', 'cos', 'tan', 'atan', 'degrees', 'radians'] as const).map((name) =>
    scalar(name, [{ args: ['numeric'], returns: T.float64 }], { default: fn(name), postgres: pgFloat(name, 1) }, arith(name))),
  ...(['asin', 'acos'] as const).map((name) =>
    scalar(name, [{ args: ['numeric'], returns: T.float64 }], { default: fn(`relc_${name}`), postgres: pgFloat(name, 1), spark: sparkGuarded(name, 'v < -1 OR v > 1') }, arith(name))),
  // Hyperbolic functions (acosh below 1 and atanh outside [-1, 1]: see sqrt above).
  ...(['sinh', 'cosh', 'tanh', 'asinh'] as const).map((name) =>
    scalar(name, [{ args: ['numeric'], returns: T.float64 }], { default: fn(name), postgres: pgFloat(name, 1) }, arith(name))),
  ...(['acosh', 'atanh'] as const).map((name) =>
    scalar(name, [{ args: ['numeric'], returns: T.float64 }], { default: fn(`relc_${name}`), postgres: pgFloat(name, 1), spark: sparkGuarded(name, name === 'acosh' ? 'v < 1' : 'v < -1 OR v > 1') }, arith(name))),
  // cot(x) = 1 / tan(x): cot(0) is Infinity (DuckDB's cot raises there, SQLite's division gives NULL).
  scalar('cot', [{ args: ['numeric'], returns: T.float64 }], { default: fn('relc_cot'), postgres: pgFloat('cot', 1), spark: tpl('cot(CAST({0} AS DOUBLE))') }, relc('cot')),
  scalar('atan2', [{ args: ['numeric', 'numeric'], returns: T.float64 }], { default: fn('atan2'), postgres: pgFloat('atan2', 2) }, arith('atan2')),
  // Trigonometry in degrees, computed PostgreSQL's way so that the values it makes exact are exact
  // everywhere: sind(30) = 0.5, cosd(90) = 0, tand(45) = 1, tand(90) = Infinity, asind(0.5) = 30.
  // An infinite argument (asind/acosd: one outside [-1, 1]) raises "input is out of range".
  ...(['sind', 'cosd', 'tand', 'cotd', 'asind', 'acosd', 'atand'] as const).map((name) =>
    scalar(name, [{ args: ['numeric'], returns: T.float64 }], { default: fn(`relc_${name}`), duckdb: tpl(`relc_${name}(CAST({0} AS DOUBLE))`), postgres: pgFloat(name, 1), spark: NO_SPARK_DEGREES }, relc(name))),
  scalar('atan2d', [{ args: ['numeric', 'numeric'], returns: T.float64 }], {
    default: fn('relc_atan2d'),
    duckdb: tpl('relc_atan2d(CAST({0} AS DOUBLE), CAST({1} AS DOUBLE))'),
    postgres: pgFloat('atan2d', 2),
    spark: NO_SPARK_DEGREES,
  }, relc('atan2d')),
  // width_bucket(x, low, high, count): the bucket of x among `count` equal-width buckets over
  // [low, high) (or (high, low] counting down when high < low), 0 below and count + 1 above, in
  // double precision (PostgreSQL's numeric overload is exact: decimals are computed as doubles,
  // as for sqrt). low = high, count <= 0, NaN and infinite bounds raise, as on PostgreSQL.
  scalar('width_bucket', [{ args: ['float64', 'float64', 'float64', 'int32'], returns: T.int32 }], {
    default: fn('relc_width_bucket'),
    postgres: fn('width_bucket'),
    spark: no('Spark\'s width_bucket returns NULL where PostgreSQL raises (count <= 0, low = high)'),
  }, relc('width_bucket')),

  // Bitwise operators on two's-complement integers (PostgreSQL's & | # ~ << >>). A shift count
  // is taken modulo the width (PostgreSQL computes in C on a machine that does so: 1 << 33 is 2)
  // and a left shift wraps (1 << 31 is -2147483648); DuckDB raises on both, so its left shift
  // multiplies in the next wider type and wraps by masking.
  scalar('bitwise_and', [{ args: ['integer', 'integer'], returns: 'common' }], { default: tpl('({0} & {1})', PRECEDENCE.atom) }, arith('bitwise_and')),
  scalar('bitwise_or', [{ args: ['integer', 'integer'], returns: 'common' }], { default: tpl('({0} | {1})', PRECEDENCE.atom) }, arith('bitwise_or')),
  scalar('bitwise_xor', [{ args: ['integer', 'integer'], returns: 'common' }], {
    default: tpl('({0} # {1})', PRECEDENCE.atom),
    duckdb: fn('xor'),
    sqlite: byType([{ simpleArgs: true, render: tpl('(({0} | {1}) - ({0} & {1}))', PRECEDENCE.atom) }], fn('relc_bitwise_xor')),
    spark: tpl('({0} ^ {1})', PRECEDENCE.atom),
  }, arith('bitwise_xor')),
  scalar('bitwise_not', [{ args: ['integer'], returns: 'arg0' }], { default: tpl('(~{0})', PRECEDENCE.atom) }, arith('bitwise_not')),
  scalar('shift_left', [{ args: ['integer', 'int32'], returns: 'arg0' }], {
    default: tpl('({0} << {1})', PRECEDENCE.atom),
    duckdb: byType([
      { args: ['int32', 'int32'], render: tpl('CAST((((CAST({0} AS BIGINT) * (CAST(1 AS BIGINT) << ({1} & 31))) + 2147483648) & 4294967295) - 2147483648 AS INTEGER)') },
    ], tpl('CAST((((CAST({0} AS HUGEINT) * (CAST(1 AS HUGEINT) << ({1} & 63))) + CAST(9223372036854775808 AS HUGEINT)) & CAST(18446744073709551615 AS HUGEINT)) - CAST(9223372036854775808 AS HUGEINT) AS BIGINT)')),
    sqlite: byType([{ args: ['int32', 'int32'], render: tpl('(((({0} << ({1} & 31)) + 2147483648) & 4294967295) - 2147483648)', PRECEDENCE.atom) }], tpl('({0} << ({1} & 63))', PRECEDENCE.atom)),
    spark: fn('shiftleft'), // Java's <<: the count masked to the width, the result wrapping
  }, relc('shift_left')),
  // DuckDB and SQLite take the count modulo the width by masking it.
  scalar('shift_right', [{ args: ['integer', 'int32'], returns: 'arg0' }], {
    default: byType([{ args: ['int32', 'int32'], render: tpl('({0} >> ({1} & 31))', PRECEDENCE.atom) }], tpl('({0} >> ({1} & 63))', PRECEDENCE.atom)),
    postgres: tpl('({0} >> {1})', PRECEDENCE.atom),
    spark: fn('shiftright'),
  }, relc('shift_right')),
];
