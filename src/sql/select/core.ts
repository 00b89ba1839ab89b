// One SELECT core → relations, in SQL's evaluation order:
//   FROM → WHERE → GROUP BY/aggregates → HAVING → windows → QUALIFY → select list
//   → DISTINCT [ON] → ORDER BY (aliases, positions, or hidden input expressions) → LIMIT/OFFSET.

import { E, schemaOf, typeToString, type Expr, type Rel, type SortKey } from '../../ir/index.ts';
import type { Query, SelectCore, SqlExpr } from '../ast.ts';
import { containsAggregate } from '../ast-walk.ts';
import { exprKey, type Typed } from '../coerce.ts';
import { translateExpr, type ExprContext, type ExprHooks } from '../scalar.ts';
import { findLocal, nameMatches, refName, type DerivedColumn, type NameScope } from '../scope.ts';
import type { Span } from '../source.ts';
import { isTotal, reportNondeterminism, tiebreakNames, tiebreaks, uniqueKeys } from './determinism.ts';
import { derivedName, uniqueNames, type QueryEnv } from './env.ts';
import { translateFrom } from './from.ts';
import { Grouping, type SelectEntry } from './grouping.ts';
import { orderAndLimit, orderItemsOf, positional, sortKey } from './query.ts';
import { subqueryHooks } from './subquery.ts';
import { WindowCollector } from './windows.ts';
import { itemText } from '../output-names.ts';

function expectBool(env: QueryEnv, t: Typed, span: Span, clause: string): void {
  if (t.type.kind !== 'bool' && t.type.kind !== 'null') {
    throw env.src.error('TYPE_MISMATCH', `argument of ${clause} must be bool, not ${typeToString(t.type)}`, span, { clause, type: typeToString(t.type) });
  }
}

function expandStars(core: SelectCore, scope: NameScope, env: QueryEnv): SelectEntry[] {
  return core.items.flatMap((item): SelectEntry[] => {
    if (item.k === 'expr') return [{ kind: 'ast', node: item.expr, alias: item.alias, span: item.span }];
    const q = item.qualifier;
    const bindings = q ? scope.columns.filter((b) => b.qualifier !== null && nameMatches(q, b.qualifier)) : scope.columns.filter((b) => b.inStar);
    if (q && bindings.length === 0 && !scope.qualifiers.some((x) => nameMatches(q, x))) {
      throw env.src.error('UNKNOWN_RELATION', `${q.value}.* names no relation of the FROM clause${scope.qualifiers.length ? ` (relations: ${scope.qualifiers.join(', ')})` : ''}`, q.span, { relation: q.value, available: scope.qualifiers });
    }
    if (!q && core.from.length === 0) throw env.src.error('UNKNOWN_COLUMN', 'SELECT * with no FROM clause has no columns', item.span);
    for (const x of item.exclude) {
      if (!bindings.some((b) => nameMatches(x, refName(b)))) throw env.src.error('UNKNOWN_COLUMN', `EXCLUDE ${x.value}: the star has no column of that name`, x.span, { column: x.value });
    }
    const kept = bindings.filter((b) => !item.exclude.some((x) => nameMatches(x, refName(b))));
    return kept.map((binding) => ({ kind: 'binding', binding, span: item.span }));
  });
}

/** The derived table's or CTE's column a select-list column reference reads, which the target engine names it after. */
function columnSource(node: SqlExpr, scope: NameScope): DerivedColumn | null {
  if (node.k !== 'column') return null;
  const found = findLocal(scope, node.parts);
  return found.length === 1 ? (found[0]!.derived ?? null) : null;
}

/** DISTINCT ON keeps the first row of each group: its ORDER BY gets tiebreaks over the visible columns unless total. */
function distinctOnOrder(env: QueryEnv, rel: Rel, on: readonly Expr[], keys: readonly SortKey[], visible: number, span: Span): SortKey[] {
  const schema = schemaOf(rel);
  const among = schema.slice(0, visible).map((_, i) => i);
  const used = [...on, ...keys.map((k) => k.expr)];
  if (isTotal(used, schema, uniqueKeys(rel, env.catalog), among)) return [...keys];
  const extra = tiebreaks(used, schema, among);
  if (extra.length > 0) reportNondeterminism(env, span, 'the ORDER BY of DISTINCT ON is not total, so which tied row is kept is arbitrary', tiebreakNames(extra, schema));
  return [...keys, ...extra];
}

export function translateSelect(core: SelectCore, q: Query | null, env: QueryEnv): Rel {
  const { src } = env;
  const from = translateFrom(core.from, env);
  let rel = from.rel;
  const sub = subqueryHooks(env);
  const ctxFor = (scope: NameScope, clause: string, hooks: ExprHooks): ExprContext => ({ src, dialect: env.dialect, scope, params: env.params, clause, hooks });

  if (core.where) {
    const cond = translateExpr(core.where, ctxFor(from.scope, 'WHERE', sub));
    expectBool(env, cond, core.where.span, 'WHERE');
    rel = { kind: 'filter', input: rel, condition: cond.expr };
  }

  const named = new Map(core.windows.map((w) => [w.name.value.toLowerCase(), w.spec]));
  const windows = new WindowCollector(env, named);
  const entries = expandStars(core, from.scope, env);
  const orderItems = q ? orderItemsOf(q, entries.length) : [];
  const agg = (e: SqlExpr | null) => e !== null && containsAggregate(e, env.dialect);
  // GROUP BY ALL: the positions of the items without an aggregate.
  const groupBy = core.groupByAll
    ? entries.flatMap((e, i): SqlExpr[] => (e.kind === 'ast' && agg(e.node) ? [] : [{ k: 'number', text: String(i + 1), span: e.span }]))
    : core.groupBy;
  const aggregated = groupBy.length > 0 || core.groupByAll || core.groupingSets !== undefined || core.having !== null || entries.some((e) => e.kind === 'ast' && agg(e.node)) || orderItems.some((o) => agg(o.expr)) || agg(core.qualify);

  // The level the select list is evaluated at: the FROM scope, or the grouped scope.
  const grouping = aggregated ? new Grouping(env, from.scope, groupBy, entries, sub, core.groupingSets) : null;
  const levelScope = grouping ? grouping.scope : from.scope;
  const levelHooks: ExprHooks = grouping ? grouping.hooks({ ...sub, window: windows.hook }) : { ...sub, window: windows.hook };
  const levelCtx = (clause: string, hooks: ExprHooks = levelHooks) => ctxFor(levelScope, clause, hooks);

  let having: Expr | null = null;
  if (core.having) {
    const h = translateExpr(core.having, levelCtx('HAVING', { ...levelHooks, window: undefined }));
    expectBool(env, h, core.having.span, 'HAVING');
    having = h.expr;
  }

  // Select list.
  const exprs: Expr[] = [];
  const names: string[] = [];
  for (const e of entries) {
    if (e.kind === 'binding') {
      const t = grouping ? grouping.keyOf(e.binding, e.span) : e.binding;
      exprs.push(t.expr);
      names.push(e.binding.name);
    } else {
      const t = translateExpr(e.node, levelCtx('the select list'));
      exprs.push(t.expr);
      names.push(e.alias?.value ?? derivedName(e.node, t, levelScope.input));
    }
  }
  const visible = exprs.length;
  env.namings?.set(
    core,
    entries.map((e, i) =>
      e.kind === 'binding'
        ? { name: names[i]!, expr: null, alias: null, text: '', source: e.binding.derived ?? null }
        : { name: names[i]!, expr: e.node, alias: e.alias, text: itemText(src.text, e.span), source: columnSource(e.node, from.scope) },
    ),
  );

  let qualify: Expr | null = null;
  if (core.qualify) {
    const t = translateExpr(core.qualify, levelCtx('QUALIFY'));
    expectBool(env, t, core.qualify.span, 'QUALIFY');
    qualify = t.expr;
  }

  // ORDER BY: a position, an output name, or an expression (matched to the select list, else hidden).
  // Keys of the select list, to match ORDER BY / DISTINCT ON expressions to it (only they read them).
  const json = orderItems.length > 0 || core.distinctOn ? exprs.map((x) => exprKey(x)) : [];
  const outputIndex = (x: Expr, span: Span): number => {
    const k = json.indexOf(exprKey(x));
    if (k >= 0) return k;
    if (core.distinct && !core.distinctOn) throw src.error('UNKNOWN_COLUMN', 'with SELECT DISTINCT, ORDER BY expressions must appear in the select list', span);
    exprs.push(x);
    json.push(exprKey(x));
    names.push(`__order_${exprs.length - visible}`);
    return exprs.length - 1;
  };
  const sortKeys: SortKey[] = orderItems.map((o) => {
    const pos = positional(env, o, visible);
    if (pos) return sortKey(pos, o, env.dialect);
    if (o.expr.k === 'column' && o.expr.parts.length === 1) {
      const id = o.expr.parts[0]!;
      const outName = (e: SelectEntry, i: number): string | null => (e.kind === 'binding' ? e.binding.name : e.alias ? e.alias.value : e.node.k === 'column' ? names[i]! : null);
      const hits = entries.flatMap((e, i) => {
        const n = outName(e, i);
        return n !== null && nameMatches(id, n) ? [i] : [];
      });
      const distinctHits = [...new Set(hits.map((i) => json[i]))];
      if (distinctHits.length > 1) throw src.error('AMBIGUOUS_COLUMN', `ORDER BY ${id.value} is ambiguous: several output columns have that name`, o.expr.span, { column: id.value });
      if (hits.length > 0) return sortKey(E.col(hits[0]!), o, env.dialect);
    }
    const t = translateExpr(o.expr, levelCtx('ORDER BY'));
    return sortKey(E.col(outputIndex(t.expr, o.expr.span)), o, env.dialect);
  });

  let distinctOn: Expr[] | null = null;
  if (core.distinctOn) {
    if (sortKeys.length === 0) throw src.error('NONDETERMINISTIC_ORDER', 'DISTINCT ON needs an ORDER BY to say which row of each group is kept', core.span);
    distinctOn = core.distinctOn.map((d) => E.col(outputIndex(translateExpr(d, levelCtx('DISTINCT ON')).expr, d.span)));
  }

  // Assemble: aggregate → HAVING → window → QUALIFY → project → DISTINCT → sort → limit → drop hidden.
  if (grouping) rel = grouping.build(rel);
  if (having) rel = { kind: 'filter', input: rel, condition: having };
  const base = schemaOf(rel).length;
  if (windows.calls.length > 0) rel = { kind: 'window', input: rel, functions: windows.finish(rel), names: uniqueNames(windows.names.map((n) => `__${n}`)) };
  if (qualify) rel = { kind: 'filter', input: rel, condition: windows.place(qualify, base) };
  rel = { kind: 'project', input: rel, exprs: exprs.map((x) => windows.place(x, base)), names: uniqueNames(names) };
  if (distinctOn) {
    rel = { kind: 'winner', input: rel, partitionBy: distinctOn, orderBy: distinctOnOrder(env, rel, distinctOn, sortKeys, visible, core.span), keep: 1 };
  } else if (core.distinct) rel = { kind: 'distinct', input: rel };
  if (q) rel = orderAndLimit(env, rel, sortKeys, q, visible);
  if (exprs.length > visible) {
    const out = schemaOf(rel).slice(0, visible);
    rel = { kind: 'project', input: rel, exprs: out.map((_, i) => E.col(i)), names: out.map((f) => f.name) };
  }
  return rel;
}

