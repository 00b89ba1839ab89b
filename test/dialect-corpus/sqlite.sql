-- SQLite-dialect corpus: each query is run as written on SQLite (relc's SQLite storage: dates as
-- 'YYYY-MM-DD' text, booleans 0/1, decimals REAL), and relc's transpilation from SQLite to
-- DuckDB, SQLite and PostgreSQL must return the same rows. Directives as in
-- test/tpch/corpus/valid.sql.

-- name: integer_division_and_modulo
select id, id / 4 as q, -id / 4 as n, id % 4 as m, -id % 4 as nm, id / 4.0 as f from emp;

-- name: ifnull_iif_nullif
select id, ifnull(bonus, -1) as b, iif(dept_id is null, 'none', 'some') as d, nullif(dept_id, 10) as n from emp;

-- name: substr_instr_length
select id, substr(name, 2, 3) as s, substr(name, 2) as s2, instr(name, 'a') as i, length(name) as l from emp;

-- name: concat_operator_and_case
select id, name || '/' || dept_id as c, upper(name) as u, lower(name) as l from emp;

-- name: like_is_case_insensitive_for_ascii
select id from emp where name like '%A%';

-- name: glob_is_case_sensitive
select id from emp where name glob '*a*';

-- name: trim_replace
select id, trim('  ' || name || '  ') as t, ltrim(name, 'a') as lt, rtrim(name, 'e') as rt, replace(name, 'a', 'A') as r from emp;

-- name: scalar_max_min_of_several
select id, max(id, 5) as mx, min(id, 5) as mn from emp;

-- name: total_and_sum
select dept_id, total(salary) as t, sum(salary) as s, count(*) as n from emp group by dept_id;

-- name: avg_of_integers_is_real
select dept_id, avg(id) as a from emp group by dept_id;

-- name: cast_to_integer_truncates
select id, cast(bonus as integer) as b, cast(salary as integer) as s, cast('12' as integer) + 1 as t from emp;

-- name: booleans_are_integers
select id, active, active + 0 as a, not active as na from emp where active = 1;

-- name: strftime_and_date_modifiers
select id, strftime('%Y', hired) as y, strftime('%m/%d %%', hired) as m, date(hired, '+1 day') as d, date(hired, '+1 month') as m1, date(hired, '-1 year', 'start of month') as ys, date('2020-01-31', '+1 month') as roll from emp;

-- name: glob_classes_and_not_glob
select id, name glob '[a-e]*' as a, name not glob '*[^a-z]*' as lower_only, name glob '?a*' as second_a from emp;

-- name: julianday_difference
select id, julianday(hired) - julianday('2019-01-01') as dd from emp;

-- name: order_by_nulls_first_by_default
-- ordered
select id, dept_id from emp order by dept_id, id;

-- name: order_by_desc_nulls_last_by_default
-- ordered
select id, dept_id from emp order by dept_id desc, id;

-- name: group_by_having_count_distinct
select dept_id, count(distinct salary) as d from emp group by dept_id having count(*) > 1;

-- name: window_rank_and_lag
select id, rank() over (partition by dept_id order by salary desc) as r, lag(id) over (order by id) as p from emp;

-- name: exists_and_in_subquery
select id from emp e where exists (select 1 from dept d where d.id = e.dept_id and d.budget > 60000) or id in (select manager_id from emp);

-- name: left_join_group
select d.name, count(e.id) as n from dept d left join emp e on e.dept_id = d.id group by d.name;

-- name: limit_offset_and_comma_limit
-- ordered
select id from emp order by id limit 2, 3;

-- name: abs_round
select id, abs(bonus) as a, round(bonus, 1) as r, round(salary) as rs from emp;

-- name: hex_of_text
-- known-gap: duckdb UNKNOWN_FUNCTION hex() of text is not read yet
-- known-gap: sqlite UNKNOWN_FUNCTION hex() of text is not read yet
-- known-gap: postgres UNKNOWN_FUNCTION hex() of text is not read yet
select id, hex(name) as h from emp;

-- name: case_with_numeric_strings
select id, case when salary > 4000 then 'high' when salary is null then 'none' else 'low' end as band from emp;

-- name: coalesce_mixed
select id, coalesce(dept_id, manager_id, -1) as c from emp;

-- name: printf_padding
-- known-gap: duckdb UNKNOWN_FUNCTION printf is not read yet
-- known-gap: sqlite UNKNOWN_FUNCTION printf is not read yet
-- known-gap: postgres UNKNOWN_FUNCTION printf is not read yet
select id, printf('%05d', id) as p, printf('%.2f', bonus) as f from emp;

-- name: union_and_intersect
select dept_id from emp intersect select id from dept union select 99;

-- name: cte
with d as (select dept_id, max(salary) as m from emp group by dept_id) select e.id from emp e join d on e.dept_id = d.dept_id and e.salary = d.m;

-- name: report_by_region_with_having
select d.region, count(*) as staff, round(avg(e.salary), 2) as avg_salary, max(e.hired) as last_hire
from emp e join dept d on d.id = e.dept_id
group by d.region having count(*) > 1;

-- name: window_functions
select id, dense_rank() over (order by salary) as dr, row_number() over (partition by dept_id order by id) as rn, sum(id) over (order by id) as run from emp;

-- name: lag_lead_with_defaults
-- ordered
select id, lag(salary, 1, 0) over (order by id) as prev, lead(name) over (order by id) as next from emp order by id;

-- name: correlated_scalar_subquery
select e.id, (select count(*) from emp x where x.dept_id = e.dept_id and x.salary > e.salary) as richer from emp e;

-- name: not_exists_and_not_in
select d.name from dept d where not exists (select 1 from emp e where e.dept_id = d.id) and d.id not in (select manager_id from emp where manager_id is not null);

-- name: nested_ctes
with big as (select id, dept_id, salary from emp where salary > 4000),
     per as (select dept_id, count(*) as n from big group by dept_id)
select d.name, ifnull(p.n, 0) as n from dept d left join per p on p.dept_id = d.id;

-- name: case_in_aggregate
select dept_id, sum(case when active then 1 else 0 end) as act, count(case when bonus is null then 1 end) as nob from emp group by dept_id;

-- name: date_comparisons_as_text
select id from emp where hired >= '2019-01-01' and hired < '2021-01-01';

-- name: string_mix
select id, upper(substr(name, 1, 1)) || lower(substr(name, 2)) as cap, length(trim(name)) as l, replace(name, '%', '') as r, instr(lower(name), 'e') as e from emp;

-- name: integer_arithmetic_is_64_bit
select id, big + 1 as b, id * 2147483647 as m, (id + 0.5) / 2 as f from emp where big < 100;

-- name: numeric_functions
select id, abs(-id) as a, round(bonus) as r, round(2.5) as r2, sqrt(id) as s, ifnull(bonus, 0) * 2 as b2 from emp;

-- name: union_all_order_limit
-- ordered
select id as k from emp union all select id from dept order by k desc limit 5;

-- name: group_concat_length
select dept_id, length(group_concat(name)) as l, count(*) as n from emp group by dept_id;

-- name: coalesce_and_nullif
select id, nullif(name, 'alice') as n, coalesce(nullif(dept_id, 10), -1) as c from emp;

-- name: boolean_logic_three_valued
select id, active and bonus > 1 as a, active or bonus > 1 as o, not (bonus > 1) as n from emp;
