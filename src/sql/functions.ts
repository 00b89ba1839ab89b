// SQL function names → registry functions (data). Names differ by dialect (`substr`, `instr`,
// `ifnull`); a few SQL forms are built from several registry calls (`concat`, `if`, `date_part`).

import { E, REGISTRY, T, typeToString, type DataType, type Expr } from '../ir/index.ts';
import { buildCall, castTyped, commonTypeOf, widenAll, adaptLiterals, typedLit, type CallSite, type Typed } from './coerce.ts';
import type { SourceDialect } from './dialects.ts';
import { toCharOfTimestamp } from './to-char.ts';
import { toCharOfNumber } from './to-char-number.ts';
import { parseWithFormat } from './to-timestamp-format.ts';
import type { Span } from './source.ts';
import { jsonbOf, jsonbSetCall, jsonBuildArray, jsonBuildObject, jsonExtractPath, jsonOfPlain, toJson } from './json.ts';

import type { BuildInput, ScalarFnSpec } from './function-spec.ts';
import { STRING_CALLS, concatSkippingNulls, concatWsOfText } from './string-calls.ts';

export type { Arity, BuildInput, ScalarFnSpec } from './function-spec.ts';
const ANY = Infinity;

/** Date parts of EXTRACT / date_part → registry function. */
export const DATE_PARTS: Readonly<Record<string, string>> = {
  year: 'extract_year', years: 'extract_year', quarter: 'extract_quarter', month: 'extract_month', months: 'extract_month',
  day: 'extract_day', days: 'extract_day', hour: 'extract_hour', hours: 'extract_hour', minute: 'extract_minute', minutes: 'extract_minute',
  second: 'extract_second', seconds: 'extract_second', dow: 'extract_dow', dayofweek: 'extract_dow', doy: 'extract_doy', dayofyear: 'extract_doy',
  isodow: 'extract_isodow', week: 'extract_week', weeks: 'extract_week', isoyear: 'extract_isoyear', epoch: 'extract_epoch',
  microseconds: 'extract_microseconds', microsecond: 'extract_microseconds', us: 'extract_microseconds',
};

const reg = (to: string, min: number, max = min): ScalarFnSpec => ({ to, arity: [min, max] });

/** num_nulls / num_nonnulls(x…): how many arguments are (not) NULL, as int32; never NULL. */
function countNulls(nulls: boolean): (b: BuildInput) => Typed {
  return ({ site, args }) => {
    const ones = args.map((a): Expr => ({ kind: 'case', whens: [{ when: E.isNull(a.expr, !nulls), then: E.lit(T.int32, 1) }], else: E.lit(T.int32, 0), type: T.int32 }));
    const typed = ones.map((x): Typed => ({ expr: x, type: T.int32, nullable: false }));
    return typed.slice(1).reduce((acc, x) => buildCall(site, 'add', [acc, x]), typed[0]!);
  };
}

/** log(x) is the base-10 logarithm; log(b, x) the base-b one, ln(x) / ln(b) in double precision. */
function logOf({ site, args }: BuildInput): Typed {
  if (args.length === 1) return buildCall(site, 'log10', args);
  const [b, x] = args as [Typed, Typed];
  return buildCall(site, 'divide', [buildCall(site, 'ln', [x]), buildCall(site, 'ln', [b])]);
}

/** width_bucket(x, low, high, count): the bounds and operand in double precision (src/ir/functions/math.ts). */
function widthBucket({ site, args }: BuildInput): Typed {
  return buildCall(site, 'width_bucket', args.map((a, i) => (i < 3 && a.type.kind !== 'float64' && a.type.kind !== 'null' ? castTyped(site.src, a, T.float64, site.argSpans[i]!) : a)));
}

/** age(a, b) of timestamps (dates at midnight); age(a) would read the current date, which a replayable run has not. */
function ageOf({ site, args }: BuildInput): Typed {
  if (args.length === 1) throw site.src.error('UNSUPPORTED_CONSTRUCT', 'age(x) counts from the current date, which is not deterministic; pass the date as a :parameter: age(:today, x)', site.span, { function: 'age' });
  return buildCall(site, 'age', args.map((a, i) => (a.type.kind === 'date' ? castTyped(site.src, a, T.timestamp, site.argSpans[i]!) : a)));
}

/** to_char(date, timestamp, interval or number, 'pattern'): expanded into plain calls (to-char.ts, to-char-number.ts); the pattern must be a literal. */
function toChar({ site, args }: BuildInput): Typed {
  const [value, pattern] = args as [Typed, Typed];
  if (pattern.expr.kind !== 'lit' || typeof pattern.expr.value !== 'string') {
    throw site.src.error('UNSUPPORTED_CONSTRUCT', 'to_char needs its pattern as a string literal', site.argSpans[1]!, { function: 'to_char' });
  }
  const out = toCharOfTimestamp(site, value, pattern.expr.value) ?? toCharOfNumber(site, value, pattern.expr.value);
  if (!out) throw site.src.error('UNSUPPORTED_CONSTRUCT', `to_char of ${typeToString(value.type)} is not supported (dates, timestamps, intervals, integers and numerics are)`, site.argSpans[0]!, { function: 'to_char', type: typeToString(value.type) });
  return out;
}

/** make_timestamp(y, mo, d, h, mi, s): the five integer fields as bigint, the seconds as double precision. */
function makeTimestamp({ site, args }: BuildInput): Typed {
  const as = (a: Typed, i: number) => { const t = i < 5 ? T.int64 : T.float64; return a.type.kind === t.kind || a.type.kind === 'null' ? a : castTyped(site.src, a, t, site.argSpans[i]!); };
  return buildCall(site, 'make_timestamp', args.map(as));
}

/** An argument as `to` (a no-op when it already is, or is an untyped NULL). */
function argAs(site: CallSite, a: Typed, i: number, to: DataType): Typed {
  return a.type.kind === to.kind || a.type.kind === 'null' ? a : castTyped(site.src, a, to, site.argSpans[i]!);
}

/** make_interval(years, months, weeks, days, hours, mins, secs): omitted trailing arguments are 0. */
function makeInterval({ site, args }: BuildInput): Typed {
  const full = [...args, ...Array.from({ length: 7 - args.length }, (_, k) => (args.length + k < 6 ? typedLit(T.int64, '0') : typedLit(T.float64, 0)))];
  return buildCall(site, 'make_interval', full.map((a, i) => argAs(site, a, i, i < 6 ? T.int64 : T.float64)));
}

/** date_bin(stride, t, origin): dates at midnight. */
function dateBin({ site, args }: BuildInput): Typed {
  return buildCall(site, 'date_bin', args.map((a, i) => (i > 0 && a.type.kind === 'date' ? castTyped(site.src, a, T.timestamp, site.argSpans[i]!) : a)));
}

/** to_timestamp(epoch seconds) in double precision; to_timestamp(text, format) reads the format's fields (to-timestamp-format.ts). */
function toTimestamp({ site, args }: BuildInput): Typed {
  if (args.length === 2) return parseWithFormat(site, 'to_timestamp', args[0]!, args[1]!, T.timestamp);
  return buildCall(site, 'to_timestamp', [argAs(site, args[0]!, 0, T.float64)]);
}

/**
 * min_scale(x): the fewest fraction digits that represent x exactly — the digits of its text
 * after the point, trailing zeros dropped (relc's decimals print every digit of their scale on
 * every target). Integers need none; doubles are TYPE_MISMATCH (PostgreSQL reads them through
 * numeric's 15 significant digits).
 */
function minScale({ site, args }: BuildInput): Typed {
  const x = args[0]!;
  if (x.type.kind === 'int32' || x.type.kind === 'int64') return { expr: { kind: 'case', whens: [{ when: E.isNull(x.expr, true), then: E.lit(T.int32, 0) }], else: null, type: T.int32 }, type: T.int32, nullable: x.nullable };
  if (x.type.kind !== 'decimal' && x.type.kind !== 'null') throw site.src.error('TYPE_MISMATCH', `min_scale takes a numeric (decimal) or integer, got ${typeToString(x.type)}`, site.argSpans[0], { function: 'min_scale', args: [typeToString(x.type)] });
  const fraction = buildCall(site, 'split_part', [castTyped(site.src, x, T.utf8, site.argSpans[0]!), typedLit(T.utf8, '.'), typedLit(T.int32, 2)]);
  const digits = buildCall(site, 'char_length', [buildCall(site, 'rtrim', [fraction, typedLit(T.utf8, '0')])]);
  return castTyped(site.src, digits, T.int32, site.span);
}

/**
 * scale(x): the digits after the point of x's type, for every non-NULL value (relc's decimal(p,s)
 * holds s fraction digits: PostgreSQL's column, literal, sum and arithmetic scales; where
 * PostgreSQL's own value carries another scale than relc's result type — round(x, 1) keeps the
 * scale of x in relc — relc's answers for the type). Integers have scale 0; doubles are TYPE_MISMATCH.
 */
function scaleOf({ site, args }: BuildInput): Typed {
  const x = args[0]!;
  if (x.type.kind !== 'decimal' && x.type.kind !== 'int32' && x.type.kind !== 'int64' && x.type.kind !== 'null') throw site.src.error('TYPE_MISMATCH', `scale takes a numeric (decimal) or integer, got ${typeToString(x.type)}`, site.argSpans[0], { function: 'scale', args: [typeToString(x.type)] });
  const s = x.type.kind === 'decimal' ? x.type.scale : 0;
  return { expr: { kind: 'case', whens: [{ when: E.isNull(x.expr, true), then: E.lit(T.int32, s) }], else: null, type: T.int32 }, type: T.int32, nullable: x.nullable };
}

/** MySQL/BigQuery `if(c, a, b)` and SQLite `iif(c, a, b)` ≡ CASE WHEN c THEN a ELSE b END. */
function ifThenElse({ site, args }: BuildInput): Typed {
  const [c, a, b] = args as [Typed, Typed, Typed];
  if (c.type.kind !== 'bool' && c.type.kind !== 'null') {
    throw site.src.error('TYPE_MISMATCH', `${site.display} needs a bool condition, got ${typeToString(c.type)}`, site.argSpans[0], { function: site.display, args: args.map((x) => typeToString(x.type)) });
  }
  const branches = adaptLiterals(site.src, [a, b], site.argSpans.slice(1));
  const type: DataType = commonTypeOf(site.src, branches, site.display, site.span);
  const [ta, tb] = widenAll(site.src, branches, type, site.argSpans.slice(1)) as [Typed, Typed];
  return { expr: { kind: 'case', whens: [{ when: c.expr, then: ta.expr }], else: tb.expr, type }, type, nullable: ta.nullable || tb.nullable };
}

/**
 * The regular-expression flags literal of argument `i` (PostgreSQL's letters; `c` undoes `i`,
 * the last one wins), as its normal form: 'g' when `global` allows it, then 'i'.
 */
function regexFlags({ site, args }: BuildInput, i: number, global: boolean): { readonly g: boolean; readonly i: boolean } {
  const a = args[i];
  if (a === undefined) return { g: false, i: false };
  if (a.expr.kind !== 'lit' || typeof a.expr.value !== 'string') {
    throw site.src.error('UNSUPPORTED_CONSTRUCT', `${site.display} takes its flags as a string literal`, site.argSpans[i], { function: site.display });
  }
  let g = false;
  let ic = false;
  for (const f of a.expr.value) {
    if (f === 'g' && global) g = true;
    else if (f === 'i' || f === 'c') ic = f === 'i';
    else throw site.src.error('UNSUPPORTED_CONSTRUCT', `${site.display} flag ${JSON.stringify(f)} is not supported (${global ? 'g, ' : ''}i and c are)`, site.argSpans[i], { function: site.display, flag: f });
  }
  return { g, i: ic };
}

/** regexp_like(s, pattern [, flags]): `~`, or `~*` with flag i. */
function regexpLike(b: BuildInput): Typed {
  return buildCall(b.site, regexFlags(b, 2, false).i ? 'regexp_ilike' : 'regexp_like', b.args.slice(0, 2));
}

/** regexp_replace(s, pattern, replacement [, flags]): flags in their normal form ('', 'g', 'i', 'gi'). */
function regexpReplace(b: BuildInput): Typed {
  const f = regexFlags(b, 3, true);
  return buildCall(b.site, 'regexp_replace', [...b.args.slice(0, 3), typedLit(T.utf8, `${f.g ? 'g' : ''}${f.i ? 'i' : ''}`)]);
}

/** regexp_split_to_array / regexp_match(s, pattern [, flags]): flags in their normal form ('' or 'i'). */
const regexpToArray = (fn: string): ScalarFnSpec => ({ build: (b) => buildCall(b.site, fn, [...b.args.slice(0, 2), typedLit(T.utf8, regexFlags(b, 2, false).i ? 'i' : '')]), arity: [2, 3] });

/** quote_literal / quote_nullable(x): any value is quoted as its text (PostgreSQL's anyelement forms). */
const quoteAsText = (fn: string): ScalarFnSpec => ({ build: ({ site, args }) => buildCall(site, fn, [castTyped(site.src, args[0]!, T.utf8, site.argSpans[0]!)]), arity: [1, 1] });

/** array_to_string(a, sep [, null_text]): elements of text or integers, whose text is the same on every engine. */
function arrayToString({ site, args }: BuildInput): Typed {
  const a = args[0]!;
  if (a.type.kind === 'list' && !['utf8', 'int32', 'int64'].includes(a.type.element.kind)) {
    throw site.src.error('UNSUPPORTED_CONSTRUCT', `${site.display} of ${typeToString(a.type)} is not supported (lists of text and integers are); cast the elements to text first`, site.argSpans[0], { function: site.display, type: typeToString(a.type) });
  }
  return buildCall(site, 'array_to_string', args.map((x, i) => (i === 0 || x.type.kind === 'utf8' || x.type.kind === 'null' ? x : castTyped(site.src, x, T.utf8, site.argSpans[i]!))));
}

/** A value placed beside a list's elements: a literal (or NULL) takes the element type, as PostgreSQL types an unknown literal. */
export function asElementOf(site: CallSite, x: Typed, list: Typed, span: Span): Typed {
  if (list.type.kind !== 'list' || x.expr.kind !== 'lit' || x.type.kind === list.type.element.kind) return x;
  return castTyped(site.src, x, list.type.element, span);
}

/** array_position(a, x). */
function arrayPosition({ site, args }: BuildInput): Typed {
  const [a, x] = args as [Typed, Typed];
  return buildCall(site, 'array_position', [a, asElementOf(site, x, a, site.argSpans[1]!)]);
}

/** array_remove(a, x) / array_replace(a, x, y): literal values take the element type. */
const arrayEdit = (fn: string, arity: number): ScalarFnSpec => ({
  build: ({ site, args }) => buildCall(site, fn, args.map((x, i) => (i === 0 ? x : asElementOf(site, x, args[0]!, site.argSpans[i]!)))),
  arity: [arity, arity],
});

/** Where a one-dimensional array has elements: `then`, else NULL (an empty array has no dimensions in PostgreSQL). */
function whenNonEmpty(site: CallSite, a: Typed, d: Typed, then: Typed): Typed {
  const length = buildCall(site, 'array_length', [a, d]);
  const expr: Expr = { kind: 'case', whens: [{ when: E.isNull(length.expr, true), then: then.expr }], else: null, type: then.type };
  return { expr, type: then.type, nullable: true };
}

/** array_lower(a, d): 1 where dimension d has elements; array_ndims(a): 1 for a non-empty array; array_dims(a): '[1:n]'. */
const arrayLower: ScalarFnSpec = { build: ({ site, args }) => whenNonEmpty(site, args[0]!, args[1]!, typedLit(T.int32, 1)), arity: [2, 2] };
const arrayNdims: ScalarFnSpec = { build: ({ site, args }) => whenNonEmpty(site, args[0]!, typedLit(T.int32, 1), typedLit(T.int32, 1)), arity: [1, 1] };
const arrayDims: ScalarFnSpec = {
  build: ({ site, args }) => {
    const n = castTyped(site.src, buildCall(site, 'array_length', [args[0]!, typedLit(T.int32, 1)]), T.utf8, site.span);
    return buildCall(site, 'concat', [buildCall(site, 'concat', [typedLit(T.utf8, '[1:'), n]), typedLit(T.utf8, ']')]);
  },
  arity: [1, 1],
};

/** ARRAY[x] as a one-element list, for array_append / array_prepend. */
function singleton(site: CallSite, x: Typed, list: Typed, span: Span): Typed {
  return buildCall(site, 'array_construct', [asElementOf(site, x, list, span)]);
}

/** array_append(a, x) ≡ array_cat(a, ARRAY[x]); array_prepend(x, a) ≡ array_cat(ARRAY[x], a). */
const arrayAppend: ScalarFnSpec = { build: ({ site, args }) => buildCall(site, 'array_cat', [args[0]!, singleton(site, args[1]!, args[0]!, site.argSpans[1]!)]), arity: [2, 2] };
const arrayPrepend: ScalarFnSpec = { build: ({ site, args }) => buildCall(site, 'array_cat', [singleton(site, args[0]!, args[1]!, site.argSpans[0]!), args[1]!]), arity: [2, 2] };

const part = (fn: string): ScalarFnSpec => ({ build: ({ site, args }) => buildCall(site, fn, args), arity: [1, 1] });

export const SCALAR_FUNCTIONS: Readonly<Record<string, ScalarFnSpec>> = {
  lower: reg('lower', 1), upper: reg('upper', 1), initcap: reg('initcap', 1),
  char_length: reg('char_length', 1), character_length: reg('char_length', 1),
  replace: reg('replace', 3), instr: reg('strpos', 2),
  left: reg('left', 2), right: reg('right', 2), lpad: reg('lpad', 2, 3), rpad: reg('rpad', 2, 3), starts_with: reg('starts_with', 2),
  reverse: reg('reverse', 1), split_part: reg('split_part', 3), translate: reg('translate', 3), ascii: reg('ascii', 1), chr: reg('chr', 1),
  repeat: reg('repeat', 2), md5: reg('md5', 1), to_hex: reg('to_hex', 1),
  concat_ws: { build: concatWsOfText, arity: [2, ANY] }, quote_literal: quoteAsText('quote_literal'), quote_nullable: quoteAsText('quote_nullable'),
  abs: reg('abs', 1), round: reg('round', 1, 2), trunc: reg('trunc', 1, 2), floor: reg('floor', 1), ceil: reg('ceil', 1), ceiling: reg('ceil', 1),
  sign: reg('sign', 1), sqrt: reg('sqrt', 1), cbrt: reg('cbrt', 1), power: reg('power', 2), pow: reg('power', 2), exp: reg('exp', 1), mod: reg('modulus', 2),
  ln: reg('ln', 1), log10: reg('log10', 1), log: { build: logOf, arity: [1, 2] }, pi: reg('pi', 0), gcd: reg('gcd', 2), lcm: reg('lcm', 2),
  sind: reg('sind', 1), cosd: reg('cosd', 1), tand: reg('tand', 1), cotd: reg('cotd', 1), asind: reg('asind', 1), acosd: reg('acosd', 1), atand: reg('atand', 1), atan2d: reg('atan2d', 2),
  make_timestamp: { build: makeTimestamp, arity: [6, 6] }, to_char: { build: toChar, arity: [2, 2] }, age: { build: ageOf, arity: [1, 2] },
  div: { build: integerDiv, arity: [2, 2] }, width_bucket: { build: widthBucket, arity: [4, 4] },
  sin: reg('sin', 1), cos: reg('cos', 1), tan: reg('tan', 1), cot: reg('cot', 1), asin: reg('asin', 1), acos: reg('acos', 1),
  atan: reg('atan', 1), atan2: reg('atan2', 2), degrees: reg('degrees', 1), radians: reg('radians', 1),
  sinh: reg('sinh', 1), cosh: reg('cosh', 1), tanh: reg('tanh', 1), asinh: reg('asinh', 1), acosh: reg('acosh', 1), atanh: reg('atanh', 1),
  num_nulls: { build: countNulls(true), arity: [1, ANY] }, num_nonnulls: { build: countNulls(false), arity: [1, ANY] },
  make_date: reg('make_date', 3), make_interval: { build: makeInterval, arity: [0, 7] }, date_bin: { build: dateBin, arity: [3, 3] },
  justify_days: reg('justify_days', 1), justify_hours: reg('justify_hours', 1), justify_interval: reg('justify_interval', 1), isfinite: reg('isfinite', 1),
  to_timestamp: { build: toTimestamp, arity: [1, 2] }, to_date: { build: ({ site, args }) => parseWithFormat(site, 'to_date', args[0]!, args[1]!, T.date), arity: [2, 2] }, factorial: reg('factorial', 1), min_scale: { build: minScale, arity: [1, 1] }, scale: { build: scaleOf, arity: [1, 1] },
  regexp_like: { build: regexpLike, arity: [2, 3] }, regexp_replace: { build: regexpReplace, arity: [3, 4] },

  ...STRING_CALLS,
  coalesce: reg('coalesce', 1, ANY), nullif: reg('nullif', 2), greatest: reg('greatest', 1, ANY), least: reg('least', 1, ANY),
  stable_id: reg('stable_id', 1, ANY), date_trunc: reg('date_trunc', 2),
  concat: { build: concatSkippingNulls, arity: [1, ANY] },
  if: { build: ifThenElse, arity: [3, 3] }, iif: { build: ifThenElse, arity: [3, 3] },
  year: part('extract_year'), quarter: part('extract_quarter'), month: part('extract_month'), day: part('extract_day'),
  hour: part('extract_hour'), minute: part('extract_minute'), second: part('extract_second'),
  dayofweek: part('extract_dow'), dayofyear: part('extract_doy'),
  cardinality: reg('cardinality', 1), array_length: reg('array_length', 2), array_upper: reg('array_length', 2),
  array_to_string: { build: arrayToString, arity: [2, 3] }, string_to_array: reg('string_to_array', 2, 3),
  array_position: { build: arrayPosition, arity: [2, 2] }, array_cat: reg('array_cat', 2),
  array_append: arrayAppend, array_prepend: arrayPrepend, array_remove: arrayEdit('array_remove', 2), array_replace: arrayEdit('array_replace', 3),
  array_lower: arrayLower, array_ndims: arrayNdims, array_dims: arrayDims,
  regexp_split_to_array: regexpToArray('regexp_split_to_array'), regexp_match: regexpToArray('regexp_match'),
  json_typeof: { build: jsonOfPlain('json_typeof'), arity: [1, 1] }, jsonb_typeof: { build: jsonOfPlain('json_typeof'), arity: [1, 1] },
  json_array_length: { build: jsonOfPlain('json_array_length'), arity: [1, 1] }, jsonb_array_length: { build: jsonOfPlain('json_array_length'), arity: [1, 1] },
  json_extract_path: { build: jsonExtractPath(false), arity: [2, ANY] }, jsonb_extract_path: { build: jsonExtractPath(false), arity: [2, ANY] },
  json_extract_path_text: { build: jsonExtractPath(true), arity: [2, ANY] }, jsonb_extract_path_text: { build: jsonExtractPath(true), arity: [2, ANY] },
  jsonb_pretty: reg('jsonb_pretty', 1), jsonb_set: { build: jsonbSetCall, arity: [3, 4] }, jsonb_strip_nulls: { build: jsonbOf('jsonb_strip_nulls'), arity: [1, 1] },
  to_json: { build: toJson(false), arity: [1, 1] }, to_jsonb: { build: toJson(true), arity: [1, 1] },
  json_build_object: { build: jsonBuildObject(false), arity: [0, ANY] }, jsonb_build_object: { build: jsonBuildObject(true), arity: [0, ANY] },
  json_build_array: { build: jsonBuildArray(false), arity: [0, ANY] }, jsonb_build_array: { build: jsonBuildArray(true), arity: [0, ANY] },
};

/** Functions whose value changes between runs: rejected, runs must be replayable. */
export const NONDETERMINISTIC = new Set(['now', 'current_date', 'current_timestamp', 'localtimestamp', 'current_time', 'random', 'rand', 'uuid', 'gen_random_uuid', 'clock_timestamp', 'statement_timestamp', 'transaction_timestamp']);

/**
 * The function names SQL text can call in `dialect` (for "did you mean"): the scalar names
 * above, the registry's aggregates and window functions, date_part and the dialect's aliases.
 */
export function callableNames(dialect: SourceDialect, aliases: Readonly<Record<string, string>>, kinds: readonly ('scalar' | 'aggregate' | 'window')[]): string[] {
  const names = new Set<string>();
  if (kinds.includes('scalar')) for (const n of [...Object.keys(SCALAR_FUNCTIONS), ...Object.keys(DIALECT_FUNCTIONS[dialect] ?? {}), 'date_part']) names.add(n);
  for (const d of REGISTRY.values()) if (d.kind !== 'scalar' && kinds.includes(d.kind)) names.add(d.name);
  for (const [alias, to] of Object.entries(aliases)) if (names.has(to)) names.add(alias);
  return [...names].sort();
}

// ---------------------------------------------------------------------------------------------
// Functions as a source dialect spells them, where its spelling or semantics differ from
// PostgreSQL's (looked up before SCALAR_FUNCTIONS). Date parts BigQuery writes as bare words
// arrive as string literals (dialect-calls.ts).

const int = (v: number): Typed => typedLit(T.int32, v);

/** The date-part literal of argument `i`, upper-cased, or a coded error naming the function. */
function partArg({ site, args }: BuildInput, i: number): string {
  const a = args[i]!;
  if (a.expr.kind !== 'lit' || typeof a.expr.value !== 'string') {
    throw site.src.error('TYPE_MISMATCH', `${site.display} takes a date part (DAY, MONTH, …) as argument ${i + 1}`, site.argSpans[i], { function: site.display });
  }
  return a.expr.value.toUpperCase();
}

function unsupportedPart(b: BuildInput, i: number, part: string): never {
  throw b.site.src.error('UNSUPPORTED_CONSTRUCT', `${b.site.display}(…, ${part}) is not supported`, b.site.argSpans[i], { function: b.site.display, part });
}

/** PostgreSQL date_trunc units for BigQuery's truncation parts (ISOWEEK is PostgreSQL's Monday week). */
const TRUNC_UNITS: Readonly<Record<string, string>> = {
  MICROSECOND: 'microseconds', MILLISECOND: 'milliseconds', SECOND: 'second', MINUTE: 'minute', HOUR: 'hour', DAY: 'day',
  ISOWEEK: 'week', MONTH: 'month', QUARTER: 'quarter', YEAR: 'year',
};

/**
 * BigQuery DATE_TRUNC / TIMESTAMP_TRUNC / DATETIME_TRUNC(x, part): the type of x (a DATE stays
 * a DATE). WEEK is the week starting on Sunday: the Monday week of the next day, one day back.
 */
/**
 * DuckDB regexp_extract(s, pattern [, group]): the first match (or its group, a literal), ''
 * when nothing matches, NULL only for a NULL argument — PostgreSQL's regexp_substr, which is
 * NULL without a match, with that NULL made ''.
 */
function regexpExtract(b: BuildInput): Typed {
  const { site, args } = b;
  const [s, p] = args as [Typed, Typed];
  const one = typedLit(T.int32, 1);
  const found = STRING_CALLS['regexp_substr']! as { build: (x: BuildInput) => Typed };
  const match = found.build({ site, args: args.length === 3 ? [s, p, one, one, typedLit(T.utf8, ''), args[2]!] : [s, p] });
  const bothKnown = buildCall(site, 'and', [{ expr: E.isNull(s.expr, true), type: T.bool, nullable: false }, { expr: E.isNull(p.expr, true), type: T.bool, nullable: false }]);
  const empty: Typed = { expr: { kind: 'case', whens: [{ when: bothKnown.expr, then: E.lit(T.utf8, '') }], else: null, type: T.utf8 }, type: T.utf8, nullable: true };
  return buildCall(site, 'coalesce', [match, empty]);
}

/** DuckDB last_day(x): the date of the last day of x's month (the next month's first day, less one day). */
function lastDay({ site, args }: BuildInput): Typed {
  const x = args[0]!;
  if (x.type.kind !== 'date' && x.type.kind !== 'timestamp') throw site.src.error('TYPE_MISMATCH', `last_day cannot take (${typeToString(x.type)})`, site.span, { function: 'last_day', args: [typeToString(x.type)] });
  const first = castTyped(site.src, buildCall(site, 'date_trunc', [typedLit(T.utf8, 'month'), x]), T.date, site.span);
  const next = castTyped(site.src, buildCall(site, 'add', [first, typedLit(T.interval, { months: 1, days: 0, micros: '0' })]), T.date, site.span);
  return buildCall(site, 'subtract', [next, int(1)]);
}

function bigqueryTrunc(b: BuildInput): Typed {
  const { site, args } = b;
  const x = args[0]!;
  const part = partArg(b, 1);
  const trunc = (unit: string, v: Typed) => buildCall(site, 'date_trunc', [typedLit(T.utf8, unit), v]);
  if (part === 'WEEK') {
    if (x.type.kind !== 'date') unsupportedPart(b, 1, part);
    const monday = castTyped(site.src, trunc('week', buildCall(site, 'add', [x, int(1)])), T.date, site.span);
    return buildCall(site, 'subtract', [monday, int(1)]);
  }
  const unit = TRUNC_UNITS[part] ?? unsupportedPart(b, 1, part);
  if (x.type.kind === 'date' && !['DAY', 'ISOWEEK', 'MONTH', 'QUARTER', 'YEAR'].includes(part)) unsupportedPart(b, 1, part);
  const t = trunc(unit, x);
  return x.type.kind === 'date' ? castTyped(site.src, t, T.date, site.span) : t;
}

/** Months since year 0 of a date (for counting month boundaries). */
function monthNumber(site: CallSite, d: Typed): Typed {
  return buildCall(site, 'add', [buildCall(site, 'multiply', [buildCall(site, 'extract_year', [d]), int(12)]), buildCall(site, 'extract_month', [d])]);
}

/**
 * The number of `part` boundaries from `start` to `end` (BigQuery DATE_DIFF(end, start, part),
 * DuckDB date_diff(part, start, end)), as int64: DAY counts days, MONTH/QUARTER/YEAR count
 * calendar boundaries crossed (2020-01-31 → 2020-02-01 is one month).
 */
function dateDiff(b: BuildInput, part: string, start: Typed, end: Typed, partIndex: number): Typed {
  const { site } = b;
  // A quoted literal reads as a date (MySQL's DATEDIFF(d, '2019-01-01')); timestamps count by their dates.
  const asDate = (v: Typed) => v.type.kind === 'timestamp' || (v.type.kind === 'utf8' && v.expr.kind === 'lit');
  const dates = [start, end].map((v) => (asDate(v) ? castTyped(site.src, v, T.date, site.span) : v));
  const [s, e] = dates as [Typed, Typed];
  if (s.type.kind !== 'date' || e.type.kind !== 'date') {
    throw site.src.error('TYPE_MISMATCH', `${site.display} takes two dates, got ${typeToString(start.type)} and ${typeToString(end.type)}`, site.span, { function: site.display });
  }
  const diff = (f: (d: Typed) => Typed) => buildCall(site, 'subtract', [f(e), f(s)]);
  const r =
    part === 'DAY' ? buildCall(site, 'subtract', [e, s])
    : part === 'MONTH' ? diff((d) => monthNumber(site, d))
    : part === 'QUARTER' ? diff((d) => buildCall(site, 'add', [buildCall(site, 'multiply', [buildCall(site, 'extract_year', [d]), int(4)]), buildCall(site, 'extract_quarter', [d])]))
    : part === 'YEAR' ? diff((d) => buildCall(site, 'extract_year', [d]))
    : unsupportedPart(b, partIndex, part);
  return castTyped(site.src, r, T.int64, site.span);
}

/** BigQuery DATE_ADD / DATE_SUB(d, INTERVAL n part): a DATE stays a DATE. */
function bigqueryDateShift(fn: 'add' | 'subtract'): (b: BuildInput) => Typed {
  return ({ site, args }) => {
    const [d, iv] = args as [Typed, Typed];
    const shifted = buildCall(site, fn, [d, iv]);
    return d.type.kind === 'date' && shifted.type.kind === 'timestamp' ? castTyped(site.src, shifted, T.date, site.span) : shifted;
  };
}

/**
 * div(a, b): the quotient truncated toward zero (PostgreSQL div, BigQuery DIV), as int64. Integers
 * divide as bigints; decimals exactly, both scaled to integers of their common scale first
 * (div(9.99, 0.03) is 333, where a double quotient would truncate to 332); a scaled operand past
 * int64 is "bigint out of range" at run time. Doubles are TYPE_MISMATCH (PostgreSQL divides them
 * as numeric).
 */
function integerDiv({ site, args }: BuildInput): Typed {
  const exact = (t: DataType) => t.kind === 'int32' || t.kind === 'int64' || t.kind === 'decimal' || t.kind === 'null';
  if (!args.every((a) => exact(a.type))) {
    throw site.src.error('TYPE_MISMATCH', `${site.display} takes integers or decimals, got (${args.map((a) => typeToString(a.type)).join(', ')})`, site.span, { function: site.display });
  }
  const decimals = args.map((a) => (a.type.kind === 'decimal' ? a.type : undefined));
  const scale = Math.max(0, ...decimals.map((d) => d?.scale ?? 0));
  if (scale === 0) return buildCall(site, 'divide', args.map((a, i) => castTyped(site.src, a, T.int64, site.argSpans[i]!)));
  const factor = typedLit(T.decimal(scale + 1, 0), `1${'0'.repeat(scale)}`);
  const scaled = args.map((a, i) => castTyped(site.src, buildCall(site, 'multiply', [a, factor]), T.int64, site.argSpans[i]!));
  return buildCall(site, 'divide', scaled);
}

/** Day of the week counted from 1 on Sunday (MySQL DAYOFWEEK, BigQuery EXTRACT(DAYOFWEEK)). */
export function dayOfWeekFromOne(site: CallSite, d: Typed): Typed {
  return buildCall(site, 'add', [buildCall(site, 'extract_dow', [d]), int(1)]);
}

/**
 * Date parts PostgreSQL counts in periods of years, from the year: decade = year / 10,
 * century = (year + 99) / 100 (the 21st begins in 2001), millennium = (year + 999) / 1000. relc's
 * years are 1 or later, where integer division is PostgreSQL's.
 */
const YEAR_PERIODS: Readonly<Record<string, { readonly offset: number; readonly years: number }>> = {
  decade: { offset: 0, years: 10 }, decades: { offset: 0, years: 10 },
  century: { offset: 99, years: 100 }, centuries: { offset: 99, years: 100 },
  millennium: { offset: 999, years: 1000 }, millennia: { offset: 999, years: 1000 }, millenniums: { offset: 999, years: 1000 },
};

/** Fields of an interval (EXTRACT(field FROM interval)) → registry function. */
const INTERVAL_PARTS: Readonly<Record<string, string>> = {
  year: 'extract_interval_year', years: 'extract_interval_year', month: 'extract_interval_month', months: 'extract_interval_month',
  day: 'extract_interval_day', days: 'extract_interval_day', hour: 'extract_interval_hour', hours: 'extract_interval_hour',
  minute: 'extract_interval_minute', minutes: 'extract_interval_minute', second: 'extract_interval_second', seconds: 'extract_interval_second',
  microseconds: 'extract_interval_microseconds', microsecond: 'extract_interval_microseconds', us: 'extract_interval_microseconds', epoch: 'extract_interval_epoch',
};
const MILLISECONDS = ['milliseconds', 'millisecond', 'ms'];

/** Every field EXTRACT and date_part read. */
export const DATE_PART_FIELDS: readonly string[] = [...new Set([...Object.keys(DATE_PARTS), ...Object.keys(YEAR_PERIODS), ...Object.keys(INTERVAL_PARTS), ...MILLISECONDS, 'julian'])];

/** Microseconds as exact milliseconds: decimal(22,3) (PostgreSQL's numeric, e.g. 12345.678). */
function millisOf(site: CallSite, micros: Typed): Typed {
  return buildCall(site, 'multiply', [castTyped(site.src, micros, T.decimal(18, 0), site.span), typedLit(T.decimal(4, 3), '0.001')]);
}

/** Microseconds as exact seconds with six decimals (PostgreSQL's numeric 12.345678). */
function secondsOf(site: CallSite, micros: Typed): Typed {
  return buildCall(site, 'multiply', [castTyped(site.src, micros, T.decimal(18, 0), site.span), typedLit(T.decimal(7, 6), '0.000001')]);
}

/**
 * The epoch of a timestamp with its fraction: the floored whole seconds plus the microseconds of
 * the second (never negative), so 1969-12-31 23:59:58.5 is -2 + 0.5 = -1.5 as on PostgreSQL.
 */
function epochOf(site: CallSite, d: Typed): Typed {
  const whole = castTyped(site.src, buildCall(site, 'extract_epoch', [d]), T.decimal(18, 0), site.span);
  const fraction = secondsOf(site, buildCall(site, 'modulus', [buildCall(site, 'extract_microseconds', [d]), typedLit(T.int64, '1000000')]));
  return buildCall(site, 'add', [whole, fraction]);
}

/**
 * EXTRACT(field FROM interval): the interval's own fields (years and months from its months,
 * hours … microseconds from its time); decade, century and millennium are years / 10, 100, 1000
 * and quarter is months / 3 + 1 (PostgreSQL's interval rules, without the calendar offsets).
 */
function intervalPartCall(site: CallSite, field: string, iv: Typed): Typed | undefined {
  const fn = INTERVAL_PARTS[field];
  if (fn) return buildCall(site, fn, [iv]);
  if (MILLISECONDS.includes(field)) return millisOf(site, buildCall(site, 'extract_interval_microseconds', [iv]));
  const years = YEAR_PERIODS[field]?.years;
  if (years !== undefined) return buildCall(site, 'divide', [buildCall(site, 'extract_interval_year', [iv]), int(years)]);
  if (field === 'quarter') return buildCall(site, 'add', [buildCall(site, 'divide', [buildCall(site, 'extract_interval_month', [iv]), int(3)]), int(1)]);
  return undefined;
}

/**
 * The Julian day: an integer for a date (2440588 is 1970-01-01), with the fraction of the day
 * elapsed for a timestamp (double precision; PostgreSQL's numeric has 20 digits).
 */
function julianOf(site: CallSite, d: Typed): Typed {
  const epochDay = T.int64;
  if (d.type.kind === 'date') return buildCall(site, 'add', [buildCall(site, 'divide', [buildCall(site, 'extract_epoch', [d]), typedLit(epochDay, '86400')]), typedLit(epochDay, '2440588')]);
  const seconds = buildCall(site, 'add', [
    castTyped(site.src, buildCall(site, 'extract_epoch', [d]), T.float64, site.span),
    buildCall(site, 'divide', [castTyped(site.src, buildCall(site, 'modulus', [buildCall(site, 'extract_microseconds', [d]), typedLit(T.int64, '1000000')]), T.float64, site.span), typedLit(T.float64, 1e6)]),
  ]);
  return buildCall(site, 'add', [buildCall(site, 'divide', [seconds, typedLit(T.float64, 86400)]), typedLit(T.float64, 2440588)]);
}

/** How a source dialect's EXTRACT/date_part reads seconds (src/sql/dialects.ts). */
export interface SecondsRule {
  readonly fractionalSeconds: boolean;
  readonly epochDouble: boolean;
}

/**
 * EXTRACT(field FROM d) / date_part('field', d) as a bigint, or undefined for an unknown field;
 * by the source's rule, SECOND and EPOCH of a timestamp as exact decimals with the fraction, or
 * EPOCH of anything as a double with it (DuckDB).
 */
export function datePartCall(site: CallSite, field: string, d: Typed, rule: SecondsRule = { fractionalSeconds: false, epochDouble: false }): Typed | undefined {
  if (rule.epochDouble && field === 'epoch') {
    const exact = d.type.kind === 'timestamp' ? epochOf(site, d) : d.type.kind === 'interval' ? intervalPartCall(site, field, d) : buildCall(site, 'extract_epoch', [d]);
    return exact && castTyped(site.src, exact, T.float64, site.span);
  }
  if (d.type.kind === 'interval') return intervalPartCall(site, field, d);
  if (rule.fractionalSeconds && d.type.kind === 'timestamp') {
    if (field === 'second' || field === 'seconds') return secondsOf(site, buildCall(site, 'extract_microseconds', [d]));
    if (field === 'epoch') return epochOf(site, d);
  }
  if (MILLISECONDS.includes(field)) return millisOf(site, buildCall(site, 'extract_microseconds', [d]));
  if (field === 'julian') return julianOf(site, d);
  const period = YEAR_PERIODS[field];
  if (period) {
    const year = buildCall(site, 'extract_year', [d]);
    const shifted = period.offset === 0 ? year : buildCall(site, 'add', [year, int(period.offset)]);
    return buildCall(site, 'divide', [shifted, int(period.years)]);
  }
  const fn = DATE_PARTS[field];
  return fn === undefined ? undefined : buildCall(site, fn, [d]);
}

/** DuckDB date_diff / datediff(part, start, end); a plural part ('days') is the singular. */
const DUCKDB_DATE_DIFF: ScalarFnSpec = { build: (b) => dateDiff(b, partArg(b, 0).replace(/S$/, ''), b.args[1]!, b.args[2]!, 0), arity: [3, 3] };

/** SQLite's strftime conversions that PostgreSQL's to_char spells (the rest are refused by name). */
const STRFTIME_TO_CHAR: Readonly<Record<string, string>> = { Y: 'YYYY', m: 'MM', d: 'DD', H: 'HH24', M: 'MI', S: 'SS', j: 'DDD', '%': '%' };

/** DuckDB's strftime has these too (names in English, 12-hour clock, two-digit year). */
const DUCKDB_STRFTIME_TO_CHAR: Readonly<Record<string, string>> = { ...STRFTIME_TO_CHAR, y: 'YY', B: 'FMMonth', b: 'Mon', A: 'FMDay', a: 'Dy', I: 'HH12', p: 'AM' };

/** SQLite strftime(format, x) with a literal format: to_char with the same fields, other text quoted. */
function sqliteStrftime(b: BuildInput): Typed {
  return strftimeOf(b, STRFTIME_TO_CHAR);
}

/** DuckDB strftime(x, format): SQLite's, its arguments the other way round. */
function duckdbStrftime({ site, args }: BuildInput): Typed {
  return strftimeOf({ site: { ...site, argSpans: [site.argSpans[1]!, site.argSpans[0]!] }, args: [args[1]!, args[0]!] }, DUCKDB_STRFTIME_TO_CHAR);
}

function strftimeOf(b: BuildInput, conversions: Readonly<Record<string, string>>): Typed {
  const { site, args } = b;
  const [format, value] = args as [Typed, Typed];
  if (format.expr.kind !== 'lit' || typeof format.expr.value !== 'string') {
    throw site.src.error('UNSUPPORTED_CONSTRUCT', 'strftime needs its format as a string literal', site.argSpans[0]!, { function: 'strftime' });
  }
  let pattern = '';
  let literal = '';
  const flush = () => {
    if (literal) pattern += `"${literal.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    literal = '';
  };
  const text = format.expr.value;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '%') {
      literal += text[i];
      continue;
    }
    const code = text[++i] ?? '';
    const field = conversions[code];
    if (field === undefined) throw site.src.error('UNSUPPORTED_CONSTRUCT', `strftime's %${code} is not supported (supported: ${Object.keys(conversions).map((k) => `%${k}`).join(' ')})`, site.argSpans[0]!, { function: 'strftime', conversion: `%${code}` });
    if (code === '%') literal += '%';
    else {
      flush();
      pattern += field;
    }
  }
  flush();
  const at = value.type.kind === 'utf8' || value.type.kind === 'null' ? castTyped(site.src, value, T.timestamp, site.argSpans[1]!) : value;
  return toChar({ site: { ...site, argSpans: [site.argSpans[1]!, site.argSpans[0]!] }, args: [at, typedLit(T.utf8, pattern)] });
}

/**
 * SQLite's glob(pattern, x) with a literal pattern: regexp_like(x, the anchored regular
 * expression of the pattern) — `*` any text, `?` one character, `[…]` / `[^…]` a class, the rest
 * literal; case-sensitive.
 */
function sqliteGlob(b: BuildInput): Typed {
  return globOf(b, '^');
}

/** DuckDB's GLOB: SQLite's, but a class is negated by `!` (`[!a]`; `[^a]` holds `^` and `a`). */
function duckdbGlob(b: BuildInput): Typed {
  return globOf(b, '!');
}

function globOf(b: BuildInput, negation: '^' | '!'): Typed {
  const { site, args } = b;
  const [pattern, value] = args as [Typed, Typed];
  if (pattern.expr.kind !== 'lit' || (pattern.expr.value !== null && typeof pattern.expr.value !== 'string')) {
    throw site.src.error('UNSUPPORTED_CONSTRUCT', 'GLOB needs its pattern as a string literal', site.argSpans[0]!, { function: 'glob' });
  }
  if (pattern.expr.value === null) return typedLit(T.bool, null);
  return buildCall(site, 'regexp_like', [value, typedLit(T.utf8, globRegex(pattern.expr.value, negation))]);
}

/** The anchored regular expression of a glob pattern; `negation` is the character that negates a class. */
export function globRegex(glob: string, negation: '^' | '!' = '^'): string {
  const chars = [...glob];
  let out = '^';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch === '[') {
      // A class runs to the next `]` that is not its first character; unclosed, `[` is literal.
      let j = i + 1;
      if (chars[j] === negation) j++;
      if (chars[j] === ']') j++;
      while (j < chars.length && chars[j] !== ']') j++;
      if (j >= chars.length) {
        out += '\\[';
        continue;
      }
      const negated = chars[i + 1] === negation;
      const body = chars.slice(i + (negated ? 2 : 1), j).map((c) => (c === '\\' ? '\\\\' : c === '^' ? '\\^' : c)).join('');
      out += `[${negated ? '^' : ''}${body}]`;
      i = j;
    } else out += /[.^$|()\[\]{}+\\]/.test(ch) ? `\\${ch}` : ch;
  }
  return `${out}$`;
}

/**
 * SQLite date(x, modifier…) with literal modifiers: '±N day(s)', '±N month(s)' and '±N year(s)'
 * (SQLite keeps the day of the month and lets it roll over: 2020-01-31 '+1 month' is 2020-03-02),
 * 'start of month', 'start of year'. The result is a date.
 */
function sqliteDate(b: BuildInput): Typed {
  const { site, args } = b;
  const x = args[0]!;
  let d = x.type.kind === 'date' ? x : castTyped(site.src, x.type.kind === 'utf8' ? castTyped(site.src, x, T.timestamp, site.argSpans[0]!) : x, T.date, site.argSpans[0]!);
  const toDate = (t: Typed) => castTyped(site.src, t, T.date, site.span);
  const startOf = (unit: string, v: Typed) => toDate(buildCall(site, 'date_trunc', [typedLit(T.utf8, unit), v]));
  for (let i = 1; i < args.length; i++) {
    const m = args[i]!;
    const text = m.expr.kind === 'lit' && typeof m.expr.value === 'string' ? m.expr.value.trim().toLowerCase() : null;
    const shift = text === null ? null : /^([+-]?\d+)\s+(day|month|year)s?$/.exec(text);
    if (shift) {
      const n = Number(shift[1]);
      if (shift[2] === 'day') d = buildCall(site, 'add', [d, int(n)]);
      else {
        const months = shift[2] === 'month' ? n : 12 * n;
        const first = toDate(buildCall(site, 'add', [startOf('month', d), typedLit(T.interval, { months, days: 0, micros: '0' })]));
        d = buildCall(site, 'add', [first, buildCall(site, 'subtract', [castTyped(site.src, buildCall(site, 'extract_day', [d]), T.int32, site.span), int(1)])]);
      }
    } else if (text === 'start of month' || text === 'start of year') d = startOf(text.slice(9), d);
    else throw site.src.error('UNSUPPORTED_CONSTRUCT', `date modifier ${m.expr.kind === 'lit' ? JSON.stringify(m.expr.value) : '(not a literal)'} is not supported (supported: '±N days', '±N months', '±N years', 'start of month', 'start of year')`, site.argSpans[i], { function: 'date' });
  }
  return d;
}

export const DIALECT_FUNCTIONS: Readonly<Partial<Record<SourceDialect, Readonly<Record<string, ScalarFnSpec>>>>> = {
  sqlite: { strftime: { build: sqliteStrftime, arity: [2, 2] }, glob: { build: sqliteGlob, arity: [2, 2] }, date: { build: sqliteDate, arity: [1, ANY] } },
  bigquery: {
    date_trunc: { build: bigqueryTrunc, arity: [2, 2] }, timestamp_trunc: { build: bigqueryTrunc, arity: [2, 2] }, datetime_trunc: { build: bigqueryTrunc, arity: [2, 2] },
    date_diff: { build: (b) => dateDiff(b, partArg(b, 2), b.args[1]!, b.args[0]!, 2), arity: [3, 3] },
    date_add: { build: bigqueryDateShift('add'), arity: [2, 2] }, date_sub: { build: bigqueryDateShift('subtract'), arity: [2, 2] },
  },
  mysql: {
    dayofweek: { build: ({ site, args }) => dayOfWeekFromOne(site, args[0]!), arity: [1, 1] },
    // WEEKDAY: Monday is 0.
    weekday: { build: ({ site, args }) => buildCall(site, 'modulus', [buildCall(site, 'add', [buildCall(site, 'extract_dow', [args[0]!]), int(6)]), int(7)]), arity: [1, 1] },
    datediff: { build: (b) => dateDiff(b, 'DAY', b.args[1]!, b.args[0]!, 0), arity: [2, 2] },
    lcase: reg('lower', 1), ucase: reg('upper', 1),
    // LOCATE(substr, str): the position of substr in str.
    locate: { build: ({ site, args }) => buildCall(site, 'strpos', [args[1]!, args[0]!]), arity: [2, 2] },
  },
  duckdb: {
    date_diff: DUCKDB_DATE_DIFF, datediff: DUCKDB_DATE_DIFF, xor: reg('bitwise_xor', 2),
    strftime: { build: duckdbStrftime, arity: [2, 2] },
    glob: { build: duckdbGlob, arity: [2, 2] },
    // dayname / monthname: the English name, as to_char's FMDay / FMMonth.
    dayname: { build: ({ site, args }) => toChar({ site, args: [args[0]!, typedLit(T.utf8, 'FMDay')] }), arity: [1, 1] },
    monthname: { build: ({ site, args }) => toChar({ site, args: [args[0]!, typedLit(T.utf8, 'FMMonth')] }), arity: [1, 1] },
    last_day: { build: lastDay, arity: [1, 1] },
    regexp_extract: { build: regexpExtract, arity: [2, 3] },
  },
};
