// One golden case: its input (a rule pack, embedded or referenced, or SQL over a small schema)
// compiled through every stage into the text of its output sections.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DIALECTS, RelcError, initHashing, isRelcError, parseTypeString, planText, schemaOf, typeToString,
  type Dialect, type Field, type InputDecl, type Program, type Schema, type SourceLocation,
} from '../../ir/index.ts';
import { compileSpecText, readSource, sourceValue, type CompiledSpec, type SpecWarning } from '../../spec/index.ts';
import { isSourceDialect, parseSelect, SOURCE_DIALECTS } from '../../sql/index.ts';
import { catalogOf } from '../compose/catalog.ts';
import { compileSubstrait } from '../compose/substrait.ts';
import { lowerViewForExecution, paramsComment } from '../../lower/sql/index.ts';
import { prepareProgram, type PreparedProgram } from '../compose/compile.ts';
import { compilePackModule, isPackModule } from '../compose/pack-module.ts';
import { errorText, headerValue, section, type GoldenFile } from './golden-format.ts';
import { canonicalViewOrder, ownHash } from './golden-graph.ts';
import { dataSection, parseRunHeader, type DataRequest } from './golden-data.ts';
import { layoutJson } from './json-layout.ts';

/** Sections a case author writes; everything else is produced by `relc golden update`. */
export const INPUT_SECTIONS: readonly string[] = ['spec', 'schema', 'sql'];

/** Output sections in the order they are written. */
export const OUTPUT_SECTIONS: readonly string[] = [
  'error', 'warnings', 'rel', 'optimized', 'sql.duckdb', 'sql.sqlite', 'sql.postgres', 'signature', 'data', 'substrait-json',
];

/** Length of the own-hash prefix recorded in the signature section. */
const OWN_DIGITS = 16;

export interface CaseOutput {
  /** Output section name → text, in OUTPUT_SECTIONS order. */
  readonly sections: ReadonlyMap<string, string>;
  /** The compiled program in canonical view order (absent when the case is an error case). */
  readonly program?: Program;
}

/** A path as a case records it: relative to the case file's directory, with '/' separators (so the text does not depend on where the check runs from). */
export function displayPath(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return (rel === '' ? path.basename(abs) : rel).split(path.sep).join('/');
}

function fieldsText(schema: Schema): string {
  return schema.map((f) => `${f.name}: ${typeToString(f.type)}${f.nullable ? '?' : ''}`).join(', ');
}

function viewsText(program: Program): string {
  return program.views.map((v) => `== ${v.name} [${fieldsText(schemaOf(v.rel))}]\n${planText(v.rel)}`).join('\n\n');
}

/**
 * Each view's own statement as the runner executes it (earlier views read by name), under the
 * `-- relc view=… signature=…` line of `relc compile`. Unlike the self-contained form, a change
 * to one view shows up once in the diff, not again in the CTEs of every view that reads it.
 */
function sqlText(prepared: PreparedProgram, dialect: Dialect): string {
  return prepared.program.views
    .map((v) => {
      const head = `-- relc view=${v.name}${prepared.signatures.has(v.name) ? ` signature=${prepared.signatures.get(v.name)!}` : ''}`;
      try {
        const { sql, params } = lowerViewForExecution(prepared.program, v.name, dialect);
        const bound = params.length > 0 ? `\n${paramsComment(params)}` : '';
        return `${head}${bound}\n${sql};`;
      } catch (e) {
        if (!isRelcError(e) || e.code === 'INTERNAL') throw e;
        // A construct a dialect cannot express is part of the snapshot, not a crash of the check.
        return `${head}\n-- ${errorText(e)}`;
      }
    })
    .join('\n\n');
}

function signatureText(program: Program, signatures: ReadonlyMap<string, string>): string {
  return program.views.map((v) => `${v.name} ${signatures.get(v.name)!} own=${ownHash(v.rel).slice(0, OWN_DIGITS)}`).join('\n');
}

/** The rule pack text of a case and the file name its errors point at. */
async function specInput(g: GoldenFile, caseFile: string, root: string): Promise<{ text: string; file: string; abs?: string } | { compiled: CompiledSpec; abs: string } | undefined> {
  const embedded = section(g, 'spec');
  const referenced = headerValue(g, 'spec');
  if (embedded && referenced !== undefined) {
    throw new RelcError('SPEC_BAD_VALUE', "a golden case has either a '# spec: <path>' header or a '---- spec' section, not both", { location: { file: displayPath(root, caseFile), line: embedded.line - 1, col: 1 } });
  }
  if (embedded) {
    // Blank lines in front keep every error location a line of the case file itself.
    return { text: '\n'.repeat(embedded.line - 1) + embedded.body, file: displayPath(root, caseFile) };
  }
  if (referenced !== undefined) {
    const abs = path.resolve(path.dirname(caseFile), referenced);
    if (isPackModule(abs)) return { compiled: (await compilePackModule(abs, displayPath(root, abs))).compiled, abs };
    let text: string;
    try {
      text = await readFile(abs, 'utf8');
    } catch (e) {
      throw new RelcError('INPUT_NOT_FOUND', `golden case ${displayPath(root, caseFile)}: cannot read its spec ${referenced}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { details: { path: abs } });
    }
    return { text, file: displayPath(root, abs), abs };
  }
  return undefined;
}

interface CompiledInput {
  readonly program: Program;
  readonly warnings: readonly SpecWarning[];
  readonly compiled?: CompiledSpec;
  /** The rule pack's file, when the case references one. */
  readonly specFile?: string;
}

/**
 * A SQL case: `---- schema` (a `{table: {column: type}}` map, every column nullable as in a SQL
 * catalog) and `---- sql` (one SELECT, in the dialect of the `# dialect:` header, default
 * postgres), compiled into a program with one view, `query`.
 */
function sqlInput(g: GoldenFile, caseFile: string, root: string): CompiledInput | undefined {
  const sql = section(g, 'sql');
  const schema = section(g, 'schema');
  if (!sql && !schema) return undefined;
  const file = displayPath(root, caseFile);
  if (!sql || !schema) {
    throw new RelcError('SPEC_MISSING_FIELD', `a SQL golden case needs both a '---- schema' and a '---- sql' section`, { location: { file, line: (sql ?? schema)!.line - 1, col: 1 } });
  }
  const dialect = headerValue(g, 'dialect') ?? 'postgres';
  if (!isSourceDialect(dialect)) {
    throw new RelcError('SPEC_BAD_VALUE', `unknown SQL dialect '${dialect}' (dialects: ${SOURCE_DIALECTS.join(', ')})`, { location: { file, line: 1, col: 1 } });
  }
  const src = readSource('\n'.repeat(schema.line - 1) + schema.body, file);
  const doc: unknown = sourceValue(src);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new RelcError('SPEC_BAD_VALUE', 'the schema section maps table names to {column: type} maps', { location: { file, line: schema.line, col: 1 } });
  }
  const locate = (keys: readonly string[]): SourceLocation => {
    const node = src.doc.getIn(keys, true) as { range?: [number, number] } | undefined;
    const pos = node?.range ? src.lines.linePos(node.range[0]) : { line: schema.line, col: 1 };
    return { file, line: pos.line, col: pos.col };
  };
  const tables = new Map<string, Schema>();
  for (const [table, cols] of Object.entries(doc as Record<string, unknown>)) {
    const where = () => locate([table]);
    if (cols === null || typeof cols !== 'object' || Array.isArray(cols)) throw new RelcError('SPEC_BAD_VALUE', `table ${table} must map column names to types`, { location: where() });
    tables.set(table, Object.entries(cols as Record<string, unknown>).map(([name, t]): Field => {
      const parsed = typeof t === 'string' ? parseTypeString(t) : undefined;
      if (!parsed) throw new RelcError('SPEC_BAD_VALUE', `${table}.${name}: unknown type ${JSON.stringify(t)}`, { location: locate([table, name]) });
      return { name, type: parsed.type, nullable: true };
    }));
  }
  const rel = parseSelect(sql.body, { dialect, catalog: catalogOf(tables), origin: { file, line: sql.line, col: 1 } });
  // Inputs as a program needs them; a golden case only compiles, so no file is ever read.
  const inputs: InputDecl[] = [...tables].map(([name, fields]) => ({ name, path: `${name}.parquet`, format: 'parquet', schema: fields }));
  return { program: { name: 'query', profile: 'default', params: [], inputs, views: [{ name: 'query', rel }], outputs: [] }, warnings: [] };
}

async function compileInput(g: GoldenFile, caseFile: string, root: string): Promise<CompiledInput> {
  const sql = sqlInput(g, caseFile, root);
  const spec = await specInput(g, caseFile, root);
  if (sql && spec) {
    throw new RelcError('SPEC_BAD_VALUE', 'a golden case has either a rule pack or SQL as its input, not both', { location: { file: displayPath(root, caseFile), line: 1, col: 1 } });
  }
  if (sql) return sql;
  if (!spec) {
    throw new RelcError('SPEC_MISSING_FIELD', `golden case ${displayPath(root, caseFile)} has no input: add a '---- spec' section, a '# spec: <path>' header, or '---- schema' and '---- sql' sections`, {
      location: { file: displayPath(root, caseFile), line: 1, col: 1 },
    });
  }
  const compiled = 'compiled' in spec ? spec.compiled : await compileSpecText(spec.text, spec.file);
  return { program: compiled.program, warnings: compiled.warnings, compiled, ...(spec.abs ? { specFile: spec.abs } : {}) };
}

function substraitText(prepared: PreparedProgram): string {
  let json: string;
  try {
    json = compileSubstrait(prepared, 'json') as string;
  } catch (e) {
    if (!isRelcError(e) || e.code === 'INTERNAL') throw e;
    return errorText(e);
  }
  return substraitSection(JSON.parse(json) as Record<string, unknown>);
}

/**
 * The Substrait section: the plan without its relations (extensions, version), then one block per
 * relation in plan order (a view is defined before the views that read it), each under
 * `== <alias>` like the views of the other sections; JSON laid out to the line width.
 */
export function substraitSection(plan: Record<string, unknown>): string {
  const { relations = [], ...rest } = plan as { relations?: unknown[] };
  const blocks = relations.map((r, i) => `== ${relationName(r) ?? `relation ${i}`}\n${layoutJson(r)}`);
  return [layoutJson(rest), ...blocks].join('\n');
}

/** The plan JSON text of a Substrait section (its blocks put back into `relations`). */
export function substraitSectionPlan(body: string): string {
  const [head = '', ...blocks] = body.split(/^== .*\n/m);
  const plan = JSON.parse(head) as Record<string, unknown>;
  const relations = blocks.map((b) => JSON.parse(b) as unknown);
  // `relations` goes back to its place in field order (after the extension declarations).
  const entries = Object.entries(plan);
  const at = entries.findIndex(([k]) => k !== 'extensionUris' && k !== 'extensions');
  entries.splice(at < 0 ? entries.length : at, 0, ['relations', relations]);
  return JSON.stringify(Object.fromEntries(entries));
}

function relationName(r: unknown): string | undefined {
  const rel = r as { root?: { input?: object }; rel?: object };
  const top = (rel.root?.input ?? rel.rel) as Record<string, { common?: { hint?: { alias?: unknown } } }> | undefined;
  const body = top && Object.values(top)[0];
  const alias = body?.common?.hint?.alias;
  return typeof alias === 'string' && !alias.includes('\n') ? alias : undefined;
}

/** What the `# run:` / `# build:` headers ask of the `data` section (none without `# run:`). */
function dataRequest(g: GoldenFile, caseFile: string, root: string, input: CompiledInput): DataRequest | undefined {
  const run = headerValue(g, 'run');
  const build = headerValue(g, 'build');
  const file = displayPath(root, caseFile);
  if (run === undefined) {
    if (build !== undefined) throw new RelcError('SPEC_MISSING_FIELD', "'# build:' needs '# run:' naming the backends to build on", { location: { file, line: 1, col: 1 } });
    return undefined;
  }
  const backends = parseRunHeader(run, file);
  const specDir = path.dirname(input.specFile ?? caseFile);
  if (build === undefined) return { backends, specDir };
  if (input.specFile === undefined) throw new RelcError('SPEC_MISSING_FIELD', "'# build:' builds with the case's rule pack: give it as '# spec: <path>'", { location: { file, line: 1, col: 1 } });
  return { backends, specDir, specFile: input.specFile, build: path.resolve(path.dirname(caseFile), build) };
}

/** Compiles a case's input and renders every output section. */
export async function evaluateCase(g: GoldenFile, caseFile: string, root: string): Promise<CaseOutput> {
  await initHashing();
  let input: CompiledInput;
  try {
    input = await compileInput(g, caseFile, root);
  } catch (e) {
    if (!isRelcError(e) || e.code === 'INTERNAL') throw e;
    return { sections: new Map([['error', errorText(e)]]) };
  }
  const written = canonicalViewOrder(input.program);
  const prepared = await prepareProgram(written, { optimize: true, disable: [] }, input.compiled);
  const out = new Map<string, string>();
  const warnings = input.warnings
    .map((w) => `warning[${w.code}]: ${w.message}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (warnings.length > 0) out.set('warnings', warnings.join('\n'));
  out.set('rel', viewsText(written));
  out.set('optimized', viewsText(prepared.program));
  for (const d of DIALECTS) out.set(`sql.${d}`, sqlText(prepared, d));
  out.set('signature', signatureText(written, prepared.signatures));
  const data = dataRequest(g, caseFile, root, input);
  if (data) out.set('data', await dataSection(written, input.compiled, data));
  out.set('substrait-json', substraitText(prepared));
  return { sections: out, program: written };
}

/** view → {signature, own} as a signature section records them. */
export function parseSignatureSection(body: string): Map<string, { signature: string; own: string }> {
  const out = new Map<string, { signature: string; own: string }>();
  for (const line of body.split('\n')) {
    const m = /^(\S+) ([0-9a-f]+)(?: own=([0-9a-f]+))?$/.exec(line.trim());
    if (m) out.set(m[1]!, { signature: m[2]!, own: m[3] ?? '' });
  }
  return out;
}
