// `relc build <dir>`: the Python files of a tree → extraction (src/extract, reusing what an
// earlier build into the same bundle extracted from unchanged files) → the input tables as JSON
// Lines → the python-cpg rule pack run on a backend → a run bundle holding the graph, the input
// tables (inputs/), the extraction cache and build.json (what was reused).

import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend, BackendKind } from '../backends/index.ts';
import { canonicalJsonPretty, RelcError } from '../ir/index.ts';
import { columnsOf, TABLE_NAMES, type TableName } from '../extract/tables.ts';
import { RELC_VERSION } from '../run/version.ts';
import type { RunResult } from '../run/execute/run-program.ts';
import { CacheWriter, readCacheIndex } from './extract-cache.ts';
import { extractTree } from './extract-tree.ts';
import { pythonFiles } from './source-files.ts';

export interface BuildOptions {
  /** The directory of Python code to build. */
  readonly dir: string;
  /** The bundle directory. */
  readonly outDir: string;
  readonly backend: BackendKind;
  readonly threads?: number;
  readonly memoryLimit?: string;
  /** Extraction worker threads. */
  readonly jobs: number;
  /** The rule pack (default: the python-cpg pack shipped with relc). */
  readonly pack?: string;
  /** Emit every tree-sitter node into the `nodes` table. */
  readonly allNodes?: boolean;
  /** Ignore what an earlier build left in the bundle. */
  readonly clean?: boolean;
  readonly optimize?: boolean;
  /** Rows of each output returned in `run.outputs[].data` (RunOptions.collect); absent: none. */
  readonly collect?: number | 'all';
  /** Run the pack inside this open backend (RunOptions.engine): its views stay there as tables. */
  readonly engine?: Backend;
}

export interface BuildStats {
  readonly files: number;
  readonly lines: number;
  readonly bytes: number;
  readonly reused_files: number;
  readonly extracted_files: number;
  readonly stage_ms: Readonly<Record<string, number>>;
}

export interface BuildResult {
  readonly run: RunResult;
  readonly stats: BuildStats;
  readonly build: BuildRecord;
}

/** build.json: what the build read and what it reused (no timings: the bundle is deterministic). */
export interface BuildRecord {
  readonly relc_version: string;
  readonly root: string;
  /** Where the sources were read (relc why shows their lines). */
  readonly source_dir: string;
  readonly files: number;
  readonly lines: number;
  readonly extracted: readonly string[];
  readonly reused: readonly string[];
  readonly removed: readonly string[];
}

export const DEFAULT_PACK = fileURLToPath(new URL('../../packs/python-cpg/relc.yaml', import.meta.url));
const CACHE_FILE = 'extract-cache.tsv';
/** Cache entries are valid only for the extractor that wrote them. */
const CACHE_HEADER = `relc extract cache ${RELC_VERSION} ${TABLE_NAMES.map((t) => `${t}(${columnsOf(t).join(',')})`).join(' ')}`;

export async function buildCpg(opts: BuildOptions): Promise<BuildResult> {
  const stage: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      stage[name] = Math.round((performance.now() - t0) * 10) / 10;
    }
  };
  const root = path.resolve(opts.dir);
  const walked = await timed('walk', async () => {
    try {
      return await pythonFiles(root);
    } catch (e) {
      throw new RelcError('INPUT_NOT_FOUND', `cannot read the directory ${opts.dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { details: { path: root } });
    }
  });
  if (walked.files.length === 0) {
    throw new RelcError('INPUT_NOT_FOUND', `no Python files (*.py) under ${opts.dir}`, { details: { path: root, problems: walked.problems.map((p) => p.message) } });
  }
  const cache = readCacheIndex(opts.clean ? '' : path.join(opts.outDir, CACHE_FILE), CACHE_HEADER);
  // The tables are written next to the bundle and moved into it when the run commits.
  const tablesDir = `${path.resolve(opts.outDir)}.relc-inputs-${process.pid}`;
  rmSync(tablesDir, { recursive: true, force: true });
  mkdirSync(tablesDir, { recursive: true });
  try {
    const fds = Object.fromEntries(TABLE_NAMES.map((t) => [t, openSync(path.join(tablesDir, `${t}.jsonl`), 'w')])) as Record<TableName, number>;
    const cacheOut = new CacheWriter(path.join(tablesDir, CACHE_FILE), CACHE_HEADER);
    let tree;
    try {
      tree = await timed('extract', () =>
        extractTree(walked.files, walked.problems, {
          allNodes: opts.allNodes ?? false, jobs: opts.jobs, cache,
          sink: (relPath, hash, text) => {
            for (const t of TABLE_NAMES) if (text[t]) writeSync(fds[t], text[t]);
            cacheOut.add(relPath, hash, text);
          },
        }),
      );
      writeSync(fds.parse_errors, tree.walkErrors.parse_errors);
    } finally {
      for (const t of TABLE_NAMES) closeSync(fds[t]);
      cacheOut.close();
    }
    const present = new Set(walked.files.map((f) => f.relPath));
    const build: BuildRecord = {
      relc_version: RELC_VERSION,
      root: path.basename(root),
      source_dir: root,
      files: walked.files.length,
      lines: tree.lines,
      extracted: tree.extracted,
      reused: tree.reused,
      removed: cache.paths.filter((p) => !present.has(p)),
    };
    const { runPack } = await import('./run-pack.ts');
    const run = await timed('rules', () =>
      runPack(opts.pack ?? DEFAULT_PACK, tablesDir, {
        backend: opts.backend, threads: opts.threads, memoryLimit: opts.memoryLimit, outDir: opts.outDir, optimize: opts.optimize ?? true,
        ...(opts.collect === undefined ? {} : { collect: opts.collect }),
        ...(opts.engine ? { engine: opts.engine } : {}),
        intoBundle: (staging) => {
          renameSync(path.join(tablesDir, CACHE_FILE), path.join(staging, CACHE_FILE));
          renameSync(tablesDir, path.join(staging, 'inputs'));
          writeFileSync(path.join(staging, 'build.json'), `${canonicalJsonPretty(build)}\n`);
        },
      }),
    );
    const stats: BuildStats = { files: walked.files.length, lines: tree.lines, bytes: tree.bytes, reused_files: tree.reused.length, extracted_files: tree.extracted.length, stage_ms: stage };
    return { run, stats, build };
  } finally {
    rmSync(tablesDir, { recursive: true, force: true });
  }
}
