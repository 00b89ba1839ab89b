// The parser's token cursor: lookahead, keyword tests, identifiers and located syntax errors.

import { nearestName } from '../ir/index.ts';
import type { Ident } from './ast.ts';
import type { SourceDialectDef } from './dialects.ts';
import { tokenize, type Token } from './lexer.ts';
import type { Span, SqlSource } from './source.ts';

/**
 * Words that cannot be a bare column name or alias (they start or end clauses). Any other word,
 * keyword or not (`date`, `year`, `value`, `filter`), is usable as an identifier.
 */
const RESERVED = new Set([
  'ALL', 'AND', 'ANY', 'AS', 'ASC', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CROSS', 'DESC', 'DISTINCT', 'ELSE', 'END',
  'EXCEPT', 'EXISTS', 'FALSE', 'FETCH', 'FOR', 'FROM', 'FULL', 'GROUP', 'HAVING', 'ILIKE', 'IN', 'INNER', 'INTERSECT',
  'INTO', 'IS', 'ISNULL', 'JOIN', 'LATERAL', 'LEFT', 'LIKE', 'LIMIT', 'NATURAL', 'NOT', 'NOTNULL', 'NULL', 'OFFSET',
  'ON', 'OR', 'ORDER', 'OUTER', 'QUALIFY', 'RIGHT', 'SELECT', 'SIMILAR', 'SOME', 'THEN', 'TRUE', 'UNION', 'USING',
  'VALUES', 'WHEN', 'WHERE', 'WINDOW', 'WITH',
]);

export function isReserved(upper: string): boolean {
  return RESERVED.has(upper);
}

/** How deep expressions and queries may nest, in the parser and in the tree it builds. */
export const MAX_NESTING = 1000;

/** Keywords that start a clause of a query. */
const CLAUSE_KEYWORDS = ['SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'WINDOW', 'QUALIFY', 'ORDER', 'LIMIT', 'OFFSET', 'JOIN', 'UNION', 'EXCEPT', 'INTERSECT'];

export class Cursor {
  readonly src: SqlSource;
  readonly dialect: SourceDialectDef;
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;

  constructor(src: SqlSource, dialect: SourceDialectDef) {
    this.src = src;
    this.dialect = dialect;
    this.tokens = tokenize(src, dialect);
  }

  /**
   * Enters one level of the recursive descent (an expression or a query); past
   * MAX_NESTING levels the text is NESTING_LIMIT at the current token, not a stack overflow.
   */
  enter(weight = 1): void {
    this.depth += weight;
    if (this.depth > MAX_NESTING) {
      const t = this.peek();
      this.depth = 0;
      throw this.src.error('NESTING_LIMIT', `expressions and subqueries nest too deeply here: relc's limit is ${MAX_NESTING} levels (a subquery counts as 4)`, { start: t.start, end: t.end }, { limit: MAX_NESTING });
    }
  }

  leave(weight = 1): void {
    this.depth -= weight;
  }

  /** The position, to come back to with `reset` (a parse that must look past a parenthesis). */
  get mark(): number {
    return this.pos;
  }

  reset(mark: number): void {
    this.pos = mark;
  }

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  /** End offset of the last consumed token. */
  get lastEnd(): number {
    return this.pos === 0 ? 0 : this.tokens[this.pos - 1]!.end;
  }

  spanFrom(start: number): Span {
    return { start, end: Math.max(start, this.lastEnd) };
  }

  isWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'word' && t.upper === word;
  }

  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.value === op;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.next();
    return true;
  }

  /** Accepts a sequence of words only when all of them follow. */
  acceptWords(...words: string[]): boolean {
    if (!words.every((w, i) => this.isWord(w, i))) return false;
    for (const _ of words) this.next();
    return true;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }

  expectWord(word: string): Token {
    if (!this.isWord(word)) this.fail(word);
    return this.next();
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) this.fail(`'${op}'`);
    return this.next();
  }

  isReservedHere(): boolean {
    const t = this.peek();
    return t.kind === 'word' && RESERVED.has(t.upper);
  }

  /** Whether the next token can be an identifier (a non-reserved word or a quoted name). */
  atIdent(ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'quoted' || (t.kind === 'word' && !RESERVED.has(t.upper));
  }

  ident(what = 'an identifier'): Ident {
    if (!this.atIdent()) this.fail(what);
    const t = this.next();
    return { value: t.value, quoted: t.kind === 'quoted', span: { start: t.start, end: t.end } };
  }

  /** A name before '.', where even reserved words are unambiguous (`left.id`). */
  qualifier(): Ident {
    const t = this.peek();
    if (t.kind !== 'word' && t.kind !== 'quoted') this.fail('a name');
    this.next();
    return { value: t.value, quoted: t.kind === 'quoted', span: { start: t.start, end: t.end } };
  }

  describe(t: Token): string {
    switch (t.kind) {
      case 'eof':
        return 'end of input';
      case 'string':
        return 'a string literal';
      case 'number':
        return `number ${t.value}`;
      case 'param':
        return `parameter :${t.value}`;
      case 'quoted':
        return `identifier "${t.value}"`;
      case 'word':
        return RESERVED.has(t.upper) ? `keyword ${t.upper}` : `'${t.value}'`;
      case 'op':
        return `'${t.value}'`;
    }
  }

  fail(expected: string, t: Token = this.peek()): never {
    // A misspelled keyword (`selct`, `form`, `wher`): the expected or clause keyword it is nearest to.
    // A misspelled clause keyword just before reads as an alias (`from t wher x`, `select a form t`).
    const keywords: string[] = [...(expected.match(/\b[A-Z][A-Z]+\b/g) ?? []), ...CLAUSE_KEYWORDS];
    const prev = t === this.peek() && this.pos > 0 ? this.tokens[this.pos - 1]! : undefined;
    const prevTypo = prev?.kind === 'word' && !RESERVED.has(prev.upper) ? nearestName(prev.upper, CLAUSE_KEYWORDS) : undefined;
    const suggestion = prevTypo ?? (t.kind === 'word' && !keywords.includes(t.upper) ? nearestName(t.upper, keywords) : undefined);
    const hint = prevTypo ? ` (is ${prev!.value} a misspelled ${prevTypo}?)` : suggestion ? ` (did you mean ${suggestion}?)` : '';
    throw this.src.error('SQL_PARSE_ERROR', `expected ${expected}, found ${this.describe(t)}${hint}`, { start: t.start, end: t.end }, { expected, found: this.describe(t), ...(suggestion ? { suggestion } : {}) });
  }

  unsupported(what: string, span: Span): never {
    throw this.src.error('UNSUPPORTED_CONSTRUCT', `${what} is not supported`, span, { construct: what });
  }
}
