// Output column names by each engine's own rule, for a transpiled query: the names the target
// engine would give the query text as written, so that the emitted text can name its columns so
// (as explicit aliases, whatever subqueries the lowering adds). Each rule was read off the engine
// itself (test/output-names.test.ts runs a corpus of every naming form on each engine):
//   - an alias names its column as written; PostgreSQL folds an unquoted one to lower case;
//   - a column reference (or a star's column) is named after the column it resolves to;
//   - any other expression: PostgreSQL derives a name (`?column?`, the function's name: relc's
//     own names, src/sql/select/env.ts derivedName, but a cast of a literal, CASE or operator
//     expression is named after its type, `int4`); SQLite takes the expression's text as written
//     (up to the next token, comments included); DuckDB prints its parse tree (`(a + 1)`,
//     `count_star()`, `CAST(a AS INTEGER)`), which `duckdbName` re-creates for the forms it knows
//     and leaves to the engine (null) otherwise;
//   - a column of a derived table or CTE (through a star or by name) keeps the name the engine gave
//     it there: the item's name as above (but SQLite names a column reference as written), under
//     the column list `s(x, y)`, then made unique by the engine's rule (PostgreSQL keeps
//     duplicates, DuckDB appends `_1`, SQLite `:1`).

import type { CallSyntax, Ident, OrderItem, SqlExpr, TypeName, WindowSpec } from './ast.ts';
import { DUCKDB_KEYWORDS } from './duckdb-keywords.ts';
import type { ColumnNaming, DerivedColumn, RelationNaming } from './scope.ts';

export type { ColumnNaming } from './scope.ts';

/** The engines whose naming rules are known (Spark: none yet, so its columns keep today's engine naming). */
export type NamingTarget = 'duckdb' | 'sqlite' | 'postgres' | 'spark';

/** The text of a select-list item from `span.start` up to the next token, as SQLite keeps it for a name. */
export function itemText(text: string, span: { readonly start: number; readonly end: number }): string {
  let end = span.end;
  for (;;) {
    const rest = text.slice(end);
    const skip = /^(\s+|--[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
    if (!skip) break;
    end += skip[0].length;
  }
  return text.slice(span.start, end).trimEnd();
}

/** PostgreSQL folds an unquoted identifier's ASCII letters to lower case. */
const foldAscii = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** The name an alias gives its column: PostgreSQL folds an unquoted one. */
function aliasName(alias: Ident, target: NamingTarget): string {
  return target === 'postgres' && !alias.quoted ? foldAscii(alias.value) : alias.value;
}

/** The name the target engine gives the column, or null when relc does not know it (the engine names it). */
export function targetColumnName(c: ColumnNaming, target: NamingTarget): string | null {
  if (c.alias) return aliasName(c.alias, target);
  // A column is named after the column it reads, a derived table's by that table's rule (Spark: relc's names).
  if (c.expr === null || c.expr.k === 'column') return c.source && target !== 'spark' ? sourceName(c.source, target) : c.name;
  return expressionName(c.expr, c, target);
}

/** What the target names an unaliased expression other than a column. */
function expressionName(e: SqlExpr, c: ColumnNaming, target: NamingTarget): string | null {
  switch (target) {
    case 'postgres':
      return postgresName(e, c.name);
    case 'sqlite':
      return c.text;
    case 'duckdb':
      return duckdbName(e);
    case 'spark':
      return null;
  }
}

// ---- Columns of derived tables and CTEs ----

type DerivedTarget = Exclude<NamingTarget, 'spark'>;

function sourceName(d: DerivedColumn, target: DerivedTarget): string | null {
  return derivedNames(d.relation, target)[d.index] ?? null;
}

/**
 * The names the target gives a derived table's (or CTE's) columns: each item's name inside a
 * derived table, the column list over them, then the engine's own uniqueness rule (PostgreSQL
 * keeps duplicates: `select * from (select 1, 1) s` is `?column?`, `?column?`).
 */
function derivedNames(r: RelationNaming, target: DerivedTarget): (string | null)[] {
  const own = r.columns.map((c, i) => {
    const alias = r.aliases[i];
    return alias ? aliasName(alias, target) : innerName(c, target);
  });
  switch (target) {
    case 'postgres':
      return own;
    case 'duckdb':
      return madeUnique(own, duckdbUnique);
    case 'sqlite':
      return madeUnique(own, sqliteUnique);
  }
}

/**
 * An item's name inside a derived table: as at the top, but SQLite names a column reference
 * after its last identifier as written (`select * from (select T.A from t)` is `A`), before it
 * resolves it.
 */
function innerName(c: ColumnNaming, target: DerivedTarget): string | null {
  if (target === 'sqlite' && c.alias === null && c.expr?.k === 'column') return c.expr.parts[c.expr.parts.length - 1]!.value;
  return targetColumnName(c, target);
}

/**
 * Names made unique in order by an engine's rule (`taken` holds the lower-cased names before;
 * the rule gives the new name, or null when the engine's choice is not predictable). After a
 * name relc does not know, a later one is known only when it is a plain identifier: no engine
 * prints an expression as one, so it cannot collide with the unknown name.
 */
function madeUnique(names: readonly (string | null)[], rule: (name: string, taken: ReadonlySet<string>) => string | null): (string | null)[] {
  const taken = new Set<string>();
  let unknown = false;
  return names.map((n) => {
    const name = n === null || (unknown && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) ? null : rule(n, taken);
    if (name === null) unknown = true;
    else taken.add(name.toLowerCase());
    return name;
  });
}

/** DuckDB's: `x`, `x_1`, `x_2`, … the first not taken, ignoring case (relc's own rule, uniqueNames). */
function duckdbUnique(name: string, taken: ReadonlySet<string>): string {
  let candidate = name;
  for (let i = 1; taken.has(candidate.toLowerCase()); i++) candidate = `${name}_${i}`;
  return candidate;
}

/**
 * SQLite's (sqlite3ColumnsFromExprList): while taken (ignoring case), a trailing `:digits` is cut
 * and `:k` appended for k = 1, 2, …; past `:4` SQLite picks k at random, so the name is unknown.
 */
function sqliteUnique(name: string, taken: ReadonlySet<string>): string | null {
  let candidate = name;
  for (let k = 1; taken.has(candidate.toLowerCase()); k++) {
    if (k > 4) return null;
    candidate = `${candidate.replace(/:\d*$/, '')}:${k}`;
  }
  return candidate;
}

// ---- PostgreSQL: relc's derived names, but for casts ----

/** The internal name PostgreSQL's grammar gives a type as written (`int` is int4), which names a cast's column. */
const PG_TYPE_NAMES: Readonly<Record<string, string>> = {
  INT: 'int4', INTEGER: 'int4', INT4: 'int4', BIGINT: 'int8', INT8: 'int8', SMALLINT: 'int2', INT2: 'int2', REAL: 'float4', FLOAT4: 'float4',
  FLOAT: 'float8', FLOAT8: 'float8', 'DOUBLE PRECISION': 'float8', NUMERIC: 'numeric', DECIMAL: 'numeric', DEC: 'numeric', BOOLEAN: 'bool',
  BOOL: 'bool', VARCHAR: 'varchar', 'CHARACTER VARYING': 'varchar', CHAR: 'bpchar', CHARACTER: 'bpchar',
};

function pgTypeName(t: TypeName): string {
  const name = PG_TYPE_NAMES[t.name] ?? t.name.toLowerCase();
  return t.array ? `_${name}` : name;
}

/** Whether PostgreSQL's name for `e` is a strong one (a column's, a function's), which a cast keeps. */
function namesStrongly(e: SqlExpr): boolean {
  return e.k === 'column' || e.k === 'func' || e.k === 'extract' || e.k === 'exists' || e.k === 'subquery' || (e.k === 'cast' && namesStrongly(e.arg));
}

/**
 * relc's derived name is PostgreSQL's (src/sql/select/env.ts derivedName), except that a cast of
 * a literal, CASE or operator expression (DATE '…' included) is named after its type there.
 */
function postgresName(e: SqlExpr, relcName: string): string {
  if (e.k === 'typed') return e.type;
  if (e.k === 'cast' && !namesStrongly(e.arg)) return pgTypeName(e.type);
  return relcName;
}

// ---- DuckDB: ParsedExpression::ToString of the forms below; anything else is null ----

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

/** Each part, or null as soon as one is null. */
function all(xs: readonly SqlExpr[]): string[] | null {
  const out: string[] = [];
  for (const x of xs) {
    const s = duckdbName(x);
    if (s === null) return null;
    out.push(s);
  }
  return out;
}

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
    case 'column':
      return e.parts.every((p) => plainIdent(p.value)) ? e.parts.map((p) => p.value).join('.') : null;
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
  if (arg.k === 'in' && !arg.negated) return duckdbName({ ...arg, negated: true });
  const negatable = arg.k === 'like' || arg.k === 'logical' || arg.k === 'column' || (arg.k === 'is' && arg.test === 'null' && !arg.negated) || (arg.k === 'between' && !arg.negated);
  const inner = negatable ? duckdbName(arg) : null;
  return inner === null ? null : `(NOT ${inner})`;
}
