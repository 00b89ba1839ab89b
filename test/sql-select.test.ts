import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { RelcError, T, relSexpr, schemaOf, validateRel, type Rel } from '../src/ir/index.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { parseSelect, type SourceDialect } from '../src/sql/index.ts';
import { corpusCatalog } from './tpch/schema.ts';

const sel = (sql: string, dialect: SourceDialect = 'postgres', params = new Map<string, { type: typeof T.int32; nullable: boolean }>()): Rel => {
  const rel = parseSelect(sql, { dialect, catalog: corpusCatalog, params });
  validateRel(rel, { lowered: true });
  return rel;
};
const names = (r: Rel) => schemaOf(r).map((f) => f.name);

function fails(sql: string, code: string, location: { file: string; line: number; col: number }, origin?: { file: string; line: number; col: number }): void {
  try {
    parseSelect(sql, { dialect: 'postgres', catalog: corpusCatalog, ...(origin ? { origin } : {}) });
  } catch (e) {
    assert.instance(e, RelcError);
    assert.is((e as RelcError).code, code, (e as RelcError).message);
    assert.equal((e as RelcError).location, location);
    return;
  }
  assert.unreachable(`${sql} was accepted`);
}

test('parameters are typed slots; undeclared ones are UNKNOWN_PARAM', () => {
  const r = sel('select id from emp where dept_id = :dept', 'postgres', new Map([['dept', { type: T.int32, nullable: false }]]));
  assert.is(relSexpr(r), '(project [id := id#0] (filter (equal dept_id#2 :dept) (scan emp)))');
  fails('select id from emp where dept_id = :dept', 'UNKNOWN_PARAM', { file: '<sql>', line: 1, col: 36 });
  const t = transpileQuery('select id from emp where dept_id = :d or id = :d', { from: 'postgres', to: 'duckdb', catalog: corpusCatalog, params: new Map([['d', { type: T.int32, nullable: true }]]) });
  assert.ok(t.params.length >= 1 && t.params.every((p) => p === 'd'), `params ${t.params.join(',')}`);
});

test('errors follow the origin rule inside a file', () => {
  const origin = { file: 'pack.yaml', line: 12, col: 10 };
  fails('select nope from emp', 'UNKNOWN_COLUMN', { file: 'pack.yaml', line: 12, col: 17 }, origin);
  fails('select id\nfrom emp\nwhere nope', 'UNKNOWN_COLUMN', { file: 'pack.yaml', line: 14, col: 7 }, origin);
});

test('decorrelation: null-aware NOT IN only when a side is nullable', () => {
  assert.is(relSexpr(sel('select id from emp where id not in (select id from dept)')), '(project [id := id#0] (join anti (equal id#0 id#9) (scan emp) (project [id := id#0] (scan dept))))');
  assert.is(
    relSexpr(sel('select id from emp where dept_id not in (select id from dept)')),
    '(project [id := id#0] (join anti (or (equal dept_id#2 id#9) (is-null dept_id#2) (is-null id#9)) (scan emp) (project [id := id#0] (scan dept))))',
  );
  assert.is(relSexpr(sel('select id from emp e where exists (select 1 from dept d where d.id = e.dept_id)')), '(project [id := id#0] (join semi (equal __corr_0#10 dept_id#2) (scan emp) (project [?column? := 1, __corr_0 := id#0] (scan dept))))');
});

test('decorrelation: a correlated count is 0 for a missing group, not NULL', () => {
  const r = sel('select d.id, (select count(*) from emp e where e.dept_id = d.id) as n from dept d');
  assert.match(relSexpr(r), /\(case \(\(is-null __matched#\d+\) '0'::int64\) \(else count#\d+\)\)/);
  assert.match(relSexpr(r), /join left \(equal id#0 __corr_0#\d+\)/);
});

test('output names follow PostgreSQL; duplicates are made unique', () => {
  assert.equal(names(sel('select e.id, d.id, count(*) over (), upper(e.name), 1 + 1, case when true then 1 end, e.salary::int, (select max(id) from dept) from emp e join dept d on true')), ['id', 'id_1', 'count', 'upper', '?column?', 'case', 'salary', 'max']);
  assert.equal(names(sel('select * from (select id, name from dept) a join (select id, region from dept) b using (id)')), ['id', 'name', 'region']);
  // A select item that is a GROUP BY key is named as the item, not after the key.
  assert.equal(names(sel('select e.salary::text, upper(e.name), e.id + 1, count(*) from emp e group by 1, upper(e.name), e.id + 1')), ['salary', 'upper', '?column?', 'count']);
  assert.equal(names(sel('select cast(salary as text) from emp group by cast(salary as text)')), ['salary']);
  assert.equal(names(sel('select * from (values (1, 2)) v')), ['column1', 'column2']);
});

test('source dialects: quoting, strings and operators are dialect data', () => {
  assert.equal(names(sel('select `name` from `emp` limit 2, 3', 'mysql')), ['name']);
  assert.is(relSexpr(sel("select id from emp where name = \"Bob\" || id = 1", 'mysql')), "(project [id := id#0] (filter (or (equal name#1 'Bob') (equal id#0 1)) (scan emp)))");
  assert.equal(names(sel('select [name] from emp', 'sqlite')), ['name']);
  assert.equal(names(sel('select `name` from `dept`', 'bigquery')), ['name']);
  assert.is(relSexpr(sel("select id from emp where name = E'o\\'neil'")), "(project [id := id#0] (filter (equal name#1 'o''neil') (scan emp)))");
  const limit = sel('select id from emp limit 2, 3', 'sqlite');
  assert.is(limit.kind, 'limit');
  assert.equal(limit.kind === 'limit' && [limit.limit, limit.offset], [3, 2]);
});

test('transpile targets: SQL per dialect, canonical IR JSON, byte-identical on repeat', () => {
  const sql = 'select dept_id, count(*) as n from emp group by dept_id order by n desc';
  const a = transpileQuery(sql, { from: 'postgres', to: 'sqlite', catalog: corpusCatalog });
  const b = transpileQuery(sql, { from: 'postgres', to: 'sqlite', catalog: corpusCatalog });
  assert.is(a.text, b.text);
  assert.match(a.text, /NULLS FIRST/);
  const ir = transpileQuery(sql, { from: 'postgres', to: 'ir', catalog: corpusCatalog });
  assert.equal(JSON.parse(ir.text), JSON.parse(JSON.stringify(ir.rel)));
});

test('recursive CTEs are one recursive node (test/recursive-sql.test.ts), a non-linear one is reported, non-recursive WITH RECURSIVE is fine', () => {
  assert.is((sel('with recursive t(n) as (select 1 union all select n + 1 from t where n < 3) select n from t') as { input: Rel }).input.kind, 'recursive');
  fails('with recursive t(n) as (select 1 union all select max(n) + 1 from t) select n from t', 'UNSUPPORTED_CONSTRUCT', { file: '<sql>', line: 1, col: 67 });
  assert.equal(names(sel('with recursive t(n) as (select 1) select n from t')), ['n']);
});

test.run();
