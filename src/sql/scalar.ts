// The expression translator: SQL syntax → typed IR expressions over a name scope. Aggregates,
// window functions and subqueries are delegated to hooks the query translator supplies; without
// a hook they are reported as not allowed in that clause.

import { E, RelcError, suggestion, T, lookupFunction, typeEquals, typeToString, type DataType, type Expr, type FunctionDef } from '../ir/index.ts';
import type { SqlExpr } from './ast.ts';
import { adaptLiterals, buildCall, castTyped, commonTypeOf, explicitCast, typedLit, widenAll, type CallSite, type Typed } from './coerce.ts';
import type { SourceDialectDef } from './dialects.ts';
import { asElementOf, callableNames, DATE_PART_FIELDS, datePartCall, dayOfWeekFromOne, DIALECT_FUNCTIONS, NONDETERMINISTIC, SCALAR_FUNCTIONS } from './functions.ts';
import { addDaysToDate, addIntervalToTimestamp, arrayLiteralElements, dateToTimestamp, negateInterval, numberLiteral, parseDate, parseInterval, parseTimestamp, type IntervalValue } from './literals.ts';
import { resolveColumn, type NameScope, type ParamTypes } from './scope.ts';
import type { Span, SqlSource } from './source.ts';
import { castLength, isUnconstrainedNumeric, resolveTypeName, unconstrainedNumeric } from './type-names.ts';
import { JSON_AGGREGATES, JSON_TYPE_NAMES, jsonbBinary, jsonCast, jsonOperator, wrapJsonAggregate } from './json.ts';

export type FuncExpr = Extract<SqlExpr, { k: 'func' }>;
export type SubqueryExpr = Extract<SqlExpr, { k: 'subquery' | 'exists' | 'in_query' | 'quantified' }>;

export interface ExprHooks {
  /** Consulted first for every node: a replacement (a GROUP BY key, a computed column) or undefined. */
  readonly substitute?: (node: SqlExpr, ctx: ExprContext) => Typed | undefined;
  readonly aggregate?: (node: FuncExpr, def: FunctionDef, ctx: ExprContext) => Typed;
  readonly window?: (node: FuncExpr, ctx: ExprContext) => Typed;
  readonly subquery?: (node: SubqueryExpr, ctx: ExprContext) => Typed;
}

export interface ExprContext {
  readonly src: SqlSource;
  readonly dialect: SourceDialectDef;
  readonly scope: NameScope;
  readonly params: ParamTypes;
  /** Where the expression sits, for messages: 'WHERE', 'a rule expression'. */
  readonly clause: string;
  readonly hooks: ExprHooks;
}

/** PostgreSQL's regular-expression operators (dialects with `regexOperators`). */
const REGEX_OPERATORS: Readonly<Record<string, { readonly fn: string; readonly negated: boolean }>> = {
  '~': { fn: 'regexp_like', negated: false }, '~*': { fn: 'regexp_ilike', negated: false },
  '!~': { fn: 'regexp_like', negated: true }, '!~*': { fn: 'regexp_ilike', negated: true },
};
const JSON_OPERATORS: ReadonlySet<string> = new Set(['->', '->>', '#>', '#>>', '@>', '<@', '?', '?|', '?&', '&&']);
const ARRAY_OPERATORS: ReadonlySet<string> = new Set(['@>', '<@', '&&']);
const COMPARISONS: Readonly<Record<string, string>> = { '=': 'equal', '<>': 'not_equal', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
const ARITHMETIC: Readonly<Record<string, string>> = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '%': 'modulus', '^': 'power' };

/** Operands of bytea `||`: one bytea, the other bytea, NULL or a quoted literal. */
function isBytes(a: Typed, b: Typed): boolean {
  const bytesOrUnknown = (x: Typed) => x.type.kind === 'binary' || x.type.kind === 'null' || (x.type.kind === 'utf8' && x.expr.kind === 'lit');
  return (a.type.kind === 'binary' || b.type.kind === 'binary') && bytesOrUnknown(a) && bytesOrUnknown(b);
}

function site(ctx: ExprContext, span: Span, display: string, argSpans: readonly Span[]): CallSite {
  return { src: ctx.src, span, display, argSpans };
}

export function translateExpr(node: SqlExpr, ctx: ExprContext): Typed {
  const sub = ctx.hooks.substitute?.(node, ctx);
  if (sub) return sub;
  const { src } = ctx;
  switch (node.k) {
    case 'column':
      return resolveColumn(src, ctx.scope, node.parts, node.span);
    case 'number': {
      const n = numberLiteral(node.text);
      if (!n) throw src.error('SQL_PARSE_ERROR', `invalid number ${node.text}`, node.span);
      if (typeof n.value === 'number' && !Number.isFinite(n.value)) {
        throw src.error('NUMERIC_OUT_OF_RANGE', `number ${node.text} is out of range (beyond float64)`, node.span, { text: node.text });
      }
      if (n.type.kind === 'decimal' && ctx.dialect.floatDecimalLiterals) return typedLit(T.float64, Number(n.value));
      return typedLit(n.type, n.value);
    }
    case 'string':
      return typedLit(T.utf8, node.value);
    case 'bool':
      return typedLit(T.bool, node.value);
    case 'null':
      return typedLit(T.null, null);
    case 'typed':
      return typedLiteral(node, ctx);
    case 'param': {
      const p = ctx.params.get(node.name);
      if (!p) {
        const declared = [...ctx.params.keys()];
        throw src.error('UNKNOWN_PARAM', `unknown parameter :${node.name}${declared.length ? `; declared: ${declared.map((d) => `:${d}`).join(', ')}` : '; no parameters are declared'}`, node.span, { param: node.name, available: declared });
      }
      return { expr: { kind: 'param', name: node.name, type: p.type, nullable: p.nullable }, type: p.type, nullable: p.nullable };
    }
    case 'unary': {
      const arg = translateExpr(node.arg, ctx);
      if (node.op === 'not') return buildCall(site(ctx, node.span, 'NOT', [node.arg.span]), 'not', [arg]);
      if (node.op === '-') return buildCall(site(ctx, node.span, 'unary -', [node.arg.span]), 'negate', [arg]);
      if (node.op === '~') {
        if (ctx.dialect.bitwise.notFn === null) throw src.error('UNSUPPORTED_CONSTRUCT', `operator ~ is not supported: ${ctx.dialect.bitwise.unsupported}`, node.span, { operator: '~', dialect: ctx.dialect.name });
        const wide = ctx.dialect.int64Arithmetic && isIntegerTyped(arg) ? castTyped(src, arg, T.int64, node.arg.span) : arg;
        return buildCall(site(ctx, node.span, 'operator ~', [node.arg.span]), ctx.dialect.bitwise.notFn, [wide]);
      }
      if (arg.type.kind !== 'null' && !['int32', 'int64', 'decimal', 'float64'].includes(arg.type.kind)) {
        throw src.error('TYPE_MISMATCH', `unary + cannot take (${typeToString(arg.type)})`, node.span, { function: 'unary +', args: [typeToString(arg.type)] });
      }
      return arg;
    }
    case 'overlaps':
      return translateOverlaps(node, ctx);
    case 'prefix_math':
      return buildCall(site(ctx, node.span, `operator ${node.op}`, [node.arg.span]), node.fn, [translateExpr(node.arg, ctx)]);
    case 'binary':
      return translateBinary(node, ctx);
    case 'logical':
      return translateLogical(node, ctx);
    case 'is':
      return translateIs(node, ctx);
    case 'between': {
      const spans = [node.arg.span, node.low.span, node.high.span];
      const [a, lo, hi] = adaptLiterals(src, [translateExpr(node.arg, ctx), translateExpr(node.low, ctx), translateExpr(node.high, ctx)], spans) as [Typed, Typed, Typed];
      const s = site(ctx, node.span, 'BETWEEN', spans);
      const both = buildCall(s, 'and', [buildCall({ ...s, argSpans: [spans[0]!, spans[1]!] }, 'gte', [a, lo]), buildCall({ ...s, argSpans: [spans[0]!, spans[2]!] }, 'lte', [a, hi])]);
      return node.negated ? buildCall(s, 'not', [both]) : both;
    }
    case 'in': {
      const spans = [node.arg.span, ...node.list.map((x) => x.span)];
      const all = adaptLiterals(src, [translateExpr(node.arg, ctx), ...node.list.map((x) => translateExpr(x, ctx))], spans);
      const type = commonTypeOf(src, all, 'IN', node.span);
      const [arg, ...list] = widenAll(src, all, type, spans) as [Typed, ...Typed[]];
      const expr: Expr = { kind: 'in', expr: arg.expr, list: list.map((l) => l.expr), negated: node.negated };
      return { expr, type: T.bool, nullable: arg.nullable || list.some((l) => l.nullable) };
    }
    case 'like':
      return translateLike(node, ctx);
    case 'case':
      return translateCase(node, ctx);
    case 'cast': {
      const written = translateExpr(node.arg, ctx);
      if (node.type.array) return translateArrayCast(node, written, ctx);
      if (JSON_TYPE_NAMES.has(node.type.name) && node.type.args.length === 0) return jsonCast(site(ctx, node.span, 'CAST', [node.arg.span]), written, node.type.name);
      const arg: Typed = { expr: written.expr, type: written.type, nullable: written.nullable }; // a JSON value cast to text is text
      const target = isUnconstrainedNumeric(node.type) ? unconstrainedNumeric(arg.type, literalNumberType(arg)) : resolveTypeName(src, node.type);
      // SQLite: CAST(4.7 AS INTEGER) is 4 (PostgreSQL: 5); trunc first, then the cast has nothing to round.
      const truncates = ctx.dialect.castToIntegerTruncates && (target.kind === 'int32' || target.kind === 'int64') && (arg.type.kind === 'float64' || arg.type.kind === 'decimal');
      const cast = explicitCast(src, truncates ? buildCall(site(ctx, node.span, 'CAST', [node.arg.span]), 'trunc', [arg]) : arg, target, node.span);
      const length = castLength(node.type);
      if (length === null) return cast;
      if (cast.expr.kind === 'lit') return cast.expr.value === null ? cast : typedLit(T.utf8, [...String(cast.expr.value)].slice(0, length).join(''));
      return buildCall(site(ctx, node.span, 'CAST', [node.arg.span]), 'left', [cast, typedLit(T.int32, length)]);
    }
    case 'extract': {
      const field = node.field.value.toLowerCase();
      const s = site(ctx, node.span, `EXTRACT(${node.field.value.toUpperCase()})`, [node.arg.span]);
      if (field === 'dayofweek' && ctx.dialect.dayOfWeekFromOne) return dayOfWeekFromOne(s, translateExpr(node.arg, ctx));
      const part = DATE_PART_FIELDS.includes(field) ? datePartCall(s, field, translateExpr(node.arg, ctx), ctx.dialect) : undefined;
      if (!part) {
        const hint = suggestion(node.field.value, DATE_PART_FIELDS);
        throw src.error('UNSUPPORTED_CONSTRUCT', `EXTRACT(${node.field.value} …) is not supported${hint.text}; fields: ${DATE_PART_FIELDS.join(', ')}`, node.field.span, { field: node.field.value, ...hint.details });
      }
      return part;
    }
    case 'func':
      return translateFunc(node, ctx);
    case 'array':
      return translateArray(node, ctx);
    case 'subscript':
      return buildCall(site(ctx, node.span, 'subscript', [node.arg.span, node.index.span]), 'array_element', [translateExpr(node.arg, ctx), translateExpr(node.index, ctx)]);
    case 'quantified_array':
      return translateQuantifiedArray(node, ctx);
    case 'subquery':
    case 'exists':
    case 'in_query':
    case 'quantified':
      if (!ctx.hooks.subquery) throw src.error('UNSUPPORTED_CONSTRUCT', `a subquery is not allowed in ${ctx.clause}`, node.span, { construct: 'subquery' });
      return ctx.hooks.subquery(node, ctx);
  }
}

/** `ARRAY[a, b, …]`: the elements widened to their common type (an empty one has none: PostgreSQL needs a cast). */
function translateArray(node: Extract<SqlExpr, { k: 'array' }>, ctx: ExprContext): Typed {
  if (node.elements.length === 0) throw ctx.src.error('UNSUPPORTED_CONSTRUCT', 'an empty ARRAY[] has no element type (PostgreSQL needs a cast, which relc does not support)', node.span, { construct: 'ARRAY[]' });
  const spans = node.elements.map((e) => e.span);
  const elements = adaptLiterals(ctx.src, node.elements.map((e) => translateExpr(e, ctx)), spans);
  const type = commonTypeOf(ctx.src, elements, 'ARRAY[]', node.span);
  return buildCall(site(ctx, node.span, 'ARRAY[]', spans), 'array_construct', widenAll(ctx.src, elements, type, spans));
}

/**
 * `'{1,2}'::int[]` (PostgreSQL's array input text, read at compile time) and `ARRAY[…]::t[]`: the
 * elements cast one by one. Text cast at run time, a NULL or empty array and other list casts are
 * UNSUPPORTED_CONSTRUCT (relc prints no list type names).
 */
function translateArrayCast(node: Extract<SqlExpr, { k: 'cast' }>, arg: Typed, ctx: ExprContext): Typed {
  const { src } = ctx;
  const base = { ...node.type, array: false };
  const shown = `${src.slice(node.type.span)}`;
  if (JSON_TYPE_NAMES.has(base.name)) throw src.error('UNSUPPORTED_CONSTRUCT', `arrays of ${base.name.toLowerCase()} are not supported`, node.type.span, { type: shown });
  const element = isUnconstrainedNumeric(base) ? unconstrainedNumeric(T.null) : resolveTypeName(src, base);
  const s = site(ctx, node.span, 'CAST', [node.arg.span]);
  const refuse = (what: string): never => {
    throw src.error('UNSUPPORTED_CONSTRUCT', `${what} is not supported (a '{…}' literal or ARRAY[…] is)`, node.span, { construct: `CAST AS ${shown}` });
  };
  let elements: Typed[];
  if (arg.expr.kind === 'lit' && arg.type.kind === 'utf8' && typeof arg.expr.value === 'string') {
    elements = arrayLiteralElements(src, arg.expr.value, node.arg.span).map((v) => typedLit(T.utf8, v));
  } else if (arg.expr.kind === 'call' && arg.expr.fn === 'array_construct' && arg.type.kind === 'list') {
    const t = arg.type.element;
    elements = arg.expr.args.map((a) => ({ expr: a, type: t, nullable: true }));
  } else if (arg.type.kind === 'list' && typeEquals(arg.type.element, element)) return arg;
  else return refuse(arg.expr.kind === 'lit' ? `a NULL array (${shown})` : `casting ${typeToString(arg.type)} to ${shown} at run time`);
  if (elements.length === 0) return refuse(`an empty array (${shown}: it has no elements to give it its type in relc)`);
  const cast = elements.map((e) => castLength(base) === null ? explicitCast(src, e, element, node.arg.span) : buildCall(s, 'left', [explicitCast(src, e, element, node.arg.span), typedLit(T.int32, castLength(base)!)]));
  return buildCall(s, 'array_construct', cast);
}

/** A `'{…}'` literal as an array of `list`'s element type (PostgreSQL reads an unknown literal beside an array so); undefined when empty. */
function arrayBeside(ctx: ExprContext, s: CallSite, text: string, list: Typed, span: Span): Typed | undefined {
  if (list.type.kind !== 'list') return undefined;
  const element = list.type.element;
  const items = arrayLiteralElements(ctx.src, text, span).map((v) => explicitCast(ctx.src, typedLit(T.utf8, v), element, span));
  return items.length === 0 ? undefined : buildCall(s, 'array_construct', items);
}

/** `x = ANY(array)` (other operators and ALL are not supported over arrays). */
function translateQuantifiedArray(node: Extract<SqlExpr, { k: 'quantified_array' }>, ctx: ExprContext): Typed {
  const shown = `${node.op} ${node.quantifier.toUpperCase()}(array)`;
  if (node.op !== '=' || node.quantifier !== 'any') throw ctx.src.error('UNSUPPORTED_CONSTRUCT', `x ${shown} is not supported; x = ANY(array) is`, node.opSpan, { construct: shown });
  const s = site(ctx, node.opSpan, '= ANY', [node.arg.span, node.array.span]);
  const array = translateExpr(node.array, ctx);
  return buildCall(s, 'any_equal', [asElementOf(s, translateExpr(node.arg, ctx), array, node.arg.span), array]);
}

/** The exact type of a string literal's number text (' 1.50 ' → decimal(3,2)), for NUMERIC casts. */
function literalNumberType(t: Typed): DataType | undefined {
  return t.expr.kind === 'lit' && typeof t.expr.value === 'string' && t.type.kind === 'utf8' ? numberLiteral(t.expr.value.trim().replace(/^\+/, ''))?.type : undefined;
}

function typedLiteral(node: Extract<SqlExpr, { k: 'typed' }>, ctx: ExprContext): Typed {
  const bad = (what: string) => ctx.src.error('TYPE_MISMATCH', `invalid ${what} literal: '${node.value}'`, node.span, { value: node.value, type: what });
  switch (node.type) {
    case 'date': {
      const d = parseDate(node.value);
      if (!d) throw bad('date');
      return typedLit(T.date, d);
    }
    case 'timestamp': {
      const t = parseTimestamp(node.value);
      if (!t) throw bad('timestamp');
      return typedLit(T.timestamp, t);
    }
    case 'interval': {
      const iv = parseInterval(node.value, node.unit);
      if (!iv) throw bad('interval');
      return typedLit(T.interval, iv);
    }
  }
}

const litValue = (t: Typed) => (t.expr.kind === 'lit' ? t.expr.value : undefined);

/** Folds `date/timestamp literal ± interval literal` and `date literal ± integer literal` exactly. */
function foldDateArithmetic(op: string, l: Typed, r: Typed): Typed | undefined {
  const lv = litValue(l);
  const rv = litValue(r);
  if (typeof lv !== 'string' || rv === undefined || rv === null) return undefined;
  if ((l.type.kind === 'date' || l.type.kind === 'timestamp') && r.type.kind === 'interval' && typeof rv === 'object' && !Array.isArray(rv)) {
    const iv = rv as IntervalValue;
    const ts = l.type.kind === 'date' ? dateToTimestamp(lv) : lv;
    const sum = addIntervalToTimestamp(ts, op === '-' ? negateInterval(iv) : iv);
    return sum === undefined ? undefined : typedLit(T.timestamp, sum);
  }
  if (l.type.kind === 'date' && r.type.kind === 'int32' && typeof rv === 'number') {
    const sum = addDaysToDate(lv, op === '-' ? -rv : rv);
    return sum === undefined ? undefined : typedLit(T.date, sum);
  }
  return undefined;
}

/**
 * A flat AND/OR chain: one variadic call. When its operands do not type, the chain is checked
 * operator by operator, so the error names the first operator that fails, as for `a AND b`.
 */
function translateLogical(node: Extract<SqlExpr, { k: 'logical' }>, ctx: ExprContext): Typed {
  const args = node.args.map((a) => translateExpr(a, ctx));
  const display = node.op.toUpperCase();
  try {
    return buildCall(site(ctx, node.opSpans[0]!, display, node.args.map((a) => a.span)), node.op, args);
  } catch (e) {
    if (!(e instanceof RelcError) || e.code !== 'TYPE_MISMATCH') throw e;
    let acc = args[0]!;
    for (let i = 1; i < args.length; i++) acc = buildCall(site(ctx, node.opSpans[i - 1]!, display, [node.args[i - 1]!.span, node.args[i]!.span]), node.op, [acc, args[i]!]);
    throw e;
  }
}

/** A boolean operand beside an integer, as the integer it is in a dialect whose booleans are 0 and 1. */
function boolAsInteger(x: Typed, other: Typed, span: Span, ctx: ExprContext): Typed {
  return ctx.dialect.boolsAreIntegers && x.type.kind === 'bool' && isIntegerTyped(other) ? castTyped(ctx.src, x, T.int32, span) : x;
}

function translateBinary(node: Extract<SqlExpr, { k: 'binary' }>, ctx: ExprContext): Typed {
  const written = [translateExpr(node.left, ctx), translateExpr(node.right, ctx)] as const;
  const argSpans = [node.left.span, node.right.span];
  const left = boolAsInteger(written[0], written[1], argSpans[0]!, ctx);
  const right = boolAsInteger(written[1], written[0], argSpans[1]!, ctx);
  const opSite = (display: string) => site(ctx, node.opSpan, display, argSpans);
  if (ARRAY_OPERATORS.has(node.op) && ctx.dialect.jsonOperators && (left.type.kind === 'list' || right.type.kind === 'list')) {
    // anyarray @> / <@ / && anyarray; a quoted literal beside an array is an array literal.
    const s = opSite(`operator ${node.op}`);
    const asList = (x: Typed, other: Typed, span: Span): Typed => {
      if (x.type.kind === 'list' || x.expr.kind !== 'lit' || x.type.kind !== 'utf8' || typeof x.expr.value !== 'string') return x;
      const array = arrayBeside(ctx, s, x.expr.value, other, span);
      if (!array) throw ctx.src.error('UNSUPPORTED_CONSTRUCT', `an empty array literal beside operator ${node.op} is not supported`, span, { operator: node.op });
      return array;
    };
    const [l, r] = [asList(left, right, argSpans[0]!), asList(right, left, argSpans[1]!)];
    if (node.op === '&&') return buildCall(s, 'array_overlap', [l, r]);
    return buildCall(s, 'array_contains', node.op === '@>' ? [l, r] : [r, l]);
  }
  if (JSON_OPERATORS.has(node.op) && ctx.dialect.jsonOperators) return jsonOperator(opSite(`operator ${node.op}`), node.op, left, right);
  const jsonb = jsonbBinary(opSite(`operator ${node.op}`), node.op, left, right);
  if (jsonb) return jsonb;
  const cmp = COMPARISONS[node.op];
  if (cmp) return buildCall(opSite(`operator ${node.op}`), cmp, [left, right]);
  const regex = REGEX_OPERATORS[node.op];
  if (regex) {
    const match = buildCall(opSite(`operator ${node.op}`), regex.fn, [left, right]);
    return regex.negated ? buildCall(opSite(`operator ${node.op}`), 'not', [match]) : match;
  }
  if (node.op === '^@') return buildCall(opSite('operator ^@'), 'starts_with', [left, right]);
  if (node.op === '||' && isBytes(left, right)) {
    // bytea || bytea; a quoted literal beside a bytea is bytea input.
    const [l, r] = [left, right].map((x, i) => (x.type.kind === 'utf8' ? castTyped(ctx.src, x, T.binary, argSpans[i]!) : x)) as [Typed, Typed];
    return buildCall(opSite('operator ||'), 'byteacat', [l, r]);
  }
  if (node.op === '||' && (left.type.kind === 'list' || right.type.kind === 'list')) {
    // array || array, array || element (array_append), element || array (array_prepend).
    const s = opSite('operator ||');
    const one = (x: Typed, list: Typed, span: Span): Typed | undefined => {
      if (x.type.kind === 'list' || x.type.kind === 'null' || list.type.kind !== 'list') return x;
      if (x.expr.kind !== 'lit' || x.type.kind !== 'utf8' || typeof x.expr.value !== 'string') return buildCall(s, 'array_construct', [asElementOf(s, x, list, span)]);
      return arrayBeside(ctx, s, x.expr.value, list, span);
    };
    const [l, r] = [one(left, right, argSpans[0]!), one(right, left, argSpans[1]!)];
    if (!l || !r) return (l ?? r)!; // `arr || '{}'` is arr
    return buildCall(s, 'array_cat', [l, r]);
  }
  if (node.op === '||') {
    // PostgreSQL: text || anynonarray casts the other operand to text; NULL stays NULL.
    const textual = left.type.kind === 'utf8' || right.type.kind === 'utf8';
    const [l, r] = textual ? [left, right].map((x, i) => (x.type.kind === 'utf8' || x.type.kind === 'null' ? x : castTyped(ctx.src, x, T.utf8, argSpans[i]!))) as [Typed, Typed] : [left, right];
    return buildCall(opSite('operator ||'), 'concat', [l, r]);
  }
  const bitwise = ctx.dialect.bitwise.ops[node.op];
  if (bitwise) return translateBitwise(node, bitwise.fn, left, right, ctx);
  const intDiv = ctx.dialect.integerDivisionOperators[node.op];
  const fn = ARITHMETIC[node.op] ?? (intDiv ? 'divide' : undefined);
  if (!fn) throw ctx.src.error('UNSUPPORTED_CONSTRUCT', `operator ${node.op} is not supported`, node.opSpan, { operator: node.op });
  if (node.op === '+' || node.op === '-') {
    const folded = foldDateArithmetic(node.op, left, right) ?? (node.op === '+' ? foldDateArithmetic('+', right, left) : undefined);
    if (folded) return folded;
    // `interval + date` is `date + interval`.
    if (node.op === '+' && left.type.kind === 'interval' && right.type.kind !== 'interval') return buildCall(opSite('operator +'), 'add', [right, left]);
    if (node.op === '+' && (left.type.kind === 'int32' || left.type.kind === 'int64') && right.type.kind === 'date') return buildCall(opSite('operator +'), 'add', [right, left]);
  }
  // Dialects without 32-bit arithmetic (SQLite, MySQL, BigQuery): 2147483647 + 1 does not overflow.
  const ints = isIntegerTyped(left) && isIntegerTyped(right);
  const [l, r] = ints && ctx.dialect.int64Arithmetic ? [castTyped(ctx.src, left, T.int64, argSpans[0]!), castTyped(ctx.src, right, T.int64, argSpans[1]!)] : [left, right];
  const s = opSite(`operator ${node.op === 'div' ? 'DIV' : node.op}`);
  if (fn === 'divide') return translateDivision(node.op === '/' ? null : intDiv!, ints, l, r, s, ctx);
  if (fn === 'modulus' && ctx.dialect.modulusOfIntegerParts && !ints && isNumericTyped(l) && isNumericTyped(r)) {
    // SQLite's `%` truncates both operands to integers; a REAL operand makes the remainder REAL.
    const whole = (x: Typed, i: number) => (isIntegerTyped(x) ? x : castTyped(ctx.src, buildCall(s, 'subtract', [x, buildCall(s, 'modulus', [x, typedLit(T.int32, 1)])]), T.int64, argSpans[i]!));
    return castTyped(ctx.src, buildCall(s, 'modulus', [whole(l, 0), whole(r, 1)]), T.float64, node.span);
  }
  return foldExact(buildCall(s, fn, [l, r]));
}

/**
 * `a & b`, `a | b`, xor, `a << n`, `a >> n` (PostgreSQL's meaning, src/ir/functions/math.ts):
 * integers of the dialect's width; a shift count is int32, and in a dialect that shifts past the
 * width or by negative counts otherwise (SQLite) a literal in [0, width).
 */
function translateBitwise(node: Extract<SqlExpr, { k: 'binary' }>, fn: string | null, left: Typed, right: Typed, ctx: ExprContext): Typed {
  const { src, dialect } = ctx;
  if (fn === null) throw src.error('UNSUPPORTED_CONSTRUCT', `operator ${node.op} is not supported: ${dialect.bitwise.unsupported}`, node.opSpan, { operator: node.op, dialect: dialect.name });
  const s = site(ctx, node.opSpan, `operator ${node.op}`, [node.left.span, node.right.span]);
  const wide = (x: Typed, span: Span) => (dialect.int64Arithmetic && isIntegerTyped(x) ? castTyped(src, x, T.int64, span) : x);
  const l = wide(left, node.left.span);
  if (fn !== 'shift_left' && fn !== 'shift_right') return buildCall(s, fn, [l, wide(right, node.right.span)]);
  if (dialect.bitwise.literalShiftCounts) {
    const width = l.type.kind === 'int32' ? 32 : 64;
    const n = right.expr.kind === 'lit' ? Number(right.expr.value) : NaN;
    if (!(Number.isInteger(n) && n >= 0 && n < width)) {
      throw src.error('UNSUPPORTED_CONSTRUCT', `operator ${node.op} takes a literal shift count from 0 to ${width - 1} in ${dialect.name} (its shifts past the width and by negative counts are not PostgreSQL's)`, node.right.span, { operator: node.op, dialect: dialect.name });
    }
  }
  const count = right.type.kind === 'int64' && right.expr.kind === 'lit' ? castTyped(src, right, T.int32, node.right.span) : right;
  return buildCall(s, fn, [l, count]);
}

const isIntegerTyped = (t: Typed) => t.type.kind === 'int32' || t.type.kind === 'int64';
const isNumericTyped = (t: Typed) => isIntegerTyped(t) || t.type.kind === 'decimal' || t.type.kind === 'float64';

/**
 * `/` (`intDiv` null) and integer-division operators per the source dialect. Integers: `/`
 * truncates toward zero or, in float-division dialects, divides as float64; `//`/DIV truncate.
 * Other operands divide as the IR does (float64), except MySQL's DIV, whose result is the
 * quotient's integer part: (a - a % b) / b, exact up to the division, as int64.
 */
function translateDivision(intDiv: 'divide' | 'truncate' | null, ints: boolean, l: Typed, r: Typed, s: CallSite, ctx: ExprContext): Typed {
  if (intDiv === null && ints && ctx.dialect.integerDivision === 'float') {
    return buildCall(s, 'divide', [castTyped(ctx.src, l, T.float64, s.argSpans[0]!), castTyped(ctx.src, r, T.float64, s.argSpans[1]!)]);
  }
  if (intDiv === 'truncate' && !ints) {
    const whole = buildCall(s, 'subtract', [l, buildCall(s, 'modulus', [l, r])]);
    return castTyped(ctx.src, buildCall(s, 'divide', [whole, r]), T.int64, s.span);
  }
  return buildCall(s, 'divide', [l, r]);
}

/**
 * `0.06 + 0.01` is folded exactly here: engines that store decimals as REAL (SQLite) would
 * compute 0.06999999999999999 and silently change a BETWEEN's result.
 */
function foldExact(t: Typed): Typed {
  const e = t.expr;
  if (e.kind !== 'call' || !['add', 'subtract', 'multiply'].includes(e.fn)) return t;
  const exact = (x: Expr) => x.kind === 'lit' && x.value !== null && ['int32', 'int64', 'decimal'].includes(x.type.kind);
  if (!e.args.every(exact) || !['int32', 'int64', 'decimal'].includes(t.type.kind)) return t;
  const [a, b] = e.args.map((x) => scaled(x as Extract<Expr, { kind: 'lit' }>)) as [[bigint, number], [bigint, number]];
  let value: bigint;
  let scale: number;
  if (e.fn === 'multiply') [value, scale] = [a[0] * b[0], a[1] + b[1]];
  else {
    scale = Math.max(a[1], b[1]);
    const av = a[0] * 10n ** BigInt(scale - a[1]);
    const bv = b[0] * 10n ** BigInt(scale - b[1]);
    value = e.fn === 'add' ? av + bv : av - bv;
  }
  const outScale = t.type.kind === 'decimal' ? t.type.scale : 0;
  if (outScale < scale) return t; // would round: leave it to the engine
  const v = value * 10n ** BigInt(outScale - scale);
  const digits = (v < 0n ? -v : v).toString();
  const limit = t.type.kind === 'int32' ? 2n ** 31n : t.type.kind === 'int64' ? 2n ** 63n : 10n ** BigInt(t.type.kind === 'decimal' ? t.type.precision : 0);
  if ((v < 0n ? -v : v) >= limit) return t; // overflow is the engine's to report
  let text = digits.padStart(outScale + 1, '0');
  if (outScale > 0) text = `${text.slice(0, -outScale)}.${text.slice(-outScale)}`;
  if (v < 0n) text = `-${text}`;
  return typedLit(t.type, t.type.kind === 'int32' ? Number(text) : text);
}

function scaled(l: Extract<Expr, { kind: 'lit' }>): [bigint, number] {
  const text = String(l.value);
  const neg = text.startsWith('-');
  const [w, f = ''] = text.replace('-', '').split('.');
  const v = BigInt(`${w}${f}`);
  return [neg ? -v : v, f.length];
}

/**
 * (s1, e1) OVERLAPS (s2, e2), PostgreSQL's overlaps_timestamp: an end may be an interval (start +
 * it); dates are promoted to timestamps; each pair is put in order (a NULL start takes the end's
 * place); then the later start must come before the other period's end, or the starts be equal,
 * NULL where a NULL end would decide it:
 *   CASE WHEN s1 IS NULL OR s2 IS NULL THEN NULL
 *        WHEN s1 > s2 THEN CASE WHEN e2 IS NULL THEN NULL WHEN s1 < e2 THEN TRUE WHEN e1 IS NULL THEN NULL ELSE FALSE END
 *        WHEN s1 < s2 THEN (the same with the periods exchanged)
 *        ELSE CASE WHEN e1 IS NULL OR e2 IS NULL THEN NULL ELSE TRUE END END
 */
function translateOverlaps(node: Extract<SqlExpr, { k: 'overlaps' }>, ctx: ExprContext): Typed {
  const s = site(ctx, node.span, 'OVERLAPS', [...node.left, ...node.right].map((x) => x.span));
  const period = ([a, b]: readonly [SqlExpr, SqlExpr]): [Typed, Typed] => {
    const start = translateExpr(a, ctx);
    const end = translateExpr(b, ctx);
    return [start, end.type.kind === 'interval' ? buildCall({ ...s, argSpans: [a.span, b.span] }, 'add', [start, end]) : end];
  };
  const four = adaptLiterals(ctx.src, [...period(node.left), ...period(node.right)], s.argSpans);
  const type = commonTypeOf(ctx.src, four, 'OVERLAPS', node.span);
  if (type.kind !== 'date' && type.kind !== 'timestamp' && type.kind !== 'null') {
    throw ctx.src.error('TYPE_MISMATCH', `OVERLAPS takes periods of dates or timestamps (an end may be an interval), got ${four.map((x) => typeToString(x.type)).join(', ')}`, node.span, { function: 'OVERLAPS' });
  }
  const [ts1, te1, ts2, te2] = widenAll(ctx.src, four, T.timestamp, s.argSpans) as [Typed, Typed, Typed, Typed];
  const b = (v: boolean | null): Expr => E.lit(T.bool, v);
  const isNull = (x: Typed) => E.isNull(x.expr, false);
  const caseOf = (whens: readonly { when: Expr; then: Expr }[], otherwise: Expr): Expr => ({ kind: 'case', whens, else: otherwise, type: T.bool });
  const call = (fn: string, x: Typed, y: Typed) => buildCall(s, fn, [x, y]);
  const ordered = (start: Typed, end: Typed): [Typed, Typed] => {
    const swap = buildCall(s, 'and', [{ expr: E.isNull(end.expr, true), type: T.bool, nullable: false }, call('gt', start, end)]).expr;
    const typed = (expr: Expr): Typed => ({ expr, type: T.timestamp, nullable: true });
    return [
      typed({ kind: 'case', whens: [{ when: isNull(start), then: end.expr }, { when: swap, then: end.expr }], else: start.expr, type: T.timestamp }),
      typed({ kind: 'case', whens: [{ when: isNull(start), then: E.lit(T.timestamp, null) }, { when: swap, then: start.expr }], else: end.expr, type: T.timestamp }),
    ];
  };
  const [s1, e1] = ordered(ts1, te1);
  const [s2, e2] = ordered(ts2, te2);
  const later = (first: Typed, firstEnd: Typed, otherEnd: Typed): Expr =>
    caseOf([{ when: isNull(otherEnd), then: b(null) }, { when: call('lt', first, otherEnd).expr, then: b(true) }, { when: isNull(firstEnd), then: b(null) }], b(false));
  const expr = caseOf([
    { when: buildCall(s, 'or', [{ expr: isNull(s1), type: T.bool, nullable: false }, { expr: isNull(s2), type: T.bool, nullable: false }]).expr, then: b(null) },
    { when: call('gt', s1, s2).expr, then: later(s1, e1, e2) },
    { when: call('lt', s1, s2).expr, then: later(s2, e2, e1) },
  ], caseOf([{ when: buildCall(s, 'or', [{ expr: isNull(e1), type: T.bool, nullable: false }, { expr: isNull(e2), type: T.bool, nullable: false }]).expr, then: b(null) }], b(true)));
  return { expr, type: T.bool, nullable: true };
}

function translateIs(node: Extract<SqlExpr, { k: 'is' }>, ctx: ExprContext): Typed {
  const arg = translateExpr(node.arg, ctx);
  if (node.test === 'null') return { expr: E.isNull(arg.expr, node.negated), type: T.bool, nullable: false };
  const s = site(ctx, node.span, node.negated ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM', [node.arg.span, node.span]);
  let other: Typed;
  if (node.test === 'true' || node.test === 'false' || node.test === 'unknown') {
    if (arg.type.kind !== 'bool' && arg.type.kind !== 'null') {
      throw ctx.src.error('TYPE_MISMATCH', `IS ${node.test.toUpperCase()} needs a bool operand, got ${typeToString(arg.type)}`, node.span, { function: `IS ${node.test.toUpperCase()}`, args: [typeToString(arg.type)] });
    }
    other = node.test === 'unknown' ? typedLit(T.bool, null) : typedLit(T.bool, node.test === 'true');
    // `x IS TRUE` ≡ `x IS NOT DISTINCT FROM TRUE`.
    return buildCall(s, node.negated ? 'is_distinct_from' : 'is_not_distinct_from', [arg, other]);
  }
  other = translateExpr(node.test, ctx);
  return buildCall({ ...s, argSpans: [node.arg.span, node.test.span] }, node.negated ? 'is_not_distinct_from' : 'is_distinct_from', [arg, other]);
}

const ASCII_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function translateLike(node: Extract<SqlExpr, { k: 'like' }>, ctx: ExprContext): Typed {
  const arg = translateExpr(node.arg, ctx);
  const pattern = translateExpr(node.pattern, ctx);
  const what = node.caseInsensitive ? 'ILIKE' : 'LIKE';
  for (const [t, sp] of [[arg, node.arg.span], [pattern, node.pattern.span]] as const) {
    if (t.type.kind !== 'utf8' && t.type.kind !== 'null') {
      throw ctx.src.error('TYPE_MISMATCH', `${what} cannot take (${typeToString(arg.type)}, ${typeToString(pattern.type)}); it compares strings`, sp, { function: what, args: [typeToString(arg.type), typeToString(pattern.type)] });
    }
  }
  let escape: string | null = null;
  if (node.escape) {
    const e = node.escape;
    if (e.k !== 'string' || [...e.value].length !== 1) throw ctx.src.error('TYPE_MISMATCH', `ESCAPE must be a one-character string literal`, e.span);
    escape = e.value;
  }
  if (ctx.dialect.likeFoldsAscii && !node.caseInsensitive) {
    // Both sides with ASCII letters lowered, other characters as they are (not ILIKE: that folds every letter).
    const fold = (t: Typed, sp: Span) => buildCall(site(ctx, sp, 'LIKE', [sp, sp, sp]), 'translate', [t, typedLit(T.utf8, ASCII_UPPER), typedLit(T.utf8, ASCII_UPPER.toLowerCase())]);
    const folded: Expr = { kind: 'like', expr: fold(arg, node.arg.span).expr, pattern: fold(pattern, node.pattern.span).expr, escape: escape && /^[A-Z]$/.test(escape) ? escape.toLowerCase() : escape, negated: node.negated, caseInsensitive: false };
    return { expr: folded, type: T.bool, nullable: arg.nullable || pattern.nullable };
  }
  const expr: Expr = { kind: 'like', expr: arg.expr, pattern: pattern.expr, escape, negated: node.negated, caseInsensitive: node.caseInsensitive };
  return { expr, type: T.bool, nullable: arg.nullable || pattern.nullable };
}

function translateCase(node: Extract<SqlExpr, { k: 'case' }>, ctx: ExprContext): Typed {
  const operand = node.operand ? translateExpr(node.operand, ctx) : null;
  const whens = node.whens.map((w) => {
    const when = translateExpr(w.when, ctx);
    if (operand) {
      // Simple CASE: `CASE x WHEN v` ≡ `CASE WHEN x = v`.
      return buildCall(site(ctx, w.when.span, 'CASE … WHEN', [node.operand!.span, w.when.span]), 'equal', [operand, when]);
    }
    if (when.type.kind !== 'bool' && when.type.kind !== 'null') {
      throw ctx.src.error('TYPE_MISMATCH', `CASE WHEN condition must be bool, got ${typeToString(when.type)}`, w.when.span, { function: 'CASE', args: [typeToString(when.type)] });
    }
    return when;
  });
  const resultNodes = [...node.whens.map((w) => w.then), ...(node.else ? [node.else] : [])];
  const spans = resultNodes.map((r) => r.span);
  const results = adaptLiterals(ctx.src, resultNodes.map((r) => translateExpr(r, ctx)), spans);
  const type = commonTypeOf(ctx.src, results, 'CASE', node.span);
  const widened = widenAll(ctx.src, results, type, spans);
  const expr: Expr = {
    kind: 'case',
    whens: whens.map((w, i) => ({ when: w.expr, then: widened[i]!.expr })),
    else: node.else ? widened[widened.length - 1]!.expr : null,
    type,
  };
  return { expr, type, nullable: node.else === null || widened.some((r) => r.nullable) };
}

/** The registry name a written function name stands for in this dialect. */
export function canonicalFunctionName(name: string, dialect: SourceDialectDef): string {
  const lower = name.toLowerCase();
  return dialect.functionAliases[lower] ?? lower;
}

function translateFunc(node: FuncExpr, ctx: ExprContext): Typed {
  const { src } = ctx;
  const name = canonicalFunctionName(node.name.value, ctx.dialect);
  const shown = node.name.value;
  if (NONDETERMINISTIC.has(name)) {
    throw src.error('UNSUPPORTED_CONSTRUCT', `${shown} is not deterministic; relc runs are replayable, so pass the value as a :parameter`, node.span, { function: shown });
  }
  if (Object.hasOwn(JSON_AGGREGATES, name)) return jsonAggregate(node, name, ctx);
  if (name === 'unnest') throw src.error('UNSUPPORTED_CONSTRUCT', `${shown} is not supported: relc has no set-returning functions`, node.span, { function: shown });
  const def = lookupFunction(name);
  // Unknown before any modifier is checked (`coutn(*)` is a typo, not a misused *).
  const dialectSpec = DIALECT_FUNCTIONS[ctx.dialect.name]?.[name];
  if (!node.over && def?.kind !== 'aggregate' && def?.kind !== 'window' && !dialectSpec && !SCALAR_FUNCTIONS[name] && name !== 'date_part') {
    const hint = suggestion(shown, callableNames(ctx.dialect.name, ctx.dialect.functionAliases, ['scalar', 'aggregate', 'window']));
    throw src.error('UNKNOWN_FUNCTION', `unknown function ${shown}${hint.text}`, node.name.span, { function: shown, ...hint.details });
  }
  if (node.over) {
    if (!ctx.hooks.window) throw src.error('UNSUPPORTED_CONSTRUCT', `window function ${shown} is not allowed in ${ctx.clause}`, node.span, { function: shown });
    return ctx.hooks.window(node, ctx);
  }
  if (def?.kind === 'window') throw src.error('UNSUPPORTED_CONSTRUCT', `window function ${shown} needs an OVER clause`, node.span, { function: shown });
  if (def?.kind === 'aggregate') {
    if (!ctx.hooks.aggregate) throw src.error('UNSUPPORTED_CONSTRUCT', `aggregate function ${shown} is not allowed in ${ctx.clause}`, node.span, { function: shown });
    return ctx.hooks.aggregate(node, def, ctx);
  }
  const modifier = node.star ? '*' : node.distinct ? 'DISTINCT' : node.filter ? 'FILTER' : node.orderBy ? 'ORDER BY' : node.withinGroup ? 'WITHIN GROUP' : null;
  if (modifier) throw src.error('TYPE_MISMATCH', `${modifier} is only allowed with aggregate functions, and ${shown} is not one`, node.span, { function: shown });
  if (name === 'date_part' && !dialectSpec) return datePart(node, ctx);
  const spec = dialectSpec ?? SCALAR_FUNCTIONS[name]!; // known: checked above
  const [min, max] = spec.arity;
  if (node.args.length < min || node.args.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw src.error('TYPE_MISMATCH', `${shown} takes ${want} argument${want === '1' ? '' : 's'}, got ${node.args.length}`, node.span, { function: shown, args: node.args.length });
  }
  const args = node.args.map((a) => translateExpr(a, ctx));
  const s = site(ctx, node.span, shown, node.args.map((a) => a.span));
  return 'to' in spec ? buildCall(s, spec.to, args) : spec.build({ site: s, args });
}

/** json_agg / jsonb_agg / json_object_agg / jsonb_object_agg as string_agg of each row's JSON (JSON_AGGREGATES). */
function jsonAggregate(node: FuncExpr, name: string, ctx: ExprContext): Typed {
  const { src } = ctx;
  const shown = node.name.value;
  const { object, jsonb } = JSON_AGGREGATES[name]!;
  if (node.over || node.distinct || node.star || node.withinGroup) {
    throw src.error('UNSUPPORTED_CONSTRUCT', `${shown} ${node.over ? 'as a window function' : node.distinct ? 'with DISTINCT' : 'in this form'} is not supported`, node.span, { function: shown });
  }
  if (!ctx.hooks.aggregate) throw src.error('UNSUPPORTED_CONSTRUCT', `aggregate function ${shown} is not allowed in ${ctx.clause}`, node.span, { function: shown });
  if (node.args.length !== (object ? 2 : 1)) throw src.error('TYPE_MISMATCH', `${shown} takes ${object ? 'a key and a value' : 'one argument'}, got ${node.args.length}`, node.span, { function: shown, args: node.args.length });
  const call = (fn: string, args: readonly SqlExpr[], span = node.span): SqlExpr => ({ k: 'func', name: { value: fn, quoted: false, span: node.name.span }, args, star: false, distinct: false, filter: null, over: null, span });
  const str = (value: string): SqlExpr => ({ k: 'string', value, span: node.span });
  const cat = (l: SqlExpr, r: SqlExpr): SqlExpr => ({ k: 'binary', op: '||', left: l, right: r, opSpan: node.span, span: node.span });
  const value = (x: SqlExpr) => call('coalesce', [call('to_json', [x], x.span), str('null')], x.span);
  const [a, b] = node.args as [SqlExpr, SqlExpr | undefined];
  const each = object ? cat(cat(call('to_json', [{ k: 'cast', arg: a, type: { name: 'TEXT', args: [], span: a.span }, span: a.span }], a.span), str(' : ')), value(b!)) : value(a);
  const agg: FuncExpr = { ...node, name: { ...node.name, value: 'string_agg' }, args: [each, str(', ')] };
  const joined = ctx.hooks.aggregate(agg, lookupFunction('string_agg')!, ctx);
  return wrapJsonAggregate(site(ctx, node.span, shown, node.args.map((x) => x.span)), joined, object, jsonb);
}

function datePart(node: FuncExpr, ctx: ExprContext): Typed {
  const [field, arg] = node.args;
  if (node.args.length !== 2 || field?.k !== 'string') {
    throw ctx.src.error('TYPE_MISMATCH', `date_part takes a field name literal and a date, e.g. date_part('year', d)`, node.span, { function: 'date_part' });
  }
  const name = field.value.toLowerCase();
  const part = DATE_PART_FIELDS.includes(name) ? datePartCall(site(ctx, node.span, 'date_part', [arg!.span]), name, translateExpr(arg!, ctx), ctx.dialect) : undefined;
  if (!part) throw ctx.src.error('UNSUPPORTED_CONSTRUCT', `date_part('${field.value}', …) is not supported`, field.span, { field: field.value });
  return part;
}
