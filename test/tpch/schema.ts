// The TPC-H schema (8 tables) as relc input declarations, and a catalog over them.

import { field, T, type InputDecl, type Rel, type Schema } from '../../src/ir/index.ts';
import type { Catalog } from '../../src/sql/index.ts';
import { EXTRA_SCHEMAS } from './extra.ts';

const money = T.decimal(15, 2);
const key = T.int32;

export const TPCH_SCHEMAS: Readonly<Record<string, Schema>> = {
  region: [field('r_regionkey', key), field('r_name', T.utf8), field('r_comment', T.utf8)],
  nation: [field('n_nationkey', key), field('n_name', T.utf8), field('n_regionkey', key), field('n_comment', T.utf8)],
  part: [
    field('p_partkey', key), field('p_name', T.utf8), field('p_mfgr', T.utf8), field('p_brand', T.utf8), field('p_type', T.utf8),
    field('p_size', T.int32), field('p_container', T.utf8), field('p_retailprice', money), field('p_comment', T.utf8),
  ],
  supplier: [
    field('s_suppkey', key), field('s_name', T.utf8), field('s_address', T.utf8), field('s_nationkey', key), field('s_phone', T.utf8),
    field('s_acctbal', money), field('s_comment', T.utf8),
  ],
  partsupp: [field('ps_partkey', key), field('ps_suppkey', key), field('ps_availqty', T.int32), field('ps_supplycost', money), field('ps_comment', T.utf8)],
  customer: [
    field('c_custkey', key), field('c_name', T.utf8), field('c_address', T.utf8), field('c_nationkey', key), field('c_phone', T.utf8),
    field('c_acctbal', money), field('c_mktsegment', T.utf8), field('c_comment', T.utf8),
  ],
  orders: [
    field('o_orderkey', T.int64), field('o_custkey', key), field('o_orderstatus', T.utf8), field('o_totalprice', money), field('o_orderdate', T.date),
    field('o_orderpriority', T.utf8), field('o_clerk', T.utf8), field('o_shippriority', T.int32), field('o_comment', T.utf8),
  ],
  lineitem: [
    field('l_orderkey', T.int64), field('l_partkey', key), field('l_suppkey', key), field('l_linenumber', T.int32), field('l_quantity', money),
    field('l_extendedprice', money), field('l_discount', money), field('l_tax', money), field('l_returnflag', T.utf8), field('l_linestatus', T.utf8),
    field('l_shipdate', T.date), field('l_commitdate', T.date), field('l_receiptdate', T.date), field('l_shipinstruct', T.utf8),
    field('l_shipmode', T.utf8), field('l_comment', T.utf8),
  ],
};

export const TPCH_TABLES = Object.keys(TPCH_SCHEMAS);

export function tpchInputs(dir: string): InputDecl[] {
  return TPCH_TABLES.map((name) => ({ name, path: `${dir}/${name}.csv`, format: 'csv', schema: TPCH_SCHEMAS[name]! }));
}

export const tpchCatalog: Catalog = {
  resolve: (name: string): Rel | undefined => (Object.hasOwn(TPCH_SCHEMAS, name) ? { kind: 'scan', table: name, schema: TPCH_SCHEMAS[name]! } : undefined),
  names: () => TPCH_TABLES,
};

/** TPC-H plus the corpus tables (emp, dept). */
export const corpusCatalog: Catalog = {
  resolve: (name: string): Rel | undefined => {
    const schema = Object.hasOwn(TPCH_SCHEMAS, name) ? TPCH_SCHEMAS[name] : Object.hasOwn(EXTRA_SCHEMAS, name) ? EXTRA_SCHEMAS[name] : undefined;
    return schema && { kind: 'scan', table: name, schema };
  },
  names: () => [...TPCH_TABLES, ...Object.keys(EXTRA_SCHEMAS)],
};

/** PostgreSQL runs Q17/Q20's correlated subqueries as written (a nested loop per outer row): the oracle indexes their keys. */
export const TPCH_PG_INDEXES: readonly string[] = [
  'CREATE INDEX ON lineitem (l_partkey, l_suppkey)',
  'CREATE INDEX ON lineitem (l_orderkey)',
  'CREATE INDEX ON partsupp (ps_partkey, ps_suppkey)',
  'CREATE INDEX ON orders (o_custkey)',
];
