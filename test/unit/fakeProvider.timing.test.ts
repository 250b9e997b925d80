// Timing and framing of the fake provider's streams, measured on the client with
// performance.now(): token rate, time to first token, tokens per chunk, and byte-level
// splitting of writes (UTF-8 characters cut across reads).
import * as assert from 'node:assert';
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { encode } from 'gpt-tokenizer';
import { FakeProvider } from '../server/fakeProvider';
import { probe, postRaw, textFromSse } from '../server/probe';

const MESSAGES = [{ role: 'user' as const, content: 'Go.' }];
const params = { model: 'grok-code-fast-1', messages: MESSAGES, stream: true as const, stream_options: { include_usage: true } };

describe('FakeProvider: timing and framing', function () {
  this.timeout(10_000);
  let server: FakeProvider;
  let client: OpenAI;
  before(async () => {
    server = await FakeProvider.start();
    client = new OpenAI({ apiKey: 'k', baseURL: server.baseUrl('xai'), maxRetries: 0 });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  for (const tps of [200, 2_000, 10_000]) {
    it(`paces ${tps.toLocaleString('en')} tok/s within 2% over ≥ 1 s (client-measured)`, async () => {
      // One-token words: token 0 at t, token n-1 at t + 1.2 s (≥ 1 s as measured, and the
      // client's own scheduling jitter at either end stays well inside 2%).
      const n = Math.round(tps * 1.2) + 1;
      const text = ' word'.repeat(n);
      assert.strictEqual(encode(text).length, n);
      server.enqueue({ text, tokensPerSecond: tps });
      const r = await probe(await client.chat.completions.create(params));
      assert.strictEqual(r.error, undefined);
      assert.strictEqual(r.content, text);
      const seconds = (r.lastTextAt! - r.firstTextAt!) / 1000;
      const clientRate = (n - 1) / seconds;
      const rec = server.chatRequests()[0];
      const serverRate = (rec.tokensSent - 1) / ((rec.lastTokenAt! - rec.firstByteAt!) / 1000);
      const err = (clientRate / tps - 1) * 100;
      console.log(
        `      ${tps} tok/s requested: client ${clientRate.toFixed(1)} tok/s (${err >= 0 ? '+' : ''}${err.toFixed(2)}%) over ${seconds.toFixed(3)} s; server ${serverRate.toFixed(1)} tok/s`,
      );
      assert.ok(seconds >= 1, `stream lasted ${seconds} s`);
      assert.ok(Math.abs(clientRate / tps - 1) <= 0.02, `client rate ${clientRate}`);
      assert.ok(Math.abs(serverRate / tps - 1) <= 0.02, `server rate ${serverRate}`);
      assert.strictEqual(r.usages[0].completion_tokens, n);
    });
  }

  it('honours ttftMs (first token within +50 ms) and paces reasoning + answer as one sequence', async () => {
    server.enqueue({ ttftMs: 200, reasoning: ' think'.repeat(10), text: ' word'.repeat(10), tokensPerSecond: 100 });
    const t0 = performance.now();
    const r = await probe(await client.chat.completions.create(params));
    const ttft = r.firstTextAt! - t0;
    const rec = server.chatRequests()[0];
    console.log(`      ttft 200 ms requested: client ${ttft.toFixed(1)} ms, server ${(rec.firstByteAt! - rec.receivedAt).toFixed(1)} ms`);
    assert.ok(ttft >= 200 && ttft <= 250, `ttft ${ttft}`);
    assert.ok(rec.firstByteAt! - rec.receivedAt >= 200);
    // 20 tokens at 100 tok/s: the last one is due 190 ms after the first.
    const span = r.lastTextAt! - r.firstTextAt!;
    assert.ok(span >= 185 && span <= 230, `span ${span}`);
  });

  it('chunkTokens: tokens per SSE chunk (reasoning and answer chunked separately)', async () => {
    const reasoning = ' think'.repeat(7);
    const text = ' word'.repeat(20);
    server.enqueue({ reasoning, text, chunkTokens: 5 });
    const r = await probe(await client.chat.completions.create(params));
    const deltas = r.chunks.map((c) => c.chunk.choices[0]?.delta).filter(Boolean);
    const reasoningChunks = deltas.filter((d) => d.reasoning_content !== undefined);
    const contentChunks = deltas.filter((d) => d.content !== undefined);
    assert.deepStrictEqual(
      reasoningChunks.map((d) => encode(d.reasoning_content).length),
      [5, 2],
    );
    assert.deepStrictEqual(
      contentChunks.map((d) => encode(d.content).length),
      [5, 5, 5, 5],
    );
    assert.strictEqual(r.chunks.length, 2 + 4 + 1, 'plus the usage chunk');
    assert.strictEqual(r.content, text);
  });

  it('chunkTokens: a character split across tokens is never split across chunks', async () => {
    const text = '👍🏽🧑‍💻 ok';
    server.enqueue({ text });
    const r = await probe(await client.chat.completions.create(params));
    const pieces = r.chunks.map((c) => c.chunk.choices[0]?.delta?.content).filter((s) => s !== undefined);
    assert.ok(pieces.every((p: string) => !/[\uD800-\uDBFF]$/.test(p) && !/^[\uDC00-\uDFFF]/.test(p)), JSON.stringify(pieces));
    assert.strictEqual(pieces.join(''), text);
    assert.strictEqual(server.chatRequests()[0].tokensSent, encode(text).length, 'counts real tokens, not pieces');
    assert.ok(pieces.length < encode(text).length, 'some tokens were grouped');
  });

  it('writeChunkBytes: writes land split mid-character, yet the SDK reassembles the emoji text', async () => {
    const text = 'héllo 👍🏽 wörld 日本語 🧑‍💻\r\nend';
    server.enqueue({ text, writeChunkBytes: 3 });
    const r = await probe(await client.chat.completions.create(params));
    assert.strictEqual(r.error, undefined);
    assert.strictEqual(r.content, text);

    server.enqueue({ text, writeChunkBytes: 3 });
    const raw = await postRaw(`${server.baseUrl('xai')}/chat/completions`, params);
    assert.strictEqual(textFromSse(raw.raw).content, text);
    assert.ok(raw.reads.every((b) => b.length <= 3), `read sizes: ${raw.reads.map((b) => b.length).join(',')}`);
    const strict = new TextDecoder('utf-8', { fatal: true });
    const cutMidChar = raw.reads.filter((b) => {
      try {
        strict.decode(b);
        return false;
      } catch {
        return true;
      }
    });
    assert.ok(cutMidChar.length > 0, 'some read ends or starts inside a multi-byte character');
  });

  it('non-stream: the body arrives after the whole generation time', async () => {
    server.enqueue({ text: ' word'.repeat(21), tokensPerSecond: 200, ttftMs: 20 });
    const t0 = performance.now();
    const res = await client.chat.completions.create({ model: 'm', messages: MESSAGES });
    const took = performance.now() - t0;
    assert.strictEqual(res.choices[0].message.content, ' word'.repeat(21));
    assert.ok(took >= 20 + 100 && took < 200, `took ${took}`);
  });
});
