// Declared output keys are contracts: a key column the view lacks is UNKNOWN_COLUMN at compile
// time with its location; a run whose view repeats a key value fails with OUTPUT_KEY_VIOLATION
// (values in key order) on every backend and writes no bundle; a unique key runs as before.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileSpecText } from '../src/spec/index.ts';
import { runSpecFile } from '../src/index.ts';
import { failure } from './support/failure.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'relc-output-keys-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(path.join(dir, 'sales.csv'), 'region,product,amount\nnorth,a,1\nsouth,a,2\nnorth,b,3\nnorth,a,4\nwest,c,5\n');

const pack = (key: string) => `relc: 1
name: keys
inputs:
  sales: { path: sales.csv, schema: { region: utf8, product: utf8, amount: int64 } }
rules:
  - { name: per_region, kind: aggregate, from: sales, group_by: [region], measures: { total: "sum(amount)" } }
  - { name: lines, kind: filter, from: sales, where: "amount > 0" }
outputs:
  - { name: per_region, from: per_region, key: [region] }
  - { name: lines, from: lines, key: ${key} }
`;

test('a key column the view lacks is UNKNOWN_COLUMN at its place in the pack', async () => {
  const e = await failure(compileSpecText(pack('[region, prodcut]'), 'relc.yaml'));
  assert.is(e.code, 'UNKNOWN_COLUMN');
  assert.is(e.message, "output 'lines': key column 'prodcut' is not a column of lines (region, product, amount)");
  assert.equal(e.location, { file: 'relc.yaml', line: 10, col: 47 });
});

for (const backend of ['duckdb', 'sqlite'] as const) {
  test(`${backend}: a repeated key value is OUTPUT_KEY_VIOLATION, and no bundle is written`, async () => {
    const spec = path.join(dir, `bad-${backend}.yaml`);
    writeFileSync(spec, pack('[region, product]'));
    const out = path.join(dir, `bad-${backend}`);
    const e = await failure(runSpecFile(spec, { backend, outDir: out, optimize: true, disable: [] }));
    assert.is(e.code, 'OUTPUT_KEY_VIOLATION');
    assert.is(e.message, 'output lines (view lines): declared key (region, product) is not unique: ("north", "a") ×2');
    assert.equal(e.details!.duplicates, [{ values: ['"north"', '"a"'], rows: 2 }]);
    assert.not.ok(existsSync(path.join(out, 'manifest.json')));
  });
  test(`${backend}: unique keys run and write every output`, async () => {
    const spec = path.join(dir, `ok-${backend}.yaml`);
    writeFileSync(spec, pack('[region, product, amount]'));
    const r = await runSpecFile(spec, { backend, outDir: path.join(dir, `ok-${backend}`), optimize: true, disable: [] });
    assert.equal(r.outputs.map((o) => [o.name, o.rows]), [['per_region', 3], ['lines', 5]]);
  });
}

test.run();
