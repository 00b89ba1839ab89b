// Recursions in Substrait: relc's declared extension relations (ExtensionMultiRel with a
// relc.RecursiveRel detail over [base, step], ExtensionLeafRel with relc.RecursiveRefRel for the
// working table, both type URLs in Plan.expected_type_urls) round-trip through binary and JSON
// with the same signatures and the same rows; a consumer profile that cannot take them, and
// plans that misuse them, get coded errors.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { openBackend, canonicalRowKey } from '../src/backends/index.ts';
import { initHashing, RelcError, schemaOf, signViews, type Program } from '../src/ir/index.ts';
import { lowerView } from '../src/lower/sql/index.ts';
import { encodePlanBinary, encodePlanJson, toSubstraitPlan } from '../src/lower/substrait/index.ts';
import { compileSpecText } from '../src/spec/index.ts';
import { decodeSubstrait } from '../src/substrait/index.ts';
import { relcTypeUrl } from '../src/substrait-proto/index.ts';
import { failure } from './support/failure.ts';

const example = path.join(import.meta.dirname, '..', 'examples', 'recursive', 'relc.yaml');
let program: Program;

test.before(async () => {
  await initHashing();
  program = (await compileSpecText(readFileSync(example, 'utf8'), example)).program;
});

test('the example pack round-trips through binary and JSON with equal signatures; the plan declares relc\'s detail types', () => {
  const plan = toSubstraitPlan(program);
  assert.equal(plan.expectedTypeUrls, [relcTypeUrl('RecursiveRefRel'), relcTypeUrl('RecursiveRel')].sort());
  const before = signViews(program);
  for (const input of [encodePlanBinary(plan), encodePlanJson(plan)]) {
    const back = decodeSubstrait(input);
    const after = signViews(back);
    for (const v of program.views) assert.is(after.get(v.name), before.get(v.name), v.name);
    assert.equal(encodePlanJson(toSubstraitPlan(back)), encodePlanJson(plan));
  }
  assert.match(encodePlanJson(plan), /"extensionMulti"/);
  assert.match(encodePlanJson(plan), /"extensionLeaf"/);
});

test('the decoded plan returns the same rows on DuckDB and SQLite', async () => {
  const back = decodeSubstrait(encodePlanBinary(toSubstraitPlan(program)));
  const dir = path.dirname(example);
  for (const kind of ['duckdb', 'sqlite'] as const) {
    const b = await openBackend(kind, { threads: 1 });
    try {
      for (const i of program.inputs) await b.loadInput(i, path.join(dir, i.path));
      for (const o of program.outputs) {
        const schema = schemaOf(program.views.find((v) => v.name === o.from)!.rel);
        const want = (await b.query(lowerView(program, o.from, kind).sql, [], schema)).map(canonicalRowKey).sort();
        const got = (await b.query(lowerView(back, o.from, kind).sql, [], schema)).map(canonicalRowKey).sort();
        assert.ok(want.length > 0);
        assert.equal(got, want, `${kind} ${o.from}`);
      }
    } finally {
      await b.close();
    }
  }
});

test('the datafusion consumer profile cannot take a recursion: BACKEND_UNSUPPORTED naming it', async () => {
  const e = await failure(() => toSubstraitPlan(program, { consumer: 'datafusion' }));
  assert.instance(e, RelcError);
  assert.is(e.code, 'BACKEND_UNSUPPORTED');
  assert.match(e.message, /recursion reach: the datafusion Substrait consumer does not read relc's extension relations/);
});

test('misused extension relations are SUBSTRAIT_DECODE_ERROR with a path', async () => {
  const plan = JSON.parse(encodePlanJson(toSubstraitPlan(program, { views: ['reach'] }))) as { relations: { root: { input: Record<string, any> } }[] };
  const multi = plan.relations[0]!.root.input.extensionMulti;
  assert.ok(multi, 'the view is an extension relation');
  // proto3 JSON of an Any: the type URL as "@type" beside the message's own fields.
  assert.equal(Object.keys(multi.detail).sort(), ['@type', 'distinct', 'maxIterations', 'name']);
  assert.is(multi.detail['@type'], 'type.googleapis.com/relc.RecursiveRel');
  const cases: [string, (p: typeof plan) => void, RegExp][] = [
    ['unknown detail type', (p) => (p.relations[0]!.root.input.extensionMulti.detail['@type'] = 'type.googleapis.com/other.Thing'), /extension relation of type type.googleapis.com\/other.Thing is not supported/],
    ['one input', (p) => (p.relations[0]!.root.input.extensionMulti.inputs = [p.relations[0]!.root.input.extensionMulti.inputs[0]]), /two inputs \(base, step\), not 1/],
    ['working table outside its recursion', (p) => (p.relations[0]!.root.input = p.relations[0]!.root.input.extensionMulti.inputs[1]), /outside the step of a recursion/],
    ['malformed detail bytes', (p) => (p.relations[0]!.root.input.extensionMulti.detail = { typeUrl: 'type.googleapis.com/relc.RecursiveRel', value: Buffer.from([0x0a, 0x20]).toString('base64') }), /detail/],
  ];
  for (const [name, mutate, message] of cases) {
    const p = JSON.parse(JSON.stringify(plan)) as typeof plan;
    mutate(p);
    const e = await failure(() => decodeSubstrait(JSON.stringify(p)));
    assert.instance(e, RelcError, name);
    assert.is(e.code, 'SUBSTRAIT_DECODE_ERROR', `${name}: ${e.message}`);
    assert.match(e.message, message, name);
  }
});

test.run();
