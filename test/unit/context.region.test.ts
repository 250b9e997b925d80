// Unit tests of the edit region (src/core/context/editRegion.ts) and the file context sent with
// an edit (src/core/context/fileContext.ts).

import * as assert from 'assert';
import { performance } from 'node:perf_hooks';
import { describeIndent, EditRegion, regionFromSelection, SelectionLike } from '../../src/core/context/editRegion';
import { buildFileContext, estimateTokens, FileContext } from '../../src/core/context/fileContext';

const sel = (startLine: number, startChar: number, endLine: number, endChar: number): SelectionLike => ({ startLine, startChar, endLine, endChar });

describe('context: regionFromSelection', () => {
  const lines = [
    'function f() {',    // 0
    '  const a = 1;',    // 1
    '',                  // 2
    '  return a;',       // 3
    '}',                 // 4
  ];

  const region = (s: SelectionLike, l: readonly string[] = lines): EditRegion => regionFromSelection(l, s);

  describe('full-line selections', () => {
    it('ending at column 0 of the next line: that line is not part of the region', () => {
      assert.deepStrictEqual(region(sel(1, 0, 4, 0)), {
        startLine: 1, endLine: 4, partialSelection: undefined, baseIndent: '  ', leadingBlank: 0, trailingBlank: 0,
      });
    });

    it('one line ending at column 0 of the next', () => {
      const r = region(sel(1, 0, 2, 0));
      assert.deepStrictEqual([r.startLine, r.endLine, r.partialSelection], [1, 2, undefined]);
    });

    it('ending at the end of the last selected line', () => {
      assert.deepStrictEqual(region(sel(1, 0, 3, lines[3].length)), {
        startLine: 1, endLine: 4, partialSelection: undefined, baseIndent: '  ', leadingBlank: 0, trailingBlank: 0,
      });
    });

    it('starting inside the indentation is still a full-line selection', () => {
      const r = region(sel(1, 1, 1, lines[1].length));
      assert.deepStrictEqual([r.startLine, r.endLine, r.partialSelection, r.baseIndent], [1, 2, undefined, '  ']);
      const r2 = region(sel(3, 2, 4, 1));
      assert.deepStrictEqual([r2.startLine, r2.endLine, r2.partialSelection], [3, 5, undefined]);
    });

    it('the whole file (with and without a final newline line)', () => {
      const r = region(sel(0, 0, 4, 1));
      assert.deepStrictEqual([r.startLine, r.endLine, r.partialSelection, r.baseIndent], [0, 5, undefined, '']);
      const withEol = [...lines, ''];
      const r2 = region(sel(0, 0, 5, 0), withEol);
      assert.deepStrictEqual([r2.startLine, r2.endLine, r2.partialSelection], [0, 5, undefined]);
    });
  });

  describe('partial selections', () => {
    it('inside one line: the exact highlighted text', () => {
      const r = region(sel(1, 8, 1, 9));
      assert.deepStrictEqual(r, { startLine: 1, endLine: 2, partialSelection: 'a', baseIndent: '  ', leadingBlank: 0, trailingBlank: 0 });
    });

    it('from mid-line to the end of the line', () => {
      const r = region(sel(1, 8, 1, lines[1].length));
      assert.strictEqual(r.partialSelection, 'a = 1;');
    });

    it('from the start of a line to mid-line', () => {
      const r = region(sel(3, 0, 3, 8));
      assert.strictEqual(r.partialSelection, '  return');
      assert.deepStrictEqual([r.startLine, r.endLine], [3, 4]);
    });

    it('across lines, keeping the middle lines and \\n between', () => {
      const r = region(sel(0, 9, 3, 8));
      assert.deepStrictEqual([r.startLine, r.endLine], [0, 4]);
      assert.strictEqual(r.partialSelection, 'f() {\n  const a = 1;\n\n  return');
    });

    it('from mid-line to column 0 of the next line: the region is that one line', () => {
      const r = region(sel(1, 8, 2, 0));
      assert.deepStrictEqual([r.startLine, r.endLine], [1, 2]);
      assert.strictEqual(r.partialSelection, 'a = 1;\n');
    });
  });

  describe('empty selections (insertion points)', () => {
    it('on an empty blank line: insert before it, indented like the next non-blank line', () => {
      assert.deepStrictEqual(region(sel(2, 0, 2, 0)), { startLine: 2, endLine: 2, baseIndent: '  ', leadingBlank: 1, trailingBlank: 1 });
    });

    it('on a whitespace-only line: its own whitespace is the indent', () => {
      const l = ['if (x) {', '      ', '  y();', '}'];
      assert.deepStrictEqual(region(sel(1, 3, 1, 3), l), { startLine: 1, endLine: 1, baseIndent: '      ', leadingBlank: 1, trailingBlank: 1 });
    });

    it('blank line at the end: the previous non-blank line decides the indent', () => {
      const l = ['class A {', '\tm() {}', ''];
      assert.deepStrictEqual(region(sel(2, 0, 2, 0), l).baseIndent, '\t');
    });

    it('at the start of a non-blank line (column 0 or inside the indentation): insert before it', () => {
      for (const c of [0, 1, 2]) {
        const r = region(sel(3, c, 3, c));
        assert.deepStrictEqual(r, { startLine: 3, endLine: 3, baseIndent: '  ', leadingBlank: 1, trailingBlank: 1 }, `column ${c}`);
      }
    });

    it('mid-line or at the end of a line: insert after it', () => {
      for (const c of [3, lines[1].length]) {
        const r = region(sel(1, c, 1, c));
        assert.deepStrictEqual([r.startLine, r.endLine, r.baseIndent], [2, 2, '  '], `column ${c}`);
      }
    });

    it('at the end of the last line of a file without a final newline: insert at lines.length', () => {
      const r = region(sel(4, 1, 4, 1));
      assert.deepStrictEqual([r.startLine, r.endLine, r.baseIndent], [5, 5, '']);
    });

    it('in an empty file', () => {
      assert.deepStrictEqual(regionFromSelection([''], sel(0, 0, 0, 0)), { startLine: 0, endLine: 0, baseIndent: '', leadingBlank: 1, trailingBlank: 1 });
    });
  });

  describe('baseIndent and edge blanks', () => {
    it('tabs and mixed indentation come from the first non-blank line', () => {
      const l = ['', '\t\tfoo();', '\tbar();', ''];
      const r = regionFromSelection(l, sel(0, 0, 3, 0));
      assert.deepStrictEqual(r, { startLine: 0, endLine: 3, partialSelection: undefined, baseIndent: '\t\t', leadingBlank: 1, trailingBlank: 0 });
      const mixed = regionFromSelection(['\t  x', '    y'], sel(0, 0, 1, 5));
      assert.strictEqual(mixed.baseIndent, '\t  ');
    });

    it('counts leading and trailing blank lines (whitespace-only lines are blank)', () => {
      const l = ['', '  ', 'x', '', '\t', 'end'];
      const r = regionFromSelection(l, sel(0, 0, 5, 0));
      assert.deepStrictEqual([r.startLine, r.endLine, r.leadingBlank, r.trailingBlank, r.baseIndent], [0, 5, 2, 2, '']);
    });

    it('an all-blank region: every line counts as leading, none as trailing', () => {
      const l = ['a', '', '   ', '', 'b'];
      const r = regionFromSelection(l, sel(1, 0, 4, 0));
      assert.deepStrictEqual([r.leadingBlank, r.trailingBlank, r.baseIndent], [3, 0, '']);
    });

    it('selection at the end of the file', () => {
      const l = ['a', '  b', '  c'];
      const r = regionFromSelection(l, sel(1, 0, 2, 3));
      assert.deepStrictEqual(r, { startLine: 1, endLine: 3, partialSelection: undefined, baseIndent: '  ', leadingBlank: 0, trailingBlank: 0 });
      const r2 = regionFromSelection(l, sel(2, 2, 2, 3));
      assert.deepStrictEqual([r2.startLine, r2.endLine, r2.partialSelection], [2, 3, undefined]);
    });
  });

  it('describeIndent', () => {
    assert.strictEqual(describeIndent({ insertSpaces: true, tabSize: 4 } as never), '4 spaces');
    assert.strictEqual(describeIndent({ insertSpaces: false, tabSize: 4 } as never), 'tabs');
  });
});

// ---- buildFileContext --------------------------------------------------------------------------

const MARKER = /^⋯ lines (\d+)–(\d+) omitted ⋯$/;

/** Checks the context text against the file: kept lines verbatim, markers naming exactly the gap (1-based, inclusive). */
function decode(ctx: FileContext, lines: readonly string[]): { kept: boolean[]; markers: number } {
  const kept = lines.map(() => false);
  let p = 0;
  let markers = 0;
  let lastWasMarker = false;
  for (const out of ctx.text.split('\n')) {
    const m = MARKER.exec(out);
    if (m && !(p < lines.length && lines[p] === out)) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      assert.strictEqual(a, p + 1, `marker "${out}" should start at line ${p + 1}`);
      assert.ok(b >= a && b <= lines.length, `marker "${out}"`);
      assert.ok(!lastWasMarker, 'two markers in a row');
      p = b;
      markers++;
      lastWasMarker = true;
    } else {
      assert.ok(p < lines.length, `extra line "${out}"`);
      assert.strictEqual(out, lines[p], `line ${p + 1}`);
      kept[p++] = true;
      lastWasMarker = false;
    }
  }
  assert.strictEqual(p, lines.length, 'the context does not reach the end of the file');
  return { kept, markers };
}

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

const lineTokens = (l: string) => estimateTokens(l.length + 1);
const sumTokens = (lines: readonly string[], keep: (i: number) => boolean) => lines.reduce((n, l, i) => n + (keep(i) ? lineTokens(l) : 0), 0);

describe('context: buildFileContext', () => {
  // 1000 lines of 15 characters (+ newline = 4 tokens each).
  const file = Array.from({ length: 1000 }, (_, i) => `line ${String(i + 1).padStart(4, '0')} xxxxx`);

  it('the whole file when it fits the budget', () => {
    const small = file.slice(0, 50);
    const ctx = buildFileContext(small, 10, 12, 10_000);
    assert.deepStrictEqual(ctx, { text: small.join('\n'), windowed: false, tokens: 200 });
    // Exactly at the budget still fits.
    assert.strictEqual(buildFileContext(small, 10, 12, 200).windowed, false);
    assert.strictEqual(buildFileContext(small, 10, 12, 199).windowed, true);
  });

  it('an empty file', () => {
    assert.deepStrictEqual(buildFileContext([''], 0, 0, 100), { text: '', windowed: false, tokens: 1 });
  });

  it('over budget: head + a window around the region, gaps marked with correct 1-based inclusive numbers', () => {
    const budget = 400; // 100 lines
    const ctx = buildFileContext(file, 500, 506, budget);
    assert.strictEqual(ctx.windowed, true);
    const { kept, markers } = decode(ctx, file);
    // Head: 15 % of the budget = 60 tokens = lines 1–15.
    for (let i = 0; i < 15; i++) assert.ok(kept[i], `head line ${i}`);
    assert.ok(!kept[15]);
    // Region.
    for (let i = 500; i < 506; i++) assert.ok(kept[i]);
    // The window is one contiguous block around the region, balanced above and below.
    const window = kept.map((k, i) => (k && i >= 15 ? i : -1)).filter(i => i >= 0);
    const first = window[0];
    const last = window[window.length - 1];
    assert.strictEqual(last - first + 1, window.length, 'window is contiguous');
    assert.ok(Math.abs((500 - first) - (last - 505)) <= 1, `window ${first}–${last} is balanced`);
    assert.strictEqual(markers, 2);
    const lines = ctx.text.split('\n');
    assert.strictEqual(lines[15], `⋯ lines 16–${first} omitted ⋯`);
    assert.strictEqual(lines[lines.length - 1], `⋯ lines ${last + 2}–1000 omitted ⋯`);
    // Budget: every kept line counted, within one line's worth of the budget.
    const used = sumTokens(file, i => kept[i]);
    assert.ok(used <= budget && used > budget - 4, `used ${used}`);
    assert.ok(ctx.tokens <= budget + 2 * estimateTokens(30), `tokens ${ctx.tokens}`);
    assert.strictEqual(ctx.tokens, estimateTokens(ctx.text.length));
  });

  it('region at the start: no head, the window grows downwards only', () => {
    const ctx = buildFileContext(file, 0, 3, 400);
    const { kept, markers } = decode(ctx, file);
    assert.strictEqual(markers, 1);
    assert.strictEqual(kept.filter(Boolean).length, 100);
    assert.ok(kept.slice(0, 100).every(Boolean));
    assert.ok(ctx.text.endsWith('⋯ lines 101–1000 omitted ⋯'));
  });

  it('region at the end: head, gap, then the window up to the last line', () => {
    const ctx = buildFileContext(file, 995, 1000, 400);
    const { kept, markers } = decode(ctx, file);
    assert.strictEqual(markers, 1);
    assert.ok(kept[999] && kept[0]);
    assert.strictEqual(kept.filter(Boolean).length, 100);
    assert.ok(!ctx.text.endsWith('omitted ⋯'));
  });

  it('an insertion point (empty region) gets a window too', () => {
    const ctx = buildFileContext(file, 500, 500, 400);
    const { kept } = decode(ctx, file);
    assert.ok(kept[499] && kept[500]);
    assert.strictEqual(kept.filter(Boolean).length, 100);
  });

  it('the region is always included, even when it alone exceeds the budget', () => {
    const ctx = buildFileContext(file, 100, 300, 50);
    const { kept, markers } = decode(ctx, file);
    for (let i = 100; i < 300; i++) assert.ok(kept[i], `region line ${i}`);
    assert.strictEqual(kept.filter(Boolean).length, 200, 'nothing but the region');
    assert.strictEqual(markers, 2);
    assert.ok(ctx.text.startsWith('⋯ lines 1–100 omitted ⋯\nline 0101'));
  });

  it('a budget of 0 still sends the region', () => {
    const ctx = buildFileContext(file, 10, 11, 0);
    assert.strictEqual(ctx.text, '⋯ lines 1–10 omitted ⋯\nline 0011 xxxxx\n⋯ lines 12–1000 omitted ⋯');
  });

  it('a window meeting the head leaves no gap between them', () => {
    const ctx = buildFileContext(file, 40, 42, 400);
    const { kept, markers } = decode(ctx, file);
    assert.strictEqual(markers, 1);
    assert.ok(kept.slice(0, 42).every(Boolean));
    assert.strictEqual(kept.filter(Boolean).length, 100);
  });

  it('a long line that does not fit stops the window on that side; the other side goes on', () => {
    const l = [...file.slice(0, 200)];
    l[95] = 'y'.repeat(2000); // 500 tokens, above the region
    const ctx = buildFileContext(l, 100, 101, 200);
    const { kept } = decode(ctx, l);
    assert.ok(!kept[95]);
    assert.ok(kept[96] && kept[99] && kept[100]);
    assert.strictEqual(sumTokens(l, i => kept[i]) <= 200, true);
    // Head 7 lines (28 of the 30-token head share), region 4, above 4 lines (16): 152 tokens = 38 lines below.
    assert.ok(kept.slice(101, 139).every(Boolean), 'the window kept growing below');
    assert.ok(!kept[139]);
  });

  it('property: random files, regions and budgets keep the invariants', () => {
    const seed = 20250101;
    const rnd = prng(seed);
    for (let t = 0; t < 300; t++) {
      const n = 1 + Math.floor(rnd() * 120);
      const lines = Array.from({ length: n }, (_, i) => (rnd() < 0.1 ? '' : `${i}:${'z'.repeat(Math.floor(rnd() * 60))}`));
      const a = Math.floor(rnd() * (n + 1));
      const b = a + Math.floor(rnd() * (n - a + 1));
      const budget = Math.floor(rnd() * 600);
      const ctx = buildFileContext(lines, a, b, budget);
      const what = `seed ${seed} case ${t}: n=${n} region ${a}–${b} budget ${budget}`;
      const { kept } = decode(ctx, lines);
      for (let i = a; i < b; i++) assert.ok(kept[i], `${what}: region line ${i}`);
      const regionTokens = sumTokens(lines, i => i >= a && i < b);
      const used = sumTokens(lines, i => kept[i]);
      if (ctx.windowed) assert.ok(used <= Math.max(budget, regionTokens), `${what}: used ${used}`);
      else assert.strictEqual(ctx.text, lines.join('\n'));
      // The lines before the region that are kept start with the file's head or touch the region.
      const above = kept.slice(0, a);
      const firstGap = above.indexOf(false);
      if (firstGap >= 0) {
        const lastGap = above.lastIndexOf(false);
        assert.ok(above.slice(firstGap, lastGap + 1).every(k => !k), `${what}: one gap above the region`);
      }
    }
  });

  it('performance: a 10,000-line file (prints the time)', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => `    const value${i} = compute(${i}, "some text here"); // ${i}`);
    buildFileContext(big, 5000, 5010, 6000); // warm-up
    const runs: number[] = [];
    let ctx: FileContext | undefined;
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      ctx = buildFileContext(big, 5000 + i, 5010 + i, 6000);
      runs.push(performance.now() - t0);
    }
    runs.sort((x, y) => x - y);
    console.log(`      buildFileContext, 10,000 lines, budget 6000: median ${runs[10].toFixed(3)} ms, max ${runs[19].toFixed(3)} ms`);
    assert.ok(ctx!.windowed);
    decode(ctx!, big);
  });
});
