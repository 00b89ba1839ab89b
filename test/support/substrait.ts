// Substrait test helpers shared by the decoding tests.
import * as assert from 'uvu/assert';
import { RelcError } from '../../src/ir/index.ts';
import { decodeSubstrait } from '../../src/substrait/index.ts';

/** The SUBSTRAIT_DECODE_ERROR decoding `input` raises (anything else fails the test). */
export function decodeFails(input: Uint8Array | string): RelcError {
  try {
    decodeSubstrait(input);
  } catch (e) {
    assert.instance(e, RelcError);
    assert.is((e as RelcError).code, 'SUBSTRAIT_DECODE_ERROR');
    return e as RelcError;
  }
  throw new Error('expected a SUBSTRAIT_DECODE_ERROR');
}
