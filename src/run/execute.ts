// Composition for `relc run`: spec file → prepared (optimized) program → runProgram on a
// backend, with the optimizer's pass list recorded in the run envelope.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BackendKind } from '../backends/index.ts';
import { lowerViewForExecution } from '../lower/sql/index.ts';
import { passList } from '../optimize/index.ts';
import { loadSpecFile, prepareProgram, type OptimizeChoice } from './compile.ts';
import { runProgram, type RunResult } from './run-program.ts';

export interface RunSpecOptions extends OptimizeChoice {
  readonly backend: BackendKind;
  readonly threads?: number;
  readonly memoryLimit?: string;
  readonly outDir?: string;
  readonly params?: Readonly<Record<string, string>>;
  /** Profile each view's execution (`explain --analyze`). */
  readonly analyze?: boolean;
}

/** Compiles and runs the rule pack at `specFile`. */
export async function runSpecFile(specFile: string, opts: RunSpecOptions): Promise<RunResult> {
  const compiled = await loadSpecFile(specFile);
  const specText = await readFile(specFile, 'utf8');
  const prepared = await prepareProgram(compiled.program, opts, compiled);
  const profile = compiled.program.profile;
  return runProgram(prepared.program, {
    backend: opts.backend,
    threads: opts.threads,
    memoryLimit: opts.memoryLimit,
    outDir: opts.outDir,
    params: opts.params,
    specDir: path.dirname(path.resolve(specFile)),
    specHash: compiled.specHash,
    specText,
    specPath: specFile,
    analyze: opts.analyze,
    lower: lowerViewForExecution,
    signatures: prepared.signatures,
    envelopeExtras: { profile, passes: opts.optimize ? passList({ profile, disable: opts.disable }) : [] },
  });
}
