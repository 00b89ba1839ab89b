// Human-readable printouts of the IR: compact S-expressions for expressions, and plan trees
// numbered and dash-indented (`01)filter …` / `02)--scan …`) so whitespace trimming cannot
// break snapshots.

import { assertNever } from './errors.ts';
import type { AggCall, Expr, LiteralValue, SortKey, WindowCall, WindowFrame, FrameBound } from './expr.ts';
import type { Rel } from './rel.ts';
import { inputSchemaOf, schemaOf } from './schema.ts';
import { typeToString, type Schema } from './types.ts';
import { children } from './walk.ts';

function litText(v: LiteralValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  if (typeof v === 'object' && 'months' in v) return `interval(${v.months}m ${v.days}d ${v.micros}us)`;
  return JSON.stringify(v);
}

/** `(gte score#3 :min_score)`-style text of an expression over `input`. */
export function exprText(e: Expr, input: Schema = []): string {
  const rec = (x: Expr) => exprText(x, input);
  switch (e.kind) {
    case 'col':
      return `${input[e.index]?.name ?? ''}#${e.index}`;
    case 'outer':
      return `outer${e.depth}#${e.index}`;
    case 'lit':
      return e.value === null ? `null::${typeToString(e.type)}` : `${litText(e.value)}${e.type.kind === 'utf8' || e.type.kind === 'bool' || e.type.kind === 'int32' || e.type.kind === 'float64' ? '' : `::${typeToString(e.type)}`}`;
    case 'param':
      return `:${e.name}`;
    case 'call':
      return `(${e.fn}${e.args.map((a) => ` ${rec(a)}`).join('')})`;
    case 'case':
      return `(case${e.whens.map((w) => ` (${rec(w.when)} ${rec(w.then)})`).join('')}${e.else ? ` (else ${rec(e.else)})` : ''})`;
    case 'cast':
      return `(cast ${rec(e.expr)} ${typeToString(e.type)})`;
    case 'in':
      return `(${e.negated ? 'not-in' : 'in'} ${rec(e.expr)} [${e.list.map(rec).join(' ')}])`;
    case 'isnull':
      return `(${e.negated ? 'is-not-null' : 'is-null'} ${rec(e.expr)})`;
    case 'like':
      return `(${e.negated ? 'not-' : ''}${e.caseInsensitive ? 'ilike' : 'like'} ${rec(e.expr)} ${rec(e.pattern)}${e.escape !== null ? ` escape ${litText(e.escape)}` : ''})`;
    case 'subquery':
      return `(${e.negated ? 'not-' : ''}${e.mode}-subquery${e.expr ? ` ${rec(e.expr)}` : ''} ${relSexpr(e.rel)})`;
    default:
      return assertNever(e, 'expression');
  }
}

function keyText(k: SortKey, input: Schema): string {
  return `${exprText(k.expr, input)} ${k.direction} nulls ${k.nulls}`;
}

function aggText(m: AggCall, input: Schema): string {
  const args = m.args.length === 0 ? '*' : m.args.map((a) => exprText(a, input)).join(' ');
  const order = m.orderBy?.length ? ` order by ${m.orderBy.map((k) => keyText(k, input)).join(', ')}` : '';
  return `(${m.fn}${m.distinct ? ' distinct' : ''} ${args}${order}${m.filter ? ` filter ${exprText(m.filter, input)}` : ''})`;
}

function boundText(b: FrameBound): string {
  if (b.kind !== 'preceding' && b.kind !== 'following') return b.kind.replace('_', ' ');
  return `${b.value ? exprText(b.value, []) : b.offset} ${b.kind}`;
}

function frameText(f: WindowFrame | undefined): string {
  return f ? ` ${f.unit} between ${boundText(f.start)} and ${boundText(f.end)}` : '';
}

function windowText(w: WindowCall, input: Schema): string {
  const parts = [w.fn + (w.distinct ? ' distinct' : ''), ...w.args.map((a) => exprText(a, input))];
  const over = [
    w.partitionBy.length ? `partition by ${w.partitionBy.map((p) => exprText(p, input)).join(', ')}` : '',
    w.orderBy.length ? `order by ${w.orderBy.map((k) => keyText(k, input)).join(', ')}` : '',
  ].filter(Boolean).join(' ');
  return `(${parts.join(' ')}) over (${over}${frameText(w.frame)})`;
}

function fieldsText(s: Schema): string {
  return s.map((f) => `${f.name}: ${typeToString(f.type)}${f.nullable ? '?' : ''}`).join(', ');
}

/** One line describing a node (without its inputs). */
export function relHeadline(rel: Rel): string {
  const input = inputSchemaOf(rel);
  const named = (exprs: readonly Expr[], names: readonly string[], offset = 0) =>
    exprs.map((e, i) => `${names[i + offset]} := ${exprText(e, input)}`).join(', ');
  switch (rel.kind) {
    case 'scan':
      return `scan ${rel.table} [${fieldsText(rel.schema)}]`;
    case 'values':
      return `values [${fieldsText(rel.schema)}] rows=${rel.rows.length}`;
    case 'ref':
      return `ref ${rel.name} [${fieldsText(rel.schema)}]`;
    case 'recursive':
      return `recursive ${rel.name} ${rel.distinct ? 'union' : 'union all'}${rel.maxIterations === null ? '' : ` max_iterations=${rel.maxIterations}`}`;
    case 'recursive_ref':
      return `recursive_ref ${rel.name} [${fieldsText(rel.schema)}]`;
    case 'filter':
      return `filter ${exprText(rel.condition, input)}`;
    case 'project':
      return `project [${named(rel.exprs, rel.names)}]`;
    case 'join':
      return `join ${rel.type}${rel.condition ? ` ${exprText(rel.condition, input)}` : ''}`;
    case 'aggregate':
      return `aggregate group [${named(rel.groupBy, rel.names)}] measures [${rel.measures.map((m, i) => `${rel.names[rel.groupBy.length + i]} := ${aggText(m, input)}`).join(', ')}]`;
    case 'setop':
      return `${rel.op}${rel.all ? ' all' : ''}`;
    case 'sort':
      return `sort [${rel.keys.map((k) => keyText(k, input)).join(', ')}]`;
    case 'limit':
      return `limit ${rel.limit ?? 'all'}${rel.offset ? ` offset ${rel.offset}` : ''}`;
    case 'distinct':
      return 'distinct';
    case 'window':
      return `window [${rel.functions.map((w, i) => `${rel.names[i]} := ${windowText(w, input)}`).join(', ')}]`;
    case 'winner':
      return `winner keep=${rel.keep} partition [${rel.partitionBy.map((p) => exprText(p, input)).join(', ')}] order [${rel.orderBy.map((k) => keyText(k, input)).join(', ')}]`;
    default:
      return assertNever(rel, 'relation');
  }
}

/** The numbered, dash-indented plan printout used by explain and golden files. */
export function planText(rel: Rel, opts: { schema?: boolean } = {}): string {
  const lines: string[] = [];
  const visit = (r: Rel, depth: number) => {
    const n = String(lines.length + 1).padStart(2, '0');
    const schema = opts.schema ? `  -> [${fieldsText(schemaOf(r))}]` : '';
    lines.push(`${n})${'--'.repeat(depth)}${relHeadline(r)}${schema}`);
    for (const c of children(r)) visit(c, depth + 1);
  };
  visit(rel, 0);
  return lines.join('\n');
}

/** Compact one-line S-expression of a plan: `(filter (gt x#0 10) (scan t))`. */
export function relSexpr(rel: Rel): string {
  const kids = children(rel).map(relSexpr);
  const head = rel.kind === 'scan' ? `scan ${rel.table}` : rel.kind === 'ref' || rel.kind === 'recursive_ref' ? `${rel.kind} ${rel.name}` : relHeadline(rel);
  return `(${head}${kids.map((k) => ` ${k}`).join('')})`;
}
