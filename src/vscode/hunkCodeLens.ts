// CodeLens above each hunk: Accept | Reject, with this edit's cost, speed and time to first
// token beside them — the price of a change is shown where the decision is made. While a session
// streams, one lens shows its live speed and how to stop it.
import * as vscode from 'vscode';
import { SessionManager } from './sessionManager';

/** While streaming the live figures are in the status bar; the lens (a layout change in the editor) refreshes less often. */
const LENS_REFRESH_STREAMING_MS = 1000;
const LENS_REFRESH_MS = 100;

export class HunkCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly sub: vscode.Disposable;
  private lastShape = '';

  constructor(private readonly sessions: SessionManager) {
    // Throttled: a stream changes the sessions dozens of times a second; lenses need not. A change
    // of shape (a stream ended, a hunk resolved) is shown quickly, live figures once a second.
    this.sub = sessions.onDidChange(() => {
      const shape = this.shape();
      const changed = shape !== this.lastShape;
      this.lastShape = shape;
      if (changed && this.timer) { clearTimeout(this.timer); this.timer = undefined; }
      this.timer ??= setTimeout(() => { this.timer = undefined; this.emitter.fire(); }, changed ? LENS_REFRESH_MS : LENS_REFRESH_STREAMING_MS);
    });
  }

  /** Sessions, their states and hunk counts: what decides which lenses exist. */
  private shape(): string {
    return this.sessions.all().map(c => c.sessions.map(s => `${s.id}:${s.state}:${s.state === 'streaming' ? 0 : s.model.hunks().length}`).join(',')).join(';');
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const c = this.sessions.find(document.uri.toString());
    if (!c) return [];
    const uri = document.uri.toString();
    const lenses: vscode.CodeLens[] = [];
    for (const s of c.sessions) {
      const at = (line: number) => new vscode.Range(Math.min(line, document.lineCount - 1), 0, Math.min(line, document.lineCount - 1), 0);
      const stats = s.meter.summary();
      if (s.streaming) {
        const range = at(s.startLine);
        lenses.push(new vscode.CodeLens(range, { title: `$(loading~spin) Fast Inline${stats ? ` · ${stats}` : ''}`, command: '' }));
        lenses.push(new vscode.CodeLens(range, { title: 'Cancel (Esc)', command: 'fastInline.cancel' }));
        continue;
      }
      const hunks = s.model.hunks();
      hunks.forEach((h, i) => {
        const line = s.startLine + h.start;
        const range = at(line);
        const args = { uri, line };
        lenses.push(new vscode.CodeLens(range, { title: '$(check) Accept', tooltip: 'Keep this change (Ctrl+Alt+Y at the cursor)', command: 'fastInline.acceptHunk', arguments: [args] }));
        lenses.push(new vscode.CodeLens(range, { title: '$(close) Reject', tooltip: 'Drop this change (Ctrl+Alt+N at the cursor)', command: 'fastInline.rejectHunk', arguments: [args] }));
        if (i === 0 && hunks.length > 1) {
          lenses.push(new vscode.CodeLens(range, { title: `Accept All (${hunks.length})`, command: 'fastInline.acceptAll', arguments: [{ uri }] }));
          lenses.push(new vscode.CodeLens(range, { title: 'Reject All', command: 'fastInline.rejectAll', arguments: [{ uri }] }));
        }
        if (i === 0 && stats) {
          // An unknown price is one click away from known.
          const unknown = s.meter.finished && s.meter.current().cost.usd === undefined;
          lenses.push(new vscode.CodeLens(range, unknown
            ? { title: `${stats} · Set price…`, tooltip: s.meter.tooltip(), command: 'fastInline.setPrice' }
            : { title: stats, tooltip: s.meter.tooltip(), command: '' }));
        }
      });
    }
    return lenses;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.sub.dispose();
    this.emitter.dispose();
  }
}
