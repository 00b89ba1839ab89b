// Composition for `relc transpile`: SQL in a source dialect → parse + resolve + decorrelate
// (src/sql) → optimize (src/optimize) → SQL for a target dialect (src/lower/sql) or the IR.
//
//   sql ──parseSelect──► Rel ──optimizeRel──► Rel ──lowerRel──► { sql, params }

import { canonicalJsonPretty, type Dialect, type Rel, type SourceLocation } from '../../ir/index.ts';
import { lowerRel, SQLITE_STANDALONE } from '../../lower/sql/index.ts';
import { refuseShimCalls } from './standalone.ts';
import { optimizeRel } from '../../optimize/index.ts';
import { parseSelect, targetColumnName, type Catalog, type ColumnNaming, type ParamTypes, type SourceDialect, type SqlWarning } from '../../sql/index.ts';

export type TranspileTarget = Dialect | 'ir';

export interface TranspileOptions {
  readonly from: SourceDialect;
  readonly to: TranspileTarget;
  readonly catalog: Catalog;
  /** Run the optimizer's default pipeline (default true). */
  readonly optimize?: boolean;
  /** Types of `:name` parameters the query may use. */
  readonly params?: ParamTypes;
  /** Where the SQL text starts in its file, for error locations. */
  readonly origin?: SourceLocation;
  /** A non-total order under LIMIT or a window is an error instead of a warning + tiebreak. */
  readonly strict?: boolean;
  readonly onWarning?: (w: SqlWarning) => void;
  /**
   * SQLite target: plain SQLite, for a connection without relc's functions (what transpile() and
   * `relc transpile` print unless told the consumer registers them): a construct that needs one is
   * BACKEND_UNSUPPORTED naming it (src/run/compose/standalone.ts). Default false: the SQLite of
   * relc's own sessions, which register them.
   */
  readonly plainSqlite?: boolean;
}

export interface Transpiled {
  /** The typed, decorrelated (and, unless disabled, optimized) plan. */
  readonly rel: Rel;
  /** SQL text for a dialect target, canonical JSON of `rel` for 'ir'. */
  readonly text: string;
  /** Parameter names bound to placeholders 1, 2, … (empty for 'ir'). */
  readonly params: readonly string[];
}

export function transpileQuery(sql: string, opts: TranspileOptions): Transpiled {
  let implicit: readonly boolean[] = [];
  let namings: readonly ColumnNaming[] | null = null;
  const parsed = parseSelect(sql, {
    dialect: opts.from,
    catalog: opts.catalog,
    ...(opts.params ? { params: opts.params } : {}),
    ...(opts.origin ? { origin: opts.origin } : {}),
    ...(opts.strict ? { strict: true } : {}),
    ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
    onImplicitNames: (flags) => void (implicit = flags),
    onColumnNamings: (cols) => void (namings = cols),
  });
  const rel = opts.optimize === false ? parsed : optimizeRel(parsed).rel;
  if (opts.to === 'ir') return { rel, text: canonicalJsonPretty(rel), params: [] };
  // Columns are named as the target engine names the query as written (src/sql/output-names.ts):
  // relc's names follow PostgreSQL's rules (`?column?`, the function's name), which only a
  // PostgreSQL target keeps. A name relc cannot give is left to the engine where the column is an
  // expression at the top.
  const names = namings === null ? [] : (namings as readonly ColumnNaming[]).map((c) => targetColumnName(c, opts.to as Dialect));
  const engineNamed = implicit.map((x, i) => x && (names[i] ?? null) === null);
  const standaloneSqlite = opts.to === 'sqlite' && opts.plainSqlite === true;
  const lowered = lowerRel(rel, standaloneSqlite ? SQLITE_STANDALONE : opts.to, { engineNamed, outputNames: names });
  if (standaloneSqlite) refuseShimCalls(lowered.sql, 'sqlite');
  return { rel, text: lowered.sql, params: lowered.params };
}

/** The transpiled text: SQL for a dialect, canonical IR JSON for 'ir'. */
export function transpile(sql: string, opts: TranspileOptions): string {
  return transpileQuery(sql, opts).text;
}
