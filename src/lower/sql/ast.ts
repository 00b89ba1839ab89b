// The SQL AST that lowering builds and the dialect printer prints: plain readonly data, already
// dialect-specific in its function renderings, neutral in its literals, identifiers and placeholders.

import type { DataType, LiteralValue } from '../../ir/index.ts';

export type SqlExpr =
  | { readonly kind: 'column'; readonly qualifier: string | null; readonly name: string }
  | { readonly kind: 'lit'; readonly type: DataType; readonly value: LiteralValue }
  | { readonly kind: 'param'; readonly name: string; readonly type: DataType }
  | { readonly kind: 'bool'; readonly value: boolean } // a dialect boolean constant (TRUE / 1)
  | { readonly kind: 'star' } // the `*` of count(*)
  | FnCall
  | { readonly kind: 'infix'; readonly op: string; readonly precedence: number; readonly args: readonly SqlExpr[] }
  | { readonly kind: 'prefix'; readonly op: string; readonly precedence: number; readonly arg: SqlExpr }
  | { readonly kind: 'template'; readonly template: string; readonly precedence: number | null; readonly args: readonly SqlExpr[] }
  | { readonly kind: 'case'; readonly whens: readonly { readonly when: SqlExpr; readonly then: SqlExpr }[]; readonly else: SqlExpr | null }
  | { readonly kind: 'cast'; readonly expr: SqlExpr; readonly type: DataType }
  | { readonly kind: 'isnull'; readonly expr: SqlExpr; readonly negated: boolean }
  | { readonly kind: 'in'; readonly expr: SqlExpr; readonly list: readonly SqlExpr[]; readonly negated: boolean }
  | { readonly kind: 'like'; readonly expr: SqlExpr; readonly pattern: SqlExpr; readonly escape: string | null; readonly negated: boolean; readonly ilike: boolean }
  | { readonly kind: 'exists'; readonly query: Query; readonly negated: boolean }
  | { readonly kind: 'in_query'; readonly exprs: readonly SqlExpr[]; readonly query: Query }; // `(a, b) IN (SELECT x, y …)`

export interface FnCall {
  readonly kind: 'fn';
  readonly name: string;
  readonly args: readonly SqlExpr[];
  readonly distinct: boolean;
  readonly filter: SqlExpr | null; // FILTER (WHERE …), only where the dialect has the clause
  readonly over: Over | null;
  readonly aggregate?: boolean; // an aggregate call (not a constant even without columns)
  readonly orderBy?: readonly OrderItem[]; // agg(x ORDER BY k)
  readonly withinGroup?: readonly OrderItem[]; // agg(fraction) WITHIN GROUP (ORDER BY x)
}

export interface OrderItem {
  readonly expr: SqlExpr;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
}

export type SqlFrameBound =
  | { readonly kind: 'unbounded_preceding' | 'current_row' | 'unbounded_following' }
  | { readonly kind: 'preceding' | 'following'; readonly offset: number; readonly value?: SqlExpr };

export interface Over {
  readonly partitionBy: readonly SqlExpr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame: { readonly unit: 'rows' | 'range'; readonly start: SqlFrameBound; readonly end: SqlFrameBound } | null;
}

export type JoinKind = 'inner' | 'left' | 'right' | 'full' | 'cross' | 'semi' | 'anti';

export type FromItem =
  | { readonly kind: 'table'; readonly name: string; readonly alias: string; readonly schema?: string }
  | { readonly kind: 'subquery'; readonly query: Query; readonly alias: string }
  | { readonly kind: 'values'; readonly rows: readonly (readonly SqlExpr[])[]; readonly columns: readonly string[]; readonly alias: string }
  | { readonly kind: 'join'; readonly type: JoinKind; readonly left: FromItem; readonly right: FromItem; readonly on: SqlExpr | null }
  /** `(WITH RECURSIVE c1(cols) AS (…), … SELECT …) AS alias`: a recursion, self-contained. */
  | { readonly kind: 'with_recursive'; readonly ctes: readonly RecursiveCte[]; readonly body: Select; readonly alias: string }
  /** `fn(args) AS alias(columns)`: a table function (generate_series). */
  | { readonly kind: 'function'; readonly name: string; readonly args: readonly SqlExpr[]; readonly columns: readonly string[]; readonly alias: string };

/** One CTE of a WITH RECURSIVE list: `name(columns) AS (base UNION [ALL] step)`. */
export interface RecursiveCte {
  readonly name: string;
  readonly columns: readonly string[];
  readonly query: Compound;
  /** DuckDB's `USING KEY (…)`: a row produced again under the same key replaces the earlier one. */
  readonly usingKey?: readonly string[];
}

export interface SelectItem {
  readonly expr: SqlExpr;
  readonly alias: string;
  /** Printed without `AS alias`: the engine names the column by its own convention (a transpiled query's implicit names). */
  readonly engineNamed?: boolean;
}

export interface Select {
  readonly kind: 'select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: FromItem | null;
  readonly where: SqlExpr | null;
  readonly groupBy: readonly SqlExpr[] | null; // null: not grouped; []: aggregated without keys
  readonly having: SqlExpr | null;
  readonly qualify: SqlExpr | null;
  readonly orderBy: readonly OrderItem[];
  readonly limit: number | null;
  readonly offset: number;
}

/** `a UNION ALL b UNION ALL c`: members are plain selects (no ORDER BY / LIMIT of their own). */
export interface Compound {
  readonly kind: 'compound';
  readonly op: 'union' | 'intersect' | 'except';
  readonly all: boolean;
  readonly inputs: readonly Select[];
}

export type Query = Select | Compound;

export interface Cte {
  readonly name: string;
  readonly query: Query;
}

export interface Statement {
  readonly ctes: readonly Cte[];
  readonly body: Query;
}
