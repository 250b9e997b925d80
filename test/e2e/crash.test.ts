// End to end: the extension host dies (kill -9) in the middle of a stream, as a crash would.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FakeProvider } from '../server/fakeProvider';
import { answerQuickInput, focusEditor, INSTRUCTION, openWorkbench, runCommand, screenshotIfFailed, selectFirstLines, waitForDisk, Workbench } from './workbench';

const KEY = 'xai-e2e-env-key-93ab17c4';
const ORIGINAL = ['def steps():', '    return 0', '', 'print(steps())', ''].join('\n');
const ANSWER = ['def steps():', ...Array.from({ length: 60 }, (_, i) => `    step_${i} = ${i} * ${i}`), '    return step_59'].join('\n');

/** The extension host processes below code-server's own process. */
function extensionHosts(root: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).trim().split('\n')
    .map(l => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/)!).filter(Boolean).map(m => ({ pid: +m[1], ppid: +m[2], args: m[3] }));
  const below = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (below.has(r.ppid) && !below.has(r.pid)) { below.add(r.pid); grew = true; }
  }
  return rows.filter(r => below.has(r.pid) && /extensionHost/.test(r.args)).map(r => r.pid);
}

describe('end to end: the extension host crashes', function () {
  this.timeout(240000);
  let server: FakeProvider;
  let wb: Workbench;

  before(async () => {
    server = await FakeProvider.start();
    server.requireKey = KEY;
    wb = await openWorkbench({
      files: { 'crash.py': ORIGINAL },
      settings: { 'fastInline.provider': 'xai', 'fastInline.baseUrl': server.baseUrl('xai'), 'fastInline.model': 'grok-code-fast-1' },
      env: { XAI_API_KEY: KEY }, // no stored key: the environment variable is the fallback
    });
  });
  afterEach(async function () { await screenshotIfFailed(this.currentTest, wb); });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('kill -9 of the extension host mid-stream: the ledger stays whole, the review comes back, Reject All restores the original', async () => {
    const { page } = wb;
    const file = path.join(wb.workspace, 'crash.py');
    const ledgerFile = path.join(wb.userDataDir, 'User', 'globalStorage', 'fast-inline.fast-inline', 'ledger.jsonl');
    const ledgerLines = () => (fs.existsSync(ledgerFile) ? fs.readFileSync(ledgerFile, 'utf8').split('\n').filter(Boolean) : []);
    // A first, finished edit (rejected): its ledger line and outcome are written before the crash.
    await selectFirstLines(page, 'crash.py', 2);
    server.enqueue({ text: 'def steps():\n    return 1', tokensPerSecond: 500 });
    await runCommand(page, 'Fast Inline: Edit Selection');
    await answerQuickInput(page, 'return one', INSTRUCTION);
    await page.locator('.codelens-decoration a', { hasText: 'Reject' }).first().click({ timeout: 60000 });
    await waitForDisk(ledgerFile, () => ledgerLines().some(l => l.includes('"outcome":"rejected"')), page);
    const before = ledgerLines();

    await selectFirstLines(page, 'crash.py', 2);
    server.enqueue({ text: ANSWER, tokensPerSecond: 40, ttftMs: 50 });
    await runCommand(page, 'Fast Inline: Edit Selection');
    await answerQuickInput(page, 'spell out the steps', INSTRUCTION);
    const lines = page.locator('.monaco-editor .view-lines');
    await lines.filter({ hasText: 'step_8 = 8' }).first().waitFor({ timeout: 60000 });
    const hosts = extensionHosts(wb.serverPid);
    assert.strictEqual(hosts.length, 1, `one extension host below code-server: ${hosts}`);
    process.kill(hosts[0], 'SIGKILL');
    const [, streaming] = server.chatRequests();
    await server.waitForClose(streaming);

    // VS Code starts a new extension host; the extension activates again and finds its session.
    // The restored session's own lens: the dead host's lens may linger on screen until replaced.
    await page.locator('.codelens-decoration', { hasText: 'restored after a restart' }).first().waitFor({ timeout: 90000 });
    const restarted = extensionHosts(wb.serverPid);
    assert.ok(restarted.length === 1 && restarted[0] !== hosts[0], 'a new extension host');
    await wb.screenshot('e2e-crash-review-restored');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), ORIGINAL, 'the crash wrote nothing to disk');
    await runCommand(page, 'Fast Inline: Reject All Changes');
    await lines.filter({ hasText: 'step_' }).first().waitFor({ state: 'detached', timeout: 30000 });
    await focusEditor(page);
    await page.keyboard.press('Control+S'); // what the editor holds now, on disk: exactly the original
    await page.locator('.tab.dirty[aria-label*="crash.py"]').first().waitFor({ state: 'detached', timeout: 30000 });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), ORIGINAL);

    // The ledger: every line written before the crash is whole; the request in flight is the
    // most that is missing; and the new extension host appends whole lines after it.
    const after = ledgerLines();
    assert.deepStrictEqual(after.slice(0, before.length), before, 'the lines from before the crash, unchanged');
    for (const l of after) JSON.parse(l);
    await selectFirstLines(page, 'crash.py', 2);
    server.enqueue({ text: 'def steps():\n    return 2', tokensPerSecond: 500 });
    await runCommand(page, 'Fast Inline: Edit Selection');
    await answerQuickInput(page, 'return two', INSTRUCTION);
    await page.locator('.codelens-decoration a', { hasText: 'Accept' }).first().waitFor({ timeout: 60000 });
    const requestId = await waitForDisk(ledgerFile, () => ledgerLines().length > after.length, page).then(() => JSON.parse(ledgerLines()[after.length]).requestId);
    assert.ok(typeof requestId === 'string' && requestId.length > 0, 'a whole line for the edit after the crash');
    console.log(`      (ledger: ${before.length} lines before the crash, ${after.length - before.length} for the restored review, then whole lines again)`);
  });
});
