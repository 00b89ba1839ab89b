// A worker thread computing the compile artifacts of a program's views (rule_compile_artifacts)
// while the main thread runs them on the engine: the artifacts are a pure function of the program.
// It lowers its own scheduling priority first (on Linux a thread's nice value is its own), so it
// runs on what CPU the engine leaves idle; what it has computed it posts in batches on the port
// it is given, for the runner to take when the views are done (artifactsOffThread).

import os from 'node:os';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { initHashing, type Dialect, type Program } from '../../ir/index.ts';
import { lowerViewForExecution } from '../../lower/sql/index.ts';
import { ARTIFACT_BATCH_MS, compileArtifact, type ArtifactsMessage, type CompileArtifact } from './compile-artifacts.ts';

/**
 * The lowest priority for this thread. Only on Linux, where a nice value belongs to the thread
 * that sets it; elsewhere (macOS, Windows) it is the whole process's, engine threads included,
 * so the worker runs as it is and the runner completes whatever it has not reached.
 */
function yieldToTheEngine(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(19);
  } catch {
    // not permitted here: as elsewhere
  }
}

parentPort!.once('message', async (msg: { program: Program; dialect: Dialect; substrait: boolean; port: MessagePort }) => {
  const post = (m: ArtifactsMessage) => msg.port.postMessage(m);
  try {
    yieldToTheEngine();
    await initHashing();
    const views = msg.program.views;
    let batch: CompileArtifact[] = [];
    let from = 0;
    let posted = performance.now();
    for (const [i, v] of views.entries()) {
      // The run's own dialect the runner has printed already: it sets that statement (withSql).
      batch.push(compileArtifact(msg.program, v.name, { dialect: msg.dialect, sql: null }, lowerViewForExecution, msg.substrait));
      const last = i === views.length - 1;
      if (last || performance.now() - posted >= ARTIFACT_BATCH_MS) {
        post({ from, artifacts: batch, done: last });
        from = i + 1;
        batch = [];
        posted = performance.now();
      }
    }
    if (views.length === 0) post({ from: 0, artifacts: [], done: true });
  } catch (e) {
    post({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});
