// A `--schema` document reads the same through the JSON fast path as through the YAML parser:
// same values for JSON texts (escapes, nesting, a ":" inside strings), the YAML parser's
// answer for YAML texts, and its error for a JSON object that repeats a key.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadCatalogFile } from '../src/run/compose/catalog.ts';
import { parseJsonOrYaml } from '../src/run/json-or-yaml.ts';
import { failure } from './support/failure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

const TEXTS = [
  readFileSync(path.join(ROOT, 'bench', 'data', 'tpch-schema.json'), 'utf8'),
  '{"t": {"a": "int64", "b\\":": "utf8", "c": "x\\\\"}, "u": {}}',
  '{ "t" :\n\t{ "k\\u00e9y" : "int32" , "esc\\"aped" : "text:\\"x\\":" } }',
  '[{"a": [1, 2, {"b": null}]}, "s", true, -1.5e3]',
  '{"a": {"x": "int64"}, "b": {"x": "int64"}}', // the same key in two objects is no repeat
  '"just a string"',
  't:\n  a: int64\n  "b": utf8\n', // YAML
  '{t: {a: int64}}', // YAML flow mapping, not JSON
  '\ufeff{"t": {"a": "int64"}}', // a byte order mark: not JSON.parse's, the YAML parser's
];

test('JSON and YAML texts read as the YAML parser reads them', async () => {
  for (const text of TEXTS) assert.equal(await parseJsonOrYaml(text), parseYaml(text), text);
});

test('a JSON object that repeats a key fails as in the YAML parser', async () => {
  for (const text of ['{"t": {"a": "int64", "a": "utf8"}}', '{"t": {}, "u": [{"x": 1, "x": 2}]}', '{"t": {"a": "int64"}, "t": {}}']) {
    let expected = '';
    try {
      parseYaml(text);
    } catch (e) {
      expected = (e as Error).message;
    }
    assert.ok(expected.length > 0, `the YAML parser rejects ${text}`);
    const e = await failure(parseJsonOrYaml(text));
    assert.is((e as Error).message, expected);
  }
});

test('a schema file with a repeated column is SPEC_PARSE_ERROR, a JSON schema file reads', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relc-json-or-yaml-'));
  try {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"t": {"a": "int64", "a": "utf8"}}');
    const e = await failure(loadCatalogFile(bad));
    assert.is(e.code, 'SPEC_PARSE_ERROR');
    assert.match(e.message, /Map keys must be unique/);
    const { tables } = await loadCatalogFile(path.join(ROOT, 'bench', 'data', 'tpch-schema.json'));
    assert.equal([...tables.keys()].sort(), ['customer', 'lineitem', 'nation', 'orders', 'part', 'partsupp', 'region', 'supplier']);
    assert.equal(tables.get('region')!.map((f) => `${f.name} ${f.type.kind} ${f.nullable}`), ['r_regionkey int32 true', 'r_name utf8 true', 'r_comment utf8 true']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
