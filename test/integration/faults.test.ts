// Failures inside a real VS Code against the fake provider: each error becomes a clear outcome,
// retries happen only where they should, cancel closes the socket at once, and a stream cut
// mid-answer stays reviewable. No key ever reaches a message.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FakeProvider } from '../server/fakeProvider';
import { EditResult } from '../../src/vscode/editRunner';
import { StreamEnd } from '../../src/vscode/editSession';
import { closeAll, openFile, select, sessionsOf, setSetting, setup, text, waitFor, TEST_KEY, assertNoSessions, report } from './helpers';

const ORIGINAL = ['x = 1', 'y = 2', 'z = 3', ''].join('\n');
const edit = async (instruction = 'change it') => (await vscode.commands.executeCommand<EditResult>('fastInline.editSelection', { instruction }))!;

function errorOf(result: EditResult): Extract<StreamEnd, { kind: 'error' }> {
  const end = result.ends[0];
  assert.ok(end && end.kind === 'error', `expected an error, got ${JSON.stringify(result.ends)}`);
  return end;
}

describe('faults', () => {
  let server: FakeProvider;
  before(async () => { server = await setup('xai'); });
  beforeEach(() => server.reset());
  afterEach(async () => {
    await closeAll();
    await setSetting('firstTokenTimeoutSeconds', 10);
  });

  async function editFile(name = 'f.py'): Promise<vscode.TextEditor> {
    const editor = await openFile(name, ORIGINAL);
    select(editor, 0, 3);
    return editor;
  }

  it('401: the key was rejected — no retry, document untouched, message without the key', async () => {
    const editor = await editFile();
    server.enqueue({ status: 401, errorMessage: `Incorrect API key provided: ${TEST_KEY}` });
    const e = errorOf(await edit());
    assert.strictEqual(e.error.kind, 'auth');
    assert.strictEqual(e.partial, false);
    assert.ok(!e.error.message.includes(TEST_KEY), `the key leaked into: ${e.error.message}`);
    assert.strictEqual(server.chatRequests().length, 1);
    assert.strictEqual(text(editor), ORIGINAL);
    assertNoSessions(editor);
  });

  it('403 and 404 become auth and unknown-model errors', async () => {
    await editFile();
    server.enqueue({ status: 403 });
    assert.strictEqual(errorOf(await edit()).error.kind, 'auth');
    server.enqueue({ status: 404, errorMessage: 'The model grok-x does not exist' });
    const e = errorOf(await edit());
    assert.strictEqual(e.error.kind, 'not-found');
    assert.match(e.error.message, /grok-code-fast-1/);
  });

  it('429 with Retry-After is retried before the first token, at most twice', async () => {
    const editor = await editFile();
    server.enqueue({ status: 429, retryAfter: 0.2 }, { text: 'x = 10\ny = 2\nz = 3' });
    const ok = await edit();
    assert.deepStrictEqual(ok.ends, [{ kind: 'complete' }]);
    const [first, second] = server.chatRequests();
    assert.ok(second.receivedAt - first.receivedAt >= 180, `waited Retry-After: ${second.receivedAt - first.receivedAt} ms`);
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), 'x = 10\ny = 2\nz = 3\n');

    server.reset();
    server.enqueue({ status: 429, retryAfter: 0 }, { status: 429, retryAfter: 0 }, { status: 429, retryAfter: 0 });
    select(editor, 0, 3);
    assert.strictEqual(errorOf(await edit()).error.kind, 'rate-limit');
    assert.strictEqual(server.chatRequests().length, 3, 'one try and two retries');
  });

  it('500 is retried once; 503 twice in a row is reported', async () => {
    await editFile();
    server.enqueue({ status: 500 }, { text: 'x = 1\ny = 20\nz = 3' });
    assert.deepStrictEqual((await edit()).ends, [{ kind: 'complete' }]);
    assert.strictEqual(server.chatRequests().length, 2);
    await vscode.commands.executeCommand('fastInline.rejectAll');
    server.reset();
    server.enqueue({ status: 503 }, { status: 503 });
    assert.strictEqual(errorOf(await edit()).error.kind, 'server');
    assert.strictEqual(server.chatRequests().length, 2);
  });

  it('no first token within the timeout: gives up and says so', async () => {
    const editor = await editFile();
    await setSetting('firstTokenTimeoutSeconds', 1);
    server.enqueue({ text: 'x = 5', ttftMs: 5000 });
    const e = errorOf(await edit());
    assert.strictEqual(e.error.kind, 'timeout');
    assert.match(e.error.message, /within 1 s/);
    await server.waitForClose(server.chatRequests()[0], 2000);
    assert.strictEqual(text(editor), ORIGINAL);
  });

  it('a connection lost mid-answer keeps what arrived for review', async () => {
    const editor = await editFile();
    server.enqueue({ text: 'x = 100\ny = 200\nz = 300\n', disconnectAfterTokens: 6 });
    const e = errorOf(await edit());
    assert.strictEqual(e.error.kind, 'connection');
    assert.strictEqual(e.partial, true);
    const [s] = sessionsOf(editor);
    assert.strictEqual(s.state, 'reviewing');
    await vscode.commands.executeCommand('fastInline.acceptAll');
    // The lines that arrived replace their originals; the unreached tail is kept.
    assert.ok(text(editor).startsWith('x = 100\n'), text(editor));
    assert.ok(text(editor).endsWith('z = 3\n'), text(editor));
  });

  it('a malformed stream line is skipped and logged; the answer still arrives whole', async () => {
    const editor = await editFile();
    server.enqueue({ text: 'x = 7\ny = 8\nz = 9\n', malformedAfterTokens: 3 });
    assert.deepStrictEqual((await edit()).ends, [{ kind: 'complete' }]);
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual(text(editor), 'x = 7\ny = 8\nz = 9\n');
  });

  it('cancel stops the HTTP request at once (socket closed within 100 ms) and keeps what arrived', async () => {
    const editor = await editFile();
    server.enqueue({ text: Array.from({ length: 200 }, (_, i) => `v${i} = ${i}`).join('\n'), tokensPerSecond: 200 });
    const running = edit();
    await waitFor('some lines streamed', () => (sessionsOf(editor)[0]?.lines.filter(l => l.kind === 'added').length ?? 0) >= 3);
    const [req] = server.chatRequests();
    const t0 = performance.now();
    assert.strictEqual(await vscode.commands.executeCommand('fastInline.cancel'), 1);
    await server.waitForClose(req, 2000);
    const closeMs = req.closedAt! - t0;
    report(`cancel → socket closed at the server: ${closeMs.toFixed(1)} ms`);
    assert.ok(req.clientAborted);
    assert.ok(closeMs < 100, `socket closed ${closeMs} ms after Cancel`);
    const result = await running;
    assert.deepStrictEqual(result.ends, [{ kind: 'cancelled' }]);
    const [s] = sessionsOf(editor);
    assert.strictEqual(s.state, 'reviewing');
    assert.ok(!s.lines.some(l => l.kind === 'pending'), 'nothing left pending after a cancel');
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.ok(text(editor).startsWith('v0 = 0\n'));
  });

  it('no key stored and no environment variable: refuses with a clear message, sends nothing', async () => {
    await vscode.commands.executeCommand('fastInline.clearApiKey', { provider: 'xai' });
    const saved = process.env.XAI_API_KEY;
    delete process.env.XAI_API_KEY;
    try {
      await editFile();
      const result = await edit();
      assert.match(result.refused ?? '', /No API key for xAI/);
      assert.strictEqual(server.chatRequests().length, 0);
      // The environment variable is the fallback when nothing is stored.
      process.env.XAI_API_KEY = 'xai-from-environment-42424242';
      server.enqueue({ text: 'x = 1\ny = 2\nz = 4' });
      select(vscode.window.activeTextEditor!, 0, 3);
      await edit();
      assert.strictEqual(server.chatRequests()[0].headers.authorization, 'Bearer xai-from-environment-42424242');
    } finally {
      if (saved === undefined) delete process.env.XAI_API_KEY; else process.env.XAI_API_KEY = saved;
      await vscode.commands.executeCommand('fastInline.setApiKey', { provider: 'xai', key: TEST_KEY });
    }
  });

  it('a file matching fastInline.excludeFiles is never sent', async () => {
    const editor = await openFile('.env.local', 'SECRET_TOKEN=abc123\n');
    select(editor, 0, 1);
    const result = await edit('rename the variable');
    assert.match(result.refused ?? '', /never sends .*\.env\.local.*excludeFiles/);
    assert.strictEqual(server.chatRequests().length, 0);
  });
});
