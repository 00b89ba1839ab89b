// A deliberately small IR → SQL lowering for the runner's tests (scan, ref, filter, project,
// aggregate, sort; columns by name, so no joins). Used only until src/lower/sql exists.

import { RelcError, lookupFunction, renderFor, schemaOf, inputSchemaOf, type Dialect, type Expr, type Program, type Rel, type SortKey } from '../src/ir/index.ts';

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function stubLower(program: Program, viewName: string, dialect: Dialect): { sql: string; params: string[] } {
  const view = program.views.find((v) => v.name === viewName);
  if (!view) throw new Error(`no view ${viewName}`);
  const params: string[] = [];
  const expr = (e: Expr, rel: Rel): string => {
    const input = inputSchemaOf(rel);
    const rec = (x: Expr) => expr(x, rel);
    switch (e.kind) {
      case 'col':
        return q(input[e.index]!.name);
      case 'lit':
        if (e.value === null) return 'NULL';
        if (typeof e.value === 'string') return `'${e.value.replaceAll("'", "''")}'`;
        if (typeof e.value === 'boolean') return dialect === 'sqlite' ? (e.value ? '1' : '0') : String(e.value);
        return String(e.value);
      case 'param': {
        let i = params.indexOf(e.name);
        if (i < 0) i = params.push(e.name) - 1;
        return `${dialect === 'sqlite' ? '?' : '$'}${i + 1}`;
      }
      case 'cast':
        return `CAST(${rec(e.expr)} AS ${e.type.kind === 'int32' ? 'INTEGER' : e.type.kind === 'int64' ? 'BIGINT' : 'VARCHAR'})`;
      case 'call': {
        const r = renderFor(lookupFunction(e.fn)!, dialect);
        const args = e.args.map(rec);
        if (r.kind === 'infix') return `(${args.join(` ${r.op} `)})`;
        if (r.kind === 'fn') return `${r.name}(${args.join(', ')})`;
        throw new RelcError('BACKEND_UNSUPPORTED', `stub cannot render ${e.fn}`);
      }
      default:
        throw new RelcError('BACKEND_UNSUPPORTED', `stub cannot render ${e.kind}`);
    }
  };
  const key = (k: SortKey, rel: Rel) => `${expr(k.expr, rel)} ${k.direction.toUpperCase()} NULLS ${k.nulls.toUpperCase()}`;
  const lower = (rel: Rel): string => {
    const cols = (r: Rel) => schemaOf(r).map((f) => q(f.name)).join(', ');
    switch (rel.kind) {
      case 'scan':
        return `SELECT ${cols(rel)} FROM ${q(rel.table)}`;
      case 'ref':
        return `SELECT ${cols(rel)} FROM ${q(rel.name)}`;
      case 'filter':
        return `SELECT * FROM (${lower(rel.input)}) AS t WHERE ${expr(rel.condition, rel)}`;
      case 'project':
        return `SELECT ${rel.exprs.map((e, i) => `${expr(e, rel)} AS ${q(rel.names[i]!)}`).join(', ')} FROM (${lower(rel.input)}) AS t`;
      case 'aggregate': {
        const keys = rel.groupBy.map((e, i) => `${expr(e, rel)} AS ${q(rel.names[i]!)}`);
        const measures = rel.measures.map((m, i) => `${m.fn}(${m.args.length === 0 ? '*' : m.args.map((a) => expr(a, rel)).join(', ')}) AS ${q(rel.names[rel.groupBy.length + i]!)}`);
        const group = rel.groupBy.length > 0 ? ` GROUP BY ${rel.groupBy.map((e) => expr(e, rel)).join(', ')}` : '';
        return `SELECT ${[...keys, ...measures].join(', ')} FROM (${lower(rel.input)}) AS t${group}`;
      }
      case 'sort':
        return `SELECT * FROM (${lower(rel.input)}) AS t ORDER BY ${rel.keys.map((k) => key(k, rel)).join(', ')}`;
      default:
        throw new RelcError('BACKEND_UNSUPPORTED', `stub cannot lower ${rel.kind}`);
    }
  };
  return { sql: lower(view.rel), params };
}
