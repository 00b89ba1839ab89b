-- Construct corpus: each query runs transpiled on DuckDB and SQLite and must equal the original
-- on DuckDB (with PostgreSQL's integer division and NULL order). Directives before a query:
-- `ordered` (its ORDER BY is total: compare in order), `dialect: <source>`, `oracle: <sql>`
-- (what DuckDB runs instead, for syntax DuckDB does not read), `known-gap: <target> <CODE> <text>`
-- (the target fails today with that error; the test pins it so that a fix shows as a diff).

-- name: select_star
select * from dept;

-- name: select_qualified_star_and_alias
select d.*, d.id * 2 as twice from dept as d;

-- name: where_precedence_and_or_not
select id from emp where not active and salary > 1000 or dept_id = 30;

-- name: in_list_and_not_in_list_with_null
select id, dept_id in (10, 20) as in_list, dept_id not in (10, null) as not_in_null from emp;

-- name: between_and_not_between
-- ordered
select id from emp where salary between 3900 and 5000 and id not between 4 and 5 order by id;

-- name: like_is_case_sensitive_ilike_is_not
-- ordered
select id, name like 'e%' as l, name ilike 'e%' as il, name not like '%a%' as nl from emp order by id;

-- name: like_escape
select id from emp where name like 'frank!%' escape '!';

-- name: is_null_and_is_not_null
select count(*) filter (where salary is null) as no_salary, count(*) filter (where hired is not null) as hired from emp;

-- name: is_distinct_from
select a.id, b.id from emp a join emp b on a.manager_id is not distinct from b.manager_id and a.id < b.id;

-- name: is_true_false
select id, active is true as t, (salary > 4000) is not false as nf from emp;

-- name: inner_join_on
-- ordered
select e.name, d.name as dept from emp e join dept d on e.dept_id = d.id order by e.id;

-- name: left_join_keeps_unmatched
-- ordered
select e.id, d.name from emp e left join dept d on e.dept_id = d.id order by e.id;

-- name: right_join
select e.id, d.name from emp e right join dept d on e.dept_id = d.id;

-- name: full_join
select e.id, d.id from emp e full outer join dept d on e.dept_id = d.id;

-- name: cross_join_count
select count(*) from emp cross join dept;

-- name: comma_join_with_where
select e.name, d.region from emp e, dept d where e.dept_id = d.id and d.region = 'EU';

-- name: join_using
select dept_id, e.name, d.name from emp e join (select id as dept_id, name, region from dept) d using (dept_id) join (select 10 as id) x on true where e.id = x.id or e.id > 5;

-- name: join_using_star_order
select * from (select id, name from dept) a join (select id, region from dept) b using (id);

-- name: full_join_using_merges_keys
select id, a.x, b.y from (select id, name as x from dept where id < 40) a full join (select dept_id as id, name as y from emp where dept_id is not null) b using (id);

-- name: natural_join
select * from (select id, name from dept) a natural join (select id, budget from dept) b;

-- name: natural_left_join
select * from (select dept_id, name from emp) e natural left join (select id as dept_id, region from dept) d;

-- name: self_join_aliases
select e.name, m.name as manager from emp e left join emp m on e.manager_id = m.id;

-- name: three_way_join
select e.name, d.name, m.name from emp e join dept d on e.dept_id = d.id join emp m on m.id = e.manager_id;

-- name: group_by_having
-- ordered
select dept_id, count(*) as n, sum(salary) as total from emp group by dept_id having count(*) > 1 order by dept_id;

-- name: group_by_position_and_alias
select dept_id as d, active, count(*) from emp group by 1, active;

-- name: group_by_output_alias
select coalesce(dept_id, 0) as dep, count(*) from emp group by dep;

-- name: group_by_expression
select extract(year from hired) as y, count(*) from emp group by extract(year from hired);

-- name: aggregates_ignore_nulls
select count(*), count(salary), count(distinct salary), sum(salary), avg(salary), min(salary), max(salary) from emp;

-- name: min_max_on_text_and_dates
select min(name), max(name), min(hired), max(hired) from emp;

-- name: aggregate_filter
select dept_id, sum(salary) filter (where active) as active_pay, count(*) filter (where bonus > 0) as with_bonus from emp group by dept_id;

-- name: sum_distinct_and_avg_distinct
select sum(distinct salary), avg(distinct salary), count(distinct dept_id) from emp;

-- name: aggregate_over_empty_input
select count(*), sum(salary), max(name) from emp where id < 0;

-- name: sum_int64_overflows_to_decimal
select sum(big) from emp;

-- name: order_by_alias_position_expression
-- ordered
select name as who, salary from emp order by salary desc, 1;

-- name: order_by_hidden_expression
-- ordered
select name from emp order by coalesce(bonus, 0) desc, id;

-- name: order_by_desc_puts_nulls_first
-- ordered
select id, salary from emp order by salary desc, id;

-- name: order_by_explicit_nulls
-- ordered
select id, bonus from emp order by bonus asc nulls first, id desc nulls last;

-- name: limit_offset
-- ordered
select id from emp order by id limit 3 offset 2;

-- name: offset_only
-- ordered
select id from emp order by id offset 8;

-- name: distinct
select distinct dept_id from emp;

-- name: distinct_on
-- ordered
select distinct on (dept_id) dept_id, name, salary from emp order by dept_id, salary desc nulls last, id;

-- name: searched_and_simple_case
select id, case when salary > 5000 then 'high' when salary > 0 then 'mid' else 'none' end as band, case dept_id when 10 then 'eng' when 20 then 'sales' end as dept from emp;

-- name: coalesce_nullif
select id, coalesce(salary, bonus, 0) as pay, nullif(dept_id, 10) as not_eng from emp;

-- name: cast_and_double_colon
select id, cast(salary as integer) as si, bonus::decimal(6, 2) as b, cast(id as text) || '!' as t, cast('2020-01-02' as date) as d from emp;

-- name: integer_division_truncates
select id, id / 3 as q, -id / 3 as nq, id % 3 as r, -id % 3 as nr, id / 2.0 as f from emp;

-- name: decimal_and_float_arithmetic
select id, salary * 1.1 as raised, salary / 3 as third, bonus * 2 + 1 as b2, salary - 100.25 as less from emp;

-- name: math_functions
select id, abs(salary) as a, round(salary, 1) as r, floor(bonus) as f, ceil(bonus) as c from emp;

-- name: string_functions
select id, upper(name) as u, lower(name) as l, length(name) as n, substring(name from 2 for 3) as s, substr(name, 2) as s2, replace(name, 'a', 'A') as r from emp;

-- name: trim_and_position
select id, trim(both 'x' from 'xx' || name || 'xx') as t, position('a' in name) as p, ltrim('  ' || name) as l from emp;

-- name: concat_null_semantics
select id, name || coalesce(cast(dept_id as varchar), '-') as a, name || cast(dept_id as varchar) as b, concat(name, dept_id) as c from emp;

-- name: date_literals_and_arithmetic
select id, hired + 30 as later, hired - date '2019-01-01' as days, hired >= date '2020-01-01' - interval '1 year' as recent from emp;

-- name: date_plus_interval_is_timestamp
select id, hired + interval '1 month' as next_month, hired - interval '2' day as before from emp where hired is not null;

-- name: interval_month_end_clamping
select date '2020-01-31' + interval '1' month as a, date '2019-01-31' + interval '1 month' as b, date '2020-02-29' + interval '1 year' as c;

-- name: extract_parts
select id, extract(year from hired) as y, extract(month from hired) as m, extract(day from hired) as d, date_part('quarter', hired) as q, extract(dow from hired) as dow from emp;

-- name: timestamp_literal_compare
select id from emp where hired < timestamp '2019-03-01 00:00:00';

-- name: window_row_number_rank
-- ordered
select id, dept_id, salary, row_number() over (partition by dept_id order by salary desc nulls last, id) as rn, rank() over (order by salary) as r, dense_rank() over (order by salary) as dr from emp order by id;

-- name: window_running_sum_rows_frame
-- ordered
select id, sum(salary) over (order by id rows between unbounded preceding and current row) as running, avg(bonus) over (order by id rows between 1 preceding and 1 following) as smooth from emp order by id;

-- name: window_partition_aggregate
-- ordered
select id, dept_id, salary, sum(salary) over (partition by dept_id) as dept_total, count(*) over () as n from emp order by id;

-- name: window_range_frame_with_peers
-- ordered
select id, salary, count(*) over (order by salary range between unbounded preceding and current row) as le from emp order by id;

-- name: window_lag_lead_default
-- ordered
select id, lag(salary) over (order by id) as prev, lead(id, 2, -1) over (order by id) as next2 from emp order by id;

-- name: window_first_last_ntile
-- ordered
select id, first_value(name) over w as first, last_value(name) over (w rows between unbounded preceding and unbounded following) as last, ntile(3) over (order by id) as bucket from emp window w as (partition by dept_id order by id) order by id;

-- name: window_over_aggregate
-- ordered
select dept_id, sum(salary) as total, rank() over (order by sum(salary) desc nulls last) as r from emp group by dept_id order by dept_id nulls first;

-- name: cte_simple
with rich as (select * from emp where salary > 4000) select name from rich;

-- name: cte_chain_and_reuse
with a as (select dept_id, sum(salary) as s from emp group by dept_id), b as (select max(s) as m from a) select a.dept_id from a, b where a.s = b.m;

-- name: cte_with_column_names
with t (k, v) as (select id, name from dept) select v from t where k > 15;

-- name: union_distinct
select dept_id from emp union select id from dept;

-- name: union_all
select name from dept union all select name from emp where dept_id = 10;

-- name: intersect_and_except
select id from dept intersect select dept_id from emp except select 30;

-- name: setop_order_limit
-- ordered
select id, name from dept union all select id, name from emp order by 1 desc, 2 limit 5;

-- name: setop_type_widening
select id from dept union select cast(big as bigint) from emp where big < 100;

-- name: values_in_from
select v.a, v.b from (values (1, 'x'), (2, 'y'), (3, null)) as v (a, b) where v.a > 1;

-- name: scalar_subquery_uncorrelated
select name, salary - (select avg(salary) from emp) as diff from emp;

-- name: scalar_subquery_correlated
select d.name, (select max(e.salary) from emp e where e.dept_id = d.id) as top from dept d;

-- name: scalar_subquery_correlated_count_is_zero_not_null
select d.name, (select count(*) from emp e where e.dept_id = d.id) as n from dept d;

-- name: in_subquery_and_not_in_subquery
select id from emp where dept_id in (select id from dept where region = 'EU') and id not in (select manager_id from emp where manager_id is not null);

-- name: not_in_subquery_with_null_is_never_true
select count(*) from emp where id not in (select manager_id from emp);

-- name: exists_and_not_exists_correlated
select d.name from dept d where exists (select 1 from emp e where e.dept_id = d.id and e.active) and not exists (select 1 from emp e where e.dept_id = d.id and e.salary > 6000);

-- name: exists_in_select_list
select d.id, exists (select 1 from emp e where e.dept_id = d.id) as has_staff from dept d;

-- name: in_subquery_in_select_list_three_valued
select id, dept_id in (select dept_id from emp where active) as in_active, id in (select manager_id from emp) as is_manager from emp;

-- name: correlated_subquery_non_equality
select e.id from emp e where exists (select 1 from emp o where o.dept_id = e.dept_id and o.salary > e.salary);

-- name: correlated_scalar_aggregate_non_equality
select e.id, (select count(*) from emp x where x.salary > e.salary) as richer, (select max(x.hired) from emp x where x.dept_id = e.dept_id and x.hired < e.hired) as hired_before from emp e;

-- name: correlated_scalar_non_equality_in_where
select e.id from emp e where e.salary > (select avg(x.salary) from emp x where x.dept_id = e.dept_id and x.id <> e.id);

-- name: correlated_scalar_non_equality_nested_expression
select e.id, coalesce((select sum(x.bonus) from emp x where x.id < e.id and x.active), -1) + 1 as before_bonus, (select count(distinct x.dept_id) from emp x where x.big > e.big or x.id = e.manager_id) as c from emp e;

-- name: any_all_subquery
select id from emp where dept_id = any (select id from dept where budget > 60000) or id <> all (select id from emp where active);

-- name: derived_table_with_aggregate
select avg(n) from (select dept_id, count(*) as n from emp group by dept_id) t;

-- name: having_with_subquery
select dept_id from emp group by dept_id having sum(salary) > (select avg(salary) from emp);

-- name: mysql_backticks_limit_ifnull
-- dialect: mysql
-- ordered
-- oracle: select "name", coalesce(salary, 0) from emp order by id limit 2 offset 1
select `name`, ifnull(salary, 0) from emp order by id limit 1, 2;

-- name: sqlite_brackets_iif
-- dialect: sqlite
-- oracle: select id, case when active then 'y' else 'n' end from emp
select [id], iif(active, 'y', 'n') from emp;

-- name: bigquery_backticks
-- dialect: bigquery
-- oracle: select upper(name) from dept
select upper(`name`) from `dept`;

-- name: bigquery_countif_and_safe_divide
-- dialect: bigquery
-- oracle: select dept_id, count(*) filter (where salary > 4000) as rich, count(*) filter (where bonus is null) as nob, sum(case when dept_id = 10 then null else bonus / (dept_id - 10) end) as r, max(cast(null as double)) as z from emp group by dept_id
select dept_id, countif(salary > 4000) as rich, countif(bonus is null) as nob, sum(safe_divide(bonus, dept_id - 10)) as r, max(safe_divide(bonus, 0)) as z from emp group by dept_id;

-- name: bigquery_countif_window
-- dialect: bigquery
-- oracle: select id, count(*) filter (where active) over (order by id) as c from emp
select id, countif(active) over (order by id) as c from emp;

-- name: bigquery_date_trunc_bare_parts
-- dialect: bigquery
-- oracle: select id, cast(date_trunc('month', hired) as date) as m, cast(date_trunc('year', hired) as date) as y, cast(date_trunc('quarter', hired) as date) as q, cast(hired - cast(dayofweek(hired) as integer) as date) as w, cast(date_trunc('week', hired) as date) as iw from emp
select id, date_trunc(hired, month) as m, date_trunc(hired, year) as y, date_trunc(hired, QUARTER) as q, date_trunc(hired, week) as w, date_trunc(hired, isoweek) as iw from emp;

-- name: bigquery_date_diff_add_sub
-- dialect: bigquery
-- oracle: select id, date_diff('day', date '2019-01-31', hired) as dd, date_diff('month', date '2019-01-31', hired) as dm, date_diff('quarter', date '2019-01-31', hired) as dq, date_diff('year', date '2019-01-31', hired) as dy, cast(hired + interval 1 month as date) as am, cast(hired - interval 10 day as date) as sd from emp
select id, date_diff(hired, date '2019-01-31', day) as dd, date_diff(hired, date '2019-01-31', month) as dm, date_diff(hired, date '2019-01-31', quarter) as dq, date_diff(hired, date '2019-01-31', year) as dy, date_add(hired, interval 1 month) as am, date_sub(hired, interval 10 day) as sd from emp;

-- name: bigquery_div_and_dayofweek
-- dialect: bigquery
-- oracle: select id, case when big < 0 then -((-big) // 7) else big // 7 end as q, -3 as n, dayofweek(hired) + 1 as w, bool_and(true) over () as a from emp
select id, div(big, 7) as q, div(-7, 2) as n, extract(dayofweek from hired) as w, logical_and(true) over () as a from emp;

-- name: mysql_dayofweek_weekday_datediff
-- dialect: mysql
-- oracle: select id, dayofweek(hired) + 1 as w, (dayofweek(hired) + 6) % 7 as wd, hired - date '2019-01-01' as dd, strpos(lower(name), 'a') as p, lower(name) as l, upper(name) as u, ln(id) as lg from emp
select id, dayofweek(hired) as w, weekday(hired) as wd, datediff(hired, '2019-01-01') as dd, locate('a', lcase(name)) as p, lcase(name) as l, ucase(name) as u, log(id) as lg from emp;

-- name: duckdb_date_diff_parts_and_strlen
-- dialect: duckdb
select id, date_diff('day', date '2019-01-31', hired) as d, datediff('month', date '2019-01-31', hired) as m, date_diff('years', date '2019-01-31', hired) as y, strlen(name || 'é') as b from emp;

-- name: bigquery_backquoted_paths
-- dialect: bigquery
-- oracle: select e.name, d.name from emp e join dept d on d.id = e.dept_id where e.id > 2
select e.name, d.`name` from `proj.ds.emp` e join `proj`.ds.`dept` d on `d.id` = e.dept_id where e.id > 2;

-- name: mysql_std_variance_are_population
-- dialect: mysql
-- oracle: select dept_id, stddev_pop(salary) as s, var_pop(bonus) as v, stddev_pop(id) as d from emp group by dept_id
select dept_id, std(salary) as s, variance(bonus) as v, stddev(id) as d from emp group by dept_id;

-- name: duckdb_qualify
-- dialect: duckdb
select id, dept_id from emp qualify row_number() over (partition by dept_id order by id) = 1;

-- name: window_default_frame_includes_peers
-- ordered
select id, salary, sum(salary) over (order by salary nulls first) as running from emp order by id;

-- name: union_with_untyped_null_column
select null as x, 1 as y union all select name, id from dept;

-- name: case_without_else_and_nested_case
select id, case when bonus > 1 then case when active then 'a' end end as c from emp;

-- name: correlated_scalar_lookup_in_where
select e.id from emp e where e.salary > (select d.budget / 20 from dept d where d.id = e.dept_id);

-- name: cte_read_by_derived_table_and_subquery
with eng as (select * from emp where dept_id = 10) select count(*) from (select id from eng) t where t.id in (select id from eng where active);

-- name: int64_literal_and_mixed_numeric_compare
select id from emp where big > 3000000000 or big = 7 or salary = 4200.5 or bonus = 2;

-- name: mysql_pipes_are_or_and_double_quoted_strings
-- dialect: mysql
-- oracle: select id from emp where name = 'Bob' or id = 1
select id from emp where name = "Bob" || id = 1;

-- name: postgres_escape_string_and_dollar_quotes
select id from emp where name = E'o\'neil' or name = $$Bob$$;

-- name: group_by_with_nulls_and_order_nulls_first
-- ordered
select dept_id, count(*) from emp group by dept_id order by dept_id nulls first;

-- name: exists_uncorrelated
select count(*) from dept where exists (select 1 from emp where salary > 7000) and not exists (select 1 from emp where salary > 9000);

-- name: string_agg_ordered_grouped
-- ordered
select dept_id, string_agg(name, ', ' order by hired desc nulls last, id) as names, string_agg(lower(name), '/' order by id) filter (where active) as active_names from emp group by dept_id order by dept_id nulls first;

-- name: string_agg_one_order
-- ordered
select dept_id, string_agg(name, ',' order by id desc) as names from emp group by dept_id order by dept_id nulls first;

-- name: percentiles_within_group
-- ordered
select dept_id, percentile_cont(0.5) within group (order by salary) as median, percentile_disc(0.5) within group (order by hired) as mid_hire from emp group by dept_id order by dept_id nulls first;

-- name: real_top_earner_per_department
select d.name as dept, e.name, e.salary from emp e join dept d on d.id = e.dept_id
where e.salary = (select max(salary) from emp x where x.dept_id = e.dept_id);

-- name: real_cumulative_share
select id, salary, sum(salary) over (order by salary desc nulls last, id) / sum(salary) over () as share from emp where salary is not null;

-- name: real_month_buckets
select date_trunc('month', hired)::date as month, count(*) as hires, string_agg(name, ', ' order by name) as who from emp where hired is not null group by 1 order by 1;

-- name: real_case_buckets_with_filter
select case when salary < 4000 then 'low' when salary < 6000 then 'mid' else 'high' end as band, count(*) filter (where active) as active, count(*) as total from emp group by 1;

-- name: real_left_join_coalesce_and_having
select d.name, coalesce(sum(e.salary), 0) as payroll, count(e.id) as heads from dept d left join emp e on e.dept_id = d.id group by d.name having coalesce(sum(e.salary), 0) < 20000;

-- name: real_second_highest_with_offset
-- ordered
select distinct salary from emp where salary is not null order by salary desc limit 1 offset 1;

-- name: real_gaps_with_lag
select id, hired, hired - lag(hired) over (order by hired, id) as days_since_prev from emp where hired is not null;

-- name: real_ratio_to_department_average
select e.id, round(e.salary / avg(e.salary) over (partition by e.dept_id), 3) as ratio from emp e where e.salary is not null;

-- name: real_self_join_managers
select e.name as employee, m.name as manager, m.salary - e.salary as gap from emp e left join emp m on m.id = e.manager_id;

-- name: real_exists_with_or
select d.name from dept d where exists (select 1 from emp e where e.dept_id = d.id and (e.salary > 6000 or e.bonus > 2));

-- name: real_union_of_aggregates
-- ordered
select 'dept' as kind, count(*) as n from dept union all select 'emp', count(*) from emp union all select 'managers', count(distinct manager_id) from emp order by kind;

-- name: real_cte_chain_with_window
with ranked as (select id, dept_id, salary, row_number() over (partition by dept_id order by salary desc nulls last, id) as rn from emp),
top2 as (select * from ranked where rn <= 2)
select dept_id, count(*) as n, min(salary) as lowest_of_top from top2 group by dept_id;

-- name: real_string_cleanup
select id, lower(name) as pretty, length(name) - length(replace(name, 'a', '')) as a_count, split_part(name || '-x-y', '-', 2) as second, upper(left(name, 1)) || substr(name, 2) as capfirst from emp;

-- name: real_not_in_with_nulls_safe
select id from emp where id not in (select manager_id from emp where manager_id is not null);

-- name: real_in_values_list_join
select e.id, v.label from emp e join (values (10, 'eng'), (20, 'sales')) as v(dept, label) on v.dept = e.dept_id;

-- name: real_greatest_least_nullif
select id, greatest(salary, 4000) as floor4k, least(bonus, 1) as capped, 100.0 * bonus / nullif(salary, 0) as pct from emp;

-- name: real_percent_rank_and_ntile
select id, ntile(3) over (order by id) as tercile, cume_dist() over (order by salary nulls first, id) as cd from emp;

-- name: real_boolean_aggregates_by_region
-- oracle: select d.region, bool_and(e.active) as all_active, bool_or(e.salary > 7000) as any_rich, bool_and(e.big > 0) as all_big from dept d join emp e on e.dept_id = d.id group by d.region
select d.region, bool_and(e.active) as all_active, bool_or(e.salary > 7000) as any_rich, every(e.big > 0) as all_big from dept d join emp e on e.dept_id = d.id group by d.region;

-- name: real_distinct_on_latest
select distinct on (dept_id) dept_id, id, hired from emp where hired is not null order by dept_id, hired desc, id;

-- name: grouping_sets_rollup
select dept_id, active, count(*) from emp group by rollup (dept_id, active) order by 1 nulls last, 2 nulls last;

-- name: grouping_sets_grouping_sets
select dept_id, active, sum(salary) from emp group by grouping sets ((dept_id), (active), ()) order by 1 nulls last, 2 nulls last, 3;

-- name: grouping_sets_cube
select dept_id is null as nd, active, count(*) from emp group by cube (dept_id is null, active) order by 1 nulls last, 2 nulls last;

-- name: grouping_sets_rollup_grouping_fn
select dept_id, active, grouping(dept_id) as gd, grouping(dept_id, active) as g2, count(*) as n, sum(salary) as s from emp group by rollup (dept_id, active) order by gd, g2, 1 nulls last, 2 nulls last;

-- name: grouping_sets_mixed_plain_and_rollup
select d.region, e.active, count(*) as n from emp e join dept d on d.id = e.dept_id group by d.region, rollup (e.active) order by 1, 2 nulls last;

-- name: grouping_sets_grouping_sets_having_order
select dept_id, extract(year from hired) as y, count(*) as n from emp group by grouping sets ((dept_id), (extract(year from hired))) having count(*) > 1 order by 3 desc, 1 nulls last, 2 nulls last;

-- name: grouping_sets_rollup_composite
select dept_id, active, manager_id, count(*) from emp group by rollup ((dept_id, active), manager_id) order by 1 nulls last, 2 nulls last, 3 nulls last, 4;

-- name: grouping_sets_empty_grouping_set_only
select count(*), sum(salary) from emp group by grouping sets (());

-- name: grouping_sets_rollup_window
select dept_id, sum(salary) as s, rank() over (order by sum(salary) desc nulls last) as r from emp group by rollup (dept_id) order by r, 1 nulls last;

-- name: grouping_sets_grouping_sets_duplicate
select active, count(*) from emp group by grouping sets ((active), (active)) order by 1, 2;

-- name: grouping_sets_cube_three
select dept_id, active, bonus > 0 as b, count(*) from emp group by cube (dept_id, active, bonus > 0) order by 1 nulls last, 2 nulls last, 3 nulls last, 4;

-- name: grouping_sets_rollup_expr_key_in_select
select upper(name) as u, count(*) from emp group by rollup (upper(name)) order by 1 nulls last;

-- name: grouping_sets_distinct_rollup
select distinct active from emp group by rollup (active, dept_id) order by 1 nulls last;

-- name: quantified_gt_all
select id from emp where salary > all (select salary from emp where dept_id = 20 and salary is not null) order by id;

-- name: quantified_gt_all_with_null
select id, salary > all (select salary from emp where dept_id = 20) as g from emp order by id;

-- name: quantified_lt_any
select id, salary < any (select salary from emp where dept_id = 30) as l from emp order by id;

-- name: quantified_gte_all_empty
select id, salary >= all (select salary from emp where dept_id = 99) as a, salary >= any (select salary from emp where dept_id = 99) as b from emp order by id;

-- name: quantified_eq_all_ne_any
select id, dept_id = all (select dept_id from emp e2 where e2.manager_id = emp.id) as ea, dept_id <> any (select dept_id from emp e2 where e2.manager_id = emp.id) as na from emp order by id;

-- name: quantified_correlated_le_all
select d.id, d.budget <= all (select salary * 10 from emp e where e.dept_id = d.id) as le from dept d order by 1;

-- name: quantified_text_any
select id from emp where name > any (select name from dept) order by id;

-- name: quantified_some_keyword
select id from emp where bonus <= some (select bonus from emp where dept_id = 10) order by id;

-- name: series_int
select g from generate_series(1, 5) as t(g);

-- name: series_int_step_desc
select x from generate_series(10, 1, -3) as t(x);

-- name: series_default_name
select generate_series from generate_series(1, 3);

-- name: series_empty
select count(*) from generate_series(5, 1);

-- name: series_bigint
select g from generate_series(9223372036854775800, 9223372036854775806, 2) t(g);

-- name: series_numeric
-- oracle: select cast(x / 2.0 as decimal(11, 1)) as g from generate_series(1, 4) t(x)
select g from generate_series(0.5, 2, 0.5) t(g);

-- name: series_timestamps
select g from generate_series(timestamp '2020-01-30 00:00', timestamp '2020-05-01', interval '1 month') t(g);

-- name: series_dates_daily_spine
select cast(s.d as date) as day, count(e.id) as hires from generate_series(date '2019-02-25', date '2019-03-03', interval '1 day') s(d) left join emp e on e.hired = cast(s.d as date) group by 1 order by 1;

-- name: series_cross_join
select e.id, g from emp e cross join generate_series(1, 2) t(g) where e.id < 3 order by 1, 2;

-- name: series_in_subquery
select id from emp where id in (select g * 2 from generate_series(1, 3) t(g)) order by id;

-- name: series_null_arg
select count(*) from generate_series(1, null::int);
