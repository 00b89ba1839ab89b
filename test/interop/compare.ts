// Result comparison for the interop suite: an engine's rows against DuckDB's as multisets of
// canonical rows (doubles at 12 significant digits, decimals at their scale), plus the order
// the plan promises: the engine's rows must be sorted by the plan's sort keys.

import { isDeepStrictEqual } from 'node:util';
import type { DataType, Rel, Schema } from '../../src/ir/index.ts';
import { canonicalNumberText, canonicalRowKey, fromJsonValue, sortCanonical, type CanonicalRow, type CanonicalValue } from '../../src/backends/index.ts';

export interface OrderKey {
  readonly index: number;
  readonly direction: 'asc' | 'desc';
  readonly nulls: 'first' | 'last';
}

/**
 * The result columns a relation is sorted by: a sort's leading column keys, seen through limits
 * and projections that keep those columns. A key on an expression (or on a column the
 * projection drops) ends the usable prefix; an ordering on a prefix is still checkable.
 */
export function orderKeysOf(rel: Rel): OrderKey[] {
  switch (rel.kind) {
    case 'sort': {
      const keys: OrderKey[] = [];
      for (const k of rel.keys) {
        if (k.expr.kind !== 'col') break;
        keys.push({ index: k.expr.index, direction: k.direction, nulls: k.nulls });
      }
      return keys;
    }
    case 'limit':
      return orderKeysOf(rel.input);
    case 'project': {
      const keys: OrderKey[] = [];
      for (const k of orderKeysOf(rel.input)) {
        const at = rel.exprs.findIndex((e) => e.kind === 'col' && e.index === k.index);
        if (at < 0) break;
        keys.push({ ...k, index: at });
      }
      return keys;
    }
    default:
      return [];
  }
}

/** Rows of canonical JSON (as check_plans.py writes them) → canonical values of `schema`. */
export function fromEngineJson(schema: Schema, rows: readonly (readonly unknown[])[]): CanonicalRow[] {
  return rows.map((r) => {
    if (r.length !== schema.length) throw new Error(`row has ${r.length} columns, the schema ${schema.length}`);
    return r.map((v, i) => fromJsonValue(schema[i]!.type, v));
  });
}

function decimalScaled(text: string, scale: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const v = BigInt(`${m[2]}${(m[3] ?? '').padEnd(scale, '0')}`);
  return m[1] === '-' ? -v : v;
}

/** Code point order of two strings (engines compare UTF-8 bytes, which orders the same way). */
function compareText(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d) return d < 0 ? -1 : 1;
  }
  return x.length - y.length < 0 ? -1 : x.length === y.length ? 0 : 1;
}

/** Order of two non-NULL canonical values of one type; doubles equal at 12 digits tie. */
function compareValues(type: DataType, a: CanonicalValue, b: CanonicalValue): number {
  switch (type.kind) {
    case 'float64': {
      const [x, y] = [a as number, b as number];
      if (canonicalNumberText(x) === canonicalNumberText(y)) return 0;
      if (Number.isNaN(x)) return 1; // NaN sorts above every number (DuckDB, DataFusion, PostgreSQL)
      if (Number.isNaN(y)) return -1;
      return x < y ? -1 : 1;
    }
    case 'int32':
    case 'int64':
      return a! < b! ? -1 : a! > b! ? 1 : 0;
    case 'decimal': {
      const [x, y] = [decimalScaled(a as string, type.scale), decimalScaled(b as string, type.scale)];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'bool':
      return Number(a) - Number(b);
    case 'utf8':
      return compareText(a as string, b as string);
    case 'date':
    case 'timestamp':
      // 'YYYY-MM-DD[ HH:MM:SS.ffffff]' orders as text for years 0000..9999.
      return a! < b! ? -1 : a! > b! ? 1 : 0;
    default:
      return 0; // other types are not ordered here: the key is treated as a tie
  }
}

/** The first position where `rows` break the order, or -1. */
export function orderViolation(schema: Schema, order: readonly OrderKey[], rows: readonly CanonicalRow[]): number {
  const cmp = (a: CanonicalRow, b: CanonicalRow): number => {
    for (const k of order) {
      const [x, y] = [a[k.index] ?? null, b[k.index] ?? null];
      if (x === null || y === null) {
        if (x === y) continue;
        const nullFirst = (x === null) === (k.nulls === 'first');
        return nullFirst ? -1 : 1;
      }
      const c = compareValues(schema[k.index]!.type, x, y);
      if (c) return k.direction === 'asc' ? c : -c;
    }
    return 0;
  };
  for (let i = 1; i < rows.length; i++) if (cmp(rows[i - 1]!, rows[i]!) > 0) return i;
  return -1;
}

export interface Comparison {
  readonly equal: boolean;
  /** Why not, in one line (first differing row, counts, or the order break). */
  readonly reason?: string;
}

function show(row: CanonicalRow | undefined): string {
  return row ? canonicalRowKey(row).slice(0, 160) : '(none)';
}

/** Relative difference two doubles may have and still agree to 12 significant digits. */
const DOUBLE_TOLERANCE = 1e-12;

/**
 * Two canonical values agree: equal, or doubles equal to 12 significant digits. Rounding both
 * to 12 digits (what the content hash does) splits values that straddle a rounding boundary,
 * e.g. an avg accumulated in another order: 0.05008212188985 ± 1 ulp rounds to …8898 or …8899.
 */
function agree(a: CanonicalValue, b: CanonicalValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b || canonicalNumberText(a) === canonicalNumberText(b)) return true;
    return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= DOUBLE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => agree(x, b[i]!));
  return isDeepStrictEqual(a, b);
}

const rowsAgree = (x: CanonicalRow | undefined, y: CanonicalRow | undefined) => !!x && !!y && x.length === y.length && x.every((v, i) => agree(v, y[i]!));

/**
 * Engine rows against expected rows: multiset equality (both sides in canonical order, rows
 * compared pairwise with `agree`), then the plan's order.
 */
export function compareResults(schema: Schema, order: readonly OrderKey[], expected: readonly CanonicalRow[], actual: readonly CanonicalRow[]): Comparison {
  const e = sortCanonical(expected);
  const a = sortCanonical(actual);
  if (e.length !== a.length || !e.every((row, i) => rowsAgree(row, a[i]))) {
    const at = e.findIndex((row, i) => !rowsAgree(row, a[i]));
    const i = at < 0 ? e.length : at;
    return { equal: false, reason: `${a.length} rows, expected ${e.length}; first difference: got ${show(a[i])}, expected ${show(e[i])}` };
  }
  if (order.length) {
    const bad = orderViolation(schema, order, actual);
    if (bad >= 0) return { equal: false, reason: `rows out of the plan's order at row ${bad}: ${show(actual[bad - 1])} before ${show(actual[bad])}` };
  }
  return { equal: true };
}
