// Where a TypeScript pack's values are written: a spec path → the builder call that made it
// (recorded from the stack), refined inside the call's text to the field's key and, when the
// author wrote a string literal, to the first character of the string, so that positions inside
// an expression map onto the .ts file the way they do onto YAML.
//
//   .filter('adults', { from: 'people', where: 'score >= :min_score and joined >= :x' })
//   path ['rules', 0, 'where'] → the `where:` key → the literal → col of `s` in "score"

import type { SourceLocation } from '../../ir/index.ts';
import type { PathKey, SpecLocator } from '../source.ts';
import type { PackSites } from './builder.ts';

interface FileText {
  readonly text: string;
  /** Offset of the start of each line. */
  readonly starts: readonly number[];
}

function indexLines(text: string): FileText {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return { text, starts };
}

const offsetOf = (f: FileText, line: number, col: number): number => (f.starts[line - 1] ?? f.text.length) + col - 1;

function positionOf(f: FileText, offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = f.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (f.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - f.starts[lo]! + 1 };
}

/** The site key of a spec path: the part of the pack one builder call made, and the rest of the path. */
function siteKey(path: readonly PathKey[]): { key: string; rest: readonly PathKey[] } {
  const [top, member] = path;
  if ((top === 'params' || top === 'inputs' || top === 'rules' || top === 'outputs') && member !== undefined) {
    return { key: `${top}.${member}`, rest: path.slice(2) };
  }
  return { key: '', rest: path.slice(1) };
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ways a string literal holding `value` may be written, each with the length of its opening quote. */
function literals(value: string): string[] {
  const forms: string[] = [];
  if (!/[\\\n\r]/.test(value)) {
    if (!value.includes("'")) forms.push(`'${value}'`);
    if (!value.includes('"')) forms.push(`"${value}"`);
  }
  if (!/[`\\]|\$\{/.test(value)) forms.push(`\`${value}\``);
  return forms;
}

/**
 * A locator over a pack's call sites. `read` gives a source file's text (undefined: unreadable,
 * then every location is the call itself); `display` turns a site's absolute path into the
 * file name errors show.
 */
export function packLocator(sites: PackSites, read: (file: string) => string | undefined, display: (file: string) => string): SpecLocator {
  const files = new Map<string, FileText | undefined>();
  const fileText = (file: string): FileText | undefined => {
    if (!files.has(file)) {
      const text = read(file);
      files.set(file, text === undefined ? undefined : indexLines(text));
    }
    return files.get(file);
  };
  const root = sites.get('');
  const fallback: SourceLocation = root ?? { file: '', line: 1, col: 1 };

  /** The call's site, the end of its text (the next call in the same file) and the offset of the deepest key of `rest` found in it. */
  function find(path: readonly PathKey[]): { site: SourceLocation; f?: FileText; at?: number; end?: number } {
    const { key, rest } = siteKey(path);
    const site = sites.get(key) ?? fallback;
    const f = fileText(site.file);
    if (!f) return { site };
    const start = offsetOf(f, site.line, site.col);
    const later = [...sites.values()].filter((s) => s.file === site.file).map((s) => offsetOf(f, s.line, s.col)).filter((o) => o > start);
    const end = later.length > 0 ? Math.min(...later) : f.text.length;
    let at = start;
    for (const k of rest) {
      if (typeof k !== 'string') continue;
      const re = new RegExp(`(^|[\\s{,(])(?:${escapeRegExp(k)}|'${escapeRegExp(k)}'|"${escapeRegExp(k)}")\\s*:`, 'g');
      re.lastIndex = at;
      const m = re.exec(f.text);
      if (!m || m.index >= end) break;
      at = m.index + m[1]!.length;
    }
    return { site, f, at, end };
  }

  const located = (site: SourceLocation, f: FileText | undefined, offset: number | undefined): SourceLocation =>
    f && offset !== undefined ? { file: display(site.file), ...positionOf(f, offset) } : { ...site, file: display(site.file) };

  return {
    at: (path) => {
      const { site, f, at } = find(path);
      return located(site, f, at);
    },
    text: (path, value) => {
      const { site, f, at, end } = find(path);
      if (f && at !== undefined && end !== undefined && value !== '') {
        const hits = literals(value).map((l) => f.text.indexOf(l, at)).filter((i) => i >= 0 && i < end);
        if (hits.length > 0) return located(site, f, Math.min(...hits) + 1);
      }
      return located(site, f, at);
    },
  };
}
