// Loading a TypeScript (or JavaScript) rule pack: import the module, take the spec it exports
// and compile it as the YAML form of the same pack compiles (same program, signatures, spec hash).
//
// The CLI runs compiled JavaScript; a .ts module needs a transform, loaded only when a .ts pack
// is given: Node's own type stripping where it has it (`process.features.typescript`, Node ≥
// 22.18), else tsx's `tsImport` (an optional peer dependency: `npm install -D tsx`), which keeps
// the transform scoped to the pack and maps stack positions back to the .ts source.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RelcError, isRelcError, type SourceLocation } from '../../ir/index.ts';
import type { CompiledSpec } from '../../spec/index.ts';

const MODULE = /\.(?:[mc]?ts|[mc]?js)$/i;
const TYPESCRIPT = /\.[mc]?ts$/i;

/** Is this rule pack a module (.ts, .mts, .cts, .js, .mjs, .cjs) rather than YAML/JSON text? */
export function isPackModule(file: string): boolean {
  return MODULE.test(file);
}

export interface CompiledPackModule {
  readonly compiled: CompiledSpec;
  /** The spec as JSON text: the pack's copy in a run bundle. */
  readonly text: string;
}

/**
 * Imports a pack module and compiles its spec; errors point at the module's builder calls, in
 * `shown` (the name errors give the pack's file; other files are named relative to the cwd).
 */
export async function compilePackModule(file: string, shown = file): Promise<CompiledPackModule> {
  const abs = path.resolve(file);
  if (!existsSync(abs)) throw new RelcError('INPUT_NOT_FOUND', `cannot read rule pack ${shown}: ENOENT`, { details: { path: abs } });
  const display = (f: string): string => (f === abs ? shown : path.relative(process.cwd(), f) || f);
  const exports = await importPack(abs, shown, display);
  const read = (f: string): string | undefined => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  };
  // Loaded here, not with this file: `isPackModule` is all that YAML packs and schema files need of it.
  const [{ compileSpecText }, { checkDeclaredColumns, packModuleSpec }] = await Promise.all([import('../../spec/index.ts'), import('../../spec/pack/index.ts')]);
  const m = packModuleSpec(exports, { file: abs, line: 1, col: 1 }, read, display);
  const compiled = await compileSpecText(m.text, shown, { locator: m.locator });
  checkDeclaredColumns(compiled.program, compiled.spec.rules, m.columns, m.locator);
  return { compiled, text: m.text };
}

type TsImport = (specifier: string, parent: string) => Promise<Record<string, unknown>>;

async function tsxImport(file: string): Promise<TsImport> {
  const name = 'tsx/esm/api'; // not a literal: the CLI bundle must not carry the transform
  try {
    return ((await import(name)) as { tsImport: TsImport }).tsImport;
  } catch {
    throw new RelcError('USAGE_ERROR', `${file}: loading a TypeScript rule pack on Node ${process.versions.node} needs tsx: npm install --save-dev tsx (or run on Node ≥ 22.18, which strips types itself)`, {
      location: { file, line: 1, col: 1 },
    });
  }
}

/** A stack frame's file (an absolute path or file: URL, not node:internal or data:), line and column. */
const FRAME = /(?:\(|^at )((?:file:\/\/)?\/[^()]*?|[A-Za-z]:\\[^()]*?):(\d+):(\d+)\)?$/;

/** Where in the pack an error of its module was thrown: the first stack frame in the pack's file. */
function thrownAt(e: unknown, abs: string, file: string): SourceLocation {
  const url = pathToFileURL(abs).href;
  for (const line of (e instanceof Error ? (e.stack ?? '') : '').split('\n')) {
    const m = FRAME.exec(line.trim());
    if (m && (m[1] === abs || m[1] === url)) return { file, line: Number(m[2]), col: Number(m[3]) };
  }
  return { file, line: 1, col: 1 };
}

async function importPack(abs: string, file: string, display: (f: string) => string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(abs).href;
  const native = !TYPESCRIPT.test(abs) || Boolean((process.features as { typescript?: unknown }).typescript);
  try {
    if (native) return (await import(url)) as Record<string, unknown>;
    const tsImport = await tsxImport(file);
    return await tsImport(url, import.meta.url);
  } catch (e) {
    if (isRelcError(e)) {
      const loc = e.location;
      throw loc ? new RelcError(e.code, e.message, { details: e.details, location: { ...loc, file: display(loc.file) }, cause: e.cause }) : e;
    }
    throw new RelcError('SPEC_PARSE_ERROR', `the pack module failed to load: ${(e as Error).message ?? String(e)}`, { location: thrownAt(e, abs, file), cause: e });
  }
}
