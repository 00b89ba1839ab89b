// Function-call syntax: `name(args)` with SQL-standard special forms (EXTRACT, SUBSTRING …
// FROM … FOR, POSITION … IN, TRIM … FROM, count(*), DISTINCT), FILTER and OVER suffixes, window
// specifications and frames, ORDER BY items, and type names.

import type { CallSyntax, FrameBoundAst, Ident, OrderItem, SqlExpr, TypeName, WindowSpec } from './ast.ts';
import type { Cursor } from './cursor.ts';
import { dialectCall } from './dialect-calls.ts';
import { BP, parseExpr, parseExprList } from './parse-expr.ts';

const TRIM_SIDES = new Set(['BOTH', 'LEADING', 'TRAILING']);

/** `name(args)` with the SQL-standard special argument forms and FILTER / OVER suffixes. */
export function parseCall(c: Cursor): SqlExpr {
  const nameTok = c.next();
  const start = nameTok.start;
  const name: Ident = { value: nameTok.value, quoted: false, span: { start, end: nameTok.end } };
  c.expectOp('(');
  const upper = nameTok.upper;
  let args: SqlExpr[] = [];
  let callName = name;
  let star = false;
  let distinct = false;
  let orderBy: OrderItem[] = [];
  const named: [string, number][] = []; // named arguments and their indexes in `args`
  let syntax: CallSyntax | undefined = upper === 'TRIM' ? 'trim' : upper === 'SUBSTRING' ? 'substring' : undefined;
  if (upper === 'EXTRACT') {
    const f = c.peek();
    if (f.kind !== 'word' && f.kind !== 'string') c.fail('a date part');
    c.next();
    const field: Ident = { value: f.value, quoted: false, span: { start: f.start, end: f.end } };
    c.expectWord('FROM');
    const arg = parseExpr(c);
    c.expectOp(')');
    return { k: 'extract', field, arg, span: c.spanFrom(start) };
  }
  if (c.isOp('*') && c.isOp(')', 1)) {
    c.next();
    star = true;
  } else if (!c.isOp(')')) {
    if (c.acceptWord('DISTINCT')) distinct = true;
    else c.acceptWord('ALL');
    if ((upper === 'TRIM' || upper === 'BTRIM') && c.peek().kind === 'word' && (TRIM_SIDES.has(c.peek().upper) || c.isWord('FROM'))) {
      const trim = parseTrimArgs(c);
      args = trim.args;
      callName = { ...name, value: trim.fn };
    } else {
      const firstName = acceptArgName(c, upper);
      const first = parseExpr(c, upper === 'POSITION' ? BP.range : 0);
      args = [first];
      if (firstName) named.push([firstName, 0]);
      if ((upper === 'SUBSTRING' || upper === 'SUBSTR') && (c.isWord('FROM') || c.isWord('FOR'))) {
        // substring(s FROM start [FOR count]) ≡ substring(s, start[, count]); FOR alone starts at 1.
        const from = c.acceptWord('FROM') ? parseExpr(c) : null;
        const forCount = c.acceptWord('FOR') ? parseExpr(c) : null;
        if (from === null && syntax === 'substring') syntax = 'substring for';
        args.push(from ?? { k: 'number', text: '1', span: first.span });
        if (forCount) args.push(forCount);
      } else if (upper === 'OVERLAY' && c.acceptWord('PLACING')) {
        // overlay(s PLACING r FROM start [FOR count]) ≡ overlay(s, r, start[, count]).
        args.push(parseExpr(c));
        c.expectWord('FROM');
        args.push(parseExpr(c));
        if (c.acceptWord('FOR')) args.push(parseExpr(c));
      } else if (upper === 'TRIM' && c.acceptWord('FROM')) {
        // trim(chars FROM s) ≡ trim(s, chars): BOTH is the default side.
        args = [parseExpr(c), first];
      } else if (upper === 'NORMALIZE' && c.acceptOp(',')) {
        // normalize(s, NFC | NFD | NFKC | NFKD): the form is a keyword, read as its name.
        args.push(normalForm(c));
      } else if (upper === 'POSITION' && c.acceptWord('IN')) {
        // position(needle IN haystack) ≡ strpos(haystack, needle).
        const haystack = parseExpr(c);
        args = [haystack, first];
        c.expectOp(')');
        return finishCall(c, { value: 'strpos', quoted: false, span: name.span }, args, false, false, start, [], 'position');
      } else {
        while (c.acceptOp(',')) {
          const argName = acceptArgName(c, upper);
          if (argName) named.push([argName, args.length]);
          else if (named.length > 0) c.fail('a named argument (name => value): positional arguments come first');
          args.push(parseExpr(c));
        }
      }
    }
    if (named.length > 0) args = namedArguments(c, upper, name, args, named);
    if (c.acceptWords('ORDER', 'BY')) orderBy = parseOrderItems(c);
  }
  c.expectOp(')');
  return finishCall(c, callName, args, star, distinct, start, orderBy, syntax);
}

const NORMAL_FORMS = new Set(['NFC', 'NFD', 'NFKC', 'NFKD']);

/** A Unicode normal form keyword (normalize's argument, IS … NORMALIZED) as a string literal of its name. */
export function normalForm(c: Cursor): SqlExpr {
  const t = c.peek();
  if (t.kind !== 'word' || !NORMAL_FORMS.has(t.upper)) c.fail('NFC, NFD, NFKC or NFKD');
  c.next();
  return { k: 'string', value: t.upper, span: { start: t.start, end: t.end } };
}

/** Whether the next words are `[NFC|NFD|NFKC|NFKD] NORMALIZED`. */
export function atNormalized(c: Cursor): boolean {
  const t = c.peek();
  return t.kind === 'word' && (t.upper === 'NORMALIZED' || (NORMAL_FORMS.has(t.upper) && c.isWord('NORMALIZED', 1)));
}

/** `trim([BOTH|LEADING|TRAILING] [chars] FROM s)` → trim / ltrim / rtrim (s [, chars]). */
/**
 * PostgreSQL's parameter names of the functions relc reads named arguments (`name => value`) of,
 * with the defaults of those that have one (make_interval's are all 0).
 */
const PARAMETER_NAMES: Readonly<Record<string, { readonly names: readonly string[]; readonly defaults: boolean }>> = {
  MAKE_INTERVAL: { names: ['years', 'months', 'weeks', 'days', 'hours', 'mins', 'secs'], defaults: true },
  MAKE_DATE: { names: ['year', 'month', 'day'], defaults: false },
  MAKE_TIMESTAMP: { names: ['year', 'month', 'mday', 'hour', 'min', 'sec'], defaults: false },
};

/** `name =>` before an argument (`=` and `>` written together): the name, lower-cased; else undefined. */
function acceptArgName(c: Cursor, fn: string): string | undefined {
  const t = c.peek();
  const arrow = c.peek(1);
  const gt = c.peek(2);
  if (t.kind !== 'word' || arrow.kind !== 'op' || arrow.value !== '=' || gt.kind !== 'op' || gt.value !== '>' || gt.start !== arrow.end) return undefined;
  if (!PARAMETER_NAMES[fn]) c.unsupported(`named arguments of ${fn.toLowerCase()}`, { start: t.start, end: gt.end });
  c.next();
  c.next();
  c.next();
  return t.value.toLowerCase();
}

/** The arguments in parameter order: positional ones first, then each named one at its place; omitted ones take their default. */
function namedArguments(c: Cursor, fn: string, name: Ident, args: readonly SqlExpr[], named: readonly (readonly [string, number])[]): SqlExpr[] {
  const params = PARAMETER_NAMES[fn]!;
  const firstNamed = named[0]![1];
  const out: (SqlExpr | undefined)[] = [...args.slice(0, firstNamed)];
  for (const [param, at] of named) {
    const i = params.names.indexOf(param);
    const span = args[at]!.span;
    if (i < 0) throw c.src.error('TYPE_MISMATCH', `${fn.toLowerCase()} has no parameter ${param} (its parameters: ${params.names.join(', ')})`, span, { function: fn.toLowerCase(), parameter: param });
    if (out[i] !== undefined) throw c.src.error('TYPE_MISMATCH', `${fn.toLowerCase()}'s ${param} is given twice`, span, { function: fn.toLowerCase(), parameter: param });
    out[i] = args[at];
  }
  return Array.from({ length: params.names.length }, (_, i) => {
    const a = out[i];
    if (a) return a;
    if (!params.defaults) throw c.src.error('TYPE_MISMATCH', `${fn.toLowerCase()} needs its ${params.names[i]}`, name.span, { function: fn.toLowerCase(), parameter: params.names[i] });
    return { k: 'number', text: '0', span: name.span } satisfies SqlExpr;
  });
}

function parseTrimArgs(c: Cursor): { fn: string; args: SqlExpr[] } {
  const sideTok = c.peek();
  const side = TRIM_SIDES.has(sideTok.upper) ? c.next().upper : 'BOTH';
  let chars: SqlExpr | null = null;
  if (!c.isWord('FROM')) chars = parseExpr(c);
  let target: SqlExpr;
  if (c.acceptWord('FROM')) target = parseExpr(c);
  else if (chars) {
    target = chars;
    chars = null;
  } else return c.fail('FROM');
  const fn = side === 'LEADING' ? 'ltrim' : side === 'TRAILING' ? 'rtrim' : 'trim';
  return { fn, args: chars ? [target, chars] : [target] };
}

function finishCall(c: Cursor, name: Ident, args: SqlExpr[], star: boolean, distinct: boolean, start: number, orderBy: readonly OrderItem[] = [], syntax?: CallSyntax): SqlExpr {
  // Ordered-set aggregates: percentile_cont(0.5) WITHIN GROUP (ORDER BY x).
  let withinGroup: OrderItem[] = [];
  if (c.isWord('WITHIN') && c.isWord('GROUP', 1)) {
    c.next();
    c.next();
    c.expectOp('(');
    c.expectWord('ORDER');
    c.expectWord('BY');
    withinGroup = parseOrderItems(c);
    c.expectOp(')');
  }
  let filter: SqlExpr | null = null;
  if (c.isWord('FILTER') && c.isOp('(', 1)) {
    c.next();
    c.next();
    c.expectWord('WHERE');
    filter = parseExpr(c);
    c.expectOp(')');
  }
  let over: WindowSpec | null = null;
  if (c.isWord('OVER')) {
    const o = c.next();
    if (c.atIdent()) {
      const base = c.ident();
      over = { base, partitionBy: [], orderBy: [], frame: null, span: c.spanFrom(o.start) };
    } else over = { ...parseWindowSpec(c), span: c.spanFrom(o.start) }; // the clause starts at OVER
  }
  return dialectCall(c.dialect.name, { k: 'func', name, args, star, distinct, filter, over, span: c.spanFrom(start), ...(orderBy.length ? { orderBy } : {}), ...(withinGroup.length ? { withinGroup } : {}), ...(syntax ? { syntax } : {}) });
}

/** `( [base] [PARTITION BY …] [ORDER BY …] [frame] )`. */
export function parseWindowSpec(c: Cursor): WindowSpec {
  const start = c.expectOp('(').start;
  const base = c.atIdent() && !c.isWord('PARTITION') && !c.isWord('ORDER') && !c.isWord('ROWS') && !c.isWord('RANGE') && !c.isWord('GROUPS') ? c.ident() : null;
  const partitionBy = c.acceptWords('PARTITION', 'BY') ? parseExprList(c) : [];
  const orderBy = c.acceptWords('ORDER', 'BY') ? parseOrderItems(c) : [];
  let frame: WindowSpec['frame'] = null;
  const u = c.peek();
  if (u.kind === 'word' && (u.upper === 'ROWS' || u.upper === 'RANGE' || u.upper === 'GROUPS')) {
    c.next();
    const unit = u.upper.toLowerCase() as 'rows' | 'range' | 'groups';
    let startB: FrameBoundAst;
    let endB: FrameBoundAst;
    if (c.acceptWord('BETWEEN')) {
      startB = parseFrameBound(c);
      c.expectWord('AND');
      endB = parseFrameBound(c);
    } else {
      startB = parseFrameBound(c);
      endB = { kind: 'current_row' };
    }
    if (c.isWord('EXCLUDE')) c.unsupported('frame EXCLUDE', { start: c.peek().start, end: c.peek().end });
    frame = { unit, start: startB, end: endB, span: c.spanFrom(u.start) };
  }
  c.expectOp(')');
  return { base, partitionBy, orderBy, frame, span: c.spanFrom(start) };
}

function parseFrameBound(c: Cursor): FrameBoundAst {
  if (c.acceptWords('UNBOUNDED', 'PRECEDING')) return { kind: 'unbounded_preceding' };
  if (c.acceptWords('UNBOUNDED', 'FOLLOWING')) return { kind: 'unbounded_following' };
  if (c.acceptWords('CURRENT', 'ROW')) return { kind: 'current_row' };
  const offset = parseExpr(c, BP.range);
  if (c.acceptWord('PRECEDING')) return { kind: 'preceding', offset };
  if (c.acceptWord('FOLLOWING')) return { kind: 'following', offset };
  return c.fail('PRECEDING or FOLLOWING');
}

export function parseOrderItems(c: Cursor): OrderItem[] {
  const out: OrderItem[] = [];
  do {
    const start = c.peek().start;
    const expr = parseExpr(c);
    const direction = c.acceptWord('ASC') ? 'asc' : c.acceptWord('DESC') ? 'desc' : null;
    let nulls: OrderItem['nulls'] = null;
    if (c.acceptWord('NULLS')) {
      if (c.acceptWord('FIRST')) nulls = 'first';
      else if (c.acceptWord('LAST')) nulls = 'last';
      else c.fail('FIRST or LAST');
    }
    out.push({ expr, direction, nulls, span: c.spanFrom(start) });
  } while (c.acceptOp(','));
  return out;
}

// Multi-word type names, longest first.
const TYPE_PHRASES = [
  ['TIMESTAMP', 'WITHOUT', 'TIME', 'ZONE'], ['TIMESTAMP', 'WITH', 'TIME', 'ZONE'], ['DOUBLE', 'PRECISION'],
  ['CHARACTER', 'VARYING'], ['CHAR', 'VARYING'], ['SIGNED', 'INTEGER'], ['UNSIGNED', 'INTEGER'],
];

export function parseTypeName(c: Cursor): TypeName {
  const first = c.peek();
  if (first.kind !== 'word' && first.kind !== 'quoted') c.fail('a type name');
  const phrase = TYPE_PHRASES.find((p) => p.every((w, i) => c.isWord(w, i)));
  const words = phrase ?? [first.kind === 'word' ? first.upper : first.value.toUpperCase()];
  for (const _ of words) c.next();
  const args: number[] = [];
  if (c.acceptOp('(')) {
    do {
      const n = c.peek();
      if (n.kind !== 'number' || !/^\d+$/.test(n.value)) c.fail('an integer type modifier');
      c.next();
      args.push(Number(n.value));
    } while (c.acceptOp(','));
    c.expectOp(')');
  }
  let array = false;
  if (c.isOp('[') && c.isOp(']', 1)) {
    c.next();
    c.next();
    array = true;
  }
  if (c.isOp('[')) c.unsupported(array ? 'multi-dimensional array types' : 'array types with a size', { start: c.peek().start, end: c.peek().end });
  return { name: words.join(' '), args, ...(array ? { array } : {}), span: c.spanFrom(first.start) };
}
