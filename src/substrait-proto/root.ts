// Assembles the hand-written descriptors into one protobufjs Root (package `substrait`).

import protobuf from 'protobufjs';
import { EXPRESSION } from './descriptor-expression.ts';
import { RELATIONS } from './descriptor-algebra.ts';
import { ANY, EXTENSIONS, NAMED_STRUCT, PLAN, TYPE } from './descriptor-type.ts';
import { RELC_DETAILS } from './descriptor-relc.ts';

const DESCRIPTOR = {
  nested: {
    google: { nested: { protobuf: { nested: { Any: ANY } } } },
    relc: { nested: RELC_DETAILS },
    substrait: {
      nested: {
        Type: TYPE,
        NamedStruct: NAMED_STRUCT,
        extensions: { nested: EXTENSIONS },
        ...PLAN,
        ...RELATIONS,
        Expression: EXPRESSION,
      },
    },
  },
};

let root: protobuf.Root | undefined;

/** The resolved protobufjs root of relc's Substrait subset (built once). */
export function substraitRoot(): protobuf.Root {
  if (!root) {
    root = protobuf.Root.fromJSON(DESCRIPTOR as unknown as protobuf.INamespace);
    root.resolveAll();
  }
  return root;
}

/** A message type by its name inside package `substrait`, e.g. 'Plan' or 'Expression.Literal'. */
export function messageType(name: string): protobuf.Type {
  return substraitRoot().lookupType(`substrait.${name}`);
}
