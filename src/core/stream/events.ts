// The typed events a model stream is reduced to, whatever the provider's dialect. Every stage after
// the model client sees only these, so provider quirks stay in one place (chunkEvents.ts).

/** Usage exactly as the provider reported it (field names vary by dialect; see usage.ts). */
export type RawUsage = Record<string, unknown>;

export type StreamEvent =
  /** A piece of the answer (what may end up in the document after cleaning). */
  | { kind: 'text'; text: string; at: number }
  /** A piece of the model's reasoning: metered, never written to the document. */
  | { kind: 'reasoning'; text: string; at: number }
  /** The provider's usage block (may arrive before the last content chunk). */
  | { kind: 'usage'; usage: RawUsage; at: number }
  /** The stream ended normally. */
  | { kind: 'end'; finishReason: string | null; at: number };
