// The canonical encoding of result rows and their canonical order (what differential tests
// compare), and the content hash of an output from its engine-computed digest.

import { canonicalJson } from '../ir/canonical.ts';
import { blake3Hex } from '../ir/signature.ts';
import { typeToString, type Schema } from '../ir/types.ts';
import type { RowsDigest } from './types.ts';
import { bytesToHex, type CanonicalRow, type CanonicalValue } from './values.ts';

/**
 * Doubles are compared and hashed at 12 significant digits. A double aggregate (sum, avg) is
 * computed in an order that depends on the engine and, on DuckDB, on the thread count, so its
 * last bits differ between runs that are semantically equal; 12 of the ~15.9 significant
 * digits a double holds leave about 1000 ulps of headroom for that accumulated rounding error.
 * Integers up to 12 digits (every int32) keep their exact value. A value whose two computations
 * straddle a 12-digit rounding boundary still hashes differently — rare, but not impossible.
 */
const FLOAT_DIGITS = 12;

/**
 * Canonical text of a JS number: `toPrecision(12)` (exactly specified by ECMAScript, so the
 * same on every platform): '0.500000000000', '2147483647.00', '1.23456789012e+21'; -0 and 0
 * alike; NaN and ±Infinity by name.
 */
export function canonicalNumberText(n: number): string {
  return n.toPrecision(FLOAT_DIGITS);
}

/** Quoted string; JSON-escaped only when it holds a quote, a backslash or a surrogate code unit. */
const NEEDS_ESCAPE = /["\\\ud800-\udfff]/;
function quoted(s: string): string {
  // Injective: an escaped form always contains a backslash, a plain one never does; lone
  // surrogates (which UTF-8 encoding would merge) are always escaped.
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/**
 * Encodes a canonical value. Within one column every value has the same JS shape, so the
 * encoding needs no type tags to be unambiguous: strings quoted, numbers canonical,
 * bytes as x"hex", intervals as {months,days,micros}, lists and structs recursively.
 */
function encodeValue(v: CanonicalValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return canonicalNumberText(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return quoted(v);
    default:
      break;
  }
  if (v instanceof Uint8Array) return `x"${bytesToHex(v)}"`;
  if (Array.isArray(v)) return `[${v.map(encodeValue).join(',')}]`;
  const obj = v as Record<string, CanonicalValue>;
  return `{${Object.keys(obj).map((k) => `${JSON.stringify(k)}:${encodeValue(obj[k]!)}`).join(',')}}`;
}

/** The canonical encoding of one row; rows of one schema are equal iff their keys are. */
export function canonicalRowKey(row: CanonicalRow): string {
  let key = '[';
  for (let i = 0; i < row.length; i++) key += (i === 0 ? '' : ',') + encodeValue(row[i]!);
  return `${key}]`;
}

/** Total order on rows by their canonical keys (UTF-16 code unit order of the key text). */
export function compareCanonical(a: CanonicalRow, b: CanonicalRow): number {
  const ka = canonicalRowKey(a);
  const kb = canonicalRowKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Rows in canonical order (a new array; the input is not touched). */
export function sortCanonical(rows: readonly CanonicalRow[]): CanonicalRow[] {
  return rows
    .map((row) => ({ row, key: canonicalRowKey(row) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.row);
}

function roundDoubles(v: CanonicalValue): CanonicalValue {
  if (typeof v === 'number') return Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(FLOAT_DIGITS)) : v === 0 ? 0 : v;
  if (Array.isArray(v)) return v.map(roundDoubles);
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const obj = v as Record<string, CanonicalValue>;
    return Object.fromEntries(Object.keys(obj).map((k) => [k, roundDoubles(obj[k]!)]));
  }
  return v;
}

/**
 * Rows as they compare across engines: in canonical order, doubles rounded to the digits the
 * hash uses. Two results are equal for relc iff these are deeply equal (what differential
 * tests assert).
 */
export function comparableRows(rows: readonly CanonicalRow[]): CanonicalValue[][] {
  return sortCanonical(rows).map((r) => r.map(roundDoubles));
}

/**
 * An output's content hash: BLAKE3 over the canonical JSON of its column names and types, its row
 * count and the digest's sum of row hashes (`RowsDigest`, computed in DuckDB by
 * `duckdb/output-sql.ts`: order-independent, so no sort; doubles rounded to 40 significant bits).
 * Nullability is not hashed: it is an inference, and an optimized plan may infer it tighter than
 * the unoptimized one for the same rows. Call `initHashing()` (src/ir) first.
 */
export function contentHash(schema: Schema, digest: RowsDigest): string {
  return blake3Hex(canonicalJson({ columns: schema.map((f) => [f.name, typeToString(f.type)]), rows: digest.rows, row_hash_sum: digest.hashSum }));
}
