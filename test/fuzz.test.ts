// Seeded, bounded fuzzing of the three front ends (issue 12 item 5): mutants of the repository's
// own SQL, rule packs and Substrait plans (test/fuzz/inputs.ts) go through parse, resolve,
// optimize and every back end. Each must end as a success or a coded RelcError — never another
// exception, an INTERNAL error, or a hang (an input still running after HANG_MS). The same
// seed gives the same inputs; RELC_FUZZ_SEED and RELC_FUZZ_SCALE change the seed and the counts.
import { Worker } from 'node:worker_threads';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { fuzzInputs, type FuzzKind } from './fuzz/inputs.ts';
import type { Outcome } from './fuzz/worker.ts';

const SEED = Number(process.env.RELC_FUZZ_SEED ?? 20261206);
const SCALE = Number(process.env.RELC_FUZZ_SCALE ?? 1);
const COUNTS: Readonly<Record<FuzzKind, number>> = { sql: Math.round(3000 * SCALE), spec: Math.round(800 * SCALE), substrait: Math.round(600 * SCALE) };
const HANG_MS = 10_000;

interface Report {
  readonly outcomes: readonly Outcome[];
  readonly hung: number | null;
}

function fuzz(kind: FuzzKind, count: number, seed: number): Promise<Report> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fuzz/worker.mjs', import.meta.url), { workerData: { kind, count, seed } });
    let running = -1;
    let timer = setTimeout(() => hang(), HANG_MS);
    const hang = () => void worker.terminate().then(() => resolve({ outcomes: [], hung: running }));
    worker.on('message', (m: { running?: number; done?: Outcome[] }) => {
      clearTimeout(timer);
      if (m.done) {
        resolve({ outcomes: m.done, hung: null });
        void worker.terminate();
        return;
      }
      running = m.running!;
      timer = setTimeout(() => hang(), HANG_MS);
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

for (const kind of ['sql', 'spec', 'substrait'] as const) {
  test(`fuzz ${kind}: ${COUNTS[kind]} mutants, each a success or a coded error, none hangs`, async () => {
    const report = await fuzz(kind, COUNTS[kind], SEED);
    const inputs = fuzzInputs(kind, COUNTS[kind], SEED);
    if (report.hung !== null) assert.unreachable(`input ${report.hung} (from ${inputs[report.hung]!.seed}) still running after ${HANG_MS} ms:\n${inputs[report.hung]!.text}`);
    assert.is(report.outcomes.length, COUNTS[kind]);
    const crashes = report.outcomes.filter((o) => o.result === 'crash');
    const count = (r: string) => report.outcomes.filter((o) => o.result === r).length;
    console.log(`  fuzz ${kind} (seed ${SEED}): tried ${report.outcomes.length}, success ${count('ok')}, coded error ${count('error')}, crash ${crashes.length}, hang 0`);
    const shown = crashes.slice(0, 3).map((c) => `input ${c.i} (from ${inputs[c.i]!.seed}):\n${inputs[c.i]!.text.slice(0, 2000)}\n→ ${c.result === 'crash' ? c.message : ''}`);
    assert.is(crashes.length, 0, `${crashes.length} crashes; the first:\n${shown.join('\n\n')}`);
    // The mutants reach past the parsers: some succeed, some are refused.
    assert.ok(count('ok') > 0 && count('error') > 0, `${count('ok')} successes, ${count('error')} coded errors`);
  });
}

test.run();
