// Determinism contracts of the rule language: a winner needs an explicit order
// (WINNER_WITHOUT_ORDER); an order that is not provably total gets every remaining column as a
// tiebreak and a NONDETERMINISTIC_ORDER warning (an error under profile strict); the kept rows
// are then the same on every engine and thread count.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { exprText, RelcError, type Rel } from '../src/ir/index.ts';
import { compileSpecText } from '../src/spec/index.ts';
import { runSpecFile } from '../src/run/execute/execute.ts';

const HEAD = `relc: 1
name: det
inputs:
  scores:
    path: scores.csv
    schema: { player: utf8, game: utf8, points: int32, at: date, tags: list<utf8>? }
  keyed:
    path: keyed.csv
    schema: { id: int64, player: utf8, points: int32 }
    key: [id]
rules:
`;

async function errorOf(text: string): Promise<string> {
  try {
    await compileSpecText(text, 'det.yaml');
  } catch (e) {
    assert.instance(e, RelcError);
    const err = e as RelcError;
    return `${err.location!.line}:${err.location!.col} ${err.code}: ${err.message}`;
  }
  return 'no error';
}

function winnerOf(rel: Rel): Extract<Rel, { kind: 'winner' }> {
  assert.is(rel.kind, 'winner');
  return rel as Extract<Rel, { kind: 'winner' }>;
}

function orderText(rel: Rel): string[] {
  const w = winnerOf(rel);
  const input = [{ name: 'player' }, { name: 'game' }, { name: 'points' }, { name: 'at' }, { name: 'tags' }] as never;
  return w.orderBy.map((k) => `${exprText(k.expr, input)} ${k.direction} nulls ${k.nulls}`);
}

test('WINNER_WITHOUT_ORDER: order_by missing (at the rule name) or empty (at the list)', async () => {
  assert.is(
    await errorOf(`${HEAD}  - name: w\n    kind: winner\n    from: scores\n    partition_by: [player]\n`),
    "12:11 WINNER_WITHOUT_ORDER: winner rule 'w' needs a non-empty order_by: without it the kept row is arbitrary",
  );
  assert.is(
    await errorOf(`${HEAD}  - name: w\n    kind: winner\n    from: scores\n    partition_by: [player]\n    order_by: []\n`),
    "16:15 WINNER_WITHOUT_ORDER: winner rule 'w' needs a non-empty order_by: without it the kept row is arbitrary",
  );
});

test('an order not covering a key gets every remaining orderable column as tiebreak, with a warning', async () => {
  const c = await compileSpecText(`${HEAD}  - { name: w, kind: winner, from: scores, partition_by: [player], order_by: ["points desc"] }\n`, 'det.yaml');
  assert.equal(orderText(c.program.views[0]!.rel), ['points#2 desc nulls first', 'game#1 asc nulls last', 'at#3 asc nulls last']);
  assert.equal(c.warnings.map((w) => `${w.location!.line}:${w.location!.col} ${w.code}: ${w.message}`), [
    "12:78 NONDETERMINISTIC_ORDER: winner rule 'w': order_by does not cover a declared key of scores, so ties are possible; breaking ties by game, at",
  ]);
});

test('no tiebreak and no warning when partition ∪ order covers a declared key or the group keys', async () => {
  const c = await compileSpecText(
    `${HEAD}  - { name: a, kind: winner, from: keyed, partition_by: [player], order_by: ["points desc", "id"] }
  - { name: g, kind: aggregate, from: scores, group_by: [player, game], measures: { best: "max(points)" } }
  - { name: b, kind: winner, from: g, partition_by: [player], order_by: ["best desc", "game"] }
  - { name: one, kind: winner, from: a, order_by: ["id"] }
`,
    'det.yaml',
  );
  assert.equal(c.warnings, []);
  for (const name of ['a', 'b', 'one']) {
    const v = c.program.views.find((x) => x.name === name)!;
    const w = winnerOf(v.rel);
    assert.is(w.orderBy.length, name === 'one' ? 1 : 2, name);
  }
});

test('profile strict turns the warning into a NONDETERMINISTIC_ORDER error', async () => {
  const text = `${HEAD.replace('name: det\n', 'name: det\nprofile: strict\n')}  - { name: w, kind: winner, from: scores, partition_by: [player], order_by: ["points desc"] }\n`;
  assert.is(
    await errorOf(text),
    "13:78 NONDETERMINISTIC_ORDER: winner rule 'w': order_by does not cover a declared key of scores, so ties are possible; add the remaining columns or declare a key",
  );
});

test('the tiebreak decides the kept row identically on DuckDB threads=1/4 and SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-det-'));
  // Every player has a tie on points; the tiebreak (game, then at) must pick the same row.
  const rows = ['player,game,points,at'];
  for (let p = 0; p < 40; p++) {
    for (const g of ['go', 'chess', 'bridge', 'poker']) rows.push(`p${p},${g},${p % 3 === 0 ? 10 : 7},2024-0${1 + (p % 9)}-1${p % 10}`);
  }
  writeFileSync(path.join(dir, 'scores.csv'), `${rows.join('\n')}\n`);
  const spec = path.join(dir, 'relc.yaml');
  writeFileSync(spec, `relc: 1
name: ties
inputs:
  scores:
    path: scores.csv
    schema: { player: utf8, game: utf8, points: int32, at: date }
rules:
  - { name: best, kind: winner, from: scores, partition_by: [player], order_by: ["points desc"] }
outputs:
  - { name: best, from: best, order_by: [player] }
`);
  const picks: string[] = [];
  for (const opts of [{ backend: 'duckdb' as const, threads: 1 }, { backend: 'duckdb' as const, threads: 4 }, { backend: 'sqlite' as const }]) {
    const r = await runSpecFile(spec, { ...opts, optimize: true, disable: [] });
    const out = r.outputs[0]!;
    assert.is(out.rows, 40);
    // The tiebreak is game ascending: 'bridge' wins every partition.
    assert.ok(out.data.every((row) => row[1] === 'bridge'), JSON.stringify(out.data.slice(0, 3)));
    picks.push(r.manifest.outputs[0]!.content_hash);
  }
  assert.is(new Set(picks).size, 1);
  rmSync(dir, { recursive: true });
});

const JOINS = `relc: 1
name: joins
inputs:
  orders:
    path: orders.csv
    schema: { id: int64, customer_id: int64?, amount: int32 }
    key: [id]
  customers:
    path: customers.csv
    schema: { id: int64, name: utf8, region: utf8 }
    key: [id]
rules:
  - { name: lines, kind: relate, left: orders, right: customers, join: left, on: "left.customer_id = right.id", select: { order_id: left.id, customer: right.name, region: right.region, amount: left.amount } }
  - { name: fanout, kind: relate, left: customers, right: orders, join: left, on: "left.id = right.customer_id", select: { customer_id: left.id, region: left.region, amount: right.amount } }
  - { name: mirrored, kind: relate, left: customers, right: orders, join: right, on: "left.id = right.customer_id", select: { order_id: right.id, name: left.name, region: left.region, amount: right.amount } }
  - { name: either, kind: relate, left: orders, right: customers, join: full, on: "left.customer_id = right.id", select: { order_id: left.id, customer: right.id, region: right.region, amount: left.amount } }
  - { name: loners, kind: relate, left: customers, right: orders, join: anti, on: "left.id = right.customer_id", select: { cid: left.id, name: left.name, region: left.region } }
`;

test('a relate keeps a key its join provably keeps: a winner ordered by it gets no tiebreak and no warning', async () => {
  const c = await compileSpecText(
    `${JOINS}  - { name: biggest, kind: winner, from: lines, partition_by: [region], order_by: ["amount desc", "order_id"] }
  - { name: first_order, kind: winner, from: mirrored, partition_by: [name], order_by: ["amount desc", "order_id"] }
  - { name: first_loner, kind: winner, from: loners, partition_by: [region], order_by: ["cid"] }
  - { name: pair, kind: winner, from: either, partition_by: [region], order_by: ["order_id", "customer"] }
`,
    'joins.yaml',
  );
  assert.equal(c.warnings, []);
  const orders = Object.fromEntries(c.program.views.filter((v) => v.rel.kind === 'winner').map((v) => [v.name, winnerOf(v.rel).orderBy.length]));
  assert.equal(orders, { biggest: 2, first_order: 2, first_loner: 1, pair: 2 });
});

test('a one-to-many join, or a full join\'s NULL-padded side, loses the key: the winner still warns and is tiebroken', async () => {
  const c = await compileSpecText(
    `${JOINS}  - { name: first_customer, kind: winner, from: fanout, partition_by: [region], order_by: ["customer_id"] }
  - { name: first_either, kind: winner, from: either, partition_by: [region], order_by: ["order_id"] }
`,
    'joins.yaml',
  );
  assert.equal(c.warnings.map((w) => `${w.location!.line}:${w.location!.col} ${w.code}: ${w.message}`), [
    "18:91 NONDETERMINISTIC_ORDER: winner rule 'first_customer': order_by does not cover a declared key of fanout, so ties are possible; breaking ties by amount",
    "19:89 NONDETERMINISTIC_ORDER: winner rule 'first_either': order_by does not cover a declared key of either, so ties are possible; breaking ties by customer, amount",
  ]);
});

test('a winner ordered by a key carried through a join keeps the same rows as one ordered by every column, on DuckDB threads=1/4 and SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-det-join-'));
  // Every region has ties on amount; some orders have no customer (NULL region), one customer id is unknown.
  const orders = ['id,customer_id,amount'];
  for (let i = 0; i < 200; i++) orders.push(`${(i * 37) % 211},${i % 11 === 0 ? '' : (i * 7) % 23},${(i % 4) * 10}`);
  const customers = ['id,name,region'];
  for (let c = 0; c < 22; c++) customers.push(`${c},c${c},r${c % 5}`);
  writeFileSync(path.join(dir, 'orders.csv'), `${orders.join('\n')}\n`);
  writeFileSync(path.join(dir, 'customers.csv'), `${customers.join('\n')}\n`);
  const spec = path.join(dir, 'relc.yaml');
  writeFileSync(spec, `${JOINS.replace('name: joins', 'name: join_ties')}  - { name: keyed, kind: winner, from: lines, partition_by: [region], order_by: ["amount desc", "order_id"], keep: 3 }
  # what relc wrote before keys crossed joins: the remaining column as tiebreak
  - { name: total, kind: winner, from: lines, partition_by: [region], order_by: ["amount desc", "order_id", "customer"], keep: 3 }
outputs:
  - { name: keyed, from: keyed }
  - { name: total, from: total }
`);
  assert.equal((await compileSpecText(readFileSync(spec, 'utf8'), spec)).warnings, []);
  const hashes: string[] = [];
  for (const opts of [{ backend: 'duckdb' as const, threads: 1 }, { backend: 'duckdb' as const, threads: 4 }, { backend: 'sqlite' as const }]) {
    const r = await runSpecFile(spec, { ...opts, optimize: true, disable: [] });
    const [keyed, total] = r.manifest.outputs;
    assert.is(keyed!.rows, 18); // regions r0..r4 and NULL, three rows each
    assert.is(keyed!.content_hash, total!.content_hash);
    hashes.push(keyed!.content_hash);
  }
  assert.is(new Set(hashes).size, 1);
  rmSync(dir, { recursive: true });
});

test.run();
