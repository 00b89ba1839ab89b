// PostgreSQL's json/jsonb in SQL: casts to json and jsonb, the operators `->`, `->>`, `#>`, `#>>`,
// `@>`, `?` and the json(b)_* functions, as registry calls over text (src/ir/functions/json.ts:
// relc's JSON values are text, json as written and jsonb in PostgreSQL's output form). A literal
// cast is folded here with src/ir/json.ts, so `'{"b": 1, "a": 2}'::jsonb` is jsonb text on every
// target, and an invalid literal is a compile-time error.

import { JsonSyntaxError, jsonbText, parseJson, T, typeToString } from '../ir/index.ts';
import { buildCall, castTyped, typedLit, type CallSite, type Typed } from './coerce.ts';
import type { Span, SqlSource } from './source.ts';

export const JSON_TYPE_NAMES: ReadonlySet<string> = new Set(['JSON', 'JSONB']);

/** `x::json` / `x::jsonb` of text: the text checked (json) or in jsonb's output form. */
export function jsonCast(site: CallSite, x: Typed, typeName: string): Typed {
  const jsonb = typeName === 'JSONB';
  if (x.type.kind !== 'utf8' && x.type.kind !== 'null') {
    throw site.src.error('TYPE_MISMATCH', `cannot cast ${typeToString(x.type)} to ${typeName.toLowerCase()} (relc casts text to JSON; to_json is not supported)`, site.span, { function: typeName.toLowerCase(), args: [typeToString(x.type)] });
  }
  if (x.expr.kind === 'lit') {
    if (x.expr.value === null) return typedLit(T.utf8, null);
    const text = String(x.expr.value);
    try {
      const parsed = parseJson(text);
      return typedLit(T.utf8, jsonb ? jsonbText(parsed) : text);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      throw site.src.error('TYPE_MISMATCH', `invalid ${typeName.toLowerCase()} literal: '${text}' (${e.reason})`, site.span, { value: text, type: typeName.toLowerCase() });
    }
  }
  return buildCall(site, jsonb ? 'jsonb_in' : 'json_in', [x]);
}

/**
 * A JSON operand of a function whose result does not depend on jsonb's normal form (typeof,
 * array length, containment, key existence): `jsonb_in(x)` is read as `json_in(x)`, so engines
 * that cannot print jsonb (DuckDB) still compute it.
 */
function plainJson(site: CallSite, j: Typed): Typed {
  return j.expr.kind === 'call' && j.expr.fn === 'jsonb_in' ? buildCall(site, 'json_in', [{ expr: j.expr.args[0]!, type: T.utf8, nullable: j.nullable }]) : j;
}

/** The text steps of a path operand: a `'{a,b}'` literal (PostgreSQL's text[] input) or ARRAY[…]. */
function pathSteps(site: CallSite, path: Typed, span: Span): Typed[] {
  let steps: Typed[];
  if (path.expr.kind === 'lit' && path.type.kind === 'utf8' && typeof path.expr.value === 'string') steps = arrayLiteralElements(site.src, path.expr.value, span).map((s) => typedLit(T.utf8, s));
  else if (path.expr.kind === 'call' && path.expr.fn === 'array_construct' && path.type.kind === 'list') {
    const element = path.type.element;
    steps = path.expr.args.map((a) => castTyped(site.src, { expr: a, type: element, nullable: true }, T.utf8, span));
  } else throw site.src.error('UNSUPPORTED_CONSTRUCT', `${site.display} takes its path as a literal ('{a,b}') or ARRAY[…]`, span, { function: site.display });
  if (steps.length === 0) throw site.src.error('UNSUPPORTED_CONSTRUCT', `${site.display} with an empty path is not supported`, span, { function: site.display });
  return steps;
}

/** Follows `steps` from `j`: every step but the last as JSON, the last as JSON or (`text`) as text. */
function followPath(site: CallSite, j: Typed, steps: readonly Typed[], text: boolean): Typed {
  let at = j;
  steps.forEach((s, i) => {
    at = buildCall(site, text && i === steps.length - 1 ? 'json_path_get_text' : 'json_path_get', [at, s]);
  });
  return at;
}

/** `l op r` for PostgreSQL's JSON operators. */
export function jsonOperator(site: CallSite, op: string, l: Typed, r: Typed): Typed {
  switch (op) {
    case '->':
      return buildCall(site, 'json_get', [l, r]);
    case '->>':
      return buildCall(site, 'json_get_text', [l, r]);
    case '#>':
    case '#>>':
      return followPath(site, l, pathSteps(site, r, site.argSpans[1]!), op === '#>>');
    case '@>':
      return buildCall(site, 'jsonb_contains', [plainJson(site, l), plainJson(site, r)]);
    case '?':
      return buildCall(site, 'jsonb_exists', [plainJson(site, l), r]);
    default:
      throw site.src.error('UNSUPPORTED_CONSTRUCT', `operator ${op} is not supported`, site.span, { operator: op });
  }
}

/** json(b)_extract_path(_text)(j, step…): the steps as text. */
export function jsonExtractPath(text: boolean): (b: { site: CallSite; args: readonly Typed[] }) => Typed {
  return ({ site, args }) => followPath(site, args[0]!, args.slice(1).map((a, i) => castTyped(site.src, a, T.utf8, site.argSpans[i + 1]!)), text);
}

/** json(b)_typeof / json(b)_array_length(j). */
export function jsonOfPlain(fn: string): (b: { site: CallSite; args: readonly Typed[] }) => Typed {
  return ({ site, args }) => buildCall(site, fn, [plainJson(site, args[0]!)]);
}

/**
 * The elements of PostgreSQL's array input text `{a,"b c",NULL}`: unquoted elements trimmed of
 * white space (NULL is NULL), double-quoted ones with backslash escapes. One dimension only.
 */
export function arrayLiteralElements(src: SqlSource, text: string, span: Span): (string | null)[] {
  const bad = (why: string): never => {
    throw src.error('TYPE_MISMATCH', `malformed array literal: "${text}" (${why})`, span, { value: text });
  };
  const body = text.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) bad('it must be enclosed in { }');
  const inner = body.slice(1, -1);
  const out: (string | null)[] = [];
  if (inner.trim() === '') return out;
  let i = 0;
  for (;;) {
    while (/\s/.test(inner[i] ?? '')) i++;
    if (inner[i] === '"') {
      let v = '';
      for (i++; inner[i] !== '"'; i++) {
        if (i >= inner.length) bad('unterminated quote');
        v += inner[i] === '\\' ? inner[++i] ?? '' : inner[i];
      }
      i++;
      while (/\s/.test(inner[i] ?? '')) i++;
      out.push(v);
    } else {
      let v = '';
      while (i < inner.length && inner[i] !== ',') {
        if (inner[i] === '{' || inner[i] === '}' || inner[i] === '"') bad('nested or misplaced brace or quote');
        v += inner[i] === '\\' ? inner[++i] ?? '' : inner[i];
        i++;
      }
      v = v.trim();
      if (v === '') bad('empty element');
      out.push(v.toUpperCase() === 'NULL' ? null : v);
    }
    if (i >= inner.length) return out;
    if (inner[i] !== ',') bad('expected ","');
    i++;
  }
}
