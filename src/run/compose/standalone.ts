// Standalone SQL: text that runs on a stock engine with no relc session. Where the lowering
// calls one of relc's DuckDB shims (`relc_substring`, `relc_int_mod`, … — PostgreSQL semantics
// DuckDB's built-ins lack), the output carries a prelude with exactly the macros it uses (and
// the macros those call), in definition order, plus the session settings relc's own
// connections run. SQLite has no SQL for defining a function: a transpiled query's SQLite is
// plain SQLite (src/lower/sql SQLITE_STANDALONE: overflow errors raised by SQLite itself, operands
// bound once in scalar subqueries), and what still needs a shim (a JS function: Unicode case
// mapping, regular expressions, statistics) is refused naming the construct — unless the caller
// says the connection registers relc's functions (`registerSqliteFunctions(db)` from 'relc', on any
// better-sqlite3 connection): then the text calls them and names them in a header comment, as
// compiled rule packs do.

import { RelcError, type Dialect } from '../../ir/index.ts';
import { DUCKDB_MACROS, DUCKDB_SETTINGS } from '../../backends/duckdb/functions.ts';

const SHIM_CALL = /\b(relc_[a-z0-9_]+)\s*\(/g;

/** Names of relc shims called by `sql`, sorted. */
export function shimsCalled(sql: string): string[] {
  return [...new Set([...sql.matchAll(SHIM_CALL)].map((m) => m[1]!))].sort();
}

/**
 * How a dialect's text gets relc's shims: SQL definitions relc prints before it (session settings
 * and one statement per shim, by name), or functions the library registers on a connection.
 */
type ShimSource =
  | { readonly kind: 'prelude'; readonly engine: string; readonly settings: readonly string[]; readonly definitions: ReadonlyMap<string, string> }
  | { readonly kind: 'registered'; readonly engine: string; readonly register: string };
type ShimDefinitions = Extract<ShimSource, { kind: 'prelude' }>;

const byMacroName = (statements: readonly string[]): ReadonlyMap<string, string> =>
  new Map(statements.map((stmt) => [/MACRO (relc_[a-z0-9_]+)/.exec(stmt)![1]!, stmt] as const));

/** Each dialect's shim source (PostgreSQL's and Spark's lowerings call no shim). */
const SHIM_SOURCES: Readonly<Record<Dialect, ShimSource | undefined>> = {
  duckdb: { kind: 'prelude', engine: 'DuckDB', settings: DUCKDB_SETTINGS, definitions: byMacroName(DUCKDB_MACROS) },
  sqlite: { kind: 'registered', engine: 'sqlite', register: "registerSqliteFunctions(db) from 'relc'" },
  postgres: undefined,
  spark: undefined,
};

/** The definitions `sql` needs, closed over the shims they call, in definition order. */
function definitionsFor(sql: string, defs: ShimDefinitions): string[] {
  const need = new Set<string>();
  const visit = (name: string) => {
    if (need.has(name) || !defs.definitions.has(name)) return;
    need.add(name);
    for (const inner of shimsCalled(defs.definitions.get(name)!)) visit(inner);
  };
  for (const name of shimsCalled(sql)) visit(name);
  return [...defs.definitions].filter(([n]) => need.has(n)).map(([, stmt]) => stmt);
}

/** What the SQLite lowering renders through a shim outside the function registry (whose refusals name the function). */
const SHIM_CONSTRUCTS: Readonly<Record<string, string>> = {
  relc_like: 'LIKE with a pattern that is not a literal',
  relc_ilike: 'ILIKE with a pattern that is not a literal',
  relc_sha256_128: 'stable_id (SHA-256)',
  relc_interval_key: 'comparing or ordering intervals',
};

/** The text without its string literals and quoted identifiers, which may spell anything. */
const codeOnly = (sql: string): string => sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, "''");

/**
 * Plain SQLite text must call none of relc's functions: a call left (a dialect template's, where
 * no registry row names the construct) is BACKEND_UNSUPPORTED naming the construct and the target.
 */
export function refuseShimCalls(sql: string, dialect: Dialect): void {
  const shims = shimsCalled(codeOnly(sql));
  if (shims.length === 0) return;
  const what = shims.map((s) => SHIM_CONSTRUCTS[s] ?? `the construct relc renders with ${s}`).join(', ');
  throw new RelcError(
    'BACKEND_UNSUPPORTED',
    `${what} is not supported on ${dialect}: plain ${dialect} has no form of it with PostgreSQL's semantics (relc renders it with its JS function${shims.length > 1 ? 's' : ''} ${shims.join(', ')}); if the connection registers relc's functions (registerSqliteFunctions(db) from 'relc'), say so with registeredFunctions: true / --registered-functions`,
    { details: { dialect, shims } },
  );
}

export interface StandaloneOptions {
  /** Without a prelude, text that needs relc's shims is an error naming them (default: prelude). */
  readonly prelude?: boolean;
}

/**
 * The statements to run before `sql` on a stock engine of `dialect` ('' when none are needed).
 * With `prelude: false`, a text that needs shims is UNSUPPORTED_CONSTRUCT naming them.
 */
export function standalonePrelude(sql: string, dialect: Dialect, opts: StandaloneOptions = {}): string {
  const shims = shimsCalled(sql);
  const source = SHIM_SOURCES[dialect];
  if (shims.length === 0 || source === undefined) return '';
  if (opts.prelude === false) {
    const what = source.kind === 'prelude' ? 'macros' : 'functions';
    const hint = source.kind === 'prelude' ? 'drop --no-prelude to include their definitions' : `register them with ${source.register}`;
    throw new RelcError('UNSUPPORTED_CONSTRUCT', `the ${source.engine} text needs relc's ${what} ${shims.join(', ')}; ${hint}`, { details: { shims, target: dialect } });
  }
  if (source.kind === 'registered') return `-- relc: this ${source.engine} text calls relc's functions ${shims.join(', ')}: register them first with ${source.register}\n`;
  return `-- relc prelude: PostgreSQL semantics for ${source.engine} (${shims.join(', ')})\n${[...source.settings, ...definitionsFor(sql, source)].map((x) => `${x};\n`).join('')}\n`;
}
