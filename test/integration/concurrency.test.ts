// The user keeps working while answers stream: typing outside and inside the edited lines,
// switching files, several sessions at once, and the prompt cache across two edits of a file.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FakeProvider } from '../server/fakeProvider';
import { EditResult } from '../../src/vscode/editRunner';
import { api, closeAll, openFile, select, sessionsOf, setSetting, setup, text, waitFor, report } from './helpers';

const edit = async (instruction = 'change it') => (await vscode.commands.executeCommand<EditResult>('fastInline.editSelection', { instruction }))!;
const LINES = Array.from({ length: 30 }, (_, i) => `line_${i} = ${i}`);
const ORIGINAL = ['# header', ...LINES, '# footer', ''].join('\n');
const ANSWER = LINES.map((l, i) => (i % 3 === 0 ? l.replace(/= \d+/, `= ${i * 100}`) : l)).join('\n');

function addedCount(editor: vscode.TextEditor): number {
  return sessionsOf(editor)[0]?.lines.filter(l => l.kind === 'added').length ?? 0;
}

describe('working while it streams', () => {
  let server: FakeProvider;
  before(async () => { server = await setup('xai'); });
  beforeEach(() => server.reset());
  afterEach(closeAll);

  it('typing above the edited lines moves the session; the result and the typing both survive', async () => {
    const editor = await openFile('above.py', ORIGINAL);
    select(editor, 1, 31);
    server.enqueue({ text: ANSWER, tokensPerSecond: 400 });
    const running = edit();
    await waitFor('streaming', () => addedCount(editor) >= 2);
    editor.selection = new vscode.Selection(0, 8, 0, 8);
    await vscode.commands.executeCommand('type', { text: ' (typed while streaming)' });
    await vscode.commands.executeCommand('type', { text: '\n# a new line above' });
    const result = await running;
    assert.deepStrictEqual(result.ends, [{ kind: 'complete' }]);
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), ['# header (typed while streaming)', '# a new line above', ANSWER, '# footer', ''].join('\n'));
  });

  it('typing below the edited lines changes nothing for the session', async () => {
    const editor = await openFile('below.py', ORIGINAL);
    select(editor, 1, 31);
    server.enqueue({ text: ANSWER, tokensPerSecond: 400 });
    const running = edit();
    await waitFor('streaming', () => addedCount(editor) >= 2);
    const footer = editor.document.lineCount - 2;
    await editor.edit(b => b.insert(new vscode.Position(footer, 8), ' edited'));
    await running;
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), ['# header', ANSWER, '# footer edited', ''].join('\n'));
  });

  it('typing inside the edited lines stops the stream and keeps every character typed', async () => {
    const editor = await openFile('inside.py', ORIGINAL);
    select(editor, 1, 31);
    server.enqueue({ text: ANSWER, tokensPerSecond: 150 });
    const running = edit();
    await waitFor('streaming', () => addedCount(editor) >= 3);
    const s = sessionsOf(editor)[0];
    const index = s.lines.findIndex(l => l.kind === 'added');
    const typedInto = s.lines[index].text;
    const addedLine = s.startLine + index;
    editor.selection = new vscode.Selection(addedLine, 0, addedLine, 0);
    await vscode.commands.executeCommand('type', { text: 'TYPED ' });
    const result = await running;
    assert.deepStrictEqual(result.ends, [{ kind: 'user-edit' }]);
    await server.waitForClose(server.chatRequests()[0], 2000);
    assert.ok(server.chatRequests()[0].clientAborted, 'the HTTP request was stopped');
    assert.ok(text(editor).includes(`TYPED ${typedInto}`), text(editor));
    // Rejecting everything still keeps the line the user typed into.
    await vscode.commands.executeCommand('fastInline.rejectAll');
    assert.ok(text(editor).includes(`TYPED ${typedInto}`), text(editor));
    assert.ok(text(editor).includes('line_29 = 29'));
  });

  it('an answer keeps streaming while its file is hidden and is drawn when shown again', async () => {
    const editor = await openFile('hidden.py', ORIGINAL);
    select(editor, 1, 31);
    server.enqueue({ text: ANSWER, tokensPerSecond: 600 });
    const running = edit();
    await waitFor('streaming', () => addedCount(editor) >= 1);
    const other = await openFile('other.py', 'other = 1\n');
    assert.notStrictEqual(vscode.window.activeTextEditor?.document, editor.document);
    await running;
    await vscode.window.showTextDocument(editor.document);
    await waitFor('drawn after showing it again', () => sessionsOf(editor)[0]?.state === 'reviewing' && !sessionsOf(editor)[0].lines.some(l => l.kind === 'pending'));
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(vscode.window.activeTextEditor!.document.getText(), ['# header', ANSWER, '# footer', ''].join('\n'));
    assert.strictEqual(other.document.getText(), 'other = 1\n');
  });

  it('two files edited at once stream concurrently and are reviewed independently', async () => {
    const a = await openFile('a.py', ORIGINAL);
    select(a, 1, 31);
    // The first stream lasts seconds, so the second request surely starts while it runs.
    server.enqueue({ text: ANSWER, tokensPerSecond: 80 }, { text: 'line_0 = -1', tokensPerSecond: 500 });
    const first = edit('first');
    await waitFor('first streaming', () => addedCount(a) >= 1);
    const b = await openFile('b.py', 'line_0 = 0\n');
    select(b, 0, 1);
    const second = edit('second');
    await Promise.all([first, second]);
    const [r1, r2] = server.chatRequests();
    assert.ok(r2.receivedAt < r1.lastTokenAt!, 'the second request ran while the first was streaming');
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(b.document.getText(), 'line_0 = -1\n');
    await vscode.window.showTextDocument(a.document);
    await vscode.commands.executeCommand('fastInline.rejectAll');
    assert.strictEqual(a.document.getText(), ORIGINAL);
  });

  it('several selections in one file become concurrent sessions', async () => {
    const editor = await openFile('multi.py', ['a = 1', '', 'b = 2', '', 'c = 3', ''].join('\n'));
    editor.selections = [0, 2, 4].map(l => new vscode.Selection(l, 0, l, 5));
    server.setDefault({ text: 'X = 0', tokensPerSecond: 300 });
    const result = await edit('rename');
    assert.strictEqual(result.sessions.length, 3);
    assert.strictEqual(server.chatRequests().length, 3);
    assert.strictEqual(sessionsOf(editor).length, 3);
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), ['X = 0', '', 'X = 0', '', 'X = 0', ''].join('\n'));
  });

  it('the second edit of a file hits the prompt cache (the provider reports cached tokens)', async () => {
    await setSetting('pricing', { 'xai/grok-code-fast-1': { input: 0.2, cachedInput: 0.02, output: 1.5 } });
    const big = Array.from({ length: 120 }, (_, i) => `def helper_${i}(x):\n    return x * ${i}\n`).join('\n');
    const editor = await openFile('cache.py', big);
    select(editor, 0, 2);
    server.setDefault({ text: 'def helper_0(x):\n    return 0' });
    await edit('first');
    await vscode.commands.executeCommand('fastInline.rejectAll');
    select(editor, 3, 5);
    await edit('second');
    await vscode.commands.executeCommand('fastInline.rejectAll');
    const [first, second] = server.chatRequests();
    assert.strictEqual(first.headers['x-grok-conv-id'], second.headers['x-grok-conv-id']);
    await api().meters.flushed();
    const { entries } = await api().meters.ledger.read();
    const [e1, e2] = entries.slice(-2);
    assert.strictEqual(e1.cachedInput, 0);
    assert.ok(e2.cachedInput > 0.8 * e2.input, `cached ${e2.cachedInput} of ${e2.input} input tokens`);
    assert.ok(e2.savingsUsd > 0);
    report(`second edit: ${e2.cachedInput} of ${e2.input} prompt tokens cached, saved $${e2.savingsUsd.toFixed(6)}`);
    await setSetting('pricing', undefined);
  });
});
