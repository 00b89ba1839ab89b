// Source dialects as data: how each one spells identifiers, strings and a few operators, and
// which function and type names it uses for relc's. No parser code branches on a dialect name.

import { assertNever } from '../ir/errors.ts'; // a leaf: `relc transpile`'s flags import this module at start-up

export type SourceDialect = 'postgres' | 'duckdb' | 'sqlite' | 'mysql' | 'bigquery';
export const SOURCE_DIALECTS: readonly SourceDialect[] = ['postgres', 'duckdb', 'sqlite', 'mysql', 'bigquery'];

export interface SourceDialectDef {
  readonly name: SourceDialect;
  /** Characters that open a quoted identifier, with the character that closes it. */
  readonly identQuotes: Readonly<Record<string, string>>;
  /** Characters that open a string literal (a doubled quote inside is one quote). */
  readonly stringQuotes: readonly string[];
  /** Backslash escapes inside strings (MySQL, BigQuery). */
  readonly backslashEscapes: boolean;
  /** `||` means logical OR (MySQL without PIPES_AS_CONCAT). */
  readonly pipesAreOr: boolean;
  /** `LIMIT offset, count` (MySQL, SQLite). */
  readonly limitComma: boolean;
  /** Function names of this dialect that mean another name relc knows (lowercase → lowercase). */
  readonly functionAliases: Readonly<Record<string, string>>;
  /**
   * `/` of two integers: `truncate` toward zero (PostgreSQL, SQLite) or `float`: a float64
   * quotient (DuckDB and BigQuery; MySQL's is DECIMAL with div_precision_increment more digits
   * of scale, which relc gives as float64 — its IR divides exact numbers as float64).
   */
  readonly integerDivision: 'truncate' | 'float';
  /**
   * Integer-division operators as the parser spells them (`//` DuckDB, `div` MySQL): integers
   * truncate toward zero; other operands `divide` (DuckDB: float64) or `truncate` (MySQL: the
   * quotient's integer part, BIGINT).
   */
  readonly integerDivisionOperators: Readonly<Record<string, 'divide' | 'truncate'>>;
  /** Integer arithmetic is 64-bit whatever the operands' declared widths (SQLite, MySQL, BigQuery). */
  readonly int64Arithmetic: boolean;
  /** Literals like `1.5` are float64 (SQLite REAL, BigQuery FLOAT64), not exact decimals. */
  readonly floatDecimalLiterals: boolean;
  /** `%` truncates both operands to integers first (SQLite); a non-integer operand makes the result float64. */
  readonly modulusOfIntegerParts: boolean;
  /** A quoted identifier holding dots is a dotted path (BigQuery's `proj.dataset.table`). */
  readonly quotedPaths: boolean;
  /** EXTRACT(DAYOFWEEK …) counts from 1 on Sunday (BigQuery); elsewhere from 0, as PostgreSQL's dow. */
  readonly dayOfWeekFromOne: boolean;
  /**
   * EXTRACT(SECOND / EPOCH FROM timestamp) and date_part keep the fraction (PostgreSQL 14+: numeric
   * 12.345678, https://www.postgresql.org/docs/15/functions-datetime.html#FUNCTIONS-DATETIME-EXTRACT);
   * elsewhere whole seconds (DuckDB, MySQL, BigQuery).
   */
  readonly fractionalSeconds: boolean;
  /** EXTRACT(EPOCH …), date_part('epoch', …) and epoch(x) are doubles with the fraction, of dates, timestamps and intervals (DuckDB). */
  readonly epochDouble: boolean;
  /** `~`, `~*`, `!~`, `!~*` are PostgreSQL's regular-expression matches (DuckDB's `~` is a full match: not read). */
  readonly regexOperators: boolean;
  /** PostgreSQL's prefix math operators (`@ x` abs, `|/ x` sqrt, `||/ x` cbrt) → registry function; their operand binds as an "other" operator's. */
  readonly prefixMath: Readonly<Record<string, string>>;
  /** `->`, `->>`, `#>`, `#>>`, `@>`, `?` are PostgreSQL's JSON operators (SQLite's and DuckDB's `->` take JSON paths: not read). */
  readonly jsonOperators: boolean;
  /** The bitwise operators as this dialect spells and binds them (see BitwiseOperators). */
  readonly bitwise: BitwiseOperators;
  /**
   * Where an ORDER BY without NULLS FIRST/LAST puts NULLs: `largest` as PostgreSQL (last
   * ascending, first descending), `smallest` as SQLite, MySQL and BigQuery (first ascending,
   * last descending), `last` in both directions as DuckDB (its default_null_order).
   */
  readonly defaultNulls: 'largest' | 'smallest' | 'last';
  /**
   * Booleans are the integers 0 and 1 (SQLite): a boolean compared with or added to an integer
   * is that integer, where PostgreSQL refuses the operator.
   */
  readonly boolsAreIntegers: boolean;
  /** LIKE folds ASCII letters only, and ignores their case (SQLite without case_sensitive_like). */
  readonly likeFoldsAscii: boolean;
  /** CAST of a non-integer number to an integer type truncates toward zero (SQLite), where PostgreSQL rounds. */
  readonly castToIntegerTruncates: boolean;
  /** DuckDB's select-list shorthands: `* EXCLUDE (cols)`, GROUP BY ALL (every non-aggregate item), ORDER BY ALL (every column). */
  readonly selectShorthands: boolean;
  /** `x GLOB pattern` (SQLite): the function glob(pattern, x). */
  readonly globOperator: boolean;
  /**
   * Whose rule names a derived table's or CTE's columns for the references to them: the
   * engine's (DuckDB `(a + 1)`, `a_1`; SQLite `a + 1`, `a:1`: src/sql/output-names.ts), or null
   * for relc's names, PostgreSQL's derived names.
   */
  readonly derivedColumnNames: 'duckdb' | 'sqlite' | null;
}

/**
 * Infix bitwise operators: the registry function each spelling means (null: parsed, then refused
 * with `unsupported`) and its binding power on the parser's scale (src/sql/parse-expr.ts BP:
 * 7 PostgreSQL's "other" operators, 8 `+ -`, 9 `* /`); prefix `~` likewise (`notFn`, `notBp`).
 * The registry's functions have PostgreSQL's meaning: signed integers, shift counts modulo the
 * width. `literalShiftCounts`: the dialect shifts otherwise past the width or for a negative
 * count (SQLite), so a count must be a literal in [0, width).
 */
export interface BitwiseOperators {
  readonly ops: Readonly<Record<string, { readonly fn: string | null; readonly bp: number }>>;
  readonly notFn: string | null;
  readonly notBp: number;
  readonly literalShiftCounts: boolean;
  readonly unsupported: string;
}

const op = (fn: string | null, bp = 7) => ({ fn, bp });
const PG_BITWISE_OPS = { '&': op('bitwise_and'), '|': op('bitwise_or'), '<<': op('shift_left'), '>>': op('shift_right') };

/** stddev and variance are the sample statistics (PostgreSQL, DuckDB, BigQuery; MySQL's are the population's). */
const SAMPLE_MOMENTS = { stddev: 'stddev_samp', variance: 'var_samp' } as const;

const base = {
  identQuotes: { '"': '"' },
  derivedColumnNames: null,
  stringQuotes: ["'"],
  backslashEscapes: false,
  pipesAreOr: false,
  limitComma: false,
  functionAliases: {},
  integerDivision: 'truncate',
  integerDivisionOperators: {},
  int64Arithmetic: false,
  floatDecimalLiterals: false,
  modulusOfIntegerParts: false,
  dayOfWeekFromOne: false,
  fractionalSeconds: false,
  epochDouble: false,
  quotedPaths: false,
  regexOperators: false,
  prefixMath: {},
  jsonOperators: false,
  // DuckDB and SQLite spell PostgreSQL's operators but `#` (DuckDB: xor(a, b)); SQLite's `~` binds tightest.
  bitwise: { ops: PG_BITWISE_OPS, notFn: 'bitwise_not', notBp: 11, literalShiftCounts: false, unsupported: '' } as BitwiseOperators,
  defaultNulls: 'largest',
  boolsAreIntegers: false,
  likeFoldsAscii: false,
  castToIntegerTruncates: false,
  selectShorthands: false,
  globOperator: false,
} as const;

export const SOURCE_DIALECT_DEFS: Readonly<Record<SourceDialect, SourceDialectDef>> = {
  postgres: { ...base, name: 'postgres', fractionalSeconds: true, regexOperators: true, prefixMath: { '@': 'abs', '|/': 'sqrt', '||/': 'cbrt' }, jsonOperators: true, bitwise: { ops: { ...PG_BITWISE_OPS, '#': op('bitwise_xor') }, notFn: 'bitwise_not', notBp: 7, literalShiftCounts: false, unsupported: '' }, functionAliases: { ...SAMPLE_MOMENTS, every: 'bool_and' } },
  // DuckDB's `/` is float division unless `SET integer_division = true`; `//` is integer division.
  duckdb: { ...base, name: 'duckdb', bitwise: { ...base.bitwise, notBp: 7 }, functionAliases: { ...SAMPLE_MOMENTS, ifnull: 'coalesce', strlen: 'octet_length', every: 'bool_and', prefix: 'starts_with', regexp_matches: 'regexp_like' }, integerDivision: 'float', integerDivisionOperators: { '//': 'divide' }, defaultNulls: 'last', selectShorthands: true, globOperator: true, derivedColumnNames: 'duckdb', epochDouble: true },
  // SQLite also accepts MySQL and SQL Server identifier quotes. Its integers are 64-bit, `1.5` is REAL.
  sqlite: {
    ...base,
    name: 'sqlite',
    identQuotes: { '"': '"', '`': '`', '[': ']' },
    limitComma: true,
    functionAliases: { ...SAMPLE_MOMENTS, ifnull: 'coalesce' },
    int64Arithmetic: true,
    floatDecimalLiterals: true,
    modulusOfIntegerParts: true,
    bitwise: { ...base.bitwise, literalShiftCounts: true },
    defaultNulls: 'smallest',
    boolsAreIntegers: true,
    likeFoldsAscii: true,
    castToIntegerTruncates: true,
    globOperator: true,
    derivedColumnNames: 'sqlite',
  },
  mysql: {
    ...base,
    name: 'mysql',
    identQuotes: { '`': '`' },
    stringQuotes: ["'", '"'],
    backslashEscapes: true,
    pipesAreOr: true,
    limitComma: true,
    functionAliases: { ifnull: 'coalesce', char_length: 'length', log: 'ln', std: 'stddev_pop', stddev: 'stddev_pop', variance: 'var_pop' }, // MySQL: LOG(x) is the natural logarithm
    integerDivision: 'float',
    integerDivisionOperators: { div: 'truncate' },
    int64Arithmetic: true, // integer operators compute in BIGINT
    // `|` < `&` < shifts < `+ -` < `* /` < `^` (xor).
    bitwise: {
      ops: { '|': op(null, 7.1), '&': op(null, 7.2), '<<': op(null, 7.3), '>>': op(null, 7.3), '^': op(null, 9.5) },
      notFn: null,
      notBp: 11,
      literalShiftCounts: false,
      unsupported: "MySQL's bitwise operators compute on unsigned 64-bit integers, a type relc does not have",
    },
    defaultNulls: 'smallest',
  },
  bigquery: {
    ...base,
    name: 'bigquery',
    identQuotes: { '`': '`' },
    stringQuotes: ["'", '"'],
    backslashEscapes: true,
    // LOG(x) is the natural logarithm; LOGICAL_AND/OR are bool_and/or.
    functionAliases: { ...SAMPLE_MOMENTS, ifnull: 'coalesce', log: 'ln', logical_and: 'bool_and', logical_or: 'bool_or' },
    integerDivision: 'float', // INT64 / INT64 is FLOAT64
    int64Arithmetic: true, // INT64 is the only integer type
    floatDecimalLiterals: true, // `1.5` is FLOAT64 (NUMERIC '1.5' is exact)
    dayOfWeekFromOne: true,
    quotedPaths: true,
    // `|` < `^` (xor) < `&` < shifts < `+ -`. Its `>>` does not extend the sign and its shifts
    // do not wrap the count: not PostgreSQL's.
    bitwise: {
      ops: { '|': op('bitwise_or', 7.1), '^': op('bitwise_xor', 7.2), '&': op('bitwise_and', 7.3), '<<': op(null, 7.4), '>>': op(null, 7.4) },
      notFn: 'bitwise_not',
      notBp: 11,
      literalShiftCounts: false,
      unsupported: "BigQuery's shifts fill with zeros and do not wrap their count, unlike PostgreSQL's",
    },
    defaultNulls: 'smallest',
  },
};

export function isSourceDialect(s: string): s is SourceDialect {
  return (SOURCE_DIALECTS as readonly string[]).includes(s);
}

/** Where an ORDER BY item without NULLS FIRST/LAST puts NULLs in `dialect`. */
export function defaultNulls(direction: 'asc' | 'desc', dialect: SourceDialectDef): 'first' | 'last' {
  switch (dialect.defaultNulls) {
    case 'largest':
      return direction === 'asc' ? 'last' : 'first';
    case 'smallest':
      return direction === 'asc' ? 'first' : 'last';
    case 'last':
      return 'last';
    default:
      return assertNever(dialect.defaultNulls, 'null order');
  }
}
