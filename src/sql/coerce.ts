// Typing helpers of the SQL front end: typed expressions, casts (folded into literals when the
// operand is one), PostgreSQL's "unknown literal" adaptation, implicit numeric widening made
// explicit, and registry calls checked with located TYPE_MISMATCH errors.

import {
  E, RelcError, byteaInputHex, asDecimal, canonicalJson, callNullable, parseBoolText, commonSuperType, isNumeric, resolveCall, signatureText, T, typeEquals, typeToString,
  type DataType, type Expr, type Literal, type LiteralValue, type ResolvedCall,
} from '../ir/index.ts';
import { numberLiteral, parseDate, parseInterval, parseTimestamp, rescaleDecimal, wholeDigits, midnightDate, dateToTimestamp } from './literals.ts';
import type { Span, SqlSource } from './source.ts';

/** Identity of an expression for matching (GROUP BY keys, ORDER BY items): cheap for columns. */
export function exprKey(e: Expr): string {
  return e.kind === 'col' ? `#${e.index}` : canonicalJson(e);
}

/** An IR expression with its type and nullability. */
export interface Typed {
  readonly expr: Expr;
  readonly type: DataType;
  readonly nullable: boolean;
  /**
   * The text is a json or jsonb value (relc has no JSON type: src/sql/json.ts), known where the
   * expression itself makes one (a cast, `->`, json_build_object…): json_build_object, to_json
   * and the like embed such a value instead of quoting it as a string.
   */
  readonly json?: 'json' | 'jsonb';
}

export function typedLit(type: DataType, value: LiteralValue): Typed {
  return { expr: E.lit(type, value), type, nullable: value === null };
}

function asLiteral(t: Typed): Literal | undefined {
  return t.expr.kind === 'lit' ? t.expr : undefined;
}

/** Whether an explicit CAST from `from` to `to` is meaningful. */
export function castAllowed(from: DataType, to: DataType): boolean {
  if (from.kind === 'null' || typeEquals(from, to) || from.kind === 'utf8' || to.kind === 'utf8') return true;
  if (isNumeric(from) && isNumeric(to)) return true;
  const pair = `${from.kind}->${to.kind}`;
  return ['bool->int32', 'bool->int64', 'int32->bool', 'int64->bool', 'date->timestamp', 'timestamp->date'].includes(pair);
}

/** The literal value of `lit` converted to `to`, or undefined when the engine should do it. */
function convertLiteral(src: SqlSource, lit: Literal, to: DataType, span: Span): LiteralValue | undefined {
  const v = lit.value;
  if (v === null) return null;
  const from = lit.type;
  const bad = (): never => {
    throw src.error('TYPE_MISMATCH', `invalid ${typeToString(to)} literal: ${JSON.stringify(v)}`, span, { value: v, type: typeToString(to) });
  };
  if (from.kind === 'utf8' && typeof v === 'string') {
    switch (to.kind) {
      case 'date':
        // PostgreSQL reads a date from timestamp text too, dropping the time of day.
        return parseDate(v) ?? parseTimestamp(v)?.slice(0, 10) ?? bad();
      case 'timestamp':
        return parseTimestamp(v) ?? bad();
      case 'interval':
        return parseInterval(v, null) ?? bad();
      case 'bool':
        return parseBoolText(v) ?? bad(); // PostgreSQL's boolin (src/ir/boolean-text.ts)
      case 'binary':
        return byteaInputHex(v) ?? bad(); // PostgreSQL's byteain: '\x4142' or the escape form (src/ir/text-escapes.ts)
      case 'int32':
      case 'int64':
      case 'decimal':
      case 'float64': {
        const text = v.trim().replace(/^\+(?=[\d.])/, '');
        // float8in's special values (case-insensitive, signed infinities).
        const special = to.kind === 'float64' ? /^([+-]?)(inf|infinity)$|^nan$/i.exec(text) : null;
        if (special) return special[2] === undefined ? 'NaN' : special[1] === '-' ? '-Infinity' : 'Infinity';
        const n = numberLiteral(text);
        if (!n) return bad();
        if (typeof n.value === 'number' && !Number.isFinite(n.value)) {
          throw src.error('NUMERIC_OUT_OF_RANGE', `${JSON.stringify(v)} is out of range for ${typeToString(to)}`, span, { value: v, type: typeToString(to) });
        }
        return convertLiteral(src, E.lit(n.type, n.value), to, span);
      }
      default:
        return undefined;
    }
  }
  if (isNumeric(from) && isNumeric(to)) {
    const text = typeof v === 'number' ? String(v) : String(v);
    switch (to.kind) {
      case 'float64':
        return Number(text);
      case 'decimal': {
        if (from.kind === 'float64') return undefined;
        const out = rescaleDecimal(text, to.scale);
        if (wholeDigits(out) > to.precision - to.scale) {
          throw src.error('TYPE_MISMATCH', `numeric value ${text} does not fit ${typeToString(to)}`, span, { value: text, type: typeToString(to) });
        }
        return out;
      }
      case 'int32':
      case 'int64': {
        if (from.kind === 'float64' || from.kind === 'decimal') return undefined; // rounding is the engine's
        const n = BigInt(text);
        const limit = to.kind === 'int32' ? 2n ** 31n : 2n ** 63n;
        if (n < -limit || n >= limit) throw src.error('TYPE_MISMATCH', `integer ${text} out of range for ${to.kind}`, span, { value: text });
        return to.kind === 'int32' ? Number(n) : n.toString();
      }
      default:
        return undefined;
    }
  }
  if (from.kind === 'date' && to.kind === 'timestamp' && typeof v === 'string') return dateToTimestamp(v);
  return undefined;
}

/** `t` as type `to`: the same node when already of that type, a folded literal, or a cast. */
export function castTyped(src: SqlSource, t: Typed, to: DataType, span: Span): Typed {
  if (typeEquals(t.type, to)) return t;
  const lit = asLiteral(t);
  if (lit) {
    const value = convertLiteral(src, lit, to, span);
    if (value !== undefined) return typedLit(to, value);
  }
  return { expr: E.cast(t.expr, to), type: to, nullable: t.nullable };
}

export function explicitCast(src: SqlSource, t: Typed, to: DataType, span: Span): Typed {
  if (!castAllowed(t.type, to)) {
    throw src.error('TYPE_MISMATCH', `cannot cast ${typeToString(t.type)} to ${typeToString(to)}`, span, { from: typeToString(t.type), to: typeToString(to) });
  }
  return castTyped(src, t, to, span);
}

const isStringLiteral = (t: Typed) => t.expr.kind === 'lit' && t.type.kind === 'utf8' && t.expr.value !== null;

/**
 * PostgreSQL types a quoted literal from its context (`d >= '1998-01-01'` compares dates).
 * String literals among operands of another common type are converted to it (checked), and a
 * midnight timestamp literal compared with a date becomes a date literal (exactly equivalent).
 */
export function adaptLiterals(src: SqlSource, args: readonly Typed[], spans: readonly Span[]): Typed[] {
  const others = args.filter((a) => !isStringLiteral(a) && a.type.kind !== 'null');
  let out = [...args];
  if (others.length > 0 && others.length < args.length) {
    const target = others.map((a) => a.type).reduce<DataType | undefined>((acc, t) => (acc ? commonSuperType(acc, t) : undefined), T.null);
    if (target && target.kind !== 'utf8' && target.kind !== 'null') {
      out = out.map((a, i) => (isStringLiteral(a) ? castTyped(src, a, target, spans[i]!) : a));
    }
  }
  if (out.some((a) => a.type.kind === 'date' && a.expr.kind !== 'lit')) {
    out = out.map((a) => {
      if (a.expr.kind !== 'lit' || a.type.kind !== 'timestamp' || typeof a.expr.value !== 'string') return a;
      const d = midnightDate(a.expr.value);
      return d ? typedLit(T.date, d) : a;
    });
  }
  return out;
}

/** The common type of `args` (for comparison, IN, CASE, COALESCE…), or a located TYPE_MISMATCH. */
export function commonTypeOf(src: SqlSource, args: readonly Typed[], what: string, span: Span): DataType {
  let acc: DataType = T.null;
  for (const a of args) {
    const next = commonSuperType(acc, a.type);
    if (!next) {
      const shown = args.map((x) => typeToString(x.type)).join(', ');
      throw src.error('TYPE_MISMATCH', `${what} cannot combine (${shown})`, span, { function: what, args: args.map((x) => typeToString(x.type)) });
    }
    acc = next;
  }
  return acc;
}

/** Whether an operand of type `t` needs an explicit cast to `target` for widening. */
function needsCast(t: DataType, target: DataType): boolean {
  if (typeEquals(t, target)) return false;
  if (t.kind === 'decimal' && target.kind === 'decimal') return false; // one family; engines rescale
  return true;
}

/** Casts each operand that differs from `target` (implicit widening made explicit). */
export function widenAll(src: SqlSource, args: readonly Typed[], target: DataType, spans: readonly Span[]): Typed[] {
  return args.map((a, i) => (needsCast(a.type, target) ? castTyped(src, a, target, spans[i]!) : a));
}

// Return rules whose arguments are one type: cast the narrower ones to the common type.
const UNIFYING_RULES = new Set(['common', 'arith', 'divide']);

function unifies(r: ResolvedCall): boolean {
  const rule = r.signature.returns;
  if (typeof rule === 'string' && UNIFYING_RULES.has(rule)) return true;
  const pats = [...r.signature.args, ...(r.signature.variadic ? [r.signature.variadic] : [])];
  return pats.length > 0 && pats.every((p) => p === 'comparable' || p === 'numeric') && rule !== 'multiply';
}

export interface CallSite {
  readonly src: SqlSource;
  readonly span: Span; // where the call is reported
  readonly display: string; // the name as the user wrote it: `upper`, `operator +`
  readonly argSpans: readonly Span[];
}

function resolveAt(site: CallSite, fn: string, as: readonly Typed[]): ResolvedCall {
  try {
    return resolveCall(fn, as.map((a) => a.type));
  } catch (e) {
    if (!(e instanceof RelcError)) throw e;
    const shown = as.map((a) => typeToString(a.type)).join(', ');
    const sigs = (e.details?.signatures as string[] | undefined) ?? [];
    const hint = sigs.length ? `; it accepts ${sigs.join(' or ')}` : '';
    const message = e.code === 'TYPE_MISMATCH' ? `${site.display} cannot take (${shown})${hint}` : `unknown function ${site.display}`;
    throw site.src.error(e.code, message, site.span, { ...(e.details ?? {}), function: site.display, args: as.map((a) => typeToString(a.type)) });
  }
}

// The type an untyped NULL takes for a signature pattern: its one type, or its family's preferred type.
const SIMPLE_TYPES: Readonly<Record<string, DataType>> = {
  numeric: T.float64, integer: T.int64, string: T.utf8, temporal: T.timestamp,
  bool: T.bool, int32: T.int32, int64: T.int64, float64: T.float64, utf8: T.utf8, binary: T.binary, date: T.date, timestamp: T.timestamp, interval: T.interval,
};

/** A registry call with implicit widening, typed; errors located at the call site. */
export function buildCall(site: CallSite, fn: string, args0: readonly Typed[]): Typed {
  const { src, span } = site;
  let args = args0;
  let r: ResolvedCall;
  try {
    r = resolveAt(site, fn, args);
  } catch (e) {
    // A quoted literal takes its type from the other operands, as PostgreSQL's unknown-typed
    // literals do: '1' + 1 adds integers, coalesce(d, '2000-01-01') is a date.
    // A literal that does not read as that type keeps the operator's own error.
    if (!(e instanceof RelcError) || e.code !== 'TYPE_MISMATCH') throw e;
    let adapted: Typed[];
    try {
      adapted = adaptLiterals(src, args, site.argSpans);
    } catch {
      throw e;
    }
    if (adapted.every((a, i) => a === args[i])) throw e;
    args = adapted;
    r = resolveAt(site, fn, args);
  }
  if (unifies(r)) {
    const adapted = adaptLiterals(src, args, site.argSpans);
    const target = commonTypeOf(src, adapted, site.display, span);
    // `multiply` keeps decimal operand scales (its result rule adds them); widen ints to decimals of their own width.
    const widened = widenAll(src, adapted, target, site.argSpans);
    if (widened.some((w, i) => w !== args[i])) {
      args = widened;
      r = resolveAt(site, fn, args);
    }
  } else if (r.signature.returns === 'multiply') {
    const adapted = adaptLiterals(src, args, site.argSpans);
    const target = commonTypeOf(src, adapted, site.display, span);
    const widened = adapted.map((a, i) =>
      target.kind === 'decimal' && (a.type.kind === 'int32' || a.type.kind === 'int64')
        ? castTyped(src, a, T.decimal(asDecimal(a.type).precision, 0), site.argSpans[i]!)
        : needsCast(a.type, target) && target.kind !== 'decimal' ? castTyped(src, a, target, site.argSpans[i]!) : a,
    );
    args = widened;
    r = resolveAt(site, fn, args);
  }
  // An untyped NULL where the signature wants one type (a bool for AND/OR/NOT) or a family is a
  // NULL of that type (of the family's preferred type: abs(NULL) is a double), as PostgreSQL
  // resolves it: `TRUE AND NULL` stays a bool when simplified to its NULL.
  const sig = r.signature;
  if (args.some((a) => a.type.kind === 'null' && a.expr.kind === 'lit')) {
    const typed = args.map((a, i) => {
      const want = SIMPLE_TYPES[sig.args[i] ?? sig.variadic ?? 'any'];
      return want && a.type.kind === 'null' && a.expr.kind === 'lit' ? typedLit(want, null) : a;
    });
    if (typed.some((a, i) => a !== args[i])) {
      args = typed;
      r = resolveAt(site, fn, args);
    }
  }
  const nullable = callNullable(r.def, args.map((a) => a.nullable));
  return { expr: E.call(fn, args.map((a) => a.expr), r.returns), type: r.returns, nullable };
}

export { signatureText };
