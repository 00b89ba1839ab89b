// The run bundle's directory life cycle, crash-safe: everything is written into a staging
// sibling of the target; the commit is journaled so that a process killed at any step leaves
// either the previous bundle or the new one whole, and the next run (or `recoverBundleDir`)
// finishes or undoes the interrupted commit before touching anything.
//
// Commit steps (a kill may happen between any two):
//   1. write `<staging>/.relc-complete` (the staging bundle is whole)
//   2. rename target → `<staging>-previous`            (skipped when there is no target)
//   3. rename staging → target
//   4. remove `<staging>-previous`
// Recovery of a dead process's leftovers: a complete staging whose target is missing is moved
// into place (kill after 2); a `-previous` whose target exists is removed (kill after 3); an
// incomplete staging is a run that never finished and is removed; the previous bundle comes
// back when no complete staging exists (kill after 2 is impossible without one, but a staging
// lost to another cause must never take the previous bundle with it).

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RelcError } from '../../ir/index.ts';

export interface BundleDir {
  /** Where the bundle is written while the run is in progress. */
  readonly staging: string;
  /** Where it ends up. */
  readonly target: string;
}

/** The commit steps, in order; a test hook may stop the process after any of them. */
export type CommitStep = 'marked_complete' | 'moved_previous' | 'moved_new' | 'removed_previous';

const COMPLETE = '.relc-complete';

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

const stagingPrefix = (target: string): string => `.relc-tmp-${path.basename(target)}-`;

/** Where a failed run's partial bundle is kept for inspection (one per target, the latest). */
export function failedBundlePath(target: string): string {
  return path.join(path.dirname(target), `.relc-failed-${path.basename(target)}`);
}

/**
 * Finishes or undoes the commits of runs into `target` whose process died, and removes their
 * unfinished staging directories. Returns what it did (for diagnostics and tests).
 */
export function recoverBundleDir(outDir: string): string[] {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const prefix = stagingPrefix(target);
  let siblings: string[];
  try {
    siblings = readdirSync(parent);
  } catch {
    return []; // the parent does not exist yet
  }
  const done: string[] = [];
  const pids = new Set<number>();
  for (const name of siblings) {
    const m = name.startsWith(prefix) ? /^(\d+)(?:-previous)?$/.exec(name.slice(prefix.length)) : null;
    const pid = Number(m?.[1]);
    if (m && Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) pids.add(pid);
  }
  for (const pid of [...pids].sort((a, b) => a - b)) {
    const staging = path.join(parent, `${prefix}${pid}`);
    const previous = `${staging}-previous`;
    const complete = existsSync(path.join(staging, COMPLETE));
    if (!existsSync(target) && complete) {
      renameSync(staging, target); // killed after moving the previous bundle away: finish the commit
      done.push(`finished the interrupted commit of run ${pid}`);
    } else if (!existsSync(target) && existsSync(previous)) {
      renameSync(previous, target); // no whole new bundle: the previous one comes back
      done.push(`restored the previous bundle of run ${pid}`);
    }
    if (existsSync(staging)) {
      rmSync(staging, { recursive: true, force: true });
      done.push(`removed the unfinished staging directory of run ${pid}`);
    }
    if (existsSync(previous)) {
      rmSync(previous, { recursive: true, force: true });
      done.push(`removed the replaced bundle of run ${pid}`);
    }
  }
  if (pids.size > 0) rmSync(path.join(target, COMPLETE), { force: true }); // killed after step 3
  return done;
}

/** Creates the staging directory next to `outDir` (after recovery; target checked replaceable). */
export function openBundleDir(outDir: string): BundleDir {
  const target = path.resolve(outDir);
  recoverBundleDir(target);
  checkReplaceable(target);
  const staging = path.join(path.dirname(target), `${stagingPrefix(target)}${process.pid}`);
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
export function commitBundleDir(dir: BundleDir, afterStep: (step: CommitStep) => void = () => {}): void {
  checkReplaceable(dir.target);
  const previous = `${dir.staging}-previous`;
  try {
    writeFileSync(path.join(dir.staging, COMPLETE), '');
    afterStep('marked_complete');
    if (existsSync(dir.target)) {
      renameSync(dir.target, previous);
      afterStep('moved_previous');
    }
    renameSync(dir.staging, dir.target);
    afterStep('moved_new');
  } catch (e) {
    if (!existsSync(dir.target) && existsSync(previous)) renameSync(previous, dir.target);
    throw writeFailed(dir.target, `cannot move the run bundle into ${dir.target}: ${(e as Error).message}`, e);
  }
  rmSync(path.join(dir.target, COMPLETE), { force: true });
  rmSync(previous, { recursive: true, force: true });
  afterStep('removed_previous');
}

/**
 * A failed run's staging directory is kept (replacing an older failed one) so the user can see
 * how far it got; the previous bundle at the target is untouched. Returns where it is.
 */
export function abortBundleDir(dir: BundleDir): string | undefined {
  const kept = failedBundlePath(dir.target);
  try {
    rmSync(kept, { recursive: true, force: true });
    renameSync(dir.staging, kept);
    return kept;
  } catch {
    rmSync(dir.staging, { recursive: true, force: true });
    return undefined;
  }
}
