// Declared input keys are contracts: after an input is loaded, a query (built as IR and lowered
// by the backend's own dialect) finds key values that occur more than once. A duplicate is
// INPUT_KEY_VIOLATION naming the input, the key columns and the first duplicated values (in key
// order, so the message is deterministic); a winner ordered by that key would otherwise pick a
// different row from run to run.

import { E, RelcError, schemaOf, T, type InputDecl, type Rel } from '../../ir/index.ts';
import type { Backend } from '../../backends/index.ts';
import { lowerRel } from '../../lower/sql/index.ts';

/** How many duplicated key values the error lists. */
const SHOWN = 3;

/** `select key…, count(*) from input group by key… having count(*) > 1 order by key… limit 3`. */
function duplicateKeys(decl: InputDecl, key: readonly string[]): Rel {
  const positions = key.map((k) => decl.schema.findIndex((f) => f.name === k));
  const scan: Rel = { kind: 'scan', table: decl.name, schema: decl.schema };
  const grouped: Rel = {
    kind: 'aggregate',
    input: scan,
    groupBy: positions.map((i) => E.col(i)),
    measures: [{ fn: 'count', args: [], distinct: false, type: T.int64 }],
    names: [...key, 'n'],
  };
  const repeated: Rel = { kind: 'filter', input: grouped, condition: E.call('gt', [E.col(key.length), E.lit(T.int64, '1')], T.bool) };
  const ordered: Rel = { kind: 'sort', input: repeated, keys: key.map((_, i) => E.asc(E.col(i))) };
  return { kind: 'limit', input: ordered, limit: SHOWN, offset: 0 };
}

/** Throws INPUT_KEY_VIOLATION when the loaded input `decl` repeats a value of its declared key. */
export async function checkInputKey(backend: Backend, decl: InputDecl): Promise<void> {
  const key = decl.key;
  if (key === undefined || key.length === 0) return;
  const rel = duplicateKeys(decl, key);
  const lowered = lowerRel(rel, backend.caps.dialect);
  const rows = await backend.query(lowered.sql, [], schemaOf(rel));
  if (rows.length === 0) return;
  const text = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));
  const shown = rows.map((r) => `(${r.slice(0, key.length).map(text).join(', ')}) ×${String(r[key.length])}`);
  throw new RelcError(
    'INPUT_KEY_VIOLATION',
    `input ${decl.name} (${decl.path}): declared key (${key.join(', ')}) is not unique: ${shown.join(', ')}${rows.length === SHOWN ? ', …' : ''}`,
    { details: { input: decl.name, path: decl.path, key, duplicates: rows.map((r) => ({ values: r.slice(0, key.length).map(text), rows: Number(r[key.length]) })) } },
  );
}
