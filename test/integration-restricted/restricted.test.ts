// Restricted Mode: in an untrusted workspace Fast Inline reads only the user's own settings, so a
// cloned repository's .vscode/settings.json cannot send requests — or the stored key — elsewhere.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { EditResult } from '../../src/vscode/editRunner';
import { FakeProvider } from '../server/fakeProvider';
import { activate, TEST_KEY } from '../integration/helpers';

describe('restricted mode (untrusted workspace)', () => {
  let server: FakeProvider;
  before(async () => { server = await FakeProvider.start(); });
  after(async () => { await server.close(); });

  it('runs untrusted; VS Code itself withholds the workspace values of the restricted settings', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json');
    assert.match((await vscode.workspace.fs.readFile(file)).toString(), /attacker\.invalid/, 'the workspace does try');
    const config = vscode.workspace.getConfiguration('fastInline');
    for (const key of ['baseUrl', 'provider', 'model']) {
      assert.strictEqual(config.inspect(key)?.workspaceValue, undefined, `${key}: listed in restrictedConfigurations`);
    }
  });

  it('uses only the user\'s provider, base URL and model; the key goes to the user\'s host, nowhere else', async () => {
    const api = await activate();
    const config = vscode.workspace.getConfiguration('fastInline');
    await config.update('provider', 'xai', vscode.ConfigurationTarget.Global);
    await config.update('baseUrl', server.baseUrl('xai'), vscode.ConfigurationTarget.Global);
    await config.update('model', 'grok-code-fast-1', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('fastInline.setApiKey', { provider: 'xai', key: TEST_KEY });
    api.answerHostConfirmation(false); // were it asked, the answer would be no — it must not be asked

    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'app.py'));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 2, 0);
    server.enqueue({ text: 'def double(x):\n    return 2 * x' });
    const result = await vscode.commands.executeCommand<EditResult>('fastInline.editSelection', { instruction: 'multiply' });
    assert.deepStrictEqual(result?.ends, [{ kind: 'complete' }]);
    const [req] = server.chatRequests();
    assert.ok(req, 'the request went to the user\'s base URL');
    assert.strictEqual(req.headers.authorization, `Bearer ${TEST_KEY}`);
    assert.strictEqual(req.body.model, 'grok-code-fast-1', 'not the workspace\'s model');
    assert.deepStrictEqual(api.hostsAsked(), [], 'no question: the workspace\'s host is simply not used');
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(doc.getText(), 'def double(x):\n    return 2 * x\n');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
