// The typed rule-pack builder (TypeScript packs): builder, its types, and where its calls are written.
export { pack, raw, Pack, PACK_COLUMNS, PACK_SITES, type ColumnsOf, type PackSites, type RowOf } from './builder.ts';
export type { AnyColumns, ColumnRefs, Columns, Expr, JoinExpr, ParamRefs, Raw, Row, SortItem, ValueOf } from './types.ts';
export { packModuleSpec, checkDeclaredColumns, type PackModuleSpec } from './module.ts';
