// Reviewing inside a real VS Code: single hunks, navigation, line endings, indentation, undo,
// save, and what a second request or closing the file does to a session.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FakeProvider } from '../server/fakeProvider';
import { EditResult } from '../../src/vscode/editRunner';
import { api, assertNoSessions, closeAll, kinds, openFile, select, sessionsOf, setup, text, waitFor } from './helpers';

const edit = (instruction: string) => vscode.commands.executeCommand<EditResult>('fastInline.editSelection', { instruction });

const TWO_HUNKS_ORIGINAL = ['a = 1', 'b = 2', 'c = 3', 'd = 4', 'e = 5', ''].join('\n');
const TWO_HUNKS_ANSWER = ['a = 10', 'b = 2', 'c = 3', 'd = 4', 'e = 50'].join('\n');

describe('reviewing hunks', () => {
  let server: FakeProvider;
  before(async () => { server = await setup('xai'); });
  beforeEach(() => server.reset());
  afterEach(closeAll);

  it('accepts one hunk and rejects the other, from the cursor', async () => {
    const editor = await openFile('hunks.py', TWO_HUNKS_ORIGINAL);
    select(editor, 0, 5);
    server.enqueue({ text: TWO_HUNKS_ANSWER });
    await edit('scale first and last by ten');
    const [s] = sessionsOf(editor);
    assert.strictEqual(s.hunks.length, 2, `two hunks: ${kinds(s)}`);
    assert.strictEqual(kinds(s), 'rasssra');

    // Next hunk from the top lands on the first hunk, then the second.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('fastInline.nextHunk');
    const second = editor.selection.active.line;
    assert.strictEqual(second, s.startLine + s.hunks[1].start);
    await vscode.commands.executeCommand('fastInline.previousHunk');
    assert.strictEqual(editor.selection.active.line, s.startLine + s.hunks[0].start);

    assert.ok(await vscode.commands.executeCommand('fastInline.acceptHunk'));
    assert.strictEqual(sessionsOf(editor)[0].hunks.length, 1);
    await vscode.commands.executeCommand('fastInline.nextHunk');
    assert.ok(await vscode.commands.executeCommand('fastInline.rejectHunk'));
    assert.strictEqual(text(editor), ['a = 10', 'b = 2', 'c = 3', 'd = 4', 'e = 5', ''].join('\n'));
    assertNoSessions(editor);
    // Still one undo step for the whole generation.
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(text(editor), TWO_HUNKS_ORIGINAL);
  });

  it('accepts and rejects through the CodeLens arguments (uri + line)', async () => {
    const editor = await openFile('lens.py', TWO_HUNKS_ORIGINAL);
    select(editor, 0, 5);
    // Paced: an answer that arrives in one network read has no duration, hence no speed to show.
    server.enqueue({ text: TWO_HUNKS_ANSWER, tokensPerSecond: 500 });
    await edit('scale');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const titles = lenses.map(l => l.command?.title ?? '');
    assert.ok(titles.some(t => t.includes('Accept')) && titles.some(t => t.includes('Reject')), titles.join(' | '));
    assert.ok(titles.some(t => /tok\/s/.test(t) && /TTFT/.test(t)), `cost, speed and TTFT beside the actions: ${titles.join(' | ')}`);
    const rejects = lenses.filter(l => l.command?.command === 'fastInline.rejectHunk');
    assert.strictEqual(rejects.length, 2);
    await vscode.commands.executeCommand('fastInline.rejectHunk', ...(rejects[1].command!.arguments ?? []));
    const accept = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri))
      .find(l => l.command?.command === 'fastInline.acceptHunk')!;
    await vscode.commands.executeCommand('fastInline.acceptHunk', ...(accept.command!.arguments ?? []));
    assert.strictEqual(text(editor), ['a = 10', 'b = 2', 'c = 3', 'd = 4', 'e = 5', ''].join('\n'));
  });

  it('keeps CRLF line endings, and reject-all restores a CRLF file byte for byte', async () => {
    const original = 'one\r\ntwo\r\nthree\r\n';
    let editor = await openFile('crlf.txt', original);
    assert.strictEqual(editor.document.eol, vscode.EndOfLine.CRLF);
    select(editor, 1, 2);
    server.enqueue({ text: 'TWO\r\n' });
    await edit('upper-case it');
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), 'one\r\nTWO\r\nthree\r\n');
    await closeAll();

    editor = await openFile('crlf2.txt', original);
    select(editor, 0, 3);
    server.enqueue({ text: 'uno\ndos\ntres\n' });
    await edit('spanish');
    assert.ok(text(editor).includes('uno\r\n'), 'streamed lines use the document EOL');
    await vscode.commands.executeCommand('fastInline.rejectAll');
    assert.strictEqual(text(editor), original);
  });

  it('re-indents a space-indented answer into a tab-indented file', async () => {
    const original = 'func f() {\n\tif x {\n\t\treturn 1\n\t}\n}\n';
    const editor = await openFile('tabs.go', original);
    editor.options = { insertSpaces: false, tabSize: 4 };
    select(editor, 1, 4);
    // The model drops the base indent and uses spaces.
    server.enqueue({ text: 'if x {\n    return 2\n}\n' });
    await edit('return 2');
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), 'func f() {\n\tif x {\n\t\treturn 2\n\t}\n}\n');
  });

  it('undo during review ends the session and gives back the original', async () => {
    const editor = await openFile('undo.py', TWO_HUNKS_ORIGINAL);
    select(editor, 0, 5);
    server.enqueue({ text: TWO_HUNKS_ANSWER });
    await edit('scale');
    assert.notStrictEqual(text(editor), TWO_HUNKS_ORIGINAL);
    await vscode.commands.executeCommand('undo');
    await waitFor('the session ends', () => sessionsOf(editor).length === 0);
    assert.strictEqual(text(editor), TWO_HUNKS_ORIGINAL);
  });

  it('saving during a review keeps the proposed changes on disk, never red and green lines', async () => {
    const editor = await openFile('save.py', TWO_HUNKS_ORIGINAL);
    select(editor, 0, 5);
    server.enqueue({ text: TWO_HUNKS_ANSWER });
    await edit('scale');
    assert.ok(await editor.document.save());
    const onDisk = (await vscode.workspace.fs.readFile(editor.document.uri)).toString();
    assert.strictEqual(onDisk, TWO_HUNKS_ANSWER + '\n');
    assertNoSessions(editor);
  });

  it('a second request on the same lines ends the first review cleanly', async () => {
    const editor = await openFile('second.py', TWO_HUNKS_ORIGINAL);
    select(editor, 0, 5);
    server.enqueue({ text: TWO_HUNKS_ANSWER }, { text: 'a = 7' });
    await edit('scale');
    select(editor, 0, 1);
    await edit('seven');
    const sessions = sessionsOf(editor);
    assert.strictEqual(sessions.length, 1, 'the first session is gone');
    assert.strictEqual(server.chatRequests().length, 2);
    // The second request saw the original text, not the first review's red and green lines.
    const lastMessage = server.chatRequests()[1].body.messages.at(-1).content as string;
    assert.ok(!lastMessage.includes('a = 10'), lastMessage);
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), ['a = 7', 'b = 2', 'c = 3', 'd = 4', 'e = 5', ''].join('\n'));
  });

  it('closing the document mid-stream ends the session without errors', async () => {
    const editor = await openFile('close.py', TWO_HUNKS_ORIGINAL);
    select(editor, 0, 5);
    server.enqueue({ text: TWO_HUNKS_ANSWER.repeat(20), tokensPerSecond: 100 });
    const running = edit('scale');
    await waitFor('streaming started', () => sessionsOf(editor)[0]?.lines.some(l => l.kind === 'added'));
    const uri = editor.document.uri;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const result = await running;
    assert.ok(result);
    await waitFor('no session left', () => api().sessions(uri).length === 0);
    assert.strictEqual((await vscode.workspace.fs.readFile(uri)).toString(), TWO_HUNKS_ORIGINAL, 'the file on disk is untouched');
  });
});
