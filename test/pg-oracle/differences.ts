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

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An error PostgreSQL raises that relc raises with the same message on every target: the engine's
 * own (DuckDB), relc's shim (SQLite: "sqlite failed: …") or PostgreSQL itself, as EXECUTION_FAILED.
 */
function sameErrorEverywhere(probe: string, message: string): Documented {
  const anywhere = new RegExp(escaped(message));
  return {
    probe,
    reason: `PostgreSQL raises "${message}"; so does relc, on every target`,
    postgresError: new RegExp(`^${escaped(message)}$`),
    relc: {
      duckdb: { error: 'EXECUTION_FAILED', message: anywhere },
      sqlite: { error: 'EXECUTION_FAILED', message: anywhere },
      postgres: { error: 'PostgreSQL', message: new RegExp(`^${escaped(message)}$`) },
    },
  };
}

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
  // Bytea and text functions (probes-strings2.sql): PostgreSQL's run-time errors, raised by every target.
  ...([
    ['bytea_substr_negative_count_is_error', /negative substring length not allowed/],
    ['decode_hex_odd_digits_is_error', /invalid hexadecimal data: odd number of digits/],
    ['convert_from_invalid_utf8_is_error', /invalid byte sequence for encoding "UTF8"|Failure in decode: could not convert blob to UTF8 string/],
    ['convert_from_nul_is_error', /invalid byte sequence for encoding "UTF8": 0x00/],
    ['decode_escape_invalid_is_error', /invalid input syntax for type bytea/],
    ['unistr_invalid_escape_is_error', /invalid Unicode escape/],
    ['get_byte_out_of_range_is_error', /index 2 out of valid range, 0\.\.1/],
    ['set_bit_not_a_bit_is_error', /new bit must be 0 or 1/],
    ['set_bit_index_checked_before_bit', /index 16 out of valid range, 0\.\.15/],
  ] as const).map(([probe, message]): Documented => ({
    probe,
    reason: 'PostgreSQL raises at run time; so does relc\'s text on every target (EXECUTION_FAILED with the engine\'s message: the shims and macros raise PostgreSQL\'s own)',
    postgresError: message,
    relc: { duckdb: { error: 'EXECUTION_FAILED', message }, sqlite: { error: 'EXECUTION_FAILED', message }, postgres: { error: 'PostgreSQL', message } },
  })),
  {
    probe: 'sha224_sha384_sha512',
    reason: 'DuckDB has SHA-256 only (sha256), so sha224/sha384/sha512 are BACKEND_UNSUPPORTED there (src/ir/functions/bytea.ts)',
    relc: { duckdb: { error: 'BACKEND_UNSUPPORTED', message: /sha224 \(DuckDB has no SHA-224 function\) is not supported on duckdb/ } },
  },
  {
    probe: 'normalize_nfd_nfkc_nfkd',
    reason: 'DuckDB normalizes to NFC only (nfc_normalize), so the NFD, NFKC and NFKD forms are BACKEND_UNSUPPORTED there (src/ir/functions/string.ts)',
    relc: { duckdb: { error: 'BACKEND_UNSUPPORTED', message: /nfd_normalize \(DuckDB has no NFD normalization \(only nfc_normalize\)\) is not supported on duckdb/ } },
  },

  {
    probe: 'substring_from_regex_optional_group',
    reason: "RE2 reports a group that took no part in the match as '', so DuckDB cannot give PostgreSQL's NULL: substring(… FROM pattern) whose first group may be skipped (an alternation, or a ?, * or {…} after the group) is BACKEND_UNSUPPORTED there",
    relc: { duckdb: { error: 'BACKEND_UNSUPPORTED', message: /substring_regex_optional \(DuckDB cannot tell a group that took no part in the match from an empty one\) is not supported on duckdb/ } },
  },
  {
    probe: 'regexp_search_from_a_later_start',
    reason: 'RE2 (DuckDB) searches from the first character only: a start past it (where ^ must not match) is BACKEND_UNSUPPORTED there',
    relc: { duckdb: { error: 'BACKEND_UNSUPPORTED', message: /regexp_count \(DuckDB cannot start a regular-expression search past the first character\) is not supported on duckdb/ } },
  },
  {
    probe: 'regexp_nth_match_position',
    reason: "DuckDB has no way to the position of a regular expression's Nth match: regexp_instr with N > 1 is BACKEND_UNSUPPORTED there",
    relc: { duckdb: { error: 'BACKEND_UNSUPPORTED', message: /regexp_instr \(DuckDB cannot find where a regular expression's Nth match starts\) is not supported on duckdb/ } },
  },
  {
    probe: 'regexp_group_subexpr',
    reason: "RE2 reports a group that took no part in the match as '' (PostgreSQL: NULL), so a subexpr other than 0 is BACKEND_UNSUPPORTED on DuckDB",
    relc: { duckdb: { error: 'BACKEND_UNSUPPORTED', message: /regexp_substr \(DuckDB cannot tell a group that took no part in the match from an empty one\) is not supported on duckdb/ } },
  },
  // Errors PostgreSQL raises and relc raises too, with PostgreSQL's message, on every target
  // (the registry rows' comments, src/ir/interval.ts).
  ...([
    ['factorial_negative_is_error', 'factorial of a negative number is undefined'],
    ['date_bin_with_months_is_error', 'timestamps cannot be binned into intervals containing months or years'],
    ['sqrt_negative_is_error', 'cannot take square root of a negative number'],
    ['ln_zero_is_error', 'cannot take logarithm of zero'],
    ['log10_negative_is_error', 'cannot take logarithm of a negative number'],
    ['power_zero_to_negative_is_error', 'zero raised to a negative power is undefined'],
    ['power_negative_to_fraction_is_error', 'a negative number raised to a non-integer power yields a complex result'],
    ['asin_out_of_range_is_error', 'input is out of range'],
    ['acos_out_of_range_is_error', 'input is out of range'],
    ['acosh_below_one_is_error', 'input is out of range'],
    ['atanh_out_of_range_is_error', 'input is out of range'],
    ['date_trunc_interval_week_is_error', 'unit "week" not supported for type interval'],
  ] as const).map(([probe, message]) => sameErrorEverywhere(probe, message)),
  {
    probe: 'group_by_interval_equal_spans',
    reason: 'PostgreSQL groups intervals of equal span (1 mon = 30 days = 720 hours; 1 mon -29 days = 1 day = 24 hours); relc compares and orders them by span on every target (src/lower/sql/CONTEXT.md), but GROUP BY, DISTINCT and set operations keep the engine\'s equality: DuckDB\'s carries fields upwards only (1 mon -29 days stands apart), SQLite\'s compares the JSON text',
    relc: { duckdb: { rows: [[3n, 1n]] }, sqlite: { rows: [[6n, 1n]] } },
  },
  {
    probe: 'to_date_invalid_is_error',
    reason: 'text that does not read with the format is an error everywhere; PostgreSQL names the field it failed at, relc the format (src/sql/to-timestamp-format.ts: the cast of the unread text fails)',
    postgresError: /^invalid value "abc" for "YYYY"$/,
    relc: {
      duckdb: { error: 'EXECUTION_FAILED', message: /invalid input syntax for type date: "abc does not match to_date format YYYY-MM-DD"/ },
      sqlite: { error: 'EXECUTION_FAILED', message: /invalid input syntax for type date: "abc does not match to_date format YYYY-MM-DD"/ },
      postgres: { error: 'PostgreSQL', message: /^invalid input syntax for type date: "abc does not match to_date format YYYY-MM-DD"$/ },
    },
  },
  {
    probe: 'to_timestamp_nan_is_error',
    reason: 'to_timestamp(NaN) is an error everywhere, as on PostgreSQL; SQLite cannot hold NaN at all, so the literal is BACKEND_UNSUPPORTED there (as nan_literal)',
    postgresError: /^timestamp cannot be NaN$/,
    relc: {
      duckdb: { error: 'EXECUTION_FAILED', message: /timestamp cannot be NaN/ },
      sqlite: { error: 'BACKEND_UNSUPPORTED', message: /a NaN literal cannot be expressed in sqlite SQL/ },
      postgres: { error: 'PostgreSQL', message: /^timestamp cannot be NaN$/ },
    },
  },
];
