// Composition for `relc transpile`: SQL text in a source dialect (or a Substrait plan) →
// typed IR → optimized → SQL of a target dialect, the IR as JSON, or a Substrait plan.

import { canonicalJsonPretty, planText, RelcError, type Dialect, type Program, type Rel } from '../ir/index.ts';
import { lowerView } from '../lower/sql/index.ts';
import { encodePlanBinary, encodePlanJson, toSubstraitPlan } from '../lower/substrait/index.ts';
import { optimizeProgram, optimizeRel } from '../optimize/index.ts';
import { parseSelect, type Catalog, type SourceDialect } from '../sql/index.ts';
import { decodeSubstrait } from '../substrait/index.ts';

export type TranspileTarget = Dialect | 'ir' | 'plan' | 'substrait' | 'substrait-json';
export const TRANSPILE_TARGETS: readonly TranspileTarget[] = ['duckdb', 'sqlite', 'postgres', 'ir', 'plan', 'substrait', 'substrait-json'];

export interface TranspileOptions {
  readonly from: SourceDialect | 'substrait';
  readonly to: TranspileTarget;
  readonly catalog: Catalog;
  readonly optimize: boolean;
  /** Where the text came from, for error locations. */
  readonly file: string;
}

const QUERY_VIEW = 'query';

/** A single query as a one-view program (what Substrait and the dialect printers take). */
function queryProgram(rel: Rel): Program {
  return { name: QUERY_VIEW, profile: 'default', params: [], inputs: [], views: [{ name: QUERY_VIEW, rel }], outputs: [] };
}

function emit(program: Program, to: TranspileTarget): string | Uint8Array {
  switch (to) {
    case 'duckdb':
    case 'sqlite':
    case 'postgres':
      return program.views.map((v) => `${lowerView(program, v.name, to).sql};\n`).join('\n');
    case 'ir':
      return `${canonicalJsonPretty(program.views.length === 1 ? program.views[0]!.rel : program.views)}\n`;
    case 'plan':
      return program.views.map((v) => `-- ${v.name}\n${planText(v.rel, { schema: true })}\n`).join('\n');
    case 'substrait':
      return encodePlanBinary(toSubstraitPlan(program, { views: program.views.map((v) => v.name) }));
    case 'substrait-json':
      return encodePlanJson(toSubstraitPlan(program, { views: program.views.map((v) => v.name) }));
  }
}

export async function transpileText(input: Uint8Array, opts: TranspileOptions): Promise<string | Uint8Array> {
  if (opts.from === 'substrait') {
    const text = Buffer.from(input).toString('utf8').trimStart();
    const decoded = decodeSubstrait(text.startsWith('{') ? text : input);
    const program = opts.optimize ? optimizeProgram(decoded, {}).program : decoded;
    return emit(program, opts.to);
  }
  const sql = Buffer.from(input).toString('utf8');
  if (sql.trim() === '') throw new RelcError('SQL_PARSE_ERROR', 'no SQL given: pass it as an argument, with -f FILE, or on stdin');
  const written = parseSelect(sql, { dialect: opts.from, catalog: opts.catalog, origin: { file: opts.file, line: 1, col: 1 } });
  const rel = opts.optimize ? optimizeRel(written, { view: QUERY_VIEW }).rel : written;
  return emit(queryProgram(rel), opts.to);
}
