// Parts of the pseudocode detector: step text stripping per comment style, blockAt, the comment
// syntax table, the line lexer (strings and raw strings hide comment markers, heredocs, nesting)
// and the one-line classifier.

import * as assert from 'assert';
import { commentSyntax } from '../../src/core/pseudocode/commentSyntax';
import { blockAt, detectPseudocode, PseudocodeBlock } from '../../src/core/pseudocode/detect';
import { BLANK, BLOCK_COMMENT, CODE, DOCSTRING, LINE_COMMENT, STRING, lex } from '../../src/core/pseudocode/lexer';
import { lexProfile } from '../../src/core/pseudocode/lexProfile';
import { T_BANNER, T_CODE, T_DIRECTIVE, T_DOC, T_HEADER, T_LICENSE, T_PROSE, T_STEP, classifyText } from '../../src/core/pseudocode/textClass';

function only(src: string, lang: string): PseudocodeBlock {
  const blocks = detectPseudocode(src.split('\n'), lang);
  assert.strictEqual(blocks.length, 1, `one block in ${lang}: ${JSON.stringify(blocks)}`);
  return blocks[0];
}

describe('pseudocode detector: step texts per comment style', () => {
  it('// line comments (TypeScript), relative indentation kept', () => {
    const b = only([
      'function f(orders: Order[]) {',
      '  // for each order:',
      '  //   look up the customer',
      '  //   add the total to the customer\'s sum',
      '  // return the sums sorted by value',
      '}',
    ].join('\n'), 'typescript');
    assert.deepStrictEqual([b.startLine, b.endLine, b.kind], [1, 5, 'comments']);
    assert.deepStrictEqual(b.steps, ['for each order:', '  look up the customer', '  add the total to the customer\'s sum', 'return the sums sorted by value']);
  });

  it('# line comments (Python), blank comment lines skipped', () => {
    const b = only('def f(xs):\n    # sort the list\n    #\n    # return the middle element\n', 'python');
    assert.deepStrictEqual(b.steps, ['sort the list', 'return the middle element']);
    assert.deepStrictEqual([b.startLine, b.endLine], [1, 4]);
  });

  it('-- line comments (SQL)', () => {
    const b = only('-- join orders with customers\n-- group by customer and month\n', 'sql');
    assert.deepStrictEqual(b.steps, ['join orders with customers', 'group by customer and month']);
  });

  it('/* … */ with a " * " gutter, delimiters included in the range', () => {
    const b = only('void f(void) {\n    /*\n     * read the numbers\n     * print their sum\n     */\n}', 'c');
    assert.deepStrictEqual([b.startLine, b.endLine], [1, 5]);
    assert.deepStrictEqual(b.steps, ['read the numbers', 'print their sum']);
  });

  it('/* … */ without a gutter, text on the delimiter lines', () => {
    const b = only('void reverse(char *s) {\n    /* find the end of the string\n       swap characters from both ends */\n}', 'c');
    assert.deepStrictEqual([b.startLine, b.endLine], [1, 3]);
    assert.deepStrictEqual(b.steps, ['find the end of the string', 'swap characters from both ends']);
  });

  it('/** … */ doc comment above an empty function', () => {
    const b = only('/**\n * Sort the items by price.\n * Return the first ten.\n */\nexport function top(items: Item[]) {\n}', 'typescript');
    assert.deepStrictEqual([b.startLine, b.endLine], [0, 4]);
    assert.deepStrictEqual(b.steps, ['Sort the items by price.', 'Return the first ten.']);
  });

  it('/// doc comment above an empty Rust fn', () => {
    const b = only('/// split the text on whitespace\n/// count each word in a HashMap\nfn words(t: &str) -> HashMap<String, usize> {\n    todo!()\n}', 'rust');
    assert.deepStrictEqual(b.steps, ['split the text on whitespace', 'count each word in a HashMap']);
  });

  it('Python docstrings: one-line and multi-line (dedented after the first line)', () => {
    const one = only('def median(xs):\n    """sort xs, then return the middle element"""\n', 'python');
    assert.deepStrictEqual([one.kind, one.startLine, one.endLine], ['docstring', 1, 2]);
    assert.deepStrictEqual(one.steps, ['sort xs, then return the middle element']);
    const multi = only('def f(rows):\n    """Group the rows by region.\n\n    Sum the amounts per region.\n    """\n    ...\n', 'python');
    assert.deepStrictEqual([multi.startLine, multi.endLine], [1, 5]);
    assert.deepStrictEqual(multi.steps, ['Group the rows by region.', 'Sum the amounts per region.']);
  });

  it('Ruby =begin / =end, Haskell {- -}, Lua --[[ ]]', () => {
    const rb = only('def f(orders)\n=begin\nsort the orders by date\nreturn the first ten\n=end\nend', 'ruby');
    assert.deepStrictEqual(rb.steps, ['sort the orders by date', 'return the first ten']);
    const hs = only('{- read the file\n   count the words -}\n', 'haskell');
    assert.deepStrictEqual(hs.steps, ['read the file', 'count the words']);
    const lua = only('function f()\n  --[[ load the config\n       validate the keys ]]\nend', 'lua');
    assert.deepStrictEqual(lua.steps, ['load the config', 'validate the keys']);
  });

  it('plain prose lines: indentation removed, nothing else', () => {
    const b = only('def f(line):\n    Split the line on commas.\n    Return the fields as a tuple.', 'python');
    assert.deepStrictEqual([b.kind, b.startLine, b.endLine], ['prose', 1, 3]);
    assert.deepStrictEqual(b.steps, ['Split the line on commas.', 'Return the fields as a tuple.']);
  });

  it('CRLF lines (split on \\n only) behave like LF lines', () => {
    const b = only('def f(xs):\r\n    # sort the list\r\n    # return the middle element\r\n', 'python');
    assert.deepStrictEqual(b.steps, ['sort the list', 'return the middle element']);
  });
});

describe('pseudocode detector: blockAt', () => {
  const blocks: PseudocodeBlock[] = [
    { startLine: 2, endLine: 5, kind: 'comments', steps: [], score: 0.8 },
    { startLine: 9, endLine: 10, kind: 'prose', steps: [], score: 0.5 },
    { startLine: 20, endLine: 24, kind: 'docstring', steps: [], score: 0.7 },
  ];
  it('finds the block containing a line; end lines are exclusive', () => {
    assert.strictEqual(blockAt(blocks, 2), blocks[0]);
    assert.strictEqual(blockAt(blocks, 4), blocks[0]);
    assert.strictEqual(blockAt(blocks, 5), undefined);
    assert.strictEqual(blockAt(blocks, 9), blocks[1]);
    assert.strictEqual(blockAt(blocks, 23), blocks[2]);
    assert.strictEqual(blockAt(blocks, 0), undefined);
    assert.strictEqual(blockAt(blocks, 15), undefined);
    assert.strictEqual(blockAt(blocks, 100), undefined);
    assert.strictEqual(blockAt([], 3), undefined);
  });
  it('works on detector output', () => {
    const lines = 'def a(xs):\n    # sort the list\n    # return the middle\n\n\ndef b(ys):\n    # count the words\n    # print the total\n'.split('\n');
    const found = detectPseudocode(lines, 'python');
    assert.strictEqual(found.length, 2);
    assert.strictEqual(blockAt(found, 1), found[0]);
    assert.strictEqual(blockAt(found, 7), found[1]);
    assert.strictEqual(blockAt(found, 5), undefined);
  });
});

describe('pseudocode detector: commentSyntax', () => {
  const expect: Record<string, string> = {
    python: '#', typescript: '//', typescriptreact: '//', javascript: '//', javascriptreact: '//', go: '//', rust: '//',
    java: '//', c: '//', cpp: '//', csharp: '//', ruby: '#', shellscript: '#', sql: '--', php: '//', kotlin: '//',
    swift: '//', scala: '//', lua: '--', r: '#', perl: '#', powershell: '#', yaml: '#', dockerfile: '#', makefile: '#',
    haskell: '--', elixir: '#', dart: '//', 'objective-c': '//',
  };
  for (const [lang, marker] of Object.entries(expect)) {
    it(`${lang}: ${marker}`, () => {
      const s = commentSyntax(lang);
      assert.ok(s, lang);
      assert.ok(s.line.includes(marker), `${lang} line markers ${s.line}`);
    });
  }
  it('block comments and docstrings where the language has them', () => {
    assert.deepStrictEqual(commentSyntax('typescript')!.block, [['/*', '*/']]);
    assert.deepStrictEqual(commentSyntax('haskell')!.block, [['{-', '-}']]);
    assert.deepStrictEqual(commentSyntax('lua')!.block, [['--[[', ']]']]);
    assert.deepStrictEqual(commentSyntax('ruby')!.block, [['=begin', '=end']]);
    assert.deepStrictEqual(commentSyntax('powershell')!.block, [['<#', '#>']]);
    assert.strictEqual(commentSyntax('python')!.docstring, true);
    assert.ok(!commentSyntax('typescript')!.docstring);
    assert.ok(!commentSyntax('go')!.block?.some(([o]) => o === '"""'));
  });
  it('# is not a comment in C, C++, C#, Rust', () => {
    for (const l of ['c', 'cpp', 'csharp', 'rust', 'objective-c']) assert.ok(!commentSyntax(l)!.line.includes('#'), l);
  });
  it('undefined for plaintext, markdown, json and unknown ids', () => {
    for (const l of ['plaintext', 'markdown', 'json', 'jsonc', 'no-such-language', 'toString', '__proto__']) assert.strictEqual(commentSyntax(l), undefined, l);
    assert.deepStrictEqual(detectPseudocode(['# sort the list', '# return the middle'], 'markdown'), []);
  });
  it('the shared table cannot be mutated', () => {
    const s = commentSyntax('python')!;
    assert.throws(() => { (s.line as string[]).push('//'); });
    assert.deepStrictEqual(commentSyntax('python')!.line, ['#']);
  });
});

describe('pseudocode detector: lexer', () => {
  const kinds = (src: string, lang: string): number[] => Array.from(lex(src.split('\n'), lexProfile(lang)!).kind);

  it('comment markers inside strings are code', () => {
    assert.deepStrictEqual(kinds('const url = "http://x"; // note\n// real\nconst s = \'/* no */\';', 'typescript'), [CODE, LINE_COMMENT, CODE]);
    assert.deepStrictEqual(kinds('x = "# not a comment"\n# a comment\ny = f"{a}#b"', 'python'), [CODE, LINE_COMMENT, CODE]);
  });
  it('template literals and Go raw strings span lines', () => {
    assert.deepStrictEqual(kinds('const t = `\n// inside\n`;\n// outside', 'typescript'), [CODE, STRING, STRING, LINE_COMMENT]);
    assert.deepStrictEqual(kinds('q := `\n// inside\n`\n// outside', 'go'), [CODE, STRING, STRING, LINE_COMMENT]);
  });
  it('Rust raw strings, lifetimes and nested block comments', () => {
    assert.deepStrictEqual(kinds('let s = r#"\n// inside "quoted"\n"#;\n// outside', 'rust'), [CODE, STRING, STRING, LINE_COMMENT]);
    assert.deepStrictEqual(kinds("fn f<'a>(x: &'a str) -> &'a str { x } // c\n// d", 'rust'), [CODE, LINE_COMMENT]);
    assert.deepStrictEqual(kinds('/* a /* b */\nstill comment */\nlet x = 1;', 'rust'), [BLOCK_COMMENT, BLOCK_COMMENT, CODE]);
  });
  it('C++ raw strings', () => {
    assert.deepStrictEqual(kinds('auto s = R"x(\n// inside\n)x";\n// outside', 'cpp'), [CODE, STRING, STRING, LINE_COMMENT]);
  });
  it('Python docstrings and strings', () => {
    assert.deepStrictEqual(kinds('def f():\n    """Doc\n    more"""\n    x = """\n    # inside\n    """', 'python'), [CODE, DOCSTRING, DOCSTRING, CODE, STRING, STRING]);
  });
  it('shell: heredocs, $# and quoted strings', () => {
    assert.deepStrictEqual(kinds('echo "$#" ${#a[@]}\ncat <<EOF\n# inside\nEOF\n# outside', 'shellscript'), [CODE, CODE, STRING, STRING, LINE_COMMENT]);
    assert.deepStrictEqual(kinds("cat <<-'END'\n\t# inside\n\tEND\n# outside", 'shellscript'), [CODE, STRING, STRING, LINE_COMMENT]);
  });
  it('Ruby heredocs and a << shift', () => {
    assert.deepStrictEqual(kinds('t = <<~EOS\n  # inside\nEOS\nx = a << b # c\n# d', 'ruby'), [CODE, STRING, STRING, CODE, LINE_COMMENT]);
  });
  it('blank lines, including CR-only lines', () => {
    assert.deepStrictEqual(kinds('a = 1\n\n   \n\r\n# x', 'python'), [CODE, BLANK, BLANK, BLANK, LINE_COMMENT]);
  });
  it('an apostrophe in a prose line does not open a string for the rest of the file', () => {
    assert.deepStrictEqual(kinds("don't stop\n// real comment", 'typescript'), [CODE, LINE_COMMENT]);
  });
});

describe('pseudocode detector: line classifier', () => {
  const k = (t: string): number => classifyText(t).kind;
  it('steps', () => {
    for (const t of ['sort the list', 'look up the user by id', 'if the count is odd, return the middle element', 'otherwise return null',
      'for each order, add its total', '1. read the csv file', 'group by customer and month', 'Step 2: validate the input',
      'set total = 0', 'call validate(input) and return the result', 'read the arguments from std::env::args']) assert.strictEqual(k(t), T_STEP, t);
  });
  it('code', () => {
    for (const t of ['const x = compute(y);', 'total = sum(prices)', 'return sorted(xs)[len(xs) // 2]', 'for i in range(10):', 'i++', '}',
      'foo.bar(baz)', 'x = x + 1', 'if (old) {', 'std::sort(v.begin(), v.end());']) assert.strictEqual(k(t), T_CODE, t);
  });
  it('licence, directives, banners, doc tags', () => {
    assert.strictEqual(k('Copyright (c) 2024 Example Corp.'), T_LICENSE);
    assert.strictEqual(k('SPDX-License-Identifier: MIT'), T_LICENSE);
    assert.strictEqual(k('Licensed under the Apache License, Version 2.0'), T_LICENSE);
    for (const t of ['eslint-disable-next-line no-console', 'type: ignore', 'noqa: E501', '-*- coding: utf-8 -*-', 'region Helpers',
      '@ts-expect-error legacy', 'go:build linux', 'prettier-ignore', 'rubocop:disable Metrics/AbcSize', 'frozen_string_literal: true']) assert.strictEqual(k(t), T_DIRECTIVE, t);
    for (const t of ['===== Helpers =====', '-----------', 'Helpers ----------', '*****']) assert.strictEqual(k(t), T_BANNER, t);
    for (const t of ['@param xs the values', ':returns: the median', '<summary>', 'Args:', '# Examples', '```']) assert.strictEqual(k(t), T_DOC, t);
  });
  it('headers and prose', () => {
    assert.strictEqual(k('To compute the median:'), T_HEADER);
    assert.strictEqual(k('Pseudocode:'), T_HEADER);
    assert.strictEqual(k('TODO: implement:'), T_HEADER);
    assert.ok(classifyText('TODO: implement:').pseudoHeader);
    for (const t of ['Returns the median of xs.', 'We cache this because the lookup is slow', 'Set of users that are active',
      'Sort order is stable', 'ignore', 'The following function is provided by all derived classes:', 'If this fails we retry later',
      '1. No leading slash in paths,']) assert.strictEqual(k(t), T_PROSE, t);
  });
  it('notes and clauses', () => {
    const todo = classifyText('TODO: sort and dedupe the list');
    assert.deepStrictEqual([todo.kind, todo.note, todo.noteInfo], [T_STEP, true, false]);
    assert.strictEqual(classifyText('NOTE: the cache is shared').noteInfo, true);
    assert.strictEqual(classifyText('read the file, count the words and print the top ten').clauses, 3);
    assert.strictEqual(classifyText('optimize the query').note, false);
  });
});

describe('pseudocode detector: robustness', () => {
  it('never throws; blocks are sorted, disjoint, within the document, with non-empty steps (random input, fixed seed)', () => {
    let seed = 12345;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const atoms = ['//', '/*', '*/', '#', '--', '"""', "'''", '"', "'", '`', '{', '}', '(', ')', ':', ';', '<<EOF', 'EOF', '=begin', '=end',
      'sort the list', 'return the middle', 'if x', 'def f():', 'function g() {', 'pass', 'todo!()', '    ', '\t', 'r#"', '"#', '--[[', ']]',
      '{-', '-}', 'TODO:', 'Copyright', '@param', '\r', 'é', '1.', '-', '*', 'x = 1', 'else', 'end', 'catch {'];
    const langs = ['python', 'typescript', 'javascript', 'go', 'rust', 'java', 'c', 'cpp', 'csharp', 'ruby', 'shellscript', 'sql', 'php',
      'kotlin', 'swift', 'lua', 'haskell', 'powershell', 'yaml', 'typescriptreact', 'elixir', 'perl'];
    for (let round = 0; round < 400; round++) {
      const lines: string[] = [];
      for (let l = 0, n = 1 + rnd(40); l < n; l++) {
        let s = '';
        for (let a = 0, m = rnd(6); a < m; a++) s += atoms[rnd(atoms.length)] + (rnd(2) ? ' ' : '');
        lines.push(s);
      }
      const lang = langs[round % langs.length];
      const blocks = detectPseudocode(lines, lang);
      let prevEnd = 0;
      for (const b of blocks) {
        assert.ok(b.startLine >= prevEnd && b.startLine < b.endLine && b.endLine <= lines.length, `${lang}: ${JSON.stringify(b)}`);
        assert.ok(b.steps.length > 0 && b.score > 0 && b.score <= 1);
        prevEnd = b.endLine;
      }
    }
  });
});
