// SQL forms the front end expands into plain calls keep PostgreSQL's errors as well as its
// values (the values are checked against PostgreSQL in test/pg-oracle/probes-functions.sql).
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { T } from '../src/ir/index.ts';
import { openBackend } from '../src/backends/index.ts';
import { transpile } from '../src/run/compose/transpile-api.ts';


test('overlay from a start below 1 is the negative substring length error on DuckDB and SQLite, as on PostgreSQL', async () => {
  for (const kind of ['duckdb', 'sqlite'] as const) {
    const backend = await openBackend(kind, kind === 'duckdb' ? { threads: 1 } : {});
    // relc's SQLite session registers relc's functions, which this text calls (relc_substring).
    const opts = { from: 'postgres', to: kind, registeredFunctions: kind === 'sqlite' } as const;
    const sql = transpile("SELECT overlay(s placing 'X' from n) AS o FROM (SELECT 'abc' AS s, 0 AS n) AS p", opts).join(';\n');
    let failed: unknown;
    try {
      await backend.query(sql, [], [{ name: 'o', type: T.utf8, nullable: true }]);
    } catch (e) {
      failed = e;
    }
    assert.match(String((failed as Error | undefined)?.message), /negative substring length not allowed/, kind);
    const ok = transpile("SELECT overlay(s placing 'X' from n) AS o FROM (SELECT 'abc' AS s, 1 AS n) AS p", opts).join(';\n');
    assert.equal(await backend.query(ok, [], [{ name: 'o', type: T.utf8, nullable: true }]), [['Xbc']], kind);
    await backend.close();
  }
});

test.run();
