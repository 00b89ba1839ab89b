// The round trip on data: relc → Substrait (binary) → relc → SQL, executed, must give the rows
// of the original. Seeded random plans (every operator, NULLs, duplicates, empty tables) on
// DuckDB and SQLite for every consumer profile, and the 22 TPC-H queries on generated data
// against the original query on DuckDB, optimized and not.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { isRelcError, schemaOf, type InputDecl, type LiteralValue, type Program, type Rel, type Schema } from '../src/ir/index.ts';
import { lowerRel, lowerView } from '../src/lower/sql/index.ts';
import { encodePlanBinary, SUBSTRAIT_CONSUMERS, toSubstraitPlan, type SubstraitConsumerName } from '../src/lower/substrait/index.ts';
import { decodeSubstrait } from '../src/substrait/index.ts';
import { optimizeRel } from '../src/optimize/index.ts';
import { parseSelect } from '../src/sql/index.ts';
import { loadStatements, openDuckDB, openSQLite, type Engine, type Table } from './lower-engines.ts';
import { generatePlans, rootOrdersTotally } from './support/random-plans.ts';
import { sameRows, show, sorted } from './lower-compare.ts';
import { compareResults, openTpchEngines, runOracle, type Engines } from './tpch/harness.ts';
import { tpchCatalog } from './tpch/schema.ts';

const SEED = 20261207;
const PLANS = 200;
const CONSUMERS = Object.keys(SUBSTRAIT_CONSUMERS) as SubstraitConsumerName[];

/** One query as a program: its tables as inputs, the query as the view `query`, written out. */
function programOf(rel: Rel, tables: ReadonlyMap<string, Schema>): Program {
  const inputs: InputDecl[] = [...tables].map(([name, schema]) => ({ name, path: `${name}.parquet`, format: 'parquet', schema }));
  return { name: 'q', profile: 'default', params: [], inputs, views: [{ name: 'query', rel }], outputs: [{ name: 'query', from: 'query', orderBy: [], format: 'parquet' }] };
}

/** The program back from Substrait binary for `consumer`; undefined when the profile refuses the plan (a coded error). */
function roundTrip(program: Program, consumer: SubstraitConsumerName): { program?: Program; refused?: string } {
  try {
    return { program: decodeSubstrait(encodePlanBinary(toSubstraitPlan(program, { consumer }))) };
  } catch (e) {
    if (isRelcError(e) && e.code === 'BACKEND_UNSUPPORTED') return { refused: e.message };
    throw e;
  }
}

const { tables, plans } = generatePlans(SEED, PLANS);
const TABLES: Table[] = tables.map((t) => ({ name: t.name, schema: t.schema, rows: t.rows.map((r) => r.map((v): LiteralValue => (typeof v === 'bigint' ? v.toString() : v))) }));
const SCHEMAS = new Map(tables.map((t) => [t.name, t.schema]));
let engines: Engine[] = [];

test.before(async () => {
  engines = [await openDuckDB(), await openSQLite()];
  for (const e of engines) for (const t of TABLES) for (const s of loadStatements(t, e.dialect)) await e.exec(s);
});
test.after(async () => {
  for (const e of engines) await e.close();
});

test(`${PLANS} random plans through Substrait binary and back give the original rows on DuckDB and SQLite, for every consumer profile`, async () => {
  const failures: string[] = [];
  let compared = 0;
  let refused = 0;
  for (const [i, rel] of plans.entries()) {
    const schema = schemaOf(rel);
    const norm = (rows: unknown[][]) => (rootOrdersTotally(rel) ? rows : sorted(rows as never));
    const program = programOf(rel, SCHEMAS);
    for (const e of engines) {
      const original = norm((await e.run(lowerRel(rel, e.dialect), schema)).rows);
      for (const consumer of CONSUMERS) {
        const back = roundTrip(program, consumer);
        if (!back.program) {
          refused++;
          continue;
        }
        const lowered = lowerView(back.program, back.program.outputs[0]!.from, e.dialect);
        const rows = norm((await e.run(lowered, schema)).rows);
        compared++;
        if (!sameRows(rows as never, original as never)) failures.push(`plan ${i} (${consumer}) on ${e.dialect}: ${show(rows)} ≠ original ${show(original)}\n${lowered.sql}`);
      }
    }
  }
  assert.equal(failures.slice(0, 3), [], `${failures.length} mismatches`);
  assert.ok(compared >= PLANS * engines.length, `${compared} comparisons, ${refused} refusals`);
});

const dir = join(import.meta.dirname, 'tpch', 'queries');
const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
let tpch: Engines;

test('TPC-H: the 22 queries through Substrait binary and back equal the original on DuckDB, optimized and not', async () => {
  tpch = await openTpchEngines(0.005);
  const schemas = new Map(tpchCatalog.names().map((n) => [n, schemaOf(tpchCatalog.resolve(n)!)]));
  const failures: string[] = [];
  try {
    for (const file of files) {
      const sql = readFileSync(join(dir, file), 'utf8');
      const ordered = /--\s*relc:\s*ordered/.test(sql);
      const expected = await runOracle(tpch.duckdb, sql);
      const parsed = parseSelect(sql, { dialect: 'postgres', catalog: tpchCatalog });
      for (const [form, rel] of [['optimized', optimizeRel(parsed).rel], ['unoptimized', parsed]] as const) {
        for (const consumer of CONSUMERS) {
          const back = roundTrip(programOf(rel, schemas), consumer);
          if (!back.program) {
            failures.push(`${file} ${form} (${consumer}): refused: ${back.refused}`);
            continue;
          }
          const lowered = lowerView(back.program, back.program.outputs[0]!.from, 'duckdb');
          const actual = { schema: schemaOf(rel), rows: await tpch.duckdb.query(lowered.sql, [], schemaOf(rel)) };
          const diff = compareResults(expected, actual, ordered);
          if (diff !== null) failures.push(`${file} ${form} (${consumer}): ${diff}`);
        }
      }
    }
  } finally {
    await tpch.close();
  }
  assert.equal(failures, []);
});

test.run();
