// The RelcError a promise rejects with, or a function throws; a test fails if there is none.
import type { RelcError } from '../../src/ir/index.ts';

export async function failure(f: Promise<unknown> | (() => unknown)): Promise<RelcError> {
  try {
    await (typeof f === 'function' ? f() : f);
  } catch (e) {
    return e as RelcError;
  }
  throw new Error('expected a failure');
}
