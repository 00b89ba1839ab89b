// Issue 2: compiling the same pack twice, or a copy with keys reordered and whitespace changed,
// gives byte-identical SQL for every dialect and the same spec_hash.
import { readFileSync } from 'node:fs';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { DIALECTS } from '../src/ir/index.ts';
import { compileIr, compileSql, prepareProgram } from '../src/run/compose/compile.ts';
import { compileSpecText } from '../src/spec/index.ts';

const QUICKSTART = readFileSync(new URL('../examples/quickstart/relc.yaml', import.meta.url), 'utf8');

/** Reverses the keys of every mapping, except those whose order is meaningful (column maps). */
function reverseKeys(v: unknown, keep = false): unknown {
  if (Array.isArray(v)) return v.map((x) => reverseKeys(x));
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    const ordered = keep ? entries : [...entries].reverse();
    return Object.fromEntries(ordered.map(([k, x]) => [k, reverseKeys(x, ['select', 'measures', 'schema', 'group_by', 'rules', 'outputs', 'inputs', 'params'].includes(k))]));
  }
  return v;
}

async function artifacts(text: string, file: string) {
  const compiled = await compileSpecText(text, file);
  const prepared = await prepareProgram(compiled.program, { optimize: true, disable: [] }, compiled);
  const sql = Object.fromEntries(DIALECTS.map((d) => [d, compileSql(prepared, d)])) as Record<(typeof DIALECTS)[number], string>;
  return { specHash: compiled.specHash, ir: compileIr(prepared), ...sql };
}

test('the same pack compiled twice gives byte-identical SQL, IR and spec_hash', async () => {
  const a = await artifacts(QUICKSTART, 'examples/quickstart/relc.yaml');
  const b = await artifacts(QUICKSTART, 'examples/quickstart/relc.yaml');
  assert.equal(b, a);
  for (const d of DIALECTS) assert.ok(a[d].includes('-- relc view=team_sizes signature='));
});

test('reordered keys, other whitespace, comments and JSON give byte-identical SQL and the same spec_hash', async () => {
  const base = await artifacts(QUICKSTART, 'relc.yaml');
  const doc = parseYaml(QUICKSTART);
  const variants: [string, string][] = [
    [JSON.stringify(reverseKeys(doc)), 'relc.json'],
    [JSON.stringify(doc, null, 7), 'copy.json'],
    [`# a comment first\n${toYaml(reverseKeys(doc), { indent: 4, lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE' })}\n\n# and last\n`, 'moved/elsewhere.yaml'],
  ];
  for (const [text, file] of variants) assert.equal(await artifacts(text, file), base, file);
});

test('a change of meaning changes the spec_hash and the SQL of the view', async () => {
  const base = await artifacts(QUICKSTART, 'relc.yaml');
  const edited = await artifacts(QUICKSTART.replace('"score >= :min_score and joined >= :hired_since"', '"score > :min_score and joined >= :hired_since"'), 'relc.yaml');
  assert.is.not(edited.specHash, base.specHash);
  assert.is.not(edited.duckdb, base.duckdb);
});

test.run();
