// The Kysely front end: a Kysely select query (its operation-node tree) → relc's SQL syntax tree
// → the SQL front end's translation, so types, decorrelation and errors are those of SQL text.
// Kysely's value nodes (parameters of its compiled SQL) become relc literals, never text.

import { RelcError, type Rel } from '../ir/index.ts';
import { parseExprAst, translateSelectAst, type Catalog, type SqlAst } from '../sql/index.ts';

/** A Kysely operation node: plain data with a `kind`. */
export interface KyselyNode {
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** A Kysely query builder (anything with `toOperationNode()`), or the node tree itself. */
export type KyselyQuery = { toOperationNode(): { readonly kind: string } } | { readonly kind: string };

type Expr = SqlAst.SqlExpr;
type Query = SqlAst.Query;

/** What error locations point into: relc has no source text for a builder-made query. */
const TEXT = '<kysely query>';
const SPAN = { start: 0, end: 0 } as const;

export function fromKysely(query: KyselyQuery, catalog: Catalog): Rel {
  const node = ('toOperationNode' in query && typeof query.toOperationNode === 'function' ? query.toOperationNode() : query) as KyselyNode;
  return translateSelectAst(toQuery(node), TEXT, { dialect: 'postgres', catalog, origin: { file: TEXT, line: 1, col: 1 } });
}

function unsupported(node: KyselyNode | { kind?: unknown }, what?: string): never {
  const kind = String(node.kind ?? typeof node);
  throw new RelcError('UNSUPPORTED_CONSTRUCT', `Kysely node ${kind}${what === undefined ? '' : ` (${what})`} is not supported`, { details: { node: kind } });
}

const ident = (value: string): SqlAst.Ident => ({ value, quoted: true, span: SPAN });

function identOf(n: KyselyNode): string {
  if (n.kind === 'IdentifierNode') return n.name as string;
  return unsupported(n);
}

/** Fields a node may carry that relc ignores because they are empty or have no meaning here. */
function checkFields(n: KyselyNode, known: readonly string[]): void {
  for (const [key, value] of Object.entries(n)) {
    if (key === 'kind' || known.includes(key) || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    const inner = value as KyselyNode;
    unsupported(typeof inner === 'object' && inner !== null && 'kind' in inner ? inner : n, typeof inner === 'object' && inner !== null && 'kind' in inner ? undefined : key);
  }
}

function toQuery(n: KyselyNode): Query {
  if (n.kind !== 'SelectQueryNode') return unsupported(n);
  checkFields(n, ['from', 'selections', 'joins', 'where', 'groupBy', 'having', 'orderBy', 'limit', 'offset', 'distinctOn', 'frontModifiers', 'with', 'setOperations']);
  const modifiers = (n.frontModifiers as KyselyNode[] | undefined) ?? [];
  let distinct = false;
  for (const m of modifiers) {
    if (m.modifier === 'Distinct') distinct = true;
    else unsupported(m, m.modifier === undefined ? 'raw modifier' : String(m.modifier));
  }
  const core: SqlAst.SelectCore = {
    k: 'select',
    distinct,
    distinctOn: n.distinctOn === undefined ? null : (n.distinctOn as KyselyNode[]).map(toExpr),
    items: ((n.selections as KyselyNode[] | undefined) ?? []).map(toSelectItem),
    from: fromItems(n),
    where: n.where === undefined ? null : toExpr((n.where as KyselyNode).where as KyselyNode),
    groupBy: n.groupBy === undefined ? [] : ((n.groupBy as KyselyNode).items as KyselyNode[]).map((g) => toExpr(g.groupBy as KyselyNode)),
    groupByAll: false,
    having: n.having === undefined ? null : toExpr((n.having as KyselyNode).having as KyselyNode),
    windows: [],
    qualify: null,
    span: SPAN,
  };
  let body: SqlAst.SetBody = core;
  for (const s of (n.setOperations as KyselyNode[] | undefined) ?? []) {
    const op = s.operator as string;
    if (op !== 'union' && op !== 'intersect' && op !== 'except') unsupported(s, op);
    const right = toQuery(s.expression as KyselyNode);
    body = { k: 'setop', op, all: s.all === true, left: body, right: plainBody(right), span: SPAN };
  }
  return {
    with: n.with === undefined ? null : toWith(n.with as KyselyNode),
    body,
    orderBy: n.orderBy === undefined ? [] : ((n.orderBy as KyselyNode).items as KyselyNode[]).map(toOrderItem),
    orderByAll: null,
    limit: n.limit === undefined ? null : toExpr((n.limit as KyselyNode).limit as KyselyNode),
    offset: n.offset === undefined ? null : toExpr((n.offset as KyselyNode).offset as KyselyNode),
    limitSpan: n.limit === undefined && n.offset === undefined ? null : SPAN,
    span: SPAN,
  };
}

/** A set operand: a bare SELECT, or a nested query when it has its own WITH/ORDER BY/LIMIT. */
function plainBody(q: Query): SqlAst.SetBody {
  return q.with === null && q.orderBy.length === 0 && q.limit === null && q.offset === null ? q.body : { k: 'nested', query: q, span: SPAN };
}

function toWith(n: KyselyNode): NonNullable<Query['with']> {
  checkFields(n, ['expressions', 'recursive']);
  const ctes = (n.expressions as KyselyNode[]).map((c): SqlAst.Cte => {
    checkFields(c, ['name', 'expression']);
    const name = c.name as KyselyNode;
    checkFields(name, ['table', 'columns']);
    const table = (name.table as KyselyNode).table as KyselyNode;
    return {
      name: ident(identOf(table.identifier as KyselyNode)),
      columns: ((name.columns as KyselyNode[] | undefined) ?? []).map((col) => ident(identOf(col.column as KyselyNode))),
      query: toQuery(c.expression as KyselyNode),
      span: SPAN,
    };
  });
  return { recursive: n.recursive === true, ctes, span: SPAN };
}

function fromItems(n: KyselyNode): SqlAst.FromItem[] {
  const froms = n.from === undefined ? [] : ((n.from as KyselyNode).froms as KyselyNode[]).map(toFromItem);
  const joins = (n.joins as KyselyNode[] | undefined) ?? [];
  if (joins.length === 0) return froms;
  if (froms.length === 0) return unsupported(joins[0]!, 'join without FROM');
  // SQL: `FROM a, b JOIN c` joins c to b; Kysely puts every join after the whole FROM list.
  let left = froms[froms.length - 1]!;
  for (const j of joins) left = toJoin(left, j);
  return [...froms.slice(0, -1), left];
}

const JOIN_KINDS: Record<string, SqlAst.JoinKind> = { InnerJoin: 'inner', LeftJoin: 'left', RightJoin: 'right', FullJoin: 'full', CrossJoin: 'cross' };

function toJoin(left: SqlAst.FromItem, j: KyselyNode): SqlAst.FromItem {
  checkFields(j, ['joinType', 'table', 'on']);
  const kind = JOIN_KINDS[j.joinType as string];
  if (kind === undefined) return unsupported(j, String(j.joinType));
  const on = j.on === undefined ? null : toExpr((j.on as KyselyNode).on as KyselyNode);
  return { k: 'join', kind, natural: false, left, right: toFromItem(j.table as KyselyNode), on, using: null, span: SPAN };
}

function toFromItem(n: KyselyNode): SqlAst.FromItem {
  if (n.kind === 'AliasNode') {
    const alias = { name: ident(identOf(n.alias as KyselyNode)), columns: [] };
    const inner = n.node as KyselyNode;
    if (inner.kind === 'TableNode') return { k: 'table', name: tableName(inner), alias, span: SPAN };
    if (inner.kind === 'SelectQueryNode') return { k: 'derived', query: toQuery(inner), alias, lateral: false, span: SPAN };
    return unsupported(inner);
  }
  if (n.kind === 'TableNode') return { k: 'table', name: tableName(n), alias: null, span: SPAN };
  return unsupported(n);
}

function tableName(n: KyselyNode): SqlAst.Ident[] {
  const t = n.table as KyselyNode;
  checkFields(t, ['identifier', 'schema']);
  const schema = t.schema === undefined ? [] : [ident(identOf(t.schema as KyselyNode))];
  return [...schema, ident(identOf(t.identifier as KyselyNode))];
}

function toSelectItem(s: KyselyNode): SqlAst.SelectItem {
  const n = s.selection as KyselyNode;
  if (n.kind === 'SelectAllNode') return { k: 'star', qualifier: null, exclude: [], span: SPAN };
  if (n.kind === 'ReferenceNode' && (n.column as KyselyNode).kind === 'SelectAllNode') {
    const table = n.table as KyselyNode | undefined;
    return { k: 'star', qualifier: table === undefined ? null : ident(identOf((table.table as KyselyNode).identifier as KyselyNode)), exclude: [], span: SPAN };
  }
  if (n.kind === 'AliasNode') return { k: 'expr', expr: toExpr(n.node as KyselyNode), alias: ident(identOf(n.alias as KyselyNode)), span: SPAN };
  return { k: 'expr', expr: toExpr(n), alias: null, span: SPAN };
}

function toOrderItem(n: KyselyNode): SqlAst.OrderItem {
  checkFields(n, ['orderBy', 'direction', 'nulls']);
  let direction: SqlAst.OrderItem['direction'] = null;
  const d = n.direction as KyselyNode | undefined;
  if (d !== undefined) {
    const word = d.kind === 'RawNode' && (d.parameters as unknown[]).length === 0 ? (d.sqlFragments as string[]).join('').trim().toLowerCase() : '';
    if (word !== 'asc' && word !== 'desc') return unsupported(d, 'order direction');
    direction = word;
  }
  const nulls = n.nulls === 'first' || n.nulls === 'last' ? n.nulls : null;
  return { expr: toExpr(n.orderBy as KyselyNode), direction, nulls, span: SPAN };
}

/** A bound JavaScript value → a literal of the syntax tree (what the SQL text would spell). */
function literal(value: unknown, at: KyselyNode): Expr {
  if (value === null) return { k: 'null', span: SPAN };
  if (typeof value === 'boolean') return { k: 'bool', value, span: SPAN };
  if (typeof value === 'string') return { k: 'string', value, span: SPAN };
  if (typeof value === 'bigint') return { k: 'number', text: value.toString(), span: SPAN };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return unsupported(at, `value ${value}`);
    const text = String(value);
    if (/e/i.test(text)) return unsupported(at, `value ${text} in exponent form`);
    return value < 0 ? { k: 'unary', op: '-', arg: { k: 'number', text: text.slice(1), span: SPAN }, span: SPAN } : { k: 'number', text, span: SPAN };
  }
  return unsupported(at, `value of type ${value instanceof Date ? 'Date' : typeof value}`);
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '||']);

function toExpr(n: KyselyNode): Expr {
  switch (n.kind) {
    case 'ReferenceNode': {
      const col = n.column as KyselyNode;
      if (col.kind !== 'ColumnNode') return unsupported(col);
      const table = n.table as KyselyNode | undefined;
      const parts = table === undefined ? [] : tableName(table);
      return { k: 'column', parts: [...parts, ident(identOf(col.column as KyselyNode))], span: SPAN };
    }
    case 'ColumnNode':
      return { k: 'column', parts: [ident(identOf(n.column as KyselyNode))], span: SPAN };
    case 'ValueNode':
      return literal(n.value, n);
    case 'ParensNode':
      return toExpr(n.node as KyselyNode);
    case 'AndNode':
    case 'OrNode': {
      const op = n.kind === 'AndNode' ? 'and' : 'or';
      const args = [toExpr(n.left as KyselyNode), toExpr(n.right as KyselyNode)].flatMap((a) => (a.k === 'logical' && a.op === op ? a.args : [a]));
      return { k: 'logical', op, args, opSpans: args.slice(1).map(() => SPAN), span: SPAN };
    }
    case 'UnaryOperationNode': {
      const op = (n.operator as KyselyNode).operator as string;
      const operand = n.operand as KyselyNode;
      if (op === 'not') return { k: 'unary', op: 'not', arg: toExpr(operand), span: SPAN };
      if (op === '-') return { k: 'unary', op: '-', arg: toExpr(operand), span: SPAN };
      if (op === 'exists') return { k: 'exists', query: toQuery(operand), span: SPAN };
      if (op === 'not exists') return { k: 'unary', op: 'not', arg: { k: 'exists', query: toQuery(operand), span: SPAN }, span: SPAN };
      return unsupported(n, `operator ${op}`);
    }
    case 'BinaryOperationNode':
      return binary(n);
    case 'AggregateFunctionNode': {
      checkFields(n, ['func', 'aggregated', 'distinct', 'filter', 'over']);
      const aggregated = n.aggregated as KyselyNode[];
      const only = aggregated.length === 1 ? aggregated[0]! : undefined;
      const star = only !== undefined && (only.kind === 'SelectAllNode' || (only.kind === 'SelectionNode' && (only.selection as KyselyNode).kind === 'SelectAllNode'));
      return { k: 'func', name: ident(n.func as string), args: star ? [] : aggregated.map(toExpr), star, distinct: n.distinct === true,
        filter: n.filter === undefined ? null : toExpr((n.filter as KyselyNode).where as KyselyNode), over: n.over === undefined ? null : toWindow(n.over as KyselyNode), span: SPAN };
    }
    case 'FunctionNode':
      return { k: 'func', name: { value: n.func as string, quoted: false, span: SPAN }, args: (n.arguments as KyselyNode[]).map(toExpr), star: false, distinct: false, filter: null, over: null, span: SPAN };
    case 'SelectQueryNode':
      return { k: 'subquery', query: toQuery(n), span: SPAN };
    case 'RawNode':
      return rawExpr(n);
    default:
      return unsupported(n);
  }
}

/** `over(ob => ob.partitionBy(…).orderBy(…))`: the whole partition, or RANGE up to the current row with an ORDER BY, as SQL. */
function toWindow(n: KyselyNode): SqlAst.WindowSpec {
  checkFields(n, ['partitionBy', 'orderBy']);
  const partitionBy = n.partitionBy === undefined ? [] : ((n.partitionBy as KyselyNode).items as KyselyNode[]).map((p) => toExpr(p.partitionBy as KyselyNode));
  const orderBy = n.orderBy === undefined ? [] : ((n.orderBy as KyselyNode).items as KyselyNode[]).map(toOrderItem);
  return { base: null, partitionBy, orderBy, frame: null, span: SPAN };
}

function binary(n: KyselyNode): Expr {
  const op = ((n.operator as KyselyNode).operator as string).toLowerCase();
  const left = n.leftOperand as KyselyNode;
  const right = n.rightOperand as KyselyNode;
  const arg = toExpr(left);
  const isNull = right.kind === 'ValueNode' && right.value === null;
  switch (op) {
    case 'is':
    case 'is not':
      if (!isNull) return unsupported(right, `${op} of a non-NULL value`);
      return { k: 'is', arg, test: 'null', negated: op === 'is not', span: SPAN };
    case 'in':
    case 'not in': {
      const negated = op === 'not in';
      if (right.kind === 'SelectQueryNode') return { k: 'in_query', arg, query: toQuery(right), negated, span: SPAN };
      if (right.kind === 'PrimitiveValueListNode') return { k: 'in', arg, list: (right.values as unknown[]).map((v) => literal(v, right)), negated, span: SPAN };
      if (right.kind === 'ValueListNode') return { k: 'in', arg, list: (right.values as KyselyNode[]).map(toExpr), negated, span: SPAN };
      return unsupported(right);
    }
    case 'between':
    case 'not between': {
      if (right.kind !== 'AndNode') return unsupported(right);
      return { k: 'between', arg, low: toExpr(right.left as KyselyNode), high: toExpr(right.right as KyselyNode), negated: op === 'not between', span: SPAN };
    }
    case 'like':
    case 'not like':
    case 'ilike':
    case 'not ilike':
      return { k: 'like', arg, pattern: toExpr(right), escape: null, negated: op.startsWith('not'), caseInsensitive: op.endsWith('ilike'), span: SPAN };
    default:
      if (!COMPARISONS.has(op)) return unsupported(n, `operator ${op}`);
      return { k: 'binary', op: op === '!=' ? '<>' : op, left: arg, right: toExpr(right), opSpan: SPAN, span: SPAN };
  }
}

/**
 * A `sql` fragment with no bound values is one SQL expression, parsed by relc's parser (its spans
 * reset: they point into the fragment, not the query). One with values would need them spliced
 * into text, which relc never does.
 */
function rawExpr(n: KyselyNode): Expr {
  const fragments = n.sqlFragments as readonly string[];
  if ((n.parameters as readonly unknown[]).length > 0 || fragments.length !== 1) return unsupported(n, 'sql fragment with bound values');
  return unlocated(parseExprAst(fragments[0]!, { file: '<kysely sql fragment>', line: 1, col: 1 })) as Expr;
}

function unlocated(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unlocated);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) out[key] = key === 'span' || key === 'opSpan' ? SPAN : unlocated(value);
  return out;
}
