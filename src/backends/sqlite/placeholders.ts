// Which placeholder form a SQLite statement uses: numbered `?1`, `?2`… (one value per number,
// bound by better-sqlite3 as an object keyed by the number) or anonymous `?` (one value per
// occurrence, bound positionally). Scans the text outside literals, quoted names and comments.

export function usesNumberedPlaceholders(sql: string): boolean {
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      // A doubled closing quote inside is an escaped quote: skipping to the next close twice
      // lands in the same place as treating the pair as one character.
      i = sql.indexOf(close, i + 1);
      if (i < 0) return false;
    } else if (ch === '-' && sql[i + 1] === '-') {
      i = sql.indexOf('\n', i);
      if (i < 0) return false;
    } else if (ch === '/' && sql[i + 1] === '*') {
      i = sql.indexOf('*/', i + 2);
      if (i < 0) return false;
      i++;
    } else if (ch === '?') {
      const next = sql.charCodeAt(i + 1);
      return next >= 48 && next <= 57;
    }
  }
  return false;
}
