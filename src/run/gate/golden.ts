// The golden corpus: `relc golden check` recompiles every case and compares each output section
// with what the file records (a unified diff per changed section, plus which views changed
// signature and which downstream views that impacted); `relc golden update` rewrites them.

import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RelcError, initHashing } from '../../ir/index.ts';
import { evaluateCase, INPUT_SECTIONS, OUTPUT_SECTIONS, parseSignatureSection } from './golden-case.ts';
import { checkSectionBody, parseGoldenFile, renderGoldenFile, type GoldenFile } from './golden-format.ts';
import { byCodeUnits, classifyChanges, type SignatureChanges } from './golden-graph.ts';
import { unifiedDiff } from './golden-unified-diff.ts';

/** The line that opens a view's part of a section: `== name …`, or `-- relc view=name …` in SQL. */
const VIEW_HEADING = /^(== |-- relc view=)/;

/** Case files end in this extension. */
export const GOLDEN_EXTENSION = '.golden';

export interface GoldenSectionChange {
  readonly section: string;
  /** `added`: the file lacks the section; `removed`: the compiler no longer produces it. */
  readonly change: 'changed' | 'added' | 'removed';
  readonly diff: string;
}

export interface GoldenCaseReport {
  /** The case file, as the check was asked for it (relative to the working directory). */
  readonly file: string;
  /** `new`: the file has no output sections yet; `layout`: only blank lines or order differ. */
  readonly status: 'ok' | 'changed' | 'new' | 'layout';
  readonly sections: readonly GoldenSectionChange[];
  /** Signature changes by view, when the recorded file and the fresh output both sign views. */
  readonly signatures?: SignatureChanges;
  /** The whole file as `golden update` writes it. */
  readonly text: string;
}

export interface GoldenReport {
  readonly cases: readonly GoldenCaseReport[];
  /** Cases whose file differs from the fresh output. */
  readonly failing: readonly string[];
}

/** Every case file under `target` (a directory, searched recursively, or one file), sorted. */
export function listGoldenFiles(target: string): string[] {
  let st;
  try {
    st = statSync(target);
  } catch (e) {
    throw new RelcError('INPUT_NOT_FOUND', `golden corpus ${target} not found: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { details: { path: path.resolve(target) } });
  }
  if (st.isFile()) return [target];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort(byCodeUnits)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(GOLDEN_EXTENSION)) out.push(p);
    }
  };
  walk(target);
  if (out.length === 0) throw new RelcError('INPUT_NOT_FOUND', `no golden cases (*${GOLDEN_EXTENSION}) under ${target}`, { details: { path: path.resolve(target) } });
  return out;
}

function unknownSections(g: GoldenFile, file: string): void {
  for (const s of g.sections) {
    if (!INPUT_SECTIONS.includes(s.name) && !OUTPUT_SECTIONS.includes(s.name)) {
      throw new RelcError('SPEC_UNKNOWN_FIELD', `unknown section '${s.name}'; input sections: ${INPUT_SECTIONS.join(', ')}; output sections: ${OUTPUT_SECTIONS.join(', ')}`, {
        location: { file, line: s.line - 1, col: 6 },
      });
    }
  }
}

/** Recompiles one case and compares it with its file. */
export async function checkCase(file: string): Promise<GoldenCaseReport> {
  const text = readFileSync(file, 'utf8');
  const g = parseGoldenFile(text, file);
  unknownSections(g, file);
  const abs = path.resolve(file);
  const fresh = await evaluateCase(g, abs, path.dirname(abs));
  const inputs = g.sections.filter((s) => INPUT_SECTIONS.includes(s.name)).map(({ name, body }) => ({ name, body }));
  const outputs = [...fresh.sections].map(([name, body]) => {
    checkSectionBody(name, body, file);
    return { name, body };
  });
  const next = renderGoldenFile({ header: g.header, sections: [...inputs, ...outputs] });
  if (next === text) return { file, status: 'ok', sections: [], text: next };

  const recorded = new Map(g.sections.filter((s) => OUTPUT_SECTIONS.includes(s.name)).map((s) => [s.name, s.body]));
  if (recorded.size === 0) return { file, status: 'new', sections: [], text: next };
  const sections: GoldenSectionChange[] = [];
  for (const name of OUTPUT_SECTIONS) {
    const was = recorded.get(name);
    const now = fresh.sections.get(name);
    if (was === now) continue;
    const diff = unifiedDiff(was === undefined ? '' : `${was}\n`, now === undefined ? '' : `${now}\n`, {
      fromLabel: `${file} [${name}] (recorded)`,
      toLabel: `${file} [${name}] (compiled now)`,
      heading: VIEW_HEADING,
    });
    sections.push({ section: name, change: was === undefined ? 'added' : now === undefined ? 'removed' : 'changed', diff });
  }
  const wasSigs = recorded.get('signature');
  const nowSigs = fresh.sections.get('signature');
  const signatures = wasSigs !== undefined && nowSigs !== undefined ? classifyChanges(parseSignatureSection(wasSigs), parseSignatureSection(nowSigs)) : undefined;
  if (sections.length === 0) return { file, status: 'layout', sections, text: next };
  return { file, status: 'changed', sections, ...(signatures ? { signatures } : {}), text: next };
}

/** Checks every case under `target`. */
export async function checkGolden(target: string): Promise<GoldenReport> {
  await initHashing();
  const cases: GoldenCaseReport[] = [];
  for (const file of listGoldenFiles(target)) cases.push(await checkCase(file));
  return { cases, failing: cases.filter((c) => c.status !== 'ok').map((c) => c.file) };
}

/** Rewrites every case whose file differs from the fresh output; returns the check before it. */
export async function updateGolden(target: string): Promise<GoldenReport> {
  const report = await checkGolden(target);
  for (const c of report.cases) {
    if (c.status === 'ok') continue;
    // Write beside and rename, so an interrupted update never leaves a truncated case.
    const tmp = `${c.file}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, c.text);
      renameSync(tmp, c.file);
    } catch (e) {
      throw new RelcError('OUTPUT_WRITE_FAILED', `cannot write ${c.file}: ${(e as Error).message}`, { details: { path: path.resolve(c.file) }, cause: e });
    }
  }
  return report;
}

function listText(names: readonly string[]): string {
  return names.length > 0 ? names.join(', ') : '(none)';
}

/** The signature summary of one changed case, one line per kind of change. */
export function signatureSummary(s: SignatureChanges): string[] {
  const lines: string[] = [];
  if (s.changed.length > 0) lines.push(`views whose definition changed: ${listText(s.changed)}`);
  if (s.impacted.length > 0) lines.push(`downstream views impacted: ${listText(s.impacted)}`);
  if (s.added.length > 0) lines.push(`views added: ${listText(s.added)}`);
  if (s.removed.length > 0) lines.push(`views removed: ${listText(s.removed)}`);
  return lines;
}

/** Human-readable check report: the failing cases with summaries and diffs, then a total. */
export function renderGoldenReport(r: GoldenReport, verb: 'check' | 'update'): string {
  const out: string[] = [];
  for (const c of r.cases) {
    if (c.status === 'ok') continue;
    const what = verb === 'update' ? 'updated' : 'FAIL';
    switch (c.status) {
      case 'new':
        out.push(`${what} ${c.file}: no recorded output yet`);
        break;
      case 'layout':
        out.push(`${what} ${c.file}: same sections, different layout (blank lines or section order)`);
        break;
      case 'changed':
        out.push(`${what} ${c.file}: ${c.sections.map((s) => `${s.section}${s.change === 'changed' ? '' : ` (${s.change})`}`).join(', ')}`);
        for (const line of c.signatures ? signatureSummary(c.signatures) : []) out.push(`  ${line}`);
        if (verb === 'check') for (const s of c.sections) out.push(s.diff.trimEnd());
        break;
      default:
        break;
    }
  }
  const n = r.cases.length;
  if (verb === 'check') out.push(`golden: ${n - r.failing.length} of ${n} cases match${r.failing.length > 0 ? `, ${r.failing.length} differ` : ''}`);
  else out.push(`golden: ${r.failing.length} of ${n} cases rewritten`);
  return `${out.join('\n')}\n`;
}

/** The error `golden check` ends with when cases differ (exit 1), carrying the report. */
export function goldenMismatch(r: GoldenReport, target: string): RelcError {
  return new RelcError('GOLDEN_MISMATCH', `${r.failing.length} of ${r.cases.length} golden cases differ from what relc compiles now: ${r.failing.join(', ')}; review the diffs, then run \`relc golden update ${target}\` to accept them`, {
    details: {
      failing: r.failing,
      cases: r.cases.filter((c) => c.status !== 'ok').map((c) => ({ file: c.file, status: c.status, sections: c.sections, ...(c.signatures ? { signatures: c.signatures } : {}) })),
    },
  });
}
