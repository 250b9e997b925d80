// Stage 2 of answer cleaning: chunks with arbitrary boundaries → complete lines without their
// terminator. `\n`, `\r\n` and a lone `\r` end a line; a `\r\n` split across two chunks counts once.
// A line is released as soon as its terminator arrives (a trailing `\r` is not held back: the
// `\n` that may follow in the next chunk is simply skipped). The text after the last terminator is
// emitted when the stream ends; text ending in a terminator yields no final empty line.
// Work per chunk is O(chunk length): only the new chunk is scanned.

export async function* splitLines(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let partial = '';
  let skipLf = false; // previous chunk ended with '\r': a leading '\n' belongs to it
  // One regex per stream: a shared global regex's lastIndex would be clobbered by concurrent streams
  // (this generator yields between exec calls).
  const EOL = /\r\n|\r|\n/g;

  for await (const chunk of chunks) {
    let s = chunk;
    if (skipLf && s.length > 0) {
      skipLf = false;
      if (s.charCodeAt(0) === 10 /* \n */) {
        s = s.slice(1);
      }
    }
    if (s.length === 0) {
      continue;
    }
    let start = 0;
    EOL.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = EOL.exec(s)) !== null) {
      const line = partial + s.slice(start, m.index);
      partial = '';
      start = m.index + m[0].length;
      if (m[0] === '\r' && start === s.length) {
        skipLf = true;
      }
      yield line;
    }
    if (start < s.length) {
      partial += s.slice(start);
    }
  }

  if (partial.length > 0) {
    yield partial;
  }
}
