// A LIKE or ILIKE over a literal pattern as SQLite's GLOB, which is case-sensitive and matches
// one character per `?`: the same match as PostgreSQL's LIKE without a registered function.
// `%` → `*`, `_` → `?`, an escaped character and the characters GLOB reads (`*`, `?`, `[`) match
// themselves (`[*]`). A pattern ending in its escape character is PostgreSQL's run-time error:
// no GLOB then. ILIKE lowers both sides, the pattern after its escapes are read (PostgreSQL
// rewrites the escape first), and only for an ASCII pattern — a character outside ASCII then
// matches only `?` or `*` whatever its case; the dialect's ILIKE template lowers the value.

const GLOB_SPECIAL = new Set(['*', '?', '[']);

/** The GLOB pattern matching what LIKE `pattern` matches, or null when there is none. */
export function likeToGlob(pattern: string, escape: string, ilike: boolean): string | null {
  if (ilike && !/^[\x00-\x7f]*$/.test(pattern)) return null;
  const cs = [...pattern];
  let glob = '';
  for (let i = 0; i < cs.length; i++) {
    let c = cs[i]!;
    if (escape !== '' && c === escape) {
      if (i + 1 === cs.length) return null;
      c = cs[++i]!;
    } else if (c === '%') {
      glob += '*';
      continue;
    } else if (c === '_') {
      glob += '?';
      continue;
    }
    if (ilike) c = c.toLowerCase();
    glob += GLOB_SPECIAL.has(c) ? `[${c}]` : c;
  }
  return glob;
}

