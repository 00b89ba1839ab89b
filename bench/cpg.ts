// `relc build` of the Python standard library (issue 10): the interpreter's own library minus
// its test suites and site-packages, copied to a temporary directory; a clean build, then a
// rebuild after one file is edited. Whole processes (`node bin/relc.js build … --json`), wall
// time, per-stage time from the build's own report and peak RSS from /usr/bin/time when it is
// there. Baseline in the same run: CPython parsing the same files (`ast.parse` + `symtable`),
// what any tool that reads Python pays at least.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'relc.js');
const SKIP = new Set(['site-packages', 'test', 'tests', 'idle_test', '__pycache__']);

export interface BuildFigure {
  readonly wallMs: number;
  readonly peakRssMb: number | null;
  readonly stageMs: Readonly<Record<string, number>>;
  readonly extracted: number;
  readonly reused: number;
}

export interface CpgBench {
  readonly python: string;
  readonly files: number;
  readonly lines: number;
  readonly clean: BuildFigure;
  readonly rebuild: BuildFigure;
  readonly cpythonParseMs: number;
}

function python(): string | null {
  for (const p of ['python3.11', 'python3.12', 'python3']) if (spawnSync(p, ['-c', '0']).status === 0) return p;
  return null;
}

function copyPy(from: string, to: string): void {
  for (const e of readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (SKIP.has(e.name)) continue;
    const src = path.join(from, e.name);
    if (e.isDirectory()) copyPy(src, path.join(to, e.name));
    else if (e.isFile() && e.name.endsWith('.py')) {
      mkdirSync(to, { recursive: true });
      cpSync(src, path.join(to, e.name));
    }
  }
}

function build(dir: string, out: string): BuildFigure {
  const time = existsSync('/usr/bin/time');
  const args = [BIN, 'build', dir, '--out', out, '--json'];
  const t0 = performance.now();
  const r = time ? spawnSync('/usr/bin/time', ['-f', 'relc-peak-rss-kb %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`relc build failed: ${r.stderr}`);
  const rss = /relc-peak-rss-kb (\d+)/.exec(r.stderr ?? '');
  const report = JSON.parse(r.stdout) as { stats: { stage_ms: Record<string, number>; extracted_files: number; reused_files: number } };
  return { wallMs, peakRssMb: rss ? Number(rss[1]) / 1024 : null, stageMs: report.stats.stage_ms, extracted: report.stats.extracted_files, reused: report.stats.reused_files };
}

export function benchCpg(): CpgBench | null {
  const py = python();
  if (py === null) return null;
  const stdlib = spawnSync(py, ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).stdout.trim();
  const work = mkdtempSync(path.join(tmpdir(), 'relc-bench-cpg-'));
  try {
    const src = path.join(work, 'stdlib');
    copyPy(stdlib, src);
    const census = spawnSync(py, ['-c', `
import os, sys, time, ast, symtable
paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs if f.endswith('.py'))
texts = [open(p, 'rb').read() for p in paths]
t0 = time.perf_counter()
for p, t in zip(paths, texts):
    try:
        ast.parse(t, p); symtable.symtable(t.decode('utf-8'), p, 'exec')
    except (SyntaxError, UnicodeDecodeError, ValueError):
        pass
ms = (time.perf_counter() - t0) * 1000
print(len(paths), sum(t.count(b'\\n') for t in texts), ms)`, src], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const [files, lines, parseMs] = census.stdout.trim().split(' ').map(Number) as [number, number, number];
    const out = path.join(work, 'out');
    const clean = build(src, out);
    // One edit: a function appended to a mid-sized module.
    const edited = path.join(src, 'json', 'decoder.py');
    if (existsSync(edited) && statSync(edited).isFile()) appendFileSync(edited, '\n\ndef _relc_bench_edit():\n    return scanstring("x", 0)\n');
    const rebuild = build(src, out);
    return { python: stdlib, files, lines, clean, rebuild, cpythonParseMs: parseMs };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function renderCpg(b: CpgBench): string[] {
  const f = (x: number, d = 0) => x.toFixed(d);
  const fig = (name: string, x: BuildFigure) => {
    const stages = Object.entries(x.stageMs).map(([k, v]) => `${k} ${f(v)} ms`).join(', ');
    return `  ${name.padEnd(28)} ${f(x.wallMs).padStart(7)} ms  ${f(b.lines / (x.wallMs / 1000)).padStart(7)} lines/s  peak RSS ${x.peakRssMb === null ? '?' : `${f(x.peakRssMb)} MiB`}  (${stages}; ${x.extracted} files extracted, ${x.reused} reused)`;
  };
  return [
    `  corpus: ${b.files} files, ${b.lines} lines (${b.python}, without tests and site-packages)`,
    fig('clean build', b.clean),
    fig('rebuild after one edit', b.rebuild),
    `  rebuild ÷ clean: ${f((b.rebuild.wallMs / b.clean.wallMs) * 100, 1)} %`,
    `  baseline, CPython ast.parse + symtable of the same files: ${f(b.cpythonParseMs)} ms (${f(b.lines / (b.cpythonParseMs / 1000))} lines/s); relc build ÷ baseline ×${f(b.clean.wallMs / b.cpythonParseMs, 2)}`,
  ];
}
