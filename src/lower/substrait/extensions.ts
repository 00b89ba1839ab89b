// Collects the extension files and function declarations a plan uses, handing out anchors in
// first-use order (from 1: anchor 0 is legal but consumers warn about it), and binds a call to
// the declaration whose compound signature accepts its argument types.

import { RelcError } from '../../ir/index.ts';
import {
  extensionFile, IMPLEMENTATIONS_BY_NAME,
  type ImplSignature, type SType, type SubstraitPlan,
} from '../../substrait-proto/index.ts';
import { unsupportedBy, type SubstraitConsumer } from './consumers.ts';
import { shortTypeName } from './types.ts';

function argMatches(pattern: string, t: SType): boolean {
  return pattern === 'any' || pattern === shortTypeName(t);
}

function implAccepts(impl: ImplSignature, args: readonly SType[]): boolean {
  if (impl.variadic) {
    if (args.length < impl.args.length) return false;
    return args.every((a, i) => argMatches(impl.args[Math.min(i, impl.args.length - 1)]!, a));
  }
  return impl.args.length === args.length && args.every((a, i) => argMatches(impl.args[i]!, a));
}

/**
 * The implementation of `name` that accepts `args`: standard extension files first (the one
 * the registry names is preferred), relc's own extension last. Nothing matching is an error,
 * never a silent substitution.
 */
export function bindFunction(name: string, preferredStem: string, args: readonly SType[]): ImplSignature {
  const impls = IMPLEMENTATIONS_BY_NAME.get(name) ?? [];
  const ordered = [...impls.filter((i) => i.stem === preferredStem), ...impls.filter((i) => i.stem !== preferredStem)];
  const hit = ordered.find((i) => implAccepts(i, args));
  if (!hit) {
    const shown = `${name}:${args.map(shortTypeName).join('_')}`;
    throw new RelcError('BACKEND_UNSUPPORTED', `no Substrait extension declares ${shown} (standard files or relc's functions_relc.yaml)`, {
      details: { function: name, signature: shown },
    });
  }
  return hit;
}

/** Anchors for extension files and function declarations of one plan. */
export class ExtensionCollector {
  constructor(private readonly consumer: SubstraitConsumer) {}

  private readonly files = new Map<string, number>();
  private readonly functions = new Map<string, { anchor: number; impl: ImplSignature }>();
  private readonly typeUrls = new Set<string>();

  /** Records a google.protobuf.Any type URL the plan carries (Plan.expected_type_urls). */
  expectTypeUrl(url: string): void {
    this.typeUrls.add(url);
  }

  /** The function anchor of `impl`, declaring it (and its file) on first use. */
  anchor(impl: ImplSignature): number {
    const key = `${impl.stem}#${impl.compound}`;
    const known = this.functions.get(key);
    if (known) return known.anchor;
    const name = impl.compound.split(':')[0]!;
    if (this.consumer.functions && !this.consumer.functions.has(`${impl.stem}#${name}`)) {
      throw unsupportedBy(this.consumer, `function ${impl.compound}`, `${impl.stem}#${name} is not among the functions it converts`);
    }
    if (!this.files.has(impl.stem)) this.files.set(impl.stem, this.files.size + 1);
    const anchor = this.functions.size + 1;
    this.functions.set(key, { anchor, impl });
    return anchor;
  }

  private readonly chainLinks = new Set<number>();

  /**
   * The anchor of a second declaration of `impl` for the links of a binary chain (relc's
   * ChainedCalls), declared on first use.
   */
  chainAnchor(impl: ImplSignature): number {
    const key = `chain#${impl.stem}#${impl.compound}`;
    const known = this.functions.get(key);
    if (known) return known.anchor;
    this.anchor(impl);
    const anchor = this.functions.size + 1;
    this.functions.set(key, { anchor, impl });
    this.chainLinks.add(anchor);
    return anchor;
  }

  /** The anchors handed out by chainAnchor, ascending. */
  chainAnchors(): number[] {
    return [...this.chainLinks].sort((a, b) => a - b);
  }

  /** The simple name (before the `:`) of the function declared at `anchor`. */
  nameAt(anchor: number): string | undefined {
    for (const f of this.functions.values()) if (f.anchor === anchor) return f.impl.compound.split(':')[0];
    return undefined;
  }

  /** The plan's extension URIs, URNs (same anchors), function declarations and expected Any type URLs. */
  declarations(): Pick<SubstraitPlan, 'extensionUris' | 'extensionUrns' | 'extensions' | 'expectedTypeUrls'> {
    const files = [...this.files.entries()];
    return {
      ...(this.typeUrls.size ? { expectedTypeUrls: [...this.typeUrls].sort() } : {}),
      extensionUris: files.map(([stem, anchor]) => ({ extensionUriAnchor: anchor, uri: extensionFile(stem).uri })),
      extensionUrns: files.map(([stem, anchor]) => ({ extensionUrnAnchor: anchor, urn: extensionFile(stem).urn })),
      extensions: [...this.functions.values()].map(({ anchor, impl }) => {
        const file = this.files.get(impl.stem)!;
        return { extensionFunction: { extensionUriReference: file, extensionUrnReference: file, functionAnchor: anchor, name: impl.compound } };
      }),
    };
  }
}
