// Test helper for the SQL-lowering tests: real DuckDB, SQLite (with relc's shims) and a throwaway
// PostgreSQL cluster; tables loaded through the lowering itself; results as canonical rows plus
// the engine's own column types, so tests can assert values and type fidelity.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { typeToString, type DataType, type Dialect, type Literal, type LiteralValue, type Rel, type Schema } from '../src/ir/index.ts';
import { lowerRel, quoteIdent, sqlDialect, type LoweredSql } from '../src/lower/sql/index.ts';
import { SQLITE_AGGREGATES, SQLITE_FUNCTIONS } from '../src/backends/sqlite/functions.ts';
import { DUCKDB_MACROS, DUCKDB_SETTINGS } from '../src/backends/duckdb/functions.ts';
import { normalizeValue, type CanonicalValue } from '../src/backends/values.ts';

export interface Table {
  readonly name: string;
  readonly schema: Schema;
  readonly rows: readonly (readonly LiteralValue[])[];
}

export interface Result {
  readonly rows: CanonicalValue[][];
  /** The engine's own type of each output column (DuckDB/PostgreSQL type names, SQLite storage classes seen). */
  readonly types: readonly string[];
}

export type Params = Readonly<Record<string, { readonly type: DataType; readonly value: LiteralValue }>>;

export interface Engine {
  readonly dialect: Dialect;
  exec(sql: string): Promise<void>;
  run(lowered: LoweredSql, schema: Schema, params?: Params): Promise<Result>;
  close(): Promise<void>;
}

function bindValue(p: { type: DataType; value: LiteralValue }): unknown {
  if (p.value === null) return null;
  if (p.type.kind === 'int64') return BigInt(p.value as string);
  if (p.type.kind === 'bool') return p.value;
  return p.value;
}

function valuesRel(t: Table): Rel {
  return { kind: 'values', schema: t.schema, rows: t.rows.map((r) => r.map((value, i): Literal => ({ kind: 'lit', type: t.schema[i]!.type, value }))) };
}

/** CREATE TABLE with the dialect's type names, then INSERT … SELECT of the rows lowered as VALUES. */
export function loadStatements(t: Table, dialect: Dialect): string[] {
  const d = sqlDialect(dialect);
  const cols = t.schema.map((f) => `${quoteIdent(f.name, d)} ${typeSql(f.type, dialect)}`).join(', ');
  const stmts = [`CREATE TABLE ${quoteIdent(t.name, d)} (${cols})`];
  if (t.rows.length) stmts.push(`INSERT INTO ${quoteIdent(t.name, d)} ${lowerRel(valuesRel(t), d).sql}`);
  return stmts;
}

function typeSql(t: DataType, dialect: Dialect): string {
  if (t.kind === 'list') return dialect === 'sqlite' ? 'TEXT' : `${typeSql(t.element, dialect)}[]`; // SQLite holds lists as JSON text
  const names = sqlDialect(dialect).typeNames;
  return t.kind === 'decimal' ? names.decimal.replace('{p}', String(t.precision)).replace('{s}', String(t.scale)) : (names as unknown as Record<string, string>)[t.kind]!;
}

// ---- DuckDB ----

export async function openDuckDB(threads = 1): Promise<Engine> {
  const inst = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const conn: DuckDBConnection = await inst.connect();
  for (const s of [...DUCKDB_SETTINGS, ...DUCKDB_MACROS]) await conn.run(s);
  return {
    dialect: 'duckdb',
    exec: async (sql) => void (await conn.run(sql)),
    async run(lowered, schema, params = {}) {
      const values = lowered.params.map((n) => bindValue(params[n]!));
      const reader = await conn.runAndReadAll(lowered.sql, values as never);
      const rows = reader.getRows().map((r) => schema.map((f, i) => normalizeValue(f.type, r[i])));
      return { rows, types: reader.columnTypes().map((t) => t.toString()) };
    },
    close: async () => conn.closeSync(),
  };
}

// ---- SQLite ----

export function openSqliteDb(): Database.Database {
  const db = new Database(':memory:');
  db.defaultSafeIntegers(true);
  for (const f of SQLITE_FUNCTIONS) db.function(f.name, { deterministic: true, varargs: f.varargs ?? false, safeIntegers: true }, f.impl as (...a: unknown[]) => unknown);
  for (const a of SQLITE_AGGREGATES) db.aggregate(a.name, { deterministic: true, safeIntegers: true, start: a.start, step: a.step as (...x: unknown[]) => unknown, inverse: a.inverse as (...x: unknown[]) => unknown, result: a.result as (acc: unknown) => unknown });
  return db;
}

export async function openSQLite(): Promise<Engine> {
  const db = openSqliteDb();
  return {
    dialect: 'sqlite',
    exec: async (sql) => void db.exec(sql),
    async run(lowered, schema, params = {}) {
      const values = lowered.params.map((n) => {
        const v = bindValue(params[n]!);
        return typeof v === 'boolean' ? (v ? 1 : 0) : v;
      });
      const raw = db.prepare(lowered.sql).raw(true).all(...values) as unknown[][];
      const storage = schema.map((_, i) => [...new Set(raw.map((r) => (r[i] === null ? 'null' : typeof r[i])))].sort().join('|') || 'null');
      return { rows: raw.map((r) => schema.map((f, i) => normalizeValue(f.type, r[i]))), types: storage };
    },
    close: async () => void db.close(),
  };
}

// ---- PostgreSQL (a throwaway cluster on a Unix socket; psql for I/O) ----

let pgDir: string | undefined;

function asPostgresUser(cmd: string, args: string[]): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', cmd, ...args] : [cmd, ...args];
}

function sh(argv: string[], input?: string): { out: string; err: string; status: number } {
  const r = spawnSync(argv[0]!, argv.slice(1), { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { out: r.stdout, err: r.stderr, status: r.status ?? 1 };
}

export function startPostgres(): string {
  if (pgDir) return pgDir;
  const dir = mkdtempSync(join(tmpdir(), 'relc-lower-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  // C.UTF-8: byte-order collation (as DuckDB and SQLite compare text) with Unicode case mapping.
  const init = sh(asPostgresUser('initdb', ['-D', data, '-E', 'UTF8', '--locale=C.UTF-8', '-A', 'trust', '-U', 'postgres', '--no-sync']));
  if (init.status !== 0) throw new Error(`initdb failed (PostgreSQL is needed for these tests): ${init.err}`);
  const start = sh(asPostgresUser('pg_ctl', ['-D', data, '-o', `-k ${dir} -c listen_addresses='' -F`, '-l', join(dir, 'log'), '-w', 'start']));
  if (start.status !== 0) throw new Error(`pg_ctl start failed: ${start.err}`);
  pgDir = dir;
  process.on('exit', () => {
    sh(asPostgresUser('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']));
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Runs a psql script with `schema` first on the search path (each engine gets its own schema). */
function psql(schema: string, script: string): string {
  const dir = startPostgres();
  const r = sh(['psql', '-h', dir, '-U', 'postgres', '-d', 'postgres', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-f', '-'], `SET search_path TO ${schema};\n${script}`);
  if (r.status !== 0) throw new Error(`postgres: ${r.err.trim()}`);
  return r.out;
}

/** PostgreSQL literal for a test parameter value (test-only: the lowering itself never splices values). */
function pgLiteral(p: { type: DataType; value: LiteralValue }): string {
  if (p.value === null) return 'NULL';
  if (typeof p.value === 'string') return `'${p.value.replaceAll("'", "''")}'`;
  return String(p.value);
}

export function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        v += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          v += '"';
          i++;
        } else break;
      }
      row.push(v);
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\n') j++;
      row.push(j === i ? null : text.slice(i, j));
      i = j;
    }
    if (text[i] === ',') i++;
    else if (text[i] === '\n' || i >= text.length) {
      rows.push(row);
      row = [];
      i++;
    }
  }
  return rows;
}

/** ISO 8601 interval text (IntervalStyle iso_8601) → {months, days, micros}. */
function pgInterval(s: string): { months: number; days: number; micros: string } {
  const m = /^P(?:(-?\d+)Y)?(?:(-?\d+)M)?(?:(-?\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?[\d.]+)S)?)?$/.exec(s);
  if (!m) throw new Error(`unexpected interval ${s}`);
  const n = (x: string | undefined) => Number(x ?? 0);
  const [whole, frac = ''] = (m[6] ?? '0').split('.');
  const sign = (m[6] ?? '').startsWith('-') ? -1n : 1n;
  const secMicros = BigInt(whole!) * 1_000_000n + sign * BigInt(frac.padEnd(6, '0').slice(0, 6) || '0');
  const micros = BigInt(n(m[4])) * 3_600_000_000n + BigInt(n(m[5])) * 60_000_000n + secMicros;
  return { months: n(m[1]) * 12 + n(m[2]), days: n(m[3]), micros: micros.toString() };
}

export function pgValue(t: DataType, s: string | null): CanonicalValue {
  if (s === null) return null;
  switch (t.kind) {
    case 'bool':
      return normalizeValue(t, s === 't');
    case 'int32':
      return normalizeValue(t, Number(s));
    case 'int64':
      return normalizeValue(t, BigInt(s));
    case 'float64':
      return normalizeValue(t, s === 'NaN' ? NaN : s === 'Infinity' ? Infinity : s === '-Infinity' ? -Infinity : Number(s));
    case 'interval':
      return normalizeValue(t, JSON.stringify(pgInterval(s)));
    case 'binary':
      return normalizeValue(t, Buffer.from(s.slice(2), 'hex'));
    case 'list':
      return pgArrayElements(s).map((x) => pgValue(t.element, x));
    default:
      return normalizeValue(t, s);
  }
}

/**
 * The elements of PostgreSQL's text of a one-dimensional array (`{1,NULL,"a b","x\"y"}`): an
 * unquoted NULL is NULL; a double-quoted element has `\` escapes.
 */
export function pgArrayElements(s: string): (string | null)[] {
  if (!s.startsWith('{') || !s.endsWith('}')) throw new Error(`not a PostgreSQL array: ${s}`);
  const body = s.slice(1, -1);
  const out: (string | null)[] = [];
  if (body === '') return out;
  let i = 0;
  for (;;) {
    if (body[i] === '"') {
      let v = '';
      for (i++; body[i] !== '"'; i++) v += body[i] === '\\' ? body[++i] : body[i];
      out.push(v);
      i++;
    } else {
      let j = i;
      while (j < body.length && body[j] !== ',') j++;
      const v = body.slice(i, j);
      out.push(v === 'NULL' ? null : v);
      i = j;
    }
    if (i >= body.length) return out;
    if (body[i] !== ',') throw new Error(`bad PostgreSQL array text: ${s}`);
    i++;
  }
}

let pgCounter = 0;

export async function openPostgres(): Promise<Engine> {
  const db = `relc_lower_${++pgCounter}`;
  psql('public', `CREATE SCHEMA ${db};`);
  return {
    dialect: 'postgres',
    exec: async (sql) => void psql(db, `${sql};`),
    async run(lowered, schema, params = {}) {
      const args = lowered.params.map((n) => pgLiteral(params[n]!));
      const script = [
        "SET IntervalStyle = 'iso_8601';",
        `PREPARE relc_q AS ${lowered.sql};`,
        `CREATE TEMP TABLE relc_r AS EXECUTE relc_q${args.length ? `(${args.join(', ')})` : ''};`,
        "\\echo '---types'",
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'relc_r'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;",
        "\\echo '---rows'",
        'COPY relc_r TO STDOUT WITH (FORMAT csv);',
      ].join('\n');
      const out = psql(db, script);
      const [, typesPart = '', rowsPart = ''] = out.split(/---types\n|---rows\n/);
      const types = typesPart.split('\n').filter((l) => l !== '');
      const rows = parseCsv(rowsPart).map((r) => schema.map((f, i) => pgValue(f.type, r[i] ?? null)));
      return { rows, types };
    },
    close: async () => void psql('public', `DROP SCHEMA ${db} CASCADE;`),
  };
}

export async function openEngines(tables: readonly Table[]): Promise<Engine[]> {
  const engines = [await openDuckDB(), await openSQLite(), await openPostgres()];
  for (const e of engines) for (const t of tables) for (const s of loadStatements(t, e.dialect)) await e.exec(s);
  return engines;
}

const stored = (cls: string): RegExp => new RegExp(`^(null\\|)?${cls}(\\|null)?$|^null$`);

/**
 * The engine type names an IR type must come back as (DuckDB, PostgreSQL) or be stored as
 * (SQLite: decimals are REAL, except integer sums, which SQLite keeps exact as INTEGER).
 */
export function expectedEngineType(t: DataType, dialect: Dialect): RegExp {
  const byDialect: Record<Dialect, Partial<Record<DataType['kind'], RegExp>>> = {
    duckdb: { bool: /^BOOLEAN$/, int32: /^INTEGER$/, int64: /^BIGINT$/, float64: /^DOUBLE$/, decimal: /^DECIMAL\(\d+,\d+\)$/, utf8: /^VARCHAR$/, date: /^DATE$/, timestamp: /^TIMESTAMP$/, interval: /^INTERVAL$/, binary: /^BLOB$/ },
    postgres: { bool: /^boolean$/, int32: /^integer$/, int64: /^bigint$/, float64: /^double precision$/, decimal: /^numeric/, utf8: /^text$/, date: /^date$/, timestamp: /^timestamp without time zone$/, interval: /^interval$/, binary: /^bytea$/ },
    sqlite: { bool: stored('bigint'), int32: stored('bigint'), int64: stored('bigint'), float64: stored('number'), decimal: stored('(bigint|number)'), utf8: stored('string'), date: stored('string'), timestamp: stored('string'), interval: stored('string'), binary: stored('object') },
  };
  if (t.kind === 'list') return dialect === 'sqlite' ? stored('string') : /\[\]$/; // PostgreSQL integer[], DuckDB INTEGER[]
  return byDialect[dialect][t.kind] ?? new RegExp(`^${typeToString(t)}$`);
}

