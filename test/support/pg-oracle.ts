// PostgreSQL as the semantics oracle. A database with C collation in the throwaway test cluster
// of test/lower-engines.ts; tables created with relc's declared types (numeric(p,s), date, …)
// and loaded with COPY from the very CSV files DuckDB and SQLite read; queries run as written.
// relc's results (typed by its IR) are compared with PostgreSQL's (typed by PostgreSQL).
//
//   const pg = await openPgOracle(inputs);        // InputDecl[] with absolute paths
//   const expected = pg.query(originalSql);       // PostgreSQL's rows and types
//   const actual = pg.runRelc(transpiled);        // relc's postgres-dialect SQL on PostgreSQL
//   compareWithPg(expected, actual, ordered)      // null when equal, else the first difference
//
// Requires the PostgreSQL server binaries (Debian package `postgresql`, binaries in
// /usr/lib/postgresql/<major>/bin): without them every test using this fails, naming the package.

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { schemaOf, T, typeToString, type DataType, type InputDecl, type Schema } from '../../src/ir/index.ts';
import { normalizeValue, type CanonicalValue } from '../../src/backends/values.ts';
import { quoteIdent } from '../../src/lower/sql/index.ts';
import type { Transpiled } from '../../src/run/compose/transpile.ts';
import { expectedEngineType, loadStatements, parseCsv, pgArrayElements, pgValue, startPostgres } from '../lower-engines.ts';
import { compareResults, type Result } from '../tpch/harness.ts';

/** The Debian package and binary directory the oracle relies on. */
export const PG_PACKAGE = 'postgresql';
export const PG_BIN_GLOB = '/usr/lib/postgresql/<major>/bin';

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d !== '' && existsSync(join(d, cmd)));
}

/**
 * Makes initdb, pg_ctl and psql callable (adding Debian's /usr/lib/postgresql/<major>/bin to PATH
 * when they are not on it) or fails with what to install. Never skips.
 */
export function requirePostgres(): void {
  const tools = ['initdb', 'pg_ctl', 'psql'];
  if (tools.every(onPath)) return;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = majors.map((v) => join(root, v, 'bin')).find((d) => existsSync(join(d, 'initdb')));
  if (bin) {
    process.env.PATH = `${process.env.PATH ?? ''}${delimiter}${bin}`;
    if (tools.every(onPath)) return;
  }
  const missing = tools.filter((t) => !onPath(t)).join(', ');
  throw new Error(
    `PostgreSQL is the semantics oracle of this suite and is not installed (${missing} not found on PATH or in ${PG_BIN_GLOB}). ` +
      `Install the Debian package: apt-get install -y ${PG_PACKAGE}`,
  );
}

/**
 * Runs a suite's setup, keeping its error: uvu swallows an error thrown by a `before` hook
 * (the suite then reports 0 passed and no message), so each test calls `check()` instead, which
 * rethrows it — every test fails with the setup's own message (e.g. PostgreSQL is not installed).
 */
export function guardedSetup(setup: () => Promise<void>): { run: () => Promise<void>; check: () => void } {
  let failure: unknown;
  return {
    run: async () => {
      try {
        await setup();
      } catch (e) {
        failure = e;
      }
    },
    check: () => {
      if (failure !== undefined) throw failure;
    },
  };
}

/** An error PostgreSQL reported (the oracle rejected or failed the query). */
export class PgError extends Error {}

const DB = 'relc_oracle';
let dbReady = false;

function psqlRaw(database: string, script: string): string {
  const dir = startPostgres();
  const r = spawnSync('psql', ['-h', dir, '-U', 'postgres', '-d', database, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-f', '-'], {
    input: script, encoding: 'utf8', maxBuffer: 256 << 20,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new PgError(r.stderr.replace(/^psql:<stdin>:\d+: /gm, '').trim());
  return r.stdout;
}

/**
 * The oracle's database: LC_COLLATE 'C' (text compares by bytes, as DuckDB and SQLite do, so
 * ORDER BY and min/max agree), LC_CTYPE 'C.UTF-8' (upper/lower/ILIKE map Unicode case).
 */
function ensureDatabase(): void {
  if (dbReady) return;
  requirePostgres();
  psqlRaw('postgres', `CREATE DATABASE ${DB} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8';`);
  dbReady = true;
}

/** PostgreSQL's result: its column types (format_type) and values in canonical form. */
export interface PgResult extends Result {
  readonly pgTypes: readonly string[];
  /** The result's column names as PostgreSQL gives them. */
  readonly names: readonly string[];
}

/** relc's result as executed: the IR schema and canonical rows. */
export type RelcResult = Result;

const strip = (sql: string): string => sql.trim().replace(/;\s*$/, '');

/** PostgreSQL type name → the IR type its values are read as (numeric keeps its exact digits). */
function irTypeOf(pgType: string, values: readonly (string | null)[]): DataType {
  if (pgType.endsWith('[]')) return T.list(irTypeOf(pgType.slice(0, -2), values.flatMap((v) => (v === null ? [] : pgArrayElements(v)))));
  if (pgType === 'numeric' || pgType.startsWith('numeric(')) {
    const scale = Math.max(0, ...values.map((v) => (v === null || !v.includes('.') ? 0 : v.length - v.indexOf('.') - 1)));
    return T.decimal(1000, scale);
  }
  switch (pgType) {
    case 'smallint':
    case 'integer':
      return T.int32;
    case 'bigint':
      return T.int64;
    case 'real':
    case 'double precision':
      return T.float64;
    case 'text':
    case 'unknown':
    case 'name':
    case 'json': // relc's JSON values are their text (src/ir/functions/json.ts)
    case 'jsonb':
      return T.utf8;
    case 'boolean':
      return T.bool;
    case 'date':
      return T.date;
    case 'timestamp without time zone':
    case 'timestamp with time zone': // read in the session's UTC (date_trunc of a date is timestamptz)
      return T.timestamp;
    case 'interval':
      return T.interval;
    case 'bytea':
      return T.binary;
    default:
      if (/^(character varying|character)\b/.test(pgType)) return T.utf8;
      throw new Error(`pg-oracle: unmapped PostgreSQL type ${pgType}`);
  }
}

interface Described {
  readonly names: string[];
  readonly pgTypes: string[];
  readonly rows: (string | null)[][];
}

/**
 * One long-lived psql session (a process per query would cost ~80 ms each). Each request is a
 * script followed by an echoed marker; errors are echoed to stdout by `\if :ERROR` in the script
 * (ON_ERROR_STOP is off). The child is unreferenced while idle, so a test run never hangs on it.
 */
class Session {
  private readonly child: ChildProcessWithoutNullStreams;
  private out = '';
  private seq = 0;
  private waiting: { marker: string; resolve: (out: string) => void; reject: (e: Error) => void } | null = null;
  private exited: string | null = null;

  constructor(database: string, schema: string) {
    const dir = startPostgres();
    this.child = spawn('psql', ['-h', dir, '-U', 'postgres', '-d', database, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=0', '-f', '-']);
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (d: string) => {
      this.out += d;
      this.settle();
    });
    this.child.stderr.resume(); // errors are read through LAST_ERROR_MESSAGE
    this.child.on('exit', (code) => {
      this.exited = `psql exited (${code})`;
      this.waiting?.reject(new Error(this.exited));
      this.waiting = null;
    });
    this.child.stdin.write(`SET search_path TO ${schema};\nSET IntervalStyle = 'iso_8601';\nSET TimeZone = 'UTC';\n\\pset format csv\n\\pset null '\\x03'\n`);
    this.idle(true);
  }

  private idle(yes: boolean): void {
    for (const h of [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as { ref(): void; unref(): void }[]) {
      if (yes) h.unref();
      else h.ref();
    }
  }

  private settle(): void {
    if (!this.waiting) return;
    const at = this.out.indexOf(this.waiting.marker);
    if (at < 0) return;
    const result = this.out.slice(0, at);
    this.out = this.out.slice(at + this.waiting.marker.length);
    const { resolve } = this.waiting;
    this.waiting = null;
    this.idle(true);
    resolve(result);
  }

  run(script: string): Promise<string> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    if (this.waiting) return Promise.reject(new Error('pg-oracle: one request at a time'));
    const marker = `\x02done ${++this.seq}\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { marker, resolve, reject };
      this.idle(false);
      this.child.stdin.write(`${script}\n\\echo '\\x02done ${this.seq}'\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}

const onError = "\\if :ERROR\n\\echo '\\x01error' :LAST_ERROR_MESSAGE\n";

const NULL_MARK = '\x03';

/**
 * Describes (\gdesc) and runs one query, its rows printed as CSV (NULL as a control character,
 * so that it differs from the empty string). psql reads the whole result before printing it, so
 * a failing query prints nothing but its error. (COPY would stream, and psql does not flag a
 * failed COPY in :ERROR.)
 */
async function describeAndRun(session: Session, sql: string): Promise<Described> {
  const text = strip(sql);
  const out = await session.run([
    text,
    '\\gdesc',
    `${onError}\\else`,
    "\\echo '\\x01rows'",
    // On its own line: a trailing `--` comment of the query does not swallow it.
    text,
    ';',
    `${onError}\\endif`,
    '\\endif',
  ].join('\n'));
  const error = /\x01error (.*)/.exec(out);
  if (error) throw new PgError(error[1]!);
  const at = out.indexOf('\x01rows\n');
  const desc = parseCsv(out.slice(0, at));
  const rows = parseCsv(out.slice(at + 6)).map((r) => r.map((v) => (v === null ? '' : v === NULL_MARK ? null : v)));
  return { names: desc.map((d) => d[0]!), pgTypes: desc.map((d) => d[1]!), rows };
}

function textValue(t: DataType, s: string | null): CanonicalValue {
  if (s === null) return null;
  if (t.kind === 'list') return pgArrayElements(s).map((x) => textValue(t.element, x));
  if (t.kind === 'decimal') return normalizeValue(t, s); // exact digits, padded to the column's largest scale
  if (t.kind === 'timestamp' && s.endsWith('+00')) return pgValue(t, s.slice(0, -3));
  return pgValue(t, s);
}

export interface PgOracle {
  /** Runs SQL as written on PostgreSQL. Throws PgError when PostgreSQL rejects or fails it. */
  query(sql: string): Promise<PgResult>;
  /** Runs relc's postgres-dialect SQL (no parameters) and checks every column's PostgreSQL type is its IR type's. */
  runRelc(t: Transpiled): Promise<RelcResult & { readonly names: readonly string[] }>;
  close(): void;
}

let schemas = 0;

/**
 * Creates a schema holding `inputs` (CSV files with a header), loaded with COPY, then runs `ddl`
 * (indexes: PostgreSQL answers correlated subqueries as written, by nested loops) and ANALYZE.
 */
export function openPgOracle(inputs: readonly InputDecl[], ddl: readonly string[] = []): PgOracle {
  ensureDatabase();
  const schema = `oracle_${process.pid}_${++schemas}`;
  const script = [`CREATE SCHEMA ${schema};`, `SET search_path TO ${schema};`];
  for (const decl of inputs) {
    if (decl.format !== 'csv') throw new Error(`pg-oracle: ${decl.name} is ${decl.format}; only CSV inputs load`);
    const [create] = loadStatements({ name: decl.name, schema: decl.schema, rows: [] }, 'postgres');
    script.push(`${create};`, `COPY ${quoteIdent(decl.name, 'postgres')} FROM STDIN WITH (FORMAT csv, HEADER true);`);
    const data = readFileSync(decl.path, 'utf8');
    script.push(`${data.replace(/\n$/, '')}\n\\.`);
  }
  script.push(...ddl.map((s) => `${s};`), 'ANALYZE;');
  psqlRaw(DB, `${script.join('\n')}\n`);
  const session = new Session(DB, schema);
  return {
    async query(sql) {
      const { names, pgTypes, rows } = await describeAndRun(session, sql);
      const irSchema: Schema = pgTypes.map((t, i) => ({ name: `c${i + 1}`, type: irTypeOf(t, rows.map((r) => r[i] ?? null)), nullable: true }));
      return { names, pgTypes, schema: irSchema, rows: rows.map((r) => irSchema.map((f, i) => textValue(f.type, r[i] ?? null))) };
    },
    async runRelc(t) {
      if (t.params.length > 0) throw new Error('pg-oracle: parameters are not bound here');
      const irSchema = schemaOf(t.rel);
      const { names, pgTypes, rows } = await describeAndRun(session, t.text);
      const wrong = irSchema.flatMap((f, i) => (expectedEngineType(f.type, 'postgres').test(pgTypes[i] ?? '') ? [] : [`${f.name}: ${pgTypes[i]} for ${typeToString(f.type)}`]));
      if (pgTypes.length !== irSchema.length || wrong.length > 0) throw new Error(`relc's PostgreSQL SQL returns other types than its IR says: ${wrong.join('; ') || `${pgTypes.length} columns`}`);
      return { names, schema: irSchema, rows: rows.map((r) => irSchema.map((f, i) => pgValue(f.type, r[i] ?? null))) };
    },
    close() {
      session.close();
      psqlRaw(DB, `DROP SCHEMA ${schema} CASCADE;`);
    },
  };
}

/** Value families that must agree between PostgreSQL's type and relc's (numbers are one family). */
function family(t: DataType): string {
  switch (t.kind) {
    case 'int32':
    case 'int64':
    case 'decimal':
    case 'float64':
      return 'number';
    default:
      return t.kind;
  }
}

/**
 * null when relc's result equals PostgreSQL's: same column count and value families, same rows
 * (in order when `ordered`); integers, decimals, text and dates exactly, a relative 1e-9 only
 * where either side is floating point (PostgreSQL's numeric avg/division vs relc's double).
 */
export function compareWithPg(expected: PgResult, actual: RelcResult, ordered: boolean): string | null {
  if (expected.schema.length !== actual.schema.length) return `column count ${actual.schema.length}, expected ${expected.schema.length}`;
  for (let c = 0; c < expected.schema.length; c++) {
    const e = expected.schema[c]!.type;
    const a = actual.schema[c]!.type;
    if (family(e) !== family(a)) return `column ${c + 1} (${actual.schema[c]!.name}): relc type ${typeToString(a)}, PostgreSQL ${expected.pgTypes[c]}`;
  }
  return compareResults(expected, actual, ordered);
}
