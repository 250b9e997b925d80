// Unit tests of src/core/review/lineSplice.ts: minimalSplice and spliceToTextEdit, checked by
// applying the edit to a simulated document (a string joined with '\n' or '\r\n', split into
// lines the way VS Code does: a document always has at least one line, and a final EOL means a
// last empty line).

import * as assert from 'assert';
import { LineSplice, minimalSplice, spliceToTextEdit, TextEditSpec } from '../../src/core/review/lineSplice';

const EOLS = ['\n', '\r\n'] as const;

/** Applies a TextEditSpec to a text, checking that its positions are valid in that document. */
function applyEdit(text: string, eol: string, spec: TextEditSpec): string {
  const lines = text.split(eol);
  const offset = (line: number, ch: number): number => {
    assert.ok(Number.isInteger(line) && line >= 0 && line < lines.length, `line ${line} outside 0..${lines.length - 1}`);
    assert.ok(Number.isInteger(ch) && ch >= 0 && ch <= lines[line].length, `char ${ch} outside line ${line} (length ${lines[line].length})`);
    let o = 0;
    for (let l = 0; l < line; l++) o += lines[l].length + eol.length;
    return o + ch;
  };
  const start = offset(spec.startLine, spec.startChar);
  const end = offset(spec.endLine, spec.endChar);
  assert.ok(start <= end, `start ${start} after end ${end}`);
  return text.slice(0, start) + spec.text + text.slice(end);
}

/** Document lines [from, to) replaced by `lines`, applied as a text edit; returns the new document lines. */
function splice(doc: readonly string[], from: number, to: number, lines: readonly string[], eol: string): string[] {
  const text = doc.join(eol);
  const spec = spliceToTextEdit(doc.length, l => doc[l].length, from, to, lines, eol);
  return applyEdit(text, eol, spec).split(eol);
}

/** The intended result of a splice, as VS Code would show it (an empty document has one empty line). */
function intended(doc: readonly string[], from: number, to: number, lines: readonly string[]): string[] {
  const out = [...doc.slice(0, from), ...lines, ...doc.slice(to)];
  return out.length ? out : [''];
}

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

const SEED = Number(process.env.FAST_INLINE_SEED ?? 0x11e5);

describe('review: spliceToTextEdit', () => {
  for (const eol of EOLS) {
    const name = JSON.stringify(eol);
    describe(`EOL ${name}`, () => {
      const check = (doc: string[], from: number, to: number, lines: string[]) =>
        assert.deepStrictEqual(splice(doc, from, to, lines, eol), intended(doc, from, to, lines), `${JSON.stringify(doc)} [${from},${to}) ← ${JSON.stringify(lines)}`);

      it('replaces lines in the middle, with more, fewer or as many lines', () => {
        const doc = ['a', 'b', 'c', 'd'];
        check(doc, 1, 3, ['X']);
        check(doc, 1, 2, ['X', 'Y', 'Z']);
        check(doc, 0, 4, ['1', '2', '3', '4']);
        check(doc, 1, 2, ['']);
      });

      it('deletes lines in the middle and at the start', () => {
        check(['a', 'b', 'c', 'd'], 1, 3, []);
        check(['a', 'b', 'c', 'd'], 0, 2, []);
      });

      it('deletes the last lines of a file, without and with a trailing newline', () => {
        check(['a', 'b', 'c'], 1, 3, []);
        check(['a', 'b', 'c'], 2, 3, []);
        check(['a', 'b', 'c', ''], 1, 3, []); // keeps the final newline
        check(['a', 'b', 'c', ''], 1, 4, []); // and with it
        const spec = spliceToTextEdit(3, l => ['a', 'b', 'c'][l].length, 2, 3, [], eol);
        assert.deepStrictEqual(spec, { startLine: 1, startChar: 1, endLine: 2, endChar: 1, text: '' }, 'the EOL before the deleted lines goes');
      });

      it('inserts in the middle and at the start', () => {
        check(['a', 'b'], 1, 1, ['X', 'Y']);
        check(['a', 'b'], 0, 0, ['X']);
        check(['a', 'b'], 1, 1, ['']);
      });

      it('inserts at the end of a file without a trailing newline (the new lines follow an EOL)', () => {
        check(['a', 'b'], 2, 2, ['X']);
        check(['a', 'b'], 2, 2, ['X', 'Y']);
        check(['a', 'b'], 2, 2, ['']);
        assert.strictEqual(applyEdit(['a', 'b'].join(eol), eol, spliceToTextEdit(2, () => 1, 2, 2, ['X'], eol)), `a${eol}b${eol}X`);
      });

      it('inserts at the end of a file with a trailing newline (before or after the last empty line)', () => {
        check(['a', 'b', ''], 2, 2, ['X']); // a⏎b⏎X⏎
        check(['a', 'b', ''], 3, 3, ['X']); // a⏎b⏎⏎X
        assert.strictEqual(applyEdit(['a', 'b', ''].join(eol), eol, spliceToTextEdit(3, l => ['a', 'b', ''][l].length, 2, 2, ['X'], eol)), `a${eol}b${eol}X${eol}`);
      });

      it('empties a file (the document keeps its one empty line)', () => {
        check(['a', 'b', 'c'], 0, 3, []);
        check(['a'], 0, 1, []);
        check(['a', ''], 0, 2, []);
        assert.strictEqual(applyEdit(`a${eol}b`, eol, spliceToTextEdit(2, () => 1, 0, 2, [], eol)), '');
      });

      it('inserts into an empty file', () => {
        check([''], 0, 0, ['X']); // X⏎ (the empty line stays after)
        check([''], 0, 1, ['X', 'Y']); // replaces the empty line: X⏎Y
        check([''], 1, 1, ['X']); // after the empty line: ⏎X
        assert.strictEqual(applyEdit('', eol, spliceToTextEdit(1, () => 0, 0, 1, ['X', 'Y'], eol)), `X${eol}Y`);
      });

      it('an empty splice (nothing replaced, nothing inserted) is a no-op edit', () => {
        const spec = spliceToTextEdit(2, () => 1, 1, 1, [], eol);
        assert.strictEqual(spec.text, '');
        assert.deepStrictEqual([spec.startLine, spec.startChar, spec.endLine, spec.endChar], [1, 0, 1, 0]);
        check(['a', 'b'], 0, 0, []);
      });

      it(`property: random splices of random documents (seed ${SEED})`, () => {
        const rnd = prng(SEED + eol.length);
        const word = () => ['', 'x', 'yy', 'foo bar', '\t}'][Math.floor(rnd() * 5)];
        for (let t = 0; t < 3000; t++) {
          const n = 1 + Math.floor(rnd() * 7);
          const doc = Array.from({ length: n }, word);
          const from = Math.floor(rnd() * (n + 1));
          const to = from + Math.floor(rnd() * (n - from + 1));
          const lines = Array.from({ length: Math.floor(rnd() * 4) }, word);
          // An empty splice at the very end is never asked for (minimalSplice returns undefined for
          // no change) and would name a position past the last line.
          if (from === n && to === n && lines.length === 0) continue;
          assert.deepStrictEqual(splice(doc, from, to, lines, eol), intended(doc, from, to, lines),
            `seed ${SEED} case ${t}: ${JSON.stringify(doc)} [${from},${to}) ← ${JSON.stringify(lines)}`);
        }
      });
    });
  }
});

describe('review: minimalSplice', () => {
  const apply = (before: readonly string[], s: LineSplice | undefined) =>
    (s ? [...before.slice(0, s.from), ...s.lines, ...before.slice(s.to)] : [...before]);

  it('undefined when equal (also both empty)', () => {
    assert.strictEqual(minimalSplice(['a', 'b'], ['a', 'b']), undefined);
    assert.strictEqual(minimalSplice([], []), undefined);
  });

  it('trims the common head and tail', () => {
    assert.deepStrictEqual(minimalSplice(['a', 'b', 'c', 'd'], ['a', 'X', 'd']), { from: 1, to: 3, lines: ['X'] });
    assert.deepStrictEqual(minimalSplice(['a', 'b'], ['a', 'b', 'c']), { from: 2, to: 2, lines: ['c'] });
    assert.deepStrictEqual(minimalSplice(['a', 'b', 'c'], ['a', 'b']), { from: 2, to: 3, lines: [] });
    assert.deepStrictEqual(minimalSplice(['b'], ['a', 'b']), { from: 0, to: 0, lines: ['a'] });
    assert.deepStrictEqual(minimalSplice(['a', 'b'], []), { from: 0, to: 2, lines: [] });
    assert.deepStrictEqual(minimalSplice([], ['a']), { from: 0, to: 0, lines: ['a'] });
  });

  it('head and tail never overlap when lines repeat', () => {
    assert.deepStrictEqual(minimalSplice(['a', 'a'], ['a', 'a', 'a']), { from: 2, to: 2, lines: ['a'] });
    assert.deepStrictEqual(minimalSplice(['a', 'a', 'a'], ['a']), { from: 1, to: 3, lines: [] });
    assert.deepStrictEqual(minimalSplice(['x', 'a', 'x'], ['x', 'x']), { from: 1, to: 2, lines: [] });
  });

  it(`property: random pairs; the splice turns before into after and is as small as head/tail trimming allows (seed ${SEED}); applied to a document around it`, () => {
    const rnd = prng(SEED * 7);
    const word = () => ['a', 'b', '', 'c'][Math.floor(rnd() * 4)];
    for (let t = 0; t < 3000; t++) {
      const before = Array.from({ length: Math.floor(rnd() * 7) }, word);
      const after = rnd() < 0.3 ? [...before] : Array.from({ length: Math.floor(rnd() * 7) }, word);
      const what = `seed ${SEED} case ${t}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`;
      const s = minimalSplice(before, after);
      assert.deepStrictEqual(apply(before, s), after, what);
      if (!s) {
        assert.deepStrictEqual(before, after, what);
        continue;
      }
      let head = 0;
      while (head < Math.min(before.length, after.length) && before[head] === after[head]) head++;
      assert.strictEqual(s.from, head, `${what}: head`);
      assert.ok(s.to >= s.from && s.to <= before.length, what);
      // Neither end of the replaced part can be trimmed further.
      if (s.to > s.from && s.lines.length > 0) {
        assert.notStrictEqual(before[s.to - 1], s.lines[s.lines.length - 1], `${what}: tail not trimmed`);
      }

      // The session's lines sit inside a document: some lines before and after it (maybe none).
      const eol = EOLS[t % 2];
      const pre = Array.from({ length: Math.floor(rnd() * 3) }, () => 'pre');
      const post = rnd() < 0.5 ? [] : rnd() < 0.5 ? [''] : ['post', ''];
      const doc = [...pre, ...before, ...post];
      if (doc.length === 0) doc.push(''); // a document has at least one line
      const docSplice = (d: string[]) => splice(d, pre.length + s.from, pre.length + s.to, s.lines, eol);
      const expect = intended(doc, pre.length + s.from, pre.length + s.to, s.lines);
      assert.deepStrictEqual(docSplice(doc), expect, `${what} in ${JSON.stringify(doc)}`);
    }
  });
});
