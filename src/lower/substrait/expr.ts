// IR expressions → Substrait expressions. Arguments are brought to the types the chosen
// extension signature takes: relc's implicit coercions (numeric widening, avg over float64,
// sum of int64 as decimal) become casts with FAILURE_BEHAVIOR_UNSPECIFIED (they cannot fail;
// THROW_EXCEPTION, said in relc's ImplicitCasts, for a consumer that requires a behaviour, which
// then gets the IR's own casts written twice, the same cast over itself),
// while IR casts are written with FAILURE_BEHAVIOR_THROW_EXCEPTION (PostgreSQL semantics), so
// the decoder can tell the two apart and restore the original IR.

import {
  asDecimal, assertNever, commonSuperType, E, internal, lookupFunction, RelcError, resolveCall, T, typeEquals,
  typeOf, type DataType, type Expr, type FunctionDef, type Literal, type Schema, type Signature,
} from '../../ir/index.ts';
import { DEFAULT_ARGUMENTS, EXTRACT_COMPONENTS, NULL_GUARDED, ZERO_GUARDED, type FunctionArgument, type FunctionOption, type ImplSignature, type SExpression, type SType } from '../../substrait-proto/index.ts';
import { unsupportedBy, type SubstraitConsumer } from './consumers.ts';
import { bindFunction, type ExtensionCollector } from './extensions.ts';
import { literalType, toSubstraitLiteral } from './literals.ts';
import { toSubstraitType } from './types.ts';

/** How parameters are written: bound to a literal value, or as a dynamic parameter anchor. */
export interface ParamBinding {
  readonly anchor: number;
  readonly value?: Literal;
}

export interface ExprContext {
  readonly ext: ExtensionCollector;
  readonly params: ReadonlyMap<string, ParamBinding>;
  /** What the target consumer reads (forms of date parts). */
  readonly consumer: SubstraitConsumer;
}

/** A lowered expression with its Substrait type. */
export interface Lowered {
  readonly e: SExpression;
  readonly t: SType;
}

export function fieldRef(index: number): SExpression {
  return { selection: { directReference: { structField: { field: index } }, rootReference: {} } };
}

function common(types: readonly DataType[]): DataType | undefined {
  return types.reduce<DataType | undefined>((acc, t) => (acc ? commonSuperType(acc, t) : undefined), T.null);
}

/** Functions relc computes in double precision (float64 results whatever the argument): arguments become fp64. */
const FLOAT_MATH: ReadonlySet<string> = new Set(['percentile_cont', 'corr', 'covar_pop', 'covar_samp', 'regr_slope', 'regr_intercept', 'regr_r2', 'regr_avgx', 'regr_avgy', 'regr_sxx', 'regr_syy', 'regr_sxy', 'regr_count', 'stddev_samp', 'stddev_pop', 'var_samp', 'var_pop', 'sqrt', 'cbrt', 'power', 'exp', 'ln', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'degrees', 'radians', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'cot', 'sind', 'cosd', 'tand', 'cotd', 'asind', 'acosd', 'atand', 'atan2d']);

/**
 * Integer arguments the standard signatures take as i32 (positions, lengths, digits, offsets),
 * by argument position: an int64 there is narrowed (an implicit cast; values beyond int32 are
 * out of range for these arguments on every engine).
 */
const I32_ARGS: Readonly<Record<string, readonly number[]>> = {
  substring: [1, 2], left: [1], right: [1], lpad: [1], rpad: [1], round: [1], trunc: [1], lag: [1], lead: [1],
};

/** Integer arguments the signatures take as i64 (repeat's count, make_date's fields): an int32 there is widened. */
const I64_ARGS: Readonly<Record<string, readonly number[]>> = { repeat: [1], make_date: [0, 1, 2] };

/**
 * The types relc's implicit coercion gives the arguments of a call under `sig` (relc semantics
 * made explicit for Substrait, whose signatures take exact types).
 */
export function coercedArgTypes(def: FunctionDef, sig: Signature, args: readonly DataType[]): DataType[] {
  const rule = sig.returns;
  if (rule === 'avg' || FLOAT_MATH.has(def.name)) return args.map(() => T.float64);
  const small = I32_ARGS[def.name];
  if (small) return args.map((t, i) => (small.includes(i) && t.kind === 'int64' ? T.int32 : t));
  const wide = I64_ARGS[def.name];
  if (wide) return args.map((t, i) => (wide.includes(i) && t.kind === 'int32' ? T.int64 : t));
  if (rule === 'sum') return args.map((t) => (t.kind === 'int64' ? T.decimal(19, 0) : t));
  const c = common(args);
  if (rule === 'divide' && c) return args.map(() => (c.kind === 'decimal' ? T.float64 : c));
  if ((rule === 'arith' || rule === 'multiply') && c) {
    // Decimal signatures accept any precision and scale: only integers need widening.
    return args.map((t) => (c.kind === 'decimal' ? (t.kind === 'decimal' ? t : T.decimal(asDecimal(t).precision, 0)) : c));
  }
  // modulus of two integers of different widths: the wider one (the standard's signatures take equal types).
  if (rule === 'common' && c && args.every((t) => t.kind === 'int32' || t.kind === 'int64')) return args.map(() => c);
  const generic = sig.args.every((p) => p === 'comparable' || p === 'any') && (sig.variadic === undefined || sig.variadic === 'any' || sig.variadic === 'comparable');
  if (c && args.length >= 2 && generic && (rule === 'common' || rule === 'arg0' || (typeof rule === 'object' && rule.kind === 'bool'))) {
    return args.map(() => c);
  }
  return [...args];
}

export class ExprLowering {
  constructor(private readonly ctx: ExprContext) {}

  /** Lowers `e` evaluated over `input`, converted to `to` when given (a no-op when equal). */
  lower(e: Expr, input: Schema, to?: DataType): Lowered {
    const typed = typeOf(e, input);
    if (to && !typeEquals(typed.type, to)) {
      // An untyped NULL takes the type it is used at; a typed one is cast like any value.
      if (e.kind === 'lit' && e.value === null && typed.type.kind === 'null') return this.literal(to, null, true);
      if (to.kind === 'null') throw internal('coercion to the null type');
      const inner = this.lower(e, input);
      const t = toSubstraitType(to, typed.nullable);
      return { e: this.implicitCast(t, inner.e), t };
    }
    return this.lowerExact(e, input);
  }

  /**
   * relc's implicit coercion (a widening, a change of nullability, round's digit count as
   * i32), with the failure behaviour its consumer requires stated (by default none).
   */
  implicitCast(type: SType, input: SExpression): SExpression {
    const failure = this.ctx.consumer.implicitCastFailure;
    return { cast: { type, input, ...(failure ? { failureBehavior: failure } : {}) } };
  }

  literal(type: DataType, value: Literal['value'], nullable: boolean): Lowered {
    if (type.kind === 'null') throw new RelcError('BACKEND_UNSUPPORTED', 'an untyped NULL has no Substrait type here; cast it to a type');
    return { e: { literal: toSubstraitLiteral(type, value) }, t: literalType(type, value, nullable || value === null) };
  }

  private lowerExact(e: Expr, input: Schema): Lowered {
    const typed = typeOf(e, input);
    const out = () => toSubstraitType(typed.type, typed.nullable);
    switch (e.kind) {
      case 'col':
        return { e: fieldRef(e.index), t: out() };
      case 'lit':
        return this.literal(e.type, e.value, false);
      case 'param': {
        const p = this.ctx.params.get(e.name);
        if (!p) throw new RelcError('UNKNOWN_PARAM', `parameter :${e.name} is not declared`, { details: { param: e.name } });
        if (p.value) return this.literal(e.type, p.value.value, e.nullable);
        return { e: { dynamicParameter: { type: out(), parameterReference: p.anchor } }, t: out() };
      }
      case 'call': {
        const negated = e.args[0];
        if (e.fn === 'not' && (negated?.kind === 'like' || negated?.kind === 'in') && !negated.negated) return { e: this.notOverNegatable(negated, input, typed.nullable), t: out() };
        const sf = this.call(e.fn, e.args, input, typed.type, typed.nullable);
        const call: SExpression = { scalarFunction: sf };
        if (e.fn === 'round' && e.args.length === 1 && typed.type.kind === 'float64') return { e: this.evenTies(e.args[0]!, input, call), t: out() };
        if (Object.hasOwn(ZERO_GUARDED, e.fn)) return { e: this.zeroGuarded(e.fn, e.args, input, sf, call, typed.type), t: out() };
        return { e: this.nullGuarded(e.fn, e.args, input, call, typed.type), t: out() };
      }
      case 'case': {
        if (!e.else && !this.ctx.consumer.caseWithoutElse) throw unsupportedBy(this.ctx.consumer, 'CASE without ELSE', 'IfThen needs an else');
        const ifs = e.whens.map((w) => ({ if: this.lower(w.when, input, T.bool).e, then: this.lower(w.then, input, e.type).e }));
        return { e: { ifThen: { ifs, ...(e.else ? { else: this.lower(e.else, input, e.type).e } : {}) } }, t: out() };
      }
      case 'cast': {
        const from = typeOf(e.expr, input);
        // A cast of an untyped NULL is a typed NULL literal.
        if (from.type.kind === 'null') return this.literal(e.type, null, true);
        // relc (PostgreSQL) rounds a double (ties to even) or a decimal (ties away from zero)
        // to an integer; Substrait leaves the cast's rounding to the consumer (DataFusion
        // truncates), so the rounding is written out: cast(round(x) as int).
        const rounded = INTEGER_KINDS.has(e.type.kind) && (from.type.kind === 'float64' || from.type.kind === 'decimal');
        const operand = rounded ? E.call('round', [e.expr], from.type) : e.expr;
        const cast: SExpression = { cast: { type: out(), input: this.lower(operand, input).e, failureBehavior: 'FAILURE_BEHAVIOR_THROW_EXCEPTION' } };
        // Where relc's coercions also throw (ImplicitCasts), a cast of the IR's own is written
        // twice, the same cast over itself, so the decoder tells it from a coercion.
        if (this.ctx.consumer.implicitCastFailure === 'FAILURE_BEHAVIOR_THROW_EXCEPTION') {
          return { e: { cast: { type: out(), input: cast, failureBehavior: 'FAILURE_BEHAVIOR_THROW_EXCEPTION' } }, t: out() };
        }
        return { e: cast, t: out() };
      }
      case 'in': {
        const target = common([typeOf(e.expr, input).type, ...e.list.map((x) => typeOf(x, input).type)]);
        if (!target || target.kind === 'null') throw new RelcError('BACKEND_UNSUPPORTED', 'IN list without a common type');
        // The value and every option must have one type, nullability included: literals are
        // marked nullable, other expressions cast (implicitly) to the nullable type.
        const nullable = [e.expr, ...e.list].some((x) => typeOf(x, input).nullable);
        const member = (x: Expr): SExpression => {
          const l = this.lower(x, input, target);
          if (!nullable || typeOf(x, input).nullable) return l.e;
          if (l.e.literal) return { literal: { ...l.e.literal, nullable: true } };
          return this.implicitCast(toSubstraitType(target, true), l.e);
        };
        const inList: SExpression = { singularOrList: { value: member(e.expr), options: e.list.map(member) } };
        return { e: e.negated ? this.not(inList, typed.nullable) : inList, t: out() };
      }
      case 'isnull': {
        const arg = this.lower(e.expr, input);
        const impl = bindFunction(e.negated ? 'is_not_null' : 'is_null', 'functions_comparison', [arg.t]);
        return { e: { scalarFunction: { functionReference: this.ctx.ext.anchor(impl), arguments: [{ value: arg.e }], outputType: out() } }, t: out() };
      }
      case 'like': {
        const args = [this.lower(e.expr, input, T.utf8), this.lower(e.pattern, input, T.utf8)];
        if (e.escape !== null) args.push(this.literal(T.utf8, e.escape, false));
        const name = e.caseInsensitive ? 'ilike' : 'like';
        const likeNullable = typeOf(e.expr, input).nullable || typeOf(e.pattern, input).nullable;
        const impl = bindFunction(name, 'functions_string', args.map((a) => a.t));
        const call: SExpression = {
          scalarFunction: { functionReference: this.ctx.ext.anchor(impl), arguments: args.map((a) => ({ value: a.e })), outputType: toSubstraitType(T.bool, likeNullable) },
        };
        return { e: e.negated ? this.not(call, likeNullable) : call, t: out() };
      }
      case 'subquery':
      case 'outer':
        throw new RelcError('BACKEND_UNSUPPORTED', `${e.kind === 'outer' ? 'a correlated reference' : `a ${e.mode} subquery`} must be decorrelated before lowering to Substrait`);
      default:
        return assertNever(e, 'expression');
    }
  }

  /**
   * NOT applied to a LIKE or IN that is not itself negated. `not(like(…))` is how a negated
   * LIKE / IN is written (and read back), so this IR form, the same predicate, is written
   * `and_not(true, like(…))` to come back as it was.
   */
  private notOverNegatable(x: Expr, input: Schema, nullable: boolean): SExpression {
    const bool = toSubstraitType(T.bool, nullable);
    const t = this.literal(T.bool, true, false);
    const impl = bindFunction('and_not', 'functions_boolean', [t.t, bool]);
    return { scalarFunction: { functionReference: this.ctx.ext.anchor(impl), arguments: [{ value: t.e }, { value: this.lower(x, input).e }], outputType: bool } };
  }

  private not(e: SExpression, nullable: boolean): SExpression {
    const bool = toSubstraitType(T.bool, nullable);
    const impl = bindFunction('not', 'functions_boolean', [bool]);
    return { scalarFunction: { functionReference: this.ctx.ext.anchor(impl), arguments: [{ value: e }], outputType: bool } };
  }

  /** Arguments converted to the types the call's signature takes, and the bound declaration. */
  bindCall(fn: string, args: readonly Expr[], input: Schema): { anchor: number; arguments: FunctionArgument[]; def: FunctionDef; options: FunctionOption[] } {
    const def = lookupFunction(fn);
    if (!def) throw new RelcError('UNKNOWN_FUNCTION', `unknown function ${fn}`, { details: { function: fn } });
    const argTypes = args.map((a) => typeOf(a, input).type);
    const { signature } = resolveCall(fn, argTypes);
    const form = EXTRACT_COMPONENTS[def.name];
    if (form) return this.datePart(def, form, args[0]!, input);
    const targets = coercedArgTypes(def, signature, argTypes);
    const lowered = args.map((a, i) => this.lower(a, input, targets[i]));
    // round(x) is round(x, 0) with the tie rule of x's type (see roundingOf); trim(x) trims spaces.
    const omitted = DEFAULT_ARGUMENTS[def.name];
    if (omitted && args.length === omitted.arity) lowered.push({ e: { literal: omitted.literal }, t: omitted.type });
    const impl = bindFunction(def.substrait.name, def.substrait.extension, lowered.map((l) => l.t));
    if (!this.ctx.consumer.variadicBooleans && impl.stem === 'functions_boolean' && lowered.length > 2) {
      return { anchor: this.ctx.ext.anchor(impl), arguments: this.chained(impl, lowered).map((e) => ({ value: e })), def, options: [] };
    }
    return { anchor: this.ctx.ext.anchor(impl), arguments: lowered.map((l) => ({ value: l.e })), def, options: optionsFor(def, impl.compound, argTypes) };
  }

  /**
   * The arguments of a variadic boolean call for a consumer with binary kernels: the first
   * n - 1 folded left into links of relc's ChainedCalls (a second declaration of the function),
   * the last one as is, so the call itself has two (and(a, b, c) = and(link(a, b), c)).
   */
  private chained(impl: ImplSignature, args: readonly Lowered[]): SExpression[] {
    const nullable = (t: SType) => Object.values(t).some((v) => (v as { nullability?: string } | undefined)?.nullability === 'NULLABILITY_NULLABLE');
    let acc = args[0]!;
    for (const next of args.slice(1, -1)) {
      const t = toSubstraitType(T.bool, nullable(acc.t) || nullable(next.t));
      acc = { e: { scalarFunction: { functionReference: this.ctx.ext.chainAnchor(impl), arguments: [{ value: acc.e }, { value: next.e }], outputType: t } }, t };
    }
    return [acc.e, args[args.length - 1]!.e];
  }

  /**
   * A date part. The standard `extract` takes the component as an enumeration argument, plus
   * the indexing (ONE/ZERO) for counted components, and reads times of day from timestamps
   * only (a date is cast, which is exact). Consumers without enumeration arguments get relc's
   * `date_part` with the field as a string value instead.
   */
  private datePart(def: FunctionDef, form: (typeof EXTRACT_COMPONENTS)[string], arg: Expr, input: Schema) {
    const from = typeOf(arg, input).type;
    const value = this.lower(arg, input, form.timeOfDay && from.kind === 'date' ? T.timestamp : undefined);
    if (!this.ctx.consumer.enumArguments) {
      const field = this.literal(T.utf8, form.field, false);
      const impl = bindFunction('date_part', 'functions_relc', [field.t, value.t]);
      return { anchor: this.ctx.ext.anchor(impl), arguments: [{ value: field.e }, { value: value.e }], def, options: [] };
    }
    const c = this.ctx.consumer;
    if (c.extractComponents && !c.extractComponents.has(form.component)) throw unsupportedBy(c, `extract ${form.component}`, `it extracts ${[...c.extractComponents].join(', ')}`);
    if (form.indexing && !c.extractIndexing) throw unsupportedBy(c, `extract ${form.component}`, 'the component takes an indexing enumeration the consumer does not read');
    const enums: FunctionArgument[] = [{ enum: form.component }, ...(form.indexing ? [{ enum: form.indexing }] : [])];
    const impl = bindFunction('extract', 'functions_datetime', [...enums.map(() => ENUM_ARG), value.t]);
    return { anchor: this.ctx.ext.anchor(impl), arguments: [...enums, { value: value.e }], def, options: [] };
  }

  /**
   * relc's round(double) ties to even. The `rounding` option says so, but consumers that ignore
   * options (DataFusion) tie away from zero, so the tie is decided explicitly:
   * `if x - floor(x) = 0.5 then 2 * round(x / 2) else round(x)`. For a double, x - floor(x) and
   * x / 2 are exact (a near-tie of a negative x above -1 rounds to 0 either way), and x / 2 of
   * a tie is never itself a tie, so every tie rule agrees on the inner round. NaN, infinities
   * and NULL take the else branch.
   */
  private evenTies(x: Expr, input: Schema, call: SExpression): SExpression {
    const nullable = typeOf(x, input).nullable;
    const f64 = toSubstraitType(T.float64, nullable);
    const condition = this.lower(tieCheck(x), input).e;
    const half = this.call('round', [E.call('divide', [x, E.lit(T.float64, 2)], T.float64)], input, T.float64, nullable);
    const multiply = bindFunction('multiply', 'functions_arithmetic', [toSubstraitType(T.float64, false), f64]);
    const twice: SExpression = {
      scalarFunction: { functionReference: this.ctx.ext.anchor(multiply), arguments: [{ value: this.literal(T.float64, 2, false).e }, { value: { scalarFunction: half } }], outputType: f64 },
    };
    return { ifThen: { ifs: [{ if: condition, then: twice }], else: call } };
  }

  /**
   * relc's x / 0 and x % 0 are NULL (on every backend); standard consumers may raise
   * (DataFusion: "Divide by zero error") or return ±inf/NaN for doubles, and may ignore the
   * `on_division_by_zero` option. So the divisor is checked explicitly:
   * `if divisor = 0 then NULL else f(x, divisor)`, the divisor as the call takes it (coerced).
   * A non-zero literal divisor needs no guard.
   */
  private zeroGuarded(fn: string, args: readonly Expr[], input: Schema, sf: { arguments: FunctionArgument[] }, call: SExpression, type: DataType): SExpression {
    const at = ZERO_GUARDED[fn]!;
    const arg = args[at]!;
    if (arg.kind === 'lit' && arg.value !== null && Number(arg.value) !== 0) return call;
    const def = lookupFunction(fn)!;
    const argTypes = args.map((a) => typeOf(a, input).type);
    const target = coercedArgTypes(def, resolveCall(fn, argTypes).signature, argTypes)[at]!;
    const divisor = sf.arguments[at]?.value;
    if (!divisor) throw internal(`${fn} without a divisor`);
    const zero = this.literal(target, zeroOf(target), false);
    const nullable = typeOf(arg, input).nullable;
    const equal = bindFunction('equal', 'functions_comparison', [toSubstraitType(target, nullable), zero.t]);
    const isZero: SExpression = {
      scalarFunction: { functionReference: this.ctx.ext.anchor(equal), arguments: [{ value: divisor }, { value: zero.e }], outputType: toSubstraitType(T.bool, nullable) },
    };
    return { ifThen: { ifs: [{ if: isZero, then: this.literal(type, null, true).e }], else: call } };
  }

  /**
   * A call whose standard function needs an option to mean what relc means, guarded so that
   * the semantics do not depend on the consumer honouring the option: with any nullable
   * argument, `concat` becomes `if any argument is NULL then NULL else concat(...)` (DataFusion
   * ignores `null_handling` and skips NULLs). Non-nullable arguments need no guard.
   */
  private nullGuarded(fn: string, args: readonly Expr[], input: Schema, call: SExpression, type: DataType): SExpression {
    if (!NULL_GUARDED.has(fn)) return call;
    const nullable = args.map((a) => ({ a, t: typeOf(a, input) })).filter((x) => x.t.nullable);
    if (nullable.length === 0) return call;
    const checks = nullable.map((x) => {
      const arg = this.lower(x.a, input);
      const impl = bindFunction('is_null', 'functions_comparison', [arg.t]);
      const check: SExpression = { scalarFunction: { functionReference: this.ctx.ext.anchor(impl), arguments: [{ value: arg.e }], outputType: toSubstraitType(T.bool, false) } };
      return check;
    });
    const bool = toSubstraitType(T.bool, false);
    const or = bindFunction('or', 'functions_boolean', checks.map(() => bool));
    const operands = checks.length > 2 && !this.ctx.consumer.variadicBooleans ? this.chained(or, checks.map((e) => ({ e, t: bool }))) : checks;
    const anyNull: SExpression = checks.length === 1
      ? checks[0]!
      : { scalarFunction: { functionReference: this.ctx.ext.anchor(or), arguments: operands.map((c) => ({ value: c })), outputType: bool } };
    return { ifThen: { ifs: [{ if: anyNull, then: this.literal(type, null, true).e }], else: call } };
  }

  private call(fn: string, args: readonly Expr[], input: Schema, type: DataType, nullable: boolean) {
    const b = this.bindCall(fn, args, input);
    if (b.def.kind !== 'scalar') throw internal(`${b.def.kind} function ${fn} in a scalar position`);
    return {
      functionReference: b.anchor,
      arguments: b.arguments,
      ...(b.options.length ? { options: b.options } : {}),
      outputType: toSubstraitType(type, nullable),
    };
  }
}

/** A required enumeration argument, for signature matching (short name `req`). */
const ENUM_ARG = { enum: {} } as unknown as SType;


const INTEGER_KINDS: ReadonlySet<string> = new Set(['int32', 'int64']);

/** `x - floor(x) = 0.5`: x (a double) lies halfway between two integers (the decoder matches this shape). */
function tieCheck(x: Expr): Expr {
  return E.call('equal', [E.call('subtract', [x, E.call('floor', [x], T.float64)], T.float64), E.lit(T.float64, 0.5)], T.bool);
}

/** The zero of a numeric type, as an IR literal payload. */
function zeroOf(t: DataType): Literal['value'] {
  switch (t.kind) {
    case 'int64':
      return '0';
    case 'decimal':
      return t.scale ? `0.${'0'.repeat(t.scale)}` : '0';
    default:
      return 0;
  }
}

/**
 * relc's rounding (PostgreSQL's): round(double) ties to even (rint); round(numeric) and
 * round(x, n), which PostgreSQL computes in numeric, tie away from zero.
 */
export function roundingOf(argTypes: readonly DataType[]): 'TIE_TO_EVEN' | 'TIE_AWAY_FROM_ZERO' {
  return argTypes.length === 1 && argTypes[0]!.kind === 'float64' ? 'TIE_TO_EVEN' : 'TIE_AWAY_FROM_ZERO';
}

/**
 * Function options that pin relc's semantics where the standard leaves a choice:
 * `||`/concat is NULL when any argument is (PostgreSQL); round's tie rule.
 */
function optionsFor(def: FunctionDef, compound: string, argTypes: readonly DataType[]): FunctionOption[] {
  if (def.name === 'concat' && compound.startsWith('concat:')) return [{ name: 'null_handling', preference: ['ACCEPT_NULLS'] }];
  if (def.name === 'round') return [{ name: 'rounding', preference: [roundingOf(argTypes)] }];
  // x / 0 and x % 0 are NULL (also made explicit by a guard, see zeroGuarded).
  if (compound.startsWith('divide:') && !compound.startsWith('divide:dec')) return [{ name: 'on_division_by_zero', preference: ['NULL'] }];
  if (compound.startsWith('modulus:') && /^modulus:i\d/.test(compound)) return [{ name: 'division_type', preference: ['TRUNCATE'] }, { name: 'on_domain_error', preference: ['NULL'] }];
  return [];
}

