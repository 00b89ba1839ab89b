// Substrait relations → IR relations. Recognizes relc's own encodings (winner as a filtered
// row_number projection, distinct as an aggregate over every field, view boundaries marked by
// `hint.alias`, recursions as extension relations with relc details) so that IR → Substrait →
// IR gives back the same plan.

import {
  canonicalJson, schemaOf, T, typeToString, type Expr, type FrameBound, type JoinType, type Literal, type Rel, type Schema, type SortKey, type WindowCall, type WindowFrame,
} from '../ir/index.ts';
import { AGGREGATE_INPUTS_ALIAS, relcTypeUrl, UNION_DISTINCT_ALIAS, type Bound, type Rel as SRel, type RelCommon, type SetOp, type SExpression, type SortField } from '../substrait-proto/index.ts';
import { ExprDecoder } from './decode-expr.ts';
import { decodeError, decodeLiteral, decodeNamedStruct, oneof, relcDetail } from './decode-types.ts';

const JOINS: Partial<Record<string, JoinType>> = {
  JOIN_TYPE_INNER: 'inner', JOIN_TYPE_LEFT: 'left', JOIN_TYPE_RIGHT: 'right', JOIN_TYPE_OUTER: 'full', JOIN_TYPE_LEFT_SEMI: 'semi', JOIN_TYPE_LEFT_ANTI: 'anti',
};

const SETOPS: Partial<Record<SetOp, { op: 'union' | 'intersect' | 'except'; all: boolean }>> = {
  SET_OP_UNION_DISTINCT: { op: 'union', all: false },
  SET_OP_UNION_ALL: { op: 'union', all: true },
  SET_OP_INTERSECTION_MULTISET: { op: 'intersect', all: false },
  SET_OP_INTERSECTION_MULTISET_ALL: { op: 'intersect', all: true },
  SET_OP_MINUS_PRIMARY: { op: 'except', all: false },
  SET_OP_MINUS_PRIMARY_ALL: { op: 'except', all: true },
};

function commonOf(body: unknown): RelCommon | undefined {
  return (body as { common?: RelCommon } | undefined)?.common;
}

/**
 * The operand under relc's conforming projection of a set operand (the producer's
 * `conformed`): every field in order, some through an implicit cast (failure behaviour
 * unspecified) to the set's column type, emitting only the new fields, without names. relc's
 * set operations coerce their operands themselves, so the projection is dropped.
 */
function conformedInput(r: SRel, implicitFailure?: string): SRel | undefined {
  const p = r.project;
  if (!p?.input || p.common?.hint) return undefined;
  const exprs = p.expressions ?? [];
  const field = (e: SExpression | undefined) => e?.selection?.directReference?.structField;
  const plain = (e: SExpression | undefined, i: number) => !!field(e) && !field(e)!.child && (field(e)!.field ?? 0) === i && !!e!.selection!.rootReference;
  const fits = exprs.every((e, i) => plain(e, i) || (e.cast && (!e.cast.failureBehavior || e.cast.failureBehavior === implicitFailure) && plain(e.cast.input, i)));
  const mapping = p.common?.emit?.outputMapping ?? [];
  const emitsNew = mapping.length === exprs.length && mapping.every((m, i) => m === exprs.length + i);
  return exprs.length && fits && emitsNew && exprs.some((e) => e.cast) ? p.input : undefined;
}

/**
 * The operand under a projection of every field by position that emits only those (no names):
 * relc ends set inputs so for consumers that name fields by their expressions; an identity.
 */
function positionalInput(r: SRel): SRel | undefined {
  const p = r.project;
  if (!p?.input || p.common?.hint) return undefined;
  const exprs = p.expressions ?? [];
  const plain = exprs.every((e, i) => {
    const f = e.selection?.directReference?.structField;
    return !!f && !f.child && (f.field ?? 0) === i && !!e.selection!.rootReference;
  });
  const mapping = p.common?.emit?.outputMapping ?? [];
  const emitsNew = mapping.length === exprs.length && mapping.every((m, i) => m === exprs.length + i);
  return exprs.length && plain && emitsNew ? p.input : undefined;
}

export interface RelDecodeOptions {
  /** Restore views from `hint.alias` (plans relc produced). */
  readonly viewsFromAliases: boolean;
  /** The plan's relation at an ordinal (a ReferenceRel's subtree_ordinal), root or not. */
  readonly subtree?: (ordinal: number) => SRel | undefined;
  /** The failure behaviour of the plan's implicit coercions (relc's ImplicitCasts), if any. */
  readonly implicitCastFailure?: string;
}

export class RelDecoder {
  /** Views restored from aliases, in dependency order. */
  readonly views = new Map<string, Rel>();
  readonly tables = new Map<string, Schema>();
  /** Names of the recursions whose step is being decoded, innermost last. */
  private readonly recursions: string[] = [];
  /** Subtrees referenced so far, decoded once each; `null` while one is being decoded (a cycle). */
  private readonly referenced = new Map<number, Rel | null>();

  constructor(private readonly x: ExprDecoder, private readonly opts: RelDecodeOptions) {}

  decode(rel: SRel | undefined, path: string): Rel {
    const member = oneof(rel);
    if (!member) throw decodeError(path, 'relation without a kind');
    const [kind, body] = member;
    const here = `${path}.${kind}`;
    const common = commonOf(body);
    const alias = common?.hint?.alias;
    // `output:` and `relc:` aliases mark relc's own forms (outputs, rewritten relations), not views.
    if (this.opts.viewsFromAliases && alias && !alias.startsWith('output:') && !alias.startsWith('relc:')) {
      const decoded = this.withEmit(this.node(kind, body, here), common, kind, body, here);
      const known = this.views.get(alias);
      if (known && canonicalJson(known) !== canonicalJson(decoded)) throw decodeError(here, `two different relations are both marked as view ${alias}`);
      if (!known) this.views.set(alias, decoded);
      return { kind: 'ref', name: alias, schema: schemaOf(decoded) };
    }
    return this.withEmit(this.node(kind, body, here), common, kind, body, here);
  }

  /** Applies a RelCommon emit (a field selection) unless the node consumed it itself. */
  private withEmit(rel: Rel, common: RelCommon | undefined, kind: string, body: unknown, path: string): Rel {
    const mapping = common?.emit?.outputMapping;
    if (!mapping || kind === 'project' || (kind === 'filter' && rel.kind === 'winner')) return rel;
    const s = schemaOf(rel);
    // An emit of every field in order changes nothing (relc states one on semi joins for
    // consumers that output both inputs' fields).
    if (mapping.length === s.length && mapping.every((m, i) => m === i)) return rel;
    mapping.forEach((m, i) => {
      if (m < 0 || m >= s.length) throw decodeError(`${path}.common.emit.outputMapping[${i}]`, `emit of field ${m}, the relation has ${s.length}`);
    });
    void body;
    return { kind: 'project', input: rel, exprs: mapping.map((m) => ({ kind: 'col', index: m })), names: mapping.map((m) => s[m]!.name) };
  }

  private names(common: RelCommon | undefined, count: number, fallback: (i: number) => string): string[] {
    const hinted = common?.hint?.outputNames;
    if (hinted && hinted.length >= count) return hinted.slice(hinted.length - count);
    return Array.from({ length: count }, (_, i) => fallback(i));
  }

  private sorts(sorts: readonly SortField[] | undefined, input: Schema, path: string): SortKey[] {
    return this.x.sortKeys(sorts, input, path);
  }

  private node(kind: string, body: unknown, path: string): Rel {
    switch (kind) {
      case 'read':
        return this.read(body as NonNullable<SRel['read']>, path);
      case 'filter': {
        const f = body as NonNullable<SRel['filter']>;
        const winner = this.winner(f, path);
        if (winner) return winner;
        const input = this.decode(f.input, `${path}.input`);
        return { kind: 'filter', input, condition: this.x.decode(f.condition, schemaOf(input), `${path}.condition`) };
      }
      case 'project':
        return this.project(body as NonNullable<SRel['project']>, path);
      case 'join': {
        const j = body as NonNullable<SRel['join']>;
        if (j.postJoinFilter) throw decodeError(`${path}.postJoinFilter`, 'post-join filters are not supported');
        const type = JOINS[j.type ?? ''];
        if (!type) throw decodeError(`${path}.type`, `join type ${j.type ?? 'unspecified'} is not supported`);
        const left = this.decode(j.left, `${path}.left`);
        const right = this.decode(j.right, `${path}.right`);
        const both = [...schemaOf(left), ...schemaOf(right)];
        const condition = j.expression ? this.x.decode(j.expression, both, `${path}.expression`) : ({ kind: 'lit', type: T.bool, value: true } as Literal);
        return { kind: 'join', type, left, right, condition };
      }
      case 'cross': {
        const c = body as NonNullable<SRel['cross']>;
        return { kind: 'join', type: 'cross', left: this.decode(c.left, `${path}.left`), right: this.decode(c.right, `${path}.right`), condition: null };
      }
      case 'aggregate':
        return this.aggregate(body as NonNullable<SRel['aggregate']>, path);
      case 'sort': {
        const s = body as NonNullable<SRel['sort']>;
        const input = this.decode(s.input, `${path}.input`);
        const keys = this.sorts(s.sorts, schemaOf(input), `${path}.sorts`);
        if (keys.length === 0) throw decodeError(`${path}.sorts`, 'sort without keys');
        return { kind: 'sort', input, keys };
      }
      case 'fetch': {
        const f = body as NonNullable<SRel['fetch']>;
        const input = this.decode(f.input, `${path}.input`);
        const int = (e: SExpression | undefined, p: string): number | null => {
          if (!e) return null;
          const l = e.literal ? decodeLiteral(e.literal, `${p}.literal`) : undefined;
          if (!l || l.value === null || (l.type.kind !== 'int64' && l.type.kind !== 'int32')) throw decodeError(p, 'only integer literal offsets and counts are supported');
          return Number(l.value);
        };
        const offset = f.offset !== undefined ? Number(f.offset) : (int(f.offsetExpr, `${path}.offsetExpr`) ?? 0);
        const rawCount = f.count !== undefined ? Number(f.count) : int(f.countExpr, `${path}.countExpr`);
        const limit = rawCount === null || rawCount < 0 ? null : rawCount;
        return { kind: 'limit', input, limit, offset };
      }
      case 'set': {
        const s = body as NonNullable<SRel['set']>;
        const op = SETOPS[s.op ?? 'SET_OP_UNSPECIFIED'];
        if (!op) throw decodeError(`${path}.op`, `set operation ${s.op ?? 'unspecified'} is not supported`);
        const inputs = (s.inputs ?? []).map((r, i) => {
          const operand = positionalInput(r) ?? r;
          return this.decode(conformedInput(operand, this.opts.implicitCastFailure) ?? operand, `${path}.inputs[${i}]`);
        });
        if (inputs.length < 2) throw decodeError(`${path}.inputs`, 'a set operation needs two or more inputs');
        return { kind: 'setop', ...op, inputs };
      }
      case 'extensionMulti':
        return this.recursive(body as NonNullable<SRel['extensionMulti']>, path);
      case 'extensionLeaf': {
        const l = body as NonNullable<SRel['extensionLeaf']>;
        const d = relcDetail('RecursiveRefRel', l.detail, `${path}.detail`);
        if (!d) throw decodeError(`${path}.detail`, `extension leaf relation of type ${l.detail?.typeUrl ?? 'none'} is not supported (relc reads ${relcTypeUrl('RecursiveRefRel')})`);
        const schema = decodeNamedStruct(d.schema, `${path}.detail.schema`);
        if (!d.name || !this.recursions.includes(d.name)) throw decodeError(`${path}.detail.name`, `working table ${d.name ?? '(unnamed)'} outside the step of a recursion of that name`);
        return { kind: 'recursive_ref', name: d.name, schema };
      }
      case 'reference': {
        const ordinal = (body as NonNullable<SRel['reference']>).subtreeOrdinal ?? 0;
        const known = this.referenced.get(ordinal);
        if (known) return known;
        if (known === null) throw decodeError(`${path}.subtreeOrdinal`, `relation ${ordinal} refers to itself`);
        const target = this.opts.subtree?.(ordinal);
        if (!target) throw decodeError(`${path}.subtreeOrdinal`, `the plan has no relation ${ordinal} to refer to`);
        this.referenced.set(ordinal, null);
        const rel = this.decode(target, `relations[${ordinal}].rel`);
        this.referenced.set(ordinal, rel);
        return rel;
      }
      default:
        throw decodeError(path, `relation ${kind} is not supported by relc`);
    }
  }

  /** relc's recursion: ExtensionMultiRel over [base, step] with a relc.RecursiveRel detail. */
  private recursive(m: NonNullable<SRel['extensionMulti']>, path: string): Rel {
    const d = relcDetail('RecursiveRel', m.detail, `${path}.detail`);
    if (!d) throw decodeError(`${path}.detail`, `extension relation of type ${m.detail?.typeUrl ?? 'none'} is not supported (relc reads ${relcTypeUrl('RecursiveRel')})`);
    const inputs = m.inputs ?? [];
    if (inputs.length !== 2) throw decodeError(`${path}.inputs`, `a recursion has two inputs (base, step), not ${inputs.length}`);
    if (!d.name) throw decodeError(`${path}.detail.name`, 'a recursion needs a name');
    const base = this.decode(inputs[0], `${path}.inputs[0]`);
    this.recursions.push(d.name);
    let step: Rel;
    try {
      step = this.decode(inputs[1], `${path}.inputs[1]`);
    } finally {
      this.recursions.pop();
    }
    // Linearity, types and the working table's schema: validateProgram of the decoded program.
    return { kind: 'recursive', name: d.name, base, step, distinct: d.distinct ?? false, maxIterations: d.maxIterations ? Number(d.maxIterations) : null };
  }

  /**
   * The schema relc's DeclaredSchema optimization gives a named table whose base schema says
   * more columns nullable (a plan for a consumer that registers files with nullable columns):
   * the same names and types, nullability aside.
   */
  private declaredSchema(r: NonNullable<SRel['read']>, path: string): Schema | undefined {
    const all = r.advancedExtension?.optimization ?? [];
    for (const [i, any] of all.entries()) {
      const here = `${path}.advancedExtension.optimization[${i}]`;
      const d = relcDetail('DeclaredSchema', any, here);
      if (!d) continue;
      const declared = decodeNamedStruct(d.schema, `${here}.schema`);
      const base = decodeNamedStruct(r.baseSchema, `${path}.baseSchema`);
      const shape = (s: Schema) => canonicalJson(s.map((f) => ({ name: f.name, type: typeToString(f.type).replaceAll('?', '') })));
      if (shape(declared) !== shape(base)) throw decodeError(here, 'the declared schema differs from the base schema in more than nullability');
      return declared;
    }
    return undefined;
  }

  private read(r: NonNullable<SRel['read']>, path: string): Rel {
    const schema = this.declaredSchema(r, path) ?? decodeNamedStruct(r.baseSchema, `${path}.baseSchema`);
    if (r.projection) throw decodeError(`${path}.projection`, 'read projections (masks) are not supported');
    let rel: Rel;
    if (r.namedTable) {
      const names = r.namedTable.names ?? [];
      if (names.length === 0) throw decodeError(`${path}.namedTable.names`, 'named table without a name');
      const table = names.join('.');
      const known = this.tables.get(table);
      if (known && canonicalJson(known) !== canonicalJson(schema)) throw decodeError(path, `table ${table} is read with two different schemas`);
      this.tables.set(table, schema);
      rel = { kind: 'scan', table, schema };
    } else if (r.virtualTable) {
      const v = r.virtualTable;
      const rows = v.expressions?.length
        ? v.expressions.map((row, i) => (row.fields ?? []).map((f, k) => {
          const p = `${path}.virtualTable.expressions[${i}].fields[${k}]`;
          if (!f.literal) throw decodeError(p, 'virtual table values must be literals');
          return decodeLiteral(f.literal, `${p}.literal`);
        }))
        : (v.values ?? []).map((row, i) => (row.fields ?? []).map((f, k) => decodeLiteral(f, `${path}.virtualTable.values[${i}].fields[${k}]`)));
      rows.forEach((row, i) => {
        if (row.length !== schema.length) throw decodeError(`${path}.virtualTable`, `row ${i} has ${row.length} values for ${schema.length} fields`);
      });
      rel = { kind: 'values', schema, rows: rows.map((row) => row.map((l, k) => (l.value === null ? { ...l, type: schema[k]!.type } : l))) };
    } else {
      const [kind] = oneof(Object.fromEntries(Object.entries(r).filter(([k]) => ['localFiles', 'extensionTable', 'icebergTable'].includes(k)))) ?? ['none'];
      throw decodeError(path, `read of ${kind} is not supported (named tables and virtual tables are)`);
    }
    if (r.filter) rel = { kind: 'filter', input: rel, condition: this.x.decode(r.filter, schema, `${path}.filter`) };
    return rel;
  }

  private project(p: NonNullable<SRel['project']>, path: string): Rel {
    const input = this.decode(p.input, `${path}.input`);
    const inSchema = schemaOf(input);
    const exprs = p.expressions ?? [];
    const mapping = p.common?.emit?.outputMapping;
    const windows = exprs.filter((e) => e.windowFunction);
    if (windows.length) {
      if (windows.length !== exprs.length) throw decodeError(`${path}.expressions`, 'projections mixing window functions and other expressions are not supported');
      const names = this.names(p.common, inSchema.length + exprs.length, (i) => `window_${i}`);
      const functions = exprs.map((e, i) => this.windowCall(e.windowFunction!, inSchema, `${path}.expressions[${i}].windowFunction`));
      const win: Rel = { kind: 'window', input, functions, names: names.slice(inSchema.length) };
      return mapping ? this.withEmit(win, p.common, 'window', p, path) : win;
    }
    // No expressions, no emit, no names: every input field as it is (how relc writes a view
    // that is another view under a second name).
    if (exprs.length === 0 && !mapping && !p.common?.hint?.outputNames) return input;
    const decoded = exprs.map((e, i) => this.x.decode(e, inSchema, `${path}.expressions[${i}]`));
    const all: Expr[] = [...inSchema.map((_, i): Expr => ({ kind: 'col', index: i })), ...decoded];
    const chosen = mapping ?? all.map((_, i) => i);
    chosen.forEach((m, i) => {
      if (m < 0 || m >= all.length) throw decodeError(`${path}.common.emit.outputMapping[${i}]`, `emit of field ${m}, the projection has ${all.length}`);
    });
    const fallback = (i: number) => (chosen[i]! < inSchema.length ? inSchema[chosen[i]!]!.name : `expr_${chosen[i]! - inSchema.length}`);
    return { kind: 'project', input, exprs: chosen.map((m) => all[m]!), names: this.names(p.common, chosen.length, fallback) };
  }

  private frame(w: { boundsType?: string; lowerBound?: Bound; upperBound?: Bound }, ordered: boolean, path: string): WindowFrame | undefined {
    const b = (x: Bound | undefined, lower: boolean, p: string): FrameBound => {
      const m = oneof(x);
      if (!m) return { kind: lower ? 'unbounded_preceding' : 'unbounded_following' };
      const [k, v] = m;
      if (k === 'unbounded') return { kind: lower ? 'unbounded_preceding' : 'unbounded_following' };
      if (k === 'currentRow') return { kind: 'current_row' };
      const offset = Number((v as { offset?: string }).offset ?? 0);
      if (k === 'preceding') return { kind: 'preceding', offset };
      if (k === 'following') return { kind: 'following', offset };
      throw decodeError(p, `window bound ${k} is not supported`);
    };
    const start = b(w.lowerBound, true, `${path}.lowerBound`);
    const end = b(w.upperBound, false, `${path}.upperBound`);
    const unspecified = !w.boundsType || w.boundsType === 'BOUNDS_TYPE_UNSPECIFIED';
    // relc writes "no explicit frame" as an unspecified bounds type with the SQL default bounds.
    if (unspecified && start.kind === 'unbounded_preceding' && end.kind === (ordered ? 'current_row' : 'unbounded_following')) return undefined;
    const unit = w.boundsType === 'BOUNDS_TYPE_ROWS' ? 'rows' : w.boundsType === 'BOUNDS_TYPE_RANGE' ? 'range' : ordered ? 'range' : 'rows';
    return { unit, start, end };
  }

  private windowCall(w: NonNullable<SExpression['windowFunction']>, input: Schema, path: string): WindowCall {
    const a = this.x.aggregate({ ...w, sorts: undefined }, ['window', 'aggregate'], input, path);
    const orderBy = this.sorts(w.sorts, input, `${path}.sorts`);
    const frame = this.frame(w, orderBy.length > 0, path);
    return {
      fn: a.fn, args: a.args, distinct: a.distinct,
      partitionBy: (w.partitions ?? []).map((p, i) => this.x.decode(p, input, `${path}.partitions[${i}]`)),
      orderBy, ...(frame ? { frame } : {}), type: a.type,
    };
  }

  /** relc's winner: filter(row_number <= k, emit input fields) over a row_number projection. */
  private winner(f: NonNullable<SRel['filter']>, path: string): Rel | undefined {
    const mapping = f.common?.emit?.outputMapping;
    const proj = f.input?.project;
    const fn = f.condition?.scalarFunction;
    if (!mapping || !proj || proj.common?.emit || proj.expressions?.length !== 1 || !fn) return undefined;
    const w = proj.expressions[0]!.windowFunction;
    const n = mapping.length;
    if (!w || (w.arguments ?? []).length !== 0 || !mapping.every((m, i) => m === i)) return undefined;
    const args = fn.arguments ?? [];
    const rn = args[0]?.value?.selection?.directReference?.structField;
    const keep = args[1]?.value?.literal?.i64;
    if (args.length !== 2 || rn?.field !== n || rn.child || keep === undefined) return undefined;
    const input = this.decode(proj.input, `${path}.input.project.input`);
    const s = schemaOf(input);
    if (s.length !== n) return undefined;
    const call = this.windowCall(w, s, `${path}.input.project.expressions[0].windowFunction`);
    const cond = this.x.decode(f.condition, [...s, { name: 'rn', type: T.int64, nullable: false }], `${path}.condition`);
    if (call.fn !== 'row_number' || call.frame || cond.kind !== 'call' || cond.fn !== 'lte' || call.orderBy.length === 0) return undefined;
    return { kind: 'winner', input, partitionBy: call.partitionBy, orderBy: call.orderBy, keep: Number(keep) };
  }

  /**
   * relc's UNION for a consumer that runs UNION ALL only: an aggregate over every field of a
   * UNION ALL marked by the hint alias `relc:union_distinct`, without measures.
   */
  private unionDistinct(a: NonNullable<SRel['aggregate']>, path: string): Rel | undefined {
    const set = a.input?.set;
    if (!set || set.common?.hint?.alias !== UNION_DISTINCT_ALIAS || !this.opts.viewsFromAliases || set.op !== 'SET_OP_UNION_ALL' || a.measures?.length || set.common.emit) return undefined;
    const all = this.node('set', set, `${path}.input.set`);
    if (all.kind !== 'setop') return undefined;
    const keys = a.groupings?.length === 1 ? a.groupings[0]!.groupingExpressions ?? [] : [];
    const n = schemaOf(all).length;
    const plain = keys.length === n && keys.every((e, i) => {
      const f = e.selection?.directReference?.structField;
      return !!f && !f.child && (f.field ?? 0) === i && !!e.selection!.rootReference;
    });
    return plain ? { ...all, all: false } : undefined;
  }

  /**
   * The aggregate with the keys and arguments relc's projection below it computes (hint alias
   * `relc:aggregate_inputs`) put back in place of the fields that refer to them, and its input
   * under that projection (decoded); any other aggregate as it is, with its input decoded.
   */
  private aggregateInputs(a: NonNullable<SRel['aggregate']>, path: string): { a: NonNullable<SRel['aggregate']>; input: Rel } {
    const p = a.input?.project;
    if (!p || p.common?.hint?.alias !== AGGREGATE_INPUTS_ALIAS || p.common.emit || !this.opts.viewsFromAliases) return { a, input: this.decode(a.input, `${path}.input`) };
    const input = this.decode(p.input, `${path}.input.project.input`);
    const n = schemaOf(input).length;
    const exprs = p.expressions ?? [];
    const back = (e: SExpression | undefined, at: string): SExpression | undefined => {
      const f = e?.selection?.directReference?.structField;
      if (!e || !f || f.child || !e.selection?.rootReference || (f.field ?? 0) < n) return e;
      const x = exprs[(f.field ?? 0) - n];
      if (!x) throw decodeError(at, `field ${f.field ?? 0} is neither an input field nor one the aggregate-inputs projection computes`);
      return x;
    };
    const groupings = (a.groupings ?? []).map((g, i) => ({ ...g, groupingExpressions: (g.groupingExpressions ?? []).map((e, j) => back(e, `${path}.groupings[${i}].groupingExpressions[${j}]`)!) }));
    const measures = (a.measures ?? []).map((m, i) => ({
      ...m,
      ...(m.measure ? { measure: { ...m.measure, arguments: (m.measure.arguments ?? []).map((x, j) => (x.value ? { ...x, value: back(x.value, `${path}.measures[${i}].measure.arguments[${j}]`)! } : x)) } } : {}),
    }));
    return { a: { ...a, groupings, measures }, input };
  }

  private aggregate(raw: NonNullable<SRel['aggregate']>, path: string): Rel {
    const union = this.unionDistinct(raw, path);
    if (union) return union;
    const { a, input } = this.aggregateInputs(raw, path);
    const s = schemaOf(input);
    const groupings = a.groupings ?? [];
    if (groupings.length > 1) throw decodeError(`${path}.groupings`, 'grouping sets (more than one grouping) are not supported');
    const top = (a.groupingExpressions ?? []).map((e, i) => this.x.decode(e, s, `${path}.groupingExpressions[${i}]`));
    const g = groupings[0];
    const keys: Expr[] = g?.groupingExpressions?.length
      ? g.groupingExpressions.map((e, i) => this.x.decode(e, s, `${path}.groupings[0].groupingExpressions[${i}]`))
      : (g?.expressionReferences ?? []).map((r, i) => {
        const k = top[r];
        if (!k) throw decodeError(`${path}.groupings[0].expressionReferences[${i}]`, `grouping expression ${r} does not exist`);
        return k;
      });
    const measures = (a.measures ?? []).map((m, i) => this.x.measure(m, s, `${path}.measures[${i}]`));
    if (measures.length === 0 && keys.length === s.length && keys.every((k, i) => k.kind === 'col' && k.index === i)) {
      return { kind: 'distinct', input };
    }
    const names = this.names(a.common, keys.length + measures.length, (i) => {
      const k = keys[i];
      if (k?.kind === 'col') return s[k.index]!.name;
      return i < keys.length ? `key_${i}` : `${measures[i - keys.length]!.fn}_${i - keys.length}`;
    });
    return { kind: 'aggregate', input, groupBy: keys, measures, names };
  }
}
