// Renders a RelcError the way compilers do: `file:line:col: error[CODE]: message`, then the
// source line with a caret under the column.

import { readFileSync } from 'node:fs';
import type { RelcError } from '../ir/index.ts';

function excerpt(file: string, line: number, col: number, source?: string): string {
  let text = source;
  if (text === undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  }
  const lineText = text.split(/\r?\n/)[line - 1];
  if (lineText === undefined) return '';
  const gutter = String(line).length;
  const pad = ' '.repeat(gutter);
  return `\n${pad} |\n${line} | ${lineText}\n${pad} | ${' '.repeat(Math.max(0, col - 1))}^`;
}

export function renderError(e: RelcError, source?: string): string {
  const loc = e.location;
  const head = loc ? `${loc.file}:${loc.line}:${loc.col}: ` : '';
  const body = `${head}error[${e.code}]: ${e.message}`;
  return loc ? body + excerpt(loc.file, loc.line, loc.col, source) : body;
}

export function renderWarning(w: { code: string; message: string; location?: { file: string; line: number; col: number } }): string {
  const loc = w.location;
  return `${loc ? `${loc.file}:${loc.line}:${loc.col}: ` : ''}warning[${w.code}]: ${w.message}`;
}
