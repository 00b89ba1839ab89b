// Hand-written descriptor of substrait.Expression (algebra.proto): literals, field references,
// function calls, if-then, cast, singular-or-list, window functions. Other expression kinds are
// declared as opaque members of the oneof so the decoder can reject them by name.

import { dep, enm, f, msg, rep, type MessageJson } from './descriptor-dsl.ts';

const EMPTY = msg({});

const LITERAL = msg(
  {
    boolean: f(1, 'bool'),
    i8: f(2, 'int32'),
    i16: f(3, 'int32'),
    i32: f(5, 'int32'),
    i64: f(7, 'int64'),
    fp32: f(10, 'float'),
    fp64: f(11, 'double'),
    string: f(12, 'string'),
    binary: f(13, 'bytes'),
    timestamp: dep(f(14, 'int64')),
    date: f(16, 'int32'),
    time: f(17, 'int64'),
    intervalYearToMonth: f(19, 'IntervalYearToMonth'),
    intervalDayToSecond: f(20, 'IntervalDayToSecond'),
    fixedChar: f(21, 'string'),
    varChar: f(22, 'VarChar'),
    fixedBinary: f(23, 'bytes'),
    decimal: f(24, 'Decimal'),
    struct: f(25, 'Struct'),
    map: f(26, 'Opaque'),
    timestampTz: dep(f(27, 'int64')),
    uuid: f(28, 'bytes'),
    null: f(29, 'Type'),
    list: f(30, 'List'),
    emptyList: f(31, 'Type.List'),
    emptyMap: f(32, 'Type.Map'),
    userDefined: f(33, 'Opaque'),
    precisionTimestamp: f(34, 'PrecisionTimestamp'),
    precisionTimestampTz: f(35, 'PrecisionTimestamp'),
    intervalCompound: f(36, 'IntervalCompound'),
    precisionTime: f(37, 'Opaque'),
    nullable: f(50, 'bool'),
    typeVariationReference: f(51, 'uint32'),
  },
  {
    oneofs: {
      literalType: ['boolean', 'i8', 'i16', 'i32', 'i64', 'fp32', 'fp64', 'string', 'binary', 'timestamp', 'date', 'time', 'intervalYearToMonth',
        'intervalDayToSecond', 'fixedChar', 'varChar', 'fixedBinary', 'decimal', 'struct', 'map', 'timestampTz', 'uuid', 'null', 'list',
        'emptyList', 'emptyMap', 'userDefined', 'precisionTimestamp', 'precisionTimestampTz', 'intervalCompound', 'precisionTime'],
    },
    nested: {
      Opaque: EMPTY,
      VarChar: msg({ value: f(1, 'string'), length: f(2, 'uint32') }),
      Decimal: msg({ value: f(1, 'bytes'), precision: f(2, 'int32'), scale: f(3, 'int32') }),
      PrecisionTimestamp: msg({ precision: f(1, 'int32'), value: f(2, 'int64') }),
      IntervalYearToMonth: msg({ years: f(1, 'int32'), months: f(2, 'int32') }),
      IntervalDayToSecond: msg(
        { days: f(1, 'int32'), seconds: f(2, 'int32'), microseconds: dep(f(3, 'int32')), precision: f(4, 'int32'), subseconds: f(5, 'int64') },
        { oneofs: { precisionMode: ['microseconds', 'precision'] } },
      ),
      IntervalCompound: msg({ intervalYearToMonth: f(1, 'IntervalYearToMonth'), intervalDayToSecond: f(2, 'IntervalDayToSecond') }),
      Struct: msg({ fields: rep(1, 'Literal') }),
      List: msg({ values: rep(1, 'Literal') }),
    },
  },
);

const BOUND = msg(
  { preceding: f(1, 'Preceding'), following: f(2, 'Following'), currentRow: f(3, 'CurrentRow'), unbounded: f(4, 'Unbounded') },
  {
    oneofs: { kind: ['preceding', 'following', 'currentRow', 'unbounded'] },
    nested: { Preceding: msg({ offset: f(1, 'int64') }), Following: msg({ offset: f(1, 'int64') }), CurrentRow: EMPTY, Unbounded: EMPTY },
  },
);

export const EXPRESSION: MessageJson = msg(
  {
    literal: f(1, 'Literal'),
    selection: f(2, 'FieldReference'),
    scalarFunction: f(3, 'ScalarFunction'),
    windowFunction: f(5, 'WindowFunction'),
    ifThen: f(6, 'IfThen'),
    switchExpression: f(7, 'Opaque'),
    singularOrList: f(8, 'SingularOrList'),
    multiOrList: f(9, 'Opaque'),
    enum: dep(f(10, 'Opaque')),
    cast: f(11, 'Cast'),
    subquery: f(12, 'Opaque'),
    nested: f(13, 'Nested'),
    dynamicParameter: f(14, 'DynamicParameter'),
    lambda: f(15, 'Opaque'),
    lambdaInvocation: f(16, 'Opaque'),
  },
  {
    oneofs: {
      rexType: ['literal', 'selection', 'scalarFunction', 'windowFunction', 'ifThen', 'switchExpression', 'singularOrList', 'multiOrList', 'enum',
        'cast', 'subquery', 'nested', 'dynamicParameter', 'lambda', 'lambdaInvocation'],
    },
    nested: {
      Opaque: EMPTY,
      Literal: LITERAL,
      Nested: msg(
        { nullable: f(1, 'bool'), typeVariationReference: f(2, 'uint32'), struct: f(3, 'Struct'), list: f(4, 'List'), map: f(5, 'Opaque') },
        { oneofs: { nestedType: ['struct', 'list', 'map'] }, nested: { Struct: msg({ fields: rep(1, 'Expression') }), List: msg({ values: rep(1, 'Expression') }) } },
      ),
      ScalarFunction: msg({
        functionReference: f(1, 'uint32'),
        args: dep(rep(2, 'Expression')),
        outputType: f(3, 'Type'),
        arguments: rep(4, 'FunctionArgument'),
        options: rep(5, 'FunctionOption'),
      }),
      WindowFunction: msg(
        {
          functionReference: f(1, 'uint32'),
          partitions: rep(2, 'Expression'),
          sorts: rep(3, 'SortField'),
          upperBound: f(4, 'Bound'),
          lowerBound: f(5, 'Bound'),
          phase: f(6, 'AggregationPhase'),
          outputType: f(7, 'Type'),
          args: dep(rep(8, 'Expression')),
          arguments: rep(9, 'FunctionArgument'),
          invocation: f(10, 'AggregateFunction.AggregationInvocation'),
          options: rep(11, 'FunctionOption'),
          boundsType: f(12, 'BoundsType'),
        },
        { nested: { BoundsType: enm({ BOUNDS_TYPE_UNSPECIFIED: 0, BOUNDS_TYPE_ROWS: 1, BOUNDS_TYPE_RANGE: 2 }), Bound: BOUND } },
      ),
      IfThen: msg(
        { ifs: rep(1, 'IfClause'), else: f(2, 'Expression') },
        { nested: { IfClause: msg({ if: f(1, 'Expression'), then: f(2, 'Expression') }) } },
      ),
      Cast: msg(
        { type: f(1, 'Type'), input: f(2, 'Expression'), failureBehavior: f(3, 'FailureBehavior') },
        { nested: { FailureBehavior: enm({ FAILURE_BEHAVIOR_UNSPECIFIED: 0, FAILURE_BEHAVIOR_RETURN_NULL: 1, FAILURE_BEHAVIOR_THROW_EXCEPTION: 2 }) } },
      ),
      SingularOrList: msg({ value: f(1, 'Expression'), options: rep(2, 'Expression') }),
      ReferenceSegment: msg(
        { mapKey: f(1, 'Opaque'), structField: f(2, 'StructField'), listElement: f(3, 'Opaque') },
        {
          oneofs: { referenceType: ['mapKey', 'structField', 'listElement'] },
          nested: { StructField: msg({ field: f(1, 'int32'), child: f(2, 'ReferenceSegment') }) },
        },
      ),
      MaskExpression: msg({ select: f(1, 'Opaque'), maintainSingularStruct: f(2, 'bool') }),
      FieldReference: msg(
        {
          directReference: f(1, 'ReferenceSegment'),
          maskedReference: f(2, 'MaskExpression'),
          expression: f(3, 'Expression'),
          rootReference: f(4, 'RootReference'),
          outerReference: f(5, 'OuterReference'),
          lambdaParameterReference: f(6, 'Opaque'),
        },
        {
          oneofs: { referenceType: ['directReference', 'maskedReference'], rootType: ['expression', 'rootReference', 'outerReference', 'lambdaParameterReference'] },
          nested: { RootReference: EMPTY, OuterReference: msg({ stepsOut: f(1, 'uint32') }) },
        },
      ),
    },
  },
);
