// The Substrait simple-extension files relc refers to: their URIs and URNs, and the function
// implementations (compound signatures) each declares, as facts from the specification's YAML
// files. relc's own extension (`functions_relc.yaml`, beside this file) declares what the
// standard files lack. Both directions read this table: the producer to pick a declaration,
// the consumer to check one.

import type { SLiteral, SType } from './messages.ts';

/** Where the standard extension YAML files live (the URI form pyarrow's Acero recognizes). */
export const STANDARD_URI_BASE = 'https://github.com/substrait-io/substrait/blob/main/extensions/';
export const STANDARD_URN_PREFIX = 'extension:io.substrait:';

export const RELC_EXTENSION = {
  stem: 'functions_relc',
  uri: 'https://relc.dev/substrait/extensions/functions_relc.yaml',
  urn: 'extension:dev.relc:functions_relc',
} as const;

export interface ExtensionFile {
  readonly stem: string;
  readonly uri: string;
  readonly urn: string;
}

export function standardExtension(stem: string): ExtensionFile {
  return { stem, uri: `${STANDARD_URI_BASE}${stem}.yaml`, urn: `${STANDARD_URN_PREFIX}${stem}` };
}

export function extensionFile(stem: string): ExtensionFile {
  return stem === RELC_EXTENSION.stem ? RELC_EXTENSION : standardExtension(stem);
}

/**
 * Compound signatures by extension file. A trailing `...` marks a variadic last argument (the
 * compound name lists it once). Only the functions relc can name are listed; order within a
 * file does not matter because argument patterns never overlap.
 */
const INT = ['i8', 'i16', 'i32', 'i64'] as const;
const NUM = [...INT, 'fp32', 'fp64'] as const;
const un = (name: string, types: readonly string[]) => types.map((t) => `${name}:${t}`);
const bin = (name: string, types: readonly string[]) => types.map((t) => `${name}:${t}_${t}`);

export const STANDARD_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  functions_boolean: ['and:bool...', 'or:bool...', 'not:bool', 'xor:bool_bool', 'and_not:bool_bool', 'bool_and:bool', 'bool_or:bool'],
  functions_comparison: [
    'equal:any_any', 'not_equal:any_any', 'lt:any_any', 'lte:any_any', 'gt:any_any', 'gte:any_any',
    'is_distinct_from:any_any', 'is_not_distinct_from:any_any', 'between:any_any_any',
    'is_null:any', 'is_not_null:any', 'is_true:bool', 'is_false:bool', 'is_not_true:bool', 'is_not_false:bool',
    'is_nan:fp32', 'is_nan:fp64', 'nullif:any_any', 'coalesce:any...', 'least:any...', 'greatest:any...', 'least_skip_null:any...', 'greatest_skip_null:any...',
  ],
  functions_arithmetic: [
    ...bin('add', NUM), ...bin('subtract', NUM), ...bin('multiply', NUM), ...bin('divide', NUM), ...bin('modulus', INT),
    ...un('negate', NUM), ...un('abs', NUM), ...un('sign', NUM), ...bin('power', ['i64', 'fp32', 'fp64']),
    ...un('sqrt', ['i64', 'fp32', 'fp64']), ...un('exp', ['i64', 'fp32', 'fp64']),
    ...['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'radians', 'degrees'].flatMap((f) => un(f, ['fp32', 'fp64'])), ...bin('atan2', ['fp32', 'fp64']),
    ...['sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh'].flatMap((f) => un(f, ['fp32', 'fp64'])),
    ...un('bitwise_not', INT), ...bin('bitwise_and', INT), ...bin('bitwise_or', INT), ...bin('bitwise_xor', INT),
    ...un('sum', NUM), ...un('avg', NUM), ...un('min', NUM), ...un('max', NUM), ...un('product', NUM),
    ...un('std_dev', ['fp32', 'fp64']), ...un('variance', ['fp32', 'fp64']),
    'row_number:', 'rank:', 'dense_rank:', 'percent_rank:', 'cume_dist:', 'ntile:i32', 'ntile:i64',
    'first_value:any', 'last_value:any', 'nth_value:any_i32', 'lead:any', 'lead:any_i32', 'lead:any_i32_any', 'lag:any', 'lag:any_i32', 'lag:any_i32_any',
  ],
  functions_arithmetic_decimal: [
    'add:dec_dec', 'subtract:dec_dec', 'multiply:dec_dec', 'divide:dec_dec', 'modulus:dec_dec', 'abs:dec',
    'sum:dec', 'avg:dec', 'min:dec', 'max:dec',
  ],
  functions_rounding: ['ceil:fp32', 'ceil:fp64', 'floor:fp32', 'floor:fp64', ...INT.map((t) => `round:${t}_i32`), 'round:fp32_i32', 'round:fp64_i32'],
  functions_rounding_decimal: ['ceil:dec', 'floor:dec', 'round:dec_i32'],
  functions_logarithmic: [...un('ln', ['i64', 'fp32', 'fp64', 'dec']), ...un('log10', ['i64', 'fp32', 'fp64', 'dec']), ...un('log2', ['i64', 'fp32', 'fp64', 'dec'])],
  functions_string: [
    'concat:str...', 'like:str_str', 'substring:str_i32_i32', 'substring:str_i32', 'starts_with:str_str', 'ends_with:str_str', 'contains:str_str',
    'strpos:str_str', 'replace:str_str_str', 'concat_ws:str_str...', 'repeat:str_i64', 'reverse:str', 'lower:str', 'upper:str',
    'char_length:str', 'bit_length:str', 'octet_length:str', 'ltrim:str_str', 'rtrim:str_str', 'trim:str_str', 'lpad:str_i32_str',
    'rpad:str_i32_str', 'left:str_i32', 'right:str_i32', 'string_agg:str_str', 'regexp_replace:str_str_str',
  ],
  functions_datetime: [
    'extract:req_ts', 'extract:req_pts', 'extract:req_date', 'extract:req_req_pts', 'extract:req_req_date', 'add:ts_iyear', 'add:ts_iday', 'add:pts_iyear', 'add:pts_iday', 'add:date_iyear', 'add:date_iday',
    'subtract:ts_iyear', 'subtract:ts_iday', 'subtract:pts_iyear', 'subtract:pts_iday', 'subtract:date_iyear', 'subtract:date_iday',
    'min:date', 'min:ts', 'min:pts', 'min:iday', 'min:iyear', 'max:date', 'max:ts', 'max:pts', 'max:iday', 'max:iyear',
  ],
  functions_aggregate_generic: ['count:any', 'count:', 'any_value:any'],
};

/**
 * relc's own extension: what the standard files lack, with relc's (PostgreSQL) semantics. Kept
 * in step with functions_relc.yaml by a test.
 */
export const RELC_FUNCTIONS: readonly string[] = [
  'stable_id:any...',
  'nfc_normalize:str',
  'md5:str',
  'split_part:str_str_i32',
  'split_part:str_str_i64',
  'translate:str_str_str',
  'ascii:str',
  'chr:i32',
  'chr:i64',
  'cbrt:fp64',
  'pi:',
  'factorial:i32',
  'factorial:i64',
  'gcd:i32_i32',
  'gcd:i64_i64',
  'lcm:i32_i32',
  'lcm:i64_i64',
  'cot:fp64',
  'sind:fp64',
  'cosd:fp64',
  'tand:fp64',
  'cotd:fp64',
  'asind:fp64',
  'acosd:fp64',
  'atand:fp64',
  'atan2d:fp64_fp64',
  'make_date:i32_i32_i32',
  'make_date:i64_i64_i64',
  'make_timestamp:i64_i64_i64_i64_i64_fp64',
  'age:pts_pts',
  'date_bin:iday_pts_pts',
  'extract_interval_day:iday',
  'extract_interval_epoch:iday',
  'extract_interval_hour:iday',
  'extract_interval_microseconds:iday',
  'extract_interval_minute:iday',
  'extract_interval_month:iday',
  'extract_interval_second:iday',
  'extract_interval_year:iday',
  'isfinite:date',
  'isfinite:iday',
  'isfinite:pts',
  'justify_days:iday',
  'justify_hours:iday',
  'justify_interval:iday',
  'make_interval:i64_i64_i64_i64_i64_i64_fp64',
  'to_timestamp:fp64',
  'to_hex:i32',
  'to_hex:i64',
  'stddev_samp:fp64',
  'stddev_pop:fp64',
  'var_samp:fp64',
  'var_pop:fp64',
  'percentile_cont:fp64_fp64',
  'percentile_disc:any_fp64',
  'corr:fp64_fp64',
  'covar_pop:fp64_fp64',
  'covar_samp:fp64_fp64',
  'regr_slope:fp64_fp64',
  'regr_intercept:fp64_fp64',
  'regr_r2:fp64_fp64',
  'regr_avgx:fp64_fp64',
  'regr_avgy:fp64_fp64',
  'regr_sxx:fp64_fp64',
  'regr_syy:fp64_fp64',
  'regr_sxy:fp64_fp64',
  'regr_count:fp64_fp64',
  'bit_and:i32',
  'bit_and:i64',
  'bit_or:i32',
  'bit_or:i64',
  'bit_xor:i32',
  'bit_xor:i64',
  'ilike:str_str',
  'like:str_str_str',
  'ilike:str_str_str',
  'min:any',
  'max:any',
  'add:date_i32',
  'add:date_i64',
  'subtract:date_i32',
  'subtract:date_i64',
  'subtract:date_date',
  'subtract:pts_pts',
  'add:date_icompound',
  'add:pts_icompound',
  'subtract:date_icompound',
  'subtract:pts_icompound',
  'add:icompound_icompound',
  'add:iday_iday',
  'subtract:iday_iday',
  'multiply:iday_i32',
  'multiply:iday_i64',
  'multiply:iday_fp64',
  'multiply:iday_dec',
  'multiply:i32_iday',
  'multiply:i64_iday',
  'multiply:fp64_iday',
  'multiply:dec_iday',
  'divide:iday_i32',
  'divide:iday_i64',
  'divide:iday_fp64',
  'divide:iday_dec',
  'negate:icompound',
  'negate:iday',
  'negate:dec',
  'sign:dec',
  'modulus:fp64_fp64',
  'floor:i32',
  'floor:i64',
  'ceil:i32',
  'ceil:i64',
  'date_part:str_date',
  'date_part:str_pts',
  'date_trunc:str_date',
  'date_trunc:str_pts',
  'date_trunc:str_iday',
  'initcap:str',
  'quote_literal:str',
  'quote_nullable:str',
  'extract_microseconds:date',
  'extract_microseconds:pts',
  'trunc:i32',
  'trunc:i64',
  'trunc:fp64',
  'trunc:dec',
  'trunc:i32_i32',
  'trunc:i64_i32',
  'trunc:fp64_i32',
  'trunc:dec_i32',
  'regexp_like:str_str',
  'regexp_ilike:str_str',
  'regexp_replace:str_str_str_str',
  'regexp_count:str_str',
  'regexp_substr:str_str',
  'regexp_count:str_str_i32_str',
  'regexp_substr:str_str_i32_i32_str_i32',
  'regexp_instr:str_str_i32_i32_i32_str_i32',
  'shift_left:i32_i32',
  'shift_left:i64_i32',
  'shift_right:i32_i32',
  'shift_right:i64_i32',
  'width_bucket:fp64_fp64_fp64_i32',
  'mode:any',
  'regexp_instr:str_str',
  'nfd_normalize:str',
  'nfkc_normalize:str',
  'nfkd_normalize:str',
  'quote_ident:str',
  'md5:vbin',
  'sha224:vbin',
  'sha256:vbin',
  'sha384:vbin',
  'sha512:vbin',
  'byteacat:vbin_vbin',
  'byteaoctetlen:vbin',
  'bytea_substr:vbin_i32',
  'bytea_substr:vbin_i32_i32',
  'encode_hex:vbin',
  'encode_base64:vbin',
  'decode_hex:str',
  'decode_base64:str',
  'convert_to:str',
  'convert_from:vbin',
  'get_byte:vbin_i32',
  'set_byte:vbin_i32_i32',
  'get_bit:vbin_i64',
  'set_bit:vbin_i64_i32',
  'bit_count:vbin',
  'unistr:str',
  'encode_escape:vbin',
  'decode_escape:str',
  'byteapos:vbin_vbin',
  'bytea_btrim:vbin_vbin',
  'bytea_ltrim:vbin_vbin',
  'bytea_rtrim:vbin_vbin',
  'substring_regex:str_str',
  'substring_regex_optional:str_str',
  'sum:iday',
  'avg:iday',
  'array_agg:any',
  'array_construct:any...',
  'array_element:list_i32',
  'array_element:list_i64',
  'cardinality:list',
  'array_length:list_i32',
  'array_length:list_i64',
  'array_to_string:list_str',
  'array_to_string:list_str_str',
  'string_to_array:str_str',
  'string_to_array:str_str_str',
  'array_position:list_any',
  'array_cat:list_list',
  'any_equal:any_list',
  'array_contains:list_list',
  'array_remove:list_any',
  'array_replace:list_any_any',
  'array_overlap:list_list',
  'regexp_split_to_array:str_str_str',
  'regexp_match:str_str_str',
  'json_in:str',
  'jsonb_in:str',
  'json_get:str_str',
  'json_get:str_i32',
  'json_get:str_i64',
  'json_get_text:str_str',
  'json_get_text:str_i32',
  'json_get_text:str_i64',
  'json_path_get:str_str',
  'json_path_get_text:str_str',
  'json_typeof:str',
  'json_array_length:str',
  'jsonb_contains:str_str',
  'jsonb_exists:str_str',
  'json_quote:str',
  'jsonb_concat:str_str',
  'jsonb_delete:str_str',
  'jsonb_delete:str_i32',
  'jsonb_delete:str_i64',
  'jsonb_equal:str_str',
  'jsonb_pretty:str',
  'jsonb_set:str_list_str_bool',
  'jsonb_strip_nulls:str',
];

export interface ImplSignature {
  readonly stem: string;
  readonly name: string;
  /** The compound name, `name:arg_arg` (variadic arguments listed once). */
  readonly compound: string;
  readonly args: readonly string[];
  readonly variadic: boolean;
}

function parse(stem: string, text: string): ImplSignature {
  const variadic = text.endsWith('...');
  const compound = variadic ? text.slice(0, -3) : text;
  const colon = compound.indexOf(':');
  const name = compound.slice(0, colon);
  const rest = compound.slice(colon + 1);
  return { stem, name, compound, args: rest === '' ? [] : rest.split('_'), variadic };
}

/** Every known implementation, standard files first (in the order above), relc's last. */
export const IMPLEMENTATIONS: readonly ImplSignature[] = [
  ...Object.entries(STANDARD_FUNCTIONS).flatMap(([stem, list]) => list.map((t) => parse(stem, t))),
  ...RELC_FUNCTIONS.map((t) => parse(RELC_EXTENSION.stem, t)),
];

/** Implementations by simple function name. */
export const IMPLEMENTATIONS_BY_NAME: ReadonlyMap<string, readonly ImplSignature[]> = (() => {
  const m = new Map<string, ImplSignature[]>();
  for (const s of IMPLEMENTATIONS) {
    const list = m.get(s.name) ?? [];
    list.push(s);
    m.set(s.name, list);
  }
  return m;
})();

/** The extension file stem a URI or URN names, or undefined when relc does not know it. */
export function stemOf(uriOrUrn: string): string | undefined {
  if (uriOrUrn === RELC_EXTENSION.uri || uriOrUrn === RELC_EXTENSION.urn) return RELC_EXTENSION.stem;
  const m = /(?:^|[/:])([a-z_]+?)(?:\.yaml)?$/.exec(uriOrUrn);
  const stem = m?.[1];
  return stem && (stem in STANDARD_FUNCTIONS || stem.startsWith('functions_')) ? stem : undefined;
}

/** How a relc date-part function is written as Substrait's `extract` (or relc's `date_part`). */
export interface ExtractForm {
  /** The component enumeration value of `extract`. */
  readonly component: string;
  /**
   * The indexing enumeration (ONE or ZERO) the standard requires for counted components
   * (QUARTER, MONTH, DAY, DAY_OF_YEAR, day of week…): the `extract:req_req_*` form.
   */
  readonly indexing?: 'ONE' | 'ZERO';
  /** The component as a time of day: the standard reads it from timestamps only (a date is cast). */
  readonly timeOfDay?: boolean;
  /** The field name of relc's `date_part` (PostgreSQL's date_part field), for consumers without enum arguments. */
  readonly field: string;
}

/**
 * relc's date-part functions → Substrait's `extract`. PostgreSQL's dow (Sunday = 0) is the
 * standard SUNDAY_DAY_OF_WEEK counted from ZERO; every result is an i64, seconds whole.
 */
export const EXTRACT_COMPONENTS: Readonly<Record<string, ExtractForm>> = {
  extract_year: { component: 'YEAR', field: 'year' },
  extract_quarter: { component: 'QUARTER', indexing: 'ONE', field: 'quarter' },
  extract_month: { component: 'MONTH', indexing: 'ONE', field: 'month' },
  extract_day: { component: 'DAY', indexing: 'ONE', field: 'day' },
  extract_doy: { component: 'DAY_OF_YEAR', indexing: 'ONE', field: 'doy' },
  extract_dow: { component: 'SUNDAY_DAY_OF_WEEK', indexing: 'ZERO', field: 'dow' },
  extract_isodow: { component: 'MONDAY_DAY_OF_WEEK', indexing: 'ONE', field: 'isodow' },
  extract_week: { component: 'ISO_WEEK', indexing: 'ONE', field: 'week' },
  extract_isoyear: { component: 'ISO_YEAR', field: 'isoyear' },
  extract_epoch: { component: 'UNIX_TIME', field: 'epoch' },
  extract_hour: { component: 'HOUR', timeOfDay: true, field: 'hour' },
  extract_minute: { component: 'MINUTE', timeOfDay: true, field: 'minute' },
  extract_second: { component: 'SECOND', timeOfDay: true, field: 'second' },
};

/**
 * relc functions whose standard Substrait function needs an option to mean what relc means
 * (concat's `null_handling` = ACCEPT_NULLS): with nullable arguments the producer also guards
 * the call with explicit NULL checks, so consumers that ignore options still agree, and the
 * decoder reads the guard back as the plain call.
 */
export const NULL_GUARDED: ReadonlySet<string> = new Set(['concat']);

/**
 * Arguments relc's functions default that the standard signatures take explicitly: the
 * producer appends the default when a call has `arity` arguments, the decoder drops exactly
 * this literal again. Trimming and padding use a space (PostgreSQL); round(x) rounds to 0
 * digits (its tie rule is an option, see the producer's roundingOf).
 */
export const DEFAULT_ARGUMENTS: Readonly<Record<string, { readonly arity: number; readonly literal: SLiteral; readonly type: SType }>> = (() => {
  const space = { literal: { string: ' ' }, type: { string: { nullability: 'NULLABILITY_REQUIRED' } } } as const;
  return {
    trim: { arity: 1, ...space },
    ltrim: { arity: 1, ...space },
    rtrim: { arity: 1, ...space },
    lpad: { arity: 2, ...space },
    rpad: { arity: 2, ...space },
    round: { arity: 1, literal: { i32: 0 }, type: { i32: { nullability: 'NULLABILITY_REQUIRED' } } },
  };
})();

/**
 * relc functions that are NULL when their divisor (the argument at this position) is zero,
 * where standard consumers may raise or return ±inf/NaN: the producer guards the call with
 * `if divisor = 0 then NULL else f(...)` (and pins the standard options), and the decoder
 * reads that guard back as the plain call.
 */
export const ZERO_GUARDED: Readonly<Record<string, number>> = { divide: 1, modulus: 1 };
