// to_char(timestamp, date or interval, 'pattern'): PostgreSQL's date/time template patterns, expanded at
// translation into registry calls (date parts, lpad, CASE over month and day names, ||), so the
// result is plain SQL on every target. The pattern must be a literal. Intervals print their
// numeric fields with their sign, C's "%0*d" way; numbers are to-char-number.ts's.
//
// Patterns, matched longest first: YYYY YYY YY Y Y,YYY IYYY IYY IY I MM MON Mon mon MONTH Month
// month DDD DD D ID DAY Day day DY Dy dy HH24 HH12 HH MI SS MS US SSSSS SSSS AM PM am pm A.M.
// P.M. a.m. p.m. Q CC IW. FM before a pattern drops its padding; TH or th after a number adds
// its English ordinal suffix. "…" is literal text (\" a quote inside it); any other character
// is copied.

import { assertNever, E, T, type Expr } from '../ir/index.ts';
import { buildCall, castTyped, typedLit, type CallSite, type Typed } from './coerce.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Casing = 'upper' | 'capital' | 'lower';

/**
 * What a pattern prints: a number of `width` digits, or a name. `signed` numbers (an interval's
 * fields) may be negative or wider: PostgreSQL prints them "%0*d", a minus sign taking one of the
 * width's places ('within': DD, MS, US) or one more ('extra': YYYY MM HH MI SS, so -2 minutes is
 * '-02'; HH12 widens by the sign of the hours, `widthBy`: -12 hours prints '012').
 */
type Field =
  | { readonly kind: 'number'; readonly value: (t: Typed, site: CallSite) => Typed; readonly width: number; readonly signed?: 'within' | 'extra'; readonly widthBy?: (t: Typed, site: CallSite) => Typed }
  | { readonly kind: 'name'; readonly of: 'month' | 'day'; readonly casing: Casing; readonly short: boolean }
  | { readonly kind: 'meridiem'; readonly upper: boolean; readonly dots: boolean };

const part = (fn: string) => (t: Typed, site: CallSite) => buildCall(site, fn, [t]);
const int = (v: number): Typed => typedLit(T.int64, String(v));
const width = (v: number): Typed => typedLit(T.int32, v);
const mod = (x: Typed, m: number, site: CallSite) => buildCall(site, 'modulus', [x, int(m)]);
const div = (x: Typed, d: number, site: CallSite) => buildCall(site, 'divide', [x, int(d)]);

const year = part('extract_year');
const isoYear = part('extract_isoyear');
const microsOfSecond = (t: Typed, site: CallSite) => mod(buildCall(site, 'extract_microseconds', [t]), 1_000_000, site);
const hour12 = (t: Typed, site: CallSite) => buildCall(site, 'add', [mod(buildCall(site, 'add', [part('extract_hour')(t, site), int(11)]), 12, site), int(1)]);
const secondsOfDay = (t: Typed, site: CallSite) => {
  const minutes = buildCall(site, 'add', [buildCall(site, 'multiply', [part('extract_hour')(t, site), int(60)]), part('extract_minute')(t, site)]);
  return buildCall(site, 'add', [buildCall(site, 'multiply', [minutes, int(60)]), part('extract_second')(t, site)]);
};

// Longest first, so that HH24 is not read as HH followed by 24.
const PATTERNS: readonly (readonly [string, Field])[] = [
  ['Y,YYY', { kind: 'number', value: year, width: -1 }],
  ['YYYY', { kind: 'number', value: year, width: 4 }],
  ['IYYY', { kind: 'number', value: isoYear, width: 4 }],
  ['SSSSS', { kind: 'number', value: secondsOfDay, width: 0 }],
  ['MONTH', { kind: 'name', of: 'month', casing: 'upper', short: false }],
  ['Month', { kind: 'name', of: 'month', casing: 'capital', short: false }],
  ['month', { kind: 'name', of: 'month', casing: 'lower', short: false }],
  ['HH24', { kind: 'number', value: part('extract_hour'), width: 2 }],
  ['HH12', { kind: 'number', value: hour12, width: 2 }],
  ['SSSS', { kind: 'number', value: secondsOfDay, width: 0 }],
  ['A.M.', { kind: 'meridiem', upper: true, dots: true }],
  ['P.M.', { kind: 'meridiem', upper: true, dots: true }],
  ['a.m.', { kind: 'meridiem', upper: false, dots: true }],
  ['p.m.', { kind: 'meridiem', upper: false, dots: true }],
  ['YYY', { kind: 'number', value: (t, s) => mod(year(t, s), 1000, s), width: 3 }],
  ['IYY', { kind: 'number', value: (t, s) => mod(isoYear(t, s), 1000, s), width: 3 }],
  ['MON', { kind: 'name', of: 'month', casing: 'upper', short: true }],
  ['Mon', { kind: 'name', of: 'month', casing: 'capital', short: true }],
  ['mon', { kind: 'name', of: 'month', casing: 'lower', short: true }],
  ['DAY', { kind: 'name', of: 'day', casing: 'upper', short: false }],
  ['Day', { kind: 'name', of: 'day', casing: 'capital', short: false }],
  ['day', { kind: 'name', of: 'day', casing: 'lower', short: false }],
  ['DDD', { kind: 'number', value: part('extract_doy'), width: 3 }],
  ['YY', { kind: 'number', value: (t, s) => mod(year(t, s), 100, s), width: 2 }],
  ['IY', { kind: 'number', value: (t, s) => mod(isoYear(t, s), 100, s), width: 2 }],
  ['MM', { kind: 'number', value: part('extract_month'), width: 2 }],
  ['DD', { kind: 'number', value: part('extract_day'), width: 2 }],
  ['DY', { kind: 'name', of: 'day', casing: 'upper', short: true }],
  ['Dy', { kind: 'name', of: 'day', casing: 'capital', short: true }],
  ['dy', { kind: 'name', of: 'day', casing: 'lower', short: true }],
  ['ID', { kind: 'number', value: part('extract_isodow'), width: 1 }],
  ['HH', { kind: 'number', value: hour12, width: 2 }],
  ['MI', { kind: 'number', value: part('extract_minute'), width: 2 }],
  ['SS', { kind: 'number', value: part('extract_second'), width: 2 }],
  ['MS', { kind: 'number', value: (t, s) => div(microsOfSecond(t, s), 1000, s), width: 3 }],
  ['US', { kind: 'number', value: microsOfSecond, width: 6 }],
  ['AM', { kind: 'meridiem', upper: true, dots: false }],
  ['PM', { kind: 'meridiem', upper: true, dots: false }],
  ['am', { kind: 'meridiem', upper: false, dots: false }],
  ['pm', { kind: 'meridiem', upper: false, dots: false }],
  ['CC', { kind: 'number', value: (t, s) => div(buildCall(s, 'add', [year(t, s), int(99)]), 100, s), width: 2 }],
  ['IW', { kind: 'number', value: part('extract_week'), width: 2 }],
  ['Y', { kind: 'number', value: (t, s) => mod(year(t, s), 10, s), width: 1 }],
  ['I', { kind: 'number', value: (t, s) => mod(isoYear(t, s), 10, s), width: 1 }],
  ['D', { kind: 'number', value: (t, s) => buildCall(s, 'add', [part('extract_dow')(t, s), int(1)]), width: 1 }],
  ['Q', { kind: 'number', value: part('extract_quarter'), width: 1 }],
];

// The fields of an interval (PostgreSQL's to_char(interval)): years, months past them, days, and
// the time's hours (past 24 too), minutes, seconds and fraction, each with the interval's sign.
const ivPart = (fn: string) => (t: Typed, site: CallSite) => buildCall(site, fn, [t]);
const ivSeconds = (t: Typed, s: CallSite) => div(ivPart('extract_interval_microseconds')(t, s), 1_000_000, s);
const ivFraction = (t: Typed, s: CallSite) => mod(ivPart('extract_interval_microseconds')(t, s), 1_000_000, s);
const ivHour12 = (t: Typed, s: CallSite): Typed => {
  const h = mod(ivPart('extract_interval_hour')(t, s), 12, s);
  return { expr: { kind: 'case', whens: [{ when: buildCall(s, 'equal', [h, int(0)]).expr, then: int(12).expr }], else: h.expr, type: T.int64 }, type: T.int64, nullable: true };
};
const ivSecondsOfDay = (t: Typed, s: CallSite) => {
  const minutes = buildCall(s, 'add', [buildCall(s, 'multiply', [ivPart('extract_interval_hour')(t, s), int(60)]), ivPart('extract_interval_minute')(t, s)]);
  return buildCall(s, 'add', [buildCall(s, 'multiply', [minutes, int(60)]), ivSeconds(t, s)]);
};
const signed = (value: (t: Typed, site: CallSite) => Typed, width: number, sign: 'within' | 'extra' = 'extra', widthBy?: (t: Typed, site: CallSite) => Typed): Field =>
  ({ kind: 'number', value, width, signed: sign, ...(widthBy ? { widthBy } : {}) });
const INTERVAL_PATTERNS: readonly (readonly [string, Field])[] = [
  ['YYYY', signed(ivPart('extract_interval_year'), 4)],
  ['SSSSS', signed(ivSecondsOfDay, 0)],
  ['HH24', signed(ivPart('extract_interval_hour'), 2)],
  ['HH12', signed(ivHour12, 2, 'extra', ivPart('extract_interval_hour'))],
  ['SSSS', signed(ivSecondsOfDay, 0)],
  ['MM', signed(ivPart('extract_interval_month'), 2)],
  ['DD', signed(ivPart('extract_interval_day'), 2, 'within')],
  ['HH', signed(ivHour12, 2, 'extra', ivPart('extract_interval_hour'))],
  ['MI', signed(ivPart('extract_interval_minute'), 2)],
  ['SS', signed(ivSeconds, 2)],
  ['MS', signed((t, s) => div(ivFraction(t, s), 1000, s), 3, 'within')],
  ['US', signed(ivFraction, 6, 'within')],
];

// Numeric patterns PostgreSQL also reads in lower case (names and meridiems are case-sensitive above).
const lowerNumeric = (patterns: readonly (readonly [string, Field])[]) => new Map(patterns.filter(([p, f]) => f.kind === 'number' && p !== p.toLowerCase()).map(([p, f]) => [p.toLowerCase(), f] as const));
const LOWER_NUMERIC = lowerNumeric(PATTERNS);
const INTERVAL_LOWER_NUMERIC = lowerNumeric(INTERVAL_PATTERNS);

const text = (value: string): Typed => typedLit(T.utf8, value);
const asText = (site: CallSite, x: Typed): Typed => castTyped(site.src, x, T.utf8, site.span);

function caseOf(site: CallSite, operand: Typed, values: readonly (readonly [number, string])[]): Typed {
  const whens = values.map(([v, out]) => ({ when: buildCall(site, 'equal', [operand, int(v)]).expr, then: E.lit(T.utf8, out) as Expr }));
  return { expr: { kind: 'case', whens, else: null, type: T.utf8 }, type: T.utf8, nullable: true };
}

function cased(name: string, casing: Casing): string {
  return casing === 'upper' ? name.toUpperCase() : casing === 'lower' ? name.toLowerCase() : name;
}

/** The English ordinal suffix of a non-negative number: st, nd, rd, th (11th–13th). */
function ordinal(site: CallSite, n: Typed, upper: boolean): Typed {
  const suffix = (s: string) => E.lit(T.utf8, upper ? s.toUpperCase() : s) as Expr;
  const is = (x: Typed, v: number) => buildCall(site, 'equal', [x, int(v)]).expr;
  const tens = mod(n, 100, site);
  const ones = mod(n, 10, site);
  const whens = [
    { when: buildCall(site, 'and', [buildCall(site, 'gte', [tens, int(11)]), buildCall(site, 'lte', [tens, int(13)])]).expr, then: suffix('th') },
    { when: is(ones, 1), then: suffix('st') },
    { when: is(ones, 2), then: suffix('nd') },
    { when: is(ones, 3), then: suffix('rd') },
  ];
  return { expr: { kind: 'case', whens, else: suffix('th'), type: T.utf8 }, type: T.utf8, nullable: true };
}

function render(site: CallSite, t: Typed, field: Field, fillMode: boolean, suffix: 'TH' | 'th' | null): Typed {
  switch (field.kind) {
    case 'number': {
      const n = field.value(t, site);
      let out: Typed;
      if (field.width === -1) {
        // Y,YYY: the thousands and the rest, as PostgreSQL prints it ('2,024').
        out = buildCall(site, 'concat', [asText(site, div(n, 1000, site)), text(','), buildCall(site, 'lpad', [asText(site, mod(n, 1000, site)), width(3), text('0')])]);
      } else if (field.signed) {
        out = fillMode || field.width <= 1 ? asText(site, n) : signedDigits(site, n, field.width, field.signed, field.widthBy?.(t, site) ?? n);
      } else {
        const digits = asText(site, n);
        out = fillMode || field.width <= 1 ? digits : buildCall(site, 'lpad', [digits, width(field.width), text('0')]);
      }
      return suffix ? buildCall(site, 'concat', [out, ordinal(site, n, suffix === 'TH')]) : out;
    }
    case 'name': {
      const names = field.of === 'month' ? MONTHS : DAYS;
      const operand = field.of === 'month' ? buildCall(site, 'extract_month', [t]) : buildCall(site, 'extract_dow', [t]);
      const first = field.of === 'month' ? 1 : 0;
      const width = Math.max(...names.map((n) => n.length));
      return caseOf(site, operand, names.map((n, i) => {
        const name = cased(field.short ? n.slice(0, 3) : n, field.casing);
        return [i + first, field.short || fillMode ? name : name.padEnd(width, ' ')] as const;
      }));
    }
    case 'meridiem': {
      const [am, pm] = field.dots ? ['a.m.', 'p.m.'] : ['am', 'pm'];
      const hour = buildCall(site, 'extract_hour', [t]);
      const lit = (s: string) => E.lit(T.utf8, field.upper ? s.toUpperCase() : s) as Expr;
      const whens = [{ when: buildCall(site, 'lt', [hour, int(12)]).expr, then: lit(am) }, { when: buildCall(site, 'gte', [hour, int(12)]).expr, then: lit(pm) }];
      return { expr: { kind: 'case', whens, else: null, type: T.utf8 }, type: T.utf8, nullable: true };
    }
    default:
      return assertNever(field, 'to_char field');
  }
}

/**
 * C's printf("%0*d", width, n): at least `width` characters (`extra`: width + 1 when n is
 * negative), zeros after a minus sign, never cut (an interval's hours may pass 99).
 */
function signedDigits(site: CallSite, n: Typed, w: number, sign: 'within' | 'extra', widthBy: Typed): Typed {
  const padded = (v: Typed, k: number): Typed => {
    const digits = asText(site, v);
    if (k <= 1) return digits;
    return { expr: { kind: 'case', whens: [{ when: buildCall(site, 'gte', [buildCall(site, 'char_length', [digits]), int(k)]).expr, then: digits.expr }], else: buildCall(site, 'lpad', [digits, width(k), text('0')]).expr, type: T.utf8 }, type: T.utf8, nullable: true };
  };
  // printf("%0*d", W, n) with W = w, or w + 1 ('extra') when widthBy is negative.
  const negative = buildCall(site, 'lt', [n, int(0)]).expr;
  const digitsOf = (W: number): Expr => ({ kind: 'case', whens: [{ when: negative, then: buildCall(site, 'concat', [text('-'), padded(buildCall(site, 'negate', [n]), W - 1)]).expr }], else: padded(n, W).expr, type: T.utf8 });
  if (sign === 'within') return { expr: digitsOf(w), type: T.utf8, nullable: true };
  return { expr: { kind: 'case', whens: [{ when: buildCall(site, 'lt', [widthBy, int(0)]).expr, then: digitsOf(w + 1) }], else: digitsOf(w), type: T.utf8 }, type: T.utf8, nullable: true };
}

/**
 * to_char(t, pattern) as a concatenation of pieces, or undefined when `value` is not a date,
 * timestamp or interval. An interval prints its numeric fields (INTERVAL_PATTERNS); the other
 * patterns (names, meridiems, ISO and calendar fields) are UNSUPPORTED_CONSTRUCT for it.
 */
export function toCharOfTimestamp(site: CallSite, value: Typed, pattern: string): Typed | undefined {
  const interval = value.type.kind === 'interval';
  if (value.type.kind !== 'date' && value.type.kind !== 'timestamp' && value.type.kind !== 'null' && !interval) return undefined;
  if (pattern === '') return typedLit(T.utf8, null); // PostgreSQL: an empty pattern gives NULL
  const t = value.type.kind === 'timestamp' || interval ? value : castTyped(site.src, value, T.timestamp, site.argSpans[0]!);
  const [patterns, lowerPatterns] = interval ? [INTERVAL_PATTERNS, INTERVAL_LOWER_NUMERIC] : [PATTERNS, LOWER_NUMERIC];
  const pieces: Typed[] = [];
  let literal = '';
  const flush = () => {
    if (literal !== '') pieces.push(text(literal));
    literal = '';
  };
  for (let i = 0; i < pattern.length;) {
    if (pattern[i] === '"') {
      // Quoted text: copied; \" is a quote.
      for (i++; i < pattern.length && pattern[i] !== '"'; i++) {
        if (pattern[i] === '\\' && pattern[i + 1] === '"') i++;
        literal += pattern[i];
      }
      i++;
      continue;
    }
    const fillMode = pattern.startsWith('FM', i) || pattern.startsWith('fm', i);
    const at = fillMode ? i + 2 : i;
    const found = patterns.find(([p]) => pattern.startsWith(p, at)) ?? [...lowerPatterns].find(([p]) => pattern.startsWith(p, at));
    if (!found && interval) {
      const other = PATTERNS.find(([p]) => pattern.startsWith(p, at)) ?? [...LOWER_NUMERIC].find(([p]) => pattern.startsWith(p, at));
      if (other) throw site.src.error('UNSUPPORTED_CONSTRUCT', `to_char of an interval: pattern ${other[0]} is not supported (YYYY MM DD HH24 HH12 HH MI SS MS US SSSS SSSSS are)`, site.argSpans[1]!, { function: 'to_char', pattern: other[0] });
    }
    if (!found) {
      literal += pattern[i];
      i++;
      continue;
    }
    const [name, field] = found;
    let end = at + name.length;
    const suffix = field.kind === 'number' && (pattern.startsWith('TH', end) || pattern.startsWith('th', end)) ? (pattern.slice(end, end + 2) as 'TH' | 'th') : null;
    if (suffix) end += 2;
    flush();
    pieces.push(render(site, t, field, fillMode, suffix));
    i = end;
  }
  flush();
  // A NULL value gives NULL, as PostgreSQL's to_char: each field piece is NULL then, and so is
  // their concatenation. A pattern without fields is its text for every non-NULL value.
  if (pieces.every((p) => p.expr.kind === 'lit')) {
    const whole = pieces.map((p) => (p.expr.kind === 'lit' ? String(p.expr.value) : '')).join('');
    return { expr: { kind: 'case', whens: [{ when: E.isNull(t.expr, true), then: E.lit(T.utf8, whole) }], else: null, type: T.utf8 }, type: T.utf8, nullable: true };
  }
  return pieces.length === 1 ? pieces[0]! : buildCall(site, 'concat', pieces);
}
