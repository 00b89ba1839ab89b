// The lane router: the one place that decides, per view and from the backends' declared
// capabilities, how the view executes, and checks the decision against the run's policy.
//
//   sql:<dialect>   the view's SQL uses the engine's own functions only
//   shim:<dialect>  the SQL calls relc's engine shims (caps.shims: SQLite JS functions, DuckDB
//                   macros) — the "fallback kernel" lane; an engine_fallbacks row says which
//   another engine  a view the run's backend refuses (BACKEND_UNSUPPORTED) but another could
//                   lower (its lane named as above); relc does not move a view between engines within a run, so this is a
//                   coded refusal naming that backend (or a POLICY_VIOLATION under fallbacks: forbid)

import { children, exprChildren, isRelcError, relExprs, RelcError, type Dialect, type Expr, type Program, type Rel } from '../../ir/index.ts';
import { DUCKDB_CAPS, engineShimNames, SQLITE_CAPS, type Backend, type BackendCaps, type BackendKind } from '../../backends/index.ts';
import { laneAllowed, violation, type RunPolicy, type RunWarning } from './policy.ts';

/** The backends relc can run on, by their capabilities (where a refused view could run instead). */
const ENGINES: readonly { readonly kind: BackendKind; readonly caps: BackendCaps }[] = [
  { kind: 'duckdb', caps: DUCKDB_CAPS },
  { kind: 'sqlite', caps: SQLITE_CAPS },
];

export interface LoweredView {
  readonly sql: string;
  readonly params: readonly string[];
}

export interface LaneDecision {
  readonly lowered: LoweredView;
  readonly lane: string;
  readonly engine: string;
  readonly reason: string;
  /** The shims the SQL calls, sorted (empty on the sql lane). */
  readonly shims: readonly string[];
  /** Set when the view left the engine's native lane (an engine_fallbacks row). */
  readonly fallback?: { readonly from: string; readonly to: string; readonly reason: string };
}

export interface RouteInput {
  readonly view: string;
  readonly rel: Rel;
  /** The engine of the run (or, checked statically, one relc could run on). */
  readonly backend: Pick<Backend, 'kind' | 'caps' | 'functions'>;
  /** Lowers the view for a dialect; throws RelcError (BACKEND_UNSUPPORTED when the dialect cannot express it). */
  readonly lower: (dialect: Dialect) => LoweredView;
  readonly policy: RunPolicy;
  /** Rows of the inputs and views already loaded or materialized, by name. */
  readonly rows: ReadonlyMap<string, number>;
  readonly warn: (w: RunWarning) => void;
}

/**
 * The engine shims `sql` calls: function names followed by `(`, outside string literals and
 * quoted identifiers (a literal 'relc_upper(' calls nothing), among the backend's registered ones.
 */
export function shimsCalled(sql: string, registered: readonly string[]): string[] {
  const names = new Set(registered.map((n) => n.toLowerCase()));
  const bare = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, ' ');
  const called = new Set<string>();
  for (const m of bare.matchAll(/([A-Za-z_][A-Za-z0-9_$]*)\s*\(/g)) {
    const name = m[1]!.toLowerCase();
    if (names.has(name)) called.add(name);
  }
  return [...called].sort();
}

/** The inputs (scans) and views (refs) a relation reads, in first-seen order. */
export function relationsRead(rel: Rel): string[] {
  const out: string[] = [];
  const visit = (r: Rel): void => {
    const name = r.kind === 'ref' ? r.name : r.kind === 'scan' ? r.table : undefined;
    if (name !== undefined && !out.includes(name)) out.push(name);
    for (const c of children(r)) visit(c);
    for (const e of relExprs(r)) visitExpr(e);
  };
  const visitExpr = (e: Expr): void => {
    if (e.kind === 'subquery') visit(e.rel);
    for (const c of exprChildren(e)) visitExpr(c);
  };
  visit(rel);
  return out;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Decides the lane of one view (see the top of this file); throws on a violation the policy makes an error. */
export async function routeView(r: RouteInput): Promise<LaneDecision> {
  const caps = r.backend.caps;
  const native = `sql:${caps.dialect}`;
  let lowered: LoweredView;
  try {
    lowered = r.lower(caps.dialect);
  } catch (e) {
    if (isRelcError(e) && e.code === 'BACKEND_UNSUPPORTED') await refuseFallback(r, native, e);
    throw e;
  }
  const shims = shimsCalled(lowered.sql, r.backend.functions);
  if (shims.length === 0) {
    if (!laneAllowed(r.policy, native)) violation(r.policy, r.warn, `view ${r.view}: runs on lane ${native}, which is not among policy.lanes (${r.policy.lanes!.join(', ')})`, { view: r.view, lane: native, policy: 'lanes' });
    return { lowered, lane: native, engine: r.backend.kind, reason: `native SQL: calls none of relc's ${caps.shims.kind}`, shims };
  }
  const lane = `shim:${caps.dialect}`;
  const what = `relc's ${plural(shims.length, 'shim', 'shims')} ${shims.join(', ')} (${caps.shims.kind})`;
  const details = { view: r.view, lane, functions: shims };
  if (r.policy.shims === 'forbid') violation(r.policy, r.warn, `view ${r.view}: its SQL on ${r.backend.kind} calls ${what}, lane ${lane}, which the policy forbids (policy.shims: forbid)`, { ...details, policy: 'shims' });
  if (!laneAllowed(r.policy, lane)) violation(r.policy, r.warn, `view ${r.view}: its SQL on ${r.backend.kind} calls ${what}, lane ${lane}, which is not among policy.lanes (${r.policy.lanes!.join(', ')})`, { ...details, policy: 'lanes' });
  const limit = r.policy.shim_row_limit;
  if (caps.shims.rowAtATime && limit !== undefined) {
    const read = relationsRead(r.rel).reduce((n, name) => n + (r.rows.get(name) ?? 0), 0);
    if (read > limit) {
      violation(r.policy, r.warn, `view ${r.view}: lane ${lane} calls row-at-a-time ${what} over ${read} rows read, above policy.shim_row_limit ${limit}`, { ...details, policy: 'shim_row_limit', rows: read, limit });
    }
  }
  return {
    lowered,
    lane,
    engine: r.backend.kind,
    reason: `calls ${what}`,
    shims,
    fallback: { from: native, to: lane, reason: `${what} ${plural(shims.length, 'gives', 'give')} PostgreSQL's semantics where ${r.backend.kind}'s own functions do not` },
  };
}

/**
 * A view the run's backend cannot express: when another backend could, say which (a fallback
 * the policy may forbid; relc does not run one view on a second engine within a run), else the
 * backend's own refusal stands.
 */
async function refuseFallback(r: RouteInput, native: string, refused: RelcError): Promise<never> {
  const reason = refused.message.startsWith(`view ${r.view}: `) ? refused.message.slice(`view ${r.view}: `.length) : refused.message;
  for (const other of ENGINES) {
    if (other.caps.dialect === r.backend.caps.dialect) continue;
    let sql: string;
    try {
      sql = r.lower(other.caps.dialect).sql;
    } catch {
      continue;
    }
    const to = `${shimsCalled(sql, await engineShimNames(other.kind)).length > 0 ? 'shim' : 'sql'}:${other.caps.dialect}`;
    const details = { ...refused.details, view: r.view, lane: native, fallback_engine: other.kind, fallback_lane: to };
    if (r.policy.fallbacks === 'forbid' || !laneAllowed(r.policy, to)) {
      const rule = r.policy.fallbacks === 'forbid' ? 'policy.fallbacks: forbid' : `policy.lanes: ${r.policy.lanes!.join(', ')}`;
      violation(r.policy, r.warn, `view ${r.view}: cannot run on lane ${native} (${reason}); a fallback to ${other.kind} (lane ${to}) is forbidden by ${rule}`, { ...details, policy: r.policy.fallbacks === 'forbid' ? 'fallbacks' : 'lanes' });
    }
    throw new RelcError(
      'BACKEND_UNSUPPORTED',
      `view ${r.view}: cannot run on lane ${native} (${reason}); it could run on ${other.kind} (lane ${to}), but relc does not move a view to another engine within a run: run the pack with --backend ${other.kind}`,
      { details, cause: refused, ...(refused.location ? { location: refused.location } : {}) },
    );
  }
  throw refused;
}

/** A policy finding of `relc validate`: a view that would violate the policy on one engine. */
export interface StaticFinding {
  readonly view: string;
  readonly engine: BackendKind;
  readonly error: RelcError;
}

/**
 * The policy checked without data (`relc validate`): every view routed on every engine relc can
 * run on (row limits need row counts: run time only). Each violation is a finding; a view that
 * runs on no engine within the policy is `everywhere`.
 */
export async function staticPolicyFindings(program: Program, policy: RunPolicy, lower: (program: Program, view: string, dialect: Dialect) => LoweredView): Promise<{ findings: StaticFinding[]; everywhere: StaticFinding[] }> {
  const findings: StaticFinding[] = [];
  const everywhere: StaticFinding[] = [];
  const strict: RunPolicy = { ...policy, on_violation: 'error' };
  const engines = await Promise.all(ENGINES.map(async (e) => ({ kind: e.kind, caps: e.caps, functions: await engineShimNames(e.kind) })));
  for (const view of program.views) {
    const failed: StaticFinding[] = [];
    let runs = false;
    for (const engine of engines) {
      try {
        await routeView({ view: view.name, rel: view.rel, backend: engine, lower: (d) => lower(program, view.name, d), policy: strict, rows: new Map(), warn: () => undefined });
        runs = true;
      } catch (e) {
        if (!isRelcError(e) || (e.code !== 'POLICY_VIOLATION' && e.code !== 'BACKEND_UNSUPPORTED')) throw e;
        failed.push({ view: view.name, engine: engine.kind, error: e });
      }
    }
    const violations = failed.filter((f) => f.error.code === 'POLICY_VIOLATION');
    findings.push(...violations);
    if (!runs && violations.length > 0) everywhere.push(violations[0]!);
  }
  return { findings, everywhere };
}
