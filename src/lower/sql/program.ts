// Statements for whole views: one self-contained SELECT with its dependencies as CTEs (compile),
// or the view alone reading earlier views as tables (execution, where each view is materialized).

import { RelcError, refsOf, schemaOf, validateRel, type DataType, type Dialect, type Program, type Rel, type Schema, type View } from '../../ir/index.ts';
import type { Query, Select } from './ast.ts';
import { sqlDialect, type SqlDialect } from './dialect.ts';
import type { SqlExpr } from './ast.ts';
import { newScope, someNode, toSelect, uniqueNames, type CompoundFrame, type Frame } from './frame.ts';
import { lowerAny, refuseIntervalColumns, type Lowering } from './lower-rel.ts';
import { printStatement } from './print.ts';

export interface LoweredSql {
  readonly sql: string;
  /** `params[i]` is the name of the parameter bound to placeholder i + 1 (positional dialects list a name once per use). */
  readonly params: readonly string[];
}

/** `-- params: 1=name, …`: which parameter each placeholder binds ('' when none). */
export function paramsComment(params: readonly string[]): string {
  return params.length > 0 ? `-- params: ${params.map((n, i) => `${i + 1}=${n}`).join(', ')}` : '';
}

/** Relations already validated as lowerable (IR nodes are immutable: valid once, valid for good). */
const loweredValid = new WeakSet<Rel>();

/**
 * How the final SELECT names its columns: per column, an exact name to print (null: relc's), and
 * whether an expression is left unaliased for the engine to name.
 */
interface Naming {
  readonly names?: readonly (string | null)[];
  readonly engineNamed?: readonly boolean[];
}

/** The final SELECT of a relation: output names are the schema's, made unique (see uniqueNames), unless `naming` gives them. */
function finish(rel: Rel, L: Lowering, naming: Naming = {}): Query {
  validateRel(rel, { lowered: true, validated: loweredValid });
  const f: Frame | CompoundFrame = lowerAny(rel, L);
  const { names = [], engineNamed = [] } = naming;
  const named = (s: Select): Select =>
    names.some((n) => n !== null) || engineNamed.some(Boolean)
      ? {
          ...s,
          items: s.items.map((it, i) => {
            const exact = names[i];
            if (exact !== null && exact !== undefined) return { ...it, alias: exact };
            // A column reference keeps its alias: the engine would name it after the (internal) column.
            return engineNamed[i] && it.expr.kind !== 'column' ? { ...it, engineNamed: true } : it;
          }),
        }
      : s;
  const schema: Schema = schemaOf(rel);
  refuseIntervalColumns(schema, L.d, 'an output column');
  // A set operation's columns are named by its first member.
  if ('kind' in f) return { ...f.compound, inputs: f.compound.inputs.map((s, i) => (i === 0 ? named(s) : s)) };
  if (schema.length === 0) throw new RelcError('BACKEND_UNSUPPORTED', `a result without columns cannot be expressed in ${L.d.name} SQL`, { details: { dialect: L.d.name } });
  return named(toSelect({ ...f, columns: f.columns.map((c, i) => pinConstant(c, schema[i]!.type, L.d)) }, uniqueNames(schema.map((x) => x.name))));
}

/**
 * A computed constant in an output column is cast to its type where types are real: DuckDB folds
 * `'x' || CAST(NULL AS VARCHAR)` into an INTEGER NULL, which a materialized view would keep.
 */
function pinConstant(e: SqlExpr, type: DataType, d: SqlDialect): SqlExpr {
  if (!d.literals.typed || e.kind === 'lit' || e.kind === 'cast' || type.kind === 'null' || type.kind === 'list' || type.kind === 'struct') return e;
  const reads = someNode(e, (x) => x.kind === 'column' || x.kind === 'param' || x.kind === 'exists' || x.kind === 'in_query' || x.kind === 'star' || (x.kind === 'fn' && x.over !== null));
  return reads ? e : { kind: 'cast', expr: e, type };
}

export interface LowerRelOptions {
  /**
   * Per output column: print it without an alias, so the engine names it by its convention
   * (the implicit names of a transpiled query). A column that lowers to a plain column
   * reference keeps its alias.
   */
  readonly engineNamed?: readonly boolean[];
  /**
   * Per output column, the exact name the final SELECT gives it (null: relc's), whatever
   * subqueries the lowering put under it: a transpiled query's names by the target's rules. The
   * names need not be unique (engines name duplicate columns alike).
   */
  readonly outputNames?: readonly (string | null)[];
}

/** One statement for a relation; `ref`s read tables named after their views. */
export function lowerRel(rel: Rel, dialect: Dialect | SqlDialect, opts: LowerRelOptions = {}): LoweredSql {
  const d = sqlDialect(dialect);
  return printStatement({ ctes: [], body: finish(rel, { d, scope: newScope() }, { ...(opts.outputNames ? { names: opts.outputNames } : {}), ...(opts.engineNamed ? { engineNamed: opts.engineNamed } : {}) }) }, d);
}

const viewIndex = new WeakMap<Program, ReadonlyMap<string, readonly number[]>>();

/** Positions of the program's views by name (built once per program object; programs are immutable). */
function positionsOf(program: Program): ReadonlyMap<string, readonly number[]> {
  let index = viewIndex.get(program);
  if (!index) {
    const m = new Map<string, number[]>();
    program.views.forEach((view, position) => {
      const at = m.get(view.name);
      if (at) at.push(position);
      else m.set(view.name, [position]);
    });
    index = m;
    viewIndex.set(program, index);
  }
  return index;
}

function findView(program: Program, name: string): View {
  const at = positionsOf(program).get(name);
  const v = at ? program.views[at[0]!] : undefined;
  if (!v) throw new RelcError('UNKNOWN_RELATION', `unknown view ${name}`, { details: { view: name, available: program.views.map((x) => x.name) } });
  return v;
}

const dependencyLists = new WeakMap<Program, Map<View, View[]>>();

/** The views `view` reads, directly or not, in program (topological) order (memoized per program). */
function dependencies(program: Program, view: View): View[] {
  let lists = dependencyLists.get(program);
  if (!lists) {
    lists = new Map();
    dependencyLists.set(program, lists);
  }
  let deps = lists.get(view);
  if (!deps) {
    deps = computeDependencies(program, view);
    lists.set(view, deps);
  }
  return deps;
}

function computeDependencies(program: Program, view: View): View[] {
  const needed = new Set<string>();
  const visit = (rel: Rel) => {
    for (const r of refsOf(rel)) {
      if (needed.has(r)) continue;
      needed.add(r);
      visit(findView(program, r).rel);
    }
  };
  visit(view.rel);
  const index = positionsOf(program);
  return [...needed].flatMap((n) => index.get(n)!).sort((a, b) => a - b).map((i) => program.views[i]!);
}

/** `WITH "dep" AS (…), … SELECT …`: one self-contained statement (what `relc compile` prints). */
export function lowerView(program: Program, view: string, dialect: Dialect | SqlDialect): LoweredSql {
  const d = sqlDialect(dialect);
  const v = findView(program, view);
  const L: Lowering = { d, scope: newScope() };
  const ctes = dependencies(program, v).map((dep) => ({ name: dep.name, query: finish(dep.rel, L) }));
  return printStatement({ ctes, body: finish(v.rel, L) }, d);
}

/** The view's own SELECT, reading earlier views by their quoted names (the runner materializes each view in order). */
export function lowerViewForExecution(program: Program, view: string, dialect: Dialect | SqlDialect): LoweredSql {
  return lowerRel(findView(program, view).rel, dialect);
}
