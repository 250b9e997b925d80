// Unit tests of the edit prompt (src/core/context/prompt.ts) and the exclusion globs
// (src/core/context/glob.ts).

import * as assert from 'assert';
import { buildFileContext } from '../../src/core/context/fileContext';
import { buildMessages, PromptInput, SYSTEM_PROMPT } from '../../src/core/context/prompt';
import { globToRegExp, matchesAny } from '../../src/core/context/glob';

const FILE = [
  'import os',              // 1
  '',                       // 2
  'def load(path):',        // 3
  '    with open(path) as f:', // 4
  '        return f.read()', // 5
  '',                       // 6
  'def save(path, data):',  // 7
  '    pass',               // 8
  '',                       // 9
  'print(load("x"))',       // 10
];

function input(over: Partial<PromptInput> = {}): PromptInput {
  const regionStart = over.regionStart ?? 2;
  const regionEnd = over.regionEnd ?? 5;
  return {
    relativePath: 'src/io.py',
    languageId: 'python',
    indentDescription: '4 spaces',
    file: buildFileContext(FILE, regionStart, regionEnd, 6000),
    lines: FILE,
    regionStart,
    regionEnd,
    instruction: 'Handle a missing file.',
    diagnostics: [],
    ...over,
  };
}

describe('context: buildMessages', () => {
  it('order: system, then the file, then region + instruction + diagnostics last', () => {
    const m = buildMessages(input({ diagnostics: [{ line: 3, severity: 'error', message: 'boom', source: 'pyright' }] }));
    assert.deepStrictEqual(m.map(x => x.role), ['system', 'user', 'user']);
    assert.strictEqual(m[0].content, SYSTEM_PROMPT);
    assert.strictEqual(m[1].content, ['File: src/io.py (language: python, indentation: 4 spaces)', '<file>', FILE.join('\n'), '</file>'].join('\n'));
    const last = m[2].content;
    assert.ok(!m[1].content.includes('Handle a missing file.'));
    assert.ok(!m[0].content.includes('Handle a missing file.'));
    const iRegion = last.indexOf('<region>');
    const iProblems = last.indexOf('Problems the editor reports');
    const iInstruction = last.indexOf('Instruction: Handle a missing file.');
    assert.ok(iRegion >= 0 && iProblems > iRegion && iInstruction > iProblems, last);
    assert.ok(last.endsWith('Reply with only the new text of the region.'));
  });

  it('the system prompt is identical across calls: no per-request values', () => {
    const a = buildMessages(input());
    const b = buildMessages(input({ relativePath: 'other/file.ts', languageId: 'typescript', indentDescription: 'tabs', instruction: 'x', regionStart: 0, regionEnd: 0 }));
    assert.strictEqual(a[0].content, b[0].content);
    assert.ok(!/\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}/.test(a[0].content), 'no date or time');
    assert.ok(!a[0].content.includes('src/io.py'));
  });

  it('the file message is identical for two different edits of the same file (prompt-cache prefix)', () => {
    const a = buildMessages(input({ regionStart: 2, regionEnd: 5, instruction: 'one' }));
    const b = buildMessages(input({ regionStart: 7, regionEnd: 8, instruction: 'two', partialSelection: 'pass', diagnostics: [{ line: 7, severity: 'warning', message: 'w' }] }));
    const c = buildMessages(input({ regionStart: 9, regionEnd: 9, instruction: 'three' }));
    assert.strictEqual(a[1].content, b[1].content);
    assert.strictEqual(a[1].content, c[1].content);
    assert.deepStrictEqual(a.slice(0, 2), b.slice(0, 2));
    assert.notStrictEqual(a[2].content, b[2].content);
  });

  it('rewrite wording: 1-based inclusive line numbers, the region verbatim and up to 3 anchor lines each side', () => {
    const last = buildMessages(input({ regionStart: 6, regionEnd: 8 }))[2].content;
    assert.ok(last.startsWith('Rewrite lines 7–8 of the file:\n<region>\ndef save(path, data):\n    pass\n</region>'), last);
    assert.ok(last.includes('It follows:\n<before>\n    with open(path) as f:\n        return f.read()\n\n</before>'), last);
    assert.ok(last.includes('It is followed by:\n<after>\n\nprint(load("x"))\n</after>'), last);
  });

  it('a region at the start / end of the file has no before / after anchor', () => {
    const first = buildMessages(input({ regionStart: 0, regionEnd: 1 }))[2].content;
    assert.ok(!first.includes('It follows:'));
    assert.ok(first.includes('It is followed by:'));
    const end = buildMessages(input({ regionStart: 9, regionEnd: 10 }))[2].content;
    assert.ok(end.includes('It follows:'));
    assert.ok(!end.includes('It is followed by:'));
  });

  it('insertion wording: 1-based insertion line, before/after anchors, "code to insert"', () => {
    const last = buildMessages(input({ regionStart: 5, regionEnd: 5, instruction: 'Add a helper.' }))[2].content;
    assert.strictEqual(last, [
      'Write new code to insert at line 6, between these lines:',
      '<before>', 'def load(path):', '    with open(path) as f:', '        return f.read()', '</before>',
      '<after>', '', 'def save(path, data):', '    pass', '</after>',
      'Instruction: Add a helper.',
      'Reply with only the code to insert.',
    ].join('\n'));
    assert.ok(!last.includes('<region>'));
  });

  it('insertion at the very start and the very end of the file', () => {
    const start = buildMessages(input({ regionStart: 0, regionEnd: 0 }))[2].content;
    assert.ok(start.startsWith('Write new code to insert at line 1, between these lines:\n<before>\n\n</before>\n<after>\nimport os\n'), start);
    const end = buildMessages(input({ regionStart: 10, regionEnd: 10 }))[2].content;
    assert.ok(end.includes('insert at line 11'));
    assert.ok(end.includes('<after>\n\n</after>'), end);
  });

  it('partial selection note, only when given', () => {
    const with_ = buildMessages(input({ regionStart: 7, regionEnd: 8, partialSelection: 'pass' }))[2].content;
    assert.ok(with_.includes('The user highlighted this part of it: «pass». Focus the change there, but reply with the complete lines.'));
    const without = buildMessages(input({ regionStart: 7, regionEnd: 8 }))[2].content;
    assert.ok(!without.includes('highlighted'));
  });

  it('diagnostics: 1-based lines, severity, optional source', () => {
    const last = buildMessages(input({
      diagnostics: [
        { line: 0, severity: 'error', message: 'unused import', source: 'ruff' },
        { line: 4, severity: 'warning', message: 'may fail' },
      ],
    }))[2].content;
    assert.ok(last.includes('Problems the editor reports in and near the region:\n- line 1 error (ruff): unused import\n- line 5 warning: may fail\nInstruction:'), last);
    assert.ok(!buildMessages(input())[2].content.includes('Problems'));
  });

  it('a windowed file message is sent as built (markers included)', () => {
    const big = Array.from({ length: 2000 }, (_, i) => `x${i} = ${i}`);
    const file = buildFileContext(big, 1000, 1001, 200);
    const m = buildMessages({ ...input(), lines: big, file, regionStart: 1000, regionEnd: 1001 });
    assert.ok(m[1].content.includes(file.text));
    assert.ok(m[1].content.includes('omitted ⋯'));
    assert.ok(m[2].content.startsWith('Rewrite lines 1001–1001 of the file:\n<region>\nx1000 = 1000\n</region>'));
  });
});

// ---- glob ---------------------------------------------------------------------------------------

const DEFAULTS = ['**/.env*', '**/*.pem', '**/*.key', '**/id_rsa*', '**/*.p12'];
const rel = (relative: string, absolute = `/home/me/proj/${relative}`) => ({ relative, absolute });

describe('context: glob exclusions', () => {
  it('the default exclusions match secrets files', () => {
    const hits: [string, string][] = [
      ['.env', '**/.env*'],
      ['.env.local', '**/.env*'],
      ['config/.env.production', '**/.env*'],
      ['certs/server.pem', '**/*.pem'],
      ['id_rsa', '**/id_rsa*'],
      ['id_rsa.pub', '**/id_rsa*'],
      ['home/.ssh/id_rsa', '**/id_rsa*'],
      ['a/b/c.key', '**/*.key'],
      ['c.key', '**/*.key'],
      ['deep/er/cert.p12', '**/*.p12'],
    ];
    for (const [path, pattern] of hits) assert.strictEqual(matchesAny(rel(path), DEFAULTS), pattern, path);
  });

  it('the default exclusions leave ordinary source files alone', () => {
    for (const path of ['env.ts', 'src/env.ts', 'keyboard.ts', 'src/pem.ts', 'src/key.ts', 'my.env/file.ts', 'docs/id_rsa.md/x.txt', 'a.pem.ts', 'environment/.envrc.d/ok.ts']) {
      assert.strictEqual(matchesAny({ relative: path, absolute: `/w/${path}` }, DEFAULTS), undefined, path);
    }
  });

  it('`*` stays within one folder, `**` crosses folders (also zero of them)', () => {
    assert.ok(globToRegExp('src/*.ts').test('src/a.ts'));
    assert.ok(!globToRegExp('src/*.ts').test('src/sub/a.ts'));
    assert.ok(globToRegExp('src/**/*.ts').test('src/a.ts'));
    assert.ok(globToRegExp('src/**/*.ts').test('src/x/y/a.ts'));
    assert.ok(globToRegExp('secrets/**').test('secrets/a/b.txt'));
    assert.ok(!globToRegExp('secrets/**').test('other/secrets/a'));
  });

  it('braces, ?, […] and [!…]', () => {
    const re = globToRegExp('**/*.{pem,key}');
    assert.ok(re.test('a/b.pem') && re.test('b.key') && !re.test('b.crt'));
    assert.ok(globToRegExp('file?.txt').test('file1.txt'));
    assert.ok(!globToRegExp('file?.txt').test('file10.txt'));
    assert.ok(!globToRegExp('file?.txt').test('file/.txt'));
    assert.ok(globToRegExp('log[0-9].txt').test('log7.txt'));
    assert.ok(!globToRegExp('log[0-9].txt').test('logx.txt'));
    assert.ok(globToRegExp('log[!0-9].txt').test('logx.txt'));
    assert.ok(!globToRegExp('log[!0-9].txt').test('log7.txt'));
  });

  it('regex characters in a pattern are literal', () => {
    assert.ok(globToRegExp('a+b(1).txt').test('a+b(1).txt'));
    assert.ok(!globToRegExp('a.txt').test('abtxt'));
    assert.ok(globToRegExp('^$|x').test('^$|x'));
  });

  it('an unterminated brace or bracket does not throw', () => {
    assert.doesNotThrow(() => matchesAny(rel('a{b'), ['a{b']));
    assert.strictEqual(matchesAny(rel('a{b'), ['a{b']), 'a{b');
    assert.strictEqual(matchesAny(rel('a[b'), ['a[b']), 'a[b');
    assert.strictEqual(matchesAny(rel('{a,{b}'), ['{a,{b}']), undefined);
    assert.ok(globToRegExp('{a,{b}').test('{a,b'), 'the unmatched brace is literal, the inner group works');
    assert.doesNotThrow(() => matchesAny(rel('x'), ['[z-a]', 'a}b', '**/{x']));
    assert.strictEqual(matchesAny(rel('[z-a]'), ['[z-a]']), '[z-a]');
    assert.strictEqual(matchesAny(rel('a}b'), ['a}b']), 'a}b');
  });

  it('absolute patterns match the absolute path', () => {
    assert.strictEqual(matchesAny(rel('notes.txt', '/home/me/secrets/notes.txt'), ['/home/me/secrets/**']), '/home/me/secrets/**');
    assert.strictEqual(matchesAny(rel('notes.txt', '/home/me/public/notes.txt'), ['/home/me/secrets/**']), undefined);
    // `**/` patterns match absolute paths too (a file outside the workspace).
    assert.strictEqual(matchesAny({ relative: '/etc/app/.env', absolute: '/etc/app/.env' }, DEFAULTS), '**/.env*');
  });

  it('Windows backslashes in paths', () => {
    assert.strictEqual(matchesAny({ relative: 'config\\.env.production', absolute: 'C:\\work\\proj\\config\\.env.production' }, DEFAULTS), '**/.env*');
    assert.strictEqual(matchesAny({ relative: 'certs\\server.pem', absolute: 'C:\\p\\certs\\server.pem' }, DEFAULTS), '**/*.pem');
    assert.strictEqual(matchesAny({ relative: 'src\\env.ts', absolute: 'C:\\p\\src\\env.ts' }, DEFAULTS), undefined);
    assert.strictEqual(matchesAny({ relative: 'x.txt', absolute: 'C:\\Users\\me\\secrets\\x.txt' }, ['C:/Users/me/secrets/**']), 'C:/Users/me/secrets/**');
  });

  it('patterns are trimmed; the first matching pattern is returned; no patterns → undefined', () => {
    assert.strictEqual(matchesAny(rel('.env'), ['  **/.env*  ']), '  **/.env*  ');
    assert.strictEqual(matchesAny(rel('a.pem'), ['**/*.pem', '**/*']), '**/*.pem');
    assert.strictEqual(matchesAny(rel('.env'), []), undefined);
  });

  it('compiled patterns are cached', () => {
    assert.strictEqual(globToRegExp('**/*.cached'), globToRegExp('**/*.cached'));
  });
});
