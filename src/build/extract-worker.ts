// A worker thread of the extraction: parses the files it is sent and posts back their table text.

import { parentPort } from 'node:worker_threads';
import { extractFile } from '../extract/extract-file.ts';
import { pythonParser } from '../extract/parser.ts';
import { tableText } from './table-text.ts';

export interface WorkItem {
  readonly relPath: string;
  readonly hash: string;
  readonly bytes: Uint8Array;
}

parentPort!.on('message', async (msg: { items: WorkItem[]; allNodes: boolean }) => {
  const py = await pythonParser();
  const out = msg.items.map((it) => tableText(extractFile(py, it.relPath, it.bytes, { allNodes: msg.allNodes }, it.hash)));
  parentPort!.postMessage(out);
});
