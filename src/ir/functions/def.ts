// What a function definition is: signatures, result rules, null behaviour, per-dialect rendering
// and the Substrait function it maps to. The families beside this file are tables of these;
// src/ir/registry.ts gathers them and answers lookups.

import type { DataType, TypeKind } from '../types.ts';

export type Dialect = 'duckdb' | 'sqlite' | 'postgres' | 'spark';
export const DIALECTS: readonly Dialect[] = ['duckdb', 'sqlite', 'postgres', 'spark'];

/**
 * How a call prints in SQL. Placeholders `{0}`, `{1}`… in templates stand for the printed
 * arguments (already parenthesized as needed); `{*}` for all of them comma-separated. Template
 * text is static dialect data: user values never reach it.
 */
export type Render =
  | { readonly kind: 'infix'; readonly op: string; readonly precedence: number } // a op b op c
  | { readonly kind: 'prefix'; readonly op: string; readonly precedence: number } // op a
  | { readonly kind: 'fn'; readonly name: string } // name(a, b, …)
  | { readonly kind: 'template'; readonly template: string; readonly precedence?: number } // no precedence: function-like (an atom; arguments inserted as is); else operator-like (arguments at or below it are parenthesized)
  | { readonly kind: 'by_type'; readonly cases: readonly RenderCase[]; readonly default: Render } // first case whose types match wins
  | { readonly kind: 'cast_result'; readonly render: Render } // CAST(<render> AS <the call's IR type>): the engine's own result type differs
  | { readonly kind: 'ordered_set'; readonly name: string } // name(args[1…]) WITHIN GROUP (ORDER BY args[0]): aggregates only
  | { readonly kind: 'sorted_by_arg'; readonly name: string } // name(args[0] ORDER BY args[0]): aggregates only
  | { readonly kind: 'collect_sorted'; readonly name: string } // name(struct(order keys…, args[0])) sorted by the keys, the elements read back (Spark's collect_list keeps no order): aggregates only
  | { readonly kind: 'wrap_result'; readonly template: string; readonly render: Render } // the template with {0} the rendered call (an aggregate's too): nullif(<render>, NaN)
  | { readonly kind: 'cast_args'; readonly to: DataType; readonly render: Render } // <render> over CAST(arg AS <to>) of every argument (an aggregate's too): sum(CAST(x AS DECIMAL(38, 0)))
  | { readonly kind: 'unsupported'; readonly reason: string }; // → BACKEND_UNSUPPORTED

/** A type-dependent choice of rendering: argument patterns (all given must match) and/or the result type. */
export interface RenderCase {
  readonly args?: readonly ArgPattern[];
  readonly result?: ArgPattern;
  /** Only when every argument prints as a column or a literal: a template may repeat them at no cost. */
  readonly simpleArgs?: boolean;
  /** Only when each named argument is an integer literal of at least `atLeast` (a check the engine cannot raise is then not needed). */
  readonly literals?: readonly { readonly arg: number; readonly atLeast: number }[];
  /** Only when each of these arguments (where the call has it) is a literal or a parameter: an engine that wants a constant there (Spark's round scale, lag offset, string_agg delimiter). */
  readonly constants?: readonly number[];
  readonly render: Render;
}

/** What the lowering knows of a call's arguments beyond their types. */
export interface CallShape {
  /** Every argument prints as a column or a literal. */
  readonly simpleArgs: boolean;
  /** Each argument's integer value where it is an integer literal. */
  readonly integers: readonly (bigint | undefined)[];
  /** Which arguments are literals or parameters (constants when the statement runs). */
  readonly constants: readonly boolean[];
}


/** An argument pattern: a type kind, or a family. */
export type ArgPattern = TypeKind | 'any' | 'numeric' | 'integer' | 'string' | 'temporal' | 'comparable';

/**
 * Result type rules. A DataType is returned as is; the named rules compute from the
 * (already coerced) argument types.
 */
export type ReturnRule =
  | DataType
  | 'arg0' // the first argument's type
  | 'common' // the common super type of all arguments
  | 'arith' // numeric arithmetic: common type; decimal precision/scale per PostgreSQL-like rules
  | 'multiply' // decimal(p1+p2, s1+s2)
  | 'divide' // integers truncate (int); decimals → float64 (DuckDB-compatible); float64 stays
  | 'sum' // int32 → int64, int64 → decimal(38,0), decimal(p,s) → decimal(38,s), float64
  | 'avg' // float64 for every input (decimal averages are approximated)
  | 'list_of_arg0' // a list of the first argument's type, NULL elements allowed (array_agg)
  | 'list_of_common' // a list of the arguments' common type (ARRAY[a, b, …])
  | 'common_list' // the common type of list arguments (array_cat): their elements' common type
  | 'element_of_arg0'; // the element type of the first argument, a list (a[i])

export interface Signature {
  readonly args: readonly ArgPattern[];
  readonly variadic?: ArgPattern; // repeated after `args`
  readonly returns: ReturnRule;
}

/**
 * propagate: NULL in any argument gives NULL; result nullable iff an argument is.
 * never: the result is never NULL (count).
 * always: the result may be NULL whatever the arguments (sum over no rows, division by zero, nullif).
 * all: NULL only when every argument is NULL (coalesce).
 * logical: three-valued and/or: nullable iff an argument is.
 */
export type NullBehavior = 'propagate' | 'never' | 'always' | 'all' | 'logical';

export interface SubstraitFunction {
  /** Standard extension file stem, e.g. 'functions_arithmetic', or 'relc' for relc's own extension. */
  readonly extension: string;
  /** Function name in that extension (compound signature derived from argument types). */
  readonly name: string;
}

export interface FunctionDef {
  readonly name: string;
  readonly kind: 'scalar' | 'aggregate' | 'window';
  readonly signatures: readonly Signature[];
  readonly nulls: NullBehavior;
  readonly deterministic: boolean;
  /** `default` applies to every dialect without its own entry. */
  readonly render: { readonly default: Render } & Partial<Record<Dialect, Render>>;
  readonly substrait: SubstraitFunction;
}
