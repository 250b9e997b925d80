// Stage 1 of the edit pipeline: typed model events → the answer's text pieces. Reasoning, usage
// and the end marker go to `tap` (the meter) and never reach the document.
import { StreamEvent } from './events';

export async function* answerText(events: AsyncIterable<StreamEvent>, tap: (e: StreamEvent) => void): AsyncIterable<string> {
  for await (const event of events) {
    tap(event);
    if (event.kind === 'text') yield event.text;
  }
}
