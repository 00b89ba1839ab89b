// Cast rules per dialect: how CAST(x AS t) prints so that every engine gives PostgreSQL's result.
// Keys are `from->to` IR type kinds (`*` matches any); a missing key prints a plain CAST. In the
// templates `{0}` is the operand, `{T}` the target type name, `{p}`/`{s}` the target decimal's
// precision/scale and `{fs}` the source decimal's scale. relc_* names are registered functions
// (src/backends/sqlite/functions.ts, src/backends/duckdb/functions.ts).

import { PRECEDENCE, type Render } from '../../ir/index.ts';

/** A cast from one IR type kind to another: key `from->to` (either side may be `*`). */
export type CastTable = Readonly<Record<string, Render>>;

const tpl = (template: string, precedence?: number): Render => (precedence === undefined ? { kind: 'template', template } : { kind: 'template', template, precedence });
const no = (reason: string): Render => ({ kind: 'unsupported', reason });

// PostgreSQL accepts `bool -> int4` only; other numeric targets go through it.
export const POSTGRES_CASTS: CastTable = {
  'int64->bool': tpl('{0} <> 0', PRECEDENCE.compare),
  'bool->int64': tpl('CAST(CAST({0} AS INTEGER) AS BIGINT)'),
  'bool->float64': tpl('CAST(CAST({0} AS INTEGER) AS DOUBLE PRECISION)'),
  'bool->decimal': tpl('CAST(CAST({0} AS INTEGER) AS {T})'),
};

export const DUCKDB_CASTS: CastTable = {
  // DuckDB reads '12.5' and '1e3' as integers (rounding); PostgreSQL rejects them.
  'utf8->int32': tpl('CAST(relc_int_text({0}) AS INTEGER)'),
  'utf8->int64': tpl('CAST(relc_int_text({0}) AS BIGINT)'),
  // DuckDB rejects 'on', 'off', 'ye', … which PostgreSQL's boolin accepts.
  'utf8->bool': tpl('relc_bool_text({0})'),
  // DuckDB reads time zones and rejects surrounding white space; relc reads one grammar (src/ir/temporal.ts).
  'utf8->date': tpl('relc_text_to_date({0})'),
  'utf8->timestamp': tpl('relc_text_to_timestamp({0})'),
  // DuckDB prints 1.0 as '1.0', NaN as 'nan'; PostgreSQL as '1' and 'NaN'.
  'float64->utf8': tpl('relc_float_text({0})'),
  // DuckDB prints a DECIMAL(s, s) without its integer digit ('.3', '-.050'); widened, '0.3'.
  'decimal->utf8': tpl('CAST(CAST({0} AS DECIMAL(38, {fs})) AS VARCHAR)'),
  // bytea's text is PostgreSQL's hex output ('\x' and lowercase digits); DuckDB prints \xHH escapes.
  'binary->utf8': tpl("'\\x' || lower(hex({0}))", PRECEDENCE.concat),
  // Text forms of blobs and intervals differ from PostgreSQL's.
  'utf8->binary': no('text to binary differs from PostgreSQL on DuckDB'),
  'interval->utf8': no('interval text differs from PostgreSQL on DuckDB'),
  'utf8->interval': no('text to interval is not supported on DuckDB'),
};

// SQLite's CAST never fails ('abc' → 0) and truncates reals; the registered functions follow
// PostgreSQL (round half to even for float → int, half away from zero for numeric, errors on bad text).
export const SQLITE_CASTS: CastTable = {
  'bool->int32': tpl('{0}'),
  'bool->int64': tpl('{0}'),
  'bool->float64': tpl('CAST({0} AS REAL)'),
  'bool->decimal': tpl('CAST({0} AS REAL)'),
  'bool->utf8': tpl("CASE {0} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END"),
  'int32->bool': tpl('{0} <> 0', PRECEDENCE.compare),
  'int64->bool': tpl('{0} <> 0', PRECEDENCE.compare),
  'int32->int64': tpl('{0}'),
  'int64->int32': tpl('relc_int_range({0}, 32)'),
  'int32->float64': tpl('CAST({0} AS REAL)'),
  'int64->float64': tpl('CAST({0} AS REAL)'),
  'int32->decimal': tpl('CAST({0} AS REAL)'),
  'int64->decimal': tpl('CAST({0} AS REAL)'),
  'float64->int32': tpl('relc_float_to_int({0}, 32)'),
  'float64->int64': tpl('relc_float_to_int({0}, 64)'),
  'decimal->int32': tpl('relc_decimal_to_int({0}, 32)'),
  'decimal->int64': tpl('relc_decimal_to_int({0}, 64)'),
  'float64->decimal': tpl('relc_round_digits({0}, {s})'),
  'decimal->decimal': tpl('relc_round_digits({0}, {s})'),
  'decimal->float64': tpl('CAST({0} AS REAL)'), // also the exact TEXT of an int64 sum past 2^63
  'int32->utf8': tpl('CAST({0} AS TEXT)'),
  'int64->utf8': tpl('CAST({0} AS TEXT)'),
  'float64->utf8': tpl('relc_float_text({0})'),
  'decimal->utf8': tpl('relc_decimal_text({0}, {fs})'),
  'date->utf8': tpl('{0}'),
  // Stored as 'YYYY-MM-DD HH:MM:SS.ffffff'; PostgreSQL prints no trailing fraction zeros.
  'timestamp->utf8': tpl("rtrim(rtrim({0}, '0'), '.')"),
  'utf8->int32': tpl('relc_text_to_int({0}, 32)'),
  'utf8->int64': tpl('relc_text_to_int({0}, 64)'),
  'utf8->float64': tpl('relc_text_to_float({0})'),
  'utf8->decimal': tpl('relc_round_digits(relc_text_to_float({0}), {s})'),
  'utf8->bool': tpl('relc_text_to_bool({0})'),
  'utf8->date': tpl('relc_text_to_date({0})'),
  'utf8->timestamp': tpl('relc_text_to_timestamp({0})'),
  'date->timestamp': tpl("{0} || ' 00:00:00.000000'", PRECEDENCE.concat),
  'timestamp->date': tpl('substr({0}, 1, 10)'),
  '*->interval': no('SQLite has no interval type'),
  'interval->*': no('SQLite has no interval type'),
  // bytea's text is PostgreSQL's hex output (hex(NULL) is '' on SQLite).
  'binary->utf8': tpl("CASE WHEN {0} IS NOT NULL THEN '\\x' || lower(hex({0})) END"),
  '*->binary': no('casts to binary are not supported on SQLite'),
  'binary->*': no('casts from binary are not supported on SQLite'),
};

// Spark SQL in ANSI mode (its default): a cast that overflows or reads bad text raises, as on
// PostgreSQL; a double or decimal cast to an integer truncates (PostgreSQL rounds: half to even
// for doubles, bround; half away from zero for numerics, Spark's round is HALF_UP), text casts
// accept other forms than PostgreSQL's (https://spark.apache.org/docs/latest/sql-ref-ansi-compliance.html#cast).
export const SPARK_CASTS: CastTable = {
  'float64->int32': tpl('CAST(bround({0}, 0) AS INT)'),
  'float64->int64': tpl('CAST(bround({0}, 0) AS BIGINT)'),
  'decimal->int32': tpl('CAST(round({0}, 0) AS INT)'),
  'decimal->int64': tpl('CAST(round({0}, 0) AS BIGINT)'),
  // Spark prints 1.0 as '1.0' and 1e20 as '1.0E20'; PostgreSQL as '1' and '1e+20'.
  'float64->utf8': no('double to text differs from PostgreSQL on Spark'),
  // Text to integer is PostgreSQL's there (ANSI: blanks trimmed, a sign, digits; '1.5', '1e3', ''
  // raise). Not so text to boolean: Spark rejects 'on', 'off' and prefixes PostgreSQL's boolin reads.
  'utf8->bool': no('text to boolean accepts other forms than PostgreSQL on Spark'),
  'utf8->date': no('text to date accepts other forms than PostgreSQL on Spark (\'2020\', \'2020-1\')'),
  'utf8->timestamp': no('text to timestamp accepts other forms than PostgreSQL on Spark'),
  'binary->utf8': no('binary to text differs from PostgreSQL on Spark'),
  'utf8->binary': no('text to binary differs from PostgreSQL on Spark'),
  '*->interval': no('relc does not print intervals as a Spark type'),
  'interval->*': no('relc does not print intervals as a Spark type'),
};
