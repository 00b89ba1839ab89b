// What a SQLite shim is (a deterministic JS function registered on a connection) and the helpers
// every family of shims builds them with: SQLite's values, strict NULL handling, errors.

/** A value as better-sqlite3 passes it with safe integers: INTEGER as bigint, REAL, TEXT, BLOB. */
export type Sql = null | bigint | number | string | Uint8Array;

export interface SqliteFunction {
  readonly name: string;
  readonly impl: (...args: never[]) => unknown;
  readonly varargs?: boolean;
  readonly deterministic: true;
}

/** Raise `message` as the engine error (PostgreSQL's own wording where it has one). */
export const fail = (message: string): never => {
  throw new Error(message);
};

/** A value as text (a BLOB's bytes read as UTF-8). */
export const str = (v: Sql): string => (typeof v === 'string' ? v : v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v));

/** `f` with NULL for a NULL in any argument (SQL's strict functions). */
export function strict<A extends Sql[]>(f: (...a: A) => Sql): (...a: A) => Sql {
  const g = (...args: A): Sql => (args.some((a) => a === null) ? null : f(...args));
  return Object.defineProperty(g, 'length', { value: f.length });
}

export const def = (name: string, impl: (...args: never[]) => unknown, varargs = false): SqliteFunction => ({ name, impl, varargs, deterministic: true });
