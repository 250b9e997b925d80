// Where a change the user (or another extension) made to the document lands relative to one
// session's region: above it (the region moves), below it (nothing happens), or inside it (the
// stream stops and the region adopts the document's lines). The boundary cases matter: "Delete
// Line" just above a region sends a range ending at (start, 0), and a paste of whole lines at the
// region's first line starts at (start, 0); neither touches a character of the region, so neither
// may stop its stream or be adopted as the region's own lines.

export interface LineChange {
  startLine: number; startChar: number;
  endLine: number; endChar: number;
  text: string;
}

export type ChangeRoute =
  /** The region's lines are untouched; it now starts `delta` lines further down. */
  | { kind: 'above'; delta: number }
  /** The region's lines are untouched and do not move. */
  | { kind: 'below' }
  /**
   * Lines [from, to) of the region became `texts` (any neighbouring lines the change merged in
   * included); the region now starts at `startLine`.
   */
  | { kind: 'inside'; from: number; to: number; texts: string[]; startLine: number };

/** The text a change leaves in front of whatever followed its end on the same line. */
function landsBeforeEnd(change: LineChange, docLineAfter: (line: number) => string): string {
  const nl = change.text.lastIndexOf('\n');
  if (nl >= 0) return change.text.slice(nl + 1);
  // The line the change starts on keeps its text up to the change.
  return docLineAfter(change.startLine).slice(0, change.startChar) + change.text;
}

/**
 * Routes `change` for a region showing `rendered` lines starting at document line `start`.
 * `docLineAfter(i)` reads line i of the document after the change (clamped to its last line).
 */
export function routeChange(
  change: LineChange,
  start: number,
  rendered: readonly { readonly text: string }[],
  docLineAfter: (line: number) => string,
): ChangeRoute {
  const a = change.startLine;
  const b = change.endLine;
  const delta = (change.text.match(/\n/g)?.length ?? 0) - (b - a);
  const count = rendered.length;
  const end = start + count; // exclusive
  if (b < start) return { kind: 'above', delta };
  // An insertion point (no lines yet): anything from its line on is below it.
  if (count === 0 && a >= start) return { kind: 'below' };
  // Ends exactly where the region begins and leaves nothing in front of its first line.
  if (b === start && change.endChar === 0 && landsBeforeEnd(change, docLineAfter) === '') {
    return { kind: 'above', delta };
  }
  if (a >= end) return { kind: 'below' };
  // Enter (or a paste starting with a line break) at the very end of the region's last line.
  if (count > 0 && a === end - 1 && b === a && change.endChar === change.startChar
    && change.startChar === rendered[count - 1].text.length && /^\r?\n/.test(change.text)) {
    return { kind: 'below' };
  }
  const inside = a >= start && b < end;
  const texts = inside
    ? merged(rendered[a - start].text, rendered[b - start].text, change)
    : Array.from({ length: b + delta - a + 1 }, (_, i) => docLineAfter(a + i));
  const from = Math.max(a, start) - start;
  const to = Math.min(b, end - 1) - start + 1;
  return { kind: 'inside', from, to, texts, startLine: Math.min(a, start) };
}

/** Lines `first`..`last` after `change` replaced its range in them. */
function merged(first: string, last: string, change: LineChange): string[] {
  return (first.slice(0, change.startChar) + change.text + last.slice(change.endChar)).split(/\r?\n/);
}
