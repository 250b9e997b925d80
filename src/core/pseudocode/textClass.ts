// Classifies ONE line of comment text (markers already stripped) or one plain prose line: is it
// a step ("sort the list", "1. look up the user", "otherwise return null"), a header ("To compute
// the median:", "Pseudocode:"), code (commented-out code), a licence line, a tool directive, a
// banner, a doc-comment tag, or other prose?
//
// Rules, in order (first match wins):
//  1. empty → EMPTY; a code fence ``` → DOC; no letter or digit at all: `});` → CODE, "-----" → BANNER.
//  2. a licence phrase anywhere (copyright, SPDX, "licensed under", warranty text …) → LICENSE.
//  3. starts with a tool directive (eslint, noqa, type:, -*- coding, #region, @ts-, go:build …) → DIRECTIVE.
//  4. a run of ≥ 3 identical decoration characters at the start or end (`===== Helpers =====`,
//     `Helpers -----`) → BANNER (`x === y` is not one).
//  5. doc-comment tags / sections (`@param`, `:returns:`, `<summary>`, "Args:", "# Examples", ```) → DOC.
//  6. code-likeness beats prose-likeness → CODE. Code signals: ends with ; { } [ ], a call `f(x)`,
//     operators (== != => -> :: && || += := ++ …), an assignment `=`, member access `a.b`,
//     snake_case / camelCase identifiers, brackets, declaration keywords at the start (const, def,
//     fn …), code literals (null, None, true …), string-literal arguments ("a", 1), and a high
//     symbol-to-letter ratio. Prose signals: a step verb or control word at the start, common
//     English words, ≥ 4 words, a final period, three plain words in a row at the start ("read the
//     arguments from std::env::args" is English quoting code).
//  7. list markers ("1.", "2)", "(3)", "a)", "-", "*", "•", "step 4:") and note prefixes (TODO,
//     FIXME, NOTE …) are stripped; "pseudocode:", "steps:", "algorithm:", "TODO: implement:" set
//     `pseudoHeader`.
//  8. starts with an imperative step verb (not used as a noun: "Set of users", "Sort order is …")
//     and has ≥ 2 words ("ignore", "skip" alone are notes) → STEP; starts with a control word (if,
//     otherwise, for each, then, while …; sequencing words like first / next / once / when only with
//     a comma after them or a verb in the line) and does not read as an explanation (we, you, this,
//     because, since, would, will …) → STEP; ends with ':' and names rather than describes ("To
//     compute the median:", not "The following function is provided …:") → HEADER; anything else
//     → PROSE (doc prose "Returns the median.", numbered facts "1. No leading slash in paths").
// Lines also carry flags the block judge uses: numbered / bullet, note (TODO vs informational NOTE),
// pseudoHeader, step clause count, wrapped-sentence hints (starts lower case, ends open or on a
// function word), explanatory, no-op ("ignore errors").

import {
  CODE_LITERALS, CONTROL_WORDS, DECL_WORDS, DIRECTIVE_PREFIXES, DOC_SECTIONS, ENGLISH_WORDS, EXPLANATORY_WORDS,
  LICENSE_PHRASES, NOTE_PREFIXES, PSEUDO_HEADERS, STEP_VERBS,
} from './lexicon';

export const T_EMPTY = 0;
export const T_LICENSE = 1;
export const T_DIRECTIVE = 2;
export const T_BANNER = 3;
export const T_DOC = 4;
export const T_CODE = 5;
export const T_STEP = 6;
export const T_HEADER = 7;
export const T_PROSE = 8;

export interface TextInfo {
  kind: number;
  /** "1.", "2)", "(3)", "a)", "step 4:" */
  numbered: boolean;
  /** "-", "*", "•", "+" */
  bullet: boolean;
  /** Had a TODO / FIXME / NOTE … prefix. */
  note: boolean;
  /** The prefix was informational (NOTE, NB, HACK, XXX, BUG …), not a to-do (TODO, FIXME). */
  noteInfo: boolean;
  /** "Pseudocode:", "Steps:", "Algorithm:", "TODO: implement:" */
  pseudoHeader: boolean;
  /** Number of step clauses ("read the file, count the words and print them" → 3). */
  clauses: number;
  /** First letter of the text is lower case (a wrapped sentence's continuation, usually). */
  startsLower: boolean;
  /** Does not end with . : ! ? ; the next line may continue the sentence. */
  endsOpen: boolean;
  /** Ends with a function word ("… has __slots__ or a", "… the result of the") — certainly continued. */
  endsMidSentence: boolean;
  /** A STEP that starts with a control word (if, otherwise, for …) rather than a verb. */
  control: boolean;
  /** Starts with a control word that is also an ordinary preposition / conjunction (or, and, for, in, on, when, after …). */
  weakStart: boolean;
  /** Reads as an explanation: we, this, because, since, would, must … */
  explanatory: boolean;
  /** Says to do nothing: "ignore errors", "skip", "swallow it", "nothing to do". */
  noop: boolean;
}

const EMPTY_INFO: TextInfo = Object.freeze({
  kind: T_EMPTY, numbered: false, bullet: false, note: false, noteInfo: false, pseudoHeader: false, clauses: 0, startsLower: false, endsOpen: false, endsMidSentence: false,
  control: false, weakStart: false, explanatory: false, noop: false,
});

function info(kind: number): TextInfo {
  return { kind, numbered: false, bullet: false, note: false, noteInfo: false, pseudoHeader: false, clauses: 0, startsLower: false, endsOpen: false, endsMidSentence: false, control: false, weakStart: false, explanatory: false, noop: false };
}

const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean => isLetter(c) || isDigit(c) || c >= 0xc0;
const isWordChar = (c: number): boolean => isAlnum(c) || c === 95;

/** `s` starts with `prefix` and, if the prefix ends with a letter, the next character is not a letter. */
function startsWithWord(s: string, prefix: string, at = 0): boolean {
  if (!s.startsWith(prefix, at)) return false;
  if (!isLetter(prefix.charCodeAt(prefix.length - 1))) return true;
  return !isLetter(s.charCodeAt(at + prefix.length));
}

/** Directive prefixes grouped by first character (one Map lookup instead of ~100 startsWith). */
const DIRECTIVES_BY_CHAR = new Map<number, string[]>();
for (const d of DIRECTIVE_PREFIXES) {
  const c = d.charCodeAt(0);
  let list = DIRECTIVES_BY_CHAR.get(c);
  if (!list) DIRECTIVES_BY_CHAR.set(c, (list = []));
  list.push(d);
}

const NUMBERED = /^(?:\d{1,3}[.)]|\(\d{1,3}\)|[a-hA-H]\)|(?:step|stage|phase) ?\d{1,3} ?[:.)-]?)(?=\s|$)/i;
const BULLET = /^[-*\u2022+](?=\s)/;

/** Classify one line of comment text or prose. `raw` may have surrounding whitespace. */
export function classifyText(raw: string): TextInfo {
  let a = 0, b = raw.length;
  while (a < b && (raw.charCodeAt(a) === 32 || raw.charCodeAt(a) === 9)) a++;
  while (b > a && (raw.charCodeAt(b - 1) <= 32)) b--;
  if (a === b) return EMPTY_INFO;
  const t = a === 0 && b === raw.length ? raw : raw.slice(a, b);
  const lower = t.toLowerCase();

  if (t.startsWith('```')) return info(T_DOC); // a code fence in a doc comment
  // 1. decoration only
  let alnum = false;
  for (let i = 0; i < t.length; i++) if (isAlnum(t.charCodeAt(i))) { alnum = true; break; }
  if (!alnum) return info(/^[{}()[\];,\s]+$/.test(t) ? T_CODE : T_BANNER); // `});` is code, `-----` decoration
  // 2. licence
  for (const phrase of LICENSE_PHRASES) if (lower.includes(phrase)) return info(T_LICENSE);
  // 3. directives
  if (t.charCodeAt(0) === 33 /* ! */) return info(T_DIRECTIVE);
  const bucket = DIRECTIVES_BY_CHAR.get(lower.charCodeAt(0));
  if (bucket) for (const d of bucket) if (startsWithWord(lower, d)) return info(T_DIRECTIVE);
  // 4. banner: ≥ 3 identical decoration characters in a row
  if (hasDecorationRun(t)) return info(T_BANNER);
  // 5. doc tags and sections
  if (isDocLine(t, lower)) return info(T_DOC);

  // 7 (before 6 so that "1. x = 0" is judged on "x = 0"): list markers and note prefixes
  const out = info(T_PROSE);
  let r = 0; // start of the remainder in t
  const num = NUMBERED.exec(t);
  if (num) { out.numbered = true; r = num[0].length; }
  else if (BULLET.test(t)) { out.bullet = true; r = 1; }
  r = skipSpaces(t, r);
  for (const np of NOTE_PREFIXES) {
    if (!startsWithWord(lower, np, r)) continue;
    let k = r + np.length;
    const allCaps = t.slice(r, k) === np.toUpperCase();
    let paren = false;
    if (t.charCodeAt(k) === 40 /* ( */) { const close = t.indexOf(')', k); if (close > 0) { k = close + 1; paren = true; } }
    const c = t.charCodeAt(k);
    // "TODO: …", "note - …", "FIXME(bob) …", "TODO …" (all caps); not "optimize the query", "note that …"
    if (c === 58 /* : */ || c === 45 /* - */ || paren || (allCaps && (c === 32 || Number.isNaN(c)))) {
      out.note = true;
      out.noteInfo = np !== 'todo' && np !== 'fixme';
      r = skipSpaces(t, c === 58 || c === 45 ? k + 1 : k);
    }
    break;
  }
  for (const h of PSEUDO_HEADERS) {
    if (!startsWithWord(lower, h, r)) continue;
    let k = r + h.length;
    // "implement the following:", "steps to take:", "plan (draft):" — up to a colon within a few words
    const colon = lower.indexOf(':', k);
    const words = colon < 0 ? 99 : countWords(lower, k, colon);
    if (colon >= 0 && words <= 3) { out.pseudoHeader = true; k = colon + 1; r = skipSpaces(t, k); }
    else if (skipSpaces(t, k) === t.length) { out.pseudoHeader = true; r = t.length; }
    break;
  }
  if (r >= t.length) {
    // "Pseudocode:", "TODO:" alone announce what follows
    out.kind = out.pseudoHeader || (out.note && t.charCodeAt(t.length - 1) === 58) ? T_HEADER : T_PROSE;
    return out;
  }

  // Tokenise the remainder: lower-case words, with separator info for clause counting.
  const last = t.charCodeAt(t.length - 1);
  out.endsOpen = !(last === 46 || last === 58 || last === 33 || last === 63 || last === 59);
  out.endsMidSentence = out.endsOpen && MID_SENTENCE.has(lastWordOf(lower));
  let firstLetter = r;
  while (firstLetter < t.length && !isLetter(t.charCodeAt(firstLetter))) firstLetter++;
  out.startsLower = firstLetter < t.length && isLower(t.charCodeAt(firstLetter));

  let words = 0, english = 0, firstWord = '', secondWord = '', thirdWord = '', firstWordEnd = 0;
  let explanatory = false, describes = false;
  let clauses = 0, prevWord = '', sepBefore = false;
  let code = 0, calls = 0, idents = 0, members = 0, brackets = 0, literals = 0, ops = 0;
  let letters = 0, symbols = 0, stringArgs = 0;
  let assign = false;
  for (let i = r; i < t.length;) {
    const c = t.charCodeAt(i);
    if (isWordChar(c)) {
      const start = i;
      let camel = false, under = false;
      let prevC = 0;
      while (i < t.length) {
        const d = t.charCodeAt(i);
        if (d === 39 /* ' */ && isLetter(t.charCodeAt(i + 1)) && isLetter(prevC)) { i++; prevC = d; continue; }
        if (!isWordChar(d)) break;
        if (d === 95) under = true;
        if (isUpper(d) && isLower(prevC)) camel = true;
        if (isLetter(d)) letters++;
        prevC = d;
        i++;
      }
      const w = lower.slice(start, i);
      words++;
      if (words === 1) { firstWord = w; firstWordEnd = i; } else if (words === 2) secondWord = w; else if (words === 3) thirdWord = w;
      if (ENGLISH_WORDS.has(w)) english++;
      if (EXPLANATORY_WORDS.has(w)) explanatory = true;
      if (DESCRIBING_WORDS.has(w)) describes = true;
      if (CODE_LITERALS.has(w)) literals++;
      if ((under && i - start > 2 && w.charCodeAt(0) !== 95) || camel) idents++;
      if (t.charCodeAt(i) === 40 /* ( */) calls++;
      if (words > 2 && (sepBefore || prevWord === 'then' || prevWord === 'and' || prevWord === 'or' || prevWord === 'otherwise' || prevWord === 'else')
        && (STEP_VERBS.has(w) || (w === 'then' && sepBefore))) clauses++;
      prevWord = w;
      sepBefore = false;
      continue;
    }
    if (c === 32 || c === 9) { i++; continue; }
    // punctuation / operators
    const n1 = t.charCodeAt(i + 1);
    if (c === 44 /* , */ || c === 59 /* ; */) sepBefore = true;
    // string literal arguments / tuples: ("sys", 1, …), f('a', 'b')
    if ((c === 40 || c === 44) && (n1 === 34 || (n1 === 32 && (t.charCodeAt(i + 2) === 34)))) stringArgs++;
    if (c === 34 && (n1 === 44 || n1 === 41)) stringArgs++;
    if (c === 46 /* . */ && isLetter(n1) && i > r && isWordChar(t.charCodeAt(i - 1)) && isLetter(t.charCodeAt(i + 2)) && i - r >= 2 && isWordChar(t.charCodeAt(i - 2))) members++;
    if (c === 123 || c === 125 || c === 91 || c === 93) brackets++;
    if (isOperator(c, n1, t.charCodeAt(i + 2))) { ops++; i += 2; symbols += 2; continue; }
    if (c === 61 /* = */) assign = true;
    if (!(c === 46 || c === 44 || c === 58 || c === 39 || c === 34 || c === 63 || c === 33 || c === 45 || c === 40 || c === 41 || c === 47 || c >= 128)) symbols++;
    i++;
  }

  // 6. code-likeness
  if (last === 59 || last === 123 || last === 125 || last === 91) code += 3;
  else if (last === 93) code += 2;
  else if (last === 41 /* ) */ && calls > 0) code += 2;
  else if (last === 58 /* : */ && t.charCodeAt(t.length - 2) === 41 && calls > 0) code += 3; // `for i in range(n):`
  code += Math.min(ops, 3) * 2;
  if (assign) code += 2;
  code += Math.min(calls, 2) * 3;
  code += Math.min(members, 2);
  code += Math.min(idents, 3);
  code += Math.min(brackets, 3);
  code += Math.min(literals, 2);
  if (DECL_WORDS.has(firstWord) && words >= 2) code += 3;
  if (symbols > 0 && symbols * 3 > letters) code += 2;
  if (stringArgs >= 2) code += 2;

  // a one-word line ("ignore", "skip", "continue") is a note, not a step
  const verbStart = words >= 2 && STEP_VERBS.has(firstWord) && !nounUsage(secondWord, thirdWord);
  let controlStart = words >= 2 && !verbStart && CONTROL_WORDS.has(firstWord);
  // "first, …", "next sort …", "once the queue is empty, stop …" — but not "first for the key and …"
  if (controlStart && SEQUENCE_WORDS.has(firstWord)) {
    controlStart = t.charCodeAt(firstWordEnd) === 44 || STEP_VERBS.has(secondWord) || clauses > 0;
  }
  // "for each order", "for every user", "for i from 1 to n" — not "For usual devices it is …"
  if (controlStart && firstWord === 'for') controlStart = FOR_EACH.has(secondWord) || secondWord.length === 1;
  out.explanatory = explanatory;
  out.noop = NOOP_WORDS.has(firstWord);
  let prose = 0;
  if (verbStart || controlStart) prose += 2;
  prose += Math.min(english, 3);
  if (words >= 4) prose += 1;
  if (last === 46 && t.charCodeAt(t.length - 2) !== 46) prose += 1;
  // a sentence that opens with three plain words ("read the arguments from std::env::args") is
  // English quoting code, not code
  if (calls === 0 && plainWordLead(t, r) >= 3) prose += 2;
  if (code >= 2 && code > prose) { out.kind = T_CODE; return out; }

  // 8. step / header / prose
  out.clauses = clauses + (verbStart || controlStart ? 1 : 0);
  if (verbStart) out.kind = T_STEP;
  else if (controlStart && !explanatory) {
    out.kind = T_STEP; out.control = true;
    out.weakStart = !STRONG_CONTROL.has(firstWord) && !(firstWord === 'for' && FOR_EACH.has(secondWord));
  }
  // a header names what follows ("To compute the median:"); "The following function is provided by
  // all derived classes:" describes
  else if (last === 58 /* : */) out.kind = describes ? T_PROSE : T_HEADER;
  else out.kind = T_PROSE;
  if (out.pseudoHeader && out.kind === T_PROSE) out.kind = T_HEADER;
  return out;
}

/** Number of plain alphabetic words at the start of t[r..], separated by single spaces. */
function plainWordLead(t: string, r: number): number {
  let n = 0, i = r;
  while (i < t.length && n < 3) {
    const start = i;
    while (i < t.length && isLetter(t.charCodeAt(i))) i++;
    if (i === start) break;
    const c = t.charCodeAt(i);
    if (i < t.length && c !== 32 && c !== 44) break; // word glued to punctuation: foo(, a.b, x=
    n++;
    if (c === 44) i++;
    while (i < t.length && t.charCodeAt(i) === 32) i++;
  }
  return n;
}

const DESCRIBING_WORDS = new Set(['is', 'are', 'was', 'were', 'been', 'follows', 'following', 'provided', 'means', 'contains', 'has', 'have']);

/** Words a sentence cannot end with. */
const MID_SENTENCE = new Set([
  'a', 'an', 'the', 'of', 'to', 'and', 'or', 'with', 'from', 'by', 'in', 'on', 'at', 'for', 'into', 'that', 'which',
  'is', 'are', 'be', 'if', 'when', 'than', 'as', 'its', 'their', 'this', 'these', 'but', 'so', 'then', 'not',
]);

function lastWordOf(lower: string): string {
  let e = lower.length;
  while (e > 0 && !isLetter(lower.charCodeAt(e - 1))) e--;
  let b = e;
  while (b > 0 && isLetter(lower.charCodeAt(b - 1))) b--;
  return lower.slice(b, e);
}

const NOOP_WORDS = new Set(['ignore', 'ignored', 'swallow', 'skip', 'suppress', 'noop', 'nothing', 'nop']);

/** Sequencing / subordinating words: a step only with a comma after them or a verb in the line. */
const SEQUENCE_WORDS = new Set([
  'first', 'firstly', 'second', 'secondly', 'third', 'next', 'last', 'lastly', 'afterwards', 'after', 'before', 'once',
  'also', 'optionally', 'when', 'whenever', 'until', 'on', 'in', 'and', 'or', 'given',
]);
const STRONG_CONTROL = new Set(['if', 'otherwise', 'else', 'elif', 'elseif', 'foreach', 'while', 'unless', 'then', 'finally', 'repeat', 'loop']);
const FOR_EACH = new Set(['each', 'every', 'all', 'any']);

/** "Set of users", "Sort order is stable", "Count was off by one": the verb is a noun here. */
function nounUsage(second: string, third: string): boolean {
  if (second === 'of') return true;
  if (NOUN_FOLLOWERS.has(second)) return true;
  return NOUN_FOLLOWERS.has(third) && !OBJECT_STARTERS.has(second);
}
/** "Ensure it is sorted", "Check the list is …": the verb's object starts here, so "is" belongs to a clause. */
const OBJECT_STARTERS = new Set(['the', 'a', 'an', 'it', 'that', 'this', 'each', 'every', 'all', 'if', 'whether', 'they', 'there', 'nothing', 'everything']);
const NOUN_FOLLOWERS = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'must', 'should', 'can', 'will', 'does', 'did', 'may', 'needs']);

function isOperator(c: number, n1: number, n2: number): boolean {
  switch (c) {
    case 61: return n1 === 61 || n1 === 62; // == =>
    case 33: return n1 === 61; // !=
    case 45: return n1 === 62 || (n1 === 61 && n2 === 32); // -> -=
    case 58: return n1 === 58 || n1 === 61; // :: :=
    case 38: return n1 === 38; // &&
    case 124: return n1 === 124; // ||
    case 43: return n1 === 43 || n1 === 61; // ++ +=
    case 42: return n1 === 61; // *=
    case 47: return n1 === 61; // /=
    case 60: return n1 === 61 || n1 === 60; // <= <<
    case 62: return n1 === 61 || n1 === 62; // >= >>
    default: return false;
  }
}

/** `===== Helpers =====`, `Helpers ----------`, `#### Section`: a run of ≥ 3 identical decoration characters at the start or the end. */
function hasDecorationRun(t: string): boolean {
  return decorationRun(t, 0, 1) >= 3 || decorationRun(t, t.length - 1, -1) >= 3;
}

function decorationRun(t: string, from: number, step: number): number {
  const c = t.charCodeAt(from);
  if (!(c === 61 || c === 45 || c === 42 || c === 35 || c === 126 || c === 95 || c === 43 || c === 60 || c === 62 || c === 47)) return 0;
  let n = 0;
  for (let i = from; i >= 0 && i < t.length && t.charCodeAt(i) === c; i += step) n++;
  return n;
}

function isDocLine(t: string, lower: string): boolean {
  const c0 = t.charCodeAt(0);
  if (c0 === 64 /* @ */ && isLetter(t.charCodeAt(1))) return true;
  if (c0 === 58 /* : */ && /^:(?:param|parameter|arg|argument|key|keyword|type|returns?|rtype|raises?|except|exception|var|ivar|cvar|yields?)\b/.test(lower)) return true;
  if (c0 === 60 /* < */ && /^<\/?(?:summary|param|returns|remarks|example|exception|typeparam|see|value|inheritdoc|code|para|c)\b/.test(lower)) return true;
  if (t.startsWith('```')) return true;
  // "# Examples" (rustdoc), "Args:", "Returns:", "Parameters" (numpy, followed by a ---- line)
  let s = lower;
  if (c0 === 35 /* # */) s = lower.replace(/^#+\s*/, '');
  if (s.endsWith(':')) s = s.slice(0, -1);
  return DOC_SECTIONS.has(s.trim());
}

function skipSpaces(t: string, k: number): number {
  while (k < t.length && (t.charCodeAt(k) === 32 || t.charCodeAt(k) === 9)) k++;
  return k;
}

function countWords(s: string, from: number, to: number): number {
  let n = 0, inWord = false;
  for (let i = from; i < to; i++) {
    const w = isWordChar(s.charCodeAt(i));
    if (w && !inWord) n++;
    inWord = w;
  }
  return n;
}
