// LIKE prints ESCAPE only where it changes the meaning: DuckDB plans LIKE … ESCAPE with its
// general matcher (about ×10 slower than its prefix/suffix/contains rewrites, bench/CONTEXT.md),
// so a literal pattern holding neither the escape character nor a backslash goes without it.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { T } from '../src/ir/index.ts';
import { openBackend } from '../src/backends/index.ts';
import { transpile } from '../src/run/compose/transpile-api.ts';

const WORDS = "(VALUES ('special requests'), ('a\\b'), ('a%b'), ('ab'), ('xspecialyrequestsz')) AS v(w)";

const cases: ReadonlyArray<readonly [predicate: string, escape: boolean, matches: readonly string[]]> = [
  ["w LIKE '%special%requests%'", false, ['special requests', 'xspecialyrequestsz']],
  ["w NOT LIKE 'a_b'", false, ['special requests', 'ab', 'xspecialyrequestsz']],
  ["w LIKE 'a\\%b'", true, ['a%b']],
  ["w LIKE 'a!%b' ESCAPE '!'", true, ['a%b']],
  ["w LIKE 'a\\b' ESCAPE '!'", true, ['a\\b']],
  ["w ILIKE '%REQUESTS'", false, ['special requests']],
];

test('ESCAPE is printed only for a pattern that holds the escape character or a backslash; the rows are PostgreSQL’s', async () => {
  for (const kind of ['duckdb', 'sqlite'] as const) {
    const backend = await openBackend(kind, kind === 'duckdb' ? { threads: 1 } : {});
    for (const [predicate, escape, matches] of cases) {
      const sql = transpile(`SELECT w FROM ${WORDS} WHERE ${predicate} ORDER BY w`, { from: 'postgres', to: kind }).join(';\n');
      if (kind === 'duckdb') assert.is(/ ESCAPE '/.test(sql), escape, `${predicate}: ${sql}`);
      const rows = await backend.query(sql, [], [{ name: 'w', type: T.utf8, nullable: true }]);
      assert.equal(rows.map((r) => r[0]), [...matches].sort(), `${kind}: ${predicate}`);
    }
    await backend.close();
  }
  // PostgreSQL's own text keeps its default escape (backslash) wherever the pattern has one.
  assert.not.match(transpile("SELECT 1 WHERE 'x' LIKE '%x%'", { from: 'postgres', to: 'postgres' }).join(''), /ESCAPE/);
  assert.match(transpile("SELECT 1 WHERE 'x' LIKE 'x\\%'", { from: 'postgres', to: 'postgres' }).join(''), /ESCAPE '\\'/);
});

test.run();
