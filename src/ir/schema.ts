// Output schema inference for relations and type/nullability inference for expressions.

import { internal, RelcError, assertNever } from './errors.ts';
import type { Expr } from './expr.ts';
import type { Rel } from './rel.ts';
import { callNullable, lookupFunction } from './registry.ts';
import { T, type DataType, type Field, type Schema } from './types.ts';

export interface TypedExpr {
  readonly type: DataType;
  readonly nullable: boolean;
}

const joinInputs = new WeakMap<Rel, Schema>();

/** The fields an expression of `rel`'s operator sees (a join's condition sees both sides). */
export function inputSchemaOf(rel: Rel): Schema {
  switch (rel.kind) {
    case 'join': {
      // Memoized like schemaOf, so that expressions over it meet the same schema object.
      let both = joinInputs.get(rel);
      if (!both) {
        both = [...schemaOf(rel.left), ...schemaOf(rel.right)];
        joinInputs.set(rel, both);
      }
      return both;
    }
    case 'filter':
    case 'project':
    case 'aggregate':
    case 'sort':
    case 'limit':
    case 'distinct':
    case 'window':
    case 'winner':
      return schemaOf(rel.input);
    case 'setop':
      return rel.inputs.length > 0 ? schemaOf(rel.inputs[0]!) : [];
    case 'scan':
    case 'values':
    case 'ref':
    case 'recursive_ref':
      return [];
    case 'recursive':
      return schemaOf(rel.base);
    default:
      return assertNever(rel, 'relation');
  }
}

const cache = new WeakMap<Rel, Schema>();

/** The output schema of a relation (memoized per node object; nodes are immutable). */
export function schemaOf(rel: Rel): Schema {
  let s = cache.get(rel);
  if (!s) {
    s = computeSchema(rel);
    cache.set(rel, s);
  }
  return s;
}

function computeSchema(rel: Rel): Schema {
  switch (rel.kind) {
    case 'scan':
    case 'values':
    case 'ref':
    case 'recursive_ref':
      return rel.schema;
    case 'recursive':
      return recursiveSchema(schemaOf(rel.base), schemaOf(rel.step));
    case 'filter':
    case 'sort':
    case 'limit':
    case 'distinct':
    case 'winner':
      return schemaOf(rel.input);
    case 'project': {
      const input = schemaOf(rel.input);
      return rel.exprs.map((e, i) => ({ name: rel.names[i]!, ...typeOf(e, input) }));
    }
    case 'join': {
      const left = schemaOf(rel.left);
      const right = schemaOf(rel.right);
      const nullableLeft = rel.type === 'right' || rel.type === 'full';
      const nullableRight = rel.type === 'left' || rel.type === 'full';
      if (rel.type === 'semi' || rel.type === 'anti') return left;
      return [
        ...left.map((f) => (nullableLeft ? { ...f, nullable: true } : f)),
        ...right.map((f) => (nullableRight ? { ...f, nullable: true } : f)),
      ];
    }
    case 'aggregate': {
      const input = schemaOf(rel.input);
      const keys = rel.groupBy.map((e, i) => ({ name: rel.names[i]!, ...typeOf(e, input) }));
      const measures = rel.measures.map((m, i): Field => {
        const def = lookupFunction(m.fn);
        // Without group keys an aggregate over no rows still yields one row (sum → NULL).
        const nullable = def ? callNullable(def, m.args.map((a) => typeOf(a, input).nullable)) : true;
        return { name: rel.names[keys.length + i]!, type: m.type, nullable };
      });
      return [...keys, ...measures];
    }
    case 'setop': {
      const schemas = rel.inputs.map(schemaOf);
      const first = schemas[0] ?? [];
      return first.map((f, i) => ({
        name: f.name,
        type: f.type,
        nullable: schemas.some((s) => s[i]?.nullable ?? true),
      }));
    }
    case 'window': {
      const input = schemaOf(rel.input);
      return [
        ...input,
        ...rel.functions.map((w, i): Field => {
          const def = lookupFunction(w.fn);
          const nullable = def ? def.nulls !== 'never' : true;
          return { name: rel.names[i]!, type: w.type, nullable };
        }),
      ];
    }
    default:
      return assertNever(rel, 'relation');
  }
}

/** The schema of a recursion: the base's names and types, nullable where the base or the step is. */
export function recursiveSchema(base: Schema, step: Schema): Schema {
  return base.map((f, i) => ({ ...f, nullable: f.nullable || (step[i]?.nullable ?? true) }));
}

const typed = new WeakMap<Expr, { readonly input: Schema; readonly typed: TypedExpr }>();

/**
 * Type and nullability of an expression evaluated over `input`. Memoized per expression node
 * for its last input schema (nullability reads the whole subtree, and callers ask again at
 * every level of a nested expression).
 */
export function typeOf(e: Expr, input: Schema): TypedExpr {
  switch (e.kind) {
    case 'col':
    case 'outer':
    case 'lit':
    case 'param':
    case 'isnull':
      return computeTypeOf(e, input);
    default: {
      const m = typed.get(e);
      if (m !== undefined && m.input === input) return m.typed;
      const t = computeTypeOf(e, input);
      typed.set(e, { input, typed: t });
      return t;
    }
  }
}

function computeTypeOf(e: Expr, input: Schema): TypedExpr {
  switch (e.kind) {
    case 'col': {
      const f = input[e.index];
      if (!f) throw internal(`column #${e.index} is out of range (input has ${input.length} fields)`);
      return { type: f.type, nullable: f.nullable };
    }
    case 'outer':
      return { type: e.type, nullable: e.nullable };
    case 'lit':
      return { type: e.type, nullable: e.value === null };
    case 'param':
      return { type: e.type, nullable: e.nullable };
    case 'call': {
      const def = lookupFunction(e.fn);
      if (!def) throw new RelcError('UNKNOWN_FUNCTION', `unknown function ${e.fn}`);
      return { type: e.type, nullable: callNullable(def, e.args.map((a) => typeOf(a, input).nullable)) };
    }
    case 'case': {
      const branches = [...e.whens.map((w) => w.then), ...(e.else ? [e.else] : [])];
      const nullable = e.else === null || branches.some((b) => typeOf(b, input).nullable);
      return { type: e.type, nullable };
    }
    case 'cast':
      return { type: e.type, nullable: typeOf(e.expr, input).nullable };
    case 'in':
      return { type: T.bool, nullable: typeOf(e.expr, input).nullable || e.list.some((x) => typeOf(x, input).nullable) };
    case 'isnull':
      return { type: T.bool, nullable: false };
    case 'like':
      return { type: T.bool, nullable: typeOf(e.expr, input).nullable || typeOf(e.pattern, input).nullable };
    case 'subquery': {
      if (e.mode === 'exists') return { type: T.bool, nullable: false };
      const s = schemaOf(e.rel);
      if (e.mode === 'scalar') return { type: s[0]?.type ?? T.null, nullable: true };
      return { type: T.bool, nullable: true };
    }
    default:
      return assertNever(e, 'expression');
  }
}
