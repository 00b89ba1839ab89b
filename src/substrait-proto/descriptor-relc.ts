// relc's own messages carried in Substrait `google.protobuf.Any` details (package `relc`): the
// detail of the extension relations a recursion is written as, and the plan's parameter
// declarations (an optimization of Plan.advanced_extensions). Field numbers are relc's.

import { f, msg, rep, type MessageJson } from './descriptor-dsl.ts';

export const RELC_DETAILS: Record<string, MessageJson> = {
  /** ExtensionMultiRel(inputs: [base, step]): the fixpoint of `step` from `base`. */
  RecursiveRel: msg({ name: f(1, 'string'), distinct: f(2, 'bool'), maxIterations: f(3, 'uint32') }),
  /** ExtensionLeafRel: the working table `name` of the enclosing RecursiveRel, with its schema. */
  RecursiveRefRel: msg({ name: f(1, 'string'), schema: f(2, 'substrait.NamedStruct') }),
  /**
   * Plan.advanced_extensions.optimization: the program's parameters in declaration order, each
   * the DynamicParameter `anchor` its uses refer to, with its name, type and default. Consumers
   * that ignore it lose nothing but the names and defaults (they bind parameters themselves).
   */
  /**
   * ReadRel.advanced_extension.optimization: the schema relc declares for the table read (its
   * NOT NULL columns a contract relc's runner enforces at load), when the ReadRel's base schema
   * says more columns nullable for a consumer that registers tables with nullable columns.
   * Consumers that ignore it read the base schema; relc's decoder restores the declared types.
   */
  DeclaredSchema: msg({ schema: f(1, 'substrait.NamedStruct') }),
  /**
   * Plan.advanced_extensions.optimization: relc's implicit coercions (casts that cannot fail)
   * carry this failure behaviour (a Cast.FailureBehavior name) instead of none, for a consumer
   * that requires one; relc's decoder reads a widening cast with it inside a call's arguments
   * as the coercion.
   */
  ImplicitCasts: msg({ failureBehavior: f(1, 'string') }),
  /**
   * Plan.advanced_extensions.optimization: function anchors that are links of a chain, for a
   * consumer with binary kernels only: a call to one of them as the first argument of a call
   * of the same function is part of that call (and(and(a, b), c) is and(a, b, c)). The anchors
   * declare the same function as the plain one.
   */
  ChainedCalls: msg({ anchors: rep(1, 'uint32') }),
  Parameters: msg(
    { parameters: rep(1, 'Parameter') },
    { nested: { Parameter: msg({ anchor: f(1, 'uint32'), name: f(2, 'string'), type: f(3, 'substrait.Type'), default: f(4, 'substrait.Expression.Literal') }) } },
  ),
};
