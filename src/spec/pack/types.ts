// The type level of the rule-pack builder: which relations a pack has declared, their columns
// and type names, and what each rule may reference. A column a relation lacks is a compile-time
// error in the editor; nothing here exists at run time.

/** Column name → type text as the format writes it (`int64`, `utf8?`, `decimal(12,2)`), or `unknown`. */
export type Columns = { readonly [column: string]: string };

/** Relation name (input or view) → its columns. */
export type Relations = { readonly [relation: string]: Columns };

/** Parameter name → type text. */
export type Params = { readonly [param: string]: string };

/** The columns of a view whose columns only the compiler knows (a `sql` rule declaring none). */
export type AnyColumns = { readonly [column: string]: 'unknown' };

declare const rawBrand: unique symbol;

/** SQL expression text taken as written, unchecked by TypeScript (`raw('…')`). */
export interface Raw {
  readonly [rawBrand]: true;
  readonly text: string;
}

type Name<T> = keyof T & string;

/** A relation's columns as expression fragments: `c.score` is `score`. */
export type ColumnRefs<C extends Columns> = { readonly [K in Name<C>]: string };

/** Parameters as expression fragments: `p.min_score` is `:min_score`. */
export type ParamRefs<P extends Params> = { readonly [K in Name<P>]: string };

/** The columns of `C` whose type is `T` (nullable or not), or that only the compiler knows. */
export type ColumnsOfType<C extends Columns, T extends string> = {
  [K in Name<C>]: C[K] extends T | `${T}?` | 'unknown' ? K : never;
}[Name<C>];

/** A condition: a bool column's name, or an expression (`raw('…')`, a function). */
export type Condition<C extends Columns, P extends Params> = ColumnsOfType<C, 'bool'> | Raw | ((c: ColumnRefs<C>, p: ParamRefs<P>) => string);

/**
 * A scalar expression over one relation: a column name, an expression built from typed column
 * and parameter references, or `raw('…')` text.
 */
export type Expr<C extends Columns, P extends Params> = Name<C> | Raw | ((c: ColumnRefs<C>, p: ParamRefs<P>) => string);

/** The two sides of a relate rule, as references. */
export interface Sides<L extends Columns, R extends Columns> {
  readonly left: ColumnRefs<L>;
  readonly right: ColumnRefs<R>;
}

/** A scalar expression over the two sides of a relate rule (`left.id`, `right.name`, …). */
export type JoinExpr<L extends Columns, R extends Columns, P extends Params> =
  | `left.${Name<L>}`
  | `right.${Name<R>}`
  | Raw
  | ((s: Sides<L, R>, p: ParamRefs<P>) => string);

/** A join condition: a bool column of either side, or an expression. */
export type JoinCondition<L extends Columns, R extends Columns, P extends Params> =
  | `left.${ColumnsOfType<L, 'bool'>}`
  | `right.${ColumnsOfType<R, 'bool'>}`
  | Raw
  | ((s: Sides<L, R>, p: ParamRefs<P>) => string);

type Direction = 'asc' | 'desc';
type Nulls = 'nulls first' | 'nulls last';

/** A sort item: an expression, or a column with `asc`/`desc` and `nulls first`/`nulls last`. */
export type SortItem<C extends Columns, P extends Params> =
  | Expr<C, P>
  | `${Name<C>} ${Direction}`
  | `${Name<C>} ${Nulls}`
  | `${Name<C>} ${Direction} ${Nulls}`;

/** Relation names, as references, for the text of `sql` and `recursive` rules. */
export type RelationRefs<R extends Relations> = { readonly [K in Name<R>]: string };

/** SELECT text: as written, or built from checked relation names and parameters. */
export type SelectText<R extends Relations, P extends Params> = string | ((r: RelationRefs<R>, p: ParamRefs<P>) => string);

/** The type of a select entry that names a column, else `unknown`. */
type TypeOfEntry<C extends Columns, E> = E extends Name<C> ? C[E] : 'unknown';

/** The columns a map of output name → expression gives. */
export type Selected<C extends Columns, S> = { readonly [K in Name<S>]: TypeOfEntry<C, S[K]> };

type SideType<L extends Columns, R extends Columns, E> = E extends `left.${infer X}`
  ? X extends Name<L> ? L[X] : 'unknown'
  : E extends `right.${infer X}`
    ? X extends Name<R> ? R[X] : 'unknown'
    : 'unknown';

/** The columns of a relate rule's select map. */
export type JoinSelected<L extends Columns, R extends Columns, S> = { readonly [K in Name<S>]: SideType<L, R, S[K]> };

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti';

/** The columns of a relate rule without a select map: the left side for semi/anti joins, else both. */
export type JoinColumns<L extends Columns, R extends Columns, J> = J extends 'semi' | 'anti' ? L : L & R;

/** Group keys: column names (each keeps its name and type) or a map of name → expression. */
export type GroupColumns<C extends Columns, G> = G extends readonly (infer K)[]
  ? { readonly [N in K & string]: N extends Name<C> ? C[N] : 'unknown' }
  : Selected<C, G>;

/** Every column as `unknown`. */
export type Unknowns<M> = { readonly [K in Name<M>]: 'unknown' };

/** A flattened intersection, for readable hover text. */
export type Flat<T> = { readonly [K in keyof T]: T[K] } & {};

/** The TypeScript value of a relc type text, as relc returns rows (CONTRACTS.md, canonical values). */
export type ValueOf<T extends string> = T extends `${infer U}?` ? ValueOf<U> | null : T extends 'bool'
  ? boolean
  : T extends 'int32' | 'float64'
    ? number
    : T extends 'int64'
      ? bigint
      : T extends 'utf8' | 'date' | 'timestamp' | `decimal(${string})`
        ? string
        : T extends 'binary'
          ? Uint8Array
          : T extends `list<${infer E}>`
            ? ValueOf<E>[]
            : unknown;

/** A row of columns `C`. */
export type Row<C extends Columns> = Flat<{ -readonly [K in keyof C]: ValueOf<C[K] & string> }>;
