// Code structure around a candidate block, judged from line shapes only (no parser): indentation,
// lines that close a body (`}`, `end`, `fi`, a dedent), stub statements that mean "not implemented
// yet" (`pass`, `...`, `todo!()`, `throw new Error("not implemented")`), and whether a line opens a
// block (function header, `if … {`, `def f():`) whose body is still empty.

import { BLANK, BLOCK_COMMENT, DOCSTRING, LINE_COMMENT, LexResult } from './lexer';
import { LexProfile } from './lexProfile';

/** Visual indentation (tab = 4 columns) of the first `upTo` characters, or of the leading whitespace. */
export function indentWidth(s: string, upTo = s.length): number {
  let w = 0;
  for (let i = 0; i < upTo; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) w++;
    else if (c === 9) w += 4 - (w % 4);
    else break;
  }
  return w;
}

const CLOSER_WORDS = /^(?:end|fi|done|esac|else|elif|elsif|elseif|except|catch|finally|rescue|ensure|case|when|default|until)\b/;

/** The line closes (or continues past) the current body: `}`, `)`, `]`, `end`, `fi`, `} else {`, `else:`, `case 2:` … */
export function isCloserLine(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c === 125 || c === 41 || c === 93) return true;
  return c >= 97 && c <= 122 && CLOSER_WORDS.test(t);
}

const BRANCH = /^(?:\}\s*)?(?:else|elif|elsif|elseif|except|catch|finally|rescue|ensure|case|when|default)\b/;

/** `} else if (…) {`, `elif x:`, `} catch (e) {`, `case 2:` — closes one branch and opens the next. */
export function isBranchLine(t: string): boolean {
  return BRANCH.test(t);
}

const OPENS_BODY_END = /(?:\{|:|\(|\[|=>|->|=|\bdo|\bthen|\bbegin|\|[^|]{0,80}\||\belse)$/;
const OPENS_BODY_START = /^(?:(?:export\s+|pub(?:\(\w+\))?\s+|async\s+|static\s+|private\s+|public\s+|protected\s+)*(?:def|defp|function|fn|func|fun|sub|proc|class|module|struct|impl|trait|interface|object|begin|local\s+function)\b(?![.$]))/;

/** The (code) line opens a body: ends with `{`, `:`, `do`, `then`, `=>` …, or is a `def` / `function` header. */
export function opensBody(t: string): boolean {
  if (t === '') return false;
  return OPENS_BODY_END.test(t) || OPENS_BODY_START.test(t);
}

const STUB_EXACT = new Set([
  'pass', '...', '???', 'todo!()', 'unimplemented!()', 'TODO()', 'return', 'nil', 'None', 'null', 'undefined', 'NotImplemented',
  'raise NotImplementedError', 'raise NotImplementedError()', 'throw UnsupportedOperationException()',
  'notImplemented()', 'fatalError()', 'preconditionFailure()', 'abort()', 'SELECT 1', 'select 1', 'SELECT NULL',
]);
const STUB_RETURN = /^return\s+(?:null|nil|None|undefined|0|0\.0|false|False|-1|""|''|\[\]|\{\}|NULL|nullptr|Ok\(\(\)\)|nil, nil|None, None|Default::default\(\))$/;
const STUB_CALL = /^(?:raise|throw|panic!?|fatalError|preconditionFailure|abort|error|die|unimplemented!|todo!|unreachable!|TODO|notImplemented)\b/;
const ABSTRACT_MESSAGE = /subclass|abstract|override|derived class|must be implemented|should be implemented|implemented by/i;
const STUB_MESSAGE = /not[ _-]?(?:yet[ _-]?)?impl|unimpl|todo|implement|stub|not supported|unsupported|NotImplemented|UnsupportedOperation|NotSupported/i;

/**
 * A placeholder statement that leaves a body "empty": pass, ..., todo!(), throw new Error('not
 * implemented'), and — when `returns` — a placeholder return (`return null;`, `return 0;`). Those
 * count only for pseudocode written inside the body: a finished function may well be `return false;`.
 */
export function isStubLine(t: string, returns = true): boolean {
  let s = t;
  if (ABSTRACT_MESSAGE.test(s)) return false; // `raise NotImplementedError("subclasses must override")`: implemented as abstract
  if (s.endsWith(';')) s = s.slice(0, -1).trimEnd();
  if (s.startsWith('return')) return returns && (s === 'return' || STUB_RETURN.test(s));
  if (STUB_EXACT.has(s)) return true;
  if (STUB_CALL.test(s)) return STUB_MESSAGE.test(s) || s === 'todo!()' || /^(?:unimplemented|todo)!/.test(s);
  return false;
}

const CONTROL_HEADER = /^(?:\}\s*)?(?:if|else|elif|elsif|for|foreach|while|until|unless|switch|match|case|when|default|try|catch|except|finally|rescue|ensure|with|loop|select|guard|do)\b/;
const PROMISE_HANDLER = /\.(?:catch|then|finally)\s*\(/;

/** `if (…) {`, `for x in xs:`, `} catch {`, `.then(() => {` …: a control-flow block, not a declaration waiting for its body. */
export function isControlHeader(t: string): boolean {
  return CONTROL_HEADER.test(t) || PROMISE_HANDLER.test(t);
}

const HANDLER = /^(?:\}\s*)?(?:catch|except|rescue|finally|ensure|else|default|case|when)\b/;
const HANDLER_CALL = /\bcatch\b|\.finally\s*\(|\bon(?:Error|error)\b|\.on\(\s*['"](?:error|close|end)['"]|\bnoop\b/;

/** A body that is empty on purpose: catch / except / rescue / finally / else / default handlers, `.catch(() => {`. */
export function isHandlerHeader(t: string): boolean {
  return HANDLER.test(t) || HANDLER_CALL.test(t);
}

/** Kinds a body may hold and still be "empty". */
function isNonCode(k: number): boolean {
  return k === BLANK || k === LINE_COMMENT || k === BLOCK_COMMENT || k === DOCSTRING;
}

export class Shape {
  // Memoised answers of nextSignificant (per `returns`), prevSignificant and nextNonComment: every
  // walk fills in the lines it crossed, so the walks of all candidate blocks together stay linear
  // (a file of 2,500 comment lines separated by blank lines would otherwise be quadratic).
  private readonly nextMemo: (Int32Array | undefined)[] = [undefined, undefined];
  private prevMemo: Int32Array | undefined;
  private nonCommentMemo: Int32Array | undefined;

  constructor(readonly lines: readonly string[], readonly lx: LexResult, readonly p: LexProfile) {}

  /** Blank, comment, docstring or stub (placeholder returns too when `returns`): not "real" code. */
  insignificant(i: number, returns = true): boolean {
    const k = this.lx.kind[i];
    if (isNonCode(k)) return true;
    return isStubLine(this.lines[i].trim(), returns);
  }

  /** Next line ≥ i that is significant, or lines.length. */
  nextSignificant(i: number, returns = true): number {
    const n = this.lines.length;
    if (i >= n) return n;
    const r = returns ? 1 : 0;
    const memo = this.nextMemo[r] ?? (this.nextMemo[r] = new Int32Array(n).fill(-1));
    let j = i;
    while (j < n) {
      if (memo[j] >= 0) { j = memo[j]; break; }
      if (!this.insignificant(j, returns)) break;
      j++;
    }
    for (let k = i; k < j && k < n && memo[k] < 0; k++) memo[k] = j;
    if (j < n) memo[j] = j;
    return j;
  }

  /** Next line ≥ i that is not a comment line, or lines.length. */
  nextNonComment(i: number): number {
    const n = this.lines.length;
    if (i >= n) return n;
    const memo = this.nonCommentMemo ?? (this.nonCommentMemo = new Int32Array(n).fill(-1));
    let j = i;
    while (j < n) {
      if (memo[j] >= 0) { j = memo[j]; break; }
      const k = this.lx.kind[j];
      if (k !== LINE_COMMENT && k !== BLOCK_COMMENT) break;
      j++;
    }
    for (let k = i; k < j && k < n && memo[k] < 0; k++) memo[k] = j;
    return j;
  }

  /**
   * Next line ≥ i of a declaration's body that is not blank, a docstring or a not-implemented stub.
   * Comments count as content here: a body holding comments has its own candidate block (or explains
   * why it is empty: `// see implementations`), so the doc comment above is not pseudocode.
   */
  private nextBodyContent(i: number, returns: boolean): number {
    const n = this.lines.length;
    for (; i < n; i++) {
      const k = this.lx.kind[i];
      if (k === BLANK || k === DOCSTRING) continue;
      if (k === LINE_COMMENT || k === BLOCK_COMMENT) return i;
      if (!isStubLine(this.lines[i].trim(), returns)) return i;
    }
    return n;
  }

  /** Previous line ≤ i that is significant, or -1. */
  prevSignificant(i: number): number {
    if (i < 0) return -1;
    const memo = this.prevMemo ?? (this.prevMemo = new Int32Array(this.lines.length).fill(-2));
    let j = i;
    while (j >= 0) {
      if (memo[j] !== -2) { j = memo[j]; break; }
      if (!this.insignificant(j)) break;
      j--;
    }
    for (let k = i; k > j && memo[k] === -2; k--) memo[k] = j;
    if (j >= 0) memo[j] = j;
    return j;
  }

  /** The line that opens the body containing line i (its header), given the body's indentation, or -1. */
  openerOf(i: number, indent: number): number {
    const b = this.prevSignificant(i - 1);
    if (b < 0 || indentWidth(this.lines[b]) >= indent) return -1;
    // Allman: `catch (E e)` / `{`
    if (this.lines[b].trim() === '{' && b > 0) return this.prevSignificant(b - 1);
    return b;
  }

  /** Code part of a line, trimmed, without a trailing line comment (approximate: marker after whitespace). */
  codeText(i: number): string {
    const s = this.lines[i];
    let end = s.length;
    for (const m of this.p.line) {
      let k = s.indexOf(' ' + m, 0);
      while (k >= 0) {
        // ignore markers inside a string: count quotes before (rough but cheap; headers rarely contain strings)
        if (quotesBalanced(s, k)) { if (k < end) end = k; break; }
        k = s.indexOf(' ' + m, k + 1);
      }
    }
    return s.slice(0, end).trim();
  }

  /**
   * If line h opens a block (function header, `if … {`, `def f():`, Ruby `def`/`do`), whether its body is
   * empty (only blanks, docstrings and stubs; placeholder returns too when `returns`). undefined when h
   * does not open a block (a statement, or a control-flow header).
   */
  bodyEmptyAt(h: number, returns = false): boolean | undefined {
    const n = this.lines.length;
    let t = this.codeText(h);
    if (isControlHeader(t)) return undefined; // `if (x) { return null; }` is code, not an empty declaration
    // a header whose parameters wrap: `function f(` … `) {` / `def f(` … `):`
    let hdr = h;
    if (t.endsWith('(') || t.endsWith(',')) {
      if (!looksLikeDeclaration(t)) return undefined; // a call or expression wrapped over lines
      for (let g = 0; ; g++) {
        if (g >= 20 || hdr + 1 >= n) return undefined;
        hdr++;
        t = this.codeText(hdr);
        if (t.endsWith(';')) return undefined;
        if (t.endsWith('{') || (this.p.languageId === 'python' && t.endsWith(':'))) break;
      }
    }
    const indent = indentWidth(this.lines[h]);
    // C++ constructor with a member-initializer list (`A(B b) : b_(b) {}`), C# `: base(x) {}`: work is done there
    if (CPP.has(this.p.languageId) && /\)\s*:\s*[\w:<>]+\s*[({]/.test(t)) return false;
    if (/(?:\)|=>|[\w>\]])\s*\{\s*\}$/.test(t)) return true;
    const inner = /\{([^{}]*)\}$/.exec(t);
    if (inner && /\)\s*(?:->\s*[^{]*)?\{/.test(t)) return isStubLine(inner[1].trim(), returns);
    if (t.endsWith('{')) return this.braceBodyEmpty(hdr + 1, returns);
    if (this.p.languageId === 'python') {
      if (t.endsWith(':')) return this.indentBodyEmpty(hdr + 1, indent, returns);
      const m = /:\s*(pass|\.\.\.)$/.exec(t);
      if (m && /^(?:async\s+)?(?:def|class)\b/.test(t)) return true;
      return undefined;
    }
    if (/=\s*(?:TODO\(\)|\?\?\?)$/.test(t)) return true; // Kotlin / Scala expression body
    if (END_LANGS.has(this.p.languageId) && (END_HEADER.test(t) || /\b(?:do|then)(?:\s*\|[^|]*\|)?$/.test(t))) {
      const j = this.nextBodyContent(hdr + 1, returns);
      return j >= n || /^end\b/.test(this.lines[j].trim());
    }
    if (this.p.languageId === 'shellscript' && /\b(?:then|do)$/.test(t)) {
      const j = this.nextBodyContent(hdr + 1, returns);
      return j >= n || /^(?:fi|done|else|elif)\b/.test(this.lines[j].trim());
    }
    // Allman braces: the `{` is alone on the next line
    const next = hdr + 1 < n ? this.lines[hdr + 1].trim() : '';
    if (next === '{' && /\)\s*(?:const|override|noexcept|throws [\w., ]+|where .+)?$/.test(t)) return this.braceBodyEmpty(hdr + 2, returns);
    if (t.endsWith(':') && /^(?:def|class|if|for|while|with|elif|else|try)\b/.test(t)) return this.indentBodyEmpty(hdr + 1, indent, returns);
    return undefined;
  }

  private braceBodyEmpty(from: number, returns: boolean): boolean {
    const j = this.nextBodyContent(from, returns);
    if (j >= this.lines.length) return true;
    return this.lines[j].trim().charCodeAt(0) === 125; // }
  }

  private indentBodyEmpty(from: number, headerIndent: number, returns: boolean): boolean {
    const j = this.nextBodyContent(from, returns);
    if (j >= this.lines.length) return true;
    return indentWidth(this.lines[j]) <= headerIndent;
  }
}

const NOT_DECL_FIRST = new Set(['return', 'yield', 'await', 'throw', 'raise', 'new', 'else', 'case', 'print', 'echo', 'puts', 'assert', 'not', 'and', 'or', 'if', 'while', 'for', 'elif', 'delete', 'typeof', 'go', 'defer']);
/** A class member `name(params) {` / `async *gen(x): T {` (a call is never followed by a block). */
const METHOD_SHORTHAND = /^(?:(?:async|static|get|set|public|private|protected|override|readonly)\s+)*\*?[\w$#]+\s*\([^()]*\)\s*(?::[^{}]+)?\{/;
const TYPED_DECL = /^(?:[\w$<>\[\]*&.:,]+\s+)+\**[\w$]+\s*\(/;

/** `def f(`, `function g(`, `public static int h(`, `fn k(` — a declaration, not `return f(` or `x = g(`. */
export function looksLikeDeclaration(t: string): boolean {
  if (OPENS_BODY_START.test(t)) return true;
  if (METHOD_SHORTHAND.test(t) && !isControlHeader(t)) return true;
  const first = /^[\w$]+/.exec(t);
  if (first && NOT_DECL_FIRST.has(first[0])) return false;
  return TYPED_DECL.test(t) && !/=/.test(t.slice(0, t.indexOf('(')));
}

/** The name declared by a header line (`def expanduser(path):` → expanduser), or ''. */
export function declaredName(t: string): string {
  const m = /\b(?:def|defp|function|fn|func|fun|sub|proc|class|module|struct|interface|trait|object)\s+(?:\([^)]*\)\s*)?([\w$]+)/.exec(t)
    ?? /([\w$]+)\s*(?:=|:)\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>|[\w$]+\s*=>)/.exec(t)
    ?? /([\w$]+)\s*\(/.exec(t);
  return m ? m[1] : '';
}

const CPP = new Set(['c', 'cpp', 'cuda-cpp', 'objective-c', 'objective-cpp', 'csharp']);
const END_LANGS = new Set(['ruby', 'lua', 'elixir', 'julia', 'crystal']);
const END_HEADER = /^(?:def|function|local function|class|module|defp?|defmodule|fn|begin|if|unless|while|until|for|case)\b/;

function quotesBalanced(s: string, k: number): boolean {
  let dq = 0, sq = 0, bt = 0;
  for (let i = 0; i < k; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) { i++; continue; }
    if (c === 34) dq++; else if (c === 39) sq++; else if (c === 96) bt++;
  }
  return dq % 2 === 0 && sq % 2 === 0 && bt % 2 === 0;
}
