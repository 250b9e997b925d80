// The status bar item: live tok/s, TTFT and running cost while streaming (at most 4 updates a
// second), the last edit's final figures for a few seconds after, then the model and today's
// spend. Warning / error colours at 80% / 100% of a budget. Click: the usage report.
import * as vscode from 'vscode';
import { statusView, StatusView, LiveFigures, EditFigures } from '../core/metering/statusView';
import { EditMeter } from '../core/metering/editMeter';
import { MeterServices } from './meterServices';
import { readSettings } from './config';

const LIVE_REFRESH_MS = 250;
export const JUST_FINISHED_MS = 6000;

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('fastInline.status', vscode.StatusBarAlignment.Right, 100);
  private liveTimer: ReturnType<typeof setInterval> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subs: vscode.Disposable[] = [];
  /** What is shown now (the test API reads it). */
  view: StatusView | undefined;

  constructor(private readonly meters: MeterServices) {
    this.item.name = 'Fast Inline';
    this.item.command = 'fastInline.showUsage';
    this.subs.push(
      meters.onDidUpdate(() => this.onMetersChanged()),
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration('fastInline')) this.render(); }),
    );
    this.render();
    this.item.show();
  }

  private onMetersChanged(): void {
    if (this.meters.live.size > 0 && !this.liveTimer) {
      this.liveTimer = setInterval(() => this.render(), LIVE_REFRESH_MS);
    } else if (this.meters.live.size === 0 && this.liveTimer) {
      clearInterval(this.liveTimer);
      this.liveTimer = undefined;
    }
    if (this.meters.live.size === 0 && this.meters.last) {
      // Back to the idle line once the just-finished figures have been seen.
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => this.render(), JUST_FINISHED_MS + 50);
    }
    this.render();
  }

  render(): void {
    const last = this.meters.last;
    this.view = statusView({
      model: readSettings().model,
      live: liveFigures([...this.meters.live]),
      last: last && editFigures(last.meter),
      justFinished: !!last && Date.now() - last.at < JUST_FINISHED_MS,
      periods: this.meters.spend.periods(),
      budget: this.meters.budget(),
    });
    this.item.text = this.view.text;
    this.item.tooltip = new vscode.MarkdownString(this.view.tooltip);
    this.item.backgroundColor = this.view.level === 'over' ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : this.view.level === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    if (this.liveTimer) clearInterval(this.liveTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }
}

/** Several streams at once: their speeds add up, their costs add up, TTFT of the newest. */
function liveFigures(meters: EditMeter[]): LiveFigures | undefined {
  if (meters.length === 0) return undefined;
  let tps: number | undefined;
  let cost: number | undefined;
  let ttft: number | undefined;
  for (const m of meters) {
    const r = m.reading();
    if (r.liveTokensPerSecond !== undefined) tps = (tps ?? 0) + r.liveTokensPerSecond;
    const usd = m.current().cost.usd;
    if (usd !== undefined) cost = (cost ?? 0) + usd;
    if (r.ttftMs !== undefined) ttft = r.ttftMs;
  }
  return { count: meters.length, tokensPerSecond: tps, ttftMs: ttft, costUsd: cost };
}

function editFigures(meter: EditMeter): EditFigures {
  const { usage, cost } = meter.current();
  const r = meter.reading();
  return {
    model: meter.opts.model, input: usage.input, cachedInput: usage.cachedInput, output: usage.output,
    reasoning: usage.reasoning, estimated: usage.estimated || cost.estimated, costUsd: cost.usd, savingsUsd: cost.savingsUsd,
    ttftMs: r.ttftMs, tokensPerSecond: r.finalTokensPerSecond ?? r.liveTokensPerSecond,
  };
}
