// Composition for `compile`, `validate` and `explain`: spec file → Program → optimized
// Program → per-view SQL / IR / Substrait text, with signatures of the views as written.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  RelcError, canonicalJsonPretty, initHashing, signViews, type Dialect, type Program,
} from '../../ir/index.ts';
import { compileSpecText, type CompiledSpec } from '../../spec/index.ts';
import { lowerView, paramsComment } from '../../lower/sql/index.ts';
import { optimizeProgram, type PassTrace } from '../../optimize/index.ts';
import { compilePackModule, isPackModule } from './pack-module.ts';

export { COMPILE_TARGETS, type CompileTarget } from './targets.ts';

export interface OptimizeChoice {
  /** false: `--no-optimize`. */
  readonly optimize: boolean;
  /** Pass names from `--disable-pass`. */
  readonly disable: readonly string[];
  readonly observer?: (event: unknown) => void;
}

export interface PreparedProgram {
  readonly compiled?: CompiledSpec;
  /** The program as the rules wrote it. */
  readonly written: Program;
  /** The program the back ends receive (optimized unless disabled). */
  readonly program: Program;
  /** Signatures of the written views (optimizer changes do not alter what rules mean). */
  readonly signatures: ReadonlyMap<string, string>;
  readonly trace: readonly PassTrace[];
}

/** Reads and compiles a rule pack file (YAML/JSON, or a .ts/.js pack module); a missing file is INPUT_NOT_FOUND. */
export async function loadSpecFile(file: string): Promise<CompiledSpec> {
  if (isPackModule(file)) return (await compilePackModule(file)).compiled;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new RelcError('INPUT_NOT_FOUND', `cannot read rule pack ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { details: { path: path.resolve(file) } });
  }
  return compileSpecText(text, file);
}

export async function prepareProgram(written: Program, choice: OptimizeChoice, compiled?: CompiledSpec): Promise<PreparedProgram> {
  await initHashing();
  const signatures = signViews(written);
  if (!choice.optimize) return { compiled, written, program: written, signatures, trace: [] };
  const { program, trace } = optimizeProgram(written, { profile: written.profile, disable: choice.disable, observer: choice.observer });
  // Views the optimizer introduced (shared subplans) are signed as they are.
  if (program.views.some((v) => !signatures.has(v.name))) {
    for (const [name, sig] of signViews(program)) if (!signatures.has(name)) signatures.set(name, sig);
  }
  return { compiled, written, program, signatures, trace };
}

/** The views to emit: one named view, or every view of the program. */
export function selectViews(p: PreparedProgram, view?: string): string[] {
  const names = p.written.views.map((v) => v.name);
  if (view === undefined) return names;
  if (!names.includes(view)) {
    throw new RelcError('UNKNOWN_RELATION', `unknown view '${view}'; views: ${names.join(', ')}`, { details: { view, available: names } });
  }
  return [view];
}

/** One self-contained statement per view under `-- relc view=<name> signature=<sig>`. */
export function compileSql(p: PreparedProgram, dialect: Dialect, view?: string): string {
  return selectViews(p, view)
    .map((name) => {
      const { sql, params } = lowerView(p.program, name, dialect);
      const bound = paramsComment(params);
      return `-- relc view=${name} signature=${p.signatures.get(name)!}${bound && `\n${bound}`}\n${sql};\n`;
    })
    .join('\n');
}

/** The IR of the selected views as canonical JSON (the program as the back ends receive it). */
export function compileIr(p: PreparedProgram, view?: string): string {
  const names = new Set(selectViews(p, view));
  const views = p.program.views.filter((v) => names.has(v.name)).map((v) => ({ name: v.name, signature: p.signatures.get(v.name), rel: v.rel }));
  return `${canonicalJsonPretty({ name: p.program.name, params: p.program.params, views })}\n`;
}
