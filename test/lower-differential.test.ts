// Differential test of the SQL lowering: seeded random plans (every operator, NULLs, duplicates,
// empty tables) lowered for DuckDB and SQLite — and for variants with capabilities switched off —
// must give the same rows; a sample also runs on PostgreSQL.

import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { schemaOf, type LiteralValue, type Rel } from '../src/ir/index.ts';
import { DUCKDB, SQLITE, lowerRel, lowerView, lowerViewForExecution, quoteIdent, type SqlDialect } from '../src/lower/sql/index.ts';
import { openEngines, type Engine, type Table } from './lower-engines.ts';
import { generatePlans, generatePrograms, rootOrdersTotally } from './support/random-plans.ts';
import { sameRows, show, sorted } from './lower-compare.ts';

const SEED = 20240531;
const PLANS = 300;
const ON_POSTGRES = 30; // psql round trips are slow; the first plans run there too

const { tables, plans } = generatePlans(SEED, PLANS);
const TABLES: Table[] = tables.map((t) => ({ name: t.name, schema: t.schema, rows: t.rows.map((r) => r.map((v): LiteralValue => (typeof v === 'bigint' ? v.toString() : v))) }));

const VARIANTS: readonly [string, SqlDialect][] = [
  ['duckdb-emulated', { ...DUCKDB, caps: { ...DUCKDB.caps, qualify: false, semiJoin: false, intersectAll: false, exceptAll: false, nullsOrdering: false } }],
  ['sqlite-emulated', { ...SQLITE, caps: { ...SQLITE.caps, filterClause: false, nullsOrdering: false, rightJoin: false, fullJoin: 'none' } }],
];

let engines: Engine[] = [];
test.before(async () => {
  engines = await openEngines(TABLES);
});
test.after(async () => {
  for (const e of engines) await e.close();
});

test(`${PLANS} random plans give the same rows on every engine and dialect variant`, async () => {
  const failures: string[] = [];
  for (const [i, rel] of plans.entries()) {
    const schema = schemaOf(rel);
    const norm = (rows: unknown[][]) => (rootOrdersTotally(rel) ? rows : sorted(rows as never));
    const runs: [string, Engine, SqlDialect | Engine['dialect']][] = [
      ...engines.filter((e) => e.dialect !== 'postgres' || i < ON_POSTGRES).map((e): [string, Engine, Engine['dialect']] => [e.dialect, e, e.dialect]),
      ...VARIANTS.map(([name, d]): [string, Engine, SqlDialect] => [name, engines.find((e) => e.dialect === d.name)!, d]),
    ];
    let reference: { name: string; rows: unknown[][] } | undefined;
    for (const [name, engine, dialect] of runs) {
      let rows: unknown[][];
      const lowered = lowerRel(rel, dialect);
      try {
        rows = norm((await engine.run(lowered, schema)).rows);
      } catch (err) {
        failures.push(`plan ${i} on ${name}: ${(err as Error).message.split('\n')[0]}\n${lowered.sql}`);
        continue;
      }
      if (!reference) reference = { name, rows };
      else if (!sameRows(rows as never, reference.rows as never)) failures.push(`plan ${i}: ${name} ${show(rows)} ≠ ${reference.name} ${show(reference.rows)}\n${lowered.sql}`);
    }
  }
  assert.equal(failures.slice(0, 5), [], `${failures.length} failures`);
});

// Programs are generated over the same table shapes (t1, t2, t3, t_empty), so they read the loaded tables.
test('random programs: one statement with CTEs equals view-by-view execution, on DuckDB and SQLite', async () => {
  const { programs } = generatePrograms(SEED + 1, 15);
  const failures: string[] = [];
  for (const program of programs) {
    let reference: string | undefined;
    for (const e of engines.filter((x) => x.dialect !== 'postgres')) {
      const results: string[] = [];
      for (const v of program.views) results.push(show(sorted((await e.run(lowerView(program, v.name, e.dialect), schemaOf(v.rel))).rows)));
      for (const v of program.views) await e.exec(`CREATE TABLE ${quoteIdent(v.name, e.dialect)} AS ${lowerViewForExecution(program, v.name, e.dialect).sql}`);
      for (const [i, v] of program.views.entries()) {
        const stepwise = show(sorted((await e.run(lowerRel({ kind: 'ref', name: v.name, schema: schemaOf(v.rel) }, e.dialect), schemaOf(v.rel))).rows));
        if (stepwise !== results[i]) failures.push(`${program.name}/${v.name} on ${e.dialect}: stepwise ${stepwise} ≠ CTE ${results[i]}`);
      }
      for (const v of [...program.views].reverse()) await e.exec(`DROP TABLE ${quoteIdent(v.name, e.dialect)}`);
      const all = results.join('\n');
      if (reference === undefined) reference = all;
      else if (all !== reference) failures.push(`${program.name}: ${e.dialect} differs from duckdb`);
    }
  }
  assert.equal(failures, []);
});

test('the random plans lower to identical text every time', () => {
  for (const rel of plans.slice(0, 50) as Rel[]) for (const d of ['duckdb', 'sqlite', 'postgres'] as const) assert.is(lowerRel(rel, d).sql, lowerRel(JSON.parse(JSON.stringify(rel)), d).sql);
});

test.run();
