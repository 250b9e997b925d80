// Turns a reply's text into the sequence of SSE chunks it will be streamed as, and says when
// each chunk is due. Token i (0-based, reasoning first, then answer) is due at
// `firstTokenAt + i / tokensPerSecond`; a chunk goes out when its LAST token is due, so the
// number of chunks is deterministic (ceil(tokens / chunkTokens) per part) whatever the timer
// jitter, and the achieved token rate matches the requested one.
import type { Piece } from './tokens';

export interface PlannedChunk {
  kind: 'reasoning' | 'content';
  text: string;
  tokens: number;
  /** Tokens generated once this chunk is out (cumulative over reasoning + answer). */
  endToken: number;
}

/**
 * Group pieces into chunks of `chunkTokens` tokens. A chunk never mixes reasoning and answer,
 * and always ends at a token count listed in `cuts` (disconnect / stall / malformed points),
 * so "after N tokens" is exact. A piece holding a split character is never divided, so a
 * chunk can exceed `chunkTokens` by the few tokens of one such character.
 */
export function planChunks(reasoning: Piece[], answer: Piece[], chunkTokens: number, cuts: number[]): PlannedChunk[] {
  const size = Math.max(1, Math.floor(chunkTokens) || 1);
  const chunks: PlannedChunk[] = [];
  let cum = 0;
  for (const [kind, pieces] of [['reasoning', reasoning], ['content', answer]] as const) {
    let cur: PlannedChunk | undefined;
    for (const p of pieces) {
      const start: number = cum;
      cur ??= { kind, text: '', tokens: 0, endToken: cum };
      cur.text += p.text;
      cur.tokens += p.tokens;
      cum += p.tokens;
      cur.endToken = cum;
      if (cur.tokens >= size || cuts.some((c) => c > start && c <= cum)) {
        chunks.push(cur);
        cur = undefined;
      }
    }
    if (cur) chunks.push(cur);
  }
  return chunks;
}

/** performance.now() time at which a chunk is due. */
export function chunkDueAt(firstTokenAt: number, tokensPerSecond: number | undefined, chunk: PlannedChunk): number {
  if (!tokensPerSecond || tokensPerSecond <= 0 || chunk.endToken <= 1) return firstTokenAt;
  return firstTokenAt + ((chunk.endToken - 1) * 1000) / tokensPerSecond;
}
