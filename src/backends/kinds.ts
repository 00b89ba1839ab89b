// The backends relc can open, by name (light: no engine module is loaded to list them).
import type { BackendKind } from './types.ts';

export const BACKEND_KINDS: readonly BackendKind[] = ['duckdb', 'sqlite'];
