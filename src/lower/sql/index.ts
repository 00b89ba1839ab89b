// SQL lowering: IR → SQL AST → dialect text (DuckDB, SQLite, PostgreSQL, Spark SQL). See CONTEXT.md.
import type { Dialect } from '../../ir/index.ts';
import { sqlDialect, type SqlDialect } from './dialect.ts';
import { quoteIdentifier } from './literals.ts';

export { lowerRel, lowerView, lowerViewForExecution, paramsComment, type LoweredSql } from './program.ts';
export { DUCKDB, POSTGRES, SPARK, SQLITE, SQLITE_STANDALONE, SQL_DIALECTS, sqlDialect, type DialectCaps, type LiteralStyle, type SqlDialect, type TypeNames } from './dialect.ts';

/** An identifier quoted for the dialect (`"a""b"` for a"b). */
export function quoteIdent(name: string, dialect: Dialect | SqlDialect): string {
  return quoteIdentifier(name, sqlDialect(dialect));
}
