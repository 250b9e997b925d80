// Draws every session of one document. Streams only mark themselves dirty; this controller runs
// at most one frame per FRAME_MS and applies ONE editor edit per frame for all its sessions (never
// one per token or per line), then sets the decorations. It also tells the document's own changes
// (ours) from the user's, and moves or stops sessions accordingly.
import * as vscode from 'vscode';
import { minimalSplice, spliceToTextEdit, TextEditSpec } from '../core/review/lineSplice';
import { ReviewLine } from '../core/review/reviewModel';
import { LineChange, routeChange } from '../core/review/foreignChange';
import { EditSession } from './editSession';
import { Decorations } from './decorations';
import { Log } from './log';

export const FRAME_MS = 20;

interface PlannedEdit {
  session: EditSession;
  spec: TextEditSpec;
  from: number;
  to: number;
  lines: string[];
  /** The session's view this edit draws; becomes `rendered` once the document has it. */
  view: ReviewLine[];
}

export interface ControllerHost {
  /** Sessions or hunks changed: refresh CodeLens, context keys and the status bar. */
  changed(controller: DocumentController): void;
  /** A session is over and its region is drawn for the last time. */
  retired(session: EditSession): void;
  log: Log;
}

export class DocumentController implements vscode.Disposable {
  readonly sessions: EditSession[] = [];
  private frameTimer: ReturnType<typeof setTimeout> | undefined;
  private frameRunning: Promise<void> | undefined;
  private frameRequested = false;
  private lastFrameAt = 0;
  /** The edit in flight, to recognise its change event as ours. */
  private expected: PlannedEdit[] | undefined;
  /** An undo group is open: our next edit joins it (one generation = one undo step). */
  private undoGroupOpen = false;
  /** Edits refused in a row with no change of the document in between (a read-only document). */
  private refusals = 0;
  /** Edits applied, for the benchmarks (≤ 60 per second of streaming). */
  editsApplied = 0;
  /** Round trip of each applied editor edit, ms (benchmarks: where a frame's time goes). */
  readonly editRoundTrips: number[] = [];

  constructor(readonly document: vscode.TextDocument, private readonly decorations: Decorations, private readonly host: ControllerHost) {}

  get uri(): string {
    return this.document.uri.toString();
  }

  add(session: EditSession): void {
    this.sessions.push(session);
    this.sessions.sort((a, b) => a.startLine - b.startLine);
    this.host.changed(this);
  }

  sessionAt(line: number): EditSession | undefined {
    return this.sessions.find(s => line >= s.startLine && line < s.startLine + Math.max(1, s.lineCount))
      ?? this.sessions.find(s => s.startLine >= line) ?? this.sessions[this.sessions.length - 1];
  }

  /** Schedules a frame: coalesces every request made until it runs. */
  requestFrame(): void {
    this.frameRequested = true;
    if (this.frameTimer || this.frameRunning) return;
    const wait = Math.max(0, this.lastFrameAt + FRAME_MS - performance.now());
    this.frameTimer = setTimeout(() => { this.frameTimer = undefined; void this.runFrame(); }, wait);
  }

  /** Draws now (after any frame in progress) and resolves once the document shows the models. */
  async flush(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      if (this.frameTimer) { clearTimeout(this.frameTimer); this.frameTimer = undefined; }
      while (this.frameRunning) await this.frameRunning;
      this.frameRequested = true;
      await this.runFrame();
      if (this.document.isClosed || !this.editor() || this.settled()) return;
    }
  }

  /** Every session's document lines equal its model, and no finished session is left. */
  private settled(): boolean {
    return this.sessions.every(s => s.state !== 'done'
      && s.rendered.length === s.model.length && s.rendered.every((l, i) => l.text === s.model.line(i).text));
  }

  /** Sessions set aside by an undo keep the controller alive: a redo may bring them back. */
  get hasUndone(): boolean {
    return this.undone.length > 0;
  }

  private async runFrame(): Promise<void> {
    if (this.frameRunning) return this.frameRunning;
    this.frameRunning = this.frame().catch(e => this.host.log.error(e instanceof Error ? e : String(e)));
    try {
      await this.frameRunning;
    } finally {
      this.frameRunning = undefined;
      this.lastFrameAt = performance.now();
      if (this.frameRequested) this.requestFrame();
    }
  }

  private editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active?.document === this.document) return active;
    return vscode.window.visibleTextEditors.find(e => e.document === this.document);
  }

  private async frame(): Promise<void> {
    this.frameRequested = false;
    if (this.document.isClosed) return;
    const editor = this.editor();
    // Hidden (the user switched files): keep streaming into the models, draw when it is visible again.
    if (!editor) return;
    for (const s of this.sessions) s.refresh();
    const planned = this.plan();
    if (planned.length) {
      const closing = this.sessions.every(s => s.state !== 'streaming' && s.model.resolved);
      this.expected = planned;
      const sentAt = performance.now();
      const ok = await editor.edit(builder => {
        for (const p of planned) {
          builder.replace(new vscode.Range(p.spec.startLine, p.spec.startChar, p.spec.endLine, p.spec.endChar), p.spec.text);
        }
      }, { undoStopBefore: !this.undoGroupOpen, undoStopAfter: closing }).then(r => r, () => false);
      if (this.expected === planned) {
        // The edit was refused (the document changed under it, or it cannot be changed) or its
        // event never matched: retry — unless it keeps being refused with nothing changing.
        this.expected = undefined;
        // Refused, or "applied" with no change at all (what a read-only editor answers): count it.
        // A change that did happen reaches onDidChange, which resets the count.
        if (++this.refusals >= 3) return this.giveUp();
        if (ok) this.host.log.debug('An edit was not applied as planned; drawing again from the document.');
        this.frameRequested = true;
        return;
      }
      this.refusals = 0;
      this.editsApplied++;
      if (this.editRoundTrips.length < 10_000) this.editRoundTrips.push(performance.now() - sentAt);
      this.undoGroupOpen = !closing;
    }
    this.retireDoneSessions();
    this.decorations.draw(editor, this.sessions);
    this.host.changed(this);
  }

  /** One splice per session that differs from what the document shows, against the current document. */
  private plan(): PlannedEdit[] {
    const out: PlannedEdit[] = [];
    const eol = this.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const lineLength = (l: number) => this.document.lineAt(l).text.length;
    for (const session of this.sessions) {
      const view = session.model.view().map(l => ({ ...l }));
      const splice = minimalSplice(session.rendered.map(l => l.text), view.map(l => l.text));
      if (!splice) {
        session.rendered = view; // only kinds changed
        continue;
      }
      const spec = spliceToTextEdit(this.document.lineCount, lineLength, session.startLine + splice.from,
        session.startLine + splice.to, splice.lines, eol);
      out.push({ session, spec, from: splice.from, to: splice.to, lines: splice.lines, view });
    }
    return out;
  }

  private retireDoneSessions(): void {
    for (let i = this.sessions.length - 1; i >= 0; i--) {
      const s = this.sessions[i];
      if (s.state === 'reviewing') s.updateStateAfterReview();
      if (s.state === 'done' && s.model.texts().join('\n') === s.rendered.map(l => l.text).join('\n')) {
        this.sessions.splice(i, 1);
        this.host.retired(s);
      }
    }
    if (this.sessions.length === 0) this.undoGroupOpen = false;
  }

  /** Routes a document change: ours moves bookkeeping forward; the user's moves or stops sessions. */
  onDidChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    this.refusals = 0;
    if (this.expected && this.matchesExpected(e.contentChanges)) {
      this.acceptOwnEdit(this.expected);
      this.expected = undefined;
      return;
    }
    if (e.reason === vscode.TextDocumentChangeReason.Undo) {
      // Undo reaching into a session rewinds our edits (one undo group): the document is back to
      // the original there. The session is set aside, so a redo can bring it back.
      for (const change of e.contentChanges) {
        for (const s of [...this.sessions]) if (this.overlaps(s, change.range)) this.setAside(s);
      }
    } else if (e.reason !== vscode.TextDocumentChangeReason.Redo) {
      this.undone.length = 0; // typing clears VS Code's redo stack: nothing can come back
    }
    for (const change of e.contentChanges) this.applyForeignChange(change);
    if (e.reason === vscode.TextDocumentChangeReason.Redo) this.reviveRedone();
    this.host.changed(this);
    this.requestFrame();
  }

  private matchesExpected(changes: readonly vscode.TextDocumentContentChangeEvent[]): boolean {
    const expected = this.expected!;
    if (changes.length !== expected.length) return false;
    const key = (l1: number, c1: number, l2: number, c2: number, text: string) => `${l1}:${c1}-${l2}:${c2}=${text}`;
    const want = new Set(expected.map(p => key(p.spec.startLine, p.spec.startChar, p.spec.endLine, p.spec.endChar, p.spec.text)));
    return changes.every(c => want.has(key(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character, c.text)));
  }

  private acceptOwnEdit(planned: PlannedEdit[]): void {
    let shift = 0;
    for (const session of this.sessions) {
      session.startLine += shift;
      const p = planned.find(x => x.session === session);
      if (!p) continue;
      session.rendered = p.view;
      shift += p.lines.length - (p.to - p.from);
      const first = session.onFirstDraw;
      session.onFirstDraw = undefined;
      first?.();
    }
  }

  private overlaps(s: EditSession, range: vscode.Range): boolean {
    if (s.lineCount === 0) return false;
    const end = s.startLine + s.lineCount - 1;
    return range.start.line <= end && range.end.line >= s.startLine;
  }

  /**
   * A change we did not make. Above a session: the session moves. Below: nothing. Inside (or
   * merging lines into it): the session stops streaming and adopts the document's lines, so every
   * character the user typed is kept. Where exactly the edges are is routeChange's business.
   */
  private applyForeignChange(change: vscode.TextDocumentContentChangeEvent): void {
    const c: LineChange = { startLine: change.range.start.line, startChar: change.range.start.character,
      endLine: change.range.end.line, endChar: change.range.end.character, text: change.text };
    const lineAfter = (l: number) => this.document.lineAt(Math.max(0, Math.min(l, this.document.lineCount - 1))).text;
    for (const s of this.sessions) {
      const route = routeChange(c, s.startLine, s.rendered, lineAfter);
      if (route.kind === 'above') s.startLine += route.delta;
      if (route.kind !== 'inside') continue;
      s.takeUserEdit(route.from, route.to, route.texts);
      s.startLine = route.startLine;
      this.host.log.info(`Edit inside a Fast Inline session: ${s.end?.kind === 'user-edit' ? 'stream stopped, ' : ''}your text is kept.`);
    }
  }

  /** The document refuses our edits (read-only): end every session, leave the document as it is. */
  private giveUp(): void {
    this.frameRequested = false;
    for (const s of [...this.sessions]) this.drop(s, 'the document cannot be changed');
    void vscode.window.showErrorMessage('Fast Inline: this document cannot be changed (read-only?). Nothing was modified.');
  }

  /** Sessions undone (with the lines they showed), waiting for a redo. */
  private readonly undone: { session: EditSession; texts: string[] }[] = [];

  private setAside(session: EditSession): void {
    const i = this.sessions.indexOf(session);
    if (i < 0) return;
    this.sessions.splice(i, 1);
    session.suspend();
    this.undone.push({ session, texts: session.rendered.map(l => l.text) });
    this.host.log.info(`Session ${session.id} undone; a redo brings it back for review.`);
  }

  /** A redo put a set-aside session's lines back exactly where they were: review it again. */
  private reviveRedone(): void {
    for (let i = this.undone.length - 1; i >= 0; i--) {
      const { session, texts } = this.undone[i];
      const at = session.startLine;
      const back = at + texts.length <= this.document.lineCount && texts.every((t, k) => this.document.lineAt(at + k).text === t);
      if (!back) continue;
      this.undone.splice(i, 1);
      session.resumeAfterRedo();
      this.sessions.push(session);
      this.sessions.sort((a, b) => a.startLine - b.startLine);
      this.undoGroupOpen = false;
      this.host.log.info(`Session ${session.id} is back for review after a redo.`);
    }
  }

  /** Ends a session without touching the document. */
  drop(session: EditSession, why: string): void {
    const i = this.sessions.indexOf(session);
    if (i < 0) return;
    session.dispose();
    this.sessions.splice(i, 1);
    this.host.log.info(`Session ${session.id} ended (${why}).`);
    const editor = this.editor();
    if (editor) this.decorations.draw(editor, this.sessions);
    this.host.changed(this);
  }

  /** The document's editor became visible again: draw what happened meanwhile. */
  redraw(): void {
    this.requestFrame();
  }

  dispose(): void {
    if (this.frameTimer) clearTimeout(this.frameTimer);
    for (const s of this.sessions) s.dispose();
    this.sessions.length = 0;
  }
}
