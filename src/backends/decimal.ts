// Exact decimal arithmetic on scaled bigints: a decimal(p,s) value v is held as v * 10^s.
// Rounding is half away from zero, as PostgreSQL and DuckDB round numeric values.

const TEN = 10n;

function pow10(n: number): bigint {
  return TEN ** BigInt(n);
}

/** Changes the scale of a scaled value, rounding half away from zero when digits are dropped. */
export function rescale(value: bigint, from: number, to: number): bigint {
  if (to >= from) return value * pow10(to - from);
  const divisor = pow10(from - to);
  const quotient = value / divisor; // truncates toward zero
  const remainder = value % divisor;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice >= divisor) return value < 0n ? quotient - 1n : quotient + 1n;
  return quotient;
}

/** Canonical text of a scaled value: exactly `scale` fraction digits, no sign on zero. */
export function scaledToText(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const text = scale > 0 ? `${whole}.${digits.slice(digits.length - scale)}` : whole;
  return negative ? `-${text}` : text;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses decimal text ('12.5', '-0.05', '1.5e-7', '3E+2') into a value scaled to `scale`,
 * rounding half away from zero. Undefined when the text is not a finite decimal number.
 */
export function parseScaled(text: string, scale: number): bigint | undefined {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m) return undefined;
  const whole = m[2] ?? '';
  const fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return undefined;
  const exponent = Number(m[4] ?? 0);
  const digits = BigInt(whole + fraction || '0');
  // digits * 10^(exponent - fraction.length) expressed at `scale`:
  const from = fraction.length - exponent;
  const scaled = from >= 0 ? rescale(digits, from, scale) : digits * pow10(scale - from);
  return m[1] === '-' ? -scaled : scaled;
}

/**
 * A double as a scaled decimal. The double is read as the shortest decimal that round-trips to
 * it (what `String(n)` prints), not its exact binary expansion: SQLite stores decimals as REAL,
 * and 2.675 stored there must come back as 2.675, not 2.67499999999999982236431605997495353221893310546875.
 */
export function numberToScaled(n: number, scale: number): bigint | undefined {
  if (!Number.isFinite(n)) return undefined;
  return parseScaled(String(n), scale);
}
