// Line diffs in unified format (`--- a` / `+++ b` / `@@ -l,n +l,n @@`), for golden sections and
// `relc diff`. Myers' O((N+M)·D) shortest edit script, so equal inputs cost one pass and small
// edits of long plans stay cheap; the output is a pure function of the two texts.

export type DiffOp = { readonly op: ' ' | '-' | '+'; readonly line: string };

/** Splits text into lines; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The shortest edit script turning `a` into `b`. Ties prefer deletions before insertions, so a
 * replaced line reads `-old` then `+new`, as diff(1) prints it.
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  // v[k + offset] = furthest x reached on diagonal k; one snapshot per edit distance d.
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
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
  if (max === 0) return [];
  // Walk the snapshots backwards from (n, m) to recover the path.
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && vd[k - 1 + offset]! < vd[k + 1 + offset]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[prevK + offset]!;
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
    out.push(`@@ -${range(posA[from]!, countA)} +${range(posB[from]!, countB)} @@`);
    for (const o of slice) out.push(`${o.op}${o.line}`);
    i = j;
  }
  return `${out.join('\n')}\n`;
}

