-- PostgreSQL-semantics probes for text and bytea functions (as probes.sql). Bytea values come
-- from the text column through convert_to, and from bytea literals ('\x…' and the escape form).

-- name: bytea_literals_and_concat
-- ordered
select id, '\x4142'::bytea as h, 'a\\b\101'::bytea as e, convert_to(s, 'UTF8') || '\x00ff'::bytea as c, '\x 41 42'::bytea || ''::bytea as w, cast('é' as bytea) as u from p order by id;

-- name: bytea_length_and_substr
-- ordered
select id, length(convert_to(s, 'UTF8')) as l, octet_length(convert_to(s || 'é', 'UTF8')) as o, substr(convert_to(s, 'UTF8'), 2) as s2, substr(convert_to(s, 'UTF8'), 0, 2) as s02, substr(convert_to(s, 'UTF8'), id - 3, 3) as sv, substring(convert_to(s, 'UTF8') from 2 for 1) as sf from p order by id;

-- name: bytea_substr_negative_count_is_error
select substr('\x0102'::bytea, 1, -1) as x;

-- name: encode_decode_hex_and_base64
-- ordered
select id, encode(convert_to(s, 'UTF8'), 'hex') as h, encode(convert_to(s || 'é', 'UTF8'), 'base64') as b, decode(encode(convert_to(s, 'UTF8'), 'hex'), 'hex') as rt, decode('QUJD', 'base64') as d, decode(' 41 42 ', 'hex') as dw, decode('QU' || chr(10) || 'JD', 'base64') as dn from p order by id;

-- name: encode_base64_line_breaks
select n, encode(convert_to(repeat('a', n), 'UTF8'), 'base64') as b, decode(encode(convert_to(repeat('a', n), 'UTF8'), 'base64'), 'base64') = convert_to(repeat('a', n), 'UTF8') as rt from (values (0), (1), (56), (57), (58), (114), (115)) as t(n) order by n;

-- name: decode_hex_odd_digits_is_error
select decode('abc', 'hex') as x;

-- name: convert_to_and_from_utf8
-- ordered
select id, convert_to(s || 'é日', 'UTF8') as b, convert_from(convert_to(s || 'é日', 'UTF8'), 'UTF8') as t, convert_from('\x616263'::bytea, 'utf-8') as a from p order by id;

-- name: convert_from_invalid_utf8_is_error
select convert_from('\xff41'::bytea, 'UTF8') as x;

-- name: get_and_set_byte_and_bit
-- ordered
select id, get_byte(convert_to(s, 'UTF8'), 0) as g0, get_byte(convert_to(s, 'UTF8'), 2) as g2, set_byte(convert_to(s, 'UTF8'), 1, 300) as sb, get_bit(convert_to(s, 'UTF8'), id) as gb, set_bit(convert_to(s, 'UTF8'), id + 8, 1) as s1, set_bit(convert_to(s, 'UTF8'), 0, 0) as s0, bit_count(convert_to(s, 'UTF8')) as bc, bit_count(''::bytea) as be from p where s <> '' order by id;

-- name: get_byte_out_of_range_is_error
select get_byte('\x0102'::bytea, 2) as x;

-- name: set_bit_not_a_bit_is_error
select set_bit('\x0102'::bytea, 1, 2) as x;

-- name: set_bit_index_checked_before_bit
select set_bit('\x0102'::bytea, 16, 2) as x;

-- name: sha256_and_md5_of_bytea
-- ordered
select id, sha256(convert_to(s, 'UTF8')) as h, md5(convert_to(s, 'UTF8')) as m, md5(s) = md5(convert_to(s, 'UTF8')) as same, sha256(''::bytea) as e, md5('\xff00'::bytea) as mb from p order by id;

-- name: sha224_sha384_sha512
-- ordered
select id, sha224(convert_to(s, 'UTF8')) as a, sha384(convert_to(s, 'UTF8')) as b, sha512(convert_to(s, 'UTF8')) as c from p order by id;

-- name: regexp_instr_positions
-- ordered
select id, regexp_instr(s, 'b') as b, regexp_instr(s, '[A-Z]') as u, regexp_instr(s || 'é日b', 'b$') as e, regexp_instr(s, 'x*') as z, regexp_instr(s, '%|_') as m, regexp_instr('日本b' || s, '[a-z]+') as j from p order by id;

-- name: quote_ident_quotes_when_needed
-- ordered
select id, quote_ident(s) as q, quote_ident(lower(s)) as ql, quote_ident('select') as k, quote_ident('a"b') as dq, quote_ident('_x1') as u, quote_ident('1x') as d, quote_ident('é') as e, quote_ident('name') as n, quote_ident('int') as i from p order by id;

-- name: normalize_nfc_and_is_normalized
-- ordered
select id, normalize(s || 'é') as n, normalize('é', NFC) as c, s is normalized as isn, 'é' is nfc normalized as d, 'é' is not nfc normalized as nd from p order by id;

-- name: normalize_nfd_nfkc_nfkd
-- ordered
select id, normalize(s || 'é', NFD) as d, normalize('ﬁ' || s, NFKC) as kc, normalize('ﬁé', NFKD) as kd, 'é' is nfd normalized as isd from p order by id;

-- name: format_s_l_i_and_positions
-- ordered
select id, format('%s|%L|%s', s, s, i) as a, format('%2$s %1$s %s', s, i) as b, format('%%%s%%', flag) as c, format('%I.%I', 'Ab', 'ok') as d, format('x') as e, format('%L', null) as f, format('%s %s %s %s', d, n, f, b) as g from p order by id;

-- name: concat_prints_bools_as_t_f
-- ordered
select id, concat(flag, '|', i) as c, concat_ws(',', flag, s) as w, 'x' || flag as p from p order by id;

-- name: starts_with_operator
-- ordered
select id, s ^@ 'a' as a, s ^@ '' as e, (s || 'x') ^@ s as self, starts_with(s, 'A') as f from p order by id;

-- name: lpad_rpad_over_columns
-- ordered
select id, lpad(s, 5, 'xy') as l5, rpad(s, 2) as r2, lpad(s, -1) as ln, lpad('日本', 5, '語') as lj, rpad(s, 6, '') as re, rpad(s, id) as rid from p order by id;

-- name: bytea_trim_position_overlay
-- ordered
select id, btrim(convert_to(s, 'UTF8'), '\x61'::bytea) as bt, ltrim(convert_to(s || 'aa', 'UTF8'), 'ab'::bytea) as lt, rtrim(convert_to(s, 'UTF8'), 'c '::bytea) as rt, btrim(convert_to(s, 'UTF8'), ''::bytea) as be, trim(both '\x61'::bytea from convert_to(s, 'UTF8')) as tb, position('\x62'::bytea in convert_to(s, 'UTF8')) as p, position(''::bytea in convert_to(s, 'UTF8')) as pe, position('\x6263'::bytea in convert_to(s, 'UTF8')) as p2, overlay(convert_to(s, 'UTF8') placing '\xff'::bytea from 2 for 1) as o, overlay(convert_to(s, 'UTF8') placing '\x0000'::bytea from 1) as o2, bit_length(convert_to(s, 'UTF8')) as bl from p order by id;

-- name: bytea_search_and_trim_stay_on_byte_boundaries
select position('\x11'::bytea in '\x0116'::bytea) as p, position('\x16'::bytea in '\x0116'::bytea) as q, ltrim('\x0110'::bytea, '\x10'::bytea) as l, rtrim('\x0110'::bytea, '\x10'::bytea) as r, rtrim('\x1001'::bytea, '\x00'::bytea) as r2, btrim('\x101010'::bytea, '\x10'::bytea) as b;

-- name: encode_escape
-- ordered
select id, encode(convert_to(s || 'é\', 'UTF8'), 'escape') as e, encode('\x00ff5c41'::bytea, 'escape') as x from p order by id;

-- name: decode_escape
-- ordered
select id, decode(s || '\\\101\000', 'escape') as d from p order by id;

-- name: unistr_of_literals
select unistr('\0041\+01F600\u00e9\U0001F600\\x') as u, unistr('d\0061t\+000061') as v, unistr('\D83D\DE00') as w;

-- name: unistr_of_a_column
-- ordered
select id, unistr(s || '\00e9') as u from p order by id;

-- name: similar_to_patterns
-- ordered
select id, s similar to 'a%' as a, s similar to '%(b|B)%' as alt, s similar to 'a_c' as u, s not similar to '[aA]%' as n, s similar to 'a#%c' escape '#' as e, s similar to 'a.c' as dot, s similar to '[]a]%' as br, s similar to 'a{1}[^x]+' as q, s similar to '%c ?' as opt, s similar to 'a\_c' as bs from p order by id;

-- name: similar_to_escape_text
select similar_to_escape('a%b_c.d$^[%_.]x|(y)*') as a, similar_to_escape('a#%b', '#') as b, similar_to_escape('a\b', '') as c, similar_to_escape('[^]a]') as d;

-- name: like_operators_tilde_tilde
-- ordered
select id, s ~~ 'a%' as a, s ~~* 'A%' as b, s !~~ 'a_c' as c, s !~~* 'abc' as d from p order by id;

-- name: regex_bracket_with_leading_close_bracket
-- ordered
select id, s ~ '^[]a]' as a, s ~ '^[^]a]' as n, (s || ']') ~ '[]]$' as c, regexp_replace(s || ']', '[]b]', '-', 'g') as r from p order by id;

-- name: bytea_as_text_is_hex_output
-- ordered
select id, cast(convert_to(s, 'UTF8') as text) as t, 'x' || convert_to(s, 'UTF8') as b, concat(convert_to(s, 'UTF8'), 1) as c, format('%s|%L', convert_to(s, 'UTF8'), '\x00ff'::bytea) as f, s || convert_to(s, 'UTF8')::text as st from p order by id;

-- name: substring_from_regex
-- ordered
select id, substring(s from 'b(.)') as g, substring(s from '[A-Z]') as w, substring(s from '(?:b)c') as nc, substring(s, '(.)(.)$') as f, substring(s || 'é日' from '(é.)') as u, substring(s from '\((x)\)') as esc, substring(s from '[(]?(c)') as br from p order by id;

-- name: substring_from_regex_optional_group
-- ordered
select id, substring(s from 'a(x)?') as o, substring(s from 'b|(c)') as alt from p order by id;

-- name: bytea_compare_order_and_group
-- ordered
select convert_to(s, 'UTF8') as b, count(*) as c, convert_to(s, 'UTF8') < '\x62'::bytea as lt, convert_to(s, 'UTF8') = 'abc'::bytea as eq from p group by convert_to(s, 'UTF8') order by b nulls first;

-- name: convert_from_nul_is_error
select convert_from('\x6100'::bytea, 'UTF8') as x;

-- name: trim_without_set_trims_spaces_only
-- ordered
select id, trim(chr(160) || s || chr(8195)) as t, ltrim(chr(9) || ' ' || s) as l, rtrim(s || ' ' || chr(10)) as r, btrim('  ' || s || chr(12288) || ' ') as b, length(trim(both from ' ' || s || ' ')) as tf from p order by id;

-- name: reverse_by_code_points
-- ordered
select id, reverse(s || 'e' || chr(769) || 'x') as r, reverse('日本' || s) as j, length(reverse(s)) as l from p order by id;

-- name: regexp_count_instr_substr_with_flags_and_n
-- ordered
select id, regexp_count(s || 'Bb', 'b', 1, 'i') as ci, regexp_count(s, 'x*', 1) as ce, regexp_instr(s || 'abc', 'b', 1, 1, 1) as ie, regexp_instr(s, '[AB]', 1, 1, 0, 'ic') as ic, regexp_substr(s || 'xbyBz', 'b.', 1, 2, 'i') as s2, regexp_substr(s, 'c', 1, 1, 'i', 0) as s0, regexp_instr(s || 'é日b', 'B', 1, 1, 1, 'i') as iu from p order by id;

-- name: regexp_search_from_a_later_start
-- ordered
select id, regexp_count(s || s, '^a', 2) as c, regexp_count(s || 'aa', 'a', 3, 'i') as ca, regexp_instr(s || 'b', 'b', 3) as i, regexp_substr(s || 'xy', '.', 4) as s4, regexp_instr(s, 'c', 99) as far from p order by id;

-- name: regexp_nth_match_position
-- ordered
select id, regexp_instr(s || s, 'b', 1, 2) as i2, regexp_instr(s || 'x*x', 'x', 1, 3) as i3 from p order by id;

-- name: regexp_group_subexpr
-- ordered
select id, regexp_substr(s || 'b1c2', '([a-z])([0-9])', 1, 1, '', 2) as g2, regexp_instr(s || 'b1c2', '([a-z])([0-9])', 1, 2, 0, '', 1) as gi, regexp_substr(s, '(x)?b', 1, 1, '', 1) as absent from p order by id;

-- name: decode_escape_invalid_is_error
select decode('a\q', 'escape') as x;

-- name: unistr_of_a_column_escapes
-- ordered
select id, unistr(s || '\D83D\DE00\\\+0000e9' || s) as u, unistr(coalesce(s, '') || '\u00e9') as v from p order by id;

-- name: unistr_invalid_escape_is_error
select unistr(lower('a\q')) as x;

-- name: format_widths
-- ordered
select id, format('[%5s]', s) as r, format('[%-5s]', s) as l, format('[%2s]', s || 'xyz') as n, format('[%3$-6L|%1$4s]', i, 0, s) as p, format('[%-s]', s) as f, format('[%4I]', 'a') as q from p order by id;

-- name: regexp_substr_no_match_is_null_even_of_constants
select coalesce(regexp_substr('abc', 'z+'), 'none') as a, coalesce(substring('abc' from 'z(.)'), 'none') as b, regexp_substr('abc', 'z+') is null as n;
