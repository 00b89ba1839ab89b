// Differential harness: the original SQL on DuckDB is the oracle; transpiled SQL runs on DuckDB
// and SQLite; results compare as values (exact for integers and decimals, a relative tolerance
// only where a float is involved), in order when the query's ORDER BY is total.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { T, type DataType, type Schema } from '../../src/ir/index.ts';
import { openBackend, type Backend } from '../../src/backends/index.ts';
import { generateTpch } from './generate.ts';
import { writeExtra } from './extra.ts';
import { tpchInputs } from './schema.ts';

const SQLITE_INDEXES = [
  'CREATE INDEX lineitem_order ON lineitem (l_orderkey)',
  'CREATE INDEX lineitem_part_supp ON lineitem (l_partkey, l_suppkey)',
  'CREATE INDEX orders_key ON orders (o_orderkey)',
  'CREATE INDEX orders_cust ON orders (o_custkey)',
  'CREATE INDEX partsupp_key ON partsupp (ps_partkey, ps_suppkey)',
  'CREATE INDEX part_key ON part (p_partkey)',
  'CREATE INDEX supplier_key ON supplier (s_suppkey)',
  'CREATE INDEX customer_key ON customer (c_custkey)',
];

export interface Engines {
  readonly duckdb: Backend;
  readonly sqlite: Backend;
  close(): Promise<void>;
}

/** Generates TPC-H data at `scale` (none when null) plus the corpus tables, loaded into a fresh DuckDB and SQLite. */
export async function openTpchEngines(scale: number | null): Promise<Engines> {
  const dir = mkdtempSync(join(tmpdir(), 'relc-tpch-'));
  if (scale !== null) generateTpch(dir, { scale });
  const duckdb = await openBackend('duckdb', { threads: 1 });
  const sqlite = await openBackend('sqlite', {});
  for (const decl of [...(scale === null ? [] : tpchInputs(dir)), ...writeExtra(dir)]) {
    await duckdb.loadInput(decl, decl.path);
    await sqlite.loadInput(decl, decl.path);
  }
  // SQLite, a row store, answers correlated EXISTS by scanning unless keys are indexed, as any
  // TPC-H setup on it does. Indexes change speed only; results are what is compared.
  if (scale !== null) for (const ddl of SQLITE_INDEXES) await sqlite.exec(ddl);
  return {
    duckdb,
    sqlite,
    async close() {
      await duckdb.close();
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Result {
  readonly schema: Schema;
  readonly rows: readonly (readonly unknown[])[];
}

/** DuckDB's own result types, so the oracle's values are read as DuckDB computed them. */
export function duckdbResultType(name: string): DataType {
  const dec = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(name);
  if (dec) return T.decimal(Number(dec[1]), Number(dec[2]));
  switch (name) {
    case 'BOOLEAN':
      return T.bool;
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
      return T.int32;
    case 'BIGINT':
    case 'UINTEGER':
      return T.int64;
    case 'HUGEINT':
    case 'UBIGINT':
      return T.decimal(38, 0);
    case 'FLOAT':
    case 'DOUBLE':
      return T.float64;
    case 'VARCHAR':
      return T.utf8;
    case 'DATE':
      return T.date;
    case 'TIMESTAMP':
      return T.timestamp;
    case 'INTERVAL':
      return T.interval;
    case 'BLOB':
      return T.binary;
    default:
      throw new Error(`oracle: unmapped DuckDB type ${name}`);
  }
}

/** Runs SQL as written on DuckDB (the oracle), typed by DuckDB's DESCRIBE. */
export async function runOracle(duckdb: Backend, sql: string): Promise<Result> {
  // PostgreSQL semantics where DuckDB's defaults differ: integer `/` truncates, DESC puts NULLs first.
  await duckdb.exec("SET integer_division = true");
  await duckdb.exec("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
  try {
    return await oracleQuery(duckdb, sql);
  } finally {
    await duckdb.exec('RESET integer_division');
    await duckdb.exec('RESET default_null_order');
  }
}

async function oracleQuery(duckdb: Backend, sql: string): Promise<Result> {
  const text = sql.trim().replace(/;\s*$/, '');
  const described = await duckdb.query(`DESCRIBE ${text}`, [], [
    { name: 'column_name', type: T.utf8, nullable: true }, { name: 'column_type', type: T.utf8, nullable: true },
    { name: 'null', type: T.utf8, nullable: true }, { name: 'key', type: T.utf8, nullable: true },
    { name: 'default', type: T.utf8, nullable: true }, { name: 'extra', type: T.utf8, nullable: true },
  ]);
  const schema: Schema = described.map((r) => ({ name: String(r[0]), type: duckdbResultType(String(r[1])), nullable: true }));
  return { schema, rows: await duckdb.query(text, [], schema) };
}

const numericKinds = new Set(['int32', 'int64', 'decimal', 'float64']);

function exactText(v: unknown): string {
  return typeof v === 'bigint' ? v.toString() : String(v);
}

/** Exact decimal equality of two decimal/integer texts ('1.50' = '1.5'). */
function exactEqual(a: string, b: string): boolean {
  const split = (s: string) => {
    const neg = s.startsWith('-');
    const [w, f = ''] = s.replace('-', '').split('.');
    return { neg, w: w!.replace(/^0+(?=\d)/, ''), f: f.replace(/0+$/, '') };
  };
  const x = split(a);
  const y = split(b);
  const zero = (z: typeof x) => /^0*$/.test(z.w) && z.f === '';
  if (zero(x) && zero(y)) return true;
  return x.neg === y.neg && x.w === y.w && x.f === y.f;
}

function close(a: number, b: number): boolean {
  if (a === b) return true; // also equal infinities (their difference is NaN)
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function cellsEqual(a: unknown, ta: DataType, b: unknown, tb: DataType): boolean {
  if (a === null || b === null) return a === b;
  if (numericKinds.has(ta.kind) && numericKinds.has(tb.kind)) {
    if (ta.kind !== 'float64' && tb.kind !== 'float64') return exactEqual(exactText(a), exactText(b));
    return close(Number(a), Number(b));
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (ta.kind === 'list' && tb.kind === 'list' && Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => cellsEqual(x, ta.element, b[i], tb.element));
  if (typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function sortKey(row: readonly unknown[], schema: Schema): string {
  return JSON.stringify(row.map((v, i) => {
    if (v === null) return null;
    if (numericKinds.has(schema[i]!.type.kind)) return Number(Number(exactText(v)).toPrecision(9));
    return v instanceof Uint8Array ? [...v] : typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? v.map((x) => (typeof x === 'bigint' ? Number(x) : x)) : v;
  }));
}

/** null when equal; else a description of the first difference. */
export function compareResults(expected: Result, actual: Result, ordered: boolean): string | null {
  if (expected.schema.length !== actual.schema.length) return `column count ${actual.schema.length}, expected ${expected.schema.length}`;
  if (expected.rows.length !== actual.rows.length) return `row count ${actual.rows.length}, expected ${expected.rows.length}`;
  const order = (r: Result) => (ordered ? r.rows : [...r.rows].sort((x, y) => (sortKey(x, r.schema) < sortKey(y, r.schema) ? -1 : sortKey(x, r.schema) > sortKey(y, r.schema) ? 1 : 0)));
  const e = order(expected);
  const a = order(actual);
  for (let r = 0; r < e.length; r++) {
    for (let c = 0; c < expected.schema.length; c++) {
      if (!cellsEqual(e[r]![c], expected.schema[c]!.type, a[r]![c], actual.schema[c]!.type)) {
        const show = (v: unknown) => (typeof v === 'bigint' ? `${v}n` : JSON.stringify(v));
        return `row ${r + 1}, column ${expected.schema[c]!.name}: got ${show(a[r]![c])} (${actual.schema[c]!.type.kind}), expected ${show(e[r]![c])} (${expected.schema[c]!.type.kind})`;
      }
    }
  }
  return null;
}
