// Answer cleaning (src/core/stream/*): one table row per model quirk, each run through cleanAnswer
// as one chunk, one UTF-16 code unit per chunk, and random chunk boundaries from a seeded PRNG.
// Reproduce a random failure with STREAM_CLEANING_SEED=<seed printed in the failure>.
import * as assert from 'node:assert';
import { CleanOptions, cleanAnswer } from '../../src/core/stream/cleanAnswer';
import { collect, fromChunks } from '../../src/core/stream/iter';

const SPACES4 = { insertSpaces: true, tabSize: 4 };
const TABS4 = { insertSpaces: false, tabSize: 4 };

interface Case {
  name: string;
  /** The answer as the model streams it (joined text; `chunks` if the boundaries matter). */
  answer: string;
  /** Boundaries as a real stream delivered them (checked as well as the generated splits). */
  chunks?: string[];
  opts?: Partial<CleanOptions>;
  expected: string[];
}

const BASE: CleanOptions = { style: SPACES4, baseIndent: '', leadingBlank: 0, trailingBlank: 0 };

export const CASES: Case[] = [
  // --- plain code and fences -------------------------------------------------------------------
  {
    name: 'plain code passes through',
    answer: 'def add(a, b):\n    return a + b\n',
    expected: ['def add(a, b):', '    return a + b'],
  },
  {
    name: '```lang fence is dropped',
    answer: '```python\ndef add(a, b):\n    return a + b\n```\n',
    expected: ['def add(a, b):', '    return a + b'],
  },
  {
    name: 'fence without language',
    answer: '```\nconst x = 1;\n```',
    expected: ['const x = 1;'],
  },
  {
    name: '~~~ fence',
    answer: '~~~ts\nlet y: number = 2;\n~~~\n',
    expected: ['let y: number = 2;'],
  },
  {
    name: '4-backtick fence containing a ``` block keeps the inner fences',
    answer: '````ts\nconst md = `\n```js\nconsole.log(1);\n```\n`;\n````\n\nThe template holds a markdown block.\n',
    expected: ['const md = `', '```js', 'console.log(1);', '```', '`;'],
  },
  {
    name: '3-backtick fence with a nested ```js block: the nested closer is not the closer',
    answer: '```ts\nconst md = `\n```js\nx();\n```\n`;\n```\nThis renders markdown.\n',
    expected: ['const md = `', '```js', 'x();', '```', '`;'],
  },
  {
    name: 'fence split across chunks (`` + `python)',
    answer: '```python\nx = 1\n```\n',
    chunks: ['``', '`python\n', 'x = 1\n', '``', '`\n'],
    expected: ['x = 1'],
  },
  {
    name: 'indented fence with an info string beyond the language',
    answer: '  ```python title="geo.py"\n  def f():\n      return 1\n  ```\n',
    expected: ['def f():', '    return 1'],
  },
  {
    name: 'no closing fence (stream cut) keeps the code',
    answer: '```python\ndef f():\n    return 1\n',
    expected: ['def f():', '    return 1'],
  },
  {
    name: 'a second code block after the first is dropped',
    answer: '```js\na();\n```\n```js\nb();\n```\n',
    expected: ['a();'],
  },
  {
    name: 'leading blank line inside the fence is trimmed, indentation follows the first code line',
    answer: '```py\n\n    x = 1\n    y = 2\n```',
    opts: { baseIndent: '    ' },
    expected: ['    x = 1', '    y = 2'],
  },
  // --- lead-in prose ---------------------------------------------------------------------------
  {
    name: 'lead-in prose + fence',
    answer: "Here's the updated code:\n\n```js\nfoo();\n```\n",
    expected: ['foo();'],
  },
  {
    name: '"Sure! Here is the refactored function:" + fence',
    answer: 'Sure! Here is the refactored function:\n```ts\nexport const f = () => 1;\n```',
    expected: ['export const f = () => 1;'],
  },
  {
    name: '"Here’s" (curly apostrophe) lead-in + fence',
    answer: 'Here’s the fixed version:\n```go\nreturn nil\n```\n',
    expected: ['return nil'],
  },
  {
    name: 'multi-line lead-in with bullets before the fence',
    answer: "I've made the following changes:\n- renamed x\n- added a guard\n\n```go\nfunc f() {}\n```\n",
    expected: ['func f() {}'],
  },
  {
    name: 'markdown heading as lead-in',
    answer: '### Updated code\n```rust\nfn main() {}\n```\n',
    expected: ['fn main() {}'],
  },
  {
    name: 'lead-in prose without a fence',
    answer: 'Here is the updated function:\n\nfunction f() {\n  return 1;\n}\n',
    expected: ['function f() {', '  return 1;', '}'],
  },
  {
    name: '"Certainly! Below is …:" lead-in without a fence',
    answer: 'Certainly! Below is the updated version:\nconst a = 1;\n',
    expected: ['const a = 1;'],
  },
  {
    name: 'interjection line + lead-in line without a fence',
    answer: "Sure!\n\nHere's the code:\n\nx = 1\n",
    expected: ['x = 1'],
  },
  {
    name: 'prose-like first lines without a fence are released, not dropped',
    answer: 'Hello world\nSecond line of the text file\n',
    expected: ['Hello world', 'Second line of the text file'],
  },
  // --- trailing prose --------------------------------------------------------------------------
  {
    name: 'trailing explanation after the fence',
    answer: '```py\nx = 1\n```\n\nThis version avoids the global.\n',
    expected: ['x = 1'],
  },
  {
    name: 'trailing "Usage:" with a second code block after the fence',
    answer: '```js\na();\n```\n\nUsage:\n\n```js\nb();\n```\n',
    expected: ['a();'],
  },
  {
    name: 'trailing prose without a fence',
    answer: 'const a = 1;\nconst b = 2;\n\nThis code declares two constants.\n',
    expected: ['const a = 1;', 'const b = 2;'],
  },
  {
    name: 'trailing **Changes:** with bullets without a fence',
    answer: 'total = sum(xs)\n\n**Changes:**\n- Used `sum` instead of a loop\n- Removed `acc = 0`\n',
    expected: ['total = sum(xs)'],
  },
  {
    name: 'trailing "Explanation:" and "Note:" paragraphs without a fence',
    answer: 'return a * b;\n\nExplanation: multiplies the inputs.\n\nNote: no overflow check.\n',
    expected: ['return a * b;'],
  },
  {
    name: 'bare closing fence after code (opener forgotten) + explanation',
    answer: 'x = 1\ny = 2\n```\n\nThis sets two variables.\n',
    expected: ['x = 1', 'y = 2'],
  },
  {
    name: 'prose between code lines is kept (code follows it)',
    answer: 'a = load()\n\nThe rest of the function is unchanged:\n\nreturn a\n',
    expected: ['a = load()', '', 'The rest of the function is unchanged:', '', 'return a'],
  },
  {
    name: 'Python docstring with "This function…" lines is kept',
    answer: 'def area(r):\n    """Return the area.\n\n    This function uses math.pi.\n    """\n    return math.pi * r * r\n',
    expected: ['def area(r):', '    """Return the area.', '', '    This function uses math.pi.', '    """', '    return math.pi * r * r'],
  },
  {
    name: 'column-0 docstring text in an open """ string is kept (stream cut inside it)',
    answer: 'import math\n"""Geometry helpers.\n\nThis module computes areas.\n',
    expected: ['import math', '"""Geometry helpers.', '', 'This module computes areas.'],
  },
  {
    name: '"# Note:" / "// Note:" comment lines are kept',
    answer: 'x = 1\n\n# Note: keep in sync with y\ny = 2\n\n// Note: b is called elsewhere.\n',
    expected: ['x = 1', '', '# Note: keep in sync with y', 'y = 2', '', '// Note: b is called elsewhere.'],
  },
  {
    name: '"Note:" inside an open /* block comment is kept',
    answer: 'run();\n/*\n\nNote: internal API.\n',
    expected: ['run();', '/*', '', 'Note: internal API.'],
  },
  {
    name: 'answer that is only prose is kept as is (the user sees it in the diff and rejects it)',
    answer: "I can't make that change without the definition of `User`.\n\nThis function is not in the selection.\n",
    expected: ["I can't make that change without the definition of `User`.", '', 'This function is not in the selection.'],
  },
  {
    name: 'answer that is only a lead-in line yields nothing',
    answer: "Here's the updated code:\n",
    expected: [],
  },
  // --- blank edges -----------------------------------------------------------------------------
  {
    name: 'leading blank lines dropped when the original had none',
    answer: '\n\nx = 1\n',
    expected: ['x = 1'],
  },
  {
    name: 'leading blank lines capped at the original count',
    answer: '\n\n\nx = 1',
    opts: { leadingBlank: 1 },
    expected: ['', 'x = 1'],
  },
  {
    name: 'trailing blank lines capped at the original count',
    answer: 'x = 1\n\n\n\n',
    opts: { trailingBlank: 1 },
    expected: ['x = 1', ''],
  },
  {
    name: 'trailing blank lines dropped when the original had none',
    answer: 'x = 1\n\n\n',
    expected: ['x = 1'],
  },
  {
    name: 'blank lines in the middle are kept',
    answer: 'a = 1\n\n\nb = 2\n',
    expected: ['a = 1', '', '', 'b = 2'],
  },
  {
    name: 'a line of only spaces in the middle becomes empty',
    answer: 'a = 1\n    \nb = 2',
    expected: ['a = 1', '', 'b = 2'],
  },
  {
    name: 'empty answer',
    answer: '',
    expected: [],
  },
  {
    name: 'whitespace-only answer yields nothing even when the original had blank edges',
    answer: '  \n\t\n   ',
    opts: { leadingBlank: 1, trailingBlank: 1 },
    expected: [],
  },
  // --- think tags ------------------------------------------------------------------------------
  {
    name: '<think> block at the start is dropped',
    answer: '<think>\nThe user wants a rename. Keep the signature.\n</think>\n\nx = 1\n',
    expected: ['x = 1'],
  },
  {
    name: '<think> tags split across chunks',
    answer: '<think>reasoning</think>\ny = 2',
    chunks: ['<thi', 'nk>reason', 'ing</thi', 'nk>\n', 'y = 2'],
    expected: ['y = 2'],
  },
  {
    name: '<thinking> after leading whitespace, then a fence',
    answer: '\n  <thinking>plan the edit</thinking>\n```js\nz();\n```',
    expected: ['z();'],
  },
  {
    name: 'empty <think></think> block (Qwen3 no-think)',
    answer: '<think>\n\n</think>\n\nreturn 1;',
    expected: ['return 1;'],
  },
  {
    name: '<think> mentioned inside code is kept',
    answer: 'const TAG = "<think>";\nconst END = "</think>";\n',
    expected: ['const TAG = "<think>";', 'const END = "</think>";'],
  },
  {
    name: 'reasoning-like text not at the start is kept',
    answer: 'x = 1\n<think>keep me</think>\n',
    expected: ['x = 1', '<think>keep me</think>'],
  },
  {
    name: 'a tag that only starts like <think (<thead>) is kept',
    answer: '<thead>\n  <tr></tr>\n</thead>\n',
    expected: ['<thead>', '  <tr></tr>', '</thead>'],
  },
  // --- line endings ----------------------------------------------------------------------------
  {
    name: 'CRLF answer: no \\r survives',
    answer: 'Here is the code:\r\n```ts\r\nconst a = 1;\r\n\r\nconst b = 2;\r\n```\r\n',
    expected: ['const a = 1;', '', 'const b = 2;'],
  },
  {
    name: 'lone \\r line breaks',
    answer: 'a = 1\rb = 2\r',
    expected: ['a = 1', 'b = 2'],
  },
  {
    name: '\\r and \\n of one CRLF in different chunks',
    answer: 'a = 1\r\nb = 2\r\n',
    chunks: ['a = 1\r', '\nb = 2\r', '\n'],
    expected: ['a = 1', 'b = 2'],
  },
  // --- indentation -----------------------------------------------------------------------------
  {
    name: 'tabs file, space-indented answer: no space-indented line survives',
    answer: 'def f():\n    if x:\n        return 1\n    return 0\n',
    opts: { style: TABS4, baseIndent: '\t' },
    expected: ['\tdef f():', '\t\tif x:', '\t\t\treturn 1', '\t\treturn 0'],
  },
  {
    name: 'spaces file, tab-indented answer: each tab = tabSize columns',
    answer: 'func f() {\n\treturn 1\n}\n',
    opts: { baseIndent: '    ' },
    expected: ['    func f() {', '        return 1', '    }'],
  },
  {
    name: '2-space answer into a 4-space file: relative columns preserved, not rescaled',
    answer: 'if (a) {\n  b();\n}\n',
    opts: { baseIndent: '    ' },
    expected: ['    if (a) {', '      b();', '    }'],
  },
  {
    name: 'tabs file, 2-space answer: tabs plus alignment remainder',
    answer: 'if (a) {\n  b();\n    c();\n}\n',
    opts: { style: TABS4, baseIndent: '\t' },
    expected: ['\tif (a) {', '\t  b();', '\t\tc();', '\t}'],
  },
  {
    name: 'answer at column 0 for a selection indented 8',
    answer: 'for i in range(3):\n    print(i)\n',
    opts: { baseIndent: '        ' },
    expected: ['        for i in range(3):', '            print(i)'],
  },
  {
    name: 'answer already at the base indent',
    answer: '    x = 1\n    y = 2\n',
    opts: { baseIndent: '    ' },
    expected: ['    x = 1', '    y = 2'],
  },
  {
    name: 'answer deeper than the base',
    answer: '        x = 1\n            y = 2\n        z = 3\n',
    opts: { baseIndent: '  ' },
    expected: ['  x = 1', '      y = 2', '  z = 3'],
  },
  {
    name: 'a line left of the first line is clamped at column 0',
    answer: '    a = 1\nb = 2\n',
    expected: ['a = 1', 'b = 2'],
  },
  // --- markdown, encodings, formats --------------------------------------------------------------
  {
    name: 'markdown editing with keepFences keeps the fences',
    answer: '```ts\nconst a = 1;\n```\n',
    opts: { keepFences: true },
    expected: ['```ts', 'const a = 1;', '```'],
  },
  {
    name: 'keepFences still drops lead-in prose and a trailing explanation',
    answer: "Here's the updated block:\n\n```ts\nconst a = 2;\n```\n\nThis version uses const.\n",
    opts: { keepFences: true },
    expected: ['```ts', 'const a = 2;', '```'],
  },
  {
    name: 'emoji and non-BMP characters survive any chunking',
    answer: '```js\nconst s = "héllo 👋🏽 𝒳 日本";\n// 🚀 done\n```',
    expected: ['const s = "héllo 👋🏽 𝒳 日本";', '// 🚀 done'],
  },
  {
    name: 'JSON answer in a fence',
    answer: '```json\n{\n  "name": "x",\n  "version": 1\n}\n```\n',
    expected: ['{', '  "name": "x",', '  "version": 1', '}'],
  },
  {
    name: 'YAML answer without a fence',
    answer: 'name: build\non:\n  push:\n    branches: [main]\n',
    expected: ['name: build', 'on:', '  push:', '    branches: [main]'],
  },
  {
    name: 'SQL answer with -- comments',
    answer: '-- active users only\nSELECT id, name\nFROM users\nWHERE active = 1; -- soft-deleted rows excluded\n',
    expected: ['-- active users only', 'SELECT id, name', 'FROM users', 'WHERE active = 1; -- soft-deleted rows excluded'],
  },
];

// ---------------------------------------------------------------------------------------------

/** mulberry32: small seeded PRNG. */
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

function randomSplit(text: string, seed: number): string[] {
  const rnd = prng(seed);
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    // Mostly token-sized pieces, sometimes longer ones.
    const n = rnd() < 0.85 ? 1 + Math.floor(rnd() * 6) : 1 + Math.floor(rnd() * 40);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

const BASE_SEED = process.env.STREAM_CLEANING_SEED !== undefined ? Number(process.env.STREAM_CLEANING_SEED) : 0x5eed;
const RANDOM_SPLITS = 25;

async function run(chunks: string[], opts: Partial<CleanOptions> | undefined): Promise<string[]> {
  return collect(cleanAnswer(fromChunks(chunks), { ...BASE, ...opts }));
}

function show(chunks: string[]): string {
  return JSON.stringify(chunks);
}

describe('stream cleaning: quirk table (cleanAnswer)', () => {
  it('has at least 40 cases with unique names', () => {
    assert.ok(CASES.length >= 40, `${CASES.length} cases`);
    assert.strictEqual(new Set(CASES.map((c) => c.name)).size, CASES.length);
  });

  CASES.forEach((c, index) => {
    describe(c.name, () => {
      if (c.chunks !== undefined) {
        it('as streamed', async () => {
          assert.strictEqual(c.chunks!.join(''), c.answer, 'chunks must join to the answer');
          assert.deepStrictEqual(await run(c.chunks!, c.opts), c.expected, `chunks ${show(c.chunks!)}`);
        });
      }
      it('one chunk', async () => {
        assert.deepStrictEqual(await run(c.answer === '' ? [] : [c.answer], c.opts), c.expected);
      });
      it('one character (UTF-16 code unit) per chunk', async () => {
        assert.deepStrictEqual(await run(c.answer.split(''), c.opts), c.expected);
      });
      it(`random chunk boundaries (${RANDOM_SPLITS} seeds)`, async () => {
        for (let k = 0; k < RANDOM_SPLITS; k++) {
          const seed = (BASE_SEED + index * 1000 + k) >>> 0;
          const chunks = randomSplit(c.answer, seed);
          const got = await run(chunks, c.opts);
          assert.deepStrictEqual(got, c.expected, `seed=${seed} (STREAM_CLEANING_SEED base ${BASE_SEED}) chunks=${show(chunks)}`);
        }
      });
    });
  });

  it('no line ever contains \\r or \\n', async () => {
    for (const c of CASES) {
      for (const line of await run(c.answer.split(''), c.opts)) {
        assert.ok(!/[\r\n]/.test(line), `${c.name}: ${JSON.stringify(line)}`);
      }
    }
  });
});

describe('stream cleaning: latency (lines released as soon as decided)', () => {
  /** Runs the chunks through cleanAnswer and records, for each output line, how many chunks had been pulled. */
  async function pulledAt(chunks: string[], opts?: Partial<CleanOptions>): Promise<Array<[string, number]>> {
    let pulled = 0;
    async function* source(): AsyncIterable<string> {
      for (const c of chunks) {
        pulled++;
        yield c;
      }
    }
    const out: Array<[string, number]> = [];
    for await (const line of cleanAnswer(source(), { ...BASE, ...opts })) {
      out.push([line, pulled]);
    }
    return out;
  }

  it('plain code: each line leaves with the chunk that ends it', async () => {
    const got = await pulledAt(['function f() {\n', '  return 1;\n', '}\n', '']);
    assert.deepStrictEqual(got, [
      ['function f() {', 1],
      ['  return 1;', 2],
      ['}', 3],
    ]);
  });

  it('fenced code: lead-in held until the fence, code lines released at once', async () => {
    const got = await pulledAt(["Here's the code:\n", '```ts\n', 'const a = 1;\n', 'const b = 2;\n', '```\n', 'This explains.\n']);
    assert.deepStrictEqual(got, [
      ['const a = 1;', 3],
      ['const b = 2;', 4],
    ]);
  });

  it('a middle blank line waits only for the next non-blank line', async () => {
    const got = await pulledAt(['a = 1\n', '\n', 'b = 2\n', 'c = 3\n']);
    assert.deepStrictEqual(got, [
      ['a = 1', 1],
      ['', 3],
      ['b = 2', 3],
      ['c = 3', 4],
    ]);
  });

  it('a possible trailing explanation is held, and released when code follows', async () => {
    const got = await pulledAt(['x = 1\n', '\n', 'This is odd but code follows:\n', 'y = 2\n', 'z = 3\n']);
    assert.deepStrictEqual(got, [
      ['x = 1', 1],
      ['', 4],
      ['This is odd but code follows:', 4],
      ['y = 2', 4],
      ['z = 3', 5],
    ]);
  });

  it('a prose-like first line is released as soon as a code line shows no fence is coming', async () => {
    const got = await pulledAt(['Total\n', 'x = 1\n', 'y = 2\n']);
    assert.deepStrictEqual(got, [
      ['Total', 2],
      ['x = 1', 2],
      ['y = 2', 3],
    ]);
  });
});

describe('stream cleaning: throughput', function () {
  this.timeout(60_000);

  function codeText(chars: number): string {
    const lines = [
      'export function clamp(value: number, lo: number, hi: number): number {',
      '  if (value < lo) {',
      '    return lo;',
      '  }',
      '  return value > hi ? hi : value;',
      '}',
      '',
    ];
    let s = '```ts\n';
    let i = 0;
    while (s.length < chars) {
      s += lines[i++ % lines.length] + '\n';
    }
    return s.slice(0, chars);
  }

  it('100,000 single-character chunks of code', async () => {
    const text = codeText(100_000);
    const chunks = text.split('');
    assert.strictEqual(chunks.length, 100_000);
    const t0 = process.hrtime.bigint();
    const lines = await collect(cleanAnswer(fromChunks(chunks), BASE));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    // Every line after the opening fence survives (the cut last line included).
    const expected = text.split('\n').slice(1);
    assert.strictEqual(lines.length, expected[expected.length - 1] === '' ? expected.length - 1 : expected.length);
    const perSecond = Math.round(chunks.length / (ms / 1000));
    console.log(`      cleanAnswer throughput: ${perSecond.toLocaleString('en-US')} chunks/s (100,000 one-character chunks in ${ms.toFixed(0)} ms)`);
  });

  it('stays linear on pathological input: one 100,000-character line, a long think block, long whitespace', async () => {
    // Quadratic rescanning would take minutes here; linear work takes well under a second.
    const longLine = 'x'.repeat(100_000);
    assert.deepStrictEqual(await run(longLine.split(''), {}), [longLine]);
    const think = '<think>' + 'r'.repeat(100_000) + '</think>\nok = 1';
    assert.deepStrictEqual(await run(think.split(''), {}), ['ok = 1']);
    const ws = ' '.repeat(50_000) + '\n'.repeat(50_000) + 'z = 1';
    assert.deepStrictEqual(await run(ws.split(''), {}), ['z = 1']);
  });
});
