// Server-sent events → messages. Our own parser (not the SDK's) because the SDK throws on the first
// malformed `data:` line, and a fast inline edit should skip one bad line, log it, and go on.
// Decodes UTF-8 incrementally, so a character split across TCP reads arrives whole.

export interface SseMessage {
  event?: string;
  data: string;
}

/** One message at a time (tests and simple consumers). */
export async function* parseSse(body: AsyncIterable<Uint8Array>): AsyncIterable<SseMessage> {
  for await (const batch of parseSseBatches(body)) yield* batch;
}

/**
 * The messages of each network read, together. At 10,000 tok/s a read carries many one-token
 * events; handing them on as one batch lets the next stage merge them, so the rest of the
 * pipeline hops once per read instead of once per token.
 */
export async function* parseSseBatches(body: AsyncIterable<Uint8Array>): AsyncIterable<SseMessage[]> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let data: string[] = [];
  let event: string | undefined;
  let batch: SseMessage[] = [];
  const flushLine = (line: string): void => {
    if (line === '') {
      if (data.length) batch.push({ event, data: data.join('\n') });
      data = [];
      event = undefined;
      return;
    }
    if (line.startsWith(':')) return; // comment, e.g. OpenRouter's ": OPENROUTER PROCESSING"
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
  };
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true });
    let start = 0;
    for (;;) {
      const nl = buffer.indexOf('\n', start);
      if (nl < 0) break;
      const line = buffer.charCodeAt(nl - 1) === 13 ? buffer.slice(start, nl - 1) : buffer.slice(start, nl);
      start = nl + 1;
      flushLine(line);
    }
    buffer = buffer.slice(start);
    if (batch.length) { yield batch; batch = []; }
  }
  buffer += decoder.decode();
  if (buffer) flushLine(buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer);
  flushLine('');
  if (batch.length) yield batch;
}
