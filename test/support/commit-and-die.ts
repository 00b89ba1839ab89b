// Child process of the crash-safety test: stages a bundle into argv[2] whose manifest says
// argv[3], then commits it and kills itself with SIGKILL right after commit step argv[4].
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commitBundleDir, openBundleDir, type CommitStep } from '../../src/run/execute/bundle-dir.ts';

const [target, label, killAfter] = process.argv.slice(2) as [string, string, CommitStep];
const dir = openBundleDir(target);
mkdirSync(path.join(dir.staging, 'outputs'), { recursive: true });
writeFileSync(path.join(dir.staging, 'outputs', 'o.csv'), `label\n${label}\n`);
writeFileSync(path.join(dir.staging, 'manifest.json'), JSON.stringify({ label }));
commitBundleDir(dir, (step) => {
  if (step === killAfter) process.kill(process.pid, 'SIGKILL');
});
