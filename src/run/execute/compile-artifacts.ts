// What one view compiled to, for the `rule_compile_artifacts` diagnostics: its IR as JSON, its
// SQL for every dialect, its Substrait plan (base64), the relations and parameters it requires
// and the fingerprint of the schema it produces. Every field is a pure function of the program:
// the same pack gives the same artifacts on every run and backend. A target that refuses the
// view with a coded error (a function PostgreSQL lacks, a construct Substrait cannot express)
// is recorded as null plus the code, never a failed run.

import {
  blake3Hex, canonicalJson, children, exprChildren, isRelcError, relExprs, schemaOf, transformUp, typeToString,
  type Dialect, type Expr, type Program, type Rel, type Schema,
} from '../../ir/index.ts';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { internal } from '../../ir/index.ts';
import { SQL_DIALECTS } from '../../lower/sql/index.ts';
import { encodePlanBinary, toSubstraitPlan } from '../../lower/substrait/index.ts';

/** The dialects every view is printed for, in a fixed order (the columns `sql_<dialect>`). */
export const ARTIFACT_DIALECTS = Object.keys(SQL_DIALECTS).sort() as Dialect[];

export interface CompileArtifact {
  /** Per dialect of ARTIFACT_DIALECTS: the statement, or null when that dialect refuses the view. */
  readonly sql: Readonly<Record<Dialect, string | null>>;
  /** `<target>:<CODE>` for every target that refused the view (`postgres:BACKEND_UNSUPPORTED`). */
  readonly refusals: readonly string[];
  readonly irJson: string;
  /**
   * The view's own Substrait plan, base64 protobuf: one root, earlier views read as named tables
   * (as the runner executes it, each view a table), like the `sql_<dialect>` statements.
   */
  readonly substraitBase64: string | null;
  /** The code of Substrait's refusal, when `substraitBase64` is null (null too when the plan was not asked for). */
  readonly substraitRefusal: string | null;
  /** Canonical JSON `{inputs: {name: schema}, params: [...], views: {name: schema}}`: what the view reads. */
  readonly requiredContract: string;
  /** BLAKE3 of the canonical JSON of the produced schema `[[name, type, nullable], …]`. */
  readonly schemaFingerprint: string;
}

const schemaRows = (s: Schema) => s.map((f) => [f.name, typeToString(f.type), f.nullable]);

export function schemaFingerprint(s: Schema): string {
  return blake3Hex(canonicalJson(schemaRows(s)));
}

/** The inputs (scans), views (refs) and parameters a relation reads, subqueries included. */
export function relationsRead(rel: Rel): { readonly inputs: Map<string, Schema>; readonly views: Map<string, Schema>; readonly params: Set<string> } {
  const inputs = new Map<string, Schema>();
  const views = new Map<string, Schema>();
  const params = new Set<string>();
  const visitExpr = (e: Expr): void => {
    if (e.kind === 'subquery') visit(e.rel);
    if (e.kind === 'param') params.add(e.name);
    for (const c of exprChildren(e)) visitExpr(c);
  };
  const visit = (r: Rel): void => {
    if (r.kind === 'scan' && !inputs.has(r.table)) inputs.set(r.table, r.schema);
    if (r.kind === 'ref' && !views.has(r.name)) views.set(r.name, r.schema);
    for (const c of children(r)) visit(c);
    for (const e of relExprs(r)) visitExpr(e);
  };
  visit(rel);
  return { inputs, views, params };
}

/** A target's refusal as its code; anything else thrown is a bug of that target's lowering, recorded as INTERNAL (the run goes on). */
function refusalCode(e: unknown): string {
  return isRelcError(e) ? e.code : 'INTERNAL';
}

/** The view alone: each `ref` to an earlier view becomes a read of the table of that name. */
function viewAlone(program: Program, view: string, rel: Rel): Program {
  const alone = transformUp(rel, (r) => (r.kind === 'ref' ? { kind: 'scan', table: r.name, schema: r.schema } : r));
  return { ...program, views: [{ name: view, rel: alone }], outputs: [] };
}

/** The artifact with `dialect`'s statement set (one a worker left to the runner). */
export function withSql(a: CompileArtifact, dialect: Dialect, statement: string): CompileArtifact {
  return { ...a, sql: { ...a.sql, [dialect]: statement } };
}

const sortedSchemas = (m: Map<string, Schema>) => Object.fromEntries([...m.keys()].sort().map((k) => [k, schemaRows(m.get(k)!)]));

/**
 * The artifact of `view`. `lowered`: the SQL already printed for the run's dialect (reused), or
 * null for a worker, which leaves that dialect's statement to the runner (it has it: withSql);
 * `lower`: how the other dialects are printed (the runner's lowering). `substrait`: false skips
 * the Substrait plan (the costliest part).
 */
export function compileArtifact(
  program: Program,
  view: string,
  lowered: { readonly dialect: Dialect; readonly sql: string | null },
  lower: (program: Program, view: string, dialect: Dialect) => { readonly sql: string },
  substrait = true,
): CompileArtifact {
  const v = program.views.find((x) => x.name === view)!;
  const refusals: string[] = [];
  const sql = {} as Record<Dialect, string | null>;
  for (const d of ARTIFACT_DIALECTS) {
    if (d === lowered.dialect) {
      sql[d] = lowered.sql;
      continue;
    }
    try {
      sql[d] = lower(program, view, d).sql;
    } catch (e) {
      sql[d] = null;
      refusals.push(`${d}:${refusalCode(e)}`);
    }
  }
  let substraitBase64: string | null = null;
  let substraitRefusal: string | null = null;
  if (substrait) {
    try {
      substraitBase64 = Buffer.from(encodePlanBinary(toSubstraitPlan(viewAlone(program, view, v.rel), { views: [view] }))).toString('base64');
    } catch (e) {
      substraitRefusal = refusalCode(e);
      refusals.push(`substrait:${substraitRefusal}`);
    }
  }
  const read = relationsRead(v.rel);
  return {
    sql,
    refusals,
    irJson: canonicalJson(v.rel),
    substraitBase64,
    substraitRefusal,
    requiredContract: canonicalJson({ inputs: sortedSchemas(read.inputs), params: [...read.params].sort(), views: sortedSchemas(read.views) }),
    schemaFingerprint: schemaFingerprint(schemaOf(v.rel)),
  };
}

/** The artifacts a worker thread computes while the views run (artifactsOffThread). */
export interface ArtifactsWorker {
  /**
   * Every view's artifact, now: what the worker has posted, completed by `finish` (view index,
   * the worker's artifact, which lacks the run dialect's statement → the artifact), the rest
   * computed by `here` (view index → artifact) from the last view down while the worker goes on
   * from the first, until they meet; then the worker stops. Synchronous: the worker's batches
   * are read off its channel, none waits for the event loop.
   */
  complete(here: (view: number) => CompileArtifact, finish: (view: number, artifact: CompileArtifact) => CompileArtifact): CompileArtifact[];
  /** Every view's artifact, when the worker is left to finish alone (tests, each without the `dialect` statement); rejects if it fails. */
  readonly all: Promise<CompileArtifact[]>;
  /** The run's dialect, whose statements the worker leaves to the runner. */
  readonly dialect: Dialect;
  cancel(): void;
}

/** A worker posts what it computed at least this often (ms), so that a stop loses little. */
export const ARTIFACT_BATCH_MS = 25;

/** One message of the worker: artifacts of views `from`, `from + 1`, …; `done` after the last; or its failure. */
export type ArtifactsMessage = { readonly from: number; readonly artifacts: readonly CompileArtifact[]; readonly done: boolean } | { readonly error: string };

/**
 * The artifacts of every view of `program`, computed on a worker thread at the lowest scheduling
 * priority, so that they use only CPU time the engine leaves idle while the views run and never
 * compete with it: the runner starts it before the views and completes it after them, computing
 * the views the worker has not reached from the other end. The worker lowers with `lowerViewForExecution`, the
 * runner's default.
 */
export function artifactsOffThread(program: Program, dialect: Dialect, substrait = true): ArtifactsWorker {
  const here = import.meta.url;
  // From the TypeScript sources (tests under `node --import tsx`) the worker registers tsx
  // itself: Node 20 does not carry the parent's module hooks into a worker.
  const worker = here.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./artifacts-worker.ts', here).href)}); });`, { eval: true })
    : new Worker(new URL('./artifacts-worker.js', here));
  const { port1, port2 } = new MessageChannel();
  const got: (CompileArtifact | undefined)[] = new Array(program.views.length).fill(undefined);
  const fromWorker: boolean[] = new Array(program.views.length).fill(false);
  let settle: { resolve(a: CompileArtifact[]): void; reject(e: unknown): void } | undefined;
  const all = new Promise<CompileArtifact[]>((resolve, reject) => (settle = { resolve, reject }));
  all.catch(() => undefined); // awaited only by those who leave the worker to finish
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    port1.close();
    void worker.terminate();
  };
  const receive = (m: ArtifactsMessage) => {
    if ('error' in m) {
      settle!.reject(internal(`compile artifacts: ${m.error}`));
      stop();
      return;
    }
    m.artifacts.forEach((a, i) => {
      // A view the runner computed meanwhile keeps its artifact (it is complete; the worker's is not).
      if (got[m.from + i] === undefined) {
        got[m.from + i] = a;
        fromWorker[m.from + i] = true;
      }
    });
    if (m.done) {
      settle!.resolve(got as CompileArtifact[]);
      stop();
    }
  };
  port1.on('message', receive);
  worker.once('error', (e) => {
    settle!.reject(internal(`compile artifacts: ${e.message}`));
    stop();
  });
  worker.postMessage({ program, dialect, substrait, port: port2 }, [port2]);
  const drain = () => {
    for (let m = stopped ? undefined : receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) receive(m.message as ArtifactsMessage);
  };
  return {
    // The worker fills views 0, 1, … in order, so what it has posted is always a prefix.
    complete(here, finish) {
      for (let i = got.length - 1; i >= 0; i--) {
        drain();
        if (got[i] !== undefined) break;
        got[i] = here(i);
      }
      stop();
      return got.map((a, i) => (fromWorker[i] ? finish(i, a!) : a!));
    },
    all,
    dialect,
    cancel: stop,
  };
}
