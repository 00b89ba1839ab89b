// Engine time (issue 13 item 3): TPC-H generated inside DuckDB with SQL (range() + hash()-based
// deterministic columns following test/tpch/generate.ts's value domains and test/tpch/schema.ts's
// types), then each of the 22 queries as written vs relc's transpiled SQL (postgres → duckdb,
// optimized), alternating, median of N runs; row counts must agree. SQLite: relc's optimized vs
// unoptimized SQL at a small scale factor. Figures only, no thresholds.
//
//   npm run bench engine -- --sf 0.1 --runs 3 --sqlite-sf 0.01 [--memory-limit 4GB]
//   (or env RELC_BENCH_SF, RELC_BENCH_RUNS, RELC_BENCH_SQLITE_SF, RELC_BENCH_MEMORY_LIMIT)

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { openBackend } from '../src/backends/index.ts';
import { schemaOf } from '../src/ir/index.ts';
import { tpchCatalog, tpchInputs } from '../test/tpch/schema.ts';

const lst = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
const REGIONS = ['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST'];
const NATIONS = ['ALGERIA', 'ARGENTINA', 'BRAZIL', 'CANADA', 'EGYPT', 'ETHIOPIA', 'FRANCE', 'GERMANY', 'INDIA', 'INDONESIA', 'IRAN', 'IRAQ', 'JAPAN', 'JORDAN', 'KENYA', 'MOROCCO', 'MOZAMBIQUE', 'PERU', 'CHINA', 'ROMANIA', 'SAUDI ARABIA', 'VIETNAM', 'RUSSIA', 'UNITED KINGDOM', 'UNITED STATES'];
const NATION_REGION = [0, 1, 1, 1, 4, 0, 3, 3, 2, 2, 4, 4, 2, 4, 0, 0, 0, 1, 2, 3, 4, 2, 3, 3, 1];
const COLORS = ('almond antique aquamarine azure beige bisque black blanched blue blush brown burlywood burnished chartreuse chiffon ' +
  'chocolate coral cornflower cornsilk cream cyan dark deep dim dodger drab firebrick floral forest frosted gainsboro ghost goldenrod ' +
  'green grey honeydew hot indian ivory khaki lace lavender lawn lemon light lime linen magenta maroon medium metallic midnight mint ' +
  'misty moccasin navajo navy olive orange orchid pale papaya peach peru pink plum powder puff purple red rose rosy royal saddle salmon ' +
  'sandy seashell sienna sky slate smoke snow spring steel tan thistle tomato turquoise violet wheat white yellow').split(' ');
const WORDS = ('furiously carefully quickly slyly blithely final regular express pending ironic bold silent even special unusual ' +
  'deposits requests accounts packages ideas theodolites instructions foxes pinto beans platelets dependencies asymptotes').split(' ');

/** The generator as SQL statements (deterministic: hash() of key and a per-column salt). */
export function tpchSql(sf: number): string[] {
  const S = Math.max(20, Math.round(10000 * sf));
  const P = Math.max(200, Math.round(200000 * sf));
  const C = Math.max(150, Math.round(150000 * sf));
  const O = Math.max(1500, Math.round(1500000 * sf));
  const clerks = Math.max(1, Math.round(1000 * sf));
  const money = (cents: string) => `(CAST(${cents} AS DECIMAL(18,0)) / 100)::DECIMAL(15,2)`;
  const day = (d: string) => `(DATE '1970-01-01' + CAST(${d} AS INTEGER))`;
  const START = Date.UTC(1992, 0, 1) / 86400000;
  const END = Date.UTC(1998, 11, 31) / 86400000;
  const CURRENT = Date.UTC(1995, 5, 17) / 86400000;
  const supp = (p: string, i: string) => `(((${p}) + (${i}) * (${Math.floor(S / 4)} + ((${p}) - 1) // ${S})) % ${S}) + 1`;
  return [
    `CREATE MACRO rnd(k, s, lo, hi) AS CAST(lo + (hash(k, s) % CAST(hi - lo + 1 AS UBIGINT)) AS BIGINT)`,
    `CREATE MACRO pick(k, s, xs) AS xs[1 + rnd(k, s, 0, len(xs) - 1)]`,
    `CREATE MACRO txt(k, s, n) AS array_to_string(list_transform(range(n), i -> pick(k, s * 100 + i, ${lst(WORDS)})), ' ')`,
    `CREATE MACRO addr(k, s) AS substr(md5(CAST(k AS VARCHAR) || '/' || CAST(s AS VARCHAR)) || md5(CAST(s AS VARCHAR) || CAST(k AS VARCHAR)), 1, CAST(rnd(k, s, 10, 25) AS INTEGER))`,
    `CREATE MACRO phone(k, s, nation) AS CAST(nation + 10 AS VARCHAR) || '-' || rnd(k, s, 100, 999) || '-' || rnd(k, s + 1, 100, 999) || '-' || lpad(CAST(rnd(k, s + 2, 0, 9999) AS VARCHAR), 4, '0')`,
    `CREATE TABLE region AS SELECT CAST(i - 1 AS INTEGER) AS r_regionkey, ${lst(REGIONS)}[i] AS r_name, txt(i, 1, 6) AS r_comment FROM range(1, 6) t(i)`,
    `CREATE TABLE nation AS SELECT CAST(i - 1 AS INTEGER) AS n_nationkey, ${lst(NATIONS)}[i] AS n_name, CAST([${NATION_REGION.join(', ')}][i] AS INTEGER) AS n_regionkey, txt(i, 2, 6) AS n_comment FROM range(1, 26) t(i)`,
    `CREATE TABLE supplier AS SELECT CAST(k AS INTEGER) AS s_suppkey, 'Supplier#' || lpad(CAST(k AS VARCHAR), 9, '0') AS s_name, addr(k, 3) AS s_address,
       CAST(nat AS INTEGER) AS s_nationkey, phone(k, 4, nat) AS s_phone, ${money('rnd(k, 5, -99999, 999999)')} AS s_acctbal,
       CASE WHEN k % 25 = 0 THEN txt(k, 6, 2) || ' Customer ' || txt(k, 7, 1) || ' Complaints ' || txt(k, 8, 2) ELSE txt(k, 9, 8) END AS s_comment
     FROM (SELECT k, CASE k WHEN 1 THEN 3 WHEN 2 THEN 20 WHEN 3 THEN 7 ELSE rnd(k, 10, 0, 24) END AS nat FROM range(1, ${S + 1}) t(k))`,
    `CREATE TABLE part AS SELECT CAST(k AS INTEGER) AS p_partkey,
       CASE WHEN k = 6 THEN 'forest ' || array_to_string(list_transform(range(4), i -> pick(k, 1100 + i, ${lst(COLORS)})), ' ') ELSE array_to_string(list_transform(range(5), i -> pick(k, 1100 + i, ${lst(COLORS)})), ' ') END AS p_name,
       'Manufacturer#' || m AS p_mfgr,
       CASE k WHEN 1 THEN 'Brand#12' WHEN 2 THEN 'Brand#23' WHEN 3 THEN 'Brand#34' ELSE 'Brand#' || m || rnd(k, 12, 1, 5) END AS p_brand,
       CASE k WHEN 4 THEN 'ECONOMY ANODIZED STEEL' WHEN 5 THEN 'LARGE BRUSHED BRASS' ELSE pick(k, 13, ['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO']) || ' ' || pick(k, 14, ['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED']) || ' ' || pick(k, 15, ['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER']) END AS p_type,
       CAST(CASE k WHEN 1 THEN 3 WHEN 2 THEN 5 WHEN 3 THEN 12 WHEN 4 THEN 7 WHEN 5 THEN 15 ELSE rnd(k, 16, 1, 50) END AS INTEGER) AS p_size,
       CASE k WHEN 1 THEN 'SM CASE' WHEN 2 THEN 'MED BOX' WHEN 3 THEN 'LG BOX' ELSE pick(k, 17, ['SM', 'LG', 'MED', 'JUMBO', 'WRAP']) || ' ' || pick(k, 18, ['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM']) END AS p_container,
       ${money('90000 + ((k // 10) % 20001) + 100 * (k % 1000)')} AS p_retailprice, txt(k, 19, 3) AS p_comment
     FROM (SELECT k, rnd(k, 11, 1, 5) AS m FROM range(1, ${P + 1}) t(k))`,
    `CREATE TABLE partsupp AS SELECT CAST(p AS INTEGER) AS ps_partkey, CAST(${supp('p', 'i')} AS INTEGER) AS ps_suppkey,
       CAST(rnd(p * 4 + i, 20, 1, 9999) AS INTEGER) AS ps_availqty, ${money('rnd(p * 4 + i, 21, 100, 100000)')} AS ps_supplycost, txt(p * 4 + i, 22, 10) AS ps_comment
     FROM range(1, ${P + 1}) a(p), range(0, 4) b(i)`,
    `CREATE TABLE customer AS SELECT CAST(k AS INTEGER) AS c_custkey, 'Customer#' || lpad(CAST(k AS VARCHAR), 9, '0') AS c_name, addr(k, 23) AS c_address,
       CAST(nat AS INTEGER) AS c_nationkey, phone(k, 24, nat) AS c_phone, ${money('rnd(k, 25, -99999, 999999)')} AS c_acctbal,
       pick(k, 26, ['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD']) AS c_mktsegment, txt(k, 27, 8) AS c_comment
     FROM (SELECT k, rnd(k, 28, 0, 24) AS nat FROM range(1, ${C + 1}) t(k))`,
    // Sparse order keys (8 of every 32) beyond int32; a third of customers never order.
    `CREATE TEMP TABLE obase AS SELECT i, CAST(((i - 1) // 8 * 32 + (i - 1) % 8 + 1) * 1000003 AS BIGINT) AS orderkey,
       CASE WHEN c % 3 = 0 THEN c - 1 ELSE c END AS cust, rnd(i, 30, ${START}, ${END - 151}) AS odate, i % 400 = 0 AS large,
       CASE WHEN i % 400 = 0 THEN 7 ELSE rnd(i, 31, 1, 7) END AS n
     FROM (SELECT i, rnd(i, 29, 1, ${C}) AS c FROM range(1, ${O + 1}) t(i))`,
    `CREATE TEMP TABLE lbase AS SELECT o.orderkey, o.odate, o.i, l, partkey, CAST(${supp('partkey', `rnd(o.i * 8 + l, 33, 0, 3)`)} AS INTEGER) AS suppkey,
       CASE WHEN o.large THEN rnd(o.i * 8 + l, 34, 45, 50) WHEN o.i <= 60 THEN rnd(o.i * 8 + l, 34, 1, 25) ELSE rnd(o.i * 8 + l, 34, 1, 50) END AS qty,
       rnd(o.i * 8 + l, 35, 0, 10) AS disc, rnd(o.i * 8 + l, 36, 0, 8) AS tax, o.odate + rnd(o.i * 8 + l, 37, 1, 121) AS ship,
       o.odate + rnd(o.i * 8 + l, 38, 30, 90) AS cmt
     FROM (SELECT o.*, l, CASE WHEN o.i <= 60 THEN (o.i - 1) % 6 + 1 ELSE rnd(o.i * 8 + l, 32, 1, ${P}) END AS partkey FROM obase o, range(1, 8) r(l) WHERE l <= o.n) o`,
    `CREATE TABLE lineitem AS SELECT orderkey AS l_orderkey, CAST(partkey AS INTEGER) AS l_partkey, suppkey AS l_suppkey, CAST(l AS INTEGER) AS l_linenumber,
       ${money('qty * 100')} AS l_quantity, ${money('qty * (90000 + ((partkey // 10) % 20001) + 100 * (partkey % 1000))')} AS l_extendedprice,
       ${money('disc')} AS l_discount, ${money('tax')} AS l_tax,
       CASE WHEN rcpt <= ${CURRENT} THEN pick(i * 8 + l, 40, ['R', 'A']) ELSE 'N' END AS l_returnflag, CASE WHEN ship > ${CURRENT} THEN 'O' ELSE 'F' END AS l_linestatus,
       ${day('ship')} AS l_shipdate, ${day('cmt')} AS l_commitdate, ${day('rcpt')} AS l_receiptdate,
       CASE WHEN i <= 60 THEN 'DELIVER IN PERSON' ELSE pick(i * 8 + l, 41, ['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN']) END AS l_shipinstruct,
       CASE WHEN i <= 60 THEN pick(i * 8 + l, 42, ['AIR', 'AIR REG']) ELSE pick(i * 8 + l, 42, ['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB']) END AS l_shipmode,
       txt(i * 8 + l, 43, 4) AS l_comment
     FROM (SELECT *, ship + rnd(i * 8 + l, 39, 1, 30) AS rcpt FROM lbase) ORDER BY l_orderkey, l_linenumber`,
    `CREATE TABLE orders AS SELECT o.orderkey AS o_orderkey, CAST(o.cust AS INTEGER) AS o_custkey,
       CASE WHEN a.open = 0 THEN 'F' WHEN a.open = o.n THEN 'O' ELSE 'P' END AS o_orderstatus, ${money('a.total')} AS o_totalprice, ${day('o.odate')} AS o_orderdate,
       pick(o.i, 44, ['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW']) AS o_orderpriority,
       'Clerk#' || lpad(CAST(rnd(o.i, 45, 1, ${clerks}) AS VARCHAR), 9, '0') AS o_clerk, CAST(0 AS INTEGER) AS o_shippriority,
       CASE WHEN o.i % 13 = 0 THEN txt(o.i, 46, 2) || ' special ' || txt(o.i, 47, 1) || ' requests ' || txt(o.i, 48, 2) ELSE txt(o.i, 49, 6) END AS o_comment
     FROM obase o JOIN (SELECT orderkey, count(*) FILTER (WHERE ship > ${CURRENT}) AS open,
       sum(round(qty * (90000 + ((partkey // 10) % 20001) + 100 * (partkey % 1000)) * (100 + tax) * (100 - disc) / 10000)) AS total FROM lbase GROUP BY orderkey) a USING (orderkey)
     ORDER BY o_orderkey`,
    `DROP TABLE lbase`,
    `DROP TABLE obase`,
  ];
}

async function openTpch(sf: number, memoryLimit?: string): Promise<{ db: DuckDBInstance; file: string; genMs: number | null }> {
  const config: Record<string, string> = memoryLimit ? { memory_limit: memoryLimit } : {};
  const dir = '/tmp/relc-bench';
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `tpch-sf${sf}.duckdb`);
  if (existsSync(file)) return { db: await DuckDBInstance.create(file, config), file, genMs: null };
  const tmp = `${file}.partial`;
  rmSync(tmp, { force: true });
  const db = await DuckDBInstance.create(tmp, config);
  const c = await db.connect();
  const t0 = performance.now();
  for (const s of tpchSql(sf)) await c.run(s);
  const genMs = performance.now() - t0;
  await c.run('CHECKPOINT');
  c.closeSync();
  db.closeSync();
  const { renameSync } = await import('node:fs');
  renameSync(tmp, file);
  return { db: await DuckDBInstance.create(file, config), file, genMs };
}

function loadQueries(): { name: string; sql: string }[] {
  const dir = join(import.meta.dirname, '..', 'test', 'tpch', 'queries');
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => ({ name: f.replace('.sql', ''), sql: readFileSync(join(dir, f), 'utf8').trim().replace(/;\s*$/, '') }));
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
const geomean = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

async function timed(c: DuckDBConnection, sql: string): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  const r = await c.runAndReadAll(sql);
  return { ms: performance.now() - t0, rows: r.currentRowCount };
}

export interface EngineQuery { readonly name: string; readonly handMs: number; readonly relcMs: number; readonly ratio: number; readonly rows: number; readonly rowsEqual: boolean }
export interface EngineFigures {
  readonly sf: number; readonly runs: number; readonly genMs: number | null; readonly lineitem: number; readonly memoryLimit: string | null;
  /** Peak resident memory of this process (DuckDB runs in it) after the DuckDB part, MiB. */
  readonly peakRssMb: number;
  readonly queries: readonly EngineQuery[]; readonly medianRatio: number; readonly geomeanRatio: number;
  readonly sqlite: { readonly sf: number; readonly runs: number; readonly queries: readonly { name: string; optMs: number; unoptMs: number }[]; readonly geomeanSpeedup: number } | null;
}

export async function benchEngine(opts: { sf?: number; runs?: number; sqliteSf?: number | null; sqliteRuns?: number; memoryLimit?: string } = {}): Promise<EngineFigures> {
  const sf = opts.sf ?? 1;
  const runs = opts.runs ?? 3;
  const { db, genMs } = await openTpch(sf, opts.memoryLimit);
  const hand = await db.connect();
  // The queries as written follow PostgreSQL: integer `/` truncates, DESC puts NULLs first (as test/tpch/harness.ts's oracle).
  await hand.run('SET integer_division = true');
  await hand.run("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
  const relc = await db.connect();
  const lineitem = Number((await hand.runAndReadAll('SELECT count(*) FROM lineitem')).getRows()[0]![0]);
  const queries: EngineQuery[] = [];
  for (const q of loadQueries()) {
    const t = transpileQuery(q.sql, { from: 'postgres', to: 'duckdb', catalog: tpchCatalog, optimize: true });
    const a = await timed(hand, q.sql); // warm-up, and the row counts
    const b = await timed(relc, t.text);
    const h: number[] = [];
    const r: number[] = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) { h.push((await timed(hand, q.sql)).ms); r.push((await timed(relc, t.text)).ms); }
      else { r.push((await timed(relc, t.text)).ms); h.push((await timed(hand, q.sql)).ms); }
    }
    const handMs = median(h);
    const relcMs = median(r);
    queries.push({ name: q.name, handMs, relcMs, ratio: relcMs / handMs, rows: a.rows, rowsEqual: a.rows === b.rows });
  }
  hand.closeSync();
  relc.closeSync();
  db.closeSync();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const ratios = queries.map((q) => q.ratio);
  // SQLite's SF0.01 queries take milliseconds: more runs than DuckDB's for a median that holds.
  const sqlite = opts.sqliteSf === null ? null : await benchSqlite(opts.sqliteSf ?? 0.01, opts.sqliteRuns ?? Math.max(runs, 7));
  return { sf, runs, genMs, lineitem, memoryLimit: opts.memoryLimit ?? null, peakRssMb, queries, medianRatio: median(ratios), geomeanRatio: geomean(ratios), sqlite };
}

/** SQLite: the same generated data (exported from DuckDB as CSV, loaded as the harness loads it), relc optimized vs unoptimized. */
async function benchSqlite(sf: number, runs: number): Promise<NonNullable<EngineFigures['sqlite']>> {
  const { db } = await openTpch(sf);
  const dir = `/tmp/relc-bench/csv-sf${sf}`;
  mkdirSync(dir, { recursive: true });
  const c = await db.connect();
  for (const d of tpchInputs(dir)) if (!existsSync(d.path)) await c.run(`COPY ${d.name} TO '${d.path}' (HEADER)`);
  c.closeSync();
  db.closeSync();
  const sqlite = await openBackend('sqlite', {});
  for (const d of tpchInputs(dir)) await sqlite.loadInput(d, d.path);
  for (const ddl of ['CREATE INDEX lineitem_order ON lineitem (l_orderkey)', 'CREATE INDEX lineitem_part_supp ON lineitem (l_partkey, l_suppkey)',
    'CREATE INDEX orders_key ON orders (o_orderkey)', 'CREATE INDEX orders_cust ON orders (o_custkey)', 'CREATE INDEX partsupp_key ON partsupp (ps_partkey, ps_suppkey)',
    'CREATE INDEX part_key ON part (p_partkey)', 'CREATE INDEX supplier_key ON supplier (s_suppkey)', 'CREATE INDEX customer_key ON customer (c_custkey)']) await sqlite.exec(ddl);
  const out: { name: string; optMs: number; unoptMs: number }[] = [];
  for (const q of loadQueries()) {
    const o = transpileQuery(q.sql, { from: 'postgres', to: 'sqlite', catalog: tpchCatalog, optimize: true });
    const u = transpileQuery(q.sql, { from: 'postgres', to: 'sqlite', catalog: tpchCatalog, optimize: false });
    const run = async (sql: string, schema: ReturnType<typeof schemaOf>) => { const t0 = performance.now(); const rows = await sqlite.query(sql, [], schema); return { ms: performance.now() - t0, rows: rows.length }; };
    const os: number[] = [];
    const us: number[] = [];
    let orows = -1;
    let urows = -1;
    const opt = async () => { const a = await run(o.text, schemaOf(o.rel)); os.push(a.ms); orows = a.rows; };
    const unopt = async () => { const b = await run(u.text, schemaOf(u.rel)); us.push(b.ms); urows = b.rows; };
    await run(o.text, schemaOf(o.rel)); // warm-up (page cache, prepared statement cache)
    // Alternating, as the DuckDB part: whichever runs second in a round would profit from the first's cache.
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) { await opt(); await unopt(); } else { await unopt(); await opt(); }
    }
    if (orows !== urows) throw new Error(`${q.name}: SQLite row counts differ, optimized ${orows}, unoptimized ${urows}`);
    out.push({ name: q.name, optMs: median(os), unoptMs: median(us) });
  }
  await sqlite.close();
  return { sf, runs, queries: out, geomeanSpeedup: geomean(out.map((q) => q.unoptMs / q.optMs)) };
}

export function renderEngine(f: EngineFigures): string[] {
  const n = (x: number) => x.toFixed(1).padStart(9);
  const limit = f.memoryLimit ? `, DuckDB memory_limit ${f.memoryLimit}` : '';
  const lines = [`  SF ${f.sf} (${f.lineitem} lineitem rows${f.genMs === null ? ', cached' : `, generated in ${(f.genMs / 1000).toFixed(1)} s`}${limit}), median of ${f.runs} alternating runs; ratio = relc ÷ hand-written`];
  for (const q of f.queries) lines.push(`  ${q.name}  hand ${n(q.handMs)} ms   relc ${n(q.relcMs)} ms   ×${q.ratio.toFixed(2)}   ${q.rows} rows${q.rowsEqual ? '' : '  ROW COUNTS DIFFER'}`);
  lines.push(`  median ×${f.medianRatio.toFixed(3)}, geometric mean ×${f.geomeanRatio.toFixed(3)} (targets: each ≤ ×1.10, geometric mean ≤ ×0.95)`);
  const total = (k: 'handMs' | 'relcMs') => f.queries.reduce((a, q) => a + q[k], 0);
  lines.push(`  sum of the 22: hand ${(total('handMs') / 1000).toFixed(2)} s, relc ${(total('relcMs') / 1000).toFixed(2)} s; peak RSS ${f.peakRssMb.toFixed(0)} MiB`);
  if (f.sqlite) {
    lines.push(`  SQLite SF ${f.sqlite.sf}, median of ${f.sqlite.runs} alternating runs: relc unoptimized ÷ optimized (> 1 = the optimizer helps; target ≥ ×2 geometric mean)`);
    for (const q of f.sqlite.queries) lines.push(`  ${q.name}  unoptimized ${n(q.unoptMs)} ms   optimized ${n(q.optMs)} ms   ×${(q.unoptMs / q.optMs).toFixed(2)}`);
    lines.push(`  geometric mean ×${f.sqlite.geomeanSpeedup.toFixed(2)}`);
  }
  return lines;
}

/** --sf, --runs, --sqlite-sf (or 'none'), --sqlite-runs from argv, else RELC_BENCH_SF / RELC_BENCH_RUNS / RELC_BENCH_SQLITE_SF / RELC_BENCH_SQLITE_RUNS. */
export function engineOptions(argv: readonly string[]): { sf: number; runs: number; sqliteSf: number | null; sqliteRuns?: number; memoryLimit?: string } {
  const arg = (name: string, env: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : process.env[env]; };
  const s = arg('--sqlite-sf', 'RELC_BENCH_SQLITE_SF');
  const sqliteRuns = arg('--sqlite-runs', 'RELC_BENCH_SQLITE_RUNS');
  const memoryLimit = arg('--memory-limit', 'RELC_BENCH_MEMORY_LIMIT');
  return {
    sf: Number(arg('--sf', 'RELC_BENCH_SF') ?? 1), runs: Number(arg('--runs', 'RELC_BENCH_RUNS') ?? 3), sqliteSf: s === 'none' ? null : Number(s ?? 0.01),
    ...(sqliteRuns ? { sqliteRuns: Number(sqliteRuns) } : {}), ...(memoryLimit ? { memoryLimit } : {}),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of renderEngine(await benchEngine(engineOptions(process.argv.slice(2))))) console.log(l);
}
