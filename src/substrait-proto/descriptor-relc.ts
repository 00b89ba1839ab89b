// relc's own messages carried in Substrait `google.protobuf.Any` details (package `relc`): the
// detail of the extension relations a recursion is written as. Field numbers are relc's.

import { f, msg, type MessageJson } from './descriptor-dsl.ts';

export const RELC_DETAILS: Record<string, MessageJson> = {
  /** ExtensionMultiRel(inputs: [base, step]): the fixpoint of `step` from `base`. */
  RecursiveRel: msg({ name: f(1, 'string'), distinct: f(2, 'bool'), maxIterations: f(3, 'uint32') }),
  /** ExtensionLeafRel: the working table `name` of the enclosing RecursiveRel, with its schema. */
  RecursiveRefRel: msg({ name: f(1, 'string'), schema: f(2, 'substrait.NamedStruct') }),
};
