// FROM clauses → a relation plus the names it binds: tables and CTEs, derived tables, comma
// lists (cross joins), JOIN … ON, USING and NATURAL (one merged column per shared name,
// PostgreSQL's `SELECT *` order: merged columns, then the left's, then the right's).

import { E, commonSuperType, mapExpr, schemaOf, T, typeToString, type Expr, type JoinType, type Rel } from '../../ir/index.ts';
import type { FromItem, Ident } from '../ast.ts';
import { buildCall, type Typed } from '../coerce.ts';
import { translateExpr } from '../scalar.ts';
import { nameMatches, refName, type ColumnBinding, type NameScope, type RelationNaming } from '../scope.ts';
import type { Span } from '../source.ts';
import { findCte, queryNaming, renameColumns, resolveTable, type QueryEnv } from './env.ts';
import { translateQuery } from './query.ts';
import { relationColumnNames } from '../output-names.ts';
import { translateTableFunction } from './series.ts';

export interface FromResult {
  readonly rel: Rel;
  readonly scope: NameScope;
}

function scopeOf(env: QueryEnv, rel: Rel, columns: readonly ColumnBinding[], qualifiers: readonly string[]): NameScope {
  return { columns, input: schemaOf(rel), qualifiers, outer: env.outer };
}

/** The relation of a whole FROM list; no FROM reads one row of no columns. */
export function translateFrom(items: readonly FromItem[], env: QueryEnv): FromResult {
  if (items.length === 0) {
    // One row: SQL cannot spell a relation without columns, so it carries one unused column.
    const rel: Rel = { kind: 'values', schema: [{ name: 'dummy', type: T.int32, nullable: false }], rows: [[E.lit(T.int32, 0)]] };
    return { rel, scope: scopeOf(env, rel, [], []) };
  }
  let acc = translateItem(items[0]!, env);
  for (const item of items.slice(1)) {
    const right = translateItem(item, env);
    acc = combine(env, acc, right, 'cross', null, item.span);
  }
  return acc;
}

function bindingsFor(rel: Rel, qualifier: string | null, naming: RelationNaming | null = null, env: QueryEnv | null = null): ColumnBinding[] {
  // Where the source engine names derived columns its own way, references use its names.
  const rule = naming ? env?.dialect.derivedColumnNames ?? null : null;
  const engineNames = naming && rule ? relationColumnNames(naming, rule) : [];
  return schemaOf(rel).map((f, i) => {
    const engineName = engineNames[i];
    return { qualifier, name: f.name, expr: E.col(i), type: f.type, nullable: f.nullable, unqualified: true, inStar: true, ...(naming ? { derived: { relation: naming, index: i } } : {}), ...(engineName ? { engineName } : {}) };
  });
}

/**
 * How a table name's columns are named: a CTE's by its query, a table's by its own names, each
 * under the alias's column list (`AS u(x, y)`, over the CTE's own list); null for a table
 * without one (its names are its columns').
 */
function tableNaming(env: QueryEnv, item: Extract<FromItem, { k: 'table' }>, rel: Rel): RelationNaming | null {
  const aliases = item.alias?.columns ?? [];
  const cte = findCte(env, item.name[item.name.length - 1]!);
  const own: RelationNaming | null = cte ? (cte.naming ?? null) : aliases.length > 0 ? { columns: schemaOf(rel).map((f) => ({ name: f.name, expr: null, alias: null, text: f.name, source: null })), aliases: [] } : null;
  if (own === null || aliases.length === 0) return own;
  return { columns: own.columns, aliases: [...aliases, ...own.aliases.slice(aliases.length)] };
}

function translateItem(item: FromItem, env: QueryEnv): FromResult {
  switch (item.k) {
    case 'table': {
      const name = item.name[item.name.length - 1]!;
      const table = resolveTable(env, name, item.span);
      const naming = tableNaming(env, item, table);
      const rel = item.alias ? renameColumns(env, table, item.alias.columns, item.span) : table;
      const qualifier = item.alias?.name.value ?? name.value;
      return { rel, scope: scopeOf(env, rel, bindingsFor(rel, qualifier, naming, env), [qualifier]) };
    }
    case 'derived': {
      if (item.lateral) throw env.src.error('UNSUPPORTED_CONSTRUCT', 'LATERAL subqueries are not supported', item.span, { construct: 'LATERAL' });
      const query = translateQuery(item.query, env);
      const naming = queryNaming(item.query, query, item.alias?.columns ?? [], env);
      const rel = item.alias ? renameColumns(env, query, item.alias.columns, item.span) : query;
      const qualifier = item.alias?.name.value ?? null;
      return { rel, scope: scopeOf(env, rel, bindingsFor(rel, qualifier, naming, env), qualifier === null ? [] : [qualifier]) };
    }
    case 'function': {
      const { rel } = translateTableFunction(item, env);
      const qualifier = item.alias?.name.value ?? item.name[item.name.length - 1]!.value;
      return { rel, scope: scopeOf(env, rel, bindingsFor(rel, qualifier), [qualifier]) };
    }
    case 'join': {
      const left = translateItem(item.left, env);
      const right = translateItem(item.right, env);
      return combine(env, left, right, item.kind, item, item.span);
    }
  }
}

const shift = (e: Expr, by: number): Expr => mapExpr(e, (x) => (x.kind === 'col' ? E.col(x.index + by) : x));

function combine(env: QueryEnv, left: FromResult, right: FromResult, kind: JoinType, join: Extract<FromItem, { k: 'join' }> | null, span: Span): FromResult {
  const width = schemaOf(left.rel).length;
  const nullLeft = kind === 'right' || kind === 'full';
  const nullRight = kind === 'left' || kind === 'full';
  const l = left.scope.columns.map((b) => (nullLeft ? { ...b, nullable: true } : b));
  const r = right.scope.columns.map((b) => ({ ...b, expr: shift(b.expr, width), ...(nullRight ? { nullable: true } : {}) }));
  const qualifiers = [...left.scope.qualifiers, ...right.scope.qualifiers];
  const dup = left.scope.qualifiers.find((q) => right.scope.qualifiers.some((x) => x.toLowerCase() === q.toLowerCase()));
  if (dup !== undefined) throw env.src.error('DUPLICATE_NAME', `table name ${dup} is specified more than once; give one of them an alias`, span, { name: dup });
  const joined = (condition: Expr | null, columns: ColumnBinding[], type: JoinType): FromResult => {
    const rel: Rel = { kind: 'join', type, left: left.rel, right: right.rel, condition };
    return { rel, scope: { columns, input: schemaOf(rel), qualifiers, outer: env.outer } };
  };
  if (!join) return joined(null, [...l, ...r], 'cross');
  if (join.on) {
    const scope: NameScope = { columns: [...l, ...r], input: [...schemaOf(left.rel), ...schemaOf(right.rel)], qualifiers, outer: env.outer };
    const cond = translateExpr(join.on, { src: env.src, dialect: env.dialect, scope, params: env.params, clause: 'JOIN … ON', hooks: {} });
    if (cond.type.kind !== 'bool' && cond.type.kind !== 'null') {
      throw env.src.error('TYPE_MISMATCH', `JOIN … ON condition must be bool, got ${typeToString(cond.type)}`, join.on.span);
    }
    return joined(cond.expr, [...l, ...r], kind);
  }
  if (!join.using && !join.natural) return joined(null, [...l, ...r], kind);
  // USING / NATURAL: the shared names, each bound once (merged) and hidden on both sides.
  // Names as references read them (the source engine's, for its derived tables' columns).
  const names: readonly Ident[] = join.using ?? l.filter((b) => b.unqualified && r.some((x) => x.unqualified && refName(x).toLowerCase() === refName(b).toLowerCase())).map((b) => ({ value: refName(b), quoted: true, span }));
  if (names.length === 0) return joined(null, [...l, ...r], 'cross');
  const side = (bs: ColumnBinding[], n: Ident, which: string): ColumnBinding => {
    const found = bs.filter((b) => b.unqualified && nameMatches(n, refName(b)));
    if (found.length !== 1) {
      throw env.src.error(found.length ? 'AMBIGUOUS_COLUMN' : 'UNKNOWN_COLUMN', `column ${n.value} in USING is ${found.length ? 'ambiguous' : 'missing'} in the ${which} side of the join`, n.span, { column: n.value });
    }
    return found[0]!;
  };
  const conds: Typed[] = [];
  const merged: ColumnBinding[] = [];
  const hidden = new Set<ColumnBinding>();
  for (const n of names) {
    const a = side(l, n, 'left');
    const b = side(r, n, 'right');
    hidden.add(a).add(b);
    const ta: Typed = { expr: a.expr, type: a.type, nullable: a.nullable };
    const tb: Typed = { expr: b.expr, type: b.type, nullable: b.nullable };
    const site = { src: env.src, span: n.span, display: `USING (${n.value})`, argSpans: [n.span, n.span] };
    const eq = buildCall(site, 'equal', [ta, tb]);
    conds.push(eq);
    // The equality's operands, widened to their common type, are the merged column's candidates.
    const [wa, wb] = eq.expr.kind === 'call' ? (eq.expr.args as [Expr, Expr]) : [a.expr, b.expr];
    const type = commonSuperType(a.type, b.type) ?? a.type;
    let expr: Expr = kind === 'right' ? wb : wa;
    let nullable = kind === 'right' ? b.nullable : a.nullable;
    if (kind === 'full') {
      const c = buildCall({ ...site, display: 'coalesce' }, 'coalesce', [{ expr: wa, type, nullable: a.nullable }, { expr: wb, type, nullable: b.nullable }]);
      expr = c.expr;
      nullable = c.nullable;
    }
    // Named as the left side's column (as PostgreSQL and SQLite do; DuckDB names a RIGHT join's after the right side's).
    merged.push({ qualifier: null, name: a.name, expr, type, nullable, unqualified: true, inStar: true, ...(a.derived ? { derived: a.derived } : {}), ...(a.engineName ? { engineName: a.engineName } : {}) });
  }
  const hide = (b: ColumnBinding): ColumnBinding => (hidden.has(b) ? { ...b, unqualified: false, inStar: false } : b);
  const condition = conds.length === 1 ? conds[0]!.expr : E.call('and', conds.map((c) => c.expr), T.bool);
  return joined(condition, [...merged, ...l.map(hide), ...r.map(hide)], kind);
}
