// Stage 4 of answer cleaning: keep at most `leading` blank lines at the start of the answer and at
// most `trailing` at its end (the counts the ORIGINAL selection had), so the lines around the
// selection are left as they were. Blank = whitespace only.
//
// What is held back, and until when: runs of blank lines, until the next non-blank line arrives
// (then the run is released: all of it in the middle, at most `leading` of it at the start) or the
// stream ends (then at most `trailing` of it is released). An answer with no non-blank line at all
// yields nothing. Non-blank lines are never held.

export interface BlankEdgeOptions {
  leading: number;
  trailing: number;
}

export async function* trimBlankEdges(
  lines: AsyncIterable<string>,
  opts: BlankEdgeOptions,
): AsyncIterable<string> {
  const leading = Math.max(0, Math.floor(opts.leading));
  const trailing = Math.max(0, Math.floor(opts.trailing));
  let run: string[] = []; // pending blank lines
  let started = false; // a non-blank line has been released

  for await (const line of lines) {
    if (line.trim().length === 0) {
      run.push(line);
      continue;
    }
    if (run.length > 0) {
      const keep = started ? run.length : Math.min(run.length, leading);
      for (let i = run.length - keep; i < run.length; i++) {
        yield run[i];
      }
      run = [];
    }
    started = true;
    yield line;
  }

  if (started) {
    const keep = Math.min(run.length, trailing);
    for (let i = 0; i < keep; i++) {
      yield run[i];
    }
  }
}

/** Starts a non-empty answer with one blank line unless it already has one (code appended after code). */
export async function* ensureBlankBefore(lines: AsyncIterable<string>): AsyncIterable<string> {
  let first = true;
  for await (const line of lines) {
    if (first && line.trim() !== '') yield '';
    first = false;
    yield line;
  }
}
