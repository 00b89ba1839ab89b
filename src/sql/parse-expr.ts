// Expression grammar (precedence climbing, PostgreSQL operator precedence): literals, column
// references, operators, CASE, CAST/::, IN/BETWEEN/LIKE/IS and subquery forms (calls: parse-call.ts).

import type { Ident, IntervalField, SqlExpr } from './ast.ts';
import type { Span } from './source.ts';
import type { Cursor } from './cursor.ts';
import type { Token } from './lexer.ts';
import { atNormalized, normalForm, parseCall, parseTypeName } from './parse-call.ts';
import { parseQuery, startsQuery } from './parse-query.ts';

// Binding powers, lowest first (PostgreSQL 9.5+ table): OR < AND < NOT < IS < comparison
// < BETWEEN/IN/LIKE < other operators (||) < + - < * / % < ^ < unary minus < ::.
export const BP = { or: 1, and: 2, not: 3, is: 4, compare: 5, range: 6, other: 7, add: 8, mul: 9, exp: 10, unary: 11, cast: 12 } as const;

const COMPARE = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '==']);

export function parseExpr(c: Cursor, minBp = 0): SqlExpr {
  c.enter();
  let left = parsePrefix(c);
  let levels = 1;
  for (;;) {
    const next = parseInfix(c, left, minBp);
    if (!next) break;
    // Each infix step puts the tree so far one level deeper (`1 + 1 + … + 1`), except a step
    // that lengthens a flat AND/OR chain.
    if (!(next.k === 'logical' && left.k === 'logical' && next.op === left.op)) {
      c.enter();
      levels++;
    }
    left = next;
  }
  for (; levels > 0; levels--) c.leave();
  return left;
}

function span(c: Cursor, start: number) {
  return c.spanFrom(start);
}

function parsePrefix(c: Cursor): SqlExpr {
  const t = c.peek();
  if (t.kind === 'word' && t.upper === 'NOT') {
    c.next();
    const arg = parseExpr(c, BP.not);
    return { k: 'unary', op: 'not', arg, span: span(c, t.start) };
  }
  if (t.kind === 'op' && (t.value === '-' || t.value === '+')) {
    c.next();
    const arg = parseExpr(c, BP.unary);
    // Fold the sign into a numeric literal so `-2147483648` types as int32 like PostgreSQL.
    if (arg.k === 'number' && t.value === '-') return { k: 'number', text: `-${arg.text}`, span: span(c, t.start) };
    return { k: 'unary', op: t.value, arg, span: span(c, t.start) };
  }
  if (t.kind === 'op' && t.value === '~') {
    c.next();
    const arg = parseExpr(c, c.dialect.bitwise.notBp);
    return { k: 'unary', op: '~', arg, span: span(c, t.start) };
  }
  // `|/ x` and `||/ x` lex as `|` or `||` followed right away by `/`.
  const math = t.kind === 'op' ? (t.value === '@' ? '@' : (t.value === '|' || t.value === '||') && adjacent(c, t, '/') ? `${t.value}/` : undefined) : undefined;
  const fn = math === undefined ? undefined : c.dialect.prefixMath[math];
  if (math !== undefined && fn !== undefined) {
    c.next();
    if (math !== '@') c.next();
    const arg = parseExpr(c, BP.other);
    return { k: 'prefix_math', op: math, fn, arg, span: span(c, t.start) };
  }
  return parsePrimary(c);
}

/** Whether the token after `t` is the operator `op`, written right after it (`!~`, `~*`). */
function adjacent(c: Cursor, t: Token, op: string): boolean {
  const n = c.peek(1);
  return n.kind === 'op' && n.value === op && n.start === t.end;
}

/** One infix or postfix step applied to `left`, or null when the next token binds looser than `minBp`. */
function parseInfix(c: Cursor, left: SqlExpr, minBp: number): SqlExpr | null {
  const t = c.peek();
  const start = left.span.start;
  if (t.kind === 'op') {
    const op = t.value;
    if (op === '[') {
      // A subscript binds tighter than every operator (PostgreSQL: `a[i]::text` is `(a[i])::text`).
      c.next();
      const index = parseExpr(c);
      if (c.isOp(':')) c.unsupported('an array slice a[i:j]', c.spanFrom(start));
      c.expectOp(']');
      return { k: 'subscript', arg: left, index, span: span(c, start) };
    }
    if (op === '::') {
      if (BP.cast <= minBp) return null;
      c.next();
      const type = parseTypeName(c);
      return { k: 'cast', arg: left, type, span: span(c, start) };
    }
    if (op === '||') {
      if (c.dialect.pipesAreOr) return BP.or > minBp ? binaryStep(c, left, 'or', BP.or) : null;
      return BP.other > minBp ? binaryStep(c, left, '||', BP.other) : null;
    }
    if (op === '<=>') return BP.compare > minBp ? isDistinct(c, left, true, start) : null;
    if (c.dialect.jsonOperators && jsonOperator(c, t)) return jsonStep(c, t, left, minBp, start);
    if (COMPARE.has(op)) {
      if (BP.compare <= minBp) return null;
      c.next();
      const norm = op === '!=' ? '<>' : op === '==' ? '=' : op;
      const q = c.peek();
      if (q.kind === 'word' && (q.upper === 'ANY' || q.upper === 'ALL' || q.upper === 'SOME') && c.isOp('(', 1)) {
        const quantifier = q.upper === 'ALL' ? 'all' : 'any';
        c.next();
        c.expectOp('(');
        if (startsQuery(c)) {
          const query = parseQuery(c);
          c.expectOp(')');
          return { k: 'quantified', op: norm, quantifier, arg: left, query, span: span(c, start) };
        }
        // `x = ANY(array)`: the operand is an array expression.
        const array = parseExpr(c);
        c.expectOp(')');
        return { k: 'quantified_array', op: norm, quantifier, arg: left, array, opSpan: { start: t.start, end: t.end }, span: span(c, start) };
      }
      const right = parseExpr(c, BP.compare);
      return { k: 'binary', op: norm, left, right, opSpan: { start: t.start, end: t.end }, span: span(c, start) };
    }
    if ((op === '~' || (op === '!' && adjacent(c, t, '~'))) && c.dialect.regexOperators) {
      if (BP.other <= minBp) return null;
      let text = op;
      let end = c.next().end;
      // ~ ~* !~ !~* (regular expressions) and ~~ ~~* !~~ !~~* (LIKE and ILIKE, as PostgreSQL spells them as operators).
      for (const more of op === '!' ? ['~', '~', '*'] : ['~', '*']) {
        const n = c.peek();
        if (n.kind === 'op' && n.value === more && n.start === end) {
          text += more;
          end = c.next().end;
        }
      }
      const right = parseExpr(c, BP.other);
      if (text.includes('~~')) return { k: 'like', arg: left, pattern: right, escape: null, negated: text.startsWith('!'), caseInsensitive: text.endsWith('*'), span: span(c, start) };
      return { k: 'binary', op: text, left, right, opSpan: { start: t.start, end }, span: span(c, start) };
    }
    if (op === '+' || op === '-') return BP.add > minBp ? binaryStep(c, left, op, BP.add) : null;
    if (op === '*' || op === '/' || op === '%') return BP.mul > minBp ? binaryStep(c, left, op, BP.mul) : null;
    if (op === '//' && c.dialect.integerDivisionOperators['//']) return BP.mul > minBp ? binaryStep(c, left, op, BP.mul) : null;
    const bitwise = c.dialect.bitwise.ops[op];
    if (bitwise) return bitwise.bp > minBp ? binaryStep(c, left, op, bitwise.bp) : null;
    if (op === '^' && adjacent(c, t, '@') && c.dialect.regexOperators) {
      // PostgreSQL's `s ^@ prefix` (starts_with), an operator of the "other" level as `~`.
      if (BP.other <= minBp) return null;
      c.next();
      const end = c.next().end;
      const right = parseExpr(c, BP.other);
      return { k: 'binary', op: '^@', left, right, opSpan: { start: t.start, end }, span: span(c, start) };
    }
    if (op === '^') return BP.exp > minBp ? binaryStep(c, left, op, BP.exp) : null;
    return null;
  }
  if (t.kind !== 'word') return null;
  switch (t.upper) {
    case 'OR':
      return BP.or > minBp ? binaryStep(c, left, 'or', BP.or) : null;
    case 'AND':
      return BP.and > minBp ? binaryStep(c, left, 'and', BP.and) : null;
    case 'DIV': // MySQL integer division; elsewhere `div` is an alias
      if (!c.dialect.integerDivisionOperators.div) return null;
      return BP.mul > minBp ? binaryStep(c, left, 'div', BP.mul) : null;
    case 'IS': {
      if (BP.is <= minBp) return null;
      c.next();
      const negated = c.acceptWord('NOT');
      if (c.acceptWords('DISTINCT', 'FROM')) {
        const right = parseExpr(c, BP.is);
        return { k: 'is', arg: left, test: right, negated, span: span(c, start) };
      }
      if (atNormalized(c)) {
        // x IS [NOT] [form] NORMALIZED ≡ [NOT] is_normalized(x, 'form'), NFC by default.
        const form: SqlExpr = c.isWord('NORMALIZED') ? { k: 'string', value: 'NFC', span: { start: c.peek().start, end: c.peek().end } } : normalForm(c);
        const word = c.next();
        const call: SqlExpr = { k: 'func', name: { value: 'is_normalized', quoted: false, span: { start: word.start, end: word.end } }, args: [left, form], star: false, distinct: false, filter: null, over: null, span: span(c, start) };
        return negated ? { k: 'unary', op: 'not', arg: call, span: span(c, start) } : call;
      }
      const w = c.peek();
      const test = w.kind === 'word' ? ({ NULL: 'null', TRUE: 'true', FALSE: 'false', UNKNOWN: 'unknown' } as const)[w.upper as 'NULL'] : undefined;
      if (!test) c.fail('NULL, TRUE, FALSE, UNKNOWN, DISTINCT FROM or [form] NORMALIZED');
      c.next();
      return { k: 'is', arg: left, test, negated, span: span(c, start) };
    }
    case 'ISNULL':
    case 'NOTNULL':
      if (BP.is <= minBp) return null;
      c.next();
      return { k: 'is', arg: left, test: 'null', negated: t.upper === 'NOTNULL', span: span(c, start) };
    case 'NOT': {
      const n = c.peek(1);
      if (n.kind !== 'word' || !['BETWEEN', 'IN', 'LIKE', 'ILIKE', 'SIMILAR', ...(c.dialect.globOperator ? ['GLOB'] : [])].includes(n.upper)) return null;
      if (BP.range <= minBp) return null;
      c.next();
      return parseRangeOp(c, left, true, start);
    }
    case 'GLOB':
      if (!c.dialect.globOperator || BP.range <= minBp) return null;
      return parseRangeOp(c, left, false, start);
    case 'BETWEEN':
    case 'IN':
    case 'LIKE':
    case 'ILIKE':
    case 'SIMILAR':
      if (BP.range <= minBp) return null;
      return parseRangeOp(c, left, false, start);
    default:
      return null;
  }
}

/** `left op right` for a JSON or array operator at `t` (PostgreSQL's "other operator" precedence). */
function jsonStep(c: Cursor, t: Token, left: SqlExpr, minBp: number, start: number): SqlExpr | null {
  const json = jsonOperator(c, t)!;
  if (BP.other <= minBp) return null;
  let end = t.end;
  for (let k = 0; k < json.tokens; k++) end = c.next().end;
  const right = parseExpr(c, BP.other);
  return { k: 'binary', op: json.op, left, right, opSpan: { start: t.start, end }, span: c.spanFrom(start) };
}

/** PostgreSQL's JSON or array operator starting at `t` (`#>`, `@>`, `<@`, `&&`, `?|`, `?&` lex as two adjacent tokens) and how many tokens it spans. */
function jsonOperator(c: Cursor, t: Token): { op: string; tokens: number } | null {
  if (t.value === '?' && (adjacent(c, t, '|') || adjacent(c, t, '&'))) return { op: `?${c.peek(1).value}`, tokens: 2 };
  if (t.value === '->' || t.value === '->>' || t.value === '?') return { op: t.value, tokens: 1 };
  if (t.value === '<' && adjacent(c, t, '@')) return { op: '<@', tokens: 2 };
  if (t.value === '&' && adjacent(c, t, '&')) return { op: '&&', tokens: 2 };
  if (t.value === '#' && (adjacent(c, t, '>') || adjacent(c, t, '>>'))) return { op: `#${c.peek(1).value}`, tokens: 2 };
  if (t.value === '@' && adjacent(c, t, '>')) return { op: '@>', tokens: 2 };
  return null;
}

function binaryStep(c: Cursor, left: SqlExpr, op: string, bp: number): SqlExpr {
  const t = c.next();
  const right = parseExpr(c, bp);
  const opSpan = { start: t.start, end: t.end };
  if (op === 'and' || op === 'or') {
    // AND and OR are associative (in three-valued logic too): a chain stays one flat node, so
    // a 10,000-term OR is as shallow as a 2-term one. The node being lengthened is the parse's
    // own left operand, referenced nowhere else: its arrays grow in place (linear, not quadratic).
    if (left.k === 'logical' && left.op === op) {
      (left.args as SqlExpr[]).push(right);
      (left.opSpans as Span[]).push(opSpan);
      return { ...left, span: c.spanFrom(left.span.start) };
    }
    return { k: 'logical', op, args: [left, right], opSpans: [opSpan], span: c.spanFrom(left.span.start) };
  }
  return { k: 'binary', op, left, right, opSpan, span: c.spanFrom(left.span.start) };
}

function isDistinct(c: Cursor, left: SqlExpr, negated: boolean, start: number): SqlExpr {
  c.next();
  const right = parseExpr(c, BP.compare);
  return { k: 'is', arg: left, test: right, negated, span: c.spanFrom(start) };
}

function parseRangeOp(c: Cursor, left: SqlExpr, negated: boolean, start: number): SqlExpr {
  const t = c.next();
  switch (t.upper) {
    case 'BETWEEN': {
      if (c.acceptWord('SYMMETRIC')) c.unsupported('BETWEEN SYMMETRIC', c.spanFrom(start));
      c.acceptWord('ASYMMETRIC');
      const low = parseExpr(c, BP.range);
      c.expectWord('AND');
      const high = parseExpr(c, BP.range);
      return { k: 'between', arg: left, low, high, negated, span: c.spanFrom(start) };
    }
    case 'IN': {
      c.expectOp('(');
      if (startsQuery(c)) {
        const query = parseQuery(c);
        c.expectOp(')');
        return { k: 'in_query', arg: left, query, negated, span: c.spanFrom(start) };
      }
      const list = parseExprList(c);
      c.expectOp(')');
      return { k: 'in', arg: left, list, negated, span: c.spanFrom(start) };
    }
    case 'GLOB': {
      // SQLite: `x GLOB p` is glob(p, x).
      const pattern = parseExpr(c, BP.range);
      const call: SqlExpr = { k: 'func', name: { value: 'glob', quoted: false, span: { start: t.start, end: t.end } }, args: [pattern, left], star: false, distinct: false, filter: null, over: null, span: c.spanFrom(start) };
      return negated ? { k: 'unary', op: 'not', arg: call, span: c.spanFrom(start) } : call;
    }
    case 'LIKE':
    case 'ILIKE': {
      const pattern = parseExpr(c, BP.range);
      const escape = c.acceptWord('ESCAPE') ? parseExpr(c, BP.range) : null;
      return { k: 'like', arg: left, pattern, escape, negated, caseInsensitive: t.upper === 'ILIKE', span: c.spanFrom(start) };
    }
    default: {
      // x SIMILAR TO p [ESCAPE e] ≡ x ~ similar_to_escape(p [, e]) (PostgreSQL's own rewriting).
      c.expectWord('TO');
      const pattern = parseExpr(c, BP.range);
      const escape = c.acceptWord('ESCAPE') ? parseExpr(c, BP.range) : null;
      const regex: SqlExpr = { k: 'func', name: { value: 'similar_to_escape', quoted: false, span: { start: t.start, end: t.end } }, args: escape ? [pattern, escape] : [pattern], star: false, distinct: false, filter: null, over: null, span: c.spanFrom(start) };
      return { k: 'binary', op: negated ? '!~' : '~', left, right: regex, opSpan: { start: t.start, end: t.end }, span: c.spanFrom(start) };
    }
  }
}

export function parseExprList(c: Cursor): SqlExpr[] {
  const out = [parseExpr(c)];
  while (c.acceptOp(',')) out.push(parseExpr(c));
  return out;
}

const INTERVAL_FIELDS: Record<string, IntervalField> = {
  YEAR: 'year', YEARS: 'year', MONTH: 'month', MONTHS: 'month', DAY: 'day', DAYS: 'day',
  HOUR: 'hour', HOURS: 'hour', MINUTE: 'minute', MINUTES: 'minute', SECOND: 'second', SECONDS: 'second',
};

function intervalField(c: Cursor): IntervalField | null {
  const t = c.peek();
  if (t.kind !== 'word') return null;
  const f = INTERVAL_FIELDS[t.upper];
  if (!f) return null;
  c.next();
  // PostgreSQL's optional precision, as in TPC-H's `interval '90' day (3)`.
  if (c.isOp('(') && c.peek(1).kind === 'number' && c.isOp(')', 2)) {
    c.next();
    c.next();
    c.next();
  }
  return f;
}

function parsePrimary(c: Cursor): SqlExpr {
  const t = c.peek();
  const start = t.start;
  switch (t.kind) {
    case 'number':
      c.next();
      return { k: 'number', text: t.value, span: { start, end: t.end } };
    case 'string':
      c.next();
      return { k: 'string', value: t.value, span: { start, end: t.end } };
    case 'param':
      c.next();
      if (t.value.startsWith('$')) c.unsupported(`positional parameter ${t.value} (use :name)`, { start, end: t.end });
      return { k: 'param', name: t.value, span: { start, end: t.end } };
    case 'quoted':
      return parseColumn(c);
    case 'op':
      if (t.value === '(') {
        c.next();
        if (startsQuery(c)) {
          const query = parseQuery(c);
          c.expectOp(')');
          return { k: 'subquery', query, span: c.spanFrom(start) };
        }
        const inner = parseExpr(c);
        if (c.isOp(',')) {
          // (s1, e1) OVERLAPS (s2, e2): the one place a pair of values stands for itself.
          c.next();
          const end1 = parseExpr(c);
          if (!c.isOp(')') || !c.isWord('OVERLAPS', 1)) c.unsupported('row constructor', c.spanFrom(start));
          c.expectOp(')');
          c.next();
          c.expectOp('(');
          const start2 = parseExpr(c);
          c.expectOp(',');
          const end2 = parseExpr(c);
          c.expectOp(')');
          return { k: 'overlaps', left: [inner, end1], right: [start2, end2], span: c.spanFrom(start) };
        }
        c.expectOp(')');
        return inner;
      }
      return c.fail('an expression');
    case 'eof':
      return c.fail('an expression');
    case 'word':
      break;
  }
  const next = c.peek(1);
  switch (t.upper) {
    case 'NULL':
      c.next();
      return { k: 'null', span: { start, end: t.end } };
    case 'TRUE':
    case 'FALSE':
      c.next();
      return { k: 'bool', value: t.upper === 'TRUE', span: { start, end: t.end } };
    case 'CASE':
      return parseCase(c);
    case 'ARRAY':
      if (next.kind === 'op' && next.value === '[') {
        c.next();
        c.next();
        const elements = c.isOp(']') ? [] : parseExprList(c);
        c.expectOp(']');
        return { k: 'array', elements, span: c.spanFrom(start) };
      }
      if (next.kind === 'op' && next.value === '(') c.unsupported('ARRAY(subquery)', { start, end: t.end });
      break;
    case 'TRY_CAST':
    case 'SAFE_CAST':
      // NULL where the conversion fails: PostgreSQL has no such cast, and relc no way to say it on every target.
      if (next.kind === 'op' && next.value === '(') c.unsupported(t.upper, { start, end: t.end });
      break;
    case 'CAST': {
      c.next();
      c.expectOp('(');
      const arg = parseExpr(c);
      c.expectWord('AS');
      const type = parseTypeName(c);
      c.expectOp(')');
      return { k: 'cast', arg, type, span: c.spanFrom(start) };
    }
    case 'EXISTS': {
      c.next();
      c.expectOp('(');
      const query = parseQuery(c);
      c.expectOp(')');
      return { k: 'exists', query, span: c.spanFrom(start) };
    }
    case 'DATE':
    case 'TIMESTAMP':
      if (next.kind === 'string') {
        c.next();
        c.next();
        return { k: 'typed', type: t.upper === 'DATE' ? 'date' : 'timestamp', value: next.value, unit: null, unitTo: null, span: c.spanFrom(start) };
      }
      break;
    case 'INTERVAL':
      if (next.kind === 'string' || next.kind === 'number') {
        c.next();
        c.next();
        const unit = intervalField(c);
        const unitTo = unit && c.acceptWord('TO') ? intervalField(c) ?? c.fail('an interval field') : null;
        return { k: 'typed', type: 'interval', value: next.value, unit, unitTo, span: c.spanFrom(start) };
      }
      break;
    case 'CURRENT_DATE':
    case 'CURRENT_TIMESTAMP':
    case 'LOCALTIMESTAMP':
      if (!(next.kind === 'op' && next.value === '(')) {
        c.next();
        const name = { value: t.value.toLowerCase(), quoted: false, span: { start, end: t.end } };
        return { k: 'func', name, args: [], star: false, distinct: false, filter: null, over: null, span: name.span };
      }
      break;
  }
  // Any word followed by '.' qualifies a column: rule specs name the sides of a join `left` and `right`.
  if (next.kind === 'op' && next.value === '.') return parseColumn(c);
  // LEFT and RIGHT are reserved (join types) but, as in PostgreSQL, still name the functions left() and right().
  if ((t.upper === 'LEFT' || t.upper === 'RIGHT') && next.kind === 'op' && next.value === '(') return parseCall(c);
  if (c.isReservedHere()) c.fail('an expression');
  if (next.kind === 'op' && next.value === '(') return parseCall(c);
  return parseColumn(c);
}

function parseColumn(c: Cursor): SqlExpr {
  const start = c.peek().start;
  const parts: Ident[] = [c.isOp('.', 1) ? c.qualifier() : c.ident('a column name')];
  while (c.isOp('.') && c.peek(1).kind !== 'op') {
    c.next();
    parts.push(c.ident('a column name'));
  }
  return { k: 'column', parts, span: c.spanFrom(start) };
}

function parseCase(c: Cursor): SqlExpr {
  const start = c.next().start;
  const operand = c.isWord('WHEN') ? null : parseExpr(c);
  const whens: { when: SqlExpr; then: SqlExpr }[] = [];
  while (c.acceptWord('WHEN')) {
    const when = parseExpr(c);
    c.expectWord('THEN');
    whens.push({ when, then: parseExpr(c) });
  }
  if (whens.length === 0) c.fail('WHEN');
  const otherwise = c.acceptWord('ELSE') ? parseExpr(c) : null;
  c.expectWord('END');
  return { k: 'case', operand, whens, else: otherwise, span: c.spanFrom(start) };
}
