// The one price table: data, not logic. Prices change often (xAI re-pointed grok-code-fast-1 to
// grok-4.3 on 2026-05-15 at 6× the input price), so every entry carries the date it applies from,
// and a request is priced with the latest entry dated on or before the request. The user's
// `fastInline.pricing` setting overrides the table. USD per million tokens.
// Source: /work/shared/docs/providers.md. Pure TypeScript: no `vscode` import.
import type { ProviderId } from '../model/providers';

export interface Price {
  input: number;
  cachedInput: number;
  output: number;
  /** Date (YYYY-MM-DD) of the table entry used; 'settings' for a user override. */
  asOf: string;
  source: 'table' | 'settings';
}

/** From the `fastInline.pricing` setting, keyed "provider/model" or "model". */
export interface PriceOverride {
  input: number;
  cachedInput?: number;
  output: number;
}

export interface PriceEntry {
  /** Who bills: a ProviderId, or a vendor without a preset (reachable through 'custom'). */
  provider: ProviderId | 'inception';
  /** Model id as the provider spells it; a trailing '*' makes it a prefix ('*' = any model). */
  model: string;
  /** Other names the provider answers to for the same model. */
  aliases?: readonly string[];
  /** YYYY-MM-DD: the price applies from this date (also shown as "as of"). */
  from: string;
  input: number;
  /** Omitted = the provider has no cache discount: cached input is billed at `input`. */
  cachedInput?: number;
  output: number;
  note?: string;
}

/**
 * Date the undated prices below were copied from providers.md. The providers' own effective dates
 * are unknown; a request older than every entry is priced with the oldest entry (best knowledge).
 */
const COMPILED = '2026-11-22';
const GROK_CODE_FAST_ALIASES = ['grok-code-fast', 'grok-code-fast-1-0825'];

export const PRICE_TABLE: readonly PriceEntry[] = [
  // xAI
  { provider: 'xai', model: 'grok-code-fast-1', aliases: GROK_CODE_FAST_ALIASES, from: '2025-08-28', input: 0.20, cachedInput: 0.02, output: 1.50, note: 'launch price' },
  { provider: 'xai', model: 'grok-code-fast-1', aliases: GROK_CODE_FAST_ALIASES, from: '2026-05-15', input: 1.25, output: 2.50, note: 'model retired; the name is served by grok-4.3 (no cached price published in our sources)' },
  { provider: 'xai', model: 'grok-4.3', from: '2026-05-15', input: 1.25, output: 2.50 },
  // OpenRouter passes the upstream provider's prices through (and reports the billed cost, which
  // wins over these figures); the 2026-05-15 change is assumed to follow xAI's.
  { provider: 'openrouter', model: 'x-ai/grok-code-fast-1', from: '2025-08-28', input: 0.20, cachedInput: 0.02, output: 1.50 },
  { provider: 'openrouter', model: 'x-ai/grok-code-fast-1', from: '2026-05-15', input: 1.25, output: 2.50, note: 'assumed to follow xAI' },
  // Others from the providers.md table.
  { provider: 'groq', model: 'openai/gpt-oss-120b', from: COMPILED, input: 0.15, output: 0.60 },
  { provider: 'cerebras', model: 'gpt-oss-120b', from: COMPILED, input: 0.35, output: 0.75 },
  { provider: 'deepseek', model: 'deepseek-chat', from: COMPILED, input: 0.28, cachedInput: 0.028, output: 0.42 },
  { provider: 'openai', model: 'gpt-5-mini', from: COMPILED, input: 0.25, cachedInput: 0.025, output: 2.00 },
  { provider: 'mistral', model: 'codestral-latest', from: COMPILED, input: 0.30, output: 0.90 },
  { provider: 'inception', model: 'mercury-2', from: COMPILED, input: 0.25, output: 0.75, note: 'no preset; used through a custom endpoint' },
  // Local servers: free whatever the model.
  { provider: 'ollama', model: '*', from: '2000-01-01', input: 0, cachedInput: 0, output: 0 },
  { provider: 'lmstudio', model: '*', from: '2000-01-01', input: 0, cachedInput: 0, output: 0 },
  { provider: 'llamacpp', model: '*', from: '2000-01-01', input: 0, cachedInput: 0, output: 0 },
];

const norm = (s: string) => s.trim().toLowerCase();

/** How well an entry's model matches: exact / alias beats any prefix; longer prefix beats shorter. */
function matchRank(entry: PriceEntry, model: string): number {
  const names = [entry.model, ...(entry.aliases ?? [])].map(norm);
  if (names.includes(model)) return Number.MAX_SAFE_INTEGER;
  let best = -1;
  for (const name of names) {
    if (name.endsWith('*') && model.startsWith(name.slice(0, -1))) best = Math.max(best, name.length - 1);
  }
  return best;
}

/** YYYY-MM-DD of a Date in UTC (entries' dates are compared as UTC days). */
function day(at: Date): string {
  return Number.isNaN(at.getTime()) ? new Date().toISOString().slice(0, 10) : at.toISOString().slice(0, 10);
}

/**
 * The table entry for provider + model at a date: the best-matching model name, then the latest
 * entry dated ≤ the date (or the oldest if the request predates them all). The 'custom' provider
 * has no entries of its own, so its model is looked up across all vendors (e.g. mercury-2).
 */
export function findPriceEntry(provider: ProviderId, model: string, at: Date = new Date()): PriceEntry | undefined {
  const wanted = norm(model);
  if (!wanted) return undefined;
  let best: PriceEntry | undefined;
  let bestRank = -1;
  for (const entry of PRICE_TABLE) {
    if (provider !== 'custom' && entry.provider !== provider) continue;
    if (provider === 'custom' && entry.model.endsWith('*')) continue; // no wildcard for unknown servers
    const rank = matchRank(entry, wanted);
    if (rank > bestRank) { best = entry; bestRank = rank; }
  }
  if (!best) return undefined;
  const same = PRICE_TABLE.filter((e) => e.provider === best!.provider && e.model === best!.model)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const today = day(at);
  let chosen = same[0];
  for (const e of same) if (e.from <= today) chosen = e;
  return chosen;
}

/** A valid override (finite, ≥ 0 numbers) or undefined; cachedInput defaults to input. */
export function validPriceOverride(v: unknown): PriceOverride | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (!ok(o.input) || !ok(o.output)) return undefined;
  if (o.cachedInput !== undefined && !ok(o.cachedInput)) return undefined;
  return { input: o.input, output: o.output, cachedInput: o.cachedInput === undefined ? undefined : o.cachedInput };
}

function findOverride(overrides: Record<string, PriceOverride>, provider: ProviderId, names: string[]): PriceOverride | undefined {
  const byKey = new Map<string, unknown>();
  for (const [k, v] of Object.entries(overrides)) byKey.set(norm(k), v);
  const keys = [...names.map((n) => `${provider}/${n}`), ...names];
  for (const key of keys) {
    const o = validPriceOverride(byKey.get(key));
    if (o) return o;
  }
  return undefined;
}

/**
 * The price of a request: the user's override ("provider/model" first, then "model"; the model's
 * canonical name also matches an alias), else the table entry in force at `at` (default: now).
 * undefined = unknown price (the UI says so; it is never guessed).
 */
export function lookupPrice(
  provider: ProviderId,
  model: string,
  overrides?: Record<string, PriceOverride>,
  at: Date = new Date(),
): Price | undefined {
  const entry = findPriceEntry(provider, model, at);
  if (overrides && typeof overrides === 'object') {
    const names = [norm(model)];
    if (entry && !entry.model.endsWith('*') && norm(entry.model) !== names[0]) names.push(norm(entry.model));
    const o = findOverride(overrides, provider, names);
    if (o) return { input: o.input, cachedInput: o.cachedInput ?? o.input, output: o.output, asOf: 'settings', source: 'settings' };
  }
  if (!entry) return undefined;
  return { input: entry.input, cachedInput: entry.cachedInput ?? entry.input, output: entry.output, asOf: entry.from, source: 'table' };
}
