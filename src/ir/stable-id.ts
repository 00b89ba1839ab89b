// stable_id computed in JS, exactly as the engines compute it (CONTRACTS.md "stable_id"), for
// code that makes ids outside SQL (the extractor) and must agree with the rules' stable_id.

import * as crypto from 'node:crypto';

/** A stable_id argument: utf8 text, an integer, a boolean or NULL. */
export type StableIdArg = string | number | bigint | boolean | null;

function piece(v: StableIdArg): string {
  if (v === null) return 'n';
  if (typeof v === 'number' && !Number.isInteger(v)) throw new TypeError(`stable_id takes integers, not ${v}`);
  return `v${String(v)}`;
}

/**
 * SHA-256 of a string's UTF-8 bytes as hex. `crypto.hash` (Node ≥ 20.12) is one native call, about
 * twice as fast as a Hash object per id (the extractor makes one id per row); older Nodes keep the object.
 */
const sha256Hex: (s: string) => string = typeof crypto.hash === 'function'
  ? (s) => crypto.hash('sha256', s, 'hex')
  : (s) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/** stable_id(a, b, …): lowercase hex of the first 16 bytes of SHA-256 over the U+001F-joined pieces. */
export function stableId(...args: readonly StableIdArg[]): string {
  let s = args.length ? piece(args[0]!) : '';
  for (let i = 1; i < args.length; i++) s += `\u001f${piece(args[i]!)}`;
  return sha256Hex(s).slice(0, 32);
}
