// The diagnostics datasets of a run bundle: fixed schemas (so that they can be queried across
// runs even when empty) and the rows a run collects for them. Elapsed times live here and
// nowhere that is hashed.

import path from 'node:path';
import { T, field, type Schema } from '../../ir/index.ts';
import type { CanonicalRow, ParquetWriter } from '../../backends/index.ts';

export const DIAGNOSTIC_SCHEMAS = {
  /** Per view: what was compiled and what ran. */
  rule_compile_artifacts: [
    field('ordinal', T.int32), field('view', T.utf8), field('signature', T.utf8), field('dialect', T.utf8),
    field('sql', T.utf8), field('params', T.list(T.utf8, false)), field('plan', T.utf8),
  ],
  /** Per input load, view materialization and output write, in execution order. */
  rule_exec_events: [
    field('seq', T.int32), field('kind', T.utf8), field('name', T.utf8), field('rows', T.int64), field('elapsed_ms', T.float64),
  ],
  /** Which execution lane (engine and plan form) each view ran on, and why. */
  lane_decisions: [field('view', T.utf8), field('lane', T.utf8), field('engine', T.utf8), field('reason', T.utf8)],
  /** The engine's own plan of each view's statement; `analyzed`: with actual rows and times. */
  engine_explain: [field('view', T.utf8), field('engine', T.utf8), field('plan', T.utf8), field('analyzed', T.bool)],
  /** Views that left their engine's native lane: onto relc's shims (`shim:<dialect>`, the fallback kernel) or onto another engine (policy.fallbacks: allow). */
  engine_fallbacks: [field('view', T.utf8), field('from_lane', T.utf8), field('to_lane', T.utf8), field('reason', T.utf8)],
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

/** Collects the rows of every dataset during a run. */
export class Diagnostics {
  readonly rows: Record<DiagnosticDataset, CanonicalRow[]> = {
    rule_compile_artifacts: [],
    rule_exec_events: [],
    lane_decisions: [],
    engine_explain: [],
    engine_fallbacks: [],
    warnings: [],
  };
  readonly events: ExecEvent[] = [];

  event(e: ExecEvent): void {
    this.events.push(e);
    this.rows.rule_exec_events.push([this.events.length, e.kind, e.name, BigInt(e.rows), e.elapsedMs]);
  }

  compiled(view: string, signature: string, dialect: string, sql: string, params: readonly string[], plan: string): void {
    this.rows.rule_compile_artifacts.push([this.rows.rule_compile_artifacts.length + 1, view, signature, dialect, sql, [...params], plan]);
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

  /** Writes `diagnostics/<dataset>.parquet` for every dataset, empty ones included. */
  async write(writer: ParquetWriter, bundleDir: string): Promise<void> {
    for (const name of DIAGNOSTIC_DATASETS) {
      await writer.write(path.join(bundleDir, 'diagnostics', `${name}.parquet`), DIAGNOSTIC_SCHEMAS[name], this.rows[name]);
    }
  }
}
