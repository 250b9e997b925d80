// A local fake of OpenAI-compatible providers, over real HTTP + SSE on 127.0.0.1, used by
// every test. The first path segment picks the provider dialect:
//   `${url}/${dialect}/v1/chat/completions` (POST, stream or not) and `${url}/${dialect}/v1/models` (GET).
// Replies are scripted (ReplyScript: text, reasoning, pacing, faults); every request is
// recorded with its timings so tests can assert on what the client sent and when it hung up.
//
//   const server = await FakeProvider.start();
//   server.enqueue({ text: 'fixed()', reasoning: 'hmm', tokensPerSecond: 200, ttftMs: 50 });
//   const client = new OpenAI({ apiKey: 'k', baseURL: server.baseUrl('xai'), maxRetries: 0 });
//   ... stream ...; const [req] = await server.waitForRequests(1); await server.close();
//
// Client-side helpers for such tests (timed SDK drain, raw SSE reads) are in probe.ts.
//
// Split by concept: types.ts (API types), tokens.ts (real token counts / streamable pieces),
// plan.ts + pacer.ts (chunking and timing), dialects.ts (per-provider shapes),
// promptCache.ts (cached_tokens rule), chatResponder.ts (one reply), wire.ts (socket writes).
import { handleControl } from './control';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ChatResponder } from './chatResponder';
import { defaultModels, DIALECT_SPECS } from './dialects';
import { PromptCache } from './promptCache';
import { countPromptTokens, promptCacheTokens } from './tokens';
import { isDialect, type Dialect, type Prices, type RecordedRequest, type ReplyScript } from './types';
import { sendError, sendJson } from './wire';

export { DIALECTS, isDialect } from './types';
export type { Dialect, Prices, RecordedRequest, ReplyScript } from './types';
export { MALFORMED_EVENT } from './chatResponder';
export { CACHE_BLOCK_TOKENS, CACHE_MIN_TOKENS } from './promptCache';
export { countTokens, tokenPieces } from './tokens';

const DEFAULT_SCRIPT: ReplyScript = { text: 'ok' };
const DEFAULT_WAIT_MS = 5000;

export class FakeProvider {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Per-dialect `/models` list; null → 404 (endpoint missing). */
  models: Partial<Record<Dialect, string[] | null>> = defaultModels();
  /** When set, a request whose `Authorization: Bearer …` differs gets 401. */
  requireKey?: string;
  /** USD per million, for OpenRouter's usage.cost. */
  prices: Prices = { input: 0.2, cachedInput: 0.02, output: 1.5 };
  /** Every request, including /models and errors, in arrival order. */
  readonly requests: RecordedRequest[] = [];

  private queue: ReplyScript[] = [];
  private defaultScript: ReplyScript = DEFAULT_SCRIPT;
  private readonly cache = new PromptCache();
  private readonly sockets = new Set<Socket>();
  private readonly responders = new Set<ChatResponder>();
  private readonly events = new EventEmitter();
  private readonly waiters = new Set<{ reject(e: Error): void; cleanup(): void }>();
  private closed = false;

  private constructor(private readonly server: Server, tls: boolean) {
    const { port } = server.address() as AddressInfo;
    this.url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    this.events.setMaxListeners(0);
  }

  /** `tls`: serve HTTPS with this key and certificate (a self-signed one tests a TLS failure). */
  static start(opts: { port?: number; tls?: { key: string; cert: string } } = {}): Promise<FakeProvider> {
    return new Promise((resolve, reject) => {
      let fake: FakeProvider | undefined;
      const handler = (req: IncomingMessage, res: ServerResponse) => fake?.onRequest(req, res);
      const server: Server = opts.tls ? createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : createServer(handler);
      server.on(opts.tls ? 'secureConnection' : 'connection', (socket) => fake?.onConnection(socket));
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        fake = new FakeProvider(server, !!opts.tls);
        resolve(fake);
      });
    });
  }

  baseUrl(dialect: Dialect): string {
    return `${this.url}/${dialect}/v1`;
  }

  /** Scripts consumed one per chat request, in order. */
  enqueue(...scripts: ReplyScript[]): void {
    this.queue.push(...scripts);
  }

  /** Script used when the queue is empty (initially `{ text: 'ok' }`). */
  setDefault(script: ReplyScript): void {
    this.defaultScript = script;
  }

  chatRequests(): RecordedRequest[] {
    return this.requests.filter(isChat);
  }

  /** Resolves once at least `n` chat requests arrived (event-driven). */
  waitForRequests(n: number, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest[]> {
    return this.waitFor(
      () => (this.chatRequests().length >= n ? this.chatRequests() : undefined),
      'request',
      timeoutMs,
      () => `waitForRequests(${n}): only ${this.chatRequests().length} chat request(s) after ${timeoutMs} ms`,
    );
  }

  /** Resolves once that request's response closed (client abort, server cut or normal end). */
  waitForClose(req: RecordedRequest, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    return this.waitFor(
      () => (req.closedAt !== undefined ? true : undefined),
      'close',
      timeoutMs,
      () => `waitForClose: ${req.method} ${req.path} still open after ${timeoutMs} ms`,
    ).then(() => undefined);
  }

  /** Clears the queue, the default script, the recorded requests and the prompt cache. */
  reset(): void {
    this.queue = [];
    this.defaultScript = DEFAULT_SCRIPT;
    this.requests.length = 0;
    this.cache.clear();
  }

  /** Closes the server and every open socket at once (stalled streams included). */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const r of this.responders) r.stop();
    for (const w of [...this.waiters]) w.reject(new Error('FakeProvider closed'));
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
      this.server.closeAllConnections?.();
    });
  }

  // ---- internals -------------------------------------------------------------------------

  private waitFor<T>(check: () => T | undefined, event: string, timeoutMs: number, describe: () => string): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    if (this.closed) return Promise.reject(new Error('FakeProvider closed'));
    return new Promise<T>((resolve, reject) => {
      const onEvent = () => {
        const v = check();
        if (v !== undefined) {
          waiter.cleanup();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        waiter.cleanup();
        reject(new Error(describe()));
      }, timeoutMs);
      const waiter = {
        reject: (e: Error) => {
          waiter.cleanup();
          reject(e);
        },
        cleanup: () => {
          clearTimeout(timer);
          this.events.off(event, onEvent);
          this.waiters.delete(waiter);
        },
      };
      this.waiters.add(waiter);
      this.events.on(event, onEvent);
    });
  }

  private onConnection(socket: Socket): void {
    // No Nagle delay: a token written is a token sent, which the pacing tests measure.
    socket.setNoDelay(true);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    if (this.closed) socket.destroy();
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => parts.push(b));
    req.on('end', () => this.handle(req, res, Buffer.concat(parts).toString('utf8')));
  }

  private handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const receivedAt = performance.now();
    const path = req.url ?? '/';
    const segments = new URL(path, 'http://fake').pathname.split('/').filter(Boolean);
    const prefix = segments[0] ?? '';
    if (prefix === '_control') return handleControl(this, req, res, raw, segments.slice(1).join('/'));
    const endpoint = segments.slice(2).join('/');
    const record: RecordedRequest = {
      dialect: prefix as Dialect,
      method: req.method ?? 'GET',
      path,
      headers: { ...req.headers },
      body: parseBody(raw),
      receivedAt,
      clientAborted: false,
      tokensSent: 0,
      script: {},
    };
    this.requests.push(record);

    let responder: ChatResponder | undefined;
    res.on('close', () => {
      record.closedAt = performance.now();
      record.clientAborted = !res.writableEnded && !responder?.serverDestroyed;
      if (responder) {
        responder.stop();
        this.responders.delete(responder);
      }
      this.events.emit('close', record);
    });

    const answerError = (status: number, message: string) => {
      record.status = status;
      sendError(res, status, message);
    };
    try {
      if (!isDialect(prefix)) {
        answerError(404, `Unknown provider prefix '/${prefix}'. Use one of /${Object.keys(DIALECT_SPECS).join(', /')}.`);
      } else if (segments[1] !== 'v1') {
        answerError(404, `Not found: ${path}`);
      } else if (this.requireKey !== undefined && req.headers.authorization !== `Bearer ${this.requireKey}`) {
        answerError(401, 'Incorrect API key provided.');
      } else if (endpoint === 'models' && req.method === 'GET') {
        this.answerModels(prefix, record, res);
      } else if (endpoint === 'chat/completions' && req.method === 'POST') {
        responder = this.answerChat(prefix, record, res);
      } else {
        answerError(404, `Not found: ${req.method} ${path}`);
      }
    } finally {
      if (isChat(record)) this.events.emit('request', record);
    }
  }

  private answerModels(dialect: Dialect, record: RecordedRequest, res: ServerResponse): void {
    const list = this.models[dialect];
    if (list === null) {
      record.status = 404;
      return sendError(res, 404, 'Not found: this provider has no /models endpoint.');
    }
    const ids = list ?? DIALECT_SPECS[dialect].models;
    const created = 1_700_000_000;
    record.status = 200;
    sendJson(res, 200, {
      object: 'list',
      data: ids.map((id) => ({ id, object: 'model', created, owned_by: DIALECT_SPECS[dialect].ownedBy })),
    });
  }

  private answerChat(dialect: Dialect, record: RecordedRequest, res: ServerResponse): ChatResponder | undefined {
    const body = record.body;
    if (!body || typeof body !== 'object' || !Array.isArray(body.messages)) {
      record.status = 400;
      sendError(res, 400, 'Invalid request: body must be JSON with a `messages` array.');
      return undefined;
    }
    const script = this.queue.length ? this.queue.shift()! : this.defaultScript;
    record.script = script;
    const promptTokens = script.promptTokens ?? countPromptTokens(body);
    let cachedTokens = 0;
    if (!(script.status && script.status >= 400)) {
      const convId = headerValue(record.headers['x-grok-conv-id']);
      cachedTokens = this.cache.lookupAndStore(PromptCache.key(dialect, convId), promptCacheTokens(body));
    }
    const firstModel = (this.models[dialect] ?? DIALECT_SPECS[dialect].models)[0];
    const responder = new ChatResponder({
      dialect,
      script,
      record,
      res,
      model: typeof body.model === 'string' ? body.model : (firstModel ?? 'fake-model'),
      stream: body.stream === true,
      includeUsage: body.stream_options?.include_usage === true,
      promptTokens,
      cachedTokens,
      prices: { ...this.prices },
    });
    this.responders.add(responder);
    responder.start();
    return responder;
  }
}

function isChat(r: RecordedRequest): boolean {
  return r.method === 'POST' && /\/chat\/completions\/?(\?|$)/.test(r.path);
}

function parseBody(raw: string): any {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
