// relc's Substrait interop suite (npm run test:interop, after npm run interop:setup). Every
// query of four corpora (the coverage program, the quickstart pack, TPC-H, the SQL front end's
// construct corpus) is lowered to
// Substrait and checked by (a) the official `substrait` package (decodes; JSON and bytes equal
// to relc's), (b) substrait-validator (no error), (c) DataFusion (executes; rows equal to
// DuckDB's for the same query on the same Parquet files, with the tables registered under the
// declared schemas and as plain Parquet files), (d) Acero on the plan written for the acero
// profile (rows equal to DuckDB's, or relc's coded refusal; an engine exception fails unless
// pinned). Prints a per-query table; the last line is `interop: N passed, M failed`, a test
// being one query × one required check; exits 1 on any failure.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RelcError, typeToString } from '../../src/ir/index.ts';
import { encodePlanBinary, encodePlanJson, toSubstraitPlan, type SubstraitConsumerName } from '../../src/lower/substrait/index.ts';
import { compareResults, fromEngineJson } from './compare.ts';
import { coverageCorpus, quickstartCorpus, sqlCorpus, tpchCorpus, type InteropCase, type InteropCorpus } from './corpora.ts';

const root = resolve(import.meta.dirname, '../..');
// RELC_INTEROP_PYTHON points at another interpreter with the pinned packages (e.g. a venv made elsewhere).
const python = process.env.RELC_INTEROP_PYTHON ?? join(root, '.venv', 'bin', 'python');
if (!existsSync(python)) {
  console.error(`test:interop: ${python} is missing; run \`npm run interop:setup\` first`);
  process.exit(1);
}
const TPCH_SCALE = Number(process.env.RELC_INTEROP_TPCH_SCALE ?? '0.01');

const started = Date.now();
const timings: string[] = [];
const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  const t = Date.now();
  const out = await run();
  timings.push(`${name} ${((Date.now() - t) / 1000).toFixed(1)}s`);
  return out;
};

const dir = mkdtempSync(join(tmpdir(), 'relc-interop-'));
const sub = (name: string) => {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  return d;
};

/**
 * Acero exceptions on plans relc wrote for the acero profile that relc cannot yet refuse up
 * front or rewrite, with the exact reason. Everything else Acero cannot run is relc's refusal.
 */
const ACERO_KNOWN_FAILURES: Readonly<Record<string, string>> = {};

const tpch = await phase(`tpch sf=${TPCH_SCALE} data+oracle`, () => tpchCorpus(sub('tpch'), TPCH_SCALE));
const corpora: InteropCorpus[] = [
  await phase('coverage inputs+oracle', () => coverageCorpus(sub('coverage'))),
  await phase('quickstart inputs+oracle', () => quickstartCorpus(sub('quickstart'))),
  tpch,
  await phase('sql corpus inputs+oracle', () => sqlCorpus(sub('sql'), tpch.tables)),
];

type PlanFiles = { bin: string; json: string };
/**
 * Plans written per consumer profile; a profile's files are the standard plan's when relc
 * writes that consumer the same plan (`differs` lists the others).
 */
const PROFILES: readonly SubstraitConsumerName[] = ['standard', 'datafusion', 'acero'];
const lowerErrors = new Map<string, string>();
/**
 * Cases relc refuses with a coded error (BACKEND_UNSUPPORTED) before any engine sees a plan, per
 * profile: the message, and the construct it names (details.construct, else the message).
 */
interface Refusal { readonly message: string; readonly construct: string }
const refusals = new Map<string, Partial<Record<SubstraitConsumerName, Refusal>>>();
const refusal = (id: string, profile: SubstraitConsumerName) => refusals.get(id)?.[profile];
const planned = new Map<string, Partial<Record<SubstraitConsumerName, PlanFiles>>>();
const differs = new Map<string, Set<SubstraitConsumerName>>();
await phase('lower to substrait', async () => {
  for (const c of corpora) {
    for (const k of c.cases) {
      try {
        const files: Partial<Record<SubstraitConsumerName, PlanFiles>> = {};
        const own = new Set<SubstraitConsumerName>();
        let standardBytes = '';
        for (const consumer of PROFILES) {
          let plan;
          try {
            plan = toSubstraitPlan(k.program, { ...(k.view ? { views: [k.view] } : {}), bindParams: true, consumer });
          } catch (e) {
            if (!(e instanceof RelcError) || e.code !== 'BACKEND_UNSUPPORTED') throw e;
            const construct = (e.details as { construct?: unknown } | undefined)?.construct;
            refusals.set(k.id, { ...refusals.get(k.id), [consumer]: { message: `${e.code}: ${e.message}`, construct: typeof construct === 'string' ? construct : e.message } });
            if (consumer === 'standard') break;
            continue;
          }
          const bytes = encodePlanBinary(plan);
          const hex = Buffer.from(bytes).toString('hex');
          if (consumer === 'standard') standardBytes = hex;
          else if (hex === standardBytes) {
            files[consumer] = files.standard!;
            continue;
          }
          if (consumer !== 'standard') own.add(consumer);
          const base = join(dir, `${k.id.replaceAll('/', '__')}.${consumer}`);
          writeFileSync(`${base}.bin`, bytes);
          writeFileSync(`${base}.json`, encodePlanJson(plan));
          files[consumer] = { bin: `${base}.bin`, json: `${base}.json` };
        }
        if (Object.keys(files).length > 0) planned.set(k.id, files);
        differs.set(k.id, own);
      } catch (e) {
        lowerErrors.set(k.id, e instanceof Error ? e.message : String(e));
      }
    }
  }
});

const manifest = {
  corpora: corpora.map((c) => ({
    name: c.name,
    tables: c.tables.map((t) => ({ name: t.name, path: t.path, schema: t.schema.map((f) => ({ name: f.name, type: typeToString(f.type), nullable: f.nullable })) })),
    cases: c.cases.filter((k) => planned.has(k.id)).map((k) => ({ id: k.id, plans: planned.get(k.id), types: k.schema.map((f) => typeToString(f.type)) })),
  })),
};
writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));

function runPython(script: string, out: string): Promise<void> {
  return new Promise((ok, fail) => {
    const p = spawn(python, [join(root, 'scripts/interop', script), join(dir, 'manifest.json'), join(dir, out)], { stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('error', fail);
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${script} exited with ${code}`))));
  });
}
// The two Python processes share nothing: run them side by side (one per core).
await phase('python (decode, datafusion, acero | validator)', () => Promise.all([runPython('check_plans.py', 'engines.json'), runPython('validate_plans.py', 'validator.json')]));
const engines = JSON.parse(readFileSync(join(dir, 'engines.json'), 'utf8')) as Record<string, EngineResult>;
const validator = JSON.parse(readFileSync(join(dir, 'validator.json'), 'utf8')) as Record<string, Record<string, ValidatorResult>>;

interface Attempt { ok: boolean; rows?: unknown[][]; error?: string }
interface Official { decoded: boolean; json_equal?: boolean; bytes_equal?: boolean; decode_error?: string }
interface EngineResult { official: Record<string, Official>; datafusion: Attempt; datafusion_plain: Attempt; acero?: Attempt }
interface ValidatorResult { error_count: number; errors: string[] }

const clip = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
let passed = 0;
let failed = 0;
const count = (ok: boolean) => (ok ? passed++ : failed++);
const lines: string[][] = [];
const failures: string[] = [];
const COLUMNS = ['query', 'decoded', 'validated', 'datafusion ran', 'datafusion = duckdb', 'datafusion plain parquet = duckdb', 'acero'] as const;

function officialText(o: Record<string, Official>): string {
  for (const [profile, r] of Object.entries(o)) {
    if (!r.decoded) return `NO (${profile}) ${r.decode_error}`;
    if (!r.json_equal) return `NO (${profile}) JSON differs`;
    if (!r.bytes_equal) return `NO (${profile}) bytes differ`;
  }
  return 'yes';
}

function validatorText(v: Record<string, ValidatorResult>): string {
  for (const [profile, r] of Object.entries(v)) if (r.error_count) return `NO (${profile}) ${r.error_count} errors: ${r.errors[0]}`;
  return 'yes';
}

/**
 * DataFusion's result for one registration mode: equal to DuckDB's, or the reason. A known
 * failure is informational, but one that passes must leave the list.
 */
function datafusionCheck(k: InteropCase, a: Attempt, mode: string): string {
  let equal: string;
  let ok = false;
  if (a.ok) {
    const cmp = compareResults(k.schema, k.order, k.expected, fromEngineJson(k.schema, a.rows!));
    ok = cmp.equal;
    equal = cmp.equal ? (k.order.length ? 'yes (ordered)' : 'yes') : `NO ${cmp.reason}`;
  } else {
    equal = `NO ${a.error}`;
  }
  if (k.knownFailure) {
    if (ok) {
      count(false);
      failures.push(`${k.id}: on the known-failure list but DataFusion (${mode}) now agrees with DuckDB: remove it`);
      return 'yes (KNOWN FAILURE PASSES)';
    }
    return `known failure (${clip(equal, 60)}): ${k.knownFailure}`;
  }
  count(ok);
  if (!ok) failures.push(`${k.id}: datafusion (${mode}): ${equal}`);
  return clip(equal);
}

/**
 * Acero on the plan relc wrote for it: relc's refusal, or rows (equal to DuckDB's, else a
 * failure), or an engine exception, which fails the suite unless pinned in ACERO_KNOWN_FAILURES.
 */
function aceroCheck(k: InteropCase, a: Attempt | undefined): string {
  const refused = refusal(k.id, 'acero');
  if (refused) return `refused by relc: ${refused.construct}`;
  if (!a) throw new Error(`${k.id}: no Acero result for a plan relc wrote`);
  const pinned = ACERO_KNOWN_FAILURES[k.id];
  let result: string;
  let ok = false;
  if (a.ok) {
    const cmp = compareResults(k.schema, k.order, k.expected, fromEngineJson(k.schema, a.rows!));
    ok = cmp.equal;
    result = cmp.equal ? `yes (${a.rows!.length} rows, = duckdb)` : `NO rows differ: ${cmp.reason}`;
  } else {
    result = `ENGINE EXCEPTION: ${a.error}`;
  }
  if (pinned) {
    if (ok) {
      count(false);
      failures.push(`${k.id}: on ACERO_KNOWN_FAILURES but Acero now agrees with DuckDB: remove it`);
    }
    return `known failure (${clip(result, 60)}): ${pinned}`;
  }
  count(ok);
  if (!ok) failures.push(`${k.id}: acero: ${result}`);
  return clip(result);
}

function check(k: InteropCase): string[] {
  if (!planned.has(k.id) && refusal(k.id, 'standard')) return [k.id, '-', '-', clip(`refused by relc: ${refusal(k.id, 'standard')!.message}`), '-', '-', '-'];
  const lowered = lowerErrors.get(k.id);
  if (lowered) {
    // Neither decodable nor valid nor executable: every required check of the query fails.
    for (let i = 0; i < (k.knownFailure ? 2 : 4); i++) count(false);
    failures.push(`${k.id}: not lowered: ${lowered}`);
    return [k.id, `NOT LOWERED: ${clip(lowered)}`, '-', '-', '-', '-', '-'];
  }
  const e = engines[k.id]!;
  const decoded = officialText(e.official);
  const validated = validatorText(validator[k.id]!);
  count(decoded === 'yes');
  count(validated === 'yes');
  if (decoded !== 'yes') failures.push(`${k.id}: decode: ${decoded}`);
  if (validated !== 'yes') failures.push(`${k.id}: validate: ${validated}`);
  const acero = aceroCheck(k, e.acero);
  const refused = refusal(k.id, 'datafusion');
  // relc's own coded refusal for this consumer: the DataFusion checks neither pass nor fail.
  if (refused) return [k.id, decoded, validated, clip(`refused by relc: ${refused.message}`), '-', '-', acero];
  const profile = differs.get(k.id)?.has('datafusion') ? ' [datafusion plan]' : '';
  const ran = e.datafusion.ok ? `yes (${e.datafusion.rows!.length} rows)${profile}` : `NO ${e.datafusion.error}${profile}`;
  return [k.id, decoded, validated, clip(ran), datafusionCheck(k, e.datafusion, 'declared schemas'), datafusionCheck(k, e.datafusion_plain, 'plain register_parquet'), acero];
}

for (const c of corpora) for (const k of c.cases) lines.push(check(k));

console.log(COLUMNS.join(' | '));
for (const l of lines) console.log(l.join(' | '));
for (const c of corpora) {
  const rows = lines.filter((l) => l[0]!.startsWith(`${c.name}/`));
  const n = (i: number) => rows.filter((l) => l[i]!.startsWith('yes')).length;
  const aceroRefused = rows.filter((l) => l[6]!.startsWith('refused')).length;
  const aceroThrew = rows.filter((l) => /ENGINE EXCEPTION|known failure/.test(l[6]!)).length;
  console.log(`${c.name} (oracle: ${c.cases[0]?.oracle ?? '-'}): decoded ${n(1)}/${rows.length}, validated ${n(2)}/${rows.length}, datafusion ran ${n(3)}/${rows.length}, datafusion = duckdb ${n(4)}/${rows.length} (declared schemas), ${n(5)}/${rows.length} (plain Parquet), acero = duckdb ${n(6)}/${rows.length} (refused by relc ${aceroRefused}, engine exceptions ${aceroThrew})`);
}
const byConstruct = new Map<string, number>();
for (const r of refusals.values()) if (r.acero && !r.standard) byConstruct.set(r.acero.construct, (byConstruct.get(r.acero.construct) ?? 0) + 1);
console.log(`acero refusals by construct: ${[...byConstruct].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([c, n]) => `${c} ${n}`).join('; ') || 'none'}`);
if (failures.length) {
  console.log('\nfailures:');
  for (const f of failures) console.log(`  ${f}`);
}
console.log(`\ntimings: ${timings.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(1)}s`);
if (!process.env.RELC_INTEROP_KEEP) rmSync(dir, { recursive: true, force: true });
else console.log(`work directory kept: ${dir}`);
const refusedFor = (p: SubstraitConsumerName) => [...refusals].filter(([, r]) => r[p]).map(([id]) => id);
console.log(`refused by relc with BACKEND_UNSUPPORTED before any engine: every profile ${refusedFor('standard').length} (${refusedFor('standard').join(', ') || 'none'}); datafusion ${refusedFor('datafusion').length}; acero ${refusedFor('acero').length}`);
console.log(`interop: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
