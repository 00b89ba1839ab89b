// Source dialects as their users write them: each query of test/dialect-corpus/<dialect>.sql runs
// as written on that dialect's own engine — DuckDB with its stock semantics (float `/`, NULLs
// last in both directions), SQLite with relc's storage of the corpus tables — and relc's
// transpilation from that dialect to DuckDB, SQLite and PostgreSQL (optimized and not) must
// return the same rows. The source engine is the oracle, not relc's reading of it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { isRelcError, schemaOf, T, validateRel, type Schema } from '../src/ir/index.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import type { SourceDialect } from '../src/sql/index.ts';
import { guardedSetup, openPgOracle, requirePostgres, type PgOracle } from './support/pg-oracle.ts';
import { readCorpus } from './tpch/corpus.ts';
import { writeExtra } from './tpch/extra.ts';
import { compareResults, duckdbResultType, openTpchEngines, type Engines, type Result } from './tpch/harness.ts';
import { corpusCatalog } from './tpch/schema.ts';

const DIALECTS = ['duckdb', 'sqlite'] as const satisfies readonly SourceDialect[];
const corpus = DIALECTS.flatMap((d) => readCorpus(join(import.meta.dirname, 'dialect-corpus', `${d}.sql`)).map((q) => ({ ...q, dialect: d })));

let engines: Engines | undefined;
let pg: PgOracle | undefined;

const setup = guardedSetup(async () => {
  requirePostgres();
  engines = await openTpchEngines(null);
  const data = mkdtempSync(join(tmpdir(), 'relc-dialect-corpus-'));
  try {
    pg = openPgOracle(writeExtra(data));
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
test.before(setup.run);
test.after(async () => {
  pg?.close();
  await engines?.close();
});

test('PostgreSQL is installed and the corpus tables are loaded on every engine', setup.check);

/** The query as written on its own engine: DuckDB typed by its DESCRIBE; SQLite read by the types relc infers. */
async function onSourceEngine(dialect: (typeof DIALECTS)[number], sql: string, relcSchema: Schema): Promise<Result> {
  const text = sql.trim().replace(/;\s*$/, '');
  if (dialect === 'sqlite') return { schema: relcSchema, rows: await engines!.sqlite.query(text, [], relcSchema) };
  const described = await engines!.duckdb.query(`DESCRIBE ${text}`, [], ['column_name', 'column_type', 'null', 'key', 'default', 'extra'].map((name) => ({ name, type: T.utf8, nullable: true })));
  const schema: Schema = described.map((r) => ({ name: String(r[0]), type: duckdbResultType(String(r[1])), nullable: true }));
  return { schema, rows: await engines!.duckdb.query(text, [], schema) };
}

for (const q of corpus) {
  test(`${q.dialect} corpus ${q.name}: relc on every target equals ${q.dialect} itself`, async () => {
    setup.check();
    for (const target of ['duckdb', 'sqlite', 'postgres'] as const) for (const optimize of [true, false]) {
      const where = `${q.name} → ${target}${optimize ? '' : ' (unoptimized)'}`;
      const gap = q.knownGaps.find((g) => g.target === target);
      let t: ReturnType<typeof transpileQuery>;
      let actual: Result;
      try {
        t = transpileQuery(q.sql, { from: q.dialect, to: target, catalog: corpusCatalog, optimize });
        validateRel(t.rel, { lowered: true });
        actual = target === 'postgres' ? await pg!.runRelc(t) : { schema: schemaOf(t.rel), rows: await engines![target].query(t.text, [], schemaOf(t.rel)) };
      } catch (e) {
        // A known gap pins the coded error this target gives today, so that a fix shows.
        if (gap && isRelcError(e) && e.code === gap.code) continue;
        throw e;
      }
      assert.ok(!gap, `${where}: the known gap is fixed; remove its known-gap directive`);
      const expected = await onSourceEngine(q.dialect, q.sql, schemaOf(t.rel));
      const diff = compareResults(expected, actual, q.ordered);
      assert.is(diff, null, `${where}: ${diff}\n${t.text}`);
    }
  });
}

test.run();
