// One emitter per target kind (targets.ts). `relc compile` hands it a rule pack's prepared
// program (views with their signatures, one view or all); `relc transpile` a single query's or a
// decoded plan's program. compile.ts loads only for a pack: it brings the spec front end (yaml,
// zod, hash-wasm), which a transpile never needs.

import { canonicalJsonPretty, planText, type Program } from '../../ir/index.ts';
import { lowerView, SQLITE_STANDALONE } from '../../lower/sql/index.ts';
import type { SubstraitConsumerName } from '../../lower/substrait/index.ts';
import type { PreparedProgram } from './compile.ts';
import { refuseShimCalls, standalonePrelude } from './standalone.ts';
import { targetDef, type Target, type TargetDef, type TargetKind } from './targets.ts';

/** What is emitted: a rule pack's views (with signatures) or a program of queries. */
export type EmitSource = { readonly kind: 'pack'; readonly prepared: PreparedProgram; readonly view?: string } | { readonly kind: 'query'; readonly program: Program };

export interface EmitOptions {
  readonly consumer?: SubstraitConsumerName;
  /** SQL: prepend the definitions of the relc shims the text calls (default true; false: an error naming them). */
  readonly prelude?: boolean;
  /** A query's SQLite text may call relc's functions, which the consumer registers (transpile.ts TranspileOptions). */
  readonly registeredFunctions?: boolean;
}

type Emitter = (source: EmitSource, def: TargetDef, opts: EmitOptions) => Promise<string | Uint8Array>;

const programOf = (source: EmitSource): Program => (source.kind === 'pack' ? source.prepared.program : source.program);

const packEmitters = () => import('./compile.ts');

/** The views emitted, in program order. */
async function viewNames(source: EmitSource): Promise<string[]> {
  return source.kind === 'pack' ? (await packEmitters()).selectViews(source.prepared, source.view) : source.program.views.map((v) => v.name);
}

const EMITTERS: Readonly<Record<TargetKind, Emitter>> = {
  // Pack views get `-- relc view=… signature=…` headers; the text runs on a stock engine.
  sql: async (source, def, opts) => {
    const dialect = def.dialect!;
    if (source.kind === 'query') {
      // A transpiled plan's SQLite text is plain SQLite unless the consumer registers relc's functions.
      const standalone = dialect === 'sqlite' && !(opts.registeredFunctions && opts.prelude !== false);
      const text = source.program.views.map((v) => `${lowerView(source.program, v.name, standalone ? SQLITE_STANDALONE : dialect).sql};\n`).join('\n');
      if (standalone) refuseShimCalls(text, dialect);
      return `${standalonePrelude(text, dialect, { prelude: opts.prelude ?? true })}${text}`;
    }
    const text = (await packEmitters()).compileSql(source.prepared, dialect, source.view);
    return `${standalonePrelude(text, dialect, { prelude: opts.prelude ?? true })}${text}`;
  },
  ir: async (source) => {
    if (source.kind === 'pack') return (await packEmitters()).compileIr(source.prepared, source.view);
    const views = source.program.views;
    return `${canonicalJsonPretty(views.length === 1 ? views[0]!.rel : views)}\n`;
  },
  plan: async (source) => {
    const program = programOf(source);
    const names = new Set(await viewNames(source));
    return program.views.filter((v) => names.has(v.name)).map((v) => `-- ${v.name}\n${planText(v.rel, { schema: true })}\n`).join('\n');
  },
  substrait: async (source, def, opts) => {
    const encoding = def.encoding!;
    const consumer = opts.consumer ?? 'standard';
    if (source.kind === 'pack') return (await import('./substrait.ts')).compileSubstrait(source.prepared, encoding, source.view, consumer);
    const substrait = await import('../../lower/substrait/index.ts'); // protobufjs loads only for Substrait
    const plan = substrait.toSubstraitPlan(source.program, { views: await viewNames(source), consumer });
    return encoding === 'binary' ? substrait.encodePlanBinary(plan) : substrait.encodePlanJson(plan);
  },
};

/** The text (or Substrait bytes) of `target` for `source`. */
export function emit(target: Target, source: EmitSource, opts: EmitOptions = {}): Promise<string | Uint8Array> {
  const def = targetDef(target);
  return EMITTERS[def.kind](source, def, opts);
}
