// PostgreSQL text for corpus queries that PostgreSQL cannot run as written (other source
// dialects without an `oracle:` line, DuckDB-only syntax): the same question in PostgreSQL's words.

export const CORPUS_PG_SQL: Readonly<Record<string, string>> = {
  // QUALIFY is DuckDB syntax: the window in a derived table, filtered outside.
  duckdb_qualify: 'select id, dept_id from (select id, dept_id, row_number() over (partition by dept_id order by id) as rn from emp) t where rn = 1',
  // BigQuery: COUNTIF is count … FILTER, SAFE_DIVIDE a CASE, bare date parts PostgreSQL's units,
  // DATE_DIFF counts boundaries, DIV truncates toward zero, EXTRACT(DAYOFWEEK) counts from 1.
  bigquery_countif_and_safe_divide: 'select dept_id, count(*) filter (where salary > 4000) as rich, count(*) filter (where bonus is null) as nob, sum(case when dept_id = 10 then null else bonus / (dept_id - 10) end) as r, max(cast(null as double precision)) as z from emp group by dept_id',
  bigquery_countif_window: 'select id, count(*) filter (where active) over (order by id) as c from emp',
  bigquery_date_trunc_bare_parts:
    "select id, cast(date_trunc('month', hired) as date) as m, cast(date_trunc('year', hired) as date) as y, cast(date_trunc('quarter', hired) as date) as q, hired - cast(extract(dow from hired) as integer) as w, cast(date_trunc('week', hired) as date) as iw from emp",
  bigquery_date_diff_add_sub:
    "select id, hired - date '2019-01-31' as dd, (extract(year from hired) * 12 + extract(month from hired)) - (2019 * 12 + 1) as dm, (extract(year from hired) * 4 + extract(quarter from hired)) - (2019 * 4 + 1) as dq, extract(year from hired) - 2019 as dy, cast(hired + interval '1 month' as date) as am, cast(hired - interval '10 days' as date) as sd from emp",
  bigquery_div_and_dayofweek: 'select id, big / 7 as q, -3 as n, extract(dow from hired) + 1 as w, bool_and(true) over () as a from emp',
  // MySQL: DAYOFWEEK from 1 on Sunday, WEEKDAY from 0 on Monday, DATEDIFF in days, LOCATE(sub, s), LOG is ln.
  mysql_dayofweek_weekday_datediff: "select id, extract(dow from hired) + 1 as w, (extract(dow from hired) + 6)::int % 7 as wd, hired - date '2019-01-01' as dd, strpos(lower(name), 'a') as p, lower(name) as l, upper(name) as u, ln(id) as lg from emp",
  // DuckDB: date_diff/datediff(part, start, end) counts boundaries; strlen counts bytes.
  duckdb_date_diff_parts_and_strlen:
    "select id, hired - date '2019-01-31' as d, (extract(year from hired) * 12 + extract(month from hired)) - (2019 * 12 + 1) as m, extract(year from hired) - 2019 as y, octet_length(name || 'é') as b from emp",
};
