// A LIKE or ILIKE over a literal pattern as SQLite's GLOB, which is case-sensitive and matches
// one character per `?`: the same match as PostgreSQL's LIKE without a registered function.
// `%` → `*`, `_` → `?`, an escaped character and the characters GLOB reads (`*`, `?`, `[`) match
// themselves (`[*]`). A pattern ending in its escape character is PostgreSQL's run-time error:
// no GLOB then. ILIKE lowers both sides, the pattern after its escapes are read (PostgreSQL
// rewrites the escape first); SQLite's lower() folds ASCII only, so it applies when the
// pattern is ASCII — a character outside ASCII then matches only `?` or `*` whatever its case,
// except the two whose lowercase is ASCII (U+0130 'İ' → 'i', U+212A KELVIN SIGN → 'k'), which
// are replaced first.

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

/** The value side of an ILIKE GLOB: `{0}` lowered as PostgreSQL lowers it where the pattern is ASCII. */
export const ILIKE_GLOB_VALUE = "lower(replace(replace({0}, char(304), 'i'), char(8490), 'k'))";
