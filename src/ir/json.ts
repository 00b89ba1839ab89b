// PostgreSQL's json and jsonb, the one definition relc has: relc keeps JSON values as text (json
// as written, jsonb in PostgreSQL's output form). The SQL front end folds literal casts with it
// and the SQLite shims (src/backends/sqlite/functions.ts) compute with it, as SQLite's own JSON
// functions read JSON5 and print otherwise than PostgreSQL. This module parses PostgreSQL's JSON grammar keeping each value's source text, and
// prints jsonb as PostgreSQL does: object keys unique (the last wins) and sorted by length, then
// by bytes; `": "` and `", "` separators; numbers as numeric prints them (1.50e1 → 15.0).

export type JsonNode =
  | { readonly t: 'object'; readonly entries: readonly (readonly [string, JsonNode])[]; readonly raw: string }
  | { readonly t: 'array'; readonly items: readonly JsonNode[]; readonly raw: string }
  | { readonly t: 'string'; readonly value: string; readonly raw: string }
  | { readonly t: 'number'; readonly raw: string }
  | { readonly t: 'boolean'; readonly value: boolean; readonly raw: string }
  | { readonly t: 'null'; readonly raw: string };

/** PostgreSQL's message for JSON it cannot read, with what was wrong. */
export class JsonSyntaxError extends Error {
  constructor(readonly reason: string) {
    super(`invalid input syntax for type json: ${reason}`);
  }
}

const invalid = (what: string): never => {
  throw new JsonSyntaxError(what);
};

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Parses PostgreSQL's JSON grammar (RFC 8259); anything else is its "invalid input syntax" error. */
export function parseJson(text: string): JsonNode {
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const str = (): string => {
    let out = '';
    for (i++; ; i++) {
      const c = text[i];
      if (c === undefined) return invalid('unterminated string');
      if (c === '"') {
        i++;
        return out;
      }
      if (c < ' ') return invalid('control character in a string');
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[++i] ?? '';
      if (e === 'u') {
        const hex = text.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) invalid('bad \\u escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 4;
      } else out += ESCAPES[e] ?? invalid(`bad escape \\${e}`);
    }
  };
  const value = (): JsonNode => {
    skip();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, JsonNode][] = [];
      skip();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          skip();
          if (text[i] !== '"') invalid('expected a key');
          const k = str();
          skip();
          if (text[i++] !== ':') invalid('expected ":"');
          entries.push([k, value()]);
          skip();
          const sep = text[i++];
          if (sep === '}') break;
          if (sep !== ',') invalid('expected "," or "}"');
        }
      }
      return { t: 'object', entries, raw: text.slice(start, i) };
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skip();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          items.push(value());
          skip();
          const sep = text[i++];
          if (sep === ']') break;
          if (sep !== ',') invalid('expected "," or "]"');
        }
      }
      return { t: 'array', items, raw: text.slice(start, i) };
    }
    if (c === '"') {
      const v = str();
      return { t: 'string', value: v, raw: text.slice(start, i) };
    }
    for (const [word, node] of [['true', { t: 'boolean', value: true }], ['false', { t: 'boolean', value: false }], ['null', { t: 'null' }]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { ...node, raw: word } as JsonNode;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return invalid(`unexpected ${c === undefined ? 'end of input' : JSON.stringify(c)}`);
    i += m[0].length;
    return { t: 'number', raw: m[0] };
  };
  const v = value();
  skip();
  if (i !== text.length) invalid('text after the value');
  return v;
}

/** A JSON number as PostgreSQL's numeric prints it: exponent applied, scale = max(0, fraction digits − exponent), no sign on zero. */
export function numericText(raw: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(raw)!;
  const [sign, int, frac = '', expText = '0'] = [m[1]!, m[2]!, m[3], m[4]];
  const exp = Number(expText);
  if (Math.abs(exp) > 10000) throw new Error('value overflows numeric format');
  const all = int + frac;
  const point = int.length + exp;
  const scale = Math.max(0, frac.length - exp);
  let whole: string;
  let fraction: string;
  if (point <= 0) [whole, fraction] = ['0', '0'.repeat(-point) + all];
  else if (point >= all.length) [whole, fraction] = [all + '0'.repeat(point - all.length), ''];
  else [whole, fraction] = [all.slice(0, point), all.slice(point)];
  fraction = fraction.padEnd(scale, '0').slice(0, scale);
  whole = whole.replace(/^0+(?=\d)/, '');
  const zero = /^[0.]*$/.test(whole + fraction);
  return `${zero ? '' : sign}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** A string as PostgreSQL's escape_json quotes it. */
export function quoteJson(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

const UTF8 = new TextEncoder();

/** An object's entries as jsonb keeps them: one per key (the last wins), sorted by UTF-8 length, then bytes. */
function jsonbEntries(entries: readonly (readonly [string, JsonNode])[]): [string, JsonNode][] {
  const byKey = new Map<string, JsonNode>();
  for (const [k, v] of entries) byKey.set(k, v);
  return [...byKey].sort(([a], [b]) => {
    const [x, y] = [UTF8.encode(a), UTF8.encode(b)];
    if (x.length !== y.length) return x.length - y.length;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  });
}

/** PostgreSQL's jsonb output text of a value. */
export function jsonbText(n: JsonNode): string {
  switch (n.t) {
    case 'object':
      return `{${jsonbEntries(n.entries).map(([k, v]) => `${quoteJson(k)}: ${jsonbText(v)}`).join(', ')}}`;
    case 'array':
      return `[${n.items.map(jsonbText).join(', ')}]`;
    case 'string':
      return quoteJson(n.value);
    case 'number':
      return numericText(n.raw);
    case 'boolean':
    case 'null':
      return n.raw;
  }
}

/** `j -> key` / `j -> index` (and a path step, where a text step indexes an array when it is an integer). */
export function jsonGet(n: JsonNode, step: string | number, textIndexes = false): JsonNode | undefined {
  if (n.t === 'object') {
    if (typeof step !== 'string') return undefined;
    let hit: JsonNode | undefined;
    for (const [k, v] of n.entries) if (k === step) hit = v; // the last one wins, as in PostgreSQL
    return hit;
  }
  if (n.t !== 'array') return undefined;
  let index: number;
  if (typeof step === 'number') index = step;
  else if (textIndexes && /^\s*[+-]?\d+$/.test(step)) index = Number(step);
  else return undefined;
  if (index < 0) index += n.items.length;
  return n.items[index];
}

/** `->>`: a string's value, NULL for JSON null, else the value's text. */
export function jsonValueText(n: JsonNode | undefined): string | null {
  if (n === undefined || n.t === 'null') return null;
  return n.t === 'string' ? n.value : n.raw;
}

/** json_typeof / jsonb_typeof. */
export function jsonTypeof(n: JsonNode): string {
  return n.t;
}

export function jsonArrayLength(n: JsonNode): number {
  if (n.t === 'array') return n.items.length;
  throw new Error(n.t === 'object' ? 'cannot get array length of a non-array' : 'cannot get array length of a scalar');
}

const isScalar = (n: JsonNode) => n.t !== 'object' && n.t !== 'array';

function scalarEqual(a: JsonNode, b: JsonNode): boolean {
  if (a.t !== b.t) return false;
  if (a.t === 'number') return numericKey(a.raw) === numericKey(b.raw);
  if (a.t === 'string' && b.t === 'string') return a.value === b.value;
  return a.raw === b.raw;
}

/** A number's value as text without trailing fraction zeros (numeric equality: 1.0 = 1). */
function numericKey(raw: string): string {
  return numericText(raw).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** jsonb's `a @> b`: PostgreSQL's containment, where an array also contains a scalar at the top level. */
export function jsonbContains(a: JsonNode, b: JsonNode, top = true): boolean {
  if (top && a.t === 'array' && isScalar(b)) return a.items.some((x) => isScalar(x) && scalarEqual(x, b));
  if (a.t !== b.t) return false;
  if (a.t === 'object' && b.t === 'object') {
    return jsonbEntries(b.entries).every(([k, v]) => {
      const got = jsonGet(a, k);
      if (got === undefined) return false;
      return isScalar(v) ? isScalar(got) && scalarEqual(got, v) : got.t === v.t && jsonbContains(got, v, false);
    });
  }
  if (a.t === 'array' && b.t === 'array') {
    return b.items.every((v) => a.items.some((x) => (isScalar(v) ? isScalar(x) && scalarEqual(x, v) : x.t === v.t && jsonbContains(x, v, false))));
  }
  return scalarEqual(a, b);
}

/** jsonb's `j ? key`: an object's key, a string element of an array, or the string itself. */
export function jsonbExists(n: JsonNode, key: string): boolean {
  if (n.t === 'object') return n.entries.some(([k]) => k === key);
  if (n.t === 'array') return n.items.some((x) => x.t === 'string' && x.value === key);
  return n.t === 'string' && n.value === key;
}

const asArray = (n: JsonNode): readonly JsonNode[] => (n.t === 'array' ? n.items : [n]);

/** jsonb's `a || b`: two objects merge (b's keys win); otherwise arrays concatenate, a scalar or object standing for a one-element array. */
export function jsonbConcat(a: JsonNode, b: JsonNode): JsonNode {
  if (a.t === 'object' && b.t === 'object') return { t: 'object', entries: [...a.entries, ...b.entries], raw: '' };
  return { t: 'array', items: [...asArray(a), ...asArray(b)], raw: '' };
}

/** jsonb's `j - key` (every member of an object, every string element of an array equal to it) and `j - index` (an array's element; negative from the end). */
export function jsonbDelete(n: JsonNode, step: string | number): JsonNode {
  if (typeof step === 'string') {
    if (n.t === 'object') return { ...n, entries: n.entries.filter(([k]) => k !== step) };
    if (n.t === 'array') return { ...n, items: n.items.filter((x) => !(x.t === 'string' && x.value === step)) };
    throw new Error('cannot delete from scalar');
  }
  if (n.t === 'array') {
    const at = step < 0 ? step + n.items.length : step;
    return { ...n, items: n.items.filter((_, i) => i !== at) };
  }
  throw new Error(n.t === 'object' ? 'cannot delete from object using integer index' : 'cannot delete from scalar');
}

/** jsonb equality: same structure, numbers by value (1.0 = 1), objects by their (last-winning) keys. */
export function jsonbEqual(a: JsonNode, b: JsonNode): boolean {
  if (a.t !== b.t) return false;
  if (a.t === 'object' && b.t === 'object') {
    const [x, y] = [jsonbEntries(a.entries), jsonbEntries(b.entries)];
    return x.length === y.length && x.every(([k, v], i) => k === y[i]![0] && jsonbEqual(v, y[i]![1]));
  }
  if (a.t === 'array' && b.t === 'array') return a.items.length === b.items.length && a.items.every((v, i) => jsonbEqual(v, b.items[i]!));
  return scalarEqual(a, b);
}

/** jsonb_pretty: one member or element per line, indented by four spaces per level; an empty container's brackets on two lines. */
export function jsonbPretty(n: JsonNode, indent = ''): string {
  const inner = `${indent}    `;
  if (n.t === 'object') return `{\n${jsonbEntries(n.entries).map(([k, v]) => `${inner}${quoteJson(k)}: ${jsonbPretty(v, inner)}`).join(',\n')}${n.entries.length ? '\n' : ''}${indent}}`;
  if (n.t === 'array') return `[\n${n.items.map((v) => `${inner}${jsonbPretty(v, inner)}`).join(',\n')}${n.items.length ? '\n' : ''}${indent}]`;
  return jsonbText(n);
}

/** jsonb_strip_nulls: object members whose value is null removed, at every depth (array elements stay). */
export function jsonbStripNulls(n: JsonNode): JsonNode {
  if (n.t === 'object') return { ...n, entries: jsonbEntries(n.entries).filter(([, v]) => v.t !== 'null').map(([k, v]) => [k, jsonbStripNulls(v)] as const) };
  if (n.t === 'array') return { ...n, items: n.items.map(jsonbStripNulls) };
  return n;
}

/**
 * jsonb_set(target, path, value, create): the value at the path replaced (or, with `create`,
 * added when only the last step is missing: a key, or an element before the first / after the
 * last for an index out of range); a missing step earlier leaves the target as it is.
 */
export function jsonbSet(target: JsonNode, path: readonly string[], value: JsonNode, create: boolean): JsonNode {
  if (target.t !== 'object' && target.t !== 'array') throw new Error('cannot set path in scalar');
  const go = (n: JsonNode, depth: number): JsonNode => {
    if (depth === path.length) return value;
    const step = path[depth]!;
    const last = depth === path.length - 1;
    if (n.t === 'object') {
      const has = n.entries.some(([k]) => k === step);
      if (has) return { ...n, entries: jsonbEntries(n.entries).map(([k, v]) => [k, k === step ? go(v, depth + 1) : v] as const) };
      return last && create ? { ...n, entries: [...n.entries, [step, value]] } : n;
    }
    if (n.t === 'array') {
      if (!/^\s*[+-]?\d+\s*$/.test(step)) throw new Error(`path element at position ${depth + 1} is not an integer: "${step}"`);
      const i = Number(step);
      const at = i < 0 ? i + n.items.length : i;
      if (at >= 0 && at < n.items.length) return { ...n, items: n.items.map((v, k) => (k === at ? go(v, depth + 1) : v)) };
      if (!(last && create)) return n;
      return { ...n, items: at < 0 ? [value, ...n.items] : [...n.items, value] };
    }
    return n;
  };
  return go(target, 0);
}
