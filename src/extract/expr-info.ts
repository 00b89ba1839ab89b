// What the tables say about an expression: its kind, text, leftmost identifier, dotted parts.

import type { FlatTree } from './flat-tree.ts';

/** Longest text kept in *_text columns (UTF-16 units of the source); longer text ends in '…'. */
export const MAX_TEXT = 300;

export interface ExprInfo {
  /** name | attribute | call | subscript | lambda | dict | list | tuple | set | string | number | other */
  readonly kind: string;
  readonly text: string;
  /** The leftmost identifier through attribute objects, call functions and subscript values. */
  readonly head: string | null;
  /** `a.b.c` for a pure chain of identifiers and attributes, else NULL. */
  readonly parts: string | null;
  /** The last attribute name when the expression is an attribute. */
  readonly attr: string | null;
  /**
   * Like `parts`, through calls and subscripts too: a segment `()` for a call, `[]` for a
   * subscript (`a.b(x)[0].c` → `a.b.().[].c`); NULL when the chain does not start at a name.
   */
  readonly path: string | null;
}

const KINDS: Record<string, string> = {
  identifier: 'name', attribute: 'attribute', call: 'call', subscript: 'subscript', lambda: 'lambda',
  dictionary: 'dict', list: 'list', tuple: 'tuple', set: 'set', string: 'string', concatenated_string: 'string',
  integer: 'number', float: 'number', true: 'constant', false: 'constant', none: 'constant',
  list_comprehension: 'comprehension', set_comprehension: 'comprehension', dictionary_comprehension: 'comprehension',
  generator_expression: 'comprehension', await: 'await', parenthesized_expression: 'parenthesized',
};

export function clip(s: string): string {
  return s.length <= MAX_TEXT ? s : `${s.slice(0, MAX_TEXT)}…`;
}

export function textOf(t: FlatTree, src: string, i: number): string {
  return src.slice(t.start[i]!, t.end[i]!);
}

/** The child of `i` under field `name`, or -1. */
export function fieldChild(t: FlatTree, i: number, name: string): number {
  for (let c = t.firstChild[i]!; c >= 0; c = t.nextSibling[c]!) if (t.field[c] === name) return c;
  return -1;
}

/** The named children of `i` (comments excluded). */
export function namedChildren(t: FlatTree, i: number): number[] {
  const out: number[] = [];
  for (let c = t.firstChild[i]!; c >= 0; c = t.nextSibling[c]!) if (t.named[c] && t.type[c] !== 'comment') out.push(c);
  return out;
}

export function exprInfo(t: FlatTree, src: string, i: number): ExprInfo {
  const kind = KINDS[t.type[i]!] ?? 'other';
  let head: string | null = null;
  for (let j = i; j >= 0; ) {
    const ty = t.type[j];
    if (ty === 'identifier') {
      head = textOf(t, src, j);
      break;
    }
    if (ty === 'attribute') j = fieldChild(t, j, 'object');
    else if (ty === 'call') j = fieldChild(t, j, 'function');
    else if (ty === 'subscript') j = fieldChild(t, j, 'value');
    else break;
  }
  const chain: string[] = [];
  let pure = true;
  for (let j = i; ; ) {
    const ty = t.type[j];
    if (ty === 'identifier') {
      chain.push(textOf(t, src, j));
      break;
    }
    if (ty !== 'attribute') {
      pure = false;
      break;
    }
    const a = fieldChild(t, j, 'attribute');
    chain.push(a >= 0 ? textOf(t, src, a) : '');
    j = fieldChild(t, j, 'object');
    if (j < 0) {
      pure = false;
      break;
    }
  }
  const attr = t.type[i] === 'attribute' ? chain[0] ?? null : null;
  const parts = pure ? chain.reverse().join('.') : null;
  return { kind, text: clip(textOf(t, src, i)), head, parts, attr, path: parts ?? pathOf(t, src, i) };
}

function pathOf(t: FlatTree, src: string, i: number): string | null {
  const segs: string[] = [];
  for (let j = i; j >= 0; ) {
    const ty = t.type[j];
    if (ty === 'identifier') {
      segs.push(textOf(t, src, j));
      return segs.reverse().join('.');
    }
    if (ty === 'attribute') {
      const a = fieldChild(t, j, 'attribute');
      if (a < 0) return null;
      segs.push(textOf(t, src, a));
      j = fieldChild(t, j, 'object');
    } else if (ty === 'call') {
      segs.push('()');
      j = fieldChild(t, j, 'function');
    } else if (ty === 'subscript') {
      segs.push('[]');
      j = fieldChild(t, j, 'value');
    } else if (ty === 'parenthesized_expression') {
      const inner = namedChildren(t, j);
      j = inner.length === 1 ? inner[0]! : -1;
    } else return null;
  }
  return null;
}
