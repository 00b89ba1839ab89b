// Canonical JSON: sorted object keys, no whitespace, undefined members dropped. Byte-identical
// for equal values whatever the key order they were built with.

export function canonicalJson(value: unknown): string {
  // Printed directly, without building the sorted copy: the same bytes as
  // JSON.stringify(sortKeys(value)) (sortKeys has dropped toJSON, undefined members, bigints).
  return value === undefined ? (JSON.stringify(undefined) as unknown as string) : write(value);
}

const INDEX = /^(?:0|[1-9]\d*)$/;
/** An array-index key; the first character is tested before the pattern (IR keys are names). */
const isIndex = (k: string) => {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && INDEX.test(k) && Number(k) < 4294967295;
};

/** `JSON.stringify(key)`, remembered: objects of one kind repeat the same few keys. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_LIMIT = 4096;

function quoteKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quotedKeys.size >= QUOTED_KEYS_LIMIT) quotedKeys.clear();
    quotedKeys.set(k, q);
  }
  return q;
}

/**
 * The order in which the sorted copy's keys come out: JS objects list array-index keys first,
 * in numeric order, then the other keys in insertion (here: sorted) order.
 */
function keyOrder(keys: string[]): string[] {
  keys.sort();
  if (!keys.some(isIndex)) return keys;
  const indices = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((k) => !isIndex(k))];
}

function write(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
    case 'boolean':
      return JSON.stringify(v);
    case 'bigint':
      return JSON.stringify(v.toString());
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          if (i > 0) out += ',';
          const x: unknown = v[i];
          // Array holes, undefined, functions and symbols print as null.
          out += x === undefined || typeof x === 'function' || typeof x === 'symbol' ? 'null' : write(x);
        }
        return `${out}]`;
      }
      let out = '{';
      let first = true;
      for (const k of keyOrder(Object.keys(v))) {
        const x = (v as Record<string, unknown>)[k];
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        out += `${first ? '' : ','}${quoteKey(k)}:${write(x)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      // A function or symbol at the top prints as undefined, as JSON.stringify does.
      return JSON.stringify(v) as unknown as string;
  }
}

/** Pretty canonical JSON (2-space indent), for golden files and `--target ir`. */
export function canonicalJsonPretty(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  if (typeof v === 'bigint') return v.toString();
  return v;
}
