// The IR validator: every column reference in range, every call resolvable with the type it
// claims, predicates boolean, names aligned, set operands compatible, views acyclic and in order.
// A violation is INVALID_PLAN (a bug of whoever built the plan, reported with the node's path).

import { RelcError, assertNever } from './errors.ts';
import type { Expr } from './expr.ts';
import type { Program, Recursive, Rel } from './rel.ts';
import { nonLinearReason, stepFits } from './recursion.ts';
import { lookupFunction, resolveCall } from './registry.ts';
import { inputSchemaOf, schemaOf, typeOf } from './schema.ts';
import { commonSuperType, typeEquals, typeToString, type Schema } from './types.ts';
import { children, countRecursiveRefs, exprChildren, refsOf, relExprs } from './walk.ts';

export interface ValidateOptions {
  /** Reject front-end-only forms (subqueries, outer references): true before lowering. */
  readonly lowered?: boolean;
  /** Schemas of the views a `ref` may name. */
  readonly views?: ReadonlyMap<string, Schema>;
  /**
   * Subtrees known valid under these same options (skipped); every subtree validated here at
   * the top level is added. Lets a caller re-validate a rewritten plan in time proportional
   * to its new nodes (IR nodes are immutable).
   */
  readonly validated?: WeakSet<Rel>;
  /** The recursions enclosing the node (name → schema), which a `recursive_ref` may read. */
  readonly recursions?: ReadonlyMap<string, Schema>;
}

function fail(path: string, message: string): never {
  throw new RelcError('INVALID_PLAN', `${path}: ${message}`, { details: { path } });
}

function checkExpr(e: Expr, input: Schema, path: string, opts: ValidateOptions, depth: number): void {
  for (const c of exprChildren(e)) checkExpr(c, input, path, opts, depth);
  switch (e.kind) {
    case 'col':
      if (!Number.isInteger(e.index) || e.index < 0 || e.index >= input.length) fail(path, `column #${e.index} out of range (${input.length} fields)`);
      return;
    case 'outer':
      if (opts.lowered) fail(path, 'outer reference survived decorrelation');
      if (e.depth < 1 || e.depth > depth) fail(path, `outer reference depth ${e.depth} beyond ${depth} enclosing levels`);
      return;
    case 'lit':
    case 'param':
      return;
    case 'call': {
      const def = lookupFunction(e.fn);
      if (!def) fail(path, `unknown function ${e.fn}`);
      if (def.kind !== 'scalar') fail(path, `${def.kind} function ${e.fn} used as a scalar`);
      let resolved;
      try {
        resolved = resolveCall(e.fn, e.args.map((a) => typeOf(a, input).type));
      } catch (err) {
        fail(path, err instanceof Error ? err.message : String(err));
      }
      if (!typeEquals(resolved.returns, e.type) && !commonSuperType(resolved.returns, e.type)) {
        fail(path, `${e.fn} claims ${typeToString(e.type)} but resolves to ${typeToString(resolved.returns)}`);
      }
      return;
    }
    case 'case':
      for (const w of e.whens) expectBool(w.when, input, path);
      for (const branch of [...e.whens.map((w) => w.then), ...(e.else ? [e.else] : [])]) {
        const t = typeOf(branch, input).type;
        if (!typeEquals(t, e.type) && commonSuperType(t, e.type) === undefined) fail(path, `CASE of type ${typeToString(e.type)} has a branch of type ${typeToString(t)}`);
      }
      return;
    case 'cast':
    case 'in':
    case 'isnull':
      return;
    case 'like':
      if (typeOf(e.expr, input).type.kind !== 'utf8' && typeOf(e.expr, input).type.kind !== 'null') fail(path, 'LIKE on a non-string');
      return;
    case 'subquery':
      if (opts.lowered) fail(path, `${e.mode} subquery survived decorrelation`);
      checkRel(e.rel, `${path}/subquery`, opts, depth + 1);
      return;
    default:
      assertNever(e, 'expression');
  }
}

function expectBool(e: Expr, input: Schema, path: string): void {
  const t = typeOf(e, input).type.kind;
  if (t !== 'bool' && t !== 'null') fail(path, `predicate has type ${t}, expected bool`);
}

function checkRel(rel: Rel, path: string, opts: ValidateOptions, depth: number): void {
  // Only top-level subtrees outside recursions are remembered: inside a subquery, outer
  // references depend on depth; inside a recursion, what its working table is.
  const memo = depth === 0 && !opts.recursions?.size ? opts.validated : undefined;
  if (memo?.has(rel)) return;
  checkNode(rel, path, opts, depth);
  memo?.add(rel);
}

function checkNode(rel: Rel, path: string, opts: ValidateOptions, depth: number): void {
  if (rel.kind === 'recursive') {
    checkRel(rel.base, `${path}/0`, opts, depth);
    const inner = new Map(opts.recursions ?? []);
    inner.set(rel.name, schemaOf(rel));
    checkRel(rel.step, `${path}/1`, { ...opts, recursions: inner }, depth);
  } else children(rel).forEach((c, i) => checkRel(c, `${path}/${i}`, opts, depth));
  const here = `${path}(${rel.kind})`;
  const input = inputSchemaOf(rel);
  for (const e of relExprs(rel)) checkExpr(e, input, here, opts, depth);
  switch (rel.kind) {
    case 'scan':
    case 'distinct':
      return;
    case 'values':
      for (const row of rel.rows) if (row.length !== rel.schema.length) fail(here, `row of ${row.length} values for ${rel.schema.length} fields`);
      return;
    case 'ref': {
      const s = opts.views?.get(rel.name);
      if (opts.views && !s) fail(here, `reference to unknown view ${rel.name}`);
      if (s && s.length !== rel.schema.length) fail(here, `ref ${rel.name} has ${rel.schema.length} fields, the view has ${s.length}`);
      return;
    }
    case 'recursive':
      checkRecursive(rel, here);
      return;
    case 'recursive_ref': {
      const s = opts.recursions?.get(rel.name);
      if (!s) fail(here, `recursive_ref ${rel.name} outside the step of a recursion of that name`);
      // The working table may claim nullability its recursion lost to a rewrite, never the reverse.
      if (s.length !== rel.schema.length || s.some((f, i) => !typeEquals(f.type, rel.schema[i]!.type) || (f.nullable && !rel.schema[i]!.nullable))) {
        fail(here, `recursive_ref ${rel.name} has schema [${rel.schema.map((f) => typeToString(f.type) + (f.nullable ? '?' : '')).join(', ')}], the recursion [${s.map((f) => typeToString(f.type) + (f.nullable ? '?' : '')).join(', ')}]`);
      }
      return;
    }
    case 'filter':
      expectBool(rel.condition, input, here);
      return;
    case 'project':
      if (rel.exprs.length !== rel.names.length) fail(here, 'names and expressions differ in length');
      return;
    case 'join':
      if (rel.type === 'cross' ? rel.condition !== null : rel.condition === null) fail(here, `${rel.type} join ${rel.type === 'cross' ? 'with' : 'without'} a condition`);
      if (rel.condition) expectBool(rel.condition, input, here);
      return;
    case 'aggregate':
      if (rel.groupBy.length + rel.measures.length !== rel.names.length) fail(here, 'names do not cover keys and measures');
      for (const m of rel.measures) {
        const def = lookupFunction(m.fn);
        if (!def || def.kind !== 'aggregate') fail(here, `${m.fn} is not an aggregate function`);
        if (m.filter) expectBool(m.filter, input, here);
        if (m.orderBy?.length === 0) fail(here, `${m.fn}: an empty ORDER BY is written as none`);
      }
      return;
    case 'setop': {
      if (rel.inputs.length < 2) fail(here, 'a set operation needs two or more inputs');
      const [first, ...rest] = rel.inputs.map(schemaOf);
      for (const s of rest) {
        if (s.length !== first!.length) fail(here, `operands have ${first!.length} and ${s.length} columns`);
        s.forEach((f, i) => {
          if (!commonSuperType(f.type, first![i]!.type)) fail(here, `column ${i + 1}: ${typeToString(first![i]!.type)} vs ${typeToString(f.type)}`);
        });
      }
      return;
    }
    case 'sort':
      if (rel.keys.length === 0) fail(here, 'sort without keys');
      return;
    case 'limit':
      if ((rel.limit !== null && (!Number.isInteger(rel.limit) || rel.limit < 0)) || !Number.isInteger(rel.offset) || rel.offset < 0) fail(here, 'limit and offset must be non-negative integers');
      return;
    case 'window':
      if (rel.functions.length !== rel.names.length) fail(here, 'names and window functions differ in length');
      return;
    case 'winner':
      if (rel.orderBy.length === 0) throw new RelcError('WINNER_WITHOUT_ORDER', `${here}: winner needs a non-empty order`);
      if (!Number.isInteger(rel.keep) || rel.keep < 1) fail(here, 'keep must be a positive integer');
      return;
    default:
      assertNever(rel, 'relation');
  }
}

/** Base and step union-compatible (the step's types fit the base's), one linear read of the working table. */
function checkRecursive(rel: Recursive, here: string): void {
  if (rel.maxIterations !== null && (!Number.isInteger(rel.maxIterations) || rel.maxIterations < 1)) fail(here, 'max_iterations must be a positive integer');
  if (countRecursiveRefs(rel.base, rel.name) !== 0) fail(here, `the base reads the working table ${rel.name}`);
  const n = countRecursiveRefs(rel.step, rel.name);
  if (n !== 1) fail(here, `the step reads the working table ${rel.name} ${n} times (exactly once: linear recursion)`);
  const why = nonLinearReason(rel.step, rel.name);
  if (why) fail(here, why);
  const base = schemaOf(rel.base);
  const step = schemaOf(rel.step);
  if (base.length !== step.length) fail(here, `base has ${base.length} columns, step ${step.length}`);
  step.forEach((f, i) => {
    if (!stepFits(base[i]!.type, f.type)) fail(here, `column ${i + 1}: the step's ${typeToString(f.type)} does not fit the base's ${typeToString(base[i]!.type)}`);
  });
}

/** Validates one relation tree. Throws INVALID_PLAN naming the path of the offending node. */
export function validateRel(rel: Rel, opts: ValidateOptions = {}): void {
  checkRel(rel, '', opts, 0);
}

/** Validates a program: unique view names, refs to earlier views only (so no cycles), outputs. */
export function validateProgram(p: Program, opts: Pick<ValidateOptions, 'lowered'> = {}): void {
  const views = new Map<string, Schema>();
  for (const v of p.views) {
    if (views.has(v.name)) fail(`view ${v.name}`, 'duplicate view name');
    for (const r of refsOf(v.rel)) if (!views.has(r)) fail(`view ${v.name}`, `reads ${r}, which is not defined before it`);
    validateRel(v.rel, { ...opts, views });
    views.set(v.name, schemaOf(v.rel));
  }
  for (const o of p.outputs) if (!views.has(o.from)) fail(`output ${o.name}`, `unknown view ${o.from}`);
}
