// Execution backends: open an engine, load declared inputs, materialize views, query canonical rows.

// Leaf modules of the IR, not its index (the function registry and the rest of the compiler):
// `relc diag` reaches the engines through here and loads no compiler.
import { RelcError } from '../ir/errors.ts';
import { initHashing } from '../ir/signature.ts';
import type { Schema } from '../ir/index.ts';
import { contentHash } from './canonical-rows.ts';
import type { OutputWriter, ParquetWriter, RowStage } from './duckdb/output-writer.ts';
import type { Backend, BackendKind, BackendOptions, RowsDigest } from './types.ts';
import type { CanonicalRow } from './values.ts';

// Engines' native modules load when a backend is opened, never at import: `relc validate`,
// `compile`, `transpile` and `explain` start without DuckDB or SQLite.
const OPENERS: Record<BackendKind, (opts: BackendOptions) => Promise<Backend>> = {
  duckdb: async (opts) => (await import('./duckdb/backend.ts')).openDuckDB(opts),
  sqlite: async (opts) => (await import('./sqlite/backend.ts')).openSqlite(opts),
};

import { BACKEND_KINDS } from './kinds.ts';

export { BACKEND_KINDS };

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

/**
 * relc inside an engine the host program already has: `{ duckdb: instance or connection, schema }`
 * (relc's tables and macros in that schema, created and dropped on close unless `keep`) or
 * `{ sqlite: database }` (better-sqlite3; relc's tables are TEMP tables, dropped on close). Pass
 * the backend to runProgram / runSpecFile as `engine`; close() leaves the host's engine open.
 */
export type HostEngine =
  | { readonly duckdb: import('@duckdb/node-api').DuckDBInstance | import('@duckdb/node-api').DuckDBConnection; readonly schema: string; readonly keep?: boolean }
  | { readonly sqlite: import('better-sqlite3').Database };

export async function attachBackend(host: HostEngine): Promise<Backend> {
  if ('duckdb' in host) return (await import('./duckdb/backend.ts')).attachDuckDB(host.duckdb, { schema: host.schema, ...(host.keep !== undefined ? { keep: host.keep } : {}) });
  return (await import('./sqlite/backend.ts')).attachSqlite(host.sqlite);
}

export * from './types.ts';
export * from './values.ts';
export * from './canonical-rows.ts';
export { DUCKDB_CAPS } from './duckdb/caps.ts';
export { SQLITE_CAPS } from './sqlite/caps.ts';
export { sqliteTypeName } from './sqlite/types.ts';

/** The names of relc's engine shims on a backend, without opening it (loads only the shim definitions). */
export async function engineShimNames(kind: BackendKind): Promise<string[]> {
  return Object.keys(await SHIM_DEFINITIONS[kind]()).sort();
}

const SHIM_DEFINITIONS: Record<BackendKind, () => Promise<Record<string, string>>> = {
  duckdb: async () => (await import('./duckdb/functions.ts')).duckdbShimDefinitions(),
  sqlite: async () => (await import('./sqlite/functions.ts')).sqliteShimDefinitions(),
};
export type { OutputWriter, ParquetWriter, RowStage };

/** The DuckDB-backed writer of run bundles' streamed outputs and diagnostics (loads DuckDB on first use). */
export async function openOutputWriter(): Promise<OutputWriter> {
  return (await import('./duckdb/output-writer.ts')).openOutputWriter();
}

/** A sealed, read-only DuckDB over Parquet files loaded as tables (`relc diag`; loads DuckDB on first use). */
export async function openParquetQuery(): Promise<import('./duckdb/parquet-query.ts').ParquetQuery> {
  return (await import('./duckdb/parquet-query.ts')).openParquetQuery();
}
export type { JsonValue, ParquetQuery, QueryRows } from './duckdb/parquet-query.ts';

/** The writer under its former name. */
export const openParquetWriter = openOutputWriter;

/** Writes `rows` as a Parquet file with exactly `schema` (loads DuckDB on first use). */
export async function writeParquet(absPath: string, schema: Schema, rows: readonly CanonicalRow[]): Promise<void> {
  return (await import('./duckdb/output-writer.ts')).writeParquet(absPath, schema, rows);
}

/** The digest of canonical rows, as an engine computes it for an output. */
export async function digestRows(schema: Schema, rows: readonly CanonicalRow[]): Promise<RowsDigest> {
  return (await import('./duckdb/output-writer.ts')).digestRows(schema, rows);
}

/** The content hash `relc run` records for an output holding exactly `rows` (in any order). */
export async function rowsContentHash(schema: Schema, rows: readonly CanonicalRow[]): Promise<string> {
  await initHashing();
  return contentHash(schema, await digestRows(schema, rows));
}
