// Provider usage blocks → one `Usage` shape. The dialects disagree on exactly the two points that
// make peers' cost figures wrong by 2× in both directions (see /work/shared/docs/peers.md):
//   * cached tokens: every dialect here reports them as a PART of the prompt count (never extra),
//     so `input` is all prompt tokens and `cachedInput` ⊆ `input`;
//   * reasoning: xAI's `completion_tokens` EXCLUDES reasoning (recorded: prompt 213, cached 192,
//     completion 27, reasoning 133, total 373); OpenAI, OpenRouter, Groq, DeepSeek and llama.cpp
//     count it INSIDE `completion_tokens`.
// We normalise to: output = visible answer only, reasoning separate, both billed as output.
// Pure TypeScript: no `vscode` import (unit-tested in plain Node).
import type { RawUsage } from '../stream/events';
import type { UsageDialect } from '../model/providers';

export interface Usage {
  /** ALL prompt tokens, cached included. */
  input: number;
  /** The part of `input` served from the provider's cache (always ≤ input). */
  cachedInput: number;
  /** Visible answer tokens (reasoning EXCLUDED). */
  output: number;
  /** Reasoning tokens (billed as output, never written to the document). */
  reasoning: number;
  /** True when some figure is our own estimate (no usage from the provider, or a cut stream). */
  estimated: boolean;
  /** Provider-reported cost in USD (OpenRouter `usage.cost`): wins over our computation. */
  reportedCostUsd?: number;
}

/** Dialects whose `completion_tokens` already contain the reasoning tokens. */
const REASONING_INSIDE: Readonly<Record<UsageDialect, boolean>> = {
  xai: false,
  openrouter: true,
  openai: true,
  deepseek: true,
  groq: true,
  llamacpp: true,
  // LM Studio sends no usage in streams; if a build ever does, it is the plain OpenAI shape.
  none: true,
};

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** A usable token count: finite and ≥ 0 (negative / NaN / strings / null → undefined). */
function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

function firstCount(...values: unknown[]): number | undefined {
  for (const v of values) {
    const n = count(v);
    if (n !== undefined) return n;
  }
  return undefined;
}

/** Where a usage object hides its counts: top level, or Groq's `x_groq.usage`. */
function usageBody(raw: RawUsage): Obj {
  const top = obj(raw) ?? {};
  const hasOwn = ['prompt_tokens', 'completion_tokens', 'input_tokens', 'output_tokens'].some((k) => count(top[k]) !== undefined);
  if (hasOwn) return top;
  const groq = obj(obj(top.x_groq)?.usage);
  return groq ?? top;
}

/**
 * Normalise one provider usage block. Defensive: missing / null / malformed fields count as 0,
 * never NaN; cachedInput ≤ input; where reasoning is inside completion, reasoning ≤ completion.
 *
 * Reasoning inside or outside `completion_tokens`: the dialect decides by default, but when
 * `total_tokens` is present and agrees with exactly one reading (prompt + completion = total →
 * inside; prompt + completion + reasoning = total → outside) the arithmetic wins. That keeps the
 * count right when a custom endpoint or proxy speaks another dialect than its preset says.
 */
export function normalizeUsage(raw: RawUsage, dialect: UsageDialect): Usage {
  const u = usageBody(raw);
  const promptDetails = obj(u.prompt_tokens_details) ?? obj(u.input_tokens_details);
  const completionDetails = obj(u.completion_tokens_details) ?? obj(u.output_tokens_details);
  const timings = obj(u.timings);

  // Prompt tokens (all, cached included).
  const hit = count(u.prompt_cache_hit_tokens);
  const miss = count(u.prompt_cache_miss_tokens);
  let prompt = firstCount(u.prompt_tokens, u.input_tokens);
  if (prompt === undefined && (hit !== undefined || miss !== undefined)) prompt = (hit ?? 0) + (miss ?? 0);
  // llama.cpp: timings.prompt_n is what was evaluated, cache_n what came from the KV cache.
  const timingPrompt = timings && (count(timings.prompt_n) !== undefined || count(timings.cache_n) !== undefined)
    ? (count(timings.prompt_n) ?? 0) + (count(timings.cache_n) ?? 0) : undefined;
  if (timingPrompt !== undefined) prompt = Math.max(prompt ?? 0, timingPrompt);

  let cached = firstCount(
    promptDetails?.cached_tokens,
    hit,
    u.cached_tokens,
    u.cache_read_input_tokens,
    timings?.cache_n,
  );

  // Completion tokens as reported, and reasoning tokens.
  const completion = firstCount(u.completion_tokens, u.output_tokens, timings?.predicted_n);
  let reasoning = firstCount(completionDetails?.reasoning_tokens, u.reasoning_tokens) ?? 0;

  const input = prompt ?? 0;
  cached = Math.min(cached ?? 0, input);
  const completionN = completion ?? 0;

  let inside = REASONING_INSIDE[dialect] ?? true;
  const total = count(u.total_tokens);
  if (total !== undefined && prompt !== undefined && completion !== undefined && reasoning > 0) {
    const insideFits = total === prompt + completion;
    const outsideFits = total === prompt + completion + reasoning;
    if (insideFits !== outsideFits) inside = insideFits;
  }

  let output: number;
  if (inside) {
    reasoning = Math.min(reasoning, completionN);
    output = completionN - reasoning;
  } else {
    output = completionN;
  }

  const usage: Usage = {
    input,
    cachedInput: cached,
    output,
    reasoning,
    // No counts at all (LM Studio, an empty block): every figure would have to be estimated.
    estimated: prompt === undefined && completion === undefined,
  };
  const cost = reportedCost(obj(raw) ?? {}, u);
  if (cost !== undefined) usage.reportedCostUsd = cost;
  return usage;
}

/**
 * OpenRouter's `usage.cost` is what was charged to the account. With BYOK (`is_byok: true`) that
 * is only OpenRouter's fee and the provider's bill is `cost_details.upstream_inference_cost`, so
 * the honest figure is their sum. (Without BYOK OpenRouter repeats the cost upstream: not added.)
 */
function reportedCost(top: Obj, u: Obj): number | undefined {
  const source = count(top.cost) !== undefined ? top : u;
  const cost = count(source.cost);
  if (cost === undefined) return undefined;
  const upstream = count(obj(source.cost_details)?.upstream_inference_cost);
  return source.is_byok === true && upstream !== undefined ? cost + upstream : cost;
}

/** A Usage made entirely of our own estimates (no usage from the provider, or a cut stream). */
export function estimatedUsage(input: number, output: number, reasoning: number): Usage {
  const n = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
  return { input: n(input), cachedInput: 0, output: n(output), reasoning: n(reasoning), estimated: true };
}
