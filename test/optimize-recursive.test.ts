// The optimizer around recursions, differentially: recursive queries (filters above them on
// columns the iterations keep or change, filters, outer joins and projections inside the step,
// empty bases and steps, recursions inside aggregates, unions and joins) executed unoptimized
// and optimized on DuckDB and SQLite over seeded random graphs; the results must be equal. Plus
// programs where two views read the same recursion (common_subplan) and what push_down_filter
// may and may not move into a base.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { canonicalRowKey, openBackend, type Backend } from '../src/backends/index.ts';
import { T, planText, transformUp, schemaOf, validateProgram, validateRel, type Program, type Rel, type Schema } from '../src/ir/index.ts';
import { lowerRel, lowerView } from '../src/lower/sql/index.ts';
import { optimizeProgram, optimizeRel } from '../src/optimize/index.ts';
import { parseSelect, type Catalog } from '../src/sql/index.ts';

const EDGES: Schema = [
  { name: 'src', type: T.int64, nullable: false },
  { name: 'dst', type: T.int64, nullable: false },
  { name: 'w', type: T.int64, nullable: true },
];
const catalog: Catalog = { resolve: (n) => (n === 'edges' ? { kind: 'scan', table: 'edges', schema: EDGES } : undefined), names: () => ['edges'] };

/** A seeded graph over 0..nodes-1 (cycles included), some NULL weights. */
function graphCsv(seed: number, nodes: number, edges: number): string {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) / 16777216;
  const lines = ['src,dst,w'];
  for (let i = 0; i < edges; i++) {
    const a = Math.floor(next() * nodes);
    const b = Math.floor(next() * nodes);
    lines.push(`${a},${b},${next() < 0.2 ? '' : Math.floor(next() * 10)}`);
  }
  return `${lines.join('\n')}\n`;
}

const CLOSURE = 'with recursive r(a, b) as (select src, dst from edges union select r.a, e.dst from r join edges e on r.b = e.src)';
const HOPS = 'with recursive h(a, b, n) as (select src, dst, 1 from edges union all select h.a, e.dst, h.n + 1 from h join edges e on h.b = e.src where h.n < 4)';
const QUERIES: readonly string[] = [
  `${CLOSURE} select a, b from r`,
  `${CLOSURE} select a, b from r where a = 3`, // on a kept column: into the base
  `${CLOSURE} select a, b from r where b = 3`, // on a column the step changes: stays above
  `${CLOSURE} select a, b from r where a = 3 and b > a`,
  `${CLOSURE} select a from r where a < 4 and 1 = 1`,
  `${CLOSURE} select count(*) as n, a from r group by a`,
  `${CLOSURE} select a, b from r where a in (select src from edges where w > 5)`,
  `${HOPS} select a, b, min(n) as n from h group by a, b`,
  `${HOPS} select a, b, n from h where a = 2 and n > 2`,
  `${HOPS} select b, count(*) as c from h where n = 3 group by b`,
  'with recursive r(a, b) as (select src, dst from edges where src = 1 union select r.a, e.dst from r join edges e on r.b = e.src where e.w is not null and e.w > 2) select a, b from r',
  'with recursive r(a, b, w) as (select src, dst, w from edges where src < 3 union select r.a, e.dst, x.w from r join edges e on r.b = e.src left join edges x on x.src = e.dst and x.dst = r.a where r.w is null or r.w < 8) select a, b, w from r where b > 0',
  'with recursive r(a, b) as (select src, dst from edges where 1 = 0 union select r.a, e.dst from r join edges e on r.b = e.src) select a, b from r',
  'with recursive r(a, b) as (select src, dst from edges union select r.a, e.dst from r join edges e on r.b = e.src where 1 = 0) select a, b from r',
  `${CLOSURE} select x.a, x.b, y.b as c from r x join r y on x.b = y.a where x.a = 1`,
  `${CLOSURE} select a, b from r where a = 2 union all select a, b from r where b = 2`,
  'with recursive r(a, b) as (select src, dst from edges union select r.a, e.dst from r join edges e on r.b = e.src where not exists (select 1 from edges z where z.src = e.dst and z.w = 0)) select a, b from r where a % 2 = 0',
  `${CLOSURE} select a, b from (select a, b from r order by a, b limit 7) t where a > 1`,
];

const backends: Backend[] = [];
let dir = '';
test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relc-opt-rec-'));
  for (const kind of ['duckdb', 'sqlite'] as const) backends.push(await openBackend(kind, { threads: 1 }));
});
test.after(async () => {
  for (const b of backends) await b.close();
  rmSync(dir, { recursive: true, force: true });
});

async function load(seed: number): Promise<void> {
  const path = join(dir, `edges-${seed}.csv`);
  writeFileSync(path, graphCsv(seed, 9, 14));
  for (const b of backends) {
    await b.exec('DROP TABLE IF EXISTS "edges"');
    await b.loadInput({ name: 'edges', path, format: 'csv', schema: EDGES }, path);
  }
}

async function rows(b: Backend, sql: string, schema: Schema): Promise<string[]> {
  return (await b.query(sql, [], schema)).map(canonicalRowKey).sort();
}

for (const seed of [1, 2, 3]) {
  test(`seed ${seed}: ${QUERIES.length} recursive queries, optimized = unoptimized on DuckDB and SQLite`, async () => {
    await load(seed);
    for (const sql of QUERIES) {
      const plain = parseSelect(sql, { dialect: 'postgres', catalog });
      const optimized = optimizeRel(plain).rel;
      validateRel(optimized, { lowered: true });
      const schema = schemaOf(plain);
      const results: string[][] = [];
      for (const b of backends) {
        const want = await rows(b, lowerRel(plain, b.kind).sql, schema);
        const got = await rows(b, lowerRel(optimized, b.kind).sql, schema);
        assert.equal(got, want, `${b.kind}: ${sql}\n${planText(optimized)}`);
        results.push(want);
      }
      assert.equal(results[0], results[1], `DuckDB vs SQLite: ${sql}`);
    }
  });
}

test('push_down_filter: a filter on a column the step keeps goes into the base; one on a changed column, or with max_iterations, stays', () => {
  const opt = (sql: string, limit: number | null = null) => {
    const rel = parseSelect(sql, { dialect: 'postgres', catalog });
    return optimizeRel(limit === null ? rel : transformUp(rel, (r) => (r.kind === 'recursive' ? { ...r, maxIterations: limit } : r))).rel;
  };
  const base = (r: Rel) => (r.kind === 'recursive' ? r.base : r.kind === 'filter' && r.input.kind === 'recursive' ? r.input.base : null);
  const kept = opt(`${CLOSURE} select a, b from r where a = 3`);
  assert.is(kept.kind, 'recursive', planText(kept));
  assert.match(planText(base(kept)!), /filter \(equal src#0 '3'::int64\)/);
  const changed = opt(`${CLOSURE} select a, b from r where b = 3`);
  assert.is(changed.kind, 'filter', planText(changed));
  assert.not.match(planText(base(changed)!), /filter/);
  const limited = opt(`${CLOSURE} select a, b from r where a = 3`, 10);
  assert.is(limited.kind, 'filter', planText(limited));
});

test('common_subplan: two views reading one recursion share it (or not) and return the same rows', async () => {
  await load(4);
  const rec = parseSelect(`${CLOSURE} select a, b from r`, { dialect: 'postgres', catalog });
  const agg = (fn: 'min' | 'max'): Rel => ({
    kind: 'aggregate', input: rec, groupBy: [{ kind: 'col', index: 0 }], measures: [{ fn, args: [{ kind: 'col', index: 1 }], distinct: false, type: T.int64 }], names: ['a', fn],
  });
  const program: Program = {
    name: 'p', profile: 'default', params: [], inputs: [],
    views: [{ name: 'lo', rel: agg('min') }, { name: 'hi', rel: agg('max') }],
    outputs: [],
  };
  const optimized = optimizeProgram(program).program;
  validateProgram(optimized, { lowered: true });
  for (const b of backends) {
    for (const v of ['lo', 'hi']) {
      const schema = schemaOf(program.views.find((x) => x.name === v)!.rel);
      assert.equal(await rows(b, lowerView(optimized, v, b.kind).sql, schema), await rows(b, lowerView(program, v, b.kind).sql, schema), `${b.kind} ${v}`);
    }
  }
});

test.run();
