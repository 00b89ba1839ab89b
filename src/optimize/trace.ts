// Renders an optimizer trace as the text of `relc explain --verbose`: per view, the input
// plan, then every pass of every round with the plan after it (or "unchanged"), then why the
// driver stopped; then the program passes. Plans use the numbered, dash-indented printout.

import { assertNever, planText } from '../ir/index.ts';
import type { PassTrace, StopReason } from './driver.ts';

const STOP: Record<StopReason, string> = {
  fixed_point: 'fixed point (a round changed nothing)',
  repeated_plan: 'a plan repeated',
  max_iterations: 'round limit reached',
  disabled: 'optimizer disabled',
};

/** The trace as text, one block per view (deterministic: no timings). */
export function renderTrace(trace: readonly PassTrace[]): string {
  const out: string[] = [];
  let round = 0;
  for (const e of trace) {
    switch (e.kind) {
      case 'input':
        if (out.length) out.push('');
        out.push(`== view ${e.view}`, '-- input', planText(e.rel));
        round = 0;
        break;
      case 'pass':
        if (e.iteration !== round) {
          round = e.iteration;
          out.push(`-- round ${round}`);
        }
        out.push(e.changed && e.rel ? `-- ${e.pass}:\n${planText(e.rel)}` : `-- ${e.pass}: unchanged`);
        break;
      case 'done':
        out.push(`-- stopped after ${e.iterations} round${e.iterations === 1 ? '' : 's'}: ${STOP[e.stop]}`);
        break;
      case 'program_pass': {
        if (out.length) out.push('');
        out.push(`== program pass ${e.pass}: ${e.changed ? 'changed' : 'unchanged'}`);
        if (e.changed && e.program) {
          const shown = new Set([...e.added, ...e.rewritten]);
          for (const v of e.program.views) {
            if (!shown.has(v.name)) continue;
            out.push(`-- ${e.added.includes(v.name) ? 'new view' : 'view'} ${v.name}:`, planText(v.rel));
          }
        }
        break;
      }
      default:
        assertNever(e, 'trace entry');
    }
  }
  return out.join('\n');
}
