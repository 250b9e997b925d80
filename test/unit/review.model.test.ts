// Unit tests of the review model (src/core/review/reviewModel.ts): hunks, accept / reject, freeze,
// user edits, and a seeded property test over real diffs (StreamDiff + mergedView).

import * as assert from 'assert';
import { HunkRange, ReviewKind, ReviewLine, ReviewModel } from '../../src/core/review/reviewModel';
import { StreamDiff, DiffSnapshot } from '../../src/core/diff/streamDiff';
import { mergedView } from '../../src/core/diff/mergedView';

/** Compact view notation: " a" same, "-a" removed, "+a" added, "?a" pending, "!a" user. */
const TAG: Record<ReviewKind, string> = { same: ' ', removed: '-', added: '+', pending: '?', user: '!' };
const KIND: Record<string, ReviewKind> = { ' ': 'same', '-': 'removed', '+': 'added', '?': 'pending', '!': 'user' };
const V = (s: string): ReviewLine[] => (s === '' ? [] : s.split('|').map(t => ({ kind: KIND[t[0]], text: t.slice(1) })));
const tags = (m: ReviewModel): string => m.view().map(l => TAG[l.kind] + l.text).join('|');

function frozen(view: string, original: string[] = []): ReviewModel {
  const m = new ReviewModel(original);
  m.setView(V(view));
  m.freeze();
  return m;
}

describe('review: ReviewModel', () => {
  it('starts streaming with every original line pending and no hunks', () => {
    const m = new ReviewModel(['a', 'b']);
    assert.strictEqual(m.streaming, true);
    assert.strictEqual(m.length, 2);
    assert.strictEqual(tags(m), '?a|?b');
    assert.deepStrictEqual(m.texts(), ['a', 'b']);
    assert.deepStrictEqual(m.hunks(), []);
    assert.strictEqual(m.resolved, false, 'not resolved while streaming');
  });

  it('hunks() are maximal runs of removed/added lines', () => {
    const m = frozen(' a|-b|+B| c|-d|+D|+E| f|+g');
    assert.deepStrictEqual(m.hunks(), [{ start: 1, end: 3 }, { start: 4, end: 7 }, { start: 8, end: 9 }]);
    assert.deepStrictEqual(frozen('-a|-b').hunks(), [{ start: 0, end: 2 }]);
    assert.deepStrictEqual(frozen(' a| b').hunks(), []);
    assert.deepStrictEqual(frozen('').hunks(), []);
  });

  it('accept keeps the added lines of one hunk, reject keeps its removed lines; the others stay', () => {
    const m = frozen(' a|-b|+B| c|-d|+D|+E');
    m.accept(m.hunks()[1]);
    assert.strictEqual(tags(m), ' a|-b|+B| c| D| E');
    assert.deepStrictEqual([m.acceptedHunks, m.rejectedHunks], [1, 0]);
    assert.deepStrictEqual(m.hunks(), [{ start: 1, end: 3 }]);
    m.reject(m.hunks()[0]);
    assert.strictEqual(tags(m), ' a| b| c| D| E');
    assert.deepStrictEqual([m.acceptedHunks, m.rejectedHunks], [1, 1]);
    assert.deepStrictEqual(m.hunks(), []);
    assert.strictEqual(m.resolved, true);
  });

  it('acceptAll → the new text; rejectAll → the original; counters count hunks', () => {
    const view = ' a|-b|+B| c|-d|+D|+E| f|-g';
    const a = frozen(view);
    a.acceptAll();
    assert.deepStrictEqual(a.texts(), ['a', 'B', 'c', 'D', 'E', 'f']);
    assert.ok(a.view().every(l => l.kind === 'same'));
    assert.deepStrictEqual([a.acceptedHunks, a.rejectedHunks], [3, 0]);
    const r = frozen(view);
    r.rejectAll();
    assert.deepStrictEqual(r.texts(), ['a', 'b', 'c', 'd', 'f', 'g']);
    assert.deepStrictEqual([r.acceptedHunks, r.rejectedHunks], [0, 3]);
    assert.strictEqual(r.resolved, true);
  });

  it('resolving while streaming throws; setView after freeze throws', () => {
    const m = new ReviewModel(['a']);
    m.setView(V('-a|+b'));
    assert.throws(() => m.accept({ start: 0, end: 2 }), /after the stream/);
    m.freeze();
    assert.throws(() => m.setView(V(' x')), /frozen/);
  });

  it('freeze turns pending lines into same ones (a cut stream keeps what it never reached)', () => {
    const m = new ReviewModel(['a', 'b', 'c']);
    m.setView(V('-a|+A|?b|?c'));
    assert.deepStrictEqual(m.hunks(), [{ start: 0, end: 2 }]);
    m.freeze();
    assert.strictEqual(m.streaming, false);
    assert.strictEqual(tags(m), '-a|+A| b| c');
    m.rejectAll();
    assert.deepStrictEqual(m.texts(), ['a', 'b', 'c']);
  });

  it('setView copies its input (later changes to the array do not leak in)', () => {
    const view = V('-a|+b');
    const m = new ReviewModel(['a']);
    m.setView(view);
    view[0].kind = 'same';
    view.push({ kind: 'added', text: 'zzz' });
    assert.strictEqual(tags(m), '-a|+b');
  });

  it('hunkAt: the hunk containing the line, else the next one below, else the last', () => {
    const m = frozen(' a|-b|+B| c| d|-e| f');
    assert.strictEqual(m.hunkAt(2), 0);
    assert.strictEqual(m.hunkAt(0), 0);
    assert.strictEqual(m.hunkAt(3), 1);
    assert.strictEqual(m.hunkAt(5), 1);
    assert.strictEqual(m.hunkAt(6), 1);
    assert.strictEqual(frozen(' a').hunkAt(0), -1);
  });

  describe('user edits (replaceLines)', () => {
    it('an edit of same lines only stays same; no hunk appears', () => {
      const m = frozen(' a| b|-c|+C');
      m.replaceLines(0, 2, ['a2', 'b2', 'new']);
      assert.strictEqual(tags(m), ' a2| b2| new|-c|+C');
      assert.deepStrictEqual(m.hunks(), [{ start: 3, end: 5 }]);
    });

    it('an edit touching a change becomes user lines, kept by accept and by reject', () => {
      const view = ' a|-b|+B| c';
      const acc = frozen(view);
      acc.replaceLines(2, 3, ['B typed']);
      assert.strictEqual(tags(acc), ' a|-b|!B typed| c');
      assert.deepStrictEqual(acc.hunks(), [{ start: 1, end: 3 }]);
      acc.accept(acc.hunks()[0]);
      assert.deepStrictEqual(acc.texts(), ['a', 'B typed', 'c']);

      const rej = frozen(view);
      rej.replaceLines(2, 3, ['B typed']);
      rej.reject(rej.hunks()[0]);
      assert.deepStrictEqual(rej.texts(), ['a', 'b', 'B typed', 'c']);
    });

    it('editing a removed line keeps the typed text on reject and on accept', () => {
      const a = frozen(' a|-old|+new');
      a.replaceLines(1, 2, ['old!']);
      a.acceptAll();
      assert.deepStrictEqual(a.texts(), ['a', 'old!', 'new']);
      const r = frozen(' a|-old|+new');
      r.replaceLines(1, 2, ['old!']);
      r.rejectAll();
      assert.deepStrictEqual(r.texts(), ['a', 'old!']);
    });

    it('an edit merging a change with its neighbours marks them all user', () => {
      const m = frozen(' a|-b|+B| c');
      m.replaceLines(0, 4, ['abBc']);
      assert.strictEqual(tags(m), '!abBc');
      // A run of user lines only is no hunk: it turns into same lines.
      assert.deepStrictEqual(m.hunks(), []);
      assert.strictEqual(tags(m), ' abBc');
      assert.strictEqual(m.resolved, true);
    });

    it('deleting the changed lines resolves the hunk', () => {
      const m = frozen(' a|-b|+B| c');
      m.replaceLines(1, 3, []);
      assert.strictEqual(tags(m), ' a| c');
      assert.deepStrictEqual(m.hunks(), []);
    });

    it('an edit while streaming freezes the model first', () => {
      const m = new ReviewModel(['a', 'b']);
      m.setView(V('-a|+A|?b'));
      m.replaceLines(2, 3, ['b!']);
      assert.strictEqual(m.streaming, false);
      assert.strictEqual(tags(m), '-a|+A| b!');
    });
  });

  it('resetTo replaces the view and freezes (pending → same)', () => {
    const m = new ReviewModel(['a', 'b']);
    m.setView(V('-a|+A|?b'));
    m.resetTo(V('-a|+A2|?b|!x'));
    assert.strictEqual(m.streaming, false);
    assert.strictEqual(tags(m), '-a|+A2| b|!x');
    m.acceptAll();
    assert.deepStrictEqual(m.texts(), ['A2', 'b', 'x']);
  });
});

// ---- property test -------------------------------------------------------------------------------

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.FAST_INLINE_SEED ?? 0x5eed2025);

/** Small alphabet so that lines repeat and the diff has to choose. */
function randomLines(rnd: () => number, max: number): string[] {
  const words = ['a', 'b', 'c', 'd', 'e', '', '}', 'return x;'];
  return Array.from({ length: Math.floor(rnd() * (max + 1)) }, () => words[Math.floor(rnd() * words.length)]);
}

function mutate(rnd: () => number, orig: string[]): string[] {
  const out = [...orig];
  const edits = Math.floor(rnd() * 5);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * (out.length + 1));
    const r = rnd();
    if (r < 0.35 && out.length) out.splice(Math.min(at, out.length - 1), 1 + Math.floor(rnd() * 3));
    else if (r < 0.7) out.splice(at, 0, ...randomLines(rnd, 3).map(l => `${l}+`));
    else if (out.length) out[Math.min(at, out.length - 1)] = `changed${Math.floor(rnd() * 3)}`;
  }
  return rnd() < 0.2 ? randomLines(rnd, 12) : out;
}

/** Hunks merged where they touch (the review shows touching hunks as one run). */
function mergedHunks(snap: DiffSnapshot): { oldStart: number; oldEnd: number; newStart: number; newEnd: number }[] {
  const out: { oldStart: number; oldEnd: number; newStart: number; newEnd: number }[] = [];
  for (const h of snap.hunks) {
    const last = out[out.length - 1];
    if (last && last.oldEnd === h.oldStart && last.newEnd === h.newStart) {
      last.oldEnd = h.oldEnd;
      last.newEnd = h.newEnd;
    } else out.push({ ...h });
  }
  return out;
}

function finishedDiff(rnd: () => number, original: string[], next: string[], model: ReviewModel): DiffSnapshot {
  const sd = new StreamDiff(original);
  const streamed = rnd() < 0.5;
  for (const line of next) {
    sd.push(line);
    if (streamed && rnd() < 0.5) model.setView(mergedView(original, sd.newLines, sd.snapshot()));
  }
  const snap = sd.finish(true);
  model.setView(mergedView(original, sd.newLines, snap));
  model.freeze();
  return snap;
}

describe('review: property — random diffs, random accept/reject per hunk', () => {
  it(`the result is, per hunk, its new lines if accepted, its old lines if rejected (seed ${SEED})`, () => {
    console.log(`      review property seed: ${SEED} (set FAST_INLINE_SEED to replay)`);
    const rnd = prng(SEED);
    let hunksSeen = 0;
    for (let t = 0; t < 400; t++) {
      const original = randomLines(rnd, 14);
      const next = mutate(rnd, original);
      const what = `seed ${SEED} case ${t}: ${JSON.stringify(original)} → ${JSON.stringify(next)}`;
      const model = new ReviewModel(original);
      const snap = finishedDiff(rnd, original, next, model);
      const hunks = mergedHunks(snap);
      assert.strictEqual(model.hunks().length, hunks.length, `${what}: hunk count`);
      hunksSeen += hunks.length;

      // Decide each hunk, then resolve them in a random order (indices shift as hunks resolve).
      const decision = hunks.map(() => rnd() < 0.5);
      const open = hunks.map((_, i) => i); // original index of each still-open hunk, in order
      while (open.length) {
        const current = model.hunks();
        assert.strictEqual(current.length, open.length, `${what}: open hunks`);
        const k = Math.floor(rnd() * open.length);
        const h: HunkRange = current[k];
        if (decision[open[k]]) model.accept(h);
        else model.reject(h);
        open.splice(k, 1);
      }
      assert.strictEqual(model.resolved, true, what);

      const expected: string[] = [];
      let i = 0;
      hunks.forEach((h, k) => {
        expected.push(...original.slice(i, h.oldStart));
        expected.push(...(decision[k] ? next.slice(h.newStart, h.newEnd) : original.slice(h.oldStart, h.oldEnd)));
        i = h.oldEnd;
      });
      expected.push(...original.slice(i));
      assert.deepStrictEqual(model.texts(), expected, what);
      assert.strictEqual(model.acceptedHunks, decision.filter(Boolean).length, what);
      assert.strictEqual(model.rejectedHunks, decision.filter(d => !d).length, what);

      // acceptAll / rejectAll on fresh models.
      const all = new ReviewModel(original);
      finishedDiff(rnd, original, next, all); // streamed differently: maybe another (equally minimal) diff
      const allHunks = all.hunks().length;
      all.acceptAll();
      assert.deepStrictEqual(all.texts(), next, `${what}: acceptAll`);
      assert.strictEqual(all.acceptedHunks, allHunks);
      const none = new ReviewModel(original);
      finishedDiff(rnd, original, next, none);
      const noneHunks = none.hunks().length;
      none.rejectAll();
      assert.deepStrictEqual(none.texts(), original, `${what}: rejectAll`);
      assert.strictEqual(none.rejectedHunks, noneHunks);
    }
    assert.ok(hunksSeen > 300, `only ${hunksSeen} hunks over the run`);
  });

  it(`a cut stream (finish(false)): unreached lines are kept; accept/reject act on the received part (seed ${SEED})`, () => {
    const rnd = prng(SEED ^ 0x9e3779b9);
    for (let t = 0; t < 200; t++) {
      const original = randomLines(rnd, 14);
      const full = mutate(rnd, original);
      const next = full.slice(0, Math.floor(rnd() * (full.length + 1)));
      const what = `seed ${SEED} cut case ${t}: ${JSON.stringify(original)} → ${JSON.stringify(next)}`;
      const sd = new StreamDiff(original);
      const m = new ReviewModel(original);
      for (const l of next) sd.push(l);
      if (rnd() < 0.5) m.setView(mergedView(original, sd.newLines, sd.snapshot()));
      const snap = sd.finish(false);
      m.setView(mergedView(original, sd.newLines, snap));
      m.freeze();
      const accepted = new ReviewModel(original);
      accepted.resetTo(m.view());
      accepted.acceptAll();
      assert.deepStrictEqual(accepted.texts(), [...next, ...original.slice(snap.oldAligned)], `${what}: acceptAll`);
      m.rejectAll();
      assert.deepStrictEqual(m.texts(), original, `${what}: rejectAll`);
    }
  });
});
