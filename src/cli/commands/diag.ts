// `relc diag <bundle> [SQL]`: SQL over a run bundle's diagnostics datasets (tables named after
// the files), or, with no SQL, a short summary of the run (slowest views, fallbacks, warnings).
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { RelcCommand } from '../base.ts';
import { formatTable } from '../table.ts';

export default class Diag extends RelcCommand {
  static override description = "Query a run bundle's diagnostics with SQL on an embedded, read-only DuckDB (each diagnostics/<name>.parquet is table <name>), or summarize the run when no SQL is given.";
  static override args = {
    bundle: Args.string({ description: 'The run bundle (relc run --out DIR), or a failed run\'s .relc-failed-<name>.', required: true }),
    sql: Args.string({ description: 'A query over the diagnostics tables (rule_compile_artifacts, rule_exec_metrics, rule_exec_events, scan_telemetry, lane_decisions, engine_explain, engine_fallbacks, errors).' }),
  };
  static override flags = {
    csv: Flags.boolean({ description: 'Print the rows as CSV (header first).', exclusive: ['json'] }),
  };
  static override examples = [
    '<%= config.bin %> diag runs/quickstart',
    `<%= config.bin %> diag runs/quickstart "SELECT view, wall_time_ms, rows_out FROM rule_exec_metrics ORDER BY wall_time_ms DESC LIMIT 5"`,
    '<%= config.bin %> diag runs/quickstart "SELECT * FROM scan_telemetry" --csv',
  ];

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Diag);
    const { diagQuery, diagSummary, renderDiagSummary, rowsCsv } = await import('../../run/inspect/diag.ts');
    if (args.sql === undefined) {
      const summary = await diagSummary(args.bundle);
      if (flags.json) this.printJson(summary);
      else this.log(renderDiagSummary(summary));
      return;
    }
    const r = await diagQuery(args.bundle, args.sql);
    if (flags.json) this.printJson({ columns: r.columns, types: r.types, rows: r.rows });
    else if (flags.csv) process.stdout.write(rowsCsv(r));
    else this.log(`${formatTable(r.columns, r.rows)}\n(${r.rows.length} row${r.rows.length === 1 ? '' : 's'})`);
  }
}
