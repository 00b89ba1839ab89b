// `relc run`'s progress line on stderr: views done/total, rows, elapsed. Only on a terminal, only
// once a run has lasted a moment (RELC_PROGRESS_AFTER_MS, default 500), never under --json or in
// CI, and erased when the run ends, so that what stays on the screen is the run's own output.

import type { RunProgress } from '../run/execute/run-program.ts';

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressReporter {
  /** For RunOptions.onProgress; undefined when no progress is shown. */
  readonly onProgress: ((p: RunProgress) => void) | undefined;
  /** Erases the line, if one was drawn. */
  finish(): void;
}

/** Erase the current terminal line and return to its start. */
const CLEAR = '\r\x1b[2K';

/** CI services set CI (GitHub, GitLab, CircleCI, Travis, Buildkite…); `CI=false` or `0` is no CI. */
export function inCI(env: NodeJS.ProcessEnv): boolean {
  const v = env['CI'];
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

export function progressLine(p: RunProgress): string {
  const s = (p.elapsedMs / 1000).toFixed(1);
  return `relc: ${p.phase} ${p.done}/${p.total} · ${p.totalRows.toLocaleString('en-US')} rows · ${s} s · ${p.name}`;
}

export function progressReporter(stream: ProgressStream, env: NodeJS.ProcessEnv, opts: { readonly json: boolean; readonly now?: () => number }): ProgressReporter {
  if (opts.json || !stream.isTTY || inCI(env)) return { onProgress: undefined, finish() {} };
  const after = Number(env['RELC_PROGRESS_AFTER_MS'] ?? 500);
  const now = opts.now ?? (() => performance.now());
  const every = 100; // redraw at most ten times a second
  let drawn = false;
  let last = -Infinity;
  return {
    onProgress(p) {
      const t = now();
      const final = p.done === p.total;
      if (p.elapsedMs < after || (t - last < every && !final)) return;
      last = t;
      drawn = true;
      stream.write(`${CLEAR}${progressLine(p)}`);
    },
    finish() {
      if (drawn) stream.write(CLEAR);
      drawn = false;
    },
  };
}
