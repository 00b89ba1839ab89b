// The one typed registry of error codes and the RelcError every stage throws.

export type Stage = 'validation' | 'compilation' | 'runtime' | 'io';

/** Every code relc reports, with the stage it belongs to. Add new codes here, nowhere else. */
export const ERROR_CODES = {
  USAGE_ERROR: 'validation',
  SPEC_PARSE_ERROR: 'validation',
  SPEC_VERSION_UNSUPPORTED: 'validation',
  SPEC_UNKNOWN_FIELD: 'validation',
  SPEC_MISSING_FIELD: 'validation',
  SPEC_BAD_VALUE: 'validation',
  UNKNOWN_RELATION: 'validation',
  DUPLICATE_NAME: 'validation',
  UNKNOWN_COLUMN: 'validation',
  AMBIGUOUS_COLUMN: 'validation',
  UNKNOWN_PARAM: 'validation',
  TYPE_MISMATCH: 'validation',
  UNKNOWN_FUNCTION: 'validation',
  CYCLE: 'validation',
  WINNER_WITHOUT_ORDER: 'validation',
  NONDETERMINISTIC_ORDER: 'validation',
  POLICY_VIOLATION: 'validation',
  SQL_PARSE_ERROR: 'validation',
  NESTING_LIMIT: 'validation',
  NUMERIC_OUT_OF_RANGE: 'validation',
  UNSUPPORTED_CONSTRUCT: 'compilation',
  BACKEND_UNSUPPORTED: 'compilation',
  INVALID_PLAN: 'compilation',
  SUBSTRAIT_DECODE_ERROR: 'compilation',
  INPUT_NOT_FOUND: 'io',
  INPUT_SCHEMA_MISMATCH: 'io',
  INPUT_KEY_VIOLATION: 'io',
  OUTPUT_KEY_VIOLATION: 'runtime',
  OUTPUT_WRITE_FAILED: 'io',
  EXECUTION_FAILED: 'runtime',
  RECURSION_LIMIT: 'runtime',
  GOLDEN_MISMATCH: 'runtime',
  REPLAY_MISMATCH: 'runtime',
  INTERNAL: 'runtime',
} as const satisfies Record<string, Stage>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface SourceLocation {
  readonly file: string;
  readonly line: number; // 1-based
  readonly col: number; // 1-based
}

export interface RelcErrorJson {
  readonly stage: Stage;
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Record<string, unknown>;
  readonly location?: SourceLocation;
}

export class RelcError extends Error {
  readonly stage: Stage;
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly location?: SourceLocation;

  constructor(code: ErrorCode, message: string, opts: { details?: Record<string, unknown>; location?: SourceLocation; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'RelcError';
    this.code = code;
    this.stage = ERROR_CODES[code];
    if (opts.details !== undefined) this.details = opts.details;
    if (opts.location !== undefined) this.location = opts.location;
  }

  toJSON(): RelcErrorJson {
    return {
      stage: this.stage,
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
