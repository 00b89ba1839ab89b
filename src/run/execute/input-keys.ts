// Declared keys are contracts (inputs' and outputs'): after an input is loaded, a query (built as IR and lowered
// by the backend's own dialect) finds key values that occur more than once. A duplicate is
// INPUT_KEY_VIOLATION naming the input, the key columns, the first duplicated values (in key
// order, so the message is deterministic) and the file rows of their first two occurrences; a
// winner ordered by that key would otherwise pick a different row from run to run. A policy
// (`input_keys: warn`) makes it a warning; the spec front end then trusts no input key, so every
// winner breaks ties by all columns and the run stays deterministic.

import { E, field, RelcError, schemaOf, T, type InputDecl, type OutputDecl, type Rel, type Schema } from '../../ir/index.ts';
import type { Backend } from '../../backends/index.ts';
import type { RunWarning } from './policy.ts';
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

/**
 * The first two rows of every key value, numbered as the engine stored the file's rows (in file
 * order, `rowid`): `select key…, count(*), min(rowid), max(rowid) from (winner keep 2 by rowid)
 * group by key… having count(*) = 2 order by key… limit 3` — the same key values, in the same
 * order, as `duplicateKeys`. Undefined when the input has a column named rowid (no row numbers).
 */
function firstTwoRows(decl: InputDecl, key: readonly string[]): Rel | undefined {
  if (decl.schema.some((f) => f.name.toLowerCase() === 'rowid')) return undefined;
  const positions = key.map((k) => decl.schema.findIndex((f) => f.name === k));
  const rowid = decl.schema.length;
  const scan: Rel = { kind: 'scan', table: decl.name, schema: [...decl.schema, field('rowid', T.int64)] };
  const two: Rel = { kind: 'winner', input: scan, partitionBy: positions.map((i) => E.col(i)), orderBy: [E.asc(E.col(rowid))], keep: 2 };
  const grouped: Rel = {
    kind: 'aggregate',
    input: two,
    groupBy: positions.map((i) => E.col(i)),
    measures: [
      { fn: 'count', args: [], distinct: false, type: T.int64 },
      { fn: 'min', args: [E.col(rowid)], distinct: false, type: T.int64 },
      { fn: 'max', args: [E.col(rowid)], distinct: false, type: T.int64 },
    ],
    names: [...key, 'n', 'first', 'second'],
  };
  const repeated: Rel = { kind: 'filter', input: grouped, condition: E.call('equal', [E.col(key.length), E.lit(T.int64, '2')], T.bool) };
  const ordered: Rel = { kind: 'sort', input: repeated, keys: key.map((_, i) => E.asc(E.col(i))) };
  return { kind: 'limit', input: ordered, limit: SHOWN, offset: 0 };
}

async function rowsOf(backend: Backend, rel: Rel) {
  const lowered = lowerRel(rel, backend.caps.dialect);
  return backend.query(lowered.sql, [], schemaOf(rel));
}

/**
 * Checks the loaded input `decl` against its declared key: a repeated value is INPUT_KEY_VIOLATION,
 * or with `mode` 'warn' the same message as a warning (returned through `warn`).
 */
export async function checkInputKey(backend: Backend, decl: InputDecl, mode: 'error' | 'warn' = 'error', warn?: (w: RunWarning) => void): Promise<void> {
  const key = decl.key;
  if (key === undefined || key.length === 0) return;
  const rows = await rowsOf(backend, duplicateKeys(decl.name, decl.schema, key));
  if (rows.length === 0) return;
  const located = firstTwoRows(decl, key);
  const firsts = located ? await rowsOf(backend, located) : [];
  // File rows count data rows from 1 (a CSV's header is no row).
  const fileRow = (rowid: unknown) => Number(rowid) - backend.caps.rowidBase + 1;
  const text = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));
  const duplicates = rows.map((r, i) => {
    const at = firsts[i];
    return { values: r.slice(0, key.length).map(text), rows: Number(r[key.length]), ...(at ? { file_rows: [fileRow(at[key.length + 1]), fileRow(at[key.length + 2])] } : {}) };
  });
  const shown = duplicates.map((d) => `(${d.values.join(', ')}) ×${d.rows}${d.file_rows ? ` at rows ${d.file_rows[0]} and ${d.file_rows[1]} of the file` : ''}`);
  const message = `input ${decl.name} (${decl.path}): declared key (${key.join(', ')}) is not unique: ${shown.join(', ')}${rows.length === SHOWN ? ', …' : ''}`;
  if (mode === 'warn' && warn) {
    warn({ code: 'INPUT_KEY_VIOLATION', message: `${message} (policy.input_keys: warn; ties are broken by every column)`, subject: decl.name });
    return;
  }
  throw new RelcError('INPUT_KEY_VIOLATION', message, { details: { input: decl.name, path: decl.path, key, duplicates } });
}

/**
 * Throws OUTPUT_KEY_VIOLATION when the view an output writes (a table by now) repeats a value of
 * the output's declared key: checked before the file is written, so a bundle never holds an
 * output that breaks its contract.
 */
export async function checkOutputKey(backend: Backend, out: OutputDecl, schema: Schema): Promise<void> {
  const key = out.key;
  if (key === undefined || key.length === 0) return;
  const rows = await rowsOf(backend, duplicateKeys(out.from, schema, key));
  if (rows.length === 0) return;
  const text = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));
  const duplicates = rows.map((r) => ({ values: r.slice(0, key.length).map(text), rows: Number(r[key.length]) }));
  throw new RelcError(
    'OUTPUT_KEY_VIOLATION',
    `output ${out.name} (view ${out.from}): declared key (${key.join(', ')}) is not unique: ${duplicates.map((d) => `(${d.values.join(', ')}) ×${d.rows}`).join(', ')}${rows.length === SHOWN ? ', …' : ''}`,
    { details: { output: out.name, view: out.from, key, duplicates } },
  );
}
