// One client for every provider, over the official `openai` SDK: the SDK builds and sends the
// request and maps HTTP errors; we read the SSE body ourselves (sse.ts) to survive malformed lines
// and to time every chunk. Retries only before the first token: 429 (honouring Retry-After, at most
// twice) and 5xx (once). Cancellation aborts the HTTP request, which closes the socket at once.
import type OpenAIType from 'openai';
import { StreamEvent } from '../stream/events';
import { hostOf } from '../redact';
import { ModelError, parseRetryAfter } from './modelError';
import { parseSseBatches } from './sse';
import { chunkEvents } from './chunkEvents';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  providerLabel: string;
  baseUrl: string;
  /** Undefined for local providers: no Authorization header is sent at all. */
  apiKey: string | undefined;
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  headers?: Record<string, string>;
  firstTokenTimeoutMs: number;
  /** Give up when no chunk arrives for this long after the first token (default: firstTokenTimeoutMs). */
  stallTimeoutMs?: number;
}

export interface StreamObserver {
  /** Called right before each HTTP attempt. */
  onAttempt?(attempt: number): void;
  onRetry?(attempt: number, waitMs: number, reason: string): void;
  onMalformed?(data: string): void;
}

const MAX_429_RETRIES = 2;
const MAX_5XX_RETRIES = 1;
const MAX_RETRY_WAIT_MS = 30_000;

/**
 * Headers the SDK itself sends that we let through; the request's own headers (x-grok-conv-id,
 * OpenRouter's attribution) are added by filteringFetch; anything else (e.g. from
 * OPENAI_CUSTOM_HEADERS) is dropped.
 */
const ALLOWED_HEADER = /^(authorization|content-type|accept|user-agent|x-stainless-[a-z-]+|idempotency-key)$/i;

function filteringFetch(apiKey: string | undefined, extra: Record<string, string>): typeof fetch {
  const allowed = new Set(Object.keys(extra).map(h => h.toLowerCase()));
  return (input, init) => {
    const headers = new Headers(init?.headers);
    for (const name of [...headers.keys()]) {
      if (!ALLOWED_HEADER.test(name) && !allowed.has(name)) headers.delete(name);
    }
    // Authorization and our own headers are set here, last: OPENAI_CUSTOM_HEADERS is merged into
    // the SDK's default headers and could otherwise replace them (e.g. send an env token instead).
    headers.delete('authorization');
    if (apiKey) headers.set('authorization', `Bearer ${apiKey}`);
    for (const [name, value] of Object.entries(extra)) headers.set(name, value);
    return fetch(input, { ...init, headers });
  };
}

let sdk: typeof import('openai') | undefined;
/**
 * The SDK is loaded on the first request (or by the prewarm), not at activation. A plain
 * require: the extension bundle maps it to dist/openai.js (esbuild.js), the tests to the package.
 */
async function loadSdk(): Promise<typeof import('openai')> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (sdk ??= require('openai') as typeof import('openai'));
}

export async function preloadSdk(): Promise<void> {
  await loadSdk();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ModelError('cancelled', 'Cancelled.'));
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(new ModelError('cancelled', 'Cancelled.')); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function* readBody(body: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

type AbortCause = 'user' | 'first-token' | 'stall' | 'consumer';

function describeConnectionError(e: unknown, baseUrl: string): string {
  const host = hostOf(baseUrl);
  let cause: unknown = e;
  for (let i = 0; i < 5 && cause && typeof cause === 'object'; i++) {
    const c = cause as { code?: string; message?: string; cause?: unknown };
    const code = c.code ?? '';
    if (code === 'ECONNREFUSED') return `Could not connect to ${host}: connection refused. Is the server running?`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Could not resolve ${host}. Check the base URL and your network.`;
    if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code) || /certificate/i.test(c.message ?? '')) {
      return `The TLS certificate of ${host} was not accepted (${code || c.message}).`;
    }
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `The connection to ${host} was reset.`;
    cause = c.cause;
  }
  return `Could not reach ${host}: ${(e as Error)?.message ?? String(e)}`;
}

function classifyHttpError(e: InstanceType<typeof OpenAIType.APIError>, req: ChatRequest): ModelError {
  const status = e.status ?? 0;
  const detail = ((e.error as { message?: string } | undefined)?.message ?? e.message ?? '').slice(0, 300);
  const retryAfterMs = parseRetryAfter(e.headers as Headers | undefined);
  if (status === 401 || status === 403) {
    return new ModelError('auth', `${req.providerLabel} rejected the API key (HTTP ${status}): ${detail}`, { status });
  }
  if (status === 404) {
    return new ModelError('not-found', `${req.providerLabel} does not know the model "${req.model}" (HTTP 404): ${detail}`, { status });
  }
  if (status === 429) {
    return new ModelError('rate-limit', `${req.providerLabel} is rate-limiting requests (HTTP 429): ${detail}`, { status, retryAfterMs });
  }
  if (status >= 500) return new ModelError('server', `${req.providerLabel} had a server error (HTTP ${status}): ${detail}`, { status });
  return new ModelError('bad-request', `${req.providerLabel} refused the request (HTTP ${status}): ${detail}`, { status });
}

/**
 * Streams one chat completion as typed events. Throws ModelError; `midStream` errors mean what was
 * yielded so far is a usable partial answer.
 */
export async function* streamChat(req: ChatRequest, signal: AbortSignal, observer: StreamObserver = {}): AsyncIterable<StreamEvent> {
  const { default: OpenAI, APIError, APIUserAbortError } = await loadSdk();
  let client: InstanceType<typeof OpenAI>;
  try {
    client = new OpenAI({
      // Every credential the SDK would otherwise read from the environment is set explicitly, so an
      // OPENAI_API_KEY / OPENAI_ORG_ID meant for OpenAI can never travel to another host.
      // The SDK refuses to start without a key; a local provider's requests carry none (the
      // Authorization header is removed below and in filteringFetch).
      apiKey: req.apiKey || 'no-key',
      adminAPIKey: null,
      organization: null,
      project: null,
      webhookSecret: null,
      baseURL: req.baseUrl,
      maxRetries: 0,
      timeout: 10 * 60 * 1000,
      logLevel: 'off',
      defaultHeaders: { ...(req.apiKey ? {} : { Authorization: null }), ...req.headers },
      fetch: filteringFetch(req.apiKey, req.headers ?? {}),
    } as ConstructorParameters<typeof OpenAI>[0]);
  } catch (e) {
    // E.g. a malformed OPENAI_CUSTOM_HEADERS in the environment: say so instead of a bare TypeError.
    throw new ModelError('bad-request', `The request could not be prepared: ${(e as Error).message}`);
  }
  const body: Record<string, unknown> = {
    model: req.model,
    messages: req.messages,
    stream: true,
    stream_options: { include_usage: true },
    [req.maxTokensField ?? 'max_tokens']: req.maxTokens,
  };

  let rateLimitRetries = 0;
  let serverRetries = 0;
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new ModelError('cancelled', 'Cancelled.');
    const controller = new AbortController();
    let cause: AbortCause | undefined;
    const abort = (why: AbortCause) => { cause ??= why; controller.abort(); };
    const onUserAbort = () => abort('user');
    signal.addEventListener('abort', onUserAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort('first-token'), req.firstTokenTimeoutMs);
    const stallMs = req.stallTimeoutMs ?? req.firstTokenTimeoutMs;
    let gotToken = false;
    const cleanup = () => { clearTimeout(timer); signal.removeEventListener('abort', onUserAbort); };
    const abortedError = (): ModelError => {
      if (cause === 'first-token') return new ModelError('timeout', `No answer from ${req.providerLabel} within ${Math.round(req.firstTokenTimeoutMs / 1000)} s.`);
      if (cause === 'stall') return new ModelError('stalled', `${req.providerLabel} stopped sending for ${Math.round(stallMs / 1000)} s; kept what arrived.`, { midStream: true });
      return new ModelError('cancelled', 'Cancelled.', { midStream: gotToken });
    };

    observer.onAttempt?.(attempt);
    let response: Response;
    try {
      response = await client.chat.completions.create(body as never, { signal: controller.signal }).asResponse();
    } catch (e) {
      cleanup();
      if (cause || e instanceof APIUserAbortError) throw abortedError();
      if (!(e instanceof APIError) || e.status === undefined) throw new ModelError('connection', describeConnectionError(e, req.baseUrl));
      const error = classifyHttpError(e, req);
      const canRetry = (error.kind === 'rate-limit' && rateLimitRetries < MAX_429_RETRIES) || (error.kind === 'server' && serverRetries < MAX_5XX_RETRIES);
      if (!canRetry) throw error;
      if (error.kind === 'rate-limit') rateLimitRetries++; else serverRetries++;
      const waitMs = Math.min(MAX_RETRY_WAIT_MS, error.retryAfterMs ?? (error.kind === 'rate-limit' ? 1000 * 2 ** (rateLimitRetries - 1) : 500));
      observer.onRetry?.(attempt, waitMs, error.message);
      await sleep(waitMs, signal);
      continue;
    }

    try {
      if (!response.body) throw new ModelError('server', `${req.providerLabel} sent an empty response.`);
      const type = response.headers.get('content-type') ?? '';
      if (type.includes('application/json')) {
        // Some servers answer a stream request with one JSON error (or a whole completion).
        const json = await response.json() as { error?: { message?: string } };
        throw new ModelError('server', `${req.providerLabel} answered without streaming: ${json.error?.message ?? JSON.stringify(json).slice(0, 200)}`);
      }
      const events = chunkEvents(parseSseBatches(readBody(response.body)), data => observer.onMalformed?.(data));
      for await (const event of events) {
        if (!gotToken && (event.kind === 'text' || event.kind === 'reasoning')) gotToken = true;
        if (gotToken) {
          clearTimeout(timer);
          timer = setTimeout(() => abort('stall'), stallMs);
        }
        yield event;
      }
      return;
    } catch (e) {
      if (cause === 'consumer') return;
      if (cause) throw abortedError();
      if (e instanceof ModelError) throw e;
      throw new ModelError('connection', `The connection to ${hostOf(req.baseUrl)} was lost mid-answer; kept what arrived.`, { midStream: true });
    } finally {
      // Also runs when the consumer stops iterating early: release the socket.
      if (!controller.signal.aborted) abort('consumer');
      cleanup();
    }
  }
}
