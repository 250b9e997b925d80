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

export async function* chunkEvents(
  messages: AsyncIterable<SseMessage>,
  onMalformed: (data: string) => void,
  now: Clock = () => performance.now(),
): AsyncIterable<StreamEvent> {
  let finishReason: string | null = null;
  let sawDone = false;
  for await (const message of messages) {
    if (message.data === '[DONE]') { sawDone = true; break; }
    let chunk: Chunk;
    try {
      chunk = JSON.parse(message.data) as Chunk;
      if (chunk === null || typeof chunk !== 'object') throw new Error('not an object');
    } catch {
      onMalformed(message.data);
      continue;
    }
    if (message.event === 'error' || chunk.error) {
      throw new ModelError('server', `The provider reported an error mid-stream: ${chunk.error?.message ?? message.data.slice(0, 200)}`, { midStream: true });
    }
    for (const choice of Array.isArray(chunk.choices) ? chunk.choices : []) {
      if (!choice || typeof choice !== 'object') continue;
      const delta = choice.delta && typeof choice.delta === 'object' ? choice.delta : {};
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (typeof reasoning === 'string' && reasoning) yield { kind: 'reasoning', text: reasoning, at: now() };
      if (typeof delta.content === 'string' && delta.content) yield { kind: 'text', text: delta.content, at: now() };
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (usage && typeof usage === 'object') {
      yield { kind: 'usage', usage: chunk.timings ? { ...usage, timings: chunk.timings } : usage, at: now() };
    }
  }
  if (!sawDone && finishReason === null) {
    throw new ModelError('connection', 'The connection closed before the answer was complete.', { midStream: true });
  }
  yield { kind: 'end', finishReason, at: now() };
}
