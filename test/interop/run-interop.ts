// relc's Substrait interop suite (npm run test:interop, after npm run interop:setup). Every
// query of four corpora (the coverage program, the quickstart pack, TPC-H, the SQL front end's
// construct corpus) is lowered to
// Substrait and checked by (a) the official `substrait` package (decodes; JSON and bytes equal
// to relc's), (b) substrait-validator (no error), (c) DataFusion (executes; rows equal to
// DuckDB's for the same query on the same Parquet files), (d) Acero (informational). Prints a
// per-query table; the last line is `interop: N passed, M failed`, a test being one query ×
// one required check (a, b, c); exits 1 on any failure.
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

const tpch = await phase(`tpch sf=${TPCH_SCALE} data+oracle`, () => tpchCorpus(sub('tpch'), TPCH_SCALE));
const corpora: InteropCorpus[] = [
  await phase('coverage inputs+oracle', () => coverageCorpus(sub('coverage'))),
  await phase('quickstart inputs+oracle', () => quickstartCorpus(sub('quickstart'))),
  tpch,
  await phase('sql corpus inputs+oracle', () => sqlCorpus(sub('sql'), tpch.tables)),
];

type PlanFiles = { bin: string; json: string };
/** Plans written per consumer profile; `datafusion` only where it differs from the standard plan. */
const PROFILES: readonly SubstraitConsumerName[] = ['standard', 'datafusion'];
const lowerErrors = new Map<string, string>();
/** Cases relc refuses for the DataFusion consumer with a coded error (BACKEND_UNSUPPORTED) before any engine sees a plan. */
const refusals = new Map<string, string>();
const planned = new Map<string, Record<string, PlanFiles>>();
await phase('lower to substrait', async () => {
  for (const c of corpora) {
    for (const k of c.cases) {
      try {
        const files: Record<string, PlanFiles> = {};
        let standardBytes = '';
        for (const consumer of PROFILES) {
          let plan;
          try {
            plan = toSubstraitPlan(k.program, { ...(k.view ? { views: [k.view] } : {}), bindParams: true, consumer });
          } catch (e) {
            if (consumer === 'standard' || !(e instanceof RelcError) || e.code !== 'BACKEND_UNSUPPORTED') throw e;
            refusals.set(k.id, `${e.code}: ${e.message}`);
            continue;
          }
          const bytes = encodePlanBinary(plan);
          const hex = Buffer.from(bytes).toString('hex');
          if (consumer === 'standard') standardBytes = hex;
          else if (hex === standardBytes) continue;
          const base = join(dir, `${k.id.replaceAll('/', '__')}.${consumer}`);
          writeFileSync(`${base}.bin`, bytes);
          writeFileSync(`${base}.json`, encodePlanJson(plan));
          files[consumer] = { bin: `${base}.bin`, json: `${base}.json` };
        }
        planned.set(k.id, files);
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
interface EngineResult { official: Record<string, Official>; datafusion: Attempt; acero: Attempt }
interface ValidatorResult { error_count: number; errors: string[] }

const clip = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
let passed = 0;
let failed = 0;
const count = (ok: boolean) => (ok ? passed++ : failed++);
const lines: string[][] = [];
const failures: string[] = [];

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

function check(k: InteropCase): string[] {
  const lowered = lowerErrors.get(k.id);
  if (lowered) {
    // Neither decodable nor valid nor executable: every required check of the query fails.
    for (let i = 0; i < (k.knownFailure ? 2 : 3); i++) count(false);
    failures.push(`${k.id}: not lowered: ${lowered}`);
    return [k.id, `NOT LOWERED: ${clip(lowered)}`, '-', '-', '-', '-'];
  }
  const e = engines[k.id]!;
  const decoded = officialText(e.official);
  const validated = validatorText(validator[k.id]!);
  count(decoded === 'yes');
  count(validated === 'yes');
  if (decoded !== 'yes') failures.push(`${k.id}: decode: ${decoded}`);
  if (validated !== 'yes') failures.push(`${k.id}: validate: ${validated}`);
  const refused = refusals.get(k.id);
  if (refused) {
    // relc's own coded refusal for this consumer: the DataFusion check neither passes nor fails.
    const acero = e.acero.ok ? `yes (${e.acero.rows!.length} rows)` : `no: ${clip(e.acero.error ?? '', 90)}`;
    return [k.id, decoded, validated, clip(`refused by relc: ${refused}`), '-', acero];
  }
  const profile = planned.get(k.id)!.datafusion ? ' [datafusion plan]' : '';
  let ran: string;
  let equal: string;
  let ok = false;
  if (e.datafusion.ok) {
    ran = `yes (${e.datafusion.rows!.length} rows)${profile}`;
    const cmp = compareResults(k.schema, k.order, k.expected, fromEngineJson(k.schema, e.datafusion.rows!));
    ok = cmp.equal;
    equal = cmp.equal ? (k.order.length ? 'yes (ordered)' : 'yes') : `NO ${cmp.reason}`;
  } else {
    ran = `NO ${e.datafusion.error}${profile}`;
    equal = '-';
  }
  if (k.knownFailure) {
    // Informational, but a known failure that passes must leave the list.
    if (ok) {
      count(false);
      failures.push(`${k.id}: on the known-failure list but DataFusion now agrees with DuckDB: remove it`);
    }
    equal = ok ? 'yes (KNOWN FAILURE PASSES)' : `known failure (${equal}): ${k.knownFailure}`;
  } else {
    count(ok);
    if (!ok) failures.push(`${k.id}: datafusion: ${e.datafusion.ok ? equal : ran}`);
  }
  const acero = e.acero.ok ? `yes (${e.acero.rows!.length} rows)` : `no: ${clip(e.acero.error ?? '', 90)}`;
  return [k.id, decoded, validated, clip(ran), k.knownFailure ? equal : clip(equal), acero];
}

for (const c of corpora) for (const k of c.cases) lines.push(check(k));

console.log(['query', 'decoded', 'validated', 'datafusion ran', 'datafusion = duckdb', 'acero'].join(' | '));
for (const l of lines) console.log(l.join(' | '));
for (const c of corpora) {
  const rows = lines.filter((l) => l[0]!.startsWith(`${c.name}/`));
  const n = (i: number) => rows.filter((l) => l[i]!.startsWith('yes')).length;
  console.log(`${c.name} (oracle: ${c.cases[0]?.oracle ?? '-'}): decoded ${n(1)}/${rows.length}, validated ${n(2)}/${rows.length}, datafusion ran ${n(3)}/${rows.length}, datafusion = duckdb ${n(4)}/${rows.length}, acero ran ${n(5)}/${rows.length}`);
}
if (failures.length) {
  console.log('\nfailures:');
  for (const f of failures) console.log(`  ${f}`);
}
console.log(`\ntimings: ${timings.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(1)}s`);
if (!process.env.RELC_INTEROP_KEEP) rmSync(dir, { recursive: true, force: true });
else console.log(`work directory kept: ${dir}`);
console.log(`datafusion: ${refusals.size} cases refused by relc with BACKEND_UNSUPPORTED before the engine (${[...refusals.keys()].join(', ') || 'none'})`);
console.log(`interop: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
