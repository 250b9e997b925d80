// The usage report webview, in a real VS Code: 100,000 ledger entries summarised and drawn (the
// page reports how long drawing took), CSV export, a strict CSP with a fresh nonce, and ledger
// text (a model named like an HTML tag) kept as text.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LedgerEntry } from '../../src/core/metering/costLedger';
import { summarizeUsage } from '../../src/core/metering/usageSummary';
import type { UsageRender, UsageReport } from '../../src/vscode/usageReport';
import { parseMessage } from '../../src/vscode/usageReport';
import { api, closeAll, report, setup } from './helpers';

const XSS_MODEL = '<img src=x onerror=alert(1)>';
const SYNTHETIC = 99_999; // + the XSS entry appended through the ledger = 100,000
const DAYS = 30;

/** The report the extension built (exposed to tests as `usageReport` on the test API). */
function usageReport(): UsageReport {
  const r = (api() as unknown as { usageReport?: UsageReport }).usageReport;
  if (!r) throw new Error('the test API has no `usageReport` (activate() must pass the UsageReport to createTestApi)');
  return r;
}

function nextRender(r: UsageReport, entries: number, timeoutMs = 60000): Promise<UsageRender> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out after ${timeoutMs} ms waiting for the report to draw ${entries} entries`)); }, timeoutMs);
    const sub = r.onDidRender(info => {
      if (info.entries !== entries) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(info);
    });
  });
}

/** 99,999 entries over the last 30 local days, 5 models; some unknown-price, estimated, no speed. */
function syntheticJsonl(now: Date): { text: string; entries: LedgerEntry[] } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (DAYS - 1), 1, 0).getTime();
  const end = Math.max(start, now.getTime() - 60_000);
  const providers = ['xai', 'openai', 'deepseek', 'openrouter', 'custom'];
  const models = ['grok-code-fast-1', 'gpt-5-mini', 'deepseek-chat', 'x-ai/grok-code-fast-1', 'qwen-coder'];
  const outcomes: LedgerEntry['outcome'][] = ['accepted', 'rejected', 'partial', 'cancelled', 'error', 'pending'];
  const entries: LedgerEntry[] = new Array(SYNTHETIC);
  const lines: string[] = new Array(SYNTHETIC);
  for (let i = 0; i < SYNTHETIC; i++) {
    const m = i % 5;
    // Keys in the ledger's order (`{"v":1,"time":"…` first, as CostLedger writes them).
    const e: LedgerEntry = {
      v: 1, time: new Date(start + Math.floor(((end - start) * i) / (SYNTHETIC - 1))).toISOString(),
      provider: providers[m], model: models[m],
      input: 1200 + (i % 300), cachedInput: i % 3 ? 1024 : 0, output: 150 + (i % 80), reasoning: i % 4 ? 0 : 90,
      estimated: i % 101 === 0, costUsd: i % 127 === 0 ? null : 0.0003 + (i % 7) * 1e-5, savingsUsd: i % 3 ? 0.00018 : 0,
      ttftMs: i % 9 === 0 ? null : 120 + (i % 250), tokensPerSecond: i % 17 === 0 ? null : 140 + (i % 120) + m * 15,
      durationMs: 700 + (i % 500), outcome: outcomes[i % 6], language: 'typescript', requestId: `synthetic-${i}`,
    };
    entries[i] = e;
    lines[i] = JSON.stringify(e);
  }
  return { text: `${lines.join('\n')}\n`, entries };
}

describe('usage report', () => {
  let ledgerFile: string;
  let saved: string | undefined;
  let csv: string | undefined;

  before(async () => {
    await setup('xai');
    await api().meters.flushed();
    ledgerFile = api().meters.ledger.file;
    // The report must see exactly our 100,000 entries: earlier suites' entries wait aside.
    if (fs.existsSync(ledgerFile)) {
      saved = `${ledgerFile}.before-usage-report-${process.pid}`;
      fs.renameSync(ledgerFile, saved);
    }
  });

  after(async () => {
    await closeAll();
    if (!ledgerFile) return; // setup() failed
    await api().meters.flushed();
    fs.rmSync(ledgerFile, { force: true });
    if (saved) fs.renameSync(saved, ledgerFile);
    if (csv) fs.rmSync(csv, { force: true });
  });

  it('draws 100,000 ledger entries in under a second, exports them as CSV, under a strict CSP', async function () {
    this.timeout(180000);
    const r = usageReport();
    const now = new Date();

    // 99,999 entries in one write (as CostLedger would have written them), then one through the ledger.
    const t0 = performance.now();
    const { text, entries } = syntheticJsonl(now);
    fs.mkdirSync(path.dirname(ledgerFile), { recursive: true });
    fs.writeFileSync(ledgerFile, text);
    const xss: LedgerEntry = {
      v: 1, time: new Date(now.getTime() - 30_000).toISOString(), provider: 'custom', model: XSS_MODEL,
      input: 10, cachedInput: 0, output: 5, reasoning: 0, estimated: false, costUsd: null, savingsUsd: 0,
      ttftMs: 90, tokensPerSecond: 55, durationMs: 300, outcome: 'accepted', language: 'html', requestId: 'xss',
    };
    await api().meters.ledger.append(xss);
    entries.push(xss);
    const writeMs = performance.now() - t0;
    const size = fs.statSync(ledgerFile).size;

    // The page draws what the extension summarised: 6 models, 30 days, all 100,000 entries.
    const drawn = nextRender(r, 100_000);
    const t1 = performance.now();
    await vscode.commands.executeCommand('fastInline.showUsage');
    const first = await drawn;
    const openMs = performance.now() - t1;
    const expected = summarizeUsage(entries, 0, new Date());
    assert.strictEqual(first.entries, 100_000);
    assert.strictEqual(first.rows, 6, 'one table row per provider + model (5 synthetic + the XSS one)');
    assert.strictEqual(expected.perModel.length, 6);
    assert.ok(expected.perModel.some(m => m.model === XSS_MODEL), 'the XSS model is in the summary the page drew (as text)');
    assert.strictEqual(first.days, DAYS, 'one bar per local day, from the first entry\'s day to today');
    assert.strictEqual(expected.perDay.length, DAYS);
    assert.deepStrictEqual(r.lastRender, first);
    const build = r.lastBuild;
    report(`usage report, 100,000 entries (${(size / 1e6).toFixed(1)} MB ledger written in ${writeMs.toFixed(0)} ms): ` +
      `drawn in ${first.ms.toFixed(1)} ms in the webview; extension read ${build ? build.readMs.toFixed(0) : '?'} ms + ` +
      `summary ${build ? build.summaryMs.toFixed(1) : '?'} ms; command → drawn ${openMs.toFixed(0)} ms`);
    assert.ok(first.ms < 1000, `drawing took ${first.ms.toFixed(1)} ms (target < 1,000 ms)`);

    // The page: a strict CSP with a nonce, one external script carrying it, nothing inline, nothing remote.
    const html1 = r.lastHtml;
    const nonce1 = checkHtml(html1);

    // Closing and reopening sets a new page with a fresh nonce; Refresh-like redraw works again.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const again = nextRender(r, 100_000);
    await vscode.commands.executeCommand('fastInline.showUsage');
    const second = await again;
    report(`usage report reopened: drawn again in ${second.ms.toFixed(1)} ms`);
    assert.deepStrictEqual({ rows: second.rows, days: second.days }, { rows: 6, days: DAYS });
    const nonce2 = checkHtml(r.lastHtml);
    assert.notStrictEqual(nonce2, nonce1, 'a fresh nonce for each page');

    // Showing it while it is open redraws the same page with fresh figures.
    const third = nextRender(r, 100_000);
    await vscode.commands.executeCommand('fastInline.showUsage');
    await third;
    assert.ok(r.lastHtml.includes(nonce2), 'the open page was kept, not replaced');

    // Hidden behind an editor (its context is not retained), then shown: the page reloads and asks again.
    const doc = await vscode.workspace.openTextDocument({ content: 'hide the report', language: 'plaintext' });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
    const loads = r.pageLoads;
    const fourth = nextRender(r, 100_000);
    await vscode.commands.executeCommand('fastInline.showUsage');
    const shown = await fourth;
    assert.deepStrictEqual({ rows: shown.rows, days: shown.days }, { rows: 6, days: DAYS });
    assert.ok(r.lastHtml.includes(nonce2), 'revealed, not recreated');
    assert.strictEqual(r.pageLoads, loads + 1, 'the page reloaded once and asked for the data');

    // CSV: a header and one line per entry (no field here holds a line break).
    csv = path.join(os.tmpdir(), `fast-inline-usage-test-${process.pid}.csv`);
    const t2 = performance.now();
    const rows = await r.exportCsv(vscode.Uri.file(csv));
    const exportMs = performance.now() - t2;
    assert.strictEqual(rows, 100_000);
    const out = fs.readFileSync(csv, 'utf8');
    assert.ok(out.endsWith('\r\n'));
    const lines = out.slice(0, -2).split('\r\n');
    assert.strictEqual(lines.length, 100_001, 'header + 100,000 rows');
    assert.ok(lines[0].startsWith('time,provider,model,'));
    assert.strictEqual(lines.at(-1), `${xss.time},custom,${XSS_MODEL},10,0,5,0,false,,0,90,55,300,accepted,html,xss`);
    report(`usage CSV export of 100,000 entries: ${(out.length / 1e6).toFixed(1)} MB in ${exportMs.toFixed(0)} ms`);
  });

  it('takes only whitelisted, well-formed messages from the page', () => {
    assert.deepStrictEqual(parseMessage({ type: 'exportCsv', path: '/etc/passwd' }), { type: 'exportCsv' }, 'extra fields are dropped');
    assert.deepStrictEqual(parseMessage({ type: 'refresh' }), { type: 'refresh' });
    assert.deepStrictEqual(parseMessage({ type: 'rendered', seq: 3, rows: 2, days: 5, ms: 12.5 }), { type: 'rendered', seq: 3, rows: 2, days: 5, ms: 12.5 });
    for (const bad of [
      null, 'refresh', [], {}, { type: 'command', command: 'workbench.action.terminal.new' }, { type: 'eval', code: '1' },
      { type: 'rendered', seq: 1, rows: -1, days: 1, ms: 1 }, { type: 'rendered', seq: 1, rows: 1, days: 1, ms: Number.NaN },
      { type: 'rendered', seq: 1, rows: '1', days: 1, ms: 1 }, { type: 'rendered', seq: 1.5, rows: 1, days: 1, ms: 1 },
      { type: '__proto__' }, { type: 'toString' },
    ]) {
      assert.strictEqual(parseMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});

/** Checks the page's HTML and returns its nonce. */
function checkHtml(html: string): string {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, 'a CSP meta tag');
  const csp = meta[1].replace(/&#39;/g, '\'').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const directives = new Map(csp.split(';').map(d => d.trim()).filter(Boolean).map(d => {
    const [name, ...sources] = d.split(/\s+/);
    return [name, sources] as [string, string[]];
  }));
  assert.deepStrictEqual(directives.get('default-src'), ['\'none\'']);
  const scriptSrc = directives.get('script-src') ?? [];
  assert.strictEqual(scriptSrc.length, 1, `script-src is the nonce only: ${scriptSrc.join(' ')}`);
  const nonce = /^'nonce-([A-Za-z0-9+/=_-]{16,})'$/.exec(scriptSrc[0])?.[1];
  assert.ok(nonce, `a nonce in script-src: ${scriptSrc[0]}`);
  const cspSources = directives.get('style-src') ?? [];
  assert.ok(cspSources.length > 0);
  assert.ok(!/unsafe-inline|unsafe-eval|\*(?!\.)/.test(csp.replace(/https?:\/\/\*\./g, '')), `no unsafe-* or bare wildcard: ${csp}`);
  assert.deepStrictEqual(directives.get('img-src'), [...cspSources, 'data:']);
  assert.deepStrictEqual(directives.get('font-src'), cspSources);

  // Exactly one script: external, with the same nonce, no inline body.
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.strictEqual(scripts.length, 1, 'one script tag');
  assert.strictEqual((html.match(/<script\b/gi) ?? []).length, 1);
  const [, attrs, body] = scripts[0];
  assert.strictEqual(body.trim(), '', 'no inline script body');
  assert.ok(attrs.includes(`nonce="${nonce}"`), 'the script carries the CSP nonce');
  assert.ok(/src="[^"]*\/media\/usageReport\.js"/.test(attrs), `the script is media/usageReport.js: ${attrs}`);
  const links = [...html.matchAll(/<link\b[^>]*>/gi)].map(m => m[0]);
  assert.strictEqual(links.length, 1, 'one stylesheet');
  assert.ok(/rel="stylesheet"/.test(links[0]) && /href="[^"]*\/media\/usageReport\.css"/.test(links[0]), links[0]);

  // Nothing inline, nothing remote.
  assert.ok(!/\son[a-z]+\s*=/i.test(html), 'no inline event handlers');
  assert.ok(!/\sstyle\s*=|<style\b/i.test(html), 'no inline styles');
  assert.ok(!/javascript:/i.test(html));
  const allowed = cspSources.filter(s => /^https?:\/\//.test(s)).map(s => new RegExp(`^${s.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(?:/|$)`));
  const urls = html.match(/https?:\/\/[^\s"'<>;]+/g) ?? [];
  for (const u of urls) assert.ok(allowed.some(a => a.test(u)), `a URL outside the webview's own source: ${u} (allowed: ${cspSources.join(' ')})`);
  return nonce;
}
