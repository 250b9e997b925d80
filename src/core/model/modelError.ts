// Every way a model request can fail, as one error type with a kind the UI maps to a clear,
// actionable message (and a button where one helps). Messages never contain a key.
import { redact } from '../redact';

export type ModelErrorKind =
  | 'no-key'        // no key stored and no env var
  | 'auth'          // 401/403: the key was rejected
  | 'not-found'     // 404: usually an unknown model
  | 'rate-limit'    // 429 after the retries allowed
  | 'server'        // 5xx after the retry, or an error event mid-stream
  | 'bad-request'   // 400/422: the provider refused the request's shape
  | 'timeout'       // no first token within the configured time
  | 'stalled'       // tokens stopped arriving mid-stream
  | 'connection'    // connection refused / reset / closed early
  | 'cancelled';    // the user cancelled

export class ModelError extends Error {
  readonly kind: ModelErrorKind;
  readonly status?: number;
  /** True when the failure happened after the answer started: what arrived is kept for review. */
  readonly midStream: boolean;
  readonly retryAfterMs?: number;

  constructor(kind: ModelErrorKind, message: string, opts: { status?: number; midStream?: boolean; retryAfterMs?: number } = {}) {
    super(redact(message));
    this.name = 'ModelError';
    this.kind = kind;
    this.status = opts.status;
    this.midStream = opts.midStream ?? false;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** Retry-After is seconds or an HTTP date; also honours the OpenAI-style `retry-after-ms`. */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && headers.get('retry-after-ms') !== null) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
