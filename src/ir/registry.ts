// The function registry: ONE data table of every scalar, aggregate and window function relc
// knows — signatures, result type, null behaviour, determinism, per-dialect rendering and the
// Substrait extension it maps to. Backend capabilities derive from it; nothing else in relc
// special-cases a function by dialect.

import { asDecimal, commonSuperType, isInteger, isNumeric, T, type DataType, type TypeKind } from './types.ts';
import { RelcError } from './errors.ts';
import { CORE_FUNCTIONS } from './functions/core.ts';
import { MATH_FUNCTIONS } from './functions/math.ts';
import { STRING_FUNCTIONS } from './functions/string.ts';
import { DATETIME_FUNCTIONS } from './functions/datetime.ts';
import { AGGREGATE_FUNCTIONS } from './functions/aggregate.ts';
import { WINDOW_FUNCTIONS } from './functions/window.ts';

export type Dialect = 'duckdb' | 'sqlite' | 'postgres';
export const DIALECTS: readonly Dialect[] = ['duckdb', 'sqlite', 'postgres'];

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
  | { readonly kind: 'wrap_result'; readonly template: string; readonly render: Render } // the template with {0} the rendered call (an aggregate's too): nullif(<render>, NaN)
  | { readonly kind: 'unsupported'; readonly reason: string }; // → BACKEND_UNSUPPORTED

/** A type-dependent choice of rendering: argument patterns (all given must match) and/or the result type. */
export interface RenderCase {
  readonly args?: readonly ArgPattern[];
  readonly result?: ArgPattern;
  /** Only when every argument prints as a column or a literal: a template may repeat them at no cost. */
  readonly simpleArgs?: boolean;
  /** Only when each named argument is an integer literal of at least `atLeast` (a check the engine cannot raise is then not needed). */
  readonly literals?: readonly { readonly arg: number; readonly atLeast: number }[];
  readonly render: Render;
}

/** What the lowering knows of a call's arguments beyond their types. */
export interface CallShape {
  /** Every argument prints as a column or a literal. */
  readonly simpleArgs: boolean;
  /** Each argument's integer value where it is an integer literal. */
  readonly integers: readonly (bigint | undefined)[];
}

const NO_SHAPE: CallShape = { simpleArgs: false, integers: [] };

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
  | 'avg'; // float64 for every input (decimal averages are approximated)

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

export { PRECEDENCE } from './functions/build.ts';

/** Every function, by family (src/ir/functions/). */
const DEFS: readonly FunctionDef[] = [...CORE_FUNCTIONS, ...MATH_FUNCTIONS, ...STRING_FUNCTIONS, ...DATETIME_FUNCTIONS, ...AGGREGATE_FUNCTIONS, ...WINDOW_FUNCTIONS];

export const REGISTRY: ReadonlyMap<string, FunctionDef> = new Map(DEFS.map((d) => [d.name, d]));

export function lookupFunction(name: string): FunctionDef | undefined {
  return REGISTRY.get(name);
}

export function renderFor(def: FunctionDef, dialect: Dialect): Render {
  return def.render[dialect] ?? def.render.default;
}

/**
 * The rendering of one call: `by_type` choices resolved against its argument and result types,
 * and what is known of the arguments (`simpleArgs` and `literals` cases).
 */
export function renderForCall(def: FunctionDef, dialect: Dialect, argTypes: readonly DataType[], result: DataType, shape: CallShape = NO_SHAPE): Render {
  let r = renderFor(def, dialect);
  const literalsOk = (ls: RenderCase['literals'] = []) => ls.every((l) => {
    const v = shape.integers[l.arg];
    return v !== undefined && v >= BigInt(l.atLeast);
  });
  while (r.kind === 'by_type') {
    const hit = r.cases.find((c) => (c.simpleArgs !== true || shape.simpleArgs) && literalsOk(c.literals) && (c.result === undefined || matches(c.result, result)) && (c.args === undefined || (c.args.length === argTypes.length && c.args.every((p, i) => matches(p, argTypes[i]!)))));
    r = hit ? hit.render : r.default;
  }
  return r;
}

function matches(p: ArgPattern, t: DataType): boolean {
  if (t.kind === 'null') return true;
  switch (p) {
    case 'any':
      return true;
    case 'numeric':
      return isNumeric(t);
    case 'integer':
      return isInteger(t);
    case 'string':
      return t.kind === 'utf8';
    case 'temporal':
      return t.kind === 'date' || t.kind === 'timestamp';
    case 'comparable':
      return t.kind !== 'list' && t.kind !== 'struct';
    default:
      return t.kind === p;
  }
}

/** Whether the argument types fit a signature (its fixed arguments, then its variadic one). */
function fits(sig: Signature, argTypes: readonly DataType[]): boolean {
  const n = argTypes.length;
  if (n < sig.args.length) return false;
  if (n > sig.args.length && sig.variadic === undefined) return false;
  for (let i = 0; i < n; i++) if (!matches(sig.args[i] ?? sig.variadic!, argTypes[i]!)) return false;
  return true;
}

export interface ResolvedCall {
  readonly def: FunctionDef;
  readonly signature: Signature;
  readonly returns: DataType;
}

/**
 * Picks the first signature the argument types fit and computes the result type.
 * Throws UNKNOWN_FUNCTION or TYPE_MISMATCH (without location: callers add theirs).
 */
export function resolveCall(name: string, argTypes: readonly DataType[]): ResolvedCall {
  const def = REGISTRY.get(name);
  if (!def) throw new RelcError('UNKNOWN_FUNCTION', `unknown function ${name}`, { details: { function: name } });
  for (const sig of def.signatures) {
    if (!fits(sig, argTypes)) continue;
    const returns = returnType(sig.returns, argTypes);
    if (returns) return { def, signature: sig, returns };
  }
  const shown = argTypes.map((t) => t.kind).join(', ');
  throw new RelcError('TYPE_MISMATCH', `no signature of ${name} accepts (${shown})`, {
    details: { function: name, args: argTypes.map((t) => t.kind), signatures: def.signatures.map(signatureText) },
  });
}

export function signatureText(sig: Signature): string {
  const args = [...sig.args, ...(sig.variadic ? [`${sig.variadic}...`] : [])];
  const ret = typeof sig.returns === 'string' ? sig.returns : sig.returns.kind;
  return `(${args.join(', ')}) -> ${ret}`;
}

function common(types: readonly DataType[]): DataType | undefined {
  let acc: DataType = T.null;
  for (const t of types) {
    const next = commonSuperType(acc, t);
    if (!next) return undefined;
    acc = next;
  }
  return acc;
}

function returnType(rule: ReturnRule, args: readonly DataType[]): DataType | undefined {
  if (typeof rule !== 'string') return rule;
  switch (rule) {
    case 'arg0':
      return args[0];
    case 'common':
      return common(args);
    case 'arith':
      return common(args);
    case 'multiply': {
      const c = common(args);
      if (c?.kind !== 'decimal') return c;
      const [a, b] = args.map(asDecimal) as [ReturnType<typeof asDecimal>, ReturnType<typeof asDecimal>];
      return T.decimal(Math.min(38, a.precision + b.precision), Math.min(38, a.scale + b.scale));
    }
    case 'divide': {
      const c = common(args);
      return c?.kind === 'decimal' ? T.float64 : c;
    }
    case 'sum': {
      const t = args[0]!;
      if (t.kind === 'int32') return T.int64;
      if (t.kind === 'int64') return T.decimal(38, 0);
      if (t.kind === 'decimal') return T.decimal(38, t.scale);
      return t.kind === 'null' ? T.int64 : t;
    }
    case 'avg':
      return T.float64;
  }
}

/** Whether a call's result can be NULL, from its null behaviour and its arguments' nullability. */
export function callNullable(def: FunctionDef, argNullable: readonly boolean[]): boolean {
  switch (def.nulls) {
    case 'propagate':
    case 'logical':
      return argNullable.some(Boolean);
    case 'never':
      return false;
    case 'always':
      return true;
    case 'all':
      return argNullable.every(Boolean);
  }
}

