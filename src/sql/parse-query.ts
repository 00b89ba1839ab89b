// Query grammar: WITH, set operations (INTERSECT binds tighter than UNION/EXCEPT), SELECT
// cores, FROM lists with joins, ORDER BY / LIMIT / OFFSET / FETCH, and the statement entry points.

import type { Cte, FromItem, Ident, JoinKind, OrderItem, Query, SelectCore, SelectItem, SetBody, SqlExpr, TableAlias, WindowSpec } from './ast.ts';
import { Cursor } from './cursor.ts';
import type { SourceDialectDef } from './dialects.ts';
import { parseOrderItems, parseWindowSpec } from './parse-call.ts';
import { parseExpr, parseExprList } from './parse-expr.ts';
import type { Span, SqlSource } from './source.ts';

/** Whether a query starts `ahead` tokens from here (after an opening parenthesis). */
export function startsQuery(c: Cursor, ahead = 0): boolean {
  if (c.isWord('SELECT', ahead) || c.isWord('WITH', ahead) || c.isWord('VALUES', ahead)) return true;
  // `((SELECT …))` and `(SELECT …) UNION …` nest further parentheses.
  let i = ahead;
  while (c.isOp('(', i)) i++;
  return i > ahead && (c.isWord('SELECT', i) || c.isWord('WITH', i));
}

const NOT_A_QUERY = new Set(['INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'MERGE', 'COPY', 'PRAGMA', 'ATTACH', 'SET']);

/** A whole statement: one query, an optional `;`, then the end of the text. */
export function parseStatement(src: SqlSource, dialect: SourceDialectDef): Query {
  const c = new Cursor(src, dialect);
  const first = c.peek();
  if (first.kind === 'word' && NOT_A_QUERY.has(first.upper)) {
    c.unsupported(`${first.upper} statement (relc transpiles queries: SELECT, WITH, VALUES)`, { start: first.start, end: first.end });
  }
  if (!startsQuery(c) && !c.isOp('(')) c.fail('SELECT, WITH or VALUES');
  const q = parseQuery(c);
  const semicolon = c.acceptOp(';');
  while (c.acceptOp(';'));
  if (c.peek().kind !== 'eof') {
    if (semicolon) c.unsupported('more than one statement', { start: c.peek().start, end: c.peek().end });
    c.fail("end of query or ';'");
  }
  return q;
}

/** A standalone expression filling the whole text (spec rule expressions). */
export function parseStandaloneExpr(src: SqlSource, dialect: SourceDialectDef): SqlExpr {
  const c = new Cursor(src, dialect);
  const e = parseExpr(c);
  if (c.peek().kind !== 'eof') c.fail('end of expression');
  return e;
}

/** One nested query counts as this many levels toward Cursor's MAX_NESTING (so at most 250 deep). */
const QUERY_WEIGHT = 4;

export function parseQuery(c: Cursor): Query {
  // A query level costs several expression levels downstream (resolution, decorrelation, lowering).
  c.enter(QUERY_WEIGHT);
  const q = parseQueryBody(c);
  c.leave(QUERY_WEIGHT);
  return q;
}

function parseQueryBody(c: Cursor): Query {
  const start = c.peek().start;
  let withClause: Query['with'] = null;
  if (c.isWord('WITH')) {
    const w = c.next();
    const recursive = c.acceptWord('RECURSIVE');
    const ctes: Cte[] = [];
    do ctes.push(parseCte(c));
    while (c.acceptOp(','));
    withClause = { recursive, ctes, span: c.spanFrom(w.start) };
  }
  const body = parseSetExpr(c);
  let orderBy: OrderItem[] = [];
  let orderByAll: Query['orderByAll'] = null;
  if (c.acceptWords('ORDER', 'BY')) {
    if (c.dialect.selectShorthands && c.isWord('ALL')) {
      const all = c.next();
      const direction = c.acceptWord('ASC') ? 'asc' : c.acceptWord('DESC') ? 'desc' : null;
      const nulls = c.acceptWords('NULLS', 'FIRST') ? 'first' : c.acceptWords('NULLS', 'LAST') ? 'last' : null;
      orderByAll = { direction, nulls, span: c.spanFrom(all.start) };
    } else orderBy = parseOrderItems(c);
  }
  let limit: SqlExpr | null = null;
  let offset: SqlExpr | null = null;
  let limitSpan: Span | null = null;
  for (;;) {
    const k = c.peek();
    if (limitSpan === null && k.kind === 'word' && ['LIMIT', 'OFFSET', 'FETCH'].includes(k.upper)) limitSpan = { start: k.start, end: k.end };
    if (limit === null && c.acceptWord('LIMIT')) {
      if (c.acceptWord('ALL')) continue;
      const first = parseExpr(c);
      if (c.dialect.limitComma && c.acceptOp(',')) {
        offset = first;
        limit = parseExpr(c);
      } else limit = first;
      continue;
    }
    if (offset === null && c.acceptWord('OFFSET')) {
      offset = parseExpr(c);
      if (!c.acceptWord('ROWS')) c.acceptWord('ROW');
      continue;
    }
    if (limit === null && c.isWord('FETCH')) {
      c.next();
      if (!c.acceptWord('FIRST')) c.expectWord('NEXT');
      const n = c.isWord('ROW') || c.isWord('ROWS') ? null : parseExpr(c);
      if (!c.acceptWord('ROWS')) c.expectWord('ROW');
      if (c.isWord('WITH')) c.unsupported('FETCH … WITH TIES', c.spanFrom(c.peek().start));
      c.expectWord('ONLY');
      limit = n ?? { k: 'number', text: '1', span: c.spanFrom(c.lastEnd) };
      continue;
    }
    break;
  }
  return { with: withClause, body, orderBy, orderByAll, limit, offset, limitSpan: limit === null && offset === null ? null : limitSpan, span: c.spanFrom(start) };
}

function parseCte(c: Cursor): Cte {
  const start = c.peek().start;
  const name = c.ident('a CTE name');
  const columns = c.isOp('(') ? parseIdentList(c) : [];
  c.expectWord('AS');
  if (!c.acceptWord('MATERIALIZED')) c.acceptWords('NOT', 'MATERIALIZED');
  c.expectOp('(');
  const query = parseQuery(c);
  c.expectOp(')');
  return { name, columns, query, span: c.spanFrom(start) };
}

function parseIdentList(c: Cursor): Ident[] {
  c.expectOp('(');
  const out = [c.ident()];
  while (c.acceptOp(',')) out.push(c.ident());
  c.expectOp(')');
  return out;
}

function parseSetExpr(c: Cursor): SetBody {
  let left = parseSetTerm(c);
  for (;;) {
    const t = c.peek();
    if (!(c.isWord('UNION') || c.isWord('EXCEPT'))) return left;
    c.next();
    const all = c.acceptWord('ALL');
    if (!all) c.acceptWord('DISTINCT');
    const right = parseSetTerm(c);
    left = { k: 'setop', op: t.upper === 'UNION' ? 'union' : 'except', all, left, right, span: c.spanFrom(left.span.start) };
  }
}

function parseSetTerm(c: Cursor): SetBody {
  let left = parseSetPrimary(c);
  while (c.acceptWord('INTERSECT')) {
    const all = c.acceptWord('ALL');
    if (!all) c.acceptWord('DISTINCT');
    const right = parseSetPrimary(c);
    left = { k: 'setop', op: 'intersect', all, left, right, span: c.spanFrom(left.span.start) };
  }
  return left;
}

function parseSetPrimary(c: Cursor): SetBody {
  const t = c.peek();
  if (c.isOp('(')) {
    c.next();
    const query = parseQuery(c);
    c.expectOp(')');
    return { k: 'nested', query, span: c.spanFrom(t.start) };
  }
  if (c.isWord('VALUES')) {
    c.next();
    const rows: SqlExpr[][] = [];
    do {
      c.expectOp('(');
      rows.push(parseExprList(c));
      c.expectOp(')');
    } while (c.acceptOp(','));
    return { k: 'values', rows, span: c.spanFrom(t.start) };
  }
  if (!c.isWord('SELECT')) c.fail('SELECT');
  return parseSelectCore(c);
}

function parseSelectCore(c: Cursor): SelectCore {
  const start = c.expectWord('SELECT').start;
  let distinct = false;
  let distinctOn: SqlExpr[] | null = null;
  if (c.acceptWord('DISTINCT')) {
    distinct = true;
    if (c.acceptWord('ON')) {
      c.expectOp('(');
      distinctOn = parseExprList(c);
      c.expectOp(')');
    }
  } else c.acceptWord('ALL');
  const items: SelectItem[] = [];
  do items.push(parseSelectItem(c));
  while (c.acceptOp(','));
  if (c.isWord('INTO')) c.unsupported('SELECT INTO', c.spanFrom(c.peek().start));
  const from: FromItem[] = [];
  if (c.acceptWord('FROM')) {
    do from.push(parseFromItem(c));
    while (c.acceptOp(','));
  }
  const where = c.acceptWord('WHERE') ? parseExpr(c) : null;
  let groupBy: SqlExpr[] = [];
  let groupByAll = false;
  let groupingSets: SqlExpr[][] | undefined;
  if (c.acceptWords('GROUP', 'BY')) {
    const t = c.peek();
    if (c.isWord('ALL') && c.dialect.selectShorthands) {
      c.next();
      groupByAll = true;
    } else {
      if (c.isWord('ALL')) c.unsupported('GROUP BY ALL', { start: t.start, end: t.end });
      ({ groupBy, groupingSets } = parseGroupBy(c));
    }
  }
  const having = c.acceptWord('HAVING') ? parseExpr(c) : null;
  const windows: { name: Ident; spec: WindowSpec }[] = [];
  if (c.acceptWord('WINDOW')) {
    do {
      const name = c.ident('a window name');
      c.expectWord('AS');
      windows.push({ name, spec: parseWindowSpec(c) });
    } while (c.acceptOp(','));
  }
  const qualify = c.acceptWord('QUALIFY') ? parseExpr(c) : null;
  return { k: 'select', distinct, distinctOn, items, from, where, groupBy, groupByAll, ...(groupingSets ? { groupingSets } : {}), having, windows, qualify, span: c.spanFrom(start) };
}

/** One element of a GROUP BY list, as the grouping sets it stands for; `plain` when it is only keys. */
interface GroupingElement {
  readonly sets: SqlExpr[][];
  readonly plain: boolean;
}

/**
 * GROUP BY's list. Its elements are expressions, `(a, b)` lists, `()`, ROLLUP (…), CUBE (…) and
 * GROUPING SETS (…); the query's grouping sets are the product of the elements' sets
 * (`a, ROLLUP (b, c)` → (a, b, c), (a, b), (a)). Only keys: no grouping sets.
 */
function parseGroupBy(c: Cursor): { groupBy: SqlExpr[]; groupingSets?: SqlExpr[][] } {
  const elements: GroupingElement[] = [];
  do elements.push(parseGroupingElement(c));
  while (c.acceptOp(','));
  const groupBy = elements.flatMap((e) => e.sets.flat());
  if (elements.every((e) => e.plain)) return { groupBy };
  const groupingSets = elements.reduce<SqlExpr[][]>((acc, e) => acc.flatMap((a) => e.sets.map((s) => [...a, ...s])), [[]]);
  return { groupBy, groupingSets };
}

function parseGroupingElement(c: Cursor): GroupingElement {
  const t = c.peek();
  if (t.kind === 'word' && (t.upper === 'ROLLUP' || t.upper === 'CUBE') && c.isOp('(', 1)) {
    c.next();
    c.expectOp('(');
    const items: SqlExpr[][] = [];
    do items.push(parseKeyList(c));
    while (c.acceptOp(','));
    c.expectOp(')');
    if (t.upper === 'ROLLUP') return { sets: items.map((_, i) => items.slice(0, items.length - i).flat()).concat([[]]), plain: false };
    if (items.length > 12) c.unsupported(`CUBE of ${items.length} elements (${2 ** items.length} grouping sets; relc's limit is 12 elements)`, c.spanFrom(t.start));
    const sets: SqlExpr[][] = [];
    for (let mask = 2 ** items.length - 1; mask >= 0; mask--) sets.push(items.filter((_, i) => mask & (1 << (items.length - 1 - i))).flat());
    return { sets, plain: false };
  }
  if (t.kind === 'word' && t.upper === 'GROUPING' && c.isWord('SETS', 1)) {
    c.next();
    c.next();
    c.expectOp('(');
    const sets: SqlExpr[][] = [];
    do sets.push(...parseGroupingElement(c).sets);
    while (c.acceptOp(','));
    c.expectOp(')');
    return { sets, plain: false };
  }
  if (c.isOp('(') && c.isOp(')', 1)) {
    c.next();
    c.next();
    return { sets: [[]], plain: false };
  }
  return { sets: [parseKeyList(c)], plain: true };
}

/** An expression, or a parenthesized list of them that groups together (`(a, b)`). */
function parseKeyList(c: Cursor): SqlExpr[] {
  if (c.isOp('(') && !c.isOp(')', 1)) {
    const mark = c.mark;
    c.next();
    if (!startsQuery(c)) {
      const list = parseExprList(c);
      if (list.length > 1 && c.acceptOp(')')) return list;
    }
    c.reset(mark); // one parenthesized expression: `(a + b) * 2`
  }
  return [parseExpr(c)];
}

function parseSelectItem(c: Cursor): SelectItem {
  const start = c.peek().start;
  if (c.acceptOp('*')) return { k: 'star', qualifier: null, exclude: parseStarExclude(c), span: c.spanFrom(start) };
  if ((c.atIdent() || c.peek().kind === 'word') && c.isOp('.', 1) && c.isOp('*', 2)) {
    const qualifier = c.qualifier();
    c.next();
    c.next();
    return { k: 'star', qualifier, exclude: parseStarExclude(c), span: c.spanFrom(start) };
  }
  const expr = parseExpr(c);
  let alias: Ident | null = null;
  if (c.acceptWord('AS')) alias = aliasIdent(c);
  else if (c.atIdent()) alias = c.ident();
  return { k: 'expr', expr, alias, span: c.spanFrom(start) };
}

/** DuckDB's `* EXCLUDE (a, b)` or `* EXCLUDE a`: the columns the star leaves out. */
function parseStarExclude(c: Cursor): Ident[] {
  if (!c.dialect.selectShorthands || !c.acceptWord('EXCLUDE')) return [];
  if (!c.isOp('(')) return [c.ident('a column name')];
  return parseIdentList(c);
}

/** After AS, any word is an alias (`AS date`, `AS end` are fine there). */
function aliasIdent(c: Cursor): Ident {
  const t = c.peek();
  if (t.kind === 'word' || t.kind === 'quoted' || t.kind === 'string') {
    c.next();
    return { value: t.value, quoted: t.kind !== 'word', span: { start: t.start, end: t.end } };
  }
  return c.fail('an alias');
}

function parseTableAlias(c: Cursor): TableAlias | null {
  let name: Ident | null = null;
  if (c.acceptWord('AS')) name = aliasIdent(c);
  else if (c.atIdent()) name = c.ident();
  if (!name) return null;
  const columns = c.isOp('(') ? parseIdentList(c) : [];
  return { name, columns };
}

const JOIN_STARTS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL']);

function parseFromItem(c: Cursor): FromItem {
  let left = parseFromPrimary(c);
  for (;;) {
    const t = c.peek();
    if (t.kind !== 'word' || !JOIN_STARTS.has(t.upper)) return left;
    c.next();
    const natural = t.upper === 'NATURAL';
    const word = natural ? c.next().upper : t.upper;
    let kind: JoinKind = 'inner';
    switch (word) {
      case 'JOIN':
        break;
      case 'INNER':
        c.expectWord('JOIN');
        break;
      case 'LEFT':
      case 'RIGHT':
      case 'FULL':
        kind = word.toLowerCase() as JoinKind;
        c.acceptWord('OUTER');
        c.expectWord('JOIN');
        break;
      case 'CROSS':
        kind = 'cross';
        c.expectWord('JOIN');
        break;
      default:
        c.fail('JOIN', t);
    }
    const right = parseFromPrimary(c);
    let on: SqlExpr | null = null;
    let using: Ident[] | null = null;
    if (kind !== 'cross' && !natural) {
      if (c.acceptWord('ON')) on = parseExpr(c);
      else if (c.isWord('USING')) {
        c.next();
        using = parseIdentList(c);
      } else c.fail('ON or USING');
    }
    left = { k: 'join', kind, natural, left, right, on, using, span: c.spanFrom(left.span.start) };
  }
}

function parseFromPrimary(c: Cursor): FromItem {
  const start = c.peek().start;
  const lateral = c.acceptWord('LATERAL');
  if (c.isOp('(')) {
    if (startsQuery(c, 1)) {
      c.next();
      const query = parseQuery(c);
      c.expectOp(')');
      const alias = parseTableAlias(c);
      return { k: 'derived', query, alias, lateral, span: c.spanFrom(start) };
    }
    c.next();
    const inner = parseFromItem(c);
    c.expectOp(')');
    if (c.atIdent() || c.isWord('AS')) c.unsupported('an alias on a parenthesized join', c.spanFrom(start));
    return inner;
  }
  const name: Ident[] = [c.ident(lateral ? "'(' or a function" : 'a table name')];
  while (c.acceptOp('.')) name.push(c.ident('a table name'));
  if (c.isOp('(')) {
    if (lateral) c.unsupported(`LATERAL table function ${name.map((n) => n.value).join('.')}(…)`, c.spanFrom(start));
    c.next();
    const args = c.isOp(')') ? [] : parseExprList(c);
    c.expectOp(')');
    if (c.isWord('WITH') && c.isWord('ORDINALITY', 1)) c.unsupported('WITH ORDINALITY', c.spanFrom(start));
    return { k: 'function', name, args, alias: parseTableAlias(c), span: c.spanFrom(start) };
  }
  if (lateral) c.fail("'('");
  const alias = parseTableAlias(c);
  return { k: 'table', name, alias, span: c.spanFrom(start) };
}
