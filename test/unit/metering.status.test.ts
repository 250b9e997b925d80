import * as assert from 'assert';
import { budgetState, describeBudgetLine } from '../../src/core/metering/budget';
import { statusView, StatusInput, cacheHitPercent } from '../../src/core/metering/statusView';

const periods = { today: 0.4213, week: 1.5, month: 7.25, savingsMonth: 0.031, unknownCostRequests: 0 };
const idle: StatusInput = { model: 'grok-code-fast-1', justFinished: false, periods, budget: budgetState(0.4213, 7.25, {}) };
const last = {
  model: 'grok-code-fast-1', input: 213, cachedInput: 192, output: 27, reasoning: 133, estimated: false,
  costUsd: 0.00024804, savingsUsd: 0.00003456, ttftMs: 187.4, tokensPerSecond: 612.2,
};

describe('budget', () => {
  it('has no level without limits, warns at 80%, is over at 100%, and the worst line decides', () => {
    assert.strictEqual(budgetState(5, 50, {}).level, 'ok');
    assert.strictEqual(budgetState(5, 50, { daily: 0, monthly: 0 }).lines.length, 0);
    assert.strictEqual(budgetState(0.79, 1, { daily: 1 }).level, 'ok');
    assert.strictEqual(budgetState(0.8, 1, { daily: 1 }).level, 'warning');
    assert.strictEqual(budgetState(1, 1, { daily: 1 }).level, 'over');
    const both = budgetState(0.5, 95, { daily: 1, monthly: 100 });
    assert.strictEqual(both.level, 'warning');
    assert.strictEqual(both.worst?.period, 'monthly');
    assert.strictEqual(describeBudgetLine(both.worst!), "This month's budget: $95.00 of $100.00 (95%)");
  });
});

describe('status bar view', () => {
  it('idle: model and today\'s spend', () => {
    const v = statusView(idle);
    assert.strictEqual(v.text, '$(zap) grok-code-fast-1 · $0.42 today');
    assert.strictEqual(v.level, 'ok');
    assert.match(v.tooltip, /today \$0\.42 · this week \$1\.50 · this month \$7\.25/);
    assert.match(v.tooltip, /No budget set/);
  });

  it('idle: a spend under a cent is shown as it is, never as $0.00', () => {
    assert.strictEqual(statusView({ ...idle, periods: { ...periods, today: 0.00031 } }).text, '$(zap) grok-code-fast-1 · $0.0003 today');
    assert.strictEqual(statusView({ ...idle, periods: { ...periods, today: 0 } }).text, '$(zap) grok-code-fast-1 · $0.00 today');
  });

  it('streaming: spinner, live tok/s, TTFT and an approximate running cost; several streams are marked', () => {
    const one = statusView({ ...idle, live: { count: 1, tokensPerSecond: 431.6, ttftMs: 210.2, costUsd: 0.000123 } });
    assert.strictEqual(one.text, '$(loading~spin) 432 tok/s · TTFT 210 ms · ≈$0.00012');
    const two = statusView({ ...idle, live: { count: 2, tokensPerSecond: 900, ttftMs: undefined, costUsd: undefined } });
    assert.strictEqual(two.text, '$(loading~spin) 900 tok/s ×2 · TTFT — · $—');
  });

  it('just finished: final speed, exact cost and cache-hit %, with the token breakdown in the tooltip', () => {
    const v = statusView({ ...idle, last, justFinished: true });
    assert.strictEqual(v.text, '$(zap) 612 tok/s · $0.00025 · cache 90%');
    assert.match(v.tooltip, /\| 213 \| 192 \| 27 \| 133 \|/);
    assert.match(v.tooltip, /cache saved \$0\.00003/);
    assert.strictEqual(cacheHitPercent({ input: 0, cachedInput: 0 }), undefined);
  });

  it('estimates are marked ≈ and an unknown price shows — with a way to set it', () => {
    const v = statusView({ ...idle, last: { ...last, estimated: true, costUsd: undefined }, justFinished: true,
      periods: { ...periods, unknownCostRequests: 3 } });
    assert.match(v.text, /\$—/);
    assert.match(v.tooltip, /\| ≈213 \| ≈192 \| ≈27 \| ≈133 \|/);
    assert.match(v.tooltip, /3 request\(s\) this month have no known price: run \*\*Fast Inline: Set Model Price…\*\*/);
  });

  it('budget colours: warning and error icons replace the normal one', () => {
    const warn = statusView({ ...idle, budget: budgetState(0.9, 1, { daily: 1 }) });
    assert.strictEqual(warn.level, 'warning');
    assert.ok(warn.text.startsWith('$(warning) grok-code-fast-1'));
    const over = statusView({ ...idle, live: { count: 1, tokensPerSecond: 100, ttftMs: 50, costUsd: 0.01 }, budget: budgetState(2, 2, { daily: 1 }) });
    assert.strictEqual(over.level, 'over');
    assert.ok(over.text.startsWith('$(error) 100 tok/s'), over.text);
    assert.match(over.tooltip, /⛔ Today's budget: \$2\.00 of \$1\.00 \(200%\)/);
  });
});
