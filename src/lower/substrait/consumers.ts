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
}

export const SUBSTRAIT_CONSUMERS = {
  // The specification's ExtensionMultiRel/ExtensionLeafRel with relc's declared detail types
  // (Plan.expected_type_urls): valid Substrait; a consumer without relc's extension rejects it.
  standard: { name: 'standard', enumArguments: true, relcExtensionRelations: true },
  // DataFusion 55's consumer converts every function argument that is not a value with
  // "Function argument non-Value type not supported" before it looks the function up; its
  // registry resolves `date_part` by name.
  // Its RecursiveQuery has no Substrait form DataFusion reads, and it knows no relc detail.
  datafusion: { name: 'datafusion', enumArguments: false, relcExtensionRelations: false },
} as const satisfies Readonly<Record<string, SubstraitConsumer>>;

export type SubstraitConsumerName = keyof typeof SUBSTRAIT_CONSUMERS;

export function isSubstraitConsumer(name: string): name is SubstraitConsumerName {
  return Object.hasOwn(SUBSTRAIT_CONSUMERS, name);
}
