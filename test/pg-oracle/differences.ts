// Where relc's answer differs from PostgreSQL's on purpose or by an engine's nature: per probe,
// what PostgreSQL does, what relc does on each target, and why. The probe test asserts exactly
// this behaviour; targets not listed must equal PostgreSQL as usual. Every entry is a choice
// documented in src/lower/sql/CONTEXT.md or CONTRACTS.md, or a limit of the engine named.

export type Target = 'duckdb' | 'sqlite' | 'postgres';

/** rows: the canonical rows relc returns; error: a RelcError code (or 'PostgreSQL' for an engine error there) and message. */
export type Outcome = { readonly rows: readonly (readonly unknown[])[] } | { readonly error: string; readonly message: RegExp };

export interface Documented {
  readonly probe: string;
  readonly reason: string;
  /** PostgreSQL's error, when it raises one (then every target is listed in `relc`). */
  readonly postgresError?: RegExp;
  readonly relc: Partial<Record<Target, Outcome>>;
}

const nulls = (n: number): Outcome => ({ rows: Array.from({ length: n }, () => [null]) });

export const DOCUMENTED: readonly Documented[] = [
  {
    probe: 'division_by_zero',
    reason: 'x / 0 is NULL on every backend (relc\'s documented choice: DuckDB and SQLite give NULL natively; the PostgreSQL text divides by NULLIF(y, 0)); PostgreSQL raises',
    postgresError: /^division by zero$/,
    relc: { duckdb: nulls(8), sqlite: nulls(8), postgres: nulls(8) },
  },
  {
    probe: 'modulo_by_zero',
    reason: 'x % 0 is NULL on every backend, as x / 0',
    postgresError: /^division by zero$/,
    relc: { duckdb: nulls(7), sqlite: nulls(7), postgres: nulls(7) },
  },
  {
    probe: 'int32_overflow',
    reason: 'int32 arithmetic past 2^31 is an error everywhere, as on PostgreSQL; relc reports it as EXECUTION_FAILED with the engine\'s message (SQLite: the checked shims raise PostgreSQL\'s own)',
    postgresError: /^integer out of range$/,
    relc: {
      duckdb: { error: 'EXECUTION_FAILED', message: /Overflow in multiplication of INT32/ },
      sqlite: { error: 'EXECUTION_FAILED', message: /sqlite failed: integer out of range$/ },
      postgres: { error: 'PostgreSQL', message: /^integer out of range$/ },
    },
  },
  {
    probe: 'float_overflow',
    reason: 'double arithmetic overflows to Infinity on DuckDB and SQLite (IEEE 754); PostgreSQL raises',
    postgresError: /^value out of range: overflow$/,
    relc: { duckdb: { rows: [[Infinity]] }, sqlite: { rows: [[Infinity]] }, postgres: { error: 'PostgreSQL', message: /^value out of range: overflow$/ } },
  },
  {
    probe: 'casts_bool_numeric_literals',
    reason: 'decimals are REAL on SQLite (CONTRACTS.md storage): a 19-digit numeric literal keeps only a double\'s 17 significant digits',
    relc: { sqlite: { rows: [[1, 2, -2, -3, 2.5, false, 2147483648n, '9223372036854776000']] } },
  },
  {
    probe: 'bigint_plus_numeric_beyond_double',
    reason: 'decimals are REAL on SQLite (CONTRACTS.md storage): a 19-digit decimal sum keeps a double\'s 17 significant digits',
    relc: { sqlite: { rows: [[1, '9000000000000000000.00'], [3, '-9223372036854776000.00']] } },
  },
  {
    probe: 'nan_literal',
    reason: 'SQLite has no NaN (it reads NaN as NULL), so a NaN literal is BACKEND_UNSUPPORTED there',
    relc: { sqlite: { error: 'BACKEND_UNSUPPORTED', message: /a NaN literal cannot be expressed in sqlite SQL/ } },
  },
  {
    probe: 'cast_text_invalid_is_error',
    reason: 'both reject \'4x\' as an integer: PostgreSQL when it runs the query, relc when it compiles it (the literal is checked at compile time)',
    postgresError: /^invalid input syntax for type integer: "4x"$/,
    relc: {
      duckdb: { error: 'TYPE_MISMATCH', message: /invalid int32 literal: "4x"/ },
      sqlite: { error: 'TYPE_MISMATCH', message: /invalid int32 literal: "4x"/ },
      postgres: { error: 'TYPE_MISMATCH', message: /invalid int32 literal: "4x"/ },
    },
  },
  {
    probe: 'extract_second_fraction',
    reason: 'EXTRACT(SECOND) is whole seconds, int64, in relc (registry extract_second, as DuckDB and Substrait\'s extract SECOND); PostgreSQL includes the fraction (numeric 5.500000)',
    relc: { duckdb: { rows: [[5n]] }, sqlite: { rows: [[5n]] }, postgres: { rows: [[5n]] } },
  },
  {
    probe: 'extract_epoch_fraction',
    reason: 'EXTRACT(EPOCH) is whole seconds, floored, int64, in relc (registry extract_epoch, as extract_second and Substrait\'s UNIX_TIME); PostgreSQL includes the fraction (numeric -1.500000)',
    relc: { duckdb: { rows: [[-2n]] }, sqlite: { rows: [[-2n]] }, postgres: { rows: [[-2n]] } },
  },
  {
    probe: 'string_agg_without_order_by_sorts_by_value',
    reason: 'string_agg without ORDER BY joins the values in their own order (by bytes) in relc, so the result is the same on every engine and run (src/sql/aggregate.ts); PostgreSQL takes the rows in whatever order its plan reads them',
    relc: Object.fromEntries((['duckdb', 'sqlite', 'postgres'] as const).map((t) => [t, { rows: [[-2, 'a%c|a_c'], [2, 'ABC|abc'], [3, '|abc'], [null, 'Abc ']] }])),
  },
  {
    probe: 'array_agg_without_order_sorts_by_value',
    reason: 'array_agg without ORDER BY collects the values in their own order (ascending, NULLs last) in relc, as string_agg (src/sql/aggregate.ts), so the array is the same on every engine and run; PostgreSQL takes the rows in whatever order its plan reads them',
    relc: Object.fromEntries((['duckdb', 'sqlite', 'postgres'] as const).map((t) => [t, { rows: [[-2, [-7, 7]], [2, [-7, 7]], [3, [0, 5, null]], [null, [7]]] }])),
  },
  ...([
    ['jsonb_of_text_columns_prints_as_postgresql', /jsonb_in \(DuckDB cannot print jsonb as PostgreSQL does .*\) is not supported on duckdb/],
    ['json_arrow_operators', /json_get \(DuckDB's JSON functions print extracted values their own way .*\) is not supported on duckdb/],
    ['jsonb_arrow_operators', /jsonb_in \(DuckDB cannot print jsonb as PostgreSQL does .*\) is not supported on duckdb/],
    ['json_path_operators_and_functions', /json_path_get \(DuckDB's JSON functions print extracted values their own way .*\) is not supported on duckdb/],
    ['jsonb_build_object_of_columns', /jsonb_in \(DuckDB cannot print jsonb as PostgreSQL does .*\) is not supported on duckdb/],
    ['jsonb_agg_and_object_agg', /jsonb_in \(DuckDB cannot print jsonb as PostgreSQL does .*\) is not supported on duckdb/],
    ['jsonb_concat_delete_equal', /jsonb_in \(DuckDB cannot print jsonb as PostgreSQL does .*\) is not supported on duckdb/],
    ['jsonb_pretty_and_strip_nulls', /jsonb_in \(DuckDB cannot print jsonb as PostgreSQL does .*\) is not supported on duckdb/],
    ['jsonb_contained_and_any_all_keys', /jsonb_contains \(DuckDB's json_contains and json_exists do not have jsonb's @> and \? semantics\) is not supported on duckdb/],
    ['jsonb_set_paths', /jsonb_in \(DuckDB cannot print jsonb as PostgreSQL does .*\) is not supported on duckdb/],
    ['jsonb_containment_and_existence', /jsonb_contains \(DuckDB's json_contains and json_exists do not have jsonb's @> and \? semantics\) is not supported on duckdb/],
  ] as const).map(([probe, message]): Documented => ({
    probe,
    reason: 'relc\'s JSON values are text (src/ir/functions/json.ts); DuckDB\'s JSON functions print values otherwise than PostgreSQL (compact, numbers re-serialized, keys unsorted) and have other containment semantics, so jsonb of a non-literal, the extraction operators and @> / ? are BACKEND_UNSUPPORTED there (SQLite computes them with relc\'s shims)',
    relc: { duckdb: { error: 'BACKEND_UNSUPPORTED', message } },
  })),
  {
    probe: 'order_by_an_array',
    reason: 'a SQLite list is JSON text (CONTRACTS.md storage), which would sort as text ([10] before [9]): ordering by a list is BACKEND_UNSUPPORTED there; DuckDB sorts lists element by element as PostgreSQL sorts arrays',
    relc: { sqlite: { error: 'BACKEND_UNSUPPORTED', message: /ordering by a list \(its JSON text would sort as text\) is not supported on sqlite/ } },
  },
  {
    probe: 'regexp_match_groups',
    reason: "regexp_match is BACKEND_UNSUPPORTED on DuckDB: its regexp_extract gives '' for a group that took no part, where PostgreSQL gives NULL",
    relc: { duckdb: { error: 'BACKEND_UNSUPPORTED', message: /regexp_match \(DuckDB's regexp_extract gives '' for a group that took no part, where PostgreSQL gives NULL\) is not supported on duckdb/ } },
  },
  {
    probe: 'json_agg_without_order_by_sorts_by_json_text',
    reason: 'json_agg is string_agg of each row\'s JSON in relc (src/sql/json.ts); without ORDER BY string_agg joins its values in their own order (src/sql/aggregate.ts), here the JSON texts by bytes, so the array is the same on every engine and run; PostgreSQL takes the rows in whatever order its plan reads them',
    relc: Object.fromEntries((['duckdb', 'sqlite', 'postgres'] as const).map((t) => [t, { rows: [['[-7, -7, 0, 5, 7, 7, 7]']] }])),
  },
  {
    probe: 'json_value_through_a_derived_table_is_text',
    reason: 'relc has no JSON type (src/ir/functions/json.ts): json_build_object, json_build_array and to_json embed a JSON value only where the argument itself makes one (a cast, ->, #>, a json_build_* call); one read from a column, CASE or coalesce is text, which they quote as a string',
    relc: Object.fromEntries((['duckdb', 'sqlite', 'postgres'] as const).map((t) => [t, { rows: [['{"k" : "[1]"}']] }])),
  },
  {
    probe: 'json_invalid_literal_is_error',
    reason: 'both reject invalid JSON text: PostgreSQL when it runs the query, relc when it compiles it (a literal cast to json is checked and folded at compile time)',
    postgresError: /^invalid input syntax for type json$/,
    relc: Object.fromEntries((['duckdb', 'sqlite', 'postgres'] as const).map((t) => [t, { error: 'TYPE_MISMATCH', message: /invalid json literal: '\{"a": 1,\}' \(expected a key\)/ }])),
  },
  {
    probe: 'char_n_padding',
    reason: 'relc has no blank-padded character type: char(n) cuts to n characters but does not pad (PostgreSQL pads, yet ignores the padding in comparisons, length() and ||, which the probes check)',
    relc: { duckdb: { rows: [['ab']] }, sqlite: { rows: [['ab']] }, postgres: { rows: [['ab']] } },
  },
];
