// The python-cpg pack's call graph on the cases of test/fixtures/callgraph (known call graphs in
// the style of the published micro-benchmarks), scored: precision and recall of `calls` edges
// between the program's own functions; the same graph on DuckDB, SQLite and at 1/4 threads.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import YAML from 'yaml';
import { buildCpg } from '../src/build/build.ts';
import { why } from '../src/build/why.ts';
import { whyPath } from '../src/build/why-path.ts';
import { failure } from './support/failure.ts';
import type { BackendKind } from '../src/backends/index.ts';

interface Case { readonly files: Record<string, string>; readonly expected: Record<string, string[]> }
const CASES = YAML.parse(readFileSync(new URL('./fixtures/callgraph/cases.yaml', import.meta.url), 'utf8')) as Record<string, Case>;
const root = mkdtempSync(path.join(tmpdir(), 'relc-callgraph-'));

function writeCase(name: string, c: Case): string {
  const dir = path.join(root, name, 'src');
  for (const [f, text] of Object.entries(c.files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

async function build(name: string, backend: BackendKind = 'duckdb', threads?: number) {
  const dir = writeCase(name, CASES[name]!);
  return buildCpg({ dir, outDir: path.join(root, name, `out-${backend}-${threads ?? 0}`), backend, threads, jobs: 1 });
}

type Rows = readonly (readonly unknown[])[];
function table(result: Awaited<ReturnType<typeof build>>, name: string): { cols: string[]; rows: Rows } {
  const o = result.run.outputs.find((x) => x.name === name)!;
  return { cols: o.schema.map((f) => f.name), rows: o.data as Rows };
}

/** `caller -> callee` for every calls edge whose target is one of the program's functions. */
function callEdges(result: Awaited<ReturnType<typeof build>>): Set<string> {
  const nodes = table(result, 'cpg_nodes');
  const nid = nodes.cols.indexOf('node_id'), nkind = nodes.cols.indexOf('kind'), nqn = nodes.cols.indexOf('qualified_name');
  const byId = new Map(nodes.rows.map((r) => [r[nid] as string, { kind: r[nkind] as string, qn: r[nqn] as string }]));
  const edges = table(result, 'cpg_edges');
  const [s, d, k] = ['src_id', 'dst_id', 'kind'].map((c) => edges.cols.indexOf(c)) as [number, number, number];
  const out = new Set<string>();
  for (const e of edges.rows) {
    const dst = byId.get(e[d] as string);
    if (e[k] !== 'calls' || !dst || (dst.kind !== 'function' && dst.kind !== 'lambda')) continue;
    out.add(`${byId.get(e[s] as string)!.qn} -> ${dst.qn}`);
  }
  return out;
}

test('call edges between the program\'s functions: precision >= 0.99, recall >= 0.95 over every case', async () => {
  let tp = 0, fp = 0, fn = 0;
  const misses: string[] = [];
  for (const [name, c] of Object.entries(CASES)) {
    const got = callEdges(await build(name));
    const want = new Set(Object.entries(c.expected).flatMap(([from, tos]) => tos.map((to) => `${from} -> ${to}`)));
    for (const e of got) (want.has(e) ? tp++ : (fp++, misses.push(`${name}: extra ${e}`)));
    for (const e of want) if (!got.has(e)) (fn++, misses.push(`${name}: missing ${e}`));
  }
  const precision = tp / (tp + fp), recall = tp / (tp + fn);
  console.log(`callgraph: ${Object.keys(CASES).length} cases, ${tp + fn} expected edges: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
  assert.ok(precision >= 0.99 && recall >= 0.95, `precision ${precision}, recall ${recall}\n${misses.join('\n')}`);
});

test('ambiguity: every candidate is an edge, one winner per group under a total order', async () => {
  const r = await build('global_decl');
  const edges = table(r, 'cpg_edges');
  const col = (c: string) => edges.cols.indexOf(c);
  const calls = edges.rows.filter((e) => e[col('kind')] === 'calls' && e[col('confidence')] !== 1);
  assert.is(calls.length, 2, 'fn() in caller has two candidates (a, then b under global)');
  assert.is(calls[0]![col('ambiguity_group_id')], calls[1]![col('ambiguity_group_id')]);
  assert.equal(calls.map((e) => Number(e[col('rank')])).sort(), [1, 2]);
  assert.equal(calls.map((e) => e[col('is_winner')]).sort(), [false, true]);
  assert.equal(calls.map((e) => e[col('confidence')]), [0.5, 0.5]);
});

test('the same graph (content hashes) on DuckDB, SQLite and at 1 and 4 threads', async () => {
  const hashes = (r: Awaited<ReturnType<typeof build>>) => Object.fromEntries(r.run.outputs.map((o) => [o.name, o.contentHash]));
  const name = 'self_attribute_via_base_in_package';
  const duck1 = hashes(await build(name, 'duckdb', 1));
  assert.equal(hashes(await build(name, 'duckdb', 4)), duck1);
  assert.equal(hashes(await build(name, 'sqlite')), duck1);
});

test('relc why: the rules and input rows behind an inherited method call, its group and winner', async () => {
  const r = await build('super_base_in_other_module');
  const [w] = await why(r.run.bundleDir!, { from: 'main', to: 'shapes.Shape.describe' });
  assert.is(w!.kind, 'calls');
  assert.equal(w!.site, { path: 'main.py', line: 6, source_line: 's.describe()' });
  // the binding site the callee's head went through, then the rule that ended the resolution
  assert.equal(w!.steps.map((s) => s.rule), ['bind_call_result', 'call_function']);
  assert.equal(w!.steps[0]!.source_line, 's = Square()');
  assert.equal(w!.candidates.map((c) => [c.dst, c.rank, c.is_winner]), [['shapes.Shape.describe', 1, true]]);
  assert.is((await failure(why(r.run.bundleDir!, { from: 'main', to: 'nowhere' }))).code, 'UNKNOWN_RELATION');
});

test('relc why --path: the shortest chain of calls, found by the recursive why-path pack, each edge explained', async () => {
  const r = await build('method_calls_module_function');
  const p = await whyPath(r.run.bundleDir!, 'main', 'main.util');
  assert.equal(p.edges.map((e) => [e.src, e.dst, e.site.line, e.site.source_line]), [['main', 'main.K.m', 6, 'K().m()'], ['main.K.m', 'main.util', 5, 'util()']]);
  assert.ok(p.edges.every((e) => e.kind === 'calls' && e.is_winner));
  // two hops are needed: a limit of one finds no chain, and neither does a name the graph lacks
  assert.is((await failure(whyPath(r.run.bundleDir!, 'main', 'main.util', { maxHops: 1 }))).code, 'UNKNOWN_RELATION');
  assert.is((await failure(whyPath(r.run.bundleDir!, 'main.util', 'main'))).code, 'UNKNOWN_RELATION');
  assert.is((await failure(whyPath(path.join(root, 'nope'), 'main', 'main.util'))).code, 'INPUT_NOT_FOUND');
});

test.after(() => rmSync(root, { recursive: true, force: true }));
test.run();
