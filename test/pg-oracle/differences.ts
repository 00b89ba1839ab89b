// Where relc's answer differs from PostgreSQL's on purpose or by an engine's nature: per probe,
// what PostgreSQL does, what relc does on each target, and why. The probe test asserts exactly
// this behaviour; targets not listed must equal PostgreSQL as usual. Every entry is a choice
// documented in src/lower/sql/CONTEXT.md or CONTRACTS.md, or a limit of the engine named.

export type Target = 'duckdb' | 'sqlite' | 'postgres' | 'spark';

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

const BASE: readonly Documented[] = [
  {
    probe: 'division_by_zero',
    reason: 'x / 0 is NULL on every backend (relc\'s documented choice: DuckDB and SQLite give NULL natively; the PostgreSQL text divides by NULLIF(y, 0)); PostgreSQL raises',
    postgresError: /^division by zero$/,
    relc: { duckdb: nulls(8), sqlite: nulls(8), postgres: nulls(8), spark: nulls(8) }, // Spark (ANSI mode raises): `div`/`/` by NULLIF(y, 0)
  },
  {
    probe: 'modulo_by_zero',
    reason: 'x % 0 is NULL on every backend, as x / 0',
    postgresError: /^division by zero$/,
    relc: { duckdb: nulls(7), sqlite: nulls(7), postgres: nulls(7), spark: nulls(7) },
  },
  {
    probe: 'int32_overflow',
    reason: 'int32 arithmetic past 2^31 is an error everywhere, as on PostgreSQL; relc reports it as EXECUTION_FAILED with the engine\'s message (SQLite: the checked shims raise PostgreSQL\'s own)',
    postgresError: /^integer out of range$/,
    relc: {
      duckdb: { error: 'EXECUTION_FAILED', message: /Overflow in multiplication of INT32/ },
      sqlite: { error: 'EXECUTION_FAILED', message: /sqlite failed: integer out of range$/ },
      postgres: { error: 'PostgreSQL', message: /^integer out of range$/ },
      spark: { error: 'Spark', message: /^ARITHMETIC_OVERFLOW: \[ARITHMETIC_OVERFLOW\] / }, // ANSI mode
    },
  },
  {
    probe: 'float_overflow',
    reason: 'double arithmetic overflows to Infinity on DuckDB, SQLite and Spark (IEEE 754); PostgreSQL raises',
    postgresError: /^value out of range: overflow$/,
    relc: { duckdb: { rows: [[Infinity]] }, sqlite: { rows: [[Infinity]] }, spark: { rows: [[Infinity]] }, postgres: { error: 'PostgreSQL', message: /^value out of range: overflow$/ } },
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
      spark: { error: 'TYPE_MISMATCH', message: /invalid int32 literal: "4x"/ },
    },
  },
  {
    probe: 'string_agg_without_order_by_sorts_by_value',
    reason: 'string_agg without ORDER BY joins the values in their own order (by bytes) in relc, so the result is the same on every engine and run (src/sql/aggregate.ts); PostgreSQL takes the rows in whatever order its plan reads them',
    relc: Object.fromEntries((['duckdb', 'sqlite', 'postgres', 'spark'] as const).map((t) => [t, { rows: [[-2, 'a%c|a_c'], [2, 'ABC|abc'], [3, '|abc'], [null, 'Abc ']] }])),
  },
  {
    probe: 'array_agg_without_order_sorts_by_value',
    reason: 'array_agg without ORDER BY collects the values in their own order (ascending, NULLs last) in relc, as string_agg (src/sql/aggregate.ts), so the array is the same on every engine and run; PostgreSQL takes the rows in whatever order its plan reads them',
    relc: Object.fromEntries((['duckdb', 'sqlite', 'postgres', 'spark'] as const).map((t) => [t, { rows: [[-2, [-7, 7]], [2, [-7, 7]], [3, [0, 5, null]], [null, [7]]] }])),
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
    relc: Object.fromEntries((['duckdb', 'sqlite', 'postgres', 'spark'] as const).map((t) => [t, { rows: [['[-7, -7, 0, 5, 7, 7, 7]']] }])),
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
    relc: Object.fromEntries((['duckdb', 'sqlite', 'postgres', 'spark'] as const).map((t) => [t, { error: 'TYPE_MISMATCH', message: /invalid json literal: '\{"a": 1,\}' \(expected a key\)/ }])),
  },
  {
    probe: 'char_n_padding',
    reason: 'relc has no blank-padded character type: char(n) cuts to n characters but does not pad (PostgreSQL pads, yet ignores the padding in comparisons, length() and ||, which the probes check)',
    relc: { duckdb: { rows: [['ab']] }, sqlite: { rows: [['ab']] }, postgres: { rows: [['ab']] }, spark: { rows: [['ab']] } },
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
  // Spark only (src/lower/sql/CONTEXT.md, "Spark"):
  {
    probe: 'case_folding_unicode',
    reason: 'Spark\'s upper/lower are Java\'s full case mappings (ß → SS, ﬁ → FI, İ → i̇, a final σ → ς); PostgreSQL maps one code point at a time',
    relc: { spark: { rows: [['STRASSE', 'àéî', 'Ǆ', 5n, 2n, 'i̇stanbul', 'ΑΙ ἈΙ', 'οδος', 'FI']] } },
  },
  ...sparkUnsupported('reverse_translate_ascii_chr', /chr \(Spark's chr takes the code point modulo 256\)/),
  ...sparkUnsupported('cbrt_pi_gcd_lcm', /gcd \(Spark has no gcd\)/),
  ...sparkUnsupported('percentile_cont_and_disc', /percentile_disc \(Spark's percentile_disc orders numbers only\)/),
  ...sparkUnsupported('regexp_replace_flags_and_groups', /regexp_replace \(Spark's regexp_replace replaces every match/),
  ...sparkUnsupported('initcap_words', /initcap \(Spark's initcap starts words at white space only\)/),
  ...sparkUnsupported('width_bucket_ranges', /width_bucket \(Spark's width_bucket returns NULL where PostgreSQL raises/),
  ...['degree_trigonometry', 'degree_inverse_trigonometry', 'degree_trigonometry_of_integers'].flatMap((p) => sparkUnsupported(p, /Spark has no trigonometry in degrees/)),
  ...sparkUnsupported('make_timestamp_fields', /make_timestamp \(Spark's make_timestamp_ntz rounds seconds half up/),
  ...sparkUnsupported('age_of_timestamps', /CAST\(utf8 AS timestamp\) \(text to timestamp accepts other forms than PostgreSQL on Spark\)/),
  ...sparkUnsupported('age_of_dates', /age \(Spark has no age\)/),
  ...['cast_to_text', 'cast_float_to_text_extremes', 'concat_numbers_and_dates'].flatMap((p) => sparkUnsupported(p, /CAST\(float64 AS utf8\) \(double to text differs from PostgreSQL on Spark\)/)),
  ...['timestamp_arithmetic_and_extract', 'timestamp_interval_mix'].flatMap((p) => sparkUnsupported(p, /subtract \(timestamp - timestamp is an INTERVAL DAY TO SECOND on Spark/)),
];

/** A probe whose construct relc refuses on Spark (BACKEND_UNSUPPORTED at compile time, never a wrong result). */
function sparkUnsupported(probe: string, message: RegExp): Documented[] {
  return [{ probe, reason: 'the construct has no Spark SQL form with PostgreSQL\'s meaning: relc refuses it (BACKEND_UNSUPPORTED) before Spark sees it', relc: { spark: { error: 'BACKEND_UNSUPPORTED', message } } }];
}

/**
 * Spark outcomes of the probes main documents for the other targets (or for none), merged into
 * their entries: relc's coded refusals (BACKEND_UNSUPPORTED naming the function), PostgreSQL's
 * errors raised on Spark through raise_error, and Spark's own errors where relc's text fails there.
 */
/** Spark's refusal of a JSON function: no JSON type with PostgreSQL's grammar and printing. */
const noJsonOnSpark = (fn: string): Outcome => ({ error: 'BACKEND_UNSUPPORTED', message: new RegExp(`^${fn} \\(Spark has no JSON type with PostgreSQL's grammar and printing\\) is not supported on spark$`) });

const SPARK: readonly (readonly [string, Outcome])[] = [
  ['factorial_values', { error: 'BACKEND_UNSUPPORTED', message: /factorial \(Spark's factorial stops at 20! and gives NULL past it\)/ }],
  ['factorial_of_columns', { error: 'BACKEND_UNSUPPORTED', message: /factorial \(Spark's factorial stops at 20! and gives NULL past it\)/ }],
  ['extract_fields_of_negative_intervals', { error: 'BACKEND_UNSUPPORTED', message: /^extract_interval_second \(intervals are not expressed on Spark\) is not supported on spark$/ }],
  ['interval_divided_by_number', { error: 'BACKEND_UNSUPPORTED', message: /divide \(intervals are not expressed on Spark\)/ }],
  ['interval_plus_minus_interval', { error: 'BACKEND_UNSUPPORTED', message: /make_interval \(intervals are not expressed on Spark\)/ }],
  ['make_interval_fields', { error: 'BACKEND_UNSUPPORTED', message: /make_interval \(intervals are not expressed on Spark\)/ }],
  ['justify_functions', { error: 'BACKEND_UNSUPPORTED', message: /^a VALUES column of intervals \(column2\) cannot be expressed in spark SQL, which has no interval column type holding months, days and time tog/ }],
  ['extract_interval_fields', { error: 'BACKEND_UNSUPPORTED', message: /^a VALUES column of intervals \(column2\) cannot be expressed in spark SQL, which has no interval column type holding months, days and time tog/ }],
  ['date_bin_strides', { error: 'BACKEND_UNSUPPORTED', message: /date_bin \(intervals are not expressed on Spark\)/ }],
  ['date_bin_of_dates', { error: 'BACKEND_UNSUPPORTED', message: /date_bin \(intervals are not expressed on Spark\)/ }],
  ['to_timestamp_of_epoch', { error: 'BACKEND_UNSUPPORTED', message: /to_timestamp \(to_timestamp of epoch seconds is not expressed on Spark\)/ }],
  ['to_timestamp_of_columns', { error: 'BACKEND_UNSUPPORTED', message: /to_timestamp \(to_timestamp of epoch seconds is not expressed on Spark\)/ }],
  ['to_date_and_to_timestamp_formats', { error: 'BACKEND_UNSUPPORTED', message: /regexp_replace \(Spark's regexp_replace replaces every match and reads groups as \$1\)/ }],
  ['to_date_orders_and_quoted_text', { error: 'BACKEND_UNSUPPORTED', message: /regexp_replace \(Spark's regexp_replace replaces every match and reads groups as \$1\)/ }],
  ['to_date_partial_formats', { error: 'BACKEND_UNSUPPORTED', message: /regexp_replace \(Spark's regexp_replace replaces every match and reads groups as \$1\)/ }],
  ['date_trunc_of_intervals', { error: 'BACKEND_UNSUPPORTED', message: /^a VALUES column of intervals \(column2\) cannot be expressed in spark SQL, which has no interval column type holding months, days and time tog/ }],
  ['sum_and_avg_of_intervals', { error: 'BACKEND_UNSUPPORTED', message: /^a VALUES column of intervals \(column3\) cannot be expressed in spark SQL, which has no interval column type holding months, days and time tog/ }],
  ['sum_and_avg_of_intervals_over_windows', { error: 'BACKEND_UNSUPPORTED', message: /make_interval \(intervals are not expressed on Spark\)/ }],
  ['order_by_interval_and_min_max', { error: 'BACKEND_UNSUPPORTED', message: /^a VALUES column of intervals \(column1\) cannot be expressed in spark SQL, which has no interval column type holding months, days and time tog/ }],
  ['min_max_of_intervals_grouped', { error: 'BACKEND_UNSUPPORTED', message: /^multiply \(intervals are not expressed on Spark\) is not supported on spark$/ }],
  ['to_char_of_intervals', { error: 'BACKEND_UNSUPPORTED', message: /^a VALUES column of intervals \(column2\) cannot be expressed in spark SQL, which has no interval column type holding months, days and time tog/ }],
  ['named_arguments_of_make_functions', { error: 'BACKEND_UNSUPPORTED', message: /make_interval \(intervals are not expressed on Spark\)/ }],
  ['bytea_length_and_substr', { error: 'BACKEND_UNSUPPORTED', message: /bytea_substr \(Spark's substr of binary counts a start below 1 otherwise than PostgreSQL\)/ }],
  ['encode_decode_hex_and_base64', { error: 'BACKEND_UNSUPPORTED', message: /encode_base64 \(Spark's base64 does not break lines as PostgreSQL's encode\)/ }],
  ['encode_base64_line_breaks', { error: 'BACKEND_UNSUPPORTED', message: /encode_base64 \(Spark's base64 does not break lines as PostgreSQL's encode\)/ }],
  ['convert_to_and_from_utf8', { error: 'BACKEND_UNSUPPORTED', message: /convert_from \(convert_from is not expressed on Spark\)/ }],
  ['get_and_set_byte_and_bit', { error: 'BACKEND_UNSUPPORTED', message: /get_byte \(get_byte is not expressed on Spark\)/ }],
  ['regexp_instr_positions', { error: 'BACKEND_UNSUPPORTED', message: /regexp_instr \(regexp_instr is not expressed on Spark\)/ }],
  ['quote_ident_quotes_when_needed', { error: 'BACKEND_UNSUPPORTED', message: /quote_ident \(quote_ident is not expressed on Spark\)/ }],
  ['normalize_nfc_and_is_normalized', { error: 'BACKEND_UNSUPPORTED', message: /nfc_normalize \(Spark has no Unicode normalization\)/ }],
  ['normalize_nfd_nfkc_nfkd', { error: 'BACKEND_UNSUPPORTED', message: /nfd_normalize \(Spark has no Unicode normalization\)/ }],
  ['format_s_l_i_and_positions', { error: 'BACKEND_UNSUPPORTED', message: /quote_ident \(quote_ident is not expressed on Spark\)/ }],
  ['bytea_trim_position_overlay', { error: 'BACKEND_UNSUPPORTED', message: /bytea_btrim \(btrim of bytea is not expressed on Spark\)/ }],
  ['bytea_search_and_trim_stay_on_byte_boundaries', { error: 'BACKEND_UNSUPPORTED', message: /byteapos \(position of bytea is not expressed on Spark\)/ }],
  ['encode_escape', { error: 'BACKEND_UNSUPPORTED', message: /encode_escape \(encode\(…, 'escape'\) is not expressed on Spark\)/ }],
  ['decode_escape', { error: 'BACKEND_UNSUPPORTED', message: /decode_escape \(decode\(…, 'escape'\) is not expressed on Spark\)/ }],
  ['unistr_of_a_column', { error: 'BACKEND_UNSUPPORTED', message: /unistr \(Spark has no unistr\)/ }],
  ['regex_bracket_with_leading_close_bracket', { error: 'BACKEND_UNSUPPORTED', message: /regexp_replace \(Spark's regexp_replace replaces every match and reads groups as \$1\)/ }],
  ['bytea_as_text_is_hex_output', { error: 'BACKEND_UNSUPPORTED', message: /CAST\(binary AS utf8\) \(binary to text differs from PostgreSQL on Spark\)/ }],
  ['substring_from_regex', { error: 'BACKEND_UNSUPPORTED', message: /substring_regex \(substring of a regular expression is not expressed on Spark\)/ }],
  ['substring_from_regex_optional_group', { error: 'BACKEND_UNSUPPORTED', message: /substring_regex_optional \(substring of a regular expression is not expressed on Spark\)/ }],
  ['trim_without_set_trims_spaces_only', { error: 'BACKEND_UNSUPPORTED', message: /chr \(Spark's chr takes the code point modulo 256\)/ }],
  ['reverse_by_code_points', { error: 'BACKEND_UNSUPPORTED', message: /chr \(Spark's chr takes the code point modulo 256\)/ }],
  ['regexp_count_instr_substr_with_flags_and_n', { error: 'BACKEND_UNSUPPORTED', message: /regexp_count \(the start, N, flags and group arguments of the regexp functions are not expr/ }],
  ['regexp_search_from_a_later_start', { error: 'BACKEND_UNSUPPORTED', message: /regexp_count \(the start, N, flags and group arguments of the regexp functions are not expr/ }],
  ['regexp_nth_match_position', { error: 'BACKEND_UNSUPPORTED', message: /regexp_instr \(regexp_instr is not expressed on Spark\)/ }],
  ['regexp_group_subexpr', { error: 'BACKEND_UNSUPPORTED', message: /regexp_substr \(the start, N, flags and group arguments of the regexp functions are not exp/ }],
  ['unistr_of_a_column_escapes', { error: 'BACKEND_UNSUPPORTED', message: /unistr \(Spark has no unistr\)/ }],
  ['format_widths', { error: 'BACKEND_UNSUPPORTED', message: /quote_ident \(quote_ident is not expressed on Spark\)/ }],
  ['interval_times_number', { error: 'BACKEND_UNSUPPORTED', message: /^multiply \(intervals are not expressed on Spark\) is not supported on spark$/ }],
  ['interval_comparisons', { error: 'BACKEND_UNSUPPORTED', message: /^a VALUES column of intervals \(column2\) cannot be expressed in spark SQL, which has no interval column type holding months, days and time tog/ }],
  ['isfinite_values', { error: 'BACKEND_UNSUPPORTED', message: /^multiply \(intervals are not expressed on Spark\) is not supported on spark$/ }],
  ['min_max_of_intervals_over_windows', { error: 'BACKEND_UNSUPPORTED', message: /^multiply \(intervals are not expressed on Spark\) is not supported on spark$/ }],
  ['group_by_interval_equal_spans', { error: 'BACKEND_UNSUPPORTED', message: /^a VALUES column of intervals \(column1\) cannot be expressed in spark SQL, which has no interval column type holding months, days and time tog/ }],
  ['factorial_negative_is_error', { error: 'BACKEND_UNSUPPORTED', message: /factorial \(Spark's factorial stops at 20! and gives NULL past it\)/ }],
  ['date_bin_with_months_is_error', { error: 'BACKEND_UNSUPPORTED', message: /date_bin \(intervals are not expressed on Spark\)/ }],
  ['to_timestamp_nan_is_error', { error: 'BACKEND_UNSUPPORTED', message: /to_timestamp \(to_timestamp of epoch seconds is not expressed on Spark\)/ }],
  ['sqrt_negative_is_error', { error: 'Spark', message: /cannot take square root of a negative number/ }],
  ['ln_zero_is_error', { error: 'Spark', message: /cannot take logarithm of zero/ }],
  ['log10_negative_is_error', { error: 'Spark', message: /cannot take logarithm of a negative number/ }],
  ['power_zero_to_negative_is_error', { error: 'Spark', message: /zero raised to a negative power is undefined/ }],
  ['power_negative_to_fraction_is_error', { error: 'Spark', message: /a negative number raised to a non-integer power yields a complex result/ }],
  ['asin_out_of_range_is_error', { error: 'Spark', message: /input is out of range/ }],
  ['acos_out_of_range_is_error', { error: 'Spark', message: /input is out of range/ }],
  ['acosh_below_one_is_error', { error: 'Spark', message: /input is out of range/ }],
  ['atanh_out_of_range_is_error', { error: 'Spark', message: /input is out of range/ }],
  ['to_date_invalid_is_error', { error: 'BACKEND_UNSUPPORTED', message: /regexp_replace \(Spark's regexp_replace replaces every match and reads groups as \$1\)/ }],
  ['date_trunc_interval_week_is_error', { error: 'BACKEND_UNSUPPORTED', message: /^multiply \(intervals are not expressed on Spark\) is not supported on spark$/ }],
  ['bytea_substr_negative_count_is_error', { error: 'BACKEND_UNSUPPORTED', message: /bytea_substr \(Spark's substr of binary/ }],
  ['decode_hex_odd_digits_is_error', { error: 'BACKEND_UNSUPPORTED', message: /decode_hex \(Spark's unhex/ }],
  ['convert_from_invalid_utf8_is_error', { error: 'BACKEND_UNSUPPORTED', message: /convert_from \(convert_from is not expressed on Spark\)/ }],
  ['convert_from_nul_is_error', { error: 'BACKEND_UNSUPPORTED', message: /convert_from \(convert_from is not expressed on Spark\)/ }],
  ['get_byte_out_of_range_is_error', { error: 'BACKEND_UNSUPPORTED', message: /get_byte \(get_byte is not expressed on Spark\)/ }],
  ['set_bit_not_a_bit_is_error', { error: 'BACKEND_UNSUPPORTED', message: /set_bit \(set_bit is not expressed on Spark\)/ }],
  ['set_bit_index_checked_before_bit', { error: 'BACKEND_UNSUPPORTED', message: /set_bit \(set_bit is not expressed on Spark\)/ }],
  ['decode_escape_invalid_is_error', { error: 'BACKEND_UNSUPPORTED', message: /decode_escape \(decode\(…, 'escape'\) is not expressed on Spark\)/ }],
  ['unistr_invalid_escape_is_error', { error: 'BACKEND_UNSUPPORTED', message: /unistr \(Spark has no unistr\)/ }],
  ['cardinality_and_array_length', { error: 'BACKEND_UNSUPPORTED', message: /^string_to_array \(string_to_array is not expressed on Spark \(its split reads the separator as a regular expression\)\) is not supported on spar/ }],
  ['string_to_array_edges', { error: 'BACKEND_UNSUPPORTED', message: /^string_to_array \(string_to_array is not expressed on Spark \(its split reads the separator as a regular expression\)\) is not supported on spar/ }],
  ['jsonb_of_text_columns_prints_as_postgresql', noJsonOnSpark('jsonb_in')],
  ['json_arrow_operators', noJsonOnSpark('json_in')],
  ['jsonb_arrow_operators', noJsonOnSpark('jsonb_in')],
  ['json_path_operators_and_functions', noJsonOnSpark('json_in')],
  ['json_typeof_and_array_length', noJsonOnSpark('json_in')],
  ['jsonb_containment_and_existence', noJsonOnSpark('json_in')],
  ['to_json_of_scalars', { error: 'BACKEND_UNSUPPORTED', message: /^CAST\(float64 AS utf8\) \(double to text differs from PostgreSQL on Spark\) is not supported on spark$/ }],
  ['json_build_object_and_array', noJsonOnSpark('json_quote')],
  ['jsonb_build_object_of_columns', noJsonOnSpark('json_quote')],
  ['json_value_through_a_derived_table_is_text', noJsonOnSpark('json_quote')],
  ['json_agg_ordered_and_object_agg', noJsonOnSpark('json_quote')],
  ['json_agg_over_no_rows_is_null', noJsonOnSpark('json_quote')],
  ['jsonb_agg_and_object_agg', noJsonOnSpark('json_quote')],
  ['jsonb_concat_delete_equal', noJsonOnSpark('jsonb_in')],
  ['regexp_split_to_array_edges', { error: 'BACKEND_UNSUPPORTED', message: /^regexp_split_to_array \(regexp_split_to_array is not expressed on Spark\) is not supported on spark$/ }],
  ['regexp_match_groups', { error: 'BACKEND_UNSUPPORTED', message: /^regexp_match \(regexp_match is not expressed on Spark\) is not supported on spark$/ }],
  ['jsonb_pretty_and_strip_nulls', noJsonOnSpark('jsonb_in')],
  ['json_typeof_of_text_built_at_run_time', noJsonOnSpark('json_in')],
  ['order_by_an_array', { error: 'BACKEND_UNSUPPORTED', message: /^ordering by a list \(Spark orders a NULL element before the others, PostgreSQL after\) is not supported on spark$/ }],
  ['jsonb_contained_and_any_all_keys', noJsonOnSpark('json_in')],
  ['jsonb_set_paths', noJsonOnSpark('jsonb_in')],
  ['regexp_substr_no_match_is_null_even_of_constants', { error: 'BACKEND_UNSUPPORTED', message: /^substring_regex \(substring of a regular expression is not expressed on Spark\) is not supported on spark$/ }],
];
const SPARK_REASON = 'on Spark relc refuses the construct (BACKEND_UNSUPPORTED) or Spark fails where PostgreSQL answers; the outcome is asserted exactly (src/lower/sql/CONTEXT.md, Spark)';
const sparkOutcomes = new Map(SPARK);

export const DOCUMENTED: readonly Documented[] = [
  ...BASE.map((d): Documented => { const spark = sparkOutcomes.get(d.probe); return spark && !d.relc.spark ? { ...d, relc: { ...d.relc, spark } } : d; }),
  ...SPARK.filter(([probe]) => !BASE.some((d) => d.probe === probe)).map(([probe, spark]): Documented => ({ probe, reason: SPARK_REASON, relc: { spark } })),
];
