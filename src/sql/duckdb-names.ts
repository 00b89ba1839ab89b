// What DuckDB names an unaliased select-list expression: its parse tree printed back
// (ParsedExpression::ToString), re-created here for the forms below, each read off the engine
// (test/output-names.test.ts); anything else is null, and the engine names it.

import type { CallSyntax, OrderItem, Query, SelectCore, SqlExpr, TypeName, WindowSpec } from './ast.ts';
import { DUCKDB_KEYWORDS } from './duckdb-keywords.ts';

const COMPARISON_NEGATION: Readonly<Record<string, string>> = { '=': '!=', '<>': '=', '!=': '=', '<': '>=', '>=': '<', '>': '<=', '<=': '>' };
/** Binary operators DuckDB prints as written (`<>` as `!=`). */
const DUCKDB_BINARY: Readonly<Record<string, string>> = {
  '+': '+', '-': '-', '*': '*', '/': '/', '%': '%', '//': '//', '^': '^', '||': '||',
  '=': '=', '<>': '!=', '!=': '!=', '<': '<', '>': '>', '<=': '<=', '>=': '>=',
};
/** Type names as DuckDB prints a cast to them (built-in names bare, those it resolves later quoted). */
const DUCKDB_TYPES: Readonly<Record<string, string>> = {
  INT: 'INTEGER', INTEGER: 'INTEGER', INT4: 'INTEGER', BIGINT: 'BIGINT', INT8: 'BIGINT', SMALLINT: 'SMALLINT', INT2: 'SMALLINT',
  TEXT: 'VARCHAR', VARCHAR: 'VARCHAR', BOOLEAN: 'BOOLEAN', FLOAT: 'FLOAT', REAL: 'FLOAT',
  'DOUBLE PRECISION': '"DOUBLE"', DOUBLE: '"DOUBLE"', DATE: '"DATE"', TIMESTAMP: 'TIMESTAMP', NUMERIC: 'DECIMAL', DECIMAL: 'DECIMAL',
};
/**
 * Function names DuckDB's grammar reads as other expressions (COALESCE, casts) or prints with a
 * schema (`main."trim"(b)`): its column_name keywords and the type names callable as casts.
 */
const DUCKDB_SPECIAL_CALLS: ReadonlySet<string> = new Set([
  'between', 'bigint', 'bit', 'boolean', 'char', 'character', 'dec', 'decimal', 'exists', 'extract', 'float', 'grouping', 'grouping_id',
  'inout', 'int', 'integer', 'interval', 'national', 'nchar', 'none', 'nullif', 'numeric', 'out', 'overlay', 'position', 'precision',
  'real', 'row', 'setof', 'smallint', 'substring', 'time', 'timestamp', 'treat', 'trim', 'values', 'varchar', 'xmlattributes',
  'xmlconcat', 'xmlelement', 'xmlexists', 'xmlforest', 'xmlnamespaces', 'xmlparse', 'xmlpi', 'xmlroot', 'xmlserialize', 'xmltable',
  'date', 'timestamptz', 'double', 'try_cast', 'struct', 'map', 'unnest', 'columns',
]);

const plainIdent = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !DUCKDB_KEYWORDS.has(s.toLowerCase());

/**
 * A part of a column reference: bare when a plain name, double-quoted when it could not be one
 * (`"a b"`, `"1a"`); a keyword is quoted or not by its category, which is not re-created (null).
 */
function columnPart(name: string): string | null {
  if (plainIdent(name)) return name;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? null : `"${name.replaceAll('"', '""')}"`;
}

/**
 * A literal number as DuckDB prints its value: an integer or plain decimal of up to 18 digits as
 * written but for leading zeros of its integer part and a bare trailing point (`007` is 7, `.5`
 * stays, `5.` is 5); one with an exponent is a DOUBLE, printed as `duckdbDouble` says.
 */
function duckdbNumber(text: string): string | null {
  if (text.startsWith('-')) {
    // The parser folds a sign into the literal, as DuckDB does.
    const n = duckdbNumber(text.slice(1));
    return n === null ? null : `-${n}`;
  }
  if (/[eE]/.test(text)) return duckdbDouble(Number(text));
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (m === null || (m[1] === '' && !m[2]) || (m[1]! + (m[2] ?? '')).length > 18) return null;
  const whole = m[1] === '' ? '' : m[1]!.replace(/^0+(?=\d)/, '');
  return m[2] ? `${whole}.${m[2]}` : whole;
}

/**
 * A DOUBLE as DuckDB prints it (read off the engine: 1000.0, 0.002, 1e+16, 1e-05): the shortest
 * digits that read back as the value, fixed-point with at least one fractional digit while the
 * decimal exponent is in [-4, 16), else a mantissa and a signed exponent of at least two digits.
 */
function duckdbDouble(x: number): string | null {
  if (!Number.isFinite(x) || x < 0) return null;
  if (x === 0) return '0.0';
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  const digits = mantissa.replace('.', '');
  if (e < 0) return `0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
  return `${whole}.${digits.slice(e + 1) || '0'}`;
}

function duckdbType(t: TypeName): string | null {
  if (t.array) return null;
  const base = DUCKDB_TYPES[t.name];
  if (base === undefined) return null;
  if (t.args.length === 0) return base;
  if (base === 'DECIMAL' && t.args.length === 2) return `DECIMAL(${t.args[0]}, ${t.args[1]})`;
  if (base === 'VARCHAR' && t.args.length === 1 && t.name === 'VARCHAR') return `VARCHAR(${t.args[0]})`;
  return null;
}

/** Each part named by `name`, or null as soon as one is not (shared by the engines' namers). */
export function allNamed(xs: readonly SqlExpr[], name: (e: SqlExpr) => string | null): string[] | null {
  const out: string[] = [];
  for (const x of xs) {
    const s = name(x);
    if (s === null) return null;
    out.push(s);
  }
  return out;
}

const all = (xs: readonly SqlExpr[]): string[] | null => allNamed(xs, duckdbName);

function orderItem(o: OrderItem): string | null {
  const e = duckdbName(o.expr);
  if (e === null) return null;
  return `${e}${o.direction ? ` ${o.direction.toUpperCase()}` : ''}${o.nulls ? ` NULLS ${o.nulls.toUpperCase()}` : ''}`;
}

function orderList(items: readonly OrderItem[]): string | null {
  const parts = items.map(orderItem);
  return parts.some((p) => p === null) ? null : parts.join(', ');
}

function windowText(w: WindowSpec): string | null {
  if (w.base !== null) return null;
  const partition = all(w.partitionBy);
  const order = orderList(w.orderBy);
  const frame = w.frame === null ? '' : frameText(w.frame);
  if (partition === null || order === null || frame === null) return null;
  const parts = [...(partition.length ? [`PARTITION BY ${partition.join(', ')}`] : []), ...(w.orderBy.length ? [`ORDER BY ${order}`] : []), ...(frame ? [frame] : [])];
  return ` OVER (${parts.join(' ')})`;
}

type Frame = NonNullable<WindowSpec['frame']>;

/**
 * A frame as DuckDB prints it: always BETWEEN … AND …; the default frame (RANGE from UNBOUNDED
 * PRECEDING to CURRENT ROW) not at all, and RANGE over the whole partition as ROWS.
 */
function frameText(f: Frame): string | null {
  if (f.unit === 'groups') return null;
  const [start, end] = [boundText(f.start), boundText(f.end)];
  if (start === null || end === null) return null;
  if (f.unit === 'range' && f.start.kind === 'unbounded_preceding' && f.end.kind === 'current_row') return '';
  const whole = f.start.kind === 'unbounded_preceding' && f.end.kind === 'unbounded_following';
  return `${whole ? 'ROWS' : f.unit.toUpperCase()} BETWEEN ${start} AND ${end}`;
}

function boundText(b: Frame['start']): string | null {
  switch (b.kind) {
    case 'unbounded_preceding':
      return 'UNBOUNDED PRECEDING';
    case 'unbounded_following':
      return 'UNBOUNDED FOLLOWING';
    case 'current_row':
      return 'CURRENT ROW';
    case 'preceding':
    case 'following': {
      const offset = duckdbName(b.offset);
      return offset === null ? null : `${offset} ${b.kind.toUpperCase()}`;
    }
  }
}

/**
 * EXTRACT(field FROM x) is DuckDB's date_part('field', x), printed with its schema. The field is
 * printed lower-cased as written, but for the plural keywords of DuckDB's grammar, which it
 * reads as the singular (`years` is 'year', `microseconds` 'microsecond'): the spellings here,
 * each checked on the engine.
 */
const DUCKDB_EXTRACT_FIELDS: Readonly<Record<string, string>> = {
  year: 'year', years: 'year', quarter: 'quarter', month: 'month', months: 'month', week: 'week', weeks: 'week', day: 'day', days: 'day',
  hour: 'hour', hours: 'hour', minute: 'minute', minutes: 'minute', second: 'second', seconds: 'second',
  microseconds: 'microsecond', microsecond: 'microsecond', us: 'us', milliseconds: 'millisecond', millisecond: 'millisecond', ms: 'ms',
  dow: 'dow', dayofweek: 'dayofweek', isodow: 'isodow', doy: 'doy', dayofyear: 'dayofyear', isoyear: 'isoyear', epoch: 'epoch',
  decade: 'decade', decades: 'decade', century: 'century', centuries: 'century', millennium: 'millennium', millennia: 'millennium', millenniums: 'millenniums',
};

function duckdbExtract(e: Extract<SqlExpr, { k: 'extract' }>): string | null {
  const field = Object.hasOwn(DUCKDB_EXTRACT_FIELDS, e.field.value.toLowerCase()) ? DUCKDB_EXTRACT_FIELDS[e.field.value.toLowerCase()]! : null;
  const arg = duckdbName(e.arg);
  return field === null || arg === null ? null : `main.date_part('${field}', ${arg})`;
}

/** A function name as DuckDB prints it: quoted when it is a keyword or not a plain name. */
function duckdbFunctionName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !DUCKDB_KEYWORDS.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/**
 * A call written in keyword syntax is, in DuckDB's grammar, the function it means printed with its
 * schema: TRIM(LEADING c FROM s) is `main.ltrim(s, c)`, POSITION(x IN y) `main."position"(y, x)`,
 * SUBSTRING(s FOR n) `main."substring"(s, 1, CAST(n AS INTEGER))`.
 */
function duckdbKeywordCall(e: Extract<SqlExpr, { k: 'func' }>, syntax: CallSyntax): string | null {
  const args = all(e.args);
  if (args === null) return null;
  if (syntax === 'substring for') {
    if (args.length !== 3) return null;
    args[2] = `CAST(${args[2]} AS INTEGER)`;
  }
  const fn = syntax === 'position' ? 'position' : e.name.value.toLowerCase();
  return `main.${duckdbFunctionName(fn)}(${args.join(', ')})`;
}

function duckdbCall(e: Extract<SqlExpr, { k: 'func' }>): string | null {
  const name = e.name.value.toLowerCase();
  if (e.syntax) return duckdbKeywordCall(e, e.syntax);
  if (e.withinGroup || DUCKDB_SPECIAL_CALLS.has(name)) return null;
  const args = all(e.args);
  if (args === null) return null;
  if (name === 'coalesce') return e.filter || e.over || e.distinct || e.orderBy?.length ? null : `COALESCE(${args.join(', ')})`;
  const order = e.orderBy?.length ? orderList(e.orderBy) : '';
  const filter = e.filter ? duckdbName(e.filter) : '';
  const over = e.over ? windowText(e.over) : '';
  if (order === null || filter === null || over === null) return null;
  // count(*) is count_star() as an aggregate, count() as a window function.
  const fn = e.star ? (name === 'count' && !e.distinct ? (e.over ? 'count' : 'count_star') : null) : duckdbFunctionName(name);
  if (fn === null) return null;
  return `${fn}(${e.distinct ? 'DISTINCT ' : ''}${args.join(', ')}${order ? ` ORDER BY ${order}` : ''})${filter ? ` FILTER (WHERE ${filter})` : ''}${over}`;
}

/** What DuckDB names an unaliased select-list expression, or null outside the forms re-created here. */
export function duckdbName(e: SqlExpr): string | null {
  switch (e.k) {
    case 'column': {
      const parts = e.parts.map((p) => columnPart(p.value));
      return parts.every((p) => p !== null) ? parts.join('.') : null;
    }
    case 'number':
      return duckdbNumber(e.text);
    case 'string':
      return `'${e.value.replaceAll("'", "''")}'`;
    case 'null':
      return 'NULL';
    case 'bool':
      return `CAST('${e.value ? 't' : 'f'}' AS BOOLEAN)`;
    case 'typed': {
      const type = e.type === 'date' ? '"DATE"' : e.type === 'timestamp' ? 'TIMESTAMP' : e.unit === null ? 'INTERVAL' : null;
      return type === null ? null : `CAST('${e.value.replaceAll("'", "''")}' AS ${type})`;
    }
    case 'unary': {
      if (e.op === 'not') return duckdbNot(e.arg);
      // DuckDB folds a sign into a number literal.
      if (e.op === '-' && e.arg.k === 'number') {
        const n = duckdbNumber(e.arg.text);
        return n === null ? null : `-${n}`;
      }
      const arg = duckdbName(e.arg);
      return arg === null ? null : `${e.op}(${arg})`;
    }
    case 'binary': {
      const op = DUCKDB_BINARY[e.op];
      const [l, r] = [duckdbName(e.left), duckdbName(e.right)];
      return op === undefined || l === null || r === null ? null : `(${l} ${op} ${r})`;
    }
    case 'logical': {
      const args = all(e.args);
      return args === null ? null : `(${args.join(e.op === 'and' ? ' AND ' : ' OR ')})`;
    }
    case 'is': {
      const arg = duckdbName(e.arg);
      if (arg === null) return null;
      if (e.test === 'null') return `(${arg} IS ${e.negated ? 'NOT ' : ''}NULL)`;
      if (typeof e.test === 'string') return null;
      const other = duckdbName(e.test);
      // The AST's `negated` is IS NOT DISTINCT FROM's NOT.
      return other === null ? null : `(${arg} IS ${e.negated ? 'NOT ' : ''}DISTINCT FROM ${other})`;
    }
    case 'between': {
      const parts = all([e.arg, e.low, e.high]);
      if (parts === null) return null;
      const text = `(${parts[0]} BETWEEN ${parts[1]} AND ${parts[2]})`;
      return e.negated ? `(NOT ${text})` : text;
    }
    case 'in': {
      const parts = all([e.arg, ...e.list]);
      return parts === null ? null : `(${parts[0]} ${e.negated ? 'NOT IN' : 'IN'} (${parts.slice(1).join(', ')}))`;
    }
    case 'like': {
      if (e.escape !== null) return null;
      const parts = all([e.arg, e.pattern]);
      const op = `${e.negated ? '!' : ''}~~${e.caseInsensitive ? '*' : ''}`;
      return parts === null ? null : `(${parts[0]} ${op} ${parts[1]})`;
    }
    case 'case': {
      const operand = e.operand === null ? null : duckdbName(e.operand);
      if (e.operand !== null && operand === null) return null;
      let text = 'CASE ';
      for (const w of e.whens) {
        const [when, then] = [duckdbName(w.when), duckdbName(w.then)];
        if (when === null || then === null) return null;
        text += ` WHEN (${operand === null ? when : `(${operand} = ${when})`}) THEN (${then})`;
      }
      const otherwise = e.else === null ? 'NULL' : duckdbName(e.else);
      return otherwise === null ? null : `${text} ELSE ${otherwise} END`;
    }
    case 'cast': {
      const [arg, type] = [duckdbName(e.arg), duckdbType(e.type)];
      return arg === null || type === null ? null : `CAST(${arg} AS ${type})`;
    }
    case 'func':
      return duckdbCall(e);
    case 'extract':
      return duckdbExtract(e);
    case 'subquery': {
      const q = duckdbQuery(e.query);
      return q === null ? null : `(${q})`;
    }
    case 'exists': {
      const q = duckdbQuery(e.query);
      return q === null ? null : `EXISTS(${q})`;
    }
    case 'in_query': {
      // x IN (subquery) is x = ANY (subquery); NOT IN its negation.
      const [arg, q] = [duckdbName(e.arg), duckdbQuery(e.query)];
      if (arg === null || q === null) return null;
      return e.negated ? `(NOT (${arg} = ANY(${q})))` : `(${arg} = ANY(${q}))`;
    }
    default:
      return null;
  }
}

/** NOT x: DuckDB's parser negates a comparison or an IN list itself. */
function duckdbNot(arg: SqlExpr): string | null {
  if (arg.k === 'binary' && COMPARISON_NEGATION[arg.op] !== undefined) {
    const [l, r] = [duckdbName(arg.left), duckdbName(arg.right)];
    return l === null || r === null ? null : `(${l} ${COMPARISON_NEGATION[arg.op]} ${r})`;
  }
  if ((arg.k === 'in' || arg.k === 'in_query') && !arg.negated) return duckdbName({ ...arg, negated: true });
  const negatable = arg.k === 'exists' || arg.k === 'like' || arg.k === 'logical' || arg.k === 'column' || (arg.k === 'is' && arg.test === 'null' && !arg.negated) || (arg.k === 'between' && !arg.negated);
  const inner = negatable ? duckdbName(arg) : null;
  return inner === null ? null : `(NOT ${inner})`;
}

// ---- Scalar subqueries: the query printed back, `(SELECT max(a) FROM t WHERE (a > 1))` ----

/** One SELECT with ORDER BY, LIMIT (FETCH FIRST too), OFFSET; no WITH, set operation or ORDER BY ALL. */
function duckdbQuery(q: Query): string | null {
  if (q.with !== null || q.body.k !== 'select' || q.orderByAll !== null) return null;
  const core = duckdbSelect(q.body);
  const order = q.orderBy.length ? orderList(q.orderBy) : '';
  const limit = q.limit ? duckdbName(q.limit) : '';
  const offset = q.offset ? duckdbName(q.offset) : '';
  if (core === null || order === null || limit === null || offset === null) return null;
  return `${core}${order ? ` ORDER BY ${order}` : ''}${limit ? ` LIMIT ${limit}` : ''}${offset ? ` OFFSET ${offset}` : ''}`;
}

/** SELECT [DISTINCT] items [FROM one table [AS alias]] [WHERE] [GROUP BY] [HAVING], each part as printed. */
function duckdbSelect(c: SelectCore): string | null {
  if (c.distinctOn !== null || c.groupByAll || c.groupingSets !== undefined || c.windows.length > 0 || c.qualify !== null || c.from.length > 1) return null;
  const items = c.items.map((it) => {
    if (it.k === 'star') return null;
    const e = duckdbName(it.expr);
    if (it.alias === null || e === null) return e;
    return plainIdent(it.alias.value) ? `${e} AS ${it.alias.value}` : null;
  });
  const from = c.from.length === 0 ? '' : tableText(c.from[0]!);
  const where = c.where ? duckdbName(c.where) : '';
  const groupBy = all(c.groupBy);
  const having = c.having ? duckdbName(c.having) : '';
  if (items.some((x) => x === null) || from === null || where === null || groupBy === null || having === null) return null;
  return `SELECT ${c.distinct ? 'DISTINCT ' : ''}${items.join(', ')}${from ? ` FROM ${from}` : ''}${where ? ` WHERE ${where}` : ''}${groupBy.length ? ` GROUP BY ${groupBy.join(', ')}` : ''}${having ? ` HAVING ${having}` : ''}`;
}

/** A table read by its name, `t` or `t AS x` (AS printed whether written or not). */
function tableText(f: SelectCore['from'][number]): string | null {
  if (f.k !== 'table' || f.name.length !== 1 || !plainIdent(f.name[0]!.value)) return null;
  if (f.alias === null) return f.name[0]!.value;
  return f.alias.columns.length === 0 && plainIdent(f.alias.name.value) ? `${f.name[0]!.value} AS ${f.alias.name.value}` : null;
}
