// The rule pack run over the extracted tables: the pack's declared inputs are read from the
// tables directory (paths `<table>.jsonl` relative to it, so the manifest does not name a
// temporary directory).

import path from 'node:path';
import type { Backend, BackendKind } from '../backends/index.ts';
import { RelcError } from '../ir/index.ts';
import { TABLE_NAMES } from '../extract/tables.ts';
import { prepareProgram } from '../run/compose/compile.ts';
import { loadRunnable } from '../run/execute/execute.ts';
import { lowerViewForExecution } from '../lower/sql/index.ts';
import { passList } from '../optimize/index.ts';
import { runProgram, type RunResult } from '../run/execute/run-program.ts';

export interface RunPackOptions {
  readonly backend: BackendKind;
  readonly threads?: number;
  readonly memoryLimit?: string;
  readonly outDir?: string;
  readonly optimize: boolean;
  readonly intoBundle?: (staging: string) => void;
  /** Rows of each output returned in `data` (RunOptions.collect); absent: none. */
  readonly collect?: number | 'all';
  /** Run inside this open backend (RunOptions.engine). */
  readonly engine?: Backend;
}

export async function runPack(packFile: string, tablesDir: string, opts: RunPackOptions): Promise<RunResult> {
  const { program, specHash, specText, compiled } = await loadRunnable(packFile);
  const tables = new Set<string>(TABLE_NAMES);
  const unknown = program.inputs.filter((i) => !tables.has(i.name));
  if (unknown.length > 0) {
    throw new RelcError('UNKNOWN_RELATION', `the pack ${packFile} reads input ${unknown[0]!.name}, which extraction does not write; tables: ${TABLE_NAMES.join(', ')}`, { details: { input: unknown[0]!.name, available: [...TABLE_NAMES] } });
  }
  const withTables = { ...program, inputs: program.inputs.map((i) => ({ ...i, path: `${i.name}.jsonl`, format: 'jsonl' as const })) };
  const prepared = await prepareProgram(withTables, { optimize: opts.optimize, disable: [] }, compiled);
  return runProgram(prepared.program, {
    backend: opts.backend,
    threads: opts.threads,
    memoryLimit: opts.memoryLimit,
    outDir: opts.outDir,
    specDir: tablesDir,
    specHash,
    specPath: path.resolve(packFile),
    ...(specText === undefined ? {} : { specText }),
    lower: lowerViewForExecution,
    signatures: prepared.signatures,
    envelopeExtras: { profile: program.profile, passes: opts.optimize ? passList({ profile: program.profile, disable: [] }) : [] },
    ...(opts.intoBundle ? { intoBundle: opts.intoBundle } : {}),
    ...(opts.collect === undefined ? {} : { collect: opts.collect }),
    ...(opts.engine ? { engine: opts.engine } : {}),
  });
}
