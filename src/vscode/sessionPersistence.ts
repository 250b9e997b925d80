// Sessions survive a window reload. VS Code restores a dirty document's text after a reload, red
// and green lines included; without its session that text would be left as plain lines. So the
// sessions are kept in workspaceState (a few times a second, and on deactivation), and when a
// document comes back with exactly the lines a session showed, the session comes back for review:
// Reject All then restores the original as usual.
import * as vscode from 'vscode';
import { ReviewLine } from '../core/review/reviewModel';
import { EditMeter } from '../core/metering/editMeter';
import { getProvider, isProviderId } from '../core/model/providers';
import { EditSession } from './editSession';
import { SessionManager } from './sessionManager';
import { Log } from './log';

const KEY = 'fastInline.sessions';
const SAVE_EVERY_MS = 300;
const FORGET_AFTER_MS = 7 * 24 * 3600 * 1000;

interface Persisted {
  uri: string;
  startLine: number;
  original: string[];
  view: ReviewLine[];
  provider: string;
  model: string;
  language: string;
  savedAt: number;
}

export class SessionPersistence implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subs: vscode.Disposable[];

  constructor(private readonly state: vscode.Memento, private readonly sessions: SessionManager, private readonly log: Log) {
    this.subs = [
      sessions.onDidChange(() => this.schedule()),
      vscode.workspace.onDidOpenTextDocument(doc => this.restore(doc)),
    ];
    for (const doc of vscode.workspace.textDocuments) this.restore(doc);
  }

  /**
   * After a crash of the extension host the document keeps exactly the lines last drawn, so the
   * saved view must keep up with the frames: small sessions are saved right after each frame,
   * large ones (whose copy costs more) at most every SAVE_EVERY_MS.
   */
  private schedule(): void {
    if (this.timer) return;
    const lines = this.sessions.all().reduce((n, c) => n + c.sessions.reduce((m, s) => m + s.rendered.length, 0), 0);
    this.timer = setTimeout(() => { this.timer = undefined; void this.save(); }, Math.min(SAVE_EVERY_MS, lines / 10));
  }

  /** Writes what every session shows now (also called on deactivation). */
  save(): Thenable<void> {
    const now = Date.now();
    const kept = this.state.get<Persisted[]>(KEY, []).filter(p => now - p.savedAt < FORGET_AFTER_MS && !this.sessions.find(p.uri)
      && !vscode.workspace.textDocuments.some(d => d.uri.toString() === p.uri));
    const live: Persisted[] = this.sessions.all().flatMap(c => c.sessions.filter(s => s.state !== 'done').map(s => ({
      uri: c.uri, startLine: s.startLine, original: [...s.original], view: s.rendered.map(l => ({ kind: l.kind, text: l.text })), // ids are the live model's own
      provider: s.meter.opts.provider, model: s.meter.opts.model, language: s.meter.opts.language, savedAt: now,
    })));
    return this.state.update(KEY, [...kept, ...live]);
  }

  /** A document (re)opened with exactly the lines a saved session showed: that session is back. */
  private restore(doc: vscode.TextDocument): void {
    const saved = this.state.get<Persisted[]>(KEY, []);
    const mine = saved.filter(p => p.uri === doc.uri.toString());
    if (mine.length === 0 || this.sessions.find(doc.uri.toString())?.sessions.length) return;
    const lines = doc.getText().split(/\r?\n/);
    const controller = this.sessions.controller(doc);
    for (const p of mine) {
      const matches = p.view.every((l, i) => lines[p.startLine + i] === l.text);
      if (!matches || !p.view.some(l => l.kind !== 'same' && l.kind !== 'pending')) continue;
      const provider = isProviderId(p.provider) ? p.provider : 'custom';
      const meter = new EditMeter({
        requestId: `restored-${p.savedAt}`, provider, model: p.model, dialect: getProvider(provider).dialect,
        language: p.language, price: undefined, estimateInput: () => 0, restored: true,
      });
      const session = EditSession.restored(p.startLine, p.original, p.view, meter,
        { requestFrame: () => controller.requestFrame(), streamEnded: () => undefined });
      controller.add(session);
      this.log.info(`Restored a review of ${doc.uri.fsPath || doc.uri.toString()} lines ${p.startLine + 1}–${p.startLine + p.view.length} after a reload.`);
    }
    void this.state.update(KEY, saved.filter(p => p.uri !== doc.uri.toString()));
    controller.requestFrame();
  }

  /** Saves once more (before the sessions are disposed: it is registered ahead of them). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    void this.save();
    for (const s of this.subs) s.dispose();
  }
}
