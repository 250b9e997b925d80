// SpeedMeter: token estimate vs provider usage, TTFT, final speed, the rolling window on a
// synthetic clock, estimate accuracy over realistic streams split per token / per char / randomly,
// and what metering costs per token at 10,000 tok/s.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { countTokens, encode, decodeGenerator } from 'gpt-tokenizer';
import { SpeedMeter, defaultCountTokens } from '../../src/core/metering/speedMeter';
import type { StreamEvent } from '../../src/core/stream/events';

/** One token per whitespace-separated word: makes synthetic-clock arithmetic obvious. */
const words = (t: string) => (t.match(/\S+/g) ?? []).length;

/** Text that spells a special token ("<|endoftext|>") is plain text in a model's answer. */
const PLAIN = { disallowedSpecial: new Set<string>() };

const text = (s: string, at: number): StreamEvent => ({ kind: 'text', text: s, at });
const reasoning = (s: string, at: number): StreamEvent => ({ kind: 'reasoning', text: s, at });

/** Realistic code: this repository's own sources, plus awkward cases (CRLF, tabs, unicode, comments). */
function corpus(withBoundlessRun = true): string {
  // Run from the repo root (npm test / mocha), or compiled to <outDir>/test/unit.
  const roots = [process.cwd(), path.resolve(__dirname, '../../..'), path.resolve(__dirname, '../..')];
  const candidates = [
    'src/core/metering/speedMeter.ts',
    'src/core/metering/usage.ts',
    'src/core/model/providers.ts',
    'src/core/stream/events.ts',
  ];
  let code = '';
  for (const rel of candidates) {
    for (const base of roots) {
      const f = path.join(base, rel);
      if (fs.existsSync(f) && f.endsWith('.ts')) { code += fs.readFileSync(f, 'utf8') + '\n'; break; }
    }
  }
  const extras = [
    'def parse(line):\r\n\tif not line:\r\n\t\treturn None  # empty\r\n\treturn line.split(",")\r\n',
    '// Ünïcödé: 日本語のコメント, emoji 🚀🎉, façade — naïve\nconst π = 3.14159; let ñ = "añejo";\n',
    '}\n//comment after brace\n}\n  // indented comment\n\n\n\tfoo();\n/* block */\n',
    'SELECT id, name FROM users WHERE id IN (1,2,3) ORDER BY name DESC;\n',
    'const url = "https://example.com/a/b/c?x=1&y=2#frag"; const re = /[a-z]+\\d{2,}/gi;\n',
    'He said: "it\'s fine, isn\'t it?" — they\'ll see. I\'m sure we\'ve done it; you\'d agree.\n',
    '    return {a:1,b:[2,3],c:{d:"e"}};\n'.repeat(20),
  ];
  assert.ok(code.length > 5000, 'corpus should contain real source files');
  // A 3,000-char run with no safe boundary forces approximate cuts (≤ 1 token off per 1,008 chars).
  return code + extras.join('') + (withBoundlessRun ? 'x'.repeat(3000) + '\n' : '');
}

function splitPerToken(s: string): string[] {
  return [...decodeGenerator(encode(s, PLAIN))];
}

function splitPerChar(s: string): string[] {
  return Array.from(s); // code points: providers' JSON strings never split a surrogate pair
}

function splitRandom(s: string, seed: number): string[] {
  const out: string[] = [];
  let x = seed;
  const chars = Array.from(s);
  for (let i = 0; i < chars.length;) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const n = 1 + (x % 24);
    out.push(chars.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}

describe('metering: SpeedMeter', () => {
  it('TTFT is request start → first answer-or-reasoning token; nothing before it', () => {
    const m = new SpeedMeter(1000, words);
    assert.deepStrictEqual(m.reading(1100), { ttftMs: undefined, liveTokensPerSecond: undefined, tokens: 0, estimated: true });
    m.onEvent(reasoning('thinking about it', 1250));
    m.onEvent(text('answer', 1400));
    const r = m.reading(1400);
    assert.strictEqual(r.ttftMs, 250);
    assert.strictEqual(r.tokens, 4, 'reasoning counts in speed');
    assert.strictEqual(r.estimated, true);
  });

  it('usage replaces the estimate (output + reasoning), read with the dialect', () => {
    const m = new SpeedMeter(0, words, 'xai');
    m.onEvent(reasoning('a b c', 10));
    m.onEvent(text('x y', 20));
    assert.strictEqual(m.reading(20).tokens, 5);
    // An empty usage block carries no counts: the estimate stays.
    m.onEvent({ kind: 'usage', usage: {}, at: 21 });
    assert.strictEqual(m.reading(21).estimated, true);
    m.onEvent({ kind: 'usage', usage: { prompt_tokens: 213, completion_tokens: 27, total_tokens: 373, completion_tokens_details: { reasoning_tokens: 133 } }, at: 25 });
    const r = m.finish(30);
    assert.strictEqual(r.tokens, 160);
    assert.strictEqual(r.estimated, false);
    assert.deepStrictEqual(m.estimatedTokens(), { output: 2, reasoning: 3 });
    assert.strictEqual(m.usageOrEstimate(999).input, 213);
  });

  it('onUsage replaces the estimate; without usage, usageOrEstimate builds an estimated Usage', () => {
    const m = new SpeedMeter(0, words);
    m.onEvent(reasoning('r1 r2', 5));
    m.onEvent(text('one two three', 10));
    assert.deepStrictEqual(m.usageOrEstimate(120), { input: 120, cachedInput: 0, output: 3, reasoning: 2, estimated: true });
    m.onUsage({ input: 100, cachedInput: 0, output: 7, reasoning: 4, estimated: false });
    assert.strictEqual(m.reading(11).tokens, 11);
  });

  it('final speed = tokens ÷ (last token − first token)', () => {
    const m = new SpeedMeter(0, words);
    // 101 one-word pieces from t = 200 to t = 1200 ms: 101 tokens over 1 s.
    for (let i = 0; i <= 100; i++) m.onEvent(text(' w', 200 + i * 10));
    m.onEvent({ kind: 'end', finishReason: 'stop', at: 1300 });
    const r = m.finish(1300);
    assert.strictEqual(r.tokens, 101);
    assert.strictEqual(r.finalTokensPerSecond, 101);
    assert.strictEqual(r.ttftMs, 200);
    // With usage arriving after finish, the final speed uses the provider's count.
    m.onUsage({ input: 1, cachedInput: 0, output: 200, reasoning: 0, estimated: false });
    assert.strictEqual(m.reading(1400).finalTokensPerSecond, 200);
    // Reasoning the provider hid (billed, never streamed) was generated before the first token:
    // it counts in `tokens` but not in the streaming speed.
    const hidden = new SpeedMeter(0, words, 'openai');
    for (let i = 0; i <= 100; i++) hidden.onEvent(text(' w', 2000 + i * 10));
    hidden.onEvent({ kind: 'usage', usage: { prompt_tokens: 50, completion_tokens: 601, total_tokens: 651, completion_tokens_details: { reasoning_tokens: 500 } }, at: 3001 });
    const h = hidden.finish(3001);
    assert.strictEqual(h.tokens, 601);
    assert.strictEqual(h.finalTokensPerSecond, 101);
    assert.strictEqual(h.ttftMs, 2000);
    // A single piece has no duration: no final speed.
    const one = new SpeedMeter(0, words);
    one.onEvent(text('all at once', 50));
    assert.strictEqual(one.finish(60).finalTokensPerSecond, undefined);
  });

  it('rolling window (2 s) on a synthetic clock: before a full window, steady state, pause decay', () => {
    const m = new SpeedMeter(0, words);
    // 100 tok/s: one word every 10 ms from t = 100.
    let t = 100;
    const feedUntil = (end: number) => { for (; t <= end; t += 10) m.onEvent(text(' w', t)); };
    feedUntil(100);
    assert.strictEqual(m.reading(100).liveTokensPerSecond, undefined, 'one piece: no rate yet');
    feedUntil(600);
    // Before a full window: span from the first token (t=100) to now; 50 tokens after it.
    assert.ok(Math.abs(m.reading(600)!.liveTokensPerSecond! - 100) < 1e-9, String(m.reading(600).liveTokensPerSecond));
    feedUntil(3000);
    assert.ok(Math.abs(m.reading(3000).liveTokensPerSecond! - 100) < 1e-9, String(m.reading(3000).liveTokensPerSecond));
    // Then a burst at 500 tok/s is visible within the window: (100 + 500 tokens) over 2 s.
    for (let i = 1; i <= 500; i++) m.onEvent(text(' w', 3000 + i * 2));
    assert.ok(Math.abs(m.reading(4000).liveTokensPerSecond! - 300) < 1e-9, String(m.reading(4000).liveTokensPerSecond));
    // Pause: arrivals leave the window, the rate decays to 0.
    assert.ok(Math.abs(m.reading(4500).liveTokensPerSecond! - 275) < 1e-9, String(m.reading(4500).liveTokensPerSecond));
    assert.ok(Math.abs(m.reading(5000).liveTokensPerSecond! - 250) < 1e-9, String(m.reading(5000).liveTokensPerSecond));
    assert.strictEqual(m.reading(6000).liveTokensPerSecond, 0);
    assert.strictEqual(m.reading(9000).liveTokensPerSecond, 0);
  });

  it('estimate = countTokens(whole text) within ±1% for realistic streams (per token, per char, random)', () => {
    const code = corpus();
    const truth = countTokens(code, PLAIN);
    const reasoningText = 'We need to rename the variable and keep the tests passing. First, look at the callers.\n'.repeat(30);
    const reasoningTruth = countTokens(reasoningText, PLAIN);
    const report: string[] = [];
    for (const [name, pieces] of [
      ['per token', splitPerToken(code)],
      ['per char', splitPerChar(code)],
      ['random 1–24 chars', splitRandom(code, 7)],
    ] as const) {
      assert.strictEqual(pieces.join(''), code);
      const m = new SpeedMeter(0);
      let t = 1;
      for (const p of splitPerToken(reasoningText)) m.onEvent(reasoning(p, t++));
      const mid = m.reading(t).tokens;
      assert.ok(Math.abs(mid - reasoningTruth) <= 2, `reasoning estimate ${mid} vs ${reasoningTruth}`);
      for (const p of pieces) m.onEvent(text(p, t++));
      const live = m.reading(t).tokens;
      const final = m.finish(t).tokens;
      const expected = truth + reasoningTruth;
      const err = (final - expected) / expected;
      report.push(`${name}: ${pieces.length} pieces, estimate ${final} (live ${live}) vs true ${expected} (${(err * 100).toFixed(3)}%)`);
      assert.ok(Math.abs(err) <= 0.01, report[report.length - 1]);
      assert.strictEqual(live, final, 'the live reading counts the tail too');
    }
    // Without the boundless run, counting at safe boundaries is exact, however the text is split.
    const normal = corpus(false);
    const normalTruth = countTokens(normal, PLAIN);
    for (const pieces of [splitPerToken(normal), splitPerChar(normal), splitRandom(normal, 11), splitRandom(normal, 12)]) {
      const m = new SpeedMeter(0);
      pieces.forEach((p, i) => m.onEvent(text(p, i)));
      assert.strictEqual(m.finish(pieces.length).tokens, normalTruth);
    }
    report.push(`without the boundless run: exact (${normalTruth} tokens) for every split`);
    console.log(`      token estimate accuracy (${code.length} chars of code):\n        ${report.join('\n        ')}`);
  });

  it('counts text that spells a special token instead of throwing', () => {
    assert.ok(defaultCountTokens('a <|endoftext|> b') > 3);
    const m = new SpeedMeter(0);
    m.onEvent(text('x = "<|endoftext|>"\n', 1));
    assert.ok(m.finish(2).tokens > 3);
  });

  it('costs little at 10,000 tok/s (prints µs per token)', () => {
    const code = corpus();
    defaultCountTokens('warm up'); // the first load (~160 ms) is not a per-token cost
    const measure = (pieces: string[]) => {
      const rounds = 4;
      let tokens = 0;
      const t0 = performance.now();
      for (let r = 0; r < rounds; r++) {
        const m = new SpeedMeter(0);
        let at = 0;
        for (let i = 0; i < pieces.length; i++) {
          at += 0.1; // 10,000 pieces/s on the synthetic clock
          m.onEvent(text(pieces[i], at));
          if (i % 1000 === 0) m.reading(at); // a status bar refreshing 10×/s
        }
        tokens += m.finish(at).tokens;
      }
      return ((performance.now() - t0) * 1000) / tokens;
    };
    const perToken = measure(splitPerToken(code));
    const perChar = measure(splitPerChar(code));
    // µs per token × 10,000 tok/s = that many % of one core.
    console.log(`      meter cost: ${perToken.toFixed(2)} µs/token with one piece per token (${perToken.toFixed(1)}% of one core at 10,000 tok/s); `
      + `${perChar.toFixed(2)} µs/token with one piece per char`);
    assert.ok(perToken < 20, `${perToken} µs/token`);
  });
});
