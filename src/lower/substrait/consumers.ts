// What a Substrait consumer reads, as data: the producer writes a construct in the form its
// target consumer takes by consulting these flags, never by testing a consumer's name. The
// `standard` profile writes the specification's own forms; a consumer profile only departs from
// them where that consumer rejects a standard form, and then writes a declared relc extension
// function with the same semantics (never something silently different).

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
}

export const SUBSTRAIT_CONSUMERS = {
  // The specification's ExtensionMultiRel/ExtensionLeafRel with relc's declared detail types
  // (Plan.expected_type_urls): valid Substrait; a consumer without relc's extension rejects it.
  standard: { name: 'standard', enumArguments: true, relcExtensionRelations: true, sharedSubtrees: true },
  // DataFusion 55's consumer converts every function argument that is not a value with
  // "Function argument non-Value type not supported" before it looks the function up; its
  // registry resolves `date_part` by name.
  // Its RecursiveQuery has no Substrait form DataFusion reads, and it knows no relc detail.
  // It reads one relation tree only ("Substrait plan with more than 1 relation trees not
  // supported"), so a view read twice is inlined at each read.
  datafusion: { name: 'datafusion', enumArguments: false, relcExtensionRelations: false, sharedSubtrees: false },
} as const satisfies Readonly<Record<string, SubstraitConsumer>>;

/** The most relations a plan may hold once shared views are inlined, for consumers without ReferenceRel. */
export const MAX_INLINED_RELATIONS = 1_000_000;

export type SubstraitConsumerName = keyof typeof SUBSTRAIT_CONSUMERS;

export function isSubstraitConsumer(name: string): name is SubstraitConsumerName {
  return Object.hasOwn(SUBSTRAIT_CONSUMERS, name);
}
