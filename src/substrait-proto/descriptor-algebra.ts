// Hand-written descriptors of substrait/algebra.proto: relations and expressions. Field numbers
// are the Substrait specification's. Fields that change a plan's meaning are declared even where
// relc does not support them, so the decoder can reject them by name instead of silently
// skipping them as unknown fields.

import { dep, enm, f, msg, rep, type EnumJson, type MessageJson } from './descriptor-dsl.ts';

const EXT = 'extensions.AdvancedExtension';
const EMPTY = msg({});

export const RELATIONS: Record<string, MessageJson | EnumJson> = {
  RelCommon: msg(
    { direct: f(1, 'Direct'), emit: f(2, 'Emit'), hint: f(3, 'Hint'), advancedExtension: f(4, EXT) },
    {
      oneofs: { emitKind: ['direct', 'emit'] },
      nested: {
        Direct: EMPTY,
        Emit: msg({ outputMapping: rep(1, 'int32') }),
        Hint: msg({ alias: f(3, 'string'), outputNames: rep(4, 'string') }),
      },
    },
  ),
  Rel: msg(
    {
      read: f(1, 'ReadRel'),
      filter: f(2, 'FilterRel'),
      fetch: f(3, 'FetchRel'),
      aggregate: f(4, 'AggregateRel'),
      sort: f(5, 'SortRel'),
      join: f(6, 'JoinRel'),
      project: f(7, 'ProjectRel'),
      set: f(8, 'SetRel'),
      extensionSingle: f(9, 'OpaqueRel'),
      extensionMulti: f(10, 'ExtensionMultiRel'),
      extensionLeaf: f(11, 'ExtensionLeafRel'),
      cross: f(12, 'CrossRel'),
      hashJoin: f(13, 'OpaqueRel'),
      mergeJoin: f(14, 'OpaqueRel'),
      exchange: f(15, 'OpaqueRel'),
      expand: f(16, 'OpaqueRel'),
      window: f(17, 'OpaqueRel'),
      nestedLoopJoin: f(18, 'OpaqueRel'),
      write: f(19, 'OpaqueRel'),
      ddl: f(20, 'OpaqueRel'),
      reference: f(21, 'ReferenceRel'),
      update: f(22, 'OpaqueRel'),
    },
    {
      oneofs: {
        relType: ['read', 'filter', 'fetch', 'aggregate', 'sort', 'join', 'project', 'set', 'extensionSingle', 'extensionMulti', 'extensionLeaf',
          'cross', 'hashJoin', 'mergeJoin', 'exchange', 'expand', 'window', 'nestedLoopJoin', 'write', 'ddl', 'reference', 'update'],
      },
    },
  ),
  /** Relations relc does not support: only recognized, so that the error can name them. */
  OpaqueRel: EMPTY,
  /** Extension relations with a producer-defined `detail` (relc's: a recursion and its working table). */
  ExtensionMultiRel: msg({ common: f(1, 'RelCommon'), inputs: rep(2, 'Rel'), detail: f(3, 'google.protobuf.Any') }),
  ExtensionLeafRel: msg({ common: f(1, 'RelCommon'), detail: f(2, 'google.protobuf.Any') }),
  ReferenceRel: msg({ subtreeOrdinal: f(1, 'int32') }),
  ReadRel: msg(
    {
      common: f(1, 'RelCommon'),
      baseSchema: f(2, 'NamedStruct'),
      filter: f(3, 'Expression'),
      projection: f(4, 'Expression.MaskExpression'),
      virtualTable: f(5, 'VirtualTable'),
      localFiles: f(6, 'OpaqueRel'),
      namedTable: f(7, 'NamedTable'),
      extensionTable: f(8, 'OpaqueRel'),
      icebergTable: f(9, 'OpaqueRel'),
      advancedExtension: f(10, EXT),
      bestEffortFilter: f(11, 'Expression'),
    },
    {
      oneofs: { readType: ['virtualTable', 'localFiles', 'namedTable', 'extensionTable', 'icebergTable'] },
      nested: {
        NamedTable: msg({ names: rep(1, 'string'), advancedExtension: f(10, EXT) }),
        VirtualTable: msg({ values: dep(rep(1, 'Expression.Literal.Struct')), expressions: rep(2, 'Expression.Nested.Struct') }),
      },
    },
  ),
  FilterRel: msg({ common: f(1, 'RelCommon'), input: f(2, 'Rel'), condition: f(3, 'Expression'), advancedExtension: f(10, EXT) }),
  ProjectRel: msg({ common: f(1, 'RelCommon'), input: f(2, 'Rel'), expressions: rep(3, 'Expression'), advancedExtension: f(10, EXT) }),
  JoinRel: msg(
    {
      common: f(1, 'RelCommon'),
      left: f(2, 'Rel'),
      right: f(3, 'Rel'),
      expression: f(4, 'Expression'),
      postJoinFilter: f(5, 'Expression'),
      type: f(6, 'JoinType'),
      advancedExtension: f(10, EXT),
    },
    {
      nested: {
        JoinType: enm({
          JOIN_TYPE_UNSPECIFIED: 0, JOIN_TYPE_INNER: 1, JOIN_TYPE_OUTER: 2, JOIN_TYPE_LEFT: 3, JOIN_TYPE_RIGHT: 4, JOIN_TYPE_LEFT_SEMI: 5,
          JOIN_TYPE_LEFT_ANTI: 6, JOIN_TYPE_LEFT_SINGLE: 7, JOIN_TYPE_RIGHT_SEMI: 8, JOIN_TYPE_RIGHT_ANTI: 9, JOIN_TYPE_RIGHT_SINGLE: 10,
          JOIN_TYPE_LEFT_MARK: 11, JOIN_TYPE_RIGHT_MARK: 12,
        }),
      },
    },
  ),
  CrossRel: msg({ common: f(1, 'RelCommon'), left: f(2, 'Rel'), right: f(3, 'Rel'), advancedExtension: f(10, EXT) }),
  FetchRel: msg(
    {
      common: f(1, 'RelCommon'),
      input: f(2, 'Rel'),
      offset: dep(f(3, 'int64')),
      count: dep(f(4, 'int64')),
      offsetExpr: f(5, 'Expression'),
      countExpr: f(6, 'Expression'),
      advancedExtension: f(10, EXT),
    },
    { oneofs: { offsetMode: ['offset', 'offsetExpr'], countMode: ['count', 'countExpr'] } },
  ),
  AggregateRel: msg(
    {
      common: f(1, 'RelCommon'),
      input: f(2, 'Rel'),
      groupings: rep(3, 'Grouping'),
      measures: rep(4, 'Measure'),
      groupingExpressions: rep(5, 'Expression'),
      advancedExtension: f(10, EXT),
    },
    {
      nested: {
        Grouping: msg({ groupingExpressions: dep(rep(1, 'Expression')), expressionReferences: rep(2, 'uint32') }),
        Measure: msg({ measure: f(1, 'AggregateFunction'), filter: f(2, 'Expression') }),
      },
    },
  ),
  SortRel: msg({ common: f(1, 'RelCommon'), input: f(2, 'Rel'), sorts: rep(3, 'SortField'), advancedExtension: f(10, EXT) }),
  SetRel: msg(
    { common: f(1, 'RelCommon'), inputs: rep(2, 'Rel'), op: f(3, 'SetOp'), advancedExtension: f(10, EXT) },
    {
      nested: {
        SetOp: enm({
          SET_OP_UNSPECIFIED: 0, SET_OP_MINUS_PRIMARY: 1, SET_OP_MINUS_MULTISET: 2, SET_OP_INTERSECTION_PRIMARY: 3, SET_OP_INTERSECTION_MULTISET: 4,
          SET_OP_UNION_DISTINCT: 5, SET_OP_UNION_ALL: 6, SET_OP_MINUS_PRIMARY_ALL: 7, SET_OP_INTERSECTION_MULTISET_ALL: 8,
        }),
      },
    },
  ),
  SortField: msg(
    { expr: f(1, 'Expression'), direction: f(2, 'SortDirection'), comparisonFunctionReference: f(3, 'uint32') },
    {
      oneofs: { sortKind: ['direction', 'comparisonFunctionReference'] },
      nested: {
        SortDirection: enm({
          SORT_DIRECTION_UNSPECIFIED: 0, SORT_DIRECTION_ASC_NULLS_FIRST: 1, SORT_DIRECTION_ASC_NULLS_LAST: 2, SORT_DIRECTION_DESC_NULLS_FIRST: 3,
          SORT_DIRECTION_DESC_NULLS_LAST: 4, SORT_DIRECTION_CLUSTERED: 5,
        }),
      },
    },
  ),
  FunctionArgument: msg({ enum: f(1, 'string'), type: f(2, 'Type'), value: f(3, 'Expression') }, { oneofs: { argType: ['enum', 'type', 'value'] } }),
  FunctionOption: msg({ name: f(1, 'string'), preference: rep(2, 'string') }),
  AggregationPhase: enm({
    AGGREGATION_PHASE_UNSPECIFIED: 0, AGGREGATION_PHASE_INITIAL_TO_INTERMEDIATE: 1, AGGREGATION_PHASE_INTERMEDIATE_TO_INTERMEDIATE: 2,
    AGGREGATION_PHASE_INITIAL_TO_RESULT: 3, AGGREGATION_PHASE_INTERMEDIATE_TO_RESULT: 4,
  }),
  AggregateFunction: msg(
    {
      functionReference: f(1, 'uint32'),
      args: dep(rep(2, 'Expression')),
      sorts: rep(3, 'SortField'),
      phase: f(4, 'AggregationPhase'),
      outputType: f(5, 'Type'),
      invocation: f(6, 'AggregationInvocation'),
      arguments: rep(7, 'FunctionArgument'),
      options: rep(8, 'FunctionOption'),
    },
    {
      nested: {
        AggregationInvocation: enm({ AGGREGATION_INVOCATION_UNSPECIFIED: 0, AGGREGATION_INVOCATION_ALL: 1, AGGREGATION_INVOCATION_DISTINCT: 2 }),
      },
    },
  ),
};
