// The one test command (`npm test`): type-check, grammar drift check, the uvu suites, the
// golden corpus check, and the Substrait interop suite. Ends with the plain closing line
// `N passed, N failed` that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Plain output from every step: NO_COLOR alone (Node warns when FORCE_COLOR is set beside it).
const { FORCE_COLOR: _forced, ...inherited } = process.env;
const PLAIN_ENV: NodeJS.ProcessEnv = { ...inherited, NO_COLOR: '1' };

interface Step {
  readonly name: string;
  readonly cmd: string;
  readonly args: readonly string[];
  /** Counts tests from the step's output; otherwise the step counts as one test. */
  readonly count?: (out: string) => { passed: number; failed: number } | undefined;
  readonly when?: () => boolean;
}

const uvuCount = (out: string) => {
  const total = /Total:\s+(\d+)/.exec(out);
  const passed = /Passed:\s+(\d+)/.exec(out);
  if (!total || !passed) return undefined;
  return { passed: Number(passed[1]), failed: Number(total[1]) - Number(passed[1]) };
};

const interopCount = (out: string) => {
  const m = /^interop: (\d+) passed, (\d+) failed/m.exec(out);
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
};

const only = process.argv.slice(2);
const STEPS: Step[] = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.json'] },
  // bin/relc.js runs the bundled dist/bin/: build it (tsc, then the CLI bundle and oclif's
  // manifest) from the current sources before any CLI test.
  { name: 'build', cmd: 'npm', args: ['run', '--silent', 'build'] },
  { name: 'grammar', cmd: 'npx', args: ['tsx', 'scripts/grammar.ts', '--check'] },
  // The pinned Python venv (Substrait interop, and PySpark for test/spark.test.ts in the unit
  // step): idempotent, so an up-to-date venv costs a stamp comparison (CI creates it up front).
  { name: 'interop-setup', cmd: 'npm', args: ['run', '--silent', 'interop:setup'], when: () => existsSync('scripts/interop') },
  // tsx as an --import hook (ESM and CJS), so the lazily imported backends load in the suites too.
  { name: 'unit', cmd: process.execPath, args: ['--import', 'tsx', 'node_modules/uvu/bin.js', '--no-color', 'test', '\\.test\\.ts$'], count: uvuCount },
  { name: 'golden', cmd: 'node', args: ['bin/relc.js', 'golden', 'check', 'golden'], when: () => existsSync('golden') },
  { name: 'interop', cmd: 'npm', args: ['run', '--silent', 'test:interop'], count: interopCount, when: () => existsSync('scripts/interop') },
];

let passed = 0;
let failed = 0;
for (const step of STEPS) {
  if (only.length > 0 && !only.includes(step.name.replace(/-setup$/, ''))) continue;
  if (step.when && !step.when()) continue;
  process.stdout.write(`\n=== ${step.name}: ${step.cmd} ${step.args.join(' ')}\n`);
  const r = spawnSync(step.cmd, step.args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: PLAIN_ENV, maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  const counted = step.count?.(`${r.stdout}\n${r.stderr}`);
  const ok = r.status === 0;
  if (counted) {
    passed += counted.passed;
    failed += counted.failed + (ok || counted.failed > 0 ? 0 : 1);
  } else if (ok) passed += 1;
  else failed += 1;
  process.stdout.write(`=== ${step.name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`}\n`);
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
