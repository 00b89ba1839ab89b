-- Invalid queries: each must fail with exactly this error code at this line:col of the query text.

-- name: syntax_missing_expression
-- error: SQL_PARSE_ERROR 1:25
select id from emp where;

-- name: syntax_unclosed_paren
-- error: SQL_PARSE_ERROR 1:16
select (id + 1 from emp
where true;

-- name: syntax_bad_token
-- error: SQL_PARSE_ERROR 1:12
select id, , name from emp;

-- name: syntax_unterminated_string
-- error: SQL_PARSE_ERROR 1:33
select id from emp where name = 'abc;

-- name: syntax_trailing_garbage
-- error: SQL_PARSE_ERROR 1:25
select id from emp emp2 x;

-- name: syntax_two_statements
-- error: UNSUPPORTED_CONSTRUCT 1:11
select 1; select 2;

-- name: not_a_query
-- error: UNSUPPORTED_CONSTRUCT 1:1
insert into emp values (1);

-- name: unknown_table
-- error: UNKNOWN_RELATION 2:6
select *
from employees;

-- name: unknown_column
-- error: UNKNOWN_COLUMN 1:12
select id, salry from emp;

-- name: unknown_qualified_column
-- error: UNKNOWN_COLUMN 1:38
select e.id from emp e, dept d where d.nme = 'x';

-- name: unknown_qualifier
-- error: UNKNOWN_COLUMN 1:8
select x.id from emp e;

-- name: unknown_star_qualifier
-- error: UNKNOWN_RELATION 1:8
select q.* from emp e;

-- name: ambiguous_column
-- error: AMBIGUOUS_COLUMN 1:8
select name from emp e join dept d on e.dept_id = d.id;

-- name: ambiguous_order_by
-- error: AMBIGUOUS_COLUMN 3:10
select id as k, name as k
from emp
order by k;

-- name: ungrouped_column
-- error: UNKNOWN_COLUMN 1:17
select dept_id, name, count(*) from emp group by dept_id;

-- name: aggregate_in_where
-- error: UNSUPPORTED_CONSTRUCT 1:26
select id from emp where sum(salary) > 10;

-- name: nested_aggregate
-- error: UNSUPPORTED_CONSTRUCT 1:12
select sum(max(salary)) from emp;

-- name: window_without_over
-- error: UNSUPPORTED_CONSTRUCT 1:8
select row_number() from emp;

-- name: unknown_function
-- error: UNKNOWN_FUNCTION 1:8
select frobnicate(id) from emp;

-- name: function_type_mismatch
-- error: TYPE_MISMATCH 1:8
select upper(salary) from emp;

-- name: operator_type_mismatch
-- error: TYPE_MISMATCH 1:32
select id from emp where hired + name > 1;

-- name: compare_text_with_number
-- error: TYPE_MISMATCH 1:31
select id from emp where name = 42;

-- name: invalid_date_literal
-- error: TYPE_MISMATCH 1:34
select id from emp where hired > date '2020-02-30';

-- name: invalid_implicit_date
-- error: TYPE_MISMATCH 1:34
select id from emp where hired = 'yesterday';

-- name: where_not_boolean
-- error: TYPE_MISMATCH 1:26
select id from emp where salary;

-- name: like_on_number
-- error: TYPE_MISMATCH 1:26
select id from emp where salary like '1%';

-- name: union_column_count
-- error: TYPE_MISMATCH 1:1
select id, name from emp union select id from dept;

-- name: union_type_mismatch
-- error: TYPE_MISMATCH 1:1
select hired from emp union select name from dept;

-- name: scalar_subquery_two_columns
-- error: TYPE_MISMATCH 1:12
select id, (select id, name from dept limit 1) from emp;

-- name: order_by_position_out_of_range
-- error: UNKNOWN_COLUMN 1:35
select id, name from emp order by 3;

-- name: recursive_cte_twice
-- error: UNSUPPORTED_CONSTRUCT 1:70
with recursive t (n) as (select 1 union all select a.n + 1 from t a, t b where a.n < 5)
select n from t;

-- name: nondeterministic_function
-- error: UNSUPPORTED_CONSTRUCT 1:34
select id from emp where hired < current_date;

-- name: limit_not_constant
-- error: UNKNOWN_COLUMN 1:26
select id from emp limit id;

-- name: duplicate_table_alias
-- error: DUPLICATE_NAME 1:22
select 1 from emp e, dept e;

-- name: using_missing_column
-- error: UNKNOWN_COLUMN 1:40
select 1 from emp e join dept d using (budget);

-- name: correlation_two_levels_out
-- error: UNSUPPORTED_CONSTRUCT 4:32
select e.id from emp e
where exists (
  select 1 from dept d
  where exists (select 1 where e.dept_id = d.id));

-- name: unknown_param
-- error: UNKNOWN_PARAM 1:35
select id from emp where salary > :min_salary;

-- name: mysql_unknown_column_backticks
-- dialect: mysql
-- error: UNKNOWN_COLUMN 1:8
select `nam` from emp;

-- name: order_by_inside_a_scalar_call
-- error: TYPE_MISMATCH 1:8
select upper(name order by id) from emp;

-- name: order_by_inside_a_window_aggregate
-- error: UNSUPPORTED_CONSTRUCT 1:38
select string_agg(name, ',' order by id) over () from emp;

-- name: percentile_without_within_group
-- error: TYPE_MISMATCH 1:8
select percentile_cont(0.5) from emp;

-- name: percentile_fraction_out_of_range
-- error: TYPE_MISMATCH 1:24
select percentile_disc(1.5) within group (order by id) from emp;

-- name: lateral_set_returning_function
-- error: UNSUPPORTED_CONSTRUCT 1:34
select id, g from emp cross join lateral generate_series(1, id) g;

-- name: regex_flag_unknown
-- error: UNSUPPORTED_CONSTRUCT 1:39
select regexp_replace(name, 'a', 'b', 'gx') from emp;

-- name: mysql_bitwise_operator_unsigned
-- dialect: mysql
-- error: UNSUPPORTED_CONSTRUCT 1:11
select id & 3 from emp;

-- name: sqlite_shift_count_not_a_literal
-- dialect: sqlite
-- error: UNSUPPORTED_CONSTRUCT 1:14
select id << id from emp;

-- name: bigquery_shift_right_refused
-- dialect: bigquery
-- error: UNSUPPORTED_CONSTRUCT 1:11
select id >> 1 from emp;

-- name: mode_takes_no_argument
-- error: TYPE_MISMATCH 1:8
select mode(id) within group (order by id) from emp;

-- name: mysql_bitwise_not_unsigned
-- dialect: mysql
-- error: UNSUPPORTED_CONSTRUCT 1:8
select ~id from emp;

-- name: age_of_one_argument_reads_the_clock
-- error: UNSUPPORTED_CONSTRUCT 1:8
select age(cast('2020-01-01' as timestamp)) from emp;

-- name: sind_of_text
-- error: TYPE_MISMATCH 1:8
select sind('x') from emp;

-- name: to_char_of_a_number
-- error: UNSUPPORTED_CONSTRUCT 1:16
select to_char(1.5, '9.9') from emp;

-- name: to_char_pattern_not_a_literal
-- error: UNSUPPORTED_CONSTRUCT 1:23
select to_char(hired, name) from emp;

-- name: grouping_of_a_non_key
-- error: TYPE_MISMATCH 1:17
select grouping(name) from emp group by rollup (dept_id);

-- name: rollup_unclosed
-- error: SQL_PARSE_ERROR 1:59
select dept_id, count(*) from emp group by rollup (dept_id;

-- name: series_zero_step
-- error: UNSUPPORTED_CONSTRUCT 1:38
select g from generate_series(1, 10, 0) g;

-- name: series_of_a_column
-- error: UNSUPPORTED_CONSTRUCT 1:49
select g from emp cross join generate_series(1, emp.id) g;

-- name: table_function_unknown
-- error: UNSUPPORTED_CONSTRUCT 1:15
select * from unnest(1, 2);
