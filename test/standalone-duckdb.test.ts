// Standalone DuckDB output: `relc transpile --to duckdb` text (prelude + query) runs on a stock
// DuckDB with no relc session and equals the original query run on DuckDB with PostgreSQL's
// settings (integer division, NULL order) — the 22 TPC-H queries; --no-prelude names the shims.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { generateTpch } from './tpch/generate.ts';
import { TPCH_TABLES, tpchCatalog, tpchInputs } from './tpch/schema.ts';
import { openBackend } from '../src/backends/index.ts';
import { transpileText } from '../src/run/compose/transpile-cli.ts';
import type { RelcError } from '../src/ir/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'relc-standalone-'));
const queries = join(import.meta.dirname, 'tpch', 'queries');
const files = readdirSync(queries).filter((f) => f.endsWith('.sql')).sort();
let oracle: DuckDBInstance;

async function connectOver(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const c = await instance.connect();
  for (const t of TPCH_TABLES) await c.run(`CREATE OR REPLACE VIEW ${t} AS SELECT * FROM read_parquet('${join(dir, `${t}.parquet`)}')`);
  return c;
}

test.before(async () => {
  generateTpch(dir, { scale: 0.005 });
  // Load through relc's backend (exact declared types), then hand stock engines Parquet copies.
  const relc = await openBackend('duckdb', { threads: 1 });
  for (const decl of tpchInputs(dir)) {
    await relc.loadInput(decl, decl.path);
    await relc.exec(`COPY ${decl.name} TO '${join(dir, `${decl.name}.parquet`)}' (FORMAT parquet)`);
  }
  await relc.close();
  oracle = await DuckDBInstance.create(':memory:', { threads: '1' });
});
test.after(() => {
  oracle.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows as text, numbers rounded to 9 significant digits (plans may sum in another order). */
function canonical(rows: unknown[][], ordered: boolean): string[] {
  const cell = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && /^-?\d+\.\d+(e[+-]?\d+)?$/i.test(v)) ? Number(v).toPrecision(9) : JSON.stringify(v));
  const lines = rows.map((r) => r.map(cell).join('|'));
  return ordered ? lines : lines.sort();
}

for (const file of files) {
  test(`TPC-H ${file}: relc's DuckDB text alone, on a stock DuckDB, equals the original`, async () => {
    const sql = readFileSync(join(queries, file), 'utf8');
    const text = await transpileText(Buffer.from(sql), { from: 'postgres', to: 'duckdb', catalog: tpchCatalog, optimize: true, file });
    assert.type(text, 'string');
    const o = await connectOver(oracle);
    await o.run('SET integer_division = true');
    await o.run("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
    const expected = (await o.runAndReadAll(sql.replace(/;\s*$/, ''))).getRowsJson() as unknown[][];
    o.closeSync();
    const fresh = await DuckDBInstance.create(':memory:', { threads: '1' }); // no macro of an earlier query
    const c = await connectOver(fresh);
    const statements = (text as string).split(/;\n(?=\S|$)/).map((s) => s.trim()).filter((s) => s !== '' && !/^(--[^\n]*\n?)+$/.test(s));
    let got: unknown[][] = [];
    for (const s of statements) got = (await c.runAndReadAll(s)).getRowsJson() as unknown[][];
    c.closeSync();
    fresh.closeSync();
    const ordered = /--\s*relc:\s*ordered/.test(sql);
    assert.ok(expected.length > 0, `${file}: the data gives rows`);
    assert.equal(canonical(got, ordered), canonical(expected, ordered), `${file}\n${text}`);
  });
}

test('--no-prelude: DuckDB text needing relc shims is UNSUPPORTED_CONSTRUCT naming them', async () => {
  const sql = readFileSync(join(queries, 'q22.sql'), 'utf8');
  let e: RelcError | undefined;
  try {
    await transpileText(Buffer.from(sql), { from: 'postgres', to: 'duckdb', catalog: tpchCatalog, optimize: true, file: 'q22.sql', prelude: false });
  } catch (x) {
    e = x as RelcError;
  }
  assert.is(e?.code, 'UNSUPPORTED_CONSTRUCT');
  assert.is(e?.message, "the DuckDB text needs relc's macros relc_substring; drop --no-prelude to include their definitions");
});

test.run();
