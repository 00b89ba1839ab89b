// Imports point one way (ARCHITECTURE.md): src/ir imports nothing of relc; front ends and back
// ends import src/ir (spec also builds on the SQL expression language); only src/run, src/cli
// and src/index.ts compose stages.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from './support/uvu.ts';
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
  spec: ['ir', 'sql'], // rule expressions are SQL: the spec front end composes the SQL one (ARCHITECTURE.md)
  sql: ['ir'],
  kysely: ['ir', 'sql'], // Kysely operation nodes → the SQL front end's syntax tree → its translation
  extract: ['ir'], // code → input tables (tree-sitter), a front end of its own
  'substrait-proto': [],
  substrait: ['ir', 'substrait-proto'],
  optimize: ['ir'],
  'lower/sql': ['ir'],
  'lower/substrait': ['ir', 'substrait-proto'],
  backends: ['ir', 'backends/duckdb', 'backends/sqlite'], // backends/index.ts opens either one, lazily
  'backends/input-files': ['ir', 'backends'], // the file reader both engines load inputs through
  'backends/arrow': ['ir', 'backends'], // Arrow columns from canonical values, relc types as Arrow types
  'backends/duckdb': ['ir', 'backends', 'backends/input-files', 'backends/arrow'],
  'backends/sqlite': ['ir', 'backends', 'backends/input-files', 'backends/arrow'],
  build: ['ir', 'extract', 'run', 'lower/sql', 'optimize', 'backends'], // relc build: extraction composed with a pack run
  run: 'any',
  cli: 'any',
  index: 'any',
};

/** A relative import or re-export (static or dynamic); group 1 or 2 is the path. */
const IMPORT = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

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
    for (const m of text.matchAll(IMPORT)) {
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

/** Import cycles that are recursion in the thing itself: an expression can hold a relation (a
 * subquery) and relations hold expressions; the parser, the SELECT translation and the SQL
 * lowering descend through one another. Any other cycle is a name in the wrong file. */
const RECURSIVE_CYCLES: readonly string[] = [
  'ir/expr.ts ir/rel.ts',
  'lower/sql/lower-join.ts lower/sql/lower-recursive.ts lower/sql/lower-rel.ts lower/sql/lower-setop.ts',
  'sql/parse-call.ts sql/parse-expr.ts sql/parse-query.ts',
  'sql/select/core.ts sql/select/from.ts sql/select/query.ts sql/select/subquery.ts sql/select/windows.ts',
];

/** Strongly connected sets of files (Tarjan), each sorted, of more than one file. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const members: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      members.push(w);
    } while (w !== v);
    if (members.length > 1) found.push(members.sort().join(' '));
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found.sort();
}

test('no import cycles but the recursive ones', () => {
  const graph = new Map<string, string[]>();
  for (const file of files(SRC)) {
    const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => path.relative(SRC, path.resolve(path.dirname(file), m[1] ?? m[2]!)));
    graph.set(path.relative(SRC, file), targets);
  }
  assert.equal(cycles(graph), [...RECURSIVE_CYCLES].sort());
  assert.equal(cycles(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]])), ['a b']);
});

test('every stage folder says what goes in and out (a CONTEXT.md)', () => {
  // The folders under src/, and under src/lower/ (two stages); backends/ has one for its engines.
  const dirs = (at: string) => readdirSync(path.join(SRC, at)).filter((d) => statSync(path.join(SRC, at, d)).isDirectory()).map((d) => path.join(at, d));
  const stages = [...dirs('.').filter((d) => d !== 'lower'), ...dirs('lower')];
  assert.ok(stages.includes('substrait') && stages.includes(path.join('lower', 'sql')), stages.join(', '));
  assert.equal(stages.filter((s) => !existsSync(path.join(SRC, s, 'CONTEXT.md'))), []);
});

test('every suite takes `test` from test/support/uvu.ts (it reports RelcErrors that uvu cannot)', () => {
  const TEST = path.resolve(SRC, '../test');
  const direct = readdirSync(TEST).filter((f) => f.endsWith('.test.ts') && /^import .* from 'uvu';$/m.test(readFileSync(path.join(TEST, f), 'utf8')));
  assert.equal(direct, []);
});

test('the rule catches a violation', () => {
  assert.is(stageOf(path.join(SRC, 'lower/sql/print.ts')), 'lower/sql');
  assert.is(stageOf(path.join(SRC, 'ir/types.ts')), 'ir');
  assert.not.ok((ALLOWED['optimize'] as readonly string[]).includes('lower/sql'));
});

test.run();
