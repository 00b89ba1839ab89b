// Issue 16: relc's Substrait plans declare their parameters (relc.Parameters, an optimization of
// Plan.advanced_extensions): names, types and defaults come back on decoding, survive the round
// trip byte for byte, and plans without the declaration keep their numbered parameters.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { encodePlanBinary, encodePlanJson, toSubstraitPlan } from '../src/lower/substrait/index.ts';
import { loadSpecFile, prepareProgram } from '../src/run/compose/compile.ts';
import { encodeRelcDetail, relcTypeUrl } from '../src/substrait-proto/index.ts';
import { decodeSubstrait } from '../src/substrait/index.ts';
import { decodeFails } from './support/substrait.ts';

const SPEC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../examples/quickstart/relc.yaml');

async function quickstart() {
  const compiled = await loadSpecFile(SPEC);
  return (await prepareProgram(compiled.program, { optimize: true, disable: [] }, compiled)).program;
}

test('the plan declares every parameter (anchor, name, type, default) and lists the type URL', async () => {
  const plan = toSubstraitPlan(await quickstart());
  assert.equal(plan.expectedTypeUrls, ['type.googleapis.com/relc.Parameters']);
  assert.equal(plan.advancedExtensions, {
    optimization: [encodeRelcDetail('Parameters', {
      parameters: [
        { anchor: 1, name: 'min_score', type: { fp64: { nullability: 'NULLABILITY_REQUIRED' } }, default: { fp64: 0.5 } },
        { anchor: 2, name: 'hired_since', type: { date: { nullability: 'NULLABILITY_REQUIRED' } }, default: { date: 17897 } },
      ],
    })],
  });
  assert.is(plan.advancedExtensions?.optimization?.[0]?.typeUrl, relcTypeUrl('Parameters'));
});

test('decoding gives back the pack’s parameters; IR → Substrait → IR → Substrait is byte-identical', async () => {
  const program = await quickstart();
  const bin = encodePlanBinary(toSubstraitPlan(program));
  const json = encodePlanJson(toSubstraitPlan(program));
  for (const form of [bin, json]) assert.equal(decodeSubstrait(form).params, program.params);
  assert.equal(Buffer.compare(Buffer.from(encodePlanBinary(toSubstraitPlan(decodeSubstrait(bin)))), Buffer.from(bin)), 0);
  assert.is(encodePlanJson(toSubstraitPlan(decodeSubstrait(json))), json);
  assert.equal(Buffer.compare(Buffer.from(encodePlanBinary(toSubstraitPlan(program))), Buffer.from(bin)), 0);
});

test('a parameter no view reads is declared and comes back; a nullable one without default too', () => {
  const program = {
    name: 'p', profile: 'default' as const,
    params: [
      { name: 'unused', field: { name: 'unused', type: { kind: 'utf8' as const }, nullable: false }, default: { kind: 'lit' as const, type: { kind: 'utf8' as const }, value: 'x' } },
      { name: 'maybe', field: { name: 'maybe', type: { kind: 'int64' as const }, nullable: true } },
    ],
    inputs: [],
    views: [{
      name: 'v',
      rel: {
        kind: 'project',
        input: { kind: 'values', schema: [{ name: 'x', type: { kind: 'int64' }, nullable: false }], rows: [[{ kind: 'lit', type: { kind: 'int64' }, value: '1' }]] },
        exprs: [{ kind: 'param', name: 'maybe', type: { kind: 'int64' }, nullable: true }],
        names: ['a'],
      },
    }],
    outputs: [],
  };
  const back = decodeSubstrait(encodePlanBinary(toSubstraitPlan(program as never)));
  assert.equal(back.params, program.params);
});

test('bound parameters are literals: the plan declares none', async () => {
  const plan = toSubstraitPlan(await quickstart(), { bindParams: true });
  assert.is(plan.advancedExtensions, undefined);
  assert.is(plan.expectedTypeUrls, undefined);
});

test('a plan without relc.Parameters (another producer) numbers its parameters, without defaults', async () => {
  const plan = JSON.parse(encodePlanJson(toSubstraitPlan(await quickstart())));
  delete plan.advancedExtensions;
  delete plan.expectedTypeUrls;
  plan.version.producer = 'someone-else';
  const params = decodeSubstrait(JSON.stringify(plan)).params;
  assert.equal(params.map((p) => [p.name, p.field.type.kind, p.default]), [['p1', 'float64', undefined], ['p2', 'date', undefined]]);
});

test('a malformed declaration is SUBSTRAIT_DECODE_ERROR with its path', async () => {
  const base = toSubstraitPlan(await quickstart());
  const withDecl = (parameters: object[]) => encodePlanJson({ ...base, advancedExtensions: { optimization: [encodeRelcDetail('Parameters', { parameters })] } });
  const t = { fp64: { nullability: 'NULLABILITY_REQUIRED' } };
  let e = decodeFails(withDecl([{ anchor: 1, name: 'min_score', type: t, default: { string: 'high' } }]));
  assert.is(e.message, 'advancedExtensions.optimization[0].parameters[0].default: the default of min_score is a utf8, not a float64');
  e = decodeFails(withDecl([{ anchor: 1, name: 'a', type: t }, { anchor: 1, name: 'b', type: t }]));
  assert.is(e.message, 'advancedExtensions.optimization[0].parameters[1].anchor: parameter anchor 1 is declared twice');
  e = decodeFails(withDecl([{ anchor: 1, name: 'a b', type: t }]));
  assert.is(e.message, 'advancedExtensions.optimization[0].parameters[0].name: parameter name "a b" is not an identifier');
  e = decodeFails(withDecl([{ anchor: 1, name: 'a', type: { date: { nullability: 'NULLABILITY_REQUIRED' } } }]));
  assert.match(e.message, /parameter 1 used with two types/);
  e = decodeFails(encodePlanJson({ ...base, advancedExtensions: { optimization: [{ typeUrl: relcTypeUrl('Parameters'), value: new Uint8Array([0x0a, 0x05, 0x01]) }] } }));
  assert.is(e.code, 'SUBSTRAIT_DECODE_ERROR');
  assert.is(e.details?.path, 'advancedExtensions.optimization[0]');
});

test('bytes and text that are no plan say what was expected', () => {
  const e = decodeFails(new Uint8Array(Buffer.from('garbage\x01\x02\xff', 'latin1')));
  assert.is(e.message, 'not a Substrait plan (expected a binary substrait.Plan protobuf or its JSON form): invalid field tag (field 12, wire type 7) at byte 0');
  assert.is(e.details?.path, 'plan'); // field 12 is none of Plan's: no path into a plan
  assert.is(decodeFails('{"relations": 3}').message, 'not a Substrait plan (expected a binary substrait.Plan protobuf or its JSON form): relations: array expected');
  assert.match(decodeFails('{nope').message, /^not a Substrait plan \(expected a binary substrait\.Plan protobuf or its JSON form\): invalid JSON: /);
});

test.run();
