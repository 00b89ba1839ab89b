// Engine exceptions become RelcError EXECUTION_FAILED: the engine's own message, the view it
// happened in, never a raw driver exception escaping to the user.

import { ERROR_CODES, isRelcError, RelcError, type ErrorCode } from '../ir/errors.ts';
import type { BackendKind } from './types.ts';

export interface FailureContext {
  readonly view?: string;
  readonly sql?: string;
  /** What relc was doing, for the message when no view is involved ('loading input x'). */
  readonly action?: string;
}

export function engineMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The first line of an engine message (DuckDB appends the statement and a caret below it). */
export function firstLine(message: string): string {
  return message.split('\n', 1)[0]!.trim();
}

/**
 * A failure relc's own SQL raised on purpose (the dialect's `raise`, e.g. a recursion's
 * max_iterations guard): `relc_error[CODE]: message` somewhere in the engine's text.
 */
function codedFailure(message: string): { code: ErrorCode; message: string } | null {
  const m = /relc_error\[([A-Z_]+)\]: ([^"\n]*)/.exec(message);
  if (!m || !Object.hasOwn(ERROR_CODES, m[1]!)) return null;
  return { code: m[1] as ErrorCode, message: m[2]! };
}

export function executionFailed(engine: BackendKind, e: unknown, ctx: FailureContext = {}): RelcError {
  if (isRelcError(e)) {
    if (ctx.view === undefined || e.details?.['view'] !== undefined) return e;
    return new RelcError(e.code, `view ${ctx.view}: ${e.message}`, { details: { ...e.details, view: ctx.view }, cause: e.cause ?? e, ...(e.location ? { location: e.location } : {}) });
  }
  const message = engineMessage(e);
  const where = ctx.view !== undefined ? `view ${ctx.view}` : (ctx.action ?? 'statement');
  const coded = codedFailure(message);
  if (coded) {
    return new RelcError(coded.code, `${where}: ${coded.message}`, {
      details: { engine, engine_message: message, ...(ctx.view !== undefined ? { view: ctx.view } : {}) },
      cause: e,
    });
  }
  return new RelcError('EXECUTION_FAILED', `${where}: ${engine} failed: ${firstLine(message)}`, {
    details: {
      engine,
      engine_message: message,
      ...(ctx.view !== undefined ? { view: ctx.view } : {}),
      ...(ctx.sql !== undefined ? { sql: ctx.sql } : {}),
    },
    cause: e,
  });
}
