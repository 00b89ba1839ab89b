// Adversarial input gets a coded error with a location, never a crash: YAML alias bombs and
// unresolved aliases, nesting past the parser's limit, numbers beyond float64.
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { compileSpecText } from '../src/spec/index.ts';
import { catalogOf } from '../src/run/compose/catalog.ts';
import { transpileQuery } from '../src/run/compose/transpile.ts';
import { field, T, type RelcError } from '../src/ir/index.ts';
import { failure } from './support/failure.ts';

const sql = (text: string) => () => transpileQuery(text, { from: 'postgres', to: 'duckdb', catalog: catalogOf(new Map()), optimize: true, origin: { file: 'q.sql', line: 1, col: 1 } });

test('a YAML alias bomb is SPEC_PARSE_ERROR at its first alias', async () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) {
    const prev = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const e = await failure(() => compileSpecText(`relc: 1\nname: bomb\n${levels.join('\n')}\n`, 'bomb.yaml'));
  assert.is(e.code, 'SPEC_PARSE_ERROR');
  assert.is(e.message, 'too many YAML alias expansions (more than 100): the document expands like an alias bomb');
  assert.equal(e.location, { file: 'bomb.yaml', line: 4, col: 8 });
});

test('an alias without its anchor is SPEC_PARSE_ERROR at the alias', async () => {
  const e = await failure(() => compileSpecText('relc: 1\nname: x\nfoo: *nope\n', 'a.yaml'));
  assert.is(e.code, 'SPEC_PARSE_ERROR');
  assert.match(e.message, /^Unresolved alias: the anchor must be set before the alias: nope$/);
  assert.equal(e.location, { file: 'a.yaml', line: 3, col: 6 });
});

const deep = (n: number): Record<string, string> => ({
  parens: `select ${'('.repeat(n)}1${')'.repeat(n)}`,
  plus: `select ${'1 + '.repeat(n)}1`,
  not: `select ${'not '.repeat(n)}true`,
  calls: `select ${'abs('.repeat(n)}1${')'.repeat(n)}`,
  case: `select ${'case when true then '.repeat(n)}1${' end'.repeat(n)}`,
});

test('nesting below the limit compiles; past it (2,000 levels) is NESTING_LIMIT with a location', () => {
  for (const [name, text] of Object.entries(deep(900))) assert.ok(sql(text)().text.startsWith('SELECT'), name);
  for (const [name, text] of Object.entries(deep(2000))) {
    let e: RelcError | undefined;
    try {
      sql(text)();
    } catch (x) {
      e = x as RelcError;
    }
    assert.is(e?.code, 'NESTING_LIMIT', name);
    assert.is(e?.location?.file, 'q.sql', name);
    assert.is(e?.location?.line, 1, name);
    assert.ok((e?.location?.col ?? 0) > 1000, name);
  }
});

test('AND/OR chains of 10,000 terms are one flat call, not 10,000 levels; a bad operand names its operator', async () => {
  const terms = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
  const catalog = catalogOf(new Map([['t', [field('a', T.int64), field('b', T.int64)]]]));
  const overT = (text: string) => transpileQuery(text, { from: 'postgres', to: 'duckdb', catalog, optimize: false, origin: { file: 'q.sql', line: 1, col: 1 } });
  const or = overT(`select a from t where ${terms(10_000, (i) => `a = ${i}`).join(' or ')}`);
  const where = or.rel.kind === 'project' && or.rel.input.kind === 'filter' ? or.rel.input.condition : null;
  assert.ok(where !== null && where.kind === 'call' && where.fn === 'or' && where.args.length === 10_000, 'one or() of 10,000 arguments');
  const mixed = overT(`select a from t where ${terms(10_000, (i) => `(a = ${i} and b > ${i})`).join(' or ')} and a > 0`);
  assert.ok(mixed.text.startsWith('SELECT'));
  const e = await failure(sql('select true and true and 1 and true'));
  assert.is(e.code, 'TYPE_MISMATCH');
  assert.is(e.message, 'AND cannot take (bool, int32); it accepts (bool, bool, bool...) -> bool');
  assert.equal(e.location, { file: 'q.sql', line: 1, col: 22 });
});

test('subqueries nested 1,000 deep (FROM and scalar) are NESTING_LIMIT; 150 deep compile', async () => {
  const from = (n: number) => `select * from ${'(select * from '.repeat(n)}(select 1 as x) t${') t'.repeat(n)}`;
  const scalar = (n: number) => `select ${'(select '.repeat(n)}1${')'.repeat(n)}`;
  assert.ok(sql(from(150))().text.startsWith('SELECT'));
  assert.ok(sql(scalar(150))().text.startsWith('SELECT'));
  for (const text of [from(1000), scalar(1000)]) assert.is((await failure(sql(text))).code, 'NESTING_LIMIT');
});

test('numbers beyond float64 are NUMERIC_OUT_OF_RANGE, literal and cast', async () => {
  const e = await failure(sql('select 1e999999999'));
  assert.is(e.code, 'NUMERIC_OUT_OF_RANGE');
  assert.is(e.message, 'number 1e999999999 is out of range (beyond float64)');
  assert.equal(e.location, { file: 'q.sql', line: 1, col: 8 });
  const c = await failure(sql("select cast('1e999' as float8)"));
  assert.is(c.code, 'NUMERIC_OUT_OF_RANGE');
  assert.ok(sql('select 1e300, 1e-300')().text.startsWith('SELECT'));
});

test.run();
