// The SQL construct corpus (test/tpch/corpus/valid.sql) against PostgreSQL, the semantics
// oracle: each query runs on PostgreSQL as written (postgres dialect) or as its PostgreSQL
// equivalent (other dialects: the corpus `oracle:` text, else test/pg-oracle/corpus-pg.ts), and
// relc's transpiled SQL (optimized and not) on DuckDB, SQLite and PostgreSQL must return what
// PostgreSQL returns.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { RelcError, schemaOf, validateRel } from '../src/ir/index.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { CORPUS_PG_SQL } from './pg-oracle/corpus-pg.ts';
import { compareWithPg, guardedSetup, openPgOracle, requirePostgres, type PgOracle } from './support/pg-oracle.ts';
import { readCorpus } from './tpch/corpus.ts';
import { writeExtra } from './tpch/extra.ts';
import { openTpchEngines, type Engines } from './tpch/harness.ts';
import { corpusCatalog } from './tpch/schema.ts';

const valid = readCorpus(join(import.meta.dirname, 'tpch', 'corpus', 'valid.sql'));
let engines: Engines | undefined;
let pg: PgOracle | undefined;

const setup = guardedSetup(async () => {
  requirePostgres();
  engines = await openTpchEngines(null);
  const data = mkdtempSync(join(tmpdir(), 'relc-pg-corpus-'));
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

test('PostgreSQL, the oracle, is installed and its database loaded', setup.check);

test('every override names a corpus query of another dialect (or one PostgreSQL cannot run as written)', () => {
  const names = new Set(valid.map((q) => q.name));
  for (const name of Object.keys(CORPUS_PG_SQL)) assert.ok(names.has(name), `${name} is not in the corpus`);
});

for (const q of valid) {
  test(`corpus ${q.name}: relc equals PostgreSQL`, async () => {
    setup.check();
    const [db, pgo] = [engines!, pg!];
    const pgSql = CORPUS_PG_SQL[q.name] ?? (q.dialect === 'postgres' ? q.sql : q.oracle);
    assert.ok(pgSql, `${q.name} (${q.dialect}) needs its PostgreSQL text in test/pg-oracle/corpus-pg.ts`);
    const expected = await pgo.query(pgSql);
    for (const target of ['duckdb', 'sqlite', 'postgres'] as const) for (const optimize of [true, false]) {
      const t = transpileQuery(q.sql, { from: q.dialect, to: target, catalog: corpusCatalog, optimize });
      validateRel(t.rel, { lowered: true });
      const gap = q.knownGaps.find((g) => g.target === target);
      if (gap) {
        // The corpus pins this target's failure (see its known-gap directive); it must still fail so.
        let failure: unknown;
        try {
          await db[target as 'duckdb' | 'sqlite'].query(t.text, [], schemaOf(t.rel));
        } catch (e) {
          failure = e;
        }
        assert.ok(failure !== undefined, `${q.name} on ${target}: the known gap is fixed; remove its known-gap directive`);
        assert.instance(failure, RelcError, `${q.name} on ${target}`);
        assert.is((failure as RelcError).code, gap.code);
        continue;
      }
      const actual = target === 'postgres' ? await pgo.runRelc(t) : { schema: schemaOf(t.rel), rows: await db[target].query(t.text, [], schemaOf(t.rel)) };
      const diff = compareWithPg(expected, actual, q.ordered);
      assert.is(diff, null, `${q.name} on ${target}${optimize ? '' : ' (unoptimized)'}: ${diff}\n${t.text}`);
    }
  });
}

test.run();
