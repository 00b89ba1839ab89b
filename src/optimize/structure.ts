// Structural hashing and equality of plain IR data, for the optimizer's hot paths: a 32-bit
// hash memoized per object (IR nodes are immutable, so a node is hashed once), and an equality
// with exactly the semantics of comparing canonical JSON (sorted keys, undefined members
// dropped, bigint as its decimal text, non-finite numbers as null) without printing anything;
// it returns at once on shared identity, so comparing a rewritten plan with the plan it came
// from costs only the nodes the passes rebuilt.
//
//   planHash(a) !== planHash(b)  ⇒  canonicalJson(a) !== canonicalJson(b)
//   sameCanonical(a, b)          ⇔  canonicalJson(a) === canonicalJson(b)
//
// Values equal under `deepEqual` (exprs.ts) are canonically equal, so the hash also buckets
// candidates for it. A hash is never trusted alone: equal hashes are confirmed structurally.

const hashes = new WeakMap<object, number>();
const stringHashes = new Map<string, number>();
const STRING_CACHE_LIMIT = 1 << 16;

/** FNV-1a over UTF-16 code units, then a final avalanche. */
function hashString(s: string): number {
  let h = stringHashes.get(s);
  if (h !== undefined) return h;
  h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h = avalanche(h);
  if (stringHashes.size >= STRING_CACHE_LIMIT) stringHashes.clear();
  stringHashes.set(s, h);
  return h;
}

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

const mix = (h: number, x: number): number => avalanche(Math.imul(h ^ x, 0x9e3779b1) + 0x7f4a7c15);

const NULL_HASH = 0x2545f491;
const TRUE_HASH = 0x5bd1e995;
const FALSE_HASH = 0x1b873593;
const STRING_TAG = 0x68e31da4;
const NUMBER_TAG = 0x3c6ef372;

/** The hash of any JSON-like value; equal under `sameCanonical` ⇒ equal hashes. */
export function planHash(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return mix(STRING_TAG, hashString(v));
    case 'number':
      // Non-finite numbers print as null; -0 prints as 0.
      if (!Number.isFinite(v)) return NULL_HASH;
      if (Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff) return mix(NUMBER_TAG, v | 0);
      return mix(NUMBER_TAG ^ 1, hashString(String(v)));
    case 'bigint':
      // Printed as its decimal text, a string.
      return mix(STRING_TAG, hashString(v.toString()));
    case 'boolean':
      return v ? TRUE_HASH : FALSE_HASH;
    case 'object':
      return v === null ? NULL_HASH : objectHash(v);
    default:
      // undefined (an array hole prints as null), functions and symbols do not occur in the IR.
      return NULL_HASH;
  }
}

function objectHash(o: object): number {
  let h = hashes.get(o);
  if (h !== undefined) return h;
  if (Array.isArray(o)) {
    h = 0x6a09e667 ^ o.length;
    for (let i = 0; i < o.length; i++) h = mix(h, planHash(o[i]));
  } else {
    // Members combine by addition: the same hash whatever the key order.
    let sum = 0;
    let n = 0;
    for (const k in o) {
      if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
      const x = (o as Record<string, unknown>)[k];
      if (x === undefined) continue;
      sum = (sum + mix(hashString(k), planHash(x))) | 0;
      n++;
    }
    h = mix(0xbb67ae85 ^ n, sum);
  }
  hashes.set(o, h);
  return h;
}

/** A leaf as canonical JSON prints it (objects and arrays are returned as they are). */
function canonicalLeaf(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v === undefined ? null : v;
}

/** Whether two values have the same canonical JSON (without printing it). */
export function sameCanonical(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const x = canonicalLeaf(a);
  const y = canonicalLeaf(b);
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return x === y;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameCanonical(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(y)) return false;
  const rx = x as Record<string, unknown>;
  const ry = y as Record<string, unknown>;
  let n = 0;
  for (const k in rx) {
    if (!Object.prototype.hasOwnProperty.call(rx, k) || rx[k] === undefined) continue;
    n++;
    if (ry[k] === undefined || !Object.prototype.hasOwnProperty.call(ry, k) || !sameCanonical(rx[k], ry[k])) return false;
  }
  for (const k in ry) if (Object.prototype.hasOwnProperty.call(ry, k) && ry[k] !== undefined) n--;
  return n === 0;
}
