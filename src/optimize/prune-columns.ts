// prune_columns: computes, top-down, which columns each operator's consumers read, drops
// unread projections, measures and window functions, and narrows the inputs of row-carrying
// operators (join sides, union-all branches, sorts, windows, winners) to the columns they need.
//
//   before: project [name := name#1]             after: project [name := name#1]
//             join inner (equal team_id#2 id#4)            join inner (equal team_id#1 id#2)
//               scan people [id, name, team_id, score]       project [name := name#1, team_id := team_id#2]
//               scan teams [id, name]                          scan people
//                                                            project [id := id#0]
//                                                              scan teams
//
// What must stay: every output column of the view (its schema is a contract); every group key
// (keys define the groups); every column of a DISTINCT, UNION (distinct), INTERSECT or EXCEPT
// input (they compare whole rows); at least one column everywhere (SQL has no zero-column
// relations); every column of a recursion's base and step (they are its working table). Scans never lose columns themselves: the narrowing project above them becomes
// the SELECT list of the scan in SQL and the projection of a Substrait ReadRel.

import { E, internal, schemaOf, type Expr, type Rel, type SortKey } from '../ir/index.ts';
import { colsOf, colsOfAll, remapCols, remapKeys, result } from './exprs.ts';
import type { RelPass } from './pass.ts';

export const pruneColumns: RelPass = {
  name: 'prune_columns',
  scope: 'rel',
  run(rel) {
    const all = new Set(schemaOf(rel).map((_, i) => i));
    return result(rel, prune(rel, all).rel);
  },
};

/** A pruned relation and where each old output column went (-1: dropped). */
interface Pruned {
  readonly rel: Rel;
  readonly map: readonly number[];
}

function range(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
const sorted = (s: ReadonlySet<number>) => Array.from(s).sort((a, b) => a - b);
const identity = (rel: Rel): Pruned => ({ rel, map: range(schemaOf(rel).length) });

/** The old-to-new map of keeping exactly `kept` (old positions, ascending) out of `width`. */
function keepMap(width: number, kept: readonly number[]): number[] {
  const map = new Array<number>(width).fill(-1);
  kept.forEach((old, i) => (map[old] = i));
  return map;
}

/**
 * Pruned `rel` whose output holds at least the `required` columns (maybe more: callers that
 * carry rows narrow it with `narrow`).
 */
function prune(rel: Rel, required: ReadonlySet<number>): Pruned {
  switch (rel.kind) {
    case 'scan':
    case 'ref':
    case 'recursive_ref':
      return identity(rel);
    case 'recursive': {
      // The working table has the recursion's schema: base and step keep every column.
      const all = new Set(range(schemaOf(rel).length));
      const base = narrow(prune(rel.base, all), all).rel;
      const step = narrow(prune(rel.step, all), all).rel;
      return { rel: { ...rel, base, step }, map: range(schemaOf(rel).length) };
    }
    case 'values': {
      const width = rel.schema.length;
      const kept = atLeastOne(sorted(required), width);
      if (kept.length === width) return identity(rel);
      return {
        rel: { ...rel, schema: kept.map((i) => rel.schema[i]!), rows: rel.rows.map((row) => kept.map((i) => row[i]!)) },
        map: keepMap(width, kept),
      };
    }
    case 'filter': {
      const c = prune(rel.input, union(required, colsOf(rel.condition)));
      const condition = remap(rel.condition, c.map);
      return { rel: c.rel === rel.input && condition === rel.condition ? rel : { ...rel, input: c.rel, condition }, map: c.map };
    }
    case 'project': {
      const kept = atLeastOne(sorted(required), rel.exprs.length);
      const exprs = kept.map((i) => rel.exprs[i]!);
      const c = prune(rel.input, colsOfAll(exprs));
      const remapped = exprs.map((e) => remap(e, c.map));
      const same = c.rel === rel.input && kept.length === rel.exprs.length && sameItems(remapped, rel.exprs);
      return {
        rel: same ? rel : { ...rel, input: c.rel, exprs: remapped, names: kept.map((i) => rel.names[i]!) },
        map: keepMap(rel.exprs.length, kept),
      };
    }
    case 'join': {
      const nl = schemaOf(rel.left).length;
      const nr = schemaOf(rel.right).length;
      const need = union(required, rel.condition ? colsOf(rel.condition) : new Set());
      const needL = new Set<number>();
      const needR = new Set<number>();
      for (const i of need) {
        if (i < nl) needL.add(i);
        else needR.add(i - nl);
      }
      const l = narrow(prune(rel.left, needL), needL);
      const r = narrow(prune(rel.right, needR), needR);
      const newNl = schemaOf(l.rel).length;
      const map = [...l.map, ...r.map.map((i) => (i < 0 ? -1 : newNl + i))];
      const condition = rel.condition ? remap(rel.condition, map) : null;
      const semi = rel.type === 'semi' || rel.type === 'anti';
      const same = l.rel === rel.left && r.rel === rel.right && condition === rel.condition;
      return { rel: same ? rel : { ...rel, left: l.rel, right: r.rel, condition }, map: semi ? l.map : map.slice(0, nl + nr) };
    }
    case 'aggregate': {
      const k = rel.groupBy.length;
      let measures = range(rel.measures.length).filter((j) => required.has(k + j));
      if (k === 0 && measures.length === 0 && rel.measures.length > 0) measures = [0];
      const kept = rel.measures.filter((_, j) => measures.includes(j));
      const used = colsOfAll([...rel.groupBy, ...kept.flatMap((m) => [...m.args, ...(m.filter ? [m.filter] : []), ...(m.orderBy ?? []).map((o) => o.expr)])]);
      const c = prune(rel.input, used);
      const groupBy = rel.groupBy.map((e) => remap(e, c.map));
      const remeasured = kept.map((m) => {
        const args = m.args.map((a) => remap(a, c.map));
        const filter = m.filter ? remap(m.filter, c.map) : undefined;
        const orderBy = m.orderBy?.map((o) => ({ ...o, expr: remap(o.expr, c.map) }));
        const sameOrder = !m.orderBy || m.orderBy.every((o, i) => o.expr === orderBy![i]!.expr);
        return sameItems(args, m.args) && filter === m.filter && sameOrder ? m : { ...m, args, ...(m.filter ? { filter } : {}), ...(orderBy ? { orderBy } : {}) };
      });
      const same = c.rel === rel.input && kept.length === rel.measures.length && sameItems(groupBy, rel.groupBy) && sameItems(remeasured, rel.measures);
      const next: Rel = same ? rel : {
        ...rel,
        input: c.rel,
        groupBy,
        measures: remeasured,
        names: [...rel.names.slice(0, k), ...measures.map((j) => rel.names[k + j]!)],
      };
      return { rel: next, map: keepMap(k + rel.measures.length, [...range(k), ...measures.map((j) => k + j)]) };
    }
    case 'setop': {
      const width = schemaOf(rel).length;
      if (!(rel.op === 'union' && rel.all)) {
        // Rows are compared whole: every column stays.
        const all = new Set(range(width));
        const inputs = rel.inputs.map((i) => narrow(prune(i, all), all).rel);
        return { rel: sameItems(inputs, rel.inputs) ? rel : { ...rel, inputs }, map: range(width) };
      }
      const need = new Set(atLeastOne(sorted(required), width));
      const inputs = rel.inputs.map((i) => narrow(prune(i, need), need).rel);
      return { rel: sameItems(inputs, rel.inputs) ? rel : { ...rel, inputs }, map: keepMap(width, sorted(need)) };
    }
    case 'sort': {
      const need = union(required, colsOfAll(rel.keys.map((k) => k.expr)));
      const c = narrow(prune(rel.input, need), need);
      const keys = remapSortKeys(rel.keys, c.map);
      return { rel: c.rel === rel.input && keys === rel.keys ? rel : { ...rel, input: c.rel, keys }, map: c.map };
    }
    case 'limit': {
      const c = prune(rel.input, required);
      return { rel: c.rel === rel.input ? rel : { ...rel, input: c.rel }, map: c.map };
    }
    case 'distinct': {
      const all = new Set(range(schemaOf(rel).length));
      const c = prune(rel.input, all);
      return { rel: c.rel === rel.input ? rel : { ...rel, input: c.rel }, map: c.map };
    }
    case 'window': {
      const w = schemaOf(rel.input).length;
      const keep = range(rel.functions.length).filter((j) => required.has(w + j));
      const fns = keep.map((j) => rel.functions[j]!);
      const passThrough = new Set([...required].filter((i) => i < w));
      // No window function is read: the window is gone.
      if (fns.length === 0) {
        const c = prune(rel.input, passThrough);
        return { rel: c.rel, map: [...c.map, ...rel.functions.map(() => -1)] };
      }
      const used = colsOfAll(fns.flatMap((f) => [...f.args, ...f.partitionBy, ...f.orderBy.map((k) => k.expr)]));
      const need = union(passThrough, used);
      const c = narrow(prune(rel.input, need), need);
      const nw = schemaOf(c.rel).length;
      const functions = fns.map((f) => {
        const args = f.args.map((a) => remap(a, c.map));
        const partitionBy = f.partitionBy.map((p) => remap(p, c.map));
        const orderBy = remapSortKeys(f.orderBy, c.map);
        return sameItems(args, f.args) && sameItems(partitionBy, f.partitionBy) && orderBy === f.orderBy ? f : { ...f, args, partitionBy, orderBy };
      });
      const map = [...c.map, ...range(rel.functions.length).map((j) => (keep.includes(j) ? nw + keep.indexOf(j) : -1))];
      const same = c.rel === rel.input && sameItems(functions, rel.functions);
      return { rel: same ? rel : { ...rel, input: c.rel, functions, names: keep.map((j) => rel.names[j]!) }, map };
    }
    case 'winner': {
      const need = union(required, colsOfAll([...rel.partitionBy, ...rel.orderBy.map((k) => k.expr)]));
      const c = narrow(prune(rel.input, need), need);
      const partitionBy = rel.partitionBy.map((p) => remap(p, c.map));
      const orderBy = remapSortKeys(rel.orderBy, c.map);
      const same = c.rel === rel.input && sameItems(partitionBy, rel.partitionBy) && orderBy === rel.orderBy;
      return { rel: same ? rel : { ...rel, input: c.rel, partitionBy, orderBy }, map: c.map };
    }
  }
}

/**
 * Exactly the `required` columns of `p` (at least one), in their old order: a project on top
 * when `p` carries more. A project below is never wrapped again (it already selects).
 */
function narrow(p: Pruned, required: ReadonlySet<number>): Pruned {
  if (p.rel.kind === 'project') return p;
  const width = schemaOf(p.rel).length;
  if (required.size === width) return p; // every column is required (positions are distinct)
  const kept = required.size > 0 ? sorted(required) : firstAvailable(p.map);
  if (kept.length === width) return p;
  const schema = schemaOf(p.rel);
  const rel: Rel = {
    kind: 'project',
    input: p.rel,
    exprs: kept.map((old) => E.col(p.map[old]!)),
    names: kept.map((old) => schema[p.map[old]!]!.name),
  };
  return { rel, map: keepMap(p.map.length, kept) };
}

/** Whether two lists hold the same objects (a rebuilt node that changed nothing is the node itself). */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function atLeastOne(kept: number[], width: number): number[] {
  return kept.length > 0 || width === 0 ? kept : [0];
}

function union(a: ReadonlySet<number>, b: ReadonlySet<number>): Set<number> {
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}

/** The first old position that survived (as a one-element list), or none. */
function firstAvailable(map: readonly number[]): number[] {
  const old = map.findIndex((n) => n >= 0);
  return old >= 0 ? [old] : [];
}

function remap(e: Expr, map: readonly number[]): Expr {
  return remapCols(e, (i) => {
    const j = map[i];
    if (j === undefined || j < 0) throw internal(`prune_columns lost column #${i}`);
    return j;
  });
}

function remapSortKeys(keys: readonly SortKey[], map: readonly number[]): readonly SortKey[] {
  return remapKeys(keys, (e) => remap(e, map));
}
