// `relc run <spec>`: executes a rule pack on DuckDB (default) or SQLite and writes a run bundle.
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import type { BackendKind } from '../../backends/index.ts';
import { RelcError } from '../../ir/errors.ts';
import { RelcCommand } from '../base.ts';
import { optimizeFlags } from '../flags.ts';
import { formatTable } from '../table.ts';
import { renderWarning } from '../render-error.ts';
import { BACKEND_KINDS } from '../../backends/kinds.ts';

function parseAssignments(flag: string, items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new RelcError('SPEC_BAD_VALUE', `--${flag} takes name=value, got '${item}'`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export default class Run extends RelcCommand {
  static override description = 'Run a rule pack (or a Substrait plan): load its inputs, execute every view in order, write the outputs and a run bundle (manifest, outputs, diagnostics).';
  static override args = { spec: Args.string({ description: 'The rule pack (YAML or JSON), or a Substrait plan (binary or JSON).', required: true }) };
  static override flags = {
    backend: Flags.string({ description: 'Execution engine.', options: [...BACKEND_KINDS], default: 'duckdb' }),
    threads: Flags.integer({ description: 'Engine threads (DuckDB); results do not depend on it.', min: 1 }),
    'memory-limit': Flags.string({ description: "Engine memory limit, e.g. '2GB' (DuckDB)." }),
    out: Flags.string({ description: 'Write the run bundle to this directory (replaced atomically).' }),
    param: Flags.string({ description: 'A parameter value, name=value (repeatable).', multiple: true, default: [] }),
    input: Flags.string({ description: 'An input file, name=path, replacing the declared path (repeatable; needed for Substrait plans).', multiple: true, default: [] }),
    explain: Flags.boolean({ description: "Capture the engine's plan of every view in the bundle's engine_explain diagnostics." }),
    'no-substrait-artifacts': Flags.boolean({ description: "Leave each view's Substrait plan out of the bundle's rule_compile_artifacts (most of what diagnostics cost on packs of many views)." }),
    rows: Flags.integer({ description: 'Rows of each output to print (0: none).', default: 10, min: 0 }),
    ...optimizeFlags,
  };
  static override examples = [
    '<%= config.bin %> run examples/quickstart/relc.yaml --out runs/quickstart',
    '<%= config.bin %> run examples/quickstart/relc.yaml --backend sqlite --param min_score=0.7',
    '<%= config.bin %> run plan.substrait --input people=data/people.csv --input teams=data/teams.csv',
  ];

  async run(): Promise<void> {
    const { shortSignature, typeToString } = await import('../../ir/index.ts');
    const { runSpecFile } = await import('../../run/execute/execute.ts');
    const { progressReporter } = await import('../progress.ts');
    const { args, flags } = await this.parse(Run);
    const progress = progressReporter(process.stderr, process.env, { json: flags.json });
    const result = await runSpecFile(args.spec, {
      backend: flags.backend as BackendKind,
      threads: flags.threads,
      memoryLimit: flags['memory-limit'],
      explain: flags.explain,
      ...(flags['no-substrait-artifacts'] ? { substraitArtifacts: false } : {}),
      outDir: flags.out,
      params: parseAssignments('param', flags.param),
      inputs: parseAssignments('input', flags.input),
      optimize: !flags['no-optimize'],
      disable: flags['disable-pass'],
      collect: flags.json ? 0 : flags.rows, // only the rows printed are read into JS
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    }).finally(() => progress.finish());
    if (flags.json) {
      this.printJson({ bundle: result.bundleDir, manifest: result.manifest });
      return;
    }
    for (const w of result.warnings) process.stderr.write(`${renderWarning(w)}\n`);
    const m = result.manifest;
    this.log(`relc ${m.relc_version} · ${String(m.envelope['engine'])} ${String(m.envelope['engine_version'])} · spec_hash ${shortSignature(m.spec_hash)}`);
    for (const o of result.outputs) {
      this.log(`\n${o.name}: ${o.rows} row${o.rows === 1 ? '' : 's'} · content_hash ${shortSignature(o.contentHash)}`);
      if (flags.rows > 0 && o.rows > 0) {
        const header = o.schema.map((f) => `${f.name}: ${typeToString(f.type)}`);
        this.log(formatTable(header, (o.data ?? []).slice(0, flags.rows)));
        if (o.rows > flags.rows) this.log(`… ${o.rows - flags.rows} more`);
      }
    }
    if (result.bundleDir) this.log(`\nrun bundle: ${result.bundleDir}`);
  }
}
