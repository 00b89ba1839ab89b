// One cursor pass over a tree-sitter tree into flat arrays (type, field, span, links), so the
// extractor works in plain JS without a wasm call per property access.

import type { Tree } from 'web-tree-sitter';

export interface FlatTree {
  readonly count: number;
  readonly type: readonly string[];
  /** The field name under the parent ('' for none). */
  readonly field: readonly string[];
  readonly named: Uint8Array;
  readonly missing: Uint8Array;
  /** UTF-16 indices (as tree-sitter reports them for a JS string). */
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  readonly parent: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
}

/** Flattens `tree` in pre-order; node 0 is the root. */
export function flatten(tree: Tree, typeNames: readonly (string | null)[], fieldNames: readonly (string | null)[], hint: number): FlatTree {
  let cap = Math.max(64, hint);
  let named = new Uint8Array(cap), missing = new Uint8Array(cap);
  let start = new Uint32Array(cap), end = new Uint32Array(cap);
  let parent = new Int32Array(cap), firstChild = new Int32Array(cap), nextSibling = new Int32Array(cap);
  const type: string[] = [];
  const field: string[] = [];
  const grow = (): void => {
    cap *= 2;
    const g8 = (a: Uint8Array) => { const b = new Uint8Array(cap); b.set(a); return b; };
    const g32 = (a: Uint32Array) => { const b = new Uint32Array(cap); b.set(a); return b; };
    const gi = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    named = g8(named); missing = g8(missing); start = g32(start); end = g32(end);
    parent = gi(parent); firstChild = gi(firstChild); nextSibling = gi(nextSibling);
  };
  const c = tree.walk();
  let n = 0;
  // the last child appended under each open ancestor, to link siblings
  const lastChild: number[] = [];
  const stack: number[] = [];
  for (;;) {
    if (n === cap) grow();
    const i = n++;
    type.push(typeNames[c.nodeTypeId] ?? c.nodeType);
    const f = c.currentFieldId;
    field.push(f ? (fieldNames[f] ?? '') : '');
    named[i] = c.nodeIsNamed ? 1 : 0;
    missing[i] = c.nodeIsMissing ? 1 : 0;
    start[i] = c.startIndex;
    end[i] = c.endIndex;
    firstChild[i] = -1;
    nextSibling[i] = -1;
    const p = stack.length ? stack[stack.length - 1]! : -1;
    parent[i] = p;
    if (p >= 0) {
      const prev = lastChild[stack.length - 1]!;
      if (prev < 0) firstChild[p] = i;
      else nextSibling[prev] = i;
      lastChild[stack.length - 1] = i;
    }
    if (c.gotoFirstChild()) {
      stack.push(i);
      lastChild.push(-1);
      continue;
    }
    while (!c.gotoNextSibling()) {
      if (!c.gotoParent()) {
        c.delete();
        return { count: n, type, field, named, missing, start, end, parent, firstChild, nextSibling };
      }
      stack.pop();
      lastChild.pop();
    }
  }
}
