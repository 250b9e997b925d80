// Provider presets: where each provider lives, its default coding model, where its key comes from
// and which usage dialect it speaks (see usage.ts). Data, not logic: models and prices change often,
// so the default model is only a starting point and the live /models list wins (Select Model).

export type ProviderId =
  | 'xai' | 'openrouter' | 'groq' | 'cerebras' | 'openai' | 'deepseek' | 'mistral'
  | 'ollama' | 'lmstudio' | 'llamacpp' | 'custom';

/** How a provider reports usage in a stream; decides how tokens are normalised and priced. */
export type UsageDialect = 'xai' | 'openrouter' | 'openai' | 'deepseek' | 'groq' | 'llamacpp' | 'none';

export interface ProviderPreset {
  id: ProviderId;
  label: string;
  baseUrl: string;
  defaultModel: string;
  /** Environment variable used when no key is stored in SecretStorage. */
  keyEnvVar?: string;
  /** Local servers run without a key. */
  needsKey: boolean;
  dialect: UsageDialect;
  /** Shown by Select Model when the provider has no /models endpoint or it fails. */
  fallbackModels: string[];
  /** Extra headers the provider documents (e.g. OpenRouter's attribution). */
  headers?: Record<string, string>;
  /** The provider keeps a prompt cache per conversation id header. */
  conversationHeader?: string;
}

export const PROVIDERS: Readonly<Record<ProviderId, ProviderPreset>> = {
  xai: {
    id: 'xai', label: 'xAI', baseUrl: 'https://api.x.ai/v1', defaultModel: 'grok-code-fast-1',
    keyEnvVar: 'XAI_API_KEY', needsKey: true, dialect: 'xai', conversationHeader: 'x-grok-conv-id',
    fallbackModels: ['grok-code-fast-1', 'grok-4.3', 'grok-4-fast-non-reasoning'],
  },
  openrouter: {
    id: 'openrouter', label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', defaultModel: 'x-ai/grok-code-fast-1',
    keyEnvVar: 'OPENROUTER_API_KEY', needsKey: true, dialect: 'openrouter',
    headers: { 'HTTP-Referer': 'https://github.com/fast-inline/fast-inline', 'X-Title': 'Fast Inline' },
    fallbackModels: ['x-ai/grok-code-fast-1', 'openai/gpt-oss-120b', 'qwen/qwen3-coder'],
  },
  groq: {
    id: 'groq', label: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', defaultModel: 'openai/gpt-oss-120b',
    keyEnvVar: 'GROQ_API_KEY', needsKey: true, dialect: 'groq',
    fallbackModels: ['openai/gpt-oss-120b', 'openai/gpt-oss-20b', 'moonshotai/kimi-k2-instruct'],
  },
  cerebras: {
    id: 'cerebras', label: 'Cerebras', baseUrl: 'https://api.cerebras.ai/v1', defaultModel: 'gpt-oss-120b',
    keyEnvVar: 'CEREBRAS_API_KEY', needsKey: true, dialect: 'openai',
    fallbackModels: ['gpt-oss-120b', 'qwen-3-coder-480b'],
  },
  openai: {
    id: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', defaultModel: 'gpt-5-mini',
    keyEnvVar: 'OPENAI_API_KEY', needsKey: true, dialect: 'openai',
    fallbackModels: ['gpt-5-mini', 'gpt-5', 'gpt-4.1-mini'],
  },
  deepseek: {
    id: 'deepseek', label: 'DeepSeek', baseUrl: 'https://api.deepseek.com', defaultModel: 'deepseek-chat',
    keyEnvVar: 'DEEPSEEK_API_KEY', needsKey: true, dialect: 'deepseek',
    fallbackModels: ['deepseek-chat', 'deepseek-reasoner'],
  },
  mistral: {
    id: 'mistral', label: 'Mistral', baseUrl: 'https://api.mistral.ai/v1', defaultModel: 'codestral-latest',
    keyEnvVar: 'MISTRAL_API_KEY', needsKey: true, dialect: 'openai',
    fallbackModels: ['codestral-latest', 'devstral-medium-latest', 'mistral-medium-latest'],
  },
  ollama: {
    id: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', defaultModel: 'qwen2.5-coder:7b',
    needsKey: false, dialect: 'openai', fallbackModels: ['qwen2.5-coder:7b'],
  },
  lmstudio: {
    id: 'lmstudio', label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', defaultModel: 'local-model',
    needsKey: false, dialect: 'none', fallbackModels: ['local-model'],
  },
  llamacpp: {
    id: 'llamacpp', label: 'llama.cpp server', baseUrl: 'http://localhost:8080/v1', defaultModel: 'local-model',
    needsKey: false, dialect: 'llamacpp', fallbackModels: ['local-model'],
  },
  custom: {
    id: 'custom', label: 'Custom endpoint', baseUrl: 'http://localhost:8000/v1', defaultModel: '',
    keyEnvVar: 'FAST_INLINE_API_KEY', needsKey: false, dialect: 'openai', fallbackModels: [],
  },
};

export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROVIDERS, value);
}

export function getProvider(id: unknown): ProviderPreset {
  return isProviderId(id) ? PROVIDERS[id] : PROVIDERS.xai;
}
