// TPC-H: the 22 queries (postgres dialect) → IR → DuckDB and SQLite SQL → executed; results must
// equal the original query run on DuckDB. The unoptimized plan must agree too (on DuckDB).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { schemaOf, validateRel } from '../src/ir/index.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { compareResults, openTpchEngines, runOracle, type Engines, type Result } from './tpch/harness.ts';
import { tpchCatalog } from './tpch/schema.ts';

const SCALE = 0.005;
const dir = join(import.meta.dirname, 'tpch', 'queries');
const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
let engines: Engines;

test.before(async () => {
  engines = await openTpchEngines(SCALE);
});
test.after(async () => {
  await engines.close();
});

test('the corpus holds the 22 TPC-H queries', () => {
  assert.equal(files, Array.from({ length: 22 }, (_, i) => `q${String(i + 1).padStart(2, '0')}.sql`));
});

for (const file of files) {
  test(`TPC-H ${file}: DuckDB and SQLite equal the DuckDB oracle`, async () => {
    const sql = readFileSync(join(dir, file), 'utf8');
    const ordered = /--\s*relc:\s*ordered/.test(sql);
    const expected = await runOracle(engines.duckdb, sql);
    assert.ok(expected.rows.length > 0, `${file}: the generated data must give the query rows`);
    for (const target of ['duckdb', 'sqlite'] as const) {
      const t = transpileQuery(sql, { from: 'postgres', to: target, catalog: tpchCatalog });
      validateRel(t.rel, { lowered: true });
      const actual: Result = { schema: schemaOf(t.rel), rows: await engines[target].query(t.text, [], schemaOf(t.rel)) };
      const diff = compareResults(expected, actual, ordered);
      assert.is(diff, null, `${file} on ${target}: ${diff}\n${t.text}`);
    }
    const plain = transpileQuery(sql, { from: 'postgres', to: 'duckdb', catalog: tpchCatalog, optimize: false });
    validateRel(plain.rel, { lowered: true });
    const unoptimized = { schema: schemaOf(plain.rel), rows: await engines.duckdb.query(plain.text, [], schemaOf(plain.rel)) };
    assert.is(compareResults(expected, unoptimized, ordered), null, `${file} unoptimized on duckdb`);
  });
}

test.run();
