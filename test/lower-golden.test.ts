// Exact SQL text per dialect for representative plans (byte-for-byte, stable across runs), the
// public API's contracts (placeholders, quoting, errors) and parameter binding on real engines:
// a value bound to a parameter never appears in the SQL text and is never executed as SQL.

import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { E, RelcError, T, field, schemaOf, type Program, type Rel } from '../src/ir/index.ts';
import { DUCKDB, POSTGRES, SQLITE, lowerRel, lowerView, lowerViewForExecution, quoteIdent } from '../src/lower/sql/index.ts';
import { openEngines, type Engine } from './lower-engines.ts';
import { PEOPLE, TEAMS, builders, scanOf } from './lower-fixtures.ts';

const people = scanOf(PEOPLE);
const teams = scanOf(TEAMS);
const P = builders(PEOPLE.schema);
const PT = builders([...PEOPLE.schema, ...TEAMS.schema]);
const minScore = { kind: 'param', name: 'min_score', type: T.float64, nullable: false } as const;

// people ⋈ teams, filtered by a parameter; team sizes with DISTINCT and FILTER; the best team per
// person; names INTERSECT ALL a VALUES list.
const adults: Rel = { kind: 'filter', input: people, condition: P.call('gte', P.col('score'), minScore) };
const member: Rel = {
  kind: 'project',
  input: { kind: 'join', type: 'inner', left: adults, right: teams, condition: PT.call('equal', E.col(2), E.col(6)) },
  exprs: [E.col(0), E.col(7), E.col(3), PT.call('concat', PT.call('upper', E.col(1)), PT.str("'s team"))],
  names: ['person_id', 'team', 'score', 'label'],
};
const sizes: Rel = {
  kind: 'aggregate', input: member, groupBy: [E.col(1)],
  measures: [
    { fn: 'count', args: [], distinct: false, type: T.int64 },
    { fn: 'sum', args: [E.col(0)], distinct: true, type: T.decimal(38, 0), filter: E.call('gt', [E.col(2), E.lit(T.float64, 1)], T.bool) },
  ],
  names: ['team', 'n', 'ids'],
};
const best: Rel = { kind: 'winner', input: member, partitionBy: [E.col(0)], orderBy: [E.desc(E.col(2)), E.asc(E.col(1))], keep: 1 };
const inter: Rel = {
  kind: 'setop', op: 'intersect', all: true,
  inputs: [
    { kind: 'project', input: people, exprs: [P.col('name')], names: ['name'] },
    { kind: 'values', schema: [field('name', T.utf8, true)], rows: [[E.lit(T.utf8, 'Ann')], [E.lit(T.utf8, null)]] },
  ],
};

const GOLDEN: Record<string, Record<'duckdb' | 'sqlite' | 'postgres', string>> = {
  sizes: {
    duckdb: `SELECT "t2"."name" AS "team", count(*) AS "n", CAST(sum(DISTINCT "t1"."id") FILTER (WHERE "t1"."score" > CAST(1.0 AS DOUBLE)) AS DECIMAL(38, 0)) AS "ids"
FROM "people" AS "t1"
INNER JOIN "teams" AS "t2" ON "t1"."team_id" = "t2"."id"
WHERE "t1"."score" >= CAST($1 AS DOUBLE)
GROUP BY "t2"."name"`,
    sqlite: `SELECT "t2"."name" AS "team", count(*) AS "n", relc_sum_i64(DISTINCT "t1"."id") FILTER (WHERE "t1"."score" > 1.0) AS "ids"
FROM "people" AS "t1"
INNER JOIN "teams" AS "t2" ON "t1"."team_id" = "t2"."id"
WHERE "t1"."score" >= ?
GROUP BY "t2"."name"`,
    postgres: `SELECT "t2"."name" AS "team", count(*) AS "n", sum(DISTINCT "t1"."id") FILTER (WHERE "t1"."score" > CAST(1.0 AS DOUBLE PRECISION)) AS "ids"
FROM "people" AS "t1"
INNER JOIN "teams" AS "t2" ON "t1"."team_id" = "t2"."id"
WHERE "t1"."score" >= CAST($1 AS DOUBLE PRECISION)
GROUP BY "t2"."name"`,
  },
  best: {
    duckdb: `SELECT "t1"."id" AS "person_id", "t2"."name" AS "team", "t1"."score", relc_upper("t1"."name") || '''s team' AS "label"
FROM "people" AS "t1"
INNER JOIN "teams" AS "t2" ON "t1"."team_id" = "t2"."id"
WHERE "t1"."score" >= CAST($1 AS DOUBLE)
QUALIFY row_number() OVER (PARTITION BY "t1"."id" ORDER BY "t1"."score" DESC NULLS FIRST, "t2"."name" ASC NULLS LAST) <= 1`,
    sqlite: `SELECT "t3"."person_id", "t3"."team", "t3"."score", "t3"."label"
FROM (
  SELECT "t1"."id" AS "person_id", "t2"."name" AS "team", "t1"."score", relc_upper("t1"."name") || '''s team' AS "label", row_number() OVER (PARTITION BY "t1"."id" ORDER BY "t1"."score" DESC NULLS FIRST, "t2"."name" ASC NULLS LAST) AS "relc_rn"
  FROM "people" AS "t1"
  INNER JOIN "teams" AS "t2" ON "t1"."team_id" = "t2"."id"
  WHERE "t1"."score" >= ?
) AS "t3"
WHERE "t3"."relc_rn" <= 1`,
    postgres: `SELECT "t3"."person_id", "t3"."team", "t3"."score", "t3"."label"
FROM (
  SELECT "t1"."id" AS "person_id", "t2"."name" AS "team", "t1"."score", upper("t1"."name") || '''s team' AS "label", row_number() OVER (PARTITION BY "t1"."id" ORDER BY "t1"."score" DESC NULLS FIRST, "t2"."name" ASC NULLS LAST) AS "relc_rn"
  FROM "people" AS "t1"
  INNER JOIN "teams" AS "t2" ON "t1"."team_id" = "t2"."id"
  WHERE "t1"."score" >= CAST($1 AS DOUBLE PRECISION)
) AS "t3"
WHERE "t3"."relc_rn" <= 1`,
  },
  inter: {
    duckdb: `SELECT "t1"."name"
FROM "people" AS "t1"
INTERSECT ALL
SELECT "t2"."name"
FROM (VALUES ('Ann'), (CAST(NULL AS VARCHAR))) AS "t2"("name")`,
    sqlite: `SELECT "t3"."name"
FROM (
  SELECT "t1"."name", row_number() OVER (PARTITION BY "t1"."name") AS "relc_rn"
  FROM "people" AS "t1"
  INTERSECT
  SELECT "t2"."name", row_number() OVER (PARTITION BY "t2"."name") AS "relc_rn"
  FROM (SELECT "column1" AS "name" FROM (VALUES ('Ann'), (NULL))) AS "t2"
) AS "t3"`,
    postgres: `SELECT "t1"."name"
FROM "people" AS "t1"
INTERSECT ALL
SELECT "t2"."name"
FROM (VALUES ('Ann'), (CAST(NULL AS TEXT))) AS "t2"("name")`,
  },
};

const PLANS: Record<string, Rel> = { sizes, best, inter };

test('golden SQL per dialect, byte for byte', () => {
  for (const [name, rel] of Object.entries(PLANS)) {
    for (const d of ['duckdb', 'sqlite', 'postgres'] as const) {
      const out = lowerRel(rel, d);
      assert.fixture(out.sql, GOLDEN[name]![d], `${name} on ${d}`);
      assert.equal(out.params, name === 'inter' ? [] : ['min_score']);
    }
  }
});

test('lowering is deterministic: the same text for the same plan, rebuilt or re-lowered', () => {
  const rebuilt = JSON.parse(JSON.stringify(best)) as Rel;
  for (const d of [DUCKDB, SQLITE, POSTGRES]) {
    assert.is(lowerRel(best, d).sql, lowerRel(best, d).sql);
    assert.is(lowerRel(rebuilt, d).sql, lowerRel(best, d).sql);
  }
});

const program: Program = {
  name: 'q', profile: 'default', params: [], inputs: [], outputs: [],
  views: [
    { name: 'adults', rel: adults },
    { name: 'named', rel: { kind: 'project', input: { kind: 'ref', name: 'adults', schema: schemaOf(adults) }, exprs: [E.col(0), E.call('upper', [E.col(1)], T.utf8)], names: ['id', 'shout'] } },
    { name: 'unused', rel: teams },
    {
      name: 'report',
      rel: {
        kind: 'join', type: 'semi', condition: E.call('equal', [E.col(0), E.col(2)], T.bool),
        left: { kind: 'ref', name: 'named', schema: [field('id', T.int64), field('shout', T.utf8)] },
        right: { kind: 'ref', name: 'adults', schema: schemaOf(adults) },
      },
    },
  ],
};

test('lowerView inlines exactly the views read, in program order, as CTEs', () => {
  assert.fixture(lowerView(program, 'report', 'postgres').sql, `WITH "adults" AS (
  SELECT "t1"."id", "t1"."name", "t1"."team_id", "t1"."score", "t1"."dept", "t1"."pay"
  FROM "people" AS "t1"
  WHERE "t1"."score" >= CAST($1 AS DOUBLE PRECISION)
), "named" AS (
  SELECT "t2"."id", upper("t2"."name") AS "shout"
  FROM "adults" AS "t2"
)
SELECT "t3"."id", "t3"."shout"
FROM "named" AS "t3"
WHERE EXISTS (SELECT 1 AS "one" FROM "adults" AS "t4" WHERE "t3"."id" = "t4"."id")`);
  assert.fixture(lowerViewForExecution(program, 'report', 'sqlite').sql, `SELECT "t1"."id", "t1"."shout"
FROM "named" AS "t1"
WHERE EXISTS (SELECT 1 AS "one" FROM "adults" AS "t2" WHERE "t1"."id" = "t2"."id")`);
});

test('placeholders are dialect data; a positional dialect lists a parameter once per use', () => {
  const twice: Rel = { kind: 'filter', input: people, condition: P.call('or', P.call('gt', P.col('score'), minScore), P.call('lt', P.col('score'), P.call('negate', minScore))) };
  assert.equal(lowerRel(twice, 'duckdb').params, ['min_score']);
  assert.match(lowerRel(twice, 'duckdb').sql, '"t1"."score" > CAST($1 AS DOUBLE) OR "t1"."score" < -CAST($1 AS DOUBLE)');
  assert.equal(lowerRel(twice, 'sqlite').params, ['min_score', 'min_score']);
  assert.match(lowerRel(twice, 'sqlite').sql, '"t1"."score" > ? OR "t1"."score" < -?');
});

test('quoteIdent doubles the quote character', () => {
  assert.is(quoteIdent('a"b', 'duckdb'), '"a""b"');
  assert.is(quoteIdent('select', 'sqlite'), '"select"');
});

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.instance(e, RelcError);
    return (e as RelcError).code;
  }
  return 'no error';
}

test('what a dialect cannot express is BACKEND_UNSUPPORTED, never wrong SQL', () => {
  const distinctWindow: Rel = { kind: 'window', input: people, functions: [{ fn: 'count', args: [P.col('name')], distinct: true, partitionBy: [], orderBy: [], type: T.int64 }], names: ['n'] };
  assert.is(code(() => lowerRel(distinctWindow, 'postgres')), 'BACKEND_UNSUPPORTED');
  assert.is(code(() => lowerRel(distinctWindow, 'sqlite')), 'BACKEND_UNSUPPORTED');
  assert.is(code(() => lowerRel(distinctWindow, 'duckdb')), 'no error');
  const nan: Rel = { kind: 'project', input: people, exprs: [E.lit(T.float64, 'NaN')], names: ['x'] };
  assert.is(code(() => lowerRel(nan, 'sqlite')), 'BACKEND_UNSUPPORTED');
  const ivText: Rel = { kind: 'project', input: people, exprs: [E.cast(E.lit(T.interval, { months: 1, days: 0, micros: '0' }), T.utf8)], names: ['x'] };
  assert.is(code(() => lowerRel(ivText, 'sqlite')), 'BACKEND_UNSUPPORTED');
  assert.is(code(() => lowerRel(ivText, 'duckdb')), 'BACKEND_UNSUPPORTED');
  const span = E.call('subtract', [E.lit(T.timestamp, '2024-01-02 00:00:00.000000'), E.lit(T.timestamp, '2024-01-01 00:00:00.000000')], T.interval);
  const longer: Rel = { kind: 'filter', input: people, condition: E.call('gt', [span, E.lit(T.interval, { months: 0, days: 1, micros: '0' })], T.bool) };
  assert.is(code(() => lowerRel(longer, 'sqlite')), 'BACKEND_UNSUPPORTED');
  assert.is(code(() => lowerRel(longer, 'duckdb')), 'no error');
  const bySpan: Rel = { kind: 'sort', input: { kind: 'project', input: people, exprs: [span], names: ['span'] }, keys: [E.asc(E.col(0))] };
  assert.is(code(() => lowerRel(bySpan, 'sqlite')), 'BACKEND_UNSUPPORTED');
  const nul: Rel = { kind: 'project', input: people, exprs: [E.lit(T.utf8, 'a\u0000b')], names: ['x'] };
  assert.is(code(() => lowerRel(nul, 'duckdb')), 'BACKEND_UNSUPPORTED');
});

test('bad plans are clear errors: unknown views, leftover subqueries, out-of-range columns', () => {
  assert.is(code(() => lowerView(program, 'nope', 'duckdb')), 'UNKNOWN_RELATION');
  const sub: Rel = { kind: 'filter', input: people, condition: { kind: 'subquery', mode: 'exists', rel: teams, expr: null, negated: false } };
  assert.is(code(() => lowerRel(sub, 'duckdb')), 'INVALID_PLAN');
  assert.is(code(() => lowerRel({ kind: 'project', input: people, exprs: [E.col(9)], names: ['x'] }, 'duckdb')), 'INVALID_PLAN');
});

let engines: Engine[] = [];
const weird = { name: 'we"ird tbl', schema: [field('a"b', T.utf8), field('select', T.int32)], rows: [["it's", 1], ['x', 2]] };

test.before(async () => {
  engines = await openEngines([PEOPLE, TEAMS, weird]);
});
test.after(async () => {
  for (const e of engines) await e.close();
});

test('a parameter value never reaches the SQL text and is bound as data on every engine', async () => {
  const hostile = "x'); DROP TABLE people; --";
  const name = { kind: 'param', name: 'who', type: T.utf8, nullable: false } as const;
  const rel: Rel = { kind: 'project', input: { kind: 'filter', input: people, condition: P.call('not_equal', P.col('name'), name) }, exprs: [P.col('id'), name], names: ['id', 'echo'] };
  for (const e of engines) {
    const lowered = lowerRel(rel, e.dialect);
    assert.not.ok(lowered.sql.includes('DROP') || lowered.sql.includes(hostile), 'the value is not in the text');
    const { rows } = await e.run(lowered, schemaOf(rel), { who: { type: T.utf8, value: hostile } });
    assert.equal(rows.length, 7);
    assert.ok(rows.every((r) => r[1] === hostile), `${e.dialect}: the value comes back verbatim`);
    const still = await e.run(lowerRel({ kind: 'aggregate', input: people, groupBy: [], measures: [{ fn: 'count', args: [], distinct: false, type: T.int64 }], names: ['n'] }, e.dialect), [field('n', T.int64)]);
    assert.equal(still.rows, [[7n]], `${e.dialect}: people still exists`);
  }
});

test('quoted identifiers and escaped literals round-trip on every engine', async () => {
  const rel: Rel = {
    kind: 'project', input: { kind: 'scan', table: weird.name, schema: weird.schema },
    exprs: [E.col(0), E.call('concat', [E.col(0), E.lit(T.utf8, "'--\"")], T.utf8), E.col(1)], names: ['a"b', 'quoted', 'select'],
  };
  for (const e of engines) {
    const { rows } = await e.run(lowerRel(rel, e.dialect), schemaOf(rel));
    assert.equal(rows.sort((x, y) => (x[2]! as number) - (y[2]! as number)), [["it's", "it's'--\"", 1], ['x', "x'--\"", 2]], e.dialect);
  }
});

test.run();
