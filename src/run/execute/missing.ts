// What a run needs before it opens an engine: a file for every input and a value for every
// parameter. Everything missing is reported at once, each with the flag that supplies it — a
// Substrait plan names its inputs but has no files for them, and (from other producers) no
// parameter defaults.

import { statSync } from 'node:fs';
import path from 'node:path';
import { RelcError, typeToString, type ParamDecl, type Program } from '../../ir/index.ts';

export interface MissingInput {
  readonly input: string;
  /** Where the file was looked for. */
  readonly path: string;
}

/** A parameter with neither an override nor a default that is not nullable (so no NULL either). */
export function lacksValue(decl: ParamDecl, overrides: Readonly<Record<string, string>>): boolean {
  return !Object.hasOwn(overrides, decl.name) && decl.default === undefined && !decl.field.nullable;
}

function isFile(absPath: string): boolean {
  try {
    return statSync(absPath).isFile();
  } catch {
    return false;
  }
}

const plural = (n: number, one: string) => (n === 1 ? one : `${one}s`);

/**
 * One error for everything missing: INPUT_NOT_FOUND when an input file is (the parameters
 * listed with it), SPEC_MISSING_FIELD when only parameters are. `details.input` /
 * `details.param` name the one missing input / parameter, so a rule pack's run error points at it.
 */
export function missingError(inputs: readonly MissingInput[], params: readonly ParamDecl[]): RelcError {
  const parts: string[] = [];
  if (inputs.length) parts.push(`${plural(inputs.length, 'input')} ${inputs.map((i) => `${i.input} (no file at ${i.path})`).join(', ')}`);
  if (params.length) parts.push(`${plural(params.length, 'parameter')} ${params.map((p) => `${p.name} (${typeToString(p.field.type)}, no default)`).join(', ')}`);
  const flags = [...inputs.map((i) => `--input ${i.input}=PATH`), ...params.map((p) => `--param ${p.name}=<${typeToString(p.field.type)}>`)];
  return new RelcError(inputs.length ? 'INPUT_NOT_FOUND' : 'SPEC_MISSING_FIELD', `missing ${parts.join(' and ')}; pass ${flags.join(' ')}`, {
    details: {
      ...(inputs.length === 1 ? { input: inputs[0]!.input } : {}),
      ...(params.length === 1 ? { param: params[0]!.name } : {}),
      missing_inputs: inputs.map((i) => ({ ...i })),
      missing_params: params.map((p) => ({ param: p.name, type: typeToString(p.field.type) })),
    },
  });
}

/** Throws missingError when an input file (paths relative to `specDir`) or a parameter value is missing. */
export function checkNothingMissing(program: Program, specDir: string, overrides: Readonly<Record<string, string>> = {}): void {
  const inputs = program.inputs
    .map((i) => ({ input: i.name, path: path.resolve(specDir, i.path) }))
    .filter((i) => !isFile(i.path));
  const params = program.params.filter((p) => lacksValue(p, overrides));
  if (inputs.length || params.length) throw missingError(inputs, params);
}
