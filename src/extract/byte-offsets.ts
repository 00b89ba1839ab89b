// UTF-8 byte offsets for tree-sitter's positions: web-tree-sitter parses JS strings as UTF-16,
// so its indices count UTF-16 code units; spans in the tables are UTF-8 byte offsets.

/** Maps a UTF-16 index of `text` to the UTF-8 byte offset (plus `base`, e.g. 3 after a BOM). */
export interface ByteOffsets {
  readonly byte: (utf16Index: number) => number;
  /** 1-based line and 0-based UTF-8 byte column (as Python's ast col_offset) of a UTF-16 index. */
  readonly lineCol: (utf16Index: number, row: number) => number;
}

export function byteOffsets(text: string, base: number, lineStartsUtf16: Uint32Array): ByteOffsets {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    return { byte: (i) => i + base, lineCol: (i, row) => i - lineStartsUtf16[row]! };
  }
  const map = new Uint32Array(text.length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = b;
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        b += 4;
        map[++i] = b; // the low surrogate never starts a node; map it past the pair
        continue;
      }
      b += 3;
    } else b += 3;
  }
  map[text.length] = b;
  return { byte: (i) => map[i]! + base, lineCol: (i, row) => map[i]! - map[lineStartsUtf16[row]!]! };
}

/** UTF-16 indices where each line starts, lines ending at '\n' (as tree-sitter's rows). */
export function lineStarts(text: string): Uint32Array {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  const out = new Uint32Array(n);
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out[k++] = i + 1;
  return out;
}
