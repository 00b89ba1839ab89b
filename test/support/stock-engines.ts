// Stock engines: a fresh DuckDB instance or better-sqlite3 connection per query, with none of
// relc's session set-up — the emitted text alone (with its prelude) must run there. The tables
// are copies of what relc's own backends loaded: Parquet files for DuckDB, a database file for
// SQLite. SQLite text that names relc's functions in its header gets exactly the library's
// registerSqliteFunctions(db); any other text runs on a bare connection.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Schema } from '../../src/ir/index.ts';
import type { Backend } from '../../src/backends/index.ts';
import type { CanonicalValue } from '../../src/backends/values.ts';
import { normalizeColumns, normalizeRow } from '../../src/backends/values.ts';
import { quoteIdent, registerSqliteFunctions } from '../../src/index.ts';
import { shimsCalled } from '../../src/run/compose/standalone.ts';

/** The statements of a standalone text (prelude, then the query), comments dropped. */
export function statementsOf(text: string): string[] {
  return text.split(/;\n(?=\S|$)/).map((s) => s.replace(/^(--[^\n]*\n)+/, '').trim()).filter((s) => s !== '');
}

export interface StockEngines {
  /** Runs a standalone DuckDB text on a fresh instance; rows decoded by `schema`. */
  duckdb(text: string, schema: Schema): Promise<CanonicalValue[][]>;
  /** Runs a standalone SQLite text on a fresh connection; rows decoded by `schema`. */
  sqlite(text: string, schema: Schema): CanonicalValue[][];
}

/** Copies `tables` out of relc's loaded backends into `dir` for stock engines to read. */
export async function stockEngines(dir: string, tables: readonly string[], loaded: { duckdb: Backend; sqlite: Backend }): Promise<StockEngines> {
  const q = (name: string) => quoteIdent(name, 'duckdb');
  const sqliteFile = join(dir, 'stock.sqlite');
  for (const t of tables) await loaded.duckdb.exec(`COPY ${q(t)} TO '${join(dir, `${t}.parquet`)}' (FORMAT parquet)`);
  await loaded.sqlite.exec(`VACUUM INTO '${sqliteFile}'`);
  return {
    async duckdb(text, schema) {
      const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
      const c = await instance.connect();
      try {
        for (const t of tables) await c.run(`CREATE VIEW ${q(t)} AS SELECT * FROM read_parquet('${join(dir, `${t}.parquet`)}')`);
        const statements = statementsOf(text);
        for (const s of statements.slice(0, -1)) await c.run(s);
        const reader = await c.runAndReadAll(statements.at(-1)!);
        const columns = reader.getColumns();
        return columns.length === 0 ? [] : normalizeColumns(schema, columns);
      } finally {
        c.closeSync();
        instance.closeSync();
      }
    },
    sqlite(text, schema) {
      const db = new Database(sqliteFile, { readonly: true });
      try {
        db.defaultSafeIntegers(true);
        if (shimsCalled(text).length > 0) registerSqliteFunctions(db);
        const statements = statementsOf(text);
        for (const s of statements.slice(0, -1)) db.exec(s);
        const rows = db.prepare(statements.at(-1)!).raw(true).all() as unknown[][];
        return rows.map((r) => normalizeRow(schema, r));
      } finally {
        db.close();
      }
    },
  };
}
