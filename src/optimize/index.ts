// The optimizer: named, traced IR → IR passes run to a fixed point (see CONTEXT.md).
//
//   Program ──optimizeProgram──► per view: simplify … merge_projects, repeated until stable
//                                 then program passes (common_subplan) ──► Program + trace
export { optimizeProgram, optimizeRel, schemaChange, type OptimizeOptions, type OptimizeRelOptions, type PassTrace, type StopReason } from './driver.ts';
export { PASSES, PIPELINES, PROFILES, passList, resolvePipeline, type PipelineOptions, type PipelineSpec, type Profile } from './pipeline.ts';
export { renderTrace } from './trace.ts';
export { SHARED_VIEW_PREFIX } from './common-subplan.ts';
export type { Pass, PassContext, PassResult, ProgramPass, RelPass } from './pass.ts';
