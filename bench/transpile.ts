// Transpile throughput: the 22 TPC-H queries (postgres dialect) through parse → resolve and
// decorrelate → optimize → emit DuckDB and SQLite SQL; queries per second, time per phase, and
// the share spent parsing. For comparison, node-sql-parser 5.4.0 (installed, but not what relc
// parses with: see src/sql/CONTEXT.md) is timed on the same texts in the same run.
//
//   import { benchTranspile } from './transpile.ts';
//   const figures = await benchTranspile({ rounds: 20 });     // or: npx tsx bench/transpile.ts

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Rel, Subquery } from '../src/ir/index.ts';
import { lowerRel } from '../src/lower/sql/index.ts';
import { optimizeRel } from '../src/optimize/index.ts';
import { decorrelate } from '../src/sql/decorrelate.ts';
import { SOURCE_DIALECT_DEFS } from '../src/sql/dialects.ts';
import { parseStatement } from '../src/sql/parse-query.ts';
import { translateQuery } from '../src/sql/select/query.ts';
import { SqlSource, type Span } from '../src/sql/source.ts';
import { tpchCatalog } from '../test/tpch/schema.ts';

export interface TranspileBenchFigures {
  readonly queries: number;
  readonly rounds: number;
  /** Whole pipeline (parse, resolve + decorrelate, optimize, emit for DuckDB and SQLite), per second. */
  readonly queriesPerSecond: number;
  /** Mean milliseconds per query and phase. */
  readonly phaseMs: { readonly parse: number; readonly resolve: number; readonly optimize: number; readonly emit: number };
  /** Share of pipeline time spent in relc's SQL parser (lexer and grammar). */
  readonly parseShare: number;
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

function loadQueries(): { name: string; sql: string }[] {
  const dir = join(import.meta.dirname, '..', 'test', 'tpch', 'queries');
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => ({ name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

export async function benchTranspile(opts: { rounds?: number } = {}): Promise<TranspileBenchFigures> {
  const rounds = opts.rounds ?? 20;
  const queries = loadQueries();
  const dialect = SOURCE_DIALECT_DEFS.postgres;
  const t = { parse: 0, resolve: 0, optimize: 0, emit: 0 };
  let sink = 0;
  const once = (sql: string, timed: boolean) => {
    const t0 = performance.now();
    const src = new SqlSource(sql);
    const ast = parseStatement(src, dialect);
    const t1 = performance.now();
    const spans = new WeakMap<Subquery, Span>();
    const rel: Rel = decorrelate(translateQuery(ast, { src, dialect, catalog: tpchCatalog, params: new Map(), ctes: [], outer: null, subquerySpans: spans, strict: false, warn: () => {} }), src, spans);
    const t2 = performance.now();
    const optimized = optimizeRel(rel).rel;
    const t3 = performance.now();
    sink += lowerRel(optimized, 'duckdb').sql.length + lowerRel(optimized, 'sqlite').sql.length;
    const t4 = performance.now();
    if (timed) {
      t.parse += t1 - t0;
      t.resolve += t2 - t1;
      t.optimize += t3 - t2;
      t.emit += t4 - t3;
    }
  };
  for (const q of queries) once(q.sql, false); // warm-up: JIT and caches
  for (let r = 0; r < rounds; r++) for (const q of queries) once(q.sql, true);
  const n = rounds * queries.length;
  const total = t.parse + t.resolve + t.optimize + t.emit;

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
  const perQuery = (ms: number) => ms / n;
  const nspPerQuery = accepted.length ? nspMs / (rounds * accepted.length) : 0;
  if (sink === 0) throw new Error('no SQL emitted');
  return {
    queries: queries.length,
    rounds,
    queriesPerSecond: n / (total / 1000),
    phaseMs: { parse: perQuery(t.parse), resolve: perQuery(t.resolve), optimize: perQuery(t.optimize), emit: perQuery(t.emit) },
    parseShare: t.parse / total,
    nodeSqlParser: {
      accepted: accepted.length,
      rejected: queries.filter((q) => !accepted.includes(q)).map((q) => q.name),
      msPerQuery: nspPerQuery,
      shareOfPipeline: nspPerQuery / (nspPerQuery + perQuery(total) - perQuery(t.parse)),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await benchTranspile();
  const ms = (x: number) => x.toFixed(3);
  console.log(`transpile: ${f.queries} TPC-H queries x ${f.rounds} rounds: ${f.queriesPerSecond.toFixed(0)} queries/s (parse + resolve + optimize + emit DuckDB and SQLite)`);
  console.log(`  per query: parse ${ms(f.phaseMs.parse)} ms, resolve+decorrelate ${ms(f.phaseMs.resolve)} ms, optimize ${ms(f.phaseMs.optimize)} ms, emit x2 ${ms(f.phaseMs.emit)} ms`);
  console.log(`  relc parser share: ${(f.parseShare * 100).toFixed(1)}%`);
  console.log(`  node-sql-parser (postgresql): accepts ${f.nodeSqlParser.accepted}/${f.queries}${f.nodeSqlParser.rejected.length ? ` (rejects ${f.nodeSqlParser.rejected.join(', ')})` : ''}; ${ms(f.nodeSqlParser.msPerQuery)} ms/query, would be ${(f.nodeSqlParser.shareOfPipeline * 100).toFixed(1)}% of the pipeline`);
}
