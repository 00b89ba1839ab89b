// Splits a script into its statements at top-level `;` tokens (the dialect's own lexer, so a
// `;` inside a string, a quoted name or a comment never splits), keeping where each starts.
import type { SourceLocation } from '../ir/index.ts';
import { SOURCE_DIALECT_DEFS, type SourceDialect } from './dialects.ts';
import { tokenize } from './lexer.ts';
import { SqlSource } from './source.ts';

export interface Statement {
  /** The statement's text, without its `;`. */
  readonly text: string;
  /** Where the text starts, for error locations. */
  readonly origin: SourceLocation;
}

/** The non-empty statements of `script`, in order. */
export function splitStatements(script: string, dialect: SourceDialect, origin?: SourceLocation): Statement[] {
  const src = new SqlSource(script, origin);
  const out: Statement[] = [];
  let start: number | undefined;
  const flush = (end: number) => {
    if (start !== undefined) out.push({ text: script.slice(start, end), origin: src.locate(start) });
    start = undefined;
  };
  for (const t of tokenize(src, SOURCE_DIALECT_DEFS[dialect])) {
    if (t.kind === 'eof') break;
    if (t.kind === 'op' && t.value === ';') flush(t.start);
    else start ??= t.start;
  }
  flush(script.length);
  return out;
}
