// A recursion as `(WITH RECURSIVE w(cols) AS (base UNION [ALL] step) SELECT cols FROM w) AS t`,
// self-contained in FROM. With max_iterations N the guard is exact and evaluated over the whole
// recursion (never a silent cut):
//
//   WITH RECURSIVE w(cols, relc_iter) AS (
//     SELECT base…, 0 UNION [ALL] SELECT step…, w.relc_iter + 1 FROM w … WHERE w.relc_iter <= N
//   ), c(cols) AS (                           -- the check, a recursion too: no engine pushes an
//     SELECT cols FROM (SELECT cols, max(d) OVER () AS m FROM (…)) -- outer filter into it
//     WHERE CASE WHEN m > N THEN <raise> ELSE TRUE END
//     UNION ALL SELECT cols FROM c WHERE FALSE
//   ) SELECT cols FROM c
//
// Iteration k of the counter recursion holds every row derivable in exactly k steps (k ≤ N+1,
// so it always ends, also on cycles). Set semantics: a row's first iteration is min(relc_iter)
// over its copies (grouped by all columns) — or, where the dialect has DuckDB's USING KEY, the
// recursion keeps each row once with its first iteration (caps.recursiveUsingKey: no copies on
// cycles); bag semantics: every copy is a row. N is exceeded exactly when iteration N+1 adds a
// row, i.e. when that maximum is N+1. For a linear step (validated) the rows are exactly those
// of the plain recursion. Without UNION in WITH RECURSIVE (Spark, caps.recursiveUnion) a guarded
// set-semantics recursion counts with UNION ALL (copies per derivation, still ended by the
// counter) and the check's grouping keeps each row once: the same rows and guard.

import {
  E, PRECEDENCE, RelcError, T, countRecursiveRefs, isSeriesRecursion, mapExpr, schemaOf, stepSign,
  type Expr, type Recursive, type RecursiveRef, type Rel, type Schema, type Series,
} from '../../ir/index.ts';
import type { Compound, FromItem, RecursiveCte, Select, SqlExpr } from './ast.ts';
import { col, conjunction, frameOf, freshName, toSelect, uniqueNames, type Frame } from './frame.ts';
import { lowerFrame, type Lowering } from './lower-rel.ts';
import { member } from './lower-setop.ts';

/** The SQL name and column names a `recursive_ref` reads. */
export interface WorkingTable {
  readonly table: string;
  readonly names: readonly string[];
}

export function lowerRecursive(rel: Recursive, L: Lowering): Frame {
  const schema = schemaOf(rel);
  const native = rel.series && L.d.caps.series.includes(schema[0]!.type.kind) && isSeriesRecursion(rel) ? nativeSeries(rel.series, schema, L) : undefined;
  if (native) return native;
  const names = uniqueNames(schema.map((f) => f.name));
  const table = `relc_rec_${L.scope.nextAlias()}`;
  if (rel.maxIterations === null) {
    const cte = { name: table, columns: names, query: fixpoint(rel, rel.base, rel.step, schema, names, table, L) };
    return body(cte.name, [cte], names, schema, L);
  }
  const n = rel.maxIterations;
  const iter = freshName('relc_iter', names);
  const wide: Schema = [...schema, { name: iter, type: T.int64, nullable: false }];
  const wideNames = [...names, iter];
  const base: Rel = { kind: 'project', input: rel.base, exprs: [...schema.map((_, i) => E.col(i)), E.lit(T.int64, 0)], names: wide.map((f) => f.name) };
  const step = countedStep(rel, wide, n);
  const keyed = rel.distinct && L.d.caps.recursiveUsingKey;
  // Without UNION in WITH RECURSIVE (Spark) a guarded set-semantics recursion counts with UNION
  // ALL: the counter ends it after N + 1 steps even on cycles, and the check keeps each row once
  // with its first iteration — PostgreSQL's rows, and its iteration count for the guard.
  const query = fixpoint(rel, base, step, wide, wideNames, table, L, rel.distinct && L.d.caps.recursiveUnion);
  const counted: RecursiveCte = keyed
    ? { name: table, columns: wideNames, query: onlyNew(query, table, names, wideNames, L), usingKey: names }
    : { name: table, columns: wideNames, query };
  const checkName = `${table}_checked`;
  const checked = { name: checkName, columns: names, query: check(rel, table, checkName, names, n, !keyed && rel.distinct, L) };
  return body(checkName, [counted, checked], names, schema, L);
}

/**
 * USING KEY over the data columns, the step's rows kept only when no earlier iteration produced
 * them (`recurring.w` is everything produced so far): each row once, with its first iteration —
 * PostgreSQL's UNION algorithm with the iteration visible.
 */
function onlyNew(q: Compound, table: string, names: readonly string[], wideNames: readonly string[], L: Lowering): Compound {
  const step = q.inputs[1]!;
  const x = L.scope.nextAlias();
  const y = L.scope.nextAlias();
  const same: SqlExpr[] = names.map((c) => ({ kind: 'infix', op: 'IS NOT DISTINCT FROM', precedence: PRECEDENCE.is, args: [col(y, c), col(x, c)] }));
  const seen: Select = {
    ...emptySelect,
    items: [{ expr: { kind: 'lit', type: T.int32, value: 1 }, alias: 'relc_unit' }],
    from: { kind: 'table', schema: 'recurring', name: table, alias: y },
    where: conjunction(same),
  };
  const fresh: Select = {
    ...emptySelect,
    items: wideNames.map((c) => ({ expr: col(x, c), alias: c })),
    from: { kind: 'subquery', query: step, alias: x },
    where: { kind: 'exists', query: seen, negated: true },
  };
  return { ...q, inputs: [q.inputs[0]!, fresh] };
}

const emptySelect: Select = { kind: 'select', distinct: false, items: [], from: null, where: null, groupBy: null, having: null, qualify: null, orderBy: [], limit: null, offset: 0 };

/** `base UNION [ALL] step`, the step reading the working table `table`. */
function fixpoint(rel: Recursive, base: Rel, step: Rel, schema: Schema, names: readonly string[], table: string, L: Lowering, distinct = rel.distinct): Compound {
  const baseSel = toSelect(member(base, schema, L), names);
  const recursions = new Map(L.recursions ?? []);
  recursions.set(rel.name, { table, names });
  const stepped = toSelect(member(step, schema, { ...L, recursions }), names);
  // PostgreSQL types a recursive CTE by its base and wants the step's columns of exactly those
  // types: `x + 0.5` is NUMERIC without the base's precision and scale, so decimals are cast.
  const stepSel: Select = { ...stepped, items: stepped.items.map((item, i) => (schema[i]?.type.kind === 'decimal' && item.expr.kind !== 'cast' ? { ...item, expr: { kind: 'cast', expr: item.expr, type: schema[i]!.type } } : item)) };
  if (!L.d.caps.recursiveRefInSubquery && !readsAtTop(stepSel.from, table)) {
    throw new RelcError('BACKEND_UNSUPPORTED', `the step of recursion ${rel.name} reads its working table inside a subquery, which ${L.d.name} does not allow`, {
      details: { dialect: L.d.name, recursion: rel.name },
    });
  }
  if (distinct && !L.d.caps.recursiveUnion) {
    throw new RelcError('BACKEND_UNSUPPORTED', `recursion ${rel.name} has set semantics (UNION), which ${L.d.name} does not run in a recursive CTE (UNION ALL only) unless a max_iterations guard bounds it`, {
      details: { dialect: L.d.name, recursion: rel.name },
    });
  }
  return { kind: 'compound', op: 'union', all: !distinct, inputs: [baseSel, stepSel] };
}

function readsAtTop(f: FromItem | null, table: string): boolean {
  if (f === null) return false;
  if (f.kind === 'table') return f.name === table;
  if (f.kind === 'join') return readsAtTop(f.left, table) || readsAtTop(f.right, table);
  return false;
}

const INT64_MAX = 2n ** 63n - 1n;

/**
 * The engine's own generate_series, its values cast to the series' type (DuckDB's are BIGINT).
 * Where the function excludes its stop (Spark's range) the stop is moved one past it, in the
 * step's direction — undefined when that passes int64 (the recursion is printed instead).
 */
function nativeSeries(series: Series, schema: Schema, L: Lowering): Frame | undefined {
  const arg = (l: Series['start']): SqlExpr => ({ kind: 'lit', type: l.type, value: l.value });
  let stop = arg(series.stop);
  if (!L.d.seriesFunction.stopIncluded) {
    const past = BigInt(String(series.stop.value)) + BigInt(stepSign(series.step));
    if (past > INT64_MAX || past < -INT64_MAX - 1n) return undefined;
    stop = { kind: 'lit', type: T.int64, value: past.toString() };
  }
  const alias = L.scope.nextAlias();
  const from: FromItem = { kind: 'function', name: L.d.seriesFunction.name, args: [arg(series.start), stop, arg(series.step)], columns: ['g'], alias };
  return frameOf(from, [{ kind: 'cast', expr: col(alias, 'g'), type: schema[0]!.type }], schema);
}

/** `SELECT cols FROM table` as a frame over the WITH RECURSIVE item. */
function body(table: string, ctes: readonly RecursiveCte[], names: readonly string[], schema: Schema, L: Lowering): Frame {
  const inner = L.scope.nextAlias();
  const select: Select = toSelect(frameOf({ kind: 'table', name: table, alias: inner }, names.map((n) => col(inner, n)), schema), names);
  const alias = L.scope.nextAlias();
  return frameOf({ kind: 'with_recursive', ctes, body: select, alias }, names.map((n) => col(alias, n)), schema);
}

/**
 * The step carrying the iteration counter: the working table gains the counter column (read
 * only while it is ≤ n), every operator on the path from the step's root to it passes it
 * through, and the step's output is its columns then counter + 1.
 */
function countedStep(rel: Recursive, wide: Schema, n: number): Rel {
  const width = wide.length - 1;
  const c = carry(rel.step, rel.name, wide, n);
  const exprs: Expr[] = [...Array.from({ length: width }, (_, i) => E.col(c.map[i]!)), E.call('add', [E.col(c.iter), E.lit(T.int64, 1)], T.int64)];
  return { kind: 'project', input: c.rel, exprs, names: wide.map((f) => f.name) };
}

interface Carried {
  readonly rel: Rel;
  /** Old output position → new output position. */
  readonly map: readonly number[];
  /** Where the counter is in the new output. */
  readonly iter: number;
}

const remap = (e: Expr, map: readonly number[]): Expr => mapExpr(e, (x) => (x.kind === 'col' ? { ...x, index: map[x.index]! } : x));
const range = (k: number, from = 0) => Array.from({ length: k }, (_, i) => from + i);

function carry(rel: Rel, name: string, wide: Schema, n: number): Carried {
  switch (rel.kind) {
    case 'recursive_ref': {
      const ref: RecursiveRef = { ...rel, schema: wide };
      const iter = wide.length - 1;
      const le = E.call('lte', [E.col(iter), E.lit(T.int64, n)], T.bool);
      return { rel: { kind: 'filter', input: ref, condition: le }, map: range(iter), iter };
    }
    case 'filter': {
      const c = carry(rel.input, name, wide, n);
      return { rel: { ...rel, input: c.rel, condition: remap(rel.condition, c.map) }, map: c.map, iter: c.iter };
    }
    case 'distinct': {
      const c = carry(rel.input, name, wide, n);
      return { rel: { ...rel, input: c.rel }, map: c.map, iter: c.iter };
    }
    case 'project': {
      const c = carry(rel.input, name, wide, n);
      return {
        rel: { ...rel, input: c.rel, exprs: [...rel.exprs.map((e) => remap(e, c.map)), E.col(c.iter)], names: [...rel.names, wide.at(-1)!.name] },
        map: range(rel.exprs.length),
        iter: rel.exprs.length,
      };
    }
    case 'join': {
      const nl = schemaOf(rel.left).length;
      const nr = schemaOf(rel.right).length;
      const semi = rel.type === 'semi' || rel.type === 'anti';
      if (countRecursiveRefs(rel.left, name) > 0) {
        const c = carry(rel.left, name, wide, n);
        const nl2 = schemaOf(c.rel).length;
        const map = [...c.map, ...range(nr, nl2)];
        const next: Rel = { ...rel, left: c.rel, condition: rel.condition ? remap(rel.condition, map) : null };
        return { rel: next, map: semi ? c.map : map, iter: c.iter };
      }
      const c = carry(rel.right, name, wide, n);
      const map = [...range(nl), ...c.map.map((i) => nl + i)];
      return { rel: { ...rel, right: c.rel, condition: rel.condition ? remap(rel.condition, map) : null }, map, iter: nl + c.iter };
    }
    default:
      // Validation keeps every other operator off the path to the working table.
      throw new RelcError('INVALID_PLAN', `recursion ${name}: ${rel.kind} on the path to the working table`);
  }
}

/** The guard: rows with their first iteration (or every copy), the maximum over all of them, the check. */
function check(rel: Recursive, table: string, self: string, names: readonly string[], n: number, grouped: boolean, L: Lowering): Compound {
  const iterName = freshName('relc_iter', names);
  const t = L.scope.nextAlias();
  const cols = names.map((x) => col(t, x));
  const iter = col(t, iterName);
  const fn = (name: string, args: readonly SqlExpr[], aggregate: boolean, over: boolean): SqlExpr =>
    ({ kind: 'fn', name, args, distinct: false, filter: null, over: over ? { partitionBy: [], orderBy: [], frame: null } : null, ...(aggregate ? { aggregate: true } : {}) });
  const plain = (items: readonly { expr: SqlExpr; alias: string }[], from: FromItem, rest: Partial<Select> = {}): Select => ({ ...emptySelect, items, from, ...rest });
  const depth = freshName('relc_depth', names);
  const max = freshName('relc_max', names);
  const firsts = grouped
    ? plain([...cols.map((expr, i) => ({ expr, alias: names[i]! })), { expr: fn('min', [iter], true, false), alias: depth }], { kind: 'table', name: table, alias: t }, { groupBy: cols })
    : plain([...cols.map((expr, i) => ({ expr, alias: names[i]! })), { expr: iter, alias: depth }], { kind: 'table', name: table, alias: t });
  const g = L.scope.nextAlias();
  const withMax = plain([...names.map((x) => ({ expr: col(g, x), alias: x })), { expr: fn('max', [col(g, depth)], true, true), alias: max }], { kind: 'subquery', query: firsts, alias: g });
  const h = L.scope.nextAlias();
  const m = col(h, max);
  const message = `relc_error[RECURSION_LIMIT]: recursion ${rel.name} did not reach its fixpoint within max_iterations=${n} (iteration ${n + 1} still adds rows; reached `;
  const text: SqlExpr = {
    kind: 'infix', op: '||', precedence: PRECEDENCE.concat,
    args: [{ kind: 'lit', type: T.utf8, value: message }, { kind: 'cast', expr: m, type: T.utf8 }, { kind: 'lit', type: T.utf8, value: ')' }],
  };
  const raise: SqlExpr = { kind: 'template', template: L.d.raise, precedence: PRECEDENCE.compare, args: [text] };
  const over: SqlExpr = { kind: 'infix', op: '>', precedence: PRECEDENCE.compare, args: [m, { kind: 'lit', type: T.int64, value: n }] };
  const guard: SqlExpr = { kind: 'case', whens: [{ when: over, then: raise }], else: { kind: 'bool', value: true } };
  const checked = plain(names.map((x) => ({ expr: col(h, x), alias: x })), { kind: 'subquery', query: withMax, alias: h }, { where: guard });
  const k = L.scope.nextAlias();
  const fence = plain(names.map((x) => ({ expr: col(k, x), alias: x })), { kind: 'table', name: self, alias: k }, { where: { kind: 'bool', value: false } });
  return { kind: 'compound', op: 'union', all: true, inputs: [checked, fence] };
}
