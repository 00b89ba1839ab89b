-- PostgreSQL-semantics probes for math, string and boolean-aggregate functions (as probes.sql).

-- name: log10_and_log
-- ordered
select id, log10(abs(i) + 1) as l, log(abs(j) + 10) as l2, log10(1000) as k from p where i is not null and j is not null order by id;

-- name: trig_in_radians
-- ordered
select id, sin(f) as s, cos(f) as c, tan(f) as t, atan(f) as a, atan2(f, 2) as a2, degrees(f) as dg, radians(i) as rd from p order by id;

-- name: asin_acos_in_domain
-- ordered
select id, asin(f / 4) as as4, acos(f / 4) as ac4, asin(0) as z from p where f between -3.5 and 3.5 order by id;

-- name: octet_and_bit_length_utf8
-- ordered
select id, octet_length(s) as o, bit_length(s) as bl, octet_length(s || 'é') as oe, char_length(s || 'é') as ce, octet_length('日本') as jp from p order by id;

-- name: repeat_counts
-- ordered
select id, repeat(s, 2) as r2, repeat(s, 0) as r0, repeat('ab', j) as rj, repeat(s, -1) as rn from p order by id;

-- name: md5_hex
-- ordered
select id, md5(s) as m, md5('') as e, md5('é日本') as u from p order by id;

-- name: bool_and_or_grouped_with_filter
-- ordered
select j, bool_and(flag) as a, bool_or(flag) as o, every(i > 0) as ev, bool_and(flag) filter (where i > 0) as af, bool_or(i > 6) filter (where f > 0) as of from p group by j order by j nulls last;

-- name: bool_and_or_over_no_rows
select bool_and(flag) as a, bool_or(flag) as o, count(*) as c from p where id > 100;

-- name: reverse_translate_ascii_chr
-- ordered
select id, reverse(s) as r, reverse(s || 'é日') as ru, translate(s, 'abc', 'x') as t, translate(s || 'é', 'éa', 'EA') as tu, ascii(s) as a, ascii('é') as ae, chr(id + 64) as c, chr(233) as ce from p order by id;

-- name: split_part_positions_and_empty_delimiter
-- ordered
select id, split_part(s || ',x,,y', ',', 1) as f1, split_part(s || ',x,,y', ',', 3) as f3, split_part(s || ',x,,y', ',', 9) as f9, split_part(s || ',x,,y', ',', -1) as l1, split_part(s || ',x,,y', ',', -4) as l4, split_part(s, '', 1) as e1, split_part(s, '', 2) as e2, split_part('a--b', '--', 2) as m from p order by id;

-- name: concat_ws_skips_nulls
-- ordered
select id, concat_ws(',', s, i, 'z') as c, concat_ws('', s, null) as e, concat_ws(null, s, 'z') as n from p order by id;

-- name: cbrt_pi_gcd_lcm
-- ordered
select id, cbrt(f) as c, cbrt(-27) as c27, pi() as p, gcd(i, j) as g, lcm(i, j) as l, gcd(b, 6) as gb, gcd(0, 0) as z from p where i is not null and j is not null order by id;

-- name: stddev_variance_grouped_and_windowed
-- ordered
select j, stddev_samp(i) as ss, stddev_pop(i) as sp, var_samp(f) as vs, var_pop(n) as vp, stddev(b) as sd, variance(i) as v, count(*) as c from p group by j order by j nulls last;

-- name: stddev_over_sliding_frame
-- ordered
select id, stddev_samp(f) over (order by id rows between 1 preceding and 1 following) as s, var_pop(i) over (order by id rows between 2 preceding and current row) as v from p order by id;

-- name: extract_iso_fields_and_epoch
-- ordered
select id, extract(isodow from d) as idw, extract(week from d) as w, extract(isoyear from d) as iy, extract(epoch from d) as e, date_part('week', d) as dw, extract(epoch from cast(d as timestamp) + interval '1 hour 30 minutes 15 seconds') as et, extract(week from date '2021-01-03') as w53 from p order by id;

-- name: extract_epoch_fraction
select extract(epoch from timestamp '1969-12-31 23:59:58.5') as e;

-- name: hyperbolic_cot_log_base
-- ordered
select id, sinh(f) as sh, cosh(f) as ch, tanh(f) as th, asinh(f) as ash, acosh(abs(f) + 1) as ach, atanh(f / 4) as ath, cot(f + 10) as ct, log(2, abs(i) + 1) as l2, log(10, 1000) as l3 from p where f is not null and i is not null order by id;

-- name: to_hex_widths
-- ordered
select id, to_hex(i) as hi, to_hex(b) as hb, to_hex(-1) as m32, to_hex(cast(-1 as bigint)) as m64, to_hex(2147483647) as mx from p where i is not null order by id;

-- name: regression_statistics_grouped
-- ordered
select j > 0 as pos, corr(f, i) as c, covar_pop(f, i) as cp, covar_samp(b, i) as cs, regr_slope(f, i) as sl, regr_intercept(f, i) as ic, regr_r2(f, i) as r2, regr_count(f, i) as n, regr_avgx(f, i) as ax, regr_avgy(n, i) as ay, regr_sxx(f, i) as sxx, regr_syy(f, i) as syy, regr_sxy(f, i) as sxy from p group by j > 0 order by pos nulls last;

-- name: regression_over_sliding_frame
-- ordered
select id, covar_samp(f, id) over (order by id rows between 2 preceding and current row) as c, regr_count(f, i) over (order by id rows between 1 preceding and 1 following) as n from p order by id;

-- name: bit_and_or_xor
-- ordered
select j, bit_and(i) as a, bit_or(i) as o, bit_xor(i) as x, bit_and(b) as ab, bit_or(b) as ob, bit_xor(id) over (order by id rows between 1 preceding and current row) as w from p group by j, id order by j nulls last, id;

-- name: make_date_num_nulls_div
-- ordered
select id, make_date(2000 + id, id, id * 3) as md, make_date(2024, 2, 29) as leap, num_nulls(i, s, f) as nn, num_nonnulls(i, s, f, d) as nnn, div(b, 7) as q, div(i, j) as ij from p where j <> 0 order by id;

-- name: string_agg_ordered_and_by_value
-- ordered
select j, string_agg(s, ',' order by id desc) as by_id, string_agg(s, '' order by f nulls first, id) filter (where id > 1) as filtered, string_agg(cast(i as text), '-' order by i) as ints, count(*) as c from p group by j order by j nulls last;

-- name: string_agg_over_no_rows_and_ties
select string_agg(s, ',') as none, (select string_agg(v, ';' order by k) from q) as tied from p where id > 100;

-- name: string_agg_without_order_by_sorts_by_value
-- ordered
select j, string_agg(s, '|') as by_value from p group by j order by j nulls last;

-- name: percentile_cont_and_disc
-- ordered
select j, percentile_cont(0.5) within group (order by f) as med, percentile_cont(0.1) within group (order by i) as p10, percentile_disc(0.5) within group (order by i) as dmed, percentile_disc(0.26) within group (order by s) as ds, percentile_disc(1) within group (order by d) as dmax, percentile_cont(0) within group (order by n) as nmin from p group by j order by j nulls last;

-- name: percentile_over_all_rows_and_none
select percentile_cont(0.75) within group (order by b) as b75, percentile_disc(0.75) within group (order by b) as d75, (select percentile_cont(0.5) within group (order by k) from q where k > 100) as none from p;

-- name: like_as_glob_metachars
-- ordered
select x, x like 'a*%' as star, x like 'a?_' as q, x like 'a[%' as br, x like '%]' as close, x like 'a\%%' as esc, x like 'a#_%' escape '#' as hash, x not like '_' as one, x like '' as empty, x like 'a%b' as ab from (values (1, 'a*b'), (2, 'a?b'), (3, 'a[b]'), (4, 'a%b'), (5, 'a_b'), (6, 'é'), (7, ''), (8, 'A*B'), (9, null)) v(id, x) order by id;

-- name: ilike_as_glob_case_folding
-- ordered
select x, x ilike 'i%' as i, x ilike '%k%' as k, x ilike 'ab_' as ab, x ilike '%É%' as e_acute, x not ilike 'A%' as na, x ilike 'a\_%' as esc from (values (1, 'İstanbul'), (2, 'Kelvin'), (3, 'ABC'), (4, 'abÇ'), (5, 'École'), (6, 'A_Z'), (7, 'aXZ'), (8, null)) v(id, x) order by id;

-- name: substring_left_right_repeat_plain_sqlite
-- ordered
select id, substring(s from j) as sj, substring(s from j for 2) as sj2, substring(s from -1 for 3) as sn, substring(s, i) as si, left(s, j) as lj, right(s, j) as rj, left(s, -1) as ln, right(s, -1) as rn, repeat(s, 3) as r3, left(s, i) as li from p order by id;

-- name: regex_match_operators
-- ordered
select id, x ~ 'b.' as m, x ~* '^A' as mi, x !~ '[0-9]' as nm, x !~* 'C$' as nmi, x ~ '^a.c$' as dotnl, x ~ '[[:digit:]]+' as posix, regexp_like(x, 'B') as rl, regexp_like(x, 'B', 'i') as rli from (values (1, 'abc'), (2, 'ABC'), (3, 'a1c'), (4, e'a\nc'), (5, ''), (6, 'xyzb'), (7, null)) v(id, x) order by id;

-- name: regexp_replace_flags_and_groups
-- ordered
select id, regexp_replace(x, 'b', '-') as first, regexp_replace(x, 'b', '-', 'g') as every, regexp_replace(x, 'B', '-', 'gi') as every_i, regexp_replace(x, '(a)(b)', '\2\1') as swap, regexp_replace(x, 'b+', '[\&]', 'g') as whole, regexp_replace(x, '[[:alpha:]]', '', 'g') as strip from (values (1, 'abcabc'), (2, 'ABBA'), (3, 'bbb'), (4, 'x1y2'), (5, ''), (6, null)) v(id, x) order by id;

-- name: regexp_count_and_substr
-- ordered
select id, regexp_count(x, '[0-9]+') as n, regexp_count(x, 'a') as na, regexp_substr(x, '[0-9]+') as first_num, regexp_substr(x, 'z') as none from (values (1, 'a1b22c333'), (2, 'aaa'), (3, ''), (4, 'no digits'), (5, null)) v(id, x) order by id;

-- name: trunc_toward_zero
-- ordered
select id, trunc(n) as tn, trunc(f) as tf, trunc(n, 1) as tn1, trunc(i, -1) as ti, trunc(b, -3) as tb, trunc(n, -1) as tnm, trunc(i) as tii from p order by id;

-- name: initcap_words
-- ordered
select id, initcap(x) as ic from (values (1, 'hello wORLD'), (2, 'o''neil-smith 3rd'), (3, 'ÉCOLE élève'), (4, 'straße x'), (5, ''), (6, 'a1b c_d'), (7, null)) v(id, x) order by id;

-- name: bitwise_operators
-- ordered
select id, i & j as a, i | j as o, i # j as x, ~i as n, i << j as l, i >> j as r, b & 255 as b8, b >> 60 as bs, b << 1 as bl, b # i as bx, 1 << 31 as edge, i << 33 as wrap, (i + 1) & 6 as prec, 1 | 2 & 4 as flat, ~ 5 + 1 as notprec from p order by id;

-- name: width_bucket_ranges
-- ordered
select id, width_bucket(f, -1, 4, 5) as wf, width_bucket(n, 3, -1, 4) as wn, width_bucket(i, 0, 10, 3) as wi, width_bucket(b, 0, 1e19, 10) as wb, width_bucket(0.3, 0, 0.9, 3) as edge from p order by id;

-- name: nth_value_frames
-- ordered
select id, nth_value(s, 2) over (order by id) as s2, nth_value(i, 3) over (partition by j order by id rows between unbounded preceding and unbounded following) as i3 from p order by id;

-- name: mode_with_ties
-- ordered
select j, mode() within group (order by i) as mi, mode() within group (order by s) as ms, mode() within group (order by d) as md, mode() within group (order by flag) as mf from p group by j order by j nulls last;

-- name: extract_year_periods
-- ordered
select id, extract(decade from d) as de, extract(century from d) as ce, extract(millennium from d) as mi, date_part('century', cast(d as timestamp)) as ct, extract(centuries from date '2001-01-01') as c21, extract(millennium from date '2000-12-31') as m2, extract(decade from timestamp '1999-12-31 23:59:59') as d199 from p order by id;

-- name: extract_microseconds_field
-- ordered
select id, extract(microseconds from cast(d as timestamp) + interval '12.345678 seconds') as us, date_part('microseconds', d) as ud, extract(microseconds from cast(d as timestamp) + interval '59.999999 seconds') * 2 as twice, extract(us from timestamp '2020-01-01 10:00:00') as zero from p order by id;

-- name: quote_literal_and_nullable
-- ordered
select id, quote_literal(x) as ql, quote_nullable(x) as qn, quote_literal(id) as qi, quote_nullable(cast(null as text)) as qnull, quote_literal(x || '!') as qe from (values (1, 'plain'), (2, 'it''s'), (3, 'back\slash'), (4, 'both\'''), (5, ''), (6, null)) v(id, x) order by id;

-- name: quote_literal_of_values
-- ordered
select id, quote_literal(d) as qd, quote_nullable(n) as qn, quote_literal(flag) as qb from p order by id;

-- name: degree_trigonometry
-- ordered
select a, sind(a) as s, cosd(a) as c, tand(a) as t, cotd(a) as ct, atand(a) as at, atan2d(a, 30) as a2 from (values (0.0), (30.0), (45.0), (60.0), (90.0), (120.0), (135.0), (180.0), (210.0), (270.0), (300.0), (360.0), (-30.0), (-90.0), (-180.0), (405.0), (-725.0), (17.5), (1e6), (-0.0)) v(a) order by a;

-- name: degree_inverse_trigonometry
-- ordered
select x, asind(x) as s, acosd(x) as c, atand(x) as t from (values (-1.0), (-0.5), (0.0), (0.25), (0.5), (0.75), (1.0)) v(x) order by x;

-- name: degree_trigonometry_of_integers
-- ordered
select id, sind(i) as s, cosd(j * 45) as c, tand(b % 360) as t, atan2d(i, j) as a2 from p order by id;

-- name: make_timestamp_fields
-- ordered
select id, make_timestamp(2020, abs(j), abs(i) + 1, abs(i) + 10, abs(j) * 10, f + 30) as t, make_timestamp(2013, 7, 15, 8, 15, 23.1234567) as r, make_timestamp(2013, 7, 15, 23, 59, 59.9999996) as roll, make_timestamp(2013, 7, 15, 8, 15, 60) as s60, make_timestamp(2013, 7, 15, 24, 0, 0) as h24, make_timestamp(2013, 7, 15, 23, 59, 0.0000015) as even, make_timestamp(2013, 7, 15, 23, 59, 0.0000025) as even2 from p where f is not null order by id;

-- name: age_of_timestamps
-- ordered
select a, b, age(cast(a as timestamp), cast(b as timestamp)) as ab, age(cast(b as timestamp), cast(a as timestamp)) as ba from (values ('2024-03-31 10:00', '2024-02-29 12:00'), ('2024-01-31', '2024-03-01'), ('2023-03-01', '2024-01-31'), ('2020-02-29', '2021-02-28 23:59:59.5'), ('2021-03-31 00:00:00.25', '2020-12-31 23:00'), ('2000-01-01', '2000-01-01'), ('1999-05-15 08:00', '2024-11-30 07:59:59'), ('1960-12-31 23:59:59.999999', '1961-01-01'), ('2023-02-28', '2024-02-29')) v(a, b) order by a, b;

-- name: age_of_dates
-- ordered
select id, age(d, date '2000-02-29') as since, age(date '2020-01-31', d) as until from p where d is not null order by id;

-- name: to_char_dates
-- ordered
select id, to_char(d, 'YYYY-MM-DD') as iso, to_char(d, 'Day, DD Month YYYY') as long, to_char(d, 'FMDay, FMDD FMMonth YYYY') as fm, to_char(d, 'Dy Mon DDth YY Q CC D ID DDD IW IYYY') as codes, to_char(d, 'MONTH DAY mon dy FMDDTH "Q"Q "of" Y,YYY') as mixed, to_char(d, 'yyyy/mm/dd') as lower from p order by id;

-- name: to_char_timestamps
-- ordered
select t, to_char(t, 'HH24:MI:SS.US') as hms, to_char(t, 'HH12:MI AM') as h12, to_char(t, 'HH:MI:SS.MS pm') as h, to_char(t, 'SSSS A.M. p.m.') as secs, to_char(t, 'FMHH12 "o''clock" FMDDth FMMMth') as fm, to_char(t, '') as empty, to_char(t, 'text only') as lit from (values (cast('2024-01-01 00:00:00' as timestamp)), (cast('2024-03-02 12:30:05.123456' as timestamp)), (cast('2023-12-31 23:59:59.999999' as timestamp)), (cast('2021-11-11 11:11:11.5' as timestamp)), (cast('2020-02-22 13:02:03' as timestamp)), (cast(null as timestamp))) v(t) order by t nulls last;

-- name: overlay_placing
-- ordered
select id, overlay(s placing 'XY' from 2) as o2, overlay(s placing 'é日' from 1 for 0) as ins, overlay(s placing '' from 2 for 2) as del, overlay(s placing 'Z' from abs(j) + 1 for abs(i)) as o, overlay(s || 'é日本' placing 'ü' from 4 for 1) as u, overlay('Txxxxas' placing 'hom' from 2 for 4) as doc, overlay(s placing 'Q' from 50) as past, overlay(s, 'W', 2, 1) as commas from p where i is not null and j is not null order by id;

-- name: int4_arguments_from_bigint_expressions
-- ordered
select id, left(s, strpos(s, 'b')) as l, right(s, strpos(s, 'c') - 1) as r, substr(s, strpos(s, 'b') + 1) as sb, substring(s, 1, strpos(s, 'c')) as sc, repeat(s, strpos(s, 'a')) as rp, split_part(s || ',x,y', ',', strpos(s, 'a') + 1) as sp, lpad(s, strpos(s, 'b') + 3, '*') as lp from p order by id;
