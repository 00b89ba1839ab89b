// Facts about recursions (`recursive` / `recursive_ref`) that validation, the optimizer and the
// lowerings share: where the working table sits in the step, and whether a step is linear.

import type { Recursive, Rel } from './rel.ts';
import { schemaOf } from './schema.ts';
import { commonSuperType, typeEquals, type DataType } from './types.ts';
import { children, countRecursiveRefs } from './walk.ts';

/**
 * Why the one reference to `name` in `step` makes the step non-linear (PostgreSQL rejects the
 * same shapes), or null when the path from the step's root to it only filters, projects,
 * deduplicates or joins on a preserved side. Expects exactly one reference (see countRecursiveRefs).
 */
export function nonLinearReason(step: Rel, name: string): string | null {
  const path = pathToRecursiveRef(step, name);
  if (path === null) return `the working table ${name} is read only inside a subquery`;
  for (let i = 0; i < path.length - 1; i++) {
    const r = path[i]!;
    const child = path[i + 1]!;
    switch (r.kind) {
      case 'filter':
      case 'project':
      case 'distinct':
        continue;
      case 'join': {
        const left = child === r.left;
        const ok = r.type === 'inner' || r.type === 'cross' || (left ? r.type === 'left' || r.type === 'semi' || r.type === 'anti' : r.type === 'right');
        if (!ok) return `the working table ${name} is read on the ${left ? 'left' : 'right'} side of a ${r.type} join`;
        continue;
      }
      case 'aggregate':
      case 'window':
      case 'winner':
      case 'sort':
      case 'limit':
      case 'setop':
      case 'recursive':
        return `the working table ${name} is read under ${r.kind === 'setop' ? `${r.op}` : `${/^[aeiou]/.test(r.kind) ? 'an' : 'a'} ${r.kind}`}`;
      case 'scan':
      case 'values':
      case 'ref':
      case 'recursive_ref':
        return `internal: ${r.kind} has no inputs`;
    }
  }
  return null;
}

/** Nodes from `rel` down to its `recursive_ref` named `name` (through relational inputs only), or null. */
export function pathToRecursiveRef(rel: Rel, name: string): Rel[] | null {
  if (rel.kind === 'recursive_ref') return rel.name === name ? [rel] : null;
  if (rel.kind === 'recursive' && rel.name === name) return null;
  for (const c of children(rel)) {
    if (countRecursiveRefs(c, name) === 0) continue;
    const p = pathToRecursiveRef(c, name);
    return p ? [rel, ...p] : null;
  }
  return null;
}

/** A step column fits a base column when the union of the two has the base's type (PostgreSQL types a recursion by its base). */
export function stepFits(base: DataType, step: DataType): boolean {
  if (step.kind === 'null' || typeEquals(base, step)) return true;
  const common = commonSuperType(base, step);
  return common !== undefined && typeEquals(common, base);
}

/**
 * Columns every iteration passes through unchanged: output column i of the step is column i of
 * the working table (through projections of plain columns, filters, DISTINCT and the working
 * table's side of joins). Every row of the recursion has, there, the value of the base row it
 * derives from — so a filter on these columns alone may filter the base instead.
 */
export function invariantColumns(rec: Recursive): Set<number> {
  const out = new Set<number>();
  const width = schemaOf(rec.base).length;
  for (let i = 0; i < width; i++) if (traceToWorkingTable(rec.step, rec.name, i) === i) out.add(i);
  return out;
}

function traceToWorkingTable(rel: Rel, name: string, i: number): number {
  switch (rel.kind) {
    case 'recursive_ref':
      return rel.name === name ? i : -1;
    case 'project': {
      const e = rel.exprs[i];
      return e?.kind === 'col' ? traceToWorkingTable(rel.input, name, e.index) : -1;
    }
    case 'filter':
    case 'distinct':
      return traceToWorkingTable(rel.input, name, i);
    case 'join': {
      const nl = schemaOf(rel.left).length;
      if (i < nl) return countRecursiveRefs(rel.left, name) > 0 ? traceToWorkingTable(rel.left, name, i) : -1;
      if (rel.type === 'semi' || rel.type === 'anti') return -1;
      return countRecursiveRefs(rel.right, name) > 0 ? traceToWorkingTable(rel.right, name, i - nl) : -1;
    }
    default:
      return -1;
  }
}
