// Flags shared by several commands.
import { Flags } from '@oclif/core';

export const optimizeFlags = {
  'no-optimize': Flags.boolean({ description: 'Skip every optimizer pass.' }),
  'disable-pass': Flags.string({ description: 'Skip one optimizer pass by name (repeatable).', multiple: true, default: [] }),
};

export const viewFlag = Flags.string({ description: 'Only this view.' });
