// Imports point one way (DESIGN.md §1): src/ir imports nothing of relc; front ends and back
// ends import src/ir (spec also builds on the SQL expression language); only src/run, src/cli
// and src/index.ts compose stages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

/** Stage of a file: the folder under src/ (`lower/sql` and `lower/substrait` are two stages). */
function stageOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  if (rel.length === 1) return rel[0]!.replace(/\.ts$/, '');
  return rel[0] === 'lower' || rel[0] === 'backends' ? `${rel[0]}/${rel.length > 2 ? rel[1] : ''}`.replace(/\/$/, '') : rel[0]!;
}

const ALLOWED: Record<string, readonly string[] | 'any'> = {
  ir: [],
  spec: ['ir', 'sql'],
  sql: ['ir'],
  extract: ['ir'], // code → input tables (tree-sitter), a front end of its own
  'substrait-proto': [],
  substrait: ['ir', 'substrait-proto'],
  optimize: ['ir'],
  'lower/sql': ['ir'],
  'lower/substrait': ['ir', 'substrait-proto'],
  backends: ['ir', 'backends/duckdb', 'backends/sqlite'],
  'backends/duckdb': ['ir', 'backends'],
  'backends/sqlite': ['ir', 'backends', 'backends/duckdb'],
  build: ['ir', 'extract', 'run', 'lower/sql', 'optimize', 'backends'], // relc build: extraction composed with a pack run
  run: 'any',
  cli: 'any',
  index: 'any',
};

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

test('every import inside src/ follows the layering', () => {
  const violations: string[] = [];
  let checked = 0;
  for (const file of files(SRC)) {
    const from = stageOf(file);
    const allowed = ALLOWED[from];
    assert.ok(allowed !== undefined, `no layering rule for stage '${from}' (${path.relative(SRC, file)})`);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2]!;
      const target = stageOf(path.resolve(path.dirname(file), spec));
      checked++;
      if (target === from || allowed === 'any') continue;
      if (!allowed.includes(target)) violations.push(`${path.relative(SRC, file)} (${from}) imports ${spec} (${target})`);
    }
  }
  assert.ok(checked > 100, `only ${checked} imports seen: the scan is broken`);
  assert.equal(violations, []);
});

test('the rule catches a violation', () => {
  assert.is(stageOf(path.join(SRC, 'lower/sql/print.ts')), 'lower/sql');
  assert.is(stageOf(path.join(SRC, 'ir/types.ts')), 'ir');
  assert.not.ok((ALLOWED['optimize'] as readonly string[]).includes('lower/sql'));
});

test.run();
