// `npm run bench`: every benchmark, each with its baseline measured in the same run. Figures
// only — no pass/fail thresholds (machines are shared and noisy).

const f = (x: number, d = 1) => x.toFixed(d);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // Names of benchmarks; `--flag value` pairs are options (engine: --sf, --runs, --sqlite-sf).
  const only = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1]!.startsWith('--')));
  const want = (name: string) => only.length === 0 || only.includes(name);

  if (want('startup')) {
    const { benchStartup } = await import('./startup.ts');
    console.log('== CLI start-up (issue 13): whole processes, wall time (targets: --help < 150 ms, transpile Q5 < 250 ms)');
    const startup = benchStartup();
    for (const s of startup) {
      console.log(`  ${s.name.padEnd(40)} best ${f(s.bestMs).padStart(6)} ms (×${f(s.bestOverFloor, 2)} floor)   median ${f(s.medianMs).padStart(6)} ms (×${f(s.medianOverFloor, 2)} floor)`);
    }
    const relcQ5 = startup.find((s) => s.name.startsWith('relc transpile TPC-H'));
    const peerQ5 = startup.find((s) => s.name.startsWith('sqlglotc transpile'));
    if (relcQ5 && peerQ5) console.log(`  one-shot transpile of Q5, relc ÷ sqlglotc: best ×${f(relcQ5.bestMs / peerQ5.bestMs, 2)}, median ×${f(relcQ5.medianMs / peerQ5.medianMs, 2)}`);
  }

  if (want('compile')) {
    const { benchCompile, renderCompile } = await import('./compile.ts');
    const c = await benchCompile();
    console.log('\n== compile throughput (issues 2, 13): generated rule pack, parse → IR → optimize → SQL (DuckDB + SQLite)');
    for (const l of renderCompile(c)) console.log(l);
  }

  if (want('transpile')) {
    const { benchTranspile, renderTranspile } = await import('./transpile.ts');
    const t = await benchTranspile();
    console.log(`\n== transpile throughput (issues 3, 13): TPC-H ${t.queries} queries, best of ${t.rounds} rounds, parse + resolve (+ optimize) + emit DuckDB and SQLite (targets: ≥ 2,000 queries/s optimized, ≥ 3,000 unoptimized)`);
    for (const l of renderTranspile(t)) console.log(l);
  }

  if (want('scaling')) {
    const { benchScaling, renderScaling } = await import('./scaling.ts');
    console.log('\n== optimizer + lowering by plan size (issue 13): best of N, ×time/×nodes from the previous size (≈ ×10/10× is linear)');
    for (const l of renderScaling(await benchScaling())) console.log(l);
  }

  if (want('wide')) {
    const { benchWide, renderWide } = await import('./wide.ts');
    console.log('\n== wide SQL texts, text → DuckDB SQL (issue 12): best of 5 (target: each 10,000-term shape and the 100,000-item IN list under 1 s)');
    for (const l of renderWide(await benchWide())) console.log(l);
  }

  if (want('optimizer')) {
    const { benchOptimizer } = await import('./optimizer.ts');
    const o = await benchOptimizer();
    console.log(`\n== optimizer (issue 4): ${o.rows} rows, execution unoptimized ÷ optimized (median of runs; > 1 = the optimizer helps)`);
    for (const q of o.queries) {
      console.log(`  ${q.engine.padEnd(6)} ${q.query.padEnd(62)} ${f(q.unoptimizedMs).padStart(9)} ms → ${f(q.optimizedMs).padStart(9)} ms  ×${f(q.ratio, 2)}`);
    }
    console.log(`  geometric mean: duckdb ×${f(o.geomeanRatio.duckdb, 2)}, sqlite ×${f(o.geomeanRatio.sqlite, 2)}`);
    console.log(`  optimizer time per plan: ${f(o.optimizerMsPerPlan.workload, 2)} ms (workload), ${f(o.optimizerMsPerPlan.randomPlans, 2)} ms (random plans)`);
  }

  if (want('overflow')) {
    const { benchOverflow } = await import('./overflow.ts');
    const o = await benchOverflow();
    console.log(`\n== integer overflow checks on SQLite: ${o.rows} rows, relc's lowering (overflow checks, exact int64 sum) vs SQLite's unchecked operators (median of runs)`);
    for (const q of o.queries) {
      console.log(`  ${q.name.padEnd(26)} relc ${f(q.sqlite).padStart(7)} ms   native ${f(q.native).padStart(7)} ms   ×${f(q.sqlite / q.native, 2)}   (DuckDB ${f(q.duckdb)} ms)`);
    }
  }

  if (want('recursive')) {
    const { benchRecursive } = await import('./recursive.ts');
    const r = await benchRecursive();
    console.log(`\n== recursive rules (issue 18): transitive closure of a seeded random ${r.edges}-edge DAG → ${r.closureRows} pairs (median of runs)`);
    for (const x of r.runs) console.log(`  ${x.engine.padEnd(6)} ${x.guarded ? 'max_iterations=100 (counter + check)' : 'unguarded WITH RECURSIVE          '} ${f(x.ms).padStart(9)} ms`);
    console.log(`  the guard's worst case, set semantics over one ${r.cyclic.edges}-edge strongly connected graph (${r.cyclic.closureRows} pairs; without USING KEY every pair recurs at each iteration up to the limit):`);
    for (const x of r.cyclic.runs) console.log(`  ${x.engine.padEnd(6)} ${x.limit === null ? 'unguarded        ' : `max_iterations=${String(x.limit).padEnd(3)}`} ${f(x.ms).padStart(9)} ms`);
  }

  if (want('engine')) {
    const { benchEngine, engineOptions, renderEngine } = await import('./engine.ts');
    console.log('\n== engine time on DuckDB (issue 13 item 3): TPC-H generated in DuckDB, the 22 queries as written vs relc\'s transpiled SQL (postgres → duckdb, optimized)');
    for (const l of renderEngine(await benchEngine(engineOptions(argv)))) console.log(l);
  }

  if (want('outputs')) {
    const { benchOutputs, outputMemoryLimit, outputSizes, renderOutputs } = await import('./outputs.ts');
    console.log('\n== outputs written by the engine (issue 17): one 8-column Parquet output, relc run (COPY + in-engine digest) vs DuckDB\'s COPY of the same query, 2 threads, a child process per size (targets: ≥ 80 % of COPY\'s throughput, peak RSS independent of rows, < 600 MiB at 2M)');
    // The engine's default memory limit (80 % of RAM: DuckDB keeps its tables in memory), then a
    // limit under which DuckDB spills them and the sort to disk (peak RSS flat in the row count).
    for (const limit of outputMemoryLimit(argv) ?? [undefined, '400MB']) {
      console.log(`  memory limit: ${limit ?? 'engine default'}`);
      for (const l of renderOutputs(benchOutputs(outputSizes(argv), limit))) console.log(l);
    }
  }

  if (want('diag')) {
    const { benchDiag, renderDiag } = await import('./diag.ts');
    console.log('\n== diagnostics (issue 11): their cost on the 1,000-rule pack\'s run, and relc diag over its bundle (targets: overhead < 5 %, a query < 200 ms)');
    const i = argv.indexOf('--diag-rounds');
    for (const l of renderDiag(await benchDiag(i >= 0 ? Number(argv[i + 1]) : 3))) console.log(l);
  }

  if (want('arrow')) {
    const { arrowOptions, benchArrow, renderArrow } = await import('./arrow.ts');
    const o = arrowOptions(argv);
    console.log(`\n== Arrow results vs row objects (issue 15): one ${o.rows}-row, 8-column output read from the engine after the run (openSpecFile), best of ${o.runs}; memory = heap + array buffers the result holds`);
    for (const l of renderArrow(await benchArrow(o.rows, o.runs, o.engines))) console.log(l);
  }

  if (want('cpg')) {
    const { benchCpg, renderCpg } = await import('./cpg.ts');
    const b = benchCpg();
    console.log('\n== relc build of the Python standard library (issue 10): whole processes (targets: ≥ 100k lines/s end to end, peak RSS < 2 GiB, rebuild after one edit < 5 % of the clean build)');
    if (b === null) console.log('  skipped: no python3 on PATH to take the standard library from');
    else for (const l of renderCpg(b)) console.log(l);
  }
}

await main();
