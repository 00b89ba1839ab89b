// relc as a package: the built dist/index.d.ts types a consumer program (test/fixtures/consumer,
// type-checked by tsc against `import … from 'relc'`, with the example service), and the
// embedding example (examples/embedding/service.ts) serves requests from the built package:
// compiled once, run per request with its parameters, typed Arrow results, a streamed output.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tableToIPC, type Table } from 'apache-arrow';
import { runSpecFile } from '../src/run/execute/execute.ts';

// The example imports 'relc' (the built dist/): it is loaded by URL so that the type-check of the
// tests does not depend on a build; its own types are checked by the consumer fixture.
interface Service {
  readonly PACK: string;
  compilePack(file: string): Promise<unknown>;
  createService(pack: unknown): import('node:http').Server;
  runPack(pack: unknown, params: Record<string, string>, backend?: 'duckdb' | 'sqlite'): Promise<Map<string, Table>>;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** `npm run build` unless dist/ is newer than every source file. */
function built(): void {
  const types = path.join(ROOT, 'dist/index.d.ts');
  if (existsSync(types) && statSync(types).mtimeMs >= newest(path.join(ROOT, 'src'))) return;
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, `npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

test('a consumer program type-checks against the built package\'s types (and its @ts-expect-error lines are errors)', () => {
  built();
  const r = spawnSync('npx', ['tsc', '-p', 'test/fixtures/consumer/tsconfig.json'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(`${r.stdout}${r.stderr}`, '');
  assert.is(r.status, 0);
});

test('the embedding example: compiled once, one run per request with its parameters, typed Arrow results, a streamed output', async () => {
  built();
  const service = (await import(pathToFileURL(path.join(ROOT, 'examples/embedding/service.ts')).href)) as Service;
  const pack = await service.compilePack(service.PACK);
  const server = service.createService(pack);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const strict = await fetch(`${base}/badges?min_score=0.8`);
    assert.is(strict.status, 200);
    assert.equal(await strict.json(), [
      { id: '1', shout: 'ADA!', tier: 'gold', hireYear: 2019 },
      { id: '2', shout: 'GRACE!', tier: 'gold', hireYear: 2020 },
      { id: '6', shout: 'MARGARET!', tier: 'silver', hireYear: 2022 },
    ]);
    const usual = await (await fetch(`${base}/badges`)).json();
    assert.equal((usual as { id: string }[]).map((b) => b.id), ['1', '2', '4', '6', '7']);
    const later = await (await fetch(`${base}/badges?min_score=0.5&hired_since=2021-01-01`)).json();
    assert.equal((later as { id: string }[]).map((b) => b.id), ['4', '6']);
    const bad = await fetch(`${base}/badges?min_score=high`);
    assert.is(bad.status, 400);
    assert.equal(await bad.json(), { code: 'SPEC_BAD_VALUE', message: 'parameter min_score: "high" is not a valid float64' });
    // The streamed output: every row of placement, in output order, as the run in src returns them.
    const lines = (await (await fetch(`${base}/placement`)).text()).trimEnd().split('\n').map((l) => JSON.parse(l) as unknown[]);
    const expected = (await runSpecFile(service.PACK, { backend: 'duckdb', optimize: true, disable: [], collect: 'all' })).outputs.find((o) => o.name === 'placement')!;
    assert.equal(lines, JSON.parse(JSON.stringify(expected.data, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  // The same Arrow bytes from SQLite.
  const [duck, lite] = [await service.runPack(pack, { min_score: '0.6' }), await service.runPack(pack, { min_score: '0.6' }, 'sqlite')];
  for (const name of ['badges', 'placement', 'best_member']) {
    assert.ok(Buffer.from(tableToIPC(duck.get(name)!)).equals(Buffer.from(tableToIPC(lite.get(name)!))), name);
  }
});

test.run();
