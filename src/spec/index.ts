// Rule spec front end: YAML/JSON rule pack → validated spec → IR Program.
export { compileSpecText, type CompiledSpec, type SpecWarning } from './build.ts';
export { specJsonSchema, specShape, SPEC_VERSION, type Spec, type RuleSpec, type RuleKind } from './format.ts';
export { readSource, sourceValue, locate as locateIn, type SpecLocator, type SpecSource } from './source.ts';
export { validateSpec } from './validate.ts';
export { pack, raw, Pack, type ColumnsOf, type RowOf, type Columns, type Expr, type JoinExpr, type SortItem, type Raw, type Row, type ValueOf } from './pack/index.ts';
