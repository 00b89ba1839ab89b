// The function registry: ONE data table of every scalar, aggregate and window function relc
// knows — signatures, result type, null behaviour, determinism, per-dialect rendering and the
// Substrait extension it maps to. Backend capabilities derive from it; nothing else in relc
// special-cases a function by dialect.

import { asDecimal, commonSuperType, isInteger, isNumeric, T, type DataType } from './types.ts';
import { RelcError } from './errors.ts';
import { CORE_FUNCTIONS } from './functions/core.ts';
import { MATH_FUNCTIONS } from './functions/math.ts';
import { STRING_FUNCTIONS } from './functions/string.ts';
import { BYTEA_FUNCTIONS } from './functions/bytea.ts';
import { DATETIME_FUNCTIONS } from './functions/datetime.ts';
import { AGGREGATE_FUNCTIONS } from './functions/aggregate.ts';
import { WINDOW_FUNCTIONS } from './functions/window.ts';
import { ARRAY_FUNCTIONS } from './functions/array.ts';
import { JSON_FUNCTIONS } from './functions/json.ts';
import type { ArgPattern, CallShape, Dialect, FunctionDef, Render, RenderCase, ReturnRule, Signature } from './functions/def.ts';

export { DIALECTS, type ArgPattern, type CallShape, type Dialect, type FunctionDef, type NullBehavior, type Render, type RenderCase, type ReturnRule, type Signature, type SubstraitFunction } from './functions/def.ts';
export { PRECEDENCE } from './functions/build.ts';

const NO_SHAPE: CallShape = { simpleArgs: false, integers: [], constants: [] };

/** Every function, by family (src/ir/functions/). */
const DEFS: readonly FunctionDef[] = [...CORE_FUNCTIONS, ...MATH_FUNCTIONS, ...STRING_FUNCTIONS, ...BYTEA_FUNCTIONS, ...DATETIME_FUNCTIONS, ...AGGREGATE_FUNCTIONS, ...WINDOW_FUNCTIONS, ...ARRAY_FUNCTIONS, ...JSON_FUNCTIONS];

export const REGISTRY: ReadonlyMap<string, FunctionDef> = new Map(DEFS.map((d) => [d.name, d]));

export function lookupFunction(name: string): FunctionDef | undefined {
  return REGISTRY.get(name);
}

export function renderFor(def: FunctionDef, dialect: Dialect): Render {
  return def.render[dialect] ?? def.render.default;
}

/**
 * The rendering of one call: `by_type` choices resolved against its argument and result types,
 * and what is known of the arguments (`simpleArgs`, `literals` and `constants` cases).
 */
export function renderForCall(def: FunctionDef, dialect: Dialect, argTypes: readonly DataType[], result: DataType, shape: CallShape = NO_SHAPE): Render {
  let r = renderFor(def, dialect);
  const literalsOk = (ls: RenderCase['literals'] = []) => ls.every((l) => {
    const v = shape.integers[l.arg];
    return v !== undefined && v >= BigInt(l.atLeast);
  });
  const constantsOk = (cs: RenderCase['constants'] = []) => cs.every((i) => i >= argTypes.length || shape.constants[i] === true);
  while (r.kind === 'by_type') {
    const hit = r.cases.find((c) => (c.simpleArgs !== true || shape.simpleArgs) && literalsOk(c.literals) && constantsOk(c.constants) && (c.result === undefined || matches(c.result, result)) && (c.args === undefined || (c.args.length === argTypes.length && c.args.every((p, i) => matches(p, argTypes[i]!)))));
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
    case 'list_of_arg0':
      return T.list(args[0]!.kind === 'null' ? T.utf8 : args[0]!);
    case 'list_of_common': {
      const c = common(args);
      return c && T.list(c.kind === 'null' ? T.utf8 : c);
    }
    case 'common_list': {
      const lists = args.filter((a) => a.kind !== 'null');
      if (lists.length === 0) return undefined;
      const c = common(lists.map((a) => (a.kind === 'list' ? a.element : a)));
      return c && T.list(c.kind === 'null' ? T.utf8 : c);
    }
    case 'element_of_arg0':
      return args[0]!.kind === 'list' ? args[0]!.element : undefined;
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

