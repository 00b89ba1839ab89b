// Composition of stages for execution: run a program on a backend and write its run bundle.

export { runProgram, outputOrder, type LowerFn, type RunOptions, type RunResult, type RunManifest, type OutputResult, type ManifestInput, type ManifestView, type ManifestOutput, type RunProgress, type FailedRunManifest } from './execute/run-program.ts';
export { openRun, type OpenRun, type OutputStream } from './execute/open-run.ts';
export { bindParams, type BoundParam } from './execute/params.ts';
export { DIAGNOSTIC_DATASETS, DIAGNOSTIC_SCHEMAS, type DiagnosticDataset, type ExecEvent } from './execute/diagnostics.ts';
export { OUTPUT_EXTENSIONS } from './execute/output-files.ts';
export { DEFAULT_POLICY, effectivePolicy, type RunPolicy, type RunWarning } from './execute/policy.ts';
export { routeView, shimsCalled, staticPolicyFindings, type LaneDecision } from './execute/lanes.ts';
export { diagQuery, diagSummary, renderDiagSummary, type DiagSummary } from './inspect/diag.ts';
export { RELC_VERSION } from './version.ts';
