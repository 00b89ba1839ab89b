// SQL dialects as data: quoting, placeholders, capability flags, literal style, type names, cast
// rules. Lowering and printing read these fields; nothing branches on a dialect's name.

import type { Dialect, Render, TypeKind } from '../../ir/index.ts';
import { DUCKDB_CASTS, POSTGRES_CASTS, SPARK_CASTS, SQLITE_CASTS, type CastTable } from './casts.ts';

export interface DialectCaps {
  /** `QUALIFY` filters on window results (DuckDB). Without it: a subquery and a WHERE. */
  readonly qualify: boolean;
  /**
   * Lists sort element by element as PostgreSQL's arrays (`true`), or the reason ordering by a list
   * is refused: SQLite's JSON text would sort as text; Spark orders a NULL element before the others.
   */
  readonly listOrder: true | string;
  readonly rightJoin: boolean; // without: a left join with the sides swapped
  /**
   * `a SEMI JOIN b ON c` / `ANTI JOIN` (DuckDB). Without: `WHERE [NOT] EXISTS (…)`, a correlated
   * subquery (DuckDB cannot flatten every correlated EXISTS, e.g. one over full joins).
   */
  readonly semiJoin: boolean;
  /**
   * Without `semiJoin`: a semi join on equalities of integer, text or date keys whose right side
   * is more than one filtered table prints as the uncorrelated `(l1, l2) IN (SELECT r1, r2 …)`.
   * SQLite runs a correlated EXISTS once per outer row, and a subquery over a join or a grouped
   * derived table inside it is recomputed each time (TPC-H q20: ×12 slower); an uncorrelated IN
   * is computed once into an ephemeral index (https://sqlite.org/optoverview.html#in_operator).
   * A correlated EXISTS over one table stays: there it is an index probe per outer row.
   */
  readonly semiJoinIn: boolean;
  /**
   * An inner join on equalities plus conjuncts comparing both sides prints the equalities in ON
   * and the rest as `WHERE (c) IS TRUE` (DuckDB): DuckDB evaluates a join's non-equality
   * conditions inside the hash probe, ×2.4 slower than a filter above it (6M lineitem rows ⋈
   * part on the key and `l_quantity < p_size`: 87 ms vs 36 ms; TPC-H q17), and it turns a
   * plain comparison in WHERE back into a join condition; `IS TRUE` keeps it a filter (the same
   * rows: a NULL comparison drops the row either way).
   */
  readonly joinResidualFilter: boolean;
  /**
   * FULL JOIN on any condition, only on equalities between the sides (PostgreSQL: "FULL JOIN is
   * only supported with merge-joinable or hash-joinable join conditions"), or not at all. Where
   * missing: LEFT JOIN UNION ALL the unmatched right rows (an anti join) padded with NULLs.
   */
  readonly fullJoin: 'any' | 'equi' | 'none';
  /**
   * The ORDER BY of an order-sensitive aggregate (string_agg) inside its parentheses
   * (`string_agg(x, ',' ORDER BY y)`), or after them as `WITHIN GROUP (ORDER BY y)` (Spark's listagg).
   */
  readonly aggregateOrder: 'inside' | 'within_group';
  /**
   * A window function as an ORDER BY key of its SELECT. Without (Spark: "The query operator Sort
   * contains one or more unsupported expressions"): the SELECT is wrapped and the key read from it.
   */
  readonly windowInOrderBy: boolean;
  /** `agg(x) FILTER (WHERE c)`. Without it: `agg(CASE WHEN c THEN x END)`. */
  readonly filterClause: boolean;
  /** INTERSECT ALL / EXCEPT ALL. Without: duplicates numbered by row_number, then the set form. */
  readonly intersectAll: boolean;
  readonly exceptAll: boolean;
  /** `NULLS FIRST` / `NULLS LAST`. Without: a leading `CASE WHEN x IS NULL …` key. */
  readonly nullsOrdering: boolean;
  /** `count(DISTINCT x) OVER (…)`. Without: BACKEND_UNSUPPORTED. */
  readonly windowDistinct: boolean;
  /**
   * DISTINCT in an aggregate of several arguments (`string_agg(DISTINCT x, ';')`). Without
   * (SQLite: "DISTINCT aggregates must have exactly one argument"): string_agg with the literal
   * separator ',' is group_concat(DISTINCT x …), anything else BACKEND_UNSUPPORTED.
   */
  readonly distinctManyArgs: boolean;
  /** `(VALUES …) AS t(a, b)`. Without: `(SELECT column1 AS a, … FROM (VALUES …))`. */
  readonly valuesColumnAliases: boolean;
  /**
   * The working table of WITH RECURSIVE may sit in a FROM subquery of the recursive term.
   * SQLite: "may not appear within any subquery" (https://sqlite.org/lang_with.html#recursive_common_table_expressions);
   * without it such a step is BACKEND_UNSUPPORTED.
   */
  readonly recursiveRefInSubquery: boolean;
  /**
   * `base UNION step` (set semantics) in WITH RECURSIVE. Without (Spark 4: "The UNION operator is
   * not yet supported within recursive common table expressions"): such a recursion is BACKEND_UNSUPPORTED.
   */
  readonly recursiveUnion: boolean;
  /**
   * `WITH RECURSIVE w(…) USING KEY (k…)` with the `recurring.w` table (DuckDB ≥ 1.3,
   * https://duckdb.org/docs/stable/sql/query_syntax/with#using-key): the max_iterations guard of
   * a set-semantics recursion then keeps each row once, with its first iteration. Without: a row
   * recurring on a cycle is kept once per iteration up to the limit.
   */
  readonly recursiveUsingKey: boolean;
  /**
   * An outer join whose ON holds a conjunct over the preserved side alone still hash-joins on its
   * equalities. Without it (DuckDB 1.5 plans such a join as a blockwise nested loop, quadratic in
   * the inputs): those conjuncts move into one equality's preserved-side key,
   * `CASE WHEN p THEN l END = r`, which matches exactly when `p AND l = r` does.
   */
  readonly outerJoinSideFilter: boolean;
  /**
   * The IR types whose `generate_series(start, stop, step)` the engine has as a table function
   * in FROM, with PostgreSQL's meaning (both ends included, a negative step counts down): a
   * series recursion of such a type is printed as that call. Others print the recursion.
   */
  readonly series: readonly TypeKind[];
  /**
   * RANGE frames over a date or timestamp key: `true`, the engine takes an interval distance;
   * else the templates that turn the key into a number (SQLite, whose dates and timestamps are
   * text: a date's julianday, in days; a timestamp's microseconds since 1970), the distance
   * then in those units; a distance in months is BACKEND_UNSUPPORTED.
   */
  readonly rangeIntervalOffsets: true | { readonly date: string; readonly timestamp: string };
  /**
   * Intervals may be the values of a column (VALUES rows, a statement's output). Without (Spark:
   * year-month and day-time intervals are two types and relc's have both parts; make_interval's
   * CalendarInterval is no column type, https://spark.apache.org/docs/latest/sql-ref-datatypes.html):
   * such a column is BACKEND_UNSUPPORTED; intervals stay inside expressions (date arithmetic, RANGE frames).
   */
  readonly intervalColumns: boolean;
  /**
   * A render case for simple arguments (a template repeating them) serves any arguments, bound once
   * in a correlated scalar subquery, where the usual case would call a shim (standalone SQLite:
   * overflow-checked arithmetic, substrings over expressions; src/lower/sql/lower-expr.ts bindArgs).
   */
  readonly bindArgs?: boolean;
}

export interface LiteralStyle {
  readonly booleans: readonly [string, string];
  /**
   * Wrap literals whose bare SQL type differs from their IR type in a CAST: int64, float64,
   * scale-0 decimals and typed NULLs (`5` is INTEGER and `1.5` DECIMAL/NUMERIC in DuckDB and
   * PostgreSQL; SQLite has no such distinction).
   */
  readonly typed: boolean;
  /** `DATE '…'` / `<timestamp type name> '…'` rather than plain text (SQLite stores both as TEXT). */
  readonly temporalKeywords: boolean;
  /**
   * String literals read backslash escapes (Spark SQL, spark.sql.parser.escapedStringLiterals=false,
   * https://spark.apache.org/docs/latest/sql-ref-literals.html#string-literal): a backslash is
   * doubled and a quote escaped as `\'`. Otherwise a quote is doubled and a backslash is itself.
   */
  readonly backslashEscapes: boolean;
  /** Binary literal template over the quoted lowercase hex text `{0}`. */
  readonly binary: string;
  /**
   * `INTERVAL '1 months 2 days 3 microseconds'`, the JSON text SQLite stores intervals as, or
   * ANSI interval literals (Spark: `INTERVAL '14' MONTH`, `INTERVAL '1 02:00:00.000000' DAY TO
   * SECOND`, which RANGE frames take; a literal cannot mix months with days, so such an interval
   * is `make_interval(0, months, 0, days, 0, 0, seconds)`).
   */
  readonly interval: 'sql' | 'json' | 'ansi';
  /** NaN/±Infinity as `CAST('NaN' AS DOUBLE)`, or (SQLite) ±9e999 with NaN unsupported. */
  readonly floatSpecials: 'cast_text' | 'overflow';
}

export interface TypeNames {
  readonly bool: string;
  readonly int32: string;
  readonly int64: string;
  readonly float64: string;
  readonly decimal: string; // `{p}` and `{s}` are replaced
  readonly utf8: string;
  readonly binary: string;
  readonly date: string;
  readonly timestamp: string;
  readonly interval: string | null; // null: the engine has no interval type
}

export interface SqlDialect {
  readonly name: Dialect;
  readonly quote: string; // identifier quote, doubled inside names
  readonly placeholder: { readonly style: 'numbered'; readonly prefix: string } | { readonly style: 'positional'; readonly text: string };
  /** Print parameters as `CAST($1 AS <type>)` so the engine never guesses their type. */
  readonly castParams: boolean;
  /** Text after ORDER BY when there is an OFFSET but no LIMIT (SQLite needs `LIMIT -1`). */
  readonly limitAll: string | null;
  readonly caps: DialectCaps;
  readonly literals: LiteralStyle;
  readonly typeNames: TypeNames;
  /**
   * PostgreSQL LIKE/ILIKE (case-sensitive LIKE, backslash as default escape). A template over
   * value `{0}`, pattern `{1}` and escape literal `{2}`, or null for the native operator; `glob`:
   * templates over value `{0}` and the GLOB pattern `{1}` a literal pattern becomes
   * (src/lower/sql/like-glob.ts), used instead of the LIKE templates.
   */
  readonly like: { readonly like: string | null; readonly ilike: string | null; readonly glob: { readonly like: string; readonly ilike: string } | null };
  /** stable_id: the hash over the joined canonical text `{0}` (32 lowercase hex digits). */
  readonly stableIdHash: string;
  /** An expression for the one-character text U+001F (the stable_id separator). */
  readonly unitSeparator: string;
  readonly casts: CastTable;
  /**
   * Sort keys of these IR type kinds print through a template over the key `{0}`. SQLite: a
   * decimal may be the exact TEXT of a sum past int64, which SQLite orders after every number.
   */
  readonly sortKeys: Readonly<Partial<Record<TypeKind, string>>>;
  /**
   * A boolean expression that raises an error whose message is the text `{0}` (which reads a
   * column, so that no planner folds it before run time: PostgreSQL folds constant CASE arms).
   * The message starts with `relc_error[CODE]:`, which the backends turn back into that code.
   */
  readonly raise: string;
  /**
   * A rendering that names one of relc's shims (`relc_…`: DuckDB macros, SQLite functions) is
   * BACKEND_UNSUPPORTED, naming the function and the dialect: no engine of the dialect has them, so
   * a registry row whose default calls a shim needs a rendering of its own there (Spark).
   */
  readonly refuseShimCalls: boolean;
  /** Why a refused shim call is refused, `{shim}` naming it (default: the dialect has no rendering of its own). */
  readonly shimRefusal?: string;
  /**
   * Plain-SQL forms of shim calls, put into the registry's templates before anything else reads
   * them: `[call as the templates write it, replacement]` (standalone SQLite raises PostgreSQL's
   * overflow error without relc_out_of_range).
   */
  readonly inlineShims?: readonly (readonly [string, string])[];
  /** Shim functions with a plain function of the engine in their place (standalone SQLite: relc_sum_i64 → sum). */
  readonly inlineShimNames?: Readonly<Record<string, string>>;
  /**
   * Printed after a recursive CTE's columns to lift the engine's own limit on iterations (Spark:
   * 100 by default, RECURSION_LEVEL_LIMIT_EXCEEDED past it; PostgreSQL has none, and relc's
   * max_iterations guard is its own, exact).
   */
  readonly recursionLimit: string | null;
  /**
   * The table function of `caps.series`: PostgreSQL's generate_series (stop included), or Spark's
   * range (stop excluded: printed as stop plus the step's sign; values bigint, cast back).
   */
  readonly seriesFunction: { readonly name: string; readonly stopIncluded: boolean };
}

const BASE_CAPS: DialectCaps = {
  qualify: false, listOrder: true, rightJoin: true, semiJoin: false, semiJoinIn: false, joinResidualFilter: false, fullJoin: 'any', filterClause: true, intersectAll: true, exceptAll: true,
  nullsOrdering: true, windowDistinct: false, distinctManyArgs: true, valuesColumnAliases: true, recursiveRefInSubquery: true, recursiveUnion: true, recursiveUsingKey: false,
  outerJoinSideFilter: true, series: [], rangeIntervalOffsets: true, aggregateOrder: 'inside', windowInOrderBy: true, intervalColumns: true,
};

export const DUCKDB: SqlDialect = {
  name: 'duckdb',
  quote: '"',
  placeholder: { style: 'numbered', prefix: '$' },
  castParams: true,
  limitAll: null,
  caps: { ...BASE_CAPS, qualify: true, semiJoin: true, joinResidualFilter: true, windowDistinct: true, recursiveUsingKey: true, outerJoinSideFilter: false, series: ['int32', 'int64', 'timestamp'] },
  literals: { booleans: ['TRUE', 'FALSE'], typed: true, temporalKeywords: true, backslashEscapes: false, binary: 'unhex({0})', interval: 'sql', floatSpecials: 'cast_text' },
  typeNames: {
    bool: 'BOOLEAN', int32: 'INTEGER', int64: 'BIGINT', float64: 'DOUBLE', decimal: 'DECIMAL({p}, {s})', utf8: 'VARCHAR',
    binary: 'BLOB', date: 'DATE', timestamp: 'TIMESTAMP', interval: 'INTERVAL',
  },
  // DuckDB's LIKE is case-sensitive but has no default escape character: ESCAPE is printed unless the pattern is a literal without the escape character or a backslash (lower-expr.ts).
  like: { like: null, ilike: null, glob: null },
  stableIdHash: 'left(sha256({0}), 32)',
  unitSeparator: 'chr(31)',
  casts: DUCKDB_CASTS,
  sortKeys: { interval: 'relc_iv_span({0})' }, // PostgreSQL's interval order (src/ir/functions/build.ts intervalCmp)
  raise: 'error({0}) IS NULL', // https://duckdb.org/docs/sql/functions/utility#errormessage
  refuseShimCalls: false,
  recursionLimit: null,
  seriesFunction: { name: 'generate_series', stopIncluded: true },
};

export const POSTGRES: SqlDialect = {
  name: 'postgres',
  quote: '"',
  placeholder: { style: 'numbered', prefix: '$' },
  castParams: true,
  limitAll: null,
  caps: { ...BASE_CAPS, fullJoin: 'equi', series: ['int32', 'int64', 'decimal', 'timestamp'] },
  literals: { booleans: ['TRUE', 'FALSE'], typed: true, temporalKeywords: true, backslashEscapes: false, binary: "decode({0}, 'hex')", interval: 'sql', floatSpecials: 'cast_text' },
  typeNames: {
    bool: 'BOOLEAN', int32: 'INTEGER', int64: 'BIGINT', float64: 'DOUBLE PRECISION', decimal: 'NUMERIC({p}, {s})', utf8: 'TEXT',
    binary: 'BYTEA', date: 'DATE', timestamp: 'TIMESTAMP', interval: 'INTERVAL',
  },
  like: { like: null, ilike: null, glob: null },
  stableIdHash: "left(encode(sha256(convert_to({0}, 'UTF8')), 'hex'), 32)",
  unitSeparator: 'chr(31)',
  casts: POSTGRES_CASTS,
  sortKeys: {},
  // PostgreSQL has no raising function in plain SQL: a failing cast carries the message.
  raise: 'CAST({0} AS INTEGER) = 0',
  refuseShimCalls: false,
  recursionLimit: null,
  seriesFunction: { name: 'generate_series', stopIncluded: true },
};

export const SQLITE: SqlDialect = {
  name: 'sqlite',
  quote: '"',
  // Anonymous `?`: better-sqlite3 binds an array positionally; a name used twice is listed twice.
  placeholder: { style: 'positional', text: '?' },
  castParams: false,
  limitAll: 'LIMIT -1',
  // SQLite (3.53 in better-sqlite3 12.9) has FILTER, RIGHT/FULL JOIN and NULLS FIRST/LAST, but
  // neither INTERSECT ALL nor EXCEPT ALL (https://sqlite.org/lang_select.html#compound).
  caps: { ...BASE_CAPS, semiJoinIn: true, intersectAll: false, exceptAll: false, valuesColumnAliases: false, recursiveRefInSubquery: false, distinctManyArgs: false, listOrder: 'its JSON text would sort as text',
    rangeIntervalOffsets: { date: 'julianday({0})', timestamp: "(CAST(strftime('%s', {0}) AS INTEGER) * 1000000 + CAST(substr({0}, 21, 6) AS INTEGER))" },
  },
  literals: { booleans: ['1', '0'], typed: false, temporalKeywords: false, backslashEscapes: false, binary: 'X{0}', interval: 'json', floatSpecials: 'overflow' },
  // Storage classes per CONTRACTS.md: no DATE, BOOLEAN or DECIMAL.
  typeNames: {
    bool: 'INTEGER', int32: 'INTEGER', int64: 'INTEGER', float64: 'REAL', decimal: 'REAL', utf8: 'TEXT',
    binary: 'BLOB', date: 'TEXT', timestamp: 'TEXT', interval: null,
  },
  // SQLite's LIKE ignores ASCII case (https://sqlite.org/lang_expr.html#like): a literal pattern
  // becomes a GLOB; another pattern goes through relc_like, a registered function with
  // PostgreSQL's case-sensitive semantics (src/backends/sqlite/functions.ts).
  // ILIKE's GLOB: SQLite's lower() folds ASCII only, which is PostgreSQL's lowering for an ASCII
  // pattern once the two code points whose lowercase is ASCII (U+0130 'İ', U+212A KELVIN SIGN) are replaced.
  like: {
    like: 'relc_like({0}, {1}, {2})',
    ilike: 'relc_ilike({0}, {1}, {2})',
    glob: { like: '{0} GLOB {1}', ilike: "lower(replace(replace({0}, char(304), 'i'), char(8490), 'k')) GLOB {1}" },
  },
  stableIdHash: 'relc_sha256_128({0})',
  unitSeparator: 'char(31)',
  casts: SQLITE_CASTS,
  // Decimals: a no-op on numbers; exact TEXT sums become REAL. Intervals (JSON text): their span's sortable text.
  sortKeys: { decimal: 'CAST({0} AS NUMERIC)', interval: 'relc_interval_key({0})' },
  raise: 'relc_raise({0})', // src/backends/sqlite/functions.ts
  refuseShimCalls: false,
  recursionLimit: null,
  seriesFunction: { name: 'generate_series', stopIncluded: true },
};

// Spark SQL 4 with its defaults (ANSI mode on: overflow, division by zero and invalid casts raise;
// https://spark.apache.org/docs/latest/sql-ref-ansi-compliance.html). No SQL-defined functions
// exist there, so the text is plain Spark SQL; what it cannot say is BACKEND_UNSUPPORTED.
// Timestamps are TIMESTAMP_NTZ (relc's have no time zone; Spark's TIMESTAMP is the session's local time).
export const SPARK: SqlDialect = {
  name: 'spark',
  quote: '`',
  // spark.sql(text, args=[…]) binds `?` positionally (Spark ≥ 3.5).
  placeholder: { style: 'positional', text: '?' },
  castParams: true,
  limitAll: null,
  // No QUALIFY, no DISTINCT window aggregates (AnalysisException); LEFT SEMI/ANTI JOIN exist but
  // relc's correlated EXISTS form is what Spark decorrelates itself. Aggregate order: listagg … WITHIN GROUP.
  caps: { ...BASE_CAPS, aggregateOrder: 'within_group', windowInOrderBy: false, recursiveUnion: false, intervalColumns: false, series: ['int32', 'int64'],
    listOrder: 'Spark orders a NULL element before the others, PostgreSQL after' },
  literals: { booleans: ['TRUE', 'FALSE'], typed: true, temporalKeywords: true, backslashEscapes: true, binary: 'X{0}', interval: 'ansi', floatSpecials: 'cast_text' },
  typeNames: {
    bool: 'BOOLEAN', int32: 'INT', int64: 'BIGINT', float64: 'DOUBLE', decimal: 'DECIMAL({p}, {s})', utf8: 'STRING',
    binary: 'BINARY', date: 'DATE', timestamp: 'TIMESTAMP_NTZ', interval: null,
  },
  // Spark's LIKE is case-sensitive with backslash as its default escape, as PostgreSQL's; ILIKE exists (3.3).
  like: { like: null, ilike: null, glob: null },
  stableIdHash: 'left(sha2({0}, 256), 32)',
  unitSeparator: 'char(31)',
  casts: SPARK_CASTS,
  sortKeys: {},
  raise: 'raise_error({0}) IS NULL', // https://spark.apache.org/docs/latest/api/sql/#raise_error
  refuseShimCalls: true,
  // https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-cte.html: MAX RECURSION LEVEL takes an INT literal.
  recursionLimit: 'MAX RECURSION LEVEL 2147483647',
  // range(start, end, step): end excluded, an empty result when the step points away from it.
  seriesFunction: { name: 'range', stopIncluded: false },
};

/**
 * A SQLite error with a message of relc's choosing, in plain SQL: json_extract raises "bad JSON
 * path: '<path>'" at run time for a path not starting with `$`, and SQLite evaluates a CASE arm
 * only when it is taken. `{0}` is the message (text).
 */
const SQLITE_PLAIN_RAISE = "json_extract('{}', {0})";

/**
 * SQLite text for a connection without relc's functions (what `relc transpile --to sqlite` emits
 * unless the consumer registers them): the overflow checks and raises inline as plain SQL
 * (SQLITE_PLAIN_RAISE, in the CASE arm the check takes), any
 * other rendering that needs one of relc's JS functions BACKEND_UNSUPPORTED naming the function.
 * Checked operations over expressions bind them in a scalar subquery (`caps.bindArgs`) instead of calling a shim.
 */
export const SQLITE_STANDALONE: SqlDialect = {
  ...SQLITE,
  caps: { ...SQLITE.caps, bindArgs: true },
  raise: `${SQLITE_PLAIN_RAISE} IS NULL`,
  refuseShimCalls: true,
  shimRefusal:
    "plain SQLite has no form of it with PostgreSQL's semantics: relc renders it with its JS function {shim}; if the connection registers relc's functions (registerSqliteFunctions(db) from 'relc'), say so with registeredFunctions: true / --registered-functions",
  inlineShims: [
    ['relc_out_of_range({0}, 32)', SQLITE_PLAIN_RAISE.replace('{0}', "'integer out of range'")],
    ['relc_out_of_range({0}, 64)', SQLITE_PLAIN_RAISE.replace('{0}', "'bigint out of range'")],
    ['relc_raise(', "json_extract('{}', "],
  ],
  // SQLite's sum of integers is exact, and raises "integer overflow" past int64 (PostgreSQL's
  // numeric sum goes on): an error where PostgreSQL has a result, never another result.
  inlineShimNames: { relc_sum_i64: 'sum' },
};

export const SQL_DIALECTS: Readonly<Record<Dialect, SqlDialect>> = { duckdb: DUCKDB, sqlite: SQLITE, postgres: POSTGRES, spark: SPARK };

export function sqlDialect(d: Dialect | SqlDialect): SqlDialect {
  return typeof d === 'string' ? SQL_DIALECTS[d] : d;
}
