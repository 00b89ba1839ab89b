// `transpile --to sqlite` text runs on a bare better-sqlite3 connection (no function of relc's
// registered): PostgreSQL's overflow errors are raised by plain SQLite (json_extract's path error,
// in the CASE arm the check takes), checked arithmetic over expressions binds its operands once in
// a scalar subquery, sum(bigint) is SQLite's own; what plain SQLite cannot give PostgreSQL's
// semantics for is BACKEND_UNSUPPORTED naming the construct and the target, unless the caller says
// the connection registers relc's functions (registeredFunctions / --registered-functions).
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { registerSqliteFunctions, transpile } from '../src/index.ts';
import { refuseShimCalls, shimsCalled } from '../src/run/compose/standalone.ts';
import { E, field, isRelcError, REGISTRY, resolveCall, T, typeToString, type DataType, type Expr, type Rel } from '../src/ir/index.ts';
import { lowerRel, quoteIdent, SQLITE, SQLITE_STANDALONE } from '../src/lower/sql/index.ts';
import { sqliteTypeName } from '../src/backends/index.ts';
import { failure } from './support/failure.ts';

const schema = { t: { id: 'int64', a: 'int64', c: 'int32', s: 'utf8?', p: 'utf8?' } };
const ROWS = [
  [1, 1, 2, 'x', 'x%'],
  [2, 9223372036854775807n, 2147483647, 'Straße', '%a%'],
  [3, 4611686018427387904n, -2147483648, null, null],
  [4, -7, 0, 'ß', '_'],
] as const;

function bare(): Database.Database {
  const db = new Database(':memory:');
  db.defaultSafeIntegers(true);
  db.exec('CREATE TABLE t (id INTEGER NOT NULL, a INTEGER NOT NULL, c INTEGER NOT NULL, s TEXT, p TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
  for (const r of ROWS) insert.run(...r);
  return db;
}

const one = (sql: string, opts: Parameters<typeof transpile>[1] = {}): string => transpile(sql, { from: 'postgres', to: 'sqlite', schema, ...opts })[0]!;

/** Rows of `text` on a bare connection, integers as text. */
function run(text: string, db: Database.Database = bare()): string[][] {
  try {
    return (db.prepare(text).raw(true).all() as unknown[][]).map((r) => r.map((v) => (v === null ? 'NULL' : String(v))));
  } finally {
    db.close();
  }
}

/** The error a bare connection raises running `text`. */
function runError(text: string): string {
  try {
    run(text);
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
  return 'no error';
}

test('integer arithmetic is plain SQLite and raises PostgreSQL\'s overflow errors on a bare connection', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['select a + 1 from t where id = 2', 'bigint out of range'],
    ['select c * 2 from t where id = 2', 'integer out of range'],
    ['select -c from t where id = 3', 'integer out of range'],
    ['select abs(c) from t where id = 3', 'integer out of range'],
    ['select c - 1 from t where id = 3', 'integer out of range'],
    ['select (a + 1) * 2 from t where id = 3', 'bigint out of range'], // a shim in relc's session: here a bound subquery
    ['select (c + 0) * (c + 0) from t where id = 2', 'integer out of range'],
    ['select (a / 1) * 2 from t where id = 3', 'bigint out of range'],
  ];
  for (const [sql, message] of cases) {
    const text = one(sql);
    assert.equal(shimsCalled(text), [], text);
    assert.is(runError(text), `SQLITE_ERROR: bad JSON path: '${message}'`, text);
  }
  // Rows that do not overflow are PostgreSQL's (integer division truncates, x / 0 is NULL).
  assert.equal(run(one('select id, (a + 1) * 2, c / 2, (c + 1) / (c - 0), -c, abs(a - 10) from t where id in (1, 4) order by id')), [
    ['1', '4', '1', '1', '-2', '9'],
    ['4', '-12', '0', 'NULL', '0', '17'],
  ]);
});

test("chr(0) raises PostgreSQL's error in plain SQLite; sum(bigint) is SQLite's sum, which raises past int64", () => {
  assert.equal(run(one('select chr(c + 65) from t where id = 4')), [['A']]);
  assert.is(runError(one('select chr(c) from t where id = 4')), "SQLITE_ERROR: bad JSON path: 'null character not permitted'");
  const sum = one('select sum(a) from t where id <> 2');
  assert.equal(shimsCalled(sum), []);
  assert.equal(run(sum), [['4611686018427387898']]);
  // Past int64 PostgreSQL's numeric sum goes on; SQLite's raises (never another result).
  assert.is(runError(one('select sum(a) from t')), 'SQLITE_ERROR: integer overflow');
});

/** Constructs plain SQLite cannot give PostgreSQL's semantics: the code, the message, and the shim. */
const REFUSED: readonly (readonly [string, string, string])[] = [
  ['select upper(s) from t', 'upper', 'relc_upper'],
  ['select lower(s) from t', 'lower', 'relc_lower'],
  ["select s ~ 'a.' from t", 'regexp_like', 'relc_regexp_like'],
  ["select regexp_replace(s, 'a', 'b') from t", 'regexp_replace', 'relc_regexp_replace'],
  ['select cast(cast(id as text) as int) from t', 'CAST(utf8 AS int32)', 'relc_text_to_int'],
  ['select md5(s) from t', 'md5', 'relc_md5'],
];
const HINT = "if the connection registers relc's functions (registerSqliteFunctions(db) from 'relc'), say so with registeredFunctions: true / --registered-functions";

test('a construct needing relc\'s JS functions is BACKEND_UNSUPPORTED naming it and the target (default and prelude: false)', async () => {
  for (const [sql, construct, shim] of REFUSED) {
    for (const opts of [{}, { prelude: false }, { prelude: false, registeredFunctions: true }]) {
      const e = await failure(() => one(sql, opts));
      assert.is(e.code, 'BACKEND_UNSUPPORTED', `${sql} ${JSON.stringify(opts)}`);
      assert.is(e.message, `${construct} (plain SQLite has no form of it with PostgreSQL's semantics: relc renders it with its JS function ${shim}; ${HINT}) is not supported on sqlite`);
      assert.is(e.details?.['dialect'], 'sqlite');
    }
  }
  // Constructs of the dialect's own templates are named too.
  for (const [sql, construct, shim] of [
    ['select s like p from t', 'LIKE with a pattern that is not a literal', 'relc_like'],
    ['select stable_id(id) from t', 'stable_id (SHA-256)', 'relc_sha256_128'],
  ] as const) {
    const e = await failure(() => one(sql));
    assert.is(e.code, 'BACKEND_UNSUPPORTED');
    assert.is(e.message, `${construct} is not supported on sqlite: plain sqlite has no form of it with PostgreSQL's semantics (relc renders it with its JS function ${shim}); ${HINT}`);
    assert.equal(e.details?.['shims'], [shim]);
  }
  // A literal that spells a shim call is data, not a call.
  assert.equal(run(one("select 'relc_upper(x)' as v from t where id = 1")), [['relc_upper(x)']]);
});

test('registeredFunctions: the text may call relc\'s functions, names them in a header, and runs where they are registered', () => {
  for (const [sql] of REFUSED) {
    const text = one(sql, { registeredFunctions: true });
    const shims = shimsCalled(text);
    assert.ok(shims.length > 0, sql);
    assert.match(text, `-- relc: this sqlite text calls relc's functions ${shims.join(', ')}: register them first with registerSqliteFunctions(db) from 'relc'\n`);
    assert.match(runError(text), /^SQLITE_ERROR: no such function: relc_/, sql); // a bare connection lacks them
    const db = bare();
    registerSqliteFunctions(db);
    assert.ok(run(text, db).length === ROWS.length, sql);
  }
  // PostgreSQL's Unicode case mapping, which plain SQLite's upper (ASCII only) lacks.
  const db = bare();
  registerSqliteFunctions(db);
  assert.equal(run(one('select upper(s) from t where id = 2', { registeredFunctions: true }), db), [['STRAßE']]);
});

// Every registry function, each signature (the first concrete type of each argument pattern),
// over columns and over expressions (where relc's session would call a checked shim to evaluate
// an argument once): plain SQLite that a bare connection prepares, or BACKEND_UNSUPPORTED
// naming the function. The tally is what README's transpiler section reports.
const REGISTRY_TYPES: readonly DataType[] = [T.int32, T.int64, T.float64, T.decimal(12, 2), T.utf8, T.bool, T.date, T.timestamp, T.binary, T.list(T.int64), T.list(T.utf8)];
const FIRST_CHOICE: Readonly<Record<string, DataType>> = {
  any: T.int64, numeric: T.int64, integer: T.int64, string: T.utf8, temporal: T.date, comparable: T.int64, list: T.list(T.int64),
};
const registryColumn = (t: DataType): string => `c_${typeToString(t).replace(/[^a-z0-9]+/g, '_')}`;

test('every registry function is plain SQLite a bare connection prepares, or BACKEND_UNSUPPORTED naming it', () => {
  const schema = [field('k', T.int64), ...REGISTRY_TYPES.map((t) => field(registryColumn(t), t, true))];
  const db = new Database(':memory:');
  db.defaultSafeIntegers(true);
  db.exec(`CREATE TABLE relc_registry (${schema.map((f) => `${quoteIdent(f.name, 'sqlite')} ${sqliteTypeName(f.type)}`).join(', ')})`);
  const input: Rel = { kind: 'scan', table: 'relc_registry', schema };
  const colOf = (t: DataType): Expr => E.col(1 + REGISTRY_TYPES.findIndex((x) => typeToString(x) === typeToString(t)));
  const failures: string[] = [];
  const plain = new Set<string>();
  const refused = new Set<string>();
  const shimsPlain = new Set<string>(); // shims relc's session text calls where the plain text runs without them
  const shimsRefused = new Set<string>();
  for (const def of REGISTRY.values()) {
    for (const sig of def.signatures) {
      const args = [...sig.args, ...(sig.variadic ? [sig.variadic] : [])].map((p) => FIRST_CHOICE[p] ?? (T as unknown as Record<string, DataType>)[p]!);
      if (args.some((t) => t === undefined || !REGISTRY_TYPES.some((x) => typeToString(x) === typeToString(t)))) continue; // intervals: no SQLite column type
      let type: DataType;
      try {
        type = resolveCall(def.name, args).returns;
      } catch {
        continue; // a combination the signature's own rules reject
      }
      // Columns, then the same columns under coalesce(x, x): not simple arguments.
      for (const wrapped of [false, true]) {
        const cols = args.map((t) => (wrapped ? E.call('coalesce', [colOf(t), colOf(t)], t) : colOf(t)));
        const rel: Rel = def.kind === 'scalar'
          ? { kind: 'project', input, exprs: [E.call(def.name, cols, type)], names: ['x'] }
          : def.kind === 'aggregate'
            ? { kind: 'aggregate', input, groupBy: [], measures: [{ fn: def.name, args: cols, distinct: false, type }], names: ['x'] }
            : { kind: 'window', input, functions: [{ fn: def.name, args: cols, distinct: false, partitionBy: [], orderBy: [E.asc(E.col(0))], type }], names: ['x'] };
        const label = `${def.name}(${args.map(typeToString).join(', ')})${wrapped ? ' over expressions' : ''}`;
        let session: string[];
        try {
          session = shimsCalled(lowerRel(rel, SQLITE).sql);
        } catch {
          continue; // not expressible on SQLite at all (recorded by test/lower-*.test.ts)
        }
        let sql: string;
        try {
          sql = lowerRel(rel, SQLITE_STANDALONE).sql;
          refuseShimCalls(sql, 'sqlite');
        } catch (e) {
          if (isRelcError(e) && e.code === 'BACKEND_UNSUPPORTED' && (e.message.includes(def.name) || e.message.includes('CAST(') || e.details?.['shims'] !== undefined)) {
            refused.add(def.name);
            for (const x of session) shimsRefused.add(x);
          } else failures.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
          continue;
        }
        try {
          db.prepare(sql); // SQLite resolves every function when it prepares: an unknown one fails here
          plain.add(def.name);
          for (const x of session) shimsPlain.add(x);
        } catch (e) {
          failures.push(`${label}: ${(e as Error).message}\n${sql}`);
        }
      }
    }
  }
  db.close();
  assert.equal(failures, []);
  const inlined = [...shimsPlain].sort();
  console.log(`  plain SQLite: ${[...plain].filter((f) => !refused.has(f)).length} functions always, ${[...plain].filter((f) => refused.has(f)).length} for some signatures or arguments, ${[...refused].filter((f) => !plain.has(f)).length} refused; shims replaced by plain SQL: ${inlined.join(', ')}; shims only in refused texts: ${[...shimsRefused].filter((x) => !shimsPlain.has(x)).length}`);
  for (const shim of ['relc_out_of_range', 'relc_sum_i64', 'relc_add_i64', 'relc_mul_i64', 'relc_neg_i64', 'relc_abs_i64', 'relc_substring']) assert.ok(inlined.includes(shim), shim);
  for (const fn of ['upper', 'lower', 'regexp_replace', 'md5']) assert.ok(refused.has(fn) && !plain.has(fn), fn);
});

test.run();
