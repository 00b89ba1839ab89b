// `npm run bench`: every benchmark, each with its baseline measured in the same run. Figures
// only — no pass/fail thresholds (machines are shared and noisy).
import { benchCompile } from './compile.ts';

const f = (x: number, d = 1) => x.toFixed(d);

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);

  if (want('compile')) {
    const c = await benchCompile();
    console.log('== compile throughput (issue 2): generated rule pack, parse → IR → optimize → SQL (DuckDB + SQLite)');
    console.log(`rules ${c.rules}, views ${c.views}`);
    console.log(`  spec parse+validate+IR+sign  ${f(c.specMs)} ms`);
    console.log(`  optimize                     ${f(c.optimizeMs)} ms`);
    console.log(`  lower duckdb (CTE form)      ${f(c.lowerMs.duckdb)} ms   (per-view execution form ${f(c.lowerExecMs.duckdb)} ms)`);
    console.log(`  lower sqlite (CTE form)      ${f(c.lowerMs.sqlite)} ms   (per-view execution form ${f(c.lowerExecMs.sqlite)} ms)`);
    console.log(`  total                        ${f(c.totalMs)} ms → ${f(c.viewsPerSecond, 0)} views/s`);
    console.log(`  baseline: YAML parse only    ${f(c.yamlFloorMs)} ms → pipeline is ${f(c.ratioToYamlFloor)}× the bare YAML parse`);
  }

  if (want('transpile')) {
    try {
      const { benchTranspile } = await import('./transpile.ts');
      const t = await benchTranspile();
      console.log('\n== transpile throughput (issue 3): TPC-H 22 queries, parse + resolve + optimize + emit DuckDB and SQLite');
      console.log(JSON.stringify(t, null, 2));
    } catch (e) {
      console.log(`\n== transpile: not available (${(e as Error).message})`);
    }
  }

  if (want('optimizer')) {
    const { benchOptimizer } = await import('./optimizer.ts');
    const o = await benchOptimizer();
    console.log('\n== optimizer (issue 4): execution optimized vs unoptimized, and optimizer time per plan');
    console.log(JSON.stringify(o, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(3)) : v), 2));
  }
}

await main();
