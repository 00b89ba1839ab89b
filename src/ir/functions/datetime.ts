// Date and time functions. PostgreSQL semantics on every dialect (src/ir/registry.ts).

import { T } from '../types.ts';
import type { FunctionDef } from './def.ts';
import { fn, tpl, byType, no, scalar, relc, datePart, sparkTimestamp } from './build.ts';

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
  // date_trunc('month', x) → timestamp. PostgreSQL would read a date as timestamptz; DuckDB may return a date.
  scalar('date_trunc', [{ args: ['string', 'temporal'], returns: T.timestamp }], {
    default: fn('date_trunc'),
    duckdb: fn('relc_date_trunc'), // a timestamp; century/millennium as PostgreSQL
    postgres: byType([{ args: ['string', 'date'], render: tpl('date_trunc({0}, CAST({1} AS TIMESTAMP))') }], fn('date_trunc')),
    sqlite: fn('relc_date_trunc'),
    spark: tpl(SPARK_DATE_TRUNC),
  }, relc('date_trunc')),
];
