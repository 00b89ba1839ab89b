// Text → boolean as PostgreSQL's boolin reads it: after trimming ASCII white space, any prefix
// of 'true'/'yes', 'on', '1' is true; of 'false'/'no', 'of'/'off', '0' is false (case-
// insensitive); anything else is an error. The one definition: the SQL front end folds literals
// with it, the SQLite shim calls it, and the DuckDB macro is generated from its word lists.

export const BOOL_TRUE_WORDS: readonly string[] = ['t', 'tr', 'tru', 'true', 'y', 'ye', 'yes', 'on', '1'];
export const BOOL_FALSE_WORDS: readonly string[] = ['f', 'fa', 'fal', 'fals', 'false', 'n', 'no', 'of', 'off', '0'];

/** The characters boolin trims (C's isspace): space, \t, \n, \v, \f, \r. */
export const BOOL_TEXT_SPACE: readonly string[] = [' ', '\t', '\n', '\v', '\f', '\r'];

const SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;

/** The boolean `text` spells, or undefined when it spells none. */
export function parseBoolText(text: string): boolean | undefined {
  const word = text.replace(SPACE, '').replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (BOOL_TRUE_WORDS.includes(word)) return true;
  if (BOOL_FALSE_WORDS.includes(word)) return false;
  return undefined;
}
