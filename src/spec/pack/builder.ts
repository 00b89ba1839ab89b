// The typed rule-pack builder: `pack('name').input(…).filter(…)…` builds the plain spec object
// the YAML form parses to (format.ts), so both compile to the same program, signatures and spec
// hash. Each call records where it is written, so errors point at the TypeScript line.
//
//   pack('q').input('people', { path: 'people.csv', schema: { id: 'int64', score: 'float64' } })
//     .filter('good', { from: 'people', where: (c) => `${c.score} > 0.5` })   // where: "score > 0.5"
//     .filter('bad', { from: 'people', where: (c) => `${c.scroe} > 0.5` })    // tsc: no column 'scroe'

import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { kyselyText, queryBuilder, type CompilableQuery, type DatabaseOf } from './kysely.ts';
import { RelcError, type SourceLocation } from '../../ir/errors.ts';
import type {
  AnyColumns, ColumnRefs, Columns, ColumnsOfType, Condition, Expr, JoinCondition, Flat, GroupColumns, JoinColumns, JoinExpr, JoinSelected, JoinType, Params, ParamRefs, Raw, Relations,
  RelationRefs, Row, Selected, SelectText, SortItem, Unknowns,
} from './types.ts';

// `relc/pack` is this file: the builder without the rest of the library, so a pack module that
// imports it loads no compiler and no engine.
export type { AnyColumns, Columns, ColumnRefs, Expr, JoinExpr, ParamRefs, Raw, Row, SortItem, ValueOf } from './types.ts';
export type { CompilableQuery, DatabaseOf } from './kysely.ts';

/** Where each part of a pack is written: `''` (the `pack` call), `params.<name>`, `inputs.<name>`, `rules.<i>`, `outputs.<i>`. */
export type PackSites = ReadonlyMap<string, SourceLocation>;

/** The symbols a built spec carries its call sites and declared view columns under (not part of the spec). */
export const PACK_SITES = Symbol.for('relc.pack.sites');
export const PACK_COLUMNS = Symbol.for('relc.pack.columns');
const RAW = Symbol.for('relc.pack.raw');

type Plain = { [key: string]: unknown };

interface State {
  readonly head: Plain;
  readonly params: readonly [string, Plain][];
  readonly inputs: readonly [string, Plain][];
  readonly rules: readonly Plain[];
  readonly outputs: readonly Plain[];
  readonly sites: ReadonlyMap<string, SourceLocation>;
  /** Columns declared for `sql` and `recursive` rules, checked against the compiled views. */
  readonly columns: ReadonlyMap<string, Columns>;
}

/** SQL expression text taken as written: what TypeScript cannot check (function calls of the text, `count(*)`). */
export function raw(text: string): Raw {
  return { [RAW]: true, text } as unknown as Raw;
}

const HERE = fileURLToPath(import.meta.url);
/** A stack frame's file (an absolute path or file: URL, not node:internal or data:), line and column. */
const FRAME = /(?:\(|^at )((?:file:\/\/)?\/[^()]*?|[A-Za-z]:\\[^()]*?):(\d+):(\d+)\)?$/;

/** The first stack frame outside this file: the author's builder call (undefined when it has no file). */
function callSite(): SourceLocation | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  Error.captureStackTrace(holder);
  Error.stackTraceLimit = limit;
  for (const line of (holder.stack ?? '').split('\n').slice(1)) {
    const m = FRAME.exec(line.trim());
    const file = m && (m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!);
    if (file === HERE) continue;
    // The caller; without a file of its own (a CommonJS module under tsx runs from a data: URL) there is no site.
    return m && file ? { file, line: Number(m[2]), col: Number(m[3]) } : undefined;
  }
  return undefined;
}

const refs = (prefix: string): ColumnRefs<Columns> =>
  new Proxy({}, { get: (_, key) => (typeof key === 'string' ? `${prefix}${key}` : undefined) }) as ColumnRefs<Columns>;
const PARAMS = new Proxy({}, { get: (_, key) => (typeof key === 'string' ? `:${key}` : undefined) }) as ParamRefs<Params>;
const SIDES = { left: refs('left.'), right: refs('right.') };
const RELATIONS = refs('') as RelationRefs<Relations>;

/** The text of an expression, a sort item or a SELECT, as the YAML form writes it. */
function text(value: unknown, scope: unknown, what: string, site: SourceLocation | undefined): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && RAW in value) return (value as unknown as Raw).text;
  if (typeof value === 'function') {
    const out = (value as (a: unknown, p: unknown) => unknown)(scope, PARAMS);
    if (typeof out === 'string') return out;
  }
  throw new RelcError('SPEC_BAD_VALUE', `${what}: expected an expression (a column name, raw('…') or a function returning text)`, site ? { location: site } : {});
}

const mapValues = (m: Readonly<Record<string, unknown>>, f: (v: unknown, k: string) => string): Record<string, string> =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, f(v, k)]));

/** Keys of `opts` that are set, in the order given: the spec has no `undefined` members. */
function defined(fields: Plain): Plain {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

type Described = { readonly description?: string };
type Add<R extends Relations, N extends string, C> = Flat<R & { readonly [K in N]: Flat<C> }>;

/**
 * A rule pack under construction. Every method returns a new pack (the receiver is unchanged);
 * the type parameters are the relations declared so far (`R`), the parameters (`P`) and the names
 * of the views (`V`), so each rule may name only what exists before it.
 */
export class Pack<R extends Relations = {}, P extends Params = {}, V extends string = never> {
  /** Type-level only: the relations declared so far (read with `ColumnsOf` / `RowOf`). */
  declare readonly relations?: R;

  private constructor(private readonly state: State) {}

  /** @internal */
  static start(name: string, opts: { description?: string; profile?: string }, site: SourceLocation | undefined): Pack {
    const sites = new Map<string, SourceLocation>(site ? [['', site]] : []);
    return new Pack({ head: defined({ relc: 1, name, description: opts.description, profile: opts.profile }), params: [], inputs: [], rules: [], outputs: [], sites, columns: new Map() });
  }

  private with(change: Partial<State>, key: string, site: SourceLocation | undefined): never {
    const sites = site ? new Map([...this.state.sites, [key, site]]) : this.state.sites;
    return new Pack({ ...this.state, ...change, sites }) as never;
  }

  private rule(name: string, kind: string, fields: Plain, site: SourceLocation | undefined, columns?: Columns): never {
    const rule = defined({ name, kind, ...fields });
    const declared = columns ? new Map([...this.state.columns, [name, columns]]) : this.state.columns;
    return this.with({ rules: [...this.state.rules, rule], columns: declared }, `rules.${this.state.rules.length}`, site);
  }

  /** The pack's execution policy (`policy:` of the YAML form): lanes, shims, fallbacks, limits, required columns, key checks. */
  policy(policy: {
    lanes?: readonly (`${'sql' | 'shim'}` | `${'sql' | 'shim'}:${'duckdb' | 'sqlite' | 'postgres'}`)[];
    shims?: 'allow' | 'forbid';
    fallbacks?: 'allow' | 'forbid';
    on_violation?: 'error' | 'warn';
    shim_row_limit?: number;
    ambiguity_columns?: readonly string[];
    input_keys?: 'error' | 'warn';
  }): Pack<R, P, V> {
    const site = callSite();
    const fields = defined({ ...policy, lanes: policy.lanes ? [...policy.lanes] : undefined, ambiguity_columns: policy.ambiguity_columns ? [...policy.ambiguity_columns] : undefined });
    return this.with({ head: { ...this.state.head, policy: fields } }, 'policy', site);
  }

  /** A typed parameter, bound at execution (`p.min_score` in an expression is `:min_score`). */
  param<const N extends string, const T extends string>(
    name: N,
    decl: { type: T; default?: string | number | boolean | null } & Described,
  ): Pack<R, Flat<P & { readonly [K in N]: T }>, V> {
    const site = callSite();
    return this.with({ params: [...this.state.params, [name, defined({ type: decl.type, default: decl.default, description: decl.description })]] }, `params.${name}`, site);
  }

  /** An input table read from a file with a declared schema (column → type text, `?` = nullable). */
  input<const N extends string, const S extends Columns>(
    name: N,
    decl: { path: string; format?: 'csv' | 'parquet' | 'json' | 'jsonl'; schema: S; key?: readonly (keyof S & string)[] } & Described,
  ): Pack<Add<R, N, S>, P, V> {
    const site = callSite();
    const fields = defined({ path: decl.path, format: decl.format, schema: { ...decl.schema }, key: decl.key ? [...decl.key] : undefined, description: decl.description });
    return this.with({ inputs: [...this.state.inputs, [name, fields]] }, `inputs.${name}`, site);
  }

  /** The rows of `from` where the condition holds (a column named here must be a bool column). */
  filter<const N extends string, F extends keyof R & string>(name: N, rule: { from: F; where: Condition<R[F], P> } & Described): Pack<Add<R, N, R[F]>, P, V | N> {
    const site = callSite();
    return this.rule(name, 'filter', { description: rule.description, from: rule.from, where: text(rule.where, refs(''), 'where', site) }, site);
  }

  project<const N extends string, F extends keyof R & string, const S extends { readonly [column: string]: Expr<R[F], P> }>(
    name: N,
    rule: { from: F; select: S } & Described,
  ): Pack<Add<R, N, Selected<R[F], S>>, P, V | N> {
    const site = callSite();
    return this.rule(name, 'project', { description: rule.description, from: rule.from, select: mapValues(rule.select, (v, k) => text(v, refs(''), `select.${k}`, site)) }, site);
  }

  /** A join of two relations without `select`: the columns of both sides (semi and anti joins: the left side's). */
  relate<const N extends string, L extends keyof R & string, Rt extends keyof R & string, const J extends JoinType = 'inner'>(
    name: N,
    rule: { left: L; right: Rt; join?: J; on: JoinCondition<R[L], R[Rt], P>; select?: undefined } & Described,
  ): Pack<Add<R, N, JoinColumns<R[L], R[Rt], J>>, P, V | N>;
  /**
   * A join of two relations; `left.`/`right.` (or the `left`/`right` references) name the sides.
   * (Last of the two, so tsc reports a misspelled name against this one.)
   */
  relate<
    const N extends string,
    L extends keyof R & string,
    Rt extends keyof R & string,
    const S extends { readonly [column: string]: JoinExpr<R[L], R[Rt], P> },
    const J extends JoinType = 'inner',
  >(name: N, rule: { left: L; right: Rt; join?: J; on: JoinCondition<R[L], R[Rt], P>; select?: S } & Described): Pack<Add<R, N, JoinSelected<R[L], R[Rt], S>>, P, V | N>;
  relate(name: string, rule: { left: string; right: string; join?: JoinType; on: unknown; select?: Readonly<Record<string, unknown>> } & Described): never {
    const site = callSite();
    const select = rule.select ? mapValues(rule.select, (v, k) => text(v, SIDES, `select.${k}`, site)) : undefined;
    return this.rule(name, 'relate', { description: rule.description, left: rule.left, right: rule.right, join: rule.join, on: text(rule.on, SIDES, 'on', site), select }, site);
  }

  /** One group of all rows (no `group_by`): the measures (name → aggregate expression) are the columns. */
  aggregate<const N extends string, F extends keyof R & string, const M extends { readonly [column: string]: Expr<R[F], P> }>(
    name: N,
    rule: { from: F; group_by?: undefined; measures: M } & Described,
  ): Pack<Add<R, N, Unknowns<M>>, P, V | N>;
  /**
   * Group keys (column names, or name → expression) and measures (name → aggregate expression).
   * (Last of the two, so tsc reports a misspelled key against this one.)
   */
  aggregate<
    const N extends string,
    F extends keyof R & string,
    const M extends { readonly [column: string]: Expr<R[F], P> },
    const G extends readonly (keyof R[F] & string)[] | { readonly [column: string]: Expr<R[F], P> },
  >(name: N, rule: { from: F; group_by: G; measures: M } & Described): Pack<Add<R, N, GroupColumns<R[F], G> & Unknowns<M>>, P, V | N>;
  aggregate(name: string, rule: { from: string; group_by?: readonly string[] | Readonly<Record<string, unknown>>; measures: Readonly<Record<string, unknown>> } & Described): never {
    const site = callSite();
    const g = rule.group_by;
    const groupBy = g === undefined ? undefined : Array.isArray(g) ? [...(g as readonly string[])] : mapValues(g as Readonly<Record<string, unknown>>, (v, k) => text(v, refs(''), `group_by.${k}`, site));
    return this.rule(name, 'aggregate', { description: rule.description, from: rule.from, group_by: groupBy, measures: mapValues(rule.measures, (v, k) => text(v, refs(''), `measures.${k}`, site)) }, site);
  }

  /** Rows of several relations, columns matched by name; `tag` adds the name of each row's relation. */
  union<const N extends string, const F extends readonly [keyof R & string, ...(keyof R & string)[]], const Tg extends string = never>(
    name: N,
    rule: { from: F; distinct?: boolean; tag?: Tg } & Described,
  ): Pack<Add<R, N, R[F[0]] & { readonly [K in Tg]: 'utf8' }>, P, V | N> {
    const site = callSite();
    return this.rule(name, 'union', { description: rule.description, from: [...rule.from], distinct: rule.distinct, tag: rule.tag }, site);
  }

  /** The first `keep` rows of each partition under a required, non-empty order. */
  winner<const N extends string, F extends keyof R & string>(
    name: N,
    rule: { from: F; partition_by?: readonly Expr<R[F], P>[]; order_by: readonly [SortItem<R[F], P>, ...SortItem<R[F], P>[]]; keep?: number } & Described,
  ): Pack<Add<R, N, R[F]>, P, V | N> {
    const site = callSite();
    const partition = rule.partition_by?.map((e, i) => text(e, refs(''), `partition_by[${i}]`, site));
    const order = rule.order_by.map((e, i) => text(e, refs(''), `order_by[${i}]`, site));
    return this.rule(name, 'winner', { description: rule.description, from: rule.from, partition_by: partition, order_by: order, keep: rule.keep }, site);
  }

  /** A stable id column over `id.of`, checked spans (integer columns), NFC-normalized text (utf8 columns). */
  normalize<const N extends string, F extends keyof R & string, const I extends string>(
    name: N,
    rule: {
      from: F;
      id: { name: I; of: readonly [Expr<R[F], P>, ...Expr<R[F], P>[]] };
      span?: readonly [ColumnsOfType<R[F], 'int32' | 'int64'>, ColumnsOfType<R[F], 'int32' | 'int64'>];
      text?: readonly ColumnsOfType<R[F], 'utf8'>[];
    } & Described,
  ): Pack<Add<R, N, { readonly [K in I]: 'utf8' } & R[F]>, P, V | N> {
    const site = callSite();
    const id = { name: rule.id.name, of: rule.id.of.map((e, i) => text(e, refs(''), `id.of[${i}]`, site)) };
    return this.rule(name, 'normalize', { description: rule.description, from: rule.from, id, span: rule.span ? [...rule.span] : undefined, text: rule.text ? [...rule.text] : undefined }, site);
  }

  /**
   * A SELECT over the inputs and views. TypeScript cannot read its columns: declare them in
   * `columns` for later rules to check against (relc checks the declaration against the view).
   */
  sql<const N extends string, const C extends Columns = AnyColumns>(
    name: N,
    rule: ({ sql: SelectText<R, P>; kysely?: never } | { kysely: (db: Kysely<DatabaseOf<R>>) => CompilableQuery; sql?: never }) & { columns?: C } & Described,
  ): Pack<Add<R, N, C>, P, V | N> {
    const site = callSite();
    // A Kysely query, built against the pack's relations, is kept as the PostgreSQL text it compiles to.
    const sql = rule.kysely ? kyselyText(rule.kysely(queryBuilder<DatabaseOf<R>>()), site) : text(rule.sql, RELATIONS, 'sql', site);
    return this.rule(name, 'sql', { description: rule.description, sql }, site, rule.columns);
  }

  /** A fixpoint: `base`, then `step` (reading this rule once) until an iteration adds no row. */
  recursive<const N extends string, const C extends Columns = AnyColumns>(
    name: N,
    rule: { base: SelectText<R, P>; step: SelectText<Add<R, N, C>, P>; union?: 'distinct' | 'all'; max_iterations?: number; columns?: C } & Described,
  ): Pack<Add<R, N, C>, P, V | N> {
    const site = callSite();
    const fields = { description: rule.description, base: text(rule.base, RELATIONS, 'base', site), step: text(rule.step, RELATIONS, 'step', site), union: rule.union, max_iterations: rule.max_iterations };
    return this.rule(name, 'recursive', fields, site, rule.columns);
  }

  /** A file the run writes: one view, in a format and a row order. */
  output<const N extends string, F extends V & keyof R & string>(
    name: N,
    out: { from: F; order_by?: readonly SortItem<R[F], P>[]; format?: 'parquet' | 'csv' | 'json'; key?: readonly (keyof R[F] & string)[]; partition_by?: readonly (keyof R[F] & string)[] } & Described,
  ): Pack<R, P, V> {
    const site = callSite();
    const order = out.order_by?.map((e, i) => text(e, refs(''), `order_by[${i}]`, site));
    const list = (xs: readonly string[] | undefined) => (xs ? [...xs] : undefined);
    const fields = defined({ name, from: out.from, order_by: order, format: out.format, key: list(out.key), partition_by: list(out.partition_by), description: out.description });
    return this.with({ outputs: [...this.state.outputs, fields] }, `outputs.${this.state.outputs.length}`, site);
  }

  /**
   * The spec as the YAML form parses to (plain data: what `relc` validates, compiles and hashes),
   * carrying the call sites and declared columns under symbols that are not part of it.
   */
  toSpec(): Plain {
    const s = this.state;
    const spec: Plain = { ...s.head };
    if (s.params.length > 0) spec['params'] = Object.fromEntries(s.params);
    if (s.inputs.length > 0) spec['inputs'] = Object.fromEntries(s.inputs);
    if (s.rules.length > 0) spec['rules'] = [...s.rules];
    if (s.outputs.length > 0) spec['outputs'] = [...s.outputs];
    Object.defineProperty(spec, PACK_SITES, { value: s.sites });
    Object.defineProperty(spec, PACK_COLUMNS, { value: s.columns });
    return spec;
  }
}

/** Starts a rule pack (spec v1). */
export function pack<const N extends string>(name: N, opts: { description?: string; profile?: 'default' | 'strict' | 'low_latency' | 'replay' } = {}): Pack {
  return Pack.start(name, opts, callSite());
}

/** The columns of relation `N` of a pack, as type texts. */
export type ColumnsOf<T, N extends string> = T extends Pack<infer R, Params, string> ? (N extends keyof R ? R[N] : never) : never;

/** The row type of relation `N` of a pack (`RowOf<typeof quickstart, 'team_sizes'>`). */
export type RowOf<T, N extends string> = ColumnsOf<T, N> extends infer C extends Columns ? Row<C> : never;
