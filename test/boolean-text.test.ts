// One text → boolean table (src/ir/boolean-text.ts) behind every reader: the SQL front end's
// literal folding, the DuckDB macro and the SQLite shim give the same answer for the same
// strings — PostgreSQL's boolin (prefixes, 'on'/'of'/'off', 1/0, ASCII white space trimmed).
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { parseBoolText, T } from '../src/ir/index.ts';
import { openBackend, TypedValue } from '../src/backends/index.ts';
import { parseSelect } from '../src/sql/index.ts';
import { catalogOf } from '../src/run/compose/catalog.ts';

// What PostgreSQL 15 answers for `'<s>'::boolean` (error → undefined).
const CASES: ReadonlyArray<readonly [string, boolean | undefined]> = [
  ['t', true], ['TRUE', true], ['  tRu \t', true], ['y', true], ['ye', true], ['yes', true], ['on', true], ['ON', true], ['1', true],
  ['f', false], ['fal', false], ['False', false], ['n', false], ['no', false], ['of', false], ['off', false], ['0', false], ['\n0\r', false],
  ['o', undefined], ['', undefined], ['   ', undefined], ['tr ue', undefined], ['yess', undefined], ['2', undefined], ['01', undefined],
  ['\u00a0true', undefined], ['true\u2003', undefined], ['ｔｒｕｅ', undefined], ['truе', undefined],
];

test('parseBoolText reads PostgreSQL boolin words', () => {
  for (const [s, b] of CASES) assert.is(parseBoolText(s), b, JSON.stringify(s));
});

test('SQL front end, DuckDB and SQLite agree on every string', async () => {
  const duck = await openBackend('duckdb', { threads: 1 });
  const lite = await openBackend('sqlite', {});
  const schema = [{ name: 'b', type: T.bool, nullable: true }];
  const run = async (backend: typeof duck, sql: string, s: string): Promise<boolean | undefined> => {
    try {
      return (await backend.query(sql, [new TypedValue(T.utf8, s)], schema))[0]![0] as boolean;
    } catch {
      return undefined;
    }
  };
  const folded = (s: string): boolean | undefined => {
    try {
      const rel = parseSelect(`select cast('${s.replaceAll("'", "''")}' as boolean) as b`, { dialect: 'postgres', catalog: catalogOf(new Map()) });
      const lit = JSON.stringify(rel).match(/"kind":"lit","type":\{"kind":"bool"\},"value":(true|false)/);
      return lit ? lit[1] === 'true' : undefined;
    } catch {
      return undefined;
    }
  };
  for (const [s, b] of CASES) {
    const name = JSON.stringify(s);
    assert.is(await run(duck, 'SELECT relc_bool_text($1) AS b', s), b, `duckdb ${name}`);
    assert.is(await run(lite, 'SELECT relc_text_to_bool(?) AS b', s), b, `sqlite ${name}`);
    assert.is(folded(s), b, `front end ${name}`);
  }
  await duck.close();
  await lite.close();
});

test.run();
