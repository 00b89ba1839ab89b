// Binds a program's parameters for a run: declared defaults, overridden by `--param k=v` text
// parsed as the declared type. Values are canonical and bound typed, never spliced into SQL.

import { coerceLiteralValue, RelcError, typeToString, type ParamDecl, type Program } from '../../ir/index.ts';
import { literalToCanonical, toJsonValue, typed, type CanonicalValue, type TypedValue } from '../../backends/index.ts';
import { lacksValue, missingError } from './missing.ts';

export interface BoundParam {
  readonly decl: ParamDecl;
  readonly value: CanonicalValue;
}

/** An override naming no declared parameter → UNKNOWN_PARAM (listing the declared ones). */
export function checkParamNames(program: Program, overrides: Readonly<Record<string, string>> = {}): void {
  const declared = new Set(program.params.map((p) => p.name));
  for (const name of Object.keys(overrides).sort()) {
    if (!declared.has(name)) {
      const names = [...declared];
      throw new RelcError('UNKNOWN_PARAM', `unknown parameter ${name} (declared: ${names.length > 0 ? names.join(', ') : 'none'})`, { details: { param: name, declared: names } });
    }
  }
}

/**
 * Every declared parameter with its value. Unknown override → UNKNOWN_PARAM; text that is not
 * a value of the declared type → SPEC_BAD_VALUE; non-nullable parameters with neither a
 * default nor an override → SPEC_MISSING_FIELD (all of them in one error, see missing.ts).
 */
export function bindParams(program: Program, overrides: Readonly<Record<string, string>> = {}): Map<string, BoundParam> {
  checkParamNames(program, overrides);
  const unbound = program.params.filter((p) => lacksValue(p, overrides));
  if (unbound.length) throw missingError([], unbound);
  const bound = new Map<string, BoundParam>();
  for (const decl of program.params) {
    const text = Object.hasOwn(overrides, decl.name) ? overrides[decl.name] : undefined;
    let value: CanonicalValue;
    if (text !== undefined) {
      const lit = coerceLiteralValue(decl.field.type, text);
      if (lit === undefined) {
        throw new RelcError('SPEC_BAD_VALUE', `parameter ${decl.name}: ${JSON.stringify(text)} is not a valid ${typeToString(decl.field.type)}`, {
          details: { param: decl.name, value: text, type: typeToString(decl.field.type) },
        });
      }
      value = literalToCanonical(decl.field.type, lit);
    } else if (decl.default !== undefined) {
      value = literalToCanonical(decl.field.type, decl.default.value);
    } else {
      value = null; // nullable: lacksValue let it through
    }
    bound.set(decl.name, { decl, value });
  }
  return bound;
}

/** The typed bind values for a lowered statement's parameter names (placeholder i+1 ← names[i]). */
export function bindValues(names: readonly string[], params: ReadonlyMap<string, BoundParam>): TypedValue[] {
  return names.map((name) => {
    const p = params.get(name);
    if (!p) throw new RelcError('UNKNOWN_PARAM', `the plan uses parameter ${name}, which is not declared`, { details: { param: name } });
    return typed(p.decl.field.type, p.value);
  });
}

/** Parameters as the manifest records them (JSON values, keys sorted by the manifest writer). */
export function paramsForManifest(params: ReadonlyMap<string, BoundParam>): Record<string, unknown> {
  return Object.fromEntries([...params].map(([name, p]) => [name, toJsonValue(p.decl.field.type, p.value)]));
}
