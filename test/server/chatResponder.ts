// Answers ONE chat completion request per its ReplyScript: a paced SSE stream or a single
// JSON completion, with the dialect's reasoning field, usage and extras, and the scripted
// faults (disconnect, stall, malformed line). Records what it did on the RecordedRequest.
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { DIALECT_SPECS, type Counts, type DialectSpec } from './dialects';
import { Pacer } from './pacer';
import { chunkDueAt, planChunks, type PlannedChunk } from './plan';
import { tokenPieces } from './tokens';
import type { Dialect, Prices, RecordedRequest, ReplyScript } from './types';
import { Wire, sendError } from './wire';

export interface ChatContext {
  dialect: Dialect;
  script: ReplyScript;
  record: RecordedRequest;
  res: ServerResponse;
  /** Requested model (echoed in every chunk). */
  model: string;
  stream: boolean;
  includeUsage: boolean;
  promptTokens: number;
  cachedTokens: number;
  prices: Prices;
}

/** The written form of the one malformed line `malformedAfterTokens` injects. */
export const MALFORMED_EVENT = 'data: {"choices":[{"delta":\n\n';

/** Interval of OpenRouter's keep-alive comments while the first token is awaited. */
const PROCESSING_COMMENT_MS = 250;

let idCounter = 0;

export class ChatResponder {
  /** True once the server itself cut the connection (so the close is not a client abort). */
  serverDestroyed = false;
  private readonly spec: DialectSpec;
  private readonly wire: Wire;
  private readonly chunks: PlannedChunk[];
  private readonly total: number;
  private readonly reasoningTokens: number;
  private readonly id = `chatcmpl-fake-${++idCounter}-${Date.now().toString(36)}`;
  private readonly created = Math.floor(Date.now() / 1000);
  private firstTokenAt: number;
  private pacer: Pacer | undefined;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private roleSent = false;
  private readonly lastVisible: number;
  private readonly fired = { disconnect: false, stall: false, malformed: false };

  constructor(private readonly ctx: ChatContext) {
    this.spec = DIALECT_SPECS[ctx.dialect];
    this.wire = new Wire(ctx.res, ctx.script.writeChunkBytes);
    const reasoning = tokenPieces(ctx.script.reasoning ?? '');
    const answer = tokenPieces(ctx.script.text ?? 'ok');
    this.reasoningTokens = reasoning.reduce((n, p) => n + p.tokens, 0);
    this.total = this.reasoningTokens + answer.reduce((n, p) => n + p.tokens, 0);
    const s = ctx.script;
    const cuts = [s.disconnectAfterTokens, s.stallAfterTokens, s.malformedAfterTokens]
      .filter((n): n is number => typeof n === 'number')
      .map((n) => Math.min(Math.max(0, n), this.total));
    this.chunks = planChunks(reasoning, answer, s.chunkTokens ?? 1, cuts);
    // Role and finish_reason need a visible chunk to ride on: add an empty one if none.
    if (!this.chunks.some((c) => this.visible(c))) this.chunks.push({ kind: 'content', text: '', tokens: 0, endToken: this.total });
    this.lastVisible = this.chunks.length - 1 - [...this.chunks].reverse().findIndex((c) => this.visible(c));
    this.firstTokenAt = ctx.record.receivedAt + Math.max(0, s.ttftMs ?? 0);
  }

  start(): void {
    const { script } = this.ctx;
    // Anchor the schedule no earlier than now: tokenizing a long reply takes a few ms, and
    // a schedule already in the past would burst its first tokens and inflate the rate.
    this.firstTokenAt = Math.max(this.firstTokenAt, performance.now());
    if (script.status && script.status >= 400) return this.after(script.ttftMs ?? 0, () => this.sendScriptedError());
    if (this.ctx.stream) this.startStream();
    this.pacer = new Pacer(
      (i) => chunkDueAt(this.firstTokenAt, script.tokensPerSecond, this.chunks[i]),
      this.chunks.length,
      (from, to) => (this.ctx.stream ? this.releaseStream(from, to) : this.releaseCompletion(from, to)),
    );
    this.pacer.start();
  }

  /** Stop every timer at once; nothing is written afterwards. */
  stop(): void {
    this.stopped = true;
    this.pacer?.stop();
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  private visible(c: PlannedChunk): boolean {
    return c.kind === 'content' || this.spec.reasoningField !== null;
  }

  private after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      if (!this.stopped) fn();
    }, Math.max(0, ms));
    this.timers.push(t);
  }

  private sendScriptedError(): void {
    const { script, record, res } = this.ctx;
    const status = script.status!;
    const headers: Record<string, string> = {};
    if (script.retryAfter !== undefined) headers['retry-after'] = String(script.retryAfter);
    record.status = status;
    sendError(res, status, script.errorMessage ?? defaultErrorMessage(status), headers);
  }

  // ---- streaming -------------------------------------------------------------------------

  private startStream(): void {
    const { res, record } = this.ctx;
    record.status = 200;
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-request-id': this.id,
    });
    res.flushHeaders();
    const comment = this.spec.processingComment;
    if (comment) {
      // OpenRouter keeps the connection alive with SSE comments until the model answers.
      this.wire.write(`${comment}\n\n`);
      const interval = setInterval(() => {
        if (this.stopped || this.ctx.record.tokensSent > 0 || this.roleSent) return clearInterval(interval);
        this.wire.write(`${comment}\n\n`);
      }, PROCESSING_COMMENT_MS);
      this.timers.push(interval);
    }
  }

  private releaseStream(from: number, to: number): void {
    const { record } = this.ctx;
    let out = '';
    if (from === 0 && this.checkFaults(0, (s) => (out += s))) return this.flushThenFault(out);
    for (let i = from; i < to; i++) {
      const c = this.chunks[i];
      record.tokensSent = c.endToken;
      // Times first: the finish chunk may carry usage/timings computed from them.
      const now = performance.now();
      if (c.tokens > 0) record.lastTokenAt = now;
      if (this.visible(c)) {
        if (record.firstByteAt === undefined && c.tokens > 0) record.firstByteAt = now;
        out += this.event(this.contentChunk(c, i === this.lastVisible));
      }
      if (this.checkFaults(c.endToken, (s) => (out += s))) return this.flushThenFault(out);
      if (i === this.chunks.length - 1) out += this.finishTail();
    }
    if (to === this.chunks.length) {
      this.wire.end(out + 'data: [DONE]\n\n');
      this.stop();
    } else {
      this.wire.write(out);
    }
  }

  /** Handle fault points reached at `tokens`; true when the stream must stop here. */
  private checkFaults(tokens: number, emit: (s: string) => void): boolean {
    const s = this.ctx.script;
    if (this.ctx.stream && s.malformedAfterTokens !== undefined && !this.fired.malformed && tokens >= Math.min(s.malformedAfterTokens, this.total)) {
      this.fired.malformed = true;
      emit(MALFORMED_EVENT);
    }
    if (s.disconnectAfterTokens !== undefined && !this.fired.disconnect && tokens >= Math.min(s.disconnectAfterTokens, this.total)) {
      this.fired.disconnect = true;
      return true;
    }
    if (s.stallAfterTokens !== undefined && !this.fired.stall && tokens >= Math.min(s.stallAfterTokens, this.total)) {
      this.fired.stall = true;
      return true;
    }
    return false;
  }

  /** Write what is pending, then disconnect (abruptly) or stall (write nothing more). */
  private flushThenFault(out: string): void {
    this.pacer?.stop();
    const socket = this.ctx.res.socket;
    if (this.fired.disconnect) {
      this.serverDestroyed = true;
      this.stop();
      // Destroy once the bytes reached the OS, so the client sees exactly N tokens, then EOF
      // without the chunked-encoding terminator, [DONE] or usage.
      const destroy = () => socket?.destroy();
      if (!out || !this.wire.write(out, destroy)) destroy();
    } else {
      this.stop();
      if (out) this.wire.write(out);
    }
  }

  /** Chunks after the last token: usage (trailing or on the finish chunk is decided in contentChunk). */
  private finishTail(): string {
    if (!this.sendUsage() || this.usageOnFinish()) return '';
    const usage = this.usage();
    const chunk: Record<string, unknown> = { ...this.base(), choices: [] };
    if (usage) chunk.usage = usage;
    Object.assign(chunk, this.extras());
    return this.event(chunk);
  }

  private contentChunk(c: PlannedChunk, isFinish: boolean): Record<string, unknown> {
    const delta: Record<string, unknown> = {};
    if (!this.roleSent) {
      delta.role = 'assistant';
      this.roleSent = true;
    }
    if (c.kind === 'content') delta.content = c.text;
    else delta[this.spec.reasoningField!] = c.text;
    const chunk: Record<string, unknown> = {
      ...this.base(),
      choices: [{ index: 0, delta, finish_reason: isFinish ? this.ctx.script.finishReason ?? 'stop' : null }],
    };
    if (isFinish && this.sendUsage() && this.usageOnFinish()) {
      const usage = this.usage();
      if (usage) chunk.usage = usage;
      Object.assign(chunk, this.extras());
    } else if (isFinish && !this.sendUsage()) {
      Object.assign(chunk, this.extras()); // e.g. x_groq rides on the last chunk regardless
    } else if (this.spec.nullUsageOnChunks && this.ctx.includeUsage) {
      chunk.usage = null;
    }
    return chunk;
  }

  private sendUsage(): boolean {
    const mode = this.spec.streamUsage;
    return mode === 'always' || (mode === 'include_usage' && this.ctx.includeUsage);
  }

  private usageOnFinish(): boolean {
    return this.spec.usageOnFinishChunk || !!this.ctx.script.usageInSecondToLast;
  }

  private event(obj: unknown): string {
    return `data: ${JSON.stringify(obj)}\n\n`;
  }

  private base(): Record<string, unknown> {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.ctx.model };
  }

  // ---- usage -----------------------------------------------------------------------------

  private counts(): Counts {
    const r = this.ctx.record;
    const promptMs = this.firstTokenAt - r.receivedAt;
    const generationMs = r.lastTokenAt !== undefined ? Math.max(0, r.lastTokenAt - this.firstTokenAt) : 0;
    return {
      prompt: this.ctx.promptTokens,
      cached: Math.min(this.ctx.cachedTokens, this.ctx.promptTokens),
      reasoning: this.reasoningTokens,
      answer: this.total - this.reasoningTokens,
      promptMs: round3(promptMs),
      generationMs: round3(generationMs),
    };
  }

  /** The usage object (also recorded); undefined for dialects without usage. */
  private usage(): object | undefined {
    const u = this.spec.usage(this.counts(), this.ctx.prices);
    if (u) this.ctx.record.usage = u;
    return u;
  }

  private extras(): Record<string, unknown> {
    return this.spec.extras?.(this.counts(), `req_${this.id}`) ?? {};
  }

  // ---- non-streaming ---------------------------------------------------------------------

  /** Non-stream: the generation is paced the same way, but the body goes out at the end. */
  private releaseCompletion(from: number, to: number): void {
    const { record, res } = this.ctx;
    if (from === 0 && this.checkFaults(0, () => undefined)) return this.flushThenFault('');
    for (let i = from; i < to; i++) {
      const c = this.chunks[i];
      record.tokensSent = c.endToken;
      if (c.tokens > 0) record.lastTokenAt = performance.now();
      if (this.checkFaults(c.endToken, () => undefined)) return this.flushThenFault('');
    }
    if (to < this.chunks.length) return;
    const message: Record<string, unknown> = { role: 'assistant', content: this.text('content') };
    const reasoning = this.text('reasoning');
    if (this.spec.reasoningField && reasoning) message[this.spec.reasoningField] = reasoning;
    const body: Record<string, unknown> = {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: this.ctx.model,
      choices: [{ index: 0, message, finish_reason: this.ctx.script.finishReason ?? 'stop', logprobs: null }],
    };
    const usage = this.usage();
    if (usage) body.usage = usage;
    Object.assign(body, this.extras());
    const text = JSON.stringify(body);
    record.status = 200;
    record.firstByteAt = performance.now();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), 'x-request-id': this.id });
    this.wire.end(text);
    this.stop();
  }

  private text(kind: PlannedChunk['kind']): string {
    return this.chunks.filter((c) => c.kind === kind).map((c) => c.text).join('');
  }
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function defaultErrorMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Incorrect API key provided.';
    case 403:
      return 'The caller does not have permission to use this model.';
    case 404:
      return 'The model does not exist or you do not have access to it.';
    case 429:
      return 'Rate limit reached. Please try again later.';
    case 503:
      return 'Service temporarily unavailable.';
    default:
      return status >= 500 ? 'Internal server error.' : `Request failed with status ${status}.`;
  }
}
