// Client-side probes for tests of (and with) the fake provider: drain an SDK stream while
// timing every chunk, or read a raw SSE response byte-for-byte to see exactly what went over
// the wire (comments, malformed lines, how the body was split into reads).
import { performance } from 'node:perf_hooks';

/** Delta fields a provider may use for reasoning text. */
export const REASONING_FIELDS = ['reasoning_content', 'reasoning'] as const;

export interface ProbedChunk {
  at: number;
  /** The parsed chunk exactly as the SDK yielded it. */
  chunk: any;
}

export interface ProbeResult {
  chunks: ProbedChunk[];
  content: string;
  /** Reasoning text per delta field seen ('reasoning_content', 'reasoning'). */
  reasoning: Record<string, string>;
  /** Every chunk whose `usage` is not null/undefined, in order. */
  usages: any[];
  finishReason?: string;
  /** Time of the first / last chunk carrying content or reasoning text. */
  firstTextAt?: number;
  lastTextAt?: number;
  /** The error the iteration threw, if it did. */
  error?: unknown;
}

/**
 * Drain an async-iterable of chat.completion.chunk objects (an SDK Stream), timing each.
 * Never throws: an iteration error is returned in `error`. `onChunk` may abort the request.
 */
export async function probe(stream: AsyncIterable<any>, onChunk?: (r: ProbeResult) => void): Promise<ProbeResult> {
  const r: ProbeResult = { chunks: [], content: '', reasoning: {}, usages: [] };
  try {
    for await (const chunk of stream) {
      const at = performance.now();
      r.chunks.push({ at, chunk });
      if (chunk.usage != null) r.usages.push(chunk.usage);
      const choice = chunk.choices?.[0];
      const delta = choice?.delta ?? {};
      let text = false;
      if (typeof delta.content === 'string' && delta.content) {
        r.content += delta.content;
        text = true;
      }
      for (const f of REASONING_FIELDS) {
        if (typeof delta[f] === 'string' && delta[f]) {
          r.reasoning[f] = (r.reasoning[f] ?? '') + delta[f];
          text = true;
        }
      }
      if (text) {
        r.firstTextAt ??= at;
        r.lastTextAt = at;
      }
      if (choice?.finish_reason) r.finishReason = choice.finish_reason;
      onChunk?.(r);
    }
  } catch (e) {
    r.error = e;
  }
  return r;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Each value reader.read() returned: shows how the body was split. */
  reads: Uint8Array[];
  /** The whole body decoded as UTF-8. */
  raw: string;
}

/** POST JSON with fetch and keep the body's reads exactly as they arrived. */
export async function postRaw(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k', ...headers },
    body: JSON.stringify(body),
  });
  const reads: Uint8Array[] = [];
  const reader = res.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    reads.push(value);
  }
  return { status: res.status, headers: res.headers, reads, raw: Buffer.concat(reads).toString('utf8') };
}

export interface SseEvents {
  /** `data:` payloads, one per event. */
  data: string[];
  /** Comment lines (starting with ':'), without the colon. */
  comments: string[];
}

/** Minimal SSE parser (events end at a blank line; multi-line data joined with '\n'). */
export function parseSse(raw: string): SseEvents {
  const out: SseEvents = { data: [], comments: [] };
  for (const block of raw.split(/\r?\n\r?\n/)) {
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) out.comments.push(line.slice(1).trim());
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) out.data.push(data.join('\n'));
  }
  return out;
}

/** Reassemble the answer from raw SSE, skipping events that are not valid JSON (as a tolerant client should). */
export function textFromSse(raw: string): { content: string; skipped: string[] } {
  let content = '';
  const skipped: string[] = [];
  for (const d of parseSse(raw).data) {
    if (d === '[DONE]') continue;
    let chunk: any;
    try {
      chunk = JSON.parse(d);
    } catch {
      skipped.push(d);
      continue;
    }
    const c = chunk.choices?.[0]?.delta?.content;
    if (typeof c === 'string') content += c;
  }
  return { content, skipped };
}
