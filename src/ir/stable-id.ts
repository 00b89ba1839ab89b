// stable_id computed in JS, exactly as the engines compute it (CONTRACTS.md "stable_id"), for
// code that makes ids outside SQL (the extractor) and must agree with the rules' stable_id.

import { createHash } from 'node:crypto';

/** A stable_id argument: utf8 text, an integer, a boolean or NULL. */
export type StableIdArg = string | number | bigint | boolean | null;

function piece(v: StableIdArg): string {
  if (v === null) return 'n';
  if (typeof v === 'number' && !Number.isInteger(v)) throw new TypeError(`stable_id takes integers, not ${v}`);
  return `v${String(v)}`;
}

/** stable_id(a, b, …): lowercase hex of the first 16 bytes of SHA-256 over the U+001F-joined pieces. */
export function stableId(...args: readonly StableIdArg[]): string {
  return createHash('sha256').update(args.map(piece).join('\u001f'), 'utf8').digest('hex').slice(0, 32);
}
