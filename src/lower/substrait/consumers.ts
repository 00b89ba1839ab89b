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
}

export const SUBSTRAIT_CONSUMERS = {
  standard: { name: 'standard', enumArguments: true },
  // DataFusion 55's consumer converts every function argument that is not a value with
  // "Function argument non-Value type not supported" before it looks the function up; its
  // registry resolves `date_part` by name.
  datafusion: { name: 'datafusion', enumArguments: false },
} as const satisfies Readonly<Record<string, SubstraitConsumer>>;

export type SubstraitConsumerName = keyof typeof SUBSTRAIT_CONSUMERS;

export function isSubstraitConsumer(name: string): name is SubstraitConsumerName {
  return Object.hasOwn(SUBSTRAIT_CONSUMERS, name);
}
