// Output column names by each engine's own rule, for a transpiled query: the names the target
// engine would give the query text as written, so that the emitted text can name its columns so
// (as explicit aliases, whatever subqueries the lowering adds). Each rule was read off the engine
// itself (test/output-names.test.ts runs a corpus of every naming form on each engine):
//   - an alias names its column as written; PostgreSQL folds an unquoted one to lower case;
//   - a column reference (or a star's column) is named after the column it resolves to;
//   - any other expression: PostgreSQL derives a name (`?column?`, the function's name: relc's
//     own names, src/sql/select/env.ts derivedName, but a cast of a literal, CASE or operator
//     expression is named after its type, `int4`); SQLite takes the expression's text as written
//     (up to the next token, comments included); DuckDB prints its parse tree (`(a + 1)`,
//     `count_star()`, `CAST(a AS INTEGER)`), which `duckdbName` (duckdb-names.ts) re-creates for
//     the forms it knows and leaves to the engine (null) otherwise;
//   - a column of a derived table or CTE (through a star or by name) keeps the name the engine gave
//     it there: the item's name as above (but SQLite names a column reference as written), under
//     the column list `s(x, y)`, then made unique by the engine's rule (PostgreSQL keeps
//     duplicates, DuckDB appends `_1`, SQLite `:1`).

import type { Ident, SqlExpr, TypeName } from './ast.ts';
import { duckdbName } from './duckdb-names.ts';
import { sparkName } from './spark-names.ts';
import type { ColumnNaming, DerivedColumn, RelationNaming } from './scope.ts';

export type { ColumnNaming } from './scope.ts';
export { duckdbName } from './duckdb-names.ts';

/** The engines whose naming rules are known (Spark: the forms src/sql/spark-names.ts re-creates). */
export type NamingTarget = 'duckdb' | 'sqlite' | 'postgres' | 'spark';

/** The text of a select-list item from `span.start` up to the next token, as SQLite keeps it for a name. */
export function itemText(text: string, span: { readonly start: number; readonly end: number }): string {
  let end = span.end;
  for (;;) {
    const rest = text.slice(end);
    const skip = /^(\s+|--[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
    if (!skip) break;
    end += skip[0].length;
  }
  return text.slice(span.start, end).trimEnd();
}

/** PostgreSQL folds an unquoted identifier's ASCII letters to lower case. */
const foldAscii = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** The name an alias gives its column: PostgreSQL folds an unquoted one. */
function aliasName(alias: Ident, target: NamingTarget): string {
  return target === 'postgres' && !alias.quoted ? foldAscii(alias.value) : alias.value;
}

/** The name the target engine gives the column, or null when relc does not know it (the engine names it). */
export function targetColumnName(c: ColumnNaming, target: NamingTarget): string | null {
  if (c.alias) return aliasName(c.alias, target);
  // A column is named after the column it reads, a derived table's by that table's rule.
  if (c.expr === null || c.expr.k === 'column') return c.source ? sourceName(c.source, target) : c.name;
  return expressionName(c.expr, c, target);
}

/** What the target names an unaliased expression other than a column. */
function expressionName(e: SqlExpr, c: ColumnNaming, target: NamingTarget): string | null {
  switch (target) {
    case 'postgres':
      return postgresName(e, c.name);
    case 'sqlite':
      return c.text;
    case 'duckdb':
      return duckdbName(e);
    case 'spark':
      return sparkName(e);
  }
}

// ---- Columns of derived tables and CTEs ----

export type DerivedTarget = NamingTarget;

function sourceName(d: DerivedColumn, target: DerivedTarget): string | null {
  return relationColumnNames(d.relation, target)[d.index] ?? null;
}

/**
 * The names the target gives a derived table's (or CTE's) columns: each item's name inside a
 * derived table, the column list over them, then the engine's own uniqueness rule (PostgreSQL
 * keeps duplicates: `select * from (select 1, 1) s` is `?column?`, `?column?`).
 */
export function relationColumnNames(r: RelationNaming, target: DerivedTarget): readonly (string | null)[] {
  // Once per relation and target: every column of a star, at every level of nesting, asks.
  const known = namesOf.get(r) ?? new Map<DerivedTarget, readonly (string | null)[]>();
  namesOf.set(r, known);
  let names = known.get(target);
  if (names === undefined) {
    names = engineNames(r, target);
    known.set(target, names);
  }
  return names;
}

const namesOf = new WeakMap<RelationNaming, Map<DerivedTarget, readonly (string | null)[]>>();

function engineNames(r: RelationNaming, target: DerivedTarget): (string | null)[] {
  const own = r.columns.map((c, i) => {
    const alias = r.aliases[i];
    if (alias) return aliasName(alias, target);
    return r.values ? (target === 'duckdb' ? `col${i}` : target === 'spark' ? `col${i + 1}` : `column${i + 1}`) : innerName(c, target);
  });
  switch (target) {
    case 'postgres':
    case 'spark':
      return own;
    case 'duckdb':
      return madeUnique(own, duckdbUnique);
    case 'sqlite':
      return madeUnique(own, sqliteUnique);
  }
}

/**
 * An item's name inside a derived table: as at the top, but SQLite names a column reference
 * after its last identifier as written (`select * from (select T.A from t)` is `A`), before it
 * resolves it.
 */
function innerName(c: ColumnNaming, target: DerivedTarget): string | null {
  if (target === 'sqlite' && c.alias === null && c.expr?.k === 'column') return c.expr.parts[c.expr.parts.length - 1]!.value;
  return targetColumnName(c, target);
}

/**
 * Names made unique in order by an engine's rule (`taken` holds the lower-cased names before;
 * the rule gives the new name, or null when the engine's choice is not predictable). After a
 * name relc does not know, a later one is known only when it is a plain identifier: no engine
 * prints an expression as one, so it cannot collide with the unknown name.
 */
function madeUnique(names: readonly (string | null)[], rule: (name: string, taken: ReadonlySet<string>) => string | null): (string | null)[] {
  const taken = new Set<string>();
  let unknown = false;
  return names.map((n) => {
    const name = n === null || (unknown && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) ? null : rule(n, taken);
    if (name === null) unknown = true;
    else taken.add(name.toLowerCase());
    return name;
  });
}

/** DuckDB's: `x`, `x_1`, `x_2`, … the first not taken, ignoring case (relc's own rule, uniqueNames). */
function duckdbUnique(name: string, taken: ReadonlySet<string>): string {
  let candidate = name;
  for (let i = 1; taken.has(candidate.toLowerCase()); i++) candidate = `${name}_${i}`;
  return candidate;
}

/**
 * SQLite's (sqlite3ColumnsFromExprList): while taken (ignoring case), a trailing `:digits` is cut
 * and `:k` appended for k = 1, 2, …; past `:4` SQLite picks k at random, so the name is unknown.
 */
function sqliteUnique(name: string, taken: ReadonlySet<string>): string | null {
  let candidate = name;
  for (let k = 1; taken.has(candidate.toLowerCase()); k++) {
    if (k > 4) return null;
    candidate = `${candidate.replace(/:\d*$/, '')}:${k}`;
  }
  return candidate;
}

// ---- PostgreSQL: relc's derived names, but for casts ----

/** The internal name PostgreSQL's grammar gives a type as written (`int` is int4), which names a cast's column. */
const PG_TYPE_NAMES: Readonly<Record<string, string>> = {
  INT: 'int4', INTEGER: 'int4', INT4: 'int4', BIGINT: 'int8', INT8: 'int8', SMALLINT: 'int2', INT2: 'int2', REAL: 'float4', FLOAT4: 'float4',
  FLOAT: 'float8', FLOAT8: 'float8', 'DOUBLE PRECISION': 'float8', NUMERIC: 'numeric', DECIMAL: 'numeric', DEC: 'numeric', BOOLEAN: 'bool',
  BOOL: 'bool', VARCHAR: 'varchar', 'CHARACTER VARYING': 'varchar', CHAR: 'bpchar', CHARACTER: 'bpchar',
};

function pgTypeName(t: TypeName): string {
  const name = PG_TYPE_NAMES[t.name] ?? t.name.toLowerCase();
  return t.array ? `_${name}` : name;
}

/** Whether PostgreSQL's name for `e` is a strong one (a column's, a function's), which a cast keeps. */
function namesStrongly(e: SqlExpr): boolean {
  return e.k === 'column' || e.k === 'func' || e.k === 'extract' || e.k === 'exists' || e.k === 'subquery' || (e.k === 'cast' && namesStrongly(e.arg));
}

/**
 * relc's derived name is PostgreSQL's (src/sql/select/env.ts derivedName), except that a cast of
 * a literal, CASE or operator expression (DATE '…' included) is named after its type there, and
 * an unquoted alias is folded.
 */
function postgresName(e: SqlExpr, relcName: string): string {
  if (e.k === 'typed') return e.type;
  // A scalar subquery is named as its (first) column: relc's name, by the same exceptions (PostgreSQL folds an alias).
  if (e.k === 'subquery' && e.query.body.k === 'select' && e.query.body.items[0]?.k === 'expr') {
    const first = e.query.body.items[0];
    return first.alias ? aliasName(first.alias, 'postgres') : postgresName(first.expr, relcName);
  }
  if (e.k === 'cast' && !namesStrongly(e.arg)) return pgTypeName(e.type);
  return relcName;
}
