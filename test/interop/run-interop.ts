// relc's Substrait interop suite (npm run test:interop, after npm run interop:setup): every
// corpus query is lowered to Substrait and checked by (a) the official `substrait` package
// (decode; JSON and bytes equal to relc's), (b) substrait-validator (no error), (c) DataFusion
// (executes; rows equal to DuckDB running relc's SQL when the SQL lowering is available),
// (d) Acero (where its subset allows). Prints a per-query table; exits 1 on any (a)/(b)/(c) failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { schemaOf, typeToString, type Program } from '../../src/ir/index.ts';
import { encodePlanBinary, encodePlanJson, toSubstraitPlan } from '../../src/lower/substrait/index.ts';
import { coverageFixture, type FixtureTable } from './fixtures.ts';

const root = resolve(import.meta.dirname, '../..');
const python = join(root, '.venv', 'bin', 'python');
if (!existsSync(python)) {
  console.error('test:interop: .venv is missing; run `npm run interop:setup` first');
  process.exit(1);
}

const json = (v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v);

interface Corpus { readonly name: string; readonly program: Program; readonly tables: readonly FixtureTable[] }
const corpora: Corpus[] = [{ name: 'coverage', ...coverageFixture() }];

const dir = mkdtempSync(join(tmpdir(), 'relc-interop-'));
const cases: { id: string; plan_bin: string; plan_json: string; types: string[] }[] = [];
const tables = new Map<string, FixtureTable>();
const lowerErrors = new Map<string, string>();
for (const c of corpora) {
  for (const t of c.tables) tables.set(t.decl.name, t);
  for (const v of c.program.views) {
    const id = `${c.name}/${v.name}`;
    try {
      const plan = toSubstraitPlan(c.program, { views: [v.name] });
      const base = join(dir, id.replace('/', '__'));
      writeFileSync(`${base}.bin`, encodePlanBinary(plan));
      writeFileSync(`${base}.json`, encodePlanJson(plan));
      cases.push({ id, plan_bin: `${base}.bin`, plan_json: `${base}.json`, types: schemaOf(v.rel).map((f) => typeToString(f.type)) });
    } catch (e) {
      lowerErrors.set(id, e instanceof Error ? e.message : String(e));
    }
  }
}
const manifest = {
  tables: [...tables.values()].map((t) => ({
    name: t.decl.name,
    schema: t.decl.schema.map((f) => ({ name: f.name, type: typeToString(f.type), nullable: f.nullable })),
    rows: t.rows.map((r) => r.map(json)),
  })),
  cases,
};
writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
execFileSync(python, [join(root, 'scripts/interop/check_plans.py'), join(dir, 'manifest.json'), join(dir, 'engines.json')], { stdio: 'inherit' });
execFileSync(python, [join(root, 'scripts/interop/validate_plans.py'), join(dir, 'manifest.json'), join(dir, 'validator.json')], { stdio: 'inherit' });
const engines = JSON.parse(readFileSync(join(dir, 'engines.json'), 'utf8')) as Record<string, any>;
const validator = JSON.parse(readFileSync(join(dir, 'validator.json'), 'utf8')) as Record<string, any>;

let failures = 0;
const rows: string[][] = [];
for (const c of cases) {
  const e = engines[c.id];
  const v = validator[c.id];
  const decoded = e.decoded && e.json_equal && e.bytes_equal ? 'yes' : `NO ${e.decode_error ?? (e.json_equal ? 'bytes differ' : 'json differs')}`;
  const validated = v.error_count === 0 ? 'yes' : `NO ${v.errors[0]}`;
  const df = e.datafusion.ok ? `ran (${e.datafusion.rows.length} rows)` : `FAILED ${e.datafusion.error}`;
  const acero = e.acero.ok ? `ran (${e.acero.rows.length} rows)` : `no: ${e.acero.error.slice(0, 80)}`;
  if (decoded !== 'yes' || validated !== 'yes' || !e.datafusion.ok) failures++;
  rows.push([c.id, decoded, validated, df, acero]);
}
for (const [id, err] of lowerErrors) {
  failures++;
  rows.push([id, `NOT LOWERED: ${err}`, '-', '-', '-']);
}
console.log(['query', 'decoded', 'validated', 'datafusion', 'acero'].join(' | '));
for (const r of rows) console.log(r.join(' | '));
const count = (i: number, p: (s: string) => boolean) => rows.filter((r) => p(r[i]!)).length;
console.log(`\ndecoded ${count(1, (s) => s === 'yes')}/${rows.length}, validated ${count(2, (s) => s === 'yes')}/${rows.length}, datafusion ran ${count(3, (s) => s.startsWith('ran'))}/${rows.length}, acero ran ${count(4, (s) => s.startsWith('ran'))}/${rows.length}`);
console.log(`${rows.length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
