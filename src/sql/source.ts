// SQL source text with its place in a file: turns character offsets into file:line:col
// (the `origin` rule of CONTRACTS.md) and builds located RelcErrors.

import { RelcError, type ErrorCode, type SourceLocation } from '../ir/index.ts';

/** Half-open character range [start, end) in the SQL text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export const DEFAULT_FILE = '<sql>';

export class SqlSource {
  readonly text: string;
  readonly origin: SourceLocation;
  private lineStarts: number[] | undefined;

  constructor(text: string, origin?: SourceLocation) {
    this.text = text;
    this.origin = origin ?? { file: DEFAULT_FILE, line: 1, col: 1 };
  }

  /** Where offset `offset` of the text sits in its file. */
  locate(offset: number): SourceLocation {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineInText = lo + 1;
    const colInText = offset - starts[lo]! + 1;
    return {
      file: this.origin.file,
      line: this.origin.line + lineInText - 1,
      col: lineInText === 1 ? this.origin.col + colInText - 1 : colInText,
    };
  }

  error(code: ErrorCode, message: string, span: Span | undefined, details?: Record<string, unknown>): RelcError {
    return new RelcError(code, message, {
      ...(details ? { details } : {}),
      ...(span ? { location: this.locate(span.start) } : {}),
    });
  }

  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
