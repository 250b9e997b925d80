// The cost ledger: JSON lines, append-only, shared by several VS Code windows (processes).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fork } from 'child_process';
import { CostLedger, LedgerEntry, totalsSince, periodStarts } from '../../src/core/metering/costLedger';

function entry(over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    v: 1, time: '2026-11-18T14:00:00.000Z', provider: 'xai', model: 'grok-code-fast-1',
    input: 213, cachedInput: 192, output: 27, reasoning: 133, estimated: false,
    costUsd: 0.00024804, savingsUsd: 0.00003456, ttftMs: 180, tokensPerSecond: 190.5,
    durationMs: 1020, outcome: 'pending', language: 'typescript', requestId: 'req-1',
    ...over,
  };
}

describe('metering: CostLedger', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fast-inline-ledger-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('append / read round trip; creates the folder; a missing file is empty', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'ledger.jsonl');
    const ledger = new CostLedger(file);
    assert.deepStrictEqual(await ledger.read(), { entries: [], skipped: 0 });
    const a = entry({ requestId: 'a' });
    const b = entry({ requestId: 'b', costUsd: null, ttftMs: null, tokensPerSecond: null, estimated: true, outcome: 'error', language: 'python' });
    await ledger.append(a);
    await ledger.append(b);
    const { entries, skipped } = await ledger.read();
    assert.strictEqual(skipped, 0);
    assert.deepStrictEqual(entries, [a, b]);
    const raw = fs.readFileSync(file, 'utf8');
    assert.ok(raw.endsWith('\n'));
    assert.strictEqual(raw.split('\n').length, 3);
  });

  it('writes only the known fields, and NaN / Infinity as 0 or null (still a valid line)', async () => {
    const file = path.join(dir, 'ledger.jsonl');
    const ledger = new CostLedger(file);
    const weird = { ...entry(), costUsd: NaN, tokensPerSecond: Infinity, durationMs: NaN, secret: 'no' } as LedgerEntry;
    await ledger.append(weird);
    const { entries } = await ledger.read();
    assert.strictEqual(entries[0].costUsd, null);
    assert.strictEqual(entries[0].tokensPerSecond, null);
    assert.strictEqual(entries[0].durationMs, 0);
    assert.ok(!('secret' in entries[0]));
  });

  it('a torn last line is skipped and logged, and does not corrupt the next append', async () => {
    const file = path.join(dir, 'ledger.jsonl');
    const logs: string[] = [];
    const ledger = new CostLedger(file, (m) => logs.push(m));
    await ledger.append(entry({ requestId: 'good-1' }));
    await ledger.append(entry({ requestId: 'good-2' }));
    const line = JSON.stringify(entry({ requestId: 'torn' }));
    fs.appendFileSync(file, line.slice(0, Math.floor(line.length / 2))); // a crash mid-write
    await ledger.append(entry({ requestId: 'after' }));
    const { entries, skipped } = await ledger.read();
    assert.deepStrictEqual(entries.map((e) => e.requestId), ['good-1', 'good-2', 'after']);
    assert.strictEqual(skipped, 1);
    assert.strictEqual(logs.length, 1);
    assert.match(logs[0], /skipped damaged line 3/);
  });

  it('an unterminated last line is skipped as incomplete (a crash, or another window mid-write)', async () => {
    const file = path.join(dir, 'ledger.jsonl');
    const logs: string[] = [];
    const ledger = new CostLedger(file, (m) => logs.push(m));
    await ledger.append(entry({ requestId: 'good' }));
    fs.appendFileSync(file, '{"v":1,"time":"2026-11-');
    const { entries, skipped } = await ledger.read();
    assert.deepStrictEqual([entries.length, skipped], [1, 1]);
    assert.match(logs[0], /incomplete last line/);
  });

  it('garbage and wrong-shaped lines are skipped (logged, capped), never fatal', async () => {
    const file = path.join(dir, 'ledger.jsonl');
    const good = JSON.stringify(entry({ requestId: 'ok' }));
    const junk = [
      'not json at all',
      '{"v":1,"time":"2026-11-18T00:00:00Z"}', // wrong shape
      JSON.stringify({ ...entry(), v: 2 }), // unknown version
      JSON.stringify({ ...entry(), input: '213' }), // wrong type
      JSON.stringify({ ...entry(), outcome: 'maybe' }),
      '[1,2,3]',
      'null',
      '\u0000\u0000\u0000',
    ];
    fs.writeFileSync(file, [good, ...junk, '', '   ', good].join('\n') + '\n');
    const logs: string[] = [];
    const { entries, skipped } = await new CostLedger(file, (m) => logs.push(m)).read();
    assert.strictEqual(entries.length, 2);
    assert.strictEqual(skipped, junk.length);
    assert.strictEqual(logs.length, 6, 'five lines logged, then one summary');
    assert.match(logs[5], /8 damaged lines skipped/);
  });

  it('outcome corrections are appended and folded in (the last one wins), never rewriting', async () => {
    const file = path.join(dir, 'ledger.jsonl');
    const ledger = new CostLedger(file);
    await ledger.append(entry({ requestId: 'r1' }));
    await ledger.append(entry({ requestId: 'r2' }));
    const before = fs.readFileSync(file, 'utf8');
    await ledger.updateOutcome('r1', 'rejected');
    await ledger.updateOutcome('r2', 'partial');
    await ledger.updateOutcome('r1', 'accepted');
    await ledger.updateOutcome('unknown-request', 'accepted'); // harmless
    const after = fs.readFileSync(file, 'utf8');
    assert.ok(after.startsWith(before), 'earlier lines untouched');
    const correction = JSON.parse(after.trim().split('\n')[2]);
    assert.deepStrictEqual(Object.keys(correction).sort(), ['outcome', 'requestId', 'time', 'v']);
    const { entries, skipped } = await ledger.read();
    assert.strictEqual(skipped, 0);
    assert.deepStrictEqual(entries.map((e) => [e.requestId, e.outcome]), [['r1', 'accepted'], ['r2', 'partial']]);
    await assert.rejects(ledger.updateOutcome('r1', 'bogus' as LedgerEntry['outcome']));
  });

  it('read(since) keeps entries at or after `since`, corrections still folded in', async () => {
    const file = path.join(dir, 'ledger.jsonl');
    const ledger = new CostLedger(file);
    await ledger.append(entry({ requestId: 'old', time: '2026-10-31T23:59:59.999Z' }));
    await ledger.append(entry({ requestId: 'edge', time: '2026-11-01T00:00:00.000Z' }));
    await ledger.append(entry({ requestId: 'short-form', time: '2026-11-05T10:00:00Z' }));
    await ledger.append(entry({ requestId: 'short-old', time: '2026-10-05T10:00:00+02:00' }));
    await ledger.append(entry({ requestId: 'no-time', time: 'whenever' }));
    await ledger.updateOutcome('edge', 'accepted');
    const { entries, skipped } = await ledger.read(new Date('2026-11-01T00:00:00.000Z'));
    assert.strictEqual(skipped, 0);
    assert.deepStrictEqual(entries.map((e) => [e.requestId, e.outcome]), [['edge', 'accepted'], ['short-form', 'pending']]);
    assert.strictEqual((await ledger.read()).entries.length, 5);
  });

  it('two processes appending 500 lines each at once → 1,000 intact lines', async function () {
    this.timeout(30000);
    const file = path.join(dir, 'shared', 'ledger.jsonl');
    const modulePath = path.resolve(__dirname, '../../src/core/metering/costLedger.js');
    const child = path.join(dir, 'child.js');
    fs.writeFileSync(child, `
const { CostLedger } = require(${JSON.stringify(modulePath)});
const [file, who, n] = process.argv.slice(2);
const ledger = new CostLedger(file);
process.on('message', async () => {
  for (let i = 0; i < Number(n); i++) {
    await ledger.append({ v: 1, time: new Date().toISOString(), provider: 'xai', model: 'grok-code-fast-1' + '-'.repeat(i % 7 * 90),
      input: i, cachedInput: 0, output: i, reasoning: 0, estimated: false, costUsd: i / 1e6, savingsUsd: 0, ttftMs: 1,
      tokensPerSecond: 100, durationMs: 5, outcome: 'pending', language: 'typescript', requestId: who + '-' + i });
  }
  process.send('done', () => process.exit(0));
});
process.send('ready');
`);
    const children = ['A', 'B'].map((who) => fork(child, [file, who, '500'], { stdio: 'inherit' }));
    const next = (c: ReturnType<typeof fork>) => new Promise<void>((resolve, reject) => {
      c.once('message', () => resolve());
      c.once('error', reject);
    });
    await Promise.all(children.map(next)); // both ready
    const done = children.map(next);
    for (const c of children) c.send('go'); // start together
    await Promise.all(done);
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));

    const { entries, skipped } = await new CostLedger(file).read();
    assert.strictEqual(skipped, 0);
    assert.strictEqual(entries.length, 1000);
    for (const who of ['A', 'B']) {
      const mine = entries.filter((e) => e.requestId.startsWith(who + '-')).map((e) => Number(e.requestId.slice(2)));
      assert.deepStrictEqual(mine, Array.from({ length: 500 }, (_, i) => i), `${who}'s lines complete and in order`);
    }
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.strictEqual(lines.filter((l) => l !== '').length, 1000);
    const blank = lines.length - 1001; // only possible if a half-copied line was seen twice (harmless)
    // Interleaved across lines (the writers really raced), never within one.
    const switches = entries.reduce((n, e, i) => n + (i > 0 && e.requestId[0] !== entries[i - 1].requestId[0] ? 1 : 0), 0);
    console.log(`      two writers: 1,000 intact lines, ${switches} switches between writers, ${blank} blank lines`);
  });

  it('kill -9 of a writer mid-appends loses at most the line in flight; the next append is whole', async function () {
    this.timeout(60000);
    const file = path.join(dir, 'ledger.jsonl');
    const modulePath = path.resolve(__dirname, '../../src/core/metering/costLedger.js');
    const child = path.join(dir, 'writer.js');
    // The extension host's append path, in a process of its own that is killed without warning.
    fs.writeFileSync(child, `
const { CostLedger } = require(${JSON.stringify(modulePath)});
const [file, round] = process.argv.slice(2);
const ledger = new CostLedger(file);
(async () => {
  for (let i = 0; ; i++) {
    await ledger.append({ v: 1, time: new Date().toISOString(), provider: 'xai', model: 'grok-code-fast-1', input: i,
      cachedInput: 0, output: i, reasoning: 0, estimated: false, costUsd: i / 1e6, savingsUsd: 0, ttftMs: 1,
      tokensPerSecond: 100, durationMs: 5, outcome: 'pending', language: 'x'.repeat(i % 50), requestId: round + '-' + i });
    process.send(i);
  }
})();
`);
    const ledger = new CostLedger(file);
    const rounds = 6;
    let acked = 0, skippedTotal = 0;
    for (let round = 0; round < rounds; round++) {
      const killAfter = 20 + ((round * 37) % 120); // different moments in each round
      const proc = fork(child, [file, `r${round}`], { stdio: 'inherit' });
      let last = -1;
      const exited = new Promise(r => proc.once('exit', r));
      proc.on('message', (i: number) => {
        last = Math.max(last, i);
        // 0-2 ms later: the kill lands at varying points of the next append (open, write, close).
        if (i === killAfter) setTimeout(() => proc.kill('SIGKILL'), round % 3);
      });
      await exited;
      acked += last + 1;
      const { entries, skipped } = await ledger.read();
      skippedTotal = skipped;
      const mine = entries.filter(e => e.requestId.startsWith(`r${round}-`)).map(e => Number(e.requestId.split('-')[1]));
      // Everything acknowledged is there, in order, with no gap or duplicate; beyond it at most the one in flight.
      assert.deepStrictEqual(mine, Array.from({ length: mine.length }, (_, i) => i), `round ${round}: contiguous`);
      assert.ok(mine.length >= last + 1 && mine.length <= last + 2, `round ${round}: ${mine.length} lines for ${last + 1} acknowledged`);
      assert.ok(skipped <= round + 1, 'at most one damaged line per kill');
    }
    // The ledger still works: a new append after the last kill is read back whole.
    await ledger.append(entry({ requestId: 'after-the-kills' }));
    const { entries } = await ledger.read();
    assert.strictEqual(entries[entries.length - 1].requestId, 'after-the-kills');
    console.log(`      kill -9 ×${rounds}: ${acked} acknowledged appends, ${entries.length - 1} lines read back, ${skippedTotal} damaged lines skipped`);
  });

  it('reads 100,000 lines fast (prints ms)', async function () {
    this.timeout(30000);
    const file = path.join(dir, 'big.jsonl');
    const lines: string[] = [];
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 100_000; i++) {
      lines.push(JSON.stringify(entry({ requestId: `req-${i}`, time: new Date(start + i * 60_000).toISOString(), costUsd: i % 10 === 0 ? null : 0.0002 })));
    }
    for (let i = 0; i < 2_000; i++) lines.push(JSON.stringify({ v: 1, requestId: `req-${i * 7}`, outcome: 'accepted', time: '2026-03-01T00:00:00.000Z' }));
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const ledger = new CostLedger(file);
    await ledger.read(); // warm-up (JIT, file cache)
    const t0 = performance.now();
    const { entries, skipped } = await ledger.read();
    const readMs = performance.now() - t0;
    const t1 = performance.now();
    const p = periodStarts(new Date('2026-03-15T12:00:00'));
    const totals = [totalsSince(entries, p.day), totalsSince(entries, p.week), totalsSince(entries, p.month)];
    const totalsMs = performance.now() - t1;
    assert.strictEqual(entries.length, 100_000);
    assert.strictEqual(skipped, 0);
    assert.strictEqual(entries[7].outcome, 'accepted');
    assert.ok(totals[2].requests > 0);
    const t2 = performance.now();
    const month = await ledger.read(p.month);
    const monthMs = performance.now() - t2;
    assert.deepStrictEqual(month.entries, entries.filter((e) => e.time >= p.month.toISOString()));
    assert.deepStrictEqual(totalsSince(month.entries, p.month), totals[2]);
    const mb = fs.statSync(file).size / 1e6;
    console.log(`      ledger read: ${readMs.toFixed(0)} ms for 100,000 entries + 2,000 corrections (${mb.toFixed(1)} MB); `
      + `day/week/month totals ${totalsMs.toFixed(0)} ms; read(since month start) ${monthMs.toFixed(0)} ms for ${month.entries.length} entries`);
    assert.ok(readMs < 1500, `${readMs} ms`);
  });
});

describe('metering: totals and periods', () => {
  it('periodStarts: local midnight today, Monday of this week, the 1st of this month', () => {
    const wed = new Date(2026, 10, 18, 15, 30); // Wednesday 18 Nov 2026, local time
    const p = periodStarts(wed);
    assert.deepStrictEqual(p.day, new Date(2026, 10, 18));
    assert.deepStrictEqual(p.week, new Date(2026, 10, 16));
    assert.deepStrictEqual(p.month, new Date(2026, 10, 1));
    // Sunday belongs to the week that started the Monday before.
    assert.deepStrictEqual(periodStarts(new Date(2026, 10, 22, 23, 59)).week, new Date(2026, 10, 16));
    // Monday itself starts a week; a week can start in the previous month.
    assert.deepStrictEqual(periodStarts(new Date(2026, 10, 16, 0, 0)).week, new Date(2026, 10, 16));
    assert.deepStrictEqual(periodStarts(new Date(2026, 11, 2, 9)).week, new Date(2026, 10, 30));
    assert.deepStrictEqual(periodStarts(new Date(2027, 0, 1, 9)).month, new Date(2027, 0, 1));
  });

  it('totalsSince: day / week / month, every outcome counted, unknown costs apart', () => {
    const local = (d: number, h: number) => new Date(2026, 10, d, h).toISOString();
    const entries: LedgerEntry[] = [
      entry({ requestId: 'today-1', time: local(18, 9), costUsd: 0.001, savingsUsd: 0.0001, outcome: 'accepted' }),
      entry({ requestId: 'today-2', time: local(18, 0), costUsd: null, savingsUsd: 0, outcome: 'rejected' }), // local midnight: included
      entry({ requestId: 'monday', time: local(16, 12), costUsd: 0.002, savingsUsd: 0.0002, outcome: 'cancelled' }),
      entry({ requestId: 'last-sunday', time: local(15, 23), costUsd: 0.004, outcome: 'error' }),
      entry({ requestId: 'early-month', time: local(2, 8), costUsd: 0.008 }),
      entry({ requestId: 'last-month', time: new Date(2026, 9, 31, 23).toISOString(), costUsd: 0.016 }),
      { ...entry({ requestId: 'bad-time' }), time: 'yesterday-ish' },
    ];
    const p = periodStarts(new Date(2026, 10, 18, 15));
    const day = totalsSince(entries, p.day);
    assert.strictEqual(day.requests, 2);
    assert.strictEqual(day.unknownCost, 1);
    assert.ok(Math.abs(day.costUsd - 0.001) < 1e-12);
    assert.ok(Math.abs(day.savingsUsd - 0.0001) < 1e-12);
    assert.strictEqual(day.input, 426);
    assert.strictEqual(day.cachedInput, 384);
    assert.strictEqual(day.output, 54);
    assert.strictEqual(day.reasoning, 266);
    const week = totalsSince(entries, p.week);
    assert.strictEqual(week.requests, 3);
    assert.ok(Math.abs(week.costUsd - 0.003) < 1e-12);
    const month = totalsSince(entries, p.month);
    assert.strictEqual(month.requests, 5);
    assert.ok(Math.abs(month.costUsd - 0.015) < 1e-12);
    assert.deepStrictEqual(totalsSince([], p.month), { costUsd: 0, savingsUsd: 0, requests: 0, input: 0, cachedInput: 0, output: 0, reasoning: 0, unknownCost: 0 });
  });
});
