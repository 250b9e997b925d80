// The usage report: one webview panel (strict CSP, assets from media/, no remote content) showing
// what the ledger holds — spend per day, a row per model, tokens/s over time, cache savings — and
// exporting the ledger as CSV. The extension reads the ledger and builds the (small) summary; the
// page only draws it, with DOM APIs and textContent (never HTML from data), and reports back how
// long drawing took. Messages from the page are checked against a whitelist and only ever select
// one of our own actions.
import * as vscode from 'vscode';
import * as os from 'os';
import { randomBytes } from 'crypto';
import type { CostLedger } from '../core/metering/costLedger';
import { ledgerToCsv, localDayKey, summarizeUsage, UsageSummary } from '../core/metering/usageSummary';

export interface UsageRender {
  /** Rows of the per-model table. */
  rows: number;
  /** Bars of the spend-per-day chart. */
  days: number;
  /** Time the page took from receiving the summary to the end of drawing (layout included). */
  ms: number;
  /** Ledger entries the drawn summary covers. */
  entries: number;
}

export interface UsageReportLog {
  info(m: string): void;
  warn(m: string): void;
  error(m: string | Error): void;
}

/** Messages the page may send. Anything else is logged and dropped. */
type FromPage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'exportCsv' }
  | { type: 'rendered'; seq: number; rows: number; days: number; ms: number };

const VIEW_TYPE = 'fastInline.usageReport';
const TITLE = 'Fast Inline: Usage';

export class UsageReport implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelSubs: vscode.Disposable[] = [];
  private readonly renderEmitter = new vscode.EventEmitter<UsageRender>();
  /** Fires each time the page has drawn a summary. */
  readonly onDidRender: vscode.Event<UsageRender> = this.renderEmitter.event;
  /** Test hook: the last drawing the page reported. */
  lastRender?: UsageRender;
  /** Test hook: the HTML of the last page set (to check its CSP and tags). */
  lastHtml = '';
  /** Test hook: how many times a page loaded and asked for data (a hidden page reloads when shown). */
  pageLoads = 0;
  /** Test hook: how long the last summary took to build on the extension side. */
  lastBuild?: { readMs: number; summaryMs: number; entries: number; skipped: number };
  /** Summaries sent, by sequence number → how many entries each covered (the page echoes seq). */
  private readonly sent = new Map<number, number>();
  private seq = 0;
  private disposed = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly ledger: CostLedger,
    private readonly log: UsageReportLog,
  ) {}

  /** Opens the report, or reveals it (and refreshes its figures) when it is already open. */
  async show(): Promise<void> {
    if (this.disposed) return;
    if (this.panel) {
      // A hidden page is reloaded when shown (its context is not retained) and asks for data
      // itself; a visible one is refreshed in place.
      const visible = this.panel.visible;
      this.panel.reveal();
      if (visible) await this.refresh();
      return;
    }
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, TITLE, vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'icon.png');
    this.panel = panel;
    this.panelSubs = [
      panel.webview.onDidReceiveMessage(m => this.onMessage(m)),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        this.panelSubs.forEach(s => s.dispose());
        this.panelSubs = [];
        this.sent.clear();
      }),
    ];
    // The page asks for the data ('ready') once its script runs — also after it was hidden and
    // shown again, since its context is not retained — so no message can arrive before it listens.
    this.setHtml(panel);
  }

  /**
   * Writes the whole ledger as CSV (header + one row per entry) to `target`. Returns the rows
   * written (entries, header excluded). Used by the page's Export button and by tests.
   */
  async exportCsv(target: vscode.Uri): Promise<number> {
    const { entries } = await this.ledger.read();
    await vscode.workspace.fs.writeFile(target, Buffer.from(ledgerToCsv(entries), 'utf8'));
    this.log.info(`Usage report: exported ${entries.length} ledger entries to ${target.fsPath || target.toString()}.`);
    return entries.length;
  }

  dispose(): void {
    this.disposed = true;
    this.panel?.dispose();
    this.panel = undefined;
    this.renderEmitter.dispose();
  }

  // ── Page ────────────────────────────────────────────────────────────────────────────────────

  private setHtml(panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const html = usageReportHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'usageReport.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'usageReport.css')).toString(),
    });
    this.lastHtml = html;
    webview.html = html;
  }

  private onMessage(raw: unknown): void {
    const m = parseMessage(raw);
    if (!m) {
      this.log.warn(`Usage report: ignored an unexpected message from the page: ${preview(raw)}`);
      return;
    }
    switch (m.type) {
      case 'ready':
        this.pageLoads++;
        void this.refresh();
        return;
      case 'refresh':
        void this.refresh();
        return;
      case 'exportCsv':
        void this.exportInteractive();
        return;
      case 'rendered': {
        const entries = this.sent.get(m.seq);
        if (entries === undefined) return; // a summary of a page since replaced
        const r: UsageRender = { rows: m.rows, days: m.days, ms: m.ms, entries };
        this.lastRender = r;
        this.log.info(`Usage report: drew ${entries} entries (${r.rows} models, ${r.days} days) in ${r.ms.toFixed(1)} ms.`);
        this.renderEmitter.fire(r);
        return;
      }
    }
  }

  /** Reads the ledger, summarises it and sends it to the page (if the page is still there). */
  private async refresh(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const seq = ++this.seq;
    let summary: UsageSummary;
    try {
      const t0 = performance.now();
      const { entries, skipped } = await this.ledger.read();
      const t1 = performance.now();
      summary = summarizeUsage(entries, skipped, new Date());
      const t2 = performance.now();
      this.lastBuild = { readMs: t1 - t0, summaryMs: t2 - t1, entries: entries.length, skipped };
    } catch (e) {
      this.log.error(`Usage report: could not read the ledger: ${(e as Error).message}`);
      if (this.panel === panel) await post(panel, { type: 'status', kind: 'error', text: `Could not read the usage ledger: ${(e as Error).message}` });
      return;
    }
    if (this.panel !== panel || seq !== this.seq) return; // closed, or a newer refresh is under way
    this.sent.set(seq, summary.entries);
    for (const k of this.sent.keys()) if (k < seq - 8) this.sent.delete(k);
    await post(panel, { type: 'summary', seq, summary });
  }

  /** The Export CSV button: asks where, then writes. */
  private async exportInteractive(): Promise<void> {
    const name = `fast-inline-usage-${localDayKey(new Date())}.csv`;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder, name),
      filters: { 'CSV': ['csv'] },
      saveLabel: 'Export',
      title: 'Export Fast Inline usage as CSV',
    });
    if (!target) return;
    const status = (kind: 'info' | 'error', text: string) => this.panel && post(this.panel, { type: 'status', kind, text });
    try {
      const rows = await this.exportCsv(target);
      await status('info', `Exported ${rows} ${rows === 1 ? 'request' : 'requests'} to ${target.fsPath || target.toString()}.`);
    } catch (e) {
      this.log.error(`Usage report: CSV export to ${target.toString()} failed: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(`Fast Inline: exporting the usage CSV failed: ${(e as Error).message}`);
      await status('error', `Export failed: ${(e as Error).message}`);
    }
  }
}

/** Posts to the page; a page closed meanwhile is not an error. */
async function post(panel: vscode.WebviewPanel, message: unknown): Promise<void> {
  try {
    await panel.webview.postMessage(message);
  } catch {
    // Disposed between the check and the post: nothing to show it in.
  }
}

// ── Pure parts (no panel needed) ──────────────────────────────────────────────────────────────

/** The page: static markup only (no data), one nonce'd external script, one stylesheet. */
export function usageReportHtml(o: { cspSource: string; nonce: string; scriptUri: string; styleUri: string }): string {
  const csp = [
    `default-src 'none'`,
    `img-src ${o.cspSource} data:`,
    `style-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
    `font-src ${o.cspSource}`,
  ].join('; ');
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(o.styleUri)}">
<title>${TITLE}</title>
</head>
<body>
<header class="top">
<h1>Fast Inline usage</h1>
<div class="actions">
<button id="refresh" type="button" class="secondary">Refresh</button>
<button id="export" type="button">Export CSV</button>
</div>
</header>
<p id="status" class="status" role="status" aria-live="polite">Loading the usage ledger…</p>
<main id="report" hidden>
<section aria-labelledby="h-spend"><h2 id="h-spend">Spend</h2><div id="headline" class="cards"></div><p id="notes" class="notes"></p></section>
<section aria-labelledby="h-days"><h2 id="h-days">Spend per day</h2><div id="days" class="chart"></div></section>
<section aria-labelledby="h-models"><h2 id="h-models">Per model</h2><div id="models" class="table-wrap"></div></section>
<section aria-labelledby="h-speed"><h2 id="h-speed">Tokens per second over time</h2><div id="speed" class="chart"></div></section>
</main>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>`;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** Validates a message from the page: a whitelisted type with well-formed fields, or undefined. */
export function parseMessage(raw: unknown): FromPage | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'refresh':
    case 'exportCsv':
      return { type: m.type };
    case 'rendered':
      return isCount(m.seq) && Number.isInteger(m.seq) && isCount(m.rows) && Number.isInteger(m.rows)
        && isCount(m.days) && Number.isInteger(m.days) && isCount(m.ms)
        ? { type: 'rendered', seq: m.seq, rows: m.rows, days: m.days, ms: m.ms }
        : undefined;
    default:
      return undefined;
  }
}

function preview(raw: unknown): string {
  let s: string;
  try { s = JSON.stringify(raw) ?? String(raw); } catch { s = String(raw); }
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}
