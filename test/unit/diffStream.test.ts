// Unit tests of the streaming diff (src/core/diff/streamDiff.ts) and the merged view
// (src/core/diff/mergedView.ts): hand cases. The random property test is diffProperty.test.ts.

import * as assert from 'assert';
import type { Hunk } from '../../src/core/diff/myers';
import { LineInterner } from '../../src/core/diff/myers';
import { StreamDiff, DiffSnapshot, splicePaths } from '../../src/core/diff/streamDiff';
import { mergedView, ViewLine } from '../../src/core/diff/mergedView';
import { Rng, applyHunks, checkSnapshot, codeFile, jsdiffSize, sizeOf } from './diffTestUtil';

const L = (s: string): string[] => (s === '' ? [] : s.split(' '));
const H = (oldStart: number, oldEnd: number, newStart: number, newEnd: number): Hunk => ({ oldStart, oldEnd, newStart, newEnd });

/** The view as compact tags: " a" same, "-a" removed, "+a" added, "?a" pending. */
function tags(v: readonly ViewLine[]): string {
  const t = { same: ' ', removed: '-', added: '+', pending: '?' } as const;
  return v.map((x) => t[x.kind] + x.text).join('|');
}

function streamAll(original: string[], lines: string[], snapEvery = 1): { sd: StreamDiff; snaps: DiffSnapshot[] } {
  const sd = new StreamDiff(original);
  const snaps: DiffSnapshot[] = [];
  lines.forEach((l, i) => {
    sd.push(l);
    if ((i + 1) % snapEvery === 0) {
      const s = sd.snapshot();
      checkSnapshot(original, sd.newLines, s, `snapshot after ${i + 1} lines`);
      snaps.push(s);
    }
  });
  return { sd, snaps };
}

describe('diff engine: StreamDiff', () => {
  it('before any line: everything pending; finish(true) removes all, finish(false) keeps all', () => {
    const o = L('a b');
    const sd = new StreamDiff(o);
    const s = sd.snapshot();
    assert.deepStrictEqual(s, { hunks: [], oldAligned: 0, newCount: 0, done: false, settledHunks: 0, settledOld: 0, settledNew: 0 });
    assert.strictEqual(tags(mergedView(o, sd.newLines, s)), '?a|?b');
    const cut = new StreamDiff(o).finish(false);
    assert.deepStrictEqual(cut.hunks, []);
    assert.strictEqual(cut.oldAligned, 0);
    assert.strictEqual(tags(mergedView(o, [], cut)), ' a| b');
    const done = sd.finish(true);
    assert.deepStrictEqual(done.hunks, [H(0, 2, 0, 0)]);
    assert.strictEqual(tags(mergedView(o, [], done)), '-a|-b');
  });

  it('an identical answer never shows a change', () => {
    const o = codeFile(new Rng(1), 120);
    const { sd, snaps } = streamAll(o, o, 7);
    for (const s of snaps) assert.deepStrictEqual(s.hunks, []);
    const f = sd.finish(true);
    assert.deepStrictEqual(f.hunks, []);
    assert.strictEqual(sd.finishChoice, 'displayed');
  });

  it('first-line change: the new line 1 is added at the top, not shifted by one', () => {
    const o = L('a b c');
    const sd = new StreamDiff(o);
    sd.push('A');
    assert.strictEqual(tags(mergedView(o, sd.newLines, sd.snapshot())), '+A|?a|?b|?c');
    sd.push('b');
    assert.strictEqual(tags(mergedView(o, sd.newLines, sd.snapshot())), '-a|+A| b|?c');
    sd.push('c');
    const f = sd.finish(true);
    assert.deepStrictEqual(f.hunks, [H(0, 1, 0, 1)]);
    assert.strictEqual(tags(mergedView(o, sd.newLines, f)), '-a|+A| b| c');
  });

  it('original lines are not shown removed before the model has passed them', () => {
    const o = L('a b c d e');
    const sd = new StreamDiff(o);
    sd.push('a');
    sd.push('X');
    assert.strictEqual(tags(mergedView(o, sd.newLines, sd.snapshot())), ' a|+X|?b|?c|?d|?e');
    sd.push('c'); // the model skipped b: now b is removed, X replaced it
    assert.strictEqual(tags(mergedView(o, sd.newLines, sd.snapshot())), ' a|-b|+X| c|?d|?e');
  });

  it('insertions at the end and deletions at the end', () => {
    let { sd } = streamAll(L('a b'), L('a b c'));
    assert.deepStrictEqual(sd.finish(true).hunks, [H(2, 2, 2, 3)]);
    ({ sd } = streamAll(L('a b c'), L('a')));
    assert.deepStrictEqual(sd.finish(true).hunks, [H(1, 3, 1, 1)]);
  });

  it('code with repeated `}` and blank lines ends minimal', () => {
    const o = ['function a() {', '  if (x) {', '    y();', '  }', '}', '', 'function b() {', '  if (x) {', '  }', '}', ''];
    const n = ['function a() {', '  if (x) {', '    y();', '  }', '  z();', '}', '', 'function b() {', '  if (x) {', '    w();', '  }', '}', ''];
    const { sd } = streamAll(o, n);
    const f = sd.finish(true);
    assert.deepStrictEqual(f.hunks, [H(4, 4, 4, 5), H(8, 8, 9, 10)]);
    assert.strictEqual(sizeOf(f.hunks), jsdiffSize(o, n));
  });

  it('cancel mid-stream: accept-all = received lines + the original lines not reached', () => {
    const o = L('a b c d e f');
    const { sd } = streamAll(o, L('a B c'));
    const f = sd.finish(false);
    assert.strictEqual(f.done, true);
    assert.strictEqual(f.oldAligned, 3);
    assert.deepStrictEqual(f.hunks, [H(1, 2, 1, 2)]);
    const view = mergedView(o, sd.newLines, f);
    assert.strictEqual(tags(view), ' a|-b|+B| c| d| e| f');
    assert.deepStrictEqual(view.filter((v) => v.kind === 'same' && v.oldIndex >= 3).map((v) => v.newIndex), [-1, -1, -1]);
    assert.deepStrictEqual(applyHunks(o, sd.newLines, f.hunks), L('a B c d e f'));
  });

  it('finish is idempotent; snapshot after finish returns the final diff; push after finish throws', () => {
    const { sd } = streamAll(L('a b'), L('a x'));
    const f = sd.finish(true);
    assert.strictEqual(sd.finish(false), f);
    assert.strictEqual(sd.snapshot(), f);
    assert.throws(() => sd.push('y'));
  });

  it('the settled prefix never changes while streaming', () => {
    const r = new Rng(7);
    const o = codeFile(r, 400);
    const n = o.map((l) => (r.chance(0.1) ? `${l} // changed` : l));
    const { snaps } = streamAll(o, n, 5);
    for (let k = 1; k < snaps.length; k++) {
      const p = snaps[k - 1], c = snaps[k];
      assert.ok(c.settledOld! >= p.settledOld! && c.settledNew! >= p.settledNew!);
      assert.deepStrictEqual(c.hunks.slice(0, p.settledHunks), p.hunks.slice(0, p.settledHunks));
    }
    assert.ok(snaps[snaps.length - 1].settledNew! > 300, 'most of a mostly-equal answer settles');
  });

  it('an all-new answer keeps the unsettled tail bounded (no quadratic work per frame)', () => {
    const r = new Rng(9);
    const o = codeFile(r, 3000);
    const sd = new StreamDiff(o);
    let maxOpen = 0;
    for (let i = 0; i < 3000; i++) {
      sd.push(`new line ${i} ${r.int(1e9)}`);
      if (i % 30 === 29) {
        const s = sd.snapshot();
        maxOpen = Math.max(maxOpen, s.newCount - s.settledNew!);
      }
    }
    assert.ok(maxOpen <= 192 + 30, `unsettled tail ${maxOpen}`);
    const f = sd.finish(true);
    assert.deepStrictEqual(f.hunks, [H(0, 3000, 0, 3000)]);
  });

  it('a snapshot taken rarely (backlog) is processed in bounded steps and is still consistent', () => {
    const r = new Rng(11);
    const o = codeFile(r, 2000);
    const n = o.map((l) => (r.chance(0.2) ? `${l} // changed` : l));
    const sd = new StreamDiff(o);
    for (const l of n) sd.push(l);
    const s = sd.snapshot();
    checkSnapshot(o, sd.newLines, s, 'backlog snapshot');
    const f = sd.finish(true);
    assert.strictEqual(sizeOf(f.hunks), jsdiffSize(o, n));
  });
});

describe('diff engine: splicePaths (finish keeps what was shown where it is optimal)', () => {
  const ids = (a: string[], b: string[]): [Int32Array, Int32Array] => { const int = new LineInterner(); return [int.intern(a), int.intern(b)]; };

  it('keeps an optimal shown alignment even when the minimal diff chose another one', () => {
    const [A, B] = ids(L('x a x'), L('x'));
    // Shown: the last x kept. Minimal diff: the first x kept. Both cost 2.
    const r = splicePaths(A, B, { hunks: [H(0, 2, 0, 0)], end: 3 }, { hunks: [H(1, 3, 1, 1)], end: 3 }, 3, 1, false);
    assert.deepStrictEqual(r.hunks, [H(0, 2, 0, 0)]);
  });

  it('re-routes only the suboptimal stretch, keeping the shown state there when possible', () => {
    const [A, B] = ids(L('s p q p q t'), L('s p q t'));
    // Shown (cost 4): s, the first p and t kept; old "q p q" removed, new "q" added. Minimal diff
    // handed in (cost 2): keep the LAST "p q", i.e. the first p removed, which was shown kept.
    // The splice keeps s, the first p and t, and the shown removal of old "q p": only old line 4
    // and new line 2 change state (they become a matched pair).
    const r = splicePaths(A, B, { hunks: [H(2, 5, 2, 3)], end: 6 }, { hunks: [H(1, 3, 1, 1)], end: 6 }, 6, 4, false);
    assert.deepStrictEqual(r.hunks, [H(2, 4, 2, 2)]);
  });

  it('cut streams: the original\'s unreached tail is free', () => {
    const [A, B] = ids(L('a b c d e'), L('a X'));
    const r = splicePaths(A, B, { hunks: [H(1, 2, 1, 2)], end: 2 }, { hunks: [H(1, 1, 1, 2)], end: 1 }, 5, 2, true);
    assert.strictEqual(r.hunks.reduce((s, h) => s + h.oldEnd - h.oldStart + h.newEnd - h.newStart, 0), 1);
    assert.deepStrictEqual(r, { hunks: [H(1, 1, 1, 2)], end: 1 });
  });
});

describe('diff engine: mergedView', () => {
  it('orders equal lines, then per hunk removed lines before added lines, then pending', () => {
    const o = L('a b c d e');
    const nl = L('a X Y c');
    const snap: DiffSnapshot = { hunks: [H(1, 2, 1, 3)], oldAligned: 3, newCount: 4, done: false };
    const v = mergedView(o, nl, snap);
    assert.strictEqual(tags(v), ' a|-b|+X|+Y| c|?d|?e');
    assert.deepStrictEqual(v.map((x) => [x.oldIndex, x.newIndex]), [[0, 0], [1, -1], [-1, 1], [-1, 2], [2, 3], [3, -1], [4, -1]]);
  });

  it('done: the unreached tail of a cut stream is kept as same (newIndex -1)', () => {
    const v = mergedView(L('a b c'), L('a'), { hunks: [], oldAligned: 1, newCount: 1, done: true });
    assert.strictEqual(tags(v), ' a| b| c');
    assert.deepStrictEqual(v.map((x) => x.newIndex), [0, -1, -1]);
  });

  it('rejects an inconsistent snapshot', () => {
    assert.throws(() => mergedView(L('a b'), L('a'), { hunks: [], oldAligned: 2, newCount: 1, done: false }));
  });
});
