// One file's bytes → its rows in every table: decodes UTF-8 (a BOM is skipped, offsets stay
// file bytes), rejects binary and non-UTF-8 content as parse_errors rows, parses and walks.

import { createHash } from 'node:crypto';
import { stableId } from '../ir/stable-id.ts';
import { byteOffsets, lineStarts } from './byte-offsets.ts';
import { flatten } from './flat-tree.ts';
import { moduleOf } from './module-name.ts';
import type { PythonParser } from './parser.ts';
import { emptyRows, type TableRows } from './rows.ts';
import { walkPython } from './walk-python.ts';

export interface ExtractOptions {
  /** Emit every named tree-sitter node into `nodes`. */
  readonly allNodes: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function lineCount(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? n + 1 : n;
}

/** The rows of one file at `relPath` ('/'-separated, relative to the built directory). */
export function extractFile(py: PythonParser, relPath: string, bytes: Uint8Array, opts: ExtractOptions, hash = contentHash(bytes)): TableRows {
  const out = emptyRows();
  const fileId = stableId(relPath);
  const { module, isPackage } = moduleOf(relPath);
  const lines = lineCount(bytes);
  const fileRow = (status: string) => out.files.push([fileId, relPath, module, isPackage, hash, bytes.length, lines, status]);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    fileRow('binary');
    out.parse_errors.push([fileId, relPath, 'binary', null, nul, nul + 1, null, null, `${relPath}: a NUL byte at offset ${nul}: not Python source`]);
    return out;
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    fileRow('not_utf8');
    out.parse_errors.push([fileId, relPath, 'not_utf8', null, bad, bad + 1, null, null, `${relPath}: not valid UTF-8 at byte ${bad}`]);
    return out;
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bom) text = text.slice(1);
  const tree = py.parser.parse(text);
  if (!tree) {
    fileRow('parse_failed');
    out.parse_errors.push([fileId, relPath, 'parse_failed', null, null, null, null, null, `${relPath}: tree-sitter returned no tree`]);
    return out;
  }
  try {
    const flat = flatten(tree, py.typeNames, py.fieldNames, Math.max(64, text.length >> 2));
    const starts = lineStarts(text);
    walkPython(flat, { path: relPath, fileId, module, isPackage, text, offsets: byteOffsets(text, bom, starts), lineStarts: starts, allNodes: opts.allNodes }, out);
    fileRow(out.parse_errors.length ? 'syntax_error' : 'ok');
  } finally {
    tree.delete();
  }
  return out;
}

/** The byte offset of the first invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i]!;
    const n = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + n));
    } catch {
      return i;
    }
    i += n;
  }
  return bytes.length;
}
