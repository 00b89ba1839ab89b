import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSpark } from './test/support/spark.ts';
import { transpileQuery } from './src/run/compose/transpile.ts';
import { probeCatalog } from './test/pg-oracle/tables.ts';
import { readCorpus } from './test/tpch/corpus.ts';
const dir = 'test/pg-oracle';
const probes = readdirSync(dir).filter((f) => /^probes.*\.sql$/.test(f)).flatMap((f) => readCorpus(join(dir, f)));
const s = await openSpark();
for (const a of process.argv.slice(2)) {
  const p = probes.find((x) => x.name === a);
  const qs = p ? [true, false].map((o) => transpileQuery(p.sql, { from: 'postgres', to: 'spark', catalog: probeCatalog, optimize: o }).text) : [a];
  for (const q of qs) {
    console.log(q);
    try { console.log(JSON.stringify(await s.query(q))); } catch (e) { console.log('ERR', (e as Error).message.slice(0, 300)); }
  }
}
s.close();
