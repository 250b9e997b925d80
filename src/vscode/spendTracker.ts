// Today's, this week's and this month's spend, kept in memory from the ledger so the status bar
// never re-reads the file: loaded once (and again when the window regains focus, since another
// window may have spent meanwhile), then updated with each request as it is appended.
import { CostLedger, LedgerEntry, periodStarts, totalsSince } from '../core/metering/costLedger';
import { PeriodFigures } from '../core/metering/statusView';
import { Log } from './log';

export class SpendTracker {
  private entries: LedgerEntry[] = [];
  private cache: { key: string; figures: PeriodFigures } | undefined;
  private version = 0;
  ready: Promise<void>;

  constructor(private readonly ledger: CostLedger, private readonly log: Log, private readonly onChange: () => void) {
    this.ready = this.reload();
  }

  /** Re-reads the current week and month from the ledger. */
  reload(): Promise<void> {
    const { week, month } = periodStarts(new Date());
    const since = week < month ? week : month;
    this.ready = this.ledger.read(since).then(({ entries }) => {
      this.entries = entries;
      this.version++;
      this.onChange();
    }, e => this.log.warn(`Could not read the ledger: ${(e as Error).message}`));
    return this.ready;
  }

  add(entry: LedgerEntry): void {
    const i = this.entries.findIndex(e => e.requestId === entry.requestId);
    if (i >= 0) this.entries[i] = entry; else this.entries.push(entry);
    this.version++;
  }

  periods(now = new Date()): PeriodFigures {
    const { day, week, month } = periodStarts(now);
    const key = `${this.version}:${day.getTime()}`;
    if (this.cache?.key === key) return this.cache.figures;
    const monthTotals = totalsSince(this.entries, month);
    const figures: PeriodFigures = {
      today: totalsSince(this.entries, day).costUsd,
      week: totalsSince(this.entries, week).costUsd,
      month: monthTotals.costUsd,
      savingsMonth: monthTotals.savingsUsd,
      unknownCostRequests: monthTotals.unknownCost,
    };
    this.cache = { key, figures };
    return figures;
  }
}
