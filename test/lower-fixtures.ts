// Shared fixtures of the SQL-lowering tests: small tables with NULLs, duplicates and negatives,
// and terse builders for typed IR expressions (result types resolved through the registry).

import { E, T, field, resolveCall, typeOf, type DataType, type Expr, type LiteralValue, type Rel, type Schema } from '../src/ir/index.ts';
import type { Table } from './lower-engines.ts';

export const NUMS: Table = {
  name: 'nums',
  schema: [
    field('a', T.int32, true), field('b', T.int32, true), field('big', T.int64, true), field('x', T.float64, true), field('y', T.float64, true),
    field('d', T.decimal(10, 3), true), field('e', T.decimal(10, 3), true), field('s', T.utf8, true), field('t', T.utf8, true),
    field('dt', T.date, true), field('ts', T.timestamp, true), field('flag', T.bool, true),
  ],
  rows: [
    [-7, 2, '9007199254740993', 2.5, -0.5, '2.675', '-2.500', 'ABC', 'a%', '2024-01-31', '2024-02-29 10:30:05.500000', true],
    [7, 0, '-9223372036854775807', -2.5, 0.125, '-2.675', '0.000', 'abc', '\\%', '2023-03-31', '1999-12-31 23:59:59.999999', false],
    [null, -3, null, null, 3.5, null, '0.500', null, '', null, null, null],
    [0, null, '0', 1e20, 1.5, '-0.005', '1.005', 'héllo wörld', '_é%', '2000-02-29', '2024-01-01 00:00:00.000000', false],
  ],
};

export const PEOPLE: Table = {
  name: 'people',
  schema: [field('id', T.int64), field('name', T.utf8), field('team_id', T.int64, true), field('score', T.float64, true), field('dept', T.utf8, true), field('pay', T.decimal(10, 2), true)],
  rows: [
    ['1', 'Ann', '10', 0.5, 'eng', '1200.50'],
    ['2', 'bob', '10', 2.5, 'eng', '999.99'],
    ['3', 'Cé', '20', -1.5, 'ops', null],
    ['4', 'dan', null, null, null, '0.01'],
    ['5', 'Ann', '30', 3.5, 'ops', '-50.25'],
    ['6', 'eve', '20', 2.5, 'eng', '1200.50'],
    ['7', 'bob', '10', 2.5, 'eng', '999.99'],
  ],
};

export const TEAMS: Table = {
  name: 'teams',
  schema: [field('id', T.int64), field('name', T.utf8), field('budget', T.int64, true)],
  rows: [
    ['10', 'core', '9223372036854775807'],
    ['20', 'infra', '9223372036854775807'],
    ['20', 'infra-2', null],
    ['40', 'lab', '-5'],
  ],
};

export const scanOf = (t: Table): Rel => ({ kind: 'scan', table: t.name, schema: t.schema });

/** Expression builders over one input schema. */
export function builders(schema: Schema) {
  const col = (name: string): Expr => {
    const i = schema.findIndex((f) => f.name === name);
    if (i < 0) throw new Error(`no column ${name}`);
    return E.col(i);
  };
  const type = (e: Expr): DataType => typeOf(e, schema).type;
  const call = (fn: string, ...args: Expr[]): Expr => E.call(fn, args, resolveCall(fn, args.map(type)).returns);
  const lit = (t: DataType, v: LiteralValue): Expr => E.lit(t, v);
  const i32 = (v: number) => lit(T.int32, v);
  const str = (v: string) => lit(T.utf8, v);
  const cast = (e: Expr, t: DataType): Expr => E.cast(e, t);
  const like = (e: Expr, pattern: Expr, opts: { escape?: string | null; negated?: boolean; ci?: boolean } = {}): Expr =>
    ({ kind: 'like', expr: e, pattern, escape: opts.escape ?? null, negated: opts.negated ?? false, caseInsensitive: opts.ci ?? false });
  return { col, type, call, lit, i32, str, cast, like };
}
