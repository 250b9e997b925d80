// Unit tests of the minimal line diff (src/core/diff/myers.ts).

import * as assert from 'assert';
import { Hunk, LineInterner, compactHunks, diffLines, diffPrefix } from '../../src/core/diff/myers';
import {
  Rng, alphabetFile, applyHunks, baseSeed, changeLines, checkHunks, codeFile, codeStatement, deriveTarget, jsdiffSize, prefixCosts, sizeOf,
} from './diffTestUtil';

const L = (s: string): string[] => (s === '' ? [] : s.split(' '));
const H = (oldStart: number, oldEnd: number, newStart: number, newEnd: number): Hunk => ({ oldStart, oldEnd, newStart, newEnd });

function checkDiff(a: readonly string[], b: readonly string[], where = ''): Hunk[] {
  const h = diffLines(a, b);
  checkHunks(h, a.length, b.length, a, b, `diffLines ${where}`);
  assert.deepStrictEqual(applyHunks(a, b, h), b, `accept-all ${where}`);
  assert.strictEqual(sizeOf(h), jsdiffSize(a, b), `not minimal ${where}`);
  return h;
}

describe('diff engine: diffLines (Myers, linear space)', () => {
  it('identical texts give no hunks', () => {
    assert.deepStrictEqual(diffLines(L('a b c'), L('a b c')), []);
    assert.deepStrictEqual(diffLines([], []), []);
  });

  it('empty old / empty new', () => {
    assert.deepStrictEqual(diffLines([], L('a b')), [H(0, 0, 0, 2)]);
    assert.deepStrictEqual(diffLines(L('a b'), []), [H(0, 2, 0, 0)]);
  });

  it('insert at start, middle and end', () => {
    assert.deepStrictEqual(checkDiff(L('a b c'), L('X a b c')), [H(0, 0, 0, 1)]);
    assert.deepStrictEqual(checkDiff(L('a b c'), L('a X b c')), [H(1, 1, 1, 2)]);
    assert.deepStrictEqual(checkDiff(L('a b c'), L('a b c X')), [H(3, 3, 3, 4)]);
  });

  it('delete at start, middle and end', () => {
    assert.deepStrictEqual(checkDiff(L('a b c'), L('b c')), [H(0, 1, 0, 0)]);
    assert.deepStrictEqual(checkDiff(L('a b c'), L('a c')), [H(1, 2, 1, 1)]);
    assert.deepStrictEqual(checkDiff(L('a b c'), L('a b')), [H(2, 3, 2, 2)]);
  });

  it('a replacement is one hunk (old range + new range)', () => {
    assert.deepStrictEqual(checkDiff(L('a x b'), L('a y b')), [H(1, 2, 1, 2)]);
    assert.deepStrictEqual(checkDiff(L('a x1 x2 b'), L('a y1 y2 y3 b')), [H(1, 3, 1, 4)]);
  });

  it('first-line off-by-one: a change in line 1 only', () => {
    assert.deepStrictEqual(checkDiff(L('a b c d'), L('A b c d')), [H(0, 1, 0, 1)]);
    // Same first line repeated later must not shift the hunk.
    assert.deepStrictEqual(checkDiff(L('a b a c'), L('A b a c')), [H(0, 1, 0, 1)]);
    // Only the last line changes.
    assert.deepStrictEqual(checkDiff(L('a b c d'), L('a b c D')), [H(3, 4, 3, 4)]);
  });

  it('a block added after a `}` keeps the existing `}` and adds the whole new block', () => {
    const a = ['function a() {', '  x();', '}'];
    const b = ['function a() {', '  x();', '}', '', 'function b() {', '  y();', '}'];
    assert.deepStrictEqual(checkDiff(a, b), [H(3, 3, 3, 7)]);
  });

  it('a function inserted between blank-line separated functions is inserted as a unit', () => {
    const a = ['function a() {', '  x;', '}', '', 'function c() {', '  z;', '}'];
    const b = ['function a() {', '  x;', '}', '', 'function b() {', '  y;', '}', '', 'function c() {', '  z;', '}'];
    const h = checkDiff(a, b);
    assert.deepStrictEqual(h, [H(4, 4, 4, 8)]);
    assert.deepStrictEqual(b.slice(4, 8), ['function b() {', '  y;', '}', '']);
  });

  it('repeated identical lines (`}` and blank lines) stay matched when only one changes', () => {
    const a = ['if (a) {', '  }', '  }', '', '', '}', '}'];
    const b = ['if (a) {', '  }', '  }', '', 'x', '', '}', '}'];
    assert.deepStrictEqual(checkDiff(a, b), [H(4, 4, 4, 5)]);
    const c = ['}', '}', '}', '}'];
    assert.deepStrictEqual(checkDiff(c, ['}', '}', '}']).length, 1);
    assert.deepStrictEqual(checkDiff(['', '', ''], ['', 'x', '', '']).length, 1);
  });

  it('swapped blocks: minimal, one block kept', () => {
    const A = ['a1', 'a2', 'a3'], B = ['b1', 'b2'];
    const h = checkDiff([...A, ...B], [...B, ...A]);
    assert.strictEqual(sizeOf(h), 4); // move the shorter block
  });

  it('compaction merges a sliding deletion into the following insertion', () => {
    const int = new LineInterner();
    const a = int.intern(L('a x a')), b = int.intern(L('a y'));
    // Valid but loose: delete "a x", keep the last "a", insert "y" after it.
    const loose = [H(0, 2, 0, 0), H(3, 3, 1, 2)];
    assert.deepStrictEqual(compactHunks(loose, a, 0, 3, b, 0, 2), [H(1, 3, 1, 2)]);
    // A pure deletion that can't reach a neighbour slides down as far as it goes.
    const c = int.intern(L('a b b c')), d = int.intern(L('a b c d'));
    assert.deepStrictEqual(compactHunks([H(1, 2, 1, 1), H(4, 4, 3, 4)], c, 0, 4, d, 0, 4), [H(2, 3, 2, 2), H(4, 4, 3, 4)]);
  });

  it('matches jsdiff (an independent Myers) in size on random inputs, with repeats', function () {
    this.timeout(60000);
    const seed = baseSeed(0xd1ff);
    let cases = 0;
    for (let c = 0; c < 3000; c++) {
      const r = new Rng(seed + c);
      const kind = r.int(4);
      let a: string[], b: string[];
      if (kind === 0) {
        a = alphabetFile(r, r.int(25), r.range(1, 4));
        b = r.chance(0.5) ? alphabetFile(r, r.int(25), r.range(1, 4)) : deriveTarget(r, a, 0.3, (k) => alphabetFile(r, k, 4));
      } else if (kind === 1) {
        a = codeFile(r, r.int(300));
        b = deriveTarget(r, a, r.pick([0.02, 0.1, 0.3, 0.6]), (k) => Array.from({ length: k }, () => codeStatement(r, r.range(1, 3))));
      } else if (kind === 2) {
        a = codeFile(r, r.int(300));
        b = changeLines(r, a, r.pick([0.01, 0.1, 0.5]));
      } else {
        a = codeFile(r, r.int(200));
        b = codeFile(r, r.int(200));
      }
      checkDiff(a, b, `(DIFF_SEED=${seed} case ${c})`);
      cases++;
    }
    console.log(`      diffLines vs jsdiff: ${cases} random cases, seed ${seed} (DIFF_SEED to reproduce)`);
  });

  it('5,000 × 5,000 lines with 50% changed lines (timing printed, not asserted)', function () {
    this.timeout(60000);
    const r = new Rng(5000);
    const a = codeFile(r, 5000);
    const b = a.map((l) => (r.chance(0.5) ? codeStatement(r, 1) : l));
    const vocab = Array.from({ length: 40 }, () => codeStatement(r, 1));
    const c = Array.from({ length: 5000 }, () => r.pick(vocab));
    const d = c.map((l) => (r.chance(0.5) ? r.pick(vocab) : l));
    diffLines(a.slice(0, 500), b.slice(0, 500)); // warm-up
    const rows: string[] = [];
    for (const [name, x, y] of [['code, changed lines new', a, b], ['40-line vocabulary (no unique lines)', c, d]] as const) {
      const t0 = performance.now();
      const h = diffLines(x, y);
      const ms = performance.now() - t0;
      assert.deepStrictEqual(applyHunks(x, y, h), y);
      rows.push(`${name}: ${ms.toFixed(1)} ms, ${h.length} hunks, size ${sizeOf(h)}`);
    }
    console.log(`      diffLines 5,000 × 5,000, 50% changed: ${rows.join('; ')}`);
  });
});

describe('diff engine: diffPrefix (semi-global)', () => {
  it('hand cases', () => {
    assert.deepStrictEqual(diffPrefix(L('a b c'), []), { hunks: [], oldEnd: 0 });
    assert.deepStrictEqual(diffPrefix(L('a b c'), L('a b')), { hunks: [], oldEnd: 2 });
    // The original's tail is left out, not deleted.
    assert.deepStrictEqual(diffPrefix(L('a b c d'), L('a b X')), { hunks: [H(2, 2, 2, 3)], oldEnd: 2 });
    // Ties go to the smaller end: "c" inserted (b, c, d left out) rather than b deleted...
    assert.deepStrictEqual(diffPrefix(L('a b c d'), L('a c')), { hunks: [H(1, 1, 1, 2)], oldEnd: 1 });
    // ...but a skipped line is deleted once the match after it is worth more.
    assert.deepStrictEqual(diffPrefix(L('a b c d'), L('a c d')), { hunks: [H(1, 2, 1, 1)], oldEnd: 4 });
    assert.deepStrictEqual(diffPrefix([], L('x y')), { hunks: [H(0, 0, 0, 2)], oldEnd: 0 });
  });

  it('matches a brute-force DP on small random inputs (cost and smallest optimal end)', function () {
    this.timeout(60000);
    const seed = baseSeed(0x9e1);
    let cases = 0;
    for (let c = 0; c < 4000; c++) {
      const r = new Rng(seed + c);
      const k = r.range(1, 5);
      const a = r.chance(0.8) ? alphabetFile(r, r.int(20), k) : codeFile(r, r.int(40));
      const b = r.chance(0.5) ? alphabetFile(r, r.int(20), k) : deriveTarget(r, a.slice(0, r.int(a.length + 1)), 0.3, (n) => alphabetFile(r, n, k + 1));
      const costs = prefixCosts(a, b);
      const best = Math.min(...costs);
      const { hunks, oldEnd } = diffPrefix(a, b);
      const where = `(DIFF_SEED=${seed} case ${c})`;
      checkHunks(hunks, oldEnd, b.length, a, b, `diffPrefix ${where}`);
      assert.strictEqual(sizeOf(hunks), best, `cost ${where}`);
      assert.strictEqual(oldEnd, costs.indexOf(best), `end ${where}`);
      assert.deepStrictEqual(applyHunks(a, b, hunks, oldEnd), b, `accept ${where}`);
      cases++;
    }
    console.log(`      diffPrefix vs brute-force DP: ${cases} random cases, seed ${seed}`);
  });
});
