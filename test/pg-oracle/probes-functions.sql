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
