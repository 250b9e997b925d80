// Stage 1 of answer cleaning: drop a `<think>…</think>` (or `<thinking>…</thinking>`) block that
// some models (DeepSeek-R1 distills, Qwen via Ollama) put at the very start of the answer text.
//
// Only a block that starts the answer (after optional whitespace) is removed; `<think` anywhere
// else is ordinary text. Tags may be split across chunks (`<thi` + `nk>`).
//
// What is held back, and until when:
// - At the start (and right after a closed block): whitespace, plus at most 9 characters that are
//   still a prefix of `<thinking>`. Released as soon as a character shows no tag follows.
// - Inside a block: nothing is emitted; only the last (closing tag length − 1) characters are kept
//   to find a closing tag split across chunks.
// - After a closed block, whitespace-only lines are dropped (they separate the reasoning from the
//   answer); the spaces/tabs on the answer's first line are kept (they are its indentation).
// Work per chunk is O(chunk length).

const OPEN_TAGS = ['<think>', '<thinking>'] as const;
const CLOSE_FOR: Record<string, string> = { '<think>': '</think>', '<thinking>': '</thinking>' };

function isWs(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';
}

function lastNewline(s: string): number {
  return Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r'));
}

export async function* stripThinkTags(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let state: 'start' | 'think' | 'pass' = 'start';
  let ws = ''; // held whitespace (start state)
  let tag = ''; // held tag prefix (start state)
  let afterBlock = false; // a think block was removed already
  let close = '';
  let tail = ''; // last characters inside the block (close tag split across chunks)

  /** Whitespace to release when the answer proper begins. */
  const releasedWs = (): string => (afterBlock ? ws.slice(lastNewline(ws) + 1) : ws);

  for await (const chunk of chunks) {
    let s = chunk;
    // A chunk may contain a whole block and the answer after it: loop until it is consumed.
    while (s.length > 0) {
      if (state === 'pass') {
        yield s;
        s = '';
      } else if (state === 'think') {
        const hay = tail + s;
        const at = hay.indexOf(close);
        if (at < 0) {
          tail = hay.length >= close.length ? hay.slice(hay.length - (close.length - 1)) : hay;
          s = '';
        } else {
          s = hay.slice(at + close.length);
          tail = '';
          state = 'start';
          afterBlock = true;
          ws = '';
          tag = '';
        }
      } else {
        // start: scan character by character (bounded: whitespace + ≤ 10 tag characters).
        let i = 0;
        let decided = false;
        for (; i < s.length; i++) {
          const ch = s[i];
          if (tag === '' && isWs(ch)) {
            ws += ch;
            continue;
          }
          const t = tag + ch;
          const full = OPEN_TAGS.find((o) => o === t);
          if (full !== undefined) {
            state = 'think';
            close = CLOSE_FOR[full];
            ws = '';
            tag = '';
            i++;
            decided = true;
            break;
          }
          if (OPEN_TAGS.some((o) => o.startsWith(t))) {
            tag = t;
            continue;
          }
          // Not a tag: the answer starts here.
          const out = releasedWs() + tag + s.slice(i);
          ws = '';
          tag = '';
          state = 'pass';
          if (out.length > 0) {
            yield out;
          }
          i = s.length;
          decided = true;
          break;
        }
        s = decided ? s.slice(i) : '';
      }
    }
  }

  if (state === 'start') {
    // Stream ended while undecided: a partial tag is just text; leading whitespace of an answer
    // without a block is kept (later stages decide about blank lines).
    const out = afterBlock ? (tag === '' ? '' : releasedWs() + tag) : ws + tag;
    if (out.length > 0) {
      yield out;
    }
  }
  // state 'think' at the end: an unclosed block was all reasoning; nothing to emit.
}
