// `relc diag`: SQL over a run bundle's diagnostics datasets (each `diagnostics/<name>.parquet`
// is table `<name>`) on a private, read-only DuckDB, and the short summary printed when no SQL
// is given: how the run ended, its slowest views, fallbacks, warnings and errors.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RelcError } from '../../ir/errors.ts'; // not the IR's index: `relc diag` loads no compiler
import { openParquetQuery, type JsonValue, type ParquetQuery, type QueryRows } from '../../backends/index.ts';

/** Dataset files that become tables: the name is a plain identifier (anything else is skipped). */
const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

export interface DiagTables {
  readonly bundle: string;
  /** Table name → Parquet file, sorted by name. */
  readonly files: ReadonlyMap<string, string>;
}

/** The diagnostics datasets of `bundle`; INPUT_NOT_FOUND when it is no run bundle. */
export function diagTables(bundle: string): DiagTables {
  const dir = path.join(bundle, 'diagnostics');
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(dir);
  } catch {
    throw new RelcError('INPUT_NOT_FOUND', `${bundle} is not a relc run bundle (no diagnostics/ directory)`, { details: { path: path.resolve(bundle) } });
  }
  const files = new Map<string, string>();
  for (const f of names.sort()) {
    const name = f.replace(/\.parquet$/, '');
    if (f.endsWith('.parquet') && TABLE_NAME.test(name)) files.set(name, path.join(dir, f));
  }
  return { bundle, files };
}

async function session<R>(t: DiagTables, f: (s: ParquetQuery) => Promise<R>): Promise<R> {
  const s = await openParquetQuery();
  try {
    for (const [name, file] of t.files) await s.load(name, file);
    await s.seal();
    return await f(s);
  } finally {
    s.close();
  }
}

/** Runs `sql` over the bundle's diagnostics. Bad SQL is EXECUTION_FAILED with DuckDB's message. */
export async function diagQuery(bundle: string, sql: string): Promise<QueryRows> {
  const t = diagTables(bundle);
  if (sql.trim() === '') throw new RelcError('USAGE_ERROR', 'relc diag: the SQL is empty (omit it for the summary)');
  return session(t, (s) => s.query(sql));
}

export interface DiagSummary {
  readonly bundle: string;
  /** `ok`, or `failed` with the error the manifest records. */
  readonly status: 'ok' | 'failed' | 'unknown';
  readonly error: { readonly stage: string; readonly code: string; readonly message: string } | null;
  readonly tables: readonly string[];
  readonly views: number;
  readonly viewMs: number;
  readonly slowest: readonly { readonly view: string; readonly ms: number; readonly rows: number }[];
  readonly fallbacks: readonly { readonly view: string; readonly from: string; readonly to: string; readonly reason: string }[];
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
  readonly refusals: readonly { readonly refusal: string; readonly views: number }[];
}

function readManifest(bundle: string): Record<string, unknown> | null {
  const file = path.join(bundle, 'manifest.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

const str = (v: JsonValue | undefined): string => (v === null || v === undefined ? '' : String(v));
const num = (v: JsonValue | undefined): number => Number(v ?? 0);

/** Warnings as the manifest records them (`warnings: [{code, message}]`), when it does. */
function manifestWarnings(m: Record<string, unknown> | null): { code: string; message: string }[] {
  const w = m?.['warnings'];
  if (!Array.isArray(w)) return [];
  return w.map((x) => ({ code: str((x as Record<string, JsonValue>)['code']), message: str((x as Record<string, JsonValue>)['message']) }));
}

export async function diagSummary(bundle: string, top = 5): Promise<DiagSummary> {
  const t = diagTables(bundle);
  const manifest = readManifest(bundle);
  const has = (name: string) => t.files.has(name);
  return session(t, async (s) => {
    const views = has('rule_exec_events')
      ? (await s.query("SELECT count(*), coalesce(sum(elapsed_ms), 0) FROM rule_exec_events WHERE kind = 'materialize_view'")).rows[0]!
      : [0, 0];
    const slowest = has('rule_exec_events')
      ? (await s.query("SELECT name, elapsed_ms, rows FROM rule_exec_events WHERE kind = 'materialize_view' ORDER BY elapsed_ms DESC, seq")).rows.slice(0, top)
      : [];
    const fallbacks = has('engine_fallbacks') ? (await s.query('SELECT view, from_lane, to_lane, reason FROM engine_fallbacks ORDER BY view')).rows : [];
    const warningRows = has('warnings') ? (await s.query('SELECT * FROM warnings')) : null;
    const warnings = warningRows
      ? warningRows.rows.map((r) => ({ code: str(r[warningRows.columns.indexOf('code')]), message: str(r[warningRows.columns.indexOf('message')]) }))
      : manifestWarnings(manifest);
    const refusals = has('rule_compile_artifacts') && (await s.query('DESCRIBE rule_compile_artifacts')).rows.some((r) => r[0] === 'refusals')
      ? (await s.query('SELECT r, count(*) FROM (SELECT unnest(refusals) AS r FROM rule_compile_artifacts) GROUP BY r ORDER BY r')).rows
      : [];
    const error = manifest?.['status'] === 'failed' ? (manifest['error'] as { stage: string; code: string; message: string }) : null;
    return {
      bundle,
      status: manifest === null ? 'unknown' : error ? 'failed' : 'ok',
      error: error ? { stage: error.stage, code: error.code, message: error.message } : null,
      tables: [...t.files.keys()],
      views: num(views[0]),
      viewMs: num(views[1]),
      slowest: slowest.map((r) => ({ view: str(r[0]), ms: num(r[1]), rows: num(r[2]) })),
      fallbacks: fallbacks.map((r) => ({ view: str(r[0]), from: str(r[1]), to: str(r[2]), reason: str(r[3]) })),
      warnings,
      refusals: refusals.map((r) => ({ refusal: str(r[0]), views: num(r[1]) })),
    };
  });
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

export function renderDiagSummary(s: DiagSummary): string {
  const lines = [`run bundle ${s.bundle}: ${s.status === 'failed' ? `failed — error[${s.error!.code}] (${s.error!.stage}): ${s.error!.message}` : s.status === 'ok' ? 'finished' : 'no manifest'}`];
  lines.push(`${s.views} view${s.views === 1 ? '' : 's'} materialized in ${ms(s.viewMs)}`);
  if (s.slowest.length > 0) {
    lines.push('slowest views:');
    const w = Math.max(...s.slowest.map((v) => v.view.length));
    for (const v of s.slowest) lines.push(`  ${v.view.padEnd(w)}  ${ms(v.ms).padStart(10)}  ${v.rows} row${v.rows === 1 ? '' : 's'}`);
  }
  lines.push(s.fallbacks.length === 0 ? 'fallbacks: none' : `fallbacks: ${s.fallbacks.length}`);
  for (const f of s.fallbacks) lines.push(`  ${f.view}: ${f.from} → ${f.to} (${f.reason})`);
  lines.push(s.warnings.length === 0 ? 'warnings: none' : `warnings: ${s.warnings.length}`);
  for (const w of s.warnings) lines.push(`  warning[${w.code}]: ${w.message}`);
  if (s.refusals.length > 0) lines.push(`targets that refused views: ${s.refusals.map((r) => `${r.refusal} ×${r.views}`).join(', ')}`);
  lines.push(`tables: ${s.tables.join(', ')}`);
  return lines.join('\n');
}

/** CSV of query rows as the bundle's CSV outputs are written (RFC 4180 quoting, LF line ends): header, NULL as an empty field, nested values as JSON text. */
export function rowsCsv(r: QueryRows): string {
  const field = (v: JsonValue): string => {
    if (v === null) return '';
    const t = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\r\n]|^\s|\s$/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
  };
  return [r.columns.map((c) => field(c)), ...r.rows.map((row) => row.map(field))].map((l) => `${l.join(',')}\n`).join('');
}
