// The execution policy of a run (a rule pack's `policy:` section) and the warnings a run
// records: which lanes a view may take, whether shims and fallbacks are allowed, the row limit of
// row-at-a-time shims, and whether a violation is an error or a warning.

import { RelcError, type ErrorCode, type SourceLocation } from '../../ir/index.ts';

export interface RunPolicy {
  /** Allowed lanes: `sql`, `shim`, alone or with a dialect (`shim:sqlite`); absent: all. */
  readonly lanes?: readonly string[];
  readonly shims: 'allow' | 'forbid';
  /** allow: a view the backend cannot express runs on another engine; forbid: a violation; absent: BACKEND_UNSUPPORTED naming that engine. */
  readonly fallbacks?: 'allow' | 'forbid';
  readonly on_violation: 'error' | 'warn';
  /** Row-at-a-time JS shims are refused for a view reading more rows than this. */
  readonly shim_row_limit?: number;
  readonly input_keys: 'error' | 'warn';
}

/** No policy section: everything allowed, violations of declared keys are errors. */
export const DEFAULT_POLICY: RunPolicy = { shims: 'allow', on_violation: 'error', input_keys: 'error' };

/** The policy as it applies under a profile: `strict` turns every warning into an error. */
export function effectivePolicy(policy: Partial<RunPolicy> | undefined, profile: string): RunPolicy {
  const p = { ...DEFAULT_POLICY, ...policy };
  return profile === 'strict' ? { ...p, on_violation: 'error', input_keys: 'error' } : p;
}

/** A warning of a run, as the manifest and the `warnings` diagnostics record it (no location, no time: deterministic). */
export interface RunWarning {
  readonly code: ErrorCode;
  readonly message: string;
  /** The view, input or rule it concerns, when one. */
  readonly subject?: string;
  /** Where in the rule pack (compile-time warnings); printed, kept out of the manifest (paths depend on the working directory). */
  readonly location?: SourceLocation;
}

/** Whether `lane` (e.g. `shim:sqlite`) is among the allowed lanes. */
export function laneAllowed(policy: RunPolicy, lane: string): boolean {
  if (!policy.lanes) return true;
  const kind = lane.slice(0, lane.indexOf(':'));
  return policy.lanes.some((allowed) => allowed === lane || allowed === kind);
}

/** A policy violation: POLICY_VIOLATION, or under `on_violation: warn` a warning (and the run goes on). */
export function violation(policy: RunPolicy, warn: (w: RunWarning) => void, message: string, details: Record<string, unknown>): void {
  const subject = typeof details['view'] === 'string' ? details['view'] : undefined;
  if (policy.on_violation === 'warn') warn({ code: 'POLICY_VIOLATION', message, ...(subject === undefined ? {} : { subject }) });
  else throw new RelcError('POLICY_VIOLATION', message, { details });
}
