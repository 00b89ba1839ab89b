// Small hand-written tables for the construct corpus: NULLs in every nullable column, mixed
// case and LIKE metacharacters in text, negative and repeated numbers, an int64 column whose
// sum overflows int64, a department without employees and an employee without a department.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { field, T, type InputDecl, type Schema } from '../../src/ir/index.ts';

export const EXTRA_SCHEMAS: Readonly<Record<string, Schema>> = {
  emp: [
    field('id', T.int32), field('name', T.utf8), field('dept_id', T.int32, true), field('salary', T.decimal(10, 2), true),
    field('hired', T.date, true), field('manager_id', T.int32, true), field('bonus', T.float64, true), field('active', T.bool),
    field('big', T.int64),
  ],
  dept: [field('id', T.int32), field('name', T.utf8), field('budget', T.decimal(12, 2), true), field('region', T.utf8, true)],
};

const EMP = `id,name,dept_id,salary,hired,manager_id,bonus,active,big
1,alice,10,5000.00,2019-03-01,,0.5,true,9000000000000000000
2,Bob,10,4200.50,2020-07-15,1,,true,9000000000000000000
3,CAROL,20,,2018-01-20,1,1.25,false,-5
4,dave,20,3900.00,,3,0.0,true,7
5,Eve,,6100.75,2021-11-30,1,2.5,false,0
6,o'neil,30,4200.50,2017-05-05,3,,true,12
7,frank%,10,-100.00,2022-02-28,2,-1.5,true,-3
8,Grace,40,7300.00,2016-12-31,,3.0,true,1
9,heidi,20,3900.00,2020-02-29,4,0.75,false,2
10,Ivan,30,,2019-03-01,6,,true,5
`;

const DEPT = `id,name,budget,region
10,Engineering,100000.00,EU
20,Sales,50000.00,US
30,Support,,EU
50,Research,75000.00,
`;

export function writeExtra(dir: string): InputDecl[] {
  writeFileSync(join(dir, 'emp.csv'), EMP);
  writeFileSync(join(dir, 'dept.csv'), DEPT);
  return Object.entries(EXTRA_SCHEMAS).map(([name, schema]) => ({ name, path: join(dir, `${name}.csv`), format: 'csv', schema }));
}
