// parseSelect: a SQL query in any source dialect → a typed, decorrelated relation whose column
// references are positions (what rule specs' `sql` rules and `relc transpile` compile).

import { schemaOf, type Rel, type SourceLocation, type Subquery } from '../ir/index.ts';
import { decorrelate } from './decorrelate.ts';
import { SOURCE_DIALECT_DEFS, type SourceDialect } from './dialects.ts';
import { parseStandaloneExpr, parseStatement } from './parse-query.ts';
import type { ParamTypes } from './scope.ts';
import { translateQuery } from './select/query.ts';
import { namingCore, queryNaming } from './select/env.ts';
import type { SqlWarning } from './select/env.ts';
import type { Catalog } from './select/env.ts';
import type { ColumnNaming } from './scope.ts';
import { SqlSource, type Span } from './source.ts';
import type { Query, SelectCore, SqlExpr } from './ast.ts';

export interface SelectOptions {
  readonly dialect: SourceDialect;
  readonly catalog: Catalog;
  readonly params?: ParamTypes;
  /** Where the first character of the SQL sits in its file. */
  readonly origin?: SourceLocation;
  /**
   * A LIMIT/OFFSET, DISTINCT ON or order-dependent window function over an order that is not
   * provably total is an error (NONDETERMINISTIC_ORDER) instead of a tiebroken warning.
   */
  readonly strict?: boolean;
  /** Receives each warning (a tiebreak added to a non-total order) once, in source order, after a successful translation. */
  readonly onWarning?: (w: SqlWarning) => void;
  /**
   * Receives, per output column, whether its name is implicit: the select-list item has no
   * alias and is not a column reference, so the name is the source dialect's convention
   * (PostgreSQL's `?column?`, a function's name), which a transpiler may leave to the target.
   */
  readonly onImplicitNames?: (implicit: readonly boolean[]) => void;
  /**
   * Receives how the query's select list (the first SELECT of its set operations) names each
   * output column, for naming them by a target engine's rules (src/sql/output-names.ts); null
   * for VALUES.
   */
  readonly onColumnNamings?: (namings: readonly ColumnNaming[] | null) => void;
}

/** Per output column, whether its name is implicit; all false when the list cannot be matched to the columns (several stars). */
function implicitNames(query: Query, width: number): boolean[] {
  const items = namingCore(query.body)?.items ?? [];
  const stars = items.filter((it) => it.k === 'star').length;
  const explicit = Array<boolean>(width).fill(false);
  if (stars > 1 || (stars === 0 && items.length !== width)) return explicit;
  const starWidth = width - (items.length - stars);
  if (starWidth < 0) return explicit;
  return items.flatMap((it) => (it.k === 'star' ? Array<boolean>(starWidth).fill(false) : [it.alias === null && it.expr.k !== 'column']));
}

export function parseSelect(sql: string, opts: SelectOptions): Rel {
  const src = new SqlSource(sql, opts.origin);
  const dialect = SOURCE_DIALECT_DEFS[opts.dialect];
  const query = parseStatement(src, dialect);
  const subquerySpans = new WeakMap<Subquery, Span>();
  const warnings = new Map<string, SqlWarning>();
  const warn = (w: SqlWarning) => void warnings.set(`${w.location.line}:${w.location.col}:${w.message}`, w);
  const namings = new WeakMap<SelectCore, readonly ColumnNaming[]>();
  const env = { src, dialect, catalog: opts.catalog, params: opts.params ?? new Map(), ctes: [], outer: null, subquerySpans, strict: opts.strict ?? false, warn, namings };
  const rel = decorrelate(translateQuery(query, env), src, subquerySpans);
  const byPlace = (a: SqlWarning, b: SqlWarning) => a.location.line - b.location.line || a.location.col - b.location.col;
  for (const w of [...warnings.values()].sort(byPlace)) opts.onWarning?.(w);
  opts.onImplicitNames?.(implicitNames(query, schemaOf(rel).length));
  if (opts.onColumnNamings) {
    const naming = queryNaming(query, rel, [], env);
    // A VALUES list's columns are named as its relation's.
    opts.onColumnNamings(naming?.values ? naming.columns.map((c, index) => ({ ...c, source: { relation: naming, index } })) : (naming?.columns ?? null));
  }
  return rel;
}

/**
 * A query already in the syntax tree of `ast.ts` (built by another front end, e.g. from Kysely's
 * operation nodes) → the same typed, decorrelated relation parseSelect gives. `text` is what the
 * spans point into (errors are located there).
 */
export function translateSelectAst(query: Query, text: string, opts: SelectOptions): Rel {
  const src = new SqlSource(text, opts.origin);
  const dialect = SOURCE_DIALECT_DEFS[opts.dialect];
  const subquerySpans = new WeakMap<Subquery, Span>();
  const env = { src, dialect, catalog: opts.catalog, params: opts.params ?? new Map(), ctes: [], outer: null, subquerySpans, strict: opts.strict ?? false, warn: (w: SqlWarning) => opts.onWarning?.(w) };
  return decorrelate(translateQuery(query, env), src, subquerySpans);
}

/** One PostgreSQL expression as a syntax tree (for a front end that splices SQL fragments into its own tree). */
export function parseExprAst(sql: string, origin?: SourceLocation): SqlExpr {
  return parseStandaloneExpr(new SqlSource(sql, origin), SOURCE_DIALECT_DEFS.postgres);
}
