// IR → Substrait → IR preserves every view's signature: the hand-built coverage program and
// seeded random programs (test/support/random-plans.ts), through both binary and JSON, for
// every consumer profile.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { initHashing, planText, signViews, type Program } from '../src/ir/index.ts';
import { encodePlanBinary, encodePlanJson, SUBSTRAIT_CONSUMERS, toSubstraitPlan, type SubstraitConsumerName } from '../src/lower/substrait/index.ts';
import { decodeSubstrait } from '../src/substrait/index.ts';
import { coverageFixture } from './interop/fixtures.ts';
import { generatePrograms } from './support/random-plans.ts';
import { compileSpecText } from '../src/spec/index.ts';
import { isRelcError, type RelcError } from '../src/ir/index.ts';

/** A chain of `depth` views, each joining the one before with itself: 2^depth reads when inlined. */
async function diamondChain(depth: number): Promise<Program> {
  const rules = [`  - { name: v0, kind: sql, sql: "select a from t" }`];
  for (let i = 1; i <= depth; i++) rules.push(`  - { name: v${i}, kind: sql, sql: "select x.a from v${i - 1} x join v${i - 1} y on x.a = y.a" }`);
  const text = `relc: 1\nname: chain\ninputs:\n  t: { path: t.csv, schema: { a: int64 } }\nrules:\n${rules.join('\n')}\noutputs:\n  - { name: out, from: v${depth} }\n`;
  return (await compileSpecText(text, 'chain.yaml')).program;
}

function thrown(f: () => unknown): RelcError {
  try {
    f();
  } catch (e) {
    if (isRelcError(e)) return e;
    throw e;
  }
  throw new Error('expected a RelcError');
}

function assertRoundTrip(program: Program, label: string): void {
  for (const consumer of Object.keys(SUBSTRAIT_CONSUMERS) as SubstraitConsumerName[]) assertRoundTripFor(program, `${label} (${consumer})`, consumer);
}

function assertRoundTripFor(program: Program, label: string, consumer: SubstraitConsumerName): void {
  const before = signViews(program);
  const plan = toSubstraitPlan(program, { consumer });
  for (const [form, input] of [['binary', encodePlanBinary(plan)], ['json', encodePlanJson(plan)]] as const) {
    const back = decodeSubstrait(input);
    const after = signViews(back);
    for (const v of program.views) {
      const got = back.views.find((x) => x.name === v.name);
      const detail = `${label} ${form} view ${v.name}\n${planText(v.rel)}\n--- decoded ---\n${got ? planText(got.rel) : '(missing)'}`;
      assert.is(after.get(v.name), before.get(v.name), detail);
    }
    assert.equal(back.outputs.map((o) => o.from), program.outputs.map((o) => o.from), `${label} ${form} outputs`);
  }
}

test.before(async () => {
  await initHashing();
});

test('every relation kind and type of the coverage program round-trips with the same signatures', () => {
  assertRoundTrip(coverageFixture().program, 'coverage');
});

test('an ordered aggregate (string_agg … ORDER BY) round-trips its sort fields', async () => {
  const text = `relc: 1\nname: ordered\ninputs:\n  t: { path: t.csv, schema: { k: int64, v: utf8?, w: int64 } }\nrules:\n  - { name: agg, kind: sql, sql: "select k, string_agg(v, ',' order by w desc nulls last) as s, string_agg(v, ';') as u from t group by k" }\noutputs:\n  - { name: out, from: agg }\n`;
  const { program } = await compileSpecText(text, 'ordered.yaml');
  const measures = (program.views[0]!.rel.kind === 'aggregate' ? program.views[0]!.rel : (program.views[0]!.rel as { input: Extract<Program['views'][number]['rel'], { kind: 'aggregate' }> }).input).measures;
  assert.equal(measures.map((m) => m.orderBy?.map((k) => `${k.direction} ${k.nulls}`)), [['desc last', 'asc last'], ['asc last']]);
  assertRoundTrip(program, 'ordered aggregate');
  const plan = JSON.parse(encodePlanJson(toSubstraitPlan(program, {})));
  assert.match(JSON.stringify(plan), /"sorts":\[\{"expr":.*"direction":"SORT_DIRECTION_DESC_NULLS_LAST"/);
});

test('random programs (seeded) round-trip with the same signatures', () => {
  const { programs } = generatePrograms(20240531, 60);
  let checked = 0;
  for (const p of programs) {
    assertRoundTrip(p, p.name);
    checked++;
  }
  assert.is(checked, 60);
});

test('a view read twice is written once (ReferenceRel) and comes back as one view; inlining consumers refuse a plan that explodes', async () => {
  const program = await diamondChain(30);
  const plan = toSubstraitPlan(program);
  // 30 shared views (v0…v29) as plan relations, then the output's root
  assert.equal(plan.relations!.map((r) => (r.root ? 'root' : 'rel')), [...Array(30).fill('rel'), 'root']);
  assert.ok(encodePlanBinary(plan).length < 20_000, `${encodePlanBinary(plan).length} bytes`);
  assertRoundTripFor(program, 'chain', 'standard');
  const e = thrown(() => toSubstraitPlan(program, { consumer: 'datafusion' }));
  assert.is(e.code, 'BACKEND_UNSUPPORTED');
  assert.match(e.message, /reads no ReferenceRel, and inlining every view the program reads more than once would make a plan of \d+ relations/);
  // A shallow chain still inlines for DataFusion, with the same signatures back.
  assertRoundTripFor(await diamondChain(3), 'chain-3', 'datafusion');
});

test('a reference to a missing or to its own relation is a decode error with its path', async () => {
  const plan = JSON.parse(encodePlanJson(toSubstraitPlan(await diamondChain(2))));
  const missing = structuredClone(plan);
  missing.relations[1].rel.project.input.join.left = { reference: { subtreeOrdinal: 7 } };
  const a = thrown(() => decodeSubstrait(JSON.stringify(missing)));
  assert.is(a.code, 'SUBSTRAIT_DECODE_ERROR');
  assert.match(a.message, /no relation 7 to refer to/);
  const cycle = structuredClone(plan);
  cycle.relations[1].rel.project.input.join.left = { reference: { subtreeOrdinal: 1 } };
  const b = thrown(() => decodeSubstrait(JSON.stringify(cycle)));
  assert.is(b.code, 'SUBSTRAIT_DECODE_ERROR');
  assert.match(b.message, /relation 1 refers to itself/);
});

test('encoding is deterministic: same program, same bytes and text', () => {
  const a = toSubstraitPlan(coverageFixture().program);
  const b = toSubstraitPlan(coverageFixture().program);
  assert.equal(Buffer.from(encodePlanBinary(a)).toString('hex'), Buffer.from(encodePlanBinary(b)).toString('hex'));
  assert.is(encodePlanJson(a), encodePlanJson(b));
});

test.run();
