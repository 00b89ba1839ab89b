// A probe's documented outcome on one target (differences.ts), asserted exactly: the error it
// raises (a RelcError's code, or the engine's own error under `engineCode`) and message, or the
// rows it returns. Where PostgreSQL answered, relc's rows must still differ, else the entry is stale.
import * as assert from 'uvu/assert';
import { RelcError } from '../../src/ir/index.ts';
import { compareWithPg, type PgResult, type RelcResult } from '../support/pg-oracle.ts';
import type { Outcome } from './differences.ts';

export async function assertOutcome(
  run: () => Promise<RelcResult>,
  want: Outcome,
  expected: PgResult | undefined,
  label: string,
  engine: { readonly error: abstract new (...args: never[]) => Error; readonly code: string },
): Promise<void> {
  let got: RelcResult;
  try {
    got = await run();
  } catch (e) {
    assert.ok('error' in want, `${label}: ${(e as Error).message}`);
    if (!('error' in want)) return;
    const code = e instanceof RelcError ? e.code : e instanceof engine.error ? engine.code : 'other';
    assert.is(code, want.error, `${label}: ${(e as Error).message}`);
    assert.match((e as Error).message, want.message, label);
    return;
  }
  assert.ok('rows' in want, `${label}: returned rows, documented to fail`);
  if ('rows' in want) assert.equal(got.rows, want.rows, label);
  if (expected) assert.ok(compareWithPg(expected, got, false) !== null, `${label}: now equals PostgreSQL; remove the documented difference`);
}
