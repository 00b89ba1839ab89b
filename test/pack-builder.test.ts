// The typed rule-pack builder (src/spec/pack): a TypeScript pack compiles to the same program,
// signatures, SQL and spec hash as its YAML form (the quickstart, five TPC-H queries); errors
// point at the .ts lines; misspelled names fail tsc; the CLI takes .ts packs.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson, isRelcError, signViews, type RelcError } from '../src/ir/index.ts';
import { compileSql, loadSpecFile, prepareProgram } from '../src/run/compose/compile.ts';
import { compilePackModule } from '../src/run/compose/pack-module.ts';
import { runSpecFile } from '../src/run/execute/execute.ts';
import { compileSpecText } from '../src/spec/index.ts';
import { pack, raw } from '../src/spec/pack/builder.ts';
import { packModuleSpec } from '../src/spec/pack/module.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = 'test/fixtures/pack';
const relc = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'relc.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

/** Compiles both forms and checks that everything downstream of the spec is equal. */
async function sameAsYaml(ts: string, yaml: string): Promise<Map<string, string>> {
  const [a, b] = [await loadSpecFile(ts), await loadSpecFile(yaml)];
  assert.is(a.specHash, b.specHash, 'spec_hash');
  assert.is(canonicalJson(a.spec), canonicalJson(b.spec), 'validated spec');
  assert.is(canonicalJson(a.program), canonicalJson(b.program), 'program');
  const [sa, sb] = [signViews(a.program), signViews(b.program)];
  assert.equal([...sa], [...sb], 'signatures');
  const [pa, pb] = [await prepareProgram(a.program, { optimize: true, disable: [] }), await prepareProgram(b.program, { optimize: true, disable: [] })];
  for (const dialect of ['duckdb', 'sqlite', 'postgres'] as const) assert.is(compileSql(pa, dialect), compileSql(pb, dialect), dialect);
  return sa;
}

test('the quickstart in TypeScript is its YAML form: spec hash, program, signatures and SQL', async () => {
  const sigs = await sameAsYaml('examples/quickstart/relc.ts', 'examples/quickstart/relc.yaml');
  assert.is(sigs.size, 12);
});

test('five TPC-H queries in the builder have the signatures of their YAML/SQL form', async () => {
  const sigs = await sameAsYaml(`${FIXTURES}/tpch.ts`, `${FIXTURES}/tpch.yaml`);
  assert.equal([...sigs.keys()].filter((v) => /^q\d$/.test(v)).sort(), ['q1', 'q3', 'q4', 'q5', 'q6']);
  assert.is(sigs.size, 14);
});

test('a run of the TypeScript quickstart writes the outputs of the YAML one (DuckDB, a parameter set)', async () => {
  const run = (file: string) => runSpecFile(file, { backend: 'duckdb', optimize: true, disable: [], params: { min_score: '0.7' } });
  const [t, y] = [await run('examples/quickstart/relc.ts'), await run('examples/quickstart/relc.yaml')];
  assert.is(t.manifest.spec_hash, y.manifest.spec_hash);
  const outputs = (r: typeof t) => r.manifest.outputs.map((o) => [o.name, o.rows, o.content_hash]);
  assert.equal(outputs(t), outputs(y));
  assert.is(t.manifest.outputs.length, 9);
});

// The fields the quickstart and TPC-H packs leave out: recursive rules, descriptions, the map
// form of group_by, a strict profile, keep, distinct, formats.
const EVERY_FIELD_YAML = `
relc: 1
name: every_field
description: every optional field
profile: strict
params:
  limit: { type: int64, default: 3, description: hops at most }
inputs:
  edges: { path: edges.jsonl, format: jsonl, schema: { src: int64, dst: int64, w: float64? }, key: [src, dst], description: a graph }
rules:
  - { name: reach, kind: recursive, description: closure, base: "select src, dst from edges", step: "select r.src, e.dst from reach r join edges e on r.dst = e.src", union: all, max_iterations: 9 }
  - { name: by_src, kind: aggregate, from: edges, group_by: { s: src, half: "src / 2" }, measures: { n: "count(*)", heavy: "sum(w) filter (where w > 1)" } }
  - { name: both, kind: union, from: [edges, edges], distinct: true }
  - { name: top, kind: winner, from: edges, partition_by: ["src % 2"], order_by: ["w desc nulls last", "src", "dst"], keep: 2 }
  - { name: near, kind: filter, from: reach, where: "dst <= :limit" }
outputs:
  - { name: top, from: top, order_by: [src, dst desc], format: json, description: the winners }
  - { name: near, from: near, format: csv }
`;

test('every rule kind and optional field: the builder gives the spec of the YAML text', async () => {
  const built = pack('every_field', { description: 'every optional field', profile: 'strict' })
    .param('limit', { type: 'int64', default: 3, description: 'hops at most' })
    .input('edges', { path: 'edges.jsonl', format: 'jsonl', schema: { src: 'int64', dst: 'int64', w: 'float64?' }, key: ['src', 'dst'], description: 'a graph' })
    .recursive('reach', {
      description: 'closure',
      base: (r) => `select src, dst from ${r.edges}`,
      step: (r) => `select r.src, e.dst from ${r.reach} r join ${r.edges} e on r.dst = e.src`,
      union: 'all',
      max_iterations: 9,
      columns: { src: 'int64', dst: 'int64' },
    })
    .aggregate('by_src', { from: 'edges', group_by: { s: 'src', half: (c) => `${c.src} / 2` }, measures: { n: raw('count(*)'), heavy: (c) => `sum(${c.w}) filter (where ${c.w} > 1)` } })
    .union('both', { from: ['edges', 'edges'], distinct: true })
    .winner('top', { from: 'edges', partition_by: [(c) => `${c.src} % 2`], order_by: ['w desc nulls last', 'src', 'dst'], keep: 2 })
    .filter('near', { from: 'reach', where: (c, p) => `${c.dst} <= ${p.limit}` })
    .output('top', { from: 'top', order_by: ['src', 'dst desc'], format: 'json', description: 'the winners' })
    .output('near', { from: 'near', format: 'csv' });
  const m = packModuleSpec({ default: built }, { file: 'x.ts', line: 1, col: 1 }, () => undefined, (f) => f);
  const [a, b] = [await compileSpecText(m.text, 'x.ts', { locator: m.locator }), await compileSpecText(EVERY_FIELD_YAML, 'x.yaml')];
  assert.is(a.specHash, b.specHash);
  assert.is(canonicalJson(a.program), canonicalJson(b.program));
  assert.equal(m.columns, new Map([['reach', { src: 'int64', dst: 'int64' }]]));
});

async function failure(file: string): Promise<RelcError> {
  try {
    await compilePackModule(file);
  } catch (e) {
    if (isRelcError(e)) return e;
    throw e;
  }
  throw new Error(`${file} compiled`);
}

/** The text of the pack at an error's location. */
function at(e: RelcError): string {
  const { file, line, col } = e.location!;
  return readFileSync(path.join(ROOT, file), 'utf8').split('\n')[line - 1]!.slice(col - 1);
}

test('errors point at the TypeScript line: inside a literal expression, at a key, at declared columns', async () => {
  const column = await failure(`${FIXTURES}/bad-column.ts`);
  assert.is(column.code, 'UNKNOWN_COLUMN');
  assert.equal(column.location, { file: `${FIXTURES}/bad-column.ts`, line: 6, col: 49 });
  assert.ok(at(column).startsWith("scroe > 0.5')"), at(column));

  // A function's text is not in the source: the line of its key.
  const built = await failure(`${FIXTURES}/bad-function.ts`);
  assert.is(built.code, 'UNKNOWN_COLUMN');
  assert.is(built.message, 'unknown column nope; available columns: people.id, people.score');
  assert.is(built.location!.line, 11);
  assert.match(readFileSync(`${FIXTURES}/bad-function.ts`, 'utf8').split('\n')[10]!, /^\s+twice: \(c\) =>/);

  const declared = await failure(`${FIXTURES}/bad-columns.ts`);
  assert.is(declared.code, 'TYPE_MISMATCH');
  assert.is(declared.message, "rule 'top' declares column score as utf8, but the view's column is float64");
  assert.equal(declared.location, { file: `${FIXTURES}/bad-columns.ts`, line: 8, col: 5 });
  assert.ok(at(declared).startsWith('columns:'));

  const thrown = await failure(`${FIXTURES}/bad-module.ts`);
  assert.is(thrown.code, 'SPEC_PARSE_ERROR');
  assert.is(thrown.message, 'the pack module failed to load: no data directory');
  assert.equal(thrown.location, { file: `${FIXTURES}/bad-module.ts`, line: 5, col: 17 });

  const missing = await failure(`${FIXTURES}/no-such-pack.ts`);
  assert.is(missing.code, 'INPUT_NOT_FOUND');
});

test('a Kysely query as a sql rule, typed by the pack, has the signatures of the same SQL written by hand', async () => {
  const base = pack('k')
    .input('people', { path: 'people.csv', schema: { id: 'int64', name: 'utf8', team_id: 'int64?', score: 'float64' }, key: ['id'] })
    .input('teams', { path: 'teams.csv', schema: { id: 'int64', name: 'utf8' }, key: ['id'] });
  const viaKysely = base
    .sql('members', { kysely: (db) => db.selectFrom('people as p').innerJoin('teams as t', 't.id', 'p.team_id').select(['p.id', 'p.name', 't.name as team']).where('p.id', '>', 1n).where('t.name', '<>', "o'hara") })
    .sql('sizes', { kysely: (db) => db.selectFrom('people').select(['team_id', (eb) => eb.fn.countAll().as('n')]).groupBy('team_id').having((eb) => eb.fn.countAll(), '>', 1) });
  const byHand = base
    .sql('members', { sql: "select p.id, p.name, t.name as team from people as p join teams as t on t.id = p.team_id where p.id > 1 and t.name <> 'o''hara'" })
    .sql('sizes', { sql: 'select team_id, count(*) as n from people group by team_id having count(*) > 1' });
  const [a, b] = await Promise.all([viaKysely, byHand].map((p) => compileSpecText(JSON.stringify(p.toSpec()), 'k.json')));
  assert.match(String((viaKysely.toSpec().rules as { sql: string }[])[0]!.sql), /^select "p"\."id", "p"\."name", "t"\."name" as "team" from "people" as "p" inner join "teams" as "t" on "t"\."id" = "p"\."team_id" where "p"\."id" > 1 and "t"\."name" <> 'o''hara'$/);
  assert.equal([...signViews(a!.program)], [...signViews(b!.program)]);
  assert.is(signViews(a!.program).size, 2);
});

test('the quickstart\'s sql rule written as a Kysely query has the signature of the YAML one', async () => {
  const quickstart = (await import('../examples/quickstart/relc.ts')).default;
  const spec = quickstart
    .sql('big_teams_kysely', { kysely: (db) => db.selectFrom('team_sizes as t').innerJoin('best_member as b', 'b.team', 't.team').select(['t.team', 't.n', 'b.person as best']).where('t.n', '>', 1) })
    .toSpec();
  const { program } = await compileSpecText(JSON.stringify(spec), 'quickstart.json');
  const sigs = signViews(program);
  const yaml = signViews((await loadSpecFile('examples/quickstart/relc.yaml')).program);
  assert.is(sigs.get('big_teams_kysely'), yaml.get('big_teams'));
});

test('policies, output keys and partitions: the builder gives the spec of the YAML text', async () => {
  const built = pack('p')
    .policy({ shims: 'forbid', fallbacks: 'allow', on_violation: 'warn', shim_row_limit: 10, ambiguity_columns: ['rank'], input_keys: 'warn', lanes: ['sql', 'shim:duckdb'] })
    .input('t', { path: 't.csv', schema: { a: 'int64', b: 'utf8' } })
    .filter('f', { from: 't', where: raw('a > 0') })
    .output('f', { from: 'f', key: ['a'], partition_by: ['b'] })
    .toSpec();
  const yaml = `relc: 1
name: p
policy: { shims: forbid, fallbacks: allow, on_violation: warn, shim_row_limit: 10, ambiguity_columns: [rank], input_keys: warn, lanes: [sql, "shim:duckdb"] }
inputs:
  t: { path: t.csv, schema: { a: int64, b: utf8 } }
rules:
  - { name: f, kind: filter, from: t, where: "a > 0" }
outputs:
  - { name: f, from: f, key: [a], partition_by: [b] }
`;
  const [a, b] = [await compileSpecText(JSON.stringify(built), 'p.json'), await compileSpecText(yaml, 'p.yaml')];
  assert.is(canonicalJson(a.spec), canonicalJson(b.spec));
  assert.is(a.specHash, b.specHash);
});

test('a module may export a plain spec object as `spec`', async () => {
  const { compiled, text } = await compilePackModule(`${FIXTURES}/plain.ts`);
  assert.equal(compiled.program.views.map((v) => v.name), ['good']);
  assert.is(JSON.parse(text).name, 'plain');
});

test('misspelled relations and columns, and columns of the wrong type, fail tsc against the built package; the correct pack compiles', () => {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', `${FIXTURES}-types/tsconfig.json`, '--pretty', 'false'], { cwd: ROOT, encoding: 'utf8' });
  const errors = r.stdout.split('\n').filter((l) => /^\S.*\(\d+,\d+\): error TS\d+/.test(l));
  const pinned = errors.map((l) => /^(.*?\(\d+,\d+\)): error (TS\d+)/.exec(l)!.slice(1).join(' '));
  const file = `${FIXTURES}-types/misspelled.ts`;
  assert.equal(pinned, [
    `${file}(8,75) TS2551`,
    `${file}(9,71) TS2769`,
    `${file}(10,110) TS2769`,
    `${file}(11,37) TS2820`,
    `${file}(11,53) TS2322`,
    `${file}(12,97) TS2322`,
    `${file}(15,53) TS2322`,
    `${file}(16,96) TS2322`,
    `${file}(17,69) TS2769`,
    `${file}(18,81) TS2769`,
  ], r.stdout);
  assert.match(errors[0]!, /Property 'scroe' does not exist on type 'ColumnRefs<\{ readonly id: "int64"; readonly name: "utf8"; readonly score: "float64"; \}>'\. Did you mean 'score'\?/);
  assert.match(r.stdout, /Type '"nme"' is not assignable .* Did you mean '"name"'\?/);
  assert.match(r.stdout, /Type '"right\.nam"' is not assignable .* Did you mean '"right\.name"'\?/);
  assert.match(errors[3]!, /Type '"peeple"' is not assignable to type '"people" \| "teams"'\. Did you mean '"people"'\?/);
  assert.match(errors[5]!, /Type '"people"' is not assignable to type '"good"'\./);
  assert.match(errors[6]!, /Type 'string' is not assignable to type 'Condition</);   // where: 'name', a utf8 column
  assert.match(errors[7]!, /Type '"id"' is not assignable to type '"name"'\./);     // text: ['id'], an int64 column
  assert.match(r.stdout, /Argument of type 'string\[\]' is not assignable to parameter of type 'SelectExpression<DatabaseOf</); // a Kysely select of 'scroe'
  assert.not.match(r.stdout, /good\.ts|relc\.ts/); // and the quickstart, against relc/pack
});

test('relc compile of the .ts quickstart prints the bytes of the .yaml one; errors render at the .ts line', () => {
  for (const target of ['duckdb', 'sqlite', 'postgres', 'substrait-json']) {
    const [t, y] = [relc('compile', 'examples/quickstart/relc.ts', '--target', target), relc('compile', 'examples/quickstart/relc.yaml', '--target', target)];
    assert.is(t.status, 0, t.stderr);
    assert.is(t.stdout, y.stdout, target);
  }
  const transpiled = (file: string) => relc('transpile', '--schema', file, '--to', 'sqlite', 'select name, score / 2 from people where score > 0.5');
  assert.is(transpiled('examples/quickstart/relc.ts').stdout, transpiled('examples/quickstart/relc.yaml').stdout);
  assert.match(transpiled('examples/quickstart/relc.ts').stdout, /^SELECT "t1"\."name"/);
  const hash = (file: string) => JSON.parse(relc('validate', file, '--json').stdout).spec_hash as string;
  assert.is(hash('examples/quickstart/relc.ts'), hash('examples/quickstart/relc.yaml'));
  const bad = relc('validate', `${FIXTURES}/bad-column.ts`);
  assert.is(bad.status, 1);
  assert.match(bad.stderr, /^test\/fixtures\/pack\/bad-column\.ts:6:49: error\[UNKNOWN_COLUMN\]: unknown column scroe \(did you mean score\?\)/);
  assert.match(bad.stderr, /6 \| {3}\.filter\('good', \{ from: 'people', where: raw\('scroe > 0\.5'\) \}\)/);
});

// A preload that fails the process if the TypeScript transform is resolved.
const NO_TSX = `data:text/javascript,${encodeURIComponent(
  "import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(\"export async function resolve(s, c, n) { if (/^tsx(\\\\/|$)/.test(s)) throw new Error('transform loaded: ' + s); return n(s, c); }\"));",
)}`;

test('the TypeScript transform loads only for a .ts pack', () => {
  for (const args of [['--help'], ['validate', 'examples/quickstart/relc.yaml'], ['compile', 'examples/quickstart/relc.yaml']]) {
    const r = spawnSync(process.execPath, ['--import', NO_TSX, path.join(ROOT, 'bin', 'relc.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
    assert.is(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  const ts = spawnSync(process.execPath, ['--import', NO_TSX, path.join(ROOT, 'bin', 'relc.js'), 'validate', 'examples/quickstart/relc.ts'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(ts.status, 1);
  assert.match(ts.stderr, /transform loaded: tsx\/esm\/api|needs tsx/);
});

test.run();
