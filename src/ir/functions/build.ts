// Constructors of the registry's data: renderings (infix, fn, template, by-type choices), the
// definitions of one scalar, aggregate or window function, and the SQLite checks several
// families share. Data only: nothing here decides anything per call.

import { T, type DataType } from '../types.ts';
import type { ArgPattern, FunctionDef, NullBehavior, Render, RenderCase, Signature, SubstraitFunction } from './def.ts';

export const infix = (op: string, precedence: number): Render => ({ kind: 'infix', op, precedence });
export const fn = (name: string): Render => ({ kind: 'fn', name });
export const tpl = (template: string, precedence?: number): Render => (precedence === undefined ? { kind: 'template', template } : { kind: 'template', template, precedence });
export const byType = (cases: readonly RenderCase[], otherwise: Render): Render => ({ kind: 'by_type', cases, default: otherwise });
export const castResult = (render: Render): Render => ({ kind: 'cast_result', render });
/** `name(fraction) WITHIN GROUP (ORDER BY x)` for an IR call name(x, fraction). */
export const orderedSet = (name: string): Render => ({ kind: 'ordered_set', name });
/** `name(x ORDER BY x)` for an IR call name(x): an aggregate whose ties go to the first in order. */
export const sortedByArg = (name: string): Render => ({ kind: 'sorted_by_arg', name });
export const collectSorted = (name: string): Render => ({ kind: 'collect_sorted', name });
/** `render` where the arguments at `indices` (where the call has them) are constants; elsewhere BACKEND_UNSUPPORTED for `reason`. */
export const constantArgs = (indices: readonly number[], render: Render, reason: string): Render => ({ kind: 'by_type', cases: [{ constants: indices, render }], default: no(reason) });
/** The rendered call inside `template` ({0}). */
export const wrapResult = (template: string, render: Render): Render => ({ kind: 'wrap_result', template, render });
/** The rendering over every argument cast to `to` (the engine would compute in a narrower type). */
export const castArgs = (to: DataType, render: Render): Render => ({ kind: 'cast_args', to, render });
export const no = (reason: string): Render => ({ kind: 'unsupported', reason });
// SQLite keeps intervals as JSON text: comparing or ordering that text is not interval order.
export const noIntervals = (r: Render, arity = 2): Render => byType([{ args: Array<ArgPattern>(arity).fill('interval'), render: no('SQLite has no interval type to compare') }], r);
// PostgreSQL compares intervals by their span (a month is 30 days, a day 24 hours): '1 mon' =
// '30 days', '1 mon -29 days' = '1 day'. SQLite compares relc_interval_key texts of it; DuckDB,
// which compares months, days and time after carrying only upwards (so '1 mon -29 days' is not
// '1 day' there), relc_iv_span numbers (src/backends/*/functions.ts).
export const intervalCmp = (key: 'relc_interval_key' | 'relc_iv_span', op: string, precedence: number, r: Render): Render =>
  byType([{ args: ['interval', 'interval'], render: tpl(`${key}({0}) ${op} ${key}({1})`, precedence) }], r);
export const sqliteIntervalCmp = (op: string, precedence: number, r: Render): Render => intervalCmp('relc_interval_key', op, precedence, r);
/** The interval of greatest (>) or least (<) span in DuckDB's list `l` (SQL text), NULLs skipped; NULL when none. */
export const duckdbIntervalPick = (l: string, op: '>' | '<'): string =>
  `CASE WHEN len(list_filter(${l}, lambda v: v IS NOT NULL)) = 0 THEN NULL ELSE list_reduce(list_filter(${l}, lambda v: v IS NOT NULL), lambda a, b: CASE WHEN relc_iv_span(b) ${op} relc_iv_span(a) THEN b ELSE a END) END`;
// Math functions computed in double precision: PostgreSQL would pick its numeric overload for numeric arguments.
export const pgFloat = (name: string, arity: 1 | 2): Render => tpl(`${name}(${['{0}', '{1}'].slice(0, arity).map((a) => `CAST(${a} AS DOUBLE PRECISION)`).join(', ')})`);
// SQLite computes integers in 64 bits and turns an int64 overflow into a REAL (an int32 one goes
// unnoticed): integer results are checked, raising PostgreSQL's "integer out of range" / "bigint
// out of range" (src/backends/sqlite/functions.ts). Over columns and literals the check is inline
// SQL repeating the operation (an int32 result out of range, an int64 one turned REAL: ~3× cheaper
// than a JS call per row); over other expressions, which must be evaluated once, a checked shim
// (relc_add_i32 …). Other numeric types stay native.
// relc_sum_i64 returns a sum past int64 as exact TEXT, which SQLite would order after every number:
// a decimal compared on SQLite goes through CAST(… AS NUMERIC) (a no-op on numbers), whose affinity
// also makes the other side compare numerically.
export const sqliteDecimalCmp = (op: string, precedence: number = PRECEDENCE.compare): RenderCase[] => [
  { args: ['decimal', 'any'], render: tpl(`CAST({0} AS NUMERIC) ${op} {1}`, precedence) },
  { args: ['any', 'decimal'], render: tpl(`{0} ${op} CAST({1} AS NUMERIC)`, precedence) },
];
export const sqliteChecked = (op: string, native: string, int64Overflow = `typeof(${native}) = 'real'`): RenderCase[] => [
  { result: 'int32', simpleArgs: true, render: tpl(`CASE WHEN ${native} NOT BETWEEN -2147483648 AND 2147483647 THEN relc_out_of_range({0}, 32) ELSE ${native} END`) },
  { result: 'int64', simpleArgs: true, render: tpl(`CASE WHEN ${int64Overflow} THEN relc_out_of_range({0}, 64) ELSE ${native} END`) },
  { result: 'int32', render: fn(`relc_${op}_i32`) },
  { result: 'int64', render: fn(`relc_${op}_i64`) },
];

// Operator precedences used by the printers (higher binds tighter), PostgreSQL order.
export const PRECEDENCE = { or: 1, and: 2, not: 3, is: 4, compare: 5, like: 6, in: 6, between: 6, concat: 7, add: 8, multiply: 9, unary: 10, atom: 11 } as const;

export const NUM: Signature[] = [{ args: ['numeric', 'numeric'], returns: 'arith' }];
export const CMP: Signature[] = [{ args: ['comparable', 'comparable'], returns: T.bool }];
export const cmp = (name: string, op: string, substrait: string): FunctionDef => ({
  name, kind: 'scalar', signatures: CMP, nulls: 'propagate', deterministic: true,
  render: {
    default: infix(op, PRECEDENCE.compare),
    duckdb: intervalCmp('relc_iv_span', op, PRECEDENCE.compare, infix(op, PRECEDENCE.compare)),
    sqlite: sqliteIntervalCmp(op, PRECEDENCE.compare, byType(sqliteDecimalCmp(op), infix(op, PRECEDENCE.compare))),
  },
  substrait: { extension: 'functions_comparison', name: substrait },
});
export const scalar = (name: string, signatures: Signature[], render: FunctionDef['render'], substrait: SubstraitFunction, nulls: NullBehavior = 'propagate'): FunctionDef => ({
  name, kind: 'scalar', signatures, nulls, deterministic: true, render, substrait,
});
export const agg = (name: string, signatures: Signature[], nulls: NullBehavior, substrait: SubstraitFunction): FunctionDef => ({
  name, kind: 'aggregate', signatures, nulls, deterministic: true, render: { default: fn(name) }, substrait,
});
export const arith = (name: string): SubstraitFunction => ({ extension: 'functions_arithmetic', name });
export const str = (name: string): SubstraitFunction => ({ extension: 'functions_string', name });
export const relc = (name: string): SubstraitFunction => ({ extension: 'relc', name });
export const win = (name: string, signatures: Signature[], nulls: NullBehavior): FunctionDef => ({
  name, kind: 'window', signatures, nulls, deterministic: true, render: { default: fn(name) }, substrait: arith(name),
});
// EXTRACT(<field> FROM x) as bigint: PostgreSQL's EXTRACT yields numeric (with fractional seconds), so it is cast.
// Spark's EXTRACT yields int (SECOND: decimal(8,6)) and reads a date's time fields only from a
// timestamp: `spark` is its expression over the timestamp `{0}`, cast to bigint.
/** A Spark expression over the timestamp `{0}` (a date cast to TIMESTAMP_NTZ first), cast to the call's type. */
export const sparkTimestamp = (template: string): Render =>
  byType([{ args: ['date'], render: castResult(tpl(template.replaceAll('{0}', 'CAST({0} AS TIMESTAMP_NTZ)'))) }], castResult(tpl(template)));
export const datePart = (name: string, field: string, sqlite: string, spark = `EXTRACT(${field} FROM {0})`): FunctionDef => ({
  name, kind: 'scalar', signatures: [{ args: ['temporal'], returns: T.int64 }], nulls: 'propagate', deterministic: true,
  render: {
    default: tpl(`EXTRACT(${field} FROM {0})`),
    postgres: byType([{ args: ['date'], render: tpl(`CAST(floor(EXTRACT(${field} FROM CAST({0} AS TIMESTAMP))) AS BIGINT)`) }], tpl(`CAST(floor(EXTRACT(${field} FROM {0})) AS BIGINT)`)),
    sqlite: tpl(sqlite),
    spark: sparkTimestamp(spark),
  },
  substrait: { extension: 'functions_datetime', name: 'extract' },
});
