// What translating a query needs: source, dialect, catalog, parameters, CTEs in scope (with how
// their queries name their columns), the enclosing query's names (for correlation) and the spans
// of subqueries (to locate decorrelation errors).

import { exprChildren, RelcError, schemaOf, suggestion, type Expr, type Rel, type Schema, type SourceLocation, type Subquery } from '../../ir/index.ts';
import type { Ident, Query, SelectCore, SetBody, SqlExpr } from '../ast.ts';
import type { Typed } from '../coerce.ts';
import type { SourceDialectDef } from '../dialects.ts';
import { nameMatches, type ColumnNaming, type NameScope, type ParamTypes, type RelationNaming } from '../scope.ts';
import type { Span, SqlSource } from '../source.ts';

/** A diagnostic that does not stop translation (strict mode turns it into a RelcError). */
export interface SqlWarning {
  readonly code: 'NONDETERMINISTIC_ORDER';
  readonly message: string;
  readonly location: SourceLocation;
}

/** Tables and views a query can read: a `scan` for inputs/tables, a `ref` for views. */
export interface Catalog {
  resolve(name: string): Rel | undefined;
  names(): readonly string[];
  /** Declared unique keys (column names) of a table or view, when the catalog knows them. */
  keys?(name: string): readonly (readonly string[])[];
}

export interface CteBinding {
  readonly name: string;
  readonly rel: Rel;
  /** How its query names its columns (absent: unknown, e.g. the working table of a recursive CTE). */
  readonly naming?: RelationNaming | null;
}

export interface QueryEnv {
  readonly src: SqlSource;
  readonly dialect: SourceDialectDef;
  readonly catalog: Catalog;
  readonly params: ParamTypes;
  /** CTEs visible here, innermost last. */
  readonly ctes: readonly CteBinding[];
  /** Names of the query an expression subquery sits in (null at the top and for FROM subqueries). */
  readonly outer: NameScope | null;
  /** Where each IR subquery node came from, for located decorrelation errors. */
  readonly subquerySpans: WeakMap<Subquery, Span>;
  /** Non-total orders are errors instead of warnings. */
  readonly strict: boolean;
  readonly warn: (w: SqlWarning) => void;
  /** Receives, per SELECT core, how its select list names each output column (what transpilers name by the target's rules). */
  readonly namings?: WeakMap<SelectCore, readonly ColumnNaming[]>;
}

export type { ColumnNaming } from '../scope.ts';

/** The CTE a table name reads, innermost first. */
export function findCte(env: QueryEnv, name: Ident): CteBinding | undefined {
  for (let i = env.ctes.length - 1; i >= 0; i--) {
    const c = env.ctes[i]!;
    if (nameMatches(name, c.name)) return c;
  }
  return undefined;
}

/** A table name: CTEs first (innermost wins), then the catalog (exact, then case-insensitive). */
export function resolveTable(env: QueryEnv, name: Ident, span: Span): Rel {
  const cte = findCte(env, name);
  if (cte) return cte.rel;
  const exact = env.catalog.resolve(name.value);
  if (exact) return exact;
  const names = env.catalog.names();
  if (!name.quoted) {
    const ci = names.filter((n) => n.toLowerCase() === name.value.toLowerCase());
    if (ci.length === 1) {
      const r = env.catalog.resolve(ci[0]!);
      if (r) return r;
    }
  }
  const known = [...env.ctes.map((c) => c.name), ...names];
  const hint = suggestion(name.value, known);
  throw env.src.error('UNKNOWN_RELATION', `unknown table ${name.value}${hint.text}${known.length ? `; known: ${known.join(', ')}` : ''}`, span, { relation: name.value, available: known, ...hint.details });
}

/** Output names made unique (`a`, `a_1`, …) so every later reference by name is unambiguous. */
export function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    let candidate = n;
    for (let i = 1; used.has(candidate.toLowerCase()); i++) candidate = `${n}_${i}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

export function renameColumns(env: QueryEnv, rel: Rel, columns: readonly Ident[], span: Span): Rel {
  if (columns.length === 0) return rel;
  const schema: Schema = schemaOf(rel);
  if (columns.length > schema.length) {
    throw env.src.error('TYPE_MISMATCH', `${columns.length} column aliases given for a relation with ${schema.length} columns`, span);
  }
  const names = schema.map((f, i) => columns[i]?.value ?? f.name);
  return { kind: 'project', input: rel, exprs: schema.map((_, i) => ({ kind: 'col', index: i })), names };
}

export function unsupported(env: QueryEnv, what: string, span: Span): RelcError {
  return env.src.error('UNSUPPORTED_CONSTRUCT', `${what} is not supported`, span, { construct: what });
}

/** The first subquery of an expression, outermost first. */
function firstSubquery(e: Expr): Subquery | undefined {
  if (e.kind === 'subquery') return e;
  for (const x of exprChildren(e)) {
    const sub = firstSubquery(x);
    if (sub) return sub;
  }
  return undefined;
}

/** PostgreSQL's output name of an unaliased select-list expression. */
export function derivedName(node: SqlExpr, t: Typed, input: NameScope['input']): string {
  switch (node.k) {
    case 'column':
      return t.expr.kind === 'col' && input[t.expr.index] && node.parts.length ? input[t.expr.index]!.name : node.parts[node.parts.length - 1]!.value;
    case 'func':
      // PostgreSQL's grammar turns TRIM(…) into btrim/ltrim/rtrim and POSITION(x IN y) into position(y, x), named so.
      if (node.syntax === 'position') return 'position';
      return node.syntax === 'trim' && node.name.value.toLowerCase() === 'trim' ? 'btrim' : node.name.value.toLowerCase();
    case 'cast':
      return derivedName(node.arg, t, input);
    case 'case':
      return 'case';
    case 'extract':
      return 'extract';
    case 'exists':
      return 'exists';
    case 'subquery': {
      // PostgreSQL names `(SELECT count(*) …)` after the subquery's own column, under a cast too
      // (`(SELECT …)::varchar(3)`, which relc translates to calls around it).
      const sub = firstSubquery(t.expr);
      return sub ? schemaOf(sub.rel)[0]?.name ?? '?column?' : '?column?';
    }
    default:
      return '?column?';
  }
}

/** The SELECT core that names a query's columns: the first of its set operations; null for VALUES. */
export function namingCore(body: SetBody): SelectCore | null {
  switch (body.k) {
    case 'select':
      return body;
    case 'setop':
      return namingCore(body.left);
    case 'nested':
      return namingCore(body.query.body);
    case 'values':
      return null;
  }
}

/** Whether a query's body is a VALUES list. */
function isValues(body: SetBody): boolean {
  return body.k === 'values' || (body.k === 'nested' && isValues(body.query.body));
}

/** How a query (a derived table's, a CTE's, the whole statement's) names its columns, with its column list; null when unknown. */
export function queryNaming(q: Query, rel: Rel, aliases: readonly Ident[], env: QueryEnv): RelationNaming | null {
  return bodyNaming(q.body, rel, aliases, env);
}

/** How a query body names its columns (its first SELECT's list, or VALUES's positions), `rel` being its relation. */
export function bodyNaming(body: SetBody, rel: Rel, aliases: readonly Ident[], env: QueryEnv): RelationNaming | null {
  if (isValues(body)) return { columns: schemaOf(rel).map((f) => ({ name: f.name, expr: null, alias: null, text: f.name, source: null })), aliases, values: true };
  const core = namingCore(body);
  const columns = core ? env.namings?.get(core) : undefined;
  return columns && columns.length === schemaOf(rel).length ? { columns, aliases } : null;
}
