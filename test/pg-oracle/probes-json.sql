-- PostgreSQL-semantics probes for arrays (lists) and JSON (as probes.sql).

-- name: array_agg_ordered_keeps_nulls
-- ordered
select j, array_agg(i order by id) as a, array_agg(s order by id desc) as t from p group by j order by j nulls last;

-- name: array_agg_filter_and_no_rows
-- ordered
select j, array_agg(id order by id) filter (where i > 0) as pos, array_agg(b order by id) as big from p group by j order by j nulls last;

-- name: array_agg_over_no_rows_is_null
select array_agg(i order by id) as a, count(*) as c from p where id > 100;

-- name: array_agg_of_dates_bools_decimals
-- ordered
select j, array_agg(d order by id) as ds, array_agg(flag order by id) as fs, array_agg(n order by id) as ns from p group by j order by j nulls last;

-- name: array_agg_without_order_sorts_by_value
-- ordered
select j, array_agg(i) as a from p group by j order by j nulls last;

-- name: array_constructor_and_subscripts
-- ordered
select id, ARRAY[i, j, 3] as a, (ARRAY[s, 'x'])[2] as e2, (ARRAY[i, j])[0] as e0, (ARRAY[i, j])[3] as e3, (ARRAY[i, j])[-1] as en, (ARRAY[i, j])[j] as ej from p order by id;

-- name: cardinality_and_array_length
-- ordered
select j, cardinality(array_agg(i order by id)) as c, array_length(array_agg(i order by id), 1) as l1, array_length(array_agg(i order by id), 2) as l2, cardinality(string_to_array(min(s), 'z')) as cs, array_length(string_to_array('', ','), 1) as le from p group by j order by j nulls last;

-- name: array_to_string_skips_or_replaces_nulls
-- ordered
select j, array_to_string(array_agg(i order by id), ',') as a, array_to_string(array_agg(i order by id), '-', '*') as b, array_to_string(array_agg(s order by id), '|') as c, array_to_string(ARRAY[s, null, 'z'], '') as d, array_to_string(ARRAY[s], null) as ns, array_to_string(ARRAY[s, null], ',', null) as nn from p group by j, s order by j nulls last, s nulls last;

-- name: string_to_array_edges
-- ordered
select id, string_to_array(s || ',x,,y', ',') as a, string_to_array(s, '') as e, string_to_array(s || 'é', null) as c, string_to_array('a,NA,b', ',', 'NA') as n, string_to_array('', ',') as z from p order by id;

-- name: array_position_finds_first_and_null
-- ordered
select id, array_position(ARRAY[3, i, j, i], i) as p1, array_position(ARRAY[3, i, j], 99) as p2, array_position(ARRAY[i, null, 3], null) as pn, array_position(ARRAY['x', s], 'abc') as ps from p order by id;

-- name: array_cat_and_concat_operator
-- ordered
select id, array_cat(ARRAY[i], ARRAY[j, 3]) as c, ARRAY[s] || ARRAY['z'] as o, array_append(ARRAY[i], j) as ap, array_prepend(j, ARRAY[i]) as pp from p order by id;

-- name: array_cat_with_null_array
-- ordered
select j, array_cat(array_agg(i order by id) filter (where i > 100), ARRAY[j]) as c, array_agg(i order by id) filter (where i > 100) || array_agg(i order by id) filter (where i > 100) as n from p group by j order by j nulls last;

-- name: equal_any_array_three_valued
-- ordered
select id, i = ANY(ARRAY[7, 5]) as a, i = ANY(ARRAY[j, null]) as b, 3 = ANY(ARRAY[i, j]) as c, i = ANY(array_agg_none.e) as d from p cross join (select array_agg(k order by k) filter (where k > 100) as e from q) as array_agg_none order by id;

-- name: equal_any_in_where
-- ordered
select id from p where s = ANY(ARRAY['abc', 'ABC', 'nope']) order by id;
