import { transpileQuery } from '../src/run/compose/transpile.ts';
import { probeCatalog } from './pg-oracle/tables.ts';
import { readCorpus } from './tpch/corpus.ts';
for (const p of readCorpus('test/pg-oracle/probes-json.sql')) for (const to of ['duckdb','sqlite','postgres'] as const) {
  try { transpileQuery(p.sql, { from: 'postgres', to, catalog: probeCatalog, optimize: true }); } catch (e) { console.log(p.name, to, (e as any).code, (e as Error).message); }
}
