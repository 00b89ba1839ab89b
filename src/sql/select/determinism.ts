// Determinism of constructs that keep or number rows by position (DESIGN §5): LIMIT/OFFSET,
// DISTINCT ON, row_number/ntile/lag/lead, first_value/last_value and aggregates over ROWS
// frames. An order that is not provably total gets the remaining sortable columns as ascending
// NULLS LAST tiebreaks and a NONDETERMINISTIC_ORDER warning (an error under strict), as winner
// rules do; otherwise DuckDB's threads and SQLite would each keep or number different rows.

import { colIndexes, E, exprChildren, lookupFunction, schemaOf, uniqueKeys as keysOf, type DataType, type Expr, type FrameBound, type Rel, type Schema, type SortKey, type UniqueKey, type WindowCall, type WindowFrame } from '../../ir/index.ts';
import type { Span } from '../source.ts';
import type { Catalog, QueryEnv } from './env.ts';

/** Unique keys the plan proves, from the catalog's declared keys (src/ir/keys.ts). */
export function uniqueKeys(rel: Rel, catalog: Catalog): UniqueKey[] {
  return keysOf(rel, catalog.keys?.bind(catalog));
}

/** Types a tiebreak can order by (lists, structs and untyped NULL columns are skipped). */
export function sortable(t: DataType): boolean {
  return t.kind !== 'list' && t.kind !== 'struct' && t.kind !== 'null';
}

/**
 * Is an order over `exprs` (partition and order expressions) total on rows of `schema` — do
 * its plain column keys cover a unique key, or every sortable column (`among`, default all)?
 */
export function isTotal(exprs: readonly Expr[], schema: Schema, keys: readonly UniqueKey[], among?: readonly number[]): boolean {
  const used = new Set(colIndexes(exprs));
  if (keys.some((k) => k.every((i) => used.has(i)))) return true;
  return (among ?? schema.map((_, i) => i)).every((i) => used.has(i) || !sortable(schema[i]!.type));
}

/** The columns (of `among`, default all) not already ordered by: ascending NULLS LAST. */
export function tiebreaks(exprs: readonly Expr[], schema: Schema, among?: readonly number[]): SortKey[] {
  const used = new Set(colIndexes(exprs));
  return (among ?? schema.map((_, i) => i)).filter((i) => !used.has(i) && sortable(schema[i]!.type)).map((i) => E.asc(E.col(i)));
}

/** Names of tiebreak columns, for messages. */
export function tiebreakNames(keys: readonly SortKey[], schema: Schema): string {
  return keys.map((k) => (k.expr.kind === 'col' ? schema[k.expr.index]!.name : '?')).join(', ');
}

/** Reports a non-total order: a warning, or under strict a NONDETERMINISTIC_ORDER error. */
export function reportNondeterminism(env: QueryEnv, span: Span, what: string, broken: string): void {
  if (env.strict) throw env.src.error('NONDETERMINISTIC_ORDER', `${what}; make the order total: add the remaining columns or order by a unique key`, span);
  env.warn({ code: 'NONDETERMINISTIC_ORDER', message: `${what}; breaking ties by ${broken}`, location: env.src.locate(span.start) });
}

/**
 * ORDER BY keys for a LIMIT/OFFSET over `rel` (null when there is none): the given keys, plus
 * tiebreaks over the visible columns when they are not total.
 */
export function limitOrder(env: QueryEnv, rel: Rel, keys: readonly SortKey[], visible: number, q: { readonly limit: number | null; readonly offset: number }, span: Span): SortKey[] {
  if (q.limit === 0 || (q.limit === null && q.offset === 0)) return [...keys];
  const schema = schemaOf(rel);
  const among = schema.slice(0, visible).map((_, i) => i);
  const exprs = keys.map((k) => k.expr);
  if (isTotal(exprs, schema, uniqueKeys(rel, env.catalog), among)) return [...keys];
  const extra = tiebreaks(exprs, schema, among);
  if (extra.length === 0) return [...keys];
  const clause = q.limit === null ? 'OFFSET' : 'LIMIT';
  const what = keys.length === 0 ? `${clause} without ORDER BY keeps arbitrary rows` : `the ORDER BY under ${clause} is not total, so which tied rows are kept is arbitrary`;
  reportNondeterminism(env, span, what, tiebreakNames(extra, schema));
  return [...keys, ...extra];
}

/**
 * How a window function's value depends on the order of rows inside its partition:
 * `position` reads row positions (frames are ignored); `peers` reads only the order keys (tied
 * rows get equal values, so ties are harmless); `first`/`last` read one end of the frame.
 * Aggregates (not listed) see their frame as a set: only a ROWS frame makes them positional.
 * A window function missing here is treated as positional.
 */
type OrderUse = 'position' | 'peers' | 'first' | 'last' | 'aggregate';
const ORDER_USE: ReadonlyMap<string, OrderUse> = new Map(Object.entries({
  row_number: 'position', ntile: 'position', lag: 'position', lead: 'position',
  rank: 'peers', dense_rank: 'peers', percent_rank: 'peers', cume_dist: 'peers',
  first_value: 'first', last_value: 'last',
} as const));

const UNBOUNDED_PRECEDING: FrameBound = { kind: 'unbounded_preceding' };
const UNBOUNDED_FOLLOWING: FrameBound = { kind: 'unbounded_following' };
const WHOLE_PARTITION: WindowFrame = { unit: 'rows', start: UNBOUNDED_PRECEDING, end: UNBOUNDED_FOLLOWING };

/**
 * A window call whose value would depend on how the engine orders tied rows, made total:
 * tiebreaks appended (ROWS frames and position functions), or — for first_value/last_value
 * over frames of whole peer groups, where more ORDER BY keys would split the peer groups and so
 * change the frame — the partition's or the peer group's first/last row under the tiebreak.
 */
export function determinizeWindow(env: QueryEnv, call: WindowCall, input: Rel, span: Span): WindowCall {
  const use: OrderUse = ORDER_USE.get(call.fn) ?? (lookupFunction(call.fn)?.kind === 'aggregate' ? 'aggregate' : 'position'); // unknown: assume the worst
  if (use === 'peers') return call;
  // The SQL default frame: up to the current row's last peer with an ORDER BY, else the whole partition.
  const frame: WindowFrame = call.frame ?? (call.orderBy.length > 0 ? { unit: 'range', start: UNBOUNDED_PRECEDING, end: { kind: 'current_row' } } : { unit: 'range', start: UNBOUNDED_PRECEDING, end: UNBOUNDED_FOLLOWING });
  const rowsFrame = frame.unit === 'rows' && !(frame.start.kind === 'unbounded_preceding' && frame.end.kind === 'unbounded_following');
  if (use === 'aggregate' && !rowsFrame) return call; // a set of whole peer groups
  const schema = schemaOf(input);
  const used = [...call.partitionBy, ...call.orderBy.map((k) => k.expr)];
  if (isTotal(used, schema, uniqueKeys(input, env.catalog))) return call;
  // first/last over whole peer groups of an argument that is constant among peers.
  if (!rowsFrame && use !== 'position' && columnsOf(call.args).every((i) => used.some((e) => e.kind === 'col' && e.index === i))) return call;
  const extra = tiebreaks(used, schema);
  if (extra.length === 0) return call;
  let next: WindowCall;
  if (use === 'position' || rowsFrame) {
    next = { ...call, orderBy: [...call.orderBy, ...extra] };
    // Position functions ignore frames; a RANGE offset frame would not take a second key.
    if (use === 'position' && call.frame?.unit === 'range') next = withoutFrame(next);
  } else {
    const [bound, other] = use === 'first' ? [frame.start, frame.end] : [frame.end, frame.start];
    const toward = use === 'first' ? ['current_row', 'following', 'unbounded_following'] : ['current_row', 'preceding', 'unbounded_preceding'];
    const partitionEnd = bound.kind === 'unbounded_preceding' || bound.kind === 'unbounded_following';
    if (!toward.includes(other.kind) || !(partitionEnd || bound.kind === 'current_row')) {
      // An offset bound or a possibly empty frame: no rewrite keeps the frame's meaning.
      throw env.src.error('NONDETERMINISTIC_ORDER', `${call.fn} over this RANGE frame depends on how tied rows are ordered, and relc cannot break the ties without changing the frame; make the window's ORDER BY total`, span, { function: call.fn });
    }
    next = partitionEnd
      ? { ...call, orderBy: [...call.orderBy, ...extra], frame: WHOLE_PARTITION } // the partition's first/last row
      : { ...call, partitionBy: used, orderBy: extra, frame: WHOLE_PARTITION }; // the current peer group's
  }
  const what = call.orderBy.length === 0 ? `the window of ${call.fn} has no ORDER BY, so its values depend on the engine's row order` : `the window ORDER BY of ${call.fn} is not total, so tied rows get arbitrary values`;
  reportNondeterminism(env, span, what, tiebreakNames(extra, schema));
  return next;
}

function withoutFrame(call: WindowCall): WindowCall {
  const { frame: _, ...rest } = call;
  return rest;
}

function columnsOf(exprs: readonly Expr[]): number[] {
  return exprs.flatMap((e) => (e.kind === 'col' ? [e.index] : columnsOf(exprChildren(e))));
}
