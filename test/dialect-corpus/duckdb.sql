-- DuckDB-dialect corpus: each query is run as written on a stock DuckDB (its own semantics:
-- float `/`, NULLs last in both directions, 1-based lists), and relc's transpilation from
-- DuckDB to DuckDB, SQLite and PostgreSQL must return the same rows. Directives as in
-- test/tpch/corpus/valid.sql (`ordered`, `known-gap: <target> <CODE> <text>`).

-- name: float_division_and_integer_division
select id, id / 4 as f, id // 4 as i, -id // 4 as n, id % 4 as m from emp;

-- name: order_by_desc_nulls_last_by_default
-- ordered
select id, dept_id from emp order by dept_id desc, id;

-- name: order_by_asc_nulls_last
-- ordered
select id, salary from emp order by salary, id;

-- name: group_by_all
select dept_id, count(*) as n, sum(salary) as s from emp group by all;

-- name: order_by_all
-- ordered
select dept_id, id from emp order by all;

-- name: select_star_exclude
select * exclude (big, bonus, hired) from emp;

-- name: casts_with_double_colon
select id, salary::integer as si, id::varchar || '!' as t, '42'::bigint + 1 as b, bonus::decimal(6,1) as bd from emp;

-- name: ifnull_and_coalesce
select id, ifnull(bonus, -1) as b, coalesce(dept_id, manager_id, 0) as c, nullif(dept_id, 10) as n from emp;

-- name: strlen_length_and_case
select id, strlen(name) as b, length(name) as l, upper(name) as u, lower(name) as lo from emp;

-- name: string_predicates
select id, starts_with(name, 'a') as sw, contains(name, 'a') as c, prefix(name, 'E') as p, suffix(name, 'e') as s, name ilike '%A%' as il from emp;

-- name: date_parts_as_functions
select id, year(hired) as y, month(hired) as m, day(hired) as d, quarter(hired) as q, dayofweek(hired) as dw from emp;

-- name: date_part_and_date_trunc
select id, date_part('year', hired) as y, date_trunc('month', hired) as m, date_trunc('year', hired) as yt from emp;

-- name: date_diff_units
select id, date_diff('day', date '2019-01-31', hired) as d, date_diff('month', date '2019-01-31', hired) as m, datediff('year', date '2019-01-31', hired) as y from emp;

-- name: date_plus_interval
select id, hired + interval 1 day as d1, hired + interval '1 month' as m1, hired - interval 2 year as y2 from emp;

-- name: make_date_and_literals
select id, make_date(2020, 1 + id % 12, 1) as d, date '2020-02-29' + 1 as nd from emp;

-- name: count_if_and_filter
select dept_id, count_if(active) as a, count(*) filter (where salary > 4000) as rich, count(bonus) as nb from emp group by dept_id;

-- name: arg_max_and_arg_min
-- known-gap: duckdb UNKNOWN_FUNCTION arg_max/arg_min (the value at the row of the largest key) have no IR aggregate yet
-- known-gap: sqlite UNKNOWN_FUNCTION arg_max/arg_min (the value at the row of the largest key) have no IR aggregate yet
-- known-gap: postgres UNKNOWN_FUNCTION arg_max/arg_min (the value at the row of the largest key) have no IR aggregate yet
select dept_id, arg_max(name, id) as last_name, arg_min(name, id) as first_name from emp group by dept_id;

-- name: min_by_max_by
-- known-gap: duckdb UNKNOWN_FUNCTION max_by/min_by are arg_max/arg_min
-- known-gap: sqlite UNKNOWN_FUNCTION max_by/min_by are arg_max/arg_min
-- known-gap: postgres UNKNOWN_FUNCTION max_by/min_by are arg_max/arg_min
select dept_id, max_by(id, hired) as newest, min_by(id, hired) as oldest from emp where hired is not null group by dept_id;

-- name: string_agg_ordered
select dept_id, string_agg(name, ',' order by id) as names from emp group by dept_id;

-- name: median_and_quantile
select dept_id, median(salary) as med, quantile_cont(bonus, 0.5) as qc from emp group by dept_id;

-- name: bool_aggregates
select dept_id, bool_and(active) as a, bool_or(active) as o from emp group by dept_id;

-- name: qualify_row_number
select id, dept_id, name from emp qualify row_number() over (partition by dept_id order by salary desc, id) = 1;

-- name: window_running_sum
-- ordered
select id, sum(salary) over (order by id rows between unbounded preceding and current row) as run from emp order by id;

-- name: distinct_on
select distinct on (dept_id) dept_id, id, name from emp order by dept_id, id;

-- name: join_using
select e.id, d.name from emp e join dept d on e.dept_id = d.id where d.region = 'EU';

-- name: left_join_and_anti
select d.name, count(e.id) as n from dept d left join emp e on e.dept_id = d.id group by d.name;

-- name: exists_and_in_subquery
select id from emp e where exists (select 1 from dept d where d.id = e.dept_id and d.budget > 60000) or id in (select manager_id from emp);

-- name: cte_and_scalar_subquery
with s as (select dept_id, avg(salary) as a from emp group by dept_id)
select e.id, e.salary > (select max(a) from s) as top from emp e;

-- name: greatest_least_round
select id, greatest(id, 5) as g, least(id, 5, dept_id) as l, round(bonus, 1) as r, round(salary) as rs from emp;

-- name: searched_case
select id, case when salary is null then 'none' when salary > 5000 then 'high' else 'low' end as band from emp;

-- name: try_cast
-- known-gap: duckdb UNSUPPORTED_CONSTRUCT TRY_CAST: a cast that gives NULL on failure has no PostgreSQL spelling
-- known-gap: sqlite UNSUPPORTED_CONSTRUCT TRY_CAST: a cast that gives NULL on failure has no PostgreSQL spelling
-- known-gap: postgres UNSUPPORTED_CONSTRUCT TRY_CAST: a cast that gives NULL on failure has no PostgreSQL spelling
select id, try_cast(name as integer) as t from emp;

-- name: regexp_matches_and_replace
select id, regexp_matches(name, '^[a-z]+$') as m, regexp_replace(name, '[aeiou]', '_') as r, regexp_replace(name, '[aeiou]', '_', 'g') as rg from emp;

-- name: lpad_concat_ws
select id, lpad(id::varchar, 3, '0') as p, concat_ws('-', name, dept_id) as c, concat(name, dept_id) as cc from emp;

-- name: union_all_and_except
select id from emp where dept_id = 10 union all select id from dept except select 50;

-- name: limit_offset
-- ordered
select id from emp order by id limit 3 offset 2;

-- name: report_by_region_with_having
select d.region, count(*) as staff, round(avg(e.salary), 2) as avg_salary, max(e.hired) as last_hire
from emp e join dept d on d.id = e.dept_id
group by d.region having count(*) > 1;

-- name: window_rank_dense_rank_percent
select id, dept_id, rank() over (partition by dept_id order by salary desc) as r, dense_rank() over (order by salary) as dr, percent_rank() over (order by id) as pr from emp;

-- name: lag_lead_with_defaults
-- ordered
select id, lag(salary, 1, 0) over (order by id) as prev, lead(name) over (order by id) as next from emp order by id;

-- name: running_avg_range_frame
select id, avg(bonus) over (partition by dept_id order by id rows between 1 preceding and 1 following) as a from emp;

-- name: nested_ctes_and_joins
with big as (select id, dept_id, salary from emp where salary > 4000),
     per as (select dept_id, count(*) as n from big group by dept_id)
select d.name, coalesce(p.n, 0) as n from dept d left join per p on p.dept_id = d.id;

-- name: correlated_scalar_subquery
select e.id, (select count(*) from emp x where x.dept_id = e.dept_id and x.salary > e.salary) as richer from emp e;

-- name: not_exists_anti_join
select d.name from dept d where not exists (select 1 from emp e where e.dept_id = d.id);

-- name: in_subquery_with_nulls
select id from emp where dept_id not in (select id from dept where region = 'EU');

-- name: case_in_aggregate
select dept_id, sum(case when active then 1 else 0 end) as act, sum(case when bonus is null then 1 end) as nob from emp group by all;

-- name: string_functions_mix
select id, left(name, 2) as l, right(name, 2) as r, reverse(name) as rv, repeat('-', id % 3) as rp, replace(lower(name), 'a', '4') as rep, position('a' in name) as pos from emp;

-- name: date_arithmetic_and_comparisons
select id, hired, hired + 30 as plus30, date_diff('day', hired, date '2022-12-31') as days_left from emp where hired >= date '2019-01-01' and hired < date '2021-01-01';

-- name: extract_and_epoch
select id, extract(year from hired) as y, extract(dow from hired) as dw, extract(doy from hired) as dy, epoch(hired::timestamp) as ep from emp;

-- name: union_distinct_and_order
-- ordered
select name from emp where dept_id = 10 union select name from dept order by name;

-- name: numeric_functions
select id, abs(salary) as a, ceil(bonus) as c, floor(bonus) as f, sqrt(id) as s, power(id, 2) as p, ln(id) as l, log10(id) as lg, sign(-id) as sg from emp;

-- name: count_distinct_and_string_agg_distinct
select count(distinct dept_id) as depts, count(distinct emp.name) as names, string_agg(distinct region, ',' order by region) as regions from emp left join dept on dept.id = emp.dept_id;

-- name: limit_with_ties_broken
-- ordered
select id, salary from emp order by salary desc, id limit 4;

-- name: between_and_in_lists
select id from emp where id between 3 and 8 and dept_id in (10, 20, 40) and name not in ('dave');

-- name: coalesce_chain_and_nullif_division
select id, salary / nullif(dept_id, 0) as per, coalesce(bonus, salary / 1000, 0) as c from emp;

-- name: cross_join_small
select d.name, e.id from dept d cross join emp e where e.id <= 2;

-- name: boolean_logic_three_valued
select id, active and bonus > 1 as a, active or bonus > 1 as o, not (bonus > 1) as n from emp;

-- name: strftime_value_first
select id, strftime(hired, '%Y-%m') as ym, strftime(hired, '%d/%m/%Y') as dmy from emp;

-- name: concat_skips_nulls_operator_does_not
select id, concat(name, '-', dept_id) as c, name || '-' || dept_id as d from emp;

-- name: ilike_and_glob_with_bang_classes
select id from emp where name ilike '%A%' or name glob 'G*' or name glob '[!a-z]*' or name glob '[^a]*';

-- name: starts_with_contains_suffix
select id, starts_with(name, 'a') as s, contains(lower(name), 'e') as c, suffix(name, 'e') as e from emp;

-- name: ifnull_and_nullif
select id, ifnull(bonus, 0) as b, nullif(dept_id, 10) as d from emp;

-- name: date_trunc_week_last_day_day_and_month_names
select id, date_trunc('week', hired) as w, last_day(hired) as ld, dayname(hired) as dn, monthname(hired) as mn from emp;

-- name: qualify_rank
select id, dept_id, salary from emp qualify rank() over (partition by dept_id order by salary desc nulls last) = 1;

-- name: self_join_group_by_all_order_by_all
select e.id, count(*) as n from emp e join emp m on e.manager_id = m.id group by all order by all;

-- name: left_right_repeat_reverse_ascii_chr
select id, left(name, 2) as l, right(name, 2) as r, repeat(name, 2) as rp, reverse(name) as rv, ascii(name) as a, chr(65 + id) as c from emp;

-- name: regexp_extract_match_group_and_no_match
select id, regexp_extract(name, '[a-z]+') as w, regexp_extract(name, '[A-Z][a-z]*', 0) as cap, regexp_extract(name, 'zzz') as none from emp;

-- name: epoch_is_a_double_with_the_fraction
select id, extract(epoch from timestamp '2020-01-01 00:00:12.345678' + id * interval '250 milliseconds') as e, date_part('epoch', timestamp '1969-12-31 23:59:58.5') as neg, epoch(timestamp '2021-06-01 10:00:00.75') as ep, extract(epoch from hired) as d, extract(second from timestamp '2020-01-01 00:00:12.9') as s from emp;
