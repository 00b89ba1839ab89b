import { transpileQuery } from '/work/wt/i12-json/src/run/compose/transpile.ts';
import { probeCatalog } from '/work/wt/i12-json/test/pg-oracle/tables.ts';
const qs = process.argv.slice(2);
for (const sql of qs) for (const to of ['duckdb','sqlite','postgres'] as const) {
  try { console.log(to, transpileQuery(sql, { from: 'postgres', to, catalog: probeCatalog, optimize: true }).text); } catch (e) { console.log(to, 'ERR', (e as any).code, (e as Error).message); }
}
