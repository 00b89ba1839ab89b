// Determinism of SQL constructs that keep or number rows by position (DESIGN §5): a LIMIT/OFFSET,
// DISTINCT ON or order-dependent window function over an order that is not provably total gets
// the remaining sortable columns as ascending NULLS LAST tiebreaks and a NONDETERMINISTIC_ORDER
// warning at its LIMIT / OVER; strict makes that an error there. Executed: the same rows on
// DuckDB threads=1 and 4 and SQLite.

import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { initHashing, relSexpr, RelcError, schemaOf, T, validateRel, type Rel, type Schema } from '../src/ir/index.ts';
import { lowerRel } from '../src/lower/sql/index.ts';
import { contentHash } from '../src/backends/canonical-rows.ts';
import { compileSpecText } from '../src/spec/index.ts';
import { parseSelect, type Catalog, type SourceDialect } from '../src/sql/index.ts';
import { openDuckDB, openSQLite, type Engine } from './lower-engines.ts';

const TABLES: Record<string, { schema: Schema; keys: string[][] }> = {
  t: {
    schema: [
      { name: 'g', type: T.int64, nullable: true },
      { name: 'id', type: T.int64, nullable: true },
      { name: 'v', type: T.utf8, nullable: true },
      { name: 'tags', type: T.list(T.utf8), nullable: true },
    ],
    keys: [],
  },
  k: {
    schema: [
      { name: 'id', type: T.int64, nullable: false },
      { name: 'g', type: T.int64, nullable: true },
      { name: 'v', type: T.utf8, nullable: true },
    ],
    keys: [['id']],
  },
  // A key over a nullable column: at most one NULL id (NULLs count as equal, as GROUP BY groups them).
  n: {
    schema: [
      { name: 'id', type: T.int64, nullable: true },
      { name: 'v', type: T.utf8, nullable: true },
    ],
    keys: [['id']],
  },
};

const catalog: Catalog = {
  resolve: (name) => (TABLES[name] ? { kind: 'scan', table: name, schema: TABLES[name]!.schema } : undefined),
  names: () => Object.keys(TABLES).sort(),
  keys: (name) => TABLES[name]?.keys ?? [],
};

interface Parsed {
  readonly rel: Rel;
  readonly warnings: string[];
}

function parse(sql: string, opts: { strict?: boolean; dialect?: SourceDialect } = {}): Parsed {
  const warnings: string[] = [];
  const rel = parseSelect(sql, { dialect: opts.dialect ?? 'postgres', catalog, strict: opts.strict ?? false, onWarning: (w) => warnings.push(`${w.location.line}:${w.location.col} ${w.code}: ${w.message}`) });
  validateRel(rel, { lowered: true });
  return { rel, warnings };
}

function strictError(sql: string, dialect: SourceDialect = 'postgres'): string {
  try {
    parse(sql, { strict: true, dialect });
  } catch (e) {
    assert.instance(e, RelcError);
    const err = e as RelcError;
    return `${err.location!.line}:${err.location!.col} ${err.code}: ${err.message}`;
  }
  return 'no error';
}

/** A construct that needs a tiebreak: the plan, the warning, and the strict error at the same place. */
function tiebroken(sql: string, plan: string, warning: string, dialect: SourceDialect = 'postgres'): void {
  const p = parse(sql, { dialect });
  assert.is(relSexpr(p.rel), plan, sql);
  assert.equal(p.warnings, [warning], sql);
  const [at, , ...rest] = warning.split(' ');
  const what = rest.join(' ').split('; breaking ties by ')[0];
  assert.is(strictError(sql, dialect), `${at} NONDETERMINISTIC_ORDER: ${what}; make the order total: add the remaining columns or order by a unique key`, sql);
}

/** A construct whose order is already total (or whose value ignores ties): unchanged, silent, accepted by strict. */
function untouched(sql: string, plan: string): void {
  const p = parse(sql);
  assert.is(relSexpr(p.rel), plan, sql);
  assert.equal(p.warnings, [], sql);
  assert.is(strictError(sql), 'no error', sql);
}

test('LIMIT without ORDER BY: every visible sortable column ascending (lists skipped), warning at LIMIT', () => {
  tiebroken(
    'select v, g, tags from t\nlimit 5',
    '(limit 5 (sort [v#0 asc nulls last, g#1 asc nulls last] (project [v := v#2, g := g#0, tags := tags#3] (scan t))))',
    '2:1 NONDETERMINISTIC_ORDER: LIMIT without ORDER BY keeps arbitrary rows; breaking ties by v, g',
  );
  // OFFSET alone, FETCH FIRST, MySQL's LIMIT offset, count: located at the clause's keyword.
  tiebroken('select g from t offset 3', '(limit all offset 3 (sort [g#0 asc nulls last] (project [g := g#0] (scan t))))', '1:17 NONDETERMINISTIC_ORDER: OFFSET without ORDER BY keeps arbitrary rows; breaking ties by g');
  tiebroken('select g from t fetch first 2 rows only', '(limit 2 (sort [g#0 asc nulls last] (project [g := g#0] (scan t))))', '1:17 NONDETERMINISTIC_ORDER: LIMIT without ORDER BY keeps arbitrary rows; breaking ties by g');
  tiebroken('select g from t limit 1, 2', '(limit 2 offset 1 (sort [g#0 asc nulls last] (project [g := g#0] (scan t))))', '1:17 NONDETERMINISTIC_ORDER: LIMIT without ORDER BY keeps arbitrary rows; breaking ties by g', 'mysql');
});

test('LIMIT over an ORDER BY with ties: the visible columns not ordered by follow (hidden ORDER BY columns are not added)', () => {
  tiebroken(
    'select id, v from t order by g desc, v limit 10',
    '(project [id := id#0, v := v#1] (limit 10 (sort [__order_1#2 desc nulls first, v#1 asc nulls last, id#0 asc nulls last] (project [id := id#1, v := v#2, __order_1 := g#0] (scan t)))))',
    '1:40 NONDETERMINISTIC_ORDER: the ORDER BY under LIMIT is not total, so which tied rows are kept is arbitrary; breaking ties by id',
  );
  // Set operations: the same rule over the result's columns.
  tiebroken(
    'select g, v from t union all select id, v from t order by 1 desc limit 2',
    '(limit 2 (sort [g#0 desc nulls first, v#1 asc nulls last] (union all (project [g := g#0, v := v#2] (scan t)) (project [id := id#1, v := v#2] (scan t)))))',
    '1:66 NONDETERMINISTIC_ORDER: the ORDER BY under LIMIT is not total, so which tied rows are kept is arbitrary; breaking ties by v',
  );
  // The lowered SQL carries the tiebreak.
  const lowered = lowerRel(parse('select id, v from t order by g desc, v limit 10').rel, 'sqlite').sql;
  assert.match(lowered, /\nORDER BY "t1"\."g" DESC NULLS FIRST, "t1"\."v" ASC NULLS LAST, "t1"\."id" ASC NULLS LAST\nLIMIT 10$/);
});

test('position functions (row_number, ntile, lag, lead) get every remaining input column, warning at OVER', () => {
  tiebroken(
    'select g, id from (select g, id, row_number() over (partition by g) as r from t) x where r = 1',
    "(project [g := g#0, id := id#1] (filter (equal r#2 '1'::int64) (project [g := g#0, id := id#1, r := __row_number#4] (window [__row_number := (row_number) over (partition by g#0 order by id#1 asc nulls last, v#2 asc nulls last)] (scan t)))))",
    "1:47 NONDETERMINISTIC_ORDER: the window of row_number has no ORDER BY, so its values depend on the engine's row order; breaking ties by id, v",
  );
  tiebroken(
    'select id, ntile(4) over (order by g) from t',
    '(project [id := id#1, ntile := __ntile#4] (window [__ntile := (ntile 4) over (order by g#0 asc nulls last, id#1 asc nulls last, v#2 asc nulls last)] (scan t)))',
    '1:21 NONDETERMINISTIC_ORDER: the window ORDER BY of ntile is not total, so tied rows get arbitrary values; breaking ties by id, v',
  );
  // A named window: located at each call's OVER; one warning per call.
  const p = parse('select id, lag(v) over w, lead(v, 2) over w from t window w as (partition by g order by id)');
  assert.is(
    relSexpr(p.rel),
    '(project [id := id#1, lag := __lag#4, lead := __lead#5] (window [__lag := (lag v#2) over (partition by g#0 order by id#1 asc nulls last, v#2 asc nulls last), __lead := (lead v#2 2) over (partition by g#0 order by id#1 asc nulls last, v#2 asc nulls last)] (scan t)))',
  );
  assert.equal(p.warnings, [
    '1:19 NONDETERMINISTIC_ORDER: the window ORDER BY of lag is not total, so tied rows get arbitrary values; breaking ties by v',
    '1:38 NONDETERMINISTIC_ORDER: the window ORDER BY of lead is not total, so tied rows get arbitrary values; breaking ties by v',
  ]);
  // Position functions ignore frames: a RANGE frame (which would not take more keys) is dropped.
  assert.is(
    relSexpr(parse('select id, row_number() over (order by g range between 1 preceding and current row) from t').rel),
    '(project [id := id#1, row_number := __row_number#4] (window [__row_number := (row_number) over (order by g#0 asc nulls last, id#1 asc nulls last, v#2 asc nulls last)] (scan t)))',
  );
});

test('first_value/last_value keep their frame meaning; aggregates only over ROWS frames', () => {
  // No ORDER BY: the whole partition is the frame, kept explicit under the tiebreak.
  tiebroken(
    'select id, first_value(v) over (partition by g) from t',
    '(project [id := id#1, first_value := __first_value#4] (window [__first_value := (first_value v#2) over (partition by g#0 order by id#1 asc nulls last, v#2 asc nulls last rows between unbounded preceding and unbounded following)] (scan t)))',
    "1:27 NONDETERMINISTIC_ORDER: the window of first_value has no ORDER BY, so its values depend on the engine's row order; breaking ties by id, v",
  );
  // The default frame ends at the current row's last peer: the peer group's last row under the tiebreak.
  tiebroken(
    'select id, last_value(v) over (partition by g order by id) from t',
    '(project [id := id#1, last_value := __last_value#4] (window [__last_value := (last_value v#2) over (partition by g#0, id#1 order by v#2 asc nulls last rows between unbounded preceding and unbounded following)] (scan t)))',
    '1:26 NONDETERMINISTIC_ORDER: the window ORDER BY of last_value is not total, so tied rows get arbitrary values; breaking ties by v',
  );
  tiebroken(
    'select id, sum(id) over (partition by g order by v rows between 1 preceding and current row) from t',
    '(project [id := id#1, sum := __sum#4] (window [__sum := (sum id#1) over (partition by g#0 order by v#2 asc nulls last, id#1 asc nulls last rows between 1 preceding and current row)] (scan t)))',
    '1:20 NONDETERMINISTIC_ORDER: the window ORDER BY of sum is not total, so tied rows get arbitrary values; breaking ties by id',
  );
  // An offset bound at the end first_value reads: no rewrite keeps the frame, so an error even without strict.
  for (const [sql, at] of [['select id, first_value(v) over (order by g range between 1 preceding and current row) from t', '1:27'], ['select id, last_value(v) over (order by g range between current row and 2 following) from t', '1:26']] as const) {
    const fn = sql.includes('first') ? 'first_value' : 'last_value';
    const expected = `${at} NONDETERMINISTIC_ORDER: ${fn} over this RANGE frame depends on how tied rows are ordered, and relc cannot break the ties without changing the frame; make the window's ORDER BY total`;
    assert.is(strictError(sql), expected);
    try {
      parse(sql);
      assert.unreachable(sql);
    } catch (e) {
      assert.is((e as RelcError).code, 'NONDETERMINISTIC_ORDER');
    }
  }
});

test('DISTINCT ON: a non-total ORDER BY gets tiebreaks; none at all stays an error', () => {
  tiebroken(
    'select distinct on (g) g, v from t order by g, id',
    '(project [g := g#0, v := v#1] (sort [g#0 asc nulls last, __order_1#2 asc nulls last] (winner keep=1 partition [g#0] order [g#0 asc nulls last, __order_1#2 asc nulls last, v#1 asc nulls last] (project [g := g#0, v := v#2, __order_1 := id#1] (scan t)))))',
    '1:1 NONDETERMINISTIC_ORDER: the ORDER BY of DISTINCT ON is not total, so which tied row is kept is arbitrary; breaking ties by v',
  );
  try {
    parse('select distinct on (g) g, v from t');
    assert.unreachable();
  } catch (e) {
    assert.is((e as RelcError).code, 'NONDETERMINISTIC_ORDER');
  }
});

test('no tiebreak and no warning where ties are impossible or harmless', () => {
  // ORDER BY without LIMIT: outputs are ordered canonically anyway.
  untouched('select id, v from t order by v', '(sort [v#1 asc nulls last] (project [id := id#1, v := v#2] (scan t)))');
  // Every visible column ordered by; a distinct result ordered by all its columns.
  untouched('select distinct g, v from t order by g, v limit 3', '(limit 3 (sort [g#0 asc nulls last, v#1 asc nulls last] (distinct (project [g := g#0, v := v#2] (scan t)))))');
  // A declared key (catalog keys), kept through a join that pins the other side's key, and group keys.
  untouched('select id, row_number() over (order by id) from k', '(project [id := id#0, row_number := __row_number#3] (window [__row_number := (row_number) over (order by id#0 asc nulls last)] (scan k)))');
  untouched(
    'select a.id, b.v from k a join k b on b.id = a.g order by a.id limit 3',
    '(limit 3 (sort [id#0 asc nulls last] (project [id := id#0, v := v#5] (join inner (equal id#3 g#1) (scan k) (scan k)))))',
  );
  untouched('select g, count(*) from t group by g order by g limit 3', '(limit 3 (sort [g#0 asc nulls last] (project [g := g#0, count := count#1] (aggregate group [g := g#0] measures [count := (count *)] (scan t)))))');
  // At most one row; LIMIT 0.
  untouched('select count(*) from t limit 1', '(limit 1 (project [count := count#0] (aggregate group [] measures [count := (count *)] (scan t))))');
  untouched('select v from t limit 0', '(limit 0 (project [v := v#2] (scan t)))');
  // Peer functions give tied rows equal values; aggregates over RANGE frames see whole peer groups;
  // first_value of a partition column is the same for every candidate row.
  untouched(
    'select id, rank() over (order by g), dense_rank() over (order by g), percent_rank() over (order by g), cume_dist() over (order by g), sum(id) over (partition by g order by v), first_value(g) over (partition by g order by v) from t',
    '(project [id := id#1, rank := __rank#4, dense_rank := __dense_rank#5, percent_rank := __percent_rank#6, cume_dist := __cume_dist#7, sum := __sum#8, first_value := __first_value#9] (window [__rank := (rank) over (order by g#0 asc nulls last), __dense_rank := (dense_rank) over (order by g#0 asc nulls last), __percent_rank := (percent_rank) over (order by g#0 asc nulls last), __cume_dist := (cume_dist) over (order by g#0 asc nulls last), __sum := (sum id#1) over (partition by g#0 order by v#2 asc nulls last), __first_value := (first_value g#0) over (partition by g#0 order by v#2 asc nulls last)] (scan t)))',
  );
});

test('a full join keeps the pair of side keys only where one of its columns cannot be NULL', () => {
  // k.id is never NULL: it is NULL exactly in the rows padded on the left, so (a.id, b.id) stays a key.
  untouched(
    'select a.id, b.id, a.v from k a full join k b on a.id = b.g order by a.id, b.id limit 3',
    '(limit 3 (sort [id#0 asc nulls last, id_1#1 asc nulls last] (project [id := id#0, id_1 := id#3, v := v#2] (join full (equal id#0 g#4) (scan k) (scan k)))))',
  );
  // n.id may be NULL on both sides: a left row padded on the right and a right row padded on the left can both be (NULL, NULL).
  tiebroken(
    'select a.id, b.id, a.v from n a full join n b on a.id = b.id order by a.id, b.id limit 3',
    '(limit 3 (sort [id#0 asc nulls last, id_1#1 asc nulls last, v#2 asc nulls last] (project [id := id#0, id_1 := id#2, v := v#1] (join full (equal id#0 id#2) (scan n) (scan n)))))',
    '1:82 NONDETERMINISTIC_ORDER: the ORDER BY under LIMIT is not total, so which tied rows are kept is arbitrary; breaking ties by v',
  );
});

test('warnings arrive in source order, each once, and only for a query that translates', () => {
  const p = parse('select id, row_number() over (partition by g) from (select * from t limit 5) s\nlimit 2');
  assert.equal(
    p.warnings.map((w) => w.split(' ')[0]),
    ['1:25', '1:69', '2:1'],
  );
  const seen: string[] = [];
  try {
    parseSelect('select id from t limit 2 union select nope from t', { dialect: 'postgres', catalog, onWarning: (w) => seen.push(w.message) });
  } catch (e) {
    assert.is((e as RelcError).code, 'SQL_PARSE_ERROR');
  }
  try {
    parseSelect('select id, nope from (select id from t limit 2) s', { dialect: 'postgres', catalog, onWarning: (w) => seen.push(w.message) });
  } catch (e) {
    assert.is((e as RelcError).code, 'UNKNOWN_COLUMN');
  }
  assert.equal(seen, []);
});

// ---- Execution: 50,000 rows stored out of id order, where ties make engines differ ----

const N = 50_000;
const BIG: Schema = [
  { name: 'g', type: T.int64, nullable: false },
  { name: 'id', type: T.int64, nullable: false },
  { name: 'v', type: T.utf8, nullable: false },
];
const bigCatalog: Catalog = { resolve: (n) => (n === 'big' ? { kind: 'scan', table: 'big', schema: BIG } : undefined), names: () => ['big'] };
// Row i: g = i mod 500, id = 7919·i mod N (a permutation, so storage order is not id order), v = 'v' || i mod 7.
const rowsJs = Array.from({ length: N }, (_, i) => ({ g: i % 500, id: (i * 7919) % N, v: `v${i % 7}` }));

async function loadBig(e: Engine): Promise<void> {
  await e.exec('CREATE TABLE big (g BIGINT NOT NULL, id BIGINT NOT NULL, v VARCHAR NOT NULL)');
  const gen = e.dialect === 'sqlite' ? `WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < ${N - 1}) SELECT i FROM r` : `SELECT range AS i FROM range(${N})`;
  await e.exec(`INSERT INTO big SELECT i % 500, (i * 7919) % ${N}, 'v' || (i % 7) FROM (${gen}) s ORDER BY i`);
}

const show = (rows: readonly (readonly unknown[])[]) => rows.map((r) => r.map(String).join('|')).sort();

test('the reviewer query and friends: same content hash on DuckDB threads=1 and 4 and SQLite, equal to the expected rows', async () => {
  await initHashing();
  const engines = [await openDuckDB(1), await openDuckDB(4), await openSQLite()];
  try {
    for (const e of engines) await loadBig(e);
    const byG = new Map<number, number>();
    for (const r of rowsJs) byG.set(r.g, Math.min(byG.get(r.g) ?? Infinity, r.id));
    const peerMax = new Map<string, number>();
    for (const r of rowsJs) peerMax.set(`${r.g}|${r.v}`, Math.max(peerMax.get(`${r.g}|${r.v}`) ?? -1, r.id));
    const byV = [...rowsJs].sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.id - b.id));
    const cases: [string, string[]][] = [
      // The tiebreak numbers each partition by id: the first row is the smallest id of its g.
      ['select g, id from (select g, id, row_number() over (partition by g) as r from big) x where r = 1', show([...byG].map(([g, id]) => [g, id]))],
      // last_value over the default frame: the last row of the peer group (g, v) under the tiebreak, its largest id.
      ['select g, v, id, last_value(id) over (partition by g order by v) as lv from big', show(rowsJs.map((r) => [r.g, r.v, r.id, peerMax.get(`${r.g}|${r.v}`)]))],
      ['select id, v from big order by v limit 10 offset 5', show(byV.slice(5, 15).map((r) => [r.id, r.v]))],
    ];
    for (const [sql, expected] of cases) {
      const rel = parseSelect(sql, { dialect: 'postgres', catalog: bigCatalog });
      const schema = schemaOf(rel);
      const hashes: string[] = [];
      for (const e of engines) {
        const res = await e.run(lowerRel(rel, e.dialect), schema);
        assert.equal(show(res.rows), expected, `${sql} on ${e.dialect}`);
        hashes.push(contentHash(schema, res.rows));
      }
      assert.is(new Set(hashes).size, 1, `${sql}: ${hashes.join(' ')}`);
    }
  } finally {
    for (const e of engines) await e.close();
  }
});

test('a kind: sql rule: the warning is the pack\'s (at its file:line:col); strict makes it an error; a declared key needs none', async () => {
  const pack = (profile: string, sql: string) => `relc: 1
name: p
profile: ${profile}
inputs:
  scores:
    path: scores.csv
    schema: { player: utf8, points: int32 }
  keyed:
    path: keyed.csv
    schema: { id: int64, points: int32 }
    key: [id]
rules:
  - { name: top, kind: sql, sql: "${sql}" }
outputs:
  - { name: top, from: top }
`;
  const c = await compileSpecText(pack('default', 'select player, points from scores limit 2'), 'p.yaml');
  assert.equal(c.warnings.map((w) => `${w.location!.file}:${w.location!.line}:${w.location!.col} ${w.code}: ${w.message}`), [
    'p.yaml:13:69 NONDETERMINISTIC_ORDER: LIMIT without ORDER BY keeps arbitrary rows; breaking ties by player, points',
  ]);
  assert.is(relSexpr(c.program.views[0]!.rel), '(limit 2 (sort [player#0 asc nulls last, points#1 asc nulls last] (project [player := player#0, points := points#1] (scan scores))))');
  try {
    await compileSpecText(pack('strict', 'select player, points from scores limit 2'), 'p.yaml');
    assert.unreachable('strict accepted a LIMIT without ORDER BY');
  } catch (e) {
    assert.instance(e, RelcError);
    const err = e as RelcError;
    assert.is(`${err.location!.line}:${err.location!.col} ${err.code}`, '13:69 NONDETERMINISTIC_ORDER');
  }
  const keyed = await compileSpecText(pack('strict', 'select id, points from keyed order by id limit 2'), 'p.yaml');
  assert.equal(keyed.warnings, []);
});

test.run();
