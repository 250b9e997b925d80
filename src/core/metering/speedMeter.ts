// Live speed of a running stream: time to first token, a smoothed live tokens/s, and the final
// output speed the way independent benchmarks measure it (tokens ÷ (last token − first token)).
//
// Tokens are estimated from the streamed text with a real tokenizer (o200k_base), never by counting
// chunks, and the provider's usage replaces the estimate when it arrives. Counting must be cheap at
// 10,000 tok/s and must not count a token split across two chunks twice, so text is counted only
// up to a pre-token boundary that o200k's splitter can never merge across (see `safeCut`); the
// small uncounted tail waits for the next chunk. Counting piece by piece at such boundaries gives
// exactly countTokens(whole text). Pure TypeScript: no `vscode` import.
import type { StreamEvent } from '../stream/events';
import type { UsageDialect } from '../model/providers';
import { normalizeUsage, Usage } from './usage';

export interface SpeedReading {
  /** Request start → first answer-or-reasoning token, ms. */
  ttftMs: number | undefined;
  /** Tokens/s smoothed over a rolling window (~1 s) of estimated tokens. */
  liveTokensPerSecond: number | undefined;
  /** Answer + reasoning tokens so far (estimate until usage arrives, then the provider's). */
  tokens: number;
  /**
   * After end: tokens ÷ (last token time − first token time), per second. (Reasoning a provider
   * hid is not in the numerator: it was generated before the first token, see tokensInSpan.)
   */
  finalTokensPerSecond?: number;
  estimated: boolean;
}

/**
 * Rolling window for the live rate, ms. Two seconds, not one: the first chunks of a stream are
 * often read in a burst (the extension host is busy drawing the first frame), and a 1 s window
 * just filling up over-reads that burst by ~10%; 2 s halves the effect and still follows a
 * change of pace within 2 s.
 */
export const SPEED_WINDOW_MS = 2000;
/** A run of text this long without a safe boundary is counted anyway (error ≤ ~1 token per run). */
const MAX_TAIL = 1024;

// ── Token counting ──────────────────────────────────────────────────────────────────────────────

let tokenizerCount: ((text: string) => number) | undefined;

/**
 * gpt-tokenizer's o200k countTokens, loaded on first use (loading its ranks takes ~160 ms, which
 * must not land on extension activation). Text that spells a special token ("<|endoftext|>") is
 * counted as plain text instead of throwing.
 */
export function defaultCountTokens(text: string): number {
  if (!tokenizerCount) {
    const { countTokens } = require('gpt-tokenizer') as typeof import('gpt-tokenizer');
    const plain = { disallowedSpecial: new Set<string>() };
    tokenizerCount = (t: string) => {
      try {
        return countTokens(t);
      } catch {
        return countTokens(t, plain);
      }
    };
  }
  return tokenizerCount(text);
}

const isWs = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Is position p (0 < p < text.length − 1) a pre-token boundary of o200k's splitter whatever text
 * comes later? o200k splits text into pre-tokens with
 *   letters (optional one-char non-letter prefix, optional 's 't 're… suffix) | digits{1,3}
 *   | ` ?punct+[\r\n/]*` | `\s*[\r\n]+` | `\s+(?!\S)` | `\s+`
 * and BPE never merges across pre-tokens, so counting piece by piece at these cuts is exact:
 *  A. a space followed by an ASCII letter: the letter pre-token starts at that space (" foo"), and
 *     no pre-token ending before it can swallow a space that is followed by a letter;
 *  B. just after '\n' when the next char is neither whitespace nor '/': newline runs extend only
 *     over more whitespace, and a punctuation pre-token's tail `[\r\n/]*` only over '\r', '\n', '/';
 *  C. after an ASCII letter or digit, before an ASCII char that cannot continue it: a letter run
 *     ends before anything but letters / marks / an apostrophe (contractions), a digit run before
 *     anything but digits; and neither kind can start a pre-token that reaches back over it.
 * (Checked by cutting at every such position in 7 MB of code and prose: the sums equal
 * countTokens of each whole file.)
 */
function isSafeCut(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  const prev = text.charCodeAt(p - 1);
  if (c === 32 && isLetter(text.charCodeAt(p + 1))) return true;
  if (prev === 10) return !isWs(c) && c !== 47 /* '/' */;
  if (c < 128 && c !== 39 /* ' */) {
    if (isLetter(prev)) return !isLetter(c);
    if (isDigit(prev)) return !isDigit(c);
  }
  return false;
}

/** Counts a stream of text pieces incrementally, exactly, at safe boundaries. */
class IncrementalCounter {
  counted = 0;
  private pending = '';
  /** Positions < scanned (in `pending`) have been checked as cut points. */
  private scanned = 1;
  private lastCut = 0;

  constructor(private readonly count: (text: string) => number) {}

  /** When the text committed by the last push() finished arriving (for the rolling window). */
  committedAt = 0;
  private pendingAt = 0;

  /**
   * Adds text that arrived at `at`; returns the tokens newly committed (the text before the last
   * safe boundary). `committedAt` is then when that text's last char arrived: usually the
   * previous piece's time, since a boundary is only known once the next char is in.
   */
  push(text: string, at: number): number {
    const before = this.pending.length;
    const beforeAt = this.pendingAt;
    this.pending += text;
    this.pendingAt = at;
    const p = this.pending;
    const end = p.length - 1; // the last char needs its successor before it can be judged
    for (let i = this.scanned; i < end; i++) if (isSafeCut(p, i)) this.lastCut = i;
    if (end > this.scanned) this.scanned = end;
    let cut = this.lastCut;
    if (cut === 0 && p.length > MAX_TAIL) {
      cut = p.length - 16;
      const c = p.charCodeAt(cut - 1);
      if (c >= 0xd800 && c <= 0xdbff) cut--; // never split a surrogate pair
    }
    if (cut === 0) return 0;
    this.committedAt = cut <= before ? beforeAt : at;
    const n = this.count(p.slice(0, cut));
    this.pending = p.slice(cut);
    this.scanned = Math.max(1, this.scanned - cut);
    this.lastCut = 0;
    this.counted += n;
    return n;
  }

  /** Tokens in the uncounted tail (not committed). */
  tail(): number {
    return this.pending ? this.count(this.pending) : 0;
  }

  /** Commits the tail (the text is complete). */
  flush(): number {
    const n = this.tail();
    this.counted += n;
    this.pending = '';
    this.scanned = 1;
    this.lastCut = 0;
    return n;
  }
}

// ── Rolling window ──────────────────────────────────────────────────────────────────────────────

/** Token arrivals (time, count) in time order; old ones are dropped as the window moves. */
class ArrivalRing {
  private times: number[] = [];
  private counts: number[] = [];
  private head = 0;

  /** Keeps time order (answer and reasoning pieces may interleave): never before the last arrival. */
  push(at: number, n: number): void {
    const last = this.times.length > 0 ? this.times[this.times.length - 1] : -Infinity;
    this.times.push(Math.max(at, last));
    this.counts.push(n);
  }

  /** Drops arrivals at or before `t`. */
  dropUntil(t: number): void {
    while (this.head < this.times.length && this.times[this.head] <= t) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.counts = this.counts.slice(this.head);
      this.head = 0;
    }
  }

  /** Tokens that arrived after `t`. */
  sumAfter(t: number): number {
    let s = 0;
    for (let i = this.times.length - 1; i >= this.head && this.times[i] > t; i--) s += this.counts[i];
    return s;
  }
}

// ── The meter ───────────────────────────────────────────────────────────────────────────────────

export class SpeedMeter {
  private readonly answer: IncrementalCounter;
  private readonly thinking: IncrementalCounter;
  private readonly ring = new ArrivalRing();
  private firstAt: number | undefined;
  private sawReasoning = false;
  private lastAt: number | undefined;
  private usage: Usage | undefined;
  private finished = false;

  /**
   * @param startedAt when the request was sent (performance.now() ms, same clock as events' `at`).
   * @param count token counter; defaults to gpt-tokenizer's o200k countTokens.
   * @param dialect how to read `usage` events (a provider usage block needs its dialect to split
   *   answer from reasoning); without it the block is read as OpenAI's, which usage.ts corrects
   *   for xAI from total_tokens.
   */
  constructor(
    private readonly startedAt: number,
    count: (text: string) => number = defaultCountTokens,
    private readonly dialect: UsageDialect = 'openai',
  ) {
    this.answer = new IncrementalCounter(count);
    this.thinking = new IncrementalCounter(count);
  }

  onEvent(e: StreamEvent): void {
    switch (e.kind) {
      case 'text':
      case 'reasoning': {
        if (!e.text || this.finished) return;
        if (this.firstAt === undefined) this.firstAt = e.at;
        if (e.kind === 'reasoning') this.sawReasoning = true;
        this.lastAt = e.at;
        const counter = e.kind === 'text' ? this.answer : this.thinking;
        const n = counter.push(e.text, e.at);
        if (n > 0) this.ring.push(counter.committedAt, n);
        this.ring.dropUntil(e.at - SPEED_WINDOW_MS);
        return;
      }
      case 'usage': {
        const u = normalizeUsage(e.usage, this.dialect);
        if (!u.estimated) this.onUsage(u); // an empty block carries no counts: keep the estimate
        return;
      }
      case 'end':
        return;
    }
  }

  /** The provider's usage: its output + reasoning replace our estimate. */
  onUsage(u: Usage): void {
    this.usage = u;
  }

  reading(now: number): SpeedReading {
    const tail = this.answer.tail() + this.thinking.tail();
    const estimate = this.answer.counted + this.thinking.counted + tail;
    const r: SpeedReading = {
      ttftMs: this.firstAt === undefined ? undefined : this.firstAt - this.startedAt,
      liveTokensPerSecond: this.liveRate(now, tail),
      tokens: this.usage ? this.usage.output + this.usage.reasoning : estimate,
      estimated: this.usage ? this.usage.estimated : true,
    };
    if (this.finished && this.firstAt !== undefined && this.lastAt !== undefined && this.lastAt > this.firstAt) {
      r.finalTokensPerSecond = this.tokensInSpan(r.tokens) / ((this.lastAt - this.firstAt) / 1000);
    }
    return r;
  }

  /**
   * The stream is over (ended, cut or cancelled): counts the tail; from now on readings carry
   * finalTokensPerSecond (a usage block that arrives later still replaces the estimate in it).
   * Text arriving after finish is ignored.
   */
  finish(now: number): SpeedReading {
    if (!this.finished) {
      this.finished = true;
      const n = this.answer.flush() + this.thinking.flush();
      if (n > 0 && this.lastAt !== undefined) this.ring.push(this.lastAt, n);
    }
    return this.reading(now);
  }

  /**
   * Tokens generated between the first and the last streamed piece. A provider that hides the
   * reasoning (OpenAI's reasoning models) bills it, but it was generated BEFORE the first visible
   * token (it is in the TTFT), so dividing it by the streaming span would overstate the speed.
   */
  private tokensInSpan(tokens: number): number {
    if (this.usage && this.usage.reasoning > 0 && !this.sawReasoning) return this.usage.output;
    return tokens;
  }

  /** Our own token estimate, split into answer and reasoning (whatever usage says). */
  estimatedTokens(): { output: number; reasoning: number } {
    return {
      output: this.answer.counted + this.answer.tail(),
      reasoning: this.thinking.counted + this.thinking.tail(),
    };
  }

  /**
   * The Usage to bill: the provider's if it came, else an estimated one (LM Studio, a cut stream)
   * from our token counts and `inputTokens`, the caller's count of the prompt.
   */
  usageOrEstimate(inputTokens: number): Usage {
    if (this.usage) return this.usage;
    const { output, reasoning } = this.estimatedTokens();
    return { input: Math.max(0, inputTokens || 0), cachedInput: 0, output, reasoning, estimated: true };
  }

  /**
   * Tokens that arrived in (spanStart, now] ÷ (now − spanStart), spanStart = max(now − window,
   * first token). Before a full window has passed the span starts at the first token (whose own
   * tokens are not a rate); when the stream pauses, arrivals leave the window and the rate decays
   * to 0 within one window. The uncounted tail counts as arriving with the last piece.
   */
  private liveRate(now: number, tail: number): number | undefined {
    if (this.firstAt === undefined) return undefined;
    const spanStart = Math.max(now - SPEED_WINDOW_MS, this.firstAt);
    const span = now - spanStart;
    if (span <= 0) return undefined;
    this.ring.dropUntil(now - SPEED_WINDOW_MS);
    let tokens = this.ring.sumAfter(spanStart);
    if (tail > 0 && this.lastAt !== undefined && this.lastAt > spanStart) tokens += tail;
    if (tokens === 0 && this.lastAt === this.firstAt && span < SPEED_WINDOW_MS) return undefined; // one piece so far
    return (tokens / span) * 1000;
  }
}
