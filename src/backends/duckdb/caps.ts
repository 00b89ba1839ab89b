// What the DuckDB backend can do, as data (no native module: the CLI reads it without opening DuckDB).
import type { BackendCaps } from '../types.ts';

export const DUCKDB_CAPS: BackendCaps = {
  dialect: 'duckdb',
  placeholderPrefix: '$',
  threads: true,
  memoryLimit: true,
  nativeFileReaders: true,
  nativeTemporalAndDecimal: true,
  analyze: true,
  shims: { kind: 'SQL macros', rowAtATime: false },
  rowidBase: 0,
};
