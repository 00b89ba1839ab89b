// Reads the header record of a CSV file (RFC 4180: comma-separated, fields optionally quoted
// with '"', a quote inside a quoted field doubled), so that declared columns can be matched by
// name before any value is parsed.

import { closeSync, openSync, readSync } from 'node:fs';
import { RelcError } from '../../ir/index.ts';

const CHUNK = 64 * 1024;
const MAX_HEADER = 16 * 1024 * 1024;

/** Column names of the first record; an empty file has none. A leading UTF-8 BOM is skipped. */
export function readCsvHeader(absPath: string): string[] {
  const fd = openSync(absPath, 'r');
  try {
    const decoder = new TextDecoder('utf-8');
    const buf = Buffer.alloc(CHUNK);
    let text = '';
    let offset = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, offset);
      offset += n;
      text += decoder.decode(buf.subarray(0, n), { stream: n > 0 });
      const parsed = parseFirstRecord(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, n === 0);
      if (parsed) return parsed;
      if (offset > MAX_HEADER) throw new RelcError('INPUT_SCHEMA_MISMATCH', `${absPath}: no end of the CSV header within ${MAX_HEADER} bytes`, { details: { path: absPath } });
    }
  } finally {
    closeSync(fd);
  }
}

/** The fields of the first record, or undefined when `text` ends inside it and more may follow. */
function parseFirstRecord(text: string, atEnd: boolean): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        if (i + 1 >= text.length && !atEnd) return undefined; // cannot tell "" from " yet
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      fields.push(field);
      return fields;
    } else field += ch;
    i++;
  }
  if (!atEnd) return undefined;
  if (text.length === 0) return [];
  fields.push(field);
  return fields;
}
