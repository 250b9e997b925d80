// The cost ledger: every request the extension makes, one JSON line each, append-only. Shared by
// every VS Code window (each a separate process), so an append is ONE write of ONE complete line
// through O_APPEND — the kernel puts each write at the end of the file, whole, and two writers
// never interleave inside a line. The file is never rewritten: a later outcome (accepted /
// rejected after review) is a small correction line folded in by read(). A damaged line (torn by a
// crash, hand-edited, unknown version) is skipped and logged, never fatal.
// Pure Node (fs, path): no `vscode` import.
import { promises as fs } from 'fs';
import * as path from 'path';

export type Outcome = 'accepted' | 'rejected' | 'partial' | 'cancelled' | 'error' | 'pending';

export interface LedgerEntry {
  v: 1;
  /** ISO 8601. */
  time: string;
  provider: string;
  model: string;
  input: number;
  cachedInput: number;
  output: number;
  reasoning: number;
  estimated: boolean;
  /** null = unknown price. */
  costUsd: number | null;
  savingsUsd: number;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  durationMs: number;
  outcome: Outcome;
  language: string;
  requestId: string;
}

/** A later outcome for an earlier request (never rewrites the original line). */
interface OutcomeCorrection {
  v: 1;
  requestId: string;
  outcome: Outcome;
  time: string;
}

const OUTCOMES: ReadonlySet<string> = new Set<Outcome>(['accepted', 'rejected', 'partial', 'cancelled', 'error', 'pending']);
/** Logged skipped lines per read (then one summary), so a badly damaged file cannot flood the log. */
const MAX_SKIP_LOGS = 5;
/** read() yields to the event loop after this many lines. */
const YIELD_EVERY = 8192;
/** How every entry line we write starts (clean() fixes the key order). */
const ENTRY_PREFIX = '{"v":1,"time":"';

/** Canonical toISOString() form ("2026-11-18T14:00:00.000Z"): compares as a string. */
function isIsoZ(t: string): boolean {
  return t.length === 24 && t.charCodeAt(23) === 90 /* Z */ && t.charCodeAt(10) === 84 /* T */ && t.charCodeAt(19) === 46 /* . */;
}

/** Is `time` at or after the bound? Unparseable times are not. */
function atOrAfter(time: string, boundIso: string, boundMs: number): boolean {
  return isIsoZ(time) ? time >= boundIso : Date.parse(time) >= boundMs;
}

/** Is `time` surely before the bound (string compare when canonical ISO, else Date.parse)? */
function isBefore(time: string, boundIso: string, boundMs: number): boolean {
  if (isIsoZ(time)) return time < boundIso;
  return Date.parse(time) < boundMs; // NaN (unparseable) → false: parse the line and let it be judged
}

export class CostLedger {
  constructor(
    readonly file: string,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}

  /** Appends one entry as one line. Creates the folder. */
  async append(entry: LedgerEntry): Promise<void> {
    await this.appendLine(JSON.stringify(clean(entry)));
  }

  /** Records a later outcome for `requestId` as a correction line; read() folds it in. */
  async updateOutcome(requestId: string, outcome: Outcome): Promise<void> {
    if (!OUTCOMES.has(outcome)) throw new Error(`Unknown outcome: ${String(outcome)}`);
    const c: OutcomeCorrection = { v: 1, requestId: String(requestId), outcome, time: new Date().toISOString() };
    await this.appendLine(JSON.stringify(c));
  }

  /**
   * All entries in file order with corrections applied (the last correction for a request wins,
   * wherever it sits in the file). `skipped` counts damaged lines; each is logged (up to a few).
   * A missing file is an empty ledger.
   *
   * `since` (optional) keeps only entries at or after that time, and skips the older lines
   * without parsing them (our lines start with `{"v":1,"time":"…"`): day/week/month totals then
   * cost only the current month. Parsing yields to the event loop every few thousand lines so a
   * large ledger never blocks the extension host for long.
   */
  async read(since?: Date): Promise<{ entries: LedgerEntry[]; skipped: number }> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: 0 };
      throw err;
    }
    const sinceMs = since ? since.getTime() : undefined;
    const sinceIso = since && !Number.isNaN(sinceMs) ? since.toISOString() : undefined;
    const entries: LedgerEntry[] = [];
    const corrections = new Map<string, Outcome>();
    let skipped = 0;
    let lineNo = 0;
    let start = 0;
    while (start < text.length) {
      if (lineNo % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((resolve) => setImmediate(resolve));
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      lineNo++;
      const lineStart = start;
      start = end + 1;
      if (sinceIso !== undefined && text.startsWith(ENTRY_PREFIX, lineStart)) {
        const t = text.slice(lineStart + ENTRY_PREFIX.length, lineStart + ENTRY_PREFIX.length + 24);
        if (isBefore(t, sinceIso, sinceMs!)) continue;
      }
      const line = text.slice(lineStart, end);
      // Blank (e.g. the '\n' that closed a torn line); our lines start with '{'.
      if (line.length === 0 || (line.charCodeAt(0) !== 123 && line.trim() === '')) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (isEntry(value)) {
        if (sinceIso === undefined || atOrAfter(value.time, sinceIso, sinceMs!)) entries.push(value);
      } else if (isCorrection(value)) {
        corrections.set(value.requestId, value.outcome);
      } else {
        skipped++;
        if (skipped <= MAX_SKIP_LOGS) {
          const shown = line.length > 80 ? `${line.slice(0, 80)}…` : line;
          // An unterminated last line is either torn by a crash or another window's append in flight.
          const what = end === text.length ? 'incomplete last line (torn, or still being written)' : 'damaged line';
          this.log(`Cost ledger ${this.file}: skipped ${what} ${lineNo}: ${shown}`);
        }
      }
    }
    if (skipped > MAX_SKIP_LOGS) this.log(`Cost ledger ${this.file}: ${skipped} damaged lines skipped in all.`);
    if (corrections.size > 0) {
      for (const e of entries) {
        const o = corrections.get(e.requestId);
        if (o !== undefined) e.outcome = o;
      }
    }
    return { entries, skipped };
  }

  /**
   * One write() of one complete line on an O_APPEND descriptor. If the file does not end with
   * '\n' (a previous writer crashed mid-line), the line starts with '\n' so the torn line stays
   * alone and damaged and ours stays whole.
   */
  private async appendLine(json: string): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const handle = await fs.open(this.file, 'a+');
    try {
      const prefix = (await endsTorn(handle)) ? '\n' : '';
      const data = Buffer.from(`${prefix}${json}\n`, 'utf8');
      let off = 0;
      // A regular-file write is not split in practice; the loop only guards against a short write.
      while (off < data.length) {
        const { bytesWritten } = await handle.write(data, off, data.length - off);
        off += bytesWritten;
      }
    } finally {
      await handle.close();
    }
  }
}

/**
 * Does the file end inside a line? Another process's append can be caught half-copied (the size
 * grows page by page), so a missing '\n' is only believed if it is still missing a moment later:
 * a torn line stays torn, a write in flight completes within microseconds. (Were both to race
 * anyway, the cost is one blank line, which read() ignores.)
 */
async function endsTorn(handle: fs.FileHandle): Promise<boolean> {
  const last = Buffer.alloc(1);
  for (let attempt = 0; ; attempt++) {
    const { size } = await handle.stat();
    if (size === 0) return false;
    await handle.read(last, 0, 1, size - 1);
    if (last[0] === 0x0a) return false;
    if (attempt === 2) return true;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

// ── Shapes ──────────────────────────────────────────────────────────────────────────────────────

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown) => v === null || num(v);

function isEntry(v: unknown): v is LedgerEntry {
  if (v === null || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return e.v === 1
    && typeof e.time === 'string' && typeof e.provider === 'string' && typeof e.model === 'string'
    && num(e.input) && num(e.cachedInput) && num(e.output) && num(e.reasoning)
    && typeof e.estimated === 'boolean'
    && numOrNull(e.costUsd) && num(e.savingsUsd) && numOrNull(e.ttftMs) && numOrNull(e.tokensPerSecond)
    && num(e.durationMs) && typeof e.outcome === 'string' && OUTCOMES.has(e.outcome)
    && typeof e.language === 'string' && typeof e.requestId === 'string';
}

function isCorrection(v: unknown): v is OutcomeCorrection {
  if (v === null || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  return c.v === 1 && typeof c.requestId === 'string' && typeof c.outcome === 'string' && OUTCOMES.has(c.outcome)
    && c.provider === undefined;
}

/** The entry as written: known fields only, in a fixed order; NaN / Infinity → 0 or null. */
function clean(e: LedgerEntry): LedgerEntry {
  const n = (v: number) => (Number.isFinite(v) ? v : 0);
  const nn = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
  return {
    v: 1,
    time: String(e.time),
    provider: String(e.provider),
    model: String(e.model),
    input: n(e.input),
    cachedInput: n(e.cachedInput),
    output: n(e.output),
    reasoning: n(e.reasoning),
    estimated: Boolean(e.estimated),
    costUsd: nn(e.costUsd),
    savingsUsd: n(e.savingsUsd),
    ttftMs: nn(e.ttftMs),
    tokensPerSecond: nn(e.tokensPerSecond),
    durationMs: n(e.durationMs),
    outcome: OUTCOMES.has(e.outcome) ? e.outcome : 'pending',
    language: String(e.language),
    requestId: String(e.requestId),
  };
}

// ── Totals ──────────────────────────────────────────────────────────────────────────────────────

export interface Totals {
  costUsd: number;
  savingsUsd: number;
  requests: number;
  input: number;
  cachedInput: number;
  output: number;
  reasoning: number;
  /** Requests whose cost is unknown (no price): not in costUsd, shown separately. */
  unknownCost: number;
}

/** Totals of every request (whatever its outcome: a rejected edit was still billed) at or after `since`. */
export function totalsSince(entries: readonly LedgerEntry[], since: Date): Totals {
  const t: Totals = { costUsd: 0, savingsUsd: 0, requests: 0, input: 0, cachedInput: 0, output: 0, reasoning: 0, unknownCost: 0 };
  const from = since.getTime();
  if (Number.isNaN(from)) return t;
  const fromIso = since.toISOString();
  for (const e of entries) {
    const time = e.time;
    if (!atOrAfter(time, fromIso, from)) continue; // also skips unparseable times
    t.requests++;
    t.input += e.input;
    t.cachedInput += e.cachedInput;
    t.output += e.output;
    t.reasoning += e.reasoning;
    t.savingsUsd += e.savingsUsd;
    if (e.costUsd === null) t.unknownCost++;
    else t.costUsd += e.costUsd;
  }
  return t;
}

/** Starts of today, this week (Monday) and this month, at local midnight. */
export function periodStarts(now: Date): { day: Date; week: Date; month: Date } {
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  const sinceMonday = (now.getDay() + 6) % 7; // getDay: 0 = Sunday
  return {
    day: new Date(y, m, d),
    week: new Date(y, m, d - sinceMonday),
    month: new Date(y, m, 1),
  };
}
