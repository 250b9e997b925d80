// What a request cost, from normalised usage and a price. One formula for every provider, because
// usage.ts already settled the dialect questions (cached ⊆ input; reasoning separate from output):
//   cost = (input − cached) × in + cached × cachedIn + (output + reasoning) × out   [per million]
// A provider-reported cost (OpenRouter) is the bill itself and wins. Pure TypeScript.
import type { Usage } from './usage';
import type { Price } from './prices';

export interface Cost {
  /** USD; undefined = unknown (no reported cost and no price for this model). */
  usd: number | undefined;
  /** What the prompt cache saved: cached × (in − cachedIn), USD; 0 when the price is unknown. */
  savingsUsd: number;
  source: 'reported' | 'computed' | 'unknown';
  /** Some token figure behind this cost is our own estimate. */
  estimated: boolean;
}

const PER_MILLION = 1e6;

export function computeCost(usage: Usage, price: Price | undefined): Cost {
  const n = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
  const input = n(usage.input);
  const cached = Math.min(n(usage.cachedInput), input);
  const generated = n(usage.output) + n(usage.reasoning);

  const savingsUsd = price ? Math.max(0, (cached * (price.input - price.cachedInput)) / PER_MILLION) : 0;

  const reported = usage.reportedCostUsd;
  if (typeof reported === 'number' && Number.isFinite(reported) && reported >= 0) {
    return { usd: reported, savingsUsd, source: 'reported', estimated: usage.estimated };
  }
  if (!price) return { usd: undefined, savingsUsd: 0, source: 'unknown', estimated: usage.estimated };

  const usd = ((input - cached) * price.input + cached * price.cachedInput + generated * price.output) / PER_MILLION;
  return { usd, savingsUsd, source: 'computed', estimated: usage.estimated };
}
