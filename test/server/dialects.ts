// Per-provider differences on the wire, as data. Everything the extension has to cope with
// between "OpenAI-compatible" providers lives here: where reasoning streams, whether and
// where usage arrives, what the usage object holds, and vendor extras (x_groq, timings).
// Sources: /work/shared/docs/providers.md (recorded exchanges and provider docs).
import type { Dialect, Prices } from './types';

/** The numbers one reply's usage is built from. */
export interface Counts {
  prompt: number;
  cached: number;
  /** Reasoning tokens generated (streamed or hidden). */
  reasoning: number;
  /** Answer tokens generated. */
  answer: number;
  /** Request arrival → first token, ms. */
  promptMs: number;
  /** First token → last token, ms. */
  generationMs: number;
}

export interface DialectSpec {
  /** Delta / message field that carries reasoning; null = reasoning is hidden but billed. */
  reasoningField: 'reasoning_content' | 'reasoning' | null;
  /** When a stream carries usage: only on `stream_options.include_usage`, always, or never. */
  streamUsage: 'include_usage' | 'always' | 'never';
  /** Usage rides on the finish_reason chunk instead of a trailing `choices: []` chunk. */
  usageOnFinishChunk: boolean;
  /** With include_usage, every chunk without usage says `"usage": null` (OpenAI does). */
  nullUsageOnChunks: boolean;
  /** SSE comment line sent while the first token is awaited (OpenRouter keep-alive). */
  processingComment?: string;
  /** Usage object; undefined = this provider never reports usage. */
  usage(c: Counts, prices: Prices): object | undefined;
  /** Extra top-level fields for the last chunk of a stream, and the non-stream completion. */
  extras?(c: Counts, requestId: string): Record<string, unknown>;
  /** Default `/models` list and its `owned_by`. */
  models: string[];
  ownedBy: string;
}

/** Plain OpenAI usage; completion_tokens INCLUDES reasoning (what most servers do). */
function standardUsage(c: Counts) {
  const completion = c.answer + c.reasoning;
  return { prompt_tokens: c.prompt, completion_tokens: completion, total_tokens: c.prompt + completion };
}

const seconds = (ms: number) => Math.round(ms) / 1000;

export const DIALECT_SPECS: Record<Dialect, DialectSpec> = {
  xai: {
    reasoningField: 'reasoning_content',
    streamUsage: 'include_usage',
    usageOnFinishChunk: false,
    nullUsageOnChunks: false,
    // xAI's completion_tokens EXCLUDES reasoning; total adds it back (recorded: prompt 213,
    // cached 192, completion 27, reasoning 133, total 373).
    usage: (c) => ({
      prompt_tokens: c.prompt,
      completion_tokens: c.answer,
      total_tokens: c.prompt + c.answer + c.reasoning,
      prompt_tokens_details: { text_tokens: c.prompt, audio_tokens: 0, image_tokens: 0, cached_tokens: c.cached },
      completion_tokens_details: {
        reasoning_tokens: c.reasoning,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
      num_sources_used: 0,
    }),
    models: ['grok-code-fast-1', 'grok-4', 'grok-4-fast-reasoning', 'grok-4-fast-non-reasoning', 'grok-3-mini'],
    ownedBy: 'xai',
  },
  openrouter: {
    reasoningField: 'reasoning',
    streamUsage: 'always',
    usageOnFinishChunk: false,
    nullUsageOnChunks: false,
    processingComment: ': OPENROUTER PROCESSING',
    // Usage always arrives, with the billed `cost` in USD; completion includes reasoning.
    usage: (c, p) => {
      const completion = c.answer + c.reasoning;
      const cost = ((c.prompt - c.cached) * p.input + c.cached * p.cachedInput + completion * p.output) / 1e6;
      return {
        prompt_tokens: c.prompt,
        completion_tokens: completion,
        total_tokens: c.prompt + completion,
        cost,
        is_byok: false,
        prompt_tokens_details: { cached_tokens: c.cached, audio_tokens: 0 },
        cost_details: { upstream_inference_cost: null },
        completion_tokens_details: { reasoning_tokens: c.reasoning, image_tokens: 0 },
      };
    },
    models: ['x-ai/grok-code-fast-1', 'x-ai/grok-4', 'openai/gpt-5-mini', 'deepseek/deepseek-chat', 'qwen/qwen3-coder'],
    ownedBy: 'openrouter',
  },
  openai: {
    // Reasoning models think without streaming the thoughts; the tokens are still billed.
    reasoningField: null,
    streamUsage: 'include_usage',
    usageOnFinishChunk: false,
    nullUsageOnChunks: true,
    usage: (c) => ({
      ...standardUsage(c),
      prompt_tokens_details: { cached_tokens: c.cached, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: c.reasoning,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    }),
    models: ['gpt-5-mini', 'gpt-5', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4o-mini'],
    ownedBy: 'openai',
  },
  deepseek: {
    reasoningField: 'reasoning_content',
    streamUsage: 'include_usage',
    usageOnFinishChunk: false,
    nullUsageOnChunks: false,
    usage: (c) => ({
      ...standardUsage(c),
      prompt_tokens_details: { cached_tokens: c.cached },
      prompt_cache_hit_tokens: c.cached,
      prompt_cache_miss_tokens: c.prompt - c.cached,
      completion_tokens_details: { reasoning_tokens: c.reasoning },
    }),
    models: ['deepseek-chat', 'deepseek-reasoner'],
    ownedBy: 'deepseek',
  },
  lmstudio: {
    reasoningField: 'reasoning_content',
    // LM Studio sends no usage at all in streams (and we omit it in non-stream too): estimate.
    streamUsage: 'never',
    usageOnFinishChunk: false,
    nullUsageOnChunks: false,
    usage: () => undefined,
    models: ['qwen2.5-coder-7b-instruct', 'openai/gpt-oss-20b'],
    ownedBy: 'organization_owner',
  },
  groq: {
    reasoningField: 'reasoning',
    streamUsage: 'include_usage',
    usageOnFinishChunk: false,
    nullUsageOnChunks: false,
    usage: (c) => standardUsage(c),
    // Groq reports server timings (seconds) under x_groq on the last chunk.
    extras: (c, requestId) => ({
      x_groq: {
        id: requestId,
        usage: {
          ...standardUsage(c),
          queue_time: 0.0001,
          prompt_time: seconds(c.promptMs),
          completion_time: seconds(c.generationMs),
          total_time: seconds(c.promptMs + c.generationMs),
        },
      },
    }),
    models: ['openai/gpt-oss-120b', 'openai/gpt-oss-20b', 'llama-3.3-70b-versatile', 'moonshotai/kimi-k2-instruct'],
    ownedBy: 'groq',
  },
  ollama: {
    reasoningField: 'reasoning',
    streamUsage: 'include_usage',
    usageOnFinishChunk: false,
    nullUsageOnChunks: false,
    usage: (c) => standardUsage(c),
    models: ['qwen2.5-coder:7b', 'gpt-oss:20b'],
    ownedBy: 'library',
  },
  llamacpp: {
    reasoningField: 'reasoning_content',
    // llama.cpp's server reports usage on its final chunk whether asked or not, plus timings.
    streamUsage: 'always',
    usageOnFinishChunk: true,
    nullUsageOnChunks: false,
    usage: (c) => standardUsage(c),
    extras: (c) => {
      const predicted = c.answer + c.reasoning;
      const promptN = c.prompt - c.cached;
      return {
        timings: {
          cache_n: c.cached,
          prompt_n: promptN,
          prompt_ms: c.promptMs,
          prompt_per_token_ms: promptN ? c.promptMs / promptN : 0,
          prompt_per_second: c.promptMs ? (promptN * 1000) / c.promptMs : 0,
          predicted_n: predicted,
          predicted_ms: c.generationMs,
          predicted_per_token_ms: predicted ? c.generationMs / predicted : 0,
          predicted_per_second: c.generationMs ? (predicted * 1000) / c.generationMs : 0,
        },
      };
    },
    models: ['qwen2.5-coder-7b-instruct-q4_k_m.gguf'],
    ownedBy: 'llamacpp',
  },
  mistral: {
    // Magistral's thinking arrives as structured content parts; we keep it hidden (billed only).
    reasoningField: null,
    streamUsage: 'include_usage',
    usageOnFinishChunk: false,
    nullUsageOnChunks: false,
    usage: (c) => standardUsage(c),
    models: ['codestral-latest', 'devstral-medium-latest', 'mistral-large-latest'],
    ownedBy: 'mistralai',
  },
  cerebras: {
    reasoningField: 'reasoning',
    streamUsage: 'include_usage',
    usageOnFinishChunk: false,
    nullUsageOnChunks: false,
    usage: (c) => ({ ...standardUsage(c), prompt_tokens_details: { cached_tokens: c.cached } }),
    models: ['gpt-oss-120b', 'qwen-3-coder-480b', 'llama-3.3-70b'],
    ownedBy: 'Cerebras',
  },
};

/** Default per-dialect `/models` lists (a fresh copy, so tests may mutate it). */
export function defaultModels(): Record<Dialect, string[]> {
  const out = {} as Record<Dialect, string[]>;
  for (const d of Object.keys(DIALECT_SPECS) as Dialect[]) out[d] = [...DIALECT_SPECS[d].models];
  return out;
}
