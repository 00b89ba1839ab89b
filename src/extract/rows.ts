// Per-file row buffers for every input table, and the shape one file's extraction returns.

import { TABLE_NAMES, type Row, type TableName } from './tables.ts';

export type TableRows = Record<TableName, Row[]>;

export function emptyRows(): TableRows {
  const out = {} as TableRows;
  for (const t of TABLE_NAMES) out[t] = [];
  return out;
}
