// The corpora of the interop suite: the hand-built coverage program, the quickstart rule pack
// and the 22 TPC-H queries. Each corpus writes its inputs once as Parquet files with exactly the
// declared types (through DuckDB); DuckDB reads those same files to compute the oracle rows, and
// the Python side registers them in DataFusion and Acero.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { schemaOf, type InputDecl, type Program, type Rel, type Schema, type SortKey } from '../../src/ir/index.ts';
import { lowerView } from '../../src/lower/sql/index.ts';
import { openBackend, literalToCanonical, openParquetWriter, typed, type Backend, type BindValue, type CanonicalRow } from '../../src/backends/index.ts';
import { optimizeProgram, optimizeRel } from '../../src/optimize/index.ts';
import { compileSpecText } from '../../src/spec/index.ts';
import { parseSelect } from '../../src/sql/index.ts';
import { readCorpus } from '../tpch/corpus.ts';
import { writeExtra } from '../tpch/extra.ts';
import { generateTpch } from '../tpch/generate.ts';
import { corpusCatalog, tpchCatalog, tpchInputs } from '../tpch/schema.ts';
import { coverageFixture } from './fixtures.ts';
import { orderKeysOf, type OrderKey } from './compare.ts';

const root = resolve(import.meta.dirname, '../..');

/** One query of a corpus: the program whose plan the consumers run, and how DuckDB answers it. */
export interface InteropCase {
  readonly id: string;
  /** The program to lower and the root to plan: a view (`views`) or a single output. */
  readonly program: Program;
  readonly view?: string;
  /** The IR schema of the result (the plan's RelRoot). */
  readonly schema: Schema;
  /** Keys the plan orders its result by (columns of the result), empty when unordered. */
  readonly order: readonly OrderKey[];
  /** DuckDB's canonical rows for the same query on the same input files. */
  readonly expected: readonly CanonicalRow[];
  /** What DuckDB ran: relc's SQL for the view, or the query's original text. */
  readonly oracle: string;
  /** A justified reason DataFusion is known to disagree (its check is then informational). */
  readonly knownFailure?: string;
}

export interface InteropCorpus {
  readonly name: string;
  /** Input tables as Parquet files, with the declared schema DataFusion registers them under. */
  readonly tables: readonly { readonly name: string; readonly path: string; readonly schema: Schema }[];
  readonly cases: readonly InteropCase[];
}

/**
 * Queries whose DataFusion check is known to fail, with the reason (the check is then
 * informational). Each entry must keep failing: one that passes is reported as a failure, so
 * the list stays honest.
 */
export const KNOWN_FAILURES: Readonly<Record<string, string>> = {
  // DataFusion 55 executes LIKE only with the backslash as escape character; relc writes the
  // query's own escape (like:str_str_str), as the standard asks.
  'sql/like_escape': 'DataFusion: "LIKE does not support escape_char other than the backslash"',
  // DataFusion 55 runs one aggregate ORDER BY per aggregation; this query has two different ones
  // (sql/string_agg_one_order, with one, runs).
  'sql/string_agg_ordered_grouped': 'DataFusion: "Conflicting ordering requirements in aggregate functions is not supported"',
  // relc's percentile_cont/percentile_disc are functions of its own extension (functions_relc.yaml),
  // which DataFusion 55's consumer does not map.
  // PostgreSQL's greatest/least skip NULLs: Substrait's greatest_skip_null/least_skip_null, which
  // DataFusion 55's consumer does not map (its own greatest/least skip NULLs too, under the
  // standard names that mean NULL-propagating ones).
  'sql/real_greatest_least_nullif': 'DataFusion: "Unsupported function name: \"greatest_skip_null\""',
  'sql/percentiles_within_group': 'DataFusion: "Aggregate function percentile_disc:any_fp64 is not supported"',
};

interface Oracle {
  readonly sql: string;
  readonly params: readonly BindValue[];
}

/** Opens DuckDB over the corpus's Parquet files and answers each oracle query. */
async function withParquetTables<T>(tables: InteropCorpus['tables'], run: (db: Backend) => Promise<T>): Promise<T> {
  const db = await openBackend('duckdb', { threads: 2 });
  try {
    for (const t of tables) await db.loadInput({ name: t.name, path: t.path, format: 'parquet', schema: t.schema }, t.path);
    return await run(db);
  } finally {
    await db.close();
  }
}

/** Loads declared inputs (CSV, JSON Lines…) in DuckDB and copies each table to `<dir>/<name>.parquet`. */
async function toParquet(decls: readonly InputDecl[], dir: string, pathOf: (d: InputDecl) => string): Promise<InteropCorpus['tables']> {
  const db = await openBackend('duckdb', { threads: 2 });
  try {
    const out: { name: string; path: string; schema: Schema }[] = [];
    for (const d of decls) {
      await db.loadInput(d, pathOf(d));
      const path = join(dir, `${d.name}.parquet`);
      // The table name is an identifier from the declaration, the path a bound value.
      await db.exec(`COPY "${d.name.replaceAll('"', '""')}" TO $1 (FORMAT parquet)`, [path]);
      out.push({ name: d.name, path, schema: d.schema });
    }
    return out;
  } finally {
    await db.close();
  }
}

function paramBinds(program: Program, sqlParams: readonly string[]): BindValue[] {
  return sqlParams.map((name) => {
    const p = program.params.find((x) => x.name === name);
    if (!p?.default) throw new Error(`parameter :${name} has no default to bind`);
    return typed(p.field.type, literalToCanonical(p.field.type, p.default.value));
  });
}

function relcSql(program: Program, view: string): Oracle {
  const s = lowerView(program, view, 'duckdb');
  return { sql: s.sql, params: paramBinds(program, s.params) };
}

/** The coverage fixture: every relation kind and type, one case per view, relc's SQL as the oracle. */
export async function coverageCorpus(dir: string): Promise<InteropCorpus> {
  const { program, tables: fixture } = coverageFixture();
  const writer = await openParquetWriter();
  const tables: { name: string; path: string; schema: Schema }[] = [];
  try {
    for (const t of fixture) {
      const path = join(dir, `${t.decl.name}.parquet`);
      await writer.write(path, t.decl.schema, t.rows as CanonicalRow[]);
      tables.push({ name: t.decl.name, path, schema: t.decl.schema });
    }
  } finally {
    writer.close();
  }
  const cases = await withParquetTables(tables, async (db) => {
    const out: InteropCase[] = [];
    for (const v of program.views) {
      const oracle = relcSql(program, v.name);
      const schema = schemaOf(v.rel);
      const id = `coverage/${v.name}`;
      out.push({
        id, program, view: v.name, schema, order: orderKeysOf(v.rel),
        expected: await db.query(oracle.sql, oracle.params, schema, v.name), oracle: 'relc SQL (duckdb)',
        ...(KNOWN_FAILURES[id] ? { knownFailure: KNOWN_FAILURES[id] } : {}),
      });
    }
    return out;
  });
  return { name: 'coverage', tables, cases };
}

/**
 * The quickstart rule pack: one plan per output (sorted as relc sorts outputs), parameters bound
 * to their defaults, the program optimized as `relc compile` does. The oracle is relc's SQL for
 * the unoptimized view on DuckDB, so the check is also optimized-versus-unoptimized.
 */
export async function quickstartCorpus(dir: string): Promise<InteropCorpus> {
  const file = join(root, 'examples/quickstart/relc.yaml');
  const { program } = await compileSpecText(readFileSync(file, 'utf8'), file);
  const optimized = optimizeProgram(program, {}).program;
  const tables = await toParquet(program.inputs, dir, (d) => resolve(join(root, 'examples/quickstart'), d.path));
  const cases = await withParquetTables(tables, async (db) => {
    const out: InteropCase[] = [];
    for (const o of program.outputs) {
      const view = program.views.find((v) => v.name === o.from)!;
      const schema = schemaOf(view.rel);
      const oracle = relcSql(program, o.from);
      const id = `quickstart/${o.name}`;
      out.push({
        id, program: { ...optimized, outputs: [o] }, schema, order: outputOrder(o.orderBy, schema),
        expected: await db.query(oracle.sql, oracle.params, schema, o.from), oracle: 'relc SQL (duckdb, unoptimized)',
        ...(KNOWN_FAILURES[id] ? { knownFailure: KNOWN_FAILURES[id] } : {}),
      });
    }
    return out;
  });
  return { name: 'quickstart', tables, cases };
}

/** The keys relc sorts an output by: its order_by, else every orderable column. */
function outputOrder(keys: readonly SortKey[], schema: Schema): OrderKey[] {
  const all = keys.length ? keys : schema.flatMap((f, i): SortKey[] => (f.type.kind === 'list' || f.type.kind === 'struct' ? [] : [{ expr: { kind: 'col', index: i }, direction: 'asc', nulls: 'last' }]));
  return orderKeysOf({ kind: 'sort', input: { kind: 'values', schema, rows: [] }, keys: all });
}

/**
 * TPC-H: the 22 queries parsed as PostgreSQL, optimized, one plan each; the data from the
 * deterministic generator; the oracle is DuckDB running the original query text.
 */
export async function tpchCorpus(dir: string, scale: number): Promise<InteropCorpus> {
  const csv = join(dir, 'csv');
  generateTpch(csv, { scale });
  const tables = await toParquet(tpchInputs(csv), dir, (d) => d.path);
  const qdir = join(root, 'test/tpch/queries');
  const files = readdirSync(qdir).filter((f) => f.endsWith('.sql')).sort();
  const cases = await withParquetTables(tables, async (db) => {
    const out: InteropCase[] = [];
    for (const f of files) {
      const name = f.replace(/\.sql$/, '');
      const text = readFileSync(join(qdir, f), 'utf8');
      const rel: Rel = optimizeRel(parseSelect(text, { dialect: 'postgres', catalog: tpchCatalog }), {}).rel;
      const schema = schemaOf(rel);
      const program: Program = { name, profile: 'default', params: [], inputs: [], views: [{ name, rel }], outputs: [] };
      const known = KNOWN_FAILURES[`tpch/${name}`];
      out.push({
        id: `tpch/${name}`, program, view: name, schema, order: orderKeysOf(rel),
        expected: await db.query(text, [], schema, name), oracle: 'original query (duckdb)',
        ...(known ? { knownFailure: known } : {}),
      });
    }
    return out;
  });
  return { name: 'tpch', tables, cases };
}

/**
 * The SQL front end's construct corpus (test/tpch/corpus/valid.sql: NULLs, LIKE escapes,
 * set operations, windows, subqueries… over small emp/dept tables and TPC-H), one plan per
 * query, optimized. The oracle is relc's SQL for the same relation on DuckDB (the corpus's
 * own test holds that SQL equal to the original query).
 */
export async function sqlCorpus(dir: string, tpch: InteropCorpus['tables']): Promise<InteropCorpus> {
  const extra = await toParquet(writeExtra(dir), dir, (d) => d.path);
  const tables = [...tpch, ...extra];
  const queries = readCorpus(join(root, 'test/tpch/corpus/valid.sql'));
  const cases = await withParquetTables(tables, async (db) => {
    const out: InteropCase[] = [];
    for (const q of queries) {
      const id = `sql/${q.name}`;
      const rel = optimizeRel(parseSelect(q.sql, { dialect: q.dialect, catalog: corpusCatalog }), {}).rel;
      const schema = schemaOf(rel);
      const program: Program = { name: q.name, profile: 'default', params: [], inputs: [], views: [{ name: q.name, rel }], outputs: [] };
      const oracle = relcSql(program, q.name);
      out.push({
        id, program, view: q.name, schema, order: orderKeysOf(rel),
        expected: await db.query(oracle.sql, oracle.params, schema, q.name), oracle: 'relc SQL (duckdb)',
        ...(KNOWN_FAILURES[id] ? { knownFailure: KNOWN_FAILURES[id] } : {}),
      });
    }
    return out;
  });
  return { name: 'sql', tables, cases };
}
