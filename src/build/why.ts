// `relc why <bundle> <edge_id>` (or `--from QNAME --to QNAME`): for an edge of a built graph,
// the rules that produced it (the edge's trail: each rewrite's rule and the input row it used,
// with file, line and the source line), the other candidates of its ambiguity group and why the
// winner won. Reads the bundle's outputs and input tables with DuckDB.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openBackend } from '../backends/index.ts';
import { parseTypeString, RelcError, type InputDecl, type Schema } from '../ir/index.ts';
import { INPUT_TABLES, type TableName } from '../extract/tables.ts';

export interface WhyStep {
  readonly rule: string;
  readonly evidence_id: string | null;
  readonly table: string | null;
  readonly path: string | null;
  readonly line: number | null;
  readonly text: string | null;
  readonly source_line: string | null;
}

export interface WhyCandidate {
  readonly edge_id: string;
  readonly dst: string;
  readonly rank: number;
  readonly is_winner: boolean;
  readonly confidence: number;
}

export interface WhyReport {
  readonly edge_id: string;
  readonly kind: string;
  readonly src: string;
  readonly dst: string;
  readonly origin_rule: string;
  readonly confidence: number;
  readonly rank: number;
  readonly is_winner: boolean;
  readonly ambiguity_group_id: string;
  readonly site: { readonly path: string | null; readonly line: number | null; readonly source_line: string | null };
  readonly steps: readonly WhyStep[];
  readonly candidates: readonly WhyCandidate[];
  readonly winner_order: string;
}

/** The tables an evidence id can name, with the id column and a text column to show. */
const EVIDENCE: readonly { table: TableName; id: string; text: string; line: string }[] = [
  { table: 'defs', id: 'def_id', text: 'qualified_name', line: 'line' },
  { table: 'imports', id: 'import_id', text: 'module_text', line: 'line' },
  { table: 'assignments', id: 'assign_id', text: 'value_text', line: 'line' },
  { table: 'returns', id: 'return_id', text: 'value_text', line: 'line' },
  { table: 'calls', id: 'call_id', text: 'callee_text', line: 'line' },
  { table: 'decorators', id: 'node_id', text: 'text', line: 'line' },
];

const WINNER_ORDER = 'rank 1 under: fewest steps into base classes, then the target qualified name, then its id (calls); base position order (inherits)';
const text = (name: string): Schema[number] => ({ name, type: { kind: 'utf8' }, nullable: true });

/** An extracted table as the declared input the bundle's `inputs/<table>.jsonl` holds. */
function inputDecl(table: TableName): InputDecl {
  const schema = Object.entries(INPUT_TABLES[table]).map(([name, ty]) => ({ name, ...parseTypeString(ty)! }));
  return { name: table, path: `${table}.jsonl`, format: 'jsonl', schema };
}

export interface WhyQuery {
  readonly edgeId?: string;
  readonly from?: string;
  readonly to?: string;
}

export async function why(bundle: string, q: WhyQuery): Promise<WhyReport[]> {
  const out = (n: string) => path.join(bundle, 'outputs', `${n}.parquet`);
  if (!existsSync(out('cpg_edges')) || !existsSync(path.join(bundle, 'build.json'))) {
    throw new RelcError('INPUT_NOT_FOUND', `${bundle} is not a relc build bundle (no outputs/cpg_edges.parquet or build.json)`, { details: { path: path.resolve(bundle) } });
  }
  const build = JSON.parse(readFileSync(path.join(bundle, 'build.json'), 'utf8')) as { source_dir?: string };
  const backend = await openBackend('duckdb', {});
  try {
    await backend.exec('CREATE TABLE e AS SELECT * FROM read_parquet($1)', [out('cpg_edges')]);
    await backend.exec('CREATE TABLE n AS SELECT * FROM read_parquet($1)', [out('cpg_nodes')]);
    const cols = ['edge_id', 'kind', 'src', 'dst', 'origin_rule', 'confidence', 'rank', 'is_winner', 'ambiguity_group_id', 'path', 'line', 'trail'];
    const select = `SELECT e.edge_id, e.kind, s.qualified_name, d.qualified_name, e.origin_rule, CAST(e.confidence AS VARCHAR), CAST(e.rank AS VARCHAR),
      CAST(e.is_winner AS VARCHAR), e.ambiguity_group_id, e.path, CAST(e.line AS VARCHAR), e.trail
      FROM e JOIN n AS s ON s.node_id = e.src_id JOIN n AS d ON d.node_id = e.dst_id`;
    const rows = q.edgeId !== undefined
      ? await backend.query(`${select} WHERE e.edge_id = $1`, [q.edgeId], cols.map(text))
      : await backend.query(`${select} WHERE s.qualified_name = $1 AND d.qualified_name = $2 ORDER BY e.kind, e.edge_id`, [q.from ?? '', q.to ?? ''], cols.map(text));
    if (rows.length === 0) {
      const what = q.edgeId !== undefined ? `edge ${q.edgeId}` : `an edge from ${q.from} to ${q.to}`;
      throw new RelcError('UNKNOWN_RELATION', `${bundle} has no ${what}`, { details: { ...q } });
    }
    for (const t of [...EVIDENCE.map((x) => x.table), 'files' as const]) {
      await backend.loadInput(inputDecl(t), path.join(bundle, 'inputs', `${t}.jsonl`));
    }
    const evidenceSql = EVIDENCE.map((t) => `SELECT '${t.table}' AS t, x."${t.id}" AS id, fl.path, CAST(x."${t.line}" AS VARCHAR), CAST(x."${t.text}" AS VARCHAR), fl.content_hash FROM "${t.table}" x JOIN files AS fl ON fl.file_id = x.file_id`).join(' UNION ALL ');
    const sources = new Map<string, string[] | null>();
    const sourceLine = (p: string | null, line: number | null, hash?: string | null): string | null => {
      if (p === null || line === null || !build.source_dir) return null;
      if (!sources.has(p)) {
        const abs = path.join(build.source_dir, p);
        let lines: string[] | null = null;
        if (existsSync(abs)) {
          const bytes = readFileSync(abs);
          lines = hash && createHash('sha256').update(bytes).digest('hex') !== hash ? null : bytes.toString('utf8').split('\n');
        }
        sources.set(p, lines);
      }
      return sources.get(p)?.[line - 1]?.trim() ?? null;
    };
    const reports: WhyReport[] = [];
    for (const r of rows) {
      const [edgeId, kind, src, dst, origin, conf, rank, winner, group, p, line, trail] = r as (string | null)[];
      const tokens = (trail ?? '').trim().split(/\s+/).filter(Boolean).map((tok) => {
        const at = tok.lastIndexOf('@');
        return { rule: at < 0 ? tok : tok.slice(0, at), id: at < 0 ? '' : tok.slice(at + 1) };
      });
      const ids = tokens.map((t) => t.id).filter(Boolean);
      const found = new Map<string, (string | null)[]>();
      if (ids.length) {
        const ev = await backend.query(`SELECT * FROM (${evidenceSql}) WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`, ids, ['t', 'id', 'path', 'line', 'text', 'hash'].map(text));
        for (const row of ev) if (!found.has(row[1] as string)) found.set(row[1] as string, row as (string | null)[]);
      }
      const steps: WhyStep[] = tokens.map((t) => {
        const ev = found.get(t.id);
        const ln = ev?.[3] != null ? Number(ev[3]) : null;
        return { rule: t.rule, evidence_id: t.id || null, table: ev?.[0] ?? null, path: ev?.[2] ?? null, line: ln, text: ev?.[4] ?? null, source_line: sourceLine(ev?.[2] ?? null, ln, ev?.[5]) };
      });
      const cand = await backend.query(`SELECT e.edge_id, d.qualified_name, CAST(e.rank AS VARCHAR), CAST(e.is_winner AS VARCHAR), CAST(e.confidence AS VARCHAR)
        FROM e JOIN n AS d ON d.node_id = e.dst_id WHERE e.ambiguity_group_id = $1 ORDER BY e.rank, e.edge_id`, [group!], ['edge_id', 'dst', 'rank', 'w', 'c'].map(text));
      const fileHash = p ? ((await backend.query('SELECT content_hash FROM files WHERE path = $1', [p], [text('h')]))[0]?.[0] as string | undefined) : undefined;
      reports.push({
        edge_id: edgeId!, kind: kind!, src: src!, dst: dst!, origin_rule: origin!, confidence: Number(conf), rank: Number(rank), is_winner: winner === 'true',
        ambiguity_group_id: group!, site: { path: p, line: line === null ? null : Number(line), source_line: sourceLine(p, line === null ? null : Number(line), fileHash) },
        steps, candidates: cand.map((c) => ({ edge_id: c[0] as string, dst: c[1] as string, rank: Number(c[2]), is_winner: c[3] === 'true', confidence: Number(c[4]) })),
        winner_order: WINNER_ORDER,
      });
    }
    return reports;
  } finally {
    await backend.close();
  }
}

export function renderWhy(r: WhyReport): string {
  const out: string[] = [];
  out.push(`edge ${r.edge_id}: ${r.kind} ${r.src} -> ${r.dst}`);
  out.push(`  origin_rule ${r.origin_rule} · confidence ${r.confidence} · rank ${r.rank}${r.is_winner ? ' (winner)' : ''}`);
  if (r.site.path) out.push(`  at ${r.site.path}:${r.site.line ?? '?'}${r.site.source_line ? `    ${r.site.source_line}` : ''}`);
  if (r.steps.length) {
    out.push('  rules, in order:');
    r.steps.forEach((s, i) => {
      const where = s.path ? ` ${s.path}:${s.line ?? '?'}` : '';
      const row = s.table ? ` [${s.table} ${s.evidence_id}]` : s.evidence_id ? ` [${s.evidence_id}]` : '';
      out.push(`    ${i + 1}. ${s.rule}${where}${s.source_line ? `    ${s.source_line}` : s.text ? `    ${s.text}` : ''}${row}`);
    });
  }
  out.push(`  ambiguity group ${r.ambiguity_group_id}: ${r.candidates.length} candidate${r.candidates.length === 1 ? '' : 's'}`);
  for (const c of r.candidates) out.push(`    ${c.rank}. ${c.dst} · confidence ${c.confidence}${c.is_winner ? ' · winner' : ''}${c.edge_id === r.edge_id ? ' · this edge' : ''}`);
  out.push(`  winner: ${r.winner_order}`);
  return out.join('\n');
}
