// PostgreSQL's escaped text forms that more than one stage reads: bytea's escape format (byteain
// and decode(…, 'escape')), its encode(…, 'escape') output, and unistr's Unicode escapes. One
// definition: the SQL front end folds literals with it, the SQLite shims compute with it.

const UTF8 = new TextEncoder();

/** Bytes as lowercase hex. */
const hexOf = (bytes: Iterable<number>): string => {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
};

/**
 * PostgreSQL's bytea input as lowercase hex: `\x` then hex digit pairs (white space between
 * pairs), or the escape form. Undefined when the text is not valid bytea input.
 */
export function byteaInputHex(text: string): string | undefined {
  if (!text.startsWith('\\x')) return escapedByteaHex(text);
  const digits = text.slice(2).replace(/[ \t\n\r]+/g, ' ');
  if (!/^ ?(?:[0-9a-fA-F]{2} ?)*$/.test(digits)) return undefined;
  return digits.replace(/ /g, '').toLowerCase();
}

/** The escape form (`\\` a backslash, `\ooo` an octal byte, any other character its UTF-8 bytes) as hex, or undefined. */
export function escapedByteaHex(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] !== '\\') {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      out += hexOf(UTF8.encode(ch));
      i += ch.length;
    } else if (text[i + 1] === '\\') {
      out += '5c';
      i += 2;
    } else if (/^[0-3][0-7]{2}$/.test(text.slice(i + 1, i + 4))) {
      out += parseInt(text.slice(i + 1, i + 4), 8).toString(16).padStart(2, '0');
      i += 4;
    } else return undefined;
  }
  return out;
}

/** encode(b, 'escape'): NUL and bytes from 0x80 as `\ooo`, a backslash doubled, other bytes as they are. */
export function escapeBytea(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b === 0 || b >= 0x80 ? `\\${b.toString(8).padStart(3, '0')}` : b === 0x5c ? '\\\\' : String.fromCharCode(b);
  return out;
}

/**
 * unistr(s): `\\` a backslash; `\XXXX`, `\+XXXXXX`, `\uXXXX`, `\UXXXXXXXX` the code point (a
 * surrogate pair of two escapes one character). Undefined for any other escape, a lone
 * surrogate or a code point past U+10FFFF (PostgreSQL: "invalid Unicode escape").
 */
export function decodeUnistr(text: string): string | undefined {
  let out = '';
  let high: number | undefined;
  for (let i = 0; i < text.length; ) {
    if (text[i] !== '\\') {
      if (high !== undefined) return undefined;
      out += text[i];
      i++;
      continue;
    }
    if (text[i + 1] === '\\') {
      if (high !== undefined) return undefined;
      out += '\\';
      i += 2;
      continue;
    }
    const m = /^(?:\+([0-9a-fA-F]{6})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-9a-fA-F]{4}))/.exec(text.slice(i + 1));
    if (!m) return undefined;
    const cp = parseInt(m[1] ?? m[2] ?? m[3] ?? m[4]!, 16);
    i += 1 + m[0].length;
    if (cp >= 0xd800 && cp <= 0xdbff) {
      if (high !== undefined) return undefined;
      high = cp;
      continue;
    }
    if (cp >= 0xdc00 && cp <= 0xdfff) {
      if (high === undefined) return undefined;
      out += String.fromCodePoint(0x10000 + ((high - 0xd800) << 10) + (cp - 0xdc00));
      high = undefined;
      continue;
    }
    if (high !== undefined || cp === 0 || cp > 0x10ffff) return undefined;
    out += String.fromCodePoint(cp);
  }
  return high === undefined ? out : undefined;
}
