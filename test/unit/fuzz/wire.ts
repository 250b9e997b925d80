// An answer serialised as a provider's SSE stream (OpenAI-compatible chat-completions chunks),
// with random tokenisation and the noise real providers add (role chunk, reasoning deltas,
// keep-alive comments, `data:` without a space, a JSON object split over two `data:` lines,
// ASCII-escaped JSON, CRLF framing, a malformed line, usage on its own chunk or on the finish
// chunk, `[DONE]` or not), then cut into network reads at random byte boundaries — including
// inside multi-byte UTF-8 characters — and optionally truncated (a dropped connection).

import { Rng } from './rng';

export interface WireMessage {
  kind: 'role' | 'content' | 'reasoning' | 'finish' | 'usage' | 'done' | 'malformed' | 'comment';
  /** Byte offset just after the last character of the message's data (the JSON's closing brace). */
  dataEnd: number;
  content: string;
}

export interface Wire {
  bytes: Buffer;
  messages: WireMessage[];
  malformed: number;
  /** How the wire was built, for failure messages. */
  shape: string;
}

const asciiJson = (s: string): string => s.replace(/[\u007f-\uffff]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Splits text into tokens of whole code points (providers never split a surrogate pair). */
function tokenize(r: Rng, text: string, mode: string): string[] {
  const cps = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < cps.length;) {
    const n = mode === 'single' ? 1 : mode === 'small' ? r.range(1, 4) : mode === 'big' ? r.range(20, 400) : r.range(1, 16);
    out.push(cps.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}

export function buildWire(r: Rng, content: string, reasoning: string): Wire {
  const eol = r.chance(0.2) ? '\r\n' : '\n';
  const space = r.chance(0.85) ? ' ' : '';
  const ascii = r.chance(0.2);
  const mode = r.weighted({ single: 2, small: 3, mixed: 5, big: 1 });
  const usageOnFinish = r.chance(0.3);
  const sendDone = r.chance(0.9);
  const shape = `sse(eol=${JSON.stringify(eol)} space=${space !== ''} ascii=${ascii} tokens=${mode} usageOnFinish=${usageOnFinish} done=${sendDone})`;
  const parts: Buffer[] = [];
  const messages: WireMessage[] = [];
  let size = 0;
  let malformed = 0;
  const put = (s: string): number => {
    const b = Buffer.from(s, 'utf8');
    parts.push(b);
    size += b.length;
    return size;
  };
  const data = (kind: WireMessage['kind'], obj: unknown, text = ''): void => {
    let json = typeof obj === 'string' ? obj : JSON.stringify(obj);
    if (ascii) json = asciiJson(json);
    let dataEnd: number;
    const cut = typeof obj === 'string' || !r.chance(0.05) ? -1 : json.indexOf('","') + 2;
    if (cut > 1) {
      // One event, two data lines: joined with '\n', which JSON allows between tokens.
      put(`data:${space}${json.slice(0, cut)}${eol}`);
      dataEnd = put(`data:${space}${json.slice(cut)}`);
    } else {
      dataEnd = put(`data:${space}${json}`);
    }
    put(eol + eol);
    messages.push({ kind, dataEnd, content: text });
  };
  const noise = (): void => {
    if (r.chance(0.02)) { put(`: OPENROUTER PROCESSING${eol}${eol}`); messages.push({ kind: 'comment', dataEnd: size, content: '' }); }
    if (r.chance(0.01)) {
      put(`data:${space}{"choices":[{"delta":{"content":"NOT PART OF THE ANSWER 🚫${eol}${eol}`);
      malformed++;
      messages.push({ kind: 'malformed', dataEnd: size, content: '' });
    }
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) => ({
    id: 'chatcmpl-fuzz', object: 'chat.completion.chunk', created: 1700000000, model: 'fuzz-model',
    choices: [{ index: 0, delta, finish_reason: finish }], ...extra,
  });
  if (r.chance(0.1)) { put(`: keep-alive${eol}${eol}`); messages.push({ kind: 'comment', dataEnd: size, content: '' }); }
  if (r.chance(0.6)) data('role', chunk({ role: 'assistant', content: '' }));
  const field = r.chance(0.5) ? 'reasoning_content' : 'reasoning';
  for (const t of reasoning ? tokenize(r, reasoning, 'mixed') : []) { data('reasoning', chunk({ [field]: t })); noise(); }
  for (const t of tokenize(r, content, mode)) {
    data('content', chunk({ content: t }), t);
    noise();
  }
  const usage = { prompt_tokens: 120, completion_tokens: 42, total_tokens: 162 };
  data('finish', chunk({}, 'stop', usageOnFinish ? { usage } : {}));
  if (!usageOnFinish) data('usage', { id: 'chatcmpl-fuzz', object: 'chat.completion.chunk', choices: [], usage });
  if (sendDone) data('done', '[DONE]');
  return { bytes: Buffer.concat(parts), messages, malformed, shape };
}

/**
 * What a client must make of the first `cut` bytes: the answer text of every message whose data
 * arrived whole, and whether the stream counts as complete (the finish chunk or [DONE] arrived).
 */
export function receivedAt(wire: Wire, cut: number): { text: string; complete: boolean } {
  let text = '';
  let complete = false;
  for (const m of wire.messages) {
    if (m.dataEnd > cut) break;
    if (m.kind === 'content') text += m.content;
    if (m.kind === 'finish' || m.kind === 'done') complete = true;
  }
  return { text, complete };
}

/** Cuts bytes into network reads. */
export function splitReads(r: Rng, bytes: Uint8Array): { reads: Uint8Array[]; mode: string } {
  let mode = r.weighted({ one: 1, tiny: 2, random: 5, utf8: 4, events: 2 });
  if (mode === 'tiny' && bytes.length > 6000) mode = 'utf8';
  const cuts = new Set<number>();
  if (mode === 'tiny') {
    for (let p = r.range(1, 3); p < bytes.length; p += r.range(1, 3)) cuts.add(p);
  } else if (mode === 'random') {
    for (let p = r.range(1, 400); p < bytes.length; p += r.range(1, 400)) cuts.add(p);
  } else if (mode === 'utf8') {
    // Every cut inside a multi-byte character where there is one (after a lead or continuation byte).
    const inside: number[] = [];
    for (let i = 1; i < bytes.length; i++) if ((bytes[i] & 0xc0) === 0x80) inside.push(i);
    for (const p of inside) if (r.chance(0.5)) cuts.add(p);
    for (let p = r.range(1, 200); p < bytes.length; p += r.range(1, 200)) cuts.add(p);
  } else if (mode === 'events') {
    // Mostly on event boundaries (what a real server's flushes look like), a few anywhere.
    for (let i = 1; i < bytes.length; i++) if (bytes[i - 1] === 10 && bytes[i] !== 10 && r.chance(0.5)) cuts.add(i);
    for (let k = 0; k < 3; k++) if (bytes.length > 1) cuts.add(r.range(1, bytes.length - 1));
  }
  const sorted = [...cuts].filter(p => p > 0 && p < bytes.length).sort((a, b) => a - b);
  const reads: Uint8Array[] = [];
  let prev = 0;
  for (const p of sorted) { reads.push(bytes.subarray(prev, p)); prev = p; }
  if (prev < bytes.length || reads.length === 0) reads.push(bytes.subarray(prev));
  return { reads, mode };
}
