// Where a SQL query reads a table of a given name (FROM items at any depth): what a recursive
// rule's checks point at (its step must read the rule's own name exactly once).

import type { SourceLocation } from '../ir/index.ts';
import { forEachTableName } from './ast-walk.ts';
import { SOURCE_DIALECT_DEFS, type SourceDialect } from './dialects.ts';
import { parseStatement } from './parse-query.ts';
import { SqlSource } from './source.ts';

/** The locations of every reference to table `name` (case-insensitive) in `sql`, in text order. */
export function tableReferences(sql: string, name: string, opts: { dialect: SourceDialect; origin?: SourceLocation }): SourceLocation[] {
  const src = new SqlSource(sql, opts.origin);
  const query = parseStatement(src, SOURCE_DIALECT_DEFS[opts.dialect]);
  const offsets: number[] = [];
  forEachTableName(query, (n, span) => {
    if (n.toLowerCase() === name.toLowerCase()) offsets.push(span.start);
  });
  return offsets.sort((a, b) => a - b).map((o) => src.locate(o));
}
