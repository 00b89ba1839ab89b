// Transpiling wide SQL texts (issue 12 item 5): an OR chain, an AND chain, an OR of conjunctions,
// a CASE of many WHENs and an IN list, each at three sizes, from text to DuckDB SQL through
// the library's `transpile` (parse, resolve, optimize, emit; compiled dist/). Best of N per
// size and the ratio per 10× more terms (≈ 10 is linear, ≈ 100 quadratic).
//
//   import { benchWide } from './wide.ts';
//   const rows = await benchWide();                 // or: npx tsx bench/wide.ts

import { performance } from 'node:perf_hooks';
import { compiled } from './compiled.ts';

const SCHEMA = { t: { a: 'int64', b: 'int64', s: 'utf8' } };
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export const WIDE_SHAPES: Readonly<Record<string, { sizes: readonly number[]; sql: (n: number) => string }>> = {
  'OR chain (a = k OR …)': { sizes: [100, 1_000, 10_000], sql: (n) => `select a from t where ${range(n).map((i) => `a = ${i}`).join(' or ')}` },
  'AND chain (a <> k AND …)': { sizes: [100, 1_000, 10_000], sql: (n) => `select a from t where ${range(n).map((i) => `a <> ${i}`).join(' and ')}` },
  'OR of conjunctions': { sizes: [100, 1_000, 10_000], sql: (n) => `select a from t where ${range(n).map((i) => `(a = ${i} and b > ${i})`).join(' or ')}` },
  'CASE WHEN a = k THEN k …': { sizes: [100, 1_000, 10_000], sql: (n) => `select case ${range(n).map((i) => `when a = ${i} then ${i}`).join(' ')} else -1 end as c from t` },
  'IN list of literals': { sizes: [1_000, 10_000, 100_000], sql: (n) => `select a from t where a in (${range(n).join(', ')})` },
};

export interface WideRow {
  readonly shape: string;
  readonly terms: number;
  readonly bestMs: number;
  /** Time over the previous size's time (null for the first size). */
  readonly growth: number | null;
}

export async function benchWide(rounds = 5): Promise<WideRow[]> {
  const { transpile } = await compiled<typeof import('../src/index.ts')>('index');
  const rows: WideRow[] = [];
  let sink = 0;
  for (const [shape, { sizes, sql }] of Object.entries(WIDE_SHAPES)) {
    let previous: number | null = null;
    for (const n of sizes) {
      const text = sql(n);
      let best = Infinity;
      for (let r = 0; r < rounds; r++) {
        const s = performance.now();
        sink += transpile(text, { from: 'postgres', to: 'duckdb', schema: SCHEMA })[0]!.length;
        best = Math.min(best, performance.now() - s);
      }
      rows.push({ shape, terms: n, bestMs: best, growth: previous === null ? null : best / previous });
      previous = best;
    }
  }
  if (sink === 0) throw new Error('no SQL emitted');
  return rows;
}

export function renderWide(rows: readonly WideRow[]): string[] {
  return rows.map((r) => `  ${r.shape.padEnd(28)} ${String(r.terms).padStart(7)} terms ${r.bestMs.toFixed(1).padStart(8)} ms${r.growth === null ? '' : `   ×${r.growth.toFixed(1)} for ×10 terms`}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of renderWide(await benchWide())) console.log(l);
}
