// Live speed and honest cost inside a real VS Code: the status bar's live tok/s against the fake
// provider's true rate, the final cost against the provider's usage priced by the table, the ledger,
// budgets, unknown prices, OpenRouter's reported cost and LM Studio's estimate.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FakeProvider } from '../server/fakeProvider';
import type { EditResult } from '../../src/vscode/editRunner';
import { normalizeUsage } from '../../src/core/metering/usage';
import { lookupPrice } from '../../src/core/metering/prices';
import { computeCost } from '../../src/core/metering/cost';
import { api, closeAll, openFile, report, select, setSetting, setup, useDialect, TEST_KEY } from './helpers';

const edit = async (args: object = { instruction: 'change it' }) => (await vscode.commands.executeCommand<EditResult>('fastInline.editSelection', args))!;
const WORDS = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau'.split(' ');
const longAnswer = (lines: number) => Array.from({ length: lines }, (_, i) => `${WORDS[i % WORDS.length]}_${i} = compute(${i}, ${WORDS[(i * 7) % WORDS.length]})`).join('\n');

async function lastLedgerEntry() {
  await api().meters.flushed();
  const { entries } = await api().meters.ledger.read();
  return entries[entries.length - 1];
}

async function editSomething(name = 'm.py') {
  const editor = await openFile(name, 'x = 1\ny = 2\n');
  select(editor, 0, 2);
  return editor;
}

describe('metering', () => {
  let server: FakeProvider;
  before(async () => { server = await setup('xai'); });
  beforeEach(() => server.reset());
  afterEach(async () => {
    await closeAll();
    await setSetting('budget.daily', undefined);
    await setSetting('budget.monthly', undefined);
    await setSetting('pricing', undefined);
    await useDialect('xai');
  });

  it('the live tok/s in the status bar is within ±10% of the provider\'s true rate', async () => {
    const rate = 250;
    await editSomething('speed.py');
    server.enqueue({ text: longAnswer(60), tokensPerSecond: rate, ttftMs: 100 });
    const samples: { at: number; tps: number }[] = [];
    const sampler = setInterval(() => {
      const m = /\$\(loading~spin\) (\d+) tok\/s/.exec(api().status()?.text ?? '');
      if (m) samples.push({ at: performance.now(), tps: Number(m[1]) });
    }, 100);
    try {
      await edit();
    } finally {
      clearInterval(sampler);
    }
    const [req] = server.chatRequests();
    const trueRate = req.tokensSent / ((req.lastTokenAt! - req.firstByteAt!) / 1000);
    // After the first second (the rolling window is 2 s); before the last token (still live).
    const steady = samples.filter(s => s.at > req.firstByteAt! + 1000 && s.at < req.lastTokenAt! - 100);
    assert.ok(steady.length >= 5, `enough live samples (${steady.length} of ${samples.length})`);
    const worst = Math.max(...steady.map(s => Math.abs(s.tps - trueRate) / trueRate));
    report(`server ${trueRate.toFixed(0)} tok/s; status bar showed ${steady.map(s => s.tps).join(', ')}; worst error ${(worst * 100).toFixed(1)}%`);
    assert.ok(worst <= 0.10, `worst live error ${(worst * 100).toFixed(1)}%`);
  });

  it('the final cost equals the provider\'s usage priced by the table, and the ledger has the request', async () => {
    await editSomething('cost.py');
    server.enqueue({ text: 'x = 10\ny = 20', reasoning: 'Let me think about scaling both values by ten.', tokensPerSecond: 2000 });
    await edit();
    const [req] = server.chatRequests();
    const expected = computeCost(normalizeUsage(req.usage as Record<string, unknown>, 'xai'), lookupPrice('xai', 'grok-code-fast-1'));
    const status = api().status()!;
    const entry = await lastLedgerEntry();
    assert.ok(expected.usd !== undefined && expected.usd > 0);
    assert.ok(Math.abs(entry.costUsd! - expected.usd) < 1e-9, `ledger ${entry.costUsd} vs ${expected.usd}`);
    assert.strictEqual(entry.estimated, false);
    assert.strictEqual(entry.reasoning > 0, true, 'reasoning tokens are counted (billed as output)');
    assert.strictEqual(entry.provider, 'xai');
    assert.strictEqual(entry.model, 'grok-code-fast-1');
    assert.strictEqual(entry.language, 'python');
    assert.ok(entry.ttftMs !== null && entry.tokensPerSecond !== null);
    assert.ok(status.text.includes(`$${expected.usd.toFixed(5)}`), `just finished: ${status.text}`);
    assert.match(status.tooltip, /\| input \| cached \| output \| reasoning \|/);
    assert.match(status.tooltip, /today \$\d+\.\d+ · this week \$\d+\.\d+ · this month \$\d+\.\d+/);
    await vscode.commands.executeCommand('fastInline.acceptAll');
    assert.strictEqual((await lastLedgerEntry()).outcome, 'accepted');
  });

  it('failed and cancelled requests are in the ledger too', async () => {
    await editSomething('fail.py');
    server.enqueue({ status: 401 });
    await edit();
    assert.strictEqual((await lastLedgerEntry()).outcome, 'error');
    server.enqueue({ text: longAnswer(200), tokensPerSecond: 200 });
    const running = edit();
    await server.waitForRequests(2, 5000);
    await new Promise<void>(resolve => {
      const sub = api().onDidChangeSessions(() => { if (api().meters.live.size && [...api().meters.live][0].reading().tokens > 10) { sub.dispose(); resolve(); } });
    });
    await vscode.commands.executeCommand('fastInline.cancel');
    await running;
    const e = await lastLedgerEntry();
    assert.strictEqual(e.outcome, 'cancelled');
    assert.ok(e.output > 0 && e.estimated, 'a cut stream is billed from the estimate, marked as such');
  });

  it('two streams at once: the status bar shows their combined speed', async () => {
    const a = await editSomething('a.py');
    server.setDefault({ text: longAnswer(50), tokensPerSecond: 200 });
    const first = edit();
    await server.waitForRequests(1, 5000);
    const b = await openFile('b.py', 'z = 3\n');
    select(b, 0, 1);
    const second = edit();
    let seen = '';
    const sampler = setInterval(() => { const t = api().status()?.text ?? ''; if (/×2/.test(t)) seen = t; }, 100);
    await Promise.all([first, second]);
    clearInterval(sampler);
    assert.match(seen, /\d+ tok\/s ×2/, 'two streams aggregated');
    const combined = Number(/(\d+) tok\/s/.exec(seen)![1]);
    report(`two streams at 200 tok/s each: status bar showed ${seen}`);
    assert.ok(combined > 250, `combined speed ${combined}`);
    void a;
  });

  it('budgets: warning colour at 80%, refusal at 100% with a one-click override', async () => {
    await editSomething('budget.py');
    server.setDefault({ text: 'x = 3\ny = 4' });
    await edit();
    await vscode.commands.executeCommand('fastInline.rejectAll');
    const today = api().meters.spend.periods().today;
    assert.ok(today > 0);
    await setSetting('budget.daily', today / 0.9);
    assert.strictEqual(api().status()!.level, 'warning');
    assert.match(api().status()!.text, /^\$\(warning\)/);
    await setSetting('budget.daily', today / 2);
    assert.strictEqual(api().status()!.level, 'over');
    const before = server.chatRequests().length;
    const refused = await edit();
    assert.match(refused.refused ?? '', /Today's budget: \$\d+\.\d\d of \$\d+\.\d\d \(\d+%\): the request was not sent/);
    assert.strictEqual(server.chatRequests().length, before, 'nothing sent over budget');
    const allowed = await edit({ instruction: 'change it', allowOverBudget: true });
    assert.deepStrictEqual(allowed.ends, [{ kind: 'complete' }]);
    assert.strictEqual(server.chatRequests().length, before + 1);
  });

  it('an unknown price shows tokens with cost "—" until the user enters a price', async () => {
    await useDialect('openai', 'custom');
    await setSetting('model', 'mystery-model-7');
    await editSomething('unknown.py');
    server.setDefault({ text: 'x = 5\ny = 6' });
    await edit();
    let e = await lastLedgerEntry();
    assert.strictEqual(e.costUsd, null);
    assert.ok(e.output > 0);
    assert.match(api().status()!.text, /\$—/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.window.activeTextEditor!.document.uri);
    assert.ok(lenses.some(l => l.command?.command === 'fastInline.setPrice'), 'a one-click way to enter the price');
    await vscode.commands.executeCommand('fastInline.rejectAll');
    await vscode.commands.executeCommand('fastInline.setPrice', { input: 1, cachedInput: 0.1, output: 2 });
    select(vscode.window.activeTextEditor!, 0, 2);
    await edit();
    e = await lastLedgerEntry();
    assert.ok(e.costUsd !== null && e.costUsd > 0, 'priced after Set Model Price');
  });

  it('OpenRouter\'s reported cost wins; LM Studio (no usage) is estimated and marked', async () => {
    await vscode.commands.executeCommand('fastInline.setApiKey', { provider: 'openrouter', key: `or-${TEST_KEY}` });
    await useDialect('openrouter', 'openrouter');
    await setSetting('model', 'x-ai/grok-code-fast-1');
    await editSomething('or.py');
    server.setDefault({ text: 'x = 7\ny = 8' });
    await edit();
    const reported = (server.chatRequests()[0].usage as { cost: number }).cost;
    assert.ok(Math.abs((await lastLedgerEntry()).costUsd! - reported) < 1e-12);
    await vscode.commands.executeCommand('fastInline.rejectAll');

    await useDialect('lmstudio', 'lmstudio');
    select(vscode.window.activeTextEditor!, 0, 2);
    await edit();
    const e = await lastLedgerEntry();
    const req = server.chatRequests()[1];
    assert.strictEqual(req.usage, undefined, 'LM Studio sends no usage');
    assert.strictEqual(e.estimated, true);
    assert.strictEqual(e.costUsd, 0, 'local models are free');
    assert.ok(Math.abs(e.output - req.tokensSent) <= 1, `estimated ${e.output} vs ${req.tokensSent} sent`);
    assert.match(api().status()!.text, /≈\$0/);
  });
});
