// Subquery expressions → IR `subquery` nodes (scalar, EXISTS, IN, = ANY, <> ALL) whose
// correlated references are `outer` nodes; decorrelate.ts later turns them into joins.

import { commonSuperType, schemaOf, T, typeToString, type Subquery } from '../../ir/index.ts';
import type { Typed } from '../coerce.ts';
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
      else throw src.error('UNSUPPORTED_CONSTRUCT', `${node.op} ${node.quantifier.toUpperCase()} (subquery) is not supported (= ANY and <> ALL are)`, node.span, { construct: 'quantified comparison' });
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
