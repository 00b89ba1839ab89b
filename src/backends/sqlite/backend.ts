// The SQLite backend (better-sqlite3, safe integers): single-threaded, storage per CONTRACTS.md,
// deterministic JS shims registered at open, input files parsed by an in-memory DuckDB.

import Database from 'better-sqlite3';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { internal, type InputDecl, type Schema } from '../../ir/index.ts';
import { quoteDuckIdent } from '../input-files/duckdb-names.ts';
import { loadInputIntoDuckDB } from '../input-files/load.ts';
import { executionFailed } from '../engine-error.ts';
import { TypedValue, type Backend, type BackendCaps, type BackendOptions, type BindValue, type EngineSetup } from '../types.ts';
import { normalizeColumns, normalizeRow, type CanonicalValue } from '../values.ts';
import { registerSqliteFunctions, sqliteShimDefinitions } from './functions.ts';
import { usesNumberedPlaceholders } from './placeholders.ts';
import { quoteSqliteIdent as q, sqliteTypeName, toSqliteValue, type SqliteValue } from './types.ts';
import { SQLITE_CAPS } from './caps.ts';

export { SQLITE_CAPS };


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

  constructor(
    private readonly db: Database.Database,
    readonly version: string,
    readonly setup: EngineSetup,
  ) {}

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
      this.db.exec(`CREATE TABLE ${q(decl.name)} (${columns})`);
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

  async query(sql: string, params: readonly BindValue[], schema: Schema, view?: string): Promise<CanonicalValue[][]> {
    return this.guard(sql, view, () => {
      const rows = this.db.prepare(sql).raw(true).all(...sqliteParams(sql, params)) as unknown[][];
      return rows.map((row) => normalizeRow(schema, row));
    });
  }

  async materialize(name: string, sql: string, params: readonly BindValue[], schema?: Schema): Promise<number> {
    return this.guard(sql, name, () => {
      if (!schema) {
        this.db.prepare(`CREATE TABLE ${q(name)} AS ${sql}`).run(...sqliteParams(sql, params));
        return Number(this.db.prepare(`SELECT count(*) FROM ${q(name)}`).pluck().get());
      }
      const names = this.db.prepare(sql).columns().map((c) => c.name);
      if (names.length !== schema.length) throw internal(`view ${name}: the SQL has ${names.length} columns, the view's schema ${schema.length}`, { view: name, sql });
      this.db.exec(`CREATE TABLE ${q(name)} (${names.map((n, i) => `${q(n)} ${sqliteTypeName(schema[i]!.type)}`).join(', ')})`);
      return this.db.prepare(`INSERT INTO ${q(name)} ${sql}`).run(...sqliteParams(sql, params)).changes;
    });
  }

  /** SQLite has no executed-plan profile: the query plan, then the statement. */
  async materializeProfiled(name: string, sql: string, params: readonly BindValue[], schema: Schema): Promise<{ rows: number; profile: string }> {
    const profile = await this.explain(sql, params, name);
    return { rows: await this.materialize(name, sql, params, schema), profile };
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
    this.db.close();
    if (this.reader) {
      this.reader.conn.closeSync();
      this.reader.instance.closeSync();
      this.reader = undefined;
    }
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
