// CLI start-up as a user feels it: wall time of whole processes (`relc --help`, a one-shot
// `relc transpile` of TPC-H Q5, …), best and median of N runs, next to bare `node -e 0` started
// the same way in the same run — the floor no Node CLI can go under — and, as the peer, a
// one-shot sqlglot transpile of the same query in the project's pinned venv (sqlglotc, sqlglot
// compiled with mypyc) next to bare `python -c pass`. The cases take turns run by run, so a
// burst of load on a shared machine falls on all of them alike.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'relc.js');

export interface StartupFigure {
  readonly name: string;
  readonly bestMs: number;
  readonly medianMs: number;
  /** Best time ÷ the best time of its program's floor in the same run (`node -e 0`, `python -c pass`; 1 = no cost over the interpreter itself). */
  readonly bestOverFloor: number;
  readonly medianOverFloor: number;
}

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** The program run; Node by default. */
  readonly exe?: string;
}

const VENV_PYTHON = path.join(ROOT, '.venv', 'bin', 'python');

/** A one-shot sqlglot transpile of the file named by argv[1] (PostgreSQL → DuckDB), as a user runs it from the shell. */
const SQLGLOT_ONE_SHOT =
  `import sqlglot, sys; print(';\\n'.join(sqlglot.transpile(open(sys.argv[1]).read(), read='postgres', write='duckdb')))`;

export function benchStartup(runs = 21): StartupFigure[] {
  const q5 = path.join(ROOT, 'test', 'tpch', 'queries', 'q05.sql');
  const schema = path.join(ROOT, 'bench', 'data', 'tpch-schema.json');
  const quickstart = path.join(ROOT, 'examples', 'quickstart', 'relc.yaml');
  const cases: Case[] = [
    { name: 'node -e 0 (floor)', args: ['-e', '0'] },
    { name: 'relc --help', args: [BIN, '--help'] },
    { name: 'relc --version', args: [BIN, '--version'] },
    { name: 'relc transpile TPC-H Q5 → duckdb', args: [BIN, 'transpile', '--from', 'postgres', '--to', 'duckdb', '--schema', schema, '-f', q5] },
    { name: 'relc transpile --help', args: [BIN, 'transpile', '--help'] },
    { name: 'relc validate quickstart', args: [BIN, 'validate', quickstart] },
    { name: 'relc compile quickstart --target sqlite', args: [BIN, 'compile', quickstart, '--target', 'sqlite'] },
    ...(existsSync(VENV_PYTHON)
      ? [
          { name: 'python -c pass (peer floor)', exe: VENV_PYTHON, args: ['-c', 'pass'] },
          { name: 'sqlglotc transpile TPC-H Q5 → duckdb', exe: VENV_PYTHON, args: ['-c', SQLGLOT_ONE_SHOT, q5] },
        ]
      : []),
  ];
  const ms = cases.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    cases.forEach((c, j) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(c.exe ?? process.execPath, c.args, { cwd: ROOT, encoding: 'utf8' });
      ms[j]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 0) throw new Error(`${c.args.join(' ')} exited ${r.status}: ${r.stderr}`);
    });
  }
  const stats = ms.map((m) => {
    m.sort((a, b) => a - b);
    return { bestMs: m[0]!, medianMs: m[Math.floor(m.length / 2)]! };
  });
  // Each case over the floor of its own program (node -e 0, python -c pass).
  const floorOf = (c: Case) => stats[cases.findIndex((f) => f.exe === c.exe)]!;
  return cases.map((c, j) => ({ name: c.name, ...stats[j]!, bestOverFloor: stats[j]!.bestMs / floorOf(c).bestMs, medianOverFloor: stats[j]!.medianMs / floorOf(c).medianMs }));
}
