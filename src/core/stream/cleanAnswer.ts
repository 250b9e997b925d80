// The answer-cleaning pipeline: raw answer text chunks (arbitrary boundaries) → cleaned lines,
// ready for the streaming line diff. Each stage lives in its own file; this only composes them:
//   stripControlChars → stripThinkTags → splitLines → stripFencesAndProse → trimBlankEdges (→ ensureBlankBefore) → reindent
// Lines carry no terminator (the renderer joins them with the document's EOL). Pure TypeScript.

import { ensureBlankBefore, trimBlankEdges } from './blankEdges';
import { stripFencesAndProse } from './fences';
import { splitLines } from './lines';
import { IndentStyle, reindent } from './reindent';
import { stripThinkTags } from './thinkTags';
import { stripControlChars } from './controlChars';

export interface CleanOptions {
  /** The document's indentation style. */
  style: IndentStyle;
  /** Leading whitespace of the selection's first non-blank line (or of the cursor line). */
  baseIndent: string;
  /** Blank lines the original selection starts with. */
  leadingBlank: number;
  /** Blank lines the original selection ends with. */
  trailingBlank: number;
  /** The user edits markdown and the selection itself starts with a fence: keep fences. */
  keepFences?: boolean;
  /** Code appended after other code (tests at the end of a file) starts with one blank line. */
  blankBefore?: boolean;
}

export function cleanAnswer(chunks: AsyncIterable<string>, opts: CleanOptions): AsyncIterable<string> {
  const text = stripThinkTags(stripControlChars(chunks));
  const lines = splitLines(text);
  const code = stripFencesAndProse(lines, { keepFences: opts.keepFences === true });
  const trimmed = trimBlankEdges(code, { leading: opts.leadingBlank, trailing: opts.trailingBlank });
  const separated = opts.blankBefore ? ensureBlankBefore(trimmed) : trimmed;
  return reindent(separated, { style: opts.style, baseIndent: opts.baseIndent });
}
