// Unit tests of the SSE parser (src/core/model/sse.ts), the chunk → event reducer
// (src/core/model/chunkEvents.ts) and parseRetryAfter (src/core/model/modelError.ts).
// Plain Node, no server: bodies are async iterables of byte arrays.

import * as assert from 'assert';
import { parseSse, SseMessage } from '../../src/core/model/sse';
import { chunkEvents } from '../../src/core/model/chunkEvents';
import { ModelError, parseRetryAfter } from '../../src/core/model/modelError';
import type { StreamEvent } from '../../src/core/stream/events';

const enc = new TextEncoder();

async function* bytesOf(parts: readonly (string | Uint8Array)[]): AsyncIterable<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? enc.encode(p) : p;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const sse = (parts: readonly (string | Uint8Array)[]): Promise<SseMessage[]> => collect(parseSse(bytesOf(parts)));

/** Every way to cut `bytes` into two reads (and one read per byte). */
function splits(bytes: Uint8Array): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  for (let i = 0; i <= bytes.length; i++) out.push([bytes.slice(0, i), bytes.slice(i)]);
  out.push([...bytes].map(b => Uint8Array.of(b)));
  return out;
}

describe('model: parseSse', () => {
  it('parses data messages separated by blank lines', async () => {
    assert.deepStrictEqual(await sse(['data: a\n\ndata: b\n\n']), [{ event: undefined, data: 'a' }, { event: undefined, data: 'b' }]);
  });

  it('handles CRLF line endings, also with the CR and LF in different reads', async () => {
    const text = 'data: one\r\n\r\nevent: x\r\ndata: two\r\n\r\n';
    const expected = [{ event: undefined, data: 'one' }, { event: 'x', data: 'two' }];
    assert.deepStrictEqual(await sse([text]), expected);
    for (const parts of splits(enc.encode(text))) assert.deepStrictEqual(await sse(parts), expected);
  });

  it('skips comment lines (OpenRouter keep-alives) and unknown fields', async () => {
    const msgs = await sse([': OPENROUTER PROCESSING\n\n', ':\n', 'id: 7\nretry: 100\ndata: x\n\n']);
    assert.deepStrictEqual(msgs, [{ event: undefined, data: 'x' }]);
  });

  it('joins multi-line data with \\n; a value without the optional space keeps its text; `data` alone is an empty line', async () => {
    assert.deepStrictEqual(await sse(['data: line1\ndata:line2\ndata\ndata:  two spaces\n\n']), [
      { event: undefined, data: 'line1\nline2\n\n two spaces' },
    ]);
  });

  it('keeps the event field of its message only', async () => {
    assert.deepStrictEqual(await sse(['event: error\ndata: {"error":{}}\n\ndata: next\n\n']), [
      { event: 'error', data: '{"error":{}}' },
      { event: undefined, data: 'next' },
    ]);
  });

  it('an event field without data dispatches nothing', async () => {
    assert.deepStrictEqual(await sse(['event: ping\n\ndata: x\n\n']), [{ event: undefined, data: 'x' }]);
  });

  it('delivers a final message without a trailing blank line, with or without a final newline', async () => {
    assert.deepStrictEqual(await sse(['data: a\n\ndata: last']), [{ event: undefined, data: 'a' }, { event: undefined, data: 'last' }]);
    assert.deepStrictEqual(await sse(['data: a\n\ndata: last\n']), [{ event: undefined, data: 'a' }, { event: undefined, data: 'last' }]);
    assert.deepStrictEqual(await sse(['data: last\r']), [{ event: undefined, data: 'last' }]);
    assert.deepStrictEqual(await sse([]), []);
  });

  it('reassembles UTF-8 characters split at every byte boundary (emoji, CJK, accents)', async () => {
    const data = 'héllo 😀 wörld 漢字 🎉👍🏽';
    const bytes = enc.encode(`data: ${data}\n\n`);
    for (const parts of splits(bytes)) {
      assert.deepStrictEqual(await sse(parts), [{ event: undefined, data }], `split ${parts.map(p => p.length).join('+')}`);
    }
  });

  it('reassembles a 4-byte emoji split across three reads at every pair of boundaries', async () => {
    const bytes = enc.encode('data: 😀\n\n');
    const at = 6; // first byte of the emoji
    for (let i = at; i <= at + 4; i++) {
      for (let j = i; j <= at + 4; j++) {
        const parts = [bytes.slice(0, i), bytes.slice(i, j), bytes.slice(j)];
        assert.deepStrictEqual(await sse(parts), [{ event: undefined, data: '😀' }]);
      }
    }
  });

  it('does not mistake a message split mid-line across reads', async () => {
    assert.deepStrictEqual(await sse(['da', 'ta: {"a"', ':1}', '\n', '\n', 'data: [DO', 'NE]\n\n']), [
      { event: undefined, data: '{"a":1}' },
      { event: undefined, data: '[DONE]' },
    ]);
  });
});

// ---- chunkEvents -------------------------------------------------------------------------------

function msgs(...items: (object | string | SseMessage)[]): AsyncIterable<SseMessage> {
  return (async function* () {
    for (const it of items) {
      if (typeof it === 'string') yield { data: it };
      else if ('data' in it && typeof (it as SseMessage).data === 'string') yield it as SseMessage;
      else yield { data: JSON.stringify(it) };
    }
  })();
}

const delta = (d: Record<string, unknown>, finish: string | null = null) => ({ choices: [{ index: 0, delta: d, finish_reason: finish }] });

/** Events without their timestamps. */
async function events(messages: AsyncIterable<SseMessage>, malformed: string[] = []): Promise<Omit<StreamEvent, 'at'>[]> {
  let t = 0;
  const out = await collect(chunkEvents(messages, d => malformed.push(d), () => ++t));
  return out.map(e => {
    const { at, ...rest } = e;
    assert.strictEqual(typeof at, 'number');
    return rest;
  });
}

async function rejects(p: Promise<unknown>): Promise<ModelError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ModelError, `expected a ModelError, got ${e}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('model: chunkEvents', () => {
  it('text from delta.content, reasoning from delta.reasoning_content (xAI) and delta.reasoning (OpenRouter)', async () => {
    const ev = await events(msgs(
      delta({ role: 'assistant', reasoning_content: 'think ' }),
      delta({ reasoning: 'more' }),
      delta({ content: 'he' }),
      delta({ content: 'llo', reasoning_content: '' }),
      delta({ content: '' }),
      delta({}, 'stop'),
      '[DONE]',
    ));
    assert.deepStrictEqual(ev, [
      { kind: 'reasoning', text: 'think ' },
      { kind: 'reasoning', text: 'more' },
      { kind: 'text', text: 'he' },
      { kind: 'text', text: 'llo' },
      { kind: 'end', finishReason: 'stop' },
    ]);
  });

  it('a chunk with both reasoning and content yields reasoning first', async () => {
    const ev = await events(msgs(delta({ reasoning_content: 'r', content: 'c' }, 'stop'), '[DONE]'));
    assert.deepStrictEqual(ev.map(e => e.kind), ['reasoning', 'text', 'end']);
  });

  it('usage on a trailing choices:[] chunk, on the finish chunk, and null usage is ignored', async () => {
    const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };
    assert.deepStrictEqual(await events(msgs({ ...delta({ content: 'a' }), usage: null }, delta({}, 'stop'), { choices: [], usage }, '[DONE]')), [
      { kind: 'text', text: 'a' }, { kind: 'usage', usage }, { kind: 'end', finishReason: 'stop' },
    ]);
    assert.deepStrictEqual(await events(msgs(delta({ content: 'a' }), { ...delta({}, 'length'), usage }, '[DONE]')), [
      { kind: 'text', text: 'a' }, { kind: 'usage', usage }, { kind: 'end', finishReason: 'length' },
    ]);
  });

  it('usage before the last content chunk (xAI second-to-last) still arrives in order', async () => {
    const usage = { prompt_tokens: 1 };
    assert.deepStrictEqual(await events(msgs(delta({ content: 'a' }), { choices: [], usage }, delta({ content: 'b' }, 'stop'))), [
      { kind: 'text', text: 'a' }, { kind: 'usage', usage }, { kind: 'text', text: 'b' }, { kind: 'end', finishReason: 'stop' },
    ]);
  });

  it('Groq: usage under x_groq.usage', async () => {
    const usage = { prompt_tokens: 4, completion_tokens: 1, queue_time: 0.001 };
    assert.deepStrictEqual(await events(msgs({ ...delta({ content: 'x' }, 'stop'), x_groq: { id: 'req_1', usage } }, '[DONE]')), [
      { kind: 'text', text: 'x' }, { kind: 'usage', usage }, { kind: 'end', finishReason: 'stop' },
    ]);
  });

  it('llama.cpp: timings ride along with the usage', async () => {
    const usage = { prompt_tokens: 4, completion_tokens: 1 };
    const timings = { predicted_n: 1, predicted_ms: 10 };
    assert.deepStrictEqual(await events(msgs({ ...delta({ content: 'x' }, 'stop'), usage, timings }, '[DONE]')), [
      { kind: 'text', text: 'x' }, { kind: 'usage', usage: { ...usage, timings } }, { kind: 'end', finishReason: 'stop' },
    ]);
  });

  it('malformed JSON (and non-object JSON) is skipped and reported, the stream goes on', async () => {
    const malformed: string[] = [];
    const ev = await events(msgs(delta({ content: 'a' }), '{"choices":[{"delta":', 'null', '42', delta({ content: 'b' }, 'stop'), '[DONE]'), malformed);
    assert.deepStrictEqual(ev, [{ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' }, { kind: 'end', finishReason: 'stop' }]);
    assert.deepStrictEqual(malformed, ['{"choices":[{"delta":', 'null', '42']);
  });

  it('[DONE] ends the stream even without a finish_reason; nothing after it is read', async () => {
    let readAfterDone = false;
    const source = (async function* () {
      yield { data: JSON.stringify(delta({ content: 'a' })) };
      yield { data: '[DONE]' };
      readAfterDone = true;
      yield { data: JSON.stringify(delta({ content: 'late' })) };
    })();
    assert.deepStrictEqual(await events(source), [{ kind: 'text', text: 'a' }, { kind: 'end', finishReason: null }]);
    assert.strictEqual(readAfterDone, false);
  });

  it('a stream with a finish_reason but without [DONE] ends normally', async () => {
    assert.deepStrictEqual(await events(msgs(delta({ content: 'a' }, 'stop'))), [{ kind: 'text', text: 'a' }, { kind: 'end', finishReason: 'stop' }]);
  });

  it('a stream ending without [DONE] and without finish_reason → ModelError connection, midStream, after the partial text', async () => {
    const got: StreamEvent[] = [];
    const err = await rejects((async () => {
      for await (const e of chunkEvents(msgs(delta({ content: 'par' }), delta({ content: 'tial' })), () => undefined)) got.push(e);
    })());
    assert.strictEqual(err.kind, 'connection');
    assert.strictEqual(err.midStream, true);
    assert.deepStrictEqual(got.map(e => (e.kind === 'text' ? e.text : e.kind)), ['par', 'tial']);
    // An empty body too.
    const empty = await rejects(events(msgs()));
    assert.strictEqual(empty.kind, 'connection');
  });

  it('a mid-stream {error:…} → ModelError server midStream with the provider message', async () => {
    const got: string[] = [];
    const err = await rejects((async () => {
      for await (const e of chunkEvents(msgs(delta({ content: 'a' }), { error: { message: 'overloaded', code: 503 } }, delta({ content: 'b' }, 'stop')), () => undefined)) {
        if (e.kind === 'text') got.push(e.text);
      }
    })());
    assert.strictEqual(err.kind, 'server');
    assert.strictEqual(err.midStream, true);
    assert.match(err.message, /overloaded/);
    assert.deepStrictEqual(got, ['a']);
  });

  it('an `event: error` message → ModelError even when the body has no error field', async () => {
    const err = await rejects(events(msgs({ event: 'error', data: '{"detail":"boom"}' })));
    assert.strictEqual(err.kind, 'server');
    assert.match(err.message, /boom/);
  });

  it('uses the clock it is given for every event', async () => {
    let t = 100;
    const ev = await collect(chunkEvents(msgs(delta({ content: 'a' }), delta({ content: 'b' }, 'stop')), () => undefined, () => (t += 10)));
    assert.deepStrictEqual(ev.map(e => e.at), [110, 120, 130]);
  });
});

// ---- parseRetryAfter ---------------------------------------------------------------------------

describe('model: parseRetryAfter', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('seconds', () => {
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': '7' }), now), 7000);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': '0' }), now), 0);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': '1.5' }), now), 1500);
  });

  it('an HTTP date, relative to now; a date in the past is 0', () => {
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now), 30_000);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }), now), 0);
  });

  it('retry-after-ms wins over retry-after', () => {
    assert.strictEqual(parseRetryAfter(h({ 'retry-after-ms': '250', 'retry-after': '9' }), now), 250);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after-ms': '250' }), now), 250);
  });

  it('an invalid retry-after-ms falls back to retry-after', () => {
    assert.strictEqual(parseRetryAfter(h({ 'retry-after-ms': 'soon', 'retry-after': '2' }), now), 2000);
  });

  it('absent or unparseable → undefined', () => {
    assert.strictEqual(parseRetryAfter(undefined, now), undefined);
    assert.strictEqual(parseRetryAfter(h({}), now), undefined);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': 'later, maybe' }), now), undefined);
  });

  it('negative seconds are clamped to 0', () => {
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': '-5' }), now), 0);
  });
});

describe('model: ModelError', () => {
  it('carries kind, status, midStream, retryAfterMs and redacts keys from its message', () => {
    const e = new ModelError('rate-limit', 'key xai-abcdefghijklmnop rejected', { status: 429, retryAfterMs: 10 });
    assert.strictEqual(e.kind, 'rate-limit');
    assert.strictEqual(e.status, 429);
    assert.strictEqual(e.midStream, false);
    assert.strictEqual(e.retryAfterMs, 10);
    assert.strictEqual(e.name, 'ModelError');
    assert.ok(!e.message.includes('xai-abcdefghijklmnop'), e.message);
  });
});
