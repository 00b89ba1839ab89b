// "Did you mean": the known name nearest to a misspelled one, by edit distance (insertions,
// deletions, substitutions and swaps of neighbouring letters), ignoring case. Near enough means
// no edit in a name of 1 or 2 letters (only case), one up to 4 letters, two up to 8, three
// beyond — a typo, not another word.

/** Optimal-string-alignment distance of two lowercase strings, or Infinity past `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return Infinity;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidate nearest to `name`, when it is near enough to be a typo of it; the first in
 * `candidates` order among equally near ones. Never `name` itself (compared ignoring case
 * only when the spelling differs).
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const want = name.toLowerCase();
  const limit = want.length <= 2 ? 0 : want.length <= 4 ? 1 : want.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = distance(want, c.toLowerCase(), Math.min(limit, bestD));
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** The nearest name as error text (` (did you mean X?)`, or '') and details (`{ suggestion }`, or {}). */
export function suggestion(name: string, candidates: Iterable<string>): { readonly text: string; readonly details: { readonly suggestion?: string } } {
  const near = nearestName(name, candidates);
  return near === undefined ? { text: '', details: {} } : { text: ` (did you mean ${near}?)`, details: { suggestion: near } };
}

/** ` (did you mean X?)` for a message, or '' when no name is near. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  return suggestion(name, candidates).text;
}
