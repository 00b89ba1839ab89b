// relc inside a host program's own engine (attachBackend): a DuckDB instance or connection, or a
// better-sqlite3 database. The run's results equal a run on relc's own engine; the views are
// tables the host reads; inputs may be host tables; close() removes what relc made and puts the
// host's settings back, leaving its engine open and its own tables untouched.

import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { attachBackend } from '../src/backends/index.ts';
import { runSpecFile } from '../src/run/execute/execute.ts';
import { failure } from './support/failure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = path.join(ROOT, 'examples/quickstart/relc.yaml');
const PEOPLE = path.join(ROOT, 'examples/quickstart/data/people.csv');
const hashes = (r: Awaited<ReturnType<typeof runSpecFile>>) => r.manifest.outputs.map((o) => [o.name, o.rows, o.content_hash]);
const run = (backend: 'duckdb' | 'sqlite', extra: object = {}) => runSpecFile(SPEC, { backend, optimize: true, disable: [], ...extra });

test('DuckDB instance: views in relc\'s schema, a host table as input, equal results, everything gone on close', async () => {
  const own = await run('duckdb');
  const host = await DuckDBInstance.create(':memory:');
  const c = await host.connect();
  // The host's people (an input read by name) and a table of its own named like a view of the pack.
  await c.run(`CREATE TABLE main.staff AS SELECT * FROM read_csv($1, header = true, columns = {'id': 'BIGINT', 'name': 'VARCHAR', 'team_id': 'BIGINT', 'score': 'DOUBLE', 'joined': 'DATE'})`, [PEOPLE]);
  await c.run('CREATE TABLE main.team_sizes AS SELECT 42 AS mine');
  const engine = await attachBackend({ duckdb: host, schema: 'relc_run' });
  const embedded = await run('duckdb', { engine, tables: { people: 'main.staff' } });
  assert.equal(hashes(embedded), hashes(own));
  assert.equal(embedded.manifest.inputs.find((i) => i.name === 'people'), { name: 'people', path: 'table:main.staff', bytes: 0, blake3: '' });
  assert.is(embedded.manifest.envelope['host_namespace'], 'relc_run');
  // Every view is a table the host reads, while relc is attached.
  for (const v of embedded.manifest.views) {
    const n = (await c.runAndReadAll(`SELECT count(*) FROM relc_run."${v.name}"`)).getRows()[0]![0];
    assert.is(Number(n), v.rows, v.name);
  }
  assert.equal((await c.runAndReadAll('SELECT * FROM main.team_sizes')).getRows(), [[42]]);
  await engine.close();
  const left = (await c.runAndReadAll("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'relc_run'")).getRows()[0]![0];
  assert.is(Number(left), 0);
  assert.equal((await c.runAndReadAll("SELECT count(*) FROM duckdb_functions() WHERE function_name LIKE 'relc_%'")).getRows(), [[0n]]);
  assert.equal((await c.runAndReadAll("SELECT current_setting('disabled_optimizers')")).getRows(), [['']]);
  assert.equal((await c.runAndReadAll('SELECT count(*) FROM main.staff')).getRows(), [[8n]]); // the host's table, untouched
  c.closeSync();
  host.closeSync();
});

test('DuckDB connection: the host\'s search path comes back; keep leaves the views as tables', async () => {
  const host = await DuckDBInstance.create(':memory:');
  const c = await host.connect();
  const engine = await attachBackend({ duckdb: c, schema: 'cpg', keep: true });
  const r = await run('duckdb', { engine });
  assert.equal(hashes(r), hashes(await run('duckdb')));
  await engine.close();
  assert.equal((await c.runAndReadAll("SELECT current_setting('search_path')")).getRows(), [['']]);
  const view = r.manifest.views[0]!;
  assert.is(Number((await c.runAndReadAll(`SELECT count(*) FROM cpg."${view.name}"`)).getRows()[0]![0]), view.rows);
  const again = await failure(attachBackend({ duckdb: c, schema: 'cpg' }));
  assert.is(again.code, 'USAGE_ERROR');
  assert.is(again.message, 'schema cpg already exists in the host database; relc creates its own schema and drops it on close');
  c.closeSync();
  host.closeSync();
});

test('SQLite database: TEMP tables shadow nothing after close, the database stays open, results equal', async () => {
  const own = await run('sqlite');
  const db = new Database(':memory:');
  db.exec('CREATE TABLE team_sizes (mine INTEGER)');
  db.exec('INSERT INTO team_sizes VALUES (42)');
  const engine = await attachBackend({ sqlite: db });
  const r = await run('sqlite', { engine });
  assert.equal(hashes(r), hashes(own));
  const sizes = r.manifest.views.find((v) => v.name === 'team_sizes')!;
  assert.is(Number(db.prepare('SELECT count(*) FROM temp.team_sizes').pluck().get()), sizes.rows);
  await engine.close();
  assert.equal(db.prepare('SELECT * FROM team_sizes').raw(true).all(), [[42]]);
  assert.equal(db.prepare("SELECT count(*) FROM temp.sqlite_master WHERE type = 'table'").pluck().get(), 0);
  assert.ok(db.open, 'the host database stays open');
  db.close();
});

test('host tables: a missing column is INPUT_SCHEMA_MISMATCH, a NULL in a non-nullable column too; tables without an engine is USAGE_ERROR', async () => {
  const db = new Database(':memory:');
  db.exec("CREATE TABLE staff (id INTEGER, name TEXT, score REAL, joined TEXT)");
  db.exec("INSERT INTO staff VALUES (1, 'a', 0.5, '2020-01-01'), (2, NULL, 0.7, '2020-01-02')");
  const engine = await attachBackend({ sqlite: db });
  let e = await failure(run('sqlite', { engine, tables: { people: 'staff' } }));
  assert.is(e.code, 'INPUT_SCHEMA_MISMATCH');
  assert.match(e.message, /input people \(host table staff\): missing column team_id \(the table has id, name, score, joined\)/);
  db.exec('ALTER TABLE staff ADD COLUMN team_id INTEGER');
  e = await failure(run('sqlite', { engine, tables: { people: 'staff' } }));
  assert.is(e.code, 'INPUT_SCHEMA_MISMATCH');
  assert.match(e.message, /input people \(host table staff\): column name is declared not null but 1 row holds NULL/);
  await engine.close();
  db.close();
  e = await failure(run('duckdb', { tables: { people: 'staff' } }));
  assert.is(e.code, 'USAGE_ERROR');
  assert.is(e.message, 'inputs from tables need the engine that holds them (RunOptions.engine, from attachBackend)');
});

test.run();
