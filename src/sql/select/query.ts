// Whole queries: WITH (CTEs bound by name, recursive ones through recursive.ts), set operations (operand
// columns aligned to common types), VALUES, and ORDER BY / LIMIT / OFFSET over set results.

import { E, commonSuperType, schemaOf, T, typeEquals, typeToString, type Expr, type Literal, type Rel, type SetOpKind, type SortKey } from '../../ir/index.ts';
import type { OrderItem, Query, SetBody, SqlExpr } from '../ast.ts';
import { adaptLiterals, castTyped, commonTypeOf, widenAll, type Typed } from '../coerce.ts';
import { defaultNulls, type SourceDialectDef } from '../dialects.ts';
import { translateExpr } from '../scalar.ts';
import type { NameScope } from '../scope.ts';
import type { Span } from '../source.ts';
import { translateSelect } from './core.ts';
import { limitOrder } from './determinism.ts';
import { translateRecursiveCte } from './recursive.ts';
import { queryNaming, renameColumns, type QueryEnv } from './env.ts';
import { subqueryHooks } from './subquery.ts';

export function translateQuery(q: Query, env0: QueryEnv): Rel {
  const env = q.with ? withCtes(q.with, env0) : env0;
  if (q.body.k === 'select') return translateSelect(q.body, q, env);
  const rel = translateBody(q.body, env);
  return applyOrderLimit(rel, q, env);
}

function withCtes(w: NonNullable<Query['with']>, env0: QueryEnv): QueryEnv {
  let env = env0;
  for (const cte of w.ctes) {
    if (w.ctes.slice(0, w.ctes.indexOf(cte)).some((c) => c.name.value.toLowerCase() === cte.name.value.toLowerCase())) {
      throw env.src.error('DUPLICATE_NAME', `WITH query name ${cte.name.value} is specified more than once`, cte.name.span, { name: cte.name.value });
    }
    const recursive = w.recursive ? translateRecursiveCte(cte, env, translateBody) : null;
    const rel = recursive ?? renameColumns(env, translateQuery(cte.query, env), cte.columns, cte.span);
    env = { ...env, ctes: [...env.ctes, { name: cte.name.value, rel, naming: queryNaming(cte.query, rel, cte.columns, env) }] };
  }
  return env;
}

function translateBody(b: SetBody, env: QueryEnv): Rel {
  switch (b.k) {
    case 'select':
      return translateSelect(b, null, env);
    case 'nested':
      return translateQuery(b.query, env);
    case 'values':
      return translateValues(b, env);
    case 'setop': {
      const inputs = alignOperands(env, [translateBody(b.left, env), translateBody(b.right, env)], b.op, b.span);
      // Associative chains flatten into one n-ary node (EXCEPT is not associative).
      const flat = inputs.flatMap((r, i) => (i === 0 && b.op !== 'except' && r.kind === 'setop' && r.op === b.op && r.all === b.all ? r.inputs : [r]));
      return { kind: 'setop', op: b.op as SetOpKind, all: b.all, inputs: flat };
    }
  }
}

function alignOperands(env: QueryEnv, rels: Rel[], op: string, span: Span): Rel[] {
  const schemas = rels.map(schemaOf);
  const width = schemas[0]!.length;
  if (schemas.some((s) => s.length !== width)) {
    throw env.src.error('TYPE_MISMATCH', `each ${op.toUpperCase()} operand must have the same number of columns (${schemas.map((s) => s.length).join(' vs ')})`, span);
  }
  const types = schemas[0]!.map((f, i) => {
    const t = schemas.reduce((acc, s) => acc && commonSuperType(acc, s[i]!.type), f.type as typeof f.type | undefined);
    if (!t) throw env.src.error('TYPE_MISMATCH', `${op.toUpperCase()} column ${i + 1} (${f.name}) cannot combine ${schemas.map((s) => typeToString(s[i]!.type)).join(' and ')}`, span, { column: f.name });
    return t.kind === 'null' ? T.utf8 : t; // an all-NULL column: PostgreSQL resolves unknown to text
  });
  return rels.map((r, k) => {
    const s = schemas[k]!;
    if (s.every((f, i) => typeEquals(f.type, types[i]!))) return r;
    const exprs = s.map((f, i) => (typeEquals(f.type, types[i]!) ? E.col(i) : castTyped(env.src, { expr: E.col(i), type: f.type, nullable: f.nullable }, types[i]!, span).expr));
    return { kind: 'project', input: r, exprs, names: s.map((f) => f.name) };
  });
}

function emptyScope(env: QueryEnv): NameScope {
  return { columns: [], input: [], qualifiers: [], outer: env.outer };
}

function translateValues(b: Extract<SetBody, { k: 'values' }>, env: QueryEnv): Rel {
  const width = b.rows[0]!.length;
  const ctx = { src: env.src, dialect: env.dialect, scope: emptyScope(env), params: env.params, clause: 'VALUES', hooks: {} };
  const rows: Typed[][] = b.rows.map((r) => {
    if (r.length !== width) throw env.src.error('TYPE_MISMATCH', `VALUES lists must all be the same length (${width} vs ${r.length})`, r[0]?.span ?? b.span);
    return r.map((e) => translateExpr(e, ctx));
  });
  const names = Array.from({ length: width }, (_, i) => `column${i + 1}`);
  const columns = names.map((_, i) => {
    const spans = b.rows.map((r) => r[i]!.span);
    const adapted = adaptLiterals(env.src, rows.map((r) => r[i]!), spans);
    const t = commonTypeOf(env.src, adapted, 'VALUES', spans[0]!);
    const type = t.kind === 'null' ? T.utf8 : t;
    // A literal row member takes the column's exact type (a decimal(2,1) in a decimal(11,1)
    // column becomes one): the rows of a VALUES relation are literals of its schema's types.
    return widenAll(env.src, adapted, type, spans).map((x, j) => (x.type.kind === 'null' || x.expr.kind === 'lit' ? castTyped(env.src, x, type, spans[j]!) : x));
  });
  const cells = (r: number) => columns.map((c) => c[r]!);
  const schema = names.map((name, i) => ({ name, type: columns[i]![0]!.type, nullable: columns[i]!.some((x) => x.nullable) }));
  if (columns.every((c) => c.every((x) => x.expr.kind === 'lit'))) {
    return { kind: 'values', schema, rows: b.rows.map((_, r) => cells(r).map((x) => x.expr as Literal)) };
  }
  // Computed rows: one projection of a single row each, unioned.
  const one: Rel = { kind: 'values', schema: [{ name: 'dummy', type: T.int32, nullable: false }], rows: [[E.lit(T.int32, 0)]] };
  const parts: Rel[] = b.rows.map((_, r) => ({ kind: 'project', input: one, exprs: cells(r).map((x) => x.expr), names }));
  return parts.length === 1 ? parts[0]! : { kind: 'setop', op: 'union', all: true, inputs: parts };
}

/** The ORDER BY items of `q` over `width` output columns: ORDER BY ALL is every position in turn. */
export function orderItemsOf(q: Query, width: number): readonly OrderItem[] {
  const all = q.orderByAll;
  if (!all) return q.orderBy;
  return Array.from({ length: width }, (_, i): OrderItem => ({ expr: { k: 'number', text: String(i + 1), span: all.span }, direction: all.direction, nulls: all.nulls, span: all.span }));
}

/** ORDER BY over a set operation's output: names, positions or expressions of output columns. */
function applyOrderLimit(rel: Rel, q: Query, env: QueryEnv): Rel {
  let keys: SortKey[] = [];
  const schema = schemaOf(rel);
  const items = orderItemsOf(q, schema.length);
  if (items.length > 0) {
    const scope: NameScope = {
      columns: schema.map((f, i) => ({ qualifier: null, name: f.name, expr: E.col(i), type: f.type, nullable: f.nullable, unqualified: true, inStar: true })),
      input: schema,
      qualifiers: [],
      outer: env.outer,
    };
    keys = items.map((o) => {
      const pos = positional(env, o, schema.length);
      const expr = pos ?? translateExpr(o.expr, { src: env.src, dialect: env.dialect, scope, params: env.params, clause: 'ORDER BY', hooks: subqueryHooks(env) }).expr;
      return sortKey(expr, o, env.dialect);
    });
  }
  return orderAndLimit(env, rel, keys, q);
}

/** `ORDER BY 2`: the output column at that position, or undefined when not a position. */
export function positional(env: QueryEnv, o: OrderItem | { expr: SqlExpr }, width: number): Expr | undefined {
  if (o.expr.k !== 'number') return undefined;
  const n = Number(o.expr.text);
  if (!Number.isInteger(n) || n < 1 || n > width) {
    throw env.src.error('UNKNOWN_COLUMN', `position ${o.expr.text} is not in the select list (1..${width})`, o.expr.span, { position: o.expr.text });
  }
  return E.col(n - 1);
}

/** The source dialect's NULL placement made explicit where the ORDER BY item leaves it out. */
export function sortKey(expr: Expr, o: OrderItem, dialect: SourceDialectDef): SortKey {
  const direction = o.direction ?? 'asc';
  return { expr, direction, nulls: o.nulls ?? defaultNulls(direction, dialect) };
}


/**
 * ORDER BY, then LIMIT/OFFSET. Under a LIMIT/OFFSET an order that is not total (over the first
 * `visible` columns: hidden ORDER BY columns are dropped later) gets tiebreaks, with a warning.
 */
export function orderAndLimit(env: QueryEnv, rel: Rel, keys: readonly SortKey[], q: Pick<Query, 'limit' | 'offset' | 'limitSpan' | 'span'>, visible = schemaOf(rel).length): Rel {
  if (!q.limit && !q.offset) return keys.length > 0 ? { kind: 'sort', input: rel, keys } : rel;
  const limit = q.limit ? constantCount(q.limit, env, 'LIMIT') : null;
  const offset = q.offset ? constantCount(q.offset, env, 'OFFSET') : 0;
  const order = limitOrder(env, rel, keys, visible, { limit, offset }, q.limitSpan ?? q.span);
  const sorted: Rel = order.length > 0 ? { kind: 'sort', input: rel, keys: order } : rel;
  return { kind: 'limit', input: sorted, limit, offset };
}

function constantCount(e: SqlExpr, env: QueryEnv, what: string): number {
  const t = translateExpr(e, { src: env.src, dialect: env.dialect, scope: emptyScope(env), params: env.params, clause: what, hooks: {} });
  const v = t.expr.kind === 'lit' ? t.expr.value : undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && (t.type.kind === 'int64') ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw env.src.error(t.expr.kind === 'lit' ? 'TYPE_MISMATCH' : 'UNSUPPORTED_CONSTRUCT', `${what} must be a non-negative integer constant`, e.span);
  }
  return n;
}
