// Stage 3 of answer cleaning: drop markdown code fences and the prose models put around code.
//
// Rules (see the unit table in test/unit/streamCleaning.test.ts):
// - Head: if a fence opens within the first few lines and everything before it is blank or could
//   be prose, those lines and the opening fence are dropped. The code inside is released line by
//   line. The matching closing fence and EVERYTHING after it (explanations, more blocks) are
//   dropped; the rest of the input is still drained (never cancelled: upstream owns the request,
//   and the usage block that prices it comes at the very end).
// - A closer must use the opener's character, be at least as long, and carry no info string. A
//   fence inside the code that is shorter than the opener is content; a same-length fence WITH an
//   info string (```js inside a markdown template) opens a nested block whose bare closer is
//   content too.
// - Without a fence: a first line that is clearly lead-in prose ("Here's the updated code:",
//   "Sure! Here is …:"; it must end with ':'), optionally after an interjection line ("Sure!"), is
//   dropped with the blank lines after it. A trailing paragraph is dropped only when it is clearly
//   prose: it starts at column 0 after a blank line with phrasing such as "This version …",
//   "Note:", "Explanation:", "**Changes:**", "I've …", every line after it reads as prose (bullets,
//   sentences, a fenced example), code came before it, and it is not inside an open triple-quoted
//   string, block comment or template literal. A bare ``` after code (a closer whose opener the
//   model forgot) starts such a paragraph too.
// - keepFences (the user edits markdown and the selection starts with a fence): fences are content;
//   the lead-in and trailing-prose rules still apply.
//
// What is held back, and until when:
// - Head: blank lines and up to MAX_HEAD_PROSE lines that could be prose, until a fence opens (they
//   are dropped) or a line that is clearly not prose arrives (they are released, minus a lead-in).
//   With keepFences only leading blank lines and an interjection line are held.
// - Body without fence: a suspected trailing-prose paragraph, until a line that could be code
//   arrives (released) or the stream ends (dropped).
// - Inside a fence: nothing.
// Work per line is O(line length).

export interface FenceOptions {
  keepFences?: boolean;
}

export interface Fence {
  char: '`' | '~';
  len: number;
  info: string;
}

/** Lines that could be prose held at the head while waiting for a possible opening fence. */
export const MAX_HEAD_PROSE = 5;

/** Parses a fence line (```, ~~~, 4+ characters, optional indentation and info string). */
export function parseFence(line: string): Fence | undefined {
  const m = /^[ \t]*(`{3,}|~{3,})(.*)$/.exec(line);
  if (m === null) {
    return undefined;
  }
  const run = m[1];
  const info = m[2].trim();
  if (run[0] === '`' && info.includes('`')) {
    return undefined; // ```inline``` code span, not a fence
  }
  return { char: run[0] as '`' | '~', len: run.length, info };
}

export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

// ---------------------------------------------------------------------------------------------
// Line classifiers. They err on the side of "could be code": a line wrongly called code is kept;
// a line wrongly called prose could be dropped, which is the failure that loses user code.

/** Inline code spans (`x = 1`) say nothing about whether a prose line is code. */
function withoutInlineCode(line: string): string {
  return line.indexOf('`') < 0 ? line : line.replace(/`[^`]*`/g, '`x`');
}

const CODE_END = /[;{}[(,=\\]$/;
const CODE_INFIX = /=>|==|!=|:=|&&|\|\||::|->|<\/|\/>|\s=\s|[+\-*/%]=|\w\.\w+\(|\w\[\w*\]|"""|'''/;
const CODE_START =
  /^(?:(?:import|from|def|class|function|func|fn|const|let|var|return|if|elif|else|for|foreach|while|do|switch|case|default|break|continue|try|catch|except|finally|raise|throw|with|package|use|pub|public|private|protected|internal|static|final|export|async|await|interface|type|enum|struct|impl|trait|mod|module|require|namespace|using|template|typedef|extern|yield|lambda|assert|pass|print|println|printf|puts|echo|local|end|begin|val|object|override|abstract|new|delete|goto|defer|go|match|when|unless|until|then|fi|done|esac|set|unset|source)\b(?!['’])|(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|FROM|WHERE|JOIN|LEFT|RIGHT|INNER|OUTER|ORDER|GROUP|HAVING|LIMIT|VALUES|BEGIN|COMMIT|UNION)\b|\/\/|\/\*|\*\/|--|<!--|<[A-Za-z!?/]|@\w|\$|#(?:include|define|if|ifdef|ifndef|endif|else|pragma|region|endregion|!|\[)|[a-z_$][\w$.-]*:(?:\s|$))/;

/** Clear signs of code: statement endings, operators, keywords, comment markers, `key:` lines. */
export function codeMarked(line: string): boolean {
  const t = withoutInlineCode(line).trim();
  // A backtick left unpaired after removing code spans opens a template literal: code.
  return CODE_END.test(t) || CODE_INFIX.test(t) || CODE_START.test(t) || t.split('`').length % 2 === 0;
}

/** First characters prose can start with (letters, digits, emoji, markdown bold/heading/bullet). */
const PROSE_FIRST = /^(?:[\p{L}\p{N}\p{Extended_Pictographic}]|\*\*\S|[-+*•]\s|>\s|#{1,6}\s)/u;

/** Could this head line be lead-in prose (so worth holding while a fence may follow)? */
export function couldBeProse(line: string): boolean {
  if (line.length === 0 || line[0] === ' ' || line[0] === '\t') {
    return false; // indented: code
  }
  return PROSE_FIRST.test(line) && !codeMarked(line);
}

const INTERJECTION =
  /^(?:sure|certainly|okay|ok|of course|absolutely|alright|all right|got it|no problem|great|done)\s*[!.]*$/i;

const LEAD_IN = new RegExp(
  String.raw`^(?:#{1,6}\s+|\*\*|__)?` +
    String.raw`(?:(?:sure|certainly|okay|ok|of course|absolutely|alright|all right|got it|no problem|great|done|yes)\b[\s!.,;:—–-]*)?` +
    String.raw`(?:here(?:'s|’s|\s+is|\s+are)|below\s+(?:is|are)|the\s+following|this\s+is|i(?:'ve|’ve|\s+have|'ll|’ll|\s+will)|let\s+me|` +
    String.raw`(?:the\s+|your\s+)?(?:updated|refactored|modified|revised|fixed|corrected|new|complete|rewritten|resulting|improved|final|optimized|simplified|cleaned[- ]up|edited)\s+(?:code|version|function|implementation|snippet|method|class|component|query|selection|block|file))\b`,
  'i',
);

/** A first line that is clearly lead-in prose: lead-in phrasing, ends with ':', not code. */
export function isLeadIn(line: string): boolean {
  if (line.length > 400 || !couldBeProse(line)) {
    return false;
  }
  const t = line.trimEnd().replace(/[*_]+$/, '');
  return t.endsWith(':') && LEAD_IN.test(line);
}

const TRAIL_START = new RegExp(
  String.raw`^(?:\*\*[^*\s]|(?:This|These|The\s+(?:above|code|function|method|class|component|implementation|version|change|changes|updated|new|main|key|refactored|modified|revised|result|rest|snippet|query|fix)|` +
    String.raw`Note|Notes|NB|Explanation|Changes|Key\s+(?:changes|points|improvements|differences)|Summary|What\s+(?:changed|I\s+changed)|Improvements|Why|How\s+it\s+works|` +
    String.raw`I(?:'ve|’ve|'m|’m|'ll|’ll|\s+have|\s+also|\s+made|\s+changed|\s+added|\s+removed|\s+replaced|\s+updated|\s+refactored|\s+kept|\s+used|\s+renamed|\s+moved|\s+fixed)|` +
    String.raw`In\s+this|With\s+this|Let\s+me\s+know|Hope\s+this|Feel\s+free|If\s+you|You\s+can|Examples?|Usage|Here(?:'s|’s|\s+is|\s+are)|Alternatively)\b)`,
);

/** Column-0 line that clearly starts a trailing explanation. */
export function isTrailingProseStart(line: string): boolean {
  return couldBeProse(line) && TRAIL_START.test(line);
}

const BULLET = /^[ \t]{0,8}(?:[-*+•]|\d+[.)])\s+\S/;
const SENTENCE_FIRST = /^(?:[\p{Lu}\p{N}\p{Extended_Pictographic}]|\*\*?\S|>\s?|#{1,6}\s|`)/u;

/** Can this line continue a suspected trailing-prose paragraph? */
function continuesProse(line: string): boolean {
  if (BULLET.test(line)) {
    return !codeMarked(line);
  }
  if (line[0] === ' ' || line[0] === '\t') {
    return false;
  }
  if (SENTENCE_FIRST.test(line)) {
    return !codeMarked(line);
  }
  // Lower-case start: only an obvious sentence (three words, sentence punctuation).
  const t = line.trim();
  return /^\p{Ll}/u.test(t) && /\S\s+\S+\s+\S/.test(t) && /[.!?:)]$/.test(t) && !codeMarked(t);
}

// ---------------------------------------------------------------------------------------------
// Open-string tracking (triple quotes, block comments, template literals) so docstring or comment
// text that reads like prose is never taken for a trailing explanation.

type Open = '' | '"""' | "'''" | '*/' | '`';

function advanceOpen(open: Open, line: string): Open {
  if (parseFence(line) !== undefined) {
    return open; // a fence line is not three template-literal backticks
  }
  let state = open;
  let i = 0;
  const n = line.length;
  while (i < n) {
    if (state !== '') {
      // Inside a multi-line construct: find its closer (template literals honour escapes).
      let at = line.indexOf(state, i);
      while (state === '`' && at > 0 && line[at - 1] === '\\') {
        at = line.indexOf(state, at + 1);
      }
      if (at < 0) {
        return state;
      }
      i = at + state.length;
      state = '';
      continue;
    }
    const ch = line[i];
    if ((ch === '"' || ch === "'") && line.startsWith(ch + ch + ch, i)) {
      state = ch === '"' ? '"""' : "'''";
      i += 3;
    } else if (ch === '"' || ch === "'") {
      // One-line string: skip to its unescaped end (or the end of the line).
      let j = i + 1;
      while (j < n && line[j] !== ch) {
        j += line[j] === '\\' ? 2 : 1;
      }
      i = j + 1;
    } else if (ch === '`') {
      state = '`';
      i++;
    } else if (ch === '/' && line[i + 1] === '*') {
      state = '*/';
      i += 2;
    } else if (ch === '/' && line[i + 1] === '/') {
      return state; // line comment
    } else {
      i++;
    }
  }
  return state;
}

/** The no-fence body: passes lines through, holding a suspected trailing-prose paragraph. */
class Body {
  private held: string[] | undefined;
  private heldFence: Fence | undefined; // a fenced example inside the held paragraph
  private prevBlank = false;
  private seenCode = false;
  private open: Open = '';
  private contentFence: Fence | undefined; // a fenced block emitted as content, not closed yet

  constructor(private readonly bareFenceEndsCode: boolean) {}

  push(line: string, out: string[]): void {
    if (this.held !== undefined) {
      if (this.holdsToo(line)) {
        this.held.push(line);
        return;
      }
      const held = this.held;
      this.held = undefined;
      this.heldFence = undefined;
      for (const h of held) {
        this.emit(h, out);
      }
    }
    if (
      this.open === '' &&
      this.contentFence === undefined &&
      this.seenCode &&
      line.length > 0 &&
      line[0] !== ' ' &&
      line[0] !== '\t'
    ) {
      if (this.prevBlank && isTrailingProseStart(line)) {
        this.held = [line];
        return;
      }
      if (this.bareFenceEndsCode) {
        const f = parseFence(line);
        if (f !== undefined && f.info === '') {
          this.held = [line];
          return;
        }
      }
    }
    this.emit(line, out);
  }

  /** End of stream: a paragraph still held is trailing prose; drop it. */
  end(): void {
    this.held = undefined;
  }

  private holdsToo(line: string): boolean {
    if (this.heldFence !== undefined) {
      const f = parseFence(line);
      if (f !== undefined && f.char === this.heldFence.char && f.len >= this.heldFence.len && f.info === '') {
        this.heldFence = undefined;
      }
      return true;
    }
    if (isBlank(line)) {
      return true;
    }
    const f = parseFence(line);
    if (f !== undefined) {
      this.heldFence = f;
      return true;
    }
    return continuesProse(line);
  }

  private emit(line: string, out: string[]): void {
    out.push(line);
    const blank = isBlank(line);
    this.prevBlank = blank;
    if (!blank) {
      const f = parseFence(line);
      if (f !== undefined && this.open === '') {
        if (this.contentFence === undefined) {
          this.contentFence = f.info !== '' || !this.bareFenceEndsCode ? f : undefined;
        } else if (f.char === this.contentFence.char && f.len >= this.contentFence.len && f.info === '') {
          this.contentFence = undefined;
        }
      }
      this.open = advanceOpen(this.open, line);
      if (!this.seenCode && !couldBeProse(line)) {
        this.seenCode = true;
      }
    }
  }
}

function firstNonBlank(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    if (!isBlank(lines[i])) {
      return i;
    }
  }
  return -1;
}

/** Drops a lead-in first line (optionally after an interjection line) and the blanks after it. */
function dropLeadIn(lines: string[]): { rest: string[]; dropped: boolean } {
  const i = firstNonBlank(lines, 0);
  if (i < 0) {
    return { rest: lines, dropped: false };
  }
  let end = -1;
  if (isLeadIn(lines[i])) {
    end = i;
  } else if (INTERJECTION.test(lines[i].trim())) {
    const j = firstNonBlank(lines, i + 1);
    if (j >= 0 && isLeadIn(lines[j])) {
      end = j;
    }
  }
  if (end < 0) {
    return { rest: lines, dropped: false };
  }
  let k = end + 1;
  while (k < lines.length && isBlank(lines[k])) {
    k++;
  }
  return { rest: lines.slice(k), dropped: true };
}

export async function* stripFencesAndProse(
  lines: AsyncIterable<string>,
  opts?: FenceOptions,
): AsyncIterable<string> {
  const keep = opts?.keepFences === true;
  const body = new Body(!keep);
  const out: string[] = [];
  let state: 'head' | 'fence' | 'body' | 'done' = 'head';
  let held: string[] = [];
  let heldText = 0;
  let skipBlanks = false; // blank lines right after a dropped lead-in
  let fence: Fence = { char: '`', len: 3, info: '' };
  let depth = 0;

  const startBody = (lines: string[]): void => {
    const { rest, dropped } = dropLeadIn(lines);
    skipBlanks = dropped && rest.length === 0;
    for (const l of rest) {
      body.push(l, out);
    }
  };

  for await (const line of lines) {
    switch (state) {
      case 'head': {
        const f = keep ? undefined : parseFence(line);
        if (f !== undefined) {
          held = [];
          fence = f;
          state = 'fence';
        } else if (isBlank(line)) {
          held.push(line);
        } else if (
          keep ? heldText === 0 && INTERJECTION.test(line.trim()) : heldText < MAX_HEAD_PROSE && couldBeProse(line)
        ) {
          held.push(line);
          heldText++;
        } else {
          held.push(line);
          const h = held;
          held = [];
          startBody(h);
          state = 'body';
        }
        break;
      }
      case 'fence': {
        const f = parseFence(line);
        if (f !== undefined && f.char === fence.char && f.len >= fence.len) {
          if (f.info !== '') {
            depth++;
            out.push(line);
          } else if (depth > 0) {
            depth--;
            out.push(line);
          } else {
            state = 'done';
          }
        } else {
          out.push(line);
        }
        break;
      }
      case 'body':
        if (skipBlanks) {
          if (isBlank(line)) {
            break;
          }
          skipBlanks = false;
        }
        body.push(line, out);
        break;
      case 'done':
        break; // drain: everything after the closing fence is dropped
    }
    if (out.length > 0) {
      for (const l of out) {
        yield l;
      }
      out.length = 0;
    }
  }

  if (state === 'head') {
    startBody(held);
    state = 'body';
  }
  if (state === 'body') {
    body.end();
  }
  for (const l of out) {
    yield l;
  }
}
