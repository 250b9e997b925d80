// The usage report's numbers: one pass over the ledger's entries into the small summary the
// webview draws (totals, spend per local day, a row per model, a sample of tokens/s over time),
// and the ledger as CSV for the Export button.
//
// Fast on large ledgers (100,000 entries in a few tens of ms): ledger times are canonical
// `toISOString()` strings, which sort as strings, so days and periods are found by comparing the
// entry's time with the ISO form of the local-midnight boundaries — no Date.parse per entry. Only
// a time in another form is parsed; an unparseable time still counts in the all-time totals but
// in no day, period or speed point.
// Pure TypeScript: no `vscode` import (unit-tested in plain Node).
import { periodStarts } from './costLedger';
import type { LedgerEntry } from './costLedger';

/** Sums over a period (today, this week, this month). */
export interface PeriodTotals {
  costUsd: number;
  savingsUsd: number;
  requests: number;
  /** Requests of unknown price: not in costUsd. */
  unknownCost: number;
  /** Requests whose token counts (so cost) are our own estimate. */
  estimated: number;
}

export interface UsageSummary {
  generatedAt: string;
  /** Entries summarised (the ledger's valid lines). */
  entries: number;
  /** Damaged ledger lines skipped by the reader. */
  skipped: number;
  totals: {
    costUsd: number; savingsUsd: number; requests: number;
    input: number; cachedInput: number; output: number; reasoning: number;
    unknownCost: number; estimated: number;
  };
  /** Today, this week (from Monday) and this month, from local midnight; all time is `totals`. */
  periods: { today: PeriodTotals; week: PeriodTotals; month: PeriodTotals };
  /**
   * Every local day (YYYY-MM-DD) from the first entry's day to today, zero-filled, the last
   * DAYS_SHOWN days at most; empty when no entry has a time in that window.
   */
  perDay: { day: string; costUsd: number; requests: number; savingsUsd: number; unknownCost: number; estimated: number }[];
  /** One row per provider + model, by cost (then requests) descending. */
  perModel: ModelRow[];
  /** Up to SPEED_POINTS points, evenly sampled (file order) from the entries that have a speed, by time. */
  speedOverTime: { time: string; tokensPerSecond: number; model: string }[];
}

export interface ModelRow {
  provider: string;
  model: string;
  requests: number;
  input: number;
  cachedInput: number;
  output: number;
  reasoning: number;
  costUsd: number;
  unknownCost: number;
  estimated: number;
  /** Mean over the requests that have one (nulls ignored); null when none has. */
  meanTokensPerSecond: number | null;
  meanTtftMs: number | null;
  /** (accepted + ½ partial) ÷ (accepted + rejected + partial); null when none was reviewed. */
  acceptRate: number | null;
  /** cachedInput ÷ input (input includes the cached part); null when no input. */
  cacheHitRate: number | null;
}

export const DAYS_SHOWN = 90;
export const SPEED_POINTS = 500;

/** Canonical toISOString() form ("2026-11-18T14:00:00.000Z"): compares as a string. */
function isIsoZ(t: string): boolean {
  return t.length === 24 && t.charCodeAt(23) === 90 /* Z */ && t.charCodeAt(10) === 84 /* T */ && t.charCodeAt(19) === 46 /* . */;
}

/** A time in canonical ISO form, or undefined when it cannot be parsed (or is out of range). */
function canonical(t: string): string | undefined {
  if (isIsoZ(t)) return t;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms);
  // Years outside 0000–9999 give a 27-character form that does not compare with the others.
  return d.getUTCFullYear() >= 0 && d.getUTCFullYear() <= 9999 ? d.toISOString() : undefined;
}

function localDay(d: Date): string {
  const m = d.getMonth() + 1;
  const day = d.getDate();
  return `${String(d.getFullYear()).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

const period = (): PeriodTotals => ({ costUsd: 0, savingsUsd: 0, requests: 0, unknownCost: 0, estimated: 0 });

function addTo(p: PeriodTotals, e: LedgerEntry): void {
  p.requests++;
  p.savingsUsd += e.savingsUsd;
  if (e.costUsd === null) p.unknownCost++;
  else p.costUsd += e.costUsd;
  if (e.estimated) p.estimated++;
}

interface ModelAcc {
  row: ModelRow;
  tpsSum: number; tpsN: number;
  ttftSum: number; ttftN: number;
  accepted: number; rejected: number; partial: number;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function summarizeUsage(entries: readonly LedgerEntry[], skipped: number, now: Date): UsageSummary {
  const starts = periodStarts(now);
  const todayIso = starts.day.toISOString();
  const weekIso = starts.week.toISOString();
  const monthIso = starts.month.toISOString();

  // Day boundaries (local midnights, ISO), oldest first: bounds[i] ≤ time < bounds[i + 1] is day i.
  const y = now.getFullYear();
  const mo = now.getMonth();
  const d0 = now.getDate();
  const dayDates: Date[] = [];
  for (let i = DAYS_SHOWN - 1; i >= -1; i--) dayDates.push(new Date(y, mo, d0 - i));
  const bounds = dayDates.map(d => d.toISOString());
  const days = Array.from({ length: DAYS_SHOWN }, (_, i) => ({
    day: localDay(dayDates[i]), costUsd: 0, requests: 0, savingsUsd: 0, unknownCost: 0, estimated: 0,
  }));
  const windowStart = bounds[0];
  const windowEnd = bounds[DAYS_SHOWN];
  let firstDay = DAYS_SHOWN; // index of the first day that has an entry
  let curLo = '';
  let curHi = '';
  let cur = -1;

  const totals = { costUsd: 0, savingsUsd: 0, requests: 0, input: 0, cachedInput: 0, output: 0, reasoning: 0, unknownCost: 0, estimated: 0 };
  const today = period();
  const week = period();
  const month = period();
  const models = new Map<string, Map<string, ModelAcc>>();
  let lastProvider: string | undefined;
  let lastModel: string | undefined;
  let lastAcc: ModelAcc | undefined;
  const speedIdx: number[] = [];
  const speedTime: string[] = [];

  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    totals.requests++;
    totals.input += e.input;
    totals.cachedInput += e.cachedInput;
    totals.output += e.output;
    totals.reasoning += e.reasoning;
    totals.savingsUsd += e.savingsUsd;
    if (e.costUsd === null) totals.unknownCost++;
    else totals.costUsd += e.costUsd;
    if (e.estimated) totals.estimated++;

    // Per model (consecutive entries are usually the same model: skip the map lookups then).
    let acc: ModelAcc | undefined;
    if (e.provider === lastProvider && e.model === lastModel) acc = lastAcc!;
    else {
      let byModel = models.get(e.provider);
      if (!byModel) models.set(e.provider, (byModel = new Map()));
      acc = byModel.get(e.model);
      if (!acc) {
        acc = {
          row: {
            provider: e.provider, model: e.model, requests: 0, input: 0, cachedInput: 0, output: 0, reasoning: 0,
            costUsd: 0, unknownCost: 0, estimated: 0, meanTokensPerSecond: null, meanTtftMs: null, acceptRate: null, cacheHitRate: null,
          },
          tpsSum: 0, tpsN: 0, ttftSum: 0, ttftN: 0, accepted: 0, rejected: 0, partial: 0,
        };
        byModel.set(e.model, acc);
      }
      lastProvider = e.provider;
      lastModel = e.model;
      lastAcc = acc;
    }
    const r = acc.row;
    r.requests++;
    r.input += e.input;
    r.cachedInput += e.cachedInput;
    r.output += e.output;
    r.reasoning += e.reasoning;
    if (e.costUsd === null) r.unknownCost++;
    else r.costUsd += e.costUsd;
    if (e.estimated) r.estimated++;
    if (finite(e.ttftMs)) { acc.ttftSum += e.ttftMs; acc.ttftN++; }
    const tps = e.tokensPerSecond;
    if (finite(tps)) { acc.tpsSum += tps; acc.tpsN++; }
    const o = e.outcome;
    if (o === 'accepted') acc.accepted++;
    else if (o === 'rejected') acc.rejected++;
    else if (o === 'partial') acc.partial++;

    // Time: periods, day, speed point.
    const t = canonical(e.time);
    if (t === undefined) continue;
    if (t >= monthIso) {
      addTo(month, e);
      if (t >= weekIso) addTo(week, e);
      if (t >= todayIso) addTo(today, e);
    } else if (t >= weekIso) {
      addTo(week, e); // a week that began last month
      if (t >= todayIso) addTo(today, e);
    }
    if (t >= windowStart && t < windowEnd) {
      if (!(t >= curLo && t < curHi)) {
        let lo = 0;
        let hi = DAYS_SHOWN - 1;
        while (lo < hi) { // the last day whose start ≤ t
          const mid = (lo + hi + 1) >> 1;
          if (bounds[mid] <= t) lo = mid; else hi = mid - 1;
        }
        cur = lo;
        curLo = bounds[lo];
        curHi = bounds[lo + 1];
      }
      const day = days[cur];
      day.requests++;
      day.savingsUsd += e.savingsUsd;
      if (e.costUsd === null) day.unknownCost++;
      else day.costUsd += e.costUsd;
      if (e.estimated) day.estimated++;
      if (cur < firstDay) firstDay = cur;
    } else if (t < windowStart) {
      firstDay = 0; // older than the window: the chart starts at the window's first day
    }
    if (finite(tps)) { speedIdx.push(i); speedTime.push(t); }
  }

  const perModel: ModelRow[] = [];
  for (const byModel of models.values()) {
    for (const acc of byModel.values()) {
      const r = acc.row;
      r.meanTokensPerSecond = acc.tpsN ? acc.tpsSum / acc.tpsN : null;
      r.meanTtftMs = acc.ttftN ? acc.ttftSum / acc.ttftN : null;
      const reviewed = acc.accepted + acc.rejected + acc.partial;
      r.acceptRate = reviewed ? (acc.accepted + acc.partial / 2) / reviewed : null;
      r.cacheHitRate = r.input > 0 ? r.cachedInput / r.input : null;
      perModel.push(r);
    }
  }
  perModel.sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests
    || (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : 0));

  // Speed: evenly spaced over the entries that have one (first and last included), then by time.
  const n = speedIdx.length;
  const k = Math.min(n, SPEED_POINTS);
  const picks: number[] = [];
  for (let j = 0; j < k; j++) picks.push(k === 1 ? 0 : Math.round((j * (n - 1)) / (k - 1)));
  const speedOverTime = picks.map(p => {
    const e = entries[speedIdx[p]];
    return { time: speedTime[p], tokensPerSecond: e.tokensPerSecond as number, model: e.model };
  });
  speedOverTime.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));

  return {
    generatedAt: now.toISOString(),
    entries: entries.length,
    skipped,
    totals,
    periods: { today, week, month },
    perDay: firstDay < DAYS_SHOWN ? days.slice(firstDay) : [],
    perModel,
    speedOverTime,
  };
}

/** The local day key (YYYY-MM-DD) the summary files a time under. */
export { localDay as localDayKey };

// ── CSV ─────────────────────────────────────────────────────────────────────────────────────────

/** The CSV columns: every ledger field, in the ledger's order. */
export const CSV_COLUMNS = [
  'time', 'provider', 'model', 'input', 'cachedInput', 'output', 'reasoning', 'estimated', 'costUsd',
  'savingsUsd', 'ttftMs', 'tokensPerSecond', 'durationMs', 'outcome', 'language', 'requestId',
] as const satisfies readonly (keyof LedgerEntry)[];

/**
 * A text cell, RFC 4180: quoted when it holds a comma, quote, CR or LF (quotes doubled). A cell
 * that a spreadsheet would run as a formula (leading = + - @, tab or CR) gets a leading ' and
 * quotes, so opening the export can never execute ledger content (a model name is provider text).
 */
function textCell(s: string): string {
  const c = s.charCodeAt(0);
  const formula = c === 61 /* = */ || c === 43 /* + */ || c === 45 /* - */ || c === 64 /* @ */ || c === 9 || c === 13;
  if (formula) s = `'${s}`;
  if (formula || /[",\r\n]/.test(s)) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** A number cell: plain digits (numbers are never formulas); null → empty. */
function numCell(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '' : String(v);
}

/** The ledger as CSV: a header and one row per entry, CRLF line ends (RFC 4180), ending with CRLF. */
export function ledgerToCsv(entries: readonly LedgerEntry[]): string {
  const out: string[] = new Array(entries.length + 1);
  out[0] = CSV_COLUMNS.join(',');
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    out[i + 1] = [
      textCell(String(e.time)), textCell(String(e.provider)), textCell(String(e.model)),
      numCell(e.input), numCell(e.cachedInput), numCell(e.output), numCell(e.reasoning),
      e.estimated ? 'true' : 'false', numCell(e.costUsd), numCell(e.savingsUsd), numCell(e.ttftMs),
      numCell(e.tokensPerSecond), numCell(e.durationMs), textCell(String(e.outcome)), textCell(String(e.language)),
      textCell(String(e.requestId)),
    ].join(',');
  }
  return `${out.join('\r\n')}\r\n`;
}
