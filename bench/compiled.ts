// The compiled pipeline the throughput benchmarks time: `dist/`, what `import 'relc'` and the
// `relc` CLI run — not `src/` through tsx, whose on-the-fly transform (keepNames wrappers on
// every inner function) is a third slower. dist/ is rebuilt first when a source file is newer.

import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');

function newest(dir: string, ext: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, ext));
    else if (e.name.endsWith(ext)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function oldestBuilt(dir: string): number {
  try {
    return statSync(path.join(dir, 'index.js')).mtimeMs;
  } catch {
    return 0;
  }
}

let built = false;

/** Builds dist/ (`npm run build`'s tsc) when it is missing or older than src/. */
export function ensureBuilt(log: (line: string) => void = () => undefined): void {
  if (built) return;
  if (oldestBuilt(DIST) < newest(SRC, '.ts')) {
    log('  (dist/ is older than src/: building it first)');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  }
  built = true;
}

/** A compiled module of src/, typed as its source: `compiled<typeof import('../src/x.ts')>('x')`. */
export async function compiled<M>(module: string): Promise<M> {
  ensureBuilt();
  return (await import(pathToFileURL(path.join(DIST, `${module}.js`)).href)) as M;
}
