// Composition for `relc run`: spec file → prepared (optimized) program → runProgram on a
// backend, with the optimizer's pass list recorded in the run envelope.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Backend, BackendKind } from '../../backends/index.ts';
import { blake3Hex, initHashing, isRelcError, RelcError, type InputFormat, type Program } from '../../ir/index.ts';
import { lowerViewForExecution } from '../../lower/sql/index.ts';
import { passList } from '../../optimize/index.ts';
import { compileSpecText, locateIn, type CompiledSpec } from '../../spec/index.ts';
import { decodeSubstrait, NOT_A_PLAN } from '../../substrait/index.ts';
import { prepareProgram, type OptimizeChoice } from '../compose/compile.ts';
import { compilePackModule, isPackModule } from '../compose/pack-module.ts';
import { runProgram, type RunOptions, type RunProgress, type RunResult } from './run-program.ts';
import { openRun, type OpenRun } from './open-run.ts';

export interface RunSpecOptions extends OptimizeChoice {
  readonly backend: BackendKind;
  readonly threads?: number;
  readonly memoryLimit?: string;
  readonly outDir?: string;
  readonly params?: Readonly<Record<string, string>>;
  /** Profile each view's execution (`explain --analyze`). */
  readonly analyze?: boolean;
  /** Capture the engine's plan of every view (`run --explain`; off by default). */
  readonly explain?: boolean;
  /** Run inside this attached engine (attachBackend) rather than one of relc's own. */
  readonly engine?: Backend;
  /** Inputs read from tables of the attached engine: input name → table. */
  readonly tables?: Readonly<Record<string, string>>;
  /** Input files by name, replacing the paths the pack (or plan) declares (`--input name=path`). */
  readonly inputs?: Readonly<Record<string, string>>;
  /** Rows of each output returned in `data` (RunOptions.collect); absent: none. */
  readonly collect?: number | 'all';
  /** Each output whole as an Arrow table in `table` (RunOptions.arrow). */
  readonly arrow?: boolean;
  /** RunOptions.diagnostics: false writes no diagnostics (a benchmark's baseline). */
  readonly diagnostics?: boolean;
  /** RunOptions.substraitArtifacts: false records no Substrait plan per view (`relc run --no-substrait-artifacts`). */
  readonly substraitArtifacts?: boolean;
  /** RunOptions.onProgress. */
  readonly onProgress?: (p: RunProgress) => void;
}

/** A Substrait plan rather than a rule pack: protobuf bytes, or proto3 JSON with `relations`. */
function isSubstraitPlan(bytes: Buffer): boolean {
  if (!isText(bytes)) return !bytes.toString('utf8').trimStart().startsWith('relc');
  const text = bytes.toString('utf8').trimStart();
  return text.startsWith('{') && /"relations"\s*:/.test(text) && !/"relc"\s*:/.test(text);
}

/** UTF-8 text without NUL bytes (judged by the first 4 KiB). */
function isText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096);
  return !head.includes(0) && head.toString('utf8').length > 0 && Buffer.from(head.toString('utf8'), 'utf8').length === head.length;
}

/** Text a person wrote: no control characters but tab, line and page breaks (protobuf has them). */
function isPrintable(bytes: Buffer): boolean {
  return isText(bytes) && !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(bytes.subarray(0, 4096).toString('utf8'));
}

/**
 * The program of the plan in `file`; every SUBSTRAIT_DECODE_ERROR names the file. A text file
 * that is not JSON is told so, rather than how its bytes fail as protobuf.
 */
function decodePlanFile(file: string, bytes: Buffer): Program {
  const text = bytes.toString('utf8').trimStart();
  const json = text.startsWith('{');
  try {
    return decodeSubstrait(json ? text : new Uint8Array(bytes));
  } catch (e) {
    if (!isRelcError(e) || e.code !== 'SUBSTRAIT_DECODE_ERROR') throw e;
    const prose = !json && isPrintable(bytes) && e.message.startsWith(NOT_A_PLAN);
    const message = prose ? `${NOT_A_PLAN}: the file is text, and not JSON` : e.message;
    throw new RelcError('SUBSTRAIT_DECODE_ERROR', `${file}: ${message}`, { details: { ...e.details, ...(prose ? { path: 'plan' } : {}), file: path.resolve(file) } });
  }
}

export interface Runnable {
  readonly program: Program;
  readonly specHash: string;
  readonly specText?: string;
  readonly compiled?: CompiledSpec;
}

/**
 * Reads a rule pack (YAML/JSON, or a .ts/.js pack module) or a Substrait plan (binary/JSON) to run. A `.substrait` file is
 * a plan whatever its content; any other file is a plan when its content is one.
 */
export async function loadRunnable(file: string): Promise<Runnable> {
  if (isPackModule(file)) {
    const { compiled, text } = await compilePackModule(file);
    return { program: compiled.program, specHash: compiled.specHash, specText: text, compiled };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new RelcError('INPUT_NOT_FOUND', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { details: { path: path.resolve(file) } });
  }
  await initHashing();
  if (path.extname(file).toLowerCase() === '.substrait' || isSubstraitPlan(bytes)) {
    return { program: decodePlanFile(file, bytes), specHash: blake3Hex(new Uint8Array(bytes)) };
  }
  const specText = bytes.toString('utf8');
  const compiled = await compileSpecText(specText, file);
  return { program: compiled.program, specHash: compiled.specHash, specText, compiled };
}

const FORMAT_OF_EXTENSION: Readonly<Record<string, InputFormat>> = { csv: 'csv', parquet: 'parquet', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl' };

/** The program with `--input` paths in place of the declared ones (unknown names are errors). */
function withInputs(program: Program, inputs: Readonly<Record<string, string>> = {}): Program {
  const known = new Set(program.inputs.map((i) => i.name));
  for (const name of Object.keys(inputs)) {
    if (!known.has(name)) {
      throw new RelcError('UNKNOWN_RELATION', `--input ${name}: no input of that name; inputs: ${[...known].sort().join(', ') || '(none)'}`, { details: { name, available: [...known].sort() } });
    }
  }
  return {
    ...program,
    inputs: program.inputs.map((i) => {
      const given = inputs[i.name];
      if (given === undefined) return i;
      const format = FORMAT_OF_EXTENSION[path.extname(given).slice(1).toLowerCase()] ?? i.format;
      return { ...i, path: path.resolve(given), format };
    }),
  };
}

/** Compiles and runs the rule pack (or Substrait plan) at `specFile`. */
export async function runSpecFile(specFile: string, opts: RunSpecOptions): Promise<RunResult> {
  return runFile(specFile, opts, runProgram);
}

/** runSpecFile with the engine kept open to stream the outputs (openRun); the caller closes it. */
export async function openSpecFile(specFile: string, opts: RunSpecOptions): Promise<OpenRun> {
  return runFile(specFile, opts, openRun);
}

async function runFile<R>(specFile: string, opts: RunSpecOptions, execute: (program: Program, run: RunOptions) => Promise<R>): Promise<R> {
  const { program, specHash, specText, compiled } = await loadRunnable(specFile);
  const prepared = await prepareProgram(withInputs(program, opts.inputs), opts, compiled);
  const profile = program.profile;
  const run = execute(prepared.program, {
    backend: opts.backend,
    threads: opts.threads,
    memoryLimit: opts.memoryLimit,
    outDir: opts.outDir,
    params: opts.params,
    specDir: path.dirname(path.resolve(specFile)),
    specHash,
    specPath: specFile,
    ...(specText === undefined ? {} : { specText }),
    analyze: opts.analyze,
    explain: opts.explain,
    ...(opts.engine ? { engine: opts.engine } : {}),
    ...(opts.tables ? { tables: opts.tables } : {}),
    ...(opts.collect === undefined ? {} : { collect: opts.collect }),
    ...(opts.arrow === undefined ? {} : { arrow: opts.arrow }),
    ...(opts.diagnostics === undefined ? {} : { diagnostics: opts.diagnostics }),
    ...(opts.substraitArtifacts === undefined ? {} : { substraitArtifacts: opts.substraitArtifacts }),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(compiled ? { locateError: (e: RelcError) => locateRunError(e, compiled) as RelcError } : {}),
    lower: lowerViewForExecution,
    ...(compiled?.spec.policy ? { policy: compiled.spec.policy } : {}),
    ...(compiled ? { warnings: compiled.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.location ? { location: w.location } : {}) })) } : {}),
    signatures: prepared.signatures,
    envelopeExtras: { profile, passes: opts.optimize ? passList({ profile, disable: opts.disable }) : [] },
  });
  return compiled ? run.catch((e: unknown) => Promise.reject(locateRunError(e, compiled))) : run;
}

/**
 * Execution errors name a view or an input; in a rule pack those have a place: the rule that
 * defines the view, the input's `path` (unless an --input replaced it).
 */
function locateRunError(e: unknown, compiled: CompiledSpec): unknown {
  if (!isRelcError(e) || e.location) return e;
  const view = e.details?.['view'];
  if (typeof view === 'string' && compiled.locations.has(view)) return e.at(compiled.locations.get(view));
  const input = e.details?.['input'];
  if (typeof input === 'string' && Object.hasOwn(compiled.spec.inputs, input)) return e.at(locateIn(compiled.source, ['inputs', input, 'path']));
  return e;
}
