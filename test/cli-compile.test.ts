// The compiled CLI (bin/relc.js → the bundle in dist/bin/): `compile --view X --json` lists that
// view only, the commands that never execute do not load a native engine module, the bundle's
// entry files hold none of the pipeline, and --help answers from oclif's manifest.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COMMANDS } from '../src/cli/commands.ts';
import { COMPILE_TARGETS, TARGETS, TRANSPILE_TARGETS } from '../src/run/compose/targets.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const relc = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'relc.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
const SPEC = 'examples/quickstart/relc.yaml';

test('compile --view X --json lists only X', () => {
  const r = relc('compile', SPEC, '--view', 'team_sizes', '--json');
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).views.map((v: { name: string }) => v.name), ['team_sizes']);
  const all = JSON.parse(relc('compile', SPEC, '--json').stdout).views.length;
  assert.ok(all > 1);
});

test('every target of the one target table emits through compile and transpile', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'relc-targets-'));
  try {
    for (const target of COMPILE_TARGETS) {
      const file = path.join(out, `${target}.out`);
      const r = relc('compile', SPEC, '--target', target, '--view', 'team_sizes', '--out', file);
      assert.is(r.status, 0, `${target}: ${r.stderr}`);
      const text = readFileSync(file);
      assert.ok(text.length > 0, target);
      if (TARGETS[target].kind === 'sql') assert.match(text.toString('utf8'), /^-- relc view=team_sizes signature=/m, target);
      if (target === 'plan') assert.match(text.toString('utf8'), /^-- team_sizes\n01\)/m);
    }
    for (const target of TRANSPILE_TARGETS) {
      const file = path.join(out, `t-${target}.out`);
      const r = relc('transpile', '--to', target, '--out', file, 'select 1 as a');
      assert.is(r.status, 0, `${target}: ${r.stderr}`);
      assert.ok(readFileSync(file).length > 0, target);
    }
    assert.equal([...COMPILE_TARGETS].sort(), Object.keys(TARGETS).sort());
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

// A preload that fails the process if an engine's native module is resolved: by an ES import
// (a resolve hook) or by require() (src/backends/duckdb-api.ts loads DuckDB so).
const GUARD = `data:text/javascript,${encodeURIComponent(
  "import M, { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(\"export async function resolve(s, c, n) { if (/@duckdb|better-sqlite3/.test(s)) throw new Error('native engine loaded: ' + s); return n(s, c); }\"));" +
    " const load = M._load; M._load = function (s, ...rest) { if (/@duckdb|better-sqlite3/.test(s)) throw new Error('native engine loaded: ' + s); return load.call(this, s, ...rest); };",
)}`;

test('validate, compile, transpile, explain and --help load neither DuckDB nor SQLite', () => {
  const runs: string[][] = [
    ['--help'],
    ['validate', SPEC],
    ['compile', SPEC, '--target', 'sqlite'],
    ['explain', SPEC, '--view', 'team_sizes'],
    ['transpile', '--from', 'duckdb', '--to', 'postgres', 'select 7 / 2'],
  ];
  for (const args of runs) {
    const r = spawnSync(process.execPath, ['--import', GUARD, path.join(ROOT, 'bin', 'relc.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
    assert.is(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  // The guard itself works: run executes, and so loads DuckDB.
  const run = spawnSync(process.execPath, ['--import', GUARD, path.join(ROOT, 'bin', 'relc.js'), 'run', SPEC], { cwd: ROOT, encoding: 'utf8' });
  assert.is.not(run.status, 0);
  assert.match(run.stderr, /native engine loaded: @duckdb\/node-bindings/);
});

// esbuild's record of the bundle (scripts/bundle-cli.ts): each output file's inputs and imports.
interface Meta {
  inputs: Record<string, unknown>;
  outputs: Record<string, { entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }>;
}
const META = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'bin', 'meta.json'), 'utf8')) as Meta;

/** Source modules and external packages an output file loads before any of its code runs. */
function staticClosure(entry: string): { inputs: Set<string>; externals: Set<string> } {
  const inputs = new Set<string>();
  const externals = new Set<string>();
  const seen = new Set<string>();
  const todo = [entry];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    if (seen.has(f)) continue;
    seen.add(f);
    const out = META.outputs[f];
    assert.ok(out, `${f} is in the bundle`);
    for (const i of Object.keys(out.inputs)) inputs.add(i);
    for (const i of out.imports) {
      if (i.kind !== 'import-statement') continue; // dynamic import(): loads when a command runs
      if (i.external) externals.add(i.path);
      else todo.push(i.path);
    }
  }
  return { inputs, externals };
}

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
// The pipeline loads when a command runs, never with the command table: of these folders only
// the lists that flags offer as choices are imported up front.
const PIPELINE = /^src\/(sql|optimize|lower|spec|run|backends|substrait|substrait-proto|extract)\//;
const FLAG_CHOICES = new Set(['src/sql/dialects.ts', 'src/run/compose/targets.ts', 'src/lower/substrait/consumers.ts', 'src/backends/kinds.ts', 'src/backends/duckdb/caps.ts', 'src/backends/sqlite/caps.ts']);
const HEAVY_PACKAGES = ['yaml', 'zod', 'hash-wasm', 'protobufjs', 'web-tree-sitter', '@duckdb/node-api', '@duckdb/node-bindings', 'better-sqlite3'];

test('the bundle entry files import none of the pipeline, its packages or an engine statically', () => {
  for (const entry of ['dist/bin/main.js', 'dist/bin/commands.js']) {
    const { inputs, externals } = staticClosure(entry);
    const pipeline = [...inputs].filter((i) => PIPELINE.test(i) && !FLAG_CHOICES.has(i));
    assert.equal(pipeline, [], `${entry} statically includes ${pipeline.join(', ')}`);
    const packages = new Set([...inputs].map(packageOf).filter((p) => p !== undefined));
    assert.ok(packages.has('@oclif/core'), `${entry}: oclif is bundled`);
    for (const p of HEAVY_PACKAGES) {
      assert.not.ok(packages.has(p), `${entry} bundles ${p} statically`);
      assert.not.ok(externals.has(p), `${entry} imports ${p} statically`);
    }
  }
  // The engines' native modules stay outside the bundle (they load from node_modules); DuckDB's
  // node-api, plain JS over its native bindings, is bundled (scripts/bundle-cli.ts).
  const bundled = new Set(Object.values(META.outputs).flatMap((o) => Object.keys(o.inputs).map(packageOf)));
  assert.not.ok(bundled.has('@duckdb/node-bindings') || bundled.has('better-sqlite3'));
  assert.ok(bundled.has('@duckdb/node-api'));
  // relc imports oclif by subpath (@oclif/core/command, /flags, /args, /run, …): the package's
  // root index also loads semver (~8 ms) for a Node version check relc has no use for.
  assert.not.ok(Object.keys(META.inputs).includes('node_modules/@oclif/core/lib/index.js'), "a module imports '@oclif/core': import its subpath instead");
  // main.js does not hold the command table: --help lists the commands from the manifest.
  assert.not.ok([...staticClosure('dist/bin/main.js').inputs].some((i) => i.startsWith('src/cli/commands')));
});

test('every worker thread script of src/ is a bundle entry of the same name beside the chunks', () => {
  const workers = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('-worker.ts'));
  for (const w of workers) {
    const out = META.outputs[`dist/bin/${path.basename(w, '.ts')}.js`];
    assert.is(out?.entryPoint, `src/${w.split(path.sep).join('/')}`, w);
  }
});

test("oclif's manifest lists every command of the table with its flags", () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'oclif.manifest.json'), 'utf8')) as { commands: Record<string, { flags: Record<string, unknown> }> };
  assert.equal(Object.keys(manifest.commands).sort(), Object.keys(COMMANDS).sort());
  for (const [id, cmd] of Object.entries(COMMANDS)) {
    const flags = Object.keys({ ...cmd.baseFlags, ...cmd.flags }).sort();
    assert.equal(Object.keys(manifest.commands[id]!.flags).sort(), flags, id);
  }
});

// A preload that fails the process if the command table is imported.
const NO_TABLE = `data:text/javascript,${encodeURIComponent(
  "import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(\"export async function resolve(s, c, n) { const r = await n(s, c); if (/dist\\\\/bin\\\\/commands\\\\.js$/.test(r.url)) throw new Error('command table loaded'); return r; }\"));",
)}`;

test('--help lists every command without importing the command table', () => {
  const r = spawnSync(process.execPath, ['--import', NO_TABLE, path.join(ROOT, 'bin', 'relc.js'), '--help'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  for (const id of Object.keys(COMMANDS)) assert.match(r.stdout, new RegExp(`^  ${id} `, 'm'));
  // The same preload stops a command that does need the table.
  const run = spawnSync(process.execPath, ['--import', NO_TABLE, path.join(ROOT, 'bin', 'relc.js'), 'validate', SPEC], { cwd: ROOT, encoding: 'utf8' });
  assert.is.not(run.status, 0);
  assert.match(run.stderr, /command table loaded/);
});

/** A preload that fails the process when it loads a bundle file holding one of these packages. */
function noChunksWith(packages: readonly string[]): string {
  const files = Object.entries(META.outputs).filter(([, o]) => Object.keys(o.inputs).some((i) => packages.includes(packageOf(i) ?? ''))).map(([f]) => path.basename(f));
  assert.ok(files.length > 0);
  const hook = `export async function resolve(s, c, n) { const r = await n(s, c); const f = r.url.split('/').pop(); if (${JSON.stringify(files)}.includes(f)) throw new Error('loaded ' + f); return r; }`;
  return `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`)}`;
}

test('transpile with a JSON schema loads none of yaml, zod, hash-wasm or protobufjs', () => {
  const guard = noChunksWith(['yaml', 'zod', 'hash-wasm', 'protobufjs']);
  const q5 = ['transpile', '--from', 'postgres', '--to', 'duckdb', '--schema', 'bench/data/tpch-schema.json', '-f', 'test/tpch/queries/q05.sql'];
  const r = spawnSync(process.execPath, ['--import', guard, path.join(ROOT, 'bin', 'relc.js'), ...q5], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^SELECT/m);
  // The guard works: a YAML schema needs the YAML parser.
  const yaml = spawnSync(process.execPath, ['--import', guard, path.join(ROOT, 'bin', 'relc.js'), 'transpile', '--schema', SPEC, 'select 1'], { cwd: ROOT, encoding: 'utf8' });
  assert.is.not(yaml.status, 0);
  assert.match(yaml.stderr, /loaded chunk-/);
});

test('transpile with a YAML {table: {column: type}} schema through the bundle', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-cli-schema-'));
  try {
    const schema = path.join(dir, 'schema.yaml');
    writeFileSync(schema, 't:\n  a: int64\n  s: utf8\n');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'relc.js'), 'transpile', '--to', 'sqlite', '--schema', schema, 'select s from t where a > 1'], { cwd: ROOT, encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout, 'SELECT "t1"."s"\nFROM "t" AS "t1"\nWHERE "t1"."a" > 1;\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('relc build through the bundle extracts on worker threads (dist/bin/extract-worker.js)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-cli-build-'));
  try {
    const src = path.join(dir, 'src');
    mkdirSync(src);
    for (let i = 0; i < 100; i++) writeFileSync(path.join(src, `m${i}.py`), `def f${i}(x):\n    return x + ${i}\n`);
    // A pack of one rule over the extracted defs (the shipped pack needs recursive rules).
    const pack = path.join(dir, 'pack.yaml');
    const defs = readFileSync(path.join(ROOT, 'packs', 'python-cpg', 'relc.yaml'), 'utf8').match(/^  defs:\n(?:    .*\n)+/m)![0];
    writeFileSync(pack, `relc: 1\nname: defs_only\ninputs:\n${defs}rules:\n  - { name: fns, kind: filter, from: defs, where: "kind = 'function'" }\noutputs:\n  - { name: fns, from: fns, order_by: [def_id] }\n`);
    const NO_MAIN_THREAD = `data:text/javascript,${encodeURIComponent("import { isMainThread } from 'node:worker_threads'; if (!isMainThread) process.stderr.write('worker\\n');")}`;
    const r = spawnSync(process.execPath, ['--import', NO_MAIN_THREAD, path.join(ROOT, 'bin', 'relc.js'), 'build', src, '--out', path.join(dir, 'out'), '--jobs', '2', '--pack', pack], { cwd: ROOT, encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /^fns: 100 rows/m);
    assert.is(r.stderr.match(/^worker$/gm)?.length, 2, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a run bundle made by the bundled CLI records relc's version from package.json", () => {
  const out = mkdtempSync(path.join(tmpdir(), 'relc-cli-version-'));
  try {
    const r = relc('run', SPEC, '--backend', 'sqlite', '--out', out);
    assert.is(r.status, 0, r.stderr);
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.is((JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { relc_version: string }).relc_version, version);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
