// The fake provider, driven through the REAL openai SDK over real HTTP: each dialect's wire
// shape (reasoning field, usage numbers), prompt caching, /models, recording, non-stream.
import * as assert from 'node:assert';
import OpenAI, { type ClientOptions } from 'openai';
import { encode } from 'gpt-tokenizer';
import { FakeProvider, DIALECTS, type Dialect } from '../server/fakeProvider';
import { probe, postRaw, parseSse } from '../server/probe';

const TEXT = 'Fixed: `a + b` 👍🏽 done\r\n  return x; // 日本語\r\n';
const REASONING = 'The user wants a fix. Check the types first.';
const tok = (s: string) => encode(s).length;
const MESSAGES = [
  { role: 'system' as const, content: 'You are a code editor.' },
  { role: 'user' as const, content: 'Fix the bug.' },
];
const PROMPT_TOKENS = tok('You are a code editor.') + 4 + tok('Fix the bug.') + 4;

function client(server: FakeProvider, dialect: Dialect, opts: ClientOptions = {}) {
  return new OpenAI({ apiKey: 'k', baseURL: server.baseUrl(dialect), maxRetries: 0, ...opts });
}

async function streamOnce(server: FakeProvider, dialect: Dialect, includeUsage = true, extra: Record<string, unknown> = {}) {
  const stream = await client(server, dialect).chat.completions.create({
    model: 'test-model',
    messages: MESSAGES,
    stream: true,
    ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
    ...extra,
  });
  return probe(stream);
}

describe('FakeProvider: dialects through the openai SDK', function () {
  this.timeout(10_000);
  let server: FakeProvider;
  before(async () => {
    server = await FakeProvider.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  // Where each dialect streams reasoning (null: hidden but billed) and when usage comes.
  const expected: Record<Dialect, { field: string | null; usage: 'include_usage' | 'always' | 'never' }> = {
    xai: { field: 'reasoning_content', usage: 'include_usage' },
    openrouter: { field: 'reasoning', usage: 'always' },
    openai: { field: null, usage: 'include_usage' },
    deepseek: { field: 'reasoning_content', usage: 'include_usage' },
    lmstudio: { field: 'reasoning_content', usage: 'never' },
    groq: { field: 'reasoning', usage: 'include_usage' },
    ollama: { field: 'reasoning', usage: 'include_usage' },
    llamacpp: { field: 'reasoning_content', usage: 'always' },
    mistral: { field: null, usage: 'include_usage' },
    cerebras: { field: 'reasoning', usage: 'include_usage' },
  };

  for (const dialect of DIALECTS) {
    it(`${dialect}: reasoning in its field, exact text, usage when expected`, async () => {
      const e = expected[dialect];
      for (const includeUsage of [true, false]) {
        server.enqueue({ text: TEXT, reasoning: REASONING });
        const r = await streamOnce(server, dialect, includeUsage);
        assert.strictEqual(r.error, undefined);
        assert.strictEqual(r.content, TEXT, 'answer text reassembles exactly (emoji, CJK, CRLF)');
        if (e.field) assert.deepStrictEqual(r.reasoning, { [e.field]: REASONING });
        else assert.deepStrictEqual(r.reasoning, {}, 'reasoning is hidden');
        assert.strictEqual(r.finishReason, 'stop');
        assert.strictEqual(r.chunks[0].chunk.choices[0].delta.role, 'assistant');
        assert.strictEqual(r.chunks[0].chunk.model, 'test-model');
        assert.strictEqual(r.chunks[0].chunk.object, 'chat.completion.chunk');
        const wantUsage = e.usage === 'always' || (e.usage === 'include_usage' && includeUsage);
        assert.strictEqual(r.usages.length, wantUsage ? 1 : 0, `usage chunks (include_usage=${includeUsage})`);
        const rec = server.chatRequests().at(-1)!;
        assert.strictEqual(rec.tokensSent, tok(TEXT) + tok(REASONING));
        assert.deepStrictEqual(rec.usage, wantUsage ? r.usages[0] : undefined);
        if (wantUsage) {
          const u = r.usages[0];
          assert.strictEqual(u.prompt_tokens, PROMPT_TOKENS);
          const completion = dialect === 'xai' ? tok(TEXT) : tok(TEXT) + tok(REASONING);
          assert.strictEqual(u.completion_tokens, completion);
          assert.strictEqual(u.total_tokens, PROMPT_TOKENS + tok(TEXT) + tok(REASONING));
        }
      }
    });
  }

  it('xai: completion excludes reasoning; details as recorded from the real API', async () => {
    server.enqueue({ text: TEXT, reasoning: REASONING, promptTokens: 213 });
    const r = await streamOnce(server, 'xai');
    const u = r.usages[0];
    const answer = tok(TEXT);
    const reasoning = tok(REASONING);
    assert.deepStrictEqual(u, {
      prompt_tokens: 213,
      completion_tokens: answer,
      total_tokens: 213 + answer + reasoning,
      prompt_tokens_details: { text_tokens: 213, audio_tokens: 0, image_tokens: 0, cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      num_sources_used: 0,
    });
    // Trailing usage chunk has choices: [] and comes after the finish_reason chunk.
    const last = r.chunks.at(-1)!.chunk;
    assert.deepStrictEqual(last.choices, []);
    assert.strictEqual(r.chunks.at(-2)!.chunk.choices[0].finish_reason, 'stop');
  });

  it('xai: usageInSecondToLast puts usage on the finish_reason chunk (no choices:[] chunk)', async () => {
    server.enqueue({ text: 'a b c', usageInSecondToLast: true });
    const r = await streamOnce(server, 'xai');
    const last = r.chunks.at(-1)!.chunk;
    assert.strictEqual(last.choices[0].finish_reason, 'stop');
    assert.ok(last.usage, 'usage on the finish chunk');
    assert.ok(!r.chunks.some((c) => c.chunk.choices.length === 0));
    assert.strictEqual(r.usages.length, 1);
  });

  it('openrouter: usage without include_usage, cost = formula, completion includes reasoning; comments before first token', async () => {
    server.prices = { input: 0.2, cachedInput: 0.02, output: 1.5 };
    server.enqueue({ text: TEXT, reasoning: REASONING, promptTokens: 1000 });
    const r = await streamOnce(server, 'openrouter', false);
    const u = r.usages[0];
    const completion = tok(TEXT) + tok(REASONING);
    assert.strictEqual(u.completion_tokens, completion);
    assert.strictEqual(u.completion_tokens_details.reasoning_tokens, tok(REASONING));
    assert.strictEqual(u.prompt_tokens_details.cached_tokens, 0);
    const cost = (1000 * 0.2 + 0 * 0.02 + completion * 1.5) / 1e6;
    assert.ok(Math.abs(u.cost - cost) < 1e-15, `cost ${u.cost} vs ${cost}`);
    // Raw view: the keep-alive comment precedes the first data event.
    server.enqueue({ text: 'x', ttftMs: 30 });
    const raw = await postRaw(`${server.baseUrl('openrouter')}/chat/completions`, { model: 'm', messages: MESSAGES, stream: true });
    assert.ok(raw.raw.startsWith(': OPENROUTER PROCESSING\n\n'), raw.raw.slice(0, 60));
    assert.deepStrictEqual(parseSse(raw.raw).comments, ['OPENROUTER PROCESSING']);
    assert.strictEqual(raw.headers.get('content-type'), 'text/event-stream');
  });

  it('openrouter: cost uses the cached price for cached tokens', async () => {
    server.prices = { input: 1, cachedInput: 0.1, output: 2 };
    const long = 'const value = compute(input, options);\n'.repeat(20);
    const messages = [{ role: 'system' as const, content: long }, { role: 'user' as const, content: 'one' }];
    const c = client(server, 'openrouter');
    await probe(await c.chat.completions.create({ model: 'm', messages, stream: true }));
    const r = await probe(await c.chat.completions.create({ model: 'm', messages: [messages[0], { role: 'user', content: 'two' }], stream: true }));
    const u = r.usages[0];
    assert.ok(u.prompt_tokens_details.cached_tokens > 0);
    const want = ((u.prompt_tokens - u.prompt_tokens_details.cached_tokens) * 1 + u.prompt_tokens_details.cached_tokens * 0.1 + u.completion_tokens * 2) / 1e6;
    assert.ok(Math.abs(u.cost - want) < 1e-15);
  });

  it('openai: hidden reasoning counted; usage null on content chunks; no usage when the stream is cut', async () => {
    server.enqueue({ text: TEXT, reasoning: REASONING });
    const r = await streamOnce(server, 'openai');
    assert.strictEqual(r.usages[0].completion_tokens_details.reasoning_tokens, tok(REASONING));
    assert.ok(r.chunks.slice(0, -1).every((c) => c.chunk.usage === null), 'usage: null on every other chunk');

    server.enqueue({ text: TEXT, disconnectAfterTokens: 3 });
    const cut = await streamOnce(server, 'openai');
    assert.ok(cut.error, 'iteration throws on the cut');
    assert.strictEqual(cut.usages.length, 0);
    assert.strictEqual(server.chatRequests().at(-1)!.usage, undefined);
  });

  it('deepseek: prompt_cache_hit_tokens / miss tokens add up', async () => {
    const long = 'function add(a, b) { return a + b; }\n'.repeat(15);
    const messages = [{ role: 'system' as const, content: long }, { role: 'user' as const, content: 'first' }];
    const c = client(server, 'deepseek');
    const params = { model: 'deepseek-chat', stream: true as const, stream_options: { include_usage: true } };
    const a = (await probe(await c.chat.completions.create({ ...params, messages }))).usages[0];
    assert.strictEqual(a.prompt_cache_hit_tokens, 0);
    assert.strictEqual(a.prompt_cache_miss_tokens, a.prompt_tokens);
    const b = (await probe(await c.chat.completions.create({ ...params, messages: [messages[0], { role: 'user', content: 'second' }] }))).usages[0];
    assert.ok(b.prompt_cache_hit_tokens >= 64);
    assert.strictEqual(b.prompt_cache_hit_tokens + b.prompt_cache_miss_tokens, b.prompt_tokens);
    assert.strictEqual(b.prompt_tokens_details.cached_tokens, b.prompt_cache_hit_tokens);
  });

  it('lmstudio: never any usage, even asked for', async () => {
    server.enqueue({ text: TEXT });
    const r = await streamOnce(server, 'lmstudio', true);
    assert.strictEqual(r.usages.length, 0);
    assert.ok(r.chunks.every((c) => !('usage' in c.chunk)));
  });

  it('groq: x_groq with server timings on the last chunk', async () => {
    server.enqueue({ text: 'one two three', ttftMs: 20 });
    const r = await streamOnce(server, 'groq');
    const last = r.chunks.at(-1)!.chunk;
    assert.ok(last.x_groq?.id);
    const xu = last.x_groq.usage;
    assert.strictEqual(xu.completion_tokens, 3);
    for (const k of ['queue_time', 'prompt_time', 'completion_time', 'total_time']) assert.strictEqual(typeof xu[k], 'number', k);
    assert.ok(xu.prompt_time >= 0.02);
    assert.deepStrictEqual(last.usage, { prompt_tokens: PROMPT_TOKENS, completion_tokens: 3, total_tokens: PROMPT_TOKENS + 3 });
  });

  it('llamacpp: usage by default with timings', async () => {
    server.enqueue({ text: 'one two three four', tokensPerSecond: 1000 });
    const r = await streamOnce(server, 'llamacpp', false);
    const last = r.chunks.at(-1)!.chunk;
    assert.strictEqual(last.choices[0].finish_reason, 'stop');
    assert.strictEqual(last.usage.completion_tokens, 4);
    assert.strictEqual(last.timings.predicted_n, 4);
    assert.ok(last.timings.predicted_ms >= 2.5, `predicted_ms ${last.timings.predicted_ms}`);
    assert.ok(last.timings.predicted_per_second > 0);
  });

  it('prompt tokens = content tokens + 4 per message (array content parts too)', async () => {
    server.enqueue({ text: 'x' }, { text: 'x' });
    const c = client(server, 'ollama');
    const r = await probe(
      await c.chat.completions.create({
        model: 'm',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello ' }, { type: 'text', text: 'world' }] }],
      }),
    );
    assert.strictEqual(r.usages[0].prompt_tokens, tok('Hello world') + 4);
  });

  it('prompt cache: hit on the second request with the same x-grok-conv-id and prefix; none when the prefix differs', async () => {
    const system = 'You are a careful code editor. Keep the indentation. Never add prose.\n'.repeat(8);
    const c = client(server, 'xai', { defaultHeaders: { 'x-grok-conv-id': 'conv-A' } });
    const ask = async (sys: string, user: string, cc = c) =>
      (
        await probe(
          await cc.chat.completions.create({
            model: 'grok-code-fast-1',
            stream: true,
            stream_options: { include_usage: true },
            messages: [{ role: 'system', content: sys }, { role: 'user', content: user }],
          }),
        )
      ).usages[0];
    const first = await ask(system, 'rename x to y');
    assert.strictEqual(first.prompt_tokens_details.cached_tokens, 0, 'first request: cold cache');
    const second = await ask(system, 'rename y to z');
    const cached = second.prompt_tokens_details.cached_tokens;
    const systemTokens = tok(`system\n${system}\n`);
    assert.ok(cached > 0 && cached % 16 === 0, `cached ${cached}`);
    assert.ok(cached <= second.prompt_tokens);
    assert.ok(cached > systemTokens - 16 && cached <= systemTokens + 16, `cached ${cached} ~ system ${systemTokens}`);
    // A changed beginning (timestamp in the system prompt) kills the hit.
    const third = await ask(`Time: ${Date.now()}\n${system}`, 'rename y to z');
    assert.strictEqual(third.prompt_tokens_details.cached_tokens, 0);
    // Another conversation id has its own cache.
    const other = client(server, 'xai', { defaultHeaders: { 'x-grok-conv-id': 'conv-B' } });
    assert.strictEqual((await ask(system, 'rename y to z', other)).prompt_tokens_details.cached_tokens, 0);
    // reset() clears the cache.
    server.reset();
    assert.strictEqual((await ask(system, 'rename y to z')).prompt_tokens_details.cached_tokens, 0);
  });

  it('records headers and parsed body (Authorization, x-grok-conv-id, stream_options)', async () => {
    const c = client(server, 'xai', { apiKey: 'sk-test', defaultHeaders: { 'x-grok-conv-id': 'conv-42' } });
    await probe(
      await c.chat.completions.create({ model: 'grok-code-fast-1', messages: MESSAGES, stream: true, stream_options: { include_usage: true }, max_tokens: 100 }),
    );
    const [rec] = await server.waitForRequests(1);
    assert.strictEqual(rec.dialect, 'xai');
    assert.strictEqual(rec.method, 'POST');
    assert.strictEqual(rec.path, '/xai/v1/chat/completions');
    assert.strictEqual(rec.headers.authorization, 'Bearer sk-test');
    assert.strictEqual(rec.headers['x-grok-conv-id'], 'conv-42');
    assert.deepStrictEqual(rec.body.stream_options, { include_usage: true });
    assert.strictEqual(rec.body.max_tokens, 100);
    assert.deepStrictEqual(rec.body.messages, MESSAGES);
    assert.ok(rec.closedAt! >= rec.receivedAt);
    assert.strictEqual(rec.clientAborted, false);
    assert.deepStrictEqual(rec.script, { text: 'ok' });
  });

  it('queue is consumed in order, then the default', async () => {
    server.enqueue({ text: 'first' }, { text: 'second' });
    server.setDefault({ text: 'fallback' });
    const got: string[] = [];
    for (let i = 0; i < 4; i++) got.push((await streamOnce(server, 'mistral')).content);
    assert.deepStrictEqual(got, ['first', 'second', 'fallback', 'fallback']);
  });

  it('waitForRequests is event-driven and times out with a clear message', async () => {
    const waiting = server.waitForRequests(2, 3000);
    const c = client(server, 'cerebras');
    const p1 = c.chat.completions.create({ model: 'm', messages: MESSAGES });
    const p2 = c.chat.completions.create({ model: 'm', messages: MESSAGES });
    const reqs = await waiting;
    assert.strictEqual(reqs.length, 2);
    await Promise.all([p1, p2]);
    await assert.rejects(server.waitForRequests(3, 30), /waitForRequests\(3\)/);
  });

  describe('non-stream', () => {
    it('xai: message content, reasoning_content and usage', async () => {
      server.enqueue({ text: TEXT, reasoning: REASONING });
      const res = await client(server, 'xai').chat.completions.create({ model: 'grok-code-fast-1', messages: MESSAGES });
      assert.strictEqual(res.object, 'chat.completion');
      assert.strictEqual(res.model, 'grok-code-fast-1');
      assert.strictEqual(res.choices[0].message.content, TEXT);
      assert.strictEqual((res.choices[0].message as any).reasoning_content, REASONING);
      assert.strictEqual(res.choices[0].finish_reason, 'stop');
      assert.strictEqual(res.usage!.completion_tokens, tok(TEXT));
      assert.strictEqual(res.usage!.completion_tokens_details!.reasoning_tokens, tok(REASONING));
    });

    it('lmstudio: no usage; openrouter: reasoning on message.reasoning; finishReason honoured', async () => {
      server.enqueue({ text: 'a' }, { text: 'b', reasoning: 'r', finishReason: 'length' });
      const lm = await client(server, 'lmstudio').chat.completions.create({ model: 'm', messages: MESSAGES });
      assert.strictEqual(lm.usage, undefined);
      const or = await client(server, 'openrouter').chat.completions.create({ model: 'm', messages: MESSAGES });
      assert.strictEqual((or.choices[0].message as any).reasoning, 'r');
      assert.strictEqual(or.choices[0].finish_reason, 'length');
      assert.strictEqual(typeof (or.usage as any).cost, 'number');
    });
  });

  describe('/models and routing', () => {
    it('lists per-dialect models; null → 404', async () => {
      const list = await client(server, 'xai').models.list();
      const ids = list.data.map((m) => m.id);
      assert.ok(ids.includes('grok-code-fast-1') && ids.includes('grok-4'), ids.join());
      assert.strictEqual(list.data[0].object, 'model');
      server.models.groq = ['only-one'];
      assert.deepStrictEqual((await client(server, 'groq').models.list()).data.map((m) => m.id), ['only-one']);
      server.models.lmstudio = null;
      await assert.rejects(client(server, 'lmstudio').models.list(), (e: any) => e instanceof OpenAI.NotFoundError && e.status === 404);
      delete server.models.lmstudio;
      const models = server.requests.filter((r) => r.path.endsWith('/models'));
      assert.strictEqual(models.length, 3);
      assert.strictEqual(models[2].status, 404);
    });

    it('unknown dialect prefix and unknown path → 404 JSON error, recorded', async () => {
      const a = await fetch(`${server.url}/nope/v1/chat/completions`, { method: 'POST', body: '{}' });
      assert.strictEqual(a.status, 404);
      assert.match(((await a.json()) as any).error.message, /Unknown provider prefix/);
      const b = await fetch(`${server.baseUrl('xai')}/completions/legacy`, { method: 'POST', body: '{}' });
      assert.strictEqual(b.status, 404);
      assert.strictEqual(((await b.json()) as any).error.type, 'invalid_request_error');
      assert.deepStrictEqual(
        server.requests.map((r) => [r.dialect, r.status]),
        [
          ['nope', 404],
          ['xai', 404],
        ],
      );
    });
  });
});
