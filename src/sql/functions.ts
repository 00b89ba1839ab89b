// SQL function names → registry functions (data). Names differ by dialect (`substr`, `instr`,
// `ifnull`); a few SQL forms are built from several registry calls (`concat`, `if`, `date_part`).

import { E, T, typeToString, type DataType } from '../ir/index.ts';
import { buildCall, castTyped, commonTypeOf, widenAll, adaptLiterals, type CallSite, type Typed } from './coerce.ts';

export type Arity = readonly [min: number, max: number];
const ANY = Infinity;

export interface BuildInput {
  readonly site: CallSite;
  readonly args: readonly Typed[];
}

export type ScalarFnSpec =
  | { readonly to: string; readonly arity: Arity }
  | { readonly build: (b: BuildInput) => Typed; readonly arity: Arity };

/** Date parts of EXTRACT / date_part → registry function. */
export const DATE_PARTS: Readonly<Record<string, string>> = {
  year: 'extract_year', years: 'extract_year', quarter: 'extract_quarter', month: 'extract_month', months: 'extract_month',
  day: 'extract_day', days: 'extract_day', hour: 'extract_hour', hours: 'extract_hour', minute: 'extract_minute', minutes: 'extract_minute',
  second: 'extract_second', seconds: 'extract_second', dow: 'extract_dow', dayofweek: 'extract_dow', doy: 'extract_doy', dayofyear: 'extract_doy',
};

const reg = (to: string, min: number, max = min): ScalarFnSpec => ({ to, arity: [min, max] });

/** PostgreSQL's concat() skips NULL arguments, unlike `||`: each argument becomes coalesce(cast(x as text), ''). */
function concatSkippingNulls({ site, args }: BuildInput): Typed {
  const parts = args.map((a, i) => {
    const text = castTyped(site.src, a, T.utf8, site.argSpans[i]!);
    return a.nullable ? buildCall(site, 'coalesce', [text, { expr: E.lit(T.utf8, ''), type: T.utf8, nullable: false }]) : text;
  });
  if (parts.length === 1) return parts[0]!;
  return buildCall(site, 'concat', parts);
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

const part = (fn: string): ScalarFnSpec => ({ build: ({ site, args }) => buildCall(site, fn, args), arity: [1, 1] });

export const SCALAR_FUNCTIONS: Readonly<Record<string, ScalarFnSpec>> = {
  lower: reg('lower', 1), upper: reg('upper', 1),
  length: reg('char_length', 1), char_length: reg('char_length', 1), character_length: reg('char_length', 1),
  substring: reg('substring', 2, 3), substr: reg('substring', 2, 3),
  replace: reg('replace', 3), strpos: reg('strpos', 2), instr: reg('strpos', 2),
  left: reg('left', 2), right: reg('right', 2), lpad: reg('lpad', 2, 3), rpad: reg('rpad', 2, 3), starts_with: reg('starts_with', 2),
  trim: reg('trim', 1, 2), btrim: reg('trim', 1, 2), ltrim: reg('ltrim', 1, 2), rtrim: reg('rtrim', 1, 2),
  abs: reg('abs', 1), round: reg('round', 1, 2), floor: reg('floor', 1), ceil: reg('ceil', 1), ceiling: reg('ceil', 1),
  octet_length: reg('octet_length', 1), bit_length: reg('bit_length', 1), repeat: reg('repeat', 2), md5: reg('md5', 1),
  log10: reg('log10', 1), log: reg('log10', 1), sin: reg('sin', 1), cos: reg('cos', 1), tan: reg('tan', 1), asin: reg('asin', 1), acos: reg('acos', 1),
  atan: reg('atan', 1), atan2: reg('atan2', 2), degrees: reg('degrees', 1), radians: reg('radians', 1),
  sign: reg('sign', 1), sqrt: reg('sqrt', 1), power: reg('power', 2), pow: reg('power', 2), ln: reg('ln', 1), exp: reg('exp', 1), mod: reg('modulus', 2),
  coalesce: reg('coalesce', 1, ANY), nullif: reg('nullif', 2), greatest: reg('greatest', 1, ANY), least: reg('least', 1, ANY),
  stable_id: reg('stable_id', 1, ANY), date_trunc: reg('date_trunc', 2),
  concat: { build: concatSkippingNulls, arity: [1, ANY] },
  if: { build: ifThenElse, arity: [3, 3] }, iif: { build: ifThenElse, arity: [3, 3] },
  year: part('extract_year'), quarter: part('extract_quarter'), month: part('extract_month'), day: part('extract_day'),
  hour: part('extract_hour'), minute: part('extract_minute'), second: part('extract_second'),
  dayofweek: part('extract_dow'), dayofyear: part('extract_doy'),
};

/** Functions whose value changes between runs: rejected, runs must be replayable. */
export const NONDETERMINISTIC = new Set(['now', 'current_date', 'current_timestamp', 'localtimestamp', 'current_time', 'random', 'rand', 'uuid', 'gen_random_uuid', 'clock_timestamp', 'statement_timestamp', 'transaction_timestamp']);
