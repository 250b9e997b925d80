// SSE messages of a chat-completions stream → typed StreamEvents. The one place that knows the
// dialects' field names: answer in `delta.content`, reasoning in `delta.reasoning_content` (xAI,
// DeepSeek) or `delta.reasoning` (OpenRouter), usage in any chunk whose `usage` is not null (xAI
// sometimes sends it on the second-to-last chunk; Groq under `x_groq.usage`).
import { RawUsage, StreamEvent } from '../stream/events';
import { SseMessage } from './sse';
import { ModelError } from './modelError';

type Clock = () => number;

interface Chunk {
  choices?: { delta?: Record<string, unknown>; finish_reason?: string | null }[];
  usage?: RawUsage | null;
  x_groq?: { usage?: RawUsage };
  timings?: Record<string, unknown>;
  error?: { message?: string; code?: unknown };
}

/**
 * Consecutive text (or reasoning) deltas of one network read become one event: they arrived
 * together, and one event per read keeps every later stage cheap at 10,000 tok/s.
 */
export async function* chunkEvents(
  messages: AsyncIterable<SseMessage | readonly SseMessage[]>,
  onMalformed: (data: string) => void,
  now: Clock = () => performance.now(),
): AsyncIterable<StreamEvent> {
  let finishReason: string | null = null;
  let sawDone = false;
  let pending: { kind: 'text' | 'reasoning'; text: string; at: number } | undefined;
  const take = (): StreamEvent | undefined => {
    const e = pending;
    pending = undefined;
    return e;
  };
  const add = (kind: 'text' | 'reasoning', text: string, at: number): StreamEvent | undefined => {
    if (pending && pending.kind === kind) { pending.text += text; return undefined; }
    const flushed = take();
    pending = { kind, text, at };
    return flushed;
  };
  outer: for await (const item of messages) {
    const at = now();
    for (const message of (Array.isArray(item) ? item : [item]) as readonly SseMessage[]) {
      if (message.data === '[DONE]') { sawDone = true; break outer; }
      let chunk: Chunk;
      try {
        chunk = JSON.parse(message.data) as Chunk;
        if (chunk === null || typeof chunk !== 'object') throw new Error('not an object');
      } catch {
        onMalformed(message.data);
        continue;
      }
      if (message.event === 'error' || chunk.error) {
        const flushed = take();
        if (flushed) yield flushed;
        throw new ModelError('server', `The provider reported an error mid-stream: ${chunk.error?.message ?? message.data.slice(0, 200)}`, { midStream: true });
      }
      for (const choice of Array.isArray(chunk.choices) ? chunk.choices : []) {
        if (!choice || typeof choice !== 'object') continue;
        const delta = choice.delta && typeof choice.delta === 'object' ? choice.delta : {};
        const reasoning = delta.reasoning_content ?? delta.reasoning;
        if (typeof reasoning === 'string' && reasoning) { const f = add('reasoning', reasoning, at); if (f) yield f; }
        if (typeof delta.content === 'string' && delta.content) { const f = add('text', delta.content, at); if (f) yield f; }
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      const usage = chunk.usage ?? chunk.x_groq?.usage;
      if (usage && typeof usage === 'object') {
        const flushed = take();
        if (flushed) yield flushed;
        yield { kind: 'usage', usage: chunk.timings ? { ...usage, timings: chunk.timings } : usage, at };
      }
    }
    const flushed = take();
    if (flushed) yield flushed;
  }
  const last = take();
  if (last) yield last;
  if (!sawDone && finishReason === null) {
    throw new ModelError('connection', 'The connection closed before the answer was complete.', { midStream: true });
  }
  yield { kind: 'end', finishReason, at: now() };
}
