// One edit: a region of one document, the model's answer streaming through the pipeline into a
// diff, then reviewed hunk by hunk. The session never touches the editor itself: it keeps the
// ReviewModel up to date and asks its DocumentController for a frame, which draws it.
import { StreamEvent } from '../core/stream/events';
import { answerText } from '../core/stream/answerText';
import { cleanAnswer, CleanOptions } from '../core/stream/cleanAnswer';
import { StreamDiff } from '../core/diff/streamDiff';
import { mergedView } from '../core/diff/mergedView';
import { ReviewLine, ReviewModel } from '../core/review/reviewModel';
import { ModelError } from '../core/model/modelError';
import { EditMeter } from '../core/metering/editMeter';

export type SessionState = 'streaming' | 'reviewing' | 'done';

/** How the stream part of a session ended. */
export type StreamEnd =
  | { kind: 'complete' }
  | { kind: 'cancelled' }
  | { kind: 'user-edit' }
  | { kind: 'error'; error: ModelError; partial: boolean };

export interface SessionHost {
  /** The session's model changed: draw it at the next frame. */
  requestFrame(): void;
  /** The stream part ended (the session may still be under review). */
  streamEnded(session: EditSession, end: StreamEnd): void;
}

let nextId = 1;

export class EditSession {
  readonly id = `s${nextId++}`;
  readonly model: ReviewModel;
  /** What the region of the document shows right now (kept equal to the document by the controller). */
  rendered: ReviewLine[];
  state: SessionState = 'streaming';
  end?: StreamEnd;
  private readonly diff: StreamDiff;
  private readonly abort = new AbortController();
  private dirty = false;
  private stopped = false;
  /** Run once, when the controller has drawn the first lines of this session. */
  onFirstDraw?: () => void;

  constructor(
    /** Current line of the region's start in the document (moves as text above it changes). */
    public startLine: number,
    readonly original: readonly string[],
    readonly meter: EditMeter,
    private readonly host: SessionHost,
  ) {
    this.model = new ReviewModel(original);
    this.rendered = this.model.view().map(l => ({ ...l }));
    this.diff = new StreamDiff(original);
  }

  /** A session brought back after a window reload: under review, exactly as it was shown. */
  static restored(startLine: number, original: readonly string[], view: readonly ReviewLine[], meter: EditMeter, host: SessionHost): EditSession {
    const s = new EditSession(startLine, original, meter, host);
    s.stopped = true;
    s.end = { kind: 'cancelled' };
    s.model.resetTo(view);
    s.rendered = s.model.view().map(l => ({ ...l }));
    s.state = s.model.resolved ? 'done' : 'reviewing';
    return s;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get lineCount(): number {
    return this.rendered.length;
  }

  get streaming(): boolean {
    return this.state === 'streaming';
  }

  /** Runs the pipeline: model events → answer text → cleaned lines → streaming diff. */
  async run(events: AsyncIterable<StreamEvent>, clean: CleanOptions): Promise<void> {
    let end: StreamEnd;
    try {
      const lines = cleanAnswer(answerText(events, e => this.meter.onEvent(e)), clean);
      for await (const line of lines) {
        if (this.stopped) break;
        this.diff.push(line);
        if (!this.dirty) { this.dirty = true; this.host.requestFrame(); }
      }
      end = this.stopped ? this.end ?? { kind: 'cancelled' } : { kind: 'complete' };
    } catch (e) {
      const error = e instanceof ModelError ? e
        : new ModelError('connection', `The answer could not be read: ${(e as Error)?.message ?? e}`, { midStream: true });
      if (this.stopped) end = this.end ?? { kind: 'cancelled' };
      else if (error.kind === 'cancelled') end = { kind: 'cancelled' };
      else end = { kind: 'error', error, partial: this.diff.newLines.length > 0 };
    }
    if (!this.stopped) this.settle(end.kind === 'complete');
    this.end = end;
    this.host.streamEnded(this, end);
    this.host.requestFrame();
  }

  /** Per frame while streaming: bring the model up to the latest diff snapshot. */
  refresh(): void {
    if (!this.dirty || this.state !== 'streaming' || this.stopped) return;
    this.dirty = false;
    this.model.setView(mergedView(this.original, this.diff.newLines, this.diff.snapshot()));
  }

  /** The answer was empty (or only blank lines) although there was code to rewrite. */
  emptyAnswer = false;

  /**
   * The final diff: minimal for a complete answer; against the reached prefix for a cut one. An
   * empty answer to a rewrite is not a proposal to delete the selection: nothing is proposed.
   */
  private settle(complete: boolean): void {
    this.stopped = true;
    this.dirty = false;
    this.emptyAnswer = complete && this.original.some(l => l.trim() !== '') && this.diff.newLines.every(l => l.trim() === '');
    this.model.setView(this.emptyAnswer ? this.original.map(text => ({ kind: 'same' as const, text }))
      : mergedView(this.original, this.diff.newLines, this.diff.finish(complete)));
    this.model.freeze();
    this.state = this.model.resolved ? 'done' : 'reviewing';
  }

  /** Esc / Cancel: stop the HTTP request now; what arrived stays reviewable. */
  cancel(): void {
    if (this.state !== 'streaming' || this.stopped) return;
    this.abort.abort();
    this.settle(false);
    this.end = { kind: 'cancelled' };
    this.host.requestFrame();
  }

  /**
   * The user changed the region: stop the stream at once, and continue from exactly what the
   * document showed before their change (a stream update not yet drawn is dropped, never
   * misapplied; an accept or reject not yet drawn is kept).
   */
  takeUserEdit(from: number, to: number, texts: readonly string[]): void {
    if (this.state === 'streaming' && !this.stopped) {
      this.abort.abort();
      this.stopped = true;
      this.dirty = false;
      this.end = { kind: 'user-edit' };
      this.state = 'reviewing';
    }
    this.rendered = this.model.userEdit(this.rendered, from, to, texts);
    if (this.model.resolved) this.state = 'done';
  }

  /** Undo rewound the session's edits: stop the stream; the lines it showed are kept for a redo. */
  suspend(): void {
    if (this.state === 'streaming' && !this.stopped) {
      this.abort.abort();
      this.end = { kind: 'cancelled' };
    }
    this.stopped = true;
    this.dirty = false;
  }

  /** A redo put the session's lines back: review them again, exactly as they were shown. */
  resumeAfterRedo(): void {
    this.model.resetTo(this.rendered);
    this.rendered = this.model.view().map(l => ({ ...l }));
    this.state = this.model.resolved ? 'done' : 'reviewing';
  }

  /** Ends the session without touching the document (document closed). */
  dispose(): void {
    this.abort.abort();
    this.stopped = true;
    this.state = 'done';
  }

  /** After an accept/reject: the session is over once no hunk is left. */
  updateStateAfterReview(): void {
    if (this.state === 'reviewing' && this.model.resolved) this.state = 'done';
  }
}
