// What `compile` and `transpile` can emit: the target names, light enough for the CLI's flag
// definitions to read without loading the compiler.
import type { Dialect } from '../../ir/index.ts';

export type CompileTarget = Dialect | 'ir' | 'substrait' | 'substrait-json';
export const COMPILE_TARGETS: readonly CompileTarget[] = ['duckdb', 'sqlite', 'postgres', 'ir', 'substrait', 'substrait-json'];

export type TranspileTarget = Dialect | 'ir' | 'plan' | 'substrait' | 'substrait-json';
export const TRANSPILE_TARGETS: readonly TranspileTarget[] = ['duckdb', 'sqlite', 'postgres', 'ir', 'plan', 'substrait', 'substrait-json'];
