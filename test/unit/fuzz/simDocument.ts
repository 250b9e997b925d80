// A tiny simulated text document for the fuzz tests: the text itself is the source of truth (so a
// misplaced EOL shows up as a changed line), split into lines the way VS Code does (`\r\n`, `\r`
// and `\n` all end a line; a document always has at least one line; a final EOL means a last
// empty line). Edits are applied at (line, character) positions over the joined text, and every
// position is checked to be valid in the document at that moment (VS Code would silently clamp
// an invalid one, which hides bugs).

import * as assert from 'assert';
import type { TextEditSpec } from '../../../src/core/review/lineSplice';

export interface Pos { line: number; character: number }
/** What a document change event carries (vscode.TextDocumentContentChangeEvent, reduced). */
export interface Change { range: { start: Pos; end: Pos }; text: string }

export class SimDocument {
  private _text: string;
  private starts: number[] = [];
  private ends: number[] = [];
  /** Text edits applied so far (ours and the user's). */
  edits = 0;

  constructor(text: string, readonly eol: '\n' | '\r\n') {
    this._text = text;
    this.index();
  }

  get text(): string { return this._text; }

  private index(): void {
    const t = this._text;
    this.starts = [0];
    this.ends = [];
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || c === 13) {
        this.ends.push(i);
        if (c === 13 && t.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
    this.ends.push(t.length);
  }

  get lineCount(): number { return this.starts.length; }

  lineAt(line: number): string {
    assert.ok(Number.isInteger(line) && line >= 0 && line < this.lineCount, `lineAt(${line}) outside 0..${this.lineCount - 1}`);
    return this._text.slice(this.starts[line], this.ends[line]);
  }

  lineLength(line: number): number {
    assert.ok(Number.isInteger(line) && line >= 0 && line < this.lineCount, `lineLength(${line}) outside 0..${this.lineCount - 1}`);
    return this.ends[line] - this.starts[line];
  }

  lines(): string[] {
    const out: string[] = [];
    for (let l = 0; l < this.lineCount; l++) out.push(this.lineAt(l));
    return out;
  }

  offsetAt(p: Pos): number {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < this.lineCount, `position line ${p.line} outside 0..${this.lineCount - 1}`);
    const len = this.ends[p.line] - this.starts[p.line];
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= len,
      `position ${p.line}:${p.character} outside its line (length ${len})`);
    return this.starts[p.line] + p.character;
  }

  /** Replaces the range with `text`; returns the change event VS Code would fire. */
  replace(start: Pos, end: Pos, text: string): Change {
    const a = this.offsetAt(start), b = this.offsetAt(end);
    assert.ok(a <= b, `edit range ${start.line}:${start.character}-${end.line}:${end.character} is reversed`);
    this._text = this._text.slice(0, a) + text + this._text.slice(b);
    this.index();
    this.edits++;
    return { range: { start: { ...start }, end: { ...end } }, text };
  }

  applySpec(spec: TextEditSpec): Change {
    return this.replace({ line: spec.startLine, character: spec.startChar }, { line: spec.endLine, character: spec.endChar }, spec.text);
  }
}
