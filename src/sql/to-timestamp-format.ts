// to_timestamp(text, 'format') and to_date(text, 'format'): PostgreSQL's numeric date/time
// template fields read from text, expanded at translation into plain registry calls: each reading
// of the format is an anchored regular expression whose match is rewritten (regexp_replace) into
// relc's ISO input text, then cast — so the calendar checks are relc's one input grammar
// (src/ir/temporal.ts) on every target. The format must be a literal.
//
// Fields: YYYY (four digits; required: without it PostgreSQL reads 1 BC), MM, DD, HH24, MI, SS
// (one or two digits), MS (1–3 digits) and US (1–6 digits) as the fraction of the second
// (PostgreSQL: '12.3' read with SS.MS is 12.300 seconds). A separator of the format (any
// character but a letter or digit) matches any one separator of the input, as PostgreSQL's
// non-FX mode; quoted "text" matches itself; white space before the input is skipped, input past
// the format ignored, and input that ends after a field leaves the later fields at PostgreSQL's
// defaults (January, the 1st, midnight). Other fields (YY, HH12 and AM/PM, month and day names,
// DDD, FX …) are UNSUPPORTED_CONSTRUCT. Text that reads no way is an error naming the format.
//
// Before/after: to_date(s, 'DD/MM/YYYY') →
//   CASE WHEN regexp_like(s, '^\s*([0-9]{1,2})[^0-9A-Za-z]([0-9]{1,2})[^0-9A-Za-z]([0-9]{4}).*$')
//        THEN CAST(regexp_replace(s, <that>, '\3-\2-\1 0:0:0.0', '') AS date)
//        ELSE CAST(s || ' does not match to_date format DD/MM/YYYY' AS date) END

import { T, type DataType } from '../ir/index.ts';
import { buildCall, castTyped, typedLit, type CallSite, type Typed } from './coerce.ts';

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'fraction';

// Longest first, so that MM is not read inside MI and HH24 not as HH.
const FIELDS: readonly (readonly [string, Field, string])[] = [
  ['YYYY', 'year', '([0-9]{4})'],
  ['HH24', 'hour', '([0-9]{1,2})'],
  ['MM', 'month', '([0-9]{1,2})'],
  ['DD', 'day', '([0-9]{1,2})'],
  ['MI', 'minute', '([0-9]{1,2})'],
  ['SS', 'second', '([0-9]{1,2})'],
  ['MS', 'fraction', '([0-9]{1,3})'],
  ['US', 'fraction', '([0-9]{1,6})'],
];

const DEFAULTS: Readonly<Record<Field, string>> = { year: '0001', month: '1', day: '1', hour: '0', minute: '0', second: '0', fraction: '0' };

/** One reading of the input: an anchored regular expression and the ISO text its groups rewrite into. */
interface Reading {
  readonly regex: string;
  readonly replacement: string;
}

/**
 * The readings of `format`, longest first: the whole format (input past it is ignored, as
 * PostgreSQL does), then each shorter run of its fields that ends the input (the fields after it
 * take their defaults: '2020-01-05' read with 'YYYY-MM-DD HH24:MI' is midnight).
 */
function compileFormat(site: CallSite, fn: string, format: string): Reading[] {
  const groups = new Map<Field, number>();
  const pieces: { readonly regex: string; readonly field: boolean }[] = [];
  const refuse = (why: string): never => {
    throw site.src.error('UNSUPPORTED_CONSTRUCT', `${fn}: ${why}`, site.argSpans[1]!, { function: fn });
  };
  for (let i = 0; i < format.length;) {
    const c = format[i]!;
    if (c === '"') {
      let quoted = '';
      for (i++; i < format.length && format[i] !== '"'; i++) {
        if (format[i] === '\\' && format[i + 1] === '"') i++;
        quoted += format[i];
      }
      i++;
      pieces.push({ regex: quoted.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'), field: false });
      continue;
    }
    const field = FIELDS.find(([name]) => format.startsWith(name, i) || format.startsWith(name.toLowerCase(), i));
    if (field) {
      const [name, kind, pattern] = field;
      if (groups.has(kind)) refuse(`the format gives the ${kind} twice`);
      groups.set(kind, groups.size + 1);
      pieces.push({ regex: pattern, field: true });
      i += name.length;
    } else if (/[\p{L}\p{N}]/u.test(c)) {
      refuse(`format field ${JSON.stringify(format.slice(i, i + 4))}… is not supported (YYYY MM DD HH24 MI SS MS US, separators and quoted text are)`);
    } else {
      // One separator of the input (PostgreSQL's non-FX mode: any separator for any other).
      pieces.push({ regex: '[^0-9A-Za-z]', field: false });
      i++;
    }
  }
  // Without a year PostgreSQL reads year 0 (1 BC), which relc's timestamps cannot hold.
  if (!groups.has('year')) refuse('the format needs YYYY (without a year PostgreSQL reads 1 BC)');
  const readings: Reading[] = [];
  let seen = 0;
  const fieldsUpTo = pieces.map((p) => (p.field ? ++seen : seen));
  for (let end = pieces.length; end > 0; end--) {
    if (end < pieces.length && !pieces[end - 1]!.field) continue;
    const present = new Set([...groups].filter(([, g]) => g <= fieldsUpTo[end - 1]!).map(([f]) => f));
    if (!present.has('year')) continue;
    const part = (f: Field) => (present.has(f) ? `\\${groups.get(f)}` : DEFAULTS[f]);
    const body = pieces.slice(0, end).map((p) => p.regex).join('');
    readings.push({
      regex: `^\\s*${body}${end === pieces.length ? '.*$' : '\\s*$'}`,
      replacement: `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}.${part('fraction')}`,
    });
  }
  return readings;
}

/** to_timestamp / to_date(text, format literal) as a `to` (timestamp or date). */
export function parseWithFormat(site: CallSite, fn: string, value: Typed, format: Typed, to: DataType): Typed {
  if (format.expr.kind !== 'lit' || typeof format.expr.value !== 'string') {
    throw site.src.error('UNSUPPORTED_CONSTRUCT', `${fn} needs its format as a string literal`, site.argSpans[1]!, { function: fn });
  }
  const s = value.type.kind === 'utf8' || value.type.kind === 'null' ? value : castTyped(site.src, value, T.utf8, site.argSpans[0]!);
  const readings = compileFormat(site, fn, format.expr.value);
  const text = (v: string) => typedLit(T.utf8, v);
  const whens = readings.map(({ regex, replacement }) => ({
    when: buildCall(site, 'regexp_like', [s, text(regex)]).expr,
    then: castTyped(site.src, buildCall(site, 'regexp_replace', [s, text(regex), text(replacement), text('')]), to, site.span).expr,
  }));
  const otherwise = castTyped(site.src, buildCall(site, 'concat', [s, text(` does not match ${fn} format ${format.expr.value}`)]), to, site.span);
  return { expr: { kind: 'case', whens, else: otherwise.expr, type: to }, type: to, nullable: value.nullable };
}
