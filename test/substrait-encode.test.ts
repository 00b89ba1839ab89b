// The direct protobuf writer (codec.ts writeMessage) gives the bytes of protobufjs's own path
// (fromObject, then its generated encoder) for every plan relc produces: the TPC-H queries, the
// SQL front end's construct corpus, the hand-built coverage program, and plans holding the edge
// values of each scalar kind; and the bytes decode back to the same plan.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { optimizeRel } from '../src/optimize/index.ts';
import { parseSelect } from '../src/sql/index.ts';
import { toSubstraitPlan } from '../src/lower/substrait/index.ts';
import { canonicalPlan, decodeBinary, encodeBinary, encodeBinaryViaMessages, type SubstraitPlan } from '../src/substrait-proto/index.ts';
import type { Program, Rel } from '../src/ir/index.ts';
import { readCorpus } from './tpch/corpus.ts';
import { corpusCatalog, tpchCatalog } from './tpch/schema.ts';
import { coverageFixture } from './interop/fixtures.ts';

function sameBytes(plan: SubstraitPlan, what: string): void {
  const direct = encodeBinary(plan);
  const reference = encodeBinaryViaMessages(plan);
  assert.ok(Buffer.from(direct).equals(Buffer.from(reference)), `${what}: ${direct.length} bytes written, protobufjs gives ${reference.length}`);
  assert.equal(decodeBinary(direct), canonicalPlan(plan), `${what}: decodes to the plan`);
}

const planOf = (name: string, rel: Rel) => {
  const program: Program = { name, profile: 'default', params: [], inputs: [], views: [{ name, rel }], outputs: [] };
  return toSubstraitPlan(program, { views: [name] });
};

test('the 22 TPC-H queries, optimized', () => {
  const dir = join(import.meta.dirname, 'tpch/queries');
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  assert.is(files.length, 22);
  for (const f of files) {
    const rel = optimizeRel(parseSelect(readFileSync(join(dir, f), 'utf8'), { dialect: 'postgres', catalog: tpchCatalog }), {}).rel;
    sameBytes(planOf(f, rel), f);
  }
});

test('the SQL construct corpus: every plan Substrait takes', () => {
  let n = 0;
  for (const q of readCorpus(join(import.meta.dirname, 'tpch/corpus/valid.sql'))) {
    let plan: SubstraitPlan;
    try {
      plan = planOf(q.name, optimizeRel(parseSelect(q.sql, { dialect: q.dialect, catalog: corpusCatalog }), {}).rel);
    } catch {
      continue; // a construct Substrait refuses (test/substrait-*.test.ts holds those refusals)
    }
    sameBytes(plan, q.name);
    n++;
  }
  assert.ok(n >= 100, `${n} plans`);
});

test('the coverage program: every relation kind and scalar type', () => {
  const { program } = coverageFixture();
  for (const v of program.views) sameBytes(toSubstraitPlan(program, { views: [v.name] }), v.name);
});

test('edge values: 64-bit extremes, non-finite and negative-zero doubles, zero in a oneof, bytes, enums by name and number', () => {
  const lit = (literal: Record<string, unknown>) => ({ literal });
  const plan = {
    version: { majorNumber: 0, minorNumber: 79, producer: 'relc' },
    relations: [{
      root: {
        names: ['a'],
        input: {
          project: {
            common: { emit: { outputMapping: [0, 5, 2147483647, -2147483648] } },
            input: { read: { baseSchema: { names: [], struct: { nullability: 'NULLABILITY_REQUIRED' } }, namedTable: { names: ['t'] } } },
            expressions: [
              lit({ i64: '-9223372036854775808' }), lit({ i64: '9223372036854775807' }), lit({ i64: '0' }), lit({ i32: 0 }), lit({ i32: -1 }),
              lit({ fp64: 'NaN' }), lit({ fp64: 'Infinity' }), lit({ fp64: '-Infinity' }), lit({ fp64: -0 }), lit({ fp32: 1.5 }),
              lit({ binary: Buffer.from([0, 1, 255]).toString('base64') }), lit({ string: '' }), lit({ boolean: false }),
              lit({ decimal: { value: Buffer.alloc(16, 7).toString('base64'), precision: 38, scale: 2 } }),
              lit({ null: { i64: { nullability: 2 } } }),
            ],
          },
        },
      },
    }],
  } as unknown as SubstraitPlan;
  sameBytes(plan, 'edge values');
});

test.run();
