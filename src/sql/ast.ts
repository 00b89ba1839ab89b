// The SQL syntax tree the parser produces: plain data, every node with its source span, names
// unresolved. The resolver (scalar.ts, select/*) turns it into typed IR.

import type { Span } from './source.ts';

export interface Ident {
  readonly value: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** A type as written: `decimal(12, 2)`, `double precision`, `varchar(10)`. */
export interface TypeName {
  readonly name: string; // upper-cased words joined by one space
  readonly args: readonly number[];
  /** `int[]`: an array of the type. */
  readonly array?: boolean;
  readonly span: Span;
}

export type IntervalField = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

export type SqlExpr =
  | { readonly k: 'column'; readonly parts: readonly Ident[]; readonly span: Span }
  | { readonly k: 'number'; readonly text: string; readonly span: Span }
  | { readonly k: 'string'; readonly value: string; readonly span: Span }
  | { readonly k: 'bool'; readonly value: boolean; readonly span: Span }
  | { readonly k: 'null'; readonly span: Span }
  /** `DATE '…'`, `TIMESTAMP '…'`, `INTERVAL '…' [unit [TO unit]]`. */
  | { readonly k: 'typed'; readonly type: 'date' | 'timestamp' | 'interval'; readonly value: string; readonly unit: IntervalField | null; readonly unitTo: IntervalField | null; readonly span: Span }
  | { readonly k: 'param'; readonly name: string; readonly span: Span }
  | { readonly k: 'unary'; readonly op: '-' | '+' | '~' | 'not'; readonly arg: SqlExpr; readonly span: Span }
  | { readonly k: 'prefix_math'; readonly op: string; readonly fn: string; readonly arg: SqlExpr; readonly span: Span } // PostgreSQL's @, |/, ||/
  | { readonly k: 'binary'; readonly op: string; readonly left: SqlExpr; readonly right: SqlExpr; readonly opSpan: Span; readonly span: Span }
  /** A chain of one logical operator, flat (`a OR b OR c`): `opSpans[i]` is the operator before `args[i + 1]`. */
  | { readonly k: 'logical'; readonly op: 'and' | 'or'; readonly args: readonly SqlExpr[]; readonly opSpans: readonly Span[]; readonly span: Span }
  /** `IS [NOT] NULL | TRUE | FALSE | UNKNOWN | DISTINCT FROM x`. */
  | { readonly k: 'is'; readonly arg: SqlExpr; readonly test: 'null' | 'true' | 'false' | 'unknown' | SqlExpr; readonly negated: boolean; readonly span: Span }
  | { readonly k: 'overlaps'; readonly left: readonly [SqlExpr, SqlExpr]; readonly right: readonly [SqlExpr, SqlExpr]; readonly span: Span } // (s1, e1) OVERLAPS (s2, e2)
  | { readonly k: 'between'; readonly arg: SqlExpr; readonly low: SqlExpr; readonly high: SqlExpr; readonly negated: boolean; readonly span: Span }
  | { readonly k: 'in'; readonly arg: SqlExpr; readonly list: readonly SqlExpr[]; readonly negated: boolean; readonly span: Span }
  | { readonly k: 'in_query'; readonly arg: SqlExpr; readonly query: Query; readonly negated: boolean; readonly span: Span }
  | { readonly k: 'like'; readonly arg: SqlExpr; readonly pattern: SqlExpr; readonly escape: SqlExpr | null; readonly negated: boolean; readonly caseInsensitive: boolean; readonly span: Span }
  | { readonly k: 'case'; readonly operand: SqlExpr | null; readonly whens: readonly { readonly when: SqlExpr; readonly then: SqlExpr }[]; readonly else: SqlExpr | null; readonly span: Span }
  | { readonly k: 'cast'; readonly arg: SqlExpr; readonly type: TypeName; readonly span: Span }
  | { readonly k: 'extract'; readonly field: Ident; readonly arg: SqlExpr; readonly span: Span }
  | { readonly k: 'func'; readonly name: Ident; readonly args: readonly SqlExpr[]; readonly star: boolean; readonly distinct: boolean; readonly filter: SqlExpr | null; readonly over: WindowSpec | null; readonly span: Span; readonly orderBy?: readonly OrderItem[]; readonly withinGroup?: readonly OrderItem[]; readonly syntax?: CallSyntax }
  | { readonly k: 'subquery'; readonly query: Query; readonly span: Span }
  | { readonly k: 'exists'; readonly query: Query; readonly span: Span }
  /** `ARRAY[a, b, …]`. */
  | { readonly k: 'array'; readonly elements: readonly SqlExpr[]; readonly span: Span }
  /** `a[i]`. */
  | { readonly k: 'subscript'; readonly arg: SqlExpr; readonly index: SqlExpr; readonly span: Span }
  /** `x op ANY|ALL|SOME (array expression)`. */
  | { readonly k: 'quantified_array'; readonly op: string; readonly quantifier: 'any' | 'all'; readonly arg: SqlExpr; readonly array: SqlExpr; readonly opSpan: Span; readonly span: Span }
  /** `x op ANY|ALL (subquery)`. */
  | { readonly k: 'quantified'; readonly op: string; readonly quantifier: 'any' | 'all'; readonly arg: SqlExpr; readonly query: Query; readonly span: Span };

/**
 * The keyword syntax a call was written in, which engines name apart from the plain call it
 * means (PostgreSQL names TRIM(…) `btrim`, DuckDB prints `main."position"(…)`): TRIM(…) in any
 * form, SUBSTRING(…) (`substring for`: SUBSTRING(s FOR n), whose start 1 the parser supplied),
 * POSITION(x IN y).
 */
export type CallSyntax = 'trim' | 'substring' | 'substring for' | 'position';

export interface OrderItem {
  readonly expr: SqlExpr;
  readonly direction: 'asc' | 'desc' | null;
  readonly nulls: 'first' | 'last' | null;
  readonly span: Span;
}

export type FrameBoundAst =
  | { readonly kind: 'unbounded_preceding' | 'current_row' | 'unbounded_following' }
  | { readonly kind: 'preceding' | 'following'; readonly offset: SqlExpr };

export interface WindowSpec {
  readonly base: Ident | null; // `OVER w` or `OVER (w ORDER BY …)`
  readonly partitionBy: readonly SqlExpr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame: { readonly unit: 'rows' | 'range' | 'groups'; readonly start: FrameBoundAst; readonly end: FrameBoundAst; readonly span: Span } | null;
  readonly span: Span;
}

export type SelectItem =
  | { readonly k: 'star'; readonly qualifier: Ident | null; readonly exclude: readonly Ident[]; readonly span: Span }
  | { readonly k: 'expr'; readonly expr: SqlExpr; readonly alias: Ident | null; readonly span: Span };

export type JoinKind = 'inner' | 'left' | 'right' | 'full' | 'cross';

export interface TableAlias {
  readonly name: Ident;
  readonly columns: readonly Ident[];
}

export type FromItem =
  | { readonly k: 'table'; readonly name: readonly Ident[]; readonly alias: TableAlias | null; readonly span: Span }
  | { readonly k: 'derived'; readonly query: Query; readonly alias: TableAlias | null; readonly lateral: boolean; readonly span: Span }
  /** A set-returning function in FROM: `generate_series(…) [AS] alias[(column)]`. */
  | { readonly k: 'function'; readonly name: readonly Ident[]; readonly args: readonly SqlExpr[]; readonly alias: TableAlias | null; readonly span: Span }
  | { readonly k: 'join'; readonly kind: JoinKind; readonly natural: boolean; readonly left: FromItem; readonly right: FromItem; readonly on: SqlExpr | null; readonly using: readonly Ident[] | null; readonly span: Span };

export interface SelectCore {
  readonly k: 'select';
  readonly distinct: boolean;
  readonly distinctOn: readonly SqlExpr[] | null;
  readonly items: readonly SelectItem[];
  readonly from: readonly FromItem[];
  readonly where: SqlExpr | null;
  readonly groupBy: readonly SqlExpr[];
  /** GROUP BY ALL (DuckDB): by every select-list item without an aggregate. */
  readonly groupByAll: boolean;
  /**
   * GROUP BY with ROLLUP, CUBE, GROUPING SETS or `()`: the grouping sets, each a list of
   * expressions (all of them are in `groupBy` too). Absent: one set, `groupBy`.
   */
  readonly groupingSets?: readonly (readonly SqlExpr[])[];
  readonly having: SqlExpr | null;
  readonly windows: readonly { readonly name: Ident; readonly spec: WindowSpec }[];
  readonly qualify: SqlExpr | null;
  readonly span: Span;
}

export type SetBody =
  | SelectCore
  | { readonly k: 'values'; readonly rows: readonly (readonly SqlExpr[])[]; readonly span: Span }
  | { readonly k: 'setop'; readonly op: 'union' | 'intersect' | 'except'; readonly all: boolean; readonly left: SetBody; readonly right: SetBody; readonly span: Span }
  | { readonly k: 'nested'; readonly query: Query; readonly span: Span };

export interface Cte {
  readonly name: Ident;
  readonly columns: readonly Ident[];
  readonly query: Query;
  readonly span: Span;
}

export interface Query {
  readonly with: { readonly recursive: boolean; readonly ctes: readonly Cte[]; readonly span: Span } | null;
  readonly body: SetBody;
  readonly orderBy: readonly OrderItem[];
  /** ORDER BY ALL (DuckDB): by every output column, left to right, in one direction. */
  readonly orderByAll: { readonly direction: OrderItem['direction']; readonly nulls: OrderItem['nulls']; readonly span: Span } | null;
  readonly limit: SqlExpr | null;
  readonly offset: SqlExpr | null;
  /** The keyword (LIMIT, OFFSET or FETCH) that opens the first of those clauses. */
  readonly limitSpan: Span | null;
  readonly span: Span;
}
