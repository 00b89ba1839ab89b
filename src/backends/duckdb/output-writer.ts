// Writes and digests rows that do not live in a DuckDB of relc's (SQLite's streamed outputs, the
// diagnostics datasets, a caller's canonical rows): appended in chunks to a staging table of a
// private single-threaded in-memory DuckDB, then written and digested by the same SQL
// (./output-sql.ts) the DuckDB backend runs over its own tables.

import { DuckDBDataChunk, DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '../duckdb-api.ts';
import { isRelcError, RelcError, type OutputFormat, type Schema } from '../../ir/index.ts';
import { engineMessage, firstLine } from '../engine-error.ts';
import type { OutputFile, RowsDigest } from '../types.ts';
import type { CanonicalRow } from '../values.ts';
import { duckdbTypeName, quoteDuckIdent as q } from '../input-files/duckdb-names.ts';
import { copySql, digestSql } from './output-sql.ts';
import { duckdbType, toDuckDBValue } from './types.ts';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Rows per appended chunk: DuckDB's standard vector size. */
const CHUNK_ROWS = 2048;

/** Rows appended in chunks as they come, then written and digested once. */
export interface RowStage {
  append(rows: readonly CanonicalRow[]): void;
  /** Writes the staged rows in the order appended (when `file` is given) and digests them; the stage is gone after. */
  finish(file?: OutputFile): Promise<RowsDigest>;
  discard(): Promise<void>;
}

export interface OutputWriter {
  /** Writes `rows` in the given order to `absPath` (overwriting it) as `format` (default Parquet). */
  write(absPath: string, schema: Schema, rows: readonly CanonicalRow[], format?: OutputFormat): Promise<void>;
  /** The content digest of `rows` (order does not matter), as the engines compute it. */
  digest(schema: Schema, rows: readonly CanonicalRow[]): Promise<RowsDigest>;
  stage(schema: Schema): Promise<RowStage>;
  /** The number of row groups of a Parquet file, from its footer (for scan diagnostics); null when it is not readable as Parquet. */
  parquetRowGroups(absPath: string): Promise<number | null>;
  close(): void;
}

/** The writer under its former name: what writes diagnostics datasets as Parquet. */
export type ParquetWriter = OutputWriter;

function writeFailed(absPath: string | undefined, e: unknown): RelcError {
  const where = absPath === undefined ? 'digest rows' : `write ${absPath}`;
  return new RelcError('OUTPUT_WRITE_FAILED', `cannot ${where}: ${firstLine(engineMessage(e))}`, { details: { ...(absPath === undefined ? {} : { path: absPath }), engine_message: engineMessage(e) }, cause: e });
}

class Stage implements RowStage {
  private done = false;

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly table: string,
    private readonly schema: Schema,
    private readonly appender: DuckDBAppender,
  ) {}

  append(rows: readonly CanonicalRow[]): void {
    // Files are UTF-8: a lone surrogate (a JS shim's result on SQLite) has no encoding, and
    // DuckDB would replace it, merging distinct values. Refused rather than changed.
    this.schema.forEach((f, j) => {
      if (f.type.kind !== 'utf8') return;
      const bad = rows.find((row) => typeof row[j] === 'string' && LONE_SURROGATE.test(row[j] as string));
      if (bad) throw new RelcError('OUTPUT_WRITE_FAILED', `column ${f.name} holds text that is not well-formed Unicode (a lone surrogate): ${JSON.stringify(bad[j])}`, { details: { column: f.name, value: JSON.stringify(bad[j]) } });
    });
    // Whole data chunks: about eight times faster than appending value by value.
    const types = this.schema.map((f) => duckdbType(f.type));
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const slice = rows.slice(start, start + CHUNK_ROWS);
      const chunk = DuckDBDataChunk.create(types, slice.length);
      chunk.setColumns(this.schema.map((f, j) => slice.map((row) => toDuckDBValue(f.type, row[j]!))));
      this.appender.appendDataChunk(chunk);
    }
  }

  async finish(file?: OutputFile): Promise<RowsDigest> {
    try {
      this.appender.closeSync();
      this.done = true;
      if (file) await this.conn.run(copySql(`SELECT * FROM ${q(this.table)}`, this.schema, file, 1), [file.absPath]);
      const row = (await this.conn.runAndReadAll(digestSql(q(this.table), this.schema))).getRows()[0]!;
      return { rows: Number(row[0]), hashSum: String(row[1]) };
    } catch (e) {
      if (isRelcError(e)) throw e;
      throw writeFailed(file?.absPath, e);
    } finally {
      await this.conn.run(`DROP TABLE IF EXISTS ${q(this.table)}`);
    }
  }

  async discard(): Promise<void> {
    if (!this.done) this.appender.closeSync();
    this.done = true;
    await this.conn.run(`DROP TABLE IF EXISTS ${q(this.table)}`);
  }
}

export async function openOutputWriter(): Promise<OutputWriter> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn: DuckDBConnection = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  let counter = 0;
  const stage = async (schema: Schema): Promise<RowStage> => {
    const table = `relc_out_${counter++}`;
    const columns = schema.map((f, i) => `${q(`c${i}`)} ${duckdbTypeName(f.type)}`).join(', ');
    await conn.run(`CREATE TABLE ${q(table)} (${columns})`);
    return new Stage(conn, table, schema, await conn.createAppender(table));
  };
  return {
    async write(absPath, schema, rows, format = 'parquet') {
      const s = await stage(schema);
      try {
        s.append(rows);
      } catch (e) {
        await s.discard();
        throw isRelcError(e) ? e : writeFailed(absPath, e);
      }
      await s.finish({ absPath, format });
    },
    async digest(schema, rows) {
      const s = await stage(schema);
      try {
        s.append(rows);
      } catch (e) {
        await s.discard();
        throw isRelcError(e) ? e : writeFailed(undefined, e);
      }
      return s.finish();
    },
    stage,
    async parquetRowGroups(absPath) {
      try {
        const row = (await conn.runAndReadAll('SELECT num_row_groups FROM parquet_file_metadata($1)', [absPath])).getRows()[0];
        return row === undefined ? null : Number(row[0]);
      } catch {
        return null; // a diagnostic only: the load itself reports an unreadable file
      }
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** One-shot convenience over `openOutputWriter`. */
export async function writeParquet(absPath: string, schema: Schema, rows: readonly CanonicalRow[]): Promise<void> {
  const w = await openOutputWriter();
  try {
    await w.write(absPath, schema, rows);
  } finally {
    w.close();
  }
}

/** One-shot convenience: the digest of canonical rows. */
export async function digestRows(schema: Schema, rows: readonly CanonicalRow[]): Promise<RowsDigest> {
  const w = await openOutputWriter();
  try {
    return await w.digest(schema, rows);
  } finally {
    w.close();
  }
}
