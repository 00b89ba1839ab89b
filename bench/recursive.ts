// Recursive rules at scale: the transitive closure of a seeded random 100k-edge DAG (10,000
// components of 12 nodes, 10 forward edges each, so every node's reach stays bounded) through
// relc's lowering of one `recursive` node, on DuckDB and SQLite, with and without a
// max_iterations guard. Figures only (median of runs); the row counts of both engines must agree.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E, T, field, type InputDecl, type Rel, type Schema } from '../src/ir/index.ts';
import { lowerRel } from '../src/lower/sql/index.ts';
import { openBackend, type Backend } from '../src/backends/index.ts';
import { prng as rng } from '../test/support/prng.ts';
import { median as medianOf } from './median.ts';

const median = (f: () => Promise<unknown>, runs = 3) => medianOf(f, runs);

export interface RecursiveBench {
  readonly edges: number;
  readonly closureRows: number;
  readonly runs: readonly { readonly engine: string; readonly guarded: boolean; readonly ms: number; readonly rows: number }[];
  /** The guard's worst case: set semantics over a cycle (every pair recurs at every iteration up to the limit). */
  readonly cyclic: { readonly edges: number; readonly closureRows: number; readonly runs: readonly { readonly engine: string; readonly limit: number | null; readonly ms: number }[] };
}

const COMPONENTS = 10_000;
const NODES = 12;
const EDGES_PER_COMPONENT = 10;


/** One ring of `n` nodes plus `extra` random chords: a single strongly connected component. */
function cyclicCsv(seed: number, n: number, extra: number): string {
  const next = rng(seed);
  const lines = ['src,dst'];
  for (let i = 0; i < n; i++) lines.push(`${i},${(i + 1) % n}`);
  for (let k = 0; k < extra; k++) lines.push(`${Math.floor(next() * n)},${Math.floor(next() * n)}`);
  return `${lines.join('\n')}\n`;
}

function edgesCsv(seed: number): string {
  const next = rng(seed);
  const lines = ['src,dst'];
  for (let c = 0; c < COMPONENTS; c++) {
    for (let k = 0; k < EDGES_PER_COMPONENT; k++) {
      const a = Math.floor(next() * (NODES - 1));
      const b = a + 1 + Math.floor(next() * (NODES - 1 - a));
      lines.push(`${c * NODES + a},${c * NODES + b}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const SCHEMA: Schema = [field('src', T.int64), field('dst', T.int64)];
const scan: Rel = { kind: 'scan', table: 'edges', schema: SCHEMA };

function closure(maxIterations: number | null): Rel {
  const ref: Rel = { kind: 'recursive_ref', name: 'reach', schema: SCHEMA };
  const step: Rel = {
    kind: 'project',
    input: { kind: 'join', type: 'inner', left: ref, right: scan, condition: E.call('equal', [E.col(1), E.col(2)], T.bool) },
    exprs: [E.col(0), E.col(3)],
    names: ['src', 'dst'],
  };
  return { kind: 'recursive', name: 'reach', base: scan, step, distinct: true, maxIterations };
}


export async function benchRecursive(seed = 18): Promise<RecursiveBench> {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-bench-recursive-'));
  const file = path.join(dir, 'edges.csv');
  writeFileSync(file, edgesCsv(seed));
  const decl: InputDecl = { name: 'edges', path: file, format: 'csv', schema: SCHEMA };
  const count: Schema = [field('n', T.int64)];
  const runs: { engine: string; guarded: boolean; ms: number; rows: number }[] = [];
  const backends: Backend[] = [];
  const cyclicRuns: { engine: string; limit: number | null; ms: number; rows: number }[] = [];
  try {
    for (const kind of ['duckdb', 'sqlite'] as const) {
      const b = await openBackend(kind, kind === 'duckdb' ? { threads: 1 } : {});
      backends.push(b);
      const edges = await b.loadInput(decl, file);
      if (edges !== COMPONENTS * EDGES_PER_COMPONENT) throw new Error(`benchmark: ${kind} loaded ${edges} edges`);
      for (const guarded of [false, true]) {
        const rel: Rel = { kind: 'aggregate', input: closure(guarded ? 100 : null), groupBy: [], measures: [{ fn: 'count', args: [], distinct: false, type: T.int64 }], names: ['n'] };
        const sql = lowerRel(rel, kind).sql;
        let rows = 0;
        const ms = await median(async () => {
          rows = Number((await b.query(sql, [], count))[0]![0]);
        });
        runs.push({ engine: kind, guarded, ms, rows });
      }
    }
    // The guard's worst case: a 300-node strongly connected graph (closure 90,000 pairs).
    const cyc = path.join(dir, 'cyclic.csv');
    writeFileSync(cyc, cyclicCsv(seed, 300, 300));
    for (const b of backends) {
      await b.exec('DROP TABLE "edges"');
      await b.loadInput({ ...decl, path: cyc }, cyc);
      for (const limit of [null, 20, 80]) {
        const rel: Rel = { kind: 'aggregate', input: closure(limit), groupBy: [], measures: [{ fn: 'count', args: [], distinct: false, type: T.int64 }], names: ['n'] };
        const sql = lowerRel(rel, b.kind).sql;
        let rows = 0;
        const ms = await median(async () => {
          rows = Number((await b.query(sql, [], count))[0]![0]);
        }, 1);
        cyclicRuns.push({ engine: b.kind, limit, ms, rows });
      }
    }
  } finally {
    for (const b of backends) await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const sizes = new Set(runs.map((r) => r.rows));
  if (sizes.size !== 1) throw new Error(`benchmark recursive: engines disagree on the closure size (${[...sizes].join(' vs ')})`);
  const cyclicSizes = new Set(cyclicRuns.map((r) => r.rows));
  if (cyclicSizes.size !== 1) throw new Error(`benchmark recursive: cyclic closure sizes differ (${[...cyclicSizes].join(' vs ')})`);
  return {
    edges: COMPONENTS * EDGES_PER_COMPONENT, closureRows: runs[0]!.rows, runs,
    cyclic: { edges: 600, closureRows: cyclicRuns[0]!.rows, runs: cyclicRuns.map(({ engine, limit, ms }) => ({ engine, limit, ms })) },
  };
}
