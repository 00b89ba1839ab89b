// Runs a compiled program on a backend: binds parameters, loads inputs, materializes every view
// in order, reads every output in its total order, hashes it canonically and (with an output
// directory) writes the run bundle atomically: manifest.json, outputs/, diagnostics/.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  blake3Hex, canonicalJson, type RelcErrorJson, canonicalJsonPretty, exprText, initHashing, internal, isRelcError, planText, REGISTRY, RelcError, schemaOf, signViews, typeToString,
  type Dialect, type OutputDecl, type Program, type Rel, type Schema, type SortKey, type View,
} from '../../ir/index.ts';
import { contentHash, openBackend, openOutputWriter, type Backend, type BackendKind, type BindValue, type CanonicalRow, type OutputFile, type OutputWriter, type RowsDigest } from '../../backends/index.ts';
import type { Table } from 'apache-arrow';
import { lowerViewForExecution } from '../../lower/sql/index.ts';
import { checkInputKey, checkOutputKey } from './input-keys.ts';
import { abortBundleDir, commitBundleDir, openBundleDir, type BundleDir } from './bundle-dir.ts';
import { Diagnostics, type CompiledView, type ExecEvent } from './diagnostics.ts';
import { artifactsOffThread, compileArtifact, withSql, type ArtifactsWorker, type CompileArtifact } from './compile-artifacts.ts';
import { FallbackEngines } from './fallback.ts';
import { relationsRead, routeView } from './lanes.ts';
import { effectivePolicy, type RunPolicy, type RunWarning } from './policy.ts';
import { fileBlake3 } from './file-hash.ts';
import { OUTPUT_EXTENSIONS } from './output-files.ts';
import { checkNothingMissing } from './missing.ts';
import { bindParams, bindValues, checkParamNames, paramsForManifest, type BoundParam } from './params.ts';
import { RELC_VERSION } from '../version.ts';

/** The SQL lowering the runner executes with: a view's SELECT reading earlier views by name. */
export type LowerFn = (program: Program, view: string, dialect: Dialect) => { readonly sql: string; readonly params: readonly string[] };

export interface RunOptions {
  readonly backend: BackendKind;
  /**
   * An engine relc is attached to (attachBackend): the run happens inside it (views stay there as
   * tables until the backend is closed, which is the caller's), instead of on an engine of its own.
   */
  readonly engine?: Backend;
  /** Inputs read from tables of the attached engine instead of files: input name → `table` or `schema.table`. */
  readonly tables?: Readonly<Record<string, string>>;
  readonly threads?: number;
  readonly memoryLimit?: string;
  /** Bundle directory. Absent: execute and return results, write nothing. */
  readonly outDir?: string;
  /** `--param k=v` overrides, as text, parsed by each parameter's declared type. */
  readonly params?: Readonly<Record<string, string>>;
  /** Input paths are relative to this directory (the spec file's). */
  readonly specDir: string;
  readonly specHash: string;
  /** The rule pack as written; stored in the bundle as `spec.txt` for replay. */
  readonly specText?: string;
  /** The rule pack file; the manifest records it as `spec_path`, relative to the bundle (for replay). */
  readonly specPath?: string;
  /** Default: `lowerViewForExecution` of src/lower/sql. */
  readonly lower?: LowerFn;
  /** Signatures of the views as written (default: signed from `program`). */
  readonly signatures?: ReadonlyMap<string, string>;
  /**
   * Profile every view while materializing it (DuckDB: EXPLAIN ANALYZE of the INSERT, with
   * actual rows and times) instead of the plan alone. The results are the same.
   */
  readonly analyze?: boolean;
  /**
   * Capture the engine's plan of every view (EXPLAIN) into the `engine_explain` diagnostics; a
   * diagnostics policy, off by default (`relc run --explain`). `analyze` implies it.
   */
  readonly explain?: boolean;
  /** Merged into the envelope (e.g. `{ passes: [...] }` from the optimizer). */
  readonly envelopeExtras?: Readonly<Record<string, unknown>>;
  /**
   * Rows of each output to return in `OutputResult.data`, the first ones in output order:
   * a count, or 'all'. Absent: none (`data` is undefined). Outputs are written and hashed by the
   * engine whatever this says; only these rows are read into JS.
   */
  readonly collect?: number | 'all';
  /**
   * Return each output whole as an Apache Arrow table in `OutputResult.table` (in output order,
   * built a column at a time from the engine's chunks; types per src/backends/arrow/schema.ts).
   * For outputs too large to hold, `openRun` streams them instead.
   */
  readonly arrow?: boolean;
  /** The pack's execution policy (`policy:`; absent: everything allowed, key violations are errors). */
  readonly policy?: Partial<RunPolicy>;
  /** Warnings of the compilation (e.g. NONDETERMINISTIC_ORDER), recorded before the run's own. */
  readonly warnings?: readonly RunWarning[];
  /** Writes the caller's own files into the bundle's staging directory, before the commit. */
  readonly intoBundle?: (stagingDir: string) => void | Promise<void>;
  /**
   * Collect and write the per-view diagnostics (compile artifacts, metrics, scan telemetry) into
   * the bundle. Default true; false (a benchmark's baseline) writes no diagnostics/ at all.
   */
  readonly diagnostics?: boolean;
  /**
   * Each view's Substrait plan in `rule_compile_artifacts` (default true). Encoding it is most
   * of what the diagnostics cost (bench/CONTEXT.md, diag); false leaves `substrait` and
   * `substrait_refusal` null.
   */
  readonly substraitArtifacts?: boolean;
  /**
   * Places a run's error in the caller's source (runSpecFile: the rule that defines the view)
   * before the failed run's manifest records it.
   */
  readonly locateError?: (e: RelcError) => RelcError;
  /** Called after every view materialized and every output written (`relc run`'s progress line). */
  readonly onProgress?: (p: RunProgress) => void;
}

export interface RunProgress {
  readonly phase: 'views' | 'outputs';
  /** Views (or outputs) done so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** The view or output just done, and its rows. */
  readonly name: string;
  readonly rows: number;
  /** Rows of the views (or outputs) done so far. */
  readonly totalRows: number;
  /** Since the run started. */
  readonly elapsedMs: number;
}

export interface ManifestInput { readonly name: string; readonly path: string; readonly bytes: number; readonly blake3: string }
export interface ManifestView { readonly name: string; readonly signature: string; readonly rows: number }
export interface ManifestOutput { readonly name: string; readonly path: string; readonly rows: number; readonly content_hash: string }

export interface RunManifest {
  readonly relc_version: string;
  readonly spec_hash: string;
  /** Where the rule pack is, relative to the bundle directory (only when a bundle is written and RunOptions.specPath is given). */
  readonly spec_path?: string;
  readonly envelope: Readonly<Record<string, unknown>>;
  readonly envelope_hash: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: readonly ManifestInput[];
  readonly views: readonly ManifestView[];
  readonly outputs: readonly ManifestOutput[];
  /** The compilation's and the run's warnings, in the order they arose. */
  readonly warnings: readonly RunWarning[];
}

/**
 * The manifest of a failed run, in its kept partial bundle (`.relc-failed-<name>`): what had
 * loaded and materialized before the error, and the error with its stage and code. No
 * envelope and no outputs: nothing of it can be replayed.
 */
export interface FailedRunManifest {
  readonly relc_version: string;
  readonly spec_hash: string;
  readonly status: 'failed';
  readonly error: RelcErrorJson;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: readonly ManifestInput[];
  readonly views: readonly ManifestView[];
}

export interface OutputResult {
  readonly name: string;
  readonly from: string;
  /** Path inside the bundle (where it is, or would be, written). */
  readonly path: string;
  readonly schema: Schema;
  readonly rows: number;
  readonly contentHash: string;
  /**
   * The first rows in output order, as many as `RunOptions.collect` asks (all with 'all');
   * undefined when it asks for none.
   */
  readonly data?: readonly CanonicalRow[];
  /** The whole output as an Arrow table, in output order, with `RunOptions.arrow`. */
  readonly table?: Table;
}

/** How an output's rows are read from the engine (its sorted SQL and bind values), while it is open. */
export interface OutputQuery {
  readonly sql: string;
  readonly binds: readonly BindValue[];
  readonly schema: Schema;
  readonly view: string;
}

export interface RunResult {
  readonly manifest: RunManifest;
  readonly outputs: readonly OutputResult[];
  readonly events: readonly ExecEvent[];
  /** Per view, the engine's plan (with `explain`; with `analyze`: its executed profile); empty otherwise. */
  readonly explains: ReadonlyMap<string, string>;
  /** The bundle directory, when one was written. */
  readonly bundleDir: string | null;
  /** As `manifest.warnings`: printed by `relc run` on stderr. */
  readonly warnings: readonly RunWarning[];
}

/** A RelcError from a stage, tagged with the view it concerns. */
function inView(e: unknown, view: string): RelcError {
  if (!isRelcError(e)) return internal(`view ${view}: ${e instanceof Error ? e.message : String(e)}`, { view });
  if (e.details?.['view'] !== undefined) return e;
  return new RelcError(e.code, `view ${view}: ${e.message}`, { details: { ...e.details, view }, cause: e, ...(e.location ? { location: e.location } : {}) });
}

function lowerIn(opts: RunOptions, program: Program, view: string, dialect: Dialect) {
  try {
    return (opts.lower ?? lowerViewForExecution)(program, view, dialect);
  } catch (e) {
    throw inView(e, view);
  }
}

/**
 * The output's total order: its declared keys, then every remaining column ascending with NULLs
 * last, so that ties cannot come out in an engine- or thread-dependent order.
 */
export function outputOrder(out: OutputDecl, schema: Schema): SortKey[] {
  const keyed = new Set(out.orderBy.flatMap((k) => (k.expr.kind === 'col' ? [k.expr.index] : [])));
  // List columns are no sort keys (SQLite holds them as JSON text, which does not sort as lists):
  // rows equal in every other column may come in any order; the content hash does not depend on it.
  const rest = schema.flatMap((f, i): SortKey[] => (keyed.has(i) || f.type.kind === 'list' ? [] : [{ expr: { kind: 'col', index: i }, direction: 'asc', nulls: 'last' }]));
  return [...out.orderBy, ...rest];
}

/** A program with one more view: the output's view sorted in output order (lowered like any view). */
function withOutputView(program: Program, out: OutputDecl, view: View): { program: Program; name: string } {
  const taken = new Set(program.views.map((v) => v.name));
  let name = `relc_output_${out.name}`;
  while (taken.has(name)) name = `_${name}`;
  const schema = schemaOf(view.rel);
  const rel: Rel = { kind: 'sort', input: { kind: 'ref', name: view.name, schema }, keys: outputOrder(out, schema) };
  return { program: { ...program, views: [...program.views, { name, rel }] }, name };
}

async function timed<R>(f: () => Promise<R>): Promise<{ value: R; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: Math.round((performance.now() - t0) * 1000) / 1000 };
}

interface Execution {
  readonly backend: Backend;
  readonly diagnostics: Diagnostics;
  readonly params: ReadonlyMap<string, BoundParam>;
  readonly signatures: ReadonlyMap<string, string>;
  readonly bundle: BundleDir | undefined;
  readonly policy: RunPolicy;
  /** Other engines views fall back to (opened on first use). */
  readonly fallbacks: FallbackEngines;
  /** Records a warning (manifest, diagnostics, RunResult). */
  warn(w: RunWarning): void;
  /** Whether per-view diagnostics are collected (with a bundle, unless RunOptions.diagnostics is false). */
  readonly collecting: boolean;
  /** What has finished so far (a failed run's manifest lists it); rows of every input and view by name. */
  readonly done: {
    readonly inputs: ManifestInput[];
    readonly views: ManifestView[];
    readonly rows: Map<string, number>;
    /** What each view compiled to (its compile artifact is added when the views are done). */
    readonly compiled: CompiledView[];
    progressRows: number;
  };
  readonly startedAt: number;
  /** The DuckDB writer of diagnostics and of outputs the engine cannot write itself; opened on first use. */
  writer(): Promise<OutputWriter>;
  /** Each output's query, by output name (what `openRun` reads the outputs with). */
  readonly queries: Map<string, OutputQuery>;
}

async function loadInputs(program: Program, opts: RunOptions, x: Execution): Promise<ManifestInput[]> {
  const inputs = x.done.inputs;
  for (const decl of program.inputs) {
    const table = opts.tables?.[decl.name];
    if (table !== undefined) {
      // A table of the engine relc is attached to: no file to fingerprint (not replayable from files).
      const { value: rows, ms } = await timed(() => x.backend.loadTable(decl, table));
      await checkInputKey(x.backend, decl, x.policy.input_keys, x.warn);
      x.diagnostics.event({ kind: 'load_input', name: decl.name, rows, elapsedMs: ms });
      inputs.push({ name: decl.name, path: `table:${table}`, bytes: 0, blake3: '' });
      x.done.rows.set(decl.name, rows);
      if (x.collecting) x.diagnostics.scanned({ input: decl.name, path: `table:${table}`, format: 'table', bytes: 0, blake3: '', rows, rowGroups: null, elapsedMs: ms });
      continue;
    }
    const absPath = path.resolve(opts.specDir, decl.path);
    const { value: rows, ms } = await timed(() => x.backend.loadInput(decl, absPath));
    await checkInputKey(x.backend, decl, x.policy.input_keys, x.warn);
    x.diagnostics.event({ kind: 'load_input', name: decl.name, rows, elapsedMs: ms });
    const fingerprint = await fileBlake3(absPath);
    inputs.push({ name: decl.name, path: decl.path, ...fingerprint });
    x.done.rows.set(decl.name, rows);
    if (x.collecting) {
      const rowGroups = decl.format === 'parquet' ? await (await x.writer()).parquetRowGroups(absPath) : null;
      x.diagnostics.scanned({ input: decl.name, path: decl.path, format: decl.format, ...fingerprint, rows, rowGroups, elapsedMs: ms });
    }
  }
  return inputs;
}

/** The schema of an input or a view of `program`, by name. */
function relationSchema(program: Program, name: string): Schema {
  const input = program.inputs.find((i) => i.name === name);
  if (input) return input.schema;
  const view = program.views.find((v) => v.name === name);
  if (!view) throw internal(`no input or view ${name}`);
  return schemaOf(view.rel);
}

function progress(opts: RunOptions, x: Execution, phase: RunProgress['phase'], done: number, total: number, name: string, rows: number): void {
  if (!opts.onProgress) return;
  if (done === 1) x.done.progressRows = 0; // rows per phase: the views', then the outputs'
  x.done.progressRows += rows;
  opts.onProgress({ phase, done, total, name, rows, totalRows: x.done.progressRows, elapsedMs: performance.now() - x.startedAt });
}

/** From this many views on, the compile artifacts are computed on a worker thread while the views run. */
const ARTIFACTS_OFF_THREAD = 100;

/**
 * The `rule_compile_artifacts` rows of the views compiled so far (all of them after a finished
 * run): computed here, or completed with what a worker computed meanwhile.
 */
function recordArtifacts(program: Program, opts: RunOptions, x: Pick<Execution, 'diagnostics' | 'done'>, worker?: ArtifactsWorker): void {
  const compiled = x.done.compiled;
  const here = (i: number) => {
    const c = compiled[i]!;
    return compileArtifact(program, c.view, { dialect: c.dialect as Dialect, sql: c.sql }, (p, v, d) => lowerIn(opts, p, v, d), opts.substraitArtifacts !== false);
  };
  // The worker leaves out the statement of the engine's dialect, which the run printed; a view
  // that fell back ran another dialect's, so its artifact is computed here.
  const finish = (i: number, a: CompileArtifact) => (compiled[i]!.dialect === worker!.dialect ? withSql(a, worker!.dialect, compiled[i]!.sql) : here(i));
  const artifacts = worker ? worker.complete(here, finish) : compiled.map((_, i) => here(i));
  compiled.forEach((c, i) => x.diagnostics.compiled(c, artifacts[i]!, c.policyFlags));
}

async function materializeViews(program: Program, opts: RunOptions, x: Execution): Promise<ManifestView[]> {
  const dialect = x.backend.caps.dialect;
  const views = x.done.views;
  // A long run computes the artifacts on another thread meanwhile (the worker lowers with the
  // default lowering, so only a run that uses it); a short one after its views, here.
  const offThread = x.collecting && program.views.length >= ARTIFACTS_OFF_THREAD && (opts.lower ?? lowerViewForExecution) === lowerViewForExecution
    ? artifactsOffThread(program, dialect, opts.substraitArtifacts !== false)
    : undefined;
  try {
    await materializeEach(program, opts, x, views);
  } catch (e) {
    offThread?.cancel();
    throw e;
  }
  // What the worker has not reached (it failed to start, say, or the engine left it no CPU) is computed here.
  if (x.collecting) recordArtifacts(program, opts, x, offThread);
  return views;
}

async function materializeEach(program: Program, opts: RunOptions, x: Execution, views: ManifestView[]): Promise<void> {
  for (const view of program.views) {
    const rowsOf = (name: string) => x.diagnostics.events.find((e) => e.name === name && e.kind !== 'write_output')?.rows;
    const lane = await routeView({ view: view.name, rel: view.rel, backend: x.backend, lower: (d) => lowerIn(opts, program, view.name, d), policy: x.policy, rows: rowsOf, warn: x.warn });
    const { lowered } = lane;
    const binds = bindValues(lowered.params, x.params);
    const signature = x.signatures.get(view.name) ?? '';
    if (x.collecting) {
      // The policies that concern the view: the shims it calls, the engine it fell back to.
      const policyFlags = [...lane.shims.map((f) => `shim:${f}`), ...(lane.fallback ? [`fallback:${lane.fallback.to}`] : [])];
      x.done.compiled.push({ view: view.name, ruleName: view.name, signature, lane: lane.lane, dialect: lane.dialect, sql: lowered.sql, params: lowered.params, plan: planText(view.rel), policyFlags });
    }
    x.diagnostics.lane(view.name, lane.lane, lane.engine, lane.reason);
    if (lane.fallback) x.diagnostics.fallback(view.name, lane.fallback.from, lane.fallback.to, lane.fallback.reason);
    const schema = schemaOf(view.rel);
    const cpu0 = x.collecting ? process.cpuUsage() : undefined;
    let rows: number;
    let ms: number;
    if (lane.engine !== x.backend.kind) {
      // A fallback (policy.fallbacks: allow): on the other engine, what it reads copied there and its table back.
      const reads = relationsRead(view.rel).map((name) => ({ name, schema: relationSchema(program, name) }));
      const explain = opts.explain === true || opts.analyze === true; // the plan only: the profile would be of the other engine's INSERT
      const fell = await timed(() => x.fallbacks.materialize(lane.engine, x.backend, x.writer, view.name, lowered.sql, binds, schema, reads, explain));
      ({ ms } = fell);
      rows = fell.value.rows;
      if (fell.value.plan !== undefined) x.diagnostics.explained(view.name, lane.engine, fell.value.plan, false);
    } else if (opts.analyze) {
      const profiled = await timed(() => x.backend.materializeProfiled(view.name, lowered.sql, binds, schema));
      ({ ms } = profiled);
      rows = profiled.value.rows;
      x.diagnostics.explained(view.name, x.backend.kind, profiled.value.profile, x.backend.caps.analyze);
    } else {
      if (opts.explain) x.diagnostics.explained(view.name, x.backend.kind, await x.backend.explain(lowered.sql, binds, view.name), false);
      ({ value: rows, ms } = await timed(() => x.backend.materialize(view.name, lowered.sql, binds, schema)));
    }
    x.diagnostics.event({ kind: 'materialize_view', name: view.name, rows, elapsedMs: ms });
    if (cpu0) {
      const cpu = process.cpuUsage(cpu0);
      const inputRows = relationsRead(view.rel).reduce((n, r) => n + (x.done.rows.get(r) ?? 0), 0);
      x.diagnostics.metrics(view.name, { rowsOut: rows, inputRows, wallMs: ms, cpuMs: Math.round((cpu.user + cpu.system) / 1000 * 1000) / 1000, peakRssBytes: process.resourceUsage().maxRSS * 1024 });
    }
    views.push({ name: view.name, signature, rows });
    x.done.rows.set(view.name, rows);
    progress(opts, x, 'views', views.length, program.views.length, view.name, rows);
  }
}

/**
 * Writes (with a bundle) and digests one output. An engine with `outputs` (DuckDB) does both
 * itself: COPY of the sorted query, digest of the view's table. Otherwise (SQLite) the sorted
 * rows stream in chunks into the DuckDB output writer, which writes and digests them.
 */
async function writeOutput(x: Execution, sql: string, binds: readonly BindValue[], schema: Schema, view: string, file: OutputFile | undefined): Promise<RowsDigest> {
  const engine = x.backend.outputs;
  if (engine) {
    if (file) await engine.copy(sql, binds, schema, file, view);
    return engine.digest(view, schema);
  }
  const stage = await (await x.writer()).stage(schema);
  try {
    await x.backend.streamRows(sql, binds, schema, (rows) => stage.append(rows), view);
  } catch (e) {
    await stage.discard();
    throw e;
  }
  return stage.finish(file);
}

/** The first `collect` rows of the output, read from the engine (nothing when not asked). */
async function collectRows(x: Execution, sql: string, binds: readonly BindValue[], schema: Schema, view: string, collect: number | 'all' | undefined): Promise<CanonicalRow[] | undefined> {
  if (collect === undefined) return undefined;
  const limit = collect === 'all' ? Number.POSITIVE_INFINITY : collect;
  const rows: CanonicalRow[] = [];
  if (limit <= 0) return rows;
  await x.backend.streamRows(sql, binds, schema, (chunk) => {
    for (const row of chunk) {
      if (rows.length >= limit) return false;
      rows.push(row);
    }
    return rows.length < limit;
  }, view);
  return rows;
}

/**
 * Every view is a table by now: the inputs and views no output reads are dropped, so that the
 * engine's memory holds only what the outputs' COPY and digest read (the backend is closed at
 * the end of the run anyway).
 */
async function dropUnread(program: Program, x: Execution): Promise<void> {
  const read = new Set(program.outputs.map((o) => o.from));
  for (const name of [...program.views.map((v) => v.name).reverse(), ...program.inputs.map((i) => i.name)]) {
    if (!read.has(name)) await x.backend.dropTable(name);
  }
}

async function readOutputs(program: Program, opts: RunOptions, x: Execution): Promise<OutputResult[]> {
  const results: OutputResult[] = [];
  for (const out of program.outputs) {
    const view = program.views.find((v) => v.name === out.from);
    if (!view) throw new RelcError('UNKNOWN_RELATION', `output ${out.name} reads unknown view ${out.from}`, { details: { output: out.name, view: out.from } });
    const schema = schemaOf(view.rel);
    await checkOutputKey(x.backend, out, schema);
    const sorted = withOutputView(program, out, view);
    // The name becomes a file name: never a path (a Program may come from a library user, not a spec).
    if (!/^[\w][\w.-]*$/.test(out.name)) throw new RelcError('OUTPUT_WRITE_FAILED', `output name ${JSON.stringify(out.name)} cannot be a file name`, { details: { output: out.name } });
    const partitionBy = out.partitionBy?.map((c) => schema.findIndex((f) => f.name === c));
    const file = partitionBy ? `outputs/${out.name}` : `outputs/${out.name}.${OUTPUT_EXTENSIONS[out.format]}`;
    const lowered = lowerIn(opts, sorted.program, sorted.name, x.backend.caps.dialect);
    const binds = bindValues(lowered.params, x.params);
    let fileSchema = schema;
    const { value: digest, ms } = await timed(async () => {
      // Columns are named as the lowering names them: the view's names, made unique where a
      // view has two columns of one name (e.g. a join's `id` and `id_2`).
      const names = await x.backend.columnNames(lowered.sql, binds, out.from);
      if (names.length !== schema.length) throw internal(`output ${out.name}: the SQL has ${names.length} columns, view ${out.from} has ${schema.length}`);
      fileSchema = schema.map((f, i) => (f.name === names[i] ? f : { ...f, name: names[i]! }));
      const target: OutputFile | undefined = x.bundle
        ? { absPath: path.join(x.bundle.staging, file), format: out.format, metadata: outputContract(program, out, schema, opts.specHash, x.signatures.get(out.from) ?? ''), ...(partitionBy ? { partitionBy } : {}) }
        : undefined;
      return writeOutput(x, lowered.sql, binds, fileSchema, out.from, target);
    });
    x.diagnostics.event({ kind: 'write_output', name: out.name, rows: digest.rows, elapsedMs: ms });
    progress(opts, x, 'outputs', results.length + 1, program.outputs.length, out.name, digest.rows);
    const data = await collectRows(x, lowered.sql, binds, fileSchema, out.from, opts.collect);
    const table = opts.arrow ? await x.backend.queryArrow(lowered.sql, binds, fileSchema, out.from) : undefined;
    x.queries.set(out.name, { sql: lowered.sql, binds, schema: fileSchema, view: out.from });
    results.push({ name: out.name, from: out.from, path: file, schema: fileSchema, rows: digest.rows, contentHash: contentHash(fileSchema, digest), ...(data ? { data } : {}), ...(table ? { table } : {}) });
  }
  return results;
}

/** The version of the contract an output file states (CONTRACTS.md, "Output files"). */
export const OUTPUT_CONTRACT_VERSION = '1';

/**
 * The contract stamped on every Parquet output file as key-value metadata: which pack, output
 * and rule produced it under which spec_hash and view signature, its row order (the total order
 * the file is sorted by), declared key, partitioning and the determinism tier (the profile).
 */
export function outputContract(program: Program, out: OutputDecl, schema: Schema, specHash: string, signature: string): Record<string, string> {
  const order = outputOrder(out, schema).map((k) => `${k.expr.kind === 'col' ? schema[k.expr.index]!.name : exprText(k.expr, schema)} ${k.direction} nulls ${k.nulls}`);
  return {
    'relc.contract': `${program.name}.${out.name}`,
    'relc.contract_version': OUTPUT_CONTRACT_VERSION,
    'relc.relc_version': RELC_VERSION,
    'relc.spec_hash': specHash,
    'relc.rule': out.from,
    'relc.view_signature': signature,
    'relc.order_by': order.join(', '),
    'relc.determinism': program.profile,
    ...(out.key ? { 'relc.key': out.key.join(', ') } : {}),
    ...(out.partitionBy ? { 'relc.partition_by': out.partitionBy.join(', ') } : {}),
  };
}

/**
 * What a run's results depend on besides the rule pack's text and the input files' bytes: relc
 * and the engine (version, the settings relc applied, its shims by the BLAKE3 of their
 * definitions, the extensions loaded), how each input was registered, the optimizer's passes.
 * `envelope_hash` is over exactly this; a replay is valid only when it and spec_hash match.
 * The memory limit is the one asked for (null: the engine's default, which depends on the
 * machine and cannot change a result).
 */
async function envelopeOf(program: Program, opts: RunOptions, backend: Backend): Promise<Record<string, unknown>> {
  return {
    relc_version: RELC_VERSION,
    spec_hash: opts.specHash,
    engine: backend.kind,
    // Inside a host's engine (attachBackend): where relc's tables were.
    ...(opts.engine ? { host_namespace: backend.namespace ?? null } : {}),
    engine_version: backend.version,
    engine_settings: [...backend.setup.applied],
    engine_extensions: await backend.extensions(),
    threads: backend.settings.threads,
    memory_limit: opts.memoryLimit ?? null,
    profile: program.profile,
    passes: [],
    functions: {
      registry: [...REGISTRY.keys()].sort(),
      engine: Object.fromEntries(Object.keys(backend.setup.shims).sort().map((name) => [name, blake3Hex(backend.setup.shims[name]!)])),
    },
    inputs: program.inputs.map((decl) => ({
      name: decl.name,
      path: decl.path,
      format: decl.format,
      schema: decl.schema.map((f) => [f.name, typeToString(f.type), f.nullable]),
      key: decl.key ?? null,
    })),
    ...opts.envelopeExtras,
  };
}

function writeText(absPath: string, text: string): void {
  try {
    writeFileSync(absPath, text);
  } catch (e) {
    throw new RelcError('OUTPUT_WRITE_FAILED', `cannot write ${absPath}: ${(e as Error).message}`, { details: { path: absPath }, cause: e });
  }
}

/**
 * Writes a failed run's manifest (the error, what had finished) and its diagnostics (the
 * `errors` row among them) into the staging directory that is about to be kept. Best effort:
 * the run's own error is what the caller sees, whatever happens here.
 */
async function recordFailure(
  program: Program, bundle: BundleDir, opts: RunOptions, params: ReadonlyMap<string, BoundParam>, done: Execution['done'], diagnostics: Diagnostics, e: unknown, writer: () => Promise<OutputWriter>,
): Promise<void> {
  const error = isRelcError(e) ? e : internal(e instanceof Error ? e.message : String(e));
  diagnostics.failed(error);
  if (diagnostics.rows.rule_compile_artifacts.length === 0) {
    try {
      recordArtifacts(program, opts, { diagnostics, done }); // the views that had compiled
    } catch {
      // a view that does not lower is the run's error itself
    }
  }
  const manifest: FailedRunManifest = {
    relc_version: RELC_VERSION,
    spec_hash: opts.specHash,
    status: 'failed',
    error: error.toJSON(),
    params: paramsForManifest(params),
    inputs: done.inputs,
    views: done.views,
  };
  try {
    writeText(path.join(bundle.staging, 'manifest.json'), `${canonicalJsonPretty(manifest)}\n`);
    if (opts.diagnostics !== false) await diagnostics.write(await writer(), bundle.staging);
  } catch {
    // the partial bundle is kept without them
  }
}

/** Executes `program` end to end; see RunOptions. Throws RelcError; a failed run writes nothing. */
export async function runProgram(program: Program, opts: RunOptions): Promise<RunResult> {
  return (await executeProgram(program, opts, false)).result;
}

/** A run whose engine is still open (`keepOpen`): the outputs' tables are in it, read by `queries`. */
export interface ExecutedRun {
  readonly result: RunResult;
  readonly backend: Backend;
  readonly queries: ReadonlyMap<string, OutputQuery>;
}

/**
 * runProgram; with `keepOpen` a successful run leaves its engine open for the caller (open-run.ts),
 * who closes it (an attached `opts.engine` is never closed here either way).
 */
export async function executeProgram(program: Program, opts: RunOptions, keepOpen: boolean): Promise<ExecutedRun> {
  await initHashing();
  const signatures = opts.signatures ?? signViews(program);
  checkParamNames(program, opts.params); // a misspelt --param before the names it leaves missing
  if (opts.tables && !opts.engine) throw new RelcError('USAGE_ERROR', 'inputs from tables need the engine that holds them (RunOptions.engine, from attachBackend)', { details: { tables: Object.keys(opts.tables) } });
  const unknownTables = Object.keys(opts.tables ?? {}).filter((n) => !program.inputs.some((i) => i.name === n));
  if (unknownTables.length > 0) throw new RelcError('USAGE_ERROR', `tables given for inputs the pack does not declare: ${unknownTables.join(', ')} (declared: ${program.inputs.map((i) => i.name).join(', ')})`, { details: { unknown: unknownTables } });
  // every missing input and parameter at once (inputs read from tables need no file)
  checkNothingMissing({ ...program, inputs: program.inputs.filter((i) => opts.tables?.[i.name] === undefined) }, opts.specDir, opts.params);
  const params = bindParams(program, opts.params); // bad parameters fail before anything is opened
  const bundle = opts.outDir !== undefined ? openBundleDir(opts.outDir) : undefined;
  let backend: Backend | undefined;
  let leaveOpen = false; // set once the run has succeeded with keepOpen
  let opened: Promise<OutputWriter> | undefined;
  const fallbacks = new FallbackEngines({ threads: opts.threads, memoryLimit: opts.memoryLimit });
  const writer = () => (opened ??= openOutputWriter());
  const collecting = bundle !== undefined && opts.diagnostics !== false;
  const diagnostics = new Diagnostics();
  const done: Execution['done'] = { inputs: [], views: [], rows: new Map(), compiled: [], progressRows: 0 };
  try {
    backend = opts.engine ?? (await openBackend(opts.backend, { threads: opts.threads, memoryLimit: opts.memoryLimit }));
    const warnings: RunWarning[] = [];
    const warn = (w: RunWarning) => {
      warnings.push(w);
      diagnostics.warning(w.code, w.message, w.subject);
    };
    for (const w of opts.warnings ?? []) warn(w);
    const x: Execution = { backend, diagnostics, params, signatures, bundle, writer, queries: new Map(), policy: effectivePolicy(opts.policy, program.profile), fallbacks, warn, collecting, done, startedAt: performance.now() };
    const inputs = await loadInputs(program, opts, x);
    const views = await materializeViews(program, opts, x);
    if (!opts.engine) await dropUnread(program, x); // in a host's engine every view stays, as a table
    const outputs = await readOutputs(program, opts, x);
    const fellBack = fallbacks.versions();
    // Engines views fell back to are part of what the results depend on (absent when none did).
    const envelope = { ...(await envelopeOf(program, opts, backend)), ...(Object.keys(fellBack).length > 0 ? { fallback_engines: fellBack } : {}) };
    const manifest: RunManifest = {
      relc_version: RELC_VERSION,
      spec_hash: opts.specHash,
      ...(bundle && opts.specPath !== undefined ? { spec_path: path.relative(bundle.target, path.resolve(opts.specPath)).split(path.sep).join('/') } : {}),
      envelope,
      envelope_hash: blake3Hex(canonicalJson(envelope)),
      params: paramsForManifest(params),
      inputs,
      views,
      outputs: outputs.map((o) => ({ name: o.name, path: o.path, rows: o.rows, content_hash: o.contentHash })),
      warnings: warnings.map(({ code, message, subject }) => ({ code, message, ...(subject === undefined ? {} : { subject }) })),
    };
    if (bundle) {
      if (opts.diagnostics !== false) await x.diagnostics.write(await writer(), bundle.staging);
      if (opts.specText !== undefined) writeText(path.join(bundle.staging, 'spec.txt'), opts.specText);
      writeText(path.join(bundle.staging, 'manifest.json'), `${canonicalJsonPretty(manifest)}\n`);
      if (opts.intoBundle) await opts.intoBundle(bundle.staging);
      commitBundleDir(bundle);
    }
    const explains = new Map(x.diagnostics.rows.engine_explain.map((r) => [r[0] as string, r[2] as string]));
    leaveOpen = keepOpen;
    return { result: { manifest, outputs, events: x.diagnostics.events, explains, bundleDir: bundle ? bundle.target : null, warnings }, backend, queries: x.queries };
  } catch (thrown) {
    const e = isRelcError(thrown) && opts.locateError ? opts.locateError(thrown) : thrown;
    if (bundle) await recordFailure(program, bundle, opts, params, done, diagnostics, e, writer);
    const kept = bundle ? abortBundleDir(bundle) : undefined;
    // The previous bundle at the target is untouched; the error says where the partial one is.
    if (kept !== undefined && e instanceof RelcError && e.details?.['partial_bundle'] === undefined) {
      throw new RelcError(e.code, e.message, { details: { ...e.details, partial_bundle: kept }, location: e.location, cause: e.cause });
    }
    throw e;
  } finally {
    if (opened) (await opened.catch(() => undefined))?.close();
    await fallbacks.close();
    if (!opts.engine && !leaveOpen) await backend?.close(); // an attached engine is the caller's to close
  }
}
