// The meter of one edit request: live speed while it streams, then exact tokens and cost from the
// provider's usage (or an estimate, marked ≈, when the provider sends none or the stream was cut).
// Feeds the CodeLens beside Accept/Reject, the status bar and the ledger.
import type { StreamEvent } from '../stream/events';
import type { ProviderId, UsageDialect } from '../model/providers';
import { SpeedMeter, SpeedReading } from './speedMeter';
import { normalizeUsage, Usage } from './usage';
import { Price } from './prices';
import { computeCost, Cost } from './cost';
import { LedgerEntry, Outcome } from './costLedger';

export interface EditMeterOptions {
  requestId: string;
  provider: ProviderId;
  model: string;
  dialect: UsageDialect;
  language: string;
  price: Price | undefined;
  /** Prompt tokens, estimated lazily only when the provider reports no usage. */
  estimateInput: () => number;
  now?: () => number;
  count?: (text: string) => number;
  /** A review brought back after a window reload: its request was metered before the reload. */
  restored?: boolean;
}

export type StreamOutcome = 'complete' | 'cancelled' | 'error';

export class EditMeter {
  readonly startedAt: number;
  readonly startedWall = new Date();
  private readonly speed: SpeedMeter;
  private readonly now: () => number;
  private usage: Usage | undefined;
  private final: { reading: SpeedReading; usage: Usage; cost: Cost; outcome: StreamOutcome; durationMs: number } | undefined;

  constructor(readonly opts: EditMeterOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.startedAt = this.now();
    this.speed = new SpeedMeter(this.startedAt, opts.count, opts.dialect);
  }

  onEvent(e: StreamEvent): void {
    this.speed.onEvent(e);
    if (e.kind === 'usage') this.usage = normalizeUsage(e.usage, this.opts.dialect);
  }

  get finished(): boolean {
    return this.final !== undefined;
  }

  reading(): SpeedReading {
    return this.final?.reading ?? this.speed.reading(this.now());
  }

  /** The stream ended: settle tokens and cost. Returns the ledger entry to append. */
  finish(outcome: StreamOutcome): LedgerEntry {
    if (!this.final) {
      const reading = this.speed.finish(this.now());
      const usage = this.usage ?? this.speed.usageOrEstimate(this.opts.estimateInput());
      this.final = { reading, usage, cost: computeCost(usage, this.opts.price), outcome, durationMs: this.now() - this.startedAt };
    }
    return this.ledgerEntry(this.final.outcome === 'complete' ? 'pending' : this.final.outcome === 'error' ? 'error' : 'cancelled');
  }

  /** Tokens and cost so far: exact after the provider's usage, else estimated (≈). */
  current(): { usage: Usage; cost: Cost } {
    if (this.final) return { usage: this.final.usage, cost: this.final.cost };
    const usage = this.usage ?? this.speed.usageOrEstimate(0);
    return { usage, cost: computeCost(usage, this.opts.price) };
  }

  ledgerEntry(outcome: Outcome): LedgerEntry {
    const { usage, cost } = this.current();
    const reading = this.reading();
    return {
      v: 1,
      time: this.startedWall.toISOString(),
      provider: this.opts.provider,
      model: this.opts.model,
      input: usage.input,
      cachedInput: usage.cachedInput,
      output: usage.output,
      reasoning: usage.reasoning,
      estimated: usage.estimated,
      costUsd: cost.usd ?? null,
      savingsUsd: cost.savingsUsd,
      ttftMs: reading.ttftMs ?? null,
      tokensPerSecond: reading.finalTokensPerSecond ?? reading.liveTokensPerSecond ?? null,
      durationMs: this.final?.durationMs ?? this.now() - this.startedAt,
      outcome,
      language: this.opts.language,
      requestId: this.opts.requestId,
    };
  }

  /** "$0.00025 · 612 tok/s · TTFT 190 ms" — the line shown beside Accept/Reject. */
  summary(): string | undefined {
    if (this.opts.restored) return 'restored after a restart';
    const r = this.reading();
    if (r.ttftMs === undefined && !this.final) return undefined;
    const { cost } = this.current();
    const speed = r.finalTokensPerSecond ?? r.liveTokensPerSecond;
    return [
      formatUsd(cost.usd, cost.estimated || !this.final),
      speed !== undefined ? `${Math.round(speed)} tok/s` : undefined,
      r.ttftMs !== undefined ? `TTFT ${Math.round(r.ttftMs)} ms` : undefined,
    ].filter(Boolean).join(' · ');
  }

  /** Plain-text breakdown for tooltips. */
  tooltip(): string {
    const { usage, cost } = this.current();
    const r = this.reading();
    const approx = usage.estimated ? '≈' : '';
    return [
      `${this.opts.model} (${this.opts.provider})`,
      `Input ${approx}${usage.input} tokens (${usage.cachedInput} cached) · output ${approx}${usage.output} · reasoning ${approx}${usage.reasoning}`,
      `Cost ${formatUsd(cost.usd, cost.estimated)}${cost.source === 'reported' ? ' (reported by the provider)' : ''}${cost.savingsUsd > 0 ? ` · cache saved ${formatUsd(cost.savingsUsd, false)}` : ''}`,
      `TTFT ${r.ttftMs !== undefined ? `${Math.round(r.ttftMs)} ms` : '—'} · ${r.finalTokensPerSecond !== undefined ? `${Math.round(r.finalTokensPerSecond)} tok/s` : '—'}`,
    ].join('\n');
  }
}

/** Money as users read it: enough digits to see a fraction of a cent; "—" when unknown. */
export function formatUsd(usd: number | undefined, estimated: boolean): string {
  if (usd === undefined) return '$—';
  const digits = usd === 0 ? 2 : usd < 0.001 ? 5 : usd < 0.1 ? 4 : 2;
  return `${estimated ? '≈' : ''}$${usd.toFixed(digits)}`;
}
