-- PostgreSQL-semantics probes for math, numeric, date/time and interval functions (as probes.sql).

-- name: factorial_values
-- ordered
select x, factorial(x) as f from (values (0), (1), (2), (5), (12), (13), (20), (21), (25), (33)) v(x) order by x;

-- name: factorial_of_columns
-- ordered
select id, factorial(abs(i)) as fi, factorial(abs(j) + 18) as fj from p where i is not null and j is not null order by id;

-- name: factorial_negative_is_error
select factorial(i) as f from p where i < 0;

-- name: div_decimals_exact
-- ordered
select id, div(n, 0.03) as q, div(n * 10, 3) as qi, div(9.99, 0.03) as e, div(-7.5, 2) as neg, div(i, 2.5) as mixed, div(b, 7) as bi from p where n <> 0 and i is not null order by id;

-- name: min_scale_and_scale_of_decimals
-- ordered
select id, min_scale(n) as m, min_scale(n * 2) as m2, min_scale(1.500) as lit, min_scale(i) as mi, min_scale(cast(n as numeric(12, 5))) as wide, scale(n) as s, scale(n * n) as s2, scale(n + 1.125) as s3, scale(1.500) as slit, scale(i) as si, scale(cast(b as numeric(30, 4))) as sc from p order by id;

-- name: interval_times_number
-- ordered
select id, interval '1 month 1 day' * f as mf, f * interval '2 hours 30 minutes' as fm, interval '1 mon 2 days 03:04:05.5' * i as mi, interval '3 months' * n as mn, interval '1 day' * 0.3 as frac from p where f is not null order by id;

-- name: interval_divided_by_number
-- ordered
select id, interval '1 month' / f as mf, interval '5 days 10 hours' / i as di, interval '1 year 1 month' / 7 as y7, interval '-3 mons 2 days' / 4.5 as neg from p where f is not null and i <> 0 order by id;

-- name: interval_plus_minus_interval
-- ordered
select id, interval '1 month 2 days' + make_interval(0, 0, 0, id) as s, interval '1 month 2 days' - make_interval(0, id, 0, 0, id) as d, -(interval '1 month 2 days 3 hours' - make_interval(0, 0, 0, 0, 0, id)) as n from p order by id;

-- name: date_minus_date_days
-- ordered
select id, d - date '2020-01-01' as since, date '2024-03-01' - d as until, (d + 1) - d as one from p where d is not null order by id;

-- name: make_interval_fields
-- ordered
select id, make_interval(id) as y, make_interval(0, id, 1) as mw, make_interval(1, 2, 3, 4, 5, 6, f) as all7, make_interval(0, 0, 0, 0, 0, 0, 0.0000025) as even, make_interval(0, 0, 0, -id, 25, -61) as mixed, make_interval() as zero from p where f is not null order by id;

-- name: justify_functions
-- ordered
select k, x, justify_days(x) as jd, justify_hours(x) as jh, justify_interval(x) as ji from (values (1, interval '35 days'), (2, interval '-35 days'), (3, interval '1 month -35 days'), (4, interval '-1 month 35 days'), (5, interval '27 hours'), (6, interval '-27 hours'), (7, interval '1 day -27 hours'), (8, interval '-1 day 27 hours'), (9, interval '1 mon -1 hour'), (10, interval '-1 mon 1 hour'), (11, interval '1 mon -31 days 2 hours'), (12, interval '65 days 50 hours'), (13, interval '-65 days -50 hours'), (14, interval '30 days'), (15, interval '1 mon -30 days -1 hour'), (16, interval '-1 mon 30 days 1 hour'), (17, interval '1 mon 0 days -1 hour'), (18, cast(null as interval))) v(k, x) order by k;

-- name: extract_interval_fields
-- ordered
select k, x, extract(year from x) as y, extract(month from x) as mo, extract(day from x) as d, extract(hour from x) as h, extract(minute from x) as mi, extract(second from x) as s, extract(microseconds from x) as us, extract(milliseconds from x) as ms, extract(epoch from x) as e, date_part('quarter', x) as q, extract(decade from x) as de, extract(century from x) as ce from (values (1, interval '14 months 3 days 25:01:02.5'), (2, interval '-14 months -3 days -25:01:02.5'), (3, interval '123 years 11 months'), (4, interval '59.999999 seconds'), (5, interval '0'), (6, interval '-1 mon 40 days -1 hour'), (8, interval '1.5'), (9, interval '-90'), (7, cast(null as interval))) v(k, x) order by k;

-- name: extract_milliseconds_and_julian
-- ordered
select id, extract(milliseconds from cast(d as timestamp) + interval '12.345678 seconds') as ms, date_part('ms', d) as msd, extract(julian from d) as jd, date_part('julian', cast(d as timestamp) + interval '6 hours') as jt, extract(julian from date '1970-01-01') as j0 from p where d is not null order by id;

-- name: isfinite_values
-- ordered
select id, isfinite(d) as fd, isfinite(cast(d as timestamp)) as ft, isfinite(interval '1 day' * i) as fi from p order by id;

-- name: date_bin_strides
-- ordered
select t, date_bin(interval '15 minutes', t, timestamp '2001-01-01') as q, date_bin(interval '1 day 6 hours', t, timestamp '2020-01-01 03:00') as d6, date_bin(interval '7 days', t, timestamp '2024-01-01') as w, date_bin(interval '10 seconds', t, timestamp '2030-01-01 00:00:05') as future, date_bin(interval '1 microsecond', t, timestamp '2000-01-01') as us from (values (cast('2020-02-11 15:44:17' as timestamp)), (cast('2000-12-31 23:45:00' as timestamp)), (cast('1999-06-30 12:00:00.123456' as timestamp)), (cast('2024-02-29 00:00:00' as timestamp)), (cast(null as timestamp))) v(t) order by t nulls last;

-- name: date_bin_of_dates
-- ordered
select id, date_bin(interval '10 days', d, date '2000-01-01') as b from p where d is not null order by id;

-- name: date_bin_with_months_is_error
select date_bin(interval '1 month', cast(d as timestamp), timestamp '2000-01-01') as b from p;

-- name: to_timestamp_of_epoch
-- ordered
select x, to_timestamp(x) as t from (values (0.0), (1.5), (-1.5), (1e9), (1700000000.1234565), (-62135596800), (253402300799.5), (86399.9999995), (-0.0000005)) v(x) order by x;

-- name: to_timestamp_of_columns
-- ordered
select id, to_timestamp(i * 100000000) as ti, to_timestamp(f) as tf, to_timestamp(b / 1000000000000) as tb, to_timestamp(n) as tn from p order by id;

-- name: to_timestamp_nan_is_error
select to_timestamp(cast('NaN' as double precision)) as t from p where id = 1;

-- name: math_domain_edges
select cot(0.0) as c0, atanh(1.0) as a1, atanh(-1.0) as am1, power(0.0, 0.0) as p00, power(-8.0, 3) as pm8, power(-2.0, -2) as pm2, sqrt(0.0) as s0, acosh(1.0) as ah1, asin(1.0) as as1, acos(-1.0) as ac1, ln(1.0) as l1, log10(0.001) as lg;

-- name: sqrt_negative_is_error
select sqrt(f) as s from p where f < 0;

-- name: ln_zero_is_error
select ln(i) as l from p where i = 0;

-- name: log10_negative_is_error
select log10(n) as l from p where n < 0;

-- name: power_zero_to_negative_is_error
select power(i, -j) as pw from p where i = 0 and j is not null;

-- name: power_negative_to_fraction_is_error
select power(f, 0.5) as pw from p where f < 0;

-- name: asin_out_of_range_is_error
select asin(f) as a from p where f > 1;

-- name: acos_out_of_range_is_error
select acos(i) as a from p where i < 0;

-- name: acosh_below_one_is_error
select acosh(f) as a from p where f < 1;

-- name: atanh_out_of_range_is_error
select atanh(f) as a from p where f > 1;

-- name: to_char_numeric_patterns
-- ordered
select k, to_char(x, '999.99') as a, to_char(x, 'FM999.99') as b, to_char(x, '990.00') as c, to_char(x, 'S999.9') as d, to_char(x, '999MI') as e, to_char(x, '9,999PR') as f, to_char(x, 'FM9G990D0') as g, to_char(x, '999') as h, to_char(x, 'FM999') as i, to_char(x, '0999') as j, to_char(x, '9.99') as l, to_char(x, 'MI99.9') as m, to_char(x, 'FMS990.0') as n, to_char(x, '99.9S') as o, to_char(x, '"$"FM999,999.00" total"') as q, to_char(x, 'FM9,999,999') as r, to_char(x, 'FM999.9PR') as s from (values (1, 0.0), (2, 0.5), (3, -0.5), (4, 5), (5, -5), (6, 12.345), (7, -12.345), (8, 1234.5), (9, 999.995), (10, 0.004), (11, -0.004), (12, 123456.789), (13, -98765.4321), (14, 10), (15, 100.1), (16, null)) v(k, x) order by k;

-- name: to_char_of_columns
-- ordered
select id, to_char(n, 'FM990.0') as n1, to_char(n, '999.999') as n3, to_char(i, 'S99') as si, to_char(i, '00') as zi, to_char(b, '9,999,999,999,999,999,999') as bb, to_char(b, 'FM9999') as ov, to_char(j, 'FM0.00') as jf, to_char(cast(i as bigint) * 1000, 'FMG999G999') as gsep from p order by id;

-- name: prefix_math_operators
-- ordered
select id, @ i as a, @ n as an, |/ abs(f) as s, ||/ f as c, |/ 16 + 9 as prec, @ -5 + 1 as prec2, 2 ^ 3 ^ 2 as pw, -2 ^ 2 as npw, |/ (id * id) as sq from p where f is not null order by id;

-- name: to_date_and_to_timestamp_formats
-- ordered
select k, to_date(s, 'YYYY-MM-DD') as iso, to_date(s, 'YYYY/MM/DD') as anysep, to_timestamp(s, 'YYYY-MM-DD HH24:MI:SS') as ts, to_timestamp(s, 'YYYY-MM-DD HH24:MI:SS.US') as tsus from (values (1, '2020-01-05 10:11:12.5'), (2, '2020/1/5 7:8:9.123456'), (3, '  1999-12-31 23:59:59.999999  '), (4, '2024-02-29 00:00:00'), (5, '2020-01-05'), (6, '2020-01-05 10'), (7, '2020-01-05 10:11'), (8, '2020 01 05 10 11 12 5'), (9, null)) v(k, s) order by k;

-- name: to_date_orders_and_quoted_text
-- ordered
select k, to_date(s, 'DD.MM.YYYY') as dmy, to_timestamp(s, 'DD.MM.YYYY HH24"h"MI') as hm, to_timestamp(s, 'DD.MM.YYYY HH24"h"MI:SS.MS') as ms from (values (1, '05.01.2020 10h30:01.5'), (2, '29.02.2024 00h00:00.05'), (3, '31.12.1999 23h59:59.999')) v(k, s) order by k;

-- name: to_date_partial_formats
-- ordered
select k, to_date(s, 'YYYYMMDD') as compact, to_timestamp(s, 'YYYYMMDD') as compact_ts, to_date(substr(s, 1, 6), 'YYYYMM') as ym, to_timestamp(s || '1730', 'YYYYMMDDHH24MI') as hm from (values (1, '20200105'), (2, '19991231'), (3, '20240229')) v(k, s) order by k;

-- name: to_date_invalid_is_error
select to_date(s, 'YYYY-MM-DD') as d from p where id = 1;

-- name: date_trunc_of_intervals
-- ordered
select k, date_trunc('millennium', x) as mi, date_trunc('century', x) as ce, date_trunc('decade', x) as de, date_trunc('year', x) as y, date_trunc('quarter', x) as q, date_trunc('month', x) as mo, date_trunc('day', x) as d, date_trunc('hour', x) as h, date_trunc('minute', x) as m, date_trunc('second', x) as s, date_trunc('milliseconds', x) as ms, date_trunc('microseconds', x) as us, date_trunc('Hours', x) as hs from (values (1, interval '1234 years 11 months 3 days 49:59:59.123456'), (2, interval '-1234 years -11 months -3 days -49:59:59.123456'), (3, interval '-1 year -5 months -3 days -04:05:06.789'), (4, interval '7 months 40 days -1 hour'), (5, cast(null as interval))) v(k, x) order by k;

-- name: date_trunc_interval_week_is_error
select date_trunc('week', interval '1 day' * id) as w from p;

-- name: sum_and_avg_of_intervals
-- ordered
select g, sum(x) as s, avg(x) as a, sum(x) filter (where k > 1) as sf, count(x) as c from (values (1, 1, interval '1 month 1 day'), (2, 1, interval '2 days 3 hours'), (3, 1, interval '-1 mon 25:00:00'), (4, 2, interval '1 mon -31 days'), (5, 2, interval '7 months 1.5 seconds'), (6, 2, null), (7, 3, null), (8, 1, interval '1 year 5 months 3 days')) v(k, g, x) group by g order by g;

-- name: sum_and_avg_of_intervals_over_windows
-- ordered
select id, sum(make_interval(0, i, 0, j, 0, 0, f)) over (order by id rows between 1 preceding and current row) as s, avg(interval '1 mon 1 day 1 hour' * i) over (order by id rows between 2 preceding and current row) as a from p order by id;

-- name: overlaps_periods
-- ordered
select k, (a, b) overlaps (c, d) as o, (a, interval '10 days') overlaps (c, d) as oi, (b, a) overlaps (d, c) as swapped, (a, b) overlaps (c, null) as n2, (a, null) overlaps (c, d) as n1, (null, b) overlaps (c, d) as ns from (values (1, date '2020-01-01', date '2020-01-10', date '2020-01-05', date '2020-01-20'), (2, date '2020-01-01', date '2020-01-05', date '2020-01-05', date '2020-01-20'), (3, date '2020-01-10', date '2020-01-20', date '2020-01-01', date '2020-01-05'), (4, date '2020-01-01', date '2020-01-01', date '2020-01-01', date '2020-01-01'), (5, date '2020-02-01', date '2020-01-01', date '2020-01-15', date '2020-01-16'), (6, date '2020-01-01', date '2020-01-10', date '2019-12-01', date '2020-01-01')) v(k, a, b, c, d) order by k;

-- name: overlaps_timestamps_and_nulls
-- ordered
select id, (cast(d as timestamp), interval '1 day') overlaps (timestamp '2020-01-31 12:00', timestamp '2020-02-01') as od, (d, d + 30) overlaps (date '2020-02-15', interval '1 month') as om from p order by id;

-- name: to_char_numeric_edges
-- ordered
select k, to_char(x, '.99') as frac_only, to_char(x, 'FM.99') as fm_frac, to_char(x, '9') as one, to_char(x, 'FM9G999G999D999') as fm_g, to_char(x, '9G999G999D999') as g, to_char(x, '000,000.0') as zeros, to_char(x, 'S0.00') as s0, to_char(x, 'FM9999.00PR') as fmpr, to_char(x, '"<"999">"') as quoted from (values (1, 0.0), (2, 0.5), (3, -0.125), (4, 7), (5, -7.77777), (6, 1234567.8915), (7, -1234567.8915), (8, 0.999), (9, 99.995), (10, -0.0001)) v(k, x) order by k;

-- name: to_char_integers_with_fractions
-- ordered
select id, to_char(i, '99.99') as i2, to_char(b, 'FM9999999999999999999.0') as b1, to_char(b, 'S9999999999999999999') as bs, to_char(j * 1000, 'FM9,999MI') as jm, to_char(-2147483648, '9999999999') as imin, to_char(cast(-9223372036854775808 as bigint), 'FM9999999999999999999') as bmin from p order by id;

-- name: interval_comparisons
-- ordered
select k, x, x = interval '30 days' as eq30, x < interval '1 mon' as lt1m, x >= interval '24 hours' as ge24h, x <> interval '1 day' as ne1d, x is distinct from interval '720 hours' as d720, greatest(x, interval '1 day', null) as g, least(x, interval '25 hours') as l from (values (1, interval '1 mon'), (2, interval '30 days'), (3, interval '29 days 25:00:00'), (4, interval '-1 day'), (5, interval '1 day'), (6, interval '23:59:59.999999'), (7, interval '1 year -11 mons -29 days'), (8, cast(null as interval))) v(k, x) order by k;

-- name: order_by_interval_and_min_max
-- ordered
select x, justify_interval(x) as j from (values (interval '1 mon 1 day'), (interval '29 days 25:00:00'), (interval '-1 day'), (interval '1 year'), (interval '364 days'), (interval '-2 mons 3 days'), (interval '00:00:00.000001')) v(x) order by x desc;

-- name: min_max_of_intervals_grouped
-- ordered
select j, min(interval '1 day' * i) as mi, max(make_interval(0, 0, 0, i, j)) as ma, min(interval '1 mon' * f) filter (where id > 2) as mf from p group by j order by j nulls last;

-- name: min_max_of_intervals_over_windows
-- ordered
select id, max(interval '1 day' * i) over (order by id rows between 1 preceding and 1 following) as mx, min(interval '1 hour' * b) over (order by id rows between 2 preceding and current row) as mn from p where b between -100 and 100 order by id;

-- name: to_char_of_intervals
-- ordered
select k, to_char(x, 'HH24:MI:SS') as hms, to_char(x, 'HH24:MI:SS.MS') as ms, to_char(x, 'DD "days" HH:MI:SS.US') as full, to_char(x, 'YYYY-MM-DD') as ymd, to_char(x, 'FMHH24"h"FMMI"m"') as fm, to_char(x, 'SSSS') as secs, to_char(x, 'hh24') as lower, to_char(x, 'HH12') as h12 from (values (1, interval '15 hours 2 minutes 12.5 seconds'), (2, interval '-15 hours -2 minutes -12.5 seconds'), (3, interval '3 days 125:00:01'), (4, interval '1 year 2 mons 3 days'), (5, interval '-1 year -2 mons'), (6, interval '00:00:00.000001'), (7, interval '-12:00:00'), (8, cast(null as interval))) v(k, x) order by k;

-- name: round_double_ties_to_even_at_any_magnitude
-- ordered
select x, round(x) as r from (values (cast(2.5 as double precision)), (-2.5), (0.5), (-0.5), (1.5), (-946684800000000.5), (4503599627370495.5), (4503599627370497), (-1e300), (cast('Infinity' as double precision))) v(x) order by x;

-- name: named_arguments_of_make_functions
-- ordered
select id, make_interval(days => id) as d, make_interval(secs => f, hours => 1) as sh, make_interval(1, weeks => 2) as yw, make_date(year => 2000 + id, month => 2, day => 28) as md, make_date(2020, day => id, month => 3) as md2, make_timestamp(year => 2020, month => 1, mday => id, hour => 10, min => 30, sec => 15.5) as mt from p where f is not null order by id;

-- name: group_by_interval_equal_spans
select count(*) as groups, min(c) as smallest from (select x, count(*) as c from (values (interval '1 mon'), (interval '30 days'), (interval '720 hours'), (interval '1 mon -29 days'), (interval '1 day'), (interval '24 hours')) v(x) group by x) g;

-- name: extract_seconds_and_epoch_with_fractions
select k, extract(second from t) as s, date_part('second', t) as ds, extract(epoch from t) as e, date_part('epoch', t) as de, extract(milliseconds from t) as ms, extract(microseconds from t) as us, extract(minute from t) as mi, extract(hour from t) as h from (values (1, timestamp '2020-01-01 00:00:12.345678'), (2, timestamp '2020-01-01 00:00:12'), (3, timestamp '1969-12-31 23:59:58.5'), (4, timestamp '1900-02-28 23:59:59.999999'), (5, cast(null as timestamp))) v(k, t) order by k;

-- name: extract_fields_of_dates
select extract(epoch from date '1969-12-31') as e, extract(year from date '2020-02-29') as y, date_part('second', date '2020-02-29') as ds;

-- name: extract_fields_of_negative_intervals
select extract(second from interval '-1 day -00:00:01.25') as si, extract(epoch from interval '-1 day -00:00:01.25') as ei, extract(milliseconds from interval '-1.5 seconds') as msi;
