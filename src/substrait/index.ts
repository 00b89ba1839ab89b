// Substrait (protobuf bytes or proto3 JSON) → a relc Program: one view and one output per
// RelRoot, a scan input per named table (schema from its base_schema). Plans relc produced
// (producer "relc") also get their view DAG back from the `hint.alias` marks, and their
// parameters' names, types and defaults from relc's Parameters optimization (other plans' dynamic
// parameters are named p<anchor>, without a default). Every problem is
// a SUBSTRAIT_DECODE_ERROR whose message and `details.path` point into the plan.
// Imports only src/ir and src/substrait-proto.

import {
  isRelcError, RelcError, schemaOf, typeEquals, typeToString, validateProgram,
  type DataType, type Literal, type OutputDecl, type ParamDecl, type Program, type Rel, type SortKey, type View,
} from '../ir/index.ts';
import { decodeBinary, decodeJson, PlanCodecError, type SubstraitPlan } from '../substrait-proto/index.ts';
import { ExprDecoder, type DeclaredFunction } from './decode-expr.ts';
import { RelDecoder } from './decode-rel.ts';
import { decodeError, decodeLiteral, decodeType, relcDetail } from './decode-types.ts';

export { decodeError } from './decode-types.ts';

/** What input that does not parse as a plan is told it should have been. */
export const NOT_A_PLAN = 'not a Substrait plan (expected a binary substrait.Plan protobuf or its JSON form)';

function parse(input: Uint8Array | string): SubstraitPlan {
  try {
    return typeof input === 'string' ? decodeJson(input) : decodeBinary(input);
  } catch (err) {
    if (!(err instanceof PlanCodecError)) throw err;
    // A path that starts at a field number the Plan lacks says only that the bytes are no plan.
    const where = err.path && !err.path.startsWith('#') ? err.path : '';
    throw new RelcError('SUBSTRAIT_DECODE_ERROR', `${NOT_A_PLAN}: ${where ? `${where}: ` : ''}${err.message.replace(/^malformed protobuf: /, '')}`, { details: { path: where || 'plan' } });
  }
}

function declarations(plan: SubstraitPlan): Map<number, DeclaredFunction> {
  const uris = new Set((plan.extensionUris ?? []).map((u) => u.extensionUriAnchor ?? 0));
  const urns = new Set((plan.extensionUrns ?? []).map((u) => u.extensionUrnAnchor ?? 0));
  const out = new Map<number, DeclaredFunction>();
  (plan.extensions ?? []).forEach((d, i) => {
    const path = `extensions[${i}]`;
    const f = d.extensionFunction;
    if (!f) return; // type and type-variation declarations only matter where used
    const uri = f.extensionUriReference ?? 0;
    const urn = f.extensionUrnReference ?? 0;
    if (!uris.has(uri) && !urns.has(urn)) throw decodeError(`${path}.extensionFunction`, `refers to no declared extension URI (${uri}) or URN (${urn})`);
    const anchor = f.functionAnchor ?? 0;
    if (out.has(anchor)) throw decodeError(`${path}.extensionFunction.functionAnchor`, `function anchor ${anchor} is declared twice`);
    const compound = f.name ?? '';
    out.set(anchor, { name: compound.split(':')[0]!, compound });
  });
  return out;
}

interface DeclaredParam {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  readonly default?: Literal;
}

/** The parameters relc's Parameters optimization declares, by anchor (none: an empty map). */
function declaredParams(plan: SubstraitPlan): Map<number, DeclaredParam> {
  const out = new Map<number, DeclaredParam>();
  const names = new Set<string>();
  (plan.advancedExtensions?.optimization ?? []).forEach((any, i) => {
    const path = `advancedExtensions.optimization[${i}]`;
    const detail = relcDetail('Parameters', any, path);
    (detail?.parameters ?? []).forEach((p, j) => {
      const here = `${path}.parameters[${j}]`;
      const anchor = p.anchor ?? 0;
      const name = p.name ?? '';
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw decodeError(`${here}.name`, `parameter name ${JSON.stringify(name)} is not an identifier`);
      if (out.has(anchor)) throw decodeError(`${here}.anchor`, `parameter anchor ${anchor} is declared twice`);
      if (names.has(name)) throw decodeError(`${here}.name`, `parameter ${name} is declared twice`);
      const { type, nullable } = decodeType(p.type, `${here}.type`);
      const given = p.default === undefined ? undefined : decodeLiteral(p.default, `${here}.default`);
      if (given && given.value !== null && !typeEquals(given.type, type)) {
        throw decodeError(`${here}.default`, `the default of ${name} is a ${typeToString(given.type)}, not a ${typeToString(type)}`);
      }
      names.add(name);
      out.set(anchor, { name, type, nullable, ...(given ? { default: { kind: 'lit', type, value: given.value } } : {}) });
    });
  });
  return out;
}

/** What relc's ImplicitCasts and ChainedCalls optimizations say of the plan's casts and calls. */
function implicitCasts(plan: SubstraitPlan): { implicitCastFailure?: string; chainLinks?: ReadonlySet<number> } {
  const out: { implicitCastFailure?: string; chainLinks?: ReadonlySet<number> } = {};
  for (const [i, any] of (plan.advancedExtensions?.optimization ?? []).entries()) {
    const d = relcDetail('ImplicitCasts', any, `advancedExtensions.optimization[${i}]`);
    if (d?.failureBehavior) out.implicitCastFailure = d.failureBehavior;
    const chains = relcDetail('ChainedCalls', any, `advancedExtensions.optimization[${i}]`);
    if (chains?.anchors?.length) out.chainLinks = new Set(chains.anchors.map(Number));
  }
  return out;
}

/** A relation whose output names are `names` (renaming in place where the node names fields). */
function renamed(rel: Rel, names: readonly string[]): Rel {
  const s = schemaOf(rel);
  if (names.length !== s.length || s.every((f, i) => f.name === names[i])) return rel;
  if (rel.kind === 'project' || rel.kind === 'aggregate') return { ...rel, names: [...names] };
  return { kind: 'project', input: rel, exprs: s.map((_, i) => ({ kind: 'col', index: i })), names: [...names] };
}

function build(plan: SubstraitPlan): Program {
  const functions = declarations(plan);
  const declared = declaredParams(plan);
  const params = new Map<number, { name: string; type: DataType; nullable: boolean }>([...declared].map(([a, p]) => [a, { name: p.name, type: p.type, nullable: p.nullable }]));
  const casts = implicitCasts(plan);
  const x = new ExprDecoder({ functions, params, ...casts });
  const relc = plan.version?.producer === 'relc';
  const relations = plan.relations ?? [];
  const rels = new RelDecoder(x, { ...casts, viewsFromAliases: relc, subtree: (k) => relations[k]?.rel ?? relations[k]?.root?.input });
  const roots = (plan.relations ?? []).map((r, i) => ({ r, i })).filter(({ r }) => r.root);
  if (roots.length === 0) throw decodeError('relations', 'the plan has no root relation');

  const extraViews: View[] = [];
  const outputs: OutputDecl[] = [];
  for (const { r, i } of roots) {
    const path = `relations[${i}].root`;
    const root = r.root!;
    let rel = rels.decode(root.input, `${path}.input`);
    const names = root.names ?? [];
    const outAlias = root.input?.sort?.common?.hint?.alias;
    if (relc && rel.kind === 'sort' && rel.input.kind === 'ref' && outAlias?.startsWith('output:')) {
      outputs.push({ name: outAlias.slice('output:'.length), from: rel.input.name, orderBy: rel.keys as SortKey[], format: 'parquet' });
      continue;
    }
    if (rel.kind === 'ref' && relc) {
      outputs.push({ name: rel.name, from: rel.name, orderBy: [], format: 'parquet' });
      continue;
    }
    const flat = schemaOf(rel);
    if (names.length && names.length !== flat.length && !flat.some((f) => f.type.kind === 'struct')) {
      throw decodeError(`${path}.names`, `${names.length} names for ${flat.length} output fields`);
    }
    rel = renamed(rel, names.length === flat.length ? names : flat.map((f) => f.name));
    const name = roots.length === 1 ? 'query' : `query_${extraViews.length + 1}`;
    extraViews.push({ name, rel });
    outputs.push({ name, from: name, orderBy: [], format: 'parquet' });
  }

  const views: View[] = [...[...rels.views.entries()].map(([name, rel]) => ({ name, rel })), ...extraViews];
  const paramDecls: ParamDecl[] = [...params.entries()].sort((a, b) => a[0] - b[0]).map(([anchor, p]) => {
    const given = declared.get(anchor)?.default;
    return { name: p.name, field: { name: p.name, type: p.type, nullable: p.nullable }, ...(given ? { default: given } : {}) };
  });
  const program: Program = {
    name: 'substrait',
    profile: 'default',
    params: paramDecls,
    inputs: [...rels.tables.entries()].map(([name, schema]) => ({ name, path: `${name}.parquet`, format: 'parquet', schema })),
    views,
    outputs,
  };
  try {
    validateProgram(program, { lowered: true });
  } catch (err) {
    if (isRelcError(err)) throw decodeError(String(err.details?.path ?? 'plan'), `the plan does not type-check: ${err.message}`);
    throw err;
  }
  return program;
}

/** Decodes a Substrait plan (protobuf bytes, or proto3 JSON text) into a relc Program. */
export function decodeSubstrait(input: Uint8Array | string): Program {
  try {
    return build(parse(input));
  } catch (err) {
    if (err instanceof RelcError && err.code === 'SUBSTRAIT_DECODE_ERROR') throw err;
    // relc's own bugs stay internal errors; everything the plan got wrong is a decode error.
    if (isRelcError(err) && err.code !== 'INTERNAL') throw decodeError(String(err.details?.path ?? 'plan'), err.message);
    if (isRelcError(err)) throw err;
    // A malformed plan must never surface as a crash: anything else is reported as a decode error.
    throw decodeError('plan', `malformed plan: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Alias named in CONTRACTS.md. */
export const fromSubstrait = decodeSubstrait;
