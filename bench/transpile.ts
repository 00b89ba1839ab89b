// Transpile throughput (issue 13 item 2): the 22 TPC-H queries (postgres dialect) through
// parse → resolve and decorrelate → optimize → emit DuckDB and SQLite SQL, with and without the
// optimizer; queries per second, time per phase, and the share spent parsing. Times the compiled
// pipeline (dist/, see compiled.ts). Each round runs the 22 queries once; the figure is the best
// round of `rounds` (the machine is shared), the median round is given too. For comparison, in
// the same run: sqlglot 30.30 compiled with mypyc (sqlglotc, in the pinned venv:
// bench/sqlglot_tpch.py) on the same texts, parse → optimize (with the schema) → DuckDB and
// SQLite, and parse → both without optimizing; node-sql-parser 5.4.0 (installed, but not what
// relc parses with: see src/sql/CONTEXT.md) as a parse baseline.
//
//   import { benchTranspile } from './transpile.ts';
//   const figures = await benchTranspile({ rounds: 50 });     // or: npx tsx bench/transpile.ts

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Rel, Subquery } from '../src/ir/index.ts';
import { TPCH_SCHEMAS, tpchCatalog } from '../test/tpch/schema.ts';
import { compiled } from './compiled.ts';

type Phases = { parse: number; resolve: number; optimize: number; emit: number };

export interface PipelineFigures {
  /** Best round: 22 queries per its time, per second. */
  readonly queriesPerSecond: number;
  /** Median round, per second. */
  readonly medianQueriesPerSecond: number;
  /** Milliseconds per query and phase in the best round. */
  readonly phaseMs: Phases;
}

export interface TranspileBenchFigures {
  readonly queries: number;
  readonly rounds: number;
  /** Whole pipeline (parse, resolve + decorrelate, optimize, emit for DuckDB and SQLite). */
  readonly optimized: PipelineFigures;
  /** The same without the optimizer (parse, resolve + decorrelate, emit for DuckDB and SQLite). */
  readonly unoptimized: PipelineFigures;
  /** Whole pipeline with optimization, best round: kept for earlier readers of these figures. */
  readonly queriesPerSecond: number;
  readonly phaseMs: Phases;
  /** Share of pipeline time spent in relc's SQL parser (lexer and grammar), best optimized round. */
  readonly parseShare: number;
  /** sqlglotc on the same queries in the same run (null without the venv). */
  readonly sqlglot: SqlglotFigures | null;
  readonly nodeSqlParser: {
    /** Queries node-sql-parser's postgresql grammar accepts, of `queries`. */
    readonly accepted: number;
    readonly rejected: readonly string[];
    /** Mean astify time per accepted query, ms. */
    readonly msPerQuery: number;
    /** Its parse time as a share of relc's whole pipeline for the same queries (were it the parser). */
    readonly shareOfPipeline: number;
  };
}

export interface SqlglotFigures {
  readonly version: string;
  /** Whether Python ran sqlglotc's compiled modules (not sqlglot's sources). */
  readonly compiled: boolean;
  /** parse → optimize → DuckDB + SQLite, queries per second: best and median round. */
  readonly optimized: { readonly best: number; readonly median: number };
  /** parse → DuckDB + SQLite. */
  readonly plain: { readonly best: number; readonly median: number };
}

const VENV_PYTHON = join(import.meta.dirname, '..', '.venv', 'bin', 'python');

/** Column types as sqlglot's schema spells them. */
function sqlglotType(t: import('../src/ir/index.ts').DataType): string {
  switch (t.kind) {
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'int32':
      return 'int';
    case 'int64':
      return 'bigint';
    case 'utf8':
      return 'varchar';
    default:
      return t.kind;
  }
}

/** sqlglotc over the queries in a child process of the pinned venv (null when there is none). */
function benchSqlglot(queries: readonly { sql: string }[], rounds: { optimize: number; plain: number }): SqlglotFigures | null {
  if (!existsSync(VENV_PYTHON)) return null;
  const schema = Object.fromEntries(Object.entries(TPCH_SCHEMAS).map(([t, s]) => [t, Object.fromEntries(s.map((f) => [f.name, sqlglotType(f.type)]))]));
  const input = JSON.stringify({ queries: queries.map((q) => q.sql), schema, rounds });
  const out = JSON.parse(execFileSync(VENV_PYTHON, [join(import.meta.dirname, 'sqlglot_tpch.py')], { input, encoding: 'utf8', maxBuffer: 1 << 24 })) as {
    version: string; compiled: boolean; optimize: { best: number; median: number }; plain: { best: number; median: number };
  };
  const qps = (s: number) => queries.length / s;
  return {
    version: out.version,
    compiled: out.compiled,
    optimized: { best: qps(out.optimize.best), median: qps(out.optimize.median) },
    plain: { best: qps(out.plain.best), median: qps(out.plain.median) },
  };
}

function loadQueries(): { name: string; sql: string }[] {
  const dir = join(import.meta.dirname, '..', 'test', 'tpch', 'queries');
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => ({ name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

export async function benchTranspile(opts: { rounds?: number } = {}): Promise<TranspileBenchFigures> {
  const rounds = opts.rounds ?? 50;
  const queries = loadQueries();
  const { lowerRel } = await compiled<typeof import('../src/lower/sql/index.ts')>('lower/sql/index');
  const { optimizeRel } = await compiled<typeof import('../src/optimize/index.ts')>('optimize/index');
  const { decorrelate } = await compiled<typeof import('../src/sql/decorrelate.ts')>('sql/decorrelate');
  const { SOURCE_DIALECT_DEFS } = await compiled<typeof import('../src/sql/dialects.ts')>('sql/dialects');
  const { parseStatement } = await compiled<typeof import('../src/sql/parse-query.ts')>('sql/parse-query');
  const { translateQuery } = await compiled<typeof import('../src/sql/select/query.ts')>('sql/select/query');
  const { SqlSource } = await compiled<typeof import('../src/sql/source.ts')>('sql/source');
  type Span = import('../src/sql/source.ts').Span;
  const dialect = SOURCE_DIALECT_DEFS.postgres;
  let sink = 0;
  const once = (sql: string, optimize: boolean, t: Phases) => {
    const t0 = performance.now();
    const src = new SqlSource(sql);
    const ast = parseStatement(src, dialect);
    const t1 = performance.now();
    const spans = new WeakMap<Subquery, Span>();
    const rel: Rel = decorrelate(translateQuery(ast, { src, dialect, catalog: tpchCatalog, params: new Map(), ctes: [], outer: null, subquerySpans: spans, strict: false, warn: () => {} }), src, spans);
    const t2 = performance.now();
    const out = optimize ? optimizeRel(rel).rel : rel;
    const t3 = performance.now();
    sink += lowerRel(out, 'duckdb').sql.length + lowerRel(out, 'sqlite').sql.length;
    const t4 = performance.now();
    t.parse += t1 - t0;
    t.resolve += t2 - t1;
    t.optimize += t3 - t2;
    t.emit += t4 - t3;
  };
  const total = (t: Phases) => t.parse + t.resolve + t.optimize + t.emit;
  const measure = (optimize: boolean): { best: Phases; figures: PipelineFigures } => {
    const scratch: Phases = { parse: 0, resolve: 0, optimize: 0, emit: 0 };
    for (let w = 0; w < 5; w++) for (const q of queries) once(q.sql, optimize, scratch); // warm-up: JIT and caches
    const all: Phases[] = [];
    for (let r = 0; r < rounds; r++) {
      const t: Phases = { parse: 0, resolve: 0, optimize: 0, emit: 0 };
      for (const q of queries) once(q.sql, optimize, t);
      all.push(t);
    }
    all.sort((a, b) => total(a) - total(b));
    const best = all[0]!;
    const median = all[Math.floor(all.length / 2)]!;
    const per = (ms: number) => ms / queries.length;
    return {
      best,
      figures: {
        queriesPerSecond: queries.length / (total(best) / 1000),
        medianQueriesPerSecond: queries.length / (total(median) / 1000),
        phaseMs: { parse: per(best.parse), resolve: per(best.resolve), optimize: per(best.optimize), emit: per(best.emit) },
      },
    };
  };
  const opt = measure(true);
  const unopt = measure(false);
  // sqlglotc's optimizer takes ~30 ms a query: fewer rounds of it.
  const sqlglot = benchSqlglot(queries, { optimize: Math.max(3, Math.round(rounds / 5)), plain: rounds });
  const t = opt.best;

  // node-sql-parser on the same texts (CommonJS package).
  const require = createRequire(import.meta.url);
  const { Parser } = require('node-sql-parser') as { Parser: new () => { astify(sql: string, o: { database: string }): unknown } };
  const parser = new Parser();
  const accepted = queries.filter((q) => {
    try {
      parser.astify(q.sql, { database: 'postgresql' });
      return true;
    } catch {
      return false;
    }
  });
  let nspMs = 0;
  for (let r = 0; r < rounds; r++) {
    for (const q of accepted) {
      const s = performance.now();
      parser.astify(q.sql, { database: 'postgresql' });
      nspMs += performance.now() - s;
    }
  }
  const perQuery = (ms: number) => ms / queries.length;
  const nspPerQuery = accepted.length ? nspMs / (rounds * accepted.length) : 0;
  if (sink === 0) throw new Error('no SQL emitted');
  return {
    queries: queries.length,
    rounds,
    optimized: opt.figures,
    unoptimized: unopt.figures,
    queriesPerSecond: opt.figures.queriesPerSecond,
    phaseMs: opt.figures.phaseMs,
    parseShare: t.parse / total(t),
    sqlglot,
    nodeSqlParser: {
      accepted: accepted.length,
      rejected: queries.filter((q) => !accepted.includes(q)).map((q) => q.name),
      msPerQuery: nspPerQuery,
      shareOfPipeline: nspPerQuery / (nspPerQuery + perQuery(total(t)) - perQuery(t.parse)),
    },
  };
}

/** The figures as printed by `npm run bench transpile` (and this file run alone). */
export function renderTranspile(f: TranspileBenchFigures): string[] {
  const ms = (x: number) => x.toFixed(3);
  const line = (label: string, p: PipelineFigures, withOpt: boolean) =>
    `  ${label} ${p.queriesPerSecond.toFixed(0).padStart(5)} queries/s (median round ${p.medianQueriesPerSecond.toFixed(0)}); per query: parse ${ms(p.phaseMs.parse)} ms, resolve+decorrelate ${ms(p.phaseMs.resolve)} ms${withOpt ? `, optimize ${ms(p.phaseMs.optimize)} ms` : ''}, emit x2 ${ms(p.phaseMs.emit)} ms`;
  return [
    line('optimized  ', f.optimized, true),
    line('unoptimized', f.unoptimized, false),
    ...(f.sqlglot
      ? [
          `  sqlglot ${f.sqlglot.version}${f.sqlglot.compiled ? ' (sqlglotc, mypyc-compiled)' : ' (pure Python: sqlglotc not loaded)'}, same queries, same run:`,
          `    parse → optimize → duckdb + sqlite ${f.sqlglot.optimized.best.toFixed(1).padStart(7)} queries/s (median round ${f.sqlglot.optimized.median.toFixed(1)}) → relc optimized ×${(f.optimized.queriesPerSecond / f.sqlglot.optimized.best).toFixed(1)} (medians ×${(f.optimized.medianQueriesPerSecond / f.sqlglot.optimized.median).toFixed(1)})`,
          `    parse → duckdb + sqlite            ${f.sqlglot.plain.best.toFixed(1).padStart(7)} queries/s (median round ${f.sqlglot.plain.median.toFixed(1)}) → relc unoptimized ×${(f.unoptimized.queriesPerSecond / f.sqlglot.plain.best).toFixed(2)} (medians ×${(f.unoptimized.medianQueriesPerSecond / f.sqlglot.plain.median).toFixed(2)})`,
        ]
      : ['  sqlglot: skipped (no .venv/bin/python)']),
    `  relc parser share (optimized): ${(f.parseShare * 100).toFixed(1)}%`,
    `  node-sql-parser (postgresql): accepts ${f.nodeSqlParser.accepted}/${f.queries}${f.nodeSqlParser.rejected.length ? ` (rejects ${f.nodeSqlParser.rejected.join(', ')})` : ''}; ${ms(f.nodeSqlParser.msPerQuery)} ms/query, would be ${(f.nodeSqlParser.shareOfPipeline * 100).toFixed(1)}% of the pipeline`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await benchTranspile();
  console.log(`transpile: ${f.queries} TPC-H queries, best of ${f.rounds} rounds, compiled pipeline (dist/), DuckDB + SQLite SQL`);
  for (const l of renderTranspile(f)) console.log(l);
}
