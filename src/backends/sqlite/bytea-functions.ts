// SQLite shims for PostgreSQL's bytea functions (src/ir/functions/bytea.ts): SHA-2 digests, byte
// and bit access, substr with PostgreSQL's positions, base64 and hex text, UTF-8 validation.
// BLOBs arrive as Uint8Array; integers as bigint (safeIntegers). Errors carry PostgreSQL's messages.

import { createHash } from 'node:crypto';
import { escapeBytea, escapedByteaHex } from '../../ir/index.ts';
import { def, fail, str, strict, type Sql, type SqliteFunction } from './shim.ts';

const bytes = (v: Sql): Uint8Array => (v instanceof Uint8Array ? v : typeof v === 'string' ? Buffer.from(v, 'utf8') : fail('bytea expected'));
const int = (v: Sql): bigint => (typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v))));


/** The index checked against [0, size): PostgreSQL's message otherwise. */
function index(n: bigint, size: number): number {
  if (n < 0n || n >= BigInt(size)) fail(`index ${n} out of valid range, 0..${size - 1}`);
  return Number(n);
}

/** PostgreSQL's substr positions: a start below 1 counts positions before the value; a negative count is an error. */
function substr(b: Uint8Array, from: bigint, count: bigint | null): Uint8Array {
  if (count !== null && count < 0n) fail('negative substring length not allowed');
  const start = from < 1n ? 1n : from;
  const end = count === null ? BigInt(b.length) + 1n : from + count;
  if (end <= start || start > BigInt(b.length)) return new Uint8Array(0);
  return b.slice(Number(start) - 1, Math.min(Number(end) - 1, b.length));
}

const WHITE = /[ \t\r\n]/g;

function decodeHex(s: string): Uint8Array {
  const digits = s.replace(WHITE, '');
  const bad = /[^0-9a-fA-F]/.exec(digits);
  if (bad) fail(`invalid hexadecimal digit: "${bad[0]}"`);
  if (digits.length % 2 === 1) fail('invalid hexadecimal data: odd number of digits');
  return Uint8Array.from(Buffer.from(digits, 'hex'));
}

function decodeBase64(s: string): Uint8Array {
  const t = s.replace(WHITE, '');
  const bad = /[^A-Za-z0-9+/=]/.exec(t);
  if (bad) fail(`invalid symbol "${bad[0]}" found while decoding base64 sequence`);
  if (!/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t) || t.replace(/=+$/, '').length % 4 === 1) fail('invalid base64 end sequence');
  return Uint8Array.from(Buffer.from(t, 'base64'));
}

/** PostgreSQL's base64: a newline after the 76 characters of each whole 57 bytes (after the last too). */
const encodeBase64 = (b: Uint8Array): string =>
  Buffer.from(b).toString('base64').replace(/(.{76})(?=.)/g, '$1\n') + (b.length > 0 && b.length % 57 === 0 ? '\n' : '');

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function utf8(b: Uint8Array): string {
  try {
    const s = UTF8.decode(b);
    const nul = s.indexOf('\u0000');
    if (nul >= 0) fail('invalid byte sequence for encoding "UTF8": 0x00');
    return s;
  } catch (e) {
    if ((e as Error).message.startsWith('invalid byte sequence')) throw e;
    const at = firstInvalid(b);
    return fail(`invalid byte sequence for encoding "UTF8": ${[...b.slice(at, at + 2)].map((x) => `0x${x.toString(16).padStart(2, '0')}`).join(' ')}`);
  }
}

/** The offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalid(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const n = b[i]! < 0x80 ? 1 : b[i]! >= 0xc2 && b[i]! < 0xe0 ? 2 : b[i]! >= 0xe0 && b[i]! < 0xf0 ? 3 : b[i]! >= 0xf0 && b[i]! < 0xf5 ? 4 : 0;
    if (n === 0) return i;
    try {
      UTF8.decode(b.slice(i, i + n));
    } catch {
      return i;
    }
    i += n;
  }
  return b.length;
}

/** The bytes of `b` without those in `set` at the start and/or the end. */
function trimBytes(b: Uint8Array, set: Uint8Array, start: boolean, end: boolean): Uint8Array {
  const drop = new Set(set);
  let i = 0;
  let j = b.length;
  while (start && i < j && drop.has(b[i]!)) i++;
  while (end && j > i && drop.has(b[j - 1]!)) j--;
  return b.slice(i, j);
}

const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

const popcount = (x: number): number => { let n = 0; for (let v = x; v; v &= v - 1) n++; return n; };

export const BYTEA_SHIMS: readonly SqliteFunction[] = [
  ...([224, 256, 384, 512] as const).map((bits) => def(`relc_sha${bits}`, strict((b: Sql) => Uint8Array.from(createHash(`sha${bits}`).update(bytes(b)).digest())))),
  def('relc_bytea_substr', (b: Sql, from: Sql, count?: Sql) => (b === null || from === null || count === null ? null : substr(bytes(b), int(from), count === undefined ? null : int(count))), true),
  def('relc_encode_base64', strict((b: Sql) => encodeBase64(bytes(b)))),
  def('relc_decode_hex', strict((s: Sql) => decodeHex(str(s)))),
  def('relc_decode_base64', strict((s: Sql) => decodeBase64(str(s)))),
  def('relc_convert_from', strict((b: Sql) => utf8(bytes(b)))),
  def('relc_get_byte', strict((b: Sql, n: Sql) => { const v = bytes(b); return BigInt(v[index(int(n), v.length)]!); })),
  def('relc_set_byte', strict((b: Sql, n: Sql, x: Sql) => { const v = Uint8Array.from(bytes(b)); v[index(int(n), v.length)] = Number(BigInt.asUintN(8, int(x))); return v; })),
  def('relc_get_bit', strict((b: Sql, n: Sql) => { const v = bytes(b); const i = index(int(n), v.length * 8); return BigInt((v[i >> 3]! >> (i & 7)) & 1); })),
  def('relc_set_bit', strict((b: Sql, n: Sql, x: Sql) => {
    const v = Uint8Array.from(bytes(b));
    const i = index(int(n), v.length * 8);
    const bit = int(x);
    if (bit !== 0n && bit !== 1n) fail('new bit must be 0 or 1');
    v[i >> 3] = bit === 1n ? v[i >> 3]! | (1 << (i & 7)) : v[i >> 3]! & ~(1 << (i & 7));
    return v;
  })),
  def('relc_encode_escape', strict((b: Sql) => escapeBytea(bytes(b)))),
  def('relc_decode_escape', strict((s: Sql) => fromHex(escapedByteaHex(str(s)) ?? fail('invalid input syntax for type bytea')))),
  def('relc_bytea_btrim', strict((b: Sql, set: Sql) => trimBytes(bytes(b), bytes(set), true, true))),
  def('relc_bytea_ltrim', strict((b: Sql, set: Sql) => trimBytes(bytes(b), bytes(set), true, false))),
  def('relc_bytea_rtrim', strict((b: Sql, set: Sql) => trimBytes(bytes(b), bytes(set), false, true))),
  def('relc_bit_count', strict((b: Sql) => BigInt(bytes(b).reduce((n, x) => n + popcount(x), 0)))),
];
