// Typed literals from plain values (spec defaults, `--param k=v` text): checked and put in the
// canonical payload form of expr.ts, or undefined when the value does not fit the type.

import type { Literal, LiteralValue } from './expr.ts';
import type { DataType } from './types.ts';
import { parseDateText } from './temporal.ts';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

function decimalText(text: string, precision: number, scale: number): string | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const sign = m[1] === '-' ? '-' : '';
  const whole = (m[2] || '0').replace(/^0+(?=\d)/, '');
  let frac = m[3] ?? '';
  if (frac.length > scale) {
    // Round half away from zero to the declared scale (PostgreSQL numeric input rounding).
    const kept = BigInt(whole + frac.slice(0, scale)) + (Number(frac[scale]) >= 5 ? 1n : 0n);
    const digits = kept.toString().padStart(scale + 1, '0');
    return decimalText(`${sign}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`, precision, scale);
  }
  frac = frac.padEnd(scale, '0');
  if (whole.length > precision - scale) return undefined;
  const out = scale > 0 ? `${whole}.${frac}` : whole;
  return /^0(\.0*)?$/.test(out) ? out : sign + out;
}

function isValidDate(y: number, m: number, d: number): boolean {
  return parseDateText(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`) !== undefined;
}

/** The canonical payload of `value` as `type`, or undefined when it does not fit. */
export function coerceLiteralValue(type: DataType, value: string | number | boolean | null): LiteralValue | undefined {
  if (value === null) return null;
  const text = String(value).trim();
  switch (type.kind) {
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (/^(true|t|yes|1)$/i.test(text)) return true;
      if (/^(false|f|no|0)$/i.test(text)) return false;
      return undefined;
    case 'int32': {
      if (!/^[+-]?\d+$/.test(text)) return undefined;
      const n = Number(text);
      return n >= INT32.min && n <= INT32.max ? n : undefined;
    }
    case 'int64': {
      if (!/^[+-]?\d+$/.test(text)) return undefined;
      const n = BigInt(text);
      return n >= INT64.min && n <= INT64.max ? n.toString() : undefined;
    }
    case 'float64': {
      if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith('-') ? '-Infinity' : 'Infinity';
      if (/^nan$/i.test(text)) return 'NaN';
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return undefined;
      return Number(text);
    }
    case 'decimal':
      return decimalText(text, type.precision, type.scale);
    case 'utf8':
      return typeof value === 'string' ? value : text;
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      return m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3])) ? text : undefined;
    }
    case 'timestamp': {
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(text);
      if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
      const [hh, mm, ss] = [m[4] ?? '00', m[5] ?? '00', m[6] ?? '00'];
      if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
      return `${m[1]}-${m[2]}-${m[3]} ${hh}:${mm}:${ss}.${(m[7] ?? '').padEnd(6, '0')}`;
    }
    case 'binary':
      return /^([0-9a-f]{2})*$/i.test(text) ? text.toLowerCase() : undefined;
    case 'interval':
    case 'list':
    case 'struct':
    case 'null':
      return undefined;
  }
}

export function coerceLiteral(type: DataType, value: string | number | boolean | null): Literal | undefined {
  const v = coerceLiteralValue(type, value);
  return v === undefined ? undefined : { kind: 'lit', type, value: v };
}
