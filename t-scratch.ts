import { transpileQuery } from './src/run/compose/transpile.ts';
import { probeCatalog } from './test/pg-oracle/tables.ts';
const sql = process.argv[2]!;
console.log(transpileQuery(sql, { from: 'postgres', to: (process.argv[3] ?? 'spark') as 'spark', catalog: probeCatalog, optimize: process.argv[4] !== 'noopt' }).text);
