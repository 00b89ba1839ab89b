// TPC-H against PostgreSQL, the semantics oracle: each of the 22 queries runs as written on
// PostgreSQL (same generated data, declared types numeric(15,2), date, …) and, transpiled by relc
// from the postgres dialect, on DuckDB, SQLite and PostgreSQL; every result must equal the oracle.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { schemaOf, validateRel } from '../src/ir/index.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { compareWithPg, guardedSetup, openPgOracle, requirePostgres, type PgOracle } from './support/pg-oracle.ts';
import { generateTpch } from './tpch/generate.ts';
import { openTpchEngines, type Engines } from './tpch/harness.ts';
import { TPCH_PG_INDEXES, tpchCatalog, tpchInputs } from './tpch/schema.ts';

const SCALE = 0.005;
const dir = join(import.meta.dirname, 'tpch', 'queries');
const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
let engines: Engines | undefined;
let pg: PgOracle | undefined;

const setup = guardedSetup(async () => {
  requirePostgres();
  engines = await openTpchEngines(SCALE);
  // The generator is deterministic: the same scale gives PostgreSQL the very rows DuckDB and SQLite hold.
  const data = mkdtempSync(join(tmpdir(), 'relc-pg-tpch-'));
  try {
    generateTpch(data, { scale: SCALE });
    pg = openPgOracle(tpchInputs(data), TPCH_PG_INDEXES);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
test.before(setup.run);
test.after(async () => {
  pg?.close();
  await engines?.close();
});

test('PostgreSQL, the oracle, is installed and its database loaded', setup.check);

test('the 22 TPC-H queries', () => {
  assert.equal(files, Array.from({ length: 22 }, (_, i) => `q${String(i + 1).padStart(2, '0')}.sql`));
});

for (const file of files) {
  test(`TPC-H ${file}: relc on DuckDB, SQLite and PostgreSQL equals PostgreSQL`, async () => {
    setup.check();
    const [db, pgo] = [engines!, pg!];
    const sql = readFileSync(join(dir, file), 'utf8');
    const ordered = /--\s*relc:\s*ordered/.test(sql);
    const expected = await pgo.query(sql);
    assert.ok(expected.rows.length > 0, `${file}: the generated data must give the query rows on PostgreSQL`);
    for (const target of ['duckdb', 'sqlite', 'postgres'] as const) {
      const t = transpileQuery(sql, { from: 'postgres', to: target, catalog: tpchCatalog });
      validateRel(t.rel, { lowered: true });
      const actual = target === 'postgres' ? await pgo.runRelc(t) : { schema: schemaOf(t.rel), rows: await db[target].query(t.text, [], schemaOf(t.rel)) };
      const diff = compareWithPg(expected, actual, ordered);
      assert.is(diff, null, `${file} on ${target}: ${diff}\n${t.text}`);
    }
  });
}

test.run();
