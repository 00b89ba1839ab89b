// A local Spark (PySpark from the pinned venv, local[2]) for the Spark target's tests: one
// long-lived scripts/spark/bridge.py process answers JSON lines, so Spark starts once per test
// file (~5-15 s). Tables are registered as temporary views over Parquet files (written by DuckDB).
//
//   const spark = await openSpark();               // fails (never skips) without .venv + pyspark + java
//   await spark.view('lineitem', '/data/lineitem.parquet');
//   const r = await spark.runRelc(transpiled);     // relc's Spark SQL; types checked against the IR
//   spark.close();

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { schemaOf, typeToString, type DataType } from '../../src/ir/index.ts';
import type { CanonicalValue } from '../../src/backends/values.ts';
import { normalizeValue } from '../../src/backends/values.ts';
import type { Transpiled } from '../../src/run/compose/transpile.ts';
import { expectedEngineType } from '../lower-engines.ts';
import type { Result } from '../tpch/harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PYTHON = join(ROOT, '.venv', 'bin', 'python');
const BRIDGE = join(ROOT, 'scripts', 'spark', 'bridge.py');

/** An error Spark reported for a statement (its error class first: `DIVIDE_BY_ZERO: …`). */
export class SparkError extends Error {}

export interface SparkRaw {
  /** The columns' names, as Spark gave them. */
  readonly names: readonly string[];
  readonly types: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface Spark {
  readonly version: string;
  view(name: string, parquetPath: string): Promise<void>;
  /** Runs Spark SQL as written; throws SparkError when Spark rejects or fails it. */
  query(sql: string, params?: readonly unknown[]): Promise<SparkRaw>;
  /** Runs relc's Spark SQL (no parameters) and checks every column's Spark type is its IR type's. */
  runRelc(t: Transpiled): Promise<Result>;
  close(): void;
}

/** Spark's text of a value (scripts/spark/bridge.py) → relc's canonical value of IR type `t`. */
export function sparkValue(t: DataType, v: unknown): CanonicalValue {
  if (v === null) return null;
  if (typeof v === 'boolean') return normalizeValue(t, v);
  // The bridge sends an array as a JSON array of its elements' texts.
  if (t.kind === 'list') return (v as readonly unknown[]).map((x) => sparkValue(t.element, x));
  const s = String(v);
  switch (t.kind) {
    case 'int32':
      return normalizeValue(t, Number(s));
    case 'int64':
      return normalizeValue(t, BigInt(s));
    case 'float64':
      return normalizeValue(t, Number(s)); // Number('NaN'), Number('Infinity') read Python's spelling
    case 'binary':
      return normalizeValue(t, new Uint8Array(Buffer.from(s, 'hex')));
    default:
      return normalizeValue(t, s);
  }
}

/** Fails with what to install when the venv lacks PySpark or Java is missing (CI installs both). */
function requireSpark(): void {
  if (!existsSync(PYTHON)) throw new Error(`the Spark tests need the pinned venv (${PYTHON}): run npm run interop:setup`);
  const py = spawnSync(PYTHON, ['-c', 'import pyspark; print(pyspark.__version__)'], { encoding: 'utf8' });
  if (py.status !== 0) throw new Error(`the Spark tests need PySpark in .venv (scripts/interop/requirements-spark.txt; npm run interop:setup): ${py.stderr.trim()}`);
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) throw new Error('the Spark tests need Java 17 or later on PATH (Debian: apt-get install -y openjdk-17-jre-headless)');
}

export async function openSpark(): Promise<Spark> {
  requireSpark();
  const child: ChildProcessWithoutNullStreams = spawn(PYTHON, [BRIDGE], { env: { ...process.env, PYSPARK_PYTHON: PYTHON } });
  let stderrTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderrTail = (stderrTail + d).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout });
  const pending: { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }[] = [];
  let exited: string | null = null;
  lines.on('line', (line) => pending.shift()?.resolve(JSON.parse(line) as Record<string, unknown>));
  child.on('exit', (code) => {
    exited = `the Spark bridge exited (${code}): ${stderrTail.trim().split('\n').slice(-5).join('\n')}`;
    for (const p of pending.splice(0)) p.reject(new Error(exited));
  });
  const next = () => new Promise<Record<string, unknown>>((resolve, reject) => (exited ? reject(new Error(exited)) : pending.push({ resolve, reject })));
  const ask = async (req: object): Promise<Record<string, unknown>> => {
    const answer = next();
    child.stdin.write(`${JSON.stringify(req)}\n`);
    const a = await answer;
    if (a.ok !== true) throw new SparkError(String(a.error));
    return a;
  };
  const ready = await next();
  if (ready.ok !== true) throw new Error(`Spark did not start: ${String(ready.error)}`);
  const query = async (sql: string, params: readonly unknown[] = []): Promise<SparkRaw> => {
    const a = await ask({ op: 'query', sql: sql.trim().replace(/;\s*$/, ''), params });
    return { names: a.names as string[], types: a.types as string[], rows: a.rows as unknown[][] };
  };
  return {
    version: String(ready.version),
    async view(name, path) {
      await ask({ op: 'view', name, path });
    },
    query,
    async runRelc(t) {
      if (t.params.length > 0) throw new Error('spark: parameters are not bound here');
      const schema = schemaOf(t.rel);
      const { types, rows } = await query(t.text);
      const wrong = schema.flatMap((f, i) => (expectedEngineType(f.type, 'spark').test(types[i] ?? '') ? [] : [`${f.name}: ${types[i]} for ${typeToString(f.type)}`]));
      if (types.length !== schema.length || wrong.length > 0) throw new Error(`relc's Spark SQL returns other types than its IR says: ${wrong.join('; ') || `${types.length} columns`}`);
      return { schema, rows: rows.map((r) => schema.map((f, i) => sparkValue(f.type, r[i]))) };
    },
    close() {
      lines.close();
      child.stdin.end();
    },
  };
}
