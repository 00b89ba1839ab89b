// Declared keys are contracts (inputs' and outputs'): after an input is loaded, a query (built as IR and lowered
// by the backend's own dialect) finds key values that occur more than once. A duplicate is
// INPUT_KEY_VIOLATION naming the input, the key columns and the first duplicated values (in key
// order, so the message is deterministic); a winner ordered by that key would otherwise pick a
// different row from run to run.

import { E, RelcError, schemaOf, T, type InputDecl, type OutputDecl, type Rel, type Schema } from '../../ir/index.ts';
import type { Backend } from '../../backends/index.ts';
import { lowerRel } from '../../lower/sql/index.ts';

/** How many duplicated key values the error lists. */
const SHOWN = 3;

/** `select key…, count(*) from table group by key… having count(*) > 1 order by key… limit 3`. */
function duplicateKeys(table: string, schema: Schema, key: readonly string[]): Rel {
  const positions = key.map((k) => schema.findIndex((f) => f.name === k));
  const scan: Rel = { kind: 'scan', table, schema };
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

/** The first key values that the table `table` (loaded in `backend`) holds more than once, in key order. */
async function findDuplicates(backend: Backend, table: string, schema: Schema, key: readonly string[]): Promise<{ shown: string; values: string[]; rows: number }[]> {
  const rel = duplicateKeys(table, schema, key);
  const lowered = lowerRel(rel, backend.caps.dialect);
  const rows = await backend.query(lowered.sql, [], schemaOf(rel));
  const text = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));
  return rows.map((r) => {
    const values = r.slice(0, key.length).map(text);
    return { shown: `(${values.join(', ')}) ×${String(r[key.length])}`, values, rows: Number(r[key.length]) };
  });
}

const more = (n: number): string => (n === SHOWN ? ', …' : '');

/** Throws INPUT_KEY_VIOLATION when the loaded input `decl` repeats a value of its declared key. */
export async function checkInputKey(backend: Backend, decl: InputDecl): Promise<void> {
  const key = decl.key;
  if (key === undefined || key.length === 0) return;
  const dups = await findDuplicates(backend, decl.name, decl.schema, key);
  if (dups.length === 0) return;
  throw new RelcError(
    'INPUT_KEY_VIOLATION',
    `input ${decl.name} (${decl.path}): declared key (${key.join(', ')}) is not unique: ${dups.map((d) => d.shown).join(', ')}${more(dups.length)}`,
    { details: { input: decl.name, path: decl.path, key, duplicates: dups.map(({ values, rows }) => ({ values, rows })) } },
  );
}

/**
 * Throws OUTPUT_KEY_VIOLATION when the view an output writes (a table by now) repeats a value of
 * the output's declared key: checked before the file is written, so a bundle never holds an
 * output that breaks its contract.
 */
export async function checkOutputKey(backend: Backend, out: OutputDecl, schema: Schema): Promise<void> {
  const key = out.key;
  if (key === undefined || key.length === 0) return;
  const dups = await findDuplicates(backend, out.from, schema, key);
  if (dups.length === 0) return;
  throw new RelcError(
    'OUTPUT_KEY_VIOLATION',
    `output ${out.name} (view ${out.from}): declared key (${key.join(', ')}) is not unique: ${dups.map((d) => d.shown).join(', ')}${more(dups.length)}`,
    { details: { output: out.name, view: out.from, key, duplicates: dups.map(({ values, rows }) => ({ values, rows })) } },
  );
}
