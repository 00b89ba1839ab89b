// Unique keys through joins (src/ir/keys.ts): a side's keys survive where the join's equalities
// pin a whole key of the other side (many-to-one) and that side is not NULL-padded; a left key ∪
// a right key survives unless a full join's padded rows could agree on it. Each join kind, with
// the conditions that prove it and those that do not.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { E, T, field, uniqueKeys, type Expr, type JoinType, type Rel } from '../src/ir/index.ts';

const KEYS: Record<string, string[][]> = { orders: [['id']], customers: [['id']], lines: [['order_id', 'n']], tags: [['tag']], others: [['tag']] };
const declared = (name: string) => KEYS[name] ?? [];

const orders: Rel = { kind: 'scan', table: 'orders', schema: [field('id', T.int64), field('customer_id', T.int64, true), field('amount', T.int32)] };
const customers: Rel = { kind: 'scan', table: 'customers', schema: [field('id', T.int64), field('name', T.utf8), field('region', T.utf8, true)] };
const lines: Rel = { kind: 'scan', table: 'lines', schema: [field('order_id', T.int64), field('n', T.int32), field('qty', T.int32)] };
const tags: Rel = { kind: 'scan', table: 'tags', schema: [field('tag', T.utf8, true)] };
const others: Rel = { kind: 'scan', table: 'others', schema: [field('tag', T.utf8, true)] };
const oneRow: Rel = { kind: 'values', schema: [field('x', T.int32, true)], rows: [[E.lit(T.int32, 1)]] };

const eq = (a: number, b: number): Expr => E.call('equal', [E.col(a), E.col(b)], T.bool);
const and = (...args: Expr[]): Expr => E.call('and', args, T.bool);

/** The join's keys as sorted position lists, e.g. `['0', '0,3']`; `'-'` = at most one row. */
function keys(type: JoinType, left: Rel, right: Rel, condition: Expr | null): string[] {
  const rel: Rel = { kind: 'join', type, left, right, condition };
  return [...new Set(uniqueKeys(rel, declared).map((k) => [...k].sort((a, b) => a - b).join(',') || '-'))].sort();
}

// orders (id#0, customer_id#1, amount#2) ⋈ customers (id#3, name#4, region#5): many orders per customer.
const manyToOne = eq(1, 3);

test('inner join: the many side keeps its key where the equalities pin the one side\'s key; one-to-one keeps both', () => {
  assert.equal(keys('inner', orders, customers, manyToOne), ['0', '0,3']);
  assert.equal(keys('inner', orders, customers, eq(3, 1)), ['0', '0,3']); // either operand order
  assert.equal(keys('inner', orders, customers, and(eq(0, 3), E.call('gt', [E.col(2), E.lit(T.int32, 0)], T.bool))), ['0', '0,3', '3']);
  // Mirrored (customers ⋈ orders on customers.id = orders.customer_id): the right (many) side keeps its key.
  assert.equal(keys('inner', customers, orders, eq(0, 4)), ['0,3', '3']);
  // orders ⋈ lines on orders.id = lines.order_id: lines keep (order_id, n), orders repeat (n is not pinned).
  assert.equal(keys('inner', orders, lines, eq(0, 3)), ['0,3,4', '3,4']);
});

test('left join: the left key survives a many-to-one join, the NULL-padded right key never does', () => {
  assert.equal(keys('left', orders, customers, manyToOne), ['0', '0,3']);
  assert.equal(keys('left', orders, customers, eq(0, 3)), ['0', '0,3']);
  assert.equal(keys('left', customers, orders, eq(0, 4)), ['0,3']);
});

test('right join mirrors left; full join keeps no side\'s key, and the pair only with a non-nullable column', () => {
  assert.equal(keys('right', orders, customers, manyToOne), ['0,3']);
  assert.equal(keys('right', customers, orders, eq(0, 4)), ['0,3', '3']);
  assert.equal(keys('right', orders, customers, eq(0, 3)), ['0,3', '3']);
  assert.equal(keys('full', orders, customers, eq(0, 3)), ['0,3']);
  // tags and others may each hold one NULL tag: two padded rows (NULL, NULL) would tie.
  assert.equal(keys('full', tags, others, eq(0, 1)), []);
  assert.equal(keys('left', tags, others, eq(0, 1)), ['0', '0,1']);
  // Two single rows: a left join has at most one row, a full join may have two.
  assert.equal(keys('left', oneRow, oneRow, eq(0, 1)), ['-']);
  assert.equal(keys('full', oneRow, oneRow, eq(0, 1)), []);
});

test('semi and anti joins keep the left keys; a cross join only the pair', () => {
  assert.equal(keys('semi', customers, orders, eq(0, 4)), ['0']);
  assert.equal(keys('anti', customers, orders, eq(0, 4)), ['0']);
  assert.equal(keys('cross', orders, customers, null), ['0,3']);
});

test('only equality conjuncts between plain columns pin a key, and only a whole key', () => {
  const plusZero = E.call('add', [E.col(1), E.lit(T.int64, '0')], T.int64);
  assert.equal(keys('left', orders, customers, E.call('equal', [plusZero, E.col(3)], T.bool)), ['0,3']);
  assert.equal(keys('left', orders, customers, E.call('or', [manyToOne, eq(2, 2)], T.bool)), ['0,3']);
  assert.equal(keys('left', orders, customers, E.call('lte', [E.col(1), E.col(3)], T.bool)), ['0,3']);
  assert.equal(keys('left', orders, customers, E.call('not_equal', [E.col(1), E.col(3)], T.bool)), ['0,3']);
  // A right column equated with another right column pins nothing on the left's behalf.
  assert.equal(keys('left', orders, customers, eq(3, 4)), ['0,3']);
  // IS NOT DISTINCT FROM matches NULL only to NULL, which a key holds at most once.
  assert.equal(keys('left', orders, customers, E.call('is_not_distinct_from', [E.col(1), E.col(3)], T.bool)), ['0', '0,3']);
  // lines (order_id#3, n#4, qty#5) has the composite key (order_id, n): pinning order_id alone is one-to-many.
  assert.equal(keys('left', orders, lines, eq(0, 3)), ['0,3,4']);
  assert.equal(keys('left', orders, lines, and(eq(0, 3), eq(2, 4))), ['0', '0,3,4']);
});

test('keys reach the join through projections and filters, and leave it through a projection keeping their columns', () => {
  const renamed: Rel = { kind: 'project', input: customers, exprs: [E.col(1), E.col(0)], names: ['name', 'cid'] };
  const join: Rel = { kind: 'join', type: 'left', left: orders, right: renamed, condition: eq(1, 4) };
  const kept: Rel = { kind: 'project', input: { kind: 'filter', input: join, condition: E.call('gt', [E.col(2), E.lit(T.int32, 0)], T.bool) }, exprs: [E.col(3), E.col(0)], names: ['name', 'order_id'] };
  // (order_id, cid) is a key of the join, but cid is projected away: order_id alone stays one.
  assert.equal(uniqueKeys(kept, declared), [[1]]);
  const dropped: Rel = { kind: 'project', input: join, exprs: [E.col(2), E.col(3)], names: ['amount', 'name'] };
  assert.equal(uniqueKeys(dropped, declared), []);
});

test.run();
