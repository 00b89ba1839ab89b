// Composition for `compile --target substrait|substrait-json`: the prepared program → one
// Substrait plan (a RelRoot per output, or per selected view).

import { encodePlanBinary, encodePlanJson, toSubstraitPlan, type SubstraitConsumerName } from '../../lower/substrait/index.ts';
import { selectViews, type PreparedProgram } from './compile.ts';

export function compileSubstrait(p: PreparedProgram, encoding: 'binary' | 'json', view?: string, consumer: SubstraitConsumerName = 'standard'): Uint8Array | string {
  const views = view === undefined ? (p.program.outputs.length > 0 ? undefined : selectViews(p)) : selectViews(p, view);
  const plan = toSubstraitPlan(p.program, { consumer, ...(views ? { views } : {}) });
  return encoding === 'binary' ? encodePlanBinary(plan) : encodePlanJson(plan);
}
