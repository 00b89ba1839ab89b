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
select id, array_cat(ARRAY[i], ARRAY[j, 3]) as c, ARRAY[s] || ARRAY['z'] as o, array_append(ARRAY[i], j) as ap, array_prepend(j, ARRAY[i]) as pp, ARRAY[i] || j as ae, '{x, NULL}' || ARRAY[s] as pe, ARRAY[i] || '{}' as ee, ARRAY[n] || 1 as ad from p order by id;

-- name: array_cat_with_null_array
-- ordered
select j, array_cat(array_agg(i order by id) filter (where i > 100), ARRAY[j]) as c, array_agg(i order by id) filter (where i > 100) || array_agg(i order by id) filter (where i > 100) as n from p group by j order by j nulls last;

-- name: equal_any_array_three_valued
-- ordered
select id, i = ANY(ARRAY[7, 5]) as a, i = ANY(ARRAY[j, null]) as b, 3 = ANY(ARRAY[i, j]) as c, i = ANY(array_agg_none.e) as d from p cross join (select array_agg(k order by k) filter (where k > 100) as e from q) as array_agg_none order by id;

-- name: equal_any_in_where
-- ordered
select id from p where s = ANY(ARRAY['abc', 'ABC', 'nope']) order by id;

-- name: jsonb_literals_print_as_postgresql
select '{"b": 1.50e1, "a":[1,  2e2, "x\u00e9\n", -0.0, 1E-2], "b":-0, "aa":{}, "é": "\"q\""}'::jsonb as j, '{"a":  1, "a": [2]}'::json as t, '[]'::jsonb as e, '  "s"  '::jsonb as s, 'null'::jsonb as n, cast('12.300' as jsonb) as num;

-- name: jsonb_of_text_columns_prints_as_postgresql
-- ordered
select id, ('{"s": "' || coalesce(s, 'none') || '", "i": ' || coalesce(i, 0) || ', "n": ' || coalesce(n, 1.25) || ', "arr": [3, 1]}')::jsonb as j from p order by id;

-- name: json_arrow_operators
-- ordered
select id, j -> 's' as s, j ->> 's' as st, j -> 'arr' as arr, j -> 'arr' -> 1 as a1, j -> 'arr' ->> -1 as alast, j -> 'arr' -> 9 as a9, j -> 'o' ->> 'x' as ox, j -> 'o' ->> 'y' as oy, j -> 'o' -> 'y' as oyj, j ->> 'missing' as m, j -> 0 as onobj, j -> 'arr' -> '0' as txtidx, json_build_object('o', j -> 'o', 'x', j -> 'arr' -> 1, 't', j ->> 's') as embed
from (select id, ('{"s": "' || coalesce(s, 'none') || '", "arr": [' || coalesce(j, 0) || ',  2.50, null, "x"], "o": {"x": true, "y": null}}')::json as j from p) as t order by id;

-- name: jsonb_arrow_operators
-- ordered
select id, j -> 'arr' as arr, j ->> 'arr' as arrt, j -> 'o' as o, j -> 'arr' -> 1 as a1, j ->> 'n' as n from (select id, ('{"o": {"yy": 1, "x": [1,{"b":2,"a":1}]}, "n": 1.50, "arr": [' || coalesce(j, 0) || ',  2.50e1, null]}')::jsonb as j from p) as t order by id;

-- name: json_path_operators_and_functions
-- ordered
select id, j #> '{o,x}' as ox, j #>> '{o,x,1}' as ox1, j #>> '{arr,-1}' as alast, j #> '{arr,a}' as bad, j #>> ARRAY['o', 'x', '0'] as arrpath, json_extract_path(j, 'o', 'x') as ep, json_extract_path_text(j, 'arr', '0') as ept, jsonb_extract_path_text(j::jsonb, 'o', 'x', '0') as jept, j #>> '{missing,x}' as m
from (select id, ('{"arr": [' || coalesce(i, 0) || ', "last"], "o": {"x": [' || coalesce(j, 0) || ', "y"]}}')::json as j from p) as t order by id;

-- name: json_typeof_and_array_length
-- ordered
select v, json_typeof(v::json) as t, jsonb_typeof(v::jsonb) as tb, json_array_length(case when v like '[%' then v end::json) as l, jsonb_array_length(case when v like '[%' then v end::jsonb) as lb
from (values ('{"a": 1}'), ('[1, [2, 3], {}]'), ('[]'), ('"x"'), ('-1.5e3'), ('true'), ('null'), (null)) as t(v) order by v nulls last;

-- name: jsonb_containment_and_existence
-- ordered
select a, b, a::jsonb @> b::jsonb as c, a::jsonb ? 'k' as hask
from (values ('{"k": 1, "x": [1, 2, {"y": 3}]}', '{"x": [{"y": 3}]}'), ('{"k": 1.0}', '{"k": 1}'), ('[1, 2, [3]]', '[[3], 1]'), ('[1, 2]', '1'), ('["k", "z"]', '"k"'), ('{"x": [1, 2]}', '{"x": 1}'), ('"k"', '"k"'), ('{"a": {"b": 1, "c": 2}}', '{"a": {"c": 2}}'), ('{"a": 1}', '{"a": 1, "b": 2}')) as t(a, b) order by a, b;

-- name: json_invalid_literal_is_error
select '{"a": 1,}'::json as j;

-- name: to_json_of_scalars
-- ordered
select id, to_json(i) as i, to_json(b) as b, to_json(n) as n, to_json(f) as f, to_json(s) as s, to_json(d) as d, to_json(flag) as fl, to_json(s || E'"\\\n\t' || chr(1) || 'é') as esc, to_json(cast(d as timestamp) + interval '90 minutes 1.5 seconds') as ts, to_jsonb(s) as sb, to_json(1e20::float8) as big from p order by id;

-- name: json_build_object_and_array
-- ordered
select id, json_build_object('i', i, 's', s, 'ok', flag, 'd', d) as o, json_build_array(i, s, null, n) as a, json_build_object() as e, json_build_array() as ea, json_build_object(id, 'x', 'k', json_build_array(1, 2), 'j', '{"x":  [1]}'::json, 'jb', '{"x":  [1]}'::jsonb, 't', '[1]'::json::text) as nested from p order by id;

-- name: jsonb_build_of_literals_folds
select jsonb_build_object('b', 1, 'a', 'x', 'b', 2.50) as o, jsonb_build_array(1, 'a', null, true, -2.5) as a, to_jsonb(12) as i, jsonb_build_object('k', '{"b": 1,  "a": 2}'::json) as embedded;

-- name: jsonb_build_object_of_columns
-- ordered
select id, jsonb_build_object('s', s, 'i', i, 'aa', n) as o, jsonb_build_array(f, s) as a, to_jsonb(f * 1e18) as big from p order by id;

-- name: json_value_through_a_derived_table_is_text
select json_build_object('k', t.j) as o from (select '[1]'::json as j) as t;

-- name: json_agg_ordered_and_object_agg
-- ordered
select j, json_agg(i order by id) as a, json_agg(s order by id desc) filter (where id > 1) as t, json_object_agg(s, i order by id) as o, json_agg(json_build_object('id', id) order by id) as objs from p where s is not null group by j order by j nulls last;

-- name: json_agg_over_no_rows_is_null
select json_agg(i order by id) as a, json_object_agg(s, i order by id) as o, count(*) as c from p where id > 100;

-- name: jsonb_agg_and_object_agg
-- ordered
select j, jsonb_agg(n order by id) as a, jsonb_object_agg(coalesce(s, 'none'), i) as o from p group by j order by j nulls last;

-- name: json_agg_without_order_by_sorts_by_json_text
select json_agg(i) as a from p where i is not null;

-- name: array_agg_distinct_sorted
-- ordered
select j, array_agg(distinct i) as a, array_agg(distinct s order by s desc) as t from p group by j order by j nulls last;

-- name: array_literal_casts
-- ordered
select id, '{1, 2,NULL}'::int[] as a, cast('{"a b", c, "q\"x", NULL}' as text[]) as t, ('{2020-01-31,2021-03-31}'::date[])[2] as d2, ARRAY[i, j]::bigint[] as b, i = ANY('{7,5}'::int[]) as an, array_length('{x}'::varchar(1)[], 1) as l from p order by id;

-- name: jsonb_concat_delete_equal
-- ordered
select id, ('{"a": ' || coalesce(i, 0) || ', "n": 1.5}')::jsonb || '{"a": 9, "z": [1]}' as merged, ('[' || id || ', 2]')::jsonb || '3' as appended, '1' || ('[' || id || ']')::jsonb as prepended, ('{"a": ' || id || ', "b": 2}')::jsonb || ('[' || id || ']')::jsonb as objarr,
  ('{"a": ' || id || ', "b": 2}')::jsonb - 'a' as dropped, ('["a", ' || id || ', "a"]')::jsonb - 'a' as dropstr, ('[' || id || ', 2, 3]')::jsonb - 0 as drop0, ('[' || id || ', 2, 3]')::jsonb - -1 as droplast,
  ('{"n": ' || id || '.0}')::jsonb -> 'n' = ('' || id)::jsonb as numeq, ('{"b": [1, 2.0], "a": ' || id || '}')::jsonb = ('{"a": ' || id || ', "b": [1.00, 2]}')::jsonb as objeq, ('[' || id || ']')::jsonb <> '[1]' as ne
from p order by id;

-- name: regexp_split_to_array_edges
-- ordered
select id, regexp_split_to_array(s || ' x  y', '\s+') as w, regexp_split_to_array(s, '') as c, regexp_split_to_array(s || ',', ',') as t, regexp_split_to_array(s, 'B', 'i') as i, regexp_split_to_array('abc', 'x*') as z from p order by id;

-- name: regexp_match_groups
-- ordered
select id, regexp_match(s, '(a)(.)') as g, regexp_match(s, 'b+') as m, regexp_match(s, '(A)(x)?', 'i') as opt from p order by id;

-- name: array_agg_as_running_window
-- ordered
select id, array_agg(i) over (order by id rows between unbounded preceding and current row) as run, cardinality(array_agg(s) over (partition by j)) as n from p order by id;

-- name: jsonb_pretty_and_strip_nulls
-- ordered
select id, jsonb_pretty(('{"a": [], "b": {}, "c": [' || id || ', {"d": null}], "e": "x"}')::jsonb) as p, jsonb_pretty(('[' || id || ']')::jsonb) as pa, jsonb_strip_nulls(('{"a": null, "b": [null, {"c": null, "d": ' || id || '}]}')::jsonb) as s, jsonb_pretty('{}') as pe from p order by id;

-- name: json_typeof_of_text_built_at_run_time
-- ordered
select id, json_typeof(('{"k": [' || coalesce(i, 0) || ', "' || coalesce(s, '') || '"]}')::json) as t, jsonb_typeof(('"' || coalesce(s, '') || '"')::jsonb) as ts, json_typeof(('[' || id || ', "a,]b"]')::json) as a, json_array_length(('[' || id || ', "a,]b", 1e5, null]')::json) as l from p order by id;

-- name: order_by_an_array
-- ordered
select x from (select array_agg(i order by id) as x from p group by j) as t order by x;

-- name: array_containment_and_overlap
-- ordered
select id, ARRAY[i, j, 3] @> ARRAY[3] as c1, ARRAY[i, j] @> ARRAY[i, i] as c2, ARRAY[i] <@ ARRAY[7, 5, null] as c3, ARRAY[i, null] @> ARRAY[null::int] as cn, ARRAY[i, j] && ARRAY[7, 2] as o1, ARRAY[i] && ARRAY[null::int] as onull, ARRAY[s, 'x'] @> '{x}' as lit, array_agg_none.e @> ARRAY[1] as nul
from p cross join (select array_agg(k order by k) filter (where k > 100) as e from q) as array_agg_none order by id;

-- name: jsonb_contained_and_any_all_keys
-- ordered
select a, b, a::jsonb <@ b::jsonb as cb, a::jsonb ?| ARRAY['k', 'q'] as anyk, a::jsonb ?& '{k,x}' as allk
from (values ('{"k": 1}', '{"k": 1, "x": 2}'), ('{"k": 1, "x": [1]}', '{"x": [1, 2], "k": 1}'), ('["k", "x"]', '["x", "k", "z"]'), ('{"q": 1}', '{}')) as t(a, b) order by a;

-- name: jsonb_set_paths
-- ordered
select id, jsonb_set(('{"a": [' || id || ', 2], "b": {"c": 1}}')::jsonb, '{a,0}', '9') as s0, jsonb_set(('{"a": [' || id || ', 2]}')::jsonb, '{a,5}', ('"' || coalesce(s, '') || '"')::jsonb) as app, jsonb_set(('{"a": [' || id || ']}')::jsonb, '{a,-5}', '{"z": [1, 2]}') as pre, jsonb_set(('{"a": ' || id || '}')::jsonb, '{b}', '2') as addk, jsonb_set(('{"a": ' || id || '}')::jsonb, '{b}', '2', false) as nocreate, jsonb_set(('{"a": ' || id || '}')::jsonb, ARRAY['x', 'y'], '2') as missing, jsonb_set(('{"b": {"c": ' || id || '}}')::jsonb, '{b,c}', to_jsonb(s)) as deep from p order by id;

-- name: array_remove_and_replace
-- ordered
select id, array_remove(ARRAY[i, j, i, null], i) as r, array_remove(ARRAY[i, null, 3], null) as rn, array_replace(ARRAY[i, j, null, i], i, 0) as p, array_replace(ARRAY[s, null], null, 'n') as pn, array_remove(ARRAY[3], 3) as empty, array_remove(array_agg_none.e, 1) as nul
from p cross join (select array_agg(k order by k) filter (where k > 100) as e from q) as array_agg_none order by id;

-- name: array_lower_ndims_dims
-- ordered
select id, array_lower(ARRAY[i, j], 1) as lo, array_lower(ARRAY[i], 2) as lo2, array_upper(ARRAY[i, j], 1) as up, array_ndims(ARRAY[s]) as nd, array_dims(ARRAY[i, j, 3]) as dm, array_dims(array_remove(ARRAY[3], 3)) as dme, array_ndims(array_remove(ARRAY[3], 3)) as nde from p order by id;

-- name: unnest_constant_array_in_from
-- ordered
select x, x * 2 as y from unnest(ARRAY[3, NULL, 1]) as t(x) order by x nulls last;

-- name: unnest_text_literal_joined
-- ordered
select u.v, count(p.id) as n from unnest('{abc,ABC,zzz}'::text[]) as u(v) left join p on p.s = u.v group by u.v order by u.v;
