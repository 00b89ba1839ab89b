// WITH RECURSIVE: a CTE that reads its own name becomes one IR `recursive` node, with
// PostgreSQL's rules: the form `non-recursive-term UNION [ALL] recursive-term`, no ORDER BY /
// LIMIT / OFFSET on it, the name read exactly once and only in the recursive term, the step's
// column types fitting the base's (the base types the recursion). relc takes the linear subset
// (src/ir/recursion.ts): the working table never under an aggregate, window, set operation,
// subquery, sort/limit or an outer join's padded side — each an UNSUPPORTED_CONSTRUCT located at
// the reference (PostgreSQL rejects most of these too; windows, GROUP BY and INTERSECT over the
// working table it accepts, but their result depends on how rows are split into iterations).

import { E, countRecursiveRefs, nonLinearReason, recursiveSchema, schemaOf, stepFits, T, typeEquals, typeToString, type Rel, type Schema } from '../../ir/index.ts';
import type { Cte, SetBody } from '../ast.ts';
import { forEachTableName, forEachTableNameIn } from '../ast-walk.ts';
import { castTyped } from '../coerce.ts';
import type { Span } from '../source.ts';
import { bodyNaming, renameColumns, type QueryEnv } from './env.ts';

type TranslateBody = (b: SetBody, env: QueryEnv) => Rel;

function selfRefs(name: string, walk: (f: (n: string, span: Span) => void) => void): Span[] {
  const spans: Span[] = [];
  walk((n, span) => {
    if (n.toLowerCase() === name.toLowerCase()) spans.push(span);
  });
  return spans;
}

/** The recursion a CTE of WITH RECURSIVE defines, or null when it does not read itself (a plain CTE). */
export function translateRecursiveCte(cte: Cte, env: QueryEnv, translateBody: TranslateBody): Rel | null {
  const name = cte.name.value;
  const q = cte.query;
  if (selfRefs(name, (f) => forEachTableName(q, f)).length === 0) return null;
  const unsupported = (message: string, span: Span) => env.src.error('UNSUPPORTED_CONSTRUCT', message, span, { construct: 'WITH RECURSIVE', recursion: name });
  if (q.orderBy.length > 0) throw unsupported(`ORDER BY in a recursive query is not implemented (recursive query "${name}")`, q.orderBy[0]!.expr.span);
  if (q.limit || q.offset) throw unsupported(`LIMIT/OFFSET in a recursive query is not implemented (recursive query "${name}")`, q.limitSpan ?? q.span);
  if (q.with) throw unsupported(`a WITH clause inside recursive query "${name}" is not supported`, q.with.span);
  const body = q.body;
  if (body.k !== 'setop' || body.op !== 'union') {
    throw env.src.error('UNSUPPORTED_CONSTRUCT', `recursive query "${name}" does not have the form non-recursive-term UNION [ALL] recursive-term`, cte.name.span, { construct: 'WITH RECURSIVE', recursion: name });
  }
  const inBase = selfRefs(name, (f) => forEachTableNameIn(body.left, f));
  if (inBase.length > 0) throw unsupported(`recursive reference to query "${name}" must not appear within its non-recursive term`, inBase[0]!);
  const inStep = selfRefs(name, (f) => forEachTableNameIn(body.right, f));
  if (inStep.length > 1) throw unsupported(`recursive reference to query "${name}" must not appear more than once`, inStep[1]!);
  if (inStep.length === 0) throw unsupported(`recursive query "${name}" reads itself outside its recursive term`, cte.name.span);

  const base = int64Base(renameColumns(env, translateBody(body.left, env), cte.columns, cte.span), env, cte.span);
  const baseSchema = schemaOf(base);
  // The working table's nullability is the recursion's: widen until the step adds no NULLs.
  let work: Schema = baseSchema;
  for (let round = 0; ; round++) {
    const ref: Rel = { kind: 'recursive_ref', name, schema: work };
    // The step reads the working table's columns by the base's names.
    const raw = translateBody(body.right, { ...env, ctes: [...env.ctes, { name, rel: ref, naming: bodyNaming(body.left, base, cte.columns, env) }] });
    const step = fitStep(raw, baseSchema, name, body.right.span, env);
    const next = recursiveSchema(baseSchema, schemaOf(step));
    if (next.every((f, i) => f.nullable === work[i]!.nullable) || round > baseSchema.length) {
      if (countRecursiveRefs(step, name) !== 1) throw unsupported(`recursive reference to query "${name}" must appear exactly once in its recursive term`, inStep[0]!);
      const why = nonLinearReason(step, name);
      if (why) throw unsupported(`recursive query "${name}": ${why} (relc supports linear recursion only)`, inStep[0]!);
      return { kind: 'recursive', name, base, step, distinct: !body.all, maxIterations: null };
    }
    work = next;
  }
}

/**
 * A dialect whose integers are all 64-bit (SQLite, BigQuery; MySQL computes in BIGINT) types the
 * base's int32 columns (relc's type of a small literal) as int64, so `select 1 union all select
 * n + 1 from r` unifies as it does there: the step's n + 1 is int64 (int64Arithmetic).
 */
function int64Base(base: Rel, env: QueryEnv, span: Span): Rel {
  const s = schemaOf(base);
  if (!env.dialect.int64Arithmetic || !s.some((f) => f.type.kind === 'int32')) return base;
  const exprs = s.map((f, i) => (f.type.kind === 'int32' ? castTyped(env.src, { expr: E.col(i), type: f.type, nullable: f.nullable }, T.int64, span).expr : E.col(i)));
  return { kind: 'project', input: base, exprs, names: s.map((f) => f.name) };
}

/** The step with the base's column count and types (PostgreSQL: the base types the recursion). */
function fitStep(step: Rel, base: Schema, name: string, span: Span, env: QueryEnv): Rel {
  const s = schemaOf(step);
  if (s.length !== base.length) {
    throw env.src.error('TYPE_MISMATCH', `each UNION operand of recursive query "${name}" must have the same number of columns (${base.length} vs ${s.length})`, span, { recursion: name });
  }
  s.forEach((f, i) => {
    if (!stepFits(base[i]!.type, f.type)) {
      throw env.src.error('TYPE_MISMATCH', `recursive query "${name}" column ${i + 1} has type ${typeToString(base[i]!.type)} in non-recursive term but type ${typeToString(f.type)} in the recursive term (cast the non-recursive term's column)`, span, {
        recursion: name, column: base[i]!.name,
      });
    }
  });
  if (s.every((f, i) => typeEquals(f.type, base[i]!.type))) return step;
  const exprs = s.map((f, i) => (typeEquals(f.type, base[i]!.type) ? E.col(i) : castTyped(env.src, { expr: E.col(i), type: f.type, nullable: f.nullable }, base[i]!.type, span).expr));
  return { kind: 'project', input: step, exprs, names: s.map((f) => f.name) };
}
