// The VS Code layer, simulated in plain Node for the fuzz tests: one edit session over a region of
// a SimDocument, drawn the way src/vscode/documentController.ts draws it (one minimalSplice →
// spliceToTextEdit edit per frame, `rendered` = what the document shows), and the user's own
// changes routed the way its applyForeignChange routes them.
//
// SimSession mirrors src/vscode/editSession.ts (refresh / settle / cancel / takeUserEdit) and
// SimController mirrors DocumentController.plan / acceptOwnEdit / applyForeignChange, calling the
// same core functions (ReviewModel.userEdit, routeChange), minus the vscode API (there is one session and the edits are applied synchronously, so
// an edit is always recognised as ours). Keep them in step with those files.

import { StreamDiff, DiffSnapshot } from '../../../src/core/diff/streamDiff';
import { mergedView, ViewLine } from '../../../src/core/diff/mergedView';
import { ReviewLine, ReviewModel } from '../../../src/core/review/reviewModel';
import { minimalSplice, spliceToTextEdit } from '../../../src/core/review/lineSplice';
import { routeChange } from '../../../src/core/review/foreignChange';
import { Change, SimDocument } from './simDocument';

export type SessionState = 'streaming' | 'reviewing' | 'done';
export type EndKind = 'complete' | 'cancelled' | 'user-edit' | 'error';

export class SimSession {
  readonly model: ReviewModel;
  rendered: ReviewLine[];
  state: SessionState = 'streaming';
  end?: EndKind;
  readonly diff: StreamDiff;
  dirty = false;
  stopped = false;
  /** Every view computed from a snapshot (streaming or final), for invariant checks. */
  onView?: (view: ViewLine[], snap: DiffSnapshot) => void;
  /** The final snapshot, once settled. */
  finalSnap?: DiffSnapshot;

  constructor(public startLine: number, readonly original: readonly string[]) {
    this.model = new ReviewModel(original);
    this.rendered = this.model.view().map(l => ({ ...l }));
    this.diff = new StreamDiff(original);
  }

  get lineCount(): number { return this.rendered.length; }

  /** EditSession.run's loop body: one cleaned line. */
  push(line: string): boolean {
    if (this.stopped) return false;
    this.diff.push(line);
    this.dirty = true;
    return true;
  }

  private view(snap: DiffSnapshot): ViewLine[] {
    const v = mergedView(this.original, this.diff.newLines, snap);
    this.onView?.(v, snap);
    return v;
  }

  /** EditSession.refresh. */
  refresh(): void {
    if (!this.dirty || this.state !== 'streaming' || this.stopped) return;
    this.dirty = false;
    this.model.setView(this.view(this.diff.snapshot()));
  }

  /** EditSession.run's ending (and EditSession.settle). */
  finishStream(complete: boolean): void {
    if (this.stopped) return;
    this.settle(complete);
    this.end = complete ? 'complete' : 'error';
  }

  /** The answer was empty (or only blank lines) although there was code to rewrite: nothing is proposed. */
  emptyAnswer = false;

  private settle(complete: boolean): void {
    this.stopped = true;
    this.dirty = false;
    this.emptyAnswer = complete && this.original.some(l => l.trim() !== '') && this.diff.newLines.every(l => l.trim() === '');
    // finish() is taken in every case, for the test's checks of the final diff.
    this.finalSnap = this.diff.finish(complete);
    this.model.setView(this.emptyAnswer ? this.original.map(text => ({ kind: 'same' as const, text })) : this.view(this.finalSnap));
    this.model.freeze();
    this.state = this.model.resolved ? 'done' : 'reviewing';
  }

  /** EditSession.cancel. */
  cancel(): void {
    if (this.state !== 'streaming' || this.stopped) return;
    this.settle(false);
    this.end = 'cancelled';
  }

  /** EditSession.takeUserEdit. */
  takeUserEdit(from: number, to: number, texts: readonly string[]): void {
    if (this.state === 'streaming' && !this.stopped) {
      this.stopped = true;
      this.dirty = false;
      this.end = 'user-edit';
      this.state = 'reviewing';
    }
    this.rendered = this.model.userEdit(this.rendered, from, to, texts);
    if (this.model.resolved) this.state = 'done';
  }

  updateStateAfterReview(): void {
    if (this.state === 'reviewing' && this.model.resolved) this.state = 'done';
  }
}

export class SimController {
  /** Our own edits applied to the document. */
  editsApplied = 0;
  /** Foreign changes routed inside the session (stopping it) rather than above/below it. */
  insideChanges = 0;

  constructor(readonly doc: SimDocument, readonly session: SimSession) {}

  /** DocumentController.frame for one session: refresh, plan one splice, apply it, accept it as ours. */
  frame(): void {
    const s = this.session;
    s.refresh();
    const view = s.model.view().map(l => ({ ...l }));
    const splice = minimalSplice(s.rendered.map(l => l.text), view.map(l => l.text));
    if (splice) {
      const doc = this.doc;
      const spec = spliceToTextEdit(doc.lineCount, l => doc.lineLength(l), s.startLine + splice.from,
        s.startLine + splice.to, splice.lines, doc.eol);
      doc.applySpec(spec);
      this.editsApplied++;
    }
    s.rendered = view;
    if (s.state === 'reviewing') s.updateStateAfterReview();
  }

  /** DocumentController.applyForeignChange, for a change already applied to the document. */
  foreignChange(change: Change): void {
    const s = this.session;
    const c = { startLine: change.range.start.line, startChar: change.range.start.character,
      endLine: change.range.end.line, endChar: change.range.end.character, text: change.text };
    const route = routeChange(c, s.startLine, s.rendered, l => this.doc.lineAt(Math.max(0, Math.min(l, this.doc.lineCount - 1))));
    if (route.kind === 'above') s.startLine += route.delta;
    if (route.kind !== 'inside') return;
    this.insideChanges++;
    s.takeUserEdit(route.from, route.to, route.texts);
    s.startLine = route.startLine;
  }
}
