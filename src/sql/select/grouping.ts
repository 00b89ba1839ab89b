// GROUP BY / aggregates of one SELECT: the keys (by expression, select-list position or output
// alias), the measures found in the select list, HAVING and ORDER BY, and the scope after
// grouping, where only keys and aggregates are visible (as PostgreSQL requires). Grouping sets
// (ROLLUP, CUBE, GROUPING SETS) become one aggregate per set, its absent keys NULL, under a
// UNION ALL; GROUPING(…) is a constant of each set.

import { canonicalJson, E, T, type AggCall, type Expr, type Field, type Rel } from '../../ir/index.ts';
import { exprKey, type Typed } from '../coerce.ts';
import type { Ident, SqlExpr } from '../ast.ts';
import { buildAggCall } from '../aggregate.ts';
import { translateExpr, type ExprContext, type ExprHooks } from '../scalar.ts';
import { findLocal, resolveColumn, type ColumnBinding, type NameScope } from '../scope.ts';
import type { Span } from '../source.ts';
import { derivedName, uniqueNames, type QueryEnv } from './env.ts';

/** A select-list entry after `*` expansion. */
export type SelectEntry =
  | { readonly kind: 'ast'; readonly node: SqlExpr; readonly alias: Ident | null; readonly span: Span }
  | { readonly kind: 'binding'; readonly binding: ColumnBinding; readonly span: Span };

export class Grouping {
  readonly keys: Typed[] = [];
  private readonly keyNames: string[] = [];
  private readonly keyJson: string[] = [];
  /** The columns after the keys: aggregates, and the GROUPING(…) calls (by the keys they name). */
  private readonly measures: (AggCall | { readonly grouping: readonly number[] })[] = [];
  private readonly measureFields: Field[] = [];
  private readonly measureJson: string[] = [];
  /** The grouping sets, as key indexes; null: one set of every key. */
  private readonly sets: readonly (readonly number[])[] | null;
  /** The names visible after grouping: the key columns under every name they had. */
  readonly scope: NameScope;

  constructor(
    private readonly env: QueryEnv,
    private readonly from: NameScope,
    groupBy: readonly SqlExpr[],
    entries: readonly SelectEntry[],
    private readonly fromHooks: ExprHooks,
    groupingSets?: readonly (readonly SqlExpr[])[],
  ) {
    for (const g of groupBy) this.addKey(g, entries);
    this.sets = groupingSets ? groupingSets.map((set) => [...new Set(set.map((g) => this.addKey(g, entries)))].sort((a, b) => a - b)) : null;
    // A key that some grouping set leaves out is NULL in that set's rows.
    for (const [k, key] of this.keys.entries()) if (this.sets?.some((s) => !s.includes(k))) this.keys[k] = { ...key, nullable: true };
    const self = this;
    const columns = from.columns.flatMap((b) => {
      const k = this.keyJson.indexOf(exprKey(b.expr));
      return k < 0 ? [] : [{ ...b, expr: E.col(k), type: this.keys[k]!.type, nullable: this.keys[k]!.nullable }];
    });
    this.scope = {
      columns,
      get input(): Field[] {
        return [...self.keys.map((k, i) => ({ name: self.keyNames[i]!, type: k.type, nullable: k.nullable })), ...self.measureFields];
      },
      qualifiers: from.qualifiers,
      outer: from.outer,
    };
  }

  private fromCtx(clause: string, hooks: ExprHooks = {}): ExprContext {
    return { src: this.env.src, dialect: this.env.dialect, scope: this.from, params: this.env.params, clause, hooks };
  }

  /** Adds a GROUP BY expression as a key (once) and returns its index. */
  private addKey(g: SqlExpr, entries: readonly SelectEntry[]): number {
    let t: Typed;
    let name = 'group';
    if (g.k === 'number' && /^\d+$/.test(g.text)) {
      // GROUP BY 2: the second select-list entry.
      const e = entries[Number(g.text) - 1];
      if (!e) throw this.env.src.error('UNKNOWN_COLUMN', `GROUP BY position ${g.text} is not in the select list (1..${entries.length})`, g.span, { position: g.text });
      if (e.kind === 'binding') {
        t = e.binding;
        name = e.binding.name;
      } else {
        t = translateExpr(e.node, this.fromCtx('GROUP BY'));
        name = e.alias?.value ?? derivedName(e.node, t, this.from.input);
      }
    } else if (g.k === 'column' && g.parts.length === 1 && findLocal(this.from, g.parts).length === 0 && this.aliasEntry(g.parts[0]!, entries)) {
      // GROUP BY an output alias (input columns win, as in PostgreSQL).
      const e = this.aliasEntry(g.parts[0]!, entries)!;
      t = translateExpr(e.node, this.fromCtx('GROUP BY'));
      name = e.alias!.value;
    } else {
      t = translateExpr(g, this.fromCtx('GROUP BY'));
      // A select item equal to the key takes its name from the key: name it as that item would be.
      name = derivedName(g, t, this.from.input);
    }
    const json = exprKey(t.expr);
    const known = this.keyJson.indexOf(json);
    if (known >= 0) return known;
    this.keys.push({ expr: t.expr, type: t.type, nullable: t.nullable });
    this.keyJson.push(json);
    this.keyNames.push(name);
    return this.keys.length - 1;
  }

  /** GROUPING(a, b…): a bit per argument, the first the highest, set where the set leaves that key out. */
  private groupingCall(node: Extract<SqlExpr, { k: 'func' }>): Typed {
    if (node.args.length === 0 || node.args.length > 31 || node.star || node.distinct || node.filter || node.over || node.orderBy?.length || node.withinGroup?.length) {
      throw this.env.src.error('SQL_PARSE_ERROR', 'GROUPING takes 1 to 31 grouping expressions', node.span, { function: 'grouping' });
    }
    const keys = node.args.map((a) => {
      const k = this.keyJson.indexOf(exprKey(translateExpr(a, this.fromCtx('GROUPING')).expr));
      if (k < 0) throw this.env.src.error('TYPE_MISMATCH', 'the arguments of GROUPING must be grouping expressions of this query', a.span, { function: 'grouping' });
      return k;
    });
    const json = canonicalJson({ grouping: keys });
    let m = this.measureJson.indexOf(json);
    if (m < 0) {
      m = this.measures.length;
      this.measures.push({ grouping: keys });
      this.measureJson.push(json);
      this.measureFields.push({ name: 'grouping', type: T.int32, nullable: false });
    }
    return { expr: E.col(this.keys.length + m), type: T.int32, nullable: false };
  }

  private aliasEntry(id: Ident, entries: readonly SelectEntry[]): Extract<SelectEntry, { kind: 'ast' }> | undefined {
    const hits = entries.filter((e): e is Extract<SelectEntry, { kind: 'ast' }> => e.kind === 'ast' && e.alias !== null && e.alias.value.toLowerCase() === id.value.toLowerCase());
    return hits.length === 1 ? hits[0] : undefined;
  }

  private ungrouped(what: string, span: Span): never {
    const keys = this.scope.columns.map((b) => (b.qualifier ? `${b.qualifier}.${b.name}` : b.name));
    throw this.env.src.error('UNKNOWN_COLUMN', `column ${what} must appear in GROUP BY or be used in an aggregate function${keys.length ? `; grouped columns: ${[...new Set(keys)].join(', ')}` : ''}`, span, { column: what, available: [...new Set(keys)] });
  }

  /** Hooks of expressions evaluated after grouping (select list, HAVING, ORDER BY). */
  hooks(extra: ExprHooks): ExprHooks {
    const hasExprKeys = this.keys.some((k) => k.expr.kind !== 'col');
    return {
      ...extra,
      substitute: (node) => {
        if (node.k === 'func' && node.name.value.toLowerCase() === 'grouping' && node.name.quoted !== true) return this.groupingCall(node);
        if (hasExprKeys && node.k !== 'column' && node.k !== 'number' && node.k !== 'string') {
          try {
            const t = translateExpr(node, this.fromCtx('GROUP BY'));
            const k = this.keyJson.indexOf(exprKey(t.expr));
            if (k >= 0) return { expr: E.col(k), type: this.keys[k]!.type, nullable: this.keys[k]!.nullable };
          } catch {
            // Not a grouping expression (it holds aggregates or ungrouped columns): translate its parts.
          }
        }
        if (node.k !== 'column') return undefined;
        if (findLocal(this.scope, node.parts).length > 0) return resolveColumn(this.env.src, this.scope, node.parts, node.span);
        const local = findLocal(this.from, node.parts);
        if (local.length > 1) return resolveColumn(this.env.src, this.from, node.parts, node.span); // AMBIGUOUS_COLUMN
        if (local.length === 1) {
          const k = this.keyJson.indexOf(exprKey(local[0]!.expr));
          if (k >= 0) return { expr: E.col(k), type: this.keys[k]!.type, nullable: this.keys[k]!.nullable };
          this.ungrouped(node.parts.map((p) => p.value).join('.'), node.span);
        }
        return undefined;
      },
      aggregate: (node, def) => {
        const { call, nullable } = buildAggCall(node, def, this.fromCtx(`the arguments of ${node.name.value}`, { subquery: this.fromHooks.subquery }));
        const json = canonicalJson(call);
        let m = this.measureJson.indexOf(json);
        if (m < 0) {
          m = this.measures.length;
          this.measures.push(call);
          this.measureJson.push(json);
          this.measureFields.push({ name: def.name, type: call.type, nullable });
        }
        return { expr: E.col(this.keys.length + m), type: call.type, nullable };
      },
    };
  }

  /** A `*` entry's column after grouping: it must be a key. */
  keyOf(b: ColumnBinding, span: Span): Typed {
    const k = this.keyJson.indexOf(exprKey(b.expr));
    if (k < 0) this.ungrouped(b.qualifier ? `${b.qualifier}.${b.name}` : b.name, span);
    return { expr: E.col(k), type: this.keys[k]!.type, nullable: this.keys[k]!.nullable };
  }

  build(input: Rel): Rel {
    const names = uniqueNames([...this.keyNames, ...this.measureFields.map((f) => f.name)]);
    const aggs = this.measures.flatMap((m) => ('grouping' in m ? [] : [m]));
    const all = this.keys.map((_, i) => i);
    if (!this.sets && aggs.length === this.measures.length) return { kind: 'aggregate', input, groupBy: this.keys.map((k) => k.expr), measures: aggs, names };
    const branches = (this.sets ?? [all]).map((set): Rel => {
      const agg: Rel = { kind: 'aggregate', input, groupBy: set.map((k) => this.keys[k]!.expr), measures: aggs, names: uniqueNames([...set.map((k) => this.keyNames[k]!), ...aggs.map((_, j) => `m${j}`)]) };
      let a = 0;
      const exprs: Expr[] = [
        ...this.keys.map((key, k) => (set.includes(k) ? E.col(set.indexOf(k)) : E.lit(key.type, null))),
        ...this.measures.map((m) => ('grouping' in m ? E.lit(T.int32, m.grouping.reduce((bits, k) => bits * 2 + (set.includes(k) ? 0 : 1), 0)) : E.col(set.length + a++))),
      ];
      return { kind: 'project', input: agg, exprs, names };
    });
    return branches.length === 1 ? branches[0]! : { kind: 'setop', op: 'union', all: true, inputs: branches };
  }
}
