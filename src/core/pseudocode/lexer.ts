// Line lexer for the pseudocode detector: one left-to-right pass over the characters of the file
// that says, for every line, whether it is blank, code, a whole-line line comment, part of a
// block comment, or inside a multi-line string, and lists the block comments and standalone
// triple-quoted strings that occupy whole lines. It tracks only what can hide a comment marker or
// span lines: strings ("…", '…', `…`, """…""", raw strings, heredocs) and block comments.
//
// Cost: every character is looked at once; ordinary code characters take a table lookup and two
// stores. No per-line allocation except for heredoc terminator checks. Unterminated single-line
// strings end at the end of the line (so an apostrophe in a prose line cannot swallow the file).

import { LexProfile } from './lexProfile';

export const BLANK = 0;
export const CODE = 1;
/** Whole-line line comment (only whitespace before the marker). */
export const LINE_COMMENT = 2;
/** A line inside / opening / closing a block comment, with no code on it. */
export const BLOCK_COMMENT = 3;
/** A line that starts inside a multi-line string or heredoc. */
export const STRING = 4;
/** A line of a standalone triple-quoted string (a Python docstring or bare string statement). */
export const DOCSTRING = 5;

/** Lines [start, end) occupied by a block comment or a standalone triple-quoted string. */
export interface Span {
  start: number;
  /** One past the last line. */
  end: number;
  /** Column of the opening delimiter on the start line. */
  col: number;
  open: string;
  close: string;
}

export interface LexResult {
  kind: Uint8Array;
  /** LINE_COMMENT lines: column of the marker. */
  markerCol: Int32Array;
  /** LINE_COMMENT lines: length of the marker. */
  markerLen: Uint8Array;
  /** Block comments with nothing but whitespace before the opener and after the closer. */
  blocks: Span[];
  /** Standalone triple-quoted strings (docstring candidates), whole lines. */
  strings: Span[];
}

const NORMAL = 0;
const IN_BLOCK = 1;
const IN_STRING = 2;

const ESC_BACKSLASH = 1;
const ESC_NONE = 0;
const ESC_DOUBLE = 2;

interface OpenSpan { start: number; col: number; open: string; close: string; spoiled: boolean; closeLine: number; closeCol: number }

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13; // \r: lines split on \n only
const isWordChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** Characters that may start something the lexer cares about, per profile. */
function interestingTable(p: LexProfile): Uint8Array {
  const t = new Uint8Array(128);
  for (const m of p.line) if (m.charCodeAt(0) < 128) t[m.charCodeAt(0)] = 1;
  for (const [o] of p.block) if (o.charCodeAt(0) < 128) t[o.charCodeAt(0)] = 1;
  t[34] = 1; // "
  if (p.singleQuote !== 'none') t[39] = 1; // '
  if (p.backtick) t[96] = 1;
  if (p.heredoc) t[60] = 1; // <
  if (p.luaLong) t[91] = 1; // [
  return t;
}

const tables = new WeakMap<LexProfile, Uint8Array>();

export function lex(lines: readonly string[], p: LexProfile): LexResult {
  const n = lines.length;
  const kind = new Uint8Array(n);
  const markerCol = new Int32Array(n);
  const markerLen = new Uint8Array(n);
  const blocks: Span[] = [];
  const strings: Span[] = [];
  let table = tables.get(p);
  if (!table) { table = interestingTable(p); tables.set(p, table); }
  const ichars: string[] = [];
  for (let c = 0; c < 128; c++) if (table[c]) ichars.push(String.fromCharCode(c));
  const nIchars = ichars.length;
  const nextAt = new Int32Array(nIchars);
  const lineMarkers = p.line;
  const blockPairs = p.block;

  let state = NORMAL;
  // block comment state
  let bOpen = '', bClose = '', bDepth = 0;
  let curBlock: OpenSpan | null = null;
  // string state
  let sClose = '', sEsc = ESC_BACKSLASH, sMulti = false;
  let curStr: OpenSpan | null = null;
  // heredoc
  let heredocTerm = '';
  let pendingHeredoc = '';

  for (let i = 0; i < n; i++) {
    const s = lines[i];
    const len = s.length;
    if (heredocTerm !== '') {
      kind[i] = STRING;
      if (isHeredocEnd(s, heredocTerm)) heredocTerm = '';
      continue;
    }
    const startedInString = state === IN_STRING;
    let hasCode = false;
    let lastCodeCol = -1;
    let touchedBlock = state === IN_BLOCK;
    let touchedStr = startedInString && curStr !== null;
    let lineComment = -1, lineCommentLen = 0;
    let j = 0;
    nextAt.fill(-2);
    while (j < len) {
      if (state === IN_BLOCK) {
        const k = findBlockClose(s, j, bOpen, bClose, p.nestedBlocks);
        if (k < 0) { j = len; break; }
        if (k >= 0 && s.startsWith(bOpen, k) && !s.startsWith(bClose, k)) { bDepth++; j = k + bOpen.length; continue; }
        j = k + bClose.length;
        if (--bDepth === 0) {
          state = NORMAL;
          if (curBlock) { curBlock.closeLine = i; curBlock.closeCol = j; }
        }
        continue;
      }
      if (state === IN_STRING) {
        const k = findStringClose(s, j, sClose, sEsc);
        if (k < 0) { j = len; break; }
        j = k + sClose.length;
        state = NORMAL;
        if (curStr) { curStr.closeLine = i; curStr.closeCol = j; }
        continue;
      }
      const c = s.charCodeAt(j);
      if (isSpace(c)) { j++; continue; }
      if (c >= 128 || table[c] === 0) {
        hasCode = true; lastCodeCol = j;
        // jump to the next character that may start a comment or a string (native indexOf, cached per line)
        let k = len;
        for (let q = 0; q < nIchars; q++) {
          let at = nextAt[q];
          if (at !== -1 && at <= j) { at = s.indexOf(ichars[q], j + 1); nextAt[q] = at; }
          if (at !== -1 && at < k) k = at;
        }
        j = k;
        continue;
      }

      // Block comment openers (checked before line markers: `--[[` vs `--`, `###` vs `#`).
      let opened = false;
      for (let b = 0; b < blockPairs.length; b++) {
        const [o, cl] = blockPairs[b];
        if (o.charCodeAt(0) !== c || !s.startsWith(o, j)) continue;
        if (o.charCodeAt(0) === 61 /* = */ && j !== 0) continue; // Ruby =begin only at column 0
        state = IN_BLOCK; bOpen = o; bClose = cl; bDepth = 1;
        touchedBlock = true;
        if (!hasCode && curBlock === null) {
          curBlock = { start: i, col: j, open: o, close: cl, spoiled: false, closeLine: -1, closeCol: 0 };
        } else if (!hasCode && curBlock !== null && curBlock.closeLine === i) {
          curBlock.closeLine = -1; // `/* a */ /* b …`: the same span goes on
        }
        // (after code on the line: an inline / trailing block comment, not a whole-line span)
        j += o.length;
        opened = true;
        break;
      }
      if (opened) continue;

      // Line comment markers.
      let marker = '';
      for (let m = 0; m < lineMarkers.length; m++) {
        const mk = lineMarkers[m];
        if (mk.charCodeAt(0) !== c || !s.startsWith(mk, j)) continue;
        if (c === 35 /* # */ && p.hashNeedsSpace && j > 0 && !isSpace(s.charCodeAt(j - 1)) && s.charCodeAt(j - 1) !== 59) continue;
        if (c === 35 && p.languageId === 'php' && s.charCodeAt(j + 1) === 91) continue; // PHP 8 attribute #[...]
        marker = mk;
        break;
      }
      if (marker !== '') {
        if (!hasCode && !touchedBlock && !touchedStr) { lineComment = j; lineCommentLen = marker.length; }
        j = len;
        break;
      }

      // Strings.
      if (c === 34 || c === 39 || c === 96) {
        const q = c === 34 ? '"' : c === 39 ? "'" : '`';
        if (p.triple.includes(q) && s.charCodeAt(j + 1) === c && s.charCodeAt(j + 2) === c) {
          const close = q + q + q;
          // A standalone triple-quoted string: nothing before it but whitespace and a string prefix.
          const standalone = !hasCode || onlyPrefixBefore(s, j);
          const k = findStringClose(s, j + 3, close, ESC_BACKSLASH);
          if (standalone && curStr === null && p.docstring) {
            curStr = { start: i, col: j, open: close, close, spoiled: false, closeLine: -1, closeCol: 0 };
            touchedStr = true;
            hasCode = false; lastCodeCol = -1; // the prefix letters are part of the string
            if (k >= 0) { curStr.closeLine = i; curStr.closeCol = k + 3; j = k + 3; continue; }
            state = IN_STRING; sClose = close; sEsc = ESC_BACKSLASH; sMulti = true;
            j = len;
            break;
          }
          hasCode = true; lastCodeCol = j;
          if (k >= 0) { j = k + 3; continue; }
          state = IN_STRING; sClose = close; sEsc = ESC_BACKSLASH; sMulti = true;
          j = len;
          break;
        }
        hasCode = true; lastCodeCol = j;
        if (c === 39 && p.singleQuote === 'char') { j = skipCharLiteral(s, j); continue; }
        let esc = ESC_BACKSLASH;
        let multi = c === 96 ? p.backtick : p.multilineQuotes;
        if (c === 34 && p.cppRaw && j > 0 && s.charCodeAt(j - 1) === 82 /* R */) {
          const paren = s.indexOf('(', j + 1);
          if (paren > j && paren - j <= 17) {
            const close = ')' + s.slice(j + 1, paren) + '"';
            const k = s.indexOf(close, paren + 1);
            if (k >= 0) { j = k + close.length; continue; }
            state = IN_STRING; sClose = close; sEsc = ESC_NONE; sMulti = true;
            j = len;
            break;
          }
        }
        if (c === 34 && p.csVerbatim && j > 0 && (s.charCodeAt(j - 1) === 64 /* @ */ || (s.charCodeAt(j - 1) === 36 && s.charCodeAt(j - 2) === 64))) {
          esc = ESC_DOUBLE; multi = true;
        }
        if (c === 34 && p.rustRaw) {
          // r"…", r#"…"#, br"…": the prefix was passed over as code; look back for it
          let h = j - 1;
          while (h >= 0 && s.charCodeAt(h) === 35) h--;
          const r = h >= 0 && s.charCodeAt(h) === 114 ? (h > 0 && s.charCodeAt(h - 1) === 98 ? h - 1 : h) : -1;
          if (r >= 0 && (r === 0 || !isWordChar(s.charCodeAt(r - 1)))) {
            const close = '"' + '#'.repeat(j - h - 1);
            const k = s.indexOf(close, j + 1);
            if (k >= 0) { j = k + close.length; continue; }
            state = IN_STRING; sClose = close; sEsc = ESC_NONE; sMulti = true;
            j = len;
            break;
          }
        }
        const k = findStringClose(s, j + 1, q, esc);
        if (k >= 0) { j = k + 1; continue; }
        if (multi) { state = IN_STRING; sClose = q; sEsc = esc; sMulti = true; }
        j = len;
        break;
      }
      if (c === 91 /* [ */ && p.luaLong) {
        let h = j + 1;
        while (s.charCodeAt(h) === 61) h++;
        if (s.charCodeAt(h) === 91) {
          const close = ']' + '='.repeat(h - j - 1) + ']';
          hasCode = true; lastCodeCol = j;
          const k = s.indexOf(close, h + 1);
          if (k >= 0) { j = k + close.length; continue; }
          state = IN_STRING; sClose = close; sEsc = ESC_NONE; sMulti = true;
          j = len;
          break;
        }
      }
      if (c === 60 /* < */ && p.heredoc && s.charCodeAt(j + 1) === 60) {
        const term = heredocStart(s, j, p.heredoc);
        if (term !== '') { if (pendingHeredoc === '') pendingHeredoc = term; }
      }
      hasCode = true; lastCodeCol = j;
      j++;
    }
    if (state === IN_STRING && !sMulti) state = NORMAL;
    if (pendingHeredoc !== '' && state === NORMAL) { heredocTerm = pendingHeredoc; pendingHeredoc = ''; }

    // Classify the line.
    if (startedInString && !touchedStr) kind[i] = STRING;
    else if (hasCode) kind[i] = CODE;
    else if (lineComment >= 0) { kind[i] = LINE_COMMENT; markerCol[i] = lineComment; markerLen[i] = lineCommentLen; }
    else if (touchedStr) kind[i] = DOCSTRING;
    else if (touchedBlock) kind[i] = BLOCK_COMMENT;
    else kind[i] = BLANK;

    // Close spans that ended on this line.
    if (curBlock && curBlock.closeLine === i) {
      if (lastCodeCol >= curBlock.closeCol) curBlock.spoiled = true;
      if (!curBlock.spoiled) blocks.push({ start: curBlock.start, end: i + 1, col: curBlock.col, open: curBlock.open, close: curBlock.close });
      curBlock = null;
    }
    if (curStr && curStr.closeLine === i) {
      if (lastCodeCol >= curStr.closeCol) curStr.spoiled = true;
      if (!curStr.spoiled) strings.push({ start: curStr.start, end: i + 1, col: curStr.col, open: curStr.open, close: curStr.close });
      else {
        // Not standalone after all: its first and last lines are code, the middle is string.
        for (let l = curStr.start; l <= i; l++) kind[l] = l === curStr.start || l === i ? CODE : STRING;
      }
      curStr = null;
    }
  }
  // Unterminated spans at EOF: a block comment still open counts up to the end of the file.
  if (curBlock && !curBlock.spoiled && state === IN_BLOCK) {
    blocks.push({ start: curBlock.start, end: n, col: curBlock.col, open: curBlock.open, close: curBlock.close });
  }
  if (curStr) for (let l = curStr.start; l < n; l++) if (kind[l] === DOCSTRING) kind[l] = STRING;
  return { kind, markerCol, markerLen, blocks, strings };
}

/** Index of the closing delimiter (or, for nesting comments, of a nested opener) at or after `from`, or -1. */
function findBlockClose(s: string, from: number, open: string, close: string, nested: boolean): number {
  if (close.charCodeAt(0) === 61 /* =end */) return s.startsWith(close) && from === 0 ? 0 : -1;
  const k = s.indexOf(close, from);
  if (!nested) return k;
  const o = s.indexOf(open, from);
  if (o >= 0 && (k < 0 || o < k)) return o;
  return k;
}

function findStringClose(s: string, from: number, close: string, esc: number): number {
  const c0 = close.charCodeAt(0);
  const len = s.length;
  for (let j = from; j < len; j++) {
    const c = s.charCodeAt(j);
    if (c === 92 /* \ */ && esc === ESC_BACKSLASH) { j++; continue; }
    if (c !== c0) continue;
    if (close.length > 1 && !s.startsWith(close, j)) continue;
    if (esc === ESC_DOUBLE && close.length === 1 && s.charCodeAt(j + 1) === c0) { j++; continue; }
    return j;
  }
  return -1;
}

/** 'x', '\n', '\u{1F600}' are char literals; otherwise a lone ' (Rust lifetime, Haskell prime) is skipped. */
function skipCharLiteral(s: string, j: number): number {
  if (s.charCodeAt(j + 1) === 92) {
    const k = s.indexOf("'", j + 2);
    return k > 0 && k - j <= 12 ? k + 1 : j + 1;
  }
  if (s.charCodeAt(j + 2) === 39) return j + 3;
  // a non-BMP character in quotes
  if (s.charCodeAt(j + 3) === 39 && s.charCodeAt(j + 1) >= 0xd800 && s.charCodeAt(j + 1) <= 0xdbff) return j + 4;
  return j + 1;
}

/** Only whitespace and string-prefix letters (r, b, u, f, combinations) before column j. */
function onlyPrefixBefore(s: string, j: number): boolean {
  let k = j - 1;
  let letters = 0;
  while (k >= 0) {
    const c = s.charCodeAt(k) | 32;
    if (c === 114 || c === 98 || c === 117 || c === 102) { letters++; k--; continue; }
    break;
  }
  if (letters > 2) return false;
  for (; k >= 0; k--) if (!isSpace(s.charCodeAt(k))) return false;
  return true;
}

/** The terminator of a heredoc starting at s[j] = '<', or ''. */
function heredocStart(s: string, j: number, kind: string): string {
  let k = j + 2;
  if (kind === 'php') {
    if (s.charCodeAt(k) !== 60) return '';
    k++;
    while (isSpace(s.charCodeAt(k))) k++;
  } else if (s.charCodeAt(k) === 60) {
    return ''; // <<< here-string (shell) / not a heredoc
  }
  if (kind !== 'php') {
    const c = s.charCodeAt(k);
    if (c === 45 /* - */ || c === 126 /* ~ */) k++;
    if (kind === 'shell') while (isSpace(s.charCodeAt(k))) k++;
  }
  let quote = s.charCodeAt(k);
  if (quote === 39 || quote === 34) k++; else quote = 0;
  const start = k;
  const first = s.charCodeAt(k);
  const letter = (first >= 65 && first <= 90) || first === 95 || (first >= 97 && first <= 122);
  if (!letter) return '';
  // Ruby/Perl bare heredocs: require an upper-case identifier (`a <<b` is a shift).
  if (quote === 0 && (kind === 'ruby' || kind === 'perl') && !(first >= 65 && first <= 90) && first !== 95) return '';
  while (isWordChar(s.charCodeAt(k))) k++;
  if (quote !== 0 && s.charCodeAt(k) !== quote) return '';
  return s.slice(start, k);
}

function isHeredocEnd(s: string, term: string): boolean {
  let a = 0;
  while (a < s.length && isSpace(s.charCodeAt(a))) a++;
  if (!s.startsWith(term, a)) return false;
  const c = s.charCodeAt(a + term.length);
  return Number.isNaN(c) || !isWordChar(c);
}
