// One builder per rule kind: a validated rule (format.ts) → the IR relation of its view.

import {
  E, RelcError, T, assertNever, commonSuperType, isInteger, joinIsManyToOne, joinKeys, projectKeys as projectedKeys, schemaOf, typeEquals, typeOf, typeToString,
  type Expr, type UniqueKey, type Rel, type Schema, type SortKey, type SourceLocation, type JoinType,
} from '../ir/index.ts';
import { parseAggregate, parseScalar, parseSelect, type Catalog, type ExprScope } from '../sql/index.ts';
import { buildRecursive } from './recursive-rule.ts';
import type { RuleSpec } from './format.ts';
import { parseSortItem, singleScope, type BuiltRule, type ParamTypes, type RelationEntry, type RuleContext } from './scope.ts';
import type { PathKey } from './source.ts';

function expectBool(e: Expr, schema: Schema, what: string, location: SourceLocation): void {
  const t = typeOf(e, schema).type;
  if (t.kind !== 'bool' && t.kind !== 'null') throw new RelcError('TYPE_MISMATCH', `${what} must be boolean, got ${typeToString(t)}`, { location });
}

/**
 * Column names are unique without regard to case: DuckDB and SQLite fold identifier case even
 * when quoted, so `a` and `A` would collide in every engine.
 */
export function uniqueNames(names: readonly string[], location: (i: number) => SourceLocation): void {
  const seen = new Map<string, string>();
  names.forEach((n, i) => {
    const prior = seen.get(n.toLowerCase());
    if (prior !== undefined) {
      const how = prior === n ? 'is defined twice' : `collides with '${prior}' (engines compare names without regard to case)`;
      throw new RelcError('DUPLICATE_NAME', `column '${n}' ${how}`, { location: location(i), details: { column: n } });
    }
    seen.set(n.toLowerCase(), n);
  });
}

/** Key column names → positions in `schema` (a key naming a missing column is dropped). */
function keyPositions(keys: readonly (readonly string[])[], schema: Schema): UniqueKey[] {
  return keys.map((k) => k.map((c) => schema.findIndex((f) => f.name === c))).filter((k) => k.every((i) => i >= 0));
}

function keyNames(keys: readonly UniqueKey[], names: readonly string[]): string[][] {
  return keys.map((k) => k.map((i) => names[i]!));
}

/** Keys that survive a projection: those whose every column passes through as a plain column. */
function projectKeys(keys: readonly (readonly string[])[], input: Schema, exprs: readonly Expr[], names: readonly string[]): string[][] {
  return keyNames(projectedKeys(keyPositions(keys, input), exprs), names);
}

function selectMap(select: Record<string, string>, scope: ExprScope, ctx: RuleContext, field: string): { exprs: Expr[]; names: string[] } {
  const names = Object.keys(select);
  uniqueNames(names, (i) => ctx.atKey([field], names[i]!));
  const exprs = names.map((n) => parseScalar(select[n]!, scope, { origin: ctx.at([field, n], true) }));
  return { exprs, names };
}

export function buildRule(rule: RuleSpec, ctx: RuleContext): BuiltRule {
  switch (rule.kind) {
    case 'filter': {
      const from = ctx.relation(rule.from, ['from']);
      const condition = parseScalar(rule.where, singleScope(rule.from, from.schema, ctx.params), { origin: ctx.at(['where'], true) });
      expectBool(condition, from.schema, 'where', ctx.at(['where'], true));
      return { rel: { kind: 'filter', input: from.rel, condition }, keys: from.keys };
    }
    case 'project': {
      const from = ctx.relation(rule.from, ['from']);
      const { exprs, names } = selectMap(rule.select, singleScope(rule.from, from.schema, ctx.params), ctx, 'select');
      return { rel: { kind: 'project', input: from.rel, exprs, names }, keys: projectKeys(from.keys, from.schema, exprs, names) };
    }
    case 'relate':
      return buildRelate(rule, ctx);
    case 'aggregate':
      return buildAggregate(rule, ctx);
    case 'union':
      return buildUnion(rule, ctx);
    case 'winner':
      return buildWinner(rule, ctx);
    case 'normalize':
      return buildNormalize(rule, ctx);
    case 'recursive':
      return buildRecursive(rule, ctx);
    case 'sql': {
      // Declared keys let the SQL front end prove a LIMIT's or a window's order total.
      const catalog: Catalog = { ...ctx.catalog(['sql']), keys: (name) => ctx.relation(name, ['sql']).keys };
      const rel = parseSelect(rule.sql, { dialect: 'postgres', catalog, params: ctx.params, origin: ctx.at(['sql'], true), strict: ctx.strict, onWarning: (w) => ctx.warn(w.code, w.message, w.location) });
      return { rel, keys: [] };
    }
    default:
      return assertNever(rule, 'rule kind');
  }
}

function buildRelate(rule: Extract<RuleSpec, { kind: 'relate' }>, ctx: RuleContext): BuiltRule {
  const left = ctx.relation(rule.left, ['left']);
  const right = ctx.relation(rule.right, ['right']);
  const both: ExprScope = {
    relations: [
      { alias: 'left', fields: left.schema, offset: 0 },
      { alias: 'right', fields: right.schema, offset: left.schema.length },
    ],
    params: ctx.params,
  };
  const condition = parseScalar(rule.on, both, { origin: ctx.at(['on'], true) });
  expectBool(condition, [...left.schema, ...right.schema], 'on', ctx.at(['on'], true));
  const join: Rel = { kind: 'join', type: rule.join as JoinType, left: left.rel, right: right.rel, condition };
  const leftOnly = rule.join === 'semi' || rule.join === 'anti';
  // Keys of both sides reach the join where it provably keeps them (many-to-one, src/ir/keys.ts).
  const keys = joinKeys(join.type, condition, keyPositions(left.keys, left.schema), keyPositions(right.keys, right.schema), left.schema, right.schema);
  const manyToOne = joinIsManyToOne(join.type, condition, keyPositions(left.keys, left.schema), keyPositions(right.keys, right.schema), left.schema.length);
  const candidates = manyToOne ? {} : { candidates: `its condition does not pin a declared key of ${join.type === 'right' ? rule.left : rule.right}` };
  if (rule.select) {
    const scope: ExprScope = leftOnly ? { relations: [both.relations[0]!], params: ctx.params } : both;
    const { exprs, names } = selectMap(rule.select, scope, ctx, 'select');
    return { rel: { kind: 'project', input: join, exprs, names }, keys: keyNames(projectedKeys(keys, exprs), names), ...candidates };
  }
  const out = schemaOf(join);
  uniqueNames(out.map((f) => f.name), () => ctx.at(['right']));
  return { rel: join, keys: keyNames(keys, out.map((f) => f.name)), ...candidates };
}

function buildAggregate(rule: Extract<RuleSpec, { kind: 'aggregate' }>, ctx: RuleContext): BuiltRule {
  const from = ctx.relation(rule.from, ['from']);
  const scope = singleScope(rule.from, from.schema, ctx.params);
  const groupBy: Expr[] = [];
  const names: string[] = [];
  const locs: SourceLocation[] = [];
  const entries: [PathKey, string, string | undefined][] = Array.isArray(rule.group_by)
    ? rule.group_by.map((text, i) => [i, text, undefined])
    : Object.entries(rule.group_by).map(([name, text]) => [name, text, name]);
  for (const [key, text, name] of entries) {
    const at = ctx.at(['group_by', key], true);
    const e = parseScalar(text, scope, { origin: at });
    if (name === undefined && e.kind !== 'col') {
      throw new RelcError('SPEC_BAD_VALUE', `group key '${text}' is not a column: give it a name with the map form (group_by: {name: expression})`, { location: at });
    }
    groupBy.push(e);
    names.push(name ?? from.schema[(e as { index: number }).index]!.name);
    locs.push(at);
  }
  const measures = Object.entries(rule.measures).map(([name, text]) => {
    names.push(name);
    locs.push(ctx.atKey(['measures'], name));
    return parseAggregate(text, scope, { origin: ctx.at(['measures', name], true) });
  });
  uniqueNames(names, (i) => locs[i]!);
  const keys = groupBy.length > 0 ? [names.slice(0, groupBy.length)] : [];
  return { rel: { kind: 'aggregate', input: from.rel, groupBy, measures, names }, keys };
}

function buildUnion(rule: Extract<RuleSpec, { kind: 'union' }>, ctx: RuleContext): BuiltRule {
  const branches = rule.from.map((name, i) => ({ name, i, ...ctx.relation(name, ['from', i]) }));
  const first = branches[0]!;
  const columns = first.schema.map((f) => f.name);
  for (const b of branches.slice(1)) {
    const have = new Set(b.schema.map((f) => f.name));
    const missing = columns.filter((c) => !have.has(c));
    const extra = b.schema.map((f) => f.name).filter((c) => !columns.includes(c));
    if (missing.length > 0 || extra.length > 0) {
      const what = missing.length > 0 ? `lacks column '${missing[0]}'` : `has column '${extra[0]}' that ${first.name} lacks`;
      throw new RelcError('UNKNOWN_COLUMN', `union matches columns by name: ${b.name} ${what} (columns of ${first.name}: ${columns.join(', ')})`, {
        location: ctx.at(['from', b.i]),
        details: { relation: b.name, expected: columns, available: b.schema.map((f) => f.name) },
      });
    }
  }
  const types = columns.map((c, ci) => {
    let t = first.schema[ci]!.type;
    for (const b of branches.slice(1)) {
      const f = b.schema.find((x) => x.name === c)!;
      const next = commonSuperType(t, f.type);
      if (!next) throw new RelcError('TYPE_MISMATCH', `union column '${c}': ${typeToString(t)} in ${first.name} vs ${typeToString(f.type)} in ${b.name}`, { location: ctx.at(['from', b.i]) });
      t = next;
    }
    return t;
  });
  if (rule.tag !== undefined && columns.includes(rule.tag)) {
    throw new RelcError('DUPLICATE_NAME', `tag column '${rule.tag}' collides with a column of ${first.name}`, { location: ctx.at(['tag']) });
  }
  const inputs = branches.map((b): Rel => {
    const exprs = columns.map((c, ci): Expr => {
      const idx = b.schema.findIndex((f) => f.name === c);
      const col = E.col(idx);
      return typeEquals(b.schema[idx]!.type, types[ci]!) ? col : E.cast(col, types[ci]!);
    });
    const identity = rule.tag === undefined && exprs.every((e, i) => e.kind === 'col' && e.index === i) && exprs.length === b.schema.length;
    if (identity) return b.rel;
    const names = [...columns, ...(rule.tag === undefined ? [] : [rule.tag])];
    const tagged = rule.tag === undefined ? exprs : [...exprs, E.lit(T.utf8, b.name)];
    return { kind: 'project', input: b.rel, exprs: tagged, names };
  });
  return { rel: { kind: 'setop', op: 'union', all: !rule.distinct, inputs }, keys: [] };
}

/** Is the order total within partitions: do partition ∪ order columns cover a known key? */
function coversKey(keys: readonly (readonly string[])[], schema: Schema, exprs: readonly Expr[]): boolean {
  const used = new Set(exprs.filter((e) => e.kind === 'col').map((e) => schema[(e as { index: number }).index]!.name));
  return keys.some((k) => k.every((c) => used.has(c)));
}

function buildWinner(rule: Extract<RuleSpec, { kind: 'winner' }>, ctx: RuleContext): BuiltRule {
  const from = ctx.relation(rule.from, ['from']);
  if (!rule.order_by || rule.order_by.length === 0) {
    throw new RelcError('WINNER_WITHOUT_ORDER', `winner rule '${rule.name}' needs a non-empty order_by: without it the kept row is arbitrary`, {
      location: ctx.at(rule.order_by ? ['order_by'] : ['name']),
    });
  }
  const scope = singleScope(rule.from, from.schema, ctx.params);
  const partitionBy = rule.partition_by.map((t, i) => parseScalar(t, scope, { origin: ctx.at(['partition_by', i], true) }));
  let orderBy: SortKey[] = rule.order_by.map((t, i) => parseSortItem(t, scope, ctx.at(['order_by', i], true)));
  const used = [...partitionBy, ...orderBy.map((k) => k.expr)];
  if (!coversKey(from.keys, from.schema, used)) {
    const usedCols = new Set(used.filter((e) => e.kind === 'col').map((e) => (e as { index: number }).index));
    const rest = from.schema
      .map((f, i) => ({ f, i }))
      .filter(({ f, i }) => !usedCols.has(i) && f.type.kind !== 'list' && f.type.kind !== 'struct');
    if (rest.length > 0) {
      const message = `winner rule '${rule.name}': order_by does not cover a declared key of ${rule.from}, so ties are possible; ${
        ctx.strict ? 'add the remaining columns or declare a key' : `breaking ties by ${rest.map((r) => r.f.name).join(', ')}`
      }`;
      if (ctx.strict) throw new RelcError('NONDETERMINISTIC_ORDER', message, { location: ctx.at(['order_by']) });
      ctx.warn('NONDETERMINISTIC_ORDER', message, ctx.at(['order_by']));
      orderBy = [...orderBy, ...rest.map(({ i }) => E.asc(E.col(i)))];
    }
  }
  return { candidates: 'a winner picks among the rows of each partition', rel: { kind: 'winner', input: from.rel, partitionBy, orderBy, keep: rule.keep }, keys: rule.keep === 1 && partitionBy.every((e) => e.kind === 'col') && partitionBy.length > 0 ? [...from.keys, partitionBy.map((e) => from.schema[(e as { index: number }).index]!.name)] : from.keys };
}

const STABLE_ID_KINDS = new Set(['utf8', 'int32', 'int64', 'date', 'bool', 'null']);

function buildNormalize(rule: Extract<RuleSpec, { kind: 'normalize' }>, ctx: RuleContext): BuiltRule {
  const from = ctx.relation(rule.from, ['from']);
  const scope = singleScope(rule.from, from.schema, ctx.params);
  const column = (name: string, at: readonly PathKey[]): number => {
    const i = from.schema.findIndex((f) => f.name === name);
    if (i < 0) {
      throw new RelcError('UNKNOWN_COLUMN', `column '${name}' not found in ${rule.from}; available: ${from.schema.map((f) => f.name).join(', ')}`, {
        location: ctx.at(at),
        details: { column: name, available: from.schema.map((f) => f.name) },
      });
    }
    return i;
  };
  let input: Rel = from.rel;
  if (rule.span) {
    const [s, e] = [column(rule.span[0], ['span', 0]), column(rule.span[1], ['span', 1])];
    for (const [i, k] of [[s, 0], [e, 1]] as const) {
      if (!isInteger(from.schema[i]!.type)) throw new RelcError('TYPE_MISMATCH', `span bound '${from.schema[i]!.name}' must be an integer, got ${typeToString(from.schema[i]!.type)}`, { location: ctx.at(['span', k]) });
    }
    const condition = E.call('and', [E.isNull(E.col(s), true), E.isNull(E.col(e), true), E.call('lte', [E.col(s), E.col(e)], T.bool)], T.bool);
    input = { kind: 'filter', input, condition };
  }
  const of = rule.id.of.map((t, i) => {
    const at = ctx.at(['id', 'of', i], true);
    const e = parseScalar(t, scope, { origin: at });
    const k = typeOf(e, from.schema).type.kind;
    if (!STABLE_ID_KINDS.has(k)) throw new RelcError('TYPE_MISMATCH', `stable_id takes text, integers, dates and booleans; '${t}' is ${k}: cast it to utf8`, { location: at });
    return e;
  });
  if (from.schema.some((f) => f.name === rule.id.name)) {
    throw new RelcError('DUPLICATE_NAME', `id column '${rule.id.name}' collides with a column of ${rule.from}`, { location: ctx.at(['id', 'name']) });
  }
  const text = new Set(rule.text.map((n, i) => {
    const c = column(n, ['text', i]);
    if (from.schema[c]!.type.kind !== 'utf8') throw new RelcError('TYPE_MISMATCH', `text column '${n}' must be utf8`, { location: ctx.at(['text', i]) });
    return c;
  }));
  const exprs: Expr[] = [E.call('stable_id', of, T.utf8), ...from.schema.map((f, i) => (text.has(i) ? E.call('nfc_normalize', [E.col(i)], T.utf8) : E.col(i)))];
  const names = [rule.id.name, ...from.schema.map((f) => f.name)];
  return { rel: { kind: 'project', input, exprs, names }, keys: projectKeys(from.keys, from.schema, exprs, names) };
}
