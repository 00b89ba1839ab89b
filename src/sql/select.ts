// parseSelect: a SQL query in any source dialect → a typed, decorrelated relation whose column
// references are positions (what rule specs' `sql` rules and `relc transpile` compile).

import type { Rel, SourceLocation, Subquery } from '../ir/index.ts';
import { decorrelate } from './decorrelate.ts';
import { SOURCE_DIALECT_DEFS, type SourceDialect } from './dialects.ts';
import { parseStatement } from './parse-query.ts';
import type { ParamTypes } from './scope.ts';
import { translateQuery } from './select/query.ts';
import type { Catalog } from './select/env.ts';
import { SqlSource, type Span } from './source.ts';

export interface SelectOptions {
  readonly dialect: SourceDialect;
  readonly catalog: Catalog;
  readonly params?: ParamTypes;
  /** Where the first character of the SQL sits in its file. */
  readonly origin?: SourceLocation;
}

export function parseSelect(sql: string, opts: SelectOptions): Rel {
  const src = new SqlSource(sql, opts.origin);
  const dialect = SOURCE_DIALECT_DEFS[opts.dialect];
  const query = parseStatement(src, dialect);
  const subquerySpans = new WeakMap<Subquery, Span>();
  const rel = translateQuery(query, { src, dialect, catalog: opts.catalog, params: opts.params ?? new Map(), ctes: [], outer: null, subquerySpans });
  return decorrelate(rel, src, subquerySpans);
}
