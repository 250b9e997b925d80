// The usage report's numbers (summarizeUsage) and the CSV export (ledgerToCsv); plus a static check
// of the report page's script (text only, never HTML from data).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { LedgerEntry } from '../../src/core/metering/costLedger';
import { periodStarts } from '../../src/core/metering/costLedger';
import { CSV_COLUMNS, DAYS_SHOWN, ledgerToCsv, localDayKey, SPEED_POINTS, summarizeUsage } from '../../src/core/metering/usageSummary';

let seq = 0;
function entry(over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    v: 1, time: '2026-11-18T14:00:00.000Z', provider: 'xai', model: 'grok-code-fast-1',
    input: 200, cachedInput: 150, output: 30, reasoning: 100, estimated: false,
    costUsd: 0.001, savingsUsd: 0.0001, ttftMs: 200, tokensPerSecond: 180,
    durationMs: 900, outcome: 'accepted', language: 'typescript', requestId: `req-${++seq}`,
    ...over,
  };
}

/** Local time → the ledger's ISO form. */
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

/** Runs `fn` in another time zone (Node re-reads TZ when it is assigned). */
function inZone<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.TZ; else process.env.TZ = before;
  }
}

const close = (a: number | null, b: number, what: string) => {
  assert.ok(a !== null && Math.abs(a - b) < 1e-9, `${what}: ${a} ≠ ${b}`);
};

describe('usage summary: per day', () => {
  it('zero-fills every day from the first entry to today', () => {
    const now = new Date(2026, 10, 18, 15, 0);
    const s = summarizeUsage([
      entry({ time: at(2026, 11, 13), costUsd: 0.5 }),
      entry({ time: at(2026, 11, 13, 23, 59), costUsd: 0.25, savingsUsd: 0.01 }),
      entry({ time: at(2026, 11, 16, 0, 0), costUsd: 1 }),
    ], 0, now);
    assert.deepStrictEqual(s.perDay.map(d => d.day), ['2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18']);
    assert.deepStrictEqual(s.perDay.map(d => d.requests), [2, 0, 0, 1, 0, 0]);
    close(s.perDay[0].costUsd, 0.75, 'day 1 cost');
    close(s.perDay[0].savingsUsd, 0.0101, 'day 1 savings');
    assert.strictEqual(s.perDay[1].costUsd, 0);
    close(s.perDay[3].costUsd, 1, 'day 4 cost');
  });

  it('buckets by LOCAL day, across a daylight-saving change (New York, 8 March 2026 has 23 hours)', () => {
    inZone('America/New_York', () => {
      const now = new Date(2026, 2, 10, 12, 0); // 10 March, local
      const s = summarizeUsage([
        entry({ time: '2026-03-08T04:59:59.999Z', costUsd: 1 }), // 7 March 23:59:59.999 EST
        entry({ time: '2026-03-08T05:00:00.000Z', costUsd: 2 }), // 8 March 00:00 EST
        entry({ time: '2026-03-09T03:59:59.999Z', costUsd: 4 }), // 8 March 23:59:59.999 EDT
        entry({ time: '2026-03-09T04:00:00.000Z', costUsd: 8 }), // 9 March 00:00 EDT
        entry({ time: '2026-03-10T03:30:00.000Z', costUsd: 16 }), // 9 March 23:30 EDT (10 March in UTC)
        entry({ time: '2026-03-10T12:00:00-04:00', costUsd: 32 }), // not canonical: parsed → 10 March
      ], 0, now);
      assert.deepStrictEqual(s.perDay.map(d => [d.day, d.costUsd]), [
        ['2026-03-07', 1], ['2026-03-08', 6], ['2026-03-09', 24], ['2026-03-10', 32],
      ]);
      assert.strictEqual(localDayKey(new Date('2026-03-10T03:30:00.000Z')), '2026-03-09');
    });
  });

  it('east of UTC too (Auckland): a UTC evening is the next local day', () => {
    inZone('Pacific/Auckland', () => {
      const now = new Date(2026, 5, 2, 9, 0); // 2 June, NZST = UTC+12
      const s = summarizeUsage([entry({ time: '2026-06-01T13:00:00.000Z' })], 0, now); // 2 June 01:00 local
      assert.deepStrictEqual(s.perDay.map(d => d.day), ['2026-06-02']);
      assert.strictEqual(s.periods.today.requests, 1);
    });
  });

  it(`keeps the last ${DAYS_SHOWN} days at most; older entries still count in the totals`, () => {
    const now = new Date(2026, 10, 18, 15, 0);
    const s = summarizeUsage([
      entry({ time: new Date(2026, 10, 18 - 200, 12).toISOString(), costUsd: 5 }),
      entry({ time: at(2026, 11, 18, 8), costUsd: 1 }),
    ], 0, now);
    assert.strictEqual(s.perDay.length, DAYS_SHOWN);
    assert.strictEqual(s.perDay[0].day, localDayKey(new Date(2026, 10, 18 - (DAYS_SHOWN - 1))));
    assert.strictEqual(s.perDay.at(-1)!.day, '2026-11-18');
    assert.strictEqual(s.perDay.reduce((n, d) => n + d.requests, 0), 1);
    close(s.totals.costUsd, 6, 'all-time cost');
    assert.strictEqual(s.totals.requests, 2);
  });

  it('an empty ledger, future times and unparseable times', () => {
    const now = new Date(2026, 10, 18, 15, 0);
    const empty = summarizeUsage([], 3, now);
    assert.deepStrictEqual(empty.perDay, []);
    assert.deepStrictEqual(empty.perModel, []);
    assert.deepStrictEqual(empty.speedOverTime, []);
    assert.strictEqual(empty.totals.requests, 0);
    assert.strictEqual(empty.skipped, 3);
    assert.strictEqual(empty.generatedAt, now.toISOString());

    const s = summarizeUsage([
      entry({ time: 'not a time', costUsd: 1 }),
      entry({ time: at(2026, 11, 19, 9), costUsd: 2 }), // tomorrow (a skewed clock)
    ], 0, now);
    assert.strictEqual(s.totals.requests, 2);
    close(s.totals.costUsd, 3, 'totals include both');
    assert.deepStrictEqual(s.perDay, [], 'no entry falls in a day up to today');
    assert.strictEqual(s.periods.today.requests, 1, 'a future time is at or after today\'s start');
    assert.strictEqual(s.perModel[0].requests, 2, 'both count for the model');
    assert.strictEqual(s.speedOverTime.length, 1, 'the unparseable one has no place in time');
  });
});

describe('usage summary: totals and periods', () => {
  it('counts unknown-price and estimated requests; unknown cost is not in the sum', () => {
    const now = new Date(2026, 10, 18, 15, 0);
    const s = summarizeUsage([
      entry({ time: at(2026, 11, 18, 9), costUsd: null, estimated: true, input: 100, cachedInput: 0, output: 10, reasoning: 0 }),
      entry({ time: at(2026, 11, 18, 10), costUsd: 0.5, estimated: true, input: 300, cachedInput: 200, output: 20, reasoning: 5 }),
      entry({ time: at(2026, 11, 18, 11), costUsd: 0.25, input: 1, cachedInput: 1, output: 1, reasoning: 1 }),
    ], 0, now);
    assert.deepStrictEqual(
      { ...s.totals, costUsd: Math.round(s.totals.costUsd * 1e6) / 1e6, savingsUsd: Math.round(s.totals.savingsUsd * 1e6) / 1e6 },
      { costUsd: 0.75, savingsUsd: 0.0003, requests: 3, input: 401, cachedInput: 201, output: 31, reasoning: 6, unknownCost: 1, estimated: 2 },
    );
    assert.strictEqual(s.periods.today.unknownCost, 1);
    assert.strictEqual(s.periods.today.estimated, 2);
    assert.strictEqual(s.perDay.at(-1)!.unknownCost, 1);
    assert.strictEqual(s.perDay.at(-1)!.estimated, 2);
  });

  it('today ⊂ this week (from Monday, possibly last month) ⊂ … and this month', () => {
    // Wednesday 2 September 2026: the week began on Monday 31 August, the month on the 1st.
    const now = new Date(2026, 8, 2, 15, 0);
    const starts = periodStarts(now);
    assert.strictEqual(localDayKey(starts.week), '2026-08-31');
    const s = summarizeUsage([
      entry({ time: at(2026, 8, 30, 23, 59), costUsd: 1 }), // Sunday: last week, last month
      entry({ time: at(2026, 8, 31, 0, 0), costUsd: 2 }), // Monday: this week, last month
      entry({ time: at(2026, 9, 1, 12), costUsd: 4 }), // this week, this month
      entry({ time: at(2026, 9, 2, 0, 0), costUsd: 8 }), // today
    ], 0, now);
    close(s.periods.today.costUsd, 8, 'today');
    close(s.periods.week.costUsd, 14, 'week');
    close(s.periods.month.costUsd, 12, 'month');
    close(s.totals.costUsd, 15, 'all time');
    assert.deepStrictEqual([s.periods.today.requests, s.periods.week.requests, s.periods.month.requests], [1, 3, 2]);
  });
});

describe('usage summary: per model', () => {
  it('sums per provider + model; means ignore nulls; accept and cache-hit rates; by cost desc', () => {
    const now = new Date(2026, 10, 18, 15, 0);
    const t = at(2026, 11, 18, 9);
    const s = summarizeUsage([
      entry({ time: t, provider: 'xai', model: 'a', tokensPerSecond: 100, ttftMs: 100, outcome: 'accepted', input: 100, cachedInput: 50, costUsd: 0.1 }),
      entry({ time: t, provider: 'xai', model: 'b', tokensPerSecond: null, ttftMs: null, outcome: 'error', input: 0, cachedInput: 0, costUsd: null }),
      entry({ time: t, provider: 'xai', model: 'a', tokensPerSecond: null, ttftMs: 300, outcome: 'partial', input: 300, cachedInput: 0, costUsd: 0.2 }),
      entry({ time: t, provider: 'openrouter', model: 'a', tokensPerSecond: 50, ttftMs: 10, outcome: 'pending', costUsd: 5 }),
      entry({ time: t, provider: 'xai', model: 'a', tokensPerSecond: 200, ttftMs: null, outcome: 'rejected', input: 0, cachedInput: 0, costUsd: 0.3 }),
      entry({ time: t, provider: 'xai', model: 'a', tokensPerSecond: 300, ttftMs: 200, outcome: 'cancelled', input: 100, cachedInput: 100, costUsd: null }),
    ], 0, now);
    assert.deepStrictEqual(s.perModel.map(r => `${r.provider}/${r.model}`), ['openrouter/a', 'xai/a', 'xai/b']);
    const a = s.perModel[1];
    assert.strictEqual(a.requests, 4);
    close(a.costUsd, 0.6, 'cost of xai/a');
    assert.strictEqual(a.unknownCost, 1);
    close(a.meanTokensPerSecond, 200, 'mean tok/s over the 3 non-null'); // (100 + 200 + 300) / 3
    close(a.meanTtftMs, 200, 'mean TTFT over the 3 non-null'); // (100 + 300 + 200) / 3
    close(a.acceptRate, (1 + 0.5) / 3, 'accept rate: accepted + ½ partial over accepted + rejected + partial');
    close(a.cacheHitRate, 150 / 500, 'cache hit: cached ÷ input');
    const b = s.perModel[2];
    assert.strictEqual(b.meanTokensPerSecond, null);
    assert.strictEqual(b.meanTtftMs, null);
    assert.strictEqual(b.acceptRate, null, 'nothing reviewed');
    assert.strictEqual(b.cacheHitRate, null, 'no input');
    assert.strictEqual(b.unknownCost, 1);
    assert.strictEqual(s.perModel[0].acceptRate, null, 'pending is not reviewed');
  });
});

describe('usage summary: speed over time', () => {
  it(`at most ${SPEED_POINTS} points, evenly sampled, first and last kept, by time, only entries with a speed`, () => {
    const now = new Date(2026, 10, 18, 15, 0);
    const base = new Date(2026, 10, 1).getTime();
    const entries: LedgerEntry[] = [];
    for (let i = 0; i < 2000; i++) {
      entries.push(entry({ time: new Date(base + i * 60_000).toISOString(), tokensPerSecond: i % 4 === 3 ? null : i, model: i % 2 ? 'odd' : 'even' }));
    }
    const s = summarizeUsage(entries, 0, now);
    assert.strictEqual(s.speedOverTime.length, SPEED_POINTS);
    assert.strictEqual(s.speedOverTime[0].tokensPerSecond, 0);
    assert.strictEqual(s.speedOverTime.at(-1)!.tokensPerSecond, 1998);
    for (let i = 1; i < s.speedOverTime.length; i++) assert.ok(s.speedOverTime[i - 1].time <= s.speedOverTime[i].time);
    assert.ok(s.speedOverTime.every(p => p.tokensPerSecond % 4 !== 3));
    assert.ok(s.speedOverTime.every(p => p.model === (p.tokensPerSecond % 2 ? 'odd' : 'even')));
    // Evenly: 1500 speeds → 500 points, about one in three (no clump, no hole).
    for (let i = 1; i < s.speedOverTime.length; i++) {
      const gap = s.speedOverTime[i].tokensPerSecond - s.speedOverTime[i - 1].tokensPerSecond;
      assert.ok(gap >= 2 && gap <= 6, `gap ${gap} at point ${i}`);
    }
    const few = summarizeUsage(entries.slice(0, 10), 0, now);
    assert.strictEqual(few.speedOverTime.length, 8, 'below the cap: every entry with a speed');
  });

  it('file order is not time order: the sampled points come out by time', () => {
    const now = new Date(2026, 10, 18, 15, 0);
    const s = summarizeUsage([
      entry({ time: at(2026, 11, 18, 10), tokensPerSecond: 2 }),
      entry({ time: at(2026, 11, 18, 9), tokensPerSecond: 1 }),
    ], 0, now);
    assert.deepStrictEqual(s.speedOverTime.map(p => p.tokensPerSecond), [1, 2]);
  });
});

/** 100,000 entries over 60 days, 6 models, some unknown / estimated / without speed. */
function bigLedger(n: number, now: Date): LedgerEntry[] {
  const models = ['grok-code-fast-1', 'gpt-5-mini', 'deepseek-chat', 'x-ai/grok-code-fast-1', 'llama', 'qwen'];
  const providers = ['xai', 'openai', 'deepseek', 'openrouter', 'ollama', 'custom'];
  const outcomes: LedgerEntry['outcome'][] = ['accepted', 'rejected', 'partial', 'cancelled', 'error', 'pending'];
  const start = now.getTime() - 60 * 86_400_000;
  const step = (60 * 86_400_000) / n;
  const out: LedgerEntry[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const m = (i * 7919) % 6;
    out[i] = {
      v: 1, time: new Date(start + i * step).toISOString(), provider: providers[m], model: models[m],
      input: 1000 + (i % 500), cachedInput: i % 3 ? 800 : 0, output: 200 + (i % 50), reasoning: i % 5 ? 0 : 120,
      estimated: i % 97 === 0, costUsd: i % 113 === 0 ? null : 0.0004 + (i % 10) * 1e-5, savingsUsd: i % 3 ? 0.00014 : 0,
      ttftMs: i % 11 === 0 ? null : 150 + (i % 300), tokensPerSecond: i % 13 === 0 ? null : 120 + (i % 90),
      durationMs: 800 + (i % 400), outcome: outcomes[i % 6], language: 'typescript', requestId: `r${i}`,
    };
  }
  return out;
}

describe('usage summary: 100,000 entries', () => {
  it('summarizeUsage takes well under 100 ms', function () {
    this.timeout(60000);
    const now = new Date();
    const entries = bigLedger(100_000, now);
    const times: number[] = [];
    const c0 = performance.now();
    let s = summarizeUsage(entries, 0, now); // cold: the first call, before the JIT has warmed up
    const cold = performance.now() - c0;
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      s = summarizeUsage(entries, 0, now);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[3];
    console.log(`      (summarizeUsage of 100,000 entries: median ${median.toFixed(1)} ms, best ${times[0].toFixed(1)} ms, worst ${times.at(-1)!.toFixed(1)} ms over 7 runs; cold first call ${cold.toFixed(1)} ms)`);
    assert.strictEqual(s.entries, 100_000);
    assert.strictEqual(s.totals.requests, 100_000);
    assert.strictEqual(s.perModel.length, 6);
    assert.strictEqual(s.perDay.length, 61, '60 days ago to today');
    assert.strictEqual(s.perDay.reduce((n, d) => n + d.requests, 0), 100_000);
    assert.strictEqual(s.speedOverTime.length, SPEED_POINTS);
    assert.strictEqual(s.totals.unknownCost, Math.ceil(100_000 / 113));
    assert.strictEqual(s.totals.estimated, Math.ceil(100_000 / 97));
    // A loaded 2-core machine gets slack; the target is < 100 ms.
    assert.ok(median < 250, `median ${median.toFixed(1)} ms`);
  });
});

// ── CSV ───────────────────────────────────────────────────────────────────────────────────────

/** A strict RFC 4180 reader: CRLF records, quoted fields with "" escapes, nothing else. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let atFieldStart = true;
  while (i < text.length) {
    const c = text[i];
    if (atFieldStart && c === '"') {
      // Quoted field: up to the closing quote (not followed by another quote).
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += text[i++];
      }
      atFieldStart = false;
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`junk after a quoted field at ${i}`);
      continue;
    }
    if (c === ',') { row.push(field); field = ''; i++; atFieldStart = true; continue; }
    if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      row.push(field); rows.push(row); row = []; field = ''; i += 2; atFieldStart = true; continue;
    }
    if (c === '\n') throw new Error(`bare LF at ${i}`);
    if (c === '"') throw new Error(`quote inside an unquoted field at ${i}`);
    field += c; i++; atFieldStart = false;
  }
  if (!atFieldStart || row.length) { row.push(field); rows.push(row); }
  return rows;
}

describe('usage CSV export', () => {
  it('a header and one row per entry, CRLF, nulls empty', () => {
    const csv = ledgerToCsv([
      entry({ time: '2026-11-18T14:00:00.000Z', requestId: 'r1' }),
      entry({ time: '2026-11-18T15:00:00.000Z', requestId: 'r2', costUsd: null, ttftMs: null, tokensPerSecond: null, estimated: true }),
    ]);
    const lines = csv.split('\r\n');
    assert.strictEqual(lines.length, 4, 'header + 2 rows + the empty string after the last CRLF');
    assert.strictEqual(lines[0], CSV_COLUMNS.join(','));
    assert.strictEqual(lines[0], 'time,provider,model,input,cachedInput,output,reasoning,estimated,costUsd,savingsUsd,ttftMs,tokensPerSecond,durationMs,outcome,language,requestId');
    assert.strictEqual(lines[1], '2026-11-18T14:00:00.000Z,xai,grok-code-fast-1,200,150,30,100,false,0.001,0.0001,200,180,900,accepted,typescript,r1');
    assert.strictEqual(lines[2], '2026-11-18T15:00:00.000Z,xai,grok-code-fast-1,200,150,30,100,true,,0.0001,,,900,accepted,typescript,r2');
    assert.strictEqual(ledgerToCsv([]), `${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('quotes commas, quotes and newlines; neutralises = + - @ (and tab / CR) against formula injection', () => {
    const nasty: Partial<LedgerEntry>[] = [
      { model: 'a,b' },
      { model: 'say "hi"' },
      { model: 'line1\nline2' },
      { model: 'cr\r\nlf' },
      { model: '=HYPERLINK("http://evil","x")' },
      { model: '+1+2' },
      { model: '-2+3' },
      { model: '@SUM(A1)' },
      { model: '\t=1' },
      { model: '\r=1' },
      { model: '<img src=x onerror=alert(1)>' },
      { provider: '=cmd|\' /C calc\'!A0', language: '-x', requestId: '@id' },
      { model: '' },
      { model: 'ok=fine+later' },
    ];
    const entries = nasty.map(o => entry(o));
    const csv = ledgerToCsv(entries);
    assert.ok(csv.includes('"a,b"'));
    assert.ok(csv.includes('"say ""hi"""'));
    assert.ok(csv.includes('"line1\nline2"'));
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil"",""x"")"`));
    assert.ok(csv.includes(`"'+1+2"`) && csv.includes(`"'-2+3"`) && csv.includes(`"'@SUM(A1)"`));
    assert.ok(csv.includes(',<img src=x onerror=alert(1)>,'), 'no special character: unquoted');
    assert.ok(csv.includes(',ok=fine+later,'), 'only a LEADING = + - @ is a formula');

    const rows = parseCsv(csv);
    assert.strictEqual(rows.length, entries.length + 1);
    // No cell a spreadsheet would evaluate: none starts with = + - @ tab or CR.
    for (const row of rows) {
      assert.strictEqual(row.length, CSV_COLUMNS.length);
      for (const cell of row) assert.ok(!/^[=+\-@\t\r]/.test(cell), `formula-like cell: ${JSON.stringify(cell)}`);
    }
    // Round trip: every field back, with the neutralising ' removed from the cells that got one.
    const unneutral = (c: string) => (/^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c);
    entries.forEach((e, i) => {
      const row = rows[i + 1].map(unneutral);
      for (let c = 0; c < CSV_COLUMNS.length; c++) {
        const key = CSV_COLUMNS[c];
        const v = e[key];
        assert.strictEqual(row[c], v === null ? '' : String(v), `${key} of entry ${i}`);
      }
    });
  });

  it('round-trips 100,000 entries through an RFC 4180 reader', function () {
    this.timeout(60000);
    const entries = bigLedger(100_000, new Date());
    entries[500] = { ...entries[500], model: 'weird, "model"\nname' };
    const t0 = performance.now();
    const csv = ledgerToCsv(entries);
    const ms = performance.now() - t0;
    console.log(`      (ledgerToCsv of 100,000 entries: ${ms.toFixed(0)} ms, ${(csv.length / 1e6).toFixed(1)} MB)`);
    const rows = parseCsv(csv);
    assert.strictEqual(rows.length, 100_001);
    assert.strictEqual(rows[501][2], 'weird, "model"\nname');
    const last = entries.at(-1)!;
    assert.deepStrictEqual(rows[100_000], CSV_COLUMNS.map(k => (last[k] === null ? '' : String(last[k]))));
  });
});

// ── The page's script ─────────────────────────────────────────────────────────────────────────

describe('usage report page script (static checks)', () => {
  const root = path.resolve(__dirname, '..', '..', '..');
  const js = fs.readFileSync(path.join(root, 'media', 'usageReport.js'), 'utf8');
  const css = fs.readFileSync(path.join(root, 'media', 'usageReport.css'), 'utf8');

  it('builds the DOM with text only: no HTML parsing sinks, no eval, no inline styles', () => {
    assert.ok(js.startsWith('//') && js.includes("'use strict';"));
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function', 'setTimeout(\'', 'DOMParser', 'createContextualFragment', '.style.', 'setAttribute(\'style', 'srcdoc']) {
      assert.ok(!js.includes(sink), `the page script must not use ${sink}`);
    }
    assert.ok(/textContent/.test(js) && /createElementNS/.test(js));
    assert.ok(!/\bon[a-z]+\s*=/.test(js.replace(/\/\/.*$/gm, '')), 'no on…= handlers (addEventListener only)');
  });

  it('uses theme colours only and no remote content', () => {
    const colours = css.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi) ?? [];
    assert.deepStrictEqual(colours, [], 'no literal colours');
    assert.ok(!/url\(/i.test(css) && !/@import/i.test(css));
    assert.ok(!/https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(js), 'the only URL is the SVG namespace name');
  });
});
