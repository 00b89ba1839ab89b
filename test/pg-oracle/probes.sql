-- PostgreSQL-semantics probes: each query runs as written on PostgreSQL (the oracle) and, through
-- relc (postgres dialect), on DuckDB, SQLite and PostgreSQL; results must be equal. Tables p and q
-- are in tables.ts. Directives as in test/tpch/corpus (`-- ordered`: the ORDER BY is total).
-- Differences that are relc's documented choice are listed in differences.ts with their reason.

-- name: int_division_and_modulo_negatives
-- ordered
select id, i, j, i / j as q, i % j as r, -i / j as nq from p where j is not null order by id;

-- name: int_division_literals
select 7 / 2 as a, -7 / 2 as b, 7 / -2 as c, -7 % 2 as d, 7 % -2 as e, 7.0 / 2 as f, 1 / 3 * 3 as g;

-- name: bigint_division_and_modulo
-- ordered
select id, b / 2 as h, b % 7 as m, b / nullif(i, 0) as bi, b % nullif(i, 0) as bm from p order by id;

-- name: numeric_round_half_away_from_zero
-- ordered
select id, n, round(n) as r0, round(n, 1) as r1, round(-n, 1) as r1n from p order by id;

-- name: float_round_half_even
-- ordered
select id, f, round(f) as r, round(cast(f as numeric), 0) as rn, ceil(f) as c, floor(f) as fl from p order by id;

-- name: concat_with_null
-- ordered
select id, s || 'x' as a, 'x' || s || 'y' as b, concat(s, 'x', i) as c, s || i as si, i || '' as ie from p order by id;

-- name: like_ilike_case_and_escapes
-- ordered
select id, s like 'a%' as l, s ilike 'a%' as il, s like 'a\_c' as esc, s like 'a!%c' escape '!' as bang, s not like '%c' as nl, s like '' as empty from p order by id;

-- name: like_null_pattern_and_underscore
-- ordered
select id, s like null as ln, s like '___' as three, s ilike '%B%' as ib from p order by id;

-- name: null_order_default_asc
-- ordered
select id, i from p order by i, id;

-- name: null_order_default_desc
-- ordered
select id, i from p order by i desc, id;

-- name: null_order_text_and_date_desc
-- ordered
select id, s, d from p order by d desc, s desc, id;

-- name: not_in_list_with_null
-- ordered
select id, i not in (7, null) as nin, i in (7, null) as inn, i in (5, 0) as plain, i not in (5, 0) as nplain from p order by id;

-- name: where_not_in_with_null_is_empty
select id from p where i not in (7, null);

-- name: coalesce_nullif_case_typing
-- ordered
select id, coalesce(i, b) as ib, coalesce(n, i) as ni, nullif(i, 7) as ni7, case when flag then n else i end as ce, case when i > 0 then 1 else 2.5 end as c2, coalesce(s, '') as s0 from p order by id;

-- name: cast_text_to_int_and_date
select cast('42' as int) as a, cast(' 42 ' as int) as b, cast('-7' as bigint) as c, cast('2020-02-29' as date) as d, '12'::int + 1 as e, cast('1.50' as numeric(5, 1)) as f;

-- name: cast_float_and_numeric_to_int
-- ordered
select id, f, cast(f as int) as fi, cast(n as int) as ni, cast(f as bigint) as fb, cast(n as bigint) as nb from p order by id;

-- name: cast_to_text
-- ordered
select id, cast(n as text) as nt, cast(f as text) as ft, cast(d as text) as dt, cast(flag as text) as bt, cast(i as text) as it from p order by id;

-- name: date_plus_minus_integer
-- ordered
select id, d + 1 as next, d - 1 as prev, d + i as di, d - 366 as back from p order by id;

-- name: date_minus_date
-- ordered
select id, d - date '2020-01-01' as days, date '2020-03-01' - d as rev from p order by id;

-- name: date_plus_interval_month_ends
-- ordered
select id, d + interval '1 month' as m1, d - interval '1 month' as m_1, d + interval '1 year' as y1, d + interval '1 day' as d1 from p order by id;

-- name: extract_parts
-- ordered
select id, extract(year from d) as y, extract(month from d) as m, extract(day from d) as dd, extract(dow from d) as dow, extract(doy from d) as doy, extract(quarter from d) as qq from p order by id;

-- name: substring_edges
select substring('hello' from 0 for 3) as a, substring('hello' from -1 for 3) as b, substring('hello' from 2) as c, substring('hello' from 10) as d, substr('hello', 2, 2) as e, substring('hello' from 3 for 0) as f, left('hello', -2) as g, right('hello', 2) as h;

-- name: position_and_strpos
-- ordered
select id, position('c' in s) as pc, position('' in s) as pe, strpos(s, 'b') as sb, length(s) as len from p order by id;

-- name: trim_variants
select trim('  a  ') as a, trim(leading 'x' from 'xxaxx') as b, trim(trailing 'x' from 'xxaxx') as c, trim(both 'xy' from 'xyaxy') as d, ltrim('  a') as e, rtrim('a  ') as f, trim('') as g;

-- name: lpad_rpad_edges
select lpad('abc', 5) as a, lpad('abc', 2) as b, lpad('abc', 6, 'xy') as c, rpad('abc', 5, '') as d, lpad('abc', -1) as e, rpad('abc', 0) as f, rpad('ab', 5, 'xyz') as g;

-- name: text_collation_order
-- ordered
select id, s from p where s is not null order by s, id;

-- name: text_comparisons
select 'B' < 'a' as a, 'abc' < 'abc ' as b, 'Z' < 'a' as c, '' < 'a' as d, 'a' = 'a ' as e, 'é' > 'z' as f;

-- name: min_max_text
select min(s) as lo, max(s) as hi, min(d) as dlo, max(d) as dhi from p;

-- name: count_distinct_with_nulls
select count(distinct i) as di, count(i) as ci, count(*) as n, count(distinct s) as ds, count(distinct j) as dj from p;

-- name: aggregates_over_empty_set
select sum(i) as si, avg(i) as ai, sum(n) as sn, avg(n) as an, count(*) as c, count(i) as ci, min(s) as ms, max(d) as md from p where id < 0;

-- name: sum_int64_overflows_to_numeric
select sum(b) as total from p where b > 0;

-- name: sum_int64_within_range
select sum(b) as total, sum(b) filter (where id > 2) as rest from p where id <> 2;

-- name: avg_of_integers
select avg(i) as ai, avg(j) as aj, avg(b) as ab, sum(i) as si, avg(distinct i) as adi from p;

-- name: group_by_null_keys
-- ordered
select i, count(*) as n, sum(j) as sj, min(id) as first from p group by i order by i;

-- name: window_rows_vs_range_peers
-- ordered
select id, n, sum(id) over (order by n, id rows between unbounded preceding and current row) as by_rows, sum(id) over (order by n range between unbounded preceding and current row) as by_range, count(*) over (order by n) as peers from p order by id;

-- name: window_rows_offsets
-- ordered
select id, sum(i) over (order by id rows between 1 preceding and 1 following) as s3, max(s) over (order by id rows between 2 preceding and 1 preceding) as prev2 from p order by id;

-- name: rank_dense_rank_ties
-- ordered
select id, i, rank() over (order by i) as r, dense_rank() over (order by i desc) as dr, row_number() over (order by i, id) as rn, percent_rank() over (order by i) as pr, cume_dist() over (order by i) as cd from p order by id;

-- name: union_distinct_with_nulls
select i from p union select j from p;

-- name: union_all_duplicates
select i from p union all select j from p;

-- name: intersect_distinct_and_all
select i from p intersect all select i from p where id > 2;

-- name: except_distinct_and_all
select i from p except all select j from p;

-- name: except_distinct_nulls_match
select i from p except select j from p;

-- name: scalar_subquery_no_row_is_null
-- ordered
select id, (select v from q where q.k = 99) as none, (select max(k) from q where k > 100) as nomax, (select count(*) from q where q.k = p.j) as cnt from p order by id;

-- name: exists_and_not_exists_correlated_null_keys
-- ordered
select id, exists (select 1 from q where q.k = p.j) as ex, not exists (select 1 from q where q.k = p.j) as nex from p order by id;

-- name: not_in_subquery_with_null_keys
select id from p where j not in (select k from q);

-- name: in_subquery_three_valued
-- ordered
select id, j in (select k from q) as inq, j not in (select k from q where k is not null) as ninq from p order by id;

-- name: left_join_filter_in_on
select p.id, q.v from p left join q on q.k = p.j and q.v <> 'uno';

-- name: left_join_filter_in_where
select p.id, q.v from p left join q on q.k = p.j where q.v <> 'uno';

-- name: full_join_null_keys
select p.id, q.k, q.v from p full join q on p.j = q.k;

-- name: distinct_on
-- ordered
select distinct on (i) i, id, s from p order by i, id desc;

-- name: limit_offset_ties_broken
-- ordered
select id, i from p order by i desc nulls last, id limit 3 offset 2;

-- name: three_valued_logic
-- ordered
select id, i > 0 and flag as a, i > 0 or flag as o, not flag as nf, flag is not true as nt, (i > 0) is unknown as u from p order by id;

-- name: empty_string_is_not_null
-- ordered
select id, s = '' as empty, s is null as isnull, coalesce(nullif(s, ''), '<e>') as shown from p order by id;

-- name: greatest_least_skip_nulls
-- ordered
select id, greatest(i, j) as g, least(i, j, 0) as l, greatest(s, 'b') as gs from p order by id;

-- name: numeric_arithmetic_exact_scale
-- ordered
select id, n * n as sq, n + 1 as p1, n - i as ni, n * 2 as twice, n / 4 as quarter, -n as neg from p order by id;

-- name: float_arithmetic_and_division
-- ordered
select id, f / 4 as q, f * 3 as t, cast(i as double precision) / j as fd, abs(f) as a from p order by id;

-- name: mixed_int_numeric_comparison
-- ordered
select id from p where n = 2.5 or i = 7.0 or b > 1e18 order by id;

-- name: case_folding_unicode
select upper('straße') as a, lower('ÀÉÎ') as b, upper('ǆ') as c, length('héllo') as d, char_length('日本') as e, lower('İSTANBUL') as f, upper('ᾳ ᾀ') as g, lower('ΟΔΟΣ') as h, upper('ﬁ') as i;

-- name: string_functions_misc
-- ordered
select id, replace(s, 'b', 'BB') as r, upper(s) as u, lower(s) as l, starts_with(s, 'a') as sw from p order by id;

-- name: division_by_zero
select i / 0 as q from p;

-- name: modulo_by_zero
select i % (j - j) as m from p where j is not null;

-- name: int32_overflow
select i * 1000000000 as big from p where i is not null;

-- name: in_and_not_in_empty_subquery_with_null
-- ordered
select id, i in (select k from q where k > 100) as in_empty, i not in (select k from q where k > 100) as not_in_empty, i = any (select k from q where k > 100) as any_empty, i <> all (select k from q where k > 100) as all_empty from p order by id;

-- name: in_subquery_null_left_nonempty
-- ordered
select id, i in (select k from q) as inq, i not in (select k from q where k is not null) as ninq from p order by id;

-- name: window_default_frame_peers_and_last_value
-- ordered
select id, i, sum(id) over (order by i) as peers_sum, last_value(id) over (order by i, id range between unbounded preceding and unbounded following) as lv, last_value(id) over (order by i nulls first, id) as lv_cur, first_value(id) over (order by i desc nulls last, id desc) as fv, lead(i, 1, 0) over (order by id) as ld, ntile(3) over (order by id) as nt from p order by id;

-- name: window_range_offset_frame
-- ordered
select id, i, sum(id) over (order by i range between 2 preceding and 2 following) as near from p order by id;

-- name: window_count_ignores_nulls_and_partitions
-- ordered
select id, count(i) over (partition by j) as ci, count(*) over (partition by j) as c, sum(i) over (partition by j order by id) as run from p order by id;

-- name: window_over_grouped_aggregate
-- ordered
select j, count(*) as n, sum(count(*)) over () as total, rank() over (order by count(*) desc, j nulls first) as r from p group by j order by j nulls first;

-- name: date_trunc_on_dates
-- ordered
select id, date_trunc('month', d) as m, date_trunc('year', d) as y from p order by id;

-- name: timestamp_arithmetic_and_extract
select timestamp '2020-01-31 10:00:05.5' + interval '1 month' as a, timestamp '2020-03-01 00:00:00' - timestamp '2020-02-28 12:30:00' as b, extract(hour from timestamp '2020-01-31 10:20:05.5') as h, cast(date '2020-02-29' as timestamp) as c;

-- name: date_plus_compound_interval
-- ordered
select id, d + interval '1 month 1 day' as a, d - interval '1 year 1 month' as b, d + interval '36 hours' as c from p order by id;

-- name: date_compared_with_text_literal
-- ordered
select id from p where d > '2020-01-31' or d between '1999-01-01' and '1999-12-31' order by id;

-- name: casts_bool_numeric_literals
select cast(true as int) as a, cast(1.5 as int) as b, cast(-1.5 as int) as c, cast(-2.5 as int) as d, cast(2.5 as double precision) as e, cast(0 as boolean) as f, 2147483648 as g, 9223372036854775808 as h;

-- name: literal_arithmetic_types
select 10 / 4.0 as a, 1.0 * 3 as b, 5 / 2 * 2.0 as c, 2 ^ 3 as d, 1 + 2 * 3 - 4 as e, -2 ^ 2 as f, 7 % 3 * 2 as g;

-- name: setop_type_widening_numeric
select i from p union select n from p;

-- name: union_literals_mixed_types
-- ordered
select 1 as x union all select 2.5 union all select null order by x;

-- name: distinct_treats_nulls_equal
select distinct i, flag from p;

-- name: is_distinct_from_nulls
-- ordered
select id, i is distinct from j as dist, i is not distinct from 7 as same, flag is distinct from true as nt from p order by id;

-- name: between_with_nulls_and_symmetric_bounds
-- ordered
select id, i between -7 and 5 as bt, i between 5 and -7 as rev, i not between 0 and 7 as nb, n between null and 3 as nb2 from p order by id;

-- name: ilike_unicode_and_like_multibyte
select 'École' ilike 'é%' as a, 'ÉCOLE' ilike '%cole' as b, 'naïve' like 'na_ve' as c, 'straße' ilike 'STRASSE' as d;

-- name: substring_multibyte_and_position
select substring('héllo wörld' from 2 for 4) as a, position('ö' in 'héllo wörld') as b, length('héllo wörld') as c, upper('héllo') as d, lpad('é', 3, 'ü') as e;

-- name: case_short_circuit_and_null_branches
-- ordered
select id, case when i = 0 then null when j > 0 then i / j else -1 end as c, case i when 7 then 'seven' when null then 'null' else 'other' end as s from p order by id;

-- name: having_without_group_by
select count(*) as n from p having count(*) > 3;

-- name: aggregate_filter_and_distinct
-- ordered
select j, count(*) filter (where flag) as nf, sum(distinct i) as sdi, count(distinct i) filter (where i > 0) as cdi from p group by j order by j;

-- name: limit_zero_and_offset_past_end
select id from p order by id limit 0;

-- name: offset_past_end
select id from p order by id offset 20;

-- name: cast_text_to_int_at_run_time
-- ordered
select id, cast(cast(i as text) as int) as a, cast(' ' || cast(b as text) || '  ' as bigint) as c, cast('+' || cast(abs(j) as text) as int) as d from p order by id;

-- name: cast_text_invalid_is_error
select cast('4x' as int) as v;

-- name: group_by_name_prefers_input_column
select i % 2 as i, count(*) as n from p group by i;

-- name: order_by_alias_vs_input
-- ordered
select -i as i, id from p order by i, id;

-- name: order_by_expression_uses_input_column
-- ordered
select -i as i, id from p order by i + 0, id;

-- name: where_sees_input_not_alias
-- ordered
select id, i as j from p where j > 0 order by id;

-- name: cast_numeric_to_smaller_scale
-- ordered
select id, n, cast(n as numeric(5,1)) as n1, cast(n as numeric(5,0)) as n0, cast(f as numeric(5,0)) as f0, cast(f * 0.1 as numeric(6,2)) as f2 from p order by id;

-- name: cast_unconstrained_numeric
-- ordered
select id, cast(n as numeric) as a, cast(i as numeric) as b, cast(b as numeric) / 1 as c, cast('1.23456' as numeric) as d, cast(n as numeric) * 3 as e, i::numeric / 4 as f from p order by id;

-- name: cast_varchar_char_lengths
-- ordered
select id, cast(s as varchar(2)) as a, cast(s as character varying(1)) as b, cast(s as char(2)) || '|' as c, cast('héllo' as varchar(2)) as d from p order by id;

-- name: cast_float_to_text_extremes
select cast(1e20::float8 as text) as a, cast(1e-5::float8 as text) as b, cast(0.1::float8 + 0.2 as text) as c, cast(1e15::float8 as text) as d, cast(123456789012345.0::float8 as text) as e, cast(-0.0::float8 as text) as f;

-- name: cast_text_literals_pg_forms
select cast('tr' as boolean) as a, cast('of' as boolean) as b, cast(' YE ' as boolean) as c, cast('+7' as int) as d, cast('+1.5' as numeric(3,1)) as e, cast('-inf' as float8) as f, cast('INFINITY' as double precision) as g, cast(' .5 ' as float8) as h;

-- name: cast_text_to_numeric_and_float
select cast(' 1.5 ' as numeric) as a, cast('1e3' as numeric) as b, cast('1e3' as float8) as c, cast('  -0.25' as float8) as d, cast('Infinity' as float8) as e, cast('+7' as int) as g;

-- name: cast_timestamp_to_text
select cast(timestamp '2020-01-31 10:00:05.5' as text) as a, cast(timestamp '2020-01-31 10:00:00' as text) as b, cast(date '2020-01-31' as timestamp) as c;

-- name: concat_numbers_and_dates
-- ordered
select id, 'a' || n as an, 'b' || f as bf, 'c' || d as cd, 'd' || flag as df, 'e' || b as eb from p order by id;

-- name: cte_shadows_table
select * from (with p as (select 1 as id) select id from p) t;

-- name: join_non_equi
select p.id, q.k from p join q on q.k < p.j;

-- name: natural_full_join_keys
select * from (select j as k, id from p) a natural full join q;

-- name: join_using_null_keys
select k, id, v from (select j as k, id from p) a join q using (k);

-- name: text_literal_arith
select '1' + 1 as a, 1 = '1' as b, '2020-01-01'::date - '2019-01-01'::date as c, date '2020-01-01' + 1 as d;

-- name: coalesce_date_text
-- ordered
select id, coalesce(d, '1900-01-01') as cd from p order by id;

-- name: bool_ordering
-- ordered
select id, flag from p order by flag, id;

-- name: bool_ordering_desc
-- ordered
select id, flag from p order by flag desc, id;

-- name: bool_compare
-- ordered
select id, flag < true as lt, flag = false as eqf from p order by id;

-- name: window_frames_following
-- ordered
select id, sum(i) over (order by id rows between current row and unbounded following) as rest, sum(i) over (order by id rows between 2 following and 3 following) as ahead, lag(i, 2) over (order by id) as lg from p order by id;

-- name: window_range_current_row
-- ordered
select id, i, count(*) over (order by i range between current row and current row) as peers, sum(id) over (order by i desc range between unbounded preceding and current row) as s from p order by id;

-- name: order_by_window
-- ordered
select id from p order by rank() over (order by i desc nulls last), id;

-- name: values_mixed_types
select * from (values (1, 'a'), (2.5, null), (null, 'c')) v(x, y);

-- name: group_by_bool_expr_having_distinct
-- ordered
select i > 0 as pos, count(distinct j) as dj from p group by i > 0 having count(*) > 1 order by pos;

-- name: order_by_aggregate
-- ordered
select j, count(*) as n from p group by j order by count(*) desc, j nulls first;

-- name: subquery_order_limit_in_from
-- ordered
select * from (select id from p order by id desc limit 3) t order by id;

-- name: in_values_mixed
-- ordered
select id, i in (1, 2.5, 7) as a, n in (2.5, 1) as b from p order by id;

-- name: int_text_comparison
-- ordered
select id from p where i = '7' order by id;

-- name: sum_float_avg_float
select sum(f) as s, avg(f) as a, min(f) as mn, max(f) as mx, sum(f * f) as sq from p;

-- name: numeric_multiplication_exact
-- ordered
select id, n * n * n as cube, n * 1.15 as m, n * 0.01 as small from p order by id;

-- name: int_literal_overflow_types
select 2147483647 as a, 2147483648 as b, -2147483648 as c, 9223372036854775807 as d;

-- name: numeric_to_text_scale
select cast(1.50 as text) as a, cast(1.5::numeric(5,3) as text) as b, cast(0.1 + 0.2 as text) as c, 1.50 || '' as d;

-- name: sign_and_abs
-- ordered
select id, sign(i) as si, sign(n) as sn, sign(f) as sf, abs(i) as ai, abs(n) as an from p order by id;

-- name: power_sqrt_ln
select power(2, 10) as a, sqrt(2) as b, ln(10) as c, exp(1) as d, power(2.0, 0.5) as e, 2 ^ 0.5 as f;

-- name: mod_function_and_numeric_mod
-- ordered
select id, mod(i, 3) as m, n % 1 as nm, mod(n, 0.3) as nm3 from p order by id;

-- name: date_part_functions
-- ordered
select id, date_part('year', d) as y, date_part('dow', d) as w, date_part('day', d) as dd from p order by id;

-- name: trim_chars_unicode
select trim(both 'é' from 'ééaéé') as a, ltrim('xxyy', 'x') as b, rtrim('abcxx', 'xc') as c, btrim('  ') as d;

-- name: substring_regex_free_forms
select substring('hello', 2, 3) as a, substring('hello' for 2) as b, substr('hello', 0) as c, substr('hello', -3, 5) as d;

-- name: strpos_empty_needle
select strpos('abc', '') as a, position('' in '') as b, strpos('', 'a') as c;

-- name: replace_empty
select replace('abc', '', 'x') as a, replace('aaa', 'aa', 'b') as b, replace('abc', 'b', '') as c;

-- name: length_types
select length('') as a, char_length(' ') as b, length(null::text) as c;

-- name: nested_case_types
select case when true then 1 when false then 2.5 end as a, case when false then 'x' end as b, coalesce(null, null, 3) as c, nullif(1, 1.0) as d;

-- name: count_star_empty_group
select j, count(*) from p where id < 0 group by j;

-- name: exists_over_ungrouped_aggregate_is_true
select id from p where exists (select count(*) from q where q.k = p.j) order by id;

-- name: not_exists_over_ungrouped_aggregate_is_false
select count(*) from p where not exists (select max(k) from q where q.k = p.j);

-- name: scalar_subquery_in_order_by
-- ordered
select id from p order by (select count(*) from q where q.k = p.j) desc, id;

-- name: intersect_with_nulls
select i, j from p intersect select i, j from p where id > 4;

-- name: except_all_duplicates
select j from p except all select k from q;

-- name: union_distinct_float_numeric
select f from p union select n from p;

-- name: in_keyless_aggregate_correlated
-- ordered
select id, j in (select max(k) from q where q.k = p.j) as a, j not in (select max(k) from q where q.k = p.j) as b, i in (select count(*) from q where q.k = p.j) as c from p order by id;

-- name: where_not_in_keyless_aggregate
select id from p where j not in (select max(k) from q where q.k = p.j);

-- name: where_in_keyless_uncorrelated
select id from p where j in (select max(k) from q);

-- name: exists_uncorrelated_empty_aggregate
select count(*) from p where exists (select max(k) from q where k > 100);

-- name: not_exists_keyless_in_select
-- ordered
select id, not exists (select sum(k) from q where q.k = p.j) as ne from p order by id;

-- name: extract_second_fraction
select extract(second from timestamp '2020-01-31 10:20:05.5') as s;

-- name: char_n_padding
select cast('ab' as char(5)) as padded;

-- name: nan_literal
select cast('NaN' as float8) as f;

-- name: float_overflow
select cast('1.5e300' as float8) * 1e10 as big;

-- name: like_regex_metachars
select 'a.c' like 'a.c' as a, 'abc' like 'a.c' as b, 'a(c' like 'a(%' as c, 'a[b]' like 'a[%' as d, 'a^$' like '%^$' as e, 'a\b' like 'a\\b' as f, 'x+y' like 'x+%' as g, 'a*' like '_*' as h;

-- name: timestamp_interval_mix
select timestamp '2020-02-29 23:30:00' + interval '1 hour' as a, timestamp '2020-01-31 12:00:00' + interval '1 month 1 day 1 hour' as b, timestamp '2020-03-31 00:00:00' - interval '1 month' as c, date '2020-01-01' - interval '36 hours' as d, timestamp '2021-01-01 00:00:00' - timestamp '2020-01-01 12:00:00' as e;

-- name: timestamp_compare_with_date
-- ordered
select id, d < timestamp '2020-01-31 00:00:01' as lt, d = timestamp '2020-01-31 00:00:00' as eq from p order by id;

-- name: interval_literals_forms
select date '2020-01-15' + interval '2 weeks' as a, date '2020-01-15' + interval '1' year as b, date '2020-01-15' + interval '1-2' year to month as c, date '2020-01-15' + interval '3 days 4 hours' as d, date '2020-01-15' - interval '-1 month' as e;

-- name: extract_from_timestamp
select extract(hour from timestamp '2020-01-31 23:59:59') as h, extract(minute from timestamp '2020-01-31 23:59:59') as m, extract(dow from timestamp '2020-02-02 10:00:00') as w, extract(doy from timestamp '2020-12-31 10:00:00') as y, extract(quarter from timestamp '2020-12-31 10:00:00') as q, extract(year from timestamp '0099-01-01 00:00:00') as yy;

-- name: distinct_on_nulls_and_order
-- ordered
select distinct on (j) j, i, id from p order by j nulls first, i desc nulls last, id;

-- name: window_percent_rank_single_and_ntile_more_than_rows
-- ordered
select id, percent_rank() over (partition by id order by i) as pr, ntile(20) over (order by id) as nt, cume_dist() over (partition by j order by i) as cd from p order by id;

-- name: window_lag_lead_nulls_and_partitions
-- ordered
select id, j, lag(s) over (partition by j order by id) as ls, lead(d, 1) over (partition by j order by id) as ld, first_value(n) over (partition by j order by id rows between 1 following and unbounded following) as fn from p order by id;

-- name: window_max_min_text_and_date
-- ordered
select id, max(s) over (order by id rows between unbounded preceding and current row) as ms, min(d) over (partition by flag) as md from p order by id;

-- name: float_zero_grouping
select f * 0 as z, count(*) from p where f is not null group by f * 0;

-- name: order_by_nonascii_text
-- ordered
select x from (values ('é'), ('e'), ('z'), ('É'), ('ß'), ('Z'), ('😀'), ('')) v(x) order by x;

-- name: string_functions_multibyte_sqlite
select length('😀a') as a, substring('😀abc' from 2 for 2) as b, upper('😀a') as c, position('a' in '😀a') as d, left('😀ab', 2) as e, right('😀ab', 2) as f, lpad('😀', 3, 'é') as g, replace('😀😀', '😀', 'x') as h, strpos('a😀b', 'b') as i;

-- name: trim_unicode_whitespace
select trim(' \t a ') as a, length(trim(E'\ta\n')) as b, ltrim('ééa', 'é') as c;

-- name: numeric_comparisons_across_types
-- ordered
select id from p where n > f or n < i or b > n order by id;

-- name: bigint_numeric_mix
-- ordered
select id, b + n as bn, b * 1.5 as b15, b / 3.0 as b3 from p where b between -100 and 100 order by id;

-- name: bigint_plus_numeric_beyond_double
-- ordered
select id, b + n as bn from p where id in (1, 3) order by id;

-- name: case_with_mixed_numeric_results
-- ordered
select id, case when i > 0 then i when i < 0 then n else f end as c from p order by id;

-- name: coalesce_mixed_numeric
-- ordered
select id, coalesce(f, n, i) as c, coalesce(i, b) * 2 as d from p order by id;

-- name: union_all_order_by_nulls
-- ordered
select i as x from p union all select k from q order by x desc nulls last;

-- name: setop_column_names_and_types
select 1 as a, 'x' as b union select 2, null union select null, 'y';

-- name: count_distinct_multiple_and_nulls_grouped
-- ordered
select j, count(distinct s) as ds, count(distinct d) as dd, count(s) as cs from p group by j order by j nulls last;

-- name: having_references_aggregate_not_in_select
-- ordered
select j from p group by j having max(i) > 0 and min(id) < 5 order by j;

-- name: group_by_expression_reused_in_select
-- ordered
select upper(s) as u, count(*) as c from p group by upper(s) order by u nulls first;

-- name: order_by_column_not_selected
-- ordered
select s from p order by id desc;

-- name: nested_subquery_scalar_in_where
select id from p where i > (select avg(i) from p) order by id;

-- name: exists_with_non_equality_correlation
-- ordered
select id from p where exists (select 1 from q where q.k > p.j) order by id;

-- name: not_in_empty_table
select count(*) from p where i not in (select k from q where false);

-- name: left_join_is_null_anti
select p.id from p left join q on q.k = p.j where q.k is null order by p.id;

-- name: right_join_unmatched
select p.id, q.k, q.v from p right join q on q.k = p.j;

-- name: cross_join_with_filter_count
select count(*) from p cross join q where p.j = q.k or q.k is null;

-- name: self_join_with_inequality
select a.id, b.id from p a join p b on a.i < b.i and a.j = b.j;

-- name: limit_with_offset_and_nulls
-- ordered
select id, s from p order by s nulls first, id limit 4 offset 1;

-- name: values_only_select
select * from (values (1, 'a'), (2, 'b')) as t(x, y) where x > 1;

-- name: select_without_from
select 1 + 1 as two, 'a' || 'b' as ab, null::int as n, true and null as tn, false and null as fn, true or null as tor;

-- name: mixed_case_identifiers
select ID, P.I from p as P where "id" = 1;

-- name: aggregate_of_expression_with_nulls
select sum(i * j) as s, avg(i + j) as a, max(i - j) as mx, count(i + j) as c from p;

-- name: min_max_bool_via_case
select min(case when flag then 1 else 0 end) as mn, max(case when flag then 1 else 0 end) as mx from p;

-- name: sum_distinct_numeric
select sum(distinct n) as sdn, avg(distinct n) as adn, count(distinct n) as cdn from p;

-- name: null_typing_in_operators
select null or false as a, not null as b, null || 'a' as c, 'a' || null as c2, null = 1 as d, 1 < null as e, null is null as f, -null::int as g, coalesce(null, 'x') as h, nullif(null, 1) as i, null like 'a' as j, 'a' like null as k, null in (1, 2) as l, upper(null) as m, length(null) as n, lower(null) || 'x' as o, abs(null) as p2, round(null) as q, substring(null from 1 for 2) as r, case when null then 1 else 2 end as s, greatest(null, 1) as t;


-- name: date_trunc_fields
-- ordered
select id, date_trunc('week', d) as w, date_trunc('quarter', d) as q, date_trunc('day', d) as dd, date_trunc('decade', d) as de from p order by id;

-- name: date_trunc_timestamp_fields
select date_trunc('hour', timestamp '2020-02-29 13:45:12.5') as h, date_trunc('minute', timestamp '2020-02-29 13:45:12.5') as m, date_trunc('second', timestamp '2020-02-29 13:45:12.5') as s, date_trunc('week', timestamp '2021-01-03 13:45:12') as w, date_trunc('century', timestamp '2001-05-05 00:00:00') as c, date_trunc('millennium', timestamp '2001-05-05 00:00:00') as mi;

-- name: date_compare_text_column
-- ordered
select id from p where cast(d as text) like '2020%' order by id;

-- name: integer_div_mod_identity
-- ordered
select id, i / 2 * 2 + i % 2 = i as ok, abs(i) % 3 as m3, -i % 3 as nm from p order by id;

-- name: date_minus_interval_result_type
select date '2020-03-31' - interval '1 month' as a, (date '2020-03-31' - interval '1 month')::date as b;

-- name: cast_timestamp_to_date
select cast(timestamp '2020-03-31 23:59:59' as date) as a, cast('2020-03-31 12:00:00' as date) as b;

-- name: sum_over_values
select sum(x) from (values (1), (2), (3)) t(x);

-- name: order_by_desc_nulls_default_multiple
-- ordered
select id, j, i from p order by j desc, i, id desc;

-- name: setop_intersect_binds_tighter
select 1 as x union select 2 intersect select 2;

-- name: setop_except_left_assoc
select 1 as x union select 2 except select 2 union select 3;

-- name: setop_parenthesized_with_limits
-- ordered
(select id from p order by id limit 2) union all (select id from p order by id desc limit 2) order by id;

-- name: setop_intersect_all_precedence
select i from p union all select j from p intersect all select i from p;

-- name: join_using_type_widening
select * from (select cast(j as bigint) as k, id from p) a join q using (k);

-- name: group_by_position_order_by_position
-- ordered
select j, count(*) from p group by 1 order by 2 desc, 1 nulls first;

-- name: order_by_position_with_expression_alias_clash
-- ordered
select id as j, j as id from p order by j desc;

-- name: nested_aggregate_in_case
-- ordered
select j, case when count(*) > 1 then sum(i) else -1 end as c from p group by j order by j nulls first;

-- name: distinct_with_order_by_selected_expr
-- ordered
select distinct i % 2 as par from p order by par nulls first;

-- name: cte_used_twice_with_aggregate
with t as (select j, count(*) as c from p group by j) select a.j, b.c from t a join t b on a.j = b.j;

-- name: subquery_alias_columns
select x.a, x.b from (select id, s from p) as x(a, b) where x.a < 3;

-- name: where_in_with_subquery_and_or
-- ordered
select id from p where j in (select k from q) or i is null order by id;

-- name: not_in_subquery_or_condition
-- ordered
select id from p where j not in (select k from q where k is not null) or id = 1 order by id;

-- name: exists_or_condition
-- ordered
select id from p where exists (select 1 from q where q.k = p.j) or id > 6 order by id;

-- name: scalar_subquery_arith
-- ordered
select id, i - (select min(k) from q) as d, (select count(*) from q) * 2 as c from p order by id;

-- name: having_with_correlated_scalar
select j from p group by j having count(*) > (select count(*) from q where q.k = p.j);

-- name: left_join_then_group_count
-- ordered
select p.id, count(q.k) as c, count(*) as n from p left join q on q.k = p.j group by p.id order by p.id;

-- name: full_join_coalesce_keys_grouped
-- ordered
select coalesce(p.j, q.k) as key, count(p.id) as np, count(q.v) as nq from p full join q on p.j = q.k group by coalesce(p.j, q.k) order by key nulls first;
