// What the SQLite backend can do, as data (no native module: the CLI reads it without opening SQLite).
import type { BackendCaps } from '../types.ts';

export const SQLITE_CAPS: BackendCaps = {
  dialect: 'sqlite',
  placeholderPrefix: '?',
  threads: false,
  memoryLimit: false,
  nativeFileReaders: false,
  nativeTemporalAndDecimal: false,
  analyze: false,
  shims: { kind: 'JS functions registered with better-sqlite3', rowAtATime: true },
  rowidBase: 1,
};
