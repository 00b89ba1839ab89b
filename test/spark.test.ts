// The Spark SQL target on a real Spark (PySpark 4 from the pinned venv, local[2], its defaults:
// ANSI mode on): the 22 TPC-H queries and the PostgreSQL-semantics probes (test/pg-oracle/probes*.sql)
// run as written on PostgreSQL, the oracle, and transpiled by relc (from the postgres dialect) on
// Spark; every result must equal PostgreSQL's (probes: optimized and unoptimized plans), except
// where test/pg-oracle/differences.ts documents relc's behaviour on Spark — asserted exactly.
// Also on Spark: the recursion corpus of test/recursive-sql.test.ts (test/recursive-corpus.ts), every
// registry function lowered and analysed, and the quickstart pack view by view.
// Spark starts once for the whole file (scripts/spark/bridge.py); without PySpark or Java every
// test fails with what to install, never skips.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { E, field, isRelcError, transformUp, REGISTRY, RelcError, resolveCall, schemaOf, T, typeToString, validateRel, type DataType, type Expr, type LiteralValue, type Rel, type Render } from '../src/ir/index.ts';
import { openBackend, type Backend } from '../src/backends/index.ts';
import { DUCKDB, lowerRel, lowerView, quoteIdent, SPARK } from '../src/lower/sql/index.ts';
import { loadSpecFile, prepareProgram } from '../src/run/compose/compile.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { DOCUMENTED } from './pg-oracle/differences.ts';
import { assertOutcome } from './pg-oracle/assert-outcome.ts';
import { probeCatalog, writeProbeTables } from './pg-oracle/tables.ts';
import { compareWithPg, guardedSetup, openPgOracle, PgError, requirePostgres, type PgOracle, type PgResult } from './support/pg-oracle.ts';
import { openSpark, SparkError, sparkValue, type Spark } from './support/spark.ts';
import { expectedEngineType } from './lower-engines.ts';
import { compareResults } from './tpch/harness.ts';
import { readCorpus } from './tpch/corpus.ts';
import { writeExtra } from './tpch/extra.ts';
import { catalog as recursionCatalog, CORPUS as RECURSIONS, withLimit, writeRecursionTables } from './recursive-corpus.ts';
import { optimizeRel } from '../src/optimize/index.ts';
import { parseSelect } from '../src/sql/index.ts';
import { generateTpch } from './tpch/generate.ts';
import { TPCH_PG_INDEXES, tpchCatalog, tpchInputs } from './tpch/schema.ts';

const SCALE = 0.005;
const queryDir = join(import.meta.dirname, 'tpch', 'queries');
const queries = readdirSync(queryDir).filter((f) => f.endsWith('.sql')).sort();
const probeDir = join(import.meta.dirname, 'pg-oracle');
const probes = readdirSync(probeDir).filter((f) => /^probes.*\.sql$/.test(f)).sort().flatMap((f) => readCorpus(join(probeDir, f)));
const documented = new Map(DOCUMENTED.flatMap((d) => (d.relc.spark ? [[d.probe, { ...d, spark: d.relc.spark }] as const] : [])));
let started = 0; // set when the suite starts (uvu imports every file of a run before running any)

const tally = { tpch: 0, probesEqual: 0, probesDocumented: 0, recursionsEqual: 0, recursionsRefused: 0, setGuarded: 0, guards: 0 };

let spark: Spark | undefined;
let pg: PgOracle | undefined;
let duckdb: Backend | undefined;
let dataDir: string | undefined;

const setup = guardedSetup(async () => {
  started = Date.now();
  requirePostgres();
  dataDir = mkdtempSync(join(tmpdir(), 'relc-spark-'));
  const sparkStarting = openSpark();
  sparkStarting.catch(() => {}); // awaited below; PostgreSQL and the data are prepared meanwhile
  generateTpch(dataDir, { scale: SCALE });
  const inputs = [...tpchInputs(dataDir), ...writeExtra(dataDir), ...writeProbeTables(dataDir), ...writeRecursionTables(dataDir)];
  pg = openPgOracle(inputs, TPCH_PG_INDEXES);
  // Spark reads the tables as Parquet files written by DuckDB from the very CSV files PostgreSQL loaded.
  duckdb = await openBackend('duckdb', { threads: 1 });
  spark = await sparkStarting;
  for (const decl of inputs) {
    await duckdb.loadInput(decl, decl.path);
    const file = join(dataDir, `${decl.name}.parquet`);
    await duckdb.exec(`COPY ${quoteIdent(decl.name, 'duckdb')} TO '${file}' (FORMAT parquet)`);
    await spark.view(decl.name, file);
  }
});
test.before(setup.run);
test.after(async () => {
  spark?.close();
  pg?.close();
  await duckdb?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  const s = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`spark: TPC-H ${tally.tpch}/${queries.length} equal to PostgreSQL; probes ${tally.probesEqual} equal + ${tally.probesDocumented} documented of ${probes.length}; recursions ${tally.recursionsEqual} equal + ${tally.recursionsRefused} set-semantics ones refused unguarded (${tally.setGuarded} of them equal under max_iterations) of ${RECURSIONS.length}, ${tally.guards} max_iterations guards exact; ${s} s`);
});

test('Spark and PostgreSQL are running with the tables loaded', () => {
  setup.check();
  assert.match(spark!.version, /^4\./);
});

test('the 22 TPC-H queries', () => {
  assert.equal(queries, Array.from({ length: 22 }, (_, i) => `q${String(i + 1).padStart(2, '0')}.sql`));
});

for (const file of queries) {
  test(`TPC-H ${file}: relc on Spark equals PostgreSQL`, async () => {
    setup.check();
    const sql = readFileSync(join(queryDir, file), 'utf8');
    const expected = await pg!.query(sql);
    assert.ok(expected.rows.length > 0, `${file}: the generated data must give the query rows on PostgreSQL`);
    const t = transpileQuery(sql, { from: 'postgres', to: 'spark', catalog: tpchCatalog });
    validateRel(t.rel, { lowered: true });
    const diff = compareWithPg(expected, await spark!.runRelc(t), /--\s*relc:\s*ordered/.test(sql));
    assert.is(diff, null, `${file} on Spark: ${diff}\n${t.text}`);
    tally.tpch++;
  });
}

function transpiled(sql: string, optimize: boolean) {
  const t = transpileQuery(sql, { from: 'postgres', to: 'spark', catalog: probeCatalog, optimize });
  validateRel(t.rel, { lowered: true });
  return t;
}

for (const probe of probes) {
  const doc = documented.get(probe.name);
  test(`probe ${probe.name} on Spark${doc ? ' (documented difference)' : ''}`, async () => {
    setup.check();
    let expected: PgResult | undefined;
    try {
      expected = await pg!.query(probe.sql);
    } catch (e) {
      if (!(e instanceof PgError) || !doc?.postgresError) throw e;
      assert.match(e.message, doc.postgresError, probe.name);
    }
    const label = `${probe.name} on Spark`;
    if (doc) {
      await assertOutcome(() => spark!.runRelc(transpiled(probe.sql, true)), doc.spark, expected, label, { error: SparkError, code: 'Spark' });
      tally.probesDocumented++;
      return;
    }
    assert.ok(expected, `${label}: PostgreSQL failed, so relc's behaviour here must be documented`);
    let previous: string | undefined;
    for (const optimize of [true, false]) {
      const t = transpiled(probe.sql, optimize);
      if (t.text === previous) continue; // the same text gives the same rows: Spark runs it once
      previous = t.text;
      const diff = compareWithPg(expected!, await spark!.runRelc(t), probe.ordered);
      assert.is(diff, null, `${label}${optimize ? '' : ' (unoptimized)'}: ${diff}\n${t.text}`);
    }
    tally.probesEqual++;
  });
}

// Shapes Spark prints its own way, beyond the probes: RANGE frames over dates and timestamps
// (ANSI interval literals), rollups, quantified comparisons, generate_series, UNION ALL recursion.
const EXTRA: readonly { readonly name: string; readonly sql: string }[] = [
  { name: 'range_frame_days_over_dates', sql: "select k, sum(v) over (order by d range between interval '1 day' preceding and current row) as r from (values (1, 1, date '2020-01-01'), (2, 2, date '2020-01-02'), (3, 4, date '2020-01-04')) t(k, v, d) order by k" },
  { name: 'range_frame_hours_over_timestamps', sql: "select k, sum(v) over (order by d range between interval '36 hours' preceding and current row) as r from (values (1, 1, timestamp '2020-01-01 00:00'), (2, 2, timestamp '2020-01-02 12:00'), (3, 4, timestamp '2020-01-04 00:00')) t(k, v, d) order by k" },
  { name: 'rollup', sql: "select a, b, sum(c) as s from (values (1, 'x', 2), (1, 'y', 3), (2, 'x', 4)) t(a, b, c) group by rollup (a, b) order by a nulls last, b nulls last" },
  { name: 'greater_than_all', sql: 'select k from (values (1), (5), (null)) t(k) where k > all (select x from (values (2), (3)) u(x)) order by k' },
  { name: 'generate_series', sql: 'select g from generate_series(1, 9, 3) as s(g) order by g' },
  // Spark's range(start, end, step) excludes its end: relc moves it one past the stop.
  { name: 'generate_series_counting_down_to_its_stop', sql: 'select g from generate_series(10, -2, -4) as s(g) order by g' },
  { name: 'generate_series_of_bigints_at_the_limit', sql: 'select g from generate_series(9223372036854775805, 9223372036854775807) as s(g) order by g' },
  { name: 'generate_series_past_spark_default_recursion_level', sql: 'select count(*) as n, sum(g) as s from generate_series(1, 5000) as s(g)' },
  { name: 'recursion_past_spark_default_recursion_level', sql: 'with recursive r(n) as (select 1 union all select n + 1 from r where n < 300) select count(*) as c, max(n) as m from r' },
  { name: 'union_all_recursion', sql: 'with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select n from r order by n' },
];

for (const q of EXTRA) {
  test(`${q.name} on Spark equals PostgreSQL`, async () => {
    setup.check();
    const expected = await pg!.query(q.sql);
    const diff = compareWithPg(expected, await spark!.runRelc(transpiled(q.sql, true)), true);
    assert.is(diff, null, `${q.name}: ${diff}`);
  });
}

// WITH RECURSIVE on Spark (4.x runs UNION ALL recursions only, MAX RECURSION LEVEL lifting its
// default limit of 100): the recursion corpus of test/recursive-sql.test.ts, relc's text (optimized
// and not) on Spark equal to PostgreSQL running the query as written; the max_iterations guard
// exact (the smallest sufficient limit gives the rows, one less raises relc_error[RECURSION_LIMIT]).
// A set-semantics (UNION) recursion is BACKEND_UNSUPPORTED naming the recursion unless guarded:
// then it counts with UNION ALL and keeps each row once, equal to PostgreSQL as well.
async function sparkRows(rel: Rel) {
  const schema = schemaOf(rel);
  const { types, rows } = await spark!.query(lowerRel(rel, 'spark').sql);
  assert.equal(types.map((t, i) => expectedEngineType(schema[i]!.type, 'spark').test(t)), schema.map(() => true), `Spark types ${types.join(', ')}`);
  return { schema, rows: rows.map((r) => schema.map((f, i) => sparkValue(f.type, r[i]))) };
}

for (const c of RECURSIONS) {
  test(`recursion on Spark: ${c.name}`, async () => {
    setup.check();
    const parsed = parseSelect(c.sql, { dialect: 'postgres', catalog: recursionCatalog });
    const expected = await pg!.query(c.sql);
    assert.ok(expected.rows.length > 0, 'PostgreSQL returns rows');
    let setSemantics = false;
    transformUp(parsed, (r) => {
      if (r.kind === 'recursive' && r.distinct) setSemantics = true;
      return r;
    });
    for (const optimize of [false, true]) {
      const rel = optimize ? optimizeRel(parsed).rel : parsed;
      const label = `${c.name}${optimize ? '' : ' (unoptimized)'}`;
      if (setSemantics) {
        try {
          lowerRel(rel, 'spark');
          assert.unreachable(`${label}: lowered`);
        } catch (e) {
          assert.ok(isRelcError(e) && e.code === 'BACKEND_UNSUPPORTED', `${label}: ${String(e)}`);
          assert.match((e as Error).message, /^recursion \w+ has set semantics \(UNION\), which spark does not run in a recursive CTE \(UNION ALL only\) unless a max_iterations guard bounds it$/);
        }
      } else assert.is(compareWithPg(expected, await sparkRows(rel), false), null, label);
      if (c.iterations === undefined) continue;
      assert.is(compareWithPg(expected, await sparkRows(withLimit(rel, c.iterations)), false), null, `${label}: max_iterations=${c.iterations} is enough`);
      try {
        await sparkRows(withLimit(rel, c.iterations - 1));
        assert.unreachable(`${label}: max_iterations=${c.iterations - 1} returned rows`);
      } catch (e) {
        assert.instance(e, SparkError, String(e));
        assert.match((e as Error).message, 'relc_error[RECURSION_LIMIT]: recursion');
      }
      if (optimize) tally.guards++;
    }
    if (setSemantics) tally.recursionsRefused++;
    else tally.recursionsEqual++;
    if (setSemantics && c.iterations !== undefined) tally.setGuarded++;
  });
}

test('on Spark the guard is not lost under an outer filter that rejects every row, nor under count(*)', async () => {
  setup.check();
  const sql = 'with recursive s(i) as (select 1 union all select i + 1 from s where i < 100) select i from s';
  const rel = withLimit(parseSelect(sql, { dialect: 'postgres', catalog: recursionCatalog }), 50);
  const filtered: Rel = { kind: 'filter', input: rel, condition: E.call('equal', [E.col(0), E.lit(T.int32, 1000)], T.bool) };
  const counted: Rel = { kind: 'aggregate', input: rel, groupBy: [], measures: [{ fn: 'count', args: [], distinct: false, type: T.int64 }], names: ['n'] };
  for (const r of [filtered, counted]) {
    try {
      await sparkRows(r);
      assert.unreachable('returned rows');
    } catch (e) {
      assert.instance(e, SparkError, String(e));
      assert.match((e as Error).message, 'relc_error[RECURSION_LIMIT]');
    }
  }
});

// Spark has none of relc's shims (DuckDB macros, SQLite functions): a registry row whose default
// rendering calls one must say what Spark does, else its calls would reach Spark as unknown routines.
test('no registry row falls back on Spark to a default that calls a relc_ shim', () => {
  const names = (r: Render): string[] => {
    switch (r.kind) {
      case 'fn': case 'ordered_set': case 'sorted_by_arg': case 'collect_sorted': return [r.name];
      case 'template': return [r.template];
      case 'wrap_result': return [r.template, ...names(r.render)];
      case 'by_type': return [...r.cases.flatMap((c) => names(c.render)), ...names(r.default)];
      case 'cast_result': case 'cast_args': return names(r.render);
      default: return [];
    }
  };
  // (stable_id is expanded by the lowering from the dialect's stableIdHash, never rendered.)
  const falling = [...REGISTRY.values()].filter((d) => d.name !== 'stable_id' && d.render.spark === undefined && names(d.render.default).some((t) => /\brelc_/.test(t))).map((d) => d.name);
  assert.equal(falling, []);
});

// Every registry function, for every signature (the first concrete type of each argument pattern),
// either lowers to Spark SQL that Spark analyses (no unknown routine, no syntax or type error),
// or is refused by relc with BACKEND_UNSUPPORTED naming the function — never left to Spark's own
// error. The calls read columns of an empty view, so only the text is checked here; the probes check values.
const REGISTRY_TYPES: readonly DataType[] = [T.int32, T.int64, T.float64, T.decimal(12, 2), T.utf8, T.bool, T.date, T.timestamp, T.binary, T.list(T.int64), T.list(T.utf8)];
const FIRST_CHOICE: Readonly<Record<string, DataType>> = {
  any: T.int64, numeric: T.int64, integer: T.int64, string: T.utf8, temporal: T.date, comparable: T.int64, list: T.list(T.int64),
};
const registryColumn = (t: DataType): string => `c_${typeToString(t).replace(/[^a-z0-9]+/g, '_')}`;

test('every registry function lowers to Spark SQL that Spark analyses, or is refused by relc naming it', async () => {
  setup.check();
  const schema = [field('k', T.int64), ...REGISTRY_TYPES.map((t) => field(registryColumn(t), t, true))];
  const sparkType = (t: DataType): string => (t.kind === 'list' ? `ARRAY<${sparkType(t.element)}>` : t.kind === 'decimal' ? `DECIMAL(${t.precision}, ${t.scale})` : SPARK.typeNames[t.kind as 'int64']);
  const columns = schema.map((f) => `CAST(NULL AS ${sparkType(f.type)}) AS ${quoteIdent(f.name, 'spark')}`);
  await spark!.query(`CREATE OR REPLACE TEMP VIEW relc_registry AS SELECT ${columns.join(', ')} WHERE FALSE`);
  const input: Rel = { kind: 'scan', table: 'relc_registry', schema };
  const colOf = (t: DataType): Expr => E.col(1 + REGISTRY_TYPES.findIndex((x) => typeToString(x) === typeToString(t)));
  const refusedWithoutName: string[] = [];
  const failures: string[] = [];
  let analysed = 0;
  let refused = 0;
  for (const def of REGISTRY.values()) {
    if (def.name === 'stable_id') continue; // expanded by the lowering from stableIdHash, never rendered
    for (const sig of def.signatures) {
      const args = [...sig.args, ...(sig.variadic ? [sig.variadic] : [])].map((p) => FIRST_CHOICE[p] ?? (T as unknown as Record<string, DataType>)[p]!);
      if (args.some((t) => t === undefined || !REGISTRY_TYPES.some((x) => typeToString(x) === typeToString(t)))) continue; // intervals: no column of that type on Spark
      let type: DataType;
      try {
        type = resolveCall(def.name, args).returns;
      } catch {
        continue; // a combination the signature's own rules reject
      }
      const cols = args.map(colOf);
      const rel: Rel = def.kind === 'scalar'
        ? { kind: 'project', input, exprs: [E.call(def.name, cols, type)], names: ['x'] }
        : def.kind === 'aggregate'
          ? { kind: 'aggregate', input, groupBy: [], measures: [{ fn: def.name, args: cols, distinct: false, type }], names: ['x'] }
          : { kind: 'window', input, functions: [{ fn: def.name, args: cols, distinct: false, partitionBy: [], orderBy: [E.asc(E.col(0))], type }], names: ['x'] };
      const label = `${def.name}(${args.map(typeToString).join(', ')})`;
      let sql: string;
      try {
        sql = lowerRel(rel, 'spark').sql;
      } catch (e) {
        if (isRelcError(e) && e.code === 'BACKEND_UNSUPPORTED') {
          refused++;
          if (!e.message.includes(def.name)) refusedWithoutName.push(`${label}: ${e.message}`);
        } else failures.push(`${label}: relc ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      try {
        await spark!.query(sql);
        analysed++;
      } catch (e) {
        failures.push(`${label}: ${(e as Error).message.slice(0, 200)}\n${sql}`);
      }
    }
  }
  assert.equal(failures, []);
  assert.equal(refusedWithoutName, []);
  assert.ok(analysed > 150, `only ${analysed} calls analysed by Spark (${refused} refused)`);
});

test('a rendering that calls a shim on a dialect refusing shim calls is BACKEND_UNSUPPORTED naming function and dialect', () => {
  const rel = transpileQuery('select upper(v) as u from q', { from: 'postgres', to: 'duckdb', catalog: probeCatalog }).rel;
  try {
    lowerRel(rel, { ...DUCKDB, refuseShimCalls: true });
    assert.unreachable('lowered');
  } catch (e) {
    assert.ok(isRelcError(e), String(e));
    assert.is((e as RelcError).code, 'BACKEND_UNSUPPORTED');
    assert.match((e as Error).message, /upper \(no duckdb rendering: the default calls relc's shim relc_upper\) is not supported on duckdb/);
  }
});

test('set-semantics recursion is refused on Spark, which runs UNION ALL recursion only', () => {
  const sql = 'with recursive r(n) as (select 1 union select n + 1 from r where n < 5) select n from r';
  try {
    transpiled(sql, true);
    assert.unreachable('lowered');
  } catch (e) {
    assert.ok(isRelcError(e), String(e));
    assert.is((e as RelcError).code, 'BACKEND_UNSUPPORTED');
    assert.match((e as Error).message, /recursion r has set semantics \(UNION\), which spark does not run in a recursive CTE \(UNION ALL only\) unless a max_iterations guard bounds it/);
  }
});

// The laptop → cluster path: every view of a pack, compiled for Spark as `relc compile --target
// spark` prints it (dependencies as CTEs, parameters as `?` bound positionally), run on Spark over
// the pack's own input files, equals the same view compiled for and run on DuckDB (a DuckDB of its
// own: the pack's input names are its tables; on Spark they replace earlier views of those names).
async function packOnSpark(pack: string): Promise<{ refused: string[]; compared: number; views: number }> {
  const file = join(import.meta.dirname, '..', 'examples', pack, 'relc.yaml');
  const compiled = await loadSpecFile(file);
  const { program } = await prepareProgram(compiled.program, { optimize: true, disable: [] }, compiled);
  const local = await openBackend('duckdb', { threads: 1 });
  try {
    for (const input of program.inputs) {
      await local.loadInput(input, join(dirname(file), input.path));
      const parquet = join(dataDir!, `${pack}_${input.name}.parquet`);
      await local.exec(`COPY ${quoteIdent(input.name, 'duckdb')} TO '${parquet}' (FORMAT parquet)`);
      await spark!.view(input.name, parquet);
    }
    const defaults = new Map(program.params.map((p) => [p.name, (p.default?.value ?? null) as LiteralValue]));
    const refused: string[] = [];
    let compared = 0;
    for (const view of program.views) {
      let onSpark;
      try {
        onSpark = lowerView(program, view.name, 'spark');
      } catch (e) {
        if (!isRelcError(e) || e.code !== 'BACKEND_UNSUPPORTED') throw e;
        refused.push(view.name);
        continue;
      }
      const schema = schemaOf(view.rel);
      const onDuckdb = lowerView(program, view.name, 'duckdb');
      const expected = { schema, rows: await local.query(onDuckdb.sql, onDuckdb.params.map((n) => defaults.get(n) as never), schema) };
      const { types, rows } = await spark!.query(onSpark.sql, onSpark.params.map((n) => defaults.get(n)));
      assert.equal(types.map((t, i) => expectedEngineType(schema[i]!.type, 'spark').test(t)), schema.map(() => true), `${view.name}: Spark types ${types.join(', ')}`);
      const actual = { schema, rows: rows.map((r) => schema.map((f, i) => sparkValue(f.type, r[i]))) };
      assert.is(compareResults(expected, actual, false), null, `${view.name} on Spark\n${onSpark.sql}`);
      compared++;
    }
    return { refused, compared, views: program.views.length };
  } finally {
    await local.close();
  }
}

test('the quickstart pack, view by view on Spark, equals its views on DuckDB', async () => {
  setup.check();
  const r = await packOnSpark('quickstart');
  assert.equal(r.refused, ['nodes_norm']); // nfc_normalize: Spark has no Unicode normalization
  assert.is(r.compared, r.views - 1);
});

// Its recursions: hops and reach have set semantics under a max_iterations guard (UNION ALL counted
// on Spark), parts is a bag recursion.
test('the recursive example pack, view by view on Spark, equals its views on DuckDB', async () => {
  setup.check();
  const r = await packOnSpark('recursive');
  assert.equal(r.refused, []);
  assert.is(r.compared, r.views);
});

test.run();
