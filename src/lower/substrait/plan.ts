// A relc program → one Substrait Plan: a RelRoot per output (sorted by the output's order, or by
// every sortable column, as relc outputs are) or per requested view. Views read through `ref`
// are inlined, each keeping its name as the `hint.alias` of its top relation — except views read
// more than once, which consumers that read ReferenceRel get once, as plan relations of their own
// listed before the roots. Unbound parameters are declared (name, type, default) in relc's
// Parameters message, an optimization of the plan's advanced extensions.

import { canonicalJson, RelcError, children as relChildren, schemaOf, transformUp, type DataType, type OutputDecl, type ParamDecl, type Program, type Rel, type Schema, type SortKey } from '../../ir/index.ts';
import { encodeRelcDetail, relcTypeUrl, SUBSTRAIT_VERSION, type AnyMessage, type Rel as SRel, type SubstraitPlan } from '../../substrait-proto/index.ts';
import { MAX_INLINED_RELATIONS, SUBSTRAIT_CONSUMERS, type SubstraitConsumer, type SubstraitConsumerName } from './consumers.ts';
import { ExtensionCollector } from './extensions.ts';
import { fieldRef, type ParamBinding } from './expr.ts';
import { toSubstraitLiteral } from './literals.ts';
import { aliased, RelLowering, sortDirection } from './rel.ts';
import { flatNames, toSubstraitType } from './types.ts';

export interface ToSubstraitOptions {
  /** One RelRoot per named view instead of one per output. */
  readonly views?: readonly string[];
  /**
   * Bind every parameter to its declared default (or to the value given here) as a literal,
   * for consumers without dynamic parameters. Default: parameters are DynamicParameters.
   */
  readonly bindParams?: boolean | Readonly<Record<string, import('../../ir/index.ts').Literal>>;
  /**
   * The consumer the plan is written for (default `standard`: the specification's forms only).
   * See consumers.ts for what each profile changes.
   */
  readonly consumer?: SubstraitConsumerName;
}

/** The Substrait plan of a program's outputs (or of the requested views). */
export function toSubstraitPlan(program: Program, opts: ToSubstraitOptions = {}): SubstraitPlan {
  const params = new Map<string, ParamBinding>();
  program.params.forEach((p, i) => {
    const given = typeof opts.bindParams === 'object' ? opts.bindParams[p.name] : undefined;
    const value = opts.bindParams ? (given ?? p.default) : undefined;
    if (opts.bindParams && !value) {
      throw new RelcError('BACKEND_UNSUPPORTED', `parameter :${p.name} has no value to bind`, { details: { param: p.name } });
    }
    params.set(p.name, { anchor: i + 1, ...(value ? { value } : {}) });
  });
  const consumer: SubstraitConsumer | undefined = SUBSTRAIT_CONSUMERS[opts.consumer ?? 'standard'];
  if (!consumer) throw new RelcError('BACKEND_UNSUPPORTED', `unknown Substrait consumer ${opts.consumer}`, { details: { consumer: opts.consumer, known: Object.keys(SUBSTRAIT_CONSUMERS) } });
  const ext = new ExtensionCollector(consumer);
  const declaredScans = new Map<Rel, Schema>();
  const views = consumer.nullableReads ? nullableReads(program, declaredScans) : new Map<string, Rel>(program.views.map((v) => [v.name, v.rel]));
  const outputs: readonly OutputDecl[] = program.outputs.length
    ? program.outputs
    : program.views.map((v) => ({ name: v.name, from: v.name, orderBy: [], format: 'parquet' as const }));
  const rels = new RelLowering({ ext, params, consumer }, views, sharedViews(views, opts.views ?? outputs.map((o) => o.from)), declaredScans);

  const roots: { input: SRel; names: string[] }[] = [];
  if (opts.views) {
    for (const name of opts.views) {
      const rel = views.get(name);
      if (!rel) throw new RelcError('UNKNOWN_RELATION', `no view named ${name}`, { details: { name, available: [...views.keys()] } });
      roots.push({ input: rels.view(name), names: flatNames(schemaOf(rel)) });
    }
  } else {
    for (const o of outputs) {
      const rel = views.get(o.from);
      if (!rel) throw new RelcError('UNKNOWN_RELATION', `output ${o.name} reads unknown view ${o.from}`, { details: { name: o.from } });
      roots.push({ input: outputRel(rels.view(o.from), o, schemaOf(rel)), names: flatNames(schemaOf(rel)) });
    }
  }

  if (!consumer.sharedSubtrees) {
    const size = inlinedSize(roots.map((r) => r.input));
    if (size > MAX_INLINED_RELATIONS) {
      throw new RelcError('BACKEND_UNSUPPORTED', `the ${consumer.name} consumer reads no ReferenceRel, and inlining every view the program reads more than once would make a plan of ${size} relations (at most ${MAX_INLINED_RELATIONS}); write the plan for a consumer that reads references (the standard one), or run fewer views`, { details: { consumer: consumer.name, relations: size } });
    }
  }
  const declared = opts.bindParams ? undefined : parameterDeclarations(program.params, params);
  if (declared) ext.expectTypeUrl(relcTypeUrl('Parameters'));
  const optimizations = [...(declared ?? [])];
  const chains = ext.chainAnchors();
  if (chains.length) {
    optimizations.push(encodeRelcDetail('ChainedCalls', { anchors: chains }));
    ext.expectTypeUrl(relcTypeUrl('ChainedCalls'));
  }
  if (consumer.implicitCastFailure) {
    optimizations.push(encodeRelcDetail('ImplicitCasts', { failureBehavior: consumer.implicitCastFailure }));
    ext.expectTypeUrl(relcTypeUrl('ImplicitCasts'));
  }
  return {
    version: { majorNumber: SUBSTRAIT_VERSION.major, minorNumber: SUBSTRAIT_VERSION.minor, patchNumber: SUBSTRAIT_VERSION.patch, producer: 'relc' },
    ...ext.declarations(),
    relations: [...rels.subtrees.map((rel) => ({ rel })), ...roots.map((r) => ({ root: { input: r.input, names: uniqueNames(r.names) } }))],
    ...(optimizations.length ? { advancedExtensions: { optimization: optimizations } } : {}),
  };
}

/**
 * The views as a consumer that registers files with nullable columns reads them: every scan's
 * columns nullable (relc cannot prove a file's nullability), and every expression typed from
 * there, so the plan's types agree with each other (a validator checks that an IN list's
 * options have its value's nullability, that set inputs agree). `declared` maps each relaxed
 * scan to its declared schema (written as the ReadRel's DeclaredSchema optimization). Views
 * come in dependency order, so a `ref` takes the relaxed schema of the view it reads.
 */
function nullableReads(program: Program, declared: Map<Rel, Schema>): Map<string, Rel> {
  const views = new Map<string, Rel>();
  for (const v of program.views) {
    views.set(v.name, transformUp(v.rel, (r) => {
      if (r.kind === 'scan') {
        const schema = nullableSchema(r.schema);
        if (schema === r.schema) return r;
        const out = { ...r, schema };
        declared.set(out, r.schema);
        return out;
      }
      if (r.kind === 'ref') {
        const target = views.get(r.name);
        return target ? { ...r, schema: schemaOf(target) } : r;
      }
      return r;
    }));
  }
  return views;
}

/** The schema with every column and nested member nullable; the same object when it already is. */
function nullableSchema(schema: Schema): Schema {
  const relaxType = (t: DataType): DataType => {
    if (t.kind === 'list') return { ...t, element: relaxType(t.element), elementNullable: true };
    if (t.kind === 'struct') return { ...t, fields: t.fields.map((f) => ({ ...f, type: relaxType(f.type), nullable: true })) };
    return t;
  };
  const out = schema.map((f) => ({ ...f, type: relaxType(f.type), nullable: true }));
  return canonicalJson(out) === canonicalJson(schema) ? schema : out;
}

/**
 * The dynamic parameters' declarations in declaration order (relc.Parameters): Substrait
 * itself knows a parameter only by its anchor and type, and has no default.
 */
function parameterDeclarations(decls: readonly ParamDecl[], anchors: ReadonlyMap<string, ParamBinding>): AnyMessage[] | undefined {
  if (decls.length === 0) return undefined;
  const parameters = decls.map((p) => ({
    anchor: anchors.get(p.name)!.anchor,
    name: p.name,
    type: toSubstraitType(p.field.type, p.field.nullable),
    ...(p.default ? { default: toSubstraitLiteral(p.field.type, p.default.value, p.field.nullable) } : {}),
  }));
  return [encodeRelcDetail('Parameters', { parameters })];
}

/**
 * The views the plan reads more than once: from its roots (one read each) through the views they
 * reach, each view's definition counted once, a `ref` in it one read.
 */
function sharedViews(views: ReadonlyMap<string, Rel>, roots: readonly string[]): Set<string> {
  const reads = new Map<string, number>();
  const seen = new Set<string>();
  const read = (name: string): void => {
    reads.set(name, (reads.get(name) ?? 0) + 1);
    if (seen.has(name)) return;
    seen.add(name);
    const rel = views.get(name);
    if (rel) visit(rel);
  };
  const visit = (r: Rel): void => {
    if (r.kind === 'ref') read(r.name);
    else for (const c of relChildren(r)) visit(c);
  };
  for (const r of roots) read(r);
  return new Set([...reads].filter(([, n]) => n > 1).map(([name]) => name));
}

/** How many relations the plan has written out as a tree (shared objects counted at every use). */
function inlinedSize(tops: readonly SRel[]): number {
  const memo = new Map<object, number>();
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 0;
    const known = memo.get(v);
    if (known !== undefined) return known;
    let n = 0;
    for (const x of Array.isArray(v) ? v : Object.values(v)) n += size(x);
    if (!Array.isArray(v) && ('input' in v || 'left' in v || 'inputs' in v || 'baseSchema' in v)) n += 1;
    memo.set(v, n);
    return n;
  };
  return tops.reduce((a, t) => a + size(t), 0);
}

/**
 * RelRoot names must be distinct (a join of two `id` columns is legal in relc, not in a
 * Substrait root): repeats get `_2`, `_3`… suffixes.
 */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let i = 2; seen.has(name); i++) name = `${n}_${i}`;
    seen.add(name);
    return name;
  });
}

/** Keys relc sorts an output by when it declares none: every column that has an order. */
function defaultOrder(schema: ReturnType<typeof schemaOf>): SortKey[] {
  return schema.flatMap((f, i): SortKey[] =>
    f.type.kind === 'list' || f.type.kind === 'struct' ? [] : [{ expr: { kind: 'col', index: i }, direction: 'asc', nulls: 'last' }]);
}

/** An output: its view sorted as relc orders outputs, named by the output (hint alias). */
function outputRel(view: SRel, o: OutputDecl, schema: ReturnType<typeof schemaOf>): SRel {
  const keys = o.orderBy.length ? o.orderBy : defaultOrder(schema);
  if (keys.length === 0) return view;
  for (const k of keys) if (k.expr.kind !== 'col') throw new RelcError('BACKEND_UNSUPPORTED', `output ${o.name} orders by an expression; only columns are supported`);
  const sorted: SRel = {
    sort: {
      common: { direct: {} },
      input: view,
      sorts: keys.map((k) => ({ expr: fieldRef((k.expr as { index: number }).index), direction: sortDirection(k) })),
    },
  };
  return aliased(sorted, `output:${o.name}`);
}
