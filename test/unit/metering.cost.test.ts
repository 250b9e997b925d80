// Usage dialects → one Usage, the price table (dated entries, aliases, wildcards, overrides) and
// the cost formula. The 2× errors users report (peers.md) come from exactly these two questions:
// are cached tokens inside the prompt count, and is reasoning inside the completion count?
import * as assert from 'assert';
import { normalizeUsage, estimatedUsage, Usage } from '../../src/core/metering/usage';
import { lookupPrice, findPriceEntry, PRICE_TABLE, Price } from '../../src/core/metering/prices';
import { computeCost } from '../../src/core/metering/cost';

/** The recorded xAI exchange: prompt 213 (192 cached), answer 27, reasoning 133. */
const RECORDED: Omit<Usage, 'reportedCostUsd'> = { input: 213, cachedInput: 192, output: 27, reasoning: 133, estimated: false };

function close(actual: number | undefined, expected: number, tol = 1e-9): void {
  assert.ok(actual !== undefined, 'expected a number');
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} ≠ ${expected} (±${tol})`);
}

function tokensOnly(u: Usage) {
  return { input: u.input, cachedInput: u.cachedInput, output: u.output, reasoning: u.reasoning, estimated: u.estimated };
}

describe('metering: normalizeUsage', () => {
  it('xAI: completion_tokens EXCLUDES reasoning (the recorded example)', () => {
    const raw = {
      prompt_tokens: 213,
      completion_tokens: 27,
      total_tokens: 373,
      prompt_tokens_details: { text_tokens: 213, audio_tokens: 0, image_tokens: 0, cached_tokens: 192 },
      completion_tokens_details: { reasoning_tokens: 133, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      num_sources_used: 0,
    };
    const u = normalizeUsage(raw, 'xai');
    assert.deepStrictEqual(tokensOnly(u), RECORDED);
    assert.strictEqual(u.reportedCostUsd, undefined);
  });

  it('OpenAI: reasoning INSIDE completion_tokens → output = completion − reasoning', () => {
    const raw = {
      prompt_tokens: 213, completion_tokens: 160, total_tokens: 373,
      prompt_tokens_details: { cached_tokens: 192, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 133, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
    assert.deepStrictEqual(tokensOnly(normalizeUsage(raw, 'openai')), RECORDED);
  });

  it('OpenRouter: reasoning inside completion, and the reported cost is kept', () => {
    const raw = {
      prompt_tokens: 213, completion_tokens: 160, total_tokens: 373,
      cost: 0.00024804, is_byok: false,
      prompt_tokens_details: { cached_tokens: 192, audio_tokens: 0 },
      cost_details: { upstream_inference_cost: 0.00024804 },
      completion_tokens_details: { reasoning_tokens: 133, image_tokens: 0 },
    };
    const u = normalizeUsage(raw, 'openrouter');
    assert.deepStrictEqual(tokensOnly(u), RECORDED);
    close(u.reportedCostUsd, 0.00024804);
  });

  it('OpenRouter BYOK: the bill is the fee plus the upstream cost', () => {
    const raw = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, cost: 0.00001, is_byok: true, cost_details: { upstream_inference_cost: 0.0002 } };
    close(normalizeUsage(raw, 'openrouter').reportedCostUsd, 0.00021);
  });

  it('DeepSeek: prompt_cache_hit / miss tokens', () => {
    const raw = {
      prompt_tokens: 213, completion_tokens: 160, total_tokens: 373,
      prompt_tokens_details: { cached_tokens: 192 },
      prompt_cache_hit_tokens: 192, prompt_cache_miss_tokens: 21,
      completion_tokens_details: { reasoning_tokens: 133 },
    };
    assert.deepStrictEqual(tokensOnly(normalizeUsage(raw, 'deepseek')), RECORDED);
    // Without prompt_tokens / details: input = hit + miss, cached = hit.
    const bare = { completion_tokens: 160, prompt_cache_hit_tokens: 192, prompt_cache_miss_tokens: 21, completion_tokens_details: { reasoning_tokens: 133 } };
    assert.deepStrictEqual(tokensOnly(normalizeUsage(bare, 'deepseek')), RECORDED);
  });

  it('Groq: usage carried in x_groq.usage', () => {
    const raw = {
      x_groq: {
        id: 'req_01abc',
        usage: {
          queue_time: 0.0001, prompt_tokens: 213, prompt_time: 0.01, completion_tokens: 160, completion_time: 0.2, total_tokens: 373, total_time: 0.21,
          prompt_tokens_details: { cached_tokens: 192 }, completion_tokens_details: { reasoning_tokens: 133 },
        },
      },
    };
    assert.deepStrictEqual(tokensOnly(normalizeUsage(raw, 'groq')), RECORDED);
    // Top-level usage (with include_usage) reads the same.
    assert.deepStrictEqual(tokensOnly(normalizeUsage(raw.x_groq.usage, 'groq')), RECORDED);
  });

  it('llama.cpp: usage plus timings (cache_n = cached prompt tokens)', () => {
    const raw = {
      completion_tokens: 160, prompt_tokens: 213, total_tokens: 373,
      timings: { cache_n: 192, prompt_n: 21, prompt_ms: 12.5, prompt_per_token_ms: 0.6, prompt_per_second: 1680, predicted_n: 160, predicted_ms: 800, predicted_per_token_ms: 5, predicted_per_second: 200 },
    };
    // llama.cpp does not split reasoning out: all generated tokens are output (and local = free).
    assert.deepStrictEqual(tokensOnly(normalizeUsage(raw, 'llamacpp')), { input: 213, cachedInput: 192, output: 160, reasoning: 0, estimated: false });
    // A build whose prompt_tokens counts only the evaluated part: timings restore the whole prompt.
    const partial = { ...raw, prompt_tokens: 21, total_tokens: 181 };
    assert.strictEqual(normalizeUsage(partial, 'llamacpp').input, 213);
    // With a reasoning split, it is inside completion like OpenAI's.
    const split = { ...raw, completion_tokens_details: { reasoning_tokens: 133 } };
    assert.deepStrictEqual(tokensOnly(normalizeUsage(split, 'llamacpp')), RECORDED);
  });

  it('LM Studio (none): no usage → zeros, marked estimated', () => {
    assert.deepStrictEqual(tokensOnly(normalizeUsage({}, 'none')), { input: 0, cachedInput: 0, output: 0, reasoning: 0, estimated: true });
  });

  it('Ollama (openai dialect, no details)', () => {
    const u = normalizeUsage({ prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 }, 'openai');
    assert.deepStrictEqual(tokensOnly(u), { input: 50, cachedInput: 0, output: 20, reasoning: 0, estimated: false });
  });

  it('total_tokens settles a dialect mismatch (xAI usage behind an "openai" custom endpoint)', () => {
    const xaiShaped = { prompt_tokens: 213, completion_tokens: 27, total_tokens: 373, prompt_tokens_details: { cached_tokens: 192 }, completion_tokens_details: { reasoning_tokens: 133 } };
    assert.deepStrictEqual(tokensOnly(normalizeUsage(xaiShaped, 'openai')), RECORDED);
    const openaiShaped = { prompt_tokens: 213, completion_tokens: 160, total_tokens: 373, prompt_tokens_details: { cached_tokens: 192 }, completion_tokens_details: { reasoning_tokens: 133 } };
    assert.deepStrictEqual(tokensOnly(normalizeUsage(openaiShaped, 'xai')), RECORDED);
  });

  it('is defensive: null / missing / garbage fields → 0, never NaN; cached ≤ input; reasoning ≤ completion', () => {
    const weird = {
      prompt_tokens: null, completion_tokens: 'many', total_tokens: NaN,
      prompt_tokens_details: null, completion_tokens_details: { reasoning_tokens: -4 },
    };
    const u = normalizeUsage(weird as Record<string, unknown>, 'openai');
    assert.deepStrictEqual(tokensOnly(u), { input: 0, cachedInput: 0, output: 0, reasoning: 0, estimated: true });
    const overCached = normalizeUsage({ prompt_tokens: 10, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 50 } }, 'openai');
    assert.strictEqual(overCached.cachedInput, 10);
    const overReasoning = normalizeUsage({ prompt_tokens: 10, completion_tokens: 3, completion_tokens_details: { reasoning_tokens: 9 } }, 'openai');
    assert.deepStrictEqual([overReasoning.output, overReasoning.reasoning], [0, 3]);
    for (const u2 of [overCached, overReasoning, u]) {
      for (const v of [u2.input, u2.cachedInput, u2.output, u2.reasoning]) assert.ok(Number.isFinite(v));
    }
    assert.deepStrictEqual(tokensOnly(normalizeUsage(null as unknown as Record<string, unknown>, 'xai')), { input: 0, cachedInput: 0, output: 0, reasoning: 0, estimated: true });
  });

  it('estimatedUsage marks every figure as ours', () => {
    assert.deepStrictEqual(estimatedUsage(100, 40, NaN), { input: 100, cachedInput: 0, output: 40, reasoning: 0, estimated: true });
  });
});

describe('metering: prices', () => {
  it('grok-code-fast-1 is dated: launch price before 2026-05-15, grok-4.3 price after', () => {
    const before = lookupPrice('xai', 'grok-code-fast-1', undefined, new Date('2025-10-01T12:00:00Z'));
    assert.deepStrictEqual(before, { input: 0.20, cachedInput: 0.02, output: 1.50, asOf: '2025-08-28', source: 'table' });
    const after = lookupPrice('xai', 'grok-code-fast-1', undefined, new Date('2026-06-01T12:00:00Z'));
    // No cached price published for the new price: cached input is billed at the input price.
    assert.deepStrictEqual(after, { input: 1.25, cachedInput: 1.25, output: 2.50, asOf: '2026-05-15', source: 'table' });
    // The day of the switch uses the new price; a request before launch uses the oldest entry.
    assert.strictEqual(lookupPrice('xai', 'grok-code-fast-1', undefined, new Date('2026-05-15T00:00:00Z'))?.input, 1.25);
    assert.strictEqual(lookupPrice('xai', 'grok-code-fast-1', undefined, new Date('2025-01-01T00:00:00Z'))?.input, 0.20);
  });

  it('aliases and case resolve to the same entry', () => {
    const at = new Date('2025-10-01T00:00:00Z');
    for (const name of ['grok-code-fast', 'grok-code-fast-1-0825', ' Grok-Code-Fast-1 ']) {
      assert.strictEqual(lookupPrice('xai', name, undefined, at)?.output, 1.50, name);
    }
  });

  it('the table has the providers.md prices', () => {
    const p = (provider: Parameters<typeof lookupPrice>[0], model: string) => {
      const x = lookupPrice(provider, model);
      return x && [x.input, x.cachedInput, x.output];
    };
    assert.deepStrictEqual(p('openrouter', 'x-ai/grok-code-fast-1')?.length, 3);
    assert.deepStrictEqual(lookupPrice('openrouter', 'x-ai/grok-code-fast-1', undefined, new Date('2025-10-01T00:00:00Z'))?.output, 1.50);
    assert.deepStrictEqual(p('groq', 'openai/gpt-oss-120b'), [0.15, 0.15, 0.60]);
    assert.deepStrictEqual(p('cerebras', 'gpt-oss-120b'), [0.35, 0.35, 0.75]);
    assert.deepStrictEqual(p('deepseek', 'deepseek-chat'), [0.28, 0.028, 0.42]);
    assert.deepStrictEqual(p('openai', 'gpt-5-mini'), [0.25, 0.025, 2.00]);
    assert.deepStrictEqual(p('mistral', 'codestral-latest'), [0.30, 0.30, 0.90]);
    assert.deepStrictEqual(p('custom', 'mercury-2'), [0.25, 0.25, 0.75]);
    assert.deepStrictEqual(p('ollama', 'qwen2.5-coder:7b'), [0, 0, 0]);
    assert.deepStrictEqual(p('lmstudio', 'anything'), [0, 0, 0]);
    assert.deepStrictEqual(p('llamacpp', 'local-model'), [0, 0, 0]);
    for (const e of PRICE_TABLE) assert.match(e.from, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('unknown model → undefined (never a guess); no cross-provider match except for custom', () => {
    assert.strictEqual(lookupPrice('xai', 'grok-9-imaginary'), undefined);
    assert.strictEqual(lookupPrice('openai', 'mercury-2'), undefined);
    assert.strictEqual(lookupPrice('custom', 'my-local-thing'), undefined);
    assert.strictEqual(lookupPrice('xai', ''), undefined);
    assert.strictEqual(findPriceEntry('custom', 'grok-code-fast-1', new Date('2025-10-01T00:00:00Z'))?.provider, 'xai');
  });

  it('overrides from settings win: "provider/model" before "model"; aliases reach the canonical key', () => {
    const overrides = {
      'xai/grok-code-fast-1': { input: 0.1, output: 1 },
      'grok-code-fast-1': { input: 9, output: 9 },
      'gpt-5-mini': { input: 0.5, cachedInput: 0.05, output: 4 },
      'openrouter/x-ai/grok-code-fast-1': { input: 0.3, cachedInput: 0.03, output: 2 },
      'bad-one': { input: 'cheap', output: 1 } as unknown as { input: number; output: number },
    };
    assert.deepStrictEqual(lookupPrice('xai', 'grok-code-fast-1', overrides), { input: 0.1, cachedInput: 0.1, output: 1, asOf: 'settings', source: 'settings' });
    assert.strictEqual(lookupPrice('xai', 'grok-code-fast', overrides)?.input, 0.1, 'alias → canonical override key');
    assert.strictEqual(lookupPrice('openai', 'gpt-5-mini', overrides)?.cachedInput, 0.05);
    assert.strictEqual(lookupPrice('openrouter', 'x-ai/grok-code-fast-1', overrides)?.output, 2);
    assert.strictEqual(lookupPrice('custom', 'grok-code-fast-1', overrides)?.input, 9, 'bare model key');
    // An override prices a model the table does not know; an invalid override is ignored.
    assert.strictEqual(lookupPrice('custom', 'gpt-5-mini', overrides)?.source, 'settings');
    assert.strictEqual(lookupPrice('custom', 'bad-one', overrides), undefined);
  });
});

describe('metering: computeCost', () => {
  const launch: Price = { input: 0.20, cachedInput: 0.02, output: 1.50, asOf: '2025-08-28', source: 'table' };

  it('recorded xAI usage at 0.20/0.02/1.50 costs exactly 0.00024804 USD', () => {
    const c = computeCost(RECORDED, launch);
    // (21 × 0.20 + 192 × 0.02 + 160 × 1.50) / 1e6
    close(c.usd, 0.00024804);
    assert.strictEqual(c.source, 'computed');
    assert.strictEqual(c.estimated, false);
    // Cache savings: 192 × (0.20 − 0.02) / 1e6
    close(c.savingsUsd, 0.00003456);
  });

  it('the same tokens from every dialect cost the same', () => {
    const shapes: [Record<string, unknown>, Parameters<typeof normalizeUsage>[1]][] = [
      [{ prompt_tokens: 213, completion_tokens: 27, total_tokens: 373, prompt_tokens_details: { cached_tokens: 192 }, completion_tokens_details: { reasoning_tokens: 133 } }, 'xai'],
      [{ prompt_tokens: 213, completion_tokens: 160, total_tokens: 373, prompt_tokens_details: { cached_tokens: 192 }, completion_tokens_details: { reasoning_tokens: 133 } }, 'openai'],
      [{ prompt_cache_hit_tokens: 192, prompt_cache_miss_tokens: 21, completion_tokens: 160, completion_tokens_details: { reasoning_tokens: 133 } }, 'deepseek'],
      [{ x_groq: { usage: { prompt_tokens: 213, completion_tokens: 160, prompt_tokens_details: { cached_tokens: 192 }, completion_tokens_details: { reasoning_tokens: 133 } } } }, 'groq'],
    ];
    for (const [raw, dialect] of shapes) close(computeCost(normalizeUsage(raw, dialect), launch).usd, 0.00024804);
  });

  it('a reported cost wins over the computed one (savings still computed)', () => {
    const c = computeCost({ ...RECORDED, reportedCostUsd: 0.0003 }, launch);
    close(c.usd, 0.0003);
    assert.strictEqual(c.source, 'reported');
    close(c.savingsUsd, 0.00003456);
    // Even with an unknown price.
    assert.deepStrictEqual(computeCost({ ...RECORDED, reportedCostUsd: 0 }, undefined), { usd: 0, savingsUsd: 0, source: 'reported', estimated: false });
  });

  it('unknown price → usd undefined, source unknown', () => {
    assert.deepStrictEqual(computeCost(RECORDED, undefined), { usd: undefined, savingsUsd: 0, source: 'unknown', estimated: false });
  });

  it('no cached price: cached tokens billed at the input price, nothing saved', () => {
    const p = lookupPrice('xai', 'grok-code-fast-1', undefined, new Date('2026-06-01T00:00:00Z'));
    const c = computeCost(RECORDED, p);
    close(c.usd, (213 * 1.25 + 160 * 2.50) / 1e6);
    assert.strictEqual(c.savingsUsd, 0);
  });

  it('local models cost 0; estimates stay marked', () => {
    const c = computeCost(estimatedUsage(1000, 200, 50), lookupPrice('ollama', 'qwen2.5-coder:7b'));
    assert.deepStrictEqual(c, { usd: 0, savingsUsd: 0, source: 'computed', estimated: true });
  });

  it('DeepSeek and OpenAI cache discounts', () => {
    const u: Usage = { input: 1_000_000, cachedInput: 800_000, output: 10_000, reasoning: 0, estimated: false };
    const ds = computeCost(u, lookupPrice('deepseek', 'deepseek-chat'));
    close(ds.usd, (200_000 * 0.28 + 800_000 * 0.028 + 10_000 * 0.42) / 1e6);
    close(ds.savingsUsd, (800_000 * (0.28 - 0.028)) / 1e6);
    const oa = computeCost({ ...u, reasoning: 5_000 }, lookupPrice('openai', 'gpt-5-mini'));
    close(oa.usd, (200_000 * 0.25 + 800_000 * 0.025 + 15_000 * 2.0) / 1e6);
  });
});
