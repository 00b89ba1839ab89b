// A private, read-only DuckDB over a few Parquet files (`relc diag`): each file becomes a table,
// then the session is sealed (no file access, configuration locked) and runs one user query,
// whose rows come back as JSON-compatible values with their column names and types.

import { DuckDBInstance, type DuckDBConnection } from '../duckdb-api.ts';
import { RelcError } from '../../ir/errors.ts';
import { engineMessage, firstLine } from '../engine-error.ts';
import { quoteDuckIdent as q } from '../input-files/duckdb-names.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export interface QueryRows {
  readonly columns: readonly string[];
  /** DuckDB's type name of each column (`BIGINT`, `VARCHAR[]`, …). */
  readonly types: readonly string[];
  /** Integers as JSON numbers when exact (else as decimal text); decimals, dates and times as text. */
  readonly rows: readonly (readonly JsonValue[])[];
}

export interface ParquetQuery {
  /** Loads `absPath` as table `name` (before `seal`). */
  load(name: string, absPath: string): Promise<void>;
  /** No more file access, no setting changes: the user's SQL sees only the loaded tables. */
  seal(): Promise<void>;
  query(sql: string): Promise<QueryRows>;
  close(): void;
}

const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT']);

function exactInteger(v: JsonValue): JsonValue {
  if (typeof v !== 'string') return v;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

export async function openParquetQuery(): Promise<ParquetQuery> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn: DuckDBConnection = await instance.connect();
  return {
    async load(name, absPath) {
      try {
        await conn.run(`CREATE TABLE ${q(name)} AS SELECT * FROM read_parquet($1)`, [absPath]);
      } catch (e) {
        throw new RelcError('INPUT_SCHEMA_MISMATCH', `cannot read ${absPath} as Parquet: ${firstLine(engineMessage(e))}`, { details: { path: absPath, table: name, engine_message: engineMessage(e) } });
      }
    },
    async seal() {
      await conn.run("SET TimeZone = 'UTC'");
      await conn.run('SET enable_external_access = false');
      await conn.run('SET lock_configuration = true');
    },
    async query(sql) {
      let reader;
      try {
        reader = await conn.runAndReadAll(sql);
      } catch (e) {
        throw new RelcError('EXECUTION_FAILED', `diagnostics query: duckdb failed: ${firstLine(engineMessage(e))}`, { details: { engine: 'duckdb', engine_message: engineMessage(e), sql } });
      }
      const columns = reader.deduplicatedColumnNames();
      const types = reader.columnTypes().map((t) => t.toString());
      const integer = types.map((t) => INTEGER_TYPES.has(t));
      const rows = reader.getRowsJson().map((row) => row.map((v, i) => (integer[i] ? exactInteger(v as JsonValue) : (v as JsonValue))));
      return { columns, types, rows };
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
