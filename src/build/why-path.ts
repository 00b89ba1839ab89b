// `relc why BUNDLE --path --from Q --to Q`: the shortest chain of winning call edges from one
// def to another, computed by the rule pack packs/python-cpg/why-path.yaml (a recursive rule
// over the bundle's cpg_edges / cpg_nodes), each edge then explained as `relc why` does.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RelcError } from '../ir/index.ts';
import { prepareProgram } from '../run/compose/compile.ts';
import { loadRunnable } from '../run/execute/execute.ts';
import { runProgram } from '../run/execute/run-program.ts';
import { why, type WhyReport } from './why.ts';

export const WHY_PATH_PACK = fileURLToPath(new URL('../../packs/python-cpg/why-path.yaml', import.meta.url));

export interface WhyPathReport {
  readonly from: string;
  readonly to: string;
  /** The chain's edges from `from` to `to`, each explained. */
  readonly edges: readonly WhyReport[];
}

export async function whyPath(bundle: string, from: string, to: string, opts: { maxHops?: number } = {}): Promise<WhyPathReport> {
  const outputs = path.join(bundle, 'outputs');
  if (!existsSync(path.join(outputs, 'cpg_edges.parquet')) || !existsSync(path.join(outputs, 'cpg_nodes.parquet'))) {
    throw new RelcError('INPUT_NOT_FOUND', `${bundle} is not a relc build bundle (no outputs/cpg_edges.parquet or outputs/cpg_nodes.parquet)`, { details: { path: path.resolve(bundle) } });
  }
  const { program, specHash, compiled } = await loadRunnable(WHY_PATH_PACK);
  const prepared = await prepareProgram(program, { optimize: true, disable: [] }, compiled);
  const params: Record<string, string> = { from_name: from, to_name: to, ...(opts.maxHops === undefined ? {} : { max_hops: String(opts.maxHops) }) };
  const run = await runProgram(prepared.program, { backend: 'duckdb', specDir: outputs, specHash, params, signatures: prepared.signatures, collect: 'all' });
  const out = run.outputs.find((o) => o.name === 'why_path')!;
  const edgeAt = out.schema.findIndex((f) => f.name === 'edge_id');
  const data = out.data ?? [];
  if (data.length === 0) {
    throw new RelcError('UNKNOWN_RELATION', `${bundle} has no chain of calls from ${from} to ${to} within ${params['max_hops'] ?? 'max_hops'} hops (is each a qualified name of the graph?)`, { details: { from, to } });
  }
  const edges: WhyReport[] = [];
  for (const row of data) edges.push(...(await why(bundle, { edgeId: row[edgeAt] as string })));
  return { from, to, edges };
}

export function renderWhyPath(r: WhyPathReport): string {
  const lines = [`${r.from} reaches ${r.to} in ${r.edges.length} call${r.edges.length === 1 ? '' : 's'}:`];
  r.edges.forEach((e, i) => {
    lines.push(`  ${i + 1}. ${e.src} -> ${e.dst}  [edge ${e.edge_id}, ${e.origin_rule}]`);
    if (e.site.path) lines.push(`     at ${e.site.path}:${e.site.line ?? '?'}${e.site.source_line ? `    ${e.site.source_line}` : ''}`);
  });
  lines.push('(relc why BUNDLE EDGE_ID explains one edge: its rules, input rows and competing candidates)');
  return lines.join('\n');
}
