// The fuzz test's inputs: seeds from the repository's own corpora (TPC-H and the SQL corpus,
// the PostgreSQL probes, the golden cases' rule packs and Substrait plans), mutated by a seeded
// PRNG — token edits for SQL, line and value edits for YAML, value edits for Substrait JSON.
// Same seed, same inputs, byte for byte.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { prng } from '../support/prng.ts';
import { readCorpus } from '../tpch/corpus.ts';
import { substraitSectionPlan } from '../../src/run/gate/golden-case.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export type FuzzKind = 'sql' | 'spec' | 'substrait';

export interface FuzzInput {
  readonly kind: FuzzKind;
  /** Which seed it came from, for the report. */
  readonly seed: string;
  readonly text: string;
}

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ext)).sort().map((f) => path.join(dir, f));
}

/** `---- name` sections of the golden cases. */
function goldenSections(name: string): { seed: string; text: string }[] {
  const out: { seed: string; text: string }[] = [];
  for (const file of filesUnder(path.join(ROOT, 'golden'), '.golden')) {
    const parts = readFileSync(file, 'utf8').split(/^---- /m);
    for (const part of parts.slice(1)) {
      const nl = part.indexOf('\n');
      if (part.slice(0, nl).trim() === name) out.push({ seed: path.relative(ROOT, file), text: part.slice(nl + 1) });
    }
  }
  return out;
}

export function seeds(): Record<FuzzKind, { seed: string; text: string }[]> {
  const sql = [
    ...filesUnder(path.join(ROOT, 'test', 'tpch', 'queries'), '.sql').map((f) => ({ seed: path.basename(f), text: readFileSync(f, 'utf8') })),
    ...['test/tpch/corpus/valid.sql', 'test/pg-oracle/probes.sql', 'test/pg-oracle/probes-functions.sql'].flatMap((f) =>
      readCorpus(path.join(ROOT, f)).filter((q) => q.dialect === 'postgres').map((q) => ({ seed: q.name, text: q.sql })),
    ),
  ];
  const spec = [
    ...goldenSections('spec'),
    ...['examples/quickstart/relc.yaml', 'examples/recursive/relc.yaml'].map((f) => ({ seed: f, text: readFileSync(path.join(ROOT, f), 'utf8') })),
  ];
  // A Substrait section lays the plan out in blocks; the seed is the plan document itself.
  const substrait = goldenSections('substrait-json').flatMap(({ seed, text }) => (text.startsWith('{') ? [{ seed, text: substraitSectionPlan(text) }] : []));
  return { sql, spec, substrait };
}

const SQL_TOKENS = [
  '(', ')', ',', ';', '*', '/', '%', '+', '-', '||', '::int', '::date', '::numeric(40,2)', 'select', 'from', 'where', 'and', 'or', 'not', 'null',
  'case', 'when', 'then', 'else', 'end', 'in', 'exists', 'between', 'like', 'escape', 'is', 'distinct', 'over', 'partition by', 'order by',
  'group by', 'having', 'union', 'all', 'lateral', 'join', 'on', 'using', 'as', 'limit', 'offset', 'with', 'recursive', 'values', 'cast(',
  'interval', "'1 day'", "'x'", "''", "'", '"', '"x"', '--', '/*', '1e999', '-9223372036854775808', '9223372036854775808', '2147483648',
  '0', '0.0', '-1', '1e-400', '$1', ':p', '?', 'date', "date 'x'", 'extract(', 'substring(', 'sum(', 'count(*)', 'row_number()', 'filter (where',
];
const YAML_VALUES = ['&a [1, 2]', '*a', '*nope', '{', '[', '"', "'", 'null', '~', '-1', '1e999', '0', 'int64', 'utf8?', 'decimal(99,99)', 'frobnicate', '[]', '{}', '"a = "', '"sum("', "'x' + 1", '!!binary AA==', '|', '>-'];
const JSON_NUMBERS = [-1, 0, 1, 2, 7, 2147483647, 2147483648, -2147483649, 1e300, -9007199254740993, 0.5];
const JSON_STRINGS = ['', 'x', 'i64', 'functions_arithmetic.yaml', '-1', '99999999999999999999', 'NaN'];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function mutateSql(r: () => number, text: string): string {
  const toks = text.match(/\s+|[A-Za-z_][A-Za-z_0-9]*|\d+(?:\.\d+)?(?:e[+-]?\d+)?|'(?:[^']|'')*'|"[^"]*"|::|\|\||<>|<=|>=|./g) ?? [''];
  for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
    const i = Math.floor(r() * toks.length);
    const op = r();
    if (op < 0.25) toks.splice(i, 1);
    else if (op < 0.45) toks.splice(i, 0, toks[i] ?? '');
    else if (op < 0.6 && i + 1 < toks.length) [toks[i], toks[i + 1]] = [toks[i + 1]!, toks[i]!];
    else if (op < 0.9) toks.splice(i, 0, ` ${pick(r, SQL_TOKENS)} `);
    else toks.length = Math.max(1, i); // truncated
  }
  return toks.join('');
}

function mutateYaml(r: () => number, text: string): string {
  const lines = text.split('\n');
  for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
    const i = Math.floor(r() * lines.length);
    const op = r();
    const line = lines[i] ?? '';
    if (op < 0.15) lines.splice(i, 1);
    else if (op < 0.3) lines.splice(i, 0, line);
    else if (op < 0.4) lines[i] = ` ${line}`;
    else if (op < 0.75 && line.includes(': ')) lines[i] = `${line.slice(0, line.indexOf(': ') + 2)}${pick(r, YAML_VALUES)}`;
    else if (op < 0.95 && /"[^"]+"/.test(line)) lines[i] = line.replace(/"([^"]+)"/, (_m, e: string) => JSON.stringify(mutateSql(r, e)));
    else lines.length = Math.max(1, i);
  }
  return lines.join('\n');
}

function mutateJson(r: () => number, text: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return text;
  }
  // Every container and key, in document order; edits land on one of them.
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (slots.push({ parent: v, key: i }), walk(x)));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) slots.push({ parent: v as Record<string, unknown>, key: k }), walk(x);
  };
  walk(doc);
  for (let n = 1 + Math.floor(r() * 3); n > 0 && slots.length > 0; n--) {
    const { parent, key } = pick(r, slots);
    const cur = (parent as Record<string | number, unknown>)[key];
    const op = r();
    if (op < 0.25) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (op < 0.5 && (typeof cur === 'number' || typeof cur === 'string')) {
      (parent as Record<string | number, unknown>)[key] = typeof cur === 'number' || r() < 0.5 ? pick(r, JSON_NUMBERS) : pick(r, JSON_STRINGS);
    } else if (op < 0.65) (parent as Record<string | number, unknown>)[key] = r() < 0.5 ? {} : [];
    else if (op < 0.8 && Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(cur));
    else if (op < 0.9) (parent as Record<string | number, unknown>)[key] = pick(r, JSON_STRINGS);
    else (parent as Record<string | number, unknown>)[key] = { nested: cur };
  }
  const out = JSON.stringify(doc);
  return r() < 0.05 ? out.slice(0, Math.floor(r() * out.length)) : out;
}

/** `count` inputs of `kind`: mutants of the seeds, round robin over them, from `seed`. */
export function fuzzInputs(kind: FuzzKind, count: number, seed: number): FuzzInput[] {
  const r = prng(seed);
  const pool = seeds()[kind];
  const mutate = kind === 'sql' ? mutateSql : kind === 'spec' ? mutateYaml : mutateJson;
  return Array.from({ length: count }, (_, i) => {
    const s = pool[i % pool.length]!;
    return { kind, seed: s.seed, text: mutate(r, s.text) };
  });
}
