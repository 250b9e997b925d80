// Scripted failures of the fake provider as the openai SDK (and a raw reader) sees them:
// HTTP errors, bad keys, a malformed SSE line, a cut connection, a stall the client aborts,
// and closing the server under an open stream.
import * as assert from 'node:assert';
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { encode, decode } from 'gpt-tokenizer';
import { FakeProvider, MALFORMED_EVENT, type Dialect } from '../server/fakeProvider';
import { probe, postRaw, textFromSse } from '../server/probe';

const MESSAGES = [{ role: 'user' as const, content: 'Fix it.' }];
const TEXT = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';

function client(server: FakeProvider, dialect: Dialect = 'xai', apiKey = 'k') {
  // logLevel 'off': the SDK would otherwise console.error the unparsable SSE payload.
  return new OpenAI({ apiKey, baseURL: server.baseUrl(dialect), maxRetries: 0, logLevel: 'off' });
}

const streamParams = { model: 'grok-code-fast-1', messages: MESSAGES, stream: true as const, stream_options: { include_usage: true } };

describe('FakeProvider: faults through the openai SDK', function () {
  this.timeout(10_000);
  let server: FakeProvider;
  before(async () => {
    server = await FakeProvider.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  describe('HTTP errors', () => {
    const cases: [number, new (...a: any[]) => InstanceType<typeof OpenAI.APIError>][] = [
      [401, OpenAI.AuthenticationError],
      [403, OpenAI.PermissionDeniedError],
      [404, OpenAI.NotFoundError],
      [429, OpenAI.RateLimitError],
      [500, OpenAI.InternalServerError],
      [503, OpenAI.InternalServerError],
    ];
    for (const [status, cls] of cases) {
      it(`${status} → ${cls.name} with the scripted message`, async () => {
        server.enqueue({ status, errorMessage: `scripted ${status}`, ...(status === 429 ? { retryAfter: 7 } : {}) });
        const err: any = await client(server)
          .chat.completions.create(streamParams)
          .then(() => assert.fail('expected an error'), (e) => e);
        assert.strictEqual(err.constructor, cls, `${err?.constructor?.name}`);
        assert.strictEqual(err.status, status);
        assert.strictEqual(err.error?.message, `scripted ${status}`);
        assert.match(err.message, new RegExp(`^${status} scripted ${status}`));
        if (status === 429) assert.strictEqual(err.headers.get('retry-after'), '7');
        const rec = server.chatRequests().at(-1)!;
        assert.strictEqual(rec.status, status);
        assert.strictEqual(rec.tokensSent, 0);
      });
    }

    it('the error waits for ttftMs', async () => {
      server.enqueue({ status: 500, ttftMs: 80 });
      const t0 = performance.now();
      await assert.rejects(client(server).chat.completions.create(streamParams), OpenAI.InternalServerError);
      assert.ok(performance.now() - t0 >= 79);
    });

    it('requireKey: wrong key → 401 (queue untouched), right key → answer', async () => {
      server.requireKey = 'secret';
      try {
        server.enqueue({ text: 'for the right key' });
        await assert.rejects(client(server, 'xai', 'wrong').chat.completions.create(streamParams), (e: any) => e instanceof OpenAI.AuthenticationError && e.status === 401);
        await assert.rejects(client(server, 'xai', 'wrong').models.list(), OpenAI.AuthenticationError);
        const r = await probe(await client(server, 'xai', 'secret').chat.completions.create(streamParams));
        assert.strictEqual(r.content, 'for the right key');
      } finally {
        server.requireKey = undefined;
      }
    });

    it('invalid JSON body → 400', async () => {
      const res = await fetch(`${server.baseUrl('xai')}/chat/completions`, { method: 'POST', body: '{not json' });
      assert.strictEqual(res.status, 400);
      assert.strictEqual(server.chatRequests()[0].body, '{not json');
    });
  });

  it('malformed line: on the wire once; a tolerant raw parser still gets the full text; the SDK throws', async () => {
    server.enqueue({ text: TEXT, malformedAfterTokens: 3 });
    const raw = await postRaw(`${server.baseUrl('xai')}/chat/completions`, { ...streamParams });
    assert.strictEqual(raw.raw.split(MALFORMED_EVENT).length, 2, 'exactly one malformed event');
    // It sits right after the 3rd token's event.
    const before = raw.raw.slice(0, raw.raw.indexOf(MALFORMED_EVENT));
    assert.strictEqual(textFromSse(before).content, decode(encode(TEXT).slice(0, 3)));
    const parsed = textFromSse(raw.raw);
    assert.strictEqual(parsed.content, TEXT);
    assert.deepStrictEqual(parsed.skipped, ['{"choices":[{"delta":']);
    assert.ok(raw.raw.endsWith('data: [DONE]\n\n'));

    server.enqueue({ text: TEXT, malformedAfterTokens: 3 });
    const r = await probe(await client(server).chat.completions.create(streamParams));
    assert.ok(r.error instanceof SyntaxError, `SDK surfaces: ${String(r.error)}`);
    assert.strictEqual(r.content, decode(encode(TEXT).slice(0, 3)));
  });

  it('disconnectAfterTokens: the SDK iteration throws after exactly N tokens; record shows N', async () => {
    server.enqueue({ text: TEXT, disconnectAfterTokens: 4, tokensPerSecond: 500 });
    const r = await probe(await client(server).chat.completions.create(streamParams));
    assert.ok(r.error, 'iteration throws');
    console.log(`      SDK error on a cut stream: ${(r.error as Error).constructor.name}: ${(r.error as Error).message}`);
    assert.strictEqual(r.content, decode(encode(TEXT).slice(0, 4)));
    assert.strictEqual(r.usages.length, 0);
    const [rec] = server.chatRequests();
    await server.waitForClose(rec);
    assert.strictEqual(rec.tokensSent, 4);
    assert.strictEqual(rec.clientAborted, false, 'the server cut it, not the client');
    assert.strictEqual(rec.usage, undefined);
  });

  it('disconnectAfterTokens: 0 cuts before the first token', async () => {
    server.enqueue({ text: TEXT, disconnectAfterTokens: 0 });
    const r = await probe(await client(server, 'openai').chat.completions.create(streamParams));
    assert.ok(r.error);
    assert.strictEqual(r.chunks.length, 0);
    assert.strictEqual(server.chatRequests()[0].tokensSent, 0);
  });

  it('stallAfterTokens: the client aborts; the server sees the close within 100 ms', async () => {
    server.enqueue({ text: TEXT, stallAfterTokens: 2 });
    const ac = new AbortController();
    const stream = await client(server).chat.completions.create(streamParams, { signal: ac.signal });
    const [rec] = await server.waitForRequests(1);
    let abortAt = 0;
    const r = await probe(stream, (p) => {
      if (p.content === decode(encode(TEXT).slice(0, 2)) && !abortAt) {
        // Nothing more will come (the record's tokensSent proves it); give up like an idle timeout.
        abortAt = performance.now();
        ac.abort();
      }
    });
    await server.waitForClose(rec);
    const latency = rec.closedAt! - abortAt;
    console.log(`      abort → server close: ${latency.toFixed(2)} ms; SDK iteration ${r.error ? `threw ${(r.error as Error).name}` : 'ended quietly'}`);
    assert.ok(abortAt > 0);
    assert.ok(latency >= 0 && latency < 100, `latency ${latency}`);
    assert.strictEqual(rec.clientAborted, true);
    assert.strictEqual(rec.tokensSent, 2);
    assert.strictEqual(r.content, decode(encode(TEXT).slice(0, 2)));
  });

  it('aborting mid-stream stops the server at once (no writes after close)', async () => {
    server.enqueue({ text: TEXT.repeat(50), tokensPerSecond: 2000 });
    const ac = new AbortController();
    const stream = await client(server).chat.completions.create(streamParams, { signal: ac.signal });
    let abortAt = 0;
    await probe(stream, (p) => {
      if (!abortAt && p.content.length > 40) {
        abortAt = performance.now();
        ac.abort();
      }
    });
    const [rec] = server.chatRequests();
    await server.waitForClose(rec);
    const sentAtClose = rec.tokensSent;
    assert.strictEqual(rec.clientAborted, true);
    assert.ok(rec.closedAt! - abortAt < 100);
    // Were the pacing timer still running, tokensSent would keep growing.
    await new Promise((r) => setTimeout(r, 30));
    assert.strictEqual(rec.tokensSent, sentAtClose);
    assert.ok(sentAtClose < encode(TEXT.repeat(50)).length);
  });

  it('close() resolves promptly with a stalled stream open', async () => {
    const own = await FakeProvider.start();
    own.enqueue({ text: TEXT, stallAfterTokens: 1 });
    const c = new OpenAI({ apiKey: 'k', baseURL: own.baseUrl('xai'), maxRetries: 0 });
    const stream = await c.chat.completions.create(streamParams);
    const consumed = probe(stream);
    const [rec] = await own.waitForRequests(1);
    const t0 = performance.now();
    await own.close();
    const took = performance.now() - t0;
    console.log(`      close() with an open stalled stream: ${took.toFixed(1)} ms`);
    assert.ok(took < 200, `close took ${took}`);
    const r = await consumed;
    assert.ok(r.error, 'the client sees the connection go');
    assert.ok(rec.closedAt !== undefined);
    await assert.rejects(own.waitForRequests(5), /closed/);
  });
});
