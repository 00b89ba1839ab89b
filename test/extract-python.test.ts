// The extractor's rows against Python's own ast (def spans in UTF-8 bytes on non-ASCII source),
// stable_id equal to DuckDB's, bad input as parse_errors rows, determinism.
import { spawnSync } from 'node:child_process';
import { DuckDBInstance } from '@duckdb/node-api';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { extractFile } from '../src/extract/extract-file.ts';
import { pythonParser } from '../src/extract/parser.ts';
import { columnsOf } from '../src/extract/tables.ts';
import { stableId } from '../src/ir/stable-id.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const SRC = "# é 😀 中文\ns = 'ünïcödé 🎉'\ndef 函数(x='é'):\n    return lambda y: x + '😀'\nclass Ça:\n    def m(self): pass\n";

test('def lines and UTF-8 byte columns equal Python ast on non-ASCII source', async () => {
  const py = await pythonParser();
  const rows = extractFile(py, 'pkg/mod.py', enc(SRC), { allNodes: false });
  const cols = columnsOf('defs');
  const got = rows.defs.filter((r) => r[cols.indexOf('kind')] !== 'module').map((r) => [r[cols.indexOf('name')], r[cols.indexOf('line')], r[cols.indexOf('col')]]);
  const script = "import ast,sys,json\nt=ast.parse(sys.stdin.buffer.read())\nout=[]\nfor n in ast.walk(t):\n  if isinstance(n,(ast.FunctionDef,ast.ClassDef)): out.append([n.name,n.lineno,n.col_offset])\n  if isinstance(n,ast.Lambda): out.append(['<lambda>',n.lineno,n.col_offset])\nprint(json.dumps(out))";
  const r = spawnSync('python3', ['-c', script], { input: enc(SRC) });
  assert.is(r.status, 0, r.stderr.toString());
  const want = JSON.parse(r.stdout.toString()) as unknown[][];
  const key = (x: unknown[]) => JSON.stringify(x);
  assert.equal(got.map(key).sort(), want.map(key).sort());
  // byte span of the lambda: from the UTF-8 prefix length
  const lam = rows.defs.find((d) => d[cols.indexOf('kind')] === 'lambda')!;
  const at = Buffer.from(SRC, 'utf8').indexOf(Buffer.from('lambda y', 'utf8'));
  assert.is(lam[cols.indexOf('bstart')], at);
});

test('names: match captures, walrus targets in comprehensions, type(x).a = v, lazy annotations', async () => {
  const py = await pythonParser();
  const code = [
    'from __future__ import annotations',
    'def f(mock: Mock) -> Out:',
    '    type(mock).x = 1',
    '    match mock:',
    '        case str(slot) | ast.Expr(slot): pass',
    '        case [a, *rest, _]: pass',
    '        case {"k": v, **kw}: pass',
    '        case Point(x=px) as whole: pass',
    '    return sum((d := x) * d for x in mock)',
    '',
  ].join('\n');
  const rows = extractFile(py, 'm.py', enc(code), { allNodes: false });
  const c = columnsOf('names'), d = columnsOf('defs');
  const qn = new Map(rows.defs.map((r) => [r[d.indexOf('def_id')], r[d.indexOf('qualified_name')]]));
  const got = rows.names.map((n) => `${qn.get(n[c.indexOf('scope_def_id')])} ${n[c.indexOf('name')]} ${n[c.indexOf('ctx')]}`);
  assert.equal(got, [
    'm annotations import', 'm f def', 'm Mock annotation', 'm.f mock param', 'm Out annotation', 'm.f type load', 'm.f mock load', 'm.f mock load',
    'm.f str load', 'm.f slot store', 'm.f ast load', 'm.f slot store', 'm.f a store', 'm.f rest store', 'm.f v store', 'm.f kw store',
    'm.f Point load', 'm.f px store', 'm.f whole store',
    'm.f sum load', 'm.f.<genexpr> x load', 'm.f.<genexpr> d nonlocal', 'm.f d store', 'm.f.<genexpr> d load', 'm.f.<genexpr> x store', 'm.f mock load',
  ]);
});

test('stable_id in JS equals the engine stable_id', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = await c.runAndReadAll("select left(sha256('va/é.py' || chr(31) || 'v12' || chr(31) || 'vcall' || chr(31) || 'n'), 32)");
  assert.is(stableId('a/é.py', 12, 'call', null), r.getRows()[0]![0]);
});

test('bad input becomes parse_errors rows, never a throw', async () => {
  const py = await pythonParser();
  const kinds = (bytes: Uint8Array) => {
    const rows = extractFile(py, 'bad.py', bytes, { allNodes: false });
    return { status: rows.files[0]![7], errors: rows.parse_errors.map((e) => e[2]) };
  };
  assert.equal(kinds(new Uint8Array([0x78, 0x3d, 0xff, 0xfe, 0x0a])), { status: 'not_utf8', errors: ['not_utf8'] });
  assert.equal(kinds(new Uint8Array([0x78, 0x00, 0x01])), { status: 'binary', errors: ['binary'] });
  assert.equal(kinds(new Uint8Array()), { status: 'ok', errors: [] });
  const syn = kinds(enc('def f(:\n  pass\nx = (1,\n'));
  assert.is(syn.status, 'syntax_error');
  assert.ok(syn.errors.length > 0 && syn.errors.every((k) => k === 'error' || k === 'missing'));
});

test('extraction is deterministic', async () => {
  const py = await pythonParser();
  const a = JSON.stringify(extractFile(py, 'pkg/mod.py', enc(SRC), { allNodes: true }));
  const b = JSON.stringify(extractFile(py, 'pkg/mod.py', enc(SRC), { allNodes: true }));
  assert.is(a, b);
});

test.run();
