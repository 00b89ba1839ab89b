// The SQLite backend (better-sqlite3, safe integers): single-threaded, storage per CONTRACTS.md,
// deterministic JS shims registered at open, input files parsed by an in-memory DuckDB.

import Database from 'better-sqlite3';
import { DuckDBInstance, type DuckDBConnection } from '../duckdb-api.ts';
import { internal, type InputDecl, type Schema } from '../../ir/index.ts';
import { quoteDuckIdent } from '../input-files/duckdb-names.ts';
import { loadInputIntoDuckDB } from '../input-files/load.ts';
import { executionFailed } from '../engine-error.ts';
import { TypedValue, type Backend, type BackendCaps, type BackendOptions, type BindValue, type EngineSetup, type RowChunkSink } from '../types.ts';
import { normalizeColumns, normalizeRow, type CanonicalValue } from '../values.ts';
import type { RecordBatch, Table } from 'apache-arrow';
import { registerSqliteFunctions, sqliteShimDefinitions } from './functions.ts';
import { usesNumberedPlaceholders } from './placeholders.ts';
import { quoteSqliteIdent as q, sqliteTypeName, toSqliteValue, type SqliteValue } from './types.ts';
import { checkHostColumns, hostTableParts, nullInNotNull } from '../host-tables.ts';
import { SQLITE_CAPS } from './caps.ts';

export { SQLITE_CAPS };

/** Rows per chunk of `streamRows`: DuckDB's vector size, what the output writer appends at once. */
const STREAM_CHUNK_ROWS = 2048;


function sqliteValue(p: BindValue): SqliteValue {
  if (p instanceof TypedValue) return toSqliteValue(p.type, p.value);
  if (typeof p === 'boolean') return p ? 1 : 0;
  if (p instanceof Uint8Array) return Buffer.from(p);
  return p;
}

/**
 * Bind arguments as better-sqlite3 takes them: for `?1`, `?2`… an object keyed by the number;
 * for anonymous `?` the values in order (src/lower/sql lists a name once per occurrence).
 */
function sqliteParams(sql: string, params: readonly BindValue[]): unknown[] {
  if (params.length === 0) return [];
  if (!usesNumberedPlaceholders(sql)) return params.map(sqliteValue);
  return [Object.fromEntries(params.map((p, i) => [i + 1, sqliteValue(p)]))];
}

class SqliteBackend implements Backend {
  readonly kind = 'sqlite' as const;
  readonly caps = SQLITE_CAPS;
  readonly settings = { threads: 1, memoryLimit: null };
  /** Parses input files; created on the first input, closed with the backend. */
  private reader: { instance: DuckDBInstance; conn: DuckDBConnection } | undefined;

  /** Tables relc created on a host's connection (TEMP tables), dropped on close. */
  private readonly created = new Set<string>();

  constructor(
    private readonly db: Database.Database,
    readonly version: string,
    readonly setup: EngineSetup,
    /** A host's database: relc's tables are TEMP tables on it, dropped on close; the database stays open. */
    private readonly hosted = false,
  ) {}

  /** `CREATE TABLE` here, `CREATE TEMP TABLE` on a host's database. */
  private createTable(name: string): string {
    if (this.hosted) this.created.add(name);
    return `CREATE ${this.hosted ? 'TEMP ' : ''}TABLE ${q(name)}`;
  }

  /** A statement reading 64-bit integers as BigInt (the host's own default is left alone). */
  private prepare(sql: string): Database.Statement {
    return this.db.prepare(sql).safeIntegers(true);
  }

  get namespace(): string | undefined {
    return this.hosted ? 'temp' : undefined;
  }

  get functions(): readonly string[] {
    return Object.keys(this.setup.shims).sort();
  }

  async extensions(): Promise<Readonly<Record<string, string>>> {
    return {};
  }

  private guard<R>(sql: string, view: string | undefined, f: () => R): R {
    try {
      return f();
    } catch (e) {
      throw executionFailed('sqlite', e, { view, sql });
    }
  }

  private async readerInstance(): Promise<DuckDBInstance> {
    if (!this.reader) {
      const instance = await DuckDBInstance.create(':memory:');
      const conn = await instance.connect();
      await conn.run("SET TimeZone = 'UTC'");
      this.reader = { instance, conn };
    }
    return this.reader.instance;
  }

  async loadInput(decl: InputDecl, absPath: string): Promise<number> {
    const instance = await this.readerInstance();
    const reader = this.reader!.conn;
    const staging = `relc_input_${decl.name}`;
    // The copy streams on a connection of its own: a statement on a connection whose streaming
    // result is still open never completes in @duckdb/node-api, so the cleanup below must not
    // share it with an abandoned stream.
    let streaming: DuckDBConnection | undefined;
    let created = false;
    try {
      await loadInputIntoDuckDB(reader, decl, absPath, staging);
      const columns = decl.schema.map((f) => `${q(f.name)} ${sqliteTypeName(f.type)}`).join(', ');
      this.db.exec(`${this.createTable(decl.name)} (${columns})`);
      created = true;
      const insert = this.db.prepare(`INSERT INTO ${q(decl.name)} VALUES (${decl.schema.map(() => '?').join(', ')})`);
      streaming = await instance.connect();
      const result = await streaming.stream(`SELECT * FROM ${quoteDuckIdent(staging)}`);
      let rows = 0;
      this.db.exec('BEGIN');
      try {
        for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
          // Column-major reads are much faster than row-major ones in @duckdb/node-api.
          for (const row of normalizeColumns(decl.schema, chunk.getColumns())) {
            insert.run(row.map((v, i) => toSqliteValue(decl.schema[i]!.type, v)));
            rows++;
          }
        }
        this.db.exec('COMMIT');
      } catch (e) {
        this.db.exec('ROLLBACK');
        throw e;
      }
      return rows;
    } catch (e) {
      if (created) this.db.exec(`DROP TABLE IF EXISTS ${q(decl.name)}`);
      throw executionFailed('sqlite', e, { action: `loading input ${decl.name}` });
    } finally {
      streaming?.closeSync();
      await reader.run(`DROP TABLE IF EXISTS ${quoteDuckIdent(staging)}`);
    }
  }

  async exec(sql: string, params: readonly BindValue[] = [], view?: string): Promise<void> {
    this.guard(sql, view, () => {
      if (params.length === 0) return void this.db.exec(sql);
      const stmt = this.db.prepare(sql);
      if (stmt.reader) stmt.all(...sqliteParams(sql, params));
      else stmt.run(...sqliteParams(sql, params));
    });
  }

  async streamRows(sql: string, params: readonly BindValue[], schema: Schema, sink: RowChunkSink, view?: string): Promise<number> {
    return this.guard(sql, view, () => {
      const it = this.prepare(sql).raw(true).iterate(...sqliteParams(sql, params)) as IterableIterator<unknown[]>;
      let rows = 0;
      let chunk: CanonicalValue[][] = [];
      for (const row of it) {
        chunk.push(normalizeRow(schema, row));
        if (chunk.length === STREAM_CHUNK_ROWS) {
          rows += chunk.length;
          const go = sink(chunk);
          chunk = [];
          if (go === false) {
            it.return?.();
            return rows;
          }
        }
      }
      if (chunk.length > 0) {
        rows += chunk.length;
        sink(chunk);
      }
      return rows;
    });
  }

  /**
   * better-sqlite3's raw rows, STREAM_CHUNK_ROWS at a time, as the caller pulls them (the
   * statement stays open, the database busy, until the loop ends or leaves).
   */
  private *rawChunks(sql: string, params: readonly BindValue[], view: string | undefined): Generator<unknown[][]> {
    const it = this.guard(sql, view, () => this.prepare(sql).raw(true).iterate(...sqliteParams(sql, params)) as IterableIterator<unknown[]>);
    try {
      for (;;) {
        const chunk: unknown[][] = [];
        this.guard(sql, view, () => {
          for (let r = it.next(); !r.done; r = it.next()) if (chunk.push(r.value) === STREAM_CHUNK_ROWS) break;
        });
        if (chunk.length === 0) return;
        yield chunk;
        if (chunk.length < STREAM_CHUNK_ROWS) return;
      }
    } finally {
      it.return?.();
    }
  }

  async *rowChunks(sql: string, params: readonly BindValue[], schema: Schema, view?: string): AsyncGenerator<CanonicalValue[][]> {
    for (const chunk of this.rawChunks(sql, params, view)) yield this.guard(sql, view, () => chunk.map((row) => normalizeRow(schema, row)));
  }

  async *arrowBatches(sql: string, params: readonly BindValue[], schema: Schema, view?: string): AsyncGenerator<RecordBatch> {
    const [{ batchOf }, { arrowSchema }, { sqliteColumn }] = await Promise.all([import('../arrow/columns.ts'), import('../arrow/schema.ts'), import('./arrow-columns.ts')]);
    const arrow = arrowSchema(schema);
    for (const chunk of this.rawChunks(sql, params, view)) {
      // A column at a time: the raw values of column c into one Arrow column.
      const columns = this.guard(sql, view, () => schema.map((f, c) => sqliteColumn(f.type, f.name, chunk, c, arrow.fields[c]!.type)));
      yield batchOf(arrow, chunk.length, columns);
    }
  }

  async queryArrow(sql: string, params: readonly BindValue[], schema: Schema, view?: string): Promise<Table> {
    return (await import('../arrow/table.ts')).tableOf(schema, this.arrowBatches(sql, params, schema, view));
  }

  async loadTable(decl: InputDecl, table: string): Promise<number> {
    const [schema, name] = hostTableParts(decl, table);
    const source = `${q(schema)}.${q(name)}`;
    return this.guard(`SELECT * FROM ${source}`, undefined, () => {
      checkHostColumns(decl, table, this.db.prepare(`SELECT * FROM ${source}`).columns().map((c) => c.name));
      const columns = decl.schema.map((f) => `${q(f.name)} ${sqliteTypeName(f.type)}`).join(', ');
      this.db.exec(`${this.createTable(decl.name)} (${columns})`);
      // The host's values are taken in relc's SQLite storage forms (CONTRACTS.md).
      const rows = this.db.prepare(`INSERT INTO ${q(decl.name)} SELECT ${decl.schema.map((f) => `CAST(${q(f.name)} AS ${sqliteTypeName(f.type)})`).join(', ')} FROM ${source}`).run().changes;
      for (const f of decl.schema.filter((x) => !x.nullable)) {
        const nulls = Number(this.db.prepare(`SELECT count(*) FROM ${q(decl.name)} WHERE ${q(f.name)} IS NULL`).pluck().get());
        if (nulls > 0) {
          this.db.exec(`DROP TABLE IF EXISTS ${q(decl.name)}`);
          throw nullInNotNull(decl, table, f.name, nulls);
        }
      }
      return rows;
    });
  }

  async query(sql: string, params: readonly BindValue[], schema: Schema, view?: string): Promise<CanonicalValue[][]> {
    return this.guard(sql, view, () => {
      const rows = this.prepare(sql).raw(true).all(...sqliteParams(sql, params)) as unknown[][];
      return rows.map((row) => normalizeRow(schema, row));
    });
  }

  async materialize(name: string, sql: string, params: readonly BindValue[], schema?: Schema): Promise<number> {
    return this.guard(sql, name, () => {
      if (!schema) {
        this.db.prepare(`${this.createTable(name)} AS ${sql}`).run(...sqliteParams(sql, params));
        return Number(this.db.prepare(`SELECT count(*) FROM ${q(name)}`).pluck().get());
      }
      const names = this.db.prepare(sql).columns().map((c) => c.name);
      if (names.length !== schema.length) throw internal(`view ${name}: the SQL has ${names.length} columns, the view's schema ${schema.length}`, { view: name, sql });
      this.db.exec(`${this.createTable(name)} (${names.map((n, i) => `${q(n)} ${sqliteTypeName(schema[i]!.type)}`).join(', ')})`);
      return this.db.prepare(`INSERT INTO ${q(name)} ${sql}`).run(...sqliteParams(sql, params)).changes;
    });
  }

  /** SQLite has no executed-plan profile: the query plan, then the statement. */
  async materializeProfiled(name: string, sql: string, params: readonly BindValue[], schema: Schema): Promise<{ rows: number; profile: string }> {
    const profile = await this.explain(sql, params, name);
    return { rows: await this.materialize(name, sql, params, schema), profile };
  }

  async dropTable(name: string): Promise<void> {
    this.guard(`DROP TABLE IF EXISTS ${q(name)}`, name, () => void this.db.exec(`DROP TABLE IF EXISTS ${q(name)}`));
  }

  async columnNames(sql: string, _params: readonly BindValue[], view?: string): Promise<string[]> {
    return this.guard(sql, view, () => this.db.prepare(sql).columns().map((c) => c.name));
  }

  /** EXPLAIN QUERY PLAN rows (id, parent, detail) drawn as an indented tree. */
  async explain(sql: string, params: readonly BindValue[], view?: string): Promise<string> {
    return this.guard(sql, view, () => {
      const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...sqliteParams(sql, params)) as { id: bigint; parent: bigint; detail: string }[];
      const depth = new Map<bigint, number>([[0n, -1]]);
      return rows
        .map((r) => {
          const d = (depth.get(r.parent) ?? -1) + 1;
          depth.set(r.id, d);
          return `${'  '.repeat(d)}${r.detail}`;
        })
        .join('\n');
    });
  }

  async close(): Promise<void> {
    if (this.hosted) for (const name of this.created) this.db.exec(`DROP TABLE IF EXISTS temp.${q(name)}`);
    else this.db.close();
    if (this.reader) {
      this.reader.conn.closeSync();
      this.reader.instance.closeSync();
      this.reader = undefined;
    }
  }
}

/**
 * relc on a host's better-sqlite3 database: its inputs and views are TEMP tables (shadowing
 * the host's tables of the same name on this connection while attached; the host reads them as
 * `temp.<view>`), dropped on close, which leaves the database open. relc's SQL functions
 * (relc_*) are registered on the connection and stay (better-sqlite3 cannot unregister them).
 */
export async function attachSqlite(db: Database.Database): Promise<Backend> {
  try {
    registerSqliteFunctions(db);
    const version = String(db.prepare('SELECT sqlite_version()').pluck().get());
    return new SqliteBackend(db, version, { applied: ['better-sqlite3 safeIntegers(true) per statement'], shims: sqliteShimDefinitions() }, true);
  } catch (e) {
    throw executionFailed('sqlite', e, { action: 'attaching to the host database' });
  }
}

export async function openSqlite(opts: BackendOptions = {}): Promise<Backend> {
  let db: Database.Database;
  try {
    db = new Database(opts.path ?? ':memory:');
  } catch (e) {
    throw executionFailed('sqlite', e, { action: 'opening the database' });
  }
  try {
    db.defaultSafeIntegers(true);
    registerSqliteFunctions(db);
    const version = String(db.prepare('SELECT sqlite_version()').pluck().get());
    // 64-bit integers come back as BigInt, never rounded through a double.
    return new SqliteBackend(db, version, { applied: ['better-sqlite3 defaultSafeIntegers(true)'], shims: sqliteShimDefinitions() });
  } catch (e) {
    db.close();
    throw executionFailed('sqlite', e, { action: 'opening the database' });
  }
}
