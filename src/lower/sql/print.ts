// The dialect printer: SQL AST → text. Identifiers are always quoted, literals printed by the
// dialect, parameters become placeholders listed in order. One clause per line, subqueries
// indented by two spaces; the same AST always prints to the same bytes.

import { PRECEDENCE, assertNever } from '../../ir/index.ts';
import type { Compound, FromItem, OrderItem, Over, Query, Select, SqlExpr, SqlFrameBound, Statement } from './ast.ts';
import type { SqlDialect } from './dialect.ts';
import { printLiteral, quoteIdentifier, typeName, type Printed } from './literals.ts';

export interface PrintedSql {
  readonly sql: string;
  readonly params: readonly string[];
}

interface Ctx {
  readonly d: SqlDialect;
  readonly params: string[];
}

interface P extends Printed {
  readonly op?: string; // the infix operator at the top, for left-associative chains
}

const atom = (text: string): P => ({ text, precedence: PRECEDENCE.atom });
const paren = (p: P): string => `(${p.text})`;

/** Whether a child printed under an operator of precedence `parent` needs parentheses. */
function needsParens(parent: number, child: P): boolean {
  if (child.precedence >= PRECEDENCE.atom) return false;
  // AND / OR / NOT: everything binding tighter is safe.
  if (parent <= PRECEDENCE.not) return child.precedence <= parent;
  // Comparisons, IS, IN, LIKE: arithmetic operands are safe; nested predicates are not (the
  // engines order =, <, IS and LIKE differently among themselves).
  if (parent <= PRECEDENCE.like) return child.precedence <= PRECEDENCE.like;
  // Arithmetic and ||: SQLite binds || tighter than * while PostgreSQL binds it looser than +,
  // so mixed operators are always parenthesized; a unary minus is safe.
  return child.precedence !== PRECEDENCE.unary;
}

function infixOperand(op: string, parent: number, child: P, first: boolean): string {
  const chain = first && child.op === op && parent !== PRECEDENCE.compare && parent !== PRECEDENCE.is;
  return !chain && needsParens(parent, child) ? paren(child) : child.text;
}

function expr(e: SqlExpr, c: Ctx): P {
  switch (e.kind) {
    case 'column':
      return atom(e.qualifier === null ? quoteIdentifier(e.name, c.d) : `${quoteIdentifier(e.qualifier, c.d)}.${quoteIdentifier(e.name, c.d)}`);
    case 'lit':
      return printLiteral(e.type, e.value, c.d);
    case 'param': {
      const ph = placeholder(e.name, c);
      return atom(c.d.castParams ? `CAST(${ph} AS ${typeName(e.type, c.d)})` : ph);
    }
    case 'bool':
      return atom(c.d.literals.booleans[e.value ? 0 : 1]);
    case 'star':
      return atom('*');
    case 'fn': {
      const args = e.args.map((a) => expr(a, c).text).join(', ');
      const filter = e.filter ? ` FILTER (WHERE ${expr(e.filter, c).text})` : '';
      const over = e.over ? ` OVER (${overText(e.over, c)})` : '';
      // An aggregate's own order: inside its parentheses, or (Spark) as WITHIN GROUP after them.
      const inside = c.d.caps.aggregateOrder === 'inside';
      const order = inside && e.orderBy?.length ? ` ORDER BY ${orderText(e.orderBy, c)}` : '';
      const withinKeys = e.withinGroup?.length ? e.withinGroup : !inside && e.orderBy?.length ? e.orderBy : undefined;
      const within = withinKeys ? ` WITHIN GROUP (ORDER BY ${orderText(withinKeys, c)})` : '';
      return atom(`${e.name}(${e.distinct ? 'DISTINCT ' : ''}${args}${order})${within}${filter}${over}`);
    }
    case 'infix': {
      const parts = e.args.map((a, i) => infixOperand(e.op, e.precedence, expr(a, c), i === 0));
      return { text: parts.join(` ${e.op} `), precedence: e.precedence, op: e.op };
    }
    case 'prefix': {
      const a = expr(e.arg, c);
      const wrap = e.precedence <= PRECEDENCE.not ? needsParens(e.precedence, a) : a.precedence < PRECEDENCE.atom;
      return { text: `${e.op}${wrap ? paren(a) : a.text}`, precedence: e.precedence };
    }
    case 'template': {
      // Arguments print where (and as often as) the template places them, so positional
      // placeholders stay in text order.
      const text = e.template.replace(/\{(\d+|\*)\}/g, (_, k: string) => {
        if (k === '*') return e.args.map((x) => expr(x, c).text).join(', ');
        const a = expr(e.args[Number(k)]!, c);
        return e.precedence !== null && a.precedence < PRECEDENCE.atom ? paren(a) : a.text;
      });
      return { text, precedence: e.precedence ?? PRECEDENCE.atom };
    }
    case 'case': {
      const whens = e.whens.map((w) => ` WHEN ${expr(w.when, c).text} THEN ${expr(w.then, c).text}`).join('');
      const otherwise = e.else ? ` ELSE ${expr(e.else, c).text}` : '';
      return atom(`CASE${whens}${otherwise} END`);
    }
    case 'cast':
      return atom(`CAST(${expr(e.expr, c).text} AS ${typeName(e.type, c.d)})`);
    case 'isnull': {
      const a = expr(e.expr, c);
      return { text: `${needsParens(PRECEDENCE.is, a) ? paren(a) : a.text} IS ${e.negated ? 'NOT ' : ''}NULL`, precedence: PRECEDENCE.is };
    }
    case 'in': {
      const a = expr(e.expr, c);
      const list = e.list.map((x) => expr(x, c).text).join(', ');
      return { text: `${needsParens(PRECEDENCE.in, a) ? paren(a) : a.text} ${e.negated ? 'NOT ' : ''}IN (${list})`, precedence: PRECEDENCE.in };
    }
    case 'like': {
      const a = expr(e.expr, c);
      const p = expr(e.pattern, c);
      const op = `${e.negated ? 'NOT ' : ''}${e.ilike ? 'ILIKE' : 'LIKE'}`;
      const side = (x: P) => (needsParens(PRECEDENCE.like, x) ? paren(x) : x.text);
      return { text: `${side(a)} ${op} ${side(p)}${e.escape === null ? '' : ` ESCAPE ${printLiteral({ kind: 'utf8' }, e.escape, c.d).text}`}`, precedence: PRECEDENCE.like };
    }
    case 'in_query': {
      const keys = e.exprs.map((x) => expr(x, c));
      const key = keys.length === 1 ? (needsParens(PRECEDENCE.in, keys[0]!) ? paren(keys[0]!) : keys[0]!.text) : `(${keys.map((k) => k.text).join(', ')})`;
      const body = queryLines(e.query, c).map((l) => l.trim()).join(' ');
      return { text: `${key} IN (${body})`, precedence: PRECEDENCE.in };
    }
    case 'exists': {
      const body = queryLines(e.query, c).map((l) => l.trim()).join(' ');
      return e.negated ? { text: `NOT EXISTS (${body})`, precedence: PRECEDENCE.not } : atom(`EXISTS (${body})`);
    }
    default:
      return assertNever(e, 'SQL expression');
  }
}

function placeholder(name: string, c: Ctx): string {
  const ph = c.d.placeholder;
  if (ph.style === 'positional') {
    c.params.push(name);
    return ph.text;
  }
  let i = c.params.indexOf(name);
  if (i < 0) i = c.params.push(name) - 1;
  return `${ph.prefix}${i + 1}`;
}

function orderText(items: readonly OrderItem[], c: Ctx): string {
  return items
    .flatMap((o) => {
      const dir = o.desc ? 'DESC' : 'ASC';
      if (c.d.caps.nullsOrdering) return [`${expr(o.expr, c).text} ${dir} NULLS ${o.nullsFirst ? 'FIRST' : 'LAST'}`];
      // Without NULLS FIRST/LAST: a leading key that sorts NULLs where they belong.
      const int = (n: number): SqlExpr => ({ kind: 'lit', type: { kind: 'int32' }, value: n });
      const key: SqlExpr = { kind: 'case', whens: [{ when: { kind: 'isnull', expr: o.expr, negated: false }, then: int(o.nullsFirst ? 0 : 1) }], else: int(o.nullsFirst ? 1 : 0) };
      return [`${expr(key, c).text} ASC`, `${expr(o.expr, c).text} ${dir}`];
    })
    .join(', ');
}

function boundText(b: SqlFrameBound, c: Ctx): string {
  switch (b.kind) {
    case 'unbounded_preceding':
      return 'UNBOUNDED PRECEDING';
    case 'unbounded_following':
      return 'UNBOUNDED FOLLOWING';
    case 'current_row':
      return 'CURRENT ROW';
    case 'preceding':
      return `${b.value ? expr(b.value, c).text : b.offset} PRECEDING`;
    case 'following':
      return `${b.value ? expr(b.value, c).text : b.offset} FOLLOWING`;
    default:
      return assertNever(b, 'frame bound');
  }
}

function overText(o: Over, c: Ctx): string {
  const parts: string[] = [];
  if (o.partitionBy.length) parts.push(`PARTITION BY ${o.partitionBy.map((p) => expr(p, c).text).join(', ')}`);
  if (o.orderBy.length) parts.push(`ORDER BY ${orderText(o.orderBy, c)}`);
  if (o.frame) parts.push(`${o.frame.unit.toUpperCase()} BETWEEN ${boundText(o.frame.start, c)} AND ${boundText(o.frame.end, c)}`);
  return parts.join(' ');
}

const indent = (lines: readonly string[]): string[] => lines.map((l) => `  ${l}`);

const JOIN_WORDS = { inner: 'INNER JOIN', left: 'LEFT JOIN', right: 'RIGHT JOIN', full: 'FULL JOIN', cross: 'CROSS JOIN', semi: 'SEMI JOIN', anti: 'ANTI JOIN' } as const;

function fromLines(f: FromItem, c: Ctx): string[] {
  const q = (n: string) => quoteIdentifier(n, c.d);
  switch (f.kind) {
    case 'table':
      return [`${f.schema !== undefined ? `${q(f.schema)}.` : ''}${q(f.name)} AS ${q(f.alias)}`];
    case 'subquery':
      return ['(', ...indent(queryLines(f.query, c)), `) AS ${q(f.alias)}`];
    case 'with_recursive': {
      const ctes = f.ctes.flatMap((cte, i) => [
        `${i === 0 ? 'WITH RECURSIVE ' : '), '}${q(cte.name)}(${cte.columns.map(q).join(', ')})${cte.usingKey ? ` USING KEY (${cte.usingKey.map(q).join(', ')})` : ''}${c.d.recursionLimit ? ` ${c.d.recursionLimit}` : ''} AS (`,
        ...indent(queryLines(cte.query, c)),
      ]);
      return ['(', ...indent([...ctes, ')', ...selectLines(f.body, c)]), `) AS ${q(f.alias)}`];
    }
    case 'function':
      return [`${f.name}(${f.args.map((x) => expr(x, c).text).join(', ')}) AS ${q(f.alias)}(${f.columns.map(q).join(', ')})`];
    case 'values': {
      const rows = f.rows.map((r) => `(${r.map((x) => expr(x, c).text).join(', ')})`).join(', ');
      if (c.d.caps.valuesColumnAliases) return [`(VALUES ${rows}) AS ${q(f.alias)}(${f.columns.map(q).join(', ')})`];
      const renamed = f.columns.map((n, i) => `${q(`column${i + 1}`)} AS ${q(n)}`).join(', ');
      return [`(SELECT ${renamed} FROM (VALUES ${rows})) AS ${q(f.alias)}`];
    }
    case 'join': {
      const left = fromLines(f.left, c);
      const right = fromLines(f.right, c);
      const on = f.on ? ` ON ${expr(f.on, c).text}` : '';
      const [first, ...rest] = right;
      const head = `${JOIN_WORDS[f.type]} ${first}`;
      return rest.length ? [...left, head, ...rest.slice(0, -1), `${rest.at(-1)}${on}`] : [...left, `${head}${on}`];
    }
    default:
      return assertNever(f, 'FROM item');
  }
}

function selectLines(s: Select, c: Ctx): string[] {
  const q = (n: string) => quoteIdentifier(n, c.d);
  const items = s.items
    .map((it) => {
      const e = expr(it.expr, c).text;
      return it.engineNamed || (it.expr.kind === 'column' && it.expr.name === it.alias) ? e : `${e} AS ${q(it.alias)}`;
    })
    .join(', ');
  const lines = [`SELECT ${s.distinct ? 'DISTINCT ' : ''}${items}`];
  if (s.from) {
    const [first, ...rest] = fromLines(s.from, c);
    lines.push(`FROM ${first}`, ...rest);
  }
  if (s.where) lines.push(`WHERE ${expr(s.where, c).text}`);
  if (s.groupBy && s.groupBy.length) lines.push(`GROUP BY ${s.groupBy.map((g) => expr(g, c).text).join(', ')}`);
  if (s.having) lines.push(`HAVING ${expr(s.having, c).text}`);
  if (s.qualify) lines.push(`QUALIFY ${expr(s.qualify, c).text}`);
  if (s.orderBy.length) lines.push(`ORDER BY ${orderText(s.orderBy, c)}`);
  if (s.limit !== null) lines.push(`LIMIT ${s.limit}`);
  else if (s.offset > 0 && c.d.limitAll) lines.push(c.d.limitAll);
  if (s.offset > 0) lines.push(`OFFSET ${s.offset}`);
  return lines;
}

function compoundLines(q: Compound, c: Ctx): string[] {
  const word = `${q.op.toUpperCase()}${q.all ? ' ALL' : ''}`;
  return q.inputs.flatMap((s, i) => (i === 0 ? selectLines(s, c) : [word, ...selectLines(s, c)]));
}

function queryLines(q: Query, c: Ctx): string[] {
  return q.kind === 'select' ? selectLines(q, c) : compoundLines(q, c);
}

export function printStatement(stmt: Statement, d: SqlDialect): PrintedSql {
  const c: Ctx = { d, params: [] };
  const lines: string[] = [];
  stmt.ctes.forEach((cte, i) => {
    const head = `${i === 0 ? 'WITH ' : '), '}${quoteIdentifier(cte.name, d)} AS (`;
    lines.push(head, ...indent(queryLines(cte.query, c)));
  });
  if (stmt.ctes.length) lines.push(')');
  lines.push(...queryLines(stmt.body, c));
  return { sql: lines.join('\n'), params: c.params };
}
