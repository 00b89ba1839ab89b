// The DuckDB backend (@duckdb/node-api): native types, parallel execution, its own file readers.

import { DuckDBConnection, DuckDBInstance, version as duckdbVersion, type DuckDBDataChunk, type DuckDBType, type DuckDBValue } from '../duckdb-api.ts';
import type { RecordBatch, Table } from 'apache-arrow';
import { internal, isRelcError, RelcError, type InputDecl, type Schema } from '../../ir/index.ts';
import { engineMessage, executionFailed, firstLine } from '../engine-error.ts';
import { TypedValue, type Backend, type BackendCaps, type BackendOptions, type BindValue, type EngineOutputs, type EngineSetup, type RowChunkSink } from '../types.ts';
import { normalizeColumns, type CanonicalValue } from '../values.ts';
import { DUCKDB_MACROS, DUCKDB_SETTINGS, duckdbShimDefinitions } from './functions.ts';
import { duckdbTypeName, quoteDuckIdent as q } from '../input-files/duckdb-names.ts';
import { loadInputIntoDuckDB } from '../input-files/load.ts';
import { checkHostColumns, hostTableParts, nullInNotNull } from '../host-tables.ts';
import { duckdbType, toDuckDBValue } from './types.ts';
import { DUCKDB_CAPS } from './caps.ts';
import { copySql, digestSql, duckdbStringLiteral } from './output-sql.ts';

export { DUCKDB_CAPS };

/** Splits bind values into node-api values and types (typed values bind with their exact type). */
export function duckdbParams(params: readonly BindValue[]): { values: DuckDBValue[]; types: (DuckDBType | undefined)[] } {
  const values: DuckDBValue[] = [];
  const types: (DuckDBType | undefined)[] = [];
  for (const p of params) {
    if (p instanceof TypedValue) {
      values.push(toDuckDBValue(p.type, p.value));
      types.push(duckdbType(p.type));
    } else {
      values.push(p instanceof Uint8Array ? toDuckDBValue({ kind: 'binary' }, p) : p);
      types.push(undefined);
    }
  }
  return { values, types };
}

class DuckDBBackend implements Backend {
  readonly kind = 'duckdb' as const;
  readonly caps = DUCKDB_CAPS;

  constructor(
    /** Absent only on a host's own connection (no further connections are opened then). */
    private readonly instance: DuckDBInstance | undefined,
    private readonly conn: DuckDBConnection,
    readonly version: string,
    readonly settings: { threads: number; memoryLimit: string | null },
    readonly setup: EngineSetup,
    /** Inside a host's engine: what close() undoes instead of closing the engine. */
    private readonly host?: HostAttachment,
  ) {}

  get namespace(): string | undefined {
    return this.host?.schema;
  }

  get functions(): readonly string[] {
    return Object.keys(this.setup.shims).sort();
  }

  async extensions(): Promise<Readonly<Record<string, string>>> {
    const rows = (await this.conn.runAndReadAll('SELECT extension_name, extension_version FROM duckdb_extensions() WHERE loaded ORDER BY extension_name')).getRows();
    return Object.fromEntries(rows.map((r) => [String(r[0]), String(r[1] ?? '')]));
  }

  private async run(sql: string, params: readonly BindValue[], view: string | undefined) {
    const { values, types } = duckdbParams(params);
    try {
      return await this.conn.runAndReadAll(sql, values, types as DuckDBType[]);
    } catch (e) {
      throw executionFailed('duckdb', e, { view, sql });
    }
  }

  async loadInput(decl: InputDecl, absPath: string): Promise<number> {
    try {
      return await loadInputIntoDuckDB(this.conn, decl, absPath);
    } catch (e) {
      throw executionFailed('duckdb', e, { action: `loading input ${decl.name}` });
    }
  }

  async loadTable(decl: InputDecl, table: string): Promise<number> {
    const [schema, name] = hostTableParts(decl, table);
    const source = `${q(schema)}.${q(name)}`;
    const columns = (await this.run(`DESCRIBE SELECT * FROM ${source}`, [], undefined)).getRows().map((r) => String(r[0]));
    checkHostColumns(decl, table, columns);
    const select = decl.schema.map((f) => `CAST(${q(f.name)} AS ${duckdbTypeName(f.type)}) AS ${q(f.name)}`).join(', ');
    await this.run(`CREATE TABLE ${q(decl.name)} AS SELECT ${select} FROM ${source}`, [], undefined);
    for (const f of decl.schema.filter((x) => !x.nullable)) {
      const nulls = Number((await this.run(`SELECT count(*) FROM ${q(decl.name)} WHERE ${q(f.name)} IS NULL`, [], undefined)).getRows()[0]![0]);
      if (nulls > 0) {
        await this.dropTable(decl.name);
        throw nullInNotNull(decl, table, f.name, nulls);
      }
    }
    return this.count(decl.name);
  }

  async exec(sql: string, params: readonly BindValue[] = [], view?: string): Promise<void> {
    await this.run(sql, params, view);
  }

  /** COPY … TO and the digest over the view's table: no row reaches JS. */
  readonly outputs: EngineOutputs = {
    copy: async (sql, params, schema, file, view) => {
      const { values, types } = duckdbParams([...params, file.absPath]);
      // A partitioned COPY on several threads interleaves rows within each partition's file:
      // written on one thread, the files keep the output order and are byte-identical at any
      // thread count. The engine's setting is put back whatever happens.
      const threads = file.partitionBy ? String((await this.conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]![0]) : undefined;
      try {
        if (threads !== undefined) await this.conn.run('SET threads = 1');
        await this.conn.run(copySql(sql, schema, file, params.length + 1), values, types as DuckDBType[]);
      } catch (e) {
        // The query reads a materialized view's table: what fails here is the file (disk full, permissions).
        throw new RelcError('OUTPUT_WRITE_FAILED', `cannot write ${file.absPath}: ${firstLine(engineMessage(e))}`, { details: { path: file.absPath, engine_message: engineMessage(e), ...(view === undefined ? {} : { view }) }, cause: e });
      } finally {
        if (threads !== undefined) await this.conn.run(`SET threads = ${Number(threads)}`);
      }
    },
    digest: async (table, schema) => {
      const row = (await this.run(digestSql(q(table), schema), [], table)).getRows()[0]!;
      return { rows: Number(row[0]), hashSum: String(row[1]) };
    },
  };

  async streamRows(sql: string, params: readonly BindValue[], schema: Schema, sink: RowChunkSink, view?: string): Promise<number> {
    if (this.host && !this.host.ownConnection) {
      // On the host's own connection there is no second one to stream on: one read, one chunk.
      const rows = await this.query(sql, params, schema, view);
      if (rows.length > 0) sink(rows);
      return rows.length;
    }
    // A connection of its own: a statement on a connection whose streaming result is still open
    // never completes in @duckdb/node-api, and a stopped stream is abandoned open.
    const conn = await this.instance!.connect();
    if (this.host) await conn.run(this.host.searchPath); // relc's schema first on its search path too
    let rows = 0;
    try {
      const { values, types } = duckdbParams(params);
      const result = await conn.stream(sql, values, types as DuckDBType[]);
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const part = normalizeColumns(schema, chunk.getColumns());
        rows += part.length;
        if (sink(part) === false) break;
      }
      return rows;
    } catch (e) {
      throw isRelcError(e) ? e : executionFailed('duckdb', e, { view, sql });
    } finally {
      conn.closeSync();
    }
  }

  /**
   * The result's chunks, pulled: on a connection of its own (streamed, see streamRows); on a
   * host's own connection, read whole by the engine first (no second connection to stream on).
   */
  private async *chunks(sql: string, params: readonly BindValue[], view: string | undefined): AsyncGenerator<DuckDBDataChunk> {
    const { values, types } = duckdbParams(params);
    const shared = this.host !== undefined && !this.host.ownConnection;
    let conn: DuckDBConnection | undefined;
    try {
      if (!shared) {
        conn = await this.instance!.connect();
        if (this.host) await conn.run(this.host.searchPath);
      }
      const result = shared ? await this.conn.run(sql, values, types as DuckDBType[]) : await conn!.stream(sql, values, types as DuckDBType[]);
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) yield chunk;
    } catch (e) {
      throw isRelcError(e) ? e : executionFailed('duckdb', e, { view, sql });
    } finally {
      conn?.closeSync();
    }
  }

  async *rowChunks(sql: string, params: readonly BindValue[], schema: Schema, view?: string): AsyncGenerator<CanonicalValue[][]> {
    for await (const chunk of this.chunks(sql, params, view)) yield normalizeColumns(schema, chunk.getColumns());
  }

  async *arrowBatches(sql: string, params: readonly BindValue[], schema: Schema, view?: string): AsyncGenerator<RecordBatch> {
    const [{ chunkBatch }, { arrowSchema }] = await Promise.all([import('./arrow-chunk.ts'), import('../arrow/schema.ts')]);
    const arrow = arrowSchema(schema);
    for await (const chunk of this.chunks(sql, params, view)) yield chunkBatch(schema, arrow, chunk);
  }

  async queryArrow(sql: string, params: readonly BindValue[], schema: Schema, view?: string): Promise<Table> {
    return (await import('../arrow/table.ts')).tableOf(schema, this.arrowBatches(sql, params, schema, view));
  }

  async query(sql: string, params: readonly BindValue[], schema: Schema, view?: string): Promise<CanonicalValue[][]> {
    const reader = await this.run(sql, params, view);
    try {
      const columns = reader.getColumns();
      // An empty result has no chunks, so no columns either: its width is the reader's.
      if (columns.length === 0 && reader.columnCount === schema.length) return [];
      return normalizeColumns(schema, columns);
    } catch (e) {
      throw executionFailed('duckdb', e, { view, sql });
    }
  }

  async materialize(name: string, sql: string, params: readonly BindValue[], schema?: Schema): Promise<number> {
    if (!schema) await this.run(`CREATE TABLE ${q(name)} AS ${sql}`, params, name);
    else {
      await this.createTable(name, sql, params, schema);
      await this.run(`INSERT INTO ${q(name)} ${sql}`, params, name);
    }
    return this.count(name);
  }

  async materializeProfiled(name: string, sql: string, params: readonly BindValue[], schema: Schema): Promise<{ rows: number; profile: string }> {
    await this.createTable(name, sql, params, schema);
    const r = await this.run(`EXPLAIN ANALYZE INSERT INTO ${q(name)} ${sql}`, params, name);
    return { rows: await this.count(name), profile: r.getRows().map((row) => String(row[1]).trimEnd()).join('\n') };
  }

  /** An empty table named as the query names its columns, typed as the schema says. */
  private async createTable(name: string, sql: string, params: readonly BindValue[], schema: Schema): Promise<void> {
    const names = await this.columnNames(sql, params, name);
    if (names.length !== schema.length) throw internal(`view ${name}: the SQL has ${names.length} columns, the view's schema ${schema.length}`, { view: name, sql });
    const columns = names.map((n, i) => `${q(n)} ${duckdbTypeName(schema[i]!.type)}`).join(', ');
    await this.run(`CREATE TABLE ${q(name)} (${columns})`, [], name);
  }

  private async count(name: string): Promise<number> {
    const r = await this.run(`SELECT count(*) FROM ${q(name)}`, [], name);
    return Number(r.getRows()[0]![0]);
  }

  async dropTable(name: string): Promise<void> {
    await this.run(`DROP TABLE IF EXISTS ${q(name)}`, [], name);
  }

  async columnNames(sql: string, params: readonly BindValue[], view?: string): Promise<string[]> {
    // DESCRIBE with the parameters bound: a prepared statement whose parameter types are still
    // unknown does not report its result columns.
    const r = await this.run(`DESCRIBE ${sql}`, params, view);
    return r.getRows().map((row) => String(row[0]));
  }

  async explain(sql: string, params: readonly BindValue[], view?: string): Promise<string> {
    const r = await this.run(`EXPLAIN ${sql}`, params, view);
    return r.getRows().map((row) => String(row[1]).trimEnd()).join('\n');
  }

  async close(): Promise<void> {
    if (!this.host) {
      this.conn.closeSync();
      this.instance?.closeSync();
      return;
    }
    // A host's engine: drop relc's schema (its tables and macros) and put back what relc set.
    try {
      if (!this.host.keep) await this.conn.run(`DROP SCHEMA IF EXISTS ${q(this.host.schema)} CASCADE`);
      for (const statement of this.host.restore) await this.conn.run(statement);
    } finally {
      if (this.host.ownConnection) this.conn.closeSync();
    }
  }
}

interface HostAttachment {
  readonly schema: string;
  readonly keep: boolean;
  /** The statement that puts relc's schema first on a connection's search path. */
  readonly searchPath: string;
  /** Statements that put the host's settings back (search_path, the settings relc applied). */
  readonly restore: readonly string[];
  /** relc opened this connection on the host's instance (else it is the host's own). */
  readonly ownConnection: boolean;
}

export interface DuckDBAttachOptions {
  /** The schema relc creates for its tables and macros; it must not exist yet. */
  readonly schema: string;
  /** Leave the schema (the views as tables) in the host's database after close(). */
  readonly keep?: boolean;
}

/**
 * relc inside a host's DuckDB (an instance, on a connection of relc's own, or a connection the
 * host shares): inputs, views and macros live in `opts.schema`, created here, first on that
 * connection's search path (then main, so host tables read by name); close() drops the schema
 * (unless `keep`) and restores the search path and the engine settings relc changed (DuckDB's
 * settings are global: the host's other connections see them while relc is attached).
 */
export async function attachDuckDB(host: DuckDBInstance | DuckDBConnection, opts: DuckDBAttachOptions): Promise<Backend> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(opts.schema)) throw new RelcError('USAGE_ERROR', `schema name ${JSON.stringify(opts.schema)} is not a plain identifier`, { details: { schema: opts.schema } });
  const ownConnection = host instanceof DuckDBInstance;
  let conn: DuckDBConnection;
  try {
    conn = host instanceof DuckDBInstance ? await host.connect() : host;
  } catch (e) {
    throw executionFailed('duckdb', e, { action: 'connecting to the host database' });
  }
  const restore: string[] = [];
  try {
    const exists = (await conn.runAndReadAll('SELECT count(*) FROM information_schema.schemata WHERE schema_name = $1', [opts.schema])).getRows()[0]![0];
    if (Number(exists) > 0) throw new RelcError('USAGE_ERROR', `schema ${opts.schema} already exists in the host database; relc creates its own schema and drops it on close`, { details: { schema: opts.schema } });
    const before = (await conn.runAndReadAll("SELECT current_setting('search_path'), current_setting('TimeZone'), current_setting('disabled_optimizers')")).getRows()[0]!;
    await conn.run(`CREATE SCHEMA ${q(opts.schema)}`);
    restore.push(`SET search_path = ${duckdbStringLiteral(String(before[0] ?? ''))}`, `SET TimeZone = ${duckdbStringLiteral(String(before[1] ?? 'UTC'))}`, `SET disabled_optimizers = ${duckdbStringLiteral(String(before[2] ?? ''))}`);
    const searchPath = `SET search_path = ${duckdbStringLiteral(`${q(opts.schema)},main`)}`;
    const applied = [searchPath, "SET TimeZone = 'UTC'", ...DUCKDB_SETTINGS];
    for (const s of applied) await conn.run(s);
    for (const m of DUCKDB_MACROS) await conn.run(m);
    const s = (await conn.runAndReadAll("SELECT current_setting('threads'), current_setting('memory_limit')")).getRows()[0]!;
    const settings = { threads: Number(s[0]), memoryLimit: String(s[1]) };
    const shims = duckdbShimDefinitions();
    return new DuckDBBackend(host instanceof DuckDBInstance ? host : undefined, conn, duckdbVersion().replace(/^v/, ''), settings, { applied, shims }, { schema: opts.schema, keep: opts.keep ?? false, searchPath, restore, ownConnection });
  } catch (e) {
    try {
      if (restore.length > 0) await conn.run(`DROP SCHEMA IF EXISTS ${q(opts.schema)} CASCADE`);
      for (const statement of restore) await conn.run(statement);
    } finally {
      if (ownConnection) conn.closeSync();
    }
    if (e instanceof RelcError) throw e;
    throw executionFailed('duckdb', e, { action: 'attaching to the host database' });
  }
}

export async function openDuckDB(opts: BackendOptions = {}): Promise<Backend> {
  const config: Record<string, string> = {};
  if (opts.threads !== undefined) config['threads'] = String(opts.threads);
  if (opts.memoryLimit !== undefined) config['memory_limit'] = opts.memoryLimit;
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  try {
    instance = await DuckDBInstance.create(opts.path ?? ':memory:', config);
    conn = await instance.connect();
  } catch (e) {
    throw executionFailed('duckdb', e, { action: 'opening the database' });
  }
  try {
    // TIMESTAMP WITH TIME ZONE values (e.g. in parquet inputs) read the same on every machine;
    // then the SQL lowering's engine shims (./functions.ts, owned by src/lower/sql's author):
    // settings first, they correct engine behaviour the lowered SQL relies on (see functions.ts).
    const applied = ["SET TimeZone = 'UTC'", ...DUCKDB_SETTINGS];
    for (const s of applied) await conn.run(s);
    for (const m of DUCKDB_MACROS) await conn.run(m);
    const s = (await conn.runAndReadAll("SELECT current_setting('threads'), current_setting('memory_limit')")).getRows()[0]!;
    const settings = { threads: Number(s[0]), memoryLimit: String(s[1]) };
    const shims = duckdbShimDefinitions();
    return new DuckDBBackend(instance, conn, duckdbVersion().replace(/^v/, ''), settings, { applied, shims });
  } catch (e) {
    conn.closeSync();
    instance.closeSync();
    throw executionFailed('duckdb', e, { action: 'opening the database' });
  }
}
