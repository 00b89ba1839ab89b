// The extraction cache a build leaves in its bundle: one line per source file,
// `relPath TAB content-hash TAB {table: JSON Lines text}`, under a header naming the extractor.
// A later build indexes the lines (path, hash, byte range) and parses only the files it reuses,
// so neither cache is ever one string in memory.

import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { TableText } from './table-text.ts';

export interface CacheIndex {
  /** The table text an earlier build extracted from `relPath` with this content hash, if any. */
  lookup(relPath: string, hash: string): TableText | undefined;
  readonly paths: readonly string[];
}

const TAB = 9, NL = 10;

export function readCacheIndex(file: string, header: string): CacheIndex {
  const entries = new Map<string, { hash: string; start: number; end: number }>();
  let buf: Buffer = Buffer.alloc(0);
  if (existsSync(file)) {
    buf = readFileSync(file);
    const firstNl = buf.indexOf(NL);
    if (firstNl > 0 && buf.toString('utf8', 0, firstNl) === header) {
      for (let at = firstNl + 1; at < buf.length; ) {
        const nl = buf.indexOf(NL, at);
        const end = nl === -1 ? buf.length : nl;
        const t1 = buf.indexOf(TAB, at), t2 = t1 === -1 ? -1 : buf.indexOf(TAB, t1 + 1);
        if (t2 !== -1 && t2 < end) entries.set(buf.toString('utf8', at, t1), { hash: buf.toString('utf8', t1 + 1, t2), start: t2 + 1, end });
        at = end + 1;
      }
    }
  }
  return {
    lookup(relPath, hash) {
      const e = entries.get(relPath);
      return e && e.hash === hash ? (JSON.parse(buf.toString('utf8', e.start, e.end)) as TableText) : undefined;
    },
    paths: [...entries.keys()].sort(),
  };
}

export class CacheWriter {
  private readonly fd: number;
  constructor(file: string, header: string) {
    this.fd = openSync(file, 'w');
    writeSync(this.fd, `${header}\n`);
  }
  add(relPath: string, hash: string, text: TableText): void {
    writeSync(this.fd, `${relPath}\t${hash}\t${JSON.stringify(text)}\n`);
  }
  close(): void {
    closeSync(this.fd);
  }
}
