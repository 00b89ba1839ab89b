// `relc build <dir>`: a Python code base → its code property graph (the python-cpg pack), as a
// run bundle; a second build into the same bundle re-extracts only the files that changed.
import { availableParallelism } from 'node:os';
import { Args, Flags } from '@oclif/core';
import type { BackendKind } from '../../backends/index.ts';
import { BACKEND_KINDS } from '../../backends/kinds.ts';
import { RelcCommand } from '../base.ts';

export default class Build extends RelcCommand {
  static override description = 'Build the code property graph of a Python source tree: tree-sitter extraction into input tables, then the python-cpg rule pack (or --pack) into cpg_nodes, cpg_edges, cpg_props… in a run bundle. Rebuilding into the same --out re-extracts only changed files.';
  static override args = { dir: Args.string({ description: 'The directory of Python code.', required: true }) };
  static override flags = {
    out: Flags.string({ description: 'The run bundle directory (replaced atomically).', required: true }),
    backend: Flags.string({ description: 'Execution engine.', options: [...BACKEND_KINDS], default: 'duckdb' }),
    threads: Flags.integer({ description: 'Engine threads (DuckDB); the graph does not depend on it.', min: 1 }),
    'memory-limit': Flags.string({ description: "Engine memory limit, e.g. '2GB' (DuckDB)." }),
    jobs: Flags.integer({ description: 'Extraction worker threads (default: the cores available).', min: 1 }),
    pack: Flags.string({ description: 'A rule pack to run instead of the shipped python-cpg pack.' }),
    'all-nodes': Flags.boolean({ description: 'Write every tree-sitter node into the nodes table.' }),
    clean: Flags.boolean({ description: 'Ignore what an earlier build into --out extracted.' }),
    'no-optimize': Flags.boolean({ description: 'Skip every optimizer pass.' }),
  };
  static override examples = ['<%= config.bin %> build path/to/project --out runs/cpg', '<%= config.bin %> why runs/cpg <edge_id>'];

  async run(): Promise<void> {
    const { buildCpg } = await import('../../build/build.ts');
    const { shortSignature } = await import('../../ir/index.ts');
    const { args, flags } = await this.parse(Build);
    const result = await buildCpg({
      dir: args.dir,
      outDir: flags.out,
      backend: flags.backend as BackendKind,
      threads: flags.threads,
      memoryLimit: flags['memory-limit'],
      jobs: flags.jobs ?? availableParallelism(),
      pack: flags.pack,
      allNodes: flags['all-nodes'],
      clean: flags.clean,
      optimize: !flags['no-optimize'],
    });
    if (flags.json) {
      this.printJson({ bundle: result.run.bundleDir, stats: result.stats, build: result.build, outputs: result.run.manifest.outputs });
      return;
    }
    const s = result.stats;
    this.log(`${s.files} files · ${s.lines} lines · extracted ${s.extracted_files}, reused ${s.reused_files}${result.build.removed.length ? `, removed ${result.build.removed.length}` : ''}`);
    for (const o of result.run.manifest.outputs) this.log(`${o.name}: ${o.rows} row${o.rows === 1 ? '' : 's'} · content_hash ${shortSignature(o.content_hash)}`);
    this.log(`stages (ms): ${Object.entries(s.stage_ms).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
    this.log(`run bundle: ${result.run.bundleDir}`);
  }
}
