// Malformed Substrait input gives SUBSTRAIT_DECODE_ERROR with a path into the plan, never a
// crash; encoded plans carry both extension URIs and URNs and compound signatures.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { encodePlanBinary, encodePlanJson, toSubstraitPlan } from '../src/lower/substrait/index.ts';
import { decodeSubstrait } from '../src/substrait/index.ts';
import { decodeFails } from './support/substrait.ts';
import { coverageFixture } from './interop/fixtures.ts';

function planOf(view: string) {
  return toSubstraitPlan(coverageFixture().program, { views: [view] });
}

test('extension declarations carry URI and URN, functions by compound signature', () => {
  const plan = planOf('team_sizes');
  const uris = plan.extensionUris!.map((u) => u.uri);
  const urns = plan.extensionUrns!.map((u) => u.urn);
  assert.ok(uris.includes('https://github.com/substrait-io/substrait/blob/main/extensions/functions_aggregate_generic.yaml'));
  assert.ok(urns.includes('extension:io.substrait:functions_aggregate_generic'));
  const names = plan.extensions!.map((e) => e.extensionFunction!.name).sort();
  assert.equal(names, ['avg:fp64', 'count:', 'count:any', 'equal:any_any', 'gt:any_any', 'max:fp64', 'sum:dec']);
  assert.equal(plan.version, { majorNumber: 0, minorNumber: 79, patchNumber: 0, producer: 'relc' });
  assert.equal(plan.relations!.find((r) => r.root)!.root!.names, ['team', 'n', 'best', 'total_budget', 'people', 'avg_good']);
});

test('functions the standard files lack go to the relc extension, declared with its URI and URN', () => {
  const plan = planOf('totals');
  const relcUri = plan.extensionUris!.find((u) => u.uri?.includes('relc'));
  assert.equal(relcUri?.uri, 'https://relc.dev/substrait/extensions/functions_relc.yaml');
  assert.ok(plan.extensionUrns!.some((u) => u.urn === 'extension:dev.relc:functions_relc'));
  const min = plan.extensions!.find((e) => e.extensionFunction!.name === 'min:any')!.extensionFunction!;
  assert.is(min.extensionUriReference, relcUri!.extensionUriAnchor);
});

test('truncated bytes report where the message breaks off', () => {
  const bytes = encodePlanBinary(planOf('member_of'));
  // Fields are written in number order: the URNs (field 8) come last.
  const tail = decodeFails(bytes.slice(0, bytes.length - 7));
  assert.is(tail.details?.path, 'extensionUrns[0].urn');
  assert.match(tail.message, /truncated value at byte \d+/);
  // Cut inside the relation tree: the path leads into it.
  const relAt = Buffer.from(bytes).indexOf(Buffer.from('people'));
  const mid = decodeFails(bytes.slice(0, relAt + 3));
  assert.is(mid.details?.path, 'relations[0].root.input.project.input.join.left.read.namedTable.names[0]');
});

test('an unknown function anchor is named with its path', () => {
  const plan = JSON.parse(encodePlanJson(planOf('adults')));
  plan.extensions = plan.extensions.filter((d: { extensionFunction: { name: string } }) => !d.extensionFunction.name.startsWith('gte'));
  const e = decodeFails(JSON.stringify(plan));
  assert.match(e.message, /unknown function anchor \d+/);
  assert.match(String(e.details?.path), /relations\[0\]\.root\.input\.filter\.condition\.scalarFunction\.arguments\[0\]\.value\.scalarFunction\.functionReference$/);
});

test('a field reference out of range is rejected with its path', () => {
  const plan = JSON.parse(encodePlanJson(planOf('adults')));
  plan.relations[0].root.input.filter.condition.scalarFunction.arguments[1].value.isNull = undefined;
  const target = plan.relations[0].root.input.filter.condition.scalarFunction.arguments[0].value.scalarFunction.arguments[0].value;
  target.selection.directReference.structField.field = 42;
  const e = decodeFails(JSON.stringify(plan));
  assert.match(e.message, /field reference 42 is out of range \(input has 5 fields\)/);
});

test('a date or timestamp literal outside the years 0000–9999 is refused with its path', () => {
  const cases: Array<[object, RegExp]> = [
    [{ date: -2147483648 }, /date literal -2147483648 \(days since 1970-01-01\) is outside the years 0000–9999/],
    [{ date: 2932897 }, /date literal 2932897 /],
    [{ timestamp: '253402300800000000' }, /timestamp literal 253402300800000000 /],
    [{ precisionTimestamp: { precision: 9, value: '-62167219200000000001' } }, /timestamp literal -62167219200000001 /],
  ];
  for (const [literal, message] of cases) {
    const plan = JSON.parse(encodePlanJson(planOf('adults')));
    plan.relations[0].root.input.filter.condition.scalarFunction.arguments[0].value.scalarFunction.arguments[1].value = { literal };
    const e = decodeFails(JSON.stringify(plan));
    assert.match(e.message, message);
    assert.match(String(e.details?.path), /arguments\[1\]\.value\.literal\.(date|timestamp|precisionTimestamp)$/);
  }
  // The last day and microsecond a literal holds still decode.
  for (const literal of [{ date: 2932896 }, { date: -719528 }, { timestamp: '253402300799999999' }]) {
    const plan = JSON.parse(encodePlanJson(planOf('adults')));
    plan.relations[0].root.input.filter.condition.scalarFunction.arguments[0].value.scalarFunction.arguments[1].value = { literal };
    decodeSubstrait(JSON.stringify(plan));
  }
});

test('an unsupported relation is named', () => {
  const plan = JSON.parse(encodePlanJson(planOf('adults')));
  plan.relations[0].root.input = { hashJoin: {} };
  const e = decodeFails(JSON.stringify(plan));
  assert.is(e.details?.path, 'relations[0].root.input.hashJoin');
  assert.match(e.message, /relation hashJoin is not supported/);
});

test('garbage, empty and unknown-field inputs are decode errors, not crashes', () => {
  decodeFails(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]));
  decodeFails(new Uint8Array([]));
  decodeFails('{not json');
  const e = decodeFails(JSON.stringify({ relations: [], bogus: 1 }));
  assert.match(e.message, /unknown field bogus/);
  // Names an object inherits are no fields either (once silently dropped).
  for (const key of ['toString', 'constructor', 'hasOwnProperty']) {
    const inherited = decodeFails(`{"relations": [], "${key}": {}}`);
    assert.match(inherited.message, new RegExp(`unknown field ${key} in Plan`), key);
  }
});

test.run();
