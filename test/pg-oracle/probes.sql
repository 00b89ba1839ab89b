

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
