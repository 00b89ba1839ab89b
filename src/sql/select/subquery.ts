// Subquery expressions → IR `subquery` nodes (scalar, EXISTS, IN, = ANY, <> ALL) whose
// correlated references are `outer` nodes; decorrelate.ts later turns them into joins. Other
// quantified comparisons (`x > ALL (…)`, `x <= ANY (…)`, `= ALL`, `<> ANY`) are CASEs over
// scalar subqueries of the subquery's count(*), count(y), max(y) and min(y).

import { commonSuperType, E, schemaOf, T, typeToString, type AggCall, type Expr, type Field, type Rel, type Subquery } from '../../ir/index.ts';
import { buildCall, type CallSite, type Typed } from '../coerce.ts';
import { translateExpr, type ExprContext, type ExprHooks, type SubqueryExpr } from '../scalar.ts';
import type { QueryEnv } from './env.ts';
import { translateQuery } from './query.ts';

export function subqueryHooks(env: QueryEnv): Pick<ExprHooks, 'subquery'> {
  return { subquery: (node, ctx) => translateSubquery(node, ctx, env) };
}

function translateSubquery(node: SubqueryExpr, ctx: ExprContext, env: QueryEnv): Typed {
  const { src } = env;
  const rel = translateQuery(node.query, { ...env, outer: ctx.scope });
  const schema = schemaOf(rel);
  const oneColumn = () => {
    if (schema.length !== 1) throw src.error('TYPE_MISMATCH', `subquery must return one column, it returns ${schema.length}`, node.span, { columns: schema.length });
    return schema[0]!;
  };
  let sq: Subquery;
  let typed: Typed;
  switch (node.k) {
    case 'exists':
      sq = { kind: 'subquery', mode: 'exists', rel, expr: null, negated: false };
      typed = { expr: sq, type: T.bool, nullable: false };
      break;
    case 'subquery': {
      const f = oneColumn();
      sq = { kind: 'subquery', mode: 'scalar', rel, expr: null, negated: false };
      typed = { expr: sq, type: f.type, nullable: true };
      break;
    }
    case 'in_query':
    case 'quantified': {
      let negated: boolean;
      if (node.k === 'in_query') negated = node.negated;
      else if (node.op === '=' && node.quantifier === 'any') negated = false;
      else if (node.op === '<>' && node.quantifier === 'all') negated = true;
      else return quantified(node, ctx, env, rel, oneColumn());
      const f = oneColumn();
      const x = translateExpr(node.arg, ctx);
      if (!commonSuperType(x.type, f.type)) {
        throw src.error('TYPE_MISMATCH', `IN cannot compare ${typeToString(x.type)} with a subquery of ${typeToString(f.type)}`, node.span, { function: 'IN', args: [typeToString(x.type), typeToString(f.type)] });
      }
      sq = { kind: 'subquery', mode: 'in', rel, expr: x.expr, negated };
      typed = { expr: sq, type: T.bool, nullable: true };
      break;
    }
  }
  env.subquerySpans.set(sq, node.span);
  return typed;
}

const ORDERING: Readonly<Record<string, string>> = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };

/**
 * `x op ALL (S)` is TRUE when S is empty, FALSE when `x op y` is FALSE for some y, else NULL
 * when some comparison is NULL (x or a y is NULL), else TRUE; `x op ANY (S)` is FALSE when S is
 * empty, TRUE when `x op y` holds for some y, else NULL when some comparison is NULL, else FALSE.
 * Which y decides is an extreme of S: for `>`/`>=` ALL the largest, ANY the smallest (and the
 * reverse for `<`/`<=`); for `= ALL` and `<> ANY`, whether both extremes equal x.
 */
function quantified(node: Extract<SubqueryExpr, { k: 'quantified' }>, ctx: ExprContext, env: QueryEnv, rel: Rel, f: Field): Typed {
  const { src } = env;
  const all = node.quantifier === 'all';
  const ordering = ORDERING[node.op];
  if (!ordering && !(node.op === '=' && all) && !(node.op === '<>' && !all)) {
    throw src.error('UNSUPPORTED_CONSTRUCT', `${node.op} ${node.quantifier.toUpperCase()} (subquery) is not supported (=, <>, <, <=, >, >= are)`, node.span, { construct: 'quantified comparison' });
  }
  const x = translateExpr(node.arg, ctx);
  const site: CallSite = { src, span: node.span, display: `operator ${node.op} ${node.quantifier.toUpperCase()}`, argSpans: [node.arg.span, node.query.span] };
  const y = E.col(0);
  const measures: AggCall[] = [
    { fn: 'count', args: [], distinct: false, type: T.int64 },
    { fn: 'count', args: [y], distinct: false, type: T.int64 },
    { fn: 'max', args: [y], distinct: false, type: f.type },
    { fn: 'min', args: [y], distinct: false, type: f.type },
  ];
  const stats: Rel = { kind: 'aggregate', input: rel, groupBy: [], measures, names: ['n', 'nn', 'mx', 'mn'] };
  const scalar = (i: number, type = measures[i]!.type): Typed => {
    const sq: Subquery = { kind: 'subquery', mode: 'scalar', rel: { kind: 'project', input: stats, exprs: [E.col(i)], names: [stats.names[i]!] }, expr: null, negated: false };
    env.subquerySpans.set(sq, node.span);
    return { expr: sq, type, nullable: true };
  };
  const [n, nn, mx, mn] = [scalar(0), scalar(1), scalar(2), scalar(3)];
  const zero: Typed = { expr: E.lit(T.int64, 0), type: T.int64, nullable: false };
  const upward = node.op === '>' || node.op === '>=';
  // The comparison that settles the answer: FALSE for ALL, TRUE for ANY.
  const decisive: Typed = ordering
    ? (() => {
        const held = buildCall(site, ordering, [x, all === upward ? mx : mn]);
        return all ? buildCall(site, 'not', [held]) : held;
      })()
    : (() => {
        const same = buildCall(site, 'and', [buildCall(site, 'equal', [x, mn]), buildCall(site, 'equal', [x, mx])]);
        return buildCall(site, 'not', [same]);
      })();
  const lit = (v: boolean | null): Expr => E.lit(T.bool, v);
  const expr: Expr = {
    kind: 'case',
    whens: [
      { when: buildCall(site, 'equal', [n, zero]).expr, then: lit(all) },
      { when: E.isNull(x.expr, false), then: lit(null) },
      { when: buildCall(site, 'and', [buildCall(site, 'gt', [nn, zero]), decisive]).expr, then: lit(!all) },
      { when: buildCall(site, 'lt', [nn, n]).expr, then: lit(null) },
    ],
    else: lit(all),
    type: T.bool,
  };
  return { expr, type: T.bool, nullable: true };
}
