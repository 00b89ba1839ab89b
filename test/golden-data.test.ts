// The `data` section of golden cases (`# run:` / `# build:`): a case records its views' row
// counts, its outputs' rows, content hashes and declared keys, and its candidate views'
// ambiguity invariants, from runs on every backend named plus an unoptimized one; a change in
// the data fails `golden check` with that section's diff; bad headers are coded errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { checkGolden, updateGolden } from '../src/run/gate/golden.ts';
import { parseGoldenFile, section } from '../src/run/gate/golden-format.ts';
import { failure } from './support/failure.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'relc-golden-data-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const SALES = 'region,product,amount\nnorth,a,1\nsouth,a,2\nnorth,b,3\nwest,c,5\n';

function caseFile(name: string, header: string, rules: string, outputs: string): string {
  const file = path.join(dir, `${name}.golden`);
  writeFileSync(
    file,
    `# title: ${name}\n${header}\n---- spec\nrelc: 1\nname: ${name}\ninputs:\n  sales: { path: sales.csv, schema: { region: utf8, product: utf8, amount: int64 } }\nrules:\n${rules}\noutputs:\n${outputs}\n`,
  );
  return file;
}

const dataOf = (file: string) => section(parseGoldenFile(readFileSync(file, 'utf8'), file), 'data')?.body;

const RULES = `  - { name: per_region, kind: aggregate, from: sales, group_by: [region], measures: { total: "sum(amount)", n: "count(*)" } }
  - name: picks
    kind: sql
    sql: |
      select region as ambiguity_group_id, product, cast(amount as float8) as confidence,
             cast(row_number() over (partition by region order by amount desc, product) as int64) as rank,
             row_number() over (partition by region order by amount desc, product) = 1 as is_winner
      from sales
  - { name: loose, kind: sql, sql: "select region as ambiguity_group_id, product from sales" }`;
const OUTPUTS = '  - { name: per_region, from: per_region, key: [region] }\n  - { name: picks, from: picks, key: [ambiguity_group_id, product] }';

test('a case with # run: records rows, content hashes, keys and candidate invariants, equal on every run', async () => {
  writeFileSync(path.join(dir, 'sales.csv'), SALES);
  const file = caseFile('shop', '# run: duckdb, sqlite', RULES, OUTPUTS);
  await updateGolden(file);
  const data = dataOf(file)!;
  const lines = data.split('\n');
  assert.equal(lines.slice(0, 4), ['run: duckdb, sqlite, duckdb unoptimized: equal', 'view loose rows=4', 'view per_region rows=3', 'view picks rows=4']);
  assert.match(lines[4]!, /^output per_region rows=3 content_hash=[0-9a-f]{64}$/);
  assert.is(lines[5], 'output per_region key (region): unique');
  assert.match(lines[6]!, /^output picks rows=4 content_hash=[0-9a-f]{64}$/);
  assert.equal(lines.slice(7), [
    'output picks key (ambiguity_group_id, product): unique',
    'view loose candidates: missing confidence, rank, is_winner',
    'view picks candidates: 3 groups, 1 with several, each with exactly one winner',
  ]);
  assert.equal((await checkGolden(file)).failing, []);

  // One more region: the row counts and hashes change, nothing else.
  writeFileSync(path.join(dir, 'sales.csv'), `${SALES}east,d,1\n`);
  const grown = (await checkGolden(file)).cases[0]!.sections;
  assert.equal(grown.map((s) => s.section), ['data']);
  assert.match(grown[0]!.diff, '-view per_region rows=3\n');
  assert.match(grown[0]!.diff, '+view per_region rows=4\n');
  assert.match(grown[0]!.diff, '+view picks candidates: 4 groups, 1 with several, each with exactly one winner');

  // The same pack over data that breaks a key: the check fails on the data section alone.
  writeFileSync(path.join(dir, 'sales.csv'), `${SALES}north,a,7\n`);
  const report = await checkGolden(file);
  assert.equal(report.failing, [file]);
  const changed = report.cases[0]!.sections;
  assert.equal(changed.map((s) => s.section), ['data']);
  assert.match(changed[0]!.diff, '-output picks key (ambiguity_group_id, product): unique');
  assert.match(changed[0]!.diff, '+error[OUTPUT_KEY_VIOLATION]: output picks (view picks)');
});

test('a broken output key is the data section: the run error, on every run', async () => {
  writeFileSync(path.join(dir, 'sales.csv'), `${SALES}north,a,7\n`);
  const file = caseFile('dup', '# run: sqlite', RULES, OUTPUTS);
  await updateGolden(file);
  assert.is(
    dataOf(file),
    'run: sqlite, sqlite unoptimized: equal\nerror[OUTPUT_KEY_VIOLATION]: output picks (view picks): declared key (ambiguity_group_id, product) is not unique: ("north", "a") ×2',
  );
});

test('bad data headers are coded errors at the case', async () => {
  const unknown = caseFile('unknown', '# run: duckdb oracle', RULES, OUTPUTS);
  const e1 = await failure(checkGolden(unknown));
  assert.is(e1.code, 'SPEC_BAD_VALUE');
  assert.is(e1.message, "'# run:' names an unknown backend 'oracle' (backends: duckdb, sqlite)");
  const buildOnly = caseFile('build', '# build: src', RULES, OUTPUTS);
  const e2 = await failure(checkGolden(buildOnly));
  assert.is(e2.code, 'SPEC_MISSING_FIELD');
  const embedded = caseFile('embedded', '# run: duckdb\n# build: src', RULES, OUTPUTS);
  const e3 = await failure(checkGolden(embedded));
  assert.is(e3.message, "'# build:' builds with the case's rule pack: give it as '# spec: <path>'");
});

test.run();
