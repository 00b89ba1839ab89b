// Line diffs in unified format (`--- a` / `+++ b` / `@@ -l,n +l,n @@`), for golden sections and
// `relc diff`. Common first and last lines are set aside, then Myers' O((N+M)·D) shortest edit
// script, so equal inputs cost one pass and small edits of long plans stay cheap; the output is a
// pure function of the two texts.

export type DiffOp = { readonly op: ' ' | '-' | '+'; readonly line: string };

/** Splits text into lines; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Edits past which the middle of a diff is shown as replaced wholesale (every old line removed,
 * every new one added) instead of searched further: the search keeps one row of its frontier per
 * edit, so memory grows with the square of the edits (4,096 edits: ~70 MB).
 */
const MAX_EDITS = 4096;

/**
 * The shortest edit script turning `a` into `b` (up to MAX_EDITS edits between their common
 * first and last lines; past that, the middle replaced). Ties prefer deletions before
 * insertions, so a replaced line reads `-old` then `+new`, as diff(1) prints it.
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (lines: readonly string[]): DiffOp[] => lines.map((line) => ({ op: ' ', line }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle = shortestEdits(midA, midB) ?? [...midA.map((line): DiffOp => ({ op: '-', line })), ...midB.map((line): DiffOp => ({ op: '+', line }))];
  return [...same(a.slice(0, start)), ...middle, ...same(a.slice(endA))];
}

/** Myers' search; null when more than MAX_EDITS edits are needed. */
function shortestEdits(a: readonly string[], b: readonly string[]): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  if (n === 0 || m === 0) return n === 0 ? b.map((line) => ({ op: '+', line })) : a.map((line) => ({ op: '-', line }));
  const offset = max + 1;
  // v[k + offset] = furthest x reached on diagonal k. trace[d] keeps diagonals -d-1 … d+1 of v
  // as they were when edit distance d began (all the backward walk reads).
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    if (d > MAX_EDITS) return null;
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!);
      let x = down ? v[k + 1 + offset]! : v[k - 1 + offset]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + offset] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the snapshots backwards from (n, m) to recover the path.
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const at = (k: number) => vd[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: ' ', line: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (down) ops.push({ op: '+', line: b[y - 1]! });
      else ops.push({ op: '-', line: a[x - 1]! });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/**
 * The heading the change starting at op `at` falls under: a heading the change itself writes
 * (a renamed or retyped view), else the last heading of the new text above it.
 */
function headingOf(ops: readonly DiffOp[], at: number, heading: RegExp): string | undefined {
  for (let i = at; i < ops.length && ops[i]!.op !== ' '; i++) if (ops[i]!.op === '+' && heading.test(ops[i]!.line)) return ops[i]!.line;
  for (let i = at - 1; i >= 0; i--) if (ops[i]!.op !== '-' && heading.test(ops[i]!.line)) return ops[i]!.line;
  return undefined;
}

function range(start: number, count: number): string {
  // diff(1) conventions: an empty range names the line before it; a count of 1 is implied.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

export interface UnifiedDiffOptions {
  readonly fromLabel: string;
  readonly toLabel: string;
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
  /**
   * Lines that head a part of the text (e.g. `== view`): each hunk names, after its `@@ … @@`,
   * the one its first change falls under (as `diff -F` does, but counted from the change rather
   * than from the hunk's first context line), so a reviewer sees where the change is.
   */
  readonly heading?: RegExp;
}

/** A unified diff of two texts, or '' when their lines are equal. Every line ends in '\n'. */
export function unifiedDiff(a: string, b: string, opts: UnifiedDiffOptions): string {
  const ops = diffLines(splitLines(a), splitLines(b));
  if (ops.every((o) => o.op === ' ')) return '';
  const context = opts.context ?? 3;
  const out = [`--- ${opts.fromLabel}`, `+++ ${opts.toLabel}`];
  // Line numbers (1-based) of each op in a and b.
  const posA: number[] = [];
  const posB: number[] = [];
  let la = 1;
  let lb = 1;
  for (const o of ops) {
    posA.push(la);
    posB.push(lb);
    if (o.op !== '+') la++;
    if (o.op !== '-') lb++;
  }
  const changed = ops.map((o, i) => (o.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    // Grow a hunk while the next change is within 2·context unchanged lines of the last one.
    let last = changed[i]!;
    let j = i + 1;
    while (j < changed.length && changed[j]! - last <= 2 * context) last = changed[j++]!;
    const from = Math.max(0, changed[i]! - context);
    const to = Math.min(ops.length - 1, last + context);
    const slice = ops.slice(from, to + 1);
    const countA = slice.filter((o) => o.op !== '+').length;
    const countB = slice.filter((o) => o.op !== '-').length;
    const title = opts.heading ? headingOf(ops, changed[i]!, opts.heading) : undefined;
    out.push(`@@ -${range(posA[from]!, countA)} +${range(posB[from]!, countB)} @@${title === undefined ? '' : ` ${title}`}`);
    for (const o of slice) out.push(`${o.op}${o.line}`);
    i = j;
  }
  return `${out.join('\n')}\n`;
}

