// What a SQL function name maps to: a registry function of some arity, or a builder that makes
// the IR call(s) from the typed arguments (functions.ts, string-calls.ts).

import type { CallSite, Typed } from './coerce.ts';

export type Arity = readonly [min: number, max: number];

export interface BuildInput {
  readonly site: CallSite;
  readonly args: readonly Typed[];
}

export type ScalarFnSpec =
  | { readonly to: string; readonly arity: Arity }
  | { readonly build: (b: BuildInput) => Typed; readonly arity: Arity };
