// `kind: recursive` rules: malformed ones give their code at file:line:col; the example pack
// (examples/recursive) runs end to end with the same rows and content hashes on DuckDB threads
// 1/2/4 and SQLite; an exceeded max_iterations is RECURSION_LIMIT on both backends.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { initHashing, RelcError, signViews } from '../src/ir/index.ts';
import { runSpecFile } from '../src/run/execute/execute.ts';
import { compileSpecText } from '../src/spec/index.ts';
import { failure } from './support/failure.ts';

const HEAD = `relc: 1
name: t
inputs:
  edges:
    path: edges.csv
    schema: { src: int64, dst: int64 }
rules:
`;

const CASES: { name: string; code: string; text: string; message: RegExp }[] = [
  {
    name: 'step not reading the rule',
    code: 'SPEC_BAD_VALUE',
    text: `  - { name: r, kind: recursive, base: "select src, dst from edges", step: "@@select src, dst from edges" }\n`,
    message: /the step must read 'r'/,
  },
  {
    name: 'step reading the rule twice (at the second reference)',
    code: 'SPEC_BAD_VALUE',
    text: `  - { name: r, kind: recursive, base: "select src, dst from edges", step: "select a.src, b.dst from r a join @@r b on a.dst = b.src" }\n`,
    message: /reads 'r' 2 times; exactly once/,
  },
  {
    name: 'base reading the rule',
    code: 'SPEC_BAD_VALUE',
    text: `  - { name: r, kind: recursive, base: "select src, dst from @@r", step: "select r.src, e.dst from r join edges e on r.dst = e.src" }\n`,
    message: /base must not read the rule itself/,
  },
  {
    name: 'bad union value',
    code: 'SPEC_BAD_VALUE',
    text: `  - { name: r, kind: recursive, base: "select src, dst from edges", step: "select r.src, e.dst from r join edges e on r.dst = e.src", union: @@set }\n`,
    message: /distinct|all/,
  },
  {
    name: 'max_iterations zero',
    code: 'SPEC_BAD_VALUE',
    text: `  - { name: r, kind: recursive, base: "select src, dst from edges", step: "select r.src, e.dst from r join edges e on r.dst = e.src", max_iterations: @@0 }\n`,
    message: /./,
  },
  {
    name: 'max_iterations not an integer',
    code: 'SPEC_BAD_VALUE',
    text: `  - { name: r, kind: recursive, base: "select src, dst from edges", step: "select r.src, e.dst from r join edges e on r.dst = e.src", max_iterations: @@2.5 }\n`,
    message: /./,
  },
  {
    name: 'step type does not fit the base',
    code: 'TYPE_MISMATCH',
    text: `  - { name: r, kind: recursive, base: "select src, dst from edges", step: "@@select r.src, 'x' from r join edges e on r.dst = e.src" }\n`,
    message: /column 2 \(dst\) is int64 in the base but utf8 in the step/,
  },
  {
    name: 'step with another column count',
    code: 'TYPE_MISMATCH',
    text: `  - { name: r, kind: recursive, base: "select src, dst from edges", step: "@@select r.src from r" }\n`,
    message: /the step has 1 columns, the base 2/,
  },
  {
    name: 'non-linear step (aggregate over the working table)',
    code: 'UNSUPPORTED_CONSTRUCT',
    text: `  - { name: r, kind: recursive, base: "select src, dst from edges", step: "select max(src), max(dst) from @@r" }\n`,
    message: /under an aggregate/,
  },
  {
    name: 'working table on the padded side of a left join',
    code: 'UNSUPPORTED_CONSTRUCT',
    text: `  - { name: r, kind: recursive, base: "select src, dst from edges", step: "select e.src, e.dst from edges e left join @@r on r.dst = e.src" }\n`,
    message: /right side of a left join/,
  },
];

function locate(marked: string): { text: string; line: number; col: number } {
  const at = marked.indexOf('@@');
  const before = marked.slice(0, at).split('\n');
  return { text: marked.replace('@@', ''), line: before.length, col: before[before.length - 1]!.length + 1 };
}

for (const c of CASES) {
  test(`error: ${c.name}`, async () => {
    const { text, line, col } = locate(`${HEAD}${c.text}`);
    const e = await failure(compileSpecText(text, 'pack.yaml'));
    assert.instance(e, RelcError, `expected a RelcError, got ${String(e)}`);
    assert.is(e.code, c.code, `${e.code}: ${e.message}`);
    assert.equal([e.location?.file, e.location?.line, e.location?.col], ['pack.yaml', line, col], `${e.code}: ${e.message}`);
    assert.match(e.message, c.message);
  });
}

test('a recursive rule compiles to one recursive node; its signature does not depend on the rule name', async () => {
  const rule = (n: string) => `${HEAD}  - { name: ${n}, kind: recursive, base: "select src, dst from edges", step: "select x.src, e.dst from ${n} x join edges e on x.dst = e.src", max_iterations: 5 }\n`;
  const a = await compileSpecText(rule('reach'), 'a.yaml');
  const b = await compileSpecText(rule('closure'), 'b.yaml');
  const view = a.program.views.find((v) => v.name === 'reach')!;
  assert.is(view.rel.kind, 'recursive');
  assert.equal({ ...view.rel, base: undefined, step: undefined }, { kind: 'recursive', name: 'reach', distinct: true, maxIterations: 5, base: undefined, step: undefined });
  await initHashing();
  assert.is(signViews(a.program).get('reach'), signViews(b.program).get('closure'));
});

const example = path.join(import.meta.dirname, '..', 'examples', 'recursive', 'relc.yaml');

test('examples/recursive runs with equal rows and content hashes on DuckDB threads 1/2/4 and SQLite', async () => {
  const runs: { hashes: string[]; rows: string }[] = [];
  for (const opts of [{ backend: 'duckdb' as const, threads: 1 }, { backend: 'duckdb' as const, threads: 2 }, { backend: 'duckdb' as const, threads: 4 }, { backend: 'sqlite' as const }]) {
    const r = await runSpecFile(example, { ...opts, optimize: true, disable: [] });
    runs.push({ hashes: r.manifest.outputs.map((o) => `${o.name}:${o.rows}:${o.content_hash}`), rows: JSON.stringify(r.outputs.map((o) => o.data), (_, v) => (typeof v === 'bigint' ? Number(v) : v)) });
  }
  for (const r of runs.slice(1)) assert.equal(r, runs[0]);
  const [reach, shortest, parts] = JSON.parse(runs[0]!.rows) as unknown[][][];
  // 1, 2, 3 reach each other and 4, 5, 6; 4 → 5, 6; 5 → 6; the diamond 10 → 11, 12 → 13 → 14; 20 → 21.
  assert.is(reach!.length, 3 * 6 + 2 + 1 + 4 + 2 + 2 + 1 + 1);
  assert.equal(shortest!.find((r) => r[0] === 1 && r[1] === 6), [1, 6, 5]);
  assert.equal(shortest!.find((r) => r[0] === 10 && r[1] === 14), [10, 14, 3]);
  assert.equal(parts, [['bearing', '6'], ['frame', '1'], ['hub', '2'], ['rim', '2'], ['spoke', '64'], ['tube', '3'], ['wheel', '2']]);
});

test('max_iterations one short of the fixpoint is RECURSION_LIMIT on DuckDB and SQLite, enough is fine', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-recursive-'));
  try {
    const text = readFileSync(example, 'utf8').replaceAll('data/', path.join(path.dirname(example), 'data') + '/');
    for (const [limit, fails] of [[3, true], [4, false]] as const) {
      const spec = path.join(dir, `limit-${limit}.yaml`);
      writeFileSync(spec, text.replace('max_iterations: 100', `max_iterations: ${limit}`));
      for (const backend of ['duckdb', 'sqlite'] as const) {
        const outcome = await runSpecFile(spec, { backend, optimize: true, disable: [] }).then(() => null, (e: unknown) => e);
        if (!fails) {
          assert.is(outcome, null, `${backend}: max_iterations=${limit} is enough`);
          continue;
        }
        assert.instance(outcome, RelcError, backend);
        const e = outcome as RelcError;
        assert.is(e.code, 'RECURSION_LIMIT', `${backend}: ${e.message}`);
        assert.is(e.message, 'view reach: recursion reach did not reach its fixpoint within max_iterations=3 (iteration 4 still adds rows; reached 4)');
        assert.equal([e.location?.line, e.location?.col], [16, 5]);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
