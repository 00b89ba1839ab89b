// Reading a spec file: YAML or JSON text → a document that remembers where every value sits,
// so that every error can name `file:line:col`.

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import { RelcError, type SourceLocation } from '../ir/index.ts';

export type PathKey = string | number;

export interface SpecSource {
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /**
   * Where values are written when the text is not the author's: a TypeScript pack's spec is
   * rendered to JSON text, and its locations are the builder calls in the .ts source.
   */
  readonly locator?: SpecLocator;
}

/** Locations of a spec's values in a source other than its text (a TypeScript pack module). */
export interface SpecLocator {
  /** Where the value at `path` is written. */
  at(path: readonly PathKey[]): SourceLocation;
  /** Where the text of the string `value` at `path` begins, for positions inside it. */
  text(path: readonly PathKey[], value: string): SourceLocation;
}

/** Parses YAML (JSON is YAML too). Syntax errors and duplicate keys → SPEC_PARSE_ERROR. */
export function readSource(text: string, file: string): SpecSource {
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(file);
    throw e;
  }
  const err = doc.errors[0];
  if (err) {
    const pos = lines.linePos(err.pos[0]);
    const first = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new RelcError('SPEC_PARSE_ERROR', first, { location: { file, line: pos.line, col: pos.col }, details: { yaml_code: err.code } });
  }
  return { file, text, doc, lines };
}

/** Nesting too deep for the YAML library's recursion (a RangeError) is a parse error of the file, not a crash. */
function tooDeep(file: string): RelcError {
  return new RelcError('SPEC_PARSE_ERROR', 'the YAML is nested too deeply', { location: { file, line: 1, col: 1 } });
}

/**
 * The document as plain data. Aliases are expanded here, so an alias bomb (more than
 * `maxAliasCount` expansions) or an alias without its anchor is SPEC_PARSE_ERROR at the first
 * alias, never an exception of the YAML library.
 */
export function sourceValue(src: SpecSource): unknown {
  try {
    return src.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(src.file);
    if (e instanceof ReferenceError) {
      let alias: Node | undefined;
      visit(src.doc, { Alias: (_, node) => ((alias = node), visit.BREAK) });
      const at = locationOfOffset(src, alias && isAlias(alias) && alias.range ? alias.range[0] : 0);
      const message = /Excessive alias count/.test(e.message)
        ? 'too many YAML alias expansions (more than 100): the document expands like an alias bomb'
        : e.message.replace(/ \(the anchor must be set before the alias\)/, ': the anchor must be set before the alias');
      throw new RelcError('SPEC_PARSE_ERROR', message, { location: at });
    }
    throw e;
  }
}

function locationOfOffset(src: SpecSource, offset: number): SourceLocation {
  const pos = src.lines.linePos(offset);
  return { file: src.file, line: pos.line, col: pos.col };
}

/** The YAML node at a path of keys and indices (undefined when absent). */
export function nodeAt(src: SpecSource, path: readonly PathKey[]): Node | undefined {
  let node: unknown = src.doc.contents;
  for (const key of path) {
    if (isMap(node)) node = (node.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === String(key))?.value;
    else if (isSeq(node)) node = node.items[Number(key)];
    else return undefined;
  }
  return (node ?? undefined) as Node | undefined;
}

/** The key node of `key` in the map at `path`. */
function keyNodeAt(src: SpecSource, path: readonly PathKey[], key: string): Node | undefined {
  const map = nodeAt(src, path);
  if (!isMap(map)) return undefined;
  const pair = (map.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === key);
  return (pair?.key ?? undefined) as Node | undefined;
}

/** The text of the string scalar at `path`, if that is what is written there. */
export function scalarTextAt(src: SpecSource, path: readonly PathKey[]): string | undefined {
  const node = nodeAt(src, path);
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Where a value sits; falls back to the nearest existing ancestor, then to 1:1. */
export function locate(src: SpecSource, path: readonly PathKey[]): SourceLocation {
  if (src.locator) return src.locator.at(path);
  for (let n = path.length; n >= 0; n--) {
    const node = nodeAt(src, path.slice(0, n));
    if (node?.range) return locationOfOffset(src, node.range[0]);
  }
  return { file: src.file, line: 1, col: 1 };
}

/** Where a key of a map is written (for unknown fields). */
export function locateKey(src: SpecSource, path: readonly PathKey[], key: string): SourceLocation {
  if (src.locator) return src.locator.at([...path, key]);
  const node = keyNodeAt(src, path, key);
  return node?.range ? locationOfOffset(src, node.range[0]) : locate(src, path);
}

/**
 * Where the text of a string value begins — past the opening quote of a quoted scalar, on the
 * next line for a block scalar — so that positions inside an expression map onto the file.
 */
export function locateText(src: SpecSource, path: readonly PathKey[]): SourceLocation {
  if (src.locator) return src.locator.text(path, scalarTextAt(src, path) ?? '');
  const node = nodeAt(src, path);
  if (!isScalar(node) || !node.range) return locate(src, path);
  const start = locationOfOffset(src, node.range[0]);
  switch (node.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE':
      return { ...start, col: start.col + 1 };
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const body = src.text.slice(node.range[0]).split('\n')[1] ?? '';
      const indent = body.length - body.trimStart().length;
      return { file: src.file, line: start.line + 1, col: indent + 1 };
    }
    default:
      return start;
  }
}
