// The lines of one edit session as the editor shows them — kept, removed (red), added (green),
// pending (not reached yet) or typed by the user — and what accepting or rejecting does to them.
// It is the source of truth for the session's region of the document: the renderer only makes
// the document's lines equal to `texts()`.

export type ReviewKind = 'same' | 'removed' | 'added' | 'pending' | 'user';

export interface ReviewLine {
  kind: ReviewKind;
  text: string;
  /**
   * Which line of the model this is, kept through accept / reject: a copy of the view taken when
   * it was drawn can be matched to the model after resolutions the document does not show yet.
   */
  id?: number;
}

/** A hunk: lines [start, end) of the view, a run of changes with at least one removed or added line. */
export interface HunkRange {
  start: number;
  end: number;
}

const isChange = (k: ReviewKind) => k === 'removed' || k === 'added' || k === 'user';

export class ReviewModel {
  private lines: ReviewLine[];
  private live = true;
  private nextId = 1;
  /** Hunks the user accepted / rejected so far (the ledger's outcome). */
  acceptedHunks = 0;
  rejectedHunks = 0;

  constructor(original: readonly string[]) {
    this.lines = original.map(text => this.make('pending', text));
  }

  private make(kind: ReviewKind, text: string): ReviewLine {
    return { kind, text, id: this.nextId++ };
  }

  get streaming(): boolean {
    return this.live;
  }

  get length(): number {
    return this.lines.length;
  }

  line(i: number): ReviewLine {
    return this.lines[i];
  }

  texts(): string[] {
    return this.lines.map(l => l.text);
  }

  view(): readonly ReviewLine[] {
    return this.lines;
  }

  /** While streaming: the merged view of the latest diff snapshot. */
  setView(view: readonly ReviewLine[]): void {
    if (!this.live) throw new Error('setView after the stream was frozen');
    this.lines = view.map(v => this.make(v.kind, v.text));
  }

  /**
   * Back to exactly what the document shows (the user changed it meanwhile); any update not yet
   * drawn is dropped and the stream, if any, is over.
   */
  resetTo(view: readonly ReviewLine[]): void {
    this.lines = view.map(v => this.make(v.kind, v.text));
    this.freeze();
  }

  /** The stream ended or stopped: original lines it never reached are kept as they are. */
  freeze(): void {
    this.live = false;
    for (const l of this.lines) if (l.kind === 'pending') l.kind = 'same';
  }

  hunks(): HunkRange[] {
    const out: HunkRange[] = [];
    for (let i = 0; i < this.lines.length;) {
      if (!isChange(this.lines[i].kind)) { i++; continue; }
      const start = i;
      let real = false;
      while (i < this.lines.length && isChange(this.lines[i].kind)) {
        if (this.lines[i].kind !== 'user') real = true;
        i++;
      }
      if (real) out.push({ start, end: i });
      else for (let j = start; j < i; j++) this.lines[j].kind = 'same';
    }
    return out;
  }

  /** Index of the hunk containing the line, or the nearest one below it (then above). */
  hunkAt(line: number): number {
    const hunks = this.hunks();
    const inside = hunks.findIndex(h => line >= h.start && line < h.end);
    if (inside >= 0) return inside;
    const below = hunks.findIndex(h => h.start >= line);
    return below >= 0 ? below : hunks.length - 1;
  }

  accept(hunk: HunkRange): void {
    this.resolve(hunk, 'removed');
    this.acceptedHunks++;
  }

  reject(hunk: HunkRange): void {
    this.resolve(hunk, 'added');
    this.rejectedHunks++;
  }

  acceptAll(): void {
    for (const h of this.hunks().reverse()) this.accept(h);
  }

  rejectAll(): void {
    for (const h of this.hunks().reverse()) this.reject(h);
  }

  /** Drops the lines of `drop` kind in the hunk; everything else in it (incl. user lines) stays. */
  private resolve(hunk: HunkRange, drop: 'removed' | 'added'): void {
    if (this.live) throw new Error('hunks are resolved after the stream');
    const kept: ReviewLine[] = [];
    for (let i = hunk.start; i < hunk.end; i++) {
      const l = this.lines[i];
      if (l.kind !== drop) kept.push({ kind: 'same', text: l.text, id: l.id });
    }
    this.lines.splice(hunk.start, hunk.end - hunk.start, ...kept);
  }

  get resolved(): boolean {
    return !this.live && this.hunks().length === 0;
  }

  /**
   * The user changed lines [from, to) of the region (to ≤ length); `texts` are those lines as the
   * document has them now, including any neighbouring lines the change merged in. Every character
   * typed is kept: lines that touched a change become 'user' lines, which neither accept nor reject
   * removes. A change stops the stream first.
   */
  replaceLines(from: number, to: number, texts: readonly string[]): void {
    if (this.live) this.freeze();
    const touched = this.lines.slice(from, to);
    const kind: ReviewKind = touched.some(l => isChange(l.kind)) ? 'user' : 'same';
    this.lines.splice(from, to - from, ...texts.map(text => this.make(kind, text)));
  }

  /**
   * The user changed lines [from, to) of `shown` — the region as the document shows it, which may
   * lag this model by an accept or reject not drawn yet — into `texts`. Such a resolution
   * survives (a keystroke racing a Reject must not undo it); otherwise the model restarts from
   * what is shown, as replaceLines does. Returns the lines the document shows now.
   */
  userEdit(shown: readonly ReviewLine[], from: number, to: number, texts: readonly string[]): ReviewLine[] {
    const restart = (): ReviewLine[] => {
      this.resetTo(shown);
      this.replaceLines(from, to, texts);
      return this.lines.map(l => ({ ...l }));
    };
    if (this.live) return restart(); // a stream update not drawn yet is dropped
    const index = new Map<number, number>();
    this.lines.forEach((l, j) => { if (l.id !== undefined) index.set(l.id, j); });
    // For each shown line, its line in the model, or -1 where a resolution dropped it.
    const map = shown.map(l => (l.id === undefined ? -1 : index.get(l.id) ?? -1));
    const kept = map.filter(j => j >= 0);
    if (kept.length !== this.lines.length || kept.some((j, k) => j !== k)) return restart();
    const touched = map.slice(from, to);
    const kind: ReviewKind = touched.some(j => j < 0 || isChange(this.lines[j].kind)) ? 'user' : 'same';
    const at = map.slice(0, from).filter(j => j >= 0).length;
    const fresh = texts.map(text => this.make(kind, text));
    this.lines.splice(at, touched.filter(j => j >= 0).length, ...fresh);
    return [...shown.slice(0, from), ...fresh.map(l => ({ ...l })), ...shown.slice(to)];
  }
}
