// relc — the library API. One function per arrow of the pipeline (ARCHITECTURE.md):
//
//   rule pack ──compileSpecText──┐   SQL ──parseSelect──┐   Substrait ──decodeSubstrait──┐
//                                ▼                      ▼                                ▼
//                          typed relational IR (Program / Rel)  ◄────────────────────────┘
//                                │ optimizeProgram / optimizeRel   (named, traced passes)
//            ┌───────────────────┼──────────────────────────────┐
//            ▼                   ▼                              ▼
//     lowerView (SQL)     toSubstraitPlan → encodePlan*    signViews (BLAKE3 signatures)
//            │
//            ▼
//     openBackend / runProgram → run bundle (manifest, outputs, diagnostics) → replay
//
// The CLI (`relc`) is a thin layer over these.

// The IR: types, errors, registry, schemas, validation, printouts, signatures.
export * from './ir/index.ts';

// Front ends.
export { compileSpecText, specJsonSchema, SPEC_VERSION, type CompiledSpec, type Spec, type SpecWarning } from './spec/index.ts';
// Rule packs in TypeScript: `pack('name').input(…).filter(…)…`, columns checked by tsc.
export { pack, raw, Pack, type ColumnsOf, type RowOf, type Columns, type Expr, type JoinExpr, type SortItem, type Raw, type Row, type ValueOf } from './spec/index.ts';
export * from './sql/index.ts';
export { fromKysely, type KyselyQuery, type KyselyNode } from './kysely/index.ts';
export * from './substrait/index.ts';

// Optimizer.
export { optimizeProgram, optimizeRel, renderTrace, passList, PASSES, PIPELINES, PROFILES, type OptimizeOptions, type PassTrace } from './optimize/index.ts';

// Back ends.
export { lowerRel, lowerView, lowerViewForExecution, quoteIdent, type LoweredSql } from './lower/sql/index.ts';
export { toSubstraitPlan, encodePlanBinary, encodePlanJson, SUBSTRAIT_CONSUMERS, isSubstraitConsumer, type SubstraitPlan, type SubstraitConsumerName } from './lower/substrait/index.ts';
export {
  attachBackend, openBackend, BACKEND_KINDS, typed, TypedValue, comparableRows, rowsContentHash,
  type Backend, type BackendKind, type BackendCaps, type BackendOptions, type BackendSettings, type HostEngine, type BindValue, type RowChunkSink,
  type CanonicalValue, type CanonicalRow, type IntervalValue, type RowsDigest,
} from './backends/index.ts';
export { registerSqliteFunctions } from './backends/sqlite/functions.ts';

// Composition: compile, run, transpile, catalogs.
export { loadSpecFile, prepareProgram, compileSql, compileIr, type PreparedProgram } from './run/compose/compile.ts';
export { compilePackModule, isPackModule, type CompiledPackModule } from './run/compose/pack-module.ts';
export { runSpecFile, openSpecFile, type RunSpecOptions } from './run/execute/execute.ts';
export { runProgram, type RunOptions, type RunResult, type RunManifest, type RunPolicy, type RunWarning, type OutputResult, type ManifestInput, type ManifestView, type ManifestOutput } from './run/index.ts';
// Results for embedding programs: Arrow tables, streamed Arrow batches and rows (src/backends/arrow).
export { openRun, type OpenRun, type OutputStream } from './run/execute/open-run.ts';
export { arrowSchema, arrowType } from './backends/arrow/schema.ts';
export { arrowRows, arrowValue } from './backends/arrow/rows.ts';
export { catalogOf, loadCatalogFile } from './run/compose/catalog.ts';
export { transpile, transpileKysely, parse, format, type TranspileCallOptions, type SchemaInput } from './run/compose/transpile-api.ts';

// The semantic-regression gate: golden snapshots, spec diffs, replay of run bundles.
export { checkGolden, updateGolden, renderGoldenReport, type GoldenReport } from './run/gate/golden.ts';
export { diffSpecs, diffPrograms, renderSpecDiff, type SpecDiff, type ViewDiff } from './run/gate/diff.ts';
export { replayBundle, replayMismatch, type ReplayReport, type ReplayFinding } from './run/gate/replay.ts';
