// `relc diff <specA> <specB>`: views unchanged / changed (with a plan diff) / added / removed,
// downstream impact, declaration changes, --json and --exit-code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { diffSpecs, renderSpecDiff, specsDiffer, type SpecDiff } from '../src/run/gate/diff.ts';
import { PLAIN_ENV } from './support/plain-env.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUICKSTART = readFileSync(path.join(ROOT, 'examples/quickstart/relc.yaml'), 'utf8');
const DIR = mkdtempSync(path.join(tmpdir(), 'relc-diff-'));

function write(name: string, text: string): string {
  const file = path.join(DIR, name);
  writeFileSync(file, text);
  return file;
}

function edit(text: string, pairs: readonly [string, string][]): string {
  let out = text;
  for (const [from, to] of pairs) {
    assert.ok(out.includes(from), `the spec contains ${from}`);
    out = out.replace(from, to);
  }
  return out;
}

const statusOf = (d: SpecDiff) => Object.fromEntries(d.views.map((v) => [v.name, v.status]));

test('identical packs (even reformatted) are unchanged everywhere', async () => {
  const a = write('a.yaml', QUICKSTART);
  const b = write('b.json', JSON.stringify(JSON.parse(JSON.stringify((await import('yaml')).parse(QUICKSTART)))));
  const d = await diffSpecs(a, b);
  assert.ok(d.views.every((v) => v.status === 'unchanged'));
  assert.is(d.views.length, 12);
  assert.equal(d.declarations, []);
  assert.not.ok(specsDiffer(d));
  assert.is(d.a.spec_hash, d.b.spec_hash);
});

test('one edited rule: changed with a plan diff, its readers impacted, the rest unchanged', async () => {
  const a = write('a.yaml', QUICKSTART);
  const b = write('b.yaml', edit(QUICKSTART, [['n: "count(*)"', 'n: "count(person)"']]));
  const d = await diffSpecs(a, b);
  const changed = d.views.filter((v) => v.status === 'changed');
  assert.equal(changed.map((v) => [v.name, v.definition_changed, v.upstream_changed]), [
    ['team_sizes', true, []],
    ['big_teams', false, ['team_sizes']],
    ['team_report', false, ['team_sizes']],
  ]);
  assert.equal(d.impacted, ['big_teams', 'team_report']);
  assert.equal(d.summary, { unchanged: 9, changed: 3, added: 0, removed: 0, impacted: 2 });
  const plan = changed[0]!.plan_diff!;
  assert.ok(plan.includes('\n-01)aggregate group [team := team#2] measures [n := (count *), '), plan);
  assert.ok(plan.includes('\n+01)aggregate group [team := team#2] measures [n := (count person#1), '), plan);
  // A reader's own plan prints the same: no diff, only the upstream it changed through.
  assert.is(changed[1]!.plan_diff, '');
  assert.ok(specsDiffer(d));
});

test('added, removed, a rename recognized by its signature, and declaration changes', async () => {
  const a = write('a.yaml', QUICKSTART);
  const b = write(
    'b.yaml',
    edit(QUICKSTART, [
      ['{ name: orphans, kind: relate', '{ name: homeless, kind: relate'],
      ['- { name: orphans, from: orphans, order_by: [id] }', '- { name: orphans, from: homeless, order_by: [id] }'],
      ['  # sql: a SELECT over the views', '  - { name: extra, kind: filter, from: people, where: "id > 3" }\n\n  # sql: a SELECT over the views'],
      ['min_score: { type: float64, default: 0.5 }', 'min_score: { type: float64, default: 0.6 }'],
      ['path: data/teams.csv', 'path: data/teams_v2.csv'],
    ]),
  );
  const d = await diffSpecs(a, b);
  const s = statusOf(d);
  assert.is(s['homeless'], 'added');
  assert.is(s['extra'], 'added');
  assert.is(s['orphans'], 'removed');
  assert.is(d.views.find((v) => v.name === 'homeless')!.same_plan_as, 'orphans');
  assert.is(d.views.find((v) => v.name === 'extra')!.same_plan_as, undefined);
  assert.equal(d.summary, { unchanged: 11, changed: 0, added: 2, removed: 1, impacted: 0 });
  assert.equal(d.declarations.map((x) => `${x.kind} ${x.name} ${x.status}`), ['param min_score changed', 'input teams changed', 'output orphans changed']);
  const text = renderSpecDiff(d);
  assert.ok(text.includes('\nchanged   param min_score: default 0.5 → 0.6\n'), text);
  assert.ok(text.includes('\nchanged   input teams: path "data/teams.csv" → "data/teams_v2.csv"\n'), text);
  assert.ok(text.includes('\nchanged   output orphans: from "orphans" → "homeless"\n'), text);
  assert.match(text, /\nadded {5}homeless [0-9a-f]{16} \(same plan as removed view orphans\)\n/);
  assert.match(text, /\nremoved {3}orphans [0-9a-f]{16}\n/);
  assert.ok(text.endsWith('views: 0 changed (0 by definition, 0 downstream impacted), 2 added, 1 removed, 11 unchanged\n'), text);
});

test('a broken pack is its own error, located in its file', async () => {
  const a = write('a.yaml', QUICKSTART);
  const b = write('b.yaml', edit(QUICKSTART, [['from: strong_recent', 'from: strong_recnt']]));
  try {
    await diffSpecs(a, b);
    assert.unreachable();
  } catch (e) {
    const err = e as { code: string; location: { file: string; line: number } };
    assert.is(err.code, 'UNKNOWN_RELATION');
    assert.is(err.location.file, b);
  }
});

/** Runs the diff command class in a fresh process, as the relc binary does. */
function cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const script = [
    "const { register } = await import('tsx/esm/api'); register();",
    "const { handle, flush } = await import('@oclif/core');",
    `const { default: C } = await import(${JSON.stringify(path.join(ROOT, 'src/cli/commands/diff.ts'))});`,
    `try { await C.run(process.argv.slice(1), ${JSON.stringify(path.join(ROOT, 'package.json'))}); await flush(); } catch (e) { await handle(e); }`,
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { cwd: ROOT, encoding: 'utf8', env: PLAIN_ENV });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI: --json prints the diff, --exit-code exits 1 when the packs differ', () => {
  const a = write('a.yaml', QUICKSTART);
  const b = write('b.yaml', edit(QUICKSTART, [['where: "score >= :min_score and joined >= :hired_since"', 'where: "score >= :min_score"']]));
  const r = cli([a, b, '--json', '--exit-code']);
  assert.is(r.status, 1, r.stderr);
  const d = JSON.parse(r.stdout) as SpecDiff;
  assert.equal(d.views.filter((v) => v.status === 'changed').map((v) => v.name), ['strong_recent', 'badges']);
  assert.equal(d.impacted, ['badges']);
  assert.match(d.views.find((v) => v.name === 'strong_recent')!.plan_diff!, /\n-01\)filter \(and \(gte score#3 :min_score\) \(gte joined#4 :hired_since\)\)\n\+01\)filter \(gte score#3 :min_score\)\n/);
  const same = cli([a, a, '--exit-code']);
  assert.is(same.status, 0, same.stderr);
  assert.ok(same.stdout.endsWith('views: 0 changed (0 by definition, 0 downstream impacted), 0 added, 0 removed, 12 unchanged\n'), same.stdout);
});

test.after(() => rmSync(DIR, { recursive: true }));
test.run();
