// Substrait expressions → IR expressions. Functions resolve by the simple name of their
// declaration (the part before ':') through the registry's Substrait names. Casts written with
// FAILURE_BEHAVIOR_UNSPECIFIED inside function arguments are relc's implicit coercions: they are
// dropped when the call resolves to the same type without them, which restores relc's IR.

import {
  commonSuperType, E, lookupFunction, REGISTRY, resolveCall, T, typeEquals, typeOf,
  type AggCall, type DataType, type Expr, type FunctionDef, type Schema, type SortKey,
} from '../ir/index.ts';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_ARGUMENTS, EXTRACT_COMPONENTS, NULL_GUARDED, ZERO_GUARDED, type FunctionArgument, type SExpression, type SortField } from '../substrait-proto/index.ts';
import { decodeError, decodeLiteral, decodeType, oneof } from './decode-types.ts';

const DIRECTIONS: Partial<Record<string, Pick<SortKey, 'direction' | 'nulls'>>> = {
  SORT_DIRECTION_ASC_NULLS_FIRST: { direction: 'asc', nulls: 'first' },
  SORT_DIRECTION_ASC_NULLS_LAST: { direction: 'asc', nulls: 'last' },
  SORT_DIRECTION_DESC_NULLS_FIRST: { direction: 'desc', nulls: 'first' },
  SORT_DIRECTION_DESC_NULLS_LAST: { direction: 'desc', nulls: 'last' },
};

export interface DeclaredFunction {
  readonly name: string; // simple name
  readonly compound: string;
}

/** relc function names by `kind:substrait-name`, from the registry (one table, both ways). */
const BY_SUBSTRAIT = (() => {
  const m = new Map<string, string>();
  for (const d of REGISTRY.values()) {
    if (d.substrait.name === 'extract') continue;
    const key = `${d.kind}:${d.substrait.name}`;
    if (!m.has(key)) m.set(key, d.name);
  }
  return m;
})();

/** relc's date-part function by extract component and indexing (`MONTH:ONE`, `YEAR:`). */
const EXTRACT_BY_COMPONENT = new Map(Object.entries(EXTRACT_COMPONENTS).map(([fn, f]) => [`${f.component}:${f.indexing ?? ''}`, fn]));
/** relc's date-part function by the field of relc's `date_part` extension function. */
const EXTRACT_BY_FIELD = new Map(Object.entries(EXTRACT_COMPONENTS).map(([fn, f]) => [f.field, fn]));

/**
 * relc's explicit tie-to-even round of a double (the producer's `evenTies`):
 * `if x - floor(x) = 0.5 then 2 * round(x / 2) else round(x)` → round(x).
 */
function evenTiesRound(whens: readonly { when: Expr; then: Expr }[], els: Expr | null): Expr | undefined {
  if (whens.length !== 1 || els?.kind !== 'call' || els.fn !== 'round' || els.args.length !== 1 || els.type.kind !== 'float64') return undefined;
  const x = els.args[0]!;
  const f64 = (fn: string, args: Expr[]) => E.call(fn, args, T.float64);
  const tie = E.call('equal', [f64('subtract', [x, f64('floor', [x])]), E.lit(T.float64, 0.5)], T.bool);
  const even = f64('multiply', [E.lit(T.float64, 2), f64('round', [f64('divide', [x, E.lit(T.float64, 2)])])]);
  return isDeepStrictEqual(whens[0]!.when, tie) && isDeepStrictEqual(whens[0]!.then, even) ? els : undefined;
}

export interface DecodeContext {
  readonly functions: ReadonlyMap<number, DeclaredFunction>;
  /** Dynamic parameters seen, by anchor. */
  readonly params: Map<number, { name: string; type: DataType; nullable: boolean }>;
  /** The failure behaviour relc's ImplicitCasts optimization gives the plan's implicit coercions (absent: none). */
  readonly implicitCastFailure?: string;
  /** Function anchors that are links of a chain (relc's ChainedCalls). */
  readonly chainLinks?: ReadonlySet<number>;
}

export class ExprDecoder {
  /** Casts that were relc's implicit coercions (FAILURE_BEHAVIOR_UNSPECIFIED). */
  private readonly implicit = new WeakSet<Expr>();

  constructor(private readonly ctx: DecodeContext) {}

  private declared(anchor: number | undefined, path: string): DeclaredFunction {
    const f = this.ctx.functions.get(anchor ?? 0);
    if (!f) throw decodeError(`${path}.functionReference`, `unknown function anchor ${anchor ?? 0} (no extension declaration)`);
    return f;
  }

  /** The relc function of a declaration, for a kind of use. */
  relcName(f: DeclaredFunction, kinds: readonly FunctionDef['kind'][], path: string): string {
    for (const k of kinds) {
      const hit = BY_SUBSTRAIT.get(`${k}:${f.name}`);
      if (hit) return hit;
    }
    throw decodeError(path, `function ${f.compound} has no relc equivalent`);
  }

  private values(args: readonly FunctionArgument[] | undefined, legacy: readonly SExpression[] | undefined, input: Schema, path: string): { exprs: Expr[]; enums: string[] } {
    const exprs: Expr[] = [];
    const enums: string[] = [];
    if (args && args.length) {
      args.forEach((a, i) => {
        const here = `${path}.arguments[${i}]`;
        if (a.value) exprs.push(this.decode(a.value, input, `${here}.value`));
        else if (a.enum !== undefined) enums.push(a.enum);
        else throw decodeError(here, 'type arguments are not supported');
      });
    } else if (legacy) {
      legacy.forEach((a, i) => exprs.push(this.decode(a, input, `${path}.args[${i}]`)));
    }
    return { exprs, enums };
  }

  /** Arguments without relc's implicit casts when the call resolves to the same type. */
  private withoutImplicit(fn: string, args: Expr[], type: DataType, input: Schema): Expr[] {
    if (!args.some((a) => this.implicit.has(a))) return args;
    const bare = args.map((a) => (this.implicit.has(a) && a.kind === 'cast' ? a.expr : a));
    try {
      const r = resolveCall(fn, bare.map((a) => typeOf(a, input).type));
      if (typeEquals(r.returns, type)) return bare;
    } catch {
      // keep the casts
    }
    return args;
  }

  /**
   * The arguments of a call with the links of a chain its first argument holds spliced in
   * (relc's ChainedCalls: a link of the same function as the first argument is part of it).
   */
  private unchained(sf: NonNullable<SExpression['scalarFunction']>, name: string, path: string): readonly FunctionArgument[] | undefined {
    const args = sf.arguments ?? [];
    const first = args[0]?.value?.scalarFunction;
    if (!first || !this.ctx.chainLinks?.has(first.functionReference ?? 0) || this.declared(first.functionReference, path).name !== name) return sf.arguments;
    return [...(this.unchained(first, name, path) ?? []), ...args.slice(1)];
  }

  /** A scalar function call (registry function, or one of the IR's dedicated nodes). */
  private scalar(sf: NonNullable<SExpression['scalarFunction']>, input: Schema, path: string): Expr {
    const f = this.declared(sf.functionReference, path);
    const { exprs, enums } = this.values(this.unchained(sf, f.name, path), sf.args, input, path);
    const out = sf.outputType ? decodeType(sf.outputType, `${path}.outputType`).type : undefined;
    // A default relc writes explicitly (trim's space, lpad's fill) is omitted again; round's
    // digits are decided below with its tie rule.
    const omitted = DEFAULT_ARGUMENTS[f.name];
    if (omitted && f.name !== 'round' && exprs.length === omitted.arity + 1 && isDeepStrictEqual(exprs[omitted.arity], decodeLiteral(omitted.literal, path))) exprs.pop();
    switch (f.name) {
      case 'is_null':
      case 'is_not_null':
        if (exprs.length !== 1) throw decodeError(path, `${f.name} takes one argument`);
        return { kind: 'isnull', expr: exprs[0]!, negated: f.name === 'is_not_null' };
      case 'like':
      case 'ilike': {
        if (exprs.length < 2 || exprs.length > 3) throw decodeError(path, `${f.name} takes 2 or 3 arguments`);
        const esc = exprs[2];
        if (esc && (esc.kind !== 'lit' || typeof esc.value !== 'string')) throw decodeError(`${path}.arguments[2]`, 'the escape of LIKE must be a string literal');
        const options = sf.options ?? [];
        const insensitive = f.name === 'ilike' || options.some((o) => o.name === 'case_sensitivity' && o.preference?.[0]?.startsWith('CASE_INSENSITIVE'));
        return { kind: 'like', expr: exprs[0]!, pattern: exprs[1]!, escape: esc ? (esc as { value: string }).value : null, negated: false, caseInsensitive: insensitive };
      }
      case 'not': {
        const a = exprs[0];
        if (a && (a.kind === 'like' || a.kind === 'in') && !a.negated) return { ...a, negated: true };
        break;
      }
      case 'and_not': {
        // a AND NOT b; relc writes NOT over a LIKE / IN as and_not(true, …) (see the producer).
        const [a, b] = exprs;
        if (!a || !b || exprs.length !== 2) throw decodeError(path, 'and_not takes two arguments');
        const not: Expr = { kind: 'call', fn: 'not', args: [b], type: T.bool };
        return a.kind === 'lit' && a.value === true ? not : { kind: 'call', fn: 'and', args: [a, not], type: T.bool };
      }
      case 'extract': {
        // A counted component without an indexing argument is read as counted from ONE (the
        // usual meaning; the standard requires the argument).
        const [component = '', indexing] = enums;
        const fn = EXTRACT_BY_COMPONENT.get(`${component}:${indexing ?? ''}`)
          ?? (indexing === undefined && component !== 'SUNDAY_DAY_OF_WEEK' ? EXTRACT_BY_COMPONENT.get(`${component}:ONE`) : undefined);
        if (!fn || enums.length > 2 || exprs.length !== 1) throw decodeError(path, `extract of ${enums.join(', ') || 'no component'} is not supported`);
        return this.datePart(fn, exprs[0]!, out, input);
      }
      case 'date_part': {
        const field = exprs[0];
        const fn = field?.kind === 'lit' && typeof field.value === 'string' ? EXTRACT_BY_FIELD.get(field.value.toLowerCase()) : undefined;
        if (!fn || exprs.length !== 2) throw decodeError(path, 'date_part takes a known field name (a string literal) and a date or timestamp');
        return this.datePart(fn, exprs[1]!, out, input);
      }
      case 'round': {
        // relc writes round(x) as round(x, 0) with the tie rule of its type: read it back.
        const [x, digits] = exprs;
        const rounding = (sf.options ?? []).find((o) => o.name === 'rounding')?.preference?.[0];
        if (x && digits?.kind === 'lit' && digits.value === 0 && exprs.length === 2) {
          const t = typeOf(x, input).type;
          const oneArg = t.kind === 'float64' ? rounding === 'TIE_TO_EVEN' : rounding === 'TIE_AWAY_FROM_ZERO';
          if (oneArg) return { kind: 'call', fn: 'round', args: [x], type: resolveCall('round', [t]).returns };
        }
        break;
      }
      default:
        break;
    }
    const fn = this.relcName(f, ['scalar'], path);
    let type: DataType;
    try {
      type = resolveCall(fn, exprs.map((a) => typeOf(a, input).type)).returns;
    } catch (err) {
      throw decodeError(path, `${f.compound}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const declared = out && commonSuperType(out, type) ? out : type;
    return { kind: 'call', fn, args: this.withoutImplicit(fn, exprs, declared, input), type: declared };
  }

  /** A date-part call; a date relc cast to a timestamp for a time-of-day part is read back as the date. */
  private datePart(fn: string, arg: Expr, out: DataType | undefined, input: Schema): Expr {
    const bare = this.implicit.has(arg) && arg.kind === 'cast' && typeOf(arg.expr, input).type.kind === 'date' ? arg.expr : arg;
    return { kind: 'call', fn, args: [bare], type: out ?? T.int64 };
  }

  /**
   * relc's NULL guard around a function whose NULL semantics it pins (see the producer's
   * `nullGuarded`): `if is_null(a) [or is_null(b)…] then NULL else f(…)` where the checked
   * expressions are f's nullable arguments, in order. Anything else stays a CASE.
   */
  private unguarded(whens: readonly { when: Expr; then: Expr }[], els: Expr | null, input: Schema): Expr | undefined {
    if (whens.length !== 1 || !els || els.kind !== 'call' || !NULL_GUARDED.has(els.fn)) return undefined;
    const { when, then } = whens[0]!;
    if (then.kind !== 'lit' || then.value !== null) return undefined;
    const checks = when.kind === 'call' && when.fn === 'or' ? when.args : [when];
    const checked = checks.map((c) => (c.kind === 'isnull' && !c.negated ? c.expr : undefined));
    // The checks follow f's arguments in order; they cover every nullable one, and may check
    // arguments the producer read as nullable that the declared schema says are not (a plan
    // for a consumer whose tables have nullable columns, relc's DeclaredSchema): a check of a
    // non-null value is false, so the guard is the plain call either way.
    let at = 0;
    for (const a of els.args) {
      if (at < checked.length && checked[at] !== undefined && isDeepStrictEqual(checked[at], a)) at++;
      else if (typeOf(a, input).nullable) return undefined;
    }
    return at === checked.length ? els : undefined;
  }

  /**
   * relc's zero guard (the producer's `zeroGuarded`): `if d = 0 then NULL else f(x, d)` where d
   * is f's divisor (both compared without relc's implicit casts) → f(x, d).
   */
  private zeroUnguarded(whens: readonly { when: Expr; then: Expr }[], els: Expr | null): Expr | undefined {
    if (whens.length !== 1 || els?.kind !== 'call' || !Object.hasOwn(ZERO_GUARDED, els.fn)) return undefined;
    const { when, then } = whens[0]!;
    if (then.kind !== 'lit' || then.value !== null || when.kind !== 'call' || when.fn !== 'equal') return undefined;
    const [d, zero] = when.args;
    const bare = (e: Expr | undefined) => (e && this.implicit.has(e) && e.kind === 'cast' ? e.expr : e);
    if (zero?.kind !== 'lit' || zero.value === null || Number(zero.value) !== 0) return undefined;
    return isDeepStrictEqual(bare(d), bare(els.args[ZERO_GUARDED[els.fn]!])) ? els : undefined;
  }

  /** An aggregate (or window aggregate) call's function, arguments and type. */
  aggregate(
    a: { functionReference?: number; arguments?: readonly FunctionArgument[]; args?: readonly SExpression[]; outputType?: object; invocation?: string; sorts?: readonly object[] },
    kinds: readonly FunctionDef['kind'][],
    input: Schema,
    path: string,
  ): { fn: string; args: Expr[]; distinct: boolean; type: DataType; orderBy?: SortKey[] } {
    const f = this.declared(a.functionReference, path);
    const fn = this.relcName(f, kinds, path);
    const { exprs } = this.values(a.arguments, a.args, input, path);
    const def = lookupFunction(fn)!;
    let resolved: DataType;
    try {
      resolved = resolveCall(fn, exprs.map((x) => typeOf(x, input).type)).returns;
    } catch (err) {
      throw decodeError(path, `${f.compound}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const out = a.outputType ? decodeType(a.outputType, `${path}.outputType`).type : resolved;
    const type = commonSuperType(out, resolved) ? out : resolved;
    const orderBy = a.sorts?.length ? this.sortKeys(a.sorts as readonly SortField[], input, `${path}.sorts`) : [];
    return { fn: def.name, args: this.withoutImplicit(fn, exprs, type, input), distinct: a.invocation === 'AGGREGATION_INVOCATION_DISTINCT', type, ...(orderBy.length ? { orderBy } : {}) };
  }

  /** Sort fields as relc sort keys; a comparison function or no direction is not supported. */
  sortKeys(sorts: readonly SortField[] | undefined, input: Schema, path: string): SortKey[] {
    return (sorts ?? []).map((s, i) => {
      const here = `${path}[${i}]`;
      const d = DIRECTIONS[s.direction ?? ''];
      if (!d) throw decodeError(`${here}.direction`, `sort ${s.direction ?? (s.comparisonFunctionReference !== undefined ? 'by comparison function' : 'without direction')} is not supported`);
      return { expr: this.decode(s.expr, input, `${here}.expr`), ...d };
    });
  }

  measure(m: { measure?: object; filter?: SExpression }, input: Schema, path: string): AggCall {
    if (!m.measure) throw decodeError(path, 'measure without an aggregate function');
    const a = this.aggregate(m.measure, ['aggregate'], input, `${path}.measure`);
    return { ...a, ...(m.filter ? { filter: this.decode(m.filter, input, `${path}.filter`) } : {}) };
  }

  decode(e: SExpression | undefined, input: Schema, path: string): Expr {
    const member = oneof(e);
    if (!member) throw decodeError(path, 'expression without a kind');
    const [kind] = member;
    const here = `${path}.${kind}`;
    switch (kind) {
      case 'literal':
        return decodeLiteral(e!.literal, here);
      case 'selection': {
        const s = e!.selection!;
        if (!s.rootReference && (s.outerReference || s.expression || s.lambdaParameterReference)) throw decodeError(here, 'only references to the input row are supported');
        const seg = s.directReference?.structField;
        if (!seg) throw decodeError(here, 'only direct struct field references are supported');
        if (seg.child) throw decodeError(`${here}.directReference.structField.child`, 'nested field references are not supported');
        const index = seg.field ?? 0;
        if (!Number.isInteger(index) || index < 0 || index >= input.length) {
          throw decodeError(`${here}.directReference.structField.field`, `field reference ${index} is out of range (input has ${input.length} fields)`);
        }
        return { kind: 'col', index };
      }
      case 'scalarFunction':
        return this.scalar(e!.scalarFunction!, input, here);
      case 'ifThen': {
        const it = e!.ifThen!;
        const whens = (it.ifs ?? []).map((c, i) => ({ when: this.decode(c.if, input, `${here}.ifs[${i}].if`), then: this.decode(c.then, input, `${here}.ifs[${i}].then`) }));
        if (whens.length === 0) throw decodeError(here, 'if-then without clauses');
        const els = it.else ? this.decode(it.else, input, `${here}.else`) : null;
        // relc's guards wrap a function call directly: only then can they be read back.
        const guarded = it.else?.scalarFunction ? (this.unguarded(whens, els, input) ?? this.zeroUnguarded(whens, els) ?? evenTiesRound(whens, els)) : undefined;
        if (guarded) return guarded;
        const branches = [...whens.map((w) => w.then), ...(els ? [els] : [])];
        const type = this.common(branches, input, here);
        // relc casts (implicitly) every branch whose type differs from the CASE's own type to
        // it: those casts are the CASE's coercion, which relc's IR states by its type.
        const keep = branches.map((b) => (this.implicit.has(b) && b.kind === 'cast' && typeEquals(b.type, type) ? b.expr : b));
        return { kind: 'case', whens: whens.map((w, i) => ({ when: w.when, then: keep[i]! })), else: els ? keep[whens.length]! : null, type };
      }
      case 'cast': {
        const outer = e!.cast!;
        if (outer.failureBehavior === 'FAILURE_BEHAVIOR_RETURN_NULL') throw decodeError(here, 'casts that return NULL on failure (TRY_CAST) are not supported');
        // Where relc's ImplicitCasts says its coercions carry THROW_EXCEPTION too, every cast of
        // the IR's own is written twice, the same cast over itself; any other cast is a coercion.
        const marked = !!this.ctx.implicitCastFailure && outer.failureBehavior === this.ctx.implicitCastFailure;
        const twice = outer.input?.cast;
        const pair = marked && twice?.failureBehavior === outer.failureBehavior && isDeepStrictEqual(twice?.type, outer.type);
        const c = pair ? twice! : outer;
        const decoded = this.decode(c.input, input, pair ? `${here}.input.cast.input` : `${here}.input`);
        const type = decodeType(c.type, `${here}.type`).type;
        const coercion = marked ? !pair : c.failureBehavior !== 'FAILURE_BEHAVIOR_THROW_EXCEPTION';
        // relc writes a double or decimal cast to an integer as cast(round(x)) (its rounding made
        // explicit); the same value as cast(x), which is what it reads back.
        const roundedAway = !coercion && (type.kind === 'int32' || type.kind === 'int64')
          && decoded.kind === 'call' && decoded.fn === 'round' && decoded.args.length === 1 && ['float64', 'decimal'].includes(typeOf(decoded.args[0]!, input).type.kind);
        const inner = roundedAway ? (decoded as { args: readonly Expr[] }).args[0]! : decoded;
        const out: Expr = { kind: 'cast', expr: inner, type };
        if (coercion) this.implicit.add(out);
        return out;
      }
      case 'singularOrList': {
        const s = e!.singularOrList!;
        const value = this.decode(s.value, input, `${here}.value`);
        const list = (s.options ?? []).map((o, i) => this.decode(o, input, `${here}.options[${i}]`));
        const all = [value, ...list];
        const target = this.common(all, input, here);
        const bare = all.map((b) => (this.implicit.has(b) && b.kind === 'cast' ? b.expr : b));
        const keep = typeEquals(this.common(bare, input, here), target) ? bare : all;
        return { kind: 'in', expr: keep[0]!, list: keep.slice(1), negated: false };
      }
      case 'dynamicParameter': {
        const p = e!.dynamicParameter!;
        const anchor = p.parameterReference ?? 0;
        const t = decodeType(p.type, `${here}.type`);
        const known = this.ctx.params.get(anchor);
        if (known && !typeEquals(known.type, t.type)) throw decodeError(here, `parameter ${anchor} used with two types`);
        const param = known ?? { name: `p${anchor}`, type: t.type, nullable: t.nullable };
        this.ctx.params.set(anchor, param);
        return { kind: 'param', name: param.name, type: param.type, nullable: param.nullable };
      }
      case 'windowFunction':
        throw decodeError(here, 'a window function outside a projection');
      default:
        throw decodeError(here, `expression kind ${kind} is not supported by relc`);
    }
  }

  private common(exprs: readonly Expr[], input: Schema, path: string): DataType {
    let acc: DataType = T.null;
    for (const x of exprs) {
      const next = commonSuperType(acc, typeOf(x, input).type);
      if (!next) throw decodeError(path, 'branches have no common type');
      acc = next;
    }
    return acc;
  }
}
