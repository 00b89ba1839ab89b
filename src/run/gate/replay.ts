// `relc replay <run-dir>`: re-runs the rule pack a run bundle records, with the recorded params,
// engine, threads and optimizer passes, and verifies spec_hash, input fingerprints, per-view
// signatures and per-output content hashes, naming exactly what differs (REPLAY_MISMATCH).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson, initHashing, isRelcError, RelcError, shortSignature, type Program } from '../../ir/index.ts';
import { isBackendKind, type BackendKind } from '../../backends/index.ts';
import { PASSES, passList } from '../../optimize/index.ts';
import { compileSpecText } from '../../spec/index.ts';
import { diffPrograms } from './diff.ts';
import { fileBlake3 } from '../execute/file-hash.ts';
import { loadRunnable, runSpecFile } from '../execute/execute.ts';
import type { RunManifest } from '../execute/run-program.ts';

/** The bundle's copy of the rule pack text, written by `relc run`. */
export const BUNDLE_SPEC_FILE = 'spec.txt';

export type FindingKind = 'manifest' | 'spec' | 'input' | 'param' | 'view' | 'output' | 'run' | 'envelope';

/** One thing that differs between the recorded run and the replay. */
export interface ReplayFinding {
  readonly kind: FindingKind;
  /** The view, output, input, param or envelope field concerned ('' for the whole spec or run). */
  readonly name: string;
  readonly message: string;
  readonly recorded?: unknown;
  readonly replayed?: unknown;
}

export interface ReplayOptions {
  /** The rule pack to replay (default: the path the manifest records, relative to the bundle). */
  readonly spec?: string;
  /**
   * Report envelope differences (another relc or engine version, other settings, shims,
   * extensions, passes…) as notes instead of mismatches: the user means to replay under a
   * changed envelope and compares results only.
   */
  readonly allowEnvelopeChange?: boolean;
}

export interface ReplayReport {
  readonly bundle: string;
  readonly spec: string;
  readonly ok: boolean;
  /** What makes the replay fail. */
  readonly mismatches: readonly ReplayFinding[];
  /** Differences that do not fail it (envelope differences under `allowEnvelopeChange`). */
  readonly notes: readonly ReplayFinding[];
  readonly checked: { readonly inputs: number; readonly views: number; readonly outputs: number };
}

const short = (s: unknown) => (typeof s === 'string' ? shortSignature(s) : String(s));

type Manifest = RunManifest;

function badBundle(bundle: string, message: string): RelcError {
  return new RelcError('REPLAY_MISMATCH', `${bundle} is not a replayable run bundle: ${message}`, { details: { bundle } });
}

function readManifest(bundle: string): Manifest {
  const file = path.join(bundle, 'manifest.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RelcError('INPUT_NOT_FOUND', `no run bundle at ${bundle}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { details: { path: path.resolve(file) } });
  }
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (e) {
    throw badBundle(bundle, `manifest.json is not JSON (${(e as Error).message})`);
  }
  const o = m as Record<string, unknown>;
  if (typeof o === 'object' && o !== null && o['status'] === 'failed') {
    const err = o['error'] as { code?: unknown; stage?: unknown; message?: unknown } | undefined;
    throw badBundle(bundle, `it is the partial bundle of a failed run (error[${String(err?.code)}] at stage ${String(err?.stage)}: ${String(err?.message)})`);
  }
  const arrays = ['inputs', 'views', 'outputs'] as const;
  if (typeof o !== 'object' || o === null || typeof o['spec_hash'] !== 'string' || typeof o['envelope'] !== 'object' || arrays.some((k) => !Array.isArray(o[k]))) {
    throw badBundle(bundle, 'manifest.json lacks spec_hash, envelope, inputs, views or outputs');
  }
  return m as Manifest;
}

/** Where the rule pack is: the option, else the manifest's `spec_path` (relative to the bundle). */
function specPathOf(bundle: string, manifest: Manifest, opts: ReplayOptions): string {
  if (opts.spec !== undefined) return opts.spec;
  if (typeof manifest.spec_path === 'string') {
    const file = path.join(bundle, manifest.spec_path);
    if (!existsSync(file)) {
      throw new RelcError('INPUT_NOT_FOUND', `the rule pack of ${bundle} is not at ${file} (its manifest's spec_path, relative to the bundle); pass --spec FILE`, { details: { path: path.resolve(file) } });
    }
    return file;
  }
  throw badBundle(bundle, 'its manifest does not record where the rule pack is (spec_path); pass --spec FILE');
}

/** `--param` texts that rebind the recorded values (NULLs are what an unset nullable param gets). */
function paramOverrides(program: Program, recorded: Readonly<Record<string, unknown>>, mismatches: ReplayFinding[]): Record<string, string> {
  const out: Record<string, string> = {};
  const declared = new Set(program.params.map((p) => p.name));
  for (const name of Object.keys(recorded).sort()) {
    const v = recorded[name];
    if (!declared.has(name)) {
      mismatches.push({ kind: 'param', name, message: `param ${name} was bound to ${JSON.stringify(v)} in the run but the rule pack no longer declares it`, recorded: v });
      continue;
    }
    if (v === null) continue;
    out[name] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

/** The optimizer choice that reproduces the recorded pass list. */
function optimizerChoice(profile: string, recorded: unknown, notes: ReplayFinding[]): { optimize: boolean; disable: string[] } {
  if (!Array.isArray(recorded)) return { optimize: true, disable: [] };
  const names = recorded.filter((p): p is string => typeof p === 'string');
  const unknown = names.filter((p) => !PASSES.has(p));
  if (unknown.length > 0) notes.push({ kind: 'envelope', name: 'passes', message: `passes of the recorded run that this relc does not have: ${unknown.join(', ')}`, recorded: names });
  const pipeline = passList({ profile });
  if (names.length === 0 && pipeline.length > 0) return { optimize: false, disable: [] };
  return { optimize: true, disable: pipeline.filter((p) => !names.includes(p)) };
}

async function checkInputs(manifest: Manifest, program: Program, specDir: string, mismatches: ReplayFinding[]): Promise<void> {
  const current = new Set(program.inputs.map((i) => i.name));
  for (const rec of manifest.inputs) {
    const abs = path.resolve(specDir, rec.path);
    if (!existsSync(abs)) {
      mismatches.push({ kind: 'input', name: rec.name, message: `input ${rec.name}: ${rec.path} no longer exists`, recorded: rec });
      continue;
    }
    const now = await fileBlake3(abs);
    if (now.blake3 !== rec.blake3 || now.bytes !== rec.bytes) {
      mismatches.push({
        kind: 'input',
        name: rec.name,
        message: `input ${rec.name} (${rec.path}) changed since the run: ${rec.bytes} → ${now.bytes} bytes, blake3 ${short(rec.blake3)} → ${short(now.blake3)}`,
        recorded: { bytes: rec.bytes, blake3: rec.blake3 },
        replayed: now,
      });
    }
  }
  const recorded = new Set(manifest.inputs.map((i) => i.name));
  for (const name of current) {
    if (!recorded.has(name)) mismatches.push({ kind: 'input', name, message: `input ${name} is declared now but was not read by the run` });
  }
}

/** What changed in the rule pack since the run, view by view (from the bundle's copy of it). */
async function specChanges(bundle: string, current: Program): Promise<string[]> {
  const copy = path.join(bundle, BUNDLE_SPEC_FILE);
  if (!existsSync(copy)) return [];
  try {
    const recorded = await compileSpecText(readFileSync(copy, 'utf8'), copy);
    const d = diffPrograms(recorded.program, current, { a: 'recorded', b: 'now' });
    const changed = d.views.filter((v) => v.status === 'changed' && v.definition_changed).map((v) => v.name);
    const parts: string[] = [];
    if (changed.length > 0) parts.push(`definition changed: ${changed.join(', ')}`);
    if (d.impacted.length > 0) parts.push(`downstream impacted: ${d.impacted.join(', ')}`);
    const added = d.views.filter((v) => v.status === 'added').map((v) => v.name);
    const removed = d.views.filter((v) => v.status === 'removed').map((v) => v.name);
    if (added.length > 0) parts.push(`views added: ${added.join(', ')}`);
    if (removed.length > 0) parts.push(`views removed: ${removed.join(', ')}`);
    for (const decl of d.declarations) parts.push(`${decl.kind} ${decl.name} ${decl.status}`);
    return parts;
  } catch {
    return []; // a copy this relc no longer compiles says nothing more than the hash does
  }
}

/**
 * Every difference between the recorded and the replayed envelope, one finding per field; an
 * object-valued field (functions, inputs, extensions…) names the entries that differ, e.g.
 * `envelope functions.engine.relc_upper: a1b2… in the run, c3d4… now`.
 */
export function envelopeDifferences(recorded: Readonly<Record<string, unknown>>, replayed: Readonly<Record<string, unknown>>, at = ''): ReplayFinding[] {
  const findings: ReplayFinding[] = [];
  const keys = [...new Set([...Object.keys(recorded), ...Object.keys(replayed)])].sort();
  for (const k of keys) {
    const [r, n] = [recorded[k], replayed[k]];
    if (canonicalJson(r) === canonicalJson(n)) continue;
    const name = `${at}${k}`;
    if (isRecord(r) && isRecord(n)) {
      findings.push(...envelopeDifferences(r, n, `${name}.`));
      continue;
    }
    const show = (v: unknown) => (v === undefined ? '(absent)' : Array.isArray(v) || isRecord(v) ? shown(canonicalJson(v)) : JSON.stringify(v));
    findings.push({ kind: 'envelope', name, message: `envelope ${name}: ${show(r)} in the run, ${show(n)} now`, recorded: r, replayed: n });
  }
  return findings;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** JSON text shown in a message: whole when short, else its start and length. */
const shown = (json: string) => (json.length <= 120 ? json : `${json.slice(0, 100)}… (${json.length} chars)`);

/** Replays a run bundle; the report says what matched and what differs. */
export async function replayBundle(bundle: string, opts: ReplayOptions = {}): Promise<ReplayReport> {
  await initHashing();
  const manifest = readManifest(bundle);
  const specFile = specPathOf(bundle, manifest, opts);
  const mismatches: ReplayFinding[] = [];
  const notes: ReplayFinding[] = [];
  const compiled = await loadRunnable(specFile);
  const program = compiled.program;
  if (compiled.specHash !== manifest.spec_hash) {
    const changes = compiled.compiled ? await specChanges(bundle, program) : [];
    mismatches.push({
      kind: 'spec',
      name: '',
      message: `rule pack ${specFile} changed since the run: spec_hash ${short(manifest.spec_hash)} → ${short(compiled.specHash)}${changes.length > 0 ? ` (${changes.join('; ')})` : ''}`,
      recorded: manifest.spec_hash,
      replayed: compiled.specHash,
    });
  }
  const specDir = path.dirname(path.resolve(specFile));
  await checkInputs(manifest, program, specDir, mismatches);
  // Inputs the run read from other files than the declared ones (`--input name=path`, and every
  // input of a Substrait plan) are read from those same files again.
  const declared = new Map(program.inputs.map((i) => [i.name, path.resolve(specDir, i.path)]));
  const inputs = Object.fromEntries(
    manifest.inputs.flatMap((rec) => {
      const abs = path.resolve(specDir, rec.path);
      return declared.has(rec.name) && declared.get(rec.name) !== abs ? [[rec.name, abs]] : [];
    }),
  );

  const env = manifest.envelope as Record<string, unknown>;
  const engine = env['engine'];
  if (typeof engine !== 'string' || !isBackendKind(engine)) throw badBundle(bundle, `its envelope names no engine this relc has (engine: ${JSON.stringify(engine)})`);
  const threads = typeof env['threads'] === 'number' ? env['threads'] : undefined;
  const memoryLimit = typeof env['memory_limit'] === 'string' ? env['memory_limit'] : undefined;
  const choice = optimizerChoice(program.profile, env['passes'], notes);
  const params = paramOverrides(program, manifest.params ?? {}, mismatches);

  let result;
  try {
    // The same composition as `relc run`, with the recorded settings, so a replay executes
    // exactly what the run executed.
    result = await runSpecFile(specFile, {
      backend: engine as BackendKind,
      ...(threads !== undefined ? { threads } : {}),
      ...(memoryLimit !== undefined ? { memoryLimit } : {}),
      params,
      inputs,
      optimize: choice.optimize,
      disable: choice.disable,
    });
  } catch (e) {
    if (!isRelcError(e) || e.code === 'INTERNAL') throw e;
    mismatches.push({ kind: 'run', name: '', message: `the replay failed: error[${e.code}]: ${e.message}`, replayed: e.toJSON() });
    return finish(bundle, specFile, mismatches, notes, { inputs: manifest.inputs.length, views: 0, outputs: 0 });
  }
  const now = result.manifest;
  compareRecords('param', manifest.params ?? {}, now.params, mismatches);
  compareViews(manifest, now, mismatches);
  compareOutputs(manifest, now, mismatches);
  // spec_hash has its own finding (above), with what changed in the pack.
  const { spec_hash: _recordedSpec, ...recordedEnvelope } = env;
  const { spec_hash: _replayedSpec, ...replayedEnvelope } = now.envelope;
  (opts.allowEnvelopeChange ? notes : mismatches).push(...envelopeDifferences(recordedEnvelope, replayedEnvelope));
  return finish(bundle, specFile, mismatches, notes, { inputs: manifest.inputs.length, views: manifest.views.length, outputs: manifest.outputs.length });
}

function finish(bundle: string, spec: string, mismatches: ReplayFinding[], notes: ReplayFinding[], checked: ReplayReport['checked']): ReplayReport {
  return { bundle, spec, ok: mismatches.length === 0, mismatches, notes, checked };
}

function compareRecords(kind: 'param', recorded: Readonly<Record<string, unknown>>, replayed: Readonly<Record<string, unknown>>, out: ReplayFinding[]): void {
  for (const name of Object.keys(replayed).sort()) {
    if (!Object.hasOwn(recorded, name)) {
      out.push({ kind, name, message: `param ${name} is bound to ${JSON.stringify(replayed[name])} now but was not in the run`, replayed: replayed[name] });
    } else if (canonicalJson(recorded[name]) !== canonicalJson(replayed[name])) {
      out.push({ kind, name, message: `param ${name}: ${JSON.stringify(recorded[name])} in the run, ${JSON.stringify(replayed[name])} now`, recorded: recorded[name], replayed: replayed[name] });
    }
  }
}

/**
 * Records matched by name between the run and the replay: one missing from the replay, one new in
 * it, or one `differ` reports (in the recorded order, then the new ones in the replay's order).
 */
function compareByName<T extends { readonly name: string }>(
  kind: 'view' | 'output',
  was: readonly T[],
  now: readonly T[],
  say: { readonly missing: (name: string) => string; readonly added: (name: string) => string; readonly differ: (was: T, now: T) => Omit<ReplayFinding, 'kind' | 'name'> | undefined },
  out: ReplayFinding[],
): void {
  const replayed = new Map(now.map((r) => [r.name, r]));
  for (const w of was) {
    const r = replayed.get(w.name);
    const finding = r ? say.differ(w, r) : { message: say.missing(w.name), recorded: w };
    if (finding) out.push({ kind, name: w.name, ...finding });
  }
  const recorded = new Set(was.map((w) => w.name));
  for (const r of now) if (!recorded.has(r.name)) out.push({ kind, name: r.name, message: say.added(r.name), replayed: r });
}

function compareViews(was: Manifest, now: RunManifest, out: ReplayFinding[]): void {
  compareByName('view', was.views, now.views, {
    missing: (name) => `view ${name} ran in the recorded run but not in the replay`,
    added: (name) => `view ${name} runs now but was not in the recorded run`,
    differ: (v, r) => {
      if (r.signature !== v.signature) return { message: `view ${v.name}: signature ${short(v.signature)} → ${short(r.signature)}`, recorded: v.signature, replayed: r.signature };
      if (r.rows !== v.rows) return { message: `view ${v.name}: ${v.rows} rows in the run, ${r.rows} now (same signature)`, recorded: v.rows, replayed: r.rows };
      return undefined;
    },
  }, out);
}

function compareOutputs(was: Manifest, now: RunManifest, out: ReplayFinding[]): void {
  compareByName('output', was.outputs, now.outputs, {
    missing: (name) => `output ${name} was written by the run but not by the replay`,
    added: (name) => `output ${name} is written now but was not by the run`,
    differ: (o, r) => {
      if (r.content_hash === o.content_hash) return undefined;
      const rows = r.rows !== o.rows ? ` (${o.rows} → ${r.rows} rows)` : ` (${o.rows} rows both)`;
      return {
        message: `output ${o.name}: content_hash ${short(o.content_hash)} → ${short(r.content_hash)}${rows}`,
        recorded: { content_hash: o.content_hash, rows: o.rows },
        replayed: { content_hash: r.content_hash, rows: r.rows },
      };
    },
  }, out);
}

/** The text report of a replay. */
export function renderReplayReport(r: ReplayReport): string {
  const lines: string[] = [];
  for (const n of r.notes) lines.push(`note: ${n.message}`);
  if (r.ok) lines.push(`replay ok: ${r.bundle}: spec_hash, ${r.checked.inputs} input fingerprints, ${r.checked.views} view signatures and ${r.checked.outputs} output content hashes match`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The REPLAY_MISMATCH error of a failed replay: every difference, one per line. */
export function replayMismatch(r: ReplayReport): RelcError {
  const lines = r.mismatches.map((m) => `  ${m.message}`);
  return new RelcError('REPLAY_MISMATCH', `replay of ${r.bundle} does not match the recorded run (${r.mismatches.length} difference${r.mismatches.length === 1 ? '' : 's'}):\n${lines.join('\n')}`, {
    details: { bundle: r.bundle, spec: r.spec, mismatches: r.mismatches, notes: r.notes },
  });
}
