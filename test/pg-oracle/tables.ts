// The probe tables: few rows, chosen for edges — NULL in every nullable column, negative
// dividends and divisors, .5 ties for rounding (numeric and float), ties for ranking, month ends
// and leap days, mixed case, LIKE metacharacters, trailing blanks and the empty string, int64
// values whose sum leaves int64, NULL and duplicate join keys.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { field, T, type InputDecl, type Rel, type Schema } from '../../src/ir/index.ts';
import type { Catalog } from '../../src/sql/index.ts';
import { corpusCatalog } from '../tpch/schema.ts';

export const PROBE_SCHEMAS: Readonly<Record<string, Schema>> = {
  p: [
    field('id', T.int32), field('i', T.int32, true), field('j', T.int32, true), field('b', T.int64, true), field('n', T.decimal(10, 2), true),
    field('f', T.float64, true), field('s', T.utf8, true), field('d', T.date, true), field('flag', T.bool, true),
  ],
  q: [field('k', T.int32, true), field('v', T.utf8, true)],
};

// `""` is the empty string, an empty field NULL (RFC 4180 as relc and PostgreSQL read CSV).
const P = `id,i,j,b,n,f,s,d,flag
1,7,2,9000000000000000000,2.50,2.5,abc,2020-01-31,true
2,-7,2,9000000000000000000,-2.50,-2.5,ABC,2020-02-29,false
3,7,-2,-9223372036854775807,0.05,0.5,a_c,2019-12-31,
4,-7,-2,5,1.15,1.5,a%c,2021-03-31,true
5,,3,,,,,,
6,0,3,0,-0.05,-0.5,"",2000-02-29,false
7,7,,1,3.45,3.5,Abc ,1999-12-31,true
8,5,3,1,2.50,2.5,abc,2020-01-31,true
`;

const Q = `k,v
1,one
1,uno
2,two
,nokey
4,four
-2,minus
`;

export function writeProbeTables(dir: string): InputDecl[] {
  writeFileSync(join(dir, 'p.csv'), P);
  writeFileSync(join(dir, 'q.csv'), Q);
  return Object.entries(PROBE_SCHEMAS).map(([name, schema]) => ({ name, path: join(dir, `${name}.csv`), format: 'csv', schema }));
}

/** The probe tables plus the corpus catalog (TPC-H names, emp, dept). */
export const probeCatalog: Catalog = {
  resolve: (name: string): Rel | undefined =>
    Object.hasOwn(PROBE_SCHEMAS, name) ? { kind: 'scan', table: name, schema: PROBE_SCHEMAS[name]! } : corpusCatalog.resolve(name),
  names: () => [...Object.keys(PROBE_SCHEMAS), ...corpusCatalog.names()],
};
