// The SQL front end: SQL text (PostgreSQL, DuckDB, SQLite, MySQL, BigQuery) → typed relational IR.
export { parseScalar, parseAggregate } from './expression.ts';
export { parseSelect, translateSelectAst, parseExprAst, type SelectOptions } from './select.ts';
export type * as SqlAst from './ast.ts';
export type { Catalog } from './select/env.ts';
export type { SqlWarning } from './select/env.ts';
export type { ExprScope, ExprOptions, ParamTypes } from './scope.ts';
export { SOURCE_DIALECTS, isSourceDialect, type SourceDialect } from './dialects.ts';
export { splitStatements, type Statement } from './statements.ts';
export { tableReferences } from './table-references.ts';
export { targetColumnName, duckdbName, type ColumnNaming, type NamingTarget } from './output-names.ts';
