// routeChange: where a change the user made lands relative to a session's region, one shape per row.
import * as assert from 'assert';
import { ChangeRoute, routeChange } from '../../src/core/review/foreignChange';
import { ReviewModel } from '../../src/core/review/reviewModel';

// Document before each change: lines 0..5; the region is lines 2..4 ('a1', 'a2', 'a3').
const DOC = ['// header', 'keep me', 'a1', 'a2', 'a3', 'tail'];
const REGION = DOC.slice(2, 5).map(text => ({ text }));

/** Applies the change to DOC and routes it. */
function route(sl: number, sc: number, el: number, ec: number, text: string, region = REGION, start = 2): ChangeRoute {
  const joined = DOC.join('\n');
  const offset = (l: number, c: number) => DOC.slice(0, l).reduce((n, x) => n + x.length + 1, 0) + c;
  const after = (joined.slice(0, offset(sl, sc)) + text + joined.slice(offset(el, ec))).split('\n');
  return routeChange({ startLine: sl, startChar: sc, endLine: el, endChar: ec, text }, start, region,
    l => after[Math.max(0, Math.min(l, after.length - 1))]);
}

describe('review: routeChange (a foreign change vs a session region)', () => {
  const cases: [string, ChangeRoute, ChangeRoute][] = [
    ['typing on a line above', route(0, 2, 0, 2, 'x'), { kind: 'above', delta: 0 }],
    ['Enter at the end of the line above', route(1, 7, 1, 7, '\n'), { kind: 'above', delta: 1 }],
    ['Delete Line just above (1:0-2:0)', route(1, 0, 2, 0, ''), { kind: 'above', delta: -1 }],
    ['pasting whole lines at the region\'s first line (2:0)', route(2, 0, 2, 0, 'p1\np2\n'), { kind: 'above', delta: 2 }],
    ['a CRLF paste of whole lines at 2:0', route(2, 0, 2, 0, 'p1\r\n'), { kind: 'above', delta: 1 }],
    ['joining the line above into the first line (1:7-2:0)', route(1, 7, 2, 0, ''),
      { kind: 'inside', from: 0, to: 1, texts: ['keep mea1'], startLine: 1 }],
    ['typing at the start of the first line', route(2, 0, 2, 0, 'X'), { kind: 'inside', from: 0, to: 1, texts: ['Xa1'], startLine: 2 }],
    ['typing inside the middle line', route(3, 1, 3, 2, 'Z'), { kind: 'inside', from: 1, to: 2, texts: ['aZ'], startLine: 2 }],
    ['Enter at the end of the region\'s last line', route(4, 2, 4, 2, '\nnew'), { kind: 'below' }],
    ['Enter in the middle of the last line', route(4, 1, 4, 1, '\n'), { kind: 'inside', from: 2, to: 3, texts: ['a', '3'], startLine: 2 }],
    ['deleting the line break after the last line', route(4, 2, 5, 0, ''), { kind: 'inside', from: 2, to: 3, texts: ['a3tail'], startLine: 2 }],
    ['typing below', route(5, 0, 5, 0, 'y'), { kind: 'below' }],
    ['deleting across the whole region', route(1, 0, 5, 0, ''), { kind: 'inside', from: 0, to: 3, texts: ['tail'], startLine: 1 }],
    ['an insertion point: Delete Line just above it', route(1, 0, 2, 0, '', [], 2), { kind: 'above', delta: -1 }],
    ['an insertion point: lines pasted at its line go below it', route(2, 0, 2, 0, 'p\n', [], 2), { kind: 'below' }],
  ];
  for (const [name, got, want] of cases) it(name, () => assert.deepStrictEqual(got, want));
});

describe('review: ReviewModel.userEdit (a keystroke racing an accept or reject)', () => {
  function reviewing(): ReviewModel {
    const m = new ReviewModel(['a1', 'a2', 'a3']);
    m.setView([{ kind: 'same', text: 'a1' }, { kind: 'removed', text: 'a2' }, { kind: 'added', text: 'B2' }, { kind: 'same', text: 'a3' }]);
    m.freeze();
    return m;
  }

  it('a reject not yet drawn survives an edit elsewhere in the region', () => {
    const m = reviewing();
    const shown = m.view().map(l => ({ ...l }));
    m.reject(m.hunks()[0]);
    const now = m.userEdit(shown, 3, 4, ['a3!']);
    assert.deepStrictEqual(m.texts(), ['a1', 'a2', 'a3!']);
    assert.deepStrictEqual(now.map(l => l.text), ['a1', 'a2', 'B2', 'a3!'], 'what the document shows now');
    assert.strictEqual(m.hunks().length, 0);
  });

  it('typing into a line the reject drops keeps what was typed', () => {
    const m = reviewing();
    const shown = m.view().map(l => ({ ...l }));
    m.reject(m.hunks()[0]);
    m.userEdit(shown, 2, 3, ['B2x']);
    assert.deepStrictEqual(m.texts(), ['a1', 'a2', 'B2x', 'a3']);
  });

  it('in step with the document it is replaceLines', () => {
    const m = reviewing();
    const now = m.userEdit(m.view().map(l => ({ ...l })), 1, 2, ['a2?']);
    assert.deepStrictEqual(now.map(l => `${l.kind}:${l.text}`), ['same:a1', 'user:a2?', 'added:B2', 'same:a3']);
    assert.deepStrictEqual(m.texts(), now.map(l => l.text));
  });

  it('while streaming it restarts from what is shown (an undrawn update is dropped)', () => {
    const m = new ReviewModel(['a1', 'a2']);
    const shown = m.view().map(l => ({ ...l }));
    m.setView([{ kind: 'added', text: 'N' }, { kind: 'pending', text: 'a1' }, { kind: 'pending', text: 'a2' }]);
    m.userEdit(shown, 0, 1, ['a1!']);
    assert.deepStrictEqual(m.texts(), ['a1!', 'a2']);
    assert.strictEqual(m.streaming, false);
  });
});
