// The DuckDB backend (@duckdb/node-api): native types, parallel execution, its own file readers.

import { DuckDBConnection, DuckDBInstance, version as duckdbVersion, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { internal, type InputDecl, type Schema } from '../../ir/index.ts';
import { executionFailed } from '../engine-error.ts';
import { TypedValue, type Backend, type BackendCaps, type BackendOptions, type BindValue, type EngineSetup } from '../types.ts';
import { normalizeColumns, type CanonicalValue } from '../values.ts';
import { DUCKDB_MACROS, DUCKDB_SETTINGS } from './functions.ts';
import { duckdbTypeName, quoteDuckIdent as q } from '../input-files/duckdb-names.ts';
import { loadInputIntoDuckDB } from '../input-files/load.ts';
import { duckdbType, toDuckDBValue } from './types.ts';
import { DUCKDB_CAPS } from './caps.ts';

export { DUCKDB_CAPS };


function macroName(statement: string): string {
  return /MACRO\s+(?:"((?:[^"]|"")+)"|([\w$]+))/i.exec(statement)?.slice(1).find((x) => x !== undefined) ?? statement;
}

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
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly version: string,
    readonly settings: { threads: number; memoryLimit: string | null },
    readonly setup: EngineSetup,
  ) {}

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

  async exec(sql: string, params: readonly BindValue[] = [], view?: string): Promise<void> {
    await this.run(sql, params, view);
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
    this.conn.closeSync();
    this.instance.closeSync();
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
    const shims = Object.fromEntries(DUCKDB_MACROS.map((m) => [macroName(m), m]));
    return new DuckDBBackend(instance, conn, duckdbVersion().replace(/^v/, ''), settings, { applied, shims });
  } catch (e) {
    conn.closeSync();
    instance.closeSync();
    throw executionFailed('duckdb', e, { action: 'opening the database' });
  }
}
