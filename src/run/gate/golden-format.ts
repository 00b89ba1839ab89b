// The golden case file: `# key: value` header lines (`# title:` required; other `#` lines are
// kept as comments), then sections that
// each open with a `---- <name>` line. Parsing and rendering are exact inverses for files that
// `relc golden update` wrote, so an up-to-date corpus is a byte-for-byte fixed point.

import { RelcError, type SourceLocation } from '../../ir/index.ts';

export interface GoldenSection {
  readonly name: string;
  /** The section text without its trailing newlines. */
  readonly body: string;
  /** 1-based line of the first body line in the case file. */
  readonly line: number;
}

export interface GoldenFile {
  /** The `#` lines before the first section, as written (blank lines dropped). */
  readonly header: readonly string[];
  readonly sections: readonly GoldenSection[];
}

const SECTION_LINE = /^---- ([a-z][a-z0-9._-]*)\s*$/;
const HEADER_LINE = /^# ([a-z][a-z0-9_-]*):(?: (.*))?$/;

/** Parses a case file. A missing `# title:` or a repeated section is SPEC_BAD_VALUE at its line. */
export function parseGoldenFile(text: string, file: string): GoldenFile {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const header: string[] = [];
  const sections: GoldenSection[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (SECTION_LINE.test(line)) break;
    if (line.startsWith('#')) header.push(line.trimEnd());
    else if (line.trim() !== '') {
      throw new RelcError('SPEC_BAD_VALUE', `a golden case starts with '# key: value' header lines, then '---- <section>' lines; found '${line}'`, { location: { file, line: i + 1, col: 1 } });
    }
  }
  if (headerValue({ header }, 'title') === undefined) {
    throw new RelcError('SPEC_MISSING_FIELD', "a golden case needs a '# title: …' header line", { location: { file, line: 1, col: 1 } });
  }
  let current: { name: string; start: number; lines: string[] } | undefined;
  const close = () => {
    if (!current) return;
    while (current.lines.length > 0 && current.lines[current.lines.length - 1]!.trim() === '') current.lines.pop();
    sections.push({ name: current.name, body: current.lines.join('\n'), line: current.start });
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const s = SECTION_LINE.exec(line);
    if (s) {
      close();
      if (sections.some((x) => x.name === s[1])) {
        throw new RelcError('DUPLICATE_NAME', `section '${s[1]}' appears twice`, { location: { file, line: i + 1, col: 6 } });
      }
      current = { name: s[1]!, start: i + 2, lines: [] };
    } else current!.lines.push(line);
  }
  close();
  return { header, sections };
}

/** The value of a header field, or undefined. */
export function headerValue(g: Pick<GoldenFile, 'header'>, key: string): string | undefined {
  for (const line of g.header) {
    const h = HEADER_LINE.exec(line);
    if (h && h[1] === key) return (h[2] ?? '').trim();
  }
  return undefined;
}

export function section(g: GoldenFile, name: string): GoldenSection | undefined {
  return g.sections.find((s) => s.name === name);
}

/** The canonical text of a case: header lines, a blank line, sections separated by blank lines. */
export function renderGoldenFile(g: Pick<GoldenFile, 'header'> & { sections: readonly Pick<GoldenSection, 'name' | 'body'>[] }): string {
  const head = g.header.join('\n');
  const body = g.sections.map((s) => `---- ${s.name}\n${s.body === '' ? '' : `${s.body}\n`}`).join('\n');
  return `${head}\n\n${body}`;
}

/** Rejects section text that would read back as a section boundary. */
export function checkSectionBody(name: string, body: string, file: string): void {
  const bad = body.split('\n').findIndex((l) => SECTION_LINE.test(l));
  if (bad >= 0) {
    throw new RelcError('INTERNAL', `section ${name} of ${file} would contain a '---- ' boundary line at its line ${bad + 1}`);
  }
}

function locationText(loc: SourceLocation | undefined): string {
  return loc ? `${loc.file}:${loc.line}:${loc.col}: ` : '';
}

/** An error as the `error` section records it: one headline, paths relative to the corpus. */
export function errorText(e: RelcError): string {
  return `${locationText(e.location)}error[${e.code}]: ${e.message}`;
}
