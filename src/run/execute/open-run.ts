// A run whose outputs stay readable in the engine after it: every output is written and hashed as
// runProgram does, then streamed on demand as Arrow record batches or canonical rows, a chunk of
// the engine at a time (never the whole output in JS), until close().
//
//   const run = await openRun(program, { backend: 'duckdb', specDir, specHash });
//   try {
//     for await (const batch of run.output('big').batches()) consume(batch);
//   } finally {
//     await run.close();
//   }

import type { RecordBatch, Table } from 'apache-arrow';
import type { Program } from '../../ir/index.ts';
import { RelcError } from '../../ir/index.ts';
import type { Backend, CanonicalRow } from '../../backends/index.ts';
import { executeProgram, type OutputQuery, type OutputResult, type RunOptions, type RunResult } from './run-program.ts';

/** An output of an open run: what runProgram returns for it, and its rows read from the engine. */
export interface OutputStream extends OutputResult {
  /** The rows as Arrow record batches (one per engine chunk), in output order. */
  batches(): AsyncIterableIterator<RecordBatch>;
  /** The rows as chunks of canonical rows (CONTRACTS.md), in output order. */
  chunks(): AsyncIterableIterator<CanonicalRow[]>;
  /** The rows one at a time, in output order (read a chunk at a time). */
  eachRow(): AsyncIterableIterator<CanonicalRow>;
  /** The whole output as one Arrow table (holds every row: for outputs that fit in memory). */
  toTable(): Promise<Table>;
}

export interface OpenRun extends Omit<RunResult, 'outputs'> {
  readonly outputs: readonly OutputStream[];
  /** The output named `name` (USAGE_ERROR naming the outputs when there is none). */
  output(name: string): OutputStream;
  /** Closes the run's engine (an attached `engine` is the caller's and stays open). Streams end with it. */
  close(): Promise<void>;
}

function streamOf(out: OutputResult, q: OutputQuery, backend: Backend, isOpen: () => boolean): OutputStream {
  const open = () => {
    if (!isOpen()) throw new RelcError('USAGE_ERROR', `output ${out.name}: the run is closed; read its outputs before close()`, { details: { output: out.name } });
  };
  return {
    ...out,
    batches: () => {
      open();
      return backend.arrowBatches(q.sql, q.binds, q.schema, q.view);
    },
    chunks: () => {
      open();
      return backend.rowChunks(q.sql, q.binds, q.schema, q.view);
    },
    eachRow: () => {
      open();
      return (async function* eachRow() {
        for await (const chunk of backend.rowChunks(q.sql, q.binds, q.schema, q.view)) yield* chunk;
      })();
    },
    toTable: async () => {
      open();
      return backend.queryArrow(q.sql, q.binds, q.schema, q.view);
    },
  };
}

/**
 * Runs `program` as runProgram does (bundle, hashes, `collect`, `arrow` alike) and keeps its
 * engine open so that each output can be streamed; the caller must close() it.
 */
export async function openRun(program: Program, opts: RunOptions): Promise<OpenRun> {
  const { result, backend, queries } = await executeProgram(program, opts, true);
  let open = true;
  const outputs = result.outputs.map((o) => streamOf(o, queries.get(o.name)!, backend, () => open));
  return {
    ...result,
    outputs,
    output(name) {
      const found = outputs.find((o) => o.name === name);
      if (!found) throw new RelcError('USAGE_ERROR', `no output named ${name} (outputs: ${outputs.map((o) => o.name).join(', ')})`, { details: { output: name } });
      return found;
    },
    async close() {
      if (!open) return;
      open = false;
      if (!opts.engine) await backend.close();
    },
  };
}
