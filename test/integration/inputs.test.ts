// What goes into a request, and the pickers that shape it: the live model list, the instruction
// history, the editor's diagnostics near the selection, and how fast the editor keeps up.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FakeProvider } from '../server/fakeProvider';
import { EditResult } from '../../src/vscode/editRunner';
import { api, closeAll, openFile, select, sessionsOf, setup, waitFor, report } from './helpers';

/** Accepts whatever the quick pick that the command opened has selected. */
async function acceptQuickPick<T>(command: Promise<T>): Promise<T> {
  // The quick pick appears asynchronously; accepting before it is there would do nothing.
  for (let i = 0; i < 100; i++) {
    await new Promise(r => setImmediate(r));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const settled = await Promise.race([command.then(() => true), new Promise<boolean>(r => setTimeout(() => r(false), 50))]);
    if (settled) break;
  }
  return command;
}

describe('what a request is made of', () => {
  let server: FakeProvider;
  before(async () => { server = await setup('xai'); });
  beforeEach(() => server.reset());
  afterEach(closeAll);

  it('Select Model lists the provider\'s live models and stores the pick in user settings', async () => {
    server.models.xai = ['grok-code-fast-1', 'grok-live-only-model'];
    const picked = await acceptQuickPick(Promise.resolve(vscode.commands.executeCommand<string>('fastInline.selectModel', { provider: 'xai' })));
    assert.ok(server.requests.some(r => r.path.endsWith('/models')), 'GET /models was requested');
    assert.strictEqual(picked, 'grok-code-fast-1', 'the list is sorted and the first live model is preselected');
    await vscode.commands.executeCommand('fastInline.selectModel', { provider: 'xai', model: 'grok-live-only-model' });
    assert.strictEqual(vscode.workspace.getConfiguration('fastInline').inspect('model')?.globalValue, 'grok-live-only-model');
    await vscode.workspace.getConfiguration('fastInline').update('model', 'grok-code-fast-1', vscode.ConfigurationTarget.Global);
  });

  it('the instruction box offers the most recent instruction first', async () => {
    const editor = await openFile('history.py', 'x = 1\n');
    select(editor, 0, 1);
    server.setDefault({ text: 'x = 2' });
    await vscode.commands.executeCommand('fastInline.editSelection', { instruction: 'bump x by one, distinctively' });
    await vscode.commands.executeCommand('fastInline.rejectAll');
    select(editor, 0, 1);
    const result = await acceptQuickPick(Promise.resolve(vscode.commands.executeCommand<EditResult>('fastInline.editSelection')));
    assert.ok(result && result.sessions.length === 1);
    const last = server.chatRequests()[1].body.messages.at(-1).content as string;
    assert.ok(last.includes('Instruction: bump x by one, distinctively'), last);
  });

  it('sends the editor\'s diagnostics in and near the selection, not far away ones', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `v${i} = ${i}`);
    const editor = await openFile('diag.py', lines.join('\n') + '\n');
    const diagnostics = vscode.languages.createDiagnosticCollection('test');
    diagnostics.set(editor.document.uri, [
      new vscode.Diagnostic(new vscode.Range(11, 0, 11, 3), 'undefined name near the selection', vscode.DiagnosticSeverity.Error),
      new vscode.Diagnostic(new vscode.Range(35, 0, 35, 3), 'far away warning', vscode.DiagnosticSeverity.Warning),
    ]);
    try {
      select(editor, 10, 13);
      server.setDefault({ text: 'v10 = 10\nv11 = 11\nv12 = 12' });
      await vscode.commands.executeCommand('fastInline.editSelection', { instruction: 'fix the problems' });
      const last = server.chatRequests()[0].body.messages.at(-1).content as string;
      assert.ok(last.includes('line 12 error: undefined name near the selection'), last);
      assert.ok(!last.includes('far away warning'), last);
    } finally {
      diagnostics.dispose();
    }
  });

  it('keeps up with a 10,000 tok/s stream: coalesced edits, small render lag (figures printed)', async () => {
    const original = Array.from({ length: 500 }, (_, i) => `    value_${i} = compute(${i}, "${'x'.repeat(i % 17)}")`);
    const rewrite = original.map((l, i) => (i % 4 === 0 ? l.replace('compute', 'compute_fast') : l));
    const editor = await openFile('fast.py', ['def run():', ...original, ''].join('\n'));
    select(editor, 1, 501);
    server.enqueue({ text: rewrite.join('\n'), tokensPerSecond: 10000, chunkTokens: 1 });
    const before = api().editsApplied(editor.document.uri);
    let drawnAt = 0;
    const done = waitFor('the whole answer is drawn', () => {
      const s = sessionsOf(editor)[0];
      if (s && s.state === 'reviewing' && !s.lines.some(l => l.kind === 'pending')) return (drawnAt ||= performance.now());
      return undefined;
    }, 60000);
    const result = await vscode.commands.executeCommand<EditResult>('fastInline.editSelection', { instruction: 'use compute_fast for every fourth' });
    await done;
    const [req] = server.chatRequests();
    const streamMs = req.lastTokenAt! - req.firstByteAt!;
    const edits = api().editsApplied(editor.document.uri) - before;
    const lag = drawnAt - req.lastTokenAt!;
    report(`${req.tokensSent} tokens in ${streamMs.toFixed(0)} ms = ${(req.tokensSent / streamMs * 1000).toFixed(0)} tok/s; ` +
      `${edits} editor edits (${(edits / (streamMs / 1000)).toFixed(0)}/s of streaming); last token → drawn: ${lag.toFixed(0)} ms`);
    assert.deepStrictEqual(result?.ends, [{ kind: 'complete' }]);
    assert.ok(edits < req.tokensSent / 20, `edits are coalesced (${edits} edits for ${req.tokensSent} tokens)`);
    assert.strictEqual(sessionsOf(editor)[0].hunks.length, 125);
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(editor.document.getText(), ['def run():', ...rewrite, ''].join('\n'));
  });
});
