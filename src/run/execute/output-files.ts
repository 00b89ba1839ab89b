// Output files: their extensions, and canonical rows a caller holds written in an output format
// (through the DuckDB output writer, the same SQL as `relc run`'s outputs; src/backends/duckdb/output-sql.ts).

import { RelcError, type OutputFormat, type Schema } from '../../ir/index.ts';
import type { CanonicalRow, OutputWriter } from '../../backends/index.ts';

/** File extension per format. `json` files hold JSON Lines (newline-delimited objects). */
export const OUTPUT_EXTENSIONS: Record<OutputFormat, string> = { parquet: 'parquet', csv: 'csv', json: 'json' };

/** Writes rows (already in output order) to `absPath`. I/O failures are OUTPUT_WRITE_FAILED. */
export async function writeOutputFile(writer: OutputWriter, absPath: string, format: OutputFormat, schema: Schema, rows: readonly CanonicalRow[]): Promise<void> {
  try {
    await writer.write(absPath, schema, rows, format);
  } catch (e) {
    if (e instanceof RelcError) throw e;
    throw new RelcError('OUTPUT_WRITE_FAILED', `cannot write ${absPath}: ${e instanceof Error ? e.message : String(e)}`, { details: { path: absPath }, cause: e });
  }
}
