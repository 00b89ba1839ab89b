// Extraction of a whole tree: every Python file read and hashed, files whose (path, content hash)
// the cache holds reused, the others parsed — on worker threads when there are enough of them —
// and the table text assembled in path order (so the tables do not depend on the thread count).

import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { contentHash, extractFile, lineCount } from '../extract/extract-file.ts';
import { pythonParser } from '../extract/parser.ts';
import { emptyRows } from '../extract/rows.ts';
import { TABLE_NAMES, type TableName } from '../extract/tables.ts';
import { stableId } from '../ir/stable-id.ts';
import type { SourceFile, WalkProblem } from './source-files.ts';
import { tableText, type TableText } from './table-text.ts';
import type { WorkItem } from './extract-worker.ts';

export interface CachedFile {
  readonly relPath: string;
  readonly hash: string;
  readonly text: TableText;
}

export interface ExtractTreeOptions {
  readonly allNodes: boolean;
  /** Worker threads for parsing (1: parse on this thread). */
  readonly jobs: number;
  /** Files extracted by an earlier build, by relPath. */
  readonly cache: ReadonlyMap<string, CachedFile>;
}

export interface ExtractedTree {
  /** Per table, the JSON Lines text of every file in path order. */
  readonly tables: Record<TableName, string>;
  /** What the next build may reuse: every file of this one. */
  readonly files: readonly CachedFile[];
  readonly lines: number;
  readonly bytes: number;
  readonly reused: readonly string[];
  readonly extracted: readonly string[];
}

/** Below this many files to parse, worker start-up (each loads the grammar) does not pay. */
const FILES_PER_WORKER = 48;
const BATCH = 32;

export async function extractTree(files: readonly SourceFile[], problems: readonly WalkProblem[], opts: ExtractTreeOptions): Promise<ExtractedTree> {
  const results: (TableText | undefined)[] = new Array(files.length);
  const hashes: string[] = new Array(files.length);
  const work: { index: number; item: WorkItem }[] = [];
  const reused: string[] = [];
  const extracted: string[] = [];
  let lines = 0, bytesTotal = 0;
  const unreadable: WalkProblem[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(f.absPath);
    } catch (e) {
      unreadable.push({ relPath: f.relPath, kind: 'unreadable', message: `${f.relPath}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      continue;
    }
    bytesTotal += bytes.length;
    lines += lineCount(bytes);
    const hash = contentHash(bytes);
    hashes[i] = hash;
    const hit = opts.cache.get(f.relPath);
    if (hit && hit.hash === hash) {
      results[i] = hit.text;
      reused.push(f.relPath);
    } else {
      work.push({ index: i, item: { relPath: f.relPath, hash, bytes } });
      extracted.push(f.relPath);
    }
  }
  const jobs = Math.max(1, Math.min(opts.jobs, Math.floor(work.length / FILES_PER_WORKER)));
  if (jobs <= 1) {
    const py = await pythonParser();
    for (const w of work) results[w.index] = tableText(extractFile(py, w.item.relPath, w.item.bytes, { allNodes: opts.allNodes }, w.item.hash));
  } else {
    await onWorkers(jobs, work, opts.allNodes, results);
  }
  const chunks = Object.fromEntries(TABLE_NAMES.map((t) => [t, [] as string[]])) as Record<TableName, string[]>;
  const cacheOut: CachedFile[] = [];
  for (let i = 0; i < files.length; i++) {
    const text = results[i];
    if (!text) continue;
    for (const t of TABLE_NAMES) if (text[t]) chunks[t].push(text[t]);
    cacheOut.push({ relPath: files[i]!.relPath, hash: hashes[i]!, text });
  }
  const walkRows = emptyRows();
  for (const p of [...problems, ...unreadable].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0))) {
    walkRows.parse_errors.push([p.kind === 'unreadable' && files.some((f) => f.relPath === p.relPath) ? stableId(p.relPath) : null, p.relPath, p.kind, null, null, null, null, null, p.message]);
  }
  chunks.parse_errors.push(tableText(walkRows).parse_errors);
  const tables = Object.fromEntries(TABLE_NAMES.map((t) => [t, chunks[t].join('')])) as Record<TableName, string>;
  return { tables, files: cacheOut, lines, bytes: bytesTotal, reused, extracted };
}

async function onWorkers(jobs: number, work: readonly { index: number; item: WorkItem }[], allNodes: boolean, results: (TableText | undefined)[]): Promise<void> {
  const here = import.meta.url;
  const script = new URL(here.endsWith('.ts') ? './extract-worker.ts' : './extract-worker.js', here);
  const batches: (typeof work)[] = [];
  for (let i = 0; i < work.length; i += BATCH) batches.push(work.slice(i, i + BATCH));
  let next = 0;
  const run = (w: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= batches.length) return resolve();
        const batch = batches[next++]!;
        w.once('message', (texts: TableText[]) => {
          texts.forEach((t, k) => (results[batch[k]!.index] = t));
          send();
        });
        w.postMessage({ items: batch.map((b) => b.item), allNodes });
      };
      w.once('error', reject);
      send();
    });
  const workers = Array.from({ length: jobs }, () => new Worker(script));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
