// Writes canonical rows to a Parquet file with exactly a given schema, through a private
// single-threaded in-memory DuckDB (so the file does not depend on which engine computed the rows).

import { DuckDBDataChunk, DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { isRelcError, RelcError, type Schema } from '../../ir/index.ts';
import { engineMessage, firstLine } from '../engine-error.ts';
import type { CanonicalRow } from '../values.ts';
import { duckdbTypeName, quoteDuckIdent as q } from '../input-files/duckdb-names.ts';
import { duckdbType, toDuckDBValue } from './types.ts';

/** Rows per appended chunk: DuckDB's standard vector size. */
const CHUNK_ROWS = 2048;

export interface ParquetWriter {
  /** Writes `rows` in the given order to `absPath` (overwriting it). */
  write(absPath: string, schema: Schema, rows: readonly CanonicalRow[]): Promise<void>;
  close(): void;
}

export async function openParquetWriter(): Promise<ParquetWriter> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn: DuckDBConnection = await instance.connect();
  let counter = 0;
  return {
    async write(absPath, schema, rows) {
      const table = `relc_out_${counter++}`;
      try {
        const columns = schema.map((f) => `${q(f.name)} ${duckdbTypeName(f.type)}`).join(', ');
        await conn.run(`CREATE TABLE ${q(table)} (${columns})`);
        // Whole data chunks: about eight times faster than appending value by value.
        const appender = await conn.createAppender(table);
        const types = schema.map((f) => duckdbType(f.type));
        for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
          const slice = rows.slice(start, start + CHUNK_ROWS);
          const chunk = DuckDBDataChunk.create(types, slice.length);
          chunk.setColumns(schema.map((f, j) => slice.map((row) => toDuckDBValue(f.type, row[j]!))));
          appender.appendDataChunk(chunk);
        }
        appender.closeSync();
        await conn.run(`COPY ${q(table)} TO $1 (FORMAT parquet, COMPRESSION snappy)`, [absPath]);
      } catch (e) {
        if (isRelcError(e)) throw e;
        throw new RelcError('OUTPUT_WRITE_FAILED', `cannot write ${absPath}: ${firstLine(engineMessage(e))}`, { details: { path: absPath, engine_message: engineMessage(e) }, cause: e });
      } finally {
        await conn.run(`DROP TABLE IF EXISTS ${q(table)}`);
      }
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** One-shot convenience over `openParquetWriter`. */
export async function writeParquet(absPath: string, schema: Schema, rows: readonly CanonicalRow[]): Promise<void> {
  const w = await openParquetWriter();
  try {
    await w.write(absPath, schema, rows);
  } finally {
    w.close();
  }
}
