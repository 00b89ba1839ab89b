// Determinism contracts of the rule language: a winner needs an explicit order
// (WINNER_WITHOUT_ORDER); an order that is not provably total gets every remaining column as a
// tiebreak and a NONDETERMINISTIC_ORDER warning (an error under profile strict); the kept rows
// are then the same on every engine and thread count.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
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

test.run();
