// CLI start-up as a user feels it: wall time of whole processes (`relc --help`, a one-shot
// `relc transpile` of TPC-H Q5), best and median of N runs, next to bare `node` started the
// same way — the floor no Node CLI can go under.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'relc.js');

export interface StartupFigure {
  readonly name: string;
  readonly bestMs: number;
  readonly medianMs: number;
}

function time(args: readonly string[], runs: number): { bestMs: number; medianMs: number } {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  ms.sort((a, b) => a - b);
  return { bestMs: ms[0]!, medianMs: ms[Math.floor(ms.length / 2)]! };
}

export function benchStartup(runs = 15): StartupFigure[] {
  const q5 = path.join(ROOT, 'test', 'tpch', 'queries', 'q05.sql');
  const schema = path.join(ROOT, 'bench', 'data', 'tpch-schema.json');
  return [
    { name: 'node -e 0 (floor)', ...time(['-e', '0'], runs) },
    { name: 'relc --help', ...time([BIN, '--help'], runs) },
    { name: 'relc transpile TPC-H Q5 → duckdb', ...time([BIN, 'transpile', '--from', 'postgres', '--to', 'duckdb', '--schema', schema, '-f', q5], runs) },
    { name: 'relc validate quickstart', ...time([BIN, 'validate', path.join(ROOT, 'examples', 'quickstart', 'relc.yaml')], runs) },
  ];
}
