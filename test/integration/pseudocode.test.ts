// Pseudocode → code and one-shot actions inside a real VS Code, through the same pipeline and
// review as Edit Selection.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { FakeProvider } from '../server/fakeProvider';
import type { EditResult } from '../../src/vscode/editRunner';
import { closeAll, openFile, select, sessionsOf, setSetting, setup, text, waitFor } from './helpers';

const PY = [
  'import statistics',
  '',
  '',
  'def median(values):',
  '    # sort a copy of the values',
  '    # if the count is odd, return the middle element',
  '    # otherwise return the mean of the two middle elements',
  '    pass',
  '',
].join('\n');
const PY_CODE = ['ordered = sorted(values)', 'mid = len(ordered) // 2', 'if len(ordered) % 2:', '    return ordered[mid]', 'return (ordered[mid - 1] + ordered[mid]) / 2'].join('\n');

const TS = [
  'export function total(prices: number[]): number {',
  '  return prices.reduce((a, b) => a + b, 0);',
  '}',
  '',
  '// apply a discount code:',
  '// look the code up in the table of percentages',
  '// throw if the code is unknown',
  '// return the discounted total rounded to cents',
  '',
].join('\n');
const TS_CODE = [
  'export function applyDiscount(prices: number[], code: string): number {',
  '  const percent = DISCOUNTS[code];',
  '  if (percent === undefined) throw new Error(`unknown code ${code}`);',
  '  return Math.round(total(prices) * (100 - percent)) / 100;',
  '}',
].join('\n');

async function lensesOf(editor: vscode.TextEditor, command: string): Promise<vscode.CodeLens[]> {
  const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
  return all.filter(l => l.command?.command === command);
}

describe('pseudocode and actions', () => {
  let server: FakeProvider;
  before(async () => { server = await setup('xai'); });
  beforeEach(() => server.reset());
  afterEach(async () => {
    await closeAll();
    await setSetting('pseudocode.keepAsComments', undefined);
    await setSetting('actions', undefined);
  });

  it('converts a Python block at the cursor via the command, replacing the steps and the stub', async () => {
    const editor = await openFile('median.py', PY);
    editor.selection = new vscode.Selection(5, 6, 5, 6);
    server.enqueue({ text: '```python\n' + PY_CODE + '\n```' });
    const result = await vscode.commands.executeCommand<EditResult>('fastInline.convertPseudocode');
    assert.deepStrictEqual(result?.ends, [{ kind: 'complete' }]);
    const last = server.chatRequests()[0].body.messages.at(-1).content as string;
    assert.match(last, /Replace this pseudocode with working python code/);
    assert.match(last, /1\. sort a copy of the values/);
    assert.match(server.chatRequests()[0].body.messages[1].content, /import statistics/, 'imports in view');
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), ['import statistics', '', '', 'def median(values):', ...PY_CODE.split('\n').map(l => `    ${l}`), ''].join('\n'));
  });

  it('converts a TypeScript block via its CodeLens', async () => {
    const editor = await openFile('cart.ts', TS);
    const [lens] = await lensesOf(editor, 'fastInline.convertPseudocode');
    assert.ok(lens, 'a "Convert to code" CodeLens above the block');
    assert.strictEqual(lens.range.start.line, 4);
    assert.match(lens.command!.title, /Convert to code/);
    server.enqueue({ text: TS_CODE });
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), [...TS.split('\n').slice(0, 4), TS_CODE, ''].join('\n'));
    assert.strictEqual((await lensesOf(editor, 'fastInline.convertPseudocode')).length, 0, 'no pseudocode left');
  });

  it('keepAsComments keeps the steps above the generated code', async () => {
    await setSetting('pseudocode.keepAsComments', true);
    const editor = await openFile('keep.ts', TS);
    server.enqueue({ text: TS_CODE });
    await vscode.commands.executeCommand('fastInline.convertPseudocode', { uri: editor.document.uri.toString(), line: 5 });
    assert.match(server.chatRequests()[0].body.messages.at(-1).content, /stay as comments just above it/);
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), [...TS.split('\n').slice(0, 8), TS_CODE, ''].join('\n'));
  });

  it('keepAsComments on a Python block keeps the comments and replaces only the stub', async () => {
    await setSetting('pseudocode.keepAsComments', true);
    const editor = await openFile('keep.py', PY);
    server.enqueue({ text: PY_CODE });
    await vscode.commands.executeCommand('fastInline.convertPseudocode', { uri: editor.document.uri.toString(), line: 4 });
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), [...PY.split('\n').slice(0, 7), ...PY_CODE.split('\n').map(l => `    ${l}`), ''].join('\n'));
  });

  it('offers the conversion as a refactor.rewrite code action (lightbulb)', async () => {
    const editor = await openFile('action.ts', TS);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider',
      editor.document.uri, new vscode.Range(6, 3, 6, 3), vscode.CodeActionKind.RefactorRewrite.value);
    const ours = actions.find(a => /Convert pseudocode to code \(Fast Inline\)/.test(a.title));
    assert.ok(ours, actions.map(a => a.title).join(' | '));
    assert.strictEqual(ours!.kind?.value, 'refactor.rewrite');
  });

  it('three selections convert concurrently and are accepted or rejected independently', async () => {
    const block = (name: string) => [`def ${name}(x):`, '    # double the input', '    # then add one', '    pass', ''];
    const editor = await openFile('three.py', [...block('a'), ...block('b'), ...block('c')].join('\n'));
    editor.selections = [1, 6, 11].map(l => new vscode.Selection(l, 0, l + 2, 0));
    server.setDefault({ text: 'return x * 2 + 1', tokensPerSecond: 400 });
    const result = (await vscode.commands.executeCommand<EditResult>('fastInline.convertPseudocode'))!;
    assert.strictEqual(result.sessions.length, 3);
    const [r1, r2, r3] = server.chatRequests();
    assert.ok(r2.receivedAt < r1.lastTokenAt! && r3.receivedAt < r1.lastTokenAt!, 'the three streams overlap');
    // Accept the first and third at the cursor, reject the second, each on its own.
    for (const accept of [true, false, true]) {
      const s = [...sessionsOf(editor)].sort((a, b) => a.startLine - b.startLine)[0];
      const line = s.startLine + s.hunks[0].start;
      editor.selection = new vscode.Selection(line, 0, line, 0);
      assert.ok(await vscode.commands.executeCommand(accept ? 'fastInline.acceptHunk' : 'fastInline.rejectHunk'));
    }
    await waitFor('all resolved', () => sessionsOf(editor).length === 0);
    assert.strictEqual(text(editor), [
      'def a(x):', '    return x * 2 + 1', '',
      ...block('b'),
      'def c(x):', '    return x * 2 + 1', '',
    ].join('\n'));
  });

  it('a built-in action (Add Doc Comments) and a user action from settings run through the same review', async () => {
    const editor = await openFile('doc.ts', TS);
    select(editor, 0, 3);
    server.enqueue({ text: '/** Sums the prices. */\n' + TS.split('\n').slice(0, 3).join('\n') });
    await vscode.commands.executeCommand('fastInline.runAction', { action: 'addDocComments' });
    assert.match(server.chatRequests()[0].body.messages.at(-1).content, /Add documentation comments/);
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.ok(text(editor).startsWith('/** Sums the prices. */\nexport function total'));

    await setSetting('actions', [{ title: 'Use early returns', instruction: 'Rewrite with early returns, distinctively.' }]);
    select(editor, 1, 4);
    server.enqueue({ text: TS.split('\n').slice(0, 3).join('\n') });
    await vscode.commands.executeCommand('fastInline.runAction', { action: 'Use early returns' });
    assert.match(server.chatRequests()[1].body.messages.at(-1).content, /Instruction: Rewrite with early returns, distinctively\./);
    assert.strictEqual(sessionsOf(editor).length, 0, 'an unchanged answer leaves nothing to review');
  });

  it('"Fix the problems" sends the editor\'s diagnostics, and refuses when there are none', async () => {
    const editor = await openFile('fix.ts', 'const a: number = "one";\nconst b = a + 1;\n');
    const diagnostics = vscode.languages.createDiagnosticCollection('fix-test');
    try {
      select(editor, 0, 2);
      const none = await vscode.commands.executeCommand<EditResult>('fastInline.fixProblems');
      assert.match(none?.refused ?? '', /no problems/);
      assert.strictEqual(server.chatRequests().length, 0);
      diagnostics.set(editor.document.uri, [new vscode.Diagnostic(new vscode.Range(0, 6, 0, 7),
        "Type 'string' is not assignable to type 'number'.", vscode.DiagnosticSeverity.Error)]);
      server.enqueue({ text: 'const a: number = 1;\nconst b = a + 1;' });
      await vscode.commands.executeCommand('fastInline.runAction', { action: 'fixProblems' });
      const last = server.chatRequests()[0].body.messages.at(-1).content as string;
      assert.match(last, /line 1 error: Type 'string' is not assignable to type 'number'\./);
      await vscode.commands.executeCommand('fastInline.acceptAll');
      assert.strictEqual(text(editor), 'const a: number = 1;\nconst b = a + 1;\n');
    } finally {
      diagnostics.dispose();
    }
  });

  it('Write Tests appends to the conventional test file when there is one, else below the code', async () => {
    const editor = await openFile('price.ts', TS);
    const testFile = path.join(path.dirname(editor.document.uri.fsPath), 'price.test.ts');
    fs.writeFileSync(testFile, "import { total } from './price';\n");
    select(editor, 0, 3);
    server.enqueue({ text: "test('total', () => expect(total([1, 2])).toBe(3));" });
    await vscode.commands.executeCommand('fastInline.writeTests');
    const sent = server.chatRequests()[0].body.messages;
    assert.match(sent[1].content, /price\.test\.ts/, 'the test file is the file being edited');
    assert.match(sent.at(-1).content, /Code under test \(.*price\.ts\)/);
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(vscode.window.activeTextEditor!.document.getText(),
      "import { total } from './price';\n\ntest('total', () => expect(total([1, 2])).toBe(3));\n");
    assert.strictEqual(editor.document.getText(), TS, 'the code under test is untouched');

    const lone = await openFile('lone.py', 'def inc(x):\n    return x + 1\n');
    select(lone, 0, 2);
    server.enqueue({ text: 'def test_inc():\n    assert inc(1) == 2' });
    await vscode.commands.executeCommand('fastInline.writeTests');
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(lone.document.getText(), 'def inc(x):\n    return x + 1\n\ndef test_inc():\n    assert inc(1) == 2\n');
  });
});
