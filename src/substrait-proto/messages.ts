// TypeScript shapes of the Substrait messages relc writes and reads, in the proto3 JSON form:
// lowerCamelCase keys, enums by name, 64-bit integers as decimal strings, bytes as base64.
// A oneof is an object with exactly one of its member keys set.

export type Nullability = 'NULLABILITY_UNSPECIFIED' | 'NULLABILITY_NULLABLE' | 'NULLABILITY_REQUIRED';

export interface KindBody {
  readonly nullability?: Nullability;
  readonly typeVariationReference?: number;
}

export interface SType {
  readonly bool?: KindBody;
  readonly i8?: KindBody;
  readonly i16?: KindBody;
  readonly i32?: KindBody;
  readonly i64?: KindBody;
  readonly fp32?: KindBody;
  readonly fp64?: KindBody;
  readonly string?: KindBody;
  readonly binary?: KindBody;
  readonly date?: KindBody;
  readonly timestamp?: KindBody;
  readonly time?: KindBody;
  readonly intervalYear?: KindBody;
  readonly intervalDay?: KindBody & { readonly precision?: number };
  readonly intervalCompound?: KindBody & { readonly precision?: number };
  readonly varchar?: KindBody & { readonly length?: number };
  readonly fixedChar?: KindBody & { readonly length?: number };
  readonly fixedBinary?: KindBody & { readonly length?: number };
  readonly decimal?: KindBody & { readonly precision?: number; readonly scale?: number };
  readonly precisionTimestamp?: KindBody & { readonly precision?: number };
  readonly precisionTimestampTz?: KindBody & { readonly precision?: number };
  readonly timestampTz?: KindBody;
  readonly struct?: STypeStruct;
  readonly list?: KindBody & { readonly type?: SType };
  readonly map?: KindBody;
  readonly uuid?: KindBody;
  readonly userDefined?: KindBody & { readonly typeReference?: number };
  readonly userDefinedTypeReference?: number;
  readonly precisionTime?: KindBody;
}

export interface STypeStruct extends KindBody {
  readonly types?: readonly SType[];
}

export interface NamedStruct {
  readonly names?: readonly string[];
  readonly struct?: STypeStruct;
}

export interface SLiteral {
  readonly boolean?: boolean;
  readonly i8?: number;
  readonly i16?: number;
  readonly i32?: number;
  readonly i64?: string;
  readonly fp32?: number | string;
  readonly fp64?: number | string; // 'NaN' | 'Infinity' | '-Infinity' in JSON
  readonly string?: string;
  readonly binary?: string; // base64
  readonly timestamp?: string;
  readonly date?: number;
  readonly time?: string;
  readonly intervalYearToMonth?: { readonly years?: number; readonly months?: number };
  readonly intervalDayToSecond?: SIntervalDay;
  readonly intervalCompound?: { readonly intervalYearToMonth?: { readonly years?: number; readonly months?: number }; readonly intervalDayToSecond?: SIntervalDay };
  readonly fixedChar?: string;
  readonly varChar?: { readonly value?: string; readonly length?: number };
  readonly fixedBinary?: string;
  readonly decimal?: { readonly value?: string; readonly precision?: number; readonly scale?: number };
  readonly struct?: { readonly fields?: readonly SLiteral[] };
  readonly list?: { readonly values?: readonly SLiteral[] };
  readonly emptyList?: KindBody & { readonly type?: SType };
  readonly null?: SType;
  readonly precisionTimestamp?: { readonly precision?: number; readonly value?: string };
  readonly precisionTimestampTz?: { readonly precision?: number; readonly value?: string };
  readonly timestampTz?: string;
  readonly uuid?: string;
  readonly map?: object;
  readonly emptyMap?: object;
  readonly userDefined?: object;
  readonly precisionTime?: object;
  readonly nullable?: boolean;
  readonly typeVariationReference?: number;
}

export interface SIntervalDay {
  readonly days?: number;
  readonly seconds?: number;
  readonly microseconds?: number;
  readonly precision?: number;
  readonly subseconds?: string;
}

export interface FunctionArgument {
  readonly value?: SExpression;
  readonly type?: SType;
  readonly enum?: string;
}

export interface FunctionOption {
  readonly name?: string;
  readonly preference?: readonly string[];
}

export type SortDirection =
  | 'SORT_DIRECTION_UNSPECIFIED' | 'SORT_DIRECTION_ASC_NULLS_FIRST' | 'SORT_DIRECTION_ASC_NULLS_LAST'
  | 'SORT_DIRECTION_DESC_NULLS_FIRST' | 'SORT_DIRECTION_DESC_NULLS_LAST' | 'SORT_DIRECTION_CLUSTERED';

export interface SortField {
  readonly expr?: SExpression;
  readonly direction?: SortDirection;
  readonly comparisonFunctionReference?: number;
}

export interface Bound {
  readonly preceding?: { readonly offset?: string };
  readonly following?: { readonly offset?: string };
  readonly currentRow?: object;
  readonly unbounded?: object;
}

export type AggregationInvocation = 'AGGREGATION_INVOCATION_UNSPECIFIED' | 'AGGREGATION_INVOCATION_ALL' | 'AGGREGATION_INVOCATION_DISTINCT';
export type AggregationPhase = 'AGGREGATION_PHASE_UNSPECIFIED' | 'AGGREGATION_PHASE_INITIAL_TO_RESULT' | string;

export interface ScalarFunction {
  readonly functionReference?: number;
  readonly arguments?: readonly FunctionArgument[];
  readonly options?: readonly FunctionOption[];
  readonly outputType?: SType;
  readonly args?: readonly SExpression[];
}

export interface WindowFunction {
  readonly functionReference?: number;
  readonly partitions?: readonly SExpression[];
  readonly sorts?: readonly SortField[];
  readonly upperBound?: Bound;
  readonly lowerBound?: Bound;
  readonly phase?: AggregationPhase;
  readonly outputType?: SType;
  readonly arguments?: readonly FunctionArgument[];
  readonly invocation?: AggregationInvocation;
  readonly options?: readonly FunctionOption[];
  readonly boundsType?: 'BOUNDS_TYPE_UNSPECIFIED' | 'BOUNDS_TYPE_ROWS' | 'BOUNDS_TYPE_RANGE';
  readonly args?: readonly SExpression[];
}

export type FailureBehavior = 'FAILURE_BEHAVIOR_UNSPECIFIED' | 'FAILURE_BEHAVIOR_RETURN_NULL' | 'FAILURE_BEHAVIOR_THROW_EXCEPTION';

export interface ReferenceSegment {
  readonly structField?: { readonly field?: number; readonly child?: ReferenceSegment };
  readonly mapKey?: object;
  readonly listElement?: object;
}

export interface FieldReference {
  readonly directReference?: ReferenceSegment;
  readonly maskedReference?: object;
  readonly rootReference?: object;
  readonly outerReference?: { readonly stepsOut?: number };
  readonly expression?: SExpression;
  readonly lambdaParameterReference?: object;
}

export interface SExpression {
  readonly literal?: SLiteral;
  readonly selection?: FieldReference;
  readonly scalarFunction?: ScalarFunction;
  readonly windowFunction?: WindowFunction;
  readonly ifThen?: { readonly ifs?: readonly { readonly if?: SExpression; readonly then?: SExpression }[]; readonly else?: SExpression };
  readonly cast?: { readonly type?: SType; readonly input?: SExpression; readonly failureBehavior?: FailureBehavior };
  readonly singularOrList?: { readonly value?: SExpression; readonly options?: readonly SExpression[] };
  readonly nested?: { readonly nullable?: boolean; readonly struct?: { readonly fields?: readonly SExpression[] }; readonly list?: { readonly values?: readonly SExpression[] }; readonly map?: object };
  readonly dynamicParameter?: { readonly type?: SType; readonly parameterReference?: number };
  readonly switchExpression?: object;
  readonly multiOrList?: object;
  readonly enum?: object;
  readonly subquery?: object;
  readonly lambda?: object;
  readonly lambdaInvocation?: object;
}

export interface RelCommon {
  readonly direct?: object;
  readonly emit?: { readonly outputMapping?: readonly number[] };
  readonly hint?: { readonly alias?: string; readonly outputNames?: readonly string[] };
  readonly advancedExtension?: AdvancedExtension;
}

export interface AdvancedExtension {
  readonly optimization?: readonly AnyMessage[];
  readonly enhancement?: AnyMessage;
}

export type JoinType =
  | 'JOIN_TYPE_UNSPECIFIED' | 'JOIN_TYPE_INNER' | 'JOIN_TYPE_OUTER' | 'JOIN_TYPE_LEFT' | 'JOIN_TYPE_RIGHT' | 'JOIN_TYPE_LEFT_SEMI'
  | 'JOIN_TYPE_LEFT_ANTI' | 'JOIN_TYPE_LEFT_SINGLE' | 'JOIN_TYPE_RIGHT_SEMI' | 'JOIN_TYPE_RIGHT_ANTI' | 'JOIN_TYPE_RIGHT_SINGLE'
  | 'JOIN_TYPE_LEFT_MARK' | 'JOIN_TYPE_RIGHT_MARK';

export type SetOp =
  | 'SET_OP_UNSPECIFIED' | 'SET_OP_MINUS_PRIMARY' | 'SET_OP_MINUS_MULTISET' | 'SET_OP_INTERSECTION_PRIMARY' | 'SET_OP_INTERSECTION_MULTISET'
  | 'SET_OP_UNION_DISTINCT' | 'SET_OP_UNION_ALL' | 'SET_OP_MINUS_PRIMARY_ALL' | 'SET_OP_INTERSECTION_MULTISET_ALL';

export interface ReadRel {
  readonly common?: RelCommon;
  readonly baseSchema?: NamedStruct;
  readonly filter?: SExpression;
  readonly bestEffortFilter?: SExpression;
  readonly projection?: object;
  readonly namedTable?: { readonly names?: readonly string[]; readonly advancedExtension?: AdvancedExtension };
  readonly virtualTable?: { readonly values?: readonly { readonly fields?: readonly SLiteral[] }[]; readonly expressions?: readonly { readonly fields?: readonly SExpression[] }[] };
  readonly localFiles?: object;
  readonly extensionTable?: object;
  readonly icebergTable?: object;
  readonly advancedExtension?: AdvancedExtension;
}

export interface Measure {
  readonly measure?: AggregateFunction;
  readonly filter?: SExpression;
}

export interface AggregateFunction {
  readonly functionReference?: number;
  readonly arguments?: readonly FunctionArgument[];
  readonly options?: readonly FunctionOption[];
  readonly outputType?: SType;
  readonly phase?: AggregationPhase;
  readonly sorts?: readonly SortField[];
  readonly invocation?: AggregationInvocation;
  readonly args?: readonly SExpression[];
}

export interface Rel {
  readonly read?: ReadRel;
  readonly filter?: { readonly common?: RelCommon; readonly input?: Rel; readonly condition?: SExpression; readonly advancedExtension?: AdvancedExtension };
  readonly fetch?: { readonly common?: RelCommon; readonly input?: Rel; readonly offset?: string; readonly count?: string; readonly offsetExpr?: SExpression; readonly countExpr?: SExpression; readonly advancedExtension?: AdvancedExtension };
  readonly aggregate?: {
    readonly common?: RelCommon;
    readonly input?: Rel;
    readonly groupings?: readonly { readonly groupingExpressions?: readonly SExpression[]; readonly expressionReferences?: readonly number[] }[];
    readonly measures?: readonly Measure[];
    readonly groupingExpressions?: readonly SExpression[];
    readonly advancedExtension?: AdvancedExtension;
  };
  readonly sort?: { readonly common?: RelCommon; readonly input?: Rel; readonly sorts?: readonly SortField[]; readonly advancedExtension?: AdvancedExtension };
  readonly join?: { readonly common?: RelCommon; readonly left?: Rel; readonly right?: Rel; readonly expression?: SExpression; readonly postJoinFilter?: SExpression; readonly type?: JoinType; readonly advancedExtension?: AdvancedExtension };
  readonly project?: { readonly common?: RelCommon; readonly input?: Rel; readonly expressions?: readonly SExpression[]; readonly advancedExtension?: AdvancedExtension };
  readonly set?: { readonly common?: RelCommon; readonly inputs?: readonly Rel[]; readonly op?: SetOp; readonly advancedExtension?: AdvancedExtension };
  readonly cross?: { readonly common?: RelCommon; readonly left?: Rel; readonly right?: Rel; readonly advancedExtension?: AdvancedExtension };
  readonly reference?: { readonly subtreeOrdinal?: number };
  readonly extensionSingle?: object;
  readonly extensionMulti?: { readonly common?: RelCommon; readonly inputs?: readonly Rel[]; readonly detail?: AnyMessage };
  readonly extensionLeaf?: { readonly common?: RelCommon; readonly detail?: AnyMessage };
  readonly hashJoin?: object;
  readonly mergeJoin?: object;
  readonly exchange?: object;
  readonly expand?: object;
  readonly window?: object;
  readonly nestedLoopJoin?: object;
  readonly write?: object;
  readonly ddl?: object;
  readonly update?: object;
}

/** google.protobuf.Any: a type URL and the message's bytes (base64 in the JSON form). */
export interface AnyMessage {
  readonly typeUrl?: string;
  readonly value?: Uint8Array | string;
}

export interface ExtensionFunctionDecl {
  readonly extensionUriReference?: number;
  readonly extensionUrnReference?: number;
  readonly functionAnchor?: number;
  readonly name?: string;
}

export interface SubstraitPlan {
  readonly version?: { readonly majorNumber?: number; readonly minorNumber?: number; readonly patchNumber?: number; readonly gitHash?: string; readonly producer?: string };
  readonly extensionUris?: readonly { readonly extensionUriAnchor?: number; readonly uri?: string }[];
  readonly extensionUrns?: readonly { readonly extensionUrnAnchor?: number; readonly urn?: string }[];
  readonly extensions?: readonly { readonly extensionFunction?: ExtensionFunctionDecl; readonly extensionType?: object; readonly extensionTypeVariation?: object }[];
  readonly relations?: readonly { readonly root?: { readonly input?: Rel; readonly names?: readonly string[] }; readonly rel?: Rel }[];
  readonly advancedExtensions?: AdvancedExtension;
  readonly expectedTypeUrls?: readonly string[];
  readonly parameterBindings?: readonly { readonly parameterAnchor?: number; readonly value?: SLiteral }[];
}
