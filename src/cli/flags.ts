// Flags shared by several commands.
import * as Flags from '@oclif/core/flags';
import { SUBSTRAIT_CONSUMERS } from '../lower/substrait/consumers.ts';

export const optimizeFlags = {
  'no-optimize': Flags.boolean({ description: 'Skip every optimizer pass.' }),
  'disable-pass': Flags.string({ description: 'Skip one optimizer pass by name (repeatable).', multiple: true, default: [] }),
};

export const viewFlag = Flags.string({ description: 'Only this view.' });

export const substraitConsumerFlag = Flags.string({
  description: "Substrait consumer the plan is written for: 'standard' (the specification's forms only), or an engine profile that writes the forms that engine runs and refuses (BACKEND_UNSUPPORTED) what it cannot: 'datafusion' (DataFusion 55, tables registered from Parquet files), 'acero' (pyarrow 26's Acero).",
  options: Object.keys(SUBSTRAIT_CONSUMERS),
  default: 'standard',
});
