// Substrait format definition shared by the producer (src/lower/substrait) and the consumer
// (src/substrait): hand-written protobufjs descriptors, the plan object shapes, the codec and
// the extension catalog. Imports nothing of relc.
export * from './messages.ts';
export * from './codec.ts';
export * from './extensions.ts';
export { messageType, substraitRoot } from './root.ts';

/** The Substrait specification version relc's plans are written against. */
export const SUBSTRAIT_VERSION = { major: 0, minor: 79, patch: 0 } as const;
export * from './relc-detail.ts';
