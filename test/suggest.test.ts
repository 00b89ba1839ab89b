// "Did you mean": the nearest known name in errors for a misspelled column, table, function,
// window function, type, EXTRACT field, keyword, rule kind and relation of a rule pack — and
// no suggestion when nothing is near.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { field, nearestName, T } from '../src/ir/index.ts';
import { catalogOf } from '../src/run/compose/catalog.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { compileSpecText } from '../src/spec/index.ts';
import { failure } from './support/failure.ts';

test('nearestName: typos within the length-scaled bound, case ignored, first of equals', () => {
  assert.is(nearestName('idd', ['name', 'id']), 'id');
  assert.is(nearestName('nmae', ['id', 'name']), 'name'); // a swap is one edit
  assert.is(nearestName('ORDRES', ['orders', 'order_lines']), 'orders');
  assert.is(nearestName('c', ['a', 'b']), undefined); // one-letter names: only a case change
  assert.is(nearestName('A', ['a', 'b']), 'a');
  assert.is(nearestName('xyzzy', ['upper', 'lower']), undefined);
  assert.is(nearestName('lineitm', ['lineitem', 'lineitems']), 'lineitem');
  assert.is(nearestName('abc', ['abd', 'abe']), 'abd');
  assert.is(nearestName('name', ['name']), undefined);
});

const catalog = catalogOf(new Map([['orders', [field('id', T.int64), field('total', T.float64), field('placed', T.date)]]]));
const sql = (text: string) => () => transpileQuery(text, { from: 'postgres', to: 'duckdb', catalog, origin: { file: 'q.sql', line: 1, col: 1 } });

test('SQL errors name the nearest known name', async () => {
  const cases: [string, string, string][] = [
    ['select totl from orders', 'UNKNOWN_COLUMN', 'unknown column totl (did you mean total?); available columns: orders.id, orders.total, orders.placed'],
    ['select o.totl from orders o', 'UNKNOWN_COLUMN', 'unknown column o.totl (did you mean o.total?); available columns: o.id, o.total, o.placed'],
    ['select id from ordrs', 'UNKNOWN_RELATION', 'unknown table ordrs (did you mean orders?); known: orders'],
    ['select uppr(id) from orders', 'UNKNOWN_FUNCTION', 'unknown function uppr (did you mean upper?)'],
    ['select coutn(*) from orders', 'UNKNOWN_FUNCTION', 'unknown function coutn (did you mean count?)'],
    ['select rank_dense() over (order by id) from orders', 'UNKNOWN_FUNCTION', 'unknown window function rank_dense'],
    ['select row_numbr() over (order by id) from orders', 'UNKNOWN_FUNCTION', 'unknown window function row_numbr (did you mean row_number?)'],
    ['select cast(id as integr) from orders', 'UNSUPPORTED_CONSTRUCT', 'type integr is not supported (did you mean INTEGER?) (relc types: bool, int32, int64, float64, decimal(p,s), utf8, binary, date, timestamp)'],
    ['selct 1', 'SQL_PARSE_ERROR', "expected SELECT, WITH or VALUES, found 'selct' (did you mean SELECT?)"],
    ['select id from orders wher id > 1', 'SQL_PARSE_ERROR', "expected end of query or ';', found 'id' (is wher a misspelled WHERE?)"],
    ['select id form orders', 'SQL_PARSE_ERROR', "expected end of query or ';', found 'orders' (is form a misspelled FROM?)"],
    ['select xyzzy(1)', 'UNKNOWN_FUNCTION', 'unknown function xyzzy'],
  ];
  for (const [text, code, message] of cases) {
    const e = await failure(sql(text));
    assert.is(e.code, code, text);
    assert.is(e.message, message, text);
  }
  const e = await failure(sql('select extract(yeer from placed) from orders'));
  assert.match(e.message, /^EXTRACT\(yeer …\) is not supported \(did you mean year\?\); fields: /);
  assert.is((await failure(sql('select totl from orders'))).details?.suggestion, 'total');
});

const pack = (rule: string) => `relc: 1\nname: t\ninputs:\n  orders:\n    path: orders.csv\n    schema: { id: int64, total: float64 }\nrules:\n  - ${rule}\noutputs:\n  - { name: big, from: big, order_by: [id] }\n`;

test('rule pack errors name the nearest rule kind, relation and column', async () => {
  const kind = await failure(() => compileSpecText(pack('{ name: big, kind: filtr, from: orders, where: "total > 1" }'), 'p.yaml'));
  assert.is(kind.code, 'SPEC_BAD_VALUE');
  assert.is(kind.message, 'rules[0].kind: unknown rule kind (did you mean filter?); expected one of filter, project, relate, aggregate, union, winner, normalize, sql, recursive');
  const rel = await failure(() => compileSpecText(pack('{ name: big, kind: filter, from: ordrs, where: "total > 1" }'), 'p.yaml'));
  assert.is(rel.code, 'UNKNOWN_RELATION');
  assert.is(rel.message, "unknown relation 'ordrs' (did you mean orders?); available: big, orders");
  const col = await failure(() => compileSpecText(pack('{ name: big, kind: filter, from: orders, where: "totl > 1" }'), 'p.yaml'));
  assert.is(col.code, 'UNKNOWN_COLUMN');
  assert.is(col.message, 'unknown column totl (did you mean total?); available columns: orders.id, orders.total');
});

test.run();
