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
  if (name === 'countif' && node.args.length === 1 && !node.star && !node.distinct) {
    const one: SqlExpr = { k: 'number', text: '1', span };
    return callOf(node, 'count', [{ k: 'case', operand: null, whens: [{ when: node.args[0]!, then: one }], else: null, span }]);
  }
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

/** The call in the form the front end reads, for calls written in `dialect`. */
export function dialectCall(dialect: SourceDialect, node: Func): SqlExpr {
  return dialect === 'bigquery' ? bigquery(node) : node;
}
