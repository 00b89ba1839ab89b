// Relational operators of the IR and the program (a DAG of named views). Plain readonly data.

import type { Field, Schema } from './types.ts';
import type { AggCall, Expr, Literal, SortKey, WindowCall } from './expr.ts';

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti' | 'cross';
export type SetOpKind = 'union' | 'intersect' | 'except';

export type Rel =
  | Scan
  | Values
  | Filter
  | Project
  | Join
  | Aggregate
  | SetOp
  | Sort
  | Limit
  | Distinct
  | Window
  | Winner
  | Ref
  | Recursive
  | RecursiveRef;

export type RelKind = Rel['kind'];

/** The relation kinds with exactly one input, held in `input`: the one list of them. */
export const SINGLE_INPUT_KINDS = ['filter', 'project', 'aggregate', 'sort', 'limit', 'distinct', 'window', 'winner'] as const satisfies readonly RelKind[];

export type SingleInputRel = Extract<Rel, { readonly kind: (typeof SINGLE_INPUT_KINDS)[number] }>;

// Every kind with an `input` is in the list, or this does not compile.
type Unlisted<T extends never> = T;
type CheckedSingleInputs = Unlisted<Extract<Exclude<Rel, SingleInputRel>, { readonly input: Rel }>>;

// A lookup object rather than a Set: every tree walk asks this of every node.
const SINGLE_INPUT: Readonly<Partial<Record<RelKind, true>>> = Object.fromEntries(SINGLE_INPUT_KINDS.map((k) => [k, true]));

export function hasSingleInput(rel: Rel): rel is SingleInputRel {
  return SINGLE_INPUT[rel.kind] === true;
}

/** A registered input table, with the schema it was declared with. */
export interface Scan {
  readonly kind: 'scan';
  readonly table: string;
  readonly schema: Schema;
}

/** Inline rows; every row has one literal per field. */
export interface Values {
  readonly kind: 'values';
  readonly schema: Schema;
  readonly rows: readonly (readonly Literal[])[];
}

export interface Filter {
  readonly kind: 'filter';
  readonly input: Rel;
  readonly condition: Expr;
}

/** Output: one field per expression, named by `names` (same length). */
export interface Project {
  readonly kind: 'project';
  readonly input: Rel;
  readonly exprs: readonly Expr[];
  readonly names: readonly string[];
}

/**
 * Output: left fields then right fields (semi/anti: left fields only). The condition sees
 * left fields then right fields. `cross` has a null condition; other kinds have one.
 */
export interface Join {
  readonly kind: 'join';
  readonly type: JoinType;
  readonly left: Rel;
  readonly right: Rel;
  readonly condition: Expr | null;
}

/** Output: group keys then measures; `names` covers both, in that order. No keys: one row. */
export interface Aggregate {
  readonly kind: 'aggregate';
  readonly input: Rel;
  readonly groupBy: readonly Expr[];
  readonly measures: readonly AggCall[];
  readonly names: readonly string[];
}

/** Inputs are matched by position (front ends align by name where the spec says so). */
export interface SetOp {
  readonly kind: 'setop';
  readonly op: SetOpKind;
  readonly all: boolean;
  readonly inputs: readonly Rel[];
}

export interface Sort {
  readonly kind: 'sort';
  readonly input: Rel;
  readonly keys: readonly SortKey[];
}

export interface Limit {
  readonly kind: 'limit';
  readonly input: Rel;
  readonly limit: number | null; // null: no limit (offset only)
  readonly offset: number;
}

export interface Distinct {
  readonly kind: 'distinct';
  readonly input: Rel;
}

/** Output: input fields then one field per window call, named by `names`. */
export interface Window {
  readonly kind: 'window';
  readonly input: Rel;
  readonly functions: readonly WindowCall[];
  readonly names: readonly string[];
}

/**
 * Keeps the first `keep` rows of each partition under a total order (first-class for
 * determinism: the order is required and non-empty). Output schema = input schema.
 */
export interface Winner {
  readonly kind: 'winner';
  readonly input: Rel;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly SortKey[];
  readonly keep: number;
}

/** A named view of the program, with the schema that view has. */
export interface Ref {
  readonly kind: 'ref';
  readonly name: string;
  readonly schema: Schema;
}

/**
 * A fixpoint (SQL `WITH RECURSIVE`): `base`, then `step` applied to the rows the previous
 * iteration added (the step reads them through its one `recursive_ref` named `name`) until an
 * iteration adds nothing. `distinct`: set semantics (PostgreSQL UNION: a row already produced is
 * not added again, which ends cycles); else bag semantics (UNION ALL). Output schema: the base's
 * names and types, nullable where the base or the step is. `maxIterations`: how many step
 * iterations may add rows; one more that would add a row is a RECURSION_LIMIT error at run time
 * (null: unbounded). The step is linear: it reads `name` exactly once, never under an
 * aggregate, window, winner, sort, limit, set operation, subquery or an outer join's padded side.
 */
export interface Recursive {
  readonly kind: 'recursive';
  readonly name: string;
  readonly base: Rel;
  readonly step: Rel;
  readonly distinct: boolean;
  readonly maxIterations: number | null;
  /**
   * Set when the recursion is `generate_series(start, stop, step)` (built by `seriesRecursion`,
   * series.ts): a target with a native generate_series for the type may print that instead,
   * once `isSeriesRecursion` confirms that base and step are still exactly that recursion.
   */
  readonly series?: Series;
}

/** `generate_series(start, stop, step)` over literals of one type (the step: of it, or an interval for timestamps). */
export interface Series {
  readonly start: Literal;
  readonly stop: Literal;
  readonly step: Literal;
  /** The output column's name. */
  readonly column: string;
}

/** The working table of the enclosing `recursive` of the same name, with that node's schema. */
export interface RecursiveRef {
  readonly kind: 'recursive_ref';
  readonly name: string;
  readonly schema: Schema;
}

export interface ParamDecl {
  readonly name: string;
  readonly field: Field; // the parameter's type and nullability; field.name === name
  readonly default?: Literal;
}

export type InputFormat = 'csv' | 'parquet' | 'json' | 'jsonl';

export interface InputDecl {
  readonly name: string;
  readonly path: string; // as written in the spec (relative to the spec's directory)
  readonly format: InputFormat;
  readonly schema: Schema;
  readonly key?: readonly string[];
}

export type OutputFormat = 'parquet' | 'csv' | 'json';

export interface OutputDecl {
  readonly name: string;
  readonly from: string; // a view name
  readonly orderBy: readonly SortKey[]; // over the view's schema; empty → all columns
  readonly format: OutputFormat;
  /** A declared unique key (column names of the view), checked by every run before writing. */
  readonly key?: readonly string[];
  /** Columns (names of the view) that partition the written dataset, Hive style. */
  readonly partitionBy?: readonly string[];
}

export interface View {
  readonly name: string;
  readonly rel: Rel;
}

/** A compiled rule pack or SQL script: named views in topological order. */
export interface Program {
  readonly name: string;
  readonly profile: string;
  readonly params: readonly ParamDecl[];
  readonly inputs: readonly InputDecl[];
  readonly views: readonly View[];
  readonly outputs: readonly OutputDecl[];
}
