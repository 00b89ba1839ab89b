// Catalogs for `relc transpile --schema`: a rule pack (its inputs are the tables) or a plain
// `{table: {column: type}}` map in YAML or JSON.

import { readFile } from 'node:fs/promises';
import { RelcError, parseTypeString, type Field, type Program, type Rel, type Schema } from '../../ir/index.ts';
import type { Catalog } from '../../sql/index.ts';
import { parseJsonOrYaml } from '../json-or-yaml.ts';
import { compilePackModule, isPackModule } from './pack-module.ts';

export function catalogOf(tables: ReadonlyMap<string, Schema>, keys: ReadonlyMap<string, readonly (readonly string[])[]> = new Map()): Catalog {
  const byLower = new Map([...tables.keys()].map((k) => [k.toLowerCase(), k]));
  return {
    keys: (name) => keys.get(tables.has(name) ? name : (byLower.get(name.toLowerCase()) ?? name)) ?? [],
    resolve: (name): Rel | undefined => {
      const key = tables.has(name) ? name : byLower.get(name.toLowerCase());
      return key === undefined ? undefined : { kind: 'scan', table: key, schema: tables.get(key)! };
    },
    names: () => [...tables.keys()].sort(),
  };
}

/** The inputs of a rule pack as a catalog, with their declared keys. */
function catalogOfPack(program: Program): { catalog: Catalog; tables: Map<string, Schema> } {
  const tables = new Map<string, Schema>(program.inputs.map((i) => [i.name, i.schema]));
  const keys = new Map(program.inputs.flatMap((i) => (i.key ? [[i.name, [i.key]] as const] : [])));
  return { catalog: catalogOf(tables, keys), tables };
}

/** Reads a catalog file: a rule pack (has `relc:`, or a .ts/.js pack module) or a table → column → type map. */
export async function loadCatalogFile(file: string): Promise<{ catalog: Catalog; tables: Map<string, Schema> }> {
  if (isPackModule(file)) return catalogOfPack((await compilePackModule(file)).compiled.program); // a .ts pack's inputs are a catalog too
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new RelcError('INPUT_NOT_FOUND', `cannot read schema file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let doc: unknown;
  try {
    doc = await parseJsonOrYaml(text);
  } catch (e) {
    throw new RelcError('SPEC_PARSE_ERROR', `schema file ${file}: ${(e as Error).message.split('\n')[0]}`, { location: { file, line: 1, col: 1 } });
  }
  if (doc !== null && typeof doc === 'object' && 'relc' in doc) {
    const { compileSpecText } = await import('../../spec/index.ts'); // only rule packs need the spec front end
    return catalogOfPack((await compileSpecText(text, file)).program);
  }
  const tables = schemaMapTables(doc, file);
  return { catalog: catalogOf(tables), tables };
}

/**
 * The tables of a plain `{table: {column: type}}` map (a schema file's document, or the
 * `schema` of the library's `transpile`); `file` names its origin in errors.
 */
export function schemaMapTables(doc: unknown, file: string): Map<string, Schema> {
  const tables = new Map<string, Schema>();
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new RelcError('SPEC_BAD_VALUE', `schema file ${file}: expected a map of table → {column: type}`, { location: { file, line: 1, col: 1 } });
  }
  for (const [table, cols] of Object.entries(doc as Record<string, unknown>)) {
    if (cols === null || typeof cols !== 'object' || Array.isArray(cols)) {
      throw new RelcError('SPEC_BAD_VALUE', `schema file ${file}: table ${table} must map column names to types`, { location: { file, line: 1, col: 1 } });
    }
    const fields: Field[] = Object.entries(cols as Record<string, unknown>).map(([name, t]) => {
      const parsed = typeof t === 'string' ? parseTypeString(t) : undefined;
      if (!parsed) throw new RelcError('SPEC_BAD_VALUE', `schema file ${file}: ${table}.${name}: unknown type ${JSON.stringify(t)}`, { location: { file, line: 1, col: 1 } });
      // A plain SQL catalog says nothing about NULLs: every column may hold them, as in SQL
      // tables (the safe reading for NOT IN, outer-join simplification and friends).
      return { name, type: parsed.type, nullable: true };
    });
    tables.set(table, fields);
  }
  return tables;
}
