// to_char(integer or numeric, 'pattern'): PostgreSQL's numeric template patterns, expanded at
// translation into registry calls (round, casts to text, lpad, ltrim, rtrim, CASE, ||), so the
// result is plain SQL on every target, as to-char.ts does for timestamps. The pattern must be a
// literal.
//
// Patterns: 9 (a digit, a space when it would be a leading zero), 0 (a digit, leading zeros
// kept), . and D (the decimal point), , and G (a group separator, a space before the first digit),
// S (the sign, + or -, before the number when first in the pattern, after it when last), MI (a
// minus sign, or a space, where it stands), PR (a negative number in angle brackets), FM (fill
// mode: no padding, trailing fraction zeros in 9 positions dropped). The C locale's point and
// separator. Without S, MI or PR one position before the number holds its sign (' ' or '-').
// The value is rounded half away from zero to the pattern's fraction digits; an integer part
// longer than the pattern's prints every digit position as '#'. Quoted "text" and punctuation
// are copied; other letters (EEEE, RN, V, L, TH, PL, SG) are UNSUPPORTED_CONSTRUCT, as are double
// precision values (PostgreSQL rounds those as C's printf does, on their binary value: cast to
// numeric first).
//
// Before/after: to_char(n, 'FM9,990.00') →
//   ('-' when round(n, 2) < 0) || ltrim(<the digit positions of abs(round(n, 2)) with ','>) || '.' || <2 fraction digits>

import { assertNever, E, T, typeToString, type Expr } from '../ir/index.ts';
import { buildCall, castTyped, typedLit, type CallSite, type Typed } from './coerce.ts';

/** One element of a numeric pattern. */
type Token =
  | { readonly kind: 'digit'; readonly zero: boolean }
  | { readonly kind: 'point' }
  | { readonly kind: 'group' }
  | { readonly kind: 'sign'; readonly style: 'S' | 'MI' | 'PR' }
  | { readonly kind: 'text'; readonly text: string };

interface NumberPattern {
  readonly tokens: readonly Token[];
  readonly fill: boolean;
  readonly pre: number; // digit positions before the point
  readonly post: number; // digit positions after it
}

const text = (value: string): Typed => typedLit(T.utf8, value);
const int = (v: number): Typed => typedLit(T.int32, v);

/** UNSUPPORTED_CONSTRUCT naming to_char, at the pattern (or, arg 0, the value). */
function refuse(site: CallSite, why: string, arg: 0 | 1 = 1): never {
  throw site.src.error('UNSUPPORTED_CONSTRUCT', `to_char: ${why}`, site.argSpans[arg]!, { function: 'to_char' });
}

function parsePattern(site: CallSite, pattern: string): NumberPattern {
  const tokens: Token[] = [];
  let fill = false;
  let literal = '';
  const flush = () => {
    if (literal !== '') tokens.push({ kind: 'text', text: literal });
    literal = '';
  };
  const push = (t: Token) => {
    flush();
    tokens.push(t);
  };
  for (let i = 0; i < pattern.length;) {
    const rest = pattern.slice(i).toUpperCase();
    const c = pattern[i]!;
    if (c === '"') {
      for (i++; i < pattern.length && pattern[i] !== '"'; i++) {
        if (pattern[i] === '\\' && pattern[i + 1] === '"') i++;
        literal += pattern[i];
      }
      i++;
    } else if (rest.startsWith('FM')) [fill, i] = [true, i + 2];
    else if (rest.startsWith('MI')) [push({ kind: 'sign', style: 'MI' }), i += 2];
    else if (rest.startsWith('PR')) [push({ kind: 'sign', style: 'PR' }), i += 2];
    else if (c === '9' || c === '0') [push({ kind: 'digit', zero: c === '0' }), i++];
    else if (c === '.' || c === 'D' || c === 'd') [push({ kind: 'point' }), i++];
    else if (c === ',' || c === 'G' || c === 'g') [push({ kind: 'group' }), i++];
    else if (c === 'S' || c === 's') [push({ kind: 'sign', style: 'S' }), i++];
    else if (/\p{L}/u.test(c)) refuse(site, `pattern ${JSON.stringify(pattern.slice(i, i + 4))}… is not supported (9 0 . D , G S MI PR FM and quoted text are)`);
    else [literal += c, i++];
  }
  flush();
  const points = tokens.filter((t) => t.kind === 'point').length;
  const signs = tokens.filter((t) => t.kind === 'sign');
  if (points > 1) refuse(site, 'a pattern takes one decimal point');
  if (signs.length > 1) refuse(site, 'a pattern takes one of S, MI and PR');
  const pointAt = tokens.findIndex((t) => t.kind === 'point');
  const digitsAt = tokens.flatMap((t, i) => (t.kind === 'digit' ? [i] : []));
  if (digitsAt.length === 0) refuse(site, 'a pattern needs a digit (9 or 0)');
  if (tokens.some((t, i) => t.kind === 'group' && pointAt >= 0 && i > pointAt)) refuse(site, 'a group separator after the decimal point is not supported');
  const last = tokens.length - 1 - [...tokens].reverse().findIndex((t) => t.kind !== 'text');
  const first = tokens.findIndex((t) => t.kind !== 'text');
  for (const [i, t] of tokens.entries()) {
    if ((t.kind === 'sign' || t.kind === 'text') && i > digitsAt[0]! && i < digitsAt.at(-1)!) refuse(site, `${t.kind === 'sign' ? 'a sign' : 'text'} between the digits is not supported`);
    if (t.kind !== 'sign') continue;
    if (t.style === 'S' && i !== first && i !== last) refuse(site, 'S must open or close the pattern');
    if (t.style === 'PR' && i !== last) refuse(site, 'PR must close the pattern');
  }
  const pre = digitsAt.filter((i) => pointAt < 0 || i < pointAt).length;
  return { tokens, fill, pre, post: digitsAt.length - pre };
}

const isNull = (x: Typed): Expr => E.isNull(x.expr, false);
const caseText = (whens: readonly { when: Expr; then: Typed }[], otherwise: Typed): Typed => ({
  expr: { kind: 'case', whens: whens.map((w) => ({ when: w.when, then: w.then.expr })), else: otherwise.expr, type: T.utf8 },
  type: T.utf8,
  nullable: true,
});

/** to_char(x, pattern) for an integer or decimal x, or undefined when x is neither. */
export function toCharOfNumber(site: CallSite, value: Typed, pattern: string): Typed | undefined {
  const t = value.type;
  if (t.kind === 'float64') refuse(site, 'double precision values are not supported (PostgreSQL rounds them on their binary value, as C\'s printf); cast to numeric first', 0);
  if (t.kind !== 'int32' && t.kind !== 'int64' && t.kind !== 'decimal') return undefined;
  if (pattern === '') return typedLit(T.utf8, null);
  const p = parsePattern(site, pattern);
  // The digits of |x| rounded to the pattern's fraction digits, as text ('12.35', '0.50', '7'):
  // an integer's own text (exact on every target, SQLite's REAL decimals included), a decimal's
  // through a decimal of exactly that scale.
  let negative: Expr;
  let digitsText: Typed;
  if (t.kind === 'decimal') {
    const width = t.precision - t.scale + 1 + p.post; // one more integer digit: rounding may carry
    if (width > 38) refuse(site, `${typeToString(t)} with ${p.post} fraction digits needs more than 38 digits`);
    const rounded = buildCall(site, 'round', [value, int(p.post)]);
    negative = buildCall(site, 'lt', [rounded, typedLit(T.decimal(1, 0), '0')]).expr;
    digitsText = castTyped(site.src, castTyped(site.src, buildCall(site, 'abs', [rounded]), T.decimal(width, p.post), site.span), T.utf8, site.span);
  } else {
    negative = buildCall(site, 'lt', [value, typedLit(t, t.kind === 'int32' ? 0 : '0')]).expr;
    const unsigned = buildCall(site, 'ltrim', [castTyped(site.src, value, T.utf8, site.span), text('-')]);
    digitsText = p.post === 0 ? unsigned : buildCall(site, 'concat', [unsigned, text(`.${'0'.repeat(p.post)}`)]);
  }
  const wholeText = buildCall(site, 'split_part', [digitsText, text('.'), int(1)]);
  // The integer part 0 prints no digit when there is a fraction (PostgreSQL: 0.5 → '.50').
  const whole = p.post > 0 ? caseText([{ when: buildCall(site, 'equal', [wholeText, text('0')]).expr, then: text('') }], wholeText) : wholeText;
  const fraction = buildCall(site, 'split_part', [digitsText, text('.'), int(2)]);
  // Overflow counts the integer part as printed by the number's text: 0 is a digit there (a
  // pattern without integer positions prints '.##' for every value, as PostgreSQL's).
  const overflow = buildCall(site, 'gt', [buildCall(site, 'char_length', [wholeText]), typedLit(T.int64, String(p.pre))]).expr;

  // The integer digit positions: the digits right-aligned, positions from the first 0 of the
  // pattern kept as zeros, the rest spaces (or '#' on overflow); a separator prints ',' after a
  // printed digit, else a space.
  const intTokens = p.tokens.filter((_, i) => p.post === 0 || i < p.tokens.findIndex((x) => x.kind === 'point'));
  const firstZero = intTokens.filter((x) => x.kind === 'digit').findIndex((x) => x.kind === 'digit' && x.zero);
  const zeroWidth = firstZero < 0 ? 0 : p.pre - firstZero;
  const core = zeroWidth === 0 ? whole : caseText([{ when: buildCall(site, 'gte', [buildCall(site, 'char_length', [whole]), typedLit(T.int64, String(zeroWidth))]).expr, then: whole }], buildCall(site, 'lpad', [whole, int(zeroWidth), text('0')]));
  const full = p.pre === 0 ? text('') : buildCall(site, 'lpad', [core, int(p.pre), text(' ')]);
  const regionPieces: Typed[] = [];
  let position = 0;
  let regionWidth = 0;
  const hasGroups = intTokens.some((x) => x.kind === 'group');
  for (const tok of intTokens) {
    if (tok.kind === 'digit') {
      position++;
      if (!hasGroups) continue;
      regionPieces.push(buildCall(site, 'substring', [full, int(position), int(1)]));
    } else if (tok.kind === 'group') {
      if (!hasGroups) continue;
      const left = position === 0 ? text(' ') : buildCall(site, 'substring', [full, int(position), int(1)]);
      regionPieces.push(caseText([{ when: buildCall(site, 'equal', [left, text(' ')]).expr, then: text(' ') }], text(',')));
    } else continue;
    regionWidth++;
  }
  if (!hasGroups) regionWidth = p.pre;
  const hashes = intTokens.flatMap((x) => (x.kind === 'digit' ? ['#'] : x.kind === 'group' ? [','] : [])).join('');
  const digitsRegion = hasGroups ? (regionPieces.length === 1 ? regionPieces[0]! : buildCall(site, 'concat', regionPieces)) : full;
  const region = caseText([{ when: overflow, then: text(hashes) }], digitsRegion);
  const fractionOut = caseText([{ when: overflow, then: text('#'.repeat(p.post)) }], p.fill ? trimmedFraction(site, p, fraction) : fraction);

  // The sign: anchored before the number's first printed character, or where MI / a closing S or PR stands.
  const style = p.tokens.find((x): x is Extract<Token, { kind: 'sign' }> => x.kind === 'sign');
  const signFirst = style !== undefined && p.tokens.findIndex((x) => x.kind === 'sign') < p.tokens.findIndex((x) => x.kind === 'digit');
  const blank = p.fill ? '' : ' ';
  const choose = (neg: string, pos: string): Typed => caseText([{ when: negative, then: text(neg) }], text(pos));
  const anchored = style === undefined ? choose('-', blank) : style.style === 'S' && signFirst ? choose('-', '+') : style.style === 'PR' ? choose('<', blank) : undefined;
  const printed = p.fill
    ? caseText([{ when: buildCall(site, 'and', [buildCall(site, 'equal', [buildCall(site, 'ltrim', [region]), text('')]), buildCall(site, 'equal', [fractionOut, text('')])]).expr, then: text('0') }], buildCall(site, 'ltrim', [region]))
    : region;
  const numberPart = anchored === undefined ? printed
    : p.fill ? buildCall(site, 'concat', [anchored, printed])
    : buildCall(site, 'lpad', [buildCall(site, 'concat', [anchored, buildCall(site, 'ltrim', [region])]), int(regionWidth + 1), text(' ')]);

  const pieces: Typed[] = [];
  let numberPlaced = false;
  for (const tok of p.tokens) {
    switch (tok.kind) {
      case 'digit':
      case 'group':
        // The integer region (with the anchored sign) stands where the first digit or separator does.
        if (!numberPlaced) pieces.push(numberPart);
        numberPlaced = true;
        break;
      case 'point':
        if (!numberPlaced) pieces.push(numberPart);
        numberPlaced = true;
        pieces.push(text('.'), fractionOut);
        break;
      case 'sign':
        if (tok.style === 'MI') pieces.push(choose('-', blank));
        else if (tok.style === 'PR') pieces.push(choose('>', blank));
        else if (!signFirst) pieces.push(choose('-', '+'));
        break;
      case 'text':
        pieces.push(text(tok.text));
        break;
      default:
        assertNever(tok, 'to_char token');
    }
  }
  const out = pieces.length === 1 ? pieces[0]! : buildCall(site, 'concat', pieces);
  // Every piece reads x, so a NULL x gives NULL; the literal pieces alone would not.
  return caseText([{ when: isNull(value), then: typedLit(T.utf8, null) }], out);
}

/** Fill mode: trailing zeros of the fraction dropped, up to the last 0 position of the pattern. */
function trimmedFraction(site: CallSite, p: NumberPattern, fraction: Typed): Typed {
  const pointAt = p.tokens.findIndex((x) => x.kind === 'point');
  const fracDigits = p.tokens.slice(pointAt + 1).filter((x) => x.kind === 'digit');
  const keep = fracDigits.length - [...fracDigits].reverse().findIndex((x) => x.kind === 'digit' && x.zero);
  const kept = keep > fracDigits.length ? 0 : keep;
  const trimmed = buildCall(site, 'rtrim', [fraction, text('0')]);
  if (kept === 0) return trimmed;
  return caseText([{ when: buildCall(site, 'gte', [buildCall(site, 'char_length', [trimmed]), typedLit(T.int64, String(kept))]).expr, then: trimmed }], buildCall(site, 'substring', [fraction, int(1), int(kept)]));
}
