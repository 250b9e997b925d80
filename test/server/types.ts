// Public types of the fake provider server. Kept apart from the server so the
// dialect, token and responder modules can share them without import cycles.

/** Every provider the fake can imitate; the first path segment of a request picks one. */
export const DIALECTS = [
  'xai',
  'openrouter',
  'openai',
  'deepseek',
  'lmstudio',
  'groq',
  'ollama',
  'llamacpp',
  'mistral',
  'cerebras',
] as const;

export type Dialect = (typeof DIALECTS)[number];

export function isDialect(s: string): s is Dialect {
  return (DIALECTS as readonly string[]).includes(s);
}

/** What the fake answers to one chat request. Every field is optional. */
export interface ReplyScript {
  /** The answer content (default: 'ok'). */
  text?: string;
  /** Reasoning text, streamed BEFORE the answer in the dialect's field (hidden but counted for openai/mistral). */
  reasoning?: string;
  /** Pacing of (reasoning + answer) tokens; 0/undefined = as fast as possible. */
  tokensPerSecond?: number;
  /** Delay between request arrival and the first token (also delays a scripted error). */
  ttftMs?: number;
  /** Tokens per SSE chunk (default 1). */
  chunkTokens?: number;
  /** Split every socket write into writes of N bytes, one event-loop turn apart (UTF-8 splits across reads). Slows the stream. */
  writeChunkBytes?: number;
  /** Answer with this HTTP error instead of a completion (401, 403, 404, 429, 500, 503 ...). */
  status?: number;
  /** Seconds → `Retry-After` header (with status 429). */
  retryAfter?: number;
  /** Message inside the OpenAI-style error body {error:{message,type,code}}. */
  errorMessage?: string;
  /** Destroy the socket abruptly after N tokens (no [DONE], no usage). */
  disconnectAfterTokens?: number;
  /** Stop sending after N tokens but keep the connection open until the client goes. */
  stallAfterTokens?: number;
  /** Streams only: after N tokens emit ONE malformed line `data: {"choices":[{"delta":` then continue normally. */
  malformedAfterTokens?: number;
  /** xAI quirk: put usage on the finish_reason chunk instead of a trailing choices:[] chunk (any dialect that sends usage). */
  usageInSecondToLast?: boolean;
  /** Default 'stop'. */
  finishReason?: string;
  /** Override the counted prompt tokens. */
  promptTokens?: number;
}

export interface RecordedRequest {
  /**
   * The dialect named by the URL prefix. For a request whose prefix is NOT a dialect
   * (answered 404) this holds that raw prefix string, so such requests are still visible.
   */
  dialect: Dialect;
  method: string;
  /** Path as requested, including the dialect prefix and any query string. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON (or the raw string if not JSON; undefined when there was no body). */
  body: any;
  /** performance.now() when the request's body finished arriving. */
  receivedAt: number;
  /** When the first token was written. */
  firstByteAt?: number;
  /** When the last token was written. */
  lastTokenAt?: number;
  /** When the response closed (client abort, server disconnect or normal end). */
  closedAt?: number;
  /** The client closed the connection before the server finished. */
  clientAborted: boolean;
  /** Tokens generated so far: written ones, plus hidden reasoning tokens whose time has come. */
  tokensSent: number;
  /** The script that answered it ({} for /models and routing errors). */
  script: ReplyScript;
  /** The usage object sent (if any). */
  usage?: object;
  /** HTTP status answered. */
  status?: number;
}

/** USD per million tokens, used for OpenRouter's `usage.cost`. */
export interface Prices {
  input: number;
  cachedInput: number;
  output: number;
}
