// Name scopes: which columns an expression can see (qualified, unqualified, from enclosing
// queries) and the resolution rules, with UNKNOWN_COLUMN / AMBIGUOUS_COLUMN errors that list
// what is available.

import { internal, mapExpr, suggestion, type DataType, type Expr, type Schema, type SourceLocation } from '../ir/index.ts';
import type { Ident, SqlExpr } from './ast.ts';
import type { Typed } from './coerce.ts';
import type { Span, SqlSource } from './source.ts';

/** The scope the spec front end passes: relations laid side by side at offsets (CONTRACTS.md). */
export interface ExprScope {
  readonly relations: readonly { readonly alias: string | null; readonly fields: Schema; readonly offset: number }[];
  readonly params: ReadonlyMap<string, { readonly type: DataType; readonly nullable: boolean }>;
}

export interface ExprOptions {
  /** Where the first character of the text sits in its file. */
  readonly origin?: SourceLocation;
}

export type ParamTypes = ExprScope['params'];

/** How a select list names one output column (what transpilers name by a target engine's rules, src/sql/output-names.ts). */
export interface ColumnNaming {
  /** relc's name: the alias, the column's or PostgreSQL's derived name, before names are made unique. */
  readonly name: string;
  /** The select-list expression (null: a column of a star). */
  readonly expr: SqlExpr | null;
  readonly alias: Ident | null;
  /** The item as written, from its first token up to the next token (comments included), trailing white space cut. */
  readonly text: string;
  /** A star's column or a column reference that reads a derived table's or CTE's column: how that column is named. */
  readonly source: DerivedColumn | null;
}

/**
 * How a derived table, CTE or aliased table names its columns: the select list that names them
 * (its first SELECT), then the column list of `AS s(x, y)` / `WITH c(x, y)`, which overrides by
 * position. Engines name such columns by rules of their own (made unique, `x_1`), so the
 * naming is kept rather than relc's names.
 */
export interface RelationNaming {
  readonly columns: readonly ColumnNaming[];
  readonly aliases: readonly Ident[];
  /** A VALUES list: engines name its columns by position, each its way (PostgreSQL and SQLite `column1`, DuckDB `col0`). */
  readonly values?: true;
}

/** The `index`th column of a relation named by `relation`. */
export interface DerivedColumn {
  readonly relation: RelationNaming;
  readonly index: number;
}

/** One name an expression can use. `expr` is over the scope's `input` schema. */
export interface ColumnBinding {
  readonly qualifier: string | null;
  readonly name: string;
  readonly expr: Expr;
  readonly type: DataType;
  readonly nullable: boolean;
  /** Reachable by its bare name (false for the sides of a USING column, which the merged column replaces). */
  readonly unqualified: boolean;
  /** Part of `SELECT *`. */
  readonly inStar: boolean;
  /** The column of a derived table or CTE this binding reads, for naming it as the target engine does (absent: a table's column). */
  readonly derived?: DerivedColumn;
  /**
   * The name the source dialect's engine gives that column, where it names them by its own rule
   * (dialects.ts derivedColumnNames): references match it instead of `name`.
   */
  readonly engineName?: string;
}

/** The name a reference matches a binding by. */
export const refName = (b: ColumnBinding): string => b.engineName ?? b.name;

export interface NameScope {
  readonly columns: readonly ColumnBinding[];
  /** The schema column bindings index into. */
  readonly input: Schema;
  /** Relation aliases visible here (for `t.*` and messages), in FROM order. */
  readonly qualifiers: readonly string[];
  /** The enclosing query's scope, for correlated references. */
  readonly outer: NameScope | null;
}

const nameScopes = new WeakMap<ExprScope, NameScope>();

/** The name scope of an ExprScope (built once per scope object: a rule types all its expressions in one). */
export function scopeFromExprScope(scope: ExprScope): NameScope {
  let s = nameScopes.get(scope);
  if (!s) {
    s = buildNameScope(scope);
    nameScopes.set(scope, s);
  }
  return s;
}

function buildNameScope(scope: ExprScope): NameScope {
  const width = Math.max(0, ...scope.relations.map((r) => r.offset + r.fields.length));
  const input: { name: string; type: DataType; nullable: boolean }[] = Array.from({ length: width }, () => ({ name: '', type: { kind: 'null' }, nullable: true }));
  const columns: ColumnBinding[] = [];
  for (const r of scope.relations) {
    r.fields.forEach((f, i) => {
      input[r.offset + i] = f;
      columns.push({ qualifier: r.alias, name: f.name, expr: { kind: 'col', index: r.offset + i }, type: f.type, nullable: f.nullable, unqualified: true, inStar: true });
    });
  }
  const qualifiers = scope.relations.flatMap((r) => (r.alias === null ? [] : [r.alias]));
  return { columns, input, qualifiers, outer: null };
}

/** Identifier matching: quoted names exactly, bare names case-insensitively. */
export function nameMatches(id: Ident, name: string): boolean {
  return id.quoted ? id.value === name : id.value.toLowerCase() === name.toLowerCase();
}

/** Among case-insensitive matches of a bare name, prefer the exactly spelled ones. */
function preferExact<T>(id: Ident, found: T[], nameOf: (t: T) => string): T[] {
  if (found.length <= 1 || id.quoted) return found;
  const exact = found.filter((f) => nameOf(f) === id.value);
  return exact.length > 0 ? exact : found;
}

function candidates(scope: NameScope, parts: readonly Ident[]): ColumnBinding[] {
  const col = parts[parts.length - 1]!;
  if (parts.length === 1) return preferExact(col, scope.columns.filter((b) => b.unqualified && nameMatches(col, refName(b))), refName);
  const q = parts[parts.length - 2]!;
  const byQualifier = preferExact(q, scope.columns.filter((b) => b.qualifier !== null && nameMatches(q, b.qualifier)), (b) => b.qualifier!);
  return preferExact(col, byQualifier.filter((b) => nameMatches(col, refName(b))), refName);
}

/** The bindings a reference names in `scope` itself (no enclosing scopes, no errors). */
export function findLocal(scope: NameScope, parts: readonly Ident[]): ColumnBinding[] {
  return parts.length > 3 ? [] : candidates(scope, parts);
}

export function displayName(b: ColumnBinding): string {
  return b.qualifier === null ? refName(b) : `${b.qualifier}.${refName(b)}`;
}

function available(scope: NameScope): string[] {
  const seen = new Set<string>();
  for (const b of scope.columns) if (b.unqualified || b.qualifier !== null) seen.add(displayName(b));
  return [...seen];
}

/** Rewrites a binding's expression to read from `depth` levels out. */
function outerize(b: ColumnBinding, scope: NameScope, depth: number): Expr {
  return mapExpr(b.expr, (e) => {
    if (e.kind !== 'col') return e;
    const f = scope.input[e.index];
    if (!f) throw internal(`binding column #${e.index} outside its scope`);
    return { kind: 'outer', depth, index: e.index, type: f.type, nullable: f.nullable };
  });
}

/** Resolves a (possibly qualified) column reference here or in an enclosing query. */
export function resolveColumn(src: SqlSource, scope: NameScope, parts: readonly Ident[], span: Span): Typed {
  if (parts.length > 3) throw src.error('UNKNOWN_COLUMN', `column reference ${parts.map((p) => p.value).join('.')} has too many parts`, span);
  let depth = 0;
  for (let s: NameScope | null = scope; s; s = s.outer, depth++) {
    const found = candidates(s, parts);
    if (found.length > 1) {
      const shown = found.map(displayName);
      throw src.error('AMBIGUOUS_COLUMN', `column reference ${parts.map((p) => p.value).join('.')} is ambiguous: it could be ${shown.join(' or ')}`, span, { column: parts.map((p) => p.value).join('.'), candidates: shown });
    }
    if (found.length === 1) {
      const b = found[0]!;
      if (depth > 1) {
        throw src.error('UNSUPPORTED_CONSTRUCT', `${parts.map((p) => p.value).join('.')} refers to a query ${depth} levels out; correlated references reach one level only`, span, { construct: 'deep correlation' });
      }
      return { expr: depth === 0 ? b.expr : outerize(b, s, depth), type: b.type, nullable: b.nullable };
    }
  }
  const name = parts.map((p) => p.value).join('.');
  const avail = available(scope);
  // Near names of this scope and the enclosing ones: bare names for a bare reference.
  const near: string[] = [];
  for (let s: NameScope | null = scope; s; s = s.outer) for (const b of s.columns) if (parts.length > 1 ? b.qualifier !== null : b.unqualified) near.push(parts.length > 1 ? displayName(b) : refName(b));
  const hint = suggestion(name, near);
  let message = `unknown column ${name}${hint.text}`;
  if (parts.length > 1) {
    const q = parts[parts.length - 2]!;
    const knownQualifier = (function anyScope(s: NameScope | null): boolean {
      return s !== null && (s.qualifiers.some((x) => nameMatches(q, x)) || anyScope(s.outer));
    })(scope);
    if (!knownQualifier) message += ` (no relation ${q.value} here${scope.qualifiers.length ? `; relations: ${scope.qualifiers.join(', ')}` : ''})`;
  }
  message += avail.length ? `; available columns: ${avail.join(', ')}` : '; no columns are available here';
  throw src.error('UNKNOWN_COLUMN', message, span, { column: name, available: avail, ...hint.details });
}
