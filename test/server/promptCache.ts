// Stand-in for real providers' automatic prefix caching, so tests can show cache hits.
//
// Rule: per cache key (dialect + the `x-grok-conv-id` header when present) we keep the
// token arrays of earlier chat requests. A new request's cached tokens are the longest
// common token PREFIX with any earlier request under the same key, floored to a multiple of
// 16 (cache blocks), and 0 when that is below 64 tokens (too short to cache). The token
// array is the concatenation of the messages in order, `role\ncontent\n` each, so changing
// an early message (e.g. a timestamp in the system prompt) kills the hit, as it does for
// real providers.
export const CACHE_BLOCK_TOKENS = 16;
export const CACHE_MIN_TOKENS = 64;

export class PromptCache {
  private readonly entries = new Map<string, number[][]>();

  static key(dialect: string, convId: string | undefined): string {
    return convId ? `${dialect}\u0000${convId}` : dialect;
  }

  /** Cached tokens for `tokens` under `key`, then remember `tokens` for later requests. */
  lookupAndStore(key: string, tokens: number[]): number {
    const earlier = this.entries.get(key) ?? [];
    let best = 0;
    for (const prev of earlier) best = Math.max(best, commonPrefix(prev, tokens));
    earlier.push(tokens);
    this.entries.set(key, earlier);
    const floored = best - (best % CACHE_BLOCK_TOKENS);
    return floored < CACHE_MIN_TOKENS ? 0 : floored;
  }

  clear(): void {
    this.entries.clear();
  }
}

function commonPrefix(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
