// The plan-signature contract: Merkle over the canonical IR, independent of spec
// formatting, key order, comments, rule order, file paths, view names and alias counters; an
// upstream change changes every dependent signature and only those.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { initHashing, signViews, type Program } from '../src/ir/index.ts';
import { compileSpecText } from '../src/spec/index.ts';
import { downstreamOf } from '../src/run/gate/golden-graph.ts';
import { parseGoldenFile, section } from '../src/run/gate/golden-format.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function caseSpec(rel: string): string {
  const file = path.join(ROOT, rel);
  return section(parseGoldenFile(readFileSync(file, 'utf8'), file), 'spec')!.body;
}

const DAG = caseSpec('golden/signatures/dag.golden');
const SQL = caseSpec('golden/rules/sql.golden');

async function sigs(text: string, file = 'pack.yaml'): Promise<Record<string, string>> {
  const c = await compileSpecText(text, file);
  return Object.fromEntries([...signViews(c.program)].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function reverseKeys(v: unknown, keep = false): unknown {
  if (Array.isArray(v)) return v.map((x) => reverseKeys(x));
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    return Object.fromEntries((keep ? entries : [...entries].reverse()).map(([k, x]) => [k, reverseKeys(x, ['select', 'measures', 'schema', 'group_by'].includes(k))]));
  }
  return v;
}

test('independent of formatting, key order, comments, rule order and the spec file path', async () => {
  await initHashing();
  for (const spec of [DAG, SQL]) {
    const base = await sigs(spec);
    const doc = parseYaml(spec) as { rules: unknown[] };
    const variants = [
      JSON.stringify(doc),
      JSON.stringify(reverseKeys({ ...doc, rules: [...doc.rules].reverse() }), null, 3),
      `# leading comment\n${toYaml(reverseKeys(doc), { indent: 6, defaultStringType: 'QUOTE_SINGLE' })}\n# trailing comment\n`,
    ];
    for (const v of variants) assert.equal(await sigs(v), base);
    assert.equal(await sigs(spec, '/somewhere/else/entirely/other-name.json'), base);
  }
});

test('spec_hash is independent of formatting and key order, and changes with content', async () => {
  const a = await compileSpecText(DAG, 'a.yaml');
  const doc = parseYaml(DAG) as Record<string, unknown>;
  const b = await compileSpecText(JSON.stringify(reverseKeys(doc)), 'b.json');
  assert.is(a.specHash, b.specHash);
  const c = await compileSpecText(DAG.replace('path: orders.csv', 'path: data/orders.csv'), 'a.yaml');
  assert.is.not(c.specHash, a.specHash);
  // The data file's path is not part of what a view means.
  assert.equal(await sigs(DAG.replace('path: orders.csv', 'path: data/orders.csv')), await sigs(DAG));
});

test('independent of view names: renaming a view and its readers keeps every signature value', async () => {
  const renamed = DAG.replaceAll('customer_orders', 'orders_with_customers');
  const before = await sigs(DAG);
  const after = await sigs(renamed);
  assert.is(after['orders_with_customers'], before['customer_orders']);
  assert.equal(Object.values(after).sort(), Object.values(before).sort());
});

test('independent of alias counters: the same SQL rule twice in one pack, and compiled twice, signs the same', async () => {
  const rule = 'select e.id, e.name from emp e where e.salary > (select avg(x.salary) from emp x where x.dept = e.dept)';
  const pack = `${SQL}\n  - { name: above_avg_again, kind: sql, sql: "${rule}" }\n`;
  const s = await sigs(pack);
  assert.is(s['above_avg_again'], s['above_avg']);
  assert.equal(await sigs(SQL), await sigs(SQL));
});

/** Every view perturbed in turn: exactly it and its transitive readers change signature. */
async function assertMerkle(program: Program): Promise<number> {
  const base = signViews(program);
  let checked = 0;
  for (const v of program.views) {
    const perturbed: Program = {
      ...program,
      views: program.views.map((x) => (x.name === v.name ? { ...x, rel: { kind: 'limit', input: x.rel, limit: 1_000_000, offset: 0 } } : x)),
    };
    const next = signViews(perturbed);
    const changed = program.views.filter((x) => next.get(x.name) !== base.get(x.name)).map((x) => x.name);
    assert.equal(changed, [v.name, ...downstreamOf(program, [v.name])], `perturbing ${v.name}`);
    checked++;
  }
  return checked;
}

test('an upstream change changes every dependent signature and only those (every view of two DAGs)', async () => {
  const dag = await compileSpecText(DAG, 'dag.yaml');
  assert.is(await assertMerkle(dag.program), 7);
  const sql = await compileSpecText(SQL, 'sql.yaml');
  assert.is(await assertMerkle(sql.program), 7);
  // The diamond: big_orders reaches country_report through both per_country and top_customer.
  assert.equal(downstreamOf(dag.program, ['big_orders']), ['customer_orders', 'per_country', 'per_customer', 'top_customer', 'country_report']);
});

test('sensitive to what a rule means: a literal, a join type, a sort direction, a column, a parameter', async () => {
  const base = await sigs(DAG);
  const edits: [string, string, string][] = [
    ['where: "amount >= :min_amount"', 'where: "amount >= :min_amount + 0"', 'big_orders'],
    ['on: "left.customer_id = right.id"', 'join: left\n    on: "left.customer_id = right.id"', 'customer_orders'],
    ['order_by: ["revenue desc", "customer"]', 'order_by: ["revenue asc", "customer"]', 'top_customer'],
    ['select: { id: id, name: "upper(name)" }', 'select: { id: id, name: "upper(country)" }', 'customer_names'],
    ['measures: { orders: "count(*)", revenue: "sum(amount)" }', 'measures: { orders: "count(amount)", revenue: "sum(amount)" }', 'per_country'],
  ];
  for (const [from, to, view] of edits) {
    assert.ok(DAG.includes(from), from);
    const s = await sigs(DAG.replace(from, to));
    assert.is.not(s[view], base[view], `${view} after ${to}`);
  }
});

test.run();
