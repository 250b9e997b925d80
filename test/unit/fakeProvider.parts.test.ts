// The fake provider's pure parts: token pieces, chunk plan, prompt-cache rule.
import * as assert from 'node:assert';
import { encode } from 'gpt-tokenizer';
import { tokenPieces } from '../server/tokens';
import { planChunks, chunkDueAt } from '../server/plan';
import { PromptCache } from '../server/promptCache';

describe('FakeProvider parts', () => {
  it('tokenPieces: whole characters, real token counts, exact reassembly', () => {
    for (const text of ['plain ascii', '👍🏽🧑‍💻 日本語 héllo\r\n', 'a<|endoftext|>b', '']) {
      const pieces = tokenPieces(text);
      assert.strictEqual(pieces.map((p) => p.text).join(''), text);
      assert.strictEqual(
        pieces.reduce((n, p) => n + p.tokens, 0),
        encode(text, { disallowedSpecial: new Set() }).length,
      );
      for (const p of pieces) assert.ok(!p.text.includes('\uFFFD'), JSON.stringify(p));
    }
  });

  it('planChunks: chunk size, no reasoning/answer mixing, forced cuts', () => {
    const one = (s: string) => s.split('').map((c) => ({ text: c, tokens: 1 }));
    const chunks = planChunks(one('rrr'), one('aaaaaaa'), 3, [5]);
    assert.deepStrictEqual(
      chunks.map((c) => [c.kind, c.text, c.endToken]),
      [
        ['reasoning', 'rrr', 3],
        ['content', 'aa', 5],
        ['content', 'aaa', 8],
        ['content', 'aa', 10],
      ],
    );
    assert.strictEqual(chunkDueAt(1000, 100, chunks[1]), 1000 + 40);
    assert.strictEqual(chunkDueAt(1000, 0, chunks[3]), 1000);
  });

  it('PromptCache: longest common prefix, floored to 16, 0 below 64, per key', () => {
    const cache = new PromptCache();
    const seq = (n: number, tail: number) => [...Array.from({ length: n }, (_, i) => i), 1e6 + tail];
    assert.strictEqual(cache.lookupAndStore('k', seq(100, 1)), 0, 'cold');
    assert.strictEqual(cache.lookupAndStore('k', seq(100, 2)), 96, '100 common → 96');
    assert.strictEqual(cache.lookupAndStore('k', seq(70, 3)), 64, '70 common → 64');
    assert.strictEqual(cache.lookupAndStore('other', seq(100, 4)), 0, 'other key');
    const fresh = new PromptCache();
    fresh.lookupAndStore('k', seq(63, 1));
    assert.strictEqual(fresh.lookupAndStore('k', seq(63, 2)), 0, '63 common → below 64');
  });
});
