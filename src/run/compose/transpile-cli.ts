// `relc transpile` beyond SQL → SQL (src/run/transpile.ts): Substrait as a source (decoded to a
// program, then lowered) and as a target, and the plan printout.

import { RelcError, type Program, type Rel } from '../../ir/index.ts';
import { paramsComment } from '../../lower/sql/index.ts';
import type { SubstraitConsumerName } from '../../lower/substrait/index.ts';
import { optimizeProgram } from '../../optimize/index.ts';
import { splitStatements, type Catalog, type SourceDialect, type SqlWarning } from '../../sql/index.ts';
import { emit } from './emit.ts';
import { standalonePrelude } from './standalone.ts';
import { targetDef, type TranspileTarget } from './targets.ts';
import { transpileQuery } from './transpile.ts';

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
  /**
   * SQLite target: the consumer registers relc's functions (registerSqliteFunctions(db)), so the
   * text may call them (default false: plain SQLite, else BACKEND_UNSUPPORTED naming the construct;
   * ignored with prelude: false).
   */
  readonly registeredFunctions?: boolean;
}

/** A single query as a one-view program (what the Substrait producer takes). */
function queryProgram(rel: Rel): Program {
  return { name: 'query', profile: 'default', params: [], inputs: [], views: [{ name: 'query', rel }], outputs: [] };
}

const emitOptions = (opts: TranspileTextOptions) => ({ ...(opts.consumer === undefined ? {} : { consumer: opts.consumer }), prelude: opts.prelude ?? true, registeredFunctions: opts.registeredFunctions ?? false });

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
    const program = opts.optimize ? optimizeProgram(decoded, {}).program : decoded;
    return emit(opts.to, { kind: 'query', program }, emitOptions(opts));
  }
  const from = opts.from;
  const sql = Buffer.from(input).toString('utf8');
  if (sql.trim() === '') throw new RelcError('SQL_PARSE_ERROR', 'no SQL given: pass it as an argument, with -f FILE, or on stdin');
  const origin = { file: opts.file, line: 1, col: 1 };
  const checks = { ...(opts.strict ? { strict: true } : {}), ...(opts.onWarning ? { onWarning: opts.onWarning } : {}) };
  const target = targetDef(opts.to);
  switch (target.kind) {
    case 'sql': {
      // A script of several statements gives one output statement each, in order.
      const statements = splitStatements(sql, from, origin);
      if (statements.length === 0) throw new RelcError('SQL_PARSE_ERROR', 'no SQL statement given (only separators or comments)', { location: origin });
      const texts = statements.map((s) => {
        const plainSqlite = !(opts.registeredFunctions && opts.prelude !== false);
        const t = transpileQuery(s.text, { from, to: target.dialect!, catalog: opts.catalog, optimize: opts.optimize, origin: s.origin, plainSqlite, ...checks });
        const bound = paramsComment(t.params);
        return `${bound && `${bound}\n`}${t.text};\n`;
      });
      const text = texts.join('\n');
      return `${standalonePrelude(text, target.dialect!, { prelude: opts.prelude ?? true })}${text}`;
    }
    default: {
      const { rel } = transpileQuery(sql, { from: opts.from, to: 'ir', catalog: opts.catalog, optimize: opts.optimize, origin, ...checks });
      return emit(opts.to, { kind: 'query', program: queryProgram(rel) }, emitOptions(opts));
    }
  }
}
