// The extractor against Python's own `ast` and `symtable` (test/oracle/python_facts.py) over the
// interpreter's standard library: every def (kind, name, line, UTF-8 column), the qualified
// names of functions and classes, every def's parameters in order, and per scope the names
// symtable says are bound, read, declared global and nonlocal. No expected value is written by
// hand: Python is the oracle.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { extractFile } from '../src/extract/extract-file.ts';
import { pythonParser } from '../src/extract/parser.ts';
import { columnsOf, type TableName } from '../src/extract/tables.ts';

interface PyDef { kind: string; name: string; line: number; col: number; qualified_name: string | null; params: string[] | null }
interface PyScope { name: string; line: number; bound: string[]; read: string[]; global: string[]; nonlocal: string[] }
interface PyFile { path: string; error?: string; defs?: PyDef[]; scopes?: PyScope[] }

const PY = ['python3.11', 'python3.12', 'python3'].find((p) => spawnSync(p, ['-c', '0']).status === 0)!;
const SKIP = new Set(['site-packages', 'test', 'tests', 'idle_test', '__pycache__']);

function pyFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (SKIP.has(e.name)) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...pyFiles(root, r));
    else if (e.isFile() && e.name.endsWith('.py')) out.push(r);
  }
  return out;
}

const BOUND = new Set(['store', 'del', 'param', 'def', 'import']);
const sortedSet = (xs: Iterable<string>) => [...new Set(xs)].sort();

test('defs, qualified names, parameters and scopes equal Python ast/symtable over the standard library', async () => {
  const stdlib = spawnSync(PY, ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).stdout.trim();
  const files = pyFiles(stdlib);
  const facts = spawnSync(PY, [path.join(import.meta.dirname, 'oracle', 'python_facts.py'), stdlib], { input: files.join('\n'), encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.is(facts.status, 0, facts.stderr);
  const py = await pythonParser();
  const counts = { files: 0, lines: 0, defs: 0, qualified: 0, params: 0, scopes: 0, ambiguous: 0 };
  const misses: string[] = [];
  const miss = (s: string) => void (misses.length < 40 && misses.push(s));
  for (const line of facts.stdout.split('\n')) {
    if (!line) continue;
    const f = JSON.parse(line) as PyFile;
    if (f.error) continue;
    const bytes = readFileSync(path.join(stdlib, f.path));
    const rows = extractFile(py, f.path, bytes, { allNodes: false });
    const col = (t: TableName, c: string) => columnsOf(t).indexOf(c);
    counts.files++;
    counts.lines += rows.files[0]![col('files', 'line_count')] as number;
    // defs
    const D = { id: col('defs', 'def_id'), kind: col('defs', 'kind'), name: col('defs', 'name'), qn: col('defs', 'qualified_name'), line: col('defs', 'line'), col: col('defs', 'col') };
    const defs = rows.defs.filter((d) => d[D.kind] !== 'module');
    const at = (kind: string, line: number, c: number) => `${kind} ${line}:${c}`;
    const byAt = new Map(defs.map((d) => [at(d[D.kind] as string, d[D.line] as number, d[D.col] as number), d]));
    const want = f.defs!.map((d) => `${d.kind} ${d.name} ${d.line}:${d.col}`).sort();
    const got = defs.map((d) => `${d[D.kind]} ${d[D.name]} ${d[D.line]}:${d[D.col]}`).sort();
    counts.defs += want.length;
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      const w = new Set(want), g = new Set(got);
      miss(`${f.path} defs: missing [${want.filter((x) => !g.has(x)).slice(0, 3).join(', ')}] extra [${got.filter((x) => !w.has(x)).slice(0, 3).join(', ')}]`);
    }
    // qualified names and parameters
    const P = { def: col('params', 'def_id'), pos: col('params', 'position'), name: col('params', 'name') };
    const paramsOf = new Map<string, [number, string][]>();
    for (const p of rows.params) (paramsOf.get(p[P.def] as string) ?? paramsOf.set(p[P.def] as string, []).get(p[P.def] as string)!).push([p[P.pos] as number, p[P.name] as string]);
    for (const d of f.defs!) {
      const mine = byAt.get(at(d.kind, d.line, d.col));
      if (!mine) continue;
      if (d.qualified_name !== null) {
        counts.qualified++;
        if (mine[D.qn] !== d.qualified_name) miss(`${f.path}:${d.line} qualified_name ${mine[D.qn]} (Python: ${d.qualified_name})`);
      }
      if (d.params !== null) {
        counts.params += d.params.length;
        const names = (paramsOf.get(mine[D.id] as string) ?? []).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
        if (JSON.stringify(names) !== JSON.stringify(d.params)) miss(`${f.path}:${d.line} params [${names}] (Python: [${d.params}])`);
      }
    }
    // scopes: keyed by (name, line); a key two scopes share is not compared
    const N = { scope: col('names', 'scope_def_id'), name: col('names', 'name'), ctx: col('names', 'ctx') };
    const keyOf = new Map<string, string>();
    for (const d of rows.defs) keyOf.set(d[D.id] as string, d[D.kind] === 'module' ? '<module> 0' : `${d[D.name]} ${d[D.line]}`);
    // Python mangles `__x` inside a class (`_C__x`, in the class body and every scope nested in
    // it); relc's names are as written, so they are mangled here before comparing.
    const P_ID = col('defs', 'parent_def_id');
    const defById = new Map(rows.defs.map((d) => [d[D.id] as string, d]));
    const classOf = (id: string): string | null => {
      for (let d = defById.get(id); d; d = defById.get(d[P_ID] as string)) if (d[D.kind] === 'class') return d[D.name] as string;
      return null;
    };
    const mangle = (scope: string, name: string): string => {
      const c = name.startsWith('__') && !name.endsWith('__') ? classOf(scope) : null;
      const bare = c?.replace(/^_+/, '');
      return c && bare ? `_${bare}${name}` : name;
    };
    const mineScopes = new Map<string, { bound: string[]; read: string[]; global: string[]; nonlocal: string[] }>();
    const dupes = new Set<string>();
    for (const k of keyOf.values()) if (mineScopes.has(k)) dupes.add(k); else mineScopes.set(k, { bound: [], read: [], global: [], nonlocal: [] });
    for (const n of rows.names) {
      const s = mineScopes.get(keyOf.get(n[N.scope] as string)!)!;
      const ctx = n[N.ctx] as string, name = mangle(n[N.scope] as string, n[N.name] as string);
      if (BOUND.has(ctx)) s.bound.push(name);
      else if (ctx === 'load') s.read.push(name); // `annotation`: not evaluated, so not read
      else if (ctx === 'global') s.global.push(name);
      else if (ctx === 'nonlocal') s.nonlocal.push(name);
    }
    const pyKeys = new Map<string, number>();
    for (const s of f.scopes!) pyKeys.set(`${s.name} ${s.line}`, (pyKeys.get(`${s.name} ${s.line}`) ?? 0) + 1);
    for (const s of f.scopes!) {
      const k = `${s.name} ${s.line}`;
      if (dupes.has(k) || pyKeys.get(k)! > 1) {
        counts.ambiguous++;
        continue;
      }
      const m = mineScopes.get(k);
      counts.scopes++;
      if (!m) {
        miss(`${f.path}: scope ${k} not extracted`);
        continue;
      }
      for (const part of ['bound', 'read', 'global', 'nonlocal'] as const) {
        // Not in the source, so not in relc's names: `.0`, a comprehension's iterator argument;
        // `__class__`, the cell super() reads; at module level, the names functions declare
        // global (symtable flags the module's own symbols); in a comprehension, a walrus target
        // is flagged both assigned and nonlocal (it binds in the enclosing function: relc's
        // names say nonlocal here and store there).
        if (part === 'global' && s.name === '<module>') continue;
        const a = sortedSet(m[part]);
        const b = s[part].filter((x) => !x.startsWith('.') && !(x === '__class__' && part === 'read' && !a.includes(x) && a.includes('super'))
          && !(part === 'bound' && s.name.startsWith('<') && s.nonlocal.includes(x)));
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          miss(`${f.path}: scope ${k} ${part}: relc-only [${a.filter((x) => !b.includes(x)).slice(0, 4)}] python-only [${b.filter((x) => !a.includes(x)).slice(0, 4)}]`);
        }
      }
    }
  }
  console.log(`oracle: ${counts.files} files, ${counts.lines} lines, ${counts.defs} defs, ${counts.qualified} qualified names, ${counts.params} parameters, ${counts.scopes} scopes (${counts.ambiguous} sharing a name and line, not compared): ${misses.length} mismatches`);
  assert.ok(counts.files > 100, `only ${counts.files} files compared`);
  assert.equal(misses, []);
});

test.run();
