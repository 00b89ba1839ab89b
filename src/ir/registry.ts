// The function registry: ONE data table of every scalar, aggregate and window function relc
// knows — signatures, result type, null behaviour, determinism, per-dialect rendering and the
// Substrait extension it maps to. Backend capabilities derive from it; nothing else in relc
// special-cases a function by dialect.

import { asDecimal, commonSuperType, isInteger, isNumeric, T, type DataType, type TypeKind } from './types.ts';
import { RelcError } from './errors.ts';

export type Dialect = 'duckdb' | 'sqlite' | 'postgres';
export const DIALECTS: readonly Dialect[] = ['duckdb', 'sqlite', 'postgres'];

/**
 * How a call prints in SQL. Placeholders `{0}`, `{1}`… in templates stand for the printed
 * arguments (already parenthesized as needed); `{*}` for all of them comma-separated. Template
 * text is static dialect data: user values never reach it.
 */
export type Render =
  | { readonly kind: 'infix'; readonly op: string; readonly precedence: number } // a op b op c
  | { readonly kind: 'prefix'; readonly op: string; readonly precedence: number } // op a
  | { readonly kind: 'fn'; readonly name: string } // name(a, b, …)
  | { readonly kind: 'template'; readonly template: string; readonly precedence?: number } // no precedence: function-like (an atom; arguments inserted as is); else operator-like (arguments at or below it are parenthesized)
  | { readonly kind: 'by_type'; readonly cases: readonly RenderCase[]; readonly default: Render } // first case whose types match wins
  | { readonly kind: 'cast_result'; readonly render: Render } // CAST(<render> AS <the call's IR type>): the engine's own result type differs
  | { readonly kind: 'unsupported'; readonly reason: string }; // → BACKEND_UNSUPPORTED

/** A type-dependent choice of rendering: argument patterns (all given must match) and/or the result type. */
export interface RenderCase {
  readonly args?: readonly ArgPattern[];
  readonly result?: ArgPattern;
  /** Only when every argument prints as a column or a literal: a template may repeat them at no cost. */
  readonly simpleArgs?: boolean;
  readonly render: Render;
}

/** An argument pattern: a type kind, or a family. */
export type ArgPattern = TypeKind | 'any' | 'numeric' | 'integer' | 'string' | 'temporal' | 'comparable';

/**
 * Result type rules. A DataType is returned as is; the named rules compute from the
 * (already coerced) argument types.
 */
export type ReturnRule =
  | DataType
  | 'arg0' // the first argument's type
  | 'common' // the common super type of all arguments
  | 'arith' // numeric arithmetic: common type; decimal precision/scale per PostgreSQL-like rules
  | 'multiply' // decimal(p1+p2, s1+s2)
  | 'divide' // integers truncate (int); decimals → float64 (DuckDB-compatible); float64 stays
  | 'sum' // int32 → int64, int64 → decimal(38,0), decimal(p,s) → decimal(38,s), float64
  | 'avg'; // float64 for every input (decimal averages are approximated)

export interface Signature {
  readonly args: readonly ArgPattern[];
  readonly variadic?: ArgPattern; // repeated after `args`
  readonly returns: ReturnRule;
}

/**
 * propagate: NULL in any argument gives NULL; result nullable iff an argument is.
 * never: the result is never NULL (count).
 * always: the result may be NULL whatever the arguments (sum over no rows, division by zero, nullif).
 * all: NULL only when every argument is NULL (coalesce).
 * logical: three-valued and/or: nullable iff an argument is.
 */
export type NullBehavior = 'propagate' | 'never' | 'always' | 'all' | 'logical';

export interface SubstraitFunction {
  /** Standard extension file stem, e.g. 'functions_arithmetic', or 'relc' for relc's own extension. */
  readonly extension: string;
  /** Function name in that extension (compound signature derived from argument types). */
  readonly name: string;
}

export interface FunctionDef {
  readonly name: string;
  readonly kind: 'scalar' | 'aggregate' | 'window';
  readonly signatures: readonly Signature[];
  readonly nulls: NullBehavior;
  readonly deterministic: boolean;
  /** `default` applies to every dialect without its own entry. */
  readonly render: { readonly default: Render } & Partial<Record<Dialect, Render>>;
  readonly substrait: SubstraitFunction;
}

const infix = (op: string, precedence: number): Render => ({ kind: 'infix', op, precedence });
const fn = (name: string): Render => ({ kind: 'fn', name });
const tpl = (template: string, precedence?: number): Render => (precedence === undefined ? { kind: 'template', template } : { kind: 'template', template, precedence });
const byType = (cases: readonly RenderCase[], otherwise: Render): Render => ({ kind: 'by_type', cases, default: otherwise });
const castResult = (render: Render): Render => ({ kind: 'cast_result', render });
const no = (reason: string): Render => ({ kind: 'unsupported', reason });
// SQLite keeps intervals as JSON text: comparing or ordering that text is not interval order.
const noIntervals = (r: Render, arity = 2): Render => byType([{ args: Array<ArgPattern>(arity).fill('interval'), render: no('SQLite has no interval type to compare') }], r);
// Math functions computed in double precision: PostgreSQL would pick its numeric overload for numeric arguments.
const pgFloat = (name: string, arity: 1 | 2): Render => tpl(`${name}(${['{0}', '{1}'].slice(0, arity).map((a) => `CAST(${a} AS DOUBLE PRECISION)`).join(', ')})`);
// SQLite computes integers in 64 bits and turns an int64 overflow into a REAL (an int32 one goes
// unnoticed): integer results are checked, raising PostgreSQL's "integer out of range" / "bigint
// out of range" (src/backends/sqlite/functions.ts). Over columns and literals the check is inline
// SQL repeating the operation (an int32 result out of range, an int64 one turned REAL: ~3× cheaper
// than a JS call per row); over other expressions, which must be evaluated once, a checked shim
// (relc_add_i32 …). Other numeric types stay native.
// relc_sum_i64 returns a sum past int64 as exact TEXT, which SQLite would order after every number:
// a decimal compared on SQLite goes through CAST(… AS NUMERIC) (a no-op on numbers), whose affinity
// also makes the other side compare numerically.
const sqliteDecimalCmp = (op: string, precedence: number = PRECEDENCE.compare): RenderCase[] => [
  { args: ['decimal', 'any'], render: tpl(`CAST({0} AS NUMERIC) ${op} {1}`, precedence) },
  { args: ['any', 'decimal'], render: tpl(`{0} ${op} CAST({1} AS NUMERIC)`, precedence) },
];
const sqliteChecked = (op: string, native: string, int64Overflow = `typeof(${native}) = 'real'`): RenderCase[] => [
  { result: 'int32', simpleArgs: true, render: tpl(`CASE WHEN ${native} NOT BETWEEN -2147483648 AND 2147483647 THEN relc_out_of_range({0}, 32) ELSE ${native} END`) },
  { result: 'int64', simpleArgs: true, render: tpl(`CASE WHEN ${int64Overflow} THEN relc_out_of_range({0}, 64) ELSE ${native} END`) },
  { result: 'int32', render: fn(`relc_${op}_i32`) },
  { result: 'int64', render: fn(`relc_${op}_i64`) },
];

// Operator precedences used by the printers (higher binds tighter), PostgreSQL order.
export const PRECEDENCE = { or: 1, and: 2, not: 3, is: 4, compare: 5, like: 6, in: 6, between: 6, concat: 7, add: 8, multiply: 9, unary: 10, atom: 11 } as const;

const NUM: Signature[] = [{ args: ['numeric', 'numeric'], returns: 'arith' }];
const CMP: Signature[] = [{ args: ['comparable', 'comparable'], returns: T.bool }];
const cmp = (name: string, op: string, substrait: string): FunctionDef => ({
  name, kind: 'scalar', signatures: CMP, nulls: 'propagate', deterministic: true,
  render: { default: infix(op, PRECEDENCE.compare), sqlite: noIntervals(byType(sqliteDecimalCmp(op), infix(op, PRECEDENCE.compare))) },
  substrait: { extension: 'functions_comparison', name: substrait },
});
const scalar = (name: string, signatures: Signature[], render: FunctionDef['render'], substrait: SubstraitFunction, nulls: NullBehavior = 'propagate'): FunctionDef => ({
  name, kind: 'scalar', signatures, nulls, deterministic: true, render, substrait,
});
const agg = (name: string, signatures: Signature[], nulls: NullBehavior, substrait: SubstraitFunction): FunctionDef => ({
  name, kind: 'aggregate', signatures, nulls, deterministic: true, render: { default: fn(name) }, substrait,
});
const arith = (name: string): SubstraitFunction => ({ extension: 'functions_arithmetic', name });
const str = (name: string): SubstraitFunction => ({ extension: 'functions_string', name });
const relc = (name: string): SubstraitFunction => ({ extension: 'relc', name });
const win = (name: string, signatures: Signature[], nulls: NullBehavior): FunctionDef => ({
  name, kind: 'window', signatures, nulls, deterministic: true, render: { default: fn(name) }, substrait: arith(name),
});
// EXTRACT(<field> FROM x) as bigint: PostgreSQL's EXTRACT yields numeric (with fractional seconds), so it is cast.
const datePart = (name: string, field: string, sqlite: string): FunctionDef => ({
  name, kind: 'scalar', signatures: [{ args: ['temporal'], returns: T.int64 }], nulls: 'propagate', deterministic: true,
  render: {
    default: tpl(`EXTRACT(${field} FROM {0})`),
    postgres: byType([{ args: ['date'], render: tpl(`CAST(floor(EXTRACT(${field} FROM CAST({0} AS TIMESTAMP))) AS BIGINT)`) }], tpl(`CAST(floor(EXTRACT(${field} FROM {0})) AS BIGINT)`)),
    sqlite: tpl(sqlite),
  },
  substrait: { extension: 'functions_datetime', name: 'extract' },
});

const DEFS: readonly FunctionDef[] = [
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
  { name: 'is_distinct_from', kind: 'scalar', signatures: CMP, nulls: 'never', deterministic: true, render: { default: infix('IS DISTINCT FROM', PRECEDENCE.is), sqlite: noIntervals(byType(sqliteDecimalCmp('IS NOT', PRECEDENCE.is), infix('IS NOT', PRECEDENCE.is))) }, substrait: { extension: 'functions_comparison', name: 'is_distinct_from' } },
  { name: 'is_not_distinct_from', kind: 'scalar', signatures: CMP, nulls: 'never', deterministic: true, render: { default: infix('IS NOT DISTINCT FROM', PRECEDENCE.is), sqlite: noIntervals(byType(sqliteDecimalCmp('IS', PRECEDENCE.is), infix('IS', PRECEDENCE.is))) }, substrait: { extension: 'functions_comparison', name: 'is_not_distinct_from' } },

  // Arithmetic. PostgreSQL semantics: integer division truncates toward zero.
  scalar('add', [...NUM, { args: ['date', 'integer'], returns: T.date }, { args: ['date', 'interval'], returns: T.timestamp }, { args: ['timestamp', 'interval'], returns: T.timestamp }, { args: ['interval', 'interval'], returns: T.interval }], {
    default: infix('+', PRECEDENCE.add),
    // SQLite keeps dates as 'YYYY-MM-DD' text and timestamps as 'YYYY-MM-DD HH:MM:SS.ffffff' text.
    sqlite: byType([
      { args: ['date', 'integer'], render: tpl('date(julianday({0}) + {1})') },
      { args: ['temporal', 'interval'], render: fn('relc_ts_add') },
      { args: ['interval', 'interval'], render: no('SQLite has no interval type') },
      ...sqliteChecked('add', '{0} + {1}'),
    ], infix('+', PRECEDENCE.add)),
  }, arith('add')),
  scalar('subtract', [...NUM, { args: ['date', 'integer'], returns: T.date }, { args: ['date', 'date'], returns: T.int32 }, { args: ['date', 'interval'], returns: T.timestamp }, { args: ['timestamp', 'interval'], returns: T.timestamp }, { args: ['timestamp', 'timestamp'], returns: T.interval }], {
    default: infix('-', PRECEDENCE.add),
    duckdb: byType([{ args: ['date', 'date'], render: castResult(infix('-', PRECEDENCE.add)) }], infix('-', PRECEDENCE.add)), // DuckDB: bigint days
    sqlite: byType([
      { args: ['date', 'integer'], render: tpl('date(julianday({0}) - {1})') },
      { args: ['date', 'date'], render: tpl('CAST(julianday({0}) - julianday({1}) AS INTEGER)') },
      { args: ['temporal', 'interval'], render: fn('relc_ts_sub') },
      { args: ['timestamp', 'timestamp'], render: fn('relc_ts_diff') },
      ...sqliteChecked('sub', '{0} - {1}'),
    ], infix('-', PRECEDENCE.add)),
  }, arith('subtract')),
  scalar('multiply', [{ args: ['numeric', 'numeric'], returns: 'multiply' }], { default: infix('*', PRECEDENCE.multiply), sqlite: byType(sqliteChecked('mul', '{0} * {1}'), infix('*', PRECEDENCE.multiply)) }, arith('multiply')),
  // x / 0 and x % 0 are NULL on every backend (DuckDB and SQLite already; PostgreSQL raises, hence NULLIF).
  // DuckDB's `/` on integers yields a double: `//` truncates toward zero like PostgreSQL's `/`.
  // Decimal division is double division (the IR's result type), so PostgreSQL divides doubles too.
  scalar('divide', [{ args: ['numeric', 'numeric'], returns: 'divide' }], {
    default: infix('/', PRECEDENCE.multiply),
    // (DuckDB's double division by zero gives ±inf/NaN, hence NULLIF there too.)
    duckdb: byType([{ result: 'integer', render: tpl('{0} // {1}', PRECEDENCE.multiply) }], tpl('{0} / NULLIF({1}, 0)', PRECEDENCE.multiply)),
    postgres: byType([
      { args: ['decimal', 'numeric'], render: tpl('CAST({0} AS DOUBLE PRECISION) / NULLIF(CAST({1} AS DOUBLE PRECISION), 0)', PRECEDENCE.multiply) },
      { args: ['numeric', 'decimal'], render: tpl('CAST({0} AS DOUBLE PRECISION) / NULLIF(CAST({1} AS DOUBLE PRECISION), 0)', PRECEDENCE.multiply) },
    ], tpl('{0} / NULLIF({1}, 0)', PRECEDENCE.multiply)),
    sqlite: byType(sqliteChecked('div', '{0} / {1}'), infix('/', PRECEDENCE.multiply)), // INT_MIN / -1
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
  }, arith('modulus'), 'always'),
  scalar('negate', [{ args: ['numeric'], returns: 'arg0' }, { args: ['interval'], returns: T.interval }], { default: { kind: 'prefix', op: '-', precedence: PRECEDENCE.unary }, sqlite: byType([{ args: ['interval'], render: no('SQLite has no interval type') }, ...sqliteChecked('neg', '- {0}')], { kind: 'prefix', op: '-', precedence: PRECEDENCE.unary }) }, arith('negate')),
  scalar('abs', [{ args: ['numeric'], returns: 'arg0' }], { default: fn('abs'), sqlite: byType(sqliteChecked('abs', 'abs({0})', '{0} = -9223372036854775808'), fn('abs')) }, arith('abs')),
  // PostgreSQL: round(numeric) breaks ties away from zero, round(double) to even (rint); round(x, n)
  // exists for numeric only, so doubles round through numeric. Integers are already round.
  scalar('round', [{ args: ['numeric'], returns: 'arg0' }, { args: ['numeric', 'integer'], returns: 'arg0' }], {
    default: fn('round'),
    postgres: byType([
      { args: ['integer'], render: tpl('{0}') },
      { args: ['float64', 'integer'], render: castResult(tpl('round(CAST({0} AS NUMERIC), {1})')) },
      { args: ['integer', 'integer'], render: castResult(tpl('round(CAST({0} AS NUMERIC), {1})')) },
    ], fn('round')),
    duckdb: byType([{ args: ['integer'], render: tpl('{0}') }, { args: ['float64'], render: tpl('round_even({0}, 0)') }], fn('round')),
    sqlite: byType([
      { args: ['integer'], render: tpl('{0}') },
      { args: ['float64'], render: fn('relc_round_even') },
      { args: ['numeric', 'integer'], render: fn('relc_round_digits') },
    ], fn('round')),
  }, { extension: 'functions_rounding', name: 'round' }),
  scalar('floor', [{ args: ['numeric'], returns: 'arg0' }], { default: byType([{ args: ['integer'], render: tpl('{0}') }], fn('floor')) }, { extension: 'functions_rounding', name: 'floor' }),
  scalar('ceil', [{ args: ['numeric'], returns: 'arg0' }], { default: byType([{ args: ['integer'], render: tpl('{0}') }], fn('ceil')) }, { extension: 'functions_rounding', name: 'ceil' }),
  scalar('sign', [{ args: ['numeric'], returns: 'arg0' }], { default: castResult(fn('sign')) }, arith('sign')),
  // Domain errors (sqrt(-1), ln(0)) raise on PostgreSQL and DuckDB; SQLite returns NULL.
  scalar('sqrt', [{ args: ['numeric'], returns: T.float64 }], { default: fn('sqrt'), postgres: pgFloat('sqrt', 1) }, arith('sqrt'), 'always'),
  scalar('power', [{ args: ['numeric', 'numeric'], returns: T.float64 }], { default: fn('power'), postgres: pgFloat('power', 2) }, arith('power')),
  scalar('ln', [{ args: ['numeric'], returns: T.float64 }], { default: fn('ln'), postgres: pgFloat('ln', 1) }, { extension: 'functions_logarithmic', name: 'ln' }, 'always'),
  scalar('exp', [{ args: ['numeric'], returns: T.float64 }], { default: fn('exp'), postgres: pgFloat('exp', 1) }, arith('exp')),

  // Strings. `||` with NULL is NULL on every backend.
  scalar('concat', [{ args: ['string', 'string'], variadic: 'string', returns: T.utf8 }], { default: infix('||', PRECEDENCE.concat) }, str('concat')),
  // SQLite's lower/upper fold ASCII only.
  scalar('lower', [{ args: ['string'], returns: T.utf8 }], { default: fn('lower'), sqlite: fn('relc_lower') }, str('lower')),
  scalar('upper', [{ args: ['string'], returns: T.utf8 }], { default: fn('upper'), duckdb: fn('relc_upper'), sqlite: fn('relc_upper') }, str('upper')), // DuckDB: 'ß' → 'ẞ'
  scalar('char_length', [{ args: ['string'], returns: T.int64 }], { default: fn('length'), postgres: castResult(fn('length')) }, str('char_length')), // PostgreSQL: integer
  // PostgreSQL counts a start below 1 as positions before the string; DuckDB and SQLite count it from the end.
  scalar('substring', [{ args: ['string', 'integer'], returns: T.utf8 }, { args: ['string', 'integer', 'integer'], returns: T.utf8 }], {
    default: fn('substr'),
    duckdb: fn('relc_substring'),
    sqlite: fn('relc_substring'),
  }, str('substring')),
  scalar('left', [{ args: ['string', 'integer'], returns: T.utf8 }], { default: fn('left'), sqlite: fn('relc_left') }, str('left')),
  scalar('right', [{ args: ['string', 'integer'], returns: T.utf8 }], { default: fn('right'), sqlite: fn('relc_right') }, str('right')),
  // PostgreSQL pads with spaces by default and returns the string unchanged for an empty fill.
  scalar('lpad', [{ args: ['string', 'integer'], returns: T.utf8 }, { args: ['string', 'integer', 'string'], returns: T.utf8 }], { default: fn('lpad'), duckdb: fn('relc_lpad'), sqlite: fn('relc_lpad') }, str('lpad')),
  scalar('rpad', [{ args: ['string', 'integer'], returns: T.utf8 }, { args: ['string', 'integer', 'string'], returns: T.utf8 }], { default: fn('rpad'), duckdb: fn('relc_rpad'), sqlite: fn('relc_rpad') }, str('rpad')),
  scalar('starts_with', [{ args: ['string', 'string'], returns: T.bool }], { default: fn('starts_with'), sqlite: tpl('substr({0}, 1, length({1})) = {1}', PRECEDENCE.compare) }, str('starts_with')),
  scalar('replace', [{ args: ['string', 'string', 'string'], returns: T.utf8 }], { default: fn('replace') }, str('replace')),
  scalar('strpos', [{ args: ['string', 'string'], returns: T.int64 }], { default: fn('strpos'), sqlite: fn('instr'), postgres: castResult(fn('strpos')) }, str('strpos')),
  scalar('trim', [{ args: ['string'], returns: T.utf8 }, { args: ['string', 'string'], returns: T.utf8 }], { default: fn('trim'), postgres: fn('btrim') }, str('trim')),
  scalar('ltrim', [{ args: ['string'], returns: T.utf8 }, { args: ['string', 'string'], returns: T.utf8 }], { default: fn('ltrim') }, str('ltrim')),
  scalar('rtrim', [{ args: ['string'], returns: T.utf8 }, { args: ['string', 'string'], returns: T.utf8 }], { default: fn('rtrim') }, str('rtrim')),

  // Null handling.
  scalar('coalesce', [{ args: ['any'], variadic: 'any', returns: 'common' }], { default: fn('coalesce') }, { extension: 'functions_comparison', name: 'coalesce' }, 'all'),
  scalar('nullif', [{ args: ['comparable', 'comparable'], returns: 'arg0' }], { default: fn('nullif') }, { extension: 'functions_comparison', name: 'nullif' }, 'always'),
  // greatest/least skip NULLs (PostgreSQL, DuckDB); SQLite's multi-argument max/min return NULL instead.
  scalar('greatest', [{ args: ['comparable'], variadic: 'comparable', returns: 'common' }], { default: fn('greatest'), sqlite: fn('relc_greatest') }, { extension: 'functions_comparison', name: 'greatest_skip_null' }, 'all'),
  scalar('least', [{ args: ['comparable'], variadic: 'comparable', returns: 'common' }], { default: fn('least'), sqlite: fn('relc_least') }, { extension: 'functions_comparison', name: 'least_skip_null' }, 'all'),

  // Date parts (EXTRACT / date_part): bigint results; SQLite reads its 'YYYY-MM-DD…' text with strftime.
  datePart('extract_year', 'YEAR', "CAST(strftime('%Y', {0}) AS INTEGER)"),
  datePart('extract_quarter', 'QUARTER', "((CAST(strftime('%m', {0}) AS INTEGER) + 2) / 3)"),
  datePart('extract_month', 'MONTH', "CAST(strftime('%m', {0}) AS INTEGER)"),
  datePart('extract_day', 'DAY', "CAST(strftime('%d', {0}) AS INTEGER)"),
  datePart('extract_hour', 'HOUR', "CAST(strftime('%H', {0}) AS INTEGER)"),
  datePart('extract_minute', 'MINUTE', "CAST(strftime('%M', {0}) AS INTEGER)"),
  datePart('extract_second', 'SECOND', "CAST(strftime('%S', {0}) AS INTEGER)"), // whole seconds, as DuckDB
  datePart('extract_dow', 'DOW', "CAST(strftime('%w', {0}) AS INTEGER)"), // Sunday = 0
  datePart('extract_doy', 'DOY', "CAST(strftime('%j', {0}) AS INTEGER)"),
  // date_trunc('month', x) → timestamp. PostgreSQL would read a date as timestamptz; DuckDB may return a date.
  scalar('date_trunc', [{ args: ['string', 'temporal'], returns: T.timestamp }], {
    default: fn('date_trunc'),
    duckdb: fn('relc_date_trunc'), // a timestamp; century/millennium as PostgreSQL
    postgres: byType([{ args: ['string', 'date'], render: tpl('date_trunc({0}, CAST({1} AS TIMESTAMP))') }], fn('date_trunc')),
    sqlite: fn('relc_date_trunc'),
  }, relc('date_trunc')),

  // Unicode normalization to NFC (normalize rules' text columns).
  scalar('nfc_normalize', [{ args: ['string'], returns: T.utf8 }], { default: fn('nfc_normalize'), postgres: tpl('normalize({0}, NFC)'), sqlite: fn('relc_nfc_normalize') }, relc('nfc_normalize')),

  // Stable identifiers: lowercase hex of the first 16 bytes of SHA-256 over the arguments'
  // canonical text, each as 'v' || text (NULL as 'n'), joined by U+001F. Same value everywhere.
  // The SQL lowering expands it per argument type (src/lower/sql/lower-expr.ts, dialect `stableIdHash`); this render is not used there.
  scalar('stable_id', [{ args: ['any'], variadic: 'any', returns: T.utf8 }], { default: fn('relc_stable_id') }, relc('stable_id'), 'never'),

  // Aggregates.
  agg('count', [{ args: [], returns: T.int64 }, { args: ['any'], returns: T.int64 }], 'never', { extension: 'functions_aggregate_generic', name: 'count' }),
  // sum(int64) is decimal(38,0): DuckDB's HUGEINT is cast; SQLite's sum raises past 2^63, relc_sum_i64 sums exactly.
  { ...agg('sum', [{ args: ['numeric'], returns: 'sum' }], 'always', arith('sum')), render: { default: fn('sum'), duckdb: byType([{ args: ['integer'], render: castResult(fn('sum')) }], fn('sum')), sqlite: byType([{ args: ['int64'], render: fn('relc_sum_i64') }], fn('sum')) } },
  { ...agg('avg', [{ args: ['numeric'], returns: 'avg' }], 'always', arith('avg')), render: { default: fn('avg'), postgres: byType([{ args: ['float64'], render: fn('avg') }], castResult(fn('avg'))) } },
  { ...agg('min', [{ args: ['comparable'], returns: 'arg0' }], 'always', arith('min')), render: { default: fn('min'), sqlite: noIntervals(fn('min'), 1) } },
  { ...agg('max', [{ args: ['comparable'], returns: 'arg0' }], 'always', arith('max')), render: { default: fn('max'), sqlite: noIntervals(fn('max'), 1) } },

  // Window-only functions.
  { name: 'row_number', kind: 'window', signatures: [{ args: [], returns: T.int64 }], nulls: 'never', deterministic: true, render: { default: fn('row_number') }, substrait: { extension: 'functions_arithmetic', name: 'row_number' } },
  { name: 'rank', kind: 'window', signatures: [{ args: [], returns: T.int64 }], nulls: 'never', deterministic: true, render: { default: fn('rank') }, substrait: { extension: 'functions_arithmetic', name: 'rank' } },
  { name: 'dense_rank', kind: 'window', signatures: [{ args: [], returns: T.int64 }], nulls: 'never', deterministic: true, render: { default: fn('dense_rank') }, substrait: { extension: 'functions_arithmetic', name: 'dense_rank' } },
  win('percent_rank', [{ args: [], returns: T.float64 }], 'never'),
  win('cume_dist', [{ args: [], returns: T.float64 }], 'never'),
  { ...win('ntile', [{ args: ['integer'], returns: T.int64 }], 'never'), render: { default: fn('ntile'), postgres: castResult(fn('ntile')) } }, // PostgreSQL: integer
  win('lag', [{ args: ['any'], returns: 'arg0' }, { args: ['any', 'integer'], returns: 'arg0' }, { args: ['any', 'integer', 'any'], returns: 'arg0' }], 'always'),
  win('lead', [{ args: ['any'], returns: 'arg0' }, { args: ['any', 'integer'], returns: 'arg0' }, { args: ['any', 'integer', 'any'], returns: 'arg0' }], 'always'),
  win('first_value', [{ args: ['any'], returns: 'arg0' }], 'always'),
  win('last_value', [{ args: ['any'], returns: 'arg0' }], 'always'),
];

export const REGISTRY: ReadonlyMap<string, FunctionDef> = new Map(DEFS.map((d) => [d.name, d]));

export function lookupFunction(name: string): FunctionDef | undefined {
  return REGISTRY.get(name);
}

export function renderFor(def: FunctionDef, dialect: Dialect): Render {
  return def.render[dialect] ?? def.render.default;
}

/**
 * The rendering of one call: `by_type` choices resolved against its argument and result types,
 * and whether every argument prints as a column or a literal (`simpleArgs` cases).
 */
export function renderForCall(def: FunctionDef, dialect: Dialect, argTypes: readonly DataType[], result: DataType, simpleArgs = false): Render {
  let r = renderFor(def, dialect);
  while (r.kind === 'by_type') {
    const hit = r.cases.find((c) => (c.simpleArgs !== true || simpleArgs) && (c.result === undefined || matches(c.result, result)) && (c.args === undefined || (c.args.length === argTypes.length && c.args.every((p, i) => matches(p, argTypes[i]!)))));
    r = hit ? hit.render : r.default;
  }
  return r;
}

function matches(p: ArgPattern, t: DataType): boolean {
  if (t.kind === 'null') return true;
  switch (p) {
    case 'any':
      return true;
    case 'numeric':
      return isNumeric(t);
    case 'integer':
      return isInteger(t);
    case 'string':
      return t.kind === 'utf8';
    case 'temporal':
      return t.kind === 'date' || t.kind === 'timestamp';
    case 'comparable':
      return t.kind !== 'list' && t.kind !== 'struct';
    default:
      return t.kind === p;
  }
}

/** Whether the argument types fit a signature (its fixed arguments, then its variadic one). */
function fits(sig: Signature, argTypes: readonly DataType[]): boolean {
  const n = argTypes.length;
  if (n < sig.args.length) return false;
  if (n > sig.args.length && sig.variadic === undefined) return false;
  for (let i = 0; i < n; i++) if (!matches(sig.args[i] ?? sig.variadic!, argTypes[i]!)) return false;
  return true;
}

export interface ResolvedCall {
  readonly def: FunctionDef;
  readonly signature: Signature;
  readonly returns: DataType;
}

/**
 * Picks the first signature the argument types fit and computes the result type.
 * Throws UNKNOWN_FUNCTION or TYPE_MISMATCH (without location: callers add theirs).
 */
export function resolveCall(name: string, argTypes: readonly DataType[]): ResolvedCall {
  const def = REGISTRY.get(name);
  if (!def) throw new RelcError('UNKNOWN_FUNCTION', `unknown function ${name}`, { details: { function: name } });
  for (const sig of def.signatures) {
    if (!fits(sig, argTypes)) continue;
    const returns = returnType(sig.returns, argTypes);
    if (returns) return { def, signature: sig, returns };
  }
  const shown = argTypes.map((t) => t.kind).join(', ');
  throw new RelcError('TYPE_MISMATCH', `no signature of ${name} accepts (${shown})`, {
    details: { function: name, args: argTypes.map((t) => t.kind), signatures: def.signatures.map(signatureText) },
  });
}

export function signatureText(sig: Signature): string {
  const args = [...sig.args, ...(sig.variadic ? [`${sig.variadic}...`] : [])];
  const ret = typeof sig.returns === 'string' ? sig.returns : sig.returns.kind;
  return `(${args.join(', ')}) -> ${ret}`;
}

function common(types: readonly DataType[]): DataType | undefined {
  let acc: DataType = T.null;
  for (const t of types) {
    const next = commonSuperType(acc, t);
    if (!next) return undefined;
    acc = next;
  }
  return acc;
}

function returnType(rule: ReturnRule, args: readonly DataType[]): DataType | undefined {
  if (typeof rule !== 'string') return rule;
  switch (rule) {
    case 'arg0':
      return args[0];
    case 'common':
      return common(args);
    case 'arith':
      return common(args);
    case 'multiply': {
      const c = common(args);
      if (c?.kind !== 'decimal') return c;
      const [a, b] = args.map(asDecimal) as [ReturnType<typeof asDecimal>, ReturnType<typeof asDecimal>];
      return T.decimal(Math.min(38, a.precision + b.precision), Math.min(38, a.scale + b.scale));
    }
    case 'divide': {
      const c = common(args);
      return c?.kind === 'decimal' ? T.float64 : c;
    }
    case 'sum': {
      const t = args[0]!;
      if (t.kind === 'int32') return T.int64;
      if (t.kind === 'int64') return T.decimal(38, 0);
      if (t.kind === 'decimal') return T.decimal(38, t.scale);
      return t.kind === 'null' ? T.int64 : t;
    }
    case 'avg':
      return T.float64;
  }
}

/** Whether a call's result can be NULL, from its null behaviour and its arguments' nullability. */
export function callNullable(def: FunctionDef, argNullable: readonly boolean[]): boolean {
  switch (def.nulls) {
    case 'propagate':
    case 'logical':
      return argNullable.some(Boolean);
    case 'never':
      return false;
    case 'always':
      return true;
    case 'all':
      return argNullable.every(Boolean);
  }
}

