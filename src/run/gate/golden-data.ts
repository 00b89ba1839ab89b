// The `data` section of a golden case: what its rule pack computes, not only how it compiles.
// A case with a `# run: <backend> …` header runs its pack (inputs at the pack's paths) or, with
// `# build: <dir>`, `relc build`s that directory of Python code with it, on each backend named,
// optimized, and once more unoptimized on the first. The section records the invariants of the
// data (the seeds' golden contract): the rows of every view the rules define, every output's
// rows and content hash, each output's declared key (checked by the run: a violation is the
// run's OUTPUT_KEY_VIOLATION), and for every view that carries candidates (an
// `ambiguity_group_id` or an `is_winner` column) that all four ambiguity columns are there and
// that each group has exactly one winner. The runs must agree; when they do not, the section
// lists each run under its own heading, so the disagreement is the diff.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isRelcError, RelcError, schemaOf, T, typeEquals, type Program, type Schema } from '../../ir/index.ts';
import type { Backend, BackendKind } from '../../backends/index.ts';
import { BACKEND_KINDS } from '../../backends/kinds.ts';
import type { CompiledSpec } from '../../spec/index.ts';
import { lowerRel, lowerViewForExecution } from '../../lower/sql/index.ts';
import { parseSelect } from '../../sql/index.ts';
import { prepareProgram } from '../compose/compile.ts';
import type { RunResult } from '../execute/run-program.ts';
import { errorText } from './golden-format.ts';

/** The columns a view that carries candidates has (DESIGN.md §7: every candidate is a row). */
export const AMBIGUITY_COLUMNS = ['confidence', 'ambiguity_group_id', 'rank', 'is_winner'] as const;

export interface DataRequest {
  readonly backends: readonly BackendKind[];
  /** `# build:` — a directory of Python code, built with the case's pack (absolute). */
  readonly build?: string;
  /** The pack file (a build needs one; absolute). */
  readonly specFile?: string;
  /** Input paths are relative to this directory. */
  readonly specDir: string;
}

/** Parses `# run: duckdb sqlite` (comma or space separated); errors point at the header. */
export function parseRunHeader(value: string, file: string): BackendKind[] {
  const names = value.split(/[\s,]+/).filter((s) => s !== '');
  if (names.length === 0) throw new RelcError('SPEC_BAD_VALUE', `'# run:' names the backends to run on (${BACKEND_KINDS.join(', ')})`, { location: { file, line: 1, col: 1 } });
  const kinds: BackendKind[] = [];
  for (const n of names) {
    const kind = BACKEND_KINDS.find((k) => k === n);
    if (!kind) throw new RelcError('SPEC_BAD_VALUE', `'# run:' names an unknown backend '${n}' (backends: ${BACKEND_KINDS.join(', ')})`, { location: { file, line: 1, col: 1 } });
    if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds;
}

interface RunLabel {
  readonly backend: BackendKind;
  readonly optimize: boolean;
}

const labelText = (l: RunLabel): string => `${l.backend}${l.optimize ? '' : ' unoptimized'}`;

/** The data section of a case: its program as written (the views the rules define) and its compiled form. */
export async function dataSection(written: Program, compiled: CompiledSpec | undefined, req: DataRequest): Promise<string> {
  const runs: RunLabel[] = [...req.backends.map((backend) => ({ backend, optimize: true })), { backend: req.backends[0]!, optimize: false }];
  const texts: string[] = [];
  for (const label of runs) texts.push(await oneRun(written, compiled, req, label));
  const heading = `run: ${runs.map(labelText).join(', ')}`;
  if (texts.every((t) => t === texts[0])) return `${heading}: equal\n${texts[0]!}`;
  return `${heading}: DIFFERENT\n${runs.map((l, i) => `== ${labelText(l)}\n${texts[i]!}`).join('\n')}`;
}

async function oneRun(written: Program, compiled: CompiledSpec | undefined, req: DataRequest, label: RunLabel): Promise<string> {
  const { openBackend } = await import('../../backends/index.ts');
  const engine = await openBackend(label.backend, { threads: 2 });
  const tmp = mkdtempSync(path.join(tmpdir(), 'relc-golden-data-'));
  try {
    let run: RunResult;
    try {
      run = await execute(written, compiled, req, label, engine, tmp);
    } catch (e) {
      if (!isRelcError(e) || e.code === 'INTERNAL') throw e;
      return errorText(e).split(tmp).join('<bundle>');
    }
    return await invariants(written, run, engine);
  } finally {
    await engine.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function execute(written: Program, compiled: CompiledSpec | undefined, req: DataRequest, label: RunLabel, engine: Backend, tmp: string): Promise<RunResult> {
  if (req.build !== undefined) {
    const { buildCpg } = await import('../../build/build.ts');
    const built = await buildCpg({ dir: req.build, outDir: path.join(tmp, 'bundle'), backend: label.backend, jobs: 1, pack: req.specFile, optimize: label.optimize, clean: true, engine });
    return built.run;
  }
  const { runProgram } = await import('../execute/run-program.ts');
  const prepared = await prepareProgram(written, { optimize: label.optimize, disable: [] }, compiled);
  return runProgram(prepared.program, {
    backend: label.backend, engine, specDir: req.specDir, specHash: 'golden', lower: lowerViewForExecution, signatures: prepared.signatures,
    ...(compiled?.spec.policy ? { policy: compiled.spec.policy } : {}),
  });
}

/** The lines of one run: views (as the rules define them, in the case's order), outputs, candidates. */
async function invariants(written: Program, run: RunResult, engine: Backend): Promise<string> {
  const rows = new Map(run.manifest.views.map((v) => [v.name, v.rows]));
  const lines: string[] = [];
  for (const v of written.views) lines.push(`view ${v.name} rows=${rows.get(v.name) ?? '?'}`);
  for (const o of run.outputs) {
    lines.push(`output ${o.name} rows=${o.rows} content_hash=${o.contentHash}`);
    const key = written.outputs.find((d) => d.name === o.name)?.key;
    if (key) lines.push(`output ${o.name} key (${key.join(', ')}): unique`);
  }
  for (const v of written.views) {
    const line = await candidates(v.name, schemaOf(v.rel), engine);
    if (line) lines.push(line);
  }
  return lines.join('\n');
}

/**
 * For a view with candidate rows: the ambiguity columns it lacks, or its groups, how many have
 * several candidates and how many do not have exactly one winner (measured in the engine).
 */
async function candidates(view: string, schema: Schema, engine: Backend): Promise<string | undefined> {
  const has = (c: string) => schema.find((f) => f.name === c);
  if (!has('ambiguity_group_id') && !has('is_winner')) return undefined;
  const missing = AMBIGUITY_COLUMNS.filter((c) => !has(c));
  if (missing.length > 0) return `view ${view} candidates: missing ${missing.join(', ')}`;
  if (!typeEquals(has('is_winner')!.type, T.bool)) return `view ${view} candidates: is_winner is not boolean`;
  // The view is read under a fixed name that the catalog maps onto it: no identifier is spliced.
  const rel = parseSelect(
    `select count(*) as n_groups,
            coalesce(sum(case when n > 1 then 1 else 0 end), 0) as contested,
            coalesce(sum(case when w <> 1 then 1 else 0 end), 0) as not_one_winner
     from (select ambiguity_group_id, count(*) as n, sum(case when is_winner then 1 else 0 end) as w
           from candidates group by ambiguity_group_id) g`,
    { dialect: 'postgres', catalog: { resolve: (n) => (n === 'candidates' ? { kind: 'scan', table: view, schema } : undefined), names: () => ['candidates'] } },
  );
  const lowered = lowerRel(rel, engine.caps.dialect);
  const [row] = await engine.query(lowered.sql, [], schemaOf(rel));
  const [groups, contested, bad] = row!.map(String);
  return `view ${view} candidates: ${groups} groups, ${contested} with several, ${bad === '0' ? 'each with exactly one winner' : `${bad} without exactly one winner`}`;
}
