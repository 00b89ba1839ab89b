// The pass contract: a named, pure rewrite of one relation (or, for whole-program passes, of
// the program) that says whether it changed anything.

import type { Program, Rel, Schema } from '../ir/index.ts';

/** What a pass may know besides the plan it rewrites. */
export interface PassContext {
  /** Schemas of the views a `ref` in the plan may name (for validation after the pass). */
  readonly views: ReadonlyMap<string, Schema>;
}

export interface PassResult {
  /** False only when `rel` is the input itself: passes never report a no-op as a change. */
  readonly changed: boolean;
  readonly rel: Rel;
}

/**
 * A pass over one view's plan, run inside the fixed-point loop. `run` is a function of its
 * arguments alone (no state kept between calls): the driver does not rerun a pass on a plan
 * object that pass already left unchanged.
 */
export interface RelPass {
  readonly name: string;
  readonly scope: 'rel';
  run(rel: Rel, ctx: PassContext): PassResult;
}

/**
 * A pass over the whole program (it may add views), run once after every view reached its
 * fixed point. It must keep every existing view's name and output schema.
 */
export interface ProgramPass {
  readonly name: string;
  readonly scope: 'program';
  runProgram(program: Program): { readonly changed: boolean; readonly program: Program };
}

export type Pass = RelPass | ProgramPass;
