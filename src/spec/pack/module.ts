// A TypeScript pack module's export → the spec text relc compiles, the locator that places its
// errors in the .ts source, and the check of the columns its `sql`/`recursive` rules declare.
// The text is the spec as JSON: it validates, compiles and hashes as the YAML form of the same
// pack does (the spec hash is over the validated spec, not over the text).

import {
  RelcError, parseTypeString, schemaOf, typeEquals, typeToString, type Program, type SourceLocation,
} from '../../ir/index.ts';
import type { SpecLocator } from '../source.ts';
import { PACK_COLUMNS, PACK_SITES, type PackSites } from './builder.ts';
import { packLocator } from './locator.ts';
import type { Columns } from './types.ts';

export interface PackModuleSpec {
  /** The spec as JSON text (what a run bundle keeps as the pack's copy). */
  readonly text: string;
  readonly locator: SpecLocator;
  /** Columns declared by `sql`/`recursive` rules, by rule name. */
  readonly columns: ReadonlyMap<string, Columns>;
}

const isObject = (v: unknown): v is Record<string | symbol, unknown> => v !== null && typeof v === 'object';

/**
 * The spec a module exports: its default export or `spec`, a builder (`pack(…)…`, turned into
 * its spec) or a plain spec object. `where` is the module's own location, for a module whose
 * export is no pack.
 */
export function packModuleSpec(
  exports: Record<string, unknown>,
  where: SourceLocation,
  read: (file: string) => string | undefined,
  display: (file: string) => string,
): PackModuleSpec {
  let value = exports['default'] ?? exports['spec'];
  // A CommonJS module's namespace: its `module.exports` is the default export.
  if (isObject(value) && !('relc' in value) && typeof value['toSpec'] !== 'function' && ('default' in value || 'spec' in value)) value = value['default'] ?? value['spec'];
  if (isObject(value) && typeof value['toSpec'] === 'function') value = (value['toSpec'] as () => unknown)();
  if (!isObject(value) || Array.isArray(value)) {
    throw new RelcError('SPEC_BAD_VALUE', 'a TypeScript rule pack exports its pack as `export default pack(…)…` or `export const spec = …`', { location: where });
  }
  // The module itself stands for any part whose call site the stack did not show.
  const sites: PackSites = new Map([['', where], ...((value[PACK_SITES] as PackSites | undefined) ?? [])]);
  const columns = (value[PACK_COLUMNS] as ReadonlyMap<string, Columns> | undefined) ?? new Map();
  return { text: `${JSON.stringify(value, null, 2)}\n`, locator: packLocator(sites, read, display), columns };
}

/**
 * Columns a `sql` or `recursive` rule declares for TypeScript must be the view's: the same names
 * in the same order, and the declared types where they are not `unknown` (declaring a column
 * nullable that never holds NULL is allowed: it only widens the TypeScript type).
 */
export function checkDeclaredColumns(program: Program, rules: readonly { name: string }[], columns: ReadonlyMap<string, Columns>, locator: SpecLocator): void {
  for (const [name, declared] of columns) {
    const view = program.views.find((v) => v.name === name);
    const index = rules.findIndex((r) => r.name === name);
    if (!view || index < 0) continue;
    const at = locator.at(['rules', index, 'columns']);
    const fields = schemaOf(view.rel);
    const have = fields.map((f) => f.name);
    const want = Object.keys(declared);
    if (have.join(',') !== want.join(',')) {
      throw new RelcError('UNKNOWN_COLUMN', `rule '${name}' declares columns ${want.join(', ')} but its view has ${have.join(', ')}`, { location: at, details: { declared: want, available: have } });
    }
    fields.forEach((f, i) => {
      const text = declared[want[i]!]!;
      if (text === 'unknown') return;
      const t = parseTypeString(text);
      if (!t) throw new RelcError('SPEC_BAD_VALUE', `rule '${name}': column ${f.name}: unknown type '${text}'`, { location: at });
      if (!typeEquals(t.type, f.type) || (f.nullable && !t.nullable)) {
        const actual = `${typeToString(f.type)}${f.nullable ? '?' : ''}`;
        throw new RelcError('TYPE_MISMATCH', `rule '${name}' declares column ${f.name} as ${text}, but the view's column is ${actual}`, { location: at });
      }
    });
  }
}
