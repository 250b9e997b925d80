// Stage 5 of answer cleaning: re-indent the answer to the document.
//
// Indentation is measured in columns (a tab advances to the next multiple of tabSize, so a run of
// tabs counts tabSize columns each). The first non-blank line fixes
//   delta = columns(baseIndent) − columns(first line's indentation)
// and every non-blank line gets max(0, columns + delta) columns (only leading whitespace ever
// changes). Indentation is then written in the document's style: spaces, or ⌊cols/tabSize⌋ tabs plus
// the remaining columns as spaces (alignment remainders only). Relative indentation is preserved
// column for column, not rescaled: a 2-space answer in a 4-space file keeps 2-column steps.
// Blank lines become ''. Nothing is held back: every line is released as it arrives.

export interface IndentStyle {
  insertSpaces: boolean;
  tabSize: number;
}

export interface ReindentOptions {
  style: IndentStyle;
  baseIndent: string;
}

/** Length of the leading run of spaces and tabs. */
export function leadingWhitespaceLength(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) {
    i++;
  }
  return i;
}

/** Visual columns of a run of spaces and tabs. */
export function indentColumns(ws: string, tabSize: number): number {
  let cols = 0;
  for (let i = 0; i < ws.length; i++) {
    const c = ws.charCodeAt(i);
    if (c === 9) {
      cols += tabSize - (cols % tabSize);
    } else if (c === 32) {
      cols += 1;
    } else {
      break;
    }
  }
  return cols;
}

/** Leading whitespace for `cols` columns in the given style. */
export function renderIndent(cols: number, style: IndentStyle): string {
  if (cols <= 0) {
    return '';
  }
  if (style.insertSpaces) {
    return ' '.repeat(cols);
  }
  return '\t'.repeat(Math.floor(cols / style.tabSize)) + ' '.repeat(cols % style.tabSize);
}

export async function* reindent(lines: AsyncIterable<string>, opts: ReindentOptions): AsyncIterable<string> {
  const tabSize = Math.max(1, Math.floor(opts.style.tabSize) || 4);
  const style: IndentStyle = { insertSpaces: opts.style.insertSpaces, tabSize };
  const baseCols = indentColumns(opts.baseIndent.slice(0, leadingWhitespaceLength(opts.baseIndent)), tabSize);
  let delta: number | undefined;

  for await (const line of lines) {
    if (line.trim().length === 0) {
      yield '';
      continue;
    }
    const n = leadingWhitespaceLength(line);
    const cols = indentColumns(line.slice(0, n), tabSize);
    if (delta === undefined) {
      delta = baseCols - cols;
    }
    yield renderIndent(Math.max(0, cols + delta), style) + line.slice(n);
  }
}
