// The run bundle's directory life cycle: everything is written into a temporary sibling of the
// target and renamed into place at the end, so a failed run never leaves a half-written bundle.

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { RelcError } from '../ir/index.ts';

export interface BundleDir {
  /** Where the bundle is written while the run is in progress. */
  readonly staging: string;
  /** Where it ends up. */
  readonly target: string;
}

function writeFailed(target: string, message: string, cause?: unknown): RelcError {
  return new RelcError('OUTPUT_WRITE_FAILED', message, { details: { path: target }, ...(cause === undefined ? {} : { cause }) });
}

/**
 * An existing target may be replaced only when it is a previous bundle (has manifest.json) or
 * an empty directory: relc never deletes a directory it did not write.
 */
function checkReplaceable(target: string): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw writeFailed(target, `cannot write the run bundle to ${target}: it is a file`);
  const entries = readdirSync(target);
  if (entries.length > 0 && !entries.includes('manifest.json')) {
    throw writeFailed(target, `refusing to replace ${target}: it is not empty and not a relc run bundle (no manifest.json)`);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Staging directories of runs into the same target whose process died (killed mid-run). */
function removeAbandoned(target: string): void {
  const prefix = `.relc-tmp-${path.basename(target)}-`;
  let siblings: string[];
  try {
    siblings = readdirSync(path.dirname(target));
  } catch {
    return; // the parent does not exist yet
  }
  for (const name of siblings) {
    const pid = Number(/^(\d+)(?:-previous)?$/.exec(name.slice(prefix.length))?.[1]);
    if (name.startsWith(prefix) && Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) {
      rmSync(path.join(path.dirname(target), name), { recursive: true, force: true });
    }
  }
}

/** Creates the staging directory next to `outDir` (checked replaceable first). */
export function openBundleDir(outDir: string): BundleDir {
  const target = path.resolve(outDir);
  checkReplaceable(target);
  removeAbandoned(target);
  const staging = path.join(path.dirname(target), `.relc-tmp-${path.basename(target)}-${process.pid}`);
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(path.join(staging, 'outputs'), { recursive: true });
    mkdirSync(path.join(staging, 'diagnostics'), { recursive: true });
  } catch (e) {
    throw writeFailed(target, `cannot create ${staging}: ${(e as Error).message}`, e);
  }
  return { staging, target };
}

/** Moves the finished bundle into place, replacing a previous bundle at the target. */
export function commitBundleDir(dir: BundleDir): void {
  checkReplaceable(dir.target);
  const previous = `${dir.staging}-previous`;
  try {
    if (existsSync(dir.target)) renameSync(dir.target, previous);
    renameSync(dir.staging, dir.target);
  } catch (e) {
    if (!existsSync(dir.target) && existsSync(previous)) renameSync(previous, dir.target);
    throw writeFailed(dir.target, `cannot move the run bundle into ${dir.target}: ${(e as Error).message}`, e);
  }
  rmSync(previous, { recursive: true, force: true });
}

/** Removes the staging directory of a failed run. */
export function abortBundleDir(dir: BundleDir): void {
  rmSync(dir.staging, { recursive: true, force: true });
}
