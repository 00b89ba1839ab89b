// Loads a declared input file (csv with header, parquet, json / jsonl) into a DuckDB table with
// EXACTLY the declared schema, and explains every way a file can disagree with its declaration.
// Both backends load through here (SQLite copies the table out of an in-memory DuckDB), so both
// see identically parsed values.

import { statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { RelcError, typeToString, type DataType, type Field, type InputDecl } from '../../ir/index.ts';
import { engineMessage, firstLine } from '../engine-error.ts';
import { readCsvHeader } from './csv-header.ts';
import { duckdbTypeName, quoteDuckIdent as q } from './duckdb-names.ts';

/** A string literal in DuckDB SQL (for column names and type names inside reader options). */
function lit(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

interface Source {
  /** Column names the file has, in file order. */
  readonly names: readonly string[];
  /** DuckDB type of each column where the file itself is typed (parquet), else undefined. */
  readonly types?: ReadonlyMap<string, string>;
}

function mismatch(decl: InputDecl, absPath: string, message: string, details: Record<string, unknown> = {}): RelcError {
  return new RelcError('INPUT_SCHEMA_MISMATCH', `input ${decl.name} (${decl.path}): ${message}`, {
    details: { input: decl.name, path: absPath, ...details },
  });
}

function checkFile(decl: InputDecl, absPath: string): void {
  let isFile = false;
  try {
    isFile = statSync(absPath).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) {
    throw new RelcError('INPUT_NOT_FOUND', `input ${decl.name}: no file at ${absPath}`, { details: { input: decl.name, path: absPath } });
  }
}

async function describe(conn: DuckDBConnection, select: string, params: unknown[]): Promise<Source> {
  const r = await conn.runAndReadAll(`DESCRIBE ${select}`, params as never);
  const rows = r.getRows();
  return { names: rows.map((row) => String(row[0])), types: new Map(rows.map((row) => [String(row[0]), String(row[1])])) };
}

const jsonFormat = (decl: InputDecl) => (decl.format === 'jsonl' ? 'newline_delimited' : 'auto');

async function sourceColumns(conn: DuckDBConnection, decl: InputDecl, absPath: string): Promise<Source> {
  switch (decl.format) {
    case 'csv':
      return { names: readCsvHeader(absPath) };
    case 'parquet':
      return describe(conn, 'SELECT * FROM read_parquet($1)', [absPath]);
    case 'json':
    case 'jsonl': {
      // Every key of every record (sample_size=-1), nested values left as JSON.
      const s = await describe(conn, `SELECT * FROM read_json($1, format=${lit(jsonFormat(decl))}, sample_size=-1, maximum_depth=1)`, [absPath]);
      return { names: s.names };
    }
  }
}

/** DuckDB types a parquet column may have for each declared type (the cast is then exact or checked). */
const INTEGERS = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT'];
const PARQUET_SOURCES: Record<DataType['kind'], (source: string) => boolean> = {
  bool: (s) => s === 'BOOLEAN',
  int32: (s) => INTEGERS.includes(s),
  int64: (s) => INTEGERS.includes(s),
  float64: (s) => INTEGERS.includes(s) || s === 'FLOAT' || s === 'DOUBLE' || s.startsWith('DECIMAL'),
  decimal: (s) => INTEGERS.includes(s) || s.startsWith('DECIMAL'),
  utf8: (s) => s === 'VARCHAR',
  binary: (s) => s === 'BLOB',
  date: (s) => s === 'DATE',
  timestamp: (s) => s === 'DATE' || s.startsWith('TIMESTAMP'), // TIMESTAMP WITH TIME ZONE reads as UTC (the session time zone)
  interval: (s) => s === 'INTERVAL',
  list: (s) => s.endsWith('[]'),
  struct: (s) => s.startsWith('STRUCT'),
  null: () => true,
};

function compatibleParquet(t: DataType, source: string): boolean {
  if (t.kind === 'list' && source.endsWith('[]')) return compatibleParquet(t.element, source.slice(0, -2));
  return PARQUET_SOURCES[t.kind](source);
}

function checkColumns(decl: InputDecl, absPath: string, source: Source): void {
  const declared = decl.schema.map((f) => f.name);
  const seen = new Set<string>();
  for (const n of source.names) {
    if (seen.has(n)) throw mismatch(decl, absPath, `column ${n} appears twice in the file`, { column: n });
    seen.add(n);
  }
  const missing = declared.filter((n) => !seen.has(n));
  const extra = source.names.filter((n) => !declared.includes(n));
  if (missing.length > 0) {
    const near = source.names.find((n) => n.toLowerCase() === missing[0]!.toLowerCase());
    throw mismatch(decl, absPath, `declared column ${missing[0]} is missing from the file (file columns: ${source.names.join(', ')})${near ? `; did you mean ${near}?` : ''}`, { column: missing[0], missing, extra, file_columns: source.names });
  }
  if (extra.length > 0) {
    throw mismatch(decl, absPath, `the file has column ${extra[0]}, which is not declared (declared: ${declared.join(', ')})`, { column: extra[0], missing, extra, file_columns: source.names });
  }
  for (const f of decl.schema) {
    const st = source.types?.get(f.name);
    if (st !== undefined && !compatibleParquet(f.type, st)) {
      throw mismatch(decl, absPath, `column ${f.name} has type ${st} in the file, declared ${typeToString(f.type)}`, { column: f.name, file_type: st, declared: typeToString(f.type) });
    }
  }
}

/** How each declared column is read as text (CSV, JSON) or natively (parquet), for diagnosis. */
function rawSelect(decl: InputDecl, columns: readonly string[]): string {
  const cols = decl.schema.map((f) => q(f.name)).join(', ');
  const asText = (names: readonly string[]) => `{${names.map((n) => `${lit(n)}: 'VARCHAR'`).join(', ')}}`;
  switch (decl.format) {
    case 'csv':
      return `SELECT ${cols} FROM read_csv($1, ${CSV_OPTIONS}, columns=${asText(columns)})`;
    case 'json':
    case 'jsonl':
      return `SELECT ${cols} FROM read_json($1, format=${lit(jsonFormat(decl))}, columns=${asText(decl.schema.map((f) => f.name))})`;
    case 'parquet':
      return `SELECT ${cols} FROM read_parquet($1)`;
  }
}

// Fixed CSV dialect (RFC 4180): no sniffing, so that a file reads the same way on every run;
// an empty unquoted field is NULL and a quoted empty field ("") is the empty string.
const CSV_OPTIONS = `header=true, auto_detect=false, delim=',', quote='"', escape='"', allow_quoted_nulls=false`;

/** Binary in JSON is hex text (what relc's JSON Lines outputs write). */
const jsonReadType = (f: Field) => (f.type.kind === 'binary' ? 'VARCHAR' : duckdbTypeName(f.type));
const jsonValue = (f: Field) => (f.type.kind === 'binary' ? `from_hex(${q(f.name)}) AS ${q(f.name)}` : q(f.name));

function typedSelect(decl: InputDecl, source: Source): string {
  const byName = new Map(decl.schema.map((f) => [f.name, f]));
  switch (decl.format) {
    case 'csv': {
      const columns = source.names.map((n) => `${lit(n)}: ${lit(duckdbTypeName(byName.get(n)!.type))}`).join(', ');
      return `SELECT ${decl.schema.map((f) => q(f.name)).join(', ')} FROM read_csv($1, ${CSV_OPTIONS}, columns={${columns}})`;
    }
    case 'json':
    case 'jsonl': {
      const columns = decl.schema.map((f) => `${lit(f.name)}: ${lit(jsonReadType(f))}`).join(', ');
      return `SELECT ${decl.schema.map(jsonValue).join(', ')} FROM read_json($1, format=${lit(jsonFormat(decl))}, columns={${columns}})`;
    }
    case 'parquet':
      return `SELECT ${decl.schema.map((f) => `CAST(${q(f.name)} AS ${duckdbTypeName(f.type)}) AS ${q(f.name)}`).join(', ')} FROM read_parquet($1)`;
  }
}

/** After a failed typed read: the first column, row and value that do not parse as declared. */
async function diagnose(conn: DuckDBConnection, decl: InputDecl, absPath: string, source: Source, cause: unknown): Promise<RelcError> {
  const raw = rawSelect(decl, source.names);
  try {
    for (const f of decl.schema) {
      const c = q(f.name);
      const parses = decl.format.startsWith('json') && f.type.kind === 'binary' ? `TRY(from_hex(${c})) IS NOT NULL` : `TRY_CAST(${c} AS ${duckdbTypeName(f.type)}) IS NOT NULL`;
      const r = await conn.runAndReadAll(
        `SELECT CAST(${c} AS VARCHAR), n FROM (SELECT ${c}, row_number() OVER () AS n FROM (${raw})) WHERE ${c} IS NOT NULL AND NOT (${parses}) ORDER BY n LIMIT 1`,
        [absPath],
      );
      const hit = r.getRows()[0];
      if (hit) {
        const value = String(hit[0]);
        const row = Number(hit[1]);
        return mismatch(decl, absPath, `column ${f.name}, row ${row}: ${JSON.stringify(value)} is not a valid ${typeToString(f.type)}`, {
          column: f.name, row, value, declared: typeToString(f.type), engine_message: engineMessage(cause),
        });
      }
    }
  } catch {
    // The file does not even read as text: fall through to the engine's own words.
  }
  return mismatch(decl, absPath, `cannot be read as ${decl.format}: ${firstLine(engineMessage(cause))}`, { engine_message: engineMessage(cause) });
}

async function checkNonNullable(conn: DuckDBConnection, decl: InputDecl, absPath: string, table: string): Promise<void> {
  const required = decl.schema.filter((f) => !f.nullable);
  if (required.length === 0) return;
  const probes = required.map((f) => `count(*) FILTER (WHERE ${q(f.name)} IS NULL), min(rowid) FILTER (WHERE ${q(f.name)} IS NULL)`);
  const row = (await conn.runAndReadAll(`SELECT ${probes.join(', ')} FROM ${q(table)}`)).getRows()[0]!;
  required.forEach((f, i) => {
    const nulls = Number(row[2 * i]);
    if (nulls > 0) {
      const first = Number(row[2 * i + 1]) + 1;
      throw mismatch(decl, absPath, `column ${f.name} is declared non-nullable but has ${nulls} NULL value${nulls === 1 ? '' : 's'} (first at row ${first}); declare it as ${typeToString(f.type)}? to allow them`, {
        column: f.name, row: first, nulls,
      });
    }
  });
}

/**
 * Loads `decl` from `absPath` into table `table` of `conn` and returns its row count. The
 * table has exactly the declared columns, in declared order, with the declared DuckDB types.
 */
export async function loadInputIntoDuckDB(conn: DuckDBConnection, decl: InputDecl, absPath: string, table: string = decl.name): Promise<number> {
  checkFile(decl, absPath);
  if (decl.format === 'jsonl' && statSync(absPath).size === 0) {
    // An empty JSON Lines file has no records, hence no columns to check: the declared table, empty.
    await conn.run(`CREATE TABLE ${q(table)} (${decl.schema.map((f) => `${q(f.name)} ${duckdbTypeName(f.type)}`).join(', ')})`);
    return 0;
  }
  let source: Source;
  try {
    source = await sourceColumns(conn, decl, absPath);
  } catch (e) {
    if (e instanceof RelcError) throw e;
    throw mismatch(decl, absPath, `cannot be read as ${decl.format}: ${firstLine(engineMessage(e))}`, { engine_message: engineMessage(e) });
  }
  checkColumns(decl, absPath, source);
  try {
    await conn.run(`CREATE TABLE ${q(table)} AS ${typedSelect(decl, source)}`, [absPath]);
  } catch (e) {
    throw await diagnose(conn, decl, absPath, source, e);
  }
  try {
    await checkNonNullable(conn, decl, absPath, table);
  } catch (e) {
    await conn.run(`DROP TABLE IF EXISTS ${q(table)}`);
    throw e;
  }
  const n = (await conn.runAndReadAll(`SELECT count(*) FROM ${q(table)}`)).getRows()[0]![0];
  return Number(n);
}
