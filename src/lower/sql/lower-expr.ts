// IR expressions → SQL expressions. Column positions resolve to the frame's column expressions;
// functions render through the registry (src/ir/registry.ts), casts through the dialect's cast
// table, LIKE through the dialect's LIKE data. Nothing here branches on a dialect's name.

import {
  PRECEDENCE, RelcError, T, assertNever, isInteger, lookupFunction, renderForCall, typeEquals, typeOf, typeToString,
  type AggCall, type CallShape, type DataType, type FrameBound, type Expr, type LiteralValue, type Render, type Schema, type SortKey, type WindowCall,
} from '../../ir/index.ts';
import type { FnCall, OrderItem, Over, SqlExpr, SqlFrameBound } from './ast.ts';
import type { SqlDialect } from './dialect.ts';
import { isConstant, someNode } from './frame.ts';
import { likeToGlob } from './like-glob.ts';
import { typeName } from './literals.ts';

export interface Env {
  readonly cols: readonly SqlExpr[];
  readonly schema: Schema;
  readonly d: SqlDialect;
}

const lit = (type: DataType, value: LiteralValue): SqlExpr => ({ kind: 'lit', type, value });

function unsupported(d: SqlDialect, what: string, details: Record<string, unknown> = {}): never {
  throw new RelcError('BACKEND_UNSUPPORTED', `${what} is not supported on ${d.name}`, { details: { dialect: d.name, ...details } });
}

/** CAST(x AS t) with PostgreSQL's semantics on the dialect (its cast table decides the text). */
export function lowerCast(inner: SqlExpr, from: DataType, to: DataType, d: SqlDialect): SqlExpr {
  if (typeEquals(from, to)) return inner;
  if (from.kind === 'null') return { kind: 'cast', expr: inner, type: to };
  const rule = d.casts[`${from.kind}->${to.kind}`] ?? d.casts[`${from.kind}->*`] ?? d.casts[`*->${to.kind}`];
  if (!rule) return { kind: 'cast', expr: inner, type: to };
  if (rule.kind === 'unsupported') return unsupported(d, `CAST(${typeToString(from)} AS ${typeToString(to)}) (${rule.reason})`);
  if (rule.kind !== 'template') throw new RelcError('INTERNAL', `cast rule ${from.kind}->${to.kind} must be a template`);
  const shim = d.refuseShimCalls ? SHIM_CALL.exec(inlineShims(rule.template, d)) : null;
  if (shim) {
    const why = d.shimRefusal ? d.shimRefusal.replaceAll('{shim}', shim[0]) : `no ${d.name} rendering: the default calls relc's shim ${shim[0]}`;
    unsupported(d, `CAST(${typeToString(from)} AS ${typeToString(to)}) (${why})`, { cast: `${typeToString(from)}->${typeToString(to)}`, shim: shim[0] });
  }
  const template = inlineShims(rule.template, d)
    .replaceAll('{T}', typeName(to, d))
    .replaceAll('{p}', to.kind === 'decimal' ? String(to.precision) : '')
    .replaceAll('{s}', to.kind === 'decimal' ? String(to.scale) : '')
    .replaceAll('{fs}', from.kind === 'decimal' ? String(from.scale) : '');
  return { kind: 'template', template, precedence: rule.precedence ?? null, args: [inner] };
}

/** PostgreSQL promotes a date compared or combined with a timestamp to midnight of that day. */
function promoteDates(args: readonly SqlExpr[], types: readonly DataType[], d: SqlDialect): { args: SqlExpr[]; types: DataType[] } {
  if (!types.some((t) => t.kind === 'date') || !types.some((t) => t.kind === 'timestamp')) return { args: [...args], types: [...types] };
  return {
    args: args.map((a, i) => (types[i]!.kind === 'date' ? lowerCast(a, T.date, T.timestamp, d) : a)),
    types: types.map((t) => (t.kind === 'date' ? T.timestamp : t)),
  };
}

/** A call of one of relc's shims in a template (`relc_x(`; other `relc_` names are aliases or lambda variables). */
const SHIM_CALL = /\brelc_[a-z0-9_]+(?=\s*\()/;

/** A registry template with the dialect's plain-SQL forms of shim calls put in (`inlineShims`). */
export function inlineShims(template: string, d: SqlDialect): string {
  return d.inlineShims ? d.inlineShims.reduce((t, [call, plain]) => t.replaceAll(call, plain), template) : template;
}

/** A registry function name, or the dialect's plain function in place of that shim (`inlineShimNames`). */
const inlineName = (name: string, d: SqlDialect): string => d.inlineShimNames?.[name] ?? name;

/** A rendering that calls one of relc's shims, on a dialect whose engines have none: a coded refusal naming the function. */
function refuseShim(r: Render, fn: string, d: SqlDialect): void {
  if (!d.refuseShimCalls) return;
  const name = r.kind === 'fn' || r.kind === 'ordered_set' || r.kind === 'sorted_by_arg' || r.kind === 'collect_sorted' ? inlineName(r.name, d) : undefined;
  const text = name !== undefined ? `${name}(` : r.kind === 'template' || r.kind === 'wrap_result' ? inlineShims(r.template, d) : '';
  const shim = SHIM_CALL.exec(text);
  if (!shim) return;
  const why = d.shimRefusal ? d.shimRefusal.replaceAll('{shim}', shim[0]) : `no ${d.name} rendering: the default calls relc's shim ${shim[0]}`;
  unsupported(d, `${fn} (${why})`, { function: fn, shim: shim[0] });
}

/** Applies a (resolved) registry rendering to printed arguments. */
function applyRender(r: Render, args: readonly SqlExpr[], result: DataType, fn: string, d: SqlDialect): SqlExpr {
  refuseShim(r, fn, d);
  switch (r.kind) {
    case 'infix':
      return { kind: 'infix', op: r.op, precedence: r.precedence, args };
    case 'prefix':
      return { kind: 'prefix', op: r.op, precedence: r.precedence, arg: args[0]! };
    case 'fn':
      return { kind: 'fn', name: inlineName(r.name, d), args, distinct: false, filter: null, over: null };
    case 'template':
      return { kind: 'template', template: inlineShims(r.template, d), precedence: r.precedence ?? null, args };
    case 'cast_result':
      return { kind: 'cast', expr: applyRender(r.render, args, result, fn, d), type: result };
    case 'wrap_result':
      return { kind: 'template', template: inlineShims(r.template, d), precedence: null, args: [applyRender(r.render, args, result, fn, d)] };
    case 'cast_args':
      return applyRender(r.render, args.map((a): SqlExpr => ({ kind: 'cast', expr: a, type: r.to })), result, fn, d);
    case 'ordered_set':
    case 'sorted_by_arg':
    case 'collect_sorted':
      throw new RelcError('INTERNAL', `aggregate rendering (${r.kind}) of the scalar ${fn}`);
    case 'by_type':
      throw new RelcError('INTERNAL', `nested by_type rendering of ${fn}`);
    case 'unsupported':
      return unsupported(d, `${fn} (${r.reason})`, { function: fn });
    default:
      return assertNever(r, 'render');
  }
}

/** The first shim call a (resolved) rendering makes on `d`, after the dialect's inlining; null when none. */
function shimOf(r: Render, d: SqlDialect): string | null {
  switch (r.kind) {
    case 'fn':
    case 'ordered_set':
    case 'sorted_by_arg':
    case 'collect_sorted':
      return SHIM_CALL.exec(`${inlineName(r.name, d)}(`)?.[0] ?? null;
    case 'template':
      return SHIM_CALL.exec(inlineShims(r.template, d))?.[0] ?? null;
    case 'wrap_result':
      return SHIM_CALL.exec(inlineShims(r.template, d))?.[0] ?? shimOf(r.render, d);
    case 'cast_result':
    case 'cast_args':
      return shimOf(r.render, d);
    default:
      return null;
  }
}

const isSimple = (a: SqlExpr): boolean => a.kind === 'column' || a.kind === 'lit';
const BOUND = 'relc_args';

/**
 * A render case for simple arguments over any arguments, each evaluated once (`caps.bindArgs`):
 * `(SELECT <case over relc_args.a0, …> FROM (SELECT <arg> AS a0, …) AS relc_args)`. A correlated
 * scalar subquery computes its FROM-less SELECT per outer row, and an aggregate over outer columns
 * stays the outer query's; a window function would not, so such arguments are not bound.
 */
function bindArgs(r: Render, args: readonly SqlExpr[], result: DataType, fn: string, d: SqlDialect): SqlExpr | null {
  if (args.some((a) => someNode(a, (x) => x.kind === 'fn' && x.over !== null))) return null;
  const bound = args.flatMap((a, i) => (isSimple(a) ? [] : [[a, `a${i}`] as const]));
  const inner = applyRender(r, args.map((a, i) => (isSimple(a) ? a : { kind: 'column', qualifier: BOUND, name: `a${i}` })), result, fn, d);
  const q = (n: string) => `${d.quote}${n}${d.quote}`;
  const columns = bound.map(([, name], i) => `{${i + 1}} AS ${q(name)}`).join(', ');
  return { kind: 'template', template: `(SELECT {0} FROM (SELECT ${columns}) AS ${q(BOUND)})`, precedence: null, args: [inner, ...bound.map(([a]) => a)] };
}

function lowerCall(fn: string, argExprs: readonly Expr[], result: DataType, env: Env): SqlExpr {
  const def = lookupFunction(fn);
  if (!def) throw new RelcError('UNKNOWN_FUNCTION', `unknown function ${fn}`, { details: { function: fn } });
  if (def.kind !== 'scalar') throw new RelcError('INVALID_PLAN', `${def.kind} function ${fn} used as a scalar`);
  const promoted = promoteDates(argExprs.map((a) => lowerExpr(a, env)), argExprs.map((a) => typeOf(a, env.schema).type), env.d);
  const shape: CallShape = {
    simpleArgs: promoted.args.every(isSimple), // a template may repeat these
    integers: promoted.args.map((a) => (a.kind === 'lit' && a.value !== null && isInteger(a.type) ? BigInt(a.value as number | string) : undefined)),
    constants: constantArgs(argExprs),
  };
  const r = renderForCall(def, env.d.name, promoted.types, result, shape);
  // Where the engine has no shims, a case for simple arguments may stand in for one that calls a shim.
  if (env.d.caps.bindArgs && !shape.simpleArgs && shimOf(r, env.d) !== null) {
    const plain = renderForCall(def, env.d.name, promoted.types, result, { ...shape, simpleArgs: true });
    const bound = shimOf(plain, env.d) === null ? bindArgs(plain, promoted.args, result, fn, env.d) : null;
    if (bound) return bound;
  }
  return applyRender(r, promoted.args, result, fn, env.d);
}

/**
 * stable_id(a, b, …) (CONTRACTS.md): the hash of 'v' || text(a), U+001F, 'v' || text(b), … with
 * NULL as 'n'. Text is the utf8 value, or the PostgreSQL cast to text of integers, dates and booleans.
 */
function lowerStableId(args: readonly Expr[], env: Env): SqlExpr {
  const concat = (xs: readonly SqlExpr[]): SqlExpr => ({ kind: 'infix', op: '||', precedence: PRECEDENCE.concat, args: xs });
  const pieces = args.map((a): SqlExpr => {
    const t = typeOf(a, env.schema).type;
    let text: SqlExpr;
    switch (t.kind) {
      case 'utf8':
        text = lowerExpr(a, env);
        break;
      case 'int32':
      case 'int64':
      case 'date':
      case 'bool':
        text = lowerCast(lowerExpr(a, env), t, T.utf8, env.d);
        break;
      case 'null':
        text = lit(T.utf8, null);
        break;
      default:
        throw new RelcError('TYPE_MISMATCH', `stable_id takes utf8, integer, date or bool arguments; cast ${typeToString(t)} to utf8 explicitly`, { details: { type: typeToString(t) } });
    }
    return { kind: 'fn', name: 'coalesce', args: [concat([lit(T.utf8, 'v'), text]), lit(T.utf8, 'n')], distinct: false, filter: null, over: null };
  });
  const sep: SqlExpr = { kind: 'template', template: env.d.unitSeparator, precedence: null, args: [] };
  const joined = pieces.length === 1 ? pieces[0]! : concat(pieces.flatMap((p, i) => (i === 0 ? [p] : [sep, p])));
  return { kind: 'template', template: env.d.stableIdHash, precedence: null, args: [joined] };
}

export function lowerExpr(e: Expr, env: Env): SqlExpr {
  const rec = (x: Expr) => lowerExpr(x, env);
  switch (e.kind) {
    case 'col': {
      const c = env.cols[e.index];
      if (!c) throw new RelcError('INVALID_PLAN', `column #${e.index} out of range (${env.cols.length} fields)`);
      return c;
    }
    case 'lit':
      return lit(e.type, e.value);
    case 'param':
      return { kind: 'param', name: e.name, type: e.type };
    case 'call':
      return e.fn === 'stable_id' ? lowerStableId(e.args, env) : lowerCall(e.fn, e.args, e.type, env);
    case 'case': {
      const branch = (x: Expr) => {
        const t = typeOf(x, env.schema).type;
        return t.kind === 'date' && e.type.kind === 'timestamp' ? lowerCast(rec(x), t, e.type, env.d) : rec(x);
      };
      // An untyped NULL condition prints as a boolean one (Spark rejects `CASE WHEN NULL`: VOID is not BOOLEAN).
      const when = (x: Expr) => (typeOf(x, env.schema).type.kind === 'null' ? lit(T.bool, null) : rec(x));
      return { kind: 'case', whens: e.whens.map((w) => ({ when: when(w.when), then: branch(w.then) })), else: e.else ? branch(e.else) : null };
    }
    case 'cast':
      return lowerCast(rec(e.expr), typeOf(e.expr, env.schema).type, e.type, env.d);
    case 'in': {
      if (e.list.length === 0) return { kind: 'bool', value: e.negated };
      const all = [e.expr, ...e.list];
      const p = promoteDates(all.map(rec), all.map((x) => typeOf(x, env.schema).type), env.d);
      return { kind: 'in', expr: p.args[0]!, list: p.args.slice(1), negated: e.negated };
    }
    case 'isnull':
      return { kind: 'isnull', expr: rec(e.expr), negated: e.negated };
    case 'like': {
      // PostgreSQL's default escape character is the backslash; '' disables escaping.
      const escape = e.escape ?? '\\';
      if ([...escape].length > 1) throw new RelcError('INVALID_PLAN', `LIKE escape must be one character, got ${JSON.stringify(escape)}`);
      const template = e.caseInsensitive ? env.d.like.ilike : env.d.like.like;
      if (template === null) {
        // A literal pattern holding neither the escape character nor a backslash means the same
        // with no ESCAPE clause in every dialect (PostgreSQL's default escape is the backslash,
        // DuckDB has none), and DuckDB plans LIKE … ESCAPE as the generic like_escape matcher
        // instead of its prefix/suffix/contains rewrites: about ×10 on TPC-H Q13's o_comment.
        const plain = e.pattern.kind === 'lit' && typeof e.pattern.value === 'string' && !e.pattern.value.includes('\\') && (escape === '' || !e.pattern.value.includes(escape));
        return { kind: 'like', expr: rec(e.expr), pattern: rec(e.pattern), escape: plain ? null : escape, negated: e.negated, ilike: e.caseInsensitive };
      }
      const globs = env.d.like.glob;
      const glob = globs !== null && e.pattern.kind === 'lit' && typeof e.pattern.value === 'string' ? likeToGlob(e.pattern.value, escape, e.caseInsensitive) : null;
      const call: SqlExpr = globs !== null && glob !== null
        ? { kind: 'template', template: e.caseInsensitive ? globs.ilike : globs.like, precedence: PRECEDENCE.like, args: [rec(e.expr), lit(T.utf8, glob)] }
        : { kind: 'template', template, precedence: null, args: [rec(e.expr), rec(e.pattern), lit(T.utf8, escape)] };
      return e.negated ? { kind: 'prefix', op: 'NOT ', precedence: PRECEDENCE.not, arg: call } : call;
    }
    case 'outer':
    case 'subquery':
      throw new RelcError('INVALID_PLAN', `${e.kind === 'outer' ? 'an outer reference' : `a ${e.mode} subquery`} survived decorrelation`);
    default:
      return assertNever(e, 'expression');
  }
}

/**
 * Sort keys with explicit null order. Keys that are constant once lowered (a column holding a
 * projected literal included) are dropped: they order nothing, DuckDB rejects `ORDER BY 'a'`
 * and a bare integer would be read as a column position.
 */
export function lowerOrder(keys: readonly SortKey[], env: Env): OrderItem[] {
  for (const k of keys) {
    if (env.d.typeNames.interval === null && env.d.sortKeys.interval === undefined && typeOf(k.expr, env.schema).type.kind === 'interval') unsupported(env.d, 'ordering by an interval');
    if (env.d.caps.listOrder !== true && typeOf(k.expr, env.schema).type.kind === 'list') unsupported(env.d, `ordering by a list (${env.d.caps.listOrder})`);
  }
  return keys
    .map((k) => {
      const expr = lowerExpr(k.expr, env);
      const wrap = env.d.sortKeys[typeOf(k.expr, env.schema).type.kind];
      return { expr: wrap === undefined ? expr : { kind: 'template', template: wrap, precedence: null, args: [expr] } satisfies SqlExpr, desc: k.direction === 'desc', nullsFirst: k.nulls === 'first' };
    })
    .filter((o) => !isConstant(o.expr));
}

/** A registry rendering of an aggregate: a function name, possibly with its result cast. */
function aggregateRender(r: Render, call: FnCall, result: DataType, fn: string, d: SqlDialect): SqlExpr {
  refuseShim(r, fn, d);
  switch (r.kind) {
    case 'fn':
      return { ...call, name: inlineName(r.name, d) };
    case 'cast_result':
      return { kind: 'cast', expr: aggregateRender(r.render, call, result, fn, d), type: result };
    case 'wrap_result':
      return { kind: 'template', template: inlineShims(r.template, d), precedence: null, args: [aggregateRender(r.render, call, result, fn, d)] };
    case 'cast_args':
      return aggregateRender(r.render, { ...call, args: call.args.map((a): SqlExpr => (a.kind === 'star' ? a : { kind: 'cast', expr: a, type: r.to })) }, result, fn, d);
    case 'ordered_set':
      return { ...call, name: r.name, args: call.args.slice(1), withinGroup: [{ expr: call.args[0]!, desc: false, nullsFirst: false }] };
    case 'sorted_by_arg':
      return { ...call, name: r.name, orderBy: [{ expr: call.args[0]!, desc: false, nullsFirst: false }] };
    case 'collect_sorted':
      return collectSorted(r.name, call);
    case 'unsupported':
      return unsupported(d, `${fn} (${r.reason})`, { function: fn });
    default:
      throw new RelcError('INTERNAL', `aggregate ${fn} must render as a function, not ${r.kind}`);
  }
}

/**
 * array_agg(x ORDER BY k…) where the engine's collecting aggregate keeps no order (Spark's
 * collect_list, which also skips NULLs): each row's keys and value collected as one struct (never
 * NULL), sorted by a comparator that is the ORDER BY (directions and NULL placement), the values
 * read back; over no rows the list is empty, and PostgreSQL's array_agg NULL.
 *   array_agg(x ORDER BY k DESC) → CASE WHEN size(c) > 0 THEN transform(array_sort(c, cmp), e -> e.v) END,
 *   c = collect_list(named_struct('k0', k, 'v', x))
 */
function collectSorted(name: string, call: FnCall): SqlExpr {
  const keys = call.orderBy ?? [];
  const fields = [...keys.map((_, i) => `'k${i}', {${i}}`), `'v', {${keys.length}}`].join(', ');
  const struct: SqlExpr = { kind: 'template', template: `named_struct(${fields})`, precedence: null, args: [...keys.map((k) => k.expr), call.args[0]!] };
  const { orderBy: _, ...rest } = call;
  const collected: FnCall = { ...rest, name, args: [struct] };
  const compare = keys.reduceRight((next, k, i) => {
    const [l, r] = [`relc_l.k${i}`, `relc_r.k${i}`];
    const [before, after] = k.desc ? ['1', '-1'] : ['-1', '1'];
    const [nullL, nullR] = k.nullsFirst ? ['-1', '1'] : ['1', '-1'];
    return `CASE WHEN ${l} IS NULL AND ${r} IS NULL THEN ${next} WHEN ${l} IS NULL THEN ${nullL} WHEN ${r} IS NULL THEN ${nullR} WHEN ${l} < ${r} THEN ${before} WHEN ${l} > ${r} THEN ${after} ELSE ${next} END`;
  }, '0');
  const sorted = keys.length ? `array_sort({0}, (relc_l, relc_r) -> ${compare})` : '{0}';
  return { kind: 'template', template: `CASE WHEN size({0}) > 0 THEN transform(${sorted}, relc_e -> relc_e.v) END`, precedence: null, args: [collected] };
}

/** Which arguments are literals or parameters (`constants` render cases). */
const constantArgs = (args: readonly Expr[]): boolean[] => args.map((a) => a.kind === 'lit' || a.kind === 'param');

function resolveAggregate(fn: string, args: readonly Expr[], result: DataType, env: Env, kinds: readonly string[]): Render {
  const def = lookupFunction(fn);
  if (!def) throw new RelcError('UNKNOWN_FUNCTION', `unknown function ${fn}`, { details: { function: fn } });
  if (!kinds.includes(def.kind)) throw new RelcError('INVALID_PLAN', `${fn} is not a ${kinds.join(' or ')} function`);
  return renderForCall(def, env.d.name, args.map((a) => typeOf(a, env.schema).type), result, { simpleArgs: false, integers: [], constants: constantArgs(args) });
}

/** `agg(DISTINCT x) FILTER (WHERE c)`, or `agg(DISTINCT CASE WHEN c THEN x END)` without FILTER. */
export function lowerAgg(m: AggCall, env: Env): SqlExpr {
  const render = resolveAggregate(m.fn, m.args, m.type, env, ['aggregate']);
  let args: SqlExpr[] = m.args.map((a) => lowerExpr(a, env));
  let filter = m.filter ? lowerExpr(m.filter, env) : null;
  if (filter && !env.d.caps.filterClause) {
    const cond = filter;
    const guard = (x: SqlExpr): SqlExpr => ({ kind: 'case', whens: [{ when: cond, then: x }], else: null });
    args = args.length === 0 ? [guard(lit(T.int32, 1))] : args.map(guard);
    filter = null;
  }
  const orderBy = m.orderBy ? lowerOrder(m.orderBy, env) : [];
  if (m.distinct && m.args.length > 1 && !env.d.caps.distinctManyArgs) {
    const sep = m.args[1]!;
    if (m.fn !== 'string_agg' || sep.kind !== 'lit' || sep.value !== ',') unsupported(env.d, `${m.fn}(DISTINCT …) of ${m.args.length} arguments${m.fn === 'string_agg' ? ` (only the separator ',' is)` : ''}`, { function: m.fn });
    // DISTINCT over (x, ',') is DISTINCT over x: group_concat's separator is ','.
    return { kind: 'fn', name: 'group_concat', args: [args[0]!], distinct: true, filter, over: null, aggregate: true, ...(orderBy.length ? { orderBy } : {}) };
  }
  const call: FnCall = { kind: 'fn', name: m.fn, args: args.length === 0 ? [{ kind: 'star' }] : args, distinct: m.distinct, filter, over: null, aggregate: true, ...(orderBy.length ? { orderBy } : {}) };
  return aggregateRender(render, call, m.type, m.fn, env.d);
}

export function lowerWindowCall(w: WindowCall, env: Env): SqlExpr {
  const render = resolveAggregate(w.fn, w.args, w.type, env, ['aggregate', 'window']);
  if (w.distinct && !env.d.caps.windowDistinct) unsupported(env.d, `DISTINCT in the window function ${w.fn}`, { function: w.fn });
  const args: SqlExpr[] = w.args.map((a) => lowerExpr(a, env));
  const countStar = w.fn === 'count' && args.length === 0;
  const call: FnCall = {
    kind: 'fn', name: w.fn, args: countStar ? [{ kind: 'star' }] : args, distinct: w.distinct, filter: null,
    over: { partitionBy: w.partitionBy.map((p) => lowerExpr(p, env)), ...lowerFrame(w, env) },
  };
  return aggregateRender(render, call, w.type, w.fn, env.d);
}

const MICROS_PER_DAY = 86_400_000_000n;

/**
 * The window's ORDER BY and frame. RANGE distances that are literals print as such; on a dialect
 * without interval distances (caps.rangeIntervalOffsets) a date key orders by its julianday and
 * a timestamp key by its microseconds since 1970 (both exact), the distance in those units.
 */
function lowerFrame(w: WindowCall, env: Env): Pick<Over, 'orderBy' | 'frame'> {
  const f = w.frame;
  const orderBy = lowerOrder(w.orderBy, env);
  if (!f) return { orderBy, frame: null };
  const intervals = [f.start, f.end].some((b) => (b.kind === 'preceding' || b.kind === 'following') && b.value?.type.kind === 'interval');
  const templates = env.d.caps.rangeIntervalOffsets;
  const key = intervals && templates !== true ? typeOf(w.orderBy[0]!.expr, env.schema).type.kind : undefined;
  // The key as a number, where the dialect takes no interval distance.
  const numberKey = templates === true || key === undefined ? undefined : key === 'date' ? templates.date : templates.timestamp;
  const numeric = numberKey !== undefined;
  const bound = (b: FrameBound): SqlFrameBound => {
    if ((b.kind !== 'preceding' && b.kind !== 'following') || !b.value) return b.kind === 'preceding' || b.kind === 'following' ? { kind: b.kind, offset: b.offset } : { kind: b.kind };
    if (!numeric || b.value.type.kind !== 'interval') return { kind: b.kind, offset: 0, value: lit(b.value.type, b.value.value) };
    const v = b.value.value as { months: number; days: number; micros: string };
    if (v.months !== 0) unsupported(env.d, 'a RANGE frame distance in months', { construct: 'RANGE frame offset' });
    const micros = BigInt(v.days) * MICROS_PER_DAY + BigInt(v.micros);
    const value = key === 'date' ? lit(T.float64, Number(micros) / Number(MICROS_PER_DAY)) : lit(T.int64, micros.toString());
    return { kind: b.kind, offset: 0, value };
  };
  const keyed = numberKey !== undefined
    ? orderBy.map((o, i) => (i === 0 ? { ...o, expr: { kind: 'template', template: numberKey, precedence: null, args: [o.expr] } satisfies SqlExpr } : o))
    : orderBy;
  return { orderBy: keyed, frame: { unit: f.unit, start: bound(f.start), end: bound(f.end) } };
}
