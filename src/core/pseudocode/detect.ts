// Pseudocode detector: finds blocks of steps written as comments, docstrings or plain prose, for
// the "Convert to code" CodeLens. Pure TypeScript, no `vscode` import. It runs on every keystroke:
// one linear pass over the characters (lexer.ts), then work per comment run; a run directly above
// code is rejected from its surroundings before its text is read, and every walk over neighbouring
// lines is memoised (codeShape.ts), so the whole scan stays linear (~2 ms for 5,000 lines).
//
// CANDIDATES
//  - comments: a run of consecutive whole-line line comments with the same marker at the same
//    column (`//`, `#`, `--` …; `///`, `//!` and `##` runs are kept apart), split at banner and
//    directive lines; or one block comment `/* … */` occupying whole lines (judged whole).
//  - docstring: a Python triple-quoted string that is the first statement of a `def`.
//  - prose: consecutive code lines that are plain English (prose.ts), where the language has prose
//    detection on (not shell, SQL, PHP, YAML … where code reads as words).
//
// Each line is classified by textClass.ts (step / header / code / licence / directive / banner /
// doc tag / prose) and grouped into wrapped sentences (roles()). A candidate is pseudocode when:
//
//  TEXT
//  1. no licence line anywhere in the run (licence headers are never pseudocode);
//  2. commented-out code is under a third of the lines;
//  3. ≥ half of the lines are steps / headers / continuations of a step, and ≥ 1 is a step;
//  4. at most half of the lines explain (we, you, this, because, will, must …), and it is not a list
//     of separate notes ("TODO: add X" / "TODO: add Y");
//  PLACE (comments; prose lines skip this: they are not valid code, nothing can "explain" code)
//  5. not attached to code: the line after the block (looking through further comments, which must
//     not be commented-out code) is not a statement at the block's level, nor `} else if …` /
//     `elif` (then the block describes that branch), nor a declaration whose body holds code, nor a
//     C preprocessor line. Not attached: end of file, a blank line, a closer (`}`, `end`, a dedent
//     back to the opener's level), stubs (`pass`, `...`, `todo!()`, `throw new Error('not
//     implemented')`; `return null` only in a function body), or a declaration whose body is still
//     empty — steps above an unimplemented function are pseudocode, a doc above a finished one is not;
//  6. not a paragraph introducing code: after the blank line(s), the same body goes on with a
//     statement (or with a declaration the block mentions by name: "# Expand paths …" above
//     `def expanduser`) — unless the block is explicit ("Pseudocode:", "TODO: implement:", "TODO:");
//  7. not a doc trailing a one-line declaration (`int f() { … }` then `// If bf is TRUE, …`);
//  8. doc comments (`///`, `/** */`, `@param`, "Args:", NOTE:, docstrings) only in an empty body,
//     and then saying ≥ 2 things to do (a one-sentence doc on an empty function is an abstract
//     method's / protocol's contract); Python docstrings over `raise NotImplementedError`, under
//     @abstractmethod / @overload, or in Protocol / ABC / Base* / *Mixin classes never count;
//  ACCEPT, if one of
//  a. ≥ 2 step lines;
//  b. a header ("To compute the median:", "Pseudocode:", "TODO:") and ≥ 1 step;
//  c. alone in an empty function body (or an otherwise empty file): one step is enough — this is
//     where a single line counts ("def median(xs):\n    # sort and return the middle"). Not in
//     handler bodies (catch / except / else / `.catch(() => {` / `.on('error', …)`: empty on
//     purpose), not "// ignore errors"-style no-ops, and in an empty `if` / loop body ≥ 2 steps;
//  d. a prose candidate with ≥ 1 step (in JSX files not next to a tag: that is JSX text);
//  e. a single comment line with ≥ 2 step clauses ("read the file, count the words and print the
//     top ten") standing alone: blank lines around it, code (not other comments) beyond them. A
//     lone one-clause comment ("# Compute the total") is how code is annotated and never counts
//     outside an empty function, nor does a lone TODO / FIXME / NOTE.
//
// Score (0..1): 0.35 + 0.12 per step (up to 4) + header 0.1 + numbered list 0.08 + empty body 0.1
// − 0.35 × commented-code fraction − 0.15 × plain-prose fraction.

import {
  Shape, declaredName, indentWidth, isBranchLine, isCloserLine, isControlHeader, isHandlerHeader, isStubLine, looksLikeDeclaration, opensBody,
} from './codeShape';
import { BLANK, BLOCK_COMMENT, CODE, DOCSTRING, LINE_COMMENT, LexResult, Span, lex } from './lexer';
import { LexProfile, lexProfile } from './lexProfile';
import { isProseLine } from './prose';
import { T_BANNER, T_CODE, T_DIRECTIVE, T_DOC, T_EMPTY, T_HEADER, T_LICENSE, T_STEP, TextInfo, classifyText } from './textClass';

const EMPTY: TextInfo = classifyText('');

export interface PseudocodeBlock {
  /** First line of the block (0-based). */
  startLine: number;
  /** One past the last line. */
  endLine: number;
  kind: 'comments' | 'prose' | 'docstring';
  /** The block's non-empty lines with comment markers / quotes stripped and common indentation removed. */
  steps: string[];
  /** 0..1 confidence. */
  score: number;
}

interface Item { line: number; text: string; info: TextInfo }

type After = 'eof' | 'blank' | 'comment' | 'closer' | 'emptyDecl' | 'filledDecl' | 'code';

/** Find the pseudocode blocks in a document, sorted by line. */
export function detectPseudocode(lines: readonly string[], languageId: string): PseudocodeBlock[] {
  const p = lexProfile(languageId);
  if (!p || lines.length === 0) return [];
  return new Detector(lines, lex(lines, p), p).run();
}

/** The block containing `line` (blocks sorted by startLine, as detectPseudocode returns them). */
export function blockAt(blocks: readonly PseudocodeBlock[], line: number): PseudocodeBlock | undefined {
  let lo = 0, hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid];
    if (line < b.startLine) hi = mid - 1;
    else if (line >= b.endLine) lo = mid + 1;
    else return b;
  }
  return undefined;
}

const C_FAMILY = new Set(['c', 'cpp', 'cuda-cpp', 'objective-c', 'objective-cpp', 'csharp', 'hlsl', 'glsl']);

const FLAVOR_PLAIN = 0;
const FLAVOR_DOC = 1; // ///, /** */
const FLAVOR_INNER = 2; // //!, /*! */
const FLAVOR_SHEBANG = 3;
const FLAVOR_DOUBLE = 4; // ##

class Detector {
  private readonly shape: Shape;
  private readonly n: number;
  private readonly out: PseudocodeBlock[] = [];
  private readonly cFamily: boolean;
  private codeMemo: Int8Array | undefined;

  constructor(private readonly lines: readonly string[], private readonly lx: LexResult, private readonly p: LexProfile) {
    this.shape = new Shape(lines, lx, p);
    this.n = lines.length;
    this.cFamily = C_FAMILY.has(p.languageId);
  }

  run(): PseudocodeBlock[] {
    const { kind, blocks, strings } = this.lx;
    const n = this.n;
    let bi = 0, si = 0;
    for (let i = 0; i < n;) {
      const k = kind[i];
      if (k === LINE_COMMENT) { i = this.lineRun(i); continue; }
      if (k === BLOCK_COMMENT) {
        while (bi < blocks.length && blocks[bi].start < i) bi++;
        if (bi < blocks.length && blocks[bi].start === i) { this.blockSpan(blocks[bi]); i = blocks[bi].end; bi++; continue; }
        i++;
        continue;
      }
      if (k === DOCSTRING) {
        while (si < strings.length && strings[si].start < i) si++;
        if (si < strings.length && strings[si].start === i) { this.docstring(strings[si]); i = strings[si].end; si++; continue; }
        i++;
        continue;
      }
      if (k === CODE && this.p.prose && isProseLine(this.lines[i])) { i = this.proseRun(i); continue; }
      i++;
    }
    return this.out;
  }

  // ---- candidates -------------------------------------------------------------------------------

  private lineRun(i: number): number {
    const { kind, markerCol, markerLen } = this.lx;
    const col = markerCol[i], mlen = markerLen[i];
    const flavor = this.flavorAt(i);
    let end = i + 1;
    while (end < this.n && kind[end] === LINE_COMMENT && markerCol[end] === col && markerLen[end] === mlen && this.flavorAt(end) === flavor) end++;
    if (flavor === FLAVOR_SHEBANG) return end;
    const indent = indentWidth(this.lines[i], col);
    if (this.attachedToCode(i, end, indent)) return end; // most comments: no need to read them
    const skip = flavor === FLAVOR_PLAIN ? 0 : 1;
    const items: Item[] = [];
    for (let l = i; l < end; l++) {
      const text = this.lines[l].slice(col + mlen + skip);
      items.push({ line: l, text, info: classifyText(text) });
    }
    this.judgeRun(items, indent, flavor === FLAVOR_DOC);
    return end;
  }

  private blockSpan(span: Span): void {
    const items: Item[] = [];
    const first = this.lines[span.start];
    if (this.attachedToCode(span.start, span.end, indentWidth(first, span.col))) return;
    let from = span.col + span.open.length;
    const c = first.charCodeAt(from);
    // /** … */ and /*! … */ are doc comments (not /**/ or a /***** banner)
    const doc = span.open === '/*' && ((c === 42 && first.charCodeAt(from + 1) !== 42 && first.charCodeAt(from + 1) !== 47) || c === 33);
    if (doc) from++;
    for (let l = span.start; l < span.end; l++) {
      const s = this.lines[l];
      let a = l === span.start ? from : 0;
      let b = s.length;
      if (l === span.end - 1) { const k = s.lastIndexOf(span.close); if (k >= a) b = k; }
      if (l !== span.start) {
        // continuation lines: drop a leading " * " gutter
        let k = a;
        while (k < b && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9)) k++;
        if (s.charCodeAt(k) === 42 && s.charCodeAt(k + 1) !== 47) {
          a = k + 1;
          // "**" gutters
          while (a < b && s.charCodeAt(a) === 42) a++;
        }
      }
      const text = s.slice(a, b);
      items.push({ line: l, text, info: classifyText(text) });
    }
    // One block comment is judged (and replaced) whole, delimiters included: banners and directives inside are ignored.
    for (const it of items) {
      if (it.info.kind === T_LICENSE) return;
      if (it.info.kind === T_BANNER || it.info.kind === T_DIRECTIVE) it.info = EMPTY;
    }
    const block = this.judge(items, 'comments', span.start, span.end, indentWidth(first, span.col), doc, undefined, true);
    if (block) this.out.push(block);
  }

  private docstring(span: Span): void {
    // Must be the first statement of a `def`: the previous code line ends a def header.
    const b = this.prevCode(span.start - 1);
    if (b < 0) return;
    const docIndent = indentWidth(this.lines[span.start]);
    const defLine = this.defHeaderLine(b);
    if (defLine < 0) return;
    const defIndent = indentWidth(this.lines[defLine]);
    if (defIndent >= docIndent) return;
    // The function must be otherwise empty (stubs and comments allowed).
    const a = this.shape.nextSignificant(span.end, false);
    const emptyBody = a >= this.n || indentWidth(this.lines[a]) <= defIndent;
    if (!emptyBody) return;
    // abstract methods, overloads and Protocol / ABC members are empty by design
    if (this.isAbstractDef(defLine, defIndent)) return;
    // a docstring over `raise NotImplementedError` is an abstract method's contract
    for (let l = span.end; l < this.n && l < span.end + 4; l++) if (/^\s*raise\s+NotImplementedError\b/.test(this.lines[l])) return;
    const items: Item[] = [];
    for (let l = span.start; l < span.end; l++) {
      const s = this.lines[l];
      let a0 = l === span.start ? span.col + span.open.length : 0;
      let b0 = s.length;
      if (l === span.end - 1) { const k = s.lastIndexOf(span.close); if (k >= a0) b0 = k; }
      if (l !== span.start && a0 < b0) a0 = 0;
      const text = s.slice(a0, b0);
      items.push({ line: l, text, info: classifyText(text) });
    }
    const block = this.judge(items, 'docstring', span.start, span.end, docIndent, true, { emptyBody: true });
    if (block) this.out.push(block);
  }

  private proseRun(i: number): number {
    let end = i + 1;
    while (end < this.n && this.lx.kind[end] === CODE && isProseLine(this.lines[end])) end++;
    if (this.p.jsx && this.nextToJsx(i, end)) return end;
    const items: Item[] = [];
    for (let l = i; l < end; l++) items.push({ line: l, text: this.lines[l], info: classifyText(this.lines[l]) });
    const block = this.judge(items, 'prose', i, end, indentWidth(this.lines[i]), false, { emptyBody: false });
    if (block) this.out.push(block);
    return end;
  }

  // ---- judging ----------------------------------------------------------------------------------

  /** Split a comment run at banners and directives; reject it whole if it holds a licence line. */
  private judgeRun(items: Item[], indent: number, docFlavor: boolean): void {
    for (const it of items) if (it.info.kind === T_LICENSE) return;
    let from = 0;
    for (let k = 0; k <= items.length; k++) {
      const split = k === items.length || items[k].info.kind === T_BANNER || items[k].info.kind === T_DIRECTIVE;
      if (!split) continue;
      let a = from, b = k;
      while (a < b && items[a].info.kind === T_EMPTY) a++;
      while (b > a && items[b - 1].info.kind === T_EMPTY) b--;
      if (b > a) {
        const block = this.judge(items.slice(a, b), 'comments', items[a].line, items[b - 1].line + 1, indent, docFlavor, undefined);
        if (block) this.out.push(block);
      }
      from = k + 1;
    }
  }

  private judge(
    items: Item[], kind: PseudocodeBlock['kind'], start: number, end: number, indent: number, docFlavor: boolean,
    fixed: { emptyBody: boolean } | undefined, fixedFirst = false,
  ): PseudocodeBlock | null {
    let content = 0, steps = 0, conts = 0, headers = 0, code = 0, doc = 0, prose = 0, numbered = 0;
    let pseudoHeader = false, headerLead = false, firstContent: TextInfo | undefined;
    let explained = 0, clauses = 0, notes = 0;
    const role = roles(items);
    for (let x = 0; x < items.length; x++) {
      const inf = items[x].info;
      if (inf.kind === T_EMPTY) continue;
      if (inf.kind === T_LICENSE) return null;
      content++;
      if (!firstContent) { firstContent = inf; headerLead = role[x] === R_HEADER; }
      if (inf.pseudoHeader) pseudoHeader = true;
      if (inf.numbered || inf.bullet) numbered++;
      if (inf.explanatory) explained++;
      if (inf.note) notes++;
      switch (role[x]) {
        case R_STEP: steps++; clauses += inf.clauses; break;
        case R_HEADER: headers++; break;
        case R_CONT: conts++; break;
        case R_CODE: code++; break;
        case R_DOC: doc++; break;
        default: prose++;
      }
    }
    const denom = content - doc;
    if (denom <= 0 || !firstContent) return null;
    if (code * 3 > denom) return null; // commented-out code
    const stepFrac = (steps + conts + headers) / denom;
    if (stepFrac < 0.5 || steps === 0) return null;
    // mostly explanation ("you", "we", "this", "because", "will" …): a contract or a rationale, not steps
    if (explained * 2 > content) return null;
    // every line its own note ("TODO: add support for X" / "TODO: add support for Y"): a list of notes
    if (notes === content && !pseudoHeader && !headerLead) return null;
    // "TODO: implement:", "Pseudocode:", "Steps:" — the author says these are steps to write
    const explicit = pseudoHeader || (firstContent.note && !firstContent.noteInfo && (headerLead || content >= 2));

    let emptyBody: boolean, isolated = false, functionBody = false, emptyDecl = false, returnStub = false;
    if (fixed) {
      emptyBody = functionBody = fixed.emptyBody;
    } else {
      // a comment right below a one-line declaration (`int f(int x) { return g(x); }`) documents it
      if (this.trailsDeclaration(start, indent)) return null;
      const ctx = this.context(start, end, indent, explicit);
      const after = ctx.after;
      returnStub = ctx.returnStub;
      if (after === 'code' || after === 'filledDecl') return null;
      // a paragraph above the code of the same body, separated by a blank line, introduces that code
      if (after === 'blank' && !explicit && this.precedesStatement(end, indent, items)) return null;
      emptyDecl = after === 'emptyDecl';
      emptyBody = emptyDecl || ctx.alone;
      functionBody = after === 'emptyDecl' || (ctx.alone && !ctx.control);
      isolated = (after === 'eof' || after === 'blank' || after === 'closer') && this.standsAlone(start, end);
    }
    // doc comments, and notes ("NOTE: …", "Notes: …") explain; they count only in an empty body
    const docLike = docFlavor || doc > 0 || firstContent.noteInfo;
    if (docLike && !emptyBody) return null;
    // a one-sentence doc on an empty function is a stub's contract (abstract method, protocol, no-op):
    // doc-shaped pseudocode says at least two things to do. Likewise one comment above an empty
    // function, or one above `return -1;` ("// Return an invalid address space." is finished code).
    if ((docLike || emptyDecl || returnStub) && steps < 2 && clauses < 2) return null;

    // "// Ignore errors" alone in an empty handler says why it is empty
    if (content === 1 && firstContent.noop) return null;
    const single = firstContent;
    const accept =
      steps >= 2 ||
      ((headerLead || pseudoHeader) && steps >= 1 && content >= 2) ||
      // one step alone in an empty function (or file); in an empty `if` / loop body one line is a note
      functionBody ||
      (kind === 'prose' && steps >= 1) ||
      (denom === 1 && single.clauses >= 2 && !single.note && isolated);
    if (!accept) return null;

    let score = 0.35 + 0.12 * Math.min(steps + conts, 4);
    if (headerLead || pseudoHeader) score += 0.1;
    if (numbered >= 2) score += 0.08;
    if (emptyBody) score += 0.1;
    score -= 0.35 * (code / denom) + 0.15 * (prose / denom);
    score = Math.round(Math.min(1, Math.max(0.05, score)) * 100) / 100;

    // in docstrings and block comments the first line's text follows the opening delimiter: its
    // indentation is not comparable with the other lines'
    return { startLine: start, endLine: end, kind, steps: stepTexts(items, kind === 'docstring' || fixedFirst), score };
  }

  // ---- context ----------------------------------------------------------------------------------

  /**
   * Fast rejection before any text is classified: a comment run directly above a statement, or
   * above a declaration whose body holds real code, is never pseudocode — whatever its text, and
   * for every part of it (a part ending at a banner looks through the rest of the run to the same
   * code). Uses the most permissive reading (placeholder returns count as stubs).
   */
  private attachedToCode(start: number, end: number, indent: number): boolean {
    const after = this.context(start, end, indent, true).after;
    return after === 'code' || after === 'filledDecl';
  }

  /**
   * Where the block sits: `alone` when it is the only real content of its body (the less-indented
   * line before opens the body, the next significant line closes it) or of the file; `control` when
   * that body belongs to an `if` / loop / `else` (there `return x` is code, not a placeholder).
   */
  private context(start: number, end: number, indent: number, explicit: boolean): { after: After; alone: boolean; control: boolean; returnStub: boolean } {
    const b = this.shape.prevSignificant(start - 1);
    let inBody = b < 0, control = false, handler = false, openerIndent = -1;
    // (C preprocessor lines — `#else`, `#endif` — neither open nor close a body)
    if (b >= 0 && indentWidth(this.lines[b]) < indent && opensBody(this.shape.codeText(b)) && !this.isDirective(b)) {
      inBody = true;
      const opener = this.shape.openerOf(start, indent);
      const head = opener >= 0 ? this.shape.codeText(opener) : '';
      openerIndent = indentWidth(this.lines[b]); // the `{` line itself for Allman braces
      control = isControlHeader(head);
      // `catch { // ignore }`, `.catch(() => { /* swallow */ })`, `else { // nothing to do }`: empty on purpose
      handler = isHandlerHeader(head);
    }
    const returns = !control;
    // leaving the body by indentation means going back to the opener's level (an over-indented
    // comment followed by the body's code is not the end of the body)
    const bodyEnd = openerIndent >= 0 ? openerIndent + 1 : indent;
    const after = this.after(end, bodyEnd, returns, explicit);
    let alone = false, returnStub = false;
    if (inBody && !handler) {
      const a = this.shape.nextSignificant(end, returns);
      alone = a >= this.n || (!this.isDirective(a) && (isCloserLine(this.lines[a].trim()) || indentWidth(this.lines[a]) < bodyEnd));
      for (let l = end; l < a && l < end + 64; l++) if (this.lx.kind[l] === CODE && /^return\b/.test(this.lines[l].trim())) returnStub = true;
    }
    return { after, alone, control, returnStub };
  }

  /** What follows the block; `indent`: a line indented less than this has left the block's body. */
  private after(end: number, indent: number, returns: boolean, explicit: boolean): After {
    // another comment directly below (a different marker column, a `/** @type */`): look through it —
    // unless it is commented-out code ("// alternative:" above `/* return …; */`), which the block describes
    for (let seen = 0; seen < 8 && end < this.n && (this.lx.kind[end] === LINE_COMMENT || this.lx.kind[end] === BLOCK_COMMENT); end++, seen++) {
      if (this.isCommentedCode(end)) return 'code';
    }
    end = this.shape.nextNonComment(end);
    if (end >= this.n) return 'eof';
    const k = this.lx.kind[end];
    if (k === BLANK) return 'blank';
    if (k === DOCSTRING) return 'comment';
    if (this.isDirective(end)) return 'code'; // a comment above `#include` / `#define` explains it
    const t = this.lines[end].trim();
    if (isStubLine(t, returns)) {
      const a = this.shape.nextSignificant(end, returns);
      if (a >= this.n) return 'eof';
      const ta = this.lines[a].trim();
      if (isBranchLine(ta) && indentWidth(this.lines[a]) >= indent) return 'code';
      return isCloserLine(ta) || indentWidth(this.lines[a]) < indent ? 'closer' : 'code';
    }
    // a comment right above `} else if (…) {` / `elif …:` at its indentation describes that branch
    if (isBranchLine(t) && indentWidth(this.lines[end]) >= indent) return 'code';
    if (isCloserLine(t) || indentWidth(this.lines[end]) < indent) return 'closer';
    // an explicit "TODO: implement:" above `func f() error { return nil }`: the return is a placeholder
    const empty = this.shape.bodyEmptyAt(end, explicit);
    return empty === undefined ? 'code' : empty ? 'emptyDecl' : 'filledDecl';
  }

  private trailsDeclaration(start: number, indent: number): boolean {
    if (start === 0 || this.lx.kind[start - 1] !== CODE || indentWidth(this.lines[start - 1]) !== indent) return false;
    const t = this.shape.codeText(start - 1);
    return (t.endsWith('}') || t.endsWith(';')) && t.includes('(') && looksLikeDeclaration(t);
  }

  /** A C-family preprocessor line (`#include`, `#else`): code, but no block structure. */
  private isDirective(i: number): boolean {
    return this.cFamily && i >= 0 && i < this.n && this.lx.kind[i] === CODE && this.lines[i].trimStart().charCodeAt(0) === 35;
  }

  /** The comment line reads as code (memoised: many blocks may look through the same lines). */
  private isCommentedCode(i: number): boolean {
    const memo = this.codeMemo ?? (this.codeMemo = new Int8Array(this.n));
    if (memo[i] === 0) memo[i] = classifyText(this.commentBody(i)).kind === T_CODE ? 1 : 2;
    return memo[i] === 1;
  }

  /** Text of a comment line without its marker / block gutter (approximate, for classification). */
  private commentBody(i: number): string {
    const s = this.lines[i];
    if (this.lx.kind[i] === LINE_COMMENT) return s.slice(this.lx.markerCol[i] + this.lx.markerLen[i]);
    return s.trim().replace(/^(?:\/\*+|\*+\/?|\{-|\(\*|<#|=begin)\s?/, '').replace(/\*+\/$|-\}$|\*\)$|#>$/, '');
  }

  /**
   * After the blank line(s) below the block, the same body goes on with a statement (not a closer,
   * not a declaration such as `def f():` / `function g() {`): the block introduces that code.
   */
  private precedesStatement(end: number, indent: number, items: Item[]): boolean {
    const j = this.shape.nextSignificant(end);
    if (j >= this.n) return false;
    const t = this.lines[j].trim();
    if (isCloserLine(t) || indentWidth(this.lines[j]) < indent) return false;
    const code = this.shape.codeText(j);
    // `if (…) {`, and calls taking a callback (`app.get('/', (req, res) => {`) are statements
    if (isControlHeader(code) || openParens(code) > 0) return true;
    // only a function / class / method declaration starts something new (`module.exports = {` does not)
    if (!looksLikeDeclaration(code) && !ASSIGNED_FUNCTION.test(code)) return true;
    if (this.shape.bodyEmptyAt(j) === undefined) return true;
    // a declaration: the block sits between definitions — unless it talks about the one below
    // ("# Expand paths beginning with '~'" above `def expanduser(path):`): a detached doc comment
    return mentionsName(items, declaredName(code));
  }

  /**
   * A one-line block stands alone: blank line (or file start) before, blank / end / closer after,
   * and the nearest non-blank neighbours are not comments — one line in a commented narrative
   * ("// 1. If connection is failure, then return a network error." between other comment
   * paragraphs) is documentation, not an instruction typed on its own line.
   */
  private standsAlone(start: number, end: number): boolean {
    const kind = this.lx.kind;
    if (start > 0 && kind[start - 1] !== BLANK) return false;
    let b = start - 1;
    while (b >= 0 && kind[b] === BLANK) b--;
    if (b >= 0 && (kind[b] === LINE_COMMENT || kind[b] === BLOCK_COMMENT)) return false;
    let a = end;
    while (a < this.n && kind[a] === BLANK) a++;
    if (a < this.n && (kind[a] === LINE_COMMENT || kind[a] === BLOCK_COMMENT)) return false;
    return true;
  }

  private prevCode(i: number): number {
    const kind = this.lx.kind;
    while (i >= 0 && (kind[i] === BLANK || kind[i] === LINE_COMMENT || kind[i] === BLOCK_COMMENT)) i--;
    return i;
  }

  /** The `def` line whose header ends at line b (`def f(x):`, or a wrapped signature), or -1. */
  private defHeaderLine(b: number): number {
    if (!this.shape.codeText(b).endsWith(':')) return -1;
    for (let h = b, g = 0; h >= 0 && g < 20; h--, g++) {
      if (this.lx.kind[h] === BLANK) return -1;
      const t = this.lines[h].trim();
      if (/^(?:async\s+)?def\b/.test(t)) return h;
      if (h < b && t.endsWith(':')) return -1; // another statement's header
    }
    return -1;
  }

  /** Decorated @abstractmethod / @overload, or a member of a `class X(Protocol)` / ABC. */
  private isAbstractDef(defLine: number, defIndent: number): boolean {
    for (let h = defLine - 1; h >= 0 && h >= defLine - 4; h--) {
      const t = this.lines[h].trim();
      if (!t.startsWith('@')) break;
      if (/^@(?:abc\.)?(?:abstractmethod|abstractproperty|overload)\b|^@(?:typing\.)?overload\b/.test(t)) return true;
    }
    if (defIndent === 0) return false; // not in a class
    for (let h = defLine - 1; h >= 0 && h > defLine - 2000; h--) {
      if (this.lx.kind[h] !== CODE) continue;
      if (indentWidth(this.lines[h]) >= defIndent) continue;
      const t = this.lines[h].trim();
      if (/^class\s+\w+\s*\(.*\b(?:Protocol|ABC|ABCMeta|Interface)\b/.test(t)) return true;
      // AbstractEventLoop, BaseTransport, ReaderInterface, SizedMixin …
      return /^class\s+(?:(?:Abstract|Base)[A-Z_]\w*|\w*(?:Base|Interface|Protocol|ABC|Mixin))\b/.test(t);
    }
    return false;
  }

  private flavorAt(i: number): number {
    const s = this.lines[i];
    const at = this.lx.markerCol[i] + this.lx.markerLen[i];
    const c = s.charCodeAt(at);
    const marker = this.lx.markerLen[i] === 2 && s.charCodeAt(at - 1) === 47 ? '//' : '';
    if (marker === '//') {
      if (c === 47 && s.charCodeAt(at + 1) !== 47) return FLAVOR_DOC;
      if (c === 33) return FLAVOR_INNER;
    }
    if (i === 0 && c === 33 && s.charCodeAt(at - 1) === 35) return FLAVOR_SHEBANG;
    // `## section comments` next to `#commented(code)` lines: separate runs
    if (c === 35 && this.lx.markerLen[i] === 1 && s.charCodeAt(at - 1) === 35) return FLAVOR_DOUBLE;
    return FLAVOR_PLAIN;
  }

  /** JSX text: the line before the run ends with a tag, or the line after starts with one. */
  private nextToJsx(start: number, end: number): boolean {
    let b = start - 1;
    while (b >= 0 && this.lx.kind[b] === BLANK) b--;
    if (b >= 0 && this.lines[b].trimEnd().endsWith('>')) return true;
    let a = end;
    while (a < this.n && this.lx.kind[a] === BLANK) a++;
    if (a < this.n && this.lines[a].trimStart().startsWith('<')) return true;
    return false;
  }
}

/** `const f = (x) => {`, `handler = function (req) {`, `export const g = async () => {` */
const ASSIGNED_FUNCTION = /=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|[\w$]+\s*=>)/;

/** Comment text this long (markers and indentation excluded) was most likely wrapped by its author. */
const WRAP_WIDTH = 64;

const R_EMPTY = 0, R_STEP = 1, R_HEADER = 2, R_CONT = 3, R_PROSE = 4, R_CODE = 5, R_DOC = 6;

/**
 * The role of each line in its block. Lines are grouped into sentences: a line that starts in lower
 * case after a line without final punctuation continues that sentence ("for each order, look up
 * the customer and add" / "their discount to the total"). Such a wrapped line is a new step only
 * if it starts with a verb or a strong control word (if, otherwise, for each, while, then …) — not
 * "or if", "for performance", "and", "in". A continuation counts with its sentence's head when the
 * head counts and it does not itself explain. A sentence that starts with a control word and
 * explains anywhere ("If navigation throws before the promise is awaited, / the listener still
 * rejects. Swallow it here so it / does not surface …") is prose, head included.
 */
function roles(items: Item[]): Uint8Array {
  const role = new Uint8Array(items.length);
  let prev: TextInfo | undefined, prevCounts = false, prevLen = 0;
  let head = -1, explains = false;
  const flush = (to: number): void => {
    if (head >= 0 && explains && role[head] === R_STEP && items[head].info.control) {
      for (let k = head; k < to; k++) if (role[k] === R_STEP || role[k] === R_CONT) role[k] = R_PROSE;
    }
  };
  for (let k = 0; k < items.length; k++) {
    const inf = items[k].info;
    if (inf.kind === T_EMPTY) { role[k] = R_EMPTY; continue; }
    const wrapped = prev !== undefined && prev.endsOpen && inf.startsLower;
    // after a long line (hard-wrapped prose at 80–100 columns) even a verb continues the sentence:
    // "Set response to the result of running HTTP-network-or-cache" / "fetch given fetchParams …"
    const hardWrapped = wrapped && (prevLen >= WRAP_WIDTH || prev!.endsMidSentence);
    let r: number;
    if (inf.kind === T_STEP && !(wrapped && inf.weakStart) && !hardWrapped) r = R_STEP;
    else if (inf.kind === T_HEADER) r = R_HEADER;
    else if (inf.kind === T_CODE) r = R_CODE;
    else if (inf.kind === T_DOC) r = R_DOC;
    else r = wrapped && prevCounts && !inf.explanatory ? R_CONT : R_PROSE;
    role[k] = r;
    if (wrapped && (r === R_CONT || r === R_PROSE)) {
      if (inf.explanatory) explains = true;
    } else {
      flush(k);
      head = k; explains = inf.explanatory;
    }
    prev = inf; prevCounts = r === R_STEP || r === R_HEADER || r === R_CONT;
    prevLen = items[k].text.trim().length;
  }
  flush(items.length);
  return role;
}

/** Non-empty texts, trailing space trimmed, common indentation removed (`firstApart`: not counting the first line, which is trimmed). */
function stepTexts(items: Item[], firstApart: boolean): string[] {
  let common = Infinity;
  for (let k = 0; k < items.length; k++) {
    if (items[k].info.kind === T_EMPTY) continue;
    if (firstApart && k === 0) continue;
    const s = items[k].text;
    let w = 0;
    while (w < s.length && (s.charCodeAt(w) === 32 || s.charCodeAt(w) === 9)) w++;
    if (w < common) common = w;
  }
  if (common === Infinity) common = 0;
  const out: string[] = [];
  for (let k = 0; k < items.length; k++) {
    if (items[k].info.kind === T_EMPTY) continue;
    const s = items[k].text.trimEnd();
    out.push(firstApart && k === 0 ? s.trimStart() : s.slice(Math.min(common, leading(s))));
  }
  return out;
}

/** Lower-case parts of an identifier: handleRead / handle_read → handle, read. */
function nameParts(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((p) => p.length >= 3);
}

/**
 * Some word of the block shares a stem with a part of `name`: "Expand paths …" / expanduser,
 * "Create a parser object" / getparser, "Return whether a path is absolute" / isabs. Stems are
 * 4 letters (3 for parts of ≤ 6 letters), found anywhere in the part.
 */
function mentionsName(items: Item[], name: string): boolean {
  const parts = nameParts(name);
  if (parts.length === 0) return false;
  for (const it of items) {
    const words = it.text.toLowerCase().match(/[a-z]{4,}/g);
    if (!words) continue;
    for (const w of words) {
      if (STOP_STEMS.has(w)) continue;
      for (const p of parts) {
        if (p.includes(w.slice(0, p.length <= 6 ? 3 : 4))) return true;
        if (p.length >= 4 && w.startsWith(p.slice(0, 4))) return true;
      }
    }
  }
  return false;
}
const STOP_STEMS = new Set(['this', 'that', 'with', 'from', 'then', 'than', 'they', 'them', 'their', 'there', 'these', 'those', 'each', 'every', 'into', 'when', 'what', 'which', 'will', 'have', 'does', 'should', 'would', 'could', 'only', 'also', 'some', 'otherwise', 'return', 'returns']);

/** Unclosed '(' on a line (string contents skipped roughly). */
function openParens(t: string): number {
  let depth = 0, quote = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (quote) { if (c === 92) i++; else if (c === quote) quote = 0; continue; }
    if (c === 34 || c === 39 || c === 96) quote = c;
    else if (c === 40) depth++;
    else if (c === 41) depth--;
  }
  return depth;
}

function leading(s: string): number {
  let w = 0;
  while (w < s.length && (s.charCodeAt(w) === 32 || s.charCodeAt(w) === 9)) w++;
  return w;
}
