// PostgreSQL-semantics probes (test/pg-oracle/probes*.sql, a file per function family): each query runs as written on
// PostgreSQL and through relc (postgres dialect) on DuckDB, SQLite and PostgreSQL; the results
// must be equal (optimized and unoptimized plans), except where test/pg-oracle/differences.ts
// documents relc's own behaviour — which is then asserted exactly. The compared runs execute the
// emitted text alone (with its prelude) on a fresh stock DuckDB instance and SQLite connection
// (test/support/stock-engines.ts); documented outcomes run through relc's backends. PostgreSQL runs with C collation (text compares by bytes).

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { schemaOf, validateRel } from '../src/ir/index.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { DOCUMENTED, type Target } from './pg-oracle/differences.ts';
import { probeCatalog, writeProbeTables } from './pg-oracle/tables.ts';
import { compareWithPg, guardedSetup, openPgOracle, PgError, requirePostgres, type PgOracle, type PgResult, type RelcResult } from './support/pg-oracle.ts';
import { readCorpus } from './tpch/corpus.ts';
import { assertOutcome } from './pg-oracle/assert-outcome.ts';
import { stockEngines, type StockEngines } from './support/stock-engines.ts';
import { standalonePrelude } from '../src/run/compose/standalone.ts';
import { writeExtra } from './tpch/extra.ts';
import { openTpchEngines, type Engines } from './tpch/harness.ts';

const probeDir = join(import.meta.dirname, 'pg-oracle');
const probes = readdirSync(probeDir).filter((f) => /^probes.*\.sql$/.test(f)).sort().flatMap((f) => readCorpus(join(probeDir, f)));
const documented = new Map(DOCUMENTED.map((d) => [d.probe, d]));
// Spark's run is test/spark.test.ts (one Spark session for its whole file).
type Engine = Exclude<Target, 'spark'>;
const TARGETS: readonly Engine[] = ['duckdb', 'sqlite', 'postgres'];
let engines: Engines | undefined;
let pg: PgOracle | undefined;
let dataDir: string | undefined;
let stock: StockEngines | undefined;

const setup = guardedSetup(async () => {
  requirePostgres();
  dataDir = mkdtempSync(join(tmpdir(), 'relc-pg-probes-'));
  const tables = writeProbeTables(dataDir);
  engines = await openTpchEngines(null);
  for (const decl of tables) {
    await engines.duckdb.loadInput(decl, decl.path);
    await engines.sqlite.loadInput(decl, decl.path);
  }
  const extra = writeExtra(dataDir);
  pg = openPgOracle([...extra, ...tables]);
  stock = await stockEngines(dataDir, [...extra, ...tables].map((d) => d.name), engines);
});
test.before(setup.run);
test.after(async () => {
  pg?.close();
  await engines?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('PostgreSQL, the oracle, is installed and its database loaded', setup.check);

test('probe names are unique and every documented difference names a probe', () => {
  const names = probes.map((p) => p.name);
  assert.is(new Set(names).size, names.length);
  assert.ok(probes.length >= 40, `${probes.length} probes`);
  for (const d of DOCUMENTED) assert.ok(names.includes(d.probe), `${d.probe} is not a probe`);
});

test('the oracle database compares text by bytes (C collation)', async () => {
  setup.check();
  const r = await pg!.query("select datcollate, 'B' < 'a', 'Z' < 'a', 'é' > 'z' from pg_database where datname = current_database()");
  assert.equal(r.rows, [['C', true, true, true]]);
});

function transpiled(sql: string, target: Engine, optimize: boolean) {
  const t = transpileQuery(sql, { from: 'postgres', to: target, catalog: probeCatalog, optimize });
  validateRel(t.rel, { lowered: true });
  return { t, schema: schemaOf(t.rel) };
}

async function runRelc(sql: string, target: Engine, optimize = true): Promise<RelcResult> {
  const { t, schema } = transpiled(sql, target, optimize);
  if (target === 'postgres') return pg!.runRelc(t);
  return { schema, rows: await engines![target].query(t.text, [], schema) };
}

/** relc's text for `target`, prelude included, run on a stock engine (PostgreSQL: the oracle's connection). */
async function runStandalone(sql: string, target: Engine, optimize: boolean): Promise<RelcResult> {
  const { t, schema } = transpiled(sql, target, optimize);
  if (target === 'postgres') return pg!.runRelc(t);
  const text = `${standalonePrelude(t.text, target)}${t.text}`;
  return { schema, rows: target === 'duckdb' ? await stock!.duckdb(text, schema) : stock!.sqlite(text, schema) };
}

for (const probe of probes) {
  const doc = documented.get(probe.name);
  test(`probe ${probe.name}${doc ? ' (documented difference)' : ''}`, async () => {
    setup.check();
    let expected: PgResult | undefined;
    try {
      expected = await pg!.query(probe.sql);
      assert.ok(!doc?.postgresError, `${probe.name}: PostgreSQL was documented to fail`);
    } catch (e) {
      if (!(e instanceof PgError) || !doc?.postgresError) throw e;
      assert.match(e.message, doc.postgresError, probe.name);
    }
    for (const target of TARGETS) {
      const label = `${probe.name} on ${target}`;
      const want = doc?.relc[target];
      if (want) await assertOutcome(() => runRelc(probe.sql, target), want, expected, label, { error: PgError, code: 'PostgreSQL' });
      else {
        assert.ok(expected, `${label}: PostgreSQL failed, so relc's behaviour here must be documented`);
        // The plan as parsed too: the optimizer must neither hide nor introduce a difference.
        for (const optimize of [true, false]) {
          const diff = compareWithPg(expected!, await runStandalone(probe.sql, target, optimize), probe.ordered);
          assert.is(diff, null, `${label}${optimize ? '' : ' (unoptimized)'}: ${diff}`);
        }
      }
    }
  });
}

test.run();
