// Incremental `relc build`: a rebuild into the same bundle re-extracts only the files whose
// content hash changed, and its graph (content hashes of every output) equals a clean build of
// the same tree — after an edit, a deletion and a rename; build.json says what was reused.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { buildCpg, type BuildResult } from '../src/build/build.ts';

const root = mkdtempSync(path.join(tmpdir(), 'relc-incremental-'));
const src = path.join(root, 'proj');
const out = path.join(root, 'out');
let cleanRuns = 0;

function write(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(src, rel)), { recursive: true });
  writeFileSync(path.join(src, rel), text);
}

const hashes = (r: BuildResult) => Object.fromEntries(r.run.outputs.map((o) => [o.name, o.contentHash]));
const rebuild = () => buildCpg({ dir: src, outDir: out, backend: 'duckdb', jobs: 1 });
const clean = () => buildCpg({ dir: src, outDir: path.join(root, `clean-${cleanRuns++}`), backend: 'duckdb', jobs: 1, clean: true });
const edgeCount = (r: BuildResult) => r.run.outputs.find((o) => o.name === 'cpg_edges')!.rows;

write('pkg/__init__.py', 'from .util import helper\n');
write('pkg/util.py', 'def helper():\n    return 1\n');
write('pkg/core.py', 'from . import util\n\nclass Engine:\n    def run(self):\n        return util.helper()\n');
write('main.py', 'from pkg.core import Engine\nfrom pkg import helper\n\nEngine().run()\nhelper()\n');

test('first build extracts every file', async () => {
  const r = await rebuild();
  assert.equal(r.build.extracted, ['main.py', 'pkg/__init__.py', 'pkg/core.py', 'pkg/util.py']);
  assert.equal(r.build.reused, []);
});

test('after an edit: one file re-extracted, the graph equals a clean build', async () => {
  write('pkg/util.py', 'def helper():\n    return other()\n\ndef other():\n    return 2\n');
  const r = await rebuild();
  assert.equal(r.build.extracted, ['pkg/util.py']);
  assert.equal(r.build.reused, ['main.py', 'pkg/__init__.py', 'pkg/core.py']);
  assert.equal(r.stats.reused_files, 3);
  const c = await clean();
  assert.equal(hashes(r), hashes(c));
  assert.equal(c.build.extracted.length, 4);
  const onDisk = JSON.parse(readFileSync(path.join(out, 'build.json'), 'utf8')) as { extracted: string[] };
  assert.equal(onDisk.extracted, ['pkg/util.py']);
});

test('after a deletion: the file is listed as removed, the graph equals a clean build', async () => {
  const before = edgeCount(await rebuild());
  rmSync(path.join(src, 'pkg', 'core.py'));
  write('main.py', 'from pkg import helper\n\nhelper()\n');
  const r = await rebuild();
  assert.equal(r.build.removed, ['pkg/core.py']);
  assert.equal(r.build.extracted, ['main.py']);
  assert.equal(hashes(r), hashes(await clean()));
  assert.ok(edgeCount(r) < before, `${edgeCount(r)} edges after removing a module, ${before} before`);
});

test('after a rename: old path removed, new path extracted, the graph equals a clean build', async () => {
  renameSync(path.join(src, 'pkg', 'util.py'), path.join(src, 'pkg', 'tools.py'));
  write('pkg/__init__.py', 'from .tools import helper\n');
  const r = await rebuild();
  assert.equal(r.build.removed, ['pkg/util.py']);
  assert.equal(r.build.extracted, ['pkg/__init__.py', 'pkg/tools.py']);
  assert.equal(hashes(r), hashes(await clean()));
});

test.after(() => rmSync(root, { recursive: true, force: true }));
test.run();
