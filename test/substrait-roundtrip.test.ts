// IR → Substrait → IR preserves every view's signature: the hand-built coverage program and
// seeded random programs (test/support/random-plans.ts), through both binary and JSON, for
// every consumer profile.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { initHashing, planText, signViews, type Program } from '../src/ir/index.ts';
import { encodePlanBinary, encodePlanJson, SUBSTRAIT_CONSUMERS, toSubstraitPlan, type SubstraitConsumerName } from '../src/lower/substrait/index.ts';
import { decodeSubstrait } from '../src/substrait/index.ts';
import { coverageFixture } from './interop/fixtures.ts';
import { generatePrograms } from './support/random-plans.ts';

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

test('random programs (seeded) round-trip with the same signatures', () => {
  const { programs } = generatePrograms(20240531, 60);
  let checked = 0;
  for (const p of programs) {
    assertRoundTrip(p, p.name);
    checked++;
  }
  assert.is(checked, 60);
});

test('encoding is deterministic: same program, same bytes and text', () => {
  const a = toSubstraitPlan(coverageFixture().program);
  const b = toSubstraitPlan(coverageFixture().program);
  assert.equal(Buffer.from(encodePlanBinary(a)).toString('hex'), Buffer.from(encodePlanBinary(b)).toString('hex'));
  assert.is(encodePlanJson(a), encodePlanJson(b));
});

test.run();
