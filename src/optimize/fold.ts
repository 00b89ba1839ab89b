// Constant folding of deterministic calls over literals. Folds only where every engine agrees
// bit for bit: integer arithmetic inside the result type's range, finite float arithmetic,
// comparisons of like-typed values (strings by UTF-8 bytes, as DuckDB and SQLite's BINARY
// collation do), ASCII case mapping. Anything else (overflow, division by zero, NaN, decimal
// arithmetic, non-ASCII case mapping) is left for the engine to evaluate.

import { E, type DataType, type Literal } from '../ir/index.ts';

const INT_RANGE: Record<'int32' | 'int64', readonly [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
};

type Num = { kind: 'int'; v: bigint } | { kind: 'float'; v: number } | { kind: 'dec'; v: bigint; scale: number };

function asNum(l: Literal): Num | undefined {
  const v = l.value;
  switch (l.type.kind) {
    case 'int32':
      return typeof v === 'number' && Number.isInteger(v) ? { kind: 'int', v: BigInt(v) } : undefined;
    case 'int64':
      return typeof v === 'string' && /^-?\d+$/.test(v) ? { kind: 'int', v: BigInt(v) } : typeof v === 'number' && Number.isInteger(v) ? { kind: 'int', v: BigInt(v) } : undefined;
    case 'float64':
      return typeof v === 'number' && Number.isFinite(v) ? { kind: 'float', v } : undefined;
    case 'decimal': {
      if (typeof v !== 'string') return undefined;
      const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
      if (!m) return undefined;
      const frac = m[3] ?? '';
      return { kind: 'dec', v: BigInt(`${m[1]}${m[2]}${frac}`), scale: frac.length };
    }
    default:
      return undefined;
  }
}

/** -1 / 0 / 1, or undefined when the two literals are not comparable exactly here. */
function compare(a: Literal, b: Literal): number | undefined {
  const na = asNum(a);
  const nb = asNum(b);
  if (na && nb) {
    if (na.kind === 'float' || nb.kind === 'float') {
      const x = na.kind === 'float' ? na.v : na.kind === 'int' && abs(na.v) <= 2n ** 53n ? Number(na.v) : undefined;
      const y = nb.kind === 'float' ? nb.v : nb.kind === 'int' && abs(nb.v) <= 2n ** 53n ? Number(nb.v) : undefined;
      if (x === undefined || y === undefined) return undefined;
      return Math.sign(x - y);
    }
    const sa = na.kind === 'dec' ? na.scale : 0;
    const sb = nb.kind === 'dec' ? nb.scale : 0;
    const s = Math.max(sa, sb);
    const x = na.v * 10n ** BigInt(s - sa);
    const y = nb.v * 10n ** BigInt(s - sb);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.type.kind !== b.type.kind) return undefined;
  switch (a.type.kind) {
    case 'utf8':
      return typeof a.value === 'string' && typeof b.value === 'string' ? Math.sign(Buffer.compare(Buffer.from(a.value), Buffer.from(b.value))) : undefined;
    case 'bool':
      return typeof a.value === 'boolean' && typeof b.value === 'boolean' ? Number(a.value) - Number(b.value) : undefined;
    case 'date':
    case 'timestamp':
    case 'binary':
      return typeof a.value === 'string' && typeof b.value === 'string' ? (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) : undefined;
    default:
      return undefined;
  }
}

const abs = (x: bigint) => (x < 0n ? -x : x);

const COMPARE: Record<string, (c: number) => boolean> = {
  equal: (c) => c === 0,
  not_equal: (c) => c !== 0,
  lt: (c) => c < 0,
  lte: (c) => c <= 0,
  gt: (c) => c > 0,
  gte: (c) => c >= 0,
};

function numLiteral(type: DataType, v: bigint | number): Literal | undefined {
  if (type.kind === 'int32' || type.kind === 'int64') {
    if (typeof v !== 'bigint') return undefined;
    const [lo, hi] = INT_RANGE[type.kind];
    if (v < lo || v > hi) return undefined;
    return E.lit(type, type.kind === 'int32' ? Number(v) : v.toString());
  }
  if (type.kind === 'float64') {
    const x = typeof v === 'bigint' ? (abs(v) <= 2n ** 53n ? Number(v) : NaN) : v;
    return Number.isFinite(x) && !Object.is(x, -0) ? E.lit(type, x) : undefined;
  }
  return undefined;
}

function arith(fn: string, a: Num, b: Num, type: DataType): Literal | undefined {
  if (a.kind === 'dec' || b.kind === 'dec') return undefined;
  if (a.kind === 'int' && b.kind === 'int' && (type.kind === 'int32' || type.kind === 'int64')) {
    switch (fn) {
      case 'add':
        return numLiteral(type, a.v + b.v);
      case 'subtract':
        return numLiteral(type, a.v - b.v);
      case 'multiply':
        return numLiteral(type, a.v * b.v);
      case 'divide': // PostgreSQL: integer division truncates toward zero, like BigInt division
        return b.v === 0n ? undefined : numLiteral(type, a.v / b.v);
      case 'modulus': // the sign follows the dividend, like BigInt remainder
        return b.v === 0n ? undefined : numLiteral(type, a.v % b.v);
      default:
        return undefined;
    }
  }
  if (type.kind !== 'float64') return undefined;
  const x = a.kind === 'float' ? a.v : abs(a.v) <= 2n ** 53n ? Number(a.v) : undefined;
  const y = b.kind === 'float' ? b.v : abs(b.v) <= 2n ** 53n ? Number(b.v) : undefined;
  if (x === undefined || y === undefined) return undefined;
  switch (fn) {
    case 'add':
      return numLiteral(type, x + y);
    case 'subtract':
      return numLiteral(type, x - y);
    case 'multiply':
      return numLiteral(type, x * y);
    case 'divide':
      return y === 0 ? undefined : numLiteral(type, x / y);
    default:
      return undefined;
  }
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * The literal a call over non-NULL literal arguments evaluates to, or undefined when it is not
 * folded here. NULL arguments are the caller's business (null propagation).
 */
export function foldCall(fn: string, args: readonly Literal[], type: DataType): Literal | undefined {
  if (args.some((a) => a.value === null)) return undefined;
  const [a, b] = args;
  if (fn in COMPARE && a && b) {
    const c = compare(a, b);
    return c === undefined ? undefined : E.lit(type, COMPARE[fn]!(c));
  }
  if ((fn === 'is_distinct_from' || fn === 'is_not_distinct_from') && a && b) {
    const c = compare(a, b);
    return c === undefined ? undefined : E.lit(type, (c !== 0) === (fn === 'is_distinct_from'));
  }
  switch (fn) {
    case 'add':
    case 'subtract':
    case 'multiply':
    case 'divide':
    case 'modulus': {
      const x = a && asNum(a);
      const y = b && asNum(b);
      return x && y ? arith(fn, x, y, type) : undefined;
    }
    case 'negate':
    case 'abs': {
      const x = a && asNum(a);
      if (!x || x.kind === 'dec') return undefined;
      const f = (v: bigint) => (fn === 'negate' ? -v : abs(v));
      return x.kind === 'int' ? numLiteral(type, f(x.v)) : numLiteral(type, fn === 'negate' ? -x.v : Math.abs(x.v));
    }
    case 'concat':
      return args.every((x) => typeof x.value === 'string' && x.type.kind === 'utf8') && type.kind === 'utf8' ? E.lit(type, args.map((x) => x.value as string).join('')) : undefined;
    case 'lower':
    case 'upper': {
      const s = a?.value;
      if (typeof s !== 'string' || !ASCII.test(s) || type.kind !== 'utf8') return undefined;
      return E.lit(type, fn === 'lower' ? s.toLowerCase() : s.toUpperCase());
    }
    case 'char_length': {
      const s = a?.value;
      return typeof s === 'string' && a!.type.kind === 'utf8' ? numLiteral(type, BigInt([...s].length)) : undefined;
    }
    default:
      return undefined;
  }
}

/** A NULL literal of the given type. */
export const nullOf = (type: DataType): Literal => E.lit(type, null);

/** The literal as exactly `type` when an exact conversion exists (integer widening), else undefined. */
export function retypeLiteral(l: Literal, type: DataType): Literal | undefined {
  if (l.value === null) return E.lit(type, null);
  if (l.type.kind === type.kind && type.kind !== 'decimal') return l;
  const n = asNum(l);
  if (n?.kind !== 'int') return undefined;
  if (type.kind === 'int32' || type.kind === 'int64' || type.kind === 'float64') return numLiteral(type, n.v);
  if (type.kind === 'decimal') {
    const digits = abs(n.v).toString();
    if (digits.length > type.precision - type.scale) return undefined;
    return E.lit(type, `${n.v < 0n ? '-' : ''}${digits}${type.scale > 0 ? `.${'0'.repeat(type.scale)}` : ''}`);
  }
  return undefined;
}
