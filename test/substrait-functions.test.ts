// Every function of the registry lowers to Substrait for every consumer profile and decodes
// back to the same signature; the forms that pin relc's semantics (extract's enums, date_part
// for consumers without enum arguments, the NULL guard of ||, round's ties) are the ones
// written; relc's extension YAML declares exactly the signatures the catalog lists.
import { readFileSync } from 'node:fs';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { E, field, initHashing, isRelcError, REGISTRY, resolveCall, signViews, T, type DataType, type Expr, type Program, type Rel, type Schema } from '../src/ir/index.ts';
import { encodePlanJson, SUBSTRAIT_CONSUMERS, toSubstraitPlan, type SubstraitConsumerName } from '../src/lower/substrait/index.ts';
import { RELC_FUNCTIONS } from '../src/substrait-proto/index.ts';
import { decodeSubstrait } from '../src/substrait/index.ts';

const CONSUMERS = Object.keys(SUBSTRAIT_CONSUMERS) as SubstraitConsumerName[];

/** Concrete argument types tried for each argument pattern of a signature. */
const CHOICES: Readonly<Record<string, readonly DataType[]>> = {
  any: [T.int64, T.utf8],
  numeric: [T.int32, T.int64, T.float64, T.decimal(12, 2)],
  integer: [T.int32, T.int64],
  string: [T.utf8],
  temporal: [T.date, T.timestamp],
  comparable: [T.int64, T.utf8, T.date, T.float64, T.decimal(12, 2), T.bool, T.timestamp],
  list: [T.list(T.int64), T.list(T.utf8)],
};

function typesFor(pattern: string): readonly DataType[] {
  const simple = (T as unknown as Record<string, DataType>)[pattern];
  return CHOICES[pattern] ?? (simple ? [simple] : []);
}

const program = (rel: Rel): Program => ({ name: 'p', profile: 'default', params: [], inputs: [], views: [{ name: 'v', rel }], outputs: [] });

/** One view applying `fn` to columns of the given types (nullable), as its kind requires. */
function callView(fn: string, kind: string, args: readonly DataType[], type: DataType): Rel {
  // Arguments are columns 1…; column 0 is a key to order windows by.
  const input: Rel = { kind: 'scan', table: 't', schema: [field('k', T.int64), ...args.map((t, i) => field(`c${i}`, t, true))] };
  const cols: Expr[] = args.map((_, i) => E.col(i + 1));
  if (kind === 'scalar') return { kind: 'project', input, exprs: [E.call(fn, cols, type)], names: ['x'] };
  if (kind === 'aggregate') return { kind: 'aggregate', input, groupBy: [], measures: [{ fn, args: cols, distinct: false, type }], names: ['x'] };
  return { kind: 'window', input, functions: [{ fn, args: cols, distinct: false, partitionBy: [], orderBy: [E.asc(E.col(0))], type }], names: ['x'] };
}

test.before(async () => {
  await initHashing();
});

test('every registry function, for every signature and consumer, lowers and decodes to the same signature', () => {
  let checked = 0;
  let refusedByAcero = 0;
  const failures: string[] = [];
  for (const def of REGISTRY.values()) {
    for (const sig of def.signatures) {
      const patterns = [...sig.args, ...(sig.variadic ? [sig.variadic] : [])];
      const combos = patterns.reduce<DataType[][]>((acc, p) => acc.flatMap((c) => typesFor(p).map((t) => [...c, t])), [[]]);
      for (const args of combos) {
        let type: DataType;
        try {
          type = resolveCall(def.name, args).returns;
        } catch (e) {
          // A combination the signature's own rules reject — nothing else may fail here.
          assert.is((e as { code?: string }).code, 'TYPE_MISMATCH', `${def.name}: ${String(e)}`);
          continue;
        }
        const p = program(callView(def.name, def.kind, args, type));
        const before = signViews(p).get('v');
        for (const consumer of CONSUMERS) {
          const label = `${consumer} ${def.name}(${args.map((t) => t.kind).join(', ')})`;
          try {
            const back = decodeSubstrait(encodePlanJson(toSubstraitPlan(p, { consumer })));
            if (signViews(back).get('v') !== before) failures.push(`${label}: signature changed`);
          } catch (e) {
            // A subset profile's own coded refusal of a function it does not convert is no failure.
            const d = isRelcError(e) ? (e.details as { consumer?: string; construct?: string } | undefined) : undefined;
            if (consumer === 'acero' && isRelcError(e) && e.code === 'BACKEND_UNSUPPORTED' && d?.consumer === consumer && d.construct) {
              refusedByAcero++;
              continue;
            }
            failures.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
          }
          checked++;
        }
      }
    }
  }
  assert.equal(failures, []);
  assert.ok(checked > 400, `only ${checked} calls checked`);
  assert.ok(refusedByAcero > 0 && refusedByAcero < checked, `acero refused ${refusedByAcero}, wrote ${checked}`);
});

/** The function declarations and the first call of a one-view plan. */
function planOf(expr: Expr, schema: Schema, consumer: SubstraitConsumerName = 'standard') {
  const plan = toSubstraitPlan(program({ kind: 'project', input: { kind: 'scan', table: 't', schema }, exprs: [expr], names: ['x'] }), { views: ['v'], consumer });
  const json = JSON.parse(encodePlanJson(plan));
  const names = (json.extensions ?? []).map((e: { extensionFunction: { name: string } }) => e.extensionFunction.name);
  return { names, expression: json.relations[0].root.input.project.expressions[0] };
}

test('date parts: standard extract with component (and indexing) enums; date_part with a string field for consumers without enums', () => {
  const s: Schema = [field('d', T.date), field('ts', T.timestamp)];
  const year = planOf(E.call('extract_year', [E.col(0)], T.int64), s);
  assert.equal(year.names, ['extract:req_date']);
  assert.equal(year.expression.scalarFunction.arguments.slice(0, 1), [{ enum: 'YEAR' }]);
  const month = planOf(E.call('extract_month', [E.col(0)], T.int64), s);
  assert.equal(month.names, ['extract:req_req_date']);
  assert.equal(month.expression.scalarFunction.arguments.slice(0, 2), [{ enum: 'MONTH' }, { enum: 'ONE' }]);
  const dow = planOf(E.call('extract_dow', [E.col(1)], T.int64), s);
  assert.equal(dow.names, ['extract:req_req_pts']);
  assert.equal(dow.expression.scalarFunction.arguments.slice(0, 2), [{ enum: 'SUNDAY_DAY_OF_WEEK' }, { enum: 'ZERO' }]);
  // The standard reads hours from timestamps only: a date is cast (exactly) first.
  const hour = planOf(E.call('extract_hour', [E.col(0)], T.int64), s);
  assert.equal(hour.names, ['extract:req_pts']);
  assert.ok(hour.expression.scalarFunction.arguments[1].value.cast, 'date cast to a timestamp');
  const df = planOf(E.call('extract_month', [E.col(0)], T.int64), s, 'datafusion');
  assert.equal(df.names, ['date_part:str_date']);
  assert.equal(df.expression.scalarFunction.arguments[0], { value: { literal: { string: 'month' } } });
});

test('|| with a nullable operand is guarded: NULL when any operand is NULL, whatever the consumer does with NULLs', () => {
  const s: Schema = [field('a', T.utf8, true), field('b', T.utf8)];
  const guarded = planOf(E.call('concat', [E.col(0), E.col(1)], T.utf8), s);
  const it = guarded.expression.ifThen;
  assert.ok(it, 'an if-then around the concat');
  assert.equal(guarded.names, ['concat:str', 'is_null:any']);
  assert.is(it.ifs.length, 1);
  assert.equal(it.ifs[0].if.scalarFunction.arguments, [{ value: { selection: { directReference: { structField: {} }, rootReference: {} } } }]);
  assert.ok(it.ifs[0].then.literal.null, 'then NULL');
  assert.equal(it.else.scalarFunction.options, [{ name: 'null_handling', preference: ['ACCEPT_NULLS'] }]);
  // Non-nullable operands need no guard.
  const plain = planOf(E.call('concat', [E.col(1), E.col(1)], T.utf8), s);
  assert.ok(plain.expression.scalarFunction, 'a plain concat');
});

test('round(double) decides ties to even explicitly; round(x, n) ties away from zero', () => {
  const s: Schema = [field('x', T.float64)];
  const even = planOf(E.call('round', [E.col(0)], T.float64), s);
  assert.equal(even.expression.ifThen.else.scalarFunction.options, [{ name: 'rounding', preference: ['TIE_TO_EVEN'] }]);
  assert.ok(even.names.includes('floor:fp64') && even.names.includes('round:fp64_i32'));
  const away = planOf(E.call('round', [E.col(0), E.lit(T.int32, 2)], T.float64), s);
  assert.equal(away.expression.scalarFunction.options, [{ name: 'rounding', preference: ['TIE_AWAY_FROM_ZERO'] }]);
});

test('x / 0 and x % 0 are NULL explicitly: a zero guard on the divisor, none for a non-zero literal divisor', () => {
  const s: Schema = [field('x', T.int64), field('y', T.int32, true)];
  const guarded = planOf(E.call('divide', [E.col(0), E.col(1)], T.int64), s);
  const it = guarded.expression.ifThen;
  assert.ok(it, 'an if-then around the division');
  assert.equal(it.ifs[0].if.scalarFunction.arguments[1], { value: { literal: { i64: '0' } } });
  assert.ok(it.ifs[0].if.scalarFunction.arguments[0].value.cast, 'the divisor as the division takes it (int64)');
  assert.ok(it.ifs[0].then.literal.null);
  assert.equal(it.else.scalarFunction.options, [{ name: 'on_division_by_zero', preference: ['NULL'] }]);
  const literal = planOf(E.call('modulus', [E.col(0), E.lit(T.int64, '7')], T.int64), s);
  assert.ok(literal.expression.scalarFunction, 'no guard for % 7');
  assert.equal(literal.expression.scalarFunction.options, [{ name: 'division_type', preference: ['TRUNCATE'] }, { name: 'on_domain_error', preference: ['NULL'] }]);
});

test('NOT over a LIKE is written and_not(true, like) so that it stays apart from NOT LIKE', () => {
  const s: Schema = [field('s', T.utf8)];
  const like = (negated: boolean): Expr => ({ kind: 'like', expr: E.col(0), pattern: E.lit(T.utf8, 'a%'), escape: null, negated, caseInsensitive: false });
  assert.equal(planOf(like(true), s).names, ['like:str_str', 'not:bool']);
  assert.equal(planOf(E.call('not', [like(false)], T.bool), s).names, ['and_not:bool_bool', 'like:str_str']);
  for (const e of [like(true), E.call('not', [like(false)], T.bool)]) {
    const p = program({ kind: 'filter', input: { kind: 'scan', table: 't', schema: s }, condition: e });
    assert.is(signViews(decodeSubstrait(encodePlanJson(toSubstraitPlan(p)))).get('v'), signViews(p).get('v'));
  }
});

test("functions_relc.yaml declares exactly the signatures of relc's extension catalog", () => {
  const yaml = parse(readFileSync(new URL('../src/substrait-proto/functions_relc.yaml', import.meta.url), 'utf8')) as Record<string, { name: string; impls: { args: { value: string }[]; variadic?: unknown }[] }[]>;
  const short = (v: string) => {
    const base = /^[a-z_0-9]+/.exec(v.replace(/"/g, ''))![0];
    const map: Record<string, string> = { string: 'str', boolean: 'bool', date: 'date', precision_timestamp: 'pts', interval_compound: 'icompound', interval_day: 'iday', decimal: 'dec', any: 'any', any1: 'any', binary: 'vbin' };
    return map[base] ?? base;
  };
  const declared = [...(yaml.scalar_functions ?? []), ...(yaml.aggregate_functions ?? [])].flatMap((f) =>
    f.impls.map((i) => `${f.name}:${i.args.map((a) => short(a.value)).join('_')}${i.variadic ? '...' : ''}`));
  assert.equal([...declared].sort(), [...RELC_FUNCTIONS].sort());
});

test.run();
