// Backend.query on both engines: empty results, and rows normalized to the schema.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { openBackend, BACKEND_KINDS } from '../src/backends/index.ts';
import { T, field } from '../src/ir/index.ts';

for (const kind of BACKEND_KINDS) {
  test(`${kind}: an empty result is zero rows, not an error`, async () => {
    const b = await openBackend(kind);
    try {
      const rows = await b.query('SELECT 1 AS a, 2 AS b WHERE 1 = 0', [], [field('a', T.int64), field('b', T.int64)]);
      assert.equal(rows, []);
      const one = await b.query('SELECT 1 AS a, 2 AS b', [], [field('a', T.int64), field('b', T.int64)]);
      assert.equal(one, [[1n, 2n]]);
    } finally {
      await b.close();
    }
  });
}

test.run();
