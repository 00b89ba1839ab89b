// The Backend contract every execution engine implements, and its capabilities as data.

import type { RecordBatch, Table } from 'apache-arrow';
import type { DataType, Dialect, InputDecl, OutputFormat, Schema } from '../ir/index.ts';
import type { CanonicalValue } from './values.ts';

export type BackendKind = 'duckdb' | 'sqlite';

/** What an engine can do, as data the runner and the CLI read (never `if (kind === ...)`). */
export interface BackendCaps {
  /** The SQL dialect of `src/lower/sql` this engine executes. */
  readonly dialect: Dialect;
  /**
   * The placeholder character of the lowered SQL: `$` for `$1`, `$2`… (DuckDB); `?` for SQLite,
   * which takes numbered `?1`… or anonymous `?` (one bound value per occurrence) alike.
   */
  readonly placeholderPrefix: '$' | '?';
  /** Honours a thread count (results must not depend on it; the envelope records it). */
  readonly threads: boolean;
  /** Honours a memory limit. */
  readonly memoryLimit: boolean;
  /** Reads csv / parquet / json input files itself (else through an in-memory DuckDB). */
  readonly nativeFileReaders: boolean;
  /** Stores date, decimal and bool natively (else per the storage table of CONTRACTS.md). */
  readonly nativeTemporalAndDecimal: boolean;
  /** `materializeProfiled` reports the executed plan with actual rows and times (else the plan only). */
  readonly analyze: boolean;
  /**
   * What relc's engine shims (`setup.shims`) are on this engine, as lane decisions name them, and
   * whether they run row at a time in JS (what `policy.shim_row_limit` bounds).
   */
  readonly shims: { readonly kind: string; readonly rowAtATime: boolean };
  /** The rowid of a loaded input's first row (rows are numbered in file order): file row = rowid − rowidBase + 1. */
  readonly rowidBase: 0 | 1;
}

export interface BackendOptions {
  /** Worker threads (DuckDB). Absent: the engine default (the number of cores). */
  readonly threads?: number;
  /** Memory limit in DuckDB notation, e.g. '2GB'. Absent: the engine default. */
  readonly memoryLimit?: string;
  /** Database file; absent or ':memory:' for an in-memory database. */
  readonly path?: string;
}

/**
 * What relc set up in the engine when it opened it, as the run envelope records it: a replay
 * is valid only against the same set-up.
 */
export interface EngineSetup {
  /** The settings relc applied at open, in order: SQL statements, or driver calls (SQLite). */
  readonly applied: readonly string[];
  /** relc's engine shims by name, each with the definition it was registered with (a DuckDB macro's SQL; for relc's JS functions on SQLite, their kind and arity). */
  readonly shims: Readonly<Record<string, string>>;
}

/** The effective settings of an open backend, as the run envelope records them. */
export interface BackendSettings {
  readonly threads: number;
  readonly memoryLimit: string | null;
}

/**
 * A parameter value with its IR type, so that it binds with exactly that engine type (an int64
 * as BIGINT, a decimal as DECIMAL(p,s), a date as DATE or as 'YYYY-MM-DD' text on SQLite).
 */
export class TypedValue {
  constructor(
    readonly type: DataType,
    readonly value: CanonicalValue,
  ) {}
}

export function typed(type: DataType, value: CanonicalValue): TypedValue {
  return new TypedValue(type, value);
}

/** A bound parameter: typed (preferred), or a plain JS value the engine types by itself. */
export type BindValue = TypedValue | null | boolean | number | bigint | string | Uint8Array;

/** An output file to write: where, and in which format (src/run's output formats). */
export interface OutputFile {
  /** The file; with `partitionBy`, the directory of the Hive-partitioned dataset. */
  readonly absPath: string;
  readonly format: OutputFormat;
  /** Parquet key-value metadata written into every file (ignored by csv and json). */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Positions of the columns that partition the output (`<col>=<value>/` directories, Hive style); absent: one file. */
  readonly partitionBy?: readonly number[];
}

/**
 * The content digest of a multiset of rows, computed by DuckDB (`duckdb/output-sql.ts`): the row
 * count and the exact sum of every row's 64-bit hash() of its canonical values, as decimal text.
 * `contentHash(schema, digest)` turns it into an output's content_hash.
 */
export interface RowsDigest {
  readonly rows: number;
  readonly hashSum: string;
}

/** Outputs the engine writes and digests itself, rows never passing through JS (DuckDB). */
export interface EngineOutputs {
  /** Writes the rows of `sql`, in its order, to `file` (COPY … TO). */
  copy(sql: string, params: readonly BindValue[], schema: Schema, file: OutputFile, view?: string): Promise<void>;
  /** The digest of table `table` (a view's table), read with the storage types of `schema`. */
  digest(table: string, schema: Schema): Promise<RowsDigest>;
}

/** Receives streamed rows a chunk at a time; returning `false` stops the stream. */
export type RowChunkSink = (rows: CanonicalValue[][]) => boolean | void;

export interface Backend {
  readonly kind: BackendKind;
  /** Engine version, e.g. '1.5.5' (DuckDB) or '3.50.4' (SQLite). */
  readonly version: string;
  readonly caps: BackendCaps;
  readonly settings: BackendSettings;
  /** Names of the engine shims registered at open, sorted. */
  readonly functions: readonly string[];
  /**
   * Where relc's tables are when it runs inside a host's engine (attachBackend): DuckDB, the
   * schema it created; SQLite, `temp`. Absent on relc's own engines.
   */
  readonly namespace?: string;
  /** The settings and shims relc set up at open (recorded in the run envelope). */
  readonly setup: EngineSetup;
  /** The engine extensions loaded now, name → version (recorded in the run envelope; SQLite: none). */
  extensions(): Promise<Readonly<Record<string, string>>>;

  /**
   * Loads an input file as table `decl.name` with exactly the declared schema. Throws
   * INPUT_NOT_FOUND (no such file) or INPUT_SCHEMA_MISMATCH (missing/extra column, a value
   * that does not parse as its type, a NULL in a non-nullable column). Returns the row count.
   */
  loadInput(decl: InputDecl, absPath: string): Promise<number>;
  /**
   * Reads the host's table `table` (`name` or `schema.name`) as input `decl.name`, cast to the
   * declared types: INPUT_SCHEMA_MISMATCH for a missing column or a NULL in a non-nullable one.
   * Returns the row count.
   */
  loadTable(decl: InputDecl, table: string): Promise<number>;
  /** Runs a statement; `view` names the view it belongs to in errors. */
  exec(sql: string, params?: readonly BindValue[], view?: string): Promise<void>;
  /**
   * Writes and digests outputs in the engine itself; absent when the engine cannot (SQLite:
   * its rows stream through `streamRows` into the DuckDB output writer instead).
   */
  readonly outputs?: EngineOutputs;
  /**
   * Streams a query's rows in chunks of canonical rows (a few thousand at a time, never the whole
   * result), in the query's order, until the end or until `sink` returns false. Returns the
   * number of rows handed to `sink`.
   */
  streamRows(sql: string, params: readonly BindValue[], schema: Schema, sink: RowChunkSink, view?: string): Promise<number>;
  /** Runs a query and returns its rows as canonical values of `schema` (positionally). */
  query(sql: string, params: readonly BindValue[], schema: Schema, view?: string): Promise<CanonicalValue[][]>;
  /**
   * A query's rows pulled as the caller iterates (`for await`), a chunk of canonical rows at a
   * time (the engine's chunks, a few thousand rows: never the whole result in JS). Leaving the
   * loop early ends the query. On SQLite the database is busy until the loop ends.
   */
  rowChunks(sql: string, params: readonly BindValue[], schema: Schema, view?: string): AsyncIterableIterator<CanonicalValue[][]>;
  /**
   * The same, as Apache Arrow record batches of `arrowSchema(schema)` (src/backends/arrow),
   * built a column at a time from the engine's chunks, never from row objects.
   */
  arrowBatches(sql: string, params: readonly BindValue[], schema: Schema, view?: string): AsyncIterableIterator<RecordBatch>;
  /** Runs a query and returns its rows as one Arrow table (its batches are the engine's chunks). */
  queryArrow(sql: string, params: readonly BindValue[], schema: Schema, view?: string): Promise<Table>;
  /**
   * Creates table `name` from a query and returns its row count. The columns keep the names
   * the query gives them (the lowering makes them unique; later views read them by those
   * names). With `schema`, each column gets that field's storage type and the query's columns
   * are inserted positionally, so a view's table never depends on what type the engine
   * inferred; a column count differing from the schema's is INTERNAL.
   */
  materialize(name: string, sql: string, params: readonly BindValue[], schema?: Schema): Promise<number>;
  /**
   * `materialize`, also returning the engine's profile of the statement as text: DuckDB's
   * EXPLAIN ANALYZE of the INSERT (actual rows and times; the table is filled by that very
   * statement); engines without `caps.analyze` give their plan.
   */
  materializeProfiled(name: string, sql: string, params: readonly BindValue[], schema: Schema): Promise<{ rows: number; profile: string }>;
  /** Drops table `name` (a view's or an input's) if it exists. */
  dropTable(name: string): Promise<void>;
  /** The names of a query's result columns, in order (planned, not run). */
  columnNames(sql: string, params: readonly BindValue[], view?: string): Promise<string[]>;
  /** The engine's plan for a query, as text. */
  explain(sql: string, params: readonly BindValue[], view?: string): Promise<string>;
  close(): Promise<void>;
}
