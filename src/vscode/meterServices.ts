// Metering on the VS Code side: creates the meter of each edit, appends every request to the
// ledger in the extension's global storage (also failed and cancelled ones), and records the
// review's outcome when the user accepts or rejects.
import * as vscode from 'vscode';
import { randomUUID } from 'crypto';
import type { ProviderId, UsageDialect } from '../core/model/providers';
import type { ChatMessage } from '../core/model/modelClient';
import { CostLedger, Outcome } from '../core/metering/costLedger';
import { lookupPrice, PriceOverride, validPriceOverride } from '../core/metering/prices';
import { defaultCountTokens } from '../core/metering/speedMeter';
import { EditMeter, StreamOutcome } from '../core/metering/editMeter';
import { Log } from './log';
import type { SessionManager } from './sessionManager';

export class MeterServices implements vscode.Disposable {
  readonly ledger: CostLedger;
  /** Meters of streams still running (the status bar aggregates them). */
  readonly live = new Set<EditMeter>();
  private readonly emitter = new vscode.EventEmitter<EditMeter | undefined>();
  readonly onDidUpdate = this.emitter.event;
  private writes: Promise<void> = Promise.resolve();

  private readonly sub: vscode.Disposable;

  constructor(context: vscode.ExtensionContext, private readonly log: Log, sessions: SessionManager) {
    this.ledger = new CostLedger(vscode.Uri.joinPath(context.globalStorageUri, 'ledger.jsonl').fsPath, m => log.warn(`Ledger: ${m}`));
    this.sub = sessions.onDidRetire(s => {
      const { acceptedHunks: a, rejectedHunks: r } = s.model;
      if (a + r > 0) this.resolved(s.meter, a && r ? 'partial' : a ? 'accepted' : 'rejected');
    });
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
    return meter;
  }

  /** The stream ended: the request goes into the ledger now, whatever happens next. */
  streamEnded(meter: EditMeter, outcome: StreamOutcome): void {
    this.live.delete(meter);
    const entry = meter.finish(outcome);
    this.enqueue(() => this.ledger.append(entry));
    this.emitter.fire(meter);
  }

  /** The review ended: accepted, rejected, or some of each. */
  resolved(meter: EditMeter, outcome: Outcome): void {
    this.enqueue(() => this.ledger.updateOutcome(meter.opts.requestId, outcome));
    this.emitter.fire(meter);
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
    this.sub.dispose();
    this.emitter.dispose();
  }
}

function priceOverrides(): Record<string, PriceOverride> {
  const raw = vscode.workspace.getConfiguration('fastInline').get<Record<string, unknown>>('pricing', {});
  const out: Record<string, PriceOverride> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    const valid = validPriceOverride(value);
    if (valid) out[key] = valid;
  }
  return out;
}
