// Malformed rule packs: each gives its exact error code at the exact file:line:col, marked in
// the fixture text by `@@` (removed before parsing), and never anything but a RelcError.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { RelcError } from '../src/ir/index.ts';
import { compileSpecText } from '../src/spec/index.ts';

const HEAD = `relc: 1
name: t
inputs:
  people:
    path: people.csv
    schema: { id: int64, name: utf8, team_id: int64?, score: float64, joined: date }
    key: [id]
  teams:
    path: teams.csv
    schema: { id: int64, name: utf8 }
`;

const withRules = (rules: string, tail = '') => `${HEAD}rules:\n${rules}${tail}`;

interface Case {
  readonly name: string;
  readonly text: string;
  readonly code: string;
  readonly message?: RegExp;
}

const CASES: Case[] = [
  { name: 'yaml syntax error', code: 'SPEC_PARSE_ERROR', text: `relc: 1\nname: t\nrules: [ { name: a,\n@@` },
  { name: 'duplicate key', code: 'SPEC_PARSE_ERROR', text: `relc: 1\nname: t\n@@name: u\n` },
  { name: 'unsupported version', code: 'SPEC_VERSION_UNSUPPORTED', text: `relc: @@2\nname: t\n` },
  { name: 'missing version', code: 'SPEC_MISSING_FIELD', text: `@@name: t\nrules: []\n` },
  { name: 'missing name', code: 'SPEC_MISSING_FIELD', text: `@@relc: 1\nrules: []\n` },
  { name: 'unknown top-level field', code: 'SPEC_UNKNOWN_FIELD', text: `relc: 1\nname: t\n@@rulez: []\n`, message: /rulez/ },
  { name: 'unknown rule field', code: 'SPEC_UNKNOWN_FIELD', text: withRules(`  - { name: a, kind: filter, from: people, where: "score > 1", @@wher: x }\n`) },
  { name: 'unknown input field', code: 'SPEC_UNKNOWN_FIELD', text: `relc: 1\nname: t\ninputs:\n  p:\n    path: p.csv\n    @@schemas: { a: int64 }\n    schema: { a: int64 }\n` },
  { name: 'unknown rule kind', code: 'SPEC_BAD_VALUE', text: withRules(`  - { name: a, kind: @@select, from: people }\n`), message: /filter, project, relate/ },
  { name: 'missing rule kind', code: 'SPEC_MISSING_FIELD', text: withRules(`  - @@{ name: a, from: people }\n`) },
  { name: 'rule name not an identifier', code: 'SPEC_BAD_VALUE', text: withRules(`  - { name: @@"a b", kind: filter, from: people, where: "true" }\n`) },
  { name: 'bad profile', code: 'SPEC_BAD_VALUE', text: `relc: 1\nname: t\nprofile: @@fast\n` },
  { name: 'bad join type', code: 'SPEC_BAD_VALUE', text: withRules(`  - { name: a, kind: relate, left: people, right: teams, join: @@outer, on: "left.team_id = right.id" }\n`) },
  { name: 'bad output format', code: 'SPEC_BAD_VALUE', text: withRules(`  - { name: a, kind: filter, from: people, where: "true" }\n`, `outputs:\n  - { name: o, from: a, format: @@xlsx }\n`) },
  { name: 'where is not a string', code: 'SPEC_BAD_VALUE', text: withRules(`  - { name: a, kind: filter, from: people, where: @@42 }\n`) },
  { name: 'union of one relation', code: 'SPEC_BAD_VALUE', text: withRules(`  - { name: a, kind: union, from: @@[people] }\n`) },
  { name: 'winner keep 0', code: 'SPEC_BAD_VALUE', text: withRules(`  - { name: a, kind: winner, from: people, order_by: [id], keep: @@0 }\n`) },
  { name: 'unknown column type', code: 'SPEC_BAD_VALUE', text: `relc: 1\nname: t\ninputs:\n  p:\n    path: p.csv\n    schema: { a: @@integer64 }\n`, message: /integer64/ },
  { name: 'unknown param type', code: 'SPEC_BAD_VALUE', text: `relc: 1\nname: t\nparams:\n  k: { type: @@float32 }\n` },
  { name: 'param default of the wrong type', code: 'SPEC_BAD_VALUE', text: `relc: 1\nname: t\nparams:\n  k: { type: date, default: @@"yesterday" }\n` },
  { name: 'input without a known format', code: 'SPEC_BAD_VALUE', text: `relc: 1\nname: t\ninputs:\n  p:\n    path: @@p.xlsx\n    schema: { a: int64 }\n` },
  { name: 'key column not in schema', code: 'UNKNOWN_COLUMN', text: `relc: 1\nname: t\ninputs:\n  p:\n    path: p.csv\n    schema: { a: int64 }\n    key: [@@b]\n`, message: /available: a/ },
  { name: 'rule reads an unknown relation', code: 'UNKNOWN_RELATION', text: withRules(`  - { name: a, kind: filter, from: @@peple, where: "true" }\n`), message: /available: .*people/ },
  { name: 'duplicate rule name', code: 'DUPLICATE_NAME', text: withRules(`  - { name: a, kind: filter, from: people, where: "true" }\n  - { name: @@a, kind: filter, from: people, where: "true" }\n`) },
  { name: 'rule named like an input but for case', code: 'DUPLICATE_NAME', text: withRules(`  - { name: @@People, kind: filter, from: people, where: "true" }\n`), message: /without regard to case/ },
  { name: 'select columns that differ only in case', code: 'DUPLICATE_NAME', text: withRules(`  - { name: a, kind: project, from: people, select: { x: id, @@X: id } }\n`), message: /collides with 'x'/ },
  { name: 'input columns that differ only in case', code: 'DUPLICATE_NAME', text: `relc: 1\nname: t\ninputs:\n  p:\n    path: p.csv\n    schema: { a: int64, @@A: int64 }\n` },
  { name: 'rule named like an input', code: 'DUPLICATE_NAME', text: withRules(`  - { name: @@teams, kind: filter, from: people, where: "true" }\n`) },
  { name: 'cycle', code: 'CYCLE', text: withRules(`  - @@{ name: a, kind: filter, from: b, where: "true" }\n  - { name: b, kind: filter, from: a, where: "true" }\n`), message: /a → b → a/ },
  { name: 'winner without order_by', code: 'WINNER_WITHOUT_ORDER', text: withRules(`  - { name: @@a, kind: winner, from: people, partition_by: [team_id] }\n`) },
  { name: 'winner with empty order_by', code: 'WINNER_WITHOUT_ORDER', text: withRules(`  - { name: a, kind: winner, from: people, order_by: @@[] }\n`) },
  { name: 'unknown column in an expression', code: 'UNKNOWN_COLUMN', text: withRules(`  - { name: a, kind: filter, from: people, where: "score > 1 and @@scroe < 2" }\n`), message: /score/ },
  { name: 'ambiguous column in a join condition', code: 'AMBIGUOUS_COLUMN', text: withRules(`  - { name: a, kind: relate, left: people, right: teams, on: "@@id = 1" }\n`) },
  { name: 'type mismatch in arithmetic', code: 'TYPE_MISMATCH', text: withRules(`  - { name: a, kind: project, from: people, select: { x: "name @@- 1" } }\n`) },
  { name: 'where is not boolean', code: 'TYPE_MISMATCH', text: withRules(`  - { name: a, kind: filter, from: people, where: "@@score * 2" }\n`) },
  { name: 'unknown function', code: 'UNKNOWN_FUNCTION', text: withRules(`  - { name: a, kind: project, from: people, select: { x: "@@frobnicate(name)" } }\n`) },
  { name: 'expression syntax error', code: 'SQL_PARSE_ERROR', text: withRules(`  - { name: a, kind: filter, from: people, where: "score >>> 1" }\n`) },
  { name: 'unknown parameter', code: 'UNKNOWN_PARAM', text: withRules(`  - { name: a, kind: filter, from: people, where: "score > @@:nope" }\n`) },
  { name: 'union columns differ', code: 'UNKNOWN_COLUMN', text: withRules(`  - { name: a, kind: union, from: [people, @@teams] }\n`) },
  { name: 'union column types differ', code: 'TYPE_MISMATCH', text: withRules(`  - { name: p2, kind: project, from: people, select: { id: name } }\n  - { name: p1, kind: project, from: people, select: { id: id } }\n  - { name: a, kind: union, from: [p1, @@p2] }\n`) },
  { name: 'output from an unknown view', code: 'UNKNOWN_RELATION', text: withRules(`  - { name: a, kind: filter, from: people, where: "true" }\n`, `outputs:\n  - { name: o, from: @@b }\n`) },
  { name: 'duplicate output name', code: 'DUPLICATE_NAME', text: withRules(`  - { name: a, kind: filter, from: people, where: "true" }\n`, `outputs:\n  - { name: o, from: a }\n  - { name: @@o, from: a }\n`) },
  { name: 'strict profile rejects a non-total winner order', code: 'NONDETERMINISTIC_ORDER', text: withRules(`  - { name: a, kind: winner, from: people, partition_by: [team_id], order_by: @@[score desc] }\n`).replace('name: t\n', 'name: t\nprofile: strict\n') },
  { name: 'group key collides with a measure', code: 'DUPLICATE_NAME', text: withRules(`  - { name: a, kind: aggregate, from: people, group_by: [team_id], measures: { @@team_id: "count(*)" } }\n`) },
  { name: 'group key expression without a name', code: 'SPEC_BAD_VALUE', text: withRules(`  - { name: a, kind: aggregate, from: people, group_by: ["@@upper(name)"], measures: { n: "count(*)" } }\n`) },
  { name: 'normalize span on text columns', code: 'TYPE_MISMATCH', text: withRules(`  - { name: a, kind: normalize, from: people, id: { name: nid, of: [id] }, span: [@@name, id] }\n`) },
  { name: 'normalize id collides with a column', code: 'DUPLICATE_NAME', text: withRules(`  - { name: a, kind: normalize, from: people, id: { name: @@id, of: [id] } }\n`) },
  { name: 'sql rule reads an unknown table', code: 'UNKNOWN_RELATION', text: withRules(`  - { name: a, kind: sql, sql: "select * from @@nowhere" }\n`) },
  { name: 'sql rule with a non-linear recursive CTE', code: 'UNSUPPORTED_CONSTRUCT', text: withRules(`  - { name: a, kind: sql, sql: "with recursive r(n) as (select 1 union all select max(n) + 1 from @@r) select n from r" }\n`) },
  { name: 'JSON spec with an unknown field', code: 'SPEC_UNKNOWN_FIELD', text: `{\n  "relc": 1,\n  "name": "t",\n  @@"extra": true\n}\n` },
  { name: 'document is not a mapping', code: 'SPEC_BAD_VALUE', text: `@@- just\n- a list\n` },
];

function locate(marked: string): { text: string; line: number; col: number } | { text: string; line?: undefined; col?: undefined } {
  const at = marked.indexOf('@@');
  if (at < 0) return { text: marked };
  const before = marked.slice(0, at).split('\n');
  return { text: marked.replace('@@', ''), line: before.length, col: before[before.length - 1]!.length + 1 };
}

for (const c of CASES) {
  test(c.name, async () => {
    const { text, line, col } = locate(c.text);
    let thrown: unknown;
    try {
      await compileSpecText(text, 'pack.yaml');
    } catch (e) {
      thrown = e;
    }
    assert.instance(thrown, RelcError, `expected a RelcError, got ${String(thrown)}`);
    const e = thrown as RelcError;
    assert.is(e.code, c.code, `${e.code}: ${e.message}`);
    assert.ok(e.location, 'the error has a location');
    assert.is(e.location!.file, 'pack.yaml');
    if (line !== undefined) assert.equal([e.location!.line, e.location!.col], [line, col], `${e.code}: ${e.message}`);
    if (c.message) assert.match(e.message, c.message);
  });
}

test('at least 30 malformed specs are covered', () => {
  assert.ok(CASES.length >= 30);
});

test.run();
