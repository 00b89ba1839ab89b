// PostgreSQL's text and bytea functions whose SQL calls need more than a registry name: overloads
// chosen by the argument's type (length of text or bytea), arguments that must be literals and
// pick a registry function (encode's format, normalize's form, convert_to's encoding), format()
// compiled from its format string, and the text form PostgreSQL's output functions give
// (concat, concat_ws and format print a bool as t/f, where a cast to text says true/false).

import { decodeUnistr, E, T, type Expr } from '../ir/index.ts';
import { buildCall, castTyped, typedLit, type CallSite, type Typed } from './coerce.ts';
import type { BuildInput, ScalarFnSpec } from './function-spec.ts';

const ANY = Infinity;
const reg = (to: string, min: number, max = min): ScalarFnSpec => ({ to, arity: [min, max] });

/** A value as its type's output function writes it: a bool is 't' / 'f'; every other type as its cast to text. */
export function outputText(site: CallSite, a: Typed, i: number): Typed {
  if (a.type.kind !== 'bool') return castTyped(site.src, a, T.utf8, site.argSpans[i]!);
  const expr: Expr = { kind: 'case', whens: [{ when: a.expr, then: E.lit(T.utf8, 't') }, { when: E.isNull(a.expr, true), then: E.lit(T.utf8, 'f') }], else: null, type: T.utf8 };
  return { expr, type: T.utf8, nullable: a.nullable };
}

/** PostgreSQL's concat() skips NULL arguments, unlike `||`: each argument becomes coalesce(its text, ''). */
export function concatSkippingNulls({ site, args }: BuildInput): Typed {
  const parts = args.map((a, i) => {
    const text = outputText(site, a, i);
    return a.nullable ? buildCall(site, 'coalesce', [text, typedLit(T.utf8, '')]) : text;
  });
  if (parts.length === 1) return parts[0]!;
  return buildCall(site, 'concat', parts);
}

/** concat_ws(sep, x…): every argument after the separator as its text. */
export function concatWsOfText({ site, args }: BuildInput): Typed {
  return buildCall(site, 'concat_ws', args.map((a, i) => (i === 0 ? a : outputText(site, a, i))));
}

/** A bytea argument: a quoted literal is bytea input, as PostgreSQL types an unknown-typed literal from the signature. */
const bytes = (site: CallSite, a: Typed, i: number): Typed => (a.type.kind === 'utf8' && a.expr.kind === 'lit' ? castTyped(site.src, a, T.binary, site.argSpans[i]!) : a);
const isBytes = (a: Typed): boolean => a.type.kind === 'binary';

/** An integer argument in the width the function takes (PostgreSQL's int4 / int8 parameters). */
function integer(site: CallSite, a: Typed, i: number, to: typeof T.int32 | typeof T.int64): Typed {
  return (a.type.kind === 'int32' || a.type.kind === 'int64') && a.type.kind !== to.kind ? castTyped(site.src, a, to, site.argSpans[i]!) : a;
}

/** fn(bytea, then integers of the given widths). */
function bytesCall(fn: string, ints: readonly (typeof T.int32 | typeof T.int64)[] = []): ScalarFnSpec {
  return {
    build: ({ site, args }) => buildCall(site, fn, args.map((a, i) => (i === 0 ? bytes(site, a, 0) : integer(site, a, i, ints[i - 1]!)))),
    arity: [1 + ints.length, 1 + ints.length],
  };
}

/** The string literal of argument `i` (a format, form or encoding name), or UNSUPPORTED_CONSTRUCT. */
function literalArg({ site, args }: BuildInput, i: number, what: string): string {
  const a = args[i]!;
  if (a.expr.kind !== 'lit' || typeof a.expr.value !== 'string') {
    throw site.src.error('UNSUPPORTED_CONSTRUCT', `${site.display} takes its ${what} as a string literal`, site.argSpans[i], { function: site.display });
  }
  return a.expr.value;
}

/** encode(b, format) / decode(s, format): hex, base64 and escape, each its registry function. */
function coding(dir: 'encode' | 'decode'): ScalarFnSpec {
  return {
    build: (b) => {
      const format = literalArg(b, 1, 'format').toLowerCase();
      const { site, args } = b;
      if (format !== 'hex' && format !== 'base64' && format !== 'escape') throw site.src.error('TYPE_MISMATCH', `unrecognized encoding: "${format}"`, site.argSpans[1], { function: dir, format });
      return buildCall(site, `${dir}_${format}`, [dir === 'encode' ? bytes(site, args[0]!, 0) : args[0]!]);
    },
    arity: [2, 2],
  };
}

/** convert_to(s, encoding) / convert_from(b, encoding): UTF8 only (the database encoding relc assumes). */
function conversion(fn: 'convert_to' | 'convert_from'): ScalarFnSpec {
  return {
    build: (b) => {
      const encoding = literalArg(b, 1, 'encoding');
      const { site, args } = b;
      // PostgreSQL compares encoding names case-insensitively, ignoring punctuation ('utf-8'); UNICODE is an alias.
      if (!['utf8', 'unicode'].includes(encoding.toLowerCase().replace(/[^a-z0-9]/g, ''))) {
        throw site.src.error('UNSUPPORTED_CONSTRUCT', `${fn} supports only the UTF8 encoding, got ${JSON.stringify(encoding)}`, site.argSpans[1], { function: fn, encoding });
      }
      return buildCall(site, fn, [fn === 'convert_from' ? bytes(site, args[0]!, 0) : args[0]!]);
    },
    arity: [2, 2],
  };
}

const NORMAL_FORMS: Readonly<Record<string, string>> = { NFC: 'nfc_normalize', NFD: 'nfd_normalize', NFKC: 'nfkc_normalize', NFKD: 'nfkd_normalize' };

/** normalize(s [, form]) → the form's registry function (NFC by default). */
function normalized(b: BuildInput): Typed {
  const form = b.args.length > 1 ? literalArg(b, 1, 'normal form').toUpperCase() : 'NFC';
  const fn = NORMAL_FORMS[form];
  if (!fn) throw b.site.src.error('TYPE_MISMATCH', `invalid normalization form: ${form}`, b.site.argSpans[1], { function: 'normalize', form });
  return buildCall(b.site, fn, [b.args[0]!]);
}

/** s IS [form] NORMALIZED (is_normalized(s [, form])) ≡ normalize(s, form) = s. */
function isNormalized(b: BuildInput): Typed {
  return buildCall(b.site, 'equal', [normalized(b), b.args[0]!]);
}

/**
 * A literal regular expression's first capturing group: none, one that takes part in every match,
 * or one that may not (an alternation anywhere, or a `?`, `*` or `{…}` after it or a group around it: conservative).
 */
function firstGroup(pattern: string): 'none' | 'always' | 'optional' {
  const open: boolean[] = []; // per open parenthesis: whether it is or encloses the first group
  let found = false;
  let optional = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') i++;
    else if (ch === '[') {
      i += pattern[i + 1] === '^' ? 2 : 1;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '[' && pattern[i + 1] === ':' ? Math.max(pattern.indexOf(':]', i) - i + 2, 1) : 1;
    } else if (ch === '|') optional = true;
    else if (ch === '(') {
      const capture = pattern[i + 1] !== '?' && !found;
      if (capture) {
        found = true;
        for (let k = 0; k < open.length; k++) open[k] = true;
      }
      open.push(capture);
    } else if (ch === ')') {
      if (open.pop() && /^[?*{]/.test(pattern.slice(i + 1))) optional = true;
    }
  }
  return !found ? 'none' : optional ? 'optional' : 'always';
}

/** substring(s FROM pattern) / substring(s, pattern): the regular-expression form, for a literal pattern. */
function substringRegex(b: BuildInput): Typed {
  const pattern = literalArg(b, 1, 'pattern');
  const group = firstGroup(pattern);
  return buildCall(b.site, group === 'none' ? 'regexp_substr' : group === 'always' ? 'substring_regex' : 'substring_regex_optional', [b.args[0]!, b.args[1]!]);
}

/** The integer literal of argument `i` (a regexp function's start, N, endoption, subexpr), or UNSUPPORTED_CONSTRUCT. */
function integerLiteral({ site, args }: BuildInput, i: number, what: string): number {
  const a = args[i]!;
  if (a.expr.kind !== 'lit' || (typeof a.expr.value !== 'number' && typeof a.expr.value !== 'bigint')) {
    throw site.src.error('UNSUPPORTED_CONSTRUCT', `${site.display} takes its ${what} as an integer literal`, site.argSpans[i], { function: site.display });
  }
  return Number(a.expr.value);
}

/**
 * regexp_count(s, p [, start [, flags]]), regexp_instr(s, p [, start [, N [, endoption [, flags [, subexpr]]]]]),
 * regexp_substr(s, p [, start [, N [, flags [, subexpr]]]]): the optional arguments literals, checked
 * as PostgreSQL checks them, and passed in full (the registry's long form) unless all are defaults.
 * Flags: i (ignore case) and c (undo it), the last one winning.
 */
function regexpSearch(fn: 'regexp_count' | 'regexp_instr' | 'regexp_substr', params: readonly ('start' | 'n' | 'endoption' | 'flags' | 'subexpr')[]): ScalarFnSpec {
  const defaults = { start: 1, n: 1, endoption: 0, flags: '', subexpr: 0 } as const;
  return {
    build: (b) => {
      const { site, args } = b;
      const value = (p: (typeof params)[number]): number | string => {
        const i = 2 + params.indexOf(p);
        if (i >= args.length) return defaults[p];
        if (p === 'flags') {
          let icase = false;
          for (const f of literalArg(b, i, 'flags')) {
            if (f === 'i' || f === 'c') icase = f === 'i';
            else throw site.src.error('UNSUPPORTED_CONSTRUCT', `${fn} flag ${JSON.stringify(f)} is not supported (i and c are)`, site.argSpans[i], { function: fn, flag: f });
          }
          return icase ? 'i' : '';
        }
        const n = integerLiteral(b, i, p);
        const ok = p === 'endoption' ? n === 0 || n === 1 : p === 'subexpr' ? n >= 0 : n >= 1;
        if (!ok) throw site.src.error('TYPE_MISMATCH', `invalid value for parameter "${p}": ${n}`, site.argSpans[i], { function: fn, parameter: p });
        return n;
      };
      const values = params.map(value);
      if (params.every((p, k) => values[k] === defaults[p])) return buildCall(site, fn, args.slice(0, 2));
      return buildCall(site, fn, [...args.slice(0, 2), ...values.map((v) => (typeof v === 'string' ? typedLit(T.utf8, v) : typedLit(T.int32, v)))]);
    },
    arity: [2, 2 + params.length],
  };
}

/** By the first argument's type: a bytea overload (its integer arguments int4), else the text one. */
const textOrBytesCall = (text: string, bytea: string) => ({ site, args }: BuildInput): Typed =>
  isBytes(args[0]!) ? buildCall(site, bytea, args.map((a, i) => (i === 0 ? a : integer(site, a, i, T.int32)))) : buildCall(site, text, args);
const textOrBytes = (text: string, bytea: string, min: number, max = min): ScalarFnSpec => ({ build: textOrBytesCall(text, bytea), arity: [min, max] });

/**
 * overlay(s PLACING r FROM n [FOR m]): substring(s, 1, n - 1) || r || substring(s, n + m), m
 * defaulting to the length of r, as PostgreSQL computes it (so n < 1 is its negative-length
 * error). Of text, or of bytea when s is one.
 */
function overlay({ site, args }: BuildInput): Typed {
  const binary = isBytes(args[0]!);
  const as = (a: Typed, i: number) => (binary ? bytes(site, a, i) : a.type.kind === 'utf8' || a.type.kind === 'null' ? a : castTyped(site.src, a, T.utf8, site.argSpans[i]!));
  const [s, r] = [as(args[0]!, 0), as(args[1]!, 1)];
  const [substring, length, concat] = binary ? ['bytea_substr', 'byteaoctetlen', 'byteacat'] : ['substring', 'char_length', 'concat'];
  const int = (a: Typed, i: number) => (binary ? integer(site, a, i, T.int32) : a);
  const [n, m] = [int(args[2]!, 2), args[3] ? int(args[3], 3) : buildCall(site, length, [r])];
  const one = typedLit(T.int32, 1);
  const head = buildCall(site, substring, [s, one, buildCall(site, 'subtract', [n, one])]);
  const tail = buildCall(site, substring, [s, int(buildCall(site, 'add', [n, m]), 2)]);
  return binary ? buildCall(site, concat, [buildCall(site, concat, [head, r]), tail]) : buildCall(site, concat, [head, r, tail]);
}

/** position(needle IN haystack) / strpos(haystack, needle): of bytea when either is one (a quoted literal beside it is bytea input). */
function position({ site, args }: BuildInput): Typed {
  if (!args.some(isBytes)) return buildCall(site, 'strpos', args);
  return buildCall(site, 'byteapos', args.map((a, i) => bytes(site, a, i)));
}

/** trim / btrim / ltrim / rtrim(x [, set]): of bytea (with a set of bytes, as PostgreSQL has it) when x is one. */
function trim(side: 'trim' | 'ltrim' | 'rtrim'): ScalarFnSpec {
  const bytea = side === 'trim' ? 'bytea_btrim' : `bytea_${side}`;
  return {
    build: ({ site, args }) => (isBytes(args[0]!) ? buildCall(site, bytea, args.map((a, i) => bytes(site, a, i))) : buildCall(site, side, args)),
    arity: [1, 2],
  };
}

/** unistr(s): a literal is decoded at compile time (an invalid escape is TYPE_MISMATCH there, as PostgreSQL's error). */
function unistr({ site, args }: BuildInput): Typed {
  const a = args[0]!;
  if (a.expr.kind !== 'lit' || typeof a.expr.value !== 'string') return buildCall(site, 'unistr', [a]);
  const text = decodeUnistr(a.expr.value);
  if (text === undefined) throw site.src.error('TYPE_MISMATCH', `invalid Unicode escape in ${JSON.stringify(a.expr.value)}`, site.argSpans[0], { function: 'unistr' });
  return typedLit(T.utf8, text);
}

/**
 * PostgreSQL's similar_to_escape: a SIMILAR TO pattern as the regular expression `^(?:…)$` —
 * `%` is `.*`, `_` is `.`, `(` a non-capturing group, `.` `$` `^` and a backslash literal, the
 * escape character makes the next one literal, bracket expressions pass as they are (a `]` first
 * in one is a member). Undefined for the escaped
 * double quote (SUBSTRING … SIMILAR's separator) and a trailing escape.
 */
function similarToRegex(pattern: string, escape: string): string | undefined {
  let out = '^(?:';
  let afterEscape = false;
  let classPos = 0; // 0 outside a bracket expression; 1 right after '[', 2 after '[^', 3 inside
  for (const ch of pattern) {
    if (afterEscape) {
      if (ch === '"' && classPos === 0) return undefined;
      out += `\\${ch}`;
      afterEscape = false;
    } else if (escape !== '' && ch === escape) afterEscape = true;
    else if (classPos > 0) {
      if (ch === '^' && classPos === 1) {
        out += ch;
        classPos = 2;
      } else {
        out += ch === '\\' ? '\\\\' : ch;
        classPos = ch === ']' && classPos === 3 ? 0 : 3; // a ']' first is a member
      }
    } else if (ch === '[') {
      out += ch;
      classPos = 1;
    } else out += ({ '%': '.*', _: '.', '(': '(?:', '\\': '\\\\', '.': '\\.', $: '\\$', '^': '\\^' } as Record<string, string>)[ch] ?? ch;
  }
  return afterEscape ? undefined : `${out})$`;
}

/** similar_to_escape(pattern [, escape]) of literals, computed at compile time (`x SIMILAR TO p` is `x ~ similar_to_escape(p)`). */
function similarToEscape(b: BuildInput): Typed {
  const { site, args } = b;
  if (args.some((a) => a.expr.kind === 'lit' && a.expr.value === null)) return typedLit(T.utf8, null);
  const pattern = literalArg(b, 0, 'pattern (SIMILAR TO takes a literal one)');
  const escape = args.length > 1 ? literalArg(b, 1, 'escape') : '\\';
  if ([...escape].length > 1) throw site.src.error('TYPE_MISMATCH', 'invalid escape string: it must be empty or one character', site.argSpans[1], { function: 'similar_to_escape' });
  const regex = similarToRegex(pattern, escape);
  if (regex === undefined) throw site.src.error('UNSUPPORTED_CONSTRUCT', 'a SIMILAR TO pattern with an escaped double quote or a trailing escape character is not supported', site.argSpans[0], { function: 'similar_to_escape' });
  return typedLit(T.utf8, regex);
}

/**
 * format(fmt, x…) with a literal format: `%s` the value's text ('' for NULL), `%I` quote_ident,
 * `%L` quote_nullable, `%%` a percent sign; `%n$…` takes argument n, and the next unnumbered
 * specifier the one after it; a literal width pads with spaces on the left (`-`: on the right).
 * A width from an argument (`*`) is not supported. Compiled into a concat.
 */
function format(b: BuildInput): Typed {
  const { site, args } = b;
  const fmt = args[0]!;
  if (fmt.expr.kind === 'lit' && fmt.expr.value === null) return typedLit(T.utf8, null);
  const text = literalArg(b, 0, 'format string');
  const bad = (message: string): never => {
    throw site.src.error('TYPE_MISMATCH', message, site.argSpans[0], { function: 'format' });
  };
  const pieces: Typed[] = [];
  let literal = '';
  let next = 1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '%') {
      literal += text[i];
      continue;
    }
    if (++i >= text.length) bad('unterminated format() type specifier');
    if (text[i] === '%') {
      literal += '%';
      continue;
    }
    const position = /^(\d+)\$/.exec(text.slice(i));
    let index = next;
    if (position) {
      index = Number(position[1]);
      if (index === 0) bad('format specifies argument 0, but arguments are numbered from 1');
      i += position[0].length;
    }
    // Flags (`-`: pad on the right) and a literal width; a width taken from an argument (`*`) is not supported.
    let leftAlign = false;
    while (text[i] === '-') {
      leftAlign = true;
      i++;
    }
    const width = /^\d+/.exec(text.slice(i));
    if (width) i += width[0].length;
    if (width && Number(width[0]) > 2147483647) bad('number is out of range');
    if (i >= text.length) bad('unterminated format() type specifier');
    if (text[i] === '*') throw site.src.error('UNSUPPORTED_CONSTRUCT', 'format() widths from an argument (*) are not supported (literal widths are)', site.argSpans[0], { function: 'format' });
    const kind = text[i]!;
    if (kind !== 's' && kind !== 'I' && kind !== 'L') bad(`unrecognized format() type specifier "${kind}"`);
    if (index >= args.length) bad('too few arguments for format()');
    next = index + 1;
    const a = args[index]!;
    const value = outputText(site, a, index);
    if (literal !== '') pieces.push(typedLit(T.utf8, literal));
    literal = '';
    let piece: Typed;
    if (kind === 's') piece = a.nullable ? buildCall(site, 'coalesce', [value, typedLit(T.utf8, '')]) : value;
    else if (kind === 'L') piece = buildCall(site, 'quote_nullable', [value]);
    else {
      // PostgreSQL raises for a NULL identifier at run time; relc cannot raise there on every target.
      if (a.nullable) throw site.src.error('UNSUPPORTED_CONSTRUCT', "format('%I') of a nullable value (PostgreSQL raises on NULL): wrap it in coalesce()", site.argSpans[index], { function: 'format' });
      piece = buildCall(site, 'quote_ident', [value]);
    }
    if (width && Number(width[0]) > 0) {
      // Padded with spaces to the width, never cut: repeat of a count below 1 is ''.
      const pad = buildCall(site, 'repeat', [typedLit(T.utf8, ' '), buildCall(site, 'subtract', [typedLit(T.int32, Number(width[0])), buildCall(site, 'char_length', [piece])])]);
      piece = buildCall(site, 'concat', leftAlign ? [piece, pad] : [pad, piece]);
    }
    pieces.push(piece);
  }
  if (literal !== '') pieces.push(typedLit(T.utf8, literal));
  if (pieces.length === 0) return typedLit(T.utf8, '');
  return pieces.length === 1 ? pieces[0]! : buildCall(site, 'concat', pieces);
}

export const STRING_CALLS: Readonly<Record<string, ScalarFnSpec>> = {
  length: textOrBytes('char_length', 'byteaoctetlen', 1), octet_length: textOrBytes('octet_length', 'byteaoctetlen', 1),
  substring: { build: (b) => (b.args.length === 2 && b.args[1]!.type.kind === 'utf8' && !isBytes(b.args[0]!) ? substringRegex(b) : textOrBytesCall('substring', 'bytea_substr')(b)), arity: [2, 3] }, substr: textOrBytes('substring', 'bytea_substr', 2, 3),
  sha224: bytesCall('sha224'), sha256: bytesCall('sha256'), sha384: bytesCall('sha384'), sha512: bytesCall('sha512'),
  get_byte: bytesCall('get_byte', [T.int32]), set_byte: bytesCall('set_byte', [T.int32, T.int32]),
  get_bit: bytesCall('get_bit', [T.int64]), set_bit: bytesCall('set_bit', [T.int64, T.int32]), bit_count: bytesCall('bit_count'),
  encode: coding('encode'), decode: coding('decode'), convert_to: conversion('convert_to'), convert_from: conversion('convert_from'),
  normalize: { build: normalized, arity: [1, 2] }, is_normalized: { build: isNormalized, arity: [1, 2] },
  regexp_count: regexpSearch('regexp_count', ['start', 'flags']),
  regexp_instr: regexpSearch('regexp_instr', ['start', 'n', 'endoption', 'flags', 'subexpr']),
  regexp_substr: regexpSearch('regexp_substr', ['start', 'n', 'flags', 'subexpr']),
  quote_ident: reg('quote_ident', 1),
  format: { build: format, arity: [1, ANY] }, overlay: { build: overlay, arity: [3, 4] }, strpos: { build: position, arity: [2, 2] },
  similar_to_escape: { build: similarToEscape, arity: [1, 2] },
  trim: trim('trim'), btrim: trim('trim'), ltrim: trim('ltrim'), rtrim: trim('rtrim'), unistr: { build: unistr, arity: [1, 1] },
  bit_length: { build: ({ site, args }) => (isBytes(args[0]!) ? buildCall(site, 'multiply', [buildCall(site, 'byteaoctetlen', args), typedLit(T.int32, 8)]) : buildCall(site, 'bit_length', args)), arity: [1, 1] },
};
