// The provider's live model list (GET /models), so a renamed or retired model is visible the day
// it happens; the preset's fallback list covers providers without the endpoint.
import { ProviderPreset } from './providers';
import { hostOf } from '../redact';

export interface ModelListResult {
  models: string[];
  /** 'live' from the provider; 'fallback' when the endpoint is missing or failed (with the reason). */
  source: 'live' | 'fallback';
  problem?: string;
}

export async function listModels(baseUrl: string, apiKey: string | undefined, preset: ProviderPreset, signal?: AbortSignal): Promise<ModelListResult> {
  try {
    const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/models`, {
      headers: { Accept: 'application/json', ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}) },
      signal: signal ?? AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = await response.json() as { data?: { id?: unknown }[]; models?: { id?: unknown; name?: unknown }[] };
    const items = body.data ?? body.models ?? [];
    const models = items.map(m => (typeof m.id === 'string' ? m.id : typeof (m as { name?: unknown }).name === 'string' ? (m as { name: string }).name : ''))
      .filter(Boolean).sort((a, b) => a.localeCompare(b));
    if (models.length === 0) throw new Error('the list is empty');
    return { models, source: 'live' };
  } catch (e) {
    return { models: [...preset.fallbackModels], source: 'fallback', problem: `${hostOf(baseUrl)}: ${(e as Error).message}` };
  }
}
