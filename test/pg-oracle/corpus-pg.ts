// PostgreSQL text for corpus queries that PostgreSQL cannot run as written (other source
// dialects without an `oracle:` line, DuckDB-only syntax): the same question in PostgreSQL's words.

export const CORPUS_PG_SQL: Readonly<Record<string, string>> = {
  // QUALIFY is DuckDB syntax: the window in a derived table, filtered outside.
  duckdb_qualify: 'select id, dept_id from (select id, dept_id, row_number() over (partition by dept_id order by id) as rn from emp) t where rn = 1',
};
