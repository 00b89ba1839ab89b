// Source dialects as data: how each one spells identifiers, strings and a few operators, and
// which function and type names it uses for relc's. No parser code branches on a dialect name.

export type SourceDialect = 'postgres' | 'duckdb' | 'sqlite' | 'mysql' | 'bigquery';
export const SOURCE_DIALECTS: readonly SourceDialect[] = ['postgres', 'duckdb', 'sqlite', 'mysql', 'bigquery'];

export interface SourceDialectDef {
  readonly name: SourceDialect;
  /** Characters that open a quoted identifier, with the character that closes it. */
  readonly identQuotes: Readonly<Record<string, string>>;
  /** Characters that open a string literal (a doubled quote inside is one quote). */
  readonly stringQuotes: readonly string[];
  /** Backslash escapes inside strings (MySQL, BigQuery). */
  readonly backslashEscapes: boolean;
  /** `||` means logical OR (MySQL without PIPES_AS_CONCAT). */
  readonly pipesAreOr: boolean;
  /** `LIMIT offset, count` (MySQL, SQLite). */
  readonly limitComma: boolean;
  /** Function names of this dialect that mean another name relc knows (lowercase → lowercase). */
  readonly functionAliases: Readonly<Record<string, string>>;
}

const base = {
  identQuotes: { '"': '"' },
  stringQuotes: ["'"],
  backslashEscapes: false,
  pipesAreOr: false,
  limitComma: false,
  functionAliases: {},
} as const;

export const SOURCE_DIALECT_DEFS: Readonly<Record<SourceDialect, SourceDialectDef>> = {
  postgres: { ...base, name: 'postgres' },
  duckdb: { ...base, name: 'duckdb', functionAliases: { ifnull: 'coalesce', strlen: 'length' } },
  // SQLite also accepts MySQL and SQL Server identifier quotes.
  sqlite: { ...base, name: 'sqlite', identQuotes: { '"': '"', '`': '`', '[': ']' }, limitComma: true, functionAliases: { ifnull: 'coalesce' } },
  mysql: {
    ...base,
    name: 'mysql',
    identQuotes: { '`': '`' },
    stringQuotes: ["'", '"'],
    backslashEscapes: true,
    pipesAreOr: true,
    limitComma: true,
    functionAliases: { ifnull: 'coalesce', char_length: 'length' },
  },
  bigquery: {
    ...base,
    name: 'bigquery',
    identQuotes: { '`': '`' },
    stringQuotes: ["'", '"'],
    backslashEscapes: true,
    functionAliases: { ifnull: 'coalesce' },
  },
};

export function isSourceDialect(s: string): s is SourceDialect {
  return (SOURCE_DIALECTS as readonly string[]).includes(s);
}
