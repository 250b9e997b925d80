// Unit tests of the model client (src/core/model/modelClient.ts, streamChat) over the real
// `openai` SDK against the fake provider (test/server/fakeProvider.ts), and of the live model
// list (src/core/model/modelList.ts). Plain Node; every wait is on an observable condition.

import * as assert from 'assert';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { FakeProvider, type Dialect, type RecordedRequest } from '../server/fakeProvider';
import { ChatRequest, StreamObserver, streamChat } from '../../src/core/model/modelClient';
import { ModelError } from '../../src/core/model/modelError';
import { listModels } from '../../src/core/model/modelList';
import { PROVIDERS } from '../../src/core/model/providers';
import type { StreamEvent } from '../../src/core/stream/events';

const MESSAGES = [
  { role: 'system' as const, content: 'You edit code.' },
  { role: 'user' as const, content: 'Fix it.' },
];
const LONG_TEXT = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

interface Run {
  events: StreamEvent[];
  text: string;
  reasoning: string;
  error?: ModelError;
  malformed: string[];
  retries: { attempt: number; waitMs: number; reason: string }[];
  attempts: number[];
}

/** A port nobody listens on (bound, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('model: streamChat against the fake provider', function () {
  this.timeout(10_000);
  let fake: FakeProvider;

  before(async () => {
    fake = await FakeProvider.start();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.requireKey = undefined;
  });

  function request(dialect: Dialect, over: Partial<ChatRequest> = {}): ChatRequest {
    return {
      providerLabel: `Fake ${dialect}`,
      baseUrl: fake.baseUrl(dialect),
      apiKey: 'xai-test-key-0123456789',
      model: 'grok-code-fast-1',
      messages: MESSAGES,
      maxTokens: 256,
      firstTokenTimeoutMs: 5000,
      ...over,
    };
  }

  async function run(req: ChatRequest, opts: { signal?: AbortSignal; onEvent?: (e: StreamEvent, r: Run) => void | 'break' } = {}): Promise<Run> {
    const r: Run = { events: [], text: '', reasoning: '', malformed: [], retries: [], attempts: [] };
    const observer: StreamObserver = {
      onAttempt: a => r.attempts.push(a),
      onRetry: (attempt, waitMs, reason) => r.retries.push({ attempt, waitMs, reason }),
      onMalformed: d => r.malformed.push(d),
    };
    try {
      for await (const e of streamChat(req, opts.signal ?? new AbortController().signal, observer)) {
        r.events.push(e);
        if (e.kind === 'text') r.text += e.text;
        if (e.kind === 'reasoning') r.reasoning += e.text;
        if (opts.onEvent?.(e, r) === 'break') break;
      }
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      r.error = e;
    }
    return r;
  }

  const lastChat = (): RecordedRequest => {
    const all = fake.chatRequests();
    assert.ok(all.length > 0, 'no chat request arrived');
    return all[all.length - 1];
  };

  describe('events per dialect', () => {
    it('xai: reasoning, text, usage (xAI fields), then end', async () => {
      fake.enqueue({ text: 'const x = 1;', reasoning: 'Thinking it over.' });
      const r = await run(request('xai'));
      assert.strictEqual(r.error, undefined);
      assert.strictEqual(r.text, 'const x = 1;');
      assert.strictEqual(r.reasoning, 'Thinking it over.');
      const kinds = r.events.map(e => e.kind);
      assert.strictEqual(kinds[kinds.length - 1], 'end');
      assert.ok(kinds.lastIndexOf('reasoning') < kinds.indexOf('text'), kinds.join());
      const usages = r.events.filter(e => e.kind === 'usage');
      assert.strictEqual(usages.length, 1);
      const u = (usages[0] as { usage: Record<string, any> }).usage;
      assert.strictEqual(typeof u.prompt_tokens, 'number');
      assert.ok(u.completion_tokens_details.reasoning_tokens > 0);
      assert.deepStrictEqual(r.events[r.events.length - 1], { kind: 'end', finishReason: 'stop', at: r.events[r.events.length - 1].at });
      assert.deepStrictEqual(r.attempts, [1]);
      // Times are increasing performance.now() values.
      for (let i = 1; i < r.events.length; i++) assert.ok(r.events[i].at >= r.events[i - 1].at);
    });

    it('xai: usage on the finish chunk (usageInSecondToLast) and finish_reason "length"', async () => {
      fake.enqueue({ text: 'abc def', usageInSecondToLast: true, finishReason: 'length' });
      const r = await run(request('xai'));
      assert.strictEqual(r.text, 'abc def');
      assert.strictEqual(r.events.filter(e => e.kind === 'usage').length, 1);
      const end = r.events[r.events.length - 1];
      assert.deepStrictEqual(end.kind === 'end' && end.finishReason, 'length');
    });

    it('openrouter: reasoning from delta.reasoning, keep-alive comments ignored, usage with cost', async () => {
      fake.enqueue({ text: 'answer here', reasoning: 'hmm', ttftMs: 300 }); // ≥ one ": OPENROUTER PROCESSING" comment interval
      const r = await run(request('openrouter', { apiKey: 'sk-or-v1-abcdefghijklmnop', model: 'x-ai/grok-code-fast-1' }));
      assert.strictEqual(r.error, undefined);
      assert.strictEqual(r.text, 'answer here');
      assert.strictEqual(r.reasoning, 'hmm');
      const usage = r.events.find(e => e.kind === 'usage') as { usage: Record<string, unknown> } | undefined;
      assert.ok(usage && typeof usage.usage.cost === 'number');
      assert.strictEqual(r.malformed.length, 0);
    });

    it('lmstudio (local, no key): text and reasoning, no usage, end; no Authorization header', async () => {
      fake.enqueue({ text: 'local answer', reasoning: 'local thought' });
      const r = await run(request('lmstudio', { apiKey: undefined, model: 'local-model' }));
      assert.strictEqual(r.error, undefined, r.error?.message);
      assert.strictEqual(r.text, 'local answer');
      assert.strictEqual(r.reasoning, 'local thought');
      assert.deepStrictEqual(r.events.map(e => e.kind).filter(k => k === 'usage' || k === 'end'), ['end']);
      const req = lastChat();
      assert.strictEqual(req.headers.authorization, undefined);
    });

    it('llamacpp and groq: usage events carry timings / x_groq usage', async () => {
      fake.enqueue({ text: 'x y z' });
      const l = await run(request('llamacpp', { apiKey: undefined }));
      assert.strictEqual(l.error, undefined, l.error?.message);
      const lu = l.events.find(e => e.kind === 'usage') as { usage: Record<string, unknown> };
      assert.ok(lu && typeof lu.usage.timings === 'object');
      fake.enqueue({ text: 'x y z' });
      const g = await run(request('groq', { apiKey: 'gsk_abcdefghijklmnop' }));
      assert.strictEqual(g.text, 'x y z');
      assert.ok(g.events.some(e => e.kind === 'usage'));
    });
  });

  describe('the request', () => {
    it('body: model, messages, stream, stream_options.include_usage, max_tokens by default', async () => {
      fake.enqueue({ text: 'ok' });
      await run(request('xai', { maxTokens: 123 }));
      const { body, method, path } = lastChat();
      assert.strictEqual(method, 'POST');
      assert.strictEqual(path, '/xai/v1/chat/completions');
      assert.deepStrictEqual(body, {
        model: 'grok-code-fast-1',
        messages: MESSAGES,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 123,
      });
    });

    it('body: max_completion_tokens when asked (and then no max_tokens)', async () => {
      fake.enqueue({ text: 'ok' });
      await run(request('openai', { maxTokens: 77, maxTokensField: 'max_completion_tokens', model: 'gpt-5-mini' }));
      const { body } = lastChat();
      assert.strictEqual(body.max_completion_tokens, 77);
      assert.ok(!('max_tokens' in body));
      assert.strictEqual(body.model, 'gpt-5-mini');
    });

    it('headers: Bearer key when given; extra headers such as x-grok-conv-id pass', async () => {
      fake.requireKey = 'xai-test-key-0123456789';
      fake.enqueue({ text: 'ok' });
      const r = await run(request('xai', { headers: { 'x-grok-conv-id': 'conv-42', 'X-Custom-Provider': 'yes' } }));
      assert.strictEqual(r.error, undefined, r.error?.message);
      const { headers } = lastChat();
      assert.strictEqual(headers.authorization, 'Bearer xai-test-key-0123456789');
      assert.strictEqual(headers['x-grok-conv-id'], 'conv-42');
      assert.strictEqual(headers['x-custom-provider'], 'yes');
    });

    it('headers: OpenRouter attribution headers pass', async () => {
      fake.enqueue({ text: 'ok' });
      await run(request('openrouter', { headers: PROVIDERS.openrouter.headers }));
      const { headers } = lastChat();
      assert.strictEqual(headers['http-referer'], PROVIDERS.openrouter.headers!['HTTP-Referer']);
      assert.strictEqual(headers['x-title'], 'Fast Inline');
    });

    describe('SECURITY: OpenAI environment variables never reach another provider', () => {
      const ENV = {
        OPENAI_API_KEY: 'sk-env-openai-key-DO-NOT-SEND-1234',
        OPENAI_ORG_ID: 'org-env-DO-NOT-SEND',
        OPENAI_PROJECT_ID: 'proj_env_DO_NOT_SEND',
        OPENAI_CUSTOM_HEADERS: 'X-Leak: secret',
        OPENAI_BASE_URL: 'http://127.0.0.1:9/never',
      };
      const saved: Record<string, string | undefined> = {};
      beforeEach(() => {
        for (const [k, v] of Object.entries(ENV)) {
          saved[k] = process.env[k];
          process.env[k] = v;
        }
      });
      afterEach(() => {
        for (const k of Object.keys(ENV)) {
          if (saved[k] === undefined) delete process.env[k];
          else process.env[k] = saved[k];
        }
      });

      function assertNoLeak(req: RecordedRequest, expectedAuth: string | undefined): void {
        const names = Object.keys(req.headers);
        assert.strictEqual(req.headers.authorization, expectedAuth, 'Authorization');
        for (const bad of ['x-leak', 'openai-organization', 'openai-project']) assert.ok(!names.includes(bad), `${bad} was sent: ${names.join(', ')}`);
        const all = JSON.stringify(req.headers) + JSON.stringify(req.body);
        for (const secret of ['secret', 'DO-NOT-SEND', 'DO_NOT_SEND']) assert.ok(!all.includes(secret), `"${secret}" reached the server: ${all}`);
      }

      it('with a key: only our own Bearer key; no org/project/custom header', async () => {
        fake.enqueue({ text: 'ok' });
        const r = await run(request('xai'));
        assert.strictEqual(r.error, undefined, r.error?.message);
        assertNoLeak(lastChat(), 'Bearer xai-test-key-0123456789');
      });

      it('without a key (local provider): no Authorization at all', async () => {
        fake.enqueue({ text: 'ok' });
        const r = await run(request('ollama', { apiKey: undefined }));
        assert.strictEqual(r.error, undefined, r.error?.message);
        assertNoLeak(lastChat(), undefined);
      });

      it('OPENAI_CUSTOM_HEADERS cannot replace our Authorization or add OpenAI-Organization', async () => {
        process.env.OPENAI_CUSTOM_HEADERS = 'X-Leak: secret\nAuthorization: Bearer env-custom-DO-NOT-SEND\nOpenAI-Organization: org-DO-NOT-SEND\nx-grok-conv-id: DO-NOT-SEND';
        fake.enqueue({ text: 'ok' }, { text: 'ok' });
        const withKey = await run(request('xai', { headers: { 'x-grok-conv-id': 'mine' } }));
        assert.strictEqual(withKey.error, undefined, withKey.error?.message);
        const a = lastChat();
        assert.strictEqual(a.headers['x-grok-conv-id'], 'mine');
        assertNoLeak(a, 'Bearer xai-test-key-0123456789');
        const local = await run(request('lmstudio', { apiKey: undefined }));
        assert.strictEqual(local.error, undefined, local.error?.message);
        assertNoLeak(lastChat(), undefined);
      });
    });
  });

  describe('HTTP errors and retries', () => {
    it('429 with Retry-After: retried at most twice (honouring the wait), then ModelError rate-limit', async () => {
      fake.enqueue({ status: 429, retryAfter: 0.02 }, { status: 429, retryAfter: 0.03 }, { status: 429, retryAfter: 0.04, errorMessage: 'slow down' }, { text: 'never' });
      const r = await run(request('xai'));
      assert.ok(r.error);
      assert.strictEqual(r.error.kind, 'rate-limit');
      assert.strictEqual(r.error.status, 429);
      assert.strictEqual(r.error.retryAfterMs, 40);
      assert.match(r.error.message, /slow down/);
      assert.strictEqual(fake.chatRequests().length, 3);
      assert.deepStrictEqual(r.retries.map(x => [x.attempt, x.waitMs]), [[1, 20], [2, 30]]);
      assert.deepStrictEqual(r.attempts, [1, 2, 3]);
      const [a, b, c] = fake.chatRequests();
      assert.ok(b.receivedAt - a.receivedAt >= 19, `waited ${b.receivedAt - a.receivedAt} ms`);
      assert.ok(c.receivedAt - b.receivedAt >= 29, `waited ${c.receivedAt - b.receivedAt} ms`);
    });

    it('429 then success: the answer arrives, one retry', async () => {
      fake.enqueue({ status: 429, retryAfter: 0.01 }, { text: 'second time lucky' });
      const r = await run(request('xai'));
      assert.strictEqual(r.error, undefined);
      assert.strictEqual(r.text, 'second time lucky');
      assert.strictEqual(r.retries.length, 1);
      assert.strictEqual(r.retries[0].waitMs, 10);
      assert.strictEqual(fake.chatRequests().length, 2);
    });

    it('500 retried once, then ModelError server', async () => {
      fake.enqueue({ status: 500 }, { status: 503 }, { text: 'never' });
      const r = await run(request('xai'));
      assert.strictEqual(r.error?.kind, 'server');
      assert.strictEqual(r.error?.status, 503);
      assert.strictEqual(fake.chatRequests().length, 2);
      assert.strictEqual(r.retries.length, 1);
    });

    it('500 then success (default wait without Retry-After)', async () => {
      fake.enqueue({ status: 500 }, { text: 'fine' });
      const r = await run(request('xai'));
      assert.strictEqual(r.text, 'fine');
      assert.strictEqual(r.retries.length, 1);
      assert.ok(r.retries[0].waitMs > 0 && r.retries[0].waitMs <= 1000, String(r.retries[0].waitMs));
    });

    for (const status of [401, 403]) {
      it(`${status} → auth at once, no retry`, async () => {
        fake.enqueue({ status, errorMessage: `denied ${status}` }, { text: 'never' });
        const r = await run(request('xai'));
        assert.strictEqual(r.error?.kind, 'auth');
        assert.strictEqual(r.error?.status, status);
        assert.match(r.error!.message, new RegExp(`denied ${status}`));
        assert.strictEqual(fake.chatRequests().length, 1);
        assert.strictEqual(r.retries.length, 0);
      });
    }

    it('a wrong key (server requires another) → auth, and the key is not in the message', async () => {
      fake.requireKey = 'the-right-key-123456';
      const r = await run(request('xai', { apiKey: 'xai-wrongkeywrongkey' }));
      assert.strictEqual(r.error?.kind, 'auth');
      assert.ok(!r.error!.message.includes('wrongkey'), r.error!.message);
    });

    it('404 → not-found naming the model', async () => {
      fake.enqueue({ status: 404 });
      const r = await run(request('xai', { model: 'grok-nope' }));
      assert.strictEqual(r.error?.kind, 'not-found');
      assert.match(r.error!.message, /grok-nope/);
      assert.strictEqual(fake.chatRequests().length, 1);
    });

    it('400 → bad-request, no retry', async () => {
      fake.enqueue({ status: 400, errorMessage: 'bad shape' });
      const r = await run(request('xai'));
      assert.strictEqual(r.error?.kind, 'bad-request');
      assert.strictEqual(fake.chatRequests().length, 1);
    });

    it('connection refused (closed port) → connection with a clear message', async () => {
      const port = await freePort();
      const r = await run(request('xai', { baseUrl: `http://127.0.0.1:${port}/v1` }));
      assert.strictEqual(r.error?.kind, 'connection');
      assert.strictEqual(r.error?.midStream, false);
      assert.match(r.error!.message, new RegExp(`127\\.0\\.0\\.1:${port}.*connection refused`, 'i'));
      assert.strictEqual(r.retries.length, 0);
    });
  });

  describe('timeouts and faults', () => {
    it('firstTokenTimeoutMs shorter than ttftMs → timeout, and the socket is closed', async () => {
      fake.enqueue({ text: 'late', ttftMs: 3000 });
      const t0 = performance.now();
      const r = await run(request('xai', { firstTokenTimeoutMs: 150 }));
      const took = performance.now() - t0;
      assert.strictEqual(r.error?.kind, 'timeout');
      assert.strictEqual(r.error?.midStream, false);
      assert.strictEqual(r.text, '');
      assert.ok(took < 2000, `took ${took} ms`);
      const req = lastChat();
      await fake.waitForClose(req, 2000);
      assert.strictEqual(req.clientAborted, true);
      assert.strictEqual(req.tokensSent, 0);
      assert.strictEqual(fake.chatRequests().length, 1, 'a timeout is not retried');
    });

    it('OpenRouter keep-alive comments do not count as a first token', async () => {
      fake.enqueue({ text: 'late', ttftMs: 3000 });
      const r = await run(request('openrouter', { firstTokenTimeoutMs: 400 })); // > the 250 ms comment interval
      assert.strictEqual(r.error?.kind, 'timeout');
      const req = lastChat();
      await fake.waitForClose(req, 2000);
      assert.strictEqual(req.clientAborted, true);
    });

    it('firstTokenTimeoutMs also covers an HTTP error that is slow to arrive', async () => {
      fake.enqueue({ status: 500, ttftMs: 3000 });
      const r = await run(request('xai', { firstTokenTimeoutMs: 100 }));
      assert.strictEqual(r.error?.kind, 'timeout');
    });

    it('stallAfterTokens → stalled midStream after stallTimeoutMs, keeping the text so far', async () => {
      fake.enqueue({ text: 'one two three four five six', stallAfterTokens: 3 });
      const t0 = performance.now();
      const r = await run(request('xai', { firstTokenTimeoutMs: 3000, stallTimeoutMs: 150 }));
      const took = performance.now() - t0;
      assert.strictEqual(r.error?.kind, 'stalled');
      assert.strictEqual(r.error?.midStream, true);
      assert.strictEqual(r.text, 'one two three');
      assert.ok(took >= 140 && took < 2500, `took ${took} ms`);
      const req = lastChat();
      await fake.waitForClose(req, 2000);
      assert.strictEqual(req.clientAborted, true);
    });

    it('disconnectAfterTokens → connection midStream with the partial text yielded before', async () => {
      fake.enqueue({ text: 'alpha beta gamma delta epsilon', disconnectAfterTokens: 2 });
      const r = await run(request('xai'));
      assert.strictEqual(r.error?.kind, 'connection');
      assert.strictEqual(r.error?.midStream, true);
      assert.strictEqual(r.text, 'alpha beta');
      assert.ok(!r.events.some(e => e.kind === 'end'));
    });

    it('malformedAfterTokens → the full text still arrives; onMalformed called once', async () => {
      fake.enqueue({ text: 'alpha beta gamma delta', malformedAfterTokens: 2 });
      const r = await run(request('xai'));
      assert.strictEqual(r.error, undefined);
      assert.strictEqual(r.text, 'alpha beta gamma delta');
      assert.strictEqual(r.malformed.length, 1);
      assert.match(r.malformed[0], /^\{"choices":\[\{"delta":/);
      assert.strictEqual(r.events[r.events.length - 1].kind, 'end');
    });

    it('a JSON answer to a stream request → server error with its message', async () => {
      // The fake answers non-stream requests with JSON; emulate a server ignoring `stream` by
      // pointing a stream request at a raw server that always answers JSON.
      const { createServer: createHttp } = await import('node:http');
      const srv = createHttp((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'streaming unsupported' } }));
      });
      await new Promise<void>(resolve => srv.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = srv.address() as { port: number };
        const r = await run(request('xai', { baseUrl: `http://127.0.0.1:${port}/v1` }));
        assert.strictEqual(r.error?.kind, 'server');
        assert.match(r.error!.message, /streaming unsupported/);
      } finally {
        srv.closeAllConnections();
        await new Promise(resolve => srv.close(resolve));
      }
    });
  });

  describe('cancellation', () => {
    it('abort mid-stream: ModelError cancelled (midStream) and the server sees the socket close < 100 ms later (median of 10)', async () => {
      const latencies: number[] = [];
      for (let i = 0; i < 10; i++) {
        fake.reset();
        fake.enqueue({ text: LONG_TEXT, tokensPerSecond: 200 });
        const controller = new AbortController();
        let abortedAt = 0;
        const r = await run(request('xai'), {
          signal: controller.signal,
          onEvent: (e, run) => {
            if (e.kind === 'text' && run.text.length > 10 && !abortedAt) {
              abortedAt = performance.now();
              controller.abort();
            }
          },
        });
        assert.strictEqual(r.error?.kind, 'cancelled');
        assert.strictEqual(r.error?.midStream, true);
        const req = lastChat();
        await fake.waitForClose(req, 2000);
        assert.strictEqual(req.clientAborted, true);
        assert.ok(req.tokensSent < 400, 'the stream ran to its end');
        latencies.push(req.closedAt! - abortedAt);
      }
      latencies.sort((a, b) => a - b);
      const median = (latencies[4] + latencies[5]) / 2;
      console.log(`      cancellation: abort → server-observed close, median ${median.toFixed(2)} ms (min ${latencies[0].toFixed(2)}, max ${latencies[9].toFixed(2)}) over 10 runs`);
      assert.ok(median < 100, `median ${median} ms`);
    });

    it('abort before the first token (while waiting for headers) → cancelled, not midStream, socket closed', async () => {
      fake.enqueue({ text: 'late', ttftMs: 3000 });
      const controller = new AbortController();
      const p = run(request('xai'), { signal: controller.signal });
      const [req] = await fake.waitForRequests(1);
      controller.abort();
      const r = await p;
      assert.strictEqual(r.error?.kind, 'cancelled');
      assert.strictEqual(r.error?.midStream, false);
      await fake.waitForClose(req, 2000);
      assert.strictEqual(req.clientAborted, true);
    });

    it('an already aborted signal → cancelled without a request', async () => {
      const controller = new AbortController();
      controller.abort();
      const r = await run(request('xai'), { signal: controller.signal });
      assert.strictEqual(r.error?.kind, 'cancelled');
      assert.strictEqual(fake.chatRequests().length, 0);
    });

    it('abort during a Retry-After wait → cancelled at once, without another request', async () => {
      fake.enqueue({ status: 429, retryAfter: 5 }, { text: 'never' });
      const controller = new AbortController();
      const t0 = performance.now();
      const err = await (async () => {
        try {
          for await (const _ of streamChat(request('xai'), controller.signal, { onRetry: () => controller.abort() })) void _;
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      assert.ok(err instanceof ModelError);
      assert.strictEqual(err.kind, 'cancelled');
      assert.ok(performance.now() - t0 < 2000);
      assert.strictEqual(fake.chatRequests().length, 1);
    });

    it('a consumer that stops iterating early (break) closes the socket', async () => {
      fake.enqueue({ text: LONG_TEXT, tokensPerSecond: 200 });
      let brokeAt = 0;
      const r = await run(request('xai'), {
        onEvent: e => {
          if (e.kind === 'text') {
            brokeAt = performance.now();
            return 'break';
          }
          return undefined;
        },
      });
      assert.strictEqual(r.error, undefined);
      const req = lastChat();
      await fake.waitForClose(req, 2000);
      assert.strictEqual(req.clientAborted, true);
      assert.ok(req.tokensSent < 400);
      console.log(`      consumer break → server-observed close: ${(req.closedAt! - brokeAt).toFixed(2)} ms`);
    });
  });
});

describe('model: listModels against the fake provider', function () {
  this.timeout(10_000);
  let fake: FakeProvider;
  before(async () => {
    fake = await FakeProvider.start();
  });
  after(() => fake.close());

  it('the live list, sorted, with the key sent as Bearer', async () => {
    fake.requireKey = 'xai-list-key-12345678';
    fake.models.xai = ['grok-4', 'grok-code-fast-1', 'a-model'];
    try {
      const r = await listModels(fake.baseUrl('xai') + '/', 'xai-list-key-12345678', PROVIDERS.xai);
      assert.deepStrictEqual(r, { models: ['a-model', 'grok-4', 'grok-code-fast-1'], source: 'live' });
      const req = fake.requests[fake.requests.length - 1];
      assert.strictEqual(req.path, '/xai/v1/models');
      assert.strictEqual(req.headers.authorization, 'Bearer xai-list-key-12345678');
    } finally {
      fake.requireKey = undefined;
    }
  });

  it('no key: no Authorization header', async () => {
    const r = await listModels(fake.baseUrl('lmstudio'), undefined, PROVIDERS.lmstudio);
    assert.strictEqual(r.source, 'live');
    assert.ok(r.models.length > 0);
    assert.strictEqual(fake.requests[fake.requests.length - 1].headers.authorization, undefined);
  });

  it('404 → the preset fallback list with a problem message naming the host', async () => {
    fake.models.mistral = null;
    const r = await listModels(fake.baseUrl('mistral'), 'k', PROVIDERS.mistral);
    assert.strictEqual(r.source, 'fallback');
    assert.deepStrictEqual(r.models, PROVIDERS.mistral.fallbackModels);
    assert.notStrictEqual(r.models, PROVIDERS.mistral.fallbackModels, 'a copy, not the preset array');
    assert.match(r.problem!, new RegExp(`${new URL(fake.url).host}: HTTP 404`));
  });

  it('401 and an empty list → fallback too', async () => {
    fake.requireKey = 'right-key-123456789';
    try {
      const r = await listModels(fake.baseUrl('xai'), 'wrong-key-12345678', PROVIDERS.xai);
      assert.strictEqual(r.source, 'fallback');
      assert.match(r.problem!, /HTTP 401/);
    } finally {
      fake.requireKey = undefined;
    }
    fake.models.groq = [];
    const e = await listModels(fake.baseUrl('groq'), 'k', PROVIDERS.groq);
    assert.strictEqual(e.source, 'fallback');
    assert.match(e.problem!, /empty/);
  });

  it('connection refused → fallback', async () => {
    const port = await freePort();
    const r = await listModels(`http://127.0.0.1:${port}/v1`, undefined, PROVIDERS.ollama);
    assert.strictEqual(r.source, 'fallback');
    assert.deepStrictEqual(r.models, PROVIDERS.ollama.fallbackModels);
    assert.ok(r.problem);
  });
});
