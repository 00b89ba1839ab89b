// `kind: recursive`: a fixpoint rule. `base` is a SELECT over other relations; `step` a SELECT
// that reads the rule's own name exactly once (the rows the previous iteration added); `union`
// distinct (set, default) or all (bag); optional `max_iterations`. One IR `recursive` node.

import {
  E, RelcError, countRecursiveRefs, nonLinearReason, recursiveSchema, schemaOf, stepFits, typeEquals, typeToString,
  type Rel, type Schema,
} from '../ir/index.ts';
import { parseSelect, tableReferences, type Catalog } from '../sql/index.ts';
import type { RuleSpec } from './format.ts';
import type { BuiltRule, RuleContext } from './scope.ts';

type RecursiveRule = Extract<RuleSpec, { kind: 'recursive' }>;

export function buildRecursive(rule: RecursiveRule, ctx: RuleContext): BuiltRule {
  const name = rule.name;
  const parse = (field: 'base' | 'step', catalog: Catalog): Rel =>
    parseSelect(rule[field], {
      dialect: 'postgres', catalog, params: ctx.params, origin: ctx.at([field], true), strict: ctx.strict,
      onWarning: (w) => ctx.warn(w.code, w.message, w.location),
    });

  const inBase = tableReferences(rule.base, name, { dialect: 'postgres', origin: ctx.at(['base'], true) });
  if (inBase.length > 0) {
    throw new RelcError('SPEC_BAD_VALUE', `recursive rule '${name}': the base must not read the rule itself (the step does)`, { location: inBase[0]!, details: { rule: name } });
  }
  const inStep = tableReferences(rule.step, name, { dialect: 'postgres', origin: ctx.at(['step'], true) });
  if (inStep.length === 0) {
    throw new RelcError('SPEC_BAD_VALUE', `recursive rule '${name}': the step must read '${name}' (the rows the previous iteration added)`, { location: ctx.at(['step'], true), details: { rule: name } });
  }
  if (inStep.length > 1) {
    throw new RelcError('SPEC_BAD_VALUE', `recursive rule '${name}': the step reads '${name}' ${inStep.length} times; exactly once (linear recursion)`, { location: inStep[1]!, details: { rule: name } });
  }

  const base = parse('base', ctx.catalog(['base']));
  const baseSchema = schemaOf(base);
  const others = ctx.catalog(['step']);
  let work: Schema = baseSchema;
  for (let round = 0; ; round++) {
    const ref: Rel = { kind: 'recursive_ref', name, schema: work };
    const catalog: Catalog = {
      resolve: (n) => (n.toLowerCase() === name.toLowerCase() ? ref : others.resolve(n)),
      names: () => others.names(),
      ...(others.keys ? { keys: (n: string) => (n.toLowerCase() === name.toLowerCase() ? [] : others.keys!(n)) } : {}),
    };
    const step = fitStep(parse('step', catalog), baseSchema, rule, ctx);
    const next = recursiveSchema(baseSchema, schemaOf(step));
    if (round <= baseSchema.length && !next.every((f, i) => f.nullable === work[i]!.nullable)) {
      work = next;
      continue;
    }
    const why = countRecursiveRefs(step, name) !== 1 ? `the step reads '${name}' more than once` : nonLinearReason(step, name);
    if (why) throw new RelcError('UNSUPPORTED_CONSTRUCT', `recursive rule '${name}': ${why} (relc supports linear recursion only)`, { location: inStep[0]!, details: { rule: name } });
    const rel: Rel = { kind: 'recursive', name, base, step, distinct: rule.union === 'distinct', maxIterations: rule.max_iterations ?? null };
    return { rel, keys: rule.union === 'distinct' ? [baseSchema.map((f) => f.name)] : [] };
  }
}

/** The step with the base's columns: as many, each of a type that fits the base's (then cast to it). */
function fitStep(step: Rel, base: Schema, rule: RecursiveRule, ctx: RuleContext): Rel {
  const s = schemaOf(step);
  const at = ctx.at(['step'], true);
  if (s.length !== base.length) {
    throw new RelcError('TYPE_MISMATCH', `recursive rule '${rule.name}': the step has ${s.length} columns, the base ${base.length} (${base.map((f) => f.name).join(', ')})`, { location: at, details: { rule: rule.name } });
  }
  s.forEach((f, i) => {
    if (!stepFits(base[i]!.type, f.type)) {
      throw new RelcError('TYPE_MISMATCH', `recursive rule '${rule.name}': column ${i + 1} (${base[i]!.name}) is ${typeToString(base[i]!.type)} in the base but ${typeToString(f.type)} in the step (the base types the rule: cast there)`, {
        location: at, details: { rule: rule.name, column: base[i]!.name },
      });
    }
  });
  if (s.every((f, i) => typeEquals(f.type, base[i]!.type))) return step;
  return { kind: 'project', input: step, exprs: s.map((f, i) => (typeEquals(f.type, base[i]!.type) ? E.col(i) : E.cast(E.col(i), base[i]!.type))), names: s.map((f) => f.name) };
}
