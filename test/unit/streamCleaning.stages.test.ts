// Direct tests of each answer-cleaning stage (src/core/stream/*), one stage at a time.
import * as assert from 'node:assert';
import { trimBlankEdges } from '../../src/core/stream/blankEdges';
import { MAX_HEAD_PROSE, isLeadIn, isTrailingProseStart, parseFence, stripFencesAndProse } from '../../src/core/stream/fences';
import { collect, fromChunks } from '../../src/core/stream/iter';
import { splitLines } from '../../src/core/stream/lines';
import { indentColumns, reindent, renderIndent } from '../../src/core/stream/reindent';
import { stripThinkTags } from '../../src/core/stream/thinkTags';

const text = async (it: AsyncIterable<string>): Promise<string> => (await collect(it)).join('');

describe('stream cleaning stages', () => {
  describe('iter', () => {
    it('fromChunks replays, collect drains', async () => {
      assert.deepStrictEqual(await collect(fromChunks(['a', '', 'b'])), ['a', '', 'b']);
      assert.deepStrictEqual(await collect(fromChunks([])), []);
    });
  });

  describe('splitLines', () => {
    const cases: Array<[string[], string[]]> = [
      [['a\nb\n'], ['a', 'b']],
      [['a\nb'], ['a', 'b']],
      [['a\n\n'], ['a', '']],
      [[''], []],
      [[], []],
      [['\n'], ['']],
      [['a\r\nb\r\n'], ['a', 'b']],
      [['a\r', '\nb'], ['a', 'b']],
      [['a\r', '', '\nb'], ['a', 'b']],
      [['a\r', '\r\n'], ['a', '']],
      [['a\rb\r'], ['a', 'b']],
      [['a', 'b', 'c\n', 'd'], ['abc', 'd']],
      [['x\n\r\n'], ['x', '']],
    ];
    for (const [chunks, expected] of cases) {
      it(`${JSON.stringify(chunks)} → ${JSON.stringify(expected)}`, async () => {
        assert.deepStrictEqual(await collect(splitLines(fromChunks(chunks))), expected);
      });
    }

    it('two streams interleaved do not disturb each other', async () => {
      const a = splitLines(fromChunks(['1\n2', '\n3\n']))[Symbol.asyncIterator]();
      const b = splitLines(fromChunks(['x\ny\nz\n']))[Symbol.asyncIterator]();
      const got: string[] = [];
      for (let i = 0; i < 3; i++) {
        got.push((await a.next()).value as string, (await b.next()).value as string);
      }
      assert.deepStrictEqual(got, ['1', 'x', '2', 'y', '3', 'z']);
    });
  });

  describe('stripThinkTags', () => {
    const cases: Array<[string, string[], string]> = [
      ['block split across chunks', ['<thi', 'nk>a</th', 'ink>\n\ncode'], 'code'],
      ['<thinking> variant', ['<thinking>plan</thinking>\nx'], 'x'],
      ['leading whitespace, indentation of the first answer line kept', ['  \n<think>r</think>\n\n    indented'], '    indented'],
      ['closing tag split over three chunks', ['<think>r</', 'thi', 'nk>y'], 'y'],
      ['unclosed block (cut stream): nothing', ['<think>still thinking'], ''],
      ['only a block: nothing', ['<think>r</think>\n\n'], ''],
      ['<think> later in the text passes', ['x = "<think>"</think>'], 'x = "<think>"</think>'],
      ['partial tag at the very end is text', ['  <thi'], '  <thi'],
      ['leading whitespace without a block is kept', ['\n\n  x'], '\n\n  x'],
      ['not a tag: <thinker>', ['<thinker>'], '<thinker>'],
      ['</think> inside the block text is the end; later text is the answer', ['<think>a <b> c</think>ok'], 'ok'],
      ['two blocks at the start', ['<think>a</think>\n<think>b</think>\nz'], 'z'],
    ];
    for (const [name, chunks, expected] of cases) {
      it(name, async () => {
        assert.strictEqual(await text(stripThinkTags(fromChunks(chunks))), expected);
        assert.strictEqual(await text(stripThinkTags(fromChunks(chunks.join('').split('')))), expected, 'per character');
      });
    }

    it('after the start is decided, chunks pass through unchanged (no copying)', async () => {
      assert.deepStrictEqual(await collect(stripThinkTags(fromChunks(['ab', 'c', '<think>']))), ['ab', 'c', '<think>']);
    });
  });

  describe('stripFencesAndProse', () => {
    const run = (lines: string[], keepFences?: boolean) =>
      collect(stripFencesAndProse(fromChunks(lines), keepFences === undefined ? undefined : { keepFences }));

    it('parseFence', () => {
      assert.deepStrictEqual(parseFence('```python'), { char: '`', len: 3, info: 'python' });
      assert.deepStrictEqual(parseFence('   ~~~~ '), { char: '~', len: 4, info: '' });
      assert.strictEqual(parseFence('``'), undefined);
      assert.strictEqual(parseFence('```inline``` code'), undefined);
      assert.strictEqual(parseFence('x ```'), undefined);
    });

    it('lead-in and trailing-prose classifiers', () => {
      for (const l of ["Here's the updated code:", 'Sure! Here is the refactored function:', 'Here are the changes:', '**Updated code:**', 'I have rewritten `f` to use a map:']) {
        assert.ok(isLeadIn(l), l);
      }
      for (const l of ['def f():', 'class Here:', "Here's the updated code", 'else:', 'case "here is":', '  Here is the code:']) {
        assert.ok(!isLeadIn(l), l);
      }
      for (const l of ['This version avoids the copy.', 'Note: O(n).', 'Explanation:', '**Changes:**', "I've renamed `x`.", 'The above code uses a map.']) {
        assert.ok(isTrailingProseStart(l), l);
      }
      for (const l of ['# Note: keep', '// Note: keep', '    This function', 'this.x = 1;', 'Note note = new Note();', 'This(x) = 1']) {
        assert.ok(!isTrailingProseStart(l), l);
      }
    });

    it('keepFences: fence lines are content', async () => {
      assert.deepStrictEqual(await run(['```md', '# T', '```'], true), ['```md', '# T', '```']);
    });

    it('keepFences: an interjection + lead-in pair is dropped with the blanks after it', async () => {
      assert.deepStrictEqual(await run(['Sure!', "Here's the block:", '', '```', 'x', '```'], true), ['```', 'x', '```']);
    });

    it(`a fence after more than ${MAX_HEAD_PROSE} prose-like lines is content, not an opener`, async () => {
      const prose = Array.from({ length: MAX_HEAD_PROSE + 1 }, (_, i) => `Line ${i}`);
      assert.deepStrictEqual(await run([...prose, '```js', 'x();', '```']), [...prose, '```js', 'x();', '```']);
    });

    it('a fence after a code line is not an opener (markdown string in code keeps its fences)', async () => {
      const lines = ['const md = `', '```js', 'x();', '```', '`;'];
      assert.deepStrictEqual(await run(lines), lines);
    });

    it('everything after the closing fence is dropped, but the input is drained (not cancelled)', async () => {
      let finished = false;
      async function* src(): AsyncIterable<string> {
        yield* ['```', 'a', '```', 'Trailing.', 'More.'];
        finished = true;
      }
      assert.deepStrictEqual(await collect(stripFencesAndProse(src())), ['a']);
      assert.ok(finished, 'upstream ran to completion');
    });

    it('closer must be at least as long as the opener and use the same character', async () => {
      assert.deepStrictEqual(await run(['~~~~', '~~~', '```', 'x', '~~~~~', 'after']), ['~~~', '```', 'x']);
    });

    it('trailing prose with a fenced example is dropped as one paragraph', async () => {
      assert.deepStrictEqual(await run(['a = 1', '', 'Example usage:', '```py', 'f(a)', '```', '']), ['a = 1', '']);
    });

    it('a held paragraph followed by an indented line is released (could be code)', async () => {
      assert.deepStrictEqual(await run(['a = 1', '', 'Usage', '    a += 1']), ['a = 1', '', 'Usage', '    a += 1']);
    });

    it('text inside an open template literal is never trailing prose', async () => {
      const lines = ['const help = `', 'Usage: tool [opts]', '', 'This tool does X.'];
      assert.deepStrictEqual(await run(lines), lines);
    });
  });

  describe('trimBlankEdges', () => {
    const run = (lines: string[], leading: number, trailing: number) =>
      collect(trimBlankEdges(fromChunks(lines), { leading, trailing }));

    it('caps leading and trailing runs, keeps the middle', async () => {
      assert.deepStrictEqual(await run(['', ' ', '\t', 'a', '', '', 'b', '', '  ', ''], 2, 1), [' ', '\t', 'a', '', '', 'b', '']);
    });
    it('zero counts', async () => {
      assert.deepStrictEqual(await run(['', 'a', ''], 0, 0), ['a']);
    });
    it('fewer blanks than allowed are not invented', async () => {
      assert.deepStrictEqual(await run(['a'], 3, 3), ['a']);
    });
    it('all blank → nothing', async () => {
      assert.deepStrictEqual(await run(['', '  ', ''], 2, 2), []);
    });
    it('empty → nothing', async () => {
      assert.deepStrictEqual(await run([], 1, 1), []);
    });
  });

  describe('reindent', () => {
    const run = (lines: string[], insertSpaces: boolean, tabSize: number, baseIndent: string) =>
      collect(reindent(fromChunks(lines), { style: { insertSpaces, tabSize }, baseIndent }));

    it('indentColumns and renderIndent', () => {
      assert.strictEqual(indentColumns('\t\t', 4), 8);
      assert.strictEqual(indentColumns('  \t', 4), 4, 'a tab advances to the next tab stop');
      assert.strictEqual(indentColumns('\t  ', 2), 4);
      assert.strictEqual(renderIndent(10, { insertSpaces: false, tabSize: 4 }), '\t\t  ');
      assert.strictEqual(renderIndent(10, { insertSpaces: true, tabSize: 4 }), ' '.repeat(10));
      assert.strictEqual(renderIndent(-3, { insertSpaces: true, tabSize: 4 }), '');
    });

    it('leading blank lines are released as empty before the first line fixes the delta', async () => {
      assert.deepStrictEqual(await run(['  ', '', '  a', '    b'], true, 2, '\t'), ['', '', '  a', '    b']);
    });

    it('tabs: 8-column base, tab-size 8 file', async () => {
      assert.deepStrictEqual(await run(['x', '    y', '        z'], false, 8, '\t'), ['\tx', '\t    y', '\t\tz']);
    });

    it('mixed tab/space answer in a spaces file', async () => {
      assert.deepStrictEqual(await run(['a', '\t  b', '  \tc'], true, 4, ''), ['a', '      b', '    c']);
    });

    it('only leading spaces/tabs change; other whitespace is content', async () => {
      assert.deepStrictEqual(await run(['a', '\u00a0b', '  c\t '], true, 2, '  '), ['  a', '  \u00a0b', '    c\t ']);
    });

    it('baseIndent with trailing non-whitespace is measured by its leading whitespace only', async () => {
      assert.deepStrictEqual(await run(['x'], true, 4, '\t// comment'), ['    x']);
    });
  });
});

describe('stream cleaning: control characters', () => {
  it('removes NUL, escapes and other controls but keeps tabs and line breaks', async () => {
    const { stripControlChars } = await import('../../src/core/stream/controlChars');
    const { collect, fromChunks } = await import('../../src/core/stream/iter');
    const out = (await collect(stripControlChars(fromChunks(['a\u0000b', '\u001b[31mred\u001b[0m', '\tx\r\ny\u007f', '\u0007'])))).join('');
    assert.strictEqual(out, 'ab[31mred[0m\tx\r\ny');
  });
});
