// The one typed registry of error codes and the RelcError every stage throws.

/**
 * Where in the pipeline an error arises: reading the rule pack or SQL text (`spec`), naming and
 * typing its relations (`resolve`), the optimizer (`optimize`), printing SQL or Substrait for a
 * target (`lower`), running it on an engine (`execute`), files (`io`), and the gates that compare
 * a run with a recorded one (`replay`: golden, replay).
 */
export type Stage = 'spec' | 'resolve' | 'optimize' | 'lower' | 'execute' | 'io' | 'replay';

/** What an error code says about an error: its stage, and whether running again unchanged can succeed. */
export interface ErrorClass {
  readonly stage: Stage;
  /**
   * True only where the cause can pass by itself (a file that cannot be written now: disk full, a
   * busy directory). relc is deterministic: every other error recurs on the same pack, inputs and
   * flags until one of them changes.
   */
  readonly retryable: boolean;
}

const fixed = (stage: Stage): ErrorClass => ({ stage, retryable: false });

/**
 * Every code relc reports, with its class. Add new codes here, nowhere else: an error's stage and
 * retryability are derived from its code alone, never decided where it is thrown.
 */
export const ERROR_CODES = {
  USAGE_ERROR: fixed('spec'),
  SPEC_PARSE_ERROR: fixed('spec'),
  SPEC_VERSION_UNSUPPORTED: fixed('spec'),
  SPEC_UNKNOWN_FIELD: fixed('spec'),
  SPEC_MISSING_FIELD: fixed('spec'),
  SPEC_BAD_VALUE: fixed('spec'),
  SQL_PARSE_ERROR: fixed('spec'),
  NESTING_LIMIT: fixed('spec'),
  SUBSTRAIT_DECODE_ERROR: fixed('spec'),
  UNKNOWN_RELATION: fixed('resolve'),
  DUPLICATE_NAME: fixed('resolve'),
  UNKNOWN_COLUMN: fixed('resolve'),
  AMBIGUOUS_COLUMN: fixed('resolve'),
  UNKNOWN_PARAM: fixed('resolve'),
  TYPE_MISMATCH: fixed('resolve'),
  UNKNOWN_FUNCTION: fixed('resolve'),
  CYCLE: fixed('resolve'),
  WINNER_WITHOUT_ORDER: fixed('resolve'),
  NONDETERMINISTIC_ORDER: fixed('resolve'),
  // A view the pack's policy forbids (a shim, a fallback, a lane): found where lanes are chosen.
  POLICY_VIOLATION: fixed('lower'),
  NUMERIC_OUT_OF_RANGE: fixed('resolve'),
  UNSUPPORTED_CONSTRUCT: fixed('resolve'),
  INVALID_PLAN: fixed('lower'),
  BACKEND_UNSUPPORTED: fixed('lower'),
  INPUT_NOT_FOUND: fixed('io'),
  INPUT_SCHEMA_MISMATCH: fixed('io'),
  INPUT_KEY_VIOLATION: fixed('io'),
  OUTPUT_WRITE_FAILED: { stage: 'io', retryable: true },
  OUTPUT_KEY_VIOLATION: fixed('execute'),
  EXECUTION_FAILED: fixed('execute'),
  RECURSION_LIMIT: fixed('execute'),
  GOLDEN_MISMATCH: fixed('replay'),
  REPLAY_MISMATCH: fixed('replay'),
  // A bug in relc: no stage of the user's input is at fault, and it recurs.
  INTERNAL: fixed('execute'),
} as const satisfies Record<string, ErrorClass>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface SourceLocation {
  readonly file: string;
  readonly line: number; // 1-based
  readonly col: number; // 1-based
}

export interface RelcErrorJson {
  readonly stage: Stage;
  readonly retryable: boolean;
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Record<string, unknown>;
  readonly location?: SourceLocation;
}

export class RelcError extends Error {
  readonly stage: Stage;
  readonly retryable: boolean;
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly location?: SourceLocation;

  constructor(code: ErrorCode, message: string, opts: { details?: Record<string, unknown>; location?: SourceLocation; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'RelcError';
    this.code = code;
    ({ stage: this.stage, retryable: this.retryable } = ERROR_CODES[code]);
    if (opts.details !== undefined) this.details = opts.details;
    if (opts.location !== undefined) this.location = opts.location;
  }

  toJSON(): RelcErrorJson {
    return {
      stage: this.stage,
      retryable: this.retryable,
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
      ...(this.location === undefined ? {} : { location: this.location }),
    };
  }

  /** The same error with a location filled in, when it has none yet. */
  at(location: SourceLocation | undefined): RelcError {
    if (this.location || !location) return this;
    return new RelcError(this.code, this.message, { details: this.details, location, cause: this.cause });
  }
}

export function isRelcError(e: unknown): e is RelcError {
  return e instanceof RelcError;
}

/** An internal invariant broke: a bug in relc, not in the user's input (exit 70). */
export function internal(message: string, details?: Record<string, unknown>): RelcError {
  return new RelcError('INTERNAL', message, details ? { details } : {});
}

/** Exhaustiveness guard for `switch` over a discriminated union. */
export function assertNever(x: never, what = 'value'): never {
  throw internal(`unexpected ${what}: ${JSON.stringify(x)}`);
}
