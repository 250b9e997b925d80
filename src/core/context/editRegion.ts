// Which whole lines an edit replaces. The review diff works on whole lines, so a selection is
// widened to the lines it touches; an empty selection becomes an insertion point.
import { IndentStyle } from '../stream/reindent';

export interface SelectionLike {
  startLine: number; startChar: number;
  endLine: number; endChar: number;
}

export interface EditRegion {
  /** First line replaced. */
  startLine: number;
  /** One past the last line replaced; equal to startLine for an insertion. */
  endLine: number;
  /** The exact text the user highlighted when it was only part of the lines. */
  partialSelection?: string;
  /** Leading whitespace the answer is re-indented to. */
  baseIndent: string;
  /** Blank lines the answer may keep at its start / end (the region's own, or 1 for an insertion). */
  leadingBlank: number;
  trailingBlank: number;
  /** Appended after other code: the answer starts with a blank line. */
  blankBefore?: boolean;
}

const leadingWhitespace = (line: string) => /^[ \t]*/.exec(line)![0];
const isBlank = (line: string) => line.trim() === '';

function countEdgeBlanks(lines: readonly string[]): { leading: number; trailing: number } {
  let leading = 0;
  while (leading < lines.length && isBlank(lines[leading])) leading++;
  if (leading === lines.length) return { leading, trailing: 0 };
  let trailing = 0;
  while (trailing < lines.length && isBlank(lines[lines.length - 1 - trailing])) trailing++;
  return { leading, trailing };
}

export function regionFromSelection(lines: readonly string[], sel: SelectionLike): EditRegion {
  const empty = sel.startLine === sel.endLine && sel.startChar === sel.endChar;
  if (empty) {
    const line = lines[sel.startLine] ?? '';
    const before = isBlank(line) || sel.startChar <= leadingWhitespace(line).length;
    const at = before ? sel.startLine : sel.startLine + 1;
    return { startLine: at, endLine: at, baseIndent: insertionIndent(lines, sel.startLine), leadingBlank: 1, trailingBlank: 1 };
  }
  const endLine = sel.endChar === 0 && sel.endLine > sel.startLine ? sel.endLine : sel.endLine + 1;
  const region = lines.slice(sel.startLine, endLine);
  const first = region.find(l => !isBlank(l)) ?? '';
  const lastLine = lines[endLine - 1] ?? '';
  const partial = sel.startChar > leadingWhitespace(lines[sel.startLine] ?? '').length ||
    (endLine === sel.endLine + 1 && sel.endChar < lastLine.length);
  const { leading, trailing } = countEdgeBlanks(region);
  return {
    startLine: sel.startLine,
    endLine,
    partialSelection: partial ? selectedText(lines, sel) : undefined,
    baseIndent: leadingWhitespace(first),
    leadingBlank: leading,
    trailingBlank: trailing,
  };
}

function selectedText(lines: readonly string[], sel: SelectionLike): string {
  if (sel.startLine === sel.endLine) return (lines[sel.startLine] ?? '').slice(sel.startChar, sel.endChar);
  const parts = [(lines[sel.startLine] ?? '').slice(sel.startChar)];
  for (let l = sel.startLine + 1; l < sel.endLine; l++) parts.push(lines[l] ?? '');
  parts.push((lines[sel.endLine] ?? '').slice(0, sel.endChar));
  return parts.join('\n');
}

/** Indent for code generated at a cursor: its own line's, else the next non-blank line's, else the previous. */
function insertionIndent(lines: readonly string[], line: number): string {
  if (!isBlank(lines[line] ?? '')) return leadingWhitespace(lines[line]);
  if ((lines[line] ?? '').length > 0) return lines[line];
  for (let l = line + 1; l < lines.length; l++) if (!isBlank(lines[l])) return leadingWhitespace(lines[l]);
  for (let l = line - 1; l >= 0; l--) if (!isBlank(lines[l])) return leadingWhitespace(lines[l]);
  return '';
}

/** Tabs vs spaces as the document actually uses them (editor options decide ties). */
export function describeIndent(style: IndentStyle): string {
  return style.insertSpaces ? `${style.tabSize} spaces` : 'tabs';
}
