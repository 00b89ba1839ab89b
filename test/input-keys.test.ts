// Declared input keys are checked at load on every backend: a duplicate is INPUT_KEY_VIOLATION
// naming the input, the key, the duplicated values and the file rows of their first two occurrences; unique keys (also composite, with NULLs
// in other columns) load as before.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { field, T, type InputDecl, type Program, type RelcError } from '../src/ir/index.ts';
import { runProgram } from '../src/run/index.ts';
import { failure } from './support/failure.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'relc-keys-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const schema = [field('a', T.int64), field('b', T.utf8), field('v', T.float64, true)];
function program(file: string, key: readonly string[]): Program {
  const input: InputDecl = { name: 't', path: file, format: 'csv', schema, key };
  return { name: 'keys', profile: 'default', inputs: [input], params: [], views: [{ name: 'v', rel: { kind: 'scan', table: 't', schema } }], outputs: [{ name: 'v', from: 'v', orderBy: [], format: 'csv' }] };
}


writeFileSync(path.join(dir, 'dup.csv'), 'a,b,v\n2,x,1\n1,y,\n2,x,3\n1,z,4\n5,q,5\n1,y,6\n');
writeFileSync(path.join(dir, 'ok.csv'), 'a,b,v\n2,x,1\n1,y,\n2,y,3\n');

for (const backend of ['duckdb', 'sqlite'] as const) {
  const base = { backend, specDir: dir, specHash: 'x' };
  test(`${backend}: a repeated single-column key is INPUT_KEY_VIOLATION with the values, in key order`, async () => {
    const e = await failure(runProgram(program('dup.csv', ['a']), base));
    assert.is(e.code, 'INPUT_KEY_VIOLATION');
    assert.is(e.stage, 'io');
    assert.is(e.message, 'input t (dup.csv): declared key (a) is not unique: (1) ×3 at rows 2 and 4 of the file, (2) ×2 at rows 1 and 3 of the file');
    assert.equal(e.details, { input: 't', path: 'dup.csv', key: ['a'], duplicates: [{ values: ['1'], rows: 3, file_rows: [2, 4] }, { values: ['2'], rows: 2, file_rows: [1, 3] }] });
  });
  test(`${backend}: composite keys: duplicates of the pair only`, async () => {
    const e = await failure(runProgram(program('dup.csv', ['a', 'b']), base));
    assert.is(e.message, 'input t (dup.csv): declared key (a, b) is not unique: (1, "y") ×2 at rows 2 and 6 of the file, (2, "x") ×2 at rows 1 and 3 of the file');
    const ok = await runProgram(program('ok.csv', ['a', 'b']), base);
    assert.is(ok.outputs[0]!.rows, 3);
  });
}

test.run();
