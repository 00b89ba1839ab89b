// Runs the fuzz inputs of one kind on a worker thread, so that the test's main thread can stop
// an input that hangs: it posts the index of each input before running it, then the outcomes.
import { parentPort, workerData } from 'node:worker_threads';
import { isRelcError, type Program, type Rel } from '../../src/ir/index.ts';
import { toSubstraitPlan, encodePlanBinary } from '../../src/lower/substrait/index.ts';
import { lowerView } from '../../src/lower/sql/index.ts';
import { optimizeProgram } from '../../src/optimize/index.ts';
import { transpileQuery } from '../../src/run/compose/transpile.ts';
import { compileSpecText } from '../../src/spec/index.ts';
import { decodeSubstrait } from '../../src/substrait/index.ts';
import { probeCatalog } from '../pg-oracle/tables.ts';
import { fuzzInputs, type FuzzKind } from './inputs.ts';

export type Outcome = { readonly i: number; readonly result: 'ok' | 'error' } | { readonly i: number; readonly result: 'crash'; readonly message: string };

const { kind, count, seed } = workerData as { kind: FuzzKind; count: number; seed: number };

const queryProgram = (rel: Rel): Program => ({ name: 'query', profile: 'default', params: [], inputs: [], views: [{ name: 'query', rel }], outputs: [] });

/** Every back end a plan can go to: the four SQL dialects and Substrait (binary). */
function lowerEverywhere(program: Program): void {
  for (const v of program.views) for (const d of ['duckdb', 'sqlite', 'postgres', 'spark'] as const) lowerView(program, v.name, d);
  encodePlanBinary(toSubstraitPlan(program, { views: program.views.map((v) => v.name) }));
}

async function run(text: string, i: number): Promise<void> {
  switch (kind) {
    case 'sql': {
      const t = transpileQuery(text, { from: 'postgres', to: 'duckdb', catalog: probeCatalog, optimize: i % 2 === 0, origin: { file: 'fuzz.sql', line: 1, col: 1 } });
      lowerEverywhere(queryProgram(t.rel));
      return;
    }
    case 'spec': {
      const { program } = await compileSpecText(text, 'fuzz.yaml');
      lowerEverywhere(optimizeProgram(program, {}).program);
      return;
    }
    case 'substrait':
      lowerEverywhere(optimizeProgram(decodeSubstrait(text), {}).program);
  }
}

const outcomes: Outcome[] = [];
for (const [i, input] of fuzzInputs(kind, count, seed).entries()) {
  parentPort!.postMessage({ running: i });
  try {
    await run(input.text, i);
    outcomes.push({ i, result: 'ok' });
  } catch (e) {
    if (isRelcError(e) && e.code !== 'INTERNAL') outcomes.push({ i, result: 'error' });
    else outcomes.push({ i, result: 'crash', message: `${(e as Error)?.name}: ${(e as Error)?.message}\n${((e as Error)?.stack ?? '').split('\n').slice(1, 4).join('\n')}` });
  }
}
parentPort!.postMessage({ done: outcomes });
