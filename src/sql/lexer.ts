// The SQL tokenizer: words, quoted identifiers, strings, numbers, `:name` parameters and
// operators, each with its character span. Comments and whitespace are skipped.

import type { SourceDialectDef } from './dialects.ts';
import type { SqlSource } from './source.ts';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** word: as written; quoted: the identifier unescaped; string: unescaped; number: digits; param: name; op: the operator. */
  readonly value: string;
  /** Upper-cased word (for keyword tests); '' for every other kind. */
  readonly upper: string;
  readonly start: number;
  readonly end: number;
}

// Longest first: the lexer takes the first operator the text starts with.
const OPERATORS = ['<=>', '::', '<<', '>>', '<=', '>=', '<>', '!=', '==', '||', '->>', '->', '//', '(', ')', ',', '.', ';', '+', '-', '*', '/', '%', '=', '<', '>', '^', '[', ']', '|', '&', '~', '!', '@', '#', '?', '{', '}', ':'];

const isIdentStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

export function tokenize(src: SqlSource, dialect: SourceDialectDef): Token[] {
  const text = src.text;
  const out: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, start: number, end: number) =>
    out.push({ kind, value, upper: kind === 'word' ? value.toUpperCase() : '', start, end });

  while (i < text.length) {
    const c = text[i]!;
    // Whitespace and comments.
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i = skipBlockComment(src, i);
      continue;
    }
    const start = i;
    // String literals, including PostgreSQL's E'…' escape strings.
    if ((c === 'E' || c === 'e') && text[i + 1] === "'" && dialect.stringQuotes.includes("'")) {
      const [value, end] = readQuoted(src, i + 1, "'", "'", true);
      push('string', value, start, end);
      i = end;
      continue;
    }
    if (dialect.stringQuotes.includes(c)) {
      const [value, end] = readQuoted(src, i, c, c, dialect.backslashEscapes);
      push('string', value, start, end);
      i = end;
      continue;
    }
    const close = dialect.identQuotes[c];
    if (close !== undefined) {
      const [value, end] = readQuoted(src, i, c, close, false, 'quoted identifier');
      if (value === '') throw src.error('SQL_PARSE_ERROR', 'zero-length quoted identifier', { start, end });
      if (dialect.quotedPaths && value.includes('.')) {
        // BigQuery: `proj.dataset.table` is the path proj.dataset.table, quoted part by part.
        let at = start + 1;
        value.split('.').forEach((part, k) => {
          if (part === '') throw src.error('SQL_PARSE_ERROR', 'empty name in a quoted path', { start, end });
          if (k > 0) push('op', '.', at - 1, at);
          push('quoted', part, at, at + part.length);
          at += part.length + 1;
        });
      } else push('quoted', value, start, end);
      i = end;
      continue;
    }
    if (c === '$' && (text[i + 1] === '$' || isIdentStart(text[i + 1] ?? ''))) {
      const dollar = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
      if (dollar) {
        const tag = dollar[0];
        const endAt = text.indexOf(tag, i + tag.length);
        if (endAt < 0) throw src.error('SQL_PARSE_ERROR', 'unterminated dollar-quoted string', { start, end: start + tag.length });
        push('string', text.slice(i + tag.length, endAt), start, endAt + tag.length);
        i = endAt + tag.length;
        continue;
      }
    }
    if (c === '$' && isDigit(text[i + 1])) {
      let j = i + 1;
      while (isDigit(text[j])) j++;
      push('param', text.slice(i, j), start, j);
      i = j;
      continue;
    }
    // `:name` parameters (but `::` is the cast operator).
    if (c === ':' && text[i + 1] !== ':' && isIdentStart(text[i + 1] ?? '') && text[i - 1] !== ':') {
      let j = i + 1;
      while (j < text.length && isIdentPart(text[j]!)) j++;
      push('param', text.slice(i + 1, j), start, j);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      let j = i;
      while (isDigit(text[j])) j++;
      if (text[j] === '.' && text[j + 1] !== '.') {
        j++;
        while (isDigit(text[j])) j++;
      }
      if ((text[j] === 'e' || text[j] === 'E') && (isDigit(text[j + 1]) || ((text[j + 1] === '+' || text[j + 1] === '-') && isDigit(text[j + 2])))) {
        j += 2;
        while (isDigit(text[j])) j++;
      }
      if (j < text.length && isIdentStart(text[j]!)) {
        throw src.error('SQL_PARSE_ERROR', `trailing junk after numeric literal: ${text.slice(start, j + 1)}`, { start, end: j + 1 });
      }
      push('number', text.slice(start, j), start, j);
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < text.length && isIdentPart(text[j]!)) j++;
      push('word', text.slice(i, j), start, j);
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw src.error('SQL_PARSE_ERROR', `unexpected character ${JSON.stringify(c)}`, { start, end: start + 1 });
    push('op', op, start, start + op.length);
    i += op.length;
  }
  push('eof', '', text.length, text.length);
  return out;
}

function skipBlockComment(src: SqlSource, at: number): number {
  const text = src.text;
  let depth = 0;
  let i = at;
  while (i < text.length) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  throw src.error('SQL_PARSE_ERROR', 'unterminated /* comment', { start: at, end: at + 2 });
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };

/** Reads a quoted run starting at the opening quote; a doubled closing quote is one quote. */
function readQuoted(src: SqlSource, at: number, open: string, close: string, backslash: boolean, what = 'string'): [string, number] {
  const text = src.text;
  let out = '';
  let i = at + open.length;
  while (i < text.length) {
    const c = text[i]!;
    if (backslash && c === '\\' && i + 1 < text.length) {
      const n = text[i + 1]!;
      out += ESCAPES[n] ?? n;
      i += 2;
      continue;
    }
    if (c === close) {
      if (text[i + 1] === close) {
        out += close;
        i += 2;
        continue;
      }
      return [out, i + 1];
    }
    out += c;
    i++;
  }
  throw src.error('SQL_PARSE_ERROR', `unterminated ${what}`, { start: at, end: at + 1 });
}
