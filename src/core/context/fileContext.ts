// What of the file goes to the model with an edit: all of it when it fits the token budget,
// otherwise the file's head (imports, declarations) plus a window around the region, with the
// gaps marked. Budgets use a chars/4 estimate: cheap on a 10,000-line file, and budgets are
// a soft limit anyway (the real count is metered from the provider's usage).

export interface FileContext {
  /** The file as sent, with `⋯ lines a–b omitted ⋯` markers where windows leave gaps. */
  text: string;
  /** True when parts were left out. */
  windowed: boolean;
  /** Estimated tokens of `text`. */
  tokens: number;
}

export const estimateTokens = (chars: number): number => Math.ceil(chars / 4);

const HEAD_SHARE = 0.15;

export function buildFileContext(lines: readonly string[], regionStart: number, regionEnd: number, budgetTokens: number): FileContext {
  const lineTokens = lines.map(l => estimateTokens(l.length + 1));
  const total = lineTokens.reduce((a, b) => a + b, 0);
  if (total <= budgetTokens) return { text: lines.join('\n'), windowed: false, tokens: total };

  const keep = new Uint8Array(lines.length);
  let used = 0;
  const take = (l: number) => { if (!keep[l]) { keep[l] = 1; used += lineTokens[l]; } };
  // The region itself is always sent: the model cannot rewrite what it does not see.
  for (let l = regionStart; l < regionEnd; l++) take(l);
  // The file's head, where imports and top-level declarations live.
  const headBudget = Math.floor(budgetTokens * HEAD_SHARE);
  for (let l = 0, spent = 0; l < regionStart && spent + lineTokens[l] <= headBudget && used + lineTokens[l] <= budgetTokens; l++) {
    take(l);
    spent += lineTokens[l];
  }
  // Then grow a window around the region, alternating above and below, until the budget is spent.
  let up = regionStart - 1;
  let down = regionEnd;
  while (up >= 0 || down < lines.length) {
    let grew = false;
    if (up >= 0) {
      if (keep[up] || used + lineTokens[up] <= budgetTokens) { take(up); up--; grew = true; } else up = -1;
    }
    if (down < lines.length) {
      if (used + lineTokens[down] <= budgetTokens) { take(down); down++; grew = true; } else down = lines.length;
    }
    if (!grew) break;
  }

  const out: string[] = [];
  for (let l = 0; l < lines.length;) {
    if (keep[l]) { out.push(lines[l]); l++; continue; }
    const from = l;
    while (l < lines.length && !keep[l]) l++;
    out.push(`⋯ lines ${from + 1}–${l} omitted ⋯`);
  }
  const text = out.join('\n');
  return { text, windowed: true, tokens: estimateTokens(text.length) };
}
