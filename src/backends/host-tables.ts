// A host's table read as a declared input (an engine relc is attached to): its name as the host
// gives it, and the checks both engines make before the rows become the input's table.

import { RelcError, type InputDecl } from '../ir/index.ts';

/** `table` or `schema.table`, plain identifiers; an unqualified name is the host's `main` table. */
export function hostTableParts(decl: InputDecl, table: string): readonly [schema: string, table: string] {
  const parts = table.split('.');
  if (parts.length > 2 || parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) {
    throw new RelcError('USAGE_ERROR', `input ${decl.name}: host table ${JSON.stringify(table)} is not a name (table or schema.table)`, { details: { input: decl.name, table } });
  }
  return parts.length === 2 ? [parts[0]!, parts[1]!] : ['main', parts[0]!];
}

/** The declared columns the host table lacks: INPUT_SCHEMA_MISMATCH naming them. */
export function checkHostColumns(decl: InputDecl, table: string, columns: readonly string[]): void {
  const have = new Set(columns.map((c) => c.toLowerCase()));
  const missing = decl.schema.filter((f) => !have.has(f.name.toLowerCase())).map((f) => f.name);
  if (missing.length > 0) {
    throw new RelcError('INPUT_SCHEMA_MISMATCH', `input ${decl.name} (host table ${table}): missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the table has ${columns.join(', ')})`, {
      details: { input: decl.name, table, missing, columns: [...columns] },
    });
  }
}

/** A non-nullable declared column holding NULLs: INPUT_SCHEMA_MISMATCH. */
export function nullInNotNull(decl: InputDecl, table: string, column: string, rows: number): RelcError {
  return new RelcError('INPUT_SCHEMA_MISMATCH', `input ${decl.name} (host table ${table}): column ${column} is declared not null but ${rows} row${rows === 1 ? ' holds' : 's hold'} NULL`, {
    details: { input: decl.name, table, column, rows },
  });
}
