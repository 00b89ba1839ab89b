// IR relations → Substrait relations.
//
//   scan → ReadRel(named_table, base_schema)      values → ReadRel(virtual_table)
//   project → ProjectRel + emit of the new fields  window → ProjectRel of WindowFunctions (direct)
//   winner → FilterRel(row_number <= keep, emit input fields) over a window ProjectRel
//   recursive → ExtensionMultiRel(inputs [base, step], detail relc.RecursiveRel{name, distinct,
//   max_iterations}); recursive_ref → ExtensionLeafRel(detail relc.RecursiveRefRel{name, schema})
//   distinct → AggregateRel grouping every field  ref → the view's relation inlined, its top
//   relation carrying `hint.alias = <view name>` (an optimization hint: consumers may ignore it;
//   relc's decoder uses it to restore the view DAG).

import {
  assertNever, internal, lookupFunction, RelcError, schemaOf, T, typeEquals, typeToString,
  type AggCall, type JoinType as IrJoinType, type FrameBound, type Rel, type Schema, type SortKey, type WindowCall,
} from '../../ir/index.ts';
import { AGGREGATE_INPUTS_ALIAS, encodeRelcDetail, UNION_DISTINCT_ALIAS, type Bound, type JoinType, type Measure, type Rel as SRel, type RelCommon, type SetOp, type SExpression, type SortField } from '../../substrait-proto/index.ts';
import { bindFunction } from './extensions.ts';
import { unsupportedBy } from './consumers.ts';
import { ExprLowering, fieldRef, type ExprContext } from './expr.ts';
import { flatNames, namedStruct, toSubstraitType } from './types.ts';

const DIRECT: RelCommon = { direct: {} };

const JOIN_TYPES: Record<IrJoinType, JoinType | null> = {
  inner: 'JOIN_TYPE_INNER',
  left: 'JOIN_TYPE_LEFT',
  right: 'JOIN_TYPE_RIGHT',
  full: 'JOIN_TYPE_OUTER',
  semi: 'JOIN_TYPE_LEFT_SEMI',
  anti: 'JOIN_TYPE_LEFT_ANTI',
  cross: null,
};

/** relc set operation (op, all) → Substrait SetOp. Duplicates: union/intersect/except ALL keep multiplicities. */
export const SET_OPS: Record<string, SetOp> = {
  'union:false': 'SET_OP_UNION_DISTINCT',
  'union:true': 'SET_OP_UNION_ALL',
  'intersect:false': 'SET_OP_INTERSECTION_MULTISET',
  'intersect:true': 'SET_OP_INTERSECTION_MULTISET_ALL',
  'except:false': 'SET_OP_MINUS_PRIMARY',
  'except:true': 'SET_OP_MINUS_PRIMARY_ALL',
};

export function sortDirection(k: Pick<SortKey, 'direction' | 'nulls'>): SortField['direction'] {
  if (k.direction === 'asc') return k.nulls === 'first' ? 'SORT_DIRECTION_ASC_NULLS_FIRST' : 'SORT_DIRECTION_ASC_NULLS_LAST';
  return k.nulls === 'first' ? 'SORT_DIRECTION_DESC_NULLS_FIRST' : 'SORT_DIRECTION_DESC_NULLS_LAST';
}

/** The same relation with its RelCommon replaced. */
export function withCommon(rel: SRel, common: RelCommon): SRel {
  const [key, body] = Object.entries(rel).find(([, v]) => v !== undefined) ?? [];
  if (!key || !body) throw internal('empty Substrait relation');
  return { [key]: { ...(body as object), common } } as SRel;
}

function commonOf(rel: SRel): RelCommon {
  const body = Object.values(rel).find((v) => v !== undefined) as { common?: RelCommon } | undefined;
  return body?.common ?? DIRECT;
}

/**
 * Records the output names of a relation that names its fields (project, aggregate, window):
 * Substrait keeps names only at the root, so the hint carries them for relc's decoder.
 */
function named(rel: SRel, schema: Schema): SRel {
  const c = commonOf(rel);
  return withCommon(rel, { ...c, hint: { ...c.hint, outputNames: flatNames(schema) } });
}

/** Marks `rel` as the relation of view `name` (hint alias), keeping its emit. */
export function aliased(rel: SRel, name: string): SRel {
  const c = commonOf(rel);
  return withCommon(rel, { ...c, hint: { ...c.hint, alias: name } });
}

function bound(b: FrameBound): Bound {
  if ((b.kind === 'preceding' || b.kind === 'following') && b.value) {
    throw new RelcError('BACKEND_UNSUPPORTED', `a RANGE frame bound of ${typeToString(b.value.type)} (Substrait's bounds count integers)`, { details: { construct: 'RANGE frame offset', type: typeToString(b.value.type) } });
  }
  switch (b.kind) {
    case 'unbounded_preceding':
    case 'unbounded_following':
      return { unbounded: {} };
    case 'preceding':
      return { preceding: { offset: String(b.offset) } };
    case 'following':
      return { following: { offset: String(b.offset) } };
    case 'current_row':
      return { currentRow: {} };
    default:
      return assertNever(b, 'frame bound');
  }
}

/**
 * A set input ending in a projection of its `n` fields by position (no names: the decoder
 * drops such a projection again), for consumers that name fields by the expressions that
 * compute them.
 */
function positional(input: SRel, n: number): SRel {
  return { project: { common: { emit: { outputMapping: range(n, n) } }, input, expressions: range(n).map(fieldRef) } };
}

/** A direct reference to a field of the input (no nested member). */
function isFieldRef(e: SExpression): boolean {
  const f = e.selection?.directReference?.structField;
  return !!f && !f.child && !!e.selection!.rootReference;
}

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

export class RelLowering {
  private readonly x: ExprLowering;
  private readonly lowered = new Map<string, SRel>();

  constructor(
    private readonly ctx: ExprContext,
    private readonly views: ReadonlyMap<string, Rel>,
    private readonly shared: ReadonlySet<string> = new Set(),
    /** Scans whose base schema says more columns nullable than declared, with the declared schema. */
    private readonly declaredScans: ReadonlyMap<Rel, Schema> = new Map(),
  ) {
    this.x = new ExprLowering(ctx);
  }

  /**
   * Views read by more than one relation, written once as plan relations of their own (in
   * dependency order) when the consumer reads ReferenceRel; `subtrees[k]` is referenced by
   * ordinal k (the plan lists them before its roots).
   */
  readonly subtrees: SRel[] = [];
  private readonly ordinals = new Map<string, number>();

  /** The relation of view `name`: lowered once, marked with its name; a reference when it is shared. */
  view(name: string): SRel {
    const ordinal = this.ordinals.get(name);
    if (ordinal !== undefined) return { reference: { subtreeOrdinal: ordinal } };
    const known = this.lowered.get(name);
    if (known) return known;
    const rel = this.views.get(name);
    if (!rel) throw new RelcError('UNKNOWN_RELATION', `view ${name} is not defined`, { details: { name } });
    // A view that is another view under a second name needs a relation of its own to carry its
    // alias: a projection of every input field (no expressions).
    const body = rel.kind === 'ref' ? { project: { common: DIRECT, input: this.view(rel.name), expressions: [] } } : this.lower(rel);
    const out = aliased(body, name);
    if (this.shared.has(name) && this.ctx.consumer.sharedSubtrees) {
      this.ordinals.set(name, this.subtrees.length);
      this.subtrees.push(out);
      return { reference: { subtreeOrdinal: this.subtrees.length - 1 } };
    }
    this.lowered.set(name, out);
    return out;
  }

  private sorts(keys: readonly SortKey[], input: Schema): SortField[] {
    return keys.map((k) => ({ expr: this.x.lower(k.expr, input).e, direction: sortDirection(k) }));
  }

  lower(rel: Rel): SRel {
    const out = this.lowerNode(rel);
    return rel.kind === 'project' || rel.kind === 'aggregate' || rel.kind === 'window' ? named(out, schemaOf(rel)) : out;
  }

  private lowerNode(rel: Rel): SRel {
    switch (rel.kind) {
      case 'scan':
        return this.scan(rel);
      case 'values':
        if (!this.ctx.consumer.virtualTables) throw unsupportedBy(this.ctx.consumer, 'VALUES (VirtualTable)');
        return {
          read: {
            common: DIRECT,
            baseSchema: namedStruct(rel.schema),
            virtualTable: {
              expressions: rel.rows.map((row) => ({
                fields: row.map((lit, i) => {
                  const f = rel.schema[i]!;
                  const value = lit.value === null ? { null: toSubstraitType(f.type, true) } : this.x.lower(lit, [], f.type).e.literal;
                  if (!value) throw internal('values row member is not a literal');
                  return { literal: f.nullable && lit.value !== null ? { ...value, nullable: true } : value };
                }),
              })),
            },
          },
        };
      case 'ref':
        return this.view(rel.name);
      case 'filter': {
        const input = schemaOf(rel.input);
        return { filter: { common: DIRECT, input: this.lower(rel.input), condition: this.x.lower(rel.condition, input, T.bool).e } };
      }
      case 'project': {
        const input = schemaOf(rel.input);
        return {
          project: {
            common: { emit: { outputMapping: range(rel.exprs.length, input.length) } },
            input: this.lower(rel.input),
            expressions: rel.exprs.map((e) => this.x.lower(e, input).e),
          },
        };
      }
      case 'join': {
        const type = JOIN_TYPES[rel.type];
        const left = this.lower(rel.left);
        const right = this.lower(rel.right);
        if (type === null) {
          if (!this.ctx.consumer.crossJoins) throw unsupportedBy(this.ctx.consumer, 'cross join (CrossRel)');
          return { cross: { common: DIRECT, left, right } };
        }
        const both = [...schemaOf(rel.left), ...schemaOf(rel.right)];
        const expression = this.x.lower(rel.condition!, both, T.bool).e;
        if (this.ctx.consumer.joinConditions === 'equi' && !this.keyEqualities(expression, schemaOf(rel.left).length)) {
          throw unsupportedBy(this.ctx.consumer, 'join condition other than key equalities', 'it joins on a conjunction of equalities between a left and a right field');
        }
        const leftOnly = (type === 'JOIN_TYPE_LEFT_SEMI' || type === 'JOIN_TYPE_LEFT_ANTI') && !this.ctx.consumer.semiJoinOutput;
        const common: RelCommon = leftOnly ? { emit: { outputMapping: range(schemaOf(rel.left).length) } } : DIRECT;
        return { join: { common, left, right, expression, type } };
      }
      case 'aggregate': {
        const input = schemaOf(rel.input);
        const out = schemaOf(rel);
        const measures = rel.measures.map((m, i) => this.measure(m, input, out[rel.groupBy.length + i]!.nullable));
        return this.aggregate(rel.input, rel.groupBy.map((g) => this.x.lower(g, input).e), measures);
      }
      case 'distinct': {
        const n = schemaOf(rel.input).length;
        return this.aggregate(rel.input, range(n).map(fieldRef), []);
      }
      case 'setop': {
        const op = SET_OPS[`${rel.op}:${rel.all}`];
        if (!op) throw internal(`set operation ${rel.op}`);
        const runs = (o: SetOp) => !this.ctx.consumer.setOps || this.ctx.consumer.setOps.has(o);
        const viaAll = op === 'SET_OP_UNION_DISTINCT' && !runs(op) && runs('SET_OP_UNION_ALL');
        if (!runs(op) && !viaAll) throw unsupportedBy(this.ctx.consumer, `${rel.op.toUpperCase()}${rel.all ? ' ALL' : ''} (${op})`);
        const out = schemaOf(rel);
        const inputs = rel.inputs.map((r) => this.conformed(r, out));
        const operands = this.ctx.consumer.positionalSetInputs ? inputs.map((r) => positional(r, out.length)) : inputs;
        if (!viaAll) return { set: { common: DIRECT, inputs: operands, op } };
        // UNION = the distinct rows of UNION ALL (marked): an aggregate grouping every field.
        const all: SRel = { set: { common: { direct: {}, hint: { alias: UNION_DISTINCT_ALIAS } }, inputs: operands, op: 'SET_OP_UNION_ALL' } };
        return { aggregate: { common: DIRECT, input: all, groupings: [{ groupingExpressions: range(out.length).map(fieldRef) }], measures: [] } };
      }
      case 'sort': {
        const input = schemaOf(rel.input);
        return { sort: { common: DIRECT, input: this.lower(rel.input), sorts: this.sorts(rel.keys, input) } };
      }
      case 'limit':
        if (rel.limit === null && !this.ctx.consumer.fetchWithoutCount) throw unsupportedBy(this.ctx.consumer, 'OFFSET without LIMIT', 'a fetch without a count returns no rows');
        return {
          fetch: {
            common: DIRECT,
            input: this.lower(rel.input),
            ...(rel.offset ? { offset: String(rel.offset) } : {}),
            // No count is "every row after the offset" (the validator rejects the old -1).
            ...(rel.limit === null ? {} : { count: String(rel.limit) }),
          },
        };
      case 'window': {
        if (!this.ctx.consumer.windowFunctions) throw unsupportedBy(this.ctx.consumer, 'window functions');
        const input = schemaOf(rel.input);
        const out = schemaOf(rel);
        return {
          project: {
            common: DIRECT,
            input: this.lower(rel.input),
            expressions: rel.functions.map((w, i) => this.windowFunction(w, input, out[input.length + i]!.nullable)),
          },
        };
      }
      case 'winner':
        if (!this.ctx.consumer.windowFunctions) throw unsupportedBy(this.ctx.consumer, 'window functions', 'a winner is a filtered row_number()');
        return this.winner(rel);
      case 'recursive': {
        if (!this.ctx.consumer.relcExtensionRelations) {
          throw new RelcError('BACKEND_UNSUPPORTED', `recursion ${rel.name}: the ${this.ctx.consumer.name} Substrait consumer does not read relc's extension relations (relc.RecursiveRel)`, {
            details: { recursion: rel.name, consumer: this.ctx.consumer.name, construct: 'recursive' },
          });
        }
        const detail = encodeRelcDetail('RecursiveRel', { name: rel.name, distinct: rel.distinct, maxIterations: rel.maxIterations ?? 0 });
        this.ctx.ext.expectTypeUrl(detail.typeUrl!);
        return { extensionMulti: { common: DIRECT, inputs: [this.lower(rel.base), this.lower(rel.step)], detail } };
      }
      case 'recursive_ref': {
        const detail = encodeRelcDetail('RecursiveRefRel', { name: rel.name, schema: namedStruct(rel.schema) });
        this.ctx.ext.expectTypeUrl(detail.typeUrl!);
        return { extensionLeaf: { common: DIRECT, detail } };
      }
      default:
        return assertNever(rel, 'relation');
    }
  }

  /**
   * A named table. A scan relaxed for a consumer that registers files with nullable columns
   * (see plan.ts, nullableReads) keeps its declared schema in relc's DeclaredSchema optimization.
   */
  private scan(rel: Rel & { kind: 'scan' }): SRel {
    const read = { common: DIRECT, baseSchema: namedStruct(rel.schema), namedTable: { names: [rel.table] } };
    const declared = this.declaredScans.get(rel);
    if (!declared) return { read };
    const detail = encodeRelcDetail('DeclaredSchema', { schema: namedStruct(declared) });
    this.ctx.ext.expectTypeUrl(detail.typeUrl!);
    return { read: { ...read, advancedExtension: { optimization: [detail] } } };
  }

  private aggregate(input: Rel, keys: SExpression[], measures: Measure[]): SRel {
    let lowered = this.lower(input);
    if (!this.ctx.consumer.groupingExpressions) ({ input: lowered, keys, measures } = this.projectedAggregateInputs(lowered, schemaOf(input).length, keys, measures));
    return {
      aggregate: {
        common: DIRECT,
        input: lowered,
        // One grouping set, written in the per-grouping form every consumer reads (the
        // top-level grouping_expressions of newer specs is unknown to substrait-validator 0.1.4).
        ...(keys.length ? { groupings: [{ groupingExpressions: keys }] } : {}),
        measures,
      },
    };
  }

  /**
   * For a consumer that groups and aggregates fields only: the keys and measure arguments that
   * are expressions computed by a projection below (hint alias AGGREGATE_INPUTS_ALIAS), and referred
   * to as its fields after the input's `n`.
   */
  private projectedAggregateInputs(input: SRel, n: number, keys: SExpression[], measures: Measure[]) {
    const exprs: SExpression[] = [];
    const ref = (e: SExpression): SExpression => {
      if (isFieldRef(e)) return e;
      exprs.push(e);
      return fieldRef(n + exprs.length - 1);
    };
    const newKeys = keys.map(ref);
    const newMeasures = measures.map((m): Measure => ({ ...m, measure: { ...m.measure, arguments: (m.measure?.arguments ?? []).map((a) => (a.value ? { ...a, value: ref(a.value) } : a)) } }));
    if (exprs.length === 0) return { input, keys, measures };
    // Marked by a hint (Acero refuses a ProjectRel's advanced extension: "substrait AdvancedExtensions").
    return { input: { project: { common: { direct: {}, hint: { alias: AGGREGATE_INPUTS_ALIAS } }, input, expressions: exprs } }, keys: newKeys, measures: newMeasures };
  }

  private measure(m: AggCall, input: Schema, nullable: boolean): Measure {
    const c = this.ctx.consumer;
    if (m.distinct && !c.distinctAggregates) throw unsupportedBy(c, 'DISTINCT aggregates');
    if (m.filter && !c.aggregateFilters) throw unsupportedBy(c, 'aggregate FILTER');
    if (m.orderBy?.length && !c.aggregateSorts) throw unsupportedBy(c, 'ordered aggregates (aggregate sorts)');
    const b = this.x.bindCall(m.fn, m.args, input);
    if (b.def.kind !== 'aggregate') throw internal(`${m.fn} is not an aggregate`);
    return {
      measure: {
        functionReference: b.anchor,
        arguments: b.arguments,
        ...(b.options.length ? { options: b.options } : {}),
        outputType: toSubstraitType(m.type, nullable),
        phase: 'AGGREGATION_PHASE_INITIAL_TO_RESULT',
        invocation: m.distinct ? 'AGGREGATION_INVOCATION_DISTINCT' : 'AGGREGATION_INVOCATION_ALL',
        ...(m.orderBy?.length ? { sorts: this.sorts(m.orderBy, input) } : {}),
      },
      ...(m.filter ? { filter: this.x.lower(m.filter, input, T.bool).e } : {}),
    };
  }

  /**
   * A join condition that is a conjunction of key equalities (`equal` or
   * `is_not_distinct_from` between a field of the left input and one of the right, either way
   * round), as a consumer with `joinConditions: 'equi'` takes it.
   */
  private keyEqualities(e: SExpression, leftWidth: number): boolean {
    const f = e.scalarFunction;
    if (!f) return false;
    const name = this.ctx.ext.nameAt(f.functionReference ?? 0);
    const args = (f.arguments ?? []).map((a) => a.value);
    if (name === 'and') return args.length > 0 && args.every((a) => !!a && this.keyEqualities(a, leftWidth));
    if (name !== 'equal' && name !== 'is_not_distinct_from') return false;
    if (args.length !== 2 || !args.every((a) => a && isFieldRef(a))) return false;
    const [l, r] = args.map((a) => a!.selection!.directReference!.structField!.field ?? 0) as [number, number];
    return (l < leftWidth) !== (r < leftWidth);
  }

  /**
   * A window call. Without an explicit frame relc means the SQL default (RANGE UNBOUNDED
   * PRECEDING .. CURRENT ROW with an order, the whole partition without): written with
   * BOUNDS_TYPE_UNSPECIFIED and those bounds, which is how consumers read an unspecified type,
   * while an explicit frame names ROWS or RANGE.
   */
  private windowFunction(w: WindowCall, input: Schema, nullable: boolean): SExpression {
    const def = lookupFunction(w.fn);
    if (!def || (def.kind !== 'window' && def.kind !== 'aggregate')) throw internal(`${w.fn} is not a window or aggregate function`);
    const b = this.x.bindCall(w.fn, w.args, input);
    const frame = w.frame
      ? { boundsType: w.frame.unit === 'rows' ? 'BOUNDS_TYPE_ROWS' as const : 'BOUNDS_TYPE_RANGE' as const, lowerBound: bound(w.frame.start), upperBound: bound(w.frame.end) }
      : { lowerBound: { unbounded: {} }, upperBound: w.orderBy.length ? { currentRow: {} } : { unbounded: {} } };
    return {
      windowFunction: {
        functionReference: b.anchor,
        arguments: b.arguments,
        ...(b.options.length ? { options: b.options } : {}),
        partitions: w.partitionBy.map((p) => this.x.lower(p, input).e),
        sorts: this.sorts(w.orderBy, input),
        outputType: toSubstraitType(w.type, nullable),
        phase: 'AGGREGATION_PHASE_INITIAL_TO_RESULT',
        invocation: w.distinct ? 'AGGREGATION_INVOCATION_DISTINCT' : 'AGGREGATION_INVOCATION_ALL',
        ...frame,
      },
    };
  }

  /** winner(keep n) = rows whose row_number() over (partition, order) is at most n. */
  private winner(rel: Rel & { kind: 'winner' }): SRel {
    const input = schemaOf(rel.input);
    const n = input.length;
    const rowNumber: WindowCall = { fn: 'row_number', args: [], distinct: false, partitionBy: rel.partitionBy, orderBy: rel.orderBy, type: T.int64 };
    const windowed: SRel = { project: { common: DIRECT, input: this.lower(rel.input), expressions: [this.windowFunction(rowNumber, input, false)] } };
    const i64 = toSubstraitType(T.int64, false);
    const lte = bindFunction('lte', 'functions_comparison', [i64, i64]);
    const condition: SExpression = {
      scalarFunction: {
        functionReference: this.ctx.ext.anchor(lte),
        arguments: [{ value: fieldRef(n) }, { value: { literal: { i64: String(rel.keep) } } }],
        outputType: toSubstraitType(T.bool, false),
      },
    };
    return { filter: { common: { emit: { outputMapping: range(n) } }, input: windowed, condition } };
  }

  /**
   * A set operand whose column types or nullability differ from the result's, cast to them
   * (Substrait requires every input of a set to have the set's schema, nullability included).
   */
  private conformed(rel: Rel, out: Schema): SRel {
    const s = schemaOf(rel);
    if (s.every((f, i) => typeEquals(f.type, out[i]!.type) && f.nullable === out[i]!.nullable)) return this.lower(rel);
    return {
      project: {
        common: { emit: { outputMapping: range(s.length, s.length) } },
        input: this.lower(rel),
        expressions: s.map((f, i) => {
          const e = { kind: 'col' as const, index: i };
          if (typeEquals(f.type, out[i]!.type) && f.nullable === out[i]!.nullable) return this.x.lower(e, s).e;
          return this.x.implicitCast(toSubstraitType(out[i]!.type, out[i]!.nullable), this.x.lower(e, s).e);
        }),
      },
    };
  }
}

