// Batching per network read: the SSE parser hands on each read's messages together, and
// chunkEvents merges consecutive deltas of one kind, keeping their order and the usage position.
import * as assert from 'assert';
import { parseSseBatches } from '../../src/core/model/sse';
import { chunkEvents } from '../../src/core/model/chunkEvents';
import { collect } from '../../src/core/stream/iter';

const enc = new TextEncoder();
async function* reads(...parts: string[]): AsyncIterable<Uint8Array> { for (const p of parts) yield enc.encode(p); }
const chunk = (delta: object) => `data: ${JSON.stringify({ choices: [{ delta }] })}\n\n`;

describe('model: batching per network read', () => {
  it('parseSseBatches yields the messages of each read together', async () => {
    const batches = await collect(parseSseBatches(reads(chunk({ content: 'a' }) + chunk({ content: 'b' }), chunk({ content: 'c' }) + 'data: [DONE]\n\n')));
    assert.deepStrictEqual(batches.map(b => b.length), [2, 2]);
  });

  it('chunkEvents merges consecutive deltas of a read, keeps kinds in order, flushes before usage', async () => {
    const body = reads(
      chunk({ reasoning_content: 'think ' }) + chunk({ reasoning_content: 'more' }) + chunk({ content: 'x' }) + chunk({ content: 'y' }),
      chunk({ content: 'z' }) + `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 1 } })}\n\n` + 'data: [DONE]\n\n',
    );
    let t = 0;
    const events = await collect(chunkEvents(parseSseBatches(body), () => undefined, () => ++t));
    assert.deepStrictEqual(events.map(e => [e.kind, 'text' in e ? e.text : '', e.at]), [
      ['reasoning', 'think more', 1], ['text', 'xy', 1], ['text', 'z', 2], ['usage', '', 2], ['end', '', 3],
    ]);
  });
});
