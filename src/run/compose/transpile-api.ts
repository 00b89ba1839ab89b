// The library's one-call transpiler, in the manner of sqlglot's `transpile`/`parse`: a script
// of one or more statements in a source dialect → one output text per statement.
//
//   transpile('select a / 2 from t; select 1', { from: 'duckdb', to: 'sqlite', schema: { t: { a: 'int64' } } })
//     → ['SELECT …', 'SELECT 1 AS …']

import type { Dialect, Rel, SourceLocation } from '../../ir/index.ts';
import { splitStatements, type Catalog, type SourceDialect, type SqlWarning } from '../../sql/index.ts';
import { fromKysely, type KyselyQuery } from '../../kysely/index.ts';
import { lowerRel } from '../../lower/sql/index.ts';
import { optimizeRel } from '../../optimize/index.ts';
import { catalogOf, schemaMapTables } from './catalog.ts';
import { standalonePrelude } from './standalone.ts';
import { transpileQuery } from './transpile.ts';

/** Tables as `{table: {column: type}}` (types as in rule packs: `int64`, `utf8`, `decimal(12,2)`…), or a Catalog. */
export type SchemaInput = Readonly<Record<string, Readonly<Record<string, string>>>> | Catalog;

export interface TranspileCallOptions {
  /** Source dialect (default postgres). */
  readonly from?: SourceDialect;
  /** Target dialect (default duckdb). */
  readonly to?: Dialect;
  /** The tables the SQL reads; without it only queries over no tables (or VALUES) resolve. */
  readonly schema?: SchemaInput;
  /** Run the optimizer (default true). */
  readonly optimize?: boolean;
  /** A LIMIT or window over an order that is not total is an error instead of a warning. */
  readonly strict?: boolean;
  readonly onWarning?: (w: SqlWarning) => void;
  /** Names the text in error locations (default `<sql>`). */
  readonly file?: string;
  /**
   * Text that calls relc's shims carries their definitions before the statement (DuckDB macros
   * and settings; SQLite: a header naming the functions to register), so it runs on a stock
   * engine (default true); false makes such a text UNSUPPORTED_CONSTRUCT naming the shims.
   */
  readonly prelude?: boolean;
  /**
   * SQLite target: the connection that runs the text registers relc's functions
   * (`registerSqliteFunctions(db)` from 'relc'), so the text may call them; it then starts with a
   * comment naming them. Default false: the text is plain SQLite, and a construct plain SQLite
   * cannot give PostgreSQL's semantics for (Unicode upper/lower, regular expressions, …) is
   * BACKEND_UNSUPPORTED naming it and the target. Ignored with `prelude: false`.
   */
  readonly registeredFunctions?: boolean;
}

function isCatalog(s: SchemaInput): s is Catalog {
  return typeof (s as Catalog).resolve === 'function';
}

function catalogFrom(schema: SchemaInput | undefined): Catalog {
  if (schema === undefined) return catalogOf(new Map());
  return isCatalog(schema) ? schema : catalogOf(schemaMapTables(schema, '<schema>'));
}

function each<T>(sql: string, opts: TranspileCallOptions, to: Dialect | 'ir', pick: (t: ReturnType<typeof transpileQuery>) => T, plainSqlite = false): T[] {
  const from = opts.from ?? 'postgres';
  const catalog = catalogFrom(opts.schema);
  const origin: SourceLocation = { file: opts.file ?? '<sql>', line: 1, col: 1 };
  return splitStatements(sql, from, origin).map((s) =>
    pick(
      transpileQuery(s.text, {
        from,
        to,
        catalog,
        optimize: opts.optimize ?? true,
        origin: s.origin,
        ...(opts.strict ? { strict: true } : {}),
        plainSqlite,
        ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
      }),
    ),
  );
}

/** Each statement of `sql`, resolved, typed and optimized, as SQL of `to`. Throws RelcError. */
export function transpile(sql: string, opts: TranspileCallOptions = {}): string[] {
  const to = opts.to ?? 'duckdb';
  const plainSqlite = !(opts.registeredFunctions && opts.prelude !== false);
  return each(sql, opts, to, (t) => `${standalonePrelude(t.text, to, { prelude: opts.prelude ?? true })}${t.text}`, plainSqlite);
}

/** Each statement of `sql` as relc's typed IR (optimized unless `optimize: false`). Throws RelcError. */
export function parse(sql: string, opts: Omit<TranspileCallOptions, 'to'> = {}): Rel[] {
  return each(sql, opts, 'ir', (t) => t.rel);
}

/** Each statement printed by relc's printer for `dialect`, unoptimized (the query as written, resolved). */
export function format(sql: string, opts: Omit<TranspileCallOptions, 'to' | 'from' | 'optimize'> & { readonly dialect?: Extract<Dialect, SourceDialect> } = {}): string[] {
  const dialect = opts.dialect ?? 'postgres';
  return each(sql, { ...opts, from: dialect, optimize: false }, dialect, (t) => t.text);
}

/** A Kysely query (builder or node tree) → SQL for `to` (default duckdb), optimized unless `optimize: false`. Throws RelcError. */
export function transpileKysely(query: KyselyQuery, opts: Pick<TranspileCallOptions, 'to' | 'schema' | 'optimize'> = {}): string {
  const parsed = fromKysely(query, catalogFrom(opts.schema));
  const rel = opts.optimize === false ? parsed : optimizeRel(parsed).rel;
  return lowerRel(rel, opts.to ?? 'duckdb').sql;
}
