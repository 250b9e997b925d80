// Turning "make these document lines equal those" into one small text edit. The renderer applies
// at most one such edit per session per frame; trimming the common head and tail keeps it to the
// lines that changed, so streaming touches the document only near the stream's head.

export interface LineSplice {
  /** Lines [from, to) of the old array are replaced by `lines`. */
  from: number;
  to: number;
  lines: string[];
}

export interface TextEditSpec {
  startLine: number; startChar: number;
  endLine: number; endChar: number;
  text: string;
}

/** The smallest single splice turning `before` into `after`, or undefined when they are equal. */
export function minimalSplice(before: readonly string[], after: readonly string[]): LineSplice | undefined {
  let head = 0;
  const max = Math.min(before.length, after.length);
  while (head < max && before[head] === after[head]) head++;
  if (head === before.length && head === after.length) return undefined;
  let tail = 0;
  while (tail < max - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { from: head, to: before.length - tail, lines: after.slice(head, after.length - tail) };
}

/**
 * The text edit replacing document lines [from, to) with `lines` in a document of `lineCount`
 * lines. Handles the cases where lines vanish or appear at the end of a file without a final EOL.
 */
export function spliceToTextEdit(lineCount: number, lineLength: (line: number) => number, from: number, to: number,
  lines: readonly string[], eol: string): TextEditSpec {
  const joined = lines.join(eol);
  if (to > from && lines.length > 0) {
    return { startLine: from, startChar: 0, endLine: to - 1, endChar: lineLength(to - 1), text: joined };
  }
  if (to > from) {
    if (to < lineCount) return { startLine: from, startChar: 0, endLine: to, endChar: 0, text: '' };
    if (from > 0) return { startLine: from - 1, startChar: lineLength(from - 1), endLine: to - 1, endChar: lineLength(to - 1), text: '' };
    return { startLine: 0, startChar: 0, endLine: to - 1, endChar: lineLength(to - 1), text: '' };
  }
  if (lines.length === 0) return { startLine: from, startChar: 0, endLine: from, endChar: 0, text: '' };
  if (from < lineCount) return { startLine: from, startChar: 0, endLine: from, endChar: 0, text: joined + eol };
  const last = lineCount - 1;
  return { startLine: last, startChar: lineLength(last), endLine: last, endChar: lineLength(last), text: eol + joined };
}
