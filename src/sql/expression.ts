// Entry points for standalone expressions (rule-spec `where`, `select`, `on`, measures):
// PostgreSQL syntax and semantics, typed against an ExprScope.

import { lookupFunction, type AggCall, type Expr } from '../ir/index.ts';
import { buildAggCall } from './aggregate.ts';
import { SOURCE_DIALECT_DEFS } from './dialects.ts';
import { parseStandaloneExpr } from './parse-query.ts';
import { canonicalFunctionName, translateExpr, type ExprContext } from './scalar.ts';
import { scopeFromExprScope, type ExprOptions, type ExprScope } from './scope.ts';
import { SqlSource } from './source.ts';

function context(text: string, scope: ExprScope, opts: ExprOptions, clause: string): { ctx: ExprContext; ast: ReturnType<typeof parseStandaloneExpr> } {
  const src = new SqlSource(text, opts.origin);
  const dialect = SOURCE_DIALECT_DEFS.postgres;
  const ast = parseStandaloneExpr(src, dialect);
  return { ast, ctx: { src, dialect, scope: scopeFromExprScope(scope), params: scope.params, clause, hooks: {} } };
}

/** A scalar expression (no aggregates, windows or subqueries), typed over `scope`. */
export function parseScalar(text: string, scope: ExprScope, opts: ExprOptions = {}): Expr {
  const { ctx, ast } = context(text, scope, opts, 'a scalar expression');
  return translateExpr(ast, ctx).expr;
}

/** One aggregate call, e.g. `count(*)`, `max(score)`, `sum(distinct x) filter (where x > 0)`. */
export function parseAggregate(text: string, scope: ExprScope, opts: ExprOptions = {}): AggCall {
  const { ctx, ast } = context(text, scope, opts, 'an aggregate measure');
  const def = ast.k === 'func' && !ast.over ? lookupFunction(canonicalFunctionName(ast.name.value, ctx.dialect)) : undefined;
  if (ast.k !== 'func' || !def || def.kind !== 'aggregate') {
    throw ctx.src.error('UNSUPPORTED_CONSTRUCT', 'a measure must be one aggregate call, e.g. count(*), sum(x), max(distinct y)', ast.span, { construct: 'measure' });
  }
  return buildAggCall(ast, def, ctx).call;
}
