// `relc golden check|update` on temporary copies of corpus cases: an edited rule fails the check
// naming exactly that view and its dependents; reformatting and reordering change nothing.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { RelcError } from '../src/ir/index.ts';
import { checkGolden, renderGoldenReport, updateGolden } from '../src/run/gate/golden.ts';
import { parseGoldenFile, renderGoldenFile, section } from '../src/run/gate/golden-format.ts';
import { substraitSectionPlan } from '../src/run/gate/golden-case.ts';
import { layoutJson } from '../src/run/gate/json-layout.ts';
import { PLAIN_ENV } from './support/plain-env.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DAG = path.join(ROOT, 'golden/signatures/dag.golden');

function tempCopy(file: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-golden-'));
  const copy = path.join(dir, path.basename(file));
  cpSync(file, copy);
  return { dir, file: copy };
}

/** Replaces the spec section of a case file. */
function withSpec(file: string, spec: string): void {
  const g = parseGoldenFile(readFileSync(file, 'utf8'), file);
  const sections = g.sections.map((s) => (s.name === 'spec' ? { name: 'spec', body: spec } : s));
  writeFileSync(file, renderGoldenFile({ header: g.header, sections }));
}

function specOf(file: string): string {
  return section(parseGoldenFile(readFileSync(file, 'utf8'), file), 'spec')!.body;
}

/** Runs the golden command class in a fresh process, as the relc binary does. */
function cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const script = [
    "const { register } = await import('tsx/esm/api'); register();",
    "const { handle, flush } = await import('@oclif/core');",
    `const { default: C } = await import(${JSON.stringify(path.join(ROOT, 'src/cli/commands/golden.ts'))});`,
    `try { await C.run(process.argv.slice(1), ${JSON.stringify(path.join(ROOT, 'package.json'))}); await flush(); } catch (e) { await handle(e); }`,
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { cwd: ROOT, encoding: 'utf8', env: PLAIN_ENV });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the checked-in multi-view case matches what relc compiles now', async () => {
  const { dir, file } = tempCopy(DAG);
  const r = await checkGolden(file);
  assert.equal(r.failing, []);
  rmSync(dir, { recursive: true });
});

test('editing one rule fails the check and names exactly that view and its dependents', async () => {
  const { dir, file } = tempCopy(DAG);
  const spec = specOf(file);
  const edited = spec.replace('group_by: [customer, country]\n    measures: { revenue: "sum(amount)" }', 'group_by: [customer, country]\n    measures: { revenue: "max(amount)" }');
  assert.is.not(edited, spec);
  withSpec(file, edited);
  const r = await checkGolden(file);
  assert.equal(r.failing, [file]);
  const c = r.cases[0]!;
  assert.is(c.status, 'changed');
  assert.equal(c.signatures!.changed, ['per_customer']);
  assert.equal(c.signatures!.impacted, ['top_customer', 'country_report']);
  assert.equal(c.signatures!.unchanged, ['big_orders', 'customer_names', 'customer_orders', 'per_country']);
  assert.equal(c.signatures!.added, []);
  assert.equal(c.signatures!.removed, []);
  assert.equal(c.sections.map((s) => s.section), ['rel', 'optimized', 'sql.duckdb', 'sql.sqlite', 'sql.postgres', 'signature', 'substrait-json']);
  const rel = c.sections.find((s) => s.section === 'rel')!.diff;
  assert.ok(rel.includes('\n-01)aggregate group [customer := customer#1, country := country#2] measures [revenue := (sum amount#3)]\n'), rel);
  assert.ok(rel.includes('\n+01)aggregate group [customer := customer#1, country := country#2] measures [revenue := (max amount#3)]\n'), rel);
  // Only the edited view's printout changed: its neighbours are unchanged context, not diff lines.
  assert.not.ok(/^[-+].*per_country/m.test(rel), rel);
  // Every hunk names the view it is in, in every sectioned output. In the Substrait plan a hunk
  // in the extension declarations above the relations names none, and a view read once is
  // inlined into its reader's relation (this plan has two: customer_orders, shared, and the
  // output country_report, which holds per_customer and top_customer).
  for (const name of ['rel', 'optimized', 'sql.duckdb', 'substrait-json']) {
    const hunks = c.sections.find((s) => s.section === name)!.diff.split('\n').filter((l) => l.startsWith('@@'));
    const views = hunks.map((h) => /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@(?: (?:== (?:output:)?|-- relc view=)(\w+))?/.exec(h)?.[1] ?? '(plan)');
    assert.ok(views.includes(name === 'substrait-json' ? 'country_report' : 'per_customer'), `${name}: ${hunks.join('\n')}`);
    const allowed = ['per_customer', 'top_customer', 'country_report', ...(name === 'substrait-json' ? ['(plan)'] : [])];
    for (const v of views) assert.ok(allowed.includes(v), `${name}: ${hunks.join('\n')}`);
  }
  const sig = c.sections.find((s) => s.section === 'signature')!.diff;
  const touched = sig.split('\n').filter((l) => /^[-+][a-z]/.test(l)).map((l) => l.slice(1).split(' ')[0]);
  assert.equal([...new Set(touched)].sort(), ['country_report', 'per_customer', 'top_customer']);
  const text = renderGoldenReport(r, 'check');
  assert.ok(text.includes('views whose definition changed: per_customer\n'), text);
  assert.ok(text.includes('downstream views impacted: top_customer, country_report\n'), text);
  assert.ok(text.endsWith('golden: 0 of 1 cases match, 1 differ\n'), text);
  rmSync(dir, { recursive: true });
});

test('an upstream edit impacts every transitive dependent and nothing else', async () => {
  const { dir, file } = tempCopy(DAG);
  withSpec(file, specOf(file).replace('where: "amount >= :min_amount"', 'where: "amount > :min_amount"'));
  const c = (await checkGolden(file)).cases[0]!;
  assert.equal(c.signatures!.changed, ['big_orders']);
  assert.equal(c.signatures!.impacted, ['customer_orders', 'per_country', 'per_customer', 'top_customer', 'country_report']);
  assert.equal(c.signatures!.unchanged, ['customer_names']);
  rmSync(dir, { recursive: true });
});

/** Rebuilds every mapping with its keys in reverse order (map entries that are column lists keep their order). */
function reverseKeys(v: unknown, keepOrder = false): unknown {
  if (Array.isArray(v)) return v.map((x) => reverseKeys(x));
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    // select / measures / schema / group_by maps define column order: that order is semantic.
    const ordered = keepOrder ? entries : [...entries].reverse();
    return Object.fromEntries(ordered.map(([k, x]) => [k, reverseKeys(x, ['select', 'measures', 'schema', 'group_by'].includes(k))]));
  }
  return v;
}

test('reordering keys, reordering rules and reformatting the spec (YAML → JSON, comments) change nothing', async () => {
  const { dir, file } = tempCopy(DAG);
  const doc = parseYaml(specOf(file)) as Record<string, unknown> & { rules: unknown[] };
  const reordered = reverseKeys({ ...doc, rules: [...doc.rules].reverse() });
  withSpec(file, JSON.stringify(reordered, null, 1));
  let r = await checkGolden(file);
  assert.equal(r.failing, [], renderGoldenReport(r, 'check'));
  withSpec(file, `# a comment on top\n${toYaml(reordered, { indent: 4, defaultStringType: 'QUOTE_DOUBLE' })}# and one at the end`);
  r = await checkGolden(file);
  assert.equal(r.failing, [], renderGoldenReport(r, 'check'));
  rmSync(dir, { recursive: true });
});

test('update rewrites a changed case byte-deterministically; check passes afterwards', async () => {
  const { dir, file } = tempCopy(DAG);
  withSpec(file, specOf(file).replace('"upper(name)"', '"lower(name)"'));
  const before = await checkGolden(file);
  assert.equal(before.cases[0]!.signatures!.changed, ['customer_names']);
  assert.equal(before.cases[0]!.signatures!.impacted, []);
  await updateGolden(file);
  const first = readFileSync(file, 'utf8');
  assert.equal((await checkGolden(file)).failing, []);
  const again = await updateGolden(file);
  assert.equal(again.failing, []);
  assert.is(readFileSync(file, 'utf8'), first);
  assert.ok(first.includes('01)project [id := id#0, name := (lower name#1)]'));
  rmSync(dir, { recursive: true });
});

test('a case with only its input is reported as new and filled in by update', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-golden-'));
  const file = path.join(dir, 'fresh.golden');
  writeFileSync(file, '# title: fresh\n---- spec\nrelc: 1\nname: fresh\ninputs:\n  t: { path: t.csv, schema: { a: int64 } }\nrules:\n  - { name: v, kind: filter, from: t, where: "a > 1" }\n');
  const r = await checkGolden(dir);
  assert.is(r.cases[0]!.status, 'new');
  await updateGolden(dir);
  const g = parseGoldenFile(readFileSync(file, 'utf8'), file);
  assert.equal(g.sections.map((s) => s.name), ['spec', 'rel', 'optimized', 'sql.duckdb', 'sql.sqlite', 'sql.postgres', 'signature', 'substrait-json']);
  assert.is(section(g, 'rel')!.body, "== v [a: int64]\n01)filter (gt a#0 '1'::int64)\n02)--scan t [a: int64]");
  rmSync(dir, { recursive: true });
});

test('an error case pins the error with its location in the case file', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-golden-'));
  const file = path.join(dir, 'bad.golden');
  writeFileSync(file, '# title: bad\n\n---- spec\nrelc: 1\nname: bad\ninputs:\n  t: { path: t.csv, schema: { a: int64 } }\nrules:\n  - { name: v, kind: filter, from: t, where: "b > 1" }\n');
  await updateGolden(file);
  const g = parseGoldenFile(readFileSync(file, 'utf8'), file);
  assert.is(section(g, 'error')!.body, "bad.golden:9:47: error[UNKNOWN_COLUMN]: unknown column b; available columns: t.a");
  rmSync(dir, { recursive: true });
});

test('a Substrait section is the compiled plan: its blocks put back together give the same JSON, one block per relation', async () => {
  const file = path.join(ROOT, 'golden/examples/quickstart.golden');
  const body = section(parseGoldenFile(readFileSync(file, 'utf8'), file), 'substrait-json')!.body;
  const out = spawnSync(process.execPath, [path.join(ROOT, 'bin/relc.js'), 'compile', 'examples/quickstart/relc.yaml', '--target', 'substrait-json'], { cwd: ROOT, encoding: 'utf8', env: PLAIN_ENV });
  assert.is(out.status, 0, out.stderr);
  assert.is(substraitSectionPlan(body), JSON.stringify(JSON.parse(out.stdout)));
  const plan = JSON.parse(out.stdout) as { relations: unknown[] };
  const headings = body.split('\n').filter((l) => l.startsWith('== '));
  assert.is(headings.length, plan.relations.length);
  assert.equal(headings.slice(0, 2), ['== workforce', '== member_of']);
  assert.ok(headings.includes('== output:team_sizes'), headings.join('\n'));
});

test('JSON layout: a value that fits the width stays on one line, a larger one opens a line per member; it reads back the same', () => {
  const doc = { a: [1, 2, 3], b: { c: 'x'.repeat(140), d: [{ e: null, f: true }] }, g: [], h: {} };
  const text = layoutJson(doc);
  assert.equal(JSON.parse(text), doc);
  assert.is(text, `{\n  "a": [1, 2, 3],\n  "b": {\n    "c": "${'x'.repeat(140)}",\n    "d": [{"e": null, "f": true}]\n  },\n  "g": [],\n  "h": {}\n}`);
  assert.is(layoutJson({ a: 1 }), '{"a": 1}');
});

test('every example rule pack has a golden case', () => {
  const examples = readdirSync(path.join(ROOT, 'examples')).filter((d) => readdirSync(path.join(ROOT, 'examples', d)).includes('relc.yaml'));
  const cases = readdirSync(path.join(ROOT, 'golden/examples')).map((f) => readFileSync(path.join(ROOT, 'golden/examples', f), 'utf8'));
  for (const ex of examples) {
    assert.ok(cases.some((c) => c.includes(`# spec: ../../examples/${ex}/relc.yaml\n`)), `examples/${ex} has no case in golden/examples`);
  }
  assert.ok(examples.length >= 1);
});

test('CLI: check exits 1 with the diffs and the summary, --json carries the report, update makes it pass', () => {
  const { dir, file } = tempCopy(DAG);
  withSpec(file, specOf(file).replace('order_by: ["revenue desc", "customer"]', 'order_by: ["revenue desc", "customer desc"]'));
  const r = cli(['check', dir]);
  assert.is(r.status, 1, r.stderr);
  assert.ok(r.stdout.includes('  views whose definition changed: top_customer\n  downstream views impacted: country_report\n'), r.stdout);
  assert.ok(r.stdout.includes('-01)winner keep=1 partition [country#1] order [revenue#2 desc nulls first, customer#0 asc nulls last]\n'), r.stdout);
  assert.ok(r.stdout.includes('+01)winner keep=1 partition [country#1] order [revenue#2 desc nulls first, customer#0 desc nulls first]\n'), r.stdout);
  assert.match(r.stderr, /^error\[GOLDEN_MISMATCH\]: 1 of 1 golden cases differ from what relc compiles now: /);
  const j = cli(['check', dir, '--json']);
  assert.is(j.status, 1);
  const err = JSON.parse(j.stdout).error;
  assert.is(err.code, 'GOLDEN_MISMATCH');
  assert.equal(err.details.cases[0].signatures.changed, ['top_customer']);
  assert.equal(err.details.cases[0].signatures.impacted, ['country_report']);
  const u = cli(['update', dir]);
  assert.is(u.status, 0, u.stderr);
  assert.is(u.stdout, `updated ${dir}/dag.golden: rel, optimized, sql.duckdb, sql.sqlite, sql.postgres, signature, substrait-json\n  views whose definition changed: top_customer\n  downstream views impacted: country_report\ngolden: 1 of 1 cases rewritten\n`);
  rmSync(dir, { recursive: true });
});

test('a missing corpus is INPUT_NOT_FOUND; an empty one too; an unknown section is SPEC_UNKNOWN_FIELD at its line', async () => {
  const codeOf = async (target: string) => {
    try {
      await checkGolden(target);
    } catch (e) {
      assert.instance(e, RelcError);
      const err = e as RelcError;
      return `${err.code}${err.location ? `@${err.location.line}` : ''}: ${err.message}`;
    }
    return 'no error';
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-golden-'));
  assert.match(await codeOf(path.join(dir, 'nope')), /^INPUT_NOT_FOUND: golden corpus .*nope not found: ENOENT$/);
  assert.match(await codeOf(dir), /^INPUT_NOT_FOUND: no golden cases \(\*\.golden\) under /);
  writeFileSync(path.join(dir, 'x.golden'), '# title: x\n---- spec\nrelc: 1\nname: x\n---- plan\n01)scan\n');
  assert.match(await codeOf(dir), /^SPEC_UNKNOWN_FIELD@5: unknown section 'plan'; input sections: spec, schema, sql; output sections: error, warnings, rel, /);
  rmSync(dir, { recursive: true });
});

test('SQL cases: schema and sql sections go together; the dialect header is checked', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-golden-'));
  const file = path.join(dir, 'q.golden');
  const errorOf = async (text: string) => {
    writeFileSync(file, text);
    await updateGolden(file);
    return section(parseGoldenFile(readFileSync(file, 'utf8'), file), 'error')?.body;
  };
  assert.is(await errorOf('# title: q\n---- sql\nselect 1\n'), "q.golden:2:1: error[SPEC_MISSING_FIELD]: a SQL golden case needs both a '---- schema' and a '---- sql' section");
  assert.is(await errorOf('# title: q\n# dialect: oracle\n---- schema\nt: { a: int64 }\n---- sql\nselect a from t\n'), 'q.golden:1:1: error[SPEC_BAD_VALUE]: unknown SQL dialect \'oracle\' (dialects: postgres, duckdb, sqlite, mysql, bigquery)');
  writeFileSync(file, '# title: q\n# dialect: sqlite\n---- schema\nt: { a: int64, b: utf8 }\n---- sql\nselect [b], a from t limit 2, 3\n');
  await updateGolden(file);
  const g = parseGoldenFile(readFileSync(file, 'utf8'), file);
  assert.is(section(g, 'rel')!.body, '== query [b: utf8?, a: int64?]\n01)limit 3 offset 2\n02)--sort [b#0 asc nulls last, a#1 asc nulls last]\n03)----project [b := b#1, a := a#0]\n04)------scan t [a: int64?, b: utf8?]');
  rmSync(dir, { recursive: true });
});

test.run();
