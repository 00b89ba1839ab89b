// Extraction of a whole tree: every Python file read and hashed, files whose (path, content hash)
// the cache holds reused, the others parsed — on worker threads when there are enough of them —
// and the table text assembled in path order (so the tables do not depend on the thread count).

import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { contentHash, extractFile, lineCount } from '../extract/extract-file.ts';
import { pythonParser } from '../extract/parser.ts';
import { emptyRows } from '../extract/rows.ts';
import { stableId } from '../ir/stable-id.ts';
import type { CacheIndex } from './extract-cache.ts';
import type { SourceFile, WalkProblem } from './source-files.ts';
import { tableText, type TableText } from './table-text.ts';
import type { WorkItem } from './extract-worker.ts';

export interface ExtractTreeOptions {
  readonly allNodes: boolean;
  /** Worker threads for parsing (1: parse on this thread). */
  readonly jobs: number;
  /** What an earlier build extracted. */
  readonly cache: CacheIndex;
  /** Receives every file's table text, in path order (so tables do not depend on thread count). */
  readonly sink: (relPath: string, hash: string, text: TableText) => void;
}

export interface ExtractedTree {
  readonly lines: number;
  readonly bytes: number;
  readonly reused: readonly string[];
  readonly extracted: readonly string[];
  /** parse_errors rows of what could not be walked or read. */
  readonly walkErrors: TableText;
}

/** Below this many files to parse, worker start-up (each loads the grammar) does not pay. */
const FILES_PER_WORKER = 48;
const BATCH = 32;

export async function extractTree(files: readonly SourceFile[], problems: readonly WalkProblem[], opts: ExtractTreeOptions): Promise<ExtractedTree> {
  const results: (TableText | undefined)[] = new Array(files.length);
  const hashes: (string | undefined)[] = new Array(files.length);
  const skipped: boolean[] = new Array(files.length).fill(false);
  const work: { index: number; item: WorkItem }[] = [];
  const reused: string[] = [];
  const extracted: string[] = [];
  let lines = 0, bytesTotal = 0;
  const unreadable: WalkProblem[] = [];
  // Files are handed to the sink as soon as every earlier one has been.
  let flushed = 0;
  const flush = () => {
    for (; flushed < files.length; flushed++) {
      if (skipped[flushed]) continue; // unreadable
      const text = results[flushed];
      if (!text) return;
      opts.sink(files[flushed]!.relPath, hashes[flushed]!, text);
      results[flushed] = undefined;
    }
  };
  const done = (index: number, text: TableText) => {
    results[index] = text;
    flush();
  };
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(f.absPath);
    } catch (e) {
      unreadable.push({ relPath: f.relPath, kind: 'unreadable', message: `${f.relPath}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      skipped[i] = true;
      continue;
    }
    bytesTotal += bytes.length;
    lines += lineCount(bytes);
    const hash = contentHash(bytes);
    hashes[i] = hash;
    const hit = opts.cache.lookup(f.relPath, hash);
    if (hit) {
      reused.push(f.relPath);
      done(i, hit);
    } else {
      work.push({ index: i, item: { relPath: f.relPath, hash, bytes } });
      extracted.push(f.relPath);
    }
  }
  const jobs = Math.max(1, Math.min(opts.jobs, Math.floor(work.length / FILES_PER_WORKER)));
  if (jobs <= 1) {
    const py = await pythonParser();
    for (const w of work) done(w.index, tableText(extractFile(py, w.item.relPath, w.item.bytes, { allNodes: opts.allNodes }, w.item.hash)));
  } else {
    await onWorkers(jobs, work, opts.allNodes, done);
  }
  flush();
  const walkRows = emptyRows();
  const readable = new Set(files.map((f) => f.relPath));
  for (const p of [...problems, ...unreadable].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0))) {
    walkRows.parse_errors.push([readable.has(p.relPath) ? stableId(p.relPath) : null, p.relPath, p.kind, null, null, null, null, null, p.message]);
  }
  return { lines, bytes: bytesTotal, reused, extracted, walkErrors: tableText(walkRows) };
}

async function onWorkers(jobs: number, work: readonly { index: number; item: WorkItem }[], allNodes: boolean, done: (index: number, text: TableText) => void): Promise<void> {
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
          texts.forEach((t, k) => done(batch[k]!.index, t));
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
