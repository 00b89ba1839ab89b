import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { E, T, coerceLiteralValue, dateText, field, initHashing, parseDateText, planText, relSexpr, schemaOf, signViews, validateRel, RelcError, canonicalJson, type Rel } from '../src/ir/index.ts';

const people: Rel = { kind: 'scan', table: 'people', schema: [field('id', T.int64), field('name', T.utf8), field('team_id', T.int64, true), field('score', T.float64)] };
const teams: Rel = { kind: 'scan', table: 'teams', schema: [field('id', T.int64), field('name', T.utf8)] };

test('schema inference: left join makes the right side nullable', () => {
  const j: Rel = { kind: 'join', type: 'left', left: people, right: teams, condition: E.call('equal', [E.col(2), E.col(4)], T.bool) };
  const s = schemaOf(j);
  assert.equal(s.map((f) => `${f.name}${f.nullable ? '?' : ''}`), ['id', 'name', 'team_id?', 'score', 'id?', 'name?']);
});

test('plan printout is numbered and dash-indented', () => {
  const f: Rel = { kind: 'filter', input: people, condition: E.call('gte', [E.col(3), E.lit(T.float64, 0.5)], T.bool) };
  assert.is(planText(f), "01)filter (gte score#3 0.5)\n02)--scan people [id: int64, name: utf8, team_id: int64?, score: float64]");
  assert.is(relSexpr(f), '(filter (gte score#3 0.5) (scan people))');
});

test('validator rejects an out-of-range column with INVALID_PLAN', () => {
  const bad: Rel = { kind: 'filter', input: teams, condition: E.call('equal', [E.col(7), E.lit(T.int64, '1')], T.bool) };
  try {
    validateRel(bad);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, RelcError);
    assert.is((e as RelcError).code, 'INVALID_PLAN');
  }
});

test('validator rejects a CASE whose branch does not fit its type', () => {
  const bad: Rel = { kind: 'project', input: teams, names: ['x'], exprs: [{ kind: 'case', whens: [{ when: E.lit(T.bool, true), then: E.col(1) }], else: null, type: T.int64 }] };
  try {
    validateRel(bad);
    assert.unreachable();
  } catch (e) {
    assert.is((e as RelcError).code, 'INVALID_PLAN');
    assert.match((e as RelcError).message, /CASE of type int64 has a branch of type utf8/);
  }
});

test('signatures are Merkle: a change upstream changes dependents only', async () => {
  await initHashing();
  const a: Rel = { kind: 'filter', input: people, condition: E.call('gt', [E.col(3), E.lit(T.float64, 1)], T.bool) };
  const a2: Rel = { kind: 'filter', input: people, condition: E.call('gt', [E.col(3), E.lit(T.float64, 2)], T.bool) };
  const b: Rel = { kind: 'ref', name: 'a', schema: schemaOf(a) };
  const c: Rel = { kind: 'project', input: people, exprs: [E.col(0)], names: ['id'] };
  const s1 = signViews({ views: [{ name: 'a', rel: a }, { name: 'b', rel: b }, { name: 'c', rel: c }] });
  const s2 = signViews({ views: [{ name: 'a', rel: a2 }, { name: 'b', rel: b }, { name: 'c', rel: c }] });
  assert.is.not(s1.get('a'), s2.get('a'));
  assert.is.not(s1.get('b'), s2.get('b'));
  assert.is(s1.get('c'), s2.get('c'));
  assert.match(s1.get('a')!, /^[0-9a-f]{64}$/);
});

test('calendar: years 0–99 are years 0–99 (no Date.UTC 1900 shift), leap rules, round trip', () => {
  assert.is(coerceLiteralValue(T.date, '0050-06-01'), '0050-06-01');
  assert.is(parseDateText('0050-06-01'), -701114);
  for (const d of ['0000-02-29', '0004-02-29', '1900-03-01', '1970-01-01', '2000-02-29', '9999-12-31']) assert.is(dateText(parseDateText(d)!), d);
  assert.is(parseDateText('1900-02-29'), undefined);
  assert.is(coerceLiteralValue(T.date, '2023-02-29'), undefined);
});

test('canonical JSON sorts keys', () => {
  assert.is(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
});

test('canonical JSON: the bytes of JSON.stringify over a key-sorted copy, edge cases included', () => {
  // Array-index keys come first in numeric order (as in any JS object), then the others sorted by code unit.
  assert.is(canonicalJson({ b: 1, 10: 'x', B: 2, 9: 'y', é: 3, a: [undefined, 1n, NaN, -0, () => 1], f: () => 1, u: undefined }), '{"9":"y","10":"x","B":2,"a":[null,"1",null,0,null],"b":1,"é":3}');
  assert.is(canonicalJson('a"\u2028\n'), JSON.stringify('a"\u2028\n'));
  assert.is(canonicalJson([new Date(0), new Map([[1, 2]]), null, Infinity]), '[{},{},null,null]');
  assert.is(canonicalJson(undefined), undefined as unknown as string);
});

test.run();
