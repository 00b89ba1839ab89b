// Seeded random relational plans over small random tables, for differential tests: optimized vs
// unoptimized, DuckDB vs SQLite, IR vs Substrait round trips. Same seed → same tables and plans.
//
//   const { tables, plans } = generatePlans(42, 2000);
//   tables: [{ name, schema, rows }]   rows hold canonical values (CONTRACTS.md): int64 → bigint, …
//   plans:  Rel[] reading those tables through `scan` (every plan validates with validateRel)
//
// Tables are tiny (0–12 rows) with NULLs, duplicates and overlapping key domains, so joins
// match, groups collide and outer joins pad. Plans mix every operator: filters, projects,
// joins of every type, aggregates (with and without keys, DISTINCT and FILTER), union /
// intersect / except (ALL and DISTINCT), distinct, windows, winners, sorts and limits.
// Results are deterministic by construction: every limit, winner, row_number, lag/lead and
// first/last_value orders by all columns of its input (ties only between identical rows), and
// a root sort, when present, orders by every output column (see `rootOrdersTotally`).
// Expressions avoid what engines may legitimately disagree on or fail at: division by zero,
// integer overflow, float rounding order (float values are exact binary fractions).

import {
  E, field, resolveCall, schemaOf, T, typeEquals, typeOf,
  type AggCall, type DataType, type Expr, type JoinType, type Literal, type Program, type Rel, type Schema, type SortKey, type WindowCall,
} from '../../src/ir/index.ts';

export type TableValue = null | boolean | number | bigint | string;

export interface GeneratedTable {
  readonly name: string;
  readonly schema: Schema;
  /** Canonical JS values per CONTRACTS.md (int64 → bigint, int32/float64 → number, …). */
  readonly rows: readonly (readonly TableValue[])[];
}

export interface GeneratedPlans {
  readonly tables: readonly GeneratedTable[];
  readonly plans: readonly Rel[];
}

export interface GeneratedPrograms {
  readonly tables: readonly GeneratedTable[];
  /** Programs of 2–4 views that read the tables and each other (outputs: every view). */
  readonly programs: readonly Program[];
}

export interface GenerateOptions {
  /** Maximum operator depth of a plan (default 4). */
  readonly maxDepth?: number;
  /** Allow projects to give two columns the same name (default true). */
  readonly duplicateNames?: boolean;
  /**
   * Also generate limits without a total order below them (default false). Their results are
   * not deterministic, so such plans are for tests that do not execute them (convergence).
   */
  readonly unorderedLimits?: boolean;
}

/** A small, fast, seedable PRNG (mulberry32). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** A weighted choice: [[weight, value], …]. */
  weighted<T>(xs: readonly (readonly [number, T])[]): T {
    let r = this.next() * xs.reduce((s, [w]) => s + w, 0);
    for (const [w, v] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1]![1];
  }
  subset<T>(xs: readonly T[], min: number, max: number): T[] {
    const n = Math.min(xs.length, this.int(min, max));
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n) out.push(pool.splice(this.int(0, pool.length - 1), 1)[0]!);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

const STRINGS = ['a', 'b', 'B', 'ab', '', 'x y', 'b%'];
const FLOATS = [-1.5, 0, 0.5, 2, 3.25];
const DATES = ['2024-01-31', '2024-02-29', '2024-03-01', '1999-12-31'];
const DECIMALS = ['-1.25', '0.00', '0.10', '2.50', '100.05'];

type Kind = 'int32' | 'int64' | 'float64' | 'utf8' | 'bool' | 'date' | 'decimal';
const TYPE: Record<Kind, DataType> = { int32: T.int32, int64: T.int64, float64: T.float64, utf8: T.utf8, bool: T.bool, date: T.date, decimal: T.decimal(8, 2) };
const KINDS: readonly Kind[] = ['int32', 'int64', 'float64', 'utf8', 'bool', 'date', 'decimal'];

const TABLE_SHAPES: readonly { name: string; cols: readonly [string, Kind, boolean][]; rows: [number, number] }[] = [
  { name: 't1', cols: [['id', 'int64', false], ['a', 'int64', true], ['b', 'int32', false], ['s', 'utf8', true], ['f', 'float64', true], ['flag', 'bool', true], ['amt', 'decimal', true]], rows: [6, 12] },
  { name: 't2', cols: [['id', 'int64', false], ['a', 'int64', true], ['k', 'int32', true], ['s', 'utf8', false], ['day', 'date', true]], rows: [4, 10] },
  { name: 't3', cols: [['k', 'int32', true], ['s', 'utf8', true], ['f', 'float64', false]], rows: [3, 8] },
  { name: 't_empty', cols: [['a', 'int64', true], ['s', 'utf8', true]], rows: [0, 0] },
];

function randomValue(rng: Rng, kind: Kind, nullable: boolean): TableValue {
  if (nullable && rng.chance(0.2)) return null;
  switch (kind) {
    case 'int32':
      return rng.int(-2, 5);
    case 'int64':
      return BigInt(rng.int(-2, 5));
    case 'float64':
      return rng.pick(FLOATS);
    case 'utf8':
      return rng.pick(STRINGS);
    case 'bool':
      return rng.chance(0.5);
    case 'date':
      return rng.pick(DATES);
    case 'decimal':
      return rng.pick(DECIMALS);
  }
}

export function generateTables(rng: Rng): GeneratedTable[] {
  return TABLE_SHAPES.map((shape) => {
    const schema = shape.cols.map(([n, k, nul]) => field(n, TYPE[k], nul));
    const n = rng.int(shape.rows[0], shape.rows[1]);
    const rows: TableValue[][] = [];
    for (let i = 0; i < n; i++) {
      // Duplicate an earlier row now and then (DISTINCT, UNION, EXCEPT ALL see real duplicates).
      if (rows.length > 0 && rng.chance(0.15)) rows.push([...rng.pick(rows)]);
      else rows.push(shape.cols.map(([, k, nul]) => randomValue(rng, k, nul)));
    }
    return { name: shape.name, schema, rows };
  });
}

// ---------------------------------------------------------------------------------------------
// Expressions

// Only decimal(8,2) is the generator's decimal: a sum's decimal(38,0) is not interchangeable
// with it (a CASE or set operand typed decimal(8,2) must really be decimal(8,2)).
const kindOf = (t: DataType): Kind | undefined =>
  t.kind === 'decimal' ? (typeEquals(t, TYPE.decimal) ? 'decimal' : undefined) : KINDS.includes(t.kind as Kind) ? (t.kind as Kind) : undefined;
const isInt = (k: Kind | undefined) => k === 'int32' || k === 'int64';

function lit(rng: Rng, kind: Kind, allowNull = true): Literal {
  if (allowNull && rng.chance(0.08)) return E.lit(TYPE[kind], null);
  const v = randomValue(rng, kind, false);
  return E.lit(TYPE[kind], typeof v === 'bigint' ? v.toString() : v);
}

function call(fn: string, args: readonly Expr[], schema: Schema): Expr {
  return E.call(fn, args, resolveCall(fn, args.map((a) => typeOf(a, schema).type)).returns);
}

class ExprGen {
  constructor(private readonly rng: Rng, private readonly schema: Schema) {}

  colsOf(kinds: readonly Kind[]): number[] {
    return this.schema.flatMap((f, i) => (kinds.includes(kindOf(f.type)!) ? [i] : []));
  }

  /** An expression of exactly `kind`. */
  typed(kind: Kind, depth: number): Expr {
    const rng = this.rng;
    const cols = this.colsOf([kind]);
    if (depth <= 0 || rng.chance(0.35)) {
      if (cols.length && rng.chance(0.8)) return E.col(rng.pick(cols));
      if (kind === 'bool') return this.predicate(0);
      if (kind === 'int64' && this.colsOf(['int32']).length && rng.chance(0.5)) return E.cast(E.col(rng.pick(this.colsOf(['int32']))), T.int64);
      return lit(rng, kind);
    }
    switch (kind) {
      case 'bool':
        return this.predicate(depth);
      case 'int32':
      case 'int64': {
        const op = rng.weighted<string>([[3, 'add'], [2, 'subtract'], [1, 'multiply'], [1, 'divide'], [1, 'negate'], [1, 'abs'], [2, 'coalesce'], [2, 'case']]);
        if (op === 'negate' || op === 'abs') return call(op, [this.typed(kind, depth - 1)], this.schema);
        if (op === 'coalesce') return call('coalesce', [this.typed(kind, depth - 1), lit(rng, kind, false)], this.schema);
        if (op === 'case') return this.caseOf(kind, depth);
        if (op === 'divide') {
          // Division by a non-zero literal only: engines differ on x / 0.
          const d = E.lit(TYPE[kind], kind === 'int32' ? rng.pick([2, 3, -2]) : rng.pick(['2', '3', '-2']));
          return call('divide', [this.typed(kind, depth - 1), d], this.schema);
        }
        // Small operands keep products far from overflow.
        return call(op, [this.typed(kind, depth - 1), op === 'multiply' ? lit(rng, kind) : this.typed(kind, depth - 1)], this.schema);
      }
      case 'float64': {
        const op = rng.weighted<string>([[2, 'add'], [1, 'subtract'], [1, 'coalesce'], [1, 'case'], [1, 'abs']]);
        if (op === 'abs') return call('abs', [this.typed(kind, depth - 1)], this.schema);
        if (op === 'coalesce') return call('coalesce', [this.typed(kind, depth - 1), lit(rng, kind, false)], this.schema);
        if (op === 'case') return this.caseOf(kind, depth);
        return call(op, [this.typed(kind, depth - 1), this.typed(kind, depth - 1)], this.schema);
      }
      case 'date': {
        // date + integer days is a date (PostgreSQL); small offsets stay far from the range ends.
        const op = rng.weighted<string>([[2, 'add'], [1, 'coalesce'], [1, 'case']]);
        if (op === 'coalesce') return call('coalesce', [this.typed(kind, depth - 1), lit(rng, kind, false)], this.schema);
        if (op === 'case') return this.caseOf(kind, depth);
        return call('add', [this.typed(kind, depth - 1), E.lit(T.int32, rng.int(-40, 40))], this.schema);
      }
      case 'decimal': {
        // Sums and differences of decimal(8,2) widen (decimal(9,2)…): cast back to stay exactly typed.
        const op = rng.weighted<string>([[2, 'add'], [1, 'coalesce'], [1, 'case'], [1, 'abs']]);
        if (op === 'abs') return call('abs', [this.typed(kind, depth - 1)], this.schema);
        if (op === 'coalesce') return call('coalesce', [this.typed(kind, depth - 1), lit(rng, kind, false)], this.schema);
        if (op === 'case') return this.caseOf(kind, depth);
        return E.cast(call('add', [this.typed(kind, depth - 1), this.typed(kind, depth - 1)], this.schema), TYPE.decimal);
      }
      case 'utf8': {
        const op = rng.weighted<string>([[2, 'concat'], [1, 'lower'], [1, 'upper'], [2, 'coalesce'], [1, 'case']]);
        if (op === 'lower' || op === 'upper') return call(op, [this.typed(kind, depth - 1)], this.schema);
        if (op === 'coalesce') return call('coalesce', [this.typed(kind, depth - 1), lit(rng, kind, false)], this.schema);
        if (op === 'case') return this.caseOf(kind, depth);
        return call('concat', [this.typed(kind, depth - 1), this.typed(kind, depth - 1)], this.schema);
      }
    }
  }

  caseOf(kind: Kind, depth: number): Expr {
    const whens = Array.from({ length: this.rng.int(1, 2) }, () => ({ when: this.predicate(depth - 1), then: this.typed(kind, depth - 1) }));
    const els = this.rng.chance(0.7) ? this.typed(kind, depth - 1) : null;
    return { kind: 'case', whens, else: els, type: TYPE[kind] };
  }

  /** A boolean predicate (comparisons, IS NULL, IN, LIKE, AND/OR/NOT, literals). */
  predicate(depth: number): Expr {
    const rng = this.rng;
    const op = depth <= 0
      ? rng.weighted<string>([[6, 'compare'], [2, 'isnull'], [1, 'in'], [1, 'like'], [1, 'boolcol'], [1, 'const']])
      : rng.weighted<string>([[6, 'compare'], [2, 'isnull'], [1, 'in'], [1, 'like'], [3, 'and'], [2, 'or'], [1, 'not'], [1, 'distinct'], [1, 'boolcol'], [1, 'const']]);
    const kinds = [...new Set(this.schema.map((f) => kindOf(f.type)).filter((k): k is Kind => k !== undefined && k !== 'bool'))];
    const someKind = (): Kind => (kinds.length ? rng.pick(kinds) : 'int32');
    switch (op) {
      case 'compare': {
        const k = someKind();
        const fn = rng.pick(['equal', 'equal', 'not_equal', 'lt', 'lte', 'gt', 'gte']);
        const other = isInt(k) && rng.chance(0.3) ? (k === 'int32' ? 'int64' : 'int32') : k;
        return call(fn, [this.typed(k, depth - 1), rng.chance(0.5) ? lit(rng, other) : this.typed(other, depth - 1)], this.schema);
      }
      case 'distinct': {
        const k = someKind();
        return call(rng.pick(['is_distinct_from', 'is_not_distinct_from']), [this.typed(k, depth - 1), this.typed(k, depth - 1)], this.schema);
      }
      case 'isnull':
        return E.isNull(this.typed(someKind(), depth - 1), rng.chance(0.5));
      case 'in': {
        const k = someKind();
        return { kind: 'in', expr: this.typed(k, depth - 1), list: Array.from({ length: rng.int(1, 3) }, () => lit(rng, k)), negated: rng.chance(0.4) };
      }
      case 'like': {
        if (!this.colsOf(['utf8']).length) return this.predicate(0);
        // A backslash in a pattern only with an explicit ESCAPE (engines differ on the default).
        const escape = rng.chance(0.3) ? '\\' : null;
        const pattern = rng.pick(['a%', '%b', '_', '%', 'x y', ...(escape ? ['b\\%'] : [])]);
        return { kind: 'like', expr: this.typed('utf8', depth - 1), pattern: E.lit(T.utf8, pattern), escape, negated: rng.chance(0.3), caseInsensitive: false };
      }
      case 'and':
      case 'or':
        return E.call(op, [this.predicate(depth - 1), this.predicate(depth - 1)], T.bool);
      case 'not':
        return E.call('not', [this.predicate(depth - 1)], T.bool);
      case 'boolcol': {
        const bools = this.colsOf(['bool']);
        return bools.length ? E.col(rng.pick(bools)) : this.predicate(0);
      }
      default:
        return lit(rng, 'bool');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Relations

const NAMES = ['a', 'b', 'c', 'k', 'n', 's', 'v', 'x', 'y'];

class PlanGen {
  constructor(
    private readonly rng: Rng,
    private readonly tables: readonly GeneratedTable[],
    private readonly opts: Required<GenerateOptions>,
    private readonly refs: readonly Rel[] = [],
  ) {}

  exprs(schema: Schema) {
    return new ExprGen(this.rng, schema);
  }

  leaf(): Rel {
    const rng = this.rng;
    if (this.refs.length && rng.chance(0.5)) return rng.pick(this.refs);
    if (rng.chance(0.06)) {
      const k = rng.pick<Kind>(['int64', 'utf8']);
      const schema = [field('v', TYPE[k], true), field('w', T.int32)];
      return { kind: 'values', schema, rows: Array.from({ length: rng.int(1, 3) }, () => [lit(rng, k), lit(rng, 'int32', false)]) };
    }
    const t = rng.weighted<GeneratedTable>(this.tables.map((x) => [x.rows.length === 0 ? 1 : 4, x] as const));
    return { kind: 'scan', table: t.name, schema: t.schema };
  }

  rel(depth: number): Rel {
    const rng = this.rng;
    if (depth <= 0) return this.leaf();
    const op = rng.weighted<string>([
      [4, 'filter'], [3, 'project'], [4, 'join'], [2, 'aggregate'], [2, 'setop'], [1, 'sort'], [1, 'limit'],
      [1, 'distinct'], [1, 'winner'], [1, 'window'], [1, 'leaf'],
    ]);
    switch (op) {
      case 'filter': {
        const input = this.rel(depth - 1);
        return { kind: 'filter', input, condition: this.exprs(schemaOf(input)).predicate(rng.int(0, 2)) };
      }
      case 'project':
        return this.project(this.rel(depth - 1));
      case 'join':
        return this.join(depth);
      case 'aggregate':
        return this.aggregate(this.rel(depth - 1));
      case 'setop':
        return this.setop(depth);
      case 'sort': {
        const input = this.rel(depth - 1);
        const s = schemaOf(input);
        return { kind: 'sort', input, keys: rng.subset(s.map((_, i) => i), 1, 2).map((i) => this.key(i)) };
      }
      case 'limit': {
        const input = this.rel(depth - 1);
        const ordered = this.opts.unorderedLimits && rng.chance(0.5) ? input : this.totalSort(input);
        return { kind: 'limit', input: ordered, limit: rng.chance(0.9) ? rng.int(0, 4) : null, offset: rng.chance(0.3) ? rng.int(1, 2) : 0 };
      }
      case 'distinct':
        return { kind: 'distinct', input: this.rel(depth - 1) };
      case 'winner': {
        const input = this.rel(depth - 1);
        const s = schemaOf(input);
        return { kind: 'winner', input, partitionBy: rng.subset(s.map((_, i) => i), 0, 2).map(E.col), orderBy: this.totalKeys(s), keep: rng.int(1, 2) };
      }
      case 'window':
        return this.window(this.rel(depth - 1));
      default:
        return this.leaf();
    }
  }

  key(i: number): SortKey {
    const rng = this.rng;
    return { expr: E.col(i), direction: rng.chance(0.5) ? 'asc' : 'desc', nulls: rng.chance(0.5) ? 'first' : 'last' };
  }

  /** Keys over every column, in a random order: a total order up to identical rows. */
  totalKeys(s: Schema): SortKey[] {
    return this.rng.subset(s.map((_, i) => i), s.length, s.length).map((i) => this.key(i));
  }

  totalSort(input: Rel): Rel {
    return { kind: 'sort', input, keys: this.totalKeys(schemaOf(input)) };
  }

  name(used: string[]): string {
    let n = this.rng.pick(NAMES);
    if (!this.opts.duplicateNames) for (let k = 1; used.includes(n); k++) n = `${this.rng.pick(NAMES)}${k}`;
    used.push(n);
    return n;
  }

  project(input: Rel): Rel {
    const rng = this.rng;
    const s = schemaOf(input);
    const g = this.exprs(s);
    const used: string[] = [];
    const exprs: Expr[] = [];
    const names: string[] = [];
    for (let i = 0, n = rng.int(1, 4); i < n; i++) {
      if (rng.chance(0.5)) {
        const c = rng.int(0, s.length - 1);
        exprs.push(E.col(c));
        names.push(rng.chance(0.6) && !used.includes(s[c]!.name) ? (used.push(s[c]!.name), s[c]!.name) : this.name(used));
      } else {
        exprs.push(g.typed(rng.pick(KINDS), rng.int(0, 2)));
        names.push(this.name(used));
      }
    }
    return { kind: 'project', input, exprs, names };
  }

  join(depth: number): Rel {
    const rng = this.rng;
    const left = this.rel(depth - 1);
    const right = this.rel(rng.int(0, depth - 1));
    const type = rng.weighted<JoinType>([[4, 'inner'], [3, 'left'], [1, 'right'], [1, 'full'], [2, 'semi'], [2, 'anti'], [1, 'cross']]);
    if (type === 'cross') return { kind: 'join', type, left, right, condition: null };
    const ls = schemaOf(left);
    const rs = schemaOf(right);
    const all = [...ls, ...rs];
    const g = this.exprs(all);
    const conj: Expr[] = [];
    // An equi key between columns of the same kind, when there is one.
    const pairs: [number, number][] = [];
    ls.forEach((lf, i) => rs.forEach((rf, j) => {
      const a = kindOf(lf.type);
      const b = kindOf(rf.type);
      if (a && b && a !== 'bool' && (a === b || (isInt(a) && isInt(b)))) pairs.push([i, ls.length + j]);
    }));
    if (pairs.length && rng.chance(0.85)) {
      const [i, j] = rng.pick(pairs);
      conj.push(call(rng.chance(0.9) ? 'equal' : 'is_not_distinct_from', rng.chance(0.8) ? [E.col(i), E.col(j)] : [E.col(j), E.col(i)], all));
    }
    if (!conj.length || rng.chance(0.4)) conj.push(g.predicate(rng.int(0, 2)));
    return { kind: 'join', type, left, right, condition: conj.length === 1 ? conj[0]! : E.call('and', conj, T.bool) };
  }

  aggregate(input: Rel): Rel {
    const rng = this.rng;
    const s = schemaOf(input);
    const g = this.exprs(s);
    const used: string[] = [];
    const groupBy: Expr[] = rng.chance(0.25) ? [] : rng.subset(s.map((_, i) => i), 1, 2).map((i) => (rng.chance(0.8) ? E.col(i) : g.typed(kindOf(s[i]!.type) ?? 'int32', 1)));
    const names = groupBy.map(() => this.name(used));
    const measures: AggCall[] = [];
    for (let i = 0, n = rng.int(1, 3); i < n; i++) {
      const fn = rng.weighted<string>([[3, 'count*'], [2, 'count'], [2, 'sum'], [2, 'min'], [2, 'max'], [1, 'avg']]);
      const filter = rng.chance(0.15) ? { filter: g.predicate(1) } : {};
      if (fn === 'count*') {
        measures.push({ fn: 'count', args: [], distinct: false, type: T.int64, ...filter });
      } else {
        const numeric = this.exprsOfKinds(s, fn === 'sum' || fn === 'avg' ? ['int32', 'int64', 'float64', 'decimal'] : ['int32', 'int64', 'float64', 'utf8', 'date', 'decimal']);
        const arg = numeric.length ? E.col(rng.pick(numeric)) : E.lit(T.int32, 1);
        const type = resolveCall(fn, [typeOf(arg, s).type]).returns;
        measures.push({ fn, args: [arg], distinct: fn !== 'avg' && rng.chance(0.2), type, ...filter });
      }
      names.push(this.name(used));
    }
    return { kind: 'aggregate', input, groupBy, measures, names };
  }

  exprsOfKinds(s: Schema, kinds: readonly Kind[]): number[] {
    return s.flatMap((f, i) => (kinds.includes(kindOf(f.type)!) ? [i] : []));
  }

  /** Another relation shaped like `like` (same column kinds, by a project over anything). */
  conformTo(like: Schema, depth: number): Rel {
    const input = this.rel(depth);
    const g = this.exprs(schemaOf(input));
    // Now and then a narrower type (int32 under int64): set operands need only a common type.
    const kindFor = (k: Kind): Kind => (k === 'int64' && this.rng.chance(0.1) ? 'int32' : k);
    return { kind: 'project', input, exprs: like.map((f) => g.typed(kindFor(kindOf(f.type) ?? 'int32'), this.rng.int(0, 1))), names: like.map((f) => f.name) };
  }

  setop(depth: number): Rel {
    const rng = this.rng;
    const first = this.rel(depth - 1);
    const s = schemaOf(first);
    const op = rng.weighted<'union' | 'intersect' | 'except'>([[4, 'union'], [1, 'intersect'], [1, 'except']]);
    const inputs = [first, ...Array.from({ length: op === 'union' && rng.chance(0.3) ? 2 : 1 }, () => this.conformTo(s, rng.int(0, depth - 1)))];
    return { kind: 'setop', op, all: rng.chance(0.5), inputs };
  }

  window(input: Rel): Rel {
    const rng = this.rng;
    const s = schemaOf(input);
    const cols = s.map((_, i) => i);
    const functions: WindowCall[] = [];
    const names: string[] = [];
    const used = s.map((f) => f.name);
    for (let i = 0, n = rng.int(1, 2); i < n; i++) {
      const partitionBy = rng.subset(cols, 0, 2).map(E.col);
      const fn = rng.pick(['row_number', 'rank', 'dense_rank', 'sum', 'count', 'min', 'lag', 'first_value']);
      let args: Expr[] = [];
      let orderBy: SortKey[];
      if (fn === 'row_number' || fn === 'lag' || fn === 'first_value') orderBy = this.totalKeys(s); // ties would make them arbitrary
      else if (fn === 'rank' || fn === 'dense_rank') orderBy = rng.subset(cols, 1, 2).map((c) => this.key(c));
      else orderBy = rng.chance(0.5) ? [] : rng.subset(cols, 1, 2).map((c) => this.key(c)); // RANGE frame: peers share a value
      if (fn === 'sum') {
        const nums = this.exprsOfKinds(s, ['int32', 'int64', 'float64']);
        args = [nums.length ? E.col(rng.pick(nums)) : E.lit(T.int32, 1)];
      } else if (fn === 'count' || fn === 'min' || fn === 'lag' || fn === 'first_value') {
        const plain = this.exprsOfKinds(s, ['int32', 'int64', 'float64', 'utf8']);
        args = [E.col(rng.pick(plain.length ? plain : cols))];
      }
      const type = resolveCall(fn, args.map((a) => typeOf(a, s).type)).returns;
      functions.push({ fn, args, distinct: false, partitionBy, orderBy, type });
      names.push(this.name(used));
    }
    return { kind: 'window', input, functions, names };
  }
}

/** Whether the root of a plan orders every row (so results compare as ordered lists). */
export function rootOrdersTotally(rel: Rel): boolean {
  if (rel.kind !== 'sort') return false;
  const width = schemaOf(rel).length;
  const keyed = new Set(rel.keys.flatMap((k) => (k.expr.kind === 'col' ? [k.expr.index] : [])));
  return keyed.size === width;
}

const DEFAULTS: Required<GenerateOptions> = { maxDepth: 4, duplicateNames: true, unorderedLimits: false };

/** `count` random plans over random tables, all from `seed`. */
export function generatePlans(seed: number, count: number, opts: GenerateOptions = {}): GeneratedPlans {
  const o = { ...DEFAULTS, ...opts };
  const rng = new Rng(seed);
  const tables = generateTables(rng);
  const gen = new PlanGen(rng, tables, o);
  const plans: Rel[] = [];
  for (let i = 0; i < count; i++) {
    let rel = gen.rel(rng.int(1, o.maxDepth));
    // A third of the plans order their output totally at the root.
    if (rng.chance(0.3)) rel = gen.totalSort(rel);
    plans.push(rel);
  }
  return { tables, plans };
}

/** `count` random programs (2–4 views, later views reading earlier ones through `ref`). */
export function generatePrograms(seed: number, count: number, opts: GenerateOptions = {}): GeneratedPrograms {
  const o = { ...DEFAULTS, maxDepth: 3, ...opts };
  const rng = new Rng(seed);
  const tables = generateTables(rng);
  const programs: Program[] = [];
  for (let p = 0; p < count; p++) {
    const views: { name: string; rel: Rel }[] = [];
    const refs: Rel[] = [];
    // A subplan that several views repeat verbatim (reducing rows, so worth sharing), so
    // common_subplan has work to do.
    const base = new PlanGen(rng, tables, o);
    const inner = base.rel(rng.int(1, 2));
    const common = rng.chance(0.5) ? ({ kind: 'distinct', input: inner } satisfies Rel) : base.aggregate(inner);
    for (let v = 0, n = rng.int(2, 4); v < n; v++) {
      const gen = new PlanGen(rng, tables, o, [...refs, common, common]);
      const rel = gen.rel(rng.int(1, o.maxDepth));
      const name = `v${v + 1}`;
      views.push({ name, rel });
      refs.push({ kind: 'ref', name, schema: schemaOf(rel) });
    }
    programs.push({
      name: `p${p + 1}`,
      profile: 'default',
      params: [],
      inputs: tables.map((t) => ({ name: t.name, path: `${t.name}.jsonl`, format: 'jsonl', schema: t.schema })),
      views,
      outputs: views.map((v) => ({ name: v.name, from: v.name, orderBy: [], format: 'parquet' })),
    });
  }
  return { tables, programs };
}

/**
 * A table as an input file for `Backend.loadInput`: JSON Lines (int64 as JSON numbers — they
 * are small), or for a table without rows a header-only CSV (an empty JSON Lines file has no
 * columns to match). Returns the file text and its format.
 */
export function tableFile(t: GeneratedTable): { format: 'jsonl' | 'csv'; text: string } {
  if (t.rows.length === 0) return { format: 'csv', text: `${t.schema.map((f) => f.name).join(',')}\n` };
  return { format: 'jsonl', text: tableJsonl(t) };
}

/** A table as JSON Lines: int64 as JSON numbers (they are small). */
export function tableJsonl(t: GeneratedTable): string {
  return t.rows
    .map((row) => JSON.stringify(Object.fromEntries(t.schema.map((f, i) => [f.name, typeof row[i] === 'bigint' ? Number(row[i]) : row[i]]))))
    .map((l) => `${l}\n`)
    .join('');
}
