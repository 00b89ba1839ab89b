// The golden case file format and the unified line diff (no compiler involved).
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { RelcError } from '../src/ir/index.ts';
import { headerValue, parseGoldenFile, renderGoldenFile, section } from '../src/run/gate/golden-format.ts';
import { diffLines, unifiedDiff } from '../src/run/gate/golden-unified-diff.ts';

const CASE = `# title: a case
# spec-note: free text is kept
# a plain comment line

---- spec
relc: 1
name: x

---- rel
== v [a: int64]
01)scan t [a: int64]
`;

test('parse: header lines, sections, body line numbers, trailing blank lines dropped', () => {
  const g = parseGoldenFile(CASE, 'c.golden');
  assert.is(headerValue(g, 'title'), 'a case');
  assert.is(headerValue(g, 'spec-note'), 'free text is kept');
  assert.is(headerValue(g, 'missing'), undefined);
  assert.equal(g.sections.map((s) => s.name), ['spec', 'rel']);
  assert.is(section(g, 'spec')!.body, 'relc: 1\nname: x');
  assert.is(section(g, 'spec')!.line, 6);
  assert.is(section(g, 'rel')!.line, 10);
});

test('render is the inverse of parse for a canonical file, and canonicalizes layout', () => {
  const g = parseGoldenFile(CASE, 'c.golden');
  const text = renderGoldenFile(g);
  assert.is(text, CASE);
  const messy = CASE.replace('\n\n---- rel', '\n\n\n\n---- rel').replace('x\n', 'x   \n');
  const again = renderGoldenFile(parseGoldenFile(messy, 'c.golden'));
  assert.is(renderGoldenFile(parseGoldenFile(again, 'c.golden')), again);
});

test('errors: no title, text before the first section, a repeated section', () => {
  const codeOf = (text: string) => {
    try {
      parseGoldenFile(text, 'c.golden');
    } catch (e) {
      assert.instance(e, RelcError);
      const err = e as RelcError;
      return `${err.code}@${err.location!.line}`;
    }
    return 'no error';
  };
  assert.is(codeOf('---- spec\nrelc: 1\n'), 'SPEC_MISSING_FIELD@1');
  assert.is(codeOf('# title: t\nstray\n---- spec\n'), 'SPEC_BAD_VALUE@2');
  assert.is(codeOf('# title: t\n---- spec\na\n---- spec\nb\n'), 'DUPLICATE_NAME@4');
});

test('unified diff: exact hunks in diff(1) format', () => {
  const a = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n';
  const b = 'one\ntwo\nTHREE\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\n';
  assert.is(
    unifiedDiff(a, b, { fromLabel: 'a', toLabel: 'b', context: 2 }),
    '--- a\n+++ b\n@@ -1,5 +1,5 @@\n one\n two\n-three\n+THREE\n four\n five\n@@ -9,2 +9,3 @@\n nine\n ten\n+eleven\n',
  );
  assert.is(unifiedDiff(a, a, { fromLabel: 'a', toLabel: 'b' }), '');
  assert.is(unifiedDiff('', 'x\n', { fromLabel: 'a', toLabel: 'b' }), '--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n');
  assert.is(unifiedDiff('x\ny\n', 'y\n', { fromLabel: 'a', toLabel: 'b' }), '--- a\n+++ b\n@@ -1,2 +1 @@\n-x\n y\n');
});

test('line diff is a shortest edit script (seeded random cases, checked by replaying it)', () => {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const lcs = (a: string[], b: string[]) => {
    const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
    return t[0]![0]!;
  };
  for (let n = 0; n < 400; n++) {
    const a = Array.from({ length: Math.floor(rnd() * 15) }, () => 'abcde'[Math.floor(rnd() * 5)]!);
    const b = Array.from({ length: Math.floor(rnd() * 15) }, () => 'abcde'[Math.floor(rnd() * 5)]!);
    const ops = diffLines(a, b);
    assert.equal(ops.filter((o) => o.op !== '+').map((o) => o.line), a);
    assert.equal(ops.filter((o) => o.op !== '-').map((o) => o.line), b);
    assert.is(ops.filter((o) => o.op === ' ').length, lcs(a, b));
  }
});

test('line diff of 100,000-line texts: a few edits stay a shortest script, 10,000 edits a valid one', () => {
  const a = Array.from({ length: 100_000 }, (_, i) => `line ${i}`);
  const few = a.map((l, i) => (i % 25_000 === 7 ? `${l} changed` : l));
  const ops = diffLines(a, few);
  assert.is(ops.filter((o) => o.op === '-').length, 4);
  assert.is(ops.filter((o) => o.op === '+').length, 4);
  // Every 10th line changed: past the search's edit bound the middle is replaced wholesale.
  const many = a.map((l, i) => (i % 10 === 5 ? `${l} changed` : l));
  const all = diffLines(a, many);
  assert.equal(all.filter((o) => o.op !== '+').map((o) => o.line), a);
  assert.equal(all.filter((o) => o.op !== '-').map((o) => o.line), many);
  assert.is(all.filter((o) => o.op === ' ').length, 9, 'only the common first 5 and last 4 lines are kept');
});

test.run();
