// Per-pass golden fixtures: each case below is an input plan; the pass alone (run by the driver
// to its own fixed point, with the IR and schema checks) must turn it into exactly the plan
// printed in golden/optimize/<pass>/<case>.plan. Pipeline cases
// run the whole default pipeline. RELC_UPDATE_GOLDEN=1 rewrites the files (review the diff).

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join as joinPath } from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { canonicalJson, children, E, field, planText, resolveCall, schemaOf, T, typeOf, validateProgram, validateRel, type AggCall, type DataType, type Expr, type JoinType, type Literal, type Program, type Rel, type Schema, type SortKey } from '../src/ir/index.ts';
import { optimizeProgram, optimizeRel, PASSES } from '../src/optimize/index.ts';

const ROOT = joinPath(import.meta.dirname, '..', 'golden', 'optimize');
const UPDATE = process.env.RELC_UPDATE_GOLDEN === '1';

// ---- compact builders -------------------------------------------------------------------------

const scan = (table: string, cols: Record<string, string>): Rel => ({
  kind: 'scan',
  table,
  schema: Object.entries(cols).map(([n, t]) => field(n, { kind: t.replace('?', '') } as DataType, t.endsWith('?'))),
});
const people = scan('people', { id: 'int64', name: 'utf8', team_id: 'int64?', score: 'float64' });
const teams = scan('teams', { id: 'int64', name: 'utf8?', region: 'utf8' });
const wide = scan('events', { id: 'int64', user_id: 'int64?', kind: 'utf8', payload: 'utf8?', at: 'timestamp', weight: 'float64?' });

const c = E.col;
const i64 = (v: number): Literal => E.lit(T.int64, String(v));
const i32 = (v: number): Literal => E.lit(T.int32, v);
const f64 = (v: number): Literal => E.lit(T.float64, v);
const str = (v: string): Literal => E.lit(T.utf8, v);
const bool = (v: boolean): Literal => E.lit(T.bool, v);
const nul = (t: DataType): Literal => E.lit(t, null);
/** A call typed by the registry against the schema it is evaluated over. */
const fn = (s: Schema, name: string, ...args: Expr[]): Expr => E.call(name, args, resolveCall(name, args.map((a) => typeOf(a, s).type)).returns);
const and = (...xs: Expr[]): Expr => E.call('and', xs, T.bool);
const or = (...xs: Expr[]): Expr => E.call('or', xs, T.bool);
const not = (x: Expr): Expr => E.call('not', [x], T.bool);
const cmp = (name: string, a: Expr, b: Expr): Expr => E.call(name, [a, b], T.bool);
const eq = (a: Expr, b: Expr) => cmp('equal', a, b);
const isNull = (x: Expr, negated = false) => E.isNull(x, negated);

const filter = (input: Rel, condition: Expr): Rel => ({ kind: 'filter', input, condition });
const project = (input: Rel, cols: Record<string, Expr>): Rel => ({ kind: 'project', input, exprs: Object.values(cols), names: Object.keys(cols) });
const join = (type: JoinType, left: Rel, right: Rel, condition: Expr | null = null): Rel => ({ kind: 'join', type, left, right, condition });
const agg = (input: Rel, keys: Record<string, Expr>, measures: Record<string, AggCall>): Rel => ({
  kind: 'aggregate', input, groupBy: Object.values(keys), measures: Object.values(measures), names: [...Object.keys(keys), ...Object.keys(measures)],
});
const count = (filterExpr?: Expr): AggCall => ({ fn: 'count', args: [], distinct: false, type: T.int64, ...(filterExpr ? { filter: filterExpr } : {}) });
const measure = (s: Schema, name: string, arg: Expr): AggCall => ({ fn: name, args: [arg], distinct: false, type: resolveCall(name, [typeOf(arg, s).type]).returns });
const sort = (input: Rel, ...keys: SortKey[]): Rel => ({ kind: 'sort', input, keys });
const limit = (input: Rel, n: number | null, offset = 0): Rel => ({ kind: 'limit', input, limit: n, offset });
const union = (all: boolean, ...inputs: Rel[]): Rel => ({ kind: 'setop', op: 'union', all, inputs });
const empty = (schema: Schema): Rel => ({ kind: 'values', schema, rows: [] });
const P = schemaOf(people);
const PT = schemaOf(join('inner', people, teams, bool(true)));

// ---- cases ------------------------------------------------------------------------------------

interface Case {
  readonly pass: string; // a pass name, or 'pipeline' for the whole default pipeline
  readonly name: string;
  readonly description: string;
  readonly input: Rel | Program;
}

const CASES: Case[] = [
  // simplify
  { pass: 'simplify', name: 'constant-folding', description: 'literal arithmetic and comparisons fold; an int32 constant widens exactly', input:
    filter(project(people, { id: c(0), bonus: fn(P, 'add', c(3), fn(P, 'multiply', f64(1.5), f64(2))), big: cmp('gt', E.cast(i32(7), T.int64), i64(5)) }), cmp('gt', c(1), fn(P, 'add', f64(1), f64(2)))) },
  { pass: 'simplify', name: 'boolean-algebra', description: 'true conjuncts and repeated conjuncts go; a true disjunct makes the disjunction true', input:
    filter(people, and(cmp('gt', c(3), f64(1)), bool(true), and(cmp('gt', c(3), f64(1)), or(eq(c(1), str('x')), bool(true))))) },
  { pass: 'simplify', name: 'null-propagation', description: 'strict functions of NULL are NULL; a NULL predicate rejects the row (false), a NULL value stays NULL', input:
    filter(project(people, { id: c(0), s: fn(P, 'add', c(3), nul(T.float64)), both: and(cmp('gt', c(3), f64(1)), nul(T.bool)) }), or(cmp('gt', c(0), nul(T.int64)), eq(c(0), i64(3)))) },
  { pass: 'simplify', name: 'not-pushed-inward', description: 'NOT inverts comparisons, flips IS NULL / IN / LIKE and follows De Morgan (valid in three-valued logic)', input:
    filter(people, not(and(cmp('lt', c(3), f64(2)), not(isNull(c(2))), { kind: 'in', expr: c(1), list: [str('a'), str('b')], negated: false }))) },
  { pass: 'simplify', name: 'case-and-coalesce', description: 'dead CASE branches go, a true branch ends the CASE; COALESCE stops at its first non-nullable argument and drops NULLs', input:
    project(people, {
      c1: { kind: 'case', whens: [{ when: bool(false), then: str('never') }, { when: nul(T.bool), then: str('null') }, { when: cmp('gt', c(3), f64(1)), then: str('high') }, { when: bool(true), then: str('rest') }, { when: cmp('lt', c(3), f64(0)), then: str('dead') }], else: str('else'), type: T.utf8 },
      c2: fn(P, 'coalesce', c(2), nul(T.int64), c(0), i64(9)),
      c3: fn(P, 'coalesce', c(1), str('x')),
    }) },
  { pass: 'simplify', name: 'is-null-of-non-nullable', description: 'a non-nullable column is never NULL: IS NULL is false, IS NOT NULL true', input:
    filter(people, or(isNull(c(0)), and(isNull(c(1), true), cmp('gt', c(3), f64(0.5))))) },
  { pass: 'simplify', name: 'factor-common-conjunct', description: '(A and B) or (A and C) is A and (B or C): the shared equi key becomes visible to join passes', input:
    join('inner', people, teams, or(and(eq(c(2), c(4)), cmp('gt', c(3), f64(1))), and(eq(c(2), c(4)), eq(c(6), str('eu'))))) },
  { pass: 'simplify', name: 'contradiction-with-is-null', description: 'x IS NULL and x > 3: no row can pass', input:
    filter(people, and(isNull(c(2)), cmp('gt', c(2), i64(3)))) },
  { pass: 'simplify', name: 'not-in-with-null', description: 'x NOT IN (1, NULL) is never true: as a filter it is false, as a value it is kept', input:
    filter(project(people, { id: c(0), v: { kind: 'in', expr: c(2), list: [i64(1), nul(T.int64)], negated: true } }), { kind: 'in', expr: c(0), list: [i64(1), nul(T.int64)], negated: true }) },

  // push_down_filter
  { pass: 'push_down_filter', name: 'through-project', description: 'a filter on a computed column moves below the project with the expression substituted', input:
    filter(project(people, { id: c(0), double: fn(P, 'multiply', c(3), f64(2)) }), cmp('gt', c(1), f64(1))) },
  { pass: 'push_down_filter', name: 'inner-join-both-sides', description: 'one-sided conjuncts go to their side; a two-sided one joins the condition', input:
    filter(join('inner', people, teams, eq(c(2), c(4))), and(cmp('gt', c(3), f64(0.5)), eq(c(6), str('eu')), cmp('not_equal', c(1), c(5)))) },
  { pass: 'push_down_filter', name: 'left-join-preserved-side', description: 'left join: a conjunct on the left goes down; one on the padded right side stays above (it sees the padding NULLs)', input:
    filter(join('left', people, teams, eq(c(2), c(4))), and(cmp('gt', c(3), f64(0.5)), isNull(c(5)))) },
  { pass: 'push_down_filter', name: 'full-join-blocks', description: 'full join: both sides are padded, nothing goes down', input:
    filter(join('full', people, teams, eq(c(2), c(4))), and(cmp('gt', c(3), f64(0.5)), eq(c(6), str('eu')))) },
  { pass: 'push_down_filter', name: 'left-join-condition', description: 'a left join condition conjunct on the right side only filters the right input; one on the left side only must stay (it decides matches, not rows)', input:
    join('left', people, teams, and(eq(c(2), c(4)), eq(c(6), str('eu')), cmp('gt', c(3), f64(1)))) },
  { pass: 'push_down_filter', name: 'anti-join-condition', description: 'anti join: a left-only condition conjunct must not become a filter on the left input (failing it KEEPS the left row); a right-only one may', input:
    join('anti', people, teams, and(eq(c(2), c(4)), cmp('gt', c(3), f64(1)), eq(c(6), str('eu')))) },
  { pass: 'push_down_filter', name: 'semi-join', description: 'semi join: the filter above and left-only condition conjuncts go left, right-only ones go right', input:
    filter(join('semi', people, teams, and(eq(c(2), c(4)), cmp('gt', c(3), f64(1)), eq(c(6), str('eu')))), eq(c(1), str('ann'))) },
  { pass: 'push_down_filter', name: 'aggregate-group-keys', description: 'a conjunct on group keys goes below the aggregate; one on a measure stays', input:
    filter(agg(people, { team: c(2) }, { n: count(), best: measure(P, 'max', c(3)) }), and(cmp('gt', c(0), i64(1)), cmp('gt', c(1), i64(2)))) },
  { pass: 'push_down_filter', name: 'aggregate-without-keys', description: 'no group keys: the aggregate returns one row even on empty input, so even a constant filter stays above', input:
    filter(agg(people, {}, { n: count() }), and(eq({ kind: 'param', name: 'p', type: T.bool, nullable: false }, bool(true)), cmp('gt', c(0), i64(0)))) },
  { pass: 'push_down_filter', name: 'union-branches', description: 'a filter above a union goes into every branch', input:
    filter(union(false, project(people, { id: c(0), name: c(1) }), project(teams, { id: c(0), name: fn(schemaOf(teams), 'coalesce', c(1), str('?')) })), eq(c(1), str('x'))) },
  { pass: 'push_down_filter', name: 'winner-partition-keys', description: 'a winner: a conjunct on partition keys goes below, one on another column would change which row wins', input:
    filter({ kind: 'winner', input: people, partitionBy: [c(2)], orderBy: [E.desc(c(3)), E.asc(c(0))], keep: 1 }, and(eq(c(2), i64(7)), cmp('gt', c(3), f64(1)))) },
  { pass: 'push_down_filter', name: 'window-partition-keys', description: 'a window: only conjuncts on columns every function partitions by go below', input:
    filter({ kind: 'window', input: people, functions: [{ fn: 'rank', args: [], distinct: false, partitionBy: [c(2)], orderBy: [E.desc(c(3))], type: T.int64 }], names: ['r'] }, and(eq(c(2), i64(7)), cmp('lte', c(4), i64(2)))) },
  { pass: 'push_down_filter', name: 'limit-blocks', description: 'a limit: a filter above it stays above (below, it would change which rows are kept)', input:
    filter(limit(sort(people, E.desc(c(3)), E.asc(c(0))), 3), cmp('gt', c(3), f64(1))) },

  // prune_columns
  { pass: 'prune_columns', name: 'join-sides', description: 'each join side keeps the columns read above it and by the condition', input:
    project(join('inner', people, teams, eq(c(2), c(4))), { person: c(1), region: c(6) }) },
  { pass: 'prune_columns', name: 'count-star-over-join', description: 'count(*) reads no column, yet each join side keeps one (SQL has no zero-column relations)', input:
    agg(join('cross', people, teams), {}, { n: count() }) },
  { pass: 'prune_columns', name: 'aggregate-measures', description: 'unread measures go; group keys stay (they define the groups)', input:
    project(agg(people, { team: c(2) }, { n: count(), best: measure(P, 'max', c(3)), who: measure(P, 'min', c(1)) }), { n: c(1) }) },
  { pass: 'prune_columns', name: 'union-all-vs-distinct', description: 'UNION ALL branches lose unread columns; UNION (distinct) compares whole rows and keeps them', input:
    project(join('cross', union(true, people, people), union(false, teams, teams)), { name: c(1), region: c(6) }) },
  { pass: 'prune_columns', name: 'unused-window', description: 'a window function nobody reads goes, and the window with it', input:
    project({ kind: 'window', input: people, functions: [{ fn: 'row_number', args: [], distinct: false, partitionBy: [c(2)], orderBy: [E.desc(c(3)), E.asc(c(0))], type: T.int64 }], names: ['rn'] }, { id: c(0) }) },
  { pass: 'prune_columns', name: 'wide-scan-under-sort', description: 'a sort carries only the columns read above it and its keys', input:
    project(sort(wide, E.desc(c(4))), { id: c(0), kind: c(2) }) },

  // merge_filters, merge_projects
  { pass: 'merge_filters', name: 'stacked', description: 'three stacked filters become one conjunction, lowest first', input:
    filter(filter(filter(people, cmp('gt', c(3), f64(1))), isNull(c(2), true)), eq(c(1), str('x'))) },
  { pass: 'merge_projects', name: 'substitute', description: 'the lower project is inlined into the upper one', input:
    project(project(people, { id: c(0), s2: fn(P, 'multiply', c(3), f64(2)), name: c(1) }), { id: c(0), s3: fn(schemaOf(project(people, { id: c(0), s2: fn(P, 'multiply', c(3), f64(2)) })), 'add', c(1), f64(1)) }) },
  { pass: 'merge_projects', name: 'no-duplicate-work', description: 'not merged when a non-trivial lower expression is read twice (it would be computed twice)', input:
    project(project(people, { s2: fn(P, 'multiply', c(3), f64(2)) }), { a: fn([field('s2', T.float64)], 'add', c(0), f64(1)), b: fn([field('s2', T.float64)], 'subtract', c(0), f64(1)) }) },

  // extract_join_keys
  { pass: 'extract_join_keys', name: 'cross-to-inner', description: 'a filter over a cross join: the two-sided conjuncts become the inner join condition (equi key first, left operand left)', input:
    filter(join('cross', people, teams), and(cmp('gt', c(3), f64(1)), cmp('not_equal', c(1), c(5)), eq(c(4), c(2)))) },
  { pass: 'extract_join_keys', name: 'keys-first', description: 'equi keys move to the front of the condition, oriented left = right; residuals follow', input:
    join('left', people, teams, and(cmp('gt', c(3), f64(1)), eq(c(4), c(2)), eq(c(1), c(5)))) },

  // outer_to_inner
  { pass: 'outer_to_inner', name: 'left-to-inner', description: 'a comparison on the padded side rejects the NULL padding: the left join is an inner join', input:
    filter(join('left', people, teams, eq(c(2), c(4))), eq(c(6), str('eu'))) },
  { pass: 'outer_to_inner', name: 'is-null-keeps-left', description: 'IS NULL on the padded side keeps exactly the padded rows: the join stays left', input:
    filter(join('left', people, teams, eq(c(2), c(4))), isNull(c(4))) },
  { pass: 'outer_to_inner', name: 'coalesce-keeps-left', description: 'coalesce(name, x) = x is true on padded rows: not null-rejecting, the join stays', input:
    filter(join('left', people, teams, eq(c(2), c(4))), eq(fn(PT, 'coalesce', c(5), str('x')), str('x'))) },
  { pass: 'outer_to_inner', name: 'or-needs-both', description: 'a disjunction rejects padding only when every disjunct does', input:
    filter(join('left', filter(join('left', people, teams, eq(c(2), c(4))), or(eq(c(6), str('eu')), cmp('gt', c(3), f64(1)))), teams, eq(c(2), c(7))), or(eq(c(9), str('eu')), isNull(c(8), true))) },
  { pass: 'outer_to_inner', name: 'full-to-left', description: 'a full join under a filter rejecting NULL left columns loses its right-padded rows: a left join', input:
    filter(join('full', people, teams, eq(c(2), c(4))), cmp('gt', c(3), f64(1))) },
  { pass: 'outer_to_inner', name: 'join-condition-above', description: 'an inner join whose condition reads the padded side of a left join below it never matches the padded rows', input:
    join('inner', join('left', people, teams, eq(c(2), c(4))), teams, eq(c(6), c(9))) },

  // semi_join_reduction
  { pass: 'semi_join_reduction', name: 'filtered-side', description: 'an aggregate joined on its group key to a filtered relation aggregates only the keys that relation holds', input:
    join('inner', filter(teams, eq(c(2), str('eu'))), agg(people, { team: c(2) }, { n: count() }), eq(c(0), c(3))) },
  { pass: 'semi_join_reduction', name: 'through-join-equality', description: 'the correlated-subquery shape: the key column comes from an unfiltered scan joined by equality to a filtered one, which bounds it', input:
    join('inner', join('inner', people, filter(teams, eq(c(2), str('eu'))), eq(c(2), c(4))), agg(people, { team: c(2) }, { total: measure(P, 'sum', c(3)) }), and(eq(c(2), c(7)), cmp('gt', c(3), c(8)))) },
  { pass: 'semi_join_reduction', name: 'anti-and-left-joins', description: 'the side an anti or left join reads only for matches is reduced; a preserved side is not', input:
    union(true,
      project(join('anti', filter(teams, eq(c(2), str('eu'))), agg(people, { team: c(2) }, { n: count() }), eq(c(0), c(3))), { id: c(0) }),
      project(join('left', agg(people, { team: c(2) }, { n: count() }), filter(teams, eq(c(2), str('eu'))), eq(c(0), c(2))), { id: c(0) }),
      project(join('full', filter(teams, eq(c(2), str('eu'))), agg(people, { team: c(2) }, { n: count() }), eq(c(0), c(3))), { id: c(0) })) },
  { pass: 'semi_join_reduction', name: 'nothing-to-gain', description: 'no reduction without a filter on the other side, on a measure, or on a computed group key', input:
    union(true,
      project(join('inner', teams, agg(people, { team: c(2) }, { n: count() }), eq(c(0), c(3))), { id: c(0) }),
      project(join('inner', filter(teams, eq(c(2), str('eu'))), agg(people, { team: c(2) }, { n: count() }), eq(c(0), c(4))), { id: c(0) }),
      project(join('inner', filter(teams, eq(c(2), str('eu'))), agg(people, { team: fn(P, 'add', c(2), i64(1)) }, { n: count() }), eq(c(0), c(3))), { id: c(0) })) },

  // eliminate_trivial
  { pass: 'eliminate_trivial', name: 'filter-true-false', description: 'filter true goes; filter false is an empty relation, and the inner join over it too', input:
    join('inner', filter(people, bool(true)), filter(teams, bool(false)), eq(c(2), c(4))) },
  { pass: 'eliminate_trivial', name: 'left-join-empty-right', description: 'a left join with an empty right side keeps the left rows, padded with typed NULLs', input:
    join('left', people, empty(schemaOf(teams)), eq(c(2), c(4))) },
  { pass: 'eliminate_trivial', name: 'aggregate-over-empty', description: 'without group keys an aggregate over nothing is one row (count 0, max NULL); with keys it is empty', input:
    union(true, agg(empty(P), {}, { n: count(), best: measure(P, 'max', c(3)) }), agg(project(empty(P), { n: i64(1), best: c(3) }), { n: c(0) }, { best: measure(schemaOf(project(empty(P), { n: i64(1), best: c(3) })), 'max', c(1)) })) },
  { pass: 'eliminate_trivial', name: 'literals-over-one-row', description: 'an aggregate without group keys returns exactly one row: literals projected over it are that row', input:
    project(agg(people, {}, { n: count() }), { flag: bool(true), label: str('x') }) },
  { pass: 'eliminate_trivial', name: 'union-single-branch', description: 'a union left with one branch is that branch (renamed to the union names; DISTINCT kept)', input:
    union(false, empty(schemaOf(project(people, { k: c(0) }))), project(teams, { id: c(0) })) },
  { pass: 'eliminate_trivial', name: 'limit-zero-and-identity', description: 'limit 0 is empty; an identity project goes', input:
    union(true, limit(people, 0), project(people, { id: c(0), name: c(1), team_id: c(2), score: c(3) })) },

  { pass: 'eliminate_trivial', name: 'constant-keys', description: 'a constant group key groups nothing (it comes back in a project), constant partition and order keys go — but a winner keeps one order key', input:
    project(join('cross',
      agg(people, { one: i64(1), team: c(2) }, { n: count() }),
      { kind: 'winner', input: { kind: 'window', input: teams, functions: [{ fn: 'rank', args: [], distinct: false, partitionBy: [str('x'), c(2)], orderBy: [E.asc(i32(1)), E.asc(c(0))], type: T.int64 }], names: ['r'] }, partitionBy: [str('x')], orderBy: [E.asc(i32(1))], keep: 1 }),
    { one: c(0), team: c(1), n: c(2), r: c(6) }) },

  // eliminate_redundant_sort
  { pass: 'eliminate_redundant_sort', name: 'below-aggregate-and-join', description: 'sorts under an aggregate and a join are invisible; the root sort stays (without its repeated key)', input:
    sort(join('inner', agg(sort(people, E.asc(c(3))), { team: c(2) }, { n: count() }), sort(teams, E.asc(c(0))), eq(c(0), c(2))), E.desc(c(1)), E.desc(c(1)), E.asc(c(0))) },
  { pass: 'eliminate_redundant_sort', name: 'top-n-kept', description: 'a sort under a limit defines which rows are kept: it stays; a sort right under it goes', input:
    project(limit(sort(sort(people, E.asc(c(1))), E.desc(c(3)), E.asc(c(0))), 5), { id: c(0) }) },

  // push_down_limit
  { pass: 'push_down_limit', name: 'through-union-all', description: 'a limit over UNION ALL (any rows will do) caps every branch at limit + offset rows', input:
    limit(union(true, project(people, { id: c(0), score: c(3) }), project(teams, { id: c(0), score: E.cast(c(0), T.float64) })), 3, 1) },
  { pass: 'push_down_limit', name: 'top-n-stays-above-union-all', description: 'a top-n over UNION ALL is not copied into the branches (no gain on SQLite, slower on DuckDB: see the file header)', input:
    limit(sort(union(true, project(people, { id: c(0), score: c(3) }), project(people, { id: c(2), score: c(3) })), E.desc(c(1)), E.asc(c(0))), 3, 1) },
  { pass: 'push_down_limit', name: 'through-project-and-merge', description: 'a limit goes below a project; two limits merge', input:
    limit(project(limit(sort(people, E.asc(c(0))), 10, 2), { id: c(0) }), 5, 3) },
  { pass: 'push_down_limit', name: 'one-row-aggregate', description: 'an aggregate without keys returns one row: limit 1 over it is a no-op', input:
    limit(agg(people, {}, { n: count() }), 1) },

  // common_subplan (a program pass)
  { pass: 'common_subplan', name: 'shared-aggregate', description: 'two views repeat one aggregate: it becomes a view both read', input: program([
    ['busy_teams', filter(agg(people, { team: c(2) }, { n: count() }), cmp('gt', c(1), i64(1)))],
    ['team_ids', project(agg(people, { team: c(2) }, { n: count() }), { team: c(0) })],
  ]) },
  { pass: 'common_subplan', name: 'whole-view-reused', description: 'a later view repeating an earlier view entirely reads that view; a self-join of one subplan computes it once', input: program([
    ['pairs', join('inner', people, teams, eq(c(2), c(4)))],
    ['again', project(join('inner', people, teams, eq(c(2), c(4))), { id: c(0) })],
    ['self', join('inner', agg(people, { team: c(2) }, { n: count() }), agg(people, { team: c(2) }, { n: count() }), eq(c(0), c(2)))],
  ]) },
  { pass: 'common_subplan', name: 'duplicate-column-names', description: 'regression (random programs, seed 2): a shared distinct join has two id and two name columns; the materialized view gets unique names, and every occurrence is renamed back, since its names may reach a view output', input: program([
    ['good_pairs', filter({ kind: 'distinct', input: join('inner', people, teams, eq(c(2), c(4))) }, cmp('gt', c(3), f64(1)))],
    ['pairs', { kind: 'distinct', input: join('inner', people, teams, eq(c(2), c(4))) }],
  ]) },
  { pass: 'common_subplan', name: 'new-view-only-if-reducing', description: 'a repeated join is not materialized as a new view (its output can outweigh recomputing it); a repeated aggregate is', input: program([
    ['a', project(join('inner', people, teams, eq(c(2), c(4))), { id: c(0) })],
    ['b', project(join('inner', people, teams, eq(c(2), c(4))), { region: c(6) })],
    ['c', project(agg(people, { team: c(2) }, { n: count() }), { team: c(0), n: c(1) })],
    ['d', filter(agg(people, { team: c(2) }, { n: count() }), cmp('gt', c(1), i64(2)))],
  ]) },
  { pass: 'common_subplan', name: 'non-trivial-only', description: 'repeated scans and filters are not worth a materialized view', input: program([
    ['a', filter(people, cmp('gt', c(3), f64(1)))],
    ['b', project(filter(people, cmp('gt', c(3), f64(1))), { id: c(0) })],
  ]) },

  // the whole default pipeline
  { pass: 'pipeline', name: 'filters-above-joins-wide-columns', description: 'the benchmark shape: filters written above a join of wide tables, few columns read', input:
    project(filter(join('left', wide, join('inner', people, teams, eq(c(2), c(4))), eq(c(1), c(6))), and(eq(c(2), str('click')), cmp('gt', c(9), f64(0.5)), eq(c(12), str('eu')))), { event: c(0), person: c(7), region: c(12) }) },
  { pass: 'pipeline', name: 'quickstart', description: 'quickstart-like rules: relate, filter, aggregate and a winner', input: program([
    ['member_of', project(join('inner', people, teams, eq(c(2), c(4))), { person_id: c(0), team: c(5), score: c(3) })],
    ['adults', filter(project(join('inner', people, teams, eq(c(2), c(4))), { person_id: c(0), team: c(5), score: c(3) }), cmp('gte', c(2), { kind: 'param', name: 'min_score', type: T.float64, nullable: false }))],
    ['team_sizes', agg({ kind: 'ref', name: 'member_of', schema: schemaOf(project(join('inner', people, teams, eq(c(2), c(4))), { person_id: c(0), team: c(5), score: c(3) })) }, { team: c(1) }, { n: count(), best: { fn: 'max', args: [c(2)], distinct: false, type: T.float64 } })],
    ['best_team', { kind: 'winner', input: { kind: 'ref', name: 'member_of', schema: schemaOf(project(join('inner', people, teams, eq(c(2), c(4))), { person_id: c(0), team: c(5), score: c(3) })) }, partitionBy: [c(0)], orderBy: [E.desc(c(2)), E.asc(c(1))], keep: 1 }],
  ]) },
];

function program(views: [string, Rel][]): Program {
  return {
    name: 'fixture',
    profile: 'default',
    params: [{ name: 'min_score', field: field('min_score', T.float64) }],
    inputs: [],
    views: views.map(([name, rel]) => ({ name, rel })),
    outputs: views.map(([name]) => ({ name, from: name, orderBy: [], format: 'parquet' as const })),
  };
}

const isProgram = (x: Rel | Program): x is Program => 'views' in x;

function printProgram(p: Program): string {
  return p.views.map((v) => `-- view ${v.name}\n${planText(v.rel)}`).join('\n');
}

function runCase(k: Case): { text: string; plan: Rel | Program } {
  const only = { disable: [...PASSES.keys()].filter((n) => n !== k.pass) };
  if (isProgram(k.input)) {
    validateProgram(k.input);
    // Through the driver (alone when it is one pass): its IR and schema checks apply.
    const program = optimizeProgram(k.input, k.pass === 'pipeline' ? {} : only).program;
    return { text: printProgram(program), plan: program };
  }
  validateRel(k.input);
  const rel = optimizeRel(k.input, k.pass === 'pipeline' ? {} : only).rel;
  return { text: planText(rel), plan: rel };
}

/** The plan printout shows `values rows=N` only: fixtures pin the rows themselves too. */
function valuesRows(x: Rel | Program): string {
  const out: string[] = [];
  const visit = (r: Rel) => {
    if (r.kind === 'values' && r.rows.length > 0) out.push(`-- values rows: ${canonicalJson(r.rows.map((row) => row.map((l) => l.value)))}`);
    children(r).forEach(visit);
  };
  if (isProgram(x)) x.views.forEach((v) => visit(v.rel));
  else visit(x);
  return out.map((l) => `${l}\n`).join('');
}

function fixtureText(k: Case, output: { text: string; plan: Rel | Program }): string {
  const input = isProgram(k.input) ? printProgram(k.input) : planText(k.input);
  return `# ${k.pass}: ${k.description}\n-- input\n${input}\n-- expected\n${output.text}\n${valuesRows(output.plan)}`;
}

for (const k of CASES) {
  test(`${k.pass}/${k.name}`, () => {
    const path = joinPath(ROOT, k.pass, `${k.name}.plan`);
    const actual = fixtureText(k, runCase(k));
    if (UPDATE) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, actual);
      return;
    }
    assert.ok(existsSync(path), `missing fixture ${path} (run with RELC_UPDATE_GOLDEN=1 and review it)`);
    assert.fixture(actual, readFileSync(path, 'utf8'));
  });
}

test('every pass has fixtures and every fixture file has a case', () => {
  for (const name of PASSES.keys()) assert.ok(CASES.some((k) => k.pass === name), `no fixture for pass ${name}`);
  const known = new Set(CASES.map((k) => `${k.pass}/${k.name}.plan`));
  for (const dir of readdirSync(ROOT, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'regressions') continue;
    for (const f of readdirSync(joinPath(ROOT, dir.name))) assert.ok(known.has(`${dir.name}/${f}`), `orphan fixture ${dir.name}/${f}`);
  }
});

test.run();
