// What a Substrait consumer reads, as data: the producer writes a construct in the form its
// target consumer takes by consulting these flags, never by testing a consumer's name. The
// `standard` profile writes the specification's own forms; a consumer profile only departs from
// them where that consumer rejects a standard form, and then writes a declared relc extension
// function or an equivalent standard form with the same semantics (never something silently
// different). What a consumer cannot run at all is BACKEND_UNSUPPORTED before it sees the plan,
// naming the construct (`details.construct`) and the consumer.

import { RelcError } from '../../ir/errors.ts'; // a leaf: the CLI's flags import this module at start-up

export interface SubstraitConsumer {
  readonly name: string;
  /**
   * Reads enumeration function arguments (the standard `extract:req_date`, whose component is
   * an enum). Without them, date parts are written as relc's `date_part:str_*` with the field
   * as a string value.
   */
  readonly enumArguments: boolean;
  /**
   * Reads relc's extension relations (a recursion as ExtensionMultiRel with a relc.RecursiveRel
   * detail over base and step, its working table as ExtensionLeafRel). Without: a recursion is
   * BACKEND_UNSUPPORTED for this consumer.
   */
  readonly relcExtensionRelations: boolean;
  /**
   * Reads ReferenceRel: a view that several relations read is written once, as a plan relation
   * of its own, and each read is a reference to it. Without: every read inlines the view, and
   * a plan that would grow past MAX_INLINED_RELATIONS that way is BACKEND_UNSUPPORTED (a deep
   * rule DAG doubles with each level of shared views).
   */
  readonly sharedSubtrees: boolean;
  /**
   * Tables are registered the way users register files (Parquet without a schema: every column
   * nullable), and the consumer refuses a ReadRel whose base schema says a column is required
   * that the table says nullable. With the flag, base schemas declare every column nullable
   * (relc cannot prove a file's nullability) and carry the declared schema in relc's
   * DeclaredSchema optimization (the NOT NULL columns stay a contract relc's runner enforces at
   * load; relc's decoder restores the declared types).
   */
  readonly nullableReads: boolean;
  /**
   * The only functions the consumer converts, as `<extension file stem>#<name>`; absent: every
   * function the extension files declare. A call outside the list is BACKEND_UNSUPPORTED.
   */
  readonly functions?: ReadonlySet<string>;
  /** The date-part components `extract` takes (absent: all); others are BACKEND_UNSUPPORTED. */
  readonly extractComponents?: ReadonlySet<string>;
  /** Takes the indexing enumeration (ONE/ZERO) of counted date parts; without, only uncounted components exist. */
  readonly extractIndexing: boolean;
  /**
   * How implicit coercions (numeric widening, nullability) state their failure behaviour.
   * Absent: FAILURE_BEHAVIOR_UNSPECIFIED, the specification's default, while the IR's own casts
   * throw. A consumer that takes only THROW_EXCEPTION gets it for both; the plan says so in
   * relc's ImplicitCasts optimization and writes each IR cast twice (the same cast over
   * itself, a no-op), so relc's decoder still tells the two apart.
   */
  readonly implicitCastFailure?: 'FAILURE_BEHAVIOR_THROW_EXCEPTION';
  /**
   * `and`/`or` take more than two arguments; without, an n-ary call is a left fold of binary
   * calls whose inner links use a second declaration listed in relc's ChainedCalls.
   */
  readonly variadicBooleans: boolean;
  /** Reads VirtualTable (a VALUES list); without: BACKEND_UNSUPPORTED. */
  readonly virtualTables: boolean;
  /** Reads CrossRel; without: BACKEND_UNSUPPORTED. */
  readonly crossJoins: boolean;
  /**
   * Join conditions it takes: `any` expression, or only `equi`: a conjunction of equalities
   * (`equal`, `is_not_distinct_from`) each between a left and a right field.
   */
  readonly joinConditions: 'any' | 'equi';
  /**
   * Emits only the left fields of a semi or anti join unless told: without, the plan states
   * them as the join's emit (an identity for Substrait's semantics).
   */
  readonly semiJoinOutput: boolean;
  /**
   * Grouping keys and aggregate arguments may be expressions; without, those that are go into
   * a projection below the aggregate (hint alias `relc:aggregate_inputs`), which refers to
   * them as fields.
   */
  readonly groupingExpressions: boolean;
  /** Reads an IfThen without an else (NULL); without, a CASE with no ELSE is BACKEND_UNSUPPORTED. */
  readonly caseWithoutElse: boolean;
  /** DISTINCT aggregates, aggregate FILTER clauses and ordered aggregates (measure sorts). */
  readonly distinctAggregates: boolean;
  readonly aggregateFilters: boolean;
  readonly aggregateSorts: boolean;
  /** Reads window functions (in a ProjectRel); without, windows and winners are BACKEND_UNSUPPORTED. */
  readonly windowFunctions: boolean;
  /**
   * Set inputs must agree in their field names, which the consumer derives from the expressions
   * that compute them: each input then ends in a projection of its fields by position (a field
   * reference is named by its position in every input).
   */
  readonly positionalSetInputs: boolean;
  /**
   * The set operations it runs (absent: every one). A UNION (distinct) it does not run is
   * written as an aggregate over every field of a UNION ALL (marked by the hint alias
   * `relc:union_distinct`) when it runs that.
   */
  readonly setOps?: ReadonlySet<string>;
  /** Reads a FetchRel without a count as every row after the offset; without, OFFSET alone is BACKEND_UNSUPPORTED. */
  readonly fetchWithoutCount: boolean;
}

/** pyarrow 26's Acero converts these functions (pyarrow.substrait.get_supported_functions()). */
const ACERO_FUNCTIONS: ReadonlySet<string> = new Set([
  'functions_aggregate_generic#count',
  ...['abs', 'acos', 'acosh', 'add', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'avg', 'bitwise_and', 'bitwise_not', 'bitwise_or', 'bitwise_xor',
    'cos', 'cosh', 'divide', 'exp', 'max', 'min', 'multiply', 'negate', 'power', 'sign', 'sin', 'sinh', 'sqrt', 'std_dev', 'subtract', 'sum',
    'tan', 'tanh', 'variance'].map((n) => `functions_arithmetic#${n}`),
  ...['and', 'not', 'or', 'xor'].map((n) => `functions_boolean#${n}`),
  ...['coalesce', 'equal', 'gt', 'gte', 'is_finite', 'is_nan', 'is_not_null', 'is_null', 'lt', 'lte', 'not_equal'].map((n) => `functions_comparison#${n}`),
  ...['extract', 'gt', 'gte', 'lt', 'lte'].map((n) => `functions_datetime#${n}`),
  ...['ln', 'log10', 'log1p', 'log2', 'logb'].map((n) => `functions_logarithmic#${n}`),
  ...['ceil', 'floor', 'round'].map((n) => `functions_rounding#${n}`),
  ...['concat', 'contains', 'ends_with', 'starts_with'].map((n) => `functions_string#${n}`),
]);

const EVERYTHING = {
  enumArguments: true, relcExtensionRelations: true, sharedSubtrees: true, nullableReads: false, extractIndexing: true,
  variadicBooleans: true, virtualTables: true, crossJoins: true, joinConditions: 'any', semiJoinOutput: true, groupingExpressions: true, caseWithoutElse: true,
  distinctAggregates: true, aggregateFilters: true, aggregateSorts: true, windowFunctions: true, positionalSetInputs: false, fetchWithoutCount: true,
} as const;

export const SUBSTRAIT_CONSUMERS = {
  // The specification's ExtensionMultiRel/ExtensionLeafRel with relc's declared detail types
  // (Plan.expected_type_urls): valid Substrait; a consumer without relc's extension rejects it.
  standard: { name: 'standard', ...EVERYTHING },
  // DataFusion 55's consumer converts every function argument that is not a value with
  // "Function argument non-Value type not supported" before it looks the function up; its
  // registry resolves `date_part` by name.
  // Its RecursiveQuery has no Substrait form DataFusion reads, and it knows no relc detail.
  // It reads one relation tree only ("Substrait plan with more than 1 relation trees not
  // supported"), so a view read twice is inlined at each read.
  // `register_parquet(name, path)` gives every column nullable, and DataFusion refuses a base
  // schema that says required ("Field … is nullable in the DataFusion schema but not nullable in
  // the Substrait schema"), while it takes a nullable base schema over a table declared NOT NULL.
  datafusion: { name: 'datafusion', ...EVERYTHING, enumArguments: false, relcExtensionRelations: false, sharedSubtrees: false, nullableReads: true },
  // pyarrow 26's Acero (arrow/engine/substrait): the functions of its mapping only (no decimal
  // arithmetic, no LIKE or substring), extract with a component and no indexing for YEAR and
  // the times of day, binary and/or ("no kernel for and_kleene that receives 5 arguments"),
  // casts that throw on failure ("Unsupported cast failure behavior" for
  // any other), binary and/or kernels, join
  // conditions of key equalities, grouping and aggregating fields (expressions are projected
  // below: "The grouping expression for an aggregate must be a direct reference"), IfThen with an
  // else, UNION ALL only (the others are NotImplemented; its UnionNode requires equal field
  // names, which it derives from each input's expressions: "UnionNode input schemas must all
  // match", so each input ends in a projection of its fields), no windows, no
  // VirtualTable, CrossRel, ReferenceRel ("Common sub-plans"), DISTINCT, FILTER or ordered
  // aggregates; a fetch without a count returns no rows; semi and anti joins output both
  // inputs' fields ("attempted to rename schema with 9 fields but only 4 new names").
  acero: {
    name: 'acero', ...EVERYTHING, relcExtensionRelations: false, sharedSubtrees: false, functions: ACERO_FUNCTIONS,
    extractComponents: new Set(['YEAR', 'HOUR', 'MINUTE', 'SECOND']), extractIndexing: false,
    implicitCastFailure: 'FAILURE_BEHAVIOR_THROW_EXCEPTION', variadicBooleans: false, virtualTables: false, crossJoins: false,
    joinConditions: 'equi', semiJoinOutput: false, groupingExpressions: false, caseWithoutElse: false, distinctAggregates: false, aggregateFilters: false, aggregateSorts: false,
    windowFunctions: false, positionalSetInputs: true, setOps: new Set(['SET_OP_UNION_ALL']), fetchWithoutCount: false,
  },
} as const satisfies Readonly<Record<string, SubstraitConsumer>>;

/** The most relations a plan may hold once shared views are inlined, for consumers without ReferenceRel. */
export const MAX_INLINED_RELATIONS = 1_000_000;

export type SubstraitConsumerName = keyof typeof SUBSTRAIT_CONSUMERS;

export function isSubstraitConsumer(name: string): name is SubstraitConsumerName {
  return Object.hasOwn(SUBSTRAIT_CONSUMERS, name);
}

/** The coded refusal of a construct the consumer cannot run (before it sees the plan). */
export function unsupportedBy(consumer: SubstraitConsumer, construct: string, why?: string): RelcError {
  return new RelcError('BACKEND_UNSUPPORTED', `the ${consumer.name} Substrait consumer does not run ${construct}${why ? ` (${why})` : ''}`, {
    details: { consumer: consumer.name, construct },
  });
}
