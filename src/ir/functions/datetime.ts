// Date and time functions. PostgreSQL semantics on every dialect (src/ir/registry.ts).

import { T, type DataType } from '../types.ts';
import type { FunctionDef } from './def.ts';
import { fn, tpl, byType, no, scalar, relc, datePart, sparkTimestamp } from './build.ts';

/** Spark: relc reads no interval results back (src/lower/sql/CONTEXT.md, Spark). */
const SPARK_NO_INTERVALS = no('intervals are not expressed on Spark');

// Whole seconds since 1970-01-01 of a Spark timestamp `{0}`, without the session time zone.
const SPARK_EPOCH = 'CAST(datediff(CAST({0} AS DATE), DATE \'1970-01-01\') AS BIGINT) * 86400 + EXTRACT(HOUR FROM {0}) * 3600 + EXTRACT(MINUTE FROM {0}) * 60 + CAST(floor(EXTRACT(SECOND FROM {0})) AS BIGINT)';

// date_trunc(unit, x) on Spark, built from x's fields (Spark's own date_trunc returns a TIMESTAMP in
// the session's time zone and lacks decade, century and millennium): PostgreSQL's units, singular
// or plural; another unit raises, as on PostgreSQL.
const SPARK_TS = 'CAST({1} AS TIMESTAMP_NTZ)';
const sparkField = (f: string) => `EXTRACT(${f} FROM ${SPARK_TS})`;
const sparkMake = (y: string, mo: string, d: string, h: string, mi: string, s: string) => `make_timestamp_ntz(CAST(${y} AS INT), ${mo}, ${d}, ${h}, ${mi}, ${s})`;
const [Y, MO, D, H, MI] = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE'].map(sparkField) as [string, string, string, string, string];
const SPARK_DATE_TRUNC = `CASE${([
  [['microseconds', 'microsecond'], SPARK_TS],
  [['milliseconds', 'millisecond'], sparkMake(Y, MO, D, H, MI, `floor(${sparkField('SECOND')}, 3)`)],
  [['second', 'seconds'], sparkMake(Y, MO, D, H, MI, `floor(${sparkField('SECOND')})`)],
  [['minute', 'minutes'], sparkMake(Y, MO, D, H, MI, '0')],
  [['hour', 'hours'], sparkMake(Y, MO, D, H, '0', '0')],
  [['day', 'days'], `CAST(CAST(${SPARK_TS} AS DATE) AS TIMESTAMP_NTZ)`],
  [['week', 'weeks'], `CAST(date_sub(CAST(${SPARK_TS} AS DATE), ${sparkField('DOW_ISO')} - 1) AS TIMESTAMP_NTZ)`],
  [['month', 'months'], sparkMake(Y, MO, '1', '0', '0', '0')],
  [['quarter', 'quarters'], sparkMake(Y, `(${sparkField('QUARTER')} - 1) * 3 + 1`, '1', '0', '0', '0')],
  [['year', 'years'], sparkMake(Y, '1', '1', '0', '0', '0')],
  [['decade', 'decades'], sparkMake(`${Y} div 10 * 10`, '1', '1', '0', '0', '0')],
  [['century', 'centuries'], sparkMake(`(${Y} - 1) div 100 * 100 + 1`, '1', '1', '0', '0', '0')],
  [['millennium', 'millennia'], sparkMake(`(${Y} - 1) div 1000 * 1000 + 1`, '1', '1', '0', '0', '0')],
] as const).map(([units, value]) => ` WHEN lower({0}) IN (${units.map((u) => `'${u}'`).join(', ')}) THEN ${value}`).join('')} ELSE raise_error(concat('unit "', {0}, '" not recognized for type timestamp without time zone')) END`;

// SQLite keeps an interval as JSON text {"months", "days", "micros"} (micros a string: exact past 2^53).
const SQLITE_MICROS = "CAST(json_extract({0}, '$.micros') AS INTEGER)";

/** A field of an interval (EXTRACT(field FROM interval)), as PostgreSQL counts it from months, days and microseconds. */
const intervalPart = (name: string, returns: DataType, duckdb: string, sqlite: string, postgres: string): FunctionDef =>
  scalar(name, [{ args: ['interval'], returns }], { default: tpl(duckdb), sqlite: tpl(sqlite), postgres: tpl(postgres), spark: SPARK_NO_INTERVALS }, relc(name));

export const DATETIME_FUNCTIONS: readonly FunctionDef[] = [
  // Date parts (EXTRACT / date_part): bigint results; SQLite reads its 'YYYY-MM-DD…' text with strftime.
  // make_date(year, month, day): a field out of range is an error (years before 1 too: relc's
  // dates have no era).
  scalar('make_date', [{ args: ['integer', 'integer', 'integer'], returns: T.date }], {
    default: fn('make_date'),
    duckdb: tpl("CASE WHEN {0} < 1 THEN error('date field value out of range') ELSE make_date(CAST({0} AS BIGINT), CAST({1} AS BIGINT), CAST({2} AS BIGINT)) END"),
    sqlite: fn('relc_make_date'),
    postgres: tpl("CASE WHEN {0} < 1 THEN CAST(CAST('date field value out of range' AS TEXT) AS DATE) ELSE make_date({0}, {1}, {2}) END"),
    spark: tpl("CASE WHEN {0} < 1 THEN raise_error('date field value out of range') ELSE make_date(CAST({0} AS INT), CAST({1} AS INT), CAST({2} AS INT)) END"),
  }, relc('make_date')),
  // make_timestamp(year, month, day, hour, min, sec): seconds in [0, 60] rounded half-even to
  // microseconds (60 and 24:00:00 roll over, as on PostgreSQL); any field out of range is an error.
  scalar('make_timestamp', [{ args: ['int64', 'int64', 'int64', 'int64', 'int64', 'float64'], returns: T.timestamp }], {
    default: fn('relc_make_timestamp'),
    postgres: tpl("CASE WHEN {0} < 1 THEN CAST(CAST('date field value out of range' AS TEXT) AS TIMESTAMP) ELSE make_timestamp(CAST({0} AS INTEGER), CAST({1} AS INTEGER), CAST({2} AS INTEGER), CAST({3} AS INTEGER), CAST({4} AS INTEGER), {5}) END"),
    spark: no('Spark\'s make_timestamp_ntz rounds seconds half up and rejects 60 with a fraction'),
  }, relc('make_timestamp')),
  // age(a, b): a - b in years, months and days as PostgreSQL counts them (fields subtracted, a
  // negative field borrowing from the next: a month borrows the earlier timestamp's month length).
  scalar('age', [{ args: ['timestamp', 'timestamp'], returns: T.interval }], { default: fn('age'), sqlite: fn('relc_age'), spark: no('Spark has no age') }, relc('age')),
  datePart('extract_year', 'YEAR', "CAST(strftime('%Y', {0}) AS INTEGER)"),
  datePart('extract_quarter', 'QUARTER', "((CAST(strftime('%m', {0}) AS INTEGER) + 2) / 3)"),
  datePart('extract_month', 'MONTH', "CAST(strftime('%m', {0}) AS INTEGER)"),
  datePart('extract_day', 'DAY', "CAST(strftime('%d', {0}) AS INTEGER)"),
  datePart('extract_hour', 'HOUR', "CAST(strftime('%H', {0}) AS INTEGER)"),
  datePart('extract_minute', 'MINUTE', "CAST(strftime('%M', {0}) AS INTEGER)"),
  datePart('extract_second', 'SECOND', "CAST(strftime('%S', {0}) AS INTEGER)", 'floor(EXTRACT(SECOND FROM {0}))'), // whole seconds, as DuckDB
  datePart('extract_dow', 'DOW', "CAST(strftime('%w', {0}) AS INTEGER)", '(EXTRACT(DOW FROM {0}) - 1)'), // Sunday = 0 (Spark: 1)
  datePart('extract_doy', 'DOY', "CAST(strftime('%j', {0}) AS INTEGER)"),
  datePart('extract_isodow', 'ISODOW', "CAST(strftime('%u', {0}) AS INTEGER)", 'EXTRACT(DOW_ISO FROM {0})'), // Monday = 1 … Sunday = 7
  datePart('extract_week', 'WEEK', "CAST(strftime('%V', {0}) AS INTEGER)"), // ISO 8601 week, 1 … 53
  datePart('extract_isoyear', 'ISOYEAR', "CAST(strftime('%G', {0}) AS INTEGER)", 'EXTRACT(YEAROFWEEK FROM {0})'), // the year of the ISO week
  // The seconds field with its fraction, in microseconds (exact: PostgreSQL's numeric result is
  // whole). SQLite reads the digits of its 'YYYY-MM-DD HH:MM:SS.ffffff' text; a date is 0.
  { ...datePart('extract_microseconds', 'MICROSECONDS', ''), render: {
    default: tpl('EXTRACT(MICROSECONDS FROM {0})'),
    postgres: byType([{ args: ['date'], render: tpl('CAST(EXTRACT(MICROSECONDS FROM CAST({0} AS TIMESTAMP)) AS BIGINT)') }], tpl('CAST(EXTRACT(MICROSECONDS FROM {0}) AS BIGINT)')),
    sqlite: byType([{ args: ['date'], render: tpl('CASE WHEN {0} IS NULL THEN NULL ELSE 0 END') }], tpl('(CAST(substr({0}, 18, 2) AS INTEGER) * 1000000 + CAST(substr({0}, 21, 6) AS INTEGER))')),
    spark: sparkTimestamp('(EXTRACT(SECOND FROM {0}) * 1000000)'),
  }, substrait: relc('extract_microseconds') },
  // Whole seconds since 1970-01-01 00:00:00 (timestamps without time zone), floored.
  { ...datePart('extract_epoch', 'EPOCH', "CAST(strftime('%s', {0}) AS INTEGER)"), render: {
    default: tpl('CAST(floor(EXTRACT(EPOCH FROM {0})) AS BIGINT)'),
    postgres: byType([{ args: ['date'], render: tpl('CAST(floor(EXTRACT(EPOCH FROM CAST({0} AS TIMESTAMP))) AS BIGINT)') }], tpl('CAST(floor(EXTRACT(EPOCH FROM {0})) AS BIGINT)')),
    sqlite: tpl("CAST(strftime('%s', {0}) AS INTEGER)"),
    spark: sparkTimestamp(SPARK_EPOCH),
  } },
  // Interval fields: years = months / 12 and months = months % 12, days, then hours, minutes and
  // seconds of the microseconds, each toward zero (a negative interval has negative fields).
  // Seconds (with the fraction) and the epoch (a year is 365.25 days, a month 30) are exact
  // decimals, as PostgreSQL's numeric results.
  intervalPart('extract_interval_year', T.int64, 'EXTRACT(YEAR FROM {0})', "(json_extract({0}, '$.months') / 12)", 'CAST(EXTRACT(YEAR FROM {0}) AS BIGINT)'),
  intervalPart('extract_interval_month', T.int64, 'EXTRACT(MONTH FROM {0})', "(json_extract({0}, '$.months') % 12)", 'CAST(EXTRACT(MONTH FROM {0}) AS BIGINT)'),
  intervalPart('extract_interval_day', T.int64, 'EXTRACT(DAY FROM {0})', "json_extract({0}, '$.days')", 'CAST(EXTRACT(DAY FROM {0}) AS BIGINT)'),
  intervalPart('extract_interval_hour', T.int64, 'EXTRACT(HOUR FROM {0})', `(${SQLITE_MICROS} / 3600000000)`, 'CAST(EXTRACT(HOUR FROM {0}) AS BIGINT)'),
  intervalPart('extract_interval_minute', T.int64, 'EXTRACT(MINUTE FROM {0})', `(${SQLITE_MICROS} / 60000000 % 60)`, 'CAST(EXTRACT(MINUTE FROM {0}) AS BIGINT)'),
  intervalPart('extract_interval_microseconds', T.int64, 'EXTRACT(MICROSECONDS FROM {0})', `(${SQLITE_MICROS} % 60000000)`, 'CAST(EXTRACT(MICROSECONDS FROM {0}) AS BIGINT)'),
  intervalPart('extract_interval_second', T.decimal(8, 6), 'CAST(CAST(EXTRACT(MICROSECONDS FROM {0}) AS DECIMAL(18, 0)) * CAST(0.000001 AS DECIMAL(7, 6)) AS DECIMAL(8, 6))', `((${SQLITE_MICROS} % 60000000) / 1000000.0)`, 'CAST(EXTRACT(SECOND FROM {0}) AS NUMERIC(8, 6))'),
  intervalPart('extract_interval_epoch', T.decimal(38, 6), 'CAST(relc_interval_epoch({0}) AS DECIMAL(38, 6))', 'relc_interval_epoch({0})', 'CAST(EXTRACT(EPOCH FROM {0}) AS NUMERIC(38, 6))'),
  // make_interval(years, months, weeks, days, hours, mins, secs) (the SQL front end fills omitted
  // trailing arguments with 0; PostgreSQL's named-argument form is not parsed).
  scalar('make_interval', [{ args: ['int64', 'int64', 'int64', 'int64', 'int64', 'int64', 'float64'], returns: T.interval }], {
    default: fn('relc_make_interval'),
    spark: SPARK_NO_INTERVALS,
    postgres: tpl('make_interval(CAST({0} AS INTEGER), CAST({1} AS INTEGER), CAST({2} AS INTEGER), CAST({3} AS INTEGER), CAST({4} AS INTEGER), CAST({5} AS INTEGER), {6})'),
  }, relc('make_interval')),
  // justify_days (30 days → a month), justify_hours (24 hours → a day), justify_interval (both,
  // every field given one sign): src/ir/interval.ts.
  ...(['justify_days', 'justify_hours', 'justify_interval'] as const).map((name) =>
    scalar(name, [{ args: ['interval'], returns: T.interval }], { default: fn(`relc_${name}`), postgres: fn(name), spark: SPARK_NO_INTERVALS }, relc(name))),
  // isfinite: relc's dates, timestamps and intervals are always finite (it reads no infinities).
  scalar('isfinite', [{ args: ['temporal'], returns: T.bool }, { args: ['interval'], returns: T.bool }], { default: tpl('CASE WHEN {0} IS NOT NULL THEN TRUE END'), postgres: fn('isfinite') }, relc('isfinite')),
  // date_bin(stride, t, origin): the start of t's bin; a stride with months, or not positive, is an error.
  scalar('date_bin', [{ args: ['interval', 'timestamp', 'timestamp'], returns: T.timestamp }], { default: fn('relc_date_bin'), postgres: fn('date_bin'), spark: SPARK_NO_INTERVALS }, relc('date_bin')),
  // to_timestamp(epoch seconds): a timestamp (PostgreSQL's timestamptz read in UTC), rounded
  // half-even to microseconds; NaN and values outside years 1–9999 are errors (PostgreSQL: BC
  // years and infinities, which relc cannot hold; the guard needs the argument twice).
  scalar('to_timestamp', [{ args: ['float64'], returns: T.timestamp }], {
    default: fn('relc_to_timestamp'),
    spark: no('to_timestamp of epoch seconds is not expressed on Spark'),
    postgres: byType([
      // (PostgreSQL orders NaN above every number: it is left to to_timestamp's own error.)
      { simpleArgs: true, render: tpl("CASE WHEN {0} < -62135596800 OR ({0} >= 253402300800 AND {0} <> CAST('NaN' AS DOUBLE PRECISION)) THEN CAST(CAST('timestamp out of range' AS TEXT) AS TIMESTAMP) ELSE to_timestamp({0}) AT TIME ZONE 'UTC' END") },
    ], tpl("(to_timestamp({0}) AT TIME ZONE 'UTC')")),
  }, relc('to_timestamp')),
  // date_trunc('month', x) → timestamp. PostgreSQL would read a date as timestamptz; DuckDB may return a date.
  // date_trunc('hour', interval) → interval: the fields below the unit zeroed (src/ir/interval.ts truncInterval).
  scalar('date_trunc', [{ args: ['string', 'temporal'], returns: T.timestamp }, { args: ['string', 'interval'], returns: T.interval }], {
    default: fn('date_trunc'),
    duckdb: byType([{ args: ['string', 'interval'], render: fn('relc_interval_trunc') }], fn('relc_date_trunc')), // a timestamp; century/millennium as PostgreSQL
    postgres: byType([{ args: ['string', 'date'], render: tpl('date_trunc({0}, CAST({1} AS TIMESTAMP))') }], fn('date_trunc')),
    sqlite: byType([{ args: ['string', 'interval'], render: fn('relc_interval_trunc') }], fn('relc_date_trunc')),
    spark: byType([{ args: ['string', 'interval'], render: no('intervals are not expressed on Spark') }], tpl(SPARK_DATE_TRUNC)),
  }, relc('date_trunc')),
];
