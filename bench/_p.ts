import { compiled } from './compiled.ts';
const { runSpecFile } = await compiled<any>('run/execute/execute');
const d = process.argv[2] === 'on';
const t = performance.now();
await runSpecFile('/tmp/relc-bench/diag-pack/relc.yaml', { backend: 'duckdb', threads: 2, outDir: '/tmp/relc-bench/diag-pack/b2', optimize: true, disable: [], diagnostics: d });
console.log(d, performance.now() - t);
