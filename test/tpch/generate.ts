// A deterministic TPC-H data generator (seeded PRNG, small scale factors) writing the 8 tables
// as CSV. Distributions follow the TPC-H specification's shapes (value domains, date windows,
// price formulas, order status from line status); a few "anchor" rows make sure every one of
// the 22 queries has qualifying rows even at tiny scale factors.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from '../support/prng.ts';


const REGIONS = ['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST'];
const NATIONS: [string, number][] = [
  ['ALGERIA', 0], ['ARGENTINA', 1], ['BRAZIL', 1], ['CANADA', 1], ['EGYPT', 4], ['ETHIOPIA', 0], ['FRANCE', 3], ['GERMANY', 3],
  ['INDIA', 2], ['INDONESIA', 2], ['IRAN', 4], ['IRAQ', 4], ['JAPAN', 2], ['JORDAN', 4], ['KENYA', 0], ['MOROCCO', 0],
  ['MOZAMBIQUE', 0], ['PERU', 1], ['CHINA', 2], ['ROMANIA', 3], ['SAUDI ARABIA', 4], ['VIETNAM', 2], ['RUSSIA', 3],
  ['UNITED KINGDOM', 3], ['UNITED STATES', 1],
];
const COLORS = ('almond antique aquamarine azure beige bisque black blanched blue blush brown burlywood burnished chartreuse chiffon ' +
  'chocolate coral cornflower cornsilk cream cyan dark deep dim dodger drab firebrick floral forest frosted gainsboro ghost goldenrod ' +
  'green grey honeydew hot indian ivory khaki lace lavender lawn lemon light lime linen magenta maroon medium metallic midnight mint ' +
  'misty moccasin navajo navy olive orange orchid pale papaya peach peru pink plum powder puff purple red rose rosy royal saddle salmon ' +
  'sandy seashell sienna sky slate smoke snow spring steel tan thistle tomato turquoise violet wheat white yellow').split(' ');
const TYPE1 = ['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'];
const TYPE2 = ['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'];
const TYPE3 = ['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'];
const CONT1 = ['SM', 'LG', 'MED', 'JUMBO', 'WRAP'];
const CONT2 = ['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'];
const SEGMENTS = ['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD'];
const PRIORITIES = ['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'];
const INSTRUCTIONS = ['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'];
const MODES = ['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'];
const WORDS = ('furiously carefully quickly slyly blithely final regular express pending ironic bold silent even special unusual ' +
  'deposits requests accounts packages ideas theodolites instructions foxes pinto beans platelets dependencies asymptotes').split(' ');

const START = Date.UTC(1992, 0, 1) / 86400000; // days since epoch
const END = Date.UTC(1998, 11, 31) / 86400000;
const CURRENT = Date.UTC(1995, 5, 17) / 86400000;

function day(d: number): string {
  return new Date(d * 86400000).toISOString().slice(0, 10);
}

function money(cents: number): string {
  const neg = cents < 0;
  const a = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export interface TpchCounts {
  readonly [table: string]: number;
}

/** Writes region … lineitem as `<dir>/<table>.csv` and returns the row counts. */
export function generateTpch(dir: string, opts: { scale?: number; seed?: number } = {}): TpchCounts {
  const sf = opts.scale ?? 0.01;
  const rnd = prng(opts.seed ?? 20240601);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const text = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  const phone = (nation: number) => `${nation + 10}-${int(100, 999)}-${int(100, 999)}-${digits(4)}`;
  const address = () => Array.from({ length: int(10, 25) }, () => pick([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '])).join('').trim() || 'x';

  mkdirSync(dir, { recursive: true });
  const counts: Record<string, number> = {};
  const write = (table: string, header: string[], rows: (string | number)[][]) => {
    writeFileSync(join(dir, `${table}.csv`), [header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n');
    counts[table] = rows.length;
  };

  write('region', ['r_regionkey', 'r_name', 'r_comment'], REGIONS.map((r, i) => [i, r, text(6)]));
  write('nation', ['n_nationkey', 'n_name', 'n_regionkey', 'n_comment'], NATIONS.map(([n, r], i) => [i, n, r, text(6)]));

  const S = Math.max(20, Math.round(10000 * sf));
  const P = Math.max(200, Math.round(200000 * sf));
  const C = Math.max(150, Math.round(150000 * sf));
  const O = Math.max(1500, Math.round(1500000 * sf));

  const suppliers = Array.from({ length: S }, (_, i) => {
    const k = i + 1;
    // Anchors: supplier 1 is Canadian (Q20), 2 Saudi (Q21), 3 German (Q11); every 25th complains (Q16).
    const nation = k === 1 ? 3 : k === 2 ? 20 : k === 3 ? 7 : int(0, 24);
    const comment = k % 25 === 0 ? `${text(2)} Customer ${text(1)} Complaints ${text(2)}` : text(8);
    return [k, `Supplier#${String(k).padStart(9, '0')}`, address(), nation, phone(nation), money(int(-99999, 999999)), comment];
  });
  write('supplier', ['s_suppkey', 's_name', 's_address', 's_nationkey', 's_phone', 's_acctbal', 's_comment'], suppliers);

  const retail: number[] = [];
  const parts = Array.from({ length: P }, (_, i) => {
    const k = i + 1;
    const m = int(1, 5);
    let name = Array.from({ length: 5 }, () => pick(COLORS)).join(' ');
    let brand = `Brand#${m}${int(1, 5)}`;
    let type = `${pick(TYPE1)} ${pick(TYPE2)} ${pick(TYPE3)}`;
    let size = int(1, 50);
    let container = `${pick(CONT1)} ${pick(CONT2)}`;
    // Anchors for Q2, Q8, Q17, Q19 (the three brand/container/size clauses) and Q20.
    if (k === 1) [brand, container, size] = ['Brand#12', 'SM CASE', 3];
    if (k === 2) [brand, container, size] = ['Brand#23', 'MED BOX', 5];
    if (k === 3) [brand, container, size] = ['Brand#34', 'LG BOX', 12];
    if (k === 4) [type, size] = ['ECONOMY ANODIZED STEEL', 7];
    if (k === 5) [type, size] = ['LARGE BRUSHED BRASS', 15];
    if (k === 6) name = `forest ${name.split(' ').slice(1).join(' ')}`;
    const cents = 90000 + (Math.floor(k / 10) % 20001) + 100 * (k % 1000);
    retail.push(cents);
    return [k, name, `Manufacturer#${m}`, brand, type, size, container, money(cents), text(3)];
  });
  write('part', ['p_partkey', 'p_name', 'p_mfgr', 'p_brand', 'p_type', 'p_size', 'p_container', 'p_retailprice', 'p_comment'], parts);

  // Four suppliers per part, spread as the specification's formula does.
  const suppliersOf = (p: number) => [0, 1, 2, 3].map((i) => ((p + i * (Math.floor(S / 4) + Math.floor((p - 1) / S))) % S) + 1);
  const partsupp: (string | number)[][] = [];
  for (let p = 1; p <= P; p++) {
    for (const s of suppliersOf(p)) partsupp.push([p, s, int(1, 9999), money(int(100, 100000)), text(10)]);
  }
  write('partsupp', ['ps_partkey', 'ps_suppkey', 'ps_availqty', 'ps_supplycost', 'ps_comment'], partsupp);


  const customers = Array.from({ length: C }, (_, i) => {
    const k = i + 1;
    const nation = int(0, 24);

    return [k, `Customer#${String(k).padStart(9, '0')}`, address(), nation, phone(nation), money(int(-99999, 999999)), pick(SEGMENTS), text(8)];
  });
  write('customer', ['c_custkey', 'c_name', 'c_address', 'c_nationkey', 'c_phone', 'c_acctbal', 'c_mktsegment', 'c_comment'], customers);

  const orders: (string | number)[][] = [];
  const lines: (string | number)[][] = [];
  for (let i = 1; i <= O; i++) {
    // Sparse order keys (the specification uses 8 of every 32); a third of customers never order.
    const orderkey = (Math.floor((i - 1) / 8) * 32 + ((i - 1) % 8) + 1) * 1_000_003; // beyond int32
    let cust = int(1, C);
    while (cust % 3 === 0) cust = int(1, C);
    const orderdate = int(START, END - 151);
    // Anchor: every 400th order is large (Q18's sum(l_quantity) > 300).
    const large = i % 400 === 0;
    const n = large ? 7 : int(1, 7);
    let total = 0;
    let open = 0;
    for (let l = 1; l <= n; l++) {
      const partkey = i <= 60 ? ((i - 1) % 6) + 1 : int(1, P);
      const suppkey = pick(suppliersOf(partkey));
      const quantity = large ? int(45, 50) : i <= 60 ? int(1, 25) : int(1, 50);
      const ext = quantity * retail[partkey - 1]!;
      const discount = int(0, 10);
      const tax = int(0, 8);
      const ship = orderdate + int(1, 121);
      const commit = orderdate + int(30, 90);
      const receipt = ship + int(1, 30);
      const returnflag = receipt <= CURRENT ? pick(['R', 'A']) : 'N';
      const linestatus = ship > CURRENT ? 'O' : 'F';
      if (linestatus === 'O') open++;
      total += Math.round((ext * (100 + tax) * (100 - discount)) / 10000);
      const instruct = i <= 60 ? 'DELIVER IN PERSON' : pick(INSTRUCTIONS);
      const mode = i <= 60 ? pick(['AIR', 'AIR REG']) : pick(MODES);
      lines.push([orderkey, partkey, suppkey, l, money(quantity * 100), money(ext), money(discount), money(tax), returnflag, linestatus, day(ship), day(commit), day(receipt), instruct, mode, text(4)]);
    }
    const status = open === 0 ? 'F' : open === n ? 'O' : 'P';
    const comment = i % 13 === 0 ? `${text(2)} special ${text(1)} requests ${text(2)}` : text(6);
    orders.push([orderkey, cust, status, money(total), day(orderdate), pick(PRIORITIES), `Clerk#${String(int(1, Math.max(1, Math.round(1000 * sf)))).padStart(9, '0')}`, 0, comment]);
  }
  write('orders', ['o_orderkey', 'o_custkey', 'o_orderstatus', 'o_totalprice', 'o_orderdate', 'o_orderpriority', 'o_clerk', 'o_shippriority', 'o_comment'], orders);
  write('lineitem', ['l_orderkey', 'l_partkey', 'l_suppkey', 'l_linenumber', 'l_quantity', 'l_extendedprice', 'l_discount', 'l_tax', 'l_returnflag', 'l_linestatus', 'l_shipdate', 'l_commitdate', 'l_receiptdate', 'l_shipinstruct', 'l_shipmode', 'l_comment'], lines);
  return counts;
}
