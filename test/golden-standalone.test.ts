// Every golden case's views, as relc compiles them for DuckDB, SQLite and PostgreSQL (one
// self-contained statement each, with the prelude of the shims it calls), run from the emitted
// text alone on a stock DuckDB instance, a bare SQLite connection (with registerSqliteFunctions
// only when the text's header names relc's functions) and a real PostgreSQL, over the case's
// inputs: the real files for cases that run (`# run:`), empty tables of the declared schemas for
// the others. Their rows must equal relc's own DuckDB session's rows for the same view.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mapExpr, mapRelExprs, schemaOf, transformUp, type Expr, type LiteralValue, type Program, type Rel } from '../src/ir/index.ts';
import { openBackend, sqliteTypeName } from '../src/backends/index.ts';
import { lowerView, quoteIdent } from '../src/lower/sql/index.ts';
import { bindParams } from '../src/run/index.ts';
import { prepareProgram } from '../src/run/compose/compile.ts';
import { standalonePrelude } from '../src/run/compose/standalone.ts';
import { evaluateCase } from '../src/run/gate/golden-case.ts';
import { listGoldenFiles } from '../src/run/gate/golden.ts';
import { headerValue, parseGoldenFile, section } from '../src/run/gate/golden-format.ts';
import { duckdbTypeName } from '../src/backends/input-files/duckdb-names.ts';
import { sameRows, sorted, show } from './lower-compare.ts';
import type { CanonicalValue } from '../src/backends/values.ts';
import { guardedSetup, openPgOracle, requirePostgres } from './support/pg-oracle.ts';
import { stockEngines } from './support/stock-engines.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'relc-golden-standalone-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

/** The program with every parameter replaced by its default, as a literal of its type. */
function withDefaults(program: Program): Program {
  // A parameter without a default gets a value of its type.
  const sample: Record<string, string> = { utf8: 'x', date: '2000-01-01', bool: 'true', timestamp: '2000-01-01 00:00:00' };
  const given = Object.fromEntries(program.params.filter((p) => p.default === undefined || p.default === null).map((p) => [p.field.name, sample[p.field.type.kind] ?? '0']));
  const bound = bindParams(program, given);
  const literal = (e: Expr): Expr => {
    if (e.kind !== 'param') return e;
    const p = bound.get(e.name)!;
    const v = p.value;
    return { kind: 'lit', type: p.decl.field.type, value: (typeof v === 'bigint' ? v.toString() : v) as LiteralValue };
  };
  const inline = (rel: Rel): Rel => transformUp(rel, (r) => mapRelExprs(r, (e) => mapExpr(e, literal)));
  return { ...program, params: [], views: program.views.map((v) => ({ ...v, rel: inline(v.rel) })) };
}

const files = listGoldenFiles(path.join(ROOT, 'golden'));
let checked = 0;
const setup = guardedSetup(async () => requirePostgres());
test.before(setup.run);

for (const file of files) {
  const rel = path.relative(ROOT, file);
  test(`${rel}: every view's DuckDB, SQLite and PostgreSQL text runs alone and equals relc's session`, async () => {
    setup.check();
    const g = parseGoldenFile(readFileSync(file, 'utf8'), file);
    if (section(g, 'error')) return; // a case pinning a compile error has no program
    const { program: written } = await evaluateCase(g, file, path.dirname(file));
    const prepared = await prepareProgram(withDefaults(written!), { optimize: true, disable: [] });
    const program = prepared.program;
    const withData = headerValue(g, 'run') !== undefined && headerValue(g, 'build') === undefined;
    const specDir = path.dirname(headerValue(g, 'spec') === undefined ? file : path.resolve(path.dirname(file), headerValue(g, 'spec')!));
    const duckdb = await openBackend('duckdb', { threads: 1 });
    const sqlite = await openBackend('sqlite');
    const dir = mkdtempSync(path.join(work, 'case-'));
    try {
      for (const decl of program.inputs) {
        if (withData) {
          for (const b of [duckdb, sqlite]) await b.loadInput(decl, path.resolve(specDir, decl.path));
        } else {
          await duckdb.exec(`CREATE TABLE ${quoteIdent(decl.name, 'duckdb')} (${decl.schema.map((f) => `${quoteIdent(f.name, 'duckdb')} ${duckdbTypeName(f.type)}`).join(', ')})`);
          await sqlite.exec(`CREATE TABLE ${quoteIdent(decl.name, 'sqlite')} (${decl.schema.map((f) => `${quoteIdent(f.name, 'sqlite')} ${sqliteTypeName(f.type)}`).join(', ')})`);
        }
      }
      const stock = await stockEngines(dir, program.inputs.map((i) => i.name), { duckdb, sqlite });
      // PostgreSQL reads the same tables as CSV written by relc's DuckDB.
      const csv = program.inputs.map((decl) => ({ ...decl, format: 'csv' as const, path: path.join(dir, `${decl.name}.csv`) }));
      for (const decl of csv) await duckdb.exec(`COPY ${quoteIdent(decl.name, 'duckdb')} TO '${decl.path.replaceAll("'", "''")}' (FORMAT csv, HEADER true)`);
      const pg = openPgOracle(csv);
      for (const view of written!.views) {
        const schema = schemaOf(program.views.find((v) => v.name === view.name)!.rel);
        for (const b of [duckdb, sqlite]) {
          const d = b.caps.dialect;
          let lowered;
          try {
            lowered = lowerView(program, view.name, d);
          } catch (e) {
            if ((e as { code?: string }).code === 'BACKEND_UNSUPPORTED') continue; // recorded as such in the case's sql section
            throw e;
          }
          const text = `${standalonePrelude(lowered.sql, d)}${lowered.sql}`;
          const alone = sorted(d === 'duckdb' ? await stock.duckdb(text, schema) : stock.sqlite(text, schema));
          const session = sorted(await b.query(lowered.sql, [], schema));
          assert.is(show(alone), show(session), `${rel} view ${view.name} on ${d}:\n${text}`);
          checked++;
        }
        const reference = sorted(await duckdb.query(lowerView(program, view.name, 'duckdb').sql, [], schema));
        let onPg;
        try {
          onPg = lowerView(program, view.name, 'postgres');
        } catch (e) {
          if ((e as { code?: string }).code === 'BACKEND_UNSUPPORTED') continue;
          throw e;
        }
        const got = sorted((await pg.runRelc({ rel: program.views.find((v) => v.name === view.name)!.rel, text: onPg.sql, params: [] })).rows as CanonicalValue[][]);
        assert.ok(sameRows(got, reference), `${rel} view ${view.name} on postgres: ${show(got)} ≠ duckdb ${show(reference)}\n${onPg.sql}`);
        checked++;
      }
      pg.close();
    } finally {
      await duckdb.close();
      await sqlite.close();
    }
  });
}

test('every case with a program was run', () => {
  assert.ok(checked > 100, `${checked} view texts run`);
  console.log(`  golden views run from their text alone: ${checked}`);
});

test.run();
