// Small helpers over async iterables, shared by the stream-cleaning stages and their tests.
// Pure TypeScript: no `vscode` import.

/** Drains an async iterable into an array. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) {
    out.push(x);
  }
  return out;
}

/** Replays a fixed list of chunks as an async stream (tests, replays of recorded answers). */
export async function* fromChunks(chunks: string[]): AsyncIterable<string> {
  for (const c of chunks) {
    yield c;
  }
}
