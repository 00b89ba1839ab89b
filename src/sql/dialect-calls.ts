// Calls as a source dialect writes them, rewritten at parse time into the PostgreSQL forms the
// rest of the front end reads — where the rewrite needs no types:
//   BigQuery  COUNTIF(c)          → count(CASE WHEN c THEN 1 END)   (FILTER and OVER kept)
//             SAFE_DIVIDE(a, b)   → CASE WHEN b = 0 THEN NULL ELSE a / b END
//             a date part written as a bare word (DATE_TRUNC(d, MONTH), DATE_DIFF(a, b, DAY))
//             → the string 'MONTH', read by the dialect's functions in functions.ts.
// Rewrites that depend on argument types live in functions.ts (DIALECT_FUNCTIONS).

import type { Ident, SqlExpr } from './ast.ts';
import type { SourceDialect } from './dialects.ts';

type Func = Extract<SqlExpr, { k: 'func' }>;

/** Argument positions that take a date part, by function, in BigQuery. */
const BIGQUERY_PART_ARGS: Readonly<Record<string, number>> = {
  date_trunc: 1, timestamp_trunc: 1, datetime_trunc: 1, date_diff: 2, timestamp_diff: 2, datetime_diff: 2,
};

/** BigQuery's date parts (WEEK(<weekday>) is not one relc reads). */
const BIGQUERY_PARTS = new Set(['MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'DAYOFWEEK', 'DAYOFYEAR', 'WEEK', 'ISOWEEK', 'MONTH', 'QUARTER', 'YEAR', 'ISOYEAR']);

const callOf = (node: Func, name: string, args: readonly SqlExpr[]): Func => ({ ...node, name: { ...node.name, value: name } satisfies Ident, args });

function bigquery(node: Func): SqlExpr {
  const name = node.name.value.toLowerCase();
  const span = node.span;
  if (name === 'countif' && node.args.length === 1 && !node.star && !node.distinct) return countWhen(node);
  if (name === 'safe_divide' && node.args.length === 2 && !node.over && !node.filter) {
    const [a, b] = node.args as [SqlExpr, SqlExpr];
    const zero: SqlExpr = { k: 'number', text: '0', span: b.span };
    const isZero: SqlExpr = { k: 'binary', op: '=', left: b, right: zero, opSpan: b.span, span: b.span };
    const quotient: SqlExpr = { k: 'binary', op: '/', left: a, right: b, opSpan: span, span };
    return { k: 'case', operand: null, whens: [{ when: isZero, then: { k: 'null', span } }], else: quotient, span };
  }
  const at = BIGQUERY_PART_ARGS[name];
  const part = at === undefined ? undefined : node.args[at];
  if (part && part.k === 'column' && part.parts.length === 1 && !part.parts[0]!.quoted && BIGQUERY_PARTS.has(part.parts[0]!.value.toUpperCase())) {
    const args = [...node.args];
    args[at!] = { k: 'string', value: part.parts[0]!.value.toUpperCase(), span: part.span };
    return callOf(node, name, args);
  }
  return node;
}

const plain = (node: Func) => !node.star && !node.distinct && !node.over && !node.filter && !node.withinGroup && !node.orderBy;
const num = (text: string, span: Func['span']): SqlExpr => ({ k: 'number', text, span });
const binary = (op: string, left: SqlExpr, right: SqlExpr, span: Func['span']): SqlExpr => ({ k: 'binary', op, left, right, opSpan: span, span });

/** `count(CASE WHEN c THEN 1 END)`: how many rows `c` holds for (FILTER and OVER kept). */
function countWhen(node: Func): Func {
  return callOf(node, 'count', [{ k: 'case', operand: null, whens: [{ when: node.args[0]!, then: num('1', node.span) }], else: null, span: node.span }]);
}

/** `percentile_cont(p) WITHIN GROUP (ORDER BY x)` for an aggregate written with x first. */
function percentileOf(node: Func, fn: string, x: SqlExpr, p: SqlExpr): Func {
  return { ...callOf(node, fn, [p]), withinGroup: [{ expr: x, direction: null, nulls: null, span: x.span }] };
}

function duckdb(node: Func): SqlExpr {
  const name = node.name.value.toLowerCase();
  const n = node.args.length;
  const span = node.span;
  if (name === 'count_if' && n === 1 && !node.star && !node.distinct) return countWhen(node);
  if (!node.star && !node.distinct && !node.withinGroup && !node.orderBy) {
    if (name === 'median' && n === 1) return percentileOf(node, 'percentile_cont', node.args[0]!, num('0.5', span));
    if ((name === 'quantile_cont' || name === 'quantile_disc') && n === 2) return percentileOf(node, name === 'quantile_cont' ? 'percentile_cont' : 'percentile_disc', node.args[0]!, node.args[1]!);
  }
  if (!plain(node)) return node;
  const [a, b] = node.args as [SqlExpr, SqlExpr];
  // epoch(x): seconds since 1970-01-01 as a double.
  if (name === 'epoch' && n === 1) return callOf(node, 'date_part', [{ k: 'string', value: 'epoch', span }, a]);
  // contains(s, t): t occurs in s; suffix(s, t): s ends with t (an empty t is in every string).
  if (name === 'contains' && n === 2) return binary('>', callOf(node, 'strpos', [a, b]), num('0', span), span);
  if ((name === 'suffix' || name === 'ends_with') && n === 2) return binary('=', callOf(node, 'right', [a, callOf(node, 'length', [b])]), b, span);
  return node;
}

const castAs = (arg: SqlExpr, type: string, span: Func['span']): SqlExpr => ({ k: 'cast', arg, type: { name: type, args: [], span }, span });

function sqlite(node: Func): SqlExpr {
  const name = node.name.value.toLowerCase();
  const n = node.args.length;
  const span = node.span;
  // total(x): the sum as a REAL, 0.0 over no rows or only NULLs (FILTER and OVER kept).
  if (name === 'total' && n === 1 && !node.star) {
    const sum: Func = { ...callOf(node, 'sum', [castAs(node.args[0]!, 'REAL', span)]) };
    return { ...callOf(node, 'coalesce', [sum, num('0.0', span)]), filter: null, over: null, distinct: false };
  }
  // group_concat(x [, sep]): string_agg of x's text, ',' by default (FILTER and OVER kept).
  if (name === 'group_concat' && (n === 1 || n === 2) && !node.star && !node.withinGroup) {
    return callOf(node, 'string_agg', [castAs(node.args[0]!, 'TEXT', span), node.args[1] ?? { k: 'string', value: ',', span }]);
  }
  if (!plain(node)) return node;
  // round(x) of a REAL rounds half away from zero, as round(x, 0) does (round(double) rounds half to even).
  if (name === 'round' && n === 1) return callOf(node, 'round', [node.args[0]!, num('0', span)]);
  // max(a, b, …) and min(a, b, …) of several arguments are scalar, NULL when any argument is.
  if ((name === 'max' || name === 'min') && n >= 2) {
    const anyNull: SqlExpr = { k: 'logical', op: 'or', args: node.args.map((a): SqlExpr => ({ k: 'is', arg: a, test: 'null', negated: false, span: a.span })), opSpans: node.args.slice(1).map(() => span), span };
    return { k: 'case', operand: null, whens: [{ when: anyNull, then: { k: 'null', span } }], else: callOf(node, name === 'max' ? 'greatest' : 'least', node.args), span };
  }
  // julianday(x): days since noon UTC of 4714-11-24 BC (proleptic Gregorian), as a REAL.
  if (name === 'julianday' && n === 1) {
    const epoch: Func = callOf(node, 'date_part', [{ k: 'string', value: 'epoch', span }, castAs(node.args[0]!, 'TIMESTAMP', span)]);
    return binary('+', binary('/', epoch, num('86400.0', span), span), num('2440587.5', span), span);
  }
  return node;
}

/** The call in the form the front end reads, for calls written in `dialect`. */
export function dialectCall(dialect: SourceDialect, node: Func): SqlExpr {
  switch (dialect) {
    case 'bigquery':
      return bigquery(node);
    case 'duckdb':
      return duckdb(node);
    case 'sqlite':
      return sqlite(node);
    default:
      return node;
  }
}
