// The bundle commit is crash-safe: a process killed (SIGKILL) after any commit step leaves the
// previous bundle or the new one whole, and the next run recovers before writing.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openBundleDir, recoverBundleDir, type CommitStep } from '../src/run/execute/bundle-dir.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'relc-crash-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child; its exit status, or the signal that ended it. */
function commitAndDie(target: string, label: string, step: CommitStep): number | string | null {
  const child = path.join(import.meta.dirname, 'support', 'commit-and-die.ts');
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, target, label, step], { encoding: 'utf8' });
  assert.is(r.stderr.includes('Error'), false, r.stderr);
  return r.status ?? r.signal;
}

const label = (target: string): string => JSON.parse(readFileSync(path.join(target, 'manifest.json'), 'utf8')).label;
const whole = (target: string): void => {
  assert.equal(readdirSync(target).sort(), ['diagnostics', 'manifest.json', 'outputs']);
  assert.is(readFileSync(path.join(target, 'outputs', 'o.csv'), 'utf8'), `label\n${label(target)}\n`);
};

// Each kill point, with a previous bundle at the target: which bundle must survive recovery.
const CASES: ReadonlyArray<readonly [CommitStep, 'old' | 'new']> = [
  ['marked_complete', 'old'], // staging is whole, nothing moved yet: the old bundle stays
  ['moved_previous', 'new'], // target moved aside, new one whole: the commit is finished
  ['moved_new', 'new'],
  ['removed_previous', 'new'],
];

for (const [step, survivor] of CASES) {
  test(`SIGKILL after ${step}: the ${survivor} bundle is whole after recovery, no leftovers`, () => {
    const target = path.join(dir, step, 'bundle');
    assert.is(commitAndDie(target, 'old', 'never' as CommitStep), 0); // a first, good bundle
    whole(target);
    assert.is(commitAndDie(target, 'new', step), 'SIGKILL');
    const done = recoverBundleDir(target);
    assert.ok(step === 'removed_previous' ? done.length === 0 : done.length > 0, done.join('; '));
    whole(target);
    assert.is(label(target), survivor);
    assert.equal(readdirSync(path.dirname(target)), ['bundle']);
    // The next run writes as usual over the recovered bundle.
    const next = openBundleDir(target);
    assert.ok(existsSync(next.staging));
    rmSync(next.staging, { recursive: true });
  });
}

test('SIGKILL after moved_previous with no earlier bundle never happens; first commit is one rename', () => {
  const target = path.join(dir, 'first', 'bundle');
  assert.is(commitAndDie(target, 'new', 'moved_previous'), 0); // no previous bundle: that step is skipped
  whole(target);
  assert.is(label(target), 'new');
});

test.run();
