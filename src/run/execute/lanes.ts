// The lane router: the one place that decides, per view and from the backends' declared
// capabilities, how the view executes, and checks the decision against the run's policy.
//
//   sql:<dialect>   the view's SQL uses the engine's own functions only
//   shim:<dialect>  the SQL calls relc's engine shims (caps.shims: SQLite JS functions, DuckDB
//                   macros) — the "fallback kernel" lane; an engine_fallbacks row says which
//   another engine  a view the run's backend refuses (BACKEND_UNSUPPORTED) but another can
//                   lower: on that engine's lane under `fallbacks: allow` (fallback.ts runs it),
//                   a POLICY_VIOLATION under `forbid`, else a coded refusal naming the engine

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
  /** The engine it runs on: the run's backend, or another after a fallback; and its dialect. */
  readonly engine: BackendKind;
  readonly dialect: Dialect;
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
  /** Rows of an input or view already loaded or materialized (asked only under policy.shim_row_limit). */
  readonly rows: (name: string) => number | undefined;
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

/** An engine a view can be routed to: the run's backend, or (statically, for a fallback) one relc can open. */
type Engine = Pick<Backend, 'kind' | 'caps' | 'functions'>;

/** Decides the lane of one view (see the top of this file); throws on a violation the policy makes an error. */
export async function routeView(r: RouteInput): Promise<LaneDecision> {
  const native = `sql:${r.backend.caps.dialect}`;
  let lowered: LoweredView;
  try {
    lowered = r.lower(r.backend.caps.dialect);
  } catch (e) {
    if (isRelcError(e) && e.code === 'BACKEND_UNSUPPORTED') return fallBack(r, native, e);
    throw e;
  }
  return onEngine(r, r.backend, lowered);
}

/** The lane of SQL lowered for `engine`, checked against the policy: `sql:` or `shim:` its dialect. */
function onEngine(r: RouteInput, engine: Engine, lowered: LoweredView): LaneDecision {
  const caps = engine.caps;
  const native = `sql:${caps.dialect}`;
  const shims = shimsCalled(lowered.sql, engine.functions);
  if (shims.length === 0) {
    if (!laneAllowed(r.policy, native)) violation(r.policy, r.warn, `view ${r.view}: runs on lane ${native}, which is not among policy.lanes (${r.policy.lanes!.join(', ')})`, { view: r.view, lane: native, policy: 'lanes' });
    return { lowered, lane: native, engine: engine.kind, dialect: caps.dialect, reason: `native SQL: calls none of relc's ${caps.shims.kind}`, shims };
  }
  const lane = `shim:${caps.dialect}`;
  const what = `relc's ${plural(shims.length, 'shim', 'shims')} ${shims.join(', ')} (${caps.shims.kind})`;
  const details = { view: r.view, lane, functions: shims };
  if (r.policy.shims === 'forbid') violation(r.policy, r.warn, `view ${r.view}: its SQL on ${engine.kind} calls ${what}, lane ${lane}, which the policy forbids (policy.shims: forbid)`, { ...details, policy: 'shims' });
  if (!laneAllowed(r.policy, lane)) violation(r.policy, r.warn, `view ${r.view}: its SQL on ${engine.kind} calls ${what}, lane ${lane}, which is not among policy.lanes (${r.policy.lanes!.join(', ')})`, { ...details, policy: 'lanes' });
  const limit = r.policy.shim_row_limit;
  if (caps.shims.rowAtATime && limit !== undefined) {
    const read = relationsRead(r.rel).reduce((n, name) => n + (r.rows(name) ?? 0), 0);
    if (read > limit) {
      violation(r.policy, r.warn, `view ${r.view}: lane ${lane} calls row-at-a-time ${what} over ${read} rows read, above policy.shim_row_limit ${limit}`, { ...details, policy: 'shim_row_limit', rows: read, limit });
    }
  }
  return {
    lowered,
    lane,
    engine: engine.kind,
    dialect: caps.dialect,
    reason: `calls ${what}`,
    shims,
    fallback: { from: native, to: lane, reason: `${what} ${plural(shims.length, 'gives', 'give')} PostgreSQL's semantics where ${engine.kind}'s own functions do not` },
  };
}

/**
 * A view the run's backend cannot express, on the first other engine that can: with
 * `fallbacks: allow` it runs there (a lane of that engine, checked like any; a warning says so);
 * with `forbid` that is a POLICY_VIOLATION; without a word of the policy, BACKEND_UNSUPPORTED
 * naming the engine. No engine can: the backend's own refusal stands.
 */
async function fallBack(r: RouteInput, native: string, refused: RelcError): Promise<LaneDecision> {
  const reason = refused.message.startsWith(`view ${r.view}: `) ? refused.message.slice(`view ${r.view}: `.length) : refused.message;
  for (const other of ENGINES) {
    if (other.caps.dialect === r.backend.caps.dialect) continue;
    let lowered: LoweredView;
    try {
      lowered = r.lower(other.caps.dialect);
    } catch {
      continue;
    }
    const engine: Engine = { kind: other.kind, caps: other.caps, functions: await engineShimNames(other.kind) };
    const to = `${shimsCalled(lowered.sql, engine.functions).length > 0 ? 'shim' : 'sql'}:${other.caps.dialect}`;
    const details = { ...refused.details, view: r.view, lane: native, fallback_engine: other.kind, fallback_lane: to };
    if (r.policy.fallbacks === 'allow') {
      const decision = onEngine(r, engine, lowered);
      r.warn({ code: 'BACKEND_UNSUPPORTED', message: `view ${r.view}: cannot run on lane ${native} (${reason}); runs on ${other.kind} (lane ${decision.lane}), what it reads copied there and its result back (policy.fallbacks: allow)`, subject: r.view });
      return {
        ...decision,
        reason: `fallback from ${native}, which cannot express it; on ${other.kind}: ${decision.reason}`,
        fallback: { from: native, to: decision.lane, reason: `${r.backend.kind} cannot express it (${reason}); ${other.kind} can` },
      };
    }
    if (r.policy.fallbacks === 'forbid') {
      violation(r.policy, r.warn, `view ${r.view}: cannot run on lane ${native} (${reason}); a fallback to ${other.kind} (lane ${to}) is forbidden by policy.fallbacks: forbid`, { ...details, policy: 'fallbacks' });
    }
    throw new RelcError(
      'BACKEND_UNSUPPORTED',
      `view ${r.view}: cannot run on lane ${native} (${reason}); it could run on ${other.kind} (lane ${to}): run the pack with --backend ${other.kind}, or allow the fallback with policy: { fallbacks: allow }`,
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
 * runs on no engine within the policy is `everywhere`; `notes` are the fallbacks a run would take.
 */
export async function staticPolicyFindings(program: Program, policy: RunPolicy, lower: (program: Program, view: string, dialect: Dialect) => LoweredView): Promise<{ findings: StaticFinding[]; everywhere: StaticFinding[]; notes: RunWarning[] }> {
  const findings: StaticFinding[] = [];
  const everywhere: StaticFinding[] = [];
  const notes: RunWarning[] = []; // what a run would warn of (fallbacks to another engine)
  const strict: RunPolicy = { ...policy, on_violation: 'error' };
  const engines = await Promise.all(ENGINES.map(async (e) => ({ kind: e.kind, caps: e.caps, functions: await engineShimNames(e.kind) })));
  for (const view of program.views) {
    const failed: StaticFinding[] = [];
    let runs = false;
    for (const engine of engines) {
      try {
        await routeView({ view: view.name, rel: view.rel, backend: engine, lower: (d) => lower(program, view.name, d), policy: strict, rows: () => undefined, warn: (w) => notes.push(w) });
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
  return { findings, everywhere, notes };
}
