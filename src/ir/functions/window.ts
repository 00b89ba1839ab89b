// Window-only functions. PostgreSQL semantics on every dialect (src/ir/registry.ts).

import { T } from '../types.ts';
import type { FunctionDef } from './def.ts';
import { fn, castResult, constantArgs, win } from './build.ts';

// Spark wants the offsets of lag, lead and nth_value and ntile's count as constants ("Cannot specify window frame for lag function" otherwise).
const sparkConstant = (name: string, index: number, what: string) => constantArgs([index], fn(name), `Spark's ${name} takes its ${what} as a constant only`);

export const WINDOW_FUNCTIONS: readonly FunctionDef[] = [
  // Window-only functions.
  // (Spark's row_number, rank, dense_rank and ntile are int: cast to bigint.)
  { name: 'row_number', kind: 'window', signatures: [{ args: [], returns: T.int64 }], nulls: 'never', deterministic: true, render: { default: fn('row_number'), spark: castResult(fn('row_number')) }, substrait: { extension: 'functions_arithmetic', name: 'row_number' } },
  { name: 'rank', kind: 'window', signatures: [{ args: [], returns: T.int64 }], nulls: 'never', deterministic: true, render: { default: fn('rank'), spark: castResult(fn('rank')) }, substrait: { extension: 'functions_arithmetic', name: 'rank' } },
  { name: 'dense_rank', kind: 'window', signatures: [{ args: [], returns: T.int64 }], nulls: 'never', deterministic: true, render: { default: fn('dense_rank'), spark: castResult(fn('dense_rank')) }, substrait: { extension: 'functions_arithmetic', name: 'dense_rank' } },
  win('percent_rank', [{ args: [], returns: T.float64 }], 'never'),
  win('cume_dist', [{ args: [], returns: T.float64 }], 'never'),
  { ...win('ntile', [{ args: ['integer'], returns: T.int64 }], 'never'), render: { default: fn('ntile'), postgres: castResult(fn('ntile')), spark: constantArgs([0], castResult(fn('ntile')), "Spark's ntile takes its number of buckets as a constant only") } }, // PostgreSQL: integer
  { ...win('lag', [{ args: ['any'], returns: 'arg0' }, { args: ['any', 'integer'], returns: 'arg0' }, { args: ['any', 'integer', 'any'], returns: 'arg0' }], 'always'), render: { default: fn('lag'), spark: sparkConstant('lag', 1, 'offset') } },
  { ...win('lead', [{ args: ['any'], returns: 'arg0' }, { args: ['any', 'integer'], returns: 'arg0' }, { args: ['any', 'integer', 'any'], returns: 'arg0' }], 'always'), render: { default: fn('lead'), spark: sparkConstant('lead', 1, 'offset') } },
  win('first_value', [{ args: ['any'], returns: 'arg0' }], 'always'),
  // nth_value(x, n): x at the n-th row of the frame (from 1; n <= 0 raises), NULL past its end.
  { ...win('nth_value', [{ args: ['any', 'int32'], returns: 'arg0' }], 'always'), render: { default: fn('nth_value'), spark: sparkConstant('nth_value', 1, 'position') } },
  win('last_value', [{ args: ['any'], returns: 'arg0' }], 'always'),
];
