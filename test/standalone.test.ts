// Standalone output: `relc transpile --to duckdb|sqlite` text (prelude + query) runs on a stock
// DuckDB instance or a bare better-sqlite3 connection with no relc session (SQLite: no relc
// function registered at all) and equals the original query run on DuckDB with PostgreSQL's
// settings (integer division, NULL order) — the 22 TPC-H queries; --no-prelude names the shims.
// (PostgreSQL: test/pg-oracle-tpch.test.ts runs relc's text on the oracle's own connection.)
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { generateTpch } from './tpch/generate.ts';
import { TPCH_TABLES, tpchCatalog, tpchInputs } from './tpch/schema.ts';
import { openBackend, type Backend } from '../src/backends/index.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { compareResults, runOracle } from './tpch/harness.ts';
import { transpileText } from '../src/run/compose/transpile-cli.ts';
import { schemaOf, type RelcError } from '../src/ir/index.ts';
import { shimsCalled } from '../src/run/compose/standalone.ts';
import { statementsOf, stockEngines, type StockEngines } from './support/stock-engines.ts';

const dir = mkdtempSync(join(tmpdir(), 'relc-standalone-'));
const queries = join(import.meta.dirname, 'tpch', 'queries');
const files = readdirSync(queries).filter((f) => f.endsWith('.sql')).sort();
let oracle: DuckDBInstance;
let stock: StockEngines;
let relc: Backend; // relc's DuckDB over the loaded tables: the oracle for the SQLite runs (tpch/harness.ts)

async function connectOver(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const c = await instance.connect();
  for (const t of TPCH_TABLES) await c.run(`CREATE OR REPLACE VIEW ${t} AS SELECT * FROM read_parquet('${join(dir, `${t}.parquet`)}')`);
  return c;
}

test.before(async () => {
  generateTpch(dir, { scale: 0.005 });
  // Load through relc's backend (exact declared types), then hand stock engines Parquet copies.
  relc = await openBackend('duckdb', { threads: 1 });
  const sqlite = await openBackend('sqlite', {});
  for (const decl of tpchInputs(dir)) {
    await relc.loadInput(decl, decl.path);
    await sqlite.loadInput(decl, decl.path);
  }
  stock = await stockEngines(dir, TPCH_TABLES, { duckdb: relc, sqlite });
  await sqlite.close();
  oracle = await DuckDBInstance.create(':memory:', { threads: '1' });
});
test.after(async () => {
  await relc.close();
  oracle.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows as text, numbers rounded to 9 significant digits (plans may sum in another order). */
function canonical(rows: unknown[][], ordered: boolean): string[] {
  const cell = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && /^-?\d+\.\d+(e[+-]?\d+)?$/i.test(v)) ? Number(v).toPrecision(9) : JSON.stringify(v));
  const lines = rows.map((r) => r.map(cell).join('|'));
  return ordered ? lines : lines.sort();
}

/** The original query on DuckDB with PostgreSQL's settings. */
async function oracleRows(sql: string): Promise<unknown[][]> {
  const o = await connectOver(oracle);
  await o.run('SET integer_division = true');
  await o.run("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
  const rows = (await o.runAndReadAll(sql.replace(/;\s*$/, ''))).getRowsJson() as unknown[][];
  o.closeSync();
  return rows;
}

for (const file of files) {
  test(`TPC-H ${file}: relc's DuckDB text alone, on a stock DuckDB, equals the original`, async () => {
    const sql = readFileSync(join(queries, file), 'utf8');
    const text = await transpileText(Buffer.from(sql), { from: 'postgres', to: 'duckdb', catalog: tpchCatalog, optimize: true, file });
    assert.type(text, 'string');
    const expected = await oracleRows(sql);
    const fresh = await DuckDBInstance.create(':memory:', { threads: '1' }); // no macro of an earlier query
    const c = await connectOver(fresh);
    let got: unknown[][] = [];
    for (const s of statementsOf(text as string)) got = (await c.runAndReadAll(s)).getRowsJson() as unknown[][];
    c.closeSync();
    fresh.closeSync();
    const ordered = /--\s*relc:\s*ordered/.test(sql);
    assert.ok(expected.length > 0, `${file}: the data gives rows`);
    assert.equal(canonical(got, ordered), canonical(expected, ordered), `${file}\n${text}`);
  });

  test(`TPC-H ${file}: relc's SQLite text alone, on a bare SQLite connection, equals the original`, async () => {
    const sql = readFileSync(join(queries, file), 'utf8');
    const t = transpileQuery(sql, { from: 'postgres', to: 'sqlite', catalog: tpchCatalog, optimize: true, plainSqlite: true });
    assert.equal(shimsCalled(t.text), [], `${file} calls no relc function`);
    const schema = schemaOf(t.rel);
    const rows = stock.sqlite(t.text, schema); // a bare connection: the text calls no relc function
    const diff = compareResults(await runOracle(relc, sql), { schema, rows }, /--\s*relc:\s*ordered/.test(sql));
    assert.is(diff, null, `${file}: ${diff}\n${t.text}`);
  });
}

for (const [to, code, message] of [
  ['duckdb', 'UNSUPPORTED_CONSTRUCT', "the DuckDB text needs relc's macros relc_upper; drop --no-prelude to include their definitions"],
  // SQLite text is plain SQLite (test/sqlite-standalone.test.ts): the construct is refused at lowering.
  ['sqlite', 'BACKEND_UNSUPPORTED', "upper (plain SQLite has no form of it with PostgreSQL's semantics: relc renders it with its JS function relc_upper; if the connection registers relc's functions (registerSqliteFunctions(db) from 'relc'), say so with registeredFunctions: true / --registered-functions) is not supported on sqlite"],
] as const) {
  test(`--no-prelude: ${to} text needing relc shims is ${code} naming them`, async () => {
    const sql = 'select upper(c_name) from customer';
    let e: RelcError | undefined;
    try {
      await transpileText(Buffer.from(sql), { from: 'postgres', to, catalog: tpchCatalog, optimize: true, file: 'q.sql', prelude: false });
    } catch (x) {
      e = x as RelcError;
    }
    assert.is(e?.code, code);
    assert.is(e?.message, message);
  });
}

test.run();
