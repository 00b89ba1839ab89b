// Composition of stages for execution: run a program on a backend and write its run bundle.

export { runProgram, outputOrder, type LowerFn, type RunOptions, type RunResult, type RunManifest, type OutputResult, type ManifestInput, type ManifestView, type ManifestOutput } from './run-program.ts';
export { bindParams, type BoundParam } from './params.ts';
export { DIAGNOSTIC_DATASETS, DIAGNOSTIC_SCHEMAS, type DiagnosticDataset, type ExecEvent } from './diagnostics.ts';
export { OUTPUT_EXTENSIONS } from './output-files.ts';
export { RELC_VERSION } from './version.ts';
