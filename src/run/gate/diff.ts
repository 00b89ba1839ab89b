// `relc diff <specA> <specB>`: what a change to a rule pack does to its views. Views are matched
// by name and compared by signature; a changed view shows a diff of its plan printout, and the
// views impacted only through an upstream change are named as such.

import {
  canonicalJson, exprText, initHashing, planText, schemaOf, shortSignature, signViews, typeToString, type Program, type Schema,
} from '../../ir/index.ts';
import { loadSpecFile } from '../compose/compile.ts';
import { canonicalViewOrder, classifyChanges, ownHash, viewReads, type ViewIdentity } from './golden-graph.ts';
import { unifiedDiff } from './golden-unified-diff.ts';

export type ViewStatus = 'unchanged' | 'changed' | 'added' | 'removed';

export interface ViewDiff {
  readonly name: string;
  readonly status: ViewStatus;
  readonly signature_a?: string;
  readonly signature_b?: string;
  /** For `changed`: true when the view's own definition changed, false when only views it reads did. */
  readonly definition_changed?: boolean;
  /** For `changed`: the views it reads directly whose signature changed. */
  readonly upstream_changed?: readonly string[];
  /** For `changed`: a unified diff of the plan printouts (empty when they print the same). */
  readonly plan_diff?: string;
  /** For `added`: a removed view with the same signature (a rename). */
  readonly same_plan_as?: string;
}

/** A change to a declaration that signatures do not cover (params, inputs, outputs). */
export interface DeclChange {
  readonly kind: 'param' | 'input' | 'output';
  readonly name: string;
  readonly status: 'changed' | 'added' | 'removed';
  readonly a?: unknown;
  readonly b?: unknown;
}

export interface SpecDiff {
  readonly a: { readonly file: string; readonly spec_hash: string };
  readonly b: { readonly file: string; readonly spec_hash: string };
  readonly views: readonly ViewDiff[];
  /** Views changed only through upstream views, in B's order. */
  readonly impacted: readonly string[];
  readonly declarations: readonly DeclChange[];
  readonly summary: Readonly<Record<ViewStatus, number>> & { readonly impacted: number };
}

function identities(program: Program): Map<string, ViewIdentity> {
  const sigs = signViews(program);
  return new Map(program.views.map((v) => [v.name, { signature: sigs.get(v.name)!, own: ownHash(v.rel) }]));
}

function fieldsText(schema: Schema): string {
  return schema.map((f) => `${f.name}: ${typeToString(f.type)}${f.nullable ? '?' : ''}`).join(', ');
}

function printout(program: Program, name: string): string {
  const v = program.views.find((x) => x.name === name)!;
  return `[${fieldsText(schemaOf(v.rel))}]\n${planText(v.rel)}\n`;
}

function scalar(v: unknown): string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : canonicalJson(v);
}

/** A declaration as plain, readable fields (types and orders as text, literals as values). */
type DeclFields = Record<string, string | number | boolean | null>;

function declarations(p: Program): { kind: DeclChange['kind']; name: string; fields: DeclFields }[] {
  const schemaOfView = (name: string): Schema => {
    const v = p.views.find((x) => x.name === name);
    return v ? schemaOf(v.rel) : [];
  };
  return [
    ...p.params.map((d) => ({
      kind: 'param' as const,
      name: d.name,
      fields: { type: `${typeToString(d.field.type)}${d.field.nullable ? '?' : ''}`, default: d.default ? scalar(d.default.value) : null },
    })),
    ...p.inputs.map((d) => ({
      kind: 'input' as const,
      name: d.name,
      fields: { path: d.path, format: d.format, schema: fieldsText(d.schema), key: d.key ? d.key.join(', ') : null },
    })),
    ...p.outputs.map((d) => ({
      kind: 'output' as const,
      name: d.name,
      fields: {
        from: d.from,
        order_by: d.orderBy.map((k) => `${exprText(k.expr, schemaOfView(d.from))} ${k.direction} nulls ${k.nulls}`).join(', '),
        format: d.format,
      },
    })),
  ];
}

/** Params, inputs and outputs that differ (signatures do not cover them: defaults, paths, orders). */
function declChanges(pa: Program, pb: Program): DeclChange[] {
  const out: DeclChange[] = [];
  const key = (d: { kind: string; name: string }) => `${d.kind} ${d.name}`;
  const inA = new Map(declarations(pa).map((d) => [key(d), d]));
  const inB = new Map(declarations(pb).map((d) => [key(d), d]));
  for (const d of inB.values()) {
    const was = inA.get(key(d));
    if (!was) out.push({ kind: d.kind, name: d.name, status: 'added', b: d.fields });
    else if (canonicalJson(was.fields) !== canonicalJson(d.fields)) out.push({ kind: d.kind, name: d.name, status: 'changed', a: was.fields, b: d.fields });
  }
  for (const d of inA.values()) if (!inB.has(key(d))) out.push({ kind: d.kind, name: d.name, status: 'removed', a: d.fields });
  return out;
}

/** Compares two compiled programs view by view. */
export function diffPrograms(pa: Program, pb: Program, labels: { a: string; b: string }): Omit<SpecDiff, 'a' | 'b'> {
  const a = canonicalViewOrder(pa);
  const b = canonicalViewOrder(pb);
  const ida = identities(a);
  const idb = identities(b);
  const c = classifyChanges(ida, idb);
  const sigChanged = new Set([...c.changed, ...c.impacted, ...c.added]);
  const readsB = viewReads(b);
  const removedBySig = new Map(c.removed.map((n) => [ida.get(n)!.signature, n]));
  const views: ViewDiff[] = b.views.map((v): ViewDiff => {
    const name = v.name;
    const sb = idb.get(name)!.signature;
    if (c.added.includes(name)) {
      const same = removedBySig.get(sb);
      return { name, status: 'added', signature_b: sb, ...(same ? { same_plan_as: same } : {}) };
    }
    const sa = ida.get(name)!.signature;
    if (c.unchanged.includes(name)) return { name, status: 'unchanged', signature_a: sa, signature_b: sb };
    const plan_diff = unifiedDiff(printout(a, name), printout(b, name), { fromLabel: `${labels.a} view ${name}`, toLabel: `${labels.b} view ${name}` });
    return {
      name,
      status: 'changed',
      signature_a: sa,
      signature_b: sb,
      definition_changed: c.changed.includes(name),
      upstream_changed: readsB.get(name)!.filter((r) => sigChanged.has(r)),
      plan_diff,
    };
  });
  for (const name of c.removed) views.push({ name, status: 'removed', signature_a: ida.get(name)!.signature });
  const count = (s: ViewStatus) => views.filter((v) => v.status === s).length;
  return {
    views,
    impacted: c.impacted,
    declarations: declChanges(pa, pb),
    summary: { unchanged: count('unchanged'), changed: count('changed'), added: count('added'), removed: count('removed'), impacted: c.impacted.length },
  };
}

/** Compiles two rule packs and compares them. */
export async function diffSpecs(fileA: string, fileB: string): Promise<SpecDiff> {
  await initHashing();
  const ca = await loadSpecFile(fileA);
  const cb = await loadSpecFile(fileB);
  return {
    a: { file: fileA, spec_hash: ca.specHash },
    b: { file: fileB, spec_hash: cb.specHash },
    ...diffPrograms(ca.program, cb.program, { a: fileA, b: fileB }),
  };
}

/** True when the two packs differ in any view or declaration. */
export function specsDiffer(d: SpecDiff): boolean {
  return d.views.some((v) => v.status !== 'unchanged') || d.declarations.length > 0;
}

const short = (s: string | undefined) => shortSignature(s ?? '');

function declText(d: DeclChange): string {
  const what = `${d.kind} ${d.name}`;
  if (d.status !== 'changed') return `${d.status.padEnd(9)} ${what}`;
  const a = d.a as Record<string, unknown>;
  const b = d.b as Record<string, unknown>;
  const keys = Object.keys(b).filter((k) => a[k] !== b[k]);
  const show = (v: unknown) => (v === null || v === undefined ? '(none)' : typeof v === 'string' ? JSON.stringify(v) : String(v));
  return `changed   ${what}: ${keys.map((k) => `${k} ${show(a[k])} → ${show(b[k])}`).join('; ')}`;
}

/** The text report: one line per view (diffs indented under changed views), then a summary. */
export function renderSpecDiff(d: SpecDiff): string {
  const out: string[] = [`--- ${d.a.file} (spec_hash ${short(d.a.spec_hash)})`, `+++ ${d.b.file} (spec_hash ${short(d.b.spec_hash)})`];
  for (const v of d.views) {
    switch (v.status) {
      case 'unchanged':
        out.push(`unchanged ${v.name}`);
        break;
      case 'added':
        out.push(`added     ${v.name} ${short(v.signature_b)}${v.same_plan_as ? ` (same plan as removed view ${v.same_plan_as})` : ''}`);
        break;
      case 'removed':
        out.push(`removed   ${v.name} ${short(v.signature_a)}`);
        break;
      case 'changed': {
        const why = v.definition_changed ? 'definition changed' : `impacted through ${v.upstream_changed!.join(', ')}`;
        out.push(`changed   ${v.name} ${short(v.signature_a)} → ${short(v.signature_b)} (${why})`);
        if (v.plan_diff) out.push(...v.plan_diff.trimEnd().split('\n').map((l) => `    ${l}`));
        break;
      }
      default:
        break;
    }
  }
  for (const decl of d.declarations) out.push(declText(decl));
  const s = d.summary;
  out.push(`views: ${s.changed} changed (${s.changed - s.impacted} by definition, ${s.impacted} downstream impacted${d.impacted.length > 0 ? `: ${d.impacted.join(', ')}` : ''}), ${s.added} added, ${s.removed} removed, ${s.unchanged} unchanged`);
  return `${out.join('\n')}\n`;
}
