// Window function calls (`f(…) OVER (…)`, named WINDOWs) collected for one SELECT: each call
// becomes a WindowCall of one `window` node; the expression gets a placeholder that `place`
// later turns into the column the window node adds (its position is known only at the end).

import { canonicalJson, E, lookupFunction, mapExpr, RelcError, suggestion, resolveCall, typeEquals, typeToString, type Expr, type FrameBound, type Rel, type WindowCall, type WindowFrame } from '../../ir/index.ts';
import type { FrameBoundAst, WindowSpec } from '../ast.ts';
import { callableNames } from '../functions.ts';
import { castTyped, type Typed } from '../coerce.ts';
import { canonicalFunctionName, translateExpr, type ExprContext, type FuncExpr } from '../scalar.ts';
import type { Span } from '../source.ts';
import { determinizeWindow } from './determinism.ts';
import type { QueryEnv } from './env.ts';
import { sortKey } from './query.ts';

export class WindowCollector {
  readonly calls: WindowCall[] = [];
  readonly names: string[] = [];
  private readonly keys: string[] = [];
  /** Each call's OVER clause, for determinism diagnostics. */
  private readonly spans: Span[] = [];

  constructor(
    private readonly env: QueryEnv,
    private readonly named: ReadonlyMap<string, WindowSpec>,
  ) {}

  /** The `window` hook: records the call and returns its placeholder. */
  readonly hook = (node: FuncExpr, ctx: ExprContext): Typed => {
    const { src } = this.env;
    const shown = node.name.value;
    const name = canonicalFunctionName(shown, ctx.dialect);
    const def = lookupFunction(name);
    if (!def) {
      const hint = suggestion(shown, callableNames(ctx.dialect.name, ctx.dialect.functionAliases, ['aggregate', 'window']));
      throw src.error('UNKNOWN_FUNCTION', `unknown window function ${shown}${hint.text}`, node.name.span, { function: shown, ...hint.details });
    }
    if (def.kind === 'scalar') throw src.error('UNSUPPORTED_CONSTRUCT', `${shown} is not a window or aggregate function, so OVER does not apply`, node.span, { function: shown });
    if (node.distinct) throw src.error('UNSUPPORTED_CONSTRUCT', `DISTINCT in window function ${shown} is not supported`, node.span, { construct: 'window DISTINCT' });
    if (node.filter) throw src.error('UNSUPPORTED_CONSTRUCT', `FILTER in window function ${shown} is not supported`, node.filter.span, { construct: 'window FILTER' });
    if (node.withinGroup) throw src.error('UNSUPPORTED_CONSTRUCT', `${shown} WITHIN GROUP as a window function is not supported`, node.withinGroup[0]!.span, { construct: 'window WITHIN GROUP' });
    if (node.orderBy) throw src.error('UNSUPPORTED_CONSTRUCT', `ORDER BY inside window function ${shown} is not supported (the window's ORDER BY orders it)`, node.orderBy[0]!.span, { construct: 'window aggregate ORDER BY' });
    const inner: ExprContext = { ...ctx, clause: `window function ${shown}`, hooks: { ...ctx.hooks, window: undefined } };
    const spec = this.merge(node.over!);
    let args = node.args.map((a) => translateExpr(a, inner));
    let resolved;
    try {
      resolved = resolveCall(name, args.map((a) => a.type));
    } catch (e) {
      if (!(e instanceof RelcError)) throw e;
      const types = args.map((a) => typeToString(a.type));
      throw src.error(e.code, `${shown} cannot take (${types.join(', ')})`, node.span, { function: shown, args: types });
    }
    // lag/lead's default value takes the value's type.
    if ((name === 'lag' || name === 'lead') && args.length === 3 && !typeEquals(args[2]!.type, args[0]!.type)) {
      args = [args[0]!, args[1]!, castTyped(src, args[2]!, args[0]!.type, node.args[2]!.span)];
    }
    const order = spec.orderBy.map((o) => translateExpr(o.expr, inner));
    const call: WindowCall = {
      fn: name,
      args: args.map((a) => a.expr),
      distinct: false,
      partitionBy: spec.partitionBy.map((p) => translateExpr(p, inner).expr),
      orderBy: spec.orderBy.map((o, i) => sortKey(order[i]!.expr, o, ctx.dialect)),
      ...(spec.frame ? { frame: this.frame(spec.frame, order, inner) } : {}),
      type: resolved.returns.kind === 'null' ? args[0]?.type ?? resolved.returns : resolved.returns,
    };
    const key = canonicalJson(call);
    let index = this.keys.indexOf(key);
    if (index < 0) {
      index = this.calls.length;
      this.keys.push(key);
      this.calls.push(call);
      this.names.push(name);
      this.spans.push(node.over!.span);
    }
    const nullable = def.nulls !== 'never';
    return { expr: { kind: 'outer', depth: 0, index, type: call.type, nullable }, type: call.type, nullable };
  };

  /** The calls of the window node over `input`, each with a total order where its value needs one. */
  finish(input: Rel): WindowCall[] {
    return this.calls.map((c, i) => determinizeWindow(this.env, c, input, this.spans[i]!));
  }

  /** Replaces placeholders with the window node's columns, which start at `base`. */
  place(e: Expr, base: number): Expr {
    if (this.calls.length === 0) return e;
    return mapExpr(e, (x) => (x.kind === 'outer' && x.depth === 0 ? E.col(base + x.index) : x));
  }

  private merge(over: WindowSpec): WindowSpec {
    if (!over.base) return over;
    const base = this.named.get(over.base.value.toLowerCase());
    if (!base) throw this.env.src.error('UNKNOWN_COLUMN', `window ${over.base.value} does not exist`, over.base.span, { window: over.base.value, available: [...this.named.keys()] });
    if (over.partitionBy.length > 0) throw this.env.src.error('SQL_PARSE_ERROR', `cannot override PARTITION BY of window ${over.base.value}`, over.span);
    const resolved = this.merge(base);
    return { base: null, partitionBy: resolved.partitionBy, orderBy: over.orderBy.length ? over.orderBy : resolved.orderBy, frame: over.frame ?? resolved.frame, span: over.span };
  }

  private frame(f: NonNullable<WindowSpec['frame']>, order: readonly Typed[], ctx: ExprContext): WindowFrame {
    if (f.unit === 'groups') throw this.env.src.error('UNSUPPORTED_CONSTRUCT', 'GROUPS frames are not supported', f.span, { construct: 'GROUPS frame' });
    return { unit: f.unit, start: this.bound(f.start, f, order, ctx), end: this.bound(f.end, f, order, ctx) };
  }

  /**
   * A bound's offset: a non-negative integer literal (ROWS; RANGE over a numeric key), or, for
   * RANGE, a numeric literal (numeric key) or an interval (date or timestamp key), as PostgreSQL
   * takes them; RANGE with an offset needs exactly one ORDER BY key.
   */
  private bound(b: FrameBoundAst, f: NonNullable<WindowSpec['frame']>, order: readonly Typed[], ctx: ExprContext): FrameBound {
    if (b.kind !== 'preceding' && b.kind !== 'following') return { kind: b.kind };
    const { src } = this.env;
    const e = b.offset;
    const span = e.span ?? f.span;
    const n = e.k === 'number' && /^\d+$/.test(e.text) ? Number(e.text) : NaN;
    if (f.unit === 'rows') {
      if (!Number.isSafeInteger(n)) throw src.error('UNSUPPORTED_CONSTRUCT', 'ROWS frame offsets must be non-negative integer literals', span, { construct: 'frame offset' });
      return { kind: b.kind, offset: n };
    }
    if (order.length !== 1) throw src.error('SQL_PARSE_ERROR', 'RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column', span, { construct: 'RANGE frame offset' });
    const key = order[0]!.type;
    const temporal = key.kind === 'date' || key.kind === 'timestamp';
    if (Number.isSafeInteger(n) && !temporal) return { kind: b.kind, offset: n };
    const t = translateExpr(e, { ...ctx, scope: { columns: [], input: [], qualifiers: [], outer: null }, clause: 'a frame offset' });
    const lit = t.expr.kind === 'lit' ? t.expr : undefined;
    const numeric = (k: string) => k === 'int32' || k === 'int64' || k === 'decimal' || k === 'float64';
    const fits = lit && (temporal ? lit.type.kind === 'interval' : numeric(lit.type.kind) && numeric(key.kind));
    if (!fits) {
      throw src.error('TYPE_MISMATCH', `RANGE with offset PRECEDING/FOLLOWING is not supported for column type ${typeToString(key)} and offset type ${typeToString(t.type)}${temporal ? ' (an interval literal is)' : ''}`, span, { construct: 'RANGE frame offset', args: [typeToString(key), typeToString(t.type)] });
    }
    const v = lit.value;
    const negative = typeof v === 'number' ? v < 0 : typeof v === 'string' ? v.startsWith('-') : v !== null && typeof v === 'object' && 'months' in v ? v.months < 0 || v.days < 0 || v.micros.startsWith('-') : true;
    if (negative) throw src.error('SQL_PARSE_ERROR', 'invalid preceding or following size in window function: it must not be negative or NULL', span, { construct: 'RANGE frame offset' });
    return { kind: b.kind, offset: 0, value: lit };
  }
}
