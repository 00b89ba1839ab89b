// An Arrow table from a stream of record batches (the engine's chunks), with the schema's
// fields even when there are no rows.

import { Table, type RecordBatch } from 'apache-arrow';
import type { Schema } from '../../ir/index.ts';
import { arrowSchema } from './schema.ts';

export async function tableOf(schema: Schema, batches: AsyncIterable<RecordBatch>): Promise<Table> {
  const all: RecordBatch[] = [];
  for await (const b of batches) all.push(b);
  return new Table(arrowSchema(schema), all);
}
