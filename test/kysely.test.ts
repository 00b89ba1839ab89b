// The Kysely front end: builder queries give the same plans (signatures) as the same SQL text
// through relc's SQL front end, and unsupported nodes are coded errors naming the node.
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import * as assert from 'uvu/assert';
import { test } from './support/uvu.ts';
import { initHashing, RelcError, signViews, type Rel } from '../src/ir/index.ts';
import { parseSelect } from '../src/sql/index.ts';
import { fromKysely, transpile, transpileKysely } from '../src/index.ts';
import { tpchCatalog } from './tpch/schema.ts';
import { schemaOf } from '../src/ir/index.ts';
import { lowerRel } from '../src/lower/sql/index.ts';
import { compareResults, openTpchEngines, type Engines } from './tpch/harness.ts';

let engines: Engines | undefined;
test.before(async () => { engines = await openTpchEngines(0.005); });
test.after(async () => { await engines?.close(); });

// Compile-only Kysely: no database behind it.
const db = new Kysely<any>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const sign = (rel: Rel) => signViews({ views: [{ name: 'q', rel } as never] }).get('q')!;
const viaSql = (text: string) => sign(parseSelect(text, { dialect: 'postgres', catalog: tpchCatalog }));

function same(name: string, query: { toOperationNode(): any; compile(): { sql: string; parameters: readonly unknown[] } }, text: string, ordered = false) {
  test(`kysely ${name}: the signature of the SQL text`, async () => {
    await initHashing();
    assert.is(sign(fromKysely(query, tpchCatalog)), viaSql(text));
  });
  test(`kysely ${name}: relc on DuckDB and SQLite equals Kysely's own SQL on DuckDB`, async () => {
    const rel = fromKysely(query, tpchCatalog);
    const schema = schemaOf(rel);
    const compiled = query.compile();
    const expected = { schema, rows: await engines!.duckdb.query(compiled.sql, compiled.parameters as never, schema) };
    assert.ok(expected.rows.length > 0 || name.includes('empty'), `${name}: the oracle returns rows`);
    for (const target of ['duckdb', 'sqlite'] as const) {
      const lowered = lowerRel(rel, target);
      const actual = { schema, rows: await engines![target].query(lowered.sql, [], schema) };
      assert.is(compareResults(expected, actual, ordered), null, `${name} on ${target}`);
    }
  });
}

// Five TPC-H-like queries.
same('tpch q1', db.selectFrom('lineitem')
  .select(['l_returnflag', 'l_linestatus', (eb) => eb.fn.sum('l_quantity').as('sum_qty'), (eb) => eb.fn.avg('l_extendedprice').as('avg_price'), (eb) => eb.fn.countAll().as('count_order')])
  .where('l_shipdate', '<=', '1998-09-02').groupBy(['l_returnflag', 'l_linestatus']).orderBy('l_returnflag').orderBy('l_linestatus'),
  `select l_returnflag, l_linestatus, sum(l_quantity) as sum_qty, avg(l_extendedprice) as avg_price, count(*) as count_order
   from lineitem where l_shipdate <= '1998-09-02' group by l_returnflag, l_linestatus order by l_returnflag, l_linestatus`);
same('tpch q3', db.selectFrom('customer').innerJoin('orders', 'c_custkey', 'o_custkey').innerJoin('lineitem', 'l_orderkey', 'o_orderkey')
  .select(['l_orderkey', 'o_orderdate', 'o_shippriority', (eb) => eb.fn.sum(eb('l_extendedprice', '*', eb.parens(eb.val(1), '-', eb.ref('l_discount')))).as('revenue')])
  .where('c_mktsegment', '=', 'BUILDING').where('o_orderdate', '<', '1995-03-15').where('l_shipdate', '>', '1995-03-15')
  .groupBy(['l_orderkey', 'o_orderdate', 'o_shippriority']).orderBy('revenue', 'desc').orderBy('o_orderdate').limit(10),
  `select l_orderkey, o_orderdate, o_shippriority, sum(l_extendedprice * (1 - l_discount)) as revenue
   from customer inner join orders on c_custkey = o_custkey inner join lineitem on l_orderkey = o_orderkey
   where c_mktsegment = 'BUILDING' and o_orderdate < '1995-03-15' and l_shipdate > '1995-03-15'
   group by l_orderkey, o_orderdate, o_shippriority order by revenue desc, o_orderdate limit 10`);
same('tpch q4', db.selectFrom('orders').select(['o_orderpriority', (eb) => eb.fn.countAll().as('order_count')])
  .where('o_orderdate', '>=', '1993-07-01').where('o_orderdate', '<', '1993-10-01')
  .where((eb) => eb.exists(eb.selectFrom('lineitem').select('l_orderkey').whereRef('l_orderkey', '=', 'o_orderkey').whereRef('l_commitdate', '<', 'l_receiptdate')))
  .groupBy('o_orderpriority').orderBy('o_orderpriority'),
  `select o_orderpriority, count(*) as order_count from orders where o_orderdate >= '1993-07-01' and o_orderdate < '1993-10-01'
   and exists (select l_orderkey from lineitem where l_orderkey = o_orderkey and l_commitdate < l_receiptdate)
   group by o_orderpriority order by o_orderpriority`);
same('tpch q6', db.selectFrom('lineitem').select((eb) => eb.fn.sum(eb('l_extendedprice', '*', eb.ref('l_discount'))).as('revenue'))
  .where('l_shipdate', '>=', '1994-01-01').where('l_shipdate', '<', '1995-01-01').where((eb) => eb.between('l_discount', 0.05, 0.07)).where('l_quantity', '<', 24),
  `select sum(l_extendedprice * l_discount) as revenue from lineitem where l_shipdate >= '1994-01-01' and l_shipdate < '1995-01-01'
   and l_discount between 0.05 and 0.07 and l_quantity < 24`);
same('tpch q12', db.selectFrom('orders').innerJoin('lineitem', 'o_orderkey', 'l_orderkey')
  .select(['l_shipmode', (eb) => eb.fn.count('o_orderkey').as('n')])
  .where('l_shipmode', 'in', ['MAIL', 'SHIP']).whereRef('l_commitdate', '<', 'l_receiptdate').where('l_receiptdate', '>=', '1994-01-01')
  .groupBy('l_shipmode').orderBy('l_shipmode'),
  `select l_shipmode, count(o_orderkey) as n from orders inner join lineitem on o_orderkey = l_orderkey
   where l_shipmode in ('MAIL', 'SHIP') and l_commitdate < l_receiptdate and l_receiptdate >= '1994-01-01'
   group by l_shipmode order by l_shipmode`);

// Constructs.
same('joins, or, is null, like, not in', db.selectFrom('nation as n').leftJoin('region as r', (j) => j.onRef('n.n_regionkey', '=', 'r.r_regionkey').on('r.r_name', '<>', 'X'))
  .select(['n.n_name', 'r.r_name as region'])
  .where((eb) => eb.or([eb('r.r_name', 'is', null), eb('n.n_name', 'like', 'A%'), eb.not(eb('n.n_nationkey', 'in', [1, 2]))])),
  `select n.n_name, r.r_name as region from nation as n left join region as r on n.n_regionkey = r.r_regionkey and r.r_name <> 'X'
   where r.r_name is null or n.n_name like 'A%' or not (n.n_nationkey in (1, 2))`);
same('right/full/cross joins', db.selectFrom('nation').rightJoin('region', 'n_regionkey', 'r_regionkey').fullJoin('supplier', 's_nationkey', 'n_nationkey').crossJoin('part')
  .select(['n_name', 'r_name', 's_name', 'p_name']),
  `select n_name, r_name, s_name, p_name from nation right join region on n_regionkey = r_regionkey full join supplier on s_nationkey = n_nationkey cross join part`);
same('distinct, having, nulls last, offset', db.selectFrom('orders').select(['o_custkey', (eb) => eb.fn.max('o_totalprice').as('m')]).distinct()
  .groupBy('o_custkey').having((eb) => eb.fn.count('o_orderkey'), '>', 2).orderBy('m', (ob) => ob.desc().nullsLast()).limit(5).offset(3),
  `select distinct o_custkey, max(o_totalprice) as m from orders group by o_custkey having count(o_orderkey) > 2
   order by m desc nulls last limit 5 offset 3`);
same('with, in subquery, union all', db.with('big', (qb) => qb.selectFrom('customer').select('c_custkey').where('c_acctbal', '>', 1000))
  .selectFrom('orders').select('o_custkey').where('o_custkey', 'in', (eb: any) => eb.selectFrom('big').select('c_custkey'))
  .unionAll(db.selectFrom('customer').select('c_custkey as o_custkey')),
  `with big as (select c_custkey from customer where c_acctbal > 1000)
   select o_custkey from orders where o_custkey in (select c_custkey from big) union all select c_custkey as o_custkey from customer`);
same('intersect, except, fn()', db.selectFrom('nation').select((eb) => eb.fn('upper', ['n_name']).as('u'))
  .intersect(db.selectFrom('nation').select((eb) => eb.fn('upper', ['n_name']).as('u')).where('n_regionkey', '=', 1)).except(db.selectFrom('region').select('r_comment as u')),
  `select upper(n_name) as u from nation intersect select upper(n_name) as u from nation where n_regionkey = 1 except select r_comment as u from region`);

same('window and filtered aggregates', db.selectFrom('nation').select(['n_name', (eb) => eb.fn.sum('n_nationkey').over((ob) => ob.partitionBy('n_regionkey').orderBy('n_name')).as('w')])
  .where('n_nationkey', '<', 20),
  `select n_name, sum(n_nationkey) over (partition by n_regionkey order by n_name) as w from nation where n_nationkey < 20`);
same('filter where', db.selectFrom('nation').select(['n_regionkey', (eb) => eb.fn.count('n_nationkey').filterWhere('n_name', 'like', '%A%').as('c')]).groupBy('n_regionkey'),
  `select n_regionkey, count(n_nationkey) filter (where n_name like '%A%') as c from nation group by n_regionkey`);
same('plain sql fragments', db.selectFrom('nation').select(['n_name', sql<string>`lower(n_name) || '!'`.as('x')]).where(sql<boolean>`n_nationkey % 3 = 1`),
  `select n_name, lower(n_name) || '!' as x from nation where n_nationkey % 3 = 1`);

function code(f: () => unknown): [string, string] {
  try { f(); } catch (e) { if (e instanceof RelcError) return [e.code, e.message]; throw e; }
  throw new Error('no error');
}

test('kysely: unsupported nodes are UNSUPPORTED_CONSTRUCT naming the node', () => {
  const raw = code(() => fromKysely(db.selectFrom('nation').select(sql<number>`n_nationkey + ${2}`.as('z')), tpchCatalog));
  assert.equal(raw, ['UNSUPPORTED_CONSTRUCT', 'Kysely node RawNode (sql fragment with bound values) is not supported']);
  const insert = code(() => fromKysely(db.insertInto('nation').values({ n_name: 'x' }), tpchCatalog));
  assert.equal(insert, ['UNSUPPORTED_CONSTRUCT', 'Kysely node InsertQueryNode is not supported']);
  const cte = code(() => fromKysely(db.with('c', (qb) => qb.selectFrom('nation').select('n_name')).selectFrom('c').select('n_name').forUpdate(), tpchCatalog));
  assert.equal(cte, ['UNSUPPORTED_CONSTRUCT', 'Kysely node SelectQueryNode (endModifiers) is not supported']);
  const date = code(() => fromKysely(db.selectFrom('orders').select('o_orderkey').where('o_orderdate', '<', new Date(0)), tpchCatalog));
  assert.equal(date, ['UNSUPPORTED_CONSTRUCT', 'Kysely node ValueNode (value of type Date) is not supported']);
});

test('kysely: relc errors of the SQL front end (unknown column)', () => {
  const [c] = code(() => fromKysely(db.selectFrom('nation').select('n_nmae'), tpchCatalog));
  assert.is(c, 'UNKNOWN_COLUMN');
});

test('kysely: transpileKysely gives the SQL text path\'s output on every SQL target', () => {
  const q = db.selectFrom('orders').select(['o_custkey', (eb) => eb.fn.sum('o_totalprice').as('total')]).where('o_orderstatus', '=', 'F').groupBy('o_custkey');
  const text = `select o_custkey, sum(o_totalprice) as total from orders where o_orderstatus = 'F' group by o_custkey`;
  for (const to of ['duckdb', 'sqlite', 'postgres'] as const) assert.is(transpileKysely(q, { to, schema: tpchCatalog }), transpile(text, { to, schema: tpchCatalog })[0]);
});

test.run();
