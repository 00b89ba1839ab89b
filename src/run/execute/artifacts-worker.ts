// A worker thread computing the compile artifacts of a program's views (rule_compile_artifacts)
// while the main thread runs them on the engine: the artifacts are a pure function of the program.

import { parentPort } from 'node:worker_threads';
import { initHashing, type Dialect, type Program } from '../../ir/index.ts';
import { lowerViewForExecution } from '../../lower/sql/index.ts';
import { compileArtifact } from './compile-artifacts.ts';

parentPort!.on('message', async (msg: { program: Program; dialect: Dialect; substrait: boolean }) => {
  try {
    await initHashing();
    const out = msg.program.views.map((v) => {
      const lowered = lowerViewForExecution(msg.program, v.name, msg.dialect);
      return compileArtifact(msg.program, v.name, lowered.params, { dialect: msg.dialect, sql: lowered.sql }, lowerViewForExecution, msg.substrait);
    });
    parentPort!.postMessage({ ok: out });
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});
