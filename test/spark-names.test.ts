// Output names on Spark (src/sql/spark-names.ts): each query, valid as PostgreSQL and as Spark
// SQL, is run as written on a local PySpark and as relc's Spark SQL transpiled from PostgreSQL;
// the column names and the rows must be Spark's own.
import * as assert from 'uvu/assert';
import { transpile } from '../src/index.ts';
import { openSpark, type Spark } from './support/spark.ts';
import { test } from './support/uvu.ts';

const schema = { t: { a: 'int32', b: 'int32', c: 'utf8' } };
const TABLE = "create or replace temporary view t as select * from values (1, cast(null as int), 'x'), (2, 5, 'yz'), (3, 1, null) as v(a, b, c)";

const QUERIES = [
  'select a + 1, coalesce(b, 0), count(*), sum(a), count(distinct a), avg(a), max(a), min(b) from t group by 1, 2',
  // `/` is left out: PostgreSQL's integer division is not Spark's (rows differ by design).
  'select t.a, a * 2, a - 1, a % 2, -a, a = 1, a <> 1, a < 2 and b > 0, a = 1 or b = 5 or c = \'x\', not a = 1, a is null, b is not null, a in (1, 2), a between 1 and 2 from t',
  "select 1, 1.5, 'hi', null, true, 1.50, cast(a as bigint), cast(b as double), upper(c), lower(c), length(c), abs(a - 3), c || 'y', c like 'x%' from t",
  // concat over a non-NULL column: PostgreSQL's skips a NULL, Spark's is NULL (rows differ by design).
  "select case when a = 1 then 'p' else 'q' end, case a when 1 then 2 end, round(a, 1), substring(c, 1, 2), substring(c from 2 for 1), nullif(a, 1), greatest(a, 2), least(a, b), concat(a, 'z') from t",
  "select date '2020-01-01', timestamp '2020-01-01 10:00:00', timestamp '2020-01-01', a from t",
  'select * from (select a + 1, a + 1, coalesce(b, 0) from t) s',
  'select s.* from (select a * 2, c from t) as s',
  'select x, y + 1 from (select a as x, b as y from t) s',
  'with w as (select a + b, c from t) select * from w',
  'select * from (values (1, 2), (3, 4)) v',
];

let spark: Spark;

test.before(async () => {
  spark = await openSpark();
  await spark.query(TABLE);
});
test.after(() => spark?.close());

for (const [i, sql] of QUERIES.entries()) {
  test(`spark names ${i}: ${sql}`, async () => {
    const expected = await spark.query(sql);
    const [text] = transpile(sql, { from: 'postgres', to: 'spark', schema });
    const got = await spark.query(text!);
    assert.equal(got.names, expected.names, `names of\n${text}`);
    const sorted = (rows: readonly (readonly unknown[])[]) => rows.map((r) => JSON.stringify(r)).sort();
    assert.equal(sorted(got.rows), sorted(expected.rows), `rows of\n${text}`);
  });
}

test.run();
