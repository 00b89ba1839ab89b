// Plan signatures: BLAKE3 over the canonical IR of a view, with every `ref` replaced by the
// signature of the view it names (a Merkle DAG: an upstream change changes every dependent).

import type { IHasher } from './blake3.ts';
import { canonicalJson } from './canonical.ts';
import { internal } from './errors.ts';
import type { Expr } from './expr.ts';
import type { Program, Rel } from './rel.ts';
import { children, exprChildren, mapExpr, mapRelExprs, relExprs, transformUp, withChildren } from './walk.ts';

let hasher: IHasher | undefined;

/** Loads the BLAKE3 WebAssembly module once; every other function here is synchronous after it.
 * hash-wasm itself loads here too, so what never hashes (transpile, --help) never loads it. */
export async function initHashing(): Promise<void> {
  if (hasher) return;
  const { createBLAKE3 } = await import('./blake3.ts');
  hasher ??= await createBLAKE3();
}

/** Lowercase hex BLAKE3-256 of UTF-8 text or bytes. Call `initHashing()` first. */
export function blake3Hex(data: string | Uint8Array): string {
  if (!hasher) throw internal('hashing used before initHashing()');
  hasher.init();
  hasher.update(data);
  return hasher.digest('hex');
}

/** The canonical form that is hashed: refs carry the referenced view's signature, not its name. */
export function canonicalForSigning(rel: Rel, signatures: ReadonlyMap<string, string>): string {
  const resolveRef = (r: Rel): Rel => {
    if (r.kind !== 'ref') return r;
    const sig = signatures.get(r.name);
    if (sig === undefined) throw internal(`signature of view ${r.name} requested before it was computed`);
    return { kind: 'ref', name: `sig:${sig}`, schema: r.schema };
  };
  const inSubqueries = (r: Rel): Rel =>
    !relExprs(r).some(rewritten) ? r : mapRelExprs(r, (e) => mapExpr(e, (x) => (x.kind === 'subquery' ? { ...x, rel: transformUp(x.rel, (y) => inSubqueries(resolveRef(y))) } : x)));
  return canonicalJson(anonymizeRecursions(transformUp(rel, (r) => inSubqueries(resolveRef(r)))));
}

/**
 * Whether mapping an expression for signing can change its canonical form: it holds a subquery
 * (whose refs are resolved), or a CASE without an `else` member (mapExpr writes it as null).
 * Everything else would only be copied, so it is hashed as it is.
 */
function rewritten(e: Expr): boolean {
  if (e.kind === 'subquery' || (e.kind === 'case' && e.else === undefined)) return true;
  return exprChildren(e).some(rewritten);
}

/** Recursion names (a rule's or CTE's name) replaced by their nesting depth: signatures do not depend on them. */
function anonymizeRecursions(rel: Rel, names: ReadonlyMap<string, string> = new Map()): Rel {
  if (rel.kind === 'recursive_ref') return { ...rel, name: names.get(rel.name) ?? rel.name };
  if (rel.kind === 'recursive') {
    const inner = new Map(names);
    inner.set(rel.name, `rec:${names.size}`);
    return { ...rel, name: `rec:${names.size}`, base: anonymizeRecursions(rel.base, names), step: anonymizeRecursions(rel.step, inner) };
  }
  return withChildren(rel, children(rel).map((c) => anonymizeRecursions(c, names)));
}

/** Signature of every view of a program (views must be in topological order). */
export function signViews(program: Pick<Program, 'views'>): Map<string, string> {
  const sigs = new Map<string, string>();
  for (const v of program.views) sigs.set(v.name, blake3Hex(canonicalForSigning(v.rel, sigs)));
  return sigs;
}

/** Short form of a hash for display (signatures, spec_hash, content_hash): the first 16 hex digits. */
export function shortSignature(sig: string): string {
  return sig.slice(0, 16);
}
