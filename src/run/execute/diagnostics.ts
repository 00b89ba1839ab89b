// The diagnostics datasets of a run bundle: fixed schemas (so that they can be queried across
// runs even when empty) and the rows a run collects for them. Elapsed times live here and
// nowhere that is hashed.

import path from 'node:path';
import { canonicalJson, T, field, type RelcError, type Schema } from '../../ir/index.ts';
import type { CanonicalRow, ParquetWriter } from '../../backends/index.ts';
import { ARTIFACT_DIALECTS, type CompileArtifact } from './compile-artifacts.ts';

const text = (name: string) => field(name, T.utf8, true);

export const DIAGNOSTIC_SCHEMAS = {
  /**
   * Per view: what was compiled and what ran. `sql` is the statement executed (dialect
   * `dialect`), `sql_<dialect>` the view printed for every dialect (null: refused, the code in
   * `refusals`), `substrait` the plan of the view as base64 protobuf (null: refused, the code in
   * `substrait_refusal`), `required_contract` what it reads (canonical JSON), `schema_fingerprint`
   * BLAKE3 of its produced schema, `policy_flags` the policies that applied to it.
   */
  rule_compile_artifacts: [
    field('ordinal', T.int32), field('view', T.utf8), field('rule_name', T.utf8), field('plan_signature', T.utf8), field('lane', T.utf8),
    field('dialect', T.utf8), field('sql', T.utf8), field('params', T.list(T.utf8, false)), field('plan', T.utf8), field('ir_json', T.utf8),
    ...ARTIFACT_DIALECTS.map((d) => text(`sql_${d}`)), text('substrait'), text('substrait_refusal'), field('refusals', T.list(T.utf8, false)),
    field('required_contract', T.utf8), field('schema_fingerprint', T.utf8), field('policy_flags', T.list(T.utf8, false)),
  ],
  /** Per input load, view materialization and output write, in execution order. */
  rule_exec_events: [
    field('seq', T.int32), field('kind', T.utf8), field('name', T.utf8), field('rows', T.int64), field('elapsed_ms', T.float64),
  ],
  /**
   * Per view materialized: rows out, rows of the relations it reads, wall and CPU time (the
   * process's, engine threads included), and the process's peak resident memory after it.
   */
  rule_exec_metrics: [
    field('ordinal', T.int32), field('view', T.utf8), field('rows_out', T.int64), field('input_rows', T.int64),
    field('wall_time_ms', T.float64), field('cpu_time_ms', T.float64, true), field('peak_rss_bytes', T.int64, true),
  ],
  /** Which execution lane (engine and plan form) each view ran on, and why. */
  lane_decisions: [field('view', T.utf8), field('lane', T.utf8), field('engine', T.utf8), field('reason', T.utf8)],
  /** The engine's own plan of each view's statement; `analyzed`: with actual rows and times. */
  engine_explain: [field('view', T.utf8), field('engine', T.utf8), field('plan', T.utf8), field('analyzed', T.bool)],
  /** Views that left their engine's native lane: onto relc's shims (`shim:<dialect>`, the fallback kernel) or onto another engine (policy.fallbacks: allow). */
  engine_fallbacks: [field('view', T.utf8), field('from_lane', T.utf8), field('to_lane', T.utf8), field('reason', T.utf8)],
  /**
   * Per input, as loaded: the file (`table:<name>` for a host's table), its format, bytes and
   * BLAKE3 (empty for a table), the rows read, Parquet row groups (null for other formats), time.
   */
  scan_telemetry: [
    field('input', T.utf8), field('path', T.utf8), field('format', T.utf8), field('bytes', T.int64), field('blake3', T.utf8),
    field('rows_read', T.int64), field('row_groups', T.int64, true), field('elapsed_ms', T.float64),
  ],
  /** The error that ended a failed run (empty in a finished bundle): its code, stage, retryability, where. */
  errors: [
    field('seq', T.int32), field('stage', T.utf8), field('code', T.utf8), field('retryable', T.bool), field('message', T.utf8),
    text('view'), text('location'), field('details', T.utf8),
  ],
  /** The run's warnings in the order they arose (compile-time ones first): code, message, the view/input/rule they concern. */
  warnings: [field('seq', T.int32), field('code', T.utf8), field('message', T.utf8), field('subject', T.utf8, true)],
} as const satisfies Record<string, Schema>;

export type DiagnosticDataset = keyof typeof DIAGNOSTIC_SCHEMAS;
export const DIAGNOSTIC_DATASETS = Object.keys(DIAGNOSTIC_SCHEMAS) as DiagnosticDataset[];

export type ExecEventKind = 'load_input' | 'materialize_view' | 'write_output';

export interface ExecEvent {
  readonly kind: ExecEventKind;
  readonly name: string;
  readonly rows: number;
  readonly elapsedMs: number;
}

export interface ViewMetrics {
  readonly rowsOut: number;
  readonly inputRows: number;
  readonly wallMs: number;
  readonly cpuMs: number | null;
  readonly peakRssBytes: number | null;
}

export interface ScanTelemetry {
  readonly input: string;
  readonly path: string;
  readonly format: string;
  readonly bytes: number;
  readonly blake3: string;
  readonly rows: number;
  readonly rowGroups: number | null;
  readonly elapsedMs: number;
}

/** What the runner compiled a view to (the head of its `rule_compile_artifacts` row). */
export interface CompiledView {
  readonly view: string;
  readonly ruleName: string;
  readonly signature: string;
  readonly lane: string;
  readonly dialect: string;
  readonly sql: string;
  readonly params: readonly string[];
  readonly plan: string;
  /** The policies that concern the view (`shim:<function>`, `fallback:<lane>`). */
  readonly policyFlags: readonly string[];
}

/** Collects the rows of every dataset during a run. */
export class Diagnostics {
  readonly rows: Record<DiagnosticDataset, CanonicalRow[]> = Object.fromEntries(DIAGNOSTIC_DATASETS.map((d) => [d, []])) as unknown as Record<DiagnosticDataset, CanonicalRow[]>;
  readonly events: ExecEvent[] = [];

  event(e: ExecEvent): void {
    this.events.push(e);
    this.rows.rule_exec_events.push([this.events.length, e.kind, e.name, BigInt(e.rows), e.elapsedMs]);
  }

  compiled(
    c: CompiledView,
    artifact: CompileArtifact,
    policyFlags: readonly string[] = [],
  ): void {
    this.rows.rule_compile_artifacts.push([
      this.rows.rule_compile_artifacts.length + 1, c.view, c.ruleName, c.signature, c.lane, c.dialect, c.sql, [...c.params], c.plan, artifact.irJson,
      ...ARTIFACT_DIALECTS.map((d) => artifact.sql[d]), artifact.substraitBase64, artifact.substraitRefusal, [...artifact.refusals],
      artifact.requiredContract, artifact.schemaFingerprint, [...policyFlags],
    ]);
  }

  metrics(view: string, m: ViewMetrics): void {
    const n = this.rows.rule_exec_metrics.length + 1;
    this.rows.rule_exec_metrics.push([n, view, BigInt(m.rowsOut), BigInt(m.inputRows), m.wallMs, m.cpuMs, m.peakRssBytes === null ? null : BigInt(m.peakRssBytes)]);
  }

  scanned(s: ScanTelemetry): void {
    this.rows.scan_telemetry.push([s.input, s.path, s.format, BigInt(s.bytes), s.blake3, BigInt(s.rows), s.rowGroups === null ? null : BigInt(s.rowGroups), s.elapsedMs]);
  }

  lane(view: string, lane: string, engine: string, reason: string): void {
    this.rows.lane_decisions.push([view, lane, engine, reason]);
  }

  fallback(view: string, fromLane: string, toLane: string, reason: string): void {
    this.rows.engine_fallbacks.push([view, fromLane, toLane, reason]);
  }

  warning(code: string, message: string, subject: string | undefined): void {
    this.rows.warnings.push([this.rows.warnings.length + 1, code, message, subject ?? null]);
  }

  explained(view: string, engine: string, plan: string, analyzed: boolean): void {
    this.rows.engine_explain.push([view, engine, plan, analyzed]);
  }

  failed(e: RelcError): void {
    const loc = e.location ? `${e.location.file}:${e.location.line}:${e.location.col}` : null;
    const view = typeof e.details?.['view'] === 'string' ? (e.details['view'] as string) : null;
    this.rows.errors.push([this.rows.errors.length + 1, e.stage, e.code, e.retryable, e.message, view, loc, canonicalJson(e.details ?? {})]);
  }

  /** Writes `diagnostics/<dataset>.parquet` for every dataset, empty ones included. */
  async write(writer: ParquetWriter, bundleDir: string): Promise<void> {
    for (const name of DIAGNOSTIC_DATASETS) {
      await writer.write(path.join(bundleDir, 'diagnostics', `${name}.parquet`), DIAGNOSTIC_SCHEMAS[name], this.rows[name]);
    }
  }
}
