// Plain prose lines in a code file: English the user typed directly ("sort the list and return the
// middle element"), which no language here parses as code. A line qualifies only if:
//  - it starts with a letter, or a list marker ("1.", "2)", "-", "*", "•") followed by a space;
//  - it holds only letters, digits, spaces and prose punctuation: , . : ; ? ! - / % and ' inside a
//    word (don't), parentheses only as " (…)"; no quotes, no = < > { } [ ] @ # $ & | * + ~ ^ \ `;
//  - no code-shaped words: snake_case, camelCase, a.b member access, `::`, `//`, a ':' glued to
//    the next character (`a:b`);
//  - at least 3 words, the first is not a declaration keyword (const, def, fn, pub, import …);
//  - at least one word that is never a keyword or a common identifier in these languages ("the",
//    "each", "of", "into", "then", "otherwise" …; "a" counts only as an article — followed by a
//    word that is not is/and/or/if/not/in … — and when no other one-letter word is present, since
//    `return a if b else c` and `assert a is not None` are Python);
//  - not a compound-statement header with English-looking names (`if which is not None:`, `for
//    each in resp:` — a prose header has an article: "for each item in the list:"); no '(' right
//    after the first word (`for (var name in all)`), no trailing ';'.
// Cheap rejection first: most code lines fail on their first character or their first symbol.

import { DECL_WORDS, STRONG_ENGLISH } from './lexicon';

const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export function isProseLine(s: string): boolean {
  const n = s.length;
  let i = 0;
  while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  if (i === n) return false;
  let c = s.charCodeAt(i);
  // list markers
  if (isDigit(c)) {
    let k = i;
    while (k < n && isDigit(s.charCodeAt(k))) k++;
    const d = s.charCodeAt(k);
    if (k - i > 3 || !(d === 46 || d === 41) || s.charCodeAt(k + 1) !== 32) return false;
    i = k + 2;
  } else if (c === 45 || c === 42 || c === 0x2022) {
    if (s.charCodeAt(i + 1) !== 32) return false;
    i += 2;
  } else if (!isLetter(c)) {
    return false;
  }
  while (i < n && s.charCodeAt(i) === 32) i++;
  if (i >= n || !isLetter(s.charCodeAt(i))) return false;

  let words = 0, strong = 0, hasA = false, oneLetter = 0, articles = false, firstLower = '';
  let parenOpen = false;
  while (i < n) {
    c = s.charCodeAt(i);
    if (isLetter(c) || isDigit(c) || c >= 0xc0) {
      const start = i;
      let prev = 0;
      let lowerSeen = false;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (isLetter(d) || isDigit(d) || d >= 0xc0) {
          if (d >= 65 && d <= 90 && lowerSeen) return false; // camelCase
          if (d >= 97 && d <= 122) lowerSeen = true;
          prev = d; i++; continue;
        }
        if ((d === 39 || d === 0x2019) && isLetter(prev) && isLetter(s.charCodeAt(i + 1))) { i++; continue; } // don't
        if (d === 95) return false; // snake_case
        if (d === 46 && isLetter(prev) && isLetter(s.charCodeAt(i + 1)) && i - start >= 2) return false; // a.b
        break;
      }
      words++;
      const len = i - start;
      if (len <= 12) {
        const w = s.slice(start, i).toLowerCase();
        if (words === 1) { if (DECL_WORDS.has(w)) return false; firstLower = w; }
        if (w === 'the' || w === 'an' || (w === 'a' && articleA(s, i))) articles = true;
        if (w === 'a') { if (!articleA(s, i)) oneLetter++; else hasA = true; }
        else if (len === 1 && w !== 'i' && !isDigit(w.charCodeAt(0))) oneLetter++;
        else if (STRONG_ENGLISH.has(w)) strong++;
      }
      continue;
    }
    switch (c) {
      case 32: case 9: case 44: case 46: case 59: case 63: case 33: case 37: case 45: case 0x2013: case 0x2014: case 0x2019:
        break;
      case 58: { // ':' must be followed by a space or the end
        const d = s.charCodeAt(i + 1);
        if (!(Number.isNaN(d) || d === 32 || d === 9 || d === 13)) return false;
        break;
      }
      case 47: // '/' but not '//'
        if (s.charCodeAt(i + 1) === 47) return false;
        break;
      case 40: // '(' only after a space, and not right after the first word (`for (`, `if (`, `while (`)
        if (parenOpen || i === 0 || s.charCodeAt(i - 1) !== 32 || words <= 1) return false;
        parenOpen = true;
        break;
      case 41:
        if (!parenOpen) return false;
        parenOpen = false;
        break;
      case 13:
        break;
      default:
        return false;
    }
    i++;
  }
  if (words < 3) return false;
  // `if which is not None:`, `for each in resp:` — a compound statement header with English-looking
  // names; a prose header says "for each item in the list:" (with an article)
  if (s.charCodeAt(lastNonSpace(s)) === 58 && !articles && COMPOUND_HEADERS.has(firstLower)) return false;
  let e = n - 1;
  while (e > 0 && s.charCodeAt(e) <= 32) e--;
  if (s.charCodeAt(e) === 59) return false; // a trailing ';' is code
  if (hasA && oneLetter === 0) strong++;
  return strong >= 1 && (oneLetter === 0 || strong >= 2);
}

/** "a" as an article is followed by a noun phrase; `a is not None`, `a and b`, `return a` use it as a variable. */
function articleA(s: string, i: number): boolean {
  while (i < s.length && s.charCodeAt(i) === 32) i++;
  if (i >= s.length || !isLetter(s.charCodeAt(i))) return false;
  let k = i;
  while (k < s.length && isLetter(s.charCodeAt(k))) k++;
  return !NOT_AFTER_ARTICLE.has(s.slice(i, k).toLowerCase());
}
const NOT_AFTER_ARTICLE = new Set(['is', 'and', 'or', 'if', 'else', 'not', 'in', 'for', 'then', 'to', 'as', 'of', 'with', 'from']);

const COMPOUND_HEADERS = new Set(['if', 'for', 'while', 'with', 'elif', 'else', 'try', 'except', 'def', 'class', 'match', 'case', 'async']);

function lastNonSpace(s: string): number {
  let e = s.length - 1;
  while (e > 0 && s.charCodeAt(e) <= 32) e--;
  return e;
}
