// The typed relational IR: every stage imports this; it imports nothing else of relc.
export * from './types.ts';
export * from './errors.ts';
export * from './expr.ts';
export * from './rel.ts';
export * from './registry.ts';
export * from './schema.ts';
export * from './walk.ts';
export * from './validate.ts';
export * from './canonical.ts';
export * from './print.ts';
export * from './signature.ts';
export * from './literal.ts';
export * from './temporal.ts';
export * from './boolean-text.ts';
export * from './stable-id.ts';
export * from './recursion.ts';
export * from './suggest.ts';
