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

/**
 * The round trip for every consumer profile; returns the profiles that refuse the program. Only
 * a profile's own coded refusal (BACKEND_UNSUPPORTED naming the profile and the construct) may
 * stand in for a plan, and never the standard profile's.
 */
function assertRoundTrip(program: Program, label: string): Set<SubstraitConsumerName> {
  const refused = new Set<SubstraitConsumerName>();
  for (const consumer of Object.keys(SUBSTRAIT_CONSUMERS) as SubstraitConsumerName[]) {
    if (assertRoundTripFor(program, `${label} (${consumer})`, consumer) === 'refused') refused.add(consumer);
  }
  return refused;
}

function assertRoundTripFor(program: Program, label: string, consumer: SubstraitConsumerName): 'refused' | 'equal' {
  const before = signViews(program);
  let plan;
  try {
    plan = toSubstraitPlan(program, { consumer });
  } catch (e) {
    const details = isRelcError(e) ? (e.details as { consumer?: string; construct?: string } | undefined) : undefined;
    if (consumer !== 'standard' && isRelcError(e) && e.code === 'BACKEND_UNSUPPORTED' && details?.consumer === consumer && details.construct) return 'refused';
    throw e;
  }
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
  return 'equal';
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
  const refusedBy = new Map<string, number>();
  for (const p of programs) {
    for (const c of assertRoundTrip(p, p.name)) refusedBy.set(c, (refusedBy.get(c) ?? 0) + 1);
    checked++;
  }
  assert.is(checked, 60);
  // The datafusion profile writes every random program; acero refuses most of these dense
  // ones (windows, VALUES, set operations…: the next test round-trips more of them).
  assert.is(refusedBy.get('datafusion') ?? 0, 0);
  assert.ok((refusedBy.get('acero') ?? 0) < 60);
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


test('acero profile: the random programs it accepts round-trip, its forms included (implicit casts that throw, semi-join emits, binary and/or chains, projected aggregate inputs, UNION as UNION ALL)', async () => {
  const { programs } = generatePrograms(20240531, 400);
  let equal = 0;
  for (const p of programs) if (assertRoundTripFor(p, `${p.name} (acero)`, 'acero') === 'equal') equal++;
  assert.ok(equal >= 10, `acero round-trips ${equal} of 400 random programs`);
  const text = `relc: 1\nname: acero\ninputs:\n  t: { path: t.csv, schema: { i: int32, b: int64, d: float64? } }\n  u: { path: u.csv, schema: { b: int64 } }\nrules:\n  - { name: v, kind: sql, sql: "select cast(i as bigint) + b as x, i + b as y, d * 2 as z from t where b in (select b from u) and i < 3 and b > 0 and (d > 1 or d < -1 or i = 2)" }\noutputs:\n  - { name: out, from: v }\n`;
  const { program } = await compileSpecText(text, 'acero.yaml');
  assert.is(assertRoundTripFor(program, 'casts and semi join (acero)', 'acero'), 'equal');
  const plan = encodePlanJson(toSubstraitPlan(program, { consumer: 'acero' }));
  assert.match(plan, /"failureBehavior": "FAILURE_BEHAVIOR_THROW_EXCEPTION"/);
  assert.match(plan, /type.googleapis.com\/relc.ImplicitCasts/);
  assert.not.match(plan, /FAILURE_BEHAVIOR_UNSPECIFIED|RETURN_NULL/);
  assert.match(plan, /"type": "JOIN_TYPE_LEFT_SEMI"/);
  assert.match(plan, /type.googleapis.com\/relc.ChainedCalls/);
  // Grouping keys and aggregate arguments that are expressions: a marked projection below.
  const grouped = `relc: 1\nname: g\ninputs:\n  t: { path: t.csv, schema: { k: int64, v: int64? } }\nrules:\n  - { name: g, kind: sql, sql: "select k + 1 as g, max(v * 2) as m, count(*) as n, max(v) as w from t group by k + 1" }\noutputs:\n  - { name: out, from: g }\n`;
  const g = (await compileSpecText(grouped, 'g.yaml')).program;
  assert.is(assertRoundTripFor(g, 'aggregate inputs (acero)', 'acero'), 'equal');
  assert.match(encodePlanJson(toSubstraitPlan(g, { consumer: 'acero' })), /"alias": "relc:aggregate_inputs"/);
  // UNION (distinct) as an aggregate over every field of a UNION ALL, a view's top relation.
  const unioned = `relc: 1\nname: u\ninputs:\n  t: { path: t.csv, schema: { k: int64, v: int64? } }\nrules:\n  - { name: u, kind: sql, sql: "select k from t union select v from t" }\n  - { name: w, kind: sql, sql: "select k + 1 as j from u" }\noutputs:\n  - { name: out, from: w }\n  - { name: out2, from: u }\n`;
  const u = (await compileSpecText(unioned, 'u.yaml')).program;
  assert.is(assertRoundTripFor(u, 'union distinct (acero)', 'acero'), 'equal');
  assert.match(encodePlanJson(toSubstraitPlan(u, { consumer: 'acero' })), /"alias": "relc:union_distinct"/);
});

test('acero profile: constructs Acero cannot run are BACKEND_UNSUPPORTED naming the construct, before any engine', async () => {
  const cases: [string, string][] = [
    ['select k, count(distinct v) as n from t group by k', 'DISTINCT aggregates'],
    ['select k, row_number() over (order by v) as r from t', 'window functions'],
    ["select k from t where s like 'a%'", 'function like:str_str'],
    ['select k from t except select k from t', 'EXCEPT (SET_OP_MINUS_PRIMARY)'],
    ['select x.k from t x join t y on x.k < y.v', 'join condition other than key equalities'],
    ["select case when k > 1 then 'a' end as c from t", 'CASE without ELSE'],
    ['select k from t intersect select v from t', 'INTERSECT (SET_OP_INTERSECTION_MULTISET)'],
  ];
  for (const [sql, construct] of cases) {
    const text = `relc: 1\nname: refuse\ninputs:\n  t: { path: t.csv, schema: { k: int64, v: int64, s: utf8 } }\nrules:\n  - { name: v1, kind: sql, sql: ${JSON.stringify(sql)} }\noutputs:\n  - { name: out, from: v1 }\n`;
    const { program } = await compileSpecText(text, 'refuse.yaml');
    const e = thrown(() => toSubstraitPlan(program, { consumer: 'acero' }));
    assert.is(e.code, 'BACKEND_UNSUPPORTED', sql);
    assert.equal(e.details, { consumer: 'acero', construct }, sql);
    toSubstraitPlan(program, { consumer: 'standard' });
  }
});

test.run();
