// Scalar expressions of the IR. Column references are positions into the input schema, never names.

import type { DataType } from './types.ts';
import type { Rel } from './rel.ts';

/**
 * Literal payloads are JSON values so that the IR serializes losslessly:
 * bool → boolean; int32, float64 → number (float64 also 'NaN' | 'Infinity' | '-Infinity');
 * int64, decimal → canonical decimal string ('-12', '3.50' with exactly `scale` digits);
 * utf8 → string; binary → lowercase hex string; date → 'YYYY-MM-DD';
 * timestamp → 'YYYY-MM-DD HH:MM:SS.ffffff'; interval → {months, days, micros} (micros as decimal string);
 * null → null (any type).
 */
export type LiteralValue =
  | null
  | boolean
  | number
  | string
  | { readonly months: number; readonly days: number; readonly micros: string }
  | readonly LiteralValue[];

export type SortDirection = 'asc' | 'desc';
export type NullOrder = 'first' | 'last';

export interface SortKey {
  readonly expr: Expr;
  readonly direction: SortDirection;
  readonly nulls: NullOrder; // always explicit: PostgreSQL's default is last for asc, first for desc
}

/** An aggregate call in an `aggregate` node. `count(*)` is fn 'count' with no args. */
export interface AggCall {
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly distinct: boolean;
  readonly filter?: Expr;
  /** `agg(x ORDER BY k)`: the order the values are taken in (order-sensitive aggregates: string_agg); absent when empty. */
  readonly orderBy?: readonly SortKey[];
  readonly type: DataType;
}

/**
 * A frame bound. `offset` counts rows (ROWS) or is the distance in the ORDER BY key (RANGE over
 * an integer offset); `value` is a RANGE distance that is no integer count: a numeric literal
 * for a numeric key, an interval for a date or timestamp key (`offset` is then 0).
 */
export type FrameBound =
  | { readonly kind: 'unbounded_preceding' }
  | { readonly kind: 'preceding'; readonly offset: number; readonly value?: Literal }
  | { readonly kind: 'current_row' }
  | { readonly kind: 'following'; readonly offset: number; readonly value?: Literal }
  | { readonly kind: 'unbounded_following' };

export interface WindowFrame {
  readonly unit: 'rows' | 'range';
  readonly start: FrameBound;
  readonly end: FrameBound;
}

/** A window function call in a `window` node (aggregates or row_number/rank/lag/...). */
export interface WindowCall {
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly distinct: boolean;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly SortKey[];
  readonly frame?: WindowFrame; // absent: the SQL default frame
  readonly type: DataType;
}

export type Expr =
  | ColRef
  | OuterRef
  | Literal
  | Param
  | Call
  | Case
  | Cast
  | InList
  | IsNull
  | Like
  | Subquery;

/** Field `index` of the input schema (for a join: left fields then right fields). */
export interface ColRef {
  readonly kind: 'col';
  readonly index: number;
}

/**
 * A correlated reference: field `index` of the input `depth` subquery levels out (1 = the
 * relation whose expression holds the subquery). Front-end only: decorrelation removes it.
 */
export interface OuterRef {
  readonly kind: 'outer';
  readonly depth: number;
  readonly index: number;
  readonly type: DataType;
  readonly nullable: boolean;
}

export interface Literal {
  readonly kind: 'lit';
  readonly type: DataType;
  readonly value: LiteralValue;
}

/** A typed parameter slot (`:name`), bound at execution, never spliced into SQL text. */
export interface Param {
  readonly kind: 'param';
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

/** A scalar function or operator from the registry (src/ir/registry.ts), with its resolved type. */
export interface Call {
  readonly kind: 'call';
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly type: DataType;
}

/** Searched CASE (a simple CASE is desugared into equalities by the front ends). */
export interface Case {
  readonly kind: 'case';
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else: Expr | null;
  readonly type: DataType;
}

export interface Cast {
  readonly kind: 'cast';
  readonly expr: Expr;
  readonly type: DataType;
}

export interface InList {
  readonly kind: 'in';
  readonly expr: Expr;
  readonly list: readonly Expr[];
  readonly negated: boolean;
}

export interface IsNull {
  readonly kind: 'isnull';
  readonly expr: Expr;
  readonly negated: boolean;
}

/** LIKE / ILIKE with PostgreSQL semantics (case-sensitive unless `caseInsensitive`). */
export interface Like {
  readonly kind: 'like';
  readonly expr: Expr;
  readonly pattern: Expr;
  readonly escape: string | null;
  readonly negated: boolean;
  readonly caseInsensitive: boolean;
}

/**
 * Subquery forms, front-end only (decorrelation turns them into joins before lowering):
 * scalar `(select ...)`, `exists (...)`, `expr in (select ...)`, each optionally negated.
 * Inside `rel`, OuterRef depth 1 points at the schema of the relation holding this expression.
 */
export interface Subquery {
  readonly kind: 'subquery';
  readonly mode: 'scalar' | 'exists' | 'in';
  readonly rel: Rel;
  readonly expr: Expr | null; // the left operand of `in`
  readonly negated: boolean;
}

export const E = {
  col: (index: number): ColRef => ({ kind: 'col', index }),
  lit: (type: DataType, value: LiteralValue): Literal => ({ kind: 'lit', type, value }),
  call: (fn: string, args: readonly Expr[], type: DataType): Call => ({ kind: 'call', fn, args, type }),
  cast: (expr: Expr, type: DataType): Cast => ({ kind: 'cast', expr, type }),
  isNull: (expr: Expr, negated = false): IsNull => ({ kind: 'isnull', expr, negated }),
  asc: (expr: Expr): SortKey => ({ expr, direction: 'asc', nulls: 'last' }),
  desc: (expr: Expr): SortKey => ({ expr, direction: 'desc', nulls: 'first' }),
} as const;
