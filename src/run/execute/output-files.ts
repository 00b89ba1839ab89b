// Writes an output's canonical rows in its declared format: Parquet (exact schema, through
// DuckDB), CSV (RFC 4180 with a header) or JSON (JSON Lines: one object per row).

import { closeSync, openSync, writeSync } from 'node:fs';
import { assertNever, RelcError, type DataType, type OutputFormat, type Schema } from '../../ir/index.ts';
import { jsonText, type CanonicalRow, type CanonicalValue, type ParquetWriter } from '../../backends/index.ts';

/** File extension per format. `json` files hold JSON Lines (newline-delimited objects). */
export const OUTPUT_EXTENSIONS: Record<OutputFormat, string> = { parquet: 'parquet', csv: 'csv', json: 'json' };

function csvQuote(text: string): string {
  // Quoted when it holds a delimiter, quote or line break, is empty (so that "" is the empty
  // string and an empty field is NULL) or has edge spaces a reader might trim.
  return /[",\r\n]|^\s|\s$|^$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * CSV text of a canonical value. NULL is an empty unquoted field; binary is `\xHH` per byte
 * (what DuckDB's BLOB cast reads back); lists, structs and intervals are their JSON text.
 */
export function csvCell(type: DataType, v: CanonicalValue): string {
  if (v === null) return '';
  switch (type.kind) {
    case 'utf8':
      return csvQuote(v as string);
    case 'bool':
      return v ? 'true' : 'false';
    case 'int32':
    case 'int64':
    case 'float64':
      return String(v); // NaN, Infinity and -Infinity by name; doubles in shortest round-trip form
    case 'decimal':
    case 'date':
    case 'timestamp':
      return v as string;
    case 'binary': {
      let s = '';
      for (const b of v as Uint8Array) s += `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
      return s === '' ? '""' : s; // an empty blob, not NULL
    }
    case 'interval':
    case 'list':
    case 'struct':
    case 'null':
      return csvQuote(jsonText(type, v));
    default:
      return assertNever(type, 'type');
  }
}

/** Buffered sequential writes to one file. */
class FileSink {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.parts.length > 0) writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

function writeCsv(absPath: string, schema: Schema, rows: readonly CanonicalRow[]): void {
  const sink = new FileSink(absPath);
  try {
    sink.write(`${schema.map((f) => csvQuote(f.name)).join(',')}\n`);
    for (const row of rows) sink.write(`${row.map((v, i) => csvCell(schema[i]!.type, v)).join(',')}\n`);
  } finally {
    sink.close();
  }
}

function writeJsonLines(absPath: string, schema: Schema, rows: readonly CanonicalRow[]): void {
  const keys = schema.map((f) => `${JSON.stringify(f.name)}:`);
  const sink = new FileSink(absPath);
  try {
    for (const row of rows) sink.write(`{${row.map((v, i) => keys[i] + jsonText(schema[i]!.type, v)).join(',')}}\n`);
  } finally {
    sink.close();
  }
}

/** Writes rows (already in output order) to `absPath`. I/O failures are OUTPUT_WRITE_FAILED. */
export async function writeOutputFile(parquet: ParquetWriter, absPath: string, format: OutputFormat, schema: Schema, rows: readonly CanonicalRow[]): Promise<void> {
  try {
    switch (format) {
      case 'parquet':
        return await parquet.write(absPath, schema, rows);
      case 'csv':
        return writeCsv(absPath, schema, rows);
      case 'json':
        return writeJsonLines(absPath, schema, rows);
      default:
        return assertNever(format, 'output format');
    }
  } catch (e) {
    if (e instanceof RelcError) throw e;
    throw new RelcError('OUTPUT_WRITE_FAILED', `cannot write ${absPath}: ${e instanceof Error ? e.message : String(e)}`, { details: { path: absPath }, cause: e });
  }
}
