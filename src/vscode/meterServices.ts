// Metering on the VS Code side: creates the meter of each edit, appends every request to the
// ledger in the extension's global storage (also failed and cancelled ones), records the review's
// outcome, keeps the period totals, and checks the budgets.
import * as vscode from 'vscode';
import { randomUUID } from 'crypto';
import type { ProviderId, UsageDialect } from '../core/model/providers';
import type { ChatMessage } from '../core/model/modelClient';
import { CostLedger, Outcome } from '../core/metering/costLedger';
import { lookupPrice, PriceOverride, validPriceOverride } from '../core/metering/prices';
import { defaultCountTokens } from '../core/metering/speedMeter';
import { EditMeter, StreamOutcome } from '../core/metering/editMeter';
import { BudgetLimits, budgetState, BudgetState, describeBudgetLine } from '../core/metering/budget';
import { Log } from './log';
import { SpendTracker } from './spendTracker';
import type { SessionManager } from './sessionManager';

export class MeterServices implements vscode.Disposable {
  readonly ledger: CostLedger;
  readonly spend: SpendTracker;
  /** Meters of streams still running (the status bar aggregates them). */
  readonly live = new Set<EditMeter>();
  /** The last stream that ended, and when. */
  last: { meter: EditMeter; at: number } | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  /** A stream started or ended, an outcome or a total changed. */
  readonly onDidUpdate = this.emitter.event;
  private writes: Promise<void> = Promise.resolve();
  private warnedFor = '';
  private readonly subs: vscode.Disposable[] = [];

  constructor(context: vscode.ExtensionContext, private readonly log: Log, sessions: SessionManager) {
    this.ledger = new CostLedger(vscode.Uri.joinPath(context.globalStorageUri, 'ledger.jsonl').fsPath, m => log.warn(`Ledger: ${m}`));
    this.spend = new SpendTracker(this.ledger, log, () => this.emitter.fire());
    this.subs.push(
      this.emitter,
      sessions.onDidRetire(s => {
        const { acceptedHunks: a, rejectedHunks: r } = s.model;
        if (a + r > 0) this.resolved(s.meter, a && r ? 'partial' : a ? 'accepted' : 'rejected');
      }),
      // Another window may have spent meanwhile.
      vscode.window.onDidChangeWindowState(w => { if (w.focused) void this.spend.reload(); }),
    );
  }

  create(o: { provider: ProviderId; model: string; dialect: UsageDialect; language: string; messages: readonly ChatMessage[] }): EditMeter {
    const meter = new EditMeter({
      requestId: randomUUID(),
      provider: o.provider,
      model: o.model,
      dialect: o.dialect,
      language: o.language,
      price: lookupPrice(o.provider, o.model, priceOverrides()),
      estimateInput: () => o.messages.reduce((n, m) => n + defaultCountTokens(m.content) + 4, 0),
    });
    this.live.add(meter);
    this.emitter.fire();
    return meter;
  }

  /** The stream ended: the request goes into the ledger now, whatever happens next. */
  streamEnded(meter: EditMeter, outcome: StreamOutcome): void {
    this.live.delete(meter);
    const entry = meter.finish(outcome);
    this.spend.add(entry);
    this.last = { meter, at: Date.now() };
    this.enqueue(() => this.ledger.append(entry));
    this.emitter.fire();
    this.warnIfNearBudget();
  }

  /** The review ended: accepted, rejected, or some of each. */
  resolved(meter: EditMeter, outcome: Outcome): void {
    this.spend.add(meter.ledgerEntry(outcome));
    this.enqueue(() => this.ledger.updateOutcome(meter.opts.requestId, outcome));
    this.emitter.fire();
  }

  budget(): BudgetState {
    const p = this.spend.periods();
    const config = vscode.workspace.getConfiguration('fastInline.budget');
    const limits: BudgetLimits = { daily: config.get<number>('daily', 0), monthly: config.get<number>('monthly', 0) };
    return budgetState(p.today, p.month, limits);
  }

  /** Once per period: a heads-up when spending crosses 80% of a budget. */
  private warnIfNearBudget(): void {
    const state = this.budget();
    const worst = state.worst;
    if (!worst || state.level === 'ok') return;
    const key = `${worst.period}:${new Date().toDateString()}:${state.level}`;
    if (this.warnedFor === key) return;
    this.warnedFor = key;
    const message = state.level === 'over'
      ? `Fast Inline: ${describeBudgetLine(worst)}. New requests will ask before they are sent.`
      : `Fast Inline: ${describeBudgetLine(worst)}.`;
    void vscode.window.showWarningMessage(message, 'Show Usage').then(a => a && vscode.commands.executeCommand('fastInline.showUsage'));
  }

  /** Ledger writes in order; a failed write is logged, never fatal. */
  private enqueue(write: () => Promise<void>): void {
    this.writes = this.writes.then(write).catch(e => this.log.error(`Ledger write failed: ${(e as Error).message}`));
  }

  /** Resolves when every queued ledger write is on disk. */
  flushed(): Promise<void> {
    return this.writes;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

export function priceOverrides(): Record<string, PriceOverride> {
  const raw = vscode.workspace.getConfiguration('fastInline').get<Record<string, unknown>>('pricing', {});
  const out: Record<string, PriceOverride> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    const valid = validPriceOverride(value);
    if (valid) out[key] = valid;
  }
  return out;
}
