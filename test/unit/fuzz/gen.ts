// Random inputs for the pipeline fuzz test: a code-like document (tabs or spaces, blank lines,
// emoji and other non-BMP characters, LF or CRLF), a selection in it, and a "model answer" for
// the selected region (the region rewritten with random edits, sometimes wrapped in a fence with
// prose around it or after a <think> block, sometimes empty, sometimes garbage).

import type { IndentStyle } from '../../../src/core/stream/reindent';
import type { SelectionLike } from '../../../src/core/context/editRegion';
import { couldBeProse, parseFence } from '../../../src/core/stream/fences';
import { Rng } from './rng';

const IDS = ['value', 'result', 'count', 'index', 'item', 'node', 'data', 'config', 'buffer', 'total', 'offset', 'größe', 'naïve', 'ñame'];
const FNS = ['compute', 'render', 'parse', 'update', 'fetch', 'format', 'check', 'apply', 'merge', 'resolve'];
/** Non-BMP and other multi-byte text: surrogate pairs, ZWJ sequences, flags, CJK, combining marks. */
export const WIDE = ['🚀', '😀', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '🇫🇷', '👩‍💻', '𠜎𠜱𠝹', '🎉✨', '∑∫', 'é', '中文注释', 'Ⅻ', 'e\u0301', '𝟘𝟙𝟚', '🧪'];

export interface GenDoc {
  text: string;
  lines: string[];
  eol: '\n' | '\r\n';
  style: IndentStyle;
  unit: string;
  finalEol: boolean;
  markdown: boolean;
}

function wideText(r: Rng): string { return r.pick(WIDE); }

/** One code-like line (without indentation). */
export function statement(r: Rng, wide: number): string {
  const a = r.pick(IDS), b = r.pick(IDS), f = r.pick(FNS);
  const w = r.chance(wide) ? wideText(r) : '';
  switch (r.int(12)) {
    case 0: return `const ${a}${r.int(40)} = ${f}(${b}, ${r.int(100)});`;
    case 1: return `${a}.${b} = ${b}.${a} + ${r.int(10)};`;
    case 2: return `return ${a};`;
    case 3: return `${f}(${a});`;
    case 4: return `// ${f} the ${a} ${w || 'first'}`;
    case 5: return `let ${a} = '${w || b}';`;
    case 6: return `if (!${a}) return;`;
    case 7: return `${a}++;`;
    case 8: return `log(\`${w}${a}=\${${a}}\`);`;
    case 9: return `this.${a} = ${f}(this.${b}, '${a}-${r.int(1000)}');`;
    case 10: return `/* ${w || a} */ ${f}();`;
    default: return `${a}: ${r.int(9)},`;
  }
}

/** A block of code at depth 0, as (depth, text) pairs, '' for a blank line. */
function block(r: Rng, wide: number, maxLines: number): [number, string][] {
  const out: [number, string][] = [];
  out.push([0, `function ${r.pick(FNS)}${r.int(50)}(${r.pick(IDS)}) {`]);
  const body = r.range(1, Math.max(1, Math.min(10, maxLines - 2)));
  let depth = 1;
  for (let i = 0; i < body; i++) {
    if (depth < 4 && r.chance(0.15)) {
      out.push([depth, `${r.pick(['if', 'while', 'for'])} (${r.pick(IDS)} ${r.pick(['<', '>', '==='])} ${r.pick(IDS)}) {`]);
      depth++;
    } else if (depth > 1 && r.chance(0.25)) {
      depth--;
      out.push([depth, '}']);
    } else if (r.chance(0.08)) {
      out.push([0, '']);
    } else {
      out.push([depth, statement(r, wide)]);
    }
  }
  while (depth > 1) { depth--; out.push([depth, '}']); }
  out.push([0, '}']);
  return out;
}

export function genDocument(r: Rng): GenDoc {
  const eol: '\n' | '\r\n' = r.chance(0.3) ? '\r\n' : '\n';
  const style: IndentStyle = r.pick([
    { insertSpaces: true, tabSize: 2 }, { insertSpaces: true, tabSize: 4 },
    { insertSpaces: false, tabSize: 4 }, { insertSpaces: false, tabSize: 8 },
  ]);
  const unit = style.insertSpaces ? ' '.repeat(style.tabSize) : '\t';
  const wide = r.pick([0, 0.05, 0.3]);
  const size = r.weighted({ empty: 2, tiny: 8, small: 50, medium: 35, large: 5 });
  const n = size === 'empty' ? 0 : size === 'tiny' ? r.range(1, 3) : size === 'small' ? r.range(4, 30) : size === 'medium' ? r.range(31, 80) : r.range(150, 320);
  const markdown = r.chance(0.06);
  const lines: string[] = [];
  while (lines.length < n) {
    if (markdown && r.chance(0.3)) {
      lines.push(`Some notes about ${r.pick(IDS)} ${wideText(r)}`, '', '```ts');
      for (const [, t] of block(r, wide, 6)) lines.push(t);
      lines.push('```', '');
      continue;
    }
    for (const [d, t] of block(r, wide, n - lines.length)) {
      if (t === '') {
        // Blank lines: empty, or whitespace only (editors leave those behind).
        lines.push(r.chance(0.8) ? '' : r.pick([' ', '  ', '\t', unit.repeat(2)]));
        continue;
      }
      // Mostly the document's own style; sometimes a line indented the other way.
      const ind = r.chance(0.05) ? (unit === '\t' ? '  ' : '\t').repeat(d) : unit.repeat(d);
      lines.push(ind + t + (r.chance(0.03) ? ' ' : ''));
    }
    if (r.chance(0.6)) lines.push('');
    if (r.chance(0.1)) lines.push('');
  }
  lines.length = n;
  const finalEol = n > 0 && r.chance(0.7);
  if (finalEol) lines.push('');
  if (lines.length === 0) lines.push('');
  return { text: lines.join(eol), lines, eol, style, unit, finalEol, markdown };
}

/** A random selection, as VS Code reports it (sometimes empty: a cursor, i.e. an insertion). */
export function genSelection(r: Rng, lines: readonly string[]): SelectionLike {
  const L = lines.length;
  const a = r.int(L);
  if (r.chance(0.12)) {
    const ch = r.pick([0, lines[a].length, r.int(lines[a].length + 1)]);
    return { startLine: a, startChar: ch, endLine: a, endChar: ch };
  }
  const b = Math.min(L - 1, a + r.pick([0, 2, r.range(2, 8), r.range(4, 20), r.range(8, 40), r.range(8, 40), r.int(L)]));
  const startChar = r.chance(0.8) ? 0 : r.int(lines[a].length + 1);
  const endChar = b > a && r.chance(0.4) ? 0 : r.chance(0.7) ? lines[b].length : r.int(lines[b].length + 1);
  if (a === b && startChar === endChar) return { startLine: a, startChar: 0, endLine: b, endChar: lines[b].length };
  return { startLine: a, startChar, endLine: b, endChar };
}

// ── The model's answer ──────────────────────────────────────────────────────────────────────────

export interface GenAnswer {
  /** The whole answer text, as the model streams it. */
  text: string;
  /** The code without any wrapper, when cleaning the wrapped answer must give exactly what cleaning this gives. */
  plain?: string;
  /** Reasoning streamed in its own field (never part of the text). */
  reasoning: string;
  /** What was done to it, for failure messages. */
  kinds: string[];
}

function leadingWs(line: string): string { return /^[ \t]*/.exec(line)![0]; }

/** The region rewritten: lines kept, changed, dropped, inserted, moved; indentation redone. */
function rewrite(r: Rng, original: readonly string[], unit: string, kinds: string[]): string[] {
  let out: string[] = [];
  const wide = r.pick([0, 0.1, 0.4]);
  const nonBlank = original.filter(l => l.trim() !== '');
  if (nonBlank.length === 0 || r.chance(0.08)) {
    kinds.push('fresh');
    const n = r.weighted({ none: 0.5, few: 5, some: 4, many: 0.3 });
    const count = n === 'none' ? 0 : n === 'few' ? r.range(1, 6) : n === 'some' ? r.range(7, 30) : r.range(150, 260);
    let depth = 0;
    for (let i = 0; i < count; i++) {
      if (r.chance(0.1)) { out.push(''); continue; }
      if (depth > 0 && r.chance(0.2)) { depth--; out.push(unit.repeat(depth) + '}'); continue; }
      if (r.chance(0.15)) { out.push(unit.repeat(depth) + `if (${r.pick(IDS)}) {`); depth++; continue; }
      out.push(unit.repeat(depth) + statement(r, wide));
    }
    while (depth > 0) { depth--; out.push(unit.repeat(depth) + '}'); }
    return out;
  }
  const pChange = r.weighted({ '0': 1, '0.05': 4, '0.15': 6, '0.3': 4, '0.6': 2 });
  kinds.push(`edit${pChange}`);
  const p = Number(pChange);
  for (const line of original) {
    const x = r.next();
    if (x < p * 0.4) {
      out.push(leadingWs(line) + statement(r, wide)); // changed
    } else if (x < p * 0.6) {
      // dropped
    } else if (x < p) {
      out.push(line);
      const k = r.range(1, 3);
      for (let i = 0; i < k; i++) out.push(r.chance(0.15) ? '' : leadingWs(line) + statement(r, wide)); // inserted
    } else {
      out.push(line);
    }
  }
  if (p > 0 && out.length === original.length && out.every((l, k) => l === original[k]) && r.chance(0.8)) {
    const k = r.int(out.length); // most answers change something
    if (r.chance(0.5)) out[k] = leadingWs(out[k]) + statement(r, wide); else out.splice(k + 1, 0, leadingWs(out[k]) + statement(r, wide));
  }
  if (out.length > 4 && r.chance(0.08)) {
    kinds.push('moved');
    const from = r.int(out.length - 2), len = r.range(1, Math.min(6, out.length - from));
    const moved = out.splice(from, len);
    out.splice(r.int(out.length + 1), 0, ...moved);
  }
  if (r.chance(0.05)) { kinds.push('truncated'); out = out.slice(0, r.int(out.length + 1)); }
  // Indentation: models often answer dedented, or in another style; reindent() must put it back.
  const how = r.weighted({ asIs: 5, dedent: 3, spaces2: 1, tabs: 1 });
  if (how !== 'asIs') {
    kinds.push(how);
    const common = out.filter(l => l.trim() !== '').map(leadingWs).reduce<string | undefined>((acc, w) => {
      if (acc === undefined) return w;
      let i = 0;
      while (i < acc.length && i < w.length && acc[i] === w[i]) i++;
      return acc.slice(0, i);
    }, undefined) ?? '';
    out = out.map(l => {
      if (l.trim() === '') return l;
      let ws = leadingWs(l).slice(how === 'dedent' ? common.length : 0);
      if (how === 'spaces2') ws = ws.replace(/\t/g, '  ');
      if (how === 'tabs') ws = ws.replace(/ {2,4}/g, '\t');
      return ws + l.trimStart();
    });
  }
  return out;
}

/** Lines that every cleaning stage passes through unchanged in meaning (code, not prose or fences). */
function plainIsSafe(lines: readonly string[]): boolean {
  const first = lines.findIndex(l => l.trim() !== '');
  if (first !== 0) return false; // a think block drops leading blank lines; a plain answer keeps some
  if (lines[0].trimStart().startsWith('<')) return false;
  return lines.every(l => l.trim() === '' || (!couldBeProse(l) && parseFence(l) === undefined));
}

const LEAD_INS = [
  "Here's the updated code:", 'Sure! Here is the refactored function 🚀:', 'Here is the revised version:',
  'Certainly.\n\nHere are the changes 👩‍💻:', '', 'The updated code:',
];
const TRAILERS = [
  '', '\n\nThis version avoids the extra copy.', '\n\n**Changes:**\n- renamed the variable\n- added a check 🎉\n',
  '\n\nNote: `value` may be null.\n', '\nI kept the behaviour the same.',
];
const GARBAGE = ['`', '```', '<', '>', '</think>', '<think>', '\r', '\n', '\r\n', '\t', ' ', '{', '}', '"', '\\', '\u0000', '\u2028', '\ufeff', 'x', 'Here:', '~~~', ...WIDE];

export function genAnswer(r: Rng, original: readonly string[], doc: GenDoc, keepFences: boolean, trailingBlank: number): GenAnswer {
  const kinds: string[] = [];
  const reasoning = r.chance(0.15) ? Array.from({ length: r.range(1, 40) }, () => r.pick(['think', 'step ', '\n', '🤔', 'ok. '])).join('') : '';
  if (reasoning) kinds.push('reasoning');
  const shape = r.weighted({ code: 88, empty: 4, blankOnly: 2, garbage: 6 });
  if (shape === 'empty') return { text: '', reasoning, kinds: ['empty', ...kinds] };
  if (shape === 'blankOnly') return { text: r.pick(['\n', '\n\n', '  \n\t\n', '\r\n\r\n']), reasoning, kinds: ['blank', ...kinds] };
  if (shape === 'garbage') {
    const n = r.range(1, 200);
    return { text: Array.from({ length: n }, () => r.pick(GARBAGE)).join(''), reasoning, kinds: ['garbage', ...kinds] };
  }
  const lines = rewrite(r, original, doc.unit, kinds);
  const eol = r.weighted({ lf: 85, crlf: 12, mixed: 3 });
  if (eol !== 'lf') kinds.push(eol);
  let body = '';
  for (let i = 0; i < lines.length; i++) {
    body += lines[i];
    if (i < lines.length - 1) body += eol === 'lf' ? '\n' : eol === 'crlf' ? '\r\n' : r.pick(['\n', '\r\n']);
  }
  if (lines.length > 0 && r.chance(0.5)) body += eol === 'crlf' ? '\r\n' : '\n';
  const safe = !keepFences && plainIsSafe(lines);
  let text = body;
  let oracle = safe;
  const wrap = r.weighted({ none: 55, fence: 25, leadIn: 6, trailing: 6, fenceNoLead: 8 });
  if (wrap === 'fence' || wrap === 'fenceNoLead') {
    const lead = wrap === 'fence' ? r.pick(LEAD_INS) : '';
    const lang = r.pick(['ts', 'typescript', 'js', '', 'python']);
    const close = body.length === 0 || body.endsWith('\n') ? '```' : '\n```';
    text = `${lead}${lead ? r.pick(['\n\n', '\n']) : ''}\`\`\`${lang}\n${body}${close}${r.pick(TRAILERS)}`;
    kinds.push(wrap);
  } else if (wrap === 'leadIn') {
    text = `${r.pick(LEAD_INS.filter(l => l !== ''))}\n\n${body}`;
    kinds.push('leadIn');
  } else if (wrap === 'trailing') {
    text = `${body}${body.endsWith('\n') ? '' : '\n'}\nThis version is simpler.\nIt keeps the same behaviour.\n`;
    kinds.push('trailingProse');
    oracle = oracle && trailingBlank === 0 && lines.length > 0;
  }
  if (r.chance(0.15)) {
    const tag = r.pick(['think', 'thinking']);
    text = `${r.pick(['', '\n', '  '])}<${tag}>${r.pick(['Let me see.', '\nStep 1: read.\nStep 2: write 🤔\n', ''])}</${tag}>${r.pick(['\n\n', '\n', '', '\n \n'])}${text}`;
    kinds.push('think');
  }
  return { text, plain: oracle && wrap !== 'none' || oracle && kinds.includes('think') ? body : undefined, reasoning, kinds };
}
