// The SQL front end: SQL text (PostgreSQL, DuckDB, SQLite, MySQL, BigQuery) → typed relational IR.
export { parseScalar, parseAggregate } from './expression.ts';
export type { ExprScope, ExprOptions } from './scope.ts';
export { SOURCE_DIALECTS, isSourceDialect, type SourceDialect } from './dialects.ts';
