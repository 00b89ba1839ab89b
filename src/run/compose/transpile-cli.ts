// `relc transpile` beyond SQL → SQL (src/run/transpile.ts): Substrait as a source (decoded to a
// program, then lowered) and as a target, and the plan printout.

import { canonicalJsonPretty, planText, RelcError, type Dialect, type Program, type Rel } from '../../ir/index.ts';
import { lowerView } from '../../lower/sql/index.ts';
import type { SubstraitConsumerName } from '../../lower/substrait/index.ts';
import { optimizeProgram } from '../../optimize/index.ts';
import { splitStatements, type Catalog, type SourceDialect, type SqlWarning } from '../../sql/index.ts';
import { standalonePrelude } from './standalone.ts';
import { transpileQuery } from './transpile.ts';

import type { TranspileTarget } from './targets.ts';
export { TRANSPILE_TARGETS, type TranspileTarget } from './targets.ts';

export interface TranspileTextOptions {
  readonly from: SourceDialect | 'substrait';
  readonly to: TranspileTarget;
  readonly catalog: Catalog;
  readonly optimize: boolean;
  /** Where the text came from, for error locations. */
  readonly file: string;
  /** The Substrait consumer profile for substrait targets. */
  readonly consumer?: SubstraitConsumerName;
  readonly strict?: boolean;
  readonly onWarning?: (w: SqlWarning) => void;
  /** SQL targets: prepend the definitions of relc shims the text calls (default true; false: error). */
  readonly prelude?: boolean;
}

/** A single query as a one-view program (what the Substrait producer takes). */
function queryProgram(rel: Rel): Program {
  return { name: 'query', profile: 'default', params: [], inputs: [], views: [{ name: 'query', rel }], outputs: [] };
}

async function emitProgram(program: Program, to: TranspileTarget, consumer: SubstraitConsumerName = 'standard'): Promise<string | Uint8Array> {
  const views = program.views.map((v) => v.name);
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
    case 'substrait-json': {
      const substrait = await import('../../lower/substrait/index.ts'); // protobufjs loads only for Substrait
      const plan = substrait.toSubstraitPlan(program, { views, consumer });
      return to === 'substrait' ? substrait.encodePlanBinary(plan) : substrait.encodePlanJson(plan);
    }
  }
}

export async function transpileText(input: Uint8Array, opts: TranspileTextOptions): Promise<string | Uint8Array> {
  if (opts.from === 'substrait') {
    const text = Buffer.from(input).toString('utf8').trimStart();
    const { decodeSubstrait } = await import('../../substrait/index.ts');
    let decoded: Program;
    try {
      decoded = decodeSubstrait(text.startsWith('{') ? text : input);
    } catch (e) {
      // Like `relc run`: the message names where the plan came from.
      if (e instanceof RelcError && e.code === 'SUBSTRAIT_DECODE_ERROR') throw new RelcError(e.code, `${opts.file}: ${e.message}`, { details: { ...e.details, file: opts.file } });
      throw e;
    }
    return emitProgram(opts.optimize ? optimizeProgram(decoded, {}).program : decoded, opts.to, opts.consumer);
  }
  const from = opts.from;
  const sql = Buffer.from(input).toString('utf8');
  if (sql.trim() === '') throw new RelcError('SQL_PARSE_ERROR', 'no SQL given: pass it as an argument, with -f FILE, or on stdin');
  const origin = { file: opts.file, line: 1, col: 1 };
  const checks = { ...(opts.strict ? { strict: true } : {}), ...(opts.onWarning ? { onWarning: opts.onWarning } : {}) };
  switch (opts.to) {
    case 'duckdb':
    case 'sqlite':
    case 'postgres': {
      // A script of several statements gives one output statement each, in order.
      const statements = splitStatements(sql, from, origin);
      if (statements.length === 0) throw new RelcError('SQL_PARSE_ERROR', 'no SQL statement given (only separators or comments)', { location: origin });
      const texts = statements.map((s) => {
        const t = transpileQuery(s.text, { from, to: opts.to as Dialect, catalog: opts.catalog, optimize: opts.optimize, origin: s.origin, ...checks });
        const bound = t.params.length > 0 ? `-- params: ${t.params.map((n, i) => `${i + 1}=${n}`).join(', ')}\n` : '';
        return `${bound}${t.text};\n`;
      });
      const text = texts.join('\n');
      return `${standalonePrelude(text, opts.to as Dialect, { prelude: opts.prelude ?? true })}${text}`;
    }
    default: {
      const { rel } = transpileQuery(sql, { from: opts.from, to: 'ir', catalog: opts.catalog, optimize: opts.optimize, origin, ...checks });
      return emitProgram(queryProgram(rel), opts.to, opts.consumer);
    }
  }
}
