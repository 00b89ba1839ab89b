// IR → Substrait: `toSubstraitPlan` builds the plan; `encodePlanBinary` / `encodePlanJson`
// serialize it (protobuf bytes, canonical proto3 JSON). Imports only src/ir and src/substrait-proto.
import { encodeBinary, encodeJson, type SubstraitPlan } from '../../substrait-proto/index.ts';

export { toSubstraitPlan, type ToSubstraitOptions } from './plan.ts';
export { SUBSTRAIT_CONSUMERS, isSubstraitConsumer, type SubstraitConsumer, type SubstraitConsumerName } from './consumers.ts';
export type { SubstraitPlan } from '../../substrait-proto/index.ts';

/** Protobuf binary of a plan (deterministic: fields in number order, proto3 defaults omitted). */
export function encodePlanBinary(plan: SubstraitPlan): Uint8Array {
  return encodeBinary(plan);
}

/** Canonical proto3 JSON of a plan (deterministic text, 2-space indent). */
export function encodePlanJson(plan: SubstraitPlan): string {
  return encodeJson(plan);
}
