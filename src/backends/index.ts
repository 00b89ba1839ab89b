// Execution backends: open an engine, load declared inputs, materialize views, query canonical rows.

import { RelcError } from '../ir/index.ts';
import { openDuckDB } from './duckdb/backend.ts';
import { openSqlite } from './sqlite/backend.ts';
import type { Backend, BackendKind, BackendOptions } from './types.ts';

const OPENERS: Record<BackendKind, (opts: BackendOptions) => Promise<Backend>> = {
  duckdb: openDuckDB,
  sqlite: openSqlite,
};

export const BACKEND_KINDS = Object.keys(OPENERS) as BackendKind[];

export function isBackendKind(s: string): s is BackendKind {
  return Object.hasOwn(OPENERS, s);
}

/** Opens a backend. Unknown kind → BACKEND_UNSUPPORTED. */
export function openBackend(kind: BackendKind, opts: BackendOptions = {}): Promise<Backend> {
  if (!isBackendKind(kind)) {
    return Promise.reject(new RelcError('BACKEND_UNSUPPORTED', `unknown backend ${String(kind)} (available: ${BACKEND_KINDS.join(', ')})`, { details: { backend: kind } }));
  }
  return OPENERS[kind](opts);
}

export * from './types.ts';
export * from './values.ts';
export { DUCKDB_CAPS } from './duckdb/backend.ts';
export { SQLITE_CAPS } from './sqlite/backend.ts';
export { duckdbTypeName } from './duckdb/types.ts';
export { sqliteTypeName } from './sqlite/types.ts';
export { openParquetWriter, writeParquet, type ParquetWriter } from './duckdb/parquet-writer.ts';
