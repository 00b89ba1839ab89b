// PostgreSQL's json/jsonb in SQL: casts to json and jsonb, the operators `->`, `->>`, `#>`, `#>>`,
// `@>`, `?` and the json(b)_* functions, as registry calls over text (src/ir/functions/json.ts:
// relc's JSON values are text, json as written and jsonb in PostgreSQL's output form). A literal
// cast is folded here with src/ir/json.ts, so `'{"b": 1, "a": 2}'::jsonb` is jsonb text on every
// target, and an invalid literal is a compile-time error.

import { E, JsonSyntaxError, jsonbText, parseJson, quoteJson, T, typeToString, type Expr } from '../ir/index.ts';
import { buildCall, castTyped, typedLit, type CallSite, type Typed } from './coerce.ts';
import type { Span } from './source.ts';
import { arrayLiteralElements } from './literals.ts';

export const JSON_TYPE_NAMES: ReadonlySet<string> = new Set(['JSON', 'JSONB']);

/**
 * PostgreSQL's JSON aggregates, built on string_agg (scalar.ts): json_agg(x) is
 * `'[' || string_agg(coalesce(to_json(x), 'null'), ', ') || ']'`, json_object_agg(k, v) is
 * `'{ ' || string_agg(to_json(k::text) || ' : ' || coalesce(to_json(v), 'null'), ', ') || ' }'`
 * (PostgreSQL's spacing), the jsonb forms their jsonb; NULL over no rows.
 */
export const JSON_AGGREGATES: Readonly<Record<string, { readonly object: boolean; readonly jsonb: boolean }>> = {
  json_agg: { object: false, jsonb: false }, jsonb_agg: { object: false, jsonb: true },
  json_object_agg: { object: true, jsonb: false }, jsonb_object_agg: { object: true, jsonb: true },
};

/** The text around a JSON aggregate's string_agg: `[`…`]` or `{ `…` }`, then jsonb when asked. */
export function wrapJsonAggregate(site: CallSite, joined: Typed, object: boolean, jsonb: boolean): Typed {
  const json = marked(joinTexts(site, [text(object ? '{ ' : '['), joined, text(object ? ' }' : ']')]), 'json');
  return jsonb ? asJsonb(site, json) : json;
}

const marked = (t: Typed, json: 'json' | 'jsonb'): Typed => ({ ...t, json });

/** `x::json` / `x::jsonb` of text: the text checked (json) or in jsonb's output form. */
export function jsonCast(site: CallSite, x: Typed, typeName: string): Typed {
  const jsonb = typeName === 'JSONB';
  if (x.type.kind !== 'utf8' && x.type.kind !== 'null') {
    throw site.src.error('TYPE_MISMATCH', `cannot cast ${typeToString(x.type)} to ${typeName.toLowerCase()} (relc casts text to JSON; to_json is not supported)`, site.span, { function: typeName.toLowerCase(), args: [typeToString(x.type)] });
  }
  if (x.expr.kind === 'lit') {
    if (x.expr.value === null) return marked(typedLit(T.utf8, null), jsonb ? 'jsonb' : 'json');
    const text = String(x.expr.value);
    try {
      const parsed = parseJson(text);
      return marked(typedLit(T.utf8, jsonb ? jsonbText(parsed) : text), jsonb ? 'jsonb' : 'json');
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      throw site.src.error('TYPE_MISMATCH', `invalid ${typeName.toLowerCase()} literal: '${text}' (${e.reason})`, site.span, { value: text, type: typeName.toLowerCase() });
    }
  }
  if (x.json === 'jsonb' || (x.json === 'json' && !jsonb)) return x;
  return marked(buildCall(site, jsonb ? 'jsonb_in' : 'json_in', [x]), jsonb ? 'jsonb' : 'json');
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
  return text ? at : marked(at, j.json ?? 'json');
}

/** A jsonb operand beside a jsonb value: a literal takes jsonb's form, as PostgreSQL types an unknown literal. */
function besideJsonb(site: CallSite, x: Typed): Typed | undefined {
  if (x.json === 'jsonb') return x;
  return x.expr.kind === 'lit' && (x.type.kind === 'utf8' || x.type.kind === 'null') ? jsonCast(site, x, 'JSONB') : undefined;
}

/**
 * `=`, `<>`, `||` and `-` where an operand is a jsonb value (the `json` mark): jsonb's equality,
 * concatenation and deletion; ordering jsonb is UNSUPPORTED_CONSTRUCT. Undefined: not jsonb.
 */
export function jsonbBinary(site: CallSite, op: string, l: Typed, r: Typed): Typed | undefined {
  if (l.json !== 'jsonb' && r.json !== 'jsonb') return undefined;
  if (op === '-' && l.json === 'jsonb') return marked(buildCall(site, 'jsonb_delete', [l, r]), 'jsonb');
  const [a, b] = [besideJsonb(site, l), besideJsonb(site, r)];
  if (a === undefined || b === undefined) return undefined;
  if (op === '||') return marked(buildCall(site, 'jsonb_concat', [a, b]), 'jsonb');
  if (op === '=') return buildCall(site, 'jsonb_equal', [a, b]);
  if (op === '<>') return buildCall(site, 'not', [buildCall(site, 'jsonb_equal', [a, b])]);
  if (['<', '<=', '>', '>='].includes(op)) throw site.src.error('UNSUPPORTED_CONSTRUCT', `ordering jsonb values (${op}) is not supported`, site.span, { operator: op });
  return undefined;
}

/** `l op r` for PostgreSQL's JSON operators. */
export function jsonOperator(site: CallSite, op: string, l: Typed, r: Typed): Typed {
  switch (op) {
    case '->':
      return marked(buildCall(site, 'json_get', [l, r]), l.json ?? 'json');
    case '->>':
      return buildCall(site, 'json_get_text', [l, r]);
    case '#>':
    case '#>>':
      return followPath(site, l, pathSteps(site, r, site.argSpans[1]!), op === '#>>');
    case '@>':
      return buildCall(site, 'jsonb_contains', [plainJson(site, l), plainJson(site, r)]);
    case '<@':
      return buildCall(site, 'jsonb_contains', [plainJson(site, r), plainJson(site, l)]);
    case '?':
      return buildCall(site, 'jsonb_exists', [plainJson(site, l), r]);
    case '?|':
    case '?&': {
      // Any / every key of a text[] literal or ARRAY[…] exists.
      const j = plainJson(site, l);
      const each = pathSteps(site, r, site.argSpans[1]!).map((k) => buildCall(site, 'jsonb_exists', [j, k]));
      return each.length === 1 ? each[0]! : buildCall(site, op === '?|' ? 'or' : 'and', each);
    }
    default:
      throw site.src.error('UNSUPPORTED_CONSTRUCT', `operator ${op} is not supported`, site.span, { operator: op });
  }
}

/** json(b)_extract_path(_text)(j, step…): the steps as text. */
export function jsonExtractPath(text: boolean): (b: { site: CallSite; args: readonly Typed[] }) => Typed {
  return ({ site, args }) => followPath(site, args[0]!, args.slice(1).map((a, i) => castTyped(site.src, a, T.utf8, site.argSpans[i + 1]!)), text);
}

/** jsonb_set(target, path, value [, create_if_missing]): the path a literal; a literal value read as jsonb. */
export function jsonbSetCall({ site, args }: { site: CallSite; args: readonly Typed[] }): Typed {
  const [target, path, value, create] = args as [Typed, Typed, Typed, Typed | undefined];
  const steps = pathSteps(site, path, site.argSpans[1]!);
  const value1 = value.expr.kind === 'lit' && value.json === undefined ? jsonCast({ ...site, span: site.argSpans[2]! }, value, 'JSONB') : value;
  const args1 = [target, buildCall(site, 'array_construct', steps), value1, create ?? typedLit(T.bool, true)];
  return marked(buildCall(site, 'jsonb_set', args1), 'jsonb');
}

/** A function whose result is a jsonb value (jsonb_strip_nulls). */
export function jsonbOf(fn: string): (b: { site: CallSite; args: readonly Typed[] }) => Typed {
  return ({ site, args }) => marked(buildCall(site, fn, args), 'jsonb');
}

/** json(b)_typeof / json(b)_array_length(j). */
export function jsonOfPlain(fn: string): (b: { site: CallSite; args: readonly Typed[] }) => Typed {
  return ({ site, args }) => buildCall(site, fn, [plainJson(site, args[0]!)]);
}

/** Text parts joined by `||`, folded when every part is a literal (so a jsonb of literals folds too). */
function joinTexts(site: CallSite, parts: readonly Typed[]): Typed {
  const textOf = (p: Typed) => (p.expr.kind === 'lit' && typeof p.expr.value === 'string' ? p.expr.value : undefined);
  const merged: Typed[] = [];
  for (const p of parts) {
    const [last, t] = [merged.at(-1), textOf(p)];
    const lastText = last && textOf(last);
    if (t !== undefined && lastText !== undefined) merged[merged.length - 1] = typedLit(T.utf8, lastText + t);
    else merged.push(p);
  }
  return merged.slice(1).reduce((acc, p) => buildCall(site, 'concat', [acc, p]), merged[0]!);
}

const text = (v: string): Typed => typedLit(T.utf8, v);

/**
 * to_json(x) of a scalar, as PostgreSQL writes it: numbers as their text, text as a JSON string,
 * booleans true/false, dates and timestamps as ISO strings ("2020-01-31", "2020-01-31T10:00:00");
 * NULL for NULL. Other types are UNSUPPORTED_CONSTRUCT.
 */
function scalarJson(site: CallSite, x: Typed, span: Span, shown: string): Typed {
  if (x.json) return x;
  const asText = () => castTyped(site.src, x, T.utf8, span);
  switch (x.type.kind) {
    case 'null':
      return typedLit(T.utf8, null);
    case 'int32':
    case 'int64':
    case 'decimal':
      // An exact literal's text is its value (so built JSON of literals folds).
      return x.expr.kind === 'lit' && x.expr.value !== null ? text(String(x.expr.value)) : asText();
    case 'float64':
      return asText();
    case 'utf8':
      return x.expr.kind === 'lit' && typeof x.expr.value === 'string' ? text(quoteJson(x.expr.value)) : buildCall(site, 'json_quote', [x]);
    case 'bool': {
      if (x.expr.kind === 'lit') return typedLit(T.utf8, x.expr.value === null ? null : x.expr.value ? 'true' : 'false');
      const expr: Expr = { kind: 'case', whens: [{ when: x.expr, then: E.lit(T.utf8, 'true') }, { when: E.call('not', [x.expr], T.bool), then: E.lit(T.utf8, 'false') }], else: null, type: T.utf8 };
      return { expr, type: T.utf8, nullable: x.nullable };
    }
    case 'date':
      return joinTexts(site, [text('"'), asText(), text('"')]);
    case 'timestamp':
      return joinTexts(site, [text('"'), buildCall(site, 'replace', [asText(), text(' '), text('T')]), text('"')]);
    default:
      throw site.src.error('UNSUPPORTED_CONSTRUCT', `${shown} of ${typeToString(x.type)} is not supported (numbers, text, bool, date and timestamp are)`, span, { function: shown, type: typeToString(x.type) });
  }
}

/** jsonb of built json text: folded when it is a literal. */
function asJsonb(site: CallSite, json: Typed): Typed {
  return jsonCast(site, json, 'JSONB');
}

/** to_json(x) / to_jsonb(x) (a double becomes jsonb's numeric: 1e+20 → 100000000000000000000). */
export function toJson(jsonb: boolean): (b: { site: CallSite; args: readonly Typed[] }) => Typed {
  return ({ site, args }) => {
    const json = scalarJson(site, args[0]!, site.argSpans[0]!, site.display);
    return jsonb && (args[0]!.type.kind === 'float64' || args[0]!.json === 'json') ? asJsonb(site, json) : marked(json, jsonb ? 'jsonb' : 'json');
  };
}

/** A value inside a built object or array: its JSON, `null` for NULL. */
function member(site: CallSite, x: Typed, span: Span): Typed {
  const json = scalarJson(site, x, span, site.display);
  if (json.expr.kind === 'lit' && json.expr.value === null) return text('null');
  return json.nullable ? buildCall(site, 'coalesce', [json, text('null')]) : json;
}

/** json_build_object(k, v, …) as PostgreSQL writes it (`{"a" : 1, "b" : "x"}`); jsonb_build_object its jsonb. */
export function jsonBuildObject(jsonb: boolean): (b: { site: CallSite; args: readonly Typed[] }) => Typed {
  return ({ site, args }) => {
    if (args.length % 2 !== 0) throw site.src.error('TYPE_MISMATCH', `${site.display} takes keys and values in pairs, got ${args.length} arguments`, site.span, { function: site.display, args: args.length });
    const parts: Typed[] = [text('{')];
    for (let i = 0; i < args.length; i += 2) {
      if (i > 0) parts.push(text(', '));
      const key = castTyped(site.src, args[i]!, T.utf8, site.argSpans[i]!);
      parts.push(scalarJson(site, key, site.argSpans[i]!, site.display), text(' : '), member(site, args[i + 1]!, site.argSpans[i + 1]!));
    }
    parts.push(text('}'));
    const json = joinTexts(site, parts);
    return jsonb ? asJsonb(site, json) : marked(json, 'json');
  };
}

/** json_build_array(x, …) as PostgreSQL writes it (`[1, "x", null]`); jsonb_build_array its jsonb. */
export function jsonBuildArray(jsonb: boolean): (b: { site: CallSite; args: readonly Typed[] }) => Typed {
  return ({ site, args }) => {
    const parts: Typed[] = [text('[')];
    args.forEach((a, i) => parts.push(...(i > 0 ? [text(', ')] : []), member(site, a, site.argSpans[i]!)));
    parts.push(text(']'));
    const json = joinTexts(site, parts);
    return jsonb ? asJsonb(site, json) : marked(json, 'json');
  };
}
