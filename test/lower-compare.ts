// Comparison of canonical results in the SQL-lowering tests: exact, except doubles (relative 1e-12,
// since engines may differ in the last bits of transcendental functions and sums).

import type { CanonicalValue } from '../src/backends/values.ts';

export function sameValue(a: CanonicalValue, b: CanonicalValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (a === b) return true;
    return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

export function sameRows(a: readonly (readonly CanonicalValue[])[], b: readonly (readonly CanonicalValue[])[]): boolean {
  return a.length === b.length && a.every((r, i) => r.length === b[i]!.length && r.every((v, j) => sameValue(v, b[i]![j]!)));
}

export function show(v: unknown): string {
  return JSON.stringify(v, (_, x) =>
    typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Buffer.from(x).toString('hex') : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x);
}

/** Rows in a canonical order (for results whose order the plan leaves open). */
export function sorted(rows: readonly CanonicalValue[][]): CanonicalValue[][] {
  const key = (r: readonly CanonicalValue[]) => show(r);
  return [...rows].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}
